-- 0045_review_pinyin_order: 称号复核 in pinyin order, as every other list (issue 17).
--
-- 0038's review_title_order sorted units and holders by their texts (BINARY:
-- character codes, so 万松社区 came before 红星社区 and 丁, 张, 毛, 江 in that
-- order). The volunteers, households and honours lists sort by the ICU key
-- of core/pinyin.hpp (sortKeyText, SQL jinguo_sort_key: hex, BINARY order =
-- pinyin order); this keeps the same key of the unit's name (unit_key, of ''
-- without a unit, as honour_list's) and of the holder (holder_key) beside the
-- texts, and the list's two indexes read by them: (unit_key, holder_key,
-- title_name, year, award_id). The title and year still break ties as before.
--
-- The keys' one definition: jinguo_sort_key(unit_name), jinguo_sort_key(holder)
-- of review_title_order_source's row (the view is unchanged, so PostgreSQL's
-- stays equal to it). The triggers below replace 0038's that write rows; the
-- title rename and the delete do not touch a key and stay. Refilled after an
-- ICU upgrade (fillReviewTitleOrderKeys, db/storage/title_review.cpp, called
-- where fillHonourList is). tests/storage_review_order_test.cpp holds the
-- table to the view plus these keys after every kind of write.
DROP TRIGGER review_title_order_award_insert;
DROP TRIGGER review_title_order_award_update;
DROP TRIGGER review_title_order_family_update;
DROP TRIGGER review_title_order_person_update;
DROP TRIGGER review_title_order_unit_rename;
DROP INDEX review_title_order_list;
DROP INDEX review_title_order_unit;

ALTER TABLE review_title_order ADD COLUMN unit_key TEXT NOT NULL DEFAULT '';
ALTER TABLE review_title_order ADD COLUMN holder_key TEXT NOT NULL DEFAULT '';
UPDATE review_title_order SET unit_key = jinguo_sort_key(unit_name), holder_key = jinguo_sort_key(holder);

CREATE INDEX review_title_order_list ON review_title_order(unit_key, holder_key, title_name, year, award_id);
CREATE INDEX review_title_order_unit ON review_title_order(unit_id, unit_key, holder_key, title_name, year, award_id);

-- An award's row, recomputed: dropped, then written again when still listed.
CREATE TRIGGER review_title_order_award_insert AFTER INSERT ON award
WHEN NEW.family_id IS NOT NULL OR NEW.person_id IS NOT NULL
BEGIN
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
END;

CREATE TRIGGER review_title_order_award_update
AFTER UPDATE OF id, status, title_id, year, unit_id, family_id, person_id ON award
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (OLD.id, NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
END;

-- A household's head or unit: its awards (award_family).
CREATE TRIGGER review_title_order_family_update AFTER UPDATE OF head_name, unit_id ON family
WHEN OLD.head_name IS NOT NEW.head_name OR OLD.unit_id IS NOT NEW.unit_id
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
END;

-- A person's name or unit: her awards (award_person).
CREATE TRIGGER review_title_order_person_update AFTER UPDATE OF name, unit_id ON person
WHEN OLD.name IS NOT NEW.name OR OLD.unit_id IS NOT NEW.unit_id
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               jinguo_sort_key(unit_name), jinguo_sort_key(holder)
        FROM review_title_order_source WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
END;

-- A unit renamed: its rows (review_title_order_unit), the key with the name.
CREATE TRIGGER review_title_order_unit_rename AFTER UPDATE OF name ON org_unit
WHEN OLD.name IS NOT NEW.name
BEGIN
    UPDATE review_title_order SET unit_name = NEW.name, unit_key = jinguo_sort_key(NEW.name) WHERE unit_id = NEW.id;
END;
