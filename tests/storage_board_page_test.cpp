// storage_board_page_test.cpp — the district's volunteers board reads a page,
// not the period (issue 17, migration 0033): the first rows, the board's size
// and the page's previous ranks come from bounded walks and counts over
// board_person_period's value indexes. Measured in SQLite instructions on the
// connection (Database::meterWork): a page costs a small part of one walk of
// the period's summary rows, and its rows, ranks, movement and size are the
// whole board's from the base tables.
#include <doctest/doctest.h>

#include "storage/aggregates.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// 临江区, one street, 20 communities; 40,000 people (one in 500 not a
// volunteer, one in 7 with roster history), 240,000 service records over
// 2025–2026 in quarters of hours (ties), and 300 person titles.
struct PageWorld {
    test::TempDbPath path;
    Storage s{path.str()};

    PageWorld() {
        Database& db = s.db();
        s.setAuditEnabled(false);
        db.exec("BEGIN");
        db.exec("INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (1, NULL, '临江区', '区', 0)");
        db.exec("INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (2, 1, '江滨街道', '街道', 0)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19)
            INSERT INTO org_unit (id, parent_id, name, kind, households) SELECT 10 + i, 2, '社区' || i, '社区', 100 FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
            INSERT INTO person (id, name, unit_id, is_volunteer, roster_hours, roster_hours_as_of)
            SELECT i, '志愿者' || (i % 211), 10 + i % 20, CAST(i % 500 <> 0 AS integer),
                   CASE WHEN i % 7 = 0 THEN (i % 40) * 1.5 ELSE 0 END, CASE WHEN i % 7 = 0 THEN '2025-06-30' END
            FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
            INSERT INTO activity (id, name, held_on) SELECT i, '活动' || i, '2025-03-01' FROM n)");
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT CAST(1 AS bigint) UNION ALL SELECT i + 1 FROM n WHERE i < 240000)
            INSERT INTO service_record (person_id, activity_id, served_on, hours, verified)
            SELECT 1 + (i * 7919) % 40000, 1 + (i * 48271 % 1000003) % 60,
                   CAST(2025 + (i * 69621 % 1000003) % 2 AS text) || '-' || substr(CAST(101 + (i * 16807 % 1000003) % 12 AS text), 2)
                       || '-' || substr(CAST(101 + i % 28 AS text), 2),
                   0.25 * (1 + (i * 2654435761 % 1000003) % 40), CAST(i % 10 <> 0 AS integer)
            FROM n)");
        const RowId title = s.awardTitleId("三八红旗手", "person", "区");
        REQUIRE(title != 0);
        Statement award = db.prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO award (title_id, year, person_id, unit_id, status)
            SELECT ?1, 2025 + i % 2, 1 + (i * 389) % 40000, 10, '命名' FROM n)");
        award.bind(1, title);
        award.run();
        db.exec("COMMIT");
        s.setAuditEnabled(true);
    }
};

// Instructions SQLite ran for `work` on the storage's connection.
template <class Work>
std::uint64_t workOf(Storage& s, Work&& work) {
    const std::uint64_t before = s.db().workDone();
    work();
    return s.db().workDone() - before;
}

} // namespace

TEST_CASE("the volunteers board's first pages read a small part of the period and equal the whole board") {
    PageWorld w;
    w.s.db().meterWork();
    Aggregates aggregates(w.s);
    Aggregates fromBase(w.s);
    fromBase.setFromBaseTables(true);
    for (const Period& period : {Period::ofYear(2026), Period::ofQuarter(2026, 2), Period::ofMonth(2026, 6)}) {
        for (BoardMetric metric : metricsOf(Board::Volunteers)) {
            const std::string what = std::string(metricCode(metric)) + " " + period.code();
            INFO(what);
            BoardQuery q;
            q.metric = metric;
            q.period = period;
            q.today = Date{2026, 12, 5};
            const BoardResult whole = fromBase.board(q);
            REQUIRE(whole.rows.size() > 5000);
            // One walk of the period's summary rows and the previous period's
            // (what every page cost before 0033): the reference amount of work.
            std::uint64_t walk = workOf(w.s, [&] {
                for (const Period& p : {period, *period.previous()}) {
                    Statement st = w.s.db().prepare("SELECT person_id, hours, activities FROM board_person_period WHERE period = ?");
                    st.bind(1, p.code());
                    while (st.step()) {
                    }
                }
            });
            REQUIRE(walk > 100000);
            for (std::size_t limit : {std::size_t{10}, std::size_t{200}, std::size_t{400}}) {
                q.rowLimit = limit;
                BoardResult page;
                const std::uint64_t work = workOf(w.s, [&] { page = aggregates.board(q); });
                // At 40,000 people a page's fixed part (the titled, the counts'
                // seeks) is still a third to two thirds of one walk; at a
                // million it is a few percent (tests/bench/boards_bench first).
                CHECK(work < walk);
                CHECK(page.totalRows == whole.rows.size());
                REQUIRE(page.rows.size() == limit);
                std::size_t moved = 0;
                for (std::size_t i = 0; i < limit; ++i) {
                    INFO("row " << i);
                    CHECK(page.rows[i].id == whole.rows[i].id);
                    CHECK(page.rows[i].name == whole.rows[i].name);
                    CHECK(page.rows[i].value == whole.rows[i].value);
                    CHECK(page.rows[i].rank == whole.rows[i].rank);
                    CHECK(page.rows[i].movement == whole.rows[i].movement);
                    CHECK(page.rows[i].stars == whole.rows[i].stars);
                    moved += page.rows[i].movementDelta != 0;
                }
                if (limit >= 200) CHECK(moved > 0);   // the previous ranks were counted, not all "新"
            }
        }
    }
}

