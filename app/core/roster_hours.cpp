// roster_hours.cpp — see roster_hours.hpp.
#include "core/roster_hours.hpp"

#include <algorithm>
#include <cmath>

namespace jinguo::roster {

double roundHours(double hours) { return std::round(hours * 100) / 100; }

std::string creditDateFor(const Period& period, std::string_view asOf) {
    const std::string last = period.lastDay();
    return !asOf.empty() && std::string(asOf) < last ? std::string(asOf) : last;
}

HoursBasisParse parseHoursBasis(std::string_view meaning, std::string_view period, std::string_view asOf,
                                std::string_view today) {
    HoursBasisParse out;
    HoursBasis basis;
    if (meaning.empty() || meaning == "total") {
        basis.meaning = HoursMeaning::Total;
    } else if (meaning == "period") {
        basis.meaning = HoursMeaning::Period;
    } else {
        out.problem = HoursBasisParse::Problem::Meaning;
        out.message = "--hours-mean 只能是 total（服务时长是截至某日的累计总时长）或 period（服务时长是某一时期的时长），收到“"
                    + std::string(meaning) + "”。";
        return out;
    }
    if (!asOf.empty()) {
        const auto date = parseDate(asOf);
        if (!date) {
            out.problem = HoursBasisParse::Problem::AsOfUnreadable;
        out.message = "--as-of 应是花名册统计截止的日期，写成 2026-06-30 这样，收到“" + std::string(asOf) + "”。";
            return out;
        }
        basis.asOf = formatDate(*date);
        if (basis.asOf > today) {
            out.problem = HoursBasisParse::Problem::AsOfFuture;
        out.message = "--as-of " + basis.asOf + " 晚于今天（" + std::string(today) + "）：花名册只能统计到今天为止。";
            return out;
        }
    } else {
        basis.asOf = std::string(today);
    }
    if (basis.meaning == HoursMeaning::Period) {
        if (period.empty()) {
            out.problem = HoursBasisParse::Problem::PeriodMissing;
        out.message = "--hours-mean period 需要用 --hours-period 说明是哪个时期的时长，例如 2026、2026Q1 或 2026-03。";
            return out;
        }
        const PeriodParse p = parsePeriod(period);
        if (!p.ok() || p.period->kind == PeriodKind::All) {
            out.problem = HoursBasisParse::Problem::PeriodUnreadable;
        out.message = "--hours-period 应是一年、一个季度或一个月，例如 2026、2026Q1 或 2026-03，收到“"
                        + std::string(period) + "”。";
            return out;
        }
        if (p.period->firstDay() > basis.asOf) {
            out.problem = HoursBasisParse::Problem::PeriodNotStarted;
        out.message = "时期 " + p.period->label() + " 在花名册的统计日期 " + basis.asOf
                        + " 之后还没有开始，请检查 --hours-period 和 --as-of。";
            return out;
        }
        basis.period = p.period;
    } else if (!period.empty()) {
        out.problem = HoursBasisParse::Problem::PeriodWithTotal;
        out.message = "--hours-period 只和 --hours-mean period 一起使用（累计总时长没有时期）。";
        return out;
    }
    out.basis = basis;
    return out;
}

HoursChange applyRosterHours(const HoursBasis& basis, double reported, const HoursHeld& held) {
    HoursChange change;
    if (basis.meaning == HoursMeaning::Period && basis.period) {
        change.credit = roundHours(reported - held.periodCredited);
        change.creditedOn = creditDateFor(*basis.period, basis.asOf);
        change.period = basis.period->code();
        return change;
    }
    // A total counts what Jinguo holds already (history, verified records,
    // earlier credits) once: only the part beyond it is new.
    const double beyond = std::max(0.0, roundHours(reported - held.history - held.dated));
    if (!held.totalSeenBefore) {
        change.historyAdded = beyond;
    } else {
        change.credit = beyond;
        change.creditedOn = basis.asOf;
    }
    return change;
}

} // namespace jinguo::roster
