// core_roster_mapping_test.cpp — header aliases, header row detection among
// title and blank rows, unknown and duplicate columns, the user's corrections
// and the report's mapping object, with exact expectations.
#include <doctest/doctest.h>

#include "core/roster_mapping.hpp"

#include <initializer_list>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::roster;
using jinguo::sheet::Cell;
using jinguo::sheet::Row;

namespace {

// A row of text cells; "" is an empty cell.
Row textRow(int number, std::initializer_list<const char*> texts) {
    Row r;
    r.number = number;
    for (const char* t : texts) {
        Cell c;
        c.text = t;
        c.kind = c.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
        r.cells.push_back(c);
    }
    return r;
}

// "A:name B:- C:id_number …" — every column of a mapping, for one-line checks.
std::string describe(const Mapping& m) {
    std::string out;
    for (const Column& c : m.columns) {
        if (!out.empty()) out += ' ';
        out += columnLetter(c.index) + ":" + (c.field == Field::Ignored ? (c.known ? "-" : "?") : fieldKey(c.field));
    }
    return out;
}

std::vector<std::string> unknownHeaders(const Mapping& m) {
    std::vector<std::string> out;
    for (const Column* c : m.unknownColumns()) out.push_back(c->header);
    return out;
}

} // namespace

TEST_CASE("header text is normalized before it is compared") {
    CHECK(normalizeHeader("姓 名") == "姓名");
    CHECK(normalizeHeader("姓\u3000名") == "姓名");                 // ideographic space
    CHECK(normalizeHeader("\xC2\xA0手机号码 ") == "手机号码");       // no-break space
    CHECK(normalizeHeader("服务时长（小时）") == "服务时长");        // full-width brackets and their content
    CHECK(normalizeHeader("服务时长(小时)") == "服务时长");
    CHECK(normalizeHeader("服务时长\n(小时)") == "服务时长");       // Alt+Enter inside the header cell
    CHECK(normalizeHeader("*身份证号【18位】") == "身份证号");       // a required-field mark and a note
    CHECK(normalizeHeader("姓名：") == "姓名");
    CHECK(normalizeHeader("村（社区）") == "村");
    CHECK(normalizeHeader("ＮＯ．") == "no");                       // full-width letters folded, lower-cased
    CHECK(normalizeHeader("(备注)") == "");
}

