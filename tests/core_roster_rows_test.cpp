// core_roster_rows_test.cpp — roster rows to records: every problem code with
// its row and column, Excel serial dates in both systems, every text date
// form, ID numbers stored as numbers, phones as numbers, names with U+3000
// and '·', footers, duplicates, whole sheets through SheetFeed (rows built by
// hand and, when present, corpus files through the real reader), and a
// 200,000-row feed showing that memory is per row.
#include <doctest/doctest.h>

#include "core/id_number.hpp"
#include "core/roster_rows.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::roster;
using jinguo::sheet::Cell;
using jinguo::sheet::Row;

namespace {

constexpr const char* kToday = "2025-06-30";   // fixed: the year limits below count from it
constexpr int kYear = 2025;

Cell text(const char* t) {
    Cell c;
    c.text = t;
    c.kind = c.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
    return c;
}

// A number cell as a reader gives it: the value and the text the file wrote.
Cell num(double v, const char* written = nullptr, bool date = false) {
    Cell c;
    c.kind = Cell::Kind::Number;
    c.number = v;
    if (written) {
        c.text = written;
    } else {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.15g", v);
        c.text = buf;
    }
    c.dateFormatted = date;
    return c;
}

Cell dateNum(double serial) { return num(serial, nullptr, true); }

Cell empty() { return Cell{}; }

Row row(int number, std::vector<Cell> cells) { return Row{number, std::move(cells)}; }

Row textRow(int number, std::initializer_list<const char*> texts) {
    Row r{number, {}};
    for (const char* t : texts) r.cells.push_back(text(t));
    return r;
}

ValidatorOptions options(bool date1904 = false) {
    ValidatorOptions o;
    o.today = kToday;
    o.date1904 = date1904;
    return o;
}

// The volunteer header of these tests, on row 2 below a title row.
const Row kVolunteerHeader =
    textRow(2, {"序号", "姓名", "性别", "身份证号", "手机号", "所属社区", "服务时长(小时)", "加入日期", "备注"});

RosterValidator volunteerValidator() {
    return RosterValidator(mappingFromHeaderRow(kVolunteerHeader, RosterKind::Volunteers), options());
}

// A volunteer row in the header's column order.
Row volunteer(int number, Cell name, Cell gender, Cell id, Cell phone = empty(), Cell unit = empty(),
              Cell hours = empty(), Cell joined = empty(), Cell note = empty()) {
    return row(number, {num(number - 2), name, gender, id, phone, unit, hours, joined, note});
}

// "row column code" of each problem, one per line.
std::string codes(const RowOutcome& o) {
    std::string out;
    for (const Problem& p : o.problems) out += std::to_string(p.row) + " " + p.column + " " + p.code + "\n";
    return out;
}

const Row kFamilyHeader = textRow(1, {"户主姓名", "家庭住址", "家庭人口", "所属社区", "荣誉称号", "获评年度", "级别"});

RosterValidator familyValidator() {
    return RosterValidator(mappingFromHeaderRow(kFamilyHeader, RosterKind::Families), options());
}

// Valid ID numbers (GB 11643-1999 check characters computed by hand with
// weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and "10X98765432").
constexpr const char* kWangFang = "11010519491231002X";   // 1949-12-31, 17th digit 2: 女
constexpr const char* kMan = "440524198001010013";        // 1980-01-01, 17th digit 1: 男
constexpr const char* kManX = "32010619851105003X";       // 1985-11-05, 17th digit 3: 男
constexpr const char* kWoman = "320106198511050021";      // 1985-11-05, 17th digit 2: 女
constexpr const char* kEnds000 = "110105198506124000";    // real and valid, yet ends like Excel's damage

} // namespace

// ------------------------------------------------------------------ dates

TEST_CASE("Excel serial dates, 1900 and 1904 systems") {
    auto iso = [](double serial, bool date1904) {
        const auto d = excelSerialToDate(serial, date1904);
        return d ? formatDate(*d) : std::string("none");
    };
    // 1900 system: serial 1 is 1900-01-01, counted from 1899-12-31 up to 59.
    CHECK(iso(1, false) == "1900-01-01");
    // 59 = 1899-12-31 + 59 days = 1900-01-31 (+31) + 28 = 1900-02-28.
    CHECK(iso(59, false) == "1900-02-28");
    // 60 is Excel's 1900-02-29, a day that never was (1900 is no leap year).
    CHECK(iso(60, false) == "none");
    // From 61 on, serials count from 1899-12-30: 61 = 1900-03-01.
    CHECK(iso(61, false) == "1900-03-01");
    // 45359: 1899-12-30 + 45359 days. 2024-01-01 is serial 45292 (the day
    // count 1900-03-01 … 2024-01-01 is 45231 = 124 years × 365 + 31 leap
    // days, plus 61); + 31 (January) + 29 (February 2024) + 7 = 45359 → 2024-03-08.
    CHECK(iso(45292, false) == "2024-01-01");
    CHECK(iso(45359, false) == "2024-03-08");
    CHECK(iso(45359.75, false) == "2024-03-08");   // 18:00 on that day: the time is dropped
    CHECK(iso(0, false) == "none");                // Excel shows 1900-01-00
    CHECK(iso(-1, false) == "none");
    // 1904 system: serial 0 is 1904-01-01; the systems are 1462 days apart
    // (1900-01-01 … 1904-01-01 = 4 × 365 + 1 leap day, + 1 for Excel's fake
    // 29 February): 45359 − 1462 = 43897 → 2024-03-08.
    CHECK(iso(0, true) == "1904-01-01");
    CHECK(iso(1, true) == "1904-01-02");
    CHECK(iso(43897, true) == "2024-03-08");
    CHECK(iso(-1, true) == "none");
}

TEST_CASE("dates written as text: every form users type, impossible dates refused") {
    auto iso = [](const char* t) {
        const auto d = parseDateText(t);
        return d ? formatDate(*d) : std::string("none");
    };
    CHECK(iso("2024-3-8") == "2024-03-08");
    CHECK(iso("2024-03-08") == "2024-03-08");
    CHECK(iso("2024/03/08") == "2024-03-08");
    CHECK(iso("2024/3/8") == "2024-03-08");
    CHECK(iso("2024.3.8") == "2024-03-08");
    CHECK(iso("2024年3月8日") == "2024-03-08");
    CHECK(iso("2024年03月08日") == "2024-03-08");
    CHECK(iso("2024年3月8号") == "2024-03-08");
    CHECK(iso("2024年3月8") == "2024-03-08");
    CHECK(iso("20240308") == "2024-03-08");
    CHECK(iso("２０２４－０３－０８") == "2024-03-08");          // full-width digits and hyphen
    CHECK(iso("２０２４年３月８日") == "2024-03-08");
    CHECK(iso(" 2024-03-08 00:00:00 ") == "2024-03-08");     // what some exporters append
    CHECK(iso("2024-03-08T08:30:00") == "2024-03-08");
    CHECK(iso("2024-02-29") == "2024-02-29");                // a leap year

    CHECK(iso("2023.2.29") == "none");     // 2023 is no leap year: refused, never guessed
    CHECK(iso("2024-13-01") == "none");
    CHECK(iso("2024-04-31") == "none");
    CHECK(iso("20230229") == "none");
    CHECK(iso("2024-3/8") == "none");      // mixed separators
    CHECK(iso("24-3-8") == "none");        // two-digit year: ambiguous
    CHECK(iso("3/8/2024") == "none");      // month first: ambiguous
    CHECK(iso("2024年3月") == "none");      // no day
    CHECK(iso("2024-03-08 上午") == "none");
    CHECK(iso("去年三月") == "none");
    CHECK(iso("") == "none");
}

