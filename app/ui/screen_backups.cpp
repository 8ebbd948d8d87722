// screen_backups.cpp — 设置 → 备份与恢复 (see screen_backups.hpp).
#include "core/number_format.hpp"
#include "ui/screen_backups.hpp"

#include "storage/undo_store.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace jinguo::ui {

namespace {


void reload(AppState& app, BackupsScreen& s) {
    storage::BackupStore store(app.storage.path());
    s.backups = store.list();
    const storage::BackupRotation stored = store.rotation();
    if (!s.ruleLoaded || stored.keepRecent != s.rotation.keepRecent || stored.keepMonths != s.rotation.keepMonths) {
        s.keepRecent = stored.keepRecent;   // what was typed and not saved stays, unless the rule itself changed
        s.keepMonths = stored.keepMonths;
        s.ruleLoaded = true;
    }
    s.rotation = stored;
    s.listedRevision = app.storage.revision();
    for (const auto& b : s.backups) noteUserText(app, b.reason);
}

std::string sizeText(std::uintmax_t bytes) {
    if (bytes >= 1024 * 1024) return fmt::fixedGrouped(static_cast<double>(bytes) / (1024.0 * 1024.0), 1) + " MB";
    return fmt::fixedGrouped(static_cast<double>(bytes) / 1024.0, 0) + " KB";
}

std::string figure(std::int64_t n) { return n < 0 ? std::string(str::kBakUnreadable) : fmt::count(n); }

// xdg-open in the background; a missing xdg-open is said, any later failure
// of the file manager cannot be seen, so the folder is always named.
void openFolder(AppState& app, BackupsScreen& s) {
    const std::string folder = storage::BackupStore(app.storage.path()).folder();
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    pid_t pid = 0;
    char arg0[] = "xdg-open";
    std::string path = folder;
    char* argv[] = {arg0, path.data(), nullptr};
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) {
        s.error = std::string(str::kBakOpenFailed) + folder;
        s.message.clear();
        return;
    }
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();   // no zombie left behind
    s.message = std::string(str::kBakOpenTried) + folder;
    s.error.clear();
}

} // namespace

