// backup_command.cpp — `jinguo backup` and `jinguo restore` (see backup_command.hpp).
#include "cli/backup_command.hpp"

#include "core/number_format.hpp"
#include "storage/backup_store.hpp"
#include "storage/database_copy.hpp"
#include "storage/pg_connection.hpp"
#include "storage/storage.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <ostream>

namespace jinguo::cli {

namespace {

void warnIfNetwork(const std::string& dbPath, std::ostream& err) {
    const std::string warning = storage::networkFileSystemWarning(dbPath);
    if (!warning.empty()) err << warning << "\n";
}

std::string figures(const storage::BackupInfo& b) {
    if (b.people < 0) return "（无法读取其中的数据：" + b.problem + "）";
    return "（志愿者等人员 " + fmt::count(b.people) + " 人，家庭 " + fmt::count(b.families)
         + " 户，巾帼文明岗 " + fmt::count(b.posts) + " 个）";
}

std::string restoredFigures(const std::string& fromPath) {
    storage::BackupInfo restored;
    restored.path = fromPath;
    storage::readBackupFigures(restored);
    return figures(restored);
}

// A server keeps its own backups (pg_dump, README); `backup --out FILE` still
// gives the organizer a Jinguo file of it now: the same verified copy as
// `jinguo copy`, so the file opens in the app like any other database.
int backupServer(const std::string& conninfo, const std::string& outPath, std::ostream& out, std::ostream& err) {
    if (outPath.empty()) {
        err << "服务器上的数据库请用 --out 指定备份到哪个新文件，例如：jinguo backup --db "
            << storage::describeConnection(conninfo) << " --out 备份.db。服务器的定期备份由服务器管理员用 pg_dump 安排（见 README）。\n";
        return 1;
    }
    try {
        const storage::CopyReport report = storage::copyDatabase(conninfo, outPath, {});
        char took[32];
        std::snprintf(took, sizeof took, "%.2f", report.seconds);
        out << "已把服务器上的数据库“" << report.from << "”备份到“" << report.to << "”（" << report.tables.size()
            << "个表，共" << fmt::grouped(report.rows) << "行，逐表核对一致），用时 " << took << " 秒。\n";
        return 0;
    } catch (const storage::StorageError& e) {
        err << e.what() << "\n";
        return 1;
    }
}

} // namespace

int runBackupCommand(const std::string& dbPath, const std::string& outPath, std::ostream& out, std::ostream& err) {
    if (storage::isServerConnection(dbPath)) return backupServer(dbPath, outPath, out, err);
    if (!std::filesystem::is_regular_file(dbPath)) {
        err << "找不到数据库文件“" << dbPath << "”。请检查 --db 的路径。\n";
        return 1;
    }
    warnIfNetwork(dbPath, err);
    try {
        { storage::Storage check(dbPath); }   // refuses a file that is not a Jinguo database; migrates (backed up)
        const auto started = std::chrono::steady_clock::now();
        storage::BackupInfo info = storage::BackupStore(dbPath).create(storage::kBackupManual, outPath);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        storage::readBackupFigures(info);
        char took[32];
        std::snprintf(took, sizeof took, "%.2f", seconds);
        out << "已备份到“" << info.path << "”" << figures(info) << "，用时 " << took << " 秒。\n";
        return 0;
    } catch (const storage::StorageError& e) {
        err << e.what() << "\n";
        return 1;
    }
}

int runRestoreCommand(const std::string& dbPath, const std::string& fromPath, std::ostream& out, std::ostream& err) {
    if (storage::isServerConnection(dbPath)) {
        // Replacing a shared server's data under other users is the server
        // administrator's step (pg_restore), never a side effect of a desktop command.
        err << "restore 只用于数据库文件。服务器“" << storage::describeConnection(dbPath)
            << "”上的数据请由服务器管理员用 pg_restore 恢复；也可以新建一个空数据库，用 jinguo copy --from 备份.db --to 新数据库 把备份复制进去。\n";
        return 1;
    }
    if (!std::filesystem::is_regular_file(dbPath)) {
        err << "找不到数据库文件“" << dbPath << "”。请检查 --db 的路径。\n";
        return 1;
    }
    warnIfNetwork(dbPath, err);
    try {
        std::unique_ptr<storage::Storage> storage;
        try {
            storage = std::make_unique<storage::Storage>(dbPath);
        } catch (const storage::OpenError& e) {
            // A database that cannot be opened (damaged, zero bytes): the
            // backup takes its place; the damaged file is kept in the backups folder.
            if (e.failure() != storage::OpenFailure::Damaged && e.failure() != storage::OpenFailure::NotJinguo) throw;
            const std::string kept = storage::BackupStore(dbPath).restoreOverDamaged(fromPath);
            storage::Storage reopened(dbPath);   // migrates an older backup
            reopened.db().checkpointWal();
            out << "已从“" << fromPath << "”恢复" << restoredFigures(fromPath) << "。\n"
                << "无法打开的原文件已保存为“" << kept << "”，没有删除。\n";
            return 0;
        }
        const storage::BackupInfo before = storage::BackupStore(dbPath).restore(storage->db(), fromPath);
        storage->db().checkpointWal();
        out << "已从“" << fromPath << "”恢复" << restoredFigures(fromPath) << "。\n"
            << "恢复前的数据已备份到“" << before.path << "”，需要时可以再恢复回来。\n";
        return 0;
    } catch (const storage::StorageError& e) {
        err << e.what() << "\n";
        return 1;
    }
}

} // namespace jinguo::cli