TEST_CASE("date cells: serials, yyyymmdd numbers, numeric text; out-of-range refused") {
    auto read = [](const Cell& c, bool date1904 = false) {
        const Parsed<std::string> p = readDateCell(c, date1904, kYear);
        return p.ok() ? p.value.value_or("(empty)") : "!" + p.message;
    };
    CHECK(read(dateNum(45359)) == "2024-03-08");
    CHECK(read(dateNum(43897), true) == "2024-03-08");
    CHECK(read(num(45359)) == "2024-03-08");          // not date-formatted, but plausible in a date column
    CHECK(read(num(20240308)) == "2024-03-08");       // yyyymmdd typed as a number
    CHECK(read(text("45359")) == "2024-03-08");       // the same through a CSV
    CHECK(read(text("2024年3月8日")) == "2024-03-08");
    CHECK(read(empty()) == "(empty)");
    CHECK(read(text(" \u3000")) == "(empty)");
    const std::string forms = "请写成2024-03-08、2024/3/8、2024.3.8或2024年3月8日这样的日期。";
    CHECK(read(text("2023.2.29")) == "!加入日期“2023.2.29”不是有效的日期；" + forms);
    CHECK(read(dateNum(60)) == "!加入日期“60”不是有效的日期；" + forms);   // Excel's 1900-02-29
    CHECK(read(num(2024)) == "!加入日期“2024”不是有效的日期；" + forms);   // a year, not 1905-07-16
    CHECK(read(num(20230229)) == "!加入日期“20230229”不是有效的日期；" + forms);
    CHECK(read(text("2199-01-01")) == "!加入日期“2199-01-01”不在合理范围内（1900年至2026年）；请核对年份。");
    CHECK(read(dateNum(1)) == "1900-01-01");   // a real date, and within range
}

// ------------------------------------------------------------------ values

TEST_CASE("hours: numbers, text with units and full-width digits; negatives and nonsense refused") {
    auto read = [](const Cell& c) {
        const Parsed<double> p = readHoursCell(c);
        if (!p.ok()) return "!" + p.message;
        if (!p.value) return std::string("(empty)");
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", *p.value);
        return std::string(buf);
    };
    CHECK(read(num(12.5)) == "12.5");
    CHECK(read(num(0)) == "0");
    CHECK(read(text("12.5")) == "12.5");
    CHECK(read(text("12.5小时")) == "12.5");
    CHECK(read(text("12.5 小时")) == "12.5");
    CHECK(read(text("8个小时")) == "8");
    CHECK(read(text("3h")) == "3");
    CHECK(read(text("１２.５")) == "12.5");
    CHECK(read(text("１２．５小时")) == "12.5");
    CHECK(read(text("1,234.5")) == "1234.5");
    CHECK(read(empty()) == "(empty)");
    CHECK(read(text("-3")) == "!服务时长不能是负数（-3）；请填写累计服务小时数，如12.5。");
    CHECK(read(num(-1)) == "!服务时长不能是负数（-1）；请填写累计服务小时数，如12.5。");
    CHECK(read(text("约10小时")) == "!服务时长“约10小时”不是数字；请只填写小时数，如12.5。");
    CHECK(read(text("12,5")) == "!服务时长“12,5”不是数字；请只填写小时数，如12.5。");
    CHECK(read(text("1.2.3")) == "!服务时长“1.2.3”不是数字；请只填写小时数，如12.5。");
    CHECK(read(num(100001)) == "!服务时长“100001”过大，不合常理；请核对是否填错了列或多打了数字。");
    Cell error;
    error.kind = Cell::Kind::Error;
    error.text = "#VALUE!";
    CHECK(read(error) == "!服务时长“#VALUE!”不是数字；请填写累计服务小时数，如12.5。");
}

TEST_CASE("household members: 1 to 20, with 人/口 and Chinese numerals") {
    auto read = [](const Cell& c) {
        const Parsed<int> p = readMembersCell(c);
        return p.ok() ? std::to_string(*p.value) : "!" + p.message;
    };
    CHECK(read(num(3)) == "3");
    CHECK(read(text("3")) == "3");
    CHECK(read(text("3人")) == "3");
    CHECK(read(text("4口人")) == "4");
    CHECK(read(text("5口")) == "5");
    CHECK(read(text("三")) == "3");
    CHECK(read(text("两口")) == "2");
    CHECK(read(text("２０")) == "20");
    CHECK(read(num(0)) == "!家庭人口“0”不对；请填写1到20之间的整数（人数）。");
    CHECK(read(num(21)) == "!家庭人口“21”不对；请填写1到20之间的整数（人数）。");
    CHECK(read(num(2.5)) == "!家庭人口“2.5”不对；请填写1到20之间的整数（人数）。");
    CHECK(read(text("-1")) == "!家庭人口“-1”不对；请填写1到20之间的整数（人数）。");
    CHECK(read(text("三口之家")) == "!家庭人口“三口之家”不对；请填写1到20之间的整数（人数）。");
    CHECK(read(empty()) == "!家庭人口未填写；请填写家庭人数（1到20之间的整数）。");
}

TEST_CASE("award years: 1949 to next year, as numbers, text, 年/年度 or a date") {
    auto read = [](const Cell& c) {
        const Parsed<int> p = readYearCell(c, false, kYear);
        if (!p.ok()) return "!" + p.message;
        return p.value ? std::to_string(*p.value) : std::string("(empty)");
    };
    CHECK(read(num(2024)) == "2024");
    CHECK(read(text("2024")) == "2024");
    CHECK(read(text("2024年")) == "2024");
    CHECK(read(text("2024年度")) == "2024");
    CHECK(read(text("２０２４年")) == "2024");
    CHECK(read(dateNum(45359)) == "2024");          // a date cell: its year
    CHECK(read(text("2024-03-08")) == "2024");
    CHECK(read(text("2024年3月")) == "2024");
    CHECK(read(text("2024.03")) == "2024");
    CHECK(read(num(1949)) == "1949");
    CHECK(read(num(2026)) == "2026");               // next year's list, prepared in December
    CHECK(read(empty()) == "(empty)");
    CHECK(read(num(1948)) == "!获评年度“1948”超出范围（1949–2026）；请核对年份。");
    CHECK(read(text("2027年")) == "!获评年度“2027年”超出范围（1949–2026）；请核对年份。");
    CHECK(read(text("去年")) == "!获评年度“去年”不是年份；请填写四位年份，如2024。");
    CHECK(read(num(2024.5)) == "!获评年度“2024.5”不是年份；请填写四位年份，如2024。");
    CHECK(read(text("24")) == "!获评年度“24”不是年份；请填写四位年份，如2024。");
}

TEST_CASE("levels: the six of the catalogue from what rosters write") {
    struct Case { const char* written; const char* level; };
    const Case cases[] = {
        {"社区", "社区"}, {"社区级", "社区"}, {"村级", "社区"}, {"村（社区）级", "社区"},
        {"街道", "街道"}, {"街道级", "街道"}, {"镇级", "街道"}, {"乡镇级", "街道"},
        {"区", "区"}, {"区级", "区"}, {"县级", "区"}, {"区（县）级", "区"},
        {"市", "市"}, {"市级", "市"}, {"地市级", "市"},
        {"省", "省"}, {"省级", "省"}, {"省部级", "省"},
        {"全国", "全国"}, {"全国级", "全国"}, {"国家级", "全国"}, {" 区 级 ", "区"},
        {"优秀", ""}, {"级", ""}, {"县级市", ""}, {"", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.written);
        CHECK(normalizeLevel(c.written) == c.level);
    }
    const Parsed<std::string> bad = readLevelCell(text("优秀"));
    CHECK(bad.message == "级别“优秀”无法识别；请填写社区、街道、区、市、省或全国之一（也可写社区级、区级、国家级等）。");
    CHECK(readLevelCell(num(3)).message == "级别“3”无法识别；请填写社区、街道、区、市、省或全国之一（也可写社区级、区级、国家级等）。");
    CHECK(readLevelCell(empty()).ok());
    CHECK_FALSE(readLevelCell(empty()).value.has_value());
}

TEST_CASE("gender words") {
    CHECK(normalizeGender("女") == "女");
    CHECK(normalizeGender(" 女性 ") == "女");
    CHECK(normalizeGender("F") == "女");
    CHECK(normalizeGender("男") == "男");
    CHECK(normalizeGender("男性") == "男");
    CHECK(normalizeGender("m") == "男");
    CHECK(normalizeGender("未知") == "");
    CHECK(normalizeGender("") == "");
}

TEST_CASE("phones: number cells, separators, full-width digits, an apostrophe") {
    auto read = [](const Cell& c) {
        const Parsed<std::string> p = readPhoneCell(c);
        return p.ok() ? p.value.value_or("(empty)") : "!" + p.message;
    };
    CHECK(read(num(13812345678)) == "13812345678");               // 11 digits: exact in a number cell
    CHECK(read(num(13812345678, "13812345678")) == "13812345678");
    CHECK(read(text("138-1234-5678")) == "13812345678");
    CHECK(read(text("138 1234 5678")) == "13812345678");
    CHECK(read(text("１３８\u3000１２３４\u3000５６７８")) == "13812345678");
    CHECK(read(text("+86 138 1234 5678")) == "13812345678");
    CHECK(read(text("'13812345678")) == "13812345678");
    CHECK(read(text("=\"13812345678\"")) == "13812345678");
    CHECK(read(empty()) == "(empty)");
    CHECK(read(text("1380013800")) == "!手机号应为11位数字，现在是10位。");
    CHECK(read(num(1380013800)) == "!手机号应为11位数字，现在是10位。");
    CHECK(read(text("23812345678")) == "!大陆手机号以1开头；请核对第一位。");
    CHECK(read(text("138-1234-5678转2")) == "!手机号只能包含数字；请删去其中的文字或符号。");
    CHECK(read(num(1381234567.5)) == "!手机号“1381234567.5”不是11位数字；请核对。");
}

