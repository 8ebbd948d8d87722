// storage_open_checks_test.cpp — what opening a database costs no longer
// grows with the data (issue 17): the characters of the data are read source
// by source in batches (storage/character_scan.hpp), and a big file's full
// damage check can be deferred past the open while a truncated file is still
// refused before anything writes (storage/integrity_check.hpp).
#include "storage/character_scan.hpp"
#include "storage/database.hpp"
#include "storage/integrity_check.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

// 25,000 people (more than one batch of the character scan) and 3,000 service
// records; the last person and the last record carry characters no one else has.
void fillPeople(storage::Storage& s) {
    s.db().exec("BEGIN");
    s.db().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000)"
                " INSERT INTO person (name) SELECT '志愿者' || i FROM n");
    s.db().exec("INSERT INTO person (name) VALUES ('犇淼')");
    s.db().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                " INSERT INTO service_record (person_id, served_on, hours, description, verified)"
                " SELECT i, date('2026-01-01', '+' || (i % 300) || ' days'), 2, '入户走访', 1 FROM n");
    s.db().exec("INSERT INTO service_record (person_id, served_on, hours, description) VALUES (1, '2026-03-08', 1, '堃喆')");
    s.db().exec("COMMIT");
}

// The process-wide limit, set for one test and reset however it ends.
struct DeferAbove {
    explicit DeferAbove(std::uintmax_t bytes) { storage::setFullCheckDeferredAbove(bytes); }
    ~DeferAbove() { storage::setFullCheckDeferredAbove(0); }
};

// Overwrites one page of the file (1-based) after its first 8 bytes, as a disk fault would.
void damagePage(const std::string& path, std::int64_t page, std::int64_t pageSize) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(f);
    f.seekp(static_cast<std::streamoff>((page - 1) * pageSize + 8));
    const std::string junk(static_cast<std::size_t>(pageSize - 16), '\x5A');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    REQUIRE(f);
}

std::int64_t readInt(const std::string& path, const char* sql) {
    storage::Database db(path, false);
    auto st = db.prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

} // namespace

TEST_CASE("the characters of the data: source by source, past a batch, the same set as distinctCharacters()") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    fillPeople(s);

    std::set<char32_t> union_;
    for (std::size_t i = 0; i < storage::characterSourceCount(); ++i)
        for (char32_t cp : storage::distinctCharactersOf(s, i)) {
            CHECK(cp >= 0x80);
            union_.insert(cp);
        }
    const std::u32string all = s.distinctCharacters();
    CHECK(std::u32string(union_.begin(), union_.end()) == all);
    for (char32_t rare : {U'犇', U'淼', U'堃', U'喆', U'帼', U'访'})   // past the first batch; a record; the catalogue
        CHECK(all.find(rare) != std::u32string::npos);
    CHECK(all.find(U'A') == std::u32string::npos);                  // ASCII is always in the atlas

    // Each source is one table's text; the people's names are theirs alone.
    std::size_t personSource = storage::characterSourceCount();
    for (std::size_t i = 0; i < storage::characterSourceCount(); ++i)
        if (std::string(storage::characterSourceTable(i)) == "person") personSource = i;
    REQUIRE(personSource < storage::characterSourceCount());
    const std::u32string names = storage::distinctCharactersOf(s, personSource);
    CHECK(names.find(U'犇') != std::u32string::npos);
    CHECK(names.find(U'喆') == std::u32string::npos);

    // The catalogue sources, read at open, are the organisation's small tables, never the people's.
    const std::set<std::string> big = {"person", "family", "service_record", "award", "award_event", "activity", "post"};
    REQUIRE(storage::catalogueCharacterSourceCount() < storage::characterSourceCount());
    for (std::size_t i = 0; i < storage::catalogueCharacterSourceCount(); ++i)
        CHECK_MESSAGE(big.count(storage::characterSourceTable(i)) == 0, storage::characterSourceTable(i));

    // A cancel is seen before the next batch: nothing more is read.
    std::atomic<bool> cancel{true};
    CHECK(storage::distinctCharactersOf(s, personSource, &cancel).empty());
    CHECK(storage::distinctCharactersOf(s, storage::characterSourceCount()).empty());
}

