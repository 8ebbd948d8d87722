-- 0044_family_title_gram_counts: the 家庭 list's count of a 1–2 character
-- search that titles' texts hold (2, 20, 5, 区级: their year, level or name)
-- as kept rows (issue 17: such a count tested every household, 4–8 s on its
-- Task at 500,000 households).
--
-- A household matches a 1–2 character search when its grams (family_gram,
-- 0040) hold it, or the text of one of its titles (award.year || level ||
-- '级' || name, as familyPasses tests it) does, or its unit's name does (that
-- case still counts by candidates). family_gram_count (0042) keeps the first
-- part; this table keeps the rest:
--
-- family_title_gram_count(gram, households, titles): per gram of a title's
-- text (jinguo_family_grams(text, '', ''): the same runs as a household's
-- grams), the households whose titles' texts hold it and whose own grams do
-- NOT, and the sum of their titles (count of award rows). So a search's
-- count is family_gram_count + family_title_gram_count, one row each
-- (tests/storage_family_list_test.cpp compares with the scan and with the
-- definition below after every kind of write). Kept by the triggers below
-- only; a row may stay at 0.
--
-- The triggers read award (a household's titles and their count) and
-- family_gram, never family_title_count: the order in which SQLite runs
-- 0021's award triggers and these is not to be relied on.
-- family_title_set_count(texts, households, titles): the households grouped
-- by the texts of their titles (distinct lower(year || level || '级' ||
-- name), sorted, joined by char(31)), with the sum of their titles. A
-- search of 3+ characters that titles' texts hold (202, 2024, 平安家庭,
-- 五好) counts the households of the rows whose texts hold it (instr, as the
-- rule tests each title: a query never holds char(31)), plus its other
-- candidates (family_search, units) that no title of theirs matches. A few
-- hundred rows at 500,000 households (most hold one or two titles).
-- Kept by the triggers below from award and award_title only; a row may stay at 0.
CREATE TABLE family_title_set_count (
    texts       TEXT    PRIMARY KEY,
    households  INTEGER NOT NULL,
    titles      INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO family_title_set_count (texts, households, titles)
    SELECT texts, count(*), sum(n) FROM (
        SELECT family_id, ifnull(group_concat(x, char(31)), '') AS texts, sum(c) AS n FROM (
            SELECT a.family_id, lower(a.year || t.level || '级' || t.name) AS x, count(*) AS c
            FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE a.family_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2)
        GROUP BY family_id)
    GROUP BY texts;

CREATE TABLE family_title_gram_count (
    gram        TEXT    PRIMARY KEY,
    households  INTEGER NOT NULL,
    titles      INTEGER NOT NULL
) WITHOUT ROWID;

-- Filled from family_title_set_count (above): per gram, the
-- households of the sets whose texts hold it, less those of its range of
-- family_gram whose titles hold it too (the fill per award took 194 s under load at
-- 500,000 households: ~10M (household, gram) pairs sorted).
INSERT INTO family_title_gram_count (gram, households, titles)
    SELECT held.gram, held.households - ifnull(covered.households, 0), held.titles - ifnull(covered.titles, 0)
    FROM (SELECT j.value AS gram, sum(s.households) AS households, sum(s.titles) AS titles
          FROM family_title_set_count s, json_each(jinguo_family_grams(replace(s.texts, char(31), ' '), '', '')) j
          GROUP BY j.value) held
    LEFT JOIN (SELECT g.gram, count(*) AS households, sum((SELECT count(*) FROM award n WHERE n.family_id = g.family_id)) AS titles
               FROM family_gram g
               WHERE g.gram IN (SELECT j.value FROM family_title_set_count s,
                                       json_each(jinguo_family_grams(replace(s.texts, char(31), ' '), '', '')) j)
                 AND EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id,
                                    json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
                             WHERE a.family_id = g.family_id AND j.value = g.gram)
               GROUP BY g.gram) covered ON covered.gram = held.gram
    WHERE true;

