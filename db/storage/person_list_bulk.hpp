// person_list_bulk.hpp — person_list and what hangs off it (person_search,
// person_gram, person_gram_count) written set-based for many people at once.
//
// Migrations 0020 and 0026 keep these tables by triggers, one person at a
// time: each new person's ~20 grams go to random places of person_gram, the
// biggest index of the file (837 MiB at 1M people), so in a big database
// every person dirties pages all over it and the cache spills them again and
// again. Writers of many people (a roster import, the refill after an
// upgrade) suspend those triggers inside their own transaction and write the
// rows with one statement per table instead, the grams in key order: each
// page of person_gram is touched once. The figures equal the triggers' (the
// same view and the same jinguo_grams; tests/storage_person_list_bulk_test.cpp
// compares them with a person-by-person fill).
#pragma once

#include "storage/database.hpp"

#include <string>
#include <vector>

namespace jinguo::storage {

// Drops the named triggers inside the caller's transaction and creates them
// again from their stored SQL on restore() (or destruction, if still
// suspended). The drop and the re-creation commit together, so no other
// connection ever sees them missing, and a rollback brings them back too
// (restore() then finds them in place and does nothing).
class SuspendedTriggers {
public:
    SuspendedTriggers(Database& db, const std::vector<std::string>& names);
    ~SuspendedTriggers();
    SuspendedTriggers(const SuspendedTriggers&) = delete;
    SuspendedTriggers& operator=(const SuspendedTriggers&) = delete;
    void restore();

private:
    Database& m_db;
    std::vector<std::pair<std::string, std::string>> m_dropped;   // name, CREATE TRIGGER sql
};

// The trigger that writes a new person's person_list row, one by one (0020).
extern const char* const kPersonListInsertTrigger;

// Writes person_list, person_search, person_gram and person_gram_count for
// the people with ids in (after, upTo] (people inserted while
// kPersonListInsertTrigger was suspended; a row one of them got meanwhile
// from the update triggers is written again), set-based. Inside the
// caller's transaction (throws StorageError outside one). Returns the
// person_list rows written.
std::int64_t fillNewPeople(Database& db, std::int64_t after, std::int64_t upTo);

// Removes the person_list, person_search, person_gram and person_gram_count
// rows of the people of an import batch (person.import_batch_id = batch)
// set-based, the grams in key order, before the people themselves are
// deleted (whose per-row triggers then find nothing left to do): the undo
// of a 200,000-person batch in a big file. Inside the caller's transaction.
// Returns the person_list rows removed.
std::int64_t removeBatchPeopleFromList(Database& db, std::int64_t batch);

// Empties person_list, person_search, person_gram and person_gram_count
// without firing the per-row triggers (the refill after an ICU upgrade).
// Inside the caller's transaction.
void clearPersonList(Database& db);

// person_list and person_search rows for the people with ids in (after, upTo],
// without their grams (fillAllGrams writes them afterwards).
// Inside the caller's transaction.
std::int64_t fillPersonListRowsWithoutGrams(Database& db, std::int64_t after, std::int64_t upTo);
// person_gram and person_gram_count for every volunteer of person_list, in
// key order, into empty tables (after fillPersonListRowsWithoutGrams).
void fillAllGrams(Database& db);

} // namespace jinguo::storage
