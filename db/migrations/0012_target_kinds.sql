-- 0012_target_kinds: targets an organizer sets herself.
--
-- A rate target may count a title at any level (平安家庭 90 %: every household
-- holding 平安家庭 at 社区, 街道, 区 … level) or only at the level of the
-- title it names (区级平安家庭 25 %): `at_level`. A count of activity
-- participants (人次) joins the metrics. SQLite cannot alter a CHECK, so the
-- table is rebuilt; nothing refers to it.
CREATE TABLE target_new (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    metric     TEXT    NOT NULL CHECK (metric IN ('title_rate', 'title_count', 'post_count',
                                                  'volunteer_hours', 'activities', 'participants',
                                                  'volunteers', 'indicator')),
    title_id   INTEGER REFERENCES award_title(id) ON DELETE CASCADE,
    at_level   INTEGER NOT NULL DEFAULT 0 CHECK (at_level IN (0, 1)),
    indicator  TEXT,                      -- the manual indicator's name, for metric 'indicator'
    goal       REAL    NOT NULL CHECK (goal >= 0),
    note       TEXT    NOT NULL DEFAULT ''
);
INSERT INTO target_new (id, unit_id, year, metric, title_id, at_level, indicator, goal, note)
    SELECT id, unit_id, year, metric, title_id, 0, indicator, goal, note FROM target;
DROP TABLE target;
ALTER TABLE target_new RENAME TO target;
CREATE UNIQUE INDEX target_once ON target(unit_id, year, metric, ifnull(title_id, 0), at_level, ifnull(indicator, ''));
CREATE INDEX target_title ON target(title_id) WHERE title_id IS NOT NULL;
CREATE INDEX target_year ON target(year, unit_id);
