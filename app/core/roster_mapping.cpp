// roster_mapping.cpp — header aliases, header row detection, user corrections.
#include "core/roster_mapping.hpp"

#include "core/json_writer.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace jinguo::roster {

namespace {

// ------------------------------------------------------------ aliases (data)

// The header names seen in real rosters, best name first within a field: when
// two columns name the same field (手机号 and 联系电话), the better name wins
// and the other column is ignored with a warning. They are normalized with
// normalizeHeader before use, so spacing, full-width letters and bracketed
// units ("(小时)", "（18位）") need no entries of their own.
struct Alias {
    Field field;
    const char* text;
};

constexpr Alias kAliases[] = {
    {Field::Name, "姓名"}, {Field::Name, "名字"}, {Field::Name, "志愿者姓名"}, {Field::Name, "人员姓名"},
    {Field::Name, "成员姓名"},

    {Field::Gender, "性别"},

    {Field::IdNumber, "身份证号"}, {Field::IdNumber, "身份证号码"}, {Field::IdNumber, "公民身份号码"},
    {Field::IdNumber, "证件号码"}, {Field::IdNumber, "身份证"}, {Field::IdNumber, "证件号"},
    {Field::IdNumber, "身份号码"}, {Field::IdNumber, "身份证件号码"}, {Field::IdNumber, "居民身份证号码"},
    {Field::IdNumber, "居民身份证号"},

    {Field::Phone, "手机号"}, {Field::Phone, "手机号码"}, {Field::Phone, "手机"}, {Field::Phone, "联系手机"},
    {Field::Phone, "移动电话"}, {Field::Phone, "联系电话"}, {Field::Phone, "电话"}, {Field::Phone, "电话号码"},
    {Field::Phone, "联系方式"},

    {Field::Unit, "所属社区"}, {Field::Unit, "社区"}, {Field::Unit, "所在社区"}, {Field::Unit, "社区名称"},
    {Field::Unit, "村(社区)"}, {Field::Unit, "所属村(社区)"}, {Field::Unit, "所在村(社区)"},
    {Field::Unit, "所属村居"}, {Field::Unit, "村居"}, {Field::Unit, "所属村"},

    // Brackets are dropped before the comparison: 乡镇(街道) is 乡镇, 街道(乡镇) 街道.
    {Field::Street, "所属街道"}, {Field::Street, "街道"}, {Field::Street, "街道/乡镇"}, {Field::Street, "乡镇"},
    {Field::Street, "所在街道"}, {Field::Street, "街道名称"}, {Field::Street, "所属乡镇"}, {Field::Street, "所在乡镇"},
    {Field::Street, "街道/镇"}, {Field::Street, "乡镇/街道"}, {Field::Street, "镇街"}, {Field::Street, "街镇"},
    {Field::Street, "所属街镇"}, {Field::Street, "所属镇街"}, {Field::Street, "街道办事处"}, {Field::Street, "街道办"},
    {Field::Street, "所属街道办事处"}, {Field::Street, "镇"}, {Field::Street, "所属镇"},

    {Field::Hours, "服务时长(小时)"}, {Field::Hours, "志愿服务时长"}, {Field::Hours, "累计服务时长"},
    {Field::Hours, "累计时长"}, {Field::Hours, "服务时长"}, {Field::Hours, "时长"}, {Field::Hours, "志愿时长"},
    {Field::Hours, "服务时数"}, {Field::Hours, "服务小时数"},
    // Jinguo's own export: the verified total is the person's hours; the
    // unverified ones must never come back as verified.
    {Field::Hours, "已核实服务时长(小时)"}, {Field::Hours, "已核实服务时长"},

    {Field::JoinedOn, "加入日期"}, {Field::JoinedOn, "加入时间"}, {Field::JoinedOn, "注册日期"},
    {Field::JoinedOn, "注册时间"}, {Field::JoinedOn, "入队时间"}, {Field::JoinedOn, "入队日期"},
    {Field::JoinedOn, "入会时间"},

    {Field::HeadName, "户主姓名"}, {Field::HeadName, "户主"}, {Field::HeadName, "户主名字"},
    {Field::HeadName, "家庭户主"}, {Field::HeadName, "户主名"},

    {Field::Address, "家庭住址"}, {Field::Address, "家庭地址"}, {Field::Address, "住址"}, {Field::Address, "地址"},
    {Field::Address, "居住地址"}, {Field::Address, "现住址"}, {Field::Address, "详细地址"},

    {Field::Members, "家庭人口"}, {Field::Members, "家庭人口数"}, {Field::Members, "家庭成员数"},
    {Field::Members, "家庭成员人数"}, {Field::Members, "家庭人数"}, {Field::Members, "人口"},
    {Field::Members, "人口数"}, {Field::Members, "成员数"},

    {Field::Title, "荣誉称号"}, {Field::Title, "称号"}, {Field::Title, "荣誉"}, {Field::Title, "获得荣誉"},
    {Field::Title, "所获荣誉"}, {Field::Title, "荣誉名称"}, {Field::Title, "获得称号"},

    {Field::Year, "获评年度"}, {Field::Year, "年度"}, {Field::Year, "获评年份"}, {Field::Year, "年份"},
    {Field::Year, "评选年度"}, {Field::Year, "命名年度"}, {Field::Year, "获评时间"},

    {Field::Level, "级别"}, {Field::Level, "荣誉级别"}, {Field::Level, "称号级别"}, {Field::Level, "命名级别"},
    {Field::Level, "获评级别"}, {Field::Level, "表彰级别"},

    // Record kinds. 单位 alone names the unit a target or an indicator is
    // for; in a units file it is the unit's own name (matchHeader swaps them).
    {Field::UnitName, "单位名称"}, {Field::UnitName, "名称"}, {Field::UnitName, "单位全称"},
    {Field::UnitName, "组织名称"}, {Field::UnitName, "机构名称"},
    {Field::OwnerUnit, "单位"}, {Field::OwnerUnit, "所属单位"}, {Field::OwnerUnit, "责任单位"},
    {Field::OwnerUnit, "填报单位"},
    {Field::ParentUnit, "上级单位"}, {Field::ParentUnit, "上级"}, {Field::ParentUnit, "上级单位名称"},
    {Field::ParentUnit, "所属上级"}, {Field::ParentUnit, "上级组织"}, {Field::ParentUnit, "隶属"},
    {Field::UnitType, "类型"}, {Field::UnitType, "单位类型"}, {Field::UnitType, "层级"}, {Field::UnitType, "类别"},
    {Field::UnitType, "单位级别"},
    {Field::Households, "总户数"}, {Field::Households, "户数"}, {Field::Households, "家庭户数"},
    {Field::Households, "常住户数"}, {Field::Households, "户籍户数"}, {Field::Households, "总户数(户)"},
    {Field::Metric, "指标"}, {Field::Metric, "目标类型"}, {Field::Metric, "考核指标"}, {Field::Metric, "目标指标"},
    {Field::Goal, "目标值"}, {Field::Goal, "目标"}, {Field::Goal, "目标数"}, {Field::Goal, "目标任务"},
    {Field::Goal, "创建目标"}, {Field::Goal, "年度目标"},
    {Field::IndicatorName, "指标名称"}, {Field::IndicatorName, "项目"}, {Field::IndicatorName, "工作指标"},
    {Field::IndicatorName, "统计项目"},
    {Field::Value, "数值"}, {Field::Value, "数量"}, {Field::Value, "完成数"}, {Field::Value, "值"},
    {Field::Measure, "计量单位"}, {Field::Measure, "单位(计量)"}, {Field::Measure, "计量"},
    {Field::Note, "备注"}, {Field::Note, "说明"}, {Field::Note, "备注说明"},

    // Honours, posts, activities. 姓名 is the holder of an honour;
    // 所属社区 / 单位 the unit it counts for (matchHeader maps it).
    {Field::Name, "获得者"}, {Field::Name, "获奖人"}, {Field::Name, "获奖者姓名"}, {Field::Name, "获得者姓名"},
    {Field::CollectiveName, "集体名称"}, {Field::CollectiveName, "获奖集体"}, {Field::CollectiveName, "集体"},
    {Field::CollectiveName, "先进集体"}, {Field::CollectiveName, "获得集体"},
    {Field::Status, "状态"}, {Field::Status, "当前状态"}, {Field::Status, "创建状态"}, {Field::Status, "进度"},
    {Field::DocNumber, "文号"}, {Field::DocNumber, "命名文号"}, {Field::DocNumber, "发文文号"},
    {Field::DocNumber, "表彰文号"}, {Field::DocNumber, "文件号"},
    {Field::PostName, "岗位名称"}, {Field::PostName, "岗位"}, {Field::PostName, "文明岗名称"},
    {Field::PostName, "集体(岗位)名称"}, {Field::PostName, "巾帼文明岗"},
    {Field::WorkUnit, "所在单位"}, {Field::WorkUnit, "工作单位"}, {Field::WorkUnit, "岗位所在单位"},
    {Field::WorkUnit, "所在单位名称"}, {Field::WorkUnit, "申报单位"},
    {Field::Level, "当前级别"}, {Field::Level, "岗位级别"},
    {Field::AppliedOn, "申报日期"}, {Field::AppliedOn, "申报时间"},
    {Field::NamedOn, "命名日期"}, {Field::NamedOn, "命名时间"}, {Field::NamedOn, "获评日期"},
    {Field::Contact, "负责人"}, {Field::Contact, "岗位负责人"}, {Field::Contact, "联系人"},
    {Field::Members, "人数"}, {Field::Members, "岗位人数"}, {Field::Members, "职工人数"}, {Field::Members, "总人数"},
    {Field::WomenMembers, "女职工人数"}, {Field::WomenMembers, "女性人数"}, {Field::WomenMembers, "女职工数"},
    {Field::ActivityName, "活动名称"}, {Field::ActivityName, "活动"}, {Field::ActivityName, "活动主题"},
    {Field::HeldOn, "日期"}, {Field::HeldOn, "活动日期"}, {Field::HeldOn, "举办日期"}, {Field::HeldOn, "活动时间"},
    {Field::HeldOn, "开展日期"}, {Field::HeldOn, "时间"},
    {Field::ActivityKind, "活动类型"}, {Field::ActivityKind, "活动类别"},
    {Field::Participants, "参与人数"}, {Field::Participants, "参加人数"}, {Field::Participants, "参与人次"},
    {Field::Participants, "参加人次"},
    {Field::Result, "结果"}, {Field::Result, "复核结果"}, {Field::Result, "处理结果"}, {Field::Result, "复核意见"},
    {Field::ReviewedOn, "复核日期"}, {Field::ReviewedOn, "复核时间"},
    {Field::Reason, "原因"}, {Field::Reason, "撤销原因"}, {Field::Reason, "理由"}, {Field::Reason, "复核说明"},

    // Known and never imported: the running number most rosters start with.
    {Field::Ignored, "序号"}, {Field::Ignored, "编号"}, {Field::Ignored, "序"}, {Field::Ignored, "No"},
    {Field::Ignored, "未核实服务时长(小时)"}, {Field::Ignored, "未核实服务时长"}, {Field::Ignored, "未核实时长"},
};

// In a family list a plain 姓名 column is the household head's name, but a
// 户主姓名 column, when there is one, is the better name for it.
constexpr int kNameAsHeadRank = 100;

struct AliasEntry {
    Field field;
    int rank;
};

const std::unordered_map<std::string, AliasEntry>& aliasTable() {
    static const std::unordered_map<std::string, AliasEntry> table = [] {
        std::unordered_map<std::string, AliasEntry> t;
        int rank[64] = {};
        for (const Alias& a : kAliases) {
            const int r = rank[static_cast<int>(a.field)]++;
            t.emplace(normalizeHeader(a.text), AliasEntry{a.field, r});   // first spelling wins
        }
        return t;
    }();
    return table;
}

bool isDroppedSpace(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == 0x3000 || cp == 0x00A0
        || cp == 0x2007 || cp == 0x202F || cp == 0xFEFF || cp == 0x200B;
}

bool isOpener(char32_t cp) {
    return cp == U'(' || cp == U'[' || cp == U'{' || cp == U'<' || cp == 0x3010 /*【*/ || cp == 0x3014 /*〔*/
        || cp == 0x3016 /*〖*/ || cp == 0x300A /*《*/ || cp == 0x3008 /*〈*/;
}

bool isCloser(char32_t cp) {
    return cp == U')' || cp == U']' || cp == U'}' || cp == U'>' || cp == 0x3011 || cp == 0x3015 || cp == 0x3017
        || cp == 0x300B || cp == 0x3009;
}

// Marks templates put around a header ("*姓名", "姓名：", "No.") that say
// nothing about the column.
bool isDroppedMark(char32_t cp) {
    return cp == U'*' || cp == U':' || cp == U'.' || cp == U'#' || cp == 0x203B /*※*/ || cp == 0x2605 /*★*/
        || cp == 0x2606 /*☆*/;
}

std::string cellText(const sheet::Cell& cell) {
    if (cell.kind == sheet::Cell::Kind::Empty) return {};
    return trim(cell.text);
}

} // namespace

