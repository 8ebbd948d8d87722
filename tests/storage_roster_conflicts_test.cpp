// storage_roster_conflicts_test.cpp — rows that used to be silently merged or
// wrongly refused (issue 11, item 5): one ID number on two sheets, a stored
// person under another name, an xlsx text ID ending in 000, and communities
// not in 组织 (kept as text, linked when the unit is added). Real SQLite files
// and real spreadsheets (written here with libxlsxwriter, or CSV text).
#include <doctest/doctest.h>

#include "storage/import_store.hpp"
#include "storage/record_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <variant>

using namespace jinguo;

namespace {

constexpr const char* kWangFang = "11010519491231002X";
constexpr const char* kMan = "440524198001010013";
constexpr const char* kWoman = "320106198511050021";
constexpr const char* kEnds000 = "110105198506124000";   // valid, ends in 000

std::string tempFile(const std::string& suffix) {
    static int counter = 0;
    return (std::filesystem::temp_directory_path()
            / ("jinguo_conflicts_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + suffix))
        .string();
}

// A cell: text, or a number cell (what Excel makes of a typed-in ID).
using XCell = std::variant<std::string, double>;
struct XSheet {
    std::string name;
    std::vector<std::vector<XCell>> rows;   // row 1 first
};

void writeXlsx(const std::string& path, const std::vector<XSheet>& sheets) {
    lxw_workbook* wb = workbook_new(path.c_str());
    REQUIRE(wb != nullptr);
    for (const XSheet& s : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
        for (std::size_t r = 0; r < s.rows.size(); ++r)
            for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
                const XCell& cell = s.rows[r][c];
                if (const auto* t = std::get_if<std::string>(&cell))
                    worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), t->c_str(), nullptr);
                else
                    worksheet_write_number(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                           std::get<double>(cell), nullptr);
            }
    }
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
}

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    RowId street = 0;
    std::vector<std::string> files;
    Fixture() {
        street = test::buildDistrict(storage).street(0);
    }
    ~Fixture() {
        for (const auto& f : files) std::filesystem::remove(f);
    }
    std::string csv(const std::string& text) {
        files.push_back(tempFile(".csv"));
        std::ofstream(files.back(), std::ios::binary) << text;
        return files.back();
    }
    std::string xlsx(const std::vector<XSheet>& sheets) {
        files.push_back(tempFile(".xlsx"));
        writeXlsx(files.back(), sheets);
        return files.back();
    }
    storage::RosterImportRequest request(std::vector<std::string> paths,
                                         roster::RosterKind kind = roster::RosterKind::Volunteers) {
        storage::RosterImportRequest r;
        r.kind = kind;
        r.files = std::move(paths);
        r.today = "2026-11-29";
        r.keepProblemRows = true;
        return r;
    }
    storage::RosterImportResult run(const storage::RosterImportRequest& r) {
        auto result = storage::runRosterImport(storage, r);
        REQUIRE_MESSAGE((result.status == storage::RosterImportResult::Status::Committed
                         || result.status == storage::RosterImportResult::Status::DryRun),
                        result.error);
        return result;
    }
    std::string text(const std::string& sql, const std::string& arg) {
        storage::Statement st = storage.db().prepare(sql);
        st.bind(1, arg);
        if (!st.step()) return "(no row)";
        return st.columnIsNull(0) ? "NULL" : st.columnText(0);
    }
    std::string personUnitText(const std::string& id) {
        return text("SELECT unit_text FROM person WHERE id_number = ?", id);
    }
    std::string personUnit(const std::string& id) {
        return text("SELECT coalesce(u.name, 'NULL') FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id"
                    " WHERE p.id_number = ?", id);
    }
};

std::vector<roster::Problem> problemsWithCode(const storage::RosterImportResult& r, const std::string& code) {
    std::vector<roster::Problem> out;
    for (const auto& f : r.files)
        for (const auto& s : f.sheets)
            for (const auto& p : s.problems)
                if (p.code == code) out.push_back(p);
    return out;
}

const std::vector<XCell> kHeader = {std::string("姓名"), std::string("身份证号"), std::string("所属社区"),
                                    std::string("服务时长")};

} // namespace

