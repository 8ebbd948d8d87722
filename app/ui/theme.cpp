// theme.cpp — see theme.hpp.
#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace jinguo::ui {

using namespace theme;

namespace {

ImVec4 withAlpha(ImVec4 colour, float alpha) {
    colour.w = alpha;
    return colour;
}

float channelLuminance(float c) {
    return c <= 0.03928f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

float relativeLuminance(const ImVec4& c) {
    return 0.2126f * channelLuminance(c.x) + 0.7152f * channelLuminance(c.y) + 0.0722f * channelLuminance(c.z);
}

} // namespace

void applyTheme(ImGuiStyle& style, float scale) {
    style = ImGuiStyle();

    // ---- sizes: rounded but not soft, room around text for older eyes
    style.WindowPadding = ImVec2(12, 12);
    style.FramePadding = ImVec2(9, 5);
    style.CellPadding = ImVec2(7, 4);
    style.ItemSpacing = ImVec2(10, 7);
    style.ItemInnerSpacing = ImVec2(6, 5);
    style.IndentSpacing = 20;
    style.ScrollbarSize = 15;
    style.GrabMinSize = 12;
    style.WindowRounding = 6;
    style.ChildRounding = 6;
    style.FrameRounding = 4;
    style.PopupRounding = 6;
    style.ScrollbarRounding = 8;
    style.GrabRounding = 4;
    style.TabRounding = 5;
    style.WindowBorderSize = 1;
    style.ChildBorderSize = 1;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 1;   // text fields and buttons stand out from the warm ground
    style.TabBorderSize = 0;
    style.WindowTitleAlign = ImVec2(0.02f, 0.5f);

    // ---- colours
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = kText;
    c[ImGuiCol_TextDisabled] = kTextMuted;
    c[ImGuiCol_WindowBg] = kBackground;
    c[ImGuiCol_ChildBg] = withAlpha(kBackground, 0.0f);
    c[ImGuiCol_PopupBg] = kSurface;
    c[ImGuiCol_Border] = kBorder;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = kSurface;
    c[ImGuiCol_FrameBgHovered] = kAccentTintHovered;
    c[ImGuiCol_FrameBgActive] = kAccentTint;
    c[ImGuiCol_TitleBg] = kTableHeader;
    c[ImGuiCol_TitleBgActive] = kAccentTint;
    c[ImGuiCol_TitleBgCollapsed] = kTableHeader;
    c[ImGuiCol_MenuBarBg] = kSidebarBackground;
    c[ImGuiCol_ScrollbarBg] = withAlpha(kSidebarBackground, 0.6f);
    c[ImGuiCol_ScrollbarGrab] = ImVec4(0.808f, 0.769f, 0.722f, 1.0f);
    c[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.718f, 0.671f, 0.616f, 1.0f);
    c[ImGuiCol_ScrollbarGrabActive] = ImVec4(0.600f, 0.549f, 0.494f, 1.0f);
    c[ImGuiCol_CheckMark] = kAccent;
    c[ImGuiCol_SliderGrab] = kAccent;
    c[ImGuiCol_SliderGrabActive] = kAccentActive;
    c[ImGuiCol_Button] = kButton;
    c[ImGuiCol_ButtonHovered] = kAccentTintHovered;
    c[ImGuiCol_ButtonActive] = kAccentTintActive;
    c[ImGuiCol_Header] = kAccentTint;            // selected rows, open tree nodes
    c[ImGuiCol_HeaderHovered] = kAccentTintHovered;
    c[ImGuiCol_HeaderActive] = kAccentTintActive;
    c[ImGuiCol_Separator] = kBorder;
    c[ImGuiCol_SeparatorHovered] = kAccentHovered;
    c[ImGuiCol_SeparatorActive] = kAccent;
    c[ImGuiCol_ResizeGrip] = withAlpha(kBorder, 0.6f);
    c[ImGuiCol_ResizeGripHovered] = withAlpha(kAccent, 0.5f);
    c[ImGuiCol_ResizeGripActive] = kAccent;
    c[ImGuiCol_Tab] = kTableHeader;
    c[ImGuiCol_TabHovered] = kAccentTintHovered;
    c[ImGuiCol_TabActive] = kAccentTintActive;   // the open tab: the strongest tint, text still dark
    c[ImGuiCol_TabUnfocused] = kTableHeader;
    c[ImGuiCol_TabUnfocusedActive] = kAccentTint;
    c[ImGuiCol_PlotLines] = kAccent;
    c[ImGuiCol_PlotLinesHovered] = kGold;
    c[ImGuiCol_PlotHistogram] = kAccent;
    c[ImGuiCol_PlotHistogramHovered] = kGold;
    c[ImGuiCol_TableHeaderBg] = kTableHeader;
    c[ImGuiCol_TableBorderStrong] = ImVec4(0.800f, 0.757f, 0.706f, 1.0f);
    c[ImGuiCol_TableBorderLight] = kBorder;
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = kTableRowAlt;
    c[ImGuiCol_TextSelectedBg] = withAlpha(kAccentTintActive, 0.9f);
    c[ImGuiCol_DragDropTarget] = kGold;
    c[ImGuiCol_NavHighlight] = kAccent;
    c[ImGuiCol_NavWindowingHighlight] = withAlpha(kGold, 0.8f);
    c[ImGuiCol_NavWindowingDimBg] = ImVec4(0.2f, 0.15f, 0.12f, 0.25f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.2f, 0.15f, 0.12f, 0.35f);

    if (scale > 0.0f && scale != 1.0f) style.ScaleAllSizes(scale);
}

void pushAccentButton() {
    ImGui::PushStyleColor(ImGuiCol_Button, kAccent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, kAccentHovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, kAccentActive);
    ImGui::PushStyleColor(ImGuiCol_Text, kOnAccent);
    ImGui::PushStyleColor(ImGuiCol_Border, kAccentActive);
}

void popAccentButton() { ImGui::PopStyleColor(5); }

float contrastRatio(const ImVec4& a, const ImVec4& b) {
    const float la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

ImVec4 textColorOn(const ImVec4& background) {
    return contrastRatio(kOnAccent, background) >= contrastRatio(kText, background) ? kOnAccent.vec4() : kText.vec4();
}

} // namespace jinguo::ui
