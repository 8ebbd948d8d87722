// screen_import.hpp — 导入: the import wizard, the import batches (撤销 per
// batch) and the list exports.
//
// Wizard: what is imported (volunteers, families, units, targets, indicators;
// 保存导入模板 saves that kind's example file) → file (picker, or dropped on the window) → sheets → preview of the
// first rows with the detected header and a combo per column to correct the
// mapping → check (a dry run: every problem per row, with Excel's row number)
// → import → result (保存问题清单 as .xlsx). The check and the import run on
// a worker thread with their own Storage connection, with a progress bar and
// 取消 (cancel rolls back: nothing written); one run is one transaction and
// one batch per file (storage::runRosterImport, shared with `jinguo import`).
#pragma once

#include "core/model.hpp"
#include "core/roster_mapping.hpp"
#include "core/spreadsheet.hpp"
#include "core/unit_suggestions.hpp"
#include "storage/roster_import.hpp"
#include "ui/app_state.hpp"
#include "ui/export_buttons.hpp"
#include "ui/file_picker.hpp"
#include "ui/record_list.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::ui {

struct ImportSheetChoice {
    std::string name;
    bool hidden = false;        // hidden in Excel/WPS: usually a drop-down's choices
    bool chosen = false;
};

struct ImportSheetPreview {
    std::string name;
    std::vector<sheet::Row> rows;            // the first rows of the sheet
    std::optional<roster::Mapping> mapping;  // detected, then as the user corrected it
    std::string message;                     // why no header was found, or the read failed
    int columnCount = 0;
};

// A problem as the tables show it.
struct ImportProblemLine {
    std::string sheet;
    int row = 0;                // Excel's row number
    std::string column;
    std::string message;
    bool warning = false;       // unknown column: ignored, not a bad row
    std::string code;           // the report's code (name_differs …)
};

// A 所属社区 the check found no 社区/村 for, and what the user chose for it.
struct ImportUnknownUnit {
    roster::UnknownUnitName found;          // name, rows, close 社区/村 (core/unit_suggestions.hpp)
    int choice = 0;                         // 0 新建; 1…n the n-th suggestion; n + 1 another unit (mapTo)
    RowId mapTo = 0;                        // the other 社区/村 picked
};

struct ImportScreen {
    enum class Step { File, Sheets, Preview, Check, Result };
    Step step = Step::File;
    int tab = 0;                             // 0 wizard, 1 batches, 2 exports (for tests: selects the tab once)
    bool selectTab = false;
    roster::RosterKind kind = roster::RosterKind::Volunteers;
    FilePicker picker;
    std::string file;
    sheet::FileInfo info;
    std::string error;                       // why the file or the run failed (Chinese)
    std::vector<ImportSheetChoice> sheets;
    std::vector<std::string> unreadableSheets;   // named by the workbook, content missing: skipped
    std::vector<ImportSheetPreview> previews;   // the chosen sheets
    int previewIndex = 0;
    // What the 服务时长 column means (core/roster_hours.hpp), asked on the
    // preview step when a volunteer sheet has one: 0 累计总时长, 1 某一时期.
    int hoursMeaning = 0;
    std::string hoursPeriod;                 // 2026Q1 … (hoursMeaning 1)
    std::string hoursAsOf;                   // YYYY-MM-DD the roster is as of; empty: today
    // ---- the run (check = dry run, then the import)
    Task<storage::RosterImportResult> job;   // its own read-write connection
    bool jobDryRun = true;                   // what `job` runs: the check or the import
    std::optional<storage::RosterImportResult> checkResult;
    std::optional<storage::RosterImportResult> importResult;
    std::vector<ImportProblemLine> problems; // of the last finished run
    int nameDiffers = 0;                     // rows of the check whose ID is stored under another name
    bool acceptRenames = false;              // 按花名册更新姓名: the import renames those people
    std::string outcome;                     // the last run's summary line
    // ---- 所属社区 not in 组织 (listed after a check): 新建 under one 街道/镇
    // in one undo step, or 归入 an existing 社区/村 (an alias of this run only)
    std::vector<ImportUnknownUnit> unknownUnits;
    std::map<std::string, RowId> unitAliases; // applied to the checks and the import of this file
    RowId createUnder = 0;                   // the 街道/镇 picked for 新建
    std::string unknownMessage;              // what 新建/归入 did, or why not (Chinese)
    bool unknownFailed = false;
    UnitTree unitTree;                       // for the pickers; loaded with the check's result
    std::unique_ptr<PinyinIndex> pinyin;     // made the first time it is needed
    FilePicker templatePicker;               // 保存导入模板: where to save the chosen kind's template
    std::string templateMessage;
    bool templateFailed = false;
    FilePicker problemPicker;
    std::string problemMessage;
    bool problemFailed = false;
    // ---- import batches (cached per storage revision)
    std::uint64_t batchesRevision = 0;
    std::vector<ImportBatch> batches;
    RowId confirmUndo = 0;
    std::string batchMessage;
    // An undo runs as a task with its own connection (a batch of a million
    // people takes seconds): its outcome line, or the error in Chinese.
    Task<std::string> undoing;
    RowId undoingBatch = 0;
    // ---- list exports
    ExportButtons volunteersExport;
    ExportButtons familiesExport;

    ImportScreen();
    ~ImportScreen();   // the tasks cancel and wait for their runs
    ImportScreen(const ImportScreen&) = delete;
    ImportScreen& operator=(const ImportScreen&) = delete;
};

void drawImportScreen(AppState& app, ImportScreen& screen);

// Opens `path` in the wizard as if picked (a file dropped on the window).
void openImportFile(AppState& app, ImportScreen& screen, const std::string& path);

// Files dropped on the window: switches to 导入 and opens the first one in
// the wizard (one file per import; a note says when others were left out).
void openDroppedFiles(AppState& app, const std::vector<std::string>& paths);

// Whether a check or an import has started and its result not been taken
// yet (the frame after it finished takes it).
bool importJobRunning(const ImportScreen& screen);

// The app's 导入 screen state (tests).
ImportScreen& importScreen(AppState& app);

} // namespace jinguo::ui
