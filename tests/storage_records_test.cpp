// storage_records_test.cpp — org units, families with titles, and honours of
// people and collectives, stored in a real SQLite file and read back (also
// after closing and reopening it); refusals change nothing; every change is
// in the audit log with whole rows.
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using storage::RecordStore;
using storage::StorageError;

namespace {

struct Tree {
    RowId district = 0, street = 0, town = 0, community = 0, village = 0;
};

Tree makeTree(RecordStore& records) {
    Tree t;
    t.district = records.addUnit({0, 0, "临江区", UnitKind::District, 0, 0});
    t.street = records.addUnit({0, t.district, "滨江街道", UnitKind::Street, 0, 0});
    t.town = records.addUnit({0, t.district, "青石镇", UnitKind::Town, 0, 0});
    t.community = records.addUnit({0, t.street, "望江社区", UnitKind::Community, 3200, 0});
    t.village = records.addUnit({0, t.town, "河口村", UnitKind::Village, 800, 0});
    return t;
}

} // namespace

TEST_CASE("households and titles round trip on a real SQLite file") {
    test::TempDbPath path;
    RowId familyId = 0;
    RowId community = 0;
    {
        storage::Storage s(path.str());
        RecordStore records(s);
        const Tree t = makeTree(records);
        community = t.community;
        Family f;
        f.headName = " 张 三 ";
        f.address = "望江路12号3单元";
        f.members = 4;
        f.unitId = t.community;
        f.note = "三代同堂";
        familyId = records.addFamily(f);
        records.addFamilyAward(familyId, {0, "平安家庭", "社区", 2024, "命名", "临妇〔2024〕3号"});
        records.addFamilyAward(familyId, {0, "五好文明家庭", "区", 2025, "命名", ""});
        records.addFamilyAward(familyId, {0, "平安家庭", "街道", 2025, "申报", ""});
        // A title the user defines: stored in the catalogue as the user's own.
        records.addFamilyAward(familyId, {0, "绿色家庭", "社区", 2026, "命名", ""});
    }
    storage::Storage s(path.str());
    RecordStore records(s);
    const auto f = records.family(familyId);
    REQUIRE(f);
    CHECK(f->headName == "张三");
    CHECK(f->address == "望江路12号3单元");
    CHECK(f->members == 4);
    CHECK(f->unitId == community);
    CHECK(f->note == "三代同堂");
    const auto awards = records.familyAwards(familyId);
    REQUIRE(awards.size() == 4);
    CHECK(awards[0].title == "绿色家庭");                // newest year first
    CHECK(awards[0].year == 2026);
    CHECK(awards[3].title == "平安家庭");
    CHECK(awards[3].level == "社区");
    CHECK(awards[3].docNumber == "临妇〔2024〕3号");
    const RowId custom = s.awardTitleId("绿色家庭", "family", "社区");
    REQUIRE(custom != 0);
    bool builtin = true;
    for (const AwardTitle& t : s.awardTitles())
        if (t.id == custom) builtin = t.builtin;
    CHECK_FALSE(builtin);

    const storage::FamilyList list = records.familyList();
    REQUIRE(list.rows.size() == 1);
    CHECK(list.rows[0].unitName == "望江社区");
    CHECK(list.rows[0].awardCount == 4);
    CHECK(list.awards[static_cast<std::size_t>(list.rows[0].firstAward)].year == 2026);

    // The award counts for the family's unit, and follows it when the family moves.
    storage::Statement unitOf = s.db().prepare("SELECT DISTINCT unit_id FROM award WHERE family_id = ?");
    unitOf.bind(1, familyId);
    REQUIRE(unitOf.step());
    CHECK(unitOf.columnInt(0) == community);
}

