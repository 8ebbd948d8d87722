// roster_rows.cpp — cell readers, the row validator and the sheet feed.
//
// Sections:
//   [SECTION] Text helpers
//   [SECTION] Footers
//   [SECTION] Problems
//   [SECTION] Cell values
//   [SECTION] Row index
//   [SECTION] IDs of a run
//   [SECTION] Validator
//   [SECTION] Sheet feed
#include "core/roster_rows.hpp"

#include "core/text.hpp"

#include <sys/mman.h>

#include <charconv>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <functional>

namespace jinguo::roster {

namespace {

using sheet::Cell;
using Kind = sheet::Cell::Kind;

// ============================================================ [SECTION] Text helpers

constexpr double kMaxHours = 100000;   // 11 years around the clock: anything above is a slip
constexpr int kMinYear = 1949;
constexpr int kMaxMembers = 20;

bool isAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool endsWith(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The spaces text.hpp's trim and normalizeName remove, recognized on bytes:
// ASCII blanks, U+3000, no-break spaces, zero-width space and BOM. Returns
// the length of the space at the start of `s`, 0 when there is none.
std::size_t spaceAtStart(std::string_view s) {
    if (s.empty()) return 0;
    const unsigned char c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;   // the common case, decided on one byte
    if (startsWith(s, "\xC2\xA0")) return 2;
    for (std::string_view sp : {"\xE3\x80\x80", "\xE2\x80\x87", "\xE2\x80\xAF", "\xE2\x80\x8B", "\xEF\xBB\xBF"})
        if (startsWith(s, sp)) return 3;
    return 0;
}

std::size_t spaceAtEnd(std::string_view s) {
    if (s.empty()) return 0;
    const unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (c != 0xA0 && c != 0x80 && c != 0x87 && c != 0xAF && c != 0x8B && c != 0xBF) return 0;
    if (endsWith(s, "\xC2\xA0")) return 2;
    for (std::string_view sp : {"\xE3\x80\x80", "\xE2\x80\x87", "\xE2\x80\xAF", "\xE2\x80\x8B", "\xEF\xBB\xBF"})
        if (endsWith(s, sp)) return 3;
    return 0;
}

// trim() without decoding or allocating: a view into `s`.
std::string_view trimView(std::string_view s) {
    while (const std::size_t n = spaceAtStart(s)) s.remove_prefix(n);
    while (const std::size_t n = spaceAtEnd(s)) s.remove_suffix(n);
    return s;
}

// Whether normalizeName could change `s`. Most cells of a roster are already
// clean (a Chinese name, a community), and decoding each one to code points
// costs more than the rest of the row's checks: bytes that could start a
// space, a full-width character or a malformed sequence send the text the
// slow way, everything else is returned as it is.
bool needsNormalizing(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return true;
            ++i;
            continue;
        }
        std::size_t len = 0;
        if (c >= 0xC3 && c <= 0xDF) len = 2;                                  // not C2: no-break space
        else if ((c >= 0xE1 && c <= 0xEC && c != 0xE2) || c == 0xEE) len = 3;  // not E0/ED (overlong, surrogates),
        else if (c >= 0xF1 && c <= 0xF3) len = 4;                             // E2 (spaces), EF (full-width, BOM)
        else return true;
        if (i + len > s.size()) return true;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return true;
        if (c == 0xE3 && static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x80)
            return true;   // U+3000
        i += len;
    }
    return false;
}

std::string quickNormalizeName(std::string_view s) {
    return needsNormalizing(s) ? normalizeName(s) : std::string(s);
}

// Text of a cell as users typed it, ready to parse: full-width folded (only
// when there is anything to fold: most cells are ASCII), trimmed, without the
// tricks people use to keep Excel from turning digits into numbers — a
// leading apostrophe, ="…", a leading tab.
std::string cleanText(std::string_view raw) {
    std::string folded;
    if (!isAscii(raw)) folded = foldFullWidth(raw);
    std::string_view t = trimView(folded.empty() ? raw : std::string_view(folded));
    if (t.size() >= 3 && startsWith(t, "=\"") && endsWith(t, "\"")) t = t.substr(2, t.size() - 3);
    if (!t.empty() && (t[0] == '\'' || t[0] == '`')) t.remove_prefix(1);
    else if (startsWith(t, "\xE2\x80\x98") || startsWith(t, "\xE2\x80\x99")) t.remove_prefix(3);   // ‘ ’
    return std::string(trimView(t));
}

std::string withoutSpaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
    return out;
}

std::optional<double> parseDecimal(std::string_view s) {
    // Strict: digits with an optional fraction, nothing else (no sign, no exponent).
    if (s.empty()) return std::nullopt;
    int dots = 0, digits = 0;
    for (char c : s) {
        if (c == '.') ++dots;
        else if (isDigit(c)) ++digits;
        else return std::nullopt;
    }
    if (dots > 1 || digits == 0) return std::nullopt;
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

// "1,234.5" → "1234.5" when the commas sit where thousands separators do.
std::string withoutThousands(std::string_view s) {
    if (s.find(',') == std::string_view::npos) return std::string(s);
    const std::size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    std::string out;
    int group = 0;
    bool ok = !whole.empty() && whole.front() != ',';
    for (std::size_t i = whole.size(); ok && i-- > 0;) {
        if (whole[i] == ',') { ok = group == 3; group = 0; continue; }
        ++group;
    }
    if (!ok) return std::string(s);
    for (char c : s)
        if (c != ',') out.push_back(c);
    return out;
}

bool integral(double v) { return std::isfinite(v) && v == std::floor(v); }

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

// How a cell reads in a message: the text, or the number as the file wrote it.
std::string shown(const Cell& c) {
    if (c.kind == Kind::Text || c.kind == Kind::Number || c.kind == Kind::Boolean || c.kind == Kind::Error)
        return trim(c.text);
    return {};
}

Date dateFromYmd(int y, int m, int d) { return Date{y, m, d}; }

// formatDate without printf: one call per row of a million-row roster.
std::string isoDate(const Date& d) {
    if (d.year < 0 || d.year > 9999) return formatDate(d);
    std::string s = "0000-00-00";
    s[0] = static_cast<char>('0' + d.year / 1000);
    s[1] = static_cast<char>('0' + d.year / 100 % 10);
    s[2] = static_cast<char>('0' + d.year / 10 % 10);
    s[3] = static_cast<char>('0' + d.year % 10);
    s[5] = static_cast<char>('0' + d.month / 10);
    s[6] = static_cast<char>('0' + d.month % 10);
    s[8] = static_cast<char>('0' + d.day / 10);
    s[9] = static_cast<char>('0' + d.day % 10);
    return s;
}

bool validYmd(int y, int m, int d) { return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m); }

