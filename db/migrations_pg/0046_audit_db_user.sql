-- 0046_audit_db_user (PostgreSQL pair of db/migrations/0046): the database
-- user of every audit entry, and the notifications that tell every other
-- window of a commit (issue 18, "several organizers at once").
--
-- audit_log.db_user: the server's session_user — the role that logged in,
-- unchanged inside SECURITY DEFINER functions and by SET ROLE. The app binds
-- its OS login name as on SQLite (one INSERT for both engines); the BEFORE
-- trigger below replaces it with session_user on insert and keeps the stored
-- one on update, so no client (psql included) can write another name.
ALTER TABLE audit_log ADD COLUMN db_user text NOT NULL DEFAULT session_user;

CREATE FUNCTION audit_log_db_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.db_user := session_user;
    ELSE
        NEW.db_user := OLD.db_user;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_db_user BEFORE INSERT OR UPDATE ON audit_log FOR EACH ROW
    EXECUTE FUNCTION audit_log_db_user();

-- NOTIFY jinguo_changed, payload the table's name, after every statement
-- that writes a table the app reads. PostgreSQL delivers notifications at
-- commit (none for a rollback) and only once per distinct payload in a
-- transaction, so an import of a million rows sends a handful. Each
-- connection of the app LISTENs (PgDatabase) and counts the ones another
-- backend sent (Database::dataVersion), as SQLite's PRAGMA data_version.
-- Statement-level: one call per statement, not per row.
--
-- Only the tables the app writes itself; the summaries its triggers keep
-- (and person_list, the grams, honour_list, review_title_order that the app
-- fills on PostgreSQL) change in the same transaction as one of these.
-- audit_log, undo_step, import_batch and the import_*_before copies are
-- written with one of them too. badge_full_evaluation and badge_dirty are
-- bookkeeping no screen shows. A new table the screens show belongs here
-- (tests/pg_notify_test.cpp lists them).
--
-- A statement that changed no row sends nothing: an upsert that found its
-- row (ON CONFLICT DO NOTHING), an UPDATE whose WHERE matched none. Without
-- this, a window's worker that evaluates badges and stores none would wake
-- every window, whose reload makes the worker evaluate again — a loop that
-- kept lists "正在读取" for good. Hence one trigger per event, each with the
-- statement's rows as `changed_rows` (a trigger with transition tables has
-- one event); TRUNCATE has none and always notifies.
CREATE FUNCTION jinguo_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' OR EXISTS (SELECT 1 FROM changed_rows) THEN
        PERFORM pg_notify('jinguo_changed', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['org_unit', 'person', 'service_record', 'roster_credit', 'activity', 'family',
                             'creation_kind', 'post', 'award_title', 'award', 'award_event', 'manual_indicator',
                             'target', 'badge_earned', 'setting'] LOOP
        EXECUTE format('CREATE TRIGGER jinguo_notify_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION jinguo_notify_changed()', t);
        EXECUTE format('CREATE TRIGGER jinguo_notify_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION jinguo_notify_changed()', t);
        EXECUTE format('CREATE TRIGGER jinguo_notify_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION jinguo_notify_changed()', t);
        EXECUTE format('CREATE TRIGGER jinguo_notify_truncate AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION jinguo_notify_changed()', t);
    END LOOP;
END
$$;
