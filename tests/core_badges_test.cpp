// core_badges_test.cpp — the badge catalogue and each rule, earned and not, with its date.
#include <doctest/doctest.h>

#include "core/badges.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

using namespace jinguo;

namespace {

std::string date(int y, int m, int d) { return formatDate({y, m, d}); }

// A steady volunteer: on the 1st and the 15th of every month from January
// 2024, 4 hours each time, each time a different activity. Record k (1-based)
// falls in month (k − 1) / 2 after January 2024, on the 1st when k is odd and
// on the 15th when k is even.
PersonFacts steadyVolunteer(int records) {
    PersonFacts f;
    for (int k = 1; k <= records; ++k) {
        const int months = (k - 1) / 2;
        f.services.push_back({date(2024 + months / 12, months % 12 + 1, k % 2 ? 1 : 15), 4, k});
    }
    return f;
}

std::vector<std::string> codes(const std::vector<EarnedBadge>& badges) {
    std::vector<std::string> out;
    for (const auto& b : badges) out.push_back(b.code);
    return out;
}

} // namespace

TEST_CASE("the catalogue: at least 12 badges, each with a code, a Chinese name and a one-sentence rule") {
    const auto all = badgeCatalogue();
    CHECK(all.size() >= 12);
    // 9 person step badges + one per default star threshold (5) + 6 unit badges.
    CHECK(all.size() == 20);
    std::set<std::string> seen;
    int people = 0, units = 0;
    for (const BadgeInfo& b : all) {
        CHECK_MESSAGE(seen.insert(b.code).second, "duplicate code ", b.code);
        CHECK_FALSE(b.name.empty());
        REQUIRE(b.rule.size() > 3);
        CHECK(b.rule.substr(b.rule.size() - 3) == "。");            // one sentence
        (b.subject == BadgeSubject::Person ? people : units)++;
    }
    CHECK(people == 14);
    CHECK(units == 6);

    CHECK(findBadge("occasions_few")->name == "十次同行");
    CHECK(findBadge("occasions_many")->name == "五十次同行");
    CHECK(findBadge("hours_few")->name == "100小时奉献");
    CHECK(findBadge("hours_many")->rule == "累计服务时长达到 1000 小时。");
    CHECK(findBadge("months_streak")->name == "连续三个月");
    CHECK(findBadge("still_serving")->name == "坚持一年");
    CHECK(findBadge("high_title")->name == "市级荣誉");
    CHECK(findBadge("star_1")->name == "一星志愿者");
    CHECK(findBadge("star_3")->rule.find("600 小时") != std::string::npos);
    CHECK(findBadge("star_5")->name == "五星志愿者");
    CHECK(findBadge("team_size")->name == "百人队伍");
    CHECK(findBadge("posts_reviewed")->rule.find("80 分") != std::string::npos);
    CHECK(findBadge("most_improved")->per == PeriodKind::Quarter);
    CHECK(findBadge("rate_target")->per == PeriodKind::Year);
    CHECK(findBadge("first_service")->per == PeriodKind::All);
    CHECK_FALSE(findBadge("star_6").has_value());
    CHECK_FALSE(findBadge("nonsense").has_value());
}

