// screen_honours.cpp — 荣誉: the list of individual and collective titles on
// the left, the selected one's form on the right.
#include "core/number_format.hpp"
#include "ui/screen_honours.hpp"

#include "core/text.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "core/masking.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <set>

namespace jinguo::ui {

namespace {

int levelRank(const std::string& level) { return titleLevelRank(level); }

void reloadIfChanged(AppState& app, HonoursScreen& s) {
    if (s.loadedRevision == app.storage.revision()) return;
    s.rows = storage::RecordStore(app.storage).honourRows();
    s.nameKeys.resize(s.rows.size());
    s.titleKeys.resize(s.rows.size());
    s.unitKeys.resize(s.rows.size());
    std::set<int> years;
    std::set<std::string> titles;
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        s.nameKeys[i] = s.pinyin.keysFor(s.rows[i].name);
        s.titleKeys[i] = s.pinyin.keysFor(s.rows[i].title).collation;
        s.unitKeys[i] = s.pinyin.keysFor(s.rows[i].unitName).collation;
        years.insert(s.rows[i].year);
        titles.insert(s.rows[i].title);
    }
    std::set<std::string> people, collectives;
    for (const AwardTitle& t : app.storage.awardTitles()) {
        if (!t.active) continue;
        if (t.subjectKind == "person") people.insert(t.name);
        if (t.subjectKind == "collective") collectives.insert(t.name);
    }
    titles.insert(people.begin(), people.end());
    titles.insert(collectives.begin(), collectives.end());
    auto pinyinSorted = [&](const std::set<std::string>& names) {
        std::vector<std::pair<std::string, std::string>> keyed;
        for (const std::string& name : names) keyed.push_back({s.pinyin.keysFor(name).collation, name});
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::string> out;
        for (auto& k : keyed) out.push_back(std::move(k.second));
        return out;
    };
    s.choices.titles = pinyinSorted(titles);
    s.personTitles = pinyinSorted(people);
    s.collectiveTitles = pinyinSorted(collectives);
    s.choices.years.assign(years.rbegin(), years.rend());
    s.tree.load(app.storage.units(), s.pinyin);
    s.loadedRevision = app.storage.revision();
    s.viewDirty = true;
}

void sortVisible(HonoursScreen& s) {
    auto key = [&](int a, int b) -> int {
        const storage::HonourRow& x = s.rows[static_cast<std::size_t>(a)];
        const storage::HonourRow& y = s.rows[static_cast<std::size_t>(b)];
        switch (s.sortColumn) {
        case 0: return x.year - y.year;
        case 1: return s.titleKeys[a].compare(s.titleKeys[b]);
        case 2: return levelRank(x.level) - levelRank(y.level);
        case 3: return s.nameKeys[a].collation.compare(s.nameKeys[b].collation);   // pinyin order
        case 4: return static_cast<int>(x.collective) - static_cast<int>(y.collective);
        case 5: return s.unitKeys[a].compare(s.unitKeys[b]);
        case 6: return x.status.compare(y.status);
        case 7: return x.docNumber.compare(y.docNumber);
        default: return 0;
        }
    };
    std::stable_sort(s.visible.begin(), s.visible.end(), [&](int a, int b) {
        const int c = key(a, b);
        if (c != 0) return s.sortAscending ? c < 0 : c > 0;
        return s.rows[static_cast<std::size_t>(a)].awardId < s.rows[static_cast<std::size_t>(b)].awardId;
    });
    s.sortDirty = false;
}

void refreshView(HonoursScreen& s) {
    if (!s.viewDirty && s.search == s.appliedSearch && s.filter == s.appliedFilter) {
        if (s.sortDirty) sortVisible(s);
        return;
    }
    s.visible.clear();
    s.visiblePeople = s.visibleCollectives = 0;
    const RecordFilter& f = s.filter;
    const SearchQuery query(s.search);
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        const storage::HonourRow& r = s.rows[i];
        if (f.unitId != 0 && !s.tree.within(r.unitId, f.unitId)) continue;
        if (!f.title.empty() && r.title != f.title) continue;
        if (!f.level.empty() && r.level != f.level) continue;
        if (f.year != 0 && r.year != f.year) continue;
        if (!f.status.empty() && r.status != f.status) continue;
        if (!recordMatches(query, s.nameKeys[i], {r.name, r.title, r.unitName, r.docNumber}, {r.idNumber, r.phone}))
            continue;
        s.visible.push_back(static_cast<int>(i));
        ++(r.collective ? s.visibleCollectives : s.visiblePeople);
    }
    s.appliedSearch = s.search;
    s.appliedFilter = s.filter;
    s.viewDirty = false;
    sortVisible(s);
}

