// roster_rows.hpp — roster rows checked and turned into records, one at a time.
//
// The reader streams a sheet's rows; RosterValidator looks at each row through
// a Mapping and either emits a record ready to store (a volunteer, or a
// household with one record per title) or the row's problems, each with the
// row number the user sees in Excel, the source column header, a stable code
// and a plain Chinese sentence saying what is wrong and how to fix it. Every
// bad field of a row is named, not just the first; a row with any problem is
// not emitted, and every good row is. Blank rows, footers (填表人：… 审核人：…)
// and a repeated header are skipped without a word.
//
// Streaming: the validator keeps no rows, only what duplicate detection needs:
// each distinct ID number (or household+title+year key) as a 64-bit key in an
// open-addressing table of 12-byte slots kept at most half full, and for an ID
// its first sheet, row and name (SeenIdNumbers, shared by a run's sheets) —
// about 45 MB for a 1,000,000-row roster.
// SheetFeed adds header detection in front: it holds at most the first
// kHeaderScanRows rows until the header is found, then streams.
//
// Pure logic: no SQL, no files, no UI. The storage layer upserts the records
// (a person by ID number), the command line and the GUI write the report.
#pragma once

#include "core/id_number.hpp"
#include "core/model.hpp"
#include "core/periods.hpp"
#include "core/roster_mapping.hpp"
#include "core/spreadsheet.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::roster {

// ------------------------------------------------------------ problems

// The report's codes. duplicate_in_db and unsupported_format are produced by
// the storage layer and the reader.
namespace code {
inline constexpr const char* kNameMissing = "name_missing";
inline constexpr const char* kIdLength = "id_length";
inline constexpr const char* kIdChecksum = "id_checksum";
inline constexpr const char* kIdBirthdate = "id_birthdate";
inline constexpr const char* kIdRegion = "id_region";                // the first six digits are no division code
inline constexpr const char* kIdStoredAsNumber = "id_stored_as_number";
inline constexpr const char* kGenderIdMismatch = "gender_id_mismatch";
inline constexpr const char* kPhoneInvalid = "phone_invalid";
inline constexpr const char* kHoursInvalid = "hours_invalid";
inline constexpr const char* kDateInvalid = "date_invalid";
inline constexpr const char* kDuplicateInFile = "duplicate_in_file";   // also across the sheets and files of one run
inline constexpr const char* kNameDiffers = "name_differs";          // storage: the ID is stored under another name
inline constexpr const char* kIdEnds000 = "id_ends_000";             // warning: CSV, an ID ending in 000 imported
inline constexpr const char* kHeadNameMissing = "head_name_missing";
inline constexpr const char* kMembersInvalid = "members_invalid";
inline constexpr const char* kYearInvalid = "year_invalid";
inline constexpr const char* kLevelInvalid = "level_invalid";        // added: 级别 not one of the six
inline constexpr const char* kUnknownColumn = "unknown_column";      // warning, per sheet
inline constexpr const char* kUnitUnknown = "unit_unknown";          // warning: imported without a unit
// storage: 所属社区 names 社区/村 of several streets and no 所属街道 tells which: not imported
inline constexpr const char* kUnitAmbiguous = "unit_ambiguous";
// storage: 所属街道 holds no 社区/村 of that name (a wrong or misspelt street): not imported
inline constexpr const char* kUnitNotInStreet = "unit_not_in_street";
// warning, storage: an ambiguous 所属社区 without a street; the person (household) stored in
// one of those 社区/村 keeps it
inline constexpr const char* kUnitKept = "unit_kept";
// warning, storage: the only 社区/村 of the name lies in another street than 所属街道 says: placed there
inline constexpr const char* kUnitStreetDiffers = "unit_street_differs";
inline constexpr const char* kHeaderNotFound = "header_not_found";   // added: per sheet, nothing imported
inline constexpr const char* kColumnMissing = "column_missing";      // added: per sheet, nothing imported
} // namespace code

