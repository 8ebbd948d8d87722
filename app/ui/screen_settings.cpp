// screen_settings.cpp — 设置, in five tabs: 计分与星级, 徽章, 荣誉称号目录, 显示
// (display_settings.cpp), 备份与恢复 (screen_backups.cpp).
//
// [SECTION] cache
// [SECTION] rules (points, stars, badge thresholds)
// [SECTION] badge catalogue
// [SECTION] title catalogue
// [SECTION] the screen
#include "ui/screen_settings.hpp"

#include "core/number_format.hpp"
#include "core/stars.hpp"
#include "core/text.hpp"
#include "storage/audit_log.hpp"
#include "storage/badge_store.hpp"
#include "ui/display_settings.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/medal.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdlib>

namespace jinguo::ui {

namespace {

const char* const kKinds[] = {"family", "person", "collective", "post"};

std::string labelOf(const std::string& key) {
    for (const SettingDefault& d : storage::rulesDefaults())
        if (d.key == key) return d.note;
    return key;
}

std::string defaultOf(const std::string& key) {
    for (const SettingDefault& d : storage::rulesDefaults())
        if (d.key == key) return d.value;
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] cache
//-----------------------------------------------------------------------------

void reloadIfChanged(AppState& app, SettingsScreen& s) {
    if (s.loadedRevision == app.storage.revision()) return;
    storage::SettingsStore store(app.storage);
    const std::map<std::string, std::string> previous = s.stored;
    s.stored = store.rules();
    // What the user is typing survives a reload; untouched fields follow the data.
    for (const auto& [key, value] : s.stored) {
        const auto typed = s.form.find(key);
        const auto was = previous.find(key);
        if (typed == s.form.end() || (was != previous.end() && typed->second == was->second)) s.form[key] = value;
    }
    s.titles = store.titles();
    s.badgeParams = badgeParamsFromSettings(lookupIn(s.stored));
    s.badges = badgeCatalogue(s.badgeParams);
    for (const storage::TitleRow& r : s.titles) noteUserText(app, r.title.name);
    for (const BadgeInfo& b : s.badges) noteUserText(app, b.name + b.rule);
    for (const SettingDefault& d : storage::rulesDefaults()) noteUserText(app, d.note);
    // A selected title that is gone (deleted) is no longer edited.
    if (s.edit.id != 0) {
        bool found = false;
        for (const storage::TitleRow& r : s.titles) found = found || r.title.id == s.edit.id;
        if (!found) s.edit = TitleEdit{};
    }
    s.loadedRevision = app.storage.revision();
}

//-----------------------------------------------------------------------------
// [SECTION] rules (points, stars, badge thresholds)
//-----------------------------------------------------------------------------

// One row of a rules table: label, field, default; the field's problem below.
void ruleRow(AppState& app, SettingsScreen& s, const std::string& key) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(labelOf(key).c_str());
    ImGui::TableNextColumn();
    std::string& value = s.form[key];
    textInput(app, ("rule." + key).c_str(), &value, "", -1);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", defaultOf(key).c_str());
    const std::string problem = storage::checkRuleValue(key, value);
    if (!problem.empty()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        errorText(app, problem);
    }
}

void rulesTable(AppState& app, SettingsScreen& s, const char* id, const std::string& prefix) {
    if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn(str::kSetColItem, 0, 2.2f);
    ImGui::TableSetupColumn(str::kSetColValue, 0, 1.6f);
    ImGui::TableSetupColumn(str::kSetColDefault, 0, 0.8f);
    ImGui::TableHeadersRow();
    for (const SettingDefault& d : storage::rulesDefaults())
        if (d.key.rfind(prefix, 0) == 0) ruleRow(app, s, d.key);
    ImGui::EndTable();
}

// 保存设置, from the button or from "表单有未保存的修改": false when refused
// (the problems are listed under the buttons).
bool saveRules(AppState& app, SettingsScreen& s) {
    storage::SettingsStore store(app.storage);
    try {
        s.problems = store.saveRules(s.form);
        s.message = s.problems.empty() ? str::kSetSaved : "";
    } catch (const std::exception& e) {
        s.problems = {e.what()};
        s.message.clear();
    }
    return s.problems.empty();
}

void drawRuleButtons(AppState& app, SettingsScreen& s) {
    ImGui::Spacing();
    if (ImGui::Button(str::kSetSaveRules, ImVec2(140, 0))) saveRules(app, s);
    locate("rules.save");
    ImGui::SameLine();
    if (ImGui::Button(str::kSetRevert, ImVec2(140, 0))) {
        s.form = s.stored;
        s.problems.clear();
        s.message.clear();
    }
    locate("rules.revert");
    ImGui::SameLine();
    if (ImGui::Button(str::kSetRestore, ImVec2(160, 0))) s.confirmRestore = true;
    locate("rules.restore");

    if (s.confirmRestore) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", str::kSetRestoreQuestion);
        ImGui::PopStyleColor();
        if (ImGui::Button(str::kSetConfirmRestore)) {
            try {
                storage::SettingsStore(app.storage).restoreDefaults();
                reloadIfChanged(app, s);
                s.form = s.stored;
                s.problems.clear();
                s.message = str::kSetRestored;
            } catch (const std::exception& e) {
                s.problems = {e.what()};
            }
            s.confirmRestore = false;
        }
        locate("rules.confirm_restore");
        ImGui::SameLine();
        if (ImGui::Button(str::kSetCancel)) s.confirmRestore = false;
        locate("rules.cancel_restore");
    }

