// screen_help.hpp — 帮助 (F1 opens it): 使用说明, the year's work in order with
// the keys and where the files are, and 关于 (version, database, data and
// backup folders, licence).
#pragma once

#include "ui/app_state.hpp"

namespace jinguo::ui {

struct HelpScreen {
    int tab = 0;   // 0 使用说明, 1 关于
};

void drawHelpScreen(AppState& app, HelpScreen& screen);

} // namespace jinguo::ui