TEST_CASE("variant header names map to the same field") {
    struct Case { const char* header; Field field; };
    const Case volunteers[] = {
        {"姓名", Field::Name}, {"名字", Field::Name}, {"姓 名", Field::Name}, {"志愿者姓名", Field::Name},
        {"身份证号", Field::IdNumber}, {"身份证号码", Field::IdNumber}, {"证件号码", Field::IdNumber},
        {"公民身份号码", Field::IdNumber}, {"身份证号(18位)", Field::IdNumber},
        {"手机号", Field::Phone}, {"手机号码", Field::Phone}, {"联系电话", Field::Phone}, {"电话", Field::Phone},
        {"联系方式", Field::Phone},
        {"所属社区", Field::Unit}, {"社区", Field::Unit}, {"所在社区", Field::Unit}, {"社区名称", Field::Unit},
        {"村(社区)", Field::Unit}, {"村（社区）", Field::Unit},
        {"服务时长(小时)", Field::Hours}, {"服务时长（小时）", Field::Hours}, {"服务时长", Field::Hours},
        {"时长", Field::Hours}, {"累计时长", Field::Hours}, {"志愿服务时长", Field::Hours},
        {"性别", Field::Gender},
        {"加入日期", Field::JoinedOn}, {"注册日期", Field::JoinedOn}, {"入队时间", Field::JoinedOn},
    };
    for (const Case& c : volunteers) {
        CAPTURE(c.header);
        const HeaderMatch m = matchHeader(c.header, RosterKind::Volunteers);
        CHECK(m.field == c.field);
        CHECK(m.known);
    }
    const Case families[] = {
        {"户主姓名", Field::HeadName}, {"户主", Field::HeadName}, {"家庭住址", Field::Address},
        {"住址", Field::Address}, {"地址", Field::Address}, {"家庭人口", Field::Members}, {"人口", Field::Members},
        {"家庭成员数", Field::Members}, {"荣誉称号", Field::Title}, {"称号", Field::Title}, {"荣誉", Field::Title},
        {"获评年度", Field::Year}, {"年度", Field::Year}, {"获评年份", Field::Year}, {"级别", Field::Level},
        {"荣誉级别", Field::Level}, {"所属社区", Field::Unit},
        {"姓名", Field::HeadName},   // in a family list a plain 姓名 is the head's name …
    };
    for (const Case& c : families) {
        CAPTURE(c.header);
        CHECK(matchHeader(c.header, RosterKind::Families).field == c.field);
    }
    // … but a worse name for it than 户主姓名.
    CHECK(matchHeader("姓名", RosterKind::Families).rank > matchHeader("户主", RosterKind::Families).rank);
    // A better name for a field ranks lower: 手机号 beats 联系电话.
    CHECK(matchHeader("手机号", RosterKind::Volunteers).rank < matchHeader("联系电话", RosterKind::Volunteers).rank);

    // Known and ignored without a warning: the running number.
    for (const char* h : {"序号", "编号", "No.", "ＮＯ"}) {
        CAPTURE(h);
        const HeaderMatch m = matchHeader(h, RosterKind::Volunteers);
        CHECK(m.field == Field::Ignored);
        CHECK(m.known);
    }
    // Unknown: not a field of this kind, or not a field at all.
    for (const char* h : {"荣誉称号", "户主姓名", "备注", "所属网格", "出生日期", "姓名拼音"}) {
        CAPTURE(h);
        const HeaderMatch m = matchHeader(h, RosterKind::Volunteers);
        CHECK(m.field == Field::Ignored);
        CHECK_FALSE(m.known);
    }
    CHECK(matchHeader("服务时长", RosterKind::Families).field == Field::Ignored);
    CHECK(matchHeader("身份证号", RosterKind::Families).field == Field::Ignored);
}

TEST_CASE("field keys, labels and column letters are stable") {
    const char* keys[] = {"name", "gender", "id_number", "phone", "unit", "hours", "joined_on",
                          "head_name", "address", "members", "title", "year", "level"};
    for (const char* k : keys) {
        CAPTURE(k);
        const auto f = fieldFromKey(k);
        REQUIRE(f.has_value());
        CHECK(std::string(fieldKey(*f)) == k);
    }
    CHECK(fieldFromKey("ignored") == Field::Ignored);
    CHECK_FALSE(fieldFromKey("phone_number").has_value());
    CHECK(std::string(fieldLabel(Field::Hours)) == "服务时长(小时)");
    CHECK(std::string(fieldLabel(Field::HeadName)) == "户主姓名");
    CHECK(std::string(kindKey(RosterKind::Families)) == "families");
    CHECK(kindFromKey("volunteers") == RosterKind::Volunteers);
    CHECK(kindFromKey("posts") == RosterKind::Posts);
    CHECK_FALSE(kindFromKey("awards").has_value());

    CHECK(columnLetter(0) == "A");
    CHECK(columnLetter(25) == "Z");
    CHECK(columnLetter(26) == "AA");
    CHECK(columnLetter(51) == "AZ");
    CHECK(columnLetter(701) == "ZZ");
    CHECK(columnLetter(702) == "AAA");
}

