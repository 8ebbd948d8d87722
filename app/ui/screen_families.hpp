// screen_families.hpp — 家庭: households with their titles; list, filter,
// add, edit, delete, and add / change / remove titles.
//
// The list (~50,000 households in the demo) is loaded once per storage
// revision with every family's titles — on a worker thread (Task,
// ~0.5 s on a large district), so a save never stalls a frame; the previous
// list stays on screen meanwhile — then filtered into indices when the search
// or filter changes, sorted when the sort or data changes, and drawn through
// a clipper.
#pragma once

#include "core/pinyin.hpp"
#include "storage/record_store.hpp"
#include "storage/title_events.hpp"
#include "storage/title_standings.hpp"
#include "ui/app_state.hpp"
#include "ui/task_runner.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/export_buttons.hpp"
#include "ui/record_list.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace jinguo::ui {

struct FamilyForm {
    bool open = false;
    RowId familyId = 0;            // 0: a new household
    std::string headName;
    std::string address;
    std::string members = "1";
    RowId unitId = 0;
    std::string note;
    std::string error;             // why the last save was refused
    Family original;               // as loaded: a save refuses if the row changed since
};

struct FamilyAwardForm {
    RowId awardId = 0;             // 0: a new title
    std::string title;             // from the catalogue
    std::string customTitle;       // or the user's own
    std::string level;
    std::string year;
    std::string status = toWord(AwardStatus::Name);
    std::string docNumber;
    std::string date;              // of this save's event (TitleEventFields); an edit starts with the status's date
    std::string note;              // its reason
    std::string error;
    storage::FamilyAward original; // the title as the list showed it (awardId != 0)
};

// Everything the list shows, read at one storage revision.
struct FamiliesData {
    storage::FamilyList list;
    std::vector<NameKeys> headKeys;
    std::vector<std::string> unitKeys;       // pinyin sort key of the unit name
    std::vector<std::string> titlesText;     // "2025区级平安家庭（待复核）、…" per row
    std::vector<TitleStanding> awardStandings;   // per list.awards entry, on `today`
    UnitTree tree;
    FilterChoices choices;
    std::vector<std::string> catalogueTitles;   // family titles for the title picker
};
// `today` (YYYY-MM-DD) is the day the titles' standings are judged on.
FamiliesData loadFamiliesData(storage::Storage& storage, PinyinIndex& pinyin, const std::string& today);

struct FamiliesScreen {
    // ---- cache (rebuilt when the storage revision moves)
    // Loaded by `loader` off the frame; headless tests that click and check
    // at once install an InlineTaskExecutor (the list arrives in that frame).
    Task<FamiliesData> loader;
    std::uint64_t loadedRevision = 0;        // of `data`
    FamiliesData data;
    // ---- filtered and sorted view
    std::vector<int> visible;
    int visibleAwards = 0;                   // titles of the shown families that pass the filter
    std::string appliedSearch;
    RecordFilter appliedFilter;
    bool viewDirty = true;
    bool sortDirty = true;
    int sortColumn = 0;
    bool sortAscending = true;
    // ---- view state
    std::string search;
    RecordFilter filter;
    RowId selectedId = 0;
    FamilyForm form;
    FamilyForm formAsLoaded;                 // what the form held when opened or saved: unsaved edits ask first
    FamilyAwardForm awardForm;
    std::vector<storage::FamilyAward> awards;   // the selected family's titles
    std::vector<storage::TitleTimelineEntry> timeline;   // … and their history, by date
    std::unordered_map<RowId, TitleStandingDetail> awardStandings;   // … and where they stand today
    RowId awardsFor = 0;
    std::uint64_t awardsRevision = 0;
    ConfirmPopup confirmDelete;              // the household
    ConfirmPopup confirmDeleteAward;         // one of its titles …
    RowId awardToDelete = 0;                 // … this one
    std::string message;
    ExportButtons exportMenu;                // 导出 of the list as shown
};

// The households as shown (search, filter, sort) in the standard family
// columns (户主姓名, 家庭住址, 家庭人口, 所属社区, 荣誉称号, 获评年度, 级别), one
// row per title; with a title/level/year/status filter only the titles that
// pass it. Revoked (撤销) titles are left out unless filtered for; a household
// without titles is one row with the title columns empty.
ExportTable familiesShownTable(const FamiliesScreen& screen);

void drawFamiliesScreen(AppState& app, FamiliesScreen& screen);

// The app's 家庭 screen state (tests read it).
FamiliesScreen& familiesScreen(AppState& app);

} // namespace jinguo::ui
