// storage_target_store_test.cpp — TargetStore: targets and manual indicators
// an organizer sets (add, change, remove, copy a year, 分解目标), their
// refusals and undo, and what Aggregates makes of them.
#include <doctest/doctest.h>

#include "core/targets.hpp"
#include "storage/aggregates.hpp"
#include "storage/stale_form.hpp"
#include "storage/storage.hpp"
#include "storage/target_store.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

using namespace jinguo;
using namespace jinguo::storage;

namespace {

struct District {
    test::TempDbPath path;
    Storage s{path.str()};
    const test::District built = test::buildDistrict(
        s, {0, {{"江滨街道", 0, 0, {{"望月社区", 100}}}, {"文昌街道", 0, 0, {{"书院社区", 300}}}}});
    RowId district = built.district;
    RowId street1 = built.street(0);
    RowId c1 = built.community(0);
    RowId c2 = built.community(1);
    // The catalogue (migration 0002) has them.
    RowId safe = s.awardTitleId("平安家庭", "family", "社区");
    RowId safeDistrict = s.awardTitleId("平安家庭", "family", "区");
    RowId post = s.awardTitleId("巾帼文明岗", "post", "区");

    Target rate(RowId unit, double goal, RowId title, bool atLevel = false, int year = 2026) {
        Target t;
        t.unitId = unit;
        t.year = year;
        t.metric = "title_rate";
        t.titleId = title;
        t.atLevel = atLevel;
        t.goal = goal;
        return t;
    }
};

} // namespace

TEST_CASE("TargetStore: a target is added once, changed in place, refused when wrong, undone") {
    District d;
    TargetStore targets(d.s);
    UndoStore undo(d.s);

    const RowId id = targets.save(d.rate(d.district, 0.9, d.safe));
    CHECK(undo.lastStep()->label == "设定目标 临江区 2026年");
    // Any level is about the name: the same target through the 区-level title.
    CHECK(targets.save(d.rate(d.district, 0.85, d.safeDistrict)) == id);
    CHECK(targets.targets(2026).size() == 1);
    CHECK(targets.target(id)->goal == doctest::Approx(0.85));
    // At 区 level it is another target.
    const RowId districtOnly = targets.save(d.rate(d.district, 0.25, d.safeDistrict, true));
    CHECK(districtOnly != id);
    CHECK(targets.targets(2026).size() == 2);

    // Refusals, nothing written.
    CHECK_THROWS_WITH_AS(targets.save(d.rate(d.district, 1.2, d.safe)), "创建率目标不能超过100%。", StorageError);
    CHECK_THROWS_WITH_AS(targets.save(d.rate(d.district, 0.9, 0)), "请选择这个目标针对的称号（如平安家庭）。",
                         StorageError);
    CHECK_THROWS_AS(targets.save(d.rate(d.district, 0.9, d.post)), StorageError);   // not a family title
    CHECK_THROWS_AS(targets.save(d.rate(9999, 0.9, d.safe)), StorageError);         // no such unit
    Target hours;
    hours.unitId = d.district;
    hours.year = 2026;
    hours.metric = "volunteer_hours";
    hours.goal = 50000;
    hours.atLevel = true;
    CHECK_THROWS_WITH_AS(targets.save(hours), "只有创建率目标可以限定级别。", StorageError);
    hours.atLevel = false;
    hours.metric = "hours";
    CHECK_THROWS_AS(targets.save(hours), StorageError);
    CHECK(targets.targets(2026).size() == 2);

    // A form that loaded the target before someone else changed it is refused.
    Target loaded = *targets.target(id);
    Target other = loaded;
    other.goal = 0.95;
    targets.save(other, &loaded);
    Target mine = loaded;
    mine.goal = 0.8;
    CHECK_THROWS_AS(targets.save(mine, &loaded), StaleFormError);
    CHECK(targets.target(id)->goal == doctest::Approx(0.95));

    // Changing the unit through the form moves the row, not a copy.
    Target moved = *targets.target(id);
    const Target asLoaded = moved;
    moved.unitId = d.street1;
    CHECK(targets.save(moved, &asLoaded) == id);
    CHECK(targets.target(id)->unitId == d.street1);
    CHECK(targets.targets(2026).size() == 2);

    CHECK(targets.remove(districtOnly));
    CHECK(targets.targets(2026).size() == 1);
    undo.undoLast();
    CHECK(targets.targets(2026).size() == 2);
}

