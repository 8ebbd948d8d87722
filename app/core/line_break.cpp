// line_break.cpp — see line_break.hpp.
#include "core/line_break.hpp"

namespace jinguo {

namespace {

// The code point starting at text[at] and its length in bytes.
char32_t codePointAt(std::string_view text, std::size_t at, std::size_t& length) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (at + length > text.size()) length = 1;
    if (length == 1) return lead;
    char32_t cp = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (std::size_t i = 1; i < length; ++i) cp = (cp << 6) | (byte(at + i) & 0x3F);
    return cp;
}

bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool isLatin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool closesOrPauses(char32_t c) {
    for (char32_t p : U"，。、：；！？）】》”’」』,.;:!?)]%")
        if (c == p) return true;
    return false;
}
bool opens(char32_t c) {
    for (char32_t p : U"（【《“‘「『([")
        if (c == p) return true;
    return false;
}

// May a line end between `before` and `after` (`afterNext`: the one after it)?
bool mayBreak(char32_t before, char32_t after, char32_t afterNext) {
    if (after == ' ') return false;   // the space goes with the line before
    if (closesOrPauses(after) || opens(before)) return false;
    // A number: 2,699,811 and 1.5 stay whole (a , or . between digits).
    if (isDigit(before) && (isDigit(after) || ((after == ',' || after == '.') && isDigit(afterNext)))) return false;
    if ((before == ',' || before == '.') && isDigit(after)) return false;
    if ((isLatin(before) || isDigit(before)) && (isLatin(after) || isDigit(after))) return false;
    return true;
}

} // namespace

std::vector<std::string> breakLines(std::string_view text, float width,
                                    const std::function<float(std::string_view)>& measure) {
    std::vector<std::string> lines;
    std::size_t lineStart = 0;
    while (lineStart <= text.size()) {
        const std::size_t newline = text.find('\n', lineStart);
        const std::string_view paragraph =
            text.substr(lineStart, newline == std::string_view::npos ? std::string_view::npos : newline - lineStart);
        // Break points of the paragraph (byte offsets), with the code points around them.
        std::vector<std::size_t> starts;
        std::vector<char32_t> points;
        for (std::size_t at = 0; at < paragraph.size();) {
            std::size_t length = 1;
            points.push_back(codePointAt(paragraph, at, length));
            starts.push_back(at);
            at += length;
        }
        std::size_t from = 0;   // index into points of the current line's start
        while (from < points.size()) {
            std::size_t lastBreak = 0;   // index of the char a line may start at (0: none yet)
            std::size_t end = from + 1;
            for (; end < points.size(); ++end) {
                const char32_t next = end + 1 < points.size() ? points[end + 1] : 0;
                const bool allowed = mayBreak(points[end - 1], points[end], next);
                const std::size_t endByte = end + 1 < points.size() ? starts[end + 1] : paragraph.size();
                if (measure(paragraph.substr(starts[from], endByte - starts[from])) > width) {
                    if (allowed) lastBreak = end;
                    break;
                }
                if (allowed) lastBreak = end;
            }
            if (end >= points.size()) {
                lines.emplace_back(paragraph.substr(starts[from]));
                break;
            }
            const std::size_t cut = lastBreak > from ? lastBreak : end;   // nothing allowed: overflow to the next point
            std::size_t stop = cut;
            // Let an unbreakable piece overflow rather than split it.
            if (lastBreak <= from) {
                while (stop < points.size() && !mayBreak(points[stop - 1], points[stop], stop + 1 < points.size() ? points[stop + 1] : 0))
                    ++stop;
            }
            const std::size_t stopByte = stop < points.size() ? starts[stop] : paragraph.size();
            lines.emplace_back(paragraph.substr(starts[from], stopByte - starts[from]));
            from = stop;
            while (from < points.size() && points[from] == ' ') ++from;   // no line starts with a space
        }
        if (points.empty()) lines.emplace_back();
        if (newline == std::string_view::npos) break;
        lineStart = newline + 1;
    }
    return lines;
}

} // namespace jinguo
