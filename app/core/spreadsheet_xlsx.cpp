// spreadsheet_xlsx.cpp — .xlsx through libzip (archive) and expat (XML).
//
// Every part is parsed incrementally from zip_fread chunks; only the shared
// strings (needed in any order) and the date flags of the cell styles are
// kept. Both shapes of real files are read: Excel/WPS/LibreOffice put strings
// in sharedStrings.xml, openpyxl writes them inline as numeric entities.
// Hostile archives are bounded by the bytes actually decompressed and by the
// XML nesting depth; a DOCTYPE (never used by OOXML) is refused outright, which
// also rules out entity expansion attacks.
//
// Sections:
//   [SECTION] Limits and text helpers
//   [SECTION] Handlers
//   [SECTION] Reader
//   [SECTION] Shared strings
//   [SECTION] Sheet
#include "core/spreadsheet.hpp"
#include "core/hand_off.hpp"
#include "core/spreadsheet_detail.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <thread>
#include <map>
#include <memory>
#include <string_view>
#include <type_traits>

namespace jinguo::sheet::detail {
namespace {

constexpr std::size_t kChunk = 256 * 1024;
constexpr std::uint64_t kInflateAheadFrom = 4 << 20;   // parts this large inflate on a thread of their own
// What a sheet may expand to. A cell refers to a shared string by its index,
// so a 110 KB file whose cells all name one long string expands to gigabytes
// of text: the bytes of text handed on are bounded like the bytes inflated.
// Excel holds 32,767 UTF-16 units per cell: at most 3 UTF-8 bytes each.
constexpr std::size_t kMaxText = 32767 * 3;
constexpr std::size_t kMaxRowText = 1 << 20;             // a row's text; a roster row is under 1 KB
constexpr std::uint64_t kTextAllowance = 64ull << 20;    // text any file may expand to …
constexpr std::uint64_t kTextPerXmlByte = 8;             // … plus this much per XML byte inflated
constexpr int kMaxColumns = 16384;          // XFD
constexpr int kMaxRow = 1048576;
constexpr std::uint64_t kProgressStep = 1 << 20;

// ============================================================ [SECTION] Limits and text helpers

struct Refused {
    Refusal why;
    std::string detail;
};
struct Cancel {};

// Prefixes are dropped: some writers spell elements x:row, and Strict OOXML
// uses other namespace URIs for the same local names.
const char* localName(const char* name) {
    for (const char* p = name; *p; ++p)
        if (*p == ':') name = p + 1;
    return name;
}

bool same(const char* a, const char* b) { return std::strcmp(a, b) == 0; }

const char* attribute(const char** atts, const char* local) {
    for (; *atts; atts += 2)
        if (same(localName(atts[0]), local)) return atts[1];
    return nullptr;
}

bool endsWith(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

template <typename T>
bool parseInteger(std::string_view s, T& out) {
    s = trimmed(s);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool parseNumber(std::string_view s, double& out) {
    s = trimmed(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool truthy(const char* v) { return v && (same(v, "1") || same(v, "true")); }

// "AB12" → column 27 (0-based); -1 when it is no cell reference.
int parseColumn(const char* ref) {
    int col = 0, letters = 0;
    for (; *ref; ++ref) {
        char c = *ref;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        if (++letters > 3) return -1;
        col = col * 26 + (c - 'A' + 1);
    }
    if (letters == 0) return -1;
    for (; *ref; ++ref)
        if (*ref < '0' || *ref > '9') return -1;
    return col - 1;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int parseEscape(const std::string& s, std::size_t i) {   // "_xHHHH_" at i, or -1
    if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
    int v = 0;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
        const int h = hexValue(s[k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

std::size_t encodeUtf8(char32_t cp, char* out) {
    if (cp < 0x80) { out[0] = static_cast<char>(cp); return 1; }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

// OOXML writes characters XML cannot carry as _xHHHH_ (Excel: a Windows line
// break in a cell is "_x000D_\n"); a literal "_x" is itself escaped as _x005F_.
void decodeEscapes(std::string& s, std::size_t from) {
    std::size_t r = s.find("_x", from);
    if (r == std::string::npos) return;
    std::size_t w = r;
    while (r < s.size()) {
        int v = s[r] == '_' ? parseEscape(s, r) : -1;
        if (v >= 0) {
            char32_t cp = static_cast<char32_t>(v);
            std::size_t used = 7;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                const int low = parseEscape(s, r + 7);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
                    used = 14;
                } else {
                    v = -1;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                v = -1;
            }
            if (v >= 0) {   // the UTF-8 form is never longer than the escape
                char buf[4];
                const std::size_t n = encodeUtf8(cp, buf);
                std::memcpy(&s[w], buf, n);
                w += n;
                r += used;
                continue;
            }
        }
        s[w++] = s[r++];
    }
    s.resize(w);
}

// Excel's built-in date and time formats (ids 14–22, 27–36, 45–47, 50–58;
// 27–36 and 50–58 are the CJK-locale dates such as yyyy"年"m"月"d"日").
bool builtinDateFormat(int id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

// A custom format is a date when y/m/d/h/s occur outside quoted text, escapes
// and [..] tags ([Red], [$-804], [DBNum1]); [h]/[mm]/[ss] are elapsed time.
bool dateFormatCode(std::string_view code) {
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            const auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) return false;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            const auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) return false;
            const std::string_view tag = code.substr(i + 1, close - i - 1);
            if (!tag.empty() && tag.find_first_not_of("hHmMsS") == std::string_view::npos) return true;
            i = close;
        } else {
            switch (c) {
            case 'y': case 'Y': case 'm': case 'M': case 'd': case 'D':
            case 'h': case 'H': case 's': case 'S':
                return true;
            default:
                break;
            }
        }
    }
    return false;
}

long daysFromCivil(long y, unsigned m, unsigned d) {   // H. Hinnant's algorithm
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

// A t="d" cell holds ISO 8601 ("2024-03-08T00:00:00"); give the serial number
// Excel would have stored, so that callers see one shape of date.
bool isoToSerial(const std::string& iso, bool date1904, double& out) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    double s = 0;
    int used = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3) return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900) return false;
    if (iso[static_cast<std::size_t>(used)] == 'T' &&
        std::sscanf(iso.c_str() + used, "T%2d:%2d:%lf", &h, &mi, &s) < 2)
        return false;
    long days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) -
                (date1904 ? daysFromCivil(1904, 1, 1) : daysFromCivil(1899, 12, 30));
    if (!date1904 && days < 61) days -= 1;   // Excel's phantom 1900-02-29
    out = static_cast<double>(days) + (h * 3600 + mi * 60 + s) / 86400.0;
    return true;
}

// libzip's and expat's messages are English ("Not a zip archive"): the user
// gets what they mean in Chinese.
std::string zipErrorText(int code) {
    switch (code) {
    case ZIP_ER_NOZIP: return "文件不是zip压缩包格式";
    case ZIP_ER_INCONS: return "压缩包的目录与内容不一致，文件可能不完整（例如没有下载或复制完）";
    case ZIP_ER_CRC: return "压缩包中的数据校验出错，文件已损坏";
    case ZIP_ER_EOF: return "文件提前结束，可能没有下载或复制完整";
    case ZIP_ER_MULTIDISK: return "这是分卷压缩包，无法读取";
    case ZIP_ER_COMPNOTSUPP: return "压缩包使用了不支持的压缩方式";
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD: return "压缩包内容被加密了";
    case ZIP_ER_ZLIB:
    case ZIP_ER_COMPRESSED_DATA: return "压缩的数据已损坏";
    case ZIP_ER_MEMORY: return "内存不足";
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_TELL:
    case ZIP_ER_OPEN: return "读取文件时出错";
    default: return "压缩包已损坏（错误代码" + std::to_string(code) + "）";
    }
}

std::string xmlErrorText(XML_Error code) {
    switch (code) {
    case XML_ERROR_NO_MEMORY: return "内存不足";
    case XML_ERROR_INVALID_TOKEN:
    case XML_ERROR_BAD_CHAR_REF:
    case XML_ERROR_PARTIAL_CHAR: return "有无效的字符或写法";
    case XML_ERROR_UNCLOSED_TOKEN:
    case XML_ERROR_UNCLOSED_CDATA_SECTION:
    case XML_ERROR_NO_ELEMENTS: return "内容不完整（提前结束）";
    case XML_ERROR_TAG_MISMATCH: return "标记没有正确配对";
    case XML_ERROR_DUPLICATE_ATTRIBUTE: return "有重复的属性";
    case XML_ERROR_JUNK_AFTER_DOC_ELEMENT: return "结尾多出了内容";
    case XML_ERROR_UNKNOWN_ENCODING:
    case XML_ERROR_INCORRECT_ENCODING: return "使用了无法识别的文字编码";
    case XML_ERROR_UNDEFINED_ENTITY: return "引用了未定义的实体";
    default: return "格式不正确（错误代码" + std::to_string(static_cast<int>(code)) + "）";
    }
}

std::string sizeText(std::uint64_t bytes) {
    char buf[32];
    if (bytes >= (1ull << 20))
        std::snprintf(buf, sizeof buf, "%llu MB", static_cast<unsigned long long>(bytes >> 20));
    else
        std::snprintf(buf, sizeof buf, "%llu KB", static_cast<unsigned long long>((bytes + 1023) >> 10));
    return buf;
}

// Resolves a relationship target against the folder of the part that names it.
std::string resolvePart(const std::string& baseDir, const std::string& target) {
    const std::string joined = (!target.empty() && target[0] == '/') ? target.substr(1) : baseDir + target;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= joined.size()) {
        std::size_t slash = joined.find('/', start);
        if (slash == std::string::npos) slash = joined.size();
        const std::string part = joined.substr(start, slash - start);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += '/';
        out += p;
    }
    return out;
}

std::string folderOf(const std::string& part) {
    const auto slash = part.find_last_of('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

struct SharedStrings {
    std::string pool;                  // all strings back to back: one allocation, not one per string
    std::vector<std::uint64_t> ends;   // end offset of string i in pool
    std::string_view at(std::size_t i) const {
        const std::uint64_t begin = i ? ends[i - 1] : 0;
        return {pool.data() + begin, static_cast<std::size_t>(ends[i] - begin)};
    }
};

struct Relationship {
    std::string id, type, target;
    bool external = false;
};

struct WorkbookSheet {
    std::string name, relId;
    bool hidden = false;
};

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void onStart(const char* local, const char** atts) = 0;
    virtual void onEnd(const char* local) {}
    virtual void onText(const char* s, int len) {}
};

class XlsxReader;

// ============================================================ [SECTION] Handlers

class RelsHandler final : public XmlHandler {
public:
    std::vector<Relationship> rels;
    void onStart(const char* n, const char** atts) override {
        if (!same(n, "Relationship")) return;
        Relationship r;
        if (const char* v = attribute(atts, "Id")) r.id = v;
        if (const char* v = attribute(atts, "Type")) r.type = v;
        if (const char* v = attribute(atts, "Target")) r.target = v;
        const char* mode = attribute(atts, "TargetMode");
        r.external = mode && same(mode, "External");
        rels.push_back(std::move(r));
    }
};

class WorkbookHandler final : public XmlHandler {
public:
    std::vector<WorkbookSheet> sheets;
    bool date1904 = false;
    void onStart(const char* n, const char** atts) override {
        if (same(n, "workbookPr")) {
            date1904 = truthy(attribute(atts, "date1904"));
        } else if (same(n, "sheet")) {
            WorkbookSheet s;
            if (const char* v = attribute(atts, "name")) s.name = v;
            if (const char* v = attribute(atts, "id")) s.relId = v;   // r:id
            const char* state = attribute(atts, "state");
            s.hidden = state && (same(state, "hidden") || same(state, "veryHidden"));
            sheets.push_back(std::move(s));
        }
    }
};

class StylesHandler final : public XmlHandler {
public:
    std::map<int, bool> customDate;   // numFmtId → date
    std::vector<int> xfFormats;       // cellXfs[i].numFmtId
    void onStart(const char* n, const char** atts) override {
        if (same(n, "numFmt")) {
            int id = 0;
            const char* idText = attribute(atts, "numFmtId");
            const char* code = attribute(atts, "formatCode");
            if (idText && code && parseInteger(idText, id)) customDate[id] = dateFormatCode(code);
        } else if (same(n, "cellXfs")) {
            m_inCellXfs = true;
        } else if (m_inCellXfs && same(n, "xf")) {
            int id = 0;
            const char* idText = attribute(atts, "numFmtId");
            if (!idText || !parseInteger(idText, id)) id = 0;
            xfFormats.push_back(id);
        }
    }
    void onEnd(const char* n) override {
        if (same(n, "cellXfs")) m_inCellXfs = false;
    }
    std::vector<std::uint8_t> dateStyles() const {
        std::vector<std::uint8_t> out(xfFormats.size());
        for (std::size_t i = 0; i < xfFormats.size(); ++i) {
            const auto custom = customDate.find(xfFormats[i]);
            out[i] = custom != customDate.end() ? custom->second : builtinDateFormat(xfFormats[i]);
        }
        return out;
    }

private:
    bool m_inCellXfs = false;
};

class SharedStringsHandler final : public XmlHandler {
public:
    SharedStringsHandler(XlsxReader& reader, SharedStrings& strings) : m_reader(reader), m_strings(strings) {}
    void onStart(const char* n, const char** atts) override;
    void onEnd(const char* n) override;
    void onText(const char* s, int len) override;

private:
    XlsxReader& m_reader;
    SharedStrings& m_strings;
    std::size_t m_start = 0;
    bool m_inItem = false, m_inPhonetic = false, m_collect = false;
};

class SheetHandler final : public XmlHandler {
public:
    SheetHandler(XlsxReader& reader, const SharedStrings& strings, const std::vector<std::uint8_t>& dateStyles,
                 bool date1904)
        : m_reader(reader), m_strings(strings), m_dateStyles(dateStyles), m_date1904(date1904) {}
    void onStart(const char* n, const char** atts) override;
    void onEnd(const char* n) override;
    void onText(const char* s, int len) override;

private:
    enum class Type : std::uint8_t { Number, Shared, Inline, String, Boolean, Error, Date };
    void beginRow(const char** atts);
    void beginCell(const char** atts);
    void endCell();
    void endRow();

    XlsxReader& m_reader;
    const SharedStrings& m_strings;
    const std::vector<std::uint8_t>& m_dateStyles;
    const bool m_date1904;
    Row m_row;
    std::vector<Cell> m_spare;
    std::size_t m_used = 0;   // cells of m_row in use
    std::size_t m_rowText = 0;   // bytes of text in m_row so far
    int m_rowNumber = 0;
    int m_lastColumn = -1;
    int m_column = 0;
    Type m_type = Type::Number;
    bool m_dateStyle = false;
    bool m_inSheetData = false, m_inRow = false, m_inCell = false, m_inInline = false;
    bool m_inPhonetic = false, m_collect = false;
};

// ============================================================ [SECTION] Reader

class XlsxReader {
public:
    XlsxReader(const std::string& path, const std::string& name, const std::string& ext, RowSink* sink,
               const ReadOptions& options)
        : m_path(path), m_name(name), m_ext(ext), m_sink(sink), m_options(options) {}
    ~XlsxReader() {
        if (m_zip) zip_discard(m_zip);
    }

    ReadResult run();

    // For the handlers, called from inside expat callbacks: they must not
    // throw through expat's C frames, so they record why and stop the parser.
    void fail(Refusal why, std::string detail) {
        if (m_state != State::Running) return;
        m_state = State::Failed;
        m_failure = Refused{why, std::move(detail)};
        XML_StopParser(m_parser, XML_FALSE);
    }
    void finishEarly() {
        if (m_state != State::Running) return;
        m_state = State::Done;
        XML_StopParser(m_parser, XML_FALSE);
    }
    void deliver(const Row& row) {
        bool more = false;
        try {
            more = m_sink->row(row);
        } catch (...) {
            m_sinkError = std::current_exception();
        }
        if (m_sinkError || !more) {
            m_state = State::Cancelled;
            XML_StopParser(m_parser, XML_FALSE);
        }
    }
    const std::string& currentPart() const { return m_part; }
    // Text handed on for a cell; false (and the parser stopped) once the
    // file expands to far more text than its XML holds.
    bool countText(std::size_t bytes) {
        m_expanded += bytes;
        if (m_expanded <= kTextAllowance + kTextPerXmlByte * m_used) return true;
        fail(Refusal::TextBomb, m_part + "中的单元格引用共享文字，展开后超过" + sizeText(m_expanded));
        return false;
    }

private:
    enum class State { Running, Done, Failed, Cancelled };
    struct Part {
        zip_int64_t index = -1;
        std::string name;
        std::uint64_t size = 0;
    };

    void open();
    void readStructure();
    void readSheets();
    void loadSharedParts();
    Part find(const std::string& name) const;
    std::string readSmall(const Part& part, std::size_t limit);
    void parse(const Part& part, XmlHandler& handler);
    void advance(std::uint64_t bytes, bool final = false);
    std::vector<Relationship> readRels(const std::string& relsName);

    void keepError();
    static void XMLCALL onStart(void* self, const XML_Char* name, const XML_Char** atts);
    static void XMLCALL onEnd(void* self, const XML_Char* name);
    static void XMLCALL onText(void* self, const XML_Char* s, int len);
    static void XMLCALL onDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int);

    std::string m_path, m_name, m_ext;
    RowSink* m_sink;
    const ReadOptions& m_options;
    zip_t* m_zip = nullptr;
    FileInfo m_info;
    std::vector<Part> m_sheetParts;
    Part m_sharedPart, m_stylesPart;
    bool m_sharedLoaded = false;
    SharedStrings m_strings;
    std::vector<std::uint8_t> m_dateStyles;

    std::uint64_t m_used = 0;   // decompressed bytes so far, against maxUncompressedBytes
    std::uint64_t m_expanded = 0;   // cell text handed on so far, against countText's budget
    std::map<std::string, zip_int64_t> m_backslashNames;   // "xl/workbook.xml" → the entry named xl\workbook.xml
    std::uint64_t m_done = 0, m_total = 0, m_reported = 0;

    XML_Parser m_parser = nullptr;
    XmlHandler* m_handler = nullptr;
    std::string m_part;
    int m_depth = 0;
    State m_state = State::Running;
    Refused m_failure{Refusal::Corrupt, {}};
    std::exception_ptr m_sinkError;
    std::exception_ptr m_callbackError;
};

// Nothing may unwind through expat's C frames: an exception (bad_alloc) is
// kept and rethrown once XML_ParseBuffer has returned.
void XlsxReader::keepError() {
    m_callbackError = std::current_exception();
    m_state = State::Failed;
    XML_StopParser(m_parser, XML_FALSE);
}

void XMLCALL XlsxReader::onStart(void* p, const XML_Char* name, const XML_Char** atts) {
    auto* self = static_cast<XlsxReader*>(p);
    if (self->m_state != State::Running) return;
    try {
        if (++self->m_depth > self->m_options.maxXmlDepth) {
            self->fail(Refusal::TooDeep, self->m_part + "超过" + std::to_string(self->m_options.maxXmlDepth) + "层");
            return;
        }
        self->m_handler->onStart(localName(name), atts);
    } catch (...) {
        self->keepError();
    }
}

void XMLCALL XlsxReader::onEnd(void* p, const XML_Char* name) {
    auto* self = static_cast<XlsxReader*>(p);
    if (self->m_state != State::Running) return;
    --self->m_depth;
    try {
        self->m_handler->onEnd(localName(name));
    } catch (...) {
        self->keepError();
    }
}

void XMLCALL XlsxReader::onText(void* p, const XML_Char* s, int len) {
    auto* self = static_cast<XlsxReader*>(p);
    if (self->m_state != State::Running) return;
    try {
        self->m_handler->onText(s, len);
    } catch (...) {
        self->keepError();
    }
}

void XMLCALL XlsxReader::onDoctype(void* p, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* self = static_cast<XlsxReader*>(p);
    self->fail(Refusal::Corrupt, self->m_part + "含有DTD声明，正常的xlsx不会有");
}

XlsxReader::Part XlsxReader::find(const std::string& name) const {
    Part part;
    part.name = name;
    if (name.empty()) return part;
    part.index = zip_name_locate(m_zip, name.c_str(), 0);
    if (part.index < 0) part.index = zip_name_locate(m_zip, name.c_str(), ZIP_FL_NOCASE);
    if (part.index < 0 && !m_backslashNames.empty()) {
        std::string key = name;
        for (char& c : key)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (const auto it = m_backslashNames.find(key); it != m_backslashNames.end()) part.index = it->second;
    }
    if (part.index >= 0) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(part.index), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
            part.size = st.size;
    }
    return part;
}

void XlsxReader::advance(std::uint64_t bytes, bool final) {
    m_done += bytes;
    if (!m_options.progress) return;
    if (m_done > m_total) m_total = m_done;   // a part larger than it declared
    if (final || m_done - m_reported >= kProgressStep) {
        m_reported = m_done;
        m_options.progress(m_options.progressContext, m_done, m_total);
    }
}

struct ZipFileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipFile = std::unique_ptr<zip_file_t, ZipFileCloser>;

// The first bytes of a small part (the mimetype of an OpenDocument file).
std::string XlsxReader::readSmall(const Part& part, std::size_t limit) {
    ZipFile f(zip_fopen_index(m_zip, static_cast<zip_uint64_t>(part.index), 0));
    if (!f) return {};
    std::string out(limit, '\0');
    const zip_int64_t n = zip_fread(f.get(), out.data(), limit);
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    m_used += out.size();
    return out;
}

// Streams one part through expat after checking its declared size against
// what is left of the budget; the bytes actually inflated are counted too, as
// a crafted archive can declare less than it holds (libzip does not object).
void XlsxReader::parse(const Part& part, XmlHandler& handler) {
    const std::uint64_t limit = m_options.maxUncompressedBytes;
    if (part.size > limit - std::min(m_used, limit)) throw Refused{Refusal::TooLarge, sizeText(limit)};
    ZipFile file(zip_fopen_index(m_zip, static_cast<zip_uint64_t>(part.index), 0));
    if (!file)
        throw Refused{Refusal::Corrupt, "无法解压" + part.name + "：" + zipErrorText(zip_error_code_zip(zip_get_error(m_zip)))};

    struct ParserFree {
        void operator()(XML_Parser p) const { XML_ParserFree(p); }
    };
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> parser(XML_ParserCreate(nullptr));
    if (!parser) throw std::bad_alloc();
    m_parser = parser.get();
    m_handler = &handler;
    m_part = part.name;
    m_depth = 0;
    m_state = State::Running;
    XML_SetUserData(m_parser, this);
    XML_SetElementHandler(m_parser, &XlsxReader::onStart, &XlsxReader::onEnd);
    XML_SetCharacterDataHandler(m_parser, &XlsxReader::onText);
    XML_SetStartDoctypeDeclHandler(m_parser, &XlsxReader::onDoctype);

    // Feeds one inflated chunk (empty: the end) to expat; false once parsing stopped.
    auto feed = [&](const char* data, zip_int64_t n) {
        m_used += static_cast<std::uint64_t>(n);
        if (m_used > limit) throw Refused{Refusal::TooLarge, sizeText(limit)};
        advance(static_cast<std::uint64_t>(n));
        const XML_Status status = XML_Parse(m_parser, data, static_cast<int>(n), n == 0);
        if (m_state != State::Running) return false;
        if (status != XML_STATUS_OK) {
            const auto line = XML_GetCurrentLineNumber(m_parser);
            throw Refused{Refusal::Corrupt, part.name + "第" + std::to_string(line) + "行的XML" +
                                                xmlErrorText(XML_GetErrorCode(m_parser))};
        }
        return n != 0;
    };
    if (part.size < kInflateAheadFrom) {
        std::vector<char> chunk(kChunk);
        for (;;) {
            const zip_int64_t n = zip_fread(file.get(), chunk.data(), kChunk);
            if (n < 0) throw Refused{Refusal::Corrupt, part.name + "解压出错：" +
                                                zipErrorText(zip_error_code_zip(zip_file_get_error(file.get())))};
            if (!feed(chunk.data(), n)) break;
        }
    } else {
        // A large part (a sheet of many rows) is inflated on a thread of its
        // own while expat parses the chunk before it: unzipping is about a
        // sixth of reading a large sheet, which is the import's slowest stage.
        // Only that thread touches `file` until it has stopped.
        struct Chunk {
            std::vector<char> bytes;
            zip_int64_t size = 0;   // < 0: zip_fread failed (its error is set before the push)
        };
        HandOff<Chunk> inflated(4);
        std::exception_ptr inflaterError;   // set before close(): read after pop() says closed
        std::thread inflater([&] {
            try {
                for (;;) {
                    Chunk c;
                    c.bytes.resize(kChunk);
                    c.size = zip_fread(file.get(), c.bytes.data(), kChunk);
                    const bool last = c.size <= 0;
                    if (!inflated.push(std::move(c)) || last) break;
                }
            } catch (...) {   // bad_alloc: nothing may leave a thread uncaught
                inflaterError = std::current_exception();
                inflated.close();
            }
        });
        const JoinOnExit join(inflater, [&] { inflated.close(); });   // an inflater waiting to push gives up
        while (std::optional<Chunk> c = inflated.pop()) {
            if (c->size < 0)
                throw Refused{Refusal::Corrupt, part.name + "解压出错：" +
                                                zipErrorText(zip_error_code_zip(zip_file_get_error(file.get())))};
            if (!feed(c->bytes.data(), c->size)) break;
        }
        if (inflaterError) std::rethrow_exception(inflaterError);
    }
    m_parser = nullptr;
    if (m_sinkError) throw SinkThrew{m_sinkError};
    if (m_callbackError) std::rethrow_exception(m_callbackError);
    if (m_state == State::Cancelled) throw Cancel{};
    if (m_state == State::Failed) throw m_failure;
}

std::vector<Relationship> XlsxReader::readRels(const std::string& relsName) {
    const Part part = find(relsName);
    if (part.index < 0) return {};
    RelsHandler handler;
    parse(part, handler);
    return std::move(handler.rels);
}

void XlsxReader::open() {
    int error = 0;
    m_zip = zip_open(m_path.c_str(), ZIP_RDONLY, &error);
    if (!m_zip) {
        throw Refused{Refusal::Corrupt, "不是有效的xlsx压缩包：" + zipErrorText(error)};
    }
    // Some Java services on Windows name parts xl\workbook.xml; Excel opens
    // such files, so they are found under their forward-slash names too.
    const zip_int64_t entries = zip_get_num_entries(m_zip, 0);
    for (zip_int64_t i = 0; i < entries; ++i) {
        const char* entry = zip_get_name(m_zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (!entry || !std::strchr(entry, '\\')) continue;
        std::string key = entry;
        for (char& c : key) {
            if (c == '\\') c = '/';
            else if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        m_backslashNames.emplace(std::move(key), i);
    }
}

void XlsxReader::readStructure() {
    // Other zip-based formats first: they must get their own advice.
    if (const Part mime = find("mimetype"); mime.index >= 0) {
        const std::string type = readSmall(mime, 256);
        if (type.find("opendocument.spreadsheet") != std::string::npos) throw Refused{Refusal::Ods, {}};
        if (type.find("opendocument") != std::string::npos) throw Refused{Refusal::NotSpreadsheet, {}};
    }
    if (find("Index/Document.iwa").index >= 0 || find("Index.zip").index >= 0)
        throw Refused{Refusal::Numbers, {}};

    std::string workbook = "xl/workbook.xml";
    for (const auto& r : readRels("_rels/.rels"))
        if (endsWith(r.type, "/officeDocument") && !r.external) {
            workbook = resolvePart("", r.target);
            break;
        }
    const Part workbookPart = find(workbook);
    if (endsWith(workbook, ".bin") || (workbookPart.index < 0 && find("xl/workbook.bin").index >= 0))
        throw Refused{Refusal::Xlsb, {}};
    if (workbookPart.index < 0) {
        if (m_ext == "xlsx" || m_ext == "xlsm" || m_ext == "xltx")
            throw Refused{Refusal::Corrupt, "缺少" + workbook};
        throw Refused{Refusal::NotSpreadsheet, {}};
    }

    const std::string base = folderOf(workbook);
    const std::string relsName = base + "_rels/" + workbook.substr(base.size()) + ".rels";
    if (find(relsName).index < 0) throw Refused{Refusal::Corrupt, "缺少" + relsName};
    const std::vector<Relationship> rels = readRels(relsName);

    WorkbookHandler wb;
    parse(workbookPart, wb);
    m_info.format = "xlsx";
    m_info.encoding = "UTF-8";
    m_info.date1904 = wb.date1904;

    for (const auto& s : wb.sheets) {
        const Relationship* rel = nullptr;
        for (const auto& r : rels)
            if (r.id == s.relId) rel = &r;
        // A sheet whose content is missing (an empty r:id, a part not in the
        // archive) is skipped and named; the other sheets are still read.
        if (!rel || (endsWith(rel->type, "/worksheet") && rel->external)) {
            m_info.unreadableSheets.push_back(s.name);
            continue;
        }
        if (!endsWith(rel->type, "/worksheet")) continue;   // chart sheets and the like hold no rows
        const Part part = find(resolvePart(base, rel->target));
        if (part.index < 0) {
            m_info.unreadableSheets.push_back(s.name);
            continue;
        }
        SheetInfo info;
        info.name = s.name;
        info.index = static_cast<int>(m_info.sheets.size());
        info.hidden = s.hidden;
        m_info.sheets.push_back(info);
        m_sheetParts.push_back(part);
    }

    auto target = [&](std::string_view type, const char* fallback) {
        for (const auto& r : rels)
            if (endsWith(r.type, type) && !r.external) return find(resolvePart(base, r.target));
        return find(base + fallback);
    };
    if (m_info.sheets.empty() && !m_info.unreadableSheets.empty()) {
        std::string names;
        for (const std::string& n : m_info.unreadableSheets)
            names += (names.empty() ? "" : "、") + ("工作表“" + n + "”");
        throw Refused{Refusal::Corrupt, names + "在文件中没有内容，没有可以读取的工作表"};
    }
    m_sharedPart = target("/sharedStrings", "sharedStrings.xml");
    m_stylesPart = target("/styles", "styles.xml");
}

void XlsxReader::loadSharedParts() {
    if (m_sharedLoaded) return;
    m_sharedLoaded = true;
    if (m_sharedPart.index >= 0) {
        SharedStringsHandler handler(*this, m_strings);
        parse(m_sharedPart, handler);
    }
    if (m_stylesPart.index >= 0) {
        StylesHandler handler;
        parse(m_stylesPart, handler);
        m_dateStyles = handler.dateStyles();
    }
}

void XlsxReader::readSheets() {
    m_total = m_done + (m_sharedPart.index >= 0 ? m_sharedPart.size : 0) +
              (m_stylesPart.index >= 0 ? m_stylesPart.size : 0);
    for (const auto& p : m_sheetParts) m_total += p.size;

    for (std::size_t i = 0; i < m_sheetParts.size(); ++i) {
        bool wanted = false;
        try {
            wanted = m_sink->beginSheet(m_info.sheets[i]);
        } catch (...) {
            throw SinkThrew{std::current_exception()};
        }
        if (!wanted) {
            advance(m_sheetParts[i].size);
            continue;
        }
        loadSharedParts();
        SheetHandler handler(*this, m_strings, m_dateStyles, m_info.date1904);
        parse(m_sheetParts[i], handler);
        try {
            m_sink->endSheet();
        } catch (...) {
            throw SinkThrew{std::current_exception()};
        }
    }
    if (!m_sharedLoaded) {   // nothing chosen: the shared parts count as done
        advance((m_sharedPart.index >= 0 ? m_sharedPart.size : 0) + (m_stylesPart.index >= 0 ? m_stylesPart.size : 0));
    }
    m_done = std::max(m_done, m_total);
    advance(0, true);
}

ReadResult XlsxReader::run() {
    ReadResult result;
    try {
        open();
        readStructure();
        if (m_sink) readSheets();
    } catch (const Refused& r) {
        ReadResult failed = refuse(r.why, m_name, r.detail);
        if (r.why == Refusal::Corrupt || r.why == Refusal::TooLarge || r.why == Refusal::TooDeep ||
            r.why == Refusal::TextBomb)
            failed.info = m_info;
        failed.bytesRead = m_used;
        return failed;
    } catch (const Cancel&) {
        result.status = ReadStatus::Cancelled;
    }
    result.info = m_info;
    result.bytesRead = m_used;
    return result;
}

// ============================================================ [SECTION] Shared strings

void SharedStringsHandler::onStart(const char* n, const char** atts) {
    if (same(n, "si")) {
        m_inItem = true;
        m_start = m_strings.pool.size();
    } else if (same(n, "t")) {
        m_collect = m_inItem && !m_inPhonetic;
    } else if (same(n, "rPh")) {   // phonetic guide (furigana/pinyin), not part of the value
        m_inPhonetic = true;
    } else if (same(n, "sst")) {
        std::size_t count = 0;
        if (const char* v = attribute(atts, "uniqueCount"); v && parseInteger(v, count))
            m_strings.ends.reserve(std::min<std::size_t>(count, 1 << 20));
    }
}

void SharedStringsHandler::onEnd(const char* n) {
    if (same(n, "t")) {
        m_collect = false;
    } else if (same(n, "rPh")) {
        m_inPhonetic = false;
    } else if (same(n, "si")) {
        decodeEscapes(m_strings.pool, m_start);
        m_strings.ends.push_back(m_strings.pool.size());
        m_inItem = false;
    }
}

void SharedStringsHandler::onText(const char* s, int len) {
    if (!m_collect) return;
    if (m_strings.pool.size() - m_start + static_cast<std::size_t>(len) > kMaxText) {
        m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "中有一段文字超过32767个字符，超出了Excel单元格的上限");
        return;
    }
    m_strings.pool.append(s, static_cast<std::size_t>(len));
}

// ============================================================ [SECTION] Sheet

void SheetHandler::onStart(const char* n, const char** atts) {
    switch (n[0]) {
    case 'c':
        if (n[1] == 0 && m_inRow) beginCell(atts);
        break;
    case 'v':
        if (n[1] == 0 && m_inCell) m_collect = true;
        break;
    case 't':
        if (n[1] == 0 && m_inInline && !m_inPhonetic) m_collect = true;
        break;
    case 'i':
        if (n[1] == 's' && n[2] == 0 && m_inCell) m_inInline = true;
        break;
    case 'r':
        if (same(n, "row")) {
            if (m_inSheetData) beginRow(atts);
        } else if (same(n, "rPh")) {
            m_inPhonetic = true;
        }
        break;
    case 's':
        if (same(n, "sheetData")) m_inSheetData = true;
        break;
    default:
        break;
    }
}

void SheetHandler::onEnd(const char* n) {
    switch (n[0]) {
    case 'c':
        if (n[1] == 0 && m_inCell) endCell();
        break;
    case 'v':
    case 't':
        if (n[1] == 0) m_collect = false;
        break;
    case 'i':
        if (same(n, "is")) m_inInline = false;
        break;
    case 'r':
        if (same(n, "row")) {
            if (m_inRow) endRow();
        } else if (same(n, "rPh")) {
            m_inPhonetic = false;
        }
        break;
    case 's':
        if (same(n, "sheetData")) m_reader.finishEarly();   // the rest is layout
        break;
    default:
        break;
    }
}

void SheetHandler::onText(const char* s, int len) {
    if (!m_collect) return;
    std::string& text = m_row.cells[static_cast<std::size_t>(m_column)].text;
    if (text.size() + static_cast<std::size_t>(len) > kMaxText) {
        m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "第" + std::to_string(m_rowNumber) +
                                            "行有单元格超过32767个字符，超出了Excel单元格的上限");
        return;
    }
    text.append(s, static_cast<std::size_t>(len));
}

void SheetHandler::beginRow(const char** atts) {
    int number = m_rowNumber + 1;   // a row without r follows the previous one
    if (const char* r = attribute(atts, "r"); r && (!parseInteger(std::string_view(r), number) || number < 1)) {
        m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "中的行号“" + r + "”无效");
        return;
    }
    if (number > kMaxRow) {
        m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "的行数超过1048576");
        return;
    }
    m_rowNumber = number;
    m_row.number = number;
    m_used = 0;
    m_rowText = 0;
    m_lastColumn = -1;
    m_inRow = true;
}

