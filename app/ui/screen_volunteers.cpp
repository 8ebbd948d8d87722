// screen_volunteers.cpp — 志愿者: the list on the left, the selected
// volunteer's form and service records on the right.
//
// [SECTION] cache and view (load, filter, sort)
// [SECTION] validation of the forms
// [SECTION] the list
// [SECTION] the volunteer form
// [SECTION] service records
// [SECTION] badges
// [SECTION] the screen
//
// Changes go through storage::VolunteerStore (one undo step each, so that
// Ctrl+Z takes them back whole); deletes ask first (ConfirmPopup).
#include "ui/screen_volunteers.hpp"

#include "core/id_number.hpp"
#include "core/masking.hpp"
#include "core/number_format.hpp"
#include "core/service_rules.hpp"
#include "core/stars.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/session_scope.hpp"
#include "storage/activity_store.hpp"
#include "storage/list_export.hpp"
#include "storage/volunteer_store.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/medal.hpp"
#include "ui/row_click.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace jinguo::ui {

namespace {


void openForm(VolunteersScreen& s, const Person* p, const std::string& today, RowId defaultUnit);

bool sameFields(const VolunteerForm& a, const VolunteerForm& b) {
    return a.personId == b.personId && a.name == b.name && a.gender == b.gender && a.idNumber == b.idNumber
        && a.phone == b.phone && a.unitId == b.unitId && a.joinedOn == b.joinedOn && a.rosterHours == b.rosterHours
        && a.note == b.note;
}

// The form differs from what it loaded (a new form: anything typed).
bool formDirty(const VolunteersScreen& s) { return s.form.open && !sameFields(s.form, s.formAsLoaded); }

//-----------------------------------------------------------------------------
// [SECTION] cache and view (load, filter, sort)
//-----------------------------------------------------------------------------

void reloadIfChanged(AppState& app, VolunteersScreen& s) {
    if (s.loadedRevision == app.storage.revision()) return;
    // The rows themselves are read by the list's tasks (keyed on the revision).
    s.starThresholds = parseStarThresholds(app.storage.setting("stars.thresholds", kDefaultStarThresholds));
    s.communities.clear();
    for (OrgUnit& u : storage::writableUnits(app.storage))   // a street's user: her subtree
        if (isCommunityKind(u.kind)) s.communities.push_back(std::move(u));
    s.loadedRevision = app.storage.revision();
    // The form follows what undo (or any other change) did to its volunteer,
    // unless the user has typed into it: typed text is never thrown away.
    if (s.form.open && s.form.personId != 0) {
        if (const auto p = app.storage.person(s.form.personId)) {
            if (sameFields(s.form, s.formAsLoaded)) {
                const std::string error = s.form.error;
                openForm(s, &*p, app.today, 0);
                s.form.error = error;
            }
        } else if (sameFields(s.form, s.formAsLoaded)) {
            s.form = VolunteerForm{};
            s.formAsLoaded = VolunteerForm{};
            s.selectedId = 0;
        }
    }
}

// The unit as the list shows it: 向阳社区（未关联） for a roster's text no unit
// is linked to (the same words person_list's unit sort key is made of).
std::string shownUnitName(const VolunteerRow& r) {
    return r.unitId == 0 && !r.unitText.empty() ? r.unitText + str::kUnitUnlinked : r.unitName;
}

// The 所属社区 text an import kept for a person without a unit, as the list
// shows it; "" otherwise (or when her row is not in the window).
std::string unlinkedUnitOf(const VolunteersScreen& s, RowId personId) {
    if (personId == 0) return {};
    for (const storage::VolunteerListRow& r : s.window)
        if (r.row.id == personId && r.row.unitId == 0) return shownUnitName(r.row);
    return {};
}

std::string queryText(const storage::VolunteerListQuery& q) {
    return std::to_string(q.unitId) + "|" + std::to_string(static_cast<int>(q.sort)) + (q.ascending ? "+" : "-") + "|"
         + q.search;
}

// The window's rows: a worker reads `kWindowRows` rows from a position a
// little above the clipper's first row (keyset from the row before it when
// the window holds that row, else a seek), on its own connection.
constexpr int kWindowRows = 240;
constexpr std::int64_t kWindowStep = 60;

void requestWindow(AppState& app, VolunteersScreen& s, std::int64_t first, std::int64_t last) {
    const std::uint64_t revision = app.storage.revision();
    const bool fresh = s.windowRevision == revision && !s.window.empty();
    const std::int64_t end = s.windowStart + static_cast<std::int64_t>(s.window.size());
    const bool complete = s.shownCount >= 0 && end >= s.shownCount;
    if (fresh && first >= s.windowStart && (last <= end || complete)) return;   // it holds what is shown
    std::int64_t start = std::max<std::int64_t>(0, first - kWindowStep);
    start -= start % kWindowStep;   // a few positions, so a scroll asks once per step
    std::optional<storage::VolunteerListKey> after;
    if (fresh && start > s.windowStart && start <= end) after = s.window[static_cast<std::size_t>(start - s.windowStart - 1)].key;
    const storage::VolunteerListQuery query = s.listQuery;
    s.windowTask.request(app.storage, "window|" + queryText(query) + "|" + std::to_string(start),
                         [query, start, after, revision](storage::Storage& storage) {
        storage::VolunteerList list(storage);
        VolunteerWindow w;
        w.query = query;
        w.revision = revision;
        w.start = start;
        w.rows = after ? list.page(query, &*after, kWindowRows) : list.seek(query, start, kWindowRows);
        return w;
    });
}

// Takes what the workers delivered; asks for the counts of the query shown.
void updateList(AppState& app, VolunteersScreen& s) {
    const storage::VolunteerListQuery query = volunteerListQuery(s);
    if (!(query == s.listQuery)) {
        s.listQuery = query;
        s.window.clear();
        s.windowStart = 0;
        s.windowRevision = 0;
        s.shownCount = -1;
        s.selectedPosition = -1;
        s.pendingOpen = -1;
        s.scrollToTop = true;
        s.visibleFirst = 0;
        s.visibleLast = 1;
    }
    // Every volunteer is counted once per revision, not on each keystroke
    // (a count of the whole list costs tens of ms at 1M people).
    const std::uint64_t revision = app.storage.revision();
    const std::int64_t knownAll = s.allCount >= 0 && s.allCountRevision == revision ? s.allCount : -1;
    s.countTask.request(app.storage, "count|" + queryText(query), [query, knownAll, revision](storage::Storage& storage) {
        storage::VolunteerList list(storage);
        VolunteerCounts c;
        c.query = query;
        c.revision = revision;
        c.shown = list.count(query);
        const bool everyone = query.search.empty() && query.unitId == 0;
        c.all = everyone ? c.shown : knownAll >= 0 ? knownAll : list.count(storage::VolunteerListQuery{});
        return c;
    });
    s.countTask.poll();
    if (const VolunteerCounts* c = s.countTask.result(); c && c->query == s.listQuery) {
        s.shownCount = c->shown;
        s.allCount = c->all;
        s.allCountRevision = c->revision;
    }
    // The rows the clipper showed last frame (a scroll shows its new rows
    // one frame later, or placeholders until the worker has read them).
    requestWindow(app, s, s.visibleFirst, s.visibleLast);
    s.windowTask.poll();
    if (const VolunteerWindow* w = s.windowTask.result(); w && w->query == s.listQuery
                                                         && (w->start != s.windowStart || w->revision != s.windowRevision
                                                             || s.window.empty())) {
        s.window = w->rows;
        s.windowStart = w->start;
        s.windowRevision = w->revision;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] validation of the forms
//-----------------------------------------------------------------------------

struct FormCheck {
    std::string name, idNumber, phone, unit, joined, hours;   // Chinese messages; empty when fine
    IdCheck id;
    PhoneCheck phoneCheck;
    bool ok() const {
        return name.empty() && idNumber.empty() && phone.empty() && unit.empty() && joined.empty() && hours.empty();
    }
};

const char* statedGender(int gender) { return gender == 1 ? "女" : gender == 2 ? "男" : ""; }

bool parseNonNegative(const std::string& text, double& out) {
    std::string t = trim(foldFullWidth(text));
    if (t.empty()) { out = 0; return true; }
    std::erase(t, ',');   // "1,200" typed as the lists show it
    char* end = nullptr;
    out = std::strtod(t.c_str(), &end);
    return *end == '\0' && out >= 0;
}

FormCheck checkForm(const VolunteerForm& f, const std::string& today) {
    FormCheck c;
    if (!f.nameLocked && normalizeName(f.name).empty()) c.name = str::kNameRequired;
    if (!trim(f.idNumber).empty()) {
        c.id = checkIdNumber(f.idNumber, today, statedGender(f.gender));
        if (!c.id.ok()) c.idNumber = c.id.message;
    }
    if (!trim(f.phone).empty()) {
        c.phoneCheck = checkMobilePhone(f.phone);
        if (!c.phoneCheck.ok) c.phone = c.phoneCheck.message;
    }
    if (f.unitId == 0) c.unit = str::kUnitRequired;
    const std::string joined = trim(f.joinedOn);
    if (!joined.empty() && (!isIsoDate(joined) || joined > today)) c.joined = str::kDateInvalid;
    double hours = 0;
    if (!parseNonNegative(f.rosterHours, hours)) c.hours = str::kHoursInvalid;
    return c;
}

//-----------------------------------------------------------------------------
// [SECTION] the list
//-----------------------------------------------------------------------------

void openForm(VolunteersScreen& s, const Person* p, const std::string& today, RowId defaultUnit) {
    VolunteerForm f;
    f.open = true;
    if (p) {
        f.original = *p;
        f.personId = p->id;
        f.name = p->name;
        f.gender = p->gender == "女" ? 1 : p->gender == "男" ? 2 : 0;
        f.idNumber = p->idNumber;
        f.phone = p->phone;
        f.unitId = p->unitId;
        f.joinedOn = p->joinedOn;
        // Plain and to 0.01 h, as stored: an edited field never holds "1,200"
        // (read back as 1) nor a rounded value that would be saved as changed.
        f.rosterHours = fmt::plain(p->rosterHours, 2);
        f.note = p->note;
        // ImGui's 16-bit characters would turn 𠮷 into U+FFFD on the first
        // keystroke: such a name is shown, never passed through a text field.
        f.nameLocked = hasCodepointsBeyondBmp(p->name);
        f.lockedName = p->name;
    } else {
        f.unitId = defaultUnit;
        f.joinedOn = today;
    }
    s.form = std::move(f);
    s.formAsLoaded = s.form;
}

void drawList(AppState& app, VolunteersScreen& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV
                                | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable;
    if (!beginListTable("volunteers",
                        {{str::kColName, "欧阳娜仁", 0, true, ImGuiTableColumnFlags_DefaultSort},
                         {str::kColGender, "女", 1},
                         {str::kColIdNumber, "33010219560823732X", 2, false, ImGuiTableColumnFlags_NoSort},
                         {str::kColPhone, "13800000000", 3, false, ImGuiTableColumnFlags_NoSort},
                         {str::kColUnit, "城东街道社区", 4, true},
                         {str::kColHours, "1,493.5", 5, false, ImGuiTableColumnFlags_PreferSortDescending},
                         {str::kColStars, "★★★★★", 6, false, ImGuiTableColumnFlags_NoSort},
                         {str::kColJoined, "2026-09-14", 7}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;

    // A new sort is a new query: the next frame asks for its rows.
    tableSortChanged(s.sortColumn, s.sortAscending);
    if (s.scrollToTop) {
        ImGui::SetScrollY(0);
        s.scrollToTop = false;
    }
    auto openRow = [&app, &s](RowId id, std::int64_t position) {
        leaveThen(app, [&app, &s, id, position] {
            s.selectedId = id;
            s.selectedPosition = position;
            if (auto p = app.storage.person(id)) openForm(s, &*p, app.today, 0);
        }, &s);
    };

    // Rows the window does not hold yet show as placeholders (加载中…); the
    // count is the query's, or what has been read while it is counted.
    const std::int64_t windowEnd = s.windowStart + static_cast<std::int64_t>(s.window.size());
    const std::int64_t rowCount = s.shownCount >= 0 ? s.shownCount : (s.windowStart == 0 ? windowEnd : 0);
    std::int64_t first = -1, last = -1;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rowCount));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::VolunteerListRow* shown = shownVolunteerRow(s, i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (!shown) {
                ImGui::TextDisabled("%s", str::kVolLoading);
                continue;
            }
            const VolunteerRow& r = shown->row;
            ImGui::PushID(static_cast<int>(r.id));
            const bool selected = s.selectedId == r.id;
            if (wholeRowClicked(ImGui::Selectable(r.name.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns),
                                headerBottom))
                openRow(r.id, i);
            if (ItemLocator::instance().enabled()) locate(("row." + std::to_string(r.id)).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.gender.c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.idNumber.c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.phone.c_str());
            ImGui::TableNextColumn(); textFitted(shownUnitName(r));
            const double hours = shown->countedHours();
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::hoursGrouped(hours).c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(theme::kStarColor, "%s", starGlyphs(starsForHours(hours, s.starThresholds)).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.joinedOn.c_str());
            ImGui::PopID();
        }
    }
    // The rows in view, from the scroll (the clipper's steps also measure a
    // row at the top and visit the focused row, which are not the view).
    {
        const float rowHeight = clipper.ItemsHeight > 0 ? clipper.ItemsHeight : ImGui::GetTextLineHeightWithSpacing();
        first = std::clamp<std::int64_t>(static_cast<std::int64_t>(ImGui::GetScrollY() / rowHeight), 0, rowCount);
        last = std::min<std::int64_t>(rowCount, first + static_cast<std::int64_t>(ImGui::GetWindowHeight() / rowHeight) + 2);
    }
    if (rowCount == 0 && s.shownCount < 0) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", str::kVolLoading);
    }
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does; a
    // row not read yet opens when its page arrives.
    if (const int row = keyboardRowChoice(static_cast<int>(rowCount), [&] {
            for (std::size_t i = 0; i < s.window.size(); ++i)
                if (s.window[i].row.id == s.selectedId) return static_cast<int>(s.windowStart + static_cast<std::int64_t>(i));
            return s.selectedId != 0 ? static_cast<int>(s.selectedPosition) : -1;
        }); row >= 0)
        s.pendingOpen = row;
    if (s.pendingOpen >= 0) {
        if (const storage::VolunteerListRow* shown = shownVolunteerRow(s, s.pendingOpen)) {
            openRow(shown->row.id, s.pendingOpen);
            s.pendingOpen = -1;
        } else {
            first = std::min(first < 0 ? s.pendingOpen : first, s.pendingOpen);
            last = std::max(last, s.pendingOpen + 1);
            if (last - first > kWindowRows - kWindowStep) first = s.pendingOpen;
        }
    }
    ImGui::EndTable();
    s.visibleFirst = std::max<std::int64_t>(first, 0);
    s.visibleLast = std::max<std::int64_t>(last, s.visibleFirst + 1);
}

//-----------------------------------------------------------------------------
// [SECTION] the volunteer form
//-----------------------------------------------------------------------------

bool saveForm(AppState& app, VolunteersScreen& s, const FormCheck& check) {
    VolunteerForm& f = s.form;
    Person p;
    if (f.personId != 0) {
        if (auto existing = app.storage.person(f.personId)) p = *existing;
    }
    p.id = f.personId;
    p.name = f.nameLocked ? f.lockedName : normalizeName(f.name);
    p.idNumber = trim(f.idNumber).empty() ? std::string() : check.id.normalized;
    p.gender = f.gender != 0 ? statedGender(f.gender) : check.id.gender;
    p.phone = trim(f.phone).empty() ? std::string() : check.phoneCheck.normalized;
    p.unitId = f.unitId;
    p.joinedOn = trim(f.joinedOn);
    parseNonNegative(f.rosterHours, p.rosterHours);
    p.note = trim(f.note);
    p.isVolunteer = true;
    try {
        const bool adding = p.id == 0;
        const RowId id = storage::VolunteerStore(app.storage).save(p, adding ? nullptr : &f.original);
        if (adding) {
            s.selectedId = id;
            f.personId = id;
        }
        // Show what was stored (normalized), and let the form follow undo.
        if (const auto stored = app.storage.person(f.personId)) openForm(s, &*stored, app.today, 0);
        s.message = str::kSaved;
        return true;
    } catch (const std::exception& e) {
        f.error = e.what();   // the form keeps everything the user typed
        return false;
    }
}

// 保存, from the button or from "表单有未保存的修改": false when refused (the form says why).
bool trySave(AppState& app, VolunteersScreen& s) {
    const FormCheck check = checkForm(s.form, app.today);
    if (!check.ok()) {
        s.form.error = str::kFixBeforeSave;
        return false;
    }
    return saveForm(app, s, check);
}

// 不保存: an edited volunteer goes back to what was loaded; a new form closes.
void discardForm(VolunteersScreen& s) {
    if (s.form.personId != 0) {
        s.form = s.formAsLoaded;
        return;
    }
    s.form = VolunteerForm{};
    s.formAsLoaded = VolunteerForm{};
    s.selectedId = 0;
}

void drawForm(AppState& app, VolunteersScreen& s) {
    VolunteerForm& f = s.form;
    const FormCheck check = checkForm(f, app.today);
    headingText(f.personId == 0 ? str::kNewVolunteerHeading : str::kEditVolunteerHeading);

    // Two fields a row keeps the form short enough to leave room for the
    // service records below it.
    if (ImGui::BeginTable("form_grid", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        if (f.nameLocked) {
            ImGui::TextUnformatted(str::kFieldName);
            ImGui::TextUnformatted(f.lockedName.c_str());
        } else {
            labelledField(app, str::kFieldName, "form.name", &f.name);
            errorText(app, check.name);
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kFieldGender);
        const char* genders[] = {str::kGenderFromId, str::kGenderFemale, str::kGenderMale};
        // In a narrow pane (1366×768) the choices wrap instead of cutting 男 off.
        for (int g = 0; g < 3; ++g) {
            if (g > 0) sameLineIfFits(radioButtonWidth(genders[g]));
            ImGui::RadioButton(genders[g], &f.gender, g);
        }
        if (f.gender == 0 && check.id.ok() && !check.id.gender.empty()) {
            const std::string derived = std::string("（") + check.id.gender + "）";
            sameLineIfFits(ImGui::CalcTextSize(derived.c_str()).x);
            ImGui::TextDisabled("%s", derived.c_str());
        }

        ImGui::TableNextColumn();
        labelledField(app, str::kFieldIdNumber, "form.id", &f.idNumber);
        errorText(app, check.idNumber);
        ImGui::TableNextColumn();
        labelledField(app, str::kFieldPhone, "form.phone", &f.phone);
        errorText(app, check.phone);

        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kFieldUnit);
        unitCombo(app, s.communities, "form.unit", &f.unitId, unlinkedUnitOf(s, f.personId).c_str(), -1,
                  UnitIndent::Flat);
        if (s.communities.empty()) noUnitsGuide(app, "form.no_units");
        errorText(app, check.unit);
        ImGui::TableNextColumn();
        labelledField(app, str::kFieldJoined, "form.joined", &f.joinedOn, str::kDateHint);
        errorText(app, check.joined);

        ImGui::TableNextColumn();
        labelledField(app, str::kFieldRosterHours, "form.roster_hours", &f.rosterHours);
        errorText(app, check.hours);
        ImGui::TableNextColumn();
        labelledField(app, str::kFieldNote, "form.note", &f.note);
        ImGui::EndTable();
    }
    if (f.nameLocked) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextMuted);
        ImGui::TextWrapped("%s", str::kNameBeyondBmp);
        ImGui::PopStyleColor();
    }

    ImGui::Spacing();
    switch (formButtons("form", f.personId != 0, 120)) {
    case FormAction::Save: trySave(app, s); break;
    case FormAction::Cancel:
        f = VolunteerForm{};
        s.selectedId = 0;
        break;
    case FormAction::Delete: {
        const int records = s.recordsFor == f.personId ? static_cast<int>(s.records.size()) : 0;
        const std::string& name = f.nameLocked ? f.lockedName : f.name;
        s.confirmDelete.ask(formatMessage(str::kVolDeleteFormat, name.c_str(), fmt::count(records).c_str()));
        break;
    }
    case FormAction::None: break;
    }
    errorText(app, f.error);
    if (f.error.empty()) okText(app, s.message);

    if (drawConfirmPopup(app, s.confirmDelete, "volunteer.delete", str::kDelete) == ConfirmChoice::Confirmed &&
        removeRecordForm(f, s.selectedId, s.message, [&] {
            storage::VolunteerStore(app.storage).remove(f.personId, f.nameLocked ? f.lockedName : f.name);
        }))
        s.formAsLoaded = VolunteerForm{};
}

