// copy_dialog.hpp — 文件 → 另存到服务器或新文件…: the open database copied
// whole to an empty PostgreSQL database or a new file
// (storage::copyDatabase, on a Task with a progress bar), then 打开副本.
// Keys: "copy.to_server", "copy.to_file", "copy.server.*" (server_fields),
// "copy.path", "copy.start", "copy.cancel", "copy.open", "copy.close".
#pragma once

#include "storage/database_copy.hpp"
#include "ui/app_state.hpp"
#include "ui/server_fields.hpp"
#include "ui/task_runner.hpp"

#include <string>

namespace jinguo::ui {

struct CopyDialog {
    bool requestOpen = false;
    bool toServer = true;
    ServerFields server;
    std::string filePath;
    std::string problem;   // why 开始复制 was not started (Chinese)
    std::string target;    // what the running or finished copy writes
    std::string shownTarget;
    Task<storage::CopyReport> job;
};

// Clears the last run and suggests "<name>-副本.db" beside the open file.
void openCopyDialog(AppState& app, CopyDialog& dialog);

// Draws the modal while it is open. Returns what to open when the user chose
// 打开副本 (a server without its password: it is never stored), else "".
std::string drawCopyDialog(AppState& app, CopyDialog& dialog);

} // namespace jinguo::ui
