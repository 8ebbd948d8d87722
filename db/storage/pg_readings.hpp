// pg_readings.hpp — the app's pinyin readings on a PostgreSQL server.
//
// SQLite calls the app's own functions (sql_functions.cpp) for pinyin,
// initials and grams; PostgreSQL cannot call the app, so the app gives the
// server each character's readings as data (table pinyin_reading, PG
// migration 0045) and the server's jinguo_pinyin/jinguo_initials assemble
// them as PinyinIndex::keysFor does. One definition of a reading: ICU
// through app/core/pinyin, written here.
#pragma once

#include <string>

namespace jinguo::storage {

class PgDatabase;

// True when the server's readings were not written from this app's
// reading set (readingSetVersion()): never written, or by a Jinguo with
// another ICU or surname table.
bool pinyinReadingsStale(PgDatabase& db);
// Replaces pinyin_reading with this app's readings and records the set's
// version, in the caller's transaction (the owner's rights). The readings
// are computed once per process (~100,000 Han code points through ICU).
void writePinyinReadings(PgDatabase& db);

} // namespace jinguo::storage
