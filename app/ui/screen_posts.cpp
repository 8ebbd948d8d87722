// screen_posts.cpp — 巾帼文明岗: the list on the left; the selected post's
// conditions, records per level, step form and timeline on the right.
//
// [SECTION] cache and view (load, search, sort)
// [SECTION] small widgets
// [SECTION] filters and the list
// [SECTION] the post form
// [SECTION] the step form
// [SECTION] conditions, records and timeline
// [SECTION] the screen
#include "ui/screen_posts.hpp"

#include "core/id_number.hpp"
#include "core/masking.hpp"
#include "core/number_format.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"
#include "storage/session_scope.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace jinguo::ui {

using storage::PostListRow;
using namespace jinguo::posts;

namespace {

constexpr theme::Colour kWarnColor = theme::kWarningColor;
constexpr theme::Colour kMutedColor = theme::kTextMuted;

int statusRank(const std::string& status) {
    for (int i = 0; i < 6; ++i)
        if (status == kStatuses[i]) return i;
    return -1;
}

//-----------------------------------------------------------------------------
// [SECTION] cache and view (load, search, sort)
//-----------------------------------------------------------------------------

// The kind listed (巾帼文明岗 until the kinds are loaded, or when it is gone).
const CreationKind& shownKind(const PostsScreen& s) {
    for (const CreationKind& k : s.kinds)
        if (k.id == s.kindId) return k;
    return postKind();
}

storage::PostFilter chosenFilter(const PostsScreen& s) {
    storage::PostFilter f;
    f.kindId = s.kindId;
    f.unitId = s.unitFilter;
    const CreationKind& kind = shownKind(s);
    if (s.levelFilter > 0 && s.levelFilter <= static_cast<int>(kind.levels.size()))
        f.level = kind.levels[static_cast<std::size_t>(s.levelFilter - 1)];
    f.year = s.yearFilter;
    if (s.statusFilter >= 1 && s.statusFilter <= 6) f.status = kStatuses[s.statusFilter - 1];
    if (s.statusFilter == 7) f.status = storage::kDueForRevocation;
    if (s.statusFilter == 8) f.status = storage::kReviewOverdue;
    return f;
}

bool sameFilter(const storage::PostFilter& a, const storage::PostFilter& b) {
    return a.kindId == b.kindId && a.unitId == b.unitId && a.level == b.level && a.year == b.year &&
           a.status == b.status;
}

void reloadIfChanged(AppState& app, PostsScreen& s) {
    if (!s.store) s.store = std::make_unique<storage::PostStore>(app.storage);
    // Today matters too: a failed re-review turns due for revocation overnight.
    const bool dataChanged = s.loadedRevision != app.storage.revision() || s.loadedToday != app.today;
    if (dataChanged || s.kinds.empty()) {
        s.kinds = s.store->kinds();
        if (app.noteText)
            for (const CreationKind& k : s.kinds) app.noteText(k.name + k.subjectWord);
    }
    const storage::PostFilter filter = chosenFilter(s);
    if (!dataChanged && sameFilter(filter, s.appliedFilter)) return;
    if (dataChanged || filter.kindId != s.appliedFilter.kindId) {
        s.units = storage::writableUnits(app.storage);   // a street's user: her subtree
        s.years = s.store->years(s.kindId);
        s.totalPosts = static_cast<int>(s.store->rows(storage::PostFilter{{}, {}, 0, {}, s.kindId}, app.today).size());
    }
    s.rows = s.store->rows(filter, app.today);
    s.workUnitKeys.resize(s.rows.size());
    s.nameKeys.resize(s.rows.size());
    s.unitSortKeys.resize(s.rows.size());
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        s.workUnitKeys[i] = s.pinyin.keysFor(s.rows[i].post.workUnit);
        s.nameKeys[i] = s.pinyin.keysFor(s.rows[i].post.name);
        s.unitSortKeys[i] = s.pinyin.keysFor(s.rows[i].unitName).collation;
    }
    s.loadedRevision = app.storage.revision();
    s.loadedToday = app.today;
    s.appliedFilter = filter;
    s.viewDirty = true;
}

double womenShare(const Post& p) { return p.members > 0 ? static_cast<double>(p.womenMembers) / p.members : 0.0; }

void sortVisible(PostsScreen& s) {
    auto compare = [&](int column, int a, int b) -> int {
        const PostListRow& x = s.rows[static_cast<std::size_t>(a)];
        const PostListRow& y = s.rows[static_cast<std::size_t>(b)];
        auto num = [](double p, double q) { return p < q ? -1 : p > q ? 1 : 0; };
        switch (column) {
        case 0: return s.workUnitKeys[a].collation.compare(s.workUnitKeys[b].collation);   // pinyin order
        case 1: return s.nameKeys[a].collation.compare(s.nameKeys[b].collation);
        case 2: return s.unitSortKeys[a].compare(s.unitSortKeys[b]);
        case 3: return x.post.members - y.post.members;
        case 4: return num(womenShare(x.post), womenShare(y.post));
        case 5: return titleLevelRank(x.level) - titleLevelRank(y.level);
        case 6: return x.year - y.year;
        case 7: return statusRank(x.status) - statusRank(y.status);
        case 8: return num(x.latestScore.value_or(-1), y.latestScore.value_or(-1));
        case 9: return x.unmetConditions - y.unmetConditions;
        default: return 0;
        }
    };
    std::stable_sort(s.visible.begin(), s.visible.end(), [&](int a, int b) {
        const int c = compare(s.sortColumn, a, b);
        if (c != 0) return s.sortAscending ? c < 0 : c > 0;
        return s.rows[static_cast<std::size_t>(a)].post.id < s.rows[static_cast<std::size_t>(b)].post.id;
    });
}

bool rowMatches(const PostListRow& r, const NameKeys& unitKeys, const NameKeys& nameKeys, const std::string& query) {
    if (query.empty()) return true;
    const std::string folded = foldFullWidth(query);
    if (isPinyinQuery(folded) && (matchesPinyin(unitKeys, folded) || matchesPinyin(nameKeys, folded))) return true;
    return containsFolded(r.post.workUnit, folded) || containsFolded(r.post.name, folded) ||
           containsFolded(r.unitName, folded);
}

void refreshView(PostsScreen& s) {
    const std::string query = trim(s.search);
    if (!s.viewDirty && query == s.appliedSearch) return;
    s.visible.clear();
    for (std::size_t i = 0; i < s.rows.size(); ++i)
        if (rowMatches(s.rows[i], s.workUnitKeys[i], s.nameKeys[i], query)) s.visible.push_back(static_cast<int>(i));
    s.appliedSearch = query;
    s.viewDirty = false;
    sortVisible(s);
}

// The natural next step of an award, so the form starts where the user is.
int nextStatusIndex(const AwardHistory& a, const KindRules& rules) {
    const int current = statusRank(a.status);
    const Grade grade = latestGrade(a, rules);
    switch (current) {
    case 0: return 1;                                           // 申报 -> 创建
    case 1: return 2;                                           // 创建 -> 考核验收
    case 2:                                                     // -> 命名, or assess again
        return grade == Grade::Fail || (grade == Grade::BasicPass && !rules.nameAfterBasicPass) ? 2 : 3;
    case 3: return 4;                                           // 命名 -> 复核
    case 4: return reviewState(a, "", rules) == ReviewState::DueForRevocation ? 5 : 4;   // 复核 again, or 撤销 after a veto
    default: return 1;
    }
}

