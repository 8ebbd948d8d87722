// screen_leaderboards.cpp — 排行榜: pickers on top, the ranked table on the
// left, the top ten as bars on the right.
//
// [SECTION] query and computation
// [SECTION] pickers
// [SECTION] table and chart
// [SECTION] the screen
#include "ui/screen_leaderboards.hpp"

#include "report/reports.hpp"

#include "core/badges.hpp"
#include "core/boards.hpp"
#include "core/medal_design.hpp"
#include "core/number_format.hpp"
#include "core/stars.hpp"
#include "core/vocabulary.hpp"
#include "storage/badge_store.hpp"
#include "storage/scores_reads.hpp"
#include "ui/charts.hpp"
#include "ui/item_locator.hpp"
#include "ui/medal.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>

namespace jinguo::ui {

namespace {

// The theme's colours (theme.hpp) under the names of what they mean here.
constexpr theme::Colour kUpColor = kOkColor;
constexpr theme::Colour kDownColor = kErrorColor;
constexpr theme::Colour kNewColor = theme::kAccent;
constexpr ImU32 kBarColor = theme::kAccent.u32();
constexpr theme::Colour kStarColor = theme::kStarColor;

constexpr Board kBoards[] = {Board::Volunteers, Board::Communities, Board::Streets, Board::Posts};

Date todayOf(const AppState& app) { return parseDate(app.today).value_or(Date{2026, 1, 1}); }

//-----------------------------------------------------------------------------
// [SECTION] query and computation
//-----------------------------------------------------------------------------

std::string requestKey(const storage::BoardQuery& q) {
    return std::string(boardCode(q.board)) + "/" + metricCode(q.metric) + "/" + q.period.code() +
           "/" + std::to_string(q.scopeUnitId);
}

LeaderboardResult computeBoard(storage::Storage& storage, const storage::BoardQuery& query) {
    LeaderboardResult result;
    storage::Aggregates aggregates(storage);
    result.board = aggregates.board(query);
    if (query.board == Board::Volunteers) {
        // The badges of the rows read only (a page of a city's board, not everyone's).
        std::vector<RowId> people;
        people.reserve(result.board.rows.size());
        for (const storage::BoardRow& row : result.board.rows) people.push_back(row.id);
        auto earned = storage::BadgeReader(storage).personBadges(people);
        // Names and medals with the thresholds in force ("二十次同行" where the region counts 20).
        result.badgeParams = storage::BadgeStore(storage).params();
        std::map<std::string, std::string> nameOf;
        for (const BadgeInfo& info : badgeCatalogue(result.badgeParams)) nameOf[info.code] = info.name;
        const BestBadgesFirst bestFirst(result.badgeParams);
        for (const storage::BoardRow& row : result.board.rows) {
            const auto it = earned.find(row.id);
            if (it == earned.end()) continue;
            std::vector<std::string>& names = result.badges[row.id];
            for (const std::string& code : it->second) {
                const auto name = nameOf.find(code);
                names.push_back(name != nameOf.end() ? name->second : code);
            }
            std::vector<std::string>& codes = result.badgeCodes[row.id];
            codes = it->second;
            bestFirst.sort(codes);
        }
    }
    return result;
}

// Text that comes with a result (badge names, movement) and the rows' names:
// the font loader adds its glyphs once, when the result arrives. The names
// are data, which the character scan brings too, but at a million people it
// reaches them seconds later: the board's few hundred rows are noted now.
void noteResult(AppState& app, const LeaderboardResult& r) {
    if (!app.noteText) return;
    std::string text = r.board.scopeName;
    for (const storage::BoardRow& row : r.board.rows) text += row.name + row.unit;
    for (const auto& [id, names] : r.badges)
        for (const std::string& n : names) text += n;
    for (const std::string& p : r.board.problems) text += p;
    app.noteText(text);
}

void reloadLists(AppState& app, LeaderboardsScreen& s) {
    if (s.listsRevision == app.storage.revision()) return;
    s.units = app.storage.units();
    // The picker offers the last six years; boards of older years are rare.
    s.years.clear();
    const int thisYear = todayOf(app).year;
    for (int y = thisYear; y > thisYear - 6; --y) s.years.push_back(y);
    // A scope that no longer exists falls back to the district.
    if (s.scopeUnitId != 0 &&
        std::none_of(s.units.begin(), s.units.end(), [&](const OrgUnit& u) { return u.id == s.scopeUnitId; }))
        s.scopeUnitId = 0;
    s.listsRevision = app.storage.revision();
}

const OrgUnit* findUnit(const LeaderboardsScreen& s, RowId id) {
    for (const OrgUnit& u : s.units)
        if (u.id == id) return &u;
    return nullptr;
}

// A streets board is a league of streets: it cannot be cut to one community.
void keepScopeValid(LeaderboardsScreen& s) {
    if (s.board != Board::Streets || s.scopeUnitId == 0) return;
    const OrgUnit* u = findUnit(s, s.scopeUnitId);
    if (!u || !isStreetKind(u->kind)) s.scopeUnitId = 0;
}

std::string partLabel(PeriodKind kind, int part) {
    static const char* const quarters[] = {str::kQuarter1, str::kQuarter2, str::kQuarter3, str::kQuarter4};
    if (kind == PeriodKind::Quarter) return quarters[std::clamp(part, 1, 4) - 1];
    return std::to_string(part) + str::kYfMonthSuffix;
}

//-----------------------------------------------------------------------------
// [SECTION] pickers
//-----------------------------------------------------------------------------

void drawPickers(AppState& app, LeaderboardsScreen& s) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", str::kLbBoard);
    for (Board b : kBoards) {
        ImGui::SameLine();
        if (ImGui::RadioButton(boardLabel(b), s.board == b) && s.board != b) {
            s.board = b;
            if (!boardOffers(b, s.metric)) s.metric = defaultMetric(b);
            keepScopeValid(s);
        }
        locate((std::string("board.") + boardCode(b)).c_str());
    }
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextDisabled("%s", str::kLbMetric);
    for (BoardMetric m : metricsOf(s.board)) {
        ImGui::SameLine();
        if (ImGui::RadioButton(metricLabel(m), s.metric == m)) s.metric = m;
        locate((std::string("metric.") + metricCode(m)).c_str());
    }

    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", str::kLbPeriod);
    struct KindChoice { PeriodKind kind; const char* label; const char* key; };
    const KindChoice kinds[] = {{PeriodKind::Year, str::kLbPeriodYear, "period.year"},
                                {PeriodKind::Quarter, str::kLbPeriodQuarter, "period.quarter"},
                                {PeriodKind::Month, str::kLbPeriodMonth, "period.month"},
                                {PeriodKind::All, str::kLbPeriodAll, "period.all"}};
    for (const KindChoice& k : kinds) {
        ImGui::SameLine();
        if (ImGui::RadioButton(k.label, s.periodKind == k.kind) && s.periodKind != k.kind) {
            s.periodKind = k.kind;
            s.part = 0;
        }
        locate(k.key);
    }
    const storage::BoardQuery q = leaderboardQuery(app, s);
    if (s.periodKind != PeriodKind::All) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        const std::string yearText = std::to_string(q.period.year) + str::kYearSuffix;
        if (ImGui::BeginCombo("##year", yearText.c_str())) {
            for (int y : s.years) {
                const std::string label = std::to_string(y) + str::kYearSuffix;
                if (ImGui::Selectable(label.c_str(), y == q.period.year)) s.year = y;
                locate(("year." + std::to_string(y)).c_str());
            }
            ImGui::EndCombo();
        }
        locate("year");
    }
    if (s.periodKind == PeriodKind::Quarter || s.periodKind == PeriodKind::Month) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        const int parts = s.periodKind == PeriodKind::Quarter ? 4 : 12;
        if (ImGui::BeginCombo("##part", partLabel(s.periodKind, q.period.part).c_str())) {
            for (int p = 1; p <= parts; ++p) {
                if (ImGui::Selectable(partLabel(s.periodKind, p).c_str(), p == q.period.part)) s.part = p;
                locate(("part." + std::to_string(p)).c_str());
            }
            ImGui::EndCombo();
        }
        locate("part");
    }

    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextDisabled("%s", str::kLbScope);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    const OrgUnit* scope = findUnit(s, s.scopeUnitId);
    if (ImGui::BeginCombo("##scope", scope ? scope->name.c_str() : str::kLbScopeDistrict)) {
        if (ImGui::Selectable(str::kLbScopeDistrict, s.scopeUnitId == 0)) s.scopeUnitId = 0;
        locate("scope.0");
        for (const OrgUnit& u : s.units) {
            const bool street = isStreetKind(u.kind);
            if (!street && !isCommunityKind(u.kind)) continue;
            if (s.board == Board::Streets && !street) continue;
            const std::string label = (street ? "" : "    ") + u.name + "##" + std::to_string(u.id);
            if (ImGui::Selectable(label.c_str(), s.scopeUnitId == u.id)) s.scopeUnitId = u.id;
            locate(("scope." + std::to_string(u.id)).c_str());
        }
        ImGui::EndCombo();
    }
    locate("scope");
}