TEST_CASE("ID number cells") {
    auto read = [](const Cell& c, const char* gender = "", bool numbersSeen = false) {
        const IdValue v = readIdCell(c, kToday, gender, numbersSeen);
        return v.code.empty() ? v.normalized + " " + v.gender : v.code + ": " + v.message;
    };
    const std::string asNumber =
        "id_stored_as_number: 身份证号被Excel当成数字保存，后几位已丢失；请把该列设置为“文本”格式后重新填写身份证号"
        "（或在号码前加英文单引号'）再导入。";

    SUBCASE("good text IDs, normalized") {
        CHECK(read(text(kWangFang)) == "11010519491231002X 女");
        CHECK(read(text("11010519491231002x")) == "11010519491231002X 女");     // lower-case x → X
        CHECK(read(text("１１０１０５１９４９１２３１００２Ｘ")) == "11010519491231002X 女");   // full-width
        CHECK(read(text("１１０１０５１９４９１２３１００２ｘ")) == "11010519491231002X 女");
        CHECK(read(text(" 440524 19800101 0013 ")) == "440524198001010013 男");
        CHECK(read(text("'440524198001010013")) == "440524198001010013 男");   // the apostrophe trick in a CSV
        CHECK(read(text("\t440524198001010013")) == "440524198001010013 男");  // the tab trick
        CHECK(read(text("=\"440524198001010013\"")) == "440524198001010013 男");
        CHECK(read(text(kManX), "男") == "32010619851105003X 男");
    }
    SUBCASE("a number cell is refused even when its digits pass the checksum") {
        // 440524198001010013 is a valid ID; as a number it is 4.40524198001010e17
        // and the file wrote "440524198001010000" or the digits — never trusted.
        CHECK(read(num(440524198001010013.0, "440524198001010013")) == asNumber);
        CHECK(read(num(110105194912310000.0, "110105194912310000")) == asNumber);
        CHECK(read(num(1.10105194912310e17, "1.1010519491231E+17")) == asNumber);
        const IdValue v = readIdCell(num(440524198001010013.0), kToday, "", false);
        CHECK(v.numberEvidence);
        CHECK(v.normalized.empty());
    }
    SUBCASE("text that shows a number was there") {
        CHECK(read(text("1.10105E+17")) == "id_stored_as_number: 身份证号显示成了科学计数法（如1.10105E+17），"
              "说明它被Excel当成数字保存，后几位已丢失；请把该列设置为“文本”格式后重新填写身份证号（或在号码前加英文单引号'）再导入。");
        CHECK(read(text("1.10105e17")).rfind("id_stored_as_number: 身份证号显示成了科学计数法", 0) == 0);
        CHECK(read(text("440524198001010013.0")) == asNumber);
        // Excel's zeros: 11010519491231002X became 110105194912310000 (check character 3 expected).
        CHECK(read(text("110105194912310000"))
              == "id_stored_as_number: 身份证号末三位是000，像是被Excel当成数字保存过，后几位已丢失；"
                 "请把该列设置为“文本”格式后重新填写身份证号（或在号码前加英文单引号'）再导入。");
        // A real ID may end in 000: accepted (a CSV cannot say the cell was
        // text, so with a warning; see "ID numbers ending in 000").
        CHECK(read(text(kEnds000)) == "110105198506124000 女");
        CHECK(read(text(kEnds000), "", true) == "110105198506124000 女");
    }
    SUBCASE("each ID problem with its message") {
        CHECK(read(empty()) == "id_length: 请填写身份证号。");
        CHECK(read(text("11010519491231002")) == "id_length: 身份证号应为18位，现在是17位；请核对是否漏填或多填。");
        CHECK(read(text("110105194912310021X")) == "id_length: 身份证号应为18位，现在是19位；请核对是否漏填或多填。");
        CHECK(read(text("11010519491231002Y")) == "id_length: 身份证号最后一位只能是数字或X。");
        CHECK(read(text("110105194912310021"))
              == "id_checksum: 身份证号校验位不对（最后一位应为X）；多半是某一位数字录错了，请逐位核对。");
        CHECK(read(text("110105194902300020"))
              == "id_birthdate: 身份证号中的出生日期（第7–14位）19490230不是有效日期；请核对。");
        CHECK(read(text(kWangFang), "男")
              == "gender_id_mismatch: 身份证号第17位表示女性，与所填性别“男”不符；请核对性别或身份证号。");
        // A mismatch still names the ID (for duplicate detection).
        CHECK(readIdCell(text(kWangFang), kToday, "男", false).normalized == kWangFang);
    }
}

// ------------------------------------------------------------------ volunteer rows

TEST_CASE("a good volunteer row becomes a record") {
    RosterValidator v = volunteerValidator();
    const RowOutcome o = v.validate(volunteer(3, text("王芳"), text("女"), text(kWangFang), text("13800138000"),
                                              text("望江社区"), num(12.5), dateNum(45359), text("党员")));
    CHECK(o.row == 3);
    REQUIRE(o.status == RowStatus::Accepted);
    CHECK(o.skip == SkipReason::None);
    CHECK(o.problems.empty());
    CHECK(o.families.empty());
    REQUIRE(o.volunteer);
    const VolunteerRecord& r = *o.volunteer;
    CHECK(r.row == 3);
    CHECK(r.name == "王芳");
    CHECK(r.gender == "女");
    CHECK(r.idNumber == kWangFang);
    CHECK(r.phone == "13800138000");
    CHECK(r.unitName == "望江社区");
    REQUIRE(r.hours);
    CHECK(*r.hours == 12.5);
    CHECK(r.hoursAsOf == kToday);
    CHECK(r.joinedOn == "2024-03-08");
}

TEST_CASE("names, units and optional fields are normalized") {
    RosterValidator v = volunteerValidator();
    struct Case { const char* written; const char* name; };
    const Case names[] = {
        {"李\u3000娜", "李娜"},                  // an ideographic space inside
        {" 张 三 ", "张三"},                     // stray spaces
        {"王\xC2\xA0芳", "王芳"},                // a no-break space
        {"迪丽娜尔·艾买提", "迪丽娜尔·艾买提"},   // the middle dot stays
        {"欧阳娜娜\t", "欧阳娜娜"},
        {"钱𠮷", "钱𠮷"},                        // beyond the BMP, kept as it is
    };
    const char* ids[] = {kWangFang, kMan, kManX, kWoman, "110105199003071239", "420106198203154324"};
    int n = 3;
    for (std::size_t i = 0; i < std::size(names); ++i, ++n) {
        CAPTURE(names[i].written);
        const RowOutcome o = v.validate(volunteer(n, text(names[i].written), empty(), text(ids[i])));
        INFO(codes(o));
        REQUIRE(o.status == RowStatus::Accepted);
        CHECK(o.volunteer->name == names[i].name);
    }
    // No gender given: the ID decides. No phone, hours or date: empty, not zero.
    const RowOutcome o = v.validate(volunteer(20, text("张伟"), text(""), text("320106198511050056"), empty(), text(" 望江\u3000社区 ")));
    REQUIRE(o.status == RowStatus::Accepted);
    CHECK(o.volunteer->gender == "男");
    CHECK(o.volunteer->phone.empty());
    CHECK_FALSE(o.volunteer->hours.has_value());
    CHECK(o.volunteer->hoursAsOf.empty());
    CHECK(o.volunteer->joinedOn.empty());
    CHECK(o.volunteer->unitName == "望江社区");
    // A phone typed into a number cell, a date as text.
    const RowOutcome p = v.validate(volunteer(21, text("李静"), text("女"), text("320106198511050048"), num(13912345678),
                                              empty(), text("3小时"), text("2024年3月8日")));
    REQUIRE(p.status == RowStatus::Accepted);
    CHECK(p.volunteer->phone == "13912345678");
    CHECK(*p.volunteer->hours == 3);
    CHECK(p.volunteer->joinedOn == "2024-03-08");
}