// ------------------------------------------------------------ names

const std::vector<RosterKind>& allKinds() {
    static const std::vector<RosterKind> kinds = {RosterKind::Volunteers, RosterKind::Families, RosterKind::Units,
                                                  RosterKind::Targets,    RosterKind::Indicators, RosterKind::Honours,
                                                  RosterKind::Posts,      RosterKind::Activities, RosterKind::Reviews};
    return kinds;
}

bool isRecordKind(RosterKind kind) {
    return kind != RosterKind::Volunteers && kind != RosterKind::Families;
}

const char* kindKey(RosterKind kind) {
    switch (kind) {
    case RosterKind::Volunteers: return "volunteers";
    case RosterKind::Families: return "families";
    case RosterKind::Units: return "units";
    case RosterKind::Targets: return "targets";
    case RosterKind::Indicators: return "indicators";
    case RosterKind::Honours: return "honours";
    case RosterKind::Posts: return "posts";
    case RosterKind::Activities: return "activities";
    case RosterKind::Reviews: return "reviews";
    }
    return "volunteers";
}

std::optional<RosterKind> kindFromKey(std::string_view key) {
    for (RosterKind k : allKinds())
        if (key == kindKey(k)) return k;
    return std::nullopt;
}

std::string kindKeysText() {
    std::string out;
    for (RosterKind k : allKinds()) out += (out.empty() ? "" : "|") + std::string(kindKey(k));
    return out;
}

