-- 0042_family_gram_counts (PostgreSQL pair of db/migrations/0042): the kept
-- count of households and titles per search gram; see the SQLite file for
-- why. Its triggers (on family_title_count and family_gram, and family's
-- BEFORE DELETE that takes a household's grams out first) come with the
-- PL/pgSQL trigger brick of issue 18, as the baseline's.
CREATE TABLE family_gram_count (
    gram        text    PRIMARY KEY,
    households  bigint NOT NULL,
    titles      bigint NOT NULL
);

INSERT INTO family_gram_count (gram, households, titles)
    SELECT g.gram, count(*), coalesce(sum(c.titles), 0)
    FROM family_gram g LEFT JOIN family_title_count c ON c.family_id = g.family_id
    GROUP BY g.gram;

-- Row '': every household and title (an empty search).
INSERT INTO family_gram_count (gram, households, titles)
    SELECT '', count(*), coalesce(sum(titles), 0) FROM family_title_count;
