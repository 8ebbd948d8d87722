// storage_migration_test.cpp — migrations on empty, existing and newer files.
#include <doctest/doctest.h>

#include "storage/migrations.hpp"
#include "storage/open_progress.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <sqlite3.h>

#include <fstream>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;

namespace {
// Sets the raw user_version through sqlite3 directly, as a newer Jinguo would.
void setUserVersion(const std::string& path, int version) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const std::string sql = "PRAGMA journal_mode=DELETE; PRAGMA user_version = " + std::to_string(version);
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

// A file as a Jinguo that knew only migration 1 left it, with one unit.
void writeVersion1File(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, embeddedMigrations()[0].sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "INSERT INTO org_unit (name, kind, households) VALUES ('临江区', '区', 1000);"
                             "PRAGMA user_version = 1;", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}
} // namespace

TEST_CASE("the embedded migrations are numbered 1, 2, … without gaps") {
    const auto& all = embeddedMigrations();
    REQUIRE(all.size() >= 2);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].version == static_cast<int>(i + 1));
    CHECK(latestSchemaVersion() == all.back().version);
}

TEST_CASE("an empty file is migrated to the latest version, in WAL mode with foreign keys on" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    Statement mode = storage.db().prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.columnText(0) == "wal");
    Statement fk = storage.db().prepare("PRAGMA foreign_keys");
    REQUIRE(fk.step());
    CHECK(fk.columnInt(0) == 1);
    for (const char* table : {"org_unit", "person", "service_record", "activity", "family", "post", "award_title",
                              "award", "award_event", "target", "manual_indicator", "import_batch", "setting",
                              "audit_log", "badge_earned"})
        CHECK_NOTHROW(storage.count(table));
    CHECK(storage.count("award_title") > 40);                 // the built-in catalogue
    CHECK(storage.setting("stars.thresholds", "") == "100,300,600,1000,1500");
}

TEST_CASE("an existing database keeps its data and gets only the pending migrations" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    writeVersion1File(path.str());   // a file made by a Jinguo that knew only migration 1, with data in it
    {
        Storage storage(path.str());
        CHECK(storage.db().userVersion() == latestSchemaVersion());
        CHECK(storage.count("award_title") > 40);            // migration 2 ran
        auto units = storage.units();
        REQUIRE(units.size() == 1);
        CHECK(units[0].name == "临江区");
        storage.insertUnit({0, units[0].id, "滨江街道", UnitKind::Street, 0, 0});
    }
    // Opening again applies nothing and loses nothing.
    Storage storage(path.str());
    CHECK(storage.units().size() == 2);
    CHECK(storage.count("award_title") > 40);
}

TEST_CASE("a database from a newer Jinguo is refused and left untouched" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    { Storage storage(path.str()); }
    setUserVersion(path.str(), latestSchemaVersion() + 1);
    const std::string before = test::readFile(path.str());
    CHECK_THROWS_AS(Storage(path.str()), SchemaTooNewError);
    try {
        Storage storage(path.str());
    } catch (const SchemaTooNewError& e) {
        CHECK(std::string(e.what()).find("更新版本") != std::string::npos);
    }
    CHECK(test::readFile(path.str()) == before);
}

