-- 0009_foreign_key_indexes: an index on every foreign key's child column that
-- lacked one. Deleting a parent row makes SQLite look up its children; without
-- an index that is a scan of the whole child table per deleted row, so undoing
-- a large import (a million people, each looked up in family, badge_earned and
-- import_person_before) ran for minutes. Partial where the column is mostly
-- NULL: a lookup "col = ?" can only match a non-NULL value.
CREATE INDEX IF NOT EXISTS badge_earned_person ON badge_earned(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS badge_earned_unit ON badge_earned(unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS family_head_person ON family(head_person_id) WHERE head_person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS import_person_before_person ON import_person_before(person_id);
CREATE INDEX IF NOT EXISTS import_family_before_family ON import_family_before(family_id);
CREATE INDEX IF NOT EXISTS activity_import_batch ON activity(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS post_import_batch ON post(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS service_record_import_batch ON service_record(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS target_title ON target(title_id) WHERE title_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS undo_step_redo_of ON undo_step(redo_of) WHERE redo_of IS NOT NULL;
