-- 0002_row_policies.sql — GRANTs and row-level security: a user bound to a
-- street reads and writes only rows of that street's subtree; the district's
-- 管理员 (bound to the top unit) sees all. The policies, not the app, are the
-- boundary: they hold for psql as for Jinguo.
--
-- Every table of the schema is in exactly one class below; a table in none
-- (a new migration's) stops this script with its name, so no table is ever
-- left readable by accident. Classes and why:
--
-- unit    rows with their own unit_id: visible when the unit is in the
--         user's subtree; a user whose subtree is every unit sees all rows,
--         those without a unit too (tested first: no per-row search). person, family, post,
--         activity, award (the unit it counts for), manual_indicator, target
--         (these two, a unit's goals and 工作指标 figures, are read by all);
--         and the per-person or per-title summaries that carry a unit:
--         person_list, honour_list, board_unit_person_period,
--         review_title_order, award_held_span, award_named_on.
-- person  rows of a person (person_id): visible when the person is, through
--         person's own policy (a district user's rows skip that lookup:
--         a hours board as her cost 2.3x the owner's CPU with it). service_record, roster_credit, person_gram,
--         board_person_period, board_person_activity_month,
--         import_person_before; badge_earned (a person's badge by its person,
--         a unit's badge by its unit).
-- family  rows of a household (family_id): family_gram, family_search, family_title_count,
--         import_family_before, family_title_first_held (0043).
-- award   award_event (through award's policy).
-- aggregate  counts and sums per unit, per period or per search gram, no
--         person in them: the issue allows aggregates above a street's level
--         (the district's boards and 目标 show other streets' figures, never
--         their people). unit_family_count, unit_title_award,
--         unit_period_hours, unit_person_tally, unit_volunteer_period,
--         unit_day_hours, unit_title_named, family_title_held_step,
--         award_year_tally, table_row_count, board_roster_only,
--         person_gram_count, family_gram_count. Read by all, written by
--         nobody but the owner: their triggers (the PL/pgSQL brick) must be
--         SECURITY DEFINER, or a 录入 user's save could not keep them.
-- catalogue  the unit tree, titles, creation kinds, settings, the schema
--         version, the pinyin readings (pinyin_reading, _version: the
--         app's data for the server's pinyin functions): read by all,
--         written by 管理员 only (schema_version and the readings: by
--         the owner only). A street's 管理员 adds, renames and removes units
--         under her own unit only (never her unit itself, nor a unit moved
--         out of her subtree); titles, kinds and settings are the district's:
--         only a 管理员 whose subtree is every unit changes them.
-- bookkeeping  import batches, badge marks: the app writes them for every
--         editor; no person's data in them.
-- own     audit_log (before/after copies of rows) and undo_step (labels
--         name people: 删除志愿者 王芳): a user reads her own rows (db_user =
--         session_user, forced by 0046/0047's triggers), a 管理员 also those
--         of the users bound to her subtree (whatever they wrote is in that
--         subtree), a district user all. Undo offers and undoes only steps
--         she sees; every editor may add audit lines and steps.
--         (jinguo_row_last_change tells who changed a row she changed
--         herself since, and when, for undo's refusal.)
-- users   jinguo_user: a user sees the users of her subtree; written by the
--         owner only (`jinguo server add-user`).
--
-- Views are made security_invoker, or they would read their tables with the
-- owner's rights and bypass every policy.
-- Roles: 只读 (jinguo_reader) SELECT; 录入 (jinguo_editor) SELECT, INSERT,
-- UPDATE, DELETE on unit/person/family/award rows and bookkeeping; 管理员
-- (jinguo_admin) that, plus the catalogue. Policies are FOR ALL with the same
-- USING and WITH CHECK, so an UPDATE can neither reach another street's row
-- nor move a row into another street.

-- Whose audit entries and undo steps the session user reads: her own; a
-- 管理员's also those of the users bound to a unit of her subtree. SECURITY
-- DEFINER: users need not read jinguo_user (search_path as set by 0001).
CREATE OR REPLACE FUNCTION jinguo_audit_visible_users() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT array_append(coalesce((SELECT array_agg(role_name) FROM jinguo_user
                                  WHERE jinguo_current_role() = '管理员'
                                    AND unit_id = ANY (jinguo_visible_units())), '{}'),
                        session_user::text)
$$;

-- Who last changed row `record` of `tbl` (by id, or by its key in a table
-- keyed by text) after audit entry `after_entry`, and when: undo's refusal
-- names them though the user may not read their entries. Only for a row the
-- session user changed herself (an entry of hers names it), so it tells
-- nothing of rows she never touched; the entries' contents stay hidden.
CREATE OR REPLACE FUNCTION jinguo_row_last_change(tbl text, record bigint, record_text text, after_entry bigint)
RETURNS TABLE (db_user text, at text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT a.db_user, a.at FROM audit_log a
    WHERE a.table_name = tbl AND a.id > after_entry
      AND a.action IN ('insert', 'update', 'delete', 'undo')
      AND (a.record_id = record OR (record IS NULL AND a.record_key = record_text))
      AND EXISTS (SELECT 1 FROM audit_log mine WHERE mine.id = after_entry AND mine.table_name = tbl
                  AND mine.db_user = session_user::text)
    ORDER BY a.id DESC LIMIT 1
$$;
REVOKE ALL ON FUNCTION jinguo_row_last_change(text, bigint, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jinguo_row_last_change(text, bigint, text, bigint) TO jinguo_admin, jinguo_editor;

-- Activities and their participants per unit and month, held_on in
-- [first_day, after_day) (unit 0: none): the district's 目标 and 年度数据
-- count every street's activities for a street's user too (a count per unit
-- and month, never an activity's name, place or people: the "aggregate"
-- class), though she reads her subtree's rows only. dialect.activityTally.
DROP FUNCTION IF EXISTS jinguo_activity_tally(text, text);
CREATE FUNCTION jinguo_activity_tally(first_day text, after_day text)
RETURNS TABLE (unit_id bigint, month integer, activities bigint, participants double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT coalesce(a.unit_id, 0), CAST(substr(a.held_on, 6, 2) AS integer), count(*),
           coalesce(sum(a.participants), 0)::double precision
    FROM activity a WHERE a.held_on >= first_day AND a.held_on < after_day
    GROUP BY 1, 2
$$;
REVOKE ALL ON FUNCTION jinguo_activity_tally(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jinguo_activity_tally(text, text) TO jinguo_admin, jinguo_editor, jinguo_reader;

DO $$
DECLARE
    unit_tables text[] := ARRAY['person', 'family', 'post', 'activity', 'award', 'manual_indicator', 'target',
                                'person_list', 'honour_list', 'board_unit_person_period', 'review_title_order',
                                'award_held_span', 'award_named_on'];
    person_tables text[] := ARRAY['service_record', 'roster_credit', 'person_gram', 'person_search', 'board_person_period',
                                  'board_person_activity_month', 'import_person_before'];
    family_tables text[] := ARRAY['family_gram', 'family_search', 'family_title_count', 'import_family_before',
                                  'family_title_first_held'];
    aggregate_tables text[] := ARRAY['unit_family_count', 'unit_title_award', 'unit_period_hours', 'unit_person_tally',
                                     'unit_volunteer_period', 'unit_day_hours', 'unit_title_named',
                                     'family_title_held_step', 'award_year_tally', 'table_row_count',
                                     'board_roster_only', 'person_gram_count', 'family_gram_count',
                                     'family_title_gram_count', 'family_title_set_count',
                                     'unit_title_first_held'];
    catalogue_tables text[] := ARRAY['org_unit', 'award_title', 'creation_kind', 'setting', 'schema_version',
                                     'pinyin_reading', 'pinyin_reading_version'];
    goal_tables text[] := ARRAY['target', 'manual_indicator'];   -- unit rows all may read
    owner_written text[] := ARRAY['schema_version', 'pinyin_reading', 'pinyin_reading_version'];
    bookkeeping_tables text[] := ARRAY['import_batch', 'import_unit_text_before', 'badge_dirty',
                                       'badge_full_evaluation'];
    special_tables text[] := ARRAY['award_event', 'badge_earned', 'audit_log', 'undo_step', 'jinguo_user'];
    unit_visible constant text :=
        '((SELECT jinguo_sees_all()) OR unit_id = ANY ((SELECT jinguo_visible_units())::bigint[]))';
    -- format(key_visible, keyed table, table, key column)
    key_visible constant text := 'EXISTS (SELECT 1 FROM %1$I k WHERE k.id = %2$I.%3$I)';
    written_by_editors text[];
    t text;
    missing text;
BEGIN
    SELECT string_agg(c.relname, ', ' ORDER BY c.relname) INTO missing
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND NOT c.relname = ANY (unit_tables || person_tables || family_tables || aggregate_tables
                               || catalogue_tables || bookkeeping_tables || special_tables);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION '以下数据表没有写明谁能看、谁能改（db/migrations_pg/security/0002_row_policies.sql 的分类）：%', missing;
    END IF;

    -- Start from nothing, so a table moved between classes loses its old rights.
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') LOOP
        EXECUTE format('REVOKE ALL ON %I FROM jinguo_admin, jinguo_editor, jinguo_reader', t);
        EXECUTE format('GRANT SELECT ON %I TO jinguo_admin, jinguo_editor, jinguo_reader', t);
    END LOOP;
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind = 'v' LOOP
        EXECUTE format('ALTER VIEW %I SET (security_invoker = true)', t);
    END LOOP;
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO jinguo_admin, jinguo_editor', current_schema());

    written_by_editors := unit_tables || person_tables || family_tables || bookkeeping_tables
                          || ARRAY['award_event', 'badge_earned', 'undo_step'];
    FOREACH t IN ARRAY written_by_editors LOOP
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO jinguo_admin, jinguo_editor', t);
    END LOOP;
    FOREACH t IN ARRAY catalogue_tables LOOP
        CONTINUE WHEN t = ANY (owner_written);
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO jinguo_admin', t);
    END LOOP;
    REVOKE SELECT ON audit_log FROM jinguo_reader;
    GRANT INSERT ON audit_log TO jinguo_admin, jinguo_editor;

    FOR t IN SELECT unnest(unit_tables || person_tables || family_tables || special_tables) LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('DROP POLICY IF EXISTS jinguo_subtree ON %I', t);
        EXECUTE format('DROP POLICY IF EXISTS jinguo_read_goals ON %I', t);
    END LOOP;
    FOREACH t IN ARRAY unit_tables LOOP
        EXECUTE format('CREATE POLICY jinguo_subtree ON %I USING %s WITH CHECK %s', t, unit_visible, unit_visible);
    END LOOP;
    -- Goals are published: every user reads every unit's targets and 工作指标
    -- figures (目标 shows a street's user the district's goals and progress
    -- above her, aggregates only); she writes her subtree's alone (the
    -- jinguo_subtree policy above: a FOR SELECT policy widens reads only).
    FOREACH t IN ARRAY goal_tables LOOP
        EXECUTE format('CREATE POLICY jinguo_read_goals ON %I FOR SELECT USING (true)', t);
    END LOOP;
    -- A row keyed by a person (household, award) is visible when its key's
    -- row is, through that table's own policy. Correlated EXISTS, not
    -- `person_id IN (SELECT id FROM person)`: under the OR, both are
    -- subplans, and IN's is hashed, a scan of all of person at every
    -- execution (a street user's seek by person cost O(people)); EXISTS
    -- is a primary-key seek per row, or hashed where many rows are read.
    FOREACH t IN ARRAY person_tables LOOP
        EXECUTE format('CREATE POLICY jinguo_subtree ON %I USING ((SELECT jinguo_sees_all()) OR %s) WITH CHECK ((SELECT jinguo_sees_all()) OR %s)',
                       t, format(key_visible, 'person', t, 'person_id'), format(key_visible, 'person', t, 'person_id'));
    END LOOP;
    FOREACH t IN ARRAY family_tables LOOP
        EXECUTE format('CREATE POLICY jinguo_subtree ON %I USING ((SELECT jinguo_sees_all()) OR %s) WITH CHECK ((SELECT jinguo_sees_all()) OR %s)',
                       t, format(key_visible, 'family', t, 'family_id'), format(key_visible, 'family', t, 'family_id'));
    END LOOP;
    EXECUTE format('CREATE POLICY jinguo_subtree ON award_event USING ((SELECT jinguo_sees_all()) OR %s) WITH CHECK ((SELECT jinguo_sees_all()) OR %s)',
                   format(key_visible, 'award', 'award_event', 'award_id'), format(key_visible, 'award', 'award_event', 'award_id'));
    -- sees_all first for a person's badge too: a district user skips the lookup.
    EXECUTE format('CREATE POLICY jinguo_subtree ON badge_earned USING ((SELECT jinguo_sees_all()) OR CASE WHEN person_id IS NOT NULL '
                   'THEN %s ELSE %s END) WITH CHECK ((SELECT jinguo_sees_all()) OR CASE WHEN person_id IS NOT NULL THEN %s ELSE %s END)',
                   format(key_visible, 'person', 'badge_earned', 'person_id'), unit_visible,
                   format(key_visible, 'person', 'badge_earned', 'person_id'), unit_visible);
    -- Catalogue: everyone reads; a street's 管理员 writes units strictly below her own.
    FOREACH t IN ARRAY catalogue_tables LOOP
        CONTINUE WHEN t = ANY (owner_written);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('DROP POLICY IF EXISTS jinguo_read ON %I', t);
        EXECUTE format('DROP POLICY IF EXISTS jinguo_subtree ON %I', t);
        EXECUTE format('CREATE POLICY jinguo_read ON %I FOR SELECT USING (true)', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['award_title', 'creation_kind', 'setting'] LOOP
        EXECUTE format('CREATE POLICY jinguo_subtree ON %I FOR ALL USING ((SELECT jinguo_sees_all())) '
                       'WITH CHECK ((SELECT jinguo_sees_all()))', t);
    END LOOP;
    CREATE POLICY jinguo_subtree ON org_unit FOR ALL
        USING ((SELECT jinguo_sees_all())
               OR (id <> (SELECT jinguo_current_unit()) AND id = ANY ((SELECT jinguo_visible_units())::bigint[])))
        WITH CHECK ((SELECT jinguo_sees_all())
                    OR (id <> (SELECT jinguo_current_unit()) AND parent_id = ANY ((SELECT jinguo_visible_units())::bigint[])));
    -- Own rows (a 管理员: her subtree's users' too, a district user: all);
    -- any editor may add a line (the app logs every save) or a step.
    DROP POLICY IF EXISTS jinguo_audit_insert ON audit_log;
    CREATE POLICY jinguo_subtree ON audit_log FOR SELECT
        USING ((SELECT jinguo_sees_all()) OR db_user = ANY ((SELECT jinguo_audit_visible_users())::text[]));
    CREATE POLICY jinguo_audit_insert ON audit_log FOR INSERT WITH CHECK (true);
    CREATE POLICY jinguo_subtree ON undo_step FOR ALL
        USING ((SELECT jinguo_sees_all()) OR db_user = ANY ((SELECT jinguo_audit_visible_users())::text[]))
        WITH CHECK ((SELECT jinguo_sees_all()) OR db_user = ANY ((SELECT jinguo_audit_visible_users())::text[]));
    EXECUTE format('CREATE POLICY jinguo_subtree ON jinguo_user FOR SELECT USING (unit_id = ANY ((SELECT jinguo_visible_units())::bigint[]))');
    REVOKE INSERT, UPDATE, DELETE ON jinguo_user FROM jinguo_admin, jinguo_editor, jinguo_reader;
END
$$;
