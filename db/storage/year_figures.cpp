// year_figures.cpp — the SQL behind the year in figures.
//
// A dozen grouped statements over one year; nothing per row. The unit tree is
// read once for the households roll-up (targets.hpp's rollUp, so the district
// rate here is the district target's rate).
#include "storage/year_figures.hpp"

#include "core/points.hpp"
#include "core/targets.hpp"
#include "core/vocabulary.hpp"
#include "storage/storage.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/title_summaries.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace jinguo::storage {

namespace {

int stateOrder(const std::string& state) {
    const auto status = parseAwardStatus(state);
    return status ? static_cast<int>(*status) : static_cast<int>(kAwardStatusWords.size());
}

} // namespace

YearFiguresReader::YearFiguresReader(Storage& storage) : m_storage(storage) {}

std::vector<int> YearFiguresReader::years() {
    // Without records SQLite's scalar max/min give NULL (no year), PostgreSQL's
    // greatest/least 1949…2100 (each year's seek finds nothing): the same years.
    const SqlDialect& dialect = m_storage.db().dialect();
    Statement st = m_storage.db().prepare(R"(
        WITH RECURSIVE span(y) AS (
            SELECT )" + dialect.greaterOf("1949", "CAST(substr((SELECT min(served_on) FROM service_record), 1, 4) AS INTEGER)") + R"(
            UNION ALL SELECT y + 1 FROM span
            WHERE y < )" + dialect.lesserOf("2100", "CAST(substr((SELECT max(served_on) FROM service_record), 1, 4) AS INTEGER)") + R"()
        SELECT DISTINCT y FROM (
            -- Years with service records: a seek per year on the date index,
            -- not a pass over every record.
            SELECT y FROM span WHERE EXISTS (SELECT 1 FROM service_record
                                             WHERE served_on >= CAST(y AS text) || '-' AND served_on < CAST(y + 1 AS text) || '-')
            UNION SELECT DISTINCT CAST(substr(held_on, 1, 4) AS INTEGER) FROM activity
            UNION SELECT DISTINCT year FROM award)
        WHERE y BETWEEN 1949 AND 2100 ORDER BY y DESC)");
    std::vector<int> out;
    while (st.step()) out.push_back(static_cast<int>(st.columnInt(0)));
    return out;
}

