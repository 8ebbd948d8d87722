// storage_roster_import_test.cpp — storage::runRosterImport, the run shared by
// the CLI and the 导入 wizard: progress, cancel (nothing written), the user's
// mapping correction, rejected rows kept with their values and Excel row numbers.
#include <doctest/doctest.h>

#include "test_files.hpp"

#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace jinguo;

namespace {

using jinguo::test::corpus;

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    std::string csv = (std::filesystem::temp_directory_path()
                       / ("jinguo_roster_" + std::to_string(::getpid()) + ".csv")).string();
    Fixture() {
        test::buildDistrict(storage);
    }
    ~Fixture() { std::filesystem::remove(csv); }

    void writeCsv(const std::string& text) {
        std::ofstream out(csv, std::ios::binary);
        out << text;
    }

    storage::RosterImportRequest request(const std::string& file) {
        storage::RosterImportRequest r;
        r.kind = roster::RosterKind::Volunteers;
        r.files = {file};
        r.today = "2026-11-29";
        return r;
    }
};

// A title row above the header, the ID column under a name no alias knows
// ("证件"), one good row and one with a 10-digit phone on Excel row 4.
const char* kOddHeaderRoster =
    "2024年望江社区志愿者花名册,,,\n"
    "姓名,证件,手机号,所属社区\n"
    "王芳,11010519491231002X,13812345678,望江社区\n"
    "朱然辉,420103197601197334,1381234567,望江社区\n";

} // namespace

TEST_CASE("progress is reported up to the whole file, and rows are counted") {
    Fixture f;
    auto r = f.request(corpus("gen_utf8.csv"));
    int calls = 0;
    storage::ImportProgress last;
    r.progress = [&](const storage::ImportProgress& p) {
        ++calls;
        CHECK(p.fraction() >= 0.0);
        CHECK(p.fraction() <= 1.0);
        last = p;
    };
    const auto result = storage::runRosterImport(f.storage, r);
    REQUIRE(result.status == storage::RosterImportResult::Status::Committed);
    CHECK(calls >= 2);                               // the start and at least one chunk
    CHECK(last.fileCount == 1);
    CHECK(last.bytesTotal == std::filesystem::file_size(corpus("gen_utf8.csv")));
    CHECK(last.fraction() == doctest::Approx(1.0));
    CHECK(f.storage.count("person") == 6);
    CHECK(result.files.at(0).batch > 0);
}

TEST_CASE("cancel rolls the whole run back: the database is as it was") {
    Fixture f;
    // Something already there, which must stay exactly as it is.
    REQUIRE(storage::runRosterImport(f.storage, f.request(corpus("gen_utf8_bom.csv"))).status
            == storage::RosterImportResult::Status::Committed);
    const auto people = f.storage.count("person");
    const auto batches = f.storage.count("import_batch");

    std::atomic<bool> cancel{false};
    auto r = f.request(corpus("openpyxl_communities.xlsx"));
    r.files.push_back(corpus("gen_gbk.csv"));
    r.cancel = &cancel;
    r.progress = [&](const storage::ImportProgress& p) {
        if (p.fileIndex == 1) cancel = true;   // the first file is read and stored; cancel in the second
    };
    const auto result = storage::runRosterImport(f.storage, r);
    CHECK(result.status == storage::RosterImportResult::Status::Cancelled);
    CHECK(f.storage.count("person") == people);
    CHECK(f.storage.count("import_batch") == batches);

    // Without the cancel the same run writes: the test above can fail.
    cancel = false;
    r.progress = nullptr;
    CHECK(storage::runRosterImport(f.storage, r).status == storage::RosterImportResult::Status::Committed);
    CHECK(f.storage.count("person") > people);
}

TEST_CASE("the user's mapping makes an unknown column the ID number; bad rows keep their values and row") {
    Fixture f;
    f.writeCsv(kOddHeaderRoster);

    // Detected alone, the sheet lacks 身份证号: nothing is imported and it says so.
    auto r = f.request(f.csv);
    r.dryRun = true;
    auto detected = storage::runRosterImport(f.storage, r);
    REQUIRE(detected.status == storage::RosterImportResult::Status::DryRun);
    REQUIRE(detected.files.size() == 1);
    REQUIRE(detected.files[0].sheets.size() == 1);
    CHECK(detected.files[0].rowsImported() == 0);
    bool columnMissing = false;
    for (const auto& p : detected.files[0].sheets[0].problems) columnMissing |= p.code == roster::code::kColumnMissing;
    CHECK(columnMissing);
    CHECK(f.storage.count("person") == 0);

    // The correction: column B (证件) holds the ID number.
    sheet::Row header;
    header.number = 2;
    for (const char* text : {"姓名", "证件", "手机号", "所属社区"}) {
        sheet::Cell c;
        c.kind = sheet::Cell::Kind::Text;
        c.text = text;
        header.cells.push_back(c);
    }
    roster::Mapping mapping = roster::mappingFromHeaderRow(header, roster::RosterKind::Volunteers);
    REQUIRE(roster::setColumnField(mapping, 1, roster::Field::IdNumber));
    CHECK(roster::validateMapping(mapping).empty());
    const std::string sheetName = detected.files[0].sheets[0].name;

    r = f.request(f.csv);
    r.mappings[sheetName] = mapping;
    r.keepProblemRows = true;
    const auto result = storage::runRosterImport(f.storage, r);
    REQUIRE(result.status == storage::RosterImportResult::Status::Committed);
    const auto& sheet = result.files.at(0).sheets.at(0);
    CHECK(sheet.rowsImported == 1);
    CHECK(sheet.rowsSkipped == 1);
    CHECK(f.storage.personByIdNumber("11010519491231002X").has_value());
    CHECK_FALSE(f.storage.personByIdNumber("420103197601197334").has_value());
    REQUIRE(sheet.problemRows.size() == 1);
    CHECK(sheet.problemRows[0].row == 4);                         // Excel's row, below the title
    CHECK(sheet.problemRows[0].values.at(0) == "朱然辉");
    CHECK(sheet.problemRows[0].values.at(2) == "1381234567");
    REQUIRE(sheet.headers.size() >= 2);
    CHECK(sheet.headers[1] == "证件");
    bool phoneProblem = false;
    for (const auto& p : sheet.problems)
        phoneProblem |= p.row == 4 && p.column == "手机号" && p.code == roster::code::kPhoneInvalid;
    CHECK(phoneProblem);
}