TEST_CASE("thresholds come from settings, and names and rules follow them") {
    const std::map<std::string, std::string> settings = {
        {"badge.occasions_few", "5"},
        {"badge.occasions_many", "2.5"},       // not a whole number: default 50
        {"badge.hours_few", "８０"},            // full-width 80
        {"badge.streak_months", "abc"},        // default 3
        {"badge.high_title_level", "省"},
        {"badge.review_pass_score", "150"},    // above 100: default 80
        {"badge.team_size", "30"},
        {"stars.thresholds", "50,150"},
    };
    const BadgeParams p = badgeParamsFromSettings(lookupIn(settings));
    CHECK(p.occasionsFew == 5);
    CHECK(p.occasionsMany == 50);
    CHECK(p.hoursFew == 80);
    CHECK(p.streakMonths == 3);
    CHECK(p.highTitleLevel == "省");
    CHECK(p.reviewPassScore == 80);
    CHECK(p.teamSize == 30);
    CHECK(p.starThresholds == std::vector<double>{50, 150});

    CHECK(findBadge("occasions_few", p)->name == "五次同行");
    CHECK(findBadge("occasions_few", p)->rule.find("5 次") != std::string::npos);
    CHECK(findBadge("high_title", p)->name == "省级荣誉");
    CHECK(findBadge("team_size", p)->name == "三十人队伍");
    CHECK(findBadge("star_2", p)->rule.find("150 小时") != std::string::npos);
    CHECK_FALSE(findBadge("star_3", p).has_value());
    CHECK(badgeCatalogue(p).size() == 9 + 2 + 6);

    // Nothing set at all: the defaults.
    const BadgeParams d = badgeParamsFromSettings(lookupIn({}));
    CHECK(d.occasionsFew == 10);
    CHECK(d.starThresholds == std::vector<double>{100, 300, 600, 1000, 1500});
}

TEST_CASE("a steady volunteer's badges and their dates") {
    const PersonFacts f = steadyVolunteer(50);
    // first service: record 1 = 2024-01-01.
    CHECK(firstServiceOn(f) == "2024-01-01");
    // 10th: month (10 − 1) / 2 = 4 → May 2024, even → the 15th.
    CHECK(nthOccasionOn(f, 10) == "2024-05-15");
    // 50th: month 49 / 2 = 24 → January 2026, even → the 15th.
    CHECK(nthOccasionOn(f, 50) == "2026-01-15");
    CHECK_FALSE(nthOccasionOn(f, 51).has_value());
    // 100 hours = 25 records × 4 h: record 25 → month 12 → January 2025, odd → the 1st.
    CHECK(hoursReachedOn(f, 100) == "2025-01-01");
    CHECK(hoursReachedOn(f, 200) == "2026-01-15");   // all 50 × 4
    CHECK_FALSE(hoursReachedOn(f, 200.5).has_value());
    // Jan, Feb, Mar 2024 each have records: the streak completes on 2024-03-01.
    CHECK(monthsStreakOn(f, 3) == "2024-03-01");
    // A year after 2024-01-01 is 2025-01-01, and there is a record that day.
    CHECK(stillServingOn(f, 1) == "2025-01-01");
    CHECK(stillServingOn(f, 2) == "2026-01-01");

    const std::vector<EarnedBadge> expected = {
        {"first_service", "2024-01-01", ""}, {"occasions_few", "2024-05-15", ""},
        {"occasions_many", "2026-01-15", ""}, {"hours_few", "2025-01-01", ""},
        {"months_streak", "2024-03-01", ""}, {"still_serving", "2025-01-01", ""},
        {"star_1", "2025-01-01", ""},
    };
    CHECK(personBadges(f) == expected);
    // Not earned: 1000 hours, titles, ★2 (300 h) — 200 h in all, no title.
    const auto earned = codes(personBadges(f));
    for (const char* missing : {"hours_many", "first_title", "high_title", "star_2"})
        CHECK(std::find(earned.begin(), earned.end(), missing) == earned.end());

    // Nine records (2024-01-01 … 2024-05-01): no 10th occasion yet.
    CHECK_FALSE(nthOccasionOn(steadyVolunteer(9), 10).has_value());
    CHECK(personBadges(PersonFacts{}).empty());
}

