// backup_command.cpp — `jinguo backup` and `jinguo restore` (see backup_command.hpp).
#include "cli/backup_command.hpp"

#include "core/number_format.hpp"
#include "storage/backup_store.hpp"
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

} // namespace

int runBackupCommand(const std::string& dbPath, const std::string& outPath, std::ostream& out, std::ostream& err) {
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
