// screen_open_failed.hpp — the window shown when the database cannot be
// opened, drawn without a Storage (there is none). It says what is wrong
// (storage::OpenError's message) and offers the way out that fits:
//   damaged / not a database: the backups beside it (date, reason, figures),
//     恢复这份备份 (asks first; the damaged file is moved into the backups
//     folder, never deleted — storage::BackupStore::restoreOverDamaged);
//   busy, a server that did not answer: 重试;
//   always: 打开其他数据库… (a file or a server: open_dialog.hpp; for a
//     server that refused the login, its 服务器 tab with the fields filled,
//     to type the password) and 退出.
// The caller (gui/gui_main) opens the database again after 恢复/重试, or the
// chosen file, and shows this window again if that fails too.
#pragma once

#include "storage/backup_store.hpp"
#include "storage/database.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/open_dialog.hpp"
#include "ui/note_text.hpp"

#include <string>
#include <vector>

namespace jinguo::ui {

struct OpenFailedScreen {
    std::string dbPath;
    std::string message;                            // why it failed (Chinese)
    storage::OpenFailure failure = storage::OpenFailure::Damaged;
    // ---- the backups of dbPath, listed once
    bool listed = false;
    std::vector<storage::BackupInfo> backups;       // newest first
    ConfirmPopup confirmRestore;
    std::size_t restoreIndex = 0;                   // the backup the popup asks about
    OpenDialog picker;                              // 打开其他数据库: a file or a server
    std::string error;                              // a refused restore
    // ---- the outcome
    std::string keptDamagedAs;                      // where the damaged file went after a restore
    std::string restoredFrom;                       // "2026-12-04 18:00:01（每日）"
    std::string chosenPath;                         // OpenFailedChoice::OpenOther
};

enum class OpenFailedChoice { None, Quit, Retry, OpenOther };

// Damaged files and files that are no database get the backup list.
bool offersBackups(storage::OpenFailure failure);

// One frame of the window, filling the whole viewport. Retry: open dbPath
// again (after a restore, or 重试); OpenOther: open chosenPath.
OpenFailedChoice drawOpenFailedScreen(OpenFailedScreen& screen, const NoteText& noteText);

// The work of 恢复 (for the window and tests alike): puts backup `index` in
// place of the damaged file. Returns true when done (keptDamagedAs,
// restoredFrom set); else screen.error says why.
bool restoreOverDamaged(OpenFailedScreen& screen, std::size_t index);

} // namespace jinguo::ui
