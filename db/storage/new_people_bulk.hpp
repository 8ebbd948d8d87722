// new_people_bulk.hpp — what person's per-row insert triggers write, written
// set-based for many new people at once (issue 17, imports into a big file).
//
// Three AFTER INSERT triggers on person keep summaries and badge marks:
// unit_person_tally (0030), unit_period_hours (0030) and badge_dirty (0036).
// Per row they cost an import of 166,000 people into the 1M database ~4.8 s
// of CPU against 1.6 s for the inserts alone (sqlite3 shell, same run):
// badge_dirty's person and team marks are each deleted and written again
// for every person (+3.4 s), unit_period_hours' lookup of the new person's
// board rows skip-scans the 51 periods of a 9M-row board_person_period
// (+0.9 s; nothing is ever found for a new person), and the tally's upsert
// (+0.35 s). A writer of many people (the roster import, from
// kSetBasedMinimumPeople people) suspends them with person_list's insert
// trigger (storage/person_list_bulk.hpp) and calls writeNewPeopleSummaries
// afterwards: one grouped statement per table, the figures the triggers'
// (tests/storage_new_people_bulk_test.cpp compares both ways).
#pragma once

#include "storage/database.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::storage {

// The triggers writeNewPeopleSummaries stands in for.
extern const std::vector<std::string> kNewPersonSummaryTriggers;

// For the people with ids in (after, upTo], inserted while
// kNewPersonSummaryTriggers were suspended and not written to since (no
// record, credit or update of theirs in between — the import's window):
// their unit_person_tally and unit_period_hours shares and their badge
// marks ('person' marks, the team mark when a volunteer is among them, the
// 'unit_year' marks of volunteers targets they count for). Inside the
// caller's transaction (throws StorageError outside one).
void writeNewPeopleSummaries(Database& db, std::int64_t after, std::int64_t upTo);

} // namespace jinguo::storage
