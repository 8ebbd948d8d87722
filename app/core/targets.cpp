// targets.cpp — roll-up of rates and target progress.
#include "core/targets.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

namespace jinguo {

// ---------------------------------------------------------------- roll-up

std::vector<RolledTally> rollUp(const std::vector<UnitTally>& units) {
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
            } else {
                for (std::size_t c : children[u]) {
                    r.households += out[c].households;
                    r.numerator += out[c].numerator;
                    r.baseNumerator += out[c].baseNumerator;
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
    }
    return "red";
}

const char* targetStatusLabel(TargetStatus s) {
    switch (s) {
    case TargetStatus::Green: return "正常";
    case TargetStatus::Amber: return "预警";
    case TargetStatus::Red: return "滞后";
    }
    return "滞后";
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
        if (f.denominator <= 0) p.problem = "该单位未登记户数，无法计算创建率。";
        p.actual = f.denominator > 0 ? f.numerator / f.denominator : 0;
        p.base = f.denominator > 0 ? f.baseNumerator / f.denominator : 0;
        p.gap = f.denominator > 0 ? householdsToGoal(f.goal, f.denominator, f.numerator) : 0;
        p.goalMet = f.denominator > 0 && p.gap == 0;
        // A unit already above its goal at the start of the year only has to hold it.
        p.expected = p.base >= f.goal ? f.goal : p.base + (f.goal - p.base) * e;
        p.forecast = e > 0 ? std::clamp(p.base + (p.actual - p.base) / e, 0.0, 1.0) : p.actual;
    } else {
        p.actual = f.numerator;
        p.base = 0;
        p.gap = std::max(0.0, f.goal - f.numerator);
        p.goalMet = f.numerator >= f.goal - 1e-9;
        p.expected = f.goal * e;
        p.forecast = e > 0 ? p.actual / e : p.actual;
    }

    p.progress = f.goal > 0 ? p.actual / f.goal : 1;
    p.progressSinceBase = (f.kind == TargetKind::Rate && f.goal > p.base)
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
    return p;
}

TargetProgress evaluateTarget(const TargetFacts& facts, std::string_view today, const RagThresholds& thresholds) {
    const auto date = parseDate(today);
    if (!date) throw std::invalid_argument("evaluateTarget: today is not a YYYY-MM-DD date: " + std::string(today));
    return evaluateTarget(facts, *date, thresholds);
}

} // namespace jinguo