// The record the step form was set up for moved on (an undo, another
// window's step) while nothing was typed into the form: it follows, instead
// of offering a step from a state that is gone (which the store would refuse).
// The step form holds something the user typed or ticked (not only what
// resetTransition put there).
bool transitionTyped(const TransitionForm& t, const std::string& today) {
    return t.date != today || !t.docNumber.empty() || !t.note.empty() || !t.score.empty() || !t.fixBy.empty()
        || !t.coReviewer.empty() || !t.coOpinion.empty() || std::find(t.veto.begin(), t.veto.end(), true) != t.veto.end();
}

bool followChange(const TransitionForm& t, const std::vector<AwardHistory>& awards, const std::string& today) {
    if (t.awardId == 0 || t.seen.awardId != t.awardId) return false;
    if (transitionTyped(t, today)) return false;
    auto lastEvent = [](const AwardHistory& a) { return a.events.empty() ? RowId(0) : a.events.back().id; };
    for (const AwardHistory& a : awards) {
        if (a.awardId != t.awardId) continue;
        return a.status != t.seen.status || a.docNumber != t.seen.docNumber || a.fixBy != t.seen.fixBy
            || lastEvent(a) != lastEvent(t.seen);
    }
    return true;   // gone (undone)
}

// Sets the step form up for the post: its latest open record, or a new
// application at the next level when every record is closed or held.
void resetTransition(PostsScreen& s, const std::string& today) {
    TransitionForm t;
    t.postId = s.detailFor;
    t.date = today;
    t.year = today.substr(0, 4);
    const AwardHistory* current = currentAward(s.awards);
    if (current && current->status != kRevoke) {
        t.awardId = current->awardId;
        t.status = nextStatusIndex(*current, shownKind(s).rules);
        t.seen = *current;
    } else {
        t.awardId = 0;
        t.status = 0;
        t.level = 0;
    }
    t.message = s.transition.postId == s.detailFor ? s.transition.message : std::string();
    s.transition = std::move(t);
}

void reloadDetail(AppState& app, PostsScreen& s) {
    if (s.selectedId == 0) return;
    if (s.detailFor == s.selectedId && s.detailRevision == app.storage.revision()) return;
    const bool otherPost = s.detailFor != s.selectedId;
    s.post = s.store->post(s.selectedId);
    s.detailFor = s.selectedId;
    s.detailRevision = app.storage.revision();
    if (!s.post) {
        s.selectedId = 0;
        return;
    }
    s.postUnitName.clear();
    for (const OrgUnit& u : s.units)
        if (u.id == s.post->unitId) s.postUnitName = u.name;
    s.awards = s.store->awardsOf(s.selectedId);
    s.timeline = s.store->timeline(s.selectedId);
    s.conditions = checkConditions(*s.post, s.awards, shownKind(s));
    // Text from the rules (labels, figures) is not in the strings file.
    if (app.noteText) {
        for (const Condition& c : s.conditions) app.noteText(c.label + c.figures);
        for (const AwardHistory& a : s.awards) app.noteText(a.titleName);
    }
    if (otherPost) s.transition.message.clear();
    // After a recorded step the form moves on (keeping its message); a form
    // being typed into is left alone when something else changed the data.
    if (otherPost || s.transition.advance || followChange(s.transition, s.awards, app.today)) resetTransition(s, app.today);
}

//-----------------------------------------------------------------------------
// [SECTION] small widgets
//-----------------------------------------------------------------------------

