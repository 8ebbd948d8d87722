// backup_store.cpp — backups with SQLite's online backup API, rotation, restore.
#include "storage/backup_store.hpp"

#include "core/private_files.hpp"

#include "storage/migrations.hpp"
#include "storage/open_progress.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace jinguo::storage {

namespace {

constexpr std::size_t kStampLength = 17;   // YYYY-MM-DD-HHMMSS

// A raw connection closed on every path out.
struct Connection {
    sqlite3* db = nullptr;
    Connection(const std::string& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
            const std::string message = db ? sqlite3_errmsg(db) : "内存不足";
            sqlite3_close(db);
            db = nullptr;
            throw StorageError("无法打开“" + path + "”：" + message);
        }
        sqlite3_busy_timeout(db, 5000);
    }
    ~Connection() { sqlite3_close_v2(db); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
};

// Copies `src` into `dst` in one step, waiting while another connection
// holds a lock (up to ~10 s). Throws with `what` on failure.
void copyWhole(sqlite3* dst, sqlite3* src, const std::string& what) {
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) throw StorageError(what + "（SQLite：" + sqlite3_errmsg(dst) + "）");
    int rc = SQLITE_OK;
    // A window watching a long open (open_progress.hpp) sees the pages go by;
    // otherwise one step. Steps restart by themselves if another connection
    // writes meanwhile, so the copy is still of one moment.
    const int pagesPerStep = openProgress() ? 16384 : -1;
    for (int attempt = 0; attempt < 100;) {
        rc = sqlite3_backup_step(b, pagesPerStep);
        if (rc == SQLITE_OK) {   // more to copy
            reportOpenStage(OpenStage::BackingUp, sqlite3_backup_pagecount(b));
            reportOpenDone(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b));
            continue;
        }
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        ++attempt;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            throw StorageError(what + "：数据库正忙（另一个程序正在写入），请稍后再试");
        throw StorageError(what + "（SQLite：" + sqlite3_errstr(rc) + "）");
    }
}

std::int64_t scalar(sqlite3* db, const char* sql, std::int64_t fallback) {
    sqlite3_stmt* st = nullptr;
    std::int64_t value = fallback;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return value;
}

std::string localStamp() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d-%H%M%S", &tm);
    return text;
}

std::string localToday() { return localStamp().substr(0, 10); }

bool isStamp(std::string_view s) {
    if (s.size() != kStampLength) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 4 || i == 7 || i == 10;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    }
    return true;
}

// Months since year 0 of a "YYYY-MM…" text.
int monthIndex(std::string_view date) {
    return std::stoi(std::string(date.substr(0, 4))) * 12 + std::stoi(std::string(date.substr(5, 2))) - 1;
}

// The n of a name written in the same second as another (…-导入前-2.db), else 1:
// orders backups of one second as they were written.
int sameSecondNumber(const std::string& name) {
    const std::size_t end = name.size() - 3;   // before ".db"
    std::size_t start = end;
    while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') --start;
    if (start == end || start == 0 || name[start - 1] != '-' || end - start > 4) return 1;
    return std::stoi(name.substr(start, end - start));
}

// Newest first: by stamp, then by the same-second number.
bool newerName(const std::string& stampA, const std::string& nameA, const std::string& stampB,
               const std::string& nameB) {
    if (stampA != stampB) return stampA > stampB;
    return sameSecondNumber(nameA) > sameSecondNumber(nameB);
}

void makePrivateFolder(const std::string& folder) {
    std::error_code ec;
    if (fs::is_directory(folder, ec)) return;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder))
        throw StorageError("无法创建备份文件夹“" + folder + "”（" + ec.message() + "）。请检查文件夹权限或磁盘空间");
    ::chmod(folder.c_str(), 0700);
}

} // namespace

// ------------------------------------------------------------ pure parts

