// event_days.hpp — day arithmetic for test fixtures, in C++ so the same
// writes run on both engines (SQLite's date(d, '+N days') has no common SQL
// form). A day the core cannot read (2025-13-40) is left as written.
#pragma once

#include "core/periods.hpp"
#include "core/text.hpp"
#include "storage/storage.hpp"

#include <string>
#include <utility>
#include <vector>

namespace jinguo::test {

// `day` moved by `days`, or "" when it is not a real YYYY-MM-DD.
inline std::string shiftedDay(const std::string& day, long days) {
    const auto d = isIsoDate(day) ? parseDate(day) : std::nullopt;
    return d ? formatDate(addDays(*d, days)) : std::string();
}

// Moves happened_on of the award events whose id is a multiple of `every` by `days`.
inline void shiftEventDays(storage::Storage& s, int every, long days) {
    std::vector<std::pair<std::int64_t, std::string>> rows;
    {
        storage::Statement st = s.db().prepare("SELECT id, happened_on FROM award_event WHERE id % ? = 0");
        st.bind(1, every);
        while (st.step()) rows.emplace_back(st.columnInt(0), st.columnText(1));
    }
    storage::Statement update = s.db().prepare("UPDATE award_event SET happened_on = ? WHERE id = ?");
    for (const auto& [id, day] : rows) {
        const std::string moved = shiftedDay(day, days);
        if (moved.empty()) continue;
        update.reset();
        update.bind(1, moved).bind(2, id);
        update.run();
    }
}

// SQLite's UPDATE OR IGNORE of award, in SQL both engines run: rows whose
// move would hit award_*_once (a holder's title of a year, once) are left.
// Awards whose id is a multiple of `every` move a year back …
inline void moveAwardsYearBack(storage::Storage& s, int every) {
    s.db().exec("UPDATE award SET year = year - 1 WHERE id % " + std::to_string(every) + " = 0 AND NOT EXISTS ("
                "SELECT 1 FROM award b WHERE b.title_id = award.title_id AND b.year = award.year - 1"
                " AND (b.family_id = award.family_id OR b.person_id = award.person_id OR b.post_id = award.post_id))");
}
// … family awards to the first family title (one award per household and year) …
inline void moveFamilyAwardsToFirstTitle(storage::Storage& s, int every) {
    const std::string e = std::to_string(every);
    const std::string first = "(SELECT min(id) FROM award_title WHERE subject_kind = 'family')";
    s.db().exec("UPDATE award SET title_id = " + first + " WHERE id % " + e + " = 0 AND family_id IS NOT NULL"
                " AND NOT EXISTS (SELECT 1 FROM award b WHERE b.title_id = " + first +
                "                 AND b.year = award.year AND b.family_id = award.family_id)"
                " AND id = (SELECT min(c.id) FROM award c WHERE c.id % " + e +
                " = 0 AND c.year = award.year AND c.family_id = award.family_id)");
}
// … or to the next household id.
inline void moveFamilyAwardsToNextHousehold(storage::Storage& s, int every) {
    s.db().exec("UPDATE award SET family_id = family_id + 1 WHERE id % " + std::to_string(every) +
                " = 0 AND family_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM award b WHERE b.title_id = award.title_id"
                " AND b.year = award.year AND b.family_id = award.family_id + 1)");
}

} // namespace jinguo::test
