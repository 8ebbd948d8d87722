// post_store.hpp — the SQL of creation awards (巾帼文明岗 and the other kinds):
// the kinds, their subjects (table post, one kind each), their awards per
// level and the lifecycle history of each award.
//
// How the tables map: a post (table post) holds one award row per level it
// entered (区, 市, 省, 全国 — the title of that level, subject_kind 'post'),
// whose `year` is the year it was applied for; award.status is the current
// state and every step is an award_event (date, 文号, note, score/veto,
// fix_by). Applying at a level creates the award and its 申报 event; a later
// step adds an event and moves the award (status, fix_by, the naming 文号).
// A revoked award stays as history; applying at that level again starts a
// new award. The rules (post_rules.hpp) decide; this class refuses what they
// refuse, with their reason, and writes nothing then.
//
// Every write runs in one transaction, is audited with whole rows (rowJson
// before/after), bumps the revision and is one undo step with a Chinese label
// ("巾帼文明岗 收费站 区级考核验收"); deletePost goes through
// UndoStore::deleteRow so that undo brings back its awards and history.
#pragma once

#include "core/model.hpp"
#include "core/post_rules.hpp"
#include "storage/storage.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::storage {

// One row of the 巾帼文明岗 list: the post, its unit and the award it is known
// by (posts::currentAward), with what the screen shows beside it.
struct PostListRow {
    Post post;
    std::string unitName;
    RowId awardId = 0;             // 0: never applied
    std::string level;
    std::string titleName;
    int year = 0;
    std::string status;
    std::string docNumber;
    std::string fixBy;
    std::optional<double> latestScore;
    posts::Grade grade = posts::Grade::None;
    posts::ReviewState review = posts::ReviewState::None;
    std::string reviewDue;         // next periodic 复核 (posts::nextReviewDue), empty when none
    bool reviewOverdue = false;    // 复核逾期 today
    int unmetConditions = 0;
};

// What the list shows; empty / 0 fields do not filter. `unitId` matches the
// post's unit and every unit below it. `status` is a lifecycle word,
// kDueForRevocation or kReviewOverdue.
struct PostFilter {
    RowId unitId = 0;
    std::string level;
    int year = 0;
    std::string status;
    RowId kindId = posts::kPostKindId;   // the kind listed; 0: every kind
};
inline constexpr const char* kDueForRevocation = "应撤销";
inline constexpr const char* kReviewOverdue = "复核逾期";

struct TimelineEntry {
    AwardEvent event;
    std::string level;
    std::string titleName;
    int awardYear = 0;
    std::string coReviewer;        // the body reviewing with the 妇联 at this step, if any
    std::string coOpinion;
};

class PostStore {
public:
    explicit PostStore(Storage& storage);

    // ---- creation award kinds (creation_kind, with their titles as levels)
    std::vector<posts::CreationKind> kinds();
    std::optional<posts::CreationKind> kind(RowId id);
    // A kind the organizer adds (妇女之家 …): its row and one title per level,
    // named after the kind, at the level's points (设置). Refused with a Chinese
    // StorageError, nothing written: an empty name or subject word, no level, a
    // level outside the vocabulary, a kind or title of that name already there.
    // One undo step. Its conditions are the ladder; its veto items the general ones.
    RowId addKind(const std::string& name, const std::string& subjectWord, const std::vector<std::string>& levels);
    // The kind's rules (女性占比, 负责人, 年限, 评分, 基本合格命名, 复核周期 per
    // level): one audited undo step. Refused with a Chinese StorageError,
    // nothing written, when posts::rulesProblem says so or the kind is gone.
    void setKindRules(RowId kindId, const posts::KindRules& rules);

    std::optional<Post> post(RowId id);
    // Refusals (same work unit and post name twice, more women than members …)
    // are StorageError with a Chinese message; nothing is written then.
    RowId insertPost(const Post& post);
    // `asLoaded`: the post as the form loaded it; refused (StaleFormError,
    // nothing written) when the row changed since (stale_form.hpp).
    void updatePost(const Post& post, const Post* asLoaded = nullptr);
    void deletePost(RowId id);                         // with its awards and their history

    // The post's awards, each with its events (oldest first), by year and level.
    std::vector<posts::AwardHistory> awardsOf(RowId postId);
    // Every event of every award of the post, by date: the timeline.
    std::vector<TimelineEntry> timeline(RowId postId);

    struct Result {
        bool ok = false;
        std::string reason;        // Chinese, why refused
        RowId id = 0;              // the award (apply) or the event (transition)
        posts::Grade grade = posts::Grade::None;
    };
    // A new application at `level` for `year`: the award of that level's post
    // title with its 申报 event.
    Result apply(RowId postId, const std::string& level, int year, const posts::TransitionRequest& request,
                 std::string_view today);
    // The next step of an award (创建, 考核验收, 命名, 复核, 撤销).
    // `asSeen`: the award as the step form showed it; refused (reason from
    // staleFormMessage) when its state, 文号, 整改期限 or latest step changed
    // since — another window recorded a step meanwhile.
    Result transition(RowId awardId, const posts::TransitionRequest& request, std::string_view today,
                      const posts::AwardHistory* asSeen = nullptr);

    // Where an imported list says the post stands at `level` (the 巾帼文明岗
    // import): the post's open award of that level (a new one, with its 申报
    // event at `appliedOn` when given, if there is none or only revoked ones)
    // is brought to `status`, the change recorded as an award_event dated
    // `date` with `docNumber` and the note 导入. The list states facts already
    // decided elsewhere, so the step rules (scores, order) are not asked; an
    // unknown level or status, a bad date or a level without a catalogue title
    // is refused (StorageError, nothing written). Returns whether anything
    // changed (the same status and 文号 again change nothing).
    struct ImportedState {
        std::string level;
        int year = 0;
        std::string status;
        std::string appliedOn;     // YYYY-MM-DD or empty
        std::string date;          // YYYY-MM-DD: when the post reached `status`
        std::string docNumber;
    };
    bool importState(RowId postId, const ImportedState& state);

    // The list, filtered; in post id order (the screen sorts).
    std::vector<PostListRow> rows(const PostFilter& filter, std::string_view today);
    // The years that have post awards, newest first (for the year filter).
    std::vector<int> years(RowId kindId = posts::kPostKindId);   // 0: every kind

private:
    std::vector<posts::AwardHistory> loadAwards(RowId postId);   // 0: every post's
    RowId titleFor(RowId kindId, const std::string& level);
    posts::CreationKind kindOrDefault(RowId kindId);

    Storage& m_storage;
    Database& m_db;
};

} // namespace jinguo::storage