TEST_CASE("a file that is not a Jinguo database is refused, not overwritten" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        std::ofstream out(path.str(), std::ios::binary);
        out << "姓名,身份证号\n张三,110105194912310021\n";
    }
    const std::string before = test::readFile(path.str());
    CHECK_THROWS_AS(Storage(path.str()), StorageError);
    CHECK(test::readFile(path.str()) == before);

    test::TempDbPath other;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(other.str().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE foo(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    CHECK_THROWS_AS(Storage(other.str()), StorageError);
}

TEST_CASE("a missing folder gives a clear message" * doctest::test_suite("sqlite_file")) {
    try {
        Storage storage("/nonexistent-folder-jinguo/x.db");
        FAIL("opened a file in a folder that does not exist");
    } catch (const StorageError& e) {
        CHECK(std::string(e.what()).find("无法打开数据库文件") != std::string::npos);
    }
}

TEST_CASE("migration 8 rebuilds person with foreign keys off: nothing that refers to a person is lost" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        // A file at version 7 with a person who has a service record, an award and a badge.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.str().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) == SQLITE_OK);
        for (const Migration& m : embeddedMigrations())
            if (m.version <= 7) REQUIRE(sqlite3_exec(db, m.sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        const char* data = R"(
            INSERT INTO org_unit (id, name, kind, households) VALUES (1, '临江区', '区', 1000);
            INSERT INTO person (id, name, gender, id_number, unit_id, roster_hours, note)
                VALUES (42, '王芳', '女', '11010519491231002X', 1, 12.5, '组长');
            INSERT INTO service_record (person_id, served_on, hours) VALUES (42, '2026-03-08', 3);
            INSERT INTO award (title_id, year, person_id, status)
                VALUES ((SELECT id FROM award_title WHERE subject_kind = 'person' LIMIT 1), 2025, 42, '命名');
            PRAGMA user_version = 7;)";
        REQUIRE(sqlite3_exec(db, data, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    Storage storage(path.str());
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    const auto p = storage.personByIdNumber("11010519491231002X");
    REQUIRE(p);
    CHECK(p->id == 42);
    CHECK(p->name == "王芳");
    CHECK(p->rosterHours == doctest::Approx(12.5));
    CHECK(storage.count("service_record") == 1);   // not cascaded away by the drop
    CHECK(storage.count("award") == 1);
    {
        Statement st = storage.db().prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'person_id_number'");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == 1);
    }
    {   // foreign keys are on again: deleting the person cascades now
        Statement st = storage.db().prepare("PRAGMA foreign_keys");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == 1);
    }
    Person twin;
    twin.name = "另一个王芳";
    twin.idNumber = "11010519491231002X";
    CHECK_THROWS_AS(storage.insertPerson(twin), StorageError);
    storage.db().exec("DELETE FROM person WHERE id = 42");
    CHECK(storage.count("service_record") == 0);
}

TEST_CASE("migration 14 rebuilds org_unit for 县(市) and 乡: ids, the tree and everything under it are kept" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        // A file at version 13: a 区 with a 街道 and a 社区, a person, a family
        // and a target under them.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.str().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) == SQLITE_OK);
        for (const Migration& m : embeddedMigrations())
            if (m.version <= 13) REQUIRE(sqlite3_exec(db, m.sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        const char* data = R"(
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (1, NULL, '临江区', '区', 0);
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (5, 1, '滨江街道', '街道', 0);
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (9, 5, '幸福社区', '社区', 3200);
            INSERT INTO person (id, name, gender, unit_id) VALUES (42, '王芳', '女', 9);
            INSERT INTO family (id, head_name, address, members, unit_id) VALUES (7, '李建国', '幸福社区3栋', 4, 9);
            INSERT INTO target (unit_id, year, metric, goal) VALUES (5, 2026, 'activities', 12);
            PRAGMA user_version = 13;)";
        REQUIRE(sqlite3_exec(db, data, nullptr, nullptr, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "INSERT INTO org_unit (parent_id, name, kind) VALUES (1, '石桥乡', '乡')", nullptr,
                             nullptr, nullptr) != SQLITE_OK);   // refused before 0014
        sqlite3_close(db);
    }
    Storage storage(path.str());
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    CHECK(storage.count("org_unit") == 3);
    CHECK(storage.count("person") == 1);
    CHECK(storage.count("family") == 1);
    CHECK(storage.count("target") == 1);
    {
        Statement st = storage.db().prepare(
            "SELECT u.name, p.name FROM person x JOIN org_unit u ON u.id = x.unit_id JOIN org_unit p ON p.id = u.parent_id");
        REQUIRE(st.step());
        CHECK(st.columnText(0) == "幸福社区");
        CHECK(st.columnText(1) == "滨江街道");
    }
    // The new kinds are taken; an unknown one still is not.
    CHECK(storage.insertUnit({0, 1, "石桥乡", UnitKind::Township, 0, 0}) != 0);
    CHECK(storage.insertUnit({0, 0, "安吉县", UnitKind::County, 0, 0}) != 0);
    CHECK_THROWS(storage.db().exec("INSERT INTO org_unit (parent_id, name, kind) VALUES (1, '某居委会', '居委会')"));
    // The tree's references hold: a unit with children cannot be deleted.
    CHECK_THROWS(storage.db().exec("DELETE FROM org_unit WHERE id = 5"));
    {
        Statement st = storage.db().prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'org_unit_parent'");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == 1);
    }
}

TEST_CASE("every foreign key's child column has an index (deleting a parent must not scan the child table)" * doctest::test_suite("sqlite_file")) {
    // Without one, SQLite scans the whole child table for every parent row
    // deleted: undoing a 200,000-person import on the demo's 50,000
    // households took 142 s for 20,000 people, 0.25 s with the indexes.
    test::TempDbPath path;
    Storage storage(path.str());
    Statement st = storage.db().prepare(R"(
        WITH fk AS (SELECT m.name AS tbl, f."from" AS col FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
                    WHERE m.type = 'table'),
             first_columns AS (SELECT m.name AS tbl, i.name AS col FROM sqlite_schema m, pragma_index_list(m.name) l,
                                      pragma_index_info(l.name) i WHERE m.type = 'table' AND i.seqno = 0)
        SELECT fk.tbl || '.' || fk.col FROM fk
        WHERE NOT EXISTS (SELECT 1 FROM first_columns c WHERE c.tbl = fk.tbl AND c.col = fk.col))");
    std::vector<std::string> unindexed;
    while (st.step()) unindexed.push_back(st.columnText(0));
    CHECK(unindexed.empty());
    for (const std::string& column : unindexed) MESSAGE("no index on ", column);
}

TEST_CASE("a watched open of an old file reports its migrations one by one, and a refill of the pinyin keys row by row" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    writeVersion1File(path.str());
    OpenProgress progress;
    {
        const ScopedOpenProgress watch(progress);
        Storage storage(path.str());
    }
    // The last migration was reported as the last of all pending ones, with its name.
    const int pending = latestSchemaVersion() - 1;
    CHECK(progress.steps.load() == pending);
    CHECK(progress.step.load() == pending);
    CHECK(std::string(progress.name.load()) == embeddedMigrations().back().name);
    // An unwatched open (a worker's connection) reports nothing anywhere.
    CHECK(openProgress() == nullptr);

    // Keys written by another collator: every person and household is filled again, and counted.
    {
        Storage s(path.str());
        for (int i = 0; i < 5; ++i) s.insertFamily({0, "张三" + std::to_string(i), "望江路", 3, 0, ""});
        for (int i = 0; i < 7; ++i) {
            Person p;
            p.name = "阿芳" + std::to_string(i);
            s.insertPerson(p);
        }
        s.db().exec("UPDATE setting SET value = 'an older ICU' WHERE key = 'pinyin.collation_version'");
    }
    OpenProgress refill;
    {
        const ScopedOpenProgress watch(refill);
        Storage storage(path.str());
    }
    CHECK(refill.currentStage() == OpenStage::FillingKeys);
    CHECK(refill.total.load() == 7 + 5);   // people by id range (ids 1–7), households by row
    CHECK(refill.done.load() == refill.total.load());
}
