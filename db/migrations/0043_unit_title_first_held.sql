-- 0043_unit_title_first_held: the badges' titled households per unit kept
-- as counts (issue 17). Their unit part (rate targets' timelines, 进步之星)
-- read every household holding a family title of a name — its earliest held
-- award, that award's unit and year and first 命名 day — ~440,000 平安家庭
-- holders at 1M people: ~1 s after every save, tens of MB in a full pass.
--
-- family_title_first_held(family_id, title_name → unit_id, year, held_on):
-- per household and family title name, its earliest held (命名/复核) award
-- with a unit, by (year, held_on, award id); held_on = the award's first 命名
-- event's happened_on, else year-12-31 (unclamped: the reader keeps it inside
-- the year). unit_title_first_held counts those rows per (title_name,
-- unit_id, year, held_on); a row whose count reaches 0 is deleted.
-- The same fact as BadgeStore's base-table read (holdersOf with
-- setUnitFactsFromBaseTables; tests/storage_badges_test.cpp compares the
-- tables with it after writes of every kind). Kept by the triggers below
-- only; never audited or undone (undo restores base rows, the triggers
-- follow). Each trigger recomputes the (household, name) pairs a write can
-- move from the base rows (a household has a few awards), so the order of
-- cascades does not matter. No badge mark is needed: every base table read
-- here marks already (0036).
CREATE TABLE family_title_first_held (
    family_id   INTEGER NOT NULL,
    title_name  TEXT    NOT NULL,
    unit_id     INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    held_on     TEXT    NOT NULL,
    PRIMARY KEY (family_id, title_name)
) WITHOUT ROWID;

CREATE TABLE unit_title_first_held (
    title_name  TEXT    NOT NULL,
    unit_id     INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    held_on     TEXT    NOT NULL,
    households  INTEGER NOT NULL,
    PRIMARY KEY (title_name, unit_id, year, held_on)
) WITHOUT ROWID;

INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
    SELECT family_id, name, unit_id, year, held_on FROM (
        SELECT family_id, name, unit_id, year, held_on,
               row_number() OVER (PARTITION BY family_id, name ORDER BY year, held_on, id) AS n
        FROM (SELECT a.id, a.family_id, t.name, a.unit_id, a.year,
                     coalesce((SELECT min(e.happened_on) FROM award_event e
                               WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
              FROM award a JOIN award_title t ON t.id = a.title_id
              WHERE t.subject_kind = 'family' AND a.status IN ('命名', '复核')
                AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL))
    WHERE n = 1;

INSERT INTO unit_title_first_held (title_name, unit_id, year, held_on, households)
    SELECT title_name, unit_id, year, held_on, count(*) FROM family_title_first_held
    GROUP BY title_name, unit_id, year, held_on;

CREATE TRIGGER unit_title_first_held_insert AFTER INSERT ON family_title_first_held BEGIN
    INSERT INTO unit_title_first_held (title_name, unit_id, year, held_on, households)
        VALUES (NEW.title_name, NEW.unit_id, NEW.year, NEW.held_on, 1)
        ON CONFLICT (title_name, unit_id, year, held_on) DO UPDATE SET households = households + 1;
END;
CREATE TRIGGER unit_title_first_held_delete AFTER DELETE ON family_title_first_held BEGIN
    UPDATE unit_title_first_held SET households = households - 1
    WHERE title_name = OLD.title_name AND unit_id = OLD.unit_id AND year = OLD.year AND held_on = OLD.held_on;
    DELETE FROM unit_title_first_held
    WHERE title_name = OLD.title_name AND unit_id = OLD.unit_id AND year = OLD.year AND held_on = OLD.held_on
      AND households <= 0;
END;

-- Recomputing household F's row of title name N (F, N below are the
-- trigger's expressions): delete it, then insert the earliest held award.
CREATE TRIGGER family_title_first_held_award_insert AFTER INSERT ON award WHEN NEW.family_id IS NOT NULL BEGIN
    DELETE FROM family_title_first_held WHERE family_id = NEW.family_id
        AND title_name = (SELECT name FROM award_title WHERE id = NEW.title_id);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id = NEW.family_id AND t.name = (SELECT name FROM award_title WHERE id = NEW.title_id)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
END;
CREATE TRIGGER family_title_first_held_award_delete AFTER DELETE ON award WHEN OLD.family_id IS NOT NULL BEGIN
    DELETE FROM family_title_first_held WHERE family_id = OLD.family_id
        AND title_name = (SELECT name FROM award_title WHERE id = OLD.title_id);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id = OLD.family_id AND t.name = (SELECT name FROM award_title WHERE id = OLD.title_id)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
END;
-- Confirmed, revoked, expired by a status, moved to another unit or
-- household, another title or year: the old pair, then the new one.
CREATE TRIGGER family_title_first_held_award_update AFTER UPDATE OF status, title_id, family_id, unit_id, year ON award
WHEN OLD.family_id IS NOT NULL OR NEW.family_id IS NOT NULL BEGIN
    DELETE FROM family_title_first_held WHERE family_id = OLD.family_id
        AND title_name = (SELECT name FROM award_title WHERE id = OLD.title_id);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id = OLD.family_id AND t.name = (SELECT name FROM award_title WHERE id = OLD.title_id)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
    DELETE FROM family_title_first_held WHERE family_id = NEW.family_id
        AND title_name = (SELECT name FROM award_title WHERE id = NEW.title_id);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE a.family_id = NEW.family_id AND t.name = (SELECT name FROM award_title WHERE id = NEW.title_id)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
END;

-- A 命名 event added, removed or redated moves its award's first naming day.
-- (When the award itself is gone — a cascade — the pair finds no award and
-- the award's own trigger has recomputed it.)
CREATE TRIGGER family_title_first_held_event_insert AFTER INSERT ON award_event WHEN NEW.status = '命名' BEGIN
    DELETE FROM family_title_first_held WHERE (family_id, title_name) IN
        (SELECT a.family_id, t.name FROM award a JOIN award_title t ON t.id = a.title_id
         WHERE a.id = NEW.award_id AND a.family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE (a.family_id, t.name) IN (SELECT a2.family_id, t2.name FROM award a2 JOIN award_title t2 ON t2.id = a2.title_id
                                        WHERE a2.id = NEW.award_id AND a2.family_id IS NOT NULL)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
END;
CREATE TRIGGER family_title_first_held_event_delete AFTER DELETE ON award_event WHEN OLD.status = '命名' BEGIN
    DELETE FROM family_title_first_held WHERE (family_id, title_name) IN
        (SELECT a.family_id, t.name FROM award a JOIN award_title t ON t.id = a.title_id
         WHERE a.id = OLD.award_id AND a.family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT a.family_id, t.name, a.unit_id, a.year,
               coalesce((SELECT min(e.happened_on) FROM award_event e
                         WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
        FROM award a JOIN award_title t ON t.id = a.title_id
        WHERE (a.family_id, t.name) IN (SELECT a2.family_id, t2.name FROM award a2 JOIN award_title t2 ON t2.id = a2.title_id
                                        WHERE a2.id = OLD.award_id AND a2.family_id IS NOT NULL)
          AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL
        ORDER BY a.year, held_on, a.id LIMIT 1;
END;
CREATE TRIGGER family_title_first_held_event_update AFTER UPDATE OF status, happened_on, award_id ON award_event
WHEN OLD.status = '命名' OR NEW.status = '命名' BEGIN
    DELETE FROM family_title_first_held WHERE (family_id, title_name) IN
        (SELECT a.family_id, t.name FROM award a JOIN award_title t ON t.id = a.title_id
         WHERE a.id IN (OLD.award_id, NEW.award_id) AND a.family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT family_id, name, unit_id, year, held_on FROM (
            SELECT family_id, name, unit_id, year, held_on,
                   row_number() OVER (PARTITION BY family_id, name ORDER BY year, held_on, id) AS n
            FROM (SELECT a.id, a.family_id, t.name, a.unit_id, a.year,
                         coalesce((SELECT min(e.happened_on) FROM award_event e
                                   WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
                  FROM award a JOIN award_title t ON t.id = a.title_id
                  WHERE (a.family_id, t.name) IN (SELECT a2.family_id, t2.name FROM award a2 JOIN award_title t2 ON t2.id = a2.title_id
                                                  WHERE a2.id IN (OLD.award_id, NEW.award_id) AND a2.family_id IS NOT NULL)
                    AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL))
        WHERE n = 1;
END;

-- A title renamed, or moved to another subject: every household with an
-- award of it, under the old name and the new.
CREATE TRIGGER family_title_first_held_title_update AFTER UPDATE OF name, subject_kind ON award_title
WHEN OLD.name IS NOT NEW.name OR OLD.subject_kind IS NOT NEW.subject_kind BEGIN
    DELETE FROM family_title_first_held WHERE title_name IN (OLD.name, NEW.name)
        AND family_id IN (SELECT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL);
    INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
        SELECT family_id, name, unit_id, year, held_on FROM (
            SELECT family_id, name, unit_id, year, held_on,
                   row_number() OVER (PARTITION BY family_id, name ORDER BY year, held_on, id) AS n
            FROM (SELECT a.id, a.family_id, t.name, a.unit_id, a.year,
                         coalesce((SELECT min(e.happened_on) FROM award_event e
                                   WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
                  FROM award a JOIN award_title t ON t.id = a.title_id
                  WHERE t.name IN (OLD.name, NEW.name)
                    AND a.family_id IN (SELECT family_id FROM award WHERE title_id = NEW.id AND family_id IS NOT NULL)
                    AND t.subject_kind = 'family' AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL))
        WHERE n = 1;
END;
