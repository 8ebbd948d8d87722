// ui_import_streets_test.cpp — the 导入 wizard's check on rosters whose 所属社区
// repeats across streets (新村社区 in 江滨街道 and 城关街道), driven headless on
// the committed rosters of tests/data/rosters_streets.py: the 所属街道 column
// is recognized in the mapping; the check lists the ambiguous row and the
// misspelt street with the streets named (and a street that differs from the
// tree's as a warning) before anything is written; after an import, a
// roster without the street shows that the stored people keep their 社区.
#include "headless_ui.hpp"
#include "core/roster_rows.hpp"
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
    RowId chengguanXincun = 0;

    Fixture() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        const RowId jiangbin = storage.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 0});
        const RowId chengguan = storage.insertUnit({0, district, "城关街道", UnitKind::Street, 0, 0});
        storage.insertUnit({0, jiangbin, "新村社区", UnitKind::Community, 800, 0});
        storage.insertUnit({0, jiangbin, "幸福社区", UnitKind::Community, 900, 0});
        chengguanXincun = storage.insertUnit({0, chengguan, "新村社区", UnitKind::Community, 700, 0});
        storage.insertUnit({0, chengguan, "城关社区", UnitKind::Community, 600, 0});
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

// The index of the problem line with this code at this row, or -1.
int lineOf(const ui::ImportScreen& s, int row, const std::string& code) {
    for (std::size_t i = 0; i < s.problems.size(); ++i)
        if (s.problems[i].row == row && s.problems[i].code == code) return static_cast<int>(i);
    return -1;
}

} // namespace

TEST_CASE("import check: 所属街道 mapped; the ambiguous 新村社区 and a wrong street are shown before anything is written") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, test::corpus("openpyxl_streets.xlsx"));
    ui.frame();
    REQUIRE_MESSAGE(s.error.empty(), s.error);
    REQUIRE(s.previews.size() == 1);
    REQUIRE(s.previews[0].mapping.has_value());
    CHECK(s.previews[0].mapping->columnOf(roster::Field::Street) == 2);   // column C, 所属街道
    CHECK(s.previews[0].mapping->columnOf(roster::Field::Unit) == 3);

    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    CHECK(f.storage.count("person") == 0);   // only a check

    const int ambiguous = lineOf(s, 5, roster::code::kUnitAmbiguous);
    REQUIRE(ambiguous >= 0);
    const ui::ImportProblemLine& line = s.problems[static_cast<std::size_t>(ambiguous)];
    CHECK_FALSE(line.warning);
    CHECK(line.message.find("“新村社区”在江滨街道、城关街道都有") != std::string::npos);
    CHECK(line.message.find("本行不会导入") != std::string::npos);
    CHECK(line.message.find("所属街道") != std::string::npos);
    CHECK(ui.visible("import.problem." + std::to_string(ambiguous) + ".row"));   // drawn in the table
    const int misspelt = lineOf(s, 6, roster::code::kUnitNotInStreet);
    REQUIRE(misspelt >= 0);
    CHECK(s.problems[static_cast<std::size_t>(misspelt)].message.find("“江宾街道”") != std::string::npos);
    const int differs = lineOf(s, 7, roster::code::kUnitStreetDiffers);   // the only 幸福社区 is 江滨's
    REQUIRE(differs >= 0);
    CHECK(s.problems[static_cast<std::size_t>(differs)].warning);

    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("person") == 6);
    CHECK(lineOf(s, 5, roster::code::kUnitAmbiguous) >= 0);   // and in the result's list
}

TEST_CASE("import check of a roster without streets: the kept 新村社区 is a warning, the new person's row an error") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, test::corpus("openpyxl_streets.xlsx"));
    ui.frame();
    ui.click("import.check");
    finishRun(ui, f);
    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    REQUIRE(f.storage.personByIdNumber("11010519910202004X")->unitId == f.chengguanXincun);

    ui.click("import.another");
    ui::openImportFile(f.app, s, test::corpus("python_csv_no_street.csv"));
    ui.frame();
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    const int kept = lineOf(s, 2, roster::code::kUnitKept);
    REQUIRE(kept >= 0);
    CHECK(s.problems[static_cast<std::size_t>(kept)].warning);
    CHECK(s.problems[static_cast<std::size_t>(kept)].message.find("仍归入原来的社区") != std::string::npos);
    const int refused = lineOf(s, 3, roster::code::kUnitAmbiguous);
    REQUIRE(refused >= 0);
    CHECK_FALSE(s.problems[static_cast<std::size_t>(refused)].warning);
}
