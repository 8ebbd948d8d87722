// screen_units.hpp — 组织: the unit tree 区 → 街道/镇 → 社区/村 with each unit's
// total households (the denominator of every creation rate); add, rename,
// move and change households, with each unit's history from the audit log.
#pragma once

#include "core/pinyin.hpp"
#include "storage/record_store.hpp"
#include "ui/app_state.hpp"
#include "ui/export_buttons.hpp"
#include "ui/record_list.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace jinguo::ui {

struct UnitForm {
    bool open = false;
    RowId unitId = 0;              // 0: a new unit
    std::string name;
    UnitKind kind = UnitKind::District;
    RowId parentId = 0;
    std::string households = "0";
    std::string error;
    OrgUnit original;              // as loaded: a save refuses if the row changed since
};

struct UnitsScreen {
    std::uint64_t loadedRevision = 0;
    PinyinIndex pinyin;
    UnitTree tree;
    UnitTree parentChoices;   // where a unit may be added or moved to: storage::writableUnits
    std::vector<NameKeys> nameKeys;               // per tree.units index
    std::vector<std::int64_t> childHouseholds;    // the children's households rolled up (core rollUp), per index
    std::vector<int> childCount;
    // Counted over every household and title: on a Task (seconds at 500,000
    // households), the last figures shown meanwhile.
    struct Figures {
        std::unordered_map<RowId, std::int64_t> families;
        std::unordered_map<RowId, storage::RecordStore::OverfullTitle> overfull;   // data errors, flagged beside 总户数
    };
    Task<Figures> figuresLoader;
    std::unordered_map<RowId, std::int64_t> families;
    std::unordered_map<RowId, storage::RecordStore::OverfullTitle> overfull;
    std::vector<int> visible;                     // indices into tree.units
    int visibleStreets = 0, visibleCommunities = 0;
    std::string appliedSearch;
    bool viewDirty = true;
    std::string search;
    RowId selectedId = 0;
    UnitForm form;
    UnitForm formAsLoaded;                        // what the form held when opened or saved: unsaved edits ask first
    std::vector<storage::AuditEntry> history;
    RowId historyFor = 0;
    std::uint64_t historyRevision = 0;
    std::string message;
    ExportButtons exportMenu;                     // 导出 of the list as shown
};

// The units as shown (search, tree order) in the list's columns, with 上级单位
// (a sheet cannot indent).
ExportTable unitsShownTable(const UnitsScreen& screen);

void drawUnitsScreen(AppState& app, UnitsScreen& screen);
UnitsScreen& unitsScreen(AppState& app);

// One line of a unit's history: what changed ("名称 望江社区 → 望江新村社区；总户数 3200 → 3350").
std::string describeUnitChange(const storage::AuditEntry& entry, const UnitTree& tree);

} // namespace jinguo::ui
