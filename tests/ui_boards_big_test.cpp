// ui_boards_big_test.cpp — 排行榜, 目标 and 概览 on a big database, headless:
// no frame scans a big table on the UI's connection (Database::meterWork),
// the figures come from the worker and are the right ones, and the board
// holds one page of rows until it is scrolled.
#include "headless_ui.hpp"
#include "storage/aggregates.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "temp_db.hpp"
#include "ui/screen_leaderboards.hpp"
#include "ui/screen_overview.hpp"
#include "ui/screen_targets.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace jinguo;

namespace {

constexpr int kPeople = 120000;
constexpr int kRecords = 500000;
// A scan of 100,000 rows costs ≥ ~300,000 instructions; a page or a seek a few thousand.
constexpr std::uint64_t kFrameBudget = 60000;

// 临江区 with 3 streets of 10 communities, 120,000 volunteers, 200
// activities, 500,000 service records over 2025–2026 (a tenth unverified),
// 60,000 households (48,000 平安家庭) and four 2026 targets of the district. Written with WITH RECURSIVE in one
// transaction (the summaries' triggers run for every record).
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
            SELECT 10 + i, 2 + i / 10, '社区' || (i + 1), '社区', 5000 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120000)
            INSERT INTO person (id, name, unit_id, is_volunteer, joined_on)
            SELECT i, '志愿者' || i, 10 + i % 30, 1, '2024-01-01' FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO activity (id, name, held_on, unit_id, participants)
            SELECT i, '活动' || i, printf('%04d-%02d-10', 2025 + i % 2, 1 + i % 12), 10 + i % 30, 20 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000)
            INSERT INTO service_record (person_id, activity_id, served_on, hours, verified)
            SELECT 1 + (i * 7919) % 120000, 1 + (i * 31) % 200,
                   printf('%04d-%02d-%02d', 2025 + i % 2, 1 + (i * 7) % 11, 1 + i % 28),
                   0.5 * (1 + (i * 13) % 12), i % 10 <> 0
            FROM n)");
        // 60,000 households, four in five 平安家庭 (community level) named
        // 2024–2026 with a dated 命名 event: the rate target's numerators.
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
            INSERT INTO family (id, head_name, address, unit_id) SELECT i, '户主' || i, '地址' || i, 10 + i % 30 FROM n)");
        db.exec(R"(
            INSERT INTO award (id, title_id, year, family_id, unit_id, status)
            SELECT f.id, t.id, 2024 + f.id % 3, f.id, f.unit_id, '命名' FROM family f
            JOIN award_title t ON t.name = '平安家庭' AND t.level = '社区' AND t.subject_kind = 'family'
            WHERE f.id % 5 <> 0)");
        db.exec("INSERT INTO award_event (award_id, status, happened_on) SELECT id, '命名', year || '-06-18' FROM award");
        db.exec(R"(
            INSERT INTO target (unit_id, year, metric, goal) VALUES
                (1, 2026, 'volunteer_hours', 900000), (1, 2026, 'volunteers', 130000), (1, 2026, 'activities', 150))");
        db.exec(R"(
            INSERT INTO target (unit_id, year, metric, title_id, goal)
            SELECT 1, 2026, 'title_rate', id, 0.9 FROM award_title
            WHERE name = '平安家庭' AND level = '社区' AND subject_kind = 'family')");
        db.exec("COMMIT");
        storage.setAuditEnabled(true);
        app.today = "2026-11-29";
    }
};

// Frames until `done` (each waits for the worker first); the most work any
// one frame did on the UI's connection.
template <class Done>
std::uint64_t framesUntil(test::HeadlessUi& ui, storage::Storage& storage, Done done, const std::function<void()>& wait) {
    std::uint64_t most = 0;
    for (int i = 0; i < 40; ++i) {
        const std::uint64_t before = storage.db().workDone();
        ui.frame();
        most = std::max(most, storage.db().workDone() - before);
        if (done()) break;
        wait();
    }
    REQUIRE(done());
    // A few steady frames more.
    for (int i = 0; i < 3; ++i) {
        const std::uint64_t before = storage.db().workDone();
        ui.frame();
        most = std::max(most, storage.db().workDone() - before);
    }
    return most;
}

} // namespace

