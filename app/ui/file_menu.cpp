// file_menu.cpp — see file_menu.hpp.
#include "ui/file_menu.hpp"

#include "core/preferences.hpp"
#include "storage/database.hpp"
#include "ui/database_session.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <filesystem>
#include <string>

namespace jinguo::ui {

namespace {

constexpr const char* kMenuPopup = "##file_menu_popup";

void switchTo(AppState& app, const std::string& path) {
    app.fileError.clear();
    app.openRequest = path;
}

// A server open that was refused: the 服务器 tab again, its fields filled,
// the reason under them (not only in the sidebar, where it is hard to relate).
void reopenServerTabOnRefusal(AppState& app, FileMenu& m) {
    if (m.serverAwaiting.empty() || !app.openRequest.empty()) return;
    if (!app.fileError.empty()) {
        const ServerFields typed = m.openDialog.server;
        resetOpenDialog(m.openDialog, m.serverAwaiting);
        if (conninfoOf(typed.address) == m.serverAwaiting) m.openDialog.server = typed;   // as typed, password kept
        m.openDialog.server.error = app.fileError;
        m.openDialog.selectServerTab = true;
        m.openDialog.requestOpen = true;
        app.fileError.clear();
    }
    m.serverAwaiting.clear();
}

} // namespace

void drawFileMenu(AppState& app, FileMenu& m) {
    reopenServerTabOnRefusal(app, m);
    if (m.demoJob.poll()) {
        std::string error = m.demoJob.error();
        if (error.empty() && m.demoJob.result()) error = *m.demoJob.result();
        if (!error.empty()) {
            app.fileError = error;
            if (app.noteText) app.noteText(error);
        } else {
            switchTo(app, app.demoDatabasePath);   // written: the window switches between frames
        }
    }
    if (ImGui::Button(str::kFileMenu)) ImGui::OpenPopup(kMenuPopup);
    locate("file.menu");
    if (app.demoDatabase) {
        // 示例: a badge beside 文件, explained on hover.
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, theme::kAccent);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kAccent);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::kAccent);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kOnAccent);
        ImGui::SmallButton(str::kDemoBadge);
        ImGui::PopStyleColor(4);
        locate("demo.badge");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kDemoBadgeHelp);
    }
    if (m.demoJob.running()) {
        // Under 文件, wrapped: the sidebar is narrow.
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(str::kFirstDemoWriting);
        ImGui::PopTextWrapPos();
        locate("file.demo_progress");
    }

    if (ImGui::BeginPopup(kMenuPopup)) {
        if (ImGui::Selectable(str::kFileNew))
            leaveThen(app, [&app, &m] {
                resetNewDatabaseForm(m.form, app.ownDatabasePath);
                if (app.noteText) app.noteText(m.form.path);
                m.newRequested = true;
            });
        locate("file.new");
        if (ImGui::Selectable(str::kFileOpen))
            leaveThen(app, [&app, &m] {
                resetOpenDialog(m.openDialog, app.storage.path());
                m.openDialog.requestOpen = true;
            });
        locate("file.open");
        if (!app.demoDatabasePath.empty() && !app.demoDatabase) {
            // Written on a task (seconds): the window keeps drawing, 正在生成 beside 文件.
            if (ImGui::Selectable(str::kFileDemo, false, m.demoJob.running() ? ImGuiSelectableFlags_Disabled : 0))
                leaveThen(app, [&app, &m] {
                    app.fileError.clear();
                    startDemoDatabase(m.demoJob, app.demoDatabasePath);
                });
            locate("file.demo");
        }
        // Two items, on purpose: 另存为 is SQLite's own backup of the open
        // file (exact, fast, then the window works on the copy); 另存到服务器
        // 或新文件 clones table by table across engines and verifies counts
        // and sums. On a server only the second can work, so only it shows.
        if (!app.storage.db().isServer()) {
            if (ImGui::Selectable(str::kFileSaveAs))
                leaveThen(app, [&app, &m] {
                    const std::filesystem::path current(app.storage.path());
                    resetFilePicker(m.saveAsPicker, FilePicker::Mode::Save, {".db"},
                                    (current.parent_path() / (current.stem().string() + "-副本.db")).string());
                    m.saveAsPicker.requestOpen = true;
                });
            locate("file.saveas");
        }
        if (ImGui::Selectable(str::kFileCopyTo)) leaveThen(app, [&app, &m] { openCopyDialog(app, m.copyDialog); });
        locate("file.copy_to");
        ImGui::Separator();
        ImGui::TextDisabled("%s", str::kFileRecent);
        int shown = 0;
        for (std::size_t i = 0; i < app.recentDatabases.size(); ++i) {
            const std::string& path = app.recentDatabases[i];
            if (sameFile(path, app.storage.path())) continue;   // the open one
            const bool server = storage::isServerConnection(path);
            const bool exists = server || databaseFileExists(path);   // a server answers only when asked
            const std::string display = storage::databaseDisplayName(path);
            if (app.noteText) app.noteText(display);
            const std::string label = exists ? display : display + str::kFileRecentMissing;
            if (ImGui::Selectable((label + "##recent" + std::to_string(i)).c_str(), false,
                                  exists ? 0 : ImGuiSelectableFlags_Disabled))
                leaveThen(app, [&app, &m, path, server] {
                    switchTo(app, path);
                    if (server) m.serverAwaiting = path;
                });
            locate(("file.recent." + std::to_string(shown)).c_str());
            ++shown;
        }
        if (shown == 0) ImGui::TextDisabled("%s", str::kFileRecentNone);
        ImGui::EndPopup();
    }

    // The windows the menu opens, drawn outside it (the menu has closed by then).
    if (m.newRequested) {
        ImGui::OpenPopup(str::kFileNew);
        m.newRequested = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(viewport->Size.x * 0.6f, 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.4f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal(str::kFileNew, nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", str::kFirstNewHelp);
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        bool cancelled = false;
        const NoteText note = app.noteText;
        if (drawNewDatabaseForm(m.form, note, "file.form", true, &cancelled)) {
            switchTo(app, m.form.path);
            ImGui::CloseCurrentPopup();
        }
        if (cancelled) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (OpenChoice choice; drawOpenDialog(app.noteText, m.openDialog, str::kOpenPickerTitle, "file.picker", choice)) {
        switchTo(app, choice.path);
        if (storage::isServerConnection(choice.path)) m.serverAwaiting = choice.path;
    }
    if (const std::string copy = drawCopyDialog(app, m.copyDialog); !copy.empty()) switchTo(app, copy);
    if (drawFilePickerModal(app, m.saveAsPicker, str::kSaveAsPickerTitle, "file.saveas_picker")) {
        if (std::string error = saveDatabaseAs(app.storage, m.saveAsPicker.path); !error.empty()) {
            app.fileError = error;
            if (app.noteText) app.noteText(error);
        } else {
            switchTo(app, m.saveAsPicker.path);   // the copy becomes the open database
        }
    }
}

void drawFileError(AppState& app) {
    if (app.fileError.empty()) return;
    errorText(app, app.fileError);
    if (ImGui::SmallButton(str::kFileDismiss)) app.fileError.clear();
    locate("file.error.dismiss");
}

} // namespace jinguo::ui