TEST_CASE("occasions: one per activity however many records, one per day for records without one") {
    PersonFacts f;
    // Given newest first: the rules sort by date.
    f.services = {
        {"2024-03-20", 2, 0},   // untied, a new day: occasion 4
        {"2024-03-05", 1, 0},   // untied, same day as the one below: not new
        {"2024-03-05", 5, 0},   // untied: occasion 3
        {"2024-02-10", 4, 1},   // activity 1 again: not new
        {"2024-01-15", 2, 2},   // activity 2: occasion 2
        {"2024-01-15", 3, 1},   // activity 1: occasion 1
    };
    CHECK(nthOccasionOn(f, 3) == "2024-03-05");
    CHECK(nthOccasionOn(f, 4) == "2024-03-20");
    CHECK_FALSE(nthOccasionOn(f, 5).has_value());
    // Hours: 5 (01-15), 9 (02-10), 15 (03-05), 17 (03-20).
    CHECK(hoursReachedOn(f, 15) == "2024-03-05");
    CHECK(hoursReachedOn(f, 15.5) == "2024-03-20");
    CHECK_FALSE(hoursReachedOn(f, 17.5).has_value());
    CHECK(firstServiceOn(f) == "2024-01-15");
    CHECK(monthsStreakOn(f, 3) == "2024-03-05");
    CHECK_FALSE(monthsStreakOn(f, 4).has_value());
}

TEST_CASE("three consecutive months: a gap restarts the count; a year boundary does not") {
    PersonFacts gap;
    gap.services = {{"2024-01-10", 1, 0}, {"2024-02-10", 1, 0}, {"2024-04-10", 1, 0},
                    {"2024-05-10", 1, 0}, {"2024-06-03", 1, 0}, {"2024-06-20", 1, 0}};
    CHECK(monthsStreakOn(gap, 3) == "2024-06-03");   // April, May, June

    PersonFacts overNewYear;
    overNewYear.services = {{"2023-11-05", 1, 0}, {"2023-12-05", 1, 0}, {"2024-01-05", 1, 0}};
    CHECK(monthsStreakOn(overNewYear, 3) == "2024-01-05");

    PersonFacts sameMonth;   // two records in January and one in February are two months
    sameMonth.services = {{"2024-01-01", 1, 0}, {"2024-01-31", 1, 0}, {"2024-02-01", 1, 0}};
    CHECK_FALSE(monthsStreakOn(sameMonth, 3).has_value());
    CHECK(monthsStreakOn(sameMonth, 2) == "2024-02-01");
}

TEST_CASE("a year on, counted from a leap day") {
    PersonFacts f;
    f.services = {{"2024-02-29", 2, 0}, {"2025-02-27", 2, 0}, {"2025-02-28", 2, 0}};
    // 2024-02-29 + 1 year = 2025-02-28 (no 29th): the 27th is too early, the 28th counts.
    CHECK(stillServingOn(f, 1) == "2025-02-28");
    f.services.pop_back();
    CHECK_FALSE(stillServingOn(f, 1).has_value());

    // A year from 2023-03-01 is 2024-03-01 (366 days, across 2024-02-29), not 365 days later.
    PersonFacts acrossLeapDay;
    acrossLeapDay.services = {{"2023-03-01", 2, 0}, {"2024-02-29", 2, 0}, {"2024-03-01", 2, 0}};
    CHECK(stillServingOn(acrossLeapDay, 1) == "2024-03-01");
}

TEST_CASE("roster hours count from their as-of date") {
    PersonFacts f;
    f.rosterHours = 90;
    f.rosterHoursAsOf = "2024-12-31";
    f.services = {{"2025-01-05", 6, 1}, {"2025-02-01", 5, 2}};
    // 90 on 2024-12-31, 96 on 2025-01-05, 101 on 2025-02-01.
    CHECK(hoursReachedOn(f, 100) == "2025-02-01");
    CHECK(firstServiceOn(f) == "2024-12-31");   // the roster proves service by then
    CHECK(nthOccasionOn(f, 2) == "2025-02-01"); // roster hours are not occasions

    PersonFacts undated = f;
    undated.rosterHoursAsOf.clear();            // cannot date them: left out
    CHECK_FALSE(hoursReachedOn(undated, 100).has_value());
    CHECK(firstServiceOn(undated) == "2025-01-05");

    PersonFacts rosterOnly;
    rosterOnly.rosterHours = 120;
    rosterOnly.rosterHoursAsOf = "2024-12-31";
    const std::vector<EarnedBadge> expected = {
        {"first_service", "2024-12-31", ""}, {"hours_few", "2024-12-31", ""}, {"star_1", "2024-12-31", ""}};
    CHECK(personBadges(rosterOnly) == expected);   // not ★2 (300 h), no occasions, no streak
}

