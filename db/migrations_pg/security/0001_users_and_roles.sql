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

-- Managing users without CREATEROLE (issue 18: a district 管理员 is no
-- database owner). The functions below run as their owner — the database's
-- owner, who applies these scripts and holds CREATEROLE (or is a superuser) —
-- and check the caller themselves:
--   * the owner (a member of jinguo_user's owner) and superusers manage all;
--   * a Jinguo 管理员 manages the users of her own subtree: a street's
--     管理员 adds, changes and disables users bound to her street or its
--     communities, the district's 管理员 anyone. Why not the district's only:
--     the street chair is who knows her communities' staff, the policies
--     already give her those rows, and a user she makes sees no more than
--     she does (her subtree, her role at most 管理员 of it);
--   * everyone else (录入, 只读, strangers) is refused; EXECUTE is granted
--     to jinguo_admin only, so they are stopped before the body runs.
-- Names are checked against Jinguo's pattern AND quoted with format('%I'):
-- the check gives the Chinese refusal, the quoting makes a missed case
-- harmless. A 管理员 who is not the owner may only create a NEW role: taking
-- over an existing role (another district's user, a service account) would
-- let her set its password.
-- Removing a user sets the role NOLOGIN (never DROP ROLE): audit_log names
-- the role (db_user), and a dropped name could be given to someone else,
-- making the history say she did what her predecessor did.

-- True when the session user owns this database's Jinguo schema (or is a
-- superuser): not bound by a unit, may bind existing roles.
CREATE OR REPLACE FUNCTION jinguo_is_schema_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
           OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'jinguo_user'::regclass), 'MEMBER')
$$;

-- True when the session user may add, change or disable users bound to
-- unit `unit` (NULL: to any unit of hers — may she manage users at all).
CREATE OR REPLACE FUNCTION jinguo_may_manage_users(unit bigint DEFAULT NULL) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT jinguo_is_schema_owner()
           OR (jinguo_current_role() = '管理员'
               AND (unit IS NULL OR unit = ANY (jinguo_visible_units())))
$$;

-- Raises the caller's refusal (SQLSTATE 42501) unless she may manage users of `unit`.
CREATE OR REPLACE FUNCTION jinguo_require_user_manager(unit bigint) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF jinguo_may_manage_users(NULL) IS NOT TRUE THEN
        RAISE EXCEPTION '只有管理员才能添加、修改或停用用户（当前账号“%”不是管理员）。', session_user
            USING ERRCODE = '42501';
    END IF;
    IF jinguo_may_manage_users(unit) IS NOT TRUE THEN
        RAISE EXCEPTION '单位（编号%）不在管理员“%”所属单位及其下属单位之内：只能管理本单位及下属单位的用户。',
            unit, session_user USING ERRCODE = '42501';
    END IF;
END
$$;

