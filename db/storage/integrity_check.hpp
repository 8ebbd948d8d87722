// integrity_check.hpp — the damage check of a database file, bounded at open.
//
// openAndMigrate runs PRAGMA quick_check the first time a process opens a
// file, before anything writes, and refuses a damaged file. quick_check reads
// every page: on a 1.2 GB file (a million people) that is many seconds before
// the window could show anything. So a process may defer it for big files:
//   * at open, a file bigger than the limit gets only the bounded check
//     every file gets: its header and schema are read — SQLite refuses a file
//     shorter than its header's page count there, so a truncated copy or
//     sync, the common damage, is still refused before anything writes;
//   * a file with a migration pending is always checked in full at open;
//   * the full check then runs off the frame loop (runIntegrityCheck on a
//     Task of its own connection, app/gui/gui_main.cpp), and the GUI says
//     damagedFileMessage at the top of the window when it finds damage. Until
//     then SQLite itself refuses a write that touches a damaged page.
// The limit is 0 unless set (commands and tests check every file in full).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

// Files larger than `bytes` get the bounded check at open; 0: none does.
void setFullCheckDeferredAbove(std::uintmax_t bytes);
// The GUI's limit: a file this size is checked in full in about a second.
inline constexpr std::uintmax_t kGuiFullCheckLimitBytes = 64ull * 1024 * 1024;

// True when openAndMigrate left the full check of `path` to runIntegrityCheck
// in this process.
bool integrityCheckDeferred(const std::string& path);

// PRAGMA quick_check of `path` on a connection of its own (read only): the
// problems it names, empty when the file is whole; nullopt when `cancel` was
// set before it finished (the app is closing).
std::optional<std::vector<std::string>> runIntegrityCheck(const std::string& path,
                                                          const std::atomic<bool>* cancel = nullptr);

// The one sentence for a damaged file: refused at open, or found afterwards.
std::string damagedFileMessage(const std::string& path, const std::string& problem, bool foundAfterOpen);

} // namespace jinguo::storage
