// unit_board.hpp — the 社区/街道 boards (Board::Communities, Board::Streets).
//
// A unit's figure is its own figure (people, awards booked on it) summed
// over its subtree by core's rollUp, then ranked by core's rankItems; rate
// boards are Σ titled households ÷ Σ households (aggregates.hpp says what
// each metric counts). The own figures come either from the summaries
// (unitFiguresFromSummaries: 0030, 0032, 0037 — a few hundred rows per
// period) or, for the tests and the benchmark's "before", from the base
// tables (Aggregates with setFromBaseTables, aggregates.cpp); rankUnitBoard
// turns either into the board, so both are ranked by the same code.
#pragma once

#include "core/org_tree.hpp"
#include "core/ranking.hpp"
#include "core/targets.hpp"
#include "storage/aggregates.hpp"

#include <unordered_map>

namespace jinguo::storage {

class Database;

// The unit tree read from storage, with the tallies rollUp takes.
class UnitTree : public OrgTree {
public:
    explicit UnitTree(Storage& storage);

    // Tallies for rollUp in tree order, numerators from `numerator` (unit → value).
    std::vector<UnitTally> tallies(const std::unordered_map<RowId, double>& numerator,
                                   const std::unordered_map<RowId, double>* base = nullptr,
                                   bool withHouseholds = true) const;
};

// Own figures per unit (its subtree not added), for the current period and
// the one before. Only the maps the metric needs are filled: rate → num;
// titles → titles; hours and points → hours and points.
struct UnitFigures {
    std::unordered_map<RowId, double> curNum, prevNum, curHours, prevHours, curPoints, prevPoints, curTitles,
        prevTitles;
};

// The days and ranges a unit board compares (the current period, the one
// before or an empty range, the days titles are counted held on).
struct UnitBoardPeriods {
    Period current;
    std::optional<Period> previous;
    std::string curFirst, curAfter, prevFirst = "1", prevAfter = "0";
    std::string curHeldOn, prevHeldOn = "0";
    UnitBoardPeriods(const Period& period, const Date& today);
};

// The own figures from the summary tables. Hours and points: per (period,
// unit) sums of the volunteers' hours and activities (0037) with the roster
// history per unit (0030) on the all-time board and the catalogue points of
// the volunteers' titles named in the period (few: read here). Titles: held
// awards per unit and naming day (0037). Rate: 0032's held steps.
UnitFigures unitFiguresFromSummaries(Database& db, const BoardQuery& query, const UnitBoardPeriods& periods,
                                     const PointsRules& rules);

// Ranks `rows` (one per item of `current`, same order) by rankItems, with
// movement against `previous` when given; also used by aggregates.cpp.
void assignRanks(std::vector<BoardRow>& rows, const std::vector<RankItem>& current,
                 const std::vector<RankItem>* previous);
// Keeps the first `limit` rows of a ranked board (0: all); totalRows counts them all.
void keepFirstRows(BoardResult& result, std::size_t limit);

// The board from own figures: rolled up, ranked with movement (rate rows
// whose figures are a data error listed unranked after), the first
// query.rowLimit rows kept. `result` already holds the query and scope name.
void rankUnitBoard(const UnitTree& tree, RowId scope, const BoardQuery& query, const UnitFigures& figures,
                   bool hasPrevious, BoardResult& result);

} // namespace jinguo::storage