void openForm(HonoursScreen& s, const storage::HonourRow* r, RowId defaultUnit) {
    HonourForm f;
    f.open = true;
    if (r) {
        f.original = *r;
        f.awardId = r->awardId;
        f.kind = r->collective ? 1 : 0;
        f.name = r->name;
        f.idNumber = r->idNumber;
        f.unitId = r->unitId;
        f.title = r->title;
        f.level = r->level;
        f.year = std::to_string(r->year);
        f.status = r->status;
        f.docNumber = r->docNumber;
        f.date = r->statusOn;
    } else {
        f.unitId = defaultUnit;
    }
    s.form = std::move(f);
    s.formAsLoaded = s.form;
}

// The form differs from what it loaded or last saved (a new form: anything typed).
bool formDirty(const HonoursScreen& s) {
    const HonourForm& a = s.form;
    const HonourForm& b = s.formAsLoaded;
    return a.open && (a.awardId != b.awardId || a.kind != b.kind || a.name != b.name || a.idNumber != b.idNumber
                      || a.unitId != b.unitId || a.title != b.title || a.customTitle != b.customTitle
                      || a.level != b.level || a.year != b.year || a.status != b.status || a.docNumber != b.docNumber
                      || a.date != b.date || a.note != b.note);
}

void drawList(AppState& app, HonoursScreen& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV
                                | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (!beginListTable("honours",
                        {{str::kRecColYear, "2026", 0, false,
                          ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending},
                         {str::kRecColTitle, "巾帼建功标兵", 1, true},
                         {str::kRecColLevel, "市级", 2},
                         {str::kRecColHolder, "望江社区妇联", 3, true},
                         {str::kRecColHolderKind, "集体", 4},
                         {str::kRecColUnit, "城东街道社区", 5, true},
                         {str::kRecColStatus, "已撤销", 6},
                         {str::kRecColDoc, "杭妇〔2026〕12号", 7, true}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    if (tableSortChanged(s.sortColumn, s.sortAscending)) sortVisible(s);
    auto openRow = [&app, &s](RowId id) {
        leaveThen(app, [&s, id] {
            for (const storage::HonourRow& row : s.rows) {
                if (row.awardId != id) continue;
                const storage::HonourRow copy = row;
                s.selectedId = id;
                openForm(s, &copy, 0);
                s.message.clear();
                break;
            }
        }, &s);
    };
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.visible.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::HonourRow& r = s.rows[static_cast<std::size_t>(s.visible[static_cast<std::size_t>(i)])];
            ImGui::PushID(static_cast<int>(r.awardId));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (wholeRowClicked(ImGui::Selectable(std::to_string(r.year).c_str(), s.selectedId == r.awardId,
                                                  ImGuiSelectableFlags_SpanAllColumns),
                                headerBottom))
                openRow(r.awardId);
            if (ItemLocator::instance().enabled()) locate(("honour.row." + std::to_string(r.awardId)).c_str());
            ImGui::TableNextColumn(); textFitted(r.title);
            ImGui::TableNextColumn(); textFitted(r.level);
            ImGui::TableNextColumn(); textFitted(r.name);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.collective ? str::kRecCollective : str::kRecPerson);
            ImGui::TableNextColumn(); textFitted(r.unitName);
            ImGui::TableNextColumn(); textFitted(r.status);
            ImGui::TableNextColumn(); textFitted(r.docNumber);
            ImGui::PopID();
        }
    }
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does.
    if (const int row = keyboardRowChoice(static_cast<int>(s.visible.size()), [&] {
            for (std::size_t i = 0; i < s.visible.size(); ++i)
                if (s.rows[static_cast<std::size_t>(s.visible[i])].awardId == s.selectedId) return static_cast<int>(i);
            return -1;
        }); row >= 0)
        openRow(s.rows[static_cast<std::size_t>(s.visible[static_cast<std::size_t>(row)])].awardId);
    ImGui::EndTable();
}

