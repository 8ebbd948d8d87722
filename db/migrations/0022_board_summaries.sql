-- 0022_board_summaries: what the boards and targets sum, per person per period.
--
-- board_person_period holds, for every period a person has dated hours in
-- ('all', '2024', '2024Q1', '2024-03': core Period::code()), her dated hours
-- (the dated_hours view of 0010: verified service records + roster credits)
-- and her distinct activities (of verified records). A board of one period
-- then reads one row per person active in it instead of every record.
-- Distinct activities do not add up across months, so
-- board_person_activity_month counts each person's verified records per
-- activity and month: a record is a new activity for a period exactly when
-- it is the only one of that (person, activity) in the period's months.
-- `items` counts the records and credits behind a row; at 0 the row goes, so
-- the table holds exactly the rows a GROUP BY over the base tables gives.
--
-- Triggers keep both current on every write path (stores, imports, undo's
-- plain-SQL restores, the demo, foreign-key cascades). They are never audited
-- or undone themselves. tests/storage_board_summary_test.cpp holds them to
-- the definition.
CREATE TABLE board_person_activity_month (
    person_id    INTEGER NOT NULL,
    activity_id  INTEGER NOT NULL,
    month        TEXT    NOT NULL,    -- 'YYYY-MM' of served_on
    records      INTEGER NOT NULL,
    PRIMARY KEY (person_id, activity_id, month)
) WITHOUT ROWID;

CREATE TABLE board_person_period (
    period       TEXT    NOT NULL,
    person_id    INTEGER NOT NULL,
    hours        REAL    NOT NULL,
    activities   INTEGER NOT NULL,
    items        INTEGER NOT NULL,
    PRIMARY KEY (period, person_id)
) WITHOUT ROWID;

INSERT INTO board_person_activity_month (person_id, activity_id, month, records)
    SELECT person_id, activity_id, substr(served_on, 1, 7), count(*) FROM service_record
    WHERE verified = 1 AND activity_id IS NOT NULL
    GROUP BY 1, 2, 3;

-- The four kinds of period, each grouped from the definition (the view).
INSERT INTO board_person_period (period, person_id, hours, activities, items)
    SELECT 'all', person_id, total(hours), count(DISTINCT activity_id), count(*) FROM dated_hours
    GROUP BY 1, 2;
INSERT INTO board_person_period (period, person_id, hours, activities, items)
    SELECT substr(served_on, 1, 4), person_id, total(hours), count(DISTINCT activity_id), count(*) FROM dated_hours
    GROUP BY 1, 2;
INSERT INTO board_person_period (period, person_id, hours, activities, items)
    SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3), person_id, total(hours), count(DISTINCT activity_id), count(*) FROM dated_hours
    GROUP BY 1, 2;
INSERT INTO board_person_period (period, person_id, hours, activities, items)
    SELECT substr(served_on, 1, 7), person_id, total(hours), count(DISTINCT activity_id), count(*) FROM dated_hours
    GROUP BY 1, 2;


CREATE TRIGGER board_record_insert AFTER INSERT ON service_record WHEN NEW.verified = 1
BEGIN
    INSERT INTO board_person_activity_month (person_id, activity_id, month, records)
        SELECT NEW.person_id, NEW.activity_id, substr(NEW.served_on, 1, 7), 1 WHERE NEW.activity_id IS NOT NULL
        ON CONFLICT DO UPDATE SET records = records + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT 'all', NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND 1) = 1,
               1
        WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.served_on, 1, 4), NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND substr(m.month, 1, 4) = substr(NEW.served_on, 1, 4)) = 1,
               1
        WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.served_on, 1, 4) || 'Q' || ((CAST(substr(NEW.served_on, 6, 2) AS INTEGER) + 2) / 3), NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND substr(m.month, 1, 4) = substr(NEW.served_on, 1, 4) AND (CAST(substr(m.month, 6, 2) AS INTEGER) + 2) / 3 = (CAST(substr(NEW.served_on, 6, 2) AS INTEGER) + 2) / 3) = 1,
               1
        WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.served_on, 1, 7), NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND m.month = substr(NEW.served_on, 1, 7)) = 1,
               1
        WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
