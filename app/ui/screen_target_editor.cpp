// screen_target_editor.cpp — see screen_target_editor.hpp.
#include "ui/screen_target_editor.hpp"

#include "core/number_format.hpp"
#include "core/targets.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
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
#include <set>

namespace jinguo::ui {

namespace {

const TargetMetricInfo& infoOf(const std::string& code) {
    const TargetMetricInfo* m = targetMetricInfo(code);
    return m != nullptr ? *m : targetMetrics().front();
}

// What the metric picker calls a metric: the core's label with a generic subject.
std::string metricChoiceLabel(const TargetMetricInfo& m) {
    switch (m.metric) {
    case TargetMetric::TitleRate: return targetMetricLabel(m.code, str::kTeSubjectFamily);
    case TargetMetric::TitleCount: return targetMetricLabel(m.code, str::kTeSubjectTitle);
    case TargetMetric::PostCount: return targetMetricLabel(m.code, str::kTeSubjectPost);
    case TargetMetric::Indicator: return str::kTeSubjectIndicator;
    default: return targetMetricLabel(m.code, "");
    }
}

// The titles a metric can name: families' for a rate, posts' for a post count.
bool titleFits(const std::string& metric, const AwardTitle& t) {
    if (metric == "title_rate") return t.subjectKind == "family";
    if (metric == "post_count") return t.subjectKind == "post";
    return true;
}

const AwardTitle* findTitle(const TargetEditor& e, RowId id) {
    for (const AwardTitle& t : e.titles)
        if (t.id == id) return &t;
    return nullptr;
}

// "区级平安家庭", or just the name for a rate at any level (every level counts).
std::string titleSubject(const AwardTitle& t, bool byName) {
    return byName ? t.name : levelWithSuffix(t.level) + t.name;
}

void reload(AppState& app, TargetEditor& e, int year) {
    if (e.loadedRevision == app.storage.revision() && e.loadedYear == year) return;
    storage::TargetStore store(app.storage);
    e.tree.load(storage::writableUnits(app.storage), e.pinyin);   // a street's user: her subtree
    e.titles = app.storage.awardTitles();
    e.targets = store.targets(year);
    std::set<std::string> names;
    for (const ManualIndicator& m : store.indicators(year)) names.insert(m.name);
    e.indicatorNames.assign(names.begin(), names.end());
    // Tree order, then by id, as the progress tab lists them.
    std::stable_sort(e.targets.begin(), e.targets.end(), [&](const Target& a, const Target& b) {
        const auto ia = e.tree.indexOf.find(a.unitId), ib = e.tree.indexOf.find(b.unitId);
        const std::size_t xa = ia != e.tree.indexOf.end() ? ia->second : e.tree.units.size();
        const std::size_t xb = ib != e.tree.indexOf.end() ? ib->second : e.tree.units.size();
        return xa < xb;
    });
    e.loadedRevision = app.storage.revision();
    e.loadedYear = year;
}

void openForm(TargetEditor& e, const Target* t, RowId defaultUnit) {
    TargetForm f;
    f.open = true;
    if (t) {
        f.id = t->id;
        f.unitId = t->unitId;
        f.metric = t->metric;
        f.titleId = t->titleId;
        f.atLevel = t->atLevel;
        f.indicator = t->indicator;
        f.goal = goalText(*t);
        f.note = t->note;
        f.original = *t;
    } else {
        f.unitId = defaultUnit;
    }
    e.form = std::move(f);
    e.formAsLoaded = e.form;
    e.distribute = {};
}

bool formDirty(const TargetEditor& e) { return e.form.open && !e.form.sameFields(e.formAsLoaded); }

// The target the form describes; `goalError` gets parseTargetGoal's refusal.
std::optional<Target> formTarget(const TargetEditor& e, int year, std::string* error) {
    const TargetForm& f = e.form;
    const TargetMetricInfo& m = infoOf(f.metric);
    if (f.unitId == 0) {
        *error = str::kTeUnitMissing;
        return std::nullopt;
    }
    if (m.needsTitle && f.titleId == 0) {
        *error = str::kTeTitleMissing;
        return std::nullopt;
    }
    const std::optional<double> goal = parseTargetGoal(f.goal, m.kind, error);
    if (!goal) return std::nullopt;
    Target t = f.original;
    t.id = f.id;
    t.unitId = f.unitId;
    t.year = year;
    t.metric = m.code;
    t.titleId = m.needsTitle ? f.titleId : 0;
    t.atLevel = m.kind == TargetKind::Rate && f.atLevel;
    t.indicator = m.needsIndicator ? trim(f.indicator) : std::string();
    t.goal = *goal;
    t.note = f.note;
    return t;
}

// 保存, from the button or from "表单有未保存的修改": false when refused (the form says why).
bool saveForm(AppState& app, TargetEditor& e, int year) {
    std::string error;
    const std::optional<Target> t = formTarget(e, year, &error);
    if (!t) {
        // A typed goal that does not parse is already explained under its field.
        std::string goalError;
        const bool shownAtGoal = !trim(e.form.goal).empty()
                              && !parseTargetGoal(e.form.goal, infoOf(e.form.metric).kind, &goalError) && goalError == error;
        e.form.error = shownAtGoal ? std::string() : error;
        return false;
    }
    return commitRecordForm(e.form, e.formAsLoaded, e.message, [&] {
        storage::TargetStore store(app.storage);
        const RowId id = store.save(*t, e.form.id != 0 ? &e.form.original : nullptr);
        if (const auto stored = store.target(id)) {
            e.form.id = id;
            e.form.original = *stored;
            e.form.goal = goalText(*stored);
        }
        e.selectedId = id;
    });
}

void discardForm(TargetEditor& e) { discardRecordForm(e.form, e.formAsLoaded, e.selectedId, e.form.id == 0); }

//-----------------------------------------------------------------------------
// the list
//-----------------------------------------------------------------------------

void drawList(AppState& app, TargetEditor& e, int year) {
    if (ImGui::Button(str::kTeNew)) {
        const RowId root = e.tree.units.empty() ? 0 : e.tree.units.front().id;
        leaveThen(app, [&e, root] {
            openForm(e, nullptr, root);
            e.selectedId = 0;
            e.message.clear();
        }, &e);
    }
    locate("targets.new");
    ImGui::SameLine();
    if (ImGui::Button(str::kTeCopyPrevious)) {
        leaveThen(app, [&app, &e, year] {
            try {
                const int n = storage::TargetStore(app.storage).copyYear(year - 1, year);
                e.message = n > 0 ? formatMessage(str::kTeCopiedFormat, year - 1, n)
                                  : formatMessage(str::kTeNothingToCopyFormat, year - 1);
            } catch (const std::exception& ex) {
                e.message = ex.what();
            }
        }, &e);
    }
    locate("targets.copy_previous");
    if (!e.message.empty()) okText(app, e.message);
    if (e.targets.empty()) {
        ImGui::TextDisabled("%s", str::kTeNone);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("target_list", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(str::kTeColUnit, 0, 1.0f);
    ImGui::TableSetupColumn(str::kTeColMetric, 0, 1.6f);
    ImGui::TableSetupColumn(str::kTeColGoal, 0, 0.6f);
    ImGui::TableSetupColumn(str::kTeColNote, 0, 1.0f);
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    for (const Target& t : e.targets) {
        ImGui::PushID(static_cast<int>(t.id));
        ImGui::TableNextRow();
        drawUnitCellOpeningRow(app, e, e.targets, t, headerBottom, [&e](const Target& row) { openForm(e, &row, 0); });
        locate(("target.row." + std::to_string(t.id)).c_str());
        ImGui::TableNextColumn();
        userText(app, targetLabel(e, t));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(goalText(t).c_str());
        ImGui::TableNextColumn();
        userText(app, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), t.note);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// the form
//-----------------------------------------------------------------------------

void metricCombo(AppState& app, TargetForm& f) {
    const TargetMetricInfo& current = infoOf(f.metric);
    const std::string preview = metricChoiceLabel(current);
    noteUserText(app, preview);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##target.metric", preview.c_str())) {
        for (const TargetMetricInfo& m : targetMetrics()) {
            const std::string label = metricChoiceLabel(m);
            noteUserText(app, label);
            if (ImGui::Selectable(label.c_str(), f.metric == m.code) && f.metric != m.code) {
                const bool keepTitle = m.needsTitle && current.needsTitle && m.metric != TargetMetric::PostCount
                                    && current.metric != TargetMetric::PostCount;
                f.metric = m.code;
                if (!keepTitle) f.titleId = 0;
                if (m.kind != TargetKind::Rate) f.atLevel = false;
            }
            locate((std::string("target.metric.option.") + m.code).c_str());
        }
        ImGui::EndCombo();
    }
    locate("target.metric");
}

// For a rate at any level one entry per name (the store matches by name);
// otherwise each title with its level.
void titleCombo(AppState& app, TargetEditor& e, TargetForm& f) {
    const bool byName = f.metric == "title_rate" && !f.atLevel;
    const AwardTitle* chosen = findTitle(e, f.titleId);
    const std::string preview = chosen ? titleSubject(*chosen, byName) : str::kTePickTitle;
    noteUserText(app, preview);
    ImGui::SetNextItemWidth(-1);
    bool any = false;
    if (ImGui::BeginCombo("##target.title", preview.c_str())) {
        std::set<std::string> shown;
        for (const AwardTitle& t : e.titles) {
            if (!titleFits(f.metric, t) || (!t.active && t.id != f.titleId)) continue;
            if (byName && !shown.insert(t.name).second) continue;
            any = true;
            const std::string label = titleSubject(t, byName);
            noteUserText(app, label);
            const bool selected = chosen && (byName ? chosen->name == t.name : chosen->id == t.id);
            if (ImGui::Selectable(label.c_str(), selected) && !selected) f.titleId = t.id;
            locate(("target.title.option." + std::to_string(t.id)).c_str());
        }
        if (!any) ImGui::TextDisabled("%s", str::kTeNoTitles);
        ImGui::EndCombo();
    }
    locate("target.title");
}

void drawDistribute(AppState& app, TargetEditor& e);

void drawForm(AppState& app, TargetEditor& e, int year) {
    TargetForm& f = e.form;
    const TargetMetricInfo& m = infoOf(f.metric);
    headingText(f.id == 0 ? str::kTeNewHeading : str::kTeEditHeading);

    ImGui::TextUnformatted(str::kTeFieldUnit);
    unitCombo(app, e.tree, "target.unit", &f.unitId, str::kTePickUnit, -1);
    ImGui::TextUnformatted(str::kTeFieldMetric);
    metricCombo(app, f);
    if (m.needsTitle) {
        ImGui::TextUnformatted(str::kTeFieldTitle);
        titleCombo(app, e, f);
    }
    if (m.kind == TargetKind::Rate) {
        ImGui::TextUnformatted(str::kTeFieldLevel);
        if (ImGui::RadioButton(str::kTeAnyLevel, !f.atLevel)) f.atLevel = false;
        locate("target.level.any");
        ImGui::SameLine();
        if (ImGui::RadioButton(str::kTeAtLevel, f.atLevel)) f.atLevel = true;
        locate("target.level.own");
    }
    if (m.needsIndicator) {
        labelledField(app, str::kTeFieldIndicator, "target.indicator", &f.indicator, str::kTeIndicatorHint);
        if (!e.indicatorNames.empty()) {
            ImGui::TextDisabled("%s", str::kTeIndicatorKnown);
            for (std::size_t i = 0; i < e.indicatorNames.size(); ++i) {
                ImGui::SameLine();
                noteUserText(app, e.indicatorNames[i]);
                ImGui::PushID(static_cast<int>(i));
                if (ImGui::SmallButton(e.indicatorNames[i].c_str())) f.indicator = e.indicatorNames[i];
                locate(("target.indicator.pick." + std::to_string(i)).c_str());
                ImGui::PopID();
            }
        }
    }
    labelledField(app, str::kTeFieldGoal, "target.goal", &f.goal,
                  m.kind == TargetKind::Rate ? str::kTeGoalHintRate : str::kTeGoalHintCount);
    // The goal's own problem, under it, as it is typed.
    if (!trim(f.goal).empty()) {
        std::string goalError;
        if (!parseTargetGoal(f.goal, m.kind, &goalError)) errorText(app, goalError);
    }
    labelledField(app, str::kTeFieldNote, "target.note", &f.note);
    ImGui::Spacing();
    errorText(app, f.error);

    switch (formButtons("target", f.id != 0)) {
    case FormAction::Save: saveForm(app, e, year); break;
    case FormAction::Cancel:
        f = TargetForm{};
        e.formAsLoaded = f;
        e.selectedId = 0;
        e.distribute = {};
        return;
    case FormAction::Delete:
        e.confirmDelete.ask(formatMessage(str::kTeDeleteQuestionFormat, e.tree.name(f.original.unitId).c_str(),
                                          targetLabel(e, f.original).c_str()));
        break;
    default: break;
    }
    if (drawConfirmPopup(app, e.confirmDelete, "target.confirm", str::kRecDelete) == ConfirmChoice::Confirmed) {
        removeRecordForm(f, e.selectedId, e.message, [&] { storage::TargetStore(app.storage).remove(f.id); });
        e.formAsLoaded = e.form;
        e.distribute = {};
        return;
    }
    // 分解目标: a stored rate target of a unit that has units below.
    if (m.kind == TargetKind::Rate && f.id != 0) {
        ImGui::SameLine();
        if (ImGui::Button(str::kTeDistribute)) {
            if (formDirty(e)) {
                f.error = str::kTeDistributeSaveFirst;
            } else {
                e.distribute = {};
                e.distribute.targetId = f.id;
            }
        }
        locate("target.distribute");
    }
    if (e.distribute.targetId != 0 && e.distribute.targetId == f.id) drawDistribute(app, e);
}

void drawDistribute(AppState& app, TargetEditor& e) {
    DistributePanel& d = e.distribute;
    const Target& source = e.form.original;
    std::vector<const OrgUnit*> below;
    for (const OrgUnit& u : e.tree.units)
        if (u.id != source.unitId && e.tree.within(u.id, source.unitId)) below.push_back(&u);
    ImGui::Separator();
    const std::string heading = formatMessage(str::kTeDistributeHeadingFormat, e.tree.name(source.unitId).c_str(),
                                              targetLabel(e, source).c_str(), goalText(source).c_str());
    noteUserText(app, heading);
    headingText(heading.c_str());
    if (below.empty()) {
        ImGui::TextDisabled("%s", str::kTeDistributeNoChildren);
        return;
    }
    ImGui::TextWrapped("%s", str::kTeDistributeHint);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_SizingStretchProp;
    const float rows = static_cast<float>(std::min<std::size_t>(below.size(), 12) + 1);
    const float height = (ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2) * (rows + 0.3f);
    std::map<RowId, double> overrides;
    bool valid = true;
    if (ImGui::BeginTable("distribute", 3, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(str::kTeColUnit, 0, 1.4f);
        ImGui::TableSetupColumn(str::kTeColInherited, 0, 0.6f);
        ImGui::TableSetupColumn(str::kTeColOverride, 0, 1.2f);
        ImGui::TableHeadersRow();
        for (const OrgUnit* u : below) {
            ImGui::PushID(static_cast<int>(u->id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const std::size_t index = e.tree.indexOf.at(u->id);
            const int depth = e.tree.depth[index] - e.tree.depth[e.tree.indexOf.at(source.unitId)] - 1;
            if (depth > 0) ImGui::Indent(static_cast<float>(depth) * ImGui::GetFontSize());
            userText(app, u->name);
            if (depth > 0) ImGui::Unindent(static_cast<float>(depth) * ImGui::GetFontSize());
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", goalText(source).c_str());
            ImGui::TableNextColumn();
            std::string& typed = d.overrides[u->id];
            const std::string key = "distribute.goal." + std::to_string(u->id);
            textInput(app, key.c_str(), &typed, str::kTeGoalHintRate, -1);
            if (!trim(typed).empty()) {
                std::string error;
                if (const auto goal = parseTargetGoal(typed, TargetKind::Rate, &error)) {
                    overrides[u->id] = *goal;
                } else {
                    valid = false;
                    errorText(app, error);
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    errorText(app, d.error);
    ImGui::BeginDisabled(!valid);
    if (ImGui::Button(str::kTeDistributeApply)) {
        try {
            const int n = storage::TargetStore(app.storage).distribute(d.targetId, overrides);
            e.message = formatMessage(str::kTeDistributedFormat, n);
            d = {};
        } catch (const std::exception& ex) {
            d.error = ex.what();
        }
    }
    ImGui::EndDisabled();
    locate("distribute.apply");
    ImGui::SameLine();
    if (ImGui::Button(str::kTeDistributeCancel)) d = {};
    locate("distribute.cancel");
}

} // namespace

std::string goalText(const Target& t) {
    const TargetMetricInfo* m = targetMetricInfo(t.metric);
    if (m != nullptr && m->kind == TargetKind::Rate) return fmt::plain(t.goal * 100, 2) + "%";
    return fmt::plain(t.goal, 2);
}

std::string targetLabel(const TargetEditor& e, const Target& t) {
    const TargetMetricInfo* m = targetMetricInfo(t.metric);
    if (m == nullptr) return t.metric;
    std::string subject = t.indicator;
    if (m->needsTitle) {
        const bool byName = m->kind == TargetKind::Rate && !t.atLevel;
        if (const AwardTitle* title = findTitle(e, t.titleId)) subject = titleSubject(*title, byName);
    }
    std::string label = targetMetricLabel(t.metric, subject);
    if (m->kind == TargetKind::Rate) label += t.atLevel ? str::kTeAtLevelSuffix : str::kTeAnyLevelSuffix;
    return label;
}

void noteTargetFormDirty(AppState& app, TargetEditor& e, int year) {
    if (!formDirty(e)) return;
    formIsDirty(app, &e, leaveName(e.form.id == 0, targetLabel(e, e.form.original)),
                [&app, &e, year] { return saveForm(app, e, year); }, [&e] { discardForm(e); });
}

void drawTargetEditor(AppState& app, TargetEditor& e, int year) {
    reload(app, e, year);
    if (e.tree.units.empty()) {
        ImGui::TextWrapped("%s", str::kTeNoUnits);
        if (ImGui::Button(str::kTeGoUnits)) leaveThen(app, [&app] { app.section = Section::Units; });
        locate("targets.go_units");
        return;
    }
    const float formWidth = std::min(ImGui::GetContentRegionAvail().x * 0.45f, ImGui::GetFontSize() * 32);
    ImGui::BeginChild("target_list_pane", ImVec2(e.form.open ? -formWidth : 0, 0));
    drawList(app, e, year);
    ImGui::EndChild();
    if (e.form.open) {
        ImGui::SameLine();
        ImGui::BeginChild("target_form_pane", ImVec2(0, 0), true);
        drawForm(app, e, year);
        ImGui::EndChild();
    }
}

} // namespace jinguo::ui
