// confirm_popup.cpp — see confirm_popup.hpp.
#include "ui/confirm_popup.hpp"

#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"
#include "ui/theme.hpp"

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
    pushAccentButton();
    if (ImGui::Button(confirmLabel, ImVec2(width, 0))) choice = ConfirmChoice::Confirmed;
    popAccentButton();
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