TEST_CASE("a big database: 概览, 排行榜 and 目标 never scan a big table on a frame, and show the right figures") {
    BigWorld w;
    storage::Storage& s = w.storage;
    test::HeadlessUi ui(w.app);
    s.db().meterWork();

    // (One test: the database takes a while to write.)
    {   // 概览
        w.app.section = ui::Section::Overview;
        ui::OverviewScreen& screen = ui::overviewScreen(w.app);
        const std::uint64_t most = framesUntil(
            ui, s, [&] { return screen.job.current() && screen.job.result() != nullptr; }, [&] { screen.job.wait(); });
        CHECK(most < kFrameBudget);
        const OverviewFigures& f = *screen.job.result();
        CHECK(f.volunteers == kPeople);
        CHECK(f.serviceRecords == kRecords);
        CHECK(f.communities == 30);
        storage::Statement hours = s.db().prepare("SELECT total(hours) FROM dated_hours");
        REQUIRE(hours.step());
        CHECK(f.serviceHours == doctest::Approx(hours.columnDouble(0)));
    }

    {   // 排行榜: one page of rows, right ranks; scrolling reads the next page
        w.app.section = ui::Section::Leaderboards;
        ui::LeaderboardsScreen& screen = ui::leaderboardsScreen(w.app);
        std::uint64_t most = framesUntil(
            ui, s, [&] { return screen.job.current() && screen.job.result() != nullptr; }, [&] { screen.job.wait(); });
        CHECK(most < kFrameBudget);
        const storage::BoardResult& b = screen.job.result()->board;
        CHECK(b.rows.size() == ui::kBoardPageRows);
        // The whole board, computed here from the base tables, agrees with the page shown.
        storage::Aggregates fromBase(s);
        fromBase.setFromBaseTables(true);
        storage::BoardQuery whole = b.query;
        whole.rowLimit = 0;
        const storage::BoardResult full = fromBase.board(whole);
        CHECK(b.totalRows == full.rows.size());
        CHECK(full.rows.size() > 50000);
        {
            // The whole board from the summaries (names read in one pass, not a
            // seek each) is the base tables' board, row for row.
            const storage::BoardResult summary = storage::Aggregates(s).board(whole);
            REQUIRE(summary.rows.size() == full.rows.size());
            std::size_t differing = 0;
            for (std::size_t i = 0; i < full.rows.size(); ++i)
                if (summary.rows[i].id != full.rows[i].id || summary.rows[i].name != full.rows[i].name ||
                    summary.rows[i].unit != full.rows[i].unit || summary.rows[i].rank != full.rows[i].rank ||
                    summary.rows[i].movement != full.rows[i].movement || summary.rows[i].value != full.rows[i].value)
                    ++differing;
            CHECK(differing == 0);
        }
        for (std::size_t i = 0; i < b.rows.size(); ++i) {
            INFO("row " << i);
            CHECK(b.rows[i].id == full.rows[i].id);
            CHECK(b.rows[i].rank == full.rows[i].rank);
            CHECK(b.rows[i].movement == full.rows[i].movement);
            CHECK(b.rows[i].value == full.rows[i].value);
        }

        // The wheel over the table down to its last row: the next page comes.
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(300, 600);
        for (int i = 0; i < 30 && !ui.visible("board.more"); ++i) {
            io.MouseWheel = -50;
            ui.frame();
        }
        io.MouseWheel = 0;
        CHECK(ui.visible("board.more"));
        most = framesUntil(
            ui, s,
            [&] {
                return screen.job.current() && screen.job.result() != nullptr &&
                       screen.job.result()->board.rows.size() == 2 * ui::kBoardPageRows;
            },
            [&] { screen.job.wait(); });
        CHECK(most < kFrameBudget);
        const storage::BoardResult& more = screen.job.result()->board;
        for (std::size_t i = 0; i < more.rows.size(); ++i) {
            INFO("row " << i);
            CHECK(more.rows[i].id == full.rows[i].id);
            CHECK(more.rows[i].rank == full.rows[i].rank);
        }
    }

    {   // 目标
        w.app.section = ui::Section::Targets;
        ui::TargetsScreen& screen = ui::targetsScreen(w.app);
        const std::uint64_t most = framesUntil(
            ui, s,
            [&] { return screen.job.current() && screen.job.result() != nullptr && screen.yearJob.current(); },
            [&] {
                screen.job.wait();
                screen.yearJob.wait();
            });
        CHECK(most < kFrameBudget);
        storage::Aggregates fromBase(s);
        fromBase.setFromBaseTables(true);
        const storage::TargetsReport report = fromBase.targets(2026, Date{2026, 11, 29});
        REQUIRE(report.lines.size() == 4);
        CHECK(report.lines[0].facts.numerator > 0);
        CHECK(report.lines[3].target.metric == "title_rate");
        CHECK(report.lines[3].facts.numerator == 48000);   // every 平安家庭 is held on 2026-12-31
        CHECK(report.lines[3].facts.baseNumerator == 32000);   // those of 2024 and 2025 on 2025-12-31
        // What the screen shows: the district's four lines, as the base tables count them.
        const ui::TargetsResult& shown = *screen.job.result();
        REQUIRE(shown.lines.size() == 4);
        for (std::size_t i = 0; i < 4; ++i) {
            CHECK(shown.lines[i].target.id == report.lines[i].target.id);
            CHECK(shown.lines[i].facts.numerator == doctest::Approx(report.lines[i].facts.numerator));
            CHECK(shown.lines[i].facts.baseNumerator == doctest::Approx(report.lines[i].facts.baseNumerator));
        }
        // The year panel (年度数据) from the per-unit summaries (0030), as the
        // old SQL over person and board_person_period counts it.
        REQUIRE(screen.yearJob.result() != nullptr);
        storage::YearFiguresReader yearFromBase(s);
        yearFromBase.setFromBaseTables(true);
        const YearFigures base = yearFromBase.figures(2026);
        const YearFigures& panel = screen.yearJob.result()->figures;
        CHECK(panel.volunteersRegistered == kPeople);
        CHECK(panel.volunteersRegistered == base.volunteersRegistered);
        CHECK(panel.volunteersActive > 50000);
        CHECK(panel.volunteersActive == base.volunteersActive);
        CHECK(panel.serviceHours > 0);
        CHECK(panel.serviceHours == doctest::Approx(base.serviceHours));
        for (std::size_t m = 0; m < 12; ++m) CHECK(panel.monthlyHours[m] == doctest::Approx(base.monthlyHours[m]));
    }
}
