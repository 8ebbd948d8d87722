// backup_store.hpp — consistent backups of the database file, and restoring one.
//
// A backup is one complete SQLite file written with SQLite's online backup
// API from a connection of its own (so it holds what was committed, never the
// bare .db with data still in -wal), switched to rollback-journal mode so it
// stands alone. Backups live in a folder beside the database,
// `<dir>/<stem>-backups/` (mode 0700), each file (mode 0600) named
// `<stem>-YYYY-MM-DD-HHMMSS-<reason>.db` (local time), e.g.
// `jinguo-2026-12-05-143207-导入前.db`. Every create() prunes by the rotation
// rule: the newest `keepRecent` (setting backup.keep_recent, default 10) plus
// the newest of each of the last `keepMonths` calendar months (setting
// backup.keep_months, default 12). Files not named so are never touched.
//
// Written automatically before an import writes (runRosterImport), before a
// migration of an existing database (openAndMigrate), before undoing an
// import batch (ImportStore::undo), once a day when the window opens, and
// before a restore.
#pragma once

#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

// Reasons, as they appear in file names and the 备份与恢复 list.
inline constexpr const char* kBackupBeforeImport = "导入前";
// The backup an import makes before its first write (roster and record
// imports alike): "" when written, else the Chinese reason to refuse the import.
std::string backUpBeforeImport(const std::string& databasePath);
// The backup a bulk change takes of what is committed before it writes
// (导入前, 撤销导入前): a file's BackupStore::create(kind); nothing for a
// server, which its own pg_dump schedule backs up. Throws as create() does.
void backUpBeforeBulkChange(const std::string& databasePath, const char* kind);
inline constexpr const char* kBackupBeforeMigration = "升级前";
inline constexpr const char* kBackupBeforeUndoImport = "撤销导入前";
inline constexpr const char* kBackupDaily = "每日";
inline constexpr const char* kBackupManual = "手动";
inline constexpr const char* kBackupBeforeRestore = "恢复前";

struct BackupInfo {
    std::string path;            // the file
    std::string fileName;
    std::string stamp;           // YYYY-MM-DD-HHMMSS, from the name
    std::string when;            // "2026-12-05 14:32:07"
    std::string reason;          // 导入前 …
    std::int64_t people = -1;    // figures read from the backup itself; -1 when unreadable
    std::int64_t families = -1;
    std::int64_t posts = -1;
    std::uintmax_t bytes = 0;
    std::string problem;         // why the figures could not be read ("" when they could)
};

struct BackupRotation {
    int keepRecent = 10;   // the newest N, whatever their date (at least 1)
    int keepMonths = 12;   // plus the newest of each of the last N calendar months (0: none)
};

// Pure: which backups the rule keeps. `stampsNewestFirst` are
// YYYY-MM-DD-HHMMSS stamps sorted newest first; `today` is YYYY-MM-DD (its
// month is the first of the kept months). Returns one flag per stamp.
std::vector<bool> backupsKept(const std::vector<std::string>& stampsNewestFirst, const std::string& today,
                              BackupRotation rule);

// A reason made safe for a file name on any common file system: / \ : * ? " < > |,
// control characters and spaces become '_'; empty -> 备份; at most 40 bytes
// (cut on a UTF-8 boundary).
std::string safeBackupReason(const std::string& reason);

// `<dir>/<stem>-backups` for the database at `dbPath`.
std::string backupFolderFor(const std::string& dbPath);

// statfs f_type of SMB/CIFS (0xFF534D42), SMB2 (0xFE534D42) or NFS (0x6969).
bool isNetworkFileSystemType(std::uint64_t fType);
// The one check: "" when the database's folder is on a local disk (or cannot
// be examined); otherwise a Chinese warning suggesting a local disk.
std::string networkFileSystemWarning(const std::string& dbPath);

class BackupStore {
public:
    // `dbPath`: the database file. Opens nothing until asked.
    explicit BackupStore(std::string dbPath);

    const std::string& folder() const { return m_folder; }

    // Writes a backup of what is committed in the database now and prunes.
    // `outPath` non-empty: write exactly there instead (the CLI's --out; no
    // pruning). Throws StorageError (Chinese) when it cannot.
    BackupInfo create(const std::string& reason, const std::string& outPath = "");
    // Every backup in the folder, newest first, with figures read from each
    // file (read-only).
    std::vector<BackupInfo> list() const;
    // Deletes what the rotation rule does not keep; returns how many.
    int prune(const std::string& today = "");
    BackupRotation rotation() const;   // from the database's settings, else the defaults

    // The database has data (units, people, families or posts) and no backup
    // of `today` (YYYY-MM-DD; "": the local date) exists: writes a 每日 backup. Errors are
    // returned as text ("" when fine or nothing to do), never thrown.
    std::string createDailyIfDue(const std::string& today, bool* created = nullptr);

    // Replaces the contents of the open connection `into` (the database of
    // this store) with the backup file `from`, consistently (the backup API
    // into the open connection; other connections see the new data at their
    // next read), after writing a 恢复前 backup of the current data (returned).
    // A backup of an older schema is migrated after the copy; a newer one, or
    // a file that is not a Jinguo database, is refused before anything is
    // written. Throws StorageError.
    BackupInfo restore(Database& into, const std::string& from);

    // For a database that cannot be opened (damaged, zero bytes): puts the
    // backup `from` in its place without opening it. The damaged file (and
    // its -wal/-shm) is kept, moved into the backups folder as
    // `<stem>-损坏-YYYY-MM-DD-HHMMSS.db`, a name the rotation never deletes;
    // returns that path. The backup is checked first and copied to a file
    // of its own before anything is moved, so a failure leaves the damaged
    // file where it was. The next open migrates an older backup. Throws
    // StorageError (Chinese).
    std::string restoreOverDamaged(const std::string& from);

private:
    std::string m_dbPath;
    std::string m_folder;
    std::string m_stem;
};

// Reads a backup file's figures (read-only); fills people/families/posts or problem.
void readBackupFigures(BackupInfo& info);

} // namespace jinguo::storage
