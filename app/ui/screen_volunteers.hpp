// screen_volunteers.hpp — 志愿者: list, search, add, edit, remove volunteers
// and their service records; the detail shows the volunteer's badges as
// medals (earned with their dates, the others greyed, and the next one due).
//
// The list reads only the rows it shows (storage/volunteer_list.hpp): the
// count and a window of rows around the clipper's range come from a worker
// (ui::Task) on its own connection, keyset pages on an index matching the
// sort; rows not read yet show as placeholders, so a million volunteers cost
// a frame no more than a hundred.
#pragma once

#include "core/badges.hpp"
#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "storage/badge_store.hpp"
#include "ui/app_state.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/export_buttons.hpp"
#include "ui/screen_activities.hpp"
#include "ui/task_runner.hpp"
#include "storage/volunteer_list.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

// The edit form: what the user typed, kept as typed until saved, even when a
// save is refused.
struct VolunteerForm {
    bool open = false;
    RowId personId = 0;            // 0: a new volunteer
    std::string name;
    int gender = 0;                // 0 from the ID number, 1 女, 2 男
    std::string idNumber;
    std::string phone;
    RowId unitId = 0;
    std::string joinedOn;
    std::string rosterHours = "0";
    std::string note;
    bool nameLocked = false;       // the stored name has characters beyond U+FFFF
    std::string lockedName;        // … and is kept exactly as stored
    std::string error;             // why the last save was refused
    Person original;               // the volunteer as loaded: a save refuses if the row changed since
};

struct RecordForm {
    std::string date;
    std::string hours;
    std::string description;
    bool verified = true;
    std::string recordedBy;        // kept between records: usually the same organizer
    std::string error;
};

// What a worker read for the list: a window of rows at a position, or the counts.
struct VolunteerWindow {
    storage::VolunteerListQuery query;
    std::uint64_t revision = 0;
    std::int64_t start = 0;
    std::vector<storage::VolunteerListRow> rows;
};
struct VolunteerCounts {
    storage::VolunteerListQuery query;
    std::int64_t shown = 0;        // rows of the query
    std::int64_t all = 0;          // every volunteer
    std::uint64_t revision = 0;    // the storage revision counted
};

struct VolunteersScreen {
    // ---- the list: only a window of rows around what the clipper shows is
    // held (storage::VolunteerList reads it on a worker), so memory and a
    // frame's cost do not grow with the number of volunteers.
    std::uint64_t loadedRevision = 0;
    storage::VolunteerListQuery listQuery;   // what the window and counts answer
    std::int64_t shownCount = -1;            // -1 until counted
    std::int64_t allCount = -1;
    std::uint64_t allCountRevision = 0;      // the revision allCount was counted at (a keystroke reuses it)
    std::int64_t windowStart = 0;
    std::uint64_t windowRevision = 0;
    std::vector<storage::VolunteerListRow> window;   // rows [windowStart, windowStart + size)
    Task<VolunteerWindow> windowTask;
    Task<VolunteerCounts> countTask;
    std::int64_t selectedPosition = -1;      // where the selected row was when opened
    std::int64_t pendingOpen = -1;           // a key moved to a row not read yet: open it when it is
    std::int64_t visibleFirst = 0;           // the clipper's rows in the last frame
    std::int64_t visibleLast = 1;
    bool scrollToTop = false;
    std::vector<OrgUnit> communities;        // for the unit pickers
    std::vector<double> starThresholds;
    int sortColumn = 0;
    bool sortAscending = true;
    // ---- view state
    std::string search;
    RowId unitFilter = 0;                    // 0: all communities
    RowId selectedId = 0;
    VolunteerForm form;
    VolunteerForm formAsLoaded;              // what the form held when opened: unedited forms follow undo
    ConfirmPopup confirmDelete;              // the volunteer
    ConfirmPopup confirmDeleteRecord;        // one service record
    RowId recordToDelete = 0;
    // ---- the selected volunteer's service records
    std::vector<ServiceRecord> records;
    PersonHours hours;             // her hours as the list counts them, split
    RowId recordsFor = 0;
    std::uint64_t recordsRevision = 0;
    RecordForm recordForm;
    // ---- the selected volunteer's badges (badge_earned), per revision
    std::vector<storage::EarnedBadgeRow> badges;   // oldest first
    std::vector<BadgeInfo> personBadgeCatalogue;   // every person badge, thresholds in force
    BadgeParams badgeParams;
    std::string nextBadge;                         // "二星志愿者，还差 12.5 小时"; "" when none is due
    RowId badgesFor = 0;
    std::uint64_t badgesRevision = 0;
    std::string message;                     // last outcome ("已保存。")
    // ---- tabs: 志愿者名单 | 活动
    bool activitiesTab = false;              // the tab shown in the last frame
    int selectTab = -1;                      // 0 roster, 1 activities: switch to it on the next frame
    ActivitiesScreen activities;
    ExportButtons exportMenu;                // 导出 of the roster as shown
};

void drawVolunteersScreen(AppState& app, VolunteersScreen& screen);

// The app's 志愿者 screen state (tests read what the form says).
VolunteersScreen& volunteersScreen(AppState& app);

// The search rule, exposed for tests: a name or unit containing the text, a
// name whose pinyin or initials contain it (zhangsan, zs), or an ID number /
// phone ending with it.
// The roster as shown (search, community filter, sort) in the standard
// volunteer export columns (姓名, 性别, 身份证号, 手机号, 所属社区, 服务时长(小时),
// 加入日期); ID number and phone masked unless `unmasked`. Read page by page
// from `storage` (the export's own connection when called from a worker).
// `progress` (the export's Task) counts the rows and stops the read on 取消.
ExportTable volunteersShownTable(storage::Storage& storage, const storage::VolunteerListQuery& query, bool unmasked,
                                 ExportProgress* progress = nullptr);
// The same rows into `out` as they are read (the export's Task: nothing held).
void writeVolunteersShown(storage::Storage& storage, const storage::VolunteerListQuery& query, bool unmasked,
                          ExportProgress* progress, ExportRowSink& out);
ExportTable volunteersShownTable(AppState& app, const VolunteersScreen& screen, bool unmasked);
// The query the list shows (search, unit, sort column and direction).
storage::VolunteerListQuery volunteerListQuery(const VolunteersScreen& screen);
// The row at `position` when the window holds it, else nullptr.
const storage::VolunteerListRow* shownVolunteerRow(const VolunteersScreen& screen, std::int64_t position);

bool volunteerMatches(const VolunteerRow& row, const NameKeys& keys, const std::string& query);

} // namespace jinguo::ui
