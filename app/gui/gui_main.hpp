// gui_main.hpp — runs the windowed app on an open database.
#pragma once

#include "storage/storage.hpp"
#include "ui/app_state.hpp"

#include <string>

namespace jinguo::gui {

struct GuiOptions {
    ui::Section section = ui::Section::Overview;   // --section
    std::string screenshotPath;                    // --screenshot: write a PNG …
    int screenshotAfterFrames = 0;                 // … after this many frames, then quit
    bool demo = false;                             // the demo database, opened for lack of the user's
};

// Returns the process exit code.
int runGui(storage::Storage& storage, const GuiOptions& options);

// A start-up error (the database cannot be opened) in a window of its own
// with a 关闭 button, so a user who started Jinguo from the menu sees it; the
// caller has already printed it on stderr. Without a display it does nothing
// more. --screenshot takes a picture after its frames. Returns 1.
int showStartupError(const std::string& message, const GuiOptions& options);

} // namespace jinguo::gui