TEST_CASE("first title and a title at 市 level or above") {
    PersonFacts f;
    f.titles = {{"三八红旗手", "区", 2023, "2024-03-08", std::nullopt},
                {"巾帼建功标兵", "市", 2024, "", std::nullopt},   // no naming date: 2024-12-31
                {"好邻居", "社区", 2022, "", std::nullopt}};      // 2022-12-31, the earliest
    CHECK(firstTitleOn(f) == "2022-12-31");
    CHECK(firstTitleOn(f, "市") == "2024-12-31");
    CHECK_FALSE(firstTitleOn(f, "省").has_value());

    PersonFacts district;
    district.titles = {{"三八红旗手", "区", 2023, "2024-03-08", std::nullopt}};
    const auto badges = personBadges(district);
    REQUIRE(badges.size() == 1);
    CHECK(badges[0] == EarnedBadge{"first_title", "2024-03-08", ""});   // not high_title
}

TEST_CASE("star badges follow the regional thresholds") {
    BadgeParams beijing;
    beijing.starThresholds = {100, 200, 500, 800, 1000};
    const PersonFacts f = steadyVolunteer(50);   // 4 h per record; 200 h on record 50
    const auto earned = personBadges(f, beijing);
    const auto star2 = std::find_if(earned.begin(), earned.end(), [](const EarnedBadge& b) { return b.code == "star_2"; });
    REQUIRE(star2 != earned.end());
    CHECK(star2->earnedOn == "2026-01-15");
    CHECK(std::none_of(earned.begin(), earned.end(), [](const EarnedBadge& b) { return b.code == "star_3"; }));
}

TEST_CASE("a rate target reached: the day the running rate met the goal") {
    // 1000 households, goal 90 % = 900; 850 titled on 1 January.
    TargetTimeline t{TargetKind::Rate, 2024, 0.9, 1000, 850, {}};
    t.changes = {{"2024-07-15", +1},  // 900: reached
                 {"2024-03-01", +30}, {"2024-03-01", -5},   // 875
                 {"2024-05-10", +20},  // 895
                 {"2024-06-30", +4},   // 899
                 {"2023-12-30", +100}, // before the year: already in the start value, ignored
                 {"2025-01-02", +100}};// after the year: ignored
    CHECK(targetReachedOn(t) == "2024-07-15");
    t.changes.erase(t.changes.begin());
    CHECK_FALSE(targetReachedOn(t).has_value());   // stuck at 899

    // Same-day changes count together: +60 then −20 on 1 April leaves 890, not 910.
    TargetTimeline sameDay{TargetKind::Rate, 2024, 0.9, 1000, 850, {{"2024-04-01", +60}, {"2024-04-01", -20}}};
    CHECK_FALSE(targetReachedOn(sameDay).has_value());
    sameDay.changes.push_back({"2024-04-02", +10});   // 900
    CHECK(targetReachedOn(sameDay) == "2024-04-02");

    // Already met on 1 January.
    CHECK(targetReachedOn({TargetKind::Rate, 2024, 0.9, 1000, 905, {}}) == "2024-01-01");
    // 7 of 100 meets 7 % although 0.07 × 100 is 7.000000000000001 in binary.
    CHECK(targetReachedOn({TargetKind::Rate, 2024, 0.07, 100, 6, {{"2024-05-05", 1}}}) == "2024-05-05");
    // A count: 3 posts named.
    CHECK(targetReachedOn({TargetKind::Count, 2024, 3, 0, 0,
                           {{"2024-02-01", 1}, {"2024-06-01", 1}, {"2024-09-09", 1}}}) == "2024-09-09");
}

