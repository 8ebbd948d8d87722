-- 0045_review_pinyin_order (PostgreSQL pair of db/migrations/0045): 称号复核's
-- order by the pinyin keys of the unit's name and of the holder; see the
-- SQLite file for why. The keys are SQLite's ICU sort keys (hex); on
-- PostgreSQL jinguo_sort_key gives the name itself and the key columns sort
-- it with the ICU collation jinguo_pinyin (below: the same order).
-- Its triggers replace 0038's five that write rows
-- (review_title_order_award_insert, _award_update, _family_update,
-- _person_update, _unit_rename; the baseline's, dropped below) and are
-- below as PL/pgSQL, the same statements as SQLite's.
--
-- This pair also holds (PostgreSQL only, written in place: no PostgreSQL
-- database was deployed before) the app-computed values of issue 18: the
-- collation, the readings table the app fills, the app's SQL functions in
-- SQL, and the 34 triggers the baseline left to the app (end of the file).
-- Re-created rather than kept: SQLite fires these newest first now, and
-- the oNNNN_ names keep its order. review_title_order_award_delete and
-- _title_rename touch no key and stay the baseline's.
-- Names sort by the server's ICU collation for Chinese (pinyin order), the
-- collator app/core/pinyin uses (icu::Collator for locale "zh", default
-- attributes): a key column holds the name itself, COLLATE jinguo_pinyin,
-- where SQLite holds the hex of the ICU sort key. ORDER BY key, id and a
-- keyset (key, id) > (?, ?) read the same on both engines. Not
-- deterministic: names ICU holds equal (都 and its compatibility twin
-- U+FA26, an ignorable U+200B) are equal here as their SQLite keys are, so
-- the id orders them, where a deterministic collation would compare their
-- bytes (pg_readings_test found it). Such columns take no LIKE (PostgreSQL
-- refuses it there); no key column is matched with LIKE.
CREATE COLLATION jinguo_pinyin (provider = icu, locale = 'zh', deterministic = false);
ALTER TABLE person_list ALTER COLUMN name_key TYPE text COLLATE jinguo_pinyin,
                        ALTER COLUMN unit_key TYPE text COLLATE jinguo_pinyin;
ALTER TABLE honour_list ALTER COLUMN title_key TYPE text COLLATE jinguo_pinyin,
                        ALTER COLUMN holder_key TYPE text COLLATE jinguo_pinyin,
                        ALTER COLUMN unit_key TYPE text COLLATE jinguo_pinyin;
ALTER TABLE person_gram ALTER COLUMN name_key TYPE text COLLATE jinguo_pinyin;
ALTER TABLE family ALTER COLUMN sort_key TYPE text COLLATE jinguo_pinyin;
ALTER TABLE family_gram ALTER COLUMN sort_key TYPE text COLLATE jinguo_pinyin;

-- Each character's pinyin, as the app reads it (ICU Han-Latin per character,
-- app/core/pinyin): data the app gives the server, filled right after a
-- migration (db/storage/pg_readings.cpp) and again when the app's reading
-- set (pinyin_reading_version) differs. A character without a row has no
-- reading. surname: the reading as a name's first character where it
-- differs (单 shan). Read by every role, written by the owner only.
CREATE TABLE pinyin_reading (
    codepoint  bigint PRIMARY KEY,
    syllable   text   NOT NULL,
    surname    text
);
CREATE TABLE pinyin_reading_version (
    "only"   bigint PRIMARY KEY DEFAULT 1 CHECK ("only" = 1),
    version  text   NOT NULL
);

-- The app's SQL functions (db/storage/sql_functions.cpp) in SQL, giving what
-- the C++ gives (tests/pg_readings_test.cpp compares them on 20,000 names).
-- STABLE where they read pinyin_reading.

-- A name's characters in order with their readings as PinyinIndex::keysFor
-- assembles them: ASCII letters and digits as they are (letters lowered),
-- other ASCII nothing; the first non-ASCII character read as a surname.
CREATE FUNCTION jinguo_name_readings(name text) RETURNS TABLE (ord bigint, cp integer, reading text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT c.ord, c.cp,
           CASE WHEN c.cp < 128 THEN
                    CASE WHEN c.cp BETWEEN 97 AND 122 OR c.cp BETWEEN 48 AND 57 THEN chr(c.cp)
                         WHEN c.cp BETWEEN 65 AND 90 THEN chr(c.cp + 32) ELSE '' END
                ELSE coalesce(CASE WHEN c.ord = c.first THEN r.surname END, r.syllable, '') END
    FROM (SELECT t.ord, ascii(t.ch) AS cp, min(t.ord) FILTER (WHERE ascii(t.ch) >= 128) OVER () AS first
          FROM unnest(string_to_array(name, NULL)) WITH ORDINALITY AS t(ch, ord)) AS c
    LEFT JOIN pinyin_reading r ON r.codepoint = c.cp
$$;
CREATE FUNCTION jinguo_pinyin(name text) RETURNS text LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(reading, '' ORDER BY ord), '') FROM jinguo_name_readings(name)
$$;
CREATE FUNCTION jinguo_initials(name text) RETURNS text LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(left(reading, 1), '' ORDER BY ord) FILTER (WHERE cp >= 128), '')
    FROM jinguo_name_readings(name)
