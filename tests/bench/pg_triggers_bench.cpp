// pg_triggers_bench.cpp — what the summaries' triggers cost per written row on
// PostgreSQL (PL/pgSQL, db/migrations_pg) beside SQLite's (issue 18's fourth
// brick), in the same run on the same machine.
//
// A benchmark, not a test: it prints figures and ratios and asserts nothing.
// Each run makes a fresh SQLite file (migrated to the PostgreSQL set's
// version, the app's functions registered) and a fresh database on a
// throw-away cluster (tests/support/pg_cluster: fsync off, Unix socket),
// gives both a district of 11 units, PEOPLE people and 20 activities, then
// times ROWS service records (70 % verified, 2023–2025, 40 % with an
// activity) written in one transaction:
//   sqlite_row     SQLite, one prepared INSERT per row (the app's way today)
//   pg_row         PostgreSQL, one prepared INSERT per row (a round trip each)
//   pg_row_commit1k  the same, committing every 1,000 rows
//   pg_values      PostgreSQL, 500 rows per INSERT … VALUES
//   pg_values_off  the same with the user triggers off (session_replication_role
//                  = replica): the triggers' share of pg_values
// Runs alternate; the median is printed. cpu = this process + the server
// backend of the connection (/proc/PID/stat).
// usage: pg_triggers_bench [ROWS=20000] [RUNS=3] [PEOPLE=2000]
// JINGUO_BENCH_PROFILE=1 also prints, after each pg_row and pg_values run, the
// trigger functions by self time (track_functions; slows those runs).
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "support/pg_cluster.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace jinguo::storage;
using Clock = std::chrono::steady_clock;

namespace {

struct Record {
    std::int64_t id, person, activity;   // activity 0: none
    std::string day;
    double hours;
    int verified;
};

std::vector<Record> makeRecords(int count, int people) {
    std::vector<Record> records;
    std::uint64_t state = 18;
    auto next = [&](int bound) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(bound));
    };
    for (int i = 1; i <= count; ++i) {
        char day[16];
        std::snprintf(day, sizeof day, "%04d-%02d-%02d", 2023 + next(3), 1 + next(12), 1 + next(28));
        records.push_back({i, 1 + next(people), next(10) < 4 ? 1 + next(20) : 0, day, (1 + next(16)) * 0.5, next(10) < 7 ? 1 : 0});
    }
    return records;
}

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double otherCpuSeconds(int pid) {
    if (pid <= 0) return 0.0;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) return 0.0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i == 14 || i == 15) ticks += std::atof(field.c_str());
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The same district on both engines: units, people, activities.
std::vector<std::string> setupSql(int people) {
    std::vector<std::string> sql = {"INSERT INTO org_unit (id, parent_id, name, kind) VALUES (1, NULL, '滨江区', '区'), "
                                    "(2, 1, '街道2', '街道'), (3, 1, '街道3', '街道'), (4, 1, '街道4', '街道')"};
    for (int u = 5; u <= 12; ++u)
        sql.push_back("INSERT INTO org_unit (id, parent_id, name, kind) VALUES (" + std::to_string(u) + ", " + std::to_string(2 + u % 3)
                      + ", '社区" + std::to_string(u) + "', '社区')");
    for (int a = 1; a <= 20; ++a)
        sql.push_back("INSERT INTO activity (id, name, held_on, unit_id) VALUES (" + std::to_string(a) + ", '活动" + std::to_string(a)
                      + "', '2024-0" + std::to_string(1 + a % 9) + "-01', " + std::to_string(5 + a % 8) + ")");
    for (int p = 1; p <= people; p += 500) {
        std::string values;
        for (int i = p; i < p + 500 && i <= people; ++i)
            values += std::string(values.empty() ? "" : ", ") + "(" + std::to_string(i) + ", '志愿者" + std::to_string(i) + "', "
                      + std::to_string(5 + i % 8) + ", " + (i % 5 == 0 ? "2.5" : "0") + ")";
        sql.push_back("INSERT INTO person (id, name, unit_id, roster_hours) VALUES " + values);
    }
    return sql;
}

const char* const kInsert = "INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES ";

std::string valuesOf(const Record& r) {
    return "(" + std::to_string(r.id) + ", " + std::to_string(r.person) + ", " + (r.activity ? std::to_string(r.activity) : "NULL")
           + ", '" + r.day + "', " + std::to_string(r.hours) + ", " + std::to_string(r.verified) + ")";
}

struct Figures {
    double wallMs, cpuMs;
};

} // namespace

