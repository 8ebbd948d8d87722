-- 0030_unit_summaries: what the targets, 年度数据, 概览 and the slides sum per unit.
--
-- unit_period_hours is board_person_period (0022) grouped by each person's
-- current unit (0: none), for the periods 'all', 'YYYY' and 'YYYY-MM'
-- (quarters are left out: no reader sums them per unit). "Hours of the year
-- in unit U's subtree" is then a sum over the units, not a join of every
-- person active in the year. `people` counts the person rows behind a row,
-- `volunteers` those of them with is_volunteer = 1 (年度数据's active
-- volunteers); at people = 0 the row goes.
--
-- unit_person_tally counts people per unit, is_volunteer and joining key,
-- with their roster history (概览's all-time hours). joined_key is
-- 'YYYY-01-01' for a joining date of year YYYY (any 'YYYY-MM-DD…' with
-- MM-DD >= 01-01), '' when none, else joined_on itself: every reader compares
-- joined_on with a year's first day ('YYYY-01-01'), and for such a boundary
-- the key compares exactly as the date does ('' as NULL does: before all).
--
-- Triggers keep both current on every write path: board_person_period's own
-- rows (its triggers run on every record and credit write) and person's
-- inserts, deletes, moves between units and volunteer flags. A deleted
-- person's rows are taken out BEFORE the delete; the foreign-key cascade that
-- follows deletes her records when she is gone, so the board_person_period
-- triggers find no person and change nothing. Never audited or undone.
-- tests/storage_unit_summary_test.cpp holds them to the definition.
CREATE TABLE unit_period_hours (
    period      TEXT    NOT NULL,
    unit_id     INTEGER NOT NULL,
    hours       REAL    NOT NULL,
    people      INTEGER NOT NULL,
    volunteers  INTEGER NOT NULL,
    PRIMARY KEY (period, unit_id)
) WITHOUT ROWID;

CREATE TABLE unit_person_tally (
    unit_id       INTEGER NOT NULL,
    is_volunteer  INTEGER NOT NULL,
    joined_key    TEXT    NOT NULL,
    people        INTEGER NOT NULL,
    roster_hours  REAL    NOT NULL,
    PRIMARY KEY (unit_id, is_volunteer, joined_key)
) WITHOUT ROWID;

INSERT INTO unit_period_hours (period, unit_id, hours, people, volunteers)
    SELECT b.period, ifnull(p.unit_id, 0), total(b.hours), count(*), total(p.is_volunteer)
    FROM board_person_period b JOIN person p ON p.id = b.person_id
    WHERE b.period NOT GLOB '*Q*'
    GROUP BY 1, 2;

INSERT INTO unit_person_tally (unit_id, is_volunteer, joined_key, people, roster_hours)
    SELECT ifnull(unit_id, 0), is_volunteer,
           CASE WHEN joined_on IS NULL THEN ''
                WHEN joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(joined_on, 6, 5) >= '01-01'
                    THEN substr(joined_on, 1, 4) || '-01-01'
                ELSE joined_on END,
           count(*), total(roster_hours)
    FROM person GROUP BY 1, 2, 3;

-- ---- unit_period_hours: board_person_period's rows, each under her unit

CREATE TRIGGER unit_hours_row_insert AFTER INSERT ON board_person_period WHEN NEW.period NOT GLOB '*Q*'
BEGIN
    INSERT INTO unit_period_hours (period, unit_id, hours, people, volunteers)
        SELECT NEW.period, ifnull(p.unit_id, 0), NEW.hours, 1, p.is_volunteer FROM person p WHERE p.id = NEW.person_id
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, people = people + 1,
                                  volunteers = volunteers + excluded.volunteers;
END;

-- 0022's triggers change a row's hours in place (period and person stay).
CREATE TRIGGER unit_hours_row_update AFTER UPDATE OF hours ON board_person_period
WHEN NEW.period NOT GLOB '*Q*' AND NEW.period = OLD.period AND NEW.person_id = OLD.person_id AND NEW.hours IS NOT OLD.hours
BEGIN
    UPDATE unit_period_hours SET hours = hours + (NEW.hours - OLD.hours)
        WHERE period = NEW.period AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = NEW.person_id);
END;

-- Any other change of a row: out with the old, in with the new.
CREATE TRIGGER unit_hours_row_rekey AFTER UPDATE OF period, person_id ON board_person_period
WHEN NEW.period IS NOT OLD.period OR NEW.person_id IS NOT OLD.person_id
BEGIN
    UPDATE unit_period_hours
        SET hours = hours - OLD.hours, people = people - 1,
            volunteers = volunteers - (SELECT is_volunteer FROM person WHERE id = OLD.person_id)
        WHERE period = OLD.period AND OLD.period NOT GLOB '*Q*'
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id);
    DELETE FROM unit_period_hours WHERE period = OLD.period AND people = 0
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id);
    INSERT INTO unit_period_hours (period, unit_id, hours, people, volunteers)
        SELECT NEW.period, ifnull(p.unit_id, 0), NEW.hours, 1, p.is_volunteer FROM person p
        WHERE p.id = NEW.person_id AND NEW.period NOT GLOB '*Q*'
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, people = people + 1,
                                  volunteers = volunteers + excluded.volunteers;
END;

CREATE TRIGGER unit_hours_row_delete AFTER DELETE ON board_person_period WHEN OLD.period NOT GLOB '*Q*'
BEGIN
    UPDATE unit_period_hours
        SET hours = hours - OLD.hours, people = people - 1,
            volunteers = volunteers - (SELECT is_volunteer FROM person WHERE id = OLD.person_id)
        WHERE period = OLD.period AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id);
    DELETE FROM unit_period_hours WHERE period = OLD.period AND people = 0
          AND unit_id = (SELECT ifnull(unit_id, 0) FROM person WHERE id = OLD.person_id);
