// section_icons.hpp — the small pictures beside the sidebar's sections, drawn
// by our own code with ImDrawList (no image files, no icon font): lines and
// shapes laid out on a unit square, so they stay sharp at every text size.
#pragma once

#include "ui/app_state.hpp"

#include <imgui.h>

namespace jinguo::ui {

// Draws `section`'s icon in the square at `topLeft` with side `size` pixels,
// in `colour`. Strokes grow with the size (about 1/12 of it, at least 1 px).
void drawSectionIcon(ImDrawList* drawList, Section section, ImVec2 topLeft, float size, ImU32 colour);

// The sidebar's row for a section: the tinted background ImGui's Selectable
// already drew when selected, plus a red bar at the left edge, the icon and
// the label, red when selected. Call right after the row's Selectable.
void drawSectionRowContent(Section section, const char* label, bool selected);

} // namespace jinguo::ui