//-----------------------------------------------------------------------------
// [SECTION] table and chart
//-----------------------------------------------------------------------------

bool isUnranked(const storage::BoardRow& row) { return row.rank == 0 && !row.dataError.empty(); }

void movementCell(const storage::BoardRow& row) {
    if (row.movement.empty()) return;
    const ImVec4 color = row.isNew ? kNewColor : row.movementDelta > 0 ? kUpColor
                       : row.movementDelta < 0 ? kDownColor : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ImGui::TextColored(color, "%s", row.movement.c_str());
}

// The person's best badges as small medals (name and rule on hover) and
// "+N" for the rest (their names on hover).
void badgeCell(const LeaderboardResult& r, RowId personId) {
    const auto it = r.badgeCodes.find(personId);
    if (it == r.badgeCodes.end() || it->second.empty()) return;
    const std::vector<std::string>& codes = it->second;
    constexpr std::size_t kShown = 3;
    const float size = ImGui::GetTextLineHeight() * 1.3f;
    for (std::size_t i = 0; i < codes.size() && i < kShown; ++i) {
        if (i > 0) ImGui::SameLine(0, 2);
        medalWidget(codes[i], size, r.badgeParams);
        if (ItemLocator::instance().enabled())
            locate(("board.medal." + std::to_string(personId) + "." + codes[i]).c_str());
    }
    if (codes.size() <= kShown) return;
    ImGui::SameLine(0, 4);
    const int more = static_cast<int>(codes.size() - kShown);
    ImGui::TextDisabled(str::kMedalMoreFormat, more);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::Text(str::kMedalMoreTooltip, more);
        for (std::size_t i = kShown; i < codes.size(); ++i)
            ImGui::BulletText("%s", medalName(codes[i], r.badgeParams).c_str());
        ImGui::EndTooltip();
    }
}

