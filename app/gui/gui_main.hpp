// gui_main.hpp — runs the windowed app on an open database.
#pragma once

#include "storage/storage.hpp"
#include "core/preferences.hpp"
#include "ui/app_state.hpp"
#include "ui/database_session.hpp"

#include <memory>

#include <string>

namespace jinguo::gui {

struct GuiOptions {
    ui::Section section = ui::Section::Overview;   // --section
    std::string screenshotPath;                    // --screenshot: write a PNG …
    int screenshotAfterFrames = 0;                 // … after this many frames, then quit
    bool demo = false;                             // the demo database, opened for lack of the user's
    std::string notice;                            // said at the top of the window (a restore just done)
    ui::DatabasePlaces places;                     // the standard database and demo paths
    Preferences preferences;                       // read at start (last database, recent, window)
    std::string preferencesPath;                   // where they are kept ("" : not written)
};

// Returns the process exit code.
// The window keeps the database open and may switch to another (文件 menu).
int runGui(std::unique_ptr<storage::Storage> storage, const GuiOptions& options);

// No database yet: the first-run window (ui/screen_first_run.hpp). Returns the
// database to open (new, existing or the demo; `demo` says which), or "" to quit.
std::string showFirstRun(const GuiOptions& options, bool& demo);

// A start-up error (the database cannot be opened) in a window of its own
// with a 关闭 button, so a user who started Jinguo from the menu sees it; the
// caller has already printed it on stderr. Without a display it does nothing
// more. --screenshot takes a picture after its frames. Returns 1.
int showStartupError(const std::string& message, const GuiOptions& options);

// What the user chose in the window shown when the database at `path` could
// not be opened (ui/screen_open_failed.hpp): a path to open now (the same
// one after a restore or 重试, or another database), or "" to quit. `notice`
// receives what the main window should say (where a damaged file was kept).
// Without a display: "" at once (the caller printed the error).
std::string showOpenFailed(const std::string& path, const storage::OpenError& error, const GuiOptions& options,
                           std::string& notice);

} // namespace jinguo::gui
