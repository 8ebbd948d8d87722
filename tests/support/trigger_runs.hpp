// trigger_runs.hpp — how often named triggers ran on one connection since
// this object was made, on both engines, to tell a set-based path from the
// per-row triggers. SQLite: its statement trace names a trigger's program
// "-- TRIGGER name" whenever it fires (its WHEN true or not); one trace
// callback per connection, so one object counts every name. PostgreSQL: the
// trigger's function keeps the trigger's plain name (db/migrations_pg), and
// track_functions counts its calls (a WHEN false calls nothing) — flushed
// (pg_stat_user_functions) plus this backend's pending counts
// (pg_stat_xact_user_functions, which hold everything not yet flushed).
#pragma once

#include "storage/database.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace jinguo::test {

class TriggerRuns {
public:
    TriggerRuns(storage::Database& db, std::vector<std::string> names) : m_db(db) {
        for (std::string& name : names) m_runs[std::move(name)] = 0;
        if (m_db.isServer()) {
            m_db.exec("SET track_functions = 'all'");   // a superuser's setting: the test cluster's user
            for (auto& [name, runs] : m_runs) runs = -serverCalls(name);
        } else {
            sqlite3_trace_v2(m_db.handle(), SQLITE_TRACE_STMT, &onStatement, this);
        }
    }
    ~TriggerRuns() {
        if (m_db.isServer()) {
            try { m_db.exec("RESET track_functions"); } catch (...) {}   // a failed transaction resets it anyway
        } else {
            sqlite3_trace_v2(m_db.handle(), 0, nullptr, nullptr);
        }
    }
    TriggerRuns(const TriggerRuns&) = delete;
    TriggerRuns& operator=(const TriggerRuns&) = delete;

    std::int64_t of(const std::string& name) {
        const auto it = m_runs.find(name);
        REQUIRE(it != m_runs.end());
        return m_db.isServer() ? it->second + serverCalls(name) : it->second;
    }
    // Counts from now on.
    void restart() {
        for (auto& [name, runs] : m_runs) runs = m_db.isServer() ? -serverCalls(name) : 0;
    }

private:
    std::int64_t serverCalls(const std::string& function) {
        storage::Statement st = m_db.prepare(
            "SELECT coalesce((SELECT calls FROM pg_stat_user_functions WHERE funcname = ?1 AND schemaname = current_schema()), 0)"
            " + coalesce((SELECT calls FROM pg_stat_xact_user_functions WHERE funcname = ?1 AND schemaname = current_schema()), 0)");
        st.bind(1, function);
        REQUIRE(st.step());
        return st.columnInt(0);
    }
    static int onStatement(unsigned, void* self, void*, void* text) {
        auto* r = static_cast<TriggerRuns*>(self);
        const std::string sql = static_cast<const char*>(text);
        if (sql.rfind("-- TRIGGER ", 0) == 0)
            if (const auto it = r->m_runs.find(sql.substr(11)); it != r->m_runs.end()) ++it->second;
        return 0;
    }

    storage::Database& m_db;
    std::map<std::string, std::int64_t> m_runs;   // SQLite: runs; server: minus the calls before
};

// How many of the named triggers are in place and enabled (a set-based writer
// suspends some inside its transaction; they must be back after it).
inline std::int64_t activeTriggers(storage::Database& db, const std::vector<std::string>& names) {
    std::int64_t active = 0;
    storage::Statement st = db.prepare(
        db.isServer() ? "SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
                        " WHERE p.proname = ?1 AND t.tgenabled <> 'D' AND NOT t.tgisinternal"
                      : "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?1");
    for (const std::string& name : names) {
        st.bind(1, name);
        REQUIRE(st.step());
        active += st.columnInt(0);
        st.reset();
    }
    return active;
}

} // namespace jinguo::test
