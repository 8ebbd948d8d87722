-- 0034_person_update_only_what_changed: an update of a person rewrites only
-- the derived rows that depend on what changed.
--
-- 0020's person_list_after_update replaced the person's person_list row on
-- every UPDATE of person: the REPLACE rewrote all eleven of its index entries
-- and, through 0026's triggers, deleted and re-inserted her ~20 search grams
-- in person_gram (the biggest index of the file), even when only the roster
-- hours changed — which is what importing an edited roster does to most of
-- its people (11% of the empty database's rate at 1M, issue 17). 0025's
-- honour_list_person_update likewise rewrote her honours whenever name or
-- phone were merely named in the UPDATE's SET list.
--
-- Now the full refresh runs only when a column the list searches by changed
-- (id, name, is_volunteer, id_number, phone: its grams, its person_search
-- row). When only the unit, gender or joining date changed (with or without
-- the hours) the row's columns that depend on them are set in place from
-- person_list_source — no REPLACE, so 0026's gram triggers (UPDATE OF the
-- searched columns) do not run; a re-import that names another community of
-- the same name moves people that way. When roster_hours alone changed,
-- counted_hours is set to dated_hours + the new roster_hours: the view's own
-- sum ((records + credits) + history), dated_hours being kept current by the
-- record and credit triggers. Other columns (note, roster_hours_as_of,
-- import_batch_id, timestamps) touch nothing derived.
-- tests/storage_person_update_test.cpp compares every summary with its
-- definition after updates of each kind.
DROP TRIGGER person_list_after_update;
CREATE TRIGGER person_list_after_update AFTER UPDATE ON person
WHEN OLD.id <> NEW.id OR NEW.is_volunteer IS NOT OLD.is_volunteer OR NEW.name IS NOT OLD.name
     OR NEW.id_number IS NOT OLD.id_number OR NEW.phone IS NOT OLD.phone
BEGIN
    DELETE FROM person_list WHERE person_id = OLD.id AND OLD.id <> NEW.id;
    INSERT OR REPLACE INTO person_list SELECT * FROM person_list_source WHERE person_id = NEW.id;
    DELETE FROM person_search WHERE rowid = OLD.id AND (NEW.name IS NOT OLD.name OR OLD.id <> NEW.id);
    INSERT INTO person_search (rowid, name, pinyin, initials)
        SELECT person_id, name, pinyin, initials FROM person_list
        WHERE person_id = NEW.id AND (NEW.name IS NOT OLD.name OR OLD.id <> NEW.id);
END;
CREATE TRIGGER person_list_fields_update AFTER UPDATE OF unit_id, unit_text, gender, joined_on ON person
WHEN (NEW.unit_id IS NOT OLD.unit_id OR NEW.unit_text IS NOT OLD.unit_text OR NEW.gender IS NOT OLD.gender
      OR NEW.joined_on IS NOT OLD.joined_on)
     AND NOT (OLD.id <> NEW.id OR NEW.is_volunteer IS NOT OLD.is_volunteer OR NEW.name IS NOT OLD.name
              OR NEW.id_number IS NOT OLD.id_number OR NEW.phone IS NOT OLD.phone)
BEGIN
    UPDATE person_list SET (unit_id, unit_text, unit_key, gender_key, joined_key, counted_hours) =
        (SELECT unit_id, unit_text, unit_key, gender_key, joined_key, counted_hours FROM person_list_source
         WHERE person_id = NEW.id)
    WHERE person_id = NEW.id;
END;
CREATE TRIGGER person_list_hours_update AFTER UPDATE OF roster_hours ON person
WHEN NEW.roster_hours IS NOT OLD.roster_hours
     AND NOT (OLD.id <> NEW.id OR NEW.is_volunteer IS NOT OLD.is_volunteer OR NEW.name IS NOT OLD.name
              OR NEW.id_number IS NOT OLD.id_number OR NEW.phone IS NOT OLD.phone
              OR NEW.unit_id IS NOT OLD.unit_id OR NEW.unit_text IS NOT OLD.unit_text
              OR NEW.gender IS NOT OLD.gender OR NEW.joined_on IS NOT OLD.joined_on)
BEGIN
    UPDATE person_list SET counted_hours = dated_hours + NEW.roster_hours WHERE person_id = NEW.id;
END;

DROP TRIGGER honour_list_person_update;
CREATE TRIGGER honour_list_person_update AFTER UPDATE OF name, id_number, phone ON person
WHEN NEW.name IS NOT OLD.name OR NEW.id_number IS NOT OLD.id_number OR NEW.phone IS NOT OLD.phone
BEGIN
    INSERT OR REPLACE INTO honour_list SELECT * FROM honour_list_source
        WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id);
END;

-- 0030's person triggers (unit_hours_person_move, unit_hours_person_delete)
-- drop the unit's emptied rows with `WHERE unit_id = … AND people = 0`, which
-- unit_period_hours' key (period, unit_id) cannot answer: every moved or
-- deleted person scanned the whole table (23,400 rows in the 1M database) —
-- most of the time of a re-import that moves people and of an import's undo.
-- Only rows just emptied are in this index, so it stays nearly empty.
CREATE INDEX unit_period_hours_emptied ON unit_period_hours(unit_id) WHERE people = 0;
