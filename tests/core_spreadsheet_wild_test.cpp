// core_spreadsheet_wild_test.cpp — files from the wild (issue 14): what
// business systems, Java services on Windows and hostile senders make of
// xlsx, and the encrypted files Excel opens without asking. Archives are
// written at run time with libzip (parts named and shaped as the writers
// do) or libxlsxwriter (its shared strings are Excel's).
#include <doctest/doctest.h>

#include "core/spreadsheet.hpp"

#include <xlsxwriter.h>
#include <zip.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace jinguo::sheet;
using Kind = Cell::Kind;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("jinguo_wild_" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

using Parts = std::vector<std::pair<std::string, std::string>>;

void writeZip(const std::string& path, const Parts& parts, bool stored = false) {
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(z);
    for (const auto& [name, content] : parts) {
        zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
        REQUIRE(src);
        const zip_int64_t index = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
        REQUIRE(index >= 0);
        if (stored) zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    REQUIRE(zip_close(z) == 0);
}

const char* const kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
const char* const kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";

// A workbook of the given sheets (name, r:id) whose relationships name
// sheetN.xml for rIdN (N = 1, 2 …) and, when `shared`, sharedStrings.xml.
Parts workbook(const std::vector<std::pair<std::string, std::string>>& sheets, int sheetParts, bool shared) {
    std::string wb =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
    int id = 1;
    for (const auto& [name, rel] : sheets)
        wb += "<sheet name=\"" + name + "\" sheetId=\"" + std::to_string(id++) + "\" r:id=\"" + rel + "\"/>";
    wb += "</sheets></workbook>";
    std::string rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (int i = 1; i <= sheetParts; ++i)
        rels += "<Relationship Id=\"rId" + std::to_string(i) +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                "Target=\"worksheets/sheet" + std::to_string(i) + ".xml\"/>";
    if (shared)
        rels += "<Relationship Id=\"rIdS\" "
                "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
                "Target=\"sharedStrings.xml\"/>";
    rels += "</Relationships>";
    return {{"[Content_Types].xml", kContentTypes},
            {"_rels/.rels", kRootRels},
            {"xl/workbook.xml", wb},
            {"xl/_rels/workbook.xml.rels", rels}};
}

std::string sheetXml(const std::string& rows) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
           "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" +
           rows + "</sheetData></worksheet>";
}

std::string sharedXml(const std::vector<std::string>& strings) {
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst "
                    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" +
                    std::to_string(strings.size()) + "\">";
    for (const auto& s : strings) x += "<si><t>" + s + "</t></si>";
    return x + "</sst>";
}

std::string describe(const Cell& c) {
    switch (c.kind) {
    case Kind::Empty: return "∅";
    case Kind::Text: return c.text;
    case Kind::Number: return "#" + c.text;
    case Kind::Boolean: return "?" + c.text;
    case Kind::Error: return "!" + c.text;
    }
    return "";
}

struct Collector : RowSink {
    std::vector<std::string> sheets;
    std::vector<std::string> lines;   // "sheet:row: cells | …"
    long rows = 0;
    bool beginSheet(const SheetInfo& s) override {
        sheets.push_back(s.name);
        return true;
    }
    bool row(const Row& r) override {
        ++rows;
        std::string line = sheets.back() + ":" + std::to_string(r.number) + ":";
        for (std::size_t i = 0; i < r.cells.size(); ++i) line += (i ? " | " : " ") + describe(r.cells[i]);
        lines.push_back(line);
        return true;
    }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// English that libraries put in their messages; none may reach the user.
void checkNoLibraryEnglish(const std::string& message) {
    for (const char* english : {"Not a zip archive", "inconsistent", "CRC error", "not well-formed", "invalid token",
                                "mismatched tag", "Premature end", "Zlib", "no element found", "unclosed token"})
        CHECK_MESSAGE(!has(message, english), message);
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

} // namespace

TEST_CASE("a shared-string cell with an empty value (<v/>, business systems' exports) reads as blank") {
    TempDir dir;
    Parts parts = workbook({{"名单", "rId1"}}, 1, true);
    parts.push_back({"xl/sharedStrings.xml", sharedXml({"姓名", "备注", "王芳"})});
    parts.push_back({"xl/worksheets/sheet1.xml",
                     sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                              "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v/></c>"
                              "<c r=\"C2\" t=\"s\"><v></v></c><c r=\"D2\" t=\"s\"/></row>")});
    const std::string path = dir.file("业务系统导出.xlsx");
    writeZip(path, parts);
    Collector c;
    const ReadResult r = readSpreadsheet(path, c);
    REQUIRE_MESSAGE(r.status == ReadStatus::Ok, r.message);
    REQUIRE(c.lines.size() == 2);
    CHECK(c.lines[0] == "名单:1: 姓名 | 备注");
    CHECK(c.lines[1] == "名单:2: 王芳");   // the blanks are trailing: absent
}

TEST_CASE("parts named with backslashes (xl\\workbook.xml, Java services on Windows) are read") {
    TempDir dir;
    Parts parts = workbook({{"名单", "rId1"}}, 1, true);
    parts.push_back({"xl/sharedStrings.xml", sharedXml({"姓名", "王芳"})});
    parts.push_back({"xl/worksheets/sheet1.xml",
                     sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                              "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>3.5</v></c></row>")});
    for (auto& [name, content] : parts)
        for (char& ch : name)
            if (ch == '/') ch = '\\';
    const std::string path = dir.file("java导出.xlsx");
    writeZip(path, parts);
    Collector c;
    const ReadResult r = readSpreadsheet(path, c);
    REQUIRE_MESSAGE(r.status == ReadStatus::Ok, r.message);
    CHECK(c.lines == std::vector<std::string>{"名单:1: 姓名", "名单:2: 王芳 | #3.5"});
    CHECK(listSheets(path).info.sheets.at(0).name == "名单");
}

