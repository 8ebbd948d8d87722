// pg_insert_bench.cpp — ways to write many rows through the PostgreSQL
// connection (issue 18), beside COPY (the reference: a roster import
// within 2× of COPY of the same rows) and SQLite's prepared insert per row
// (today's engine), all in the same run on the same machine.
//
// A benchmark, not a test: it prints figures and ratios and asserts nothing.
// The server is a throw-away cluster (tests/support/pg_cluster: fsync off,
// Unix socket), so this measures round trips and server CPU, not the disk.
//   sqlite_row   SQLite, one prepared INSERT per row, one transaction
//   pg_row       PgStatement, one prepared INSERT per row (a round trip each)
//   pg_values    INSERT … VALUES (?,…),(?,…) … 1,000 rows (5,000 values) a statement
//   pg_unnest    INSERT … SELECT FROM unnest(?::bigint[], ?::text[], …): five
//                array parameters per 10,000 rows
//   pg_copy      COPY … FROM STDIN (PgCopyIn)
// Each is run RUNS times in turn (alternating), into a fresh table with a
// primary key; the median is printed. cpu = this process + the server process
// of the connection (/proc/PID/stat), so work moved to the server is counted.
// usage: pg_insert_bench [ROWS=200000] [RUNS=3]
#include "storage/database.hpp"
#include "storage/pg_connection.hpp"
#include "support/pg_cluster.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
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

struct Row {
    std::int64_t id;
    std::string name;
    std::string phone;
    std::int64_t unit;
    double hours;
};

std::vector<Row> makeRows(int count) {
    static const char* const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    static const char* const given[] = {"芳", "秀英", "娜", "敏", "静", "丽", "桂英", "玉兰", "霞", "婷"};
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(count));
    for (int i = 1; i <= count; ++i)
        rows.push_back({i, std::string(surnames[i % 10]) + given[(i / 10) % 10], "138" + std::to_string(10000000 + i),
                        1 + i % 120, (i % 97) * 0.5});
    return rows;
}

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process (the server backend), in seconds.
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

const char* const kTable = "CREATE TABLE roster (id bigint PRIMARY KEY, name text NOT NULL, phone text, unit_id bigint, hours double precision)";

// An array literal's element: quoted, with " and \ escaped.
void appendArrayText(std::string& out, std::string_view value) {
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

struct Figures {
    double wallMs, cpuMs;
};

} // namespace

