// leave_guard.hpp — "表单有未保存的修改" before the user leaves a form whose
// fields differ from what was loaded (or a new form with anything typed).
//
// A screen tells the guard, every frame and before drawing its list, that its
// form is dirty and how to save or discard it:
//
//   if (formDirty(s)) formIsDirty(app, &s, name, [&] { return trySave(app, s); }, [&] { discard(s); });
//
// and routes each way of leaving through leaveThen, naming itself so that
// only its own form counts (a hidden tab's form is not asked about on a row
// click here):
//
//   if (rowClicked) leaveThen(app, [&app, &s, id] { select(app, s, id); }, &s);
//
// (the open row too: clicking it reloads what is stored, e.g. after a
// StaleFormError, so with typed text it asks as well).
//
// The shell does the same for the sidebar and the window's close button.
// With a dirty form the guard asks (保存 / 不保存 / 取消); otherwise, and after
// 保存 or 不保存, `then` runs. A refused save (validation, StaleFormError)
// stays on the form: `save` returns false and has put the reason on the form.
// Tests click "leave.save", "leave.discard", "leave.cancel".
#pragma once

#include "ui/app_state.hpp"
#include "ui/ui_strings.hpp"

#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace jinguo::ui {

struct DirtyForm {
    const void* owner = nullptr;       // the screen's state: leaveThen(…, owner) asks only about its own
    std::string name;                  // the record as the question names it
    std::function<bool()> save;        // true: saved; false: refused, the form says why
    std::function<void()> discard;     // back to the record as loaded (a new form closes)
};

struct LeaveGuard {
    // Registered during this frame's section (cleared before it is drawn).
    std::vector<DirtyForm> dirty;
    // The question on screen: about `asked`, then `then`.
    bool open = false;                 // the popup opens on the next draw
    bool showing = false;
    DirtyForm asked;
    std::function<void()> then;
    // After 保存/不保存: try again next frame (another form may still be dirty).
    std::function<void()> retry;
    const void* retryOwner = nullptr;
    const void* askedFor = nullptr;    // the owner leaveThen was given for `then`
};

LeaveGuard& leaveGuard(AppState& app);   // defined with Screens in app_shell.cpp

// The shown form differs from what it loaded; call every frame it does,
// before anything on the screen may call leaveThen.
void formIsDirty(AppState& app, const void* owner, std::string name, std::function<bool()> save,
                 std::function<void()> discard);

// Runs `then` now when no form is dirty; otherwise asks first and runs it
// after 保存 (if the save went through) or 不保存. 取消 drops it. With an
// owner only that screen's forms count; without (section, close) every one.
void leaveThen(AppState& app, std::function<void()> then, const void* owner = nullptr);

// The window's close button: closes (AppState::closeNow) once no form is
// dirty, or after the answer.
void requestClose(AppState& app);

// How the question names a record: its stored name, or for a new form what
// was typed so far with （新建，尚未保存）.
std::string leaveName(bool isNew, const std::string& name);

// True while the question is on screen (or about to be).
bool leaveQuestionShown(const AppState& app);

// The end of a record form's 保存, from its button and from the question
// alike: `write` makes the store call (and refreshes the form's original);
// then the form is what is stored (asLoaded = form), its error cleared and
// `message` says 已保存. A refusal keeps everything typed and puts the reason
// on the form. Returns whether it was saved.
template <class Form, class Write>
bool commitRecordForm(Form& form, Form& asLoaded, std::string& message, Write&& write) {
    try {
        write();
        form.error.clear();
        asLoaded = form;
        message = str::kRecSaved;
        return true;
    } catch (const std::exception& e) {
        form.error = e.what();
        return false;
    }
}

// 不保存: an edited record goes back to what was loaded; a new form closes.
template <class Form>
void discardRecordForm(Form& form, Form& asLoaded, RowId& selectedId, bool isNew) {
    if (!isNew) {
        form = asLoaded;
        return;
    }
    form = Form{};
    asLoaded = Form{};
    selectedId = 0;
}

// The end of a record form's 删除, once the question was answered 删除:
// `remove` makes the store call; then the form closes and `message` says the
// deletion can be undone. A refusal stays on the form. Returns whether it went.
template <class Form, class Remove>
bool removeRecordForm(Form& form, RowId& selectedId, std::string& message, Remove&& remove) {
    try {
        remove();
        form = Form{};
        selectedId = 0;
        message = str::kDeletedUndoable;
        return true;
    } catch (const std::exception& e) {
        form.error = e.what();
        return false;
    }
}

// For the shell: before the section is drawn, and the popup after it.
void beginLeaveFrame(AppState& app);
void drawLeavePopup(AppState& app);

} // namespace jinguo::ui
