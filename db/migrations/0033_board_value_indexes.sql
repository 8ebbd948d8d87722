-- 0033_board_value_indexes: the first page of the volunteers board without
-- reading the whole period (issue 17).
--
-- A board's value is linear in a summary row's hours and activities (plus the
-- titles, few, and on the all-time board the roster history): each
-- activities count's rows walked by hours and merged come best first, so the
-- first page stops after the rows it shows and their ties (aggregates.cpp,
-- PagedBoard). The same index counts the rows above a value per activities
-- count (the page's previous ranks) without reading them; the hours index
-- serves the hours board and the rows that may round to 0.
-- person_roster_hours walks the roster history best first for the all-time
-- board. Every index holds what its readers need (covering).
CREATE INDEX board_person_period_hours ON board_person_period(period, hours, activities);
CREATE INDEX board_person_period_activities ON board_person_period(period, activities, hours);
CREATE INDEX person_roster_hours ON person(roster_hours, is_volunteer) WHERE roster_hours > 0;
