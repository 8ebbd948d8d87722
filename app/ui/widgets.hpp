// widgets.hpp — small drawing helpers shared by the screens.
#pragma once

#include <imgui.h>

#include <cstdio>
#include <string>
#include <vector>

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

// `text` cut to fit `maxWidth` pixels in the current font, ending with "…"
// (cut between UTF-8 characters); unchanged when it fits.
std::string ellipsized(const std::string& text, float maxWidth);

// Text that fits what is left of the line (a table cell): cut with "…" when
// too long, the full text as tooltip when hovered then.
void textFitted(const std::string& text);

// SameLine when an item `width` wide still fits on the current line (of a
// window or a table cell), else the item goes on a new line.
void sameLineIfFits(float width);
// How wide ImGui::RadioButton(label) is.
float radioButtonWidth(const char* label);

// The width of a table column that shows "2026-09-14" whole (or its header,
// if wider): for TableSetupColumn with ImGuiTableColumnFlags_WidthFixed.
float dateColumnWidth(const char* header);

// After TableHeadersRow in a sortable table: reads the column clicked and its
// direction into (column, ascending) — the column's user id — and says whether
// the list must be sorted again.
bool tableSortChanged(int& column, bool& ascending);

// A column of a record list (beginListTable). Its minimum width holds the
// header and `widest`, a typical widest value ("33010219560823732X",
// "2026-09-14"), or `minWidth` pixels of content (a picture) if more.
struct ListColumn {
    const char* header;
    const char* widest = nullptr;
    ImGuiID userId = 0;
    bool stretch = false;                  // a name-like column: takes the room that is left
    ImGuiTableColumnFlags flags = 0;       // DefaultSort, NoSort, …
    float minWidth = 0.0f;
};

// The content width (no cell padding) a list column needs: its header (with
// the sort arrow when sortable), `widest` and minWidth.
float listColumnWidth(const ListColumn& column, bool sortable);

// BeginTable for a record list that never cuts a cell: the first column and
// the header row stay put, fixed columns get their minimum widths and the
// stretch columns share what is left; when the columns' minimums do not fit,
// the table scrolls sideways instead (ScrollX, inner width = their sum).
// Sets up the columns and the freeze; the caller calls TableHeadersRow.
bool beginListTable(const char* id, const std::vector<ListColumn>& columns, ImGuiTableFlags flags,
                    ImVec2 size = ImVec2(0, 0));

// How wide ImGui::Button(label) is.
float buttonWidth(const char* label);

} // namespace jinguo::ui