TEST_CASE("every 巾帼文明岗 passed its re-review this year") {
    const PostReviews p1{1, {{"2024-03-10", 85.0, false}}};
    const PostReviews p2{2, {{"2024-02-01", 75.0, false}, {"2024-06-15", 82.0, false}}};   // failed, then passed
    const PostReviews p3{3, {{"2024-05-01", 90.0, true}, {"2024-09-01", 80.0, false}}};    // veto, then exactly 80
    CHECK(reviewPassedOn(p1, 2024) == "2024-03-10");
    CHECK(reviewPassedOn(p2, 2024) == "2024-06-15");
    CHECK(reviewPassedOn(p3, 2024) == "2024-09-01");
    CHECK(allPostsPassedOn({p1, p2, p3}, 2024) == "2024-09-01");   // the last of the three

    const PostReviews lastYear{4, {{"2023-11-01", 95.0, false}}};
    const PostReviews unscored{5, {{"2024-04-01", std::nullopt, false}}};
    CHECK_FALSE(allPostsPassedOn({p1, lastYear}, 2024).has_value());
    CHECK_FALSE(allPostsPassedOn({p1, unscored}, 2024).has_value());
    CHECK_FALSE(allPostsPassedOn({}, 2024).has_value());
    // With 60 as the passing score (基本合格 accepted), p2 passed on its first review.
    CHECK(reviewPassedOn(p2, 2024, 60) == "2024-02-01");
}

TEST_CASE("all communities on target; a team of volunteers") {
    CHECK(allReachedOn({"2024-05-01", "2024-10-12", "2024-08-08"}) == "2024-10-12");
    CHECK_FALSE(allReachedOn({"2024-05-01", std::nullopt}).has_value());
    CHECK_FALSE(allReachedOn({}).has_value());

    // The 3rd by date of 2023-01-01, 2024-02-02, 2024-05-01 (the unreadable one does not count).
    CHECK(teamReachedOn({"2024-05-01", "2023-01-01", "2024-02-02", "不详"}, 3) == "2024-05-01");
    CHECK_FALSE(teamReachedOn({"2024-05-01", "2023-01-01", "2024-02-02", "不详"}, 4).has_value());
}

TEST_CASE("a unit's badges for its year") {
    UnitFacts f;
    f.year = 2024;
    f.targets = {{TargetKind::Rate, 2024, 0.9, 1000, 850, {{"2024-03-01", 45}, {"2024-07-15", 5}}},   // 900 on 07-15
                 {TargetKind::Count, 2024, 3, 0, 0, {{"2024-02-01", 1}, {"2024-06-01", 1}, {"2024-09-09", 1}}}};
    f.posts = {{1, {{"2024-03-10", 85.0, false}}}, {3, {{"2024-05-01", 90.0, true}, {"2024-09-01", 80.0, false}}}};
    f.communitiesRateMetOn = {"2024-05-01", "2024-10-12"};
    f.volunteerJoinDates = {"2024-05-01", "2023-01-01", "2024-02-02"};
    BadgeParams p;
    p.teamSize = 3;
    const std::vector<EarnedBadge> expected = {
        {"rate_target", "2024-07-15", "2024"},
        {"all_targets", "2024-09-09", "2024"},      // the later of 07-15 and 09-09
        {"posts_reviewed", "2024-09-01", "2024"},
        {"communities_met", "2024-10-12", "2024"},
        {"team_size", "2024-05-01", ""},
    };
    CHECK(unitBadges(f, p) == expected);

    // The count target falls short (2 of 3): rate_target still, all_targets not.
    UnitFacts shortOne = f;
    shortOne.targets[1].changes.pop_back();
    const auto c = codes(unitBadges(shortOne, p));
    CHECK(std::find(c.begin(), c.end(), "rate_target") != c.end());
    CHECK(std::find(c.begin(), c.end(), "all_targets") == c.end());

    // One target alone is not "all targets"; no posts, no communities, too few volunteers: nothing else.
    UnitFacts single;
    single.year = 2024;
    single.targets = {f.targets[0]};
    single.volunteerJoinDates = {"2024-01-01"};
    CHECK(unitBadges(single, p) == std::vector<EarnedBadge>{{"rate_target", "2024-07-15", "2024"}});
}