int toInt(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::optional<Date> dateFromYyyymmdd(long v) {
    const int y = static_cast<int>(v / 10000), m = static_cast<int>(v / 100 % 100), d = static_cast<int>(v % 100);
    if (!validYmd(y, m, d)) return std::nullopt;
    return dateFromYmd(y, m, d);
}

const char* const kDateForms = "请写成2024-03-08、2024/3/8、2024.3.8或2024年3月8日这样的日期";

std::string dateRangeMessage(std::string_view value, int currentYear) {
    return "加入日期" + quoted(value) + "不在合理范围内（1900年至" + std::to_string(currentYear + 1)
         + "年）；请核对年份。";
}

// ============================================================ [SECTION] Footers

// What the first cell of a footer row starts with. No Chinese name starts
// like this, so a data row is never taken for one.
constexpr std::string_view kFooterStarts[] = {
    "填表人", "填报人", "制表人", "审核人", "审核：", "审核:", "审批人", "负责人", "联系人", "联系电话",
    "填表日期", "填报日期", "制表日期", "填表时间", "填报时间", "报送日期", "单位盖章", "单位（盖章）",
    "单位(盖章)", "盖章", "签字", "签名：", "合计", "总计", "小计", "备注：", "备注:", "说明：", "说明:",
    "注：", "注:", "填表说明", "填报单位", "制表单位", "报送单位",
};

std::string_view skipLeadingSpaces(std::string_view s) {
    while (const std::size_t n = spaceAtStart(s)) s.remove_prefix(n);
    return s;
}

bool blankCell(const Cell& c) {
    if (c.kind == Kind::Empty) return true;
    if (c.kind != Kind::Text) return false;
    if (c.text.empty()) return true;
    return spaceAtStart(c.text) == 0 ? false : trimView(c.text).empty();
}

int digitCount(std::string_view s) {
    int n = 0;
    for (char c : s) n += isDigit(c);
    return n;
}

std::uint64_t mix(std::uint64_t x) {   // splitmix64's finalizer: spreads keys over the slots
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

// An 18-character ID as a number: 17 digits and the check character (X = 10).
std::uint64_t idKey(std::string_view id) {
    std::uint64_t v = 0;
    for (int i = 0; i < 17; ++i) v = v * 10 + static_cast<std::uint64_t>(id[i] - '0');
    const std::uint64_t check = id[17] == 'X' ? 10 : static_cast<std::uint64_t>(id[17] - '0');
    return v * 11 + check + 1;   // never 0: 0 marks a free slot
}

std::vector<std::string> splitTitles(const std::string& titles) {
    // 、，,；; separate titles in one cell ("五好文明家庭、最美家庭").
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string t = quickNormalizeName(current);
        current.clear();
        if (t.empty()) return;
        for (const auto& o : out)
            if (o == t) return;   // the same title twice in one cell counts once
        out.push_back(std::move(t));
    };
    std::string_view s = titles;
    while (!s.empty()) {
        if (s[0] == ',' || s[0] == ';') { flush(); s.remove_prefix(1); continue; }
        if (startsWith(s, "、") || startsWith(s, "，") || startsWith(s, "；")) { flush(); s.remove_prefix(3); continue; }
        current.push_back(s[0]);
        s.remove_prefix(1);
    }
    flush();
    return out;
}

const char* const kStoredAsNumber =
    "身份证号被Excel当成数字保存，后几位已丢失；请把该列设置为“文本”格式后重新填写身份证号"
    "（或在号码前加英文单引号'）再导入。";
const char* const kLooksStoredAsNumber =
    "身份证号末三位是000，像是被Excel当成数字保存过，后几位已丢失；请把该列设置为“文本”格式后重新填写身份证号"
    "（或在号码前加英文单引号'）再导入。";
const char* const kScientific =
    "身份证号显示成了科学计数法（如1.10105E+17），说明它被Excel当成数字保存，后几位已丢失；"
    "请把该列设置为“文本”格式后重新填写身份证号（或在号码前加英文单引号'）再导入。";

// Said at the check (nothing written yet: 将导入) and after the import (已导入).
std::string ends000Warning(bool numbersSeen, bool beforeWriting) {
    std::string out = "身份证号末三位是000，校验位正确，";
    out += beforeWriting ? "将导入" : "已导入";
    out += numbersSeen ? "；但本表的身份证号列已有号码被Excel当成数字保存过，这个号码也可能已被改成000结尾。"
                         "请对照本人身份证核对这个号码。"
                       : "；但CSV文件不记录单元格格式，无法确定它没有被Excel当成数字保存过"
                         "（那样后三位会变成000）。请对照本人身份证核对这个号码。";
    return out;
}

bool looksScientific(std::string_view t) {
    // 1.10105E+17, 1.1E17, 110105194912310000.0
    const std::size_t e = t.find_first_of("eE");
    if (e != std::string_view::npos) {
        std::string_view mant = t.substr(0, e), exp = t.substr(e + 1);
        if (!exp.empty() && exp[0] == '+') exp.remove_prefix(1);
        return parseDecimal(mant).has_value() && allDigits(exp);
    }
    const std::size_t dot = t.find('.');
    return dot != std::string_view::npos && dot >= 11 && parseDecimal(t).has_value();
}

} // namespace

