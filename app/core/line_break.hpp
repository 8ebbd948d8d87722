// line_break.hpp — where a line of Chinese text may break (UI-free).
//
// ImGui 1.86 wraps only at spaces and after ASCII punctuation, so a Chinese
// sentence without spaces broke inside a grouped number ("共2,699,\n811行"):
// the commas were its only break points. Chinese text may break between
// any two characters, except inside a number (digits with their , and .),
// inside a run of Latin letters, before closing punctuation and after
// opening punctuation.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

// `text` cut into lines no wider than `width` as `measure` (the width of a
// piece of text) sees them, at the allowed points; a piece that cannot be
// cut (a number wider than the line) overflows rather than splitting.
// Existing '\n' are kept as line ends.
std::vector<std::string> breakLines(std::string_view text, float width,
                                    const std::function<float(std::string_view)>& measure);

} // namespace jinguo
