-- 0005_drop_unused_person_name_index: nothing looks people up by exact name
-- (search runs over the cached list, with pinyin), and the index cost every
-- bulk import a random-order B-tree insert per row.
DROP INDEX IF EXISTS person_name;
