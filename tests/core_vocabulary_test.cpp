// core_vocabulary_test.cpp — unit kinds and their tiers, title levels, award
// statuses: the stored words, their order, and the words built from them.
#include <doctest/doctest.h>

#include "core/boards.hpp"
#include "core/points.hpp"
#include "core/post_rules.hpp"
#include "core/vocabulary.hpp"

#include <string>

using namespace jinguo;

TEST_CASE("unit kinds: stored words, tiers, parse and back") {
    // The words of the schema's CHECK (0014_unit_kinds.sql), in tree order.
    std::string words;
    for (const UnitKindInfo& k : kUnitKinds) words += std::string(k.stored) + " ";
    CHECK(words == "区 县(市) 街道 镇 乡 社区 村 ");
    for (const UnitKindInfo& k : kUnitKinds) {
        REQUIRE(parseUnitKind(k.stored).has_value());
        CHECK(*parseUnitKind(k.stored) == k.kind);
        CHECK(std::string(toWord(k.kind)) == k.stored);
        CHECK(tierOf(k.kind) == k.tier);
    }
    CHECK(parseUnitKind("乡") == UnitKind::Township);
    CHECK(isStreetKind(*parseUnitKind("乡")));
    CHECK(isDistrictKind(*parseUnitKind("县(市)")));
    CHECK(tierKindsText(UnitTier::Street) == "街道/镇/乡");
    CHECK_FALSE(parseUnitKind("居委会").has_value());
    CHECK(rootKindFor("临江区") == UnitKind::District);
    CHECK(rootKindFor("安吉县") == UnitKind::County);
    CHECK(rootKindFor("义乌市") == UnitKind::County);
    CHECK(rootKindFor("市") == UnitKind::District);   // a name, not only the suffix
    CHECK_FALSE(parseUnitKind("").has_value());
    CHECK_FALSE(parseUnitKind("市").has_value());

    CHECK(isDistrictKind(*parseUnitKind("区")));
    CHECK(isStreetKind(*parseUnitKind("街道")));
    CHECK(isStreetKind(*parseUnitKind("镇")));
    CHECK(isCommunityKind(*parseUnitKind("社区")));
    CHECK(isCommunityKind(*parseUnitKind("村")));
    CHECK_FALSE(isStreetKind(*parseUnitKind("社区")));
    CHECK_FALSE(isCommunityKind(*parseUnitKind("镇")));
    CHECK_FALSE(parseUnitKind("小区").has_value());

    CHECK(tierDepth(UnitKind::District) == 0);
    CHECK(tierDepth(UnitKind::Town) == 1);
    CHECK(tierDepth(UnitKind::Village) == 2);
}

TEST_CASE("unit tiers: parents and the words messages use") {
    CHECK_FALSE(parentTier(UnitTier::District).has_value());
    CHECK(parentTier(UnitTier::Street) == UnitTier::District);
    CHECK(parentTier(UnitTier::Community) == UnitTier::Street);
    CHECK(tierKindsText(UnitTier::Street) == "街道/镇/乡");
    CHECK(tierKindsText(UnitTier::Community) == "社区/村");
    CHECK(tierKindsText(UnitTier::Street, "或") == "街道或镇或乡");
    CHECK(tierKindsText(UnitTier::District) == "区/县(市)");
    CHECK(allKindsText("、", " 或 ") == "区、县(市)、街道、镇、乡、社区 或 村");
    CHECK(firstKindOf(UnitTier::Street) == UnitKind::Street);
    CHECK(firstKindOf(UnitTier::Community) == UnitKind::Community);
}

TEST_CASE("title levels: order and rank") {
    CHECK(kTitleLevels.size() == 8);   // 县(市) and 行业/系统 since 0017
    for (std::size_t i = 0; i < kTitleLevelWords.size(); ++i) {
        CHECK(titleLevelRank(kTitleLevelWords[i]) == static_cast<int>(i));
        REQUIRE(parseTitleLevel(kTitleLevelWords[i]).has_value());
        CHECK(std::string(toWord(*parseTitleLevel(kTitleLevelWords[i]))) == kTitleLevelWords[i]);
    }
    CHECK(titleLevelRank("社区") < titleLevelRank("街道"));
    CHECK(titleLevelRank("省") < titleLevelRank("全国"));
    CHECK(titleLevelRank("县") == -1);
    CHECK(rankOf(TitleLevel::District) == titleLevelRank("区"));
    CHECK(levelWithSuffix("区") == "区级");
    CHECK(levelWithSuffix("全国") == "全国");
    // The post levels are title levels in the same order, lowest first.
    for (std::size_t i = 0; i < kPostLevelWords.size(); ++i) {
        CHECK(titleLevelRank(kPostLevelWords[i]) >= rankOf(TitleLevel::District));
        if (i > 0) CHECK(titleLevelRank(kPostLevelWords[i]) > titleLevelRank(kPostLevelWords[i - 1]));
        CHECK(posts::levelRank(kPostLevelWords[i]) == static_cast<int>(i));
    }
    // 县(市) names at the tier of 区, 行业/系统 between those and 市.
    CHECK(titleLevelRank("县(市)") > titleLevelRank("区"));
    CHECK(titleLevelRank("行业/系统") > titleLevelRank("县(市)"));
    CHECK(titleLevelRank("行业/系统") < titleLevelRank("市"));
    CHECK(levelWithSuffix("县(市)") == "县(市)级");
}

