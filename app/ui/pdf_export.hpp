// pdf_export.hpp — the 导出PDF button: asks where (the export's file picker),
// writes the PDF on a worker (report/reports.hpp, its own read-only
// connection) and says where it wrote, or why it could not.
#pragma once

#include "ui/app_state.hpp"
#include "ui/file_picker.hpp"
#include "ui/task_runner.hpp"

#include <functional>
#include <string>

namespace jinguo::ui {

struct PdfExportOutcome {
    std::string path;
    std::string error;   // Chinese; empty when written
    int pages = 0;
};

struct PdfExportButton {
    FilePicker picker;
    Task<PdfExportOutcome> job;
    std::string message;   // the last outcome: 已导出PDF：… or why it failed
    bool failed = false;
};

// Writes the report to `path` from `storage` (a worker's connection); returns
// "" or a Chinese message and sets *pages.
using PdfWriter = std::function<std::string(storage::Storage& storage, const std::string& path, int* pages)>;

// The button, its picker and its message. `what` names the proposed file
// (年度数据-临江区-2026 → 年度数据-临江区-2026-2026-12-06.pdf); `key`
// prefixes the locator keys (key, key.picker.*).
void drawPdfExportButton(AppState& app, PdfExportButton& state, const std::string& what, PdfWriter writer,
                         const char* key);

} // namespace jinguo::ui