TEST_CASE("most improved this quarter, over peers; equal rises share; nothing hidden") {
    // Rises: A +0.05, B +0.125, C +0.01, D −0.02.
    const std::vector<PeerChange> peers = {{1, 0.80, 0.85}, {2, 0.5, 0.625}, {3, 0.90, 0.91}, {4, 0.70, 0.68}};
    CHECK(mostImproved(peers) == std::vector<RowId>{2});

    // E rises +0.125 too (0.25 → 0.375): both win.
    auto tied = peers;
    tied.push_back({5, 0.25, 0.375});
    CHECK(mostImproved(tied) == std::vector<RowId>{2, 5});
    // Rises equal up to binary noise (0.78 − 0.70 and 0.68 − 0.60 are both "0.08") also share.
    CHECK(mostImproved({{6, 0.70, 0.78}, {7, 0.60, 0.68}, {8, 0.5, 0.55}}) == std::vector<RowId>{6, 7});

    CHECK(mostImproved({{1, 0.8, 0.8}, {2, 0.9, 0.85}}).empty());   // nobody rose
    CHECK(mostImproved({{1, 0.5, 0.9}}).empty());                   // no contest with one

    // The badge is dated the quarter's last day, once the quarter is over.
    const Period q1 = Period::ofQuarter(2024, 1);
    CHECK(mostImprovedBadges(peers, q1, Date{2024, 3, 31}).empty());
    const auto won = mostImprovedBadges(peers, q1, Date{2024, 4, 1});
    REQUIRE(won.size() == 1);
    CHECK(won[0].unitId == 2);
    CHECK(won[0].badge == EarnedBadge{"most_improved", "2024-03-31", "2024Q1"});
    CHECK(mostImprovedBadges(peers, Period::ofYear(2024), Date{2025, 1, 1}).empty());   // quarters only
}

TEST_CASE("a new day opens the unit years of the quarters it closes and of the years it lets in") {
    using Years = std::set<int>;
    // Inside a quarter nothing closes.
    CHECK(unitYearsOpenedBetween({2026, 5, 10}, {2026, 5, 11}).empty());
    CHECK(unitYearsOpenedBetween({2026, 4, 1}, {2026, 6, 30}).empty());
    // A quarter closes the day after its last day (mostImprovedBadges' rule).
    CHECK(unitYearsOpenedBetween({2026, 6, 30}, {2026, 7, 1}) == Years{2026});
    CHECK(unitYearsOpenedBetween({2026, 3, 30}, {2026, 3, 31}).empty());
    CHECK(unitYearsOpenedBetween({2026, 3, 31}, {2026, 4, 1}) == Years{2026});
    // Runs on a quarter's last day and the day after: closed once, not twice.
    CHECK(unitYearsOpenedBetween({2026, 4, 1}, {2026, 4, 2}).empty());
    // The year's end: its fourth quarter closes and the new year comes in.
    CHECK(unitYearsOpenedBetween({2026, 12, 31}, {2027, 1, 1}) == Years{2026, 2027});
    // A long absence: every year passed over.
    CHECK(unitYearsOpenedBetween({2024, 11, 2}, {2027, 2, 1}) == Years{2024, 2025, 2026, 2027});
    // The same day, or the clock gone back: nothing.
    CHECK(unitYearsOpenedBetween({2026, 7, 1}, {2026, 7, 1}).empty());
    CHECK(unitYearsOpenedBetween({2027, 1, 1}, {2026, 12, 31}).empty());
}