struct Column { const char* label; float weight; };

// The table's columns; the export writes the same ones.
std::vector<Column> boardColumns(const storage::BoardResult& b) {
    const Board board = b.query.board;
    std::vector<Column> columns = {{str::kLbColRank, 0.5f}};
    if (b.hasPrevious) columns.push_back({str::kLbColMove, 0.5f});
    columns.push_back({str::kLbColName, board == Board::Posts ? 2.4f : 1.3f});
    columns.push_back({str::kLbColUnit, 1.1f});
    columns.push_back({metricLabel(b.query.metric), 0.9f});
    if (board == Board::Volunteers) {
        // The figure the board ranks by is the value column; the other one follows.
        columns.push_back({b.query.metric == BoardMetric::Points ? str::kLbColHours : str::kLbColPoints, 0.7f});
        columns.push_back({str::kLbColActivities, 0.6f});
        columns.push_back({str::kLbColStars, 0.8f});
        columns.push_back({str::kLbColBadges, 1.2f});   // up to three medals and "+N"
    } else if (board == Board::Posts) {
        columns.push_back({str::kLbColLevel, 0.5f});
        columns.push_back({str::kLbColScore, 0.7f});
    } else if (b.query.metric == BoardMetric::Rate) {
        // Unit boards compute only the figure they rank by (aggregates.hpp):
        // no columns of zeros for the others.
        columns.push_back({str::kLbColHouseholds, 1.2f});
    }
    return columns;
}

