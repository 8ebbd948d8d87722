// storage_roundtrip_test.cpp — records written and read back on a real file.
#include <doctest/doctest.h>

#include "storage/storage.hpp"
#include "storage/volunteer_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

using namespace jinguo;
using namespace jinguo::storage;

namespace {
struct District {
    RowId district = 0, street = 0, community = 0;
    explicit District(Storage& s) {
        const test::District built = test::buildDistrict(s, {3000, {{"滨江街道", 3000, 0, {{"望江社区", 3000}}}}});
        district = built.district;
        street = built.street(0);
        community = built.community(0);
    }
};

Person volunteer(const std::string& name, const std::string& id, RowId unit) {
    Person p;
    p.name = name;
    p.gender = "女";
    p.idNumber = id;
    p.phone = "13812345678";
    p.unitId = unit;
    p.joinedOn = "2025-03-08";
    p.rosterHours = 12.5;
    return p;
}
} // namespace

TEST_CASE("org units come back in tree order") {
    test::TempDbPath path;
    Storage s(path.str());
    District d(s);
    const RowId second = s.insertUnit({0, d.district, "临江街道", UnitKind::Street, 0, 1});
    auto units = s.units();
    REQUIRE(units.size() == 4);
    CHECK(units[0].id == d.district);
    CHECK(units[1].id == d.street);
    CHECK(units[2].id == d.community);   // children follow their parent
    CHECK(units[3].id == second);
    CHECK(units[2].parentId == d.street);
}

TEST_CASE("a person round trips, rare characters and all, and is audited") {
    test::TempDbPath path;
    Storage s(path.str());
    District d(s);
    const std::uint64_t revisionBefore = s.revision();
    Person p = volunteer("王瑀\xF0\xA0\xAE\xB7", "11010519491231002X", d.community);   // 王瑀𠮷
    const RowId id = s.insertPerson(p);
    CHECK(s.revision() > revisionBefore);
    auto back = s.person(id);
    REQUIRE(back);
    CHECK(back->name == p.name);
    CHECK(back->idNumber == p.idNumber);
    CHECK(back->phone == p.phone);
    CHECK(back->unitId == d.community);
    CHECK(back->rosterHours == doctest::Approx(12.5));

    back->phone = "13900001111";
    s.updatePerson(*back);
    CHECK(s.person(id)->phone == "13900001111");

    Statement audit = s.db().prepare(
        "SELECT action, before_json, after_json FROM audit_log WHERE table_name = 'person' AND record_id = ? ORDER BY id");
    audit.bind(1, id);
    REQUIRE(audit.step());
    CHECK(audit.columnText(0) == "insert");
    CHECK(audit.columnText(2).find("13812345678") != std::string::npos);
    REQUIRE(audit.step());
    CHECK(audit.columnText(0) == "update");
    CHECK(audit.columnText(1).find("13812345678") != std::string::npos);
    CHECK(audit.columnText(2).find("13900001111") != std::string::npos);
}

TEST_CASE("one ID number, one person: a second insert is refused with the owner named") {
    test::TempDbPath path;
    Storage s(path.str());
    District d(s);
    s.insertPerson(volunteer("王芳", "11010519491231002X", d.community));
    try {
        s.insertPerson(volunteer("王芳", "11010519491231002X", d.community));
        FAIL("duplicate ID number stored");
    } catch (const StorageError& e) {
        CHECK(std::string(e.what()).find("已登记") != std::string::npos);
    }
    // Two different people may share a name.
    CHECK_NOTHROW(s.insertPerson(volunteer("王芳", "440524198001010013", d.community)));
    CHECK(s.count("person") == 2);
}

TEST_CASE("service records: totals in the volunteer list, cascade on delete, hours per day") {
    test::TempDbPath path;
    Storage s(path.str());
    District d(s);
    const RowId id = s.insertPerson(volunteer("李淼", "11010519491231002X", d.community));
    ServiceRecord r;
    r.personId = id;
    r.servedOn = "2026-03-08";
    r.hours = 3.5;
    r.verified = true;
    s.insertServiceRecord(r);
    r.hours = 4;
    const RowId second = s.insertServiceRecord(r);
    CHECK(s.hoursOn(id, "2026-03-08") == doctest::Approx(7.5));
    CHECK(s.hoursOn(id, "2026-03-08", second) == doctest::Approx(3.5));

    auto rows = s.volunteerRows();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].recordedHours == doctest::Approx(7.5));
    CHECK(rows[0].records == 2);
    CHECK(rows[0].unitName == "望江社区");

    // The schema refuses impossible hours even if a caller forgets the rules.
    r.hours = 25;
    CHECK_THROWS_AS(s.insertServiceRecord(r), StorageError);
    r.hours = -1;
    CHECK_THROWS_AS(s.insertServiceRecord(r), StorageError);

    VolunteerStore(s).deleteServiceRecord(second, "王芳");
    CHECK(s.serviceRecordsOf(id).size() == 1);
    VolunteerStore(s).remove(id, "王芳");
    CHECK(s.count("service_record") == 0);
    CHECK_FALSE(s.person(id));
}

