-- 0016_title_validity: titles that live and expire (动态管理).
--
-- A title of the catalogue gets a validity in years (valid_years; NULL = it
-- never expires, the default for every title, so no figure moves until the
-- organizer sets one in 设置). cycle_years keeps its meaning — how often a
-- title is named (全国五好文明家庭 every 2 years) — and is not reused.
-- The grace after validity ends is one setting of the region,
-- titles.grace_months (default 6). The rule itself is core/title_standing.hpp,
-- mirrored once in SQL by db/storage/title_standing_sql.hpp.
ALTER TABLE award_title ADD COLUMN valid_years INTEGER
    CHECK (valid_years IS NULL OR valid_years BETWEEN 1 AND 50);

INSERT OR IGNORE INTO setting (key, value, note) VALUES
    ('titles.grace_months', '6', '称号有效期满后的复核宽限期（月）');

-- The rule reads each held title's 命名 and 复核 events.
CREATE INDEX award_event_award_status ON award_event(award_id, status, happened_on);
