// core_roster_hours_test.cpp — what one roster figure adds to a person's hours.
#include "core/roster_hours.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using namespace jinguo::roster;

namespace {
HoursBasis total(const char* asOf) { return {HoursMeaning::Total, std::nullopt, asOf}; }
HoursBasis period(const char* code, const char* asOf) {
    return {HoursMeaning::Period, parsePeriod(code).period, asOf};
}
} // namespace

TEST_CASE("a total seen for the first time is undated history") {
    const HoursChange c = applyRosterHours(total("2026-06-30"), 120, {});
    CHECK(c.historyAdded == 120);
    CHECK(c.credit == 0);
    // A person entered by hand with 10 verified hours here: the roster's total includes them.
    HoursHeld held;
    held.dated = 10;
    const HoursChange d = applyRosterHours(total("2026-06-30"), 120, held);
    CHECK(d.historyAdded == 110);
    CHECK(d.credit == 0);
}

TEST_CASE("a later total adds only its increase, dated at the roster's as-of date") {
    HoursHeld held;
    held.totalSeenBefore = true;
    held.history = 100;
    held.dated = 20.5;   // verified records and earlier credits
    const HoursChange c = applyRosterHours(total("2026-09-30"), 130, held);
    CHECK(c.historyAdded == 0);
    CHECK(c.credit == doctest::Approx(9.5));
    CHECK(c.creditedOn == "2026-09-30");
    // The same total again (an unchanged re-import, or Jinguo's own export): nothing.
    CHECK_FALSE(applyRosterHours(total("2026-09-30"), 120.5, held).changes());
    // An older, smaller total takes nothing away (the records here are newer).
    CHECK_FALSE(applyRosterHours(total("2026-01-31"), 90, held).changes());
    // Rounding noise is not service.
    CHECK_FALSE(applyRosterHours(total("2026-09-30"), 120.504, held).changes());
}

TEST_CASE("period hours count in their period, and a second roster of the period replaces the first") {
    const HoursChange first = applyRosterHours(period("2026Q1", "2026-04-10"), 30, {});
    CHECK(first.historyAdded == 0);
    CHECK(first.credit == 30);
    CHECK(first.creditedOn == "2026-03-31");   // the period's last day
    CHECK(first.period == "2026Q1");
    HoursHeld held;
    held.periodCredited = 30;
    CHECK_FALSE(applyRosterHours(period("2026Q1", "2026-04-10"), 30, held).changes());
    const HoursChange corrected = applyRosterHours(period("2026Q1", "2026-04-10"), 26, held);
    CHECK(corrected.credit == -4);
    // A roster taken before its period ended is dated the day it was taken.
    CHECK(applyRosterHours(period("2026", "2026-06-30"), 50, {}).creditedOn == "2026-06-30");
}

TEST_CASE("the command line's hours basis is checked with a Chinese message") {
    const HoursBasisParse plain = parseHoursBasis("", "", "", "2026-12-05");
    REQUIRE(plain.ok());
    CHECK(plain.basis->meaning == HoursMeaning::Total);
    CHECK(plain.basis->asOf == "2026-12-05");
    const HoursBasisParse q = parseHoursBasis("period", "2026Q1", "2026-04-02", "2026-12-05");
    REQUIRE(q.ok());
    CHECK(q.basis->period->code() == "2026Q1");
    CHECK(parseHoursBasis("sum", "", "", "2026-12-05").message.find("total") != std::string::npos);
    CHECK(parseHoursBasis("period", "", "", "2026-12-05").message.find("--hours-period") != std::string::npos);
    CHECK(parseHoursBasis("period", "all", "", "2026-12-05").message.find("一个季度") != std::string::npos);
    CHECK(parseHoursBasis("total", "", "2027-01-01", "2026-12-05").message.find("晚于今天") != std::string::npos);
    CHECK(parseHoursBasis("total", "", "6月30日", "2026-12-05").message.find("--as-of") != std::string::npos);
    CHECK(parseHoursBasis("total", "2026Q1", "", "2026-12-05").message.find("只和") != std::string::npos);
    CHECK(parseHoursBasis("period", "2026Q4", "2026-09-01", "2026-12-05").message.find("还没有开始") != std::string::npos);
}
