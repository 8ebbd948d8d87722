// storage_unknown_units_test.cpp — a roster whose 所属社区 are not in 组织
// (issue 12 §2): the check reports each unknown name with its rows; the
// names marked 新建 are created under one 街道 in ONE undo step (and undo
// takes them all back); a name mapped to an existing 社区 places its rows
// there. Real SQLite files and the committed roster tests/data/rosters/gen_utf8.csv
// (gen_roster.py: 光明社区 1 row, 公正社区 1, 梅园社区 1, 滨江社区 2, 白鹭社区 1).
#include <doctest/doctest.h>

#include "core/unit_suggestions.hpp"
#include "storage/record_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    RowId district = 0, street = 0, bailu = 0, meiyuan = 0;
    Fixture() {
        district = storage.insertUnit({0, 0, "武昌区", UnitKind::District, 0, 0});
        street = storage.insertUnit({0, district, "水果湖街道", UnitKind::Street, 0, 0});
        bailu = storage.insertUnit({0, street, "白鹭社区", UnitKind::Community, 1000, 0});
        meiyuan = storage.insertUnit({0, street, "梅园社区居委会", UnitKind::Community, 900, 0});
    }
    storage::RosterImportRequest request(bool dryRun) {
        storage::RosterImportRequest r;
        r.kind = roster::RosterKind::Volunteers;
        r.files = {test::corpus("gen_utf8.csv")};
        r.today = "2026-11-29";
        r.dryRun = dryRun;
        return r;
    }
    std::string unitOf(const std::string& idNumber) {
        const auto p = storage.personByIdNumber(idNumber);
        REQUIRE(p.has_value());
        if (p->unitId == 0) return "(none)";
        return storage::RecordStore(storage).unit(p->unitId)->name;
    }
};

constexpr const char* kZhuRanhui = "420103197601197334";   // 公正社区
constexpr const char* kTangZhi = "42010619600217635X";     // 梅园社区

} // namespace

TEST_CASE("the check lists the unknown 所属社区 with their rows; the core suggests 梅园社区居委会 for 梅园社区") {
    Fixture f;
    const auto checked = storage::runRosterImport(f.storage, f.request(true));
    REQUIRE_MESSAGE(checked.status == storage::RosterImportResult::Status::DryRun, checked.error);
    const auto& report = checked.files.at(0);
    CHECK(report.unknownUnitRows == std::map<std::string, int>{{"光明社区", 1}, {"公正社区", 1}, {"梅园社区", 1}, {"滨江社区", 2}});
    CHECK(report.unitsUnknown == 5);
    const auto unknown = roster::unknownUnitNames(report.unknownUnitRows, f.storage.units());
    REQUIRE(unknown.size() == 4);
    for (const auto& u : unknown) {
        if (u.name != "梅园社区") continue;
        REQUIRE(!u.suggestions.empty());
        CHECK(u.suggestions[0].id == f.meiyuan);
        CHECK(u.suggestions[0].parentName == "水果湖街道");
    }
    CHECK(f.storage.count("person") == 0);   // a check writes nothing
}

TEST_CASE("addCommunities: three 社区 under one 街道 in one undo step; undo takes them all back") {
    Fixture f;
    storage::RecordStore records(f.storage);
    const std::int64_t before = f.storage.count("org_unit");
    const auto ids = records.addCommunities(f.street, {"光明社区", " 公正社区 ", "滨江社区", "光明社区"});
    REQUIRE(ids.size() == 3);   // trimmed, the repeated name once
    CHECK(f.storage.count("org_unit") == before + 3);
    CHECK(records.unit(ids[1])->name == "公正社区");
    CHECK(records.unit(ids[1])->kind == UnitKind::Community);
    CHECK(records.unit(ids[1])->parentId == f.street);
    storage::UndoStore undo(f.storage);
    REQUIRE(undo.lastStep().has_value());
    CHECK(undo.lastStep()->label == "新建3个社区");
    const auto undone = undo.undoLast();
    REQUIRE(undone.has_value());
    CHECK(undone->label == "新建3个社区");
    CHECK(f.storage.count("org_unit") == before);   // all three, in one step
    CHECK((!undo.lastStep() || undo.lastStep()->label != "新建3个社区"));

    // Villages under a 镇 are 村; a mixed list says 社区/村.
    const RowId town = f.storage.insertUnit({0, f.district, "桃源镇", UnitKind::Town, 0, 0});
    const auto villages = records.addCommunities(town, {"大王村村委会", "小李村"});
    CHECK(records.unit(villages[0])->kind == UnitKind::Village);
    CHECK(undo.lastStep()->label == "新建2个村");
    records.addCommunities(town, {"桃源社区", "桃源村"});
    CHECK(undo.lastStep()->label == "新建2个社区/村");
}