TEST_CASE("a bad row names every bad field with its row and column") {
    RosterValidator v = volunteerValidator();
    const RowOutcome o = v.validate(volunteer(7, text(""), text("男"), text("110105194912310021"), text("1380013800"),
                                              text("望江社区"), text("约10小时"), text("2023.2.29")));
    CHECK(o.status == RowStatus::Rejected);
    CHECK_FALSE(o.volunteer.has_value());
    CHECK(codes(o) == "7 姓名 name_missing\n"
                      "7 身份证号 id_checksum\n"
                      "7 手机号 phone_invalid\n"
                      "7 服务时长(小时) hours_invalid\n"
                      "7 加入日期 date_invalid\n");
    REQUIRE(o.problems.size() == 5);
    CHECK(o.problems[0].message == "姓名为空；请填写姓名。");
    CHECK(o.problems[1].message == "身份证号校验位不对（最后一位应为X）；多半是某一位数字录错了，请逐位核对。");
    CHECK(o.problems[2].message == "手机号应为11位数字，现在是10位。");
    CHECK(o.problems[3].message == "服务时长“约10小时”不是数字；请只填写小时数，如12.5。");
    CHECK(o.problems[4].message
          == "加入日期“2023.2.29”不是有效的日期；请写成2024-03-08、2024/3/8、2024.3.8或2024年3月8日这样的日期。");
}

TEST_CASE("each volunteer problem code on its own row") {
    RosterValidator v = volunteerValidator();
    auto one = [&](const Row& r) {
        const RowOutcome o = v.validate(r);
        CHECK(o.status == RowStatus::Rejected);
        return codes(o);
    };
    CHECK(one(volunteer(3, text("\u3000"), text("女"), text(kWangFang))) == "3 姓名 name_missing\n");
    CHECK(one(volunteer(4, text("王芳"), text("女"), text("11010519491231002"))) == "4 身份证号 id_length\n");
    CHECK(one(volunteer(5, text("王芳"), text("女"), empty())) == "5 身份证号 id_length\n");
    CHECK(one(volunteer(6, text("王芳"), text("女"), text("110105194912310021"))) == "6 身份证号 id_checksum\n");
    CHECK(one(volunteer(7, text("王芳"), text("女"), text("110105194902300020"))) == "7 身份证号 id_birthdate\n");
    CHECK(one(volunteer(8, text("王芳"), text("女"), num(440524198001010013.0, "440524198001010013")))
          == "8 身份证号 id_stored_as_number\n");
    CHECK(one(volunteer(9, text("王芳"), text("男"), text(kWoman))) == "9 性别 gender_id_mismatch\n");
    CHECK(one(volunteer(10, text("王强"), text("男"), text("320106198511050056"), text("1234")))
          == "10 手机号 phone_invalid\n");
    CHECK(one(volunteer(11, text("王芳"), text("女"), text("320106198511050048"), empty(), empty(), num(-2)))
          == "11 服务时长(小时) hours_invalid\n");
    CHECK(one(volunteer(12, text("王芳"), text("女"), text("320106198511050064"), empty(), empty(), empty(),
                        text("2024-13-01")))
          == "12 加入日期 date_invalid\n");
    // Rows 9–12 were refused for other reasons, but their IDs were read: row
    // 13 with row 9's ID is a duplicate of row 9.
    CHECK(one(volunteer(13, text("李静"), text("女"), text(kWoman)))
          == "13 身份证号 duplicate_in_file\n");
}

TEST_CASE("the same ID twice in one file: the later row is reported, naming the earlier") {
    RosterValidator v = volunteerValidator();
    CHECK(v.validate(volunteer(3, text("王芳"), text("女"), text(kWangFang))).status == RowStatus::Accepted);
    CHECK(v.validate(volunteer(4, text("张伟"), text("男"), text(kMan))).status == RowStatus::Accepted);
    // Written differently (lower-case x, full-width), the same person.
    const RowOutcome dup = v.validate(volunteer(9, text("王 芳"), text("女"), text("１１０１０５１９４９１２３１００２ｘ")));
    CHECK(dup.status == RowStatus::Rejected);
    REQUIRE(dup.problems.size() == 1);
    CHECK(dup.problems[0] == Problem{9, "身份证号", "duplicate_in_file",
                                     "身份证号与第3行相同：同一个人在表中出现了两次；请删除重复的一行。"});
    // A third time still names the first row.
    CHECK(v.validate(volunteer(12, text("王芳"), text("女"), text(kWangFang))).problems.at(0).message
          == "身份证号与第3行相同：同一个人在表中出现了两次；请删除重复的一行。");
    // Two people with the same name and different IDs are two people.
    CHECK(v.validate(volunteer(13, text("王芳"), text("女"), text(kWoman))).status == RowStatus::Accepted);
    CHECK(v.distinctKeys() == 3);
}

TEST_CASE("blank rows, footers, a repeated header and the rows above the header are skipped silently") {
    RosterValidator v = volunteerValidator();
    auto skip = [&](const Row& r) {
        const RowOutcome o = v.validate(r);
        CHECK(o.status == RowStatus::Skipped);
        CHECK(o.problems.empty());
        return o.skip;
    };
    CHECK(skip(textRow(1, {"2024年望江社区志愿者花名册"})) == SkipReason::BeforeHeader);
    CHECK(skip(kVolunteerHeader) == SkipReason::BeforeHeader);
    CHECK(skip(row(3, {})) == SkipReason::Blank);
    CHECK(skip(textRow(4, {"", " ", "\u3000", "\xC2\xA0"})) == SkipReason::Blank);
    // A template numbered to 50 rows, filled to 3: 序号 and 备注 alone make no row.
    CHECK(skip(row(5, {num(3), empty(), empty(), empty(), empty(), empty(), empty(), empty(), text("空行")}))
          == SkipReason::Blank);
    CHECK(skip(textRow(6, {"填表人：张三", "", "", "审核人：李四", "", "联系电话：13812345678"})) == SkipReason::Footer);
    CHECK(skip(textRow(7, {"", "审核人：李四"})) == SkipReason::Footer);
    CHECK(skip(textRow(8, {"", "联系电话：027-88886666"})) == SkipReason::Footer);
    CHECK(skip(textRow(9, {"", "\u3000填表日期：2024年3月8日"})) == SkipReason::Footer);
    CHECK(skip(row(10, {text("合计"), empty(), empty(), empty(), empty(), empty(), num(1234.5)})) == SkipReason::Footer);
    CHECK(skip(textRow(11, {"", "注：身份证号请设置为文本格式"})) == SkipReason::Footer);
    // The same note in column A (序号) alone leaves every field empty: a blank row.
    CHECK(skip(textRow(16, {"注：身份证号请设置为文本格式"})) == SkipReason::Blank);
    CHECK(skip(textRow(12, {"", "填报单位（盖章）：望江社区"})) == SkipReason::Footer);
    CHECK(skip(textRow(13, {"序号", "姓名", "性别", "身份证号", "手机号"})) == SkipReason::RepeatedHeader);
    // A row with an ID number is data, whatever its first cell says.
    const RowOutcome data = v.validate(row(14, {text("合计"), text("王芳"), text("女"), text(kWangFang)}));
    CHECK(data.status == RowStatus::Accepted);
    // One filled field makes a row: it is checked, not skipped.
    const RowOutcome half = v.validate(row(15, {num(15), text("王芳")}));
    CHECK(codes(half) == "15 身份证号 id_length\n");
}

TEST_CASE("a sheet without 性别: gender comes from the ID number") {
    RosterValidator v(mappingFromHeaderRow(textRow(1, {"名字", "公民身份号码", "联系方式"}), RosterKind::Volunteers),
                      options());
    const RowOutcome m = v.validate(textRow(2, {"张伟", kManX, "13812345678"}));
    REQUIRE(m.status == RowStatus::Accepted);
    CHECK(m.volunteer->gender == "男");
    CHECK(m.volunteer->idNumber == kManX);
    const RowOutcome w = v.validate(textRow(3, {"王芳", "11010519491231002x", ""}));
    REQUIRE(w.status == RowStatus::Accepted);
    CHECK(w.volunteer->gender == "女");
    CHECK(w.volunteer->idNumber == kWangFang);
}