END;

-- A person's rows of board_person_period are found through her own dates
-- (its key is period first): the periods of her records and credits.
CREATE TRIGGER unit_hours_person_insert AFTER INSERT ON person
BEGIN
    INSERT INTO unit_period_hours (period, unit_id, hours, people, volunteers)
        SELECT b.period, ifnull(NEW.unit_id, 0), b.hours, 1, NEW.is_volunteer FROM board_person_period b
        WHERE b.person_id = NEW.id AND b.period NOT GLOB '*Q*' AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = NEW.id)
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, people = people + 1,
                                  volunteers = volunteers + excluded.volunteers;
END;

CREATE TRIGGER unit_hours_person_move AFTER UPDATE OF unit_id, is_volunteer ON person
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.is_volunteer IS NOT NEW.is_volunteer
BEGIN
    UPDATE unit_period_hours
        SET hours = unit_period_hours.hours - b.hours, people = unit_period_hours.people - 1,
            volunteers = unit_period_hours.volunteers - OLD.is_volunteer
        FROM board_person_period b
        WHERE b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id)
          AND unit_period_hours.period = b.period AND unit_period_hours.unit_id = ifnull(OLD.unit_id, 0);
    DELETE FROM unit_period_hours WHERE unit_id = ifnull(OLD.unit_id, 0) AND people = 0;
    INSERT INTO unit_period_hours (period, unit_id, hours, people, volunteers)
        SELECT b.period, ifnull(NEW.unit_id, 0), b.hours, 1, NEW.is_volunteer FROM board_person_period b
        WHERE b.person_id = NEW.id AND b.period NOT GLOB '*Q*' AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = NEW.id)
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, people = people + 1,
                                  volunteers = volunteers + excluded.volunteers;
END;

CREATE TRIGGER unit_hours_person_delete BEFORE DELETE ON person
BEGIN
    UPDATE unit_period_hours
        SET hours = unit_period_hours.hours - b.hours, people = unit_period_hours.people - 1,
            volunteers = unit_period_hours.volunteers - OLD.is_volunteer
        FROM board_person_period b
        WHERE b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id)
          AND unit_period_hours.period = b.period AND unit_period_hours.unit_id = ifnull(OLD.unit_id, 0);
    DELETE FROM unit_period_hours WHERE unit_id = ifnull(OLD.unit_id, 0) AND people = 0;
END;

-- ---- unit_person_tally: people per unit and joining year

CREATE TRIGGER unit_tally_person_insert AFTER INSERT ON person
BEGIN
    INSERT INTO unit_person_tally (unit_id, is_volunteer, joined_key, people, roster_hours)
        SELECT ifnull(NEW.unit_id, 0), NEW.is_volunteer,
               CASE WHEN NEW.joined_on IS NULL THEN ''
                    WHEN NEW.joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(NEW.joined_on, 6, 5) >= '01-01'
                        THEN substr(NEW.joined_on, 1, 4) || '-01-01'
                    ELSE NEW.joined_on END,
               1, NEW.roster_hours
        WHERE 1
        ON CONFLICT DO UPDATE SET people = people + 1, roster_hours = roster_hours + excluded.roster_hours;
END;

CREATE TRIGGER unit_tally_person_delete AFTER DELETE ON person
BEGIN
    UPDATE unit_person_tally SET people = people - 1, roster_hours = roster_hours - OLD.roster_hours
        WHERE unit_id = ifnull(OLD.unit_id, 0) AND is_volunteer = OLD.is_volunteer
          AND joined_key = CASE WHEN OLD.joined_on IS NULL THEN ''
                                WHEN OLD.joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(OLD.joined_on, 6, 5) >= '01-01'
                                    THEN substr(OLD.joined_on, 1, 4) || '-01-01'
                                ELSE OLD.joined_on END;
    DELETE FROM unit_person_tally WHERE unit_id = ifnull(OLD.unit_id, 0) AND is_volunteer = OLD.is_volunteer AND people = 0;
END;

CREATE TRIGGER unit_tally_person_update AFTER UPDATE OF unit_id, is_volunteer, joined_on, roster_hours ON person
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.is_volunteer IS NOT NEW.is_volunteer OR OLD.joined_on IS NOT NEW.joined_on
     OR OLD.roster_hours IS NOT NEW.roster_hours
BEGIN
    UPDATE unit_person_tally SET people = people - 1, roster_hours = roster_hours - OLD.roster_hours
        WHERE unit_id = ifnull(OLD.unit_id, 0) AND is_volunteer = OLD.is_volunteer
          AND joined_key = CASE WHEN OLD.joined_on IS NULL THEN ''
                                WHEN OLD.joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(OLD.joined_on, 6, 5) >= '01-01'
                                    THEN substr(OLD.joined_on, 1, 4) || '-01-01'
                                ELSE OLD.joined_on END;
    DELETE FROM unit_person_tally WHERE unit_id = ifnull(OLD.unit_id, 0) AND is_volunteer = OLD.is_volunteer AND people = 0;
    INSERT INTO unit_person_tally (unit_id, is_volunteer, joined_key, people, roster_hours)
        SELECT ifnull(NEW.unit_id, 0), NEW.is_volunteer,
               CASE WHEN NEW.joined_on IS NULL THEN ''
                    WHEN NEW.joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(NEW.joined_on, 6, 5) >= '01-01'
                        THEN substr(NEW.joined_on, 1, 4) || '-01-01'
                    ELSE NEW.joined_on END,
               1, NEW.roster_hours
        WHERE 1
        ON CONFLICT DO UPDATE SET people = people + 1, roster_hours = roster_hours + excluded.roster_hours;
END;
