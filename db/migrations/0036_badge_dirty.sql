-- 0036_badge_dirty: what changed since the last badge evaluation, so that the
-- evaluation after a save judges only what the save can have changed.
--
-- Triggers on every table a badge's facts come from mark a scope:
--   'person'    id = a person whose own facts changed (records, credits,
--               roster hours, titles): only her person badges can move;
--   'unit_year' id = a year whose unit facts changed only through hours (a
--               record or credit of that year, when a volunteer_hours target
--               of that year counts them) or a volunteer joining (the
--               volunteers targets of her year on);
--   'team'      id 0: 百人队伍 (a volunteer joined, or first served without a
--               joining date);
--   'units'     id 0: anything else about units (targets, the tree, families,
--               titles, posts, activities, indicators, people moved);
--   'all'       id 0: the rules' inputs themselves (a setting, the catalogue).
-- BadgeStore::evaluate reads the marks in its snapshot and deletes exactly
-- those (seq ≤ the largest it read) in the transaction that stores the
-- badges: a crash leaves them marked, and a mark made meanwhile by another
-- connection (deleted and inserted again, it has a new, larger seq) survives.
-- A mark's DELETE names scope = … AND id …, so it seeks the UNIQUE index:
-- a row value "(scope, id) IN (SELECT …)" searched by scope alone, and with
-- 120,000 person marks waiting every award written scanned them all.
-- Each mark is a DELETE then a plain INSERT, never INSERT OR REPLACE: an
-- outer statement's conflict clause (INSERT OR ABORT …) overrides a trigger's,
-- and the UNIQUE index then refused the user's save.
-- Never audited or undone: undo restores base rows and the triggers follow.
CREATE TABLE badge_dirty (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    scope  TEXT    NOT NULL,
    id     INTEGER NOT NULL,
    UNIQUE (scope, id)
);
-- The day of the last full evaluation: a new day evaluates everything again
-- (quarters close, targets are judged up to today).
CREATE TABLE badge_full_evaluation (
    only   INTEGER PRIMARY KEY CHECK (only = 1),
    day    TEXT    NOT NULL
);

