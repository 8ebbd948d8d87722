// screen_review.cpp — see screen_review.hpp.
#include "ui/screen_review.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"
#include "core/title_standing.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/row_click.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <set>

namespace jinguo::ui {

namespace {

constexpr const char* kStandingWords[] = {str::kReviewStandingDue, str::kReviewStandingExpired,
                                          str::kReviewStandingAllHeld};

std::vector<TitleStanding> standingsOf(const std::string& word) {
    if (word == str::kReviewStandingDue) return {TitleStanding::DueForReview};
    if (word == str::kReviewStandingExpired) return {TitleStanding::Expired};
    if (word == str::kReviewStandingAllHeld) return {};
    return {TitleStanding::DueForReview, TitleStanding::Expired};
}

void loadChoices(AppState& app, ReviewScreen& s) {
    std::set<std::string> names;
    for (const AwardTitle& t : app.storage.awardTitles())
        if (t.active && (t.subjectKind == "family" || t.subjectKind == "person")) names.insert(t.name);
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const std::string& name : names) keyed.push_back({s.pinyin.keysFor(name).collation, name});
    std::sort(keyed.begin(), keyed.end());
    s.titles.clear();
    for (auto& k : keyed) s.titles.push_back(std::move(k.second));
    s.tree.load(app.storage.units(), s.pinyin);
}

std::string filterKey(const ReviewScreen& s) {
    return std::to_string(s.unitId) + '\x1f' + s.title + '\x1f' + s.level + '\x1f' + s.year + '\x1f' + s.standing;
}

// Asks for the list again when the data or the filter moved, and takes it
// when the loader has it; ticks that are no longer listed are dropped (a tick
// must always be a row the user can see).
void refresh(AppState& app, ReviewScreen& s) {
    const std::string key = filterKey(s);
    if (!s.loaded || s.loadedRevision != app.storage.revision()) {
        loadChoices(app, s);
        s.loaded = true;
        s.loadedRevision = app.storage.revision();
    }
    if (s.loadedKey != key) {
        s.loadedKey = key;
        storage::TitleReviewFilter filter;
        std::string error;
        s.filterError.clear();
        if (!reviewFilterOf(s, filter, error)) s.filterError = error;
        else s.pendingFilter = filter;
    }
    if (!s.filterError.empty()) {
        s.rows.clear();
        s.ticked.clear();
        return;
    }
    s.loader.request(app.storage, key, [filter = s.pendingFilter, day = app.today](storage::Storage& storage) {
        return storage::titlesForReview(storage, filter, day);
    });
    if (!s.loader.poll()) return;
    std::optional<std::vector<storage::ReviewableTitle>> rows = s.loader.takeResult();
    if (!rows) return;   // failed: loader.error() says why
    s.rows = std::move(*rows);
    std::set<RowId> still;
    for (const storage::ReviewableTitle& r : s.rows)
        if (s.ticked.count(r.awardId)) still.insert(r.awardId);
    s.ticked = std::move(still);
    for (const storage::ReviewableTitle& r : s.rows) {
        noteUserText(app, r.holder);
        noteUserText(app, r.unitName);
        noteUserText(app, r.title);
    }
}

void drawFilters(AppState& app, ReviewScreen& s) {
    unitCombo(app, s.tree, "review.unit", &s.unitId, str::kRecAllUnits, 200);
    ImGui::SameLine();
    std::vector<const char*> titleWords;
    for (const std::string& t : s.titles) titleWords.push_back(t.c_str());
    wordCombo("review.title", &s.title, titleWords.data(), static_cast<int>(titleWords.size()), str::kRecAllTitles, 180);
    ImGui::SameLine();
    wordCombo("review.level", &s.level, kLevelNames, kLevelCount, str::kRecAllLevels, 110);
    ImGui::SameLine();
    textInput(app, "review.year", &s.year, str::kReviewYearHint, 80);
    ImGui::SameLine();
    wordCombo("review.standing", &s.standing, kStandingWords, 3, str::kReviewStandingDueOrExpired, 160);
    errorText(app, s.filterError);
}

void drawDecision(AppState& app, ReviewScreen& s) {
    if (s.date.empty()) s.date = app.today;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(str::kReviewDateLabel);
    ImGui::SameLine();
    textInput(app, "review.date", &s.date, "2026-03-08", 120);
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kReviewDocLabel);
    ImGui::SameLine();
    textInput(app, "review.doc", &s.docNumber, str::kReviewDocHint, 200);
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kReviewReasonLabel);
    ImGui::SameLine();
    textInput(app, "review.reason", &s.reason, str::kReviewReasonHint, 240);
    if (ImGui::Button(str::kReviewKeep)) applyReview(app, s, ReviewResult::Keep);
    locate("review.keep");
    ImGui::SameLine();
    pushAccentButton();
    if (ImGui::Button(str::kReviewRevoke)) applyReview(app, s, ReviewResult::Revoke);
    popAccentButton();
    locate("review.revoke");
    errorText(app, s.error);
    okText(app, s.done);
}

