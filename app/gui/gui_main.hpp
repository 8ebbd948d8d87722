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

} // namespace jinguo::gui
