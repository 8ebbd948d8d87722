// export_buttons.hpp — exporting a list as .xlsx or CSV, with 显示完整证件号
// (ID numbers and phones are masked unless the user ticks it) and a file
// picker for the target. Writes through core/table_export: .xlsx with ID and
// phone as text cells, CSV in UTF-8 with a BOM.
//
// Two forms:
//  - drawExportMenu: one 导出 button opening a small popup (导出 Excel, 导出 CSV,
//    显示完整证件号), for the list screens. The screen hands a function that
//    builds the table from what it shows now (filter, search, sort), called
//    once the place is chosen, so the file holds exactly the rows on screen.
//  - drawExportButtons: the whole stored 志愿者 / 家庭 list (导入 → 导出名单).
//
// Reading and writing run on a Task (issue 17: 志愿者's million rows took far
// longer than a frame) with the export's own read-only connection: the frame
// shows a progress line and 取消. The file is written beside the target and
// renamed at the end (core/table_export), so a failure or a cancel never
// leaves a half-written file.
#pragma once

#include "core/table_export.hpp"
#include "ui/app_state.hpp"
#include "ui/file_picker.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace jinguo::ui {

enum class ExportList { Volunteers, Families };

// What an export's Task hands back.
struct ExportOutcome {
    std::string path;
    std::string error;          // Chinese; empty when written or cancelled
    std::int64_t rows = 0;      // rows written
    bool cancelled = false;
    bool masked = false;        // IDs and phones were masked (the message says so)
};

struct ExportButtons {
    bool unmasked = false;     // 显示完整证件号: ID numbers and phones in full
    FilePicker picker;
    std::string message;       // the last outcome: 已导出… or why it failed
    bool failed = false;
    int rowsWritten = 0;       // of the last export that succeeded
    Task<ExportOutcome> job;   // the export running off the frame loop
    std::int64_t expectedRows = 0;   // of the running export, for its progress line (0: unknown)
};

// Thrown by ExportProgress::rowRead once 取消 was clicked: a reader needs no check of its own.
struct ExportCancelled : std::runtime_error {
    ExportCancelled() : std::runtime_error(kExportCancelled) {}
};

// What a reader on the export's Task reports: each row it reads.
class ExportProgress {
public:
    explicit ExportProgress(TaskControl* control = nullptr, std::int64_t expected = 0)
        : m_control(control), m_expected(expected) {}
    // Counts a row; every 256 rows publishes the count and throws ExportCancelled when cancelled.
    void rowRead() {
        if (++m_rows % 256 != 0 || !m_control) return;
        m_control->setProgress(m_expected > 0 ? static_cast<double>(m_rows) / static_cast<double>(m_expected) : 0.0,
                               m_rows);
        if (m_control->cancelled()) throw ExportCancelled();
    }
    std::int64_t rows() const { return m_rows; }

private:
    TaskControl* m_control;
    std::int64_t m_expected;
    std::int64_t m_rows = 0;
};

// Reads the rows to export from `own` (the Task's own connection) into
// `out` (begin with the table's shape, then row by row: the file is written
// as the rows are read, never held whole — a million people peaked at
// 839 MiB that way). Holds everything it needs by value: it runs off the UI
// thread, after the frame that started it.
using ExportReader = std::function<void(storage::Storage& own, ExportProgress& progress, ExportRowSink& out)>;
// Makes the reader of what the screen shows now; `unmasked` says whether ID
// numbers and phones are written in full. Called on the UI thread once the
// place is chosen.
using ExportReaderFor = std::function<ExportReader(bool unmasked)>;

// Builds the table to export from what a screen holds in memory (a short
// list); `unmasked` as above. Built on the UI thread, written on the Task.
using ExportTableBuilder = std::function<ExportTable(bool unmasked)>;

// The file name proposed for a list: 志愿者名单-2026-11-29.xlsx
std::string exportFileName(const std::string& what, const std::string& today, const std::string& extension);
std::string suggestedExportName(ExportList list, const std::string& today, const std::string& extension);

// Starts the export of what `reader` reads to `path` on state.job (the
// pickers call it; tests may too). `masked` adds the note that IDs and
// phones were masked.
void startExport(AppState& app, ExportButtons& state, ExportReader reader, const std::string& path, bool masked,
                 std::int64_t expectedRows);
// The body of that Task, callable directly: reads, writes beside `path`,
// renames. Never throws: a failure is a Chinese `error`.
ExportOutcome runExport(const std::string& dbPath, const ExportReader& reader, const std::string& path, bool masked,
                        TaskControl* control, std::int64_t expectedRows);

// The 导出 button and its popup. `what` names the file (志愿者名单);
// `hasIdColumns` shows 显示完整证件号; `expectedRows` (the shown count, 0
// when unknown) scales the progress line. `key` prefixes the locator keys
// (key, key.xlsx, key.csv, key.unmask, key.picker.*, key.progress, key.cancel).
void drawExportMenu(AppState& app, ExportButtons& state, const char* what, bool hasIdColumns,
                    const ExportReaderFor& readerFor, std::int64_t expectedRows, const char* key);
// The same for a table built from memory.
void drawExportMenu(AppState& app, ExportButtons& state, const char* what, bool hasIdColumns,
                    const ExportTableBuilder& build, const char* key);

// The two buttons and, for lists with ID numbers, the checkbox. `key`
// prefixes the locator keys (key.xlsx, key.csv, key.unmask, key.picker.*).
void drawExportButtons(AppState& app, ExportButtons& state, ExportList list, const char* key);

} // namespace jinguo::ui
