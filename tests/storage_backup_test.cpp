// storage_backup_test.cpp — BackupStore: consistent backups, rotation, restore,
// and the backups written before imports, migrations and an import's undo.
#include <doctest/doctest.h>

#include "test_files.hpp"

#include "storage/backup_store.hpp"
#include "storage/import_store.hpp"
#include "storage/migrations.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;
namespace fs = std::filesystem;

namespace {

using jinguo::test::corpus;

unsigned modeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

std::string pragmaText(const std::string& path, const char* sql, int flags = SQLITE_OPEN_READONLY) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, flags, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    std::string out = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

// A small district with people, families and a post.
void seed(Storage& s, int people, int families) {
    const RowId community = test::buildDistrict(s, {0, {}, {{"望江社区", 1000}}}).community();
    for (int i = 0; i < people; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        p.unitId = community;
        s.insertPerson(p);
    }
    for (int i = 0; i < families; ++i) {
        Family f;
        f.headName = "户主" + std::to_string(i);
        f.unitId = community;
        s.insertFamily(f);
    }
    Post post;
    post.workUnit = "临江区医院";
    post.name = "护理部";
    post.unitId = community;
    s.insertPost(post);
}

std::vector<BackupInfo> withReason(const std::vector<BackupInfo>& all, const std::string& reason) {
    std::vector<BackupInfo> out;
    for (const auto& b : all)
        if (b.reason == reason) out.push_back(b);
    return out;
}

} // namespace

TEST_CASE("a backup is one complete private file with the database's figures; restore brings them back" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    seed(storage, 7, 3);
    BackupStore store(path.str());
    const BackupInfo made = store.create(kBackupManual);

    CHECK(fs::path(made.path).parent_path() == fs::path(backupFolderFor(path.str())));
    CHECK(made.fileName.find("手动") != std::string::npos);
    CHECK(modeOf(made.path) == 0600);
    CHECK(modeOf(store.folder()) == 0700);
    CHECK_FALSE(fs::exists(made.path + "-wal"));
    CHECK(pragmaText(made.path, "PRAGMA journal_mode") == "delete");   // stands alone, no -wal needed
    CHECK(pragmaText(made.path, "PRAGMA integrity_check") == "ok");

    auto listed = store.list();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].reason == "手动");
    CHECK(listed[0].people == 7);
    CHECK(listed[0].families == 3);
    CHECK(listed[0].posts == 1);
    CHECK(listed[0].problem.empty());

    // Change the data, then restore into the open connection.
    Person extra;
    extra.name = "后来的人";
    storage.insertPerson(extra);
    CHECK(storage.count("person") == 8);
    const BackupInfo before = store.restore(storage.db(), made.path);
    CHECK(storage.count("person") == 7);
    CHECK(storage.count("family") == 3);
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    {
        Statement check = storage.db().prepare("PRAGMA integrity_check");
        REQUIRE(check.step());
        CHECK(check.columnText(0) == "ok");
    }
    // What was replaced is kept.
    CHECK(before.reason == "恢复前");
    listed = store.list();
    const auto kept = withReason(listed, "恢复前");
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].people == 8);
    // The connection still writes, and another connection sees the restored data.
    CHECK_NOTHROW(storage.insertPerson(extra));
    Storage other(path.str());
    CHECK(other.count("person") == 8);
}

TEST_CASE("restore refuses a file that is not a Jinguo database and changes nothing" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    seed(storage, 2, 1);
    const std::string bogus = path.str() + ".txt";
    { std::ofstream(bogus) << "not a database"; }
    BackupStore store(path.str());
    CHECK_THROWS_AS(store.restore(storage.db(), bogus), StorageError);
    CHECK_THROWS_AS(store.restore(storage.db(), path.str() + ".missing"), StorageError);
    CHECK(storage.count("person") == 2);
    CHECK(store.list().empty());   // refused before the 恢复前 backup
    fs::remove(bogus);
}

TEST_CASE("rotation keeps the newest N plus the newest of each of the last months" * doctest::test_suite("sqlite_file")) {
    // Newest first: 3 in Dec, 2 in Nov, 1 in Oct, 1 in Jan of last year, 1 two years back.
    const std::vector<std::string> stamps = {
        "2026-12-05-120000", "2026-12-04-120000", "2026-12-01-120000", "2026-11-20-120000",
        "2026-11-02-120000", "2026-10-15-120000", "2026-01-10-120000", "2025-12-31-120000",
        "2024-06-01-120000",
    };
    auto keep = backupsKept(stamps, "2026-12-05", {2, 12});
    CHECK(keep == std::vector<bool>{true, true, false, true, false, true, true, false, false});
    keep = backupsKept(stamps, "2026-12-05", {2, 0});
    CHECK(keep == std::vector<bool>{true, true, false, false, false, false, false, false, false});
    keep = backupsKept(stamps, "2026-12-05", {0, 0});   // at least one is always kept
    CHECK(keep[0]);
    keep = backupsKept(stamps, "2026-12-05", {10, 12});
    CHECK(std::count(keep.begin(), keep.end(), true) == 9);
}