void drawList(AppState& app, ReviewScreen& s) {
    if (ImGui::SmallButton(str::kReviewSelectAll)) {
        for (const storage::ReviewableTitle& r : s.rows) s.ticked.insert(r.awardId);
    }
    locate("review.all");
    ImGui::SameLine();
    if (ImGui::SmallButton(str::kReviewSelectNone)) s.ticked.clear();
    locate("review.none");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", formatMessage(str::kReviewCountFormat, fmt::count(static_cast<long long>(s.rows.size())).c_str(),
                                            fmt::count(static_cast<long long>(s.ticked.size())).c_str()).c_str());
    if (s.loader.busy()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kReviewLoading);
    }
    if (!s.loader.error().empty())
        errorText(app, formatMessage(str::kReviewLoadFailedFormat, s.loader.error().c_str()));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_Resizable;
    if (!beginListTable("review",
                        {{"", nullptr, 0, false, 0, ImGui::GetFrameHeight()},
                         {str::kReviewColHolder, "望江社区妇联", 0, true},
                         {str::kReviewColUnit, "城东街道社区", 0, true},
                         {str::kReviewColTitle, "巾帼建功标兵", 0, true},
                         {str::kReviewColLevel, "市级", 0},
                         {str::kReviewColYear, "2026", 0},
                         {str::kReviewColNamed, "2026-09-14", 0},
                         {str::kReviewColDue, "2026-09-14", 0},
                         {str::kReviewColStanding, "已过期", 0}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::ReviewableTitle& r = s.rows[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(r.awardId));
            ImGui::TableNextRow();
            if (r.awardId == s.cursorId)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_Header));
            ImGui::TableNextColumn();
            bool ticked = s.ticked.count(r.awardId) != 0;
            if (ImGui::Checkbox("##tick", &ticked)) {
                if (ticked) s.ticked.insert(r.awardId);
                else s.ticked.erase(r.awardId);
                s.cursorId = r.awardId;
            }
            if (ItemLocator::instance().enabled()) locate(("review.row." + std::to_string(r.awardId)).c_str());
            ImGui::TableNextColumn(); textFitted(r.holder);
            ImGui::TableNextColumn(); textFitted(r.unitName);
            ImGui::TableNextColumn(); textFitted(r.title);
            ImGui::TableNextColumn(); textFitted(r.level);
            ImGui::TableNextColumn(); ImGui::Text("%d", r.year);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.standing.namedOn.c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.standing.dueOn.c_str());
            ImGui::TableNextColumn();
            const bool expired = r.standing.standing == TitleStanding::Expired;
            if (expired) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            ImGui::TextUnformatted(standingWord(r.standing.standing));
            if (expired) ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    // The keys move the highlighted row as in the other lists; Enter ticks
    // or unticks it (this list has no form to open).
    if (const RowChoice choice = keyboardRowKey(static_cast<int>(s.rows.size()), [&] {
            for (std::size_t i = 0; i < s.rows.size(); ++i)
                if (s.rows[i].awardId == s.cursorId) return static_cast<int>(i);
            return -1;
        }); choice.row >= 0) {
        const RowId id = s.rows[static_cast<std::size_t>(choice.row)].awardId;
        if (choice.key == RowKey::Enter && !s.ticked.erase(id)) s.ticked.insert(id);
        s.cursorId = id;
    }
    ImGui::EndTable();
}

} // namespace

bool reviewFilterOf(const ReviewScreen& s, storage::TitleReviewFilter& out, std::string& error) {
    out = {};
    out.unitId = s.unitId;
    out.title = s.title;
    out.level = s.level;
    if (!trim(s.year).empty()) {
        out.year = parseYear(s.year);
        if (out.year == 0) {
            error = str::kReviewBadYear;
            return false;
        }
    }
    out.standings = standingsOf(s.standing);
    return true;
}

bool applyReview(AppState& app, ReviewScreen& s, ReviewResult result) {
    s.error.clear();
    s.done.clear();
    // Only ticks of rows still listed: the list is what the user sees.
    std::vector<RowId> ids;
    for (const storage::ReviewableTitle& r : s.rows)
        if (s.ticked.count(r.awardId)) ids.push_back(r.awardId);
    storage::ReviewDecision decision;
    decision.result = result;
    decision.date = trim(foldFullWidth(s.date));
    decision.docNumber = s.docNumber;
    decision.reason = s.reason;
    try {
        storage::reviewTitles(app.storage, ids, decision, app.today);
    } catch (const storage::StorageError& e) {
        s.error = e.what();
        return false;
    }
    s.done = formatMessage(str::kReviewDoneFormat, reviewResultWord(result),
                           fmt::count(static_cast<long long>(ids.size())).c_str());
    s.ticked.clear();
    return true;
}

void drawReviewScreen(AppState& app, ReviewScreen& s) {
    refresh(app, s);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", str::kReviewIntro);
    ImGui::PopTextWrapPos();
    drawFilters(app, s);
    ImGui::Separator();
    drawDecision(app, s);
    ImGui::Separator();
    drawList(app, s);
}

} // namespace jinguo::ui
