// record_import.cpp — units, targets and indicators checked row by row, and
// the units put in order against the stored tree.
//
// Sections:
//   [SECTION] Text helpers
//   [SECTION] Cell readers
//   [SECTION] Sheet rows
//   [SECTION] Row checks
//   [SECTION] Sheet validation
//   [SECTION] Units against the tree
#include "core/record_import.hpp"

#include "core/periods.hpp"
#include "core/targets.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"

#include <cmath>
#include <ctime>
#include <functional>
#include <map>
#include <set>

namespace jinguo::roster {

// ============================================================ [SECTION] Text helpers

namespace {

using Kind = sheet::Cell::Kind;

std::string cellText(const sheet::Cell& cell) {
    if (cell.kind == Kind::Empty) return {};
    return trim(foldFullWidth(cell.text));
}

std::string quoted(const std::string& s) { return "“" + s + "”"; }

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// "12,345户" → "12345"; the number part of a cell that may carry a unit word.
std::string numberPart(std::string text, bool* percent = nullptr) {
    replaceAll(text, ",", "");
    replaceAll(text, "，", "");
    replaceAll(text, " ", "");
    if (percent) *percent = false;
    std::size_t end = 0;
    if (end < text.size() && (text[end] == '-' || text[end] == '+')) ++end;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) ++end;
    const std::string rest = text.substr(end);
    if (percent && rest == "%") *percent = true;
    return text.substr(0, end) + (rest.empty() ? "" : "\x01" + rest);   // \x01 marks a tail
}

std::optional<double> toNumber(const std::string& digits) {
    if (digits.empty() || digits == "-" || digits == "+" || digits == ".") return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(digits.c_str(), &end);
    if (!end || *end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

int currentYear() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return tm.tm_year + 1900;
}

} // namespace

// ============================================================ [SECTION] Cell readers

bool isInstructionsSheet(const std::string& name) {
    return name.find("填写说明") != std::string::npos || name == "说明" || name.find("使用说明") != std::string::npos;
}

Parsed<std::int64_t> readHouseholdsCell(const sheet::Cell& cell) {
    Parsed<std::int64_t> r;
    if (cell.empty()) return r;
    const std::string shown = cellText(cell);
    std::optional<double> v;
    if (cell.kind == Kind::Number) v = cell.number;
    else {
        std::string n = numberPart(shown);
        const std::size_t tail = n.find('\x01');
        if (tail != std::string::npos) {
            const std::string rest = n.substr(tail + 1);
            n.resize(tail);
            if (rest != "户") n.clear();
        }
        v = toNumber(n);
    }
    if (!v || *v < 0 || *v != std::floor(*v) || *v > 1e9) {
        r.message = "总户数" + quoted(shown) + "不是不小于0的整数；请填写户数，如12345。";
        return r;
    }
    r.value = static_cast<std::int64_t>(*v);
    return r;
}

Parsed<UnitKind> readUnitKindCell(const sheet::Cell& cell, std::string* problemCode) {
    Parsed<UnitKind> r;
    if (cell.empty()) return r;
    std::string t = cellText(cell);
    replaceAll(t, " ", "");
    replaceAll(t, "（", "(");
    replaceAll(t, "）", ")");
    if (const auto kind = parseUnitKind(t)) {
        r.value = *kind;
        return r;
    }
    // Common longer spellings of the kinds that exist.
    static const std::map<std::string, UnitKind> spelled = {
        {"街道办事处", UnitKind::Street}, {"街道办", UnitKind::Street}, {"社区居委会", UnitKind::Community},
        {"居委会", UnitKind::Community}, {"村委会", UnitKind::Village}, {"行政村", UnitKind::Village},
        {"建制镇", UnitKind::Town}, {"市辖区", UnitKind::District}, {"区县", UnitKind::District},
        {"县", UnitKind::County}, {"县级市", UnitKind::County}, {"市", UnitKind::County},
        {"自治县", UnitKind::County}, {"旗", UnitKind::County}, {"县市", UnitKind::County},
        {"民族乡", UnitKind::Township}, {"苏木", UnitKind::Township}};
    if (auto it = spelled.find(t); it != spelled.end()) {
        r.value = it->second;
        return r;
    }
    const std::string kinds = allKindsText("、", "或");
    if (problemCode) *problemCode = code::kUnitKindInvalid;
    r.message = "类型" + quoted(t) + "不是单位类型；请填写" + kinds + "。";
    return r;
}

Parsed<double> readIndicatorValueCell(const sheet::Cell& cell) {
    Parsed<double> r;
    if (cell.empty()) return r;
    if (cell.kind == Kind::Number) {
        if (std::isfinite(cell.number)) r.value = cell.number;
        else r.message = "数值不是有效的数；请填写数字，如12或4000。";
        return r;
    }
    const std::string shown = cellText(cell);
    std::string n = numberPart(shown);
    const std::size_t tail = n.find('\x01');
    if (tail != std::string::npos) {
        // "4000元", "12件", "100%": the number with its unit word after it.
        const std::string rest = n.substr(tail + 1);
        n.resize(tail);
        if (rest.empty() || (rest[0] >= '0' && rest[0] <= '9')) n.clear();
    }
    if (const auto v = toNumber(n)) r.value = *v;
    else r.message = "数值" + quoted(shown) + "不是数字；请只填写数字（如12或4000），计量单位写在“计量单位”列。";
    return r;
}

Parsed<int> readCountCell(const sheet::Cell& cell, const std::string& what) {
    Parsed<int> r;
    if (cell.empty()) return r;
    const std::string shown = cellText(cell);
    std::optional<double> v;
    if (cell.kind == Kind::Number) v = cell.number;
    else {
        std::string n = numberPart(shown);
        const std::size_t tail = n.find('\x01');
        if (tail != std::string::npos) {
            const std::string rest = n.substr(tail + 1);
            n.resize(tail);
            if (rest != "人" && rest != "人次" && rest != "名" && rest != "位") n.clear();
        }
        v = toNumber(n);
    }
    if (!v || *v < 0 || *v != std::floor(*v) || *v > 10000000) {
        r.message = what + quoted(shown) + "不是不小于0的整数；请只填写人数，如12。";
        return r;
    }
    r.value = static_cast<int>(*v);
    return r;
}

Parsed<std::string> readStatusCell(const sheet::Cell& cell) {
    Parsed<std::string> r;
    if (cell.empty()) return r;
    std::string t = cellText(cell);
    replaceAll(t, " ", "");
    if (parseAwardStatus(t)) {
        r.value = t;
        return r;
    }
    static const std::map<std::string, std::string> spelled = {
        {"已申报", "申报"}, {"申报中", "申报"}, {"创建中", "创建"}, {"已创建", "创建"}, {"验收", "考核验收"},
        {"考核", "考核验收"}, {"已验收", "考核验收"}, {"已命名", "命名"}, {"已复核", "复核"}, {"复核通过", "复核"},
        {"已撤销", "撤销"}, {"摘牌", "撤销"}};
    if (auto it = spelled.find(t); it != spelled.end()) {
        r.value = it->second;
        return r;
    }
    r.message = "状态" + quoted(t) + "不认识；请填写申报、创建、考核验收、命名、复核或撤销之一。";
    return r;
}

// ============================================================ [SECTION] Sheet rows

namespace {

const sheet::Cell* cellAt(const sheet::Row& row, const Mapping& m, Field f) {
    static const sheet::Cell empty;
    const int index = m.columnOf(f);
    if (index < 0) return nullptr;
    if (index >= static_cast<int>(row.cells.size())) return &empty;
    return &row.cells[index];
}

std::string textOf(const sheet::Row& row, const Mapping& m, Field f) {
    const sheet::Cell* c = cellAt(row, m, f);
    return c ? cellText(*c) : std::string();
}

bool blankRow(const sheet::Row& row, const Mapping& m) {
    for (const Column& c : m.columns)
        if (c.field != Field::Ignored && c.index < static_cast<int>(row.cells.size()) && !row.cells[c.index].empty())
            return false;
    return true;
}

bool repeatsHeader(const sheet::Row& row, const Mapping& m) {
    int same = 0, mapped = 0;
    for (const Column& c : m.columns) {
        if (c.field == Field::Ignored) continue;
        ++mapped;
        if (c.index < static_cast<int>(row.cells.size()) && cellText(row.cells[c.index]) == c.header) ++same;
    }
    return mapped > 0 && same == mapped;
}

// 合计 / 小计 / 总计 rows at the foot of a table.
bool footerRow(const sheet::Row& row) {
    for (const sheet::Cell& c : row.cells) {
        const std::string t = cellText(c);
        if (t.empty()) continue;
        return t == "合计" || t == "小计" || t == "总计" || t.rfind("填表人", 0) == 0 || t.rfind("审核人", 0) == 0;
    }
    return false;
}

// ============================================================ [SECTION] Row checks

struct RowCheck {
    const sheet::Row& row;
    const Mapping& m;
    std::vector<Problem> problems;
    bool date1904 = false;
    void add(Field f, const char* code, std::string message) {
        problems.push_back({row.number, m.headerOf(f), code, std::move(message)});
    }
};

std::optional<int> yearOf(RowCheck& check) {
    const sheet::Cell* c = cellAt(check.row, check.m, Field::Year);
    if (!c || c->empty()) {
        check.add(Field::Year, code::kYearInvalid, "年度为空；请填写四位年份，如2026。");
        return std::nullopt;
    }
    Parsed<int> y = readYearCell(*c, check.date1904, std::max(currentYear(), 2100) - 1);
    if (!y.ok() || !y.value) {
        std::string message = y.message.empty() ? "年度不是年份；请填写四位年份，如2026。" : y.message;
        replaceAll(message, "获评年度", "年度");
        check.add(Field::Year, code::kYearInvalid, message);
        return std::nullopt;
    }
    if (*y.value < 1949 || *y.value > 2100) {
        check.add(Field::Year, code::kYearInvalid, "年度" + std::to_string(*y.value) + "超出范围；请填写1949到2100之间的年份。");
        return std::nullopt;
    }
    return y.value;
}

void checkUnitRow(RowCheck& check, RecordSheet& out) {
    UnitRecord u;
    u.row = check.row.number;
    u.name = textOf(check.row, check.m, Field::UnitName);
    u.parent = textOf(check.row, check.m, Field::ParentUnit);
    if (u.name.empty()) check.add(Field::UnitName, code::kUnitNameMissing, "单位名称为空；请填写单位的全称，如“向阳社区”。");
    const sheet::Cell* kindCell = cellAt(check.row, check.m, Field::UnitType);
    std::string kindCode;
    Parsed<UnitKind> kind = kindCell ? readUnitKindCell(*kindCell, &kindCode) : Parsed<UnitKind>{};
    if (!kind.ok()) check.add(Field::UnitType, kindCode.c_str(), kind.message);
    else if (!kind.value)
        check.add(Field::UnitType, code::kUnitKindInvalid,
                  "类型为空；请填写" + allKindsText("、", "或") + "。");
    else u.kind = *kind.value;
    if (const sheet::Cell* h = cellAt(check.row, check.m, Field::Households)) {
        Parsed<std::int64_t> households = readHouseholdsCell(*h);
        if (!households.ok()) check.add(Field::Households, code::kHouseholdsInvalid, households.message);
        else u.households = households.value;
    }
    if (u.kind && isDistrictKind(*u.kind) && !u.parent.empty())
        check.add(Field::ParentUnit, code::kParentWrongKind,
                  "区是最上一级，不能有上级单位；请清空本行的上级单位" + quoted(u.parent) + "。");
    if (u.kind && !isDistrictKind(*u.kind) && u.parent.empty() && !u.name.empty())
        check.add(Field::ParentUnit, code::kParentUnknown,
                  shownWord(*u.kind) + quoted(u.name) + "没有填写上级单位；请填写它所属的"
                      + tierKindsText(*parentTier(tierOf(*u.kind)), "或") + "的名称。");
    if (check.problems.empty()) out.units.push_back(std::move(u));
    else if (!u.name.empty()) out.refusedUnits.push_back(std::move(u));
}

// The unit a record names (单位) and its 所属街道. A street written with no unit
// names the street itself (an activity 江滨街道 held): the street column only
// tells apart 社区 of one name, so alone it can mean nothing else.
void readUnitCells(const RowCheck& check, std::string& unit, std::string& street) {
    unit = textOf(check.row, check.m, Field::OwnerUnit);
    street = textOf(check.row, check.m, Field::Street);
    if (unit.empty()) std::swap(unit, street);
}

void checkTargetRow(RowCheck& check, RecordSheet& out) {
    TargetRecord t;
    t.row = check.row.number;
    if (auto y = yearOf(check)) t.year = *y;
    readUnitCells(check, t.unit, t.street);
    if (t.unit.empty()) check.add(Field::OwnerUnit, code::kUnitMissing, "单位为空；请填写目标所属单位的名称（须是“组织”中已有的单位）。");
    const std::string metricText = textOf(check.row, check.m, Field::Metric);
    const TargetMetricInfo* metric = metricText.empty() ? nullptr : targetMetricFromText(metricText);
    if (!metric) {
        std::string names;
        for (const TargetMetricInfo& i : targetMetrics()) names += (names.empty() ? "" : "、") + std::string(i.name);
        check.add(Field::Metric, code::kMetricInvalid,
                  (metricText.empty() ? std::string("指标为空") : "指标" + quoted(metricText) + "不认识")
                      + "；请填写" + names + "之一（创建率要在“称号”列写明称号，如平安家庭）。");
    } else {
        t.metric = metric->code;
    }
    t.title = textOf(check.row, check.m, Field::Title);
    const std::string levelText = textOf(check.row, check.m, Field::Level);
    if (!levelText.empty() && levelText != "不限" && levelText != "全部" && levelText != "任意" && levelText != "各级") {
        const std::string level = normalizeLevel(levelText);
        if (level.empty())
            check.add(Field::Level, code::kLevelInvalid,
                      "级别" + quoted(levelText) + "不认识；请填写社区、街道、区、市、省、全国之一，不分级别请留空或填“不限”。");
        t.level = level;
    }
    if (metric) {
        if (metric->needsTitle && t.title.empty())
            check.add(Field::Title, code::kTitleMissing,
                      std::string(metric->name) + "需要在“称号”列写明是哪个称号，如平安家庭、巾帼文明岗。");
        if (metric->needsIndicator && t.title.empty())
            check.add(Field::Title, code::kTitleMissing, "手工指标的目标需要在“称号”列写明指标名称，如“来访件数”。");
        t.atLevel = metric->kind == TargetKind::Rate && !t.level.empty();
        if (!metric->needsTitle && !t.level.empty() && !metric->needsIndicator)
            check.add(Field::Level, code::kLevelInvalid,
                      std::string(metric->name) + "不分级别；请清空本行的级别。");
    }
    const std::string goalText = textOf(check.row, check.m, Field::Goal);
    if (goalText.empty()) {
        check.add(Field::Goal, code::kGoalInvalid, "目标值为空；请填写目标，如创建率写90%或0.9，数量写1200。");
    } else {
        // Read even when the metric is unknown (as a count): every bad field is named.
        std::string error;
        if (const auto goal = parseTargetGoal(goalText, metric ? metric->kind : TargetKind::Count, &error)) t.goal = *goal;
        else check.add(Field::Goal, code::kGoalInvalid, "目标值" + quoted(goalText) + "：" + error);
    }
    t.note = textOf(check.row, check.m, Field::Note);
    if (check.problems.empty()) out.targets.push_back(std::move(t));
}

void checkIndicatorRow(RowCheck& check, RecordSheet& out) {
    IndicatorRecord i;
    i.row = check.row.number;
    if (auto y = yearOf(check)) i.year = *y;
    readUnitCells(check, i.unit, i.street);
    if (i.unit.empty()) check.add(Field::OwnerUnit, code::kUnitMissing, "单位为空；请填写指标所属单位的名称（须是“组织”中已有的单位）。");
    i.name = textOf(check.row, check.m, Field::IndicatorName);
    if (i.name.empty())
        check.add(Field::IndicatorName, code::kIndicatorNameMissing, "指标名称为空；请填写，如“来访件数”“帮扶困难妇女人数”。");
    i.measure = textOf(check.row, check.m, Field::Measure);
    const sheet::Cell* v = cellAt(check.row, check.m, Field::Value);
    Parsed<double> value = v ? readIndicatorValueCell(*v) : Parsed<double>{};
    if (!value.ok()) check.add(Field::Value, code::kValueInvalid, value.message);
    else if (!value.value) check.add(Field::Value, code::kValueInvalid, "数值为空；请填写数字，如12或4000。");
    else i.value = *value.value;
    if (v && v->kind == Kind::Text && i.measure.empty()) {
        // "4000元" with no 计量单位: the word after the number is the measure.
        std::string n = numberPart(cellText(*v));
        if (const std::size_t tail = n.find('\x01'); tail != std::string::npos) i.measure = n.substr(tail + 1);
    }
    i.note = textOf(check.row, check.m, Field::Note);
    if (check.problems.empty()) out.indicators.push_back(std::move(i));
}

std::optional<std::string> dateOf(RowCheck& check, Field f, const char* what) {
    const sheet::Cell* c = cellAt(check.row, check.m, f);
    if (!c || c->empty()) return std::nullopt;
    Parsed<std::string> d = readDateCell(*c, check.date1904, currentYear());
    if (!d.ok() || !d.value) {
        check.add(f, code::kDateInvalid,
                  std::string(what) + quoted(cellText(*c)) + "不是有效日期；请写成2026-03-08、2026/3/8或2026年3月8日。");
        return std::nullopt;
    }
    return d.value;
}

std::optional<int> countOf(RowCheck& check, Field f, const char* what) {
    const sheet::Cell* c = cellAt(check.row, check.m, f);
    if (!c) return std::nullopt;
    Parsed<int> n = readCountCell(*c, what);
    if (!n.ok()) check.add(f, code::kCountInvalid, n.message);
    return n.value;
}

std::string levelOf(RowCheck& check, bool postLevels) {
    const std::string text = textOf(check.row, check.m, Field::Level);
    if (text.empty()) return {};
    std::string level = normalizeLevel(text);
    if (postLevels && !level.empty() && titleLevelRank(level) < titleLevelRank("区")) level.clear();
    if (level.empty())
        check.add(Field::Level, code::kLevelInvalid,
                  "级别" + quoted(text) + "不认识；请填写"
                      + std::string(postLevels ? "区、市、省、全国之一（巾帼文明岗从区级起创建）。"
                                               : "社区、街道、区、市、省、全国之一。"));
    return level;
}

std::string statusOf(RowCheck& check) {
    const sheet::Cell* c = cellAt(check.row, check.m, Field::Status);
    if (!c) return {};
    Parsed<std::string> st = readStatusCell(*c);
    if (!st.ok()) check.add(Field::Status, code::kStatusInvalid, st.message);
    return st.value.value_or("");
}

void checkHonourRow(RowCheck& check, RecordSheet& out) {
    HonourRecord h;
    h.row = check.row.number;
    const std::string person = textOf(check.row, check.m, Field::Name);
    const std::string collective = textOf(check.row, check.m, Field::CollectiveName);
    if (person.empty() && collective.empty())
        check.add(check.m.has(Field::Name) ? Field::Name : Field::CollectiveName, code::kHolderMissing,
                  "姓名和集体名称都为空；个人荣誉请填写获得者姓名，集体荣誉请填写集体名称。");
    else if (!person.empty() && !collective.empty())
        check.add(Field::CollectiveName, code::kHolderAmbiguous,
                  "同一行既填了姓名" + quoted(person) + "又填了集体名称" + quoted(collective)
                      + "；一行只记一项荣誉：个人荣誉请清空集体名称，集体荣誉请清空姓名。");
    h.collective = person.empty();
    h.name = h.collective ? collective : person;
    if (const sheet::Cell* id = cellAt(check.row, check.m, Field::IdNumber); id && !id->empty()) {
        if (h.collective) {
            check.add(Field::IdNumber, code::kHolderAmbiguous, "集体荣誉不填身份证号；请清空本行的身份证号，或在“姓名”列填写获得者。");
        } else {
            const IdValue v = readIdCell(*id, "2100-12-31", "", false, id->kind == Kind::Number);
            if (!v.code.empty() && v.normalized.empty()) check.add(Field::IdNumber, v.code.c_str(), v.message);
            else h.idNumber = v.normalized;
        }
    }
    readUnitCells(check, h.unit, h.street);
    if (h.unit.empty())
        check.add(Field::OwnerUnit, code::kUnitMissing, "单位为空；请填写荣誉计入的社区或街道的名称（须是“组织”中已有的单位）。");
    h.title = textOf(check.row, check.m, Field::Title);
    if (h.title.empty()) check.add(Field::Title, code::kTitleMissing, "荣誉称号为空；请填写，如“三八红旗手”“三八红旗集体”。");
    if (textOf(check.row, check.m, Field::Level).empty())
        check.add(Field::Level, code::kLevelInvalid, "级别为空；请填写社区、街道、区、市、省、全国之一。");
    else h.level = levelOf(check, false);
    if (auto y = yearOf(check)) h.year = *y;
    h.status = statusOf(check);
    if (h.status.empty()) h.status = toWord(AwardStatus::Name);
    h.docNumber = textOf(check.row, check.m, Field::DocNumber);
    if (auto d = dateOf(check, Field::NamedOn, "命名日期")) h.namedOn = *d;
    if (check.problems.empty()) out.honours.push_back(std::move(h));
}

void checkPostRow(RowCheck& check, RecordSheet& out) {
    PostRecord p;
    p.row = check.row.number;
    p.name = textOf(check.row, check.m, Field::PostName);
    if (p.name.empty()) check.add(Field::PostName, code::kPostNameMissing, "岗位名称为空；请填写岗位或班组的名称，如“收费一班”。");
    p.workUnit = textOf(check.row, check.m, Field::WorkUnit);
    if (p.workUnit.empty())
        check.add(Field::WorkUnit, code::kWorkUnitMissing, "所在单位为空；请填写岗位所在的工作单位，如“临江区税务局”。");
    readUnitCells(check, p.unit, p.street);
    p.level = levelOf(check, true);
    p.status = statusOf(check);
    if (!p.status.empty() && p.level.empty() && textOf(check.row, check.m, Field::Level).empty())
        check.add(Field::Level, code::kLevelInvalid, "填了状态" + quoted(p.status) + "但当前级别为空；请填写区、市、省或全国。");
    if (!p.level.empty() && p.status.empty()) p.status = toWord(AwardStatus::Name);
    if (auto d = dateOf(check, Field::AppliedOn, "申报日期")) p.appliedOn = *d;
    if (auto d = dateOf(check, Field::NamedOn, "命名日期")) p.namedOn = *d;
    if (const sheet::Cell* y = cellAt(check.row, check.m, Field::Year); y && !y->empty()) {
        if (auto year = yearOf(check)) p.year = *year;
    } else if (!p.appliedOn.empty()) {
        p.year = std::stoi(p.appliedOn.substr(0, 4));
    } else if (!p.namedOn.empty()) {
        p.year = std::stoi(p.namedOn.substr(0, 4));
    }
    if (!p.level.empty() && p.year == 0 && check.problems.empty())
        check.add(check.m.has(Field::Year) ? Field::Year : Field::Level, code::kYearInvalid,
                  "不知道这一级是哪一年申报的；请填写年度（如2026）或申报日期。");
    p.docNumber = textOf(check.row, check.m, Field::DocNumber);
    p.contact = textOf(check.row, check.m, Field::Contact);
    if (const sheet::Cell* ph = cellAt(check.row, check.m, Field::Phone); ph && !ph->empty()) {
        Parsed<std::string> phone = readPhoneCell(*ph);
        if (!phone.ok()) check.add(Field::Phone, code::kPhoneInvalid, phone.message);
        else p.phone = phone.value.value_or("");
    }
    p.members = countOf(check, Field::Members, "人数");
    p.womenMembers = countOf(check, Field::WomenMembers, "女职工人数");
    if (p.members && p.womenMembers && *p.womenMembers > *p.members)
        check.add(Field::WomenMembers, code::kCountInvalid,
                  "女职工人数" + std::to_string(*p.womenMembers) + "多于人数" + std::to_string(*p.members) + "；请核对这两列。");
    p.note = textOf(check.row, check.m, Field::Note);
    if (check.problems.empty()) out.posts.push_back(std::move(p));
}

void checkActivityRow(RowCheck& check, RecordSheet& out) {
    ActivityRecord a;
    a.row = check.row.number;
    a.name = textOf(check.row, check.m, Field::ActivityName);
    if (a.name.empty()) check.add(Field::ActivityName, code::kActivityNameMissing, "活动名称为空；请填写，如“三八妇女节宣传”。");
    if (auto d = dateOf(check, Field::HeldOn, "日期")) a.heldOn = *d;
    else if (textOf(check.row, check.m, Field::HeldOn).empty())
        check.add(Field::HeldOn, code::kDateInvalid, "日期为空；请填写活动举办的日期，如2026-03-08。");
    readUnitCells(check, a.unit, a.street);
    a.kind = textOf(check.row, check.m, Field::ActivityKind);
    a.participants = countOf(check, Field::Participants, "参与人数");
    a.note = textOf(check.row, check.m, Field::Note);
    if (check.problems.empty()) out.activities.push_back(std::move(a));
}

void checkReviewRow(RowCheck& check, RecordSheet& out) {
    ReviewRecord r;
    r.row = check.row.number;
    r.headName = textOf(check.row, check.m, Field::HeadName);
    r.address = textOf(check.row, check.m, Field::Address);
    if (const sheet::Cell* id = cellAt(check.row, check.m, Field::IdNumber); id && !id->empty()) {
        const IdValue v = readIdCell(*id, "2100-12-31", "", false, id->kind == Kind::Number);
        if (!v.code.empty() && v.normalized.empty()) check.add(Field::IdNumber, v.code.c_str(), v.message);
        else r.idNumber = v.normalized;
    }
    if (r.headName.empty() && r.idNumber.empty() && check.problems.empty())
        check.add(check.m.has(Field::HeadName) ? Field::HeadName : Field::IdNumber, code::kHolderMissing,
                  "户主和身份证号都为空；家庭称号请填写户主（和住址），个人称号请填写身份证号。");
    r.title = textOf(check.row, check.m, Field::Title);
    if (r.title.empty()) check.add(Field::Title, code::kTitleMissing, "称号为空；请填写要复核的称号，如“五好文明家庭”。");
    r.level = levelOf(check, false);
    if (const sheet::Cell* y = cellAt(check.row, check.m, Field::Year); y && !y->empty())
        if (auto year = yearOf(check)) r.year = *year;
    const std::string result = textOf(check.row, check.m, Field::Result);
    if (const auto parsed = parseReviewResult(result)) r.result = *parsed;
    else
        check.add(Field::Result, code::kResultInvalid,
                  (result.empty() ? std::string("结果为空") : "结果" + quoted(result) + "不认识")
                      + "；请填写“保留”（复核通过，称号继续有效）或“撤销”。");
    if (auto d = dateOf(check, Field::ReviewedOn, "复核日期")) r.reviewedOn = *d;
    r.docNumber = textOf(check.row, check.m, Field::DocNumber);
    r.reason = textOf(check.row, check.m, Field::Reason);
    if (check.problems.empty()) out.reviews.push_back(std::move(r));
}

} // namespace

// ============================================================ [SECTION] Sheet validation

RecordSheet validateRecordSheet(RosterKind kind, const CollectedSheet& sheet, const Mapping* userMapping,
                                bool keepProblemRows, bool beforeWriting) {
    RecordSheet out;
    out.name = sheet.name;
    if (userMapping) {
        out.mapping = *userMapping;
    } else {
        HeaderDetection d = detectHeader(sheet.rows, kind);
        if (!d.found()) {
            out.sheetProblems.push_back({0, "", code::kHeaderNotFound, d.message});
            return out;
        }
        out.mapping = std::move(d.mapping);
    }
    const Mapping& m = *out.mapping;
    for (const std::string& message : validateMapping(m))
        out.sheetProblems.push_back({m.headerRowNumber, "", code::kColumnMissing, message});
    if (!out.sheetProblems.empty()) return out;
    for (const Column* c : m.unknownColumns())
        out.sheetProblems.push_back({m.headerRowNumber, c->header, code::kUnknownColumn,
                                     columnLetter(c->index) + "列" + quoted(c->header) + "不是" + kindLabel(kind)
                                         + (beforeWriting ? "的列，不会导入。" : "的列，没有导入。")});
    for (const sheet::Row& row : sheet.rows) {
        if (row.number <= m.headerRowNumber || blankRow(row, m) || repeatsHeader(row, m) || footerRow(row)) continue;
        ++out.rowsRead;
        RowCheck check{row, m, {}, sheet.date1904};
        switch (kind) {
        case RosterKind::Units: checkUnitRow(check, out); break;
        case RosterKind::Targets: checkTargetRow(check, out); break;
        case RosterKind::Indicators: checkIndicatorRow(check, out); break;
        case RosterKind::Honours: checkHonourRow(check, out); break;
        case RosterKind::Posts: checkPostRow(check, out); break;
        case RosterKind::Activities: checkActivityRow(check, out); break;
        case RosterKind::Reviews: checkReviewRow(check, out); break;
        default: break;
        }
        if (check.problems.empty()) continue;
        ++out.rowsRejected;
        for (Problem& p : check.problems) out.problems.push_back(std::move(p));
        if (keepProblemRows) out.problemRows.push_back(problemRowOf(row, sheet.date1904));
    }
    return out;
}

// ============================================================ [SECTION] Units against the tree

UnitPlan planUnits(const std::vector<UnitRecord>& rows, const std::vector<StoredUnit>& stored,
                   const std::vector<UnitRecord>& refusedBefore, const std::string& parentHeader,
                   const std::string& nameHeader, bool beforeWriting) {
    UnitPlan plan;
    const std::string notImported = beforeWriting ? "行有问题不会导入，所以本行也不会导入；改好那一行后重新导入即可。"
                                                  : "行有问题没有导入，所以本行也没有导入；改好那一行后重新导入即可。";
    const int n = static_cast<int>(rows.size());
    std::vector<bool> refused(n, false);
    auto refuse = [&](int i, const std::string& column, const char* code, std::string message) {
        if (refused[i]) return;
        refused[i] = true;
        plan.problems.push_back({rows[i].row, column, code, std::move(message)});
    };
    std::map<RowId, const StoredUnit*> storedById;
    std::multimap<std::string, const StoredUnit*> storedByName;
    for (const StoredUnit& s : stored) {
        storedById[s.id] = &s;
        storedByName.emplace(s.name, &s);
    }
    // Duplicates in the file: the same name under the same parent.
    std::multimap<std::string, int> fileByName;
    std::map<std::pair<std::string, std::string>, int> firstOf;
    for (int i = 0; i < n; ++i) {
        const auto key = std::make_pair(rows[i].name, rows[i].parent);
        if (auto it = firstOf.find(key); it != firstOf.end()) {
            refuse(i, nameHeader, code::kDuplicateInFile,
                   "单位" + quoted(rows[i].name) + "（上级" + quoted(rows[i].parent.empty() ? "无" : rows[i].parent)
                       + "）在第" + std::to_string(rows[it->second].row) + "行已经出现过；请删除重复的一行。");
            continue;
        }
        firstOf[key] = i;
        fileByName.emplace(rows[i].name, i);
    }
    // The parent of each row: a row of the file (index) or a stored unit.
    std::vector<int> parentRow(n, -1);
    std::vector<RowId> parentId(n, 0);
    for (int i = 0; i < n; ++i) {
        if (refused[i] || rows[i].parent.empty()) continue;
        const std::string& p = rows[i].parent;
        std::vector<int> inFile;
        for (auto [it, end] = fileByName.equal_range(p); it != end; ++it)
            inFile.push_back(it->second);
        if (inFile.size() > 1) {
            std::string where;
            for (int j : inFile) where += (where.empty() ? "" : "、") + std::string("第") + std::to_string(rows[j].row) + "行";
            refuse(i, parentHeader, code::kParentAmbiguous,
                   "上级单位" + quoted(p) + "在表中出现了多次（" + where + "）；同名的单位请改用不同的名称以便区分。");
            continue;
        }
        if (inFile.size() == 1) {
            parentRow[i] = inFile[0];
            continue;
        }
        std::vector<const StoredUnit*> inTree;
        for (auto [it, end] = storedByName.equal_range(p); it != end; ++it) inTree.push_back(it->second);
        const UnitRecord* refusedParent = nullptr;
        for (const UnitRecord& r : refusedBefore)
            if (r.name == p && !refusedParent) refusedParent = &r;
        if (inTree.empty() && refusedParent) {
            refuse(i, parentHeader, code::kParentRejected,
                   "上级单位" + quoted(p) + "所在的第" + std::to_string(refusedParent->row)
                       + notImported);
            continue;
        }
        if (inTree.empty()) {
            refuse(i, parentHeader, code::kParentUnknown,
                   "上级单位" + quoted(p) + "既不在本表中，也不在“组织”中；请在表中加上这个单位的一行（可以写在下级单位之后），"
                   "或改正上级单位的名称。");
            continue;
        }
        if (inTree.size() > 1) {
            refuse(i, parentHeader, code::kParentAmbiguous,
                   "“组织”中有" + std::to_string(inTree.size()) + "个名为" + quoted(p)
                       + "的单位，无法判断是哪一个；请先在“组织”中改名区分，再导入。");
            continue;
        }
        parentId[i] = inTree[0]->id;
    }
    // Cycles among the file's rows: A under B, B under A.
    for (int i = 0; i < n; ++i) {
        if (refused[i]) continue;
        std::vector<int> path;
        std::set<int> seen;
        for (int at = i; at >= 0; at = parentRow[at]) {
            if (seen.count(at)) {
                if (at == i) {
                    std::string loop;
                    for (int j : path) loop += quoted(rows[j].name) + "（第" + std::to_string(rows[j].row) + "行）→";
                    loop += quoted(rows[i].name);
                    refuse(i, parentHeader, code::kUnitCycle,
                           "上级单位形成了循环：" + loop + "；请改正其中一行的上级单位。");
                }
                break;
            }
            seen.insert(at);
            path.push_back(at);
        }
    }
    // Kinds: a 街道/镇 sits under a 区, a 社区/村 under a 街道/镇.
    auto kindOfParent = [&](int i) -> std::optional<UnitKind> {
        if (parentRow[i] >= 0) return rows[parentRow[i]].kind;
        if (parentId[i] != 0) return storedById[parentId[i]]->kind;
        return std::nullopt;
    };
    for (int i = 0; i < n; ++i) {
        if (refused[i] || rows[i].parent.empty() || !rows[i].kind) continue;
        const UnitTier tier = tierOf(*rows[i].kind);
        const std::optional<UnitKind> parentKind = kindOfParent(i);
        if (!parentKind || !parentTier(tier)) continue;
        if (tierOf(*parentKind) != parentTier(tier))
            refuse(i, parentHeader, code::kParentWrongKind,
                   std::string(shownWord(*rows[i].kind)) + "的上级应是" + tierKindsText(*parentTier(tier), "或") + "，"
                       + quoted(rows[i].parent) + "是" + shownWord(*parentKind) + "；请改正上级单位或类型。");
    }
    // A row whose parent row was refused is refused too (repeat until stable).
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < n; ++i) {
            if (refused[i] || parentRow[i] < 0 || !refused[parentRow[i]]) continue;
            refuse(i, parentHeader, code::kParentRejected,
                   "上级单位" + quoted(rows[i].parent) + "所在的第" + std::to_string(rows[parentRow[i]].row)
                       + notImported);
            changed = true;
        }
    }
    // Parents first: depth-first from each row up to its first written ancestor.
    std::vector<int> stepOf(n, -1);
    std::function<void(int)> place = [&](int i) {
        if (stepOf[i] >= 0 || refused[i]) return;
        if (parentRow[i] >= 0) place(parentRow[i]);
        UnitStep s;
        s.row = rows[i].row;
        s.name = rows[i].name;
        s.kind = rows[i].kind.value_or(UnitKind::District);
        s.parentStep = parentRow[i] >= 0 ? stepOf[parentRow[i]] : -1;
        s.parentId = parentRow[i] >= 0 ? 0 : parentId[i];
        // The unit as stored: the same name under the same parent (by the
        // parent's name: a parent that is itself new has no stored children).
        const StoredUnit* same = nullptr;
        for (auto [it, end] = storedByName.equal_range(rows[i].name); it != end; ++it) {
            const StoredUnit& cand = *it->second;
            const bool parentMatches = parentRow[i] >= 0
                ? (plan.steps[s.parentStep].existingId != 0 && cand.parentId == plan.steps[s.parentStep].existingId)
                : cand.parentId == s.parentId && (s.parentId != 0 || rows[i].parent.empty());
            if (parentMatches || (rows[i].parent.empty() && cand.parentId == 0)) {
                same = &cand;
                break;
            }
        }
        s.existingId = same ? same->id : 0;
        s.households = rows[i].households ? *rows[i].households : (same ? same->households : 0);
        stepOf[i] = static_cast<int>(plan.steps.size());
        plan.steps.push_back(std::move(s));
    };
    for (int i = 0; i < n; ++i) place(i);
    for (int i = 0; i < n; ++i)
        if (refused[i]) plan.rejectedRows.push_back(rows[i].row);
    std::stable_sort(plan.problems.begin(), plan.problems.end(),
                     [](const Problem& a, const Problem& b) { return a.row < b.row; });
    return plan;
}

} // namespace jinguo::roster