int main(int argc, char** argv) {
    const int rowCount = argc > 1 ? std::atoi(argv[1]) : 200000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    const std::vector<Row> rows = makeRows(rowCount);
    test::PgCluster cluster;
    const std::string conninfo = cluster.createDatabase();
    const std::string sqlitePath = cluster.folder() + "/peer.db";

    std::map<std::string, std::function<void()>> methods;
    std::map<std::string, std::function<int()>> serverPid;
    std::unique_ptr<PgDatabase> pg;

    methods["sqlite_row"] = [&] {
        std::filesystem::remove(sqlitePath);
        Database db(sqlitePath);
        db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL");   // as the app opens a file
        db.exec(kTable);
        Transaction tx(db);
        Statement insert = db.prepare("INSERT INTO roster VALUES (?, ?, ?, ?, ?)");
        for (const Row& r : rows) {
            insert.bind(1, r.id).bind(2, r.name).bind(3, r.phone).bind(4, r.unit).bind(5, r.hours);
            insert.run();
            insert.reset();
        }
        tx.commit();
    };
    methods["pg_row"] = [&] {
        PgTransaction tx(*pg);
        PgStatement insert = pg->prepare("INSERT INTO roster VALUES (?, ?, ?, ?, ?)");
        for (const Row& r : rows) {
            insert.bind(1, r.id).bind(2, r.name).bind(3, r.phone).bind(4, r.unit).bind(5, r.hours);
            insert.run();
        }
        tx.commit();
    };
    methods["pg_values"] = [&] {
        constexpr std::size_t kChunk = 1000;
        auto bindRows = [&](PgStatement& st, std::size_t start, std::size_t end) {
            for (std::size_t i = start; i < end; ++i) {
                const int p = static_cast<int>(5 * (i - start));
                st.bind(p + 1, rows[i].id).bind(p + 2, rows[i].name).bind(p + 3, rows[i].phone);
                st.bind(p + 4, rows[i].unit).bind(p + 5, rows[i].hours);
            }
        };
        std::string sql = "INSERT INTO roster VALUES ";
        for (std::size_t i = 0; i < kChunk; ++i) sql += i ? ",(?,?,?,?,?)" : "(?,?,?,?,?)";
        PgTransaction tx(*pg);
        PgStatement full = pg->prepare(sql);
        for (std::size_t start = 0; start < rows.size(); start += kChunk) {
            const std::size_t end = std::min(rows.size(), start + kChunk);
            if (end - start < kChunk) {   // the last, short chunk
                std::string tail = "INSERT INTO roster VALUES ";
                for (std::size_t i = start; i < end; ++i) tail += i > start ? ",(?,?,?,?,?)" : "(?,?,?,?,?)";
                PgStatement last = pg->prepare(tail);
                bindRows(last, start, end);
                last.run();
                break;
            }
            bindRows(full, start, end);
            full.run();
        }
        tx.commit();
    };
    methods["pg_unnest"] = [&] {
        constexpr std::size_t kChunk = 10000;
        PgTransaction tx(*pg);
        PgStatement insert = pg->prepare("INSERT INTO roster SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::float8[])");
        for (std::size_t start = 0; start < rows.size(); start += kChunk) {
            const std::size_t end = std::min(rows.size(), start + kChunk);
            std::string ids = "{", names = "{", phones = "{", units = "{", hours = "{";
            char number[32];
            for (std::size_t i = start; i < end; ++i) {
                const char* comma = i > start ? "," : "";
                ids += comma + std::to_string(rows[i].id);
                names += comma;
                appendArrayText(names, rows[i].name);
                phones += comma;
                appendArrayText(phones, rows[i].phone);
                units += comma + std::to_string(rows[i].unit);
                hours += comma;
                hours.append(number, std::to_chars(number, number + sizeof number, rows[i].hours).ptr);
            }
            for (std::string* s : {&ids, &names, &phones, &units, &hours}) *s += '}';
            insert.bind(1, ids).bind(2, names).bind(3, phones).bind(4, units).bind(5, hours);
            insert.run();
        }
        tx.commit();
    };
    methods["pg_copy"] = [&] {
        PgTransaction tx(*pg);
        PgCopyIn copy(*pg, "COPY roster FROM STDIN");
        for (const Row& r : rows) copy.field(r.id).field(r.name).field(r.phone).field(r.unit).field(r.hours).endRow();
        copy.finish();
        tx.commit();
    };

    const std::vector<std::string> order = {"sqlite_row", "pg_row", "pg_values", "pg_unnest", "pg_copy"};
    std::map<std::string, std::vector<Figures>> measured;
    for (int run = 0; run < runs; ++run) {
        for (const std::string& name : order) {
            const bool isPg = name.rfind("pg_", 0) == 0;
            if (isPg) {
                pg = std::make_unique<PgDatabase>(conninfo);
                pg->exec("DROP TABLE IF EXISTS roster");
                pg->exec(kTable);
            }
            const int pid = isPg ? pg->serverPid() : 0;
            const double cpu0 = processCpuSeconds() + otherCpuSeconds(pid);
            const auto start = Clock::now();
            methods[name]();
            const double wall = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            const double cpu = (processCpuSeconds() + otherCpuSeconds(pid) - cpu0) * 1000.0;
            if (isPg) {
                {
                    auto count = pg->prepare("SELECT count(*) FROM roster");
                    count.step();
                    if (count.columnInt(0) != rowCount)
                        std::fprintf(stderr, "%s stored %lld rows\n", name.c_str(), static_cast<long long>(count.columnInt(0)));
                }   // a statement must not outlive its connection
                pg.reset();
            }
            measured[name].push_back({wall, cpu});
        }
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::map<std::string, Figures> result;
    for (const auto& [name, figures] : measured) {
        std::vector<double> walls, cpus;
        for (const Figures& f : figures) {
            walls.push_back(f.wallMs);
            cpus.push_back(f.cpuMs);
        }
        result[name] = {median(walls), median(cpus)};
    }
    std::printf("%d rows, median of %d runs (wall ms / cpu ms incl. the server process)\n", rowCount, runs);
    std::printf("%-11s %9s %9s %10s %10s %12s\n", "method", "wall", "cpu", "wall/copy", "cpu/copy", "wall/sqlite");
    for (const std::string& name : order) {
        const Figures& f = result[name];
        std::printf("%-11s %9.0f %9.0f %10.2f %10.2f %12.2f\n", name.c_str(), f.wallMs, f.cpuMs, f.wallMs / result["pg_copy"].wallMs,
                    f.cpuMs / result["pg_copy"].cpuMs, f.wallMs / result["sqlite_row"].wallMs);
    }
    return 0;
}