YearFigures YearFiguresReader::figures(int year) {
    Database& db = m_storage.db();
    YearFigures f;
    f.year = year;
    const Period period = Period::ofYear(year);
    const std::string first = period.firstDay();
    const std::string after = period.dayAfter();

    // ---- the unit tree: the district's name and households
    const std::vector<OrgUnit> units = m_storage.units();
    std::vector<RowId> roots;
    std::vector<UnitTally> tallies;
    std::unordered_map<RowId, std::size_t> indexOf;
    for (const OrgUnit& u : units) indexOf.emplace(u.id, tallies.size()), tallies.push_back({u.id, u.parentId, u.households, 0, 0});
    for (const OrgUnit& u : units)
        if (u.parentId == 0 || !indexOf.count(u.parentId)) roots.push_back(u.id);
    f.districtName = roots.size() == 1 ? units[indexOf.at(roots.front())].name : "全区";
    auto districtSum = [&](const std::unordered_map<RowId, double>& perUnit, std::int64_t* households,
                           Numerators counted = Numerators::Amounts) {
        std::vector<UnitTally> t = tallies;
        for (auto& u : t) {
            const auto it = perUnit.find(u.id);
            u.numerator = it == perUnit.end() ? 0 : it->second;
        }
        const std::vector<RolledTally> rolled = rollUp(t, counted);
        double sum = 0;
        std::int64_t hh = 0;
        for (RowId root : roots) {
            sum += rolled[indexOf.at(root)].numerator;
            hh += rolled[indexOf.at(root)].households;
        }
        if (households) *households = hh;
        return sum;
    };

    // ---- volunteers
    {
        // Per unit and joining year (migration 0030), not a pass over person.
        Statement st = m_fromBaseTables ? db.prepare(R"(
            SELECT sum(CAST(joined_on IS NULL OR joined_on < ?2 AS integer)), sum(CAST(joined_on >= ?1 AND joined_on < ?2 AS integer))
            FROM person WHERE is_volunteer = 1)")
                                        : db.prepare(R"(
            SELECT coalesce(sum(CASE WHEN joined_key < ?2 THEN people END), 0.0),
                   coalesce(sum(CASE WHEN joined_key >= ?1 AND joined_key < ?2 THEN people END), 0.0)
            FROM unit_person_tally WHERE is_volunteer = 1)");
        st.bind(1, first).bind(2, after);
        if (st.step()) {
            f.volunteersRegistered = st.columnInt(0);
            f.volunteersNew = st.columnInt(1);
        }
        // Active: dated hours in the year, i.e. a row of the year in the
        // boards' summary (migration 0022), counted per unit (0030).
        Statement active = m_fromBaseTables ? db.prepare(R"(
            SELECT count(*) FROM board_person_period b JOIN person p ON p.id = b.person_id
            WHERE b.period = ?1 AND p.is_volunteer = 1)")
                                            : db.prepare(R"(
            SELECT coalesce(sum(volunteers), 0.0) FROM unit_period_hours WHERE period = ?1)");
        active.bind(1, period.code());
        if (active.step()) f.volunteersActive = active.columnInt(0);
    }

    // ---- service hours, by month
    {
        // The month rows of the summary ('2026-01' … '2026-12' sort between
        // these bounds; the year's and quarters' keys do not).
        // Summed per unit already (0030): a dozen rows per unit.
        Statement st = db.prepare(std::string(R"(
            SELECT CAST(substr(period, 6, 2) AS INTEGER), coalesce(sum(hours), 0.0) FROM )") +
                                  (m_fromBaseTables ? "board_person_period" : "unit_period_hours") + R"(
            WHERE period >= ?1 || '-01' AND period <= ?1 || '-12' GROUP BY 1)");
        st.bind(1, period.code());
        while (st.step()) {
            const auto month = st.columnInt(0);
            if (month >= 1 && month <= 12) f.monthlyHours[static_cast<std::size_t>(month - 1)] = st.columnDouble(1);
            f.serviceHours += st.columnDouble(1);
        }
        // Of which rosters added (already in the months above).
        Statement roster = db.prepare(
            "SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE credited_on >= ?1 AND credited_on < ?2");
        roster.bind(1, first).bind(2, after);
        if (roster.step()) f.rosterHours = roster.columnDouble(0);
    }

    // ---- activities, by month
    {
        // The district's, whoever reads (a street's user too): the dialect's
        // tally per unit and month, as 目标 counts them.
        Statement st = db.prepare(db.dialect().activityTally);
        st.bind(1, first).bind(2, after);
        while (st.step()) {
            const auto month = st.columnInt(1);
            if (month >= 1 && month <= 12) f.monthlyActivities[static_cast<std::size_t>(month - 1)] += st.columnInt(2);
            f.activities += st.columnInt(2);
            f.participantsRecorded += st.columnInt(3);
        }
    }

    // ---- manual indicators: the root's own value, else the sum of those reported
    {
        struct Sum { double own = 0, all = 0; bool hasOwn = false; std::string unit; std::size_t order = 0; };
        std::map<std::string, Sum> sums;
        Statement st = db.prepare("SELECT unit_id, name, value, unit FROM manual_indicator WHERE year = ? ORDER BY id");
        st.bind(1, year);
        while (st.step()) {
            const std::string name = st.columnText(1);
            Sum& s = sums.try_emplace(name, Sum{0, 0, false, st.columnText(3), sums.size()}).first->second;
            s.all += st.columnDouble(2);
            if (std::find(roots.begin(), roots.end(), st.columnInt(0)) != roots.end()) {
                s.own += st.columnDouble(2);
                s.hasOwn = true;
            }
        }
        std::vector<std::pair<std::size_t, YearFigures::Indicator>> ordered;
        for (const auto& [name, s] : sums) {
            const double value = s.hasOwn ? s.own : s.all;
            if (name == kParticipantsIndicator) f.participantsReported = value;
            else ordered.push_back({s.order, {name, value, s.unit}});
        }
        std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [order, indicator] : ordered) f.indicators.push_back(std::move(indicator));
    }

    // ---- titles named in the year, by level
    {
        // From the per-year tally of migration 0032, not the year's awards.
        Statement st = db.prepare(withWords(R"(
            SELECT t.level, sum(c.awards) FROM award_year_tally c JOIN award_title t ON t.id = c.title_id
            WHERE c.year = ? AND c.status IN {held} GROUP BY t.level)"));
        st.bind(1, year);
        std::map<int, YearFigures::LevelCount> byRank;
        while (st.step()) byRank[titleLevelRank(st.columnText(0))] = {st.columnText(0), st.columnInt(1)};
        for (auto& [rank, c] : byRank) f.titlesByLevel.push_back(std::move(c));
    }

    // ---- 巾帼文明岗: the year's awards by level and state; held at the year's end
    {
        Statement st = db.prepare(withWords(R"(
            SELECT t.level, a.status, count(*) FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE a.year = ? AND a.post_id IS NOT NULL AND t.subject_kind = 'post' AND t.kind_id = {post_kind}
            GROUP BY t.level, a.status)"));
        st.bind(1, year);
        while (st.step()) f.postsByLevelAndState.push_back({st.columnText(0), st.columnText(1), st.columnInt(2)});
        std::sort(f.postsByLevelAndState.begin(), f.postsByLevelAndState.end(), [](const auto& a, const auto& b) {
            const int la = titleLevelRank(a.level), lb = titleLevelRank(b.level);
            return la != lb ? la < lb : stateOrder(a.state) < stateOrder(b.state);
        });

        Statement held = db.prepare(withWords(R"(
            SELECT a.post_id, t.level FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE a.post_id IS NOT NULL AND t.subject_kind = 'post' AND t.kind_id = {post_kind}
              AND a.status IN {held} AND a.year <= ?)"));
        held.bind(1, year);
        std::unordered_map<RowId, int> highest;
        while (held.step()) {
            int& h = highest.try_emplace(held.columnInt(0), -1).first->second;
            h = std::max(h, titleLevelRank(held.columnText(1)));
        }
        std::map<int, std::int64_t> byRank;
        for (const auto& [post, rank] : highest) ++byRank[rank];
        for (const auto& [rank, count] : byRank)
            if (rank >= 0) f.postsHeldByLevel.push_back({kTitleLevels[static_cast<std::size_t>(rank)], count});
    }

    // ---- creation rates per family title
    {
        std::vector<std::string> titles;
        Statement names = db.prepare(R"(
            SELECT name FROM award_title WHERE subject_kind = 'family' GROUP BY name ORDER BY min(id))");
        while (names.step()) titles.push_back(names.columnText(0));
        // Held on the year's last day (titlesCountedOn), as the targets count:
        // every title name at once from the step summary of migration 0032
        // (title_summaries.hpp; the held ranges of 0023 for a day it cannot answer).
        auto holdersOf = familiesHoldingPerNameAndUnit(db, titlesCountedOn(Period::ofYear(year), Date{year, 12, 31}));
        for (const std::string& title : titles) {
            std::int64_t households = 0;
            const double numerator = districtSum(holdersOf[title], &households, Numerators::TitledHouseholds);
            f.households = households;
            YearFigures::FamilyRate r;
            r.title = title;
            r.households = static_cast<std::int64_t>(numerator);
            r.rate = households > 0 ? numerator / static_cast<double>(households) : 0;
            f.familyRates.push_back(std::move(r));
        }
        if (titles.empty()) districtSum({}, &f.households);
    }
    return f;
}

} // namespace jinguo::storage