std::vector<bool> backupsKept(const std::vector<std::string>& stamps, const std::string& today, BackupRotation rule) {
    std::vector<bool> keep(stamps.size(), false);
    const std::size_t recent = static_cast<std::size_t>(std::max(1, rule.keepRecent));
    for (std::size_t i = 0; i < stamps.size() && i < recent; ++i) keep[i] = true;
    if (rule.keepMonths > 0 && today.size() >= 7) {
        const int current = monthIndex(today);
        std::set<int> monthsSeen;
        for (std::size_t i = 0; i < stamps.size(); ++i) {   // newest first: the first of a month is its newest
            if (stamps[i].size() < 7) continue;
            const int m = monthIndex(stamps[i]);
            if (m > current || current - m >= rule.keepMonths) continue;
            if (monthsSeen.insert(m).second) keep[i] = true;
        }
    }
    return keep;
}

std::string safeBackupReason(const std::string& reason) {
    std::string out;
    for (const char c : reason) {
        const auto u = static_cast<unsigned char>(c);
        const bool unsafe = u < 0x20 || u == 0x7F || c == ' ' || c == '/' || c == '\\' || c == ':' || c == '*'
                            || c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
        out += unsafe ? '_' : c;
    }
    if (out.size() > 40) {
        std::size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;   // not inside a character
        out.resize(cut);
    }
    while (!out.empty() && (out.front() == '.' || out.front() == '-')) out.erase(out.begin());
    return out.empty() ? "备份" : out;
}

std::string backupFolderFor(const std::string& dbPath) {
    const fs::path p(dbPath);
    return (p.parent_path() / (p.stem().string() + "-backups")).string();
}

bool isNetworkFileSystemType(std::uint64_t fType) {
    switch (fType & 0xFFFFFFFFu) {
    case 0xFF534D42u:   // CIFS / SMB1
    case 0xFE534D42u:   // SMB2/3
    case 0x517Bu:       // old smbfs
    case 0x6969u:       // NFS
        return true;
    default:
        return false;
    }
}

std::string networkFileSystemWarning(const std::string& dbPath) {
    fs::path folder = fs::path(dbPath).parent_path();
    if (folder.empty()) folder = ".";
    struct statfs info {};
    if (::statfs(folder.c_str(), &info) != 0) return "";
    if (!isNetworkFileSystemType(static_cast<std::uint64_t>(info.f_type))) return "";
    return "注意：数据库文件“" + dbPath
         + "”在网络共享盘（SMB/NFS）上。网络盘上的SQLite数据库在断网或多人同时写入时可能损坏。"
           "请把数据库放到本机磁盘（例如 ~/.local/share/jinguo/），需要交给别人时用导出或备份文件。";
}

void readBackupFigures(BackupInfo& info) {
    try {
        Connection c(info.path, SQLITE_OPEN_READONLY);
        if (scalar(c.db, "PRAGMA user_version", 0) <= 0) {
            info.problem = "不是Jinguo数据库";
            return;
        }
        info.people = scalar(c.db, "SELECT count(*) FROM person", -1);
        info.families = scalar(c.db, "SELECT count(*) FROM family", -1);
        info.posts = scalar(c.db, "SELECT count(*) FROM post", -1);
        if (info.people < 0 || info.families < 0 || info.posts < 0) info.problem = "无法读取数据";
    } catch (const StorageError& e) {
        info.problem = e.what();
    }
}

// ------------------------------------------------------------ BackupStore

BackupStore::BackupStore(std::string dbPath)
    : m_dbPath(std::move(dbPath)), m_folder(backupFolderFor(m_dbPath)), m_stem(fs::path(m_dbPath).stem().string()) {}

BackupRotation BackupStore::rotation() const {
    BackupRotation rule;
    try {
        Connection c(m_dbPath, SQLITE_OPEN_READONLY);
        const std::int64_t recent =
            scalar(c.db, "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'backup.keep_recent'", -1);
        const std::int64_t months =
            scalar(c.db, "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'backup.keep_months'", -1);
        if (recent >= 1) rule.keepRecent = static_cast<int>(std::min<std::int64_t>(recent, 10000));
        if (months >= 0) rule.keepMonths = static_cast<int>(std::min<std::int64_t>(months, 1200));
    } catch (const StorageError&) {
    }
    return rule;
}

