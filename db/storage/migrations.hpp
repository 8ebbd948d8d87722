// migrations.hpp — the schema as numbered migrations, applied in order.
//
// The .sql files under db/migrations are embedded at build time
// (db/embed_migrations.cmake). `PRAGMA user_version` records the last one
// applied; a database whose version is newer than the last embedded migration
// was written by a newer Jinguo and is refused untouched.
#pragma once

#include <string>
#include <vector>

namespace jinguo::storage {

class Database;

struct Migration {
    int version;               // NNNN of NNNN_name.sql
    const char* name;
    const char* sql;
};

// All embedded migrations, sorted by version (generated source).
const std::vector<Migration>& embeddedMigrations();

// The schema version this build writes (the last migration's number).
int latestSchemaVersion();

// migrateDatabase, but only up to schema `version`, and without the fills that
// need the latest tables: make_bench_db writes an old file and lets the
// normal open upgrade it, as a user's file is upgraded.
void migrateDatabaseTo(Database& db, int version);

} // namespace jinguo::storage
