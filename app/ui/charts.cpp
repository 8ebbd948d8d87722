// charts.cpp — bars and lines on ImDrawList, with axes, labels and values.
#include "ui/charts.hpp"

#include "core/number_format.hpp"
#include "core/year_summary.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace jinguo::ui {

namespace {

// Labels drawn this frame (for tests), keyed by the frame they belong to.
struct LabelLog {
    int frame = -1;
    std::vector<DrawnBarLabel> labels;
};
LabelLog g_labels;

void logLabel(const std::string& text, BarLabel placement) {
    const int frame = ImGui::GetFrameCount();
    if (g_labels.frame != frame) g_labels = {frame, {}};
    g_labels.labels.push_back({text, placement});
}

double linearChannel(unsigned int channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// The smallest 1, 2 or 5 × 10^k at or above `value`, so the axis reads round.
double niceCeiling(double value) {
    if (value <= 0) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (step * magnitude >= value * (1 - 1e-9)) return step * magnitude;
    return 10 * magnitude;
}

struct Frame {
    ImVec2 min, max;           // the whole chart item
    ImVec2 plotMin, plotMax;   // where values are drawn
    double top = 1;            // the value at plotMin.y
    bool hovered = false;
};

// Reserves the item and draws the value axis and grid; the plot area leaves
// room for the value labels on the left and the category labels below.
Frame beginChart(const char* id, const ChartSeries& series, ImVec2 size, bool verticalValues) {
    Frame f;
    f.min = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    f.hovered = ImGui::IsItemHovered();
    f.max = ImVec2(f.min.x + size.x, f.min.y + size.y);
    double maximum = 0;
    for (double v : series.values) maximum = std::max(maximum, v);
    f.top = niceCeiling(maximum);
    const float line = ImGui::GetTextLineHeight();
    float axisText = 0;
    for (int k = 1; k <= 4; ++k)
        axisText = std::max(axisText, ImGui::CalcTextSize(chartValueText(f.top * k / 4.0).c_str()).x);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.6f);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    if (verticalValues) {
        f.plotMin = ImVec2(f.min.x + axisText + 8, f.min.y + line * 1.2f);
        f.plotMax = ImVec2(f.max.x - 4, f.max.y - line * 1.4f);
        for (int k = 0; k <= 4; ++k) {
            const float y = f.plotMax.y - (f.plotMax.y - f.plotMin.y) * static_cast<float>(k) / 4.0f;
            draw->AddLine(ImVec2(f.plotMin.x, y), ImVec2(f.plotMax.x, y), grid, k == 0 ? 1.5f : 1.0f);
            const std::string label = chartValueText(f.top * k / 4.0);
            const float w = ImGui::CalcTextSize(label.c_str()).x;
            draw->AddText(ImVec2(f.plotMin.x - w - 6, y - line * 0.5f), text, label.c_str());
        }
    }
    return f;
}

void tooltip(const ChartSeries& series, std::size_t i) {
    ImGui::BeginTooltip();
    ImGui::Text("%s  %s%s", series.labels.size() > i ? series.labels[i].c_str() : "",
                fmt::grouped(series.values[i], series.decimals).c_str(), series.unit.c_str());
    ImGui::EndTooltip();
}

// Category labels under the axis, thinned out when they would overlap.
void categoryLabels(const Frame& f, const ChartSeries& series, float slot) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    float widest = 0;
    for (const std::string& l : series.labels) widest = std::max(widest, ImGui::CalcTextSize(l.c_str()).x);
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + 6) / slot)));
    for (std::size_t i = 0; i < series.labels.size() && i < series.values.size(); i += every) {
        const float cx = f.plotMin.x + slot * (static_cast<float>(i) + 0.5f);
        const float w = ImGui::CalcTextSize(series.labels[i].c_str()).x;
        draw->AddText(ImVec2(cx - w * 0.5f, f.plotMax.y + 4), text, series.labels[i].c_str());
    }
}

} // namespace

