// aggregates.cpp — the SQL behind the boards and the targets.
//
// Each board runs a handful of statements that aggregate the whole period in
// one pass (conditional sums over GROUP BY), for the current and the previous
// period together, so movement costs no second scan. The per-row work left in
// C++ is arithmetic the core rules own: points, stars, roll-up, ranks. The
// unit tree is small (a district has at most a few hundred units) and is read
// once per call; subtree tests use it instead of recursive SQL where the data
// is already in memory.
//
// [SECTION] The unit tree and scopes
// [SECTION] Volunteer facts
// [SECTION] Boards
// [SECTION] Targets
#include "storage/aggregates.hpp"

#include "core/number_format.hpp"
#include "core/ranking.hpp"
#include "core/stars.hpp"
#include "core/text.hpp"
#include "core/title_standing.hpp"
#include "core/vocabulary.hpp"
#include "storage/storage.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/title_summaries.hpp"
#include "storage/unit_board.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <queue>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace jinguo::storage {

namespace {

// The computer's local date, for a board asked without one.
Date computerToday() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

// Boards show hours and points to 0.01 and rates to 0.01 %: rank what is shown.
double roundShown(double value, BoardMetric metric) { return boardValue(value, metric); }

// The periods a board compares: the current one and the one before (if any),
// as the half-open ranges and last years the SQL binds.
struct PeriodPair {
    std::string curFirst, curAfter, prevFirst, prevAfter;
    int curEndYear = 9999, prevEndYear = 0;
    bool hasPrevious = false;
    Period current;
    std::optional<Period> previous;

    // The days held titles are counted on (titlesCountedOn); "0" for no
    // previous period: no title is named by then.
    std::string curHeldOn, prevHeldOn = "0";

    explicit PeriodPair(const Period& period, const Date& today = {}) : current(period), previous(period.previous()) {
        curFirst = period.firstDay();
        curAfter = period.dayAfter();
        curEndYear = period.kind == PeriodKind::All ? 9999 : period.year;
        curHeldOn = titlesCountedOn(period, today);
        if (previous) {
            hasPrevious = true;
            prevFirst = previous->firstDay();
            prevAfter = previous->dayAfter();
            prevEndYear = previous->year;
            prevHeldOn = titlesCountedOn(*previous, today);
        } else {
            // An empty range: nothing is dated in it.
            prevFirst = "1";
            prevAfter = "0";
        }
    }
};

// ============================================================ [SECTION] The unit tree and scopes

std::vector<std::string> splitScopePath(const std::string& text) {
    // "江滨街道/望月社区", also with a full-width slash or ">".
    std::string unified;
    for (char32_t cp : utf8ToCodepoints(text)) appendUtf8(unified, cp == U'／' || cp == U'>' || cp == U'＞' ? U'/' : cp);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= unified.size()) {
        std::size_t end = unified.find('/', start);
        if (end == std::string::npos) end = unified.size();
        std::string part = trim(std::string_view(unified).substr(start, end - start));
        if (!part.empty()) parts.push_back(std::move(part));
        start = end + 1;
    }
    return parts;
}

// ============================================================ [SECTION] Volunteer facts

// One volunteer's sums for the current and the previous period.
struct VolunteerSums {
    RowId id = 0;
    std::string name;
    RowId unitId = 0;
    std::string unitName;
    double rosterHours = 0;
    std::string rosterAsOf;
    double curHours = 0, prevHours = 0, allHours = 0;   // verified records
    int curActivities = 0, prevActivities = 0;
    // Titles named in each period, as the points rule sees them (level and the
    // catalogue's own points).
    std::vector<TitleFact> curTitles, prevTitles;
};

// Dated-hours sums per volunteer, current and previous period and all time:
// the two arms of the dated_hours view (migration 0010) — verified records,
// roster credits — each grouped on its own, so the records stay one pass
// over the covering index of 0004 (grouping the view itself sorts every
// record: 2.6x slower at 1M records). ?1/?2 current range, ?3/?4 previous.
// tests/storage_hours_agreement_test.cpp holds it to the view.
constexpr const char* kVolunteerSumsSql = R"(
    SELECT p.id, p.name, coalesce(p.unit_id, 0), coalesce(u.name, ''), p.roster_hours, coalesce(p.roster_hours_as_of, ''),
           coalesce(r.cur_hours, 0) + coalesce(c.cur_hours, 0), coalesce(r.cur_acts, 0),
           coalesce(r.prev_hours, 0) + coalesce(c.prev_hours, 0), coalesce(r.prev_acts, 0),
           coalesce(r.all_hours, 0) + coalesce(c.all_hours, 0)
    FROM person p
    LEFT JOIN org_unit u ON u.id = p.unit_id
    LEFT JOIN (
        SELECT person_id,
               coalesce(sum(CASE WHEN served_on >= ?1 AND served_on < ?2 THEN hours END), 0.0) AS cur_hours,
               count(DISTINCT CASE WHEN served_on >= ?1 AND served_on < ?2 THEN activity_id END) AS cur_acts,
               coalesce(sum(CASE WHEN served_on >= ?3 AND served_on < ?4 THEN hours END), 0.0) AS prev_hours,
               count(DISTINCT CASE WHEN served_on >= ?3 AND served_on < ?4 THEN activity_id END) AS prev_acts,
               coalesce(sum(hours), 0.0) AS all_hours
        FROM service_record WHERE verified = 1
        GROUP BY person_id) r ON r.person_id = p.id
    LEFT JOIN (
        SELECT person_id,
               coalesce(sum(CASE WHEN credited_on >= ?1 AND credited_on < ?2 THEN hours END), 0.0) AS cur_hours,
               coalesce(sum(CASE WHEN credited_on >= ?3 AND credited_on < ?4 THEN hours END), 0.0) AS prev_hours,
               coalesce(sum(hours), 0.0) AS all_hours
        FROM roster_credit
        GROUP BY person_id) c ON c.person_id = p.id
    WHERE p.is_volunteer = 1
    ORDER BY p.id)";

// The same for the volunteers of one subtree (?5 its root): only their
// records are read.
constexpr const char* kVolunteerSumsScopedSql = R"(
    WITH RECURSIVE subtree(id) AS (
        SELECT CAST(?5 AS bigint) UNION SELECT c.id FROM org_unit c JOIN subtree s ON c.parent_id = s.id)
    SELECT p.id, p.name, coalesce(p.unit_id, 0), coalesce(u.name, ''), p.roster_hours, coalesce(p.roster_hours_as_of, ''),
           coalesce(r.cur_hours, 0) + coalesce(c.cur_hours, 0), coalesce(r.cur_acts, 0),
           coalesce(r.prev_hours, 0) + coalesce(c.prev_hours, 0), coalesce(r.prev_acts, 0),
           coalesce(r.all_hours, 0) + coalesce(c.all_hours, 0)
    FROM person p
    LEFT JOIN org_unit u ON u.id = p.unit_id
    LEFT JOIN (
        SELECT person_id,
               coalesce(sum(CASE WHEN served_on >= ?1 AND served_on < ?2 THEN hours END), 0.0) AS cur_hours,
               count(DISTINCT CASE WHEN served_on >= ?1 AND served_on < ?2 THEN activity_id END) AS cur_acts,
               coalesce(sum(CASE WHEN served_on >= ?3 AND served_on < ?4 THEN hours END), 0.0) AS prev_hours,
               count(DISTINCT CASE WHEN served_on >= ?3 AND served_on < ?4 THEN activity_id END) AS prev_acts,
               coalesce(sum(hours), 0.0) AS all_hours
        FROM service_record
        WHERE verified = 1
          AND person_id IN (SELECT id FROM person WHERE unit_id IN (SELECT id FROM subtree))
        GROUP BY person_id) r ON r.person_id = p.id
    LEFT JOIN (
        SELECT person_id,
               coalesce(sum(CASE WHEN credited_on >= ?1 AND credited_on < ?2 THEN hours END), 0.0) AS cur_hours,
               coalesce(sum(CASE WHEN credited_on >= ?3 AND credited_on < ?4 THEN hours END), 0.0) AS prev_hours,
               coalesce(sum(hours), 0.0) AS all_hours
        FROM roster_credit
        WHERE person_id IN (SELECT id FROM person WHERE unit_id IN (SELECT id FROM subtree))
        GROUP BY person_id) c ON c.person_id = p.id
    WHERE p.is_volunteer = 1 AND p.unit_id IN (SELECT id FROM subtree)
    ORDER BY p.id)";

// One period's summary rows (migration 0022) in person order.
constexpr const char* kSummaryPeriodSql =
    "SELECT person_id, hours, activities FROM board_person_period WHERE period = ? ORDER BY person_id";

// Titles held by people, by title (its level and its catalogue points),
// counted in the period holding their naming date: the latest 命名 event,
// else 31 December of the award year.
// People's awards are few beside the households': the naming date is looked
// up per person award (award_event_award_status). Grouping every award's
// events first read all of a city's family events: 1.1 s of a 1.2 s board.
constexpr const char* kPersonTitlesSql = R"(
    SELECT x.person_id, t.level, t.points,
           sum(CAST(x.named_on >= ?1 AND x.named_on < ?2 AS integer)), sum(CAST(x.named_on >= ?3 AND x.named_on < ?4 AS integer))
    FROM (SELECT a.person_id, a.title_id,
                 coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = {named}),
                          a.year || '-12-31') AS named_on
          FROM award a
          WHERE a.person_id IS NOT NULL AND a.status IN {held}) x
    JOIN award_title t ON t.id = x.title_id
    GROUP BY x.person_id, t.id)";

// person → the titles she holds named in the current and in the previous period.
using PersonTitles = std::unordered_map<RowId, std::pair<std::vector<TitleFact>, std::vector<TitleFact>>>;

PersonTitles personTitles(Database& db, const PeriodPair& pp) {
    PersonTitles titlesOf;
    Statement titles = db.prepare(withWords(kPersonTitlesSql));
    titles.bind(1, pp.curFirst).bind(2, pp.curAfter).bind(3, pp.prevFirst).bind(4, pp.prevAfter);
    while (titles.step()) {
        auto& held = titlesOf[titles.columnInt(0)];
        TitleFact t;
        t.level = titles.columnText(1);
        t.points = titles.columnDouble(2);   // NOT NULL: every title carries its own points
        held.first.insert(held.first.end(), static_cast<std::size_t>(titles.columnInt(3)), t);
        held.second.insert(held.second.end(), static_cast<std::size_t>(titles.columnInt(4)), t);
    }
    return titlesOf;
}

