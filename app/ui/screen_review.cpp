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

// The rows of the paged list (全部有效): its count once it arrived for this
// query, else what the pages read so far say.
int heldRowCount(const ReviewScreen& s) {
    const bool counted = s.heldCountRevision != 0 && s.heldCountKey == s.held.queryKey();
    return s.held.rowCount(counted ? s.heldCount : std::nullopt);
}

// 全部有效: the count and the pages around the view, each on a Task; only
// the rows read are judged (storage::heldTitlesForReviewPage). Another
// filter drops the ticks (they were ticks of rows of the old list).
void refreshHeld(AppState& app, ReviewScreen& s, const std::string& key) {
    s.rows.clear();
    if (s.held.show(key)) {
        s.ticked.clear();
        s.heldCursorIndex = -1;
    }
    const storage::TitleReviewFilter filter = s.pendingFilter;
    s.heldCounter.request(app.storage, "review.count" + key, [filter, key](storage::Storage& storage) {
        return std::make_pair(key, storage::countHeldTitlesForReview(storage, filter));
    });
    if (s.heldCounter.poll()) {
        if (auto counted = s.heldCounter.takeResult()) {
            s.heldCountKey = counted->first;
            s.heldCount = counted->second;
            s.heldCountRevision = app.storage.revision();
        }
    }
    using Window = decltype(s.held);
    s.held.update(
        app.storage, heldRowCount(s), -1, "review.page",
        [filter, day = app.today](storage::Storage& storage, int page,
                                  const std::optional<storage::ReviewListKey>& after) {
            return storage::heldTitlesForReviewPage(storage, filter, day, after,
                                                    static_cast<std::int64_t>(page) * Window::kPageRows,
                                                    Window::kPageRows);
        },
        [](const storage::ReviewableTitle& r) { return storage::reviewListKeyOf(r); },
        [](const storage::ReviewableTitle& r) { return r.holder + r.unitName + r.title; }, app.noteText);
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
    s.paged = s.pendingFilter.standings.empty();
    if (s.paged) {
        refreshHeld(app, s, key);
        return;
    }
    s.held.show("");
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
    const int count = s.paged ? heldRowCount(s) : static_cast<int>(s.rows.size());
    auto rowAt = [&s](int i) -> const storage::ReviewableTitle* {
        if (s.paged) return s.held.rowAt(i);
        return i >= 0 && i < static_cast<int>(s.rows.size()) ? &s.rows[static_cast<std::size_t>(i)] : nullptr;
    };
    if (ImGui::SmallButton(str::kReviewSelectAll)) {
        // 全部有效: every id of the list, read from the order's index (not
        // judged) on the Task's own connection; ticked when it arrives.
        if (s.paged) {
            s.selectAll.start({app.storage.revision(), "review.all" + s.loadedKey},
                              [path = app.storage.path(), filter = s.pendingFilter, key = s.loadedKey](TaskControl&) {
                                  std::unique_ptr<storage::Storage> own = detail::openReadOnly(path);
                                  return std::make_pair(key, storage::heldTitleIdsForReview(*own, filter));
                              });
        } else {
            for (const storage::ReviewableTitle& r : s.rows) s.ticked.insert(r.awardId);
        }
    }
    locate("review.all");
    if (s.selectAll.poll()) {
        // Ids of another filter's list (it moved meanwhile) are not ticked.
        if (auto all = s.selectAll.takeResult(); all && s.paged && all->first == s.loadedKey)
            s.ticked.insert(all->second.begin(), all->second.end());
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(str::kReviewSelectNone)) {
        s.selectAll.cancel();
        s.ticked.clear();
    }
    locate("review.none");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", formatMessage(str::kReviewCountFormat, fmt::count(static_cast<long long>(count)).c_str(),
                                            fmt::count(static_cast<long long>(s.ticked.size())).c_str()).c_str());
    locate("review.count");
    if (s.paged ? s.heldCounter.busy() || s.held.busy() || s.selectAll.running() : s.loader.busy()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kReviewLoading);
    }
    const std::string& failed =
        !s.paged ? s.loader.error() : !s.heldCounter.error().empty() ? s.heldCounter.error() : s.held.error();
    if (!failed.empty()) errorText(app, formatMessage(str::kReviewLoadFailedFormat, failed.c_str()));
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
    if (s.paged && s.held.takeScrollToTop()) ImGui::SetScrollY(0.0f);
    ImGuiListClipper clipper;
    clipper.Begin(count);
    ShownRows shown;
    while (clipper.Step()) {
        shown.step(clipper.DisplayStart, clipper.DisplayEnd);
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::ReviewableTitle* shown = rowAt(i);
            if (!shown) {
                // Not read yet: a placeholder row while its page is on its way.
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", str::kRecRowLoading);
                continue;
            }
            const storage::ReviewableTitle& r = *shown;
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
                s.heldCursorIndex = i;
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
    // or unticks it (this list has no form to open). A checkbox makes a row
    // taller than a line: the clipper's measured height places End's row.
    if (s.paged) s.held.noteShown(shown.first(), shown.last());
    if (const RowChoice choice = keyboardRowKey(count, [&] {
            if (s.paged) {
                if (const auto* r = rowAt(s.heldCursorIndex); r && r->awardId == s.cursorId) return s.heldCursorIndex;
                return s.held.find([&](const storage::ReviewableTitle& r) { return r.awardId == s.cursorId; });
            }
            for (std::size_t i = 0; i < s.rows.size(); ++i)
                if (s.rows[i].awardId == s.cursorId) return static_cast<int>(i);
            return -1;
        }, clipper.ItemsHeight); choice.row >= 0) {
        // A row whose page is not read yet: the cursor waits there without a row.
        s.heldCursorIndex = choice.row;
        if (const storage::ReviewableTitle* r = rowAt(choice.row)) {
            const RowId id = r->awardId;
            if (choice.key == RowKey::Enter && !s.ticked.erase(id)) s.ticked.insert(id);
            s.cursorId = id;
        }
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
    if (s.selectAll.running()) {   // the ticks are not all there yet
        s.error = str::kReviewSelectAllPending;
        return false;
    }
    // Only ticks of rows still listed: the list is what the user sees.
    // 全部有效 keeps only pages: its ticks are dropped when the filter moves,
    // and a title no longer held is refused by reviewTitles' own check.
    std::vector<RowId> ids;
    if (s.paged) ids.assign(s.ticked.begin(), s.ticked.end());
    for (const storage::ReviewableTitle& r : s.rows)
        if (!s.paged && s.ticked.count(r.awardId)) ids.push_back(r.awardId);
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
