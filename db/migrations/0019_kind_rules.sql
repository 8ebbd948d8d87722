-- 0019_kind_rules: the rules each region sets, per creation award kind.
--
-- The public rules differ by province (女性 ≥ 60 % national/湖南/陕西/周口,
-- ≥ 50 % 福建/厦门/浙江; a woman among the leaders, or the 岗长 a woman in
-- 浙江; 2 years at the lower level in 厦门/福建, none in 浙江; rubric 80/60).
-- Each kind gets them as columns, defaulting to the national practice, so
-- every existing kind, post and award keeps its meaning and figures.
-- The 复核 interval is per kind and level, i.e. per post title:
-- award_title.review_years (3 for post titles; NULL for family, person and
-- collective titles, whose validity is valid_years of 0016).
-- A step may record the body reviewing with the 妇联 (工会 for 巾帼文明岗) and
-- its opinion: award_event.co_reviewer / co_opinion, empty when none.
-- The 岗长 a woman: post.head_is_woman (0 until the organizer ticks it).
ALTER TABLE creation_kind ADD COLUMN women_percent INTEGER NOT NULL DEFAULT 60
    CHECK (women_percent BETWEEN 1 AND 100);
ALTER TABLE creation_kind ADD COLUMN leader_rule TEXT NOT NULL DEFAULT 'leader'
    CHECK (leader_rule IN ('leader', 'head'));
ALTER TABLE creation_kind ADD COLUMN ladder_years INTEGER NOT NULL DEFAULT 2
    CHECK (ladder_years BETWEEN 0 AND 10);
ALTER TABLE creation_kind ADD COLUMN pass_score REAL NOT NULL DEFAULT 80;
ALTER TABLE creation_kind ADD COLUMN basic_pass_score REAL NOT NULL DEFAULT 60;
ALTER TABLE creation_kind ADD COLUMN name_after_basic_pass INTEGER NOT NULL DEFAULT 0
    CHECK (name_after_basic_pass IN (0, 1));

ALTER TABLE award_title ADD COLUMN review_years INTEGER
    CHECK (review_years IS NULL OR review_years BETWEEN 0 AND 20);
UPDATE award_title SET review_years = 3 WHERE subject_kind = 'post';

ALTER TABLE award_event ADD COLUMN co_reviewer TEXT NOT NULL DEFAULT '';
ALTER TABLE award_event ADD COLUMN co_opinion TEXT NOT NULL DEFAULT '';

ALTER TABLE post ADD COLUMN head_is_woman INTEGER NOT NULL DEFAULT 0 CHECK (head_is_woman IN (0, 1));
