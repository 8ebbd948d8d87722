// import_scale_bench.cpp — a roster imported into a big database against the
// same roster imported into an empty one (issue 17: rows per second into the
// 1M database at least 90% of those into an empty database).
//
// A benchmark, not a test: it prints figures and ratios measured in the same
// run on the same files and asserts nothing about time. Every import is
// `jinguo import --db DB --kind volunteers FILE` in a child process, timed
// wall-clock (median of RUNS), peak RSS from wait4.
//
// The inputs, built deterministically in DIR and reused:
//   big.db      the 1M database: `jinguo import` of gen_roster.py --rows
//               BASE --seed 7 (the issue's baseline), or a copy of --big DB
//               (e.g. /work/bench/big.db; never opened in place);
//   fresh.csv   gen_roster.py --rows ROWS --seed 8 without the rows whose ID
//               number big.db already holds: every row a new person;
//   again.csv   a re-import: ROWS/2 people read back from big.db (every
//               k-th by id) with 8 more hours each (updates, not inserts)
//               followed by the first ROWS/2 rows of fresh.csv.
// Each file is imported (a) into an empty database and (b) into a fresh copy
// of big.db; the backups the imports write are removed after each run.
// With --phases it also times, in this process on a copy of big.db, the
// backup before the import, reading + validating the file, and a dry run
// (every write inside a transaction that rolls back; no backup, no commit).
//
// With --threshold it measures, in this process on a copy of big.db (and on
// an empty database), what decides ImportStore's kSetBasedMinimumPeople: N
// new people written one by one through person_list's triggers against the
// same N written with the trigger suspended and the list's rows filled
// set-based afterwards (storage/person_list_bulk.hpp), each inside a
// transaction that rolls back, for several N, each way twice, alternating.
//
// With --undo it imports fresh.csv into an empty database and into a copy of
// big.db and times, in this process, ImportStore::undo of that batch.
//
// With --baseline PATH (another build's jinguo, e.g. a copy made before a
// change) each table is printed for that binary too, measured in the same
// run, just before this build's.
//
// usage: import_scale_bench [--base-rows N] [--rows N] [--runs R] [--dir DIR]
//                           [--big DB] [--jinguo PATH] [--baseline PATH] [--gen PATH] [--phases]
//                           [--threshold] [--undo] [--again-only]
#include "cli/import_command.hpp"
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"
#include "storage/backup_store.hpp"
#include "storage/import_store.hpp"
#include "storage/person_list_bulk.hpp"
#include "storage/storage.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

extern char** environ;

using namespace jinguo;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

struct Options {
    int baseRows = 1000000;
    int rows = 200000;
    int runs = 3;
    std::string dir = (fs::temp_directory_path() / "jinguo_import_scale_bench").string();
    std::string big;      // an existing big database to copy instead of building one
    std::string jinguo;
    std::string baseline;   // another jinguo measured beside this one
    std::string gen;
    bool phases = false;
    bool threshold = false;
    bool undo = false;
    bool againOnly = false;   // the re-import's table alone
};

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Run {
    double seconds = 0;
    double cpuSeconds = 0;   // user + system: steadier than wall time on a shared machine
    long maxRssKb = 0;
    int status = -1;
};

Run spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    Run run;
    const auto start = Clock::now();
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) {
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        run.seconds = secondsSince(start);
        run.maxRssKb = usage.ru_maxrss;
        run.cpuSeconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec
                       + usage.ru_stime.tv_usec / 1e6;
        run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    return run;
}

void removeDb(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
    fs::remove_all(storage::backupFolderFor(path));
}

void copyDb(const std::string& from, const std::string& to) {
    removeDb(to);
    for (const char* suffix : {"", "-wal"})
        if (fs::exists(from + suffix)) fs::copy_file(from + suffix, to + suffix);
}

void generate(const Options& o, int rows, int seed, const std::string& path) {
    if (fs::exists(path)) return;
    std::printf("generating %s ...\n", path.c_str());
    std::fflush(stdout);
    const Run r = spawn({"/usr/bin/python3", o.gen, "--rows", std::to_string(rows), "--seed", std::to_string(seed),
                         "--format", "csv-utf8", "-o", path + ".part"});
    if (r.status != 0) {
        std::fprintf(stderr, "could not generate %s with %s\n", path.c_str(), o.gen.c_str());
        std::exit(1);
    }
    fs::rename(path + ".part", path);
}

