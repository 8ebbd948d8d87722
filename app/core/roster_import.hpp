// roster_import.hpp (core) — the import's pure half: what is asked
// (RosterImportRequest), what is reported (FileImportReport, the JSON report,
// the problem list) and the validating stage of the pipeline, which reads a
// file on one thread, validates its rows on another and hands the outcomes to
// the caller's thread in blocks. No SQL: storage/roster_import.hpp writes the
// blocks in one transaction, so a roster row goes file → core → storage.
#pragma once

#include "core/model.hpp"
#include "core/roster_hours.hpp"
#include "core/roster_mapping.hpp"
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"
#include "core/table_export.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jinguo::roster {

// A rejected row kept with its cells, for the problem list the community fixes.
struct ProblemRow {
    int row = 0;                          // the row number as Excel shows it
    std::vector<std::string> values;      // cell text by column (A = 0), as the file holds it;
                                          // a date cell as YYYY-MM-DD
    std::vector<ExportCell> kinds;        // per value: Number and Date cells of an xlsx; empty: all text
};

// A source row for the problem list: text as the file holds it, number cells
// kept as numbers, date-formatted numbers (Excel serials) as dates.
ProblemRow problemRowOf(const sheet::Row& row, bool date1904);

struct SheetImportReport {
    std::string name;
    int headerRow = 0;
    std::vector<std::pair<std::string, std::string>> mapping;   // header → field key (the JSON report's)
    std::vector<std::string> headers;     // header cell text by column (A = 0); empty when no header
    int rowsRead = 0, rowsImported = 0, rowsUpdated = 0, rowsSkipped = 0;
    std::vector<Problem> problems;
    std::vector<ProblemRow> problemRows;  // rejected rows with their values (at most kMaxProblemRows per run)
};

struct FileImportReport {
    std::string path;
    std::string format;
    std::string encoding;
    std::vector<SheetImportReport> sheets;
    RowId batch = 0;                      // the batch written (0: none, e.g. recognized or dry run)
    RowId alreadyImportedAs = 0;          // the standing batch of the same file
    std::string alreadyImportedAt;        // … and when it finished
    int unitsUnknown = 0;                 // rows whose 所属社区 is not in the tree
    std::set<std::string> unknownUnitNames;   // their names (kept on the rows as unit_text)
    std::map<std::string, int> unknownUnitRows;   // the same names with their rows (core/unit_suggestions.hpp)
    // Sheets left out, each with why in Chinese: hidden sheets (not asked
    // for by name), sheets whose content is missing from the file.
    std::vector<std::string> notes;

    int rowsRead() const;
    int rowsImported() const;
    int rowsUpdated() const;
    int rowsSkipped() const;
};

struct ImportProgress {
    int fileIndex = 0, fileCount = 0;     // the file being read (0-based) of how many
    std::uint64_t bytesDone = 0, bytesTotal = 0;   // of that file
    int rowsRead = 0;                     // data rows validated so far, all files
    double fraction() const;              // 0 … 1 over all files
};

struct RosterImportRequest {
    RosterKind kind = RosterKind::Volunteers;
    std::vector<std::string> files;
    std::vector<std::string> sheets;      // empty: every visible sheet
    // The user's corrected mapping by sheet name; other sheets find their header.
    std::map<std::string, Mapping> mappings;
    bool dryRun = false;                  // validate and report, write nothing
    std::string today;                    // YYYY-MM-DD; empty: today
    // What the 服务时长 column means and the date the roster is as of (empty:
    // today); see core/roster_hours.hpp.
    HoursBasis hours;
    bool keepProblemRows = false;         // fill SheetImportReport::problemRows
    // A row whose ID number is stored under another name (叶颖 stored, 叶英 in
    // the file) is not applied and reported as name_differs, unless this is
    // set: then the roster's name replaces the stored one.
    bool acceptRenames = false;
    // 所属社区 names the user mapped to an existing 社区/村 (向阳社区居委会 →
    // the id of 向阳社区): rows naming them are placed in that unit as if the
    // file had its name. Only for this run; nothing is remembered. A target
    // that is no 社区/村 stops the run with nothing written.
    std::map<std::string, RowId> unitAliases;
    // Called often (every reader chunk, every 1000 rows), from the importing
    // thread or the file-reading thread it starts, never from both at once.
    std::function<void(const ImportProgress&)> progress;
    // Set from any thread to stop: the run rolls back and reports Cancelled.
    const std::atomic<bool>* cancel = nullptr;
    // Called after every file, before the commit (also on a dry run): a
    // non-empty Chinese message stops the run with nothing written.
    std::function<std::string(const std::vector<FileImportReport>&)> beforeCommit;
};

