// ranking.hpp — leaderboard ranks and movement, with nothing hidden.
//
// Ranks are competition ranks ("1224"): equal values share a rank and the
// next distinct value skips as many places as shared the one before, so
// 90, 80, 80, 70 rank 1, 2, 2, 4. Nothing breaks a tie: among equal values the
// board only needs *a* stable display order, which is the name (or a
// collation key the caller supplies, e.g. pinyin), and that order never
// changes a rank. Movement compares each subject's rank with its rank on the
// same board (same metric, same scope) in the previous period: "↑3", "↓1",
// "–" (same place), "新" (not ranked then).
//
// Values that differ only by floating-point noise (hours summed in another
// order) count as equal. A board that shows rounded values should pass the
// rounded values, so that two rows that read "82.5%" never get two ranks.
#pragma once

#include "core/model.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace jinguo {

struct RankItem {
    RowId id = 0;              // the subject; matched against the previous ranks
    std::string name;          // shown; orders equal values when no collation key
    double value = 0;
    std::string collationKey;  // optional display order among equals (pinyin …)
};

struct RankedRow {
    std::size_t index = 0;     // position of the item in the input
    int rank = 0;              // competition rank, 1 = best
    int movement = 0;          // previous rank − rank: +3 moved up three places; 0 same or new
    bool isNew = false;        // not ranked in the previous period
    std::string movementText;  // "↑3", "↓1", "–", "新"; empty when there is no comparison
};

using PreviousRanks = std::unordered_map<RowId, int>;

// True when two values are the same for ranking (relative 1e-9).
bool sameRankValue(double a, double b);

// Competition ranks of values already sorted from best to worst.
std::vector<int> competitionRanks(const std::vector<double>& valuesDescending);

// The competition rank each of `asked` has on a board of `values` (in any
// order) that holds it: 1 + the number of values above it (not within
// sameRankValue). What competitionRanks gives after sorting the whole board,
// for a few rows of a big one (the previous ranks of a page: one pass over
// the values, no sort). Equal to it for values rounded as boards show them,
// whose distinct values never chain into one run.
std::vector<int> ranksAmong(const std::vector<double>& values, const std::vector<double>& asked);

// "↑3" when the rank improved by 3, "↓1", "–" when unchanged, "新" when the
// subject had no previous rank.
std::string movementText(std::optional<int> previousRank, int rank);

// Sorts by value (highest first), then collation key (or name), then input
// order; assigns competition ranks. Rows come back in display order.
// Without previous ranks (e.g. the all-time board) movement is left empty.
std::vector<RankedRow> rankItems(const std::vector<RankItem>& items);
std::vector<RankedRow> rankItems(const std::vector<RankItem>& items, const PreviousRanks& previous);

// id → rank of a ranked board, to pass as the previous ranks of the next period.
PreviousRanks ranksById(const std::vector<RankItem>& items, const std::vector<RankedRow>& ranked);

} // namespace jinguo