void SheetHandler::beginCell(const char** atts) {
    int column = m_lastColumn + 1;   // a cell without r follows the previous one
    const char* type = nullptr;
    const char* style = nullptr;
    for (const char** a = atts; *a; a += 2) {
        const char* name = localName(a[0]);
        if (name[1] != 0) continue;
        if (name[0] == 'r') {
            column = parseColumn(a[1]);
            if (column < 0) {
                m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "中的单元格位置“" + a[1] + "”无效");
                return;
            }
        } else if (name[0] == 't') {
            type = a[1];
        } else if (name[0] == 's') {
            style = a[1];
        }
    }
    if (column >= kMaxColumns) {
        m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "的列数超过16384");
        return;
    }
    m_lastColumn = column;
    const auto col = static_cast<std::size_t>(column);
    const std::size_t usedBefore = m_used;
    // Gaps become Empty cells, so that a cell's index is its column.
    while (m_used <= col) {
        if (m_used < m_row.cells.size()) {
            Cell& c = m_row.cells[m_used];
            c.kind = Cell::Kind::Empty;
            c.text.clear();
            c.number = 0;
            c.dateFormatted = false;
        } else {
            appendCell(m_row, m_spare);
        }
        ++m_used;
    }
    Cell& cell = m_row.cells[col];
    if (col < usedBefore) {   // out of order or repeated: the later cell wins
        cell.kind = Cell::Kind::Empty;
        cell.text.clear();
        cell.number = 0;
        cell.dateFormatted = false;
    }
    m_column = column;

    m_type = Type::Number;
    if (type) {
        if (same(type, "s")) m_type = Type::Shared;
        else if (same(type, "inlineStr")) m_type = Type::Inline;
        else if (same(type, "str")) m_type = Type::String;
        else if (same(type, "b")) m_type = Type::Boolean;
        else if (same(type, "e")) m_type = Type::Error;
        else if (same(type, "d")) m_type = Type::Date;
    }
    std::size_t styleIndex = 0;
    m_dateStyle = style && parseInteger(std::string_view(style), styleIndex) && styleIndex < m_dateStyles.size() &&
                  m_dateStyles[styleIndex];
    m_inCell = true;
    m_inInline = false;
    m_collect = false;
}

