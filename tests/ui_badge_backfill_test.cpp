// ui_badge_backfill_test.cpp — the announcer on a database whose history was
// never evaluated (backfilled quietly, then news announced) and on a fresh
// demo (its badges already stored as announced: no card).
#include "demo/demo.hpp"
#include "headless_ui.hpp"
#include "storage/badge_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/badge_announcer.hpp"
#include "ui/screen_presentation.hpp"
#include "support/district.hpp"
#include "support/demo_copy.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

std::int64_t scalar(storage::Storage& s, const char* sql) {
    storage::Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

} // namespace

TEST_CASE("an existing database's first evaluation stores its badges quietly; the next badge is announced") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    const RowId community = test::buildDistrict(s, {2000, {}, {{"望江社区", 2000}}}).community(0);
    Person p;
    p.name = "林小雨";
    p.unitId = community;
    p.joinedOn = "2025-01-01";
    const RowId who = s.insertPerson(p);
    // History from before badges existed: 初心启航 (2025-03-08) and 连续三个月 (March–May).
    for (const char* d : {"2025-03-08", "2025-04-08", "2025-05-08"}) s.insertServiceRecord({0, who, 0, d, 2, "", true, ""});

    ui::AppState app{s};
    app.today = "2026-11-29";
    app.section = ui::Section::Overview;
    test::HeadlessUi ui(app);
    ui::InlineTaskExecutor tasks;   // evaluated inside the frame
    ui::ScopedTaskExecutor useTasks(tasks);
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    announcer.mode = ui::BadgeAnnouncer::Mode::Always;
    ui.frame();
    ui.frame();
    CHECK(scalar(s, "SELECT count(*) FROM badge_earned") == 2);
    CHECK(scalar(s, "SELECT count(*) FROM badge_earned WHERE announced = 0") == 0);
    CHECK(announcer.waiting == 0);
    CHECK_FALSE(ui.visible("badges.card"));

    // Seven more occasions make ten: 十次同行, earned now, is announced.
    for (const char* d : {"2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05", "2026-06-05", "2026-07-05"})
        s.insertServiceRecord({0, who, 0, d, 1, "", true, ""});
    ui.frame();
    ui.frame();
    CHECK(ui.visible("badges.card"));
    CHECK(announcer.waiting >= 1);
    bool tenth = false;
    for (const auto& b : announcer.shown) tenth |= b.code == "occasions_few";
    CHECK(tenth);
    // Nothing of the backfill came back as news.
    CHECK(scalar(s, "SELECT count(*) FROM badge_earned WHERE announced = 0 AND badge_code IN"
                    " ('first_service', 'months_streak')") == 0);
}

TEST_CASE("a fresh demo opens with its badges stored and announced: no card, nothing left to evaluate") {
    test::DemoDbPath path;
    storage::Storage s(path.str());
    const demo::DemoSummary& summary = test::DemoDbPath::summary();
    CHECK(summary.badges > 1000);
    CHECK(scalar(s, "SELECT count(*) FROM badge_earned") == summary.badges);
    CHECK(scalar(s, "SELECT count(*) FROM badge_earned WHERE announced = 0") == 0);

    ui::AppState app{s};
    app.today = "2026-11-29";   // the demo's today
    app.section = ui::Section::Overview;
    test::HeadlessUi ui(app);
    ui::InlineTaskExecutor tasks;   // evaluated inside the frame
    ui::ScopedTaskExecutor useTasks(tasks);
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    announcer.mode = ui::BadgeAnnouncer::Mode::Always;
    ui.frame();
    ui.frame();
    CHECK(announcer.lastResult.newlyStored == 0);
    CHECK(announcer.waiting == 0);
    CHECK_FALSE(ui.visible("badges.card"));

    // The presentation's leaders show the badges they earned.
    const storage::SlideData slides = ui::loadSlideData(s, 2026, 0, "2026-11-29");
    REQUIRE_FALSE(slides.leaders.empty());
    CHECK_FALSE(slides.leaders.front().badges.empty());
}

