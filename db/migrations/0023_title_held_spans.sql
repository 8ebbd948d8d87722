-- 0023_title_held_spans: when each held title counts, as date ranges.
--
-- title_standing_sql.hpp's sqlTitlesHeldOn(D) decides "held on day D" by
-- grouping every held award's events, every time it is asked (a city's
-- 545k family titles: seconds per day asked). Its answer, as a function of D, is a few date ranges per award:
-- from each confirmation c (the naming day, then each later 复核) until the
-- earlier of c + validity + grace (clamped months, as the rule adds them) and
-- the next confirmation; without a validity, from the naming day on for good.
-- award_held_span holds those ranges, so "held on D" is
-- `held_from <= D AND (held_until IS NULL OR D < held_until)` over an index:
-- the rate boards and the rate targets read it instead of the events.
-- title_id, unit_id and family_id are the award's, copied so that the
-- counts per unit and title read the index alone.
--
-- Its definition is the view award_held_span_source (the rule in SQL, the same
-- as sqlTitlesHeldOn; tests/storage_title_spans_test.cpp holds them equal on
-- random histories): the union of award_held_span_named (the range from the
-- naming day) and award_held_span_reviewed (one from each later 复核). Triggers rebuild an award's ranges on every write that
-- can move them: the award (status, title, year, unit, family), its 命名/复核
-- events, a title's validity, the region's grace. Never write it yourself.
-- (Also here: person_volunteer_joined, a narrow index for the targets'
-- volunteers stock, at the end.)
CREATE TABLE award_held_span (
    award_id    INTEGER NOT NULL,
    held_from   TEXT    NOT NULL,    -- first day held (a confirmation)
    held_until  TEXT,                -- first day no longer held; NULL: never lapses
    title_id    INTEGER NOT NULL,
    unit_id     INTEGER,
    family_id   INTEGER,
    PRIMARY KEY (award_id, held_from)
) WITHOUT ROWID;
CREATE INDEX award_held_span_title ON award_held_span(title_id, unit_id, family_id, held_from, held_until);

-- The views the triggers read are written without GROUP BY, window functions
-- or UNION (correlated look-ups by index instead): written with them, SQLite
-- 3.40 did not push a trigger's `WHERE award_id = X` into the view
-- (EXPLAIN QUERY PLAN: a scan of every award per write). Flat, the condition
-- reaches the award and its events by index.

-- One row per held (命名/复核) award: its naming day (latest 命名 event, else
-- YYYY-12-31), its title's validity and the region's grace in months.
CREATE VIEW award_held_life AS
    SELECT ha.id AS award_id, ha.title_id, ha.unit_id, ha.family_id, ht.valid_years,
           coalesce((SELECT max(he.happened_on) FROM award_event he WHERE he.award_id = ha.id AND he.status = '命名'),
                    ha.year || '-12-31') AS named_on,
           ifnull((SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'titles.grace_months'), 6) AS grace_months
    FROM award ha JOIN award_title ht ON ht.id = ha.title_id
    WHERE ha.status IN ('命名', '复核');

-- A range starts on each confirmation: the naming day, and each later 复核
-- day when the title expires at all. It ends at the earlier of its lapse
-- (confirmation + valid_years * 12 + grace months, the day cut to the month's
-- end: sqlAddMonthsClamped) and the next 复核 day. A lapse SQLite cannot
-- compute (a malformed date) holds on no day, as in the rule.
CREATE VIEW award_held_span_named AS
    SELECT award_id, held_from, CASE WHEN valid_years IS NULL THEN NULL ELSE lapse_or_next END AS held_until,
           title_id, unit_id, family_id
    FROM (SELECT l.award_id, l.named_on AS held_from, l.title_id, l.unit_id, l.family_id, l.valid_years,
                 min(date(l.named_on, 'start of month', '+' || (l.valid_years * 12 + l.grace_months) || ' months',
                          '+' || (CAST(strftime('%d', l.named_on) AS INTEGER) - 1) || ' days'),
                     date(l.named_on, 'start of month', '+' || (l.valid_years * 12 + l.grace_months + 1) || ' months', '-1 day'),
                     ifnull((SELECT min(n.happened_on) FROM award_event n
                             WHERE n.award_id = l.award_id AND n.status = '复核' AND n.happened_on > l.named_on), '9999')) AS lapse_or_next
          FROM award_held_life l)
    WHERE valid_years IS NULL OR lapse_or_next > held_from;