// ------------------------------------------------------------ item 1

TEST_CASE("one ID on two sheets: the later row is refused naming both places, never merged") {
    Fixture f;
    const std::string file = f.xlsx({
        {"望江社区", {kHeader, {std::string("王芳"), std::string(kWangFang), std::string("望江社区"), 10.0},
                      {std::string("李娜"), std::string(kWoman), std::string("望江社区"), 2.0}}},
        {"星河村", {kHeader, {std::string("赵敏"), std::string(kMan), std::string("星河村"), 1.0},
                    {std::string("王芳"), std::string(kWangFang), std::string("星河村"), 30.0},
                    {std::string("李那"), std::string(kWoman), std::string("星河村"), 3.0}}},
    });
    const auto result = f.run(f.request({file}));
    const auto& file0 = result.files.at(0);
    CHECK(file0.rowsImported() == 3);
    CHECK(file0.rowsSkipped() == 2);
    const auto dups = problemsWithCode(result, roster::code::kDuplicateInFile);
    REQUIRE(dups.size() == 2);
    CHECK(dups[0].row == 3);                                   // Excel's row of the later 王芳
    CHECK(dups[0].message.find("工作表“望江社区”第2行") != std::string::npos);
    CHECK(dups[0].message.find("工作表“星河村”第3行") != std::string::npos);
    CHECK(dups[1].row == 4);
    CHECK(dups[1].message.find("“李娜”") != std::string::npos);
    CHECK(dups[1].message.find("“李那”") != std::string::npos);
    CHECK(dups[1].message.find("身份证号录错") != std::string::npos);
    // One person, as the first row said: hours and community not overwritten.
    CHECK(f.storage.count("person") == 3);
    const auto wang = f.storage.personByIdNumber(kWangFang);
    REQUIRE(wang);
    CHECK(wang->rosterHours == doctest::Approx(10.0));
    CHECK(f.personUnit(kWangFang) == "望江社区");
    CHECK(f.storage.personByIdNumber(kWoman)->name == "李娜");
    // The rejected row keeps its cells for the problem list.
    bool listed = false;
    for (const auto& line : storage::problemListTable(result.files).rows)
        listed |= line.at(0) == "星河村" && line.at(1) == "3";
    CHECK(listed);
}

TEST_CASE("one ID in two files of one run: the second file's row names the first file") {
    Fixture f;
    const std::string a = f.csv("姓名,身份证号,所属社区,服务时长\n王芳,11010519491231002X,望江社区,10\n");
    const std::string b = f.csv("姓名,身份证号,所属社区,服务时长\n王芳,11010519491231002X,望江社区,30\n");
    const auto result = f.run(f.request({a, b}));
    const auto dups = problemsWithCode(result, roster::code::kDuplicateInFile);
    REQUIRE(dups.size() == 1);
    CHECK(dups[0].message.find("文件“" + std::filesystem::path(a).filename().string() + "”第2行") != std::string::npos);
    CHECK(f.storage.personByIdNumber(kWangFang)->rosterHours == doctest::Approx(10.0));
}

// ------------------------------------------------------------ item 2