TEST_CASE("in the window (Auto) a new evaluation waits until the last one's rest is over") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    const RowId community = test::buildDistrict(s, {2000, {}, {{"望江社区", 2000}}}).community(0);
    Person p;
    p.name = "林小雨";
    p.unitId = community;
    const RowId who = s.insertPerson(p);

    // Before the first frame: 概览's figures arrive in the frame that asks for
    // them, and Auto starts only once no view waits.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks(tasks);
    ui::AppState app{s};
    app.today = "2026-11-29";
    app.section = ui::Section::Overview;
    test::HeadlessUi ui(app);
    ImGui::GetIO().BackendRendererName = "test";   // Auto evaluates only in a real window
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    REQUIRE(announcer.mode == ui::BadgeAnnouncer::Mode::Auto);
    for (int i = 0; i < 40; ++i) ui.frame();   // past the first frames: evaluated once
    CHECK(ui::viewsWaiting() == 0);
    REQUIRE(announcer.evaluation.started() == 1);
    // The rest after it is four times its duration: never before it ended.
    CHECK(announcer.nextStartAllowed >= std::chrono::steady_clock::now()
                                            - std::chrono::milliseconds(static_cast<long long>(announcer.lastMilliseconds)));

    // A change that needs a full run (a badge threshold changed) waits while
    // resting; once the rest is over it is evaluated. (A change that marks
    // only people needs no rest: ui_badge_incremental_test.cpp.)
    announcer.nextStartAllowed = std::chrono::steady_clock::now() + std::chrono::hours(1);
    s.insertServiceRecord({0, who, 0, "2026-03-08", 2, "", true, ""});
    s.setSetting("badge.team_size", "50");
    for (int i = 0; i < 5; ++i) ui.frame();
    CHECK(announcer.evaluation.started() == 1);
    CHECK(scalar(s, "SELECT count(*) FROM badge_earned WHERE person_id IS NOT NULL") == 0);
    announcer.nextStartAllowed = std::chrono::steady_clock::now();
    ui.frame();
    CHECK(announcer.evaluation.started() == 2);
    CHECK(scalar(s, "SELECT count(*) FROM badge_earned WHERE badge_code = 'first_service'") == 1);
    ImGui::GetIO().BackendRendererName = nullptr;
}

TEST_CASE("in the window (Auto) the evaluation waits until the section on screen has its data") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    test::buildDistrict(s, {2000, {}, {{"望江社区", 2000}}});
    ui::ManualTaskExecutor tasks;   // 概览's read waits until runAll(), as a slow read on a big file would
    ui::ScopedTaskExecutor useTasks(tasks);
    ui::AppState app{s};
    app.today = "2026-11-29";
    app.section = ui::Section::Overview;
    test::HeadlessUi ui(app);
    ImGui::GetIO().BackendRendererName = "test";   // Auto evaluates only in a real window
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    for (int i = 0; i < 40; ++i) ui.frame();
    CHECK(ui::viewsWaiting() > 0);
    CHECK(announcer.evaluation.started() == 0);   // the view first
    tasks.runAll();
    ui.frame();                                    // 概览's figures delivered: nothing waits
    CHECK(ui::viewsWaiting() == 0);
    ui.frame();
    CHECK(announcer.evaluation.started() == 1);
    tasks.runAll();
    ImGui::GetIO().BackendRendererName = nullptr;
}

TEST_CASE("the card reads only the badges waiting to be shown, however many were shown before") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    const RowId community = test::buildDistrict(s, {2000, {}, {{"望江社区", 2000}}}).community(0);
    // A city's history: 100,000 badges already shown, and three new ones.
    s.db().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                "INSERT INTO badge_earned(badge_code, unit_id, period, earned_on, announced) "
                "SELECT 'unit_hours', " + std::to_string(community) + ", 'p' || i, '2025-06-01', 1 FROM n");
    s.db().exec("INSERT INTO badge_earned(badge_code, unit_id, period, earned_on, announced) VALUES "
                "('unit_hours', " + std::to_string(community) + ", 'new1', '2026-11-01', 0), "
                "('unit_hours', " + std::to_string(community) + ", 'new2', '2026-11-20', 0), "
                "('unit_hours', " + std::to_string(community) + ", 'new3', '2026-10-01', 0)");
    ui::ManualTaskExecutor tasks;   // nothing is evaluated: the card shows what is stored
    ui::ScopedTaskExecutor useTasks(tasks);
    ui::AppState app{s};
    app.today = "2026-11-29";
    app.section = ui::Section::Settings;
    s.db().meterWork();
    test::HeadlessUi ui(app);   // the first frame loads the card
    // A scan of 100,000 badges costs millions of instructions; the partial
    // index (0027) answers with a few thousand.
    CHECK_MESSAGE(s.db().workDone() < 200000, "the first frame did " << s.db().workDone());
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    CHECK(announcer.waiting == 3);
    REQUIRE(announcer.shown.size() == 3);
    CHECK(announcer.shown[0].earnedOn == "2026-11-20");   // newest first
    CHECK(announcer.shown[1].earnedOn == "2026-11-01");
    CHECK(announcer.shown[2].earnedOn == "2026-10-01");
    CHECK(ui.visible("badges.card"));
}
