// screen_targets.hpp — 目标: the year's creation targets with progress bars,
// drilling down from the district to a street to a community, and the year in
// figures (年度数据) with charts, the manual indicators and the paragraph for
// the 年度工作总结; the editors of the year's targets (设置目标,
// screen_target_editor.hpp) and manual indicators (工作指标, screen_indicators.hpp).
//
// Progress, pace, status and gap come from core/targets.hpp through
// storage/aggregates.hpp; the drill-down shows the chosen unit's own targets
// and, for its streets or communities, the 平安家庭 creation rate measured
// against their own rate target or, when they have none, the nearest
// ancestor's; and each child's actual for the count targets over the unit
// (its own or inherited), with "—" for a goal, as children have none. Both tabs compute on Tasks (keyed by revision, year and
// unit); frames only draw and poll.
#pragma once

#include "core/model.hpp"
#include "core/targets.hpp"
#include "core/year_summary.hpp"
#include "storage/aggregates.hpp"
#include "ui/app_state.hpp"
#include "ui/export_buttons.hpp"
#include "ui/pdf_export.hpp"
#include "ui/screen_indicators.hpp"
#include "ui/screen_target_editor.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

// One street or community under the drill unit, on the 平安家庭 rate.
struct TargetChild {
    RowId id = 0;
    std::string name;
    UnitKind kind = UnitKind::Community;
    bool hasChildren = false;
    double numerator = 0;          // titled households
    std::int64_t households = 0;
    double goal = 0;               // its own rate goal, or the inherited one
    bool ownGoal = false;
    bool hasGoal = false;          // no rate target anywhere above: the rate alone is shown
    TargetProgress progress;
    std::vector<double> counts;    // its figure for each of TargetsResult::countLines
};

struct TargetsResult {
    int year = 0;
    RowId unitId = 0;              // the drill unit (the district when the screen asked for 0)
    std::string unitName;
    std::vector<RowId> ancestors;  // root first, the drill unit excluded
    std::vector<std::string> ancestorNames;
    std::vector<storage::TargetLine> lines;   // the drill unit's own targets
    std::vector<TargetChild> children;
    // The family title the children's rates are of: that of the drill unit's
    // (or its nearest ancestor's) rate target, 平安家庭 when it has several
    // or none.
    std::string rateTitle;
    // Count targets (hours, activities, volunteers, titles, posts) of the drill
    // unit or, for a metric it has none of, of its nearest ancestor: their
    // children carry no goal, so the drill-down shows each child's actual only.
    std::vector<storage::TargetLine> countLines;
    // The drill unit is hers to set targets for (a street's user on a server:
    // her subtree only; the district's above her are read-only to her).
    bool maySetTargets = true;
};

struct YearPanelResult {
    YearFigures figures;
    std::string summary;           // yearSummaryText, ready to copy
};

struct TargetsScreen {
    int year = 0;                  // 0: the year of app.today
    RowId unitId = 0;              // 0: the district
    int tab = 0;                   // 0 目标进度, 1 年度数据, 2 设置目标, 3 工作指标 (set by the tab bar)
    int selectTab = -1;            // set to open a tab from code (once); -1: leave the user's choice
    // ---- children table order (indices into the result's children)
    std::vector<int> childOrder;
    const TargetsResult* orderedFor = nullptr;
    int sortColumn = 0;            // 0 name, 1 rate, 2 progress, 3 gap, 4 status
    bool sortAscending = true;
    bool sortDirty = true;
    // ---- computations
    Task<TargetsResult> job;
    Task<YearPanelResult> yearJob;
    std::string message;           // "已复制……"
    ExportButtons exportMenu;      // 导出 of the 目标进度 tables
    PdfExportButton yearPdf;       // 导出PDF of 年度数据
    TargetEditor editor;           // 设置目标
    IndicatorEditor indicators;    // 工作指标
};

// The computations, exposed for tests and for the presentation.
TargetsResult computeTargets(storage::Storage& storage, int year, RowId unitId, const Date& today);

// The 目标进度 tab as shown: the drill unit's own targets, then its streets or
// communities on the 平安家庭 rate in the table's order, in one sheet
// (单位, 指标, 完成, 目标, 进度, 按时应达, 年末预计, 还差, 状态, 备注).
ExportTable targetsShownTable(const TargetsScreen& screen, const TargetsResult& result);

void drawTargetsScreen(AppState& app, TargetsScreen& screen);

// The app's 目标 screen state (tests).
TargetsScreen& targetsScreen(AppState& app);

} // namespace jinguo::ui
