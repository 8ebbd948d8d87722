// pg_settings_test.cpp — 设置 on a server (issue 18), headless against the
// throw-away cluster: every tab draws (the rules, the badge catalogue with its
// counts, the title catalogue, the text size, the backups note, 用户), a rule
// is saved and a title added, repriced and deleted through the screen, and
// the server's rows say so. Before, a server showed the 用户 tab alone.
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "support/pg_cluster.hpp"
#include "ui/screen_settings.hpp"
#include "ui/task_runner.hpp"
#include "ui/ui_strings.hpp"

#include <doctest/doctest.h>

#include <imgui.h>

using namespace jinguo;

namespace {

double titlePoints(storage::Storage& s, RowId id) {
    storage::Statement st = s.db().prepare("SELECT points FROM award_title WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.columnDouble(0) : -1;
}

} // namespace

TEST_SUITE("pg_settings") {

TEST_CASE("设置 on a server: every tab draws; a rule is saved, a title added, repriced and deleted") {
    storage::Storage server(::test::PgCluster::shared().createDatabase());
    REQUIRE(server.db().isServer());
    {
        // A badge earned, so the badge tab's count (a Task on its own connection) has one to show.
        storage::Statement unit = server.db().prepareInsert("INSERT INTO org_unit (name, kind) VALUES ('临江区', '区')");
        const RowId district = unit.runInsert();
        server.db().exec("INSERT INTO badge_earned (badge_code, unit_id, period, earned_on, announced) VALUES"
                         " ('first_service', " + std::to_string(district) + ", 'a', '2026-01-01', 1)");
    }
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{server};
    app.today = "2026-11-29";
    app.section = ui::Section::Settings;
    jinguo::test::HeadlessUi ui([&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("settings");
        ui::drawSettingsScreen(app, ui::settingsScreen(app));
        ImGui::End();
    });
    ui::SettingsScreen& screen = ui::settingsScreen(app);
    ui.frame();
    // The rules tab, read from the server.
    REQUIRE(ui.visible("rule.points.per_verified_hour"));
    CHECK(screen.stored.at("points.per_verified_hour") == "1");
    ui.type("rule.points.per_verified_hour", "２");
    ui.click("rules.save");
    CHECK(screen.problems.empty());
    CHECK(server.setting("points.per_verified_hour", "") == "2");
    ui.type("rule.points.per_verified_hour", "-1");
    ui.click("rules.save");
    CHECK_FALSE(screen.problems.empty());   // refused in Chinese, nothing written
    CHECK(server.setting("points.per_verified_hour", "") == "2");
    ui.type("rule.points.per_verified_hour", "2");

    // The badge catalogue and its counts.
    ui.click("settings.tab.badges");
    ui.frame();
    CHECK(ui.visible("badge.first_service"));
    CHECK(screen.badges.size() >= 12);
    REQUIRE(screen.badgeCounts.result() != nullptr);
    CHECK(screen.badgeCounts.result()->at("first_service") == 1);

    // The title catalogue: add, reprice, delete.
    ui.click("settings.tab.titles");
    ui.type("title.add.name", "一心向党家庭");
    ui.type("title.add.points", "12");
    ui.click("title.add.submit");
    CHECK(screen.titleError.empty());
    const RowId mine = server.awardTitleId("一心向党家庭", "family", "区");
    REQUIRE(mine != 0);
    CHECK(titlePoints(server, mine) == 12);
    ui.frame();
    ui.click("title.row." + std::to_string(mine));
    REQUIRE(screen.edit.id == mine);
    ui.type("title.edit.points", "15");
    ui.click("title.edit.save");
    CHECK(screen.titleError.empty());
    CHECK(titlePoints(server, mine) == 15);
    ui.click("title.edit.delete");
    CHECK(server.awardTitleId("一心向党家庭", "family", "区") == 0);

    // The text size, the backups note (the server's pg_dump, no local files), the users.
    ui.click("settings.tab.display");
    ui.click("settings.tab.backups");
    ui.frame();
    CHECK(ui.visible("backups.server"));
    CHECK_FALSE(ui.visible("backups.now"));
    ui.click("settings.tab.users");
    ui.frame();
    CHECK(ui.visible("settings.tab.users"));
    CHECK(ui.visible("settings.tab.rules"));   // every tab stays, not 用户 alone
}

} // TEST_SUITE
