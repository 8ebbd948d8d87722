// storage_board_summary_test.cpp — the boards' summary tables (migration 0022)
// against their definition, and the boards and targets read from them against
// the same figures read from the base tables (Aggregates::setFromBaseTables,
// the SQL the boards ran before the summaries).
//
// The definition is written on its own (support/board_summary_check.hpp):
// the dated_hours view of 0010 grouped by person and period key, distinct
// activities counted by SQL.
#include <doctest/doctest.h>

#include "demo/demo.hpp"
#include "storage/aggregates.hpp"
#include "storage/import_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "support/board_summary_check.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"
#include "support/demo_copy.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>

using namespace jinguo;
using namespace jinguo::storage;
using test::summaryMismatches;

namespace {

std::int64_t scalarInt(Storage& s, const std::string& sql) {
    Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Every figure of two boards, row by row (the JSON and the screens print these).
void checkSameBoard(const BoardResult& fromSummary, const BoardResult& fromBase, const std::string& what) {
    INFO(what);
    CHECK(fromSummary.scopeName == fromBase.scopeName);
    CHECK(fromSummary.hasPrevious == fromBase.hasPrevious);
    REQUIRE(fromSummary.rows.size() == fromBase.rows.size());
    for (std::size_t i = 0; i < fromBase.rows.size(); ++i) {
        const BoardRow& a = fromSummary.rows[i];
        const BoardRow& b = fromBase.rows[i];
        INFO("row " << i << " " << b.name);
        CHECK(a.id == b.id);
        CHECK(a.name == b.name);
        CHECK(a.unit == b.unit);
        CHECK(a.value == b.value);
        CHECK(a.rank == b.rank);
        CHECK(a.movement == b.movement);
        CHECK(a.movementDelta == b.movementDelta);
        CHECK(a.isNew == b.isNew);
        CHECK(a.stars == b.stars);
        CHECK(std::abs(a.hours - b.hours) < 1e-6);
        CHECK(std::abs(a.points - b.points) < 1e-6);
        CHECK(std::abs(a.cumulativeHours - b.cumulativeHours) < 1e-6);
        CHECK(a.activities == b.activities);
        CHECK(a.titles == b.titles);
        CHECK(a.numerator == b.numerator);
        CHECK(a.households == b.households);
        CHECK(a.level == b.level);
        CHECK(a.score == b.score);
        CHECK(a.dataError == b.dataError);
    }
}

// Every board × metric × period (of each kind) × scope (district, a street,
// a community), from the summaries and from the base tables. Returns the
// number of board rows compared.
std::size_t compareAllBoards(Storage& s, const std::vector<RowId>& scopes, const std::vector<std::string>& periods) {
    Aggregates fromSummary(s);
    Aggregates fromBase(s);
    fromBase.setFromBaseTables(true);
    std::size_t rows = 0;
    for (const std::string& code : periods) {
        const Period period = *parsePeriod(code).period;
        for (Board board : {Board::Volunteers, Board::Communities, Board::Streets, Board::Posts}) {
            for (BoardMetric metric : metricsOf(board)) {
                for (RowId scope : scopes) {
                    BoardQuery q;
                    q.board = board;
                    q.metric = metric;
                    q.period = period;
                    q.scopeUnitId = scope;
                    q.today = Date{2026, 12, 5};
                    const std::string what = std::string(boardCode(board)) + " " + metricCode(metric) + " " + code +
                                             " scope " + std::to_string(scope);
                    BoardResult a, b;
                    try {
                        b = fromBase.board(q);
                    } catch (const std::invalid_argument&) {
                        CHECK_THROWS_AS(fromSummary.board(q), std::invalid_argument);   // a streets board of a community
                        continue;
                    }
                    a = fromSummary.board(q);
                    checkSameBoard(a, b, what);
                    CHECK(a.totalRows == b.rows.size());
                    rows += b.rows.size();
                    // The first rows alone (the screen's first pages): the same
                    // rows, ranks and movement as the whole board's.
                    // Many sizes: the page's last row falls inside runs of
                    // equal values (hours in halves tie a lot) and beyond them.
                    for (std::size_t limit : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{13},
                                              std::size_t{60}, std::size_t{61}, std::size_t{200}}) {
                        q.rowLimit = limit;
                        const BoardResult first = fromSummary.board(q);
                        CHECK(first.totalRows == b.rows.size());
                        BoardResult prefix = b;
                        if (prefix.rows.size() > limit) prefix.rows.resize(limit);
                        checkSameBoard(first, prefix, what + " first " + std::to_string(limit));
                    }
                }
            }
        }
    }
    return rows;
}

void checkSameTargets(Storage& s, int year) {
    Aggregates fromSummary(s);
    Aggregates fromBase(s);
    fromBase.setFromBaseTables(true);
    const TargetsReport a = fromSummary.targets(year, Date{2026, 12, 5});
    const TargetsReport b = fromBase.targets(year, Date{2026, 12, 5});
    REQUIRE(a.lines.size() == b.lines.size());
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        INFO("target line " << i << " " << b.lines[i].target.metric << " " << b.lines[i].unitName);
        CHECK(a.lines[i].target.id == b.lines[i].target.id);
        CHECK(a.lines[i].subject == b.lines[i].subject);
        CHECK(std::abs(a.lines[i].facts.numerator - b.lines[i].facts.numerator) < 1e-6);
        CHECK(a.lines[i].facts.denominator == b.lines[i].facts.denominator);
        CHECK(a.lines[i].facts.baseNumerator == b.lines[i].facts.baseNumerator);
        CHECK(std::abs(a.lines[i].progress.actual - b.lines[i].progress.actual) < 1e-9);
        CHECK(a.lines[i].progress.base == b.lines[i].progress.base);
        CHECK(a.lines[i].progress.status == b.lines[i].progress.status);
    }
}

