-- 0031_activity_unit_date_index: the 活动 list filtered by a unit's subtree,
-- newest first, a page at a time (storage/activity_list.hpp).
--
-- activity_unit_held_on: for each unit of a small subtree (a community, a
-- street) its activities in date order, the id riding along as the rowid, so
-- a page and the count read index entries only. It leads with unit_id, so it
-- also serves what activity_unit did (the foreign key's ON DELETE SET NULL),
-- which goes.
--
-- activity_held_on becomes (held_on, id, unit_id): the list's order in full
-- (ties by id: no sort of a day's activities) with the unit beside it, so a
-- big subtree (the district) is read by walking the dates and skipping other
-- units' entries, and a far jump there (OFFSET) counts its way through the
-- index instead of reading a table row per activity (243 ms at 100,000).
-- Every other reader of held_on ranges is served as before.
CREATE INDEX activity_unit_held_on ON activity(unit_id, held_on);
DROP INDEX activity_unit;
DROP INDEX activity_held_on;
CREATE INDEX activity_held_on ON activity(held_on, id, unit_id);
