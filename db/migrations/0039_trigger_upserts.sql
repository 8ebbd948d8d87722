-- 0039_trigger_upserts.sql — the triggers that kept derived tables with
-- INSERT OR REPLACE / INSERT OR IGNORE, written again as upserts (README
-- "triggers"): inside a trigger SQLite runs the OUTER statement's conflict
-- clause instead of the trigger's own when the outer one has one, and a
-- foreign key's ON DELETE SET NULL / CASCADE runs as ABORT — so
-- `DELETE FROM org_unit` of a unit that still had people failed on
-- person_list's primary key (0020's INSERT OR REPLACE became an ABORT).
-- An upsert (ON CONFLICT … DO UPDATE / DO NOTHING) keeps its own resolution.
--
-- Same effect otherwise: a replaced row becomes an updated row with every
-- column taken from the new one (person_list, honour_list, family_title_count;
-- none of them is referenced by a foreign key, and the replace fired no delete
-- trigger either); an ignored row is a row not inserted (award_held_span,
-- person_gram, family_gram). On person_list the update fires
-- person_gram_after_update where the replace fired person_gram_after_insert:
-- both leave the new row's grams (person_gram_before_insert has already
-- dropped the old row's, as before). The bodies are otherwise the ones in
-- force at schema 36 (0020, 0021, 0023, 0025, 0026, 0034, 0035).
-- An INSERT … SELECT with an upsert needs a WHERE (else the parser reads ON as
-- a join's): `WHERE true` where the SELECT had none.
-- person_list_bulk.cpp suspends person_list_after_insert by re-creating it
-- from its stored SQL, so it takes this text as it is.

DROP TRIGGER person_list_after_insert;
CREATE TRIGGER person_list_after_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_list SELECT * FROM person_list_source WHERE person_id = NEW.id
        ON CONFLICT (person_id) DO UPDATE SET
            is_volunteer = excluded.is_volunteer, unit_id = excluded.unit_id,
            unit_text = excluded.unit_text, name = excluded.name, name_key = excluded.name_key,
            unit_key = excluded.unit_key, gender_key = excluded.gender_key,
            joined_key = excluded.joined_key, pinyin = excluded.pinyin, initials = excluded.initials,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail,
            dated_hours = excluded.dated_hours, counted_hours = excluded.counted_hours,
            records = excluded.records, unverified_hours = excluded.unverified_hours;
    DELETE FROM person_search WHERE rowid = NEW.id;
    INSERT INTO person_search (rowid, name, pinyin, initials)
        SELECT person_id, name, pinyin, initials FROM person_list WHERE person_id = NEW.id;
END;

DROP TRIGGER family_title_count_family_insert;
CREATE TRIGGER family_title_count_family_insert AFTER INSERT ON family BEGIN
    INSERT INTO family_title_count (family_id, titles)
        VALUES (NEW.id, (SELECT count(*) FROM award a WHERE a.family_id = NEW.id))
        ON CONFLICT (family_id) DO UPDATE SET
            titles = excluded.titles;
END;

DROP TRIGGER award_held_award_insert;
CREATE TRIGGER award_held_award_insert AFTER INSERT ON award
BEGIN
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = NEW.id
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = NEW.id
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_award_update;
CREATE TRIGGER award_held_award_update AFTER UPDATE OF id, status, title_id, year, unit_id, family_id ON award
BEGIN
    DELETE FROM award_held_span WHERE award_id IN (OLD.id, NEW.id);
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = NEW.id
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = NEW.id
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_event_insert;
CREATE TRIGGER award_held_event_insert AFTER INSERT ON award_event WHEN NEW.status IN ('命名', '复核')
BEGIN
    DELETE FROM award_held_span WHERE award_id = NEW.award_id;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = NEW.award_id
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = NEW.award_id
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_event_delete;
CREATE TRIGGER award_held_event_delete AFTER DELETE ON award_event WHEN OLD.status IN ('命名', '复核')
BEGIN
    DELETE FROM award_held_span WHERE award_id = OLD.award_id;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id = OLD.award_id
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id = OLD.award_id
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_event_update;
CREATE TRIGGER award_held_event_update AFTER UPDATE OF award_id, status, happened_on ON award_event
WHEN OLD.status IN ('命名', '复核') OR NEW.status IN ('命名', '复核')
BEGIN
    DELETE FROM award_held_span WHERE award_id IN (OLD.award_id, NEW.award_id);
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (OLD.award_id, NEW.award_id)
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (OLD.award_id, NEW.award_id)
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_title_validity;
CREATE TRIGGER award_held_title_validity AFTER UPDATE OF valid_years ON award_title
BEGIN
    DELETE FROM award_held_span WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id);
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id)
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id)
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_grace_insert;
CREATE TRIGGER award_held_grace_insert AFTER INSERT ON setting WHEN NEW.key = 'titles.grace_months'
BEGIN
    DELETE FROM award_held_span WHERE title_id IN (SELECT id FROM award_title WHERE valid_years IS NOT NULL);
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL)
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL)
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_grace_update;
CREATE TRIGGER award_held_grace_update AFTER UPDATE ON setting WHEN OLD.key = 'titles.grace_months' OR NEW.key = 'titles.grace_months'
BEGIN
    DELETE FROM award_held_span WHERE title_id IN (SELECT id FROM award_title WHERE valid_years IS NOT NULL);
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL)
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL)
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER award_held_grace_delete;
CREATE TRIGGER award_held_grace_delete AFTER DELETE ON setting WHEN OLD.key = 'titles.grace_months'
BEGIN
    DELETE FROM award_held_span WHERE title_id IN (SELECT id FROM award_title WHERE valid_years IS NOT NULL);
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL)
        ON CONFLICT DO NOTHING;
    INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id)
        SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed
        WHERE award_id IN (SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id WHERE t.valid_years IS NOT NULL)
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER honour_list_award_insert;
CREATE TRIGGER honour_list_award_insert AFTER INSERT ON award
    WHEN NEW.person_id IS NOT NULL OR NEW.collective_name IS NOT NULL BEGIN
    INSERT INTO honour_list SELECT * FROM honour_list_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET
            collective = excluded.collective, unit_id = excluded.unit_id, year = excluded.year,
            title = excluded.title, title_key = excluded.title_key, level = excluded.level,
            level_rank = excluded.level_rank, name = excluded.name, holder_key = excluded.holder_key,
            pinyin = excluded.pinyin, initials = excluded.initials, unit_name = excluded.unit_name,
            unit_key = excluded.unit_key, status = excluded.status, doc_number = excluded.doc_number,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail;
