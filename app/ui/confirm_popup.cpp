// confirm_popup.cpp — see confirm_popup.hpp.
#include "ui/confirm_popup.hpp"

#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

namespace jinguo::ui {

ConfirmChoice drawConfirmPopup(const NoteText& noteText, ConfirmPopup& popup, const char* key, const char* confirmLabel) {
    // "###key" keeps one popup per key whatever the visible title.
    const std::string id = std::string(str::kConfirmTitle) + "###" + key;
    if (popup.pending) {
        popup.pending = false;
        if (noteText) noteText(popup.question);
        ImGui::OpenPopup(id.c_str());
    }
    ConfirmChoice choice = ConfirmChoice::None;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
        return choice;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
    ImGui::TextUnformatted(popup.question.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float width = ImGui::GetFontSize() * 6;
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.72f, 0.09f, 0.12f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.85f, 0.16f, 0.16f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.60f, 0.06f, 0.08f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(confirmLabel, ImVec2(width, 0))) choice = ConfirmChoice::Confirmed;
    ImGui::PopStyleColor(4);
    locate((std::string(key) + ".ok").c_str());
    ImGui::SameLine();
    if (ImGui::Button(str::kCancel, ImVec2(width, 0))) choice = ConfirmChoice::Cancelled;
    locate((std::string(key) + ".cancel").c_str());
    const int escape = ImGui::GetKeyIndex(ImGuiKey_Escape);
    if (choice == ConfirmChoice::None && escape >= 0 && ImGui::IsKeyPressed(escape, false)) choice = ConfirmChoice::Cancelled;
    if (choice != ConfirmChoice::None) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return choice;
}

} // namespace jinguo::ui
