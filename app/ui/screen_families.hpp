// screen_families.hpp — 家庭: households with their titles; list, filter,
// add, edit, delete, and add / change / remove titles.
//
// The list reads only what it shows (issue 17: 500,000 households): the
// count of what the filter and search let through, and pages of rows as the
// clipper reaches them, each from storage/family_list.hpp on a worker's own
// connection (Task). A small window of pages around the view is kept; rows
// not read yet draw as placeholders. Nothing on the frame loop scans the
// table, and memory does not grow with it.
#pragma once

#include "core/pinyin.hpp"
#include "storage/family_list.hpp"
#include "storage/record_store.hpp"
#include "storage/title_events.hpp"
#include "storage/title_standings.hpp"
#include "ui/app_state.hpp"
#include "ui/paged_window.hpp"
#include "ui/task_runner.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/export_buttons.hpp"
#include "ui/record_list.hpp"

#include <cstdint>
#include <map>
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

// What the filter bar and the pickers need, read once per storage revision.
struct FamiliesMeta {
    UnitTree tree;
    FilterChoices choices;
    std::vector<std::string> catalogueTitles;   // family titles for the title picker
};
FamiliesMeta loadFamiliesMeta(storage::Storage& storage, PinyinIndex& pinyin);

// One row as the list draws it.
struct FamilyShownRow {
    storage::FamilyListRow data;
    std::string unitName;                    // 向阳社区（未关联） for what an import kept as text
    std::string titlesText;                  // "2025区级平安家庭（待复核）、…"
};

struct FamilyCountsRead {
    std::string queryKey;
    storage::FamilyCounts counts;
};

struct FamiliesScreen {
    using Window = PagedWindow<FamilyShownRow, storage::FamilyListKey>;
    static constexpr int kPageRows = Window::kPageRows;
    static constexpr int kKeptPages = Window::kKeptPages;   // the window kept around the view (~800 rows)
    // ---- read off the frame (Task: its own connection); headless tests
    // that click and check at once install an InlineTaskExecutor.
    Task<FamiliesMeta> metaLoader;
    FamiliesMeta meta;
    std::uint64_t metaRevision = 0;
    Task<FamilyCountsRead> counter;
    storage::FamilyCounts counts;            // of `countsKey` at `countsRevision`
    std::string countsKey;
    std::uint64_t countsRevision = 0;
    Window list;                             // the pages around the view (paged_window.hpp)
    int pendingOpen = -1;                    // a row the keyboard moved to before its page was read
    int selectedIndex = -1;                  // where the selection was last seen (for the keys)
    int sortColumn = 0;
    bool sortAscending = true;
    // The list's query as the screen stands (search, filter, sort, today).
    storage::FamilyQuery query(const std::string& today) const;
    // The row at `index` of the current list, if its page is kept.
    const FamilyShownRow* rowAt(int index) const { return list.rowAt(index); }
    // The number of rows of the current list (what the count says, or what is read so far).
    int rowCount() const;
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
// Read from `storage` page by page (not from what the screen keeps).
ExportTable familiesShownTable(storage::Storage& storage, const FamiliesScreen& screen, const std::string& today);
// The same for a query (the export's Task: `progress` counts households and stops on 取消).
ExportTable familiesShownTable(storage::Storage& storage, const storage::FamilyQuery& query,
                               ExportProgress* progress = nullptr);
// The same rows into `out` as they are read (the export's Task: nothing held).
void writeFamiliesShown(storage::Storage& storage, const storage::FamilyQuery& query, ExportProgress* progress,
                        ExportRowSink& out);

void drawFamiliesScreen(AppState& app, FamiliesScreen& screen);

// The app's 家庭 screen state (tests read it).
FamiliesScreen& familiesScreen(AppState& app);

} // namespace jinguo::ui