TEST_CASE("the hours' as-of date can be set; unknown columns give one warning each") {
    ValidatorOptions o = options();
    o.hoursAsOf = "2024-12-31";
    RosterValidator v(mappingFromHeaderRow(kVolunteerHeader, RosterKind::Volunteers), o);
    const RowOutcome r = v.validate(volunteer(3, text("王芳"), text("女"), text(kWangFang), empty(), empty(), text("30")));
    CHECK(r.volunteer->hoursAsOf == "2024-12-31");
    CHECK(v.columnWarnings() == std::vector<Problem>{Problem{
              2, "备注", "unknown_column", "未识别的列“备注”，该列内容不会导入；如果它是需要导入的内容，请在映射中指定对应的字段。"}});
    CHECK(isWarning("unknown_column"));
    CHECK_FALSE(isWarning("id_length"));

    RosterValidator dup(mappingFromHeaderRow(textRow(1, {"姓名", "身份证号", "联系电话", "手机号"}), RosterKind::Volunteers),
                        options());
    CHECK(dup.columnWarnings() == std::vector<Problem>{Problem{
              1, "联系电话", "unknown_column",
              "“联系电话”与D列“手机号”是同一项内容，只导入D列，本列不导入；如需改用本列，请在映射中调整。"}});
}

// ------------------------------------------------------------------ family rows

TEST_CASE("family rows: one household, several titles and years") {
    RosterValidator v = familyValidator();
    const RowOutcome a = v.validate(row(2, {text("张建国"), text("幸福路1号 3栋"), num(3), text("望江社区"),
                                            text("平安家庭"), num(2023), text("社区级")}));
    REQUIRE(a.status == RowStatus::Accepted);
    REQUIRE(a.families.size() == 1);
    const FamilyRecord& f = a.families[0];
    CHECK(f.row == 2);
    CHECK(f.headName == "张建国");
    CHECK(f.address == "幸福路1号3栋");
    CHECK(f.members == 3);
    CHECK(f.unitName == "望江社区");
    CHECK(f.title == "平安家庭");
    CHECK(f.year == 2023);
    CHECK(f.level == "社区");
    CHECK_FALSE(a.volunteer.has_value());

    // The same household again with another title, and with the same title in another year.
    const RowOutcome b = v.validate(textRow(3, {"张建国", "幸福路1号3栋", "3人", "望江社区", "最美家庭", "2024年", "区级"}));
    REQUIRE(b.status == RowStatus::Accepted);
    CHECK(b.families.at(0).title == "最美家庭");
    CHECK(b.families.at(0).level == "区");
    CHECK(b.families.at(0).year == 2024);
    CHECK(v.validate(textRow(4, {"张建国", "幸福路1号3栋", "3", "望江社区", "平安家庭", "2024", "社区"})).status
          == RowStatus::Accepted);
    // The same title at another level in the same year is another award.
    CHECK(v.validate(textRow(5, {"张建国", "幸福路1号3栋", "3", "望江社区", "最美家庭", "2024", "市级"})).status
          == RowStatus::Accepted);

    // Two titles in one cell: two records of one row.
    const RowOutcome c = v.validate(textRow(6, {"李秀英", "和平路8号", "４", "望江社区", "五好文明家庭、最美家庭", "２０２４", "国家级"}));
    REQUIRE(c.status == RowStatus::Accepted);
    REQUIRE(c.families.size() == 2);
    CHECK(c.families[0].title == "五好文明家庭");
    CHECK(c.families[1].title == "最美家庭");
    CHECK(c.families[1].members == 4);
    CHECK(c.families[1].year == 2024);
    CHECK(c.families[1].level == "全国");
    CHECK(c.families[1].row == 6);

    // A household without a title is still a household.
    const RowOutcome d = v.validate(textRow(7, {"王大海", "", "2", "望江社区", "", "", ""}));
    REQUIRE(d.status == RowStatus::Accepted);
    CHECK(d.families.at(0).title.empty());
    CHECK(d.families.at(0).year == 0);
    CHECK(d.families.at(0).level.empty());
}

TEST_CASE("family duplicates: same household, title, level and year") {
    RosterValidator v = familyValidator();
    CHECK(v.validate(textRow(2, {"张建国", "幸福路1号", "3", "望江社区", "平安家庭", "2023", "社区"})).status
          == RowStatus::Accepted);
    // Written with spaces and full-width digits: the same household.
    const RowOutcome dup = v.validate(textRow(5, {"张 建国", "幸福路１号", "3", "望江社区", "平安家庭", "2023年", "社区级"}));
    CHECK(dup.status == RowStatus::Rejected);
    CHECK(dup.problems == std::vector<Problem>{Problem{
              5, "户主姓名", "duplicate_in_file", "与第2行是同一户、同一称号、同一年度（平安家庭），重复了；请删除重复的一行。"}});
    // Another address is another household (two families headed by 张建国).
    CHECK(v.validate(textRow(6, {"张建国", "幸福路2号", "3", "望江社区", "平安家庭", "2023", "社区"})).status
          == RowStatus::Accepted);
    // The same title twice in one cell counts once.
    const RowOutcome twice = v.validate(textRow(7, {"李秀英", "和平路8号", "4", "望江社区", "最美家庭，最美家庭", "2024", "区"}));
    REQUIRE(twice.status == RowStatus::Accepted);
    CHECK(twice.families.size() == 1);
}

TEST_CASE("each family problem code with its row and column") {
    RosterValidator v = familyValidator();
    auto one = [&](const Row& r) { return codes(v.validate(r)); };
    CHECK(one(textRow(2, {"", "幸福路1号", "3", "望江社区", "平安家庭", "2023", "社区"})) == "2 户主姓名 head_name_missing\n");
    CHECK(one(textRow(3, {"张建国", "幸福路1号", "0", "望江社区", "平安家庭", "2023", "社区"})) == "3 家庭人口 members_invalid\n");
    CHECK(one(textRow(4, {"张建国", "幸福路1号", "", "望江社区", "最美家庭", "2023", "社区"})) == "4 家庭人口 members_invalid\n");
    CHECK(one(textRow(5, {"张建国", "幸福路1号", "3", "望江社区", "平安家庭", "1900", "社区"})) == "5 获评年度 year_invalid\n");
    CHECK(one(textRow(6, {"张建国", "幸福路1号", "3", "望江社区", "平安家庭", "", "社区"})) == "6 获评年度 year_invalid\n");
    CHECK(one(textRow(7, {"张建国", "幸福路1号", "3", "望江社区", "平安家庭", "2023", "优秀"})) == "7 级别 level_invalid\n");
    CHECK(one(textRow(8, {"张建国", "幸福路1号", "3", "望江社区", "平安家庭", "2023", ""})) == "8 级别 level_invalid\n");
    // Every bad field of a row at once.
    const RowOutcome all = v.validate(textRow(9, {"", "幸福路1号", "二十五", "望江社区", "平安家庭", "明年", "优秀"}));
    CHECK(codes(all) == "9 户主姓名 head_name_missing\n9 家庭人口 members_invalid\n9 获评年度 year_invalid\n9 级别 level_invalid\n");
    CHECK(all.problems[2].message == "获评年度“明年”不是年份；请填写四位年份，如2024。");
    const RowOutcome noYear = v.validate(textRow(10, {"张建国", "幸福路1号", "3", "望江社区", "平安家庭", "", ""}));
    REQUIRE(noYear.problems.size() == 2);
    CHECK(noYear.problems[0].message == "有荣誉称号但获评年度为空；请填写获得称号的年份，如2024。");
    CHECK(noYear.problems[1].message == "有荣誉称号但级别为空；请填写社区、街道、区、市、省或全国之一。");
    // Rows 2–10 were refused; a good row still comes through …
    CHECK(v.validate(textRow(11, {"张建国", "幸福路1号", "3", "望江社区", "文明家庭", "2023", "社区"})).status
          == RowStatus::Accepted);
    // … but row 3, refused for its head count alone, still holds its household,
    // title and year: a second such row is its duplicate.
    CHECK(codes(v.validate(textRow(12, {"张建国", "幸福路1号", "3", "望江社区", "平安家庭", "2023", "社区"})))
          == "12 户主姓名 duplicate_in_file\n");
}

TEST_CASE("a family list without 家庭人口: members default to 1") {
    RosterValidator v(mappingFromHeaderRow(textRow(1, {"户主", "住址", "社区"}), RosterKind::Families), options());
    const RowOutcome o = v.validate(textRow(2, {"张建国", "幸福路1号", "望江社区"}));
    REQUIRE(o.status == RowStatus::Accepted);
    CHECK(o.families.at(0).members == 1);
    CHECK(o.families.at(0).title.empty());
}

// ------------------------------------------------------------------ whole sheets

