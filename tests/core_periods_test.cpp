// core_periods_test.cpp — periods (year, quarter, month, all) and the calendar under them.
#include <doctest/doctest.h>

#include "core/periods.hpp"

using namespace jinguo;

namespace {
Period parsed(const char* text) {
    const PeriodParse r = parsePeriod(text);
    REQUIRE_MESSAGE(r.ok(), text, " → ", r.message);
    return *r.period;
}
} // namespace

TEST_CASE("the four forms parse, and code() gives them back") {
    CHECK(parsed("2024") == Period::ofYear(2024));
    CHECK(parsed("2024Q1") == Period::ofQuarter(2024, 1));
    CHECK(parsed("2024q3") == Period::ofQuarter(2024, 3));
    CHECK(parsed("2024-Q4") == Period::ofQuarter(2024, 4));
    CHECK(parsed("2024-03") == Period::ofMonth(2024, 3));
    CHECK(parsed("2024-3") == Period::ofMonth(2024, 3));
    CHECK(parsed("all") == Period::allTime());
    CHECK(parsed("ALL") == Period::allTime());
    CHECK(parsed("全部") == Period::allTime());
    // Full-width digits and letters as a WPS cell or an IME gives them.
    CHECK(parsed(" ２０２４Ｑ２ ") == Period::ofQuarter(2024, 2));

    CHECK(Period::ofYear(2024).code() == "2024");
    CHECK(Period::ofQuarter(2024, 1).code() == "2024Q1");
    CHECK(Period::ofMonth(2024, 3).code() == "2024-03");
    CHECK(Period::allTime().code() == "all");
}

TEST_CASE("Chinese labels, and labels parse back") {
    CHECK(Period::ofYear(2024).label() == "2024年");
    CHECK(Period::ofQuarter(2024, 1).label() == "2024年第一季度");
    CHECK(Period::ofQuarter(2024, 4).label() == "2024年第四季度");
    CHECK(Period::ofMonth(2024, 3).label() == "2024年3月");
    CHECK(Period::ofMonth(2024, 12).label() == "2024年12月");
    CHECK(Period::allTime().label() == "全部时间");
    for (const Period& p : {Period::ofYear(2023), Period::ofQuarter(2024, 3), Period::ofMonth(2025, 11), Period::allTime()})
        CHECK(parsed(p.label().c_str()) == p);
}

TEST_CASE("parse errors say, in Chinese, which forms are accepted") {
    for (const char* bad : {"2024Q5", "2024Q0", "2024-13", "2024-00", "abc", "24", "0999", "2024/03", "2024-003", "2024年第五季度"}) {
        const PeriodParse r = parsePeriod(bad);
        CHECK_MESSAGE(!r.ok(), bad);
        CHECK(r.message.find(bad) != std::string::npos);          // quotes what the user typed
        CHECK(r.message.find("2024Q1～2024Q4") != std::string::npos);
        CHECK(r.message.find("2024-03") != std::string::npos);
        CHECK(r.message.find("all") != std::string::npos);
    }
    CHECK(parsePeriod("2024Q5").message.find("Q1 至 Q4") != std::string::npos);
    CHECK(parsePeriod("2024-13").message.find("月份应在 01 至 12 之间") != std::string::npos);
    CHECK(parsePeriod("  ").message.find("未填写时间段") != std::string::npos);
}

TEST_CASE("date ranges: inclusive, by the calendar") {
    const Period q1 = Period::ofQuarter(2024, 1);
    CHECK(q1.firstDay() == "2024-01-01");
    CHECK(q1.lastDay() == "2024-03-31");
    CHECK(q1.dayAfter() == "2024-04-01");
    CHECK(Period::ofQuarter(2024, 2).lastDay() == "2024-06-30");
    CHECK(Period::ofQuarter(2024, 4).lastDay() == "2024-12-31");
    CHECK(Period::ofQuarter(2024, 4).dayAfter() == "2025-01-01");
    CHECK(Period::ofYear(2024).dayAfter() == "2025-01-01");
    CHECK(Period::ofMonth(2024, 4).lastDay() == "2024-04-30");
    // February: 2024 is a leap year; 2023 is not; 1900 is not (century); 2000 is (÷400).
    CHECK(Period::ofMonth(2024, 2).lastDay() == "2024-02-29");
    CHECK(Period::ofMonth(2024, 2).dayAfter() == "2024-03-01");
    CHECK(Period::ofMonth(2023, 2).lastDay() == "2023-02-28");
    CHECK(Period::ofMonth(1900, 2).lastDay() == "1900-02-28");
    CHECK(Period::ofMonth(2000, 2).lastDay() == "2000-02-29");
    CHECK(Period::allTime().firstDay() == "0001-01-01");
    CHECK(Period::allTime().lastDay() == "9999-12-31");
}

TEST_CASE("boundaries: 31 March 23:59 is Q1, 1 April is Q2; leap day in Q1 and February") {
    const Period q1 = Period::ofQuarter(2024, 1), q2 = Period::ofQuarter(2024, 2);
    CHECK(q1.contains("2024-03-31"));
    CHECK(q1.contains("2024-03-31 23:59"));
    CHECK(q1.contains("2024-03-31T23:59:59Z"));
    CHECK_FALSE(q1.contains("2024-04-01"));
    CHECK_FALSE(q1.contains("2024-04-01 00:00"));
    CHECK(q2.contains("2024-04-01"));
    CHECK(q2.contains("2024-04-01 00:00"));
    CHECK_FALSE(q2.contains("2024-03-31 23:59"));
    CHECK(Period::ofMonth(2024, 3).contains("2024-03-31 23:59"));
    CHECK_FALSE(Period::ofMonth(2024, 3).contains("2024-04-01"));

    CHECK(q1.contains("2024-02-29"));
    CHECK(Period::ofMonth(2024, 2).contains("2024-02-29"));
    CHECK_FALSE(Period::ofMonth(2024, 3).contains("2024-02-29"));
    CHECK(Period::ofYear(2024).contains("2024-12-31 23:59"));
    CHECK_FALSE(Period::ofYear(2024).contains("2025-01-01 00:00"));
    CHECK_FALSE(Period::ofYear(2024).contains("2023-12-31 23:59"));

    // Not dates: never inside anything.
    CHECK_FALSE(Period::allTime().contains("2023-02-29"));
    CHECK_FALSE(Period::allTime().contains("昨天"));
    CHECK(Period::allTime().contains("1950-06-01"));
}

