-- 0044_family_title_gram_counts (PostgreSQL pair of db/migrations/0044): the
-- 家庭 list's count of a search that titles' texts hold; see the SQLite file
-- for the definitions. Its 10 triggers are below as PL/pgSQL (ported as
-- the baseline's end says): family_title_gram_count_award_insert /
-- _award_delete / _award_update (on award), _gram_insert / _gram_delete (on
-- family_gram: they fire when the app writes a household's grams),
-- _title_rename (on award_title); family_title_set_count_award_insert /
-- _award_delete / _award_update (on award), _title_rename (on award_title).
-- Nothing is left to the app: SQLite's two app functions in them are plain
-- SQL here, jinguo_title_grams(text) for json_each(jinguo_family_grams(text,
-- '', '')) and jinguo_ascii_lower for lower() (below); group_concat over an
-- ordered subquery is string_agg(x, chr(31) ORDER BY x COLLATE "C");
-- max(a.id <> NEW.id) is max((…)::int) and its CASE tests = 1.
--
-- The fills spell SQLite's functions out: a title's text is
-- year || level || '级' || name with ASCII letters lowered (SQLite's lower();
-- PostgreSQL's lower() folds more, hence translate); its grams
-- (jinguo_family_grams(text, '', '')) are its runs of 1–2 characters that
-- hold no space; texts are joined in byte order (COLLATE "C", as SQLite sorts).
CREATE TABLE family_title_gram_count (
    gram        text    PRIMARY KEY,
    households  bigint NOT NULL,
    titles      bigint NOT NULL
);

WITH texts AS (
    SELECT DISTINCT a.family_id,
           translate(a.year::text || t.level || '级' || t.name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS x
    FROM award a JOIN award_title t ON t.id = a.title_id
    WHERE a.family_id IS NOT NULL),
grams AS (
    SELECT DISTINCT texts.family_id, substr(texts.x, i, w.n) AS gram
    FROM texts, generate_series(1, length(texts.x)) AS i, (VALUES (1), (2)) AS w(n)
    WHERE i + w.n - 1 <= length(texts.x) AND substr(texts.x, i, w.n) !~ '[[:space:]　]')
INSERT INTO family_title_gram_count (gram, households, titles)
    SELECT g.gram, count(*), sum((SELECT count(*) FROM award n WHERE n.family_id = g.family_id))
    FROM grams g JOIN family f ON f.id = g.family_id
    WHERE NOT EXISTS (SELECT 1 FROM family_gram fg WHERE fg.gram = g.gram AND fg.sort_key = f.sort_key AND fg.family_id = f.id)
    GROUP BY g.gram;

CREATE TABLE family_title_set_count (
    texts       text    PRIMARY KEY,
    households  bigint NOT NULL,
    titles      bigint NOT NULL
);

INSERT INTO family_title_set_count (texts, households, titles)
    SELECT texts, count(*), sum(n) FROM (
        SELECT family_id, coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') AS texts, sum(c) AS n FROM (
            SELECT a.family_id,
                   translate(a.year::text || t.level || '级' || t.name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS x,
                   count(*) AS c
            FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE a.family_id IS NOT NULL GROUP BY 1, 2) d
        GROUP BY family_id) h
    GROUP BY texts;

-- SQLite's lower() (ASCII letters only) and jinguo_family_grams(text, '', '')
-- as the fills above spell them out: a title text's distinct runs of 1–2
-- characters that hold no space (the triggers below read them).
CREATE FUNCTION jinguo_ascii_lower(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT translate(x, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
$$;
CREATE FUNCTION jinguo_title_grams(title text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
    SELECT DISTINCT substr(l.x, i, w.n)
    FROM (SELECT translate(title, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS x) AS l,
         generate_series(1, length(l.x)) AS i, (VALUES (1), (2)) AS w(n)
    WHERE i + w.n - 1 <= length(l.x) AND substr(l.x, i, w.n) !~ '[[:space:]　]'
$$;

-- Triggers. SECURITY DEFINER: a summary counts every row whoever writes
-- (a street user's row security must not filter or refuse the trigger's
-- writes to district-wide summaries); their path is this schema then
-- pg_temp (a user's temporary table must not stand in for a summary).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);
CREATE FUNCTION family_title_gram_count_award_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT h.gram, 1 - h.held, CASE WHEN h.held = 1 THEN 1 ELSE (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id) END
        FROM (SELECT j.value AS gram, max((a.id <> NEW.id)::int) AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   jinguo_title_grams(a.year || t.level || '级' || t.name) AS j(value)
              WHERE a.family_id = NEW.family_id GROUP BY j.value) h
        WHERE NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                  AND g.family_id = f.id
                          WHERE f.id = NEW.family_id)
        ON CONFLICT (gram) DO UPDATE SET households = family_title_gram_count.households + excluded.households, titles = family_title_gram_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9599_family_title_gram_count_award_insert AFTER INSERT ON award FOR EACH ROW
    WHEN (NEW.family_id IS NOT NULL)
    EXECUTE FUNCTION family_title_gram_count_award_insert();

CREATE FUNCTION family_title_gram_count_award_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_title_gram_count
    SET households = households - 1 + h.held,
        titles = titles - CASE WHEN h.held = 1 THEN 1 ELSE 1 + (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id) END
    FROM (SELECT gram, max(held) AS held FROM (
              SELECT j.value AS gram, 1 AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   jinguo_title_grams(a.year || t.level || '级' || t.name) AS j(value)
              WHERE a.family_id = OLD.family_id
              UNION ALL
              SELECT j.value, 0 FROM award_title t, jinguo_title_grams(OLD.year || t.level || '级' || t.name) AS j(value)
              WHERE t.id = OLD.title_id) AS sub1
          GROUP BY gram) h
    WHERE family_title_gram_count.gram = h.gram
      AND NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                AND g.family_id = f.id
                      WHERE f.id = OLD.family_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9598_family_title_gram_count_award_delete AFTER DELETE ON award FOR EACH ROW
    WHEN (OLD.family_id IS NOT NULL)
    EXECUTE FUNCTION family_title_gram_count_award_delete();

CREATE FUNCTION family_title_gram_count_award_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_title_gram_count
    SET households = households - 1 + h.held,
        titles = titles - CASE WHEN h.held = 1 THEN 1 ELSE 1 + (SELECT count(*) FROM award n
                                                            WHERE n.family_id = OLD.family_id AND n.id <> OLD.id) END
    FROM (SELECT gram, max(held) AS held FROM (
              SELECT j.value AS gram, 1 AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   jinguo_title_grams(a.year || t.level || '级' || t.name) AS j(value)
              WHERE a.family_id = OLD.family_id AND a.id <> OLD.id
              UNION ALL
              SELECT j.value, 0 FROM award_title t, jinguo_title_grams(OLD.year || t.level || '级' || t.name) AS j(value)
              WHERE t.id = OLD.title_id) AS sub1
          GROUP BY gram) h
    WHERE OLD.family_id IS NOT NULL AND family_title_gram_count.gram = h.gram
      AND NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                AND g.family_id = f.id
                      WHERE f.id = OLD.family_id);
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT h.gram, 1 - h.held, CASE WHEN h.held = 1 THEN 1 ELSE (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id) END
        FROM (SELECT j.value AS gram, max((a.id <> NEW.id)::int) AS held
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   jinguo_title_grams(a.year || t.level || '级' || t.name) AS j(value)
              WHERE a.family_id = NEW.family_id GROUP BY j.value) h
        WHERE NEW.family_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM family f JOIN family_gram g ON g.gram = h.gram AND g.sort_key = f.sort_key
                                                                    AND g.family_id = f.id
                          WHERE f.id = NEW.family_id)
        ON CONFLICT (gram) DO UPDATE SET households = family_title_gram_count.households + excluded.households, titles = family_title_gram_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9597_family_title_gram_count_award_update AFTER UPDATE OF family_id, title_id, year ON award FOR EACH ROW
    WHEN ((OLD.family_id IS NOT NULL OR NEW.family_id IS NOT NULL)
 AND (OLD.family_id IS DISTINCT FROM NEW.family_id OR OLD.title_id IS DISTINCT FROM NEW.title_id OR OLD.year IS DISTINCT FROM NEW.year))
    EXECUTE FUNCTION family_title_gram_count_award_update();

CREATE FUNCTION family_title_gram_count_gram_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF (EXISTS (SELECT 1 FROM award n WHERE n.family_id = NEW.family_id)) IS NOT TRUE THEN RETURN NULL; END IF;
    UPDATE family_title_gram_count
    SET households = households - 1,
        titles = titles - (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id)
    WHERE gram = NEW.gram
      AND EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id,
                         jinguo_title_grams(a.year || t.level || '级' || t.name) AS j(value)
                  WHERE a.family_id = NEW.family_id AND j.value = NEW.gram);
    RETURN NULL;
END
$$;
CREATE TRIGGER o9596_family_title_gram_count_gram_insert AFTER INSERT ON family_gram FOR EACH ROW
    EXECUTE FUNCTION family_title_gram_count_gram_insert();

CREATE FUNCTION family_title_gram_count_gram_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF (EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id,
                    jinguo_title_grams(a.year || t.level || '级' || t.name) AS j(value)
             WHERE a.family_id = OLD.family_id AND j.value = OLD.gram)) IS NOT TRUE THEN RETURN NULL; END IF;
    INSERT INTO family_title_gram_count (gram, households, titles)
        VALUES (OLD.gram, 1, (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id))
        ON CONFLICT (gram) DO UPDATE SET households = family_title_gram_count.households + 1, titles = family_title_gram_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9595_family_title_gram_count_gram_delete AFTER DELETE ON family_gram FOR EACH ROW
    EXECUTE FUNCTION family_title_gram_count_gram_delete();

CREATE FUNCTION family_title_gram_count_title_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT x.gram, -count(*), -sum((SELECT count(*) FROM award n WHERE n.family_id = x.family_id))
        FROM (SELECT DISTINCT a.family_id, j.value AS gram
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   jinguo_title_grams(a.year || CASE WHEN a.title_id = OLD.id THEN OLD.level ELSE t.level END
                                                 || '级' || CASE WHEN a.title_id = OLD.id THEN OLD.name ELSE t.name END) AS j(value)
              WHERE a.family_id IN (SELECT family_id FROM award WHERE title_id = OLD.id AND family_id IS NOT NULL)) x
        JOIN family f ON f.id = x.family_id
        WHERE NOT EXISTS (SELECT 1 FROM family_gram g WHERE g.gram = x.gram AND g.sort_key = f.sort_key AND g.family_id = f.id)
        GROUP BY x.gram
        ON CONFLICT (gram) DO UPDATE SET households = family_title_gram_count.households + excluded.households, titles = family_title_gram_count.titles + excluded.titles;
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT x.gram, count(*), sum((SELECT count(*) FROM award n WHERE n.family_id = x.family_id))
        FROM (SELECT DISTINCT a.family_id, j.value AS gram
              FROM award a JOIN award_title t ON t.id = a.title_id,
                   jinguo_title_grams(a.year || t.level || '级' || t.name) AS j(value)
              WHERE a.family_id IN (SELECT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL)) x
        JOIN family f ON f.id = x.family_id
        WHERE NOT EXISTS (SELECT 1 FROM family_gram g WHERE g.gram = x.gram AND g.sort_key = f.sort_key AND g.family_id = f.id)
        GROUP BY x.gram
        ON CONFLICT (gram) DO UPDATE SET households = family_title_gram_count.households + excluded.households, titles = family_title_gram_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9594_family_title_gram_count_title_rename AFTER UPDATE OF name, level ON award_title FOR EACH ROW
    WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.level IS DISTINCT FROM OLD.level)
    EXECUTE FUNCTION family_title_gram_count_title_rename();

CREATE FUNCTION family_title_set_count_award_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id)
    WHERE texts = (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                       SELECT DISTINCT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = NEW.family_id AND a.id <> NEW.id ORDER BY x) AS sub1)
      AND EXISTS (SELECT 1 FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id);
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                    SELECT DISTINCT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = NEW.family_id ORDER BY x) AS sub1),
               1, (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id)
        WHERE true
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + 1, titles = family_title_set_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9593_family_title_set_count_award_insert AFTER INSERT ON award FOR EACH ROW
    WHEN (NEW.family_id IS NOT NULL)
    EXECUTE FUNCTION family_title_set_count_award_insert();

