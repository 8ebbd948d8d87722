// screen_data_list.cpp — read-only lists for the sections still to be built out.
#include "ui/screen_data_list.hpp"

#include "core/text.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdlib>

namespace jinguo::ui {

using ListKind = storage::Storage::ListKind;

const char* targetMetricLabel(const std::string& code) {
    if (code == "title_rate") return str::kMetricTitleRate;
    if (code == "title_count") return str::kMetricTitleCount;
    if (code == "post_count") return str::kMetricPostCount;
    if (code == "volunteer_hours") return str::kMetricVolunteerHours;
    if (code == "activities") return str::kMetricActivities;
    if (code == "volunteers") return str::kMetricVolunteers;
    if (code == "indicator") return str::kMetricIndicator;
    return code.c_str();
}

DataListScreen makeDataListScreen(Section section) {
    using namespace str;
    DataListScreen screen;
    switch (section) {
    case Section::Families:
        screen.kind = ListKind::Families;
        screen.headers = {kColHeadName, kColAddress, kColMembers, kColUnit, kColTitles};
        break;
    case Section::Posts:
        screen.kind = ListKind::Posts;
        screen.headers = {kColWorkUnit, kColPostName, kColOrgUnit, kColHeadcount, kColWomen, kColWomenLeaders,
                          kColStatus, kColLevel, kColYear};
        break;
    case Section::Honours:
        screen.kind = ListKind::Honours;
        screen.headers = {kColYear, kColTitle, kColLevel, kColSubject, kColStatus, kColDocNumber};
        break;
    case Section::Targets:
        screen.kind = ListKind::Targets;
        screen.headers = {kColOrgUnit, kColYear, kColMetric, kColTitleOrIndicator, kColGoal};
        break;
    case Section::Leaderboards:
        screen.kind = ListKind::TopVolunteers;
        screen.headers = {kColRank, kColName, kColUnit, kColTotalHours};
        break;
    case Section::Import:
        screen.kind = ListKind::ImportBatches;
        screen.headers = {kColFile, kColKind, kColTime, kColImported, kColUpdated, kColSkipped, kColUndone};
        break;
    default:
        screen.kind = ListKind::Settings;
        screen.headers = {kColKey, kColValue, kColNote};
        break;
    }
    return screen;
}

namespace {

// Targets store codes and fractions; show what users say ("创建率", "90%").
// The volunteer board gets competition ranks (1, 2, 2, 4): equal hours, equal rank.
void prettify(ListKind kind, TextTable& table) {
    if (kind == ListKind::TopVolunteers) {
        int rank = 0;
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            auto& row = table.rows[i];
            if (i == 0 || row[2] != table.rows[i - 1][3]) rank = static_cast<int>(i) + 1;
            row.insert(row.begin(), std::to_string(rank));
        }
        return;
    }
    if (kind != ListKind::Targets) return;
    for (auto& row : table.rows) {
        const bool rate = row[2] == "title_rate";
        row[2] = targetMetricLabel(row[2]);
        if (rate) row[4] = formatNumber(std::atof(row[4].c_str()) * 100.0) + "%";
        else row[4] = formatNumber(std::atof(row[4].c_str()));
    }
}

} // namespace

void drawDataListScreen(AppState& app, DataListScreen& s) {
    bool refilter = false;
    if (s.loadedRevision != app.storage.revision()) {
        s.table = app.storage.list(s.kind);
        prettify(s.kind, s.table);
        s.loadedRevision = app.storage.revision();
        refilter = true;
    }
    ImGui::TextWrapped("%s", str::kComingLater);
    ImGui::SetNextItemWidth(320);
    if (ImGui::InputTextWithHint("##filter", str::kFilterHint, &s.filter) && app.noteText) app.noteText(s.filter);
    const std::string query = trim(s.filter);
    if (refilter || query != s.appliedFilter) {
        s.visible.clear();
        for (std::size_t i = 0; i < s.table.rows.size(); ++i) {
            bool match = query.empty();
            for (const std::string& cell : s.table.rows[i])
                if (!match && containsFolded(cell, query)) match = true;
            if (match) s.visible.push_back(static_cast<int>(i));
        }
        s.appliedFilter = query;
    }
    ImGui::SameLine();
    ImGui::TextDisabled(str::kRowsFormat, static_cast<int>(s.visible.size()));

    const int columns = static_cast<int>(s.headers.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("data", columns, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : s.headers) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.visible.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = s.table.rows[static_cast<std::size_t>(s.visible[static_cast<std::size_t>(i)])];
            ImGui::TableNextRow();
            for (std::size_t c = 0; c < row.size() && c < s.headers.size(); ++c) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row[c].c_str());
            }
        }
    }
    ImGui::EndTable();
}

} // namespace jinguo::ui
