// storage_record_import_test.cpp — units, targets and manual indicators
// imported through the roster pipeline's request and report: files written
// by openpyxl (tests/data/records, make_records.py) and CSV written here;
// bad rows named by row number, re-imports updating in place, one batch per
// file undone whole, dry runs writing nothing.
#include <doctest/doctest.h>

#include "core/import_templates.hpp"
#include "core/record_import.hpp"
#include "storage/import_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "storage/target_store.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace jinguo;
using namespace jinguo::storage;
using roster::RosterKind;

namespace {

using test::assetTemplate;
using test::records;

struct TempFile {
    std::string path;
    TempFile(const std::string& name, const std::string& text) {
        static int counter = 0;
        path = (std::filesystem::temp_directory_path()
                / ("jinguo_rec_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + name))
                   .string();
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
};

struct Fixture {
    test::TempDbPath db;
    Storage storage{db.str()};

    RosterImportResult run(RosterKind kind, const std::string& file, bool dryRun = false) {
        RosterImportRequest r;
        r.kind = kind;
        r.files = {file};
        r.dryRun = dryRun;
        r.keepProblemRows = true;
        r.today = "2026-06-30";
        return runRosterImport(storage, r);
    }
    std::map<std::string, std::int64_t> households() {
        std::map<std::string, std::int64_t> out;
        Statement st = storage.db().prepare("SELECT name, households FROM org_unit");
        while (st.step()) out[st.columnText(0)] = st.columnInt(1);
        return out;
    }
    std::string parentOf(const std::string& name) {
        Statement st = storage.db().prepare(
            "SELECT coalesce(p.name, '') FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id WHERE u.name = ?");
        st.bind(1, name);
        return st.step() ? st.columnText(0) : "?";
    }
};

// row -> codes of the report's problems
std::map<int, std::set<std::string>> problemsByRow(const roster::FileImportReport& f) {
    std::map<int, std::set<std::string>> out;
    for (const auto& s : f.sheets)
        for (const auto& p : s.problems) out[p.row].insert(p.code);
    return out;
}

const roster::Problem* problemAt(const roster::FileImportReport& f, int row) {
    for (const auto& s : f.sheets)
        for (const auto& p : s.problems)
            if (p.row == row) return &p;
    return nullptr;
}

const char* kUnitsCsv =
    "单位名称,上级单位,类型,总户数\n"
    "幸福社区,滨江街道,社区,3300\n"
    "滨江街道,临江区,街道,\n"
    "临江区,,区,\n"
    "新桥社区,滨江街道,社区,700\n";

} // namespace

TEST_CASE("units from openpyxl: parents after children, every bad row named with its row number") {
    Fixture f;
    const RosterImportResult r = f.run(RosterKind::Units, records("units_openpyxl.xlsx"));
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    REQUIRE(r.files.size() == 1);
    const auto& file = r.files[0];
    // The 填写说明 sheet is left out with a note, not reported as a bad sheet.
    REQUIRE(file.sheets.size() == 1);
    CHECK(file.notes.size() == 1);
    CHECK(file.rowsRead() == 12);
    CHECK(file.rowsImported() == 8);   // 临江区 青山镇 滨江街道 石桥乡 幸福 和平 白鹭 松林村
    CHECK(file.rowsSkipped() == 4);
    const auto byRow = problemsByRow(file);
    CHECK(byRow.count(9) == 0);                                          // 石桥乡: 乡 is a kind (0014)
    CHECK(byRow.at(10).count(roster::code::kParentUnknown) == 1);        // 望江社区 under 江北街道
    CHECK(byRow.at(11).count(roster::code::kUnitCycle) == 1);            // 东湖 ↔ 西湖
    CHECK(byRow.at(12).count(roster::code::kUnitCycle) == 1);
    CHECK(byRow.at(13).count(roster::code::kHouseholdsInvalid) == 1);    // 约600
    CHECK(problemAt(file, 10)->message.find("江北街道") != std::string::npos);
    CHECK(problemAt(file, 10)->column == "上级单位");
    CHECK(file.sheets[0].problemRows.size() == 4);

    auto h = f.households();
    CHECK(h.size() == 8);
    CHECK(h["和平社区"] == 2860);                 // "2,860户"
    CHECK(f.parentOf("白鹭社区") == "滨江街道");   // 社区居委会 → 社区
    CHECK(f.parentOf("滨江街道") == "临江区");
    CHECK(f.parentOf("松林村") == "青山镇");
    CHECK(f.parentOf("临江区") == "");
    CHECK(f.parentOf("石桥乡") == "临江区");

    // The same file again is recognized, not imported twice.
    const RosterImportResult again = f.run(RosterKind::Units, records("units_openpyxl.xlsx"));
    CHECK(again.files[0].alreadyImportedAs == file.batch);
    CHECK(f.storage.count("org_unit") == 8);
}

TEST_CASE("units: re-import updates in place, adds what is new, and undo restores each batch") {
    Fixture f;
    const auto first = f.run(RosterKind::Units, records("units_openpyxl.xlsx"));
    REQUIRE(first.status == RosterImportResult::Status::Committed);
    const RowId xingfu = [&] {
        Statement st = f.storage.db().prepare("SELECT id FROM org_unit WHERE name = '幸福社区'");
        st.step();
        return st.columnInt(0);
    }();
    TempFile csv("units.csv", kUnitsCsv);
    const auto second = f.run(RosterKind::Units, csv.path);
    REQUIRE(second.status == RosterImportResult::Status::Committed);
    CHECK(second.files[0].rowsUpdated() == 1);    // 幸福社区 3200 → 3300 (street and district unchanged)
    CHECK(second.files[0].rowsImported() == 1);   // 新桥社区
    CHECK(second.files[0].rowsSkipped() == 0);
    CHECK(f.storage.count("org_unit") == 9);
    CHECK(f.households()["幸福社区"] == 3300);
    {
        Statement st = f.storage.db().prepare("SELECT id FROM org_unit WHERE name = '幸福社区'");
        st.step();
        CHECK(st.columnInt(0) == xingfu);         // the same row, not a second one
    }

    ImportStore imports(f.storage);
    imports.undo(second.files[0].batch);
    CHECK(f.storage.count("org_unit") == 8);
    CHECK(f.households()["幸福社区"] == 3200);
    CHECK_THROWS_AS(imports.undo(second.files[0].batch), StorageError);   // once
    imports.undo(first.files[0].batch);
    CHECK(f.storage.count("org_unit") == 0);
    // An undone file may be imported again.
    CHECK(f.run(RosterKind::Units, records("units_openpyxl.xlsx")).files[0].rowsImported() == 8);
}

TEST_CASE("units link the families a roster could not place, and undo unlinks them") {
    Fixture f;
    TempFile families("families.csv",
                      "户主姓名,家庭住址,家庭人口,所属社区,荣誉称号,获评年度,级别\n"
                      "李建国,幸福社区3栋101,4,幸福社区,平安家庭,2026,社区\n"
                      "王大明,新桥社区1栋2号,3,新桥社区,平安家庭,2026,社区\n");
    REQUIRE(f.run(RosterKind::Families, families.path).status == RosterImportResult::Status::Committed);
    CHECK(f.storage.count("family") == 2);
    TempFile units("units.csv", kUnitsCsv);
    const auto r = f.run(RosterKind::Units, units.path);
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    auto linked = [&] {
        Statement st = f.storage.db().prepare(
            "SELECT count(*) FROM family f JOIN org_unit u ON u.id = f.unit_id WHERE f.unit_text IS NULL");
        st.step();
        return st.columnInt(0);
    };
    CHECK(linked() == 2);
    {
        Statement st = f.storage.db().prepare("SELECT count(*) FROM award WHERE unit_id IS NOT NULL");
        st.step();
        CHECK(st.columnInt(0) == 2);   // the titles count for the unit too
    }
    ImportStore(f.storage).undo(r.files[0].batch);
    CHECK(linked() == 0);
    Statement st = f.storage.db().prepare("SELECT count(*) FROM family WHERE unit_text IS NOT NULL AND unit_id IS NULL");
    st.step();
    CHECK(st.columnInt(0) == 2);
}

TEST_CASE("units: a dry run writes nothing; a parent of the wrong kind and duplicates are problems") {
    Fixture f;
    const auto dry = f.run(RosterKind::Units, records("units_openpyxl.xlsx"), true);
    CHECK(dry.status == RosterImportResult::Status::DryRun);
    CHECK(dry.files[0].rowsImported() == 8);
    CHECK(f.storage.count("org_unit") == 0);
    CHECK(f.storage.count("import_batch") == 0);
    TempFile bad("bad_units.csv",
                 "单位名称,上级单位,类型,总户数\n"
                 "临江区,,区,\n"
                 "滨江街道,临江区,街道,\n"
                 "向阳社区,临江区,社区,100\n"       // a 社区 directly under the 区
                 "滨江街道,临江区,街道,\n"          // the same unit twice
                 "江南街道,滨江街道,街道,\n"        // a 街道 under a 街道
                 "县城,,小区,\n"                    // not a unit kind
                 ",滨江街道,社区,10\n");            // no name
    const auto r = f.run(RosterKind::Units, bad.path);
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    const auto byRow = problemsByRow(r.files[0]);
    CHECK(byRow.at(4).count(roster::code::kParentWrongKind) == 1);
    CHECK(byRow.at(5).count(roster::code::kDuplicateInFile) == 1);
    CHECK(byRow.at(6).count(roster::code::kParentWrongKind) == 1);
    CHECK(byRow.at(7).count(roster::code::kUnitKindInvalid) == 1);
    CHECK(byRow.at(8).count(roster::code::kUnitNameMissing) == 1);
    CHECK(f.storage.count("org_unit") == 2);
}

TEST_CASE("targets from openpyxl: any level and one level, bad rows, re-import updates, undo restores") {
    Fixture f;
    REQUIRE(f.run(RosterKind::Units, records("units_openpyxl.xlsx")).status == RosterImportResult::Status::Committed);
    const auto r = f.run(RosterKind::Targets, records("targets_openpyxl.xlsx"));
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    const auto& file = r.files[0];
    CHECK(file.rowsRead() == 7);
    CHECK(file.rowsImported() == 3);
    CHECK(file.rowsSkipped() == 4);
    const auto byRow = problemsByRow(file);
    CHECK(byRow.at(6).count(roster::code::kMetricInvalid) == 1);
    CHECK(byRow.at(7).count(roster::code::kGoalInvalid) == 1);
    CHECK(byRow.at(8).count(roster::code::kNotWritten) == 1);   // 江北街道 is no unit
    CHECK(problemAt(file, 8)->message.find("江北街道") != std::string::npos);
    CHECK(byRow.at(9).count(roster::code::kTitleMissing) == 1);

    TargetStore store(f.storage);
    auto targets = store.targets(2026);
    REQUIRE(targets.size() == 3);
    int anyLevel = 0, atLevel = 0;
    for (const Target& t : targets) {
        if (t.metric != "title_rate") continue;
        if (t.atLevel) {
            ++atLevel;
            CHECK(t.goal == doctest::Approx(0.25));
        } else {
            ++anyLevel;
            CHECK(t.goal == doctest::Approx(0.9));
        }
    }
    CHECK(anyLevel == 1);
    CHECK(atLevel == 1);

    TempFile changed("targets.csv",
                     "年度,单位,指标,称号,级别,目标值\n"
                     "2026,临江区,创建率,平安家庭,,92%\n"      // any level: updated
                     "2026,临江区,创建率,平安家庭,区,25%\n"    // unchanged
                     "2026,和平社区,创建率,平安家庭,,95%\n");  // new
    const auto second = f.run(RosterKind::Targets, changed.path);
    REQUIRE(second.status == RosterImportResult::Status::Committed);
    CHECK(second.files[0].rowsUpdated() == 1);
    CHECK(second.files[0].rowsImported() == 1);
    CHECK(store.targets(2026).size() == 4);
    ImportStore(f.storage).undo(second.files[0].batch);
    targets = store.targets(2026);
    CHECK(targets.size() == 3);
    for (const Target& t : targets)
        if (t.metric == "title_rate" && !t.atLevel) CHECK(t.goal == doctest::Approx(0.9));
    ImportStore(f.storage).undo(r.files[0].batch);
    CHECK(store.targets(2026).empty());
}

TEST_CASE("indicators from openpyxl: values with their measure, bad rows, re-import updates, undo restores") {
    Fixture f;
    REQUIRE(f.run(RosterKind::Units, records("units_openpyxl.xlsx")).status == RosterImportResult::Status::Committed);
    const auto r = f.run(RosterKind::Indicators, records("indicators_openpyxl.xlsx"));
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    CHECK(r.files[0].rowsImported() == 3);
    CHECK(r.files[0].rowsSkipped() == 1);
    CHECK(problemsByRow(r.files[0]).at(6).count(roster::code::kValueInvalid) == 1);
    TargetStore store(f.storage);
    auto list = store.indicators(2026);
    REQUIRE(list.size() == 3);
    bool money = false;
    for (const ManualIndicator& m : list)
        if (m.name == "帮扶困难妇女资金") {
            money = true;
            CHECK(m.value == 4000);
            CHECK(m.unit == "元");
        }
    CHECK(money);
    TempFile changed("indicators.csv",
                     "年度,单位,指标名称,数值,计量单位,备注\n"
                     "2026,临江区,来访件数,15,件,调处率100%\n"
                     "2026,临江区,家长学校,3,所,\n"
                     "2026,新华社区,宣讲,1,次,\n");
    const auto second = f.run(RosterKind::Indicators, changed.path);
    CHECK(second.files[0].rowsUpdated() == 1);
    CHECK(second.files[0].rowsImported() == 1);
    CHECK(second.files[0].rowsSkipped() == 1);   // 新华社区 is no unit
    CHECK(problemAt(second.files[0], 4)->message.find("新华社区") != std::string::npos);
    CHECK(store.indicators(2026).size() == 4);
    ImportStore(f.storage).undo(second.files[0].batch);
    list = store.indicators(2026);
    CHECK(list.size() == 3);
    for (const ManualIndicator& m : list)
        if (m.name == "来访件数") CHECK(m.value == 12);
}

TEST_CASE("undoing a batch whose rows were changed since is refused, nothing changed") {
    Fixture f;
    const auto first = f.run(RosterKind::Units, records("units_openpyxl.xlsx"));
    TempFile csv("units.csv", kUnitsCsv);
    REQUIRE(f.run(RosterKind::Units, csv.path).status == RosterImportResult::Status::Committed);
    // 幸福社区 was changed by the second batch: the first cannot take it back.
    CHECK_THROWS_AS(ImportStore(f.storage).undo(first.files[0].batch), StorageError);
    CHECK(f.storage.count("org_unit") == 9);
}

TEST_CASE("every import template carries the importer's headers and imports as it is") {
    for (RosterKind kind : roster::allKinds()) {
        CAPTURE(roster::kindKey(kind));
        const std::string path = assetTemplate(importTemplateFileName(kind));
        REQUIRE(std::filesystem::exists(path));
        const std::vector<ExportTable> expected = importTemplate(kind);
        REQUIRE(expected.size() == 2);
        CHECK(expected[1].sheetName == "填写说明");
        struct Sink : sheet::RowSink {
            std::vector<std::string> sheets;
            std::vector<std::vector<std::string>> first;
            bool beginSheet(const sheet::SheetInfo& s) override {
                sheets.push_back(s.name);
                return true;
            }
            bool row(const sheet::Row& r) override {
                if (sheets.size() == 1 && r.number == 1) {
                    first.emplace_back();
                    for (const auto& c : r.cells) first.back().push_back(c.text);
                }
                return true;
            }
        } sink;
        REQUIRE(sheet::readSpreadsheet(path, sink).status == sheet::ReadStatus::Ok);
        REQUIRE(sink.sheets.size() == 2);
        CHECK(sink.sheets[1] == "填写说明");
        REQUIRE(sink.first.size() == 1);
        CHECK(sink.first[0] == expected[0].headers);   // the committed file is the generator's output
    }
    // The units template imports into an empty database without a problem.
    Fixture f;
    const auto r = f.run(RosterKind::Units, assetTemplate("units.xlsx"));
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    CHECK(r.files[0].rowsSkipped() == 0);
    CHECK(r.files[0].rowsImported() == 6);
    // The targets and indicators templates import onto those units.
    const auto t = f.run(RosterKind::Targets, assetTemplate("targets.xlsx"));
    REQUIRE_MESSAGE(t.status == RosterImportResult::Status::Committed, t.error);
    CHECK(t.files[0].rowsSkipped() == 0);
    const auto i = f.run(RosterKind::Indicators, assetTemplate("indicators.xlsx"));
    REQUIRE_MESSAGE(i.status == RosterImportResult::Status::Committed, i.error);
    CHECK(i.files[0].rowsSkipped() == 0);
}

// ------------------------------------------------------------ 撤销 (Ctrl+Z) and the batch list

namespace {
RowId undoStepOf(Fixture& f, RowId batch) {
    Statement st = f.storage.db().prepare("SELECT coalesce(undo_step_id, 0) FROM import_batch WHERE id = ?");
    st.bind(1, batch);
    return st.step() ? st.columnInt(0) : -1;
}
std::string undoneAtOf(Fixture& f, RowId batch) {
    for (const ImportBatch& b : ImportStore(f.storage).batches())
        if (b.id == batch) return b.undoneAt;
    return "?";
}
} // namespace

TEST_CASE("an import undone with 撤销 (Ctrl+Z) shows as undone in the batch list, which then refuses it clearly; redo brings it back") {
    Fixture f;
    const auto first = f.run(RosterKind::Units, records("units_openpyxl.xlsx"));
    REQUIRE(first.status == RosterImportResult::Status::Committed);
    const RowId batch = first.files[0].batch;
    const RowId step = undoStepOf(f, batch);
    REQUIRE(step > 0);
    UndoStore undo(f.storage);
    const auto last = undo.lastStep();
    REQUIRE(last);
    CHECK(last->id == step);
    REQUIRE(undo.undoLast());
    CHECK(f.storage.count("org_unit") == 0);
    CHECK_FALSE(undoneAtOf(f, batch).empty());   // in the same transaction as the undo

    std::string refusal;
    try {
        ImportStore(f.storage).undo(batch);
    } catch (const StorageError& e) {
        refusal = e.what();
    }
    CHECK_MESSAGE(refusal.find("已经撤销过了") != std::string::npos, refusal);
    CHECK(refusal.find("不需要再撤销") != std::string::npos);
    CHECK(refusal.find("重做") != std::string::npos);
    CHECK(f.storage.count("org_unit") == 0);

    // 重做 puts the rows back: the batch stands again, keeping the redo's step.
    REQUIRE(undo.redoLast());
    CHECK(f.storage.count("org_unit") == 8);
    CHECK(undoneAtOf(f, batch).empty());
    const RowId redoStep = undoStepOf(f, batch);
    CHECK(redoStep > step);
    // … and the batch list undoes it (the redo's step) as before.
    const auto summary = ImportStore(f.storage).undo(batch);
    CHECK(summary.throughStep);
    CHECK(summary.rowsUndone == 8);
    CHECK(f.storage.count("org_unit") == 0);
    CHECK_FALSE(undoneAtOf(f, batch).empty());
}

TEST_CASE("an import undone from the batch list is not offered again by 撤销; a step undone before batches were marked is marked on the next try") {
    Fixture f;
    const auto first = f.run(RosterKind::Units, records("units_openpyxl.xlsx"));
    REQUIRE(first.status == RosterImportResult::Status::Committed);
    const RowId batch = first.files[0].batch;
    const RowId step = undoStepOf(f, batch);
    ImportStore(f.storage).undo(batch);
    CHECK(f.storage.count("org_unit") == 0);
    UndoStore undo(f.storage);
    const auto last = undo.lastStep();
    CHECK((!last || last->id != step));
    CHECK_FALSE(undo.undoStep(step));            // already taken back: nothing to undo
    CHECK(f.storage.count("org_unit") == 0);

    // An older database: the step undone with Ctrl+Z, the batch left standing.
    const auto second = f.run(RosterKind::Units, records("units_openpyxl.xlsx"));
    REQUIRE(second.status == RosterImportResult::Status::Committed);
    const RowId again = second.files[0].batch;
    REQUIRE(undo.undoLast());
    f.storage.db().exec("UPDATE import_batch SET undone_at = NULL WHERE id = " + std::to_string(again));
    CHECK(undoneAtOf(f, again).empty());
    CHECK_THROWS_WITH_AS(ImportStore(f.storage).undo(again), doctest::Contains("不需要再撤销"), StorageError);
    CHECK_FALSE(undoneAtOf(f, again).empty());   // marked now
    CHECK(f.storage.count("org_unit") == 0);
}
