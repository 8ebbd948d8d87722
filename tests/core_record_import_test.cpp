// core_record_import_test.cpp — the pure half of the units, targets and
// indicators imports: header synonyms per kind, cell readers, row checks with
// row numbers, and the units put parents first against a stored tree.
#include <doctest/doctest.h>

#include "core/record_import.hpp"

#include <map>
#include <set>

using namespace jinguo;
using namespace jinguo::roster;

namespace {

sheet::Cell text(const std::string& t) {
    sheet::Cell c;
    c.kind = sheet::Cell::Kind::Text;
    c.text = t;
    return c;
}

sheet::Row row(int number, const std::vector<std::string>& cells) {
    sheet::Row r;
    r.number = number;
    for (const std::string& t : cells) r.cells.push_back(t.empty() ? sheet::Cell{} : text(t));
    return r;
}

UnitRecord unit(int r, const std::string& name, const std::string& parent, UnitKind kind,
                std::optional<std::int64_t> households = {}) {
    return {r, name, parent, kind, households};
}

} // namespace

TEST_CASE("header synonyms per kind: 单位 is the unit's name in a units file, the owner in a targets file") {
    CHECK(matchHeader("单位名称", RosterKind::Units).field == Field::UnitName);
    CHECK(matchHeader("单位", RosterKind::Units).field == Field::UnitName);
    CHECK(matchHeader("上级单位", RosterKind::Units).field == Field::ParentUnit);
    CHECK(matchHeader("单位类型", RosterKind::Units).field == Field::UnitType);
    CHECK(matchHeader("户数", RosterKind::Units).field == Field::Households);
    CHECK(matchHeader("单位", RosterKind::Targets).field == Field::OwnerUnit);
    CHECK(matchHeader("单位名称", RosterKind::Indicators).field == Field::OwnerUnit);
    CHECK(matchHeader("指标", RosterKind::Targets).field == Field::Metric);
    CHECK(matchHeader("指标", RosterKind::Indicators).field == Field::IndicatorName);
    CHECK(matchHeader("称号", RosterKind::Targets).field == Field::Title);
    CHECK(matchHeader("目标值", RosterKind::Targets).field == Field::Goal);
    CHECK(matchHeader("计量单位", RosterKind::Indicators).field == Field::Measure);
    // Rosters are as before: 单位 and 类型 mean nothing there.
    CHECK_FALSE(matchHeader("单位", RosterKind::Volunteers).known);
    CHECK_FALSE(matchHeader("类型", RosterKind::Families).known);
    CHECK(kindFromKey("units") == RosterKind::Units);
    CHECK(kindFromKey("indicators") == RosterKind::Indicators);
    CHECK(isRecordKind(RosterKind::Targets));
    CHECK_FALSE(isRecordKind(RosterKind::Families));
}

TEST_CASE("cell readers: households, unit kinds (县(市) and 乡 with their spellings), indicator values") {
    CHECK(readHouseholdsCell(text("12,345户")).value == 12345);
    CHECK_FALSE(readHouseholdsCell(text("约600")).ok());
    CHECK_FALSE(readHouseholdsCell(text("-3")).ok());
    std::string code;
    CHECK(readUnitKindCell(text("街道办事处"), &code).value == UnitKind::Street);
    CHECK(readUnitKindCell(text("乡"), &code).value == UnitKind::Township);
    CHECK(readUnitKindCell(text("民族乡"), &code).value == UnitKind::Township);
    CHECK(readUnitKindCell(text("苏木"), &code).value == UnitKind::Township);
    CHECK(readUnitKindCell(text("县（市）"), &code).value == UnitKind::County);
    CHECK(readUnitKindCell(text("县级市"), &code).value == UnitKind::County);
    CHECK(readUnitKindCell(text("自治县"), &code).value == UnitKind::County);
    const auto bad = readUnitKindCell(text("小区"), &code);
    CHECK_FALSE(bad.ok());
    CHECK(code == code::kUnitKindInvalid);
    CHECK(bad.message.find("乡") != std::string::npos);   // the list of kinds comes from the vocabulary
    CHECK(readIndicatorValueCell(text("4,000元")).value == 4000);
    CHECK(readIndicatorValueCell(text("100%")).value == 100);
    CHECK_FALSE(readIndicatorValueCell(text("很多")).ok());
}