TEST_CASE("rows held while the header is looked for keep their values too") {
    Fixture f;
    f.writeCsv("姓名,身份证号,手机号\n王芳,110105194912310021,13812345678\n");   // wrong check character
    auto r = f.request(f.csv);
    r.keepProblemRows = true;
    const auto result = storage::runRosterImport(f.storage, r);
    REQUIRE(result.status == storage::RosterImportResult::Status::Committed);
    const auto& sheet = result.files.at(0).sheets.at(0);
    REQUIRE(sheet.problemRows.size() == 1);
    CHECK(sheet.problemRows[0].row == 2);
    CHECK(sheet.problemRows[0].values.at(1) == "110105194912310021");
}

TEST_CASE("the same file twice is recognized and nothing doubles; an unreadable file fails with nothing written") {
    Fixture f;
    REQUIRE(storage::runRosterImport(f.storage, f.request(corpus("gen_utf8.csv"))).status
            == storage::RosterImportResult::Status::Committed);
    const auto people = f.storage.count("person");
    const auto again = storage::runRosterImport(f.storage, f.request(corpus("gen_utf8.csv")));
    REQUIRE(again.status == storage::RosterImportResult::Status::Committed);
    CHECK(again.files.at(0).alreadyImportedAs > 0);
    CHECK(f.storage.count("person") == people);
    CHECK(f.storage.count("import_batch") == 1);

    const auto bad = storage::runRosterImport(f.storage, f.request(corpus("libreoffice_roster.xls")));
    CHECK(bad.status == storage::RosterImportResult::Status::Failed);
    CHECK(bad.error.find("未写入任何数据") != std::string::npos);
    CHECK(f.storage.count("import_batch") == 1);
}

TEST_CASE("the problem list: a line per bad row with the Excel row, the columns, the reasons and the row's cells") {
    Fixture f;
    f.writeCsv("2024年望江社区志愿者花名册,,,\n"
               "姓名,身份证号,手机号,所属社区\n"
               "王芳,11010519491231002X,13812345678,望江社区\n"
               "朱然辉,420103197601197335,1381234567,望江社区\n");   // wrong check character and a 10-digit phone
    auto r = f.request(f.csv);
    r.keepProblemRows = true;
    r.dryRun = true;
    const auto result = storage::runRosterImport(f.storage, r);
    REQUIRE(result.status == storage::RosterImportResult::Status::DryRun);
    const ExportTable table = storage::problemListTable(result.files);
    REQUIRE(table.headers.size() == 9);
    CHECK(table.headers[1] == "行号");
    CHECK(table.headers[2] == "类别");
    CHECK(table.headers[6] == "身份证号");
    REQUIRE(table.rows.size() == 1);                  // both problems of row 4 on one line
    const auto& line = table.rows[0];
    CHECK(line[1] == "4");
    CHECK(line[2] == "错误");
    CHECK(line[3] == "身份证号、手机号");
    CHECK(line[4].find("手机") != std::string::npos);
    CHECK(line[5] == "朱然辉");
    CHECK(line[6] == "420103197601197335");          // the value as written, for the community to fix

    // Written as .xlsx through the exporter without complaint.
    const std::string out = f.csv + ".xlsx";
    CHECK(writeExport(out, table).empty());
    CHECK(std::filesystem::file_size(out) > 0);
    std::filesystem::remove(out);
}

TEST_CASE("a 所属社区 that names no unit: the rows import, and a warning per name says which unit to add") {
    Fixture f;
    f.writeCsv("姓名,身份证号,手机号,所属社区\n"
               "王芳,11010519491231002X,13812345678,望湖社区\n"
               "朱然辉,420103197601197334,13812345679,望湖社区\n"
               "李娜,440524198001010013,13812345670,望江社区\n"
               "赵敏,330106199003080036,13812345671,星河村\n");
    const auto result = storage::runRosterImport(f.storage, f.request(f.csv));
    REQUIRE(result.files.size() == 1);
    const auto& sheet = result.files[0].sheets.at(0);
    CHECK(sheet.rowsImported == 4);
    std::vector<std::pair<int, std::string>> warnings;
    for (const auto& p : sheet.problems)
        if (p.code == roster::code::kUnitUnknown) {
            CHECK(roster::isWarning(p.code));
            CHECK(p.column == "所属社区");
            warnings.push_back({p.row, p.message});
        }
    REQUIRE(warnings.size() == 2);                           // 望湖社区 once (row 2), 星河村 (row 5)
    CHECK(warnings[0].first == 2);
    CHECK(warnings[0].second.find("望湖社区") != std::string::npos);
    CHECK(warnings[1].first == 5);
    CHECK(warnings[1].second.find("星河村") != std::string::npos);
    // Warnings are not rejected rows, but the problem list says them too, as 提醒.
    const auto list = storage::problemListTable(result.files).rows;
    REQUIRE(list.size() == 2);
    CHECK(list[0][1] == "2");
    CHECK(list[0][2] == "提醒");
    CHECK(list[1][1] == "5");
    CHECK(list[1][2] == "提醒");
}
