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
#pragma once

#include "core/table_export.hpp"
#include "ui/app_state.hpp"
#include "ui/file_picker.hpp"

#include <functional>
#include <string>

namespace jinguo::ui {

enum class ExportList { Volunteers, Families };

struct ExportButtons {
    bool unmasked = false;     // 显示完整证件号: ID numbers and phones in full
    FilePicker picker;
    std::string message;       // the last outcome: 已导出… or why it failed
    bool failed = false;
    int rowsWritten = 0;       // of the last export that succeeded
};

// Builds the table to export; `unmasked` says whether ID numbers and phones
// are written in full.
using ExportTableBuilder = std::function<ExportTable(bool unmasked)>;

// The file name proposed for a list: 志愿者名单-2026-11-29.xlsx
std::string exportFileName(const std::string& what, const std::string& today, const std::string& extension);
std::string suggestedExportName(ExportList list, const std::string& today, const std::string& extension);

// Writes `table` to `path` now; sets state.message. `masked` adds the note
// that IDs and phones were masked. Returns true when written.
bool exportTableTo(AppState& app, ExportButtons& state, const ExportTable& table, const std::string& path,
                   bool masked);
// Writes the whole stored list to `path` (the import screen's buttons).
bool exportListTo(AppState& app, ExportButtons& state, ExportList list, const std::string& path);

// The 导出 button and its popup. `what` names the file (志愿者名单);
// `hasIdColumns` shows 显示完整证件号. `key` prefixes the locator keys
// (key, key.xlsx, key.csv, key.unmask, key.picker.*).
void drawExportMenu(AppState& app, ExportButtons& state, const char* what, bool hasIdColumns,
                    const ExportTableBuilder& build, const char* key);

// The two buttons and, for lists with ID numbers, the checkbox. `key`
// prefixes the locator keys (key.xlsx, key.csv, key.unmask, key.picker.*).
void drawExportButtons(AppState& app, ExportButtons& state, ExportList list, const char* key);

} // namespace jinguo::ui
