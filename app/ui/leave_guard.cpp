// leave_guard.cpp — see leave_guard.hpp.
#include "ui/leave_guard.hpp"

#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

namespace jinguo::ui {

void formIsDirty(AppState& app, const void* owner, std::string name, std::function<bool()> save,
                 std::function<void()> discard) {
    leaveGuard(app).dirty.push_back({owner, std::move(name), std::move(save), std::move(discard)});
}

void leaveThen(AppState& app, std::function<void()> then, const void* owner) {
    LeaveGuard& g = leaveGuard(app);
    if (g.open || g.showing) return;   // one question at a time; the popup blocks other clicks anyway
    for (const DirtyForm& form : g.dirty) {
        if (owner && form.owner != owner) continue;
        g.asked = form;
        g.then = std::move(then);
        g.askedFor = owner;
        g.open = true;
        return;
    }
    then();
}

bool leaveQuestionShown(const AppState& app) {
    const LeaveGuard& g = leaveGuard(const_cast<AppState&>(app));
    return g.open || g.showing;
}

void requestClose(AppState& app) {
    leaveThen(app, [&app] { app.closeNow = true; });
}

std::string leaveName(bool isNew, const std::string& name) {
    if (!isNew) return name;
    return name.empty() ? std::string(str::kLeaveNewRecord) : name + " " + str::kLeaveNewRecord;
}

void beginLeaveFrame(AppState& app) { leaveGuard(app).dirty.clear(); }

void drawLeavePopup(AppState& app) {
    LeaveGuard& g = leaveGuard(app);
    // The form just saved or discarded is clean now; another may not be.
    if (g.retry && !g.open && !g.showing) {
        std::function<void()> then = std::move(g.retry);
        g.retry = nullptr;
        leaveThen(app, std::move(then), g.retryOwner);
    }
    const std::string id = std::string(str::kLeaveTitle) + "###leave";
    if (g.open) {
        g.open = false;
        g.showing = true;
        if (app.noteText) app.noteText(g.asked.name);
        ImGui::OpenPopup(id.c_str());
    }
    if (!g.showing) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        g.showing = false;   // closed some other way: nothing happens
        g.then = nullptr;
        return;
    }
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
    ImGui::TextUnformatted(str::kLeaveQuestion);
    ImGui::TextUnformatted(g.asked.name.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    enum { None, Save, Discard, Cancel } choice = None;
    const float width = ImGui::GetFontSize() * 6;
    if (ImGui::Button(str::kSave, ImVec2(width, 0))) choice = Save;
    locate("leave.save");
    ImGui::SameLine();
    if (ImGui::Button(str::kLeaveDiscard, ImVec2(width, 0))) choice = Discard;
    locate("leave.discard");
    ImGui::SameLine();
    if (ImGui::Button(str::kCancel, ImVec2(width, 0))) choice = Cancel;
    locate("leave.cancel");
    const int escape = ImGui::GetKeyIndex(ImGuiKey_Escape);
    if (choice == None && escape >= 0 && ImGui::IsKeyPressed(escape, false)) choice = Cancel;
    if (choice != None) {
        ImGui::CloseCurrentPopup();
        g.showing = false;
    }
    ImGui::EndPopup();
    if (choice == None) return;
    std::function<void()> then = std::move(g.then);
    g.then = nullptr;
    DirtyForm asked = std::move(g.asked);
    g.asked = DirtyForm{};
    if (choice == Cancel) return;
    if (choice == Save && !asked.save()) return;   // refused: stay, the form shows why
    if (choice == Discard) asked.discard();
    g.retry = std::move(then);                     // next frame, with fresh registrations
    g.retryOwner = g.askedFor;
}

} // namespace jinguo::ui
