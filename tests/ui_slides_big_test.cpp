// ui_slides_big_test.cpp — 演示 (the chooser and the running show) and 活动 on
// a big database, headless: no frame scans a big table on the UI's
// connection (Database::meterWork); the slide data comes from the worker and
// holds the figures the base tables give.
#include "headless_ui.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_presentation.hpp"
#include "ui/screen_volunteers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

using namespace jinguo;

namespace {

constexpr int kPeople = 120000;
constexpr int kRecords = 500000;
constexpr int kFamilies = 60000;
constexpr int kActivities = 2000;
// A scan of 100,000 rows costs ≥ ~300,000 instructions; a page or a seek a few thousand.
constexpr std::uint64_t kFrameBudget = 60000;

// 临江区 with 3 streets of 10 communities, 120,000 volunteers, 2,000
// activities, 500,000 service records over 2025–2026 (a tenth unverified),
// 60,000 households of which a third hold a 2026 平安家庭 title (every tenth of
// those 区 level, for the wall), 30 posts, and 2026 targets of the district.
struct BigWorld {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ui::AppState app{storage};

    BigWorld() {
        storage::Database& db = storage.db();
        storage.setAuditEnabled(false);
        db.exec("BEGIN");
        db.exec("INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (1, NULL, '临江区', '区', 0)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)
            INSERT INTO org_unit (id, parent_id, name, kind, households) SELECT 1 + i, 1, '街道' || i, '街道', 0 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 29)
            INSERT INTO org_unit (id, parent_id, name, kind, households)
            SELECT 10 + i, 2 + i / 10, '社区' || (i + 1), '社区', 2000 + 10 * i FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120000)
            INSERT INTO person (id, name, unit_id, is_volunteer, joined_on)
            SELECT i, '志愿者' || i, 10 + i % 30, i % 50 <> 0, printf('%04d-03-01', 2023 + i % 4) FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO activity (id, name, held_on, unit_id, participants)
            SELECT i, '活动' || i, printf('%04d-%02d-10', 2025 + i % 2, 1 + i % 12), 10 + i % 30, 20 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000)
            INSERT INTO service_record (person_id, activity_id, served_on, hours, verified)
            SELECT 1 + (i * 7919) % 120000, 1 + (i * 31) % 2000,
                   printf('%04d-%02d-%02d', 2025 + i % 2, 1 + (i * 7) % 11, 1 + i % 28),
                   0.5 * (1 + (i * 13) % 12), i % 10 <> 0
            FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
            INSERT INTO family (id, head_name, address, unit_id) SELECT i, '户主' || i, '门牌' || i, 10 + i % 30 FROM n)");
        db.exec(R"(
            INSERT INTO award (title_id, year, family_id, unit_id, status)
            SELECT (SELECT id FROM award_title WHERE name = '平安家庭' AND subject_kind = 'family'
                    AND level = CASE WHEN f.id % 30 = 0 THEN '区' ELSE '社区' END),
                   2026, f.id, f.unit_id, '命名'
            FROM family f WHERE f.id % 3 = 0)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
            INSERT INTO post (id, work_unit, name, unit_id, kind_id) SELECT i, '单位' || i, '岗位' || i, 10 + i % 30,
                   1 FROM n)");
        db.exec(R"(
            INSERT INTO award (title_id, year, post_id, unit_id, status)
            SELECT (SELECT id FROM award_title WHERE name = '巾帼文明岗'), 2026, p.id, p.unit_id,
                   CASE WHEN p.id % 2 = 0 THEN '命名' ELSE '创建' END FROM post p)");
        db.exec(R"(
            INSERT INTO target (unit_id, year, metric, goal) VALUES
                (1, 2026, 'volunteer_hours', 900000), (1, 2026, 'volunteers', 130000), (1, 2026, 'activities', 150))");
        db.exec("COMMIT");
        storage.setAuditEnabled(true);
        app.today = "2026-11-29";
    }
};

