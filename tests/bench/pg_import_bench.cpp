// pg_import_bench.cpp — a roster import into PostgreSQL (issue 18) against
// the same import into SQLite and PostgreSQL's own COPY of the same rows into
// an unconstrained table, in one run on one machine (the goal: the
// import within 2× of COPY).
//
// A benchmark, not a test: it prints figures and asserts nothing.
//   sqlite     storage::runRosterImport of CSV into a fresh file
//   postgresql the same into a fresh database on the throw-away cluster
//              (fsync off, Unix socket): rows through person's triggers
//   copy       the person rows the SQLite import wrote, read back and COPYed
//              into a table made LIKE person (columns and NOT NULL only), one
//              transaction
// Both databases get the CSV's 街道/社区 as units first (not timed), so every
// row finds its unit. Printed per run: wall seconds, this process's CPU and
// (PostgreSQL) the import backend's CPU from /proc/PID/stat.
// The CSV comes from /work/shared/tools/gen_roster.py --format csv-utf8.
// usage: pg_import_bench CSV [RUNS=1]
#include "storage/database.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "support/pg_cluster.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace jinguo;
using Clock = std::chrono::steady_clock;

namespace {

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process (a server backend), seconds.
double otherCpuSeconds(int pid) {
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

// The CSV's streets and communities (columns 所属街道, 所属社区) as SQL
// both engines take: a district, its streets, their communities.
std::vector<std::string> unitsSql(const std::string& csv) {
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    {
        std::stringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) header.push_back(cell);
    }
    int streetAt = -1, communityAt = -1;
    for (int i = 0; i < static_cast<int>(header.size()); ++i) {
        if (header[i].find("所属街道") != std::string::npos) streetAt = i;
        if (header[i].find("所属社区") != std::string::npos) communityAt = i;
    }
    std::map<std::string, std::set<std::string>> streets;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
        if (streetAt < 0 || communityAt < 0 || static_cast<int>(cells.size()) <= std::max(streetAt, communityAt)) continue;
        if (!cells[streetAt].empty() && !cells[communityAt].empty()) streets[cells[streetAt]].insert(cells[communityAt]);
    }
    std::vector<std::string> sql = {"INSERT INTO org_unit (id, parent_id, name, kind) VALUES (1, NULL, '测试区', '区')"};
    int id = 2;
    for (const auto& [street, communities] : streets) {
        const int streetId = id++;
        sql.push_back("INSERT INTO org_unit (id, parent_id, name, kind) VALUES (" + std::to_string(streetId) + ", 1, '" + street
                      + "', '街道')");
        for (const std::string& community : communities)
            sql.push_back("INSERT INTO org_unit (id, parent_id, name, kind) VALUES (" + std::to_string(id++) + ", "
                          + std::to_string(streetId) + ", '" + community + "', '社区')");
    }
    return sql;
}

struct Timing {
    double wall = 0, cpu = 0, serverCpu = 0;
    int imported = 0;
};

Timing importInto(const std::string& where, const std::string& csv, const std::vector<std::string>& units) {
    storage::Storage s(where);
    for (const std::string& sql : units) s.db().exec(sql);
    if (s.db().isServer()) s.db().exec("SELECT setval(pg_get_serial_sequence('org_unit', 'id'), (SELECT max(id) FROM org_unit))");
    int backend = 0;
    if (s.db().isServer()) {
        storage::Statement st = s.db().prepare("SELECT pg_backend_pid()");
        st.step();
        backend = static_cast<int>(st.columnInt(0));
    }
    roster::RosterImportRequest request;
    request.kind = roster::RosterKind::Volunteers;
    request.files = {csv};
    Timing t;
    const double server0 = backend ? otherCpuSeconds(backend) : 0;
    const double cpu0 = processCpuSeconds();
    const auto start = Clock::now();
    const storage::RosterImportResult result = storage::runRosterImport(s, request);
    t.wall = std::chrono::duration<double>(Clock::now() - start).count();
    t.cpu = processCpuSeconds() - cpu0;
    if (backend) t.serverCpu = otherCpuSeconds(backend) - server0;
    if (result.status != storage::RosterImportResult::Status::Committed)
        std::fprintf(stderr, "import into %s did not commit: %s\n", where.c_str(), result.error.c_str());
    for (const auto& f : result.files) t.imported += f.rowsImported();
    return t;
}

// The rows the SQLite import wrote, COPYed into a table LIKE person.
Timing copyReference(const std::string& file, const std::string& server) {
    storage::Database source(file, false);
    storage::Database target(server);
    storage::migratePgDatabase(*target.server());
    target.exec("CREATE TABLE ref_person (LIKE person)");
    const char* const columns = "id, name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of, "
                                "note, import_batch_id, created_at, updated_at, unit_text";
    storage::Statement read = source.prepare(std::string("SELECT ") + columns + " FROM person ORDER BY id");
    Timing t;
    const double cpu0 = processCpuSeconds();
    const auto start = Clock::now();
    target.exec("BEGIN");
    {
        storage::PgCopyIn copy(*target.server(), std::string("COPY ref_person (") + columns + ") FROM STDIN");
        while (read.step()) {
            for (int c = 0; c < read.columnCount(); ++c) {
                if (read.columnIsNull(c)) copy.fieldNull();
                else copy.field(read.columnText(c));
            }
            copy.endRow();
            ++t.imported;
        }
        copy.finish();
    }
    target.exec("COMMIT");
    t.wall = std::chrono::duration<double>(Clock::now() - start).count();
    t.cpu = processCpuSeconds() - cpu0;
    return t;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: pg_import_bench CSV [RUNS=1]\n");
        return 2;
    }
    const std::string csv = argv[1];
    const int runs = argc > 2 ? std::atoi(argv[2]) : 1;
    const std::vector<std::string> units = unitsSql(csv);
    test::PgCluster& cluster = test::PgCluster::shared();
    char folder[] = "/tmp/jinguo-import-bench-XXXXXX";
    if (!mkdtemp(folder)) return 1;
    for (int run = 1; run <= runs; ++run) {
        const std::string file = std::string(folder) + "/run" + std::to_string(run) + ".db";
        const Timing lite = importInto(file, csv, units);
        std::printf("run %d sqlite:     %d rows, %.2f s wall, %.2f s CPU\n", run, lite.imported, lite.wall, lite.cpu);
        std::fflush(stdout);
        const Timing pg = importInto(cluster.createDatabase(), csv, units);
        std::printf("run %d postgresql: %d rows, %.2f s wall, %.2f s client CPU, %.2f s server CPU\n", run, pg.imported, pg.wall,
                    pg.cpu, pg.serverCpu);
        std::fflush(stdout);
        const Timing copy = copyReference(file, cluster.createDatabase());
        std::printf("run %d copy:       %d rows, %.2f s wall, %.2f s client CPU\n", run, copy.imported, copy.wall, copy.cpu);
        std::printf("run %d ratios: postgresql/copy %.1f×, postgresql/sqlite %.1f× (wall)\n", run, pg.wall / copy.wall,
                    pg.wall / lite.wall);
        std::fflush(stdout);
        std::filesystem::remove_all(folder + std::string("/run") + std::to_string(run) + ".db");
    }
    std::filesystem::remove_all(folder);
    return 0;
}
