-- 0002_title_catalogue: the built-in award titles, per subject kind and level.
--
-- Points follow the level defaults in `setting` (points.title.<level>); the user
-- edits names and points in 设置 and may add titles of their own (builtin = 0).
-- 全国五好文明家庭 is named every 2 years (cycle_years = 2).

WITH levels(level, points) AS (
    VALUES ('社区', 5), ('街道', 10), ('区', 20), ('市', 40), ('省', 80), ('全国', 160)
),
family_titles(name) AS (
    VALUES ('五好文明家庭'), ('文明家庭'), ('平安家庭'), ('和谐家庭'), ('最美家庭'), ('学习型家庭')
)
INSERT INTO award_title (name, subject_kind, level, points, cycle_years, builtin)
SELECT f.name, 'family', l.level, l.points,
       CASE WHEN f.name = '五好文明家庭' AND l.level = '全国' THEN 2 ELSE 1 END, 1
FROM family_titles f CROSS JOIN levels l;

WITH levels(level, points) AS (
    VALUES ('区', 20), ('市', 40), ('省', 80), ('全国', 160)
),
person_titles(name, kind) AS (
    VALUES ('三八红旗手', 'person'), ('巾帼建功标兵', 'person'), ('十佳好邻居', 'person'),
           ('三八红旗集体', 'collective')
)
INSERT INTO award_title (name, subject_kind, level, points, builtin)
SELECT p.name, p.kind, l.level, l.points, 1
FROM person_titles p CROSS JOIN levels l;

-- 巾帼文明岗 are created and named at 区/市/省/全国 level; the names vary by
-- level in public documents (市级"巾帼文明标兵岗", 省级"巾帼示范岗").
INSERT INTO award_title (name, subject_kind, level, points, builtin) VALUES
    ('巾帼文明岗',     'post', '区',   20,  1),
    ('巾帼文明标兵岗', 'post', '市',   40,  1),
    ('巾帼示范岗',     'post', '省',   80,  1),
    ('全国巾帼文明岗', 'post', '全国', 160, 1);
