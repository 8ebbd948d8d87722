-- 0015_title_events: every family, person and collective title gets a history.
--
-- From now on each creation and status change of such a title writes an
-- award_event (db/storage/title_events.hpp), as a 巾帼文明岗 step does; the
-- table already has every column that needs (status with 命名/复核/撤销, date,
-- 文号, note), so only data moves here. A title stored before has no event:
--   * a held one (命名, 复核) gets a 命名 event, and a 复核 one then also a
--     复核 event on the same date, so that its latest event is its status;
--   * any other (申报 … 撤销) gets one event of its status;
-- each dated its year's best known date, YYYY-12-31 — the date every board
-- and badge already assumed for a title without a 命名 event
-- (coalesce(named_on, year || '-12-31')), so no figure moves — with the
-- award's 文号 and the note '迁移：…'. 巾帼文明岗 awards have had their
-- history all along and are not touched; nor is a title that has any event.
INSERT INTO award_event (award_id, status, happened_on, doc_number, note)
    SELECT award_id, status, on_date, doc_number, note FROM (
        SELECT a.id AS award_id, 1 AS step, CASE WHEN a.status IN ('命名', '复核') THEN '命名' ELSE a.status END AS status,
               a.year || '-12-31' AS on_date, a.doc_number AS doc_number,
               '迁移：升级前已有的称号，日期按年度推定为' || a.year || '-12-31' AS note
        FROM award a
        WHERE a.post_id IS NULL AND NOT EXISTS (SELECT 1 FROM award_event e WHERE e.award_id = a.id)
        UNION ALL
        SELECT a.id, 2, '复核', a.year || '-12-31', '',
               '迁移：升级前已是复核状态，日期按年度推定为' || a.year || '-12-31'
        FROM award a
        WHERE a.post_id IS NULL AND a.status = '复核' AND NOT EXISTS (SELECT 1 FROM award_event e WHERE e.award_id = a.id))
    ORDER BY award_id, step;
