// post_rules.hpp — the rules of 巾帼文明岗, free of storage and UI.
//
// A post holds one award per level (区 → 市 → 省 → 全国); each award has its
// own lifecycle 申报 → 创建 → 考核验收 → 命名 → 复核 / 撤销, one AwardEvent per
// step. These functions decide which step may follow which (with a Chinese
// reason when not), grade a 100-point assessment, evaluate the public
// conditions (shown beside the post, never enforced silently) and tell when a
// failed re-review has run past its fix-by date.
#pragma once

#include "core/model.hpp"
#include "core/vocabulary.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::posts {

// ---- words as stored (award.status, award_title.level)
// (the vocabulary is core/vocabulary.hpp; these are its words by name)
inline constexpr const char* kApply = kAwardStatusWords[0];
inline constexpr const char* kCreate = kAwardStatusWords[1];
inline constexpr const char* kAssess = kAwardStatusWords[2];
inline constexpr const char* kName = kAwardStatusWords[3];
inline constexpr const char* kReview = kAwardStatusWords[4];
inline constexpr const char* kRevoke = kAwardStatusWords[5];
inline constexpr const auto& kStatuses = kAwardStatusWords;
inline constexpr const auto& kLevels = kPostLevelWords;

// 0 for 区 … 3 for 全国; -1 for anything else.
int levelRank(std::string_view level);
bool isStatus(std::string_view status);

// ---- the rubric: 80+ 合格, 60 to under 80 基本合格, under 60 不合格; a failed
// veto item (一票否决) fails whatever the score. The thresholds are a kind's
// setting (KindRules); these are the national defaults.
enum class Grade { None, Pass, BasicPass, Fail };
inline constexpr double kDefaultPassScore = 80;
inline constexpr double kDefaultBasicPassScore = 60;
Grade gradeFor(double score, bool veto, double passScore = kDefaultPassScore,
               double basicPassScore = kDefaultBasicPassScore);
const char* gradeLabel(Grade grade);    // 合格, 基本合格, 不合格; "" for None

// The veto items of the public rubrics; the screen offers them as check boxes
// and records the failed ones in the event's note.
inline constexpr const char* kVetoItems[] = {
    "重大安全责任事故或违法违纪",
    "有效投诉查实且未整改",
    "弄虚作假骗取荣誉",
    "女职工比例低于60%",
};
// "一票否决：A、B" for the checked items (empty when none is checked).
std::string vetoNote(const std::vector<bool>& checked);
std::string vetoNote(const std::vector<bool>& checked, const std::vector<std::string>& items);

// ---- creation award kinds (creation_kind): 巾帼文明岗 is one; 巾帼示范村,
// 示范家长学校 and the kinds an organizer adds run the same lifecycle. A kind's
// subjects are rows of `post` with its kind_id; its levels are its titles.
using jinguo::kPostKindId;   // 巾帼文明岗 (core/vocabulary.hpp)

// The rules a region sets per kind (creation_kind's rule columns, award_title's
// review_years). The defaults are the national practice; 福建/厦门/浙江 take
// 50 %, 浙江 wants the head a woman and no years at the lower level. They are
// shown with their figures beside the subject, never enforced silently.
enum class LeaderRule { WomanAmongLeaders, HeadIsWoman };
struct KindRules {
    int womenPercent = 60;                          // 女性占比下限 (memberConditions kinds)
    LeaderRule leaderRule = LeaderRule::WomanAmongLeaders;
    int ladderYears = 2;                            // years holding the lower level before applying higher
    double passScore = kDefaultPassScore;           // ≥ 合格
    double basicPassScore = kDefaultBasicPassScore; // ≥ 基本合格, below 不合格
    bool nameAfterBasicPass = false;                // 命名 after a 基本合格 考核验收
    std::vector<std::pair<std::string, int>> reviewYears;   // level → years between 复核 (0: none)
};
inline constexpr int kDefaultReviewYears = 3;
// The 复核 interval of `level` (0 when none is set).
int reviewYearsFor(const KindRules& rules, std::string_view level);
// Why these rules cannot be saved (Chinese), empty when they can.
std::string rulesProblem(const KindRules& rules);

struct CreationKind {
    RowId id = 0;
    std::string name;                     // 巾帼示范村
    std::string subjectWord;              // what a subject is called: 岗位, 村, 学校
    bool memberConditions = false;        // 巾帼文明岗's women/members/leader conditions
    std::vector<std::string> vetoItems;   // the rubric's veto items
    std::vector<std::string> levels;      // its titles' levels, lowest first (titleLevelRank)
    bool builtin = false;
    KindRules rules;
};
Grade gradeFor(double score, bool veto, const KindRules& rules);
// 巾帼文明岗 as built in; the default kind of the rules below.
const CreationKind& postKind();
// "区、市、省或全国": a kind's levels for a message.
std::string levelsText(const CreationKind& kind);

