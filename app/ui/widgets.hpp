// widgets.hpp — small drawing helpers shared by the screens.
#pragma once

#include <cstdio>
#include <string>

struct ImFont;

namespace jinguo::ui {

// A section heading in the accent colour.
void headingText(const char* text);

// printf into a string: a question or message holding the user's data
// (a name, an address), cut at 1 KiB.
template <typename... Args>
std::string formatMessage(const char* format, Args... args) {
    char buffer[1024];
    std::snprintf(buffer, sizeof buffer, format, args...);
    return buffer;
}

// A headline figure: a big number over its label, in a framed card.
void figureCard(const char* label, const std::string& value, ImFont* largeFont, float width);

// A horizontal bar with a label and count, scaled against `maximum`.
void countBar(const char* label, long long count, long long maximum, float width);

// After TableHeadersRow in a sortable table: reads the column clicked and its
// direction into (column, ascending) — the column's user id — and says whether
// the list must be sorted again.
bool tableSortChanged(int& column, bool& ascending);

} // namespace jinguo::ui
