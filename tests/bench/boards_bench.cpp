// boards_bench.cpp — every board and the targets on a big database, read from
// the summary tables (migration 0022) and from the base tables (the SQL the
// boards ran before: Aggregates::setFromBaseTables), against hand-written SQL
// for the same figures through the sqlite3 shell, in the same run.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
// Targets (issue 17): Aggregates within 1.5× of the hand-written SQL; the peak
// memory of one board (measured in a child process: wait4's ru_maxrss) well
// under 300 MiB.
//
// usage: boards_bench DB [RUNS] [YEAR] [all|page [BOARD]|first [BOARD [SCOPE_UNIT_ID]]|units|writes [N]]
//   units: the 社区 boards by hours, points, titles against hand-written SQL.
//   first with a SCOPE_UNIT_ID: a street's/community's page, before/after 0041 and its peer.
//   writes: N record saves and N person moves with and without 0041's triggers.
//   DB is opened (and so migrated): pass a copy, never a shared file.
//   YEAR: the year boards and targets are cut by (default: the latest year
//   with service records).
#include "storage/aggregates.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/storage.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace jinguo;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double timeMedian(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        times.push_back(msSince(start));
    }
    return median(times);
}

// CPU time (user + system, ms) of this process or of its waited-for
// children: on a loaded machine wall time measures the others' load too.
double cpuMs(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
}

// The median CPU time of `work` (RUSAGE_SELF: ours; RUSAGE_CHILDREN: a shell's).
double cpuMedian(int runs, int who, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const double start = cpuMs(who);
        work();
        times.push_back(cpuMs(who) - start);
    }
    return median(times);
}

// Peak resident memory (MiB) of `work` run in a child process.
double peakMiB(const std::function<void()>& work) {
    const pid_t pid = fork();
    if (pid == 0) {
        work();
        _exit(0);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double runShell(const std::string& db, const std::string& sql) {
    const std::string file = (std::filesystem::temp_directory_path() / "jinguo_boards_bench_peer.sql").string();
    std::ofstream(file) << sql;
    const std::string cmd = "sqlite3 '" + db + "' < '" + file + "' > /dev/null";
    const auto start = Clock::now();
    if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "the sqlite3 shell failed (is it installed?)\n");
        std::exit(1);
    }
    return msSince(start);
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// The volunteer board by points (ranks, movement, stars), hand-written over
// the same summary the app reads: one statement. {cur}/{prev} period codes,
// {all}: 1 on the all-time board (roster history counts). Default points
// rules (1 per hour, 2 per activity, the titles' catalogue points).
const char* const kPeerVolunteerBoard = R"SQL(
WITH
cand(id) AS (
  SELECT person_id FROM board_person_period WHERE period = '{cur}'
  UNION SELECT person_id FROM board_person_period WHERE period = '{prev}'
  UNION SELECT id FROM person WHERE {all} AND roster_hours > 0
  UNION SELECT person_id FROM award WHERE person_id IS NOT NULL AND status IN ('命名', '复核')),
named AS (
  SELECT a.person_id, t.points, coalesce(e.named_on, a.year || '-12-31') AS named_on
  FROM award a JOIN award_title t ON t.id = a.title_id
  LEFT JOIN (SELECT award_id, max(happened_on) AS named_on FROM award_event WHERE status = '命名' GROUP BY award_id) e
         ON e.award_id = a.id
  WHERE a.person_id IS NOT NULL AND a.status IN ('命名', '复核')),
tp AS (
  SELECT person_id,
         total(CASE WHEN named_on >= '{curFirst}' AND named_on < '{curAfter}' THEN points END) AS cur_t,
         total(CASE WHEN named_on >= '{prevFirst}' AND named_on < '{prevAfter}' THEN points END) AS prev_t
  FROM named GROUP BY person_id),
v AS (
  SELECT p.id, p.name, ifnull(u.name, '') AS unit,
         round(ifnull(c.hours, 0) + {all} * p.roster_hours + 2 * ifnull(c.activities, 0) + ifnull(tp.cur_t, 0), 2) AS cur,
         round(ifnull(r.hours, 0) + 2 * ifnull(r.activities, 0) + ifnull(tp.prev_t, 0), 2) AS prev,
         ifnull(a.hours, 0) + p.roster_hours AS cum
  FROM cand JOIN person p ON p.id = cand.id
  LEFT JOIN org_unit u ON u.id = p.unit_id
  LEFT JOIN board_person_period c ON c.period = '{cur}' AND c.person_id = p.id
  LEFT JOIN board_person_period r ON r.period = '{prev}' AND r.person_id = p.id
  LEFT JOIN board_person_period a ON a.period = 'all' AND a.person_id = p.id
  LEFT JOIN tp ON tp.person_id = p.id
  WHERE p.is_volunteer = 1),
before AS (SELECT id, rank() OVER (ORDER BY prev DESC) AS prev_rank FROM v WHERE prev > 0),
now AS (SELECT id, name, unit, cur, cum, rank() OVER (ORDER BY cur DESC) AS rank FROM v WHERE cur > 0)
SELECT now.rank, now.name, now.unit, now.cur,
       (now.cum >= 100) + (now.cum >= 300) + (now.cum >= 600) + (now.cum >= 1000) + (now.cum >= 1500) AS stars,
       CASE WHEN before.prev_rank IS NULL THEN '新'
            WHEN before.prev_rank > now.rank THEN '↑' || (before.prev_rank - now.rank)
            WHEN before.prev_rank < now.rank THEN '↓' || (now.rank - before.prev_rank)
            ELSE '–' END AS movement
FROM now LEFT JOIN before ON before.id = now.id
ORDER BY now.rank, now.name, now.id;
)SQL";