const char* kindLabel(RosterKind kind) {
    switch (kind) {
    case RosterKind::Volunteers: return "志愿者花名册";
    case RosterKind::Families: return "家庭名单";
    case RosterKind::Units: return "单位（组织机构）";
    case RosterKind::Targets: return "创建目标";
    case RosterKind::Indicators: return "手动指标";
    case RosterKind::Honours: return "个人和集体荣誉";
    case RosterKind::Posts: return "巾帼文明岗";
    case RosterKind::Activities: return "活动";
    case RosterKind::Reviews: return "复核结果";
    }
    return "";
}

const char* fieldKey(Field field) {
    switch (field) {
    case Field::Ignored: return "ignored";
    case Field::Name: return "name";
    case Field::Gender: return "gender";
    case Field::IdNumber: return "id_number";
    case Field::Phone: return "phone";
    case Field::Unit: return "unit";
    case Field::Hours: return "hours";
    case Field::JoinedOn: return "joined_on";
    case Field::HeadName: return "head_name";
    case Field::Address: return "address";
    case Field::Members: return "members";
    case Field::Title: return "title";
    case Field::Year: return "year";
    case Field::Level: return "level";
    case Field::UnitName: return "unit_name";
    case Field::OwnerUnit: return "for_unit";
    case Field::ParentUnit: return "parent_unit";
    case Field::UnitType: return "unit_type";
    case Field::Households: return "households";
    case Field::Metric: return "metric";
    case Field::Goal: return "goal";
    case Field::IndicatorName: return "indicator_name";
    case Field::Value: return "value";
    case Field::Measure: return "measure";
    case Field::Note: return "note";
    case Field::CollectiveName: return "collective_name";
    case Field::Status: return "status";
    case Field::DocNumber: return "doc_number";
    case Field::PostName: return "post_name";
    case Field::WorkUnit: return "work_unit";
    case Field::AppliedOn: return "applied_on";
    case Field::NamedOn: return "named_on";
    case Field::Contact: return "contact";
    case Field::WomenMembers: return "women_members";
    case Field::ActivityName: return "activity_name";
    case Field::HeldOn: return "held_on";
    case Field::ActivityKind: return "activity_kind";
    case Field::Participants: return "participants";
    case Field::Result: return "result";
    case Field::ReviewedOn: return "reviewed_on";
    case Field::Reason: return "reason";
    case Field::Street: return "street";
    }
    return "ignored";
}

