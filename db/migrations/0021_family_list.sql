-- 0021_family_list: the 家庭 list reads only the rows it shows (issue 17).
--
-- family.sort_key: the household head's pinyin order (core/pinyin.hpp
-- sortKeyText: hex of the ICU sort key, byte order = pinyin order), and
-- family.head_spell: the head's pinyin and initials, "zhangsan zs", for the
-- search (a query of letters has no space, so it is found in one or the
-- other). Both are computed in C++ (storage/family_list.hpp,
-- familySortFields) on every write of head_name; rows of an older file are
-- '' here and filled after the migration (fillFamilySortKeys, in batches).
-- They travel in the audit's row JSON, so undo restores them as they were.
ALTER TABLE family ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE family ADD COLUMN head_spell TEXT NOT NULL DEFAULT '';

-- One index per sort of the list (keyset pagination: (key, id) > (?, ?)).
CREATE INDEX family_sort_key ON family(sort_key);
CREATE INDEX family_address ON family(address);
CREATE INDEX family_members ON family(members);

-- How many titles each household has (any status, as the list's 荣誉称号
-- column counts them), for sorting by that column. A summary kept by the
-- triggers below, so every write path (stores, imports, undo's plain SQL,
-- the demo) keeps it right; never audited or undone itself. No foreign key:
-- undo's deleteRow would record its rows as cascaded and restore them twice.
CREATE TABLE family_title_count (
    family_id  INTEGER PRIMARY KEY,
    titles     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX family_title_count_titles ON family_title_count(titles);

INSERT INTO family_title_count (family_id, titles)
    SELECT f.id, (SELECT count(*) FROM award a WHERE a.family_id = f.id) FROM family f;

CREATE TRIGGER family_title_count_family_insert AFTER INSERT ON family BEGIN
    INSERT OR REPLACE INTO family_title_count (family_id, titles)
        VALUES (NEW.id, (SELECT count(*) FROM award a WHERE a.family_id = NEW.id));
END;
CREATE TRIGGER family_title_count_family_delete AFTER DELETE ON family BEGIN
    DELETE FROM family_title_count WHERE family_id = OLD.id;
END;
CREATE TRIGGER family_title_count_award_insert AFTER INSERT ON award WHEN NEW.family_id IS NOT NULL BEGIN
    UPDATE family_title_count SET titles = titles + 1 WHERE family_id = NEW.family_id;
END;
CREATE TRIGGER family_title_count_award_delete AFTER DELETE ON award WHEN OLD.family_id IS NOT NULL BEGIN
    UPDATE family_title_count SET titles = titles - 1 WHERE family_id = OLD.family_id;
END;
CREATE TRIGGER family_title_count_award_move AFTER UPDATE OF family_id ON award
    WHEN OLD.family_id IS NOT NEW.family_id BEGIN
    UPDATE family_title_count SET titles = titles - 1 WHERE family_id = OLD.family_id;
    UPDATE family_title_count SET titles = titles + 1 WHERE family_id = NEW.family_id;
END;
