// storage_import_streets_test.cpp — 所属社区 names that repeat across streets
// (新村社区 in 江滨街道 and in 城关街道). The roster import matches 所属社区
// together with 所属街道 (a column, or "街道/社区" in the cell); an ambiguous
// name without a street, or with a street holding none of them (misspelt), is
// refused for its row with the streets named, in the check already; a unique
// name under another street is placed there with a warning; a person (household) stored in one of the same-named 社区 keeps it on a
// re-import without a street. Real SQLite files and the committed rosters
// written by openpyxl and Python's csv module (tests/data/rosters_streets.py).
#include <doctest/doctest.h>

#include <unistd.h>

#include "core/roster_rows.hpp"
#include "storage/import_store.hpp"
#include "storage/record_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    RowId jiangbin = 0, chengguan = 0, jiangbinXincun = 0, chengguanXincun = 0, xingfu = 0, chengguanShequ = 0;
    Fixture() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        jiangbin = storage.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 0});
        chengguan = storage.insertUnit({0, district, "城关街道", UnitKind::Street, 0, 0});
        jiangbinXincun = storage.insertUnit({0, jiangbin, "新村社区", UnitKind::Community, 800, 0});
        xingfu = storage.insertUnit({0, jiangbin, "幸福社区", UnitKind::Community, 900, 0});
        chengguanXincun = storage.insertUnit({0, chengguan, "新村社区", UnitKind::Community, 700, 0});
        chengguanShequ = storage.insertUnit({0, chengguan, "城关社区", UnitKind::Community, 600, 0});
    }
    storage::RosterImportRequest request(roster::RosterKind kind, const std::string& file, bool dryRun) {
        storage::RosterImportRequest r;
        r.kind = kind;
        r.files = {test::corpus(file)};
        r.today = "2026-11-29";
        r.dryRun = dryRun;
        return r;
    }
    RowId unitOf(const std::string& idNumber) {
        const auto p = storage.personByIdNumber(idNumber);
        REQUIRE(p.has_value());
        return p->unitId;
    }
    bool stored(const std::string& idNumber) { return storage.personByIdNumber(idNumber).has_value(); }
};

// The rosters' ID numbers (rosters_streets.py).
constexpr const char* kWangFang = "110105199001010029";
constexpr const char* kLiNa = "11010519910202004X";
constexpr const char* kZhangMin = "110105199203030060";
constexpr const char* kZhaoLi = "110105199304040081";
constexpr const char* kChenJing = "110105199405050203";
constexpr const char* kLiuYang = "110105199506060224";
constexpr const char* kSunYan = "110105199607070245";
constexpr const char* kZhouHong = "110105199708080266";
constexpr const char* kWuXia = "110105198009090284";
constexpr const char* kZhengJie = "110105198110100408";
constexpr const char* kFengDan = "110105198211110429";

const roster::Problem* problemAt(const storage::FileImportReport& report, int row) {
    for (const auto& s : report.sheets)
        for (const auto& p : s.problems)
            if (p.row == row && !roster::isWarning(p.code)) return &p;
    return nullptr;
}

int problemsWithCode(const storage::FileImportReport& report, const std::string& code) {
    int n = 0;
    for (const auto& s : report.sheets)
        for (const auto& p : s.problems) n += p.code == code;
    return n;
}

} // namespace