// ============================================================ [SECTION] Problems

bool isWarning(std::string_view c) {
    return c == code::kUnknownColumn || c == code::kUnitUnknown || c == code::kUnitKept || c == code::kUnitStreetDiffers
        || c == code::kIdEnds000;
}

// ============================================================ [SECTION] Cell values

std::optional<Date> excelSerialToDate(double serial, bool date1904) {
    // Range first: converting a double beyond long's range (a 300-digit
    // 加入日期 reads as 1e300) to an integer is undefined behaviour.
    if (!std::isfinite(serial) || serial < -1 || serial >= 3e6) return std::nullopt;
    const long s = static_cast<long>(std::floor(serial));
    if (date1904) {
        // 0 = 1904-01-01; 2957003 = 9999-12-31.
        if (s < 0 || s > 2957003) return std::nullopt;
        return addDays(Date{1904, 1, 1}, s);
    }
    // Excel counts a 29 February 1900 that never was (Lotus 1-2-3's bug): up
    // to 59 a serial counts from 1899-12-31, from 61 on from 1899-12-30.
    if (s < 1 || s == 60 || s > 2958465) return std::nullopt;
    return addDays(s < 60 ? Date{1899, 12, 31} : Date{1899, 12, 30}, s);
}

std::optional<Date> parseDateText(std::string_view raw) {
    std::string folded = isAscii(raw) ? std::string(raw) : foldFullWidth(raw);
    std::string_view t = folded;
    // Trim, then drop a trailing time of day.
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    if (const std::size_t cut = t.find_first_of(" T"); cut != std::string_view::npos) {
        const std::string_view time = t.substr(cut + 1);
        if (time.empty()) return std::nullopt;
        for (char c : time)
            if (!isDigit(c) && c != ':' && c != '.' && c != ' ') return std::nullopt;
        t = t.substr(0, cut);
    }
    if (t.size() == 8 && allDigits(t)) return dateFromYyyymmdd(toInt(t));

    auto digits = [&](std::size_t& i, std::size_t min, std::size_t max) -> std::optional<int> {
        const std::size_t from = i;
        while (i < t.size() && isDigit(t[i]) && i - from < max) ++i;
        if (i - from < min || (i < t.size() && isDigit(t[i]))) return std::nullopt;
        return toInt(t.substr(from, i - from));
    };
    std::size_t i = 0;
    const auto y = digits(i, 4, 4);
    if (!y) return std::nullopt;
    std::optional<int> m, d;
    if (t.substr(i, 3) == "年") {
        i += 3;
        m = digits(i, 1, 2);
        if (!m || t.substr(i, 3) != "月") return std::nullopt;
        i += 3;
        d = digits(i, 1, 2);
        if (!d) return std::nullopt;
        if (t.substr(i, 3) == "日" || t.substr(i, 3) == "号") i += 3;
    } else {
        if (i >= t.size()) return std::nullopt;
        const char sep = t[i];
        if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
        ++i;
        m = digits(i, 1, 2);
        if (!m || i >= t.size() || t[i] != sep) return std::nullopt;
        ++i;
        d = digits(i, 1, 2);
        if (!d) return std::nullopt;
    }
    if (i != t.size() || !validYmd(*y, *m, *d)) return std::nullopt;
    return dateFromYmd(*y, *m, *d);
}

Parsed<std::string> readDateCell(const Cell& cell, bool date1904, int currentYear) {
    Parsed<std::string> r;
    if (blankCell(cell)) return r;
    auto value = [&cell] { return shown(cell); };
    auto accept = [&](const Date& d) {
        if (d.year < 1900 || d.year > currentYear + 1) r.message = dateRangeMessage(isoDate(d), currentYear);
        else r.value = isoDate(d);
    };
    auto refuse = [&] { r.message = "加入日期" + quoted(value()) + "不是有效的日期；" + kDateForms + "。"; };
    // A plain number in a date column: yyyymmdd, or a serial when that lands
    // on a believable date (2024 as a serial would be 1905-07-16: refused).
    auto plainNumber = [&](double v) {
        if (integral(v) && v >= 19000101 && v <= 99991231) {
            if (const auto d = dateFromYyyymmdd(static_cast<long>(v))) accept(*d);
            else refuse();
            return;
        }
        const auto d = excelSerialToDate(v, date1904);
        if (d && d->year >= kMinYear && d->year <= currentYear + 1) r.value = isoDate(*d);
        else refuse();
    };
    switch (cell.kind) {
    case Kind::Number:
        if (cell.dateFormatted) {
            if (const auto d = excelSerialToDate(cell.number, date1904)) accept(*d);
            else refuse();
        } else {
            plainNumber(cell.number);
        }
        return r;
    case Kind::Text: {
        const std::string t = cleanText(cell.text);
        if (const auto d = parseDateText(t)) { accept(*d); return r; }
        if (const auto v = parseDecimal(t)) { plainNumber(*v); return r; }
        refuse();
        return r;
    }
    default:
        refuse();
        return r;
    }
}

