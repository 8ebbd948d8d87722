// backup_command.hpp — `jinguo backup` and `jinguo restore`.
//
//   jinguo backup --db FILE [--out FILE]     a consistent backup (storage::BackupStore);
//                                            without --out into <dir>/<stem>-backups/
//   jinguo restore --db FILE --from BACKUP   replaces the data with the backup's, after
//                                            backing up what it replaces (恢复前)
//
// Messages in Chinese; 0 on success, 1 on any error. A database on a network
// file system gets a warning on `err` first.
#pragma once

#include <iosfwd>
#include <string>

namespace jinguo::cli {

int runBackupCommand(const std::string& dbPath, const std::string& outPath, std::ostream& out, std::ostream& err);
int runRestoreCommand(const std::string& dbPath, const std::string& fromPath, std::ostream& out, std::ostream& err);

} // namespace jinguo::cli
