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
#include "storage/session_scope.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace jinguo::ui {

namespace {

// The query as a key: a change of any of it is another list.
std::string queryKeyOf(const storage::HonourQuery& q) {
    return std::to_string(q.unitId) + '\x1f' + q.title + '\x1f' + q.level + '\x1f' + std::to_string(q.year) + '\x1f' +
           q.status + '\x1f' + q.search + '\x1f' + std::to_string(static_cast<int>(q.sort)) + (q.ascending ? "+" : "-");
}

// The filter's choices, the title pickers and the unit tree, once per revision, off the frame.
void reloadMeta(AppState& app, HonoursScreen& s) {
    s.metaLoader.request(app.storage, "honours.meta", [](storage::Storage& storage) {
        PinyinIndex pinyin;   // the worker's own: ICU collators are not shared across threads
        return loadHonoursMeta(storage, pinyin);
    });
    if (!s.metaLoader.poll()) return;
    if (std::optional<HonoursMeta> loaded = s.metaLoader.takeResult()) {
        s.tree = std::move(loaded->tree);
        s.choices = std::move(loaded->choices);
        s.personTitles = std::move(loaded->personTitles);
        s.collectiveTitles = std::move(loaded->collectiveTitles);
    }
}

// The counts of the current query, off the frame; the old ones stay on screen meanwhile.
void recount(AppState& app, HonoursScreen& s, const storage::HonourQuery& q, const std::string& key) {
    s.counter.request(app.storage, "honours.count" + key, [q, key](storage::Storage& storage) {
        return HonourCountsRead{key, storage::honourCounts(storage, q)};
    });
    if (!s.counter.poll()) return;
    if (std::optional<HonourCountsRead> read = s.counter.takeResult()) {
        s.counts = read->counts;
        s.countsKey = read->queryKey;
        s.countsRevision = app.storage.revision();
    }
}

// Everything the list needs this frame: the meta, the counts and the pages
// of the current query. A new query starts at its top.
void refreshView(AppState& app, HonoursScreen& s) {
    reloadMeta(app, s);
    const storage::HonourQuery q = s.query();
    const std::string key = queryKeyOf(q);
    if (s.list.show(key)) {
        s.pendingOpen = -1;
        s.selectedIndex = -1;
    }
    recount(app, s, q, key);
    constexpr int per = decltype(s.list)::kPageRows;
    s.list.update(
        app.storage, s.rowCount(), s.pendingOpen, "honours.page",
        [q](storage::Storage& storage, int page, const std::optional<storage::HonourListKey>& after) {
            return page == 0 || after ? storage::honourPage(storage, q, after, per)
                                      : storage::honourPageAt(storage, q, static_cast<std::int64_t>(page) * per, per);
        },
        [](const storage::HonourListRow& r) { return r.key; },
        [](const storage::HonourListRow& r) { return r.row.name + r.row.title + r.row.unitName + r.row.docNumber; },
        app.noteText);
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
    if (s.list.takeScrollToTop()) ImGui::SetScrollY(0.0f);
    // A new sort is a new query: refreshView reads it from the next frame on.
    tableSortChanged(s.sortColumn, s.sortAscending);
    auto openRow = [&app, &s](RowId id, int index) {
        leaveThen(app, [&app, &s, id, index] {
            // The stored row (one indexed read): the form compares a save with it.
            if (const auto row = storage::RecordStore(app.storage).honour(id)) {
                s.selectedId = id;
                s.selectedIndex = index;
                openForm(s, &*row, 0);
                s.message.clear();
            }
        }, &s);
    };
    // A row the keyboard moved to before its page was read opens when it is.
    if (s.pendingOpen >= 0) {
        if (const storage::HonourListRow* r = s.rowAt(s.pendingOpen)) {
            const int index = std::exchange(s.pendingOpen, -1);
            openRow(r->row.awardId, index);
        }
    }
    const int count = s.rowCount();
    ImGuiListClipper clipper;
    clipper.Begin(count);
    ShownRows shown;
    while (clipper.Step()) {
        shown.step(clipper.DisplayStart, clipper.DisplayEnd);
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::HonourListRow* shown = s.rowAt(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (!shown) {
                // Not read yet: a placeholder row while its page is on its way.
                ImGui::TextDisabled("%s", str::kRecRowLoading);
                continue;
            }
            const storage::HonourRow& r = shown->row;
            if (r.awardId == s.selectedId) s.selectedIndex = i;
            ImGui::PushID(static_cast<int>(r.awardId));
            if (wholeRowClicked(ImGui::Selectable(std::to_string(r.year).c_str(), s.selectedId == r.awardId,
                                                  ImGuiSelectableFlags_SpanAllColumns),
                                headerBottom))
                openRow(r.awardId, i);
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
    s.list.noteShown(shown.first(), shown.last());
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does;
    // across pages: a row not read yet opens once its page arrives.
    if (const int row = keyboardRowChoice(count, [&] {
            if (const storage::HonourListRow* r = s.rowAt(s.selectedIndex); r && r->row.awardId == s.selectedId)
                return s.selectedIndex;
            return s.list.find([&](const storage::HonourListRow& r) { return r.row.awardId == s.selectedId; });
        }); row >= 0) {
        if (const storage::HonourListRow* r = s.rowAt(row)) openRow(r->row.awardId, row);
        else s.pendingOpen = row;
    }
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

HonoursMeta loadHonoursMeta(storage::Storage& storage, PinyinIndex& pinyin) {
    HonoursMeta m;
    storage::HonourFilterChoices choices = storage::honourFilterChoices(storage);
    m.choices.titles = std::move(choices.titles);
    m.choices.years = std::move(choices.years);
    m.personTitles = std::move(choices.personTitles);
    m.collectiveTitles = std::move(choices.collectiveTitles);
    m.tree.load(storage::writableUnits(storage), pinyin);   // a street's user: her subtree
    return m;
}

storage::HonourQuery HonoursScreen::query() const {
    storage::HonourQuery q;
    q.unitId = filter.unitId;
    q.title = filter.title;
    q.level = filter.level;
    q.year = filter.year;
    q.status = filter.status;
    q.search = search;
    q.sort = static_cast<storage::HonourSort>(std::clamp(sortColumn, 0, storage::kHonourSortCount - 1));
    q.ascending = sortAscending;
    return q;
}

int HonoursScreen::rowCount() const {
    const bool counted = countsKey == list.queryKey() && countsRevision != 0;
    return list.rowCount(counted ? std::optional<std::int64_t>(counts.shown) : std::nullopt);
}

ExportTable honoursShownTable(storage::Storage& storage, const HonoursScreen& s, bool unmasked) {
    return honoursShownTable(storage, s.query(), unmasked);
}

void writeHonoursShown(storage::Storage& storage, const storage::HonourQuery& q, bool unmasked,
                       ExportProgress* progress, ExportRowSink& out) {
    ExportTable shape;
    shape.sheetName = str::kExpHonoursFile;
    shape.headers = {str::kRecColYear, str::kRecColTitle, str::kRecColLevel, str::kRecColHolder, str::kColIdNumber,
                     str::kColPhone, str::kRecColHolderKind, str::kRecColUnit, str::kRecColStatus, str::kRecColDoc};
    shape.numericColumns = {true, false, false, false, false, false, false, false, false, false};
    out.begin(shape);
    std::vector<std::string> cells;
    std::optional<storage::HonourListKey> after;
    for (;;) {
        const std::vector<storage::HonourListRow> page = storage::honourPage(storage, q, after, 1000);
        for (const storage::HonourListRow& listed : page) {
            if (progress) progress->rowRead();
            const storage::HonourRow& r = listed.row;
            cells = {std::to_string(r.year), r.title, r.level, r.name, r.idNumber, r.phone,
                     r.collective ? str::kRecCollective : str::kRecPerson, r.unitName, r.status, r.docNumber};
            if (!unmasked) maskIdAndPhoneCells(cells, 4, 5);
            out.row(cells);
        }
        if (page.size() < 1000) break;
        after = page.back().key;
    }
}

ExportTable honoursShownTable(storage::Storage& storage, const storage::HonourQuery& q, bool unmasked,
                              ExportProgress* progress) {
    ExportTableCollector collector;
    writeHonoursShown(storage, q, unmasked, progress, collector);
    return std::move(collector.table);
}

void drawHonoursScreen(AppState& app, HonoursScreen& s) {
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
    refreshView(app, s);
    // The counts of this very query (the old ones would be wrong for it).
    const bool counted = s.countsRevision != 0 && s.countsKey == s.list.queryKey();
    if (counted)
        ImGui::TextDisabled(str::kRecHonourCountFormat, fmt::count(s.counts.all).c_str(),
                            fmt::count(s.counts.shown).c_str(), fmt::count(s.counts.people).c_str(),
                            fmt::count(s.counts.collectives).c_str());
    std::string failed = s.counter.error();
    if (failed.empty()) failed = s.list.error();
    if (failed.empty()) failed = s.metaLoader.error();
    if (!failed.empty()) {
        if (counted) ImGui::SameLine();
        errorText(app, str::kRecHonoursLoadFailed + failed);
    } else if (s.counter.busy() || s.list.busy() || s.metaLoader.busy()) {
        if (counted) ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kRecHonoursLoading);
    }
    sameLineIfFits(buttonWidth(str::kExpButton));
    drawExportMenu(app, s.exportMenu, str::kExpHonoursFile, true,
                   [&s](bool unmasked) -> ExportReader {
                       return [query = s.query(), unmasked](storage::Storage& own, ExportProgress& progress,
                                                            ExportRowSink& out) {
                           writeHonoursShown(own, query, unmasked, &progress, out);
                       };
                   },
                   s.counts.shown, "honour.export");

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
