// ui_import_unknown_units_test.cpp — the 导入 wizard after a check finds
// 所属社区 names that are not in 组织 (issue 12 §2), driven headless on the
// committed roster tests/data/rosters/gen_utf8.csv: the panel lists each name
// with its rows; 梅园社区 is put in 梅园社区居委会 by itself (same name but the
// suffix), 滨江社区 is mapped to another 社区 through the unit picker, the
// other two are created under the 街道 picked, in one undo step; the check
// runs again and the import places every row.
#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
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
    RowId street = 0, otherStreet = 0, bailu = 0, meiyuan = 0;

    Fixture() {
        const RowId district = storage.insertUnit({0, 0, "武昌区", UnitKind::District, 0, 0});
        street = storage.insertUnit({0, district, "水果湖街道", UnitKind::Street, 0, 0});
        otherStreet = storage.insertUnit({0, district, "中华路街道", UnitKind::Street, 0, 0});
        bailu = storage.insertUnit({0, street, "白鹭社区", UnitKind::Community, 1000, 0});
        meiyuan = storage.insertUnit({0, street, "梅园社区居委会", UnitKind::Community, 900, 0});
        app.today = "2026-11-29";
        app.section = ui::Section::Import;
    }
    ui::ImportScreen& screen() { return ui::importScreen(app); }
    int indexOf(const std::string& name) {
        const auto& list = screen().unknownUnits;
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].found.name == name) return static_cast<int>(i);
        FAIL("not listed: " << name);
        return -1;
    }
    std::string unitOf(const std::string& idNumber) {
        const auto p = storage.personByIdNumber(idNumber);
        REQUIRE(p.has_value());
        return p->unitId == 0 ? "(none)" : storage::RecordStore(storage).unit(p->unitId)->name;
    }
};

void finishRun(test::HeadlessUi& ui, Fixture& f) {
    f.tasks.runAll();
    ui.frame();
    ui.frame();
}

} // namespace

TEST_CASE("unknown 所属社区: listed with rows, mapped or created under a 街道 in one step, then every row is placed") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, test::corpus("gen_utf8.csv"));
    ui.frame();
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);

    // The panel: four names with their rows.
    REQUIRE(s.unknownUnits.size() == 4);
    const int guangming = f.indexOf("光明社区"), gongzheng = f.indexOf("公正社区");
    const int meiyuan = f.indexOf("梅园社区"), binjiang = f.indexOf("滨江社区");
    CHECK(s.unknownUnits[static_cast<std::size_t>(binjiang)].found.rows == 2);
    CHECK(s.unknownUnits[static_cast<std::size_t>(guangming)].found.rows == 1);
    for (int i = 0; i < 4; ++i) CHECK(ui.visible("import.unknown." + std::to_string(i) + ".choice"));
    // 梅园社区 → 梅园社区居委会 by itself; the others start as 新建.
    CHECK(s.unknownUnits[static_cast<std::size_t>(meiyuan)].choice == 1);
    CHECK(s.unknownUnits[static_cast<std::size_t>(meiyuan)].found.suggestions.at(0).id == f.meiyuan);
    CHECK(s.unknownUnits[static_cast<std::size_t>(gongzheng)].choice == 0);

    // 滨江社区 → another 社区, picked in the unit combo (归入其他社区/村…).
    const std::string b = "import.unknown." + std::to_string(binjiang);
    const int other = static_cast<int>(s.unknownUnits[static_cast<std::size_t>(binjiang)].found.suggestions.size()) + 1;
    ui.click(b + ".choice");
    ui.click(b + ".choice.option." + std::to_string(other));
    CHECK(s.unknownUnits[static_cast<std::size_t>(binjiang)].choice == other);
    ui.click(b + ".unit");
    ui.click(b + ".unit.option." + std::to_string(f.bailu));
    CHECK(s.unknownUnits[static_cast<std::size_t>(binjiang)].mapTo == f.bailu);

    // 新建 without a 街道: refused, nothing created.
    const std::int64_t units = f.storage.count("org_unit");
    ui.click("import.unknown.create");
    CHECK(s.unknownFailed);
    CHECK(s.unknownMessage.find("请先选择") == 0);
    CHECK_FALSE(ui::importJobRunning(s));
    CHECK(f.storage.count("org_unit") == units);

    // Pick 水果湖街道 and create the two marked 新建: one step, the check runs again.
    ui.click("import.unknown.street");
    ui.click("import.unknown.street.option." + std::to_string(f.street));
    CHECK(s.createUnder == f.street);
    ui.click("import.unknown.create");
    CHECK(f.storage.count("org_unit") == units + 2);
    const auto step = storage::UndoStore(f.storage).lastStep();
    REQUIRE(step.has_value());
    CHECK(step->label == "新建2个社区");
    REQUIRE(ui::importJobRunning(s));
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    CHECK(s.unknownUnits.empty());                                   // every row counts as known now
    CHECK(s.outcome.find("找不到") == std::string::npos);
    CHECK(s.unitAliases.size() == 2);
    CHECK(f.storage.count("person") == 0);                           // still only a check

    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("person") == 6);
    CHECK(f.unitOf("42010619600217635X") == "梅园社区居委会");   // 梅园社区 in the file
    CHECK(f.unitOf("420103197601197334") == "公正社区");         // created
    CHECK(f.unitOf("420111195803245809") == "白鹭社区");         // 滨江社区 in the file, mapped
    for (const auto& p : f.storage.units()) CHECK(p.name != "滨江社区");
}

TEST_CASE("only mapping: the names marked 新建 stay unknown, and 其他 without a unit is asked for") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, test::corpus("gen_utf8.csv"));
    ui.frame();
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE(s.unknownUnits.size() == 4);
    const int binjiang = f.indexOf("滨江社区");
    const std::string b = "import.unknown." + std::to_string(binjiang);
    const int other = static_cast<int>(s.unknownUnits[static_cast<std::size_t>(binjiang)].found.suggestions.size()) + 1;
    ui.click(b + ".choice");
    ui.click(b + ".choice.option." + std::to_string(other));
    ui.click("import.unknown.apply");
    CHECK(s.unknownFailed);
    CHECK(s.unknownMessage.find("滨江社区") != std::string::npos);
    CHECK_FALSE(ui::importJobRunning(s));

    ui.click(b + ".choice");
    ui.click(b + ".choice.option.0");   // back to 新建: only 梅园社区 is mapped
    ui.click("import.unknown.apply");
    REQUIRE(ui::importJobRunning(s));
    finishRun(ui, f);
    CHECK(s.unknownUnits.size() == 3);   // 梅园社区 is placed, the rest still listed
    CHECK(s.unitAliases.count("梅园社区") == 1);
    CHECK(f.storage.count("org_unit") == 5);
}
