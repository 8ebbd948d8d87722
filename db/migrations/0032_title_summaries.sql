-- 0032_title_summaries: the creation rates' numerators, the year's title
-- counts and the service records' count, kept by triggers (issue 17).
--
-- A creation rate's numerator is the number of DISTINCT households of a unit
-- holding a title on a day D (any level of a title name, or one title),
-- counted over award_held_span (0023) on every read: 515k ranges at 1M/5M,
-- 0.3–2 s per 目标, 年度数据, rate board and slide show.
--
-- family_title_held_step stores that count as steps: for each household its
-- "holds one" function (1 while any of its ranges of the group covers the
-- day) changes only at its ranges' ends; the row (name, title, unit, day)
-- sums those changes. Holders on D = sum(families) over day <= D. The day
-- is bucketed to its month's last day when it is a valid date, else kept as
-- it is (a malformed date compares as the text it is): for a D that is a
-- month's last day (every day titlesCountedOn gives), "a change on s <= D"
-- and "its bucket <= D" agree, so the sum is exact; any other D reads the
-- ranges (storage/title_summaries.cpp decides). title_id 0 is "any level of
-- the name" (subject_kind 'family' only), else that one title. A few rows
-- per (title, unit, month) instead of a row per held title.
--
-- award_year_tally counts awards per year, title, unit (0: none), status and
-- whether a household holds it: the year's titles by level (概览, 年度数据),
-- the households' titles (概览) and the targets' title and post counts read
-- it instead of the year's awards.
--
-- Its definition is the view family_title_held_step_source (window
-- functions: fill and tests only; a trigger recomputes one household's group
-- before and after the write, by index). Never written by hand, never
-- audited or undone. tests/storage_title_summary_test.cpp holds both tables
-- to their definitions after every kind of write.
CREATE TABLE family_title_held_step (
    title_name  TEXT    NOT NULL,
    title_id    INTEGER NOT NULL,     -- 0: any level of the name
    unit_id     INTEGER NOT NULL,
    day         TEXT    NOT NULL,     -- a month's last day, or a malformed date as stored
    families    INTEGER NOT NULL,     -- households that start (+) or stop (-) holding by then
    PRIMARY KEY (title_name, title_id, unit_id, day)
) WITHOUT ROWID;

CREATE VIEW family_title_held_step_events AS
    SELECT t.name AS title_name, 0 AS title_id, s.unit_id, s.family_id, s.held_from AS day, 1 AS d
    FROM award_held_span s JOIN award_title t ON t.id = s.title_id
    WHERE t.subject_kind = 'family' AND s.unit_id IS NOT NULL AND s.family_id IS NOT NULL
    UNION ALL
    SELECT t.name, 0, s.unit_id, s.family_id, s.held_until, -1
    FROM award_held_span s JOIN award_title t ON t.id = s.title_id
    WHERE t.subject_kind = 'family' AND s.unit_id IS NOT NULL AND s.family_id IS NOT NULL AND s.held_until IS NOT NULL
    UNION ALL
    SELECT t.name, s.title_id, s.unit_id, s.family_id, s.held_from, 1
    FROM award_held_span s JOIN award_title t ON t.id = s.title_id
    WHERE t.subject_kind = 'family' AND s.unit_id IS NOT NULL AND s.family_id IS NOT NULL
    UNION ALL
    SELECT t.name, s.title_id, s.unit_id, s.family_id, s.held_until, -1
    FROM award_held_span s JOIN award_title t ON t.id = s.title_id
    WHERE t.subject_kind = 'family' AND s.unit_id IS NOT NULL AND s.family_id IS NOT NULL AND s.held_until IS NOT NULL;