std::optional<Field> fieldFromKey(std::string_view key) {
    for (int i = 0; i <= static_cast<int>(kLastField); ++i) {
        const auto f = static_cast<Field>(i);
        if (key == fieldKey(f)) return f;
    }
    return std::nullopt;
}

const char* fieldLabel(Field field) {
    switch (field) {
    case Field::Ignored: return "不导入";
    case Field::Name: return "姓名";
    case Field::Gender: return "性别";
    case Field::IdNumber: return "身份证号";
    case Field::Phone: return "手机号";
    case Field::Unit: return "所属社区";
    case Field::Hours: return "服务时长(小时)";
    case Field::JoinedOn: return "加入日期";
    case Field::HeadName: return "户主姓名";
    case Field::Address: return "家庭住址";
    case Field::Members: return "家庭人口";
    case Field::Title: return "荣誉称号";
    case Field::Year: return "获评年度";
    case Field::Level: return "级别";
    case Field::UnitName: return "单位名称";
    case Field::OwnerUnit: return "单位";
    case Field::ParentUnit: return "上级单位";
    case Field::UnitType: return "类型";
    case Field::Households: return "总户数";
    case Field::Metric: return "指标";
    case Field::Goal: return "目标值";
    case Field::IndicatorName: return "指标名称";
    case Field::Value: return "数值";
    case Field::Measure: return "计量单位";
    case Field::Note: return "备注";
    case Field::CollectiveName: return "集体名称";
    case Field::Status: return "状态";
    case Field::DocNumber: return "文号";
    case Field::PostName: return "岗位名称";
    case Field::WorkUnit: return "所在单位";
    case Field::AppliedOn: return "申报日期";
    case Field::NamedOn: return "命名日期";
    case Field::Contact: return "负责人";
    case Field::WomenMembers: return "女职工人数";
    case Field::ActivityName: return "活动名称";
    case Field::HeldOn: return "日期";
    case Field::ActivityKind: return "类型";
    case Field::Participants: return "参与人数";
    case Field::Result: return "结果";
    case Field::ReviewedOn: return "复核日期";
    case Field::Reason: return "原因";
    case Field::Street: return "所属街道";
    }
    return "";
}

