// file_menu.hpp — the shell's 文件 menu: 新建数据库…, 打开数据库…, 打开示例数据,
// 最近打开 (files that no longer exist greyed), 另存为… (a consistent copy that
// becomes the open database). Each asks about unsaved form edits first
// (leave_guard.hpp), then leaves AppState::openRequest for the window to act
// on between frames (database_session.hpp). Keys: "file.menu", "file.new",
// "file.open", "file.demo", "file.recent.N", "file.saveas"; the 新建 form
// "file.form.*", the pickers "file.picker.*" / "file.saveas_picker.*".
#pragma once

#include "ui/app_state.hpp"
#include "ui/copy_dialog.hpp"
#include "ui/file_picker.hpp"
#include "ui/open_dialog.hpp"
#include "ui/screen_first_run.hpp"
#include "ui/task_runner.hpp"

#include <string>

namespace jinguo::ui {

struct FileMenu {
    NewDatabaseForm form;
    bool newRequested = false;   // the 新建 window opens on the next draw
    OpenDialog openDialog;       // 打开: a file or a server
    // A server asked for by 打开 → 服务器 or 最近打开: when its open is
    // refused, the 服务器 tab comes back with the reason under its fields.
    std::string serverAwaiting;
    FilePicker saveAsPicker;
    CopyDialog copyDialog;   // 另存到服务器或新文件… ("file.copy_to")
    // 打开示例数据: the demo written off the frame loop; when it is done the
    // window switches to it (a refusal goes to AppState::fileError). Key of
    // the 正在生成示例数据 line beside 文件: "file.demo_progress".
    Task<std::string> demoJob;
};

FileMenu& fileMenu(AppState& app);   // the shell's (app_shell.cpp)

// The 文件 button (with its menu) and, for the demo, the 示例 badge beside it.
void drawFileMenu(AppState& app, FileMenu& menu);
// A refused 新建/打开/另存为, in red with 知道了 ("file.error.dismiss").
void drawFileError(AppState& app);

} // namespace jinguo::ui
