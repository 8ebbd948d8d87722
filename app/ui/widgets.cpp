// widgets.cpp — small drawing helpers shared by the screens.
#include "ui/widgets.hpp"

#include "core/number_format.hpp"
#include "ui/charts.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace jinguo::ui {

void headingText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void figureCard(const char* label, const std::string& value, ImFont* largeFont, float width) {
    ImGui::PushID(label);
    ImGui::BeginGroup();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float pad = ImGui::GetStyle().FramePadding.x * 2;
    ImGui::Dummy(ImVec2(pad, pad));
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, ImGui::GetCursorScreenPos().y));
    if (largeFont) ImGui::PushFont(largeFont);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopStyleColor();
    if (largeFont) ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, ImGui::GetCursorScreenPos().y));
    ImGui::TextDisabled("%s", label);
    ImGui::Dummy(ImVec2(width, pad * 0.5f));
    ImGui::EndGroup();
    const ImVec2 end = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(start, ImVec2(start.x + width, end.y),
                                        ImGui::GetColorU32(ImGuiCol_Border), 6.0f, 0, 1.5f);
    ImGui::PopID();
}

void countBar(const char* label, long long count, long long maximum, float width) {
    const float labelWidth = width * 0.32f;
    ImGui::TextUnformatted(label);
    ImGui::SameLine(labelWidth);
    const float fraction = maximum > 0 ? static_cast<float>(count) / static_cast<float>(maximum) : 0.0f;
    labelledProgressBar(fraction, width - labelWidth, fmt::count(count), theme::kAccent.u32());
}

std::string ellipsized(const std::string& text, float maxWidth) {
    if (ImGui::CalcTextSize(text.c_str()).x <= maxWidth) return text;
    static const std::string kEllipsis = "…";
    const float room = maxWidth - ImGui::CalcTextSize(kEllipsis.c_str()).x;
    // Character boundaries, then the longest prefix that fits (text widths grow with length).
    std::vector<std::size_t> ends;
    for (std::size_t i = 1; i <= text.size(); ++i)
        if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ends.push_back(i);
    std::size_t lo = 0, hi = ends.size();   // ends[0..lo) fit
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const char* begin = text.c_str();
        if (ImGui::CalcTextSize(begin, begin + ends[mid]).x <= room) lo = mid + 1;
        else hi = mid;
    }
    return (lo == 0 ? std::string() : text.substr(0, ends[lo - 1])) + kEllipsis;
}

void textFitted(const std::string& text) {
    // Less a cell's padding: a table clips its cells a little inside the region.
    const float width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().CellPadding.x;
    const std::string shown = ellipsized(text, width);
    ImGui::TextUnformatted(shown.c_str());
    if (shown.size() != text.size() && ImGui::IsItemHovered()) {
        // Wrapped: an import problem's fix runs to a hundred characters.
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void sameLineIfFits(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

float radioButtonWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

float dateColumnWidth(const char* header) {
    return std::max(ImGui::CalcTextSize("2026-09-14").x, ImGui::CalcTextSize(header).x)
         + ImGui::GetStyle().CellPadding.x * 2;
}

float listColumnWidth(const ListColumn& column, bool sortable) {
    float width = ImGui::CalcTextSize(column.header, nullptr, true).x;
    // TableHeader keeps this much room for the ▲/▼ of a sortable column.
    if (sortable && !(column.flags & ImGuiTableColumnFlags_NoSort))
        width += std::floor(ImGui::GetFontSize() * 0.65f + ImGui::GetStyle().FramePadding.x);
    // textFitted keeps a cell's padding free at the right (a table clips its
    // cells a little inside the region): without it the widest value itself
    // ("市级" in 称号复核's 级别) was cut to "…".
    if (column.widest) width = std::max(width, ImGui::CalcTextSize(column.widest).x + ImGui::GetStyle().CellPadding.x);
    return std::ceil(std::max(width, column.minWidth));
}

bool beginListTable(const char* id, const std::vector<ListColumn>& columns, ImGuiTableFlags flags, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const bool sortable = (flags & ImGuiTableFlags_Sortable) != 0;
    std::vector<float> widths;
    float needed = style.CellPadding.x * 2;   // slack for the outer padding and rounding
    for (const ListColumn& column : columns) {
        widths.push_back(listColumnWidth(column, sortable));
        needed += widths.back() + style.CellPadding.x * 2 + 1.0f;   // the cell's padding, an inner border
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    float visible = size.x > 0 ? size.x : avail.x + std::min(size.x, 0.0f);
    if (flags & ImGuiTableFlags_ScrollY) visible -= style.ScrollbarSize;   // the vertical scrollbar, when it shows
    // 0: the stretch columns fill the visible width and nothing scrolls;
    // else the table is as wide as its columns need and scrolls sideways.
    const float innerWidth = needed > visible ? needed : 0.0f;
    flags = (flags & ~ImGuiTableFlags_SizingMask_) | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, size, innerWidth)) return false;
    ImGui::TableSetupScrollFreeze(1, 1);
    std::size_t i = 0;
    for (const ListColumn& column : columns) {
        // A stretch column's weight is its minimum: at the narrowest each gets just that.
        const ImGuiTableColumnFlags sizing = column.stretch ? ImGuiTableColumnFlags_WidthStretch
                                                            : ImGuiTableColumnFlags_WidthFixed;
        ImGui::TableSetupColumn(column.header, column.flags | sizing, widths[i++], column.userId);
    }
    return true;
}

float buttonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

bool tableSortChanged(int& column, bool& ascending) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return false;
    if (specs->SpecsCount > 0) {
        column = static_cast<int>(specs->Specs[0].ColumnUserID);
        ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    specs->SpecsDirty = false;
    return true;
}

} // namespace jinguo::ui