$$;
-- The key is the name: its column's collation orders it.
CREATE FUNCTION jinguo_sort_key(name text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT name
$$;
-- reversedTail: an ID number or phone reversed, x read as X. (C++ reverses
-- bytes, PostgreSQL characters: the same for the ASCII these hold.)
CREATE FUNCTION jinguo_reverse(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT replace(reverse(t), 'x', 'X')
$$;
-- titleLevelRank (app/core/vocabulary: kTitleLevelWords' order), -1 for an unknown word or NULL.
CREATE FUNCTION jinguo_level_rank(level text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_position(ARRAY['社区', '街道', '区', '县(市)', '行业/系统', '市', '省', '全国'], level) - 1, -1)
$$;
-- Every run of 1–2 characters among t's first up_to positions whose
-- characters all match `keep` (a bracket expression) — the grams' building block.
CREATE FUNCTION jinguo_runs(t text, keep text, up_to integer) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT substr(t, i, w.n)
    FROM generate_series(1, least(char_length(t), up_to)) AS i, (VALUES (1), (2)) AS w(n)
    WHERE i + w.n - 1 <= char_length(t) AND substr(t, i, w.n) ~ ('^' || keep || '+$')
$$;
-- searchGrams: the volunteer search's grams ('n' name/pinyin/initials, 't' tails' first character).
CREATE FUNCTION jinguo_grams(name text, pinyin text, initials text, id_tail text, phone_tail text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'n' || g FROM jinguo_runs(jinguo_ascii_lower(name), '[^\x01-\x1f]', 2147483647) AS g
    UNION SELECT 'n' || g FROM jinguo_runs(pinyin, '[a-z]', 2147483647) AS g
    UNION SELECT 'n' || g FROM jinguo_runs(initials, '[a-z]', 2147483647) AS g
    UNION SELECT 't' || g FROM jinguo_runs(id_tail, '[0-9X]', 1) AS g
    UNION SELECT 't' || g FROM jinguo_runs(phone_tail, '[0-9X]', 1) AS g
$$;
-- familySearchGrams: runs of non-ASCII characters of the head's name and the address.
CREATE FUNCTION jinguo_family_grams(head_name text, address text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT g FROM jinguo_runs(head_name, '[^\x01-\x7f]', 2147483647) AS g
    UNION SELECT g FROM jinguo_runs(address, '[^\x01-\x7f]', 2147483647) AS g
$$;
-- familySearchGramsWithSpell: runs without trim()'s spaces (core/text
-- isSpaceCodepoint) of the lowered name and address, runs of a–z of the spell.
CREATE FUNCTION jinguo_family_grams(head_name text, address text, head_spell text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT g FROM jinguo_runs(jinguo_ascii_lower(head_name), '[^ \t\r\n\u3000\u00a0\u2007\u202f\ufeff\u200b]', 2147483647) AS g
    UNION SELECT g FROM jinguo_runs(jinguo_ascii_lower(address), '[^ \t\r\n\u3000\u00a0\u2007\u202f\ufeff\u200b]', 2147483647) AS g
    UNION SELECT g FROM jinguo_runs(head_spell, '[a-z]', 2147483647) AS g
$$;

DROP INDEX review_title_order_list;
DROP INDEX review_title_order_unit;

ALTER TABLE review_title_order ADD COLUMN unit_key text COLLATE jinguo_pinyin NOT NULL DEFAULT '';
ALTER TABLE review_title_order ADD COLUMN holder_key text COLLATE jinguo_pinyin NOT NULL DEFAULT '';

CREATE INDEX review_title_order_list ON review_title_order(unit_key, holder_key, title_name, year, award_id);
CREATE INDEX review_title_order_unit ON review_title_order(unit_id, unit_key, holder_key, title_name, year, award_id);

-- Triggers. SECURITY DEFINER: a summary counts every row whoever writes
-- (a street user's row security must not filter or refuse the trigger's
-- writes to district-wide summaries); their path is this schema then
-- pg_temp (a user's temporary table must not stand in for a summary).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);
DROP TRIGGER o9672_review_title_order_award_insert ON award;
DROP FUNCTION review_title_order_award_insert();
DROP TRIGGER o9671_review_title_order_award_update ON award;
DROP FUNCTION review_title_order_award_update();
DROP TRIGGER o9669_review_title_order_family_update ON family;
DROP FUNCTION review_title_order_family_update();
DROP TRIGGER o9668_review_title_order_person_update ON person;
DROP FUNCTION review_title_order_person_update();
DROP TRIGGER o9667_review_title_order_unit_rename ON org_unit;
DROP FUNCTION review_title_order_unit_rename();

CREATE FUNCTION review_title_order_award_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source
        WHERE award_id IN (SELECT n.id FROM new_rows n WHERE n.family_id IS NOT NULL OR n.person_id IS NOT NULL)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9587_review_title_order_award_insert AFTER INSERT ON award REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION review_title_order_award_insert();

CREATE FUNCTION review_title_order_award_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (OLD.id, NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9586_review_title_order_award_update AFTER UPDATE OF id, status, title_id, year, unit_id, family_id, person_id ON award FOR EACH ROW
    EXECUTE FUNCTION review_title_order_award_update();

CREATE FUNCTION review_title_order_family_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9585_review_title_order_family_update AFTER UPDATE OF head_name, unit_id ON family FOR EACH ROW
    WHEN (OLD.head_name IS DISTINCT FROM NEW.head_name OR OLD.unit_id IS DISTINCT FROM NEW.unit_id)
    EXECUTE FUNCTION review_title_order_family_update();

CREATE FUNCTION review_title_order_person_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9584_review_title_order_person_update AFTER UPDATE OF name, unit_id ON person FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.unit_id IS DISTINCT FROM NEW.unit_id)
    EXECUTE FUNCTION review_title_order_person_update();

CREATE FUNCTION review_title_order_unit_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE review_title_order SET unit_name = NEW.name, unit_key = jinguo_sort_key(NEW.name) WHERE unit_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9583_review_title_order_unit_rename AFTER UPDATE OF name ON org_unit FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION review_title_order_unit_rename();

-- ===================================================================
-- The summaries whose values are the app's functions (issue 18): their
-- SQLite triggers as PL/pgSQL, the functions above standing in for the
-- app's. Views first (SQLite's, with total() as coalesce(sum(), 0)).
CREATE VIEW person_list_source AS
SELECT p.id AS person_id,
       p.is_volunteer AS is_volunteer,
       p.unit_id AS unit_id,
       p.unit_text AS unit_text,
       p.name AS name,
       jinguo_sort_key(p.name) AS name_key,
       -- The unit as the list shows it (str::kUnitUnlinked, as SQLite's view).
       jinguo_sort_key(CASE WHEN p.unit_id IS NOT NULL THEN coalesce((SELECT name FROM org_unit WHERE id = p.unit_id), '')
                            WHEN coalesce(p.unit_text, '') <> '' THEN p.unit_text || '（未关联）'
                            ELSE '' END) AS unit_key,
       coalesce(p.gender, '') AS gender_key,
       coalesce(p.joined_on, '') AS joined_key,
       jinguo_pinyin(p.name) AS pinyin,
       jinguo_initials(p.name) AS initials,
       jinguo_reverse(p.id_number) AS id_tail,
       jinguo_reverse(p.phone) AS phone_tail,
       (SELECT coalesce(sum(hours), 0) FROM service_record WHERE person_id = p.id AND verified = 1)
         + (SELECT coalesce(sum(hours), 0) FROM roster_credit WHERE person_id = p.id) AS dated_hours,
       ((SELECT coalesce(sum(hours), 0) FROM service_record WHERE person_id = p.id AND verified = 1)
         + (SELECT coalesce(sum(hours), 0) FROM roster_credit WHERE person_id = p.id)) + p.roster_hours AS counted_hours,
       (SELECT count(*) FROM service_record WHERE person_id = p.id) AS records,
       (SELECT coalesce(sum(hours), 0) FROM service_record WHERE person_id = p.id AND verified = 0) AS unverified_hours
FROM person p;

CREATE VIEW honour_list_source AS
SELECT a.id AS award_id,
       (a.collective_name IS NOT NULL)::int AS collective,
       a.unit_id AS unit_id,
       a.year AS year,
       t.name AS title,
       jinguo_sort_key(t.name) AS title_key,
       t.level AS level,
       jinguo_level_rank(t.level) AS level_rank,
       coalesce(p.name, a.collective_name, '') AS name,
       jinguo_sort_key(coalesce(p.name, a.collective_name, '')) AS holder_key,
       jinguo_pinyin(coalesce(p.name, a.collective_name, '')) AS pinyin,
       jinguo_initials(coalesce(p.name, a.collective_name, '')) AS initials,
       coalesce(u.name, '') AS unit_name,
       jinguo_sort_key(coalesce(u.name, '')) AS unit_key,
       a.status AS status,
       a.doc_number AS doc_number,
       coalesce(jinguo_reverse(p.id_number), '') AS id_tail,
       coalesce(jinguo_reverse(p.phone), '') AS phone_tail
FROM award a JOIN award_title t ON t.id = a.title_id
LEFT JOIN person p ON p.id = a.person_id
LEFT JOIN org_unit u ON u.id = a.unit_id
WHERE a.person_id IS NOT NULL OR a.collective_name IS NOT NULL;

-- SQLite's FTS5 trigram tables (person_search, family_search) as plain
-- tables with pg_trgm GIN indexes (pg_trgm ships with Debian's
-- postgresql-15 and is trusted: the database's owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE person_search (
    person_id  bigint PRIMARY KEY,   -- FTS5's rowid: person.id
    name       text,
    pinyin     text,
    initials   text
);
CREATE INDEX person_search_trgm ON person_search
    USING gin (name gin_trgm_ops, pinyin gin_trgm_ops, initials gin_trgm_ops);
CREATE TABLE family_search (
    family_id   bigint PRIMARY KEY,   -- FTS5's rowid: family.id
    head_name   text,
    head_spell  text,
    address     text
);
CREATE INDEX family_search_trgm ON family_search
    USING gin (head_name gin_trgm_ops, head_spell gin_trgm_ops, address gin_trgm_ops);

SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

-- person_list (SQLite: 0009 … 0033), its search table and its hours.
-- person's insert and delete write person_list per statement (0040 says why):
-- person_list's own counters and person_gram's then see many rows at once.
CREATE FUNCTION person_list_after_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO person_list SELECT * FROM person_list_source WHERE person_id IN (SELECT id FROM new_rows)
        ON CONFLICT (person_id) DO UPDATE SET
            is_volunteer = excluded.is_volunteer, unit_id = excluded.unit_id,
            unit_text = excluded.unit_text, name = excluded.name, name_key = excluded.name_key,
            unit_key = excluded.unit_key, gender_key = excluded.gender_key,
            joined_key = excluded.joined_key, pinyin = excluded.pinyin, initials = excluded.initials,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail,
            dated_hours = excluded.dated_hours, counted_hours = excluded.counted_hours,
            records = excluded.records, unverified_hours = excluded.unverified_hours;
    DELETE FROM person_search WHERE person_id IN (SELECT id FROM new_rows);
    INSERT INTO person_search (person_id, name, pinyin, initials)
        SELECT person_id, name, pinyin, initials FROM person_list WHERE person_id IN (SELECT id FROM new_rows);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9657_person_list_after_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_list_after_insert();

CREATE FUNCTION person_list_after_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM person_list WHERE person_id = OLD.id AND OLD.id <> NEW.id;
    INSERT INTO person_list SELECT * FROM person_list_source WHERE person_id = NEW.id
        ON CONFLICT (person_id) DO UPDATE SET
            is_volunteer = excluded.is_volunteer, unit_id = excluded.unit_id,
            unit_text = excluded.unit_text, name = excluded.name, name_key = excluded.name_key,
            unit_key = excluded.unit_key, gender_key = excluded.gender_key,
            joined_key = excluded.joined_key, pinyin = excluded.pinyin, initials = excluded.initials,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail,
            dated_hours = excluded.dated_hours, counted_hours = excluded.counted_hours,
            records = excluded.records, unverified_hours = excluded.unverified_hours;
    DELETE FROM person_search WHERE person_id = OLD.id AND (NEW.name IS DISTINCT FROM OLD.name OR OLD.id <> NEW.id);
    INSERT INTO person_search (person_id, name, pinyin, initials)
        SELECT person_id, name, pinyin, initials FROM person_list
        WHERE person_id = NEW.id AND (NEW.name IS DISTINCT FROM OLD.name OR OLD.id <> NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9643_person_list_after_update AFTER UPDATE ON person FOR EACH ROW
    WHEN (OLD.id <> NEW.id OR NEW.is_volunteer IS DISTINCT FROM OLD.is_volunteer OR NEW.name IS DISTINCT FROM OLD.name
          OR NEW.id_number IS DISTINCT FROM OLD.id_number OR NEW.phone IS DISTINCT FROM OLD.phone)
    EXECUTE FUNCTION person_list_after_update();

CREATE FUNCTION person_list_after_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM person_list WHERE person_id IN (SELECT id FROM old_rows);
    DELETE FROM person_search WHERE person_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9879_person_list_after_delete AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_list_after_delete();

CREATE FUNCTION person_list_fields_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list SET (unit_id, unit_text, unit_key, gender_key, joined_key, counted_hours) =
        (SELECT unit_id, unit_text, unit_key, gender_key, joined_key, counted_hours FROM person_list_source
         WHERE person_id = NEW.id)
    WHERE person_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9755_person_list_fields_update AFTER UPDATE OF unit_id, unit_text, gender, joined_on ON person FOR EACH ROW
    WHEN ((NEW.unit_id IS DISTINCT FROM OLD.unit_id OR NEW.unit_text IS DISTINCT FROM OLD.unit_text
           OR NEW.gender IS DISTINCT FROM OLD.gender OR NEW.joined_on IS DISTINCT FROM OLD.joined_on)
          AND NOT (OLD.id <> NEW.id OR NEW.is_volunteer IS DISTINCT FROM OLD.is_volunteer OR NEW.name IS DISTINCT FROM OLD.name
                   OR NEW.id_number IS DISTINCT FROM OLD.id_number OR NEW.phone IS DISTINCT FROM OLD.phone))
    EXECUTE FUNCTION person_list_fields_update();

CREATE FUNCTION person_list_hours_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list SET counted_hours = dated_hours + NEW.roster_hours WHERE person_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9754_person_list_hours_update AFTER UPDATE OF roster_hours ON person FOR EACH ROW
    WHEN (NEW.roster_hours IS DISTINCT FROM OLD.roster_hours
          AND NOT (OLD.id <> NEW.id OR NEW.is_volunteer IS DISTINCT FROM OLD.is_volunteer OR NEW.name IS DISTINCT FROM OLD.name
                   OR NEW.id_number IS DISTINCT FROM OLD.id_number OR NEW.phone IS DISTINCT FROM OLD.phone
                   OR NEW.unit_id IS DISTINCT FROM OLD.unit_id OR NEW.unit_text IS DISTINCT FROM OLD.unit_text
                   OR NEW.gender IS DISTINCT FROM OLD.gender OR NEW.joined_on IS DISTINCT FROM OLD.joined_on))
    EXECUTE FUNCTION person_list_hours_update();

CREATE FUNCTION person_list_record_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list l SET (dated_hours, counted_hours, records, unverified_hours) =
        (SELECT s.dated_hours, s.counted_hours, s.records, s.unverified_hours FROM person_list_source s WHERE s.person_id = l.person_id)
    WHERE l.person_id IN (SELECT person_id FROM new_rows) AND EXISTS (SELECT 1 FROM person WHERE id = l.person_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9878_person_list_record_insert AFTER INSERT ON service_record REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_list_record_insert();

CREATE FUNCTION person_list_record_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list l SET (dated_hours, counted_hours, records, unverified_hours) =
        (SELECT s.dated_hours, s.counted_hours, s.records, s.unverified_hours FROM person_list_source s WHERE s.person_id = l.person_id)
    WHERE l.person_id IN (SELECT person_id FROM old_rows) AND EXISTS (SELECT 1 FROM person WHERE id = l.person_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9877_person_list_record_delete AFTER DELETE ON service_record REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_list_record_delete();

CREATE FUNCTION person_list_record_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list SET (dated_hours, counted_hours, records, unverified_hours) =
        (SELECT s.dated_hours, s.counted_hours, s.records, s.unverified_hours FROM person_list_source s
         WHERE s.person_id = person_list.person_id)
    WHERE person_id IN (OLD.person_id, NEW.person_id) AND EXISTS (SELECT 1 FROM person WHERE id = person_list.person_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9876_person_list_record_update AFTER UPDATE OF person_id, hours, verified ON service_record FOR EACH ROW
    EXECUTE FUNCTION person_list_record_update();

CREATE FUNCTION person_list_credit_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list SET (dated_hours, counted_hours) =
        (SELECT dated_hours, counted_hours FROM person_list_source WHERE person_id = NEW.person_id)
    WHERE person_id = NEW.person_id AND EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9875_person_list_credit_insert AFTER INSERT ON roster_credit FOR EACH ROW
    EXECUTE FUNCTION person_list_credit_insert();

CREATE FUNCTION person_list_credit_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list SET (dated_hours, counted_hours) =
        (SELECT dated_hours, counted_hours FROM person_list_source WHERE person_id = OLD.person_id)
    WHERE person_id = OLD.person_id AND EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9874_person_list_credit_delete AFTER DELETE ON roster_credit FOR EACH ROW
    EXECUTE FUNCTION person_list_credit_delete();

CREATE FUNCTION person_list_credit_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list SET (dated_hours, counted_hours) =
        (SELECT s.dated_hours, s.counted_hours FROM person_list_source s WHERE s.person_id = person_list.person_id)
    WHERE person_id IN (OLD.person_id, NEW.person_id) AND EXISTS (SELECT 1 FROM person WHERE id = person_list.person_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9873_person_list_credit_update AFTER UPDATE OF person_id, hours ON roster_credit FOR EACH ROW
    EXECUTE FUNCTION person_list_credit_update();

CREATE FUNCTION person_list_unit_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_list SET unit_key = jinguo_sort_key(NEW.name) WHERE unit_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9872_person_list_unit_rename AFTER UPDATE OF name ON org_unit FOR EACH ROW
    WHEN (NEW.name IS DISTINCT FROM OLD.name)
    EXECUTE FUNCTION person_list_unit_rename();

-- person_gram and its counts (SQLite 0026).
CREATE FUNCTION person_gram_before_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    -- A new person (no volunteer row to replace) has no grams: no DELETE,
    -- whose statement trigger would run once per row of a many-row insert.
    IF NOT EXISTS (SELECT 1 FROM person_list WHERE person_id = NEW.person_id AND is_volunteer = 1) THEN RETURN NEW; END IF;
    DELETE FROM person_gram
    WHERE person_id = NEW.person_id
      AND name_key = (SELECT name_key FROM person_list WHERE person_id = NEW.person_id AND is_volunteer = 1)
      AND gram IN (SELECT j.value FROM person_list o,
                   jinguo_grams(o.name, o.pinyin, o.initials, o.id_tail, o.phone_tail) AS j(value)
                   WHERE o.person_id = NEW.person_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER o9814_person_gram_before_insert BEFORE INSERT ON person_list FOR EACH ROW
    EXECUTE FUNCTION person_gram_before_insert();

-- Per statement on insert and delete: a common gram (a surname, a digit)
-- is counted once per statement in person_gram_count, not once per person.
CREATE FUNCTION person_gram_after_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO person_gram (gram, name_key, person_id)
        SELECT j.value, n.name_key, n.person_id
        FROM new_rows n, jinguo_grams(n.name, n.pinyin, n.initials, n.id_tail, n.phone_tail) AS j(value)
        WHERE n.is_volunteer = 1
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9638_person_gram_after_insert AFTER INSERT ON person_list REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_gram_after_insert();

CREATE FUNCTION person_gram_after_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM person_gram
    WHERE OLD.is_volunteer = 1 AND person_id = OLD.person_id AND name_key = OLD.name_key
      AND gram IN (SELECT j.value FROM jinguo_grams(OLD.name, OLD.pinyin, OLD.initials, OLD.id_tail, OLD.phone_tail) AS j(value));
    INSERT INTO person_gram (gram, name_key, person_id)
        SELECT j.value, NEW.name_key, NEW.person_id
        FROM jinguo_grams(NEW.name, NEW.pinyin, NEW.initials, NEW.id_tail, NEW.phone_tail) AS j(value)
        WHERE NEW.is_volunteer = 1
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9639_person_gram_after_update
    AFTER UPDATE OF is_volunteer, name, name_key, pinyin, initials, id_tail, phone_tail ON person_list FOR EACH ROW
    EXECUTE FUNCTION person_gram_after_update();

CREATE FUNCTION person_gram_after_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM person_gram g
        USING old_rows o, jinguo_grams(o.name, o.pinyin, o.initials, o.id_tail, o.phone_tail) AS j(value)
        WHERE o.is_volunteer = 1 AND g.person_id = o.person_id AND g.name_key = o.name_key AND g.gram = j.value;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9812_person_gram_after_delete AFTER DELETE ON person_list REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_gram_after_delete();

CREATE FUNCTION person_gram_count_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO person_gram_count (gram, volunteers) SELECT gram, count(*) FROM new_rows GROUP BY gram
        ON CONFLICT (gram) DO UPDATE SET volunteers = person_gram_count.volunteers + excluded.volunteers;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9816_person_gram_count_insert AFTER INSERT ON person_gram REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_gram_count_insert();

CREATE FUNCTION person_gram_count_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE person_gram_count c SET volunteers = c.volunteers - d.volunteers
        FROM (SELECT gram, count(*) AS volunteers FROM old_rows GROUP BY gram) AS d
        WHERE c.gram = d.gram;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9815_person_gram_count_delete AFTER DELETE ON person_gram REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION person_gram_count_delete();

-- honour_list (SQLite 0019 … 0033).
CREATE FUNCTION honour_list_award_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO honour_list SELECT * FROM honour_list_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET
            collective = excluded.collective, unit_id = excluded.unit_id, year = excluded.year,
            title = excluded.title, title_key = excluded.title_key, level = excluded.level,
            level_rank = excluded.level_rank, name = excluded.name, holder_key = excluded.holder_key,
            pinyin = excluded.pinyin, initials = excluded.initials, unit_name = excluded.unit_name,
            unit_key = excluded.unit_key, status = excluded.status, doc_number = excluded.doc_number,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9646_honour_list_award_insert AFTER INSERT ON award FOR EACH ROW
    WHEN (NEW.person_id IS NOT NULL OR NEW.collective_name IS NOT NULL)
    EXECUTE FUNCTION honour_list_award_insert();

CREATE FUNCTION honour_list_award_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM honour_list WHERE award_id = OLD.id;
    INSERT INTO honour_list SELECT * FROM honour_list_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET
            collective = excluded.collective, unit_id = excluded.unit_id, year = excluded.year,
            title = excluded.title, title_key = excluded.title_key, level = excluded.level,
            level_rank = excluded.level_rank, name = excluded.name, holder_key = excluded.holder_key,
            pinyin = excluded.pinyin, initials = excluded.initials, unit_name = excluded.unit_name,
            unit_key = excluded.unit_key, status = excluded.status, doc_number = excluded.doc_number,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9645_honour_list_award_update AFTER UPDATE ON award FOR EACH ROW
    WHEN (OLD.person_id IS NOT NULL OR OLD.collective_name IS NOT NULL
          OR NEW.person_id IS NOT NULL OR NEW.collective_name IS NOT NULL)
    EXECUTE FUNCTION honour_list_award_update();

CREATE FUNCTION honour_list_award_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM honour_list WHERE award_id = OLD.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9822_honour_list_award_delete AFTER DELETE ON award FOR EACH ROW
    WHEN (OLD.person_id IS NOT NULL OR OLD.collective_name IS NOT NULL)
    EXECUTE FUNCTION honour_list_award_delete();

CREATE FUNCTION honour_list_title_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO honour_list SELECT * FROM honour_list_source
        WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET
            collective = excluded.collective, unit_id = excluded.unit_id, year = excluded.year,
            title = excluded.title, title_key = excluded.title_key, level = excluded.level,
            level_rank = excluded.level_rank, name = excluded.name, holder_key = excluded.holder_key,
            pinyin = excluded.pinyin, initials = excluded.initials, unit_name = excluded.unit_name,
            unit_key = excluded.unit_key, status = excluded.status, doc_number = excluded.doc_number,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9644_honour_list_title_update AFTER UPDATE OF name, level ON award_title FOR EACH ROW
    EXECUTE FUNCTION honour_list_title_update();

CREATE FUNCTION honour_list_person_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO honour_list SELECT * FROM honour_list_source
        WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET
            collective = excluded.collective, unit_id = excluded.unit_id, year = excluded.year,
            title = excluded.title, title_key = excluded.title_key, level = excluded.level,
            level_rank = excluded.level_rank, name = excluded.name, holder_key = excluded.holder_key,
            pinyin = excluded.pinyin, initials = excluded.initials, unit_name = excluded.unit_name,
            unit_key = excluded.unit_key, status = excluded.status, doc_number = excluded.doc_number,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9642_honour_list_person_update AFTER UPDATE OF name, id_number, phone ON person FOR EACH ROW
    WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.id_number IS DISTINCT FROM OLD.id_number
          OR NEW.phone IS DISTINCT FROM OLD.phone)
    EXECUTE FUNCTION honour_list_person_update();

CREATE FUNCTION honour_list_unit_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE honour_list SET unit_name = NEW.name, unit_key = jinguo_sort_key(NEW.name) WHERE unit_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9819_honour_list_unit_rename AFTER UPDATE OF name ON org_unit FOR EACH ROW
    WHEN (NEW.name IS DISTINCT FROM OLD.name)
    EXECUTE FUNCTION honour_list_unit_rename();

-- family_search (SQLite 0034) and family_gram (0035, 0040, 0042).
CREATE FUNCTION family_search_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO family_search (family_id, head_name, head_spell, address)
        SELECT n.id, n.head_name, n.head_spell, n.address FROM new_rows n;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9804_family_search_insert AFTER INSERT ON family REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_search_insert();

CREATE FUNCTION family_search_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_search WHERE family_id = OLD.id;
    INSERT INTO family_search (family_id, head_name, head_spell, address)
        VALUES (NEW.id, NEW.head_name, NEW.head_spell, NEW.address);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9803_family_search_update AFTER UPDATE OF id, head_name, head_spell, address ON family FOR EACH ROW
    EXECUTE FUNCTION family_search_update();

CREATE FUNCTION family_search_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_search WHERE family_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9802_family_search_delete AFTER DELETE ON family REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_search_delete();

CREATE FUNCTION family_gram_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO family_gram (gram, sort_key, family_id)
        SELECT j.value, n.sort_key, n.id FROM new_rows n, jinguo_family_grams(n.head_name, n.address, n.head_spell) AS j(value)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9634_family_gram_insert AFTER INSERT ON family REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_insert();

CREATE FUNCTION family_gram_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT j.value FROM jinguo_family_grams(OLD.head_name, OLD.address, OLD.head_spell) AS j(value));
    INSERT INTO family_gram (gram, sort_key, family_id)
        SELECT j.value, NEW.sort_key, NEW.id FROM jinguo_family_grams(NEW.head_name, NEW.address, NEW.head_spell) AS j(value)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9632_family_gram_update AFTER UPDATE OF head_name, address, head_spell, sort_key ON family FOR EACH ROW
    EXECUTE FUNCTION family_gram_update();

-- BEFORE DELETE, as SQLite's 0042: the grams go before the household's
-- cascade reaches family_title_count (whose triggers read them).
CREATE FUNCTION family_gram_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT j.value FROM jinguo_family_grams(OLD.head_name, OLD.address, OLD.head_spell) AS j(value));
    RETURN OLD;
END
$$;
CREATE TRIGGER o9613_family_gram_delete BEFORE DELETE ON family FOR EACH ROW
    EXECUTE FUNCTION family_gram_delete();

-- family_gram_count's titles (SQLite 0044): a household's title count on each of its grams.
-- Statement-level: households[i]'s titles change by deltas[i] (a household may
-- come more than once); one change per gram row for the whole statement (the
-- common grams are hot rows an import would otherwise update per household).
CREATE FUNCTION jinguo_family_gram_titles_add(households bigint[], deltas bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    -- The grams first, each then looked up by family_gram's whole key (a
    -- SubPlan, always an index probe): joined freely, the planner scanned
    -- family_gram by (sort_key, family_id) — the key's tail, all of it.
    WITH changed AS MATERIALIZED (
        SELECT u.household, sum(u.delta) AS delta FROM unnest(households, deltas) AS u(household, delta)
        GROUP BY u.household HAVING sum(u.delta) <> 0),
    grams AS MATERIALIZED (
        SELECT DISTINCT h.household, h.delta, f.sort_key, j.value AS gram
        FROM changed h JOIN family f ON f.id = h.household
        CROSS JOIN LATERAL jinguo_family_grams(f.head_name, f.address, f.head_spell) AS j(value))
    UPDATE family_gram_count c SET titles = c.titles + d.delta
    FROM (SELECT k.gram, sum(k.delta) AS delta FROM grams k
          WHERE (SELECT 1 FROM family_gram g WHERE g.gram = k.gram AND g.sort_key = k.sort_key AND g.family_id = k.household) = 1
          GROUP BY k.gram) AS d
    WHERE c.gram = d.gram;
END
$$;
-- Each calls it only when a count changed: an upsert that found its row (the
-- household's own insert) fires these with nothing to add, and the call costs.
CREATE FUNCTION family_gram_count_titles_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    households bigint[];
    deltas bigint[];
BEGIN
    SELECT array_agg(n.family_id), array_agg(n.titles) INTO households, deltas FROM new_rows n WHERE n.titles <> 0;
    IF households IS NOT NULL THEN PERFORM jinguo_family_gram_titles_add(households, deltas); END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9617_family_gram_count_titles_insert AFTER INSERT ON family_title_count
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_titles_insert();

CREATE FUNCTION family_gram_count_titles_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    households bigint[];
    deltas bigint[];
BEGIN
    SELECT array_agg(o.family_id), array_agg(-o.titles) INTO households, deltas FROM old_rows o WHERE o.titles <> 0;
    IF households IS NOT NULL THEN PERFORM jinguo_family_gram_titles_add(households, deltas); END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9616_family_gram_count_titles_delete AFTER DELETE ON family_title_count
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_titles_delete();

-- Changed counts and moved rows alike: each household's new titles less its old.
CREATE FUNCTION family_gram_count_titles_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    households bigint[];
    deltas bigint[];
BEGIN
    SELECT array_agg(d.family_id), array_agg(d.titles) INTO households, deltas
        FROM (SELECT c.family_id, sum(c.titles) AS titles
              FROM (SELECT n.family_id, n.titles FROM new_rows n UNION ALL SELECT o.family_id, -o.titles FROM old_rows o) AS c
              GROUP BY c.family_id HAVING sum(c.titles) <> 0) AS d;
    IF households IS NOT NULL THEN PERFORM jinguo_family_gram_titles_add(households, deltas); END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9615_family_gram_count_titles_update AFTER UPDATE ON family_title_count
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_titles_update();