// A random-looking but deterministic district: 3 communities, `people`
// volunteers, 40 activities, `records` service records over 2024–2026 (a
// third unverified, some without an activity, hours in halves), roster
// history and credits (some negative), and person titles named on dated events.
struct RandomWorld {
    test::TempDbPath path;
    Storage s{path.str()};
    test::District d;

    RandomWorld(int people, int records) {
        d = test::buildTwoStreets(s, 100, 300, 200);
        s.db().exec("BEGIN");
        Statement person = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO person (name, unit_id, is_volunteer, roster_hours, roster_hours_as_of)
            SELECT '志愿者' || (i % 97), CASE i % 7 WHEN 0 THEN NULL WHEN 1 THEN ?2 WHEN 2 THEN ?3 ELSE ?4 END,
                   i % 11 <> 0, CASE WHEN i % 5 = 0 THEN (i % 13) * 2.5 ELSE 0 END,
                   CASE WHEN i % 5 = 0 THEN '2025-06-30' END
            FROM n)");
        person.bind(1, people).bind(2, d.community(0)).bind(3, d.community(1)).bind(4, d.community(2));
        person.run();
        s.db().exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
            INSERT INTO activity (name, held_on) SELECT '活动' || i, '2025-01-01' FROM n)");
        Statement record = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO service_record (person_id, activity_id, served_on, hours, verified)
            SELECT 1 + (i * 7919) % ?2, CASE WHEN i % 9 = 0 THEN NULL ELSE 1 + (i * 104729) % 40 END,
                   printf('%04d-%02d-%02d', 2024 + (i * 31) % 3, 1 + (i * 17) % 12, 1 + (i * 13) % 28)
                       || CASE WHEN i % 23 = 0 THEN ' 23:59' ELSE '' END,
                   0.5 * (1 + (i * 37) % 16), (i % 3) <> 0
            FROM n)");
        record.bind(1, records).bind(2, people);
        record.run();
        Statement credit = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO roster_credit (person_id, credited_on, hours)
            SELECT 1 + (i * 613) % ?2, printf('%04d-%02d-28', 2024 + i % 3, 1 + (i * 5) % 12),
                   CASE WHEN i % 6 = 0 THEN -1.5 ELSE 0.25 * (1 + i % 20) END
            FROM n)");
        credit.bind(1, people / 4).bind(2, people);
        credit.run();
        // Person titles named on dated events in every year (the titles metric).
        const RowId title = s.awardTitleId("三八红旗手", "person", "区");
        REQUIRE(title != 0);
        Statement award = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO award (title_id, year, person_id, unit_id, status)
            SELECT ?2, 2024 + i % 3, 1 + (i * 389) % ?3, ?4, '命名' FROM n)");
        award.bind(1, people / 10).bind(2, title).bind(3, people).bind(4, d.community(1));
        award.run();
        s.db().exec(R"(
            INSERT INTO award_event (award_id, status, happened_on)
            SELECT id, '命名', printf('%04d-%02d-15', year, 1 + id % 12) FROM award WHERE id % 2 = 0)");
        s.db().exec("COMMIT");
    }
};

