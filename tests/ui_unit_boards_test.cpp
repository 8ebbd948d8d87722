// ui_unit_boards_test.cpp — 排行榜 switched to the 社区 and 街道 boards by hours,
// points and titles on a large-ish database, headless: neither the frames
// (the UI's connection) nor the board's Task (its own connection, metered with
// meterNewConnections) read the period's people; the figures are those of
// the base tables (migration 0037's summaries, unit_board.cpp). And the
// volunteers board switched to a street's and a community's scope reads a
// page (0041's board_unit_person_period), not every person of the scope.
#include "headless_ui.hpp"
#include "storage/aggregates.hpp"
#include "storage/storage.hpp"
#include "storage/work_meter.hpp"
#include "temp_db.hpp"
#include "ui/screen_leaderboards.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <atomic>

using namespace jinguo;
using storage::Board;
using storage::BoardMetric;

namespace {

constexpr std::uint64_t kFrameBudget = 60000;

// 临江区, 3 streets of 10 communities, 30,000 volunteers, 100 activities,
// 120,000 service records over 2025–2026 and 300 person titles named on
// dated events. Written with WITH RECURSIVE in one transaction.
struct World {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ui::InlineTaskExecutor tasks;   // the Task's body runs inside request(), on its own connection
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    World() {
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
            SELECT 10 + i, 2 + i / 10, '社区' || (i + 1), '社区', 500 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
            INSERT INTO person (id, name, unit_id, is_volunteer, roster_hours)
            SELECT i, '志愿者' || i, 10 + (i * 7) % 30, CAST(i % 50 <> 0 AS integer), CASE WHEN i % 9 = 0 THEN 2.5 * (i % 7) ELSE 0 END
            FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
            INSERT INTO activity (id, name, held_on, unit_id) SELECT i, '活动' || i, '2025-03-01', 10 + i % 30 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120000)
            INSERT INTO service_record (person_id, activity_id, served_on, hours, verified)
            SELECT 1 + (i * 7919) % 30000, 1 + (i * 31) % 100,
                   (2025 + i % 2) || '-' || substr(CAST(101 + (i * 7) % 11 AS text), 2) || '-' || substr(CAST(101 + i % 28 AS text), 2),
                   0.5 * (1 + (i * 13) % 12), CAST(i % 10 <> 0 AS integer)
            FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO award (title_id, year, person_id, unit_id, status)
            SELECT t.id, 2025 + i % 2, 1 + i * 97, 10 + i % 30, '命名' FROM n
            JOIN award_title t ON t.name = '三八红旗手' AND t.level = '区' AND t.subject_kind = 'person')");
        db.exec("INSERT INTO award_event (award_id, status, happened_on) SELECT id, '命名', year || '-03-08' FROM award");
        db.exec("COMMIT");
        storage.setAuditEnabled(true);
        app.today = "2026-11-29";
        app.section = ui::Section::Leaderboards;
    }
};

ui::LeaderboardsScreen& screenOf(World& w) { return ui::leaderboardsScreen(w.app); }

// Frames until the board asked for is in (bounded in frames); each frame's
// work on the UI's connection stays within the budget.
void settle(test::HeadlessUi& ui, World& w, const char* what) {
    w.storage.db().meterWork();
    for (int i = 0; i < 10; ++i) {
        const std::uint64_t before = w.storage.db().workDone();
        ui.frame();
        const std::uint64_t work = w.storage.db().workDone() - before;
        CHECK_MESSAGE(work < kFrameBudget, what << ": frame " << i << " did " << work << " instructions on the UI connection");
        if (screenOf(w).job.current() && screenOf(w).job.result() != nullptr) return;
    }
    FAIL(what << ": the board did not arrive");
}

} // namespace

TEST_CASE("排行榜 switched to the unit boards by hours, points and titles reads no period's people, on a frame or in its Task") {
    World w;
    test::HeadlessUi ui(w.app);
    settle(ui, w, "open");

    // What reading the year's people costs: the period's summary rows and
    // the volunteers, each once (the least the walk before 0037 read).
    w.storage.db().meterWork();
    std::uint64_t scan = 0;
    {
        const std::uint64_t before = w.storage.db().workDone();
        storage::Statement rows = w.storage.db().prepare(
            "SELECT count(*), coalesce(sum(hours), 0.0), coalesce(sum(activities), 0) FROM board_person_period WHERE period = '2026'");
        REQUIRE(rows.step());
        CHECK(rows.columnInt(0) > 10000);
        storage::Statement people = w.storage.db().prepare(
            "SELECT count(*), coalesce(sum(roster_hours), 0.0) FROM person WHERE is_volunteer = 1");
        REQUIRE(people.step());
        CHECK(people.columnInt(0) > 20000);
        scan = w.storage.db().workDone() - before;
    }
    CHECK(scan > 200000);

    storage::Aggregates fromBase(w.storage);
    fromBase.setFromBaseTables(true);
    std::atomic<std::uint64_t> taskWork{0};
    storage::meterNewConnections(&taskWork);
    struct Step { const char* click; Board board; BoardMetric metric; };
    for (const Step& step : {Step{"board.communities", Board::Communities, BoardMetric::Points},
                             Step{"metric.hours", Board::Communities, BoardMetric::Hours},
                             Step{"metric.titles", Board::Communities, BoardMetric::Titles},
                             Step{"board.streets", Board::Streets, BoardMetric::Titles},
                             Step{"metric.points", Board::Streets, BoardMetric::Points},
                             Step{"period.all", Board::Streets, BoardMetric::Points},
                             Step{"metric.hours", Board::Streets, BoardMetric::Hours}}) {
        CAPTURE(step.click);
        taskWork = 0;
        ui.click(step.click);
        settle(ui, w, step.click);
        const storage::BoardResult& shown = screenOf(w).job.result()->board;
        CHECK(shown.query.board == step.board);
        CHECK(shown.query.metric == step.metric);
        CAPTURE(taskWork.load());
        CAPTURE(scan);
        CHECK(taskWork.load() > 0);            // the Task ran on a metered connection
        CHECK(taskWork.load() < scan / 4);     // and read no period's people (a few hundred rows)
        // The figures of the base tables' walk, row by row.
        storage::BoardQuery whole = shown.query;
        whole.rowLimit = 0;
        const storage::BoardResult expected = fromBase.board(whole);
        REQUIRE(shown.rows.size() == expected.rows.size());
        CHECK(shown.rows.size() == (step.board == Board::Streets ? 3u : 30u));
        for (std::size_t i = 0; i < expected.rows.size(); ++i) {
            INFO("row " << i << " " << expected.rows[i].name);
            CHECK(shown.rows[i].id == expected.rows[i].id);
            CHECK(shown.rows[i].value == expected.rows[i].value);
            CHECK(shown.rows[i].rank == expected.rows[i].rank);
            CHECK(shown.rows[i].movement == expected.rows[i].movement);
        }
        CHECK(shown.rows.front().value > 0);
    }
    storage::meterNewConnections(nullptr);
}

