-- 0044_family_title_gram_counts (PostgreSQL pair of db/migrations/0044): the
-- 家庭 list's count of a search that titles' texts hold; see the SQLite file
-- for the definitions. Its triggers come with the PL/pgSQL trigger brick of
-- issue 18: family_title_gram_count_award_insert / _award_delete /
-- _award_update (on award), _gram_insert / _gram_delete (on family_gram),
-- _title_rename (on award_title); family_title_set_count_award_insert /
-- _award_delete / _award_update (on award), _title_rename (on award_title).
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