    if (!s.problems.empty()) {
        errorText(app, str::kSetRefused);
        for (const std::string& p : s.problems) errorText(app, "· " + p);
    } else if (!unsavedKeys(s).empty()) {
        ImGui::TextColored(theme::kWarningColor, "%s", str::kSetUnsaved);
    } else if (!s.message.empty()) {
        okText(app, s.message);
    }
}

void drawRulesTab(AppState& app, SettingsScreen& s) {
    ImGui::TextWrapped("%s", str::kSetRulesIntro);
    ImGui::Spacing();
    headingText(str::kSetPointsHeading);
    rulesTable(app, s, "points", "points.");
    ImGui::Spacing();
    headingText(str::kSetTitleLifeHeading);
    ImGui::TextWrapped("%s", str::kSetTitleLifeHint);
    rulesTable(app, s, "titles", "titles.");
    ImGui::Spacing();
    headingText(str::kSetStarsHeading);
    ImGui::TextWrapped("%s", str::kSetStarsHint);
    rulesTable(app, s, "stars", "stars.");
    // The stars the typed thresholds give, once they are valid.
    const std::string& typed = s.form["stars.thresholds"];
    if (storage::checkRuleValue("stars.thresholds", typed).empty()) {
        const std::vector<double> thresholds = parseStarThresholds(typed);
        std::string preview;
        for (std::size_t i = 0; i < thresholds.size(); ++i)
            preview += starGlyphs(static_cast<int>(i) + 1) + " " + fmt::grouped(thresholds[i]) + str::kSetStarUnit + "    ";
        ImGui::TextDisabled("%s", str::kSetStarPreview);
        ImGui::SameLine();
        ImGui::TextColored(theme::kStarColor, "%s", preview.c_str());
    }
    drawRuleButtons(app, s);
}

//-----------------------------------------------------------------------------
// [SECTION] badge catalogue
//-----------------------------------------------------------------------------

