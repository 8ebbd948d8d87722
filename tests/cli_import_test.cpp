// cli_import_test.cpp — `jinguo import` on spreadsheets written by real
// programs (tests/data/rosters): every good row in, every bad row explained,
// nothing half-imported, re-imports recognized, export -> import round trip.
#include <doctest/doctest.h>


#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "storage/import_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "support/district.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace jinguo;

namespace {

using jinguo::test::corpus;

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    std::string report = (std::filesystem::temp_directory_path()
                          / ("jinguo_report_" + std::to_string(::getpid()) + ".json")).string();
    Fixture() {
        test::buildDistrict(storage, {0, {{"滨江街道", 0, 0, {{"幸福社区", 1000}, {"和平社区", 1000}, {"白鹭社区", 1000}}}}});
    }
    ~Fixture() { std::filesystem::remove(report); }

    int import(cli::ImportRequest request, std::string* errText = nullptr) {
        request.today = "2026-11-29";
        std::ostringstream out, err;
        const int rc = cli::runImport(storage, request, out, err);
        if (errText) *errText = err.str();
        return rc;
    }
};

} // namespace

TEST_CASE("a UTF-8 CSV roster imports whole; the report says what happened; a second import is recognized") {
    Fixture f;
    cli::ImportRequest request;
    request.kind = "volunteers";
    request.files = {corpus("gen_utf8.csv")};
    request.reportJsonPath = f.report;
    REQUIRE(f.import(request) == 0);
    const auto people = f.storage.count("person");
    CHECK(people == 6);
    const std::string report = test::readFile(f.report);
    CHECK(report.find("\"format\": \"csv\"") != std::string::npos);
    CHECK(report.find("\"encoding\": \"UTF-8\"") != std::string::npos);
    CHECK(report.find("\"rows_imported\": 6") != std::string::npos);
    CHECK(report.find("\"姓名\": \"name\"") != std::string::npos);
    // The roster's hours are the volunteer's cumulative hours.
    CHECK(f.storage.personByIdNumber("420103197601197334")->rosterHours == doctest::Approx(95.1));

    REQUIRE(f.import(request) == 0);
    CHECK(f.storage.count("person") == people);                 // nothing doubled
    CHECK(f.storage.count("import_batch") == 1);
    CHECK(test::readFile(f.report).find("already_imported_as_batch") != std::string::npos);
}

TEST_CASE("an Excel workbook: title rows, an ID stored as a number refused, hidden sheets skipped") {
    Fixture f;
    cli::ImportRequest request;
    request.kind = "volunteers";
    request.files = {corpus("openpyxl_communities.xlsx")};
    request.reportJsonPath = f.report;
    REQUIRE(f.import(request) == 0);
    const std::string report = test::readFile(f.report);
    CHECK(report.find("\"name\": \"幸福社区\"") != std::string::npos);
    CHECK(report.find("\"header_row\": 3") != std::string::npos);
    CHECK(report.find("\"code\": \"id_stored_as_number\"") != std::string::npos);
    CHECK(report.find("\"name\": \"选项\"") == std::string::npos);   // the hidden drop-down sheet
    // 王芳 and 李娜 share an ID number in this file: the later row is reported.
    CHECK(report.find("\"code\": \"duplicate_in_file\"") != std::string::npos);
    CHECK(f.storage.personByIdNumber("11010519491231002X"));
    CHECK(f.storage.personByIdNumber("11010519491231002X")->name == "王芳");
}

TEST_CASE("--sheet picks sheets; --dry-run writes nothing") {
    Fixture f;
    cli::ImportRequest request;
    request.kind = "volunteers";
    request.files = {corpus("openpyxl_communities.xlsx")};
    request.sheets = {"和平社区"};
    request.dryRun = true;
    request.reportJsonPath = f.report;
    REQUIRE(f.import(request) == 0);
    CHECK(f.storage.count("person") == 0);
    CHECK(f.storage.count("import_batch") == 0);
    const std::string report = test::readFile(f.report);
    CHECK(report.find("\"name\": \"和平社区\"") != std::string::npos);
    CHECK(report.find("\"name\": \"幸福社区\"") == std::string::npos);
    // 赵敏's ID was stored as a number; 钱𠮷's has a wrong check character.
    CHECK(report.find("\"rows_skipped\": 2") != std::string::npos);
    CHECK(report.find("\"code\": \"id_checksum\"") != std::string::npos);
    CHECK(report.find("\"column\": \"是否党员\"") != std::string::npos);   // unknown_column warning
}