namespace {

struct Fed {
    std::vector<RowOutcome> outcomes;
    std::map<int, const RowOutcome*> byRow;
    const RowOutcome& at(int r) const { return *byRow.at(r); }
    int count(RowStatus s) const {
        int n = 0;
        for (const auto& o : outcomes) n += o.status == s;
        return n;
    }
};

Fed feedAll(SheetFeed& feed, const std::vector<Row>& rows) {
    Fed f;
    for (const Row& r : rows) feed.feed(r, f.outcomes);
    feed.finish(f.outcomes);
    for (const auto& o : f.outcomes) f.byRow[o.row] = &o;
    return f;
}

} // namespace

TEST_CASE("SheetFeed holds the first rows, finds the header, then streams") {
    SheetFeed feed(RosterKind::Volunteers, options());
    std::vector<RowOutcome> out;
    feed.feed(textRow(1, {"2024年望江社区志愿者花名册"}), out);
    // Row 2 is blank: the reader may not even send it.
    feed.feed(textRow(3, {"序号", "姓 名", "身份证号码", "联系电话", "服务时长（小时）", "备注"}), out);
    for (int r = 4; r <= 30; ++r) {
        feed.feed(textRow(r, {"", "志愿者", "", "", "1"}), out);
    }
    CHECK(out.empty());                 // held: the header is not decided yet
    CHECK(feed.mapping() == nullptr);
    feed.feed(textRow(31, {"28", "王芳", kWangFang, "13800138000", "12.5"}), out);
    REQUIRE(feed.mapping() != nullptr);
    CHECK(feed.mapping()->headerRowNumber == 3);
    CHECK(feed.importable());
    REQUIRE(out.size() == 30);          // rows 1, 3, 4 … 31
    CHECK(out[0].row == 1);
    CHECK(out[0].skip == SkipReason::BeforeHeader);
    CHECK(out[1].row == 3);
    CHECK(out[1].skip == SkipReason::BeforeHeader);
    CHECK(codes(out[2]) == "4 身份证号码 id_length\n");
    CHECK(out.back().status == RowStatus::Accepted);
    CHECK(out.back().volunteer->hours.value() == 12.5);
    out.clear();
    feed.feed(textRow(32, {"29", "张伟", kMan}), out);   // streams now
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == RowStatus::Accepted);
    feed.finish(out);
    CHECK(out.size() == 1);
    CHECK(feed.sheetProblems() == std::vector<Problem>{Problem{
              3, "备注", "unknown_column", "未识别的列“备注”，该列内容不会导入；如果它是需要导入的内容，请在映射中指定对应的字段。"}});
}

TEST_CASE("SheetFeed on a short sheet decides at the end") {
    SheetFeed feed(RosterKind::Volunteers, options());
    const Fed f = feedAll(feed, {
        textRow(1, {"望江社区志愿者名单"}),
        textRow(2, {"姓名", "身份证号", "手机号"}),
        textRow(3, {"王芳", kWangFang, "13800138000"}),
        textRow(4, {"张伟", "440524198001010014", ""}),
        textRow(5, {"填表人：李四"}),
    });
    CHECK(f.outcomes.size() == 5);
    CHECK(f.count(RowStatus::Accepted) == 1);
    CHECK(f.count(RowStatus::Rejected) == 1);
    CHECK(codes(f.at(4)) == "4 身份证号 id_checksum\n");
    CHECK(f.at(5).skip == SkipReason::Footer);
    CHECK(feed.sheetProblems().empty());
}

TEST_CASE("SheetFeed: no header, or a required column missing, imports nothing and says why") {
    SUBCASE("no header") {
        SheetFeed feed(RosterKind::Volunteers, options());
        const Fed f = feedAll(feed, {textRow(1, {"幸福社区"}), textRow(2, {"和平社区"})});
        CHECK_FALSE(feed.importable());
        CHECK(feed.mapping() == nullptr);
        CHECK(f.outcomes.size() == 2);
        CHECK(f.at(1).skip == SkipReason::NotImportable);
        REQUIRE(feed.sheetProblems().size() == 1);
        CHECK(feed.sheetProblems()[0].code == "header_not_found");
        CHECK(feed.sheetProblems()[0].row == 0);
    }
    SUBCASE("no ID column in a volunteer roster") {
        SheetFeed feed(RosterKind::Volunteers, options());
        const Fed f = feedAll(feed, {textRow(1, {"姓名", "手机号", "备注"}), textRow(2, {"王芳", "13800138000", ""})});
        CHECK_FALSE(feed.importable());
        REQUIRE(feed.mapping() != nullptr);   // shown to the user, who may correct it
        CHECK(f.at(1).skip == SkipReason::BeforeHeader);
        CHECK(f.at(2).skip == SkipReason::NotImportable);
        CHECK(feed.sheetProblems() == std::vector<Problem>{Problem{
                  1, "", "column_missing",
                  "缺少“身份证号”列：系统按身份证号识别同一个人（同名同姓的人很多），志愿者花名册必须有这一列；"
                  "请在映射中指定哪一列是身份证号。"}});
    }
}

TEST_CASE("SheetFeed with the user's corrected mapping streams from the first row") {
    Mapping m = mappingFromHeaderRow(textRow(2, {"姓名", "证件", "电话"}), RosterKind::Volunteers);
    REQUIRE(setColumnField(m, 1, Field::IdNumber));
    SheetFeed feed(m, options());
    CHECK(feed.importable());
    std::vector<RowOutcome> out;
    feed.feed(textRow(1, {"名单"}), out);
    feed.feed(textRow(2, {"姓名", "证件", "电话"}), out);
    feed.feed(textRow(3, {"王芳", kWangFang, "13800138000"}), out);
    REQUIRE(out.size() == 3);
    CHECK(out[0].skip == SkipReason::BeforeHeader);
    CHECK(out[1].skip == SkipReason::BeforeHeader);
    CHECK(out[2].status == RowStatus::Accepted);
    CHECK(feed.sheetProblems().empty());
}

TEST_CASE("number damage in a sheet's ID column makes its 000 endings suspect") {
    // Was: a text cell ending in 000 after a number cell was refused. Now only
    // the number cell is: the text one imports, with a warning in a CSV.
    const Row header = textRow(1, {"姓名", "身份证号"});
    SUBCASE("after a number cell") {
        SheetFeed feed(RosterKind::Volunteers, options());
        const Fed f = feedAll(feed, {
            header,
            row(2, {text("王芳"), num(110105194912310000.0, "110105194912310000")}),
            textRow(3, {"李娜", kEnds000}),
            textRow(4, {"张伟", kMan}),
        });
        CHECK(codes(f.at(2)) == "2 身份证号 id_stored_as_number\n");
        REQUIRE(f.at(3).status == RowStatus::Accepted);
        REQUIRE(f.at(3).warnings.size() == 1);
        CHECK(f.at(3).warnings[0].code == "id_ends_000");
        CHECK(f.at(3).warnings[0].message.find("本表的身份证号列已有号码被Excel当成数字保存过") != std::string::npos);
        CHECK(f.at(4).status == RowStatus::Accepted);
        CHECK(f.at(4).warnings.empty());
    }
    SUBCASE("in a clean sheet the same ID is accepted") {
        SheetFeed feed(RosterKind::Volunteers, options());
        const Fed f = feedAll(feed, {header, textRow(2, {"李娜", kEnds000})});
        CHECK(f.at(2).status == RowStatus::Accepted);
        CHECK(f.at(2).volunteer->idNumber == kEnds000);
    }
}