//-----------------------------------------------------------------------------
// [SECTION] service records
//-----------------------------------------------------------------------------

// 添加服务记录, from the button or from "表单有未保存的修改": false when
// refused (the line keeps what was typed and says why).
bool addRecord(AppState& app, VolunteersScreen& s) {
    RecordForm& rf = s.recordForm;
    const auto parsed = parseHours(rf.hours);
    // The store checks the shared rule (how many hours are still possible that day).
    if (!parsed) {
        rf.error = str::kActHoursNotNumber;
        return false;
    }
    ServiceRecord r;
    r.personId = s.form.personId;
    r.servedOn = trim(rf.date);
    r.hours = *parsed;
    r.description = trim(rf.description);
    r.verified = rf.verified;
    r.recordedBy = trim(rf.recordedBy);
    try {
        storage::VolunteerStore(app.storage).addServiceRecord(r, s.form.name, app.today);
        rf.error.clear();
        rf.hours.clear();
        rf.description.clear();
        return true;
    } catch (const std::exception& e) {
        rf.error = e.what();
        return false;
    }
}

// The service-record line holds hours or a description typed and not added.
bool recordLineDirty(const VolunteersScreen& s) {
    return s.form.open && s.form.personId != 0
        && (!trim(s.recordForm.hours).empty() || !trim(s.recordForm.description).empty());
}