TEST_CASE("the header is found below a merged title row, blank rows and a note row") {
    // What a community sends: a title merged across the table (one cell, the
    // others absent), a blank row, a 填报单位 line, then the header.
    const std::vector<Row> rows = {
        textRow(1, {"2024年望江社区志愿者花名册"}),
        textRow(2, {}),
        textRow(3, {"填报单位：望江社区", "", "", "", "填报日期：2024年3月8日"}),
        textRow(4, {"序号", "姓 名", "性别", "身份证号码", "联系电话", "所在社区", "服务时长（小时）", "入队时间", "备注"}),
        textRow(5, {"1", "王芳", "女", "11010519491231002X", "13800138000", "望江社区", "12.5", "2019-03-05", ""}),
    };
    const HeaderDetection d = detectHeader(rows, RosterKind::Volunteers);
    REQUIRE(d.found());
    CHECK(d.message.empty());
    const Mapping& m = *d.mapping;
    CHECK(m.headerRowNumber == 4);
    CHECK(m.kind == RosterKind::Volunteers);
    CHECK(describe(m) == "A:- B:name C:gender D:id_number E:phone F:unit G:hours H:joined_on I:?");
    CHECK(unknownHeaders(m) == std::vector<std::string>{"备注"});
    CHECK(m.columnOf(Field::IdNumber) == 3);
    CHECK(m.columnOf(Field::Ignored) == -1);
    CHECK(m.headerOf(Field::Hours) == "服务时长（小时）");   // the source text, as written
    CHECK(m.headerOf(Field::Name) == "姓 名");
    CHECK(validateMapping(m).empty());
}

TEST_CASE("the row naming the most fields wins; the key field and two fields are needed") {
    SUBCASE("most fields") {
        // A form-like line "姓名 … 性别 …" above the table names two fields only.
        const std::vector<Row> rows = {
            textRow(1, {"姓名", "性别"}),
            textRow(2, {"姓名", "身份证号", "手机号"}),
        };
        const HeaderDetection d = detectHeader(rows, RosterKind::Volunteers);
        REQUIRE(d.found());
        CHECK(d.mapping->headerRowNumber == 2);
    }
    SUBCASE("a tie goes to the earlier row") {
        const std::vector<Row> rows = {
            textRow(1, {"姓名", "身份证号"}),
            textRow(2, {"姓名", "手机号"}),
        };
        CHECK(detectHeader(rows, RosterKind::Volunteers).mapping->headerRowNumber == 1);
    }
    SUBCASE("without the key field there is no header") {
        const std::vector<Row> rows = {textRow(1, {"身份证号", "手机号", "服务时长"})};
        const HeaderDetection d = detectHeader(rows, RosterKind::Volunteers);
        CHECK_FALSE(d.found());
        CHECK(d.message
              == "在表格前30行中没有找到表头行：表头至少要有“姓名”列和另一个能识别的列（如身份证号、手机号）。"
                 "请检查表头的写法，或在导入时手动指定表头行和各列的含义。");
    }
    SUBCASE("one field is not enough") {
        const std::vector<Row> rows = {textRow(1, {"姓名", "备注"})};
        CHECK_FALSE(detectHeader(rows, RosterKind::Volunteers).found());
    }
    SUBCASE("a title that contains field names is not a header") {
        // Aliases must match a whole cell: "志愿者姓名及手机号一览" names nothing.
        const std::vector<Row> rows = {
            textRow(1, {"志愿者姓名及手机号一览"}),
            textRow(2, {"名字", "手机"}),
        };
        CHECK(detectHeader(rows, RosterKind::Volunteers).mapping->headerRowNumber == 2);
    }
    SUBCASE("only the first 30 rows are looked at") {
        std::vector<Row> rows;
        for (int i = 1; i <= 30; ++i) rows.push_back(textRow(i, {"说明文字"}));
        rows.push_back(textRow(31, {"姓名", "身份证号"}));
        CHECK_FALSE(detectHeader(rows, RosterKind::Volunteers).found());
        rows[29] = textRow(30, {"姓名", "身份证号"});
        CHECK(detectHeader(rows, RosterKind::Volunteers).mapping->headerRowNumber == 30);
    }
    SUBCASE("family lists need 户主姓名 (or a plain 姓名)") {
        const std::vector<Row> rows = {
            textRow(1, {"2024年度平安家庭名单"}),
            textRow(2, {"序号", "户主姓名", "家庭住址", "家庭人口", "所属社区", "荣誉称号", "获评年度", "级别"}),
        };
        const HeaderDetection d = detectHeader(rows, RosterKind::Families);
        REQUIRE(d.found());
        CHECK(d.mapping->headerRowNumber == 2);
        CHECK(describe(*d.mapping) == "A:- B:head_name C:address D:members E:unit F:title G:year H:level");
        // The same header is not a volunteer roster's.
        CHECK_FALSE(detectHeader(rows, RosterKind::Volunteers).found());
        const HeaderDetection none = detectHeader({textRow(1, {"家庭住址", "荣誉称号"})}, RosterKind::Families);
        CHECK(none.message
              == "在表格前30行中没有找到表头行：表头至少要有“户主姓名”列和另一个能识别的列（如家庭住址、荣誉称号）。"
                 "请检查表头的写法，或在导入时手动指定表头行和各列的含义。");
    }
}

