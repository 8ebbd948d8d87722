// core_unit_match_test.cpp — 所属社区 with 所属街道 (core/unit_match.hpp): the
// match among same-named 社区/村, street names as rosters write them, the
// "街道/社区" cell, the 所属街道 headers, and the messages naming the streets.
#include <doctest/doctest.h>

#include "core/roster_mapping.hpp"
#include "core/import_templates.hpp"
#include "core/roster_rows.hpp"
#include "core/unit_match.hpp"

#include <algorithm>
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

TEST_CASE("所属街道 headers map to the street field of every kind that names a 社区 or a unit, not of units or reviews") {
    using roster::Field;
    using roster::RosterKind;
    for (const char* h : {"所属街道", "街道", "街道/乡镇", "乡镇(街道)", "所在街道", "街道（乡镇）", "所属乡镇", "镇街"}) {
        CAPTURE(h);
        for (RosterKind kind : {RosterKind::Volunteers, RosterKind::Families, RosterKind::Targets, RosterKind::Indicators,
                                RosterKind::Honours, RosterKind::Posts, RosterKind::Activities}) {
            CAPTURE(roster::kindKey(kind));
            CHECK(roster::matchHeader(h, kind).field == Field::Street);
        }
    }
    CHECK(roster::matchHeader("所属街道", RosterKind::Units).field == Field::Ignored);
    CHECK(roster::matchHeader("所属街道", RosterKind::Reviews).field == Field::Ignored);
    // In a record file 所属社区 is the unit the record counts for, beside its street.
    CHECK(roster::matchHeader("所属社区", RosterKind::Honours).field == Field::OwnerUnit);
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

TEST_CASE("unitMatchNote: refusals, the street warning and silence, in one wording for rosters and records") {
    const std::vector<roster::CommunityCandidate> xincun = {{11, 1, "江滨街道"}, {12, 2, "城关街道"}};
    const std::vector<roster::CommunityCandidate> xingfu = {{13, 1, "江滨街道"}};

    const auto ambiguous = roster::unitMatchNote(roster::matchCommunity(xincun, ""), "新村社区", "", true, "单位", true);
    REQUIRE(ambiguous.code != nullptr);
    CHECK(std::string(ambiguous.code) == roster::code::kUnitAmbiguous);
    CHECK(ambiguous.refused);
    CHECK_FALSE(ambiguous.aboutStreet);
    CHECK(ambiguous.message.find("单位“新村社区”在江滨街道、城关街道都有") != std::string::npos);
    CHECK(ambiguous.message.find("请在“所属街道”列写明街道（如“江滨街道”）") != std::string::npos);
    CHECK(ambiguous.message.find("把单位写成“江滨街道/新村社区”") != std::string::npos);

    const auto misspelt =
        roster::unitMatchNote(roster::matchCommunity(xincun, "江宾街道"), "新村社区", "江宾街道", false, "单位");
    REQUIRE(misspelt.code != nullptr);
    CHECK(std::string(misspelt.code) == roster::code::kUnitNotInStreet);
    CHECK(misspelt.refused);
    CHECK(misspelt.aboutStreet);
    CHECK(misspelt.message.find("本行未导入") != std::string::npos);
    CHECK(misspelt.message.find("请改正所属街道或单位") != std::string::npos);

    const auto differs =
        roster::unitMatchNote(roster::matchCommunity(xingfu, "城关街道"), "幸福社区", "城关街道", true, "单位");
    REQUIRE(differs.code != nullptr);
    CHECK(std::string(differs.code) == roster::code::kUnitStreetDiffers);
    CHECK_FALSE(differs.refused);
    CHECK(roster::isWarning(differs.code));
    CHECK(differs.message.find("“幸福社区”只在江滨街道有") != std::string::npos);

    CHECK(roster::unitMatchNote(roster::matchCommunity(xincun, "城关"), "新村社区", "城关", true).code == nullptr);
    CHECK(roster::unitMatchNote(roster::matchCommunity({}, ""), "新材社区", "", true).code == nullptr);   // Unknown
    // The rosters' words are unchanged by default.
    CHECK(roster::ambiguousUnitMessage("新村社区", {"江滨街道"}, true).find("把所属社区写成") != std::string::npos);
}

TEST_CASE("the record templates carry 所属街道 just before the unit, with its note in 填写说明") {
    using roster::RosterKind;
    for (RosterKind kind : {RosterKind::Targets, RosterKind::Indicators, RosterKind::Honours, RosterKind::Posts,
                            RosterKind::Activities}) {
        CAPTURE(roster::kindKey(kind));
        const std::vector<ExportTable> sheets = importTemplate(kind);
        REQUIRE(sheets.size() == 2);
        const std::vector<std::string>& headers = sheets[0].headers;
        const auto street = std::find(headers.begin(), headers.end(), "所属街道");
        REQUIRE(street != headers.end());
        REQUIRE(street + 1 != headers.end());
        CHECK(*(street + 1) == "单位");
        bool noted = false;
        for (const auto& row : sheets[1].rows)
            for (const std::string& cell : row) noted = noted || cell.find("所属街道填写单位所在的街道") != std::string::npos;
        CHECK(noted);
    }
}
