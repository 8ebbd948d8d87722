// targets.cpp — roll-up of rates and target progress.
#include "core/targets.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <unordered_map>

namespace jinguo {

// ---------------------------------------------------------------- roll-up

std::vector<RolledTally> rollUp(const std::vector<UnitTally>& units, Numerators numerators) {
    const std::size_t n = units.size();
    std::unordered_map<RowId, std::size_t> byId;
    for (std::size_t i = 0; i < n; ++i) byId.emplace(units[i].id, i);

    // Parent index per unit, with loops cut: walk up from each unit and drop
    // the link that leads back into the path being walked.
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> parent(n, kNone);
    for (std::size_t i = 0; i < n; ++i) {
        const auto it = units[i].parentId == 0 ? byId.end() : byId.find(units[i].parentId);
        if (it != byId.end() && it->second != i) parent[i] = it->second;
    }
    std::vector<int> state(n, 0);   // 0 unseen, 1 on the current path, 2 settled
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::size_t> path;
        std::size_t u = i;
        while (u != kNone && state[u] == 0) {
            state[u] = 1;
            path.push_back(u);
            if (parent[u] != kNone && state[parent[u]] == 1) parent[u] = kNone;   // closes a loop
            u = parent[u];
        }
        for (std::size_t p : path) state[p] = 2;
    }

    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 0; i < n; ++i)
        if (parent[i] != kNone) children[parent[i]].push_back(i);

    std::vector<RolledTally> out(n);
    // Post-order without recursion: a unit is summed after all its children.
    std::vector<std::pair<std::size_t, bool>> stack;
    for (std::size_t root = 0; root < n; ++root) {
        if (parent[root] != kNone) continue;
        stack.push_back({root, false});
        while (!stack.empty()) {
            auto [u, expanded] = stack.back();
            stack.pop_back();
            if (!expanded) {
                stack.push_back({u, true});
                for (std::size_t c : children[u]) stack.push_back({c, false});
                continue;
            }
            RolledTally& r = out[u];
            r.id = units[u].id;
            r.parentId = units[u].parentId;
            r.ownHouseholds = units[u].households;
            r.numerator = units[u].numerator;
            r.baseNumerator = units[u].baseNumerator;
            r.children = static_cast<int>(children[u].size());
            if (children[u].empty()) {
                r.households = units[u].households;
                r.overfull = numerators == Numerators::TitledHouseholds && r.households > 0 &&
                             r.numerator > static_cast<double>(r.households);
                r.overfullUnits = r.overfull ? 1 : 0;
            } else {
                for (std::size_t c : children[u]) {
                    const RolledTally& child = out[c];
                    // An overfull child counts at most its households.
                    const double cap = child.overfull ? static_cast<double>(child.households)
                                                      : std::numeric_limits<double>::infinity();
                    r.households += child.households;
                    r.numerator += std::min(child.numerator, cap);
                    r.baseNumerator += std::min(child.baseNumerator, cap);
                    r.overfullUnits += child.overfullUnits;
                }
                r.householdsMismatch = r.ownHouseholds != 0 && r.ownHouseholds != r.households;
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------- progress

const char* targetStatusCode(TargetStatus s) {
    switch (s) {
    case TargetStatus::Green: return "green";
    case TargetStatus::Amber: return "amber";
    case TargetStatus::Red: return "red";
    case TargetStatus::Completed: return "completed";
    case TargetStatus::Missed: return "missed";
    }
    return "red";
}

const char* targetStatusLabel(TargetStatus s) {
    switch (s) {
    case TargetStatus::Green: return "正常";
    case TargetStatus::Amber: return "预警";
    case TargetStatus::Red: return "滞后";
    case TargetStatus::Completed: return "已完成";
    case TargetStatus::Missed: return "未完成";
    }
    return "滞后";
}

const std::vector<TargetMetricInfo>& targetMetrics() {
    using M = TargetMetric;
    using K = TargetKind;
    static const std::vector<TargetMetricInfo> metrics = {
        {M::TitleRate, "title_rate", K::Rate, "创建率", "户", true, false},
        {M::TitleCount, "title_count", K::Count, "命名数", "个", true, false},
        {M::PostCount, "post_count", K::Count, "命名数", "个", true, false},
        {M::VolunteerHours, "volunteer_hours", K::Count, "志愿服务时长（小时）", "小时", false, false},
        {M::Activities, "activities", K::Count, "开展活动（场）", "场", false, false},
        {M::Participants, "participants", K::Count, "活动参与（人次）", "人次", false, false},
        {M::Volunteers, "volunteers", K::Stock, "注册志愿者（名）", "名", false, false},
        {M::Indicator, "indicator", K::Count, "", "", false, true},
    };
    return metrics;
}

const TargetMetricInfo* targetMetricInfo(std::string_view code) {
    for (const TargetMetricInfo& m : targetMetrics())
        if (code == m.code) return &m;
    return nullptr;
}

const TargetMetricInfo* targetMetricFromText(std::string_view text) {
    if (const TargetMetricInfo* m = targetMetricInfo(text)) return m;
    // Words an organizer writes in a 指标 column.
    static const std::vector<std::pair<std::string_view, TargetMetric>> words = {
        {"创建率", TargetMetric::TitleRate},        {"覆盖率", TargetMetric::TitleRate},
        {"命名数", TargetMetric::TitleCount},       {"称号数", TargetMetric::TitleCount},
        {"岗位命名数", TargetMetric::PostCount},    {"文明岗命名数", TargetMetric::PostCount},
        {"志愿服务时长", TargetMetric::VolunteerHours}, {"服务时长", TargetMetric::VolunteerHours},
        {"开展活动", TargetMetric::Activities},     {"活动场次", TargetMetric::Activities},
        {"活动数", TargetMetric::Activities},       {"活动参与", TargetMetric::Participants},
        {"参与人次", TargetMetric::Participants},   {"注册志愿者", TargetMetric::Volunteers},
        {"志愿者人数", TargetMetric::Volunteers},   {"手工指标", TargetMetric::Indicator},
        {"自定义指标", TargetMetric::Indicator},
    };
    for (const auto& [word, metric] : words)
        if (text == word) return &targetMetrics()[static_cast<std::size_t>(metric)];
    for (const TargetMetricInfo& m : targetMetrics())
        if (*m.name != '\0' && text == m.name) return &m;
    return nullptr;
}

std::string targetMetricLabel(std::string_view code, std::string_view subject) {
    const TargetMetricInfo* m = targetMetricInfo(code);
    if (m == nullptr) return std::string(code);
    if (m->needsIndicator) return std::string(subject);
    if (m->needsTitle) return std::string(subject) + m->name;
    return m->name;
}

std::optional<double> parseTargetGoal(std::string_view text, TargetKind kind, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<double> {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    std::string t = trim(text);
    bool percent = false;
    for (std::string_view sign : {"%", "％"})
        if (t.size() >= sign.size() && t.compare(t.size() - sign.size(), sign.size(), sign) == 0) {
            percent = true;
            t = trim(t.substr(0, t.size() - sign.size()));
        }
    std::string digits;
    for (char c : t)
        if (c != ',') digits += c;
    char* end = nullptr;
    const double v = digits.empty() ? 0 : std::strtod(digits.c_str(), &end);
    if (digits.empty() || end != digits.c_str() + digits.size() || !std::isfinite(v))
        return fail("目标值“" + std::string(text) + "”不是数字。请写成 90%、0.9 或 1200 这样的数。");
    if (v < 0) return fail("目标值不能是负数（" + std::string(text) + "）。");
    if (kind != TargetKind::Rate) {
        if (percent) return fail("数量目标不用百分号：请直接写数量，如 1200。");
        return v;
    }
    // A rate: 90 % and 90 mean the same; a fraction up to 1 is taken as it is.
    const double fraction = percent || v > 1 ? v / 100 : v;
    if (fraction > 1 + 1e-12) return fail("创建率目标不能超过100%（" + std::string(text) + "）。");
    return fraction;
}

std::string targetProblem(const Target& t) {
    const TargetMetricInfo* m = targetMetricInfo(t.metric);
    if (m == nullptr) return "不认识的指标“" + t.metric + "”。";
    if (t.year < 1949 || t.year > 2100) return "年度应在1949到2100之间（现为" + std::to_string(t.year) + "）。";
    if (!std::isfinite(t.goal) || t.goal < 0) return "目标值不能是负数。";
    if (m->kind == TargetKind::Rate && t.goal > 1 + 1e-12) return "创建率目标不能超过100%。";
    if (m->metric == TargetMetric::TitleRate || m->metric == TargetMetric::TitleCount) {
        if (t.titleId == 0) return "请选择这个目标针对的称号（如平安家庭）。";
    }
    if (m->needsIndicator && trim(t.indicator).empty()) return "请填写手工指标的名称。";
    if (t.atLevel && m->metric != TargetMetric::TitleRate) return "只有创建率目标可以限定级别。";
    return "";
}

TargetTitle resolveTargetTitle(const std::vector<AwardTitle>& catalogue, const TargetMetricInfo& metric,
                               std::string_view nameText, std::string_view levelText) {
    TargetTitle out;
    const std::string name = trim(nameText);
    std::string level = trim(levelText);
    if (level == "不限" || level == "任意级别" || level == "所有级别" || level == "全部") level.clear();
    if (level.size() > 3 && level.compare(level.size() - 3, 3, "级") == 0) level.erase(level.size() - 3);
    if (!level.empty() && !parseTitleLevel(level)) {
        out.error = "级别“" + std::string(levelText) + "”无法识别，可写：社区、街道、区、市、省、全国，或不限。";
        return out;
    }
    const bool usesTitle = metric.metric == TargetMetric::TitleRate || metric.metric == TargetMetric::TitleCount ||
                           metric.metric == TargetMetric::PostCount;
    if (!usesTitle) {
        if (!name.empty() || !level.empty()) out.error = std::string("“") + metric.name + "”目标不针对称号，请去掉称号和级别。";
        return out;
    }
    if (name.empty()) {
        if (metric.metric == TargetMetric::PostCount && level.empty()) return out;   // 区级 posts
        out.error = "请写出目标针对的称号（如平安家庭）。";
        return out;
    }
    const char* kind = metric.metric == TargetMetric::TitleRate ? "family"
                       : metric.metric == TargetMetric::PostCount ? "post" : nullptr;
    std::vector<const AwardTitle*> named;
    for (const AwardTitle& t : catalogue)
        if (t.name == name && (kind == nullptr || t.subjectKind == kind)) named.push_back(&t);
    std::sort(named.begin(), named.end(), [](const AwardTitle* a, const AwardTitle* b) {
        return titleLevelRank(a->level) < titleLevelRank(b->level);
    });
    std::string levels;
    for (const AwardTitle* t : named) levels += (levels.empty() ? "" : "、") + t->level;
    if (named.empty()) {
        out.error = std::string("称号目录中没有") +
                    (kind == nullptr ? "" : std::string(kind) == "family" ? "家庭称号" : "岗位称号") + "“" + name +
                    "”。请先在“设置 → 称号目录”中添加，或检查称号的写法。";
        return out;
    }
    if (level.empty()) {
        if (metric.metric == TargetMetric::TitleRate) {
            out.titleId = named.front()->id;   // the name stands for every level
            return out;
        }
        if (named.size() > 1) {
            out.error = "称号“" + name + "”有多个级别（" + levels + "），请写明级别。";
            return out;
        }
        out.titleId = named.front()->id;
        return out;
    }
    for (const AwardTitle* t : named)
        if (t->level == level) {
            out.titleId = t->id;
            out.atLevel = metric.metric == TargetMetric::TitleRate;
            return out;
        }
    out.error = "称号“" + name + "”没有" + levelWithSuffix(level) + "，已有的级别：" + levels + "。";
    return out;
}

TargetStatus targetStatusTone(TargetStatus s) {
    switch (s) {
    case TargetStatus::Completed: return TargetStatus::Green;
    case TargetStatus::Missed: return TargetStatus::Red;
    default: return s;
    }
}

double yearElapsed(int year, const Date& today) {
    if (today.year < year) return 0;
    if (today.year > year) return 1;
    // The day itself counts as gone: on 31 December the whole goal is due.
    return static_cast<double>(dayOfYear(today)) / daysInYear(year);
}

double householdsToGoal(double goal, double households, double numerator) {
    // 0.07 × 100 is 7.000000000000001 in binary; without the allowance the
    // gap would read 8 households instead of 7.
    const double need = std::ceil(goal * households - numerator - 1e-9);
    return std::max(0.0, need);
}

TargetProgress evaluateTarget(const TargetFacts& f, const Date& today, const RagThresholds& thresholds) {
    TargetProgress p;
    p.goal = f.goal;
    p.elapsed = yearElapsed(f.year, today);
    const double e = p.elapsed;

    if (f.kind == TargetKind::Rate) {
        // More titled households than households is a data error; count at
        // most all of them and say so, rather than report 698 %.
        const double numerator = std::min(f.numerator, std::max(0.0, f.denominator));
        const double baseNumerator = std::min(f.baseNumerator, std::max(0.0, f.denominator));
        if (f.denominator <= 0) {
            p.problem = "该单位未登记户数，无法计算创建率。";
        } else if (f.numerator > f.denominator) {
            p.problem = "数据有误：称号户数（" + fmt::grouped(f.numerator, 0) + "）超过总户数（" +
                        fmt::grouped(f.denominator, 0) + "），已按总户数计。请在“组织”中核对总户数或称号。";
        } else if (f.overfullUnits > 0) {
            p.problem = "数据有误：下属" + std::to_string(f.overfullUnits) +
                        "个单位的称号户数超过其总户数，已按总户数计。请在“组织”中核对。";
        }
        p.actual = f.denominator > 0 ? numerator / f.denominator : 0;
        p.base = f.denominator > 0 ? baseNumerator / f.denominator : 0;
        p.gap = f.denominator > 0 ? householdsToGoal(f.goal, f.denominator, numerator) : 0;
        p.goalMet = f.denominator > 0 && p.gap == 0;
        // A unit already above its goal at the start of the year only has to hold it.
        p.expected = p.base >= f.goal ? f.goal : p.base + (f.goal - p.base) * e;
        p.forecast = e > 0 ? std::clamp(p.base + (p.actual - p.base) / e, 0.0, 1.0) : p.actual;
    } else if (f.kind == TargetKind::Stock) {
        p.actual = f.numerator;
        p.base = f.baseNumerator;
        p.gap = std::max(0.0, f.goal - f.numerator);
        p.goalMet = f.numerator >= f.goal - 1e-9;
        p.expected = p.base >= f.goal ? f.goal : p.base + (f.goal - p.base) * e;
        p.forecast = e > 0 ? std::max(0.0, p.base + (p.actual - p.base) / e) : p.actual;
    } else {
        p.actual = f.numerator;
        p.base = 0;
        p.gap = std::max(0.0, f.goal - f.numerator);
        p.goalMet = f.numerator >= f.goal - 1e-9;
        p.expected = f.goal * e;
        p.forecast = e > 0 ? p.actual / e : p.actual;
    }

    p.progress = f.goal > 0 ? p.actual / f.goal : 1;
    p.progressSinceBase = (f.kind != TargetKind::Count && f.goal > p.base)
                              ? (p.actual - p.base) / (f.goal - p.base)
                              : p.progress;

    const double required = p.expected - p.base;
    const double achieved = p.actual - p.base;
    if (p.goalMet) {
        p.status = TargetStatus::Green;
    } else if (required <= 0) {
        // Nothing to gain yet (before the year) or only a level to hold.
        p.status = p.actual >= p.expected - 1e-12 ? TargetStatus::Green : TargetStatus::Red;
    } else {
        const double ratio = achieved / required;
        p.status = ratio >= thresholds.green - 1e-12   ? TargetStatus::Green
                   : ratio >= thresholds.amber - 1e-12 ? TargetStatus::Amber
                                                       : TargetStatus::Red;
    }
    p.yearOver = today.year > f.year;
    if (p.yearOver) p.status = p.goalMet ? TargetStatus::Completed : TargetStatus::Missed;
    return p;
}

TargetProgress evaluateTarget(const TargetFacts& facts, std::string_view today, const RagThresholds& thresholds) {
    const auto date = parseDate(today);
    if (!date) throw std::invalid_argument("evaluateTarget: today is not a YYYY-MM-DD date: " + std::string(today));
    return evaluateTarget(facts, *date, thresholds);
}

std::string shortfallText(TargetKind kind, const TargetProgress& p, std::string_view measure) {
    if (p.goalMet || p.gap <= 0) return "";
    if (kind == TargetKind::Rate) return "还差" + fmt::grouped(p.gap, 0) + "户";
    return "还差" + fmt::grouped(p.gap, 2) + std::string(measure);
}

ActualText targetActualText(TargetKind kind, const TargetProgress& p, int percentDecimals, std::string_view measure) {
    ActualText t;
    const bool rate = kind == TargetKind::Rate;
    t.actual = rate ? fmt::percent(p.actual, percentDecimals) : fmt::grouped(p.actual, 2);
    const std::string goal = rate ? fmt::percent(p.goal, percentDecimals) : fmt::grouped(p.goal, 2);
    if (!p.goalMet && t.actual == goal && p.gap > 0) {
        t.actual = shortfallText(kind, p, measure);
        t.shortfallOnly = true;
    }
    return t;
}

} // namespace jinguo
