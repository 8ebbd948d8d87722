// screen_posts.hpp — creation awards (巾帼文明岗, 巾帼示范村, 示范家长学校 and the
// kinds an organizer adds): a kind selector, the list of that kind's subjects
// with filters, and the selected one's conditions, records per level,
// lifecycle form and timeline.
//
// The list is cached per (storage revision, filter): PostStore::rows runs
// three queries when either changes, never per frame; search and sort work on
// the cached rows (pinyin order for names). The detail of the selected post is
// cached the same way. Forms keep what was typed when a save or a step is
// refused, and say why.
#pragma once

#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "core/post_rules.hpp"
#include "storage/post_store.hpp"
#include "ui/app_state.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/export_buttons.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jinguo::ui {

struct PostForm {
    bool open = false;
    RowId postId = 0;              // 0: a new post
    std::string workUnit;
    std::string name;
    RowId unitId = 0;
    std::string members = "0";
    std::string womenMembers = "0";
    std::string womenLeaders = "0";
    std::string contactName;
    std::string contactPhone;
    std::string note;
    bool headIsWoman = false;
    RowId kindId = posts::kPostKindId;   // a new subject's kind: the kind shown when 新建 was pressed
    std::string error;             // why the last save was refused
    Post original;                 // as loaded: a save refuses if the row changed since
};

// The step form: which record (an award of one level, or a new application),
// the step, and its fields as typed.
struct TransitionForm {
    RowId postId = 0;              // the post the form was set up for
    RowId awardId = 0;             // 0: a new application (申报)
    int level = 0;                 // index into the kind's levels, for a new application
    std::string year;
    int status = 1;                // index into posts::kStatuses
    std::string date;
    std::string docNumber;
    std::string note;
    std::string score;
    std::array<bool, 8> veto{};    // the kind's veto items (the first 8)
    std::string fixBy;
    std::string coReviewer;        // the body reviewing with the 妇联 (工会 …), if any
    std::string coOpinion;
    std::string error;             // the refusal, as the rules or storage gave it
    std::string message;           // "已登记。"
    bool advance = false;          // a step was recorded: move the form on at the next load
    posts::AwardHistory seen;      // the record as shown when chosen: a step refuses if it moved since
};

// 新增类别: a creation award kind the organizer adds (妇女之家 …).
struct KindForm {
    bool open = false;
    std::string name;
    std::string subjectWord;
    std::array<bool, 8> levels{};  // over kTitleLevelWords
    std::string error;
};

// 本类别规则: the listed kind's rules as typed (posts::KindRules).
struct RulesForm {
    bool open = false;
    RowId kindId = 0;
    std::string womenPercent;
    bool headIsWoman = false;      // the leader rule: 岗长 a woman instead of a woman among leaders
    std::string ladderYears;
    std::string passScore;
    std::string basicPassScore;
    bool nameAfterBasicPass = false;
    std::vector<std::pair<std::string, std::string>> reviewYears;   // level → years as typed
    std::string error;
    std::string message;
};
RulesForm rulesFormFor(const posts::CreationKind& kind);

struct PostsScreen {
    std::unique_ptr<storage::PostStore> store;
    // ---- creation award kinds: one list per kind, 巾帼文明岗 first
    std::vector<posts::CreationKind> kinds;
    RowId kindId = posts::kPostKindId;   // the kind listed
    KindForm kindForm;
    RulesForm rulesForm;
    // ---- list cache: rows for the applied filter at loadedRevision
    std::uint64_t loadedRevision = 0;
    std::string loadedToday;
    storage::PostFilter appliedFilter;
    std::vector<storage::PostListRow> rows;
    std::vector<NameKeys> workUnitKeys, nameKeys;
    std::vector<std::string> unitSortKeys;
    PinyinIndex pinyin;
    std::vector<OrgUnit> units;
    std::vector<int> years;
    int totalPosts = 0;
    // ---- searched and sorted view: indices into rows
    std::vector<int> visible;
    std::string appliedSearch;
    bool viewDirty = true;
    int sortColumn = 0;
    bool sortAscending = true;
    // ---- filters as chosen
    RowId unitFilter = 0;
    int levelFilter = 0;           // 0 all, else 1 + index into kLevels
    int yearFilter = 0;            // 0 all, else the year
    int statusFilter = 0;          // 0 all, 1..6 kStatuses, 7 应撤销, 8 复核逾期
    std::string search;
    // ---- the selected post
    RowId selectedId = 0;
    std::uint64_t detailRevision = 0;
    RowId detailFor = 0;
    std::optional<Post> post;
    std::string postUnitName;
    std::vector<posts::AwardHistory> awards;
    std::vector<storage::TimelineEntry> timeline;
    std::vector<posts::Condition> conditions;
    PostForm form;
    PostForm formAsLoaded;         // what the form held when opened: unsaved edits ask first
    TransitionForm transition;
    ConfirmPopup confirmDelete;
    std::string message;
    ExportButtons exportMenu;      // 导出 of the list as shown
};

// The posts as shown (filters, search, sort) in the list's columns, with
// 联系人 and 联系电话 (the phone masked unless `unmasked`).
ExportTable postsShownTable(const PostsScreen& screen, bool unmasked);

void drawPostsScreen(AppState& app, PostsScreen& screen);

// The app's 巾帼文明岗 screen state (tests read what the forms say).
PostsScreen& postsScreen(AppState& app);

} // namespace jinguo::ui
