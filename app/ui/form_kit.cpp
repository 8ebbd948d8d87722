// form_kit.cpp — the shared form pieces (form_kit.hpp).
#include "ui/form_kit.hpp"

#include "core/vocabulary.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/record_list.hpp"
#include "ui/ui_strings.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

namespace jinguo::ui {

namespace {

void locateOption(const char* key, const std::string& suffix) {
    if (ItemLocator::instance().enabled()) locate((std::string(key) + ".option." + suffix).c_str());
}

// One option of a unit combo, indented `depth` font sizes; none for depth < 0.
// ImGui::Indent(0) moves by the style's IndentSpacing, so depth 0 is not flush.
void unitOption(AppState& app, const char* key, const OrgUnit& u, int depth, bool pickable, RowId* unit) {
    ImGui::PushID(static_cast<int>(u.id));
    const float indent = static_cast<float>(depth) * ImGui::GetFontSize();
    if (depth >= 0) ImGui::Indent(indent);
    noteUserText(app, u.name);
    if (ImGui::Selectable(u.name.c_str(), u.id == *unit, pickable ? 0 : ImGuiSelectableFlags_Disabled)) *unit = u.id;
    locateOption(key, std::to_string(u.id));
    if (depth >= 0) ImGui::Unindent(indent);
    ImGui::PopID();
}

// Opens the combo with its none option; the caller adds the units and ends it.
bool beginUnitCombo(AppState& app, const char* key, RowId* unit, const char* preview, const char* noneLabel,
                    float width) {
    noteUserText(app, preview);
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo((std::string("##") + key).c_str(), preview, ImGuiComboFlags_HeightLarge)) return false;
    if (noneLabel[0] != '\0' && ImGui::Selectable(noneLabel, *unit == 0)) *unit = 0;
    locateOption(key, "0");
    return true;
}

} // namespace

void noteUserText(AppState& app, std::string_view text) {
    if (app.noteText && !text.empty()) app.noteText(text);
}

void noUnitsGuide(AppState& app, const char* key) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarningColor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(str::kNoUnitsGuide);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    locate(key);
    if (ImGui::SmallButton((std::string(str::kNoUnitsGo) + "##" + key).c_str()))
        leaveThen(app, [&app] { app.section = Section::Units; });
    locate((std::string(key) + ".go").c_str());
}

void errorText(AppState& app, const std::string& message) {
    if (message.empty()) return;
    noteUserText(app, message);
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s", message.c_str());
    ImGui::PopStyleColor();
}

void okText(AppState& app, const std::string& message) {
    if (message.empty()) return;
    noteUserText(app, message);
    ImGui::TextColored(kOkColor, "%s", message.c_str());
}

void userText(AppState& app, const ImVec4& color, const std::string& text, bool wrap) {
    noteUserText(app, text);
    if (!wrap) {
        ImGui::TextColored(color, "%s", text.c_str());
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void userText(AppState& app, const std::string& text, bool wrap) {
    userText(app, ImGui::GetStyleColorVec4(ImGuiCol_Text), text, wrap);
}

bool textInput(AppState& app, const char* key, std::string* value, const char* hint, float width,
               const char* locateKey) {
    ImGui::SetNextItemWidth(width);
    const bool changed = ImGui::InputTextWithHint((std::string("##") + key).c_str(), hint, value);
    locate(locateKey ? locateKey : key);
    if (changed) noteUserText(app, *value);
    return changed;
}

bool labelledField(AppState& app, const char* label, const char* key, std::string* value, const char* hint,
                   float width) {
    ImGui::TextUnformatted(label);
    return textInput(app, key, value, hint, width);
}

bool anyUnitKind(UnitKind) { return true; }

void unitCombo(AppState& app, const UnitTree& tree, const char* key, RowId* unit, const char* noneLabel, float width,
               UnitKindFilter allowed) {
    const char* preview = *unit == 0 ? noneLabel : tree.name(*unit).c_str();
    if (beginUnitCombo(app, key, unit, preview, noneLabel, width)) {
        for (std::size_t i = 0; i < tree.units.size(); ++i)
            unitOption(app, key, tree.units[i], tree.depth[i], allowed(tree.units[i].kind), unit);
        ImGui::EndCombo();
    }
    locate(key);
}

void unitCombo(AppState& app, const std::vector<OrgUnit>& units, const char* key, RowId* unit, const char* noneLabel,
               float width, UnitIndent indent, const char* missingLabel) {
    const char* preview = *unit == 0 ? noneLabel : missingLabel;
    for (const OrgUnit& u : units)
        if (*unit != 0 && u.id == *unit) preview = u.name.c_str();
    if (beginUnitCombo(app, key, unit, preview, noneLabel, width)) {
        // Indent by tier so a street's communities read as its children.
        for (const OrgUnit& u : units) {
            const int tier = tierDepth(u.kind);
            const int depth = indent == UnitIndent::Flat ? -1 : indent == UnitIndent::ByTier && tier == 0 ? -1 : tier;
            unitOption(app, key, u, depth, true, unit);
        }
        ImGui::EndCombo();
    }
    locate(key);
}

void wordCombo(const char* key, std::string* value, const char* const* words, int count, const char* noneLabel,
               float width) {
    const std::string id = std::string("##") + key;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id.c_str(), value->empty() ? noneLabel : value->c_str(), ImGuiComboFlags_HeightLarge)) {
        if (noneLabel[0] != '\0') {
            if (ImGui::Selectable(noneLabel, value->empty())) value->clear();
            locateOption(key, "none");
        }
        for (int i = 0; i < count; ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(words[i], *value == words[i])) *value = words[i];
            locateOption(key, std::to_string(i));
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    locate(key);
}

void unitKindCombo(const char* key, UnitKind* value, float width) {
    const std::string id = std::string("##") + key;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id.c_str(), shownWord(*value), ImGuiComboFlags_HeightLarge)) {
        for (std::size_t i = 0; i < kUnitKinds.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(kUnitKinds[i].shown, *value == kUnitKinds[i].kind)) *value = kUnitKinds[i].kind;
            locateOption(key, std::to_string(i));
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    locate(key);
}

FormAction formButtons(const char* prefix, bool canDelete, float buttonWidth) {
    const std::string p = prefix;
    FormAction action = FormAction::None;
    if (ImGui::Button(str::kSave, ImVec2(buttonWidth, 0))) action = FormAction::Save;
    locate((p + ".save").c_str());
    ImGui::SameLine();
    if (ImGui::Button(str::kCancel, ImVec2(buttonWidth, 0))) return FormAction::Cancel;
    locate((p + ".cancel").c_str());
    if (canDelete) {
        ImGui::SameLine();
        if (ImGui::Button(str::kDelete, ImVec2(buttonWidth, 0))) action = FormAction::Delete;
        locate((p + ".delete").c_str());
    }
    return action;
}

void drawListAndDetail(const ListDetailPanes& panes, const std::function<void()>& list,
                       const std::function<void()>& detail) {
    const float detailWidth = std::max(panes.minDetailWidth, ImGui::GetContentRegionAvail().x * panes.detailShare);
    ImGui::BeginChild(panes.listId, ImVec2(-detailWidth, 0));
    list();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild(panes.detailId, ImVec2(0, 0), true);
    detail();
    ImGui::EndChild();
}

} // namespace jinguo::ui
