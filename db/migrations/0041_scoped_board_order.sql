-- 0041_scoped_board_order: the first page of a street's or a community's
-- volunteers board without seeking every person of the scope (issue 17;
-- reader: PagedBoard in db/storage/aggregates.cpp).
--
-- board_unit_person_period is board_person_period (0022) of the volunteers
-- (is_volunteer = 1) who have a unit, filed under that unit and ordered, per
-- period and activities count, by hours: the order 0033's
-- board_person_period_activities gives the district. A scope's first page
-- merges these ranges of every unit of its subtree (a street: itself and its
-- ~20 communities), best first, as the district merges its activities counts.
-- One row per person and period under her own unit only (not under every
-- ancestor): a move rewrites her rows once, and a street reads ~20 ranges.
--
-- person_unit_roster_hours walks a unit's roster history best first (the
-- all-time board counts it); is_volunteer in it spares a person row a read.
--
-- Triggers keep the table equal to its definition on every write path, as
-- 0037's unit_volunteer_period: board_person_period's rows follow, a person's
-- move, volunteer flag, insert and delete (BEFORE, as 0030/0037: the cascade
-- that follows finds her gone) move her rows, found through her own dates.
-- Upserts only (README). Never audited or undone; badges read none of it.
-- tests/storage_scoped_board_test.cpp holds it to its definition.
CREATE TABLE board_unit_person_period (
    unit_id     INTEGER NOT NULL,
    period      TEXT    NOT NULL,
    activities  INTEGER NOT NULL,
    hours       REAL    NOT NULL,
    person_id   INTEGER NOT NULL,
    PRIMARY KEY (unit_id, period, activities, hours, person_id)
) WITHOUT ROWID;

CREATE INDEX person_unit_roster_hours ON person(unit_id, roster_hours, is_volunteer) WHERE roster_hours > 0;

INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
    SELECT p.unit_id, b.period, b.activities, b.hours, b.person_id
    FROM board_person_period b JOIN person p ON p.id = b.person_id
    WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL
    ORDER BY 1, 2, 3, 4, 5;

CREATE TRIGGER board_unit_row_insert AFTER INSERT ON board_person_period
BEGIN
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT p.unit_id, NEW.period, NEW.activities, NEW.hours, NEW.person_id
        FROM person p WHERE p.id = NEW.person_id AND p.is_volunteer = 1 AND p.unit_id IS NOT NULL
        ON CONFLICT DO NOTHING;
END;

-- 0022's triggers change hours and activities in place (items alone moves nothing).
CREATE TRIGGER board_unit_row_update AFTER UPDATE OF period, person_id, hours, activities ON board_person_period
WHEN NEW.period IS NOT OLD.period OR NEW.person_id IS NOT OLD.person_id
     OR NEW.hours IS NOT OLD.hours OR NEW.activities IS NOT OLD.activities
BEGIN
    DELETE FROM board_unit_person_period
        WHERE unit_id = (SELECT unit_id FROM person WHERE id = OLD.person_id AND is_volunteer = 1)
          AND period = OLD.period AND activities = OLD.activities AND hours = OLD.hours AND person_id = OLD.person_id;
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT p.unit_id, NEW.period, NEW.activities, NEW.hours, NEW.person_id
        FROM person p WHERE p.id = NEW.person_id AND p.is_volunteer = 1 AND p.unit_id IS NOT NULL
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER board_unit_row_delete AFTER DELETE ON board_person_period
BEGIN
    DELETE FROM board_unit_person_period
        WHERE unit_id = (SELECT unit_id FROM person WHERE id = OLD.person_id AND is_volunteer = 1)
          AND period = OLD.period AND activities = OLD.activities AND hours = OLD.hours AND person_id = OLD.person_id;
END;

-- A person's rows of board_person_period, found through her own dates (its
-- key is period first), as 0037's unit_volunteer_person_* find them. A new
-- person has none unless an undo restores her after her records: one seek of
-- her 'all' row decides (imports of new people pay only that).
CREATE TRIGGER board_unit_person_insert AFTER INSERT ON person
WHEN NEW.is_volunteer = 1 AND NEW.unit_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM board_person_period WHERE period = 'all' AND person_id = NEW.id)
BEGIN
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT NEW.unit_id, b.period, b.activities, b.hours, b.person_id FROM board_person_period b
        WHERE b.person_id = NEW.id AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM roster_credit WHERE person_id = NEW.id)
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER board_unit_person_move AFTER UPDATE OF unit_id, is_volunteer ON person
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.is_volunteer IS NOT NEW.is_volunteer
BEGIN
    DELETE FROM board_unit_person_period
        WHERE OLD.is_volunteer = 1 AND unit_id = OLD.unit_id AND person_id = OLD.id
          AND (period, activities, hours) IN (
            SELECT b.period, b.activities, b.hours FROM board_person_period b
            WHERE b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM roster_credit WHERE person_id = OLD.id));
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT NEW.unit_id, b.period, b.activities, b.hours, b.person_id FROM board_person_period b
        WHERE NEW.is_volunteer = 1 AND NEW.unit_id IS NOT NULL AND b.person_id = NEW.id AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM roster_credit WHERE person_id = NEW.id)
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER board_unit_person_delete BEFORE DELETE ON person
WHEN OLD.is_volunteer = 1 AND OLD.unit_id IS NOT NULL
BEGIN
    DELETE FROM board_unit_person_period
        WHERE unit_id = OLD.unit_id AND person_id = OLD.id
          AND (period, activities, hours) IN (
            SELECT b.period, b.activities, b.hours FROM board_person_period b
            WHERE b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM roster_credit WHERE person_id = OLD.id));
END;
