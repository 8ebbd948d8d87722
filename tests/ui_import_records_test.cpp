// ui_import_records_test.cpp — the 导入 wizard for units, targets and
// indicators, headless: the kind chosen at its start, 保存导入模板, a units
// workbook written by openpyxl (its 填写说明 sheet unticked), the check with
// Excel's row numbers, the import, and the batch undone from 导入批次.
#include "core/spreadsheet.hpp"
#include "headless_ui.hpp"
#include "storage/import_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_import.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

using namespace jinguo;

namespace {

std::string records(const std::string& name) {
    const char* dir = std::getenv("JINGUO_TEST_DATA");
    REQUIRE(dir != nullptr);
    return std::string(dir) + "/records/" + name;
}

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
