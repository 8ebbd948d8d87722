// screen_indicators.cpp — see screen_indicators.hpp.
#include "ui/screen_indicators.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"
#include "storage/session_scope.hpp"
#include "storage/target_store.hpp"
#include "ui/editor_rows.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace jinguo::ui {

namespace {

void reload(AppState& app, IndicatorEditor& e, int year) {
    if (e.loadedRevision == app.storage.revision() && e.loadedYear == year) return;
    e.tree.load(storage::writableUnits(app.storage), e.pinyin);   // a street's user: her subtree
    e.indicators = storage::TargetStore(app.storage).indicators(year);
    // Tree order (the store gives unit ids), then by name.
    std::stable_sort(e.indicators.begin(), e.indicators.end(), [&](const ManualIndicator& a, const ManualIndicator& b) {
        const auto ia = e.tree.indexOf.find(a.unitId), ib = e.tree.indexOf.find(b.unitId);
        const std::size_t xa = ia != e.tree.indexOf.end() ? ia->second : e.tree.units.size();
        const std::size_t xb = ib != e.tree.indexOf.end() ? ib->second : e.tree.units.size();
        return xa < xb;
    });
    e.loadedRevision = app.storage.revision();
    e.loadedYear = year;
}

void openForm(IndicatorEditor& e, const ManualIndicator* m, RowId defaultUnit) {
    IndicatorForm f;
    f.open = true;
    if (m) {
        f.id = m->id;
        f.unitId = m->unitId;
        f.name = m->name;
        f.value = fmt::plain(m->value, 4);
        f.measure = m->unit;
        f.note = m->note;
        f.original = *m;
    } else {
        f.unitId = defaultUnit;
    }
    e.form = std::move(f);
    e.formAsLoaded = e.form;
}

bool formDirty(const IndicatorEditor& e) { return e.form.open && !e.form.sameFields(e.formAsLoaded); }

// "4,000.5", "４０００" and "12" are numbers; anything else is refused.
std::optional<double> parseValue(const std::string& typed) {
    std::string t;
    for (char c : trim(foldFullWidth(typed)))
        if (c != ',') t += c;
    if (t.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end == nullptr || *end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool saveForm(AppState& app, IndicatorEditor& e, int year) {
    IndicatorForm& f = e.form;
    if (f.unitId == 0) {
        f.error = str::kTeUnitMissing;
        return false;
    }
    const std::optional<double> value = parseValue(f.value);
    if (!value) {
        f.error = str::kMiValueInvalid;
        return false;
    }
    ManualIndicator m = f.original;
    m.id = f.id;
    m.unitId = f.unitId;
    m.year = year;
    m.name = f.name;
    m.value = *value;
    m.unit = f.measure;
    m.note = f.note;
    return commitRecordForm(f, e.formAsLoaded, e.message, [&] {
        storage::TargetStore store(app.storage);
        const RowId id = store.saveIndicator(m, f.id != 0 ? &f.original : nullptr);
        if (const auto stored = store.indicator(id)) {
            f.id = id;
            f.original = *stored;
            f.name = stored->name;
            f.measure = stored->unit;
        }
        e.selectedId = id;
    });
}

void discardForm(IndicatorEditor& e) { discardRecordForm(e.form, e.formAsLoaded, e.selectedId, e.form.id == 0); }

void drawList(AppState& app, IndicatorEditor& e) {
    ImGui::TextWrapped("%s", str::kMiIntro);
    if (ImGui::Button(str::kMiNew)) {
        const RowId root = e.tree.units.empty() ? 0 : e.tree.units.front().id;
        leaveThen(app, [&e, root] {
            openForm(e, nullptr, root);
            e.selectedId = 0;
            e.message.clear();
        }, &e);
    }
    locate("indicators.new");
    if (!e.message.empty()) {
        ImGui::SameLine();
        okText(app, e.message);
    }
    if (e.indicators.empty()) {
        ImGui::TextDisabled("%s", str::kMiNone);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("indicator_list", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(str::kMiColUnit, 0, 1.0f);
    ImGui::TableSetupColumn(str::kMiColName, 0, 1.2f);
    ImGui::TableSetupColumn(str::kMiColValue, 0, 0.6f);
    ImGui::TableSetupColumn(str::kMiColMeasure, 0, 0.4f);
    ImGui::TableSetupColumn(str::kMiColNote, 0, 1.0f);
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    for (const ManualIndicator& m : e.indicators) {
        ImGui::PushID(static_cast<int>(m.id));
        ImGui::TableNextRow();
        drawUnitCellOpeningRow(app, e, e.indicators, m, headerBottom,
                               [&e](const ManualIndicator& row) { openForm(e, &row, 0); });
        locate(("indicator.row." + std::to_string(m.id)).c_str());
        ImGui::TableNextColumn();
        userText(app, m.name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt::grouped(m.value, 2).c_str());
        ImGui::TableNextColumn();
        userText(app, m.unit);
        ImGui::TableNextColumn();
        userText(app, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), m.note);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void drawForm(AppState& app, IndicatorEditor& e, int year) {
    IndicatorForm& f = e.form;
    headingText(f.id == 0 ? str::kMiNewHeading : str::kMiEditHeading);
    ImGui::TextUnformatted(str::kMiFieldUnit);
    unitCombo(app, e.tree, "indicator.unit", &f.unitId, str::kTePickUnit, -1);
    labelledField(app, str::kMiFieldName, "indicator.name", &f.name, str::kMiNameHint);
    labelledField(app, str::kMiFieldValue, "indicator.value", &f.value, str::kMiValueHint);
    if (!trim(f.value).empty() && !parseValue(f.value)) errorText(app, str::kMiValueInvalid);
    labelledField(app, str::kMiFieldMeasure, "indicator.measure", &f.measure, str::kMiMeasureHint);
    labelledField(app, str::kMiFieldNote, "indicator.note", &f.note);
    ImGui::Spacing();
    errorText(app, f.error);
    switch (formButtons("indicator", f.id != 0)) {
    case FormAction::Save: saveForm(app, e, year); break;
    case FormAction::Cancel:
        f = IndicatorForm{};
        e.formAsLoaded = f;
        e.selectedId = 0;
        return;
    case FormAction::Delete:
        e.confirmDelete.ask(formatMessage(str::kMiDeleteQuestionFormat, e.tree.name(f.original.unitId).c_str(),
                                          f.original.name.c_str()));
        break;
    default: break;
    }
    if (drawConfirmPopup(app, e.confirmDelete, "indicator.confirm", str::kRecDelete) == ConfirmChoice::Confirmed) {
        removeRecordForm(f, e.selectedId, e.message, [&] { storage::TargetStore(app.storage).removeIndicator(f.id); });
        e.formAsLoaded = e.form;
    }
}

} // namespace

void noteIndicatorFormDirty(AppState& app, IndicatorEditor& e, int year) {
    if (!formDirty(e)) return;
    formIsDirty(app, &e, leaveName(e.form.id == 0, e.form.id == 0 ? e.form.name : e.form.original.name),
                [&app, &e, year] { return saveForm(app, e, year); }, [&e] { discardForm(e); });
}

void drawIndicatorEditor(AppState& app, IndicatorEditor& e, int year) {
    reload(app, e, year);
    if (e.tree.units.empty()) {
        ImGui::TextWrapped("%s", str::kTeNoUnits);
        if (ImGui::Button(str::kTeGoUnits)) leaveThen(app, [&app] { app.section = Section::Units; });
        locate("targets.go_units");
        return;
    }
    const float formWidth = std::min(ImGui::GetContentRegionAvail().x * 0.4f, ImGui::GetFontSize() * 28);
    ImGui::BeginChild("indicator_list_pane", ImVec2(e.form.open ? -formWidth : 0, 0));
    drawList(app, e);
    ImGui::EndChild();
    if (e.form.open) {
        ImGui::SameLine();
        ImGui::BeginChild("indicator_form_pane", ImVec2(0, 0), true);
        drawForm(app, e, year);
        ImGui::EndChild();
    }
}

} // namespace jinguo::ui
