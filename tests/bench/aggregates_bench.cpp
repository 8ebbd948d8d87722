// aggregates_bench.cpp — what a leaderboard and the year's targets cost at scale.
//
// A benchmark, not a test: it prints figures and ratios against a peer
// measured in the same run on the same file, and asserts nothing about time.
// The requirement (issue 5): recomputing a leaderboard or all targets costs at
// most 1.5× the same aggregate written as one hand-tuned SQL query and run
// through the sqlite3 shell (output to /dev/null).
//   (a) the volunteer board, points, for a year (ranks, movement against the
//       year before, stars from all-time hours) — Aggregates::board
//   (b) every target of a year (rates rolled up, counts, expected, forecast,
//       status) — Aggregates::targets
// Setup (not timed against anything) writes 1,000,000 service records and
// 200,000 families with their 平安家庭 titles through one transaction and
// prepared statements.
// usage: aggregates_bench [SERVICE_RECORDS] [FAMILIES] [RUNS] [keep]
// ("keep" leaves the database in the temp folder for a look with sqlite3)
#include "storage/aggregates.hpp"
#include "storage/storage.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace jinguo;
using Clock = std::chrono::steady_clock;
using jinguo::storage::Statement;

namespace {

constexpr int kYear = 2026;
const char* const kToday = "2026-11-29";

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Raw mt19937 draws: the same database on every machine.
class Rng {
public:
    explicit Rng(std::uint32_t seed) : m_engine(seed) {}
    int between(int lo, int hi) { return lo + static_cast<int>(m_engine() % static_cast<std::uint32_t>(hi - lo + 1)); }
    bool chance(double p) { return m_engine() / 4294967296.0 < p; }

private:
    std::mt19937 m_engine;
};

std::string dateOf(long dayNumberSinceEpoch) { return formatDate(dateFromDayNumber(dayNumberSinceEpoch)); }

struct Sizes {
    int records = 1000000;
    int families = 200000;
    int streets = 10;
    int communitiesPerStreet = 20;
    int volunteers = 50000;
    int activities = 20000;
};

void buildDatabase(storage::Storage& storage, const Sizes& n) {
    storage::Database& db = storage.db();
    Rng rng(20261129);
    storage.setAuditEnabled(false);
    // A big page cache keeps the one large transaction from spilling to the WAL page by page.
    db.exec("PRAGMA cache_size = -400000");
    storage::Transaction tx(db);
    const int communities = n.streets * n.communitiesPerStreet;
    const int householdsEach = (n.families + communities - 1) / communities + 40;

    // ---- units
    auto unit = db.cached("INSERT INTO org_unit (id, parent_id, name, kind, households, sort_order) VALUES (?, ?, ?, ?, ?, ?)");
    unit.bind(1, 1).bindNull(2).bind(3, "临江区").bind(4, "区").bind(5, static_cast<std::int64_t>(householdsEach) * communities).bind(6, 0);
    unit.run();
    std::vector<RowId> communityIds;
    for (int s = 0; s < n.streets; ++s) {
        const RowId streetId = 2 + s;
        unit.reset();
        unit.bind(1, streetId).bind(2, 1).bind(3, "街道" + std::to_string(s + 1)).bind(4, "街道")
            .bind(5, static_cast<std::int64_t>(householdsEach) * n.communitiesPerStreet).bind(6, s);
        unit.run();
    }
    for (int c = 0; c < communities; ++c) {
        const RowId id = 100 + c;
        unit.reset();
        unit.bind(1, id).bind(2, 2 + c / n.communitiesPerStreet).bind(3, "社区" + std::to_string(c + 1)).bind(4, "社区")
            .bind(5, householdsEach).bind(6, c);
        unit.run();
        communityIds.push_back(id);
    }

    // ---- volunteers (a fifth with roster hours as of the end of 2025 or mid-2026)
    auto person = db.cached(
        "INSERT INTO person (id, name, gender, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of)"
        " VALUES (?, ?, '女', ?, 1, ?, ?, ?)");
    const long first = dayNumber(*parseDate("2023-01-01"));
    const long last = dayNumber(*parseDate("2026-11-28"));
    for (int i = 1; i <= n.volunteers; ++i) {
        person.reset();
        person.bind(1, i).bind(2, "志愿者" + std::to_string(i)).bind(3, communityIds[static_cast<std::size_t>(i % communities)])
            .bind(4, dateOf(first - rng.between(0, 2000)));
        if (rng.chance(0.2)) person.bind(5, static_cast<double>(rng.between(10, 900))).bind(6, rng.chance(0.5) ? "2025-12-31" : "2026-06-30");
        else person.bind(5, 0.0).bindNull(6);
        person.run();
    }

    // ---- activities and service records
    auto activity = db.cached("INSERT INTO activity (id, name, held_on, unit_id, participants) VALUES (?, ?, ?, ?, ?)");
    std::vector<std::string> activityDays;
    for (int i = 1; i <= n.activities; ++i) {
        const std::string day = dateOf(rng.between(static_cast<int>(first), static_cast<int>(last)));
        activity.reset();
        activity.bind(1, i).bind(2, "活动" + std::to_string(i)).bind(3, day)
            .bind(4, communityIds[static_cast<std::size_t>(i % communities)]).bind(5, rng.between(10, 200));
        activity.run();
        activityDays.push_back(day);
    }
    auto record = db.cached(
        "INSERT INTO service_record (person_id, activity_id, served_on, hours, verified) VALUES (?, ?, ?, ?, ?)");
    for (int i = 0; i < n.records; ++i) {
        record.reset();
        record.bind(1, rng.between(1, n.volunteers));
        if (rng.chance(0.5)) {
            const int a = rng.between(1, n.activities);
            record.bind(2, a).bind(3, activityDays[static_cast<std::size_t>(a - 1)]);
        } else {
            record.bindNull(2).bind(3, dateOf(rng.between(static_cast<int>(first), static_cast<int>(last))));
        }
        record.bind(4, rng.between(1, 12) / 2.0).bind(5, rng.chance(0.9) ? 1 : 0);
        record.run();
    }

    // ---- families, each with a 平安家庭 title most of the time (some at two levels)
    // Own statement (not Storage's cached look-up, which would stay open and lock ANALYZE out).
    auto titleId = [&](const char* name, const char* kind, const char* level) {
        Statement st = db.prepare("SELECT id FROM award_title WHERE name = ? AND subject_kind = ? AND level = ?");
        st.bind(1, name).bind(2, kind).bind(3, level);
        return st.step() ? st.columnInt(0) : RowId{0};
    };
    const RowId safeCommunity = titleId("平安家庭", "family", "社区");
    const RowId safeStreet = titleId("平安家庭", "family", "街道");
    auto family = db.cached("INSERT INTO family (id, head_name, address, unit_id) VALUES (?, ?, ?, ?)");
    auto award = db.cached(
        "INSERT INTO award (title_id, year, family_id, person_id, post_id, unit_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (int i = 1; i <= n.families; ++i) {
        const RowId unitId = communityIds[static_cast<std::size_t>(i % communities)];
        family.reset();
        family.bind(1, i).bind(2, "户主" + std::to_string(i)).bind(3, "地址" + std::to_string(i)).bind(4, unitId);
        family.run();
        if (!rng.chance(0.86)) continue;
        award.reset();
        award.bind(1, safeCommunity).bind(2, rng.between(2019, kYear)).bind(3, i).bindNull(4).bindNull(5).bind(6, unitId)
            .bind(7, rng.chance(0.97) ? "命名" : rng.chance(0.5) ? "复核" : "撤销");
        award.run();
        if (rng.chance(0.05)) {
            award.reset();
            award.bind(1, safeStreet).bind(2, rng.between(2022, kYear)).bind(3, i).bindNull(4).bindNull(5).bind(6, unitId).bind(7, "命名");
            award.run();
        }
    }

    // ---- titles of volunteers (with their naming events) and 巾帼文明岗
    auto event = db.cached("INSERT INTO award_event (award_id, status, happened_on, score) VALUES (?, ?, ?, ?)");
    const char* const personLevels[] = {"区", "市", "省"};
    for (int i = 0; i < 3000; ++i) {
        const int year = rng.between(2023, kYear);
        const int p = rng.between(1, n.volunteers);
        award.reset();
        award.bind(1, titleId("三八红旗手", "person", personLevels[rng.between(0, 2)])).bind(2, year).bindNull(3).bind(4, p)
            .bindNull(5).bind(6, communityIds[static_cast<std::size_t>(p % communities)]).bind(7, "命名");
        try { award.run(); } catch (const storage::StorageError&) { continue; }   // same title twice in a year
        event.reset();
        event.bind(1, db.lastInsertId()).bind(2, "命名").bind(3, std::to_string(year) + "-03-0" + std::to_string(rng.between(1, 8))).bindNull(4);
        event.run();
    }
    auto post = db.cached("INSERT INTO post (id, work_unit, name, unit_id, members, women_members) VALUES (?, ?, ?, ?, 10, 8)");
    const RowId postDistrict = titleId("巾帼文明岗", "post", "区");
    const RowId postCity = titleId("巾帼文明标兵岗", "post", "市");
    for (int i = 1; i <= 400; ++i) {
        post.reset();
        post.bind(1, i).bind(2, "单位" + std::to_string(i)).bind(3, "岗位").bind(4, 2 + i % n.streets);
        post.run();
        const int year = rng.between(2020, kYear);
        award.reset();
        award.bind(1, postDistrict).bind(2, year).bindNull(3).bindNull(4).bind(5, i).bind(6, 2 + i % n.streets)
            .bind(7, rng.chance(0.8) ? "命名" : "考核验收");
        award.run();
        const RowId a = db.lastInsertId();
        event.reset();
        event.bind(1, a).bind(2, "考核验收").bind(3, std::to_string(year) + "-10-15").bind(4, static_cast<double>(rng.between(60, 98)));
        event.run();
        if (year <= 2024 && rng.chance(0.3)) {
            award.reset();
            award.bind(1, postCity).bind(2, year + 2).bindNull(3).bindNull(4).bind(5, i).bind(6, 2 + i % n.streets).bind(7, "命名");
            award.run();
        }
    }

    // ---- the year's targets: rates for every unit, counts for the district and streets
    auto target = db.cached("INSERT INTO target (unit_id, year, metric, title_id, indicator, goal) VALUES (?, ?, ?, ?, ?, ?)");
    auto addTarget = [&](RowId u, const char* metric, RowId title, const char* indicator, double goal) {
        target.reset();
        target.bind(1, u).bind(2, kYear).bind(3, metric).bindIdOrNull(4, title).bindTextOrNull(5, indicator).bind(6, goal);
        target.run();
    };
    for (RowId u = 1; u <= 1 + n.streets; ++u) {
        addTarget(u, "title_rate", safeCommunity, "", 0.9);
        addTarget(u, "volunteer_hours", 0, "", u == 1 ? 400000 : 40000);
        addTarget(u, "activities", 0, "", u == 1 ? 6000 : 600);
        addTarget(u, "volunteers", 0, "", u == 1 ? 55000 : 5500);
        addTarget(u, "post_count", postDistrict, "", u == 1 ? 60 : 6);
    }
    for (RowId c : communityIds) addTarget(c, "title_rate", safeCommunity, "", 0.9);
    addTarget(1, "indicator", 0, "活动参与人次", 160000);
    auto indicator = db.cached("INSERT INTO manual_indicator (unit_id, year, name, value) VALUES (?, ?, ?, ?)");
    indicator.bind(1, 1).bind(2, kYear).bind(3, "活动参与人次").bind(4, 151234.0);
    indicator.run();

    tx.commit();
    db.exec("PRAGMA cache_size = -2000");
    storage.setAuditEnabled(true);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// ---------------------------------------------------------------- the peers: one query each

// (a) the volunteer board for 2026 by points, with ranks, movement against
// 2025 and stars from all-time hours, as one statement.
const char* const kPeerVolunteerBoard = R"SQL(
WITH
rules AS (
  SELECT (SELECT CAST(value AS REAL) FROM setting WHERE key = 'points.per_verified_hour') AS per_hour,
         (SELECT CAST(value AS REAL) FROM setting WHERE key = 'points.per_activity') AS per_act),
r AS (
  SELECT person_id,
         total(CASE WHEN served_on >= '2026-01-01' AND served_on < '2027-01-01' THEN hours END) AS cur_h,
         count(DISTINCT CASE WHEN served_on >= '2026-01-01' AND served_on < '2027-01-01' THEN activity_id END) AS cur_a,
         total(CASE WHEN served_on >= '2025-01-01' AND served_on < '2026-01-01' THEN hours END) AS prev_h,
         count(DISTINCT CASE WHEN served_on >= '2025-01-01' AND served_on < '2026-01-01' THEN activity_id END) AS prev_a,
         total(hours) AS all_h
  FROM service_record WHERE verified = 1 GROUP BY person_id),
t AS (
  SELECT n.person_id,
         total(CASE WHEN n.named_on >= '2026-01-01' AND n.named_on < '2027-01-01' THEN at.points END) AS cur_t,
         total(CASE WHEN n.named_on >= '2025-01-01' AND n.named_on < '2026-01-01' THEN at.points END) AS prev_t
  FROM (SELECT a.person_id, a.title_id, coalesce(e.named_on, a.year || '-12-31') AS named_on
        FROM award a
        LEFT JOIN (SELECT award_id, max(happened_on) AS named_on FROM award_event WHERE status = '命名' GROUP BY award_id) e
               ON e.award_id = a.id
        WHERE a.person_id IS NOT NULL AND a.status IN ('命名', '复核')) n
  JOIN award_title at ON at.id = n.title_id
  GROUP BY n.person_id),
v AS (
  SELECT p.id, p.name, ifnull(u.name, '') AS unit,
         round((ifnull(r.cur_h, 0) + CASE WHEN p.roster_hours_as_of >= '2026-01-01' AND p.roster_hours_as_of < '2027-01-01'
                                          THEN p.roster_hours ELSE 0 END) * rules.per_hour
               + ifnull(r.cur_a, 0) * rules.per_act + ifnull(t.cur_t, 0), 2) AS cur,
         round((ifnull(r.prev_h, 0) + CASE WHEN p.roster_hours_as_of >= '2025-01-01' AND p.roster_hours_as_of < '2026-01-01'
                                           THEN p.roster_hours ELSE 0 END) * rules.per_hour
               + ifnull(r.prev_a, 0) * rules.per_act + ifnull(t.prev_t, 0), 2) AS prev,
         ifnull(r.all_h, 0) + p.roster_hours AS cum
  FROM person p CROSS JOIN rules
  LEFT JOIN org_unit u ON u.id = p.unit_id
  LEFT JOIN r ON r.person_id = p.id
  LEFT JOIN t ON t.person_id = p.id
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

// (b) every 2026 target: facts from the unit's subtree, rates rolled up from
// the leaves' households, then actual, progress, expected, forecast and status
// (today 2026-11-29: day 333 of 365).
const char* const kPeerTargets = R"SQL(
WITH RECURSIVE
anc(unit_id, ancestor) AS (
  SELECT id, id FROM org_unit
  UNION ALL
  SELECT anc.unit_id, u.parent_id FROM anc JOIN org_unit u ON u.id = anc.ancestor WHERE u.parent_id IS NOT NULL),
households AS (
  SELECT anc.ancestor AS unit_id, sum(u.households) AS households
  FROM anc JOIN org_unit u ON u.id = anc.unit_id
  WHERE NOT EXISTS (SELECT 1 FROM org_unit c WHERE c.parent_id = u.id)
  GROUP BY anc.ancestor),
rate_own AS (
  SELECT a.unit_id, count(DISTINCT CASE WHEN a.year <= 2026 THEN a.family_id END) AS num,
         count(DISTINCT CASE WHEN a.year < 2026 THEN a.family_id END) AS base
  FROM award a
  WHERE +a.title_id IN (SELECT id FROM award_title WHERE name = '平安家庭' AND subject_kind = 'family')
    AND a.status IN ('命名', '复核') AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL
  GROUP BY a.unit_id),
hours_own AS (
  SELECT unit_id, total(h) AS h FROM (
    SELECT p.unit_id, r.h FROM (SELECT person_id, total(hours) AS h FROM service_record
                                WHERE verified = 1 AND +served_on >= '2026-01-01' AND +served_on < '2027-01-01'
                                GROUP BY person_id) r JOIN person p ON p.id = r.person_id
    UNION ALL
    SELECT unit_id, roster_hours FROM person WHERE roster_hours > 0
      AND roster_hours_as_of >= '2026-01-01' AND roster_hours_as_of < '2027-01-01')
  WHERE unit_id IS NOT NULL GROUP BY unit_id),
acts_own AS (
  SELECT unit_id, count(*) AS n FROM activity WHERE held_on >= '2026-01-01' AND held_on < '2027-01-01' GROUP BY unit_id),
vols_own AS (
  SELECT unit_id, count(*) AS n FROM person
  WHERE is_volunteer = 1 AND (joined_on IS NULL OR joined_on < '2027-01-01') GROUP BY unit_id),
posts_own AS (
  SELECT unit_id, title_id, count(*) AS n FROM award
  WHERE year = 2026 AND status IN ('命名', '复核') AND post_id IS NOT NULL GROUP BY unit_id, title_id),
facts AS (
  SELECT tg.id, u.name AS unit, tg.metric, tg.goal,
         CASE tg.metric
           WHEN 'title_rate' THEN (SELECT total(r.num) FROM anc JOIN rate_own r ON r.unit_id = anc.unit_id WHERE anc.ancestor = tg.unit_id)
           WHEN 'volunteer_hours' THEN (SELECT total(h.h) FROM anc JOIN hours_own h ON h.unit_id = anc.unit_id WHERE anc.ancestor = tg.unit_id)
           WHEN 'activities' THEN (SELECT total(x.n) FROM anc JOIN acts_own x ON x.unit_id = anc.unit_id WHERE anc.ancestor = tg.unit_id)
           WHEN 'volunteers' THEN (SELECT total(x.n) FROM anc JOIN vols_own x ON x.unit_id = anc.unit_id WHERE anc.ancestor = tg.unit_id)
           WHEN 'post_count' THEN (SELECT total(x.n) FROM anc JOIN posts_own x ON x.unit_id = anc.unit_id
                                   WHERE anc.ancestor = tg.unit_id AND x.title_id = tg.title_id)
           WHEN 'indicator' THEN (SELECT total(m.value) FROM manual_indicator m
                                  WHERE m.unit_id = tg.unit_id AND m.year = 2026 AND m.name = tg.indicator)
         END AS num,
         CASE WHEN tg.metric = 'title_rate'
              THEN (SELECT total(r.base) FROM anc JOIN rate_own r ON r.unit_id = anc.unit_id WHERE anc.ancestor = tg.unit_id) END AS base,
         (SELECT households FROM households WHERE unit_id = tg.unit_id) AS den
  FROM target tg JOIN org_unit u ON u.id = tg.unit_id
  WHERE tg.year = 2026),
measured AS (
  SELECT id, unit, metric, goal,
         CASE WHEN metric = 'title_rate' THEN num / den ELSE num END AS actual,
         CASE WHEN metric = 'title_rate' THEN base / den ELSE 0 END AS base_rate,
         333.0 / 365 AS e
  FROM facts),
paced AS (
  SELECT *, CASE WHEN metric = 'title_rate' AND base_rate >= goal THEN goal ELSE base_rate + (goal - base_rate) * e END AS expected,
         CASE WHEN metric = 'title_rate' THEN min(max(base_rate + (actual - base_rate) / e, 0), 1) ELSE actual / e END AS forecast
  FROM measured)
SELECT unit, metric, goal, actual, CASE WHEN goal > 0 THEN actual / goal ELSE 1 END AS rate, expected, forecast,
       CASE WHEN actual >= goal - 1e-9 THEN 'green'
            WHEN expected - base_rate <= 0 THEN CASE WHEN actual >= expected THEN 'green' ELSE 'red' END
            WHEN (actual - base_rate) / (expected - base_rate) >= 1 THEN 'green'
            WHEN (actual - base_rate) / (expected - base_rate) >= 0.9 THEN 'amber'
            ELSE 'red' END AS status
FROM paced ORDER BY id;
)SQL";

// Runs `sql` through the sqlite3 shell on `path`, output to /dev/null; ms.
double runShell(const std::string& path, const std::string& sqlFile) {
    const std::string cmd = "sqlite3 '" + path + "' < '" + sqlFile + "' > /dev/null";
    const auto start = Clock::now();
    if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "the sqlite3 shell failed (is it installed?)\n");
        std::exit(1);
    }
    return msSince(start);
}