namespace {
// A server's database is not a file beside us: pg_dump backs it up.
void refuseServer(const std::string& dbPath, const std::string& what) {
    if (isServerConnection(dbPath))
        throw StorageError(what + "：服务器上的数据库不能在本机备份或恢复。请由服务器管理员用 pg_dump 定期备份、"
                                  "用 pg_restore 恢复（见说明书“服务器”一节）。");
}
} // namespace

BackupInfo BackupStore::create(const std::string& reason, const std::string& outPath) {
    const std::string what = "备份失败";
    refuseServer(m_dbPath, what);
    const std::string safeReason = safeBackupReason(reason);
    const std::string stamp = localStamp();
    std::string target = outPath;
    if (target.empty()) {
        makePrivateFolder(m_folder);
        const std::string base = (fs::path(m_folder) / (m_stem + "-" + stamp + "-" + safeReason)).string();
        // A second backup in the same second (any reason) is numbered -2, -3 …
        // so the list orders them as they were written.
        int sameSecond = 0;
        std::error_code listError;
        const std::string ofThisSecond = m_stem + "-" + stamp + "-";
        for (fs::directory_iterator it(m_folder, listError), end; !listError && it != end; it.increment(listError))
            if (it->path().filename().string().rfind(ofThisSecond, 0) == 0) ++sameSecond;
        target = sameSecond == 0 ? base + ".db" : base + "-" + std::to_string(sameSecond + 1) + ".db";
        for (int n = sameSecond + 2; fs::exists(target); ++n) target = base + "-" + std::to_string(n) + ".db";
    } else if (fs::exists(target)) {
        throw StorageError(what + "：“" + target + "”已存在。为免覆盖，请换一个文件名或先删除它");
    }
    const std::string part = target + ".part";
    std::error_code ec;
    fs::remove(part, ec);
    const int fd = ::open(part.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        throw StorageError(what + "：无法写入“" + part + "”。请检查文件夹是否存在、是否可写、磁盘是否已满");
    ::close(fd);
    try {
        {
            Connection src(m_dbPath, SQLITE_OPEN_READWRITE);   // never creates: the database must exist
            Connection dst(part, SQLITE_OPEN_READWRITE);
            copyWhole(dst.db, src.db, what);
            // The copy carries the source's WAL flag; a backup must stand alone.
            char* error = nullptr;
            if (sqlite3_exec(dst.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, &error) != SQLITE_OK) {
                const std::string message = error ? error : "";
                sqlite3_free(error);
                throw StorageError(what + "（SQLite：" + message + "）");
            }
        }
        ::chmod(part.c_str(), 0600);
        fs::rename(part, target);
    } catch (...) {
        fs::remove(part, ec);
        fs::remove(part + "-journal", ec);
        throw;
    }
    BackupInfo info;
    info.path = target;
    info.fileName = fs::path(target).filename().string();
    info.stamp = stamp;
    info.when = stamp.substr(0, 10) + " " + stamp.substr(11, 2) + ":" + stamp.substr(13, 2) + ":" + stamp.substr(15, 2);
    info.reason = safeReason;
    info.bytes = fs::file_size(target, ec);
    if (outPath.empty()) {
        try {
            prune();
        } catch (const std::exception&) {
            // A backup written is what matters; an old one left over is harmless.
        }
    }
    return info;
}

std::vector<BackupInfo> BackupStore::list() const {
    std::vector<BackupInfo> out;
    std::error_code ec;
    const std::string prefix = m_stem + "-";
    for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::string name = it->path().filename().string();
        if (name.size() < prefix.size() + kStampLength + 5 || name.rfind(prefix, 0) != 0) continue;
        if (name.substr(name.size() - 3) != ".db") continue;
        const std::string stamp = name.substr(prefix.size(), kStampLength);
        if (!isStamp(stamp) || name[prefix.size() + kStampLength] != '-') continue;
        BackupInfo info;
        info.path = it->path().string();
        info.fileName = name;
        info.stamp = stamp;
        info.when = stamp.substr(0, 10) + " " + stamp.substr(11, 2) + ":" + stamp.substr(13, 2) + ":"
                  + stamp.substr(15, 2);
        const std::size_t reasonAt = prefix.size() + kStampLength + 1;
        info.reason = name.substr(reasonAt, name.size() - 3 - reasonAt);
        if (const int n = sameSecondNumber(name); n > 1) info.reason.resize(info.reason.size() - 1 - std::to_string(n).size());
        info.bytes = it->file_size(ec);
        out.push_back(std::move(info));
    }
    std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) {
        return newerName(a.stamp, a.fileName, b.stamp, b.fileName);
    });
    for (BackupInfo& info : out) readBackupFigures(info);
    return out;
}

