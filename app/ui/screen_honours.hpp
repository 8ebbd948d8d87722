// screen_honours.hpp — 荣誉: titles of individuals and collectives (三八红旗手,
// 三八红旗集体, 巾帼建功标兵, 十佳好邻居 and the user's own), each at a level and
// in a year; list, filter, add, edit, delete. Family titles live in 家庭 and
// 巾帼文明岗 titles in their own screen.
//
// The list reads only what it shows (issue 17): the counts of what the
// filter and search let through and pages of rows around the view, each from
// storage/honour_list.hpp on a worker's own connection (Task), kept in a
// PagedWindow; rows not read yet draw as placeholders.
#pragma once

#include "core/pinyin.hpp"
#include "storage/honour_list.hpp"
#include "storage/record_store.hpp"
#include "ui/app_state.hpp"
#include "ui/paged_window.hpp"
#include "ui/task_runner.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/export_buttons.hpp"
#include "ui/record_list.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

struct HonourForm {
    bool open = false;
    RowId awardId = 0;             // 0: a new honour
    int kind = 0;                  // 0 个人, 1 集体
    std::string name;
    std::string idNumber;
    RowId unitId = 0;
    std::string title;             // from the catalogue
    std::string customTitle;       // or the user's own
    std::string level;
    std::string year;
    std::string status = toWord(AwardStatus::Name);
    std::string docNumber;
    std::string date;              // of this save's event (TitleEventFields); an edit starts with the status's date
    std::string note;              // its reason
    std::string error;
    storage::HonourRow original;   // as the list showed it: a save refuses if the row changed since
};

// What the filter bar and the pickers need, read once per storage revision (off the frame).
struct HonoursMeta {
    UnitTree tree;
    FilterChoices choices;
    std::vector<std::string> personTitles, collectiveTitles;   // catalogue, pinyin order
};
HonoursMeta loadHonoursMeta(storage::Storage& storage, PinyinIndex& pinyin);

struct HonourCountsRead {
    std::string queryKey;
    storage::HonourCounts counts;
};

struct HonoursScreen {
    // ---- read off the frame (Task: its own connection); headless tests
    // that click and check at once install an InlineTaskExecutor.
    Task<HonoursMeta> metaLoader;
    UnitTree tree;
    FilterChoices choices;
    std::vector<std::string> personTitles, collectiveTitles;   // catalogue, pinyin order
    Task<HonourCountsRead> counter;
    storage::HonourCounts counts;            // of `countsKey` at `countsRevision`
    std::string countsKey;
    std::uint64_t countsRevision = 0;
    PagedWindow<storage::HonourListRow, storage::HonourListKey> list;   // the rows around the view
    int pendingOpen = -1;                    // a row the keyboard moved to before its page was read
    int selectedIndex = -1;                  // where the selection was last seen (for the keys)
    int sortColumn = 0;
    bool sortAscending = false;              // newest year first
    // The list's query as the screen stands (search, filter, sort).
    storage::HonourQuery query() const;
    // The row at `index` of the current list, if its page is kept.
    const storage::HonourListRow* rowAt(int index) const { return list.rowAt(index); }
    // The number of rows of the current list (what the count says, or what is read so far).
    int rowCount() const;
    // ---- view state
    std::string search;
    RecordFilter filter;
    RowId selectedId = 0;
    HonourForm form;
    HonourForm formAsLoaded;       // what the form held when opened or saved: unsaved edits ask first
    ConfirmPopup confirmDelete;
    std::string message;
    ExportButtons exportMenu;      // 导出 of the list as shown
};

// The honours as shown (search, filter, sort) in the list's columns, with the
// holder's 身份证号 and 手机号 after 获得者 (masked unless `unmasked`). Read
// from `storage` page by page (not from what the screen keeps).
ExportTable honoursShownTable(storage::Storage& storage, const HonoursScreen& screen, bool unmasked);
// The same for a query (the export's Task: `progress` counts rows and stops on 取消).
ExportTable honoursShownTable(storage::Storage& storage, const storage::HonourQuery& query, bool unmasked,
                              ExportProgress* progress = nullptr);
// The same rows into `out` as they are read (the export's Task: nothing held).
void writeHonoursShown(storage::Storage& storage, const storage::HonourQuery& query, bool unmasked,
                       ExportProgress* progress, ExportRowSink& out);

void drawHonoursScreen(AppState& app, HonoursScreen& screen);
HonoursScreen& honoursScreen(AppState& app);

} // namespace jinguo::ui