// The first page (200 rows) of a street's or community's volunteers board
// by points ({scope}: the unit; default rules), hand-written on main's
// tables: the scope's volunteers, each one's summary rows sought, titles,
// ranked now and in the previous period by window functions.
const char* const kPeerScopedPage = R"SQL(
WITH RECURSIVE
sub(id) AS (SELECT {scope} UNION SELECT c.id FROM org_unit c JOIN sub s ON c.parent_id = s.id),
ppl AS (SELECT id, name, unit_id, roster_hours FROM person WHERE unit_id IN sub AND is_volunteer = 1),
named AS (
  SELECT a.person_id, t.points,
         coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                  a.year || '-12-31') AS named_on
  FROM award a JOIN award_title t ON t.id = a.title_id
  WHERE a.person_id IN (SELECT id FROM ppl) AND a.status IN ('命名', '复核')),
tp AS (
  SELECT person_id,
         total(CASE WHEN named_on >= '{curFirst}' AND named_on < '{curAfter}' THEN points END) AS cur_t,
         total(CASE WHEN named_on >= '{prevFirst}' AND named_on < '{prevAfter}' THEN points END) AS prev_t
  FROM named GROUP BY person_id),
v AS (
  SELECT p.id, p.name, ifnull(u.name, '') AS unit,
         round(ifnull(c.hours, 0) + {all} * p.roster_hours + 2 * ifnull(c.activities, 0) + ifnull(tp.cur_t, 0), 2) AS cur,
         round(ifnull(r.hours, 0) + 2 * ifnull(r.activities, 0) + ifnull(tp.prev_t, 0), 2) AS prev,
         p.roster_hours AS roster
  FROM ppl p
  LEFT JOIN org_unit u ON u.id = p.unit_id
  LEFT JOIN board_person_period c ON c.period = '{cur}' AND c.person_id = p.id
  LEFT JOIN board_person_period r ON r.period = '{prev}' AND r.person_id = p.id
  LEFT JOIN tp ON tp.person_id = p.id),
before AS (SELECT id, rank() OVER (ORDER BY prev DESC) AS prev_rank FROM v WHERE prev > 0),
now AS (SELECT id, name, unit, cur, roster, rank() OVER (ORDER BY cur DESC) AS rank FROM v WHERE cur > 0),
page AS (SELECT * FROM now ORDER BY rank, name, id LIMIT 200)
SELECT page.rank, page.name, page.unit, page.cur,
       (SELECT hours FROM board_person_period a WHERE a.period = 'all' AND a.person_id = page.id) + page.roster AS cum,
       before.prev_rank
FROM page LEFT JOIN before ON before.id = page.id
ORDER BY page.rank, page.name, page.id;
)SQL";

// The same board straight from the base tables (no summaries): the best
// single statement before migration 0022.
const char* const kPeerVolunteerBoardBase = R"SQL(
WITH
r AS (
  SELECT person_id,
         total(CASE WHEN served_on >= '{curFirst}' AND served_on < '{curAfter}' THEN hours END) AS cur_h,
         count(DISTINCT CASE WHEN served_on >= '{curFirst}' AND served_on < '{curAfter}' THEN activity_id END) AS cur_a,
         total(CASE WHEN served_on >= '{prevFirst}' AND served_on < '{prevAfter}' THEN hours END) AS prev_h,
         count(DISTINCT CASE WHEN served_on >= '{prevFirst}' AND served_on < '{prevAfter}' THEN activity_id END) AS prev_a,
         total(hours) AS all_h
  FROM service_record WHERE verified = 1 GROUP BY person_id),
