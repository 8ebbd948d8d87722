// points.hpp — volunteer points, as rules read from the settings table.
//
// Points reward verified service hours, activities joined and titles held,
// each at a rate the organizers set in 设置 (keys points.per_verified_hour,
// points.per_activity, points.title.<level>; defaults as in
// db/migrations/0001_initial.sql). A missing or malformed value falls back to
// its default and says so, so a typo in 设置 never zeroes a whole board.
// Hours an imported roster reported count as verified: the roster is the
// community's own record of service done before the app.
//
// Stars are counted from the same hours by core/stars.hpp (serviceHoursOf
// gives the hours to pass it).
#pragma once

#include "core/periods.hpp"
#include "core/vocabulary.hpp"

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

// The title levels, lowest first (award_title.level); titleLevelRank is in vocabulary.hpp.
inline constexpr const auto& kTitleLevels = kTitleLevelWords;

// A settings lookup: the value stored for a key, or nothing.
using SettingLookup = std::function<std::optional<std::string>(const std::string& key)>;
SettingLookup lookupIn(const std::map<std::string, std::string>& settings);

// A default of the settings table, to restore 设置 to (key, value, note).
struct SettingDefault {
    std::string key;
    std::string value;
    std::string note;
};
const std::vector<SettingDefault>& pointsSettingDefaults();

// Reads a non-negative number as users type it (full-width digits, spaces).
std::optional<double> parseSettingNumber(std::string_view text);

struct PointsRules {
    double perVerifiedHour = 1;
    double perActivity = 2;
    std::map<std::string, double, std::less<>> perTitleLevel{
        {"社区", 5}, {"街道", 10}, {"区", 20}, {"县(市)", 20}, {"行业/系统", 20}, {"市", 40}, {"省", 80}, {"全国", 160}};

    double pointsForLevel(std::string_view level) const;   // 0 for an unknown level
};

// Rules from settings; `problems` (if given) receives one Chinese sentence per
// value that was present but unusable and so replaced by its default.
PointsRules pointsRulesFromSettings(const SettingLookup& lookup, std::vector<std::string>* problems = nullptr);
PointsRules pointsRulesFromSettings(const std::map<std::string, std::string>& settings,
                                    std::vector<std::string>* problems = nullptr);

// A title as the points and badge rules see it. `points`, when set, is the
// catalogue's own value for that title (award_title.points) and wins over the
// level default; `namedOn` is the date it was named (award_event 命名), if known.
struct TitleFact {
    std::string name;
    std::string level;
    int year = 0;
    std::string namedOn;
    std::optional<double> points;
};

// Whether an award in this lifecycle state is a title held: 命名 and 复核
// are; 申报/创建/考核验收 are not yet, 撤销 no longer.
bool titleStatusCounts(std::string_view status);

// What a volunteer did in the period of the board.
struct VolunteerFacts {
    double verifiedHours = 0;    // verified service records only
    double rosterHours = 0;      // cumulative hours an imported roster reported (counted as verified)
    int activitiesJoined = 0;    // distinct activities
    std::vector<TitleFact> titles;   // titles held (see titleStatusCounts)
};

struct PointsBreakdown {
    double hours = 0;
    double activities = 0;
    double titles = 0;
    double total = 0;
};

// Service hours that count for stars and the hours board: verified + roster.
double serviceHoursOf(const VolunteerFacts& facts);
PointsBreakdown pointsBreakdown(const VolunteerFacts& facts, const PointsRules& rules);
double pointsFor(const VolunteerFacts& facts, const PointsRules& rules);

// Whether a person's roster history (the total a roster gave the first time
// it named her, core/roster_hours.hpp) belongs on a board of `period`: only
// on the all-time board — the roster says how much was done, not when. What
// later rosters added is dated and counts like a verified record.
bool rosterHistoryCountsIn(const Period& period);

} // namespace jinguo
