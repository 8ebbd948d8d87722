// main.cpp — parse the command line, open the database, run a command or the GUI.
#include "cli/audit_prune_command.hpp"
#include "cli/backup_command.hpp"
#include "cli/command_line.hpp"
#include "demo/demo.hpp"
#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "cli/leaderboard_command.hpp"
#include "cli/report_command.hpp"
#include "cli/copy_command.hpp"
#include "cli/server_command.hpp"
#include "cli/targets_command.hpp"
#include "core/preferences.hpp"
#include "core/roster_mapping.hpp"
#include "core/private_files.hpp"
#include "gui/gui_main.hpp"
#include "gui/snapshot.hpp"
#include "platform/input_probe.hpp"
#include "platform/secret_store.hpp"
#include "storage/audit_retention.hpp"
#include "storage/backup_store.hpp"
#include "storage/integrity_check.hpp"
#include "storage/pg_connection.hpp"
#include "storage/storage.hpp"
#include "ui/app_state.hpp"
#include "ui/database_session.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

using namespace jinguo;

namespace {

// The database the GUI opens: --db; else the one opened last time (the
// preferences file) while it exists; else the user's own at the standard
// path; else — with --demo-if-new — the demo database beside it; else none:
// "" and the first-run window asks (新建 / 打开 / 示例).
std::string chooseDatabase(const cli::Command& command, const Preferences& preferences, bool& isDemo) {
    namespace fs = std::filesystem;
    isDemo = false;
    if (!command.dbPath.empty()) return command.dbPath;
    const std::string own = cli::defaultDatabasePath();
    const std::string demo = cli::defaultDemoDatabasePath();
    std::error_code ec;
    // A server is reopened too: when it refuses (no password remembered), the
    // open-failed window offers its 服务器 tab to type one.
    if (!preferences.lastDatabase.empty()
        && (fs::is_regular_file(preferences.lastDatabase, ec) || storage::isServerConnection(preferences.lastDatabase))) {
        isDemo = ui::sameFile(preferences.lastDatabase, demo);
        return preferences.lastDatabase;
    }
    if (fs::exists(own, ec)) return own;
    if (command.demoIfNew) {
        // The data folder is the owner's only (0700): the database inside holds ID numbers and phones.
        const fs::path folder = fs::path(demo).parent_path();
        if (const std::string error = createPrivateFolders(folder.string()); !error.empty())
            throw fs::filesystem_error(error, folder, std::make_error_code(std::errc::permission_denied));
        isDemo = true;
        return demo;
    }
    return "";
}

int runGui(const cli::Command& command) {
    // 记住密码 keeps passwords in the desktop's secret store when one answers
    // (else ~/.pgpass); the commands keep libpq's ~/.pgpass only.
    storage::setPasswordKeeper(platform::desktopPasswordKeeper());
    gui::GuiOptions options;
    if (!command.section.empty() && !ui::sectionFromName(command.section, options.section)) {
        std::cerr << "没有名为“" << command.section << "”的栏目。\n" << cli::usageText();
        return 2;
    }
    options.screenshotPath = command.screenshotPath;
    options.screenshotAfterFrames = command.frames;
    options.screenshotAtMs = command.screenshotAtMs;
    if (!command.measurePath.empty()) {
        options.meter = std::make_shared<gui::FrameMeter>();
        std::string error;
        if (!options.meter->open(command.measurePath, error)) {
            std::cerr << error << "\n";
            return 2;
        }
    }
    options.maxFrames = command.framesGiven ? command.frames : 0;
    options.places = {cli::defaultDatabasePath(), cli::defaultDemoDatabasePath()};
    // A big file's full damage check runs after the window opens (storage/integrity_check.hpp).
    storage::setFullCheckDeferredAbove(storage::kGuiFullCheckLimitBytes);
    // The user's preferences: a missing or corrupt file gives the defaults.
    options.preferencesPath = preferencesPath();
    options.preferences = readPreferences(options.preferencesPath);
    bool isDemo = false;
    std::string path;
    try {
        path = chooseDatabase(command, options.preferences, isDemo);
    } catch (const std::filesystem::filesystem_error& e) {
        const std::string message =
            "无法创建数据目录：" + e.path1().string() + "。请检查权限，或用 --db 指定数据库文件。";
        std::cerr << message << "\n";
        return gui::showStartupError(message, options);
    }
    if (path.empty()) {
        // No database at all: 新建 / 打开已有 / 示例 in a window of its own.
        path = gui::showFirstRun(options, isDemo);
        if (path.empty()) return 0;
    }
    if (isDemo && !std::filesystem::exists(path)) {
        std::cout << "还没有您的数据库，先打开示例数据库：" << path << std::endl;
        if (const int rc = demo::runDemoCommand(path, std::cout, std::cerr); rc != 0) return rc;
    }
    // A database that cannot be opened gets a window with the way out that
    // fits (restore a backup, try again, open another); then open again.
    for (;;) {
        std::unique_ptr<storage::Storage> storage;
        try {
            storage = gui::openShowingProgress(path);   // a window says what a long open does
        } catch (const storage::OpenError& e) {
            std::cerr << e.what() << "\n";
            const std::string next = gui::showOpenFailed(path, e, options, options.notice);
            if (next.empty()) return 1;
            if (next != path) isDemo = false;
            path = next;
            continue;
        } catch (const storage::StorageError& e) {
            std::cerr << e.what() << "\n";
            return gui::showStartupError(e.what(), options);   // started from a menu, stderr is never seen
        }
        try {
            // The audit log's retention rule, applied at every start (cheap when nothing is due).
            try {
                storage::pruneAuditLog(*storage, storage::auditRetentionDays(*storage));
            } catch (const storage::StorageError& e) {
                std::cerr << e.what() << "\n";   // a busy database: the next start tries again
            }
            options.demo = isDemo;
            // 记住密码 at the first-run or open-failed window: what writing ~/.pgpass had to say.
            if (const std::string said = storage::takePasswordFileMessage(); !said.empty())
                options.notice += (options.notice.empty() ? "" : "\n") + said;
            return gui::runGui(std::move(storage), options);
        } catch (const storage::StorageError& e) {
            std::cerr << e.what() << "\n";
            return gui::showStartupError(e.what(), options);
        }
    }
}

// `import` creates the database when it does not exist yet — and removes it
// again when the command wrote nothing into it (a dry run, a refused file, a
// mistake in the options): a failed import leaves no empty database behind.
// Only files this command created are removed, never one that was there.
int runImport(const cli::Command& command) {
    namespace fs = std::filesystem;
    const std::vector<std::string> files = {command.dbPath, command.dbPath + "-wal", command.dbPath + "-shm",
                                            command.dbPath + "-journal"};
    std::vector<bool> existed;
    for (const std::string& f : files) {
        std::error_code ec;   // set for a missing file too: only not_found counts as absent
        existed.push_back(fs::symlink_status(f, ec).type() != fs::file_type::not_found);
    }
    auto removeCreated = [&] {
        if (existed[0]) return;
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::error_code ec;
            if (!existed[i]) fs::remove(files[i], ec);
        }
    };
    int code = 1;
    try {
        {
            // A roster import checks the file's integrity beside its own work
            // and before its commit (storage::IntegrityCheck); with
            // --create-units-under it writes units first, so it checks at open.
            const auto kind = roster::kindFromKey(command.importKind);
            const bool rosterOnly = kind && !roster::isRecordKind(*kind) && command.createUnitsUnder.empty();
            storage::Storage storage(command.dbPath, rosterOnly ? storage::IntegrityCheck::BeforeCommit
                                                                : storage::IntegrityCheck::AtOpen);
            cli::ImportRequest request;
            request.kind = command.importKind;
            request.sheets = command.sheets;
            request.dryRun = command.dryRun;
            request.acceptRenames = command.acceptRenames;
            request.createUnitsUnder = command.createUnitsUnder;
            request.mapUnits = command.mapUnits;
            request.reportJsonPath = command.reportJson;
            request.files = command.files;
            request.hoursMean = command.hoursMean;
            request.hoursPeriod = command.hoursPeriod;
            request.asOf = command.asOf;
            request.today = command.today;
            code = cli::runImport(storage, request, std::cout, std::cerr);
        }   // the database is closed here, before it may be removed
    } catch (const storage::StorageError& e) {
        std::cerr << e.what() << "\n";
        code = 1;
    }
    if (code != 0 || command.dryRun) removeCreated();
    return code;
}

