// screen_units.cpp — 组织: the unit tree on the left (indented, siblings in
// pinyin order), the selected unit's form and history on the right.
#include "ui/screen_units.hpp"

#include "core/local_time.hpp"
#include "core/number_format.hpp"
#include "core/targets.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/session_scope.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

namespace jinguo::ui {

namespace {

// The kind a new unit below `parent` usually has (nothing below a 社区/村).
std::optional<UnitKind> childKind(UnitKind parent) {
    if (isDistrictKind(parent)) return firstKindOf(UnitTier::Street);
    if (isStreetKind(parent)) return firstKindOf(UnitTier::Community);
    return std::nullopt;
}

void reloadIfChanged(AppState& app, UnitsScreen& s) {
    s.figuresLoader.request(app.storage, "unit figures", [](storage::Storage& storage) {
        storage::RecordStore records(storage);
        return UnitsScreen::Figures{records.familiesPerUnit(), records.overfullUnits()};
    });
    if (s.figuresLoader.poll()) {
        if (std::optional<UnitsScreen::Figures> figures = s.figuresLoader.takeResult()) {
            s.families = std::move(figures->families);
            s.overfull = std::move(figures->overfull);
        }
    }
    if (s.loadedRevision == app.storage.revision()) return;
    // The tree itself is a few hundred units: read on the frame.
    std::vector<OrgUnit> units = app.storage.units();
    s.tree.load(units, s.pinyin);
    // The tree shows the district (its figures are aggregates); a street's
    // user adds and moves units within her subtree only.
    s.parentChoices.load(storage::writableUnits(app.storage, std::move(units)), s.pinyin);
    const std::size_t n = s.tree.units.size();
    s.nameKeys.resize(n);
    s.childHouseholds.assign(n, 0);
    s.childCount.assign(n, 0);
    // 下级户数合计 is the households the targets count (rollUp): a district's
    // is the sum over its streets' communities, not its streets' own figures.
    std::vector<UnitTally> tallies;
    tallies.reserve(n);
    for (const OrgUnit& u : s.tree.units) tallies.push_back({u.id, u.parentId, u.households, 0, 0});
    const std::vector<RolledTally> rolled = rollUp(tallies);
    for (std::size_t i = 0; i < n; ++i) {
        const OrgUnit& u = s.tree.units[i];
        s.nameKeys[i] = s.pinyin.keysFor(u.name);
        s.childCount[i] = rolled[i].children;
        if (rolled[i].children > 0) s.childHouseholds[i] = rolled[i].households;
    }
    s.loadedRevision = app.storage.revision();
    s.viewDirty = true;
}

void refreshView(UnitsScreen& s) {
    if (!s.viewDirty && s.search == s.appliedSearch) return;
    s.visible.clear();
    s.visibleStreets = s.visibleCommunities = 0;
    const SearchQuery query(s.search);
    for (std::size_t i = 0; i < s.tree.units.size(); ++i) {
        const OrgUnit& u = s.tree.units[i];
        if (!recordMatches(query, s.nameKeys[i], {u.name, shownWord(u.kind)})) continue;
        s.visible.push_back(static_cast<int>(i));
        if (isStreetKind(u.kind)) ++s.visibleStreets;
        if (isCommunityKind(u.kind)) ++s.visibleCommunities;
    }
    s.appliedSearch = s.search;
    s.viewDirty = false;
}

void openForm(UnitsScreen& s, const OrgUnit* u, const OrgUnit* parent) {
    UnitForm f;
    f.open = true;
    if (u) {
        f.original = *u;
        f.unitId = u->id;
        f.name = u->name;
        f.kind = u->kind;
        f.parentId = u->parentId;
        f.households = std::to_string(u->households);
    } else if (parent) {
        f.parentId = parent->id;
        f.kind = childKind(parent->kind).value_or(UnitKind::District);
    } else {
        f.kind = UnitKind::District;
    }
    s.form = std::move(f);
    s.formAsLoaded = s.form;
}

// The form differs from what it loaded or last saved (a new form: anything typed).
bool formDirty(const UnitsScreen& s) {
    const UnitForm& a = s.form;
    const UnitForm& b = s.formAsLoaded;
    return a.open && (a.unitId != b.unitId || a.name != b.name || a.kind != b.kind || a.parentId != b.parentId
                      || a.households != b.households);
}

void drawList(AppState& app, UnitsScreen& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_Resizable;
    const float em = ImGui::GetFontSize();
    if (!beginListTable("units",
                        {{str::kRecColUnitName, nullptr, 0, true, 0, em * 11},   // three levels of indent and a name
                         {str::kRecColUnitKind, "社区", 0},
                         {str::kRecColHouseholds, "123,456（数据有误）", 0},      // with the over-full mark
                         {str::kRecColChildHouseholds, "123,456", 0},
                         {str::kRecColFamilies, "12,345", 0}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    const bool searching = !trim(s.search).empty();
    auto openRow = [&app, &s](RowId id) {
        leaveThen(app, [&s, id] {
            if (const OrgUnit* unit = s.tree.find(id)) {
                const OrgUnit copy = *unit;
                s.selectedId = id;
                openForm(s, &copy, nullptr);
                s.message.clear();
            }
        }, &s);
    };
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.visible.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::size_t index = static_cast<std::size_t>(s.visible[static_cast<std::size_t>(i)]);
            const OrgUnit& u = s.tree.units[index];
            ImGui::PushID(static_cast<int>(u.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const float indent = searching ? 0.0f : static_cast<float>(s.tree.depth[index]) * ImGui::GetFontSize() * 1.2f;
            if (indent > 0) ImGui::Indent(indent);
            const std::string shownName = ellipsized(u.name, ImGui::GetContentRegionAvail().x - ImGui::GetStyle().CellPadding.x);
            if (wholeRowClicked(ImGui::Selectable(shownName.c_str(), s.selectedId == u.id, ImGuiSelectableFlags_SpanAllColumns),
                                headerBottom))
                openRow(u.id);
            if (shownName.size() != u.name.size() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", u.name.c_str());
            if (ItemLocator::instance().enabled()) locate(("unit.row." + std::to_string(u.id)).c_str());
            if (indent > 0) ImGui::Unindent(indent);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(shownWord(u.kind));
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::grouped(static_cast<double>(u.households)).c_str());
            if (const auto over = s.overfull.find(u.id); over != s.overfull.end()) {
                // More titled households than households: every rate of the unit is wrong.
                const std::string warning = formatMessage(str::kUnOverfullFormat, over->second.title.c_str(),
                                                          fmt::grouped(static_cast<double>(over->second.households)).c_str());
                noteUserText(app, warning);
                ImGui::SameLine();
                ImGui::TextColored(kErrorColor, "%s", str::kUnOverfullMark);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", warning.c_str());
                if (ItemLocator::instance().enabled()) locate(("unit.overfull." + std::to_string(u.id)).c_str());
            }
            ImGui::TableNextColumn();
            if (s.childCount[index] > 0) {
                const bool differs = s.childHouseholds[index] != u.households;
                if (differs) ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarningColor);
                ImGui::TextUnformatted(fmt::grouped(static_cast<double>(s.childHouseholds[index])).c_str());
                if (differs) {
                    ImGui::PopStyleColor();
                    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kRecHouseholdsDiffer);
                }
            }
            ImGui::TableNextColumn();
            const auto f = s.families.find(u.id);
            if (f != s.families.end()) ImGui::TextUnformatted(fmt::grouped(static_cast<double>(f->second)).c_str());
            ImGui::PopID();
        }
    }
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does.
    if (const int row = keyboardRowChoice(static_cast<int>(s.visible.size()), [&] {
            for (std::size_t i = 0; i < s.visible.size(); ++i)
                if (s.tree.units[static_cast<std::size_t>(s.visible[i])].id == s.selectedId) return static_cast<int>(i);
            return -1;
        }); row >= 0)
        openRow(s.tree.units[static_cast<std::size_t>(s.visible[static_cast<std::size_t>(row)])].id);
    ImGui::EndTable();
}

void drawHistory(AppState& app, UnitsScreen& s) {
    const RowId id = s.form.unitId;
    if (id == 0) return;
    if (s.historyFor != id || s.historyRevision != app.storage.revision()) {
        s.history = storage::RecordStore(app.storage).history("org_unit", id);
        s.historyFor = id;
        s.historyRevision = app.storage.revision();
    }
    ImGui::Separator();
    headingText(str::kRecUnitHistory);
    if (s.history.empty()) {
        ImGui::TextDisabled("%s", str::kRecNoHistory);
        return;
    }
    for (auto it = s.history.rbegin(); it != s.history.rend(); ++it) {   // newest first
        const std::string line = describeUnitChange(*it, s.tree);
        ImGui::TextDisabled("%s", localTimeText(it->at).c_str());
        if (!it->dbUser.empty()) {   // who saved (another organizer on a server)
            ImGui::SameLine();
            userText(app, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), str::kRecChangedBy + it->dbUser);
        }
        ImGui::SameLine();
        userText(app, line, true);
    }
}

UnitKindFilter parentKindsOf(UnitKind kind) {
    if (isCommunityKind(kind)) return static_cast<UnitKindFilter>(isStreetKind);
    if (isStreetKind(kind)) return static_cast<UnitKindFilter>(isDistrictKind);
    return nullptr;
}

// 保存, from the button or from "表单有未保存的修改": false when refused (the form says why).
bool saveForm(AppState& app, UnitsScreen& s) {
    UnitForm& f = s.form;
    const std::string households = trim(foldFullWidth(f.households));
    if (households.empty() || households.size() > 12
        || households.find_first_not_of("0123456789") != std::string::npos) {
        f.error = str::kRecHouseholdsInvalid;
        return false;
    }
    OrgUnit u;
    if (f.unitId != 0) {
        if (const OrgUnit* current = s.tree.find(f.unitId)) u = *current;
    }
    u.id = f.unitId;
    u.name = f.name;
    u.kind = f.kind;
    u.parentId = parentKindsOf(f.kind) ? f.parentId : 0;
    u.households = std::atoll(households.c_str());
    return commitRecordForm(f, s.formAsLoaded, s.message, [&] {
        storage::RecordStore records(app.storage);
        if (u.id == 0) {
            f.unitId = records.addUnit(u);
            s.selectedId = f.unitId;
        } else {
            records.updateUnit(u, &f.original);
        }
        // The next save compares with what is stored now.
        if (const auto stored = records.unit(f.unitId)) f.original = *stored;
    });
}

void discardForm(UnitsScreen& s) { discardRecordForm(s.form, s.formAsLoaded, s.selectedId, s.form.unitId == 0); }

void drawForm(AppState& app, UnitsScreen& s) {
    UnitForm& f = s.form;
    headingText(f.unitId == 0 ? str::kRecNewUnit : str::kRecEditUnit);
    labelledField(app, str::kRecFieldUnitName, "unit.name", &f.name);
    ImGui::TextUnformatted(str::kRecFieldUnitKind);
    unitKindCombo("unit.kind", &f.kind, -1);
    ImGui::TextUnformatted(str::kRecFieldParent);
    UnitKindFilter parentKinds = parentKindsOf(f.kind);
    if (parentKinds) {
        unitCombo(app, s.parentChoices, "unit.parent", &f.parentId, "", -1, parentKinds);
    } else {
        ImGui::TextDisabled("%s", str::kRecNoParent);
    }
    labelledField(app, str::kRecFieldHouseholds, "unit.households", &f.households);
    if (const auto over = s.overfull.find(f.unitId); f.unitId != 0 && over != s.overfull.end())
        errorText(app, formatMessage(str::kUnOverfullFormat, over->second.title.c_str(),
                                     fmt::grouped(static_cast<double>(over->second.households)).c_str()));
    ImGui::Spacing();
    switch (formButtons("unit", false)) {
    case FormAction::Save: saveForm(app, s); break;
    case FormAction::Cancel:
        f = UnitForm{};
        s.selectedId = 0;
        return;
    default: break;
    }
    if (f.unitId != 0 && childKind(f.kind)) {
        ImGui::SameLine();
        if (ImGui::Button(str::kRecAddChildUnit)) {
            leaveThen(app, [&s, id = f.unitId] {
                if (const OrgUnit* parent = s.tree.find(id)) {
                    const OrgUnit copy = *parent;
                    openForm(s, nullptr, &copy);
                    s.selectedId = 0;
                    s.message.clear();
                }
            }, &s);
        }
        locate("unit.add_child");
    }
    errorText(app, f.error);
    if (f.error.empty()) okText(app, s.message);
    drawHistory(app, s);
}

// A value of a flat JSON object as written by json_object(): a string
// (escapes \" and \\ undone) or a bare number / null.
std::string jsonValue(const std::string& json, const std::string& key) {
    const std::string needle = "\"" + key + "\":";
    const std::size_t at = json.find(needle);
    if (at == std::string::npos) return {};
    std::size_t i = at + needle.size();
    std::string out;
    if (i < json.size() && json[i] == '"') {
        for (++i; i < json.size() && json[i] != '"'; ++i) {
            if (json[i] == '\\' && i + 1 < json.size()) ++i;
            out += json[i];
        }
        return out;
    }
    while (i < json.size() && json[i] != ',' && json[i] != '}') out += json[i++];
    return out == "null" ? std::string() : out;
}

} // namespace

std::string describeUnitChange(const storage::AuditEntry& e, const UnitTree& tree) {
    auto parentName = [&](const std::string& id) {
        return id.empty() ? std::string(str::kRecNoParent) : tree.name(std::atoll(id.c_str()));
    };
    std::string line = e.action == "insert" ? str::kRecActionInsert
                     : e.action == "delete" ? str::kRecActionDelete : str::kRecActionUpdate;
    const char* fields[] = {"name", "kind", "parent_id", "households"};
    const char* labels[] = {str::kRecChangeName, str::kRecChangeKind, str::kRecChangeParent, str::kRecChangeHouseholds};
    bool first = true;
    for (int k = 0; k < 4; ++k) {
        std::string before = jsonValue(e.before, fields[k]);
        std::string after = jsonValue(e.after, fields[k]);
        if (k == 2) {
            before = e.before.empty() ? std::string() : parentName(before);
            after = e.after.empty() ? std::string() : parentName(after);
        }
        if (before == after) continue;
        line += first ? " " : str::kRecListSep;
        first = false;
        line += labels[k];
        line += " ";
        if (!before.empty()) line += before + str::kRecArrow;
        line += after;
    }
    return line;
}

ExportTable unitsShownTable(const UnitsScreen& s) {
    ExportTable table;
    table.sheetName = str::kExpUnitsFile;
    // A sheet has no indentation: the parent keeps the tree readable.
    table.headers = {str::kRecColUnitName, str::kExpColParent, str::kRecColUnitKind, str::kRecColHouseholds,
                     str::kRecColChildHouseholds, str::kRecColFamilies};
    table.numericColumns = {false, false, false, true, true, true};
    for (const int i : s.visible) {
        const auto index = static_cast<std::size_t>(i);
        const OrgUnit& u = s.tree.units[index];
        const auto families = s.families.find(u.id);
        table.rows.push_back({u.name, u.parentId != 0 ? s.tree.name(u.parentId) : std::string(), shownWord(u.kind),
                              std::to_string(u.households),
                              s.childCount[index] > 0 ? std::to_string(s.childHouseholds[index]) : std::string(),
                              families != s.families.end() ? std::to_string(families->second) : std::string()});
    }
    return table;
}

void drawUnitsScreen(AppState& app, UnitsScreen& s) {
    reloadIfChanged(app, s);
    // Before the list: a row click this frame must already know.
    if (formDirty(s)) {
        const bool isNew = s.form.unitId == 0;
        formIsDirty(app, &s, leaveName(isNew, isNew ? trim(s.form.name) : s.form.original.name),
                    [&app, &s] { return saveForm(app, s); }, [&s] { discardForm(s); });
    }
    textInput(app, "unit.search", &s.search, str::kRecUnitSearchHint, ImGui::GetFontSize() * 16);
    sameLineIfFits(buttonWidth(str::kRecAddDistrict));
    if (ImGui::Button(str::kRecAddDistrict)) {
        leaveThen(app, [&s] {
            openForm(s, nullptr, nullptr);
            s.selectedId = 0;
            s.message.clear();
        }, &s);
    }
    locate("unit.add_district");
    refreshView(s);
    const std::string countText =
        formatMessage(str::kRecUnitCountFormat, fmt::count(static_cast<long long>(s.tree.units.size())).c_str(),
                      fmt::count(static_cast<long long>(s.visible.size())).c_str(), fmt::count(s.visibleStreets).c_str(),
                      fmt::count(s.visibleCommunities).c_str());
    sameLineIfFits(ImGui::CalcTextSize(countText.c_str()).x);
    ImGui::TextDisabled("%s", countText.c_str());
    sameLineIfFits(buttonWidth(str::kExpButton));
    drawExportMenu(app, s.exportMenu, str::kExpUnitsFile, false, [&s](bool) { return unitsShownTable(s); },
                   "unit.export");

    drawListAndDetail({"unit_list", "unit_detail", 380.0f, 0.4f}, [&] { drawList(app, s); }, [&] {
        if (s.form.open) {
            drawForm(app, s);
        } else {
            ImGui::TextWrapped("%s", str::kRecNoUnitSelected);
            okText(app, s.message);
        }
    });
}

} // namespace jinguo::ui