const char* fieldLabel(RosterKind kind, Field field) {
    if (kind == RosterKind::Targets || kind == RosterKind::Indicators) {
        if (field == Field::Year) return "年度";
        if (field == Field::Title) return "称号";
    }
    if (kind == RosterKind::Posts) {
        if (field == Field::Year) return "年度";
        if (field == Field::Level) return "当前级别";
        if (field == Field::Phone) return "联系电话";
    }
    if (kind == RosterKind::Reviews) {
        if (field == Field::HeadName) return "户主";
        if (field == Field::Address) return "住址";
        if (field == Field::Title) return "称号";
        if (field == Field::Year) return "年度";
    }
    return fieldLabel(field);
}

const std::vector<Field>& fieldsOf(RosterKind kind) {
    static const std::vector<Field> volunteers = {Field::Name,   Field::Gender, Field::IdNumber, Field::Phone,
                                                  Field::Street, Field::Unit,   Field::Hours,    Field::JoinedOn};
    static const std::vector<Field> families = {Field::HeadName, Field::Address, Field::Members, Field::Street,
                                                Field::Unit,     Field::Title,   Field::Year,    Field::Level};
    static const std::vector<Field> units = {Field::UnitName, Field::ParentUnit, Field::UnitType, Field::Households};
    // Every kind that names a unit of the tree has 所属街道 just before it (a 社区
    // name that repeats across streets is told apart by it, as in rosters).
    static const std::vector<Field> targets = {Field::Year,  Field::Street, Field::OwnerUnit, Field::Metric,
                                               Field::Title, Field::Level,  Field::Goal,      Field::Note};
    static const std::vector<Field> indicators = {Field::Year,  Field::Street,  Field::OwnerUnit, Field::IndicatorName,
                                                  Field::Value, Field::Measure, Field::Note};
    static const std::vector<Field> honours = {Field::Name,   Field::IdNumber,  Field::CollectiveName, Field::Street,
                                               Field::OwnerUnit, Field::Title,  Field::Level,          Field::Year,
                                               Field::Status, Field::DocNumber};
    static const std::vector<Field> posts = {Field::PostName, Field::WorkUnit,  Field::Street,       Field::OwnerUnit,
                                             Field::Level,    Field::Status,    Field::Year,         Field::AppliedOn,
                                             Field::NamedOn,  Field::DocNumber, Field::Contact,      Field::Phone,
                                             Field::Members,  Field::WomenMembers, Field::Note};
    static const std::vector<Field> activities = {Field::ActivityName, Field::HeldOn,       Field::Street,
                                                  Field::OwnerUnit,    Field::ActivityKind, Field::Participants,
                                                  Field::Note};
    static const std::vector<Field> reviews = {Field::HeadName, Field::Address, Field::IdNumber, Field::Title,
                                               Field::Level,    Field::Year,    Field::Result,   Field::ReviewedOn,
                                               Field::DocNumber, Field::Reason};
    switch (kind) {
    case RosterKind::Volunteers: return volunteers;
    case RosterKind::Families: return families;
    case RosterKind::Units: return units;
    case RosterKind::Targets: return targets;
    case RosterKind::Indicators: return indicators;
    case RosterKind::Honours: return honours;
    case RosterKind::Posts: return posts;
    case RosterKind::Activities: return activities;
    case RosterKind::Reviews: return reviews;
    }
    return volunteers;
}

