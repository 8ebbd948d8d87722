-- 0020_person_list: the 志愿者 list reads only the rows it shows.
--
-- person_list holds, per person, what the list sorts, filters and searches
-- by: the pinyin sort key of the name and of the unit as the list shows it
-- (core/pinyin.hpp sortKeyText: lower-case hex of the ICU sort key, so
-- BINARY order = pinyin order), pinyin and initials, the ID number and phone
-- reversed (a tail is an index prefix), and the all-time totals the list
-- shows (counted hours as Storage::volunteerRows / personHours count them,
-- service records, unverified hours). It is derived data: kept by the
-- triggers below on every write of person, service_record, roster_credit
-- and org_unit (stores, imports, undo's plain SQL, the demo), never audited,
-- never undone. Its definition is the view person_list_source; the jinguo_*
-- functions are registered on every connection (storage/sql_functions.hpp).
-- Rows are filled after the migrations (fillPersonSortKeys), and filled again
-- whenever the ICU collator's version differs from the setting
-- pinyin.collation_version (an ICU upgrade may reorder).
-- person_search is an FTS5 trigram index of name, pinyin and initials for
-- searches of 3 characters or more (rowid = person id).
CREATE TABLE person_list (
    person_id         INTEGER PRIMARY KEY,   -- person.id (no foreign key: kept by triggers)
    is_volunteer      INTEGER NOT NULL,
    unit_id           INTEGER,
    unit_text         TEXT,
    name              TEXT    NOT NULL,
    name_key          TEXT    NOT NULL,
    unit_key          TEXT    NOT NULL,
    gender_key        TEXT    NOT NULL,      -- '' when unknown: keyset pages need no NULL
    joined_key        TEXT    NOT NULL,
    pinyin            TEXT    NOT NULL,
    initials          TEXT    NOT NULL,
    id_tail           TEXT,                  -- ID number reversed
    phone_tail        TEXT,                  -- phone reversed
    dated_hours       REAL    NOT NULL,      -- verified records + roster credits
    counted_hours     REAL    NOT NULL,      -- dated_hours + person.roster_hours
    records           INTEGER NOT NULL,      -- service records, verified or not
    unverified_hours  REAL    NOT NULL
);
-- One index per sort of the list (read backwards for descending), ties by id.
CREATE INDEX person_list_name ON person_list(name_key, person_id) WHERE is_volunteer = 1;
CREATE INDEX person_list_unit_sort ON person_list(unit_key, person_id) WHERE is_volunteer = 1;
CREATE INDEX person_list_gender ON person_list(gender_key, person_id) WHERE is_volunteer = 1;
CREATE INDEX person_list_joined ON person_list(joined_key, person_id) WHERE is_volunteer = 1;
CREATE INDEX person_list_hours ON person_list(counted_hours, person_id) WHERE is_volunteer = 1;
CREATE INDEX person_list_records ON person_list(records, person_id) WHERE is_volunteer = 1;
-- The unit filter (a community's people in name order) and a unit rename.
CREATE INDEX person_list_unit ON person_list(unit_id, name_key, person_id);
CREATE INDEX person_list_id_tail ON person_list(id_tail) WHERE id_tail IS NOT NULL;
CREATE INDEX person_list_phone_tail ON person_list(phone_tail) WHERE phone_tail IS NOT NULL;
-- A 1–2 character search scans this instead of the table (what it tests).
CREATE INDEX person_list_search ON person_list(is_volunteer, name, pinyin, initials, unit_id, unit_text);

CREATE VIRTUAL TABLE person_search USING fts5(name, pinyin, initials, tokenize = 'trigram');

-- The definition of a person_list row (the hours as in hours_sql.hpp /
-- Storage::volunteerRows: verified records + roster credits, then + history).
CREATE VIEW person_list_source AS
SELECT p.id AS person_id,
       p.is_volunteer AS is_volunteer,
       p.unit_id AS unit_id,
       p.unit_text AS unit_text,
       p.name AS name,
       jinguo_sort_key(p.name) AS name_key,
       -- The unit as the list shows it: 向阳社区（未关联） for a roster's text
       -- no unit is linked to (the UI's str::kUnitUnlinked; a test holds them equal).
       jinguo_sort_key(CASE WHEN p.unit_id IS NOT NULL THEN ifnull((SELECT name FROM org_unit WHERE id = p.unit_id), '')
                            WHEN ifnull(p.unit_text, '') <> '' THEN p.unit_text || '（未关联）'
                            ELSE '' END) AS unit_key,
       ifnull(p.gender, '') AS gender_key,
       ifnull(p.joined_on, '') AS joined_key,
       jinguo_pinyin(p.name) AS pinyin,
       jinguo_initials(p.name) AS initials,
       jinguo_reverse(p.id_number) AS id_tail,
       jinguo_reverse(p.phone) AS phone_tail,
       (SELECT total(hours) FROM service_record WHERE person_id = p.id AND verified = 1)
         + (SELECT total(hours) FROM roster_credit WHERE person_id = p.id) AS dated_hours,
       ((SELECT total(hours) FROM service_record WHERE person_id = p.id AND verified = 1)
         + (SELECT total(hours) FROM roster_credit WHERE person_id = p.id)) + p.roster_hours AS counted_hours,
       (SELECT count(*) FROM service_record WHERE person_id = p.id) AS records,
       (SELECT total(hours) FROM service_record WHERE person_id = p.id AND verified = 0) AS unverified_hours
FROM person p;

-- One trigger per event and table; each refreshes the rows it touches from
-- the view (a missing person — a cascade in progress — changes nothing).
CREATE TRIGGER person_list_after_insert AFTER INSERT ON person BEGIN
    INSERT OR REPLACE INTO person_list SELECT * FROM person_list_source WHERE person_id = NEW.id;
    DELETE FROM person_search WHERE rowid = NEW.id;
    INSERT INTO person_search (rowid, name, pinyin, initials)
        SELECT person_id, name, pinyin, initials FROM person_list WHERE person_id = NEW.id;
END;
CREATE TRIGGER person_list_after_update AFTER UPDATE ON person BEGIN
    DELETE FROM person_list WHERE person_id = OLD.id AND OLD.id <> NEW.id;
    INSERT OR REPLACE INTO person_list SELECT * FROM person_list_source WHERE person_id = NEW.id;
    DELETE FROM person_search WHERE rowid = OLD.id AND (NEW.name IS NOT OLD.name OR OLD.id <> NEW.id);
    INSERT INTO person_search (rowid, name, pinyin, initials)
        SELECT person_id, name, pinyin, initials FROM person_list
        WHERE person_id = NEW.id AND (NEW.name IS NOT OLD.name OR OLD.id <> NEW.id);
END;
CREATE TRIGGER person_list_after_delete AFTER DELETE ON person BEGIN
    DELETE FROM person_list WHERE person_id = OLD.id;
    DELETE FROM person_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER person_list_record_insert AFTER INSERT ON service_record BEGIN
    UPDATE person_list SET (dated_hours, counted_hours, records, unverified_hours) =
        (SELECT dated_hours, counted_hours, records, unverified_hours FROM person_list_source WHERE person_id = NEW.person_id)
    WHERE person_id = NEW.person_id AND EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id);
END;
CREATE TRIGGER person_list_record_delete AFTER DELETE ON service_record BEGIN
    UPDATE person_list SET (dated_hours, counted_hours, records, unverified_hours) =
        (SELECT dated_hours, counted_hours, records, unverified_hours FROM person_list_source WHERE person_id = OLD.person_id)
    WHERE person_id = OLD.person_id AND EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id);
END;
CREATE TRIGGER person_list_record_update AFTER UPDATE OF person_id, hours, verified ON service_record BEGIN
    UPDATE person_list SET (dated_hours, counted_hours, records, unverified_hours) =
        (SELECT dated_hours, counted_hours, records, unverified_hours FROM person_list_source WHERE person_id = person_list.person_id)
    WHERE person_id IN (OLD.person_id, NEW.person_id) AND EXISTS (SELECT 1 FROM person WHERE id = person_list.person_id);
END;

CREATE TRIGGER person_list_credit_insert AFTER INSERT ON roster_credit BEGIN
    UPDATE person_list SET (dated_hours, counted_hours) =
        (SELECT dated_hours, counted_hours FROM person_list_source WHERE person_id = NEW.person_id)
    WHERE person_id = NEW.person_id AND EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id);
END;
CREATE TRIGGER person_list_credit_delete AFTER DELETE ON roster_credit BEGIN
    UPDATE person_list SET (dated_hours, counted_hours) =
        (SELECT dated_hours, counted_hours FROM person_list_source WHERE person_id = OLD.person_id)
    WHERE person_id = OLD.person_id AND EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id);
END;
CREATE TRIGGER person_list_credit_update AFTER UPDATE OF person_id, hours ON roster_credit BEGIN
    UPDATE person_list SET (dated_hours, counted_hours) =
        (SELECT dated_hours, counted_hours FROM person_list_source WHERE person_id = person_list.person_id)
    WHERE person_id IN (OLD.person_id, NEW.person_id) AND EXISTS (SELECT 1 FROM person WHERE id = person_list.person_id);
END;

CREATE TRIGGER person_list_unit_rename AFTER UPDATE OF name ON org_unit WHEN NEW.name IS NOT OLD.name BEGIN
    UPDATE person_list SET unit_key = jinguo_sort_key(NEW.name) WHERE unit_id = NEW.id;
END;
