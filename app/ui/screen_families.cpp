// screen_families.cpp — 家庭: the list on the left, the household form and
// its titles on the right.
//
// [SECTION] cache and view (load, filter, sort)
// [SECTION] the list
// [SECTION] the household form
// [SECTION] the titles of the household
// [SECTION] the screen
#include "core/number_format.hpp"
#include "ui/screen_families.hpp"

#include "core/points.hpp"
#include "core/text.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "storage/list_export.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <set>

namespace jinguo::ui {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] cache and view (load, filter, sort)
//-----------------------------------------------------------------------------

} // namespace

FamiliesData loadFamiliesData(storage::Storage& storage, PinyinIndex& pinyin, const std::string& today) {
    FamiliesData d;
    storage::RecordStore records(storage);
    d.list = records.familyList();
    {
        const auto standings = storage::familyTitleStandings(storage, today);
        d.awardStandings.reserve(d.list.awards.size());
        for (const storage::FamilyAward& a : d.list.awards) {
            const auto it = standings.find(a.awardId);
            d.awardStandings.push_back(it != standings.end() ? it->second.standing : TitleStanding::NotNamed);
        }
    }
    // A community an import could not place shows as written: 向阳社区（未关联）.
    for (storage::FamilyRow& r : d.list.rows)
        if (r.unitId == 0 && !r.unitText.empty()) r.unitName = r.unitText + str::kUnitUnlinked;
    const std::size_t n = d.list.rows.size();
    d.headKeys.resize(n);
    d.unitKeys.resize(n);
    d.titlesText.resize(n);
    std::set<int> years;
    std::set<std::string> titleNames;
    for (std::size_t i = 0; i < n; ++i) {
        const storage::FamilyRow& r = d.list.rows[i];
        d.headKeys[i] = pinyin.keysFor(r.headName);
        d.unitKeys[i] = pinyin.keysFor(r.unitName).collation;
        std::string text;
        for (int a = r.firstAward; a < r.firstAward + r.awardCount; ++a) {
            const storage::FamilyAward& award = d.list.awards[static_cast<std::size_t>(a)];
            if (!text.empty()) text += str::kRecListSep;
            text += std::to_string(award.year) + award.level + str::kRecLevelSuffix + award.title;
            const TitleStanding standing = d.awardStandings[static_cast<std::size_t>(a)];
            if (!titleStatusCounts(award.status))
                text += str::kRecOpenParen + award.status + str::kRecCloseParen;   // not (or no longer) held
            else if (standing == TitleStanding::DueForReview || standing == TitleStanding::Expired)
                text += str::kRecOpenParen + std::string(standingWord(standing)) + str::kRecCloseParen;
        }
        d.titlesText[i] = std::move(text);
    }
    for (const storage::FamilyAward& a : d.list.awards) {
        years.insert(a.year);
        titleNames.insert(a.title);
    }
    std::set<std::string> catalogue;
    for (const AwardTitle& t : storage.awardTitles())
        if (t.subjectKind == "family" && t.active) catalogue.insert(t.name);
    titleNames.insert(catalogue.begin(), catalogue.end());
    auto pinyinSorted = [&](const std::set<std::string>& names) {
        std::vector<std::pair<std::string, std::string>> keyed;
        for (const std::string& name : names) keyed.push_back({pinyin.keysFor(name).collation, name});
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::string> out;
        for (auto& k : keyed) out.push_back(std::move(k.second));
        return out;
    };
    d.choices.titles = pinyinSorted(titleNames);
    d.catalogueTitles = pinyinSorted(catalogue);
    d.choices.years.assign(years.rbegin(), years.rend());
    d.tree.load(storage.units(), pinyin);
    return d;
}