c AS (
  SELECT person_id,
         total(CASE WHEN credited_on >= '{curFirst}' AND credited_on < '{curAfter}' THEN hours END) AS cur_h,
         total(CASE WHEN credited_on >= '{prevFirst}' AND credited_on < '{prevAfter}' THEN hours END) AS prev_h,
         total(hours) AS all_h
  FROM roster_credit GROUP BY person_id),
named AS (
  SELECT a.person_id, t.points, coalesce(e.named_on, a.year || '-12-31') AS named_on
  FROM award a JOIN award_title t ON t.id = a.title_id
  LEFT JOIN (SELECT award_id, max(happened_on) AS named_on FROM award_event WHERE status = '命名' GROUP BY award_id) e
         ON e.award_id = a.id
  WHERE a.person_id IS NOT NULL AND a.status IN ('命名', '复核')),
tp AS (
  SELECT person_id,
         total(CASE WHEN named_on >= '{curFirst}' AND named_on < '{curAfter}' THEN points END) AS cur_t,
         total(CASE WHEN named_on >= '{prevFirst}' AND named_on < '{prevAfter}' THEN points END) AS prev_t
  FROM named GROUP BY person_id),
v AS (
  SELECT p.id, p.name, ifnull(u.name, '') AS unit,
         round(ifnull(r.cur_h, 0) + ifnull(c.cur_h, 0) + {all} * p.roster_hours + 2 * ifnull(r.cur_a, 0)
               + ifnull(tp.cur_t, 0), 2) AS cur,
         round(ifnull(r.prev_h, 0) + ifnull(c.prev_h, 0) + 2 * ifnull(r.prev_a, 0) + ifnull(tp.prev_t, 0), 2) AS prev,
         ifnull(r.all_h, 0) + ifnull(c.all_h, 0) + p.roster_hours AS cum
  FROM person p
  LEFT JOIN org_unit u ON u.id = p.unit_id
  LEFT JOIN r ON r.person_id = p.id
  LEFT JOIN c ON c.person_id = p.id
  LEFT JOIN tp ON tp.person_id = p.id
  WHERE p.is_volunteer = 1),
before AS (SELECT id, rank() OVER (ORDER BY prev DESC) AS prev_rank FROM v WHERE prev > 0),
now AS (SELECT id, name, unit, cur, cum, rank() OVER (ORDER BY cur DESC) AS rank FROM v WHERE cur > 0)
SELECT now.rank, now.name, now.unit, now.cur,
       (now.cum >= 100) + (now.cum >= 300) + (now.cum >= 600) + (now.cum >= 1000) + (now.cum >= 1500) AS stars,
       CASE WHEN before.prev_rank IS NULL THEN '新'
            WHEN before.prev_rank > now.rank THEN '↑' || (before.prev_rank - now.rank)
            WHEN before.prev_rank < now.rank THEN '↓' || (now.rank - before.prev_rank)
            ELSE '–' END AS movement
FROM now LEFT JOIN before ON before.id = now.id
ORDER BY now.rank, now.name, now.id;
)SQL";

// The year's rate numerators (平安家庭 held on the year's last day and the
// year before's, from the held ranges of migration 0023), volunteer hours per
// unit (the targets' volunteer_hours facts) from the summary, and the other
// count facts, as the targets need them.
const char* const kPeerTargetFacts = R"SQL(
SELECT unit_id,
       count(DISTINCT CASE WHEN held_from <= '{year}-12-31' AND (held_until IS NULL OR '{year}-12-31' < held_until) THEN family_id END),
       count(DISTINCT CASE WHEN held_from <= '{last}-12-31' AND (held_until IS NULL OR '{last}-12-31' < held_until) THEN family_id END)
FROM award_held_span
WHERE title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = '平安家庭')
  AND family_id IS NOT NULL AND unit_id IS NOT NULL AND held_from <= '{year}-12-31'
GROUP BY unit_id;
SELECT p.unit_id, total(b.hours) FROM board_person_period b JOIN person p ON p.id = b.person_id
WHERE b.period = '{year}' AND p.unit_id IS NOT NULL GROUP BY p.unit_id;
SELECT unit_id, count(*), total(participants) FROM activity
WHERE held_on >= '{year}-01-01' AND held_on < '{next}-01-01' AND unit_id IS NOT NULL GROUP BY unit_id;
SELECT unit_id, count(*), count(CASE WHEN joined_on IS NULL OR joined_on < '{year}-01-01' THEN 1 END) FROM person
WHERE is_volunteer = 1 AND unit_id IS NOT NULL AND (joined_on IS NULL OR joined_on < '{next}-01-01') GROUP BY unit_id;
SELECT a.unit_id, a.title_id, count(*) FROM award a WHERE a.year = {year} AND a.status IN ('命名', '复核')
AND a.unit_id IS NOT NULL GROUP BY a.unit_id, a.title_id;
)SQL";

