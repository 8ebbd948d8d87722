// ui_import_records_test.cpp — the 导入 wizard for units, targets and
// indicators, headless: the kind chosen at its start, 保存导入模板, a units
// workbook written by openpyxl (its 填写说明 sheet unticked), the check with
// Excel's row numbers, the import, and the batch undone from 导入批次.
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"
#include "core/table_export.hpp"
#include "headless_ui.hpp"
#include "storage/import_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "ui/screen_import.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

using namespace jinguo;

namespace {

using test::records;

struct Fixture {
    ui::ManualTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    ui::AppState app{storage};
    std::filesystem::path dir = std::filesystem::temp_directory_path()
                              / ("jinguo_ui_records_" + std::to_string(::getpid()));
    Fixture() {
        std::filesystem::create_directories(dir);
        app.today = "2026-06-30";
        app.section = ui::Section::Import;
    }
    ~Fixture() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    ui::ImportScreen& screen() { return ui::importScreen(app); }
};

void finishRun(test::HeadlessUi& ui, Fixture& f) {
    f.tasks.runAll();
    ui.frame();
    ui.frame();
}

} // namespace

TEST_CASE("the wizard imports units: kind chosen first, template saved, rows checked, imported, undone") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.click("import.kind.units");
    CHECK(s.kind == roster::RosterKind::Units);

    // 保存导入模板: the units template, with its 填写说明 sheet.
    const std::string saved = (f.dir / "单位导入模板.xlsx").string();
    ui.click("import.save_template");
    ui.type("import.template_picker.path", saved);
    ui.click("import.template_picker.ok");
    REQUIRE_MESSAGE(!s.templateFailed, s.templateMessage);
    REQUIRE(std::filesystem::exists(saved));
    sheet::ReadResult listed = sheet::listSheets(saved);
    REQUIRE(listed.info.sheets.size() == 2);
    CHECK(listed.info.sheets[1].name == "填写说明");

    ui.type("import.picker.path", records("units_openpyxl.xlsx"));
    ui.click("import.picker.ok");
    REQUIRE_MESSAGE(s.error.empty(), s.error);
    REQUIRE(s.step == ui::ImportScreen::Step::Sheets);
    REQUIRE(s.sheets.size() == 2);
    CHECK(s.sheets[0].chosen);
    CHECK_FALSE(s.sheets[1].chosen);   // 填写说明
    ui.click("import.next");
    REQUIRE(s.step == ui::ImportScreen::Step::Preview);
    REQUIRE(s.previews.size() == 1);
    REQUIRE(s.previews[0].mapping.has_value());
    CHECK(s.previews[0].mapping->headerRowNumber == 2);
    CHECK(s.previews[0].mapping->has(roster::Field::ParentUnit));

    ui.click("import.check");
    REQUIRE(ui::importJobRunning(s));
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    CHECK(f.storage.count("org_unit") == 0);   // the check writes nothing
    bool row9 = false, row11 = false;
    for (const ui::ImportProblemLine& p : s.problems) {
        row9 = row9 || p.row == 9;   // 石桥乡 (乡) is a kind: no problem
        row11 = row11 || (p.row == 11 && p.code == "unit_cycle");
    }
    CHECK_FALSE(row9);
    CHECK(row11);

    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("org_unit") == 8);

    const RowId batch = storage::ImportStore(f.storage).batches().at(0).id;
    const std::string key = "import.batch." + std::to_string(batch);
    ui.click("import.tab.batches");
    ui.click(key + ".undo");
    ui.click(key + ".confirm");
    CHECK(f.tasks.runAll() == 1);
    ui.frame();
    CHECK(f.storage.count("org_unit") == 0);
    CHECK(s.batchMessage.find("撤回了这次导入写入的") != std::string::npos);
}

TEST_CASE("the wizard offers honours, posts and activities; a posts workbook is checked, imported and undone") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.click("import.kind.units");
    ui.type("import.picker.path", records("units_openpyxl.xlsx"));
    ui.click("import.picker.ok");
    ui.click("import.next");
    ui.click("import.check");
    finishRun(ui, f);
    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    REQUIRE(f.storage.count("org_unit") == 8);

    ui.click("import.another");
    REQUIRE(s.step == ui::ImportScreen::Step::File);
    ui.click("import.kind.honours");
    CHECK(s.kind == roster::RosterKind::Honours);
    ui.click("import.kind.activities");
    CHECK(s.kind == roster::RosterKind::Activities);
    ui.click("import.kind.posts");
    REQUIRE(s.kind == roster::RosterKind::Posts);
    ui.type("import.picker.path", records("posts_openpyxl.xlsx"));
    ui.click("import.picker.ok");
    REQUIRE_MESSAGE(s.error.empty(), s.error);
    if (s.step == ui::ImportScreen::Step::Sheets) ui.click("import.next");   // one sheet: straight to the preview
    REQUIRE(s.step == ui::ImportScreen::Step::Preview);
    REQUIRE(s.previews.at(0).mapping.has_value());
    CHECK(s.previews[0].mapping->has(roster::Field::WorkUnit));
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    CHECK(f.storage.count("post") == 0);
    bool row8 = false;
    for (const ui::ImportProblemLine& p : s.problems) row8 = row8 || (p.row == 8 && p.code == "status_invalid");
    CHECK(row8);
    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("post") == 3);

    const RowId batch = storage::ImportStore(f.storage).batches().at(0).id;
    const std::string key = "import.batch." + std::to_string(batch);
    ui.click("import.tab.batches");
    ui.click(key + ".undo");
    ui.click(key + ".confirm");
    CHECK(f.tasks.runAll() == 1);
    ui.frame();
    CHECK(f.storage.count("post") == 0);
    CHECK(f.storage.count("org_unit") == 8);
}

