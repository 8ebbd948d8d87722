// screen_targets.cpp — 目标: progress of the year's targets with drill-down,
// and the year in figures.
//
// [SECTION] computation (worker thread)
// [SECTION] formatting
// [SECTION] tab 目标进度
// [SECTION] tab 年度数据
// [SECTION] the screen
#include "ui/screen_targets.hpp"

#include "core/number_format.hpp"
#include "core/vocabulary.hpp"
#include "report/reports.hpp"
#include "storage/session_scope.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "ui/charts.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace jinguo::ui {

namespace {

// The theme's colours (theme.hpp) under the names of what they mean here.
constexpr theme::Colour kGreen = kOkColor;
constexpr theme::Colour kAmber = theme::kWarningColor;
constexpr theme::Colour kRed = kErrorColor;
constexpr ImU32 kAccentColor = theme::kAccent.u32();
constexpr ImU32 kSecondColor = theme::kGold.u32();

Date todayOf(const AppState& app) { return parseDate(app.today).value_or(Date{2026, 1, 1}); }

ImVec4 statusColor(TargetStatus status) {
    const TargetStatus tone = targetStatusTone(status);
    return tone == TargetStatus::Green ? kGreen : tone == TargetStatus::Amber ? kAmber : kRed;
}

//-----------------------------------------------------------------------------
// [SECTION] computation (worker thread)
//-----------------------------------------------------------------------------

double rateGoalOf(const std::vector<storage::TargetLine>& lines, RowId unit, const std::string& title, bool* found) {
    for (const storage::TargetLine& l : lines) {
        if (l.target.unitId == unit && l.target.metric == "title_rate" && l.subject == title) {
            *found = true;
            return l.target.goal;
        }
    }
    *found = false;
    return 0;
}

} // namespace

