// widgets.cpp — small drawing helpers shared by the screens.
#include "ui/widgets.hpp"

#include "ui/theme.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>

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
    char text[32];
    std::snprintf(text, sizeof text, "%lld", count);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, theme::kAccent);
    ImGui::ProgressBar(fraction, ImVec2(width - labelWidth, 0), text);
    ImGui::PopStyleColor();
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
