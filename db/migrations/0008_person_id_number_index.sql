-- jinguo:foreign-keys-off
-- 0008_person_id_number_index: the uniqueness of person.id_number moves from
-- the column's UNIQUE (an automatic index, which cannot be dropped) to the
-- named unique index person_id_number. A large import into a small table
-- drops it inside its transaction, appends the people in file order and
-- builds it again before the commit (SQLite's sorted build), instead of
-- inserting every ID number at a random place of the index.
--
-- SQLite cannot drop a column constraint: the table is rebuilt, with foreign
-- keys off (the runner checks them before it commits), so that dropping the
-- old table does not cascade to service records, awards and badges.
CREATE TABLE person_rebuilt (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    gender              TEXT    CHECK (gender IN ('女', '男')),
    id_number           TEXT    CHECK (id_number IS NULL OR length(id_number) = 18),
    phone               TEXT    CHECK (phone IS NULL OR length(phone) = 11),
    unit_id             INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
    is_volunteer        INTEGER NOT NULL DEFAULT 1 CHECK (is_volunteer IN (0, 1)),
    joined_on           TEXT,                 -- date the volunteer joined
    roster_hours        REAL    NOT NULL DEFAULT 0 CHECK (roster_hours >= 0),
    roster_hours_as_of  TEXT,
    note                TEXT    NOT NULL DEFAULT '',
    import_batch_id     INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO person_rebuilt (id, name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours,
                            roster_hours_as_of, note, import_batch_id, created_at, updated_at)
SELECT id, name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours,
       roster_hours_as_of, note, import_batch_id, created_at, updated_at
FROM person;
DROP TABLE person;
ALTER TABLE person_rebuilt RENAME TO person;
CREATE UNIQUE INDEX person_id_number ON person(id_number);
CREATE INDEX person_unit ON person(unit_id);
CREATE INDEX person_import_batch ON person(import_batch_id) WHERE import_batch_id IS NOT NULL;