TEST_CASE("target rows: any level, one level, goals as written, every bad field named") {
    CollectedSheet s{"目标", {row(1, {"年度", "单位", "指标", "称号", "级别", "目标值"}),
                              row(2, {"2026", "临江区", "创建率", "平安家庭", "不限", "90%"}),
                              row(3, {"2026", "临江区", "创建率", "平安家庭", "区级", "0.25"}),
                              row(4, {"2026", "临江区", "注册志愿者", "", "", "1,200"}),
                              row(5, {"二〇二六", "", "幸福指数", "", "", "很多"}),
                              row(6, {}),
                              row(7, {"合计", "", "", "", "", ""})}};
    const RecordSheet r = validateRecordSheet(RosterKind::Targets, s, nullptr, true);
    REQUIRE(r.sheetProblems.empty());
    CHECK(r.rowsRead == 4);
    REQUIRE(r.targets.size() == 3);
    CHECK_FALSE(r.targets[0].atLevel);
    CHECK(r.targets[0].goal == doctest::Approx(0.9));
    CHECK(r.targets[1].atLevel);
    CHECK(r.targets[1].level == "区");
    CHECK(r.targets[1].goal == doctest::Approx(0.25));
    CHECK(r.targets[2].metric == "volunteers");
    CHECK(r.targets[2].goal == 1200);
    CHECK(r.rowsRejected == 1);
    std::set<std::string> codes;
    for (const Problem& p : r.problems) {
        CHECK(p.row == 5);
        codes.insert(p.code);
    }
    CHECK(codes == std::set<std::string>{code::kYearInvalid, code::kUnitMissing, code::kMetricInvalid, code::kGoalInvalid});
    CHECK(r.problemRows.size() == 1);
}

TEST_CASE("a sheet without the required columns is refused whole, saying which") {
    CollectedSheet s{"单位", {row(1, {"单位名称", "总户数"}), row(2, {"幸福社区", "100"})}};
    const RecordSheet r = validateRecordSheet(RosterKind::Units, s, nullptr, false);
    REQUIRE(r.sheetProblems.size() == 1);
    CHECK(r.sheetProblems[0].code == code::kColumnMissing);
    CHECK(r.sheetProblems[0].message.find("类型") != std::string::npos);
    CHECK(r.units.empty());
}

TEST_CASE("planUnits: parents first, stored units updated not added, unknown parents and cycles by row") {
    const std::vector<StoredUnit> stored = {{1, 0, "临江区", UnitKind::District, 0}, {2, 1, "滨江街道", UnitKind::Street, 0},
                                            {3, 2, "幸福社区", UnitKind::Community, 3000}};
    const std::vector<UnitRecord> rows = {
        unit(2, "新桥社区", "江南街道", UnitKind::Community, 700),   // its street comes later in the file
        unit(3, "幸福社区", "滨江街道", UnitKind::Community, 3300),  // stored: updated
        unit(4, "江南街道", "临江区", UnitKind::Street),
        unit(5, "望江社区", "江北街道", UnitKind::Community, 10),    // unknown parent
        unit(6, "甲社区", "乙社区", UnitKind::Community),            // a cycle
        unit(7, "乙社区", "甲社区", UnitKind::Community),
        unit(8, "丙社区", "南湖街道", UnitKind::Community),          // under a row refused by the row check
        unit(9, "和平社区", "滨江街道", UnitKind::Community),        // new, households empty → 0
        unit(10, "北湖街道", "外区", UnitKind::Street),           // unknown parent …
        unit(11, "北湖社区", "北湖街道", UnitKind::Community),       // … so its community is refused too
    };
    const std::vector<UnitRecord> refused = {unit(12, "南湖街道", "临江区", UnitKind::Township)};
    const UnitPlan plan = planUnits(rows, stored, refused, "上级单位", "单位名称");
    CHECK(plan.rejectedRows == std::vector<int>{5, 6, 7, 8, 10, 11});
    std::map<int, std::string> codeAt;
    for (const Problem& p : plan.problems) codeAt[p.row] = p.code;
    CHECK(codeAt[5] == code::kParentUnknown);
    CHECK(codeAt[6] == code::kUnitCycle);
    CHECK(codeAt[7] == code::kUnitCycle);
    CHECK(codeAt[8] == code::kParentRejected);
    CHECK(codeAt[10] == code::kParentUnknown);
    CHECK(codeAt[11] == code::kParentRejected);
    REQUIRE(plan.steps.size() == 4);
    // 江南街道 is placed before 新桥社区, which points at its step.
    int street = -1, xinqiao = -1;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (plan.steps[i].name == "江南街道") street = static_cast<int>(i);
        if (plan.steps[i].name == "新桥社区") xinqiao = static_cast<int>(i);
    }
    REQUIRE(street >= 0);
    REQUIRE(xinqiao > street);
    CHECK(plan.steps[xinqiao].parentStep == street);
    CHECK(plan.steps[street].parentId == 1);
    for (const UnitStep& s : plan.steps) {
        if (s.name == "幸福社区") {
            CHECK(s.existingId == 3);
            CHECK(s.households == 3300);
        }
        if (s.name == "和平社区") {
            CHECK(s.existingId == 0);
            CHECK(s.households == 0);
        }
    }
}

