// hours_sql.hpp — SQL pieces for service hours, spelled once.
//
// The definition is the view dated_hours (migration 0010): verified service
// records plus roster credits, each dated. Grouping that view per person makes
// SQLite sort every record (2.6x slower than the records' covering index at
// 1M records), so per-person sums group each arm on its own first. Every use
// is held to the view by tests/storage_hours_agreement_test.cpp.
#pragma once

// (person_id, hours): every dated hour of each person, all time. A person's
// all-time hours are person.roster_hours (history) plus this. (PostgreSQL
// wants the subquery in FROM named.)
#define JINGUO_SQL_DATED_HOURS_BY_PERSON                                                        \
    "(SELECT person_id, coalesce(sum(hours), 0.0) AS hours FROM ("                                           \
    " SELECT person_id, coalesce(sum(hours), 0.0) AS hours FROM service_record WHERE verified = 1 GROUP BY person_id" \
    " UNION ALL SELECT person_id, coalesce(sum(hours), 0.0) FROM roster_credit GROUP BY person_id) AS arms" \
    " GROUP BY person_id)"