std::string fillPeriod(std::string sql, const Period& period) {
    const std::optional<Period> previous = period.previous();
    sql = replaceAll(sql, "{cur}", period.code());
    sql = replaceAll(sql, "{prev}", previous ? previous->code() : "none");
    sql = replaceAll(sql, "{curFirst}", period.firstDay());
    sql = replaceAll(sql, "{curAfter}", period.dayAfter());
    sql = replaceAll(sql, "{prevFirst}", previous ? previous->firstDay() : "1");
    sql = replaceAll(sql, "{prevAfter}", previous ? previous->dayAfter() : "0");
    sql = replaceAll(sql, "{all}", period.kind == PeriodKind::All ? "1" : "0");
    return sql;
}

// The 社区 board (hours, points or titles; district scope; ranks and
// movement), hand-written, two ways: {own} is a unit's own figure for the
// current (cur) and previous (prev) period, rolled up its subtree by a
// recursive CTE and ranked by window functions. Default points rules.
const char* const kPeerUnitBoard = R"SQL(
WITH RECURSIVE
own(unit_id, cur, prev) AS ({own}),
anc(unit_id, ancestor) AS (
  SELECT id, id FROM org_unit
  UNION ALL SELECT anc.unit_id, u.parent_id FROM anc JOIN org_unit u ON u.id = anc.ancestor WHERE u.parent_id IS NOT NULL),
rolled AS (SELECT anc.ancestor AS id, total(own.cur) AS cur, total(own.prev) AS prev
           FROM anc JOIN own ON own.unit_id = anc.unit_id GROUP BY anc.ancestor),
board AS (SELECT u.id, u.name, round(ifnull(r.cur, 0), 2) AS cur, round(ifnull(r.prev, 0), 2) AS prev
          FROM org_unit u LEFT JOIN rolled r ON r.id = u.id WHERE u.kind IN {community_kinds}),
ranked AS (SELECT id, name, cur, rank() OVER (ORDER BY cur DESC) AS rank, rank() OVER (ORDER BY prev DESC) AS prev_rank
           FROM board)
SELECT rank, name, cur,
       CASE WHEN prev_rank > rank THEN '↑' || (prev_rank - rank) WHEN prev_rank < rank THEN '↓' || (rank - prev_rank)
            ELSE '–' END
FROM ranked ORDER BY rank, name, id;
)SQL";

// Volunteers' title points per unit named in each period (few people hold titles).
const char* const kPeerPersonTitlePoints = R"SQL(
  SELECT p.unit_id,
         total(CASE WHEN x.named_on >= '{curFirst}' AND x.named_on < '{curAfter}' THEN t.points END),
         total(CASE WHEN x.named_on >= '{prevFirst}' AND x.named_on < '{prevAfter}' THEN t.points END)
  FROM (SELECT a.person_id, a.title_id,
               coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                        a.year || '-12-31') AS named_on
        FROM award a WHERE a.person_id IS NOT NULL AND a.status IN ('命名', '复核')) x
  JOIN award_title t ON t.id = x.title_id JOIN person p ON p.id = x.person_id
  WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL GROUP BY p.unit_id)SQL";

// {own} over the tables main had (board_person_period per person, every
// award's events) and over migration 0037's per-unit summaries.
std::string peerUnitOwn(storage::BoardMetric metric, bool summaries) {
    const bool points = metric == storage::BoardMetric::Points;
    if (metric == storage::BoardMetric::Titles)
        return summaries
                   ? "SELECT unit_id, total(CASE WHEN named_on >= '{curFirst}' AND named_on < '{curAfter}' THEN titles END),"
                     " total(CASE WHEN named_on >= '{prevFirst}' AND named_on < '{prevAfter}' THEN titles END)"
                     " FROM unit_title_named GROUP BY unit_id"
                   : "SELECT a.unit_id, total(x.named_on >= '{curFirst}' AND x.named_on < '{curAfter}'),"
                     " total(x.named_on >= '{prevFirst}' AND x.named_on < '{prevAfter}')"
                     " FROM award a JOIN (SELECT a.id, coalesce(e.named_on, a.year || '-12-31') AS named_on FROM award a"
                     " LEFT JOIN (SELECT award_id, max(happened_on) AS named_on FROM award_event WHERE status = '命名'"
                     " GROUP BY award_id) e ON e.award_id = a.id) x ON x.id = a.id"
                     " WHERE a.unit_id IS NOT NULL AND a.status IN ('命名', '复核') GROUP BY a.unit_id";
    const std::string perRow = points ? "hours + 2 * activities" : "hours";
    std::string sql =
        summaries ? "SELECT unit_id, total(CASE WHEN period = '{cur}' THEN " + perRow + " END), total(CASE WHEN period = '{prev}' THEN " +
                        perRow + " END) FROM unit_volunteer_period WHERE period IN ('{cur}', '{prev}') AND unit_id <> 0 GROUP BY unit_id"
                  : "SELECT p.unit_id, total(CASE WHEN b.period = '{cur}' THEN b." +
                        replaceAll(perRow, "activities", "b.activities") + " END), total(CASE WHEN b.period = '{prev}' THEN b." +
                        replaceAll(perRow, "activities", "b.activities") +
                        " END) FROM board_person_period b JOIN person p ON p.id = b.person_id"
                        " WHERE b.period IN ('{cur}', '{prev}') AND p.is_volunteer = 1 AND p.unit_id IS NOT NULL GROUP BY p.unit_id";
    // The roster history (all-time board) and, for points, the titles' points.
    sql += summaries ? " UNION ALL SELECT unit_id, {all} * total(roster_hours), 0 FROM unit_person_tally"
                       " WHERE is_volunteer = 1 AND unit_id <> 0 GROUP BY unit_id"
                     : " UNION ALL SELECT unit_id, {all} * total(roster_hours), 0 FROM person"
                       " WHERE is_volunteer = 1 AND unit_id IS NOT NULL AND {all} GROUP BY unit_id";
    if (points) sql += " UNION ALL " + std::string(kPeerPersonTitlePoints);
    return sql;
}

