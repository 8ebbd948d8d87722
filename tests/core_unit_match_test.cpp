// core_unit_match_test.cpp — 所属社区 with 所属街道 (core/unit_match.hpp): the
// match among same-named 社区/村, street names as rosters write them, the
// "街道/社区" cell, the 所属街道 headers, and the messages naming the streets.
#include <doctest/doctest.h>

#include "core/roster_mapping.hpp"
#include "core/unit_match.hpp"

#include <set>

using namespace jinguo;
using roster::UnitVerdict;

namespace {

const std::vector<roster::CommunityCandidate> kXincun = {{11, 1, "江滨街道"}, {21, 2, "城关街道"}};

} // namespace

TEST_CASE("one name in two streets: the street decides; without one, or with another, no guess") {
    CHECK(roster::matchCommunity({}, "江滨街道").verdict == UnitVerdict::Unknown);
    const auto unique = roster::matchCommunity({{31, 1, "江滨街道"}}, "");
    CHECK(unique.verdict == UnitVerdict::Found);
    CHECK(unique.id == 31);

    const auto none = roster::matchCommunity(kXincun, "");
    CHECK(none.verdict == UnitVerdict::Ambiguous);
    CHECK(none.id == 0);
    CHECK(none.candidates == std::vector<RowId>{11, 21});
    CHECK(none.streets == std::vector<std::string>{"江滨街道", "城关街道"});

    CHECK(roster::matchCommunity(kXincun, "城关街道").id == 21);
    CHECK(roster::matchCommunity(kXincun, "江滨").id == 11);                // without its ending
    CHECK(roster::matchCommunity(kXincun, "江滨街道办事处").id == 11);
    const auto misspelt = roster::matchCommunity(kXincun, "江宾街道");
    CHECK(misspelt.verdict == UnitVerdict::NotInStreet);
    CHECK(misspelt.streets == std::vector<std::string>{"江滨街道", "城关街道"});
    // A unique name in another street than the one written: still that 社区 (as before the
    // column), said by a warning — the wizard's 新建 puts new 社区 under one street.
    const auto elsewhere = roster::matchCommunity({{31, 1, "江滨街道"}}, "城关街道");
    CHECK(elsewhere.verdict == UnitVerdict::Found);
    CHECK(elsewhere.id == 31);
    CHECK(elsewhere.streetDiffers);
    CHECK(elsewhere.streets == std::vector<std::string>{"江滨街道"});
    CHECK_FALSE(roster::matchCommunity(kXincun, "城关街道").streetDiffers);
    // Two of one name in the same street: the street does not help.
    const auto twice = roster::matchCommunity({{41, 1, "江滨街道"}, {42, 1, "江滨街道"}}, "江滨街道");
    CHECK(twice.verdict == UnitVerdict::Ambiguous);
    CHECK(twice.streets == std::vector<std::string>{"江滨街道"});
}

TEST_CASE("street names compare without 街道/街道办事处/镇/乡") {
    CHECK(roster::streetNameKey("江滨街道") == "江滨");
    CHECK(roster::streetNameKey("江滨街道办事处") == "江滨");
    CHECK(roster::streetNameKey(" 江滨街道办 ") == "江滨");
    CHECK(roster::streetNameKey("城关镇") == "城关");
    CHECK(roster::streetNameKey("白沙乡") == "白沙");
    CHECK(roster::streetNameKey("街道") == "街道");   // only an ending: kept
}

TEST_CASE("街道 and 社区 in one cell: with a separator, or run together as the validator leaves a space") {
    const std::set<std::string> streets = {"江滨街道", "江滨", "城关街道", "城关"};
    const std::set<std::string> communities = {"新村社区", "城关社区"};
    auto isStreet = [&](std::string_view s) { return streets.count(std::string(s)) > 0; };
    auto isCommunity = [&](std::string_view s) { return communities.count(std::string(s)) > 0; };
    std::string street, community;
    REQUIRE(roster::splitStreetAndCommunity("江滨街道/新村社区", isStreet, isCommunity, street, community));
    CHECK(street == "江滨街道");
    CHECK(community == "新村社区");
    REQUIRE(roster::splitStreetAndCommunity("城关街道 ／ 新村社区", isStreet, isCommunity, street, community));
    CHECK(street == "城关街道");
    CHECK(community == "新村社区");
    REQUIRE(roster::splitStreetAndCommunity("城关街道城关社区", isStreet, isCommunity, street, community));
    CHECK(street == "城关街道");   // the longest street prefix, not 城关
    CHECK(community == "城关社区");
    CHECK_FALSE(roster::splitStreetAndCommunity("新村社区", isStreet, isCommunity, street, community));
    CHECK_FALSE(roster::splitStreetAndCommunity("江滨街道新材社区", isStreet, isCommunity, street, community));
    CHECK_FALSE(roster::splitStreetAndCommunity("/新村社区", isStreet, isCommunity, street, community));
}

TEST_CASE("所属街道 headers as rosters write them map to the street field of people and households only") {
    using roster::Field;
    using roster::RosterKind;
    for (const char* h : {"所属街道", "街道", "街道/乡镇", "乡镇(街道)", "所在街道", "街道（乡镇）", "所属乡镇", "镇街"}) {
        CAPTURE(h);
        CHECK(roster::matchHeader(h, RosterKind::Volunteers).field == Field::Street);
        CHECK(roster::matchHeader(h, RosterKind::Families).field == Field::Street);
    }
    CHECK(roster::matchHeader("所属街道", RosterKind::Units).field == Field::Ignored);
    CHECK(std::string(roster::fieldKey(Field::Street)) == "street");
    CHECK(roster::fieldFromKey("street") == Field::Street);
    CHECK(std::string(roster::fieldLabel(Field::Street)) == "所属街道");
}

TEST_CASE("the messages name the streets and say how to fix the row") {
    const std::vector<std::string> streets = {"江滨街道", "城关街道"};
    const std::string ambiguous = roster::ambiguousUnitMessage("新村社区", streets, true);
    CHECK(ambiguous.find("“新村社区”在江滨街道、城关街道都有") != std::string::npos);
    CHECK(ambiguous.find("本行不会导入") != std::string::npos);
    CHECK(ambiguous.find("加一列“所属街道”") != std::string::npos);
    CHECK(ambiguous.find("“江滨街道/新村社区”") != std::string::npos);
    CHECK(roster::ambiguousUnitMessage("新村社区", streets, false).find("本行未导入") != std::string::npos);
    const std::string wrong = roster::unitNotInStreetMessage("江宾街道", "新村社区", streets, false);
    CHECK(wrong.find("“江宾街道”下没有名为“新村社区”的社区/村") != std::string::npos);
    CHECK(wrong.find("江滨街道、城关街道") != std::string::npos);
    CHECK(roster::unitKeptMessage("新村社区", streets, true).find("已登记的家庭") != std::string::npos);
    const std::string differs = roster::streetDiffersMessage("城关街道", "幸福社区", "江滨街道");
    CHECK(differs.find("已归入江滨街道的“幸福社区”") != std::string::npos);
    CHECK(differs.find("在“组织”中新增") != std::string::npos);
}
