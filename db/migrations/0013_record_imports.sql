-- jinguo:foreign-keys-off
-- 0013_record_imports: import batches of every record kind.
--
-- Units, targets and manual indicators are imported too (honours, posts and
-- activities next). Their rows are written through the audited stores
-- (RecordStore::addUnit/updateUnit, TargetStore::save/saveIndicator) inside
-- one undo step; the batch keeps that step (`undo_step_id`), and undoing the
-- batch undoes the step: what the import added is removed, what it changed
-- gets its previous values back. SQLite cannot widen the CHECK on `kind`, so
-- the table is rebuilt with the same ids (the rows referring to it keep them).
CREATE TABLE import_batch_new (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('volunteers', 'families', 'posts', 'awards', 'service',
                                                    'units', 'targets', 'indicators', 'honours',
                                                    'activities')),
    file_name      TEXT    NOT NULL,
    file_sha256    TEXT    NOT NULL,
    started_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    finished_at    TEXT,
    rows_read      INTEGER NOT NULL DEFAULT 0,
    rows_imported  INTEGER NOT NULL DEFAULT 0,
    rows_updated   INTEGER NOT NULL DEFAULT 0,
    rows_skipped   INTEGER NOT NULL DEFAULT 0,
    report_json    TEXT,
    undone_at      TEXT,
    undo_step_id   INTEGER REFERENCES undo_step(id) ON DELETE SET NULL
);
INSERT INTO import_batch_new (id, kind, file_name, file_sha256, started_at, finished_at, rows_read, rows_imported,
                              rows_updated, rows_skipped, report_json, undone_at)
    SELECT id, kind, file_name, file_sha256, started_at, finished_at, rows_read, rows_imported,
           rows_updated, rows_skipped, report_json, undone_at FROM import_batch;
DROP TABLE import_batch;
ALTER TABLE import_batch_new RENAME TO import_batch;
CREATE INDEX import_batch_sha ON import_batch(file_sha256);
CREATE INDEX import_batch_undo_step ON import_batch(undo_step_id) WHERE undo_step_id IS NOT NULL;