Parsed<double> readHoursCell(const Cell& cell) {
    Parsed<double> r;
    if (blankCell(cell)) return r;
    auto value = [&cell] { return shown(cell); };
    auto check = [&](double v) {
        if (!std::isfinite(v)) r.message = "服务时长" + quoted(value()) + "不是数字；请填写累计服务小时数，如12.5。";
        else if (v < 0) r.message = "服务时长不能是负数（" + value() + "）；请填写累计服务小时数，如12.5。";
        else if (v > kMaxHours) r.message = "服务时长" + quoted(value()) + "过大，不合常理；请核对是否填错了列或多打了数字。";
        else r.value = v;
    };
    if (cell.kind == Kind::Number) { check(cell.number); return r; }
    if (cell.kind != Kind::Text) {
        r.message = "服务时长" + quoted(value()) + "不是数字；请填写累计服务小时数，如12.5。";
        return r;
    }
    std::string t = withoutSpaces(cleanText(cell.text));
    for (std::string_view unit : {"个小时", "小时", "时", "hours", "hour", "hrs", "hr", "h", "H"})
        if (endsWith(t, unit) && t.size() > unit.size()) { t.resize(t.size() - unit.size()); break; }
    t = withoutThousands(t);
    bool negative = false;
    if (!t.empty() && t[0] == '-') { negative = true; t.erase(0, 1); }
    const auto v = parseDecimal(t);
    if (!v) r.message = "服务时长" + quoted(value()) + "不是数字；请只填写小时数，如12.5。";
    else check(negative ? -*v : *v);
    return r;
}

Parsed<int> readMembersCell(const Cell& cell) {
    Parsed<int> r;
    auto value = [&cell] { return shown(cell); };
    if (blankCell(cell)) {
        r.message = "家庭人口未填写；请填写家庭人数（1到20之间的整数）。";
        return r;
    }
    std::optional<int> n;
    if (cell.kind == Kind::Number) {
        if (integral(cell.number) && cell.number >= 1 && cell.number <= kMaxMembers) n = static_cast<int>(cell.number);
    } else if (cell.kind == Kind::Text) {
        std::string t = withoutSpaces(cleanText(cell.text));
        for (std::string_view unit : {"口人", "人", "口"})
            if (endsWith(t, unit) && t.size() > unit.size()) { t.resize(t.size() - unit.size()); break; }
        if (allDigits(t) && t.size() <= 2) {
            n = toInt(t);
        } else {
            static const char* const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
            for (int i = 0; i < 10; ++i)
                if (t == numerals[i]) n = i + 1;
            if (t == "两") n = 2;
        }
    }
    if (!n || *n < 1 || *n > kMaxMembers) r.message = "家庭人口" + quoted(value()) + "不对；请填写1到20之间的整数（人数）。";
    else r.value = *n;
    return r;
}

Parsed<int> readYearCell(const Cell& cell, bool date1904, int currentYear) {
    Parsed<int> r;
    if (blankCell(cell)) return r;
    auto value = [&cell] { return shown(cell); };
    std::optional<int> year;
    if (cell.kind == Kind::Number) {
        if (cell.dateFormatted) {
            if (const auto d = excelSerialToDate(cell.number, date1904)) year = d->year;
        } else if (integral(cell.number) && cell.number >= 1000 && cell.number <= 9999) {
            year = static_cast<int>(cell.number);
        }
    } else if (cell.kind == Kind::Text) {
        std::string t = withoutSpaces(cleanText(cell.text));
        if (endsWith(t, "年度")) t.resize(t.size() - 6);
        else if (endsWith(t, "年")) t.resize(t.size() - 3);
        if (t.size() == 4 && allDigits(t)) {
            year = toInt(t);
        } else if (const auto d = parseDateText(t)) {
            year = d->year;
        } else if (t.size() >= 6 && allDigits(t.substr(0, 4))) {
            // 2024年3月, 2024-03, 2024.3, 2024/3: a month names its year.
            std::string_view rest = std::string_view(t).substr(4);
            if (startsWith(rest, "年")) rest.remove_prefix(3);
            else if (rest[0] == '-' || rest[0] == '/' || rest[0] == '.') rest.remove_prefix(1);
            else rest = {};
            if (endsWith(rest, "月")) rest.remove_suffix(3);
            if (allDigits(rest) && rest.size() <= 2 && toInt(rest) >= 1 && toInt(rest) <= 12) year = toInt(t.substr(0, 4));
        }
    }
    if (!year) {
        r.message = "获评年度" + quoted(value()) + "不是年份；请填写四位年份，如2024。";
    } else if (*year < kMinYear || *year > currentYear + 1) {
        r.message = "获评年度" + quoted(value()) + "超出范围（" + std::to_string(kMinYear) + "–"
                  + std::to_string(currentYear + 1) + "）；请核对年份。";
    } else {
        r.value = *year;
    }
    return r;
}

std::string normalizeLevel(std::string_view text) {
    std::string t = normalizeName(text);   // folded, no spaces
    if (endsWith(t, "级") && t.size() > 3) t.resize(t.size() - 3);
    struct Spelling { const char* text; const char* level; };
    static const Spelling spellings[] = {
        {"社区", "社区"}, {"村", "社区"}, {"村(社区)", "社区"}, {"社区(村)", "社区"}, {"村居", "社区"},
        {"街道", "街道"}, {"镇", "街道"}, {"乡", "街道"}, {"乡镇", "街道"}, {"街镇", "街道"}, {"街道(镇)", "街道"},
        {"镇(街道)", "街道"}, {"街乡", "街道"},
        {"区", "区"}, {"县", "区"}, {"区县", "区"}, {"县区", "区"}, {"区(县)", "区"}, {"县(区)", "区"},
        {"县(市、区)", "区"}, {"县市区", "区"},
        {"市", "市"}, {"地市", "市"}, {"地级", "市"}, {"地级市", "市"}, {"市州", "市"}, {"市(州)", "市"},
        {"省", "省"}, {"省部", "省"}, {"省(区、市)", "省"},
        {"全国", "全国"}, {"国家", "全国"}, {"中央", "全国"},
    };
    for (const Spelling& s : spellings)
        if (t == s.text) return s.level;
    return {};
}

