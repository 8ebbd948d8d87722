// core_ranking_test.cpp — competition ranks, display order among equals, movement.
#include <doctest/doctest.h>

#include "core/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace jinguo;

namespace {
// The name of each displayed row, in display order.
std::vector<std::string> namesInOrder(const std::vector<RankItem>& items, const std::vector<RankedRow>& rows) {
    std::vector<std::string> out;
    for (const RankedRow& r : rows) out.push_back(items[r.index].name);
    return out;
}
std::vector<int> ranksInOrder(const std::vector<RankedRow>& rows) {
    std::vector<int> out;
    for (const RankedRow& r : rows) out.push_back(r.rank);
    return out;
}
int rankOf(RowId id, const std::vector<RankItem>& items, const std::vector<RankedRow>& rows) {
    for (const RankedRow& r : rows)
        if (items[r.index].id == id) return r.rank;
    return -1;
}
} // namespace

TEST_CASE("competition ranks: 1, 2, 2, 4") {
    CHECK(competitionRanks({90, 80, 80, 70}) == std::vector<int>{1, 2, 2, 4});
    CHECK(competitionRanks({5, 5, 5}) == std::vector<int>{1, 1, 1});          // all equal
    CHECK(competitionRanks({3, 3, 1, 1, 0}) == std::vector<int>{1, 1, 3, 3, 5});
    CHECK(competitionRanks({9, 8, 7}) == std::vector<int>{1, 2, 3});
    CHECK(competitionRanks({}).empty());
}

TEST_CASE("floating-point noise is not a difference; a real difference is") {
    // 0.1 + 0.2 is 0.30000000000000004 in binary: the same 0.3 hours to a user.
    CHECK(competitionRanks({0.1 + 0.2, 0.3}) == std::vector<int>{1, 1});
    CHECK(competitionRanks({10.5, 10.0}) == std::vector<int>{1, 2});
    // 900/1000 and 1800/2000 are the same rate.
    CHECK(competitionRanks({900.0 / 1000.0, 1800.0 / 2000.0, 899.0 / 1000.0}) == std::vector<int>{1, 1, 3});
}

TEST_CASE("equal values share a rank and show by name; input order changes nothing") {
    // 李娜 90; 王芳 and 张伟 80; 赵敏 70. By code point 张 (U+5F20) sorts before 王 (U+738B).
    const std::vector<RankItem> items = {
        {1, "王芳", 80, ""}, {2, "李娜", 90, ""}, {3, "张伟", 80, ""}, {4, "赵敏", 70, ""}};
    const auto rows = rankItems(items);
    CHECK(namesInOrder(items, rows) == std::vector<std::string>{"李娜", "张伟", "王芳", "赵敏"});
    CHECK(ranksInOrder(rows) == std::vector<int>{1, 2, 2, 4});
    CHECK(rows[0].movementText.empty());   // no previous period given: no movement shown
    CHECK_FALSE(rows[0].isNew);

    // A collation key (pinyin) changes the order among equals, never the ranks.
    std::vector<RankItem> pinyin = items;
    pinyin[0].collationKey = "wang fang";
    pinyin[2].collationKey = "zhang wei";
    const auto byPinyin = rankItems(pinyin);
    CHECK(namesInOrder(pinyin, byPinyin) == std::vector<std::string>{"李娜", "王芳", "张伟", "赵敏"});
    CHECK(ranksInOrder(byPinyin) == std::vector<int>{1, 2, 2, 4});

    // Every rotation of the input gives every subject the same rank.
    std::vector<RankItem> rotated = items;
    for (int turn = 0; turn < 4; ++turn) {
        std::rotate(rotated.begin(), rotated.begin() + 1, rotated.end());
        const auto r = rankItems(rotated);
        CHECK(rankOf(1, rotated, r) == 2);
        CHECK(rankOf(2, rotated, r) == 1);
        CHECK(rankOf(3, rotated, r) == 2);
        CHECK(rankOf(4, rotated, r) == 4);
    }
}

TEST_CASE("an all-equal board: everyone first, listed by name, same-name rows in input order") {
    const std::vector<RankItem> items = {{7, "周静", 12, ""}, {8, "陈红", 12, ""}, {9, "周静", 12, ""}};
    const auto rows = rankItems(items);
    CHECK(ranksInOrder(rows) == std::vector<int>{1, 1, 1});
    // 陈 U+9648 sorts after 周 U+5468; the two 周静 keep their input order (ids 7, 9).
    CHECK(items[rows[0].index].id == 7);
    CHECK(items[rows[1].index].id == 9);
    CHECK(items[rows[2].index].id == 8);
}

TEST_CASE("near-equal values are one run, ordered by name, not by the noise") {
    // 10 + 1e-12 and 10 are equal for ranking, so 安 (U+5B89) comes before 魏 (U+9B4F)
    // although 魏's value is the larger double.
    const std::vector<RankItem> items = {{1, "魏", 10.0 + 1e-12, ""}, {2, "安", 10.0, ""}, {3, "丁", 9.0, ""}};
    const auto rows = rankItems(items);
    CHECK(namesInOrder(items, rows) == std::vector<std::string>{"安", "魏", "丁"});
    CHECK(ranksInOrder(rows) == std::vector<int>{1, 1, 3});
}