// Calls `each` with every volunteer's sums from the base tables (the
// definition the summaries are held to), in person id order, one at a time.
template <class Each>
void forEachVolunteer(Database& db, const PeriodPair& pp, RowId scopeRoot, Each&& each) {
    // Titles first (few people hold one), by person, in the query's order.
    const PersonTitles titlesOf = personTitles(db, pp);
    VolunteerSums v;
    auto withTitles = [&]() -> bool {
        v.curTitles.clear();
        v.prevTitles.clear();
        const auto it = titlesOf.find(v.id);
        if (it == titlesOf.end()) return false;
        v.curTitles = it->second.first;
        v.prevTitles = it->second.second;
        return true;
    };
    Statement st = db.prepare(scopeRoot == 0 ? kVolunteerSumsSql : kVolunteerSumsScopedSql);
    st.bind(1, pp.curFirst).bind(2, pp.curAfter).bind(3, pp.prevFirst).bind(4, pp.prevAfter);
    if (scopeRoot != 0) st.bind(5, scopeRoot);
    while (st.step()) {
        v.id = st.columnInt(0);
        v.name = st.columnText(1);
        v.unitId = st.columnInt(2);
        v.unitName = st.columnText(3);
        v.rosterHours = st.columnDouble(4);
        v.rosterAsOf = st.columnText(5);
        v.curHours = st.columnDouble(6);
        v.curActivities = static_cast<int>(st.columnInt(7));
        v.prevHours = st.columnDouble(8);
        v.prevActivities = static_cast<int>(st.columnInt(9));
        v.allHours = st.columnDouble(10);
        withTitles();
        each(v);
    }
}

std::vector<VolunteerSums> volunteerSums(Database& db, const PeriodPair& pp, RowId scopeRoot) {
    std::vector<VolunteerSums> out;
    forEachVolunteer(db, pp, scopeRoot, [&](const VolunteerSums& v) { out.push_back(v); });
    return out;
}

VolunteerFacts factsOf(const VolunteerSums& v, const Period& period, bool previous) {
    VolunteerFacts f;
    f.verifiedHours = previous ? v.prevHours : v.curHours;
    f.rosterHours = rosterHistoryCountsIn(period) ? v.rosterHours : 0;
    f.activitiesJoined = previous ? v.prevActivities : v.curActivities;
    f.titles = previous ? v.prevTitles : v.curTitles;
    return f;
}

// A volunteer's standing in one period: what the boards rank and sum.
struct Standing {
    double hours = 0;
    double points = 0;
    int activities = 0;
    int titles = 0;
};

Standing standingOf(const VolunteerSums& v, const Period& period, bool previous, const PointsRules& rules) {
    const VolunteerFacts f = factsOf(v, period, previous);
    Standing s;
    s.hours = serviceHoursOf(f);
    s.points = pointsFor(f, rules);
    s.activities = f.activitiesJoined;
    s.titles = static_cast<int>(f.titles.size());
    return s;
}

// The names of the rows a board shows (the summary's sums leave them out).
constexpr const char* kShownNameSql =
    "SELECT p.name, coalesce(u.name, ''), p.roster_hours FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id WHERE p.id = ?";

constexpr const char* kAllNamesSql =
    "SELECT p.id, p.name, coalesce(u.name, ''), p.roster_hours FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id"
    " WHERE p.id BETWEEN ? AND ? ORDER BY p.id";
// Up to this many names are read by a seek each, more by one pass (kAllNamesSql).
constexpr std::size_t kNameSeeksAtMost = 20000;

// One volunteer in the race: what the board ranks and shows, without names.
struct RaceEntry {
    RowId id = 0;
    double value = 0;
    double hours = 0, points = 0;
    int activities = 0, titles = 0;
};

// A person's all-time dated hours (the stars count them with her roster
// history): one seek per row kept, not a third pass over the summary.
constexpr const char* kAllHoursSql = "SELECT hours FROM board_person_period WHERE period = 'all' AND person_id = ?";

// One period's summary rows in person order, walked (not sought) beside others.
class SummaryWalk {
public:
    SummaryWalk(Database& db, const std::string& period) : m_st(db.prepare(kSummaryPeriodSql)) {
        m_st.bind(1, period);
        advance();
    }
    bool more() const { return m_more; }
    RowId person() const { return m_person; }
    double hours() const { return m_hours; }
    int activities() const { return m_activities; }
    void advance() {
        m_more = m_st.step();
        if (!m_more) return;
        m_person = m_st.columnInt(0);
        m_hours = m_st.columnDouble(1);
        m_activities = static_cast<int>(m_st.columnInt(2));
    }

private:
    Statement m_st;
    bool m_more = false;
    RowId m_person = 0;
    double m_hours = 0;
    int m_activities = 0;
};

// The people of the volunteers board (scope 0: the district) and their
// sums, in person order: the people and figures forEachVolunteer reads
// from the base tables (tests/storage_board_page_test.cpp and
// storage_board_summary_test.cpp hold the boards equal), without reading
// every person. The district: the current and previous
// periods' summary rows merged with the titled people and, on the all-time
// board, the people with roster history (index person_roster_history,
// migration 0029), less the people who are not volunteers (few: index
// person_not_volunteer). A scope: its people by person_unit, their summary
// rows sought. RosterHours is set on the all-time board only (it counts
// there); the rows kept read it for their stars.
template <class Each>
void forEachBoardVolunteer(Database& db, const PeriodPair& pp, RowId scopeRoot, Each&& each) {
    const PersonTitles titlesOf = personTitles(db, pp);
    const bool rosterHistory = rosterHistoryCountsIn(pp.current);
    VolunteerSums v;
    auto withTitles = [&]() -> bool {
        v.curTitles.clear();
        v.prevTitles.clear();
        const auto it = titlesOf.find(v.id);
        if (it == titlesOf.end()) return false;
        v.curTitles = it->second.first;
        v.prevTitles = it->second.second;
        return true;
    };
    if (scopeRoot != 0) {
        Statement people = db.prepare(R"(
            WITH RECURSIVE subtree(id) AS (
                SELECT CAST(?1 AS bigint) UNION SELECT c.id FROM org_unit c JOIN subtree s ON c.parent_id = s.id)
            SELECT id, roster_hours FROM person WHERE unit_id IN (SELECT id FROM subtree) AND is_volunteer = 1 ORDER BY id)");
        people.bind(1, scopeRoot);
        Statement row = db.prepare("SELECT hours, activities FROM board_person_period WHERE period = ? AND person_id = ?");
        auto seek = [&](const std::string& period, double& hours, int& activities) {
            row.reset();
            row.bind(1, period).bind(2, v.id);
            if (!row.step()) return false;
            hours = row.columnDouble(0);
            activities = static_cast<int>(row.columnInt(1));
            return true;
        };
        while (people.step()) {
            v.id = people.columnInt(0);
            v.rosterHours = rosterHistory ? people.columnDouble(1) : 0;
            v.curHours = v.prevHours = 0;
            v.curActivities = v.prevActivities = 0;
            bool counts = seek(pp.current.code(), v.curHours, v.curActivities);
            if (pp.previous) counts = seek(pp.previous->code(), v.prevHours, v.prevActivities) || counts;
            counts = withTitles() || counts;
            if (counts || (rosterHistory && v.rosterHours > 0)) each(v);
        }
        return;
    }
    std::unordered_set<RowId> notVolunteers;
    {
        Statement st = db.prepare("SELECT id FROM person WHERE is_volunteer = 0");
        while (st.step()) notVolunteers.insert(st.columnInt(0));
    }
    std::vector<RowId> titled;
    titled.reserve(titlesOf.size());
    for (const auto& entry : titlesOf) titled.push_back(entry.first);
    std::sort(titled.begin(), titled.end());
    std::size_t nextTitled = 0;
    SummaryWalk cur(db, pp.current.code());
    std::optional<SummaryWalk> prev;
    if (pp.previous) prev.emplace(db, pp.previous->code());
    std::optional<Statement> roster;
    bool rosterMore = false;
    if (rosterHistory) {
        roster.emplace(db.prepare("SELECT id, roster_hours FROM person WHERE roster_hours > 0 AND is_volunteer = 1 ORDER BY id"));
        rosterMore = roster->step();
    }
    constexpr RowId kNone = std::numeric_limits<RowId>::max();
    for (;;) {
        RowId id = kNone;
        if (cur.more()) id = std::min(id, cur.person());
        if (prev && prev->more()) id = std::min(id, prev->person());
        if (rosterMore) id = std::min(id, roster->columnInt(0));
        if (nextTitled < titled.size()) id = std::min(id, titled[nextTitled]);
        if (id == kNone) break;
        v.id = id;
        v.rosterHours = 0;
        v.curHours = v.prevHours = 0;
        v.curActivities = v.prevActivities = 0;
        if (cur.more() && cur.person() == id) {
            v.curHours = cur.hours();
            v.curActivities = cur.activities();
            cur.advance();
        }
        if (prev && prev->more() && prev->person() == id) {
            v.prevHours = prev->hours();
            v.prevActivities = prev->activities();
            prev->advance();
        }
        if (rosterMore && roster->columnInt(0) == id) {
            v.rosterHours = roster->columnDouble(1);
            rosterMore = roster->step();
        }
        if (nextTitled < titled.size() && titled[nextTitled] == id) ++nextTitled;
        if (notVolunteers.count(id)) continue;
        withTitles();
        each(v);
    }
}

// ============================================================ [SECTION] The volunteers board's first rows

// The first rows of the district's volunteers board, its size and the
// previous ranks of the rows kept, without reading the period's summary rows
// (migration 0033). A volunteer's value is c·(hours + roster) + a·activities
// + her titles' points (hours board: hours + roster), rounded; only the
// titled (few: all read) and, on the all-time board, the roster history add
// to a summary row. So:
//  - rows: each activities count's rows by hours (board_person_period_
//    activities), merged best first, are in the order of c·hours + a·activities;
//    the roster history is walked by hours beside them (all-time board). Who
//    is not read yet is worth at most the best head + c·(last roster read).
//    Stop when the wanted row's value is above that by more than the rounding.
//  - counts (the board's size, a previous rank): per activities count, the
//    rows above a value are an hours range of board_person_period_activities,
//    counted by SQL; rows within the rounding margin are read and valued by
//    the C++ rule; the titled and the non-volunteers are corrected one by one.
// Every value is computed by standingOf (core's rules); SQL only bounds and
// counts with a margin of 0.0025 around what rounding can change.
// tests/storage_board_summary_test.cpp compares pages with the whole board
// from the base tables (ties at the page's edge, non-default rules).
constexpr std::size_t kPagedRowsAtMost = 5000;        // beyond: the whole walk
constexpr std::size_t kPagedCandidatesAtMost = 200000; // a tie too wide: the whole walk
constexpr std::size_t kPagedNotVolunteersAtMost = 50000;

const std::vector<RowId> kNoUnits;   // the district (no scope)