// The 社区 boards by hours, points and titles (district, whole board) for a
// year, a quarter and all time: ours (CPU ms, median of RUNS) against the
// hand-written SQL in the sqlite3 shell (its CPU, start-up included) over
// main's tables and over 0037's summaries.
int unitsMode(storage::Storage& storage, const std::string& path, int runs, int year) {
    storage::Aggregates aggregates(storage);
    const Date today{year, 12, 5};
    std::printf("year %d, 社区 boards, CPU ms, median of %d runs\n", year, runs);
    std::printf("%-26s %6s %9s %12s %12s %10s\n", "board", "rows", "ours", "peer(main)", "peer(0037)", "ours/peer");
    for (const Period& p : {Period::ofYear(year), Period::ofQuarter(year, 2), Period::allTime()})
        for (storage::BoardMetric m : {storage::BoardMetric::Hours, storage::BoardMetric::Points, storage::BoardMetric::Titles}) {
            storage::BoardQuery q;
            q.board = storage::Board::Communities;
            q.metric = m;
            q.period = p;
            q.today = today;
            std::size_t rows = 0;
            const double ours = cpuMedian(runs, RUSAGE_SELF, [&] { rows = aggregates.board(q).rows.size(); });
            auto peerSql = [&](bool summaries) {
                std::string sql = replaceAll(kPeerUnitBoard, "{own}", peerUnitOwn(m, summaries));
                sql = replaceAll(sql, "{community_kinds}", storage::sqlKindsOf(UnitTier::Community));
                return fillPeriod(sql, p);
            };
            const double peerMain = cpuMedian(runs, RUSAGE_CHILDREN, [&] { runShell(path, peerSql(false)); });
            const double peerNew = cpuMedian(runs, RUSAGE_CHILDREN, [&] { runShell(path, peerSql(true)); });
            const std::string label = std::string("communities ") + storage::metricCode(m) + " " + p.code();
            std::printf("%-26s %6zu %9.1f %12.1f %12.1f %10.2f\n", label.c_str(), rows, ours, peerMain, peerNew,
                        ours / std::min(peerMain, peerNew));
            std::fflush(stdout);
        }
    return 0;
}

// What the 排行榜 screen's Task and `leaderboard --json` cost per board and
// period: the first page (kBoardPageRows = 200 rows, the screen's first
// request), the fifth page (scrolled to row 1,000) and the whole board (the
// command line's JSON; one run). Wall ms, median of RUNS.
int pageMode(storage::Storage& storage, const std::string& path, int runs, int year, const std::string& only) {
    storage::Aggregates aggregates(storage);
    const Date today{year, 12, 5};
    std::printf("year %d, median of %d runs (whole board: one run)\n", year, runs);
    std::printf("%-30s %9s %10s %10s %10s %10s %10s\n", "board", "rows", "page1 ms", "page1 cpu", "page5 ms", "whole ms", "peer ms");
    for (const Period& p : {Period::ofYear(year), Period::ofQuarter(year, 4), Period::ofMonth(year, 11), Period::allTime()})
        for (storage::Board b : {storage::Board::Volunteers, storage::Board::Communities, storage::Board::Streets,
                                 storage::Board::Posts})
            for (storage::BoardMetric m : storage::metricsOf(b)) {
                if (!only.empty() && only != storage::boardCode(b)) continue;
                storage::BoardQuery q;
                q.board = b;
                q.metric = m;
                q.period = p;
                q.today = today;
                std::size_t total = 0;
                q.rowLimit = 200;
                const double first = timeMedian(runs, [&] { total = aggregates.board(q).totalRows; });
                const double firstCpu = cpuMedian(runs, RUSAGE_SELF, [&] { aggregates.board(q); });
                q.rowLimit = 1000;
                const double fifth = timeMedian(runs, [&] { aggregates.board(q); });
                q.rowLimit = 0;
                const double whole = timeMedian(1, [&] { aggregates.board(q); });
                double peer = 0;
                if (b == storage::Board::Volunteers && m == storage::BoardMetric::Points)
                    peer = timeMedian(runs, [&] { runShell(path, fillPeriod(kPeerVolunteerBoard, p)); });
                const std::string label = std::string(storage::boardCode(b)) + " " + storage::metricCode(m) + " " + p.code();
                std::printf("%-30s %9zu %10.1f %10.1f %10.1f %10.1f %10.1f\n", label.c_str(), total, first, firstCpu, fifth,
                            whole, peer);
                std::fflush(stdout);
            }
    return 0;
}

