// unit_suggestions.cpp — see unit_suggestions.hpp.
#include "core/unit_suggestions.hpp"

#include "core/text.hpp"
#include "core/vocabulary.hpp"

#include <algorithm>
#include <unordered_map>

namespace jinguo::roster {

namespace {

bool endsWith(const std::u32string& s, std::u32string_view end) {
    return s.size() > end.size() && std::u32string_view(s).substr(s.size() - end.size()) == end;
}

// Longest first: 社区居民委员会 before 居民委员会.
constexpr std::u32string_view kCommitteeSuffixes[] = {
    U"社区居民委员会", U"社区居委会", U"居民委员会", U"村民委员会", U"居委会", U"村委会", U"委员会",
};
// What is left of 向阳社区居民委员会 is 向阳, of 向阳村委会 向阳: put the
// tier word back so that the key reads like the unit's name.
std::u32string keyOf(std::string_view name) {
    std::u32string s;
    for (char32_t c : utf8ToCodepoints(foldFullWidth(name))) {
        if (c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == U'\u3000' || c == U'\u00A0') continue;
        s.push_back(c);
    }
    for (std::u32string_view suffix : kCommitteeSuffixes) {
        if (!endsWith(s, suffix)) continue;
        s.resize(s.size() - suffix.size());
        // 大王村村委会 → 大王村, 桃源村委会 → 桃源村, 向阳居委会 → 向阳社区.
        if (suffix.front() == U'村') {
            if (!endsWith(s, U"村")) s += U"村";
        } else if (suffix != U"委员会" && !endsWith(s, U"社区")) {
            s += U"社区";
        }
        break;
    }
    return s;
}

// The key without its tier word: 向阳社区 and 向阳村 both → 向阳.
std::u32string coreOf(const std::u32string& key) {
    for (std::u32string_view end : {std::u32string_view(U"社区"), std::u32string_view(U"村")})
        if (endsWith(key, end)) return key.substr(0, key.size() - end.size());
    return key;
}

std::size_t editDistance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::size_t commonPrefix(const std::u32string& a, const std::u32string& b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

// How close two names are, over the keys and over the cores (the keys
// without 社区/村): 0 when not close enough to suggest.
int closeness(const std::u32string& a, const std::u32string& b, bool& similar) {
    if (a.empty() || b.empty()) return 0;
    const std::size_t longest = std::max(a.size(), b.size());
    const std::size_t distance = editDistance(a, b);
    const std::size_t prefix = commonPrefix(a, b);
    // 向阳 / 向阳花园: one inside the other (at least two characters of it).
    const bool inside = std::min(a.size(), b.size()) >= 2
                     && (a.find(b) != std::u32string::npos || b.find(a) != std::u32string::npos);
    // At most a third of the characters differ, or the first two agree, or one holds the other.
    similar = similar || distance * 3 <= longest || prefix >= 2 || inside;
    const double near = 1.0 - static_cast<double>(distance) / static_cast<double>(longest);
    return 20 + static_cast<int>(near * 50.0) + static_cast<int>(std::min<std::size_t>(prefix, 4)) * 4 + (inside ? 5 : 0);
}

int scoreOf(const std::u32string& key, const std::u32string& core, const std::u32string& otherKey,
            const std::u32string& otherCore) {
    if (key == otherKey) return 100;
    if (!core.empty() && core == otherCore) return 90;
    bool similar = false;
    const int byCore = closeness(core, otherCore, similar);
    bool keySimilar = false;
    const int byKey = closeness(key, otherKey, keySimilar);
    // The keys share their 社区 ending: that alone says nothing.
    if (keySimilar && !similar) {
        const std::size_t longest = std::max(key.size(), otherKey.size());
        similar = editDistance(key, otherKey) * 3 <= longest;
    }
    if (!similar) return 0;
    return std::clamp(std::max(byCore, byKey - 10), 1, 89);
}

} // namespace

std::string unitNameKey(std::string_view name) { return codepointsToUtf8(keyOf(name)); }

std::vector<UnknownUnitName> unknownUnitNames(const std::map<std::string, int>& usedNames,
                                              const std::vector<OrgUnit>& units) {
    struct Candidate {
        const OrgUnit* unit;
        std::u32string key, core;
    };
    std::unordered_map<RowId, const OrgUnit*> byId;
    for (const OrgUnit& u : units) byId.emplace(u.id, &u);
    std::vector<Candidate> candidates;
    std::unordered_map<std::string, bool> known;
    for (const OrgUnit& u : units) {
        if (!isCommunityKind(u.kind)) continue;
        known[u.name] = true;
        std::u32string key = keyOf(u.name);
        std::u32string core = coreOf(key);
        candidates.push_back({&u, std::move(key), std::move(core)});
    }
    std::vector<UnknownUnitName> out;
    for (const auto& [name, rows] : usedNames) {
        if (name.empty() || known.count(name)) continue;
        UnknownUnitName unknown;
        unknown.name = name;
        unknown.rows = rows;
        const std::u32string key = keyOf(name);
        const std::u32string core = coreOf(key);
        for (const Candidate& c : candidates) {
            const int score = scoreOf(key, core, c.key, c.core);
            if (score == 0) continue;
            UnitSuggestion s;
            s.id = c.unit->id;
            s.name = c.unit->name;
            if (auto parent = byId.find(c.unit->parentId); parent != byId.end()) s.parentName = parent->second->name;
            s.score = score;
            unknown.suggestions.push_back(std::move(s));
        }
        std::stable_sort(unknown.suggestions.begin(), unknown.suggestions.end(),
                         [](const UnitSuggestion& a, const UnitSuggestion& b) {
                             if (a.score != b.score) return a.score > b.score;
                             if (a.name != b.name) return a.name < b.name;
                             return a.id < b.id;
                         });
        if (unknown.suggestions.size() > kMaxUnitSuggestions) unknown.suggestions.resize(kMaxUnitSuggestions);
        out.push_back(std::move(unknown));
    }
    return out;
}

UnitKind kindForNewCommunity(std::string_view name) {
    const std::u32string key = keyOf(name);
    return !key.empty() && key.back() == U'村' ? UnitKind::Village : UnitKind::Community;
}

} // namespace jinguo::roster
