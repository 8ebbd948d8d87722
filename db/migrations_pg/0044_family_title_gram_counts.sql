-- 0044_family_title_gram_counts (PostgreSQL pair of db/migrations/0044): the
-- 家庭 list's count of a search that titles' texts hold; see the SQLite file
-- for the definitions. Its 10 triggers are below as PL/pgSQL (ported as
-- the baseline's end says, but the 8 on award and award_title are FOR EACH
-- STATEMENT with transition tables — see before them why):
-- family_title_gram_count_award_insert /
-- _award_delete / _award_update (on award), _gram_insert / _gram_delete (on
-- family_gram: they fire when the app writes a household's grams),
-- _title_rename (on award_title); family_title_set_count_award_insert /
-- _award_delete / _award_update (on award), _title_rename (on award_title).
-- Nothing is left to the app: SQLite's two app functions in them are plain
-- SQL here, jinguo_title_grams(text) for json_each(jinguo_family_grams(text,
-- '', '')) and jinguo_ascii_lower for lower() (below); group_concat over an
-- ordered subquery is string_agg(x, chr(31) ORDER BY x COLLATE "C"). The
-- app must write a household's family_gram rows as SQLite's triggers do,
-- and take them out BEFORE deleting the household (0042's BEFORE DELETE):
-- the award cascade's count reads which grams still cover the titles.
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


-- The six triggers on award (family_title_gram_count_award_insert / _delete
-- / _update, family_title_set_count_award_insert / _delete / _update) are
-- FOR EACH STATEMENT here, one function per summary: SQLite's read the
-- household's other awards after each row, and PostgreSQL runs AFTER ROW
-- triggers once the whole statement is written — a household deleted with
-- its titles (the cascade), titles given or moved together counted wrong
-- (tests/pg_triggers_test.cpp, "multi-row award writes"). So each statement
-- takes its households' contributions (the definitions above) as they were
-- before it — award without its new rows, with its old ones (transition
-- tables) — out, and puts them in as they are now, summed per key: the same
-- rows as SQLite's row deltas. An UPDATE counts the rows whose family_id,
-- title_id or year changed (SQLite's WHEN; PostgreSQL refuses a column list
-- beside transition tables), matched by id (an id changed with them is not
-- seen). Rows it would leave at 0 are not written (SQLite may keep them at 0).
CREATE FUNCTION family_title_award_rows(op text, gone award[], came award[], OUT before_rows award[], OUT after_rows award[])
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN op = 'UPDATE' THEN (SELECT array_agg(o) FROM unnest(gone) o JOIN unnest(came) n ON n.id = o.id
                                         WHERE (o.family_id, o.title_id, o.year) IS DISTINCT FROM (n.family_id, n.title_id, n.year))
                ELSE gone END,
           CASE WHEN op = 'UPDATE' THEN (SELECT array_agg(n) FROM unnest(gone) o JOIN unnest(came) n ON n.id = o.id
                                         WHERE (o.family_id, o.title_id, o.year) IS DISTINCT FROM (n.family_id, n.title_id, n.year))
                ELSE came END
$$;

CREATE FUNCTION family_title_gram_count_award_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    gone award[];
    came award[];
BEGIN
    IF TG_OP <> 'INSERT' THEN SELECT array_agg(o) INTO gone FROM old_rows o; END IF;
    IF TG_OP <> 'DELETE' THEN SELECT array_agg(n) INTO came FROM new_rows n; END IF;
    SELECT r.before_rows, r.after_rows INTO gone, came FROM family_title_award_rows(TG_OP, gone, came) r;
    IF gone IS NULL AND came IS NULL THEN RETURN NULL; END IF;
    WITH households AS (
        SELECT family_id FROM unnest(gone) WHERE family_id IS NOT NULL
        UNION SELECT family_id FROM unnest(came) WHERE family_id IS NOT NULL),
    states AS (
        SELECT -1 AS sign, a.id, a.family_id, a.title_id, a.year FROM award a
        WHERE a.family_id IN (SELECT family_id FROM households) AND a.id NOT IN (SELECT id FROM unnest(came))
        UNION ALL
        SELECT -1, b.id, b.family_id, b.title_id, b.year FROM unnest(gone) b WHERE b.family_id IS NOT NULL
        UNION ALL
        SELECT 1, a.id, a.family_id, a.title_id, a.year FROM award a WHERE a.family_id IN (SELECT family_id FROM households)),
    titles AS (SELECT sign, family_id, count(*) AS n FROM states GROUP BY sign, family_id),
    grams AS (
        SELECT DISTINCT s.sign, s.family_id, g.gram
        FROM states s JOIN award_title t ON t.id = s.title_id, jinguo_title_grams(s.year || t.level || '级' || t.name) AS g(gram))
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT g.gram, sum(g.sign), sum(g.sign * c.n)
        FROM grams g JOIN titles c ON c.sign = g.sign AND c.family_id = g.family_id
        WHERE NOT EXISTS (SELECT 1 FROM family f JOIN family_gram fg ON fg.gram = g.gram AND fg.sort_key = f.sort_key
                                                                   AND fg.family_id = f.id
                          WHERE f.id = g.family_id)
        GROUP BY g.gram HAVING sum(g.sign) <> 0 OR sum(g.sign * c.n) <> 0
        ON CONFLICT (gram) DO UPDATE SET households = family_title_gram_count.households + excluded.households,
                                         titles = family_title_gram_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9599_family_title_gram_count_award_insert AFTER INSERT ON award REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_gram_count_award_change();
CREATE TRIGGER o9598_family_title_gram_count_award_delete AFTER DELETE ON award REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_gram_count_award_change();
CREATE TRIGGER o9597_family_title_gram_count_award_update AFTER UPDATE ON award REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_gram_count_award_change();

CREATE FUNCTION family_title_set_count_award_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    gone award[];
    came award[];
BEGIN
    IF TG_OP <> 'INSERT' THEN SELECT array_agg(o) INTO gone FROM old_rows o; END IF;
    IF TG_OP <> 'DELETE' THEN SELECT array_agg(n) INTO came FROM new_rows n; END IF;
    SELECT r.before_rows, r.after_rows INTO gone, came FROM family_title_award_rows(TG_OP, gone, came) r;
    IF gone IS NULL AND came IS NULL THEN RETURN NULL; END IF;
    WITH households AS (
        SELECT family_id FROM unnest(gone) WHERE family_id IS NOT NULL
        UNION SELECT family_id FROM unnest(came) WHERE family_id IS NOT NULL),
    states AS (
        SELECT -1 AS sign, a.id, a.family_id, a.title_id, a.year FROM award a
        WHERE a.family_id IN (SELECT family_id FROM households) AND a.id NOT IN (SELECT id FROM unnest(came))
        UNION ALL
        SELECT -1, b.id, b.family_id, b.title_id, b.year FROM unnest(gone) b WHERE b.family_id IS NOT NULL
        UNION ALL
        SELECT 1, a.id, a.family_id, a.title_id, a.year FROM award a WHERE a.family_id IN (SELECT family_id FROM households)),
    texts AS (
        SELECT s.sign, s.family_id, jinguo_ascii_lower(s.year || t.level || '级' || t.name) AS x, count(*) AS c
        FROM states s JOIN award_title t ON t.id = s.title_id GROUP BY 1, 2, 3),
    sets AS (
        SELECT sign, family_id, coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') AS texts, sum(c) AS n
        FROM texts GROUP BY sign, family_id)
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT texts, sum(sign), sum(sign * n) FROM sets
        GROUP BY texts HAVING sum(sign) <> 0 OR sum(sign * n) <> 0
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + excluded.households,
                                          titles = family_title_set_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9593_family_title_set_count_award_insert AFTER INSERT ON award REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_set_count_award_change();
CREATE TRIGGER o9592_family_title_set_count_award_delete AFTER DELETE ON award REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_set_count_award_change();
CREATE TRIGGER o9591_family_title_set_count_award_update AFTER UPDATE ON award REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_set_count_award_change();

-- The two title renames (family_title_gram_count_title_rename,
-- family_title_set_count_title_rename) are FOR EACH STATEMENT for the same
-- reason: SQLite's read the household's other titles after each row, so two
-- titles of one household renamed in one statement counted wrong. The
-- households holding a renamed title: out with the old names and levels
-- (old_rows), in with the new.
CREATE FUNCTION family_title_gram_count_title_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    WITH renamed AS (
        SELECT o.id, o.name, o.level FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.name, o.level) IS DISTINCT FROM (n.name, n.level)),
    households AS (SELECT DISTINCT family_id FROM award WHERE title_id IN (SELECT id FROM renamed) AND family_id IS NOT NULL),
    titled AS (
        SELECT -1 AS sign, a.family_id, a.year, CASE WHEN r.id IS NULL THEN t.level ELSE r.level END AS level,
               CASE WHEN r.id IS NULL THEN t.name ELSE r.name END AS name
        FROM award a JOIN award_title t ON t.id = a.title_id LEFT JOIN renamed r ON r.id = a.title_id
        WHERE a.family_id IN (SELECT family_id FROM households)
        UNION ALL
        SELECT 1, a.family_id, a.year, t.level, t.name FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id IN (SELECT family_id FROM households)),
    titles AS (SELECT family_id, count(*) AS n FROM award WHERE family_id IN (SELECT family_id FROM households) GROUP BY family_id),
    grams AS (
        SELECT DISTINCT s.sign, s.family_id, g.gram
        FROM titled s, jinguo_title_grams(s.year || s.level || '级' || s.name) AS g(gram))
    INSERT INTO family_title_gram_count (gram, households, titles)
        SELECT g.gram, sum(g.sign), sum(g.sign * c.n)
        FROM grams g JOIN titles c ON c.family_id = g.family_id JOIN family f ON f.id = g.family_id
        WHERE NOT EXISTS (SELECT 1 FROM family_gram fg WHERE fg.gram = g.gram AND fg.sort_key = f.sort_key AND fg.family_id = f.id)
        GROUP BY g.gram HAVING sum(g.sign) <> 0 OR sum(g.sign * c.n) <> 0
        ON CONFLICT (gram) DO UPDATE SET households = family_title_gram_count.households + excluded.households,
                                         titles = family_title_gram_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9594_family_title_gram_count_title_rename AFTER UPDATE ON award_title REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_gram_count_title_rename();

CREATE FUNCTION family_title_set_count_title_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    WITH renamed AS (
        SELECT o.id, o.name, o.level FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.name, o.level) IS DISTINCT FROM (n.name, n.level)),
    households AS (SELECT DISTINCT family_id FROM award WHERE title_id IN (SELECT id FROM renamed) AND family_id IS NOT NULL),
    titled AS (
        SELECT -1 AS sign, a.family_id, a.year, CASE WHEN r.id IS NULL THEN t.level ELSE r.level END AS level,
               CASE WHEN r.id IS NULL THEN t.name ELSE r.name END AS name
        FROM award a JOIN award_title t ON t.id = a.title_id LEFT JOIN renamed r ON r.id = a.title_id
        WHERE a.family_id IN (SELECT family_id FROM households)
        UNION ALL
        SELECT 1, a.family_id, a.year, t.level, t.name FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id IN (SELECT family_id FROM households)),
    texts AS (
        SELECT sign, family_id, jinguo_ascii_lower(year || level || '级' || name) AS x, count(*) AS c
        FROM titled GROUP BY 1, 2, 3),
    sets AS (
        SELECT sign, family_id, coalesce(string_agg(x, chr(31) ORDER BY x COLLATE "C"), '') AS texts, sum(c) AS n
        FROM texts GROUP BY sign, family_id)
    INSERT INTO family_title_set_count (texts, households, titles)
        SELECT texts, sum(sign), sum(sign * n) FROM sets
        GROUP BY texts HAVING sum(sign) <> 0 OR sum(sign * n) <> 0
        ON CONFLICT (texts) DO UPDATE SET households = family_title_set_count.households + excluded.households,
                                          titles = family_title_set_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9590_family_title_set_count_title_rename AFTER UPDATE ON award_title REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION family_title_set_count_title_rename();
