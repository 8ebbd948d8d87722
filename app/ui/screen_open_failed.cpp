// screen_open_failed.cpp — see screen_open_failed.hpp.
#include "ui/screen_open_failed.hpp"

#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/screen_backups.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <algorithm>

namespace jinguo::ui {

namespace {


void note(const NoteText& noteText, const std::string& text) {
    if (noteText && !text.empty()) noteText(text);
}

void listBackups(OpenFailedScreen& s, const NoteText& noteText) {
    s.listed = true;
    if (!offersBackups(s.failure)) return;
    s.backups = storage::BackupStore(s.dbPath).list();
    for (const storage::BackupInfo& b : s.backups) note(noteText, b.reason + b.problem);
}

std::string backupLabel(const storage::BackupInfo& b) { return b.when + "（" + b.reason + "）"; }

} // namespace

bool offersBackups(storage::OpenFailure failure) {
    return failure == storage::OpenFailure::Damaged || failure == storage::OpenFailure::NotJinguo;
}

bool restoreOverDamaged(OpenFailedScreen& s, std::size_t index) {
    if (index >= s.backups.size()) return false;
    try {
        s.keptDamagedAs = storage::BackupStore(s.dbPath).restoreOverDamaged(s.backups[index].path);
        s.restoredFrom = backupLabel(s.backups[index]);
        s.error.clear();
        return true;
    } catch (const std::exception& e) {
        s.error = e.what();
        return false;
    }
}

OpenFailedChoice drawOpenFailedScreen(OpenFailedScreen& s, const NoteText& noteText) {
    if (!s.listed) listBackups(s, noteText);
    OpenFailedChoice choice = OpenFailedChoice::None;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("##open_failed", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextColored(kErrorColor, "%s", str::kStartupErrorTitle);
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    if (offersBackups(s.failure)) {
        if (s.backups.empty()) {
            const std::string folder = storage::backupFolderFor(s.dbPath);
            note(noteText, folder);
            ImGui::TextWrapped("%s%s%s", str::kOpenFailedNoBackups, folder.c_str(), str::kOpenFailedNoBackupsEnd);
        } else {
            ImGui::TextWrapped("%s", str::kOpenFailedBackups);
            const float tableHeight = std::min(ImGui::GetTextLineHeightWithSpacing() * (s.backups.size() + 1.5f),
                                               ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 3);
            ImGui::BeginChild("##backups", ImVec2(0, std::max(tableHeight, ImGui::GetFrameHeight() * 3)));
            if (const int i = drawBackupTable(s.backups, "open_failed.restore", str::kBakRestore); i >= 0) {
                s.restoreIndex = static_cast<std::size_t>(i);
                s.confirmRestore.ask(std::string(str::kOpenFailedAskA) + backupLabel(s.backups[s.restoreIndex])
                                     + str::kOpenFailedAskB);
            }
            ImGui::EndChild();
        }
    }
    if (!s.error.empty()) {
        note(noteText, s.error);
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", s.error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    if (s.failure == storage::OpenFailure::Busy || s.failure == storage::OpenFailure::ServerUnreachable) {
        if (ImGui::Button(str::kOpenFailedRetry)) choice = OpenFailedChoice::Retry;
        locate("open_failed.retry");
        ImGui::SameLine();
    }
    if (ImGui::Button(str::kOpenFailedOpenOther)) {
        resetOpenDialog(s.picker, s.dbPath);
        s.picker.files.extensions = {".db", ".sqlite", ".sqlite3"};
        s.picker.requestOpen = true;
    }
    locate("open_failed.open_other");
    ImGui::SameLine();
    if (ImGui::Button(str::kOpenFailedQuit)) choice = OpenFailedChoice::Quit;
    locate("open_failed.quit");

    if (drawConfirmPopup(noteText, s.confirmRestore, "open_failed.confirm", str::kOpenFailedRestoreConfirm)
            == ConfirmChoice::Confirmed
        && restoreOverDamaged(s, s.restoreIndex))
        choice = OpenFailedChoice::Retry;
    if (OpenChoice chosen; drawOpenDialog(noteText, s.picker, str::kOpenFailedPickTitle, "open_failed.picker", chosen)) {
        s.chosenPath = chosen.path;
        choice = OpenFailedChoice::OpenOther;
    }
    ImGui::End();
    return choice;
}

} // namespace jinguo::ui
