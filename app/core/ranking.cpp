// ranking.cpp — competition ranks and movement.
#include "core/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace jinguo {

bool sameRankValue(double a, double b) {
    if (a == b) return true;
    if (!std::isfinite(a) || !std::isfinite(b)) return false;   // the scale below would be infinite
    const double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
    return std::fabs(a - b) <= 1e-9 * scale;
}

std::vector<int> competitionRanks(const std::vector<double>& values) {
    std::vector<int> ranks(values.size());
    // A tie is judged against the first value of its run, so a slow drift of
    // tiny differences cannot chain distinct values into one rank.
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i == 0 || !sameRankValue(values[runStart], values[i])) runStart = i;
        ranks[i] = static_cast<int>(runStart) + 1;
    }
    return ranks;
}

std::vector<int> ranksAmong(const std::vector<double>& values, const std::vector<double>& asked) {
    std::vector<double> distinct = asked;   // ascending
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    // above[i]: values greater than distinct[i]. A value x is above every
    // asked value below it except those it ties with: distinct[0 .. j).
    std::vector<long> lastBelow(distinct.size() + 1, 0);
    for (double x : values) {
        std::size_t j = static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), x) - distinct.begin());
        while (j > 0 && sameRankValue(distinct[j - 1], x)) --j;
        if (j > 0) ++lastBelow[j - 1];
    }
    std::vector<long> above(distinct.size(), 0);
    long running = 0;
    for (std::size_t i = distinct.size(); i-- > 0;) {
        running += lastBelow[i];
        above[i] = running;
    }
    std::vector<int> ranks;
    ranks.reserve(asked.size());
    for (double a : asked) {
        const std::size_t i = static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), a) - distinct.begin());
        ranks.push_back(static_cast<int>(above[i]) + 1);
    }
    return ranks;
}

std::string movementText(std::optional<int> previousRank, int rank) {
    if (!previousRank) return "新";
    const int delta = *previousRank - rank;
    if (delta > 0) return "↑" + std::to_string(delta);
    if (delta < 0) return "↓" + std::to_string(-delta);
    return "–";
}

namespace {

std::vector<RankedRow> rank(const std::vector<RankItem>& items, const PreviousRanks* previous) {
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto collation = [&](std::size_t i) -> const std::string& {
        return items[i].collationKey.empty() ? items[i].name : items[i].collationKey;
    };
    // A NaN (a rate of 0/0 that slipped through) sorts last instead of
    // breaking the ordering the sort relies on.
    auto value = [&](std::size_t i) {
        return std::isnan(items[i].value) ? -std::numeric_limits<double>::infinity() : items[i].value;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return value(a) > value(b); });
    // Runs of equal values (within noise) are then shown by name; exact
    // sorting alone would order 10.000000001 before 10 regardless of name.
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start + 1;
        while (end < order.size() && sameRankValue(value(order[start]), value(order[end]))) ++end;
        std::stable_sort(order.begin() + static_cast<long>(start), order.begin() + static_cast<long>(end),
                         [&](std::size_t a, std::size_t b) { return collation(a) < collation(b); });
        start = end;
    }

    std::vector<double> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order) sorted.push_back(value(i));
    const std::vector<int> ranks = competitionRanks(sorted);

    std::vector<RankedRow> rows(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        RankedRow& row = rows[k];
        row.index = order[k];
        row.rank = ranks[k];
        if (!previous) continue;
        const auto it = previous->find(items[order[k]].id);
        const std::optional<int> before = it == previous->end() ? std::nullopt : std::optional<int>(it->second);
        row.isNew = !before;
        row.movement = before ? *before - row.rank : 0;
        row.movementText = movementText(before, row.rank);
    }
    return rows;
}

} // namespace

std::vector<RankedRow> rankItems(const std::vector<RankItem>& items) { return rank(items, nullptr); }

std::vector<RankedRow> rankItems(const std::vector<RankItem>& items, const PreviousRanks& previous) {
    return rank(items, &previous);
}

PreviousRanks ranksById(const std::vector<RankItem>& items, const std::vector<RankedRow>& ranked) {
    PreviousRanks out;
    for (const RankedRow& row : ranked) out[items[row.index].id] = row.rank;
    return out;
}

} // namespace jinguo