struct PagedRace {
    std::vector<RaceEntry> entries;   // every volunteer whose value may reach the rows kept
    std::size_t totalRows = 0;
};

class PagedBoard {
public:
    // `scopeUnits`: the units of a street's or community's subtree (empty: the
    // district). A scope reads 0041's board_unit_person_period, which holds
    // its volunteers only: `titlesOf` then holds the scope's titled
    // volunteers and `notVolunteers` is empty.
    PagedBoard(Database& db, const PeriodPair& pp, const BoardQuery& query, const PointsRules& rules,
               const PersonTitles& titlesOf, const std::unordered_set<RowId>& notVolunteers,
               const std::vector<RowId>& scopeUnits = {})
        : m_db(db), m_pp(pp), m_query(query), m_rules(rules), m_titlesOf(titlesOf), m_notVolunteers(notVolunteers),
          m_scopeUnits(scopeUnits),
          m_rosterHistory(rosterHistoryCountsIn(pp.current)),
          m_perHour(query.metric == BoardMetric::Hours ? 1.0 : rules.perVerifiedHour),
          m_perActivity(query.metric == BoardMetric::Hours ? 0.0 : rules.perActivity) {}

    // Hours count for something: the bounds below divide by the hour's worth.
    bool usable() const { return m_perHour > 0 && m_notVolunteers.size() <= kPagedNotVolunteersAtMost; }

    std::optional<PagedRace> race(std::size_t wanted) {
        PagedRace out;
        std::unordered_set<RowId> seen;
        // The k-th best value so far (a min-heap of the best `wanted`).
        std::priority_queue<double, std::vector<double>, std::greater<>> best;
        auto add = [&](const VolunteerSums& v) {
            const double value = valueOf(v, false);
            if (value <= 0) return;
            const Standing now = standingOf(v, m_pp.current, false, m_rules);
            out.entries.push_back({v.id, value, now.hours, now.points, now.activities, now.titles});
            best.push(value);
            if (best.size() > wanted) best.pop();
        };
        // The titled first: their titles are not in any walk's bound.
        for (const Special& special : specials()) {
            seen.insert(special.id);
            if (special.trueCur <= 0) continue;
            out.entries.push_back(special.entry);
            best.push(special.trueCur);
            if (best.size() > wanted) best.pop();
        }
        // The period's rows in the order of their value as plain rows
        // (c·hours + a·activities): each activities count's rows by hours,
        // merged best first.
        struct Lane {
            Statement st;
            double activities = 0;
            double head = 0;   // c·hours + a·activities of the row the lane stands on
        };
        std::vector<Lane> lanes;
        const std::string period = m_pp.current.code();
        for (const Bucket& b : buckets(period)) {
            const int k = b.activities;
            Lane lane{m_db.prepare(scoped() ? "SELECT person_id, hours, activities FROM board_unit_person_period"
                                              " WHERE unit_id = ?3 AND period = ?1 AND activities = ?2 ORDER BY hours DESC"
                                   : k < 0 ? "SELECT person_id, hours, activities FROM board_person_period"
                                             " INDEXED BY board_person_period_hours WHERE period = ?1 ORDER BY hours DESC"
                                           : "SELECT person_id, hours, activities FROM board_person_period"
                                             " INDEXED BY board_person_period_activities WHERE period = ?1"
                                             " AND activities = ?2 ORDER BY hours DESC")};
            lane.st.bind(1, period);
            if (k >= 0) lane.st.bind(2, k);
            if (scoped()) lane.st.bind(3, b.unit);
            lane.activities = std::max(k, 0);
            lanes.push_back(std::move(lane));
        }
        auto headBelow = [&](std::size_t a, std::size_t b) { return lanes[a].head < lanes[b].head; };
        std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(headBelow)> heads(headBelow);
        auto stepLane = [&](std::size_t i) {
            Lane& lane = lanes[i];
            if (!lane.st.step()) return;
            lane.head = m_perHour * lane.st.columnDouble(1) + m_perActivity * lane.activities;
            heads.push(i);
        };
        for (std::size_t i = 0; i < lanes.size(); ++i) stepLane(i);
        std::optional<RosterWalk> byRoster;
        if (m_rosterHistory) byRoster.emplace(m_db, m_scopeUnits);
        bool rosterMore = byRoster.has_value();
        double lastRoster = 0;
        for (;;) {
            for (int i = 0; i < 64 && !heads.empty(); ++i) {
                const std::size_t at = heads.top();
                heads.pop();
                Statement& st = lanes[at].st;
                const RowId id = st.columnInt(0);
                if (seen.insert(id).second && !m_notVolunteers.count(id)) {
                    VolunteerSums v;
                    v.id = id;
                    v.curHours = st.columnDouble(1);
                    v.curActivities = static_cast<int>(st.columnInt(2));
                    if (m_rosterHistory) v.rosterHours = rosterHoursOf(id);
                    add(v);
                }
                stepLane(at);
            }
            for (int i = 0; i < 64 && rosterMore; ++i) {
                rosterMore = byRoster->step();
                if (!rosterMore) break;
                lastRoster = byRoster->rosterHours();
                const RowId id = byRoster->person();
                if (!seen.insert(id).second || m_notVolunteers.count(id) || !byRoster->volunteer()) continue;
                add(sumsOf(id, false));
            }
            // Nobody unread is worth more than this: a row not read at most
            // the best head (no row: 0), roster history at most the last read.
            const double rowBound = heads.empty() ? 0.0 : std::max(lanes[heads.top()].head, 0.0);
            const double bound = rowBound + m_perHour * (rosterMore ? lastRoster : 0.0);
            if ((heads.empty() && !rosterMore) || (best.size() == wanted && best.top() > bound + 0.01)) break;
            if (out.entries.size() > kPagedCandidatesAtMost) return std::nullopt;
        }
        const std::optional<std::size_t> total = totalRows();
        if (!total) return std::nullopt;
        out.totalRows = *total;
        return out;
    }

