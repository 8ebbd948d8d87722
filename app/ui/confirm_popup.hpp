// confirm_popup.hpp — "are you sure?" before a destructive action, as a modal
// popup with the question, a red confirm button and 取消 (Escape cancels).
//
//   ConfirmPopup confirmDelete;                         // in the screen's state
//   if (ImGui::Button("删除")) confirmDelete.ask(question);   // question: Chinese, may hold data
//   if (drawConfirmPopup(app, confirmDelete, "volunteer.delete", "删除") == ConfirmChoice::Confirmed)
//       deleteIt();                                     // wrap it in a storage::UndoStep
//
// Call drawConfirmPopup every frame at the same place in the ID stack as the
// button. Tests click "<key>.ok" and "<key>.cancel" (ItemLocator keys).
#pragma once

#include "ui/app_state.hpp"
#include "ui/note_text.hpp"

#include <string>

namespace jinguo::ui {

struct ConfirmPopup {
    std::string question;
    bool pending = false;          // ask() was called; the popup opens on the next draw
    void ask(std::string text) {
        question = std::move(text);
        pending = true;
    }
};

enum class ConfirmChoice { None, Confirmed, Cancelled };

// Returns Confirmed or Cancelled once, in the frame the user chose.
ConfirmChoice drawConfirmPopup(const NoteText& noteText, ConfirmPopup& popup, const char* key, const char* confirmLabel);
inline ConfirmChoice drawConfirmPopup(AppState& app, ConfirmPopup& popup, const char* key, const char* confirmLabel) {
    return drawConfirmPopup(app.noteText, popup, key, confirmLabel);
}

} // namespace jinguo::ui