struct Problem {
    int row = 0;               // the row number the user sees (the header's row for sheet problems)
    std::string column;        // the source header text; empty for a sheet problem
    std::string code;
    std::string message;       // Chinese: what is wrong, how to fix it
    bool operator==(const Problem&) const = default;
};

// unknown_column, unit_unknown, unit_kept, unit_street_differs and id_ends_000 are warnings: the row was
// imported (or it names a column, not a row).
bool isWarning(std::string_view code);

// The records are the storage layer's roster types (core/model.hpp).
using VolunteerRecord = RosterPerson;
using FamilyRecord = RosterFamily;

enum class RowStatus {
    Accepted,   // records emitted
    Rejected,   // problems, nothing emitted
    Skipped,    // not a data row: see SkipReason
};

enum class SkipReason {
    None,
    BeforeHeader,     // a title row, a blank row or the header itself
    Blank,            // every mapped cell empty (序号 alone does not make a row)
    Footer,           // 填表人：…, 审核人：…, 联系电话：…, 合计 …
    RepeatedHeader,   // the header again (a sheet pasted twice, a printed page header)
    NotImportable,    // the sheet has no usable header or mapping (see SheetFeed)
};

struct RowOutcome {
    int row = 0;
    RowStatus status = RowStatus::Skipped;
    SkipReason skip = SkipReason::None;
    std::optional<VolunteerRecord> volunteer;   // Accepted volunteer rows
    std::vector<FamilyRecord> families;         // Accepted family rows: one per title
                                                // ("五好文明家庭、最美家庭" gives two)
    std::vector<Problem> problems;              // Rejected rows
    std::vector<Problem> warnings;              // Accepted rows: imported, but worth a look (id_ends_000)
};

// ------------------------------------------------------------ cell values
//
// Each reader takes one cell and gives its normalized value, nothing when the
// cell is empty, or a Chinese message when the value is wrong. Public so that
// the tests and the GUI's preview use exactly what the import uses.

template <class T>
struct Parsed {
    std::optional<T> value;    // empty when the cell is empty (and ok)
    std::string message;       // non-empty when the value is wrong
    bool ok() const { return message.empty(); }
};

// Excel's serial day numbers. 1900 system: 1 = 1900-01-01, 59 = 1900-02-28,
// 60 = Excel's fictitious 1900-02-29 (refused), 61 = 1900-03-01. 1904
// system: 0 = 1904-01-01. A time of day (the fraction) is dropped.
std::optional<Date> excelSerialToDate(double serial, bool date1904);

// 2024-3-8, 2024-03-08, 2024/3/8, 2024.3.8, 2024年3月8日 (or …8号, …8),
// 20240308; full-width digits; a trailing time ("2024-03-08 00:00:00") is
// dropped. Only real calendar dates: 2023.2.29 and 2024-13-01 give nothing.
std::optional<Date> parseDateText(std::string_view text);

// A date cell as YYYY-MM-DD: a date-formatted number is a serial; a plain
// number (or numeric text) is yyyymmdd when it has 8 digits, otherwise a
// serial only when it lands in 1949 … currentYear+1; text as parseDateText.
// Dates outside 1900 … currentYear+1 are refused.
Parsed<std::string> readDateCell(const sheet::Cell& cell, bool date1904, int currentYear);

// Cumulative service hours ≥ 0 (at most 100000): 12.5, "12.5", "12.5小时",
// "１２.５", "1,234.5".
Parsed<double> readHoursCell(const sheet::Cell& cell);

// Household members, 1 … 20: 3, "3", "3人", "3口", "三".
Parsed<int> readMembersCell(const sheet::Cell& cell);

// A year in 1949 … currentYear+1: 2024, "2024", "2024年", "2024年度", or a
// date (its year).
Parsed<int> readYearCell(const sheet::Cell& cell, bool date1904, int currentYear);

// 社区 街道 区 市 省 全国 from what rosters write (社区级, 村级, 镇, 县级 → 区,
// 国家级 → 全国 …); empty when not recognized.
std::string normalizeLevel(std::string_view text);
Parsed<std::string> readLevelCell(const sheet::Cell& cell);