TEST_CASE("a family's title twice in one year is refused; a refused save changes nothing") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    RecordStore records(s);
    const Tree t = makeTree(records);
    const RowId id = records.addFamily({0, "李四", "河口村5组", 3, t.village, ""});
    records.addFamilyAward(id, {0, "平安家庭", "社区", 2025, "命名", ""});
    const auto before = s.count("award");
    const auto auditBefore = s.count("audit_log");
    CHECK_THROWS_WITH_AS(records.addFamilyAward(id, {0, "平安家庭", "社区", 2025, "命名", ""}),
                         doctest::Contains("同一称号同一年度只记一次"), StorageError);
    CHECK_THROWS_WITH_AS(records.addFamilyAward(id, {0, "平安家庭", "乡", 2025, "命名", ""}),
                         doctest::Contains("级别"), StorageError);
    CHECK_THROWS_WITH_AS(records.addFamilyAward(id, {0, "平安家庭", "区", 25, "命名", ""}),
                         doctest::Contains("年度"), StorageError);
    CHECK_THROWS_WITH_AS(records.addFamily({0, "李四", "河口村5组", 2, t.village, ""}),
                         doctest::Contains("同一户只登记一次"), StorageError);
    CHECK_THROWS_WITH_AS(records.addFamily({0, "  ", "", 2, t.village, ""}), doctest::Contains("户主"), StorageError);
    CHECK_THROWS_WITH_AS(records.addFamily({0, "王五", "", 0, t.village, ""}), doctest::Contains("人口"), StorageError);
    CHECK_THROWS_WITH_AS(records.addFamily({0, "王五", "", 2, 0, ""}), doctest::Contains("社区"), StorageError);
    CHECK_THROWS_WITH_AS(records.addFamily({0, "王五", "", 2, t.street, ""}), doctest::Contains("社区或村"),
                         StorageError);
    CHECK(s.count("award") == before);
    CHECK(s.count("family") == 1);
    CHECK(s.count("audit_log") == auditBefore);
    // The same title the next year is a new award: one household, several titles over the years.
    records.addFamilyAward(id, {0, "平安家庭", "社区", 2026, "命名", ""});
    CHECK(records.familyAwards(id).size() == 2);
}

TEST_CASE("every family change is audited with whole rows; deleting removes its titles, each audited") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    RecordStore records(s);
    const Tree t = makeTree(records);
    const RowId id = records.addFamily({0, "赵六", "望江路1号", 2, t.community, ""});
    const RowId award = records.addFamilyAward(id, {0, "文明家庭", "街道", 2025, "命名", ""});
    REQUIRE(award != 0);
    const auto revision = s.revision();
    Family changed = *records.family(id);
    changed.members = 5;
    changed.unitId = t.village;
    records.updateFamily(changed);
    CHECK(s.revision() > revision);
    const auto history = records.history("family", id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].action == "update");
    CHECK(history[1].before.find("\"members\":2") != std::string::npos);
    CHECK(history[1].after.find("\"members\":5") != std::string::npos);
    // The title now counts for the family's new unit, and that move is audited too.
    const auto awardHistory = records.history("award", award);
    REQUIRE(awardHistory.size() == 2);
    CHECK(awardHistory[1].after.find("\"unit_id\":" + std::to_string(t.village)) != std::string::npos);

    records.deleteFamily(id);
    CHECK_FALSE(records.family(id));
    CHECK(s.count("award") == 0);
    CHECK(records.history("award", award).back().action == "delete");
    CHECK(records.history("award", award).back().before.find("\"title_id\"") != std::string::npos);
    CHECK(records.history("family", id).back().action == "delete");
}

TEST_CASE("org units: add, rename, move, households; kinds and cycles refused; history in the audit log") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    RecordStore records(s);
    const Tree t = makeTree(records);

    records.renameUnit(t.community, "望江新村社区");
    records.setHouseholds(t.community, 3350);
    records.moveUnit(t.community, t.town);
    const auto u = records.unit(t.community);
    REQUIRE(u);
    CHECK(u->name == "望江新村社区");
    CHECK(u->households == 3350);
    CHECK(u->parentId == t.town);
    const auto history = records.history("org_unit", t.community);
    REQUIRE(history.size() == 4);
    CHECK(history[0].action == "insert");
    CHECK(history[1].before.find("望江社区") != std::string::npos);
    CHECK(history[1].after.find("望江新村社区") != std::string::npos);
    CHECK(history[2].after.find("3350") != std::string::npos);
    CHECK(history[3].after.find("\"parent_id\":" + std::to_string(t.town)) != std::string::npos);

    const auto audits = s.count("audit_log");
    // A street under a community, a community under the district, the
    // district under anything: refused with the reason.
    CHECK_THROWS_WITH_AS(records.moveUnit(t.street, t.village), doctest::Contains("上级应是区"), StorageError);
    CHECK_THROWS_WITH_AS(records.moveUnit(t.village, t.district), doctest::Contains("街道或镇"), StorageError);
    CHECK_THROWS_WITH_AS(records.moveUnit(t.district, t.street), doctest::Contains("最上一级"), StorageError);
    // A unit with children keeps its kind (青石镇 now holds two communities).
    OrgUnit town = *records.unit(t.town);
    town.kind = UnitKind::Community;
    town.parentId = t.street;
    CHECK_THROWS_WITH_AS(records.updateUnit(town), doctest::Contains("不能改变它的类型"), StorageError);
    CHECK_THROWS_WITH_AS(records.setHouseholds(t.village, -1), doctest::Contains("负数"), StorageError);
    CHECK_THROWS_WITH_AS(records.renameUnit(t.village, "  "), doctest::Contains("名称"), StorageError);
    CHECK_THROWS_WITH_AS(records.addUnit({0, t.town, "望江新村社区", UnitKind::Community, 0, 0}), doctest::Contains("已有名为"),
                         StorageError);
    CHECK(s.count("audit_log") == audits);
    CHECK(records.unit(t.town)->kind == UnitKind::Town);
}