const std::vector<std::string> kPeriods = {"all",    "2024",   "2025",    "2026",    "2026Q1",
                                           "2025Q4", "2026Q4", "2026-01", "2025-12", "2026-11"};

} // namespace

TEST_CASE("board summaries equal their definition after inserts, updates, deletes, an import and undo") {
    RandomWorld w(300, 4000);
    Storage& s = w.s;
    CHECK(scalarInt(s, "SELECT count(*) FROM board_person_period") > 1000);
    CHECK(summaryMismatches(s) == 0);

    // Updates of every column the summaries read, and deletes (a person's
    // delete cascades to her records and credits; an activity's sets NULL).
    s.db().exec("UPDATE service_record SET verified = 1 - verified WHERE id % 7 = 0");
    s.db().exec("UPDATE service_record SET served_on = '2025-12-31 23:59', activity_id = 3 WHERE id % 11 = 0");
    s.db().exec("UPDATE service_record SET person_id = 5, hours = hours + 0.5 WHERE id % 13 = 0 AND hours < 20");
    s.db().exec("DELETE FROM service_record WHERE id % 17 = 0");
    s.db().exec("UPDATE roster_credit SET credited_on = '2024-02-02', person_id = 9 WHERE id % 3 = 0");
    s.db().exec("DELETE FROM roster_credit WHERE id % 5 = 0");
    s.db().exec("DELETE FROM person WHERE id % 19 = 0");
    s.db().exec("DELETE FROM activity WHERE id = 4");
    CHECK(scalarInt(s, "SELECT count(*) FROM service_record WHERE activity_id IS NULL") > 0);
    CHECK(summaryMismatches(s) == 0);

    // A verified record through the store, then taken back by undo of its deletion.
    ServiceRecord r;
    r.personId = 2;
    r.activityId = 7;
    r.servedOn = "2026-03-08";
    r.hours = 4;
    r.verified = true;
    s.insertServiceRecord(r);
    CHECK(summaryMismatches(s) == 0);
    const std::int64_t before = scalarInt(s, "SELECT count(*) FROM board_person_period WHERE person_id = 2");
    UndoStore undo(s);
    REQUIRE(undo.deleteRow("person", 2));
    CHECK(scalarInt(s, "SELECT count(*) FROM board_person_period WHERE person_id = 2") == 0);
    CHECK(summaryMismatches(s) == 0);
    REQUIRE(undo.undoLast());   // restores her and her records with plain SQL
    CHECK(scalarInt(s, "SELECT count(*) FROM board_person_period WHERE person_id = 2") == before);
    CHECK(summaryMismatches(s) == 0);

    // A roster import twice: the second's increases are dated roster credits;
    // undoing that import removes them again.
    const std::string dir =
        (std::filesystem::temp_directory_path() / ("jinguo_summary_" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    auto importRoster = [&](const std::string& name, const std::string& hours, const char* asOf) {
        const std::string file = dir + "/" + name;
        std::ofstream(file, std::ios::binary) << "姓名,身份证号,所属社区,服务时长\n"
                                              << "王芳,11010519491231002X,望月社区," << hours << "\n";
        RosterImportRequest q;
        q.kind = roster::RosterKind::Volunteers;
        q.files = {file};
        q.today = "2026-11-29";
        q.hours = {roster::HoursMeaning::Total, std::nullopt, asOf};
        RosterImportResult result = runRosterImport(s, q);
        REQUIRE_MESSAGE(result.status == RosterImportResult::Status::Committed, result.error);
        return result.files.at(0).batch;
    };
    importRoster("a.csv", "120", "2026-03-31");
    const std::int64_t credits = scalarInt(s, "SELECT count(*) FROM roster_credit");
    const RowId second = importRoster("b.csv", "150.5", "2026-09-30");
    CHECK(scalarInt(s, "SELECT count(*) FROM roster_credit") == credits + 1);
    CHECK(scalarInt(s, "SELECT count(*) FROM board_person_period b JOIN person p ON p.id = b.person_id"
                       " WHERE p.name = '王芳' AND b.period = '2026Q3'") == 1);
    CHECK(summaryMismatches(s) == 0);
    ImportStore(s).undo(second);
    CHECK(scalarInt(s, "SELECT count(*) FROM roster_credit") == credits);
    CHECK(summaryMismatches(s) == 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("boards and targets from the summaries equal those from the base tables: a random district") {
    RandomWorld w(400, 6000);
    const std::vector<RowId> scopes = {0, w.d.street(0), w.d.community(1)};
    const std::size_t rows = compareAllBoards(w.s, scopes, kPeriods);
    CHECK(rows > 4000);
    // A target of each kind the summaries feed.
    for (const char* metric : {"volunteer_hours", "volunteers", "activities"}) {
        Target t;
        t.unitId = w.d.street(0);
        t.year = 2026;
        t.metric = metric;
        t.goal = 100;
        w.s.insertTarget(t);
    }
    checkSameTargets(w.s, 2026);
    checkSameTargets(w.s, 2025);
}

// The district's first pages are chosen by bounds on hours and activities
// (PagedBoard, migration 0033): other worths of an hour and an activity, and
// a worth the bounds cannot use (an hour worth nothing: the whole walk).
TEST_CASE("the volunteers board's first pages under other points rules equal the whole board from the base tables") {
    RandomWorld w(400, 6000);
    const std::vector<std::string> periods = {"all", "2026", "2025Q4", "2026-11"};
    for (const auto& [perHour, perActivity] : std::vector<std::pair<std::string, std::string>>{
             {"0.5", "3"}, {"2", "0"}, {"0", "2"}, {"1.25", "0.1"}}) {
        INFO("per hour " << perHour << ", per activity " << perActivity);
        w.s.setSetting("points.per_verified_hour", perHour);
        w.s.setSetting("points.per_activity", perActivity);
        Aggregates fromSummary(w.s);
        Aggregates fromBase(w.s);
        fromBase.setFromBaseTables(true);
        for (const std::string& code : periods)
            for (BoardMetric metric : metricsOf(Board::Volunteers)) {
                BoardQuery q;
                q.metric = metric;
                q.period = *parsePeriod(code).period;
                q.today = Date{2026, 12, 5};
                const BoardResult whole = fromBase.board(q);
                REQUIRE(whole.rows.size() > 50);
                for (std::size_t limit : {std::size_t{1}, std::size_t{5}, std::size_t{33}, std::size_t{120}}) {
                    q.rowLimit = limit;
                    const BoardResult first = fromSummary.board(q);
                    CHECK(first.totalRows == whole.rows.size());
                    BoardResult prefix = whole;
                    prefix.rows.resize(std::min(limit, prefix.rows.size()));
                    checkSameBoard(first, prefix, std::string(metricCode(metric)) + " " + code + " first " +
                                                      std::to_string(limit));
                }
            }
    }
}

TEST_CASE("boards and targets from the summaries equal those from the base tables: the demo") {
    test::DemoDbPath path;
    Storage s(path.str());
    CHECK(summaryMismatches(s) == 0);
    std::vector<RowId> scopes = {0};
    {
        // A street and one of its communities.
        Statement st = s.db().prepare(
            "SELECT u.id, c.id FROM org_unit u JOIN org_unit c ON c.parent_id = u.id"
            " WHERE u.kind = '街道' AND c.kind = '社区' ORDER BY u.id, c.id LIMIT 1");
        REQUIRE(st.step());
        scopes.push_back(st.columnInt(0));
        scopes.push_back(st.columnInt(1));
    }
    const std::size_t rows = compareAllBoards(s, scopes, kPeriods);
    CHECK(rows > 8000);
    for (int year : {2025, 2026}) checkSameTargets(s, year);
}
