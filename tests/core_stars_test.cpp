// core_stars_test.cpp — star thresholds as data.
#include <doctest/doctest.h>

#include "core/stars.hpp"

using namespace jinguo;

TEST_CASE("default thresholds: the national practice") {
    const auto t = parseStarThresholds(kDefaultStarThresholds);
    REQUIRE(t.size() == 5);
    CHECK(starsForHours(0, t) == 0);
    CHECK(starsForHours(99.5, t) == 0);
    CHECK(starsForHours(100, t) == 1);
    CHECK(starsForHours(599.9, t) == 2);
    CHECK(starsForHours(600, t) == 3);
    CHECK(starsForHours(1500, t) == 5);
    CHECK(starsForHours(4000, t) == 5);
}

TEST_CASE("regional thresholds, written the way users type them") {
    const auto beijing = parseStarThresholds("100，200，500，800，1000");
    REQUIRE(beijing.size() == 5);
    CHECK(starsForHours(850, beijing) == 4);
    const auto withMetals = parseStarThresholds("100,300,600,1000,1500,2000,3000,4000");
    CHECK(starsForHours(3500, withMetals) == 7);
}

TEST_CASE("nonsense falls back to the defaults") {
    CHECK(parseStarThresholds("300,100").size() == 5);
    CHECK(parseStarThresholds("abc").front() == 100);
    CHECK(parseStarThresholds("").size() == 5);
    CHECK(parseStarThresholds("100,,300") == parseStarThresholds(kDefaultStarThresholds));
}

TEST_CASE("star glyphs") {
    CHECK(starGlyphs(0).empty());
    CHECK(starGlyphs(3) == "★★★");
}

TEST_CASE("the enumeration comma separates thresholds too") {
    const auto t = parseStarThresholds("100、300、600");
    REQUIRE(t.size() == 3);
    CHECK(t[2] == 600);
}