END;

DROP TRIGGER honour_list_award_update;
CREATE TRIGGER honour_list_award_update AFTER UPDATE ON award
    WHEN OLD.person_id IS NOT NULL OR OLD.collective_name IS NOT NULL
      OR NEW.person_id IS NOT NULL OR NEW.collective_name IS NOT NULL BEGIN
    DELETE FROM honour_list WHERE award_id = OLD.id;
    INSERT INTO honour_list SELECT * FROM honour_list_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET
            collective = excluded.collective, unit_id = excluded.unit_id, year = excluded.year,
            title = excluded.title, title_key = excluded.title_key, level = excluded.level,
            level_rank = excluded.level_rank, name = excluded.name, holder_key = excluded.holder_key,
            pinyin = excluded.pinyin, initials = excluded.initials, unit_name = excluded.unit_name,
            unit_key = excluded.unit_key, status = excluded.status, doc_number = excluded.doc_number,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail;
END;

DROP TRIGGER honour_list_title_update;
CREATE TRIGGER honour_list_title_update AFTER UPDATE OF name, level ON award_title BEGIN
    INSERT INTO honour_list SELECT * FROM honour_list_source
        WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET
            collective = excluded.collective, unit_id = excluded.unit_id, year = excluded.year,
            title = excluded.title, title_key = excluded.title_key, level = excluded.level,
            level_rank = excluded.level_rank, name = excluded.name, holder_key = excluded.holder_key,
            pinyin = excluded.pinyin, initials = excluded.initials, unit_name = excluded.unit_name,
            unit_key = excluded.unit_key, status = excluded.status, doc_number = excluded.doc_number,
            id_tail = excluded.id_tail, phone_tail = excluded.phone_tail;
