// badges.cpp — the badge catalogue and its rules.
#include "core/badges.hpp"

#include "core/number_format.hpp"
#include "core/stars.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

namespace jinguo {

namespace {

constexpr double kEpsilon = 1e-9;

// 1 → 一, 10 → 十, 12 → 十二, 50 → 五十, 100 → 百; Arabic from 101 on.
std::string chineseNumber(int n) {
    static const char* const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n == 100) return "百";
    if (n <= 0 || n > 99) return std::to_string(n);
    if (n < 10) return digits[n];
    std::string out = n / 10 == 1 ? "" : digits[n / 10];
    out += "十";
    if (n % 10) out += digits[n % 10];
    return out;
}

// Valid records, sorted by date (stable: same-day records keep their order).
std::vector<std::pair<Date, const ServiceDay*>> datedRecords(const PersonFacts& f) {
    std::vector<std::pair<Date, const ServiceDay*>> out;
    out.reserve(f.services.size());
    for (const ServiceDay& s : f.services)
        if (const auto d = parseDate(s.date)) out.push_back({*d, &s});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

std::optional<Date> rosterDate(const PersonFacts& f) {
    if (f.rosterHours <= 0) return std::nullopt;
    return parseDate(f.rosterHoursAsOf);
}

std::optional<std::string> latest(const std::vector<std::optional<std::string>>& dates) {
    if (dates.empty()) return std::nullopt;
    std::string out;
    for (const auto& d : dates) {
        if (!d) return std::nullopt;
        out = std::max(out, *d);
    }
    return out;
}

int positiveInt(const SettingLookup& lookup, const std::string& key, int fallback) {
    const auto text = lookup(key);
    if (!text) return fallback;
    const auto v = parseSettingNumber(*text);
    if (!v || *v < 1 || *v != std::floor(*v) || *v > 1e6) return fallback;
    return static_cast<int>(*v);
}

double positiveNumber(const SettingLookup& lookup, const std::string& key, double fallback) {
    const auto text = lookup(key);
    if (!text) return fallback;
    const auto v = parseSettingNumber(*text);
    return v && *v > 0 ? *v : fallback;
}

} // namespace

// ---------------------------------------------------------------- catalogue

BadgeParams badgeParamsFromSettings(const SettingLookup& lookup) {
    BadgeParams p;
    p.occasionsFew = positiveInt(lookup, "badge.occasions_few", p.occasionsFew);
    p.occasionsMany = positiveInt(lookup, "badge.occasions_many", p.occasionsMany);
    p.hoursFew = positiveNumber(lookup, "badge.hours_few", p.hoursFew);
    p.hoursMany = positiveNumber(lookup, "badge.hours_many", p.hoursMany);
    p.streakMonths = positiveInt(lookup, "badge.streak_months", p.streakMonths);
    p.loyaltyYears = positiveInt(lookup, "badge.loyalty_years", p.loyaltyYears);
    if (const auto level = lookup("badge.high_title_level")) {
        const std::string t = trim(*level);
        if (titleLevelRank(t) >= 0) p.highTitleLevel = t;
    }
    if (const auto text = lookup("badge.review_pass_score")) {
        const auto v = parseSettingNumber(*text);
        if (v && *v <= 100) p.reviewPassScore = *v;
    }
    p.teamSize = positiveInt(lookup, "badge.team_size", p.teamSize);
    p.starThresholds = parseStarThresholds(lookup("stars.thresholds").value_or(kDefaultStarThresholds));
    return p;
}

std::vector<BadgeInfo> badgeCatalogue(const BadgeParams& p) {
    using S = BadgeSubject;
    std::vector<BadgeInfo> out = {
        {"first_service", "初心启航", "完成第一次志愿服务。", S::Person, PeriodKind::All},
        {"occasions_few", chineseNumber(p.occasionsFew) + "次同行",
         "累计参加 " + std::to_string(p.occasionsFew) + " 次志愿服务（同一活动计一次）。", S::Person, PeriodKind::All},
        {"occasions_many", chineseNumber(p.occasionsMany) + "次同行",
         "累计参加 " + std::to_string(p.occasionsMany) + " 次志愿服务（同一活动计一次）。", S::Person, PeriodKind::All},
        {"hours_few", fmt::shortest(p.hoursFew) + "小时奉献",
         "累计服务时长达到 " + fmt::shortest(p.hoursFew) + " 小时。", S::Person, PeriodKind::All},
        {"hours_many", fmt::shortest(p.hoursMany) + "小时奉献",
         "累计服务时长达到 " + fmt::shortest(p.hoursMany) + " 小时。", S::Person, PeriodKind::All},
        {"months_streak", "连续" + chineseNumber(p.streakMonths) + "个月",
         "连续 " + std::to_string(p.streakMonths) + " 个自然月每月都有服务记录。", S::Person, PeriodKind::All},
        {"still_serving", "坚持" + chineseNumber(p.loyaltyYears) + "年",
         "首次服务满 " + std::to_string(p.loyaltyYears) + " 年后仍在参加志愿服务。", S::Person, PeriodKind::All},
        {"first_title", "首获荣誉", "首次获得荣誉称号（任何级别）。", S::Person, PeriodKind::All},
        {"high_title", p.highTitleLevel + "级荣誉", "获得" + p.highTitleLevel + "级及以上荣誉称号。", S::Person,
         PeriodKind::All},
    };
    for (std::size_t i = 0; i < p.starThresholds.size(); ++i) {
        const int stars = static_cast<int>(i) + 1;
        out.push_back({"star_" + std::to_string(stars), chineseNumber(stars) + "星志愿者",
                       "累计服务时长达到 " + fmt::shortest(p.starThresholds[i]) + " 小时，评为" +
                           chineseNumber(stars) + "星志愿者。",
                       S::Person, PeriodKind::All});
    }
    const std::vector<BadgeInfo> units = {
        {"rate_target", "创建率达标", "本年度的创建率目标（如平安家庭创建率）全部达到。", S::Unit, PeriodKind::Year},
        {"all_targets", "目标全面完成", "本年度的全部创建目标（至少两项）都已完成。", S::Unit, PeriodKind::Year},
        {"posts_reviewed", "岗岗过硬",
         "本单位每个巾帼文明岗都通过了本年度复核（" + fmt::shortest(p.reviewPassScore) + " 分及以上且无否决项）。",
         S::Unit, PeriodKind::Year},
        {"communities_met", "满堂红", "下属所有社区（村）都达到了本年度创建率目标。", S::Unit, PeriodKind::Year},
        {"most_improved", "进步之星", "本季度创建率提升幅度在同级单位中最大（并列者同得）。", S::Unit,
         PeriodKind::Quarter},
        {"team_size", chineseNumber(p.teamSize) + "人队伍",
         "本单位的志愿者达到 " + std::to_string(p.teamSize) + " 人。", S::Unit, PeriodKind::All},
    };
    out.insert(out.end(), units.begin(), units.end());
    return out;
}

std::optional<BadgeInfo> findBadge(std::string_view code, const BadgeParams& params) {
    for (BadgeInfo& b : badgeCatalogue(params))
        if (b.code == code) return std::move(b);
    return std::nullopt;
}

// ---------------------------------------------------------------- people

std::optional<std::string> firstServiceOn(const PersonFacts& f) {
    std::optional<Date> first = rosterDate(f);
    const auto records = datedRecords(f);
    if (!records.empty() && (!first || records.front().first < *first)) first = records.front().first;
    for (const PersonFacts::DatedHours& c : f.rosterCredits)
        if (const auto on = parseDate(c.on); on && c.hours > 0 && (!first || *on < *first)) first = *on;
    if (!first) return std::nullopt;
    return formatDate(*first);
}

std::optional<std::string> nthOccasionOn(const PersonFacts& f, int n) {
    if (n < 1) return std::nullopt;
    std::set<RowId> activities;
    std::set<Date> untiedDays;
    int count = 0;
    for (const auto& [date, record] : datedRecords(f)) {
        const bool fresh = record->activityId != 0 ? activities.insert(record->activityId).second
                                                   : untiedDays.insert(date).second;
        if (fresh && ++count == n) return formatDate(date);
    }
    return std::nullopt;
}

std::optional<std::string> hoursReachedOn(const PersonFacts& f, double hours) {
    std::vector<std::pair<Date, double>> events;
    for (const auto& [date, record] : datedRecords(f)) events.push_back({date, record->hours});
    if (const auto asOf = rosterDate(f)) events.push_back({*asOf, f.rosterHours});
    for (const PersonFacts::DatedHours& c : f.rosterCredits)
        if (const auto on = parseDate(c.on)) events.push_back({*on, c.hours});
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double sum = 0;
    for (const auto& [date, h] : events) {
        sum += h;
        if (sum >= hours - kEpsilon) return formatDate(date);
    }
    return std::nullopt;
}

std::optional<std::string> monthsStreakOn(const PersonFacts& f, int months) {
    if (months < 1) return std::nullopt;
    int run = 0;
    int lastMonth = 0;
    for (const auto& [date, record] : datedRecords(f)) {
        const int m = monthIndex(date);
        if (run > 0 && m == lastMonth) continue;   // later records of a month already counted
        run = (run > 0 && m == lastMonth + 1) ? run + 1 : 1;
        lastMonth = m;
        if (run == months) return formatDate(date);
    }
    return std::nullopt;
}

std::optional<std::string> stillServingOn(const PersonFacts& f, int years) {
    const auto first = firstServiceOn(f);
    if (!first || years < 1) return std::nullopt;
    const Date due = addYears(*parseDate(*first), years);
    for (const auto& [date, record] : datedRecords(f))
        if (date >= due) return formatDate(date);
    return std::nullopt;
}

std::optional<std::string> firstTitleOn(const PersonFacts& f, std::string_view minLevel) {
    const int min = std::max(0, titleLevelRank(minLevel));
    std::optional<std::string> first;
    for (const TitleFact& t : f.titles) {
        if (titleLevelRank(t.level) < min) continue;
        std::string on;
        if (const auto d = parseDate(t.namedOn))
            on = formatDate(*d);
        else if (t.year >= 1000 && t.year <= 9999)
            on = formatDate({t.year, 12, 31});
        else
            continue;
        if (!first || on < *first) first = on;
    }
    return first;
}

std::vector<EarnedBadge> personBadges(const PersonFacts& f, const BadgeParams& p) {
    std::vector<EarnedBadge> out;
    auto add = [&](const char* code, const std::optional<std::string>& on) {
        if (on) out.push_back({code, *on, ""});
    };
    add("first_service", firstServiceOn(f));
    add("occasions_few", nthOccasionOn(f, p.occasionsFew));
    add("occasions_many", nthOccasionOn(f, p.occasionsMany));
    add("hours_few", hoursReachedOn(f, p.hoursFew));
    add("hours_many", hoursReachedOn(f, p.hoursMany));
    add("months_streak", monthsStreakOn(f, p.streakMonths));
    add("still_serving", stillServingOn(f, p.loyaltyYears));
    add("first_title", firstTitleOn(f));
    add("high_title", firstTitleOn(f, p.highTitleLevel));
    for (std::size_t i = 0; i < p.starThresholds.size(); ++i)
        if (const auto on = hoursReachedOn(f, p.starThresholds[i]))
            out.push_back({"star_" + std::to_string(i + 1), *on, ""});
    return out;
}

// ---------------------------------------------------------------- units

std::optional<std::string> targetReachedOn(const TargetTimeline& t) {
    auto reached = [&](double value) {
        if (t.kind == TargetKind::Rate)
            return t.denominator > 0 && householdsToGoal(t.goal, t.denominator, value) == 0;
        return value >= t.goal - kEpsilon;
    };
    if (t.dataError) return std::nullopt;
    double value = t.startValue;
    if (reached(value)) return formatDate({t.year, 1, 1});

    const Period year = Period::ofYear(t.year);
    std::vector<std::pair<Date, double>> changes;
    for (const DatedChange& c : t.changes)
        if (const auto d = parseDate(c.date); d && year.contains(*d)) changes.push_back({*d, c.delta});
    std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < changes.size(); ++i) {
        value += changes[i].second;
        const bool lastOfDay = i + 1 == changes.size() || changes[i + 1].first != changes[i].first;
        if (lastOfDay && reached(value)) return formatDate(changes[i].first);
    }
    return std::nullopt;
}

