// board_summary_check.hpp — the boards' summary tables (migration 0022)
// against their definition, written here on its own: the dated_hours view of
// 0010 grouped by person and period key, distinct activities counted by SQL.
#pragma once

#include "storage/storage.hpp"

#include <doctest/doctest.h>

#include <cstdint>

namespace jinguo::test {

// Rows of board_person_period that differ from the definition, both ways.
// Hours compare to 1e-6: the triggers add and subtract, the definition sums.
// In forms both engines take (sum, named derived tables).
inline constexpr const char* kSummaryMismatchSql = R"(
    WITH def(period, person_id, hours, activities, items) AS (
        SELECT 'all', person_id, coalesce(sum(hours), 0.0), count(DISTINCT activity_id), count(*) FROM dated_hours GROUP BY 1, 2
        UNION ALL
        SELECT substr(served_on, 1, 4), person_id, coalesce(sum(hours), 0.0), count(DISTINCT activity_id), count(*)
        FROM dated_hours GROUP BY 1, 2
        UNION ALL
        SELECT substr(served_on, 1, 4) || 'Q' || ((CAST(substr(served_on, 6, 2) AS INTEGER) + 2) / 3), person_id,
               coalesce(sum(hours), 0.0), count(DISTINCT activity_id), count(*)
        FROM dated_hours GROUP BY 1, 2
        UNION ALL
        SELECT substr(served_on, 1, 7), person_id, coalesce(sum(hours), 0.0), count(DISTINCT activity_id), count(*)
        FROM dated_hours GROUP BY 1, 2)
    SELECT (SELECT count(*) FROM def d LEFT JOIN board_person_period b
                ON b.period = d.period AND b.person_id = d.person_id
            WHERE b.person_id IS NULL OR abs(b.hours - d.hours) > 1e-6 OR b.activities <> d.activities
               OR b.items <> d.items)
         + (SELECT count(*) FROM board_person_period b LEFT JOIN def d
                ON b.period = d.period AND b.person_id = d.person_id
            WHERE d.person_id IS NULL)
         + (SELECT count(*) FROM (
                SELECT person_id, activity_id, substr(served_on, 1, 7), count(*) FROM service_record
                WHERE verified = 1 AND activity_id IS NOT NULL GROUP BY 1, 2, 3
                EXCEPT SELECT person_id, activity_id, month, records FROM board_person_activity_month) AS missing)
         + (SELECT count(*) FROM (
                SELECT person_id, activity_id, month, records FROM board_person_activity_month
                EXCEPT SELECT person_id, activity_id, substr(served_on, 1, 7), count(*) FROM service_record
                WHERE verified = 1 AND activity_id IS NOT NULL GROUP BY 1, 2, 3) AS extra))";

inline std::int64_t summaryMismatches(storage::Storage& s) {
    storage::Statement st = s.db().prepare(kSummaryMismatchSql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

} // namespace jinguo::test
