// storage_unit_board_test.cpp — migration 0037's summaries (unit_volunteer_period,
// award_named_on, unit_title_named, board_roster_only) and 0041's
// board_unit_person_period against their definition after random writes of
// every kind, the 社区/街道 boards read from them (unit_board.cpp) against the
// same boards from the base tables (Aggregates::setFromBaseTables: the walk
// of every volunteer and every award's events they replaced), and a street's
// or community's volunteers board read a page at a time (0041) against the
// whole board from the base tables.
#include <doctest/doctest.h>

#include "storage/aggregates.hpp"
#include "storage/roster_import.hpp"
#include "storage/import_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "support/board_summary_check.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// Rows of each 0037 table that differ from the table's definition, both ways.
constexpr const char* kUnitBoardMismatchSql = R"(
    WITH vol(period, unit_id, hours, activities, people) AS (
        SELECT b.period, coalesce(p.unit_id, 0), coalesce(sum(b.hours), 0.0), sum(b.activities), count(*)
        FROM board_person_period b JOIN person p ON p.id = b.person_id
        WHERE p.is_volunteer = 1 GROUP BY 1, 2),
    named(award_id, unit_id, named_on) AS (
        SELECT a.id, a.unit_id,
               coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                        a.year || '-12-31')
        FROM award a WHERE a.unit_id IS NOT NULL AND a.status IN ('命名', '复核'))
    SELECT (SELECT count(*) FROM vol d LEFT JOIN unit_volunteer_period u ON u.period = d.period AND u.unit_id = d.unit_id
            WHERE u.unit_id IS NULL OR abs(u.hours - d.hours) > 1e-6 OR u.activities <> d.activities
               OR u.people <> d.people)
         + (SELECT count(*) FROM unit_volunteer_period u LEFT JOIN vol d ON u.period = d.period AND u.unit_id = d.unit_id
            WHERE d.unit_id IS NULL)
         + (SELECT count(*) FROM (SELECT * FROM named EXCEPT SELECT award_id, unit_id, named_on FROM award_named_on) AS d1)
         + (SELECT count(*) FROM (SELECT award_id, unit_id, named_on FROM award_named_on EXCEPT SELECT * FROM named) AS d2)
         + (SELECT count(*) FROM (SELECT unit_id, named_on, count(*) FROM named GROUP BY 1, 2
                                  EXCEPT SELECT unit_id, named_on, titles FROM unit_title_named) AS d3)
         + (SELECT count(*) FROM (SELECT unit_id, named_on, titles FROM unit_title_named
                                  EXCEPT SELECT unit_id, named_on, count(*) FROM named GROUP BY 1, 2) AS d4)
         + CAST((SELECT people FROM board_roster_only WHERE id = 1) IS DISTINCT FROM
            (SELECT count(*) FROM person WHERE roster_hours > 0 AND NOT EXISTS (
                 SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = person.id)) AS integer))";

// 0041: every volunteer's summary row under her unit, nothing else (hours
// are copies of board_person_period's, so equal to the bit).
constexpr const char* kScopedBoardMismatchSql = R"(
    WITH def(unit_id, period, activities, hours, person_id) AS (
        SELECT p.unit_id, b.period, b.activities, b.hours, b.person_id
        FROM board_person_period b JOIN person p ON p.id = b.person_id
        WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL)
    SELECT (SELECT count(*) FROM (SELECT * FROM def EXCEPT
                                  SELECT unit_id, period, activities, hours, person_id FROM board_unit_person_period) AS d1)
         + (SELECT count(*) FROM (SELECT unit_id, period, activities, hours, person_id FROM board_unit_person_period
                                  EXCEPT SELECT * FROM def) AS d2))";

std::int64_t unitBoardMismatches(Storage& s) {
    Statement st = s.db().prepare(kUnitBoardMismatchSql);
    REQUIRE(st.step());
    Statement scoped = s.db().prepare(kScopedBoardMismatchSql);
    REQUIRE(scoped.step());
    return st.columnInt(0) + scoped.columnInt(0);
}