// 保存, from the button or from "表单有未保存的修改": false when refused (the form says why).
bool saveForm(AppState& app, HonoursScreen& s) {
    HonourForm& f = s.form;
    storage::HonourInput in;
    in.awardId = f.awardId;
    in.collective = f.kind == 1;
    in.name = f.name;
    in.idNumber = in.collective ? std::string() : f.idNumber;
    in.unitId = f.unitId;
    in.title = trim(f.customTitle).empty() ? f.title : trim(f.customTitle);
    in.level = f.level;
    in.year = parseYear(f.year);
    in.status = f.status;
    in.docNumber = f.docNumber;
    // An edit's date starts as the status's date: unchanged, it corrects nothing.
    const std::string date = trim(foldFullWidth(f.date));
    in.event.date = f.awardId != 0 && date == f.original.statusOn ? std::string() : date;
    in.event.note = f.note;
    in.event.today = app.today;
    return commitRecordForm(f, s.formAsLoaded, s.message, [&] {
        if (in.year == 0 && !trim(f.year).empty()) throw storage::StorageError(str::kRecYearInvalid);
        storage::RecordStore records(app.storage);
        f.awardId = records.saveHonour(in, f.awardId != 0 ? &f.original : nullptr);
        // The next save compares with what is stored now.
        if (const auto stored = records.honour(f.awardId)) f.original = *stored;
        f.date = f.original.statusOn;   // the event is written: the fields show it, the reason starts empty
        f.note.clear();
        s.selectedId = f.awardId;
    });
}

void discardForm(HonoursScreen& s) { discardRecordForm(s.form, s.formAsLoaded, s.selectedId, s.form.awardId == 0); }

void drawForm(AppState& app, HonoursScreen& s) {
    HonourForm& f = s.form;
    headingText(f.awardId == 0 ? str::kRecNewHonour : str::kRecEditHonour);
    const int kindBefore = f.kind;
    ImGui::RadioButton(str::kRecPerson, &f.kind, 0);
    locate("honour.kind.person");
    ImGui::SameLine();
    ImGui::RadioButton(str::kRecCollective, &f.kind, 1);
    locate("honour.kind.collective");
    if (f.kind != kindBefore) {
        // A person's title picked before is not a collective's (and back):
        // kept, it would silently become a user-defined title of the other kind.
        const std::vector<std::string>& now = f.kind == 1 ? s.collectiveTitles : s.personTitles;
        if (std::find(now.begin(), now.end(), f.title) == now.end()) f.title.clear();
    }
    const float em = ImGui::GetFontSize();
    if (ImGui::BeginTable("honour_form", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        labelledField(app, f.kind == 1 ? str::kRecFieldCollectiveName : str::kRecFieldHolderName, "honour.name", &f.name);
        ImGui::TableNextColumn();
        if (f.kind == 0) labelledField(app, str::kRecFieldIdNumber, "honour.id", &f.idNumber);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kRecFieldHonourUnit);
        unitCombo(app, s.tree, "honour.unit", &f.unitId, "", -1);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kRecFieldTitle);
        const std::vector<std::string>& catalogue = f.kind == 1 ? s.collectiveTitles : s.personTitles;
        std::vector<const char*> titles;
        for (const std::string& t : catalogue) titles.push_back(t.c_str());
        wordCombo("honour.title", &f.title, titles.data(), static_cast<int>(titles.size()), str::kRecPickTitle, -1);
        textInput(app, "honour.custom", &f.customTitle, str::kRecCustomTitleHint, -1);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kRecFieldLevel);
        wordCombo("honour.level", &f.level, kLevelNames, kLevelCount, str::kRecPickLevel, -1);
        ImGui::TableNextColumn();
        labelledField(app, str::kRecFieldYear, "honour.year", &f.year);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kRecFieldStatus);
        wordCombo("honour.status", &f.status, kStatusNames, kStatusCount, "", -1);
        ImGui::TableNextColumn();
        labelledField(app, str::kRecFieldDoc, "honour.doc", &f.docNumber);
        ImGui::TableNextColumn();
        labelledField(app, str::kRecFieldEventDate, "honour.date", &f.date);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kRecEventDateHelp);
        ImGui::TableNextColumn();
        labelledField(app, str::kRecFieldEventNote, "honour.note", &f.note);
        ImGui::EndTable();
    }
    (void)em;
    ImGui::Spacing();
    switch (formButtons("honour", f.awardId != 0)) {
    case FormAction::Save: saveForm(app, s); break;
    case FormAction::Cancel:
        f = HonourForm{};
        s.selectedId = 0;
        return;
    case FormAction::Delete: {
        const std::string& title = f.customTitle.empty() ? f.title : f.customTitle;
        s.confirmDelete.ask(formatMessage(str::kRecDeleteHonourFormat, f.name.c_str(), f.year.c_str(),
                                          f.level.c_str(), title.c_str()));
        break;
    }
    case FormAction::None: break;
    }
    errorText(app, f.error);
    if (f.error.empty()) okText(app, s.message);
    if (drawConfirmPopup(app, s.confirmDelete, "honour.delete_confirm", str::kRecDelete) == ConfirmChoice::Confirmed)
        removeRecordForm(f, s.selectedId, s.message, [&] { storage::RecordStore(app.storage).deleteAward(f.awardId); });
}

} // namespace

