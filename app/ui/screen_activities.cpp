// screen_activities.cpp — 志愿者 › 活动: list on the left, the selected
// activity's form, service batch and records on the right.
//
// [SECTION] cache and view
// [SECTION] the list
// [SECTION] the activity form
// [SECTION] service for several volunteers
// [SECTION] the screen
#include "ui/screen_activities.hpp"

#include "core/number_format.hpp"
#include "core/service_rules.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/session_scope.hpp"
#include "storage/undo_store.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "storage/volunteer_list.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>
#include <utility>

namespace jinguo::ui {

namespace {

constexpr int kMaxPickMatches = 12;

//-----------------------------------------------------------------------------
// [SECTION] cache and view
//-----------------------------------------------------------------------------

// The query as a key: a change of either filter is another list.
std::string queryKeyOf(const storage::ActivityQuery& q) {
    return std::to_string(q.unitId) + '|' + std::to_string(q.year);
}

// The units (a few hundred) are read on the frame, so the pickers work at
// once; the year choices, the counts and the pages on workers. What is shown
// stays until newer arrives.
void reloadUnits(AppState& app, ActivitiesScreen& s) {
    if (s.unitsRevision == app.storage.revision()) return;
    s.units = storage::writableUnits(app.storage);   // a street's user: her subtree
    s.unitsRevision = app.storage.revision();
}

void refreshView(AppState& app, ActivitiesScreen& s) {
    s.yearsLoader.request(app.storage, "activities.years", [](storage::Storage& own) {
        return storage::activityYears(own);
    });
    if (s.yearsLoader.poll()) {
        if (std::optional<std::vector<int>> years = s.yearsLoader.takeResult()) s.years = std::move(*years);
    }
    const storage::ActivityQuery q = s.query();
    const std::string key = queryKeyOf(q);
    if (s.list.show(key)) {
        s.pendingOpen = -1;
        s.selectedIndex = -1;
    }
    s.counter.request(app.storage, "activities.count" + key, [q, key](storage::Storage& own) {
        return ActivityCountsRead{key, storage::activityCounts(own, q)};
    });
    if (s.counter.poll()) {
        if (std::optional<ActivityCountsRead> read = s.counter.takeResult()) {
            s.counts = read->counts;
            s.countsKey = read->queryKey;
            s.countsRevision = app.storage.revision();
        }
    }
    constexpr int per = decltype(s.list)::kPageRows;
    s.list.update(
        app.storage, s.rowCount(), s.pendingOpen, "activities.page",
        [q](storage::Storage& own, int page, const std::optional<storage::ActivityListKey>& after) {
            return page == 0 || after ? storage::activityPage(own, q, after, per)
                                      : storage::activityPageAt(own, q, static_cast<std::int64_t>(page) * per, per);
        },
        [](const storage::ActivityRow& r) { return storage::activityListKeyOf(r); },
        [](const storage::ActivityRow& r) { return r.activity.name + r.activity.kind + r.unitName; }, app.noteText);
    // An activity that is gone (deleted elsewhere, or its adding undone)
    // closes its form; a form being typed into for a new one stays. One
    // indexed read per revision.
    if (s.formCheckedRevision != app.storage.revision()) {
        s.formCheckedRevision = app.storage.revision();
        if (s.form.open && s.form.activityId != 0 &&
            !storage::ActivityStore(app.storage).activity(s.form.activityId)) {
            s.form = ActivityForm{};
            s.selectedId = 0;
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] the list
//-----------------------------------------------------------------------------

void openForm(ActivitiesScreen& s, const Activity* a, const std::string& today, RowId defaultUnit) {
    ActivityForm f;
    f.open = true;
    if (a) {
        f.original = *a;
        f.activityId = a->id;
        f.name = a->name;
        f.heldOn = a->heldOn;
        f.unitId = a->unitId;
        f.kind = a->kind;
        f.participants = std::to_string(a->participants);
        f.note = a->note;
    } else {
        f.heldOn = today;
        f.unitId = defaultUnit;
    }
    s.form = std::move(f);
    s.formAsLoaded = s.form;
    s.batch.date = s.form.heldOn;
    s.batch.picked.clear();
    s.batch.error.clear();
}

// The form differs from what it loaded or last saved (a new form: anything typed).
bool formDirty(const ActivitiesScreen& s) {
    const ActivityForm& a = s.form;
    const ActivityForm& b = s.formAsLoaded;
    return a.open && (a.activityId != b.activityId || a.name != b.name || a.heldOn != b.heldOn || a.unitId != b.unitId
                      || a.kind != b.kind || a.participants != b.participants || a.note != b.note);
}

void drawList(AppState& app, ActivitiesScreen& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_Resizable;
    if (!beginListTable("activities",
                        {{str::kActColDate, "2026-09-14", 0},
                         {str::kActColName, "重阳节敬老志愿服务", 0, true},
                         {str::kActColUnit, "城东街道社区", 0, true},
                         {str::kActColKind, "志愿服务", 0},
                         {str::kActColParticipants, "1,234", 0},
                         {str::kActColVolunteers, "1,234", 0},
                         {str::kActColHours, "1,493.5", 0}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    if (s.list.takeScrollToTop()) ImGui::SetScrollY(0.0f);
    if (!s.loaded()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", str::kActLoading);
        locate("act.loading");
    }
    auto openRow = [&app, &s](RowId id, int index) {
        leaveThen(app, [&app, &s, id, index] {
            // The stored row (one indexed read): the form compares a save with it.
            if (const std::optional<Activity> stored = storage::ActivityStore(app.storage).activity(id)) {
                s.selectedId = id;
                s.selectedIndex = index;
                openForm(s, &*stored, app.today, 0);
                s.message.clear();
            }
        }, &s);
    };
    // A row the keyboard moved to before its page was read opens when it is.
    if (s.pendingOpen >= 0) {
        if (const storage::ActivityRow* r = s.rowAt(s.pendingOpen)) {
            const int index = std::exchange(s.pendingOpen, -1);
            openRow(r->activity.id, index);
        }
    }
    const int count = s.rowCount();
    ImGuiListClipper clipper;
    clipper.Begin(count);
    ShownRows shown;
    while (clipper.Step()) {
        shown.step(clipper.DisplayStart, clipper.DisplayEnd);
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::ActivityRow* shown = s.rowAt(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (!shown) {
                // Not read yet: a placeholder row while its page is on its way.
                ImGui::TextDisabled("%s", str::kRecRowLoading);
                continue;
            }
            const storage::ActivityRow& r = *shown;
            const Activity& a = r.activity;
            if (a.id == s.selectedId) s.selectedIndex = i;
            ImGui::PushID(static_cast<int>(a.id));
            if (wholeRowClicked(ImGui::Selectable(a.heldOn.c_str(), s.selectedId == a.id, ImGuiSelectableFlags_SpanAllColumns),
                                headerBottom))
                openRow(a.id, i);
            if (ItemLocator::instance().enabled()) locate(("act.row." + std::to_string(a.id)).c_str());
            ImGui::TableNextColumn(); textFitted(a.name);
            ImGui::TableNextColumn(); textFitted(r.unitName);
            ImGui::TableNextColumn(); textFitted(a.kind);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(a.participants).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(r.volunteers).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::grouped(r.hours).c_str());
            ImGui::PopID();
        }
    }
    s.list.noteShown(shown.first(), shown.last());
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does;
    // across pages: a row not read yet opens once its page arrives.
    if (const int row = keyboardRowChoice(count, [&] {
            if (const storage::ActivityRow* r = s.rowAt(s.selectedIndex); r && r->activity.id == s.selectedId)
                return s.selectedIndex;
            return s.list.find([&](const storage::ActivityRow& r) { return r.activity.id == s.selectedId; });
        }); row >= 0) {
        if (const storage::ActivityRow* r = s.rowAt(row)) openRow(r->activity.id, row);
        else s.pendingOpen = row;
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] the activity form
//-----------------------------------------------------------------------------

struct ActivityCheck {
    std::string name, date, participants;   // Chinese; empty when fine
    int participantCount = 0;
    bool ok() const { return name.empty() && date.empty() && participants.empty(); }
};

ActivityCheck checkForm(const ActivityForm& f, const std::string& today) {
    ActivityCheck c;
    if (trim(f.name).empty()) c.name = str::kActNameRequired;
    const std::string date = trim(f.heldOn);
    if (!isIsoDate(date)) c.date = str::kDateInvalid;
    else if (date > today) c.date = str::kActDateFuture;
    const std::string n = trim(foldFullWidth(f.participants));
    char* end = nullptr;
    const long value = n.empty() ? 0 : std::strtol(n.c_str(), &end, 10);
    if ((!n.empty() && *end != '\0') || value < 0 || value > 1000000) c.participants = str::kActParticipantsInvalid;
    else c.participantCount = static_cast<int>(value);
    return c;
}

bool saveForm(AppState& app, ActivitiesScreen& s, const ActivityCheck& check) {
    ActivityForm& f = s.form;
    Activity a;
    a.id = f.activityId;
    a.name = trim(f.name);
    a.heldOn = trim(f.heldOn);
    a.unitId = f.unitId;
    a.kind = trim(f.kind);
    a.participants = check.participantCount;
    a.note = trim(f.note);
    try {
        storage::ActivityStore store(app.storage);
        if (a.id == 0) {
            storage::UndoStep step(app.storage, std::string(str::kActStepAdd) + " " + a.name);
            f.activityId = store.insert(a, app.today);
            s.selectedId = f.activityId;
            s.batch.date = a.heldOn;
        } else {
            storage::UndoStep step(app.storage, std::string(str::kActStepEdit) + " " + a.name);
            store.update(a, app.today, &f.original);
        }
        // The next save compares with what is stored now.
        if (const auto stored = store.activity(f.activityId)) f.original = *stored;
        f.error.clear();
        s.formAsLoaded = f;
        s.message = str::kSaved;
        return true;
    } catch (const std::exception& e) {
        f.error = e.what();   // the form keeps what was typed
        return false;
    }
}

// 保存, from the button or from "表单有未保存的修改": false when refused (the form says why).
bool trySave(AppState& app, ActivitiesScreen& s) {
    const ActivityCheck check = checkForm(s.form, app.today);
    if (!check.ok()) {
        s.form.error = str::kActFixBeforeSave;
        return false;
    }
    return saveForm(app, s, check);
}

// 不保存: an edited activity goes back to what was loaded; a new form closes.
void discardForm(ActivitiesScreen& s) {
    if (s.form.activityId != 0) {
        s.form = s.formAsLoaded;
        return;
    }
    s.form = ActivityForm{};
    s.formAsLoaded = ActivityForm{};
    s.selectedId = 0;
}

void drawForm(AppState& app, ActivitiesScreen& s) {
    ActivityForm& f = s.form;
    const ActivityCheck check = checkForm(f, app.today);
    headingText(f.activityId == 0 ? str::kActNewHeading : str::kActEditHeading);
    if (ImGui::BeginTable("act_form_grid", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        labelledField(app, str::kActFieldName, "act.form.name", &f.name);
        errorText(app, check.name);
        ImGui::TableNextColumn();
        labelledField(app, str::kActFieldDate, "act.form.date", &f.heldOn, str::kDateHint);
        errorText(app, check.date);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kActFieldUnit);
        unitCombo(app, s.units, "act.form.unit", &f.unitId, str::kActNoUnit, -1, UnitIndent::ByTier);
        ImGui::TableNextColumn();
        labelledField(app, str::kActFieldKind, "act.form.kind", &f.kind, str::kActKindHint);
        ImGui::TableNextColumn();
        labelledField(app, str::kActFieldParticipants, "act.form.participants", &f.participants);
        errorText(app, check.participants);
        ImGui::TableNextColumn();
        labelledField(app, str::kActFieldNote, "act.form.note", &f.note);
        ImGui::EndTable();
    }
    ImGui::Spacing();
    switch (formButtons("act.form", f.activityId != 0)) {
    case FormAction::Save: trySave(app, s); break;
    case FormAction::Cancel:
        f = ActivityForm{};
        s.selectedId = 0;
        return;
    case FormAction::Delete: s.confirmDelete.ask(formatMessage(str::kActDeleteFormat, f.name.c_str())); break;
    case FormAction::None: break;
    }
    errorText(app, f.error);
    if (f.error.empty()) okText(app, s.message);

    if (drawConfirmPopup(app, s.confirmDelete, "activity.delete", str::kDelete) == ConfirmChoice::Confirmed) {
        removeRecordForm(f, s.selectedId, s.message, [&] {
            storage::UndoStep step(app.storage, std::string(str::kActStepDelete) + " " + f.name);
            storage::ActivityStore(app.storage).remove(f.activityId);
        });
    }
}

//-----------------------------------------------------------------------------
// [SECTION] service for several volunteers
//-----------------------------------------------------------------------------

// The picker's matches: the 志愿者 list's own search (storage::VolunteerList,
// in name order), one more than shown to say "there are more", read by a
// worker on its own connection.
void refreshMatches(AppState& app, ActivitiesScreen& s) {
    const std::string query = trim(s.batch.search);
    if (!query.empty()) {
        s.matchTask.request(app.storage, "pick|" + query, [query](storage::Storage& storage) {
            storage::VolunteerListQuery q;
            q.search = query;
            return storage::VolunteerList(storage).page(q, nullptr, kMaxPickMatches + 1);
        });
    }
    s.matchTask.poll();
    if (query.empty()) {
        s.matches.clear();
        s.appliedSearch.clear();
    } else if (s.matchTask.current()) {
        if (const auto* rows = s.matchTask.result()) s.matches = *rows;
        s.appliedSearch = query;
    }
}

// 记录, from the button or from "表单有未保存的修改": false when refused (the
// picked list, every typed hour and the reasons stay).
bool saveBatch(AppState& app, ActivitiesScreen& s) {
    ServiceBatchForm& b = s.batch;
    b.error.clear();
    std::vector<storage::ServiceEntry> entries;
    int refused = 0;
    for (PickedVolunteer& p : b.picked) {
        p.problem.clear();
        const auto hours = parseHours(p.hours);
        if (!hours) {
            p.problem = str::kActHoursNotNumber;
            ++refused;
        }
        entries.push_back({p.personId, hours.value_or(0)});
    }
    const std::string date = trim(b.date);
    storage::ActivityStore store(app.storage);
    if (refused == 0) {
        for (const auto& problem : store.checkService(date, entries, app.today)) {
            for (PickedVolunteer& p : b.picked) {
                if (p.personId == problem.personId && p.problem.empty()) {
                    p.problem = problem.message;
                    ++refused;
                    break;
                }
            }
        }
    }
    if (refused > 0) {
        b.error = formatMessage(str::kActBatchRefusedFormat, fmt::count(refused).c_str());
        return false;   // the picked list and every typed hour stay
    }
    try {
        storage::UndoStep step(app.storage, std::string(str::kActStepService) + " " + s.form.name);
        store.recordService(s.form.activityId, date, entries, b.description, b.verified, b.recordedBy, app.today);
        s.message = formatMessage(str::kActBatchSavedFormat, fmt::count(static_cast<long long>(entries.size())).c_str());
        b.picked.clear();
        b.description.clear();
        return true;
    } catch (const std::exception& e) {
        b.error = e.what();
        return false;
    }
}

void drawServiceBatch(AppState& app, ActivitiesScreen& s) {
    ServiceBatchForm& b = s.batch;
    ImGui::Separator();
    headingText(str::kActServiceHeading);
    if (b.date.empty()) b.date = s.form.heldOn;

    ImGui::TextUnformatted(str::kActServiceDate);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    ImGui::InputText("##act.batch.date", &b.date);
    locate("act.batch.date");
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kActDefaultHours);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
    ImGui::InputText("##act.batch.default_hours", &b.defaultHours);
    locate("act.batch.default_hours");

    textInput(app, "act.pick.search", &b.search, str::kActPickHint, -1);
    refreshMatches(app, s);
    if (!trim(b.search).empty()) {
        // A short scrolling box keeps the picked list and the save button in view.
        const float lines = static_cast<float>(std::min<std::size_t>(std::max<std::size_t>(s.matches.size(), 1), 5));
        ImGui::BeginChild("pick_matches", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * lines + 4), false);
        int shown = 0;
        for (const storage::VolunteerListRow& match : s.matches) {
            if (shown == kMaxPickMatches) {
                ImGui::TextDisabled("%s", str::kActPickMore);
                break;
            }
            const VolunteerRow& v = match.row;
            const bool already = std::any_of(b.picked.begin(), b.picked.end(),
                                             [&](const PickedVolunteer& p) { return p.personId == v.id; });
            ImGui::PushID(static_cast<int>(v.id));
            if (already) ImGui::BeginDisabled();
            if (ImGui::SmallButton("+")) {
                b.picked.push_back({v.id, v.name, v.unitName, b.defaultHours, {}});
                b.error.clear();
            }
            if (already) ImGui::EndDisabled();
            if (ItemLocator::instance().enabled()) locate(("act.pick." + std::to_string(v.id)).c_str());
            ImGui::SameLine();
            ImGui::Text("%s  %s  %s", v.name.c_str(), v.unitName.c_str(),
                        v.phone.size() >= 4 ? v.phone.substr(v.phone.size() - 4).c_str() : "");
            ImGui::PopID();
            ++shown;
        }
        if (s.matches.empty()) ImGui::TextDisabled("%s", s.appliedSearch == trim(b.search) ? str::kActPickNone : str::kVolLoading);
        ImGui::EndChild();
    }

    if (b.picked.empty()) {
        ImGui::TextDisabled("%s", str::kActPickedEmpty);
    } else if (ImGui::BeginTable("picked", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(str::kColName, 0, 2.0f);
        ImGui::TableSetupColumn(str::kActColHoursEach, 0, 1.0f);
        ImGui::TableSetupColumn("##remove", 0, 0.6f);
        ImGui::TableHeadersRow();
        RowId toRemove = 0;
        for (PickedVolunteer& p : b.picked) {
            ImGui::PushID(static_cast<int>(p.personId));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%s  %s", p.name.c_str(), p.unitName.c_str());
            if (!p.problem.empty()) errorText(app, p.problem);
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("##hours", &p.hours);
            if (ItemLocator::instance().enabled()) locate(("act.picked.hours." + std::to_string(p.personId)).c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton(str::kActRemove)) toRemove = p.personId;
            if (ItemLocator::instance().enabled()) locate(("act.picked.remove." + std::to_string(p.personId)).c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
        if (toRemove != 0)
            b.picked.erase(std::remove_if(b.picked.begin(), b.picked.end(),
                                          [&](const PickedVolunteer& p) { return p.personId == toRemove; }),
                           b.picked.end());
    }

    textInput(app, "act.batch.description", &b.description, str::kActServiceDescription, ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::SameLine();
    textInput(app, "act.batch.recorded_by", &b.recordedBy, str::kActRecordedBy, ImGui::GetFontSize() * 6);
    ImGui::SameLine();
    ImGui::Checkbox(str::kActVerified, &b.verified);
    locate("act.batch.verified");

    const bool nobody = b.picked.empty();   // saving empties the list: decide once
    if (nobody) ImGui::BeginDisabled();
    if (ImGui::Button(formatMessage(str::kActRecordFormat, fmt::count(static_cast<long long>(b.picked.size())).c_str()).c_str())) saveBatch(app, s);
    if (nobody) ImGui::EndDisabled();
    locate("act.batch.save");
    errorText(app, b.error);
}

void drawRecords(AppState& app, ActivitiesScreen& s) {
    if (s.recordsFor != s.form.activityId || s.recordsRevision != app.storage.revision()) {
        s.records = storage::ActivityStore(app.storage).records(s.form.activityId);
        s.recordsFor = s.form.activityId;
        s.recordsRevision = app.storage.revision();
    }
    ImGui::Separator();
    headingText(str::kActRecordsHeading);
    if (s.records.empty()) {
        ImGui::TextDisabled("%s", str::kActNoRecords);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
    const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 8);
    if (!ImGui::BeginTable("act_records", 5, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(str::kColName);
    ImGui::TableSetupColumn(str::kColDate, ImGuiTableColumnFlags_WidthFixed, dateColumnWidth(str::kColDate));
    ImGui::TableSetupColumn(str::kColHours);
    ImGui::TableSetupColumn(str::kColVerified);
    ImGui::TableSetupColumn(str::kVolColRecordedBy, ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.records.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::ActivityServiceRow& r = s.records[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.personName.c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.record.servedOn.c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::hoursGrouped(r.record.hours).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.record.verified ? str::kYes : str::kNo);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r.record.recordedBy.c_str());
        }
    }
    ImGui::EndTable();
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

bool ActivitiesScreen::loaded() const {
    return (countsRevision != 0 && countsKey == list.queryKey()) || list.rowAt(0) != nullptr;
}

int ActivitiesScreen::rowCount() const {
    const bool counted = countsKey == list.queryKey() && countsRevision != 0;
    return list.rowCount(counted ? std::optional<std::int64_t>(counts.shown) : std::nullopt);
}

ExportTable activitiesShownTable(storage::Storage& storage, const ActivitiesScreen& s) {
    return activitiesShownTable(storage, s.query());
}

void writeActivitiesShown(storage::Storage& storage, const storage::ActivityQuery& q, ExportProgress* progress,
                          ExportRowSink& out) {
    ExportTable shape;
    shape.sheetName = str::kExpActivitiesFile;
    shape.headers = {str::kActColDate, str::kActColName, str::kActColUnit, str::kActColKind, str::kActColParticipants,
                     str::kActColVolunteers, str::kActColHours};
    shape.numericColumns = {false, false, false, false, true, true, true};
    out.begin(shape);
    constexpr int kExportPage = 1000;
    std::optional<storage::ActivityListKey> after;
    for (;;) {
        const std::vector<storage::ActivityRow> page = storage::activityPage(storage, q, after, kExportPage);
        for (const storage::ActivityRow& r : page) {
            if (progress) progress->rowRead();
            const Activity& a = r.activity;
            out.row({a.heldOn, a.name, r.unitName, a.kind, std::to_string(a.participants), std::to_string(r.volunteers),
                     fmt::grouped(r.hours)});
        }
        if (page.size() < static_cast<std::size_t>(kExportPage)) break;
        after = storage::activityListKeyOf(page.back());
    }
}

ExportTable activitiesShownTable(storage::Storage& storage, const storage::ActivityQuery& q, ExportProgress* progress) {
    ExportTableCollector collector;
    writeActivitiesShown(storage, q, progress, collector);
    return std::move(collector.table);
}

void watchActivityForm(AppState& app, ActivitiesScreen& s) {
    if (formDirty(s)) {
        const bool isNew = s.form.activityId == 0;
        formIsDirty(app, &s, leaveName(isNew, isNew ? trim(s.form.name) : s.form.original.name),
                    [&app, &s] { return trySave(app, s); }, [&s] { discardForm(s); });
    }
    // Volunteers picked for the activity's service and not 记录ed yet.
    if (s.form.open && s.form.activityId != 0 && !s.batch.picked.empty()) {
        formIsDirty(app, &s, s.form.original.name + " · " + str::kActServiceHeading,
                    [&app, &s] { return saveBatch(app, s); },
                    [&s] {
                        s.batch.picked.clear();
                        s.batch.description.clear();
                        s.batch.error.clear();
                    });
    }
}

void drawActivitiesScreen(AppState& app, ActivitiesScreen& s) {
    reloadUnits(app, s);

    unitCombo(app, s.units, "act.unit_filter", &s.unitFilter, str::kActAllUnits, ImGui::GetFontSize() * 10,
              UnitIndent::ByTier);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    const std::string yearLabel = s.yearFilter == 0 ? std::string(str::kActAllYears) : formatMessage(str::kActYearFormat, s.yearFilter);
    if (ImGui::BeginCombo("##act.year_filter", yearLabel.c_str())) {
        if (ImGui::Selectable(str::kActAllYears, s.yearFilter == 0)) s.yearFilter = 0;
        for (int year : s.years) {
            ImGui::PushID(year);
            if (ImGui::Selectable(formatMessage(str::kActYearFormat, year).c_str(), s.yearFilter == year)) s.yearFilter = year;
            locate(("act.year." + std::to_string(year)).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    locate("act.year_filter");
    ImGui::SameLine();
    if (ImGui::Button(str::kActAdd)) {
        leaveThen(app, [&app, &s] {
            s.selectedId = 0;
            openForm(s, nullptr, app.today, s.unitFilter);
            s.message.clear();
        }, &s);
    }
    locate("act.add");
    refreshView(app, s);   // after the filters: a choice made this frame is read at once
    // The counts of this very query (the old ones would be wrong for it).
    if (s.countsRevision != 0 && s.countsKey == s.list.queryKey()) {
        ImGui::SameLine();
        ImGui::TextDisabled(str::kActCountFormat, fmt::count(s.counts.all).c_str(), fmt::count(s.counts.shown).c_str());
    }
    std::string failed = s.counter.error();
    if (failed.empty()) failed = s.list.error();
    if (failed.empty()) failed = s.yearsLoader.error();
    if (!failed.empty()) {
        ImGui::SameLine();
        errorText(app, str::kActLoadFailed + failed);
    }
    sameLineIfFits(buttonWidth(str::kExpButton));
    drawExportMenu(app, s.exportMenu, str::kExpActivitiesFile, false,
                   [&s](bool) -> ExportReader {
                       return [query = s.query()](storage::Storage& own, ExportProgress& progress, ExportRowSink& out) {
                           writeActivitiesShown(own, query, &progress, out);
                       };
                   },
                   s.counts.shown, "act.export");

    drawListAndDetail({"act_list", "act_detail", 420.0f, 0.45f}, [&] { drawList(app, s); }, [&] {
        if (s.form.open) {
            drawForm(app, s);
            if (s.form.open && s.form.activityId != 0) {
                drawServiceBatch(app, s);
                drawRecords(app, s);
            } else if (s.form.open) {
                ImGui::TextDisabled("%s", str::kActSaveFirst);
            }
        } else {
            ImGui::TextWrapped("%s", str::kActNoneSelected);
        }
    });
}

} // namespace jinguo::ui
