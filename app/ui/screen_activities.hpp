// screen_activities.hpp — 志愿者 › 活动: the activities list (newest first,
// filtered by unit and year), the activity form, and service for several
// volunteers at once, picked with the pinyin search.
//
// Shown as the second tab of the 志愿者 section; its state lives inside
// VolunteersScreen. The list reads only what it shows (issue 17): the counts
// of what the filters let through, the year choices and pages of rows around
// the view, each from storage/activity_list.hpp on a worker's own connection
// (Task), kept in a PagedWindow; rows not read yet draw as placeholders.
#pragma once

#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "storage/activity_list.hpp"
#include "storage/activity_store.hpp"
#include "ui/app_state.hpp"
#include "ui/export_buttons.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/paged_window.hpp"
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

struct ActivityCountsRead {
    std::string queryKey;
    storage::ActivityCounts counts;
};

struct ActivitiesScreen {
    // ---- read off the frame (Task: its own connection); headless tests
    // that click and check at once install an InlineTaskExecutor.
    Task<ActivityCountsRead> counter;
    storage::ActivityCounts counts;            // of `countsKey` at `countsRevision`
    std::string countsKey;
    std::uint64_t countsRevision = 0;
    Task<std::vector<int>> yearsLoader;
    std::vector<int> years;                    // years that have activities, newest first
    PagedWindow<storage::ActivityRow, storage::ActivityListKey> list;   // the rows around the view
    int pendingOpen = -1;                      // a row the keyboard moved to before its page was read
    int selectedIndex = -1;                    // where the selection was last seen (for the keys)
    std::uint64_t formCheckedRevision = 0;     // the open activity was last found stored at this revision
    std::vector<OrgUnit> units;                // every unit, tree order (for pickers and the filter)
    std::uint64_t unitsRevision = 0;
    // ---- filters
    RowId unitFilter = 0;                      // 0: all; a street includes its communities
    int yearFilter = 0;                        // 0: all years
    // The list's query as the screen stands.
    storage::ActivityQuery query() const { return {unitFilter, yearFilter}; }
    // The row at `index` of the current list, if its page is kept.
    const storage::ActivityRow* rowAt(int index) const { return list.rowAt(index); }
    // The rows of the current list (what the count says, or what is read so far).
    int rowCount() const;
    // True once the current query's counts or first page have arrived.
    bool loaded() const;
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
// columns. Read from `storage` page by page (not from what the screen keeps).
ExportTable activitiesShownTable(storage::Storage& storage, const ActivitiesScreen& screen);
// The same for a query (the export's Task: `progress` counts rows and stops on 取消).
ExportTable activitiesShownTable(storage::Storage& storage, const storage::ActivityQuery& query,
                                 ExportProgress* progress = nullptr);
// The same rows into `out` as they are read (the export's Task: nothing held).
void writeActivitiesShown(storage::Storage& storage, const storage::ActivityQuery& query, ExportProgress* progress,
                          ExportRowSink& out);

void drawActivitiesScreen(AppState& app, ActivitiesScreen& screen);

// Tells the leave guard when the activity form holds unsaved edits; the 志愿者
// screen calls it every frame, whichever tab is shown, before drawing either.
void watchActivityForm(AppState& app, ActivitiesScreen& screen);

} // namespace jinguo::ui