TargetsResult computeTargets(storage::Storage& storage, int year, RowId unitId, const Date& today) {
    TargetsResult r;
    r.year = year;
    const std::vector<OrgUnit> units = storage.units();
    std::unordered_map<RowId, const OrgUnit*> byId;
    for (const OrgUnit& u : units) byId.emplace(u.id, &u);
    if (unitId == 0 || !byId.count(unitId)) {
        unitId = 0;
        for (const OrgUnit& u : units)
            if (u.parentId == 0) { unitId = u.id; break; }
    }
    r.unitId = unitId;
    if (unitId == 0) return r;   // no units at all
    r.unitName = byId.at(unitId)->name;
    const std::vector<OrgUnit> writable = storage::writableUnits(storage, units);
    r.maySetTargets = std::any_of(writable.begin(), writable.end(), [&](const OrgUnit& u) { return u.id == unitId; });
    for (RowId a = byId.at(unitId)->parentId; a != 0 && byId.count(a) && r.ancestors.size() < units.size();
         a = byId.at(a)->parentId)
        r.ancestors.insert(r.ancestors.begin(), a);
    for (RowId a : r.ancestors) r.ancestorNames.push_back(byId.at(a)->name);

    storage::Aggregates aggregates(storage);
    const storage::TargetsReport report = aggregates.targets(year, today, unitId);
    for (const storage::TargetLine& l : report.lines)
        if (l.target.unitId == unitId) r.lines.push_back(l);
    // The drill unit, then its ancestors upwards: whose targets apply.
    std::vector<RowId> nearestFirst{unitId};
    nearestFirst.insert(nearestFirst.end(), r.ancestors.rbegin(), r.ancestors.rend());
    // Count lines with per-child figures, nearest unit first; one per metric
    // and subject.
    for (RowId owner : nearestFirst)
        for (const storage::TargetLine& l : report.lines) {
            if (l.target.unitId != owner || l.children.empty()) continue;
            const bool shown = std::any_of(r.countLines.begin(), r.countLines.end(), [&](const storage::TargetLine& c) {
                return c.target.metric == l.target.metric && c.target.titleId == l.target.titleId;
            });
            if (!shown) r.countLines.push_back(l);
        }

    // The title drilled down: the nearest unit's rate target's (平安家庭 when
    // that unit has a 平安家庭 rate target or none at all).
    r.rateTitle = storage::kRateTitleName;
    {
        bool chosen = false;
        for (RowId owner : nearestFirst) {
            for (const storage::TargetLine& l : report.lines) {
                if (l.target.unitId != owner || l.target.metric != "title_rate" || l.subject.empty()) continue;
                if (!chosen || l.subject == storage::kRateTitleName) r.rateTitle = l.subject;
                chosen = true;
            }
            if (chosen) break;
        }
    }

    // The inherited rate goal: the unit's own, else the nearest ancestor's.
    bool hasGoal = false;
    double inherited = rateGoalOf(report.lines, unitId, r.rateTitle, &hasGoal);
    for (auto a = r.ancestors.rbegin(); !hasGoal && a != r.ancestors.rend(); ++a)
        inherited = rateGoalOf(report.lines, *a, r.rateTitle, &hasGoal);

    std::vector<const OrgUnit*> children;
    for (const OrgUnit& u : units)
        if (u.parentId == unitId) children.push_back(&u);
    if (children.empty()) return r;
    // Streets under the district, communities under a street: one board each
    // for the year and the year before (its numerators are the base).
    const bool streets = isStreetKind(children.front()->kind);
    storage::BoardQuery q;
    q.board = streets ? storage::Board::Streets : storage::Board::Communities;
    q.metric = storage::BoardMetric::Rate;
    q.scopeUnitId = unitId;
    q.rateTitle = r.rateTitle;
    q.period = Period::ofYear(year);
    const storage::BoardResult now = aggregates.board(q);
    q.period = Period::ofYear(year - 1);
    const storage::BoardResult before = aggregates.board(q);
    std::unordered_map<RowId, const storage::BoardRow*> nowRows, beforeRows;
    for (const auto& row : now.rows) nowRows.emplace(row.id, &row);
    for (const auto& row : before.rows) beforeRows.emplace(row.id, &row);

    for (const OrgUnit* u : children) {
        TargetChild c;
        c.id = u->id;
        c.name = u->name;
        c.kind = u->kind;
        c.hasChildren = std::any_of(units.begin(), units.end(), [&](const OrgUnit& x) { return x.parentId == u->id; });
        if (const auto it = nowRows.find(u->id); it != nowRows.end()) {
            c.numerator = it->second->numerator;
            c.households = it->second->households;
        } else {
            c.households = u->households;
        }
        bool own = false;
        const double goal = rateGoalOf(report.lines, u->id, r.rateTitle, &own);
        c.ownGoal = own;
        c.hasGoal = own || hasGoal;
        c.goal = own ? goal : inherited;
        TargetFacts f;
        f.kind = TargetKind::Rate;
        f.year = year;
        f.goal = c.goal;
        f.numerator = c.numerator;
        f.denominator = static_cast<double>(c.households);
        if (const auto it = beforeRows.find(u->id); it != beforeRows.end()) f.baseNumerator = it->second->numerator;
        c.progress = evaluateTarget(f, today);
        // The board knows which units hold more titles than households.
        if (const auto it = nowRows.find(u->id); it != nowRows.end() && !it->second->dataError.empty())
            c.progress.problem = it->second->dataError;
        for (const storage::TargetLine& l : r.countLines) {
            const auto it = std::find_if(l.children.begin(), l.children.end(),
                                         [&](const storage::ChildCount& x) { return x.unitId == u->id; });
            c.counts.push_back(it != l.children.end() ? it->actual : 0);
        }
        r.children.push_back(std::move(c));
    }
    return r;
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] formatting
//-----------------------------------------------------------------------------

bool isRateLine(const storage::TargetLine& l) { return l.target.metric == "title_rate"; }

TargetKind kindOf(const storage::TargetLine& l) {
    const TargetMetricInfo* m = targetMetricInfo(l.target.metric);
    return m != nullptr ? m->kind : TargetKind::Count;
}

// The line's name and its gap's unit word, from the core's metric table.
std::string metricLabel(const storage::TargetLine& l) { return targetMetricLabel(l.target.metric, l.subject); }

const char* gapUnit(const storage::TargetLine& l) {
    const TargetMetricInfo* m = targetMetricInfo(l.target.metric);
    return m != nullptr ? m->measure : "";
}

std::string figure(bool rate, double value) { return rate ? fmt::percent(value, 1) : fmt::grouped(value); }