TEST_CASE("排行榜's volunteers board switched to a street and a community reads a page, not every person of the scope") {
    World w;
    test::HeadlessUi ui(w.app);
    settle(ui, w, "open");
    REQUIRE(screenOf(w).board == Board::Volunteers);

    // What a scope's first page read before 0041: every volunteer of the
    // scope and her rows of the period and the previous one, sought.
    auto seekEveryone = [&](RowId scope, const Period& period) {
        w.storage.db().meterWork();
        const std::uint64_t before = w.storage.db().workDone();
        storage::Statement people = w.storage.db().prepare(
            "SELECT id FROM person WHERE unit_id IN (SELECT id FROM org_unit WHERE id = ?1 OR parent_id = ?1) AND is_volunteer = 1");
        people.bind(1, scope);
        storage::Statement row =
            w.storage.db().prepare("SELECT hours FROM board_person_period WHERE period = ? AND person_id = ?");
        std::size_t seen = 0;
        while (people.step()) {
            ++seen;
            for (const Period& p : {period, period.previous().value_or(period)}) {
                row.reset();
                row.bind(1, p.code()).bind(2, people.columnInt(0));
                row.step();
            }
        }
        CHECK(seen > 300);
        return w.storage.db().workDone() - before;
    };

    storage::Aggregates fromBase(w.storage);
    fromBase.setFromBaseTables(true);
    std::atomic<std::uint64_t> taskWork{0};
    storage::meterNewConnections(&taskWork);
    struct Step { std::vector<std::string> clicks; RowId scope; BoardMetric metric; };
    std::uint64_t streetPageWork = 0;   // the last street page's Task work
    // Street 2 holds communities 10–19 (~9,800 volunteers), community 12 ~980.
    for (const Step& step : {Step{{"scope", "scope.2"}, 2, BoardMetric::Points},
                             Step{{"metric.hours"}, 2, BoardMetric::Hours},
                             Step{{"period.all"}, 2, BoardMetric::Hours},
                             Step{{"metric.points"}, 2, BoardMetric::Points},
                             Step{{"scope", "scope.12"}, 12, BoardMetric::Points}}) {
        CAPTURE(step.clicks.back());
        taskWork = 0;
        for (const std::string& click : step.clicks) ui.click(click);
        settle(ui, w, step.clicks.back().c_str());
        storage::meterNewConnections(nullptr);
        const storage::BoardResult& shown = screenOf(w).job.result()->board;
        REQUIRE(shown.query.scopeUnitId == step.scope);
        CHECK(shown.query.metric == step.metric);
        REQUIRE(shown.query.rowLimit > 0);
        const std::uint64_t reference = seekEveryone(step.scope, shown.query.period);
        CAPTURE(taskWork.load());
        CAPTURE(reference);
        CHECK(taskWork.load() > 0);                   // the Task ran on a metered connection
        // A page, not the street's people. A community's page costs what a
        // page costs (names, stars, previous ranks of 200 rows, the titled):
        // at ~980 people that is about seeking them all, so it is held to the
        // street's page of the same board instead (10× the people).
        if (step.scope == 2) CHECK(taskWork.load() < reference / 2);
        else CHECK(taskWork.load() < streetPageWork);
        streetPageWork = taskWork.load();
        // The rows shown are the first rows of the base tables' whole board.
        storage::BoardQuery whole = shown.query;
        whole.rowLimit = 0;
        const storage::BoardResult expected = fromBase.board(whole);
        CHECK(shown.totalRows == expected.rows.size());
        REQUIRE(shown.rows.size() <= expected.rows.size());
        REQUIRE(shown.rows.size() >= std::min<std::size_t>(expected.rows.size(), 100));
        for (std::size_t i = 0; i < shown.rows.size(); ++i) {
            INFO("row " << i << " " << expected.rows[i].name);
            CHECK(shown.rows[i].id == expected.rows[i].id);
            CHECK(shown.rows[i].value == expected.rows[i].value);
            CHECK(shown.rows[i].rank == expected.rows[i].rank);
            CHECK(shown.rows[i].movement == expected.rows[i].movement);
        }
        storage::meterNewConnections(&taskWork);
    }
    storage::meterNewConnections(nullptr);
}