TEST_CASE("two columns naming one field: the better name wins, the other is ignored with a warning") {
    SUBCASE("手机号 beats 联系电话 wherever it stands") {
        const Mapping m = mappingFromHeaderRow(textRow(3, {"姓名", "联系电话", "身份证号", "手机号"}), RosterKind::Volunteers);
        CHECK(m.headerRowNumber == 3);
        CHECK(describe(m) == "A:name B:- C:id_number D:phone");
        const Column* b = m.columnAt(1);
        REQUIRE(b);
        CHECK(b->duplicateOf == 3);
        CHECK(unknownHeaders(m) == std::vector<std::string>{"联系电话"});
    }
    SUBCASE("the same name twice: the left column wins") {
        const Mapping m = mappingFromHeaderRow(textRow(1, {"姓名", "电话", "电话"}), RosterKind::Volunteers);
        CHECK(describe(m) == "A:name B:phone C:-");
        CHECK(m.columnAt(2)->duplicateOf == 1);
    }
    SUBCASE("a family list with both 户主姓名 and 姓名") {
        const Mapping m = mappingFromHeaderRow(textRow(1, {"姓名", "户主姓名", "家庭住址"}), RosterKind::Families);
        CHECK(describe(m) == "A:- B:head_name C:address");
        CHECK(m.columnAt(0)->duplicateOf == 1);
    }
    SUBCASE("a family list with 姓名 only") {
        const Mapping m = mappingFromHeaderRow(textRow(1, {"姓名", "家庭住址", "联系电话"}), RosterKind::Families);
        CHECK(describe(m) == "A:head_name B:address C:?");
    }
}

TEST_CASE("the user corrects the mapping; validation names conflicts and missing columns") {
    Mapping m = mappingFromHeaderRow(textRow(2, {"序号", "姓名", "证件", "电话", "备注"}), RosterKind::Volunteers);
    CHECK(describe(m) == "A:- B:name C:? D:phone E:?");
    CHECK(validateMapping(m) == std::vector<std::string>{
        "缺少“身份证号”列：系统按身份证号识别同一个人（同名同姓的人很多），志愿者花名册必须有这一列；"
        "请在映射中指定哪一列是身份证号。"});

    // 证件 is the ID number; 备注 is deliberately left out (no warning any more).
    CHECK(setColumnField(m, 2, Field::IdNumber));
    CHECK(setColumnField(m, 4, Field::Ignored));
    CHECK(describe(m) == "A:- B:name C:id_number D:phone E:-");
    CHECK(unknownHeaders(m).empty());
    CHECK(validateMapping(m).empty());

    // Refused: no such column; a family field in a volunteer roster.
    CHECK_FALSE(setColumnField(m, 9, Field::Phone));
    CHECK_FALSE(setColumnField(m, 3, Field::Title));
    CHECK(describe(m) == "A:- B:name C:id_number D:phone E:-");

    // Two columns for one field, and the name column gone.
    CHECK(setColumnField(m, 1, Field::Ignored));
    CHECK(setColumnField(m, 4, Field::Phone));
    CHECK(validateMapping(m) == std::vector<std::string>{
        "“手机号”对应了多列（D列“电话”、E列“备注”）；一个字段只能对应一列，请把多余的列设为“不导入”。",
        "缺少“姓名”列；请在映射中指定哪一列是姓名。"});
}