bool isDarkColor(ImU32 color) {
    const double r = linearChannel((color >> IM_COL32_R_SHIFT) & 0xFF);
    const double g = linearChannel((color >> IM_COL32_G_SHIFT) & 0xFF);
    const double b = linearChannel((color >> IM_COL32_B_SHIFT) & 0xFF);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.179;
}

BarLabel barLabelPlacement(ImU32 barColor, float barLength, float textWidth) {
    const float margin = ImGui::GetCurrentContext() ? ImGui::GetFontSize() * 0.5f : 6.0f;
    if (isDarkColor(barColor) && barLength >= textWidth + 2 * margin) return {true, IM_COL32_WHITE};
    return {false, ImGui::GetCurrentContext() ? ImGui::GetColorU32(ImGuiCol_Text) : IM_COL32_BLACK};
}

const std::vector<DrawnBarLabel>& barLabelsDrawn() {
    static const std::vector<DrawnBarLabel> none;
    return g_labels.frame == ImGui::GetFrameCount() ? g_labels.labels : none;
}

void labelledProgressBar(float fraction, float width, const std::string& text, ImU32 fillColor) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const ImVec2 size(w, ImGui::GetFrameHeight());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImGui::Dummy(size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
    const float filled = size.x * std::clamp(fraction, 0.0f, 1.0f);
    if (filled > 0.5f) draw->AddRectFilled(min, ImVec2(min.x + filled, max.y), fillColor, style.FrameRounding);
    const ImVec2 textSize = ImGui::CalcTextSize(text.c_str());
    const BarLabel place = barLabelPlacement(fillColor, filled, textSize.x);
    const float pad = ImGui::GetFontSize() * 0.5f;
    float x = place.inside ? min.x + filled - pad - textSize.x : min.x + filled + pad;
    // A light fill too long to leave room after it keeps the label on itself,
    // in the normal (dark) text colour, which reads on a light colour.
    if (!place.inside && x + textSize.x > max.x - 2) x = std::max(min.x + pad, max.x - pad - textSize.x);
    draw->PushClipRect(min, max, true);
    draw->AddText(ImVec2(x, min.y + (size.y - textSize.y) * 0.5f), place.color, text.c_str());
    draw->PopClipRect();
    logLabel(text, place);
}

std::string chartValueText(double value, int decimals) {
    return std::fabs(value) >= 10000 ? chineseQuantity(value) : fmt::grouped(value, decimals);
}

void barChart(const char* id, const ChartSeries& series, ImVec2 size, ImU32 color) {
    const Frame f = beginChart(id, series, size, true);
    const std::size_t n = series.values.size();
    if (n == 0) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float slot = (f.plotMax.x - f.plotMin.x) / static_cast<float>(n);
    const float height = f.plotMax.y - f.plotMin.y;
    const ImU32 valueColor = ImGui::GetColorU32(ImGuiCol_Text);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = std::max(0.0, series.values[i]);
        const float x0 = f.plotMin.x + slot * (static_cast<float>(i) + 0.2f);
        const float x1 = f.plotMin.x + slot * (static_cast<float>(i) + 0.8f);
        const float y = f.plotMax.y - height * static_cast<float>(v / f.top);
        if (v > 0) draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, f.plotMax.y), color, 2.0f);
        const std::string text = chartValueText(series.values[i], series.decimals) + series.valueSuffix;
        const float w = ImGui::CalcTextSize(text.c_str()).x;
        const float line = ImGui::GetTextLineHeight();
        // Inside needs the bar's height for a line and its width for the text.
        BarLabel place = barLabelPlacement(color, f.plotMax.y - y, line);
        if (place.inside && w + 4 > x1 - x0) place = barLabelPlacement(IM_COL32_WHITE, 0, w);
        if (w <= slot * 1.1f) {
            draw->AddText(ImVec2((x0 + x1 - w) * 0.5f, place.inside ? y + 2 : y - line - 1),
                          place.inside ? place.color : valueColor, text.c_str());
            logLabel(text, place);
        }
        if (f.hovered && mouse.x >= f.plotMin.x + slot * i && mouse.x < f.plotMin.x + slot * (i + 1)) tooltip(series, i);
    }
    categoryLabels(f, series, slot);
}

