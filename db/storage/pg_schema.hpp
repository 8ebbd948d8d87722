// pg_schema.hpp — the PostgreSQL schema as its own numbered migration set.
//
// db/migrations_pg/NNNN_name.sql are embedded at build time (the generator
// of the SQLite set, db/embed_migrations.cmake). The set starts at 0040, a
// baseline equal to SQLite's schema at version 40; every later migration is
// paired with SQLite's of the same number. The version applied is recorded
// in the table schema_version (PostgreSQL has no user_version); a database
// recording a newer one was made by a newer Jinguo and is refused untouched.
#pragma once

#include "storage/migrations.hpp"   // Migration

#include <vector>

namespace jinguo::storage {

class PgDatabase;

// All embedded PostgreSQL migrations, sorted by version (generated source).
const std::vector<Migration>& embeddedPgMigrations();

// The last embedded PostgreSQL migration's number.
int latestPgSchemaVersion();

// The version recorded in schema_version; 0 when the table is absent.
int pgSchemaVersion(PgDatabase& db);

// Applies the missing migrations up to `upTo` (default: all) in ONE
// transaction, under an advisory lock so two programs starting on one
// server do not both apply them; returns how many were applied (0: nothing
// to do). Refuses with a Chinese StorageError, changing nothing: a newer
// recorded version, or a database without schema_version that already has
// tables (someone else's, or a half-made one).
int migratePgDatabase(PgDatabase& db, int upTo = 0);
// The same with a given set (sorted by version): tests apply a set whose
// last migration fails, to see that nothing of the set is left behind.
int migratePgDatabase(PgDatabase& db, const std::vector<Migration>& migrations, int upTo = 0);

} // namespace jinguo::storage