namespace {
// The cells of the first sheet as the reader sees them (kind, number, date format).
struct CollectCells : sheet::RowSink {
    std::vector<std::vector<sheet::Cell>> rows;
    bool beginSheet(const sheet::SheetInfo&) override { return rows.empty(); }
    bool row(const sheet::Row& r) override {
        rows.push_back(r.cells);
        return true;
    }
};
} // namespace

TEST_CASE("activities: the check says 不会导入, the import 未导入; 问题清单.xlsx keeps dates as dates, numbers as numbers") {
    Fixture f;
    test::buildDistrict(f.storage, {0, {{"滨江街道", 0, 0, {{"幸福社区", 3200}}}}});
    // As Excel writes it: 日期 date cells, 参与人数 numbers. Row 3 lacks its name
    // (refused by the check), row 4 names a unit not in 组织 (refused when written).
    ExportTable source;
    source.sheetName = "活动";
    source.headers = {"活动名称", "日期", "单位", "类型", "参与人数", "备注"};
    source.rows = {{"三八妇女节宣传", "2026-03-08", "幸福社区", "宣传", "120", ""},
                   {"", "2026-03-09", "幸福社区", "宣传", "30", ""},
                   {"困难妇女走访慰问", "2021-07-16", "不存在社区", "帮扶", "15", "发放慰问品"}};
    const std::vector<ExportCell> kinds = {ExportCell::Text, ExportCell::Date,   ExportCell::Text,
                                           ExportCell::Text, ExportCell::Number, ExportCell::Text};
    source.cellKinds = {kinds, kinds, kinds};
    const std::string file = (f.dir / "活动.xlsx").string();
    REQUIRE(writeExport(file, source).empty());

    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.click("import.kind.activities");
    REQUIRE(s.kind == roster::RosterKind::Activities);
    ui.type("import.picker.path", file);
    ui.click("import.picker.ok");
    REQUIRE_MESSAGE(s.error.empty(), s.error);
    if (s.step == ui::ImportScreen::Step::Sheets) ui.click("import.next");
    REQUIRE(s.step == ui::ImportScreen::Step::Preview);
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    auto messageOf = [&](int row) {
        std::string all;
        for (const ui::ImportProblemLine& p : s.problems)
            if (p.row == row) all += p.message;
        return all;
    };
    CHECK_MESSAGE(messageOf(4).find("本行不会导入") != std::string::npos, messageOf(4));
    CHECK(messageOf(4).find("未导入") == std::string::npos);
    CHECK(!messageOf(3).empty());
    CHECK(s.outcome.find("有问题不会导入 2 行") != std::string::npos);

    const std::string saved = (f.dir / "活动_问题清单.xlsx").string();
    ui.click("import.save_problems");
    ui.type("import.problems_picker.path", saved);
    ui.click("import.problems_picker.ok");
    REQUIRE_MESSAGE(std::filesystem::exists(saved), s.problemMessage);
    CollectCells cells;
    REQUIRE(sheet::readSpreadsheet(saved, cells).status == sheet::ReadStatus::Ok);
    REQUIRE(cells.rows.size() == 3);   // the header, rows 3 and 4
    const auto& header = cells.rows[0];
    auto col = [&](const std::string& name) {
        for (std::size_t c = 0; c < header.size(); ++c)
            if (header[c].text == name) return c;
        FAIL("no column " << name);
        return std::size_t(0);
    };
    const std::size_t row = col("行号"), kind = col("类别"), date = col("日期"), people = col("参与人数"),
                      unit = col("单位");
    std::set<int> rows;
    for (std::size_t r = 1; r < cells.rows.size(); ++r) {
        auto line = cells.rows[r];
        line.resize(header.size());
        CAPTURE(r);
        REQUIRE(line[row].kind == sheet::Cell::Kind::Number);
        rows.insert(static_cast<int>(line[row].number));
        CHECK(line[kind].text == "错误");
        CHECK(line[unit].kind == sheet::Cell::Kind::Text);
        CHECK(line[people].kind == sheet::Cell::Kind::Number);   // a number, not "30" as text
        REQUIRE(line[date].kind == sheet::Cell::Kind::Number);
        CHECK(line[date].dateFormatted);                          // a date cell, shown as a date
        const auto d = roster::readDateCell(line[date], false, 2026);
        REQUIRE(d.value);
        if (line[row].number == 3) {
            CHECK(line[people].number == 30);
            CHECK(*d.value == "2026-03-09");
        } else {
            CHECK(line[people].number == 15);
            CHECK(line[date].number == 44393);                    // 2021-07-16
            CHECK(*d.value == "2021-07-16");
            CHECK(line[unit].text == "不存在社区");
        }
    }
    CHECK(rows == std::set<int>{3, 4});

    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("activity") == 1);
    CHECK_MESSAGE(messageOf(4).find("本行未导入") != std::string::npos, messageOf(4));
    CHECK(messageOf(4).find("不会导入") == std::string::npos);
    CHECK(s.outcome.find("有问题未导入 2 行") != std::string::npos);
}
