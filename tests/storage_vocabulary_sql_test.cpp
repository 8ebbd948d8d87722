// storage_vocabulary_sql_test.cpp — the schema and the SQL built from the
// vocabulary agree with core/vocabulary.hpp: every unit kind of kUnitKinds is
// accepted by org_unit.kind's CHECK (a kind added without its migration
// fails here), and the generated orders and lists match the tables.
#include <doctest/doctest.h>

#include "core/vocabulary.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

using namespace jinguo;
using namespace jinguo::storage;

TEST_CASE("vocabulary in SQL: the schema takes every kind, the orders follow the tables") {
    test::TempDbPath path;
    Storage storage(path.str());
    RowId parent = 0;
    for (const UnitKindInfo& k : kUnitKinds) {
        const RowId id = storage.insertUnit({0, k.tier == UnitTier::District ? 0 : parent,
                                             std::string("单位") + k.stored, k.kind, 10, 0});
        CHECK(id != 0);
        if (k.tier == UnitTier::District) parent = id;
    }
    CHECK_THROWS(storage.db().exec("INSERT INTO org_unit (parent_id, name, kind) VALUES (" + std::to_string(parent)
                                   + ", '某居委会', '居委会')"));
    // Read back, a word the schema would refuse is a damaged database.
    CHECK(storedUnitKind("村") == UnitKind::Village);
    CHECK_THROWS_AS(storedUnitKind("居委会"), StorageError);

    CHECK(sqlHeldStatuses() == "('命名', '复核')");
    CHECK(sqlTitleLevelsFrom(TitleLevel::District) == "('区', '县(市)', '行业/系统', '市', '省', '全国')");
    CHECK(sqlTitleLevelOrder("t.level")
          == "CASE t.level WHEN '社区' THEN 1 WHEN '街道' THEN 2 WHEN '区' THEN 3 WHEN '县(市)' THEN 4"
             " WHEN '行业/系统' THEN 5 WHEN '市' THEN 6 WHEN '省' THEN 7 WHEN '全国' THEN 8 ELSE 9 END");
    // The schema takes every level of the vocabulary (0017 widened the CHECK).
    for (const char* level : kTitleLevelWords)
        CHECK_NOTHROW(storage.db().exec("INSERT INTO award_title (name, subject_kind, level) VALUES ('检查"
                                        + std::string(level) + "', 'family', '" + level + "')"));
    CHECK_THROWS(storage.db().exec("INSERT INTO award_title (name, subject_kind, level) VALUES ('x', 'family', '乡')"));
    CHECK(withWords("status IN {held} AND s = {named} OR s <> {revoked}")
          == "status IN ('命名', '复核') AND s = '命名' OR s <> '撤销'");
}
