// unit_match.hpp — which 社区/村 a roster row means when community names repeat
// across streets (新村社区 in 江滨街道 and in 城关街道: real districts do this).
//
// A row names its 社区/村 by 所属社区 and, when the roster has the column, its
// 街道/镇 by 所属街道 (or both in one cell: "江滨街道/新村社区", "江滨街道 新村社区").
// The rule: a name held by one 社区/村 matches it, as before; a name held by
// several needs the street, and without one — or with a street that holds none
// of them (a misspelt 江宾街道) — the row is refused with the streets named:
// never a guess. A unique name under another street than the one written is
// still that 社区/村 (as before the column existed), with a warning: the
// wizard's 新建 puts unknown 社区 under the one street picked, so refusing would
// turn its own work away. The re-import exception (the stored unit kept) is the
// storage's: it needs the person's stored unit. Pure: the caller passes the candidates.
#pragma once

#include "core/model.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::roster {

// A 社区/村 of the tree with the name looked for, and its parent (a 街道/镇).
struct CommunityCandidate {
    RowId id = 0;
    RowId streetId = 0;
    std::string streetName;
};

enum class UnitVerdict {
    Found,          // `id` is the 社区/村
    Unknown,        // no 社区/村 of that name (imported without a unit, as before)
    Ambiguous,      // several, and no street (or a street holding several) tells which
    NotInStreet,    // a street was given and holds no 社区/村 of that name
};

struct UnitMatch {
    UnitVerdict verdict = UnitVerdict::Unknown;
    RowId id = 0;
    std::vector<RowId> candidates;       // Ambiguous: the 社区/村 it could be
    std::vector<std::string> streets;    // Ambiguous / NotInStreet / streetDiffers: the streets holding the name,
                                         // distinct, in order
    bool streetDiffers = false;          // Found: the only 社区/村 of the name, in another street than written
};

// A street name without its ending, for comparing what rosters write with the
// tree: 江滨街道办事处, 江滨街道办, 江滨街道 → 江滨; 城关镇 → 城关; 白沙乡 → 白沙.
// A name that is only an ending stays as it is.
std::string streetNameKey(std::string_view name);

// Decides among `candidates` (every 社区/村 named as the row's 所属社区) with
// the row's street (empty: not given). Streets compare by streetNameKey.
UnitMatch matchCommunity(const std::vector<CommunityCandidate>& candidates, std::string_view street);

// 所属社区 text that carries its street: "江滨街道/新村社区" (also ／ \ |) → 江滨街道 +
// 新村社区; without a separator (the validator drops spaces, so "江滨街道 新村社区"
// arrives as 江滨街道新村社区) it splits after the longest prefix that
// `isStreet` accepts when `isCommunity` accepts the rest. Nothing → false.
bool splitStreetAndCommunity(std::string_view text, const std::function<bool(std::string_view)>& isStreet,
                             const std::function<bool(std::string_view)>& isCommunity, std::string& street,
                             std::string& community);

// The Chinese messages of the import (problem list and preview). `beforeWriting`:
// a check (本行不会导入) rather than the import (本行未导入). `unitColumn`: the
// column the 社区 is written in as the fix names it (所属社区 in rosters, the
// record file's own 单位 header); `streetColumn`: the sheet already has 所属街道
// (the fix is to fill it in, not to add it).
std::string ambiguousUnitMessage(std::string_view community, const std::vector<std::string>& streets,
                                 bool beforeWriting, std::string_view unitColumn = "所属社区",
                                 bool streetColumn = false);
std::string unitNotInStreetMessage(std::string_view street, std::string_view community,
                                   const std::vector<std::string>& streets, bool beforeWriting,
                                   std::string_view unitColumn = "所属社区");
// The warning once a name's rows kept their stored 社区/村 (people, or households: `families`).
std::string unitKeptMessage(std::string_view community, const std::vector<std::string>& streets, bool families);
// The warning for a unique name placed although the roster wrote another street.
std::string streetDiffersMessage(std::string_view street, std::string_view community, std::string_view storedStreet);

// What a match leaves on its row's problem list: nothing (found, or Unknown —
// the caller's rule: rosters import without a unit, records refuse), a refusal
// (unit_ambiguous, unit_not_in_street: the row is not written) or the
// unit_street_differs warning (the row is written). One wording for every import.
struct UnitMatchNote {
    const char* code = nullptr;   // nullptr: nothing to say
    bool refused = false;
    bool aboutStreet = false;     // the problem is the street's (its column), not the 社区's
    std::string message;
};
UnitMatchNote unitMatchNote(const UnitMatch& match, std::string_view community, std::string_view street,
                            bool beforeWriting, std::string_view unitColumn = "所属社区", bool streetColumn = false);

} // namespace jinguo::roster
