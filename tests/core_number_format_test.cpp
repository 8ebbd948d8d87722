// core_number_format_test.cpp — the one family of number formats, and the
// board values shown at the precision they are ranked at.
#include <doctest/doctest.h>

#include "core/boards.hpp"
#include "core/number_format.hpp"
#include "core/ranking.hpp"

#include <cmath>
#include <limits>

using namespace jinguo;

TEST_CASE("grouped: thousands separators, up to one decimal by default") {
    CHECK(fmt::grouped(0) == "0");
    CHECK(fmt::grouped(1234567) == "1,234,567");
    CHECK(fmt::grouped(12.5) == "12.5");
    CHECK(fmt::grouped(16.0) == "16");
    CHECK(fmt::grouped(12.34) == "12.3");
    CHECK(fmt::grouped(0.25) == "0.3");    // half away from zero, as the screens always rounded
    CHECK(fmt::grouped(999.96) == "1,000");
    CHECK(fmt::grouped(-1234.5) == "-1,234.5");
    CHECK(fmt::grouped(-0.04) == "0");
    CHECK(fmt::grouped(12.34, 2) == "12.34");
    CHECK(fmt::grouped(1234.5, 2) == "1,234.5");
}

TEST_CASE("fixedGrouped, plain, percent, shortest, hours, score, oneDecimal") {
    CHECK(fmt::fixedGrouped(1234567.84, 1) == "1,234,567.8");
    CHECK(fmt::fixedGrouped(12, 0) == "12");
    CHECK(fmt::fixedGrouped(12, 1) == "12.0");
    CHECK(fmt::plain(126) == "126");
    CHECK(fmt::plain(8.5) == "8.5");
    CHECK(fmt::plain(0.126) == "0.13");
    CHECK(fmt::plain(1234.5) == "1234.5");
    CHECK(fmt::plain(-0.001) == "0");
    CHECK(fmt::plain(std::numeric_limits<double>::infinity()) == "—");
    CHECK(fmt::percent(0.825) == "82.50%");
    CHECK(fmt::percent(0.9153, 1) == "91.5%");
    CHECK(fmt::percent(0.9, 0) == "90%");
    CHECK(fmt::percent(std::nan("")) == "—");
    CHECK(fmt::shortest(100) == "100");
    CHECK(fmt::shortest(2.5) == "2.5");
    CHECK(fmt::hours(2.345) == "2.35");
    CHECK(fmt::hours(24) == "24");
    CHECK(fmt::score(86) == "86");
    CHECK(fmt::score(86.5) == "86.5");
    CHECK_FALSE(fmt::score(1e300).empty());   // no integer cast of an out-of-range score
    CHECK(fmt::oneDecimal(3.26) == "3.3");
    CHECK(fmt::oneDecimal(16.0) == "16");
    CHECK(fmt::oneDecimal(-0.01) == "0");
}

// Issue 16: boards rank on values rounded to 0.01 while the screen printed
// 0.1, so 12.34 (rank 1) and 12.26 (rank 2) both read "12.3".
TEST_CASE("board values: rows with different ranks never read alike") {
    for (BoardMetric metric : {BoardMetric::Points, BoardMetric::Hours, BoardMetric::Score}) {
        const double a = boardValue(12.34, metric);
        const double b = boardValue(12.26, metric);
        const std::vector<int> ranks = competitionRanks(std::vector<double>{a, b});
        CHECK(ranks == std::vector<int>{1, 2});
        CHECK(boardValueText(metric, a) != boardValueText(metric, b));
        CHECK(boardValueText(metric, a) == "12.34");
        CHECK(boardValueText(metric, b) == "12.26");
    }
    // Values equal once rounded share a rank and read alike.
    CHECK(boardValue(12.341, BoardMetric::Hours) == boardValue(12.339, BoardMetric::Hours));
    CHECK(boardValueText(BoardMetric::Hours, boardValue(12.341, BoardMetric::Hours)) == "12.34");
    CHECK(boardValueText(BoardMetric::Points, 1234.5) == "1,234.5");
    CHECK(boardValueText(BoardMetric::Titles, 3) == "3");
    // Rates rank to 0.01 % and show two decimals of a percent.
    const double r1 = boardValue(0.91236, BoardMetric::Rate), r2 = boardValue(0.91226, BoardMetric::Rate);
    CHECK(competitionRanks(std::vector<double>{r1, r2}) == std::vector<int>{1, 2});
    CHECK(boardValueText(BoardMetric::Rate, r1) == "91.24%");
    CHECK(boardValueText(BoardMetric::Rate, r2) == "91.23%");
}

TEST_CASE("count and hoursGrouped: thousands separators for counts and hours") {
    CHECK(fmt::count(0) == "0");
    CHECK(fmt::count(999) == "999");
    CHECK(fmt::count(1000) == "1,000");
    CHECK(fmt::count(50379) == "50,379");
    CHECK(fmt::count(40465) == "40,465");
    CHECK(fmt::count(-1234567) == "-1,234,567");
    CHECK(fmt::count(std::numeric_limits<long long>::min()) == "-9,223,372,036,854,775,808");
    CHECK(fmt::hoursGrouped(40465.25) == "40,465.3");
    CHECK(fmt::hoursGrouped(12) == "12.0");
    CHECK(fmt::hoursGrouped(0.04) == "0.0");
}