std::string writeSql(const std::string& name, const char* sql) {
    const std::string path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path) << sql;
    return path;
}

} // namespace

int main(int argc, char** argv) {
    Sizes sizes;
    if (argc > 1) sizes.records = std::atoi(argv[1]);
    if (argc > 2) sizes.families = std::atoi(argv[2]);
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
    const std::string path = (std::filesystem::temp_directory_path() / "jinguo_bench_aggregates.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

    storage::Storage storage(path);
    auto start = Clock::now();
    buildDatabase(storage, sizes);
    std::printf("setup: %d service records, %d families, %d volunteers in %.0f ms (one transaction, prepared statements)\n",
                sizes.records, sizes.families, sizes.volunteers, msSince(start));

    storage::Aggregates aggregates(storage);
    const Date today = *parseDate(kToday);
    storage::BoardQuery query;
    query.board = storage::Board::Volunteers;
    query.metric = storage::BoardMetric::Points;
    query.period = Period::ofYear(kYear);

    std::vector<double> oursBoard, oursTargets, peerBoard, peerTargets;
    std::size_t boardRows = 0, targetLines = 0;
    const std::string boardSql = writeSql("jinguo_bench_peer_board.sql", kPeerVolunteerBoard);
    const std::string targetsSql = writeSql("jinguo_bench_peer_targets.sql", kPeerTargets);
    for (int i = 0; i < runs; ++i) {
        start = Clock::now();
        boardRows = aggregates.board(query).rows.size();
        oursBoard.push_back(msSince(start));
        peerBoard.push_back(runShell(path, boardSql));
        start = Clock::now();
        targetLines = aggregates.targets(kYear, today).lines.size();
        oursTargets.push_back(msSince(start));
        peerTargets.push_back(runShell(path, targetsSql));
    }
    const double ob = median(oursBoard), pb = median(peerBoard), ot = median(oursTargets), pt = median(peerTargets);
    std::printf("(a) volunteer board %d (points, %zu rows): ours %.1f ms, sqlite3 shell %.1f ms, ratio %.2f\n", kYear,
                boardRows, ob, pb, ob / pb);
    std::printf("(b) all targets %d (%zu targets):         ours %.1f ms, sqlite3 shell %.1f ms, ratio %.2f\n", kYear,
                targetLines, ot, pt, ot / pt);
    std::printf("(median of %d runs each; requirement: ratio <= 1.5)\n", runs);

    // The other boards, for scale (no peer): ours only, median of the same runs.
    struct Other { const char* label; storage::Board board; storage::BoardMetric metric; Period period; RowId scope; };
    const Other others[] = {
        {"volunteers, points, all time", storage::Board::Volunteers, storage::BoardMetric::Points, Period::allTime(), 0},
        {"volunteers, hours, 2026Q3, one street", storage::Board::Volunteers, storage::BoardMetric::Hours, Period::ofQuarter(kYear, 3), 2},
        {"communities, rate, 2026", storage::Board::Communities, storage::BoardMetric::Rate, Period::ofYear(kYear), 0},
        {"streets, points, 2026", storage::Board::Streets, storage::BoardMetric::Points, Period::ofYear(kYear), 0},
        {"streets, titles, 2026", storage::Board::Streets, storage::BoardMetric::Titles, Period::ofYear(kYear), 0},
        {"posts, points, 2026", storage::Board::Posts, storage::BoardMetric::Points, Period::ofYear(kYear), 0},
    };
    for (const Other& o : others) {
        storage::BoardQuery q{o.board, o.metric, o.period, o.scope};
        std::vector<double> times;
        std::size_t rows = 0;
        for (int i = 0; i < runs; ++i) {
            start = Clock::now();
            rows = aggregates.board(q).rows.size();
            times.push_back(msSince(start));
        }
        std::printf("    %-40s %7.1f ms (%zu rows)\n", o.label, median(times), rows);
    }
    std::filesystem::remove(boardSql);
    std::filesystem::remove(targetsSql);
    if (argc > 4 && std::string(argv[4]) == "keep") {
        std::printf("database kept: %s\n", path.c_str());
    } else {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
    return 0;
}
