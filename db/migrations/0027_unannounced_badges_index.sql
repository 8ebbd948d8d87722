-- 0027_unannounced_badges_index: the badge card in the window's corner asks
-- on the frame loop, once per open and after every evaluation, for the newest
-- badges not yet shown and how many there are (BadgeStore::unannounced,
-- unannouncedCount). Without an index both scanned every badge ever earned:
-- 1.7 million at a city's size, 130 ms of the first frame. Almost every badge
-- has been shown, so a partial index holds only the few waiting ones and
-- answers both in their order.
CREATE INDEX badge_earned_unannounced ON badge_earned(earned_on DESC, id DESC) WHERE announced = 0;
