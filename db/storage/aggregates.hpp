// aggregates.hpp — leaderboards and target progress, computed in SQL by sets.
//
// Boards (排行榜) and targets (创建目标) sum a whole period of records at once:
// each aggregate here is a few GROUP BY queries over the period, never a query
// per volunteer or unit, and the pure rules of app/core then turn the sums into
// points (points.hpp), stars (stars.hpp), competition ranks and movement
// (ranking.hpp) and target progress (targets.hpp). Screens call this off the
// frame loop and cache the result; the command line prints it.
//
// What is counted (the same words the 帮助 and the README use):
//   volunteers  one row per volunteer (person.is_volunteer) with anything to
//               count in the period. Hours = verified service records dated in
//               the period + roster hours when points.hpp's rosterHoursCountIn
//               says so (all-time board, or the period holding the as-of date).
//               Activities = distinct activities of verified records. Titles =
//               the person's titles held (命名/复核) whose naming date (the
//               latest 命名 event, else 31 December of the award year) falls in
//               the period, each worth its own points in the title catalogue
//               (award_title.points, 设置 → 荣誉称号目录; every title carries
//               them: the built-ins start at their level's default, titles
//               added later at the value given or the level's current
//               points.title.<level>). Stars always count cumulative all-time
//               hours (verified + roster).
//   communities, streets   every 社区/村 (or 街道/镇) of the scope, a league of
//               peers. rate = households holding the rate title (平安家庭, any
//               level) on the period's last day (titlesCountedOn: held by
//               core/title_standing.hpp's rule — named by then, within its
//               validity and grace — through sqlTitlesHeldOn; counted where
//               the award counts: award.unit_id) ÷ households,
//               rolled up by targets.hpp's rollUp (a street: Σ numerators ÷ Σ
//               households); points / hours = the sum over the unit's volunteers
//               (whole subtree); titles = titles won (named) in the period by
//               subjects counting for the unit's subtree.
//   posts       巾帼文明岗 of the scope (post.unit_id in the subtree). points =
//               the catalogue points of the title of the highest level held
//               (status 命名/复核, award year ≤ the period's last year), for
//               posts holding one; score = the latest assessment score (考核验收
//               or 复核 event) dated before the period ends, for posts assessed
//               by then (named or not yet). The level held and the latest score
//               come with every row.
// Values are rounded as the board shows them (hours and points to 0.01, rates
// to 0.0001 = 0.01 %) before ranking, so two rows that read alike share a rank.
// Movement compares with the same board (metric, scope) of the previous period
// of the same kind; the all-time board has none.
//
// Targets: every target row of a year, its facts counted from the unit's whole
// subtree (see TargetLine), evaluated by evaluateTarget against `today`.
#pragma once

#include "core/boards.hpp"
#include "core/model.hpp"
#include "core/org_tree.hpp"
#include "core/periods.hpp"
#include "core/points.hpp"
#include "core/targets.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::storage {

class Storage;

// The board names, metrics and labels live in core (core/boards.hpp).
using jinguo::Board;
using jinguo::BoardMetric;
using jinguo::boardCode;
using jinguo::boardFromCode;
using jinguo::metricCode;
using jinguo::metricFromCode;
using jinguo::boardLabel;
using jinguo::metricLabel;
using jinguo::metricsOf;
using jinguo::defaultMetric;
using jinguo::boardOffers;
using jinguo::kRateTitleName;

struct BoardQuery {
    Board board = Board::Volunteers;
    BoardMetric metric = BoardMetric::Points;
    Period period = Period::allTime();
    RowId scopeUnitId = 0;    // 0: the whole district (every unit)
    // The family title whose creation rate the Rate metric ranks: 平安家庭
    // on the boards; 目标 drills down by the title of the unit's rate target.
    std::string rateTitle = kRateTitleName;
    // Today, for the all-time rate board (titles held on 31 December of this
    // year, titlesCountedOn); {} = the computer's date.
    Date today{};
    // 0: every row. Otherwise only the first rowLimit rows of the display
    // order come back (ranks and movement as on the whole board); the
    // screen asks for more as it is scrolled. BoardResult::totalRows counts all.
    std::size_t rowLimit = 0;
};

struct BoardRow {
    RowId id = 0;             // person, org unit or post
    std::string name;         // person, unit, or post (work unit + post name)
    std::string unit;         // volunteers: their unit; units: the parent; posts: their unit
    double value = 0;         // the metric, rounded as shown
    int stars = 0;            // volunteers: ★ by cumulative hours; 0 elsewhere
    int rank = 0;             // competition rank (1, 2, 2, 4)
    std::string movement;     // "↑3", "↓1", "–", "新"; empty without a previous period
    int movementDelta = 0;    // previous rank − rank (0 when new or none)
    bool isNew = false;

