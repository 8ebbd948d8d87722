// screen_honours.hpp — 荣誉: titles of individuals and collectives (三八红旗手,
// 三八红旗集体, 巾帼建功标兵, 十佳好邻居 and the user's own), each at a level and
// in a year; list, filter, add, edit, delete. Family titles live in 家庭 and
// 巾帼文明岗 titles in their own screen.
#pragma once

#include "core/pinyin.hpp"
#include "storage/record_store.hpp"
#include "ui/app_state.hpp"
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

struct HonoursScreen {
    std::uint64_t loadedRevision = 0;
    std::vector<storage::HonourRow> rows;
    std::vector<NameKeys> nameKeys;
    std::vector<std::string> titleKeys;
    std::vector<std::string> unitKeys;
    PinyinIndex pinyin;
    UnitTree tree;
    FilterChoices choices;
    std::vector<std::string> personTitles, collectiveTitles;   // catalogue, pinyin order
    std::vector<int> visible;
    int visiblePeople = 0, visibleCollectives = 0;
    std::string appliedSearch;
    RecordFilter appliedFilter;
    bool viewDirty = true;
    bool sortDirty = true;
    int sortColumn = 0;
    bool sortAscending = false;    // newest year first
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
// holder's 身份证号 and 手机号 after 获得者 (masked unless `unmasked`).
ExportTable honoursShownTable(const HonoursScreen& screen, bool unmasked);

void drawHonoursScreen(AppState& app, HonoursScreen& screen);
HonoursScreen& honoursScreen(AppState& app);

} // namespace jinguo::ui
