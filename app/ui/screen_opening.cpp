// screen_opening.cpp — 正在打开数据库: which step of a long open, how far, how long.
#include "ui/screen_opening.hpp"

#include "storage/database.hpp"
#include "ui/theme.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <cstdio>

namespace jinguo::ui {

using storage::OpenStage;

std::string openingStepText(const storage::OpenProgress& progress) {
    switch (progress.currentStage()) {
    case OpenStage::Checking: return str::kOpeningChecking;
    case OpenStage::BackingUp: return str::kOpeningBackingUp;
    case OpenStage::Migrating: {
        char line[512];
        std::snprintf(line, sizeof line, str::kOpeningMigrating, progress.step.load(), progress.steps.load(),
                      progress.name.load());
        return line;
    }
    case OpenStage::FillingKeys: return str::kOpeningFilling;
    }
    return str::kOpeningChecking;
}

float openingFraction(const storage::OpenProgress& progress) {
    const OpenStage stage = progress.currentStage();
    if (stage == OpenStage::Migrating) {
        // Whole steps done; the step under way is one statement with no progress of its own.
        const int steps = progress.steps.load();
        return steps > 0 ? static_cast<float>(progress.step.load() - 1) / static_cast<float>(steps) : -1.0f;
    }
    const auto total = progress.total.load();
    if (stage == OpenStage::Checking || total <= 0) return -1.0f;
    const auto done = progress.done.load();
    return static_cast<float>(static_cast<double>(done < total ? done : total) / static_cast<double>(total));
}

void drawOpeningScreen(const storage::OpenProgress& progress, const std::string& path, double elapsedSeconds,
                       bool closeAsked) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("##opening", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    headingText(str::kOpeningTitle);
    ImGui::TextDisabled("%s", storage::databaseDisplayName(path).c_str());   // a server: never its password
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    if (progress.currentStage() != OpenStage::Checking) ImGui::TextUnformatted(str::kOpeningUpgradeWhy);
    ImGui::Spacing();
    const std::string step = openingStepText(progress);
    ImGui::TextUnformatted(step.c_str());
    const float fraction = openingFraction(progress);
    if (fraction >= 0.0f) {
        char overlay[32];
        std::snprintf(overlay, sizeof overlay, "%.0f%%", fraction * 100.0f);
        ImGui::ProgressBar(fraction, ImVec2(-1.0f, 0.0f), overlay);
    } else {
        // No fraction to tell: a bar that moves says the work goes on.
        const float phase = static_cast<float>(elapsedSeconds - static_cast<double>(static_cast<long long>(elapsedSeconds)));
        ImGui::ProgressBar(phase, ImVec2(-1.0f, 0.0f), "");
    }
    const int seconds = static_cast<int>(elapsedSeconds);
    ImGui::Text(str::kOpeningElapsed, seconds / 60, seconds % 60);
    ImGui::Spacing();
    // The close button cannot stop an open half-way: say why the window stays.
    const bool checking = progress.currentStage() == OpenStage::Checking;
    const char* stay = checking ? str::kOpeningCheckWait : str::kOpeningDontClose;
    if (closeAsked) ImGui::TextColored(kErrorColor, "%s", stay);
    else if (!checking) ImGui::TextDisabled("%s", stay);
    ImGui::PopTextWrapPos();
    ImGui::End();
}

} // namespace jinguo::ui
