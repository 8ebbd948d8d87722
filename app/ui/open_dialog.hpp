// open_dialog.hpp — 打开数据库: a file (the folder browser, file_picker.hpp)
// or a server (the 服务器 tab, server_fields.hpp), in one modal window. Used
// by 文件 → 打开 and the first-run screen.
#pragma once

#include "ui/file_picker.hpp"
#include "ui/server_fields.hpp"

#include <string>

namespace jinguo::ui {

struct OpenDialog {
    FilePicker files;
    ServerFields server;
    bool requestOpen = false;        // open it on the next frame
    bool selectServerTab = false;    // …with 服务器 in front (a server open that failed, a server open now)
};

// What was chosen: a file path, or a server's connection string (no
// password: that is the session's, storage::setSessionPassword).
struct OpenChoice {
    std::string path;
};

// Prepares both tabs from `current` (a file: the browser starts beside it;
// a server: its fields, the 服务器 tab in front).
void resetOpenDialog(OpenDialog& dialog, const std::string& current);

// The modal window titled `title`; keys: key.* for the browser (as
// drawFilePickerModal), key.server.* for the fields, key.tab.file,
// key.tab.server, key.cancel. Returns true on the frame something was
// chosen (the window then closes) and fills `choice`.
bool drawOpenDialog(const NoteText& noteText, OpenDialog& dialog, const char* title, const char* key, OpenChoice& choice);

} // namespace jinguo::ui
