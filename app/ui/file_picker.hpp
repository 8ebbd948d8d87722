// file_picker.hpp — choosing a file to open or a place to save, in ImGui
// (which has no file dialog): the folder's listing (std::filesystem, read once
// per folder, not per frame), shortcuts to 主目录 / 桌面 / 下载 / 上一级, a
// filter by extension, and a path field one can paste a whole path into.
//
// drawFileBrowser draws it inline (the import wizard's first step);
// drawFilePickerModal draws it in a modal window (where to save an export).
#pragma once

#include "ui/app_state.hpp"
#include "ui/note_text.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

struct FilePicker {
    enum class Mode { Open, Save };
    Mode mode = Mode::Open;
    std::vector<std::string> extensions;   // lower case with the dot: ".xlsx"; Save: the first is added when missing
    // Open: files that are not among `extensions` but that the user can turn
    // into one (a .xls to save as .xlsx): this returns the advice for such a
    // path (Chinese, in the error colour when chosen) and "" for any other.
    // They are listed greyed with kPickNeedsXlsx and never accepted.
    std::string (*advice)(const std::string& path) = nullptr;
    std::string directory;                 // the folder shown
    std::string path;                      // the path field: the chosen file (typed, pasted or clicked)
    std::string error;                     // why the last choice was refused (Chinese)
    bool confirmOverwrite = false;         // Save: the file exists; the next 保存 overwrites it
    bool requestOpen = false;              // modal: open it on the next frame
    // ---- the listing, read when `directory` changes
    struct Entry {
        std::string name;
        bool isDirectory = false;
        bool needsConversion = false;   // listed for `advice`, not openable as it is
        std::uintmax_t size = 0;
    };
    std::string listedDirectory;
    std::vector<Entry> entries;
    std::string listError;
};

// Prepares the picker: the mode, the extensions, where it starts. `suggested`
// is a file path (Save: the proposed name; Open: the last file) or a folder;
// empty: the home folder.
void resetFilePicker(FilePicker& picker, FilePicker::Mode mode, std::vector<std::string> extensions,
                     const std::string& suggested);

// Checks the path field: Open — an existing file with one of the extensions;
// Save — a file name in an existing folder, the extension added when missing,
// and a second confirmation for a file that exists. Returns true (and leaves
// the full path in picker.path) when the choice is good; else sets error.
bool acceptFilePath(FilePicker& picker);

// The browser inline; `key` prefixes the locator keys (key.path, key.ok,
// key.up, key.home, key.entry.NAME). Returns true on the frame a file was chosen.
bool drawFileBrowser(const NoteText& noteText, FilePicker& picker, const char* key, const char* okLabel, float height);
inline bool drawFileBrowser(AppState& app, FilePicker& picker, const char* key, const char* okLabel, float height) {
    return drawFileBrowser(app.noteText, picker, key, okLabel, height);
}

// The browser in a modal window titled `title`; set picker.requestOpen to show
// it. Returns true on the frame a file was chosen (the window then closes).
bool drawFilePickerModal(const NoteText& noteText, FilePicker& picker, const char* title, const char* key);
inline bool drawFilePickerModal(AppState& app, FilePicker& picker, const char* title, const char* key) {
    return drawFilePickerModal(app.noteText, picker, title, key);
}

// The user's home, 桌面 and 下载 folders (the Chinese or English names, as they exist).
std::string homeDirectory();
std::string desktopDirectory();
std::string downloadsDirectory();

} // namespace jinguo::ui
