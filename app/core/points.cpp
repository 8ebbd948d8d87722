// points.cpp — points rules read from settings, with defaults.
#include "core/points.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace jinguo {


SettingLookup lookupIn(const std::map<std::string, std::string>& settings) {
    // A copy: the lookup may outlive the map it was made from (settings are few).
    return [settings](const std::string& key) -> std::optional<std::string> {
        const auto it = settings.find(key);
        if (it == settings.end()) return std::nullopt;
        return it->second;
    };
}

const std::vector<SettingDefault>& pointsSettingDefaults() {
    // Must match the INSERT INTO setting of db/migrations/0001_initial.sql
    // (a test compares them).
    static const std::vector<SettingDefault> defaults = {
        {"points.per_verified_hour", "1", "每小时已核实服务时长计分"},
        {"points.per_activity", "2", "每参加一次活动计分"},
        {"points.title.社区", "5", "社区级荣誉计分"},
        {"points.title.街道", "10", "街道级荣誉计分"},
        {"points.title.区", "20", "区级荣誉计分"},
        {"points.title.县(市)", "20", "县(市)级荣誉计分"},
        {"points.title.行业/系统", "20", "行业/系统级荣誉计分"},
        {"points.title.市", "40", "市级荣誉计分"},
        {"points.title.省", "80", "省级荣誉计分"},
        {"points.title.全国", "160", "全国级荣誉计分"},
    };
    return defaults;
}

std::optional<double> parseSettingNumber(std::string_view text) {
    const std::string item = trim(foldFullWidth(text));
    if (item.empty()) return std::nullopt;
    char* stop = nullptr;
    const double value = std::strtod(item.c_str(), &stop);
    if (*stop != '\0' || !std::isfinite(value) || value < 0) return std::nullopt;
    return value;
}

double PointsRules::pointsForLevel(std::string_view level) const {
    const auto it = perTitleLevel.find(level);
    return it == perTitleLevel.end() ? 0 : it->second;
}

PointsRules pointsRulesFromSettings(const SettingLookup& lookup, std::vector<std::string>* problems) {
    PointsRules rules;
    auto read = [&](const std::string& key, double& target) {
        const std::optional<std::string> text = lookup(key);
        if (!text) return;   // absent: the default, silently
        if (const auto value = parseSettingNumber(*text)) {
            target = *value;
        } else if (problems) {
            problems->push_back("设置项 " + key + " 的值“" + *text + "”不是非负数，已按默认值 " +
                                fmt::shortest(target) + " 计算。");
        }
    };
    read("points.per_verified_hour", rules.perVerifiedHour);
    read("points.per_activity", rules.perActivity);
    for (const char* level : kTitleLevels) read(std::string("points.title.") + level, rules.perTitleLevel.find(level)->second);
    return rules;
}

PointsRules pointsRulesFromSettings(const std::map<std::string, std::string>& settings,
                                    std::vector<std::string>* problems) {
    return pointsRulesFromSettings(lookupIn(settings), problems);
}

bool titleStatusCounts(std::string_view status) {
    const auto s = parseAwardStatus(status);
    return s && isHeld(*s);
}

double serviceHoursOf(const VolunteerFacts& f) { return f.verifiedHours + f.rosterHours; }

PointsBreakdown pointsBreakdown(const VolunteerFacts& f, const PointsRules& rules) {
    PointsBreakdown b;
    b.hours = serviceHoursOf(f) * rules.perVerifiedHour;
    b.activities = f.activitiesJoined * rules.perActivity;
    for (const TitleFact& t : f.titles) b.titles += t.points ? *t.points : rules.pointsForLevel(t.level);
    b.total = b.hours + b.activities + b.titles;
    return b;
}

double pointsFor(const VolunteerFacts& f, const PointsRules& rules) { return pointsBreakdown(f, rules).total; }

bool rosterHistoryCountsIn(const Period& period) { return period.kind == PeriodKind::All; }

} // namespace jinguo
