-- jinguo:foreign-keys-off
-- 0017_creation_kinds: creation awards come in kinds; 巾帼文明岗 is one of them.
--
-- The 申报 → 创建 → 考核验收 → 命名 → 复核 / 撤销 cycle of 巾帼文明岗 runs the
-- same way for 巾帼示范村, 示范家长学校 and kinds the organizer adds (妇女之家,
-- 家庭教育基地 …). A kind is a row of creation_kind: its name, what its
-- subject is called (岗位, 村, 学校), which conditions it is checked against
-- ('post': 巾帼文明岗's women/members/leader conditions plus the 2-year
-- ladder; 'ladder': the ladder only) and its veto items (one per line). Its
-- levels are its award_title rows (subject_kind 'post', kind_id = the kind),
-- one title per level as 巾帼文明岗 has always had. Per-kind rule settings
-- (50 %/60 % women, veto → 撤销) will key on creation_kind.id.
--
-- The subjects stay in one table, `post` (a place under a unit: a post, a
-- village, a 家长学校, a 妇女之家 …) with a kind_id: every award, event, undo
-- entry and import already names `post`/`post_id`, so nothing is copied and
-- the audit log's old rows still undo. Every existing post, title, award and
-- event is untouched; posts and post titles get kind 1 (巾帼文明岗), whose id
-- the code knows as kPostKindId.
--
-- Title levels gain 县(市) (a county or county-level city naming at its own
-- level) and 行业/系统 (a trade or system, e.g. 教育系统). SQLite cannot widen a
-- CHECK with ALTER TABLE; rebuilding award_title here would have to list its
-- columns and so drop any column another migration added. Instead the CHECK's
-- text in the schema is widened in place (SQLite's documented procedure for a
-- constraint every stored row still meets), then proven by a row that only
-- the wider CHECK accepts.
CREATE TABLE creation_kind (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    subject_word  TEXT    NOT NULL CHECK (length(trim(subject_word)) > 0),
    conditions    TEXT    NOT NULL DEFAULT 'ladder' CHECK (conditions IN ('post', 'ladder')),
    veto_items    TEXT    NOT NULL DEFAULT '',
    builtin       INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO creation_kind (id, name, subject_word, conditions, veto_items, builtin) VALUES
    (1, '巾帼文明岗', '岗位', 'post',
     '重大安全责任事故或违法违纪' || char(10) || '有效投诉查实且未整改' || char(10) || '弄虚作假骗取荣誉'
     || char(10) || '女职工比例低于60%', 1),
    (2, '巾帼示范村', '村', 'ladder',
     '重大安全责任事故或违法违纪' || char(10) || '有效投诉查实且未整改' || char(10) || '弄虚作假骗取荣誉', 1),
    (3, '示范家长学校', '学校', 'ladder',
     '重大安全责任事故或违法违纪' || char(10) || '有效投诉查实且未整改' || char(10) || '弄虚作假骗取荣誉', 1);

ALTER TABLE post ADD COLUMN kind_id INTEGER NOT NULL DEFAULT 1 REFERENCES creation_kind(id) ON DELETE RESTRICT;
CREATE INDEX post_kind ON post(kind_id);

ALTER TABLE award_title ADD COLUMN kind_id INTEGER REFERENCES creation_kind(id) ON DELETE RESTRICT;
UPDATE award_title SET kind_id = 1 WHERE subject_kind = 'post';
CREATE INDEX award_title_kind ON award_title(kind_id);

PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, 'level IN (''社区'', ''街道'', ''区'', ''市'', ''省'', ''全国'')',
                          'level IN (''社区'', ''街道'', ''区'', ''县(市)'', ''行业/系统'', ''市'', ''省'', ''全国'')')
 WHERE type = 'table' AND name = 'award_title';
PRAGMA writable_schema = RESET;

-- Prove the CHECK was widened: were it not, this insert fails the migration
-- and nothing is written. The probe row goes again at once.
INSERT INTO award_title (name, subject_kind, level, points, active, kind_id)
    VALUES ('迁移检查', 'post', '县(市)', 0, 0, NULL);
DELETE FROM award_title WHERE name = '迁移检查' AND level = '县(市)';

-- The two new builtin kinds with 巾帼文明岗's levels 区 → 市 → 省 → 全国 (the
-- levels' default points); the organizer adds 县(市) or 行业/系统 titles in 设置.
INSERT INTO award_title (name, subject_kind, level, points, builtin, kind_id) VALUES
    ('巾帼示范村',   'post', '区',   20,  1, 2),
    ('巾帼示范村',   'post', '市',   40,  1, 2),
    ('巾帼示范村',   'post', '省',   80,  1, 2),
    ('巾帼示范村',   'post', '全国', 160, 1, 2),
    ('示范家长学校', 'post', '区',   20,  1, 3),
    ('示范家长学校', 'post', '市',   40,  1, 3),
    ('示范家长学校', 'post', '省',   80,  1, 3),
    ('示范家长学校', 'post', '全国', 160, 1, 3);

-- The new levels' points, as the 区 level's default (core/points.cpp).
INSERT OR IGNORE INTO setting (key, value, note) VALUES
    ('points.title.县(市)',      '20',  '县(市)级荣誉计分'),
    ('points.title.行业/系统',   '20',  '行业/系统级荣誉计分');
