-- 0004_aggregate_indexes: covering indexes for the boards and targets.
--
-- db/storage/aggregates.cpp sums whole periods at once. Without these, each
-- service record and each award it reads costs a lookup into the table by
-- rowid (a board over 1,000,000 records took ~5 s); with them the sums are
-- index-only scans (~0.3 s).

-- Volunteer boards: verified records grouped by person, in person order, with
-- the date, hours and activity each sum needs. Also the targets' hours of a year.
CREATE INDEX IF NOT EXISTS service_record_board ON service_record(verified, person_id, served_on, hours, activity_id);

-- Creation rates and title counts per unit: grouped by unit, filtered by
-- title and status, with the year and the household they need.
CREATE INDEX IF NOT EXISTS award_unit_title ON award(unit_id, title_id, status, year, family_id);