TEST_CASE("openpyxl roster with 所属街道: each 新村社区 by its street; ambiguous and misspelt streets refused in the check") {
    Fixture f;
    SUBCASE("the check says it before anything is written") {
        const auto checked =
            storage::runRosterImport(f.storage, f.request(roster::RosterKind::Volunteers, "openpyxl_streets.xlsx", true));
        REQUIRE_MESSAGE(checked.status == storage::RosterImportResult::Status::DryRun, checked.error);
        const auto& report = checked.files.at(0);
        CHECK(report.sheets.at(0).mapping
              == std::vector<std::pair<std::string, std::string>>{{"姓名", "name"}, {"身份证号", "id_number"},
                                                                   {"所属街道", "street"}, {"所属社区", "unit"},
                                                                   {"服务时长(小时)", "hours"}});
        CHECK(report.rowsSkipped() == 2);
        const roster::Problem* ambiguous = problemAt(report, 5);   // 赵丽: 新村社区, no street
        REQUIRE(ambiguous);
        CHECK(ambiguous->code == roster::code::kUnitAmbiguous);
        CHECK(ambiguous->column == "所属社区");
        CHECK(ambiguous->message.find("江滨街道、城关街道") != std::string::npos);
        CHECK(ambiguous->message.find("所属街道") != std::string::npos);
        CHECK(ambiguous->message.find("本行不会导入") != std::string::npos);
        const roster::Problem* misspelt = problemAt(report, 6);     // 陈静: 江宾街道
        REQUIRE(misspelt);
        CHECK(misspelt->code == roster::code::kUnitNotInStreet);
        CHECK(misspelt->message.find("“江宾街道”下没有名为“新村社区”") != std::string::npos);
        CHECK(misspelt->message.find("江滨街道、城关街道") != std::string::npos);
        // 刘洋: 城关街道 幸福社区, the only 幸福社区 is 江滨's: placed there, with a warning.
        CHECK(problemAt(report, 7) == nullptr);
        CHECK(problemsWithCode(report, roster::code::kUnitStreetDiffers) == 1);
        for (const auto& p : report.sheets.at(0).problems)
            if (p.code == roster::code::kUnitStreetDiffers) {
                CHECK(p.row == 7);
                CHECK(p.column == "所属街道");
                CHECK(p.message.find("已归入江滨街道的“幸福社区”") != std::string::npos);
            }
        CHECK(f.storage.count("person") == 0);
    }
    SUBCASE("the import places each row in its street's 社区 and writes none of the refused rows") {
        const auto done =
            storage::runRosterImport(f.storage, f.request(roster::RosterKind::Volunteers, "openpyxl_streets.xlsx", false));
        REQUIRE_MESSAGE(done.status == storage::RosterImportResult::Status::Committed, done.error);
        const auto& report = done.files.at(0);
        CHECK(report.rowsImported() == 6);
        CHECK(report.rowsSkipped() == 2);
        CHECK(f.unitOf(kWangFang) == f.jiangbinXincun);
        CHECK(f.unitOf(kLiNa) == f.chengguanXincun);
        CHECK(f.unitOf(kZhangMin) == f.xingfu);           // unique name, blank street: as before
        CHECK(f.unitOf(kSunYan) == f.jiangbinXincun);     // 江滨 for 江滨街道
        CHECK(f.unitOf(kZhouHong) == 0);                  // misspelt 社区: kept as text, as before
        CHECK(report.unknownUnitNames == std::set<std::string>{"新材社区"});
        CHECK_FALSE(f.stored(kZhaoLi));
        CHECK_FALSE(f.stored(kChenJing));
        CHECK(f.unitOf(kLiuYang) == f.xingfu);            // the only 幸福社区, with a warning
        CHECK(problemAt(report, 5)->message.find("本行未导入") != std::string::npos);
        CHECK(f.storage.count("person") == 6);
    }
}

TEST_CASE("CSV without a street column: a stored person keeps her 新村社区, a new one is refused, 街道/社区 in the cell is read") {
    Fixture f;
    const auto first =
        storage::runRosterImport(f.storage, f.request(roster::RosterKind::Volunteers, "openpyxl_streets.xlsx", false));
    REQUIRE(first.status == storage::RosterImportResult::Status::Committed);
    REQUIRE(f.unitOf(kLiNa) == f.chengguanXincun);

    const auto checked =
        storage::runRosterImport(f.storage, f.request(roster::RosterKind::Volunteers, "python_csv_no_street.csv", true));
    REQUIRE_MESSAGE(checked.status == storage::RosterImportResult::Status::DryRun, checked.error);
    {
        const auto& report = checked.files.at(0);
        CHECK(report.rowsSkipped() == 1);
        const roster::Problem* refused = problemAt(report, 3);   // 吴霞: new, 新村社区
        REQUIRE(refused);
        CHECK(refused->code == roster::code::kUnitAmbiguous);
        CHECK(problemsWithCode(report, roster::code::kUnitKept) == 1);   // said in the preview
        for (const auto& p : report.sheets.at(0).problems)
            if (p.code == roster::code::kUnitKept) {
                CHECK(p.row == 2);
                CHECK(p.message.find("仍归入原来的社区") != std::string::npos);
            }
    }

    const auto done =
        storage::runRosterImport(f.storage, f.request(roster::RosterKind::Volunteers, "python_csv_no_street.csv", false));
    REQUIRE_MESSAGE(done.status == storage::RosterImportResult::Status::Committed, done.error);
    CHECK(problemAt(done.files.at(0), 2) == nullptr);          // 李娜's row is applied …
    CHECK(f.unitOf(kLiNa) == f.chengguanXincun);               // … in the 社区 she was in
    storage::Statement hours = f.storage.db().prepare(
        "SELECT l.counted_hours FROM person_list l JOIN person p ON p.id = l.person_id WHERE p.id_number = ?");
    hours.bind(1, kLiNa);
    REQUIRE(hours.step());
    CHECK(hours.columnDouble(0) == doctest::Approx(30));       // her hours follow the roster
    CHECK_FALSE(f.stored(kWuXia));
    CHECK(f.unitOf(kZhengJie) == f.jiangbinXincun);            // "江滨街道/新村社区"
    CHECK(f.unitOf(kFengDan) == f.chengguanXincun);            // "城关街道 新村社区"
    CHECK(f.unitOf(kZhangMin) == f.xingfu);
    CHECK(f.unitOf(kWangFang) == f.chengguanShequ);            // a unique name moves her, as before
}