TEST_CASE("honours, posts, activities: header synonyms, and every bad cell named with its row") {
    CHECK(kindFromKey("honours") == RosterKind::Honours);
    CHECK(kindFromKey("posts") == RosterKind::Posts);
    CHECK(kindFromKey("activities") == RosterKind::Activities);
    CHECK(isRecordKind(RosterKind::Activities));
    CHECK(matchHeader("所属社区", RosterKind::Honours).field == Field::OwnerUnit);
    CHECK(matchHeader("集体名称", RosterKind::Honours).field == Field::CollectiveName);
    CHECK(matchHeader("所在单位", RosterKind::Posts).field == Field::WorkUnit);
    CHECK(matchHeader("当前级别", RosterKind::Posts).field == Field::Level);
    CHECK(matchHeader("类型", RosterKind::Activities).field == Field::ActivityKind);
    CHECK(matchHeader("人数", RosterKind::Activities).field == Field::Participants);
    CHECK(matchHeader("人数", RosterKind::Posts).field == Field::Members);
    CHECK(matchHeader("活动日期", RosterKind::Activities).field == Field::HeldOn);
    CHECK(fieldFromKey("participants") == Field::Participants);

    CollectedSheet s{"荣誉", {row(1, {"姓名", "集体名称", "单位", "荣誉称号", "级别", "年度", "状态"}),
                              row(2, {"王芳", "", "幸福社区", "三八红旗手", "区级", "2026", ""}),
                              row(3, {"王芳", "妇联", "幸福社区", "三八红旗手", "区", "2026", ""}),
                              row(4, {"李娜", "", "", "三八红旗手", "区", "2026", "已命名"}),
                              row(5, {"赵敏", "", "幸福社区", "三八红旗手", "区", "2026", "通过"})}};
    const RecordSheet h = validateRecordSheet(RosterKind::Honours, s, nullptr, false);
    REQUIRE(h.honours.size() == 1);
    CHECK(h.honours[0].level == "区");
    CHECK(h.honours[0].status == "命名");
    REQUIRE(h.problems.size() == 3);
    CHECK(h.problems[0].row == 3);
    CHECK(h.problems[0].code == std::string(code::kHolderAmbiguous));
    CHECK(h.problems[1].row == 4);
    CHECK(h.problems[1].code == std::string(code::kUnitMissing));
    CHECK(h.problems[2].row == 5);
    CHECK(h.problems[2].message.find("通过") != std::string::npos);

    CollectedSheet a{"活动", {row(1, {"活动名称", "日期", "参与人数"}), row(2, {"宣传", "2026/3/8", "12人"}),
                              row(3, {"讲座", "2026年3月9日", "-1"}), row(4, {"巡逻", "", "3"})}};
    const RecordSheet r = validateRecordSheet(RosterKind::Activities, a, nullptr, false);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].heldOn == "2026-03-08");
    CHECK(r.activities[0].participants == 12);
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].code == std::string(code::kCountInvalid));
    CHECK(r.problems[1].code == std::string(code::kDateInvalid));
    CHECK(r.problems[1].message.find("日期为空") != std::string::npos);

    // A sheet without 姓名 or 集体名称 is refused whole.
    CollectedSheet none{"荣誉", {row(1, {"单位", "荣誉称号", "级别", "年度"}), row(2, {"幸福社区", "三八红旗手", "区", "2026"})}};
    const RecordSheet n = validateRecordSheet(RosterKind::Honours, none, nullptr, false);
    REQUIRE(n.sheetProblems.size() == 1);
    CHECK(n.sheetProblems[0].message.find("集体名称") != std::string::npos);
}