std::int64_t scalarInt(Storage& s, const std::string& sql) {
    Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

const std::vector<std::string> kPeriods = {"all", "2025", "2026", "2026Q1", "2025Q4", "2026-03", "2025-12"};

// The unit boards (hours, points, titles, rate) of every period and scope,
// from the summaries and from the base tables, row by row. Returns the rows
// compared.
std::size_t compareUnitBoards(Storage& s, const std::vector<RowId>& scopes) {
    Aggregates fromSummary(s);
    Aggregates fromBase(s);
    fromBase.setFromBaseTables(true);
    std::size_t rows = 0;
    for (const std::string& code : kPeriods) {
        for (Board board : {Board::Communities, Board::Streets}) {
            for (BoardMetric metric : metricsOf(board)) {
                for (RowId scope : scopes) {
                    BoardQuery q;
                    q.board = board;
                    q.metric = metric;
                    q.period = *parsePeriod(code).period;
                    q.scopeUnitId = scope;
                    q.today = Date{2026, 12, 5};
                    INFO(boardCode(board) << " " << metricCode(metric) << " " << code << " scope " << scope);
                    BoardResult b;
                    try {
                        b = fromBase.board(q);
                    } catch (const std::invalid_argument&) {
                        CHECK_THROWS_AS(fromSummary.board(q), std::invalid_argument);   // streets of a community
                        continue;
                    }
                    const BoardResult a = fromSummary.board(q);
                    REQUIRE(a.rows.size() == b.rows.size());
                    CHECK(a.totalRows == b.totalRows);
                    for (std::size_t i = 0; i < b.rows.size(); ++i) {
                        INFO("row " << i << " " << b.rows[i].name);
                        CHECK(a.rows[i].id == b.rows[i].id);
                        CHECK(a.rows[i].value == b.rows[i].value);
                        CHECK(a.rows[i].rank == b.rows[i].rank);
                        CHECK(a.rows[i].movement == b.rows[i].movement);
                        CHECK(std::abs(a.rows[i].hours - b.rows[i].hours) < 1e-6);
                        CHECK(std::abs(a.rows[i].points - b.rows[i].points) < 1e-6);
                        CHECK(a.rows[i].titles == b.rows[i].titles);
                        CHECK(a.rows[i].numerator == b.rows[i].numerator);
                        CHECK(a.rows[i].dataError == b.rows[i].dataError);
                    }
                    rows += b.rows.size();
                }
            }
        }
    }
    return rows;
}

// Two streets, three communities, people in each (and without a unit),
// volunteers and not, roster history, verified and unverified records over
// 2025–2026 (hours in quarters: sums are exact in any order), credits, and
// titles of people and of collectives on several units, named on dated events
// or by their year.
struct UnitWorld {
    test::TempDbPath path;
    Storage s{path.str()};
    test::District d;
    std::mt19937 random{20261207};

    explicit UnitWorld(int people) {
        d = test::buildTwoStreets(s, 100, 300, 200);
        s.db().exec("BEGIN");
        Statement person = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO person (name, unit_id, is_volunteer, roster_hours, roster_hours_as_of)
            SELECT '志愿者' || (i % 89), CASE i % 9 WHEN 0 THEN NULL WHEN 1 THEN CAST(?2 AS bigint) WHEN 2 THEN CAST(?5 AS bigint)
                                                   WHEN 3 THEN CAST(?3 AS bigint) ELSE CAST(?4 AS bigint) END,
                   CAST(i % 13 <> 0 AS integer), CASE WHEN i % 4 = 0 THEN (i % 11) * 1.25 ELSE 0 END,
                   CASE WHEN i % 4 = 0 THEN '2025-06-30' END
            FROM n)");
        person.bind(1, people).bind(2, d.community(0)).bind(3, d.community(1)).bind(4, d.community(2)).bind(5, d.street(0));
        person.run();
        s.db().exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
            INSERT INTO activity (name, held_on) SELECT '活动' || i, '2025-01-01' FROM n)");
        Statement record = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO service_record (person_id, activity_id, served_on, hours, verified)
            SELECT 1 + (i * 7919) % ?2, CASE WHEN i % 8 = 0 THEN NULL ELSE 1 + (i * 104729) % 30 END,
                   CAST(2025 + (i * 31) % 2 AS text) || '-' || substr(CAST(101 + (i * 17) % 12 AS text), 2) || '-'
                       || substr(CAST(101 + (i * 13) % 28 AS text), 2),
                   0.25 * (1 + (i * 37) % 24), CAST((i % 4) <> 0 AS integer)
            FROM n)");
        record.bind(1, people * 8).bind(2, people);
        record.run();
        Statement credit = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO roster_credit (person_id, credited_on, hours)
            SELECT 1 + (i * 613) % ?2, CAST(2025 + i % 2 AS text) || '-' || substr(CAST(101 + (i * 5) % 12 AS text), 2) || '-28', 0.5 * (1 + i % 10)
            FROM n)");
        credit.bind(1, people / 5).bind(2, people);
        credit.run();
        const RowId title = s.awardTitleId("三八红旗手", "person", "区");
        REQUIRE(title != 0);
        Statement award = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO award (title_id, year, person_id, unit_id, status)
            SELECT ?2, 2025 + i % 2, 1 + (i * 389) % ?3, CASE i % 3 WHEN 0 THEN CAST(?4 AS bigint) WHEN 1 THEN CAST(?5 AS bigint) ELSE NULL END,
                   CASE WHEN i % 7 = 0 THEN '申报' ELSE '命名' END
            FROM n)");
        award.bind(1, people / 6).bind(2, title).bind(3, people).bind(4, d.community(1)).bind(5, d.community(2));
        award.run();
        // Collective titles booked on streets and communities.
        Statement collective = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24)
            INSERT INTO award (title_id, year, collective_name, unit_id, status)
            SELECT ?1, 2025 + i % 2, '集体' || i, CASE i % 4 WHEN 0 THEN CAST(?2 AS bigint) WHEN 1 THEN CAST(?3 AS bigint) WHEN 2 THEN CAST(?4 AS bigint) ELSE CAST(?5 AS bigint) END,
                   CASE WHEN i % 5 = 0 THEN '复核' ELSE '命名' END
            FROM n)");
        collective.bind(1, title).bind(2, d.street(0)).bind(3, d.street(1)).bind(4, d.community(0)).bind(5, d.community(2));
        collective.run();
        // People with roster history and nothing dated (the all-time board's roster-only count).
        s.db().exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
            INSERT INTO person (name, unit_id, is_volunteer, roster_hours) SELECT '名册' || i, NULL, CAST(i % 5 <> 0 AS integer), i * 0.75 FROM n)");
        s.db().exec(R"(
            INSERT INTO award_event (award_id, status, happened_on)
            SELECT id, '命名', CAST(year AS text) || '-' || substr(CAST(101 + id % 12 AS text), 2) || '-15' FROM award WHERE id % 2 = 0)");
        s.db().exec("COMMIT");
    }

    int pick(int below) { return std::uniform_int_distribution<int>(0, below - 1)(random); }

    // One random write through plain SQL, of one of the kinds the summaries follow.
    void randomWrite(int people) {
        const int who = 1 + pick(people);
        const std::vector<RowId> units = {d.community(0), d.community(1), d.community(2), d.street(0), d.street(1)};
        const std::string unit = std::to_string(units[static_cast<std::size_t>(pick(5))]);
        const std::string id = std::to_string(who);
        // A write the schema refuses (a person or award already gone) changes nothing.
        try {
            write(pick(15), id, unit, people);
        } catch (const std::exception&) {
        }
    }

    void write(int kind, const std::string& id, const std::string& unit, int people) {
        switch (kind) {
        case 0:   // a record: new, verified or not
            s.db().exec("INSERT INTO service_record (person_id, activity_id, served_on, hours, verified) VALUES (" + id +
                        ", " + std::to_string(1 + pick(30)) + ", '2026-0" + std::to_string(1 + pick(9)) + "-1" +
                        std::to_string(pick(10)) + "', " + std::to_string(0.25 * (1 + pick(20))) + ", " +
                        std::to_string(pick(4) != 0) + ")");
            break;
        case 1:   // a record's verification, date, hours or person
            s.db().exec("UPDATE service_record SET verified = 1 - verified WHERE id = " + std::to_string(1 + pick(people * 8)));
            s.db().exec("UPDATE service_record SET served_on = '2025-12-3" + std::to_string(pick(2)) + "', hours = hours + 0.5,"
                        " person_id = " + id + " WHERE id = " + std::to_string(1 + pick(people * 8)));
            break;
        case 2:
            s.db().exec("DELETE FROM service_record WHERE id = " + std::to_string(1 + pick(people * 8)));
            break;
        case 3:   // moved between units, or out of any
            s.db().exec("UPDATE person SET unit_id = " + (pick(6) == 0 ? std::string("NULL") : unit) + " WHERE id = " + id);
            break;
        case 4:   // volunteer or not
            s.db().exec("UPDATE person SET is_volunteer = 1 - is_volunteer WHERE id = " + id);
            break;
        case 5:   // roster history on and off
            s.db().exec("UPDATE person SET roster_hours = CASE WHEN roster_hours > 0 THEN 0 ELSE 7.5 END WHERE id = " + id);
            break;
        case 6:   // a credit
            s.db().exec("INSERT INTO roster_credit (person_id, credited_on, hours) VALUES (" + id + ", '2026-0" +
                        std::to_string(1 + pick(9)) + "-28', 2.5)");
            break;
        case 7:   // a title's status, unit or year
            s.db().exec("UPDATE award SET status = CASE status WHEN '命名' THEN '撤销' WHEN '撤销' THEN '复核' ELSE '命名' END"
                        " WHERE id = " + std::to_string(1 + pick(people / 6 + 24)));
            s.db().exec("UPDATE award SET unit_id = " + unit + ", year = 2025 + CAST(year = 2025 AS integer) WHERE id = " +
                        std::to_string(1 + pick(people / 6 + 24)));
            break;
        case 8:   // a naming event: new, moved, re-dated, turned into a review, gone
            s.db().exec("INSERT INTO award_event (award_id, status, happened_on) VALUES (" +
                        std::to_string(1 + pick(people / 6 + 24)) + ", '命名', '2026-0" + std::to_string(1 + pick(9)) + "-01')");
            s.db().exec("UPDATE award_event SET happened_on = '2025-11-11' WHERE id = (SELECT max(id) FROM award_event) - " +
                        std::to_string(pick(5)));
            break;
        case 9:
            s.db().exec("UPDATE award_event SET status = CASE status WHEN '命名' THEN '复核' ELSE '命名' END WHERE id = "
                        "(SELECT min(id) FROM award_event) + " + std::to_string(pick(20)));
            s.db().exec("DELETE FROM award_event WHERE id = (SELECT min(id) FROM award_event) + " + std::to_string(pick(20)));
            break;
        case 10:   // a title gone, or a new one
            if (pick(2) == 0)
                s.db().exec("DELETE FROM award WHERE id = " + std::to_string(1 + pick(people / 6 + 24)));
            else
                s.db().exec("INSERT INTO award (title_id, year, person_id, unit_id, status) SELECT title_id, 2026, " + id +
                            ", " + unit + ", '命名' FROM award LIMIT 1");
            break;
        case 11:   // a person gone (her records, credits and titles go along)
            s.db().exec("DELETE FROM person WHERE id = " + id);
            break;
        case 12:   // an activity gone (its records keep no activity)
            s.db().exec("DELETE FROM activity WHERE id = " + std::to_string(1 + pick(30)));
            break;
        case 13:   // a community moved to the other street, or renamed (boards read the tree as it is)
            if (pick(2) == 0)
                s.db().exec("UPDATE org_unit SET parent_id = " + std::to_string(d.street(pick(2))) + " WHERE id = " +
                            std::to_string(d.community(pick(3))));
            else
                s.db().exec("UPDATE org_unit SET name = name || '新' WHERE id = " + std::to_string(d.community(pick(3))));
            break;
        default:   // a new person, with or without roster history
            s.db().exec("INSERT INTO person (name, unit_id, is_volunteer, roster_hours) VALUES ('新人', " + unit + ", " +
                        std::to_string(pick(5) != 0) + ", " + std::to_string(pick(2) * 3.5) + ")");
            break;
        }
    }
};

} // namespace