std::optional<std::string> reviewPassedOn(const PostReviews& post, int year, double passScore) {
    std::optional<Date> first;
    for (const ReviewFact& r : post.reviews) {
        const auto d = parseDate(r.date);
        if (!d || d->year != year || r.veto || !r.score || *r.score < passScore - kEpsilon) continue;
        if (!first || *d < *first) first = d;
    }
    if (!first) return std::nullopt;
    return formatDate(*first);
}

std::optional<std::string> allPostsPassedOn(const std::vector<PostReviews>& posts, int year, double passScore) {
    std::vector<std::optional<std::string>> dates;
    for (const PostReviews& p : posts) dates.push_back(reviewPassedOn(p, year, passScore));
    return latest(dates);
}

std::optional<std::string> allReachedOn(const std::vector<std::optional<std::string>>& dates) {
    return latest(dates);
}

std::optional<std::string> teamReachedOn(std::vector<std::string> joinDates, int size) {
    if (size < 1) return std::nullopt;
    std::vector<Date> dates;
    for (const std::string& s : joinDates)
        if (const auto d = parseDate(s)) dates.push_back(*d);
    if (static_cast<int>(dates.size()) < size) return std::nullopt;
    std::nth_element(dates.begin(), dates.begin() + (size - 1), dates.end());
    return formatDate(dates[static_cast<std::size_t>(size - 1)]);
}