Parsed<std::string> readLevelCell(const Cell& cell) {
    Parsed<std::string> r;
    if (blankCell(cell)) return r;
    std::string level = cell.kind == Kind::Text ? normalizeLevel(cell.text) : std::string();
    if (level.empty())
        r.message = "级别" + quoted(shown(cell)) + "无法识别；请填写社区、街道、区、市、省或全国之一（也可写社区级、区级、国家级等）。";
    else
        r.value = std::move(level);
    return r;
}

std::string normalizeGender(std::string_view text) {
    const std::string t = quickNormalizeName(text);
    if (t == "女" || t == "女性" || t == "F" || t == "f" || t == "female" || t == "Female") return "女";
    if (t == "男" || t == "男性" || t == "M" || t == "m" || t == "male" || t == "Male") return "男";
    return {};
}

Parsed<std::string> readPhoneCell(const Cell& cell) {
    Parsed<std::string> r;
    if (blankCell(cell)) return r;
    std::string text;
    if (cell.kind == Kind::Number) {
        // 13812345678 typed into a number cell is fine: 11 digits fit a
        // double exactly. A fraction or a huge value is not a phone number.
        if (!integral(cell.number) || cell.number <= 0 || cell.number >= 1e15) {
            r.message = "手机号" + quoted(shown(cell)) + "不是11位数字；请核对。";
            return r;
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", cell.number);
        text = buf;
    } else if (cell.kind == Kind::Text) {
        text = cleanText(cell.text);
    } else {
        r.message = "手机号" + quoted(shown(cell)) + "不是11位数字；请核对。";
        return r;
    }
    PhoneCheck check = checkMobilePhone(text);
    if (!check.ok) r.message = check.message;
    else r.value = std::move(check.normalized);
    return r;
}

IdValue readIdCell(const Cell& cell, std::string_view today, std::string_view statedGender, bool numbersSeen,
                   bool typedCells, bool beforeWriting) {
    IdValue v;
    auto refuse = [&](const char* message) {
        v.code = code::kIdStoredAsNumber;
        v.message = message;
        v.numberEvidence = true;
    };
    if (cell.kind == Kind::Number) {
        // A whole number of up to 15 digits is exact in a double: nothing was
        // lost, it simply is no ID number (12345, a 15-digit old ID). Say what
        // it is instead of blaming Excel for lost digits.
        if (integral(cell.number) && cell.number >= 0 && cell.number < 1e15) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.0f", cell.number);
            const IdCheck check = checkIdNumber(buf, today, statedGender);
            v.code = check.code();
            v.message = check.message;
            return v;
        }
        // Never trusted: Excel keeps 15 significant digits, so the last digits
        // of an 18-digit number are gone even if the checksum happens to pass.
        refuse(kStoredAsNumber);
        return v;
    }
    const std::string text = cell.kind == Kind::Empty ? std::string() : cleanText(cell.text);
    if (looksScientific(text)) {
        refuse(text.find_first_of("eE") != std::string::npos ? kScientific : kStoredAsNumber);
        return v;
    }
    IdCheck check = checkIdNumber(text, today, statedGender);
    // 18 digits ending in 000: what an 18-digit number keeps after Excel.
    const bool excelZeros = check.normalized.size() == 18 && allDigits(check.normalized)
                         && endsWith(check.normalized, "000");
    if (excelZeros && check.problem == IdProblem::Checksum) {
        refuse(kLooksStoredAsNumber);
        return v;
    }
    // It passes the checksum: a real ID may end in 000 (one in a thousand
    // does). A text cell of an xlsx was never a number; a CSV cannot say, so
    // the row imports and the user is asked to look.
    if (excelZeros && !typedCells && (check.ok() || check.problem == IdProblem::GenderMismatch)) {
        v.warningCode = code::kIdEnds000;
        v.warning = ends000Warning(numbersSeen, beforeWriting);
    }
    v.gender = check.gender;
    if (check.ok() || check.problem == IdProblem::GenderMismatch) v.normalized = check.normalized;
    if (!check.ok()) {
        v.code = check.code();
        v.message = check.message;
    }
    return v;
}

// ============================================================ [SECTION] Row index

namespace detail {

int FirstRowIndex::findOrInsert(std::uint64_t key, int row) {
    if ((m_size + 1) * 2 > m_keys.size()) grow();
    const std::size_t maskBits = m_keys.size() - 1;
    for (std::size_t i = mix(key) & maskBits;; i = (i + 1) & maskBits) {
        if (m_keys[i] == key) return m_rows[i];
        if (m_keys[i] == 0) {
            m_keys[i] = key;
            m_rows[i] = row;
            ++m_size;
            return 0;
        }
    }
}

namespace {
// Asks for transparent huge pages for a large table before it is first
// touched: random probes into tens of megabytes otherwise cost a page fault
// per 4 KiB and a TLB miss per probe (measured: ~8% of a 1,000,000-row import).
template <class T>
void hugePagesFor(std::vector<T>& v, std::size_t n) {
    v.reserve(n);
    constexpr std::uintptr_t kHuge = 2u << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(v.data()) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(v.data() + n)) & ~(kHuge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    v.assign(n, T{});
}
} // namespace

void FirstRowIndex::grow() {
    const std::size_t size = m_keys.empty() ? 1024 : m_keys.size() * 2;
    std::vector<std::uint64_t> keys;
    hugePagesFor(keys, size);
    std::vector<std::int32_t> rows;
    hugePagesFor(rows, size);
    const std::size_t maskBits = keys.size() - 1;
    for (std::size_t j = 0; j < m_keys.size(); ++j) {
        if (m_keys[j] == 0) continue;
        std::size_t i = mix(m_keys[j]) & maskBits;
        while (keys[i] != 0) i = (i + 1) & maskBits;
        keys[i] = m_keys[j];
        rows[i] = m_rows[j];
    }
    m_keys.swap(keys);
    m_rows.swap(rows);
}

} // namespace detail