// Frames until `done` (each waits for the worker first); the most work any
// one frame did on the UI's connection.
std::uint64_t framesUntil(test::HeadlessUi& ui, storage::Storage& storage, const std::function<bool()>& done,
                          const std::function<void()>& wait) {
    std::uint64_t most = 0;
    for (int i = 0; i < 40; ++i) {
        const std::uint64_t before = storage.db().workDone();
        ui.frame();
        most = std::max(most, storage.db().workDone() - before);
        if (done()) break;
        wait();
    }
    REQUIRE(done());
    for (int i = 0; i < 3; ++i) {   // a few steady frames more
        const std::uint64_t before = storage.db().workDone();
        ui.frame();
        most = std::max(most, storage.db().workDone() - before);
    }
    return most;
}

} // namespace

TEST_CASE("a big database: 演示 and 活动 never scan a big table on a frame") {
    BigWorld w;
    storage::Storage& s = w.storage;
    test::HeadlessUi ui(w.app);
    s.db().meterWork();

    {   // 演示, the chooser: the preview says 正在读取… until the worker's data arrives
        w.app.section = ui::Section::Presentation;
        ui::PresentationScreen& screen = ui::presentationScreen(w.app);
        const std::uint64_t most = framesUntil(
            ui, s, [&] { return screen.job.current() && screen.data.has_value(); }, [&] { screen.job.wait(); });
        CHECK(most < kFrameBudget);
        CHECK_FALSE(ui.visible("presentation.loading"));
        const storage::SlideData& data = *screen.data;
        CHECK(data.scopeName == "临江区");
        REQUIRE(data.leaders.size() == 10);
        REQUIRE(data.race.size() == 3);
        CHECK(data.wallTotal == 2000);   // the 区-level 平安家庭 of 2026
        CHECK(data.posts.held == 15);
        CHECK(data.posts.creating == 15);
        CHECK(data.targets.size() == 3);
    }

    {   // 演示, running: a change to the database reads again on the worker; the slide stays up
        ui::PresentationScreen& screen = ui::presentationScreen(w.app);
        ui.click("presentation.start");
        ui.frame();
        CHECK(ui.visible("presentation.showing.figures"));
        s.bump();   // as a store's write does
        const std::uint64_t most = framesUntil(
            ui, s, [&] { return screen.job.current(); }, [&] { screen.job.wait(); });
        CHECK(most < kFrameBudget);
        CHECK(ui.visible("presentation.showing.figures"));
        CHECK_FALSE(ui.visible("presentation.loading"));
        stopPresentation(w.app, screen);
        ui.frame();
    }

    {   // 活动: the list of 2,000 with each activity's volunteers and hours
        w.app.section = ui::Section::Volunteers;
        ui.frame();
        ui.click("tab.activities");
        ui::ActivitiesScreen& screen = ui::volunteersScreen(w.app).activities;
        const std::uint64_t most = framesUntil(
            ui, s, [&] { return screen.loaded() && screen.rowCount() == kActivities && screen.rowAt(0) != nullptr; },
            [&] {
                screen.counter.wait();
                screen.list.wait();
            });
        CHECK(most < kFrameBudget);
        // The counts shown are those of the records themselves.
        int checked = 0;
        for (int i = 0; i < kActivities && screen.rowAt(i); i += 7) {
            const storage::ActivityRow& row = *screen.rowAt(i);
            storage::Statement st = s.db().prepare(
                "SELECT count(DISTINCT person_id), total(hours) FROM service_record WHERE activity_id = ?");
            st.bind(1, row.activity.id);
            REQUIRE(st.step());
            CHECK(row.volunteers == st.columnInt(0));
            CHECK(row.hours == doctest::Approx(st.columnDouble(1)));
            CHECK(row.volunteers > 0);
            ++checked;
        }
        CHECK(checked > 5);
        // Opening one shows its records (an index seek, a few hundred rows).
        const RowId newest = screen.rowAt(0)->activity.id;
        ui.click("act.row." + std::to_string(newest));
        const std::uint64_t before = s.db().workDone();
        ui.frame();
        CHECK(s.db().workDone() - before < kFrameBudget * 4);
        CHECK(screen.recordsFor == newest);
        CHECK_FALSE(screen.records.empty());
    }
}
