// storage_slide_figures_test.cpp — the slide figures read through indexes
// (the award wall, a street's 本年度获评家庭) are the figures of their plain
// definitions over the base tables, on the demo district, for the district
// and for every street, in two years.
#include <doctest/doctest.h>

#include "demo/demo.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "support/demo_copy.hpp"

#include <string>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// The units of `scope`'s subtree (0: every unit), as the test's own SQL.
const char* const kSubtree =
    "WITH RECURSIVE sub(id) AS (SELECT id FROM org_unit WHERE (?1 = 0 AND parent_id IS NULL) OR id = ?1 "
    "UNION SELECT c.id FROM org_unit c JOIN sub ON c.parent_id = sub.id) ";

double scalar(Storage& s, const std::string& sql, RowId scope, int year) {
    Statement st = s.db().prepare(sql);
    st.bind(1, scope).bind(2, year);
    REQUIRE(st.step());
    return st.columnDouble(0);
}

double figure(const SlideData& data, const std::string& label) {
    for (const HeadlineFigure& f : data.figures)
        if (f.label == label) return f.value;
    FAIL("no figure " << label);
    return -1;
}

} // namespace

TEST_CASE("slide figures read through indexes equal their definitions over the base tables") {
    test::DemoDbPath path;
    Storage s(path.str());
    SlideDataStore store(s);
    int streetsChecked = 0, wallsChecked = 0;
    for (const int year : {2025, 2026}) {
        CAPTURE(year);
        for (const SlideScopeOption& scope : store.scopes()) {
            CAPTURE(scope.name);
            const SlideData data = store.load(year, scope.unitId, "2026-11-29", 100000);
            // The wall: every held title of the year at 区 level and above, of a
            // family or a person counted in the scope.
            const double wall = scalar(s, std::string(kSubtree) +
                "SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id "
                "LEFT JOIN family f ON f.id = a.family_id LEFT JOIN person p ON p.id = a.person_id "
                "WHERE a.year = ?2 AND a.status IN ('命名', '复核') AND t.level IN ('区', '县(市)', '行业/系统', '市', '省', '全国') "
                "AND (a.family_id IS NOT NULL OR a.person_id IS NOT NULL) "
                "AND coalesce(a.unit_id, f.unit_id, p.unit_id) IN sub", scope.unitId, year);
            CHECK(data.wallTotal == wall);
            CHECK(static_cast<double>(data.wall.size()) == wall);
            if (wall > 0) ++wallsChecked;
            if (scope.unitId == 0) continue;
            // A street's families named in the year.
            const double families = scalar(s, std::string(kSubtree) +
                "SELECT count(DISTINCT a.family_id) FROM award a JOIN family f ON f.id = a.family_id "
                "WHERE a.year = ?2 AND a.status IN ('命名', '复核') AND ifnull(a.unit_id, f.unit_id) IN sub",
                scope.unitId, year);
            CHECK(figure(data, "本年度获评家庭") == families);
            if (families > 0) ++streetsChecked;
        }
    }
    CHECK(streetsChecked > 6);
    CHECK(wallsChecked > 6);
}