CREATE FUNCTION family_title_set_count_award_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - 1 - (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id)
    WHERE texts = (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                       SELECT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = OLD.family_id
                       UNION SELECT jinguo_ascii_lower(OLD.year || t.level || '级' || t.name) FROM award_title t WHERE t.id = OLD.title_id
                       ORDER BY x) AS sub1);
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                    SELECT DISTINCT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = OLD.family_id ORDER BY x) AS sub1),
               1, (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id)
        WHERE EXISTS (SELECT 1 FROM award n WHERE n.family_id = OLD.family_id)
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + 1, titles = family_title_set_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9592_family_title_set_count_award_delete AFTER DELETE ON award FOR EACH ROW
    WHEN (OLD.family_id IS NOT NULL)
    EXECUTE FUNCTION family_title_set_count_award_delete();

CREATE FUNCTION family_title_set_count_award_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - 1 - (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id AND n.id <> OLD.id)
    WHERE OLD.family_id IS NOT NULL
      AND texts = (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                       SELECT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = OLD.family_id AND a.id <> OLD.id
                       UNION SELECT jinguo_ascii_lower(OLD.year || t.level || '级' || t.name) FROM award_title t WHERE t.id = OLD.title_id
                       ORDER BY x) AS sub1);
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                    SELECT DISTINCT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = OLD.family_id AND a.id <> OLD.id ORDER BY x) AS sub1),
               1, (SELECT count(*) FROM award n WHERE n.family_id = OLD.family_id AND n.id <> OLD.id)
        WHERE EXISTS (SELECT 1 FROM award n WHERE n.family_id = OLD.family_id AND n.id <> OLD.id)
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + 1, titles = family_title_set_count.titles + excluded.titles;
    UPDATE family_title_set_count
    SET households = households - 1,
        titles = titles - (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id)
    WHERE texts = (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                       SELECT DISTINCT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                       WHERE a.family_id = NEW.family_id AND a.id <> NEW.id ORDER BY x) AS sub1)
      AND EXISTS (SELECT 1 FROM award n WHERE n.family_id = NEW.family_id AND n.id <> NEW.id);
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                    SELECT DISTINCT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = NEW.family_id ORDER BY x) AS sub1),
               1, (SELECT count(*) FROM award n WHERE n.family_id = NEW.family_id)
        WHERE NEW.family_id IS NOT NULL
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + 1, titles = family_title_set_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9591_family_title_set_count_award_update AFTER UPDATE OF family_id, title_id, year ON award FOR EACH ROW
    WHEN ((OLD.family_id IS NOT NULL OR NEW.family_id IS NOT NULL)
 AND (OLD.family_id IS DISTINCT FROM NEW.family_id OR OLD.title_id IS DISTINCT FROM NEW.title_id OR OLD.year IS DISTINCT FROM NEW.year))
    EXECUTE FUNCTION family_title_set_count_award_update();

