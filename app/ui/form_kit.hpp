// form_kit.hpp — the pieces record forms are built from (fields, unit and
// word pickers, messages, the 保存/取消/删除 bar), drawn one way on every screen.
//
// The font atlas holds only the characters it has been told about, so user
// text must reach AppState::noteText before it is shown or after it is typed
// (a forgotten call shows '?'). These helpers make that call themselves:
// screens that draw user text through them never call noteText.
//
// Keys: a widget with key "k" has the ImGui id "##k" and is located as "k";
// combo options as "k.option.<id | index | none>" (tests/headless_ui.hpp).
#pragma once

#include "core/model.hpp"
#include "ui/app_state.hpp"
#include "ui/theme.hpp"   // kErrorColor, kOkColor … for the messages below

#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::ui {

struct UnitTree;   // record_list.hpp

// Tells the font loader about text about to be shown; empty text is skipped.
void noteUserText(AppState& app, std::string_view text);

// A message in red (a refusal), wrapped; nothing when empty.
void errorText(AppState& app, const std::string& message);
// A message in green (已保存…); nothing when empty.
void okText(AppState& app, const std::string& message);
// Text holding user or rule data, in `color`; wrapped at the window's edge when `wrap`.
void userText(AppState& app, const ImVec4& color, const std::string& text, bool wrap = false);
void userText(AppState& app, const std::string& text, bool wrap = false);   // in the text colour

// A one-line text box `width` wide (ImGui's SetNextItemWidth meaning),
// located as `locateKey` (default: `key`). Returns whether it changed.
bool textInput(AppState& app, const char* key, std::string* value, const char* hint, float width,
               const char* locateKey = nullptr);

// The label on its own line, then a full-width text box under it.
bool labelledField(AppState& app, const char* label, const char* key, std::string* value, const char* hint = "",
                   float width = -1);

// A combo over the unit tree (indented by depth, pinyin order); only units
// whose kind passes `allowed` can be chosen, the others are greyed.
// (isCommunityKind, isStreetKind… of core/vocabulary.hpp fit.)
using UnitKindFilter = bool (*)(UnitKind kind);
bool anyUnitKind(UnitKind kind);
void unitCombo(AppState& app, const UnitTree& tree, const char* key, RowId* unit, const char* noneLabel, float width,
               UnitKindFilter allowed = anyUnitKind);

// The same over a flat list in Storage::units() order (parent before child).
// Flat: no indent; ByTier: indented by the kind's tier, top tier flush;
// ByTierAsTree: like the tree combo, top tier one IndentSpacing in.
// A chosen unit missing from the list previews as `missingLabel`.
enum class UnitIndent { Flat, ByTier, ByTierAsTree };
void unitCombo(AppState& app, const std::vector<OrgUnit>& units, const char* key, RowId* unit, const char* noneLabel,
               float width, UnitIndent indent, const char* missingLabel = "");

// Under a 所属社区 picker with nothing to pick: says to add or import units
// in 组织 first, with a button ("<key>.go") that goes there (asking about
// unsaved edits first).
void noUnitsGuide(AppState& app, const char* key);

// A combo over a list of words; options located as "<key>.option.<index>".
void wordCombo(const char* key, std::string* value, const char* const* words, int count, const char* noneLabel,
               float width);
// The same over the unit kinds of core/vocabulary.hpp, in tree order (option index: kUnitKinds' index).
void unitKindCombo(const char* key, UnitKind* value, float width);

// 保存, 取消 and (when `canDelete`) 删除 on one line, each `buttonWidth` wide,
// located as "<prefix>.save" / ".cancel" / ".delete". After 取消 the bar
// stops drawing (the form is closing).
enum class FormAction { None, Save, Cancel, Delete };
FormAction formButtons(const char* prefix, bool canDelete, float buttonWidth = 110);

// The record screens' two panes: the list on the left, and on the right the
// bordered detail, `detailShare` of the width but never under `minDetailWidth`.
struct ListDetailPanes {
    const char* listId;
    const char* detailId;
    float minDetailWidth;
    float detailShare;
};
void drawListAndDetail(const ListDetailPanes& panes, const std::function<void()>& list,
                       const std::function<void()>& detail);

} // namespace jinguo::ui
