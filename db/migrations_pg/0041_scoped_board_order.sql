-- 0041_scoped_board_order (PostgreSQL pair of db/migrations/0041): the
-- scoped volunteers board's summary and the roster-hours index; see the
-- SQLite file for why. Its six triggers (board_person_period's insert,
-- update, delete; person's insert, move, delete) come with the PL/pgSQL
-- trigger brick of issue 18, as the baseline's.
CREATE TABLE board_unit_person_period (
    unit_id     bigint NOT NULL,
    period      text    NOT NULL,
    activities  bigint NOT NULL,
    hours       double precision NOT NULL,
    person_id   bigint NOT NULL,
    PRIMARY KEY (unit_id, period, activities, hours, person_id)
);

CREATE INDEX person_unit_roster_hours ON person(unit_id, roster_hours, is_volunteer) WHERE roster_hours > 0;

INSERT INTO board_unit_person_period (unit_id, period, activities, hours, person_id)
    SELECT p.unit_id, b.period, b.activities, b.hours, b.person_id
    FROM board_person_period b JOIN person p ON p.id = b.person_id
    WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL;