TEST_CASE("0037's unit summaries equal their definition after random writes of every kind, undo and an import") {
    const int people = 240;
    UnitWorld w(people);
    Storage& s = w.s;
    CHECK(scalarInt(s, "SELECT count(*) FROM unit_volunteer_period") > 50);
    CHECK(scalarInt(s, "SELECT count(*) FROM unit_title_named") > 10);
    CHECK(scalarInt(s, "SELECT people FROM board_roster_only") > 0);
    CHECK(unitBoardMismatches(s) == 0);
    for (int round = 0; round < 12; ++round) {
        for (int k = 0; k < 25; ++k) w.randomWrite(people);
        INFO("after round " << round);
        REQUIRE(unitBoardMismatches(s) == 0);
    }
    // Deleting a unit sets its people's and awards' unit to none.
    s.db().exec("DELETE FROM org_unit WHERE id = " + std::to_string(w.d.community(0)));
    CHECK(unitBoardMismatches(s) == 0);

    // A person deleted through the store and brought back by undo (plain SQL).
    const RowId someone = scalarInt(s, "SELECT min(person_id) FROM board_person_period b JOIN person p ON p.id = b.person_id"
                                       " WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL");
    UndoStore undo(s);
    REQUIRE(undo.deleteRow("person", someone));
    CHECK(unitBoardMismatches(s) == 0);
    REQUIRE(undo.undoLast());
    CHECK(scalarInt(s, "SELECT count(*) FROM board_person_period WHERE person_id = " + std::to_string(someone)) > 0);
    CHECK(unitBoardMismatches(s) == 0);

    // A roster import (a new person with roster history, then dated credits), undone.
    const std::string dir =
        (std::filesystem::temp_directory_path() / ("jinguo_unit_board_" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    auto importRoster = [&](const std::string& name, const std::string& hours, const char* asOf) {
        const std::string file = dir + "/" + name;
        std::ofstream(file, std::ios::binary) << "姓名,身份证号,所属社区,服务时长\n"
                                              << "王芳,11010519491231002X,金沙社区," << hours << "\n";
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
    CHECK(unitBoardMismatches(s) == 0);
    const RowId second = importRoster("b.csv", "150.5", "2026-09-30");
    CHECK(unitBoardMismatches(s) == 0);
    ImportStore(s).undo(second);
    CHECK(unitBoardMismatches(s) == 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the unit boards from 0037's summaries equal those from the base tables, under any points rules") {
    const int people = 240;
    UnitWorld w(people);
    Storage& s = w.s;
    const std::vector<RowId> scopes = {0, w.d.street(0), w.d.community(1)};
    CHECK(compareUnitBoards(s, scopes) > 200);
    for (int k = 0; k < 150; ++k) w.randomWrite(people);
    // The random writes move communities between the streets too (0041's
    // kind 13): street 0's boards may hold fewer rows than before.
    CHECK(compareUnitBoards(s, scopes) > 150);
    // Other worths of an hour, an activity and a title (the catalogue's own points).
    s.setSetting("points.per_verified_hour", "1.5");
    s.setSetting("points.per_activity", "0.25");
    s.db().exec("UPDATE award_title SET points = 33 WHERE name = '三八红旗手'");
    CHECK(compareUnitBoards(s, scopes) > 150);
    s.setSetting("points.per_verified_hour", "0");
    CHECK(compareUnitBoards(s, scopes) > 150);
}

namespace {

// A street's and a community's volunteers board (every metric, period kind
// and page size) read a page at a time from 0041's summary against the whole
// board from the base tables: rows, ranks, movement, stars, size.
std::size_t compareScopedPages(Storage& s, const std::vector<RowId>& scopes) {
    Aggregates paged(s);
    Aggregates fromBase(s);
    fromBase.setFromBaseTables(true);
    std::size_t rows = 0;
    for (const std::string& code : kPeriods)
        for (BoardMetric metric : metricsOf(Board::Volunteers))
            for (RowId scope : scopes) {
                BoardQuery q;
                q.metric = metric;
                q.period = *parsePeriod(code).period;
                q.scopeUnitId = scope;
                q.today = Date{2026, 12, 5};
                const BoardResult whole = fromBase.board(q);
                for (std::size_t limit : {std::size_t{1}, std::size_t{3}, std::size_t{10}, std::size_t{40}}) {
                    q.rowLimit = limit;
                    INFO(std::string(metricCode(metric)) << " " << code << " scope " << scope << " limit " << limit);
                    const BoardResult page = paged.board(q);
                    CHECK(page.totalRows == whole.rows.size());
                    REQUIRE(page.rows.size() == std::min(limit, whole.rows.size()));
                    for (std::size_t i = 0; i < page.rows.size(); ++i) {
                        INFO("row " << i << " " << whole.rows[i].name);
                        CHECK(page.rows[i].id == whole.rows[i].id);
                        CHECK(page.rows[i].value == whole.rows[i].value);
                        CHECK(page.rows[i].rank == whole.rows[i].rank);
                        CHECK(page.rows[i].movement == whole.rows[i].movement);
                        CHECK(page.rows[i].stars == whole.rows[i].stars);
                        CHECK(page.rows[i].unit == whole.rows[i].unit);
                    }
                    rows += page.rows.size();
                }
            }
    return rows;
}

} // namespace

TEST_CASE("a street's and a community's volunteers board pages (0041) equal the whole board after writes, under any points rules") {
    const int people = 240;
    UnitWorld w(people);
    Storage& s = w.s;
    CHECK(scalarInt(s, "SELECT count(DISTINCT unit_id) FROM board_unit_person_period") >= 4);
    const std::vector<RowId> scopes = {w.d.street(0), w.d.street(1), w.d.community(1)};
    CHECK(compareScopedPages(s, scopes) > 500);
    for (int k = 0; k < 150; ++k) w.randomWrite(people);
    REQUIRE(unitBoardMismatches(s) == 0);
    CHECK(compareScopedPages(s, scopes) > 500);
    s.setSetting("points.per_verified_hour", "1.5");
    s.setSetting("points.per_activity", "0.25");
    s.db().exec("UPDATE award_title SET points = 33 WHERE name = '三八红旗手'");
    CHECK(compareScopedPages(s, scopes) > 500);
    s.setSetting("points.per_activity", "0");
    CHECK(compareScopedPages(s, scopes) > 500);
}
