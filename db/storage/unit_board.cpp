// unit_board.cpp — the 社区/街道 boards: own figures from the summaries,
// then roll-up and ranks by the core's rules (unit_board.hpp).
#include "storage/unit_board.hpp"

#include "core/number_format.hpp"
#include "core/title_standing.hpp"
#include "core/vocabulary.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/storage.hpp"
#include "storage/title_summaries.hpp"

namespace jinguo::storage {

UnitTree::UnitTree(Storage& storage) : OrgTree(storage.units()) {}

std::vector<UnitTally> UnitTree::tallies(const std::unordered_map<RowId, double>& numerator,
                                         const std::unordered_map<RowId, double>* base, bool withHouseholds) const {
    std::vector<UnitTally> out;
    out.reserve(units().size());
    for (const OrgUnit& u : units()) {
        UnitTally t;
        t.id = u.id;
        t.parentId = u.parentId;
        t.households = withHouseholds ? u.households : 0;
        if (const auto it = numerator.find(u.id); it != numerator.end()) t.numerator = it->second;
        if (base)
            if (const auto it = base->find(u.id); it != base->end()) t.baseNumerator = it->second;
        out.push_back(t);
    }
    return out;
}

UnitBoardPeriods::UnitBoardPeriods(const Period& period, const Date& today)
    : current(period), previous(period.previous()) {
    curFirst = period.firstDay();
    curAfter = period.dayAfter();
    curHeldOn = titlesCountedOn(period, today);
    if (previous) {
        prevFirst = previous->firstDay();
        prevAfter = previous->dayAfter();
        prevHeldOn = titlesCountedOn(*previous, today);
    }
}

namespace {

// Hours, activities and title points of one period's volunteers, per unit.
struct VolunteerTotals {
    double hours = 0;
    double activities = 0;
    double titlePoints = 0;
};

// The volunteers' titles named in each period (the naming date as the
// volunteers board reads it, kPersonTitlesSql in aggregates.cpp: the latest
// 命名 event, else 31 December of the award year), their catalogue points
// summed per unit of the volunteer. People's awards are few (1,839 at 1M).
constexpr const char* kVolunteerTitlePointsSql = R"(
    SELECT p.unit_id, coalesce(sum(CASE WHEN x.named_on >= ?1 AND x.named_on < ?2 THEN t.points END), 0.0),
           coalesce(sum(CASE WHEN x.named_on >= ?3 AND x.named_on < ?4 THEN t.points END), 0.0)
    FROM (SELECT a.person_id, a.title_id,
                 coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = {named}),
                          a.year || '-12-31') AS named_on
          FROM award a
          WHERE a.person_id IS NOT NULL AND a.status IN {held}) x
    JOIN award_title t ON t.id = x.title_id
    JOIN person p ON p.id = x.person_id
    WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL
    GROUP BY p.unit_id)";

void volunteerFigures(Database& db, const UnitBoardPeriods& periods, const PointsRules& rules, UnitFigures& out) {
    std::unordered_map<RowId, VolunteerTotals> cur, prev;
    Statement rows = db.prepare("SELECT unit_id, hours, activities FROM unit_volunteer_period WHERE period = ?1 AND unit_id <> 0");
    auto read = [&](const Period& period, std::unordered_map<RowId, VolunteerTotals>& into) {
        rows.reset();
        rows.bind(1, period.code());
        while (rows.step()) {
            VolunteerTotals& t = into[rows.columnInt(0)];
            t.hours = rows.columnDouble(1);
            t.activities = rows.columnDouble(2);
        }
    };
    read(periods.current, cur);
    if (periods.previous) read(*periods.previous, prev);
    // Roster history counts on the all-time board only (it has no previous period).
    if (rosterHistoryCountsIn(periods.current)) {
        Statement roster = db.prepare(
            "SELECT unit_id, coalesce(sum(roster_hours), 0.0) FROM unit_person_tally WHERE is_volunteer = 1 AND unit_id <> 0"
            " GROUP BY unit_id");
        while (roster.step()) cur[roster.columnInt(0)].hours += roster.columnDouble(1);
    }
    Statement titles = db.prepare(withWords(kVolunteerTitlePointsSql));
    titles.bind(1, periods.curFirst).bind(2, periods.curAfter).bind(3, periods.prevFirst).bind(4, periods.prevAfter);
    while (titles.step()) {
        const RowId unit = titles.columnInt(0);
        if (const double points = titles.columnDouble(1); points != 0) cur[unit].titlePoints = points;
        if (const double points = titles.columnDouble(2); points != 0 && periods.previous)
            prev[unit].titlePoints = points;
    }
    // core/points.cpp's rule, summed: per hour × hours + per activity × activities + the titles' points.
    auto fill = [&](const std::unordered_map<RowId, VolunteerTotals>& from, std::unordered_map<RowId, double>& hours,
                    std::unordered_map<RowId, double>& points) {
        for (const auto& [unit, t] : from) {
            hours[unit] = t.hours;
            points[unit] = t.hours * rules.perVerifiedHour + t.activities * rules.perActivity + t.titlePoints;
        }
    };
    fill(cur, out.curHours, out.curPoints);
    fill(prev, out.prevHours, out.prevPoints);
}

} // namespace

