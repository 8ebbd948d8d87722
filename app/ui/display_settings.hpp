// display_settings.hpp — 设置 → 显示: the text size for older users and small
// screens (100–150 %, core/preferences.hpp's steps). Choosing one only sets
// AppState::fontScalePercent; the window applies it between frames (fonts
// cannot be rebuilt inside a frame) and the session writes it to the
// preferences (DatabaseSession::keepFontScale).
#pragma once

#include "ui/app_state.hpp"

namespace jinguo::ui {

// The tab's content; radio buttons located as "display.font_scale.<percent>".
void drawDisplayTab(AppState& app);

} // namespace jinguo::ui
