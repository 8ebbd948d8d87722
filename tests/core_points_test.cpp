// core_points_test.cpp — points rules read from settings; roster hours; stars reuse.
#include <doctest/doctest.h>

#include "core/points.hpp"
#include "core/stars.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace jinguo;

namespace {

// The ('points.…', 'value', 'note') rows of the migrations' INSERT INTO setting
// (0001, and 0017 for the levels 县(市) and 行业/系统).
std::map<std::string, std::string> migrationPointsDefaults() {
    std::map<std::string, std::string> out;
    for (const char* file : {"0001_initial.sql", "0017_creation_kinds.sql"}) {
    const auto path = std::filesystem::path(__FILE__).parent_path().parent_path() / "db" / "migrations" / file;
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot read ", path.string());
    std::string line;
    while (std::getline(in, line)) {
        const auto keyAt = line.find("('points.");
        if (keyAt == std::string::npos) continue;
        const auto keyEnd = line.find('\'', keyAt + 2);
        const auto valueAt = line.find('\'', keyEnd + 1);
        const auto valueEnd = line.find('\'', valueAt + 1);
        out[line.substr(keyAt + 2, keyEnd - keyAt - 2)] = line.substr(valueAt + 1, valueEnd - valueAt - 1);
    }
    }
    return out;
}

} // namespace

TEST_CASE("the defaults are the migration's settings") {
    const auto sql = migrationPointsDefaults();
    REQUIRE(sql.size() == 10);
    REQUIRE(pointsSettingDefaults().size() == 10);
    for (const SettingDefault& d : pointsSettingDefaults()) {
        REQUIRE_MESSAGE(sql.count(d.key) == 1, d.key);
        CHECK_MESSAGE(sql.at(d.key) == d.value, d.key);
        CHECK_FALSE(d.note.empty());
    }
    // And the built-in rules are those same numbers.
    const PointsRules fromSql = pointsRulesFromSettings(sql);
    const PointsRules builtIn;
    CHECK(fromSql.perVerifiedHour == builtIn.perVerifiedHour);
    CHECK(fromSql.perActivity == builtIn.perActivity);
    CHECK(fromSql.perTitleLevel == builtIn.perTitleLevel);
    CHECK(builtIn.pointsForLevel("社区") == 5);
    CHECK(builtIn.pointsForLevel("全国") == 160);
    CHECK(builtIn.pointsForLevel("乡") == 0);
}

TEST_CASE("settings override the defaults, as users type them") {
    const std::map<std::string, std::string> settings = {
        {"points.per_verified_hour", "1.5"},
        {"points.per_activity", "３"},          // full-width 3
        {"points.title.区", " 25 "},
    };
    std::vector<std::string> problems;
    const PointsRules rules = pointsRulesFromSettings(settings, &problems);
    CHECK(problems.empty());
    CHECK(rules.perVerifiedHour == 1.5);
    CHECK(rules.perActivity == 3);
    CHECK(rules.pointsForLevel("区") == 25);
    CHECK(rules.pointsForLevel("市") == 40);   // missing: default, silently
}

TEST_CASE("malformed values fall back to their default and say so") {
    const std::map<std::string, std::string> settings = {
        {"points.per_verified_hour", "-1"},
        {"points.per_activity", "两分"},
        {"points.title.省", ""},
        {"points.title.市", "45"},
    };
    std::vector<std::string> problems;
    const PointsRules rules = pointsRulesFromSettings(settings, &problems);
    CHECK(rules.perVerifiedHour == 1);
    CHECK(rules.perActivity == 2);
    CHECK(rules.pointsForLevel("省") == 80);
    CHECK(rules.pointsForLevel("市") == 45);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].find("points.per_verified_hour") != std::string::npos);
    CHECK(problems[0].find("默认值 1") != std::string::npos);
    CHECK(problems[1].find("两分") != std::string::npos);
    CHECK(problems[2].find("points.title.省") != std::string::npos);
    CHECK(problems[2].find("默认值 80") != std::string::npos);
}

TEST_CASE("points for a volunteer: hours (roster counted as verified), activities, titles") {
    VolunteerFacts f;
    f.verifiedHours = 12.5;
    f.rosterHours = 30;
    f.activitiesJoined = 4;
    f.titles = {{"三八红旗手", "区", 2024, "", std::nullopt},   // level default: 20
                {"巾帼建功标兵", "市", 2024, "", 45.0}};        // the catalogue's own 45 wins over 40
    // Defaults: (12.5 + 30) × 1 = 42.5; 4 × 2 = 8; 20 + 45 = 65; total 115.5.
    const PointsBreakdown b = pointsBreakdown(f, PointsRules{});
    CHECK(b.hours == doctest::Approx(42.5));
    CHECK(b.activities == doctest::Approx(8));
    CHECK(b.titles == doctest::Approx(65));
    CHECK(b.total == doctest::Approx(115.5));
    CHECK(pointsFor(f, PointsRules{}) == doctest::Approx(115.5));

    // 1.5 per hour: 42.5 × 1.5 = 63.75; + 8 + 65 = 136.75.
    PointsRules rules;
    rules.perVerifiedHour = 1.5;
    CHECK(pointsFor(f, rules) == doctest::Approx(136.75));

    // A volunteer known only from a roster: 120 roster hours → 120 points.
    VolunteerFacts rosterOnly;
    rosterOnly.rosterHours = 120;
    CHECK(pointsFor(rosterOnly, PointsRules{}) == doctest::Approx(120));

    // A title at an unknown level, without its own points, is worth nothing.
    VolunteerFacts odd;
    odd.titles = {{"优秀", "乡", 2024, "", std::nullopt}};
    CHECK(pointsFor(odd, PointsRules{}) == 0);
}

TEST_CASE("stars come from the same hours, through stars.hpp") {
    const auto thresholds = parseStarThresholds(kDefaultStarThresholds);
    VolunteerFacts f;
    f.verifiedHours = 80;
    CHECK(starsForHours(serviceHoursOf(f), thresholds) == 0);
    f.rosterHours = 30;   // 80 + 30 = 110 ≥ 100: ★1
    CHECK(serviceHoursOf(f) == 110);
    CHECK(starsForHours(serviceHoursOf(f), thresholds) == 1);
}

TEST_CASE("which award states are titles held") {
    CHECK(titleStatusCounts("命名"));
    CHECK(titleStatusCounts("复核"));
    CHECK_FALSE(titleStatusCounts("申报"));
    CHECK_FALSE(titleStatusCounts("创建"));
    CHECK_FALSE(titleStatusCounts("考核验收"));
    CHECK_FALSE(titleStatusCounts("撤销"));
    CHECK(titleLevelRank("社区") == 0);
    CHECK(titleLevelRank("市") == 5);   // after 区, 县(市), 行业/系统
    CHECK(titleLevelRank("全国") == 7);
    CHECK(titleLevelRank("乡") == -1);
}

TEST_CASE("roster history belongs to all time only: a roster says how much, not when") {
    CHECK(rosterHistoryCountsIn(Period::allTime()));
    CHECK_FALSE(rosterHistoryCountsIn(Period::ofYear(2024)));
    CHECK_FALSE(rosterHistoryCountsIn(Period::ofQuarter(2024, 4)));
    CHECK_FALSE(rosterHistoryCountsIn(Period::ofMonth(2024, 12)));
}