TEST_CASE("a big file: the full damage check is deferred past the open; a truncated file is still refused" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath base;
    {
        storage::Storage s(base.str());
        fillPeople(s);
    }   // closed: everything in the .db, no -wal
    const std::int64_t pageSize = readInt(base.str(), "PRAGMA page_size");
    const std::int64_t indexRoot = readInt(base.str(), "SELECT rootpage FROM sqlite_schema WHERE name = 'service_record_served_on'");
    REQUIRE(indexRoot > 1);
    auto copyTo = [&](const test::TempDbPath& to) { fs::copy_file(base.path(), to.path(), fs::copy_options::overwrite_existing); };

    SUBCASE("whole: opens, and the deferred check finds nothing") {
        test::TempDbPath whole;
        copyTo(whole);
        DeferAbove defer(1);
        storage::Storage s(whole.str());
        CHECK(storage::integrityCheckDeferred(whole.str()));
        const auto problems = storage::runIntegrityCheck(whole.str());
        REQUIRE(problems.has_value());
        CHECK(problems->empty());
    }
    SUBCASE("a damaged page: refused at open when checked in full; found by the deferred check otherwise") {
        test::TempDbPath checkedNow, checkedLater;
        copyTo(checkedNow);
        copyTo(checkedLater);
        damagePage(checkedNow.str(), indexRoot, pageSize);
        damagePage(checkedLater.str(), indexRoot, pageSize);
        try {
            storage::Storage s(checkedNow.str());
            FAIL("a damaged file opened with the full check at open");
        } catch (const storage::OpenError& e) {
            CHECK(e.failure() == storage::OpenFailure::Damaged);
            CHECK(std::string(e.what()).find("已损坏") != std::string::npos);
        }
        CHECK_FALSE(storage::integrityCheckDeferred(checkedNow.str()));

        DeferAbove defer(1);
        storage::Storage s(checkedLater.str());
        CHECK(storage::integrityCheckDeferred(checkedLater.str()));
        const auto problems = storage::runIntegrityCheck(checkedLater.str());
        REQUIRE(problems.has_value());
        REQUIRE_FALSE(problems->empty());
        const std::string said = storage::damagedFileMessage(checkedLater.str(), problems->front(), true);
        CHECK(said.find("已损坏") != std::string::npos);
        CHECK(said.find("备份与恢复") != std::string::npos);
        // The app closing: the check stops and says nothing.
        std::atomic<bool> cancel{true};
        CHECK_FALSE(storage::runIntegrityCheck(checkedLater.str(), &cancel).has_value());
    }
    SUBCASE("truncated: refused at open even when the full check is deferred, the file untouched") {
        test::TempDbPath cut;
        copyTo(cut);
        const auto size = fs::file_size(cut.path());
        // The last pages lost, as a copy or sync cut short leaves it: the schema still reads.
        const auto shorter = size - static_cast<std::uintmax_t>(3 * pageSize);
        fs::resize_file(cut.path(), shorter);
        DeferAbove defer(1);
        try {
            storage::Storage s(cut.str());
            FAIL("a truncated file opened");
        } catch (const storage::OpenError& e) {
            CHECK(e.failure() == storage::OpenFailure::Damaged);
            CHECK_MESSAGE(std::string(e.what()).find("已损坏") != std::string::npos, std::string(e.what()));
        }
        CHECK(fs::file_size(cut.path()) == shorter);
        CHECK_FALSE(storage::integrityCheckDeferred(cut.str()));
    }
    SUBCASE("a small file is checked in full at open whatever the limit") {
        test::TempDbPath small;
        copyTo(small);
        DeferAbove defer(fs::file_size(small.path()) + 1);
        storage::Storage s(small.str());
        CHECK_FALSE(storage::integrityCheckDeferred(small.str()));
    }
}
