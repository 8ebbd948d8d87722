-- 0038_review_order_unit_day_hours: 称号复核's order kept by triggers, and the
-- badges' verified hours per unit and day (issue 17).
--
-- ---- review_title_order
--
-- 称号复核 lists the held (命名/复核) family and person titles ordered by
-- unit, holder, title, year (storage/title_review.cpp). Filtered on 全部有效
-- every one of them is listed (515k at 1M/5M): joining award, family, person
-- and org_unit and sorting took seconds. review_title_order holds one row per
-- such award with its sort key (the same texts the list shows, BINARY order)
-- and an index per way the list reads it: the whole list in order, a unit's.
-- A page is one keyset range; only the page's rows are judged by the rule.
--
-- Its definition is the view review_title_order_source (the list's own
-- joins). Triggers recompute an award's row on every write that can move it
-- (the award, its household's head or unit, its person's name or unit, a
-- unit's or a title's name); never written by hand, never audited or undone.
-- tests/storage_review_order_test.cpp holds it to the view after every kind
-- of write.
CREATE TABLE review_title_order (
    award_id    INTEGER PRIMARY KEY,
    unit_id     INTEGER,              -- coalesce(award's, household's, person's unit)
    unit_name   TEXT    NOT NULL,     -- '' without a unit
    holder      TEXT    NOT NULL,     -- 户主 or the person's name
    title_name  TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    title_id    INTEGER NOT NULL
);
CREATE INDEX review_title_order_list ON review_title_order(unit_name, holder, title_name, year, award_id);
CREATE INDEX review_title_order_unit ON review_title_order(unit_id, unit_name, holder, title_name, year, award_id);
CREATE INDEX review_title_order_title ON review_title_order(title_id);

CREATE VIEW review_title_order_source AS
    SELECT a.id AS award_id, coalesce(a.unit_id, f.unit_id, p.unit_id) AS unit_id, ifnull(u.name, '') AS unit_name,
           coalesce(f.head_name, p.name, '') AS holder, t.name AS title_name, a.year AS year, a.title_id AS title_id
    FROM award a JOIN award_title t ON t.id = a.title_id
    LEFT JOIN family f ON f.id = a.family_id
    LEFT JOIN person p ON p.id = a.person_id
    LEFT JOIN org_unit u ON u.id = coalesce(a.unit_id, f.unit_id, p.unit_id)
    WHERE (a.family_id IS NOT NULL OR a.person_id IS NOT NULL) AND a.status IN ('命名', '复核');

INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id)
    SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id FROM review_title_order_source;

-- An award's row, recomputed: dropped, then written again when still listed.
CREATE TRIGGER review_title_order_award_insert AFTER INSERT ON award
WHEN NEW.family_id IS NOT NULL OR NEW.person_id IS NOT NULL
BEGIN
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id FROM review_title_order_source
        WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id;
END;

CREATE TRIGGER review_title_order_award_update
AFTER UPDATE OF id, status, title_id, year, unit_id, family_id, person_id ON award
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (OLD.id, NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id FROM review_title_order_source
        WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id;
END;

CREATE TRIGGER review_title_order_award_delete AFTER DELETE ON award
BEGIN
    DELETE FROM review_title_order WHERE award_id = OLD.id;
END;

-- A household's head or unit: its awards (award_family).
CREATE TRIGGER review_title_order_family_update AFTER UPDATE OF head_name, unit_id ON family
WHEN OLD.head_name IS NOT NEW.head_name OR OLD.unit_id IS NOT NEW.unit_id
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id FROM review_title_order_source
        WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id;
END;

-- A person's name or unit: her awards (award_person).
CREATE TRIGGER review_title_order_person_update AFTER UPDATE OF name, unit_id ON person
WHEN OLD.name IS NOT NEW.name OR OLD.unit_id IS NOT NEW.unit_id
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id FROM review_title_order_source
        WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id;
END;

-- A unit renamed: its rows (review_title_order_unit). A deleted unit sets
-- the awards', households' and persons' unit to NULL first (ON DELETE SET
-- NULL fires the triggers above).
CREATE TRIGGER review_title_order_unit_rename AFTER UPDATE OF name ON org_unit
WHEN OLD.name IS NOT NEW.name
BEGIN
    UPDATE review_title_order SET unit_name = NEW.name WHERE unit_id = NEW.id;