// ============================================================ [SECTION] IDs of a run

void SeenIdNumbers::beginSheet(std::string label) { m_sheets.push_back(std::move(label)); }

const std::string& SeenIdNumbers::currentLabel() const { return m_sheets.back(); }

std::optional<SeenIdNumbers::Earlier> SeenIdNumbers::findOrInsert(std::string_view id, int row, std::string_view name) {
    if (id.size() != 18) return std::nullopt;
    const int next = static_cast<int>(m_entries.size()) + 1;
    if (const int found = m_index.findOrInsert(idKey(id), next)) {
        const Entry& e = m_entries[static_cast<std::size_t>(found - 1)];
        Earlier earlier;
        earlier.sheetLabel = m_sheets[e.sheet];
        earlier.sameSheet = e.sheet + 1 == m_sheets.size();
        earlier.row = e.row;
        earlier.name = std::string_view(m_names).substr(e.name, e.nameLength);
        return earlier;
    }
    const std::string_view kept = name.substr(0, 0xFF);
    m_entries.push_back(Entry{row, static_cast<std::uint32_t>(m_sheets.size() - 1),
                              static_cast<std::uint32_t>(m_names.size()), static_cast<std::uint8_t>(kept.size())});
    m_names.append(kept);
    return std::nullopt;
}

// ============================================================ [SECTION] Validator

RosterValidator::RosterValidator(Mapping mapping, ValidatorOptions options)
    : m_mapping(std::move(mapping)), m_options(std::move(options)) {
    if (m_options.today.empty()) m_options.today = todayIso();
    if (m_options.hoursAsOf.empty()) m_options.hoursAsOf = m_options.today;
    m_currentYear = toInt(std::string_view(m_options.today).substr(0, 4));
    for (int& c : m_columnOf) c = -1;
    for (const Column& c : m_mapping.columns) {
        if (c.field == Field::Ignored) continue;
        const int f = static_cast<int>(c.field);
        if (m_columnOf[f] < 0) {
            m_columnOf[f] = c.index;
            m_headerOf[f] = c.header;
        }
        m_mappedColumns.push_back(c.index);
    }
}

const sheet::Cell& RosterValidator::cell(const sheet::Row& row, Field field) const {
    static const sheet::Cell empty;
    const int index = m_columnOf[static_cast<int>(field)];
    if (index < 0 || index >= static_cast<int>(row.cells.size())) return empty;
    return row.cells[index];
}

const std::string& RosterValidator::header(Field field) const { return m_headerOf[static_cast<int>(field)]; }

void RosterValidator::addProblem(RowOutcome& out, Field field, const char* code, std::string message) const {
    std::string column = header(field);
    if (column.empty()) column = fieldLabel(field);   // an unmapped required field
    out.problems.push_back(Problem{out.row, std::move(column), code, std::move(message)});
}

bool RosterValidator::isBlank(const sheet::Row& row) const {
    for (int index : m_mappedColumns)
        if (index < static_cast<int>(row.cells.size()) && !blankCell(row.cells[index])) return false;
    return true;
}

bool RosterValidator::isFooter(const sheet::Row& row) const {
    const sheet::Cell* first = nullptr;
    for (const sheet::Cell& c : row.cells)
        if (!blankCell(c)) { first = &c; break; }
    if (!first || first->kind != Kind::Text) return false;
    const std::string_view text = skipLeadingSpaces(first->text);
    if (text.empty() || static_cast<unsigned char>(text[0]) < 0x80) return false;   // every start is Chinese
    bool footer = false;
    for (std::string_view start : kFooterStarts)
        if (startsWith(text, start)) { footer = true; break; }
    if (!footer) return false;
    // A row whose ID cell holds an ID number is data, whatever its first cell says.
    const sheet::Cell& id = cell(row, Field::IdNumber);
    return !(id.kind == Kind::Number || digitCount(id.text) >= 15);
}

bool RosterValidator::isRepeatedHeader(const sheet::Row& row) const {
    // The header again, literally. Asked of every row, so the key column
    // (姓名 / 户主姓名) answers first: in a data row it never holds its header.
    auto same = [&](const Column& c) {
        if (c.index >= static_cast<int>(row.cells.size())) return false;
        const sheet::Cell& cell = row.cells[c.index];
        return cell.kind == Kind::Text && trimView(cell.text) == c.header;
    };
    const Field key = keyField(m_mapping.kind);
    const Column* keyColumn = m_mapping.columnAt(m_columnOf[static_cast<int>(key)]);
    if (!keyColumn || !same(*keyColumn)) return false;
    for (const Column& c : m_mapping.columns)
        if (c.field != Field::Ignored && c.field != key && same(c)) return true;
    return false;
}

RowOutcome RosterValidator::validate(const sheet::Row& row) {
    RowOutcome out;
    out.row = row.number;
    if (row.number <= m_mapping.headerRowNumber) out.skip = SkipReason::BeforeHeader;
    else if (isBlank(row)) out.skip = SkipReason::Blank;
    else if (isFooter(row)) out.skip = SkipReason::Footer;
    else if (isRepeatedHeader(row)) out.skip = SkipReason::RepeatedHeader;
    if (out.skip != SkipReason::None) return out;

    if (m_mapping.kind == RosterKind::Volunteers) validateVolunteer(row, out);
    else validateFamily(row, out);
    out.status = out.problems.empty() ? RowStatus::Accepted : RowStatus::Rejected;
    if (!out.problems.empty()) {
        out.volunteer.reset();
        out.families.clear();
    }
    return out;
}

