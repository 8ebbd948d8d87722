-- 0037_unit_board_summaries: the 社区/街道 boards by hours, points and titles,
-- and the all-time volunteers board's size, without walking every person
-- (issue 17; readers in db/storage/unit_board.cpp and aggregates.cpp).
--
-- unit_volunteer_period is board_person_period (0022) of the volunteers
-- (is_volunteer = 1) grouped by each one's current unit (0: none), for every
-- period kind, quarters included: hours, the sum of the rows' activities
-- counts and the rows (`people`; at 0 the row goes). A unit's points are
-- linear in these (core/points.cpp): per hour × (hours + roster history on
-- the all-time board, from 0030's unit_person_tally) + per activity ×
-- activities + the points of its volunteers' titles (few, read as asked).
-- Unlike 0030's unit_period_hours it leaves out people who are not
-- volunteers (the boards never count them) and keeps quarters.
--
-- award_named_on holds, for every held (命名/复核) award with a unit, the day
-- it was named as the boards define it (the latest 命名 event, else 31
-- December of its year); unit_title_named counts those awards per unit and
-- naming day (a few per unit: the titles metric sums a range of days).
--
-- board_roster_only counts the people with roster history and no dated
-- hours at all (no 'all' row in board_person_period): the all-time
-- volunteers board's size adds them (it counted them on every read).
--
-- Triggers keep all of them current on every write path (stores, imports,
-- undo's plain-SQL restores, foreign-key cascades). A deleted person's rows
-- are taken out BEFORE the delete, as in 0030; the cascade that follows finds
-- her gone and changes nothing. Never audited or undone; badges read none of
-- them. tests/storage_unit_board_test.cpp holds them to their definition.
CREATE TABLE unit_volunteer_period (
    period      TEXT    NOT NULL,
    unit_id     INTEGER NOT NULL,
    hours       REAL    NOT NULL,
    activities  INTEGER NOT NULL,
    people      INTEGER NOT NULL,
    PRIMARY KEY (period, unit_id)
) WITHOUT ROWID;
-- The emptied rows of one unit, for the move and delete triggers (0034's lesson).
CREATE INDEX unit_volunteer_period_empty ON unit_volunteer_period(unit_id) WHERE people = 0;

CREATE TABLE award_named_on (
    award_id  INTEGER PRIMARY KEY,
    unit_id   INTEGER NOT NULL,
    named_on  TEXT    NOT NULL
);

CREATE TABLE unit_title_named (
    unit_id   INTEGER NOT NULL,
    named_on  TEXT    NOT NULL,
    titles    INTEGER NOT NULL,
    PRIMARY KEY (unit_id, named_on)
) WITHOUT ROWID;

CREATE TABLE board_roster_only (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    people  INTEGER NOT NULL
);

INSERT INTO unit_volunteer_period (period, unit_id, hours, activities, people)
    SELECT b.period, ifnull(p.unit_id, 0), total(b.hours), sum(b.activities), count(*)
    FROM board_person_period b JOIN person p ON p.id = b.person_id
    WHERE p.is_volunteer = 1
    GROUP BY 1, 2;

INSERT INTO award_named_on (award_id, unit_id, named_on)
    SELECT a.id, a.unit_id,
           coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                    a.year || '-12-31')
    FROM award a WHERE a.unit_id IS NOT NULL AND a.status IN ('命名', '复核');

INSERT INTO unit_title_named (unit_id, named_on, titles)
    SELECT unit_id, named_on, count(*) FROM award_named_on GROUP BY 1, 2;

INSERT INTO board_roster_only (id, people)
    SELECT 1, count(*) FROM person
    WHERE roster_hours > 0
      AND NOT EXISTS (SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = person.id);

-- ---- unit_volunteer_period: board_person_period's rows of volunteers, each under her unit

CREATE TRIGGER unit_volunteer_row_insert AFTER INSERT ON board_person_period
BEGIN
    INSERT INTO unit_volunteer_period (period, unit_id, hours, activities, people)
        SELECT NEW.period, ifnull(p.unit_id, 0), NEW.hours, NEW.activities, 1
        FROM person p WHERE p.id = NEW.person_id AND p.is_volunteer = 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  people = people + 1;
END;

-- 0022's triggers change a row's hours and activities in place.
CREATE TRIGGER unit_volunteer_row_update AFTER UPDATE OF hours, activities ON board_person_period
WHEN NEW.period = OLD.period AND NEW.person_id = OLD.person_id
     AND (NEW.hours IS NOT OLD.hours OR NEW.activities IS NOT OLD.activities)
BEGIN
    UPDATE unit_volunteer_period
        SET hours = hours + (NEW.hours - OLD.hours), activities = activities + (NEW.activities - OLD.activities)
        WHERE period = NEW.period
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = NEW.person_id AND is_volunteer = 1);
END;

CREATE TRIGGER unit_volunteer_row_rekey AFTER UPDATE OF period, person_id ON board_person_period
WHEN NEW.period IS NOT OLD.period OR NEW.person_id IS NOT OLD.person_id
BEGIN
    UPDATE unit_volunteer_period
        SET hours = hours - OLD.hours, activities = activities - OLD.activities, people = people - 1
        WHERE period = OLD.period
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id AND is_volunteer = 1);
    DELETE FROM unit_volunteer_period WHERE period = OLD.period AND people = 0
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id AND is_volunteer = 1);
    INSERT INTO unit_volunteer_period (period, unit_id, hours, activities, people)
        SELECT NEW.period, ifnull(p.unit_id, 0), NEW.hours, NEW.activities, 1
        FROM person p WHERE p.id = NEW.person_id AND p.is_volunteer = 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  people = people + 1;
