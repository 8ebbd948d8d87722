-- 0035_family_grams: a 1–2 character search of the 家庭 list in its default
-- order (户主, the head's pinyin) from an index (issue 17: 张 scanned all
-- 500,000 households, ~2.5 s, for the first page and again for the count).
--
-- family_gram holds, per household, every run of 1–2 non-ASCII characters
-- of the head's name and of the address (storage/sql_functions.hpp
-- familySearchGrams, SQL jinguo_family_grams), keyed by (gram, sort_key,
-- family_id): a query's households in the head's pinyin order are one index
-- range. A superset of what the list's rule matches there (the rule is
-- applied to every candidate), so rows and counts are the scan's
-- (tests/storage_family_gram_test.cpp). Units' names and titles' texts are
-- not in it: a query one of them holds is answered as before. ASCII
-- queries (pinyin, digits) are not either. Kept by the triggers below on
-- every write of family (family is never written with INSERT OR REPLACE);
-- never written otherwise, never audited.
CREATE TABLE family_gram (
    gram       TEXT    NOT NULL,
    sort_key   TEXT    NOT NULL,
    family_id  INTEGER NOT NULL,
    PRIMARY KEY (gram, sort_key, family_id)
) WITHOUT ROWID;

-- Filled in key order (appends, not random inserts), before the triggers exist.
INSERT INTO family_gram (gram, sort_key, family_id)
    SELECT j.value, f.sort_key, f.id FROM family f, json_each(jinguo_family_grams(f.head_name, f.address)) j
    ORDER BY 1, 2, 3;

CREATE TRIGGER family_gram_insert AFTER INSERT ON family BEGIN
    INSERT OR IGNORE INTO family_gram (gram, sort_key, family_id)
        SELECT value, NEW.sort_key, NEW.id FROM json_each(jinguo_family_grams(NEW.head_name, NEW.address));
END;
CREATE TRIGGER family_gram_delete AFTER DELETE ON family BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT value FROM json_each(jinguo_family_grams(OLD.head_name, OLD.address)));
END;
CREATE TRIGGER family_gram_update AFTER UPDATE OF head_name, address, sort_key ON family BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT value FROM json_each(jinguo_family_grams(OLD.head_name, OLD.address)));
    INSERT OR IGNORE INTO family_gram (gram, sort_key, family_id)
        SELECT value, NEW.sort_key, NEW.id FROM json_each(jinguo_family_grams(NEW.head_name, NEW.address));
END;
