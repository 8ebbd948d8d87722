// roster_mapping.hpp — which column of a roster sheet holds which field.
//
// Rosters from communities put a title row or two (often one merged cell such
// as "2024年望江社区志愿者花名册") and blank rows above the table, and name
// their columns in many ways: 姓名 / 名字 / 姓 名, 手机号 / 联系电话, 服务时长(小时)
// / 时长 … This file finds the header row among the first rows of a sheet,
// maps each header cell to a Field through a table of aliases (data, not
// code), notes the columns it does not know (they are ignored, with an
// unknown_column warning), and lets the user correct the mapping before the
// import runs. Header text is compared after normalization: full-width folded,
// every kind of space removed, brackets with their content dropped
// ("服务时长（小时）" → "服务时长"), marks like * and ： removed.
//
// Pure logic: no SQL, no files, no UI.
#pragma once

#include "core/spreadsheet.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jinguo::roster {

// Rosters (people, households) and the record kinds imported through the
// same reader, mapping and report: units (the 组织 tree), targets (创建目标)
// and manual indicators, honours (titles of people and collectives),
// 巾帼文明岗 posts and activities.
// Reviews: a 复核 result sheet (户主/住址 or 身份证号, 称号, 结果 保留/撤销).
enum class RosterKind { Volunteers, Families, Units, Targets, Indicators, Honours, Posts, Activities, Reviews };

// Every kind, in the order the wizard and --help list them.
const std::vector<RosterKind>& allKinds();
// Units, targets, indicators, honours, posts, activities, reviews: validated whole (record_import.hpp), written
// through the audited stores in one undo step, not streamed.
bool isRecordKind(RosterKind kind);

enum class Field {
    Ignored,    // a column whose content is not imported
    Name,       // 姓名
    Gender,     // 性别
    IdNumber,   // 身份证号
    Phone,      // 手机号
    Unit,       // 所属社区
    Hours,      // 服务时长(小时): cumulative hours so far
    JoinedOn,   // 加入日期
    HeadName,   // 户主姓名
    Address,    // 家庭住址
    Members,    // 家庭人口
    Title,      // 荣誉称号
    Year,       // 获评年度
    Level,      // 级别
    // record kinds
    UnitName,   // 单位名称 (units)
    OwnerUnit,  // 单位: the unit a target or an indicator is for
    ParentUnit, // 上级单位
    UnitType,   // 类型: 区/街道/镇/社区/村
    Households, // 总户数
    Metric,     // 指标 (targets): 创建率, 命名数 …
    Goal,       // 目标值
    IndicatorName, // 指标名称 (indicators)
    Value,      // 数值
    Measure,    // 计量单位
    Note,       // 备注
    // honours, posts, activities
    CollectiveName, // 集体名称 (honours: the holder is a collective)
    Status,     // 状态: 申报 … 撤销
    DocNumber,  // 文号
    PostName,   // 岗位名称
    WorkUnit,   // 所在单位: the work unit a post belongs to (post.work_unit)
    AppliedOn,  // 申报日期
    NamedOn,    // 命名日期
    Contact,    // 负责人
    WomenMembers, // 女职工人数
    ActivityName, // 活动名称
    HeldOn,     // 日期 (activities)
    ActivityKind, // 活动类型
    Participants, // 参与人数
    // 复核 results
    Result,     // 结果: 保留 / 撤销
    ReviewedOn, // 复核日期
    Reason,     // 原因
    // 所属街道: the 街道/镇 of 所属社区, for community names that repeat
    // across streets (新村社区 in two streets); read with Unit, never alone.
    Street,
};
inline constexpr Field kLastField = Field::Street;

// "volunteers", "families", "units", "targets", "indicators", "honours",
// "posts", "activities": the command line's --kind.
const char* kindKey(RosterKind kind);
std::optional<RosterKind> kindFromKey(std::string_view key);
const char* kindLabel(RosterKind kind);            // 志愿者花名册 / 家庭名单 / 单位 / 创建目标 / 手动指标
// "volunteers|families|units|targets|indicators|honours|posts|activities"
std::string kindKeysText();

// The stable name used by the report's mapping: name, gender, id_number,
// phone, unit, hours, joined_on, head_name, address, members, title, year,
// level; "ignored" for Field::Ignored.
const char* fieldKey(Field field);
std::optional<Field> fieldFromKey(std::string_view key);
// The standard Chinese header of a field (the export's header): 姓名, 性别,
// 身份证号, 手机号, 所属社区, 服务时长(小时), 加入日期, 户主姓名, 家庭住址,
// 家庭人口, 荣誉称号, 获评年度, 级别; "不导入" for Field::Ignored.
const char* fieldLabel(Field field);
// The label as a file of `kind` says it: a target or indicator sheet has 年度
// and 称号, a post sheet 年度, 当前级别 and 联系电话; otherwise fieldLabel(field).
// The wizard's column choices and the templates' headers use it.
const char* fieldLabel(RosterKind kind, Field field);

