// ui_targets_big_test.cpp — 目标, 概览 and the slides' rate race on a
// district with 60,000 households, headless: no frame scans a big table on
// the UI's connection, and the work behind them (what their Tasks run) reads
// migration 0032's summaries — a bounded read, where the held ranges cost a
// pass over every household's titles (the test measures both, so the bound
// is shown to catch a scan).
#include "headless_ui.hpp"
#include "storage/aggregates.hpp"
#include "storage/storage.hpp"
#include "storage/title_summaries.hpp"
#include "storage/year_figures.hpp"
#include "temp_db.hpp"
#include "ui/screen_overview.hpp"
#include "ui/screen_targets.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace jinguo;

namespace {

constexpr std::uint64_t kFrameBudget = 60000;
// What one summary read may cost: a few thousand rows. The held ranges of
// 60,000 households cost several times more (checked below).
constexpr std::uint64_t kReadBudget = 150000;

// 临江区: 3 streets of 10 communities, 60,000 households; 平安家庭 at
// community level for four in five (2024–2026, a dated 命名 event), at
// district level too for one in seven of those (a household holding two
// titles of one name counts once), 文明家庭 for one in three; 2026 targets:
// rate at any level and at one level, a title count.
struct TitledDistrict {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ui::AppState app{storage};

    TitledDistrict() {
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
            SELECT 10 + i, 2 + i / 10, '社区' || (i + 1), '社区', 2500 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
            INSERT INTO family (id, head_name, address, unit_id) SELECT i, '户主' || i, '地址' || i, 10 + i % 30 FROM n)");
        auto grant = [&](const char* title, const char* level, const char* which) {
            db.exec(std::string(R"(
                INSERT INTO award (title_id, year, family_id, unit_id, status)
                SELECT t.id, 2024 + f.id % 3, f.id, f.unit_id, '命名' FROM family f
                JOIN award_title t ON t.name = ')") + title + "' AND t.level = '" + level +
                    "' AND t.subject_kind = 'family' WHERE " + which);
        };
        grant("平安家庭", "社区", "f.id % 5 <> 0");
        grant("平安家庭", "区", "f.id % 5 <> 0 AND f.id % 7 = 0");
        grant("文明家庭", "社区", "f.id % 3 = 0");
        db.exec("INSERT INTO award_event (award_id, status, happened_on) SELECT id, '命名', year || '-06-18' FROM award");
        db.exec(R"(
            INSERT INTO target (unit_id, year, metric, title_id, goal, at_level)
            SELECT 1, 2026, 'title_rate', id, 0.9, 0 FROM award_title WHERE name = '平安家庭' AND level = '社区' AND subject_kind = 'family'
            UNION ALL
            SELECT 2, 2026, 'title_rate', id, 0.2, 1 FROM award_title WHERE name = '平安家庭' AND level = '区' AND subject_kind = 'family'
            UNION ALL
            SELECT 1, 2026, 'title_count', id, 9000, 0 FROM award_title WHERE name = '文明家庭' AND level = '社区' AND subject_kind = 'family')");
        db.exec("COMMIT");
        storage.setAuditEnabled(true);
        app.today = "2026-11-29";
    }
};

// The work `read` does on the storage's own connection.
template <class Read>
std::uint64_t workOf(storage::Storage& s, Read read) {
    const std::uint64_t before = s.db().workDone();
    read();
    return s.db().workDone() - before;
}

} // namespace

