-- 0042_family_gram_counts (PostgreSQL pair of db/migrations/0042): the kept
-- count of households and titles per search gram; see the SQLite file for
-- why. Its triggers (on family_title_count and family_gram, and family's
-- BEFORE DELETE that takes a household's grams out first) are below as
-- PL/pgSQL (the baseline's end says how they were ported), except
-- family's BEFORE DELETE on family_gram and family_title_count's on the
-- gram counts of titles (family_gram_count_titles_*): they read the app's
-- jinguo_family_grams, so the app keeps those counts on PostgreSQL.
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

-- Triggers. SECURITY DEFINER: a summary counts every row whoever writes
-- (a street user's row security must not filter or refuse the trigger's
-- writes to district-wide summaries); their path is this schema then
-- pg_temp (a user's temporary table must not stand in for a summary).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);
CREATE FUNCTION family_gram_count_every_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_gram_count c SET households = c.households + d.households, titles = c.titles + d.titles
        FROM (SELECT count(*) AS households, coalesce(sum(n.titles), 0) AS titles FROM new_rows n) AS d
        WHERE c.gram = '' AND d.households > 0;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9622_family_gram_count_every_insert AFTER INSERT ON family_title_count
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_every_insert();

CREATE FUNCTION family_gram_count_every_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_gram_count c SET households = c.households - d.households, titles = c.titles - d.titles
        FROM (SELECT count(*) AS households, coalesce(sum(o.titles), 0) AS titles FROM old_rows o) AS d
        WHERE c.gram = '' AND d.households > 0;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9621_family_gram_count_every_delete AFTER DELETE ON family_title_count
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_every_delete();

CREATE FUNCTION family_gram_count_every_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_gram_count c SET titles = c.titles + d.titles
        FROM (SELECT (SELECT coalesce(sum(n.titles), 0) FROM new_rows n) - (SELECT coalesce(sum(o.titles), 0) FROM old_rows o) AS titles) AS d
        WHERE c.gram = '' AND d.titles <> 0;
    RETURN NULL;
END
$$;
-- A statement trigger has no column list: it runs on every UPDATE of the
-- table (family_id and titles are all its columns) and adds the difference.
CREATE TRIGGER o9620_family_gram_count_every_update AFTER UPDATE ON family_title_count
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_every_update();

CREATE FUNCTION family_gram_count_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO family_gram_count (gram, households, titles)
        SELECT n.gram, count(*), coalesce(sum(c.titles), 0)
        FROM new_rows n LEFT JOIN family_title_count c ON c.family_id = n.family_id GROUP BY n.gram
        ON CONFLICT (gram) DO UPDATE SET households = family_gram_count.households + excluded.households,
            titles = family_gram_count.titles + excluded.titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9619_family_gram_count_insert AFTER INSERT ON family_gram REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_insert();

CREATE FUNCTION family_gram_count_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE family_gram_count g SET households = g.households - d.households, titles = g.titles - d.titles
        FROM (SELECT o.gram, count(*) AS households, coalesce(sum(c.titles), 0) AS titles
              FROM old_rows o LEFT JOIN family_title_count c ON c.family_id = o.family_id GROUP BY o.gram) AS d
        WHERE g.gram = d.gram;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9618_family_gram_count_delete AFTER DELETE ON family_gram REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_gram_count_delete();
