-- 0040_volunteer_count_family_ascii_grams, part 1: the 志愿者 list's "every volunteer" count as one row
-- kept by triggers (issue 17: SELECT count(*) FROM person_list WHERE
-- is_volunteer = 1 read its narrowest covering index, person_list_search,
-- ~9,700 pages / 40 MB at 1M people: 0.4 s when they are not in the page
-- cache, and the section waits for it before it counts as shown).
-- Row 'person_list.volunteers' of 0032's table_row_count. Since 0039 every
-- writer of person_list inserts, upserts (ON CONFLICT DO UPDATE: the UPDATE
-- trigger fires) or deletes; none uses INSERT OR REPLACE, whose implicit
-- delete would fire no DELETE trigger and leave the count one too high.
-- storage/person_list_bulk.cpp's clearPersonList suspends these triggers
-- and sets the row to 0 itself. Never written otherwise, never audited.
INSERT INTO table_row_count (table_name, row_count)
    SELECT 'person_list.volunteers', count(*) FROM person_list WHERE is_volunteer = 1
    ON CONFLICT (table_name) DO UPDATE SET row_count = excluded.row_count;

CREATE TRIGGER volunteer_count_after_insert AFTER INSERT ON person_list WHEN NEW.is_volunteer = 1 BEGIN
    UPDATE table_row_count SET row_count = row_count + 1 WHERE table_name = 'person_list.volunteers';
END;
CREATE TRIGGER volunteer_count_after_delete AFTER DELETE ON person_list WHEN OLD.is_volunteer = 1 BEGIN
    UPDATE table_row_count SET row_count = row_count - 1 WHERE table_name = 'person_list.volunteers';
END;
CREATE TRIGGER volunteer_count_after_update AFTER UPDATE OF is_volunteer ON person_list
WHEN (OLD.is_volunteer IS 1) <> (NEW.is_volunteer IS 1) BEGIN
    UPDATE table_row_count SET row_count = row_count + (NEW.is_volunteer IS 1) - (OLD.is_volunteer IS 1)
    WHERE table_name = 'person_list.volunteers';
END;

-- Part 2: family_gram (0035) answers ASCII and mixed 1–2 character searches
-- of the 家庭 list too (issue 17: "zh", a digit of an address, a phone tail
-- scanned all 500,000 households in the head's order, ~2 s). Its grams are
-- now jinguo_family_grams(head_name, address, head_spell)
-- (storage/sql_functions.hpp familySearchGramsWithSpell): every 1–2
-- character run of the lowered name and address but runs holding a space,
-- and every 1–2 letter run of head_spell. A query's households are exactly
-- its gram's (head_spell is read by the rule for pinyin-shaped queries
-- only, and its grams are letters a–z only). Refilled in key order before
-- the triggers exist; the triggers write upserts (never OR IGNORE).
DROP TRIGGER family_gram_insert;
DROP TRIGGER family_gram_delete;
DROP TRIGGER family_gram_update;
DELETE FROM family_gram;
INSERT INTO family_gram (gram, sort_key, family_id)
    SELECT j.value, f.sort_key, f.id
    FROM family f, json_each(jinguo_family_grams(f.head_name, f.address, f.head_spell)) j
    ORDER BY 1, 2, 3;

CREATE TRIGGER family_gram_insert AFTER INSERT ON family BEGIN
    INSERT INTO family_gram (gram, sort_key, family_id)
        SELECT value, NEW.sort_key, NEW.id FROM json_each(jinguo_family_grams(NEW.head_name, NEW.address, NEW.head_spell))
        WHERE true
        ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER family_gram_delete AFTER DELETE ON family BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT value FROM json_each(jinguo_family_grams(OLD.head_name, OLD.address, OLD.head_spell)));
END;
CREATE TRIGGER family_gram_update AFTER UPDATE OF head_name, address, head_spell, sort_key ON family BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT value FROM json_each(jinguo_family_grams(OLD.head_name, OLD.address, OLD.head_spell)));
    INSERT INTO family_gram (gram, sort_key, family_id)
        SELECT value, NEW.sort_key, NEW.id FROM json_each(jinguo_family_grams(NEW.head_name, NEW.address, NEW.head_spell))
        WHERE true
        ON CONFLICT DO NOTHING;
END;