int main(int argc, char** argv) {
    const int rows = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    const int people = argc > 3 ? std::atoi(argv[3]) : 2000;
    const auto records = makeRecords(rows, people);
    const auto setup = setupSql(people);
    test::PgCluster& cluster = test::PgCluster::shared();
    const std::string sqlitePath = (std::filesystem::temp_directory_path() / ("pg_triggers_bench_" + std::to_string(getpid()) + ".db")).string();
    auto removeSqlite = [&] {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(sqlitePath + suffix);
    };

    // Each way: prepares its database(s) untimed, then times the writes.
    using Way = std::function<Figures()>;
    auto timed = [](int serverPid, const std::function<void()>& write) {
        const double cpu0 = processCpuSeconds() + otherCpuSeconds(serverPid);
        const auto t0 = Clock::now();
        write();
        const double wall = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        return Figures{wall, (processCpuSeconds() + otherCpuSeconds(serverPid) - cpu0) * 1000.0};
    };
    auto freshPg = [&]() {
        auto db = std::make_unique<PgDatabase>(cluster.createDatabase());
        migratePgDatabase(*db);
        for (const auto& sql : setup) db->exec(sql);
        return db;
    };
    // JINGUO_BENCH_PROFILE=1: after each pg_values run, the trigger functions
    // that took most time (track_functions, pg_stat_user_functions).
    const bool profile = std::getenv("JINGUO_BENCH_PROFILE") != nullptr;
    auto printProfile = [](PgDatabase& db) {
        db.exec("SELECT pg_stat_force_next_flush()");
        auto st = db.prepare("SELECT funcname, calls, round(total_time::numeric, 1), round(self_time::numeric, 1) FROM pg_stat_user_functions "
                             "ORDER BY self_time DESC LIMIT 25");
        std::printf("  %-44s %8s %10s %10s\n", "function", "calls", "total ms", "self ms");
        while (st.step())
            std::printf("  %-44s %8lld %10s %10s\n", st.columnText(0).c_str(), static_cast<long long>(st.columnInt(1)),
                        st.columnText(2).c_str(), st.columnText(3).c_str());
    };
    auto pgValues = [&](bool triggersOff) {
        auto db = freshPg();
        if (triggersOff) db->exec("SET session_replication_role = replica");
        if (profile && !triggersOff) db->exec("SET track_functions = 'all'");
        const auto figures = timed(db->serverPid(), [&] {
            db->exec("BEGIN");
            for (std::size_t i = 0; i < records.size(); i += 500) {
                std::string sql = kInsert;
                for (std::size_t j = i; j < std::min(records.size(), i + 500); ++j) sql += (j > i ? ", " : "") + valuesOf(records[j]);
                db->exec(sql);
            }
            db->exec("COMMIT");
        });
        if (profile && !triggersOff) printProfile(*db);
        return figures;
    };
    std::map<std::string, Way> ways;
    ways["sqlite_row"] = [&]() {
        removeSqlite();
        Figures f{};
        {
            Database db(sqlitePath);
            migrateDatabaseTo(db, latestPgSchemaVersion());
            for (const auto& sql : setup) db.exec(sql);
            f = timed(0, [&] {
                Transaction tx(db);
                Statement st = db.prepare("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES (?, ?, ?, ?, ?, ?)");
                for (const auto& r : records) {
                    st.bind(1, r.id).bind(2, r.person).bindIdOrNull(3, r.activity).bind(4, r.day).bind(5, r.hours).bind(6, r.verified);
                    st.run();
                    st.reset();
                }
                tx.commit();
            });
        }
        removeSqlite();
        return f;
    };
    ways["pg_row"] = [&]() {
        auto db = freshPg();
        if (profile) db->exec("SET track_functions = 'all'");
        const auto figures = timed(db->serverPid(), [&] {
            db->exec("BEGIN");
            PgStatement st = db->prepare("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES (?, ?, ?, ?, ?, ?)");
            for (const auto& r : records) {
                st.bind(1, r.id).bind(2, r.person).bindIdOrNull(3, r.activity).bind(4, r.day).bind(5, r.hours).bind(6, r.verified);
                st.run();
                st.reset();
            }
            db->exec("COMMIT");
        });
        if (profile) printProfile(*db);
        return figures;
    };
    ways["pg_row_commit1k"] = [&]() {
        auto db = freshPg();
        return timed(db->serverPid(), [&] {
            PgStatement st = db->prepare("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES (?, ?, ?, ?, ?, ?)");
            db->exec("BEGIN");
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (i > 0 && i % 1000 == 0) db->exec("COMMIT; BEGIN");
                const auto& r = records[i];
                st.bind(1, r.id).bind(2, r.person).bindIdOrNull(3, r.activity).bind(4, r.day).bind(5, r.hours).bind(6, r.verified);
                st.run();
                st.reset();
            }
            db->exec("COMMIT");
        });
    };
    ways["pg_values"] = [&]() { return pgValues(false); };
    ways["pg_values_off"] = [&]() { return pgValues(true); };

    const std::vector<std::string> order = {"sqlite_row", "pg_row", "pg_row_commit1k", "pg_values", "pg_values_off"};
    std::map<std::string, std::vector<Figures>> results;
    for (int run = 0; run < runs; ++run)
        for (const auto& name : order) results[name].push_back(ways[name]());

    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("%d service records into %d people, median of %d runs (wall, cpu = client + server backend)\n", rows, people, runs);
    std::printf("%-14s %10s %10s %12s %10s\n", "way", "wall ms", "cpu ms", "rows/s wall", "÷ sqlite");
    double sqliteWall = 0;
    for (const auto& name : order) {
        std::vector<double> wall, cpu;
        for (const auto& f : results[name]) {
            wall.push_back(f.wallMs);
            cpu.push_back(f.cpuMs);
        }
        const double w = median(wall), c = median(cpu);
        if (name == "sqlite_row") sqliteWall = w;
        std::printf("%-14s %10.0f %10.0f %12.0f %9.2f×\n", name.c_str(), w, c, rows / (w / 1000.0), w / sqliteWall);
    }
    return 0;
}
