-- jinguo:foreign-keys-off
-- 0014_unit_kinds: 县(市) and 乡 join the unit kinds.
--
-- A county or county-level city (县(市)) is the root of its tree like a 区; a
-- 乡 sits beside 街道 and 镇 (app/core/vocabulary.hpp kUnitKinds has the
-- tiers). SQLite cannot widen the CHECK on `kind`, so org_unit is rebuilt
-- with the same ids; the rows that refer to it keep them, and the migration
-- runner checks every reference before it commits.
CREATE TABLE org_unit_new (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES org_unit(id) ON DELETE RESTRICT,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('区', '县(市)', '街道', '镇', '乡', '社区', '村')),
    households  INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (parent_id, name)
);
INSERT INTO org_unit_new (id, parent_id, name, kind, households, sort_order, created_at)
    SELECT id, parent_id, name, kind, households, sort_order, created_at FROM org_unit;
DROP TABLE org_unit;
ALTER TABLE org_unit_new RENAME TO org_unit;
CREATE INDEX org_unit_parent ON org_unit(parent_id);