void RosterValidator::validateVolunteer(const sheet::Row& row, RowOutcome& out) {
    VolunteerRecord rec;
    rec.row = row.number;

    const sheet::Cell& nameCell = cell(row, Field::Name);
    if (nameCell.kind != Kind::Error) rec.name = quickNormalizeName(nameCell.text);
    if (rec.name.empty())
        addProblem(out, Field::Name, code::kNameMissing,
                   nameCell.kind == Kind::Error ? "姓名单元格是错误值" + quoted(nameCell.text) + "；请填写姓名。"
                                                : std::string("姓名为空；请填写姓名。"));

    const sheet::Cell& genderCell = cell(row, Field::Gender);
    const std::string stated = genderCell.kind == Kind::Text ? normalizeGender(genderCell.text) : std::string();

    const IdValue id =
        readIdCell(cell(row, Field::IdNumber), m_options.today, stated, m_idNumbersSeen, m_options.typedCells,
                   m_options.beforeWriting);
    if (id.numberEvidence) m_idNumbersSeen = true;
    if (!id.warningCode.empty())
        out.warnings.push_back(Problem{out.row, header(Field::IdNumber), id.warningCode, id.warning});
    if (!id.code.empty())
        addProblem(out, id.code == code::kGenderIdMismatch && m_columnOf[static_cast<int>(Field::Gender)] >= 0
                            ? Field::Gender : Field::IdNumber,
                   id.code.c_str(), id.message);
    rec.idNumber = id.normalized;
    rec.gender = stated.empty() ? id.gender : stated;

    Parsed<std::string> phone = readPhoneCell(cell(row, Field::Phone));
    if (!phone.ok()) addProblem(out, Field::Phone, code::kPhoneInvalid, std::move(phone.message));
    else if (phone.value) rec.phone = std::move(*phone.value);

    if (const sheet::Cell& unit = cell(row, Field::Unit); unit.kind != Kind::Error) rec.unitName = quickNormalizeName(unit.text);
    if (const sheet::Cell& street = cell(row, Field::Street); street.kind != Kind::Error)
        rec.streetName = quickNormalizeName(street.text);

    Parsed<double> hours = readHoursCell(cell(row, Field::Hours));
    if (!hours.ok()) addProblem(out, Field::Hours, code::kHoursInvalid, std::move(hours.message));
    else if (hours.value) {
        rec.hours = *hours.value;
        rec.hoursAsOf = m_options.hoursAsOf;
    }

    Parsed<std::string> joined = readDateCell(cell(row, Field::JoinedOn), m_options.date1904, m_currentYear);
    if (!joined.ok()) addProblem(out, Field::JoinedOn, code::kDateInvalid, std::move(joined.message));
    else if (joined.value) rec.joinedOn = std::move(*joined.value);

    // The same person twice: the later row is the duplicate. Every readable ID
    // counts, also on a row rejected for another reason, so the verdict on a
    // row never depends on what else is wrong with an earlier one.
    // Other sheets (and files) of the same run count too: one ID is one
    // person, and a later row must never silently overwrite an earlier one.
    if (!id.normalized.empty()) {
        SeenIdNumbers& seen = seenIds();
        if (const auto first = seen.findOrInsert(id.normalized, row.number, rec.name)) {
            const bool namesDiffer = !rec.name.empty() && !first->name.empty()
                                  && first->name != std::string_view(rec.name).substr(0, 0xFF);
            std::string message;
            if (first->sameSheet) {
                message = "身份证号与第" + std::to_string(first->row) + "行相同";
            } else {
                message = "身份证号与" + std::string(first->sheetLabel) + "第" + std::to_string(first->row)
                        + "行相同（本行是" + seen.currentLabel() + "第" + std::to_string(row.number) + "行）";
            }
            if (namesDiffer) {
                message += "，但姓名不同（那一行是“" + std::string(first->name) + "”，本行是“" + rec.name
                         + "”）：多半是其中一行的身份证号录错了；请核对这两行的身份证号，改正后重新导入本行。";
            } else if (first->sameSheet) {
                message += "：同一个人在表中出现了两次；请删除重复的一行。";
            } else {
                message += std::string("：同一个人在这次导入中出现了两次，") + (m_options.beforeWriting ? "本行不会导入" : "本行未导入")
                         + "（只导入先出现的一行）；"
                           "请核对两处的所属社区和服务时长，删除或合并重复的一行。";
            }
            addProblem(out, Field::IdNumber, code::kDuplicateInFile, std::move(message));
        }
    }
    if (out.problems.empty()) out.volunteer = std::move(rec);
    else out.warnings.clear();
}