CREATE FUNCTION family_title_set_count_title_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT texts, -count(*), -sum(n) FROM (
            SELECT (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                        SELECT DISTINCT jinguo_ascii_lower(a.year || CASE WHEN a.title_id = OLD.id THEN OLD.level ELSE t.level END || '级'
                                              || CASE WHEN a.title_id = OLD.id THEN OLD.name ELSE t.name END) AS x
                        FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = h.family_id ORDER BY x) AS sub1) AS texts,
                   (SELECT count(*) FROM award n WHERE n.family_id = h.family_id) AS n
            FROM (SELECT DISTINCT family_id FROM award WHERE title_id = OLD.id AND family_id IS NOT NULL) h) AS sub1
        WHERE true GROUP BY texts
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + excluded.households, titles = family_title_set_count.titles + excluded.titles;
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT texts, count(*), sum(n) FROM (
            SELECT (SELECT coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') FROM (
                        SELECT DISTINCT jinguo_ascii_lower(a.year || t.level || '级' || t.name) AS x
                        FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = h.family_id ORDER BY x) AS sub1) AS texts,
                   (SELECT count(*) FROM award n WHERE n.family_id = h.family_id) AS n
            FROM (SELECT DISTINCT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL) h) AS sub1
        WHERE true GROUP BY texts
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + excluded.households, titles = family_title_set_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9590_family_title_set_count_title_rename AFTER UPDATE OF name, level ON award_title FOR EACH ROW
    WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.level IS DISTINCT FROM OLD.level)
    EXECUTE FUNCTION family_title_set_count_title_rename();