TEST_CASE("prune deletes what the rule does not keep, and only backups named so" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    storage.setSetting("backup.keep_recent", "2");
    storage.setSetting("backup.keep_months", "1");
    BackupStore store(path.str());
    fs::create_directories(store.folder());
    const std::string stem = path.path().stem().string();
    for (const char* stamp : {"2026-12-05-120000", "2026-12-04-120000", "2026-12-03-120000", "2026-11-03-120000"})
        std::ofstream(store.folder() + "/" + stem + "-" + stamp + "-每日.db") << "x";
    std::ofstream(store.folder() + "/notes.txt") << "mine";
    CHECK(store.rotation().keepRecent == 2);
    CHECK(store.prune("2026-12-05") == 2);
    CHECK(fs::exists(store.folder() + "/" + stem + "-2026-12-05-120000-每日.db"));
    CHECK(fs::exists(store.folder() + "/" + stem + "-2026-12-04-120000-每日.db"));
    CHECK_FALSE(fs::exists(store.folder() + "/" + stem + "-2026-12-03-120000-每日.db"));
    CHECK_FALSE(fs::exists(store.folder() + "/" + stem + "-2026-11-03-120000-每日.db"));
    CHECK(fs::exists(store.folder() + "/notes.txt"));
}

TEST_CASE("backups of the same second are listed in the order they were written" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    BackupStore store(path.str());
    fs::create_directories(store.folder());
    const std::string stem = path.path().stem().string();
    for (const char* name : {"-2026-12-05-120000-手动.db", "-2026-12-05-120000-手动-2.db",
                             "-2026-12-05-120000-导入前-3.db"})
        std::ofstream(store.folder() + "/" + stem + name) << "x";
    const auto listed = store.list();
    REQUIRE(listed.size() == 3);
    CHECK(listed[0].fileName == stem + "-2026-12-05-120000-导入前-3.db");
    CHECK(listed[0].reason == "导入前");
    CHECK(listed[1].fileName == stem + "-2026-12-05-120000-手动-2.db");
    CHECK(listed[2].fileName == stem + "-2026-12-05-120000-手动.db");
    CHECK(listed[2].problem.size() > 0);   // not a database: no figures, said so
}

TEST_CASE("an import that writes is preceded by a backup; a dry run is not" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    seed(storage, 1, 0);
    RosterImportRequest request;
    request.kind = roster::RosterKind::Volunteers;
    request.files = {corpus("gen_utf8.csv")};
    request.today = "2026-11-29";
    request.dryRun = true;
    REQUIRE(runRosterImport(storage, request).status == RosterImportResult::Status::DryRun);
    BackupStore store(path.str());
    CHECK(store.list().empty());
    request.dryRun = false;
    const auto result = runRosterImport(storage, request);
    REQUIRE(result.status == RosterImportResult::Status::Committed);
    auto listed = withReason(store.list(), "导入前");
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].people == 1);   // what was there before the import
    CHECK(storage.count("person") > 1);

    // Undoing the batch is a bulk change: backed up first, with the import in it.
    const std::int64_t imported = storage.count("person");
    ImportStore(storage).undo(result.files.at(0).batch);
    const auto beforeUndo = withReason(store.list(), "撤销导入前");
    REQUIRE(beforeUndo.size() == 1);
    CHECK(beforeUndo[0].people == imported);
}

TEST_CASE("a migration of an existing database is preceded by a backup; a new file gets none" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath fresh;
    { Storage storage(fresh.str()); }
    CHECK(BackupStore(fresh.str()).list().empty());

    test::TempDbPath path;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.str().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, embeddedMigrations()[0].sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "INSERT INTO org_unit (name, kind, households) VALUES ('临江区', '区', 1000);"
                                 "INSERT INTO person (name) VALUES ('王芳');"
                                 "PRAGMA user_version = 1;", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    Storage storage(path.str());
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    const auto listed = BackupStore(path.str()).list();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].reason == "升级前");
    CHECK(listed[0].people == 1);
    CHECK(pragmaText(listed[0].path, "PRAGMA user_version") == "1");   // the file as it was

    // Restoring that old backup migrates it again in the open connection.
    Person li;
    li.name = "李娜";
    storage.insertPerson(li);
    BackupStore(path.str()).restore(storage.db(), listed[0].path);
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    CHECK(storage.count("person") == 1);
    CHECK(storage.count("award_title") > 40);
}

TEST_CASE("the daily backup is written once a day, and only for a database with data" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    BackupStore store(path.str());
    bool created = true;
    CHECK(store.createDailyIfDue("2026-12-05", &created).empty());
    CHECK_FALSE(created);   // nothing in it yet
    seed(storage, 1, 1);
    // Today's stamp is the machine's: ask for the machine's today.
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
    CHECK(store.createDailyIfDue(today, &created).empty());
    CHECK(created);
    CHECK(store.createDailyIfDue(today, &created).empty());
    CHECK_FALSE(created);
    CHECK(withReason(store.list(), "每日").size() == 1);
}