TEST_CASE("a stored ID under another name: not applied by default, renamed when accepted, undo restores") {
    Fixture f;
    Person ye;
    ye.name = "叶颖";
    ye.idNumber = kWoman;
    ye.gender = "女";
    f.storage.insertPerson(ye);
    const std::string file = f.csv("姓名,身份证号,手机号\n叶英,320106198511050021,13812345678\n"
                                   "王芳,11010519491231002X,13812345679\n");

    auto r = f.request({file});
    r.dryRun = true;
    const auto check = f.run(r);
    auto differs = problemsWithCode(check, roster::code::kNameDiffers);
    REQUIRE(differs.size() == 1);
    CHECK(differs[0].row == 2);
    CHECK(differs[0].column == "姓名");
    CHECK(differs[0].message.find("“叶颖”") != std::string::npos);
    CHECK(differs[0].message.find("“叶英”") != std::string::npos);
    CHECK_FALSE(roster::isWarning(differs[0].code));
    // The CLI's --report-json carries the code.
    CHECK(storage::importReportJson(check.files).find("\"code\": \"name_differs\"") != std::string::npos);

    const auto kept = f.run(f.request({file}));
    CHECK(kept.files.at(0).rowsSkipped() == 1);
    CHECK(kept.files.at(0).rowsImported() == 1);
    CHECK(f.storage.personByIdNumber(kWoman)->name == "叶颖");
    CHECK(f.storage.personByIdNumber(kWoman)->phone.empty());   // nothing of the row applied

    // The user decided: the roster's name is right. (The same file is
    // recognized once imported: undo that batch first.)
    storage::ImportStore(f.storage).undo(kept.files.at(0).batch);
    auto accept = f.request({file});
    accept.acceptRenames = true;
    const auto renamed = f.run(accept);
    CHECK(problemsWithCode(renamed, roster::code::kNameDiffers).empty());
    CHECK(renamed.files.at(0).rowsUpdated() == 1);
    CHECK(f.storage.personByIdNumber(kWoman)->name == "叶英");
    CHECK(f.storage.personByIdNumber(kWoman)->phone == "13812345678");
    storage::ImportStore(f.storage).undo(renamed.files.at(0).batch);
    CHECK(f.storage.personByIdNumber(kWoman)->name == "叶颖");
}

// ------------------------------------------------------------ item 3

TEST_CASE("an ID ending in 000: an xlsx text cell imports, a number cell does not, a CSV warns") {
    Fixture f;
    const std::string file = f.xlsx({{"名册", {
        {std::string("姓名"), std::string("身份证号")},
        {std::string("王芳"), 110105194912310000.0},               // Excel's damage: a number cell
        {std::string("李娜"), std::string(kEnds000)},              // a text cell: a real ID
    }}});
    const auto result = f.run(f.request({file}));
    const auto& sheet = result.files.at(0).sheets.at(0);
    CHECK(sheet.rowsImported == 1);
    CHECK(sheet.rowsSkipped == 1);
    REQUIRE(problemsWithCode(result, roster::code::kIdStoredAsNumber).size() == 1);
    CHECK(problemsWithCode(result, roster::code::kIdStoredAsNumber)[0].row == 2);
    CHECK(problemsWithCode(result, roster::code::kIdEnds000).empty());
    CHECK(f.storage.personByIdNumber(kEnds000).has_value());

    const std::string csv = f.csv("姓名,身份证号\n李娜,110105198506124000\n");
    Fixture g;
    const auto fromCsv = g.run(g.request({csv}));
    CHECK(fromCsv.files.at(0).rowsImported() == 1);
    const auto warned = problemsWithCode(fromCsv, roster::code::kIdEnds000);
    REQUIRE(warned.size() == 1);
    CHECK(warned[0].row == 2);
    CHECK(roster::isWarning(warned[0].code));
    CHECK(g.storage.personByIdNumber(kEnds000).has_value());
    // A warning is listed too, as 提醒 (the row was imported; the community should look).
    const auto list = storage::problemListTable(fromCsv.files).rows;
    REQUIRE(list.size() == 1);
    CHECK(list[0][1] == "2");
    CHECK(list[0][2] == "提醒");
}

// ------------------------------------------------------------ item 6

