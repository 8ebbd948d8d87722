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
    bool first = true;
    for (int step : kFontScaleSteps) {
        if (!first) ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.2f);
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
