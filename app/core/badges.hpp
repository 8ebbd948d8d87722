// badges.hpp — badges that reward steps as well as the top.
//
// Each badge has a code (stored in badge_earned.badge_code), a Chinese name, a
// one-sentence rule in Chinese that states the thresholds in force, and a pure
// rule that decides from plain facts whether a subject earned it and on which
// date. People earn badges for steps (first service, 10th and 50th time, 100
// hours, three months in a row, a year on, first title, each ★); units for
// their year (rate target reached, every post passed re-review, every
// community on target), for a quarter (most improved among peers), or once
// (a hundred volunteers). Thresholds users might change are BadgeParams, read
// from settings with defaults; a badge, once earned, is not taken back.
//
// Dates are YYYY-MM-DD. Facts may arrive in any order; the rules sort.
#pragma once

#include "core/model.hpp"
#include "core/periods.hpp"
#include "core/points.hpp"
#include "core/targets.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

enum class BadgeSubject { Person, Unit };

struct BadgeInfo {
    std::string code;
    std::string name;
    std::string rule;              // one sentence, with the thresholds in force
    BadgeSubject subject = BadgeSubject::Person;
    PeriodKind per = PeriodKind::All;   // All: once ever; Year: once a year; Quarter: once a quarter
};

struct BadgeParams {
    int occasionsFew = 10;         // 十次同行
    int occasionsMany = 50;        // 五十次同行
    double hoursFew = 100;         // 100小时奉献
    double hoursMany = 1000;       // 1000小时奉献
    int streakMonths = 3;          // 连续三个月
    int loyaltyYears = 1;          // 坚持一年
    std::string highTitleLevel = "市";   // 市级荣誉: this level or above
    double reviewPassScore = 80;   // 复核 passes at this score (合格) without a veto
    int teamSize = 100;            // 百人队伍
    std::vector<double> starThresholds = {100, 300, 600, 1000, 1500};   // ★ badges, one per threshold
    bool operator==(const BadgeParams&) const = default;   // every field: caches keyed on the params stay right
};

// Settings keys (all optional; a missing or unusable value keeps the default):
// badge.occasions_few, badge.occasions_many, badge.hours_few, badge.hours_many,
// badge.streak_months, badge.loyalty_years, badge.high_title_level,
// badge.review_pass_score, badge.team_size, and stars.thresholds (shared with
// the star rating, parsed by core/stars.hpp).
BadgeParams badgeParamsFromSettings(const SettingLookup& lookup);

// Every badge, people first, in the order screens show them. Star badges are
// star_1 … star_N, one per threshold.
std::vector<BadgeInfo> badgeCatalogue(const BadgeParams& params = {});
std::optional<BadgeInfo> findBadge(std::string_view code, const BadgeParams& params = {});

struct EarnedBadge {
    std::string code;
    std::string earnedOn;          // YYYY-MM-DD
    std::string period;            // "" for once-ever badges, else the period's code ("2024", "2024Q1")
    bool operator==(const EarnedBadge&) const = default;
};

// ---------------------------------------------------------------- people

// One verified service record (unverified records are not facts yet).
struct ServiceDay {
    std::string date;              // YYYY-MM-DD
    double hours = 0;
    RowId activityId = 0;          // 0 when not tied to an activity
};

struct PersonFacts {
    std::vector<ServiceDay> services;
    // A roster's cumulative hours count from its as-of date: they join the
    // running sum on that day and prove service by then. Without an as-of
    // date they cannot date a badge and are left out of these rules.
    double rosterHours = 0;
    std::string rosterHoursAsOf;
    // Hours later rosters added, each dated (roster_credit): they join the
    // running sum and prove service by their day, but are no occasion.
    struct DatedHours {
        std::string on;   // YYYY-MM-DD
        double hours = 0;
    };
    std::vector<DatedHours> rosterCredits;
    std::vector<TitleFact> titles; // titles named (a later revocation does not undo the badge)
};

// first_service: the first service record, or the roster's as-of date if earlier.
std::optional<std::string> firstServiceOn(const PersonFacts& facts);
// The n-th service occasion: each activity counts once however many records
// it has; a record tied to no activity counts once per day.
std::optional<std::string> nthOccasionOn(const PersonFacts& facts, int n);
// The day the running sum of hours (records + roster) reached `hours`.
std::optional<std::string> hoursReachedOn(const PersonFacts& facts, double hours);
// The first record of the month that completed `months` calendar months in a
// row, each with a service record.
std::optional<std::string> monthsStreakOn(const PersonFacts& facts, int months);
// The first record dated at least `years` years after the first service.
std::optional<std::string> stillServingOn(const PersonFacts& facts, int years);
// The first title at `minLevel` or above: its naming date, or 31 December of
// its year when the naming date is unknown.
std::optional<std::string> firstTitleOn(const PersonFacts& facts, std::string_view minLevel = "社区");