END;

CREATE TRIGGER unit_volunteer_row_delete AFTER DELETE ON board_person_period
BEGIN
    UPDATE unit_volunteer_period
        SET hours = hours - OLD.hours, activities = activities - OLD.activities, people = people - 1
        WHERE period = OLD.period
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id AND is_volunteer = 1);
    DELETE FROM unit_volunteer_period WHERE period = OLD.period AND people = 0
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id AND is_volunteer = 1);
END;

-- A person's rows of board_person_period are found through her own dates
-- (its key is period first): every period of her records and credits.
CREATE TRIGGER unit_volunteer_person_insert AFTER INSERT ON person WHEN NEW.is_volunteer = 1
BEGIN
    INSERT INTO unit_volunteer_period (period, unit_id, hours, activities, people)
        SELECT b.period, ifnull(NEW.unit_id, 0), b.hours, b.activities, 1 FROM board_person_period b
        WHERE b.person_id = NEW.id AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM roster_credit WHERE person_id = NEW.id)
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  people = people + 1;
END;

CREATE TRIGGER unit_volunteer_person_move AFTER UPDATE OF unit_id, is_volunteer ON person
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.is_volunteer IS NOT NEW.is_volunteer
BEGIN
    UPDATE unit_volunteer_period
        SET hours = unit_volunteer_period.hours - b.hours, activities = unit_volunteer_period.activities - b.activities,
            people = unit_volunteer_period.people - 1
        FROM board_person_period b
        WHERE OLD.is_volunteer = 1 AND b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM roster_credit WHERE person_id = OLD.id)
          AND unit_volunteer_period.period = b.period AND unit_volunteer_period.unit_id = ifnull(OLD.unit_id, 0);
    DELETE FROM unit_volunteer_period WHERE unit_id = ifnull(OLD.unit_id, 0) AND people = 0;
    INSERT INTO unit_volunteer_period (period, unit_id, hours, activities, people)
        SELECT b.period, ifnull(NEW.unit_id, 0), b.hours, b.activities, 1 FROM board_person_period b
        WHERE NEW.is_volunteer = 1 AND b.person_id = NEW.id AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                  FROM roster_credit WHERE person_id = NEW.id)
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  people = people + 1;
END;

CREATE TRIGGER unit_volunteer_person_delete BEFORE DELETE ON person WHEN OLD.is_volunteer = 1
BEGIN
    UPDATE unit_volunteer_period
        SET hours = unit_volunteer_period.hours - b.hours, activities = unit_volunteer_period.activities - b.activities,
            people = unit_volunteer_period.people - 1
        FROM board_person_period b
        WHERE b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((CAST(substr(credited_on, 6, 2) AS INTEGER) + 2) / 3)
                      FROM roster_credit WHERE person_id = OLD.id)
          AND unit_volunteer_period.period = b.period AND unit_volunteer_period.unit_id = ifnull(OLD.unit_id, 0);
    DELETE FROM unit_volunteer_period WHERE unit_id = ifnull(OLD.unit_id, 0) AND people = 0;
END;

-- ---- award_named_on and unit_title_named: an award's row is taken out and
-- made again from the award and its events on every write that may move it.

CREATE TRIGGER unit_title_named_row_insert AFTER INSERT ON award_named_on
BEGIN
    INSERT INTO unit_title_named (unit_id, named_on, titles) VALUES (NEW.unit_id, NEW.named_on, 1)
        ON CONFLICT DO UPDATE SET titles = titles + 1;
END;

CREATE TRIGGER unit_title_named_row_delete AFTER DELETE ON award_named_on
BEGIN
    UPDATE unit_title_named SET titles = titles - 1 WHERE unit_id = OLD.unit_id AND named_on = OLD.named_on;
    DELETE FROM unit_title_named WHERE unit_id = OLD.unit_id AND named_on = OLD.named_on AND titles = 0;
END;