const std::vector<Field>& requiredFields(RosterKind kind) {
    static const std::vector<Field> volunteers = {Field::Name, Field::IdNumber};
    static const std::vector<Field> families = {Field::HeadName};
    static const std::vector<Field> units = {Field::UnitName, Field::UnitType};
    static const std::vector<Field> targets = {Field::Year, Field::OwnerUnit, Field::Metric, Field::Goal};
    static const std::vector<Field> indicators = {Field::Year, Field::OwnerUnit, Field::IndicatorName, Field::Value};
    // Honours: 姓名 or 集体名称 (validateMapping asks for one of them).
    static const std::vector<Field> honours = {Field::OwnerUnit, Field::Title, Field::Level, Field::Year};
    static const std::vector<Field> posts = {Field::PostName, Field::WorkUnit};
    static const std::vector<Field> activities = {Field::ActivityName, Field::HeldOn};
    // Reviews: 户主 or 身份证号 (validateMapping asks for one of them).
    static const std::vector<Field> reviews = {Field::Title, Field::Result};
    switch (kind) {
    case RosterKind::Volunteers: return volunteers;
    case RosterKind::Families: return families;
    case RosterKind::Units: return units;
    case RosterKind::Targets: return targets;
    case RosterKind::Indicators: return indicators;
    case RosterKind::Honours: return honours;
    case RosterKind::Posts: return posts;
    case RosterKind::Activities: return activities;
    case RosterKind::Reviews: return reviews;
    }
    return volunteers;
}

Field keyField(RosterKind kind) {
    switch (kind) {
    case RosterKind::Volunteers: return Field::Name;
    case RosterKind::Families: return Field::HeadName;
    case RosterKind::Units: return Field::UnitName;
    case RosterKind::Targets: return Field::Goal;
    case RosterKind::Indicators: return Field::IndicatorName;
    case RosterKind::Honours: return Field::Title;
    case RosterKind::Posts: return Field::PostName;
    case RosterKind::Activities: return Field::ActivityName;
    case RosterKind::Reviews: return Field::Result;
    }
    return Field::Name;
}

static bool belongsTo(Field field, RosterKind kind) {
    const auto& fields = fieldsOf(kind);
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

std::string normalizeHeader(std::string_view header) {
    std::string out;
    int depth = 0;
    for (char32_t cp : utf8ToCodepoints(foldFullWidth(header))) {
        if (isOpener(cp)) { ++depth; continue; }
        if (isCloser(cp)) { if (depth > 0) --depth; continue; }
        if (depth > 0 || isDroppedSpace(cp) || isDroppedMark(cp)) continue;
        if (cp >= U'A' && cp <= U'Z') cp = cp - U'A' + U'a';
        appendUtf8(out, cp);
    }
    return out;
}

HeaderMatch matchHeader(std::string_view header, RosterKind kind) {
    const auto& table = aliasTable();
    const auto it = table.find(normalizeHeader(header));
    if (it == table.end()) return {};
    AliasEntry e = it->second;
    if (e.field == Field::Ignored) return {Field::Ignored, true, 0};
    // A 复核 sheet's 姓名 is the household head (or the person, found by 身份证号).
    if ((kind == RosterKind::Families || kind == RosterKind::Reviews) && e.field == Field::Name)
        e = {Field::HeadName, kNameAsHeadRank + e.rank};
    // 单位 / 单位名称: the unit's own name in a units file, the unit a target
    // or an indicator is for otherwise; 指标 is the indicator's name in an
    // indicators file.
    if (kind == RosterKind::Units && e.field == Field::OwnerUnit) e = {Field::UnitName, kNameAsHeadRank + e.rank};
    if ((kind == RosterKind::Targets || kind == RosterKind::Indicators) && e.field == Field::UnitName)
        e = {Field::OwnerUnit, kNameAsHeadRank + e.rank};
    if (kind == RosterKind::Indicators && e.field == Field::Metric) e = {Field::IndicatorName, kNameAsHeadRank + e.rank};
    // Honours, posts and activities count for a unit of the tree: 所属社区,
    // 单位 and 单位名称 all name it. An activity's 类型 is its kind, and its
    // 人数 the participants.
    const bool countsForUnit = kind == RosterKind::Honours || kind == RosterKind::Posts || kind == RosterKind::Activities;
    if (countsForUnit && (e.field == Field::Unit || e.field == Field::UnitName))
        e = {Field::OwnerUnit, kNameAsHeadRank + e.rank};
    if (kind == RosterKind::Activities && e.field == Field::UnitType) e = {Field::ActivityKind, kNameAsHeadRank + e.rank};
    if (kind == RosterKind::Activities && e.field == Field::Members) e = {Field::Participants, kNameAsHeadRank + e.rank};
    if (!belongsTo(e.field, kind)) return {};   // e.g. 荣誉称号 in a volunteer roster
    return {e.field, true, e.rank};
}

std::string columnLetter(int index) {
    std::string out;
    for (int n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    return out;
}

// ------------------------------------------------------------ mapping

int Mapping::columnOf(Field field) const {
    if (field == Field::Ignored) return -1;
    for (const Column& c : columns)
        if (c.field == field) return c.index;
    return -1;
}

const Column* Mapping::columnAt(int index) const {
    for (const Column& c : columns)
        if (c.index == index) return &c;
    return nullptr;
}

std::string Mapping::headerOf(Field field) const {
    const int index = columnOf(field);
    const Column* c = index >= 0 ? columnAt(index) : nullptr;
    return c ? c->header : std::string();
}

std::vector<const Column*> Mapping::unknownColumns() const {
    std::vector<const Column*> out;
    for (const Column& c : columns)
        if (c.field == Field::Ignored && (!c.known || c.duplicateOf >= 0)) out.push_back(&c);
    return out;
}

Mapping mappingFromHeaderRow(const sheet::Row& row, RosterKind kind) {
    Mapping m;
    m.kind = kind;
    m.headerRowNumber = row.number;
    std::vector<int> ranks;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        std::string text = cellText(row.cells[i]);
        if (text.empty()) continue;
        const HeaderMatch match = matchHeader(text, kind);
        Column c;
        c.index = static_cast<int>(i);
        c.header = std::move(text);
        c.field = match.field;
        c.known = match.known;
        m.columns.push_back(std::move(c));
        ranks.push_back(match.rank);
    }
    // One column per field: the better name wins, then the column further left.
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        Column& c = m.columns[i];
        if (c.field == Field::Ignored) continue;
        for (std::size_t j = 0; j < m.columns.size(); ++j) {
            if (j == i || m.columns[j].field != c.field) continue;
            if (ranks[j] < ranks[i] || (ranks[j] == ranks[i] && j < i)) {
                c.duplicateOf = m.columns[j].index;
                break;
            }
        }
    }
    for (Column& c : m.columns)
        if (c.duplicateOf >= 0) c.field = Field::Ignored;
    return m;
}

