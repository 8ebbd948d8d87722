-- 0045_review_pinyin_order (PostgreSQL pair of db/migrations/0045): 称号复核's
-- order by the pinyin keys of the unit's name and of the holder; see the
-- SQLite file for why. The keys are ICU sort keys (SQLite's jinguo_sort_key,
-- an app function): on PostgreSQL their values will be written by the app
-- (as honour_list's and person_list's keys, baseline header); until then
-- they stay ''. Its triggers replace 0038's five that write rows
-- (review_title_order_award_insert, _award_update, _family_update,
-- _person_update, _unit_rename; the baseline's, dropped below) and are
-- below as PL/pgSQL: the same statements as SQLite's with '' where SQLite
-- writes jinguo_sort_key(unit_name), jinguo_sort_key(holder) or
-- jinguo_sort_key(NEW.name) — every other column is kept exactly as on
-- SQLite (tests/pg_triggers_test.cpp compares review_title_order without
-- the keys). So a row a trigger writes or recomputes, and a renamed
-- unit's rows, have '' keys: the app must write the keys after such a
-- write (as honour_list's and person_list's), or the list sorts them first.
-- Re-created rather than kept: SQLite fires these newest first now, and
-- the oNNNN_ names keep its order. review_title_order_award_delete and
-- _title_rename touch no key and stay the baseline's.
DROP INDEX review_title_order_list;
DROP INDEX review_title_order_unit;

ALTER TABLE review_title_order ADD COLUMN unit_key text NOT NULL DEFAULT '';
ALTER TABLE review_title_order ADD COLUMN holder_key text NOT NULL DEFAULT '';

CREATE INDEX review_title_order_list ON review_title_order(unit_key, holder_key, title_name, year, award_id);
CREATE INDEX review_title_order_unit ON review_title_order(unit_id, unit_key, holder_key, title_name, year, award_id);

-- Triggers. SECURITY DEFINER: a summary counts every row whoever writes
-- (a street user's row security must not filter or refuse the trigger's
-- writes to district-wide summaries); their path is this schema then
-- pg_temp (a user's temporary table must not stand in for a summary).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);
DROP TRIGGER o9672_review_title_order_award_insert ON award;
DROP FUNCTION review_title_order_award_insert();
DROP TRIGGER o9671_review_title_order_award_update ON award;
DROP FUNCTION review_title_order_award_update();
DROP TRIGGER o9669_review_title_order_family_update ON family;
DROP FUNCTION review_title_order_family_update();
DROP TRIGGER o9668_review_title_order_person_update ON person;
DROP FUNCTION review_title_order_person_update();
DROP TRIGGER o9667_review_title_order_unit_rename ON org_unit;
DROP FUNCTION review_title_order_unit_rename();

CREATE FUNCTION review_title_order_award_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               '', ''
        FROM review_title_order_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9587_review_title_order_award_insert AFTER INSERT ON award FOR EACH ROW
    WHEN (NEW.family_id IS NOT NULL OR NEW.person_id IS NOT NULL)
    EXECUTE FUNCTION review_title_order_award_insert();

CREATE FUNCTION review_title_order_award_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (OLD.id, NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               '', ''
        FROM review_title_order_source WHERE award_id = NEW.id
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9586_review_title_order_award_update AFTER UPDATE OF id, status, title_id, year, unit_id, family_id, person_id ON award FOR EACH ROW
    EXECUTE FUNCTION review_title_order_award_update();

CREATE FUNCTION review_title_order_family_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               '', ''
        FROM review_title_order_source WHERE award_id IN (SELECT id FROM award WHERE family_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9585_review_title_order_family_update AFTER UPDATE OF head_name, unit_id ON family FOR EACH ROW
    WHEN (OLD.head_name IS DISTINCT FROM NEW.head_name OR OLD.unit_id IS DISTINCT FROM NEW.unit_id)
    EXECUTE FUNCTION review_title_order_family_update();

CREATE FUNCTION review_title_order_person_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM review_title_order WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id);
    INSERT INTO review_title_order (award_id, unit_id, unit_name, holder, title_name, year, title_id, unit_key, holder_key)
        SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id,
               '', ''
        FROM review_title_order_source WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id)
        ON CONFLICT (award_id) DO UPDATE SET unit_id = excluded.unit_id, unit_name = excluded.unit_name,
            holder = excluded.holder, title_name = excluded.title_name, year = excluded.year, title_id = excluded.title_id,
            unit_key = excluded.unit_key, holder_key = excluded.holder_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9584_review_title_order_person_update AFTER UPDATE OF name, unit_id ON person FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.unit_id IS DISTINCT FROM NEW.unit_id)
    EXECUTE FUNCTION review_title_order_person_update();

CREATE FUNCTION review_title_order_unit_rename() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE review_title_order SET unit_name = NEW.name, unit_key = '' WHERE unit_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9583_review_title_order_unit_rename AFTER UPDATE OF name ON org_unit FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION review_title_order_unit_rename();
