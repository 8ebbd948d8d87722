// export_buttons.hpp — 导出 Excel / 导出 CSV for a list, with 显示完整证件号
// (ID numbers and phones are masked unless the user ticks it) and a file
// picker for the target. Writes through core/table_export: .xlsx with ID and
// phone as text cells, CSV in UTF-8 with a BOM. One call per list on a screen:
//     drawExportButtons(app, screen.exportState, ExportList::Volunteers, "volunteers.export");
#pragma once

#include "ui/app_state.hpp"
#include "ui/file_picker.hpp"

#include <string>

namespace jinguo::ui {

enum class ExportList { Volunteers, Families };

struct ExportButtons {
    bool unmasked = false;     // 显示完整证件号: ID numbers and phones in full
    FilePicker picker;
    std::string message;       // the last outcome: 已导出… or why it failed
    bool failed = false;
};

// The file name proposed for a list: 志愿者名单_2026-11-29.xlsx
std::string suggestedExportName(ExportList list, const std::string& today, const std::string& extension);

// Writes the list to `path` now (the buttons call this once the place is
// chosen); sets state.message. Returns true when written.
bool exportListTo(AppState& app, ExportButtons& state, ExportList list, const std::string& path);

// The two buttons and, for lists with ID numbers, the checkbox. `key`
// prefixes the locator keys (key.xlsx, key.csv, key.unmask, key.picker.*).
void drawExportButtons(AppState& app, ExportButtons& state, ExportList list, const char* key);

} // namespace jinguo::ui