END;

CREATE TRIGGER board_record_delete AFTER DELETE ON service_record WHEN OLD.verified = 1
BEGIN
    UPDATE board_person_activity_month SET records = records - 1 WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id AND month = substr(OLD.served_on, 1, 7);
    DELETE FROM board_person_activity_month WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id AND month = substr(OLD.served_on, 1, 7) AND records = 0;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND 1))
        WHERE period = 'all' AND person_id = OLD.person_id;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND substr(m.month, 1, 4) = substr(OLD.served_on, 1, 4)))
        WHERE period = substr(OLD.served_on, 1, 4) AND person_id = OLD.person_id;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND substr(m.month, 1, 4) = substr(OLD.served_on, 1, 4) AND (CAST(substr(m.month, 6, 2) AS INTEGER) + 2) / 3 = (CAST(substr(OLD.served_on, 6, 2) AS INTEGER) + 2) / 3))
        WHERE period = substr(OLD.served_on, 1, 4) || 'Q' || ((CAST(substr(OLD.served_on, 6, 2) AS INTEGER) + 2) / 3) AND person_id = OLD.person_id;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND m.month = substr(OLD.served_on, 1, 7)))
        WHERE period = substr(OLD.served_on, 1, 7) AND person_id = OLD.person_id;
    DELETE FROM board_person_period WHERE period IN ('all', substr(OLD.served_on, 1, 4), substr(OLD.served_on, 1, 4) || 'Q' || ((CAST(substr(OLD.served_on, 6, 2) AS INTEGER) + 2) / 3), substr(OLD.served_on, 1, 7)) AND person_id = OLD.person_id AND items = 0;
END;

-- An edit takes the old row out and puts the new one in (either may be unverified).
CREATE TRIGGER board_record_update
AFTER UPDATE OF person_id, activity_id, served_on, hours, verified ON service_record
WHEN OLD.verified = 1 OR NEW.verified = 1
BEGIN
    UPDATE board_person_activity_month SET records = records - 1 WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id AND month = substr(OLD.served_on, 1, 7) AND OLD.verified = 1;
    DELETE FROM board_person_activity_month WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id AND month = substr(OLD.served_on, 1, 7) AND records = 0;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND 1))
        WHERE period = 'all' AND person_id = OLD.person_id AND OLD.verified = 1;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND substr(m.month, 1, 4) = substr(OLD.served_on, 1, 4)))
        WHERE period = substr(OLD.served_on, 1, 4) AND person_id = OLD.person_id AND OLD.verified = 1;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND substr(m.month, 1, 4) = substr(OLD.served_on, 1, 4) AND (CAST(substr(m.month, 6, 2) AS INTEGER) + 2) / 3 = (CAST(substr(OLD.served_on, 6, 2) AS INTEGER) + 2) / 3))
        WHERE period = substr(OLD.served_on, 1, 4) || 'Q' || ((CAST(substr(OLD.served_on, 6, 2) AS INTEGER) + 2) / 3) AND person_id = OLD.person_id AND OLD.verified = 1;
    UPDATE board_person_period
        SET hours = hours - OLD.hours, items = items - 1,
            activities = activities - (OLD.activity_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM board_person_activity_month m
                WHERE m.person_id = OLD.person_id AND m.activity_id = OLD.activity_id AND m.month = substr(OLD.served_on, 1, 7)))
        WHERE period = substr(OLD.served_on, 1, 7) AND person_id = OLD.person_id AND OLD.verified = 1;
    DELETE FROM board_person_period WHERE period IN ('all', substr(OLD.served_on, 1, 4), substr(OLD.served_on, 1, 4) || 'Q' || ((CAST(substr(OLD.served_on, 6, 2) AS INTEGER) + 2) / 3), substr(OLD.served_on, 1, 7)) AND person_id = OLD.person_id AND items = 0;
    INSERT INTO board_person_activity_month (person_id, activity_id, month, records)
        SELECT NEW.person_id, NEW.activity_id, substr(NEW.served_on, 1, 7), 1 WHERE NEW.activity_id IS NOT NULL AND NEW.verified = 1
        ON CONFLICT DO UPDATE SET records = records + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT 'all', NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND 1) = 1,
               1
        WHERE 1 AND NEW.verified = 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.served_on, 1, 4), NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND substr(m.month, 1, 4) = substr(NEW.served_on, 1, 4)) = 1,
               1
        WHERE 1 AND NEW.verified = 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.served_on, 1, 4) || 'Q' || ((CAST(substr(NEW.served_on, 6, 2) AS INTEGER) + 2) / 3), NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND substr(m.month, 1, 4) = substr(NEW.served_on, 1, 4) AND (CAST(substr(m.month, 6, 2) AS INTEGER) + 2) / 3 = (CAST(substr(NEW.served_on, 6, 2) AS INTEGER) + 2) / 3) = 1,
               1
        WHERE 1 AND NEW.verified = 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.served_on, 1, 7), NEW.person_id, NEW.hours,
               NEW.activity_id IS NOT NULL AND (SELECT total(m.records) FROM board_person_activity_month m
                   WHERE m.person_id = NEW.person_id AND m.activity_id = NEW.activity_id AND m.month = substr(NEW.served_on, 1, 7)) = 1,
               1
        WHERE 1 AND NEW.verified = 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, activities = activities + excluded.activities,
                                  items = items + 1;
