// roster_hours.hpp — what a roster's 服务时长 column means, and what one
// figure of it adds to a person's hours.
//
// A roster's hours are usually a person's total to date (累计总时长, the
// default), sometimes the hours of one stated period. A total seen for the
// first time is history: all-time figures, stars and badges, never a period's
// board or target (the roster says how much, not when). A later total adds
// only its increase over what Jinguo already holds, dated at the roster's
// as-of date. Period hours count in their period; a second roster for the
// same period replaces the first (it adds the difference). Re-importing an
// unchanged list therefore changes nothing.
#pragma once

#include "core/periods.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace jinguo::roster {

enum class HoursMeaning { Total, Period };

struct HoursBasis {
    HoursMeaning meaning = HoursMeaning::Total;
    std::optional<Period> period;   // HoursMeaning::Period only (a year, quarter or month)
    std::string asOf;               // YYYY-MM-DD the roster is as of; empty: today
};

// The basis from the command line's words (--hours-mean total|period,
// --hours-period 2026Q1, --as-of 2026-06-30) checked against `today`: a
// Chinese message saying what is wrong and how to write it, or the basis.
struct HoursBasisParse {
    // What is wrong, for a window that names its own fields.
    enum class Problem { None, Meaning, AsOfUnreadable, AsOfFuture, PeriodMissing, PeriodUnreadable, PeriodNotStarted, PeriodWithTotal };
    Problem problem = Problem::None;
    std::optional<HoursBasis> basis;
    std::string message;
    bool ok() const { return basis.has_value(); }
};
HoursBasisParse parseHoursBasis(std::string_view meaning, std::string_view period, std::string_view asOf,
                                std::string_view today);

// One person's holdings before a roster figure is applied.
struct HoursHeld {
    bool totalSeenBefore = false;   // a roster total was recorded for the person (person.roster_hours_as_of)
    double history = 0;             // person.roster_hours: undated history
    double dated = 0;               // all dated hours: verified records + roster credits
    double periodCredited = 0;      // roster credits already given for the basis's period
};

// What applying the figure does: history added (undated), and a dated credit.
struct HoursChange {
    double historyAdded = 0;
    double credit = 0;              // 0: none; < 0 only when a period's figure was corrected down
    std::string creditedOn;         // YYYY-MM-DD of the credit
    std::string period;             // the period's code for period hours, else empty
    bool changes() const { return historyAdded != 0 || credit != 0; }
};

// For a person already in Jinguo (`held`) or new (`held` all zero).
HoursChange applyRosterHours(const HoursBasis& basis, double reported, const HoursHeld& held);

// The day period hours are dated: the period's last day, or the as-of date
// when the roster was taken before the period ended.
std::string creditDateFor(const Period& period, std::string_view asOf);

// Hours are kept to 0.01 h; smaller differences are rounding, not service.
double roundHours(double hours);

} // namespace jinguo::roster
