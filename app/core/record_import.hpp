// record_import.hpp — the pure half of importing records that are not
// people: units (the 组织 tree), targets (创建目标), manual indicators,
// honours of people and collectives, 巾帼文明岗 posts and activities. Each
// kind is a record struct, a row reader in validateRecordSheet and a writer
// in storage/record_import.cpp.
//
// These files are small (a district has a few hundred units), and their rows
// depend on each other (a parent may come after its children), so a sheet is
// read whole, then checked: header and mapping exactly as for rosters
// (roster_mapping.hpp), every row turned into a record or problems with the
// row number the user sees, a Chinese sentence saying what is wrong and how
// to fix it. planUnits then orders the units parents first against the tree
// as it is stored. No SQL, no files, no UI.
#pragma once

#include "core/model.hpp"
#include "core/roster_import.hpp"
#include "core/roster_mapping.hpp"
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"
#include "core/title_review.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::roster {

namespace code {
inline constexpr const char* kUnitNameMissing = "unit_name_missing";
inline constexpr const char* kUnitKindInvalid = "unit_kind_invalid";
inline constexpr const char* kHouseholdsInvalid = "households_invalid";
inline constexpr const char* kParentUnknown = "parent_unknown";
inline constexpr const char* kParentAmbiguous = "parent_ambiguous";
inline constexpr const char* kParentWrongKind = "parent_wrong_kind";
inline constexpr const char* kParentRejected = "parent_rejected";           // the parent's own row has problems
inline constexpr const char* kUnitCycle = "unit_cycle";
inline constexpr const char* kUnitMissing = "unit_missing";                 // 单位 empty (targets, indicators)
inline constexpr const char* kMetricInvalid = "metric_invalid";
inline constexpr const char* kTitleMissing = "title_missing";
inline constexpr const char* kGoalInvalid = "goal_invalid";
inline constexpr const char* kIndicatorNameMissing = "indicator_name_missing";
inline constexpr const char* kValueInvalid = "value_invalid";
inline constexpr const char* kNotWritten = "not_written";                   // the store refused the row
inline constexpr const char* kHolderMissing = "holder_missing";             // honours: neither 姓名 nor 集体名称
inline constexpr const char* kHolderAmbiguous = "holder_ambiguous";         // honours: both 姓名 and 集体名称
inline constexpr const char* kStatusInvalid = "status_invalid";
inline constexpr const char* kPostNameMissing = "post_name_missing";
inline constexpr const char* kWorkUnitMissing = "work_unit_missing";
inline constexpr const char* kCountInvalid = "count_invalid";               // 人数, 女职工人数, 参与人数
inline constexpr const char* kActivityNameMissing = "activity_name_missing";
inline constexpr const char* kResultInvalid = "result_invalid";             // reviews: 结果 not 保留/撤销
inline constexpr const char* kHolderNotFound = "holder_not_found";          // reviews: no such family or person
inline constexpr const char* kTitleNotHeld = "title_not_held";              // reviews: the holder has no such title held
} // namespace code

struct UnitRecord {
    int row = 0;
    std::string name;
    std::string parent;                        // the parent's name; empty for the district
    std::optional<UnitKind> kind;              // empty: the cell was empty or not a kind (the row is refused)
    std::optional<std::int64_t> households;    // empty cell: 0 for a new unit, unchanged for one that exists
};

struct TargetRecord {
    int row = 0;
    int year = 0;
    std::string unit;                          // the unit's name
    std::string street;                        // 所属街道 of `unit` (empty: not given; core/unit_match.hpp)
    std::string metric;                        // a metric code (title_rate …)
    std::string title;                         // the title's name; the indicator's name for metric indicator
    std::string level;                         // 区, 街道 …; empty: any level
    bool atLevel = false;                      // title_rate counted at `level` only
    double goal = 0;
    std::string note;
};

struct IndicatorRecord {
    int row = 0;
    int year = 0;
    std::string unit;
    std::string street;                        // 所属街道 of `unit` (empty: not given)
    std::string name;
    double value = 0;
    std::string measure;
    std::string note;
};

struct HonourRecord {
    int row = 0;
    bool collective = false;
    std::string name;                          // the person's or the collective's name
    std::string idNumber;                      // 18 characters, or empty (people only)
    std::string unit;                          // the unit it counts for
    std::string street;                        // 所属街道 of `unit` (empty: not given)
    std::string title;
    std::string level;                         // 社区 … 全国
    int year = 0;
    std::string status;                        // 命名 when the cell is empty
    std::string docNumber;
    std::string namedOn;                       // 命名日期 YYYY-MM-DD or empty: the date of `status`
};

struct PostRecord {
    int row = 0;
    std::string name;                          // 岗位名称
    std::string workUnit;                      // 所在单位
    std::string unit;                          // the unit of the tree it belongs to; may be empty
    std::string street;                        // 所属街道 of `unit` (empty: not given)
    std::string level;                         // 区 … 全国; empty: no award state given
    std::string status;                        // 申报 … 撤销 (命名 when only the level is given)
    int year = 0;                              // the award's year (年度, else the year of a date)
    std::string appliedOn, namedOn;            // YYYY-MM-DD or empty
    std::string docNumber;
    std::string contact;
    std::string phone;
    std::optional<int> members, womenMembers;  // empty cell: unchanged for a stored post
    std::string note;
};

