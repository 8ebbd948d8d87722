-- 0024_activity_totals_index: the 活动 list's volunteers and hours per
-- activity (ActivityStore::list: count(DISTINCT person_id), sum(hours) of each
-- activity's records) read from one index, in activity order, instead of a
-- table row per record (5 million random reads at a city's size). It leads
-- with activity_id, so it also answers what service_record_activity did (an
-- activity's records, the foreign key's cascade), which goes.
CREATE INDEX service_record_activity_totals ON service_record(activity_id, person_id, hours);
DROP INDEX service_record_activity;
