// screen_first_run.hpp — the window shown when there is no database yet (no
// --db, no database remembered, none at the standard place): instead of a
// message it offers the three ways in —
//   新建数据库: the district's name (the root 区 unit) and where to save,
//     proposed at the standard path (ui::createNewDatabase);
//   打开已有数据库: a file picker over .db files;
//   打开示例数据: the demo district written by the app itself into the
//     standard demo path (ui::createDemoDatabase), marked 示例 while open.
// Drawn without a Storage (there is none yet), like screen_open_failed; the
// caller (gui/gui_main) opens the chosen file. The 新建 form is also the 文件
// menu's (app_shell.cpp).
#pragma once

#include "ui/file_picker.hpp"
#include "ui/open_dialog.hpp"
#include "ui/note_text.hpp"
#include "ui/task_runner.hpp"

#include <string>

namespace jinguo::ui {

struct NewDatabaseForm {
    std::string district;
    std::string path;          // the proposal: the standard path, or beside it when taken
    FilePicker picker;         // 选择位置…
    std::string error;         // why 新建 was refused (Chinese)
};

// Empties the form and proposes `standardPath` (or 本区-2.db … beside it when taken).
void resetNewDatabaseForm(NewDatabaseForm& form, const std::string& standardPath);

// The form's fields and buttons, keys "<key>.district", "<key>.path",
// "<key>.choose", "<key>.create", "<key>.cancel" (`canCancel`). Returns true on
// the frame the database was created (form.path); sets *cancelled on 取消.
bool drawNewDatabaseForm(NewDatabaseForm& form, const NoteText& noteText, const char* key, bool canCancel,
                         bool* cancelled);

struct FirstRunScreen {
    std::string ownPath;       // the standard database path (新建's proposal)
    std::string demoPath;      // the standard demo path
    bool newPage = false;      // the 新建 form is shown
    NewDatabaseForm form;
    OpenDialog openDialog;   // 打开已有数据库: a file or a server
    Task<std::string> demoJob; // 打开示例数据: the demo written off the frame loop ("" or why not);
                               // meanwhile the window says 正在生成 ("first.demo_progress")
    std::string error;         // a demo that could not be written, a file refused
    // ---- the outcome
    std::string chosenPath;
    bool chosenDemo = false;
};

enum class FirstRunChoice { None, Open, Quit };

// One frame filling the viewport (keys "first.new", "first.open", "first.demo",
// "first.quit"; the form's "first.form.*"). Open: open chosenPath.
FirstRunChoice drawFirstRunScreen(FirstRunScreen& screen, const NoteText& noteText);

} // namespace jinguo::ui