TEST_CASE("a value that is not a number ranks last, tied with nobody") {
    const std::vector<RankItem> items = {{1, "甲", std::nan(""), ""}, {2, "乙", 3, ""}, {3, "丙", 1, ""}};
    const auto rows = rankItems(items);
    CHECK(namesInOrder(items, rows) == std::vector<std::string>{"乙", "丙", "甲"});
    CHECK(ranksInOrder(rows) == std::vector<int>{1, 2, 3});
    CHECK_FALSE(sameRankValue(-std::numeric_limits<double>::infinity(), 1.0));
}

TEST_CASE("movement against the previous period: ↑, ↓, –, 新") {
    CHECK(movementText(std::nullopt, 5) == "新");
    CHECK(movementText(7, 4) == "↑3");
    CHECK(movementText(3, 4) == "↓1");
    CHECK(movementText(2, 2) == "–");

    // Previous quarter: 王芳 1, 李娜 2, 张伟 2 (tied), 赵敏 not on the board.
    const PreviousRanks previous = {{1, 1}, {2, 2}, {3, 2}};
    const std::vector<RankItem> items = {
        {1, "王芳", 80, ""}, {2, "李娜", 90, ""}, {3, "张伟", 80, ""}, {4, "赵敏", 70, ""}};
    const auto rows = rankItems(items, previous);
    // Now: 李娜 1 (was 2: ↑1), 张伟 2 (was 2: –), 王芳 2 (was 1: ↓1), 赵敏 4 (新).
    REQUIRE(rows.size() == 4);
    CHECK(items[rows[0].index].name == "李娜");
    CHECK(rows[0].movementText == "↑1");
    CHECK(rows[0].movement == 1);
    CHECK(items[rows[1].index].name == "张伟");
    CHECK(rows[1].movementText == "–");
    CHECK(rows[1].movement == 0);
    CHECK_FALSE(rows[1].isNew);
    CHECK(items[rows[2].index].name == "王芳");
    CHECK(rows[2].movementText == "↓1");
    CHECK(rows[2].movement == -1);
    CHECK(items[rows[3].index].name == "赵敏");
    CHECK(rows[3].movementText == "新");
    CHECK(rows[3].isNew);
    CHECK(rows[3].movement == 0);
}

TEST_CASE("a board's ranks feed the next period's movement") {
    const std::vector<RankItem> q1 = {{1, "甲", 5, ""}, {2, "乙", 9, ""}, {3, "丙", 7, ""}, {4, "丁", 1, ""}};
    const auto q1Rows = rankItems(q1);
    const PreviousRanks before = ranksById(q1, q1Rows);
    CHECK(before.at(2) == 1);
    CHECK(before.at(3) == 2);
    CHECK(before.at(1) == 3);
    CHECK(before.at(4) == 4);

    // Q2: 丁 jumps from 4th to 1st (↑3), 乙 falls from 1st to 4th (↓3).
    const std::vector<RankItem> q2 = {{1, "甲", 5, ""}, {2, "乙", 2, ""}, {3, "丙", 7, ""}, {4, "丁", 20, ""}};
    const auto q2Rows = rankItems(q2, before);
    CHECK(q2[q2Rows[0].index].name == "丁");
    CHECK(q2Rows[0].movementText == "↑3");
    CHECK(q2[q2Rows[3].index].name == "乙");
    CHECK(q2Rows[3].movementText == "↓3");
    CHECK(q2Rows[3].movement == -3);
}

TEST_CASE("ranksAmong gives each value the rank competitionRanks gives it on the sorted board") {
    // Boards of values rounded as shown (0.01), many equal, in random order;
    // every value asked, and a few not on the board (a rank they would take).
    std::mt19937 random(17);
    for (int board = 0; board < 200; ++board) {
        const int size = 1 + static_cast<int>(random() % 400);
        const int spread = 1 + static_cast<int>(random() % 3000);   // small spreads: long runs of ties
        std::vector<double> values;
        for (int i = 0; i < size; ++i)
            values.push_back(std::round(static_cast<double>(random() % static_cast<unsigned>(spread)) * 0.37 * 100) / 100);
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        const std::vector<int> expected = competitionRanks(sorted);
        const std::vector<int> got = ranksAmong(values, sorted);
        REQUIRE(got.size() == sorted.size());
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            INFO("board " << board << " value " << sorted[i]);
            CHECK(got[i] == expected[i]);
        }
        // A value above all of them ranks first; one below all ranks after every one of them.
        const std::vector<int> outside = ranksAmong(values, {sorted.front() + 1, sorted.back() - 1});
        CHECK(outside == std::vector<int>{1, size + 1});
    }
    CHECK(ranksAmong({}, {5.0}) == std::vector<int>{1});
    CHECK(ranksAmong({90, 80, 80, 70}, {80, 70, 90}) == std::vector<int>{2, 4, 1});
}
