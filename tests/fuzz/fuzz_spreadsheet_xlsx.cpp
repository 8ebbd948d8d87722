// fuzz_spreadsheet_xlsx.cpp — the xlsx reader (spreadsheet_xlsx.cpp), two ways:
//
//   raw:  the input is the whole file (it starts with "PK" or an OLE header
//         D0 CF 11 E0, or its first byte is '7' mod 8): the zip layer, the OLE
//         sniffing, libzip's refusals;
//   part: otherwise the first byte (mod 8) picks one part of a small, valid
//         workbook and the rest of the input replaces that part; libzip
//         writes the archive, so the XML layer (expat handlers, shared
//         strings, styles, cell references) is reached every time.
//           0 [Content_Types].xml  1 _rels/.rels  2 xl/workbook.xml
//           3 xl/_rels/workbook.xml.rels  4 xl/worksheets/sheet1.xml
//           5 xl/sharedStrings.xml  6 xl/styles.xml
//         Bit 3 of the first byte deflates the parts instead of storing them.
#include "fuzz_common.hpp"

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct Part {
    const char* name;
    const char* text;
};

const Part kParts[] = {
    {"[Content_Types].xml",
     R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>)"},
    {"_rels/.rels",
     R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
    {"xl/workbook.xml",
     R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
    {"xl/_rels/workbook.xml.rels",
     R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)"},
    {"xl/worksheets/sheet1.xml",
     R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="inlineStr"><is><t>110105194912310021</t></is></c><c r="C2" s="1"><v>45292</v></c><c r="D2"><v>12.5</v></c></row></sheetData></worksheet>)"},
    {"xl/sharedStrings.xml",
     R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>加入日期</t></si><si><r><t>服务时长</t></r><r><t>(小时)</t></r></si><si><t xml:space="preserve"> 张三 </t></si></sst>)"},
    {"xl/styles.xml",
     R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>)"},
};
constexpr int kPartCount = sizeof(kParts) / sizeof(kParts[0]);

void fail(const char* what, zip_t* zip) {
    std::fprintf(stderr, "fuzz_spreadsheet_xlsx: %s: %s\n", what, zip ? zip_strerror(zip) : "");
    std::abort();   // the harness's own failure, not the reader's
}

std::string writeWorkbook(int replaced, bool deflate, const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzz::tempDir() + "/roster.xlsx";
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!zip) fail("zip_open", nullptr);
    for (int i = 0; i < kPartCount; ++i) {
        const void* bytes = kParts[i].text;
        zip_uint64_t length = std::strlen(kParts[i].text);
        if (i == replaced) {
            bytes = data;
            length = size;
        }
        // The buffer is read at zip_close, while `data` is still alive.
        zip_source_t* source = zip_source_buffer(zip, length ? bytes : "", length, 0);
        if (!source) fail("zip_source_buffer", zip);
        const zip_int64_t index = zip_file_add(zip, kParts[i].name, source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            fail("zip_file_add", zip);
        }
        zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 1);
    }
    if (zip_close(zip) != 0) fail("zip_close", zip);
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const bool raw = size == 0 || (size >= 2 && data[0] == 'P' && data[1] == 'K') ||
                     (size >= 4 && std::memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0) || (data[0] & 7) == 7;
    const std::string path = raw ? fuzz::writeTemp("roster.xlsx", data, size)
                                 : writeWorkbook(data[0] & 7, (data[0] & 8) != 0, data + 1, size - 1);
    const auto options = fuzz::fuzzReadOptions();
    fuzz::TouchingSink sink;
    auto result = jinguo::sheet::readSpreadsheet(path, sink, options);
    volatile std::size_t keep = sink.sum() + result.message.size() + result.info.unreadableSheets.size();
    fuzz::report(result, sink);
    auto listed = jinguo::sheet::listSheets(path, options);
    keep = keep + listed.info.sheets.size();
    (void)keep;
    return 0;
}
