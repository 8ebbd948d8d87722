// note_text.hpp — the callback that tells the font loader about text about
// to be shown or typed (AppState::noteText). Widgets that also serve windows
// without an AppState (the start-up recovery window) take it directly.
#pragma once

#include <functional>
#include <string_view>

namespace jinguo::ui {

using NoteText = std::function<void(std::string_view)>;

} // namespace jinguo::ui