ExportTable honoursShownTable(const HonoursScreen& s, bool unmasked) {
    ExportTable table;
    table.sheetName = str::kExpHonoursFile;
    table.headers = {str::kRecColYear, str::kRecColTitle, str::kRecColLevel, str::kRecColHolder, str::kColIdNumber,
                     str::kColPhone, str::kRecColHolderKind, str::kRecColUnit, str::kRecColStatus, str::kRecColDoc};
    table.numericColumns = {true, false, false, false, false, false, false, false, false, false};
    for (const int index : s.visible) {
        const storage::HonourRow& r = s.rows[static_cast<std::size_t>(index)];
        table.rows.push_back({std::to_string(r.year), r.title, r.level, r.name, r.idNumber, r.phone,
                              r.collective ? str::kRecCollective : str::kRecPerson, r.unitName, r.status,
                              r.docNumber});
    }
    if (!unmasked) maskIdAndPhoneColumns(table.rows, 4, 5);
    return table;
}

void drawHonoursScreen(AppState& app, HonoursScreen& s) {
    reloadIfChanged(app, s);
    // Before the list: a row click this frame must already know.
    if (formDirty(s)) {
        const bool isNew = s.form.awardId == 0;
        const std::string name = isNew ? trim(s.form.name)
                                       : s.form.original.name + " " + s.form.original.title;
        formIsDirty(app, &s, leaveName(isNew, name), [&app, &s] { return saveForm(app, s); }, [&s] { discardForm(s); });
    }
    textInput(app, "honour.search", &s.search, str::kRecHonourSearchHint, ImGui::GetFontSize() * 20);
    ImGui::SameLine();
    if (ImGui::Button(str::kRecAddHonour)) {
        leaveThen(app, [&s] {
            s.selectedId = 0;
            openForm(s, nullptr, s.filter.unitId);
            s.message.clear();
        }, &s);
    }
    locate("honour.add");
    drawFilterBar(app, s.filter, s.tree, s.choices);
    refreshView(s);
    ImGui::TextDisabled(str::kRecHonourCountFormat, fmt::count(static_cast<long long>(s.rows.size())).c_str(),
                        fmt::count(static_cast<long long>(s.visible.size())).c_str(), fmt::count(s.visiblePeople).c_str(),
                        fmt::count(s.visibleCollectives).c_str());
    sameLineIfFits(buttonWidth(str::kExpButton));
    drawExportMenu(app, s.exportMenu, str::kExpHonoursFile, true,
                   [&s](bool unmasked) { return honoursShownTable(s, unmasked); }, "honour.export");

    drawListAndDetail({"honour_list", "honour_detail", 380.0f, 0.38f}, [&] { drawList(app, s); }, [&] {
        if (s.form.open) {
            drawForm(app, s);
        } else {
            ImGui::TextWrapped("%s", str::kRecNoHonourSelected);
            okText(app, s.message);
        }
    });
}

} // namespace jinguo::ui