// 男 / 女 from 男, 女, 男性, 女性, M, F (any case); empty otherwise (then the
// ID number decides).
std::string normalizeGender(std::string_view text);

// A mobile number: 11 digits, from a number cell or text with separators,
// full-width digits or a leading apostrophe.
Parsed<std::string> readPhoneCell(const sheet::Cell& cell);

struct IdValue {
    std::string code;          // empty when the ID is good
    std::string message;
    std::string normalized;    // the 18 characters, when they form a valid ID
                               // (also with gender_id_mismatch)
    std::string gender;        // 男/女 from the 17th digit, when readable
    bool numberEvidence = false;   // the cell shows the column went through a number
    std::string warningCode;       // id_ends_000: accepted, but the user should look
    std::string warning;
};

// An ID number cell. A number cell is always refused (id_stored_as_number):
// Excel keeps 15 significant digits, so its last digits are lost even when
// they happen to pass the checksum. Text in scientific notation (1.10105E+17)
// or with a decimal part is refused the same way, and so is an 18-digit text
// ending in 000 that fails the checksum (Excel's zeros). An 18-digit text
// ending in 000 that passes it is a real ID when the file keeps cell types
// (`typedCells`: xlsx, where a number cell says so); in a CSV, which keeps
// none, it is accepted with the warning id_ends_000 (stronger when
// `numbersSeen` says this sheet's ID column has shown number damage already).
// Other text: full-width folded, x → X, then checkIdNumber.
IdValue readIdCell(const sheet::Cell& cell, std::string_view today, std::string_view statedGender,
                   bool numbersSeen, bool typedCells = false, bool beforeWriting = false);

// ------------------------------------------------------------ validator

class SeenIdNumbers;

struct ValidatorOptions {
    std::string today;         // YYYY-MM-DD; empty: todayIso(). Birth dates and years are checked against it.
    bool date1904 = false;     // sheet::FileInfo::date1904
    std::string hoursAsOf;     // VolunteerRecord::hoursAsOf for rows with hours; empty: today
    bool typedCells = false;   // the file keeps cell types (xlsx): a text cell was never a number
    bool beforeWriting = false;// a check (dry run): messages say 将导入, not 已导入
    // ID numbers of the whole run (every sheet of every file), so that one
    // met again on another sheet is a duplicate too; null: this sheet only.
    // Used from one thread at a time; the caller calls beginSheet for each sheet.
    SeenIdNumbers* seenIds = nullptr;
};

namespace detail {
// Non-zero 64-bit key → the first row that had it. Open addressing, 12 bytes
// a slot, at most half full.
class FirstRowIndex {
public:
    // The earlier row holding `key`, or 0 after recording `row` for it.
    int findOrInsert(std::uint64_t key, int row);
    std::size_t size() const { return m_size; }

private:
    void grow();
    std::vector<std::uint64_t> m_keys;
    std::vector<std::int32_t> m_rows;
    std::size_t m_size = 0;
};
} // namespace detail

// ID numbers met so far with where (sheet, row) and under which name: one
// entry per distinct ID. About 25 bytes an ID plus its name (~45 MB for a
// 1,000,000-row roster).
class SeenIdNumbers {
public:
    // Starts the next sheet; `label` names it in messages: 工作表“幸福社区”.
    void beginSheet(std::string label);
    struct Earlier {
        std::string_view sheetLabel;   // the sheet where the ID was first seen
        bool sameSheet = false;        // … which is the current sheet
        int row = 0;
        std::string_view name;         // the name written there (at most 255 bytes)
    };
    // The earlier occurrence of the 18-character `id`, or nothing after
    // recording this one (row `row` of the current sheet, under `name`).
    std::optional<Earlier> findOrInsert(std::string_view id, int row, std::string_view name);
    const std::string& currentLabel() const;
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::int32_t row;
        std::uint32_t sheet;
        std::uint32_t name;            // offset in m_names
        std::uint8_t nameLength;
    };
    detail::FirstRowIndex m_index;     // ID key → entry number (1-based)
    std::vector<Entry> m_entries;
    std::string m_names;
    std::vector<std::string> m_sheets{std::string()};
};