TEST_CASE("a family list with titles needs the year and level columns") {
    Mapping m = mappingFromHeaderRow(textRow(1, {"户主", "住址", "荣誉称号"}), RosterKind::Families);
    CHECK(validateMapping(m) == std::vector<std::string>{
        "有“荣誉称号”列时还需要“获评年度”列，才知道称号是哪一年获得的；请在映射中指定。",
        "有“荣誉称号”列时还需要“级别”列（社区、街道、区、市、省、全国），才知道是哪一级的称号；请在映射中指定。"});
    // Households without titles need neither.
    CHECK(setColumnField(m, 2, Field::Ignored));
    CHECK(validateMapping(m).empty());
    m = mappingFromHeaderRow(textRow(1, {"家庭住址", "荣誉称号"}), RosterKind::Families);
    CHECK(validateMapping(m).front() == "缺少“户主姓名”列；请在映射中指定哪一列是户主姓名。");
}

TEST_CASE("the report's mapping object: source header to field key, mapped columns only") {
    const Mapping m = mappingFromHeaderRow(
        textRow(4, {"序号", "姓 名", "身份证号码", "联系电话", "服务时长（小时）", "备注", "\"引号\""}),
        RosterKind::Volunteers);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"姓 名", "name"}, {"身份证号码", "id_number"}, {"联系电话", "phone"}, {"服务时长（小时）", "hours"}};
    CHECK(mappingEntries(m) == expected);
    CHECK(mappingJson(m)
          == R"j({"姓 名":"name","身份证号码":"id_number","联系电话":"phone","服务时长（小时）":"hours"})j");

    // A header written twice keeps the JSON keys distinct.
    Mapping twice = mappingFromHeaderRow(textRow(1, {"姓名", "电话", "电话", "身份证号"}), RosterKind::Volunteers);
    CHECK(setColumnField(twice, 1, Field::Ignored));
    CHECK(setColumnField(twice, 2, Field::Phone));
    CHECK(mappingJson(twice) == R"j({"姓名":"name","电话":"phone","身份证号":"id_number"})j");
    CHECK(setColumnField(twice, 1, Field::Gender));
    CHECK(mappingJson(twice) == R"j({"姓名":"name","电话 (B列)":"gender","电话 (C列)":"phone","身份证号":"id_number"})j");
    // An empty mapping is an empty object.
    CHECK(mappingJson(Mapping{}) == "{}");
}

TEST_CASE("field labels as each kind's file says them: 年度 and 称号 on a target sheet, 获评年度 on a family roster") {
    using roster::Field;
    using roster::RosterKind;
    CHECK(std::string(roster::fieldLabel(RosterKind::Families, Field::Year)) == "获评年度");
    CHECK(std::string(roster::fieldLabel(RosterKind::Targets, Field::Year)) == "年度");
    CHECK(std::string(roster::fieldLabel(RosterKind::Targets, Field::Title)) == "称号");
    CHECK(std::string(roster::fieldLabel(RosterKind::Indicators, Field::Year)) == "年度");
    CHECK(std::string(roster::fieldLabel(RosterKind::Posts, Field::Level)) == "当前级别");
    CHECK(std::string(roster::fieldLabel(RosterKind::Families, Field::Level)) == "级别");
    // Every label a kind shows is one its header reader takes back.
    for (RosterKind kind : roster::allKinds())
        for (Field f : roster::fieldsOf(kind)) {
            CAPTURE(roster::fieldLabel(kind, f));
            const roster::HeaderMatch m = roster::matchHeader(roster::fieldLabel(kind, f), kind);
            CHECK(m.field == f);
        }
}
