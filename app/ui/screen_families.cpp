// screen_families.cpp — 家庭: the list on the left, the household form and
// its titles on the right.
//
// [SECTION] cache and view (meta, counts, pages)
// [SECTION] the list
// [SECTION] the household form
// [SECTION] the titles of the household
// [SECTION] the screen
#include "core/number_format.hpp"
#include "ui/form_kit.hpp"
#include "ui/screen_families.hpp"

#include "core/points.hpp"
#include "core/text.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "storage/session_scope.hpp"
#include "storage/list_export.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <set>

namespace jinguo::ui {

//-----------------------------------------------------------------------------
// [SECTION] cache and view (meta, counts, pages)
//-----------------------------------------------------------------------------

FamiliesMeta loadFamiliesMeta(storage::Storage& storage, PinyinIndex& pinyin) {
    FamiliesMeta m;
    storage::FamilyFilterChoices choices = storage::familyFilterChoices(storage);
    m.choices.titles = std::move(choices.titles);
    m.choices.years = std::move(choices.years);
    m.catalogueTitles = std::move(choices.catalogueTitles);
    m.tree.load(storage::writableUnits(storage), pinyin);   // a street's user: her subtree
    return m;
}

storage::FamilyQuery FamiliesScreen::query(const std::string& today) const {
    storage::FamilyQuery q;
    q.unitId = filter.unitId;
    q.title = filter.title;
    q.level = filter.level;
    q.year = filter.year;
    q.status = filter.status;
    q.standing = filter.standing;
    q.today = today;
    q.search = search;
    q.sort = static_cast<storage::FamilySort>(std::clamp(sortColumn, 0, 4));
    q.ascending = sortAscending;
    return q;
}

int FamiliesScreen::rowCount() const {
    const bool counted = countsKey == list.queryKey() && countsRevision != 0;
    return list.rowCount(counted ? std::optional<std::int64_t>(counts.shown) : std::nullopt);
}

namespace {

// The query as a key: a change of any of it is another list.
std::string queryKeyOf(const storage::FamilyQuery& q) {
    return std::to_string(q.unitId) + '\x1f' + q.title + '\x1f' + q.level + '\x1f' + std::to_string(q.year) + '\x1f' +
           q.status + '\x1f' + q.standing + '\x1f' + q.today + '\x1f' + q.search + '\x1f' +
           std::to_string(static_cast<int>(q.sort)) + (q.ascending ? "+" : "-");
}

// The 荣誉称号 column: "2025区级平安家庭（待复核）、2024社区级最美家庭（撤销）".
FamilyShownRow shownRow(storage::FamilyListRow data) {
    FamilyShownRow r;
    const storage::FamilyRow& row = data.row;
    // A community an import could not place shows as written: 向阳社区（未关联）.
    r.unitName = row.unitId == 0 && !row.unitText.empty() ? row.unitText + str::kUnitUnlinked : row.unitName;
    for (std::size_t a = 0; a < data.awards.size(); ++a) {
        const storage::FamilyAward& award = data.awards[a];
        if (!r.titlesText.empty()) r.titlesText += str::kRecListSep;
        r.titlesText += std::to_string(award.year) + award.level + str::kRecLevelSuffix + award.title;
        const TitleStanding standing = a < data.standings.size() ? data.standings[a] : TitleStanding::NotNamed;
        if (!titleStatusCounts(award.status))
            r.titlesText += str::kRecOpenParen + award.status + str::kRecCloseParen;   // not (or no longer) held
        else if (standing == TitleStanding::DueForReview || standing == TitleStanding::Expired)
            r.titlesText += str::kRecOpenParen + std::string(standingWord(standing)) + str::kRecCloseParen;
    }
    r.data = std::move(data);
    return r;
}

// The filter's choices and the unit tree, once per revision, off the frame.
void reloadMeta(AppState& app, FamiliesScreen& s) {
    s.metaLoader.request(app.storage, "families.meta", [](storage::Storage& storage) {
        PinyinIndex pinyin;   // the worker's own: ICU collators are not shared across threads
        return loadFamiliesMeta(storage, pinyin);
    });
    if (!s.metaLoader.poll()) return;
    if (std::optional<FamiliesMeta> loaded = s.metaLoader.takeResult()) {
        s.meta = std::move(*loaded);
        s.metaRevision = app.storage.revision();
    }
}

// The count of the current query (households, titles), off the frame. The
// old count stays on screen until the new one arrives.
void recount(AppState& app, FamiliesScreen& s, const storage::FamilyQuery& q, const std::string& key) {
    s.counter.request(app.storage, "families.count" + key, [q, key](storage::Storage& storage) {
        return FamilyCountsRead{key, storage::familyCounts(storage, q)};
    });
    if (!s.counter.poll()) return;
    if (std::optional<FamilyCountsRead> read = s.counter.takeResult()) {
        s.counts = read->counts;
        s.countsKey = read->queryKey;
        s.countsRevision = app.storage.revision();
    }
}

// Everything the list needs this frame: the meta, the count and the pages of
// the current query (PagedWindow: by keyset after the page before, else by
// OFFSET). A new query drops the pages of the old one.
void refreshView(AppState& app, FamiliesScreen& s) {
    reloadMeta(app, s);
    const storage::FamilyQuery q = s.query(app.today);
    const std::string key = queryKeyOf(q);
    if (s.list.show(key)) {
        s.pendingOpen = -1;
        s.selectedIndex = -1;
    }
    recount(app, s, q, key);
    s.list.update(
        app.storage, s.rowCount(), s.pendingOpen, "families.page",
        [q](storage::Storage& storage, int page, const std::optional<storage::FamilyListKey>& after) {
            constexpr int per = FamiliesScreen::kPageRows;
            auto rows = page == 0 || after
                            ? storage::familyPage(storage, q, after, per)
                            : storage::familyPageAt(storage, q, static_cast<std::int64_t>(page) * per, per);
            std::vector<FamilyShownRow> shown;
            for (auto& r : rows) shown.push_back(shownRow(std::move(r)));
            return shown;
        },
        [](const FamilyShownRow& r) { return r.data.key; },
        [](const FamilyShownRow& r) { return r.data.row.headName + r.data.row.address + r.unitName + r.titlesText; },
        app.noteText);
}

// The words of the 有效期 filter, in core/title_standing.hpp's words.
const char* const kStandingFilterWords[] = {str::kRecStandingDue, str::kRecStandingExpired};

//-----------------------------------------------------------------------------
// [SECTION] the list
//-----------------------------------------------------------------------------

void openForm(FamiliesScreen& s, const Family* f, RowId defaultUnit) {
    FamilyForm form;
    form.open = true;
    if (f) {
        form.original = *f;
        form.familyId = f->id;
        form.headName = f->headName;
        form.address = f->address;
        form.members = std::to_string(f->members);
        form.unitId = f->unitId;
        form.note = f->note;
    } else {
        form.unitId = defaultUnit;
    }
    s.form = std::move(form);
    s.formAsLoaded = s.form;
    s.awardForm = FamilyAwardForm{};
    s.awardToDelete = 0;
}

// The household form differs from what it loaded or last saved (a new form:
// anything typed). The title form below it is not counted.
bool formDirty(const FamiliesScreen& s) {
    const FamilyForm& a = s.form;
    const FamilyForm& b = s.formAsLoaded;
    return a.open && (a.familyId != b.familyId || a.headName != b.headName || a.address != b.address
                      || a.members != b.members || a.unitId != b.unitId || a.note != b.note);
}

void drawList(AppState& app, FamiliesScreen& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV
                                | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (!beginListTable("families",
                        {{str::kRecColHead, "欧阳娜仁", 0, false, ImGuiTableColumnFlags_DefaultSort},
                         {str::kRecColAddress, "望江社区幸福路128号3幢", 1, true},
                         {str::kRecColMembers, "12", 2},
                         {str::kRecColUnit, "城东街道社区", 3, true},
                         {str::kRecColTitles, "2026 区级最美家庭", 4, true, ImGuiTableColumnFlags_PreferSortDescending}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    if (s.list.takeScrollToTop()) ImGui::SetScrollY(0.0f);
    // A new sort is a new query: refreshView reads it from the next frame on.
    tableSortChanged(s.sortColumn, s.sortAscending);
    auto openRow = [&app, &s](RowId id, int index) {
        leaveThen(app, [&app, &s, id, index] {
            s.selectedId = id;
            s.selectedIndex = index;
            if (auto f = storage::RecordStore(app.storage).family(id)) openForm(s, &*f, 0);
            s.message.clear();
        }, &s);
    };
    // A row the keyboard moved to before its page was read opens when it is.
    if (s.pendingOpen >= 0) {
        if (const FamilyShownRow* r = s.rowAt(s.pendingOpen)) {
            const int index = std::exchange(s.pendingOpen, -1);
            openRow(r->data.row.id, index);
        }
    }
    const int count = s.rowCount();
    ImGuiListClipper clipper;
    clipper.Begin(count);
    ShownRows shown;
    while (clipper.Step()) {
        shown.step(clipper.DisplayStart, clipper.DisplayEnd);
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const FamilyShownRow* shown = s.rowAt(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (!shown) {
                // Not read yet: a placeholder row while its page is on its way.
                ImGui::TextDisabled("%s", str::kRecRowLoading);
                continue;
            }
            const storage::FamilyRow& r = shown->data.row;
            ImGui::PushID(static_cast<int>(r.id));
            if (r.id == s.selectedId) s.selectedIndex = i;
            if (wholeRowClicked(
                    ImGui::Selectable(r.headName.c_str(), s.selectedId == r.id, ImGuiSelectableFlags_SpanAllColumns),
                    headerBottom))
                openRow(r.id, i);
            if (ItemLocator::instance().enabled()) locate(("family.row." + std::to_string(r.id)).c_str());
            ImGui::TableNextColumn(); textFitted(r.address);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(r.members).c_str());
            ImGui::TableNextColumn(); textFitted(shown->unitName);
            ImGui::TableNextColumn(); textFitted(shown->titlesText);
            ImGui::PopID();
        }
    }
    s.list.noteShown(shown.first(), shown.last());
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does;
    // across pages: a row not read yet opens once its page arrives.
    if (const int row = keyboardRowChoice(count, [&] {
            if (const FamilyShownRow* r = s.rowAt(s.selectedIndex); r && r->data.row.id == s.selectedId)
                return s.selectedIndex;
            return s.list.find([&](const FamilyShownRow& r) { return r.data.row.id == s.selectedId; });
        }); row >= 0) {
        if (const FamilyShownRow* r = s.rowAt(row)) openRow(r->data.row.id, row);
        else s.pendingOpen = row;
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] the household form
//-----------------------------------------------------------------------------

// The form as a Family, or a refusal naming the field (what was typed stays).
bool formToFamily(const FamilyForm& form, Family& out, std::string& error) {
    out.id = form.familyId;
    out.headName = form.headName;
    out.address = form.address;
    out.unitId = form.unitId;
    out.note = form.note;
    const std::string members = trim(foldFullWidth(form.members));
    if (members.empty() || members.size() > 2 || members.find_first_not_of("0123456789") != std::string::npos) {
        error = str::kRecMembersInvalid;
        return false;
    }
    out.members = std::stoi(members);
    return true;
}

// 保存, from the button or from "表单有未保存的修改": false when refused (the form says why).
bool saveForm(AppState& app, FamiliesScreen& s) {
    FamilyForm& f = s.form;
    Family family;
    if (!formToFamily(f, family, f.error)) return false;
    return commitRecordForm(f, s.formAsLoaded, s.message, [&] {
        storage::RecordStore records(app.storage);
        if (family.id == 0) {
            f.familyId = records.addFamily(family);
            s.selectedId = f.familyId;
        } else {
            records.updateFamily(family, &f.original);
        }
        // The next save compares with what is stored now.
        if (const auto stored = records.family(f.familyId)) f.original = *stored;
    });
}

void discardForm(FamiliesScreen& s) { discardRecordForm(s.form, s.formAsLoaded, s.selectedId, s.form.familyId == 0); }

void drawForm(AppState& app, FamiliesScreen& s) {
    FamilyForm& f = s.form;
    headingText(f.familyId == 0 ? str::kRecNewFamily : str::kRecEditFamily);
    if (ImGui::BeginTable("family_form", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        labelledField(app, str::kRecFieldHead, "family.head", &f.headName);
        ImGui::TableNextColumn();
        labelledField(app, str::kRecFieldMembers, "family.members", &f.members);
        ImGui::TableNextColumn();
        labelledField(app, str::kRecFieldAddress, "family.address", &f.address);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kRecFieldUnit);
        std::string unlinked;   // 向阳社区（未关联）: what an import kept, until a unit is chosen
        if (const FamilyShownRow* r = s.rowAt(s.list.find([&](const FamilyShownRow& row) {
                return row.data.row.id == f.familyId; }));
            r && r->data.row.unitId == 0)
            unlinked = r->unitName;
        unitCombo(app, s.meta.tree, "family.unit", &f.unitId, unlinked.c_str(), -1, isCommunityKind);
        if (std::none_of(s.meta.tree.units.begin(), s.meta.tree.units.end(),
                         [](const OrgUnit& u) { return isCommunityKind(u.kind); }))
            noUnitsGuide(app, "family.no_units");
        ImGui::EndTable();
    }
    labelledField(app, str::kRecFieldNote, "family.note", &f.note);
    ImGui::Spacing();
    switch (formButtons("family", f.familyId != 0)) {
    case FormAction::Save: saveForm(app, s); break;
    case FormAction::Cancel:
        f = FamilyForm{};
        s.selectedId = 0;
        return;
    case FormAction::Delete:
        s.confirmDelete.ask(formatMessage(str::kRecDeleteFamilyFormat, f.headName.c_str(), f.address.c_str(),
                                          static_cast<int>(s.awards.size())));
        break;
    case FormAction::None: break;
    }
    errorText(app, f.error);
    if (f.error.empty()) okText(app, s.message);
    if (drawConfirmPopup(app, s.confirmDelete, "family.delete_confirm", str::kRecDelete) == ConfirmChoice::Confirmed)
        removeRecordForm(f, s.selectedId, s.message, [&] { storage::RecordStore(app.storage).deleteFamily(f.familyId); });
}

//-----------------------------------------------------------------------------
// [SECTION] the titles of the household
//-----------------------------------------------------------------------------

// The title form holds something typed that is not stored: a new title with
// any field filled, or an existing one changed.
bool awardFormDirty(const FamiliesScreen& s) {
    const FamilyAwardForm& a = s.awardForm;
    if (a.awardId == 0) {
        const FamilyAwardForm blank;
        return !a.title.empty() || !trim(a.customTitle).empty() || !a.level.empty() || !trim(a.year).empty()
            || a.status != blank.status || !trim(a.docNumber).empty() || !trim(a.date).empty()
            || !trim(a.note).empty();
    }
    const std::string title = trim(a.customTitle).empty() ? a.title : trim(a.customTitle);
    return title != a.original.title || a.level != a.original.level || trim(a.year) != std::to_string(a.original.year)
        || a.status != a.original.status || a.docNumber != a.original.docNumber
        || trim(a.date) != a.original.statusOn || !trim(a.note).empty();
}

// 添加称号 / 保存称号, from the button or from "表单有未保存的修改": false
// when refused (the title form keeps what was typed and says why).
bool saveAward(AppState& app, FamiliesScreen& s) {
    FamilyAwardForm& a = s.awardForm;
    storage::FamilyAwardInput in;
    in.awardId = a.awardId;
    in.title = trim(a.customTitle).empty() ? a.title : trim(a.customTitle);
    in.level = a.level;
    in.year = parseYear(a.year);
    in.status = a.status;
    in.docNumber = a.docNumber;
    // An edit's date field starts as the status's date: unchanged, it is no
    // correction; with a new status, it is that status's date only if retyped.
    const std::string date = trim(foldFullWidth(a.date));
    in.event.date = a.awardId != 0 && date == a.original.statusOn ? std::string() : date;
    in.event.note = a.note;
    in.event.today = app.today;
    try {
        storage::RecordStore records(app.storage);
        if (in.year == 0 && !trim(a.year).empty()) throw storage::StorageError(str::kRecYearInvalid);
        if (in.awardId == 0) records.addFamilyAward(s.form.familyId, in);
        else records.updateFamilyAward(s.form.familyId, in, &a.original);
        a = FamilyAwardForm{};
        s.message = str::kRecSaved;
        return true;
    } catch (const std::exception& e) {
        a.error = e.what();
        return false;
    }
}

// The household's title history, newest first, as a post's timeline: each
// event's date, the title it belongs to and its status, then 文号 and reason.
void drawTitleTimeline(const FamiliesScreen& s) {
    if (s.timeline.empty()) return;
    headingText(str::kRecTitleTimeline);
    const float step = ImGui::GetTextLineHeightWithSpacing();
    const float height = std::max(ImGui::GetContentRegionAvail().y, step * 6);
    ImGui::BeginChild("family_timeline", ImVec2(0, height), true);
    for (std::size_t n = s.timeline.size(); n-- > 0;) {
        const storage::TitleTimelineEntry& entry = s.timeline[n];
        const AwardEvent& e = entry.event;
        ImGui::TextDisabled("%s", e.happenedOn.c_str());
        ImGui::SameLine();
        ImGui::Text(str::kRecTimelineTitleFormat, entry.level.c_str(), entry.title.c_str(), entry.awardYear,
                    e.status.c_str());
        if (!e.docNumber.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", e.docNumber.c_str());
        }
        if (!e.note.empty()) {
            ImGui::Indent(ImGui::GetFontSize() * 1.2f);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextWrapped("%s", e.note.c_str());
            ImGui::PopStyleColor();
            ImGui::Unindent(ImGui::GetFontSize() * 1.2f);
        }
    }
    ImGui::EndChild();
    if (ItemLocator::instance().enabled()) locate("family.timeline");
}

void drawAwards(AppState& app, FamiliesScreen& s) {
    const RowId familyId = s.form.familyId;
    if (familyId == 0) return;
    if (s.awardsFor != familyId || s.awardsRevision != app.storage.revision()) {
        s.awards = storage::RecordStore(app.storage).familyAwards(familyId);
        s.awardStandings = storage::familyTitleStandings(app.storage, app.today, familyId);
        s.timeline = storage::familyTimeline(app.storage, familyId);
        s.awardsFor = familyId;
        s.awardsRevision = app.storage.revision();
    }
    ImGui::Separator();
    headingText(str::kRecFamilyTitles);
    FamilyAwardForm& a = s.awardForm;
    const float em = ImGui::GetFontSize();
    std::vector<const char*> titles;
    for (const std::string& t : s.meta.catalogueTitles) titles.push_back(t.c_str());
    wordCombo("award.title", &a.title, titles.data(), static_cast<int>(titles.size()), str::kRecPickTitle, em * 8);
    ImGui::SameLine();
    textInput(app, "award.custom", &a.customTitle, str::kRecCustomTitleHint, -1);
    wordCombo("award.level", &a.level, kLevelNames, kLevelCount, str::kRecPickLevel, em * 5);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 4.5f);
    ImGui::InputTextWithHint("##award.year", str::kRecYearHint, &a.year);
    locate("award.year");
    ImGui::SameLine();
    wordCombo("award.status", &a.status, kStatusNames, kStatusCount, "", em * 5.5f);
    ImGui::SameLine();
    textInput(app, "award.doc", &a.docNumber, str::kRecDocHint, -1);
    textInput(app, "award.date", &a.date, str::kRecEventDateHint, em * 8);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kRecEventDateHelp);
    ImGui::SameLine();
    textInput(app, "award.note", &a.note, str::kRecEventNoteHint, -1);
    if (ImGui::Button(a.awardId == 0 ? str::kRecAddTitle : str::kRecSaveTitle)) saveAward(app, s);
    locate("award.add");
    if (a.awardId != 0) {
        ImGui::SameLine();
        if (ImGui::Button(str::kRecCancel)) a = FamilyAwardForm{};
    }
    errorText(app, a.error);

    if (s.awards.empty()) {
        ImGui::TextDisabled("%s", str::kRecNoTitles);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
    // The titles (up to 8 rows in view, then scrolling), the history below.
    const float rowHeight = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
    const float height = rowHeight * (std::min<float>(static_cast<float>(s.awards.size()), 8.0f) + 1.4f);
    if (!ImGui::BeginTable("family_awards", 7, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(str::kRecColYear);
    ImGui::TableSetupColumn(str::kRecColLevel);
    ImGui::TableSetupColumn(str::kRecColTitle, ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(str::kRecColStatus);
    ImGui::TableSetupColumn(str::kRecColNamedOn);
    ImGui::TableSetupColumn(str::kRecColDoc, ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("##actions");
    ImGui::TableHeadersRow();
    for (const storage::FamilyAward& award : s.awards) {
        ImGui::PushID(static_cast<int>(award.awardId));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(std::to_string(award.year).c_str(), a.awardId == award.awardId,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
            // Another title into the form: a changed one asks first.
            leaveThen(app, [&s, award] {
                FamilyAwardForm& form = s.awardForm;
                form = FamilyAwardForm{};
                form.original = award;
                form.awardId = award.awardId;
                form.title = award.title;
                form.level = award.level;
                form.year = std::to_string(award.year);
                form.status = award.status;
                form.docNumber = award.docNumber;
                form.date = award.statusOn;
            }, &s);
        }
        if (ItemLocator::instance().enabled()) locate(("award.row." + std::to_string(award.awardId)).c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(award.level.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(award.title.c_str());
        ImGui::TableNextColumn();
        {
            // 命名（待复核，2026-09-30 起过期）: where it stands today, when that is news.
            std::string status = award.status;
            const auto standing = s.awardStandings.find(award.awardId);
            if (standing != s.awardStandings.end() && titleStatusCounts(award.status)) {
                const TitleStandingDetail& d = standing->second;
                if (d.standing == TitleStanding::DueForReview)
                    status += formatMessage(str::kRecStandingDueFormat, d.expiresOn.c_str());
                else if (d.standing == TitleStanding::Expired)
                    status += formatMessage(str::kRecStandingExpiredFormat, d.expiresOn.c_str());
            }
            ImGui::TextUnformatted(status.c_str());
            if (status != award.status && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kRecStandingHelp);
        }
        ImGui::TableNextColumn(); ImGui::TextUnformatted(award.namedOn.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(award.docNumber.c_str());
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(str::kRecDelete)) {   // deleting asks first
            s.awardToDelete = award.awardId;
            s.confirmDeleteAward.ask(formatMessage(str::kRecDeleteFamilyAwardFormat, award.year, award.level.c_str(),
                                                   award.title.c_str()));
        }
        if (ItemLocator::instance().enabled()) locate(("award.delete." + std::to_string(award.awardId)).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
    drawTitleTimeline(s);
}

// Outside the titles table (which is not drawn without titles): the popup
// must be drawn every frame while it is open.
void drawAwardDeleteConfirm(AppState& app, FamiliesScreen& s) {
    if (drawConfirmPopup(app, s.confirmDeleteAward, "award.delete_confirm", str::kRecDelete) != ConfirmChoice::Confirmed)
        return;
    try {
        storage::RecordStore(app.storage).deleteAward(s.awardToDelete);
        if (s.awardForm.awardId == s.awardToDelete) s.awardForm = FamilyAwardForm{};
        s.message = str::kDeletedUndoable;
    } catch (const std::exception& e) {
        s.awardForm.error = e.what();
    }
    s.awardToDelete = 0;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

ExportTable familiesShownTable(storage::Storage& storage, const FamiliesScreen& s, const std::string& today) {
    return familiesShownTable(storage, s.query(today));
}

void writeFamiliesShown(storage::Storage& storage, const storage::FamilyQuery& q, ExportProgress* progress,
                        ExportRowSink& out) {
    out.begin(storage::familiesExportShape());
    const bool byAward = q.filtersAwards();
    std::optional<storage::FamilyListKey> after;
    for (;;) {
        const std::vector<storage::FamilyListRow> page = storage::familyPage(storage, q, after, 1000);
        for (const storage::FamilyListRow& listed : page) {
            if (progress) progress->rowRead();
            const FamilyShownRow shown = shownRow(listed);
            const storage::FamilyRow& r = listed.row;
            const std::vector<std::string> household = {r.headName, r.address, std::to_string(r.members), shown.unitName};
            bool any = false;
            for (std::size_t a = 0; a < listed.awards.size(); ++a) {
                const storage::FamilyAward& award = listed.awards[a];
                if (byAward && !(a < listed.passes.size() && listed.passes[a])) continue;
                // The columns have no status: a revoked title would read as held,
                // so it is left out unless the user filtered for revoked titles.
                if (award.status == toWord(AwardStatus::Revoke) && q.status != award.status) continue;
                auto row = household;
                row.insert(row.end(), {award.title, std::to_string(award.year), award.level});
                out.row(row);
                any = true;
            }
            if (!any && !byAward) {
                auto row = household;
                row.insert(row.end(), 3, std::string());
                out.row(row);
            }
        }
        if (page.size() < 1000) return;
        after = page.back().key;
    }
}

ExportTable familiesShownTable(storage::Storage& storage, const storage::FamilyQuery& q, ExportProgress* progress) {
    ExportTableCollector collector;
    writeFamiliesShown(storage, q, progress, collector);
    return std::move(collector.table);
}

void drawFamiliesScreen(AppState& app, FamiliesScreen& s) {
    // Before the list: a row click this frame must already know.
    if (formDirty(s)) {
        const bool isNew = s.form.familyId == 0;
        formIsDirty(app, &s, leaveName(isNew, isNew ? trim(s.form.headName) : s.form.original.headName),
                    [&app, &s] { return saveForm(app, s); }, [&s] { discardForm(s); });
    }
    if (s.form.open && awardFormDirty(s)) {
        const FamilyAwardForm& a = s.awardForm;
        const std::string title = trim(a.customTitle).empty() ? a.title : trim(a.customTitle);
        formIsDirty(app, &s, leaveName(a.awardId == 0, s.form.original.headName + " · " + title),
                    [&app, &s] { return saveAward(app, s); }, [&s] { s.awardForm = FamilyAwardForm{}; });
    }
    textInput(app, "family.search", &s.search, str::kRecFamilySearchHint, ImGui::GetFontSize() * 20);
    sameLineIfFits(buttonWidth(str::kRecAddFamily));
    if (ImGui::Button(str::kRecAddFamily)) {
        leaveThen(app, [&s] {
            s.selectedId = 0;
            const OrgUnit* filtered = s.meta.tree.find(s.filter.unitId);
            openForm(s, nullptr, filtered && isCommunityKind(filtered->kind) ? s.filter.unitId : 0);
            s.message.clear();
        }, &s);
    }
    locate("family.add");
    drawFilterBar(app, s.filter, s.meta.tree, s.meta.choices);
    sameLineIfFits(ImGui::GetFontSize() * 7);
    wordCombo("filter.standing", &s.filter.standing, kStandingFilterWords, 2, str::kRecAllStandings,
              ImGui::GetFontSize() * 7);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kRecStandingHelp);
    refreshView(app, s);
    // The count of this very query (the old one would be wrong for it).
    const bool counted = s.countsRevision != 0 && s.countsKey == s.list.queryKey();
    if (counted) {
        const std::string countText =
            formatMessage(str::kRecFamilyCountFormat, fmt::count(static_cast<long long>(s.counts.households)).c_str(),
                          fmt::count(static_cast<long long>(s.counts.shown)).c_str(),
                          fmt::count(static_cast<long long>(s.counts.shownTitles)).c_str());
        ImGui::TextDisabled("%s", countText.c_str());
        locate("family.count");
    }
    std::string failed = s.counter.error();
    if (failed.empty()) failed = s.list.error();
    if (failed.empty()) failed = s.metaLoader.error();
    if (!failed.empty()) {
        if (counted) ImGui::SameLine();
        errorText(app, str::kRecFamiliesLoadFailed + failed);
    } else if (s.counter.busy() || s.list.busy() || s.metaLoader.busy()) {
        if (counted) ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kRecFamiliesLoading);
        locate("family.loading");
    }
    sameLineIfFits(buttonWidth(str::kExpButton));
    drawExportMenu(app, s.exportMenu, str::kExpFamiliesFile, false,
                   [&app, &s](bool) -> ExportReader {
                       return [query = s.query(app.today)](storage::Storage& own, ExportProgress& progress,
                                                           ExportRowSink& out) {
                           writeFamiliesShown(own, query, &progress, out);
                       };
                   },
                   s.counts.shown, "family.export");

    drawListAndDetail({"family_list", "family_detail", 380.0f, 0.38f}, [&] { drawList(app, s); }, [&] {
        if (s.form.open) {
            drawForm(app, s);
            if (s.form.open) drawAwards(app, s);
            drawAwardDeleteConfirm(app, s);
        } else {
            ImGui::TextWrapped("%s", str::kRecNoFamilySelected);
            okText(app, s.message);
        }
    });
}

} // namespace jinguo::ui