void lineChart(const char* id, const ChartSeries& series, ImVec2 size, ImU32 color) {
    const Frame f = beginChart(id, series, size, true);
    const std::size_t n = series.values.size();
    if (n == 0) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float slot = (f.plotMax.x - f.plotMin.x) / static_cast<float>(n);
    const float height = f.plotMax.y - f.plotMin.y;
    const ImU32 valueColor = ImGui::GetColorU32(ImGuiCol_Text);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = std::max(0.0, series.values[i]);
        points.push_back(ImVec2(f.plotMin.x + slot * (static_cast<float>(i) + 0.5f),
                                f.plotMax.y - height * static_cast<float>(v / f.top)));
    }
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, 0, 2.5f);
    for (std::size_t i = 0; i < n; ++i) {
        draw->AddCircleFilled(points[i], 4.0f, color);
        const std::string text = chartValueText(series.values[i], series.decimals) + series.valueSuffix;
        const float w = ImGui::CalcTextSize(text.c_str()).x;
        if (w <= slot * 1.1f)
            draw->AddText(ImVec2(points[i].x - w * 0.5f, points[i].y - ImGui::GetTextLineHeight() - 4), valueColor,
                          text.c_str());
        if (f.hovered && std::fabs(mouse.x - points[i].x) <= slot * 0.5f) tooltip(series, i);
    }
    categoryLabels(f, series, slot);
}

void horizontalBarChart(const char* id, const ChartSeries& series, ImVec2 size, ImU32 color) {
    const Frame f = beginChart(id, series, size, false);
    const std::size_t n = series.values.size();
    if (n == 0) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    float labelWidth = 0;
    for (const std::string& l : series.labels) labelWidth = std::max(labelWidth, ImGui::CalcTextSize(l.c_str()).x);
    labelWidth = std::min(labelWidth + 8, size.x * 0.4f);
    const float valueWidth = ImGui::CalcTextSize((chartValueText(f.top) + series.valueSuffix).c_str()).x + 8;
    const float row = size.y / static_cast<float>(n);
    const float barMax = std::max(1.0f, size.x - labelWidth - valueWidth);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < n; ++i) {
        const float y = f.min.y + row * static_cast<float>(i);
        const float mid = y + row * 0.5f;
        const float line = ImGui::GetTextLineHeight();
        if (i < series.labels.size()) {
            draw->PushClipRect(ImVec2(f.min.x, y), ImVec2(f.min.x + labelWidth - 4, y + row), true);
            draw->AddText(ImVec2(f.min.x, mid - line * 0.5f), text, series.labels[i].c_str());
            draw->PopClipRect();
        }
        const double v = std::max(0.0, series.values[i]);
        const float x1 = f.min.x + labelWidth + barMax * static_cast<float>(v / f.top);
        if (v > 0)
            draw->AddRectFilled(ImVec2(f.min.x + labelWidth, y + row * 0.18f), ImVec2(x1, y + row * 0.82f), color, 2.0f);
        const std::string value = chartValueText(series.values[i], series.decimals) + series.valueSuffix;
        const float valueW = ImGui::CalcTextSize(value.c_str()).x;
        const BarLabel place = barLabelPlacement(color, x1 - (f.min.x + labelWidth), valueW);
        const float pad = ImGui::GetFontSize() * 0.5f;
        draw->AddText(ImVec2(place.inside ? x1 - pad - valueW : x1 + 4, mid - line * 0.5f), place.color, value.c_str());
        logLabel(value, place);
        if (f.hovered && mouse.y >= y && mouse.y < y + row) tooltip(series, i);
    }
}

} // namespace jinguo::ui
