-- 0047_undo_step_db_user (PostgreSQL pair of db/migrations/0047): the
-- database user each undo step belongs to, forced to session_user on insert
-- and kept on update by 0046's trigger function, as audit_log.db_user; the
-- row policies (security/0002) show a user only her own steps.
ALTER TABLE undo_step ADD COLUMN db_user text NOT NULL DEFAULT session_user;

CREATE TRIGGER undo_step_db_user BEFORE INSERT OR UPDATE ON undo_step FOR EACH ROW
    EXECUTE FUNCTION audit_log_db_user();
