// screen_activities.hpp — 志愿者 › 活动: the activities list (newest first,
// filtered by unit and year), the activity form, and service for several
// volunteers at once, picked with the pinyin search.
//
// Shown as the second tab of the 志愿者 section; its state lives inside
// VolunteersScreen, which also hands it the volunteer list it already keeps
// (rows and pinyin keys), so the names are loaded once for both tabs.
#pragma once

#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "storage/activity_store.hpp"
#include "ui/app_state.hpp"
#include "ui/export_buttons.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/task_runner.hpp"
#include "storage/volunteer_list.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

struct ActivityForm {              // kept as typed until saved, even when a save is refused
    bool open = false;
    RowId activityId = 0;          // 0: a new activity
    std::string name;
    std::string heldOn;
    RowId unitId = 0;
    std::string kind;
    std::string participants = "0";
    std::string note;
    std::string error;
    Activity original;             // as loaded: a save refuses if the row changed since
};

struct PickedVolunteer {
    RowId personId = 0;
    std::string name;
    std::string unitName;
    std::string hours;             // as typed
    std::string problem;           // why this one was refused, Chinese
};

struct ServiceBatchForm {
    std::string date;
    std::string defaultHours = "2";
    std::string search;
    std::vector<PickedVolunteer> picked;
    std::string description;
    bool verified = true;
    std::string recordedBy;        // kept between batches: usually the same organizer
    std::string error;
};

struct ActivitiesScreen {
    // ---- cache (per storage revision)
    Task<std::vector<storage::ActivityRow>> job;   // the list, read on a worker (ActivityStore::list)
    bool loaded = false;                       // a list has arrived (until then the list says 正在读取…)
    std::vector<storage::ActivityRow> rows;
    std::vector<OrgUnit> units;                // every unit, tree order (for pickers and the filter)
    std::uint64_t unitsRevision = 0;
    std::vector<int> years;                    // years that have activities, newest first
    // ---- filtered view
    std::vector<int> visible;                  // indices into rows
    RowId unitFilter = 0;                      // 0: all; a street includes its communities
    int yearFilter = 0;                        // 0: all years
    RowId appliedUnit = -1;
    int appliedYear = -1;
    bool viewDirty = true;
    // ---- the volunteer picker: the 志愿者 list's search (storage/volunteer_list.hpp)
    std::vector<storage::VolunteerListRow> matches;
    std::string appliedSearch;                 // the search `matches` answer
    Task<std::vector<storage::VolunteerListRow>> matchTask;
    // ---- view state
    RowId selectedId = 0;
    ActivityForm form;
    ActivityForm formAsLoaded;                 // what the form held when opened or saved: unsaved edits ask first
    ServiceBatchForm batch;
    ConfirmPopup confirmDelete;
    std::vector<storage::ActivityServiceRow> records;
    RowId recordsFor = 0;
    std::uint64_t recordsRevision = 0;
    std::string message;                       // last outcome
    ExportButtons exportMenu;                  // 导出 of the list as shown
};

// The activities as shown (unit and year filters, newest first) in the list's
// columns.
ExportTable activitiesShownTable(const ActivitiesScreen& screen);

void drawActivitiesScreen(AppState& app, ActivitiesScreen& screen);

// Tells the leave guard when the activity form holds unsaved edits; the 志愿者
// screen calls it every frame, whichever tab is shown, before drawing either.
void watchActivityForm(AppState& app, ActivitiesScreen& screen);

} // namespace jinguo::ui
