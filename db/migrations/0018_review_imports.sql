-- jinguo:foreign-keys-off
-- 0018_review_imports: import batches of 复核 result sheets (kind 'reviews').
--
-- A 复核 result sheet is imported like the other record kinds: its rows are
-- applied through storage::reviewTitles inside one undo step that the batch
-- keeps (undo_step_id). SQLite cannot widen the CHECK on `kind`, so the table
-- is rebuilt as 0013 did, with the same ids and every column.
CREATE TABLE import_batch_new (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('volunteers', 'families', 'posts', 'awards', 'service',
                                                    'units', 'targets', 'indicators', 'honours',
                                                    'activities', 'reviews')),
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
                              rows_updated, rows_skipped, report_json, undone_at, undo_step_id)
    SELECT id, kind, file_name, file_sha256, started_at, finished_at, rows_read, rows_imported,
           rows_updated, rows_skipped, report_json, undone_at, undo_step_id FROM import_batch;
DROP TABLE import_batch;
ALTER TABLE import_batch_new RENAME TO import_batch;
CREATE INDEX import_batch_sha ON import_batch(file_sha256);
CREATE INDEX import_batch_undo_step ON import_batch(undo_step_id) WHERE undo_step_id IS NOT NULL;
