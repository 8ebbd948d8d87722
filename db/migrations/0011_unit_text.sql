-- 0011_unit_text: 所属社区 as a roster wrote it, for people and families whose
-- community is not (yet) a unit of the tree.
--
-- An import keeps the text instead of dropping it (on a fresh database every
-- row used to lose its community); the lists show it as "向阳社区（未关联）",
-- and adding or renaming a 社区/村 of that name in 组织 links them (unit_id
-- set, unit_text cleared) in the same undoable step. unit_text is set only
-- while unit_id is NULL.
ALTER TABLE person ADD COLUMN unit_text TEXT;
ALTER TABLE family ADD COLUMN unit_text TEXT;
CREATE INDEX person_unit_text ON person(unit_text) WHERE unit_text IS NOT NULL;
CREATE INDEX family_unit_text ON family(unit_text) WHERE unit_text IS NOT NULL;

-- What an import changed in unit_text of rows that existed before it, once
-- per batch and row, so that undoing the batch restores it (beside
-- import_person_before / import_family_before of 0003).
CREATE TABLE import_unit_text_before (
    batch_id    INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    table_name  TEXT    NOT NULL CHECK (table_name IN ('person', 'family')),
    row_id      INTEGER NOT NULL,
    unit_text   TEXT,
    PRIMARY KEY (batch_id, table_name, row_id)
);
