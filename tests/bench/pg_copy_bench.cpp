// pg_copy_bench.cpp — `jinguo copy` of a file to PostgreSQL (issue 18)
// against PostgreSQL's own COPY of the same rows into unconstrained tables
// (the rule: within 2×), in the same run on the same machine.
//
// A benchmark, not a test: it prints figures and asserts nothing.
//   copy       storage::copyDatabase(FILE, fresh database): the schema made,
//              every table's rows streamed with COPY into the real tables
//              (indexes, keys checked, triggers off), sequences, verification
//   reference  the same tables' rows read from FILE the same way and COPYed
//              into tables made LIKE the real ones (columns and NOT NULL
//              only: no index, key or trigger), one transaction
// The two alternate RUNS times; wall seconds and this process's CPU are
// printed per run, for all rows and for the person table alone (a roster's
// rows). The server is the throw-away cluster (fsync off, Unix socket).
// usage: pg_copy_bench FILE.db [RUNS=1]
#include "storage/database.hpp"
#include "storage/database_copy.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "support/pg_cluster.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace jinguo::storage;
using Clock = std::chrono::steady_clock;

namespace {

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Timing {
    double wall = 0, cpu = 0, personWall = 0;
    std::int64_t rows = 0, personRows = 0;
};

Timing reference(const std::string& file, const std::string& server, const std::vector<CopiedTable>& tables) {
    Database source(file, false);
    Database target(server);
    migratePgDatabase(*target.server());
    for (const CopiedTable& t : tables)
        target.exec("CREATE TABLE \"ref_" + t.name + "\" (LIKE \"" + t.name + "\")");
    Timing timing;
    const double cpu0 = processCpuSeconds();
    const auto start = Clock::now();
    target.exec("BEGIN");
    for (const CopiedTable& t : tables) {
        const auto tableStart = Clock::now();
        // The columns the copy wrote, in the target's order.
        std::vector<std::string> columns;
        {
            Statement st = target.prepare("SELECT a.attname FROM pg_attribute a WHERE a.attrelid = ?::regclass "
                                          "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
            st.bind(1, "\"" + t.name + "\"");
            while (st.step()) columns.push_back(st.columnText(0));
        }
        std::string list;
        for (const std::string& c : columns) list += (list.empty() ? "\"" : ", \"") + c + "\"";
        Statement read = source.prepare("SELECT " + list + " FROM \"" + t.name + "\"");
        PgCopyIn copy(*target.server(), "COPY \"ref_" + t.name + "\" (" + list + ") FROM STDIN");
        std::int64_t rows = 0;
        while (read.step()) {
            for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
                if (read.columnIsNull(c)) copy.fieldNull();
                else copy.field(read.columnText(c));
            }
            copy.endRow();
            ++rows;
        }
        copy.finish();
        timing.rows += rows;
        if (t.name == "person") {
            timing.personRows = rows;
            timing.personWall = std::chrono::duration<double>(Clock::now() - tableStart).count();
        }
    }
    target.exec("COMMIT");
    timing.wall = std::chrono::duration<double>(Clock::now() - start).count();
    timing.cpu = processCpuSeconds() - cpu0;
    return timing;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: pg_copy_bench FILE.db [RUNS=1]\n");
        return 2;
    }
    const std::string file = argv[1];
    const int runs = argc > 2 ? std::atoi(argv[2]) : 1;
    test::PgCluster& cluster = test::PgCluster::shared();
    for (int run = 0; run < runs; ++run) {
        const std::string server = cluster.createDatabase();
        const double cpu0 = processCpuSeconds();
        const CopyReport report = copyDatabase(file, server);
        const double cpu = processCpuSeconds() - cpu0;
        double rowsSeconds = 0, personSeconds = 0;
        std::int64_t personRows = 0;
        for (const CopiedTable& t : report.tables) {
            rowsSeconds += t.seconds;
            if (t.name == "person") {
                personSeconds = t.seconds;
                personRows = t.rows;
            }
        }
        std::printf("run %d copy:      %lld rows, %.1f s wall (rows %.1f s, schema+sequences+verify %.1f s), %.1f s client CPU, %.0f rows/s (rows phase); person %lld rows %.2f s = %.0f rows/s\n",
                    run + 1, static_cast<long long>(report.rows), report.seconds, rowsSeconds, report.seconds - rowsSeconds, cpu,
                    report.rows / rowsSeconds, static_cast<long long>(personRows), personSeconds, personRows / personSeconds);
        const Timing ref = reference(file, cluster.createDatabase(), report.tables);
        std::printf("run %d reference: %lld rows, %.1f s wall, %.1f s client CPU, %.0f rows/s; person %lld rows %.2f s = %.0f rows/s\n",
                    run + 1, static_cast<long long>(ref.rows), ref.wall, ref.cpu, ref.rows / ref.wall,
                    static_cast<long long>(ref.personRows), ref.personWall, ref.personRows / ref.personWall);
        std::printf("run %d ratio copy/reference: rows phase %.2f×, whole copy %.2f×, person %.2f×\n", run + 1,
                    rowsSeconds / ref.wall, report.seconds / ref.wall, personSeconds / ref.personWall);
        std::fflush(stdout);
    }
    return 0;
}