-- Per household: ranges covering each end (run), "holds one" there, its change.
CREATE VIEW family_title_held_step_source AS
    SELECT title_name, title_id, unit_id, CASE WHEN day IS NULL THEN NULL WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END AS day, sum(step) AS families
    FROM (SELECT title_name, title_id, unit_id, day,
                 (run > 0) - ifnull(lag(run > 0) OVER (PARTITION BY title_name, title_id, unit_id, family_id ORDER BY day), 0) AS step
          FROM (SELECT title_name, title_id, unit_id, family_id, day,
                       sum(sum(d)) OVER (PARTITION BY title_name, title_id, unit_id, family_id ORDER BY day) AS run
                FROM family_title_held_step_events
                GROUP BY title_name, title_id, unit_id, family_id, day))
    WHERE step <> 0
    GROUP BY 1, 2, 3, 4
    HAVING sum(step) <> 0;

INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
    SELECT title_name, title_id, unit_id, day, families FROM family_title_held_step_source;

-- The household's only range of the name (most writes: a title granted,
-- revoked, its award deleted): a step up where it starts, down where it ends.
CREATE TRIGGER family_title_held_span_insert_only AFTER INSERT ON award_held_span
WHEN NEW.family_id IS NOT NULL AND NEW.unit_id IS NOT NULL AND (SELECT subject_kind FROM award_title WHERE id = NEW.title_id) = 'family'
 AND NOT EXISTS (SELECT 1 FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = NEW.title_id)) AND NOT (s.award_id = NEW.award_id AND s.held_from = NEW.held_from))
BEGIN
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT t.name, k.title_id, NEW.unit_id, c.day, c.families
        FROM award_title t,
             (SELECT 0 AS title_id UNION ALL SELECT NEW.title_id) k,
             (SELECT CASE WHEN date(NEW.held_from, '+0 days') IS NEW.held_from THEN date(NEW.held_from, 'start of month', '+1 month', '-1 day') ELSE NEW.held_from END AS day, 1 AS families
              UNION ALL SELECT CASE WHEN date(NEW.held_until, '+0 days') IS NEW.held_until THEN date(NEW.held_until, 'start of month', '+1 month', '-1 day') ELSE NEW.held_until END, -1 WHERE NEW.held_until IS NOT NULL) c
        WHERE t.id = NEW.title_id
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    DELETE FROM family_title_held_step
        WHERE title_name = (SELECT name FROM award_title WHERE id = NEW.title_id)
          AND title_id IN (0, NEW.title_id) AND unit_id = NEW.unit_id AND families = 0;
END;

CREATE TRIGGER family_title_held_span_delete_only AFTER DELETE ON award_held_span
WHEN OLD.family_id IS NOT NULL AND OLD.unit_id IS NOT NULL AND (SELECT subject_kind FROM award_title WHERE id = OLD.title_id) = 'family'
 AND NOT EXISTS (SELECT 1 FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = OLD.title_id)))
BEGIN
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT t.name, k.title_id, OLD.unit_id, c.day, c.families
        FROM award_title t,
             (SELECT 0 AS title_id UNION ALL SELECT OLD.title_id) k,
             (SELECT CASE WHEN date(OLD.held_from, '+0 days') IS OLD.held_from THEN date(OLD.held_from, 'start of month', '+1 month', '-1 day') ELSE OLD.held_from END AS day, -1 AS families
              UNION ALL SELECT CASE WHEN date(OLD.held_until, '+0 days') IS OLD.held_until THEN date(OLD.held_until, 'start of month', '+1 month', '-1 day') ELSE OLD.held_until END, 1 WHERE OLD.held_until IS NOT NULL) c
        WHERE t.id = OLD.title_id
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    DELETE FROM family_title_held_step
        WHERE title_name = (SELECT name FROM award_title WHERE id = OLD.title_id)
          AND title_id IN (0, OLD.title_id) AND unit_id = OLD.unit_id AND families = 0;
END;

-- Else the household's group counted after the write (+) and before it (-:
-- without the new range / with the old one). Plain statements, no views:
-- SQLite would not push the household into a view with window functions.
CREATE TRIGGER family_title_held_span_insert AFTER INSERT ON award_held_span
WHEN NEW.family_id IS NOT NULL AND NEW.unit_id IS NOT NULL AND (SELECT subject_kind FROM award_title WHERE id = NEW.title_id) = 'family'
 AND EXISTS (SELECT 1 FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = NEW.title_id)) AND NOT (s.award_id = NEW.award_id AND s.held_from = NEW.held_from))
