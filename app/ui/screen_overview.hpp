// screen_overview.hpp — 概览: the database's real figures at a glance.
#pragma once

#include "core/model.hpp"
#include "ui/app_state.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>

namespace jinguo::ui {

// The figures come from a Task on their own connection (counts over a city's
// tables take longer than a frame); the last ones stay shown while a newer
// revision's are computed.
struct OverviewScreen {
    Task<OverviewFigures> job;
};

void drawOverviewScreen(AppState& app, OverviewScreen& screen);
// The app's own (tests read what it shows).
OverviewScreen& overviewScreen(AppState& app);

} // namespace jinguo::ui