HeaderScore scoreHeaderRow(const sheet::Row& row, RosterKind kind) {
    HeaderScore s;
    bool seen[64] = {};
    for (const sheet::Cell& cell : row.cells) {
        if (cell.kind != sheet::Cell::Kind::Text || cell.text.empty()) continue;
        const Field f = matchHeader(cell.text, kind).field;
        if (f == Field::Ignored || seen[static_cast<int>(f)]) continue;
        seen[static_cast<int>(f)] = true;
        ++s.fields;
        if (f == keyField(kind)) s.hasKey = true;
    }
    return s;
}

namespace {

// What a sheet of each kind needs in its header row, for the message when
// none is found: whose header (empty for rosters), the key column, the others.
struct HeaderHint {
    const char* sheet;
    const char* key;
    const char* others;
};

HeaderHint headerHint(RosterKind kind) {
    switch (kind) {
    case RosterKind::Volunteers: return {"", "姓名", "如身份证号、手机号"};
    case RosterKind::Families: return {"", "户主姓名", "如家庭住址、荣誉称号"};
    case RosterKind::Units: return {"单位表的", "单位名称", "上级单位、类型、总户数"};
    case RosterKind::Targets: return {"目标表的", "目标值", "年度、单位、指标、称号、级别"};
    case RosterKind::Indicators: return {"指标表的", "指标名称", "年度、单位、数值、计量单位、备注"};
    case RosterKind::Honours: return {"荣誉表的", "荣誉称号", "姓名或集体名称、单位、级别、年度"};
    case RosterKind::Posts: return {"巾帼文明岗表的", "岗位名称", "所在单位、当前级别、状态"};
    case RosterKind::Activities: return {"活动表的", "活动名称", "日期、单位、类型、参与人数"};
    case RosterKind::Reviews: return {"复核结果表的", "结果", "户主、住址或身份证号、称号"};
    }
    return {"", "姓名", "如身份证号、手机号"};
}

} // namespace

