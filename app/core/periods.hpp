// periods.hpp — calendar dates and the periods every board is cut by.
//
// A period is a year ("2024"), a quarter ("2024Q1"), a month ("2024-03") or
// all time ("all"). Each has an inclusive date range [firstDay, lastDay] in
// YYYY-MM-DD, a Chinese label for the screens, and a previous period of the
// same kind for the movement column (2024Q1 → 2023Q4). Records count by their
// date: a timestamp "2024-03-31 23:59" belongs to 2024-03-31, so to 2024Q1.
//
// The small date helpers here (leap years, day of year, day serials) are the
// calendar the targets and badges rules count with; they need no time zone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jinguo {

// ---------------------------------------------------------------- dates

struct Date {
    int year = 0;
    int month = 0;   // 1–12
    int day = 0;     // 1–31
    auto operator<=>(const Date&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);
int daysInYear(int year);

// "YYYY-MM-DD", or a timestamp that starts with one ("2024-03-31 23:59",
// "2024-03-31T23:59:00Z"): the date part, if it is a real calendar date.
std::optional<Date> parseDate(std::string_view text);
std::string formatDate(const Date& date);          // "2024-03-09"

int dayOfYear(const Date& date);                   // 1 for 1 January
long dayNumber(const Date& date);                  // days since 1970-01-01 (may be negative)
Date dateFromDayNumber(long days);
Date addDays(const Date& date, long days);
// The same day `years` later; 29 February becomes 28 February in a common year.
Date addYears(const Date& date, int years);
// Months since year 0 (year*12 + month-1): consecutive months differ by 1.
int monthIndex(const Date& date);

// ---------------------------------------------------------------- periods

enum class PeriodKind { All, Year, Quarter, Month };

struct Period {
    PeriodKind kind = PeriodKind::All;
    int year = 0;    // 0 for all time
    int part = 0;    // quarter 1–4 or month 1–12; 0 for a year or all time

    static Period allTime() { return {}; }
    static Period ofYear(int year) { return {PeriodKind::Year, year, 0}; }
    static Period ofQuarter(int year, int quarter) { return {PeriodKind::Quarter, year, quarter}; }
    static Period ofMonth(int year, int month) { return {PeriodKind::Month, year, month}; }

    // The form the command line and the settings use: "2024", "2024Q1",
    // "2024-03", "all". parsePeriod(code()) gives the period back.
    std::string code() const;
    // "2024年", "2024年第一季度", "2024年3月", "全部时间".
    std::string label() const;

    // Inclusive range. All time: "0001-01-01" … "9999-12-31".
    std::string firstDay() const;
    std::string lastDay() const;
    // The exclusive upper bound for SQL over dates *and* timestamps:
    //   served_on >= firstDay() AND served_on < dayAfter()
    // keeps "2024-03-31 23:59" in 2024Q1 (it sorts after "2024-03-31", so an
    // inclusive BETWEEN firstDay AND lastDay would lose it). All time:
    // "9999-99-99", which sorts after every date and timestamp.
    std::string dayAfter() const;

    // Whether a date or timestamp (by its date part) falls in the period;
    // false for text that is not a date.
    bool contains(std::string_view dateOrTimestamp) const;
    bool contains(const Date& date) const;

    // The period of the same kind just before; none for all time.
    std::optional<Period> previous() const;

    bool operator==(const Period&) const = default;
};

struct PeriodParse {
    std::optional<Period> period;
    std::string message;       // Chinese, naming the accepted forms; empty when ok
    bool ok() const { return period.has_value(); }
};

// Accepts "2024", "2024Q1".."2024Q4" (q or Q, also "2024-Q1"), "2024-03" or
// "2024-3", "all" (any case), and the labels themselves ("2024年",
// "2024年第一季度", "2024年3月", "全部", "全部时间"). Full-width digits and
// surrounding spaces are forgiven. Years 1000–9999.
PeriodParse parsePeriod(std::string_view text);

// The period of `kind` that contains `date` (all time for PeriodKind::All).
Period periodContaining(PeriodKind kind, const Date& date);

} // namespace jinguo
