// pg_schema.cpp — applies db/migrations_pg to a PostgreSQL database.
#include "storage/pg_schema.hpp"

#include "storage/pg_connection.hpp"
#include "storage/pg_readings.hpp"

#include <string>

namespace jinguo::storage {

namespace {
// pg_advisory_xact_lock's key: "jinguo" read as a number, any constant will
// do as long as every Jinguo uses the same one.
constexpr const char* kMigrationLockKey = "6a696e67756f";

bool schemaVersionTableExists(PgDatabase& db) {
    auto st = db.prepare("SELECT to_regclass('schema_version') IS NOT NULL");
    return st.step() && st.columnInt(0) == 1;
}
} // namespace

int latestPgSchemaVersion() {
    const auto& all = embeddedPgMigrations();
    return all.empty() ? 0 : all.back().version;
}

int pgSchemaVersion(PgDatabase& db) {
    if (!schemaVersionTableExists(db)) return 0;
    auto st = db.prepare("SELECT version FROM schema_version");
    return st.step() ? static_cast<int>(st.columnInt(0)) : 0;
}

int migratePgDatabase(PgDatabase& db, int upTo) { return migratePgDatabase(db, embeddedPgMigrations(), upTo); }

int migratePgDatabase(PgDatabase& db, const std::vector<Migration>& migrations, int upTo) {
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (upTo <= 0) upTo = latest;
    PgTransaction tx(db);
    db.exec(std::string("SELECT pg_advisory_xact_lock(x'") + kMigrationLockKey + "'::bigint)");
    const int version = pgSchemaVersion(db);
    if (version > latest) {
        throw StorageError("服务器上的数据库“" + db.description() + "”由更新版本的Jinguo创建（结构版本"
                           + std::to_string(version) + "，本程序只认识到" + std::to_string(latest)
                           + "）。为避免损坏数据，已停止，数据库未做任何修改。请升级Jinguo后再连接。");
    }
    if (version == 0) {
        auto st = db.prepare("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p')");
        if (st.step() && st.columnInt(0) > 0)
            throw StorageError("服务器上的数据库“" + db.description()
                               + "”已有其他数据表，不是Jinguo数据库，也不是空库。为免混入，已停止，未做任何修改。"
                                 "请为Jinguo新建一个空数据库。");
        db.exec("CREATE TABLE schema_version ("
                "  \"only\" bigint PRIMARY KEY DEFAULT 1 CHECK (\"only\" = 1),"
                "  version bigint NOT NULL,"
                "  applied_at text NOT NULL DEFAULT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))");
        db.exec("INSERT INTO schema_version (version) VALUES (0)");
    }
    int applied = 0, reached = version;
    for (const Migration& m : migrations) {
        if (m.version <= version || m.version > upTo) continue;
        try {
            db.exec(m.sql);
        } catch (const StorageError& e) {
            throw StorageError("服务器数据库结构升级（" + std::string(m.name) + "）失败，已全部撤回，数据库未做修改："
                               + std::string(e.what()));
        }
        reached = m.version;
        ++applied;
    }
    // The readings the server's pinyin functions read (0045 made the table):
    // written with the migration that makes it, and again when this app's
    // reading set differs from the one written.
    auto readingsTable = db.prepare("SELECT to_regclass('pinyin_reading') IS NOT NULL");
    const bool refill = readingsTable.step() && readingsTable.columnInt(0) == 1 && pinyinReadingsStale(db);
    if (applied == 0 && !refill) return 0;   // the transaction rolls back: nothing was written
    if (refill) writePinyinReadings(db);
    if (applied > 0) {
        auto st = db.prepare("UPDATE schema_version SET version = ?, applied_at = DEFAULT");
        st.bind(1, reached);
        st.run();
    }
    tx.commit();
    return applied;
}

} // namespace jinguo::storage
