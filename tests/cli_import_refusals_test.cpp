// cli_import_refusals_test.cpp — `jinguo import` when nothing can be
// imported: the reason on the console (not only in the JSON), a non-zero
// exit, a --report-json that carries the refusal, notes for the sheets left
// out. (That no database is left behind is tests/cli_import_db_test.sh: it
// needs the real executable.)
#include <doctest/doctest.h>


#include "cli/import_command.hpp"
#include "core/spreadsheet.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <zip.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

using jinguo::test::corpus;

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    fs::path dir = fs::temp_directory_path() / ("jinguo_refusals_" + std::to_string(::getpid()));
    std::string report = (dir / "报告.json").string();
    std::string out, err;
    Fixture() { fs::create_directories(dir); }
    ~Fixture() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string write(const std::string& name, const std::string& text) {
        const std::string path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    int import(const std::vector<std::string>& files, bool dryRun = false) {
        cli::ImportRequest request;
        request.kind = "volunteers";
        request.files = files;
        request.dryRun = dryRun;
        request.reportJsonPath = report;
        request.today = "2026-11-29";
        std::ostringstream o, e;
        const int rc = cli::runImport(storage, request, o, e);
        out = o.str();
        err = e.str();
        return rc;
    }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("no header row: said on the console, exit non-zero, no option the command line lacks") {
    Fixture f;
    const std::string csv = f.write("没有表头.csv", "甲,乙,丙\n1,2,3\n4,5,6\n");
    CHECK(f.import({csv}) == 3);
    CHECK_MESSAGE(has(f.out, "未导入：在表格前30行中没有找到表头行"), f.out);
    CHECK(has(f.err, "没有导入任何数据"));
    // The wizard's advice ("在导入时手动指定…") is not the command line's.
    CHECK_FALSE(has(f.out, "或在导入时手动指定"));
    CHECK(has(f.out, "图形界面"));
    const std::string report = test::readFile(f.report);
    CHECK(has(report, "\"code\": \"header_not_found\""));
    CHECK_FALSE(has(report, "或在导入时手动指定"));
    CHECK(f.storage.count("person") == 0);
}

TEST_CASE("a required column missing: said on the console, exit non-zero") {
    Fixture f;
    const std::string csv = f.write("缺身份证号.csv", "姓名,手机号,服务时长\n王芳,13800138000,3\n");
    CHECK(f.import({csv}) == 3);
    CHECK_MESSAGE(has(f.out, "未导入：缺少“身份证号”列"), f.out);
    CHECK_FALSE(has(f.out, "请在映射中指定"));
    CHECK(has(test::readFile(f.report), "\"code\": \"column_missing\""));
}

TEST_CASE("a refused file still writes --report-json, with the refusal's code") {
    Fixture f;
    CHECK(f.import({corpus("gen_utf8.csv"), corpus("libreoffice_roster.xls")}) == 1);
    REQUIRE(fs::exists(f.report));
    const std::string report = test::readFile(f.report);
    CHECK_MESSAGE(has(report, "\"code\": \"unsupported_format\""), report);
    CHECK(has(report, "这是旧版Excel（.xls）格式"));
    CHECK(has(report, "gen_utf8.csv"));   // the file handled before it
    CHECK(f.storage.count("person") == 0);
}

TEST_CASE("hidden sheets are named in a note, on the console and in the report") {
    Fixture f;
    REQUIRE(f.import({corpus("openpyxl_communities.xlsx")}, true) == 0);
    CHECK_MESSAGE(has(f.out, "注意：工作表“选项”是隐藏的工作表"), f.out);
    CHECK(has(f.out, "请用 --sheet 指定这个工作表导入"));   // the command line's way, not the wizard's
    const std::string report = test::readFile(f.report);
    CHECK(has(report, "\"notes\""));
    CHECK(has(report, "工作表“选项”是隐藏的工作表"));
}

TEST_CASE("a sheet without content is skipped with a note; the other sheets are imported") {
    Fixture f;
    // A workbook as a business system wrote it: the second sheet's r:id is empty.
    const std::string path = (f.dir / "两个社区.xlsx").string();
    const std::vector<std::pair<std::string, std::string>> parts = {
        {"_rels/.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
         "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml",
         "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
         "<sheet name=\"幸福社区\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"和平社区\" sheetId=\"2\" r:id=\"\"/>"
         "</sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
         "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
         "<c r=\"B1\" t=\"inlineStr\"><is><t>身份证号</t></is></c></row>"
         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>王芳</t></is></c>"
         "<c r=\"B2\" t=\"inlineStr\"><is><t>11010519491231002X</t></is></c></row></sheetData></worksheet>"},
    };
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(z);
    for (const auto& [name, content] : parts)
        REQUIRE(zip_file_add(z, name.c_str(), zip_source_buffer(z, content.data(), content.size(), 0),
                             ZIP_FL_ENC_UTF_8) >= 0);
    REQUIRE(zip_close(z) == 0);

    REQUIRE(f.import({path}) == 0);
    CHECK(f.storage.count("person") == 1);
    CHECK_MESSAGE(has(f.out, "注意：工作表“和平社区”在文件中没有内容"), f.out);
    CHECK(has(test::readFile(f.report), "工作表“和平社区”在文件中没有内容"));
}

TEST_CASE("jinguo import x.xls / .et / .ods: the same advice the GUI's file picker shows") {
    Fixture f;
    const std::string et = f.write("和平社区.et", "not really WPS");
    for (const std::string& path : {corpus("libreoffice_roster.xls"), corpus("libreoffice_roster.ods"), et}) {
        CAPTURE(path);
        CHECK(f.import({path}) == 1);
        const std::string advice = sheet::needsSaveAsXlsx(path);
        REQUIRE_FALSE(advice.empty());
        CHECK(has(advice, "文件 → 另存为"));
        const std::string said = f.err + f.out;
        CHECK_MESSAGE(has(said, advice), said);
        CHECK(f.storage.count("person") == 0);
    }
}