END;

DROP TRIGGER person_list_after_update;
CREATE TRIGGER person_list_after_update AFTER UPDATE ON person
WHEN OLD.id <> NEW.id OR NEW.is_volunteer IS NOT OLD.is_volunteer OR NEW.name IS NOT OLD.name
     OR NEW.id_number IS NOT OLD.id_number OR NEW.phone IS NOT OLD.phone
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
    DELETE FROM person_search WHERE rowid = OLD.id AND (NEW.name IS NOT OLD.name OR OLD.id <> NEW.id);
    INSERT INTO person_search (rowid, name, pinyin, initials)
        SELECT person_id, name, pinyin, initials FROM person_list
        WHERE person_id = NEW.id AND (NEW.name IS NOT OLD.name OR OLD.id <> NEW.id);
END;

DROP TRIGGER honour_list_person_update;
CREATE TRIGGER honour_list_person_update AFTER UPDATE OF name, id_number, phone ON person
WHEN NEW.name IS NOT OLD.name OR NEW.id_number IS NOT OLD.id_number OR NEW.phone IS NOT OLD.phone
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
END;

DROP TRIGGER family_gram_insert;
CREATE TRIGGER family_gram_insert AFTER INSERT ON family BEGIN
    INSERT INTO family_gram (gram, sort_key, family_id)
        SELECT value, NEW.sort_key, NEW.id FROM json_each(jinguo_family_grams(NEW.head_name, NEW.address)) WHERE true
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER family_gram_update;
CREATE TRIGGER family_gram_update AFTER UPDATE OF head_name, address, sort_key ON family BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT value FROM json_each(jinguo_family_grams(OLD.head_name, OLD.address)));
    INSERT INTO family_gram (gram, sort_key, family_id)
        SELECT value, NEW.sort_key, NEW.id FROM json_each(jinguo_family_grams(NEW.head_name, NEW.address)) WHERE true
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER person_gram_after_update;
CREATE TRIGGER person_gram_after_update
AFTER UPDATE OF is_volunteer, name, name_key, pinyin, initials, id_tail, phone_tail ON person_list BEGIN
    DELETE FROM person_gram
    WHERE OLD.is_volunteer = 1 AND person_id = OLD.person_id AND name_key = OLD.name_key
      AND gram IN (SELECT value FROM json_each(jinguo_grams(OLD.name, OLD.pinyin, OLD.initials, OLD.id_tail, OLD.phone_tail)));
    INSERT INTO person_gram (gram, name_key, person_id)
        SELECT value, NEW.name_key, NEW.person_id
        FROM json_each(jinguo_grams(NEW.name, NEW.pinyin, NEW.initials, NEW.id_tail, NEW.phone_tail))
        WHERE NEW.is_volunteer = 1
        ON CONFLICT DO NOTHING;
END;

DROP TRIGGER person_gram_after_insert;
CREATE TRIGGER person_gram_after_insert AFTER INSERT ON person_list WHEN NEW.is_volunteer = 1 BEGIN
    INSERT INTO person_gram (gram, name_key, person_id)
        SELECT value, NEW.name_key, NEW.person_id
        FROM json_each(jinguo_grams(NEW.name, NEW.pinyin, NEW.initials, NEW.id_tail, NEW.phone_tail)) WHERE true
        ON CONFLICT DO NOTHING;
END;
