// row_click.hpp — a table row that takes a click anywhere on it.
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

} // namespace jinguo::ui
