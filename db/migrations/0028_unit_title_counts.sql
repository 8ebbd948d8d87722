-- 0028_unit_title_counts: what 组织 counts per unit, kept by triggers (issue 17).
--
-- 组织 shows each community's households and flags a unit where more
-- households hold a title than the unit has (RecordStore::overfullUnits).
-- Both counted over every family and every held title on each visit (a
-- GROUP BY over 500k families and the held-title rule over 545k awards:
-- ~0.9 s at 1M/5M). Two small tables answer them instead:
--
-- unit_family_count: households per unit (family.unit_id), the old
-- `SELECT unit_id, count(*) FROM family GROUP BY unit_id`. Rows at 0 stay.
--
-- unit_title_award: held (命名/复核) family awards per award unit and title,
-- status only, no date. It bounds the overfull check: distinct families
-- holding a title on a day can never exceed the held awards behind them, so
-- only a (unit, title name) whose awards exceed the unit's households is
-- counted exactly (on award_held_span's index). Normally none is.
--
-- tests/storage_unit_counts_test.cpp holds both to the old SQL after every
-- kind of write. No foreign keys (undo restores rows by itself and would
-- count them twice); never write these tables yourself. A migration that
-- rebuilds family or award drops these triggers and must create them again.
CREATE TABLE unit_family_count (
    unit_id   INTEGER PRIMARY KEY,
    families  INTEGER NOT NULL
);

INSERT INTO unit_family_count (unit_id, families)
    SELECT unit_id, count(*) FROM family WHERE unit_id IS NOT NULL GROUP BY unit_id;

CREATE TRIGGER unit_family_count_insert AFTER INSERT ON family WHEN NEW.unit_id IS NOT NULL BEGIN
    INSERT INTO unit_family_count (unit_id, families) VALUES (NEW.unit_id, 1)
        ON CONFLICT (unit_id) DO UPDATE SET families = families + 1;
END;

CREATE TRIGGER unit_family_count_delete AFTER DELETE ON family WHEN OLD.unit_id IS NOT NULL BEGIN
    UPDATE unit_family_count SET families = families - 1 WHERE unit_id = OLD.unit_id;
END;

CREATE TRIGGER unit_family_count_move AFTER UPDATE OF unit_id ON family
WHEN NEW.unit_id IS NOT OLD.unit_id BEGIN
    UPDATE unit_family_count SET families = families - 1 WHERE unit_id = OLD.unit_id;
    INSERT INTO unit_family_count (unit_id, families) SELECT NEW.unit_id, 1 WHERE NEW.unit_id IS NOT NULL
        ON CONFLICT (unit_id) DO UPDATE SET families = families + 1;
END;

CREATE TABLE unit_title_award (
    unit_id   INTEGER NOT NULL,
    title_id  INTEGER NOT NULL,
    awards    INTEGER NOT NULL,
    PRIMARY KEY (unit_id, title_id)
) WITHOUT ROWID;

INSERT INTO unit_title_award (unit_id, title_id, awards)
    SELECT unit_id, title_id, count(*) FROM award
    WHERE status IN ('命名', '复核') AND family_id IS NOT NULL AND unit_id IS NOT NULL
    GROUP BY unit_id, title_id;

CREATE TRIGGER unit_title_award_insert AFTER INSERT ON award
WHEN NEW.status IN ('命名', '复核') AND NEW.family_id IS NOT NULL AND NEW.unit_id IS NOT NULL BEGIN
    INSERT INTO unit_title_award (unit_id, title_id, awards) VALUES (NEW.unit_id, NEW.title_id, 1)
        ON CONFLICT (unit_id, title_id) DO UPDATE SET awards = awards + 1;
END;

CREATE TRIGGER unit_title_award_delete AFTER DELETE ON award
WHEN OLD.status IN ('命名', '复核') AND OLD.family_id IS NOT NULL AND OLD.unit_id IS NOT NULL BEGIN
    UPDATE unit_title_award SET awards = awards - 1 WHERE unit_id = OLD.unit_id AND title_id = OLD.title_id;
END;

CREATE TRIGGER unit_title_award_update AFTER UPDATE OF status, title_id, unit_id, family_id ON award BEGIN
    UPDATE unit_title_award SET awards = awards - 1
        WHERE OLD.status IN ('命名', '复核') AND OLD.family_id IS NOT NULL
          AND unit_id = OLD.unit_id AND title_id = OLD.title_id;
    INSERT INTO unit_title_award (unit_id, title_id, awards) SELECT NEW.unit_id, NEW.title_id, 1
        WHERE NEW.status IN ('命名', '复核') AND NEW.family_id IS NOT NULL AND NEW.unit_id IS NOT NULL
        ON CONFLICT (unit_id, title_id) DO UPDATE SET awards = awards + 1;
END;

-- 称号复核's 待复核/已过期 list (storage/title_review.cpp). A title due or
-- expired on day D has its latest confirmation's range ending (its lapse)
-- by D + grace + 1 month: the ranges that end are those of titles with a
-- validity, and this index finds the few that end by then instead of
-- judging every held title. Histories with a date the rule cannot read
-- (written by plain SQL: 2024-02-30, 2024-1-5) are judged 已过期 by the rule
-- whatever their ranges say; the second index lists their events.
CREATE INDEX award_held_span_until ON award_held_span(held_until) WHERE held_until IS NOT NULL;
CREATE INDEX award_event_odd_date ON award_event(award_id)
    WHERE status IN ('命名', '复核') AND date(happened_on, '+0 days') IS NOT happened_on;