class RosterValidator {
public:
    // The mapping should pass validateMapping; a required field it lacks makes
    // every row fail on that field.
    explicit RosterValidator(Mapping mapping, ValidatorOptions options = {});

    // One row of the sheet, in order. Rows up to the header row are skipped.
    RowOutcome validate(const sheet::Row& row);

    // unknown_column warnings for the header (one per ignored column).
    std::vector<Problem> columnWarnings() const;

    const Mapping& mapping() const { return m_mapping; }
    // Distinct ID numbers (volunteers) or household+title+year keys seen.
    std::size_t distinctKeys() const { return seenIds().size() + m_seen.size(); }

private:
    const sheet::Cell& cell(const sheet::Row& row, Field field) const;
    const std::string& header(Field field) const;
    bool isBlank(const sheet::Row& row) const;
    bool isFooter(const sheet::Row& row) const;
    bool isRepeatedHeader(const sheet::Row& row) const;
    void validateVolunteer(const sheet::Row& row, RowOutcome& out);
    void validateFamily(const sheet::Row& row, RowOutcome& out);
    void addProblem(RowOutcome& out, Field field, const char* code, std::string message) const;
    SeenIdNumbers& seenIds() { return m_options.seenIds ? *m_options.seenIds : m_ownIds; }
    const SeenIdNumbers& seenIds() const { return m_options.seenIds ? *m_options.seenIds : m_ownIds; }

    Mapping m_mapping;
    ValidatorOptions m_options;
    int m_currentYear = 0;
    static constexpr int kFields = static_cast<int>(kLastField) + 1;
    int m_columnOf[kFields];            // Field → column index, -1 when unmapped
    std::string m_headerOf[kFields];    // Field → source header
    std::vector<int> m_mappedColumns;   // columns holding a field
    detail::FirstRowIndex m_seen;       // families: household+title+year keys
    SeenIdNumbers m_ownIds;             // volunteers, when the options share none
    bool m_idNumbersSeen = false;       // the ID column has shown number damage
};

// ------------------------------------------------------------ a whole sheet

// Header detection plus validation for one sheet, fed row by row. Without a
// mapping it holds the first kHeaderScanRows rows, finds the header among
// them, checks the mapping, then validates the held rows and streams the
// rest. With a mapping (the user's correction) it streams from the start.
// When no header is found or the mapping lacks a required column, no row is
// imported: the rows come out Skipped (NotImportable) and sheetProblems()
// says why (header_not_found / column_missing).
class SheetFeed {
public:
    SheetFeed(RosterKind kind, ValidatorOptions options = {});
    SheetFeed(Mapping mapping, ValidatorOptions options = {});

    // Appends the outcomes of the rows decided now: none while the first rows
    // are held, several when the header has just been found.
    void feed(const sheet::Row& row, std::vector<RowOutcome>& out);
    // The sheet has ended: decides the rows still held.
    void finish(std::vector<RowOutcome>& out);

    // The mapping in use; null until the header has been found, and when none was.
    const Mapping* mapping() const;
    // header_not_found / column_missing (then nothing imports) and the
    // unknown_column warnings. Complete after finish().
    const std::vector<Problem>& sheetProblems() const { return m_sheetProblems; }
    bool importable() const { return m_validator.has_value(); }

private:
    void decide(std::optional<Mapping> mapping, std::vector<RowOutcome>& out);
    void emit(const sheet::Row& row, std::vector<RowOutcome>& out);

    RosterKind m_kind;
    ValidatorOptions m_options;
    bool m_decided = false;
    std::vector<sheet::Row> m_held;
    std::optional<Mapping> m_mapping;
    std::optional<RosterValidator> m_validator;
    std::vector<Problem> m_sheetProblems;
};

} // namespace jinguo::roster