// "89.9% / 90.0%", or "还差1户 / 90.0%" when the actual would read as the goal.
std::string actualOverGoal(TargetKind kind, const TargetProgress& p, const char* measure) {
    const bool rate = kind == TargetKind::Rate;
    return targetActualText(kind, p, 1, measure).actual + " / " + figure(rate, p.goal);
}

// A progress bar coloured by status, with a tick where today's pace expects it.
void progressBar(const TargetProgress& p, TargetKind kind, const char* measure, float width) {
    const float fraction = static_cast<float>(std::clamp(p.progress, 0.0, 1.0));
    const std::string overlay = actualOverGoal(kind, p, measure);
    labelledProgressBar(fraction, width, overlay, ImGui::ColorConvertFloat4ToU32(statusColor(p.status)));
    if (p.goal > 0) {
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float x = min.x + (max.x - min.x) * static_cast<float>(std::clamp(p.expected / p.goal, 0.0, 1.0));
        // Short ticks above and below keep the figures inside the bar readable.
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImU32 tick = ImGui::GetColorU32(ImGuiCol_Text);
        draw->AddLine(ImVec2(x, min.y - 2), ImVec2(x, min.y + 5), tick, 2.0f);
        draw->AddLine(ImVec2(x, max.y - 5), ImVec2(x, max.y + 2), tick, 2.0f);
    }
}

// After the year 已完成/未完成; while it runs 已完成 once met, else the pace.
const char* statusLabel(const TargetProgress& p) {
    return p.goalMet && !p.yearOver ? str::kTgMet : targetStatusLabel(p.status);
}

void statusText(const TargetProgress& p) {
    ImGui::TextColored(statusColor(p.status), "%s", statusLabel(p));
    if (!p.problem.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.problem.c_str());
}

// A data error (titled households above a unit's 总户数) in red, in full.
void problemText(const TargetProgress& p) {
    if (p.problem.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kRed);
    ImGui::TextWrapped("%s", p.problem.c_str());   // it names itself (数据有误：…)
    ImGui::PopStyleColor();
}

//-----------------------------------------------------------------------------
// [SECTION] tab 目标进度
//-----------------------------------------------------------------------------