BEGIN
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = NEW.title_id), 0, NEW.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, 1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = NEW.title_id))
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = NEW.title_id)) AND s.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = NEW.title_id), 0, NEW.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, -1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = NEW.title_id)) AND NOT (s.award_id = NEW.award_id AND s.held_from = NEW.held_from)
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = NEW.title_id)) AND NOT (s.award_id = NEW.award_id AND s.held_from = NEW.held_from) AND s.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    DELETE FROM family_title_held_step
        WHERE title_name = (SELECT name FROM award_title WHERE id = NEW.title_id) AND title_id = 0 AND unit_id = NEW.unit_id AND families = 0;
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = NEW.title_id), NEW.title_id, NEW.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, 1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (NEW.title_id)
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (NEW.title_id) AND s.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = NEW.title_id), NEW.title_id, NEW.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, -1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (NEW.title_id) AND NOT (s.award_id = NEW.award_id AND s.held_from = NEW.held_from)
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = NEW.unit_id AND s.family_id = NEW.family_id AND s.title_id IN (NEW.title_id) AND NOT (s.award_id = NEW.award_id AND s.held_from = NEW.held_from) AND s.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    DELETE FROM family_title_held_step
        WHERE title_name = (SELECT name FROM award_title WHERE id = NEW.title_id) AND title_id = NEW.title_id AND unit_id = NEW.unit_id AND families = 0;
END;

CREATE TRIGGER family_title_held_span_delete AFTER DELETE ON award_held_span
WHEN OLD.family_id IS NOT NULL AND OLD.unit_id IS NOT NULL AND (SELECT subject_kind FROM award_title WHERE id = OLD.title_id) = 'family'
 AND EXISTS (SELECT 1 FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = OLD.title_id)))
BEGIN
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = OLD.title_id), 0, OLD.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, 1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = OLD.title_id))
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = OLD.title_id)) AND s.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = OLD.title_id), 0, OLD.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, -1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = OLD.title_id))
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = (SELECT name FROM award_title WHERE id = OLD.title_id)) AND s.held_until IS NOT NULL
                                  UNION ALL SELECT OLD.held_from, 1
                                  UNION ALL SELECT OLD.held_until, -1 WHERE OLD.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    DELETE FROM family_title_held_step
        WHERE title_name = (SELECT name FROM award_title WHERE id = OLD.title_id) AND title_id = 0 AND unit_id = OLD.unit_id AND families = 0;
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = OLD.title_id), OLD.title_id, OLD.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, 1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (OLD.title_id)
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (OLD.title_id) AND s.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT (SELECT name FROM award_title WHERE id = OLD.title_id), OLD.title_id, OLD.unit_id, CASE WHEN date(day, '+0 days') IS day THEN date(day, 'start of month', '+1 month', '-1 day') ELSE day END, -1 * sum(step)
        FROM (SELECT day, (run > 0) - ifnull(lag(run > 0) OVER (ORDER BY day), 0) AS step
              FROM (SELECT day, sum(sum(d)) OVER (ORDER BY day) AS run
                    FROM (SELECT s.held_from AS day, 1 AS d FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (OLD.title_id)
                                  UNION ALL SELECT s.held_until, -1 FROM award_held_span s WHERE s.unit_id = OLD.unit_id AND s.family_id = OLD.family_id AND s.title_id IN (OLD.title_id) AND s.held_until IS NOT NULL
                                  UNION ALL SELECT OLD.held_from, 1
                                  UNION ALL SELECT OLD.held_until, -1 WHERE OLD.held_until IS NOT NULL)
                    GROUP BY day))
        WHERE step <> 0
        GROUP BY 4
        ON CONFLICT DO UPDATE SET families = families + excluded.families;
    DELETE FROM family_title_held_step
        WHERE title_name = (SELECT name FROM award_title WHERE id = OLD.title_id) AND title_id = OLD.title_id AND unit_id = OLD.unit_id AND families = 0;
END;

