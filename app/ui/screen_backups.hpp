// screen_backups.hpp — 设置 → 备份与恢复: the backups beside the database
// (date, reason, and the figures read from each file), 立即备份, 恢复 (asks
// first; afterwards every screen shows the restored data) and 打开备份文件夹.
// The backups themselves are storage::BackupStore's.
#pragma once

#include "storage/backup_store.hpp"
#include "ui/app_state.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

struct BackupsScreen {
    // ---- cache (per storage revision, and after every action here)
    std::uint64_t listedRevision = 0;
    std::vector<storage::BackupInfo> backups;      // newest first
    storage::BackupRotation rotation;
    // ---- the rotation rule as typed (settings backup.keep_recent, backup.keep_months)
    bool ruleLoaded = false;                       // the form follows the stored rule when it changes
    int keepRecent = 10;
    int keepMonths = 12;
    // ---- actions
    ConfirmPopup confirmRestore;
    std::string restorePath;                       // the backup the popup asks about
    std::string restoreWhen;
    std::string message;                           // last outcome
    std::string error;
    // 立即备份 runs as a task (BackupStore opens its own connection): a
    // million people take ~1.5 s, which must not freeze the window.
    struct Outcome {
        std::string message, error;
    };
    Task<Outcome> backupTask;
};

void drawBackupsTab(AppState& app, BackupsScreen& screen);

// The table of backups (time, reason, figures read from each, size) with one
// button per row labelled `actionLabel`, located as "<key>.<row>". Also used
// by the window shown when the database cannot be opened. Returns the row
// clicked in this frame, or -1.
int drawBackupTable(const std::vector<storage::BackupInfo>& backups, const char* key, const char* actionLabel,
                    bool actionsDisabled = false);

// The work of the buttons, for the window and tests alike. backupNow starts
// the backup as a task; the tab takes its outcome when it is done.
void backupNow(AppState& app, BackupsScreen& screen);
void restoreBackup(AppState& app, BackupsScreen& screen, const std::string& path, const std::string& when);
// Saves keepRecent/keepMonths as settings (checked first: 1–1000, 0–120).
void saveRotation(AppState& app, BackupsScreen& screen);

} // namespace jinguo::ui