-- A title given: the grams the household's other titles held gain one
-- title; grams new to it gain the household with all its titles. Grams its
-- own grams hold are not this table's.
CREATE TRIGGER family_title_gram_count_award_insert AFTER INSERT ON award WHEN NEW.family_id IS NOT NULL BEGIN
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT h.gram, 1 - h.held, CASE WHEN h.held THEN 1 ELSE (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id) END
        FROM (SELECT j.value AS gram, max(a.id <> NEW.id) AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
              WHERE a.family_id = NEW.family_id GROUP BY j.value) h
        WHERE NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                  AND g.family_id = f.id
                          WHERE f.id = NEW.family_id)
        ON CONFLICT (gram) DO UPDATE SET households = households + excluded.households, titles = titles + excluded.titles;
END;
-- A title taken: grams the household's other titles still hold lose one
-- title; the others lose the household and the titles it had.
CREATE TRIGGER family_title_gram_count_award_delete AFTER DELETE ON award WHEN OLD.family_id IS NOT NULL BEGIN
    UPDATE family_title_gram_count
    SET households = households - 1 + h.held,
        titles = titles - CASE WHEN h.held THEN 1 ELSE 1 + (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id) END
    FROM (SELECT gram, max(held) AS held FROM (
              SELECT j.value AS gram, 1 AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
              WHERE a.family_id = OLD.family_id
              UNION ALL
              SELECT j.value, 0 FROM award_title t, json_each(jinguo_family_grams(OLD.year || t.level || '级' || t.name, '', '')) j
              WHERE t.id = OLD.title_id)
          GROUP BY gram) h
    WHERE family_title_gram_count.gram = h.gram
      AND NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                AND g.family_id = f.id
                      WHERE f.id = OLD.family_id);
END;
-- A title moved to another household, year or title: taken from the old
-- household as it was (its other rows), then given to the new one.
CREATE TRIGGER family_title_gram_count_award_update AFTER UPDATE OF family_id, title_id, year ON award
WHEN (OLD.family_id IS NOT NULL OR NEW.family_id IS NOT NULL)
 AND (OLD.family_id IS NOT NEW.family_id OR OLD.title_id IS NOT NEW.title_id OR OLD.year IS NOT NEW.year) BEGIN
    UPDATE family_title_gram_count
    SET households = households - 1 + h.held,
        titles = titles - CASE WHEN h.held THEN 1 ELSE 1 + (SELECT count(*) FROM award n
                                                            WHERE n.family_id = OLD.family_id AND n.id <> OLD.id) END
    FROM (SELECT gram, max(held) AS held FROM (
              SELECT j.value AS gram, 1 AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
              WHERE a.family_id = OLD.family_id AND a.id <> OLD.id
              UNION ALL
              SELECT j.value, 0 FROM award_title t, json_each(jinguo_family_grams(OLD.year || t.level || '级' || t.name, '', '')) j
              WHERE t.id = OLD.title_id)
          GROUP BY gram) h
    WHERE OLD.family_id IS NOT NULL AND family_title_gram_count.gram = h.gram
      AND NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                AND g.family_id = f.id
                      WHERE f.id = OLD.family_id);
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT h.gram, 1 - h.held, CASE WHEN h.held THEN 1 ELSE (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id) END
        FROM (SELECT j.value AS gram, max(a.id <> NEW.id) AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
              WHERE a.family_id = NEW.family_id GROUP BY j.value) h
        WHERE NEW.family_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                    AND g.family_id = f.id
                          WHERE f.id = NEW.family_id)
        ON CONFLICT (gram) DO UPDATE SET households = households + excluded.households, titles = titles + excluded.titles;
END;

