-- 0006_undo_steps: group the audit log into undo steps.
--
-- A step is one user action (deleting a volunteer with the records that go
-- with her, adding an award with its first event): Ctrl+Z takes back the
-- newest step of the running session whole. Every audited change belongs to
-- a step; the entries that undo writes (action 'undo') point at the step they
-- took back. `undone_at` is set when a step was undone; redo writes a new
-- step (`redo_of` the undone one, which gets `redone_at`), itself undoable.
CREATE TABLE undo_step (
    id          INTEGER PRIMARY KEY,
    session_id  TEXT    NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',     -- what the user did, as the UI names it; '' when unnamed
    started_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    undone_at   TEXT,
    redone_at   TEXT,
    redo_of     INTEGER REFERENCES undo_step(id)
);
CREATE INDEX undo_step_session ON undo_step(session_id, id);

ALTER TABLE audit_log ADD COLUMN step_id INTEGER REFERENCES undo_step(id) ON DELETE SET NULL;
CREATE INDEX audit_log_step ON audit_log(step_id) WHERE step_id IS NOT NULL;
