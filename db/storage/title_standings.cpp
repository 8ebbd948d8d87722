// title_standings.cpp — see title_standings.hpp.
#include "storage/title_standings.hpp"

#include "storage/kinds_sql.hpp"
#include "storage/title_standing_sql.hpp"

#include <cmath>
#include <cstdlib>

namespace jinguo::storage {

int graceMonths(Storage& storage) {
    auto st = storage.db().cached("SELECT value FROM setting WHERE key = ?");
    st.bind(1, kGraceMonthsKey);
    int months = kDefaultGraceMonths;
    // The SQL twin reads CAST(value AS INTEGER): the same number here.
    if (st.step()) months = static_cast<int>(std::strtol(st.columnText(0).c_str(), nullptr, 10));
    st.reset();
    return months;
}

std::string sqlTitleLifeColumns(std::string_view day) {
    const std::string d(day);
    return withWords("a.status, a.year, t.valid_years,"
                     " max(CASE WHEN e.status = {named} THEN e.happened_on END),"
                     " max(CASE WHEN e.status = {reviewed} AND e.happened_on <= " + d + " THEN e.happened_on END)");
}

TitleLife readTitleLife(const Statement& st, int first, int graceMonths) {
    TitleLife life;
    life.status = parseAwardStatus(st.columnText(first)).value_or(AwardStatus::Apply);
    life.year = static_cast<int>(st.columnInt(first + 1));
    if (!st.columnIsNull(first + 2)) life.validYears = static_cast<int>(st.columnInt(first + 2));
    life.graceMonths = graceMonths;
    if (!st.columnIsNull(first + 3)) life.events.push_back({AwardStatus::Name, st.columnText(first + 3)});
    if (!st.columnIsNull(first + 4)) life.events.push_back({AwardStatus::Review, st.columnText(first + 4)});
    return life;
}

std::unordered_map<RowId, TitleStandingDetail> familyTitleStandings(Storage& storage, std::string_view day,
                                                                    RowId familyId) {
    const int grace = graceMonths(storage);
    // The latest 命名 and the latest 复核 on or before the day are all the
    // rule reads of a history.
    // One family's: on award_family (an "?2 = 0 OR" would make it a scan of every award).
    Statement st = storage.db().prepare("SELECT a.id, " + sqlTitleLifeColumns("?1") +
                                        " FROM award a JOIN award_title t ON t.id = a.title_id"
                                        " LEFT JOIN award_event e ON e.award_id = a.id WHERE " +
                                        std::string(familyId == 0 ? "a.family_id IS NOT NULL" : "a.family_id = ?2") +
                                        " GROUP BY a.id, t.id");   // t.id: PostgreSQL then takes t.valid_years
    st.bind(1, day);
    if (familyId != 0) st.bind(2, familyId);
    std::unordered_map<RowId, TitleStandingDetail> out;
    while (st.step()) out.emplace(st.columnInt(0), titleStandingDetailOn(readTitleLife(st, 1, grace), day));
    return out;
}

} // namespace jinguo::storage