-- A household's own gram arriving covers its titles' gram (this table no
-- longer counts it); one leaving uncovers it. family's BEFORE DELETE trigger
-- (0042) takes the grams out while its titles are still there, so the
-- cascade's award deletes then subtract what was added back.
-- (A household without titles, as every new one of an import: one probe of award_family.)
CREATE TRIGGER family_title_gram_count_gram_insert AFTER INSERT ON family_gram
WHEN EXISTS (SELECT 1 FROM award n WHERE n.family_id = NEW.family_id) BEGIN
    UPDATE family_title_gram_count
    SET households = households - 1,
        titles = titles - (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id)
    WHERE gram = NEW.gram
      AND EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id,
                         json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
                  WHERE a.family_id = NEW.family_id AND j.value = NEW.gram);
END;
CREATE TRIGGER family_title_gram_count_gram_delete AFTER DELETE ON family_gram
WHEN EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id,
                    json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
             WHERE a.family_id = OLD.family_id AND j.value = OLD.gram) BEGIN
    INSERT INTO family_title_gram_count (gram, households, titles)
        VALUES (OLD.gram, 1, (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id))
        ON CONFLICT (gram) DO UPDATE SET households = households + 1, titles = titles + excluded.titles;
END;

-- A title renamed (name or level): every household holding it counted again,
-- out under the old text, in under the new (rare; set-based).
CREATE TRIGGER family_title_gram_count_title_rename AFTER UPDATE OF name, level ON award_title
WHEN NEW.name IS NOT OLD.name OR NEW.level IS NOT OLD.level BEGIN
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT x.gram, -count(*), -sum((SELECT count(*) FROM award n WHERE n.family_id = x.family_id))
        FROM (SELECT DISTINCT a.family_id, j.value AS gram
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   json_each(jinguo_family_grams(a.year || CASE WHEN a.title_id = OLD.id THEN OLD.level ELSE t.level END
                                                 || '级' || CASE WHEN a.title_id = OLD.id THEN OLD.name ELSE t.name END, '', '')) j
              WHERE a.family_id IN (SELECT family_id FROM award WHERE title_id = OLD.id AND family_id IS NOT NULL)) x
        JOIN family f ON f.id = x.family_id
        WHERE NOT EXISTS (SELECT 1 FROM family_gram g WHERE g.gram = x.gram AND g.sort_key = f.sort_key AND g.family_id = f.id)
        GROUP BY x.gram
        ON CONFLICT (gram) DO UPDATE SET households = households + excluded.households, titles = titles + excluded.titles;
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT x.gram, count(*), sum((SELECT count(*) FROM award n WHERE n.family_id = x.family_id))
        FROM (SELECT DISTINCT a.family_id, j.value AS gram
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   json_each(jinguo_family_grams(a.year || t.level || '级' || t.name, '', '')) j
              WHERE a.family_id IN (SELECT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL)) x
        JOIN family f ON f.id = x.family_id
        WHERE NOT EXISTS (SELECT 1 FROM family_gram g WHERE g.gram = x.gram AND g.sort_key = f.sort_key AND g.family_id = f.id)
        GROUP BY x.gram
        ON CONFLICT (gram) DO UPDATE SET households = households + excluded.households, titles = titles + excluded.titles;
END;

-- A household's texts (its titles but ?id): see family_title_set_count above.
CREATE TRIGGER family_title_set_count_award_insert AFTER INSERT ON award WHEN NEW.family_id IS NOT NULL BEGIN
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id)
    WHERE texts = (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                       SELECT DISTINCT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = NEW.family_id AND a.id <> NEW.id ORDER BY x))
      AND EXISTS (SELECT 1 FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id);
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                    SELECT DISTINCT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = NEW.family_id ORDER BY x)),
               1, (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id)
        WHERE true
        ON CONFLICT (texts) DO UPDATE SET households = households + 1, titles = titles + excluded.titles;