void drawOwnTargets(TargetsScreen& s, const TargetsResult& r) {
    headingText((r.unitName + str::kTgTargetsOf).c_str());
    if (r.lines.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", str::kTgNoTargets);
        if (!r.maySetTargets) return;   // set above her: nothing to offer
        ImGui::SameLine();
        if (ImGui::SmallButton(str::kTeGoSet)) s.selectTab = 2;
        locate("targets.go_edit");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("own_targets", 7, flags)) return;
    ImGui::TableSetupColumn(str::kTgColMetric, 0, 1.6f);
    ImGui::TableSetupColumn(str::kTgColProgress, 0, 2.2f);
    ImGui::TableSetupColumn(str::kTgColExpected, 0, 0.7f);
    ImGui::TableSetupColumn(str::kTgColForecast, 0, 0.7f);
    ImGui::TableSetupColumn(str::kTgColGap, 0, 0.8f);
    ImGui::TableSetupColumn(str::kTgColStatus, 0, 0.5f);
    ImGui::TableSetupColumn("##note", 0, 1.4f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
        const storage::TargetLine& l = r.lines[i];
        const bool rate = isRateLine(l);
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(metricLabel(l).c_str());
        ImGui::TableNextColumn();
        progressBar(l.progress, kindOf(l), gapUnit(l), -1);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figure(rate, l.progress.expected).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figure(rate, l.progress.forecast).c_str());
        ImGui::TableNextColumn();
        if (l.progress.gap > 0) ImGui::Text("%s%s", fmt::grouped(l.progress.gap).c_str(), gapUnit(l));
        ImGui::TableNextColumn();
        statusText(l.progress);
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        textFitted(l.target.note);   // the last column: a long note would run off the window
        ImGui::PopStyleColor();
        problemText(l.progress);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void sortChildren(TargetsScreen& s, const TargetsResult& r) {
    if (s.orderedFor == &r && !s.sortDirty && s.childOrder.size() == r.children.size()) return;
    s.childOrder.resize(r.children.size());
    for (std::size_t i = 0; i < s.childOrder.size(); ++i) s.childOrder[i] = static_cast<int>(i);
    auto key = [&](const TargetChild& c) -> double {
        switch (s.sortColumn) {
        case 1: return c.progress.actual;
        case 2: return c.progress.progress;
        case 3: return c.progress.gap;
        case 4: return static_cast<double>(c.progress.status);
        default: return 0;
        }
    };
    std::stable_sort(s.childOrder.begin(), s.childOrder.end(), [&](int a, int b) {
        const TargetChild& x = r.children[static_cast<std::size_t>(a)];
        const TargetChild& y = r.children[static_cast<std::size_t>(b)];
        if (s.sortColumn == 0) return false;   // the tree's order
        const double kx = key(x), ky = key(y);
        if (kx == ky) return false;
        return s.sortAscending ? kx < ky : kx > ky;
    });
    if (s.sortColumn == 0 && !s.sortAscending) std::reverse(s.childOrder.begin(), s.childOrder.end());
    s.orderedFor = &r;
    s.sortDirty = false;
}

void drawChildren(TargetsScreen& s, const TargetsResult& r) {
    ImGui::Spacing();
    headingText((r.unitName + str::kTgChildrenOf + r.rateTitle + str::kTgChildrenRate).c_str());
    if (r.children.empty()) {
        ImGui::TextDisabled("%s", str::kTgNoChildren);
        return;
    }
    ImGui::TextDisabled("%s", str::kTgDrillHint);
    // As tall as its rows: the section scrolls, one scroll for the whole tab
    // (a table scrolling inside a scrolling page at 1366×768 was two).
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("children", 6, flags)) return;
    ImGui::TableSetupColumn(str::kTgColUnit, ImGuiTableColumnFlags_DefaultSort, 1.2f, 0);
    ImGui::TableSetupColumn(str::kTgColActual, ImGuiTableColumnFlags_PreferSortDescending, 0.6f, 1);
    ImGui::TableSetupColumn(str::kTgColProgress, ImGuiTableColumnFlags_PreferSortDescending, 2.2f, 2);
    ImGui::TableSetupColumn(str::kTgColGap, ImGuiTableColumnFlags_PreferSortDescending, 0.7f, 3);
    ImGui::TableSetupColumn(str::kTgColStatus, 0, 0.5f, 4);
    ImGui::TableSetupColumn(str::kTgColGoal, ImGuiTableColumnFlags_NoSort, 1.0f, 5);
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    if (tableSortChanged(s.sortColumn, s.sortAscending)) s.sortDirty = true;
    sortChildren(s, r);
    for (int index : s.childOrder) {
        const TargetChild& c = r.children[static_cast<std::size_t>(index)];
        ImGui::PushID(static_cast<int>(c.id));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (c.hasChildren) {
            if (wholeRowClicked(ImGui::Selectable(c.name.c_str(), false,
                                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap),
                                headerBottom))
                s.unitId = c.id;
        } else {
            ImGui::TextUnformatted(c.name.c_str());
        }
        locate(("child." + std::to_string(c.id)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt::percent(c.progress.actual, 1).c_str());
        if (!c.progress.problem.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(kRed, "%s", str::kTgProblemMark);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.progress.problem.c_str());
        }
        ImGui::TableNextColumn();
        if (c.hasGoal) progressBar(c.progress, TargetKind::Rate, str::kTgUnitHouseholds, -1);
        else ImGui::Text("%s / %s", fmt::grouped(c.numerator).c_str(), fmt::grouped(static_cast<double>(c.households)).c_str());
        ImGui::TableNextColumn();
        if (c.hasGoal && c.progress.gap > 0) ImGui::Text("%s%s", fmt::grouped(c.progress.gap).c_str(), str::kTgUnitHouseholds);
        ImGui::TableNextColumn();
        if (c.hasGoal) statusText(c.progress);
        ImGui::TableNextColumn();
        if (c.hasGoal) ImGui::TextDisabled("%s%s", fmt::percent(c.goal, 1).c_str(), c.ownGoal ? "" : str::kTgChildGoalInherited);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// Each child's actual for the count targets over the drill unit. Children
// have no goals of their own (a count goal is not split), so 分解目标 is "—".
void drawChildCounts(const TargetsResult& r) {
    if (r.countLines.empty() || r.children.empty()) return;
    ImGui::Spacing();
    headingText((r.unitName + str::kTgChildCountsOf).c_str());
    ImGui::TextDisabled("%s", str::kTgChildCountsHint);
    const int columns = static_cast<int>(r.countLines.size()) + 2;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("child_counts", columns, flags)) return;   // as tall as its rows (one scroll)
    ImGui::TableSetupColumn(str::kTgColUnit, 0, 1.2f);
    for (const storage::TargetLine& l : r.countLines) ImGui::TableSetupColumn(metricLabel(l).c_str(), 0, 1.0f);
    ImGui::TableSetupColumn(str::kTgColChildGoal, 0, 0.6f);
    ImGui::TableHeadersRow();
    locate("child_counts");
    for (const TargetChild& c : r.children) {
        ImGui::PushID(static_cast<int>(c.id));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.name.c_str());
        for (std::size_t k = 0; k < r.countLines.size(); ++k) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt::grouped(k < c.counts.size() ? c.counts[k] : 0).c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", str::kTgNoChildGoal);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

std::string breadcrumb(const TargetsResult& r) {
    std::string text;
    for (const std::string& n : r.ancestorNames) text += n + " / ";
    return text + r.unitName;
}

void drawProgressTab(AppState& app, TargetsScreen& s, const TargetsResult& r) {
    if (r.unitId == 0) {   // no units at all yet
        ImGui::TextWrapped("%s", str::kTeNoUnits);
        if (ImGui::Button(str::kTeGoUnits)) leaveThen(app, [&app] { app.section = Section::Units; });
        locate("targets.go_units");
        return;
    }
    if (!r.ancestors.empty() || s.unitId != 0) {
        if (ImGui::Button(str::kTgBack)) s.unitId = r.ancestors.empty() ? 0 : r.ancestors.back();
        locate("targets.back");
        ImGui::SameLine();
    }
    if (!r.ancestors.empty()) ImGui::TextDisabled("%s", breadcrumb(r).c_str());
    drawOwnTargets(s, r);
    drawChildren(s, r);
    drawChildCounts(r);
}

//-----------------------------------------------------------------------------
// [SECTION] tab 年度数据
//-----------------------------------------------------------------------------

// Lines of at most `width` pixels, broken between characters of Chinese text
// but never inside a number ("3.2万", "85.1%"), and never before closing
// punctuation (，。；）), which stays on the line it closes.
std::vector<std::string> wrapChinese(const std::string& text, float width) {
    auto isWordByte = [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '%' || c == ','; };
    // Tokens: a run of digits/letters (with . , %), or one UTF-8 character.
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t j = i;
        if (isWordByte(static_cast<unsigned char>(text[i]))) {
            while (j < text.size() && isWordByte(static_cast<unsigned char>(text[j]))) ++j;
        } else {
            ++j;
            while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
        }
        tokens.push_back(text.substr(i, j - i));
        i = j;
    }
    const std::string_view closing = str::kClosingPunctuation;
    std::vector<std::string> lines(1);
    for (const std::string& t : tokens) {
        const bool closes = t == "%" || (t.size() > 1 && closing.find(t) != std::string_view::npos);
        if (!lines.back().empty() && !closes && ImGui::CalcTextSize((lines.back() + t).c_str()).x > width)
            lines.emplace_back();
        lines.back() += t;
    }
    return lines;
}

void drawYearTab(AppState& app, TargetsScreen& s, const YearPanelResult& y) {
    const YearFigures& f = y.figures;
    struct Card { const char* label; std::string value; };
    const Card cards[] = {
        {str::kYfVolunteers, fmt::grouped(static_cast<double>(f.volunteersRegistered))},
        {str::kYfNew, fmt::grouped(static_cast<double>(f.volunteersNew))},
        {str::kYfActive, fmt::grouped(static_cast<double>(f.volunteersActive))},
        {str::kYfHours, fmt::grouped(f.serviceHours)},
        {str::kYfActivities, fmt::grouped(static_cast<double>(f.activities))},
        {f.participantsReported ? str::kYfParticipantsReported : str::kYfParticipants, fmt::grouped(f.participants())},
        {str::kYfPostsHeld, fmt::grouped(static_cast<double>(f.postsHeld()))},
    };
    const float available = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int perRow = 7;
    const float cardWidth = (available - spacing * (perRow - 1)) / perRow;
    for (std::size_t i = 0; i < std::size(cards); ++i) {
        if (i > 0) ImGui::SameLine();
        figureCard(cards[i].label, cards[i].value, app.largeFont, cardWidth);
    }
    // The manual indicators (工作指标), as reported: the root's own or the units' sum.
    const float indicatorsTop = ImGui::GetCursorPosY();
    if (!f.indicators.empty()) {
        headingText(str::kYfIndicators);
        locate("year.indicators");
        for (std::size_t i = 0; i < f.indicators.size(); ++i) {
            const YearFigures::Indicator& ind = f.indicators[i];
            const std::string value = chineseQuantity(ind.value) + ind.unit;
            noteUserText(app, ind.name);
            noteUserText(app, value);
            if (i % perRow != 0) ImGui::SameLine();
            figureCard(ind.name.c_str(), value, app.largeFont, cardWidth);
        }
    }
    ImGui::Spacing();
    // The charts give up the room the indicators took, so the paragraph stays on screen.
    const float shrink = (ImGui::GetCursorPosY() - indicatorsTop) * 0.3f;

    // Monthly service hours as a line, monthly activities as bars.
    const float half = (available - spacing * 3) * 0.5f;
    const float chartHeight = std::max(100.0f, ImGui::GetTextLineHeight() * 10 - shrink);
    ChartSeries hours, activities;
    // The year in progress is charted up to this month: later months have no
    // records yet, and a line dropping to zero would read as a collapse.
    const Date today = todayOf(app);
    const int months = f.year == today.year ? std::clamp(today.month, 1, 12) : 12;
    for (int m = 0; m < months; ++m) {
        const std::string label = std::to_string(m + 1) + str::kYfMonthSuffix;
        hours.labels.push_back(label);
        hours.values.push_back(f.monthlyHours[static_cast<std::size_t>(m)]);
        activities.labels.push_back(label);
        activities.values.push_back(static_cast<double>(f.monthlyActivities[static_cast<std::size_t>(m)]));
    }
    hours.unit = str::kYfUnitHours;
    activities.unit = str::kYfUnitActivities;
    ImGui::BeginGroup();
    headingText(str::kYfMonthlyHours);
    lineChart("monthly_hours", hours, ImVec2(half, chartHeight), kAccentColor);
    ImGui::EndGroup();
    ImGui::SameLine(0, spacing * 3);
    ImGui::BeginGroup();
    headingText(str::kYfMonthlyActivities);
    barChart("monthly_activities", activities, ImVec2(half, chartHeight), kSecondColor);
    ImGui::EndGroup();
    ImGui::Spacing();

    // Titles by level, posts by level and state, family creation rates.
    const float third = (available - spacing * 6) / 3.0f;
    const float smallHeight = std::max(90.0f, ImGui::GetTextLineHeight() * 8 - shrink);
    ChartSeries titles;
    for (const auto& c : f.titlesByLevel) {
        titles.labels.push_back(levelWithSuffix(c.level));
        titles.values.push_back(static_cast<double>(c.count));
    }
    titles.unit = str::kYfUnitTitles;
    ImGui::BeginGroup();
    headingText(str::kYfTitlesByLevel);
    barChart("titles_by_level", titles, ImVec2(third, smallHeight), kAccentColor);
    ImGui::EndGroup();
    ImGui::SameLine(0, spacing * 3);
    ChartSeries posts;
    for (const auto& c : f.postsByLevelAndState) {
        posts.labels.push_back(levelWithSuffix(c.level) + " " + c.state);
        posts.values.push_back(static_cast<double>(c.count));
    }
    ImGui::BeginGroup();
    headingText(str::kYfPostsByState);
    horizontalBarChart("posts_by_state", posts, ImVec2(third, smallHeight), kSecondColor);
    ImGui::EndGroup();
    ImGui::SameLine(0, spacing * 3);
    ChartSeries rates;
    for (const auto& r : f.familyRates) {
        rates.labels.push_back(r.title);
        rates.values.push_back(std::round(r.rate * 1000) / 10);   // per cent, one decimal
    }
    rates.unit = "%";
    rates.valueSuffix = "%";
    ImGui::BeginGroup();
    headingText(str::kYfFamilyRates);
    horizontalBarChart("family_rates", rates, ImVec2(third, smallHeight), kAccentColor);
    ImGui::EndGroup();
    ImGui::Spacing();

    // The paragraph, as it will be pasted.
    headingText(str::kYfSummary);
    ImGui::SameLine();
    if (ImGui::SmallButton(str::kYfCopy)) {
        ImGui::SetClipboardText(y.summary.c_str());
        s.message = str::kYfCopied;
    }
    locate("year.copy");
    if (!s.message.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kGreen, "%s", s.message.c_str());
    }
    // A frame as tall as the paragraph: the tab scrolls as one page.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.WindowPadding.x;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(width, pad * 0.5f));
    ImGui::Indent(pad);
    // ImGui's own wrapping breaks after a '.', splitting "3.2万" over two lines.
    for (const std::string& line : wrapChinese(y.summary, width - pad * 2)) ImGui::TextUnformatted(line.c_str());
    ImGui::Unindent(pad);
    ImGui::Dummy(ImVec2(width, pad * 0.5f));
    ImGui::EndGroup();
    ImGui::GetWindowDrawList()->AddRect(start, ImVec2(start.x + width, ImGui::GetItemRectMax().y),
                                        ImGui::GetColorU32(ImGuiCol_Border), style.ChildRounding);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

ExportTable targetsShownTable(const TargetsScreen& s, const TargetsResult& r) {
    ExportTable table;
    table.sheetName = str::kExpTargetsFile;
    table.headers = {str::kTgColUnit,     str::kTgColMetric,   str::kTgColActual, str::kTgColGoal,
                     str::kTgColProgress, str::kTgColExpected, str::kTgColForecast, str::kTgColGap,
                     str::kTgColStatus,   str::kExpColNote};
    auto status = [](const TargetProgress& p) {
        return std::string(statusLabel(p));
    };
    // The unit's own targets, then its streets or communities in the order shown.
    for (const storage::TargetLine& l : r.lines) {
        const bool rate = isRateLine(l);
        const TargetProgress& p = l.progress;
        table.rows.push_back({r.unitName, metricLabel(l), targetActualText(kindOf(l), p, 1, gapUnit(l)).actual,
                              figure(rate, p.goal),
                              fmt::percent(p.progress, 1), figure(rate, p.expected), figure(rate, p.forecast),
                              p.gap > 0 ? fmt::grouped(p.gap) + gapUnit(l) : std::string(), status(p),
                              p.problem.empty() ? l.target.note : l.target.note + (l.target.note.empty() ? "" : "；") + p.problem});
    }
    std::vector<int> order;
    if (s.orderedFor == &r && s.childOrder.size() == r.children.size()) order = s.childOrder;
    else for (std::size_t i = 0; i < r.children.size(); ++i) order.push_back(static_cast<int>(i));
    for (const int index : order) {
        const TargetChild& c = r.children[static_cast<std::size_t>(index)];
        const TargetProgress& p = c.progress;
        if (!c.hasGoal) {
            table.rows.push_back({c.name, str::kExpTgChildMetric, fmt::percent(p.actual, 1), "",
                                  fmt::grouped(c.numerator) + " / " + fmt::grouped(static_cast<double>(c.households)),
                                  "", "", "", "", ""});
            continue;
        }
        table.rows.push_back({c.name, str::kExpTgChildMetric, fmt::percent(p.actual, 1),
                              fmt::percent(c.goal, 1) + (c.ownGoal ? "" : str::kTgChildGoalInherited), fmt::percent(p.progress, 1),
                              fmt::percent(p.expected, 1), fmt::percent(p.forecast, 1),
                              p.gap > 0 ? fmt::grouped(p.gap) + str::kTgUnitHouseholds : std::string(), status(p), ""});
    }
    return table;
}

void drawTargetsScreen(AppState& app, TargetsScreen& s) {
    const Date today = todayOf(app);
    const int year = s.year != 0 ? s.year : today.year;
    // Before the year picker: a form typed on either editor tab asks before the year changes.
    noteTargetFormDirty(app, s.editor, year);
    noteIndicatorFormDirty(app, s.indicators, year);

    // Year picker: this year and the five before.
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", str::kTgYear);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    const std::string yearText = std::to_string(year) + str::kYearSuffix;
    if (ImGui::BeginCombo("##targets_year", yearText.c_str())) {
        for (int y = today.year; y > today.year - 6; --y) {
            const std::string label = std::to_string(y) + str::kYearSuffix;
            if (ImGui::Selectable(label.c_str(), y == year) && y != year) {
                // An unsaved target or indicator belongs to the year it was typed in.
                leaveThen(app, [&s, y] {
                    s.year = y;
                    s.message.clear();
                });
            }
            locate(("targets.year." + std::to_string(y)).c_str());
        }
        ImGui::EndCombo();
    }
    locate("targets.year");
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s", str::kTgToday, app.today.c_str());
    if (s.tab == 0 && s.job.result() && s.job.result()->unitId != 0) {
        sameLineIfFits(buttonWidth(str::kExpButton));
        const std::string what = std::string(str::kExpTargetsFile) + "-" + s.job.result()->unitName + "-"
                               + std::to_string(s.job.result()->year);
        drawExportMenu(app, s.exportMenu, what.c_str(), false,
                       [&s](bool) { return targetsShownTable(s, *s.job.result()); }, "targets.export");
    }
    if (s.tab == 1 && s.yearJob.result()) {
        // The printed 年度数据: the same reader and paragraph as the tab, on a worker.
        sameLineIfFits(ImGui::GetFontSize() * 5);   // 导出PDF
        const std::string what = std::string(str::kPdfYearFile) + "-" + s.yearJob.result()->figures.districtName + "-"
                               + std::to_string(year);
        drawPdfExportButton(app, s.yearPdf, what,
                            [year, today](storage::Storage& st, const std::string& path, int* pages) {
                                return report::writeYearReport(st, year, today, path, pages);
                            }, "year.pdf");
    }

    const RowId unit = s.unitId;
    s.job.request(app.storage, std::to_string(year) + "/" + std::to_string(unit),
                  [year, unit, today](storage::Storage& st) { return computeTargets(st, year, unit, today); });
    if (s.job.poll()) s.sortDirty = true;
    s.yearJob.request(app.storage, std::to_string(year), [year, today](storage::Storage& st) {
        YearPanelResult r;
        r.figures = storage::YearFiguresReader(st).figures(year);
        r.summary = yearSummaryText(r.figures, today);
        return r;
    });
    if (s.yearJob.poll() && s.yearJob.result() && app.noteText) app.noteText(s.yearJob.result()->summary);

    if (ImGui::BeginTabBar("targets_tabs")) {
        const bool progressOpen = ImGui::BeginTabItem(str::kTgTabProgress, nullptr,
                                                      s.selectTab == 0 ? ImGuiTabItemFlags_SetSelected : 0);
        locate("tab.progress");
        if (progressOpen) {
            s.tab = 0;
            if (s.job.busy()) ImGui::TextDisabled("%s", str::kComputing);
            if (!s.job.error().empty() && s.job.current())
                ImGui::TextColored(kRed, "%s%s", str::kComputeFailed, s.job.error().c_str());
            else if (const TargetsResult* r = s.job.result())
                drawProgressTab(app, s, *r);
            ImGui::EndTabItem();
        }
        const bool yearOpen =
            ImGui::BeginTabItem(str::kTgTabYear, nullptr, s.selectTab == 1 ? ImGuiTabItemFlags_SetSelected : 0);
        locate("tab.year");
        if (yearOpen) {
            s.tab = 1;
            if (s.yearJob.busy()) ImGui::TextDisabled("%s", str::kComputing);
            if (!s.yearJob.error().empty() && s.yearJob.current())
                ImGui::TextColored(kRed, "%s%s", str::kComputeFailed, s.yearJob.error().c_str());
            else if (const YearPanelResult* y = s.yearJob.result())
                drawYearTab(app, s, *y);
            ImGui::EndTabItem();
        }
        const bool editOpen =
            ImGui::BeginTabItem(str::kTeTab, nullptr, s.selectTab == 2 ? ImGuiTabItemFlags_SetSelected : 0);
        locate("tab.edit");
        if (editOpen) {
            s.tab = 2;
            drawTargetEditor(app, s.editor, year);
            ImGui::EndTabItem();
        }
        const bool indicatorsOpen =
            ImGui::BeginTabItem(str::kMiTab, nullptr, s.selectTab == 3 ? ImGuiTabItemFlags_SetSelected : 0);
        locate("tab.indicators");
        if (indicatorsOpen) {
            s.tab = 3;
            drawIndicatorEditor(app, s.indicators, year);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
        s.selectTab = -1;
    }
}

} // namespace jinguo::ui
