// ui_import_record_streets_test.cpp — the 导入 wizard on a 荣誉 file with a
// 所属街道 column (tests/data/records_streets.py), headless: the column is
// recognized in the preview's mapping, and the check lists — before anything
// is written — the ambiguous 新村社区 and the misspelt street as errors with
// the streets named, and the 社区 under another street as a warning, drawn in
// the problem table; the import then writes the other rows.
#include "core/roster_rows.hpp"
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "ui/screen_import.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    ui::ManualTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    ui::AppState app{storage};

    Fixture() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        const RowId jiangbin = storage.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 0});
        const RowId chengguan = storage.insertUnit({0, district, "城关街道", UnitKind::Street, 0, 0});
        storage.insertUnit({0, jiangbin, "新村社区", UnitKind::Community, 800, 0});
        storage.insertUnit({0, jiangbin, "幸福社区", UnitKind::Community, 900, 0});
        storage.insertUnit({0, chengguan, "新村社区", UnitKind::Community, 700, 0});
        app.today = "2026-11-29";
        app.section = ui::Section::Import;
    }
    ui::ImportScreen& screen() { return ui::importScreen(app); }
};

void finishRun(test::HeadlessUi& ui, Fixture& f) {
    f.tasks.runAll();
    ui.frame();
    ui.frame();
}

int lineOf(const ui::ImportScreen& s, int row, const std::string& code) {
    for (std::size_t i = 0; i < s.problems.size(); ++i)
        if (s.problems[i].row == row && s.problems[i].code == code) return static_cast<int>(i);
    return -1;
}

} // namespace

TEST_CASE("import check of 荣誉 with 所属街道: the ambiguous 社区 and the wrong streets are shown before anything is written") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.click("import.kind.honours");
    REQUIRE(s.kind == roster::RosterKind::Honours);
    ui.type("import.picker.path", test::records("streets_honours.xlsx"));
    ui.click("import.picker.ok");
    REQUIRE_MESSAGE(s.error.empty(), s.error);
    if (s.step == ui::ImportScreen::Step::Sheets) ui.click("import.next");
    REQUIRE(s.step == ui::ImportScreen::Step::Preview);
    REQUIRE(s.previews.at(0).mapping.has_value());
    CHECK(s.previews[0].mapping->columnOf(roster::Field::Street) == 1);      // column B, 所属街道
    CHECK(s.previews[0].mapping->columnOf(roster::Field::OwnerUnit) == 2);   // column C, 所属社区

    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    CHECK(f.storage.count("award") == 0);   // only a check

    const int ambiguous = lineOf(s, 4, roster::code::kUnitAmbiguous);
    REQUIRE(ambiguous >= 0);
    const ui::ImportProblemLine& line = s.problems[static_cast<std::size_t>(ambiguous)];
    CHECK_FALSE(line.warning);
    CHECK(line.message.find("“新村社区”在江滨街道、城关街道都有") != std::string::npos);
    CHECK(line.message.find("本行不会导入") != std::string::npos);
    CHECK(line.message.find("请在“所属街道”列写明街道") != std::string::npos);
    CHECK(ui.visible("import.problem." + std::to_string(ambiguous) + ".row"));   // drawn in the table
    const int misspelt = lineOf(s, 5, roster::code::kUnitNotInStreet);
    REQUIRE(misspelt >= 0);
    CHECK_FALSE(s.problems[static_cast<std::size_t>(misspelt)].warning);
    CHECK(s.problems[static_cast<std::size_t>(misspelt)].message.find("“江宾街道”") != std::string::npos);
    CHECK(ui.visible("import.problem." + std::to_string(misspelt) + ".row"));
    const int differs = lineOf(s, 6, roster::code::kUnitStreetDiffers);   // the only 幸福社区 is 江滨's
    REQUIRE(differs >= 0);
    CHECK(s.problems[static_cast<std::size_t>(differs)].warning);

    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("award") == 6);   // rows 4 and 5 refused
    CHECK(lineOf(s, 4, roster::code::kUnitAmbiguous) >= 0);   // and in the result's list
}