-- Several 复核 events on one day give the same row more than once: the
-- triggers insert OR IGNORE (the key is award_id, held_from).
CREATE VIEW award_held_span_reviewed AS
    SELECT award_id, held_from, lapse_or_next AS held_until, title_id, unit_id, family_id
    FROM (SELECT l.award_id, e.happened_on AS held_from, l.title_id, l.unit_id, l.family_id,
                 min(date(e.happened_on, 'start of month', '+' || (l.valid_years * 12 + l.grace_months) || ' months',
                          '+' || (CAST(strftime('%d', e.happened_on) AS INTEGER) - 1) || ' days'),
                     date(e.happened_on, 'start of month', '+' || (l.valid_years * 12 + l.grace_months + 1) || ' months', '-1 day'),
                     ifnull((SELECT min(n.happened_on) FROM award_event n
                             WHERE n.award_id = l.award_id AND n.status = '复核' AND n.happened_on > e.happened_on), '9999')) AS lapse_or_next
          FROM award_held_life l JOIN award_event e ON e.award_id = l.award_id
          WHERE l.valid_years IS NOT NULL AND e.status = '复核' AND e.happened_on > l.named_on)
    WHERE lapse_or_next > held_from;

-- The whole definition, for the fill and the tests.
CREATE VIEW award_held_span_source AS
    SELECT * FROM award_held_span_named UNION SELECT * FROM award_held_span_reviewed;

INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
    SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_source;

-- Triggers: an award's ranges are thrown away and read again from the views.
CREATE TRIGGER award_held_award_insert AFTER INSERT ON award
BEGIN
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = NEW.id;
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = NEW.id;
END;

CREATE TRIGGER award_held_award_update AFTER UPDATE OF id, status, title_id, year, unit_id, family_id ON award
BEGIN
    DELETE FROM award_held_span WHERE award_id IN (OLD.id, NEW.id);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = NEW.id;
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = NEW.id;
END;

CREATE TRIGGER award_held_award_delete AFTER DELETE ON award
BEGIN
    DELETE FROM award_held_span WHERE award_id = OLD.id;
END;

-- Only 命名 and 复核 events move a held title's ranges.
CREATE TRIGGER award_held_event_insert AFTER INSERT ON award_event WHEN NEW.status IN ('命名', '复核')
BEGIN
    DELETE FROM award_held_span WHERE award_id = NEW.award_id;
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = NEW.award_id;
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = NEW.award_id;
END;

CREATE TRIGGER award_held_event_delete AFTER DELETE ON award_event WHEN OLD.status IN ('命名', '复核')
BEGIN
    DELETE FROM award_held_span WHERE award_id = OLD.award_id;
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = OLD.award_id;
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = OLD.award_id;
END;

CREATE TRIGGER award_held_event_update AFTER UPDATE OF award_id, status, happened_on ON award_event
WHEN OLD.status IN ('命名', '复核') OR NEW.status IN ('命名', '复核')
BEGIN
    DELETE FROM award_held_span WHERE award_id IN (OLD.award_id, NEW.award_id);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (OLD.award_id, NEW.award_id);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (OLD.award_id, NEW.award_id);
END;

-- A title's validity or the region's grace moves every range they reach (rare: 设置).
CREATE TRIGGER award_held_title_validity AFTER UPDATE OF valid_years ON award_title
BEGIN
    DELETE FROM award_held_span WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id);
END;

CREATE TRIGGER award_held_grace_insert AFTER INSERT ON setting WHEN NEW.key = 'titles.grace_months'
BEGIN
    DELETE FROM award_held_span WHERE title_id IN (SELECT id FROM award_title WHERE valid_years IS NOT NULL);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL);
END;

CREATE TRIGGER award_held_grace_update AFTER UPDATE ON setting WHEN OLD.key = 'titles.grace_months' OR NEW.key = 'titles.grace_months'
BEGIN
    DELETE FROM award_held_span WHERE title_id IN (SELECT id FROM award_title WHERE valid_years IS NOT NULL);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL);
END;

CREATE TRIGGER award_held_grace_delete AFTER DELETE ON setting WHEN OLD.key = 'titles.grace_months'
BEGIN
    DELETE FROM award_held_span WHERE title_id IN (SELECT id FROM award_title WHERE valid_years IS NOT NULL);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL);
    INSERT OR IGNORE INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL);
END;

-- The targets' volunteers stock (per unit: on the roll by a day) reads this
-- narrow index instead of every person row (is_volunteer is in it so that
-- SQLite reads the index alone).
CREATE INDEX person_volunteer_joined ON person(unit_id, joined_on, is_volunteer) WHERE is_volunteer = 1;
