// kinds_sql.hpp — the unit kinds of a tier as an SQL list, from the
// vocabulary's constant words (core/vocabulary.hpp), never from user text.
#pragma once

#include "core/vocabulary.hpp"

#include <string>

namespace jinguo::storage {

// "('街道', '镇')" for UnitTier::Street, for `kind IN …`.
inline std::string sqlKindsOf(UnitTier tier) {
    std::string list;
    for (const UnitKindInfo& k : kUnitKinds)
        if (k.tier == tier) list += (list.empty() ? "'" : ", '") + std::string(k.stored) + "'";
    return "(" + list + ")";
}

} // namespace jinguo::storage