CREATE TRIGGER award_named_award_insert AFTER INSERT ON award
WHEN NEW.unit_id IS NOT NULL AND NEW.status IN ('命名', '复核')
BEGIN
    INSERT INTO award_named_on (award_id, unit_id, named_on)
        VALUES (NEW.id, NEW.unit_id,
                coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = NEW.id AND e.status = '命名'),
                         NEW.year || '-12-31'))
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER award_named_award_update AFTER UPDATE OF id, status, unit_id, year ON award
BEGIN
    DELETE FROM award_named_on WHERE award_id IN (OLD.id, NEW.id);
    INSERT INTO award_named_on (award_id, unit_id, named_on)
        SELECT NEW.id, NEW.unit_id,
               coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = NEW.id AND e.status = '命名'),
                        NEW.year || '-12-31')
        WHERE NEW.unit_id IS NOT NULL AND NEW.status IN ('命名', '复核')
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER award_named_award_delete AFTER DELETE ON award
BEGIN
    DELETE FROM award_named_on WHERE award_id = OLD.id;
END;

CREATE TRIGGER award_named_event_insert AFTER INSERT ON award_event WHEN NEW.status = '命名'
BEGIN
    DELETE FROM award_named_on WHERE award_id = NEW.award_id;
    INSERT INTO award_named_on (award_id, unit_id, named_on)
        SELECT a.id, a.unit_id,
               coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                        a.year || '-12-31')
        FROM award a WHERE a.id = NEW.award_id AND a.unit_id IS NOT NULL AND a.status IN ('命名', '复核')
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER award_named_event_delete AFTER DELETE ON award_event WHEN OLD.status = '命名'
BEGIN
    DELETE FROM award_named_on WHERE award_id = OLD.award_id;
    INSERT INTO award_named_on (award_id, unit_id, named_on)
        SELECT a.id, a.unit_id,
               coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                        a.year || '-12-31')
        FROM award a WHERE a.id = OLD.award_id AND a.unit_id IS NOT NULL AND a.status IN ('命名', '复核')
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER award_named_event_update AFTER UPDATE OF award_id, status, happened_on ON award_event
WHEN OLD.status = '命名' OR NEW.status = '命名'
BEGIN
    DELETE FROM award_named_on WHERE award_id IN (OLD.award_id, NEW.award_id);
    INSERT INTO award_named_on (award_id, unit_id, named_on)
        SELECT a.id, a.unit_id,
               coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                        a.year || '-12-31')
        FROM award a WHERE a.id IN (OLD.award_id, NEW.award_id) AND a.unit_id IS NOT NULL AND a.status IN ('命名', '复核')
        ON CONFLICT DO NOTHING;
END;

-- ---- board_roster_only

CREATE TRIGGER board_roster_only_person_insert AFTER INSERT ON person WHEN NEW.roster_hours > 0
BEGIN
    UPDATE board_roster_only SET people = people + 1
        WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = NEW.id);
END;

CREATE TRIGGER board_roster_only_person_delete BEFORE DELETE ON person WHEN OLD.roster_hours > 0
BEGIN
    UPDATE board_roster_only SET people = people - 1
        WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = OLD.id);
END;

CREATE TRIGGER board_roster_only_person_update AFTER UPDATE OF id, roster_hours ON person
WHEN OLD.id IS NOT NEW.id OR (OLD.roster_hours > 0) IS NOT (NEW.roster_hours > 0)
BEGIN
    UPDATE board_roster_only SET people = people
        - (OLD.roster_hours > 0 AND NOT EXISTS (SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = OLD.id))
        + (NEW.roster_hours > 0 AND NOT EXISTS (SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = NEW.id))
        WHERE id = 1;
END;

CREATE TRIGGER board_roster_only_row_insert AFTER INSERT ON board_person_period WHEN NEW.period = 'all'
BEGIN
    UPDATE board_roster_only SET people = people - 1
        WHERE id = 1 AND EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id AND roster_hours > 0);
END;

CREATE TRIGGER board_roster_only_row_delete AFTER DELETE ON board_person_period WHEN OLD.period = 'all'
BEGIN
    UPDATE board_roster_only SET people = people + 1
        WHERE id = 1 AND EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id AND roster_hours > 0);
END;

CREATE TRIGGER board_roster_only_row_rekey AFTER UPDATE OF period, person_id ON board_person_period
WHEN (OLD.period = 'all' OR NEW.period = 'all') AND (NEW.period IS NOT OLD.period OR NEW.person_id IS NOT OLD.person_id)
BEGIN
    UPDATE board_roster_only SET people = people
        + (OLD.period = 'all' AND EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id AND roster_hours > 0))
        - (NEW.period = 'all' AND EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id AND roster_hours > 0))
        WHERE id = 1;
END;