void drawBadgesTab(AppState& app, SettingsScreen& s) {
    s.badgeCounts.request(app.storage, "badge counts",
                          [](storage::Storage& storage) { return storage::BadgeStore(storage).countsByCode(); });
    s.badgeCounts.poll();
    headingText(str::kSetBadgeThresholds);
    rulesTable(app, s, "badge_thresholds", "badge.");
    drawRuleButtons(app, s);
    ImGui::Spacing();
    headingText(str::kSetBadgeCatalogue);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("badge_catalogue", 6, flags, ImVec2(0, std::max(200.0f, ImGui::GetContentRegionAvail().y))))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const float medal = ImGui::GetTextLineHeight() * 2.0f;
    ImGui::TableSetupColumn("##medal", ImGuiTableColumnFlags_WidthFixed, medalWidth(medal));
    ImGui::TableSetupColumn(str::kSetColBadge, 0, 1.1f);
    ImGui::TableSetupColumn(str::kSetColSubject, 0, 0.5f);
    ImGui::TableSetupColumn(str::kSetColRule, 0, 4.0f);
    ImGui::TableSetupColumn(str::kSetColPer, 0, 0.6f);
    ImGui::TableSetupColumn(str::kSetColEarned, 0, 0.6f);
    ImGui::TableHeadersRow();
    for (const BadgeInfo& b : s.badges) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        medalWidget(b.code, medal, s.badgeParams);
        if (ItemLocator::instance().enabled()) locate(("badge.medal." + b.code).c_str());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImVec4(0.72f, 0.09f, 0.12f, 1.0f), "%s", b.name.c_str());
        if (ItemLocator::instance().enabled()) locate(("badge." + b.code).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s", medalTierName(medalDesign(b.code, s.badgeParams).tier), str::kMedalTierSuffix);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.subject == BadgeSubject::Person ? str::kSetSubjectPerson : str::kSetSubjectUnit);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", b.rule.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.per == PeriodKind::Year      ? str::kSetPerYear
                               : b.per == PeriodKind::Quarter ? str::kSetPerQuarter
                                                              : str::kSetPerOnce);
        ImGui::TableNextColumn();
        if (const auto* counts = s.badgeCounts.result()) {
            const auto it = counts->find(b.code);
            ImGui::TextUnformatted(fmt::grouped(it == counts->end() ? 0.0 : static_cast<double>(it->second)).c_str());
        } else {
            ImGui::TextDisabled("…");
        }
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] title catalogue
//-----------------------------------------------------------------------------

bool parsePoints(const std::string& text, double& out) {
    const auto v = parseSettingNumber(text);
    if (!v) return false;
    out = *v;
    return true;
}

// "" for none (长期), else the whole years.
std::string validityText(const std::optional<int>& years) { return years ? std::to_string(*years) : ""; }

void selectTitle(SettingsScreen& s, const storage::TitleRow& r) {
    const AwardTitle& t = r.title;
    s.edit.id = t.id;
    s.edit.name = t.name;
    s.edit.points = fmt::grouped(t.points);
    s.edit.validity = validityText(r.validYears);
    s.titleError.clear();
    s.titleMessage.clear();
}

// Runs a catalogue change; a refusal keeps the form and says why.
template <typename F>
void titleAction(SettingsScreen& s, const char* done, F&& action) {
    try {
        action();
        s.titleError.clear();
        s.titleMessage = done;
    } catch (const std::exception& e) {
        s.titleError = e.what();
        s.titleMessage.clear();
    }
}

void refreshTitleFilter(SettingsScreen& s) {
    const std::string query = trim(s.titleFilter);
    if (query == s.appliedFilter && s.filteredRevision == s.loadedRevision) return;
    s.visibleTitles.clear();
    for (std::size_t i = 0; i < s.titles.size(); ++i) {
        const AwardTitle& t = s.titles[i].title;
        if (query.empty() || containsFolded(t.name, query) || containsFolded(t.level, query) ||
            containsFolded(storage::subjectKindLabel(t.subjectKind), query))
            s.visibleTitles.push_back(static_cast<int>(i));
    }
    s.appliedFilter = query;
    s.filteredRevision = s.loadedRevision;
}

