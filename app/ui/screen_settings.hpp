// screen_settings.hpp — 设置: points, star thresholds and badge thresholds
// edited as data (checked before saving, restorable to the defaults with a
// confirmation), the badge catalogue with each rule in force, and the award
// title catalogue (add, rename, points, retire, delete when unused), and
// 备份与恢复 (screen_backups.hpp).
//
// Everything shown is loaded once per storage revision; what the user types
// stays in the form until it is saved or reverted, also when a save is refused.
#pragma once

#include "core/badges.hpp"
#include "storage/settings_store.hpp"
#include "ui/app_state.hpp"
#include "ui/screen_backups.hpp"
#include "ui/screen_users.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace jinguo::ui {

struct TitleEdit {
    RowId id = 0;                  // 0: nothing selected
    std::string name;
    std::string points;
    std::string validity;          // years as typed; "" = 长期 (never expires)
};

struct NewTitleForm {
    std::string name;
    int kind = 0;                  // family, person, collective, post
    int level = 2;                 // index into kTitleLevels (区)
    std::string points = "20";
};

struct SettingsScreen {
    // ---- cache (per storage revision)
    std::uint64_t loadedRevision = 0;
    std::map<std::string, std::string> stored;      // rule key → stored value
    std::vector<storage::TitleRow> titles;
    std::vector<BadgeInfo> badges;                  // catalogue with the thresholds in force
    BadgeParams badgeParams;                        // … and those thresholds (the medals' glyphs)
    // Badges earned per kind: a count over every badge ever earned (1.7 million
    // at a city's size), read on a Task; 计数 shows … until it arrives.
    Task<std::map<std::string, std::int64_t>> badgeCounts;
    // ---- the rules form: key → text as typed
    std::map<std::string, std::string> form;
    std::vector<std::string> problems;              // why the last save was refused
    std::string message;                            // last outcome
    bool confirmRestore = false;
    // ---- the title catalogue
    std::string titleFilter;                        // 筛选: name, level or kind contains it
    std::string appliedFilter;
    std::uint64_t filteredRevision = 0;
    std::vector<int> visibleTitles;                 // indices into titles
    TitleEdit edit;
    NewTitleForm add;
    std::string titleError;
    std::string titleMessage;
    // ---- 备份与恢复 (screen_backups.hpp)
    BackupsScreen backups;
    // ---- 用户 (screen_users.hpp; a server's users)
    UsersScreen users;
};

void drawSettingsScreen(AppState& app, SettingsScreen& screen);

// The app's 设置 screen state (tests read what the form says).
SettingsScreen& settingsScreen(AppState& app);

// The keys whose typed text differs from what is stored.
std::vector<std::string> unsavedKeys(const SettingsScreen& screen);

} // namespace jinguo::ui
