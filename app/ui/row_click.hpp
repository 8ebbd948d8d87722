// row_click.hpp — a table row that takes a click anywhere on it, and the
// keys that move through a record list.
//
// ImGui 1.86 takes the click of a SpanAllColumns selectable inside a
// scrolling table only in its first column; the whole row's rectangle is
// tested here instead (the way screen_posts does). Call right after the
// row's Selectable with what it returned and the bottom of the header row
// (ImGui::GetItemRectMax().y after TableHeadersRow), so a click on the frozen
// header over a scrolled row does not count.
#pragma once

#include <imgui.h>

namespace jinguo::ui {

inline bool wholeRowClicked(bool selectableClicked, float headerBottom) {
    if (selectableClicked) return true;
    return ImGui::IsMouseClicked(ImGuiMouseButton_Left)
        && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)
        && ImGui::GetIO().MousePos.y > headerBottom
        && ImGui::IsMouseHoveringRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), false);
}

// Keys that move the selection of a record list (Up/Down/PageUp/PageDown/
// Home/End) or open the selected row again (Enter, keypad Enter).
enum class RowKey { None, Up, Down, PageUp, PageDown, Home, End, Enter };

// Where `key` takes the selection among `count` shown rows; `current` is the
// selected row's position (-1: none shown), `pageRows` how many rows a page
// holds. Nothing selected: Down/PageDown/Home start at the first row, Up/
// PageUp/End at the last. Clamped at both ends; -1 when the list is empty or
// the key is None.
int rowAfterKey(RowKey key, int current, int count, int pageRows);

// Call inside a record list's table, after its rows, before EndTable. When
// the list has keyboard focus (its window was clicked last), no text field is
// active and no popup is open, reads one key pressed this frame and returns
// the position (among the shown rows) to open: the row moved to, or the
// current row for Enter; the row is scrolled into view. -1 otherwise. The
// caller opens it exactly as a click on that row does (leaveThen with the
// screen as owner), so a dirty form asks first.
// `currentOf` is asked only when a key was pressed (a search over the rows).
template <typename CurrentOf>
int keyboardRowChoice(int count, CurrentOf currentOf);

// The same, also saying which key it was (a list without a form: Enter ticks).
// `rowHeight`: the rows' height as the clipper measured it (its ItemsHeight),
// for rows taller than one line of text (a checkbox's frame); 0 assumes one
// line. A wrong height scrolls End to the wrong place in a long list.
struct RowChoice {
    int row = -1;
    RowKey key = RowKey::None;
};
template <typename CurrentOf>
RowChoice keyboardRowKey(int count, CurrentOf currentOf, float rowHeight = 0.0f);

namespace detail {
RowKey listKeyPressed();                   // RowKey::None when the list may not take keys
int listPageRows(float rowHeight);
void scrollRowIntoView(int row, float rowHeight);
} // namespace detail

template <typename CurrentOf>
RowChoice keyboardRowKey(int count, CurrentOf currentOf, float rowHeight) {
    const RowKey key = detail::listKeyPressed();
    if (key == RowKey::None || count <= 0) return {};
    const int target = rowAfterKey(key, currentOf(), count, detail::listPageRows(rowHeight));
    if (target >= 0) detail::scrollRowIntoView(target, rowHeight);
    return {target, key};
}

template <typename CurrentOf>
int keyboardRowChoice(int count, CurrentOf currentOf) {
    return keyboardRowKey(count, currentOf).row;
}

} // namespace jinguo::ui
