// storage_roster_hours_test.cpp — a roster's 服务时长 through the whole import
// (storage::runRosterImport, as the CLI and the wizard run it): a first total
// is history, a later one adds its increase on its as-of date, period hours
// land in their period, an export re-imported changes nothing, unverified
// hours never come back verified, and the badges an import brings are
// backfilled quietly.
#include <doctest/doctest.h>

#include "core/periods.hpp"
#include "storage/aggregates.hpp"
#include "storage/badge_store.hpp"
#include "storage/list_export.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include "core/table_export.hpp"
#include "support/district.hpp"

#include <filesystem>
#include <fstream>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

const char* const kA = "11010519491231002X";
const char* const kB = "440524198001010013";

struct Fixture {
    test::TempDbPath db;
    Storage storage{db.str()};
    std::string dir = (std::filesystem::temp_directory_path() / ("jinguo_hours_" + std::to_string(::getpid()))).string();
    Fixture() {
        std::filesystem::create_directories(dir);
        test::buildDistrict(storage);
    }
    ~Fixture() { std::filesystem::remove_all(dir); }

    std::string write(const std::string& name, const std::string& text) {
        const std::string path = dir + "/" + name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    RosterImportResult import(const std::string& file, roster::HoursBasis hours = {}) {
        RosterImportRequest r;
        r.kind = roster::RosterKind::Volunteers;
        r.files = {file};
        r.today = "2026-11-29";
        r.hours = std::move(hours);
        RosterImportResult result = runRosterImport(storage, r);
        REQUIRE_MESSAGE(result.status == RosterImportResult::Status::Committed, result.error);
        return result;
    }
    double hours(const char* period, const char* id) {
        const auto person = storage.personByIdNumber(id);
        REQUIRE(person);
        BoardQuery q;
        q.board = Board::Volunteers;
        q.metric = BoardMetric::Hours;
        q.period = *parsePeriod(period).period;
        for (const BoardRow& r : Aggregates(storage).board(q).rows)
            if (r.id == person->id) return r.hours;
        return 0;
    }
};

std::string rosterCsv(const std::string& rows) { return "姓名,身份证号,所属社区,服务时长\n" + rows; }

roster::HoursBasis total(const char* asOf) { return {roster::HoursMeaning::Total, std::nullopt, asOf}; }

} // namespace

TEST_CASE("a first total is history; a later roster adds its increase on its as-of date") {
    Fixture f;
    f.import(f.write("a.csv", rosterCsv(std::string("王芳,") + kA + ",望江社区,120\n")), total("2026-03-31"));
    CHECK(f.hours("all", kA) == 120);
    CHECK(f.hours("2026", kA) == 0);           // before: 120 h in 2026, the day of the import
    CHECK(f.hours("2026Q1", kA) == 0);
    f.import(f.write("b.csv", rosterCsv(std::string("王芳,") + kA + ",望江社区,150\n")), total("2026-09-30"));
    CHECK(f.hours("all", kA) == 150);
    CHECK(f.hours("2026", kA) == 30);
    CHECK(f.hours("2026Q3", kA) == 30);
    CHECK(f.hours("2026Q1", kA) == 0);
}

TEST_CASE("period hours count in the stated period; a corrected roster of the period replaces the first") {
    Fixture f;
    const roster::HoursBasis q1{roster::HoursMeaning::Period, parsePeriod("2026Q1").period, "2026-04-05"};
    f.import(f.write("q1.csv", rosterCsv(std::string("王芳,") + kA + ",望江社区,30\n")), q1);
    CHECK(f.hours("2026Q1", kA) == 30);
    CHECK(f.hours("2026-03", kA) == 30);       // dated the period's last day
    CHECK(f.hours("2026Q2", kA) == 0);
    CHECK(f.hours("all", kA) == 30);
    f.import(f.write("q1-fixed.csv", rosterCsv(std::string("王芳,") + kA + ",望江社区,26\n")), q1);
    CHECK(f.hours("2026Q1", kA) == 26);
    CHECK(f.hours("all", kA) == 26);
}

TEST_CASE("an export imported again changes nothing, and its unverified hours never come back verified") {
    Fixture f;
    f.import(f.write("a.csv", rosterCsv(std::string("王芳,") + kA + ",望江社区,100\n李淼," + kB + ",望江社区,10\n")),
             total("2025-12-31"));
    const RowId wang = f.storage.personByIdNumber(kA)->id;
    ServiceRecord r;
    r.personId = wang;
    r.servedOn = "2026-05-01";
    r.hours = 6;
    r.verified = true;
    f.storage.insertServiceRecord(r);
    r.servedOn = "2026-05-02";
    r.hours = 4;
    r.verified = false;   // 4 h waiting to be verified
    f.storage.insertServiceRecord(r);
    CHECK(f.hours("2026", kA) == 6);
    CHECK(f.hours("all", kA) == 106);

    const std::string exported = f.dir + "/export.csv";
    REQUIRE(writeExport(exported, volunteersExportTable(f.storage, true)).empty());
    f.import(exported);
    CHECK(f.hours("2026", kA) == 6);            // before: the export's 110 h credited as roster hours
    CHECK(f.hours("all", kA) == 106);
    CHECK(f.hours("2026", kB) == 0);
    CHECK(f.hours("all", kB) == 10);

    // Into another database: 106 h verified there, the 4 unverified nowhere.
    Fixture g;
    g.import(exported);
    CHECK(g.hours("all", kA) == 106);           // before: 110
    CHECK(g.hours("2026", kA) == 0);            // history there
}

TEST_CASE("the badges an import brings are stored quietly, dated as far as the data says") {
    Fixture f;
    BadgeStore badges(f.storage);
    badges.evaluate(*parseDate("2026-11-01"));   // not the database's first evaluation any more
    REQUIRE(badges.evaluatedBefore());
    f.import(f.write("a.csv", rosterCsv(std::string("王芳,") + kA + ",望江社区,350\n")), total("2026-06-30"));
    // The app's badge worker evaluates after the import (announcing by default).
    CHECK(badges.evaluate(*parseDate("2026-11-29")).storedAsAnnounced);
    const RowId wang = f.storage.personByIdNumber(kA)->id;
    const auto earned = badges.earnedByPerson(wang);
    REQUIRE_FALSE(earned.empty());
    for (const EarnedBadgeRow& b : earned) {
        CAPTURE(b.code);
        CHECK(b.announced);
        CHECK(b.earnedOn == "2026-06-30");      // the roster's as-of date: when the data says
    }
    CHECK(badges.unannouncedCount() == 0);      // before: a card of new badges
    CHECK(badges.evaluate(*parseDate("2026-11-29")).newlyStored == 0);
    // What she earns afterwards is news again: 10 occasions of service.
    for (int day = 1; day <= 10; ++day) {
        ServiceRecord r;
        r.personId = wang;
        r.servedOn = "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
        r.hours = 1;
        r.verified = true;
        f.storage.insertServiceRecord(r);
    }
    const BadgeEvaluation later = badges.evaluate(*parseDate("2026-11-29"));
    CHECK(later.newlyStored > 0);
    CHECK_FALSE(later.storedAsAnnounced);
    CHECK(badges.unannouncedCount() == later.newlyStored);
}
