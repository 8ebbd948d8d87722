-- 0047_undo_step_db_user: who each undo step belongs to (issue 18: "undo
-- covers the user's own steps"), as audit_log.db_user (0046) says who made
-- each change.
--
-- On SQLite the app writes the operating system's login name (AuditLog), as
-- for the audit; '' on the steps written before this version. The PostgreSQL
-- pair takes the server's session_user, which a client cannot choose, and the
-- row-level security of db/migrations_pg/security/0002_row_policies.sql shows
-- a user only her own steps (a 管理员 also those of her subtree's users).
ALTER TABLE undo_step ADD COLUMN db_user TEXT NOT NULL DEFAULT '';
