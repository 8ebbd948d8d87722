// title_standings.hpp — where stored titles stand on a day (有效, 待复核,
// 已过期 …), for lists that show it (家庭). Each award's history is read in
// one grouped query and judged by core/title_standing.hpp's rule itself; the
// counting queries use its SQL twin (title_standing_sql.hpp) instead.
#pragma once

#include "core/model.hpp"
#include "core/title_standing.hpp"
#include "storage/storage.hpp"

#include <string_view>
#include <unordered_map>

namespace jinguo::storage {

// The grace in months the region set (titles.grace_months), else the default.
int graceMonths(Storage& storage);

// The standing on `day` (YYYY-MM-DD) of every family title, or of one
// family's titles when `familyId` is not 0; keyed by award id.
std::unordered_map<RowId, TitleStandingDetail> familyTitleStandings(Storage& storage, std::string_view day,
                                                                    RowId familyId = 0);

} // namespace jinguo::storage