TEST_CASE("families, posts, awards with history, targets, indicators and settings") {
    test::TempDbPath path;
    Storage s(path.str());
    District d(s);
    Family f;
    f.headName = "张堃";
    f.address = "滨江路12号3栋402室";
    f.members = 4;
    f.unitId = d.community;
    const RowId family = s.insertFamily(f);
    const RowId safeFamily = s.awardTitleId("平安家庭", "family", "社区");
    REQUIRE(safeFamily != 0);
    Award a;
    a.titleId = safeFamily;
    a.year = 2026;
    a.familyId = family;
    a.unitId = d.community;
    CHECK(s.insertAward(a) > 0);
    CHECK_THROWS_AS(s.insertAward(a), StorageError);   // the same title twice in one year

    Post p;
    p.workUnit = "临江区人民医院";
    p.name = "护理部";
    p.unitId = d.district;
    p.members = 12;
    p.womenMembers = 10;
    p.womenLeaders = 2;
    const RowId post = s.insertPost(p);
    Award named;
    named.titleId = s.awardTitleId("巾帼文明岗", "post", "区");
    named.year = 2026;
    named.postId = post;
    named.status = "申报";
    const RowId award = s.insertAward(named);
    AwardEvent assessed;
    assessed.awardId = award;
    assessed.status = "考核验收";
    assessed.happenedOn = "2026-09-01";
    assessed.score = 86;
    s.insertAwardEvent(assessed);
    Statement status = s.db().prepare("SELECT status FROM award WHERE id = ?");
    status.bind(1, award);
    REQUIRE(status.step());
    CHECK(status.columnText(0) == "考核验收");

    Target t;
    t.unitId = d.district;
    t.year = 2026;
    t.metric = "title_rate";
    t.titleId = safeFamily;
    t.goal = 0.9;
    CHECK(s.insertTarget(t) > 0);
    CHECK_THROWS_AS(s.insertTarget(t), StorageError);   // one goal per unit, year and metric

    ManualIndicator m{0, d.district, 2026, "活动参与人次", 160000, "人次", ""};
    CHECK(s.insertIndicator(m) > 0);

    s.setSetting("stars.thresholds", "100,200,500,800,1000");
    CHECK(s.setting("stars.thresholds", "") == "100,200,500,800,1000");
    CHECK(s.setting("no.such.key", "fallback") == "fallback");

    OverviewFigures o = s.overview();
    CHECK(o.communities == 1);
    CHECK(o.households == 3000);
    CHECK(o.families == 1);
    CHECK(o.familyAwards == 1);
    CHECK(o.posts == 1);
    CHECK(o.postsNamed == 0);
    REQUIRE(o.postsByStatus.size() == 1);
    CHECK(o.postsByStatus[0].label == "考核验收");

    std::u32string chars = s.distinctCharacters();
    CHECK(chars.find(U'堃') != std::u32string::npos);
    CHECK(chars.find(U'帼') != std::u32string::npos);     // from the title catalogue
}

TEST_CASE("a transaction that is not committed leaves nothing behind") {
    test::TempDbPath path;
    Storage s(path.str());
    {
        Transaction tx(s.db());
        test::buildDistrictOnly(s);
        // no commit: an exception or early return rolls it back
    }
    CHECK(s.count("org_unit") == 0);
}

TEST_CASE("rowJson keeps the whole row, for the audit log and undo") {
    test::TempDbPath path;
    Storage s(path.str());
    District d(s);
    const RowId id = s.insertPerson(volunteer("张三", "11010519491231002X", d.community));
    const std::string json = s.rowJson("person", id);
    CHECK(json.find("\"name\":\"张三\"") != std::string::npos);
    CHECK(json.find("\"id_number\":\"11010519491231002X\"") != std::string::npos);
    CHECK(json.find("\"roster_hours\":12.5") != std::string::npos);
    CHECK(s.rowJson("person", id + 100).empty());
    CHECK_THROWS_AS(s.rowJson("no_such_table", id), StorageError);
}