    // The figures behind the value, for screens and the text table.
    double hours = 0;         // volunteers and units: service hours counted
    double points = 0;        // volunteers and units: points
    int activities = 0;       // volunteers: distinct activities joined
    int titles = 0;           // volunteers and units: titles named in the period
    double numerator = 0;     // units: titled households (rate boards)
    std::int64_t households = 0;   // units: households (rolled up)
    std::string level;        // posts: the highest level held ("区" …), "" when none
    std::optional<double> score;   // posts: latest assessment score
    double cumulativeHours = 0;    // volunteers: all-time hours behind the stars
    // Units on a rate board: a data error to fix, in Chinese. A unit with more
    // titled households than households is listed unranked after the ranked
    // rows (its rate means nothing); a parent of such units keeps its rank,
    // counted with them capped at their households.
    std::string dataError;
};

struct BoardResult {
    BoardQuery query;
    std::string scopeName;    // the scope unit, or the district (root) for scope 0
    bool hasPrevious = false; // movement is shown
    std::vector<BoardRow> rows;            // display order (the first query.rowLimit of them)
    std::size_t totalRows = 0;             // rows on the whole board, ranked and unranked
    std::vector<std::string> problems;     // settings that fell back to defaults (Chinese)
};

// Resolving `--scope 名称`.
struct ScopeResolution {
    RowId unitId = 0;
    std::string unitName;
    UnitKind unitKind = UnitKind::District;
    std::string error;        // Chinese; empty when found
    bool ok() const { return error.empty(); }
};

// One target row of a year, with the facts counted for it and its progress.
//   title_rate       holders of the target title's name (any level) held on
//                    the year's last day (sqlTitlesHeldOn, titlesCountedOn)
//                    ÷ the subtree's households; base = held on the last
//                    day of the year before. With
//                    at_level, holders of that very title (区级平安家庭) only.
//                    Units with more holders than households are capped and
//                    flagged (rollUp); the line's problem names them
//   title_count      awards of the target title in the year (命名/复核)
//   post_count       posts named in the year with the target title, or with
//                    any post title at 区 level when the target names none
//   volunteer_hours  verified hours served in the year by the subtree's
//                    people + roster hours reported as of a date in the year
//   activities       activities held in the year by the subtree's units
//   participants     their participants (人次)
//   volunteers       a stock: volunteers of the subtree on the roll by the
//                    year's end; base = those on it on 1 January
//   indicator        the manual indicator of that name: the unit's own value,
//                    or the sum of its subtree's when the unit has none
// One child unit's figure for a count target of its parent (or an ancestor).
struct ChildCount {
    RowId unitId = 0;
    std::string unitName;
    double actual = 0;        // counted from the child's subtree, as the parent's is
};

struct TargetLine {
    Target target;
    std::string unitName;
    std::string subject;      // "平安家庭", "区级巾帼文明岗", the indicator's name, or ""
    TargetFacts facts;
    TargetProgress progress;
    // Count targets (not rates, not indicators) of the unit asked for with
    // targets(…, childrenOf) or of its ancestors: the same count for each
    // direct child of that unit, in tree order. Children have no goal of
    // their own; their figures sum to the parent's own subtree count less
    // what is booked on the parent unit itself. Empty otherwise.
    std::vector<ChildCount> children;
};

struct TargetsReport {
    int year = 0;
    std::string today;        // YYYY-MM-DD the progress is measured against
    std::vector<TargetLine> lines;   // units in tree order, then by target id
};

class Aggregates {
public:
    explicit Aggregates(Storage& storage);

    // The unit called `name` (trimmed). "街道/社区" (or with ／ or >) picks a
    // community by its parent when two share a name. Unknown or ambiguous
    // names give a Chinese explanation that lists the candidates.
    ScopeResolution resolveScope(std::string_view name);

    // Throws std::invalid_argument (Chinese message) for a metric the board
    // does not offer, or a streets board scoped to a community.
    BoardResult board(const BoardQuery& query);

    // `childrenOf` (optional): a unit whose direct children get per-child
    // figures on the count lines of it and of its ancestors (TargetLine::children);
    // they come from the sums already made for the lines, so cost next to nothing.
    TargetsReport targets(int year, const Date& today, RowId childrenOf = 0);

    // The rules in force (settings, with defaults for unusable values).
    PointsRules pointsRules(std::vector<std::string>* problems = nullptr);
    std::vector<double> starThresholds();

    // Compute from the base tables (the definition, as before migration
    // 0022) instead of the summary tables: for the tests that hold the two
    // equal and for the benchmark's "before".
    void setFromBaseTables(bool fromBaseTables) { m_fromBaseTables = fromBaseTables; }

    // A street's or community's volunteers board read a page at a time
    // (0041, the default) or, when off, by seeking every volunteer of the
    // scope as before 0041: the benchmark's "before" in the same run.
    void setScopedPages(bool scopedPages) { m_scopedPages = scopedPages; }

private:
    Storage& m_storage;
    bool m_fromBaseTables = false;
    bool m_scopedPages = true;
};

} // namespace jinguo::storage
