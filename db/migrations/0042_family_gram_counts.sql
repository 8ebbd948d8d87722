-- 0042_family_gram_counts: the 家庭 list's count of a 1–2 character search
-- ("共 N 户", and the titles beside it) as one kept row per gram (issue 17:
-- counting the range of family_gram and summing family_title_count over it
-- took 265–754 ms for common grams — zh, z, 12, 3号 — at 500,000 households).
--
-- family_gram_count(gram, households, titles): per gram of family_gram, the
-- households holding it and the sum of their family_title_count.titles
-- (and row '', below: every household).
-- The same figures as `SELECT count(*), sum(c.titles) FROM family_gram g
-- JOIN family_title_count c …` (tests/storage_family_gram_count_test.cpp
-- compares both on generated databases after every kind of write). Kept by
-- the triggers below only; never written otherwise, never audited; a row
-- may stay at 0.
--
-- Order matters: a household's grams leave in a BEFORE DELETE trigger on
-- family (0040's AFTER trigger, moved), so they subtract the titles it had
-- before the foreign keys' cascade deletes its awards; the cascade's
-- family_title_count updates then find no grams of a row that is gone.
-- family_title_count's own changes move the titles of the grams the
-- household holds now (found from its row, as 0040's definition says).
CREATE TABLE family_gram_count (
    gram        TEXT    PRIMARY KEY,
    households  INTEGER NOT NULL,
    titles      INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO family_gram_count (gram, households, titles)
    SELECT g.gram, count(*), ifnull(sum(c.titles), 0)
    FROM family_gram g LEFT JOIN family_title_count c ON c.family_id = g.family_id
    GROUP BY g.gram;

-- Row '' (no gram: what an empty search matches) holds every household and
-- title: the list's "共 N 户" without a search, which counted
-- family_title_count's 500,000 rows (~140 ms) for every count.
INSERT INTO family_gram_count (gram, households, titles)
    SELECT '', count(*), ifnull(sum(titles), 0) FROM family_title_count;
CREATE TRIGGER family_gram_count_every_insert AFTER INSERT ON family_title_count BEGIN
    UPDATE family_gram_count SET households = households + 1, titles = titles + NEW.titles WHERE gram = '';
END;
CREATE TRIGGER family_gram_count_every_delete AFTER DELETE ON family_title_count BEGIN
    UPDATE family_gram_count SET households = households - 1, titles = titles - OLD.titles WHERE gram = '';
END;
CREATE TRIGGER family_gram_count_every_update AFTER UPDATE OF titles ON family_title_count
WHEN NEW.titles <> OLD.titles BEGIN
    UPDATE family_gram_count SET titles = titles + NEW.titles - OLD.titles WHERE gram = '';
END;

CREATE TRIGGER family_gram_count_insert AFTER INSERT ON family_gram BEGIN
    INSERT INTO family_gram_count (gram, households, titles)
        VALUES (NEW.gram, 1, ifnull((SELECT titles FROM family_title_count WHERE family_id = NEW.family_id), 0))
        ON CONFLICT (gram) DO UPDATE SET households = households + 1, titles = titles + excluded.titles;
END;
CREATE TRIGGER family_gram_count_delete AFTER DELETE ON family_gram BEGIN
    UPDATE family_gram_count
    SET households = households - 1,
        titles = titles - ifnull((SELECT titles FROM family_title_count WHERE family_id = OLD.family_id), 0)
    WHERE gram = OLD.gram;
END;

-- The grams household ?id holds now: its row's grams that family_gram has.
CREATE TRIGGER family_gram_count_titles_insert AFTER INSERT ON family_title_count WHEN NEW.titles <> 0 BEGIN
    UPDATE family_gram_count SET titles = titles + NEW.titles
    WHERE gram IN (SELECT g.gram FROM family f, json_each(jinguo_family_grams(f.head_name, f.address, f.head_spell)) j
                   JOIN family_gram g ON g.gram = j.value AND g.sort_key = f.sort_key AND g.family_id = f.id
                   WHERE f.id = NEW.family_id);
END;
CREATE TRIGGER family_gram_count_titles_delete AFTER DELETE ON family_title_count WHEN OLD.titles <> 0 BEGIN
    UPDATE family_gram_count SET titles = titles - OLD.titles
    WHERE gram IN (SELECT g.gram FROM family f, json_each(jinguo_family_grams(f.head_name, f.address, f.head_spell)) j
                   JOIN family_gram g ON g.gram = j.value AND g.sort_key = f.sort_key AND g.family_id = f.id
                   WHERE f.id = OLD.family_id);
END;
-- A title added or taken away (the common change): one pass over the grams.
CREATE TRIGGER family_gram_count_titles_update AFTER UPDATE OF titles ON family_title_count
WHEN NEW.family_id = OLD.family_id AND NEW.titles <> OLD.titles BEGIN
    UPDATE family_gram_count SET titles = titles + NEW.titles - OLD.titles
    WHERE gram IN (SELECT g.gram FROM family f, json_each(jinguo_family_grams(f.head_name, f.address, f.head_spell)) j
                   JOIN family_gram g ON g.gram = j.value AND g.sort_key = f.sort_key AND g.family_id = f.id
                   WHERE f.id = NEW.family_id);
END;
CREATE TRIGGER family_gram_count_titles_move AFTER UPDATE OF family_id ON family_title_count
WHEN NEW.family_id <> OLD.family_id BEGIN
    UPDATE family_gram_count SET titles = titles - OLD.titles
    WHERE gram IN (SELECT g.gram FROM family f, json_each(jinguo_family_grams(f.head_name, f.address, f.head_spell)) j
                   JOIN family_gram g ON g.gram = j.value AND g.sort_key = f.sort_key AND g.family_id = f.id
                   WHERE f.id = OLD.family_id);
    UPDATE family_gram_count SET titles = titles + NEW.titles
    WHERE gram IN (SELECT g.gram FROM family f, json_each(jinguo_family_grams(f.head_name, f.address, f.head_spell)) j
                   JOIN family_gram g ON g.gram = j.value AND g.sort_key = f.sort_key AND g.family_id = f.id
                   WHERE f.id = NEW.family_id);
END;

-- 0040's family_gram_delete, now before the row goes (see above).
DROP TRIGGER family_gram_delete;
CREATE TRIGGER family_gram_delete BEFORE DELETE ON family BEGIN
    DELETE FROM family_gram
    WHERE sort_key = OLD.sort_key AND family_id = OLD.id
      AND gram IN (SELECT value FROM json_each(jinguo_family_grams(OLD.head_name, OLD.address, OLD.head_spell)));
END;
