// storage_record_streets_test.cpp — record imports (荣誉, 岗位, 活动, 目标, 指标)
// with a 所属街道 column, by the rosters' rule (core/unit_match.hpp): 新村社区
// (in 江滨街道 and in 城关街道) is placed by its street; without one, or with a
// street holding none (a misspelt 江宾街道), the row is refused with the streets
// named — already in the check, where nothing is written; a unique 幸福社区
// written under 城关街道 is placed in 江滨's with a warning. Real SQLite files and
// the committed files written by openpyxl (tests/data/records_streets.py).
#include <doctest/doctest.h>

#include "core/roster_rows.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <cstdio>
#include <string>
#include <vector>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    RowId jiangbin = 0, jiangbinXincun = 0, chengguanXincun = 0, xingfu = 0;
    Fixture() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        jiangbin = storage.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 0});
        const RowId chengguan = storage.insertUnit({0, district, "城关街道", UnitKind::Street, 0, 0});
        jiangbinXincun = storage.insertUnit({0, jiangbin, "新村社区", UnitKind::Community, 800, 0});
        xingfu = storage.insertUnit({0, jiangbin, "幸福社区", UnitKind::Community, 900, 0});
        chengguanXincun = storage.insertUnit({0, chengguan, "新村社区", UnitKind::Community, 700, 0});
        storage.insertUnit({0, chengguan, "城关社区", UnitKind::Community, 600, 0});
    }
    storage::RosterImportResult run(roster::RosterKind kind, const std::string& file, bool dryRun) {
        storage::RosterImportRequest r;
        r.kind = kind;
        r.files = {test::records(file)};
        r.today = "2026-11-29";
        r.dryRun = dryRun;
        return storage::runRosterImport(storage, r);
    }
};

// One kind's file and how its row's record is found (the generator's names).
struct KindFile {
    roster::RosterKind kind;
    const char* file;
    const char* streetHeader;
    const char* unitHeader;
    const char* unitOfRow;   // SQL: ?1 = the row number → the record's unit (no row: not written)
};

const KindFile kFiles[] = {
    {roster::RosterKind::Honours, "streets_honours.xlsx", "所属街道", "所属社区",
     "SELECT coalesce(unit_id, 0) FROM award WHERE collective_name = '妇联执委会' || ?1"},
    {roster::RosterKind::Posts, "streets_posts.xlsx", "街道", "所属单位",
     "SELECT coalesce(unit_id, 0) FROM post WHERE name = '服务窗口' || ?1"},
    {roster::RosterKind::Activities, "streets_activities.xlsx", "所属街道", "单位",
     "SELECT coalesce(unit_id, 0) FROM activity WHERE name = '家风讲堂' || ?1"},
    {roster::RosterKind::Targets, "streets_targets.xlsx", "乡镇(街道)", "单位",
     "SELECT coalesce(unit_id, 0) FROM target WHERE year = 2020 + ?1"},
    {roster::RosterKind::Indicators, "streets_indicators.xlsx", "所属街道", "单位",
     "SELECT coalesce(unit_id, 0) FROM manual_indicator WHERE name = '来访件数' || ?1"},
};

