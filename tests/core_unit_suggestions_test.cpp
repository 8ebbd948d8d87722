// core_unit_suggestions_test.cpp — a roster's unknown 所属社区 names and the
// units they most likely mean, with realistic names.
#include "core/unit_suggestions.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using namespace jinguo::roster;

namespace {

std::vector<OrgUnit> tree() {
    return {
        {1, 0, "临江区", UnitKind::District, 0, 0},
        {2, 1, "滨江街道", UnitKind::Street, 0, 0},
        {3, 1, "桃源镇", UnitKind::Town, 0, 0},
        {10, 2, "向阳社区", UnitKind::Community, 0, 0},
        {11, 2, "望江社区", UnitKind::Community, 0, 0},
        {12, 2, "幸福社区", UnitKind::Community, 0, 0},
        {13, 2, "向阳花园社区", UnitKind::Community, 0, 0},
        {14, 2, "和平社区", UnitKind::Community, 0, 0},
        {20, 3, "桃源村", UnitKind::Village, 0, 0},
        {21, 3, "向阳村", UnitKind::Village, 0, 0},
        {22, 3, "白鹭村", UnitKind::Village, 0, 0},
    };
}

const UnknownUnitName* find(const std::vector<UnknownUnitName>& list, const std::string& name) {
    for (const auto& u : list)
        if (u.name == name) return &u;
    return nullptr;
}

} // namespace

TEST_CASE("unitNameKey drops committee suffixes, spaces and full-width forms") {
    CHECK(unitNameKey("向阳社区居委会") == "向阳社区");
    CHECK(unitNameKey("向阳社区居民委员会") == "向阳社区");
    CHECK(unitNameKey("向阳居委会") == "向阳社区");
    CHECK(unitNameKey("向阳居民委员会") == "向阳社区");
    CHECK(unitNameKey("桃源村委会") == "桃源村");
    CHECK(unitNameKey("桃源村民委员会") == "桃源村");
    CHECK(unitNameKey(" 向阳　社区 ") == "向阳社区");
    CHECK(unitNameKey("第１社区") == "第1社区");
    CHECK(unitNameKey("居委会") == "居委会");   // nothing left without it: kept
    CHECK(unitNameKey("向阳社区") == "向阳社区");
}

TEST_CASE("known names are left out; unknown ones keep their row counts, in name order") {
    const auto list = unknownUnitNames({{"向阳社区", 12}, {"向阳社区居委会", 7}, {"新星社区", 3}, {"", 2}}, tree());
    REQUIRE(list.size() == 2);
    CHECK(list[0].name < list[1].name);
    const auto* committee = find(list, "向阳社区居委会");
    REQUIRE(committee);
    CHECK(committee->rows == 7);
    const auto* fresh = find(list, "新星社区");
    REQUIRE(fresh);
    CHECK(fresh->rows == 3);
}

TEST_CASE("the same unit under a committee name is suggested first, at most three, best first") {
    const auto list = unknownUnitNames({{"向阳社区居委会", 7}}, tree());
    REQUIRE(list.size() == 1);
    const auto& s = list[0].suggestions;
    REQUIRE(!s.empty());
    CHECK(s.size() <= kMaxUnitSuggestions);
    CHECK(s[0].id == 10);
    CHECK(s[0].name == "向阳社区");
    CHECK(s[0].parentName == "滨江街道");
    CHECK(s[0].score == 100);
    // 向阳村 (same name, other tier) before 向阳花园社区 (a longer name).
    REQUIRE(s.size() >= 2);
    CHECK(s[1].id == 21);
    for (std::size_t i = 1; i < s.size(); ++i) CHECK(s[i - 1].score >= s[i].score);
}

TEST_CASE("villages, spaces, full-width and a typo find their unit; unrelated names get nothing") {
    const auto list = unknownUnitNames(
        {{"桃源村民委员会", 4}, {"望江 社区", 2}, {"和平社 区居委会", 1}, {"幸福社", 5}, {"长江路社区", 9}, {"白露村", 3}},
        tree());
    REQUIRE(list.size() == 6);
    CHECK(find(list, "桃源村民委员会")->suggestions.at(0).id == 20);
    CHECK(find(list, "桃源村民委员会")->suggestions.at(0).score == 100);
    CHECK(find(list, "望江 社区")->suggestions.at(0).id == 11);
    CHECK(find(list, "和平社 区居委会")->suggestions.at(0).id == 14);
    CHECK(find(list, "幸福社")->suggestions.at(0).id == 12);
    CHECK(find(list, "白露村")->suggestions.at(0).id == 22);   // 露 for 鹭: one character off
    CHECK(find(list, "长江路社区")->suggestions.empty());       // shares only 社区: nothing to suggest
}

TEST_CASE("only 社区/村 are suggested: a street's name is not where rows go") {
    const auto list = unknownUnitNames({{"滨江街道", 3}}, tree());
    REQUIRE(list.size() == 1);
    for (const auto& s : list[0].suggestions) CHECK(s.id >= 10);
}

TEST_CASE("kindForNewCommunity: 村 for village names, 社区 otherwise") {
    CHECK(kindForNewCommunity("新星社区") == UnitKind::Community);
    CHECK(kindForNewCommunity("新星社区居委会") == UnitKind::Community);
    CHECK(kindForNewCommunity("大王村") == UnitKind::Village);
    CHECK(kindForNewCommunity("大王村村民委员会") == UnitKind::Village);
    CHECK(kindForNewCommunity("金桥花园") == UnitKind::Community);
}
