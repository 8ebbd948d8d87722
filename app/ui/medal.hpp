// medal.hpp — badge medals drawn at run time with ImDrawList from the core's
// design (core/medal_design.hpp): vector polygons, so they are sharp at any
// size; the glyph in the loaded font closest to the size needed.
#pragma once

#include "core/badges.hpp"
#include "core/medal_design.hpp"

#include <imgui.h>

#include <string>

namespace jinguo::ui {

// The medal with its disc centred on `centre` (radius in pixels); the whole
// picture spans kMedalExtent × radius around it. Greyed when not earned.
void drawMedal(ImDrawList* list, ImVec2 centre, float radius, const MedalDesign& design, bool earned);

// The width a medal widget of height `size` takes.
float medalWidth(float size);

// A medal as an item at the cursor, `size` pixels tall: reserves its space,
// draws the medal of `code` (its design and name with the thresholds in
// `params`) and, on hover, shows the badge's name, its rule and `note` (e.g.
// when it was earned). Designs are cached per code until `params` change.
void medalWidget(const std::string& code, float size, const BadgeParams& params = {}, bool earned = true,
                 const std::string& note = {});

// The badge's name as the medal's tooltip shows it (the code when unknown).
const std::string& medalName(const std::string& code, const BadgeParams& params = {});

// How many medals drawMedal drew since the program started (tests compare
// before and after a frame).
long long medalsDrawn();

} // namespace jinguo::ui
