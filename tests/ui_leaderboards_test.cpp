// ui_leaderboards_test.cpp — the 排行榜 screen driven headless: the board is
// computed on a worker connection and arrives; the pickers change the board,
// metric, period and scope; ranks, movement and badges are as worked out by
// hand; steady frames run no SQL on the UI's connection.
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_leaderboards.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using storage::Board;
using storage::BoardMetric;

namespace {

// 临江区 ── 江滨街道 ── 望月社区 (100 households), 金沙社区 (50)
//        └─ 文昌街道 ── 书院社区 (200)
// 2026: 王芳 10 h, 李娜 10 h, 赵敏 4 h (points = hours, no activities);
// 2025: 赵敏 8 h, 王芳 2 h; 李娜 nothing (so 新 in 2026).
struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ui::AppState app{storage};
    RowId district = 0, street1 = 0, street2 = 0, c1 = 0, c2 = 0, c3 = 0;
    RowId wang = 0, li = 0, zhao = 0;

    Fixture() {
        const test::District built = test::buildTwoStreets(storage, 100, 50, 200);
        district = built.district;
        street1 = built.street(0);
        street2 = built.street(1);
        c1 = built.community(0);
        c2 = built.community(1);
        c3 = built.community(2);
        wang = volunteer("王芳", c1);
        li = volunteer("李娜", c2);
        zhao = volunteer("赵敏", c3);
        serve(wang, "2026-03-01", 10);
        serve(li, "2026-04-01", 10);
        serve(zhao, "2026-05-01", 4);
        serve(zhao, "2025-05-01", 8);
        serve(wang, "2025-06-01", 2);
        app.today = "2026-11-29";
        app.section = ui::Section::Leaderboards;
    }
    RowId volunteer(const char* name, RowId unit) {
        Person p;
        p.name = name;
        p.unitId = unit;
        p.joinedOn = "2024-01-01";
        return storage.insertPerson(p);
    }
    void serve(RowId person, const char* date, double hours) {
        ServiceRecord r;
        r.personId = person;
        r.servedOn = date;
        r.hours = hours;
        r.verified = true;
        storage.insertServiceRecord(r);
    }
    ui::LeaderboardsScreen& screen() { return ui::leaderboardsScreen(app); }
    const ui::LeaderboardResult& result() {
        REQUIRE(screen().job.result() != nullptr);
        return *screen().job.result();
    }
    const storage::BoardRow& row(const std::string& name) {
        for (const auto& r : result().board.rows)
            if (r.name == name) return r;
        FAIL("no row " << name);
        return result().board.rows.front();
    }
};

// Lets the worker finish and the screen take its result: wait, then a frame
// polls. Bounded in frames, not in time.
void settle(test::HeadlessUi& ui, ui::LeaderboardsScreen& s) {
    ui.frame();
    for (int i = 0; i < 20 && !s.job.current(); ++i) {
        s.job.wait();
        ui.frame();
    }
    REQUIRE(s.job.current());
}

} // namespace

TEST_CASE("排行榜: the volunteers board arrives from the worker, with competition ranks and movement") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen());
    const auto& b = f.result().board;
    CHECK(b.query.board == Board::Volunteers);
    CHECK(b.query.metric == BoardMetric::Points);
    CHECK(b.query.period == Period::ofYear(2026));   // the year of app.today
    CHECK(b.hasPrevious);
    REQUIRE(b.rows.size() == 3);
    // 王芳 and 李娜 share first place; 赵敏 is third (1, 1, 3).
    CHECK(f.row("王芳").rank == 1);
    CHECK(f.row("李娜").rank == 1);
    CHECK(f.row("赵敏").rank == 3);
    // 2025: 赵敏 1st, 王芳 2nd, 李娜 absent.
    CHECK(f.row("赵敏").movement == "↓2");
    CHECK(f.row("王芳").movement == "↑1");
    CHECK(f.row("李娜").movement == "新");
    CHECK(f.row("王芳").value == 10);

    // Once the result is in, frames run no SQL on the UI's connection.
    const auto prepared = f.storage.db().statementsPrepared();
    for (int i = 0; i < 5; ++i) ui.frame();
    CHECK(f.storage.db().statementsPrepared() == prepared);
    CHECK(f.screen().job.started() == 1);
}