int runExport(const cli::Command& command) {
    if (!storage::isServerConnection(command.dbPath) && !std::filesystem::exists(command.dbPath)) {
        std::cerr << "找不到数据库文件“" << command.dbPath << "”。请检查 --db 的路径。\n";
        return 1;
    }
    try {
        storage::Storage storage(command.dbPath);
        return cli::runExport(storage, {command.table, command.outPath, command.unmasked}, std::cout, std::cerr);
    } catch (const storage::StorageError& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

int runSnapshot(const cli::Command& command) {
    if (!storage::isServerConnection(command.dbPath) && !std::filesystem::exists(command.dbPath)) {
        std::cerr << "找不到数据库文件“" << command.dbPath << "”。请检查 --db 的路径。\n";
        return 1;
    }
    try {
        storage::Storage storage(command.dbPath);
        return gui::runSnapshot(storage, {command.slide, command.outPath, command.width, command.height, command.today},
                                std::cout, std::cerr);
    } catch (const storage::StorageError& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

} // namespace

int main(int argc, char** argv) {
    // `jinguo server …` names a PostgreSQL server, not a file: its own parser.
    if (argc > 1 && std::string(argv[1]) == "server")
        return cli::runServerCommand(std::vector<std::string>(argv + 2, argv + argc), std::cin, std::cout, std::cerr);
    // `jinguo copy` takes a file or a server on either side: its own parser too.
    if (argc > 1 && std::string(argv[1]) == "copy")
        return cli::runCopyCommand(std::vector<std::string>(argv + 2, argv + argc), std::cout, std::cerr);
    const cli::Command command = cli::parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (!command.error.empty()) {
        // leaderboard, targets, snapshot and report are scripted: one line, no usage text.
        const bool oneLine = command.kind == cli::CommandKind::Leaderboard || command.kind == cli::CommandKind::Targets
                             || command.kind == cli::CommandKind::Snapshot || command.kind == cli::CommandKind::Report;
        std::cerr << command.error << "\n";
        if (!oneLine) std::cerr << "\n" << cli::usageText();
        return 2;
    }
    // A database on a network share: said once on stderr (backup and restore
    // say it themselves; the window shows it).
    if (!command.dbPath.empty() && command.kind != cli::CommandKind::Gui && command.kind != cli::CommandKind::Backup
        && command.kind != cli::CommandKind::Restore) {
        if (const std::string warning = storage::networkFileSystemWarning(command.dbPath); !warning.empty())
            std::cerr << warning << "\n";
    }
    // Commands that only read (a board, the targets, a report, an export, a
    // slide) cannot spread damage, and SQLite refuses what they read from a
    // damaged page: a big file gets the bounded check at open, as the window
    // does, not the full quick_check (20 s of a 21 s `targets --json` on a
    // 3 GB file). Commands that write keep the full check.
    if (command.kind == cli::CommandKind::Leaderboard || command.kind == cli::CommandKind::Targets
        || command.kind == cli::CommandKind::Report || command.kind == cli::CommandKind::Export
        || command.kind == cli::CommandKind::Snapshot)
        storage::setFullCheckDeferredAbove(storage::kGuiFullCheckLimitBytes);
    switch (command.kind) {
    case cli::CommandKind::Help: std::cout << cli::usageText(); return 0;
    case cli::CommandKind::Version: std::cout << "jinguo " << JINGUO_VERSION << "\n"; return 0;
    case cli::CommandKind::Demo: return demo::runDemoCommand(command.dbPath, std::cout, std::cerr);
    case cli::CommandKind::InputProbe: return platform::runInputProbe(command.outPath);
    case cli::CommandKind::Leaderboard: return cli::runLeaderboardCommand(command, std::cout, std::cerr);
    case cli::CommandKind::Report: return cli::runReportCommand(command, std::cout, std::cerr);
    case cli::CommandKind::Targets: return cli::runTargetsCommand(command, std::cout, std::cerr);
    case cli::CommandKind::Import: return runImport(command);
    case cli::CommandKind::Export: return runExport(command);
    case cli::CommandKind::Snapshot: return runSnapshot(command);
    case cli::CommandKind::AuditPrune: return cli::runAuditPruneCommand(command.dbPath, command.days, std::cout, std::cerr);
    case cli::CommandKind::Backup: return cli::runBackupCommand(command.dbPath, command.outPath, std::cout, std::cerr);
    case cli::CommandKind::Restore:
        return cli::runRestoreCommand(command.dbPath, command.fromPath, std::cout, std::cerr);
    case cli::CommandKind::Gui: return runGui(command);
    }
    return 0;
}
