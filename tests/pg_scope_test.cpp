// pg_scope_test.cpp — a street's user on a district's server sees her
// subtree in the lists and the pickers (issue 18): counts equal the rows she
// can page through and what she reads with plain SQL (row security), not the
// district's kept counters; the district's user still counts everything;
// the units she may write are her subtree. Then her 家庭 screen, headless:
// its unit picker offers her communities only and its loading line goes.
// Her 目标: the district's goals and progress above her, read-only.
#include "cli/server_command.hpp"
#include "headless_ui.hpp"
#include "storage/family_list.hpp"
#include "storage/record_store.hpp"
#include "storage/session_scope.hpp"
#include "storage/storage.hpp"
#include "storage/target_store.hpp"
#include "storage/volunteer_list.hpp"
#include "storage/year_figures.hpp"
#include "support/pg_cluster.hpp"
#include "ui/app_state.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_targets.hpp"
#include "ui/task_runner.hpp"
#include "ui/ui_strings.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace jinguo;
using storage::Storage;

namespace {

std::string dbnameOf(const std::string& conninfo) {
    const std::size_t at = conninfo.find("dbname=") + 7;
    return conninfo.substr(at, conninfo.find(' ', at) - at);
}

void runServer(const std::vector<std::string>& args) {
    std::istringstream in;
    std::ostringstream out, err;
    REQUIRE_MESSAGE(cli::runServerCommand(args, in, out, err) == 0, err.str());
}

std::int64_t count(Storage& s, const std::string& sql) {
    storage::Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Role names are the cluster's: each district gets its own suffix.
int g_districts = 0;

// 临江区 → 江滨街道 (滨江社区, 江心社区), 文昌街道 (梅园社区); households and
// volunteers in each street, one of each unplaced, written by the owner
// through the app's stores (so the lists' kept rows are filled as in use).
// 江滨街道's 录入 user and the district's 管理员.
struct District {
    std::string conninfo = ::test::PgCluster::shared().createDatabase();
    std::string dbname = dbnameOf(conninfo);
    std::string suffix = std::to_string(++g_districts);
    std::string street = "jiangbin_" + suffix, district = "quadmin_" + suffix;
    RowId linjiang = 0, jiangbin = 0, binjiang = 0, jiangxin = 0, wenchang = 0, meiyuan = 0;

    District() {
        runServer({"init", conninfo});
        Storage owner(conninfo);
        storage::RecordStore records(owner);
        linjiang = records.addUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        jiangbin = records.addUnit({0, linjiang, "江滨街道", UnitKind::Street, 0, 0});
        binjiang = records.addUnit({0, jiangbin, "滨江社区", UnitKind::Community, 0, 0});
        jiangxin = records.addUnit({0, jiangbin, "江心社区", UnitKind::Community, 0, 0});
        wenchang = records.addUnit({0, linjiang, "文昌街道", UnitKind::Street, 0, 0});
        meiyuan = records.addUnit({0, wenchang, "梅园社区", UnitKind::Community, 0, 0});
        auto family = [&](const char* head, RowId unit) { records.addFamily({0, head, "幸福路1号", 3, unit, ""}); };
        for (const char* head : {"江丽", "张伟", "王芳"}) family(head, binjiang);
        for (const char* head : {"李娜", "张敏"}) family(head, jiangxin);
        for (const char* head : {"文静", "张强", "刘洋", "陈杰"}) family(head, meiyuan);
        owner.insertFamily({0, "赵磊", "幸福路1号", 3, 0, ""});   // unplaced (the store wants a community)
        auto person = [&](const char* name, RowId unit, bool volunteer) {
            Person p;
            p.name = name;
            p.gender = "女";
            p.unitId = unit;
            p.isVolunteer = volunteer;
            owner.insertPerson(p);
        };
        person("滨芳", binjiang, true);
        person("张兰", binjiang, true);
        person("江红", jiangbin, true);
        person("心怡", jiangxin, false);
        for (const char* name : {"梅香", "张梅", "文秀"}) person(name, meiyuan, true);
        person("未分配", 0, true);
        runServer({"add-user", conninfo, "--name", street, "--unit", "江滨街道", "--role", "录入"});
        runServer({"add-user", conninfo, "--name", district, "--unit", "临江区", "--role", "管理员"});
    }
    std::string as(const std::string& user) const { return ::test::PgCluster::shared().conninfo(dbname, user); }
};

std::vector<RowId> idsOf(const std::vector<OrgUnit>& units) {
    std::vector<RowId> ids;
    for (const OrgUnit& u : units) ids.push_back(u.id);
    return ids;
}

// Every page of the family list from the first (keyset after each page).
std::vector<storage::FamilyListRow> allFamilyPages(Storage& s, const storage::FamilyQuery& q) {
    std::vector<storage::FamilyListRow> rows;
    std::optional<storage::FamilyListKey> after;
    for (;;) {
        auto page = storage::familyPage(s, q, after, 2);
        for (auto& r : page) rows.push_back(std::move(r));
        if (page.size() < 2) return rows;
        after = rows.back().key;
    }
}

} // namespace

TEST_SUITE("pg_scope") {

TEST_CASE("a street's user counts and pages her subtree in the 家庭 and 志愿者 lists; the district's user all") {
    District d;
    Storage owner(d.conninfo);
    Storage jiangbin(d.as(d.street));
    Storage quadmin(d.as(d.district));
    CHECK(storage::sessionScopeUnit(owner.db()) == 0);
    CHECK(storage::sessionScopeUnit(quadmin.db()) == 0);
    CHECK(storage::sessionScopeUnit(jiangbin.db()) == d.jiangbin);

    // 家庭, 全部单位: her 5 households (the kept row '' says 10).
    storage::FamilyQuery all;
    all.today = "2026-12-07";
    const std::int64_t hers = count(jiangbin, "SELECT count(*) FROM family");
    CHECK(hers == 5);
    const storage::FamilyCounts counts = storage::familyCounts(jiangbin, all);
    CHECK(counts.households == hers);
    CHECK(counts.shown == hers);
    std::vector<storage::FamilyListRow> rows = allFamilyPages(jiangbin, all);
    CHECK(static_cast<std::int64_t>(rows.size()) == hers);
    for (const auto& r : rows) CHECK((r.row.unitId == d.binjiang || r.row.unitId == d.jiangxin));
    CHECK(storage::familyPageAt(jiangbin, all, 3, 10).size() == 2);   // a far jump lands inside hers
    for (storage::FamilySort sort : {storage::FamilySort::Address, storage::FamilySort::Unit, storage::FamilySort::Titles}) {
        storage::FamilyQuery sorted = all;
        sorted.sort = sort;
        CHECK(allFamilyPages(jiangbin, sorted).size() == 5);
        CHECK(storage::familyPageAt(jiangbin, sorted, 4, 10).size() == 1);
    }
    // A one-character search (a gram: its kept count is the district's 3 张).
    storage::FamilyQuery zhang = all;
    zhang.search = "张";
    const storage::FamilyCounts zhangCounts = storage::familyCounts(jiangbin, zhang);
    CHECK(zhangCounts.shown == 2);
    CHECK(zhangCounts.households == hers);
    CHECK(allFamilyPages(jiangbin, zhang).size() == 2);
    // Her community filter: its own households; "every household" stays hers.
    storage::FamilyQuery community = all;
    community.unitId = d.jiangxin;
    CHECK(storage::familyCounts(jiangbin, community).shown == 2);
    CHECK(storage::familyCounts(jiangbin, community).households == hers);

    // The district's user: every household, the unplaced one too.
    const storage::FamilyCounts everything = storage::familyCounts(quadmin, all);
    CHECK(everything.households == 10);
    CHECK(everything.shown == 10);
    CHECK(allFamilyPages(quadmin, all).size() == 10);
    CHECK(storage::familyCounts(quadmin, zhang).shown == 3);

    // 志愿者, 全部单位: her street's and her communities' volunteers.
    storage::VolunteerList streetList(jiangbin);
    const std::int64_t herVolunteers = count(jiangbin, "SELECT count(*) FROM person_list WHERE is_volunteer = 1");
    CHECK(herVolunteers == 3);
    storage::VolunteerListQuery volunteers;
    CHECK(streetList.count(volunteers) == herVolunteers);
    CHECK(streetList.page(volunteers, nullptr, 10).size() == 3);
    CHECK(streetList.seek(volunteers, 1, 10).size() == 2);
    storage::VolunteerListQuery zhangVolunteers;
    zhangVolunteers.search = "张";
    CHECK(streetList.count(zhangVolunteers) == 1);
    CHECK(streetList.page(zhangVolunteers, nullptr, 10).size() == 1);
    storage::VolunteerListQuery byUnit;
    byUnit.unitId = d.binjiang;   // the filter stays the exact unit
    CHECK(streetList.count(byUnit) == 2);
    storage::VolunteerList districtList(quadmin);
    CHECK(districtList.count(volunteers) == 7);
    CHECK(districtList.page(volunteers, nullptr, 10).size() == 7);
    CHECK(districtList.count(zhangVolunteers) == 2);

    // The units each may write into.
    CHECK(idsOf(storage::writableUnits(jiangbin)) == std::vector<RowId>{d.jiangbin, d.binjiang, d.jiangxin});
    CHECK(idsOf(storage::writableUnits(quadmin)) == idsOf(quadmin.units()));
    CHECK(storage::writableUnits(quadmin).size() == 6);
    CHECK(storage::writableUnits(owner).size() == 6);
}

TEST_CASE("her 家庭 screen: the form's 所属社区 offers her communities only; the count is hers; nothing stays loading") {
    District d;
    Storage jiangbin(d.as(d.street));
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{jiangbin};
    app.today = "2026-12-07";
    app.section = ui::Section::Families;
    jinguo::test::HeadlessUi ui(app);
    for (int i = 0; i < 5; ++i) ui.frame();
    ui::FamiliesScreen& screen = ui::familiesScreen(app);
    CHECK(screen.counts.households == 5);
    CHECK(screen.counts.shown == 5);
    ui.click("family.add");
    ui.click("family.unit");
    CHECK(ui.visible("family.unit.option." + std::to_string(d.binjiang)));
    CHECK(ui.visible("family.unit.option." + std::to_string(d.jiangxin)));
    CHECK_FALSE(ui.visible("family.unit.option." + std::to_string(d.meiyuan)));
    ui.click("family.unit.option." + std::to_string(d.jiangxin));
    CHECK(screen.form.unitId == d.jiangxin);
    // The loading line is gone once the views have their data, and stays gone.
    for (int i = 0; i < 10; ++i) ui.frame();
    CHECK_FALSE(screen.counter.busy());
    CHECK_FALSE(screen.list.busy());
    CHECK_FALSE(screen.metaLoader.busy());
    // (By locator: the test font has no Chinese glyphs, so screen text reads "?".)
    CHECK_FALSE(ui.visible("family.loading"));
    CHECK(ui.visible("family.count"));
}

TEST_CASE("her 目标: the district's goals are shown to her; she may set her street's only") {
    District d;
    {
        Storage owner(d.conninfo);
        storage::TargetStore targets(owner);
        auto target = [&](RowId unit, const char* metric, double goal) {
            Target t;
            t.unitId = unit;
            t.year = 2026;
            t.metric = metric;
            t.goal = goal;
            targets.save(t);
        };
        target(d.linjiang, "volunteers", 10);
        target(d.wenchang, "volunteers", 10);
        target(d.linjiang, "activities", 100);
        target(d.linjiang, "participants", 100);
        // Activities in both streets: the district's count is all of them, whoever reads it.
        for (const RowId unit : {d.binjiang, d.meiyuan, d.meiyuan}) {
            Activity a;
            a.name = "巾帼宣讲";
            a.heldOn = "2026-05-01";
            a.unitId = unit;
            a.kind = "宣讲";
            a.participants = 20;
            owner.insertActivity(a);
        }
    }
    const Date kToday{2026, 12, 7};
    Storage jiangbin(d.as(d.street));
    // The district's own lines, as the district's 管理员 sees them (goal and
    // actual): 文昌's activities counted though she reads none of their rows.
    CHECK(count(jiangbin, "SELECT count(*) FROM activity") == 1);
    const ui::TargetsResult district = ui::computeTargets(jiangbin, 2026, d.linjiang, kToday);
    REQUIRE(district.lines.size() == 3);
    CHECK_FALSE(district.maySetTargets);
    Storage quadmin(d.as(d.district));
    const ui::TargetsResult asDistrict = ui::computeTargets(quadmin, 2026, d.linjiang, kToday);
    REQUIRE(asDistrict.lines.size() == 3);
    CHECK(asDistrict.maySetTargets);
    for (std::size_t i = 0; i < 3; ++i) {
        CAPTURE(asDistrict.lines[i].target.metric);
        CHECK(district.lines[i].target.metric == asDistrict.lines[i].target.metric);
        CHECK(district.lines[i].progress.actual == asDistrict.lines[i].progress.actual);
        if (asDistrict.lines[i].target.metric == "activities") CHECK(asDistrict.lines[i].progress.actual == 3);
        if (asDistrict.lines[i].target.metric == "participants") CHECK(asDistrict.lines[i].progress.actual == 60);
        if (asDistrict.lines[i].target.metric == "volunteers") CHECK(asDistrict.lines[i].target.goal == 10);
    }
    // 年度数据 counts the same activities for her as for the district (one tally).
    const YearFigures herYear = storage::YearFiguresReader(jiangbin).figures(2026);
    const YearFigures districtYear = storage::YearFiguresReader(quadmin).figures(2026);
    CHECK(districtYear.activities == 3);
    CHECK(herYear.activities == districtYear.activities);
    CHECK(herYear.participantsRecorded == 60);
    CHECK(herYear.monthlyActivities == districtYear.monthlyActivities);
    CHECK(herYear.monthlyActivities[4] == 3);
    // Another street's goal she reads too; her own street has none yet and is hers to set.
    CHECK(ui::computeTargets(jiangbin, 2026, d.wenchang, kToday).lines.size() == 1);
    CHECK_FALSE(ui::computeTargets(jiangbin, 2026, d.wenchang, kToday).maySetTargets);
    const ui::TargetsResult own = ui::computeTargets(jiangbin, 2026, d.jiangbin, kToday);
    CHECK(own.lines.empty());
    CHECK(own.maySetTargets);
    CHECK(ui::computeTargets(jiangbin, 2026, d.binjiang, kToday).maySetTargets);
}

} // TEST_SUITE
