-- 0001_users_and_roles.sql — who may connect to a district server, bound to
-- which unit, with which role (issue 18, "each one sees what is hers").
-- Applied by `jinguo server init` and again after every PostgreSQL migration
-- (storage/pg_security.cpp), so everything here is idempotent: IF NOT EXISTS,
-- CREATE OR REPLACE, roles made only when missing.
--
-- A Jinguo user is a PostgreSQL login role (a row of jinguo_user names it),
-- member of one group role: jinguo_admin (管理员), jinguo_editor (录入) or
-- jinguo_reader (只读). Group roles exist once per cluster (PostgreSQL roles
-- are cluster-wide); jinguo_user is per database, so one role can be bound in
-- one district's database and not in another's.
--
-- PostgreSQL-only: SQLite has no users (the file's owner is the user), so
-- jinguo_user is an allowed difference in tests/pg_schema_test.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jinguo_admin') THEN
        CREATE ROLE jinguo_admin NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jinguo_editor') THEN
        CREATE ROLE jinguo_editor NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jinguo_reader') THEN
        CREATE ROLE jinguo_reader NOLOGIN;
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS jinguo_user (
    role_name   text    PRIMARY KEY,          -- the PostgreSQL login role (session_user)
    -- RESTRICT: a unit someone is bound to cannot vanish under her.
    unit_id     bigint  NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT DEFERRABLE,
    role        text    NOT NULL CHECK (role IN ('管理员', '录入', '只读')),
    created_at  text    NOT NULL DEFAULT (to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    created_by  text    NOT NULL DEFAULT session_user
);

-- The functions below are SECURITY DEFINER: they must not find a user's own
-- temporary table named jinguo_user or org_unit (pg_temp is searched first
-- unless named last), so they keep this schema then pg_temp as their path
-- (SET search_path FROM CURRENT takes the path set here, for this
-- transaction only).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

-- The session user's unit; NULL for a role that is not a Jinguo user (the
-- owner and superusers bypass row security anyway). SECURITY DEFINER: users
-- need not read jinguo_user to be checked against it. session_user, not
-- current_user: inside a SECURITY DEFINER function current_user is the owner,
-- and SET ROLE to a group must not change whose unit counts.
CREATE OR REPLACE FUNCTION jinguo_current_unit() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT unit_id FROM jinguo_user WHERE role_name = session_user::text
$$;

-- The units the session user may see: her unit and every unit under it,
-- down the org_unit parent chain (a district has a few hundred units, so
-- the walk is cheap; the policies call it once per statement as an
-- InitPlan — `(SELECT jinguo_visible_units())` — never once per row).
CREATE OR REPLACE FUNCTION jinguo_visible_units() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH RECURSIVE subtree(id) AS (
        SELECT unit_id FROM jinguo_user WHERE role_name = session_user::text
        UNION
        SELECT o.id FROM org_unit o JOIN subtree s ON o.parent_id = s.id
    )
    SELECT coalesce(array_agg(id), '{}') FROM subtree
$$;

-- The session user's subtree is every unit (the district's users): she sees
-- every row, also those without a unit (a volunteer not yet placed, an award
-- counted for no unit), and the policies test this first, so her rows cost
-- no array search (pg_policy_bench: 9.6x the owner's CPU on a count of
-- 100k people with the search, ~1x without).
CREATE OR REPLACE FUNCTION jinguo_sees_all() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT jinguo_current_unit() IS NOT NULL
           AND cardinality(jinguo_visible_units()) = (SELECT count(*) FROM org_unit)
$$;

-- The session user's role (管理员/录入/只读), '' for none.
CREATE OR REPLACE FUNCTION jinguo_current_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT coalesce((SELECT role FROM jinguo_user WHERE role_name = session_user::text), '')
$$;
