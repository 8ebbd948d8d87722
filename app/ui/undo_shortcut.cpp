// undo_shortcut.cpp — see undo_shortcut.hpp.
#include "ui/undo_shortcut.hpp"

#include "core/frame_wake.hpp"

#include "storage/undo_store.hpp"
#include "core/local_time.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <cstdint>
#include <cstdio>
#include <optional>

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

// What the buttons offer, read again when the data or the session changed.
struct Offer {
    std::string session;
    std::uint64_t revision = ~0ULL;
    std::optional<storage::UndoStepInfo> undo, redo;
};
Offer g_offer;

const Offer& currentOffer(AppState& app) {
    if (g_offer.session != app.storage.sessionId() || g_offer.revision != app.storage.revision()) {
        g_offer = {app.storage.sessionId(), app.storage.revision(), std::nullopt, std::nullopt};
        try {
            storage::UndoStore store(app.storage);
            g_offer.undo = store.lastStep();
            g_offer.redo = store.redoableStep();
        } catch (const std::exception&) {
            // Unreadable now: both buttons stay disabled; Ctrl+Z still says why.
        }
    }
    return g_offer;
}

std::string formatTip(const char* format, const std::string& label, const std::string& when) {
    char buf[768];
    std::snprintf(buf, sizeof buf, format, label.c_str(), when.c_str());
    return buf;
}

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

float undoRedoButtonsWidth() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::CalcTextSize(str::kPolishUndoButton).x + ImGui::CalcTextSize(str::kPolishRedoButton).x
         + style.FramePadding.x * 4 + style.ItemSpacing.x;
}

void drawUndoRedoButtons(AppState& app) {
    const Offer& offer = currentOffer(app);
    const bool canUndo = offer.undo.has_value(), canRedo = offer.redo.has_value();
    // Copied: a click below changes the revision, and with it g_offer.
    const std::string undoTip = canUndo ? formatTip(str::kPolishUndoTipFormat, offer.undo->label,
                                                    localTimeText(offer.undo->startedAt))
                                        : std::string(str::kPolishNothingToUndo);
    const std::string redoTip = canRedo ? formatTip(str::kPolishRedoTipFormat, offer.redo->label, "")
                                        : std::string(str::kPolishNothingToRedo);
    ImGui::BeginDisabled(!canUndo);
    if (ImGui::Button(str::kPolishUndoButton)) undoLastStep(app);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", undoTip.c_str());
    locate("undo.button");
    ImGui::SameLine();
    ImGui::BeginDisabled(!canRedo);
    if (ImGui::Button(str::kPolishRedoButton)) redoLastStep(app);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", redoTip.c_str());
    locate("redo.button");
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
    redrawWithin(kShowSeconds - (ImGui::GetTime() - g_line.shownAt) + 0.01);   // an idle window takes it away on time
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
