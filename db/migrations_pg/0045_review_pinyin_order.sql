-- 0045_review_pinyin_order (PostgreSQL pair of db/migrations/0045): 称号复核's
-- order by the pinyin keys of the unit's name and of the holder; see the
-- SQLite file for why. The keys are ICU sort keys (SQLite's jinguo_sort_key,
-- an app function): on PostgreSQL their values will be written by the app
-- (as honour_list's and person_list's keys, baseline header); until then
-- they stay ''. Its triggers, which replace 0038's five that write rows
-- (review_title_order_award_insert, _award_update, _family_update,
-- _person_update, _unit_rename), come with the PL/pgSQL trigger brick of
-- issue 18, as the baseline's.
DROP INDEX review_title_order_list;
DROP INDEX review_title_order_unit;

ALTER TABLE review_title_order ADD COLUMN unit_key text NOT NULL DEFAULT '';
ALTER TABLE review_title_order ADD COLUMN holder_key text NOT NULL DEFAULT '';

CREATE INDEX review_title_order_list ON review_title_order(unit_key, holder_key, title_name, year, award_id);
CREATE INDEX review_title_order_unit ON review_title_order(unit_id, unit_key, holder_key, title_name, year, award_id);
