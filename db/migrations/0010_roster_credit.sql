-- 0010_roster_credit: what a roster's 服务时长 means, and the one definition
-- of "service hours in a period".
--
-- A roster's hours are usually a person's total to date. The total seen for
-- the first time is history: it stays in person.roster_hours (dated by
-- roster_hours_as_of) and counts in all-time figures, stars and badges, never
-- in a period's board or target. A later roster's total adds only its
-- increase, and a roster that states the hours of one period (2026Q1) adds
-- them to that period: those are roster credits, each dated, each belonging to
-- the import batch that brought it (undoing the batch removes them).
CREATE TABLE roster_credit (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    import_batch_id  INTEGER REFERENCES import_batch(id) ON DELETE CASCADE,
    credited_on      TEXT    NOT NULL,    -- the roster's as-of date, or the stated period's last day
    hours            REAL    NOT NULL CHECK (hours <> 0),   -- < 0: a later roster corrected a period down
    period           TEXT,                -- '2026Q1', '2026', '2026-03' for period hours; NULL for an increase
    reported         REAL,                -- the figure the roster gave (a total, or the period's hours)
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX roster_credit_person ON roster_credit(person_id, credited_on, hours);
CREATE INDEX roster_credit_credited_on ON roster_credit(credited_on);
CREATE INDEX roster_credit_batch ON roster_credit(import_batch_id) WHERE import_batch_id IS NOT NULL;

-- Service hours that belong to a day, and so to every period holding it:
-- verified service records, and the roster credits. Every board, target,
-- year figure, slide and badge that counts the hours of a period reads this
-- view; a person's all-time hours are person.roster_hours plus all of it.
CREATE VIEW dated_hours (person_id, served_on, hours, activity_id) AS
    SELECT person_id, served_on, hours, activity_id FROM service_record WHERE verified = 1
    UNION ALL
    SELECT person_id, credited_on, hours, NULL FROM roster_credit;