-- A title renamed or given to another kind of subject regroups every
-- household of its old and new name (rare: 设置).
CREATE TRIGGER family_title_held_title_update AFTER UPDATE OF name, subject_kind ON award_title
WHEN OLD.name IS NOT NEW.name OR OLD.subject_kind IS NOT NEW.subject_kind
BEGIN
    DELETE FROM family_title_held_step WHERE title_name IN (OLD.name, NEW.name);
    INSERT INTO family_title_held_step (title_name, title_id, unit_id, day, families)
        SELECT title_name, title_id, unit_id, day, families FROM family_title_held_step_source
        WHERE title_name IN (OLD.name, NEW.name);
END;

-- ---- award_year_tally
CREATE TABLE award_year_tally (
    year       INTEGER NOT NULL,
    title_id   INTEGER NOT NULL,
    unit_id    INTEGER NOT NULL,      -- 0: none
    status     TEXT    NOT NULL,
    family     INTEGER NOT NULL,      -- 1: a household's title
    awards     INTEGER NOT NULL,
    PRIMARY KEY (year, title_id, unit_id, status, family)
) WITHOUT ROWID;

INSERT INTO award_year_tally (year, title_id, unit_id, status, family, awards)
    SELECT year, title_id, ifnull(unit_id, 0), status, family_id IS NOT NULL, count(*) FROM award GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER award_year_tally_insert AFTER INSERT ON award
BEGIN
    INSERT INTO award_year_tally (year, title_id, unit_id, status, family, awards)
        VALUES (NEW.year, NEW.title_id, ifnull(NEW.unit_id, 0), NEW.status, NEW.family_id IS NOT NULL, 1)
        ON CONFLICT DO UPDATE SET awards = awards + 1;
END;

CREATE TRIGGER award_year_tally_delete AFTER DELETE ON award
BEGIN
    UPDATE award_year_tally SET awards = awards - 1
        WHERE year = OLD.year AND title_id = OLD.title_id AND unit_id = ifnull(OLD.unit_id, 0)
          AND status = OLD.status AND family = (OLD.family_id IS NOT NULL);
    DELETE FROM award_year_tally
        WHERE year = OLD.year AND title_id = OLD.title_id AND unit_id = ifnull(OLD.unit_id, 0)
          AND status = OLD.status AND family = (OLD.family_id IS NOT NULL) AND awards = 0;
END;

CREATE TRIGGER award_year_tally_update AFTER UPDATE OF year, title_id, unit_id, status, family_id ON award
BEGIN
    UPDATE award_year_tally SET awards = awards - 1
        WHERE year = OLD.year AND title_id = OLD.title_id AND unit_id = ifnull(OLD.unit_id, 0)
          AND status = OLD.status AND family = (OLD.family_id IS NOT NULL);
    DELETE FROM award_year_tally
        WHERE year = OLD.year AND title_id = OLD.title_id AND unit_id = ifnull(OLD.unit_id, 0)
          AND status = OLD.status AND family = (OLD.family_id IS NOT NULL) AND awards = 0;
    INSERT INTO award_year_tally (year, title_id, unit_id, status, family, awards)
        VALUES (NEW.year, NEW.title_id, ifnull(NEW.unit_id, 0), NEW.status, NEW.family_id IS NOT NULL, 1)
        ON CONFLICT DO UPDATE SET awards = awards + 1;
END;

-- ---- service_record's row count (概览's 服务记录): a count(*) reads every
-- page of its smallest index (5M records: 80–150 ms); one row kept by
-- triggers instead (every write path: stores, imports, undo, cascades).
CREATE TABLE table_row_count (
    table_name  TEXT PRIMARY KEY,
    row_count   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO table_row_count (table_name, row_count) SELECT 'service_record', count(*) FROM service_record;

CREATE TRIGGER table_row_count_record_insert AFTER INSERT ON service_record
BEGIN
    UPDATE table_row_count SET row_count = row_count + 1 WHERE table_name = 'service_record';
END;

CREATE TRIGGER table_row_count_record_delete AFTER DELETE ON service_record
BEGIN
    UPDATE table_row_count SET row_count = row_count - 1 WHERE table_name = 'service_record';
END;