void SheetHandler::endCell() {
    m_inCell = false;
    m_inInline = false;
    m_collect = false;
    Cell& cell = m_row.cells[static_cast<std::size_t>(m_column)];
    switch (m_type) {
    case Type::Shared: {
        // <c t="s"><v/></c> (business systems' exports): a blank cell.
        if (trimmed(cell.text).empty()) {
            cell.kind = Cell::Kind::Empty;
            break;
        }
        std::size_t index = 0;
        if (!parseInteger(std::string_view(cell.text), index) || index >= m_strings.ends.size()) {
            m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "第" + std::to_string(m_rowNumber) +
                                                "行引用了不存在的共享字符串");
            return;
        }
        const std::string_view s = m_strings.at(index);
        cell.text.assign(s.data(), s.size());
        cell.kind = cell.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
        break;
    }
    case Type::Inline:
    case Type::String:
        decodeEscapes(cell.text, 0);
        cell.kind = cell.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
        break;
    case Type::Boolean: {
        const std::string_view v = trimmed(cell.text);
        if (v.empty()) break;
        const bool value = v == "1" || v == "true" || v == "TRUE";
        cell.kind = Cell::Kind::Boolean;
        cell.number = value ? 1 : 0;
        cell.text = value ? "TRUE" : "FALSE";
        break;
    }
    case Type::Error:
        if (!trimmed(cell.text).empty()) cell.kind = Cell::Kind::Error;
        break;
    case Type::Date:
        if (isoToSerial(cell.text, m_date1904, cell.number)) {
            cell.kind = Cell::Kind::Number;
            cell.dateFormatted = true;
        } else if (!cell.text.empty()) {
            cell.kind = Cell::Kind::Text;
        }
        break;
    case Type::Number:
        if (cell.text.empty()) break;   // a formula without a cached value, or a styled blank
        if (parseNumber(cell.text, cell.number)) {
            if (cell.text.front() <= ' ' || cell.text.back() <= ' ') {
                const std::string_view t = trimmed(cell.text);
                cell.text = std::string(t);
            }
            cell.kind = Cell::Kind::Number;
            cell.dateFormatted = m_dateStyle;
        } else {
            cell.kind = Cell::Kind::Text;   // not a number after all: keep what the file says
        }
        break;
    }
    if (cell.kind == Cell::Kind::Empty) cell.text.clear();
    m_rowText += cell.text.size();
    if (m_rowText > kMaxRowText) {
        m_reader.fail(Refusal::Corrupt, m_reader.currentPart() + "第" + std::to_string(m_rowNumber) +
                                            "行的文字超过1 MB，不像一份名单");
        return;
    }
    m_reader.countText(cell.text.size());
}

void SheetHandler::endRow() {
    m_inRow = false;
    m_inCell = false;
    // Cells are reused row after row and their strings keep their capacity:
    // a long cell's buffer is given back, so that what the reader holds stays
    // the size of a row, not of the longest cell ever seen in each column.
    for (Cell& c : m_row.cells)
        if (c.text.capacity() > (16u << 10) && c.text.size() <= (16u << 10)) std::string().swap(c.text);
    finishRow(m_row, m_used, m_spare);
    m_reader.deliver(m_row);
}

} // namespace

ReadResult readXlsx(const std::string& path, const std::string& name, const std::string& ext, RowSink* sink,
                    const ReadOptions& options) {
    XlsxReader reader(path, name, ext, sink, options);
    return reader.run();
}

} // namespace jinguo::sheet::detail
