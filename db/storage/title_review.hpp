// title_review.hpp — 复核 in bulk of family and individual titles (动态管理).
//
// The organizer picks the titles due (by unit — a street takes its
// communities —, title, level, year and standing on a day) and marks them all
// 保留 (status 复核: the title is confirmed again, its validity starts anew)
// or 撤销, with one date, one 文号 and one reason. The whole decision is ONE
// undo step ("复核保留 128 个称号"); each title gets its award_event through
// writeTitleEvent, so the family's timeline shows it like any other change.
// Standings are judged by core/title_standing.hpp's rule (the one definition).
#pragma once

#include "core/model.hpp"
#include "core/title_review.hpp"
#include "core/title_standing.hpp"
#include "storage/storage.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::storage {

// Which titles to list. Empty / 0 fields mean "any".
struct TitleReviewFilter {
    RowId unitId = 0;                  // the unit and every unit below it
    std::string title;                 // 五好文明家庭 …
    std::string level;                 // 区 …
    int year = 0;                      // the award's year
    std::string subjectKind;           // "family", "person" or "" for both
    // Standings to keep; empty = every held title (有效, 待复核, 已过期).
    std::vector<TitleStanding> standings = {TitleStanding::DueForReview, TitleStanding::Expired};
};

// One title the filter found, with where it stands on the day asked.
struct ReviewableTitle {
    RowId awardId = 0;
    std::string subjectKind;           // family / person
    std::string holder;                // 户主 or the person's name
    std::string unitName;
    std::string title;
    std::string level;
    int year = 0;
    TitleStandingDetail standing;
    // The pinyin sort keys the list is ordered by (review_title_order, 0045).
    std::string unitKey;
    std::string holderKey;
};

// The held titles (命名/复核 now) of families and persons that pass the filter,
// judged on `day` (YYYY-MM-DD); ordered by unit and holder in pinyin (as
// every other list: core/pinyin.hpp's keys, kept in review_title_order by
// migration 0045), then title, year.
// Asked for 待复核/已过期 only, it reads just the titles whose held range
// ends near or before the day (award_held_span_until, migration 0028) and
// those with an unreadable date; any other standing reads every held title.
std::vector<ReviewableTitle> titlesForReview(Storage& storage, const TitleReviewFilter& filter, std::string_view day);

// ---- 全部有效 (filter.standings empty) a page at a time (issue 17).
// Every held title passes, so nothing needs judging to filter: the count and
// the pages come from review_title_order (migration 0038, kept by triggers)
// in the list's order, and only a page's rows are judged by the rule. The
// pages put together equal titlesForReview with the same filter.

// Where a page continues: the last row's sort key (the unit's and the
// holder's pinyin keys, jinguo_sort_key; then the title's text, year, id).
struct ReviewListKey {
    std::string unitKey;
    std::string holderKey;
    std::string title;
    int year = 0;
    RowId awardId = 0;
};
ReviewListKey reviewListKeyOf(const ReviewableTitle& row);

// The held titles the filter's unit, title, level, year and kind pass.
std::int64_t countHeldTitlesForReview(Storage& storage, const TitleReviewFilter& filter);
// Up to `limit` of them after `after` (keyset), else from `offset` on,
// judged on `day`.
std::vector<ReviewableTitle> heldTitlesForReviewPage(Storage& storage, const TitleReviewFilter& filter,
                                                     std::string_view day, const std::optional<ReviewListKey>& after,
                                                     std::int64_t offset, int limit);
// Every award id of that list (全选), in the list's order.
std::vector<RowId> heldTitleIdsForReview(Storage& storage, const TitleReviewFilter& filter);

// review_title_order's pinyin keys computed again (after an ICU upgrade:
// another collator may order names differently). Returns the rows keyed.
std::int64_t fillReviewTitleOrderKeys(Database& db);

struct ReviewDecision {
    ReviewResult result = ReviewResult::Keep;
    std::string date;                  // YYYY-MM-DD
    std::string docNumber;             // 文号
    std::string reason;                // the event's note
};

// The undo label of a decision on `count` titles: "复核保留 128 个称号".
std::string reviewStepLabel(ReviewResult result, std::size_t count);

// Refuses (StorageError, Chinese) what the decision cannot apply to: no title
// chosen, a bad date, a date after `today`, a title that is no longer held or
// was named after the date. Returns the first award whose date is wrong so a
// message can name it.
void checkReviewDecision(Storage& storage, const std::vector<RowId>& awardIds, const ReviewDecision& decision,
                         std::string_view today);

// Applies the decision to every award, in one audited transaction and ONE
// undo step: status 复核 or 撤销 on the award row and one award_event each
// (writeTitleEvent). Checks first (checkReviewDecision); writes nothing on a
// refusal. Called inside an UndoStep (an import's), it joins that step.
void reviewTitles(Storage& storage, const std::vector<RowId>& awardIds, const ReviewDecision& decision,
                  std::string_view today);

} // namespace jinguo::storage