// SameLine, unless a radio button with this label would run past the right
// edge: then it starts the next line (a post with three levels has many).
void sameLineForRadio(const std::string& label) {
    const float width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                        ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

// A combo over fixed labels; option i is located as "<key>.option.<i>".
void labelCombo(const char* key, int* current, const std::vector<std::string>& labels, float width) {
    ImGui::SetNextItemWidth(width);
    const std::string id = std::string("##") + key;
    const char* preview = *current >= 0 && *current < static_cast<int>(labels.size()) ? labels[*current].c_str() : "";
    if (ImGui::BeginCombo(id.c_str(), preview, ImGuiComboFlags_HeightLarge)) {
        for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(labels[i].c_str(), i == *current)) *current = i;
            if (ItemLocator::instance().enabled()) locate((std::string(key) + ".option." + std::to_string(i)).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    locate(key);
}

std::string statusLabel(const PostListRow& r) {
    if (r.awardId == 0) return str::kPostsNotApplied;
    std::string label = r.status;
    if (r.review == ReviewState::DueForRevocation) label += std::string(" · ") + str::kPostsDueStatus;
    else if (r.review == ReviewState::Fixing) label += std::string(" · ") + str::kPostsFixing;
    else if (r.reviewOverdue) label += std::string(" · ") + str::kPostsOverdue;
    return label;
}

ImVec4 statusColor(const std::string& status, ReviewState review, bool overdue = false) {
    if (review == ReviewState::DueForRevocation || status == kRevoke) return kErrorColor;
    if (review == ReviewState::Fixing || overdue) return kWarnColor;
    if (status == kName || status == kReview) return kOkColor;
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

//-----------------------------------------------------------------------------
// [SECTION] filters and the list
//-----------------------------------------------------------------------------

void drawFilters(AppState& app, PostsScreen& s) {
    const float em = ImGui::GetFontSize();
    textInput(app, "posts.search", &s.search, str::kPostsSearchHint, em * 14);
    sameLineIfFits(em * 9);
    unitCombo(app, s.units, "posts.filter.unit", &s.unitFilter, str::kPostsAllUnits, em * 9, UnitIndent::ByTierAsTree,
              str::kPostsAllUnits);
    sameLineIfFits(em * 6);
    std::vector<std::string> levels{str::kPostsAllLevels};
    for (const std::string& l : shownKind(s).levels) levels.push_back(l + str::kPostsLevelSuffix);
    labelCombo("posts.filter.level", &s.levelFilter, levels, em * 6);
    sameLineIfFits(em * 6);
    std::vector<std::string> years{str::kPostsAllYears};
    int yearIndex = 0;
    for (std::size_t i = 0; i < s.years.size(); ++i) {
        years.push_back(std::to_string(s.years[i]));
        if (s.years[i] == s.yearFilter) yearIndex = static_cast<int>(i) + 1;
    }
    labelCombo("posts.filter.year", &yearIndex, years, em * 6);
    s.yearFilter = yearIndex == 0 ? 0 : s.years[static_cast<std::size_t>(yearIndex - 1)];
    sameLineIfFits(em * 7);
    std::vector<std::string> statuses{str::kPostsAllStatuses};
    for (const char* st : kStatuses) statuses.emplace_back(st);
    statuses.emplace_back(str::kPostsDueStatus);
    statuses.emplace_back(str::kPostsOverdue);
    labelCombo("posts.filter.status", &s.statusFilter, statuses, em * 7);
    const std::string addLabel = std::string(str::kPostsAdd) + shownKind(s).subjectWord + "###posts.add";
    sameLineIfFits(buttonWidth(addLabel.c_str()));
    if (ImGui::Button(addLabel.c_str())) {
        leaveThen(app, [&s] {
            s.form = PostForm{};
            s.form.open = true;
            s.form.unitId = s.unitFilter;
            s.form.kindId = s.kindId;
            s.formAsLoaded = s.form;
            s.selectedId = 0;
            s.message.clear();
        }, &s);
    }
    locate("posts.add");
}

// The kinds as radio buttons ("posts.kind.<id>") and 新增类别; switching the
// kind leaves the selected subject (asking first when a form is dirty).
void drawKindBar(AppState& app, PostsScreen& s) {
    ImGui::TextUnformatted(str::kPostsKindLabel);
    for (const CreationKind& k : s.kinds) {
        ImGui::SameLine();
        if (ImGui::RadioButton((k.name + "##kind" + std::to_string(k.id)).c_str(), s.kindId == k.id) &&
            s.kindId != k.id) {
            leaveThen(app, [&s, id = k.id] {
                s.kindId = id;
                s.levelFilter = 0;
                s.yearFilter = 0;
                s.selectedId = 0;
                s.form = PostForm{};
                s.message.clear();
            }, &s);
        }
        locate(("posts.kind." + std::to_string(k.id)).c_str());
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(str::kPostsKindAdd)) {
        s.kindForm = KindForm{};
        s.kindForm.open = true;
    }
    locate("posts.kind.add");
    ImGui::SameLine();
    if (ImGui::SmallButton(str::kPostsRulesButton)) {
        if (s.rulesForm.open && s.rulesForm.kindId == s.kindId) s.rulesForm = RulesForm{};
        else s.rulesForm = rulesFormFor(shownKind(s));
    }
    locate("posts.rules");
}

bool parseWhole(const std::string& text, int& out) {
    const std::string t = trim(foldFullWidth(text));
    if (t.empty() || t.size() > 3 || t.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::atoi(t.c_str());
    return true;
}

bool parseScore(const std::string& text, std::optional<double>& out);   // the step form's, below

bool parseRuleScore(const std::string& text, double& out) {
    std::optional<double> score;
    if (!parseScore(text, score) || !score) return false;
    out = *score;
    return true;
}

// 本类别规则: the kind's rules as a form; saved as one undo step (PostStore::setKindRules).
void drawRulesForm(AppState& app, PostsScreen& s) {
    RulesForm& f = s.rulesForm;
    if (!f.open) return;
    if (f.kindId != s.kindId) f = rulesFormFor(shownKind(s));   // the kind listed changed: show its rules
    const CreationKind& kind = shownKind(s);
    ImGui::Separator();
    headingText(formatMessage(str::kPostsRulesHeadingFormat, kind.name.c_str()).c_str());
    const float em = ImGui::GetFontSize();
    if (kind.memberConditions) {
        ImGui::TextUnformatted(str::kPostsRulesWomen);
        ImGui::SameLine();
        textInput(app, "rules.women", &f.womenPercent, "60", em * 3);
        ImGui::SameLine();
        if (ImGui::RadioButton(str::kPostsRulesLeaderAmong, !f.headIsWoman)) f.headIsWoman = false;
        locate("rules.leader.among");
        ImGui::SameLine();
        if (ImGui::RadioButton(str::kPostsRulesLeaderHead, f.headIsWoman)) f.headIsWoman = true;
        locate("rules.leader.head");
    }
    ImGui::TextUnformatted(str::kPostsRulesLadder);
    ImGui::SameLine();
    textInput(app, "rules.ladder", &f.ladderYears, "2", em * 3);
    ImGui::TextUnformatted(str::kPostsRulesPass);
    ImGui::SameLine();
    textInput(app, "rules.pass", &f.passScore, "80", em * 3);
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kPostsRulesBasic);
    ImGui::SameLine();
    textInput(app, "rules.basic", &f.basicPassScore, "60", em * 3);
    ImGui::Checkbox(str::kPostsRulesNameAfterBasic, &f.nameAfterBasicPass);
    locate("rules.name_after_basic");
    ImGui::TextUnformatted(str::kPostsRulesReviewYears);
    for (std::size_t i = 0; i < f.reviewYears.size(); ++i) {
        ImGui::SameLine();
        ImGui::TextUnformatted((f.reviewYears[i].first + str::kPostsLevelSuffix).c_str());
        ImGui::SameLine();
        const std::string key = "rules.review." + std::to_string(i);
        textInput(app, key.c_str(), &f.reviewYears[i].second, "3", em * 2.5f);
    }
    if (ImGui::Button(str::kPostsRulesSave)) {
        KindRules rules;
        bool ok = parseWhole(f.womenPercent, rules.womenPercent) && parseWhole(f.ladderYears, rules.ladderYears) &&
                  parseRuleScore(f.passScore, rules.passScore) && parseRuleScore(f.basicPassScore, rules.basicPassScore);
        rules.leaderRule = f.headIsWoman ? LeaderRule::HeadIsWoman : LeaderRule::WomanAmongLeaders;
        rules.nameAfterBasicPass = f.nameAfterBasicPass;
        for (const auto& [level, years] : f.reviewYears) {
            int n = 0;
            ok = ok && parseWhole(years, n);
            rules.reviewYears.emplace_back(level, n);
        }
        if (!ok) {
            f.error = str::kPostsRulesNumberInvalid;
            f.message.clear();
        } else {
            try {
                s.store->setKindRules(f.kindId, rules);
                s.kinds.clear();   // reload: the list, conditions and grades follow the new rules
                f.error.clear();
                f.message = str::kPostsRulesSaved;
            } catch (const std::exception& e) {
                f.error = e.what();   // the form keeps what was typed
                f.message.clear();
            }
        }
    }
    locate("rules.save");
    ImGui::SameLine();
    if (ImGui::Button(str::kPostsRulesDefaults)) {
        RulesForm defaults = rulesFormFor(CreationKind{});
        defaults.reviewYears = f.reviewYears;
        for (auto& [level, years] : defaults.reviewYears) years = std::to_string(kDefaultReviewYears);
        defaults.kindId = f.kindId;
        defaults.open = true;
        f = std::move(defaults);   // shown, saved by 保存规则
    }
    locate("rules.defaults");
    ImGui::SameLine();
    if (ImGui::Button(str::kCancel)) f = RulesForm{};
    locate("rules.cancel");
    errorText(app, f.error);
    if (f.error.empty()) okText(app, f.message);
    ImGui::Separator();
}

void drawKindForm(AppState& app, PostsScreen& s) {
    KindForm& f = s.kindForm;
    if (!f.open) return;
    ImGui::Separator();
    headingText(str::kPostsKindHeading);
    const float em = ImGui::GetFontSize();
    textInput(app, "kind.name", &f.name, str::kPostsKindName, em * 10);
    ImGui::SameLine();
    textInput(app, "kind.subject", &f.subjectWord, str::kPostsKindSubject, em * 16);
    ImGui::TextUnformatted(str::kPostsKindLevels);
    // 区 and above: creation awards are named by a district or higher.
    for (std::size_t i = static_cast<std::size_t>(rankOf(TitleLevel::District)); i < kTitleLevelWords.size(); ++i) {
        ImGui::SameLine();
        const std::string label = levelWithSuffix(kTitleLevelWords[i]) + "##kindlevel" + std::to_string(i);
        ImGui::Checkbox(label.c_str(), &f.levels[i]);
        locate(("kind.level." + std::to_string(i)).c_str());
    }
    if (ImGui::Button(str::kPostsKindSave)) {
        std::vector<std::string> levels;
        for (std::size_t i = 0; i < kTitleLevelWords.size(); ++i)
            if (f.levels[i]) levels.emplace_back(kTitleLevelWords[i]);
        try {
            const RowId id = s.store->addKind(trim(foldFullWidth(f.name)), trim(foldFullWidth(f.subjectWord)), levels);
            s.kindForm = KindForm{};
            s.kinds.clear();   // reload with the new kind, then show it
            leaveThen(app, [&s, id] {
                s.kindId = id;
                s.levelFilter = 0;
                s.yearFilter = 0;
                s.selectedId = 0;
                s.form = PostForm{};
                s.message = str::kPostsKindAdded;
            }, &s);
        } catch (const std::exception& e) {
            f.error = e.what();   // the form keeps what was typed
        }
    }
    locate("kind.save");
    ImGui::SameLine();
    if (ImGui::Button(str::kCancel)) s.kindForm = KindForm{};
    locate("kind.cancel");
    errorText(app, f.error);
    ImGui::Separator();
}

// "显示 12 个岗位（共 35 个）  命名 5 · 复核 2 …": what the filter shows.
void drawCounts(PostsScreen& s) {
    ImGui::TextDisabled(str::kPostsCountFormat, fmt::count(static_cast<long long>(s.visible.size())).c_str(),
                        shownKind(s).subjectWord.c_str(), fmt::count(s.totalPosts).c_str());
    int byStatus[7] = {};
    int due = 0;
    for (int index : s.visible) {
        const PostListRow& r = s.rows[static_cast<std::size_t>(index)];
        const int rank = statusRank(r.status);
        byStatus[rank < 0 ? 6 : rank] += 1;
        if (r.review == ReviewState::DueForRevocation) ++due;
    }
    for (int i = 0; i < 6; ++i) {
        if (byStatus[i] == 0) continue;
        ImGui::SameLine();
        ImGui::TextDisabled("%s %s", kStatuses[i], fmt::count(byStatus[i]).c_str());
    }
    if (byStatus[6] > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s %s", str::kPostsNotApplied, fmt::count(byStatus[6]).c_str());
    }
    if (due > 0) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColor, "%s %s", str::kPostsDueStatus, fmt::count(due).c_str());
    }
}

void selectPost(PostsScreen& s, RowId id) {
    s.selectedId = id;
    s.form = PostForm{};
    s.message.clear();
}

void drawList(AppState& app, PostsScreen& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV
                                | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable;
    // Names stretch (cut with "…" past their minimum); figures fit their header.
    const float em = ImGui::GetFontSize();
    const ImGuiTableColumnFlags bigFirst = ImGuiTableColumnFlags_PreferSortDescending;
    if (!beginListTable("posts",
                        {{str::kPostsColWorkUnit, nullptr, 0, true, ImGuiTableColumnFlags_DefaultSort, em * 8},
                         {str::kPostsColName, nullptr, 1, true, 0, em * 6},
                         {str::kPostsColUnit, "城东街道社区", 2, true},
                         {str::kPostsColMembers, "1,234", 3, false, bigFirst},
                         {str::kPostsColWomenShare, "100%", 4, false, bigFirst},
                         {str::kPostsColLevel, "市级", 5, false, bigFirst},
                         {str::kPostsColYear, "2026", 6, false, bigFirst},
                         {str::kPostsColStatus, nullptr, 7, false, 0, em * 5.6f},
                         {str::kPostsColScore, "100.0", 8, false, bigFirst},
                         {str::kPostsColConditions, nullptr, 9, false, 0, em * 4.2f}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    const float headerBottom = ImGui::GetItemRectMax().y;
    if (tableSortChanged(s.sortColumn, s.sortAscending)) sortVisible(s);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.visible.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const PostListRow& r = s.rows[static_cast<std::size_t>(s.visible[static_cast<std::size_t>(i)])];
            ImGui::PushID(static_cast<int>(r.post.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // Long names end with "…" and show in full as a tooltip.
            const std::string workUnit = ellipsized(r.post.workUnit, ImGui::GetContentRegionAvail().x - ImGui::GetStyle().CellPadding.x);
            bool clicked = ImGui::Selectable(workUnit.c_str(), s.selectedId == r.post.id,
                                             ImGuiSelectableFlags_SpanAllColumns);
            if (workUnit.size() != r.post.workUnit.size() && ImGui::IsItemHovered()
                && (ImGui::TableGetColumnFlags() & ImGuiTableColumnFlags_IsHovered))
                ImGui::SetTooltip("%s", r.post.workUnit.c_str());
            // ImGui 1.86 takes the click of a row spanning all columns only in
            // its first column: the whole row's rectangle is tested here.
            const ImVec2 rowMin = ImGui::GetItemRectMin();
            const ImVec2 rowMax = ImGui::GetItemRectMax();
            if (!clicked && ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
                ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                ImGui::GetIO().MousePos.y > headerBottom &&
                ImGui::IsMouseHoveringRect(rowMin, rowMax, false))
                clicked = true;
            if (clicked)
                leaveThen(app, [&s, id = r.post.id] { selectPost(s, id); }, &s);
            if (ItemLocator::instance().enabled()) locate(("posts.row." + std::to_string(r.post.id)).c_str());
            ImGui::TableNextColumn(); textFitted(r.post.name);
            ImGui::TableNextColumn(); textFitted(r.unitName);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(r.post.members).c_str());
            ImGui::TableNextColumn();
            if (r.post.members > 0) ImGui::Text("%.0f%%", womenShare(r.post) * 100.0);
            ImGui::TableNextColumn(); textFitted(r.level);
            ImGui::TableNextColumn();
            if (r.year > 0) ImGui::Text("%d", r.year);
            ImGui::TableNextColumn();
            ImGui::TextColored(statusColor(r.status, r.review, r.reviewOverdue), "%s", statusLabel(r).c_str());
            ImGui::TableNextColumn();
            if (r.latestScore) {
                if (r.grade == Grade::Fail) ImGui::TextColored(kErrorColor, "%s", fmt::score(*r.latestScore).c_str());
                else ImGui::TextUnformatted(fmt::score(*r.latestScore).c_str());
            }
            ImGui::TableNextColumn();
            if (r.unmetConditions == 0) ImGui::TextColored(kOkColor, "%s", str::kPostsConditionsMet);
            else ImGui::TextColored(kErrorColor, str::kPostsConditionsUnmetFormat, r.unmetConditions);
            ImGui::PopID();
        }
    }
    // Up/Down/PageUp/PageDown/Home/End/Enter open a row as a click does.
    if (const int row = keyboardRowChoice(static_cast<int>(s.visible.size()), [&] {
            for (std::size_t i = 0; i < s.visible.size(); ++i)
                if (s.rows[static_cast<std::size_t>(s.visible[i])].post.id == s.selectedId) return static_cast<int>(i);
            return -1;
        }); row >= 0)
        leaveThen(app, [&s, id = s.rows[static_cast<std::size_t>(s.visible[static_cast<std::size_t>(row)])].post.id] {
            selectPost(s, id);
        }, &s);
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] the post form
//-----------------------------------------------------------------------------

bool parseCount(const std::string& text, int& out) {
    const std::string t = trim(foldFullWidth(text));
    if (t.empty() || t.size() > 7 || t.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::atoi(t.c_str());
    return true;
}

struct PostFormCheck {
    std::string workUnit, name, members, women, leaders, phone;
    PhoneCheck phoneCheck;
    int m = 0, w = 0, l = 0;
    bool ok() const {
        return workUnit.empty() && name.empty() && members.empty() && women.empty() && leaders.empty() &&
               phone.empty();
    }
};

PostFormCheck checkPostForm(const PostForm& f) {
    PostFormCheck c;
    if (trim(f.workUnit).empty()) c.workUnit = str::kPostsWorkUnitRequired;
    if (trim(f.name).empty()) c.name = str::kPostsNameRequired;
    if (!parseCount(f.members, c.m)) c.members = str::kPostsCountInvalid;
    if (!parseCount(f.womenMembers, c.w)) c.women = str::kPostsCountInvalid;
    else if (c.members.empty() && c.w > c.m) c.women = str::kPostsWomenTooMany;
    if (!parseCount(f.womenLeaders, c.l)) c.leaders = str::kPostsCountInvalid;
    else if (c.women.empty() && c.l > c.w) c.leaders = str::kPostsLeadersTooMany;
    if (!trim(f.contactPhone).empty()) {
        c.phoneCheck = checkMobilePhone(f.contactPhone);
        if (!c.phoneCheck.ok) c.phone = c.phoneCheck.message;
    }
    return c;
}

void openPostForm(PostsScreen& s) {
    if (!s.post) return;
    PostForm f;
    f.open = true;
    f.original = *s.post;
    f.postId = s.post->id;
    f.workUnit = s.post->workUnit;
    f.name = s.post->name;
    f.unitId = s.post->unitId;
    f.members = std::to_string(s.post->members);
    f.womenMembers = std::to_string(s.post->womenMembers);
    f.womenLeaders = std::to_string(s.post->womenLeaders);
    f.contactName = s.post->contactName;
    f.contactPhone = s.post->contactPhone;
    f.note = s.post->note;
    f.headIsWoman = s.post->headIsWoman;
    f.kindId = s.post->kindId;
    s.form = std::move(f);
    s.formAsLoaded = s.form;
}

// The form differs from what it opened with (a new form: anything typed).
bool formDirty(const PostsScreen& s) {
    const PostForm& a = s.form;
    const PostForm& b = s.formAsLoaded;
    return a.open && (a.postId != b.postId || a.workUnit != b.workUnit || a.name != b.name || a.unitId != b.unitId
                      || a.members != b.members || a.womenMembers != b.womenMembers
                      || a.womenLeaders != b.womenLeaders || a.contactName != b.contactName
                      || a.contactPhone != b.contactPhone || a.note != b.note || a.headIsWoman != b.headIsWoman);
}

bool savePostForm(PostsScreen& s, const PostFormCheck& c) {
    PostForm& f = s.form;
    Post p;
    p.id = f.postId;
    p.workUnit = trim(f.workUnit);
    p.name = trim(f.name);
    p.unitId = f.unitId;
    p.members = c.m;
    p.womenMembers = c.w;
    p.womenLeaders = c.l;
    p.contactName = trim(f.contactName);
    p.contactPhone = trim(f.contactPhone).empty() ? std::string() : c.phoneCheck.normalized;
    p.note = trim(f.note);
    p.headIsWoman = f.headIsWoman;
    p.kindId = f.postId == 0 ? f.kindId : f.original.kindId;
    try {
        if (p.id == 0) {
            s.selectedId = s.store->insertPost(p);
        } else {
            s.store->updatePost(p, &f.original);
            s.selectedId = p.id;
        }
        s.form = PostForm{};
        s.message = str::kSaved;
        return true;
    } catch (const std::exception& e) {
        f.error = e.what();   // everything typed stays in the form
        return false;
    }
}

// 保存, from the button or from "表单有未保存的修改": false when refused (the form says why).
bool trySavePostForm(PostsScreen& s) {
    const PostFormCheck check = checkPostForm(s.form);
    if (!check.ok()) {
        s.form.error = str::kFixBeforeSave;
        return false;
    }
    return savePostForm(s, check);
}

void drawPostForm(AppState& app, PostsScreen& s) {
    PostForm& f = s.form;
    const PostFormCheck check = checkPostForm(f);
    headingText(f.postId == 0 ? str::kPostsNewHeading : str::kPostsEditHeading);
    if (ImGui::BeginTable("post_form", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        // "Required" is said after a save was tried, not at an empty new form.
        const bool triedSave = !f.error.empty();
        labelledField(app, str::kPostsFieldWorkUnit, "post.work_unit", &f.workUnit);
        if (triedSave) errorText(app, check.workUnit);
        ImGui::TableNextColumn();
        labelledField(app, str::kPostsFieldName, "post.name", &f.name);
        if (triedSave) errorText(app, check.name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str::kPostsFieldUnit);
        unitCombo(app, s.units, "post.unit", &f.unitId, str::kPostsNoUnit, -1, UnitIndent::ByTierAsTree,
                  str::kPostsNoUnit);
        ImGui::TableNextColumn();
        labelledField(app, str::kPostsFieldMembers, "post.members", &f.members);
        errorText(app, check.members);
        ImGui::TableNextColumn();
        labelledField(app, str::kPostsFieldWomen, "post.women", &f.womenMembers);
        errorText(app, check.women);
        ImGui::TableNextColumn();
        labelledField(app, str::kPostsFieldLeaders, "post.leaders", &f.womenLeaders);
        errorText(app, check.leaders);
        ImGui::Checkbox(str::kPostsFieldHeadWoman, &f.headIsWoman);
        locate("post.head_woman");
        ImGui::TableNextColumn();
        labelledField(app, str::kPostsFieldContact, "post.contact", &f.contactName);
        ImGui::TableNextColumn();
        labelledField(app, str::kPostsFieldPhone, "post.phone", &f.contactPhone);
        errorText(app, check.phone);
        ImGui::EndTable();
    }
    labelledField(app, str::kPostsFieldNote, "post.note", &f.note);
    // The conditions as they would read with these figures (not enforced).
    if (check.members.empty() && check.women.empty() && check.leaders.empty()) {
        Post preview;
        preview.members = check.m;
        preview.womenMembers = check.w;
        preview.womenLeaders = check.l;
        preview.headIsWoman = f.headIsWoman;
        for (const Condition& c : checkConditions(preview, f.postId == s.detailFor ? s.awards
                                                                                    : std::vector<AwardHistory>{},
                                                  shownKind(s))) {
            if (!c.applicable) continue;
            userText(app, c.met ? kOkColor : kErrorColor,
                     std::string(c.met ? str::kPostsMet : str::kPostsUnmet) + " " + c.label + "  " + c.figures);
        }
    }
    switch (formButtons("post", false)) {
    case FormAction::Save: trySavePostForm(s); break;
    case FormAction::Cancel: s.form = PostForm{}; break;
    default: break;
    }
    errorText(app, s.form.error);
}

//-----------------------------------------------------------------------------
// [SECTION] the step form
//-----------------------------------------------------------------------------

bool parseScore(const std::string& text, std::optional<double>& out) {
    const std::string t = trim(foldFullWidth(text));
    out.reset();
    if (t.empty()) return true;   // missing: the rules say which step needs one
    char* end = nullptr;
    const double value = std::strtod(t.c_str(), &end);
    if (*end != '\0' || !(value >= 0 && value <= 100)) return false;
    out = value;
    return true;
}

void submitTransition(AppState& app, PostsScreen& s) {
    TransitionForm& t = s.transition;
    TransitionRequest r;
    r.date = trim(foldFullWidth(t.date));
    r.docNumber = trim(t.docNumber);
    r.fixBy = trim(foldFullWidth(t.fixBy));
    const bool newApplication = t.awardId == 0;
    r.status = newApplication ? kApply : kStatuses[t.status];
    const bool assessment = !newApplication && (r.status == kAssess || r.status == kReview);
    std::string note = trim(t.note);
    if (assessment) {
        if (!parseScore(t.score, r.score)) {
            t.error = str::kPostsScoreInvalid;
            return;
        }
        const std::vector<std::string>& items = shownKind(s).vetoItems;
        std::vector<bool> checked(t.veto.begin(), t.veto.begin() + std::min(items.size(), t.veto.size()));
        r.veto = std::find(checked.begin(), checked.end(), true) != checked.end();
        const std::string veto = vetoNote(checked, items);
        if (!veto.empty()) note = note.empty() ? veto : veto + "；" + note;
    }
    if (r.status != kReview || r.veto) r.fixBy.clear();   // the field shows only for 复核 without a veto
    r.note = note;
    r.coReviewer = trim(t.coReviewer);
    r.coOpinion = trim(t.coOpinion);
    storage::PostStore::Result result;
    if (newApplication) {
        const std::string year = trim(foldFullWidth(t.year));
        if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos) {
            t.error = str::kPostsYearInvalid;
            return;
        }
        const std::vector<std::string>& levels = shownKind(s).levels;
        if (t.level < 0 || t.level >= static_cast<int>(levels.size())) {
            t.error = str::kPostsLevelMissing;
            return;
        }
        result = s.store->apply(s.selectedId, levels[static_cast<std::size_t>(t.level)], std::atoi(year.c_str()), r,
                                app.today);
    } else {
        result = s.store->transition(t.awardId, r, app.today, t.seen.awardId == t.awardId ? &t.seen : nullptr);
    }
    if (!result.ok) {
        t.error = result.reason;   // the form keeps everything typed
        t.message.clear();
        return;
    }
    t.error.clear();
    t.advance = true;
    t.message = std::string(str::kPostsRecorded) + " " +
                (newApplication ? shownKind(s).levels[static_cast<std::size_t>(t.level)] + str::kPostsLevelSuffix + kApply
                                : r.status) +
                (result.grade != Grade::None ? std::string("（") + gradeLabel(result.grade) + "）" : std::string());
    // The detail reloads on the new revision and sets the form to the next step.
}

void drawTransitionForm(AppState& app, PostsScreen& s) {
    TransitionForm& t = s.transition;
    headingText(str::kPostsTransitionHeading);
    // Which record: one per level entered, or a new application.
    ImGui::TextUnformatted(str::kPostsRecordLabel);
    for (const AwardHistory& a : s.awards) {
        const std::string label = a.level + str::kPostsLevelSuffix + " " + std::to_string(a.year) + " · " + a.status +
                                  "##record" + std::to_string(a.awardId);
        sameLineForRadio(label);
        if (ImGui::RadioButton(label.c_str(), t.awardId == a.awardId)) {
            t.awardId = a.awardId;
            t.status = nextStatusIndex(a, shownKind(s).rules);
            t.seen = a;
        }
        locate(("tr.record." + std::to_string(a.awardId)).c_str());
    }
    sameLineForRadio(str::kPostsNewApplication);
    if (ImGui::RadioButton(str::kPostsNewApplication, t.awardId == 0)) t.awardId = 0;
    locate("tr.record.new");

    const float em = ImGui::GetFontSize();
    std::string status;
    if (t.awardId == 0) {
        status = kApply;
        ImGui::TextUnformatted(str::kPostsLevelLabel);
        const std::vector<std::string>& levels = shownKind(s).levels;
        for (int i = 0; i < static_cast<int>(levels.size()); ++i) {
            const std::string label = levels[static_cast<std::size_t>(i)] + str::kPostsLevelSuffix + "##level" +
                                      std::to_string(i);
            sameLineForRadio(label);
            if (ImGui::RadioButton(label.c_str(), t.level == i)) t.level = i;
            locate(("tr.level." + std::to_string(i)).c_str());
        }
        ImGui::SameLine();
        ImGui::TextUnformatted(str::kPostsYearLabel);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em * 4);
        ImGui::InputText("##tr.year", &t.year);
        locate("tr.year");
    } else {
        ImGui::TextUnformatted(str::kPostsStepLabel);
        // Every step is offered: one that makes no sense is refused with its reason.
        for (int i = 1; i < 6; ++i) {
            ImGui::SameLine();
            const std::string label = std::string(kStatuses[i]) + "##status" + std::to_string(i);
            if (ImGui::RadioButton(label.c_str(), t.status == i)) t.status = i;
            locate(("tr.status." + std::to_string(i)).c_str());
        }
        status = kStatuses[t.status];
    }

    ImGui::TextUnformatted(str::kPostsDateLabel);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 6.5f);
    ImGui::InputTextWithHint("##tr.date", str::kDateHint, &t.date);
    locate("tr.date");
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kPostsDocLabel);
    ImGui::SameLine();
    textInput(app, "tr.doc", &t.docNumber, str::kPostsDocHint, -1);

    const bool assessment = status == kAssess || status == kReview;
    if (assessment) {
        ImGui::TextUnformatted(str::kPostsScoreLabel);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em * 4);
        ImGui::InputText("##tr.score", &t.score);
        locate("tr.score");
        std::optional<double> score;
        if (parseScore(t.score, score) && score) {
            const bool veto = std::find(t.veto.begin(), t.veto.end(), true) != t.veto.end();
            const Grade g = gradeFor(*score, veto, shownKind(s).rules);
            ImGui::SameLine();
            ImGui::TextUnformatted(str::kPostsGradePreview);
            ImGui::SameLine();
            ImGui::TextColored(g == Grade::Fail ? kErrorColor : g == Grade::BasicPass ? kWarnColor : kOkColor, "%s",
                               gradeLabel(g));
        }
        const bool vetoTicked = std::find(t.veto.begin(), t.veto.end(), true) != t.veto.end();
        if (status == kReview && vetoTicked) {
            ImGui::SameLine();
            ImGui::TextColored(kErrorColor, "%s", str::kPostsVetoNoFixBy);
        } else if (status == kReview) {
            ImGui::SameLine();
            ImGui::TextUnformatted(str::kPostsFixByField);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(em * 6.5f);
            ImGui::InputTextWithHint("##tr.fix_by", str::kDateHint, &t.fixBy);
            locate("tr.fix_by");
        }
        ImGui::TextDisabled("%s", str::kPostsVetoLabel);
        const std::vector<std::string>& vetoItems = shownKind(s).vetoItems;
        for (std::size_t i = 0; i < std::min(t.veto.size(), vetoItems.size()); ++i) {
            if (i % 2 == 1) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
            if (app.noteText) app.noteText(vetoItems[i]);
            const std::string label = vetoItems[i] + "##veto" + std::to_string(i);
            ImGui::Checkbox(label.c_str(), &t.veto[i]);
            locate(("tr.veto." + std::to_string(i)).c_str());
        }
    }
    if (status != kApply) {
        // Another body reviewing with the 妇联 (工会 for 巾帼文明岗), recorded with the step.
        ImGui::TextUnformatted(str::kPostsCoReviewerLabel);
        ImGui::SameLine();
        textInput(app, "tr.co_reviewer", &t.coReviewer, str::kPostsCoReviewerHint, em * 9);
        ImGui::SameLine();
        ImGui::TextUnformatted(str::kPostsCoOpinionLabel);
        ImGui::SameLine();
        textInput(app, "tr.co_opinion", &t.coOpinion, "", -1);
    }
    ImGui::TextUnformatted(str::kPostsNoteLabel);
    ImGui::SameLine();
    textInput(app, "tr.note", &t.note, "", -1);

    if (ImGui::Button(str::kPostsSubmit, ImVec2(110, 0))) submitTransition(app, s);
    locate("tr.submit");
    if (status == kApply && s.post) {
        // The conditions as they will read once this application is filed
        // (the ladder depends on the level and year chosen): shown, not enforced.
        std::vector<AwardHistory> planned = s.awards;
        AwardHistory application;
        application.awardId = std::numeric_limits<RowId>::max();
        const std::vector<std::string>& levels = shownKind(s).levels;
        if (t.level >= 0 && t.level < static_cast<int>(levels.size()))
            application.level = levels[static_cast<std::size_t>(t.level)];
        application.year = std::atoi(trim(t.year).c_str());
        application.status = kApply;
        AwardEvent filed;
        filed.status = kApply;
        filed.happenedOn = trim(t.date);
        application.events.push_back(filed);
        planned.push_back(std::move(application));
        const std::vector<Condition> conditions = checkConditions(*s.post, planned, shownKind(s));
        if (unmetConditions(conditions) > 0) {
            ImGui::TextColored(kWarnColor, "%s", str::kPostsUnmetWarning);
            locate("tr.conditions_warning");
            for (const Condition& c : conditions) {
                if (!c.applicable || c.met) continue;
                userText(app, kWarnColor, std::string(str::kPostsUnmet) + " " + c.label + "  " + c.figures, true);
            }
        }
    }
    errorText(app, t.error);
    if (t.error.empty()) okText(app, t.message);
}