TEST_CASE("60,000 titled households: 目标, 概览 and the rate race read summaries, and no frame scans") {
    TitledDistrict w;
    storage::Storage& s = w.storage;
    s.db().meterWork();

    // The figures first: the summaries against the rule over the events.
    storage::Aggregates fast(s), fromBase(s);
    fromBase.setFromBaseTables(true);
    const storage::TargetsReport report = fast.targets(2026, Date{2026, 11, 29});
    const storage::TargetsReport base = fromBase.targets(2026, Date{2026, 11, 29});
    REQUIRE(report.lines.size() == 3);
    REQUIRE(base.lines.size() == 3);
    CHECK(report.lines[0].facts.numerator == 48000);        // every 平安家庭 household once, either level
    CHECK(report.lines[0].facts.baseNumerator == 32000);    // those named 2024–2025
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("line " << i);
        CHECK(report.lines[i].facts.numerator == base.lines[i].facts.numerator);
        CHECK(report.lines[i].facts.baseNumerator == base.lines[i].facts.baseNumerator);
        CHECK(report.lines[i].facts.denominator == base.lines[i].facts.denominator);
    }
    CHECK(report.lines[2].facts.numerator == base.lines[2].facts.numerator);
    storage::BoardQuery race;
    race.board = storage::Board::Communities;
    race.metric = storage::BoardMetric::Rate;
    race.period = Period::ofYear(2026);
    race.today = Date{2026, 11, 29};
    const storage::BoardResult raceFast = fast.board(race);
    const storage::BoardResult raceBase = fromBase.board(race);
    REQUIRE(raceFast.rows.size() == 30);
    REQUIRE(raceBase.rows.size() == 30);
    for (std::size_t i = 0; i < 30; ++i) {
        CHECK(raceFast.rows[i].id == raceBase.rows[i].id);
        CHECK(raceFast.rows[i].value == raceBase.rows[i].value);
        CHECK(raceFast.rows[i].numerator == raceBase.rows[i].numerator);
    }

    // The work behind each Task: bounded, where the ranges are not.
    const std::uint64_t targetsWork = workOf(s, [&] { fast.targets(2026, Date{2026, 11, 29}); });
    const std::uint64_t raceWork = workOf(s, [&] { fast.board(race); });
    const std::uint64_t yearWork = workOf(s, [&] { storage::YearFiguresReader(s).figures(2026); });
    const std::uint64_t overviewWork = workOf(s, [&] { s.overview(); });
    const std::uint64_t spansWork = workOf(s, [&] {
        storage::familiesHoldingPerUnitFromSpans(s.db(), "平安家庭", 0, "2026-12-31", "2025-12-31");
    });
    MESSAGE("work: targets " << targetsWork << ", race " << raceWork << ", year " << yearWork << ", overview "
                             << overviewWork << ", over the ranges " << spansWork);
    CHECK(spansWork > kReadBudget);   // the bound would catch a pass over the titles
    CHECK(targetsWork < kReadBudget);
    CHECK(raceWork < kReadBudget);
    CHECK(yearWork < kReadBudget);
    CHECK(overviewWork < kReadBudget);

    // The screens: their frames do no such work on the UI's connection.
    test::HeadlessUi ui(w.app);
    w.app.section = ui::Section::Targets;
    ui::TargetsScreen& screen = ui::targetsScreen(w.app);
    std::uint64_t most = 0;
    for (int i = 0; i < 40; ++i) {
        const std::uint64_t before = s.db().workDone();
        ui.frame();
        most = std::max(most, s.db().workDone() - before);
        if (screen.job.current() && screen.job.result() != nullptr && screen.yearJob.current()) break;
        screen.job.wait();
        screen.yearJob.wait();
    }
    REQUIRE(screen.job.result() != nullptr);
    CHECK(most < kFrameBudget);
    const ui::TargetsResult& shown = *screen.job.result();
    REQUIRE(shown.lines.size() >= 1);
    CHECK(shown.lines[0].facts.numerator == 48000);

    w.app.section = ui::Section::Overview;
    ui::OverviewScreen& overview = ui::overviewScreen(w.app);
    most = 0;
    for (int i = 0; i < 40; ++i) {
        const std::uint64_t before = s.db().workDone();
        ui.frame();
        most = std::max(most, s.db().workDone() - before);
        if (overview.job.current() && overview.job.result() != nullptr) break;
        overview.job.wait();
    }
    REQUIRE(overview.job.result() != nullptr);
    CHECK(most < kFrameBudget);
    storage::Statement awards = s.db().prepare("SELECT count(*) FROM award WHERE family_id IS NOT NULL AND status <> '撤销'");
    REQUIRE(awards.step());
    CHECK(overview.job.result()->familyAwards == awards.columnInt(0));
    CHECK(awards.columnInt(0) == 48000 + 6857 + 20000);
}