struct ActivityRecord {
    int row = 0;
    std::string name;
    std::string heldOn;                        // YYYY-MM-DD
    std::string unit;                          // may be empty
    std::string street;                        // 所属街道 of `unit` (empty: not given)
    std::string kind;                          // 宣传, 帮扶 … (free words)
    std::optional<int> participants;
    std::string note;
};

// A row of a 复核 result sheet: whose title, which one, and the decision.
struct ReviewRecord {
    int row = 0;
    std::string headName;                      // 户主 (a family) …
    std::string address;                       // … at this address (may be empty: then the head alone)
    std::string idNumber;                      // or a person by 身份证号 (18 characters)
    std::string title;
    std::string level;                         // empty: any level
    int year = 0;                              // 0: any year
    ReviewResult result = ReviewResult::Keep;
    std::string reviewedOn;                    // YYYY-MM-DD or empty: the import's day
    std::string docNumber;
    std::string reason;
};

// A sheet read whole.
struct CollectedSheet {
    std::string name;
    std::vector<sheet::Row> rows;
    bool date1904 = false;   // sheet::FileInfo::date1904: how the file's date serials count
};

// One sheet checked.
struct RecordSheet {
    std::string name;
    std::optional<Mapping> mapping;
    std::vector<Problem> sheetProblems;        // header not found, columns missing, unknown columns
    std::vector<Problem> problems;             // rows' problems, in row order
    std::vector<ProblemRow> problemRows;       // the cells of rejected rows (when asked)
    int rowsRead = 0;                          // data rows (blank rows and a repeated header left out)
    int rowsRejected = 0;
    std::vector<UnitRecord> units;
    std::vector<UnitRecord> refusedUnits;      // rows refused here (name and row), for their children's message
    std::vector<TargetRecord> targets;
    std::vector<IndicatorRecord> indicators;
    std::vector<HonourRecord> honours;
    std::vector<PostRecord> posts;
    std::vector<ActivityRecord> activities;
    std::vector<ReviewRecord> reviews;
};

// Whether a sheet of this name is the template's instructions (填写说明),
// which an import leaves out with a note.
bool isInstructionsSheet(const std::string& name);

// Finds the header (or takes `userMapping`), then checks every data row.
// `currentYear` bounds the year columns' plausibility message.
// `beforeWriting`: a check (dry run): messages say a row 不会导入, not 没有导入.
// Kept rows carry their cells typed (problemRowOf: numbers, dates).
RecordSheet validateRecordSheet(RosterKind kind, const CollectedSheet& sheet, const Mapping* userMapping,
                                bool keepProblemRows, bool beforeWriting = false);

// Cell readers the tests and the wizard's preview share.
// 总户数: a whole number ≥ 0 ("12,345", "12345户", full-width digits).
Parsed<std::int64_t> readHouseholdsCell(const sheet::Cell& cell);
// 类型: a unit kind (县, 县级市 → 县(市); 民族乡, 苏木 → 乡 …), or a message.
Parsed<UnitKind> readUnitKindCell(const sheet::Cell& cell, std::string* code = nullptr);
// 数值: a finite number ("1,234", "4000元" keeps 4000, "100%" gives 100).
Parsed<double> readIndicatorValueCell(const sheet::Cell& cell);

// 人数 / 参与人数: a whole number ≥ 0 ("12", "12人", "1,200人次"); `what` names the column.
Parsed<int> readCountCell(const sheet::Cell& cell, const std::string& what);
// 状态: a lifecycle word (申报 创建 考核验收 命名 复核 撤销; 已命名, 验收 … are read too).
Parsed<std::string> readStatusCell(const sheet::Cell& cell);

// ------------------------------------------------------------ units against the tree

struct StoredUnit {
    RowId id = 0;
    RowId parentId = 0;
    std::string name;
    UnitKind kind = UnitKind::District;
    std::int64_t households = 0;
};

struct UnitStep {
    int row = 0;
    RowId existingId = 0;          // the stored unit this row updates; 0: a new unit
    std::string name;
    UnitKind kind = UnitKind::District;
    std::int64_t households = 0;   // what to store (the stored value when the cell was empty)
    RowId parentId = 0;            // a stored parent (or 0 for the district) …
    int parentStep = -1;           // … or the step (index in `steps`) that creates it
};

struct UnitPlan {
    std::vector<UnitStep> steps;   // parents before their children
    std::vector<Problem> problems; // by row: unknown or ambiguous parents, cycles, wrong kinds, duplicates
    std::vector<int> rejectedRows;
};

// Orders a sheet's units parents first. A unit is identified by its name
// under its parent's name: one that exists there is updated, not added. A
// parent is looked up among the file's rows first, then the stored units; a
// unit of the file whose parent row was refused is refused too, saying so.
// `refused`: the sheet's rows refused before (RecordSheet::refusedUnits): a
// unit under one of them is refused naming that row, not as an unknown parent.
UnitPlan planUnits(const std::vector<UnitRecord>& rows, const std::vector<StoredUnit>& stored,
                   const std::vector<UnitRecord>& refused, const std::string& parentHeader,
                   const std::string& nameHeader, bool beforeWriting = false);

} // namespace jinguo::roster