void drawRecords(AppState& app, VolunteersScreen& s) {
    const RowId person = s.form.personId;
    if (person == 0) return;
    if (s.recordsFor != person || s.recordsRevision != app.storage.revision()) {
        s.records = app.storage.serviceRecordsOf(person);
        s.hours = app.storage.personHours(person);
        s.recordsFor = person;
        s.recordsRevision = app.storage.revision();
        if (s.recordForm.date.empty()) s.recordForm.date = app.today;
    }
    ImGui::Separator();
    headingText(str::kServiceRecordsHeading);
    // The same total as the list's 服务时长; the roster history follows the
    // field while it is being edited.
    PersonHours hours = s.hours;
    parseNonNegative(s.form.rosterHours, hours.rosterHistory);
    ImGui::PushTextWrapPos(0);
    if (hours.rosterCredits > 0)
        ImGui::Text(str::kHoursTotalWithCreditsFormat, fmt::hoursGrouped(hours.verifiedRecords).c_str(),
                    fmt::hoursGrouped(hours.rosterCredits).c_str(), fmt::hoursGrouped(hours.rosterHistory).c_str(),
                    fmt::hoursGrouped(hours.counted()).c_str());
    else
        ImGui::Text(str::kHoursTotalFormat, fmt::hoursGrouped(hours.verifiedRecords).c_str(),
                    fmt::hoursGrouped(hours.rosterHistory).c_str(), fmt::hoursGrouped(hours.counted()).c_str());
    if (hours.unverified > 0) ImGui::TextDisabled(str::kHoursUnverifiedFormat, fmt::hoursGrouped(hours.unverified).c_str());
    ImGui::PopTextWrapPos();

    RecordForm& rf = s.recordForm;
    ImGui::SetNextItemWidth(130);
    ImGui::InputTextWithHint("##record.date", str::kFieldDate, &rf.date);
    locate("record.date");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputTextWithHint("##record.hours", str::kFieldHours, &rf.hours);
    locate("record.hours");
    ImGui::SameLine();
    textInput(app, "record.description", &rf.description, str::kFieldDescription, -1);
    ImGui::Checkbox(str::kFieldVerified, &rf.verified);
    locate("record.verified");
    ImGui::SameLine();
    textInput(app, "record.recorded_by", &rf.recordedBy, str::kVolFieldRecordedBy, ImGui::GetFontSize() * 6);
    ImGui::SameLine();
    if (ImGui::Button(str::kAddRecord)) addRecord(app, s);
    locate("record.add");
    errorText(app, rf.error);

    if (s.records.empty()) {
        ImGui::TextDisabled("%s", str::kNoRecords);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
    // At least a few rows tall; the detail pane scrolls when the window is short.
    const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 8);
    if (!ImGui::BeginTable("records", 6, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Dates and figures keep the width of their widest text (a narrow pane
    // once cut "2026-09-14" to "2026-09-1"); the description takes the rest.
    const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed;
    const float pad = ImGui::GetStyle().CellPadding.x * 2;
    ImGui::TableSetupColumn(str::kColDate, fixed, dateColumnWidth(str::kColDate));
    ImGui::TableSetupColumn(str::kColHours, fixed,
                            std::max(ImGui::CalcTextSize("1,000.0").x, ImGui::CalcTextSize(str::kColHours).x) + pad);
    ImGui::TableSetupColumn(str::kColDescription, ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(str::kColVerified, fixed, ImGui::CalcTextSize(str::kColVerified).x + pad);
    ImGui::TableSetupColumn(str::kVolColRecordedBy, ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("##actions", fixed);
    ImGui::TableHeadersRow();
    const ServiceRecord* toDelete = nullptr;
    const ServiceRecord* toToggle = nullptr;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.records.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ServiceRecord& r = s.records[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(r.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.servedOn.c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::hoursGrouped(r.hours).c_str());
            ImGui::TableNextColumn(); textFitted(r.description);
            ImGui::TableNextColumn();
            bool verified = r.verified;   // a click changes the stored record (an undo step)
            if (ImGui::Checkbox("##verified", &verified)) toToggle = &r;
            if (ItemLocator::instance().enabled()) locate(("record.verified." + std::to_string(r.id)).c_str());
            ImGui::TableNextColumn(); textFitted(r.recordedBy);
            ImGui::TableNextColumn();
            if (ImGui::SmallButton(str::kDelete)) toDelete = &r;
            if (ItemLocator::instance().enabled()) locate(("record.delete." + std::to_string(r.id)).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (toToggle) {
        try {
            storage::VolunteerStore(app.storage).toggleVerified(*toToggle, s.form.name, app.today);
        } catch (const std::exception& e) {
            rf.error = e.what();
        }
    }
    if (toDelete) {
        s.recordToDelete = toDelete->id;
        char question[512];
        std::snprintf(question, sizeof question, str::kVolDeleteRecordFormat, toDelete->servedOn.c_str(), toDelete->hours);
        s.confirmDeleteRecord.ask(question);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] badges
//-----------------------------------------------------------------------------

// The hour badge due next (100 hours, a ★, 1000 hours): the smallest
// threshold above the volunteer's hours whose badge she has not earned.
std::string nextHoursBadge(const VolunteersScreen& s, double hours, const std::vector<std::string>& earned) {
    std::vector<std::pair<double, std::string>> steps = {{s.badgeParams.hoursFew, "hours_few"},
                                                         {s.badgeParams.hoursMany, "hours_many"}};
    for (std::size_t i = 0; i < s.badgeParams.starThresholds.size(); ++i)
        steps.push_back({s.badgeParams.starThresholds[i], "star_" + std::to_string(i + 1)});
    std::sort(steps.begin(), steps.end());
    for (const auto& [threshold, code] : steps) {
        if (threshold <= hours || std::find(earned.begin(), earned.end(), code) != earned.end()) continue;
        for (const BadgeInfo& b : s.personBadgeCatalogue)
            if (b.code == code)
                return formatMessage(str::kVolNextBadgeHoursFormat, b.name.c_str(), fmt::hours(threshold - hours).c_str());
    }
    return {};
}

void reloadBadges(AppState& app, VolunteersScreen& s, RowId person) {
    if (s.badgesFor == person && s.badgesRevision == app.storage.revision()) return;
    storage::BadgeStore store(app.storage);
    s.badges = store.earnedByPerson(person);
    s.badgeParams = store.params();
    s.personBadgeCatalogue.clear();
    std::string text;
    for (BadgeInfo& b : badgeCatalogue(s.badgeParams)) {
        if (b.subject != BadgeSubject::Person) continue;
        text += b.name;
        s.personBadgeCatalogue.push_back(std::move(b));
    }
    // Her hours as the list shows them (recorded + roster).
    const double hours = app.storage.personHours(person).counted();
    std::vector<std::string> earned;
    for (const storage::EarnedBadgeRow& b : s.badges) earned.push_back(b.code);
    s.nextBadge = nextHoursBadge(s, hours, earned);
    text += s.nextBadge;
    if (app.noteText) app.noteText(text);
    s.badgesFor = person;
    s.badgesRevision = app.storage.revision();
}

// Earned medals with their names and dates, wrapped to the pane's width;
// then the hint for the next one and the badges still to earn, small and grey.
void drawBadges(AppState& app, VolunteersScreen& s) {
    const RowId person = s.form.personId;
    if (person == 0) return;
    reloadBadges(app, s, person);
    ImGui::Separator();
    headingText(str::kVolBadgesHeading);
    ImGui::SameLine();
    ImGui::TextDisabled(str::kVolBadgesCountFormat, static_cast<int>(s.badges.size()),
                        static_cast<int>(s.personBadgeCatalogue.size()));
    const float line = ImGui::GetTextLineHeight();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    // Places the next cell of `width` on this line when it fits, else on the next.
    bool first = true;
    const auto nextCell = [&](float width) {
        if (!first && ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine();
        first = false;
    };
    std::vector<std::string> earned;
    for (const storage::EarnedBadgeRow& b : s.badges) {
        earned.push_back(b.code);
        const std::string date = b.earnedOn;
        const float medal = line * 3.0f;
        const float width = std::max({medalWidth(medal), ImGui::CalcTextSize(b.name.c_str()).x,
                                      ImGui::CalcTextSize(date.c_str()).x});
        nextCell(width);
        ImGui::BeginGroup();
        const float x = ImGui::GetCursorPosX();
        ImGui::SetCursorPosX(x + (width - medalWidth(medal)) * 0.5f);
        medalWidget(b.code, medal, s.badgeParams, true, str::kMedalEarnedOn + date);
        if (ItemLocator::instance().enabled()) locate(("volunteer.badge." + b.code).c_str());
        ImGui::SetCursorPosX(x + (width - ImGui::CalcTextSize(b.name.c_str()).x) * 0.5f);
        ImGui::TextUnformatted(b.name.c_str());
        ImGui::SetCursorPosX(x + (width - ImGui::CalcTextSize(date.c_str()).x) * 0.5f);
        ImGui::TextDisabled("%s", date.c_str());
        ImGui::EndGroup();
    }
    if (s.badges.empty()) ImGui::TextDisabled("%s", str::kVolNoBadgeYet);

    // Still to earn: small grey medals, name and rule on hover.
    if (!s.nextBadge.empty()) {
        ImGui::TextDisabled("%s%s", str::kVolNextBadge, s.nextBadge.c_str());
        locate("volunteer.next_badge");
    }
    first = true;
    for (const BadgeInfo& b : s.personBadgeCatalogue) {
        if (std::find(earned.begin(), earned.end(), b.code) != earned.end()) continue;
        const float medal = line * 1.5f;
        nextCell(medalWidth(medal));
        medalWidget(b.code, medal, s.badgeParams, false, str::kMedalNotYet);
        if (ItemLocator::instance().enabled()) locate(("volunteer.unearned." + b.code).c_str());
    }
}

// Outside the records table (which returns early when empty): the popup must
// be drawn every frame while it is open.
void drawRecordDeleteConfirm(AppState& app, VolunteersScreen& s) {
    if (drawConfirmPopup(app, s.confirmDeleteRecord, "record.delete", str::kDelete) != ConfirmChoice::Confirmed) return;
    try {
        storage::VolunteerStore(app.storage).deleteServiceRecord(s.recordToDelete, s.form.name);
        s.message = str::kDeletedUndoable;
    } catch (const std::exception& e) {
        s.recordForm.error = e.what();
    }
    s.recordToDelete = 0;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

bool volunteerMatches(const VolunteerRow& row, const NameKeys& keys, const std::string& query) {
    if (query.empty()) return true;
    const std::string folded = foldFullWidth(query);
    const bool digits = folded.find_first_not_of("0123456789Xx") == std::string::npos;
    if (digits) {
        auto endsWith = [](const std::string& text, const std::string& tail) {
            if (tail.size() > text.size()) return false;
            for (std::size_t i = 0; i < tail.size(); ++i) {
                char a = text[text.size() - tail.size() + i], b = tail[i];
                if (b == 'x') b = 'X';
                if (a != b) return false;
            }
            return true;
        };
        return endsWith(row.idNumber, folded) || endsWith(row.phone, folded);
    }
    if (isPinyinQuery(folded) && matchesPinyin(keys, folded)) return true;
    return containsFolded(row.name, folded) || containsFolded(row.unitName, folded);
}

storage::VolunteerListQuery volunteerListQuery(const VolunteersScreen& s) {
    storage::VolunteerListQuery q;
    q.unitId = s.unitFilter;
    q.search = trim(s.search);
    switch (s.sortColumn) {
    case 1: q.sort = storage::VolunteerSort::Gender; break;
    case 4: q.sort = storage::VolunteerSort::Unit; break;
    case 5: q.sort = storage::VolunteerSort::Hours; break;
    case 6: q.sort = storage::VolunteerSort::Records; break;
    case 7: q.sort = storage::VolunteerSort::Joined; break;
    default: q.sort = storage::VolunteerSort::Name; break;
    }
    q.ascending = s.sortAscending;
    return q;
}

const storage::VolunteerListRow* shownVolunteerRow(const VolunteersScreen& s, std::int64_t position) {
    if (position < s.windowStart || position >= s.windowStart + static_cast<std::int64_t>(s.window.size())) return nullptr;
    return &s.window[static_cast<std::size_t>(position - s.windowStart)];
}

void writeVolunteersShown(storage::Storage& storage, const storage::VolunteerListQuery& query, bool unmasked,
                          ExportProgress* progress, ExportRowSink& out) {
    out.begin(storage::volunteersExportShape());
    std::vector<std::string> cells;
    storage::VolunteerList(storage).forEach(query, [&](const storage::VolunteerListRow& shown) {
        if (progress) progress->rowRead();
        const VolunteerRow& r = shown.row;
        char hours[32], unverified[32];
        std::snprintf(hours, sizeof hours, "%.2f", shown.countedHours());   // kept to 0.01 h, as stored
        std::snprintf(unverified, sizeof unverified, "%.2f", r.unverifiedHours);
        cells = {r.name, r.gender, r.idNumber, r.phone, shownUnitName(r), hours, unverified, r.joinedOn};
        if (!unmasked) maskIdAndPhoneCells(cells, 2, 3);
        out.row(cells);
    });
}

ExportTable volunteersShownTable(storage::Storage& storage, const storage::VolunteerListQuery& query, bool unmasked,
                                 ExportProgress* progress) {
    ExportTableCollector collector;
    writeVolunteersShown(storage, query, unmasked, progress, collector);
    return std::move(collector.table);
}

ExportTable volunteersShownTable(AppState& app, const VolunteersScreen& s, bool unmasked) {
    return volunteersShownTable(app.storage, volunteerListQuery(s), unmasked);
}

namespace {

void drawRoster(AppState& app, VolunteersScreen& s) {
    textInput(app, "search", &s.search, str::kSearchHint, ImGui::GetFontSize() * 24);
    sameLineIfFits(ImGui::GetFontSize() * 11);
    unitCombo(app, s.communities, "unit_filter", &s.unitFilter, str::kAllUnits, ImGui::GetFontSize() * 11,
              UnitIndent::Flat);
    sameLineIfFits(buttonWidth(str::kAddVolunteer));
    if (ImGui::Button(str::kAddVolunteer)) {
        leaveThen(app, [&app, &s] {
            s.selectedId = 0;
            openForm(s, nullptr, app.today, s.unitFilter);
            s.message.clear();
        }, &s);
    }
    locate("add_volunteer");
    updateList(app, s);
    const std::string countText =
        s.shownCount < 0 ? std::string(str::kVolLoading)
                         : formatMessage(str::kCountFormat, fmt::count(static_cast<long long>(s.allCount)).c_str(),
                                         fmt::count(static_cast<long long>(s.shownCount)).c_str());
    sameLineIfFits(ImGui::CalcTextSize(countText.c_str()).x);
    ImGui::TextDisabled("%s", countText.c_str());
    sameLineIfFits(buttonWidth(str::kExpButton));
    drawExportMenu(app, s.exportMenu, str::kExpVolunteersFile, true,
                   [&s](bool unmasked) -> ExportReader {
                       return [query = volunteerListQuery(s), unmasked](storage::Storage& own, ExportProgress& progress,
                                                                         ExportRowSink& out) {
                           writeVolunteersShown(own, query, unmasked, &progress, out);
                       };
                   },
                   std::max<std::int64_t>(s.shownCount, 0), "volunteers.export");
    // A read that failed says so: its rows would otherwise stay 加载中… for ever.
    std::string failed = s.windowTask.error();
    if (failed.empty()) failed = s.countTask.error();
    if (!failed.empty()) {
        errorText(app, str::kRecVolunteersLoadFailed + failed);
        locate("volunteers.load_error");
    }

    drawListAndDetail({"list", "detail", 360.0f, 0.36f}, [&] { drawList(app, s); }, [&] {
        if (s.form.open) {
            drawForm(app, s);
            drawBadges(app, s);
            drawRecords(app, s);
            drawRecordDeleteConfirm(app, s);
        } else {
            ImGui::TextWrapped("%s", str::kNoVolunteerSelected);
            okText(app, s.message);
        }
    });
}

} // namespace

void drawVolunteersScreen(AppState& app, VolunteersScreen& s) {
    reloadIfChanged(app, s);
    // Before the list: a row click this frame must already know.
    if (formDirty(s)) {
        const std::string& name = s.form.personId != 0 ? s.form.original.name : trim(s.form.name);
        formIsDirty(app, &s, leaveName(s.form.personId == 0, name), [&app, &s] { return trySave(app, s); },
                    [&s] { discardForm(s); });
    }
    if (recordLineDirty(s)) {
        formIsDirty(app, &s, s.form.original.name + " · " + str::kServiceRecordsHeading,
                    [&app, &s] { return addRecord(app, s); },
                    [&s] {
                        s.recordForm.hours.clear();
                        s.recordForm.description.clear();
                        s.recordForm.error.clear();
                    });
    }
    watchActivityForm(app, s.activities);   // the 活动 tab's form, shown or not
    if (!ImGui::BeginTabBar("volunteer_tabs")) return;
    const ImGuiTabItemFlags selectRoster = s.selectTab == 0 ? ImGuiTabItemFlags_SetSelected : 0;
    const ImGuiTabItemFlags selectActivities = s.selectTab == 1 ? ImGuiTabItemFlags_SetSelected : 0;
    s.selectTab = -1;
    const bool roster = ImGui::BeginTabItem(str::kVolTabRoster, nullptr, selectRoster);
    locate("tab.roster");
    if (roster) {
        s.activitiesTab = false;
        drawRoster(app, s);
        ImGui::EndTabItem();
    }
    const bool activities = ImGui::BeginTabItem(str::kVolTabActivities, nullptr, selectActivities);
    locate("tab.activities");
    if (activities) {
        s.activitiesTab = true;
        drawActivitiesScreen(app, s.activities);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

} // namespace jinguo::ui