TEST_CASE("a sheet without content (empty r:id, missing part) is skipped and named; the others are read") {
    TempDir dir;
    Parts parts = workbook({{"幸福社区", "rId1"}, {"空表", ""}, {"缺页", "rId2"}, {"和平社区", "rId3"}}, 3, false);
    parts.push_back({"xl/worksheets/sheet1.xml",
                     sheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>王芳</t></is></c></row>")});
    // sheet2.xml (缺页) is not in the archive.
    parts.push_back({"xl/worksheets/sheet3.xml",
                     sheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>李娜</t></is></c></row>")});
    const std::string path = dir.file("少了一页.xlsx");
    writeZip(path, parts);
    Collector c;
    const ReadResult r = readSpreadsheet(path, c);
    REQUIRE_MESSAGE(r.status == ReadStatus::Ok, r.message);
    CHECK(c.lines == std::vector<std::string>{"幸福社区:1: 王芳", "和平社区:1: 李娜"});
    CHECK(r.info.unreadableSheets == std::vector<std::string>{"空表", "缺页"});
    REQUIRE(r.info.sheets.size() == 2);
    CHECK(r.info.sheets[1].name == "和平社区");
    CHECK(r.info.sheets[1].index == 1);
    const ReadResult listed = listSheets(path);
    CHECK(listed.status == ReadStatus::Ok);
    CHECK(listed.info.unreadableSheets.size() == 2);
}

TEST_CASE("libzip's and expat's English becomes Chinese") {
    TempDir dir;
    {   // not a zip at all, but starts like one
        const std::string path = dir.file("坏.xlsx");
        std::ofstream(path, std::ios::binary) << "PK\x03\x04" << std::string(200, 'x');
        const ReadResult r = listSheets(path);
        CHECK(r.status == ReadStatus::Failed);
        CHECK_MESSAGE(has(r.message, "文件已损坏或不完整"), r.message);
        checkNoLibraryEnglish(r.message);
    }
    {   // stored (uncompressed) shared strings with a changed byte: a CRC error
        // (libzip checks the CRC at a part's end; a sheet is left at </sheetData>)
        Parts parts = workbook({{"名单", "rId1"}}, 1, true);
        parts.push_back({"xl/sharedStrings.xml", sharedXml({"ZZZZZZZZ"})});
        parts.push_back({"xl/worksheets/sheet1.xml", sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")});
        const std::string path = dir.file("校验.xlsx");
        writeZip(path, parts, true);
        std::string bytes;
        {
            std::ifstream in(path, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        const auto at = bytes.find("ZZZZZZZZ");
        REQUIRE(at != std::string::npos);
        bytes[at] = 'Y';
        std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
        Collector c;
        const ReadResult r = readSpreadsheet(path, c);
        CHECK(r.status == ReadStatus::Failed);
        CHECK_MESSAGE(has(r.message, "校验出错"), r.message);
        checkNoLibraryEnglish(r.message);
    }
    {   // a stray '<' in a sheet: expat's "not well-formed (invalid token)"
        Parts parts = workbook({{"名单", "rId1"}}, 1, false);
        parts.push_back({"xl/worksheets/sheet1.xml", sheetXml("<row r=\"1\"><c r=\"A1\"><v>1<2</v></c></row>")});
        const std::string path = dir.file("xml.xlsx");
        writeZip(path, parts);
        Collector c;
        const ReadResult r = readSpreadsheet(path, c);
        CHECK(r.status == ReadStatus::Failed);
        CHECK_MESSAGE(has(r.message, "xl/worksheets/sheet1.xml第1行的XML有无效的字符或写法"), r.message);
        checkNoLibraryEnglish(r.message);
    }
    {   // truncated archives: whatever libzip says, it is said in Chinese
        Parts parts = workbook({{"名单", "rId1"}}, 1, false);
        parts.push_back({"xl/worksheets/sheet1.xml", sheetXml(repeat("<row><c><v>1</v></c></row>", 2000))});
        const std::string whole = dir.file("整.xlsx");
        writeZip(whole, parts);
        std::string bytes;
        {
            std::ifstream in(whole, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        for (std::size_t cut = 10; cut < bytes.size(); cut += bytes.size() / 23) {
            const std::string path = dir.file("截断" + std::to_string(cut) + ".xlsx");
            std::ofstream(path, std::ios::binary) << bytes.substr(0, cut);
            Collector c;
            const ReadResult r = readSpreadsheet(path, c);
            if (r.status == ReadStatus::Failed) checkNoLibraryEnglish(r.message);
        }
    }
}

// ------------------------------------------------------------------ OLE compound files

namespace {

// A compound file (MS-CFB, version 3, 512-byte sectors) holding the named
// streams, as Excel writes an encrypted workbook (EncryptionInfo,
// EncryptedPackage, \x06DataSpaces) or an old .xls (Workbook). Sector 0 is
// the FAT; the directory spans sectors 1 and 2 (4 entries each), so reading
// it means following the FAT chain.
std::string compoundFile(const std::vector<std::pair<std::string, int>>& entries) {   // name, type (1 storage, 2 stream)
    std::string file(512 * 4, '\0');
    auto put16 = [&](std::size_t at, unsigned v) {
        file[at] = static_cast<char>(v & 0xFF);
        file[at + 1] = static_cast<char>(v >> 8);
    };
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) file[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    std::memcpy(file.data(), magic, 8);
    put16(0x18, 0x3E);      // minor version
    put16(0x1A, 3);         // major version 3
    put16(0x1C, 0xFFFE);    // little-endian
    put16(0x1E, 9);         // 512-byte sectors
    put16(0x20, 6);         // 64-byte mini sectors
    put32(0x2C, 1);         // one FAT sector
    put32(0x30, 1);         // the directory starts at sector 1
    put32(0x38, 4096);      // mini stream cut-off
    put32(0x3C, 0xFFFFFFFE);
    put32(0x44, 0xFFFFFFFE);
    put32(0x4C, 0);         // DIFAT[0]: the FAT is sector 0
    for (int i = 1; i < 109; ++i) put32(0x4C + 4 * i, 0xFFFFFFFF);
    const std::size_t fat = 512;
    put32(fat + 0, 0xFFFFFFFD);   // sector 0: FAT
    put32(fat + 4, 2);            // sector 1 → 2
    put32(fat + 8, 0xFFFFFFFE);   // sector 2: end of chain
    for (int i = 3; i < 128; ++i) put32(fat + 4 * i, 0xFFFFFFFF);
    std::vector<std::pair<std::string, int>> all = {{"Root Entry", 5}};
    all.insert(all.end(), entries.begin(), entries.end());
    REQUIRE(all.size() <= 8);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::size_t at = 1024 + 128 * i;   // sector 1 starts at file offset 1024
        const std::string& name = all[i].first;
        for (std::size_t k = 0; k < name.size(); ++k) put16(at + 2 * k, static_cast<unsigned char>(name[k]));
        put16(at + 0x40, static_cast<unsigned>(2 * (name.size() + 1)));
        file[at + 0x42] = static_cast<char>(all[i].second);
        put32(at + 0x44, 0xFFFFFFFF);
        put32(at + 0x48, 0xFFFFFFFF);
        put32(at + 0x4C, 0xFFFFFFFF);
    }
    return file;
}

std::string writeFile(const TempDir& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

} // namespace

TEST_CASE("an encrypted workbook is named as such, whatever its extension; an old .xls stays an old .xls") {
    TempDir dir;
    // The order Excel writes: the data-space storage, then the two streams;
    // EncryptedPackage lands in the directory's second sector.
    const std::string encrypted = compoundFile(
        {{"\x06" "DataSpaces", 1}, {"EncryptionInfo", 2}, {"DataSpaceMap", 2}, {"Version", 2}, {"EncryptedPackage", 2}});
    for (const char* name : {"默认密码.xlsx", "加密.xlsb", "加密.xls", "名单.xlsm"}) {
        CAPTURE(name);
        Collector c;
        const ReadResult r = readSpreadsheet(writeFile(dir, name, encrypted), c);
        CHECK(r.status == ReadStatus::Failed);
        CHECK_MESSAGE(has(r.message, "这是受保护/加密的Excel文件"), r.message);
        CHECK(has(r.message, "请在Excel/WPS中打开后另存为普通.xlsx"));
        CHECK_FALSE(has(r.message, "旧版Excel"));
        CHECK(c.rows == 0);
    }
    const std::string xls = compoundFile({{"Workbook", 2}, {"\x05SummaryInformation", 2}});
    const ReadResult renamed = listSheets(writeFile(dir, "其实是xls.xlsx", xls));
    CHECK_MESSAGE(has(renamed.message, "文件名是.xlsx，内容却是旧版Excel（.xls）格式"), renamed.message);
    CHECK_FALSE(has(renamed.message, "密码"));
    CHECK(has(listSheets(writeFile(dir, "旧.xls", xls)).message, "这是旧版Excel（.xls）格式"));
    CHECK(has(listSheets(writeFile(dir, "旧95.xls", compoundFile({{"Book", 2}}))).message, "这是旧版Excel（.xls）格式"));
    // A truncated compound file: no directory to read, the extension decides.
    CHECK(has(listSheets(writeFile(dir, "截断.xls", encrypted.substr(0, 600))).message, "这是旧版Excel（.xls）格式"));
}

// ------------------------------------------------------------------ text bombs

TEST_CASE("one long shared string named by every cell: refused early, by bytes, not after gigabytes") {
    TempDir dir;
    // What Excel (and libxlsxwriter) write: each distinct string once in
    // sharedStrings.xml, each cell an index into it. 30,000 characters (90 KB)
    // in 300 × 10 cells would expand to 270 MB of text …
    const std::string written = dir.file("共享字符串炸弹.xlsx");
    const std::string longText = repeat("测", 30000);
    {
        lxw_workbook* wb = workbook_new(written.c_str());
        lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
        for (lxw_row_t r = 0; r < 300; ++r)
            for (lxw_col_t col = 0; col < 10; ++col) worksheet_write_string(ws, r, col, longText.c_str(), nullptr);
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    }
    // … and in 20,000 × 10 cells of the same shape (a 110 KB file) to 1.8 GB.
    const std::string crafted = dir.file("十万单元格.xlsx");
    {
        Parts parts = workbook({{"名单", "rId1"}}, 1, true);
        parts.push_back({"xl/sharedStrings.xml", sharedXml({longText})});
        std::string rows;
        for (int r = 1; r <= 20000; ++r) {
            rows += "<row r=\"" + std::to_string(r) + "\">";
            for (int col = 0; col < 10; ++col) rows += "<c t=\"s\"><v>0</v></c>";
            rows += "</row>";
        }
        parts.push_back({"xl/worksheets/sheet1.xml", sheetXml(rows)});
        writeZip(crafted, parts);
    }
    CHECK(fs::file_size(crafted) < 256 * 1024);
    for (const std::string& path : {written, crafted}) {
        for (bool pipelined : {false, true}) {
            CAPTURE(path);
            CAPTURE(pipelined);
            Collector c;
            const ReadResult r = pipelined ? readSpreadsheetPipelined(path, c) : readSpreadsheet(path, c);
            CHECK(r.status == ReadStatus::Failed);
            CHECK(r.errorCode == "unsupported_format");
            CHECK_MESSAGE(has(r.message, "文件中的文字展开后远大于文件本身"), r.message);
            // Stopped after ~64 MB of text: some 70 rows of 900 KB, not all of them.
            CHECK(c.rows < 100);
        }
    }
}

TEST_CASE("a shared string beyond Excel's 32,767 characters, and a row beyond 1 MB, are refused") {
    TempDir dir;
    {
        Parts parts = workbook({{"名单", "rId1"}}, 1, true);
        parts.push_back({"xl/sharedStrings.xml", sharedXml({"姓名", repeat("x", 1 << 20)})});
        std::string rows;
        for (int r = 1; r <= 5000; ++r) {
            rows += "<row r=\"" + std::to_string(r) + "\">";
            for (int col = 0; col < 26; ++col) rows += "<c t=\"s\"><v>1</v></c>";
            rows += "</row>";
        }
        parts.push_back({"xl/worksheets/sheet1.xml", sheetXml(rows)});
        const std::string path = dir.file("一兆字符串.xlsx");
        writeZip(path, parts);
        CHECK(fs::file_size(path) < 200 * 1024);
        Collector c;
        const ReadResult r = readSpreadsheetPipelined(path, c);
        CHECK(r.status == ReadStatus::Failed);
        CHECK_MESSAGE(has(r.message, "xl/sharedStrings.xml中有一段文字超过32767个字符"), r.message);
        CHECK(c.rows == 0);
    }
    {   // 20 cells of 30,000 characters each in one row: 1.8 MB of text in a row
        const std::string path = dir.file("宽行.xlsx");
        lxw_workbook* wb = workbook_new(path.c_str());
        lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
        const std::string longText = repeat("测", 30000);
        worksheet_write_string(ws, 0, 0, "姓名", nullptr);
        for (lxw_col_t col = 0; col < 20; ++col) worksheet_write_string(ws, 1, col, longText.c_str(), nullptr);
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
        Collector c;
        const ReadResult r = readSpreadsheet(path, c);
        CHECK(r.status == ReadStatus::Failed);
        CHECK_MESSAGE(has(r.message, "第2行的文字超过1 MB"), r.message);
        CHECK(c.rows == 1);
    }
}

TEST_CASE("long cells within the limits still read, through the pipeline too") {
    TempDir dir;
    const std::string path = dir.file("长备注.xlsx");
    const std::string longText = repeat("备", 30000);   // 90 KB, under Excel's 32,767 characters
    {
        lxw_workbook* wb = workbook_new(path.c_str());
        lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
        worksheet_write_string(ws, 0, 0, "姓名", nullptr);
        worksheet_write_string(ws, 0, 1, "备注", nullptr);
        for (lxw_row_t r = 1; r <= 300; ++r) {   // 27 MB of text: within the allowance every file has
            worksheet_write_string(ws, r, 0, ("人" + std::to_string(r)).c_str(), nullptr);
            worksheet_write_string(ws, r, 1, longText.c_str(), nullptr);
        }
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    }
    struct Check : RowSink {
        long rows = 0, longCells = 0;
        const std::string* expected = nullptr;
        bool beginSheet(const SheetInfo&) override { return true; }
        bool row(const Row& r) override {
            ++rows;
            if (r.cells.size() == 2 && r.cells[1].text == *expected) ++longCells;
            return true;
        }
    } sink;
    sink.expected = &longText;
    const ReadResult r = readSpreadsheetPipelined(path, sink);
    REQUIRE_MESSAGE(r.status == ReadStatus::Ok, r.message);
    CHECK(sink.rows == 301);
    CHECK(sink.longCells == 300);
}

TEST_CASE("an encrypted workbook beyond 7 MB: the directory found through the DIFAT chain") {
    // With 512-byte sectors the header lists the FAT sectors of the first
    // 109 × 128 sectors (~7 MB); a bigger file (a large encrypted roster)
    // continues the list in DIFAT sectors. Here the directory sits at
    // sector 14000, whose FAT entry is in the 110th FAT sector.
    std::string file = compoundFile(
        {{"\x06" "DataSpaces", 1}, {"EncryptionInfo", 2}, {"DataSpaceMap", 2}, {"Version", 2}, {"EncryptedPackage", 2}});
    const std::string directory = file.substr(1024, 1024);   // sectors 1 and 2 of the small file: two sectors
    const std::uint32_t dirSector = 14000;
    file.resize((static_cast<std::size_t>(dirSector) + 3) * 512, '\0');
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) file[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    put32(0x30, dirSector);   // the directory
    put32(0x44, 1);           // first DIFAT sector: sector 1
    put32(0x48, 1);           // one DIFAT sector
    const std::size_t difat = 1024, fat110 = 1536;   // sectors 1 and 2
    for (std::size_t i = 0; i < 128; ++i) put32(difat + 4 * i, 0xFFFFFFFF);
    put32(difat, 2);                      // FAT sector #110 is sector 2
    put32(difat + 4 * 127, 0xFFFFFFFE);   // end of the DIFAT chain
    for (std::size_t i = 0; i < 128; ++i) put32(fat110 + 4 * i, 0xFFFFFFFF);
    put32(fat110 + 4 * (dirSector % 128), dirSector + 1);      // the directory: 14000 → 14001
    put32(fat110 + 4 * (dirSector % 128 + 1), 0xFFFFFFFE);
    file.replace((static_cast<std::size_t>(dirSector) + 1) * 512, 1024, directory);
    TempDir dir;
    const ReadResult r = listSheets(writeFile(dir, "大文件加密.xlsx", file));
    CHECK_MESSAGE(has(r.message, "这是受保护/加密的Excel文件"), r.message);
}