TEST_CASE("a person stored outside the same-named 社区 is refused, not moved, by an ambiguous name") {
    Fixture f;
    REQUIRE(storage::runRosterImport(f.storage, f.request(roster::RosterKind::Volunteers, "openpyxl_streets.xlsx", false))
                .status == storage::RosterImportResult::Status::Committed);
    // 张敏 is in 幸福社区; the CSV does not name her with 新村社区, so put her
    // through the store directly: 新村社区 without a street is refused.
    storage::ImportStore store(f.storage);
    storage::Transaction tx(f.storage.db());
    const RowId batch = store.begin("volunteers", "hand.csv", "x");
    RosterPerson p;
    p.row = 2;
    p.name = "张敏";
    p.idNumber = kZhangMin;
    p.unitName = "新村社区";
    const auto r = store.putPerson(batch, p);
    REQUIRE(r.unitRefusal != nullptr);
    CHECK(std::string(r.unitRefusal) == roster::code::kUnitAmbiguous);
    CHECK(r.unitStreets == std::vector<std::string>{"江滨街道", "城关街道"});
    store.flushPeople();
    CHECK(f.unitOf(kZhangMin) == f.xingfu);
    // With the street she moves.
    p.streetName = "城关街道";
    const auto moved = store.putPerson(batch, p);
    CHECK(moved.unitRefusal == nullptr);
    CHECK(moved.outcome == storage::ImportStore::Outcome::Updated);
    CHECK(f.unitOf(kZhangMin) == f.chengguanXincun);
}

TEST_CASE("openpyxl family list with 街道/乡镇: households by street; the ambiguous one refused, then kept on a re-import") {
    Fixture f;
    const auto done =
        storage::runRosterImport(f.storage, f.request(roster::RosterKind::Families, "openpyxl_street_families.xlsx", false));
    REQUIRE_MESSAGE(done.status == storage::RosterImportResult::Status::Committed, done.error);
    const auto& report = done.files.at(0);
    CHECK(report.rowsImported() == 2);
    CHECK(report.rowsSkipped() == 1);
    const roster::Problem* refused = problemAt(report, 4);
    REQUIRE(refused);
    CHECK(refused->code == roster::code::kUnitAmbiguous);
    auto familyUnit = [&](const std::string& head) {
        storage::Statement st = f.storage.db().prepare("SELECT coalesce(unit_id, 0) FROM family WHERE head_name = ?");
        st.bind(1, head);
        REQUIRE(st.step());
        return st.columnInt(0);
    };
    CHECK(familyUnit("李建国") == f.jiangbinXincun);
    CHECK(familyUnit("王大伟") == f.chengguanXincun);
    CHECK(f.storage.count("family") == 2);

    // The same households again without a street: each stays where it is.
    storage::ImportStore store(f.storage);
    storage::Transaction tx(f.storage.db());
    const RowId batch = store.begin("families", "again.csv", "y");
    RosterFamily again;
    again.row = 2;
    again.headName = "王大伟";
    again.address = "新村3号";
    again.unitName = "新村社区";
    again.members = 4;
    const auto r = store.putFamily(batch, again);
    CHECK(r.unitRefusal == nullptr);
    CHECK(r.unitKept);
    CHECK(r.outcome == storage::ImportStore::Outcome::Updated);
    CHECK(f.storage.count("family") == 2);
    CHECK(familyUnit("王大伟") == f.chengguanXincun);
}

TEST_CASE("record imports: an activity's unit named 新村社区 is refused with the streets named; 江滨街道/新村社区 is read") {
    Fixture f;
    // In the temporary folder: on a server the database's "path" is a connection string.
    const std::string path = (std::filesystem::temp_directory_path()
                              / ("jinguo_streets_" + std::to_string(::getpid()) + ".activities.csv")).string();
    {
        std::ofstream out(path, std::ios::binary);
        out << "活动名称,日期,单位,类型,参与人数\n"
               "三八妇女节宣传,2026-03-08,新村社区,宣传,60\n"
               "困难妇女走访慰问,2026-01-20,江滨街道/新村社区,帮扶,15\n"
               "家风家训讲座,2026-04-02,江宾街道/新村社区,宣传,30\n";
    }
    storage::RosterImportRequest r = f.request(roster::RosterKind::Activities, "unused", false);
    r.files = {path};
    const auto done = storage::runRosterImport(f.storage, r);
    std::filesystem::remove(path);
    REQUIRE_MESSAGE(done.status == storage::RosterImportResult::Status::Committed, done.error);
    const auto& report = done.files.at(0);
    CHECK(report.rowsImported() == 1);
    const roster::Problem* ambiguous = problemAt(report, 2);
    REQUIRE(ambiguous);
    CHECK(ambiguous->code == roster::code::kUnitAmbiguous);   // the rosters' rule and words (unit_match.hpp)
    CHECK(ambiguous->message.find("“新村社区”在江滨街道、城关街道都有") != std::string::npos);
    CHECK(ambiguous->message.find("“江滨街道/新村社区”") != std::string::npos);
    const roster::Problem* misspelt = problemAt(report, 4);
    REQUIRE(misspelt);
    CHECK(misspelt->code == roster::code::kUnitNotInStreet);
    CHECK(misspelt->message.find("所属街道“江宾街道”下没有名为“新村社区”") != std::string::npos);
    storage::Statement st = f.storage.db().prepare("SELECT unit_id FROM activity WHERE name = '困难妇女走访慰问'");
    REQUIRE(st.step());
    CHECK(st.columnInt(0) == f.jiangbinXincun);
}