TEST_CASE("排行榜: the pickers change the board, the metric, the period and the scope") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen());

    ui.click("board.communities");
    CHECK(f.screen().board == Board::Communities);
    CHECK(f.screen().metric == BoardMetric::Points);      // kept: unit boards offer points too
    ui.click("metric.hours");
    settle(ui, f.screen());
    CHECK(f.result().board.query.board == Board::Communities);
    CHECK(f.result().board.query.metric == BoardMetric::Hours);
    REQUIRE(f.result().board.rows.size() == 3);
    CHECK(f.result().board.rows[0].value == 10);          // 望月 and 金沙 share first
    CHECK(f.result().board.rows[2].name == "书院社区");
    CHECK(f.result().board.rows[2].value == 4);

    ui.click("period.all");
    settle(ui, f.screen());
    CHECK(f.result().board.query.period == Period::allTime());
    CHECK_FALSE(f.result().board.hasPrevious);
    CHECK(f.row("书院社区").value == 12);                  // 8 + 4 over all time
    CHECK(f.row("书院社区").rank == 1);

    ui.click("period.quarter");
    ui.click("year");
    ui.click("year.2025");
    ui.click("part");
    ui.click("part.2");
    settle(ui, f.screen());
    CHECK(f.result().board.query.period == Period::ofQuarter(2025, 2));
    CHECK(f.row("书院社区").value == 8);                   // 2025-05-01
    CHECK(f.row("望月社区").value == 2);                   // 2025-06-01

    ui.click("scope");
    ui.click("scope." + std::to_string(f.street1));
    settle(ui, f.screen());
    CHECK(f.result().board.scopeName == "江滨街道");
    CHECK(f.result().board.rows.size() == 2);              // 望月, 金沙: a league of one street
}

TEST_CASE("排行榜: a streets board cannot keep a community as its scope") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("scope");
    ui.click("scope." + std::to_string(f.c1));
    CHECK(f.screen().scopeUnitId == f.c1);
    ui.click("board.streets");
    CHECK(f.screen().scopeUnitId == 0);                    // back to the district, no error
    settle(ui, f.screen());
    CHECK(f.screen().job.error().empty());
    CHECK(f.result().board.rows.size() == 2);
    CHECK(ui.visible("scope"));
}

TEST_CASE("排行榜: badges earned are read from badge_earned and named") {
    Fixture f;
    auto st = f.storage.db().prepare(
        "INSERT INTO badge_earned (badge_code, person_id, earned_on) VALUES ('first_service', ?1, '2025-06-01'),"
        " ('first_title', ?1, '2026-03-08')");
    st.bind(1, f.wang);
    st.run();
    f.storage.bump();
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen());
    const auto& badges = f.result().badges;
    REQUIRE(badges.count(f.wang) == 1);
    CHECK(badges.at(f.wang) == std::vector<std::string>{"初心启航", "首获荣誉"});
    CHECK(badges.count(f.li) == 0);
}

TEST_CASE("排行榜: a change to the data recomputes the board once") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen());
    CHECK(f.row("赵敏").value == 4);
    f.serve(f.zhao, "2026-11-01", 20);                     // bumps the revision
    ui.frame();
    settle(ui, f.screen());
    CHECK(f.row("赵敏").value == 24);
    CHECK(f.row("赵敏").rank == 1);
    CHECK(f.screen().job.started() == 2);
}

// Issue 16: boards rank on values rounded to 0.01; the table printed them to
// 0.1, so 12.34 (rank 1) and 12.26 (rank 2) both read "12.3".
TEST_CASE("leaderboard table: rows of different ranks never read alike") {
    ui::LeaderboardResult r;
    r.board.query.board = Board::Volunteers;
    r.board.query.metric = BoardMetric::Hours;
    storage::BoardRow first, second;
    first.id = 1, first.name = "王芳", first.value = 12.34, first.rank = 1;
    second.id = 2, second.name = "李娜", second.value = 12.26, second.rank = 2;
    r.board.rows = {first, second};
    const ExportTable table = ui::leaderboardShownTable(r);
    REQUIRE(table.rows.size() == 2);
    CHECK(table.headers[3] == "服务时长");
    CHECK(table.rows[0][3] == "12.34");
    CHECK(table.rows[1][3] == "12.26");
    CHECK(table.rows[0][3] != table.rows[1][3]);

    r.board.query.metric = BoardMetric::Points;
    r.board.rows[0].value = 1234.5;
    r.board.rows[1].value = 1234;
    const ExportTable points = ui::leaderboardShownTable(r);
    CHECK(points.rows[0][3] == "1,234.5");
    CHECK(points.rows[1][3] == "1,234");
}
