-- 0032_activity_unit_date_index: the 活动 list filtered by a unit's subtree,
-- newest first, a page at a time (storage/activity_list.hpp). For each unit
-- of the subtree the index gives its activities in date order (the id rides
-- along as the rowid), so a page and the count read index entries only —
-- activity_unit alone sent every activity of the subtree to the table. It
-- leads with unit_id, so it also serves what activity_unit did (the foreign
-- key's ON DELETE SET NULL), which goes.
CREATE INDEX activity_unit_held_on ON activity(unit_id, held_on);
DROP INDEX activity_unit;