//-----------------------------------------------------------------------------
// [SECTION] conditions, records and timeline
//-----------------------------------------------------------------------------

void drawConditions(PostsScreen& s) {
    headingText(str::kPostsConditionsHeading);
    for (const Condition& c : s.conditions) {
        if (!c.applicable) {
            ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
            ImGui::TextWrapped("%s %s  %s", str::kPostsNotApplicable, c.label.c_str(), c.figures.c_str());
            ImGui::PopStyleColor();
            continue;
        }
        ImGui::TextColored(c.met ? kOkColor : kErrorColor, "%s", c.met ? str::kPostsMet : str::kPostsUnmet);
        ImGui::SameLine();
        ImGui::TextUnformatted(c.label.c_str());
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", c.figures.c_str());
        ImGui::PopStyleColor();
    }
}

void drawRecords(AppState& app, PostsScreen& s) {
    headingText(str::kPostsRecordsHeading);
    if (s.awards.empty()) {
        ImGui::TextDisabled("%s", str::kPostsNoRecords);
        return;
    }
    const KindRules& rules = shownKind(s).rules;
    for (const AwardHistory& a : s.awards) {
        const ReviewState review = reviewState(a, app.today, rules);
        ImGui::Bullet();
        ImGui::Text("%s%s %s · %d", a.level.c_str(), str::kPostsLevelSuffix, a.titleName.c_str(), a.year);
        ImGui::SameLine();
        ImGui::TextColored(statusColor(a.status, review), "%s", a.status.c_str());
        if (!a.docNumber.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", a.docNumber.c_str());
        }
        if (review != ReviewState::None) {
            ImGui::Indent();
            if (review == ReviewState::Fixing) ImGui::TextColored(kWarnColor, str::kPostsFixingFormat, a.fixBy.c_str());
            else if (a.fixBy.empty()) ImGui::TextColored(kErrorColor, "%s", str::kPostsVetoDue);
            else ImGui::TextColored(kErrorColor, str::kPostsDueFormat, a.fixBy.c_str());
            ImGui::Unindent();
        } else if (const std::string due = nextReviewDue(a, reviewYearsFor(rules, a.level)); !due.empty()) {
            ImGui::Indent();
            if (reviewOverdue(a, reviewYearsFor(rules, a.level), app.today))
                ImGui::TextColored(kWarnColor, str::kPostsReviewOverdueFormat, due.c_str());
            else
                ImGui::TextDisabled(str::kPostsReviewDueFormat, due.c_str());
            ImGui::Unindent();
        }
    }
}

