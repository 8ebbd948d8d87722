// new_people_bulk.cpp — person's insert triggers written set-based (see
// new_people_bulk.hpp). Each statement is its trigger's, grouped over the
// range instead of run once per NEW row.
#include "storage/new_people_bulk.hpp"
#include "storage/sql_dialect.hpp"

namespace jinguo::storage {

const std::vector<std::string> kNewPersonSummaryTriggers = {"unit_tally_person_insert", "unit_hours_person_insert",
                                                            "badge_dirty_person_insert"};

namespace {

// 0030's unit_tally_person_insert: one share per (unit, volunteer, joining year).
std::string tallySql(const SqlDialect& dialect) {
    return R"(
    INSERT INTO unit_person_tally (unit_id, is_volunteer, joined_key, people, roster_hours)
        SELECT coalesce(unit_id, 0), is_volunteer,
               CASE WHEN joined_on IS NULL THEN ''
                    WHEN )" + dialect.startsWithIsoDay("joined_on") + R"( AND substr(joined_on, 6, 5) >= '01-01'
                        THEN substr(joined_on, 1, 4) || '-01-01'
                    ELSE joined_on END,
               count(*), coalesce(sum(roster_hours), 0.0)
        FROM person WHERE id > ?1 AND id <= ?2
        GROUP BY 1, 2, 3
        ON CONFLICT DO UPDATE SET people = unit_person_tally.people + excluded.people,
                                  roster_hours = unit_person_tally.roster_hours + excluded.roster_hours)";
}

// 0030's unit_hours_person_insert: the new people's board rows (none, unless
// a row outlived a person whose id came back) counted for their units. Driven
// by board_person_period's key range (one seek per period for the whole
// range, where the trigger skip-scanned every period for every person).
constexpr const char* kUnitHours = R"(
    INSERT INTO unit_period_hours (period, unit_id, hours, people, volunteers)
        SELECT b.period, coalesce(p.unit_id, 0), coalesce(sum(b.hours), 0.0), count(*), sum(p.is_volunteer)
        FROM board_person_period b CROSS JOIN person p ON p.id = b.person_id
        WHERE b.person_id > ?1 AND b.person_id <= ?2 AND instr(b.period, 'Q') = 0 AND b.period IN (
            SELECT 'all' UNION SELECT substr(served_on, 1, 4) FROM service_record WHERE person_id = p.id
            UNION SELECT substr(served_on, 1, 7) FROM service_record WHERE person_id = p.id
            UNION SELECT substr(credited_on, 1, 4) FROM roster_credit WHERE person_id = p.id
            UNION SELECT substr(credited_on, 1, 7) FROM roster_credit WHERE person_id = p.id)
        GROUP BY 1, 2
        ON CONFLICT DO UPDATE SET hours = unit_period_hours.hours + excluded.hours,
                                  people = unit_period_hours.people + excluded.people,
                                  volunteers = unit_period_hours.volunteers + excluded.volunteers)";

// 0036's badge_dirty_person_insert: a mark is deleted and written again so
// that it takes a new seq (a running evaluation drains only what it read).
// The team mark and a volunteers target's year once for the range, not once
// a person: a year counts when one of the new volunteers joined before it
// ended (or on an unknown date).
#define JINGUO_NEW_VOLUNTEERS " FROM person p WHERE p.id > ?1 AND p.id <= ?2 AND p.is_volunteer = 1"
#define JINGUO_VOLUNTEER_YEARS                                                                                   \
    "SELECT DISTINCT t.year FROM target t WHERE t.metric = 'volunteers' AND EXISTS (SELECT 1" JINGUO_NEW_VOLUNTEERS \
    " AND (p.joined_on IS NULL OR p.joined_on < (t.year + 1) || '-01-01'))"
constexpr const char* kMarks[] = {
    "DELETE FROM badge_dirty WHERE scope = 'person' AND id > ?1 AND id <= ?2",
    "INSERT INTO badge_dirty (scope, id) SELECT 'person', id FROM person WHERE id > ?1 AND id <= ?2 ORDER BY id",
    "DELETE FROM badge_dirty WHERE scope = 'team' AND id = 0 AND EXISTS (SELECT 1" JINGUO_NEW_VOLUNTEERS ")",
    "INSERT INTO badge_dirty (scope, id) SELECT 'team', 0 WHERE EXISTS (SELECT 1" JINGUO_NEW_VOLUNTEERS ")",
    "DELETE FROM badge_dirty WHERE scope = 'unit_year' AND id IN (" JINGUO_VOLUNTEER_YEARS ")",
    "INSERT INTO badge_dirty (scope, id) SELECT 'unit_year', year FROM (" JINGUO_VOLUNTEER_YEARS " ORDER BY 1)",
};
#undef JINGUO_VOLUNTEER_YEARS
#undef JINGUO_NEW_VOLUNTEERS

void run(Database& db, const std::string& sql, std::int64_t after, std::int64_t upTo) {
    Statement st = db.prepare(sql);
    st.bind(1, after).bind(2, upTo);
    st.run();
}

} // namespace

void writeNewPeopleSummaries(Database& db, std::int64_t after, std::int64_t upTo) {
    if (!db.inTransaction()) throw StorageError("内部错误：批量写入人员汇总必须在事务中进行。");
    if (upTo <= after) return;
    run(db, tallySql(db.dialect()), after, upTo);
    run(db, kUnitHours, after, upTo);
    for (const char* sql : kMarks) run(db, sql, after, upTo);
}

} // namespace jinguo::storage