int BackupStore::prune(const std::string& today) {
    std::vector<std::string> stamps;
    std::vector<std::string> paths;
    // Names only: pruning needs no figures.
    std::error_code ec;
    const std::string prefix = m_stem + "-";
    std::vector<std::pair<std::string, std::string>> found;   // (name, path)
    for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() < prefix.size() + kStampLength + 5 || name.rfind(prefix, 0) != 0) continue;
        if (name.substr(name.size() - 3) != ".db") continue;
        const std::string stamp = name.substr(prefix.size(), kStampLength);
        if (!isStamp(stamp) || name[prefix.size() + kStampLength] != '-') continue;
        found.emplace_back(name, it->path().string());
    }
    const std::size_t at = prefix.size();
    std::sort(found.begin(), found.end(), [at](const auto& a, const auto& b) {
        return newerName(a.first.substr(at, kStampLength), a.first, b.first.substr(at, kStampLength), b.first);
    });
    for (const auto& [name, path] : found) {
        stamps.push_back(name.substr(at, kStampLength));
        paths.push_back(path);
    }
    const std::vector<bool> keep = backupsKept(stamps, today.empty() ? localToday() : today, rotation());
    int removed = 0;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (keep[i]) continue;
        if (fs::remove(paths[i], ec)) ++removed;
    }
    return removed;
}

std::string BackupStore::createDailyIfDue(const std::string& today, bool* created) {
    if (created) *created = false;
    if (isServerConnection(m_dbPath)) return {};   // the server's pg_dump schedule, not ours
    try {
        {
            Connection c(m_dbPath, SQLITE_OPEN_READONLY);
            const std::int64_t rows = scalar(c.db,
                                             "SELECT (SELECT count(*) FROM org_unit) + (SELECT count(*) FROM person)"
                                             " + (SELECT count(*) FROM family) + (SELECT count(*) FROM post)",
                                             0);
            if (rows <= 0) return "";
        }
        std::error_code ec;
        const std::string prefix = m_stem + "-" + (today.empty() ? localToday() : today);
        for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().filename().string().rfind(prefix, 0) == 0) return "";
        create(kBackupDaily);
        if (created) *created = true;
        return "";
    } catch (const std::exception& e) {
        return std::string("今天的自动备份没有写成：") + e.what();
    }
}