namespace {

// Takes the list of the current revision when the loader (which the frame
// only polls) has it.
void reloadIfChanged(AppState& app, FamiliesScreen& s) {
    const std::uint64_t revision = app.storage.revision();
    s.loader.request(app.storage, "families", [today = app.today](storage::Storage& storage) {
        PinyinIndex pinyin;   // the worker's own: ICU collators are not shared across threads
        return loadFamiliesData(storage, pinyin, today);
    });
    if (!s.loader.poll()) return;
    std::optional<FamiliesData> loaded = s.loader.takeResult();
    if (!loaded) return;   // failed: loader.error() says why
    s.data = std::move(*loaded);
    s.loadedRevision = revision;
    s.viewDirty = true;
}

bool awardPasses(const storage::FamilyAward& a, TitleStanding standing, const RecordFilter& f) {
    return (f.title.empty() || a.title == f.title) && (f.level.empty() || a.level == f.level)
        && (f.year == 0 || a.year == f.year) && (f.status.empty() || a.status == f.status)
        && (f.standing.empty() || f.standing == standingWord(standing));
}

// The words of the 有效期 filter, in core/title_standing.hpp's words.
const char* const kStandingFilterWords[] = {str::kRecStandingDue, str::kRecStandingExpired};

void sortVisible(FamiliesScreen& s) {
    auto key = [&](int a, int b) -> int {
        const storage::FamilyRow& x = s.data.list.rows[static_cast<std::size_t>(a)];
        const storage::FamilyRow& y = s.data.list.rows[static_cast<std::size_t>(b)];
        switch (s.sortColumn) {
        case 0: return s.data.headKeys[a].collation.compare(s.data.headKeys[b].collation);   // pinyin order
        case 1: return x.address.compare(y.address);
        case 2: return x.members - y.members;
        case 3: return s.data.unitKeys[a].compare(s.data.unitKeys[b]);
        case 4: return x.awardCount - y.awardCount;
        default: return 0;
        }
    };
    std::stable_sort(s.visible.begin(), s.visible.end(), [&](int a, int b) {
        const int c = key(a, b);
        if (c != 0) return s.sortAscending ? c < 0 : c > 0;
        return s.data.list.rows[static_cast<std::size_t>(a)].id < s.data.list.rows[static_cast<std::size_t>(b)].id;
    });
    s.sortDirty = false;
}

void refreshView(FamiliesScreen& s) {
    if (!s.viewDirty && s.search == s.appliedSearch && s.filter == s.appliedFilter) {
        if (s.sortDirty) sortVisible(s);
        return;
    }
    s.visible.clear();
    s.visibleAwards = 0;
    const bool byAward = s.filter.filtersAwards();
    const SearchQuery query(s.search);
    for (std::size_t i = 0; i < s.data.list.rows.size(); ++i) {
        const storage::FamilyRow& r = s.data.list.rows[i];
        if (s.filter.unitId != 0 && !s.data.tree.within(r.unitId, s.filter.unitId)) continue;
        int passing = 0;
        for (int a = r.firstAward; a < r.firstAward + r.awardCount; ++a)
            if (awardPasses(s.data.list.awards[static_cast<std::size_t>(a)],
                            s.data.awardStandings[static_cast<std::size_t>(a)], s.filter))
                ++passing;
        if (byAward && passing == 0) continue;
        if (!recordMatches(query, s.data.headKeys[i], {r.headName, r.address, r.unitName, s.data.titlesText[i]})) continue;
        s.visible.push_back(static_cast<int>(i));
        s.visibleAwards += passing;
    }
    s.appliedSearch = s.search;
    s.appliedFilter = s.filter;
    s.viewDirty = false;
    sortVisible(s);
}

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
    if (tableSortChanged(s.sortColumn, s.sortAscending)) sortVisible(s);
    auto openRow = [&app, &s](RowId id) {
        leaveThen(app, [&app, &s, id] {
            s.selectedId = id;
            if (auto f = storage::RecordStore(app.storage).family(id)) openForm(s, &*f, 0);
            s.message.clear();
        }, &s);
    };
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.visible.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::size_t index = static_cast<std::size_t>(s.visible[static_cast<std::size_t>(i)]);
            const storage::FamilyRow& r = s.data.list.rows[index];
            ImGui::PushID(static_cast<int>(r.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (wholeRowClicked(
                    ImGui::Selectable(r.headName.c_str(), s.selectedId == r.id, ImGuiSelectableFlags_SpanAllColumns),
                    headerBottom))
                openRow(r.id);
            if (ItemLocator::instance().enabled()) locate(("family.row." + std::to_string(r.id)).c_str());
            ImGui::TableNextColumn(); textFitted(r.address);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(r.members).c_str());
            ImGui::TableNextColumn(); textFitted(r.unitName);
            ImGui::TableNextColumn(); textFitted(s.data.titlesText[index]);
            ImGui::PopID();
        }
    }
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does.
    if (const int row = keyboardRowChoice(static_cast<int>(s.visible.size()), [&] {
            for (std::size_t i = 0; i < s.visible.size(); ++i)
                if (s.data.list.rows[static_cast<std::size_t>(s.visible[i])].id == s.selectedId) return static_cast<int>(i);
            return -1;
        }); row >= 0)
        openRow(s.data.list.rows[static_cast<std::size_t>(s.visible[static_cast<std::size_t>(row)])].id);
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
        for (const storage::FamilyRow& r : s.data.list.rows)
            if (r.id == f.familyId && r.unitId == 0) unlinked = r.unitName;
        unitCombo(app, s.data.tree, "family.unit", &f.unitId, unlinked.c_str(), -1, isCommunityKind);
        if (std::none_of(s.data.tree.units.begin(), s.data.tree.units.end(),
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
    for (const std::string& t : s.data.catalogueTitles) titles.push_back(t.c_str());
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

ExportTable familiesShownTable(const FamiliesScreen& s) {
    ExportTable table = storage::familiesExportShape();
    const bool byAward = s.filter.filtersAwards();
    for (const int index : s.visible) {
        const storage::FamilyRow& r = s.data.list.rows[static_cast<std::size_t>(index)];
        const std::vector<std::string> household = {r.headName, r.address, std::to_string(r.members), r.unitName};
        bool any = false;
        for (int a = r.firstAward; a < r.firstAward + r.awardCount; ++a) {
            const storage::FamilyAward& award = s.data.list.awards[static_cast<std::size_t>(a)];
            if (byAward && !awardPasses(award, s.data.awardStandings[static_cast<std::size_t>(a)], s.filter)) continue;
            // The columns have no status: a revoked title would read as held,
            // so it is left out unless the user filtered for revoked titles.
            if (award.status == toWord(AwardStatus::Revoke) && s.filter.status != award.status) continue;
            auto row = household;
            row.insert(row.end(), {award.title, std::to_string(award.year), award.level});
            table.rows.push_back(std::move(row));
            any = true;
        }
        if (!any && !byAward) {
            auto row = household;
            row.insert(row.end(), 3, std::string());
            table.rows.push_back(std::move(row));
        }
    }
    return table;
}

void drawFamiliesScreen(AppState& app, FamiliesScreen& s) {
    reloadIfChanged(app, s);
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
            const OrgUnit* filtered = s.data.tree.find(s.filter.unitId);
            openForm(s, nullptr, filtered && isCommunityKind(filtered->kind) ? s.filter.unitId : 0);
            s.message.clear();
        }, &s);
    }
    locate("family.add");
    drawFilterBar(app, s.filter, s.data.tree, s.data.choices);
    sameLineIfFits(ImGui::GetFontSize() * 7);
    wordCombo("filter.standing", &s.filter.standing, kStandingFilterWords, 2, str::kRecAllStandings,
              ImGui::GetFontSize() * 7);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kRecStandingHelp);
    refreshView(s);
    const bool loadedOnce = s.loadedRevision != 0;   // before that, "共 0 户" would be wrong
    if (loadedOnce) {
        const std::string countText = formatMessage(
            str::kRecFamilyCountFormat, fmt::count(static_cast<long long>(s.data.list.rows.size())).c_str(),
            fmt::count(static_cast<long long>(s.visible.size())).c_str(), fmt::count(s.visibleAwards).c_str());
        ImGui::TextDisabled("%s", countText.c_str());
        locate("family.count");
    }
    if (!s.loader.error().empty()) {
        if (loadedOnce) ImGui::SameLine();
        errorText(app, str::kRecFamiliesLoadFailed + s.loader.error());
    } else if (s.loader.busy()) {
        if (loadedOnce) ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kRecFamiliesLoading);
    }
    sameLineIfFits(buttonWidth(str::kExpButton));
    drawExportMenu(app, s.exportMenu, str::kExpFamiliesFile, false,
                   [&s](bool) { return familiesShownTable(s); }, "family.export");

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
