-- 0003_import_undo: what an import changed in records that existed before it.
--
-- Rows an import inserted carry its import_batch_id and are removed by undo.
-- Rows it updated (a person matched by ID number, a household whose head count
-- changed) keep their previous values here, once per batch, so that undoing
-- the batch restores them exactly.

CREATE TABLE import_person_before (
    batch_id            INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    person_id           INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    name                TEXT    NOT NULL,
    gender              TEXT,
    phone               TEXT,
    unit_id             INTEGER,
    is_volunteer        INTEGER NOT NULL,
    joined_on           TEXT,
    roster_hours        REAL    NOT NULL,
    roster_hours_as_of  TEXT,
    PRIMARY KEY (batch_id, person_id)
);

CREATE TABLE import_family_before (
    batch_id   INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    family_id  INTEGER NOT NULL REFERENCES family(id) ON DELETE CASCADE,
    members    INTEGER NOT NULL,
    PRIMARY KEY (batch_id, family_id)
);

CREATE INDEX person_import_batch ON person(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX family_import_batch ON family(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX award_import_batch ON award(import_batch_id) WHERE import_batch_id IS NOT NULL;
