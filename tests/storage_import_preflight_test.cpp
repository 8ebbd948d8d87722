// storage_import_preflight_test.cpp — what a roster import waits for before
// its commit, now done beside it (issue 17): the backup of the database as
// committed before the import, and the integrity check a roster import's open
// leaves to the import (IntegrityCheck::BeforeCommit). Either failing refuses
// the import with nothing written, as when they ran before the first row.
#include <doctest/doctest.h>

#include "storage/backup_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using namespace jinguo;
using namespace jinguo::storage;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

RosterImportRequest rosterRequest() {
    RosterImportRequest request;
    request.kind = roster::RosterKind::Volunteers;
    request.files = {test::corpus("gen_utf8.csv")};
    request.today = "2026-11-29";
    return request;
}

// A closed database at the latest schema with `people` people and some posts.
void makeDatabase(const std::string& path, int people) {
    Storage s(path);
    const RowId community = test::buildDistrict(s, {0, {}, {{"望江社区", 1000}}}).community();
    for (int i = 0; i < people; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        p.unitId = community;
        s.insertPerson(p);
    }
    for (int i = 0; i < 40; ++i) {
        Post post;
        post.workUnit = "临江区医院" + std::to_string(i);
        post.name = std::string(300, 'x');   // a few pages
        post.unitId = community;
        s.insertPost(post);
    }
}

std::int64_t rawCount(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

// Damages the root page of the post table, which a volunteers import never
// reads: the file opens and the import runs, only quick_check finds it.
std::string damagePostTable(const std::string& path) {
    const std::int64_t root = rawCount(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'post'");
    REQUIRE(root > 1);
    std::string bytes = slurp(path);
    const std::size_t at = static_cast<std::size_t>(root - 1) * 4096;
    REQUIRE(at + 8 <= bytes.size());
    for (std::size_t i = at; i < at + 8; ++i) bytes[i] = static_cast<char>(0xA5);
    { std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes; }
    return bytes;
}

} // namespace

TEST_CASE("a damaged file opened for a roster import is refused before the commit, with nothing written" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    makeDatabase(path.str(), 3);
    const std::string damaged = damagePostTable(path.str());
    {
        Storage storage(path.str(), IntegrityCheck::BeforeCommit);   // opens: the check is the import's
        CHECK(storage.db().integrityCheckDeferred());
        for (bool dryRun : {true, false}) {
            CAPTURE(dryRun);
            RosterImportRequest request = rosterRequest();
            request.dryRun = dryRun;
            const RosterImportResult result = runRosterImport(storage, request);
            CHECK(result.status == RosterImportResult::Status::Failed);
            CHECK(result.errorCode == "database_damaged");
            CHECK_MESSAGE(result.error.find("已损坏") != std::string::npos, result.error);
            CHECK(result.error.find("文件未做任何修改") != std::string::npos);
            CHECK(storage.db().integrityCheckDeferred());   // still unchecked: nothing may commit
        }
        CHECK(storage.count("person") == 3);
        CHECK(storage.count("import_batch") == 0);
    }
    CHECK(slurp(path.str()) == damaged);
    // The deferred open did not count as this process's check: an ordinary
    // open still refuses the file.
    try {
        Storage again(path.str());
        FAIL("a damaged file was opened");
    } catch (const OpenError& e) {
        CHECK(e.failure() == OpenFailure::Damaged);
    }
}

TEST_CASE("a whole file opened for a roster import: checked beside the import, which commits" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    makeDatabase(path.str(), 3);
    Storage storage(path.str(), IntegrityCheck::BeforeCommit);
    REQUIRE(storage.db().integrityCheckDeferred());
    const RosterImportResult result = runRosterImport(storage, rosterRequest());
    REQUIRE(result.status == RosterImportResult::Status::Committed);
    CHECK_FALSE(storage.db().integrityCheckDeferred());
    CHECK(storage.count("person") > 3);
    // The backup written beside the import holds what was there before it.
    const auto backups = BackupStore(path.str()).list();
    REQUIRE(backups.size() == 1);
    CHECK(backups[0].reason == kBackupBeforeImport);
    CHECK(backups[0].people == 3);
    fs::remove_all(backupFolderFor(path.str()));
}

TEST_CASE("a new database or one opened the ordinary way is never left unchecked") {
    test::TempDbPath fresh;
    CHECK_FALSE(Storage(fresh.str(), IntegrityCheck::BeforeCommit).db().integrityCheckDeferred());   // nothing to check
    test::TempDbPath old;
    makeDatabase(old.str(), 1);
    CHECK_FALSE(Storage(old.str()).db().integrityCheckDeferred());
}

TEST_CASE("a backup that cannot be written refuses the import, with nothing written" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    makeDatabase(path.str(), 3);
    // A file where the backups folder goes: no backup can be made (root
    // ignores permissions, a file in the way stops everyone).
    { std::ofstream(backupFolderFor(path.str())) << "not a folder"; }
    Storage storage(path.str(), IntegrityCheck::BeforeCommit);
    const RosterImportResult result = runRosterImport(storage, rosterRequest());
    CHECK(result.status == RosterImportResult::Status::Failed);
    CHECK(result.errorCode == "backup_failed");
    CHECK_MESSAGE(result.error.find("导入前的备份没有写成") != std::string::npos, result.error);
    CHECK(result.error.find("未写入任何数据") != std::string::npos);
    CHECK(storage.count("person") == 3);
    CHECK(storage.count("import_batch") == 0);
    fs::remove(backupFolderFor(path.str()));
}
