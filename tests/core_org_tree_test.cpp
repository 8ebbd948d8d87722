// core_org_tree_test.cpp — the organization tree: find, within, subtree,
// roots, depth, and parent loops that must end every walk.
#include <doctest/doctest.h>

#include "core/org_tree.hpp"

#include <algorithm>

using namespace jinguo;

namespace {

OrgUnit unit(RowId id, RowId parent, const char* name, UnitKind kind) {
    OrgUnit u;
    u.id = id;
    u.parentId = parent;
    u.name = name;
    u.kind = kind;
    return u;
}

OrgTree district() {
    return OrgTree({unit(1, 0, "临江区", UnitKind::District), unit(2, 1, "江滨街道", UnitKind::Street), unit(3, 1, "临浦镇", UnitKind::Town),
                    unit(4, 2, "望月社区", UnitKind::Community), unit(5, 2, "滨江社区", UnitKind::Community), unit(6, 3, "横溪村", UnitKind::Village)});
}

} // namespace

TEST_CASE("OrgTree: find, names, roots") {
    const OrgTree t = district();
    CHECK(t.size() == 6);
    REQUIRE(t.find(4) != nullptr);
    CHECK(t.find(4)->name == "望月社区");
    CHECK(t.find(99) == nullptr);
    CHECK(t.nameOf(6) == "横溪村");
    CHECK(t.nameOf(99).empty());
    CHECK(t.parentNameOf(6) == "临浦镇");
    CHECK(t.parentNameOf(1).empty());
    CHECK(t.parentOf(5) == 2);
    CHECK(t.indexOf(3) == 2);
    CHECK(t.indexOf(99) == OrgTree::npos);
    CHECK(t.roots() == std::vector<RowId>{1});
    CHECK(t.soleRoot() == 1);
    CHECK(t.depthOf(1) == 0);
    CHECK(t.depthOf(2) == 1);
    CHECK(t.depthOf(6) == 2);
}

TEST_CASE("OrgTree: within and subtree") {
    const OrgTree t = district();
    CHECK(t.within(4, 2));
    CHECK(t.within(4, 1));
    CHECK(t.within(2, 2));
    CHECK_FALSE(t.within(6, 2));
    CHECK_FALSE(t.within(1, 2));
    CHECK_FALSE(t.within(99, 1));
    CHECK(t.within(99, 99));   // a unit is within itself, known or not
    CHECK(t.subtree(2) == std::vector<RowId>{2, 4, 5});
    CHECK(t.subtree(1) == std::vector<RowId>{1, 2, 3, 4, 5, 6});
    CHECK(t.subtree(6) == std::vector<RowId>{6});
    CHECK(t.subtree(99).empty());
}

TEST_CASE("OrgTree: a missing parent makes a root; a parent loop ends every walk") {
    const OrgTree orphan({unit(1, 0, "临江区", UnitKind::District), unit(7, 42, "无主社区", UnitKind::Community)});
    CHECK(orphan.roots() == std::vector<RowId>{1, 7});
    CHECK(orphan.soleRoot() == 0);
    CHECK(orphan.subtree(7) == std::vector<RowId>{7});

    // 2 → 3 → 2: the schema cannot rule it out.
    const OrgTree loop({unit(1, 0, "临江区", UnitKind::District), unit(2, 3, "甲", UnitKind::Street), unit(3, 2, "乙", UnitKind::Community)});
    CHECK_FALSE(loop.within(2, 1));
    CHECK(loop.within(2, 3));
    CHECK(loop.within(3, 2));
    const auto& s = loop.subtree(2);
    CHECK(std::count(s.begin(), s.end(), RowId{2}) == 1);
    CHECK(std::count(s.begin(), s.end(), RowId{3}) == 1);
    CHECK(loop.depthOf(2) >= 0);   // ends
    CHECK(OrgTree().empty());
    CHECK(OrgTree().soleRoot() == 0);
}
