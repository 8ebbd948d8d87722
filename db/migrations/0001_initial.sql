-- 0001_initial: the whole data model of DESIGN.md.
--
-- Later migrations add behaviour (indexes, columns, defaults), not a second
-- schema. Conventions: every table has an INTEGER PRIMARY KEY `id`; dates are
-- ISO-8601 text (YYYY-MM-DD), timestamps are ISO-8601 UTC text; Chinese level
-- and status words are stored as users say them, and CHECK constraints keep
-- them to the known set so that a typo cannot create a new level.

-- Organization units: the tree 区 → 街道/镇 → 社区/村. `households` is the
-- denominator of every creation rate; a parent's rate is computed from its
-- children's numerators and households, never stored.
CREATE TABLE org_unit (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES org_unit(id) ON DELETE RESTRICT,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('区', '街道', '镇', '社区', '村')),
    households  INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (parent_id, name)
);
CREATE INDEX org_unit_parent ON org_unit(parent_id);

-- Import batches: every import is one batch so that it can be undone whole.
-- `file_sha256` lets a re-import of the same file be recognized.
CREATE TABLE import_batch (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('volunteers', 'families', 'posts', 'awards', 'service')),
    file_name      TEXT    NOT NULL,
    file_sha256    TEXT    NOT NULL,
    started_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    finished_at    TEXT,
    rows_read      INTEGER NOT NULL DEFAULT 0,
    rows_imported  INTEGER NOT NULL DEFAULT 0,
    rows_updated   INTEGER NOT NULL DEFAULT 0,
    rows_skipped   INTEGER NOT NULL DEFAULT 0,
    report_json    TEXT,                      -- the problems found, as shown to the user
    undone_at      TEXT                       -- set when the batch was rolled back
);
CREATE INDEX import_batch_sha ON import_batch(file_sha256);

