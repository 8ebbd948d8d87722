// ui_badge_incremental_test.cpp — after a save the announcer's evaluation
// judges only what the save marked (badge_dirty), and the card shows the
// badge it earned; such a run needs no rest after a long one.
#include "headless_ui.hpp"
#include "storage/badge_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/badge_announcer.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace jinguo;

TEST_CASE("after a save the badge card shows the newly earned badge from an incremental evaluation") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    const RowId community = test::buildDistrict(s, {2000, {}, {{"望江社区", 2000}}}).community(0);
    std::vector<RowId> people;
    for (int i = 0; i < 30; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        p.unitId = community;
        p.joinedOn = "2025-01-01";
        people.push_back(s.insertPerson(p));
        s.insertServiceRecord({0, people.back(), 0, "2025-03-08", 2, "", true, ""});
    }
    Person p;
    p.name = "林小雨";
    p.unitId = community;
    p.joinedOn = "2025-01-01";
    const RowId who = s.insertPerson(p);

    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks(tasks);
    ui::AppState app{s};
    app.today = "2026-11-29";
    app.section = ui::Section::Overview;
    test::HeadlessUi ui(app);
    ImGui::GetIO().BackendRendererName = "test";   // Auto, as in the window
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    REQUIRE(announcer.mode == ui::BadgeAnnouncer::Mode::Auto);
    for (int i = 0; i < 40; ++i) ui.frame();   // the day's first run: everyone, quietly (first evaluation)
    REQUIRE(announcer.evaluation.started() == 1);
    CHECK_FALSE(announcer.lastResult.incremental);
    CHECK(announcer.lastResult.peopleEvaluated == 30);
    CHECK_FALSE(ui.visible("badges.card"));

    // A long rest after it (a million volunteers' full run): the save below
    // marks one person, so the next run is incremental and does not wait.
    announcer.nextStartAllowed = std::chrono::steady_clock::now() + std::chrono::hours(1);
    s.insertServiceRecord({0, who, 0, "2026-06-01", 3, "", true, ""});
    ui.frame();
    ui.frame();
    CHECK(announcer.evaluation.started() == 2);
    CHECK(announcer.lastResult.incremental);
    CHECK(announcer.lastResult.peopleEvaluated == 1);   // her, not the 30 others
    CHECK(ui.visible("badges.card"));
    REQUIRE(announcer.shown.size() == 1);
    CHECK(announcer.shown[0].code == "first_service");
    CHECK(announcer.shown[0].subjectName == "林小雨");
    CHECK(announcer.shown[0].earnedOn == "2026-06-01");

    // A change every unit's facts depend on (a target) is a full run's worth
    // of units: it waits for the rest (set long again: the incremental run's
    // own rest is four times its few milliseconds).
    announcer.nextStartAllowed = std::chrono::steady_clock::now() + std::chrono::hours(1);
    s.insertTarget({0, community, 2026, "activities", 0, "", 3, ""});
    for (int i = 0; i < 5; ++i) ui.frame();
    CHECK(announcer.evaluation.started() == 2);
    ImGui::GetIO().BackendRendererName = nullptr;
}