std::vector<EarnedBadge> unitBadges(const UnitFacts& f, const BadgeParams& p) {
    std::vector<EarnedBadge> out;
    const std::string year = std::to_string(f.year);

    std::vector<std::optional<std::string>> rates, all;
    for (const TargetTimeline& t : f.targets) {
        const auto on = targetReachedOn(t);
        all.push_back(on);
        if (t.kind == TargetKind::Rate) rates.push_back(on);
    }
    if (const auto on = latest(rates)) out.push_back({"rate_target", *on, year});
    if (all.size() >= 2)
        if (const auto on = latest(all)) out.push_back({"all_targets", *on, year});
    if (const auto on = allPostsPassedOn(f.posts, f.year, p.reviewPassScore))
        out.push_back({"posts_reviewed", *on, year});
    if (const auto on = latest(f.communitiesRateMetOn)) out.push_back({"communities_met", *on, year});
    if (const auto on = teamReachedOn(f.volunteerJoinDates, p.teamSize)) out.push_back({"team_size", *on, ""});
    return out;
}

std::vector<RowId> mostImproved(const std::vector<PeerChange>& peers, double minIncrease) {
    std::vector<RowId> winners;
    if (peers.size() < 2) return winners;
    double best = -1e300;
    for (const PeerChange& c : peers) best = std::max(best, c.rateAfter - c.rateBefore);
    if (best < minIncrease) return winners;
    for (const PeerChange& c : peers)
        if (std::fabs((c.rateAfter - c.rateBefore) - best) <= 1e-12) winners.push_back(c.unitId);
    return winners;
}

std::vector<UnitBadge> mostImprovedBadges(const std::vector<PeerChange>& peers, const Period& quarter,
                                          const Date& today, double minIncrease) {
    std::vector<UnitBadge> out;
    const auto last = parseDate(quarter.lastDay());
    if (quarter.kind != PeriodKind::Quarter || !last || today <= *last) return out;
    for (RowId id : mostImproved(peers, minIncrease))
        out.push_back({id, {"most_improved", quarter.lastDay(), quarter.code()}});
    return out;
}

std::set<int> unitYearsOpenedBetween(const Date& lastEvaluated, const Date& today) {
    std::set<int> years;
    if (!(lastEvaluated < today)) return years;
    for (int y = lastEvaluated.year + 1; y <= today.year; ++y) years.insert(y);
    for (int y = lastEvaluated.year; y <= today.year; ++y)
        for (int q = 1; q <= 4; ++q) {
            // Closed on `day` when day > its last day (mostImprovedBadges).
            const Date last = *parseDate(Period::ofQuarter(y, q).lastDay());
            if (!(lastEvaluated > last) && today > last) years.insert(y);
        }
    return years;
}

} // namespace jinguo
