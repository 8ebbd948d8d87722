// ui_strings.hpp — the interface's fixed Chinese strings as constants, so a
// screen's code reads as logic; see ui_strings.inc for the list.
#pragma once

#include <string_view>

namespace jinguo::ui::str {

#define JINGUO_UI_STRING(id, text) inline constexpr const char id[] = text;
#include "ui/ui_strings.inc"
#undef JINGUO_UI_STRING

// All of the strings above, concatenated: the font loader builds glyphs for
// exactly these characters (plus those in the data).
std::string_view allText();

} // namespace jinguo::ui::str
