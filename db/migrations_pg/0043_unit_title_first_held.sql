-- 0043_unit_title_first_held (PostgreSQL pair of db/migrations/0043): the
-- badges' earliest held family title per household and name, and its count
-- per (title name, unit, year, day); see the SQLite file for why and the
-- definition. Its 9 triggers are below as PL/pgSQL (ported as the
-- baseline's end says; plain SQL, nothing left to the app):
--   unit_title_first_held_insert / _delete      (on family_title_first_held)
--   family_title_first_held_award_insert / _delete / _update   (on award)
--   family_title_first_held_event_insert / _delete / _update   (on award_event)
--   family_title_first_held_title_update        (on award_title)
-- held_on is compared as text (ORDER BY year, held_on, id): the cluster's
-- collation must order days as SQLite's BINARY does (digits and '-': any
-- collation does for well-formed days).
CREATE TABLE family_title_first_held (
    family_id   bigint NOT NULL,
    title_name  text   NOT NULL,
    unit_id     bigint NOT NULL,
    year        bigint NOT NULL,
    held_on     text   NOT NULL,
    PRIMARY KEY (family_id, title_name)
);

CREATE TABLE unit_title_first_held (
    title_name  text   NOT NULL,
    unit_id     bigint NOT NULL,
    year        bigint NOT NULL,
    held_on     text   NOT NULL,
    households  bigint NOT NULL,
    PRIMARY KEY (title_name, unit_id, year, held_on)
);

INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
    SELECT family_id, name, unit_id, year, held_on FROM (
        SELECT family_id, name, unit_id, year, held_on,
               row_number() OVER (PARTITION BY family_id, name ORDER BY year, held_on, id) AS n
        FROM (SELECT a.id, a.family_id, t.name, a.unit_id, a.year,
                     coalesce((SELECT min(e.happened_on) FROM award_event e
                               WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
              FROM award a JOIN award_title t ON t.id = a.title_id
              WHERE t.subject_kind = 'family' AND a.status IN ('命名', '复核')
                AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL) AS held) AS ranked
    WHERE n = 1;

INSERT INTO unit_title_first_held (title_name, unit_id, year, held_on, households)
    SELECT title_name, unit_id, year, held_on, count(*) FROM family_title_first_held
    GROUP BY title_name, unit_id, year, held_on;

-- Triggers. SECURITY DEFINER: a summary counts every row whoever writes
-- (a street user's row security must not filter or refuse the trigger's
-- writes to district-wide summaries); their path is this schema then
-- pg_temp (a user's temporary table must not stand in for a summary).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);
CREATE FUNCTION unit_title_first_held_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO unit_title_first_held (title_name, unit_id, year, held_on, households)
        VALUES (NEW.title_name, NEW.unit_id, NEW.year, NEW.held_on, 1)
        ON CONFLICT (title_name, unit_id, year, held_on) DO UPDATE SET households = unit_title_first_held.households + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9610_unit_title_first_held_insert AFTER INSERT ON family_title_first_held FOR EACH ROW
    EXECUTE FUNCTION unit_title_first_held_insert();

CREATE FUNCTION unit_title_first_held_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE unit_title_first_held SET households = households - 1
    WHERE title_name = OLD.title_name AND unit_id = OLD.unit_id AND year = OLD.year AND held_on = OLD.held_on;
    DELETE FROM unit_title_first_held
    WHERE title_name = OLD.title_name AND unit_id = OLD.unit_id AND year = OLD.year AND held_on = OLD.held_on
      AND households <= 0;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9609_unit_title_first_held_delete AFTER DELETE ON family_title_first_held FOR EACH ROW
    EXECUTE FUNCTION unit_title_first_held_delete();

CREATE FUNCTION family_title_first_held_award_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    -- Each household and title name the statement touched: its first holding again.
    DELETE FROM family_title_first_held f
        USING (SELECT DISTINCT r.family_id, t.name FROM new_rows r JOIN award_title t ON t.id = r.title_id
               WHERE r.family_id IS NOT NULL) AS k
        WHERE f.family_id = k.family_id AND f.title_name = k.name;
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT DISTINCT ON (a.family_id, t.name) a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE (a.family_id, t.name) IN (SELECT r.family_id, rt.name FROM new_rows r JOIN award_title rt ON rt.id = r.title_id
                                        WHERE r.family_id IS NOT NULL)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.family_id, t.name, a.year, held_on, a.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9608_family_title_first_held_award_insert AFTER INSERT ON award REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_title_first_held_award_insert();

CREATE FUNCTION family_title_first_held_award_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    -- Each household and title name the statement touched: its first holding again.
    DELETE FROM family_title_first_held f
        USING (SELECT DISTINCT r.family_id, t.name FROM old_rows r JOIN award_title t ON t.id = r.title_id
               WHERE r.family_id IS NOT NULL) AS k
        WHERE f.family_id = k.family_id AND f.title_name = k.name;
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT DISTINCT ON (a.family_id, t.name) a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE (a.family_id, t.name) IN (SELECT r.family_id, rt.name FROM old_rows r JOIN award_title rt ON rt.id = r.title_id
                                        WHERE r.family_id IS NOT NULL)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.family_id, t.name, a.year, held_on, a.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9607_family_title_first_held_award_delete AFTER DELETE ON award REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION family_title_first_held_award_delete();

CREATE FUNCTION family_title_first_held_award_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_title_first_held WHERE family_id = OLD.family_id
        AND title_name = (SELECT name FROM award_title WHERE id = OLD.title_id);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id = OLD.family_id AND t.name = (SELECT name FROM award_title WHERE id = OLD.title_id)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
    DELETE FROM family_title_first_held WHERE family_id = NEW.family_id
        AND title_name = (SELECT name FROM award_title WHERE id = NEW.title_id);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id = NEW.family_id AND t.name = (SELECT name FROM award_title WHERE id = NEW.title_id)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9606_family_title_first_held_award_update AFTER UPDATE OF status, title_id, family_id, unit_id, year ON award FOR EACH ROW
    WHEN (OLD.family_id IS NOT NULL OR NEW.family_id IS NOT NULL)
    EXECUTE FUNCTION family_title_first_held_award_update();

CREATE FUNCTION family_title_first_held_event_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_title_first_held WHERE (family_id, title_name) IN
        (SELECT a.family_id, t.name FROM award a JOIN award_title t ON t.id = a.title_id
         WHERE a.id = NEW.award_id AND a.family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE (a.family_id, t.name) IN (SELECT a2.family_id, t2.name FROM award a2 JOIN award_title t2 ON t2.id = a2.title_id
                                        WHERE a2.id = NEW.award_id AND a2.family_id IS NOT NULL)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9605_family_title_first_held_event_insert AFTER INSERT ON award_event FOR EACH ROW
    WHEN (NEW.status = '命名')
    EXECUTE FUNCTION family_title_first_held_event_insert();

CREATE FUNCTION family_title_first_held_event_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_title_first_held WHERE (family_id, title_name) IN
        (SELECT a.family_id, t.name FROM award a JOIN award_title t ON t.id = a.title_id
         WHERE a.id = OLD.award_id AND a.family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE (a.family_id, t.name) IN (SELECT a2.family_id, t2.name FROM award a2 JOIN award_title t2 ON t2.id = a2.title_id
                                        WHERE a2.id = OLD.award_id AND a2.family_id IS NOT NULL)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9604_family_title_first_held_event_delete AFTER DELETE ON award_event FOR EACH ROW
    WHEN (OLD.status = '命名')
    EXECUTE FUNCTION family_title_first_held_event_delete();

CREATE FUNCTION family_title_first_held_event_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_title_first_held WHERE (family_id, title_name) IN
        (SELECT a.family_id, t.name FROM award a JOIN award_title t ON t.id = a.title_id
         WHERE a.id IN (OLD.award_id, NEW.award_id) AND a.family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT family_id, name, unit_id, year, held_on FROM (
            SELECT family_id, name, unit_id, year, held_on,
                   row_number() OVER (PARTITION BY family_id, name ORDER BY year, held_on, id) AS n
            FROM (SELECT a.id, a.family_id, t.name, a.unit_id, a.year,
                         coalesce((SELECT min(e.happened_on) FROM award_event e
                                   WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
                  FROM award a JOIN award_title t ON t.id = a.title_id
                  WHERE (a.family_id, t.name) IN (SELECT a2.family_id, t2.name FROM award a2 JOIN award_title t2 ON t2.id = a2.title_id
                                                  WHERE a2.id IN (OLD.award_id, NEW.award_id) AND a2.family_id IS NOT NULL)
                    AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL) AS sub1) AS sub1
        WHERE n = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9603_family_title_first_held_event_update AFTER UPDATE OF status, happened_on, award_id ON award_event FOR EACH ROW
    WHEN (OLD.status = '命名' OR NEW.status = '命名')
    EXECUTE FUNCTION family_title_first_held_event_update();

CREATE FUNCTION family_title_first_held_title_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM family_title_first_held WHERE title_name IN (OLD.name, NEW.name)
        AND family_id IN (SELECT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT family_id, name, unit_id, year, held_on FROM (
            SELECT family_id, name, unit_id, year, held_on,
                   row_number() OVER (PARTITION BY family_id, name ORDER BY year, held_on, id) AS n
            FROM (SELECT a.id, a.family_id, t.name, a.unit_id, a.year,
                         coalesce((SELECT min(e.happened_on) FROM award_event e
                                   WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
                  FROM award a JOIN award_title t ON t.id = a.title_id
                  WHERE t.name IN (OLD.name, NEW.name)
                    AND a.family_id IN (SELECT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL)
                    AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL) AS sub1) AS sub1
        WHERE n = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9602_family_title_first_held_title_update AFTER UPDATE OF name, subject_kind ON award_title FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.subject_kind IS DISTINCT FROM NEW.subject_kind)
    EXECUTE FUNCTION family_title_first_held_title_update();

