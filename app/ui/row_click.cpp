// row_click.cpp — see row_click.hpp.
#include "ui/row_click.hpp"

#include <algorithm>

namespace jinguo::ui {

int rowAfterKey(RowKey key, int current, int count, int pageRows) {
    if (count <= 0 || key == RowKey::None) return -1;
    const int last = count - 1;
    const int page = std::max(1, pageRows);
    const bool none = current < 0 || current > last;
    switch (key) {
    case RowKey::Down: return none ? 0 : std::min(last, current + 1);
    case RowKey::Up: return none ? last : std::max(0, current - 1);
    case RowKey::PageDown: return none ? 0 : std::min(last, current + page);
    case RowKey::PageUp: return none ? last : std::max(0, current - page);
    case RowKey::Home: return 0;
    case RowKey::End: return last;
    case RowKey::Enter: return none ? -1 : current;
    case RowKey::None: break;
    }
    return -1;
}

namespace detail {

namespace {

bool pressed(ImGuiKey key) {
    const int index = ImGui::GetKeyIndex(key);
    return index >= 0 && ImGui::IsKeyPressed(index, true);   // held keys repeat, as in any list
}

// One line of text in a table cell, unless the list measured its rows.
float rowHeightOr(float measured) {
    return measured > 0.0f ? measured : ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
}

} // namespace

RowKey listKeyPressed() {
    // The list's own window (a scrolling table's child) was clicked last; a
    // text field or an open popup keeps its keys.
    if (!ImGui::IsWindowFocused()) return RowKey::None;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsAnyItemActive() || io.KeyCtrl || io.KeyAlt) return RowKey::None;
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return RowKey::None;
    if (pressed(ImGuiKey_DownArrow)) return RowKey::Down;
    if (pressed(ImGuiKey_UpArrow)) return RowKey::Up;
    if (pressed(ImGuiKey_PageDown)) return RowKey::PageDown;
    if (pressed(ImGuiKey_PageUp)) return RowKey::PageUp;
    if (pressed(ImGuiKey_Home)) return RowKey::Home;
    if (pressed(ImGuiKey_End)) return RowKey::End;
    const int enter = ImGui::GetKeyIndex(ImGuiKey_Enter), keypad = ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter);
    if ((enter >= 0 && ImGui::IsKeyPressed(enter, false)) || (keypad >= 0 && ImGui::IsKeyPressed(keypad, false)))
        return RowKey::Enter;
    return RowKey::None;
}

int listPageRows(float measuredRowHeight) {
    // The frozen header takes one row of the window.
    return std::max(1, static_cast<int>(ImGui::GetWindowHeight() / rowHeightOr(measuredRowHeight)) - 2);
}

void scrollRowIntoView(int row, float measuredRowHeight) {
    // Rows are as high as the clipper measured (one line each unless told);
    // in scroll coordinates row `row` starts at row * height below the
    // frozen header.
    const float height = rowHeightOr(measuredRowHeight);
    const float top = static_cast<float>(row) * height;
    const float visible = ImGui::GetWindowHeight() - height * 2.0f;   // header, and a margin for a scrollbar
    const float scroll = ImGui::GetScrollY();
    if (top < scroll) ImGui::SetScrollY(top);
    else if (top + height > scroll + visible) ImGui::SetScrollY(top + height - visible);
}

} // namespace detail

} // namespace jinguo::ui