TEST_CASE("award statuses: the lifecycle in order, held or not") {
    std::string words;
    for (const char* w : kAwardStatusWords) words += std::string(w) + " ";
    CHECK(words == "申报 创建 考核验收 命名 复核 撤销 ");
    CHECK(std::string(posts::kApply) == "申报");
    CHECK(std::string(posts::kRevoke) == "撤销");
    for (const char* w : kAwardStatusWords) {
        REQUIRE(parseAwardStatus(w).has_value());
        CHECK(std::string(toWord(*parseAwardStatus(w))) == w);
        CHECK(posts::isStatus(w));
    }
    CHECK_FALSE(parseAwardStatus("通过").has_value());
    CHECK(titleStatusCounts("命名"));
    CHECK(titleStatusCounts("复核"));
    CHECK_FALSE(titleStatusCounts("考核验收"));
    CHECK_FALSE(titleStatusCounts("撤销"));
    CHECK_FALSE(titleStatusCounts(""));
}

TEST_CASE("boards: codes, labels and metrics") {
    for (Board b : {Board::Volunteers, Board::Communities, Board::Streets, Board::Posts}) {
        CHECK(boardFromCode(boardCode(b)) == b);
        CHECK(defaultMetric(b) == metricsOf(b).front());
        for (BoardMetric m : metricsOf(b)) {
            CHECK(boardOffers(b, m));
            CHECK(metricFromCode(metricCode(m)) == m);
        }
    }
    CHECK(std::string(boardLabel(Board::Streets)) == "街道榜");
    CHECK(std::string(metricLabel(BoardMetric::Rate)) == "创建率");
    CHECK_FALSE(boardOffers(Board::Volunteers, BoardMetric::Rate));
    CHECK_FALSE(boardFromCode("towns").has_value());
}

// A kind, level or status added to its enum but not to its table (or a row
// whose enum value is out of place) would make info()/toWord() answer with
// another kind's row: every enum value from 0 to the table's size must be the
// row at its own index, and every tier must have a kind. A new kind (乡 was
// one) is a new enum value plus its row, in tree order.
TEST_CASE("vocabulary tables: every kind, level and status has its row") {
    for (std::size_t i = 0; i < kUnitKinds.size(); ++i) {
        const auto kind = static_cast<UnitKind>(i);
        CHECK(&info(kind) == &kUnitKinds[i]);
        CHECK(std::string(toWord(kind)) == kUnitKinds[i].stored);
        CHECK(std::string(shownWord(kind)).size() > 0);
        if (i > 0) CHECK(kUnitKinds[i - 1].tier <= kUnitKinds[i].tier);   // tree order
        for (std::size_t j = 0; j < i; ++j) CHECK(std::string(kUnitKinds[j].stored) != kUnitKinds[i].stored);
    }
    std::string everyTier;
    for (const UnitTier tier : {UnitTier::District, UnitTier::Street, UnitTier::Community}) {
        CHECK_FALSE(tierKindsText(tier).empty());
        CHECK(tierOf(firstKindOf(tier)) == tier);
        everyTier += tierKindsText(tier, "");
    }
    std::string everyKind;
    for (const UnitKindInfo& k : kUnitKinds) everyKind += k.shown;
    CHECK(everyTier == everyKind);
    CHECK(allKindsText("", "") == everyKind);

    for (std::size_t i = 0; i < kTitleLevelWords.size(); ++i) {
        REQUIRE(parseTitleLevel(kTitleLevelWords[i]).has_value());
        CHECK(static_cast<std::size_t>(*parseTitleLevel(kTitleLevelWords[i])) == i);
    }
    CHECK(toWord(TitleLevel::Nation) == kTitleLevelWords.back());
    for (std::size_t i = 0; i < kAwardStatusWords.size(); ++i) {
        REQUIRE(parseAwardStatus(kAwardStatusWords[i]).has_value());
        CHECK(static_cast<std::size_t>(*parseAwardStatus(kAwardStatusWords[i])) == i);
    }
    CHECK(toWord(AwardStatus::Revoke) == kAwardStatusWords.back());
}
