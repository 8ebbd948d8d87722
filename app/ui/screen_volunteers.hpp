// screen_volunteers.hpp — 志愿者: list, search, add, edit, remove volunteers
// and their service records; the detail shows the volunteer's badges as
// medals (earned with their dates, the others greyed, and the next one due).
//
// The list is a cache keyed on the storage revision: rows are loaded once per
// change, filtered into a vector of indices when the search changes, sorted
// only when the sort spec or the data changed, and drawn with a clipper, so a
// list of 100,000 volunteers costs only its visible rows per frame.
#pragma once

#include "core/badges.hpp"
#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "storage/badge_store.hpp"
#include "ui/app_state.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/export_buttons.hpp"
#include "ui/screen_activities.hpp"

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

struct VolunteersScreen {
    // ---- cache (rebuilt when the storage revision moves)
    std::uint64_t loadedRevision = 0;
    std::vector<VolunteerRow> rows;
    std::vector<double> totalHours;          // recorded + roster, per row
    std::vector<std::string> starText;       // preformatted ★ per row
    std::vector<NameKeys> nameKeys;          // pinyin, initials, pinyin sort key per row
    std::vector<std::string> unitSortKeys;   // pinyin sort key of the unit name per row
    PinyinIndex pinyin;
    std::vector<OrgUnit> communities;        // for the unit pickers
    std::vector<double> starThresholds;
    // ---- filtered and sorted view: indices into rows
    std::vector<int> visible;
    std::string appliedSearch;
    RowId appliedUnit = -1;
    bool viewDirty = true;
    bool sortDirty = true;
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
// 加入日期); ID number and phone masked unless `unmasked`.
ExportTable volunteersShownTable(const VolunteersScreen& screen, bool unmasked);

bool volunteerMatches(const VolunteerRow& row, const NameKeys& keys, const std::string& query);

} // namespace jinguo::ui