TEST_CASE("TargetStore: copy last year's targets, and 分解目标 to every unit below") {
    District d;
    TargetStore targets(d.s);
    UndoStore undo(d.s);
    const RowId rate = targets.save(d.rate(d.district, 0.9, d.safe, false, 2025));
    Target hours;
    hours.unitId = d.district;
    hours.year = 2025;
    hours.metric = "volunteer_hours";
    hours.goal = 50000;
    targets.save(hours);

    CHECK(targets.copyYear(2025, 2026) == 2);
    CHECK(undo.lastStep()->label == "复制2025年的目标到2026年");
    CHECK(targets.copyYear(2025, 2026) == 0);   // nothing new to copy
    CHECK(targets.targets(2026).size() == 2);

    // The district's rate for its 2 streets and 2 communities; 书院 gets its own.
    CHECK(targets.distribute(rate, {{d.c2, 0.8}}) == 4);
    CHECK(undo.lastStep()->label == "分解目标 临江区 2025年");
    const std::vector<Target> all = targets.targets(2025);
    CHECK(all.size() == 6);
    int atC2 = 0;
    for (const Target& t : all)
        if (t.unitId == d.c2) {
            ++atC2;
            CHECK(t.goal == doctest::Approx(0.8));
        }
    CHECK(atC2 == 1);
    // Again with another goal: the same rows change, none is added.
    CHECK(targets.distribute(rate) == 4);
    CHECK(targets.targets(2025).size() == 6);
    undo.undoLast();
    undo.undoLast();
    CHECK(targets.targets(2025).size() == 2);
    CHECK_THROWS_AS(targets.distribute(targets.save(d.rate(d.c1, 0.9, d.safe, false, 2025))), StorageError);   // no units below
}

TEST_CASE("TargetStore: manual indicators are set per unit and year, changed in place, and reach a target") {
    District d;
    TargetStore targets(d.s);
    UndoStore undo(d.s);
    ManualIndicator m;
    m.unitId = d.district;
    m.year = 2026;
    m.name = " 来访件数 ";
    m.value = 12;
    m.unit = "件";
    const RowId id = targets.saveIndicator(m);
    CHECK(undo.lastStep()->label == "填写指标 临江区 来访件数");
    m.value = 14;
    CHECK(targets.saveIndicator(m) == id);
    CHECK(targets.indicators(2026).size() == 1);
    CHECK(targets.indicator(id)->name == "来访件数");
    CHECK(targets.indicator(id)->value == 14);
    m.name = "";
    CHECK_THROWS_WITH_AS(targets.saveIndicator(m), "请填写指标名称（如“来访件数”）。", StorageError);

    Target t;
    t.unitId = d.district;
    t.year = 2026;
    t.metric = "indicator";
    t.indicator = "来访件数";
    t.goal = 20;
    targets.save(t);
    Aggregates agg(d.s);
    const TargetsReport report = agg.targets(2026, *parseDate("2026-07-02"));
    REQUIRE(report.lines.size() == 1);
    CHECK(report.lines[0].progress.actual == 14);
    CHECK(targetMetricLabel(report.lines[0].target.metric, report.lines[0].subject) == "来访件数");

    CHECK(targets.removeIndicator(id));
    CHECK(targets.indicators(2026).empty());
    undo.undoLast();
    CHECK(targets.indicators(2026).size() == 1);
}