END;

-- A title renamed (设置; review_title_order_title).
CREATE TRIGGER review_title_order_title_rename AFTER UPDATE OF name ON award_title
WHEN OLD.name IS NOT NEW.name
BEGIN
    UPDATE review_title_order SET title_name = NEW.name WHERE title_id = NEW.id;
END;

-- ---- unit_day_hours: verified service-record hours per unit and day.
--
-- After a save of a record of a year with a volunteer_hours target, the
-- badge evaluation judges the units' hours of that year (BadgeStore's unit
-- part, db/storage/badge_store.cpp): it summed every verified record of the
-- year joined to its person (1.7M records a year at 1M/5M: 5.5 s of CPU). This
-- table holds that sum per person's current unit (none: no row) and day
-- (substr(served_on, 1, 10): for the year's bounds 'YYYY-01-01' a served_on
-- compares as its first ten characters do), so the year is ≤ 366 rows a unit.
-- `records` counts the records behind a row; at 0 the row goes (and with it
-- any rounding left by adding and taking away REAL hours). Roster credits
-- (the other arm of dated_hours) are read from roster_credit as before.
-- Its definition is the view unit_day_hours_source. Triggers on
-- service_record (every write path: stores, imports, undo, cascades) and on
-- person (moves; a deleted person's rows are taken out BEFORE the delete, the
-- cascade that follows then finds no person and changes nothing). Never
-- audited or undone. tests/storage_unit_day_hours_test.cpp holds it to the view.
CREATE TABLE unit_day_hours (
    day      TEXT    NOT NULL,
    unit_id  INTEGER NOT NULL,
    hours    REAL    NOT NULL,
    records  INTEGER NOT NULL,
    PRIMARY KEY (day, unit_id)
) WITHOUT ROWID;

CREATE VIEW unit_day_hours_source AS
    SELECT substr(r.served_on, 1, 10) AS day, p.unit_id AS unit_id, total(r.hours) AS hours, count(*) AS records
    FROM service_record r JOIN person p ON p.id = r.person_id
    WHERE r.verified = 1 AND p.unit_id IS NOT NULL
    GROUP BY 1, 2;

INSERT INTO unit_day_hours (day, unit_id, hours, records)
    SELECT day, unit_id, hours, records FROM unit_day_hours_source;

CREATE TRIGGER unit_day_hours_record_insert AFTER INSERT ON service_record WHEN NEW.verified = 1
BEGIN
    INSERT INTO unit_day_hours (day, unit_id, hours, records)
        SELECT substr(NEW.served_on, 1, 10), p.unit_id, NEW.hours, 1 FROM person p
        WHERE p.id = NEW.person_id AND p.unit_id IS NOT NULL
        ON CONFLICT (day, unit_id) DO UPDATE SET hours = hours + excluded.hours, records = records + 1;
END;

CREATE TRIGGER unit_day_hours_record_delete AFTER DELETE ON service_record WHEN OLD.verified = 1
BEGIN
    UPDATE unit_day_hours SET hours = hours - OLD.hours, records = records - 1
        WHERE day = substr(OLD.served_on, 1, 10) AND unit_id = (SELECT unit_id FROM person WHERE id = OLD.person_id);
    DELETE FROM unit_day_hours
        WHERE day = substr(OLD.served_on, 1, 10) AND unit_id = (SELECT unit_id FROM person WHERE id = OLD.person_id)
          AND records = 0;
END;

