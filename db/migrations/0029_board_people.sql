-- 0029_board_people: the volunteers board reads its people beside the
-- summary (board_person_period) instead of walking every person.
--
-- The district's board merges the period's summary rows with the people who
-- are not volunteers (to leave out; few) and, on the all-time board, the
-- people with roster history (it counts there). Both lists are partial
-- indexes that hold every column the board reads (SQLite 3.40 reads the
-- table for a column named only in a partial index's WHERE).
CREATE INDEX person_not_volunteer ON person(id, is_volunteer) WHERE is_volunteer = 0;
CREATE INDEX person_roster_history ON person(id, roster_hours, is_volunteer) WHERE roster_hours > 0;