inline constexpr std::size_t kMaxProblemRows = 100000;

struct RosterImportResult {
    enum class Status { Committed, DryRun, Cancelled, Failed };
    Status status = Status::Failed;
    std::vector<FileImportReport> files;  // the files handled (before the failing one)
    std::string error;                    // Failed: what is wrong, ending in （未写入任何数据）
    std::string errorCode;                // Failed: "unsupported_format" (a file refused), "out_of_memory",
                                          // "storage_error", "report_not_written"
};

bool cancelled(const RosterImportRequest& request);

// The JSON report: {"files":[…]} (the CLI's --report-json), and one file's
// object (kept in the batch's report_json).
std::string importReportJson(const std::vector<FileImportReport>& files);
// The same for a run that failed: {"files":[…],"error":{"code":…,"message":…}}.
std::string importReportJson(const std::vector<FileImportReport>& files, const std::string& errorCode,
                             const std::string& errorMessage);
std::string fileImportReportJson(const FileImportReport& file);

// The problem list the community fixes and sends back: one line per bad row
// (工作表, 行号 as Excel shows it, 问题列, 问题说明) followed by the row's own
// cells under their source headers (every sheet's headers, in order of first
// appearance), and one line per sheet that could not be imported at all.
// Warnings (unknown columns) are left out: they are not the community's to fix.
ExportTable problemListTable(const std::vector<FileImportReport>& files);


// ------------------------------------------------------------ the validating stage

// Progress shared by the reader's byte callback (on the reading thread) and
// the storing side's row count (on the importing thread): one lock, so the
// caller's callback is never entered twice at once and always sees a whole state.
class ImportProgressState {
public:
    ImportProgressState(const RosterImportRequest& request, int fileCount);
    void startFile(int index);
    void rowRead();
    // A sheet::ReadOptions::progress callback; `context` is this object.
    static void onBytes(void* context, std::uint64_t done, std::uint64_t total);

private:
    void report() const;
    const RosterImportRequest& m_request;
    std::mutex m_lock;
    ImportProgress m_progress;
};

// Validated rows on their way to the store, in file order.
struct Validated {
    enum class Kind { BeginSheet, Rows, EndSheet, Done };
    Kind kind = Kind::Rows;
    std::string sheetName;                       // BeginSheet
    std::vector<RowOutcome> outcomes;            // Rows; EndSheet: the rows decided at the end
    std::vector<ProblemRow> problemRows;         // the cells of this message's rejected rows
    // EndSheet:
    std::optional<Mapping> mapping;
    std::vector<Problem> sheetProblems;
};

// Reads `path` (listed as `info`) and validates its rows on two more threads;
// `take` gets every block on the calling thread, in file order (Done is not
// passed on). `problemRowsKept` is how many problem rows the run holds already
// (kMaxProblemRows is for the whole run); `seenIds` the run's ID numbers. An
// exception from `take` stops the reading and leaves from here after both
// threads have ended.
sheet::ReadResult readValidated(const std::string& path, const RosterImportRequest& request,
                                const sheet::FileInfo& info, std::size_t problemRowsKept, SeenIdNumbers& seenIds,
                                const sheet::ReadOptions& options, const std::function<void(Validated&)>& take);

} // namespace jinguo::roster