END;
CREATE TRIGGER family_title_set_count_award_delete AFTER DELETE ON award WHEN OLD.family_id IS NOT NULL BEGIN
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - 1 - (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id)
    WHERE texts = (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                       SELECT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = OLD.family_id
                       UNION SELECT lower(OLD.year || t.level || '级' || t.name) FROM award_title t WHERE t.id = OLD.title_id
                       ORDER BY x));
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                    SELECT DISTINCT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = OLD.family_id ORDER BY x)),
               1, (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id)
        WHERE EXISTS (SELECT 1 FROM award n WHERE n.family_id = OLD.family_id)
        ON CONFLICT (texts) DO UPDATE SET households = households + 1, titles = titles + excluded.titles;
END;
-- Moved to another household, year or title: the old household's texts
-- without it (then with its others), the new household's without it, then with it.
CREATE TRIGGER family_title_set_count_award_update AFTER UPDATE OF family_id, title_id, year ON award
WHEN (OLD.family_id IS NOT NULL OR NEW.family_id IS NOT NULL)
 AND (OLD.family_id IS NOT NEW.family_id OR OLD.title_id IS NOT NEW.title_id OR OLD.year IS NOT NEW.year) BEGIN
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - 1 - (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id AND n.id <> OLD.id)
    WHERE OLD.family_id IS NOT NULL
      AND texts = (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                       SELECT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = OLD.family_id AND a.id <> OLD.id
                       UNION SELECT lower(OLD.year || t.level || '级' || t.name) FROM award_title t WHERE t.id = OLD.title_id
                       ORDER BY x));
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                    SELECT DISTINCT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = OLD.family_id AND a.id <> OLD.id ORDER BY x)),
               1, (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id AND n.id <> OLD.id)
        WHERE EXISTS (SELECT 1 FROM award n WHERE n.family_id = OLD.family_id AND n.id <> OLD.id)
        ON CONFLICT (texts) DO UPDATE SET households = households + 1, titles = titles + excluded.titles;
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id)
    WHERE texts = (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                       SELECT DISTINCT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = NEW.family_id AND a.id <> NEW.id ORDER BY x))
      AND EXISTS (SELECT 1 FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id);
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                    SELECT DISTINCT lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = NEW.family_id ORDER BY x)),
               1, (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id)
        WHERE NEW.family_id IS NOT NULL
        ON CONFLICT (texts) DO UPDATE SET households = households + 1, titles = titles + excluded.titles;
END;
-- A title renamed: every household holding it out under its old texts, in under the new.
CREATE TRIGGER family_title_set_count_title_rename AFTER UPDATE OF name, level ON award_title
WHEN NEW.name IS NOT OLD.name OR NEW.level IS NOT OLD.level BEGIN
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT texts, -count(*), -sum(n) FROM (
            SELECT (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                        SELECT DISTINCT lower(a.year || CASE WHEN a.title_id = OLD.id THEN OLD.level ELSE t.level END || '级'
                                              || CASE WHEN a.title_id = OLD.id THEN OLD.name ELSE t.name END) AS x
                        FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = h.family_id ORDER BY x)) AS texts,
                   (SELECT count(*) FROM award n WHERE n.family_id = h.family_id) AS n
            FROM (SELECT DISTINCT family_id FROM award WHERE title_id = OLD.id AND family_id IS NOT NULL) h)
        WHERE true GROUP BY texts
        ON CONFLICT (texts) DO UPDATE SET households = households + excluded.households, titles = titles + excluded.titles;
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT texts, count(*), sum(n) FROM (
            SELECT (SELECT ifnull(group_concat(x, char(31)), '') FROM (
                        SELECT DISTINCT lower(a.year || t.level || '级' || t.name) AS x
                        FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = h.family_id ORDER BY x)) AS texts,
                   (SELECT count(*) FROM award n WHERE n.family_id = h.family_id) AS n
            FROM (SELECT DISTINCT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL) h)
        WHERE true GROUP BY texts
        ON CONFLICT (texts) DO UPDATE SET households = households + excluded.households, titles = titles + excluded.titles;
END;
