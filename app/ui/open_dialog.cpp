// open_dialog.cpp — see open_dialog.hpp.
#include "ui/open_dialog.hpp"

#include "storage/database.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

namespace jinguo::ui {

void resetOpenDialog(OpenDialog& d, const std::string& current) {
    const bool server = storage::isServerConnection(current);
    resetFilePicker(d.files, FilePicker::Mode::Open, {".db"}, server ? std::string() : current);
    const bool remember = d.server.rememberPassword;
    d.server = ServerFields{};
    d.server.rememberPassword = remember;
    fillServerFields(d.server, current);
    d.selectServerTab = server;
}

bool drawOpenDialog(const NoteText& noteText, OpenDialog& d, const char* title, const char* key, OpenChoice& choice) {
    if (d.requestOpen) {
        ImGui::OpenPopup(title);
        d.requestOpen = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(viewport->Size.x * 0.7f, viewport->Size.y * 0.7f), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    bool chosen = false;
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) return false;
    const std::string k = key;
    if (ImGui::BeginTabBar((k + ".tabs").c_str())) {
        const bool fileTab = ImGui::BeginTabItem(str::kOpenTabFile);
        locate((k + ".tab.file").c_str());
        if (fileTab) {
            const float height = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing();
            if (drawFileBrowser(noteText, d.files, key, str::kPickOpen, height)) {
                choice = {d.files.path};
                chosen = true;
            }
            ImGui::EndTabItem();
        }
        const bool serverTab =
            ImGui::BeginTabItem(str::kOpenTabServer, nullptr, d.selectServerTab ? ImGuiTabItemFlags_SetSelected : 0);
        locate((k + ".tab.server").c_str());
        d.selectServerTab = false;
        if (serverTab) {
            const float height = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing();
            ImGui::BeginChild((k + ".server_page").c_str(), ImVec2(0, height));
            if (const std::string conninfo = drawServerFields(noteText, d.server, (k + ".server").c_str(), str::kServerConnect);
                !conninfo.empty()) {
                choice = {conninfo};
                chosen = true;
            }
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    if (ImGui::Button(str::kPickCancel)) ImGui::CloseCurrentPopup();
    locate((k + ".cancel").c_str());
    if (chosen) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

} // namespace jinguo::ui