HeaderDetection detectHeader(const std::vector<sheet::Row>& firstRows, RosterKind kind) {
    HeaderDetection d;
    const sheet::Row* best = nullptr;
    int bestFields = 0;
    for (const sheet::Row& row : firstRows) {
        if (row.number > kHeaderScanRows) break;
        const HeaderScore s = scoreHeaderRow(row, kind);
        if (s.hasKey && s.fields >= 2 && s.fields > bestFields) {
            best = &row;
            bestFields = s.fields;
        }
    }
    if (best) {
        d.mapping = mappingFromHeaderRow(*best, kind);
        return d;
    }
    const HeaderHint hint = headerHint(kind);
    d.message = std::string("在表格前30行中没有找到表头行：") + hint.sheet + "表头至少要有“" + hint.key
              + "”列和另一个能识别的列（" + hint.others + "）。";
    d.message += "请检查表头的写法，或在导入时手动指定表头行和各列的含义。";
    return d;
}

// ------------------------------------------------------------ corrections

bool setColumnField(Mapping& mapping, int index, Field field) {
    if (field != Field::Ignored && !belongsTo(field, mapping.kind)) return false;
    for (Column& c : mapping.columns) {
        if (c.index != index) continue;
        c.field = field;
        c.known = true;          // the user has decided about this column
        c.duplicateOf = -1;
        return true;
    }
    return false;
}

std::vector<std::string> validateMapping(const Mapping& mapping) {
    std::vector<std::string> out;
    auto describe = [](const Column& c) { return columnLetter(c.index) + "列“" + c.header + "”"; };
    for (Field f : fieldsOf(mapping.kind)) {
        std::vector<const Column*> holders;
        for (const Column& c : mapping.columns)
            if (c.field == f) holders.push_back(&c);
        if (holders.size() < 2) continue;
        std::string list;
        for (const Column* c : holders) list += (list.empty() ? "" : "、") + describe(*c);
        out.push_back(std::string("“") + fieldLabel(f) + "”对应了多列（" + list
                      + "）；一个字段只能对应一列，请把多余的列设为“不导入”。");
    }
    for (Field f : requiredFields(mapping.kind)) {
        if (mapping.has(f)) continue;
        if (f == Field::IdNumber)
            out.push_back("缺少“身份证号”列：系统按身份证号识别同一个人（同名同姓的人很多），志愿者花名册必须有这一列；"
                          "请在映射中指定哪一列是身份证号。");
        else
            out.push_back(std::string("缺少“") + fieldLabel(f) + "”列；请在映射中指定哪一列是" + fieldLabel(f) + "。");
    }
    if (mapping.kind == RosterKind::Honours && !mapping.has(Field::Name) && !mapping.has(Field::CollectiveName))
        out.push_back("缺少“姓名”或“集体名称”列：荣誉要记在某个人或某个集体名下；个人写“姓名”列，集体写“集体名称”列，"
                      "请在映射中指定。");
    if (mapping.kind == RosterKind::Reviews && !mapping.has(Field::HeadName) && !mapping.has(Field::IdNumber))
        out.push_back("缺少“户主”或“身份证号”列：复核结果要对上某一户（户主和住址）或某个人（身份证号）；"
                      "请在映射中指定。");
    if (mapping.kind == RosterKind::Posts && mapping.has(Field::Status) && !mapping.has(Field::Level))
        out.push_back("有“状态”列时还需要“当前级别”列（区、市、省、全国），才知道是哪一级的巾帼文明岗；请在映射中指定。");
    if (mapping.kind == RosterKind::Families && mapping.has(Field::Title)) {
        if (!mapping.has(Field::Year))
            out.push_back("有“荣誉称号”列时还需要“获评年度”列，才知道称号是哪一年获得的；请在映射中指定。");
        if (!mapping.has(Field::Level))
            out.push_back("有“荣誉称号”列时还需要“级别”列（社区、街道、区、市、省、全国），才知道是哪一级的称号；请在映射中指定。");
    }
    return out;
}

// ------------------------------------------------------------ report

std::vector<std::pair<std::string, std::string>> mappingEntries(const Mapping& mapping) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Column& c : mapping.columns) {
        if (c.field == Field::Ignored) continue;
        const bool repeated = std::count_if(mapping.columns.begin(), mapping.columns.end(), [&](const Column& o) {
                                  return o.field != Field::Ignored && o.header == c.header;
                              }) > 1;
        out.emplace_back(repeated ? c.header + " (" + columnLetter(c.index) + "列)" : c.header, fieldKey(c.field));
    }
    return out;
}

std::string mappingJson(const Mapping& mapping) {
    JsonWriter w;
    w.beginObject();
    for (const auto& [header, key] : mappingEntries(mapping)) w.member(header, key);
    w.endObject();
    return w.str();
}

} // namespace jinguo::roster