TEST_CASE("--out writes exactly there and refuses to overwrite" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    seed(storage, 3, 0);
    const std::string out = path.str() + ".copy.db";
    fs::remove(out);
    BackupStore store(path.str());
    const auto info = store.create(kBackupManual, out);
    CHECK(info.path == out);
    CHECK(modeOf(out) == 0600);
    BackupInfo read;
    read.path = out;
    readBackupFigures(read);
    CHECK(read.people == 3);
    CHECK_THROWS_AS(store.create(kBackupManual, out), StorageError);
    fs::remove(out);
}

TEST_CASE("file names are safe, network file systems are recognized" * doctest::test_suite("sqlite_file")) {
    CHECK(safeBackupReason("导入前") == "导入前");
    CHECK(safeBackupReason("a/b\\c:d*e?f\"g<h>i|j k") == "a_b_c_d_e_f_g_h_i_j_k");
    CHECK(safeBackupReason("") == "备份");
    CHECK(safeBackupReason("../x") == "_x");
    CHECK(safeBackupReason(std::string(30, 'x') + "导入导入导入") .size() <= 40);
    CHECK(isNetworkFileSystemType(0xFF534D42u));
    CHECK(isNetworkFileSystemType(0xFE534D42u));
    CHECK(isNetworkFileSystemType(0x6969u));
    CHECK_FALSE(isNetworkFileSystemType(0xEF53u));   // ext4
    CHECK_FALSE(isNetworkFileSystemType(0x01021994u));   // tmpfs
    CHECK(networkFileSystemWarning("/tmp/x.db").empty());
    CHECK(backupFolderFor("/data/jinguo.db") == "/data/jinguo-backups");
}

TEST_CASE("a checkpoint empties -wal, so the .db alone holds everything" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage(path.str());
    seed(storage, 5, 2);
    CHECK(fs::file_size(path.str() + "-wal") > 0);
    storage.db().checkpointWal();
    CHECK(fs::file_size(path.str() + "-wal") == 0);
    // A plain copy of the bare file is now complete.
    const std::string copy = path.str() + ".bare.db";
    fs::copy_file(path.str(), copy, fs::copy_options::overwrite_existing);
    CHECK(pragmaText(copy, "SELECT count(*) FROM person", SQLITE_OPEN_READWRITE) == "5");
    fs::remove(copy);
    fs::remove(copy + "-wal");
    fs::remove(copy + "-shm");
}

namespace {
using jinguo::test::readFile;
} // namespace

TEST_CASE("a damaged database is refused as damaged, and a backup put in its place keeps the damaged file" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    std::string backup;
    {
        Storage storage(path.str());
        seed(storage, 5, 2);
        backup = BackupStore(path.str()).create(kBackupManual).path;
    }   // closing checkpoints: the .db alone holds everything
    REQUIRE(test::damageSchemaPage(path.str()));
    const std::string damagedBytes = readFile(path.str());

    try {
        Storage broken(path.str());
        FAIL("a damaged file opened");
    } catch (const OpenError& e) {
        CHECK(e.failure() == OpenFailure::Damaged);
        CHECK(std::string(e.what()).find("已损坏") != std::string::npos);
    }
    CHECK(readFile(path.str()) == damagedBytes);   // refused, untouched

    BackupStore store(path.str());
    SUBCASE("a backup that is not a database is refused and the damaged file stays") {
        const std::string bogus = store.folder() + "/bogus.db";
        { std::ofstream(bogus) << "not a database"; }
        CHECK_THROWS_AS(store.restoreOverDamaged(bogus), StorageError);
        CHECK(readFile(path.str()) == damagedBytes);
        CHECK_FALSE(fs::exists(path.str() + ".restoring"));
    }
    SUBCASE("restored: the figures are back, the damaged file is kept beside the backups") {
        const std::string kept = store.restoreOverDamaged(backup);
        CHECK(fs::path(kept).parent_path() == fs::path(store.folder()));
        CHECK(fs::path(kept).filename().string().find("-损坏-") != std::string::npos);
        CHECK(readFile(kept) == damagedBytes);
        CHECK(modeOf(path.str()) == 0600);
        CHECK_FALSE(fs::exists(path.str() + ".restoring"));
        Storage restored(path.str());
        CHECK(restored.count("person") == 5);
        CHECK(restored.count("family") == 2);
        // The damaged copy is no backup: not listed, never pruned.
        for (const BackupInfo& b : store.list()) CHECK(b.path != kept);
        store.prune("2030-01-01");
        CHECK(fs::exists(kept));
    }
}

TEST_CASE("a zero-byte database is refused as damaged and can be replaced by a backup" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    std::string backup;
    {
        Storage storage(path.str());
        seed(storage, 3, 1);
        backup = BackupStore(path.str()).create(kBackupManual).path;
    }
    fs::resize_file(path.str(), 0);
    try {
        Storage broken(path.str());
        FAIL("a zero-byte file opened");
    } catch (const OpenError& e) {
        CHECK(e.failure() == OpenFailure::Damaged);
    }
    BackupStore(path.str()).restoreOverDamaged(backup);
    Storage restored(path.str());
    CHECK(restored.count("person") == 3);
}