TEST_CASE("a file that cannot be read stops the import with nothing written, even after a good file") {
    Fixture f;
    cli::ImportRequest request;
    request.kind = "volunteers";
    request.files = {corpus("gen_utf8.csv"), corpus("libreoffice_roster.xls")};
    std::string err;
    CHECK(f.import(request, &err) == 1);
    CHECK(err.find(".xlsx") != std::string::npos);
    CHECK(err.find("未写入任何数据") != std::string::npos);
    CHECK(f.storage.count("person") == 0);
    CHECK(f.storage.count("import_batch") == 0);

    request.files = {corpus("no-such-file.xlsx")};
    CHECK(f.import(request, &err) == 1);
    request.kind = "people";
    CHECK(f.import(request, &err) == 2);
}

TEST_CASE("an import batch can be undone, and the file imported again afterwards") {
    Fixture f;
    cli::ImportRequest request;
    request.kind = "volunteers";
    request.files = {corpus("gen_utf8.csv")};
    REQUIRE(f.import(request) == 0);
    storage::ImportStore store(f.storage);
    const auto batches = store.batches();
    REQUIRE(batches.size() == 1);
    store.undo(batches[0].id);
    CHECK(f.storage.count("person") == 0);
    REQUIRE(f.import(request) == 0);
    CHECK(f.storage.count("person") == 6);
}

TEST_CASE("export -> import round trip keeps people exactly") {
    Fixture f;
    cli::ImportRequest request;
    request.kind = "volunteers";
    request.files = {corpus("gen_utf8.csv")};
    REQUIRE(f.import(request) == 0);
    const std::string exported =
        (std::filesystem::temp_directory_path() / ("jinguo_roundtrip_" + std::to_string(::getpid()) + ".xlsx")).string();
    std::ostringstream out, err;
    REQUIRE(cli::runExport(f.storage, {"volunteers", exported, true}, out, err) == 0);

    Fixture g;
    request.files = {exported};
    REQUIRE(g.import(request) == 0);
    std::filesystem::remove(exported);
    const TextTable before = f.storage.exportVolunteers();
    const TextTable after = g.storage.exportVolunteers();
    CHECK(before.rows == after.rows);
}

TEST_CASE("--accept-renames: without it a row renaming a stored person is reported (name_differs), with it applied") {
    Fixture f;
    Person ye;
    ye.name = "叶颖";
    ye.idNumber = "320106198511050021";
    f.storage.insertPerson(ye);
    const std::string roster = (std::filesystem::temp_directory_path()
                                / ("jinguo_rename_" + std::to_string(::getpid()) + ".csv")).string();
    std::ofstream(roster, std::ios::binary) << "姓名,身份证号,所属社区\n叶英,320106198511050021,向阳社区\n";
    cli::ImportRequest request;
    request.kind = "volunteers";
    request.files = {roster};
    request.reportJsonPath = f.report;
    request.today = "2026-11-29";
    std::ostringstream out, err;
    REQUIRE(cli::runImport(f.storage, request, out, err) == 0);
    CHECK(test::readFile(f.report).find("\"name_differs\"") != std::string::npos);
    CHECK(out.str().find("--accept-renames") != std::string::npos);
    CHECK(f.storage.personByIdNumber("320106198511050021")->name == "叶颖");

    storage::ImportStore(f.storage).undo(storage::ImportStore(f.storage).batches().at(0).id);
    request.acceptRenames = true;
    std::ostringstream out2, err2;
    REQUIRE(cli::runImport(f.storage, request, out2, err2) == 0);
    CHECK(f.storage.personByIdNumber("320106198511050021")->name == "叶英");
    // The summary names the community it could not place.
    CHECK(out2.str().find("向阳社区") != std::string::npos);
    std::filesystem::remove(roster);
}
