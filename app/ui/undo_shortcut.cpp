// undo_shortcut.cpp — see undo_shortcut.hpp.
#include "ui/undo_shortcut.hpp"

#include "storage/undo_store.hpp"
#include "ui/form_kit.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <cstdio>

namespace jinguo::ui {

namespace {

// One message line for the app (there is one window); it belongs to the
// storage session it was about, so a new database starts without one.
struct MessageLine {
    std::string session;
    std::string text;
    bool refused = false;
    double shownAt = -1;
};
MessageLine g_line;

constexpr double kShowSeconds = 8.0;

void show(AppState& app, std::string text, bool refused) {
    if (app.noteText) app.noteText(text);
    g_line = {app.storage.sessionId(), std::move(text), refused, ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0};
}

} // namespace

std::string undoLastStep(AppState& app) {
    try {
        const auto undone = storage::UndoStore(app.storage).undoLast();
        if (!undone) {
            show(app, str::kUndoNothing, false);
        } else {
            char buf[512];
            std::snprintf(buf, sizeof buf, str::kUndoDoneFormat, undone->label.c_str());
            show(app, buf, false);
        }
    } catch (const std::exception& e) {
        show(app, e.what(), true);   // nothing was changed; the message says why
    }
    return g_line.text;
}

std::string redoLastStep(AppState& app) {
    try {
        const auto redone = storage::UndoStore(app.storage).redoLast();
        if (!redone) {
            show(app, str::kUndoNothingToRedo, false);
        } else {
            char buf[512];
            std::snprintf(buf, sizeof buf, str::kUndoRedoneFormat, redone->label.c_str());
            show(app, buf, false);
        }
    } catch (const std::exception& e) {
        show(app, e.what(), true);
    }
    return g_line.text;
}

const std::string& undoMessage() {
    static const std::string none;
    return g_line.shownAt >= 0 ? g_line.text : none;
}

void handleUndoShortcut(AppState& app) {
    if (g_line.session != app.storage.sessionId()) g_line = {};
    const ImGuiIO& io = ImGui::GetIO();
    const int z = ImGui::GetKeyIndex(ImGuiKey_Z);
    const bool typing = io.WantTextInput || ImGui::IsAnyItemActive();
    const bool popupOpen = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    const int y = ImGui::GetKeyIndex(ImGuiKey_Y);
    if (io.KeyCtrl && !io.KeyAlt && !typing && !popupOpen) {
        const bool zPressed = z >= 0 && ImGui::IsKeyPressed(z, false);
        if (zPressed && !io.KeyShift) undoLastStep(app);
        else if ((zPressed && io.KeyShift) || (y >= 0 && !io.KeyShift && ImGui::IsKeyPressed(y, false))) redoLastStep(app);
    }

    if (g_line.text.empty() || ImGui::GetTime() - g_line.shownAt > kShowSeconds) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y - 16),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.94f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize
                                 | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing
                                 | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    if (ImGui::Begin("##undo_message", nullptr, flags)) {
        ImGui::PushTextWrapPos(viewport->Size.x * 0.6f);
        ImGui::TextColored(g_line.refused ? kErrorColor : kOkColor, "%s",
                           g_line.text.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::End();
}

} // namespace jinguo::ui