std::string csvCell(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// Copies the rows of a roster CSV whose ID number (column 身份证号) is not in
// `exclude`, at most `limit` of them, after the header.
class FilteringSink : public sheet::RowSink {
public:
    FilteringSink(std::ostream& out, const std::unordered_set<std::string>& exclude, long limit)
        : m_out(out), m_exclude(exclude), m_limit(limit) {}
    bool beginSheet(const sheet::SheetInfo&) override { return true; }
    bool row(const sheet::Row& row) override {
        if (m_header) {
            for (std::size_t i = 0; i < row.cells.size(); ++i)
                if (row.cells[i].text == "身份证号") m_idColumn = i;
            m_header = false;
            write(row);
            return true;
        }
        if (m_limit >= 0 && kept >= m_limit) return false;
        const std::string id = m_idColumn < row.cells.size() ? row.cells[m_idColumn].text : std::string();
        if (m_exclude.count(id)) {
            ++dropped;
            return true;
        }
        ++kept;
        write(row);
        return true;
    }
    long kept = 0, dropped = 0;

private:
    void write(const sheet::Row& row) {
        for (std::size_t i = 0; i < row.cells.size(); ++i) m_out << (i ? "," : "") << csvCell(row.cells[i].text);
        m_out << "\r\n";
    }
    std::ostream& m_out;
    const std::unordered_set<std::string>& m_exclude;
    long m_limit;
    bool m_header = true;
    std::size_t m_idColumn = 3;
};

std::int64_t count(storage::Database& db, const char* sql) {
    storage::Statement st = db.prepare(sql);
    return st.step() ? st.columnInt(0) : 0;
}

std::unordered_set<std::string> storedIds(const std::string& db) {
    storage::Storage s(db);
    std::unordered_set<std::string> ids;
    storage::Statement st = s.db().prepare("SELECT id_number FROM person WHERE id_number IS NOT NULL");
    while (st.step()) ids.insert(st.columnText(0));
    return ids;
}

void buildInputs(const Options& o, const std::string& bigDb, const std::string& fresh, const std::string& again) {
    if (!fs::exists(bigDb)) {
        if (!o.big.empty()) {
            std::printf("copying %s ...\n", o.big.c_str());
            copyDb(o.big, bigDb + ".tmp");
        } else {
            const std::string base = o.dir + "/base_" + std::to_string(o.baseRows) + ".csv";
            generate(o, o.baseRows, 7, base);
            std::printf("importing %s into the big database ...\n", base.c_str());
            std::fflush(stdout);
            removeDb(bigDb + ".tmp");
            const Run r = spawn({o.jinguo, "import", "--db", bigDb + ".tmp", "--kind", "volunteers", base});
            if (r.status != 0) {
                std::fprintf(stderr, "jinguo import of %s exited %d\n", base.c_str(), r.status);
                std::exit(1);
            }
        }
        { storage::Storage migrated(bigDb + ".tmp"); }   // at this build's schema, checkpointed on close
        fs::remove_all(storage::backupFolderFor(bigDb + ".tmp"));
        fs::rename(bigDb + ".tmp", bigDb);
    }
    if (!fs::exists(fresh) || !fs::exists(again)) {
        const std::string source = o.dir + "/seed8_" + std::to_string(o.rows) + ".csv";
        generate(o, o.rows, 8, source);
        const auto known = storedIds(bigDb);
        {
            std::ofstream out(fresh + ".part", std::ios::binary);
            FilteringSink sink(out, known, -1);
            sheet::readSpreadsheet(source, sink);
            std::printf("fresh.csv: %ld rows (%ld rows of seed 8 dropped: their ID numbers are in the big database)\n",
                        sink.kept, sink.dropped);
        }
        fs::rename(fresh + ".part", fresh);
        std::ofstream out(again + ".part", std::ios::binary);
        out << "序号,姓名,性别,身份证号,手机号,所属街道,所属社区,服务时长(小时),加入日期\r\n";
        {
            storage::Storage s(bigDb);
            const long people = static_cast<long>(count(s.db(), "SELECT count(*) FROM person WHERE id_number IS NOT NULL"));
            const long step = std::max(1L, people / (o.rows / 2));
            storage::Statement st = s.db().prepare(R"(
                SELECT p.name, ifnull(p.gender, ''), p.id_number, ifnull(p.phone, ''),
                       ifnull(u.name, ifnull(p.unit_text, '')),
                       p.roster_hours + (SELECT total(hours) FROM dated_hours d WHERE d.person_id = p.id) + 8,
                       ifnull(p.joined_on, '')
                FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id
                WHERE p.id_number IS NOT NULL AND p.id % ? = 0 ORDER BY p.id LIMIT ?)");
            st.bind(1, static_cast<std::int64_t>(step)).bind(2, static_cast<std::int64_t>(o.rows / 2));
            long n = 0;
            while (st.step()) {
                ++n;
                out << n << "," << csvCell(st.columnText(0)) << "," << st.columnText(1) << "," << st.columnText(2)
                    << "," << st.columnText(3) << ",," << csvCell(st.columnText(4)) << "," << st.columnDouble(5) << ","
                    << st.columnText(6) << "\r\n";
            }
            std::printf("again.csv: %ld people of the big database (8 more hours each)", n);
        }
        // fresh.csv has the generator's columns (序号 … 备注): rewritten to the
        // nine columns above so that one header serves both halves.
        struct NineColumns : sheet::RowSink {
            std::ostream& out;
            long limit, kept = 0;
            bool header = true;
            NineColumns(std::ostream& o, long l) : out(o), limit(l) {}
            bool beginSheet(const sheet::SheetInfo&) override { return true; }
            bool row(const sheet::Row& row) override {
                if (header) return !(header = false);
                if (kept >= limit) return false;
                ++kept;
                for (std::size_t i = 0; i < 9; ++i)
                    out << (i ? "," : "") << csvCell(i < row.cells.size() ? row.cells[i].text : std::string());
                out << "\r\n";
                return true;
            }
        } nine(out, o.rows / 2);
        sheet::readSpreadsheet(fresh, nine);
        std::printf(" + %ld new people of fresh.csv\n", nine.kept);
        out.close();
        fs::rename(again + ".part", again);
    }
}

struct Figures {
    double seconds = 0, cpuSeconds = 0;   // medians
    long rssKb = 0;
    std::vector<double> all;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

Figures importInto(const Options& o, const std::string& jinguo, const std::string& file, const std::string& startFrom) {
    Figures f;
    std::vector<double> cpu;
    const std::string db = o.dir + "/work.db";
    for (int i = 0; i < o.runs; ++i) {
        removeDb(db);
        if (!startFrom.empty()) copyDb(startFrom, db);
        ::sync();   // the copy's dirty pages are not the import's to write
        const Run r = spawn({jinguo, "import", "--db", db, "--kind", "volunteers", file});
        if (r.status != 0) std::printf("  jinguo import exited %d\n", r.status);
        f.all.push_back(r.seconds);
        cpu.push_back(r.cpuSeconds);
        f.rssKb = std::max(f.rssKb, r.maxRssKb);
    }
    removeDb(db);
    f.seconds = median(f.all);
    f.cpuSeconds = median(cpu);
    return f;
}

long dataRows(const std::string& csv) {
    struct Count : sheet::RowSink {
        long n = -1;   // the header
        bool beginSheet(const sheet::SheetInfo&) override { return true; }
        bool row(const sheet::Row&) override { return ++n, true; }
    } c;
    sheet::readSpreadsheet(csv, c);
    return c.n;
}

void compare(const Options& o, const std::string& jinguo, const std::string& label, const std::string& file,
             const std::string& bigDb) {
    const long rows = dataRows(file);
    const Figures empty = importInto(o, jinguo, file, "");
    const Figures big = importInto(o, jinguo, file, bigDb);
    auto runs = [](const Figures& f) {
        std::string s;
        for (double x : f.all) s += (s.empty() ? "" : " ") + std::to_string(x).substr(0, 5);
        return s;
    };
    std::printf("%s (%ld rows), %s\n", label.c_str(), rows, jinguo.c_str());
    std::printf("  | into            | seconds | rows/s  | cpu s  | peak RSS | runs (s)\n");
    for (const auto& [name, f] : {std::pair{"empty database ", &empty}, std::pair{"big database   ", &big}})
        std::printf("  | %s | %7.2f | %7.0f | %6.2f | %4.0f MiB | %s\n", name, f->seconds, rows / f->seconds,
                    f->cpuSeconds, f->rssKb / 1024.0, runs(*f).c_str());
    std::printf("  ratio big / empty, rows/s: %.0f%% wall, %.0f%% cpu  (target >= 90%%)\n",
                100.0 * empty.seconds / big.seconds, 100.0 * empty.cpuSeconds / big.cpuSeconds);
    std::fflush(stdout);
}

void phases(const Options& o, const std::string& file, const std::string& bigDb) {
    const std::string db = o.dir + "/phase.db";
    copyDb(bigDb, db);
    {
        const auto start = Clock::now();
        storage::BackupStore(db).create(storage::kBackupBeforeImport);
        std::printf("  backup of the big database:   %6.2f s\n", secondsSince(start));
    }
    {
        struct Validating : sheet::RowSink {
            std::optional<roster::SheetFeed> feed;
            std::vector<roster::RowOutcome> outcomes;
            bool beginSheet(const sheet::SheetInfo&) override { return feed.emplace(roster::RosterKind::Volunteers), true; }
            bool row(const sheet::Row& r) override { return outcomes.clear(), feed->feed(r, outcomes), true; }
        } sink;
        const auto start = Clock::now();
        sheet::readSpreadsheet(file, sink);
        std::printf("  read + validate:              %6.2f s\n", secondsSince(start));
    }
    for (const std::string& into : {std::string(), bigDb}) {
        removeDb(db);
        if (!into.empty()) copyDb(into, db);
        storage::Storage storage(db);
        cli::ImportRequest request;
        request.kind = "volunteers";
        request.files = {file};
        request.dryRun = true;
        std::ostringstream out, err;
        const auto start = Clock::now();
        const int code = cli::runImport(storage, request, out, err);
        std::printf("  dry run into the %s database: %6.2f s (exit %d)\n", into.empty() ? "empty" : "big  ",
                    secondsSince(start), code);
    }
    removeDb(db);
}

// N people like the first N stored ones (names, units: a realistic spread),
// with new ID numbers, written with or without person_list's insert trigger.
double writePeople(storage::Database& db, int n, bool setBased) {
    storage::Transaction tx(db);   // rolled back: every measurement starts from the same file
    const auto start = Clock::now();
    std::int64_t after = 0;
    {
        storage::Statement st = db.prepare("SELECT ifnull(max(id), 0) FROM person");
        st.step();
        after = st.columnInt(0);
    }
    std::optional<storage::SuspendedTriggers> suspended;
    if (setBased) suspended.emplace(db, std::vector<std::string>{storage::kPersonListInsertTrigger});
    storage::Statement insert = db.prepare(R"(
        INSERT INTO person (name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours)
        SELECT name, gender, printf('9%017d', id), phone, unit_id, 1, joined_on, 1 FROM person
        WHERE id <= ?1 ORDER BY id)");
    insert.bind(1, n);
    insert.run();
    if (setBased) {
        suspended->restore();
        storage::fillNewPeople(db, after, after + n);
    }
    return secondsSince(start);
}

void threshold(const Options& o, const std::string& bigDb) {
    const std::string db = o.dir + "/threshold.db";
    for (const std::string& into : {std::string(), bigDb}) {
        removeDb(db);
        if (!into.empty()) copyDb(into, db);
        storage::Storage storage(db);
        if (into.empty()) {   // people to copy from, committed (the rest of the empty database stays empty)
            storage::Transaction tx(storage.db());
            storage::Statement st = storage.db().prepare(
                "INSERT INTO person (name, gender, id_number, is_volunteer) VALUES (?1, ?2, printf('8%017d', ?3), 1)");
            static const char* const names[] = {"王芳", "李秀英", "张敏", "刘洋", "陈静", "欧阳娜", "吕强"};
            for (int i = 1; i <= 20000; ++i) st.bind(1, names[i % 7]).bind(2, i % 2 ? "女" : "男").bind(3, i).run();
            tx.commit();
        }
        storage.db().exec("PRAGMA cache_size = -196608; PRAGMA temp_store = MEMORY");   // as the import sets them
        std::printf("  %s database: N people, per-row triggers vs set-based (ms, two runs each)\n",
                    into.empty() ? "empty" : "big");
        for (int n : {30, 100, 300, 1000, 3000, 10000}) {
            double perRow[2], setBased[2];
            for (int run = 0; run < 2; ++run) {
                perRow[run] = writePeople(storage.db(), n, false);
                setBased[run] = writePeople(storage.db(), n, true);
            }
            std::printf("  N=%6d  per-row %8.1f %8.1f   set-based %8.1f %8.1f\n", n, 1000 * perRow[0],
                        1000 * perRow[1], 1000 * setBased[0], 1000 * setBased[1]);
        }
    }
    removeDb(db);
}

// Undo of a whole batch: FILE imported by `jinguo import` into an empty
// database and into a fresh copy of big.db, then ImportStore::undo of that
// batch in this process, timed (its own backup of the file first, timed
// apart by a backup made just before), CPU of this process beside.
void undoBatch(const Options& o, const std::string& file, const std::string& bigDb) {
    const std::string db = o.dir + "/undo.db";
    std::printf("  | into            | import s | undo s (backup s) | undo cpu s | people removed\n");
    for (const std::string& into : {std::string(), bigDb}) {
        removeDb(db);
        if (!into.empty()) copyDb(into, db);
        ::sync();
        const Run imported = spawn({o.jinguo, "import", "--db", db, "--kind", "volunteers", file});
        fs::remove_all(storage::backupFolderFor(db));
        storage::Storage s(db);
        storage::ImportStore imports(s);
        const RowId batch = imports.batches().front().id;
        auto start = Clock::now();
        storage::BackupStore(db).create(storage::kBackupBeforeUndoImport);
        const double backup = secondsSince(start);
        rusage before{}, after{};
        getrusage(RUSAGE_SELF, &before);
        start = Clock::now();
        const auto undone = imports.undo(batch);
        const double seconds = secondsSince(start);
        getrusage(RUSAGE_SELF, &after);
        auto cpu = [](const rusage& r) {
            return r.ru_utime.tv_sec + r.ru_stime.tv_sec + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
        };
        std::printf("  | %s | %8.2f | %6.2f (%5.2f)    | %10.2f | %ld\n", into.empty() ? "empty database " : "big database   ",
                    imported.seconds, seconds, backup, cpu(after) - cpu(before), static_cast<long>(undone.personsRemoved));
        std::fflush(stdout);
        fs::remove_all(storage::backupFolderFor(db));
    }
    removeDb(db);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    const fs::path self = fs::weakly_canonical(fs::absolute(argv[0]));   // "./import_scale_bench": no "." left
    o.jinguo = (self.parent_path().parent_path() / "jinguo").string();
    o.gen = JINGUO_SOURCE_DIR "/../shared/tools/gen_roster.py";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--base-rows") o.baseRows = std::stoi(value());
        else if (a == "--rows") o.rows = std::stoi(value());
        else if (a == "--runs") o.runs = std::max(1, std::stoi(value()));
        else if (a == "--dir") o.dir = value();
        else if (a == "--big") o.big = value();
        else if (a == "--jinguo") o.jinguo = value();
        else if (a == "--gen") o.gen = value();
        else if (a == "--phases") o.phases = true;
        else if (a == "--threshold") o.threshold = true;
        else if (a == "--undo") o.undo = true;
        else if (a == "--again-only") o.againOnly = true;
        else if (a == "--baseline") o.baseline = value();
        else {
            std::fprintf(stderr, "usage: import_scale_bench [--base-rows N] [--rows N] [--runs R] [--dir DIR]\n"
                                 "                          [--big DB] [--jinguo PATH] [--baseline PATH] [--gen PATH]\n"
                                 "                          [--phases] [--threshold] [--undo] [--again-only]\n");
            return 2;
        }
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);   // lines as they come, also into a file
    fs::create_directories(o.dir);
    const std::string bigDb = o.dir + "/big.db", fresh = o.dir + "/fresh.csv", again = o.dir + "/again.csv";
    buildInputs(o, bigDb, fresh, again);
    {
        storage::Storage s(bigDb);
        std::printf("big database: %lld people, %lld service records\n",
                    static_cast<long long>(count(s.db(), "SELECT count(*) FROM person")),
                    static_cast<long long>(count(s.db(), "SELECT count(*) FROM service_record")));
    }
    if (o.phases) {
        std::printf("phases, fresh.csv, in this process:\n");
        phases(o, fresh, bigDb);
    }
    if (o.undo) {
        std::printf("undo of the batch of fresh.csv, in this process:\n");
        undoBatch(o, fresh, bigDb);
        return 0;
    }
    if (o.threshold) {
        std::printf("set-based threshold, in this process:\n");
        threshold(o, bigDb);
        return 0;
    }
    for (const auto& [label, file] :
         {std::pair<std::string, std::string>{"new people (fresh.csv)", fresh},
          {"re-import (again.csv: half of them already stored, 8 h more each)", again}}) {
        if (o.againOnly && file != again) continue;
        if (!o.baseline.empty()) compare(o, o.baseline, label, file, bigDb);
        compare(o, o.jinguo, label, file, bigDb);
    }
    return 0;
}
