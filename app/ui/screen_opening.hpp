// screen_opening.hpp — the window of a long open: an old big file's upgrade
// (backup, migrations, pinyin keys) or a big file's check, step by step.
// The open itself runs on its own thread (app/gui/gui_main.cpp); this draws
// what storage/open_progress.hpp says it is doing.
#pragma once

#include "storage/open_progress.hpp"

#include <string>

namespace jinguo::ui {

// The line naming the step under way, in Chinese.
std::string openingStepText(const storage::OpenProgress& progress);
// How far the step is, 0–1; negative when it cannot be told (a migration's one statement).
float openingFraction(const storage::OpenProgress& progress);

// One frame of the screen, filling the window. `closeAsked`: the close button
// was pressed (an upgrade cannot stop half-way: the screen says why it stays).
void drawOpeningScreen(const storage::OpenProgress& progress, const std::string& path, double elapsedSeconds,
                       bool closeAsked);

} // namespace jinguo::ui