// Every person badge earned, in catalogue order.
std::vector<EarnedBadge> personBadges(const PersonFacts& facts, const BadgeParams& params = {});

// ---------------------------------------------------------------- units

struct DatedChange {
    std::string date;              // YYYY-MM-DD
    double delta = 0;              // +1 a household titled, −1 a title revoked; or hours, posts …
};

// A target's numerator through its year: the value at 1 January plus dated
// changes. Changes outside the year are ignored (earlier ones belong in
// startValue). A rate is measured against the current households.
struct TargetTimeline {
    TargetKind kind = TargetKind::Rate;
    int year = 0;
    double goal = 0;               // rate: a fraction; count: a number
    double denominator = 0;        // rate: households
    double startValue = 0;         // rate: titled households on 1 January; count: usually 0
    std::vector<DatedChange> changes;
    // The figures are a data error (a rate over more titled households than
    // households, see rollUp): never reached until mended.
    bool dataError = false;
};

// The first day the goal was met (1 January if it already was); changes of the
// same day are applied together.
std::optional<std::string> targetReachedOn(const TargetTimeline& timeline);

struct ReviewFact {                // one 复核 (re-review) of a post
    std::string date;
    std::optional<double> score;   // the 100-point rubric; none = not scored
    bool veto = false;             // a veto item (一票否决) failed
};

struct PostReviews {
    RowId postId = 0;
    std::vector<ReviewFact> reviews;
};

// The first passing re-review of the post in `year`: score ≥ passScore and no veto.
std::optional<std::string> reviewPassedOn(const PostReviews& post, int year, double passScore = 80);
// When every post had passed (the latest of their first passes); none for no posts.
std::optional<std::string> allPostsPassedOn(const std::vector<PostReviews>& posts, int year, double passScore = 80);

// The latest date when every entry has one; none if any entry has none or the list is empty.
std::optional<std::string> allReachedOn(const std::vector<std::optional<std::string>>& dates);

// The day the `size`-th volunteer joined.
std::optional<std::string> teamReachedOn(std::vector<std::string> joinDates, int size);

struct UnitFacts {
    int year = 0;
    std::vector<TargetTimeline> targets;   // the unit's targets of this year, rates and counts
    std::vector<PostReviews> posts;        // the unit's posts due for re-review this year
    // A street: for each of its communities (all of them), the day that
    // community's rate target of this year was reached — none if not, or if it has no target.
    std::vector<std::optional<std::string>> communitiesRateMetOn;
    std::vector<std::string> volunteerJoinDates;   // joined_on, or the first service date
};

// rate_target, all_targets, posts_reviewed, communities_met, team_size.
std::vector<EarnedBadge> unitBadges(const UnitFacts& facts, const BadgeParams& params = {});

// most_improved, over one league of peers (the communities of a street, the
// streets of a district): the unit(s) whose rate rose the most over the
// quarter. Equal rises share the badge; no rise, no badge; fewer than two
// peers, no contest.
struct PeerChange {
    RowId unitId = 0;
    double rateBefore = 0;         // at the start of the quarter (titles held before its first day)
    double rateAfter = 0;          // at its end
};
std::vector<RowId> mostImproved(const std::vector<PeerChange>& peers, double minIncrease = 1e-9);

struct UnitBadge {
    RowId unitId = 0;
    EarnedBadge badge;
};
// The badges of a closed quarter, dated its last day; nothing while `today`
// is still inside (or before) the quarter, since the race is not over.
std::vector<UnitBadge> mostImprovedBadges(const std::vector<PeerChange>& peers, const Period& quarter,
                                          const Date& today, double minIncrease = 1e-9);

// What a new day can change: person badges never (their rules read only
// the person's dated facts), unit badges only in the years whose judgement
// reads today — a quarter that closed after `lastEvaluated` and by `today`
// (进步之星: the day after its last day), and a year that `today`'s year
// lets in (units are judged for years up to today's). Everything else a
// unit badge reads is a fact whose change marks it (badge_dirty). Empty when
// `today` is not after `lastEvaluated`.
std::set<int> unitYearsOpenedBetween(const Date& lastEvaluated, const Date& today);

} // namespace jinguo