TEST_CASE("the SQL bounds keep timestamps that an inclusive BETWEEN would lose") {
    // Text comparison, as SQLite compares served_on.
    const Period q1 = Period::ofQuarter(2024, 1);
    const std::string late = "2024-03-31 23:59";
    CHECK(late > q1.lastDay());                                // why BETWEEN first AND last is wrong
    CHECK((late >= q1.firstDay() && late < q1.dayAfter()));    // the documented form is right
    const std::string april = "2024-04-01";
    CHECK_FALSE((april >= q1.firstDay() && april < q1.dayAfter()));
    const Period all = Period::allTime();
    for (const std::string t : {"0001-01-01", "2024-03-31 23:59", "9999-12-31 23:59:59"})
        CHECK((t >= all.firstDay() && t < all.dayAfter()));
}

TEST_CASE("previous period of the same kind") {
    CHECK(Period::ofQuarter(2024, 1).previous() == Period::ofQuarter(2023, 4));
    CHECK(Period::ofQuarter(2024, 3).previous() == Period::ofQuarter(2024, 2));
    CHECK(Period::ofQuarter(2025, 1).previous()->code() == "2024Q4");
    CHECK(Period::ofMonth(2024, 1).previous() == Period::ofMonth(2023, 12));
    CHECK(Period::ofMonth(2024, 3).previous() == Period::ofMonth(2024, 2));
    CHECK(Period::ofYear(2024).previous() == Period::ofYear(2023));
    CHECK_FALSE(Period::allTime().previous().has_value());
}

TEST_CASE("the period that contains a date") {
    CHECK(periodContaining(PeriodKind::Quarter, {2024, 3, 31}) == Period::ofQuarter(2024, 1));
    CHECK(periodContaining(PeriodKind::Quarter, {2024, 4, 1}) == Period::ofQuarter(2024, 2));
    CHECK(periodContaining(PeriodKind::Quarter, {2024, 12, 31}) == Period::ofQuarter(2024, 4));
    CHECK(periodContaining(PeriodKind::Month, {2024, 2, 29}) == Period::ofMonth(2024, 2));
    CHECK(periodContaining(PeriodKind::Year, {2024, 2, 29}) == Period::ofYear(2024));
    CHECK(periodContaining(PeriodKind::All, {2024, 2, 29}) == Period::allTime());
}

TEST_CASE("calendar helpers") {
    CHECK(isLeapYear(2024));
    CHECK_FALSE(isLeapYear(2023));
    CHECK_FALSE(isLeapYear(1900));
    CHECK(isLeapYear(2000));
    CHECK(daysInYear(2024) == 366);
    CHECK(daysInYear(2023) == 365);

    // Day of year: 1 March 2024 = 31 (Jan) + 29 (Feb) + 1 = 61; in 2023, 31 + 28 + 1 = 60.
    CHECK(dayOfYear({2024, 3, 1}) == 61);
    CHECK(dayOfYear({2023, 3, 1}) == 60);
    CHECK(dayOfYear({2024, 12, 31}) == 366);
    CHECK(dayOfYear({2024, 1, 1}) == 1);

    // 2024-01-01T00:00Z is Unix time 1704067200 = 19723 × 86400.
    CHECK(dayNumber({1970, 1, 1}) == 0);
    CHECK(dayNumber({2024, 1, 1}) == 19723);
    CHECK(dayNumber({2000, 3, 1}) - dayNumber({2000, 2, 28}) == 2);   // 2000-02-29 exists
    CHECK(dayNumber({1900, 3, 1}) - dayNumber({1900, 2, 28}) == 1);   // 1900-02-29 does not
    CHECK(dateFromDayNumber(19723) == Date{2024, 1, 1});
    CHECK(dateFromDayNumber(-1) == Date{1969, 12, 31});

    CHECK(addDays({2024, 2, 28}, 1) == Date{2024, 2, 29});
    CHECK(addDays({2023, 2, 28}, 1) == Date{2023, 3, 1});
    CHECK(addDays({2023, 12, 31}, 1) == Date{2024, 1, 1});
    CHECK(addYears({2024, 2, 29}, 1) == Date{2025, 2, 28});
    CHECK(addYears({2024, 2, 29}, 4) == Date{2028, 2, 29});
    CHECK(monthIndex({2024, 1, 5}) - monthIndex({2023, 12, 31}) == 1);

    CHECK(parseDate("2024-03-31T23:59:00Z") == Date{2024, 3, 31});
    CHECK(parseDate("2024-03-31 23:59") == Date{2024, 3, 31});
    CHECK_FALSE(parseDate("2024-03-311").has_value());
    CHECK_FALSE(parseDate("2024/03/31").has_value());
    CHECK_FALSE(parseDate("2023-02-29").has_value());
    CHECK(formatDate({2024, 3, 9}) == "2024-03-09");
}
