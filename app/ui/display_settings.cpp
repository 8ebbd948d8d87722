// display_settings.cpp — see display_settings.hpp.
#include "ui/display_settings.hpp"

#include "core/preferences.hpp"
#include "ui/item_locator.hpp"
#include "ui/theme.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <string>

namespace jinguo::ui {

namespace {

const char* scaleLabel(int percent) {
    switch (percent) {
    case 100: return str::kDisplayScale100;
    case 112: return str::kDisplayScale112;
    case 125: return str::kDisplayScale125;
    case 137: return str::kDisplayScale137;
    default: return str::kDisplayScale150;
    }
}

} // namespace

void drawDisplayTab(AppState& app) {
    headingText(str::kDisplayTextSize);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(str::kDisplayTextSizeIntro);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // One row while it fits; at 150 % on a narrow window the rest wraps.
    const float gap = ImGui::GetFontSize() * 1.2f;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    bool first = true;
    for (int step : kFontScaleSteps) {
        const float width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x
                          + ImGui::CalcTextSize(scaleLabel(step)).x;
        if (!first && ImGui::GetItemRectMax().x + gap + width <= right) ImGui::SameLine(0.0f, gap);
        first = false;
        if (ImGui::RadioButton(scaleLabel(step), app.fontScalePercent == step)) app.fontScalePercent = step;
        locate(("display.font_scale." + std::to_string(step)).c_str());
    }
    ImGui::Spacing();
    ImGui::TextDisabled("%s", str::kDisplayPreviewLabel);
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kDisplayPreview);
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", str::kDisplaySmallScreenHint);
    ImGui::PopTextWrapPos();
}

} // namespace jinguo::ui
