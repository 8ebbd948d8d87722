-- 0026_search_grams: searches answer from indexes (issue 17: ≤ 100 ms per
-- keystroke at 1M people): 1–2 characters of the 志愿者 list, and the 家庭 list.
--
-- person_gram holds, per volunteer, every key a 1–2 character query can
-- match (storage/sql_functions.hpp searchGrams, SQL jinguo_grams): 'n' + each
-- run of 1–2 characters of the lower-cased name, pinyin and initials; 't' +
-- the first 1–2 characters of the reversed ID number and phone. Keyed by
-- (gram, name_key, person_id), a query's matches in name order are one
-- index range (a keyset page), whatever part of the name they match.
-- person_gram_count holds how many volunteers each gram has (the list's count
-- line without counting the range). Both are derived from person_list by the
-- triggers below (which person_list's own triggers fire on every write path);
-- never written otherwise, never audited.
CREATE TABLE person_gram (
    gram       TEXT    NOT NULL,
    name_key   TEXT    NOT NULL,
    person_id  INTEGER NOT NULL,
    PRIMARY KEY (gram, name_key, person_id)
) WITHOUT ROWID;
CREATE TABLE person_gram_count (
    gram        TEXT    PRIMARY KEY,
    volunteers  INTEGER NOT NULL
) WITHOUT ROWID;

-- Filled in key order (appends, not random inserts), before the triggers exist.
INSERT INTO person_gram (gram, name_key, person_id)
    SELECT j.value, l.name_key, l.person_id
    FROM person_list l, json_each(jinguo_grams(l.name, l.pinyin, l.initials, l.id_tail, l.phone_tail)) j
    WHERE l.is_volunteer = 1
    ORDER BY 1, 2, 3;
INSERT INTO person_gram_count (gram, volunteers) SELECT gram, count(*) FROM person_gram GROUP BY gram;

CREATE TRIGGER person_gram_count_insert AFTER INSERT ON person_gram BEGIN
    INSERT INTO person_gram_count (gram, volunteers) VALUES (NEW.gram, 1)
        ON CONFLICT (gram) DO UPDATE SET volunteers = volunteers + 1;
END;
CREATE TRIGGER person_gram_count_delete AFTER DELETE ON person_gram BEGIN
    UPDATE person_gram_count SET volunteers = volunteers - 1 WHERE gram = OLD.gram;
END;

-- person_list is written with INSERT OR REPLACE, whose implicit delete fires
-- no DELETE trigger: the row being replaced drops its grams before.
CREATE TRIGGER person_gram_before_insert BEFORE INSERT ON person_list BEGIN
    DELETE FROM person_gram
    WHERE person_id = NEW.person_id
      AND name_key = (SELECT name_key FROM person_list WHERE person_id = NEW.person_id AND is_volunteer = 1)
      AND gram IN (SELECT j.value FROM person_list o,
                   json_each(jinguo_grams(o.name, o.pinyin, o.initials, o.id_tail, o.phone_tail)) j
                   WHERE o.person_id = NEW.person_id);
END;
CREATE TRIGGER person_gram_after_insert AFTER INSERT ON person_list WHEN NEW.is_volunteer = 1 BEGIN
    INSERT OR IGNORE INTO person_gram (gram, name_key, person_id)
        SELECT value, NEW.name_key, NEW.person_id
        FROM json_each(jinguo_grams(NEW.name, NEW.pinyin, NEW.initials, NEW.id_tail, NEW.phone_tail));
END;
CREATE TRIGGER person_gram_after_delete AFTER DELETE ON person_list WHEN OLD.is_volunteer = 1 BEGIN
    DELETE FROM person_gram
    WHERE person_id = OLD.person_id AND name_key = OLD.name_key
      AND gram IN (SELECT value FROM json_each(jinguo_grams(OLD.name, OLD.pinyin, OLD.initials, OLD.id_tail, OLD.phone_tail)));
END;
CREATE TRIGGER person_gram_after_update
AFTER UPDATE OF is_volunteer, name, name_key, pinyin, initials, id_tail, phone_tail ON person_list BEGIN
    DELETE FROM person_gram
    WHERE OLD.is_volunteer = 1 AND person_id = OLD.person_id AND name_key = OLD.name_key
      AND gram IN (SELECT value FROM json_each(jinguo_grams(OLD.name, OLD.pinyin, OLD.initials, OLD.id_tail, OLD.phone_tail)));
    INSERT OR IGNORE INTO person_gram (gram, name_key, person_id)
        SELECT value, NEW.name_key, NEW.person_id
        FROM json_each(jinguo_grams(NEW.name, NEW.pinyin, NEW.initials, NEW.id_tail, NEW.phone_tail))
        WHERE NEW.is_volunteer = 1;
END;

-- family_search: an FTS5 trigram index of the 家庭 list's searched texts
-- (head's name, head_spell "zhangsan zs", address), rowid = family id, for
-- searches of 3 characters or more (storage/family_list.cpp: its matches
-- are candidates, tested with the list's own rule). Kept by the triggers
-- below on every write of family; never audited.
CREATE VIRTUAL TABLE family_search USING fts5(head_name, head_spell, address, tokenize = 'trigram');
INSERT INTO family_search (rowid, head_name, head_spell, address) SELECT id, head_name, head_spell, address FROM family;
CREATE TRIGGER family_search_insert AFTER INSERT ON family BEGIN
    INSERT INTO family_search (rowid, head_name, head_spell, address)
        VALUES (NEW.id, NEW.head_name, NEW.head_spell, NEW.address);
END;
CREATE TRIGGER family_search_update AFTER UPDATE OF id, head_name, head_spell, address ON family BEGIN
    DELETE FROM family_search WHERE rowid = OLD.id;
    INSERT INTO family_search (rowid, head_name, head_spell, address)
        VALUES (NEW.id, NEW.head_name, NEW.head_spell, NEW.address);
END;
CREATE TRIGGER family_search_delete AFTER DELETE ON family BEGIN
    DELETE FROM family_search WHERE rowid = OLD.id;
END;