int drawBackupTable(const std::vector<storage::BackupInfo>& backups, const char* key, const char* actionLabel,
                    bool actionsDisabled) {
    int clicked = -1;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(key, 7, flags)) return clicked;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(str::kBakColTime, 0, 1.6f);
    ImGui::TableSetupColumn(str::kBakColReason, 0, 1.0f);
    ImGui::TableSetupColumn(str::kBakColPeople, 0, 0.7f);
    ImGui::TableSetupColumn(str::kBakColFamilies, 0, 0.7f);
    ImGui::TableSetupColumn(str::kBakColPosts, 0, 0.8f);
    ImGui::TableSetupColumn(str::kBakColSize, 0, 0.7f);
    ImGui::TableSetupColumn(str::kBakColAction, 0, 0.7f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < backups.size(); ++i) {
        const storage::BackupInfo& b = backups[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.when.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.reason.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figure(b.people).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figure(b.families).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figure(b.posts).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sizeText(b.bytes).c_str());
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(actionsDisabled);
        if (ImGui::SmallButton(actionLabel)) clicked = static_cast<int>(i);
        ImGui::EndDisabled();
        locate((std::string(key) + "." + std::to_string(i)).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
    return clicked;
}

void backupNow(AppState& app, BackupsScreen& s) {
    if (s.backupTask.running()) return;
    s.message = str::kBakRunning;
    s.error.clear();
    s.backupTask.start({app.storage.revision(), "backup"}, [path = app.storage.path()](TaskControl&) {
        BackupsScreen::Outcome outcome;
        try {
            const storage::BackupInfo made = storage::BackupStore(path).create(storage::kBackupManual);
            outcome.message = std::string(str::kBakDone) + made.fileName;
        } catch (const std::exception& e) {
            outcome.error = e.what();
        }
        return outcome;
    });
}

namespace {
// Takes the task's outcome once it is done (once per frame).
void collectBackup(AppState& app, BackupsScreen& s) {
    if (!s.backupTask.poll()) return;
    const BackupsScreen::Outcome outcome = s.backupTask.takeResult().value_or(BackupsScreen::Outcome{});
    s.message = outcome.message;
    s.error = outcome.error;
    s.listedRevision = 0;   // list again
}
} // namespace

void restoreBackup(AppState& app, BackupsScreen& s, const std::string& path, const std::string& when) {
    try {
        const storage::BackupInfo before = storage::BackupStore(app.storage.path()).restore(app.storage.db(), path);
        s.message = std::string(str::kBakRestoredA) + when + str::kBakRestoredB + before.fileName;
        s.error.clear();
    } catch (const std::exception& e) {
        s.error = e.what();
        s.message.clear();
    }
    // Every screen reloads: the data under them is another.
    app.storage.bump();
    app.rescanCharacters = true;
    s.listedRevision = 0;
}

void saveRotation(AppState& app, BackupsScreen& s) {
    if (s.keepRecent < 1 || s.keepRecent > 1000 || s.keepMonths < 0 || s.keepMonths > 120) {
        s.error = str::kBakRuleBad;
        s.message.clear();
        return;
    }
    try {
        storage::UndoStep step(app.storage, str::kBakSaveRule);
        app.storage.setSetting("backup.keep_recent", std::to_string(s.keepRecent));
        app.storage.setSetting("backup.keep_months", std::to_string(s.keepMonths));
        s.message = str::kBakRuleSaved;
        s.error.clear();
    } catch (const std::exception& e) {
        s.error = e.what();
        s.message.clear();
    }
}

void drawBackupsTab(AppState& app, BackupsScreen& s) {
    // A server's database is backed up by the server's own pg_dump schedule:
    // there is no file here to copy or replace.
    if (app.storage.db().isServer()) {
        ImGui::TextWrapped("%s", str::kBakServer);
        locate("backups.server");
        return;
    }
    collectBackup(app, s);
    if (s.listedRevision != app.storage.revision()) reload(app, s);
    ImGui::TextWrapped("%s", str::kBakIntro);
    const std::string folder = storage::BackupStore(app.storage.path()).folder();
    userText(app, str::kBakFolder + folder, true);
    ImGui::TextWrapped(str::kBakRule, s.rotation.keepRecent, s.rotation.keepMonths);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt(str::kBakKeepRecent, &s.keepRecent);
    locate("backups.keep_recent");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt(str::kBakKeepMonths, &s.keepMonths);
    locate("backups.keep_months");
    ImGui::SameLine();
    if (ImGui::Button(str::kBakSaveRule)) saveRotation(app, s);
    locate("backups.save_rule");

    const bool busy = s.backupTask.running();
    ImGui::BeginDisabled(busy);   // one backup at a time; no restore while one is written
    if (ImGui::Button(str::kBakNow)) backupNow(app, s);
    locate("backups.now");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(str::kBakOpenFolder)) openFolder(app, s);
    locate("backups.open_folder");

    okText(app, s.message);
    errorText(app, s.error);

    if (s.backups.empty()) {
        ImGui::TextDisabled("%s", str::kBakNone);
    } else if (const int i = drawBackupTable(s.backups, "backups.restore", str::kBakRestore, busy); i >= 0) {
        const storage::BackupInfo& b = s.backups[static_cast<std::size_t>(i)];
        s.restorePath = b.path;
        s.restoreWhen = b.when + "（" + b.reason + "）";
        s.confirmRestore.ask(std::string(str::kBakAskA) + s.restoreWhen + str::kBakAskB);
    }
    if (drawConfirmPopup(app, s.confirmRestore, "backups.restore", str::kBakRestoreConfirm) == ConfirmChoice::Confirmed)
        restoreBackup(app, s, s.restorePath, s.restoreWhen);
}

} // namespace jinguo::ui
