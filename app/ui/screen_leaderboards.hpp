// screen_leaderboards.hpp — 排行榜: boards of volunteers, communities, streets
// and 巾帼文明岗, cut by period and scope, with competition ranks, movement
// against the previous period, stars and earned badges (as medals), and a
// podium for the top three above the top-ten chart.
//
// The board itself (storage/aggregates.hpp) is computed by a Task on
// a worker connection, keyed by the storage revision and the picked board,
// metric, period and scope; frames only draw the last result and poll. The
// pickers' lists (units, years) are cached per revision.
#pragma once

#include "core/badges.hpp"
#include "core/model.hpp"
#include "core/periods.hpp"
#include "storage/aggregates.hpp"
#include "ui/app_state.hpp"
#include "ui/export_buttons.hpp"
#include "ui/pdf_export.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace jinguo::ui {

struct LeaderboardResult {
    storage::BoardResult board;
    // Volunteers boards: the badges each person earned (badge_earned), as names
    // in the order earned, and as codes best first (the medals the table shows).
    std::unordered_map<RowId, std::vector<std::string>> badges;
    std::unordered_map<RowId, std::vector<std::string>> badgeCodes;
    BadgeParams badgeParams;       // the thresholds in force (medal glyphs and names)
};

// Rows of a board read at once (one more page each time the table reaches its end).
inline constexpr std::size_t kBoardPageRows = 200;

struct LeaderboardsScreen {
    // ---- what is picked
    storage::Board board = storage::Board::Volunteers;
    storage::BoardMetric metric = storage::BoardMetric::Points;
    PeriodKind periodKind = PeriodKind::Year;
    int year = 0;                  // 0: the year of app.today
    int part = 0;                  // quarter 1–4 or month 1–12; 0: the one holding app.today
    RowId scopeUnitId = 0;         // 0: the whole district
    // ---- picker lists, per revision
    std::uint64_t listsRevision = 0;
    std::vector<OrgUnit> units;    // tree order
    std::vector<int> years;        // newest first, today's year included
    // ---- the board
    Task<LeaderboardResult> job;
    // The board is read a page at a time (a city's volunteers board holds a
    // million rows): the first kBoardPageRows, more when the table is
    // scrolled to the last row read. Back to one page when the query changes.
    std::size_t rowsWanted = 0;
    std::string rowsWantedFor;     // requestKey of the query rowsWanted belongs to
    ExportButtons exportMenu;      // 导出 of the board as shown
    PdfExportButton pdfExport;     // 导出PDF of the board as shown
};

// The board as the table shows it: 名次, 变化 (when there is a previous
// period), name, unit, the metric and the board's own columns (stars as ★,
// badges by name).
ExportTable leaderboardShownTable(const LeaderboardResult& result);

// The query the pickers describe (year and part resolved against app.today).
storage::BoardQuery leaderboardQuery(const AppState& app, const LeaderboardsScreen& screen);

void drawLeaderboardsScreen(AppState& app, LeaderboardsScreen& screen);

// The app's 排行榜 screen state (tests).
LeaderboardsScreen& leaderboardsScreen(AppState& app);

} // namespace jinguo::ui
