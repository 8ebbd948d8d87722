// title_summaries.cpp — creation-rate numerators from family_title_held_step
// (migration 0032), with the held ranges as the reference.
#include "storage/title_summaries.hpp"

#include "storage/title_standing_sql.hpp"

#include "core/periods.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace jinguo::storage {

bool stepSummaryAnswers(Database&, const std::string& day) {
    if (day == "0") return true;   // no previous period: every change's bucket sorts after it, as its day does
    // A real YYYY-MM-DD that is its month's last day (in C++: no date SQL to write twice).
    const std::optional<Date> d = isIsoDate(day) ? parseDate(day) : std::nullopt;
    return d && d->day == daysInMonth(d->year, d->month);
}

std::unordered_map<RowId, HeldOnTwoDays> familiesHoldingPerUnitFromSpans(Database& db, const std::string& titleName,
                                                                          RowId titleId, const std::string& dayA,
                                                                          const std::string& dayB) {
    Statement st = db.prepare(R"(
        SELECT unit_id, count(DISTINCT CASE WHEN )" + sqlSpanHeldOn("?1") + R"( THEN family_id END),
               count(DISTINCT CASE WHEN )" + sqlSpanHeldOn("?2") + R"( THEN family_id END)
        FROM award_held_span
        WHERE title_id IN (SELECT id FROM award_title
                           WHERE subject_kind = 'family' AND (CASE WHEN ?4 <> 0 THEN id = ?4 ELSE name = ?3 END))
          AND family_id IS NOT NULL AND unit_id IS NOT NULL AND held_from <= )" + db.dialect().greaterOf("?1", "?2") + R"(
        GROUP BY unit_id)");
    st.bind(1, dayA).bind(2, dayB).bind(3, titleName).bind(4, titleId);
    std::unordered_map<RowId, HeldOnTwoDays> out;
    while (st.step())
        if (st.columnInt(1) != 0 || st.columnInt(2) != 0)
            out[st.columnInt(0)] = {st.columnDouble(1), st.columnDouble(2)};
    return out;
}

std::unordered_map<RowId, HeldOnTwoDays> familiesHoldingPerUnit(Database& db, const std::string& titleName,
                                                                 RowId titleId, const std::string& dayA,
                                                                 const std::string& dayB) {
    if (!stepSummaryAnswers(db, dayA) || !stepSummaryAnswers(db, dayB))
        return familiesHoldingPerUnitFromSpans(db, titleName, titleId, dayA, dayB);
    // One title's rows carry its own name; any level is keyed by the name.
    Statement st = db.prepare(R"(
        SELECT unit_id, coalesce(sum(CASE WHEN day <= ?1 THEN families END), 0.0), coalesce(sum(CASE WHEN day <= ?2 THEN families END), 0.0)
        FROM family_title_held_step
        WHERE title_name = CASE WHEN ?4 <> 0 THEN (SELECT name FROM award_title WHERE id = ?4 AND subject_kind = 'family')
                                ELSE ?3 END
          AND title_id = ?4 AND day <= ?5
        GROUP BY unit_id)");
    // The later day, as text (SQLite's scalar max; PostgreSQL has greatest).
    st.bind(1, dayA).bind(2, dayB).bind(3, titleName).bind(4, titleId).bind(5, std::max(dayA, dayB));
    std::unordered_map<RowId, HeldOnTwoDays> out;
    while (st.step())
        if (st.columnDouble(1) != 0 || st.columnDouble(2) != 0)
            out[st.columnInt(0)] = {st.columnDouble(1), st.columnDouble(2)};
    return out;
}

std::unordered_map<std::string, std::unordered_map<RowId, double>> familiesHoldingPerNameAndUnit(
    Database& db, const std::string& day) {
    const bool summary = stepSummaryAnswers(db, day);
    Statement st = summary ? db.prepare(R"(
        SELECT title_name, unit_id, coalesce(sum(families), 0.0) FROM family_title_held_step
        WHERE title_id = 0 AND day <= ?1 GROUP BY title_name, unit_id)")
                           : db.prepare(R"(
        SELECT t.name, s.unit_id, count(DISTINCT s.family_id)
        FROM award_held_span s JOIN award_title t ON t.id = s.title_id
        WHERE t.subject_kind = 'family' AND s.family_id IS NOT NULL AND s.unit_id IS NOT NULL
          AND )" + sqlSpanHeldOn("?1") + R"(
        GROUP BY t.name, s.unit_id)");
    st.bind(1, day);
    std::unordered_map<std::string, std::unordered_map<RowId, double>> out;
    while (st.step())
        if (st.columnDouble(2) != 0) out[st.columnText(0)][st.columnInt(1)] = st.columnDouble(2);
    return out;
}

} // namespace jinguo::storage
