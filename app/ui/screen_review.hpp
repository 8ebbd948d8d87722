// screen_review.hpp — 称号复核: 复核 in bulk of family and individual titles.
//
// Filter the held titles (unit — a street takes its communities —, title,
// level, year, standing on AppState::today), tick them, and mark them all
// 保留 or 撤销 with one date, 文号 and reason: storage::reviewTitles, one undo
// step. The list is read again when the storage revision or the filter moves,
// on a Task (its own connection): judging every held title of a district
// takes seconds at 500,000 households, and a frame must never wait for it.
// 全部有效 needs no judging to filter: its count and pages are read from
// review_title_order (migration 0038) on Tasks (PagedWindow), and only the
// rows read are judged.
#pragma once

#include "core/pinyin.hpp"
#include "storage/title_review.hpp"
#include "ui/app_state.hpp"
#include "ui/paged_window.hpp"
#include "ui/record_list.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <optional>
#include <utility>
#include <set>
#include <string>
#include <vector>

namespace jinguo::ui {

struct ReviewScreen {
    // ---- filter (as the user set it)
    RowId unitId = 0;
    std::string title;
    std::string level;
    std::string year;                 // typed; "" = any
    std::string standing;             // a kReviewStanding* word; "" = 待复核和已过期
    // ---- what the list shows, read at `loadedRevision` with `loadedFilter`
    std::uint64_t loadedRevision = 0;
    std::string loadedKey;            // the filter last asked for
    storage::TitleReviewFilter pendingFilter;   // … as storage reads it
    bool loaded = false;
    std::vector<storage::ReviewableTitle> rows;
    Task<std::vector<storage::ReviewableTitle>> loader;   // reads the rows off the frame loop
    // ---- 全部有效: pages of the held titles and their count
    bool paged = false;               // the filter asks for every held title
    PagedWindow<storage::ReviewableTitle, storage::ReviewListKey> held;
    Task<std::pair<std::string, std::int64_t>> heldCounter;   // (filter key, count)
    std::optional<std::int64_t> heldCount;                    // of held.queryKey(), at heldCountRevision
    std::uint64_t heldCountRevision = 0;
    std::string heldCountKey;
    int heldCursorIndex = -1;         // the cursor's row in the paged list
    std::set<RowId> ticked;           // award ids
    // 全选 in 全部有效: every id of the filter, read on a Task (515,000 at 1M
    // households: 244 ms, too long for the frame of the click). (filter key, ids)
    Task<std::pair<std::string, std::vector<RowId>>> selectAll;
    RowId cursorId = 0;               // the row the keys are on (Enter ticks it); 0 = none
    // ---- choices
    PinyinIndex pinyin;
    UnitTree tree;
    std::vector<std::string> titles;  // family and person titles, pinyin order
    // ---- the decision
    std::string date;                 // "" = today, filled on first draw
    std::string docNumber;
    std::string reason;
    std::string filterError;          // a year that is not one
    std::string error;                // why the last action was refused
    std::string done;                 // 已复核保留 …
};

// The filter as storage reads it; sets `error` for a bad year and returns false.
bool reviewFilterOf(const ReviewScreen& s, storage::TitleReviewFilter& out, std::string& error);
// Applies the decision to the ticked titles (one undo step); false and
// `s.error` on a refusal.
bool applyReview(AppState& app, ReviewScreen& s, ReviewResult result);

void drawReviewScreen(AppState& app, ReviewScreen& s);
ReviewScreen& reviewScreen(AppState& app);   // app_shell.cpp

} // namespace jinguo::ui