-- Service records: the person; the year of hours targets (participation is
-- activity.participants, an activity's write); 百人队伍
-- when the volunteer has no joining date (her first service dates her).
CREATE TRIGGER badge_dirty_record_insert AFTER INSERT ON service_record BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = NEW.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', NEW.person_id);
    DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (SELECT CAST(substr(NEW.served_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(NEW.served_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'unit_year', CAST(substr(NEW.served_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(NEW.served_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
    DELETE FROM badge_dirty WHERE scope = 'team' AND id IN (SELECT 0 WHERE EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id AND joined_on IS NULL));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'team', 0 WHERE EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id AND joined_on IS NULL));
END;
CREATE TRIGGER badge_dirty_record_delete AFTER DELETE ON service_record BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = OLD.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', OLD.person_id);
    DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (SELECT CAST(substr(OLD.served_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(OLD.served_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'unit_year', CAST(substr(OLD.served_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(OLD.served_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
    DELETE FROM badge_dirty WHERE scope = 'team' AND id IN (SELECT 0 WHERE EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id AND joined_on IS NULL));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'team', 0 WHERE EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id AND joined_on IS NULL));
END;
CREATE TRIGGER badge_dirty_record_update AFTER UPDATE OF person_id, activity_id, served_on, hours, verified
ON service_record BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = OLD.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', OLD.person_id);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = NEW.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', NEW.person_id);
    DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (SELECT y FROM (SELECT CAST(substr(OLD.served_on, 1, 4) AS INTEGER) AS y
                                    UNION SELECT CAST(substr(NEW.served_on, 1, 4) AS INTEGER))
        WHERE EXISTS (SELECT 1 FROM target WHERE year = y AND metric = 'volunteer_hours'));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'unit_year', y FROM (SELECT CAST(substr(OLD.served_on, 1, 4) AS INTEGER) AS y
                                    UNION SELECT CAST(substr(NEW.served_on, 1, 4) AS INTEGER))
        WHERE EXISTS (SELECT 1 FROM target WHERE year = y AND metric = 'volunteer_hours'));
    DELETE FROM badge_dirty WHERE scope = 'team' AND id IN (SELECT 0 WHERE EXISTS (SELECT 1 FROM person WHERE id IN (OLD.person_id, NEW.person_id) AND joined_on IS NULL));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'team', 0 WHERE EXISTS (SELECT 1 FROM person WHERE id IN (OLD.person_id, NEW.person_id) AND joined_on IS NULL));
END;

-- Roster credits: the person; the year of hours targets.
CREATE TRIGGER badge_dirty_credit_insert AFTER INSERT ON roster_credit BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = NEW.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', NEW.person_id);
    DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (SELECT CAST(substr(NEW.credited_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(NEW.credited_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'unit_year', CAST(substr(NEW.credited_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(NEW.credited_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
END;
CREATE TRIGGER badge_dirty_credit_delete AFTER DELETE ON roster_credit BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = OLD.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', OLD.person_id);
    DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (SELECT CAST(substr(OLD.credited_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(OLD.credited_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'unit_year', CAST(substr(OLD.credited_on, 1, 4) AS INTEGER) WHERE EXISTS (SELECT 1 FROM target
            WHERE year = CAST(substr(OLD.credited_on, 1, 4) AS INTEGER) AND metric = 'volunteer_hours'));
END;
CREATE TRIGGER badge_dirty_credit_update AFTER UPDATE ON roster_credit BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = OLD.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', OLD.person_id);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = NEW.person_id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', NEW.person_id);
    DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (SELECT y FROM (SELECT CAST(substr(OLD.credited_on, 1, 4) AS INTEGER) AS y
                                    UNION SELECT CAST(substr(NEW.credited_on, 1, 4) AS INTEGER))
        WHERE EXISTS (SELECT 1 FROM target WHERE year = y AND metric = 'volunteer_hours'));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'unit_year', y FROM (SELECT CAST(substr(OLD.credited_on, 1, 4) AS INTEGER) AS y
                                    UNION SELECT CAST(substr(NEW.credited_on, 1, 4) AS INTEGER))
        WHERE EXISTS (SELECT 1 FROM target WHERE year = y AND metric = 'volunteer_hours'));
END;

-- People: roster hours are her own facts; a new volunteer joins the volunteers
-- targets from her joining year and the team; a move, a delete or a changed
-- volunteer flag or joining date moves unit facts of every kind.
CREATE TRIGGER badge_dirty_person_insert AFTER INSERT ON person BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = NEW.id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', NEW.id);
    DELETE FROM badge_dirty WHERE scope = 'team' AND id IN (SELECT 0 WHERE NEW.is_volunteer = 1);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'team', 0 WHERE NEW.is_volunteer = 1);
    DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (SELECT DISTINCT year FROM target WHERE NEW.is_volunteer = 1 AND metric = 'volunteers'
            AND (NEW.joined_on IS NULL OR NEW.joined_on < (year + 1) || '-01-01'));
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT DISTINCT 'unit_year', year FROM target WHERE NEW.is_volunteer = 1 AND metric = 'volunteers'
            AND (NEW.joined_on IS NULL OR NEW.joined_on < (year + 1) || '-01-01'));
END;
CREATE TRIGGER badge_dirty_person_delete AFTER DELETE ON person BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_person_roster AFTER UPDATE OF id, roster_hours, roster_hours_as_of ON person BEGIN
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = OLD.id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', OLD.id);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id = NEW.id;
    INSERT INTO badge_dirty (scope, id) VALUES ('person', NEW.id);
END;
CREATE TRIGGER badge_dirty_person_unit AFTER UPDATE OF id, unit_id, is_volunteer, joined_on ON person BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;

-- Titles: a person's own (her first title, 市级荣誉), and every unit fact
-- (rates, named counts, posts, 进步之星).
CREATE TRIGGER badge_dirty_award_insert AFTER INSERT ON award BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id IN (SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL);
END;
CREATE TRIGGER badge_dirty_award_delete AFTER DELETE ON award BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id IN (SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL);
END;
CREATE TRIGGER badge_dirty_award_update AFTER UPDATE ON award BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id IN (SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id IN (SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL);
END;
CREATE TRIGGER badge_dirty_event_insert AFTER INSERT ON award_event BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id IN (SELECT person_id FROM award WHERE id = NEW.award_id AND person_id IS NOT NULL);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'person', person_id FROM award WHERE id = NEW.award_id AND person_id IS NOT NULL);
END;
CREATE TRIGGER badge_dirty_event_delete AFTER DELETE ON award_event BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id IN (SELECT person_id FROM award WHERE id = OLD.award_id AND person_id IS NOT NULL);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'person', person_id FROM award WHERE id = OLD.award_id AND person_id IS NOT NULL);
END;
CREATE TRIGGER badge_dirty_event_update AFTER UPDATE ON award_event BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
    DELETE FROM badge_dirty WHERE scope = 'person' AND id IN (SELECT person_id FROM award WHERE id IN (OLD.award_id, NEW.award_id) AND person_id IS NOT NULL);
    INSERT INTO badge_dirty (scope, id) SELECT DISTINCT * FROM (SELECT 'person', person_id FROM award WHERE id IN (OLD.award_id, NEW.award_id) AND person_id IS NOT NULL);
END;

-- The catalogue of titles (names and levels are person facts too).
CREATE TRIGGER badge_dirty_title_insert AFTER INSERT ON award_title BEGIN
    DELETE FROM badge_dirty WHERE scope = 'all' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('all', 0);
END;
CREATE TRIGGER badge_dirty_title_delete AFTER DELETE ON award_title BEGIN
    DELETE FROM badge_dirty WHERE scope = 'all' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('all', 0);
END;
CREATE TRIGGER badge_dirty_title_update AFTER UPDATE ON award_title BEGIN
    DELETE FROM badge_dirty WHERE scope = 'all' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('all', 0);
END;

-- Settings: badge thresholds, stars, the titles' grace … — all but the
-- evaluation's own state and display choices.
CREATE TRIGGER badge_dirty_setting_insert AFTER INSERT ON setting
WHEN NEW.key NOT LIKE 'badge\_state.%' ESCAPE '\' AND NEW.key NOT LIKE 'display.%' AND NEW.key NOT LIKE 'presentation.%' BEGIN
    DELETE FROM badge_dirty WHERE scope = 'all' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('all', 0);
END;
CREATE TRIGGER badge_dirty_setting_delete AFTER DELETE ON setting
WHEN OLD.key NOT LIKE 'badge\_state.%' ESCAPE '\' AND OLD.key NOT LIKE 'display.%' AND OLD.key NOT LIKE 'presentation.%' BEGIN
    DELETE FROM badge_dirty WHERE scope = 'all' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('all', 0);
END;
CREATE TRIGGER badge_dirty_setting_update AFTER UPDATE ON setting
WHEN NEW.key NOT LIKE 'badge\_state.%' ESCAPE '\' AND NEW.key NOT LIKE 'display.%' AND NEW.key NOT LIKE 'presentation.%' BEGIN
    DELETE FROM badge_dirty WHERE scope = 'all' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('all', 0);
END;

-- Unit facts only: targets, the tree (households), families, posts,
-- activities and manual indicators.
CREATE TRIGGER badge_dirty_target_insert AFTER INSERT ON target BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_target_delete AFTER DELETE ON target BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_target_update AFTER UPDATE ON target BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_org_unit_insert AFTER INSERT ON org_unit BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_org_unit_delete AFTER DELETE ON org_unit BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_org_unit_update AFTER UPDATE ON org_unit BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_family_insert AFTER INSERT ON family BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_family_delete AFTER DELETE ON family BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_family_update AFTER UPDATE ON family BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_post_insert AFTER INSERT ON post BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_post_delete AFTER DELETE ON post BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_post_update AFTER UPDATE ON post BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_activity_insert AFTER INSERT ON activity BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_activity_delete AFTER DELETE ON activity BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_activity_update AFTER UPDATE ON activity BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_manual_indicator_insert AFTER INSERT ON manual_indicator BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_manual_indicator_delete AFTER DELETE ON manual_indicator BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
CREATE TRIGGER badge_dirty_manual_indicator_update AFTER UPDATE ON manual_indicator BEGIN
    DELETE FROM badge_dirty WHERE scope = 'units' AND id = 0;
    INSERT INTO badge_dirty (scope, id) VALUES ('units', 0);
END;