// Only the first page (200 rows) of every board and period, CPU ms: the
// screen's first request, quick enough to run old and new binaries in turn.
//
// With a scope (a street's or community's board) also, in the same run, the
// page the way it was read before 0041 (every volunteer of the scope sought:
// Aggregates::setScopedPages(false)), the hand-written peer's CPU (the
// sqlite3 shell; points boards) and whether the page's rows equal the whole
// board's first rows (ids, values, ranks, movement, stars).
int firstPageMode(storage::Storage& storage, const std::string& path, int runs, int year, const std::string& only,
                  RowId scope) {
    storage::Aggregates aggregates(storage);
    storage::Aggregates seekEveryone(storage);
    seekEveryone.setScopedPages(false);
    const Date today{year, 12, 5};
    std::printf("year %d, first page (200 rows), median of %d runs\n", year, runs);
    std::printf("%-30s %9s %10s %10s %10s %10s %7s %7s %5s\n", "board", "rows", "page1 ms", "page1 cpu", "before cpu",
                "peer cpu", "ours/p", "bef/p", "same");
    for (const Period& p : {Period::ofYear(year), Period::ofQuarter(year, 4), Period::ofMonth(year, 11), Period::allTime()})
        for (storage::Board b : {storage::Board::Volunteers, storage::Board::Posts})
            for (storage::BoardMetric m : storage::metricsOf(b)) {
                if (!only.empty() && only != storage::boardCode(b)) continue;
                storage::BoardQuery q;
                q.board = b;
                q.metric = m;
                q.period = p;
                q.today = today;
                q.rowLimit = 200;
                q.scopeUnitId = scope;
                std::size_t total = 0;
                const double wall = timeMedian(runs, [&] { total = aggregates.board(q).totalRows; });
                const double cpu = cpuMedian(runs, RUSAGE_SELF, [&] { aggregates.board(q); });
                const std::string label = std::string(storage::boardCode(b)) + " " + storage::metricCode(m) + " " + p.code();
                if (scope == 0 || b != storage::Board::Volunteers) {
                    std::printf("%-30s %9zu %10.1f %10.1f\n", label.c_str(), total, wall, cpu);
                    std::fflush(stdout);
                    continue;
                }
                const double before = cpuMedian(runs, RUSAGE_SELF, [&] { seekEveryone.board(q); });
                double peer = 0;
                if (m == storage::BoardMetric::Points)
                    peer = cpuMedian(runs, RUSAGE_CHILDREN, [&] {
                        runShell(path, replaceAll(fillPeriod(kPeerScopedPage, p), "{scope}", std::to_string(scope)));
                    });
                const storage::BoardResult page = aggregates.board(q);
                storage::BoardQuery wholeQuery = q;
                wholeQuery.rowLimit = 0;
                const storage::BoardResult whole = seekEveryone.board(wholeQuery);
                bool same = page.totalRows == whole.rows.size() && page.rows.size() == std::min<std::size_t>(200, whole.rows.size());
                for (std::size_t i = 0; same && i < page.rows.size(); ++i) {
                    const storage::BoardRow& a = page.rows[i];
                    const storage::BoardRow& w = whole.rows[i];
                    same = a.id == w.id && a.value == w.value && a.rank == w.rank && a.movement == w.movement &&
                           a.stars == w.stars && a.name == w.name && a.unit == w.unit;
                }
                std::printf("%-30s %9zu %10.1f %10.1f %10.1f %10.1f %7.2f %7.2f %5s\n", label.c_str(), total, wall, cpu, before,
                            peer, peer > 0 ? cpu / peer : 0.0, peer > 0 ? before / peer : 0.0, same ? "yes" : "NO");
                std::fflush(stdout);
            }
    return 0;
}

