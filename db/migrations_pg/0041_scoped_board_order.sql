-- 0041_scoped_board_order (PostgreSQL pair of db/migrations/0041): the
-- scoped volunteers board's summary and the roster-hours index; see the
-- SQLite file for why. Its six triggers (board_person_period's insert,
-- update, delete; person's insert, move, delete) are below, as PL/pgSQL
-- (the baseline's end says how they were ported).
CREATE TABLE board_unit_person_period (
    unit_id     bigint NOT NULL,
    period      text    NOT NULL,
    activities  bigint NOT NULL,
    hours       double precision NOT NULL,
    person_id   bigint NOT NULL,
    PRIMARY KEY (unit_id, period, activities, hours, person_id)
);

CREATE INDEX person_unit_roster_hours ON person(unit_id, roster_hours, is_volunteer) WHERE roster_hours > 0;

INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
    SELECT p.unit_id, b.period, b.activities, b.hours, b.person_id
    FROM board_person_period b JOIN person p ON p.id = b.person_id
    WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL;

-- Triggers. SECURITY DEFINER: a summary counts every row whoever writes
-- (a street user's row security must not filter or refuse the trigger's
-- writes to district-wide summaries); their path is this schema then
-- pg_temp (a user's temporary table must not stand in for a summary).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);
CREATE FUNCTION board_unit_row_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;   -- an upsert that only updated
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT p.unit_id, r.period, r.activities, r.hours, r.person_id
        FROM new_rows r JOIN person p ON p.id = r.person_id WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9629_board_unit_row_insert AFTER INSERT ON board_person_period REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION board_unit_row_insert();

CREATE FUNCTION board_unit_row_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM board_unit_person_period
        WHERE unit_id = (SELECT unit_id FROM person WHERE id = OLD.person_id AND is_volunteer = 1)
          AND period = OLD.period AND activities = OLD.activities AND hours = OLD.hours AND person_id = OLD.person_id;
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT p.unit_id, NEW.period, NEW.activities, NEW.hours, NEW.person_id
        FROM person p WHERE p.id = NEW.person_id AND p.is_volunteer = 1 AND p.unit_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9628_board_unit_row_update AFTER UPDATE OF period, person_id, hours, activities ON board_person_period FOR EACH ROW
    WHEN (NEW.period IS DISTINCT FROM OLD.period OR NEW.person_id IS DISTINCT FROM OLD.person_id
     OR NEW.hours IS DISTINCT FROM OLD.hours OR NEW.activities IS DISTINCT FROM OLD.activities)
    EXECUTE FUNCTION board_unit_row_update();

CREATE FUNCTION board_unit_row_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    DELETE FROM board_unit_person_period b
        USING old_rows r JOIN person p ON p.id = r.person_id AND p.is_volunteer = 1
        WHERE b.unit_id = p.unit_id AND b.period = r.period AND b.activities = r.activities AND b.hours = r.hours AND b.person_id = r.person_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9627_board_unit_row_delete AFTER DELETE ON board_person_period REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION board_unit_row_delete();

-- Per statement, as person's other INSERT triggers (0040: unit_hours_person_insert).
CREATE FUNCTION board_unit_person_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT n.unit_id, b.period, b.activities, b.hours, b.person_id
        FROM new_rows n JOIN board_person_period b ON b.person_id = n.id
        WHERE n.is_volunteer = 1 AND n.unit_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM board_person_period a WHERE a.period = 'all' AND a.person_id = n.id)
          AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = n.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = n.id
            UNION SELECT substr(served_on, 1, 4) || 'Q' || ((jinguo_int(substr(served_on, 6, 2)) + 2) / 3)
                  FROM service_record WHERE person_id = n.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = n.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = n.id
            UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((jinguo_int(substr(credited_on, 6, 2)) + 2) / 3)
                  FROM roster_credit WHERE person_id = n.id)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9626_board_unit_person_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION board_unit_person_insert();

CREATE FUNCTION board_unit_person_move() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM board_unit_person_period
        WHERE OLD.is_volunteer = 1 AND unit_id = OLD.unit_id AND person_id = OLD.id
          AND (period, activities, hours) IN (
            SELECT b.period, b.activities, b.hours FROM board_person_period b
            WHERE b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 4) || 'Q' || ((jinguo_int(substr(served_on, 6, 2)) + 2) / 3)
                      FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((jinguo_int(substr(credited_on, 6, 2)) + 2) / 3)
                      FROM roster_credit WHERE person_id = OLD.id));
    INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
        SELECT NEW.unit_id, b.period, b.activities, b.hours, b.person_id FROM board_person_period b
        WHERE NEW.is_volunteer = 1 AND NEW.unit_id IS NOT NULL AND b.person_id = NEW.id AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(served_on, 1, 4) || 'Q' || ((jinguo_int(substr(served_on, 6, 2)) + 2) / 3)
                  FROM service_record WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = NEW.id
            UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((jinguo_int(substr(credited_on, 6, 2)) + 2) / 3)
                  FROM roster_credit WHERE person_id = NEW.id)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER o9625_board_unit_person_move AFTER UPDATE OF unit_id, is_volunteer ON person FOR EACH ROW
    WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.is_volunteer IS DISTINCT FROM NEW.is_volunteer)
    EXECUTE FUNCTION board_unit_person_move();

CREATE FUNCTION board_unit_person_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM board_unit_person_period
        WHERE unit_id = OLD.unit_id AND person_id = OLD.id
          AND (period, activities, hours) IN (
            SELECT b.period, b.activities, b.hours FROM board_person_period b
            WHERE b.person_id = OLD.id AND b.period IN (
                SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(served_on, 1, 4) || 'Q' || ((jinguo_int(substr(served_on, 6, 2)) + 2) / 3)
                      FROM service_record WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = OLD.id
                UNION SELECT substr(credited_on, 1, 4) || 'Q' || ((jinguo_int(substr(credited_on, 6, 2)) + 2) / 3)
                      FROM roster_credit WHERE person_id = OLD.id));
    RETURN OLD;
END
$$;
CREATE TRIGGER o9624_board_unit_person_delete BEFORE DELETE ON person FOR EACH ROW
    WHEN (OLD.is_volunteer = 1 AND OLD.unit_id IS NOT NULL)
    EXECUTE FUNCTION board_unit_person_delete();