TEST_CASE("addCommunities refuses a parent that is no 街道/镇, an empty list and a taken name, writing nothing") {
    Fixture f;
    storage::RecordStore records(f.storage);
    const std::int64_t before = f.storage.count("org_unit");
    auto refusal = [&](RowId parent, std::vector<std::string> names) {
        try {
            records.addCommunities(parent, names);
        } catch (const storage::StorageError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK(refusal(f.bailu, {"光明社区"}).find("“白鹭社区”是社区") != std::string::npos);
    CHECK(refusal(f.district, {"光明社区"}).find("请改选一个街道") != std::string::npos);
    CHECK(refusal(0, {"光明社区"}).find("请选择要在哪个") == 0);
    CHECK(refusal(f.street, {" ", ""}).find("没有要新建的社区/村") == 0);
    // The second name is taken: the first is not left behind either.
    CHECK(refusal(f.street, {"光明社区", "白鹭社区"}).find("已有名为“白鹭社区”") != std::string::npos);
    CHECK(f.storage.count("org_unit") == before);
}

TEST_CASE("after creating the unknown names and mapping 梅园社区, every row of the roster is placed") {
    Fixture f;
    storage::RecordStore(f.storage).addCommunities(f.street, {"光明社区", "公正社区", "滨江社区"});
    auto request = f.request(false);
    request.unitAliases = {{"梅园社区", f.meiyuan}};
    const auto result = storage::runRosterImport(f.storage, request);
    REQUIRE_MESSAGE(result.status == storage::RosterImportResult::Status::Committed, result.error);
    CHECK(result.files.at(0).unitsUnknown == 0);
    CHECK(result.files.at(0).rowsImported() == 6);
    CHECK(f.unitOf(kTangZhi) == "梅园社区居委会");
    CHECK(f.unitOf(kZhuRanhui) == "公正社区");
    storage::Statement st = f.storage.db().prepare("SELECT count(*) FROM person WHERE unit_id IS NULL OR unit_text IS NOT NULL");
    st.step();
    CHECK(st.columnInt(0) == 0);
}

TEST_CASE("rows imported first wait under their name; the units created later in one step take them, undo lets go") {
    Fixture f;
    const auto result = storage::runRosterImport(f.storage, f.request(false));
    REQUIRE_MESSAGE(result.status == storage::RosterImportResult::Status::Committed, result.error);
    CHECK(f.unitOf(kZhuRanhui) == "(none)");
    storage::RecordStore(f.storage).addCommunities(f.street, {"公正社区", "滨江社区"});
    CHECK(f.unitOf(kZhuRanhui) == "公正社区");
    storage::UndoStore(f.storage).undoLast();
    CHECK(f.unitOf(kZhuRanhui) == "(none)");
    CHECK(f.storage.personByIdNumber(kZhuRanhui).has_value());
}

TEST_CASE("a mapping to a unit that is no 社区/村, or gone, stops the run with nothing written") {
    Fixture f;
    auto request = f.request(false);
    request.unitAliases = {{"梅园社区", f.street}};
    auto result = storage::runRosterImport(f.storage, request);
    CHECK(result.status == storage::RosterImportResult::Status::Failed);
    CHECK(result.error.find("只能归入社区或村，“水果湖街道”是街道") != std::string::npos);
    CHECK(result.error.find("未写入任何数据") != std::string::npos);
    request.unitAliases = {{"梅园社区", 9999}};
    result = storage::runRosterImport(f.storage, request);
    CHECK(result.status == storage::RosterImportResult::Status::Failed);
    CHECK(result.error.find("已不存在") != std::string::npos);
    CHECK(f.storage.count("person") == 0);
}