// ---- one award (one level) with its history, as the rules need it
struct AwardHistory {
    RowId awardId = 0;
    std::string level;
    std::string titleName;
    int year = 0;
    std::string status;             // the current state (award.status)
    std::string docNumber;          // 文号 of the naming document
    std::string fixBy;              // set after a failed 复核
    std::vector<AwardEvent> events; // oldest first
};

// A step the user asks for: the new state with its date, 文号 and note; score
// and veto for 考核验收 and 复核; fixBy for a failed 复核.
struct TransitionRequest {
    std::string status;
    std::string date;               // YYYY-MM-DD
    std::string docNumber;
    std::string note;
    std::optional<double> score;
    bool veto = false;
    std::string fixBy;
    // Another body reviewing with the 妇联 (工会 for 巾帼文明岗): who, and their
    // opinion; recorded with the step and shown in the timeline.
    std::string coReviewer;
    std::string coOpinion;
};

struct Decision {
    bool allowed = false;
    std::string reason;             // Chinese, why refused; empty when allowed
    Grade grade = Grade::None;      // for 考核验收 / 复核
};

// May `award` move on by `request`? (Not for 申报: a new application is a new
// award, see checkApplication.) The kind's rules grade the scores, say whether
// 命名 may follow a 基本合格 考核验收; a veto at 复核 takes no 整改期限 (it leads
// straight to 撤销), a low score at 复核 needs one.
Decision checkTransition(const AwardHistory& award, const TransitionRequest& request, std::string_view today,
                         const CreationKind& kind = postKind());

// May the post apply at `level` for `year`? `awards` are all of the post's
// awards. Refused: an unknown level, a bad date, an award at that level that is
// still open or held, or one already filed for that level and year. The
// ladder condition (the level below held 2 years) is a condition, not a refusal.
Decision checkApplication(const std::vector<AwardHistory>& awards, std::string_view level, int year,
                          const TransitionRequest& request, std::string_view today,
                          const CreationKind& kind = postKind());

// The grade of the award's latest assessment (考核验收 or 复核), None if none.
Grade latestGrade(const AwardHistory& award, const KindRules& rules = KindRules{});
std::optional<double> latestScore(const AwardHistory& award);

// ---- dynamic management after a failed 复核
enum class ReviewState { None, Fixing, DueForRevocation };
// Fixing while today <= fixBy, DueForRevocation after it; None unless the
// award stands at 复核 with a failed grade and a fix-by date. A 复核 with a
// veto item and no fix-by is DueForRevocation at once (a vetoed 复核 recorded
// before 0019 carries the deadline the old rules demanded, and keeps it).
ReviewState reviewState(const AwardHistory& award, std::string_view today, const KindRules& rules = KindRules{});

// ---- periodic 复核: a held title is due again `years` after its latest 命名
// or 复核 (the same day; 02-29 falls to 02-28). Empty when the award holds no
// title, the interval is 0 or the award has no dated step.
std::string nextReviewDue(const AwardHistory& award, int years);
// True when the title is held and today is past its due date (复核逾期).
bool reviewOverdue(const AwardHistory& award, int years, std::string_view today);

// ---- the public conditions, shown with their figures
struct Condition {
    std::string label;              // 女职工占比不低于60%
    bool met = false;
    bool applicable = true;         // false: shown greyed, counts as met
    std::string figures;            // 17/24 = 70.8%
};
// Women ≥ rules.womenPercent of members, ≥ 3 members, ≥ 1 woman in
// leadership or the head a woman (kinds with memberConditions), and — when the
// post's latest award is above the kind's lowest level — the level below held
// ≥ rules.ladderYears years (by year: named in 2021, may apply in 2023 with
// 2) when that award was applied for. Labels carry the figures of the setting.
std::vector<Condition> checkConditions(const Post& post, const std::vector<AwardHistory>& awards,
                                       const CreationKind& kind = postKind());
int unmetConditions(const std::vector<Condition>& conditions);

// The award the post is known by: the latest year, then the highest level
// (titleLevelRank, so any kind's levels compare).
// nullptr when the post has no award.
const AwardHistory* currentAward(const std::vector<AwardHistory>& awards);

// The year the award was applied for (its 申报 event), else its year.
int applicationYear(const AwardHistory& award);
// The year the award was named (its 命名 event), 0 if never named.
int namingYear(const AwardHistory& award);
// True while the title stands: named (命名 or 复核) and not revoked.
bool holdsTitle(const AwardHistory& award);

} // namespace jinguo::posts