// Draws the rows read so far; true when the last of them is on screen and
// the board has more (the caller then asks for the next page).
bool drawTable(const LeaderboardResult& r, float width) {
    const storage::BoardResult& b = r.board;
    const Board board = b.query.board;
    const std::vector<Column> columns = boardColumns(b);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    // Names stretch; every other column is as wide as its widest likely value.
    const float medal = ImGui::GetTextLineHeight() * 1.3f;
    const float badgesWidth = medal * 3 + 2 * 2 + 4 + ImGui::CalcTextSize("+99").x;   // as badgeCell draws them
    std::vector<ListColumn> listColumns;
    for (const Column& c : columns) {
        const std::string_view label = c.label;
        if (label == str::kLbColName || label == str::kLbColUnit) listColumns.push_back({c.label, nullptr, 0, true, 0, ImGui::GetFontSize() * 6});
        else if (label == str::kLbColRank) listColumns.push_back({c.label, "1,234"});
        else if (label == str::kLbColBadges) listColumns.push_back({c.label, nullptr, 0, false, 0, badgesWidth});
        else if (label == str::kLbColStars) listColumns.push_back({c.label, "★★★★★"});
        else if (label == str::kLbColLevel) listColumns.push_back({c.label, "市级"});
        else listColumns.push_back({c.label, "12,345.5"});
    }
    if (!beginListTable("board", listColumns, flags, ImVec2(width, 0))) return false;
    ImGui::TableHeadersRow();
    const bool more = b.totalRows > b.rows.size();
    bool reachedEnd = false;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(b.rows.size()) + (more ? 1 : 0));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            if (static_cast<std::size_t>(i) == b.rows.size()) {
                // The line after the rows read: the next page is on its way.
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextDisabled(str::kLbMoreRowsFormat, fmt::count(static_cast<long long>(b.totalRows - b.rows.size())).c_str());
                locate("board.more");
                reachedEnd = true;
                continue;
            }
            const storage::BoardRow& row = b.rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::PushID(i);
            // A unit with more titled households than households is listed unranked: its rate means nothing.
            const bool unranked = isUnranked(row);
            ImGui::TableNextColumn();
            if (unranked) ImGui::TextUnformatted(str::kLbUnranked);
            else ImGui::TextUnformatted(fmt::count(row.rank).c_str());
            if (b.hasPrevious) {
                ImGui::TableNextColumn();
                movementCell(row);
            }
            ImGui::TableNextColumn();
            textFitted(row.name);
            ImGui::TableNextColumn();
            textFitted(row.unit);
            ImGui::TableNextColumn();
            if (unranked) ImGui::TextUnformatted(str::kLbUnranked);
            else ImGui::TextUnformatted(boardValueText(b.query.metric, row.value).c_str());
            if (board == Board::Volunteers) {
                ImGui::TableNextColumn();
                const bool byPoints = b.query.metric == BoardMetric::Points;
                ImGui::TextUnformatted(fmt::grouped(byPoints ? row.hours : row.points).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fmt::count(row.activities).c_str());
                ImGui::TableNextColumn();
                if (row.stars > 0) ImGui::TextColored(kStarColor, "%s", starGlyphs(row.stars).c_str());
                ImGui::TableNextColumn();
                badgeCell(r, row.id);
            } else if (board == Board::Posts) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row.level.c_str());
                ImGui::TableNextColumn();
                if (row.score) ImGui::TextUnformatted(fmt::grouped(*row.score).c_str());
            } else if (b.query.metric == BoardMetric::Rate) {
                ImGui::TableNextColumn();
                ImGui::Text("%s / %s", fmt::grouped(row.numerator).c_str(),
                            fmt::grouped(static_cast<double>(row.households)).c_str());
            }
            if (!row.dataError.empty()) {
                // The error in the row itself, red and wrapped in the last column, so the board
                // cannot be read without it (the row grows; such rows are few).
                ImGui::PushStyleColor(ImGuiCol_Text, kDownColor);
                ImGui::TextWrapped("%s", row.dataError.c_str());
                ImGui::PopStyleColor();
                locate(("board.error." + std::to_string(row.id)).c_str());
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    return reachedEnd;
}

