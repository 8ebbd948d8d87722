// ui_undo_stores_test.cpp — on the 家庭 screen, deleting asks first, and
// Ctrl+Z brings the household back with its titles and their history, row
// for row; a title removed on its own comes back the same way.
#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_families.hpp"
#include "ui/undo_shortcut.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    storage::RecordStore records{storage};
    RowId community = 0, family = 0, award = 0, event = 0;
    // The 家庭 list is loaded by a ui::Task: inline, it arrives in the frame
    // that asks for it, so a test can click and check at once.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    Fixture() {
        const RowId district = records.addUnit({0, 0, "临江区", UnitKind::District, 5000, 0});
        const RowId street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 3000, 0});
        community = records.addUnit({0, street, "望江社区", UnitKind::Community, 3000, 0});
        family = records.addFamily({0, "张三", "望江路12号", 4, community, "三代同堂"});
        storage::FamilyAwardInput in;
        in.title = "平安家庭";
        in.level = "社区";
        in.year = 2025;
        in.docNumber = "临妇〔2025〕7号";
        award = records.addFamilyAward(family, in);
        AwardEvent e;
        e.awardId = award;
        e.status = "命名";
        e.happenedOn = "2025-12-01";
        e.docNumber = in.docNumber;
        event = storage.insertAwardEvent(e);
        app.today = "2026-11-29";
        app.section = ui::Section::Families;
    }

    // The household's rows as the audit log keeps them.
    std::string rows() {
        return storage.rowJson("family", family) + "\n" + storage.rowJson("award", award) + "\n"
             + storage.rowJson("award_event", event);
    }
};

void pressCtrlZ(test::HeadlessUi& ui) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Z] = 'Z';
    io.KeyCtrl = true;
    io.KeysDown['Z'] = true;
    ui.frame();
    io.KeysDown['Z'] = false;
    io.KeyCtrl = false;
    ui.frame();
}

} // namespace

TEST_CASE("a family deleted on the 家庭 screen after its confirmation comes back whole with Ctrl+Z") {
    Fixture f;
    const std::string before = f.rows();
    test::HeadlessUi ui(f.app);
    ui.click("family.row." + std::to_string(f.family));
    ui.click("family.delete");
    CHECK(f.records.family(f.family));                       // asked, not yet deleted
    REQUIRE(ui.visible("family.delete_confirm.ok"));
    ui.click("family.delete_confirm.ok");
    REQUIRE_FALSE(f.records.family(f.family));
    CHECK(f.storage.count("award") == 0);
    CHECK(f.storage.count("award_event") == 0);
    ui.frame();
    CHECK_FALSE(ui.visible("family.row." + std::to_string(f.family)));

    pressCtrlZ(ui);
    CHECK(ui::undoMessage().find("已撤销：删除家庭 张三") == 0);
    CHECK(f.rows() == before);                               // same ids, every column
    CHECK(ui.visible("family.row." + std::to_string(f.family)));
    CHECK(f.records.familyAwards(f.family).size() == 1);
}

TEST_CASE("a title removed on the 家庭 screen comes back with its history with Ctrl+Z") {
    Fixture f;
    const std::string before = f.rows();
    test::HeadlessUi ui(f.app);
    ui.click("family.row." + std::to_string(f.family));
    ui.click("award.delete." + std::to_string(f.award));
    ui.click("award.delete_confirm.ok");
    REQUIRE(f.records.familyAwards(f.family).empty());
    CHECK(f.storage.count("award_event") == 0);

    pressCtrlZ(ui);
    CHECK(ui::undoMessage().find("已撤销：删除荣誉 张三 平安家庭") == 0);
    CHECK(f.rows() == before);
}