TEST_CASE("ID numbers ending in 000: an xlsx text cell is trusted, a CSV cell imports with a warning") {
    // kEnds000 passes the checksum. Before, the numbers seen in the column
    // made it id_stored_as_number even in a text cell of an xlsx.
    SUBCASE("readIdCell") {
        const IdValue typed = readIdCell(text(kEnds000), kToday, "", true, true);
        CHECK(typed.code.empty());
        CHECK(typed.warningCode.empty());
        CHECK(typed.normalized == kEnds000);
        const IdValue csv = readIdCell(text(kEnds000), kToday, "", false, false);
        CHECK(csv.code.empty());
        CHECK(csv.normalized == kEnds000);
        CHECK(csv.warningCode == "id_ends_000");
        CHECK(csv.warning.find("CSV") != std::string::npos);
        CHECK(isWarning(csv.warningCode));
        // A number cell is refused whatever the file keeps.
        CHECK(readIdCell(num(110105198506124000.0, "110105198506124000"), kToday, "", false, true).code
              == "id_stored_as_number");
        // 000 that fails the checksum is still Excel's damage.
        CHECK(readIdCell(text("110105194912310000"), kToday, "", false, true).code == "id_stored_as_number");
    }
    SUBCASE("a sheet of an xlsx after a number cell") {
        ValidatorOptions o = options();
        o.typedCells = true;
        SheetFeed feed(RosterKind::Volunteers, o);
        const Fed f = feedAll(feed, {
            textRow(1, {"姓名", "身份证号"}),
            row(2, {text("王芳"), num(110105194912310000.0, "110105194912310000")}),
            textRow(3, {"李娜", kEnds000}),
        });
        CHECK(codes(f.at(2)) == "2 身份证号 id_stored_as_number\n");
        REQUIRE(f.at(3).status == RowStatus::Accepted);
        CHECK(f.at(3).warnings.empty());
        CHECK(f.at(3).volunteer->idNumber == kEnds000);
    }
    SUBCASE("a CSV") {
        SheetFeed feed(RosterKind::Volunteers, options());
        const Fed f = feedAll(feed, {textRow(1, {"姓名", "身份证号"}), textRow(2, {"李娜", kEnds000})});
        REQUIRE(f.at(2).status == RowStatus::Accepted);
        REQUIRE(f.at(2).warnings.size() == 1);
        CHECK(f.at(2).warnings[0].row == 2);
        CHECK(f.at(2).warnings[0].column == "身份证号");
        CHECK(f.at(2).warnings[0].code == "id_ends_000");
    }
}

TEST_CASE("one ID number on two sheets of a run: the later row is a duplicate naming both places") {
    SeenIdNumbers seen;
    ValidatorOptions o = options();
    o.seenIds = &seen;
    const Row header = textRow(1, {"姓名", "身份证号", "所属社区", "服务时长"});

    seen.beginSheet("工作表“望江社区”");
    SheetFeed first(RosterKind::Volunteers, o);
    const Fed a = feedAll(first, {header, textRow(3, {"王芳", kWangFang, "望江社区", "10"}),
                                  textRow(4, {"张伟", kMan, "望江社区", "5"})});
    CHECK(a.count(RowStatus::Accepted) == 2);

    seen.beginSheet("工作表“星河村”");
    SheetFeed second(RosterKind::Volunteers, o);
    const Fed b = feedAll(second, {header, textRow(5, {"王芳", kWangFang, "星河村", "30"}),
                                   textRow(6, {"张卫", kMan, "星河村", "8"}),
                                   textRow(7, {"李娜", kWoman, "星河村", "1"})});
    CHECK(codes(b.at(5)) == "5 身份证号 duplicate_in_file\n");
    const std::string& same = b.at(5).problems.at(0).message;
    CHECK(same.find("工作表“望江社区”第3行") != std::string::npos);
    CHECK(same.find("工作表“星河村”第5行") != std::string::npos);
    CHECK(same.find("录错") == std::string::npos);
    // Another name under the same ID: most likely a typo in the ID.
    CHECK(codes(b.at(6)) == "6 身份证号 duplicate_in_file\n");
    const std::string& typo = b.at(6).problems.at(0).message;
    CHECK(typo.find("工作表“望江社区”第4行") != std::string::npos);
    CHECK(typo.find("“张伟”") != std::string::npos);
    CHECK(typo.find("“张卫”") != std::string::npos);
    CHECK(typo.find("身份证号录错") != std::string::npos);
    CHECK(b.at(7).status == RowStatus::Accepted);

    // Within one sheet the message stays short, and also names another name.
    RosterValidator v = volunteerValidator();
    v.validate(volunteer(3, text("王芳"), text("女"), text(kWangFang)));
    const RowOutcome again = v.validate(volunteer(4, text("王方"), text("女"), text(kWangFang)));
    REQUIRE(again.problems.size() == 1);
    CHECK(again.problems[0].message.rfind("身份证号与第3行相同，但姓名不同", 0) == 0);
}

TEST_CASE("a family sheet end to end") {
    SheetFeed feed(RosterKind::Families, options());
    const Fed f = feedAll(feed, {
        textRow(1, {"2024年度望江社区文明家庭名单"}),
        textRow(3, {"序号", "户主姓名", "家庭住址", "家庭人口", "荣誉称号", "获评年度", "级别", "联系电话"}),
        textRow(4, {"1", "张建国", "幸福路1号", "3", "平安家庭", "2024", "社区级"}),
        textRow(5, {"2", "张建国", "幸福路1号", "3", "最美家庭", "2024", "区级"}),
        textRow(6, {"3", "李秀英", "和平路8号", "4", "平安家庭", "2024", "社区级"}),
        textRow(7, {"4", "张建国", "幸福路1号", "3", "平安家庭", "2024", "社区级"}),
        textRow(9, {"制表人：王芳", "", "", "", "审核人：李四"}),
    });
    CHECK(f.count(RowStatus::Accepted) == 3);
    CHECK(codes(f.at(7)) == "7 户主姓名 duplicate_in_file\n");
    CHECK(f.at(9).skip == SkipReason::Footer);
    REQUIRE(feed.mapping());
    CHECK(mappingJson(*feed.mapping())
          == R"j({"户主姓名":"head_name","家庭住址":"address","家庭人口":"members","荣誉称号":"title","获评年度":"year","级别":"level"})j");
    REQUIRE(feed.sheetProblems().size() == 1);
    CHECK(feed.sheetProblems()[0].code == "unknown_column");
    CHECK(feed.sheetProblems()[0].column == "联系电话");
}

// ------------------------------------------------------------------ scale