ImU32 colourOf(const MedalColour& c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// The podium's height for a right-hand column `height` tall: what the top-ten
// chart below it leaves, within bounds that keep both readable.
float podiumHeight(float height, std::size_t rows) {
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float chart = static_cast<float>(std::min<std::size_t>(10, rows)) * line * 1.6f + line * 2;
    return std::clamp(height - chart, line * 8.0f, line * 12.0f);
}

// The top three on steps, first in the middle and highest: a medal of the
// rank (gold, silver, bronze; a tie shares the colour), the name and unit
// above each step, the figure on it. Places are items "board.podium.1" … for
// tests and carry the full text as a tooltip.
void drawPodium(const LeaderboardResult& r, float width, float height) {
    std::vector<const storage::BoardRow*> top;
    for (const storage::BoardRow& row : r.board.rows) {
        if (top.size() == 3 || isUnranked(row)) break;
        top.push_back(&row);
    }
    if (top.empty()) return;
    headingText(str::kLbPodium);
    const float line = ImGui::GetTextLineHeight();
    const float column = width / 3;
    const float gap = std::max(2.0f, column * 0.04f);
    const float stepHeights[] = {0.34f, 0.24f, 0.16f};
    const int columnOf[] = {1, 0, 2};   // 1st in the middle, 2nd left, 3rd right
    const float medalRadius = std::clamp(std::min(column * 0.24f, height * 0.125f), 8.0f, 44.0f);
    // No empty band above the winner: the height her step, two lines and her medal need.
    const float aboveStep = (line + 1) * 2 + 2 + kMedalExtent.height() * medalRadius + line * 0.3f;
    height = std::min(height, aboveStep / (1 - stepHeights[0]));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    locate("board.podium");
    ImDrawList* list = ImGui::GetWindowDrawList();
    for (std::size_t place = 0; place < top.size(); ++place) {
        const storage::BoardRow& row = *top[place];
        const MedalDesign design = podiumMedal(row.rank);
        const float left = origin.x + column * static_cast<float>(columnOf[place]) + gap * 0.5f;
        const float right = left + column - gap;
        const float bottom = origin.y + height;
        const float stepTop = bottom - std::max(line * 1.4f, height * stepHeights[place]);
        // The step: the medal's metal, lighter at the top.
        list->AddRectFilledMultiColor({left, stepTop}, {right, bottom}, colourOf(design.rimLight),
                                      colourOf(design.rimLight), colourOf(design.rimMid), colourOf(design.rimMid));
        list->AddRect({left, stepTop}, {right, bottom}, colourOf(design.rimDark));
        const std::string figure = boardValueText(r.board.query.metric, row.value);
        const ImVec2 figureSize = ImGui::CalcTextSize(figure.c_str());
        list->AddText({(left + right - figureSize.x) * 0.5f, stepTop + std::min(line * 0.3f, (bottom - stepTop - line) * 0.5f)},
                      colourOf(design.glyphColour), figure.c_str());
        // Above the step, bottom up: the unit, the name, the medal.
        const float textWidth = right - left;
        const ImU32 textColour = ImGui::GetColorU32(ImGuiCol_Text);
        const ImU32 quietColour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
        float y = stepTop - line - 2;
        if (!row.unit.empty()) {
            const std::string unit = ellipsized(row.unit, textWidth);
            list->AddText({(left + right - ImGui::CalcTextSize(unit.c_str()).x) * 0.5f, y}, quietColour, unit.c_str());
            y -= line + 1;
        }
        const std::string name = ellipsized(row.name, textWidth);
        list->AddText({(left + right - ImGui::CalcTextSize(name.c_str()).x) * 0.5f, y}, textColour, name.c_str());
        const float medalBottom = y - 2;
        const ImVec2 centre{(left + right) * 0.5f, medalBottom - kMedalExtent.bottom * medalRadius};
        if (centre.y + kMedalExtent.top * medalRadius >= origin.y - line)
            drawMedal(list, centre, medalRadius, design, true);
        // The place as an item: tests find it, a hover shows the text in full.
        ImGui::SetCursorScreenPos({left, stepTop});
        ImGui::Dummy({right - left, bottom - stepTop});
        locate(("board.podium." + std::to_string(place + 1)).c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::Text(str::kLbPodiumRankFormat, row.rank);
            ImGui::TextUnformatted(row.name.c_str());
            if (!row.unit.empty()) ImGui::TextDisabled("%s", row.unit.c_str());
            ImGui::Text("%s %s", metricLabel(r.board.query.metric), figure.c_str());
            ImGui::EndTooltip();
        }
    }
    ImGui::SetCursorScreenPos({origin.x, origin.y + height + ImGui::GetStyle().ItemSpacing.y});
    ImGui::Dummy({0, 0});
}

void drawTopTen(const LeaderboardResult& r, float width, float height) {
    headingText(str::kLbTopTen);
    ChartSeries series;
    const bool rate = r.board.query.metric == BoardMetric::Rate;
    for (std::size_t i = 0; i < r.board.rows.size() && i < 10; ++i) {
        if (isUnranked(r.board.rows[i])) break;   // listed after the ranked rows
        series.labels.push_back(std::to_string(r.board.rows[i].rank) + ". " + r.board.rows[i].name);
        // Rates are charted in per cent, as the table shows them.
        series.values.push_back(rate ? r.board.rows[i].value * 100 : r.board.rows[i].value);
    }
    series.unit = rate ? "%" : "";
    series.valueSuffix = series.unit;
    series.decimals = 2;   // as the board ranks them (a rate: 0.01 %)
    horizontalBarChart("topten", series, ImVec2(width, std::max(120.0f, height)), kBarColor);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

storage::BoardQuery leaderboardQuery(const AppState& app, const LeaderboardsScreen& s) {
    const Date today = todayOf(app);
    storage::BoardQuery q;
    q.today = today;
    q.board = s.board;
    q.metric = boardOffers(s.board, s.metric) ? s.metric : defaultMetric(s.board);
    q.scopeUnitId = s.scopeUnitId;
    const int year = s.year != 0 ? s.year : today.year;
    switch (s.periodKind) {
    case PeriodKind::All: q.period = Period::allTime(); break;
    case PeriodKind::Year: q.period = Period::ofYear(year); break;
    case PeriodKind::Quarter: q.period = Period::ofQuarter(year, s.part != 0 ? s.part : (today.month - 1) / 3 + 1); break;
    case PeriodKind::Month: q.period = Period::ofMonth(year, s.part != 0 ? s.part : today.month); break;
    }
    return q;
}


ExportTable leaderboardShownTable(const LeaderboardResult& r) {
    const storage::BoardResult& b = r.board;
    const Board board = b.query.board;
    ExportTable table;
    table.sheetName = str::kExpLeaderboardFile;
    for (const Column& c : boardColumns(b)) table.headers.push_back(c.label);
    const bool rate = b.query.metric == BoardMetric::Rate;
    // Rank, the metric (unless a percentage) and the counts are numbers in Excel.
    table.numericColumns.assign(table.headers.size(), false);
    table.numericColumns[0] = true;
    const std::size_t valueColumn = b.hasPrevious ? 4 : 3;
    table.numericColumns[valueColumn] = !rate;
    if (board == Board::Volunteers) {
        table.numericColumns[valueColumn + 1] = true;
        table.numericColumns[valueColumn + 2] = true;
    } else if (board == Board::Posts) {
        table.numericColumns[valueColumn + 2] = true;
    }
    for (const storage::BoardRow& row : b.rows) {
        const bool unranked = isUnranked(row);
        std::vector<std::string> cells = {unranked ? std::string(str::kLbUnranked) : std::to_string(row.rank)};
        if (b.hasPrevious) cells.push_back(row.movement);
        cells.push_back(row.name);
        cells.push_back(row.unit);
        cells.push_back(unranked ? std::string(str::kLbUnranked) : boardValueText(b.query.metric, row.value));
        if (board == Board::Volunteers) {
            const bool byPoints = b.query.metric == BoardMetric::Points;
            cells.push_back(fmt::grouped(byPoints ? row.hours : row.points));
            cells.push_back(std::to_string(row.activities));
            cells.push_back(row.stars > 0 ? starGlyphs(row.stars) : std::string());
            std::string badges;   // the names the table shows on hover
            if (const auto it = r.badges.find(row.id); it != r.badges.end())
                for (const std::string& n : it->second) badges += (badges.empty() ? "" : "、") + n;
            cells.push_back(badges);
        } else if (board == Board::Posts) {
            cells.push_back(row.level);
            cells.push_back(row.score ? fmt::grouped(*row.score) : std::string());
        } else if (rate) {
            cells.push_back(fmt::grouped(row.numerator) + " / " + fmt::grouped(static_cast<double>(row.households))
                            + (row.dataError.empty() ? std::string() : "（" + row.dataError + "）"));
        }
        table.rows.push_back(std::move(cells));
    }
    return table;
}

namespace {

std::string leaderboardFileWhat(const storage::BoardResult& b) {
    return std::string(str::kExpLeaderboardFile) + "-" + boardLabel(b.query.board) + "-"
         + metricLabel(b.query.metric) + "-" + b.query.period.label();
}

} // namespace

void drawLeaderboardsScreen(AppState& app, LeaderboardsScreen& s) {
    reloadLists(app, s);
    drawPickers(app, s);
    storage::BoardQuery query = leaderboardQuery(app, s);
    if (s.rowsWantedFor != requestKey(query)) {
        s.rowsWantedFor = requestKey(query);
        s.rowsWanted = kBoardPageRows;
    }
    query.rowLimit = s.rowsWanted;
    s.job.request(app.storage, requestKey(query) + "/" + std::to_string(query.rowLimit),
                  [query](storage::Storage& storage) { return computeBoard(storage, query); });
    if (s.job.poll() && s.job.result()) noteResult(app, *s.job.result());

    ImGui::Separator();
    const LeaderboardResult* r = s.job.result();
    if (r) {
        const storage::BoardResult& b = r->board;
        ImGui::Text("%s · %s · %s · %s", boardLabel(b.query.board), metricLabel(b.query.metric),
                    b.query.period.label().c_str(), b.scopeName.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", b.hasPrevious ? str::kLbMovementNote : str::kLbNoMovement);
        if (!b.rows.empty()) {
            ImGui::SameLine();
            // The whole board, not only the pages read (read again when only some are).
            drawExportMenu(app, s.exportMenu, leaderboardFileWhat(b).c_str(), false,
                           [&s, &app](bool) {
                               const LeaderboardResult& shown = *s.job.result();
                               if (shown.board.totalRows <= shown.board.rows.size()) return leaderboardShownTable(shown);
                               storage::BoardQuery whole = shown.board.query;
                               whole.rowLimit = 0;
                               return leaderboardShownTable(computeBoard(app.storage, whole));
                           }, "board.export");
            ImGui::SameLine();
            drawPdfExportButton(app, s.pdfExport, leaderboardFileWhat(b),
                                [query = b.query](storage::Storage& st, const std::string& path, int* pages) {
                                    storage::BoardQuery whole = query;
                                    whole.rowLimit = 0;   // every row, not the pages read
                                    return report::writeBoardReport(st, whole, path, pages);
                                }, "board.pdf");
        }
    }
    if (s.job.busy()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kComputing);
    }
    if (!s.job.error().empty() && s.job.current()) {
        ImGui::TextColored(kDownColor, "%s%s", str::kComputeFailed, s.job.error().c_str());
        return;
    }
    if (!r) return;
    for (const std::string& p : r->board.problems) ImGui::TextColored(kDownColor, "%s", p.c_str());
    if (r->board.rows.empty()) {
        ImGui::TextWrapped("%s", str::kLbEmpty);
        return;
    }
    const float available = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x * 3;
    const float chartWidth = std::max(260.0f, available * 0.32f);
    const float tableWidth = available - chartWidth - spacing;
    const float height = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("board_table", ImVec2(tableWidth, height), false);
    const bool reachedEnd = drawTable(*r, tableWidth);
    // Scrolled to the last row read: the next page (the rows read stay shown meanwhile).
    if (reachedEnd && r->board.query.rowLimit == s.rowsWanted && requestKey(r->board.query) == s.rowsWantedFor)
        s.rowsWanted += kBoardPageRows;
    ImGui::EndChild();
    ImGui::SameLine(0, spacing);
    ImGui::BeginChild("board_chart", ImVec2(chartWidth, height), false);
    drawPodium(*r, chartWidth - ImGui::GetStyle().ScrollbarSize, podiumHeight(height, r->board.rows.size()));
    ImGui::Spacing();
    const float rows = static_cast<float>(std::min<std::size_t>(10, r->board.rows.size()));
    drawTopTen(*r, chartWidth, rows * ImGui::GetTextLineHeightWithSpacing() * 1.6f);
    ImGui::EndChild();
}

} // namespace jinguo::ui