-- The group role of 管理员/录入/只读; refuses anything else.
CREATE OR REPLACE FUNCTION jinguo_group_of(role text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path FROM CURRENT AS $$
BEGIN
    CASE role
        WHEN '管理员' THEN RETURN 'jinguo_admin';
        WHEN '录入' THEN RETURN 'jinguo_editor';
        WHEN '只读' THEN RETURN 'jinguo_reader';
        ELSE RAISE EXCEPTION '不认识的角色“%”：可选管理员、录入、只读。', role USING ERRCODE = '22023';
    END CASE;
END
$$;

-- Refuses a name that is not Jinguo's: lowercase letter first, then
-- lowercase letters, digits and _ (at most 63), not pg_*, not a group.
CREATE OR REPLACE FUNCTION jinguo_check_user_name(name text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path FROM CURRENT AS $$
BEGIN
    IF name IS NULL OR name !~ '^[a-z][a-z0-9_]{0,62}$' OR name LIKE 'pg\_%'
       OR name IN ('jinguo_admin', 'jinguo_editor', 'jinguo_reader', 'public') THEN
        RAISE EXCEPTION '用户名“%”不能用：请用小写英文字母开头，只含小写字母、数字和下划线，最长63个字符（不能以 pg_ 开头）。',
            name USING ERRCODE = '22023';
    END IF;
END
$$;

-- Adds a user: a new LOGIN role (or, for the owner only, an existing one
-- that is no superuser), its group, its jinguo_user row. `verifier` is a
-- SCRAM-SHA-256 verifier made on the client (never a password: the text of
-- ALTER ROLE may be logged), NULL for none.
CREATE OR REPLACE FUNCTION jinguo_add_user(name text, unit bigint, role text, verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    grp text := jinguo_group_of(role);
    strong boolean;
BEGIN
    PERFORM jinguo_check_user_name(name);
    IF NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.id = unit) THEN
        RAISE EXCEPTION '没有编号为%的单位。', unit USING ERRCODE = '22023';
    END IF;
    PERFORM jinguo_require_user_manager(unit);
    IF verifier IS NOT NULL AND verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION '密码只能以 SCRAM-SHA-256 校验值的形式给出。' USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM jinguo_user u WHERE u.role_name = name) THEN
        RAISE EXCEPTION '“%”已经是这个数据库的用户，未做修改。', name USING ERRCODE = '23505';
    END IF;
    SELECT rolsuper OR rolbypassrls INTO strong FROM pg_roles WHERE rolname = name;
    IF FOUND THEN
        IF strong THEN
            RAISE EXCEPTION '数据库角色“%”是超级用户或可绕过行级安全，不能作为Jinguo用户。', name USING ERRCODE = '42501';
        END IF;
        IF NOT jinguo_is_schema_owner() THEN
            RAISE EXCEPTION '数据库角色“%”已经存在（可能是其他数据库的用户）：请换一个用户名，或请数据库所有者操作。', name
                USING ERRCODE = '42710';
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN', name);
        EXECUTE format('REVOKE jinguo_admin, jinguo_editor, jinguo_reader FROM %I', name);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN', name);
    END IF;
    IF verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', name, verifier);
    END IF;
    EXECUTE format('GRANT %I TO %I', grp, name);
    INSERT INTO jinguo_user (role_name, unit_id, role, created_by) VALUES (name, unit, role, session_user::text);
END
$$;

-- Moves a user to another unit and/or role: both her old and her new unit
-- must be the caller's to manage.
CREATE OR REPLACE FUNCTION jinguo_update_user(name text, unit bigint, role text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    grp text := jinguo_group_of(role);
    old_unit bigint;
BEGIN
    SELECT u.unit_id INTO old_unit FROM jinguo_user u WHERE u.role_name = name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '“%”不是这个数据库的用户（可能刚被别人删除了），未做修改。', name USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.id = unit) THEN
        RAISE EXCEPTION '没有编号为%的单位。', unit USING ERRCODE = '22023';
    END IF;
    PERFORM jinguo_require_user_manager(old_unit);
    PERFORM jinguo_require_user_manager(unit);
    EXECUTE format('REVOKE jinguo_admin, jinguo_editor, jinguo_reader FROM %I', name);
    EXECUTE format('GRANT %I TO %I', grp, name);
    UPDATE jinguo_user u SET unit_id = unit, role = jinguo_update_user.role WHERE u.role_name = name;
END
$$;

-- Disables a user: her row deleted, her groups revoked, NOLOGIN (see above).
CREATE OR REPLACE FUNCTION jinguo_disable_user(name text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    old_unit bigint;
BEGIN
    IF name = session_user::text THEN
        RAISE EXCEPTION '不能停用自己正在登录的账号“%”。请用另一个管理账号操作。', name USING ERRCODE = '22023';
    END IF;
    SELECT u.unit_id INTO old_unit FROM jinguo_user u WHERE u.role_name = name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '“%”不是这个数据库的用户（可能刚被别人删除了），未做修改。', name USING ERRCODE = '22023';
    END IF;
    PERFORM jinguo_require_user_manager(old_unit);
    DELETE FROM jinguo_user u WHERE u.role_name = name;
    EXECUTE format('REVOKE jinguo_admin, jinguo_editor, jinguo_reader FROM %I', name);
    EXECUTE format('ALTER ROLE %I NOLOGIN', name);
END
$$;

-- Sets a user's password (a SCRAM-SHA-256 verifier made on the client, as
-- jinguo_add_user). Anyone may set her own; a 管理员 (or the owner) also
-- those of the users bound to her subtree — the reset when a colleague has
-- forgotten hers. Roles that are no Jinguo user are refused (the owner's or a
-- service account's password is the server administrator's business).
CREATE OR REPLACE FUNCTION jinguo_set_user_password(name text, verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    old_unit bigint;
BEGIN
    IF verifier IS NULL OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION '密码只能以 SCRAM-SHA-256 校验值的形式给出。' USING ERRCODE = '22023';
    END IF;
    IF name IS DISTINCT FROM session_user::text THEN
        SELECT u.unit_id INTO old_unit FROM jinguo_user u WHERE u.role_name = name FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION '“%”不是这个数据库的用户（可能已被停用），未做修改。', name USING ERRCODE = '22023';
        END IF;
        PERFORM jinguo_require_user_manager(old_unit);
    ELSIF NOT EXISTS (SELECT 1 FROM jinguo_user u WHERE u.role_name = name) THEN
        RAISE EXCEPTION '“%”不是Jinguo用户：数据库所有者的密码请在服务器上用 psql 的 \password 修改。', name
            USING ERRCODE = '42501';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', name, verifier);
END
$$;

-- Only 管理员 (and the owner, who owns them) may call the writers; the
-- checks inside hold anyway.
REVOKE ALL ON FUNCTION jinguo_add_user(text, bigint, text, text), jinguo_update_user(text, bigint, text),
    jinguo_disable_user(text), jinguo_require_user_manager(bigint) FROM PUBLIC;
-- Every Jinguo user may set her own password (the checks inside keep others').
REVOKE ALL ON FUNCTION jinguo_set_user_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jinguo_set_user_password(text, text) TO jinguo_admin, jinguo_editor, jinguo_reader;
GRANT EXECUTE ON FUNCTION jinguo_add_user(text, bigint, text, text), jinguo_update_user(text, bigint, text),
    jinguo_disable_user(text), jinguo_require_user_manager(bigint) TO jinguo_admin;