TEST_CASE("a unit cannot be moved below itself or its own descendants") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    RecordStore records(s);
    const Tree t = makeTree(records);
    const auto audits = s.count("audit_log");
    CHECK_THROWS_WITH_AS(records.moveUnit(t.street, t.community), doctest::Contains("它自己或它的下级"), StorageError);
    CHECK_THROWS_WITH_AS(records.moveUnit(t.community, t.community), doctest::Contains("它自己或它的下级"),
                         StorageError);
    CHECK(records.unit(t.street)->parentId == t.district);
    CHECK(records.unit(t.community)->parentId == t.street);
    CHECK(s.count("audit_log") == audits);
}

TEST_CASE("honours of people and collectives: saved, found again by ID number, changed, deleted") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    RecordStore records(s);
    const Tree t = makeTree(records);
    storage::HonourInput in;
    in.name = "王 芳";
    in.idNumber = "11010519491231002x";
    in.unitId = t.community;
    in.title = "三八红旗手";
    in.level = "市";
    in.year = 2025;
    in.docNumber = "市妇〔2025〕8号";
    const RowId first = records.saveHonour(in);
    in.title = "巾帼建功标兵";
    in.level = "区";
    in.idNumber = "11010519491231002X";
    const RowId second = records.saveHonour(in);
    CHECK(s.count("person") == 1);                  // the same person, matched by ID number
    CHECK_THROWS_WITH_AS(records.saveHonour(in), doctest::Contains("只记一次"), StorageError);
    in.name = "王兰";
    CHECK_THROWS_WITH_AS(records.saveHonour(in), doctest::Contains("王芳名下"), StorageError);

    storage::HonourInput group;
    group.collective = true;
    group.name = "望江社区妇联执委会";
    group.unitId = t.community;
    group.title = "三八红旗集体";
    group.level = "区";
    group.year = 2024;
    const RowId third = records.saveHonour(group);

    auto rows = records.honourRows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].awardId == first);
    CHECK(rows[0].name == "王芳");
    CHECK(rows[0].idNumber == "11010519491231002X");
    CHECK(rows[0].docNumber == "市妇〔2025〕8号");
    CHECK(rows[1].awardId == second);
    CHECK(rows[2].collective);
    CHECK(rows[2].name == "望江社区妇联执委会");
    CHECK(rows[2].unitName == "望江社区");

    group.awardId = third;
    group.status = "撤销";
    records.saveHonour(group);
    CHECK(records.honourRows()[2].status == "撤销");
    CHECK(records.history("award", third).size() == 2);

    AwardEvent event;
    event.awardId = second;
    event.status = "命名";
    event.happenedOn = "2025-03-08";
    const RowId eventId = s.insertAwardEvent(event);
    records.deleteAward(second);
    CHECK(records.honourRows().size() == 2);
    {
        storage::Statement left = s.db().prepare("SELECT count(*) FROM award_event WHERE award_id = ?");
        left.bind(1, second);
        REQUIRE(left.step());
        CHECK(left.columnInt(0) == 0);   // its history went with it (the others keep theirs)
    }
    CHECK(records.history("award_event", eventId).back().before.find("2025-03-08") != std::string::npos);
    CHECK(records.history("award", second).back().action == "delete");
    CHECK_THROWS_WITH_AS(records.saveHonour({0, false, "", "", t.community, "三八红旗手", "区", 2025, "命名", ""}),
                         doctest::Contains("姓名"), StorageError);
}
