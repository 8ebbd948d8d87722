// title_standing.cpp — see title_standing.hpp.
#include "core/title_standing.hpp"

#include "core/periods.hpp"

#include <algorithm>

namespace jinguo {

const char* standingWord(TitleStanding standing) {
    switch (standing) {
    case TitleStanding::NotNamed: return "未命名";
    case TitleStanding::Valid: return "有效";
    case TitleStanding::DueForReview: return "待复核";
    case TitleStanding::Expired: return "已过期";
    case TitleStanding::Revoked: return "撤销";
    }
    return "";
}

std::string addMonthsClamped(std::string_view date, int months) {
    const std::optional<Date> d = parseDate(date);
    if (!d) return "";
    const int index = d->year * 12 + (d->month - 1) + months;
    Date out;
    out.year = index / 12;
    out.month = index % 12 + 1;
    out.day = std::min(d->day, daysInMonth(out.year, out.month));
    return formatDate(out);
}

TitleStandingDetail titleStandingDetailOn(const TitleLife& life, std::string_view day) {
    TitleStandingDetail out;
    if (life.status == AwardStatus::Revoke) {
        out.standing = TitleStanding::Revoked;
        return out;
    }
    if (!isHeld(life.status)) return out;   // 申报 … 考核验收: not named yet

    std::string latestNamed;
    for (const TitleStatusEvent& e : life.events)
        if (e.status == AwardStatus::Name) latestNamed = std::max(latestNamed, e.date);
    out.namedOn = latestNamed.empty() ? std::to_string(life.year) + "-12-31" : latestNamed;
    if (out.namedOn > day) return out;   // named later: not held on that day

    out.confirmedOn = out.namedOn;
    for (const TitleStatusEvent& e : life.events)
        if (e.status == AwardStatus::Review && e.date <= day) out.confirmedOn = std::max(out.confirmedOn, e.date);

    if (!life.validYears) {
        out.standing = TitleStanding::Valid;
        return out;
    }
    out.dueOn = addMonthsClamped(out.confirmedOn, *life.validYears * 12);
    out.expiresOn = addMonthsClamped(out.confirmedOn, *life.validYears * 12 + life.graceMonths);
    if (day < out.dueOn) out.standing = TitleStanding::Valid;
    else if (day < out.expiresOn) out.standing = TitleStanding::DueForReview;
    else out.standing = TitleStanding::Expired;
    return out;
}

std::string titlesCountedOn(const Period& period, const Date& today) {
    if (period.kind == PeriodKind::All) return Period::ofYear(today.year).lastDay();
    return period.lastDay();
}

} // namespace jinguo