// What 0041's triggers add to writes, in the same run: N verified records
// saved (each one statement, one transaction, rolled back) and N people
// moved to another unit, with 0041's triggers and with them dropped (inside
// the transaction: the rollback restores them). CPU ms, median of RUNS.
int writesMode(storage::Storage& storage, int runs, int n) {
    storage::Database& db = storage.db();
    auto saveRecords = [&](bool drop) {
        db.exec("BEGIN");
        if (drop) db.exec("DROP TRIGGER board_unit_row_insert; DROP TRIGGER board_unit_row_update; DROP TRIGGER board_unit_row_delete");
        storage::Statement st = db.prepare("INSERT INTO service_record (person_id, activity_id, served_on, hours, verified)"
                                           " VALUES (?, ?, ?, 1.5, 1)");
        for (int i = 1; i <= n; ++i) {
            char day[16];
            std::snprintf(day, sizeof day, "2026-%02d-%02d", 1 + i % 11, 1 + i % 28);
            st.reset();
            st.bind(1, static_cast<std::int64_t>(1 + (static_cast<std::int64_t>(i) * 7919) % 990000))
                .bind(2, static_cast<std::int64_t>(1 + i % 2000)).bind(3, std::string(day));
            st.run();
        }
        db.exec("ROLLBACK");
    };
    auto movePeople = [&](bool drop) {
        db.exec("BEGIN");
        if (drop) db.exec("DROP TRIGGER board_unit_person_move");
        storage::Statement st = db.prepare(
            "UPDATE person SET unit_id = (SELECT id FROM org_unit WHERE kind = '社区' AND id <> person.unit_id LIMIT 1) WHERE id = ?");
        for (int i = 1; i <= n; ++i) {
            st.reset();
            st.bind(1, static_cast<std::int64_t>(1 + (static_cast<std::int64_t>(i) * 104729) % 990000));
            st.run();
        }
        db.exec("ROLLBACK");
    };
    std::printf("%d writes, CPU ms, median of %d runs\n%-22s %12s %12s\n", n, runs, "write", "with 0041", "without");
    const double recordsWith = cpuMedian(runs, RUSAGE_SELF, [&] { saveRecords(false); });
    const double recordsWithout = cpuMedian(runs, RUSAGE_SELF, [&] { saveRecords(true); });
    std::printf("%-22s %12.1f %12.1f\n", "verified record saved", recordsWith, recordsWithout);
    const double movesWith = cpuMedian(runs, RUSAGE_SELF, [&] { movePeople(false); });
    const double movesWithout = cpuMedian(runs, RUSAGE_SELF, [&] { movePeople(true); });
    std::printf("%-22s %12.1f %12.1f\n", "person moved", movesWith, movesWithout);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: boards_bench DB [RUNS] [YEAR]   (DB is migrated: pass a copy)\n");
        return 2;
    }
    const std::string path = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    int year = argc > 3 ? std::atoi(argv[3]) : 0;
    {
        auto start = Clock::now();
        storage::Storage opened(path);   // migrates (0022 fills the summaries once)
        std::printf("open + migrate: %.0f ms\n", msSince(start));
        if (year == 0) {
            storage::Statement st = opened.db().prepare("SELECT CAST(substr(max(served_on), 1, 4) AS INTEGER) FROM service_record");
            year = st.step() ? static_cast<int>(st.columnInt(0)) : 2026;
        }
        opened.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    storage::Storage storage(path);
    if (argc > 4 && std::string(argv[4]) == "page") return pageMode(storage, path, runs, year, argc > 5 ? argv[5] : "");
    if (argc > 4 && std::string(argv[4]) == "units") return unitsMode(storage, path, runs, year);
    if (argc > 4 && std::string(argv[4]) == "writes") return writesMode(storage, runs, argc > 5 ? std::atoi(argv[5]) : 2000);
    if (argc > 4 && std::string(argv[4]) == "first")
        return firstPageMode(storage, path, runs, year, argc > 5 ? argv[5] : "", argc > 6 ? std::atoll(argv[6]) : 0);
    storage::Aggregates after(storage);
    storage::Aggregates before(storage);
    before.setFromBaseTables(true);
    const Date today{year, 12, 5};

    struct Case { storage::Board board; storage::BoardMetric metric; Period period; };
    // Every board and metric for the year; the volunteers and communities
    // boards also for a quarter, a month and all time ("all": every case).
    const bool every = argc > 4 && std::string(argv[4]) == "all";
    std::vector<Case> cases;
    for (const Period& p : {Period::ofYear(year), Period::ofQuarter(year, 3), Period::ofMonth(year, 6), Period::allTime()}) {
        for (storage::Board b : {storage::Board::Volunteers, storage::Board::Communities, storage::Board::Streets,
                                 storage::Board::Posts})
            for (storage::BoardMetric m : storage::metricsOf(b)) {
                const bool wanted = every || p.kind == PeriodKind::Year ||
                                    (b == storage::Board::Volunteers) ||
                                    (b == storage::Board::Communities && m == storage::BoardMetric::Points);
                if (wanted) cases.push_back({b, m, p});
            }
    }
    std::printf("year %d, median of %d runs; before = base tables (main's SQL), after = summaries\n", year, runs);
    std::printf("%-36s %8s %10s %10s %7s\n", "board", "rows", "before ms", "after ms", "speedup");
    for (const Case& c : cases) {
        storage::BoardQuery q;
        q.board = c.board;
        q.metric = c.metric;
        q.period = c.period;
        q.today = today;
        std::size_t rows = 0;
        const double b = timeMedian(runs, [&] { rows = before.board(q).rows.size(); });
        const double a = timeMedian(runs, [&] { rows = after.board(q).rows.size(); });
        const std::string label = std::string(storage::boardCode(c.board)) + " " + storage::metricCode(c.metric) + " " + c.period.code();
        std::printf("%-36s %8zu %10.1f %10.1f %6.1fx\n", label.c_str(), rows, b, a, b / a);
    }
    {
        std::size_t lines = 0;
        const double b = timeMedian(runs, [&] { lines = before.targets(year, today).lines.size(); });
        const double a = timeMedian(runs, [&] { lines = after.targets(year, today).lines.size(); });
        std::printf("%-36s %8zu %10.1f %10.1f %6.1fx\n", ("targets " + std::to_string(year)).c_str(), lines, b, a, b / a);
        std::string facts = replaceAll(kPeerTargetFacts, "{year}", std::to_string(year));
        facts = replaceAll(facts, "{next}", std::to_string(year + 1));
        facts = replaceAll(facts, "{last}", std::to_string(year - 1));
        const double peer = timeMedian(runs, [&] { runShell(path, facts); });
        std::printf("    hand-written target facts (sqlite3 shell): %.1f ms; ours / peer %.2f\n", peer, a / peer);
        // The same in CPU time (the shell's own start-up included, ~ms).
        const double cpuBefore = cpuMedian(runs, RUSAGE_SELF, [&] { before.targets(year, today); });
        const double cpuAfter = cpuMedian(runs, RUSAGE_SELF, [&] { after.targets(year, today); });
        const double cpuPeer = cpuMedian(runs, RUSAGE_CHILDREN, [&] { runShell(path, facts); });
        std::printf("    CPU ms: before %.1f, after %.1f, hand-written %.1f; ours / peer %.2f\n", cpuBefore, cpuAfter,
                    cpuPeer, cpuAfter / cpuPeer);
    }

    // The volunteer board against hand-written SQL (sqlite3 shell, output to
    // /dev/null), over the summaries and over the base tables.
    std::printf("\nvolunteer board, points, vs hand-written SQL (sqlite3 shell):\n");
    std::printf("%-12s %10s %12s %12s %10s\n", "period", "ours ms", "peer(summ.)", "peer(base)", "ours/peer");
    for (const Period& p : {Period::ofYear(year), Period::ofQuarter(year, 3), Period::ofMonth(year, 6), Period::allTime()}) {
        storage::BoardQuery q;
        q.period = p;
        q.today = today;
        const double ours = timeMedian(runs, [&] { after.board(q); });
        const double peer = timeMedian(runs, [&] { runShell(path, fillPeriod(kPeerVolunteerBoard, p)); });
        const double peerBase = timeMedian(1, [&] { runShell(path, fillPeriod(kPeerVolunteerBoardBase, p)); });
        std::printf("%-12s %10.1f %12.1f %12.1f %10.2f\n", p.code().c_str(), ours, peer, peerBase, ours / peer);
    }

    // Peak memory of one board, each in a child process.
    std::printf("\npeak memory (child process, MiB):\n");
    for (const Period& p : {Period::ofYear(year), Period::allTime()}) {
        storage::BoardQuery q;
        q.period = p;
        q.today = today;
        const double mb = peakMiB([&] {
            storage::Storage own(path);
            storage::Aggregates a(own);
            a.setFromBaseTables(true);
            a.board(q);
        });
        const double ma = peakMiB([&] {
            storage::Storage own(path);
            storage::Aggregates a(own);
            a.board(q);
        });
        const double baseline = peakMiB([&] { storage::Storage own(path); });
        std::printf("volunteers points %-6s before %.0f, after %.0f (an open storage alone: %.0f)\n", p.code().c_str(), mb,
                    ma, baseline);
    }
    return 0;
}