END;

CREATE TRIGGER board_credit_insert AFTER INSERT ON roster_credit
BEGIN
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT 'all', NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.credited_on, 1, 4), NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.credited_on, 1, 4) || 'Q' || ((CAST(substr(NEW.credited_on, 6, 2) AS INTEGER) + 2) / 3), NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.credited_on, 1, 7), NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
END;

CREATE TRIGGER board_credit_delete AFTER DELETE ON roster_credit
BEGIN
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = 'all' AND person_id = OLD.person_id;
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = substr(OLD.credited_on, 1, 4) AND person_id = OLD.person_id;
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = substr(OLD.credited_on, 1, 4) || 'Q' || ((CAST(substr(OLD.credited_on, 6, 2) AS INTEGER) + 2) / 3) AND person_id = OLD.person_id;
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = substr(OLD.credited_on, 1, 7) AND person_id = OLD.person_id;
    DELETE FROM board_person_period WHERE period IN ('all', substr(OLD.credited_on, 1, 4), substr(OLD.credited_on, 1, 4) || 'Q' || ((CAST(substr(OLD.credited_on, 6, 2) AS INTEGER) + 2) / 3), substr(OLD.credited_on, 1, 7)) AND person_id = OLD.person_id AND items = 0;
END;

CREATE TRIGGER board_credit_update AFTER UPDATE OF person_id, credited_on, hours ON roster_credit
BEGIN
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = 'all' AND person_id = OLD.person_id;
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = substr(OLD.credited_on, 1, 4) AND person_id = OLD.person_id;
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = substr(OLD.credited_on, 1, 4) || 'Q' || ((CAST(substr(OLD.credited_on, 6, 2) AS INTEGER) + 2) / 3) AND person_id = OLD.person_id;
    UPDATE board_person_period SET hours = hours - OLD.hours, items = items - 1
        WHERE period = substr(OLD.credited_on, 1, 7) AND person_id = OLD.person_id;
    DELETE FROM board_person_period WHERE period IN ('all', substr(OLD.credited_on, 1, 4), substr(OLD.credited_on, 1, 4) || 'Q' || ((CAST(substr(OLD.credited_on, 6, 2) AS INTEGER) + 2) / 3), substr(OLD.credited_on, 1, 7)) AND person_id = OLD.person_id AND items = 0;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT 'all', NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.credited_on, 1, 4), NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.credited_on, 1, 4) || 'Q' || ((CAST(substr(NEW.credited_on, 6, 2) AS INTEGER) + 2) / 3), NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
    INSERT INTO board_person_period (period, person_id, hours, activities, items)
        SELECT substr(NEW.credited_on, 1, 7), NEW.person_id, NEW.hours, 0, 1 WHERE 1
        ON CONFLICT DO UPDATE SET hours = hours + excluded.hours, items = items + 1;
END;