UnitFigures unitFiguresFromSummaries(Database& db, const BoardQuery& query, const UnitBoardPeriods& periods,
                                     const PointsRules& rules) {
    UnitFigures out;
    if (query.metric == BoardMetric::Rate) {
        // Held on each period's last day: the step summary of 0032.
        for (const auto& [unit, held] :
             familiesHoldingPerUnit(db, query.rateTitle, 0, periods.curHeldOn, periods.prevHeldOn)) {
            out.curNum[unit] = held.onA;
            out.prevNum[unit] = held.onB;
        }
    } else if (query.metric == BoardMetric::Titles) {
        // Held awards per unit by naming day (0037): a range of days each.
        Statement st = db.prepare(R"(
            SELECT unit_id, coalesce(sum(CASE WHEN named_on >= ?1 AND named_on < ?2 THEN titles END), 0.0),
                   coalesce(sum(CASE WHEN named_on >= ?3 AND named_on < ?4 THEN titles END), 0.0)
            FROM unit_title_named GROUP BY unit_id)");
        st.bind(1, periods.curFirst).bind(2, periods.curAfter).bind(3, periods.prevFirst).bind(4, periods.prevAfter);
        while (st.step()) {
            out.curTitles[st.columnInt(0)] = st.columnDouble(1);
            out.prevTitles[st.columnInt(0)] = st.columnDouble(2);
        }
    } else {
        volunteerFigures(db, periods, rules, out);
    }
    return out;
}

void assignRanks(std::vector<BoardRow>& rows, const std::vector<RankItem>& current,
                 const std::vector<RankItem>* previous) {
    std::vector<RankedRow> ranked;
    if (previous) {
        const PreviousRanks before = ranksById(*previous, rankItems(*previous));
        ranked = rankItems(current, before);
    } else {
        ranked = rankItems(current);
    }
    std::vector<BoardRow> ordered;
    ordered.reserve(rows.size());
    for (const RankedRow& r : ranked) {
        BoardRow row = std::move(rows[r.index]);
        row.rank = r.rank;
        row.movement = r.movementText;
        row.movementDelta = r.movement;
        row.isNew = r.isNew;
        ordered.push_back(std::move(row));
    }
    rows = std::move(ordered);
}

void keepFirstRows(BoardResult& result, std::size_t limit) {
    result.totalRows = result.rows.size();
    if (limit != 0 && result.rows.size() > limit) {
        result.rows.resize(limit);
        result.rows.shrink_to_fit();
    }
}

void rankUnitBoard(const UnitTree& tree, RowId scope, const BoardQuery& query, const UnitFigures& f,
                   bool hasPrevious, BoardResult& result) {
    const BoardMetric metric = query.metric;
    const auto& curSource = metric == BoardMetric::Rate     ? f.curNum
                            : metric == BoardMetric::Titles ? f.curTitles
                            : metric == BoardMetric::Hours  ? f.curHours
                                                            : f.curPoints;
    const auto& prevSource = metric == BoardMetric::Rate     ? f.prevNum
                             : metric == BoardMetric::Titles ? f.prevTitles
                             : metric == BoardMetric::Hours  ? f.prevHours
                                                             : f.prevPoints;
    const Numerators counted = metric == BoardMetric::Rate ? Numerators::TitledHouseholds : Numerators::Amounts;
    const std::vector<RolledTally> now = rollUp(tree.tallies(curSource), counted);
    const std::vector<RolledTally> before = rollUp(tree.tallies(prevSource), counted);
    // The other figures of each row (hours, points, titles) when the metric filled them.
    const std::vector<RolledTally> nowHours = rollUp(tree.tallies(f.curHours, nullptr, false));
    const std::vector<RolledTally> nowPoints = rollUp(tree.tallies(f.curPoints, nullptr, false));
    const std::vector<RolledTally> nowTitles = rollUp(tree.tallies(f.curTitles, nullptr, false));

    const bool streets = query.board == Board::Streets;
    std::vector<RankItem> current, previous;
    std::vector<BoardRow> unranked;   // rate rows whose figures are a data error
    for (std::size_t i = 0; i < tree.units().size(); ++i) {
        const OrgUnit& u = tree.units()[i];
        if (!(streets ? isStreetKind(u.kind) : isCommunityKind(u.kind))) continue;
        if (scope != 0 && !tree.within(u.id, scope)) continue;
        auto valueOf = [&](const RolledTally& t) {
            return boardValue(metric == BoardMetric::Rate ? t.rate() : t.numerator, metric);
        };
        BoardRow row;
        row.id = u.id;
        row.name = u.name;
        row.unit = tree.parentNameOf(u.id);
        row.value = valueOf(now[i]);
        row.numerator = metric == BoardMetric::Rate ? now[i].numerator : 0;
        row.households = now[i].households;
        row.hours = nowHours[i].numerator;
        row.points = nowPoints[i].numerator;
        row.titles = static_cast<int>(nowTitles[i].numerator);
        if (now[i].overfull) {
            row.dataError = "称号户数（" + fmt::grouped(now[i].numerator, 0) + "）超过总户数（" +
                            fmt::grouped(static_cast<double>(now[i].households), 0) + "），请在“组织”中核对";
            unranked.push_back(std::move(row));
            continue;
        }
        if (now[i].overfullUnits > 0)
            row.dataError = "下属" + std::to_string(now[i].overfullUnits) + "个单位称号户数超过总户数，已按总户数计";
        current.push_back({u.id, u.name, row.value, {}});
        previous.push_back({u.id, u.name, valueOf(before[i]), {}});
        result.rows.push_back(std::move(row));
    }
    assignRanks(result.rows, current, hasPrevious ? &previous : nullptr);
    for (BoardRow& row : unranked) result.rows.push_back(std::move(row));
    keepFirstRows(result, query.rowLimit);
}

} // namespace jinguo::storage