-- People: volunteers and title holders. The ID number (GB 11643-1999) is the
-- identity of a person; two people may share a name, never an ID number.
-- `roster_hours` keeps the cumulative service hours a roster reported (as of
-- `roster_hours_as_of`), so a newer roster replaces it instead of adding twice.
CREATE TABLE person (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    gender              TEXT    CHECK (gender IN ('女', '男')),
    id_number           TEXT    UNIQUE CHECK (id_number IS NULL OR length(id_number) = 18),
    phone               TEXT    CHECK (phone IS NULL OR length(phone) = 11),
    unit_id             INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
    is_volunteer        INTEGER NOT NULL DEFAULT 1 CHECK (is_volunteer IN (0, 1)),
    joined_on           TEXT,                 -- date the volunteer joined
    roster_hours        REAL    NOT NULL DEFAULT 0 CHECK (roster_hours >= 0),
    roster_hours_as_of  TEXT,
    note                TEXT    NOT NULL DEFAULT '',
    import_batch_id     INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX person_unit ON person(unit_id);
CREATE INDEX person_name ON person(name);

-- Activities: an event held by a unit; service records may point at it.
CREATE TABLE activity (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    held_on          TEXT    NOT NULL,
    unit_id          INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
    kind             TEXT    NOT NULL DEFAULT '',      -- 宣传, 帮扶, 巡逻, 培训 …
    participants     INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
    note             TEXT    NOT NULL DEFAULT '',
    import_batch_id  INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX activity_held_on ON activity(held_on);
CREATE INDEX activity_unit ON activity(unit_id);

-- Service records: hours one person served on one day. Hours are positive and
-- at most 24 per record; the per-day sum rule is checked by the core before
-- writing (a CHECK cannot see other rows).
CREATE TABLE service_record (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    activity_id      INTEGER REFERENCES activity(id) ON DELETE SET NULL,
    served_on        TEXT    NOT NULL,
    hours            REAL    NOT NULL CHECK (hours > 0 AND hours <= 24),
    description      TEXT    NOT NULL DEFAULT '',
    verified         INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    recorded_by      TEXT    NOT NULL DEFAULT '',
    import_batch_id  INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX service_record_person ON service_record(person_id, served_on);
CREATE INDEX service_record_served_on ON service_record(served_on);
CREATE INDEX service_record_activity ON service_record(activity_id);

-- Families (households): a household head, an address, members and a unit.
CREATE TABLE family (
    id               INTEGER PRIMARY KEY,
    head_name        TEXT    NOT NULL CHECK (length(trim(head_name)) > 0),
    head_person_id   INTEGER REFERENCES person(id) ON DELETE SET NULL,
    address          TEXT    NOT NULL DEFAULT '',
    members          INTEGER NOT NULL DEFAULT 1 CHECK (members >= 1),
    unit_id          INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
    note             TEXT    NOT NULL DEFAULT '',
    import_batch_id  INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX family_unit ON family(unit_id);
CREATE UNIQUE INDEX family_identity ON family(head_name, address, unit_id);

-- 巾帼文明岗: a post or team inside a work unit. Member counts feed the
-- public conditions (women ≥ 60 %, ≥ 3 members, a woman in leadership).
CREATE TABLE post (
    id               INTEGER PRIMARY KEY,
    work_unit        TEXT    NOT NULL CHECK (length(trim(work_unit)) > 0),
    name             TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    unit_id          INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
    members          INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
    women_members    INTEGER NOT NULL DEFAULT 0 CHECK (women_members >= 0 AND women_members <= members),
    women_leaders    INTEGER NOT NULL DEFAULT 0 CHECK (women_leaders >= 0),
    contact_name     TEXT    NOT NULL DEFAULT '',
    contact_phone    TEXT,
    note             TEXT    NOT NULL DEFAULT '',
    import_batch_id  INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (work_unit, name)
);
CREATE INDEX post_unit ON post(unit_id);

-- Award titles: the catalogue (name per subject kind and level, with points).
-- It is data the user edits in 设置; built-in rows may be deactivated, not lost.
CREATE TABLE award_title (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    subject_kind  TEXT    NOT NULL CHECK (subject_kind IN ('family', 'person', 'collective', 'post')),
    level         TEXT    NOT NULL CHECK (level IN ('社区', '街道', '区', '市', '省', '全国')),
    points        REAL    NOT NULL DEFAULT 0 CHECK (points >= 0),
    cycle_years   INTEGER NOT NULL DEFAULT 1 CHECK (cycle_years >= 1),   -- 全国五好文明家庭: every 2 years
    builtin       INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (name, subject_kind, level)
);

-- Awards: one title for one subject in one year. Exactly one subject column
-- is set: a family, a person, a post, or a collective named in text.
-- `status` is the current lifecycle state; its history is award_event.
CREATE TABLE award (
    id               INTEGER PRIMARY KEY,
    title_id         INTEGER NOT NULL REFERENCES award_title(id) ON DELETE RESTRICT,
    year             INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    family_id        INTEGER REFERENCES family(id) ON DELETE CASCADE,
    person_id        INTEGER REFERENCES person(id) ON DELETE CASCADE,
    post_id          INTEGER REFERENCES post(id) ON DELETE CASCADE,
    collective_name  TEXT,
    unit_id          INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,   -- the unit it counts for
    status           TEXT    NOT NULL DEFAULT '命名'
                     CHECK (status IN ('申报', '创建', '考核验收', '命名', '复核', '撤销')),
    doc_number       TEXT    NOT NULL DEFAULT '',      -- 文号 of the naming document
    fix_by           TEXT,                             -- deadline after a failed 复核
    import_batch_id  INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((family_id IS NOT NULL) + (person_id IS NOT NULL) + (post_id IS NOT NULL)
           + (collective_name IS NOT NULL) = 1)
);
CREATE INDEX award_title_year ON award(title_id, year);
CREATE INDEX award_family ON award(family_id);
CREATE INDEX award_person ON award(person_id);
CREATE INDEX award_post ON award(post_id);
CREATE INDEX award_unit_year ON award(unit_id, year);
CREATE UNIQUE INDEX award_family_once ON award(title_id, year, family_id) WHERE family_id IS NOT NULL;
CREATE UNIQUE INDEX award_person_once ON award(title_id, year, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX award_post_once   ON award(title_id, year, post_id)   WHERE post_id IS NOT NULL;

-- The lifecycle history of an award: every transition dated, with its 文号
-- and note; assessments (考核验收, 复核) carry a 100-point score and whether a
-- veto item failed (一票否决), and a failed re-review its fix-by date.
CREATE TABLE award_event (
    id           INTEGER PRIMARY KEY,
    award_id     INTEGER NOT NULL REFERENCES award(id) ON DELETE CASCADE,
    status       TEXT    NOT NULL CHECK (status IN ('申报', '创建', '考核验收', '命名', '复核', '撤销')),
    happened_on  TEXT    NOT NULL,
    doc_number   TEXT    NOT NULL DEFAULT '',
    score        REAL    CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    veto         INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0, 1)),
    fix_by       TEXT,
    note         TEXT    NOT NULL DEFAULT '',
    recorded_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX award_event_award ON award_event(award_id, happened_on);

-- Creation targets: a unit's goal for a year on a metric. A rate goal is a
-- fraction (0.9 = 90 %); a count goal is a number. `title_id` names the title
-- a rate or count is about (平安家庭, 区级巾帼文明岗), when the metric needs one.
CREATE TABLE target (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    metric     TEXT    NOT NULL CHECK (metric IN ('title_rate', 'title_count', 'post_count',
                                                  'volunteer_hours', 'activities', 'volunteers',
                                                  'indicator')),
    title_id   INTEGER REFERENCES award_title(id) ON DELETE CASCADE,
    indicator  TEXT,                      -- the manual indicator's name, for metric 'indicator'
    goal       REAL    NOT NULL CHECK (goal >= 0),
    note       TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX target_once ON target(unit_id, year, metric, ifnull(title_id, 0), ifnull(indicator, ''));

-- Manual indicators: the figures of a year-end summary that are not derived
-- from records (活动参与人次, 投入经费 …).
CREATE TABLE manual_indicator (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
    year     INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    name     TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    value    REAL    NOT NULL,
    unit     TEXT    NOT NULL DEFAULT '',     -- 人次, 万元, 场 …
    note     TEXT    NOT NULL DEFAULT '',
    UNIQUE (unit_id, year, name)
);

-- Badges earned by a person or a unit. The rules live in code with their
-- thresholds in `setting`; a badge is earned once per subject (and period,
-- for badges such as 本季度进步最快).
CREATE TABLE badge_earned (
    id            INTEGER PRIMARY KEY,
    badge_code    TEXT    NOT NULL,
    person_id     INTEGER REFERENCES person(id) ON DELETE CASCADE,
    unit_id       INTEGER REFERENCES org_unit(id) ON DELETE CASCADE,
    period        TEXT    NOT NULL DEFAULT '',
    earned_on     TEXT    NOT NULL,
    announced     INTEGER NOT NULL DEFAULT 0 CHECK (announced IN (0, 1)),
    CHECK ((person_id IS NOT NULL) + (unit_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX badge_once ON badge_earned(badge_code, ifnull(person_id, 0), ifnull(unit_id, 0), period);

-- Settings: rules as data (points, star thresholds, masking …). Values are
-- text; the core parses them and falls back to its defaults when absent.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL,
    note   TEXT NOT NULL DEFAULT ''
);
INSERT INTO setting (key, value, note) VALUES
    ('points.per_verified_hour', '1',   '每小时已核实服务时长计分'),
    ('points.per_activity',      '2',   '每参加一次活动计分'),
    ('points.title.社区',        '5',   '社区级荣誉计分'),
    ('points.title.街道',        '10',  '街道级荣誉计分'),
    ('points.title.区',          '20',  '区级荣誉计分'),
    ('points.title.市',          '40',  '市级荣誉计分'),
    ('points.title.省',          '80',  '省级荣誉计分'),
    ('points.title.全国',        '160', '全国级荣誉计分'),
    ('stars.thresholds',         '100,300,600,1000,1500', '星级志愿者累计服务时长门槛（小时）'),
    ('display.mask_names',       '0',   '大屏上姓名是否打码（张*丰）');

-- The audit log: every change, when, which record, before and after (JSON).
-- Undo reads it backwards; it is append-only.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    action      TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'undo', 'import', 'import_undo')),
    table_name  TEXT    NOT NULL,
    record_id   INTEGER,
    before_json TEXT,
    after_json  TEXT,
    session_id  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_record ON audit_log(table_name, record_id);
