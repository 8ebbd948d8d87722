// ui_activities_scale_test.cpp — 志愿者 › 活动 on 30,000 generated activities
// (issue 17): opening the tab, jumping to the list's end with the keyboard,
// filtering by year and by a unit's subtree never scan the activity table on
// the UI connection (Database::meterWork: a scan of 30,000 rows is ≥ ~60,000
// instructions, a frame here a few thousand), the window keeps a bounded
// number of pages, and the rows and counts shown are the right ones.
#include "headless_ui.hpp"
#include "storage/activity_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>

using namespace jinguo;

namespace {

constexpr int kActivities = 30000;
// Far below a scan of the activity table, above a frame's own small reads.
constexpr std::uint64_t kFrameBudget = 20000;

// Activity i is held on day i * 7 % 2900 after 2019-01-01 (2019–2026), in
// community i % 8 (two streets of four); every tenth has a 2-hour record.
struct BigActivities {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId streets[2] = {};
    RowId communities[8] = {};
    std::unique_ptr<storage::Storage> reference;

    BigActivities() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        streets[0] = storage.insertUnit({0, district, "滨江街道", UnitKind::Street, 0, 1});
        streets[1] = storage.insertUnit({0, district, "文昌街道", UnitKind::Street, 0, 2});
        for (int i = 0; i < 8; ++i)
            communities[i] = storage.insertUnit(
                {0, streets[i / 4], "社区" + std::to_string(i), UnitKind::Community, 1000, i});
        Person p;
        p.name = "王芳";
        const RowId person = storage.insertPerson(p);
        storage::Database& db = storage.db();
        storage::Transaction tx(db);
        std::string units = "CASE x.i % 8";
        for (int i = 0; i < 8; ++i) units += " WHEN " + std::to_string(i) + " THEN " + std::to_string(communities[i]);
        units += " END";
        storage::Statement st = db.prepare(
            "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < ?1)"
            " INSERT INTO activity (id, name, held_on, unit_id)"
            " SELECT x.i, '活动' || x.i, date('2019-01-01', '+' || (x.i * 7 % 2900) || ' days'), " + units + " FROM x");
        st.bind(1, kActivities);
        st.run();
        db.exec("INSERT INTO service_record (person_id, activity_id, served_on, hours)"
                " SELECT " + std::to_string(person) + ", id, held_on, 2 FROM activity WHERE id % 10 = 0");
        tx.commit();
    }

    // The expected figures, by brute force on a connection of their own (not the metered one).
    std::int64_t scalar(const std::string& sql) {
        if (!reference) reference = std::make_unique<storage::Storage>(path.str());
        storage::Statement st = reference->db().prepare(sql);
        REQUIRE(st.step());
        return st.columnInt(0);
    }
};

} // namespace

TEST_CASE("活动 at 30,000 activities: open, jump to the end, filter by year and unit — no frame scans") {
    BigActivities big;
    ui::InlineTaskExecutor tasks;   // worker bodies run on their own connections: not on the meter
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Volunteers;
    storage::Database& uiDb = big.storage.db();
    test::HeadlessUi ui(app);
    ui::ActivitiesScreen& screen = ui::volunteersScreen(app).activities;
    ui.frame();   // a tab bar lays its tabs out in its first frame
    uiDb.meterWork();

    // A scan of the activity table on this connection would cost this much (the meter works).
    {
        storage::Statement st = uiDb.prepare("SELECT count(*) FROM activity WHERE note = '无'");
        REQUIRE(st.step());
        CHECK(uiDb.workDone() >= 60000);
    }
    std::uint64_t worstFrame = 0, lastSeen = uiDb.workDone();
    ui.betweenFrames = [&] {
        worstFrame = std::max(worstFrame, uiDb.workDone() - lastSeen);
        lastSeen = uiDb.workDone();
    };
    auto frames = [&](int n) {
        for (int i = 0; i < n; ++i) ui.frame();
    };

    // Open: the counts, the years, and the newest first.
    ui.click("tab.activities");
    frames(3);
    CHECK(screen.counts.all == kActivities);
    CHECK(screen.rowCount() == kActivities);
    CHECK(screen.years.size() == 8);
    const RowId newest = big.scalar("SELECT id FROM activity ORDER BY held_on DESC, id DESC LIMIT 1");
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->activity.id == newest);
    CHECK(ui.visible("act.row." + std::to_string(newest)));
    // A steady frame asks the UI connection for nothing at all.
    const auto prepared = uiDb.statementsPrepared();
    const int counted = screen.counter.started(), yearsRead = screen.yearsLoader.started();
    frames(5);
    CHECK(uiDb.statementsPrepared() == prepared);
    CHECK(screen.counter.started() == counted);
    CHECK(screen.yearsLoader.started() == yearsRead);

    // Focus the list with a click on its first row (opens it: an indexed read), then End.
    ui.click("act.row." + std::to_string(newest));
    CHECK(screen.form.activityId == newest);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_End] = 305;
    io.KeysDown[io.KeyMap[ImGuiKey_End]] = true;
    ui.frame();
    io.KeysDown[io.KeyMap[ImGuiKey_End]] = false;
    frames(6);
    const RowId oldest = big.scalar("SELECT id FROM activity ORDER BY held_on, id LIMIT 1");
    REQUIRE(screen.rowAt(kActivities - 1));
    CHECK(screen.rowAt(kActivities - 1)->activity.id == oldest);
    CHECK(screen.form.activityId == oldest);   // the keyboard opened it once its page arrived
    CHECK(ui.visible("act.row." + std::to_string(oldest)));
    CHECK(screen.list.keptPages() <= static_cast<std::size_t>(decltype(screen.list)::kKeptPages));

    // 2024 only.
    ui.click("act.year_filter");
    ui.click("act.year.2024");
    frames(3);
    CHECK(screen.counts.shown == big.scalar("SELECT count(*) FROM activity WHERE substr(held_on, 1, 4) = '2024'"));
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->activity.id ==
          big.scalar("SELECT id FROM activity WHERE held_on LIKE '2024%' ORDER BY held_on DESC, id DESC LIMIT 1"));

    // And 文昌街道: its four communities' activities of 2024.
    ui.click("act.unit_filter");
    ui.click("act.unit_filter.option." + std::to_string(big.streets[1]));
    frames(3);
    const std::string streetUnits = "(" + std::to_string(big.communities[4]) + "," + std::to_string(big.communities[5]) +
                                    "," + std::to_string(big.communities[6]) + "," + std::to_string(big.communities[7]) + ")";
    CHECK(screen.counts.shown ==
          big.scalar("SELECT count(*) FROM activity WHERE held_on LIKE '2024%' AND unit_id IN " + streetUnits));
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->activity.id ==
          big.scalar("SELECT id FROM activity WHERE held_on LIKE '2024%' AND unit_id IN " + streetUnits +
                     " ORDER BY held_on DESC, id DESC LIMIT 1"));
    // The totals of a row with a record are the record's.
    for (int i = 0; i < 64 && screen.rowAt(i); ++i) {
        const storage::ActivityRow& r = *screen.rowAt(i);
        CHECK(r.volunteers == (r.activity.id % 10 == 0 ? 1 : 0));
        CHECK(r.hours == doctest::Approx(r.activity.id % 10 == 0 ? 2.0 : 0.0));
    }

    // No frame did a scan's work on the UI connection.
    CAPTURE(worstFrame);
    CHECK(worstFrame < kFrameBudget);
}
