// screen_overview.cpp — 概览: headline figures as cards, 巾帼文明岗 by state
// and the latest year's titles by level as bars.
#include "ui/screen_overview.hpp"

#include "core/number_format.hpp"

#include "ui/theme.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace jinguo::ui {

namespace {

void drawCounts(const char* heading, const std::vector<OverviewFigures::Count>& counts, float width) {
    headingText(heading);
    if (counts.empty()) {
        ImGui::TextDisabled("%s", str::kNoData);
        return;
    }
    long long maximum = 0;
    for (const auto& c : counts) maximum = std::max<long long>(maximum, c.count);
    for (const auto& c : counts) countBar(c.label.c_str(), c.count, maximum, width);
}

} // namespace

void drawOverviewScreen(AppState& app, OverviewScreen& s) {
    s.job.request(app.storage, "overview", [](storage::Storage& storage) { return storage.overview(); });
    s.job.poll();
    if (!s.job.error().empty() && s.job.current()) {
        ImGui::TextColored(kErrorColor, "%s%s", str::kComputeFailed, s.job.error().c_str());
        return;
    }
    if (s.job.result() == nullptr) {
        ImGui::TextDisabled("%s", str::kOverviewLoading);
        return;
    }
    const OverviewFigures& f = *s.job.result();
    if (f.communities == 0 && f.volunteers == 0 && f.families == 0) {
        ImGui::TextWrapped("%s", str::kEmptyDatabase);
        return;
    }
    struct Card { const char* label; std::string value; };
    const Card cards[] = {
        {str::kFigStreets, fmt::grouped(static_cast<double>(f.streets))},
        {str::kFigCommunities, fmt::grouped(static_cast<double>(f.communities))},
        {str::kFigHouseholds, fmt::grouped(static_cast<double>(f.households))},
        {str::kFigVolunteers, fmt::grouped(static_cast<double>(f.volunteers))},
        {str::kFigServiceHours, fmt::grouped(f.serviceHours)},
        {str::kFigServiceRecords, fmt::grouped(static_cast<double>(f.serviceRecords))},
        {str::kFigActivities, fmt::grouped(static_cast<double>(f.activities))},
        {str::kFigFamilies, fmt::grouped(static_cast<double>(f.families))},
        {str::kFigFamilyAwards, fmt::grouped(static_cast<double>(f.familyAwards))},
        {str::kFigPosts, fmt::grouped(static_cast<double>(f.posts))},
        {str::kFigPostsNamed, fmt::grouped(static_cast<double>(f.postsNamed))},
        {str::kFigTargets, fmt::grouped(static_cast<double>(f.targets))},
    };
    const float available = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int perRow = std::max(1, static_cast<int>((available + spacing) / (220.0f + spacing)));
    const float cardWidth = (available - spacing * static_cast<float>(perRow - 1)) / static_cast<float>(perRow);
    int column = 0;
    for (const Card& c : cards) {
        if (column > 0) ImGui::SameLine();
        figureCard(c.label, c.value, app.largeFont, cardWidth);
        column = (column + 1) % perRow;
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const float half = (available - spacing * 3) * 0.5f;
    ImGui::BeginGroup();
    drawCounts(str::kPostsByStatus, f.postsByStatus, half);
    ImGui::EndGroup();
    ImGui::SameLine(0, spacing * 3);
    ImGui::BeginGroup();
    const std::string awardsHeading = std::string(str::kAwardsByLevel) + "（" + std::to_string(f.latestYear) + "）";
    drawCounts(awardsHeading.c_str(), f.awardsByLevel, half);
    ImGui::EndGroup();
}

} // namespace jinguo::ui
