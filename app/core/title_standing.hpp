// title_standing.hpp — the one definition of where a family, person or
// collective title stands on a date (动态管理): 有效, 待复核, 已过期, 撤销 or
// not (yet) named. Every board, rate and target counts a title on day D
// exactly when titleStandingOn(…, D) counts; the SQL twin is
// storage::sqlTitleCountsOn (db/storage/kinds_sql.hpp) and a storage test
// checks that the two agree on a table of boundary days.
//
// The rule:
//   * only a held title (命名/复核 now) can count; 撤销 is 撤销, anything
//     earlier in the lifecycle (申报 … 考核验收) is 未命名;
//   * named on = its latest 命名 event, else YYYY-12-31 of its year (as
//     title_dates.hpp); named after D → 未命名 on D;
//   * confirmed on = the latest 命名 or 复核 event on or before D (at least
//     the named date): the start of its validity;
//   * without a validity (the default) it stays 有效;
//   * due on = confirmed on + validity years: from that day 待复核, still
//     counting; from due on + grace months (设置, default 6) 已过期 and no
//     longer counting, until a 复核 event confirms it again.
// Months are added as a calendar does (2024-08-31 + 6 months = 2025-02-28:
// the day is cut to the month's last day), the same in SQL.
#pragma once

#include "core/periods.hpp"
#include "core/vocabulary.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

enum class TitleStanding { NotNamed, Valid, DueForReview, Expired, Revoked };

// 未命名, 有效, 待复核, 已过期, 撤销.
const char* standingWord(TitleStanding standing);

// Whether a title in that standing counts in rates, boards and targets.
inline bool countsAsHeld(TitleStanding standing) {
    return standing == TitleStanding::Valid || standing == TitleStanding::DueForReview;
}

// The grace after validity ends, in months, when the region has set none.
inline constexpr int kDefaultGraceMonths = 6;
// Validity and grace bounds the settings accept.
inline constexpr int kMaxValidityYears = 50;
inline constexpr int kMaxGraceMonths = 60;

struct TitleStatusEvent {
    AwardStatus status = AwardStatus::Name;
    std::string date;   // YYYY-MM-DD
};

// What the rule needs to know about one title.
struct TitleLife {
    AwardStatus status = AwardStatus::Name;    // the award's current status
    int year = 0;                              // the award's year
    std::vector<TitleStatusEvent> events;      // its history, any order
    std::optional<int> validYears;             // the title's validity; none = never expires
    int graceMonths = kDefaultGraceMonths;
};

// `date` (YYYY-MM-DD) plus `months` calendar months, the day cut to the
// month's length. Returns "" for a date that is not one.
std::string addMonthsClamped(std::string_view date, int months);

struct TitleStandingDetail {
    TitleStanding standing = TitleStanding::NotNamed;
    std::string namedOn;       // "" when not held
    std::string confirmedOn;   // the start of the current validity
    std::string dueOn;         // "" without a validity: the first 待复核 day
    std::string expiresOn;     // "" without a validity: the first day it no longer counts
};

// The title's standing on `day` (YYYY-MM-DD).
TitleStandingDetail titleStandingDetailOn(const TitleLife& life, std::string_view day);
inline TitleStanding titleStandingOn(const TitleLife& life, std::string_view day) {
    return titleStandingDetailOn(life, day).standing;
}

// The day a board or a target counts held titles on (the one decision, used
// by db/storage/aggregates.cpp and year_figures.cpp): a year, quarter or
// month — its last day (2026 → 2026-12-31, 2026Q1 → 2026-03-31); all time —
// 31 December of `today`'s year, so the all-time board reads as this year's.
// A target of a year counts on that year's last day too, the current year
// included: titles due to lapse before the year ends already show as lost,
// which is what the year will end with unless someone reviews them.
std::string titlesCountedOn(const Period& period, const Date& today);

} // namespace jinguo