// 0041: a street's board and a community's read a page from
// board_unit_person_period (each unit's rows by activities count and hours,
// merged) instead of seeking every person of the scope — in every period
// kind, the all-time board's roster history included.
TEST_CASE("a street's and a community's volunteers board pages read a small part of the scope and equal the whole board") {
    PageWorld w;
    w.s.db().meterWork();
    Aggregates aggregates(w.s);
    Aggregates fromBase(w.s);
    fromBase.setFromBaseTables(true);
    for (const RowId scope : {RowId{2}, RowId{10}}) {   // 江滨街道 (40,000 people), 社区0 (2,000, the titled)
        for (const Period& period : {Period::ofYear(2026), Period::ofQuarter(2026, 2), Period::ofMonth(2026, 6), Period::allTime()}) {
            for (BoardMetric metric : metricsOf(Board::Volunteers)) {
                INFO(std::string(metricCode(metric)) << " " << period.code() << " scope " << scope);
                BoardQuery q;
                q.metric = metric;
                q.period = period;
                q.scopeUnitId = scope;
                q.today = Date{2026, 12, 5};
                const BoardResult whole = fromBase.board(q);
                REQUIRE(whole.rows.size() > 400);
                // What a scoped page cost before 0041: every person of the
                // scope, her rows of the period and the previous one sought.
                const std::uint64_t seekEveryone = workOf(w.s, [&] {
                    Statement people = w.s.db().prepare(
                        "SELECT id FROM person WHERE unit_id IN (SELECT id FROM org_unit WHERE id = ?1 OR parent_id = ?1)"
                        " AND is_volunteer = 1");
                    people.bind(1, scope);
                    Statement row = w.s.db().prepare("SELECT hours, activities FROM board_person_period WHERE period = ? AND person_id = ?");
                    while (people.step())
                        for (const Period& p : {period, period.previous().value_or(period)}) {
                            row.reset();
                            row.bind(1, p.code()).bind(2, people.columnInt(0));
                            row.step();
                        }
                });
                for (std::size_t limit : {std::size_t{10}, std::size_t{200}}) {
                    q.rowLimit = limit;
                    BoardResult page;
                    const std::uint64_t work = workOf(w.s, [&] { page = aggregates.board(q); });
                    INFO("limit " << limit << ": " << work << " instructions, seeking everyone " << seekEveryone);
                    // 江滨街道: a page of 40,000 people. 社区0 (2,000 people) holds all
                    // 300 titled volunteers, each valued apart: a small page still
                    // costs less than the seeks, 200 rows of a month's few hundred not.
                    if (scope == 2) CHECK(work < seekEveryone / 4);
                    else if (limit == 10) CHECK(work < seekEveryone);
                    CHECK(page.totalRows == whole.rows.size());
                    REQUIRE(page.rows.size() == limit);
                    for (std::size_t i = 0; i < limit; ++i) {
                        INFO("row " << i);
                        CHECK(page.rows[i].id == whole.rows[i].id);
                        CHECK(page.rows[i].name == whole.rows[i].name);
                        CHECK(page.rows[i].value == whole.rows[i].value);
                        CHECK(page.rows[i].rank == whole.rows[i].rank);
                        CHECK(page.rows[i].movement == whole.rows[i].movement);
                        CHECK(page.rows[i].stars == whole.rows[i].stars);
                    }
                }
            }
        }
    }
}
