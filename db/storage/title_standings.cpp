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

std::unordered_map<RowId, TitleStandingDetail> familyTitleStandings(Storage& storage, std::string_view day,
                                                                    RowId familyId) {
    const int grace = graceMonths(storage);
    // The latest 命名 and the latest 复核 on or before the day are all the
    // rule reads of a history.
    Statement st = storage.db().prepare(withWords(R"(
        SELECT a.id, a.status, a.year, t.valid_years,
               max(CASE WHEN e.status = {named} THEN e.happened_on END),
               max(CASE WHEN e.status = {reviewed} AND e.happened_on <= ?1 THEN e.happened_on END)
        FROM award a JOIN award_title t ON t.id = a.title_id
        LEFT JOIN award_event e ON e.award_id = a.id
        WHERE a.family_id IS NOT NULL AND (?2 = 0 OR a.family_id = ?2)
        GROUP BY a.id)"));
    st.bind(1, day).bind(2, familyId);
    std::unordered_map<RowId, TitleStandingDetail> out;
    while (st.step()) {
        TitleLife life;
        life.status = parseAwardStatus(st.columnText(1)).value_or(AwardStatus::Apply);
        life.year = static_cast<int>(st.columnInt(2));
        if (!st.columnIsNull(3)) life.validYears = static_cast<int>(st.columnInt(3));
        life.graceMonths = grace;
        if (!st.columnIsNull(4)) life.events.push_back({AwardStatus::Name, st.columnText(4)});
        if (!st.columnIsNull(5)) life.events.push_back({AwardStatus::Review, st.columnText(5)});
        out.emplace(st.columnInt(0), titleStandingDetailOn(life, day));
    }
    return out;
}

} // namespace jinguo::storage