TEST_CASE("a 200,000-row feed: memory per row, only the ID index grows") {
    constexpr int kRows = 200000;
    SheetFeed feed(RosterKind::Volunteers, options());
    std::vector<RowOutcome> out;
    feed.feed(textRow(1, {"序号", "姓名", "性别", "身份证号", "手机号", "所属社区", "服务时长(小时)", "加入日期"}), out);
    const auto start = std::chrono::steady_clock::now();
    Row r;
    r.cells.resize(8);
    for (auto& c : r.cells) c.kind = Cell::Kind::Text;
    std::string previousId;
    int accepted = 0, rejected = 0, other = 0;
    for (int i = 0; i < kRows; ++i) {
        r.number = i + 2;
        // Distinct people: birth dates over 20,000 days from 1950-01-01, sequence numbers by block.
        const Date birth = addDays(Date{1950, 1, 1}, i % 20000);
        char first17[32];
        std::snprintf(first17, sizeof first17, "420106%04d%02d%02d%03d", birth.year, birth.month, birth.day, i / 20000);
        std::string id = std::string(first17) + idCheckCharacter(first17);
        if (i % 1000 == 999) id = previousId;   // 200 duplicates of the row before
        const bool male = (id[16] - '0') % 2 == 1;
        char phone[16];
        std::snprintf(phone, sizeof phone, "138%08d", i);
        r.cells[0].text = std::to_string(i + 1);
        r.cells[1].text = male ? "张伟" : "王芳";
        r.cells[2].text = male ? "男" : "女";
        r.cells[3].text = id;
        r.cells[4].text = phone;
        r.cells[5].text = "望江社区";
        r.cells[6].text = std::to_string(i % 500) + ".5";
        r.cells[7].text = "2024-03-08";
        feed.feed(r, out);
        for (const RowOutcome& o : out) {
            if (o.status == RowStatus::Accepted) ++accepted;
            else if (o.status == RowStatus::Rejected) ++rejected;
            else ++other;
        }
        out.clear();
        previousId = id;
    }
    feed.finish(out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("validated " << kRows << " rows in " << seconds << " s (" << seconds / kRows * 1e6 << " µs a row)");
    CHECK(accepted == kRows - kRows / 1000);
    CHECK(rejected == kRows / 1000);
    CHECK(other == 1);   // the header row
}

// ------------------------------------------------------------------ corpus through the reader

namespace {

struct CorpusSink : sheet::RowSink {
    ValidatorOptions opts;
    RosterKind kind = RosterKind::Volunteers;
    struct SheetResult {
        std::string name;
        std::optional<SheetFeed> feed;
        Fed fed;
    };
    std::vector<SheetResult> sheets;
    bool date1904 = false;

    bool beginSheet(const sheet::SheetInfo& info) override {
        sheets.push_back({info.name, std::nullopt, {}});
        sheets.back().feed.emplace(kind, opts);
        return true;
    }
    bool row(const Row& r) override {
        sheets.back().feed->feed(r, sheets.back().fed.outcomes);
        return true;
    }
    void endSheet() override {
        auto& s = sheets.back();
        s.feed->finish(s.fed.outcomes);
        for (const auto& o : s.fed.outcomes) s.fed.byRow[o.row] = &o;
    }
    const SheetResult& sheet(const std::string& name) const {
        for (const auto& s : sheets)
            if (s.name == name) return s;
        throw std::runtime_error("no sheet " + name);
    }
};

std::optional<std::string> corpusFile(const char* name) {
    const char* dir = std::getenv("JINGUO_TEST_DATA");
    if (!dir) return std::nullopt;
    const std::string path = std::string(dir) + "/rosters/" + name;
    if (!std::filesystem::exists(path)) return std::nullopt;
    return path;
}

std::string warnings(const SheetFeed& feed) {
    std::string out;
    for (const Problem& p : feed.sheetProblems()) out += p.code + ":" + p.column + " ";
    return out;
}

} // namespace

TEST_CASE("corpus: openpyxl workbook with a merged title, number IDs, full-width text and a footer") {
    const auto path = corpusFile("openpyxl_communities.xlsx");
    if (!path) { MESSAGE("corpus file missing: skipped"); return; }
    CorpusSink sink;
    sink.opts = options();
    const sheet::ReadResult rr = sheet::readSpreadsheet(*path, sink);
    REQUIRE(rr.status == sheet::ReadStatus::Ok);

    const auto& happy = sink.sheet("幸福社区");
    REQUIRE(happy.feed->mapping());
    CHECK(happy.feed->mapping()->headerRowNumber == 3);
    CHECK(mappingJson(*happy.feed->mapping())
          == R"j({"姓名":"name","身份证号":"id_number","手机号":"phone","服务时长(小时)":"hours","加入日期":"joined_on"})j");
    CHECK(warnings(*happy.feed) == "unknown_column:备注 ");
    const RowOutcome& wang = happy.fed.at(4);
    REQUIRE(wang.status == RowStatus::Accepted);
    CHECK(wang.volunteer->idNumber == kWangFang);
    CHECK(wang.volunteer->gender == "女");
    CHECK(wang.volunteer->joinedOn == "2019-03-05");
    CHECK(*wang.volunteer->hours == 12.5);
    CHECK(codes(happy.fed.at(5)) == "5 身份证号 id_stored_as_number\n");   // 110105194912310000 in a number cell
    // Full-width ID and phone, an ideographic space in the name, a text date;
    // the same person as row 4.
    CHECK(codes(happy.fed.at(6)) == "6 身份证号 duplicate_in_file\n");
    CHECK(happy.fed.at(8).skip == SkipReason::Footer);
    CHECK(happy.fed.count(RowStatus::Accepted) == 1);

    const auto& peace = sink.sheet("和平社区");
    REQUIRE(peace.feed->mapping());
    CHECK(warnings(*peace.feed) == "unknown_column:是否党员 unknown_column:核对 unknown_column:合计 ");
    CHECK(codes(peace.fed.at(2)) == "2 身份证号 id_stored_as_number\n");
    CHECK(codes(peace.fed.at(3)) == "3 身份证号 id_checksum\n");           // 420106198203154321: 4 expected

    const auto& hidden = sink.sheet("选项");
    CHECK_FALSE(hidden.feed->importable());
    CHECK(warnings(*hidden.feed) == "header_not_found: ");
}

TEST_CASE("corpus: the full-width row of openpyxl_communities on its own") {
    const auto path = corpusFile("openpyxl_communities.xlsx");
    if (!path) { MESSAGE("corpus file missing: skipped"); return; }
    // Without row 4 before it, row 6 (李　娜) imports, normalized.
    struct Sink : sheet::RowSink {
        std::optional<RosterValidator> v;
        std::optional<RowOutcome> row6;
        bool beginSheet(const sheet::SheetInfo& info) override { return info.name == "幸福社区"; }
        bool row(const Row& r) override {
            if (r.number == 3) v.emplace(mappingFromHeaderRow(r, RosterKind::Volunteers), options());
            if (r.number == 6) row6 = v->validate(r);
            return true;
        }
    } sink;
    REQUIRE(sheet::readSpreadsheet(*path, sink).status == sheet::ReadStatus::Ok);
    REQUIRE(sink.row6);
    REQUIRE(sink.row6->status == RowStatus::Accepted);
    CHECK(sink.row6->volunteer->name == "李娜");
    CHECK(sink.row6->volunteer->idNumber == kWangFang);
    CHECK(sink.row6->volunteer->phone == "13800138000");
    CHECK(sink.row6->volunteer->joinedOn == "2024-03-08");
    CHECK(*sink.row6->volunteer->hours == 0.5);
}

TEST_CASE("corpus: LibreOffice xlsx, GB18030 CSV with a title row, a 1904 workbook, gen_roster CSV") {
    if (const auto path = corpusFile("libreoffice_roster.xlsx")) {
        CorpusSink sink;
        sink.opts = options();
        REQUIRE(sheet::readSpreadsheet(*path, sink).status == sheet::ReadStatus::Ok);
        REQUIRE(sink.sheets.size() == 1);
        const auto& s = sink.sheets[0];
        CHECK(codes(s.fed.at(2)) == "2 身份证号 id_stored_as_number\n");   // LibreOffice made the ID a number
        REQUIRE(s.fed.at(3).status == RowStatus::Accepted);
        CHECK(s.fed.at(3).volunteer->joinedOn == "2024-03-08");
        CHECK(s.fed.at(3).volunteer->phone == "13912345678");
    }
    if (const auto path = corpusFile("gbk_title.csv")) {
        CorpusSink sink;
        sink.opts = options();
        REQUIRE(sheet::readSpreadsheet(*path, sink).status == sheet::ReadStatus::Ok);
        const auto& s = sink.sheets.at(0);
        REQUIRE(s.feed->mapping());
        CHECK(s.feed->mapping()->headerRowNumber == 2);
        REQUIRE(s.fed.at(3).status == RowStatus::Accepted);
        CHECK(*s.fed.at(3).volunteer->hours == 12);
        CHECK(codes(s.fed.at(4)) == "4 身份证号 id_checksum\n");
    }
    if (const auto path = corpusFile("openpyxl_1904.xlsx")) {
        struct Sink : sheet::RowSink {
            std::vector<Row> rows;
            bool beginSheet(const sheet::SheetInfo&) override { return true; }
            bool row(const Row& r) override { rows.push_back(r); return true; }
        } sink;
        const sheet::ReadResult rr = sheet::readSpreadsheet(*path, sink);
        REQUIRE(rr.status == sheet::ReadStatus::Ok);
        CHECK(rr.info.date1904);
        REQUIRE(sink.rows.size() == 2);
        const Parsed<std::string> d = readDateCell(sink.rows[1].cells.at(1), rr.info.date1904, kYear);
        CHECK(d.value.value_or("") == "2024-03-08");
    }
    if (const auto path = corpusFile("gen_utf8.csv")) {
        CorpusSink sink;
        sink.opts = options();
        REQUIRE(sheet::readSpreadsheet(*path, sink).status == sheet::ReadStatus::Ok);
        const auto& s = sink.sheets.at(0);
        CHECK(s.fed.count(RowStatus::Accepted) == 6);
        CHECK(s.fed.count(RowStatus::Rejected) == 0);
        CHECK(warnings(*s.feed) == "unknown_column:荣誉称号 unknown_column:备注 ");   // 所属街道 is read
    }
}

TEST_CASE("a short whole number in the ID column is no ID, and nothing was lost") {
    // Up to 15 digits a double is exact: 12345 is what was typed. Blaming
    // Excel for lost digits would send the user looking for a problem that is
    // not there.
    const IdValue five = readIdCell(num(12345, "12345"), kToday, "", false);
    CHECK(five.code == "id_length");
    CHECK(five.message == "身份证号应为18位，现在是5位；请核对是否漏填或多填。");
    CHECK(five.message.find("丢失") == std::string::npos);
    CHECK_FALSE(five.numberEvidence);
    CHECK(five.normalized.empty());
    // A 15-digit first-generation ID typed into a number cell.
    const IdValue old = readIdCell(num(110105491231002.0, "110105491231002"), kToday, "", false);
    CHECK(old.message == "这是15位旧身份证号，请换成18位新号码（见本人现在的身份证）。");
    // 16 digits and more: the digits past the 15th are Excel's guess.
    CHECK(readIdCell(num(4405241980010100.0), kToday, "", false).code == "id_stored_as_number");
    CHECK(readIdCell(num(0.5), kToday, "", false).code == "id_stored_as_number");
}