void drawTitleTable(AppState& app, SettingsScreen& s, float height) {
    refreshTitleFilter(s);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
    if (!beginListTable("titles",
                        {{str::kSetColTitle, "巾帼建功先进集体", 0, true},
                         {str::kSetColSubject, "巾帼文明岗", 0},
                         {str::kSetColLevel, "社区级", 0},
                         {str::kSetColPoints, "1,000", 0},
                         {str::kSetColValidity, "10年", 0},
                         {str::kSetColState, str::kSetStateActive, 0},
                         {str::kSetColAwards, "12,345", 0},
                         {str::kSetColSource, str::kSetSourceUser, 0}},
                        flags, ImVec2(0, height)))
        return;
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.visibleTitles.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const storage::TitleRow& r =
                s.titles[static_cast<std::size_t>(s.visibleTitles[static_cast<std::size_t>(i)])];
            ImGui::PushID(static_cast<int>(r.title.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (!r.title.active) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            const std::string shownName =
                ellipsized(r.title.name, ImGui::GetContentRegionAvail().x - ImGui::GetStyle().CellPadding.x);
            if (ImGui::Selectable(shownName.c_str(), s.edit.id == r.title.id, ImGuiSelectableFlags_SpanAllColumns)
                && s.edit.id != r.title.id)
                leaveThen(app, [&s, row = r] { selectTitle(s, row); }, &s.edit);
            if (shownName.size() != r.title.name.size() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.title.name.c_str());
            if (ItemLocator::instance().enabled()) locate(("title.row." + std::to_string(r.title.id)).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(storage::subjectKindLabel(r.title.subjectKind));
            ImGui::TableNextColumn(); textFitted(r.title.level);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::grouped(r.title.points).c_str());
            ImGui::TableNextColumn();
            if (r.title.subjectKind != "post")
                ImGui::TextUnformatted(r.validYears ? (std::to_string(*r.validYears) + str::kSetValidityYears).c_str()
                                                    : str::kSetValidityNone);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.title.active ? str::kSetStateActive : str::kSetStateRetired);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::grouped(static_cast<double>(r.awards)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.title.builtin ? str::kSetSourceBuiltin : str::kSetSourceUser);
            if (!r.title.active) ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

const storage::TitleRow* editedTitle(const SettingsScreen& s) {
    for (const storage::TitleRow& r : s.titles)
        if (r.title.id == s.edit.id) return &r;
    return nullptr;
}

// The selected title's name or points differ from what is stored.
bool titleDirty(const SettingsScreen& s) {
    const storage::TitleRow* row = s.edit.id != 0 ? editedTitle(s) : nullptr;
    return row && (s.edit.name != row->title.name || s.edit.points != fmt::grouped(row->title.points) ||
                   trim(s.edit.validity) != validityText(row->validYears));
}

// 保存称号, from the button or from "表单有未保存的修改": false when refused.
bool saveTitle(AppState& app, SettingsScreen& s) {
    const storage::TitleRow* row = editedTitle(s);
    if (!row) return true;
    double points = 0;
    if (!parsePoints(s.edit.points, points)) {
        s.titleError = str::kSetPointsInvalid;
        return false;
    }
    std::string validityProblem;
    const std::optional<int> validity = storage::parseValidityYears(s.edit.validity, validityProblem);
    if (!validityProblem.empty()) {
        s.titleError = validityProblem;
        return false;
    }
    const RowId id = s.edit.id;
    const std::string name = s.edit.name;
    const bool rename = normalizeName(name) != row->title.name;
    const bool reprice = points != row->title.points;
    const bool revalidate = validity != row->validYears;
    titleAction(s, str::kSetTitleSaved, [&] {
        storage::SettingsStore store(app.storage);
        // One save is one undo step, whatever it changes.
        storage::UndoStep step(app.storage, "修改称号 " + row->title.name);
        if (rename) store.renameTitle(id, name);
        if (reprice) store.setTitlePoints(id, points);
        if (revalidate) store.setTitleValidity(id, validity);
    });
    if (!s.titleError.empty()) return false;
    // What is stored now (normalized) is what the editor holds.
    reloadIfChanged(app, s);
    if (const storage::TitleRow* stored = editedTitle(s)) {
        s.edit.name = stored->title.name;
        s.edit.points = fmt::grouped(stored->title.points);
        s.edit.validity = validityText(stored->validYears);
    }
    return true;
}

void drawTitleEditor(AppState& app, SettingsScreen& s) {
    headingText(str::kSetEditTitle);
    const storage::TitleRow* row = nullptr;
    for (const storage::TitleRow& r : s.titles)
        if (r.title.id == s.edit.id) row = &r;
    if (!row) {
        ImGui::TextDisabled("%s", str::kSetSelectTitle);
        return;
    }
    ImGui::TextDisabled("%s · %s", storage::subjectKindLabel(row->title.subjectKind), row->title.level.c_str());
    labelledField(app, str::kSetFieldTitleName, "title.edit.name", &s.edit.name);
    ImGui::TextUnformatted(str::kSetFieldPoints);
    ImGui::SetNextItemWidth(120);
    ImGui::InputText("##title.edit.points", &s.edit.points);
    locate("title.edit.points");
    double points = 0;
    const bool pointsOk = parsePoints(s.edit.points, points);
    if (!pointsOk) errorText(app, str::kSetPointsInvalid);
    if (row->title.subjectKind == "post") {
        ImGui::TextDisabled("%s", str::kSetValidityPosts);
    } else {
        ImGui::TextUnformatted(str::kSetFieldValidity);
        ImGui::SetNextItemWidth(120);
        ImGui::InputText("##title.edit.validity", &s.edit.validity);
        locate("title.edit.validity");
        std::string problem;
        storage::parseValidityYears(s.edit.validity, problem);
        if (!problem.empty()) errorText(app, problem);
    }

    if (ImGui::Button(str::kSetSaveTitle)) saveTitle(app, s);
    locate("title.edit.save");
    ImGui::SameLine();
    const bool active = row->title.active;
    if (ImGui::Button(active ? str::kSetRetire : str::kSetReactivate)) {
        const RowId id = s.edit.id;
        titleAction(s, str::kSetTitleSaved, [&] { storage::SettingsStore(app.storage).setTitleActive(id, !active); });
    }
    locate("title.edit.retire");
    ImGui::SameLine();
    if (ImGui::Button(str::kSetDeleteTitle)) {
        const RowId id = s.edit.id;
        titleAction(s, str::kSetTitleDeleted, [&] { storage::SettingsStore(app.storage).deleteTitle(id); });
    }
    locate("title.edit.delete");
}

// 添加, from the button or from "表单有未保存的修改": false when refused
// (the reason in titleError, the name kept).
bool addTitle(AppState& app, SettingsScreen& s) {
    double points = 0;
    if (!parsePoints(s.add.points, points)) {
        s.titleError = str::kSetPointsInvalid;
        s.titleMessage.clear();
        return false;
    }
    RowId added = 0;
    titleAction(s, str::kSetTitleAdded, [&] {
        added = storage::SettingsStore(app.storage)
                    .addTitle(s.add.name, kKinds[s.add.kind], kTitleLevels[static_cast<std::size_t>(s.add.level)], points);
    });
    if (added == 0) return false;
    s.add.name.clear();
    s.edit = TitleEdit{};
    return true;
}

void drawTitleAdder(AppState& app, SettingsScreen& s) {
    headingText(str::kSetAddTitle);
    labelledField(app, str::kSetFieldTitleName, "title.add.name", &s.add.name);
    const char* kinds[] = {str::kSetKindFamily, str::kSetKindPerson, str::kSetKindCollective, str::kSetKindPost};
    ImGui::SetNextItemWidth(140);
    ImGui::Combo("##title.add.kind", &s.add.kind, kinds, 4);
    locate("title.add.kind");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(100);
    if (ImGui::Combo("##title.add.level", &s.add.level, kTitleLevels.data(), static_cast<int>(kTitleLevels.size()))) {
        // A new title starts at its level's points, as the catalogue's own titles did.
        const auto level = s.stored.find(std::string("points.title.") + kTitleLevels[static_cast<std::size_t>(s.add.level)]);
        if (level != s.stored.end()) s.add.points = level->second;
    }
    locate("title.add.level");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputText("##title.add.points", &s.add.points);
    locate("title.add.points");
    ImGui::SameLine();
    if (ImGui::Button(str::kSetAdd)) addTitle(app, s);
    locate("title.add.submit");
}

void drawTitlesTab(AppState& app, SettingsScreen& s) {
    ImGui::TextWrapped("%s", str::kSetTitlesIntro);
    textInput(app, "title.filter", &s.titleFilter, str::kSetFilterHint, 320);
    const float editorHeight = ImGui::GetTextLineHeightWithSpacing() * 12.5f;
    drawTitleTable(app, s, std::max(160.0f, ImGui::GetContentRegionAvail().y - editorHeight));
    if (ImGui::BeginTable("title_forms", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        drawTitleEditor(app, s);
        ImGui::TableNextColumn();
        drawTitleAdder(app, s);
        ImGui::EndTable();
    }
    errorText(app, s.titleError);
    if (s.titleError.empty()) okText(app, s.titleMessage);
}

} // namespace

std::vector<std::string> unsavedKeys(const SettingsScreen& s) {
    std::vector<std::string> out;
    for (const auto& [key, value] : s.form) {
        const auto it = s.stored.find(key);
        if (it == s.stored.end() || it->second != value) out.push_back(key);
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

void drawSettingsScreen(AppState& app, SettingsScreen& s) {
    reloadIfChanged(app, s);
    // The rules form and the title editor, whichever tab is shown: leaving
    // the section or closing the window asks about either.
    if (!unsavedKeys(s).empty())
        formIsDirty(app, &s, str::kSetTabRules, [&app, &s] { return saveRules(app, s); }, [&s] {
            s.form = s.stored;
            s.problems.clear();
        });
    if (titleDirty(s)) {
        const storage::TitleRow* row = editedTitle(s);
        formIsDirty(app, &s.edit, row->title.name, [&app, &s] { return saveTitle(app, s); }, [&s] {
            if (const storage::TitleRow* r = editedTitle(s)) selectTitle(s, *r);
        });
    }
    // A new title with its name typed and not 添加ed.
    if (!trim(s.add.name).empty())
        formIsDirty(app, &s.add, leaveName(true, trim(s.add.name)), [&app, &s] { return addTitle(app, s); },
                    [&s] { s.add = NewTitleForm{}; });
    if (!ImGui::BeginTabBar("settings_tabs")) return;
    const bool rules = ImGui::BeginTabItem(str::kSetTabRules);
    locate("settings.tab.rules");
    if (rules) {
        ImGui::BeginChild("rules_tab");
        drawRulesTab(app, s);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    const bool badges = ImGui::BeginTabItem(str::kSetTabBadges);
    locate("settings.tab.badges");
    if (badges) {
        ImGui::BeginChild("badges_tab");
        drawBadgesTab(app, s);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    const bool titles = ImGui::BeginTabItem(str::kSetTabTitles);
    locate("settings.tab.titles");
    if (titles) {
        drawTitlesTab(app, s);
        ImGui::EndTabItem();
    }
    const bool display = ImGui::BeginTabItem(str::kDisplayTab);   // the text size (display_settings.hpp)
    locate("settings.tab.display");
    if (display) {
        ImGui::BeginChild("display_tab");
        drawDisplayTab(app);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    const bool backups = ImGui::BeginTabItem(str::kBakTab);
    locate("settings.tab.backups");
    if (backups) {
        ImGui::BeginChild("backups_tab");
        drawBackupsTab(app, s.backups);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    const bool users = ImGui::BeginTabItem(str::kUsersTab);
    locate("settings.tab.users");
    if (users) {
        ImGui::BeginChild("users_tab");
        drawUsersTab(app, s.users);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    // A save in this frame shows its result at once (a compare when nothing changed).
    reloadIfChanged(app, s);
}

} // namespace jinguo::ui