    // The previous ranks of `people` (their previous values, > 0): 1 + the
    // number of volunteers worth more then, as ranksAmong counts them.
    std::optional<std::unordered_map<RowId, int>> previousRanks(const std::vector<RowId>& people) {
        std::unordered_map<RowId, int> out;
        if (!m_pp.previous) return out;
        std::vector<std::pair<double, RowId>> asked;   // previous value, person
        std::unordered_map<RowId, const Special*> special;
        for (const Special& s : specials()) special[s.id] = &s;
        for (RowId id : people) {
            const auto it = special.find(id);
            const double value = it != special.end() ? it->second->truePrev : valueOf(sumsOf(id, false, true), true);
            if (value > 0) asked.push_back({value, id});
        }
        std::sort(asked.begin(), asked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<double> values;
        for (const auto& entry : asked)
            if (values.empty() || values.back() != entry.first) values.push_back(entry.first);
        if (!values.empty() && values.front() > 1e6) return std::nullopt;   // 0.01 apart may be "the same"
        std::vector<std::int64_t> above = countAbove(m_pp.previous->code(), values, true);
        // The titled and the non-volunteers: counted above as plain rows, but worth otherwise.
        for (const Special& s : specials()) {
            if (s.plainPrev == s.truePrev) continue;   // counted right as a plain row (or not at all)
            for (std::size_t i = 0; i < values.size(); ++i) {
                const bool plainAbove = s.plainPrev > values[i] && !sameRankValue(s.plainPrev, values[i]);
                const bool trueAbove = s.truePrev > values[i] && !sameRankValue(s.truePrev, values[i]);
                above[i] += static_cast<int>(trueAbove) - static_cast<int>(plainAbove);
            }
        }
        for (const auto& [value, id] : asked) {
            const std::size_t i = static_cast<std::size_t>(
                std::lower_bound(values.begin(), values.end(), value, std::greater<>()) - values.begin());
            out[id] = 1 + static_cast<int>(above[i]);
        }
        return out;
    }

private:
    struct Sums : VolunteerSums {
        bool curItems = false, prevItems = false;   // a summary row exists
    };

    // One volunteer's sums from the summary rows (sought), her roster
    // history on the all-time board and, when `withTitles`, her titles.
    Sums sumsOf(RowId id, bool withTitles, bool previousToo = false) {
        Sums v;
        v.id = id;
        v.curItems = seekRow(m_pp.current.code(), id, v.curHours, v.curActivities);
        if ((previousToo || withTitles) && m_pp.previous)
            v.prevItems = seekRow(m_pp.previous->code(), id, v.prevHours, v.prevActivities);
        if (m_rosterHistory) v.rosterHours = rosterHoursOf(id);
        if (withTitles)
            if (const auto it = m_titlesOf.find(id); it != m_titlesOf.end()) {
                v.curTitles = it->second.first;
                v.prevTitles = it->second.second;
            }
        return v;
    }

    bool seekRow(const std::string& period, RowId id, double& hours, int& activities) {
        Statement& st = m_seekRow ? *m_seekRow
                                  : m_seekRow.emplace(m_db.prepare(
                                        "SELECT hours, activities FROM board_person_period WHERE period = ? AND person_id = ?"));
        st.reset();
        st.bind(1, period).bind(2, id);
        if (!st.step()) return false;
        hours = st.columnDouble(0);
        activities = static_cast<int>(st.columnInt(1));
        return true;
    }

    double rosterHoursOf(RowId id) {
        Statement& st = m_seekRoster ? *m_seekRoster
                                     : m_seekRoster.emplace(m_db.prepare("SELECT roster_hours FROM person WHERE id = ?"));
        st.reset();
        st.bind(1, id);
        return st.step() ? st.columnDouble(0) : 0;
    }

    // The board's value (the previous period's when `previous`), by core's rules.
    double valueOf(const VolunteerSums& v, bool previous) const {
        const Standing s = standingOf(v, previous ? *m_pp.previous : m_pp.current, previous, m_rules);
        return roundShown(m_query.metric == BoardMetric::Hours ? s.hours : s.points, m_query.metric);
    }

    // The people a summary row alone does not value: the titled and the
    // non-volunteers. Each with her values as a plain row's (what the walks
    // and counts assume: 0 without a row) and as the board values her.
    struct Special {
        RowId id = 0;
        double plainCur = 0, trueCur = 0, plainPrev = 0, truePrev = 0;
        RaceEntry entry;   // when trueCur > 0
    };
    const std::vector<Special>& specials() {
        if (m_specialsRead) return m_specials;
        m_specialsRead = true;
        std::vector<RowId> ids(m_notVolunteers.begin(), m_notVolunteers.end());
        for (const auto& entry : m_titlesOf)
            if (!m_notVolunteers.count(entry.first)) ids.push_back(entry.first);
        m_specials.reserve(ids.size());
        for (const RowId id : ids) {
            Special s;
            s.id = id;
            Sums v = sumsOf(id, false, true);
            const bool listed = v.curItems || (m_rosterHistory && v.rosterHours > 0);
            s.plainCur = listed ? valueOf(v, false) : 0;
            s.plainPrev = v.prevItems && m_pp.previous ? valueOf(v, true) : 0;
            if (!m_notVolunteers.count(id)) {
                if (const auto it = m_titlesOf.find(id); it != m_titlesOf.end()) {
                    v.curTitles = it->second.first;
                    v.prevTitles = it->second.second;
                }
                s.trueCur = valueOf(v, false);
                s.truePrev = m_pp.previous ? valueOf(v, true) : 0;
                if (s.trueCur > 0) {
                    const Standing now = standingOf(v, m_pp.current, false, m_rules);
                    s.entry = {id, s.trueCur, now.hours, now.points, now.activities, now.titles};
                }
            }
            m_specials.push_back(std::move(s));
        }
        return m_specials;
    }

    bool scoped() const { return !m_scopeUnits.empty(); }

    // A range of rows ordered by hours: one activities count of the district
    // (activities -1: every row, when activities are worth nothing), or of
    // one unit of the scope (always per activities count: 0041's key).
    struct Bucket {
        RowId unit = 0;
        int activities = -1;
    };

    // The period's buckets (one seek each).
    std::vector<Bucket> buckets(const std::string& period) {
        if (!scoped() && m_perActivity <= 0) return {Bucket{}};
        std::vector<Bucket> out;
        Statement st = m_db.prepare(
            scoped() ? "SELECT activities FROM board_unit_person_period"
                       " WHERE unit_id = ?3 AND period = ?1 AND activities > ?2 ORDER BY activities LIMIT 1"
                     : "SELECT activities FROM board_person_period INDEXED BY board_person_period_activities"
                       " WHERE period = ?1 AND activities > ?2 ORDER BY activities LIMIT 1");
        const std::vector<RowId> units = scoped() ? m_scopeUnits : std::vector<RowId>{0};
        for (const RowId unit : units) {
            std::int64_t after = std::numeric_limits<std::int64_t>::min();
            for (;;) {
                st.reset();
                st.bind(1, period).bind(2, after);
                if (scoped()) st.bind(3, unit);
                if (!st.step()) break;
                after = st.columnInt(0);
                out.push_back({unit, static_cast<int>(after)});
            }
        }
        return out;
    }

    // People with roster history, best first: the district's from
    // person_roster_hours, a scope's merged from each unit's range of
    // person_unit_roster_hours (0041). Not-volunteers come along (flagged).
    class RosterWalk {
    public:
        RosterWalk(Database& db, const std::vector<RowId>& units) {
            if (units.empty()) {
                m_lanes.push_back({db.prepare("SELECT id, roster_hours, is_volunteer FROM person INDEXED BY person_roster_hours"
                                              " WHERE roster_hours > 0 ORDER BY roster_hours DESC")});
            } else {
                for (const RowId unit : units) {
                    m_lanes.push_back({db.prepare("SELECT id, roster_hours, is_volunteer FROM person INDEXED BY person_unit_roster_hours"
                                                  " WHERE unit_id = ?1 AND roster_hours > 0 ORDER BY roster_hours DESC")});
                    m_lanes.back().bind(1, unit);
                }
            }
            for (std::size_t i = 0; i < m_lanes.size(); ++i)
                if (m_lanes[i].step()) m_heads.push({m_lanes[i].columnDouble(1), i});
        }
        // Moves to the next person (false: none left).
        bool step() {
            if (m_heads.empty()) return false;
            const std::size_t at = m_heads.top().second;
            m_heads.pop();
            Statement& st = m_lanes[at];
            m_person = st.columnInt(0);
            m_rosterHours = st.columnDouble(1);
            m_volunteer = st.columnInt(2) == 1;
            if (st.step()) m_heads.push({st.columnDouble(1), at});
            return true;
        }
        RowId person() const { return m_person; }
        double rosterHours() const { return m_rosterHours; }
        bool volunteer() const { return m_volunteer; }

    private:
        std::vector<Statement> m_lanes;
        std::priority_queue<std::pair<double, std::size_t>> m_heads;   // best roster hours first
        RowId m_person = 0;
        double m_rosterHours = 0;
        bool m_volunteer = false;
    };

    // For each of `values` (best first, distinct): the summary rows of
    // `period` whose value as a plain volunteer's (no titles; roster history
    // on the all-time board is not asked here) is above it and not the same.
    std::vector<std::int64_t> countAbove(const std::string& period, const std::vector<double>& values, bool previous) {
        if (scoped()) return countAboveByWalk(period, values, previous);
        std::vector<std::int64_t> out(values.size(), 0);
        const bool byActivities = m_perActivity > 0;
        // ?2 the activities count (by activities or scoped), else unused; ?3/?4 the hours range; ?5 the unit.
        Statement count = m_db.prepare(
            scoped() ? "SELECT count(*) FROM board_unit_person_period"
                       " WHERE unit_id = ?5 AND period = ?1 AND activities = ?2 AND hours > ?3 AND hours <= ?4"
            : byActivities ? "SELECT count(*) FROM board_person_period INDEXED BY board_person_period_activities"
                             " WHERE period = ?1 AND activities = ?2 AND hours > ?3 AND hours <= ?4"
                           : "SELECT count(*) FROM board_person_period INDEXED BY board_person_period_hours"
                             " WHERE period = ?1 AND hours > ?3 AND hours <= ?4");
        Statement band = m_db.prepare(
            scoped() ? "SELECT hours FROM board_unit_person_period"
                       " WHERE unit_id = ?5 AND period = ?1 AND activities = ?2 AND hours >= ?3 AND hours <= ?4"
            : byActivities ? "SELECT hours FROM board_person_period INDEXED BY board_person_period_activities"
                             " WHERE period = ?1 AND activities = ?2 AND hours >= ?3 AND hours <= ?4"
                           : "SELECT hours FROM board_person_period INDEXED BY board_person_period_hours"
                             " WHERE period = ?1 AND hours >= ?3 AND hours <= ?4");
        Statement top = m_db.prepare(
            scoped() ? "SELECT max(hours) FROM board_unit_person_period WHERE unit_id = ?5 AND period = ?1 AND activities = ?2"
            : byActivities ? "SELECT max(hours) FROM board_person_period WHERE period = ?1 AND activities = ?2"
                           : "SELECT max(hours) FROM board_person_period INDEXED BY board_person_period_hours WHERE period = ?1");
        auto bindBucket = [&](Statement& st, const Bucket& b) {
            st.reset();
            st.bind(1, period);
            if (b.activities >= 0) st.bind(2, b.activities);
            if (scoped()) st.bind(5, b.unit);
        };
        constexpr double kAbove = 0.0075, kMaybe = 0.0025;   // rounding to 0.01 moves a value by ≤ 0.005
        for (const Bucket& bucket : buckets(period)) {
            const int k = bucket.activities;
            const double fromActivities = m_perActivity * std::max(k, 0);
            bindBucket(top, bucket);
            if (!top.step() || top.columnIsNull(0)) continue;
            const double highest = top.columnDouble(0);
            std::int64_t surely = 0;                 // rows of this bucket surely above the value asked last
            double upper = std::numeric_limits<double>::max();
            for (std::size_t i = 0; i < values.size(); ++i) {
                const double surelyFrom = (values[i] + kAbove - fromActivities) / m_perHour;
                const double maybeFrom = (values[i] + kMaybe - fromActivities) / m_perHour;
                if (maybeFrom > highest) continue;   // nobody of this bucket reaches it
                bindBucket(count, bucket);
                count.bind(3, surelyFrom).bind(4, upper);
                if (count.step()) surely += count.columnInt(0);
                upper = surelyFrom;
                std::int64_t near = 0;
                bindBucket(band, bucket);
                band.bind(3, maybeFrom).bind(4, surelyFrom);
                while (band.step()) {
                    VolunteerSums v;
                    (previous ? v.prevHours : v.curHours) = band.columnDouble(0);
                    (previous ? v.prevActivities : v.curActivities) = std::max(k, 0);
                    const double value = valueOf(v, previous);
                    if (value > values[i] && !sameRankValue(value, values[i])) ++near;
                }
                out[i] += surely + near;
            }
        }
        return out;
    }

    // countAbove for a scope: its units' rows down to the lowest value asked,
    // each valued by the rule. A street has ~400 (unit, activities count)
    // ranges: a count and a band per range and value (the district's way)
    // cost more than reading the rows above the page's previous ranks.
    std::vector<std::int64_t> countAboveByWalk(const std::string& period, const std::vector<double>& values, bool previous) {
        std::vector<std::int64_t> out(values.size(), 0);
        if (values.empty()) return out;
        std::vector<std::int64_t> from(values.size() + 1, 0);   // rows above values[j] and every later (lower) one
        Statement rows = m_db.prepare("SELECT hours FROM board_unit_person_period"
                                      " WHERE unit_id = ?1 AND period = ?2 AND activities = ?3 AND hours >= ?4 ORDER BY hours DESC");
        constexpr double kRounding = 0.01;   // a value rounds to 0.01: rows below lowest - this never rank above it
        for (const Bucket& b : buckets(period)) {
            rows.reset();
            rows.bind(1, b.unit).bind(2, period).bind(3, b.activities)
                .bind(4, (values.back() - kRounding - m_perActivity * b.activities) / m_perHour);
            while (rows.step()) {
                VolunteerSums v;
                (previous ? v.prevHours : v.curHours) = rows.columnDouble(0);
                (previous ? v.prevActivities : v.curActivities) = b.activities;
                const double value = valueOf(v, previous);
                std::size_t j = static_cast<std::size_t>(
                    std::upper_bound(values.begin(), values.end(), value, std::greater<>()) - values.begin());
                while (j < values.size() && sameRankValue(value, values[j])) ++j;
                ++from[j];
            }
        }
        std::int64_t running = 0;
        for (std::size_t i = 0; i < values.size(); ++i) out[i] = running += from[i];
        return out;
    }

    // The board's size: volunteers worth more than 0 in the period.
    std::optional<std::size_t> totalRows() {
        if (scoped()) return scopedTotalRows();
        const std::string period = m_pp.current.code();
        std::int64_t total = 0;
        {
            // unit_period_hours (0030) counts each period's rows per unit,
            // quarters excepted: a few hundred rows instead of the period's.
            const bool quarter = m_pp.current.kind == PeriodKind::Quarter;
            Statement st = m_db.prepare(
                quarter ? "SELECT count(*) FROM board_person_period INDEXED BY board_person_period_hours WHERE period = ?"
                        : "SELECT coalesce(sum(people), 0) FROM unit_period_hours WHERE period = ?");
            st.bind(1, period);
            if (st.step()) total = st.columnInt(0);
        }
        // Rows that may be worth 0 (hours below what rounds to a hundredth),
        // valued one by one as plain volunteers' (with their roster history).
        const double surely = 0.0075 / m_perHour;
        {
            Statement st = m_db.prepare(
                "SELECT person_id, hours, activities FROM board_person_period INDEXED BY board_person_period_hours"
                " WHERE period = ? AND hours < ?");
            st.bind(1, period).bind(2, surely);
            while (st.step()) {
                VolunteerSums v;
                v.id = st.columnInt(0);
                v.curHours = st.columnDouble(1);
                v.curActivities = static_cast<int>(st.columnInt(2));
                if (m_rosterHistory) v.rosterHours = rosterHoursOf(v.id);
                if (valueOf(v, false) <= 0) --total;
            }
        }
        // The all-time board: roster history without a dated row.
        if (m_rosterHistory) {
            // Kept by 0037's triggers: counting them here read every person
            // with roster history (~100k at 1M, ~90 ms) on every page.
            Statement st = m_db.prepare("SELECT people FROM board_roster_only WHERE id = 1");
            if (st.step()) total += st.columnInt(0);
            // Those below what rounds to a hundredth are valued one by one:
            // out of the count, back in if worth something.
            Statement low = m_db.prepare(
                "SELECT roster_hours FROM person INDEXED BY person_roster_hours WHERE roster_hours > 0 AND roster_hours < ?1"
                " AND NOT EXISTS (SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = person.id)");
            low.bind(1, surely);
            while (low.step()) {
                VolunteerSums v;
                v.rosterHours = low.columnDouble(0);
                if (valueOf(v, false) <= 0) --total;
            }
        }
        // The titled and the non-volunteers, counted above as plain people.
        for (const Special& s : specials())
            total += static_cast<int>(s.trueCur > 0) - static_cast<int>(s.plainCur > 0);
        if (total < 0) return std::nullopt;
        return static_cast<std::size_t>(total);
    }

    // A scope's board size: its volunteers' rows per unit (0037's
    // unit_volunteer_period, volunteers only), less the rows worth 0, plus
    // (all-time) its volunteers with roster history and no dated row, each
    // valued; the titled corrected as in the district.
    std::optional<std::size_t> scopedTotalRows() {
        const std::string period = m_pp.current.code();
        std::int64_t total = 0;
        Statement people = m_db.prepare("SELECT people FROM unit_volunteer_period WHERE period = ?1 AND unit_id = ?2");
        for (const RowId unit : m_scopeUnits) {
            people.reset();
            people.bind(1, period).bind(2, unit);
            if (people.step()) total += people.columnInt(0);
        }
        const double surely = 0.0075 / m_perHour;
        Statement low = m_db.prepare("SELECT person_id, hours, activities FROM board_unit_person_period"
                                     " WHERE unit_id = ?1 AND period = ?2 AND activities = ?3 AND hours < ?4");
        for (const Bucket& b : buckets(period)) {
            low.reset();
            low.bind(1, b.unit).bind(2, period).bind(3, b.activities).bind(4, surely);
            while (low.step()) {
                VolunteerSums v;
                v.id = low.columnInt(0);
                v.curHours = low.columnDouble(1);
                v.curActivities = static_cast<int>(low.columnInt(2));
                if (m_rosterHistory) v.rosterHours = rosterHoursOf(v.id);
                if (valueOf(v, false) <= 0) --total;
            }
        }
        if (m_rosterHistory) {
            Statement rosterOnly = m_db.prepare(
                "SELECT roster_hours FROM person INDEXED BY person_unit_roster_hours"
                " WHERE unit_id = ?1 AND roster_hours > 0 AND is_volunteer = 1"
                " AND NOT EXISTS (SELECT 1 FROM board_person_period b WHERE b.period = 'all' AND b.person_id = person.id)");
            for (const RowId unit : m_scopeUnits) {
                rosterOnly.reset();
                rosterOnly.bind(1, unit);
                while (rosterOnly.step()) {
                    VolunteerSums v;
                    v.rosterHours = rosterOnly.columnDouble(0);
                    if (valueOf(v, false) > 0) ++total;
                }
            }
        }
        for (const Special& s : specials())
            total += static_cast<int>(s.trueCur > 0) - static_cast<int>(s.plainCur > 0);
        if (total < 0) return std::nullopt;
        return static_cast<std::size_t>(total);
    }

    Database& m_db;
    const PeriodPair& m_pp;
    const BoardQuery& m_query;
    const PointsRules& m_rules;
    const PersonTitles& m_titlesOf;
    const std::unordered_set<RowId>& m_notVolunteers;
    const std::vector<RowId>& m_scopeUnits;
    bool m_rosterHistory;
    double m_perHour, m_perActivity;
    std::optional<Statement> m_seekRow, m_seekRoster;
    bool m_specialsRead = false;
    std::vector<Special> m_specials;
};

// The volunteers board from the summaries, ranked exactly as rankItems ranks
// (value, then name among equal values, then person id; competition ranks;
// movement against the previous period's ranks) but holding only numbers per
// volunteer: names are read for the rows kept (query.rowLimit) and for the
// runs of equal values that reach into them, whose order is by name.
void volunteerBoard(Database& db, const PeriodPair& pp, RowId scope, const std::vector<RowId>& scopeUnits, bool scopedPages,
                    const BoardQuery& query, const PointsRules& rules, const std::vector<double>& thresholds,
                    BoardResult& result) {
    std::vector<RaceEntry> entries;                 // person id order (the paged race: any order)
    std::vector<std::pair<double, RowId>> before;   // previous period's values > 0, person id order
    auto walkEveryone = [&](bool keepEntries) {
        forEachBoardVolunteer(db, pp, scope, [&](const VolunteerSums& v) {
            const Standing now = standingOf(v, pp.current, false, rules);
            const double value = roundShown(query.metric == BoardMetric::Hours ? now.hours : now.points, query.metric);
            if (pp.previous) {
                const Standing then = standingOf(v, *pp.previous, true, rules);
                const double prevValue =
                    roundShown(query.metric == BoardMetric::Hours ? then.hours : then.points, query.metric);
                if (prevValue > 0) before.push_back({prevValue, v.id});
            }
            if (value <= 0 || !keepEntries) return;   // nothing to count in the period: not in this race
            entries.push_back({v.id, value, now.hours, now.points, now.activities, now.titles});
        });
    };
    // A page of the district's board: only the rows that can reach it (PagedBoard).
    PersonTitles pagedTitles;
    std::unordered_set<RowId> notVolunteers;
    std::optional<PagedBoard> paged;
    if (query.rowLimit > 0 && query.rowLimit <= kPagedRowsAtMost && (scope == 0 || scopedPages)) {
        pagedTitles = personTitles(db, pp);
        if (scope == 0) {
            // LIMIT: a server's result is fetched whole before the first row.
            Statement st = db.prepare("SELECT id FROM person INDEXED BY person_not_volunteer WHERE is_volunteer = 0 LIMIT ?");
            st.bind(1, static_cast<std::int64_t>(kPagedNotVolunteersAtMost + 1));
            while (st.step()) notVolunteers.insert(st.columnInt(0));
        } else {
            // A scope's summary holds its volunteers only: keep the titled of them.
            const std::unordered_set<RowId> units(scopeUnits.begin(), scopeUnits.end());
            Statement st = db.prepare("SELECT unit_id FROM person WHERE id = ? AND is_volunteer = 1");
            for (auto it = pagedTitles.begin(); it != pagedTitles.end();) {
                st.reset();
                st.bind(1, it->first);
                const bool inScope = st.step() && !st.columnIsNull(0) && units.count(st.columnInt(0));
                it = inScope ? std::next(it) : pagedTitles.erase(it);
            }
        }
        paged.emplace(db, pp, query, rules, pagedTitles, notVolunteers, scope == 0 ? kNoUnits : scopeUnits);
        std::optional<PagedRace> race;
        if (paged->usable()) race = paged->race(query.rowLimit);
        if (race) {
            entries = std::move(race->entries);
            result.totalRows = race->totalRows;
            // The stable sort below keeps person order among equal values, as the whole board does.
            std::sort(entries.begin(), entries.end(), [](const RaceEntry& a, const RaceEntry& b) { return a.id < b.id; });
        } else {
            paged.reset();
        }
    }
    if (!paged) {
        walkEveryone(true);
        result.totalRows = entries.size();
    }

    // The rows kept need only what ranks above them: select the best
    // `shown` values (and every value equal to the last of them) instead of
    // sorting a city's board, then sort those as the whole board would be
    // sorted (value, stable in person order).
    const std::size_t shown = query.rowLimit == 0 ? entries.size() : std::min(query.rowLimit, entries.size());
    std::vector<std::uint32_t> order(entries.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    auto better = [&](std::uint32_t a, std::uint32_t b) { return entries[a].value > entries[b].value; };
    if (shown > 0 && shown < order.size()) {
        std::nth_element(order.begin(), order.begin() + static_cast<long>(shown - 1), order.end(), better);
        const double last = entries[order[shown - 1]].value;
        // Everything that may share a rank with the last row kept (sameRankValue) comes along.
        order.erase(std::remove_if(order.begin(), order.end(),
                                   [&](std::uint32_t i) {
                                       return entries[i].value < last && !sameRankValue(entries[i].value, last);
                                   }),
                    order.end());
        std::sort(order.begin(), order.end());   // person order again, for the stable sort below
    }
    std::stable_sort(order.begin(), order.end(), better);
    std::vector<int> ranks;
    {
        std::vector<double> sorted;
        sorted.reserve(order.size());
        for (std::uint32_t i : order) sorted.push_back(entries[i].value);
        ranks = competitionRanks(sorted);
    }
    // Runs of equal values are shown by name: read the names of every run
    // that reaches into the rows kept, then order those runs.
    std::size_t named = shown;
    while (named > 0 && named < order.size() && ranks[named] == ranks[shown - 1]) ++named;
    struct Shown { std::string name, unit; double rosterHours = 0; };
    std::unordered_map<RowId, Shown> names;
    names.reserve(named);
    if (named <= kNameSeeksAtMost) {
        Statement st = db.prepare(kShownNameSql);
        for (std::size_t k = 0; k < named; ++k) {
            st.reset();
            st.bind(1, entries[order[k]].id);
            if (st.step()) names[entries[order[k]].id] = {st.columnText(0), st.columnText(1), st.columnDouble(2)};
        }
    } else {
        // Most of the board (the command line's, an export's): one pass over
        // the people in id order costs less than a seek per row.
        std::vector<RowId> wanted;
        wanted.reserve(named);
        for (std::size_t k = 0; k < named; ++k) wanted.push_back(entries[order[k]].id);
        std::sort(wanted.begin(), wanted.end());
        // Bounded by the ids wanted: a server's result is fetched whole before the first row.
        Statement st = db.prepare(kAllNamesSql);
        st.bind(1, wanted.front()).bind(2, wanted.back());
        std::size_t w = 0;
        while (w < wanted.size() && st.step()) {
            const RowId id = st.columnInt(0);
            while (w < wanted.size() && wanted[w] < id) ++w;
            if (w < wanted.size() && wanted[w] == id) names[id] = {st.columnText(1), st.columnText(2), st.columnDouble(3)};
        }
    }
    for (std::size_t start = 0; start < named;) {
        std::size_t end = start + 1;
        while (end < named && ranks[end] == ranks[start]) ++end;
        if (end - start > 1)
            std::stable_sort(order.begin() + static_cast<long>(start), order.begin() + static_cast<long>(end),
                             [&](std::uint32_t a, std::uint32_t b) {
                                 return names[entries[a].id].name < names[entries[b].id].name;
                             });
        start = end;
    }
    // The previous ranks of the rows kept, counted in one pass over the
    // previous values (ranksAmong) instead of sorting them.
    std::unordered_map<RowId, int> previousRank;
    std::optional<std::unordered_map<RowId, int>> counted;
    if (pp.previous && paged) {
        std::vector<RowId> kept;
        kept.reserve(shown);
        for (std::size_t k = 0; k < shown; ++k) kept.push_back(entries[order[k]].id);
        counted = paged->previousRanks(kept);
        if (counted) previousRank = std::move(*counted);
        else walkEveryone(false);   // values too large to count by margins: rank them all
    }
    if (pp.previous && !counted) {
        std::unordered_map<RowId, double> keptBefore;   // person → her previous value
        keptBefore.reserve(shown);
        {
            std::unordered_set<RowId> kept;
            kept.reserve(shown);
            for (std::size_t k = 0; k < shown; ++k) kept.insert(entries[order[k]].id);
            for (const auto& [value, id] : before)
                if (kept.count(id)) keptBefore[id] = value;
        }
        std::vector<RowId> ids;
        std::vector<double> asked;
        for (const auto& [id, value] : keptBefore) {
            ids.push_back(id);
            asked.push_back(value);
        }
        std::vector<double> values;
        values.reserve(before.size());
        for (const auto& entry : before) values.push_back(entry.first);
        const std::vector<int> thenRanks = ranksAmong(values, asked);
        for (std::size_t k = 0; k < ids.size(); ++k) previousRank[ids[k]] = thenRanks[k];
    }
    // The all-time dated hours behind the stars of the rows kept: a seek
    // each for a page, one walk of the 'all' summary for most of the board.
    std::unordered_map<RowId, double> datedHours;
    datedHours.reserve(shown);
    if (shown <= kNameSeeksAtMost) {
        Statement st = db.prepare(kAllHoursSql);
        for (std::size_t k = 0; k < shown; ++k) {
            st.reset();
            st.bind(1, entries[order[k]].id);
            if (st.step()) datedHours[entries[order[k]].id] = st.columnDouble(0);
        }
    } else {
        std::vector<RowId> wanted;
        wanted.reserve(shown);
        for (std::size_t k = 0; k < shown; ++k) wanted.push_back(entries[order[k]].id);
        std::sort(wanted.begin(), wanted.end());
        SummaryWalk all(db, Period::allTime().code());
        for (RowId id : wanted) {
            while (all.more() && all.person() < id) all.advance();
            if (all.more() && all.person() == id) datedHours[id] = all.hours();
        }
    }
    result.rows.reserve(shown);
    for (std::size_t k = 0; k < shown; ++k) {
        const RaceEntry& e = entries[order[k]];
        const auto dated = datedHours.find(e.id);
        BoardRow row;
        row.id = e.id;
        const Shown& person = names[e.id];
        row.name = person.name;
        row.unit = person.unit;
        row.value = e.value;
        row.hours = e.hours;
        row.points = e.points;
        row.activities = e.activities;
        row.titles = e.titles;
        row.cumulativeHours = (dated != datedHours.end() ? dated->second : 0) + person.rosterHours;
        row.stars = starsForHours(row.cumulativeHours, thresholds);
        row.rank = ranks[k];
        if (pp.previous) {
            const auto it = previousRank.find(e.id);
            const std::optional<int> then = it == previousRank.end() ? std::nullopt : std::optional<int>(it->second);
            row.isNew = !then;
            row.movementDelta = then ? *then - row.rank : 0;
            row.movement = movementText(then, row.rank);
        }
        result.rows.push_back(std::move(row));
    }
}

} // namespace

// ============================================================ [SECTION] Boards

Aggregates::Aggregates(Storage& storage) : m_storage(storage) {}

PointsRules Aggregates::pointsRules(std::vector<std::string>* problems) {
    std::map<std::string, std::string> settings;
    Statement st = m_storage.db().prepare("SELECT key, value FROM setting WHERE key LIKE 'points.%'");
    while (st.step()) settings.emplace(st.columnText(0), st.columnText(1));
    return pointsRulesFromSettings(settings, problems);
}

std::vector<double> Aggregates::starThresholds() {
    return parseStarThresholds(m_storage.setting("stars.thresholds", kDefaultStarThresholds));
}

ScopeResolution Aggregates::resolveScope(std::string_view name) {
    ScopeResolution r;
    const std::vector<std::string> path = splitScopePath(std::string(name));
    if (path.empty()) {
        r.error = "范围（--scope）不能为空，请写单位名称，例如：江滨街道。";
        return r;
    }
    const UnitTree tree(m_storage);
    std::vector<const OrgUnit*> found;
    for (const OrgUnit& u : tree.units()) {
        if (u.name != path.back()) continue;
        // Earlier parts of the path must name the ancestors, nearest last.
        bool matches = true;
        RowId ancestor = u.parentId;
        for (std::size_t k = path.size() - 1; k-- > 0 && matches;) {
            while (ancestor != 0 && tree.nameOf(ancestor) != path[k]) {
                const OrgUnit* a = tree.find(ancestor);
                ancestor = a ? a->parentId : 0;
            }
            if (ancestor == 0) matches = false;
            else if (const OrgUnit* a = tree.find(ancestor)) ancestor = a->parentId;
        }
        if (matches) found.push_back(&u);
    }
    const std::string shown(trim(name));
    if (found.empty()) {
        std::string streets;
        int listed = 0;
        for (const OrgUnit& u : tree.units())
            if (isStreetKind(u.kind) && listed < 8) streets += (listed++ ? "、" : "") + u.name;
        r.error = "没有名为“" + shown + "”的单位。";
        if (!streets.empty())
            r.error += "可用的" + tierKindsText(UnitTier::Street) + "有：" + streets + "（社区名同样可用）。";
        return r;
    }
    if (found.size() > 1) {
        std::string candidates;
        for (std::size_t i = 0; i < found.size(); ++i)
            candidates += (i ? "、" : "") + tree.parentNameOf(found[i]->id) + "/" + found[i]->name;
        r.error = "有" + std::to_string(found.size()) + "个单位都叫“" + shown + "”：" + candidates +
                  "。请连同上级写明，例如 --scope " + tree.parentNameOf(found[0]->id) + "/" + found[0]->name + "。";
        return r;
    }
    r.unitId = found.front()->id;
    r.unitName = found.front()->name;
    r.unitKind = found.front()->kind;
    return r;
}

BoardResult Aggregates::board(const BoardQuery& query) {
    if (!boardOffers(query.board, query.metric)) {
        std::string offered;
        for (BoardMetric m : metricsOf(query.board))
            offered += std::string(offered.empty() ? "" : "、") + metricLabel(m) + "（" + metricCode(m) + "）";
        throw std::invalid_argument(std::string(boardLabel(query.board)) + "没有“" + metricLabel(query.metric) +
                                    "”这一指标，可用：" + offered + "。");
    }
    Database& db = m_storage.db();
    const UnitTree tree(m_storage);
    BoardResult result;
    result.query = query;

    // The sole root as scope is the whole district (volunteers without a unit included).
    RowId scope = query.scopeUnitId;
    if (scope != 0 && scope == tree.soleRoot()) scope = 0;
    if (scope != 0 && !tree.find(scope)) throw std::invalid_argument("所选范围的单位已不存在。");
    result.scopeName = scope != 0 ? tree.nameOf(scope) : tree.soleRoot() != 0 ? tree.nameOf(tree.soleRoot()) : "全部";
    if (query.board == Board::Streets && scope != 0 && !isStreetKind(tree.find(scope)->kind))
        throw std::invalid_argument("街道榜只能按全区或某个" + tierKindsText(UnitTier::Street) + "查看，“" + tree.nameOf(scope) +
                                    "”不是" + tierKindsText(UnitTier::Street) + "。");

    const PeriodPair pp(query.period, query.today.year != 0 ? query.today : computerToday());
    result.hasPrevious = pp.hasPrevious;
    const PointsRules rules = pointsRules(&result.problems);
    std::vector<RankItem> current, previous;

    // ---------------------------------------------------------------- volunteers
    if (query.board == Board::Volunteers) {
        const std::vector<double> thresholds = starThresholds();
        if (!m_fromBaseTables) {
            volunteerBoard(db, pp, scope, scope != 0 ? tree.subtree(scope) : kNoUnits, m_scopedPages, query, rules,
                           thresholds, result);
            return result;
        }
        for (const VolunteerSums& v : volunteerSums(db, pp, scope)) {
            const Standing now = standingOf(v, pp.current, false, rules);
            const double value = roundShown(query.metric == BoardMetric::Hours ? now.hours : now.points, query.metric);
            if (pp.previous) {
                const Standing before = standingOf(v, *pp.previous, true, rules);
                const double prevValue =
                    roundShown(query.metric == BoardMetric::Hours ? before.hours : before.points, query.metric);
                if (prevValue > 0) previous.push_back({v.id, v.name, prevValue, {}});
            }
            if (value <= 0) continue;   // nothing to count in the period: not in this race
            BoardRow row;
            row.id = v.id;
            row.name = v.name;
            row.unit = v.unitName;
            row.value = value;
            row.hours = now.hours;
            row.points = now.points;
            row.activities = now.activities;
            row.titles = now.titles;
            row.cumulativeHours = v.allHours + v.rosterHours;
            row.stars = starsForHours(row.cumulativeHours, thresholds);
            current.push_back({v.id, v.name, value, {}});
            result.rows.push_back(std::move(row));
        }
        assignRanks(result.rows, current, pp.previous ? &previous : nullptr);
        keepFirstRows(result, query.rowLimit);
        return result;
    }

    // ---------------------------------------------------------------- posts
    if (query.board == Board::Posts) {
        struct PostFacts {
            int curLevel = -1, prevLevel = -1;   // titleLevelRank of the highest level held
            double curPoints = 0, prevPoints = 0;   // that title's catalogue points
            std::optional<double> curScore, prevScore;
        };
        // The highest level held wins; two titles of that level (renamed
        // catalogue entries), the one worth more.
        auto hold = [](int& level, double& points, int titleLevel, double titlePoints) {
            if (titleLevel > level || (titleLevel == level && titlePoints > points)) {
                level = titleLevel;
                points = titlePoints;
            }
        };
        std::unordered_map<RowId, PostFacts> facts;
        Statement held = db.prepare(withWords(R"(
            SELECT a.post_id, t.level, a.year, t.points FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE a.post_id IS NOT NULL AND a.status IN {held})"));
        while (held.step()) {
            PostFacts& f = facts[held.columnInt(0)];
            const int level = titleLevelRank(held.columnText(1));
            const int year = static_cast<int>(held.columnInt(2));
            const double points = held.columnDouble(3);
            if (year <= pp.curEndYear) hold(f.curLevel, f.curPoints, level, points);
            if (pp.hasPrevious && year <= pp.prevEndYear) hold(f.prevLevel, f.prevPoints, level, points);
        }
        // Assessments in date order: the last one before a period ends is its score.
        Statement scores = db.prepare(R"(
            SELECT a.post_id, e.happened_on, e.score FROM award_event e JOIN award a ON a.id = e.award_id
            WHERE a.post_id IS NOT NULL AND e.score IS NOT NULL ORDER BY e.happened_on, e.id)");
        while (scores.step()) {
            PostFacts& f = facts[scores.columnInt(0)];
            const std::string on = scores.columnText(1);
            if (on < pp.curAfter) f.curScore = scores.columnDouble(2);
            if (pp.hasPrevious && on < pp.prevAfter) f.prevScore = scores.columnDouble(2);
        }
        std::unordered_set<RowId> inScope;
        if (scope == 0)
            for (const OrgUnit& u : tree.units()) inScope.insert(u.id);
        else
            inScope.insert(tree.subtree(scope).begin(), tree.subtree(scope).end());
        Statement posts = db.prepare(
            withWords("SELECT id, work_unit || name, coalesce(unit_id, 0) FROM post WHERE kind_id = {post_kind} ORDER BY id"));
        auto valueOf = [&](int level, double points, const std::optional<double>& score) -> std::optional<double> {
            if (query.metric == BoardMetric::Score) return score;
            if (level < 0) return std::nullopt;
            return points;
        };
        while (posts.step()) {
            const RowId id = posts.columnInt(0);
            const RowId unit = posts.columnInt(2);
            if (scope != 0 && !inScope.count(unit)) continue;
            const std::string name = posts.columnText(1);
            const auto it = facts.find(id);
            if (it == facts.end()) continue;
            const PostFacts& f = it->second;
            if (const auto prev = valueOf(f.prevLevel, f.prevPoints, f.prevScore); pp.hasPrevious && prev)
                previous.push_back({id, name, roundShown(*prev, query.metric), {}});
            const auto now = valueOf(f.curLevel, f.curPoints, f.curScore);
            if (!now) continue;   // holds no title yet (points) or never assessed (score)
            BoardRow row;
            row.id = id;
            row.name = name;
            row.unit = tree.nameOf(unit);
            row.value = roundShown(*now, query.metric);
            row.level = f.curLevel >= 0 ? kTitleLevels[static_cast<std::size_t>(f.curLevel)] : "";
            row.score = f.curScore;
            row.points = f.curLevel >= 0 ? f.curPoints : 0;
            current.push_back({id, name, row.value, {}});
            result.rows.push_back(std::move(row));
        }
        assignRanks(result.rows, current, pp.previous ? &previous : nullptr);
        keepFirstRows(result, query.rowLimit);
        return result;
    }

    // ---------------------------------------------------------------- communities and streets
    // Own figures per unit (unit_board.hpp), then rolled up and ranked there.
    const UnitBoardPeriods periods(query.period, query.today.year != 0 ? query.today : computerToday());
    if (!m_fromBaseTables) {
        rankUnitBoard(tree, scope, query, unitFiguresFromSummaries(db, query, periods, rules), pp.hasPrevious, result);
        return result;
    }
    // The definition, from the base tables.
    UnitFigures f;
    if (query.metric == BoardMetric::Rate) {
        // Distinct households per unit holding the rate title at any level on
        // each period's last day, by the rule itself over the events;
        // "+title_id" keeps the planner on the covering index
        // award_unit_title (grouped by unit already) instead of a title index
        // plus table reads.
        Statement st = db.prepare(withWords(R"(
            SELECT a.unit_id,
                   count(DISTINCT CASE WHEN a.id IN )" + sqlTitlesHeldOn(db.dialect(), "?1") + R"( THEN a.family_id END),
                   count(DISTINCT CASE WHEN a.id IN )" + sqlTitlesHeldOn(db.dialect(), "?2") + R"( THEN a.family_id END)
            FROM award a
            WHERE +a.title_id IN (SELECT id FROM award_title WHERE name = ?3 AND subject_kind = 'family')
              AND a.status IN {held} AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL
            GROUP BY a.unit_id)"));
        st.bind(1, pp.curHeldOn).bind(2, pp.prevHeldOn).bind(3, query.rateTitle);
        while (st.step()) {
            f.curNum[st.columnInt(0)] = st.columnDouble(1);
            f.prevNum[st.columnInt(0)] = st.columnDouble(2);
        }
    } else if (query.metric == BoardMetric::Titles) {
        // Titles named in the period (see kPersonTitlesSql for the naming date).
        Statement st = db.prepare(withWords(R"(
            SELECT x.unit_id, sum(CAST(x.named_on >= ?1 AND x.named_on < ?2 AS integer)), sum(CAST(x.named_on >= ?3 AND x.named_on < ?4 AS integer))
            FROM (SELECT a.unit_id, coalesce(e.named_on, a.year || '-12-31') AS named_on
                  FROM award a
                  LEFT JOIN (SELECT award_id, max(happened_on) AS named_on FROM award_event
                             WHERE status = {named} GROUP BY award_id) e ON e.award_id = a.id
                  WHERE a.unit_id IS NOT NULL AND a.status IN {held}) x
            GROUP BY x.unit_id)"));
        st.bind(1, pp.curFirst).bind(2, pp.curAfter).bind(3, pp.prevFirst).bind(4, pp.prevAfter);
        while (st.step()) {
            f.curTitles[st.columnInt(0)] = st.columnDouble(1);
            f.prevTitles[st.columnInt(0)] = st.columnDouble(2);
        }
    } else {
        // Points and hours of the volunteers, summed where they are registered.
        forEachVolunteer(db, pp, scope, [&](const VolunteerSums& v) {
            if (v.unitId == 0) return;
            const Standing now = standingOf(v, pp.current, false, rules);
            f.curHours[v.unitId] += now.hours;
            f.curPoints[v.unitId] += now.points;
            if (pp.previous) {
                const Standing before = standingOf(v, *pp.previous, true, rules);
                f.prevHours[v.unitId] += before.hours;
                f.prevPoints[v.unitId] += before.points;
            }
        });
    }
    rankUnitBoard(tree, scope, query, f, pp.hasPrevious, result);
    return result;
}

// ============================================================ [SECTION] Targets

namespace {

struct TargetRow {
    Target target;
    std::string titleName, titleLevel, titleKind;
};

// Own figures per unit, for one kind of count.
using PerUnit = std::unordered_map<RowId, double>;

} // namespace

TargetsReport Aggregates::targets(int year, const Date& today, RowId childrenOf) {
    Database& db = m_storage.db();
    const UnitTree tree(m_storage);
    TargetsReport report;
    report.year = year;
    report.today = formatDate(today);
    const std::string first = Period::ofYear(year).firstDay();
    const std::string after = Period::ofYear(year).dayAfter();

    std::vector<TargetRow> rows;
    {
        Statement st = db.prepare(R"(
            SELECT tg.id, tg.unit_id, tg.metric, coalesce(tg.title_id, 0), coalesce(tg.indicator, ''), tg.goal, tg.note,
                   coalesce(t.name, ''), coalesce(t.level, ''), coalesce(t.subject_kind, ''), tg.at_level
            FROM target tg LEFT JOIN award_title t ON t.id = tg.title_id
            WHERE tg.year = ? ORDER BY tg.id)");
        st.bind(1, year);
        while (st.step()) {
            TargetRow r;
            r.target.id = st.columnInt(0);
            r.target.unitId = st.columnInt(1);
            r.target.year = year;
            r.target.metric = st.columnText(2);
            r.target.titleId = st.columnInt(3);
            r.target.indicator = st.columnText(4);
            r.target.goal = st.columnDouble(5);
            r.target.note = st.columnText(6);
            r.titleName = st.columnText(7);
            r.titleLevel = st.columnText(8);
            r.titleKind = st.columnText(9);
            r.target.atLevel = st.columnInt(10) != 0 && r.target.titleId != 0;
            if (r.target.metric == "title_rate" && r.titleName.empty()) r.titleName = kRateTitleName;
            rows.push_back(std::move(r));
        }
    }
    // Units in tree order, then target id.
    std::stable_sort(rows.begin(), rows.end(), [&](const TargetRow& a, const TargetRow& b) {
        const OrgUnit* ua = tree.find(a.target.unitId);
        const OrgUnit* ub = tree.find(b.target.unitId);
        const std::size_t ia = ua ? tree.indexOf(ua->id) : SIZE_MAX;
        const std::size_t ib = ub ? tree.indexOf(ub->id) : SIZE_MAX;
        return ia < ib;
    });
    auto uses = [&](const char* metric) {
        return std::any_of(rows.begin(), rows.end(), [&](const TargetRow& r) { return r.target.metric == metric; });
    };

    // ---- rate numerators per title: holders by the year's end and before it.
    // Any level: every family title of that name; at a level: that title only.
    // Keyed by the line's subject ("平安家庭" / "区级平安家庭").
    auto rateSubject = [](const TargetRow& r) {
        return r.target.atLevel ? levelWithSuffix(r.titleLevel) + r.titleName : r.titleName;
    };
    std::map<std::string, std::vector<RolledTally>> rates;
    for (const TargetRow& r : rows) {
        if (r.target.metric != "title_rate" || rates.count(rateSubject(r))) continue;
        // Held on the year's last day and on the year before's (titlesCountedOn):
        // the step summary of migration 0032, or with setFromBaseTables the rule.
        const std::string heldOn = titlesCountedOn(Period::ofYear(year), today);
        const std::string baseHeldOn = titlesCountedOn(Period::ofYear(year - 1), today);
        PerUnit now, base;
        if (m_fromBaseTables) {
            Statement st = db.prepare(withWords(R"(
            SELECT a.unit_id,
                   count(DISTINCT CASE WHEN a.id IN )" + sqlTitlesHeldOn(db.dialect(), "?1") + R"( THEN a.family_id END),
                   count(DISTINCT CASE WHEN a.id IN )" + sqlTitlesHeldOn(db.dialect(), "?5") + R"( THEN a.family_id END)
            FROM award a
            WHERE +a.title_id IN (SELECT id FROM award_title
                                  WHERE subject_kind = 'family' AND (CASE WHEN ?3 THEN id = ?4 ELSE name = ?2 END))
              AND a.status IN {held} AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL
            GROUP BY a.unit_id)"));
            st.bind(1, heldOn).bind(2, r.titleName).bind(3, r.target.atLevel ? 1 : 0).bind(4, r.target.titleId)
                .bind(5, baseHeldOn);
            while (st.step()) {
                now[st.columnInt(0)] = st.columnDouble(1);
                base[st.columnInt(0)] = st.columnDouble(2);
            }
        } else {
            for (const auto& [unit, held] :
                 familiesHoldingPerUnit(db, r.titleName, r.target.atLevel ? r.target.titleId : 0, heldOn, baseHeldOn)) {
                now[unit] = held.onA;
                base[unit] = held.onB;
            }
        }
        rates.emplace(rateSubject(r), rollUp(tree.tallies(now, &base), Numerators::TitledHouseholds));
    }

    // ---- counts per unit: awards of each title in the year (title_count, post_count)
    struct TitleCount { RowId unit; RowId title; std::string level; bool post; double count; };
    std::vector<TitleCount> titleCounts;
    if (uses("title_count") || uses("post_count")) {
        // Only the titles a count line can ask for (its own title, or any
        // 区-level post title): the index award_title_year reads their awards
        // of the year instead of a pass over every award.
        // From the per-year tally of migration 0032 (a row per unit, title
        // and status), or with setFromBaseTables the awards themselves.
        Statement st = m_fromBaseTables ? db.prepare(withWords(R"(
            SELECT a.unit_id, a.title_id, t.level, t.subject_kind = 'post', count(*)
            FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE a.title_id IN (SELECT title_id FROM target
                                 WHERE year = ?1 AND metric IN ('title_count', 'post_count') AND title_id IS NOT NULL
                                 UNION SELECT id FROM award_title WHERE subject_kind = 'post' AND level = ?2)
              AND a.year = ?1 AND a.status IN {held} AND a.unit_id IS NOT NULL
            GROUP BY a.unit_id, a.title_id)"))
                                        : db.prepare(withWords(R"(
            SELECT c.unit_id, c.title_id, t.level, CAST(t.subject_kind = 'post' AS integer), sum(c.awards)
            FROM award_year_tally c JOIN award_title t ON t.id = c.title_id
            WHERE c.title_id IN (SELECT title_id FROM target
                                 WHERE year = ?1 AND metric IN ('title_count', 'post_count') AND title_id IS NOT NULL
                                 UNION SELECT id FROM award_title WHERE subject_kind = 'post' AND level = ?2)
              AND c.year = ?1 AND c.status IN {held} AND c.unit_id <> 0
            GROUP BY c.unit_id, c.title_id, t.id)"));
        st.bind(1, year).bind(2, toWord(TitleLevel::District));
        while (st.step())
            titleCounts.push_back({st.columnInt(0), st.columnInt(1), st.columnText(2), st.columnInt(3) != 0,
                                   st.columnDouble(4)});
    }

    // ---- volunteer hours: the year's dated hours (verified records and roster credits)
    PerUnit hours;
    if (uses("volunteer_hours")) {
        // "+served_on" keeps the planner on the covering index service_record_board
        // (an index-only scan in person order); the date index would fetch
        // every record of the year from the table (~7x slower at 1M records).
        // The two arms of dated_hours, each grouped per person first: the view
        // itself in this join costs 2x (records) and up to 40x (a plain join).
        // The year's rows of the per-unit summary (migration 0030): one per
        // unit with hours in the year, not one per person active in it.
        Statement st = m_fromBaseTables ? db.prepare(R"(
            SELECT p.unit_id, coalesce(sum(r.hours), 0.0)
            FROM (SELECT person_id, coalesce(sum(hours), 0.0) AS hours FROM service_record
                  WHERE verified = 1 AND +served_on >= ?1 AND +served_on < ?2 GROUP BY person_id
                  UNION ALL
                  SELECT person_id, coalesce(sum(hours), 0.0) FROM roster_credit
                  WHERE credited_on >= ?1 AND credited_on < ?2 GROUP BY person_id) r
            JOIN person p ON p.id = r.person_id
            WHERE p.unit_id IS NOT NULL
            GROUP BY p.unit_id)")
                                     : db.prepare(R"(
            SELECT unit_id, hours FROM unit_period_hours WHERE period = ?1 AND unit_id <> 0)");
        if (m_fromBaseTables) st.bind(1, first).bind(2, after);
        else st.bind(1, Period::ofYear(year).code());   // ?1: PostgreSQL must see every parameter it numbers
        while (st.step()) hours[st.columnInt(0)] += st.columnDouble(1);
    }

    // Per unit, for every user alike (a street's user reads her own activity
    // rows only: the dialect's tally counts all, aggregates only).
    PerUnit activities, participants;
    if (uses("activities") || uses("participants")) {
        Statement st = db.prepare(db.dialect().activityTally);
        st.bind(1, first).bind(2, after);
        while (st.step()) {
            if (st.columnInt(0) == 0) continue;   // no unit: in no subtree
            activities[st.columnInt(0)] += st.columnDouble(2);
            participants[st.columnInt(0)] += st.columnDouble(3);
        }
    }

    // A stock: on the roll by the year's end (joined before the next year
    // began) and, its base, on 1 January. A volunteer without a joining date
    // counts in both: as far as anyone knows she was there.
    // Counted per unit and joining year (migration 0030: joined_key compares
    // with a year's first day as joined_on does, '' as NULL).
    PerUnit volunteers, volunteersBase;
    if (uses("volunteers")) {
        Statement st = m_fromBaseTables ? db.prepare(R"(
            SELECT unit_id, count(*), count(CASE WHEN joined_on IS NULL OR joined_on < ?2 THEN 1 END) FROM person
            WHERE is_volunteer = 1 AND unit_id IS NOT NULL AND (joined_on IS NULL OR joined_on < ?1)
            GROUP BY unit_id)")
                                        : db.prepare(R"(
            SELECT unit_id, coalesce(sum(people), 0.0), coalesce(sum(CASE WHEN joined_key < ?2 THEN people END), 0.0) FROM unit_person_tally
            WHERE is_volunteer = 1 AND unit_id <> 0 AND joined_key < ?1
            GROUP BY unit_id)");
        st.bind(1, after).bind(2, first);
        while (st.step()) {
            volunteers[st.columnInt(0)] = st.columnDouble(1);
            volunteersBase[st.columnInt(0)] = st.columnDouble(2);
        }
    }

    std::map<std::string, PerUnit> indicators;
    if (uses("indicator")) {
        Statement st = db.prepare("SELECT unit_id, name, value FROM manual_indicator WHERE year = ?");
        st.bind(1, year);
        while (st.step()) indicators[st.columnText(1)][st.columnInt(0)] += st.columnDouble(2);
    }

    // Sums over the subtree of one unit.
    auto subtreeSum = [&](const PerUnit& perUnit, RowId root) {
        double sum = 0;
        for (const auto& [unit, value] : perUnit)
            if (tree.within(unit, root)) sum += value;
        return sum;
    };

    // A count target's figure for any unit: counted from its subtree.
    auto countFor = [&](const TargetRow& r, RowId unit) -> double {
        const std::string& m = r.target.metric;
        double sum = 0;
        if (m == "title_count" || m == "post_count") {
            for (const TitleCount& c : titleCounts) {
                const bool counts = r.target.titleId != 0
                                        ? c.title == r.target.titleId
                                        : m == "post_count" && c.post && c.level == toWord(TitleLevel::District);
                if (counts && tree.within(c.unit, unit)) sum += c.count;
            }
        } else if (m == "volunteer_hours") {
            sum = subtreeSum(hours, unit);
        } else if (m == "activities") {
            sum = subtreeSum(activities, unit);
        } else if (m == "participants") {
            sum = subtreeSum(participants, unit);
        } else if (m == "volunteers") {
            sum = subtreeSum(volunteers, unit);
        }
        return sum;
    };
    // The children asked for, in tree order.
    std::vector<const OrgUnit*> children;
    if (childrenOf != 0)
        for (const OrgUnit& u : tree.units())
            if (u.parentId == childrenOf && u.id != childrenOf) children.push_back(&u);

    for (const TargetRow& r : rows) {
        TargetLine line;
        line.target = r.target;
        line.unitName = tree.nameOf(r.target.unitId);
        TargetFacts& f = line.facts;
        f.year = year;
        f.goal = r.target.goal;
        const TargetMetricInfo* info = targetMetricInfo(r.target.metric);
        f.kind = info != nullptr ? info->kind : TargetKind::Count;
        const RowId unit = r.target.unitId;
        const std::string& m = r.target.metric;
        if (m == "title_rate") {
            line.subject = rateSubject(r);
            const RolledTally& t = rates.at(line.subject)[tree.indexOf(unit)];
            f.numerator = t.numerator;
            f.denominator = static_cast<double>(t.households);
            f.baseNumerator = t.baseNumerator;
            f.overfullUnits = t.overfullUnits - (t.overfull ? 1 : 0);
        } else if (m == "indicator") {
            line.subject = r.target.indicator;
            const auto it = indicators.find(r.target.indicator);
            if (it != indicators.end()) {
                const auto own = it->second.find(unit);
                f.numerator = own != it->second.end() ? own->second : subtreeSum(it->second, unit);
            }
        } else if (info != nullptr) {
            if (m == "title_count" || m == "post_count")
                line.subject = r.titleName.empty() ? (m == "post_count" ? "区级巾帼文明岗" : "")
                                                   : levelWithSuffix(r.titleLevel) + r.titleName;
            f.numerator = countFor(r, unit);
            if (m == "volunteers") f.baseNumerator = subtreeSum(volunteersBase, unit);
            // Per child of the unit asked for, when this target covers it.
            if (!children.empty() && tree.within(childrenOf, unit))
                for (const OrgUnit* c : children) line.children.push_back({c->id, c->name, countFor(r, c->id)});
        }
        line.progress = evaluateTarget(f, today);
        report.lines.push_back(std::move(line));
    }
    return report;
}

} // namespace jinguo::storage