ImU32 dotColor(const AwardEvent& e, const KindRules& rules) {
    if (e.status == kRevoke) return ImGui::GetColorU32(kErrorColor);
    if (e.score && gradeFor(*e.score, e.veto, rules) == Grade::Fail) return ImGui::GetColorU32(kWarnColor);
    if (e.status == kName) return ImGui::GetColorU32(kOkColor);
    return ImGui::GetColorU32(theme::kInfoColor);
}

// Newest first: a dot per step on a vertical line, the step's date, level and
// state, then its score, 文号, fix-by date and note.
void drawTimeline(PostsScreen& s) {
    headingText(str::kPostsTimelineHeading);
    // A bounded, scrolling box (newest on top) so the step form stays in view.
    const float step = ImGui::GetTextLineHeightWithSpacing();
    float wanted = ImGui::GetStyle().WindowPadding.y * 2;
    for (const storage::TimelineEntry& entry : s.timeline)
        wanted += step * (1.15f + (entry.event.note.empty() ? 0.0f : 1.0f) + (entry.event.fixBy.empty() ? 0.0f : 1.0f) +
                          (entry.coReviewer.empty() ? 0.0f : 1.0f));
    const KindRules& rules = shownKind(s).rules;
    ImGui::BeginChild("timeline", ImVec2(0, std::min(wanted, step * 11.5f)), true);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float gutter = line * 1.4f;
    const ImU32 rail = ImGui::GetColorU32(theme::kRail);
    for (std::size_t n = 0; n < s.timeline.size(); ++n) {
        const storage::TimelineEntry& entry = s.timeline[s.timeline.size() - 1 - n];
        const AwardEvent& e = entry.event;
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::Indent(gutter);
        ImGui::BeginGroup();
        ImGui::TextDisabled("%s", e.happenedOn.c_str());
        ImGui::SameLine();
        ImGui::Text("%s%s %s", entry.level.c_str(), str::kPostsLevelSuffix, e.status.c_str());
        if (e.score) {
            ImGui::SameLine();
            const Grade g = gradeFor(*e.score, e.veto, rules);
            ImGui::TextColored(g == Grade::Fail ? kErrorColor : g == Grade::BasicPass ? kWarnColor : kOkColor,
                               str::kPostsScoreFormat, fmt::score(*e.score).c_str(), gradeLabel(g));
            if (e.veto) {
                ImGui::SameLine(0, 0);
                ImGui::TextColored(kErrorColor, "%s", str::kPostsVetoMark);
            }
        }
        if (!e.docNumber.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", e.docNumber.c_str());
        }
        if (!e.fixBy.empty()) {
            ImGui::TextColored(kWarnColor, "%s%s", str::kPostsFixByLabel, e.fixBy.c_str());
        }
        if (!entry.coReviewer.empty()) {
            const std::string who = entry.coReviewer + (entry.coOpinion.empty() ? "" : "：" + entry.coOpinion);
            ImGui::TextWrapped(str::kPostsCoReviewFormat, who.c_str());
        }
        if (!e.note.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
            ImGui::TextWrapped("%s", e.note.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::EndGroup();
        ImGui::Unindent(gutter);
        const float bottom = ImGui::GetItemRectMax().y + ImGui::GetStyle().ItemSpacing.y;
        const ImVec2 dot{top.x + gutter * 0.45f, top.y + line * 0.5f};
        if (n + 1 < s.timeline.size()) draw->AddLine(dot, ImVec2(dot.x, bottom + line * 0.5f), rail, 2.0f);
        draw->AddCircleFilled(dot, line * 0.3f, dotColor(e, rules));
    }
    ImGui::EndChild();
    if (ItemLocator::instance().enabled() && !s.timeline.empty()) locate("posts.timeline");
}

void drawDetail(AppState& app, PostsScreen& s) {
    if (!s.post) return;
    const Post& p = *s.post;
    if (app.largeFont) ImGui::PushFont(app.largeFont);
    ImGui::TextWrapped("%s · %s", p.workUnit.c_str(), p.name.c_str());
    if (app.largeFont) ImGui::PopFont();
    if (!s.postUnitName.empty()) ImGui::TextDisabled("%s", s.postUnitName.c_str());
    ImGui::Text(str::kPostsMembersFormat, fmt::count(p.members).c_str(), fmt::count(p.womenMembers).c_str(),
                fmt::count(p.womenLeaders).c_str());
    if (!p.contactName.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s %s", str::kPostsContact, p.contactName.c_str(), p.contactPhone.c_str());
    }
    if (!p.note.empty()) ImGui::TextColored(kMutedColor, "%s", p.note.c_str());
    if (ImGui::SmallButton(str::kPostsEdit)) openPostForm(s);
    locate("post.edit");
    ImGui::SameLine();
    if (ImGui::SmallButton(str::kDelete)) s.confirmDelete.ask(formatMessage(str::kPostsDeleteFormat, p.name.c_str()));
    locate("post.delete");
    if (!s.message.empty()) {
        ImGui::SameLine();
        okText(app, s.message);
    }
    if (drawConfirmPopup(app, s.confirmDelete, "post.delete_confirm", str::kDelete) == ConfirmChoice::Confirmed) {
        try {
            s.store->deletePost(p.id);
            s.selectedId = 0;
            s.post.reset();
            s.message = str::kDeletedUndoable;
        } catch (const std::exception& e) {
            s.message = e.what();
        }
        return;
    }
    ImGui::Separator();
    drawConditions(s);
    ImGui::Separator();
    drawRecords(app, s);
    ImGui::Separator();
    if (!s.timeline.empty()) {
        drawTimeline(s);
        ImGui::Separator();
    }
    drawTransitionForm(app, s);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

RulesForm rulesFormFor(const CreationKind& kind) {
    RulesForm f;
    f.open = true;
    f.kindId = kind.id;
    f.womenPercent = std::to_string(kind.rules.womenPercent);
    f.headIsWoman = kind.rules.leaderRule == LeaderRule::HeadIsWoman;
    f.ladderYears = std::to_string(kind.rules.ladderYears);
    f.passScore = fmt::score(kind.rules.passScore);
    f.basicPassScore = fmt::score(kind.rules.basicPassScore);
    f.nameAfterBasicPass = kind.rules.nameAfterBasicPass;
    for (const std::string& level : kind.levels)
        f.reviewYears.emplace_back(level, std::to_string(reviewYearsFor(kind.rules, level)));
    return f;
}

ExportTable postsShownTable(const PostsScreen& s, bool unmasked) {
    ExportTable table;
    table.sheetName = str::kExpPostsFile;
    table.headers = {str::kPostsColWorkUnit, str::kPostsColName,    str::kPostsColUnit,   str::kPostsFieldContact,
                     str::kPostsFieldPhone,  str::kPostsColMembers, str::kPostsColWomenShare, str::kPostsColLevel,
                     str::kPostsColYear,     str::kPostsColStatus,  str::kPostsColScore,  str::kPostsColConditions};
    table.numericColumns = {false, false, false, false, false, true, false, false, true, false, true, false};
    for (const int index : s.visible) {
        const PostListRow& r = s.rows[static_cast<std::size_t>(index)];
        char share[16] = "";
        if (r.post.members > 0) std::snprintf(share, sizeof share, "%.0f%%", womenShare(r.post) * 100.0);
        char conditions[64];
        if (r.unmetConditions == 0) std::snprintf(conditions, sizeof conditions, "%s", str::kPostsConditionsMet);
        else std::snprintf(conditions, sizeof conditions, str::kPostsConditionsUnmetFormat, r.unmetConditions);
        table.rows.push_back({r.post.workUnit, r.post.name, r.unitName, r.post.contactName, r.post.contactPhone,
                              std::to_string(r.post.members), share, r.level, r.year > 0 ? std::to_string(r.year) : "",
                              statusLabel(r), r.latestScore ? fmt::score(*r.latestScore) : "", conditions});
    }
    if (!unmasked) maskIdAndPhoneColumns(table.rows, -1, 4);
    return table;
}

void drawPostsScreen(AppState& app, PostsScreen& s) {
    // Before 新建 and the list: a click this frame must already know. 不保存
    // closes the form, as 取消 does (the detail shows what is stored).
    if (formDirty(s)) {
        const bool isNew = s.form.postId == 0;
        formIsDirty(app, &s, leaveName(isNew, isNew ? trim(s.form.workUnit)
                                                : s.form.original.workUnit + " " + s.form.original.name),
                    [&s] { return trySavePostForm(s); }, [&s] { s.form = PostForm{}; });
    }
    // The step form (登记 a step) with something typed: asks too; 保存 records the step.
    if (s.selectedId != 0 && s.transition.postId == s.selectedId && transitionTyped(s.transition, app.today)) {
        formIsDirty(app, &s, leaveName(false, s.post ? s.post->workUnit + " " + s.post->name + " · "
                                                       + str::kPostsTransitionHeading
                                                     : std::string(str::kPostsTransitionHeading)),
                    [&app, &s] {
                        submitTransition(app, s);
                        if (!s.transition.error.empty()) return false;
                        resetTransition(s, app.today);   // recorded: nothing typed is left to ask about
                        return true;
                    },
                    [&app, &s] { resetTransition(s, app.today); });
    }
    if (s.kinds.empty() && s.store) s.kinds = s.store->kinds();
    drawKindBar(app, s);
    drawKindForm(app, s);
    drawRulesForm(app, s);
    drawFilters(app, s);
    reloadIfChanged(app, s);
    refreshView(s);
    drawCounts(s);
    ImGui::SameLine();
    drawExportMenu(app, s.exportMenu, str::kExpPostsFile, true,
                   [&s](bool unmasked) { return postsShownTable(s, unmasked); }, "posts.export");
    reloadDetail(app, s);

    drawListAndDetail({"posts_list", "posts_detail", 400.0f, 0.37f}, [&] { drawList(app, s); }, [&] {
        if (s.form.open) {
            drawPostForm(app, s);
        } else if (s.selectedId != 0 && s.post) {
            drawDetail(app, s);
        } else {
            okText(app, s.message);
            ImGui::TextWrapped("%s", str::kPostsNoneSelected);
        }
    });
}

} // namespace jinguo::ui
