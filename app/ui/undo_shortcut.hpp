// undo_shortcut.hpp — Ctrl+Z: undo the newest change of this session.
//
// handleUndoShortcut is called once per frame from drawApp, after the main
// window. When Ctrl+Z (without Shift) is pressed while no text field is being
// edited (there Ctrl+Z undoes the typing) and no popup is open, it undoes the
// newest undo step (storage::UndoStore::undoLast) and shows what was undone —
// or why it was refused — in a message line at the bottom of the window.
// Ctrl+Y (or Ctrl+Shift+Z) redoes what the newest undo took back, while
// nothing else was changed since.
#pragma once

#include "ui/app_state.hpp"

#include <string>

namespace jinguo::ui {

void handleUndoShortcut(AppState& app);

// What Ctrl+Z does, for a button or menu item; returns the message shown.
std::string undoLastStep(AppState& app);
std::string redoLastStep(AppState& app);

// 撤销 and 重做 as buttons (keys undo.button / redo.button), drawn on the
// current line: the same undoLastStep/redoLastStep as Ctrl+Z/Ctrl+Y, the
// step's label as tooltip, disabled when there is nothing to undo or redo.
// What can be undone is read once per storage revision, not every frame.
void drawUndoRedoButtons(AppState& app);
// Their width, to right-align them.
float undoRedoButtonsWidth();

// The message line's current text ("" when none): for tests.
const std::string& undoMessage();

} // namespace jinguo::ui
