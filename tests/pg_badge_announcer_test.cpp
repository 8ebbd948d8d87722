// pg_badge_announcer_test.cpp — the badge announcer on a server (issue 18),
// headless: its evaluation (BadgeStore on the Task's own connection), the
// card's reads and 知道了 (markAnnounced) run against the throw-away
// cluster as they do on a SQLite file (ui_badge_incremental_test's story).
#include "headless_ui.hpp"
#include "storage/badge_store.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "support/pg_cluster.hpp"
#include "ui/badge_announcer.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace jinguo;

TEST_CASE("on a server the announcer evaluates quietly first, then shows the badge a save earned, and 知道了 clears it") {
    storage::Storage s(::test::PgCluster::shared().createDatabase());
    REQUIRE(s.db().isServer());
    const RowId community = jinguo::test::buildDistrict(s, {2000, {}, {{"望江社区", 2000}}}).community(0);
    for (int i = 0; i < 10; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        p.unitId = community;
        p.joinedOn = "2025-01-01";
        const RowId id = s.insertPerson(p);
        s.insertServiceRecord({0, id, 0, "2025-03-08", 2, "", true, ""});
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
    jinguo::test::HeadlessUi ui(app);
    ImGui::GetIO().BackendRendererName = "test";   // Auto, as in the window
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    for (int i = 0; i < 40; ++i) ui.frame();   // the first evaluation: everyone, stored as announced
    REQUIRE(announcer.evaluation.started() == 1);
    CHECK_MESSAGE(announcer.lastError.empty(), announcer.lastError);
    CHECK(announcer.lastResult.peopleEvaluated == 10);
    CHECK(announcer.lastResult.newlyStored > 0);
    CHECK_FALSE(ui.visible("badges.card"));

    // A save marks her: the next run is incremental and the card shows her badge.
    s.insertServiceRecord({0, who, 0, "2026-06-01", 3, "", true, ""});
    CHECK(storage::BadgeStore(s).nextRun({2026, 11, 29}) == storage::BadgeStore::NextRun::Incremental);
    for (int i = 0; i < 3; ++i) ui.frame();
    CHECK(announcer.evaluation.started() == 2);
    CHECK_MESSAGE(announcer.lastError.empty(), announcer.lastError);
    CHECK(announcer.lastResult.incremental);
    CHECK(announcer.lastResult.peopleEvaluated == 1);
    CHECK(ui.visible("badges.card"));
    CHECK(storage::BadgeStore(s).unannouncedCount() == 1);
    CHECK(storage::BadgeStore(s).unannounced(3).size() == 1);
    REQUIRE(announcer.shown.size() == 1);
    CHECK(announcer.shown[0].code == "first_service");
    CHECK(announcer.shown[0].subjectName == "林小雨");

    // 知道了: nothing left unannounced on the server.
    storage::BadgeStore(s).markAnnounced(announcer.newestId);
    CHECK(storage::BadgeStore(s).unannouncedCount() == 0);
    ImGui::GetIO().BackendRendererName = nullptr;
}