void RosterValidator::validateFamily(const sheet::Row& row, RowOutcome& out) {
    FamilyRecord base;
    base.row = row.number;
    auto text = [&](Field f) {
        const sheet::Cell& c = cell(row, f);
        return c.kind == Kind::Error ? std::string() : quickNormalizeName(c.text);
    };

    base.headName = text(Field::HeadName);
    if (base.headName.empty())
        addProblem(out, Field::HeadName, code::kHeadNameMissing, "户主姓名为空；请填写户主姓名。");
    base.address = text(Field::Address);
    base.unitName = text(Field::Unit);
    base.streetName = text(Field::Street);

    if (m_columnOf[static_cast<int>(Field::Members)] >= 0) {
        Parsed<int> members = readMembersCell(cell(row, Field::Members));
        if (!members.ok()) addProblem(out, Field::Members, code::kMembersInvalid, std::move(members.message));
        else base.members = *members.value;
    }

    const sheet::Cell& titleCell = cell(row, Field::Title);
    const std::vector<std::string> titles =
        titleCell.kind == Kind::Text ? splitTitles(titleCell.text) : std::vector<std::string>();

    bool keyOk = !base.headName.empty();
    Parsed<int> year = readYearCell(cell(row, Field::Year), m_options.date1904, m_currentYear);
    if (!year.ok()) {
        addProblem(out, Field::Year, code::kYearInvalid, std::move(year.message));
        keyOk = false;
    } else if (year.value) {
        base.year = *year.value;
    } else if (!titles.empty()) {
        addProblem(out, Field::Year, code::kYearInvalid, "有荣誉称号但获评年度为空；请填写获得称号的年份，如2024。");
        keyOk = false;
    }

    Parsed<std::string> level = readLevelCell(cell(row, Field::Level));
    if (!level.ok()) {
        addProblem(out, Field::Level, code::kLevelInvalid, std::move(level.message));
        keyOk = false;
    } else if (level.value) {
        base.level = std::move(*level.value);
    } else if (!titles.empty()) {
        addProblem(out, Field::Level, code::kLevelInvalid,
                   "有荣誉称号但级别为空；请填写社区、街道、区、市、省或全国之一。");
        keyOk = false;
    }

    // One record per title; a household without a title is still a household.
    std::vector<FamilyRecord> records;
    if (titles.empty()) records.push_back(base);
    for (const std::string& title : titles) {
        records.push_back(base);
        records.back().title = title;
    }

    // The same household, title, level and year twice: the later row is the
    // duplicate. A household is its head, address and unit.
    if (keyOk) {
        std::string key;
        for (const FamilyRecord& r : records) {
            key.clear();
            key.append(r.headName).push_back('\x1f');
            key.append(r.address).push_back('\x1f');
            key.append(r.unitName).push_back('\x1f');
            key.append(r.streetName).push_back('\x1f');
            key.append(r.title).push_back('\x1f');
            key.append(r.level).push_back('\x1f');
            key.append(std::to_string(r.year));
            std::uint64_t h = std::hash<std::string>{}(key);
            if (h == 0) h = 1;
            const int first = m_seen.findOrInsert(h, row.number);
            if (first != 0 && first != row.number)
                addProblem(out, Field::HeadName, code::kDuplicateInFile,
                           "与第" + std::to_string(first) + "行是同一户、同一称号、同一年度"
                           + (r.title.empty() ? std::string() : "（" + r.title + "）") + "，重复了；请删除重复的一行。");
        }
    }
    if (out.problems.empty()) out.families = std::move(records);
}

std::vector<Problem> RosterValidator::columnWarnings() const {
    std::vector<Problem> out;
    for (const Column* c : m_mapping.unknownColumns()) {
        std::string message;
        if (c->duplicateOf >= 0) {
            const Column* kept = m_mapping.columnAt(c->duplicateOf);
            message = "“" + c->header + "”与" + columnLetter(c->duplicateOf) + "列“" + (kept ? kept->header : std::string())
                    + "”是同一项内容，只导入" + columnLetter(c->duplicateOf) + "列，本列不导入；如需改用本列，请在映射中调整。";
        } else {
            message = "未识别的列“" + c->header + "”，该列内容不会导入；如果它是需要导入的内容，请在映射中指定对应的字段。";
        }
        out.push_back(Problem{m_mapping.headerRowNumber, c->header, code::kUnknownColumn, std::move(message)});
    }
    return out;
}

// ============================================================ [SECTION] Sheet feed

SheetFeed::SheetFeed(RosterKind kind, ValidatorOptions options) : m_kind(kind), m_options(std::move(options)) {}

SheetFeed::SheetFeed(Mapping mapping, ValidatorOptions options) : m_kind(mapping.kind), m_options(std::move(options)) {
    std::vector<RowOutcome> none;
    decide(std::move(mapping), none);
}

const Mapping* SheetFeed::mapping() const { return m_mapping ? &*m_mapping : nullptr; }

void SheetFeed::decide(std::optional<Mapping> mapping, std::vector<RowOutcome>& out) {
    m_decided = true;
    if (!mapping) {
        HeaderDetection d = detectHeader(m_held, m_kind);
        if (d.found()) {
            mapping = std::move(d.mapping);
        } else {
            m_sheetProblems.push_back(Problem{0, {}, code::kHeaderNotFound, d.message});
        }
    }
    if (mapping) {
        const std::vector<std::string> errors = validateMapping(*mapping);
        for (const std::string& e : errors)
            m_sheetProblems.push_back(Problem{mapping->headerRowNumber, {}, code::kColumnMissing, e});
        m_mapping = std::move(mapping);
        if (errors.empty()) {
            m_validator.emplace(*m_mapping, m_options);
            for (Problem& w : m_validator->columnWarnings()) m_sheetProblems.push_back(std::move(w));
        }
    }
    for (const sheet::Row& row : m_held) emit(row, out);
    m_held.clear();
    m_held.shrink_to_fit();
}

void SheetFeed::emit(const sheet::Row& row, std::vector<RowOutcome>& out) {
    if (m_validator) {
        out.push_back(m_validator->validate(row));
        return;
    }
    RowOutcome o;
    o.row = row.number;
    o.skip = m_mapping && row.number <= m_mapping->headerRowNumber ? SkipReason::BeforeHeader : SkipReason::NotImportable;
    out.push_back(std::move(o));
}

void SheetFeed::feed(const sheet::Row& row, std::vector<RowOutcome>& out) {
    if (!m_decided) {
        if (row.number <= kHeaderScanRows) {
            m_held.push_back(row);
            return;
        }
        decide(std::nullopt, out);
    }
    emit(row, out);
}

void SheetFeed::finish(std::vector<RowOutcome>& out) {
    if (!m_decided) decide(std::nullopt, out);
}

} // namespace jinguo::roster
