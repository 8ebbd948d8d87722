// unit_summary_check.hpp — the per-unit summaries of migration 0030
// (unit_period_hours, unit_person_tally) against their definition written
// here on its own, shared by the tests of every path that writes people.
#pragma once

#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

namespace jinguo::test {

// Rows of the two summaries that differ from the definition, both ways. The
// definition: dated_hours (0010) per person and period key, then per her
// current unit; people per unit, volunteer flag and joining year.
// In forms both engines take (sum, coalesce, the dialect's day test).
inline std::string unitSummaryMismatchSql(const storage::SqlDialect& dialect) {
    return R"(
    WITH per(period, person_id, hours) AS (
        SELECT 'all', person_id, coalesce(sum(hours), 0.0) FROM dated_hours GROUP BY 2
        UNION ALL SELECT substr(served_on, 1, 4), person_id, coalesce(sum(hours), 0.0) FROM dated_hours GROUP BY 1, 2
        UNION ALL SELECT substr(served_on, 1, 7), person_id, coalesce(sum(hours), 0.0) FROM dated_hours GROUP BY 1, 2),
    def(period, unit_id, hours, people, volunteers) AS (
        SELECT per.period, coalesce(p.unit_id, 0), coalesce(sum(per.hours), 0.0), count(*), coalesce(sum(p.is_volunteer), 0)
        FROM per JOIN person p ON p.id = per.person_id GROUP BY 1, 2),
    tally(unit_id, is_volunteer, joined_key, people, roster_hours) AS (
        SELECT coalesce(unit_id, 0), is_volunteer,
               CASE WHEN joined_on IS NULL THEN ''
                    WHEN )" + dialect.startsWithIsoDay("joined_on") + R"( AND substr(joined_on, 6, 5) >= '01-01'
                        THEN substr(joined_on, 1, 4) || '-01-01'
                    ELSE joined_on END,
               count(*), coalesce(sum(roster_hours), 0.0)
        FROM person GROUP BY 1, 2, 3)
    SELECT (SELECT count(*) FROM def d LEFT JOIN unit_period_hours u ON u.period = d.period AND u.unit_id = d.unit_id
            WHERE u.unit_id IS NULL OR abs(u.hours - d.hours) > 1e-6 OR u.people <> d.people
               OR u.volunteers <> d.volunteers)
         + (SELECT count(*) FROM unit_period_hours u LEFT JOIN def d ON u.period = d.period AND u.unit_id = d.unit_id
            WHERE d.unit_id IS NULL)
         + (SELECT count(*) FROM tally t LEFT JOIN unit_person_tally u
                ON u.unit_id = t.unit_id AND u.is_volunteer = t.is_volunteer AND u.joined_key = t.joined_key
            WHERE u.unit_id IS NULL OR u.people <> t.people OR abs(u.roster_hours - t.roster_hours) > 1e-6)
         + (SELECT count(*) FROM unit_person_tally u LEFT JOIN tally t
                ON u.unit_id = t.unit_id AND u.is_volunteer = t.is_volunteer AND u.joined_key = t.joined_key
            WHERE t.unit_id IS NULL))";
}

// Migration 0038's unit_day_hours (the badges' unit hours) against the
// verified records per day and the person's current unit, both ways.
inline constexpr const char* kUnitDayHoursMismatchSql = R"(
    WITH def(day, unit_id, hours, records) AS (
        SELECT substr(r.served_on, 1, 10), p.unit_id, coalesce(sum(r.hours), 0.0), count(*)
        FROM service_record r JOIN person p ON p.id = r.person_id
        WHERE r.verified = 1 AND p.unit_id IS NOT NULL GROUP BY 1, 2)
    SELECT (SELECT count(*) FROM def d LEFT JOIN unit_day_hours u ON u.day = d.day AND u.unit_id = d.unit_id
            WHERE u.unit_id IS NULL OR abs(u.hours - d.hours) > 1e-6 OR u.records <> d.records)
         + (SELECT count(*) FROM unit_day_hours u LEFT JOIN def d ON u.day = d.day AND u.unit_id = d.unit_id
            WHERE d.unit_id IS NULL))";

inline std::int64_t unitDayHoursMismatches(storage::Storage& s) {
    storage::Statement st = s.db().prepare(kUnitDayHoursMismatchSql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Both checks: every test of a path that writes people or records checks
// unit_day_hours too.
inline std::int64_t unitSummaryMismatches(storage::Storage& s) {
    storage::Statement st = s.db().prepare(unitSummaryMismatchSql(s.db().dialect()));
    REQUIRE(st.step());
    const std::int64_t dayHours = unitDayHoursMismatches(s);
    CHECK(dayHours == 0);
    return st.columnInt(0) + dayHours;
}

} // namespace jinguo::test
