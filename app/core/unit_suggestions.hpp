// unit_suggestions.hpp — the 所属社区 names a roster uses that are not units of
// the tree, and for each the existing units it most likely means
// (向阳社区居委会 → 向阳社区). Pure: the caller passes the names with their row
// counts and the stored units; the 导入 wizard and `jinguo import` show the
// result and let the user create the units or map each name to one.
#pragma once

#include "core/model.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::roster {

struct UnitSuggestion {
    RowId id = 0;
    std::string name;          // the unit's name as stored
    std::string parentName;    // its 街道/镇 (to tell two 向阳社区 apart); may be empty
    int score = 0;             // 100 same name once suffixes and spaces are ignored … 1
};

struct UnknownUnitName {
    std::string name;                        // as the roster writes it
    int rows = 0;
    std::vector<UnitSuggestion> suggestions; // best first, at most kMaxUnitSuggestions
};

inline constexpr std::size_t kMaxUnitSuggestions = 3;

// The name reduced for comparison: full-width folded, every space removed,
// a committee suffix (居委会, 村委会, 社区居委会, 居民委员会, 村民委员会 …)
// dropped. "向阳社区 居委会" → "向阳社区".
std::string unitNameKey(std::string_view name);

// The names of `usedNames` (name → rows) that are not the exact name of a
// 社区/村 among `units` (the only units an import places rows in), in the
// order of the map, each with up to kMaxUnitSuggestions close 社区/村: same
// key first, then same key without its 社区/村 ending (向阳村 / 向阳社区),
// then by how many characters they share (edit distance, common prefix).
// Names with nothing close get no suggestion. Empty names are left out.
std::vector<UnknownUnitName> unknownUnitNames(const std::map<std::string, int>& usedNames,
                                              const std::vector<OrgUnit>& units);

// The kind a new unit of this name gets under a 街道/镇: 村 for a name
// ending in 村 (or 村委会, 村民委员会), 社区 otherwise.
UnitKind kindForNewCommunity(std::string_view name);

} // namespace jinguo::roster
