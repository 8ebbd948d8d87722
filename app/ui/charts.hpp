// charts.hpp — bar and line charts drawn with ImDrawList (ImGui has none that
// label their axes or values).
//
// Each chart reserves a rectangle of `size` at the cursor (an ImGui item, so
// layout and hovering work as for any widget), draws a light grid with the
// maximum on the value axis, the category labels under the axis, and each
// value over its bar or point. Hovering a bar or point shows a tooltip with
// its label and exact value. Values ≤ 0 draw nothing above the axis.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace jinguo::ui {

struct ChartSeries {
    std::vector<std::string> labels;   // one per value, shown under the axis
    std::vector<double> values;
    std::string unit;                  // appended in tooltips ("小时")
    std::string valueSuffix;           // appended to the values drawn on the chart ("%")
    int decimals = 1;                  // at most this many decimals on values (boards: 2, as ranked)
};

// Vertical bars, one per value.
void barChart(const char* id, const ChartSeries& series, ImVec2 size, ImU32 color);

// Horizontal bars (long labels such as unit names), one row per value.
void horizontalBarChart(const char* id, const ChartSeries& series, ImVec2 size, ImU32 color);

// A line through the values, with a dot on each.
void lineChart(const char* id, const ChartSeries& series, ImVec2 size, ImU32 color);

// Where a bar's value label goes, decided once for every bar on the working
// screens (charts, target progress bars, count bars): inside the bar in white
// when the bar's colour is dark (relative luminance, WCAG: white reads better
// below 0.179) and the bar is long enough for the text plus a margin; else
// outside it in the normal text colour.
bool isDarkColor(ImU32 color);
struct BarLabel {
    bool inside = false;
    ImU32 color = 0;
};
BarLabel barLabelPlacement(ImU32 barColor, float barLength, float textWidth);

// A progress bar (frame, fill in `fillColor`) with `text` placed by
// barLabelPlacement: inside the fill in white, else right of the fill. An
// ImGui item, like ImGui::ProgressBar, whose overlay sits in the middle
// whatever the fill's colour. width ≤ 0 takes the rest of the line.
void labelledProgressBar(float fraction, float width, const std::string& text, ImU32 fillColor);

// What labelledProgressBar and the charts decided in this frame for each
// label they drew, oldest first, cleared at NewFrame: for tests.
struct DrawnBarLabel {
    std::string text;
    BarLabel placement;
};
const std::vector<DrawnBarLabel>& barLabelsDrawn();

// The value as a chart prints it: 1234.5 → "1,234.5", 31250 → "3.1万".
std::string chartValueText(double value, int decimals = 1);

} // namespace jinguo::ui