// The fields a roster of this kind can hold, in the export's column order.
const std::vector<Field>& fieldsOf(RosterKind kind);
// The fields without which a sheet cannot be imported: 姓名 and 身份证号 for
// volunteers (a person is matched by ID number only); 户主姓名 for families.
const std::vector<Field>& requiredFields(RosterKind kind);
// The field whose presence marks the header row: Name / HeadName.
Field keyField(RosterKind kind);

// Header text as it is compared with the aliases.
std::string normalizeHeader(std::string_view header);

// What one header cell means for a roster of `kind`.
struct HeaderMatch {
    Field field = Field::Ignored;
    bool known = false;   // an alias matched (序号/编号 are known and ignored)
    int rank = 0;         // lower is a better name for the field (手机号 beats 电话)
};
HeaderMatch matchHeader(std::string_view header, RosterKind kind);

// Column letters as Excel shows them: 0 → "A", 25 → "Z", 26 → "AA".
std::string columnLetter(int index);

struct Column {
    int index = 0;              // 0-based: column A is 0 (Row::cells index)
    std::string header;         // the header cell as written, trimmed
    Field field = Field::Ignored;
    bool known = false;         // recognized, or set by the user: no unknown_column warning
    int duplicateOf = -1;       // recognized as a field that column `duplicateOf` holds
                                // with a better name: ignored (a warning names it)
};

struct Mapping {
    RosterKind kind = RosterKind::Volunteers;
    int headerRowNumber = 0;    // the header's row as Excel shows it; 0 when none
    std::vector<Column> columns;// every non-empty header cell, in column order

    // The column index (0-based) holding `field`, or -1. Field::Ignored: -1.
    int columnOf(Field field) const;
    bool has(Field field) const { return columnOf(field) >= 0; }
    const Column* columnAt(int index) const;
    // The source header of the column holding `field` ("" when unmapped).
    std::string headerOf(Field field) const;
    // Columns ignored because nothing recognized them (unknown_column warnings).
    std::vector<const Column*> unknownColumns() const;
};

// A mapping built from one row taken as the header.
Mapping mappingFromHeaderRow(const sheet::Row& row, RosterKind kind);

// How many distinct fields of `kind` a row's cells name, and whether the key
// field is among them (the test for a header row).
struct HeaderScore {
    int fields = 0;
    bool hasKey = false;
};
HeaderScore scoreHeaderRow(const sheet::Row& row, RosterKind kind);

// Header rows are looked for among this many first rows of a sheet.
inline constexpr int kHeaderScanRows = 30;

struct HeaderDetection {
    std::optional<Mapping> mapping;
    std::string message;        // Chinese, when no header was found
    bool found() const { return mapping.has_value(); }
};

// Finds the header among `firstRows` (only rows numbered ≤ kHeaderScanRows
// count): the row naming the most fields, at least two and the kind's key
// field among them; the earlier row wins a tie. Title rows, blank rows and
// note rows above the table simply never qualify.
HeaderDetection detectHeader(const std::vector<sheet::Row>& firstRows, RosterKind kind);

// ------------------------------------------------------------ corrections

// Sets the field of the column at `index` (0-based) — the user's correction.
// Field::Ignored ignores the column without a warning. Returns false (and
// changes nothing) when there is no such column or the field does not belong
// to the roster kind. It does not resolve conflicts: validateMapping reports them.
bool setColumnField(Mapping& mapping, int index, Field field);

// Chinese messages, empty when the mapping can be imported: a field mapped to
// two columns, a required field that no column holds, a 荣誉称号 column
// without the 获评年度 and 级别 a title needs.
std::vector<std::string> validateMapping(const Mapping& mapping);

// ------------------------------------------------------------ report

// The report's "mapping": source header → field key, for the mapped columns
// in column order (ignored columns are left out; their warnings say so). A
// header that two mapped columns share gets its column letter appended ("电话 (E列)").
std::vector<std::pair<std::string, std::string>> mappingEntries(const Mapping& mapping);
// The same as a JSON object: {"姓名":"name","身份证号码":"id_number",…}.
std::string mappingJson(const Mapping& mapping);

} // namespace jinguo::roster