CREATE TRIGGER unit_day_hours_record_update AFTER UPDATE OF person_id, served_on, hours, verified ON service_record
WHEN OLD.verified = 1 OR NEW.verified = 1
BEGIN
    UPDATE unit_day_hours SET hours = hours - OLD.hours, records = records - 1
        WHERE OLD.verified = 1 AND day = substr(OLD.served_on, 1, 10)
          AND unit_id = (SELECT unit_id FROM person WHERE id = OLD.person_id);
    DELETE FROM unit_day_hours
        WHERE OLD.verified = 1 AND day = substr(OLD.served_on, 1, 10)
          AND unit_id = (SELECT unit_id FROM person WHERE id = OLD.person_id) AND records = 0;
    INSERT INTO unit_day_hours (day, unit_id, hours, records)
        SELECT substr(NEW.served_on, 1, 10), p.unit_id, NEW.hours, 1 FROM person p
        WHERE NEW.verified = 1 AND p.id = NEW.person_id AND p.unit_id IS NOT NULL
        ON CONFLICT (day, unit_id) DO UPDATE SET hours = hours + excluded.hours, records = records + 1;
END;

-- A person moved between units (or out of every unit): her verified records
-- by day leave the old unit and join the new one (service_record_person).
CREATE TRIGGER unit_day_hours_person_move AFTER UPDATE OF unit_id ON person
WHEN OLD.unit_id IS NOT NEW.unit_id
BEGIN
    UPDATE unit_day_hours SET
        hours = hours - (SELECT total(r.hours) FROM service_record r
                         WHERE r.person_id = NEW.id AND r.verified = 1 AND substr(r.served_on, 1, 10) = unit_day_hours.day),
        records = records - (SELECT count(*) FROM service_record r
                             WHERE r.person_id = NEW.id AND r.verified = 1 AND substr(r.served_on, 1, 10) = unit_day_hours.day)
        WHERE unit_id = OLD.unit_id
          AND day IN (SELECT substr(served_on, 1, 10) FROM service_record WHERE person_id = NEW.id AND verified = 1);
    DELETE FROM unit_day_hours
        WHERE unit_id = OLD.unit_id AND records = 0
          AND day IN (SELECT substr(served_on, 1, 10) FROM service_record WHERE person_id = NEW.id AND verified = 1);
    INSERT INTO unit_day_hours (day, unit_id, hours, records)
        SELECT substr(served_on, 1, 10), NEW.unit_id, total(hours), count(*) FROM service_record
        WHERE NEW.unit_id IS NOT NULL AND person_id = NEW.id AND verified = 1
        GROUP BY 1
        ON CONFLICT (day, unit_id) DO UPDATE SET hours = hours + excluded.hours, records = records + excluded.records;
END;

CREATE TRIGGER unit_day_hours_person_delete BEFORE DELETE ON person WHEN OLD.unit_id IS NOT NULL
BEGIN
    UPDATE unit_day_hours SET
        hours = hours - (SELECT total(r.hours) FROM service_record r
                         WHERE r.person_id = OLD.id AND r.verified = 1 AND substr(r.served_on, 1, 10) = unit_day_hours.day),
        records = records - (SELECT count(*) FROM service_record r
                             WHERE r.person_id = OLD.id AND r.verified = 1 AND substr(r.served_on, 1, 10) = unit_day_hours.day)
        WHERE unit_id = OLD.unit_id
          AND day IN (SELECT substr(served_on, 1, 10) FROM service_record WHERE person_id = OLD.id AND verified = 1);
    DELETE FROM unit_day_hours
        WHERE unit_id = OLD.unit_id AND records = 0
          AND day IN (SELECT substr(served_on, 1, 10) FROM service_record WHERE person_id = OLD.id AND verified = 1);
END;

-- The badge evaluation's years with a 复核 (every unit run asks): 27,750
-- index entries at 1M/5M instead of a pass over 603,000 events. Partial, so
-- only a query naming status = '复核' can use it: as (status, happened_on)
-- it drew titlesForReview's odd-date candidates (status IN 命名, 复核) away
-- from award_event_odd_date into a walk of every held event. status stays
-- in the key: without it the index does not cover the query and is passed over.
CREATE INDEX award_event_reviewed_day ON award_event(status, happened_on) WHERE status = '复核';