namespace {

// A backup may be restored: a Jinguo database no newer than this program,
// whole by quick_check. Throws StorageError saying which it is not.
void checkRestorable(const std::string& from, const std::string& what) {
    if (!fs::is_regular_file(from)) throw StorageError(what + "：找不到备份文件“" + from + "”");
    {
        Connection c(from, SQLITE_OPEN_READONLY);
        const std::int64_t version = scalar(c.db, "PRAGMA user_version", -1);
        if (version <= 0)
            throw StorageError(what + "：“" + from + "”不是Jinguo数据库或备份，当前数据未做任何修改");
        if (version > latestSchemaVersion())
            throw StorageError(what + "：备份“" + from + "”由更新版本的Jinguo写成（结构版本" + std::to_string(version)
                               + "）。请升级Jinguo后再恢复，当前数据未做任何修改");
        sqlite3_stmt* st = nullptr;
        std::string check = "无法检查";
        if (sqlite3_prepare_v2(c.db, "PRAGMA quick_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            check = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        if (check != "ok")
            throw StorageError(what + "：备份文件“" + from + "”已损坏（" + check + "），当前数据未做任何修改。请选另一个备份");
    }
}

} // namespace

BackupInfo BackupStore::restore(Database& into, const std::string& from) {
    const std::string what = "恢复失败";
    refuseServer(into.path(), what);
    if (into.inTransaction()) throw StorageError(what + "：数据库正在写入，请等当前操作结束后再恢复");
    checkRestorable(from, what);
    BackupInfo before = create(kBackupBeforeRestore);
    {
        Connection src(from, SQLITE_OPEN_READONLY);
        copyWhole(into.handle(), src.db, what);
    }
    // A backup of an older schema comes back at its version: bring it up to date.
    if (into.userVersion() < latestSchemaVersion()) migrateDatabase(into);
    into.exec("PRAGMA foreign_keys = ON");
    return before;
}

std::string BackupStore::restoreOverDamaged(const std::string& from) {
    const std::string what = "恢复失败";
    refuseServer(m_dbPath, what);
    checkRestorable(from, what);
    makePrivateFolder(m_folder);
    // 1. The backup, copied page by page into a new private file beside the database.
    const std::string incoming = m_dbPath + ".restoring";
    std::error_code ec;
    fs::remove(incoming, ec);
    if (std::string error; !createPrivateFile(incoming, &error))
        throw StorageError(what + "：无法在数据库所在的文件夹中写入（" + error + "），损坏的文件未做任何修改");
    try {
        Connection src(from, SQLITE_OPEN_READONLY);
        Connection dst(incoming, SQLITE_OPEN_READWRITE);
        copyWhole(dst.db, src.db, what);
    } catch (...) {
        fs::remove(incoming, ec);
        throw;
    }
    // 2. The damaged file and its companions, kept in the backups folder.
    const std::string kept = (fs::path(m_folder) / (m_stem + "-损坏-" + localStamp() + ".db")).string();
    std::vector<std::pair<std::string, std::string>> moved;
    auto putBack = [&] {
        for (auto it = moved.rbegin(); it != moved.rend(); ++it) fs::rename(it->second, it->first, ec);
    };
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const std::string source = m_dbPath + suffix;
        if (fs::symlink_status(source, ec).type() == fs::file_type::not_found) continue;
        std::error_code moveError;
        fs::rename(source, kept + suffix, moveError);
        if (moveError) {
            putBack();
            fs::remove(incoming, ec);
            throw StorageError(what + "：无法移开损坏的文件“" + source + "”（" + moveError.message()
                               + "），损坏的文件未做任何修改");
        }
        moved.emplace_back(source, kept + suffix);
    }
    // 3. The copy takes the database's name (one rename: never half a file there).
    std::error_code renameError;
    fs::rename(incoming, m_dbPath, renameError);
    if (renameError) {
        putBack();
        fs::remove(incoming, ec);
        throw StorageError(what + "：无法把备份放回原处（" + renameError.message() + "），损坏的文件已放回原处");
    }
    return kept;
}

void backUpBeforeBulkChange(const std::string& databasePath, const char* kind) {
    if (isServerConnection(databasePath)) return;   // the server's pg_dump schedule backs it up
    BackupStore(databasePath).create(kind);
}

std::string backUpBeforeImport(const std::string& databasePath) {
    try {
        backUpBeforeBulkChange(databasePath, kBackupBeforeImport);
        return "";
    } catch (const StorageError& e) {
        return "导入前的备份没有写成：" + std::string(e.what()) + "。请检查数据库所在文件夹是否可写、磁盘是否已满";
    }
}

} // namespace jinguo::storage
