// title_standings.hpp — where stored titles stand on a day (有效, 待复核,
// 已过期 …), for lists that show it (家庭). Each award's history is read in
// one grouped query and judged by core/title_standing.hpp's rule itself; the
// counting queries use its SQL twin (title_standing_sql.hpp) instead.
#pragma once

#include "core/model.hpp"
#include "core/title_standing.hpp"
#include "storage/storage.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

namespace jinguo::storage {

// The grace in months the region set (titles.grace_months), else the default.
int graceMonths(Storage& storage);

// What the rule reads of one award, as five columns of a query grouped by
// award and title key (a.id, t.id: PostgreSQL reads t.valid_years only then) over `award a JOIN award_title t … LEFT JOIN award_event e`: the
// status, the year, the validity, the latest 命名 and the latest 复核 on or
// before `day` (a parameter such as "?1").
std::string sqlTitleLifeColumns(std::string_view day);
// Those five columns read back from column `first` on, with the region's grace.
TitleLife readTitleLife(const Statement& st, int first, int graceMonths);

// The standing on `day` (YYYY-MM-DD) of every family title, or of one
// family's titles when `familyId` is not 0; keyed by award id.
std::unordered_map<RowId, TitleStandingDetail> familyTitleStandings(Storage& storage, std::string_view day,
                                                                    RowId familyId = 0);

} // namespace jinguo::storage
