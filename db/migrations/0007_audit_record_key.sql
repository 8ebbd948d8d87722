-- 0007_audit_record_key: audit entries for rows that have no `id`.
--
-- A table keyed by one other column (setting: `key`) names its row in the
-- audit log by that key, as text; record_id stays NULL. Undo finds the row by
-- the table's primary key and puts it back from the whole-row JSON, as it does
-- by id for the other tables.
ALTER TABLE audit_log ADD COLUMN record_key TEXT;
CREATE INDEX audit_log_record_key ON audit_log(table_name, record_key) WHERE record_key IS NOT NULL;
