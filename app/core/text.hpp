// text.hpp — small UTF-8 helpers the rules, the importer and the UI share.
#pragma once

#include <string>
#include <string_view>

namespace jinguo {

// Decodes UTF-8; invalid bytes become U+FFFD.
std::u32string utf8ToCodepoints(std::string_view utf8);
std::string codepointsToUtf8(std::u32string_view codepoints);
void appendUtf8(std::string& out, char32_t codepoint);

// Full-width ASCII (U+FF01–U+FF5E) to ASCII, U+3000 and no-break spaces to a
// plain space. Everything else is kept as it is (a '·' in a name stays).
std::string foldFullWidth(std::string_view utf8);

// Trims ASCII and CJK whitespace at both ends.
std::string trim(std::string_view utf8);

// A person's name as users mean it: full-width folded, trimmed, and stray
// spaces inside removed ("张 三" → "张三"); a middle dot is kept.
std::string normalizeName(std::string_view utf8);

// True when any code point lies beyond U+FFFF: such text cannot pass through
// an ImGui widget of this build (16-bit ImWchar) without being corrupted.
bool hasCodepointsBeyondBmp(std::string_view utf8);

// Number of code points (for column widths and limits).
std::size_t codepointCount(std::string_view utf8);

// Case-folded ASCII containment, bytes as they are otherwise (Chinese text
// has no case).
bool containsFolded(std::string_view haystack, std::string_view needle);

// A real calendar date in YYYY-MM-DD form.
bool isIsoDate(std::string_view text);

} // namespace jinguo