TEST_CASE("a 所属社区 not in 组织 is kept as text, shown, named in the report, and linked once the unit exists") {
    Fixture f;
    const std::string file = f.csv("姓名,身份证号,所属社区\n王芳,11010519491231002X,向阳社区\n"
                                   "李娜,320106198511050021,向阳社区\n赵敏,440524198001010013,望江社区\n");
    const auto result = f.run(f.request({file}));
    const auto& report = result.files.at(0);
    CHECK(report.unitsUnknown == 2);
    CHECK(report.unknownUnitNames == std::set<std::string>{"向阳社区"});
    CHECK(storage::importReportJson(result.files).find("\"unknown_units\"") != std::string::npos);
    CHECK(f.personUnitText(kWangFang) == "向阳社区");
    CHECK(f.personUnit(kWangFang) == "NULL");
    CHECK(f.personUnitText(kMan) == "NULL");   // placed: no text kept
    bool shown = false;
    for (const VolunteerRow& r : f.storage.volunteerRows())
        if (r.idNumber == kWangFang) shown = r.unitId == 0 && r.unitText == "向阳社区";
    CHECK(shown);

    // 组织: adding 向阳社区 links both, in one undoable step.
    storage::RecordStore records(f.storage);
    const RowId xiangyang = records.addUnit({0, f.street, "向阳社区", UnitKind::Community, 800, 0});
    CHECK(f.personUnit(kWangFang) == "向阳社区");
    CHECK(f.personUnit(kWoman) == "向阳社区");
    CHECK(f.personUnitText(kWangFang) == "NULL");
    storage::UndoStore undo(f.storage);
    REQUIRE(undo.undoLast());
    CHECK(f.personUnit(kWangFang) == "NULL");
    CHECK(f.personUnitText(kWangFang) == "向阳社区");
    CHECK(f.storage.count("org_unit") == 3);
    (void)xiangyang;

    // Renaming a unit to the name links too.
    const RowId other = records.addUnit({0, f.street, "向阳居委会", UnitKind::Community, 800, 0});
    CHECK(f.personUnit(kWangFang) == "NULL");
    records.renameUnit(other, "向阳社区");
    CHECK(f.personUnit(kWangFang) == "向阳社区");
    CHECK(f.personUnit(kWoman) == "向阳社区");
}

TEST_CASE("family rosters keep the community text too, and linking moves their titles") {
    Fixture f;
    const std::string file = f.csv("户主姓名,家庭住址,家庭人口,所属社区,荣誉称号,获评年度,级别\n"
                                   "张建国,幸福路1号,3,向阳社区,平安家庭,2024,社区级\n");
    const auto result = f.run(f.request({file}, roster::RosterKind::Families));
    CHECK(result.files.at(0).rowsImported() == 1);
    CHECK(f.text("SELECT unit_text FROM family WHERE head_name = ?", "张建国") == "向阳社区");
    storage::RecordStore records(f.storage);
    bool shown = false;
    for (const auto& r : records.familyList().rows) shown |= r.headName == "张建国" && r.unitText == "向阳社区";
    CHECK(shown);
    records.addUnit({0, f.street, "向阳社区", UnitKind::Community, 800, 0});
    CHECK(f.text("SELECT u.name FROM family f JOIN org_unit u ON u.id = f.unit_id WHERE f.head_name = ?", "张建国")
          == "向阳社区");
    CHECK(f.text("SELECT unit_text FROM family WHERE head_name = ?", "张建国") == "NULL");
    CHECK(f.text("SELECT u.name FROM award a JOIN family f ON f.id = a.family_id JOIN org_unit u ON u.id = a.unit_id"
                 " WHERE f.head_name = ?", "张建国") == "向阳社区");
}

TEST_CASE("undoing an import restores the community text it changed") {
    Fixture f;
    const auto first = f.run(f.request({f.csv("姓名,身份证号,所属社区\n王芳,11010519491231002X,向阳社区\n")}));
    CHECK(f.personUnitText(kWangFang) == "向阳社区");
    const auto second = f.run(f.request({f.csv("姓名,身份证号,所属社区\n王芳,11010519491231002X,朝阳社区\n")}));
    CHECK(second.files.at(0).rowsUpdated() == 1);   // only the text changed: still an update
    CHECK(f.personUnitText(kWangFang) == "朝阳社区");
    storage::ImportStore(f.storage).undo(second.files.at(0).batch);
    CHECK(f.personUnitText(kWangFang) == "向阳社区");
    // A known unit replaces the text; undo brings the text back.
    const auto third = f.run(f.request({f.csv("姓名,身份证号,所属社区\n王芳,11010519491231002X,望江社区\n")}));
    CHECK(f.personUnit(kWangFang) == "望江社区");
    CHECK(f.personUnitText(kWangFang) == "NULL");
    storage::ImportStore(f.storage).undo(third.files.at(0).batch);
    CHECK(f.personUnit(kWangFang) == "NULL");
    CHECK(f.personUnitText(kWangFang) == "向阳社区");
    (void)first;
}
