// screen_overview.hpp — 概览: the database's real figures at a glance.
#pragma once

#include "core/model.hpp"
#include "ui/app_state.hpp"

#include <cstdint>

namespace jinguo::ui {

struct OverviewScreen {
    std::uint64_t loadedRevision = 0;   // figures are recomputed only when data changed
    OverviewFigures figures;
};

void drawOverviewScreen(AppState& app, OverviewScreen& screen);

} // namespace jinguo::ui