std::vector<roster::Problem> problemsAt(const storage::FileImportReport& report, int row) {
    std::vector<roster::Problem> out;
    for (const auto& s : report.sheets)
        for (const auto& p : s.problems)
            if (p.row == row) out.push_back(p);
    return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("record imports with 所属街道: each kind by street; ambiguous, misspelt and other-street rows") {
    for (const KindFile& k : kFiles) {
        CAPTURE(k.file);
        Fixture f;
        auto unitOfRow = [&](int row) -> RowId {
            storage::Statement st = f.storage.db().prepare(k.unitOfRow);
            st.bind(1, row);
            return st.step() ? st.columnInt(0) : -1;   // -1: no record
        };

        // The check: every message already, nothing written.
        const auto check = f.run(k.kind, k.file, true);
        REQUIRE_MESSAGE(check.status == storage::RosterImportResult::Status::DryRun, check.error);
        for (int row = 2; row <= 9; ++row) CHECK(unitOfRow(row) == -1);
        const auto checked = problemsAt(check.files.at(0), 4);
        REQUIRE(checked.size() == 1);
        CHECK(checked[0].code == roster::code::kUnitAmbiguous);
        CHECK(has(checked[0].message, "本行不会导入"));

        const auto done = f.run(k.kind, k.file, false);
        REQUIRE_MESSAGE(done.status == storage::RosterImportResult::Status::Committed, done.error);
        const storage::FileImportReport& report = done.files.at(0);
        CHECK(report.rowsImported() == 6);
        CHECK(report.rowsSkipped() == 2);

        CHECK(unitOfRow(2) == f.jiangbinXincun);    // 江滨街道 / 新村社区
        CHECK(unitOfRow(3) == f.chengguanXincun);   // 城关街道 / 新村社区

        // No street: refused with both streets and the fix, in the unit's column.
        CHECK(unitOfRow(4) == -1);
        const auto ambiguous = problemsAt(report, 4);
        REQUIRE(ambiguous.size() == 1);
        CHECK(ambiguous[0].code == roster::code::kUnitAmbiguous);
        CHECK(ambiguous[0].column == k.unitHeader);
        CHECK(has(ambiguous[0].message, "“新村社区”在江滨街道、城关街道都有"));
        CHECK(has(ambiguous[0].message, "本行未导入"));
        CHECK(has(ambiguous[0].message, "请在“所属街道”列写明街道"));   // the column is there: fill it in
        CHECK(has(ambiguous[0].message, std::string("把") + k.unitHeader + "写成“江滨街道/新村社区”"));

        // 江宾街道 (misspelt): refused in the street's column, the real streets named.
        CHECK(unitOfRow(5) == -1);
        const auto misspelt = problemsAt(report, 5);
        REQUIRE(misspelt.size() == 1);
        CHECK(misspelt[0].code == roster::code::kUnitNotInStreet);
        CHECK(misspelt[0].column == k.streetHeader);
        CHECK(has(misspelt[0].message, "所属街道“江宾街道”下没有名为“新村社区”的社区/村"));
        CHECK(has(misspelt[0].message, "在江滨街道、城关街道"));

        // 城关街道 / 幸福社区: the only 幸福社区 is 江滨's — placed there, with a warning.
        CHECK(unitOfRow(6) == f.xingfu);
        const auto differs = problemsAt(report, 6);
        REQUIRE(differs.size() == 1);
        CHECK(differs[0].code == roster::code::kUnitStreetDiffers);
        CHECK(roster::isWarning(differs[0].code));
        CHECK(differs[0].column == k.streetHeader);
        CHECK(has(differs[0].message, "“幸福社区”只在江滨街道有"));

        CHECK(unitOfRow(7) == f.jiangbinXincun);    // 江滨, without 街道
        CHECK(unitOfRow(8) == f.chengguanXincun);   // 城关街道/新村社区 in the unit's cell
        CHECK(unitOfRow(9) == f.jiangbin);          // the street alone: the street
        for (int row : {2, 3, 7, 8, 9}) {
            CAPTURE(row);
            CHECK(problemsAt(report, row).empty());
        }
    }
}

TEST_CASE("record imports without 所属街道: an ambiguous 社区 asks for the column to be added") {
    Fixture f;
    const std::string path = f.db.path().string() + ".honours.csv";   // str() is a connection string on a server
    {
        std::FILE* out = std::fopen(path.c_str(), "wb");
        REQUIRE(out);
        std::fputs("集体名称,单位,荣誉称号,级别,年度\n妇联执委会,新村社区,三八红旗集体,区,2026\n", out);
        std::fclose(out);
    }
    storage::RosterImportRequest r;
    r.kind = roster::RosterKind::Honours;
    r.files = {path};
    r.today = "2026-11-29";
    const auto done = storage::runRosterImport(f.storage, r);
    std::remove(path.c_str());
    REQUIRE_MESSAGE(done.status == storage::RosterImportResult::Status::Committed, done.error);
    const auto refused = problemsAt(done.files.at(0), 2);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].code == roster::code::kUnitAmbiguous);
    CHECK(has(refused[0].message, "请在表中加一列“所属街道”写明街道（如“江滨街道”）"));
    CHECK(has(refused[0].message, "把单位写成“江滨街道/新村社区”"));
    CHECK(f.storage.count("award") == 0);
}
