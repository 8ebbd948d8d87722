-- 0025_honour_list: the 荣誉 list reads only the rows it shows (issue 17).
--
-- honour_list holds one row per title of a person or a collective (the rows
-- of RecordStore::honourRows; family and post titles are not in it): what
-- the list sorts, filters and searches by. The pinyin sort keys of the
-- title, the holder and the unit (core/pinyin.hpp sortKeyText: hex of the
-- ICU sort key, BINARY order = pinyin order), the level's rank
-- (titleLevelRank), the holder's pinyin and initials, and the ID number and
-- phone reversed (a tail is a prefix). Derived data, like person_list
-- (0020): kept by the triggers below on every write of award, person,
-- award_title and org_unit (stores, imports, undo's plain SQL, the demo),
-- never audited, never undone; its definition is the view
-- honour_list_source. Refilled when the ICU collator changes
-- (fillHonourList, after the migrations).
CREATE TABLE honour_list (
    award_id    INTEGER PRIMARY KEY,     -- award.id (no foreign key: kept by triggers)
    collective  INTEGER NOT NULL,        -- 0 a person's title, 1 a collective's
    unit_id     INTEGER,                 -- award.unit_id
    year        INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    title_key   TEXT    NOT NULL,
    level       TEXT    NOT NULL,
    level_rank  INTEGER NOT NULL,
    name        TEXT    NOT NULL,        -- the person's or the collective's
    holder_key  TEXT    NOT NULL,
    pinyin      TEXT    NOT NULL,
    initials    TEXT    NOT NULL,
    unit_name   TEXT    NOT NULL,
    unit_key    TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    doc_number  TEXT    NOT NULL,
    id_tail     TEXT    NOT NULL,        -- ID number reversed ('' without)
    phone_tail  TEXT    NOT NULL
);
-- One index per sort of the list (read backwards for descending), ties by id.
CREATE INDEX honour_list_year ON honour_list(year, award_id);
CREATE INDEX honour_list_title ON honour_list(title_key, award_id);
CREATE INDEX honour_list_level ON honour_list(level_rank, award_id);
CREATE INDEX honour_list_holder ON honour_list(holder_key, award_id);
CREATE INDEX honour_list_kind ON honour_list(collective, award_id);
CREATE INDEX honour_list_unit_sort ON honour_list(unit_key, award_id);
CREATE INDEX honour_list_status ON honour_list(status, award_id);
CREATE INDEX honour_list_doc ON honour_list(doc_number, award_id);
-- The unit filter and a unit's rename.
CREATE INDEX honour_list_unit ON honour_list(unit_id);

CREATE VIEW honour_list_source AS
SELECT a.id AS award_id,
       a.collective_name IS NOT NULL AS collective,
       a.unit_id AS unit_id,
       a.year AS year,
       t.name AS title,
       jinguo_sort_key(t.name) AS title_key,
       t.level AS level,
       jinguo_level_rank(t.level) AS level_rank,
       coalesce(p.name, a.collective_name, '') AS name,
       jinguo_sort_key(coalesce(p.name, a.collective_name, '')) AS holder_key,
       jinguo_pinyin(coalesce(p.name, a.collective_name, '')) AS pinyin,
       jinguo_initials(coalesce(p.name, a.collective_name, '')) AS initials,
       ifnull(u.name, '') AS unit_name,
       jinguo_sort_key(ifnull(u.name, '')) AS unit_key,
       a.status AS status,
       a.doc_number AS doc_number,
       ifnull(jinguo_reverse(p.id_number), '') AS id_tail,
       ifnull(jinguo_reverse(p.phone), '') AS phone_tail
FROM award a JOIN award_title t ON t.id = a.title_id
LEFT JOIN person p ON p.id = a.person_id
LEFT JOIN org_unit u ON u.id = a.unit_id
WHERE a.person_id IS NOT NULL OR a.collective_name IS NOT NULL;

INSERT INTO honour_list SELECT * FROM honour_list_source;

CREATE TRIGGER honour_list_award_insert AFTER INSERT ON award
    WHEN NEW.person_id IS NOT NULL OR NEW.collective_name IS NOT NULL BEGIN
    INSERT OR REPLACE INTO honour_list SELECT * FROM honour_list_source WHERE award_id = NEW.id;
END;
CREATE TRIGGER honour_list_award_update AFTER UPDATE ON award
    WHEN OLD.person_id IS NOT NULL OR OLD.collective_name IS NOT NULL
      OR NEW.person_id IS NOT NULL OR NEW.collective_name IS NOT NULL BEGIN
    DELETE FROM honour_list WHERE award_id = OLD.id;
    INSERT OR REPLACE INTO honour_list SELECT * FROM honour_list_source WHERE award_id = NEW.id;
END;
CREATE TRIGGER honour_list_award_delete AFTER DELETE ON award
    WHEN OLD.person_id IS NOT NULL OR OLD.collective_name IS NOT NULL BEGIN
    DELETE FROM honour_list WHERE award_id = OLD.id;
END;
CREATE TRIGGER honour_list_person_update AFTER UPDATE OF name, id_number, phone ON person BEGIN
    INSERT OR REPLACE INTO honour_list SELECT * FROM honour_list_source
        WHERE award_id IN (SELECT id FROM award WHERE person_id = NEW.id);
END;
CREATE TRIGGER honour_list_title_update AFTER UPDATE OF name, level ON award_title BEGIN
    INSERT OR REPLACE INTO honour_list SELECT * FROM honour_list_source
        WHERE award_id IN (SELECT id FROM award WHERE title_id = NEW.id);
END;
CREATE TRIGGER honour_list_unit_rename AFTER UPDATE OF name ON org_unit WHEN NEW.name IS NOT OLD.name BEGIN
    UPDATE honour_list SET unit_name = NEW.name, unit_key = jinguo_sort_key(NEW.name) WHERE unit_id = NEW.id;
END;
