// import_bench.cpp — what a roster import costs at scale, against its peers.
//
// A benchmark, not a test: it prints figures and ratios against peers measured
// in the same run on the same files, and asserts nothing about time.
// The targets (issue 4):
//   (a) `jinguo import --kind volunteers` of a 1,000,000-row CSV takes at most
//       1.5× the sqlite3 shell's `.import` of the same file into a plain table;
//   (b) reading and importing a 200,000-row .xlsx is at least 10× faster than
//       openpyxl in read-only mode just reading it.
// Both sides run as separate processes into fresh databases, timed wall-clock
// (median of RUNS); peak RSS comes from wait4 (not meaningful after --phases:
// a child spawned from the then-large bench inherits its high-water mark). With --phases it also times,
// in this process, where our time goes: reading only, reading + validation,
// and the whole import (runImport), so a regression can be placed.
//
// The files come from ../shared/tools/gen_roster.py (seed 1, ISO dates),
// written once into DIR and reused. openpyxl must be importable by
// /usr/bin/python3 (Debian's python3-openpyxl).
//
// usage: import_bench [--rows N] [--xlsx-rows N] [--runs R] [--dir DIR]
//                     [--jinguo PATH] [--gen PATH] [--no-csv] [--no-xlsx]
//                     [--phases] [--no-peers]
#include "cli/import_command.hpp"
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"
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
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

using namespace jinguo;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

struct Options {
    int rows = 1000000;
    int xlsxRows = 200000;
    int runs = 3;
    std::string dir = (fs::temp_directory_path() / "jinguo_import_bench").string();
    std::string jinguo;
    std::string gen;
    bool csv = true, xlsx = true, phases = false, peers = true;
};

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpuNow() {   // this process's user + system seconds
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

struct Run {
    double seconds = 0;
    double cpuSeconds = 0;     // user + system: steadier than wall time on a busy machine
    long maxRssKb = 0;
    int status = -1;
};

// Runs argv as a child process, stdout/stderr to /dev/null; wall time and peak RSS.
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
    if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.seconds = secondsSince(start);
    run.maxRssKb = usage.ru_maxrss;
    run.cpuSeconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec
                   + usage.ru_stime.tv_usec / 1e6;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    posix_spawn_file_actions_destroy(&actions);
    return run;
}

void removeDb(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
}

std::string ensureFile(const Options& o, const std::string& format, int rows) {
    const std::string path =
        o.dir + "/roster_" + std::to_string(rows) + (format == "xlsx" ? ".xlsx" : ".csv");
    if (fs::exists(path)) return path;
    std::printf("generating %s ...\n", path.c_str());
    std::fflush(stdout);
    const Run r = spawn({"/usr/bin/python3", o.gen, "--rows", std::to_string(rows), "--seed", "1", "--format",
                         format == "xlsx" ? "xlsx" : "csv-utf8", "-o", path});
    if (r.status != 0 || !fs::exists(path)) {
        std::fprintf(stderr, "could not generate %s with %s (needs /usr/bin/python3 with openpyxl)\n", path.c_str(),
                     o.gen.c_str());
        std::exit(1);
    }
    return path;
}

// ---------------------------------------------------------------- phases, in this process

class CountingSink : public sheet::RowSink {
public:
    bool beginSheet(const sheet::SheetInfo&) override { return true; }
    bool row(const sheet::Row& row) override {
        ++rows;
        cells += row.cells.size();
        return true;
    }
    long rows = 0, cells = 0;
};

class ValidatingSink : public sheet::RowSink {
public:
    bool beginSheet(const sheet::SheetInfo&) override {
        m_feed.emplace(roster::RosterKind::Volunteers);
        return true;
    }
    bool row(const sheet::Row& row) override {
        m_outcomes.clear();
        m_feed->feed(row, m_outcomes);
        count();
        return true;
    }
    void endSheet() override {
        m_outcomes.clear();
        m_feed->finish(m_outcomes);
        count();
    }
    long accepted = 0, rejected = 0;

private:
    void count() {
        for (const roster::RowOutcome& o : m_outcomes) {
            accepted += o.status == roster::RowStatus::Accepted;
            rejected += o.status == roster::RowStatus::Rejected;
        }
    }
    std::optional<roster::SheetFeed> m_feed;
    std::vector<roster::RowOutcome> m_outcomes;
};

void phases(const Options& o, const std::string& file) {
    {
        CountingSink sink;
        const auto start = Clock::now();
        const double cpu = cpuNow();
        sheet::readSpreadsheet(file, sink);
        std::printf("  read only:            %6.2f s, cpu %.2f s  (%ld rows, %ld cells)\n", secondsSince(start),
                    cpuNow() - cpu, sink.rows, sink.cells);
    }
    {
        ValidatingSink sink;
        const auto start = Clock::now();
        const double cpu = cpuNow();
        sheet::readSpreadsheet(file, sink);
        std::printf("  read + validate:      %6.2f s, cpu %.2f s  (%ld accepted, %ld rejected)\n",
                    secondsSince(start), cpuNow() - cpu, sink.accepted, sink.rejected);
    }
    {
        const std::string db = o.dir + "/phase.db";
        removeDb(db);
        storage::Storage storage(db);
        cli::ImportRequest request;
        request.kind = "volunteers";
        request.files = {file};
        std::ostringstream out, err;
        const auto start = Clock::now();
        const double cpu = cpuNow();
        const int code = cli::runImport(storage, request, out, err);
        std::printf("  whole import (runImport, in process): %6.2f s, cpu %.2f s  (exit %d)\n", secondsSince(start),
                    cpuNow() - cpu, code);
    }
    {
        // A second import of the same people from a different file: every row
        // an update (the re-import case of a roster sent again with changes).
        const std::string db = o.dir + "/phase.db";
        const std::string copy = o.dir + "/again" + fs::path(file).extension().string();
        fs::copy_file(file, copy, fs::copy_options::overwrite_existing);
        {
            std::ofstream(copy, std::ios::app) << (fs::path(file).extension() == ".csv" ? "\n" : "");
        }
        if (fs::path(file).extension() == ".csv") {
            storage::Storage storage(db);
            cli::ImportRequest request;
            request.kind = "volunteers";
            request.files = {copy};
            std::ostringstream out, err;
            const auto start = Clock::now();
            const double cpu = cpuNow();
            const int code = cli::runImport(storage, request, out, err);
            std::printf("  same people again, other file (all matched): %6.2f s, cpu %.2f s  (exit %d)\n",
                        secondsSince(start), cpuNow() - cpu, code);
        }
        fs::remove(copy);
        removeDb(db);
    }
}

// ---------------------------------------------------------------- the two comparisons

Run ours(const Options& o, const std::string& file) {
    const std::string db = o.dir + "/ours.db";
    removeDb(db);
    Run r = spawn({o.jinguo, "import", "--db", db, "--kind", "volunteers", file});
    removeDb(db);
    return r;
}

Run sqliteImport(const Options& o, const std::string& file) {
    const std::string db = o.dir + "/peer.db";
    removeDb(db);
    Run r = spawn({"sqlite3", db, "-cmd", ".mode csv", ".import '" + file + "' roster"});
    removeDb(db);
    return r;
}

Run openpyxlRead(const Options& o, const std::string& file) {
    const std::string script = o.dir + "/openpyxl_read.py";
    std::ofstream(script) << "import sys, openpyxl\n"
                             "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
                             "n = 0\n"
                             "for ws in wb.worksheets:\n"
                             "    for row in ws.iter_rows(values_only=True):\n"
                             "        n += 1\n"
                             "print(n)\n";
    return spawn({"/usr/bin/python3", script, file});
}

void compare(const Options& o, const char* label, const std::string& file, Run (*peer)(const Options&, const std::string&),
             const char* peerName, bool peerIsFaster) {
    std::vector<double> mine, theirs, mineCpu, theirsCpu;
    long rss = 0;
    for (int i = 0; i < o.runs; ++i) {
        const Run a = ours(o, file);
        if (a.status != 0) std::printf("  jinguo import exited %d\n", a.status);
        mine.push_back(a.seconds);
        mineCpu.push_back(a.cpuSeconds);
        rss = std::max(rss, a.maxRssKb);
        if (o.peers && (peerIsFaster || i == 0)) {   // openpyxl is slow: once
            const Run b = peer(o, file);
            if (b.status != 0) std::printf("  %s exited %d\n", peerName, b.status);
            theirs.push_back(b.seconds);
            theirsCpu.push_back(b.cpuSeconds);
        }
    }
    const double m = median(mine), t = median(theirs);
    std::printf("%s\n  jinguo import: %.2f s (median of %d; runs:", label, m, o.runs);
    for (double s : mine) std::printf(" %.2f", s);
    std::printf("), cpu %.2f s, peak RSS %.0f MiB\n", median(mineCpu), rss / 1024.0);
    if (!theirs.empty()) {
        std::printf("  %s: %.2f s (runs:", peerName, t);
        for (double s : theirs) std::printf(" %.2f", s);
        std::printf("), cpu %.2f s\n", median(theirsCpu));
        if (peerIsFaster)
            std::printf("  cpu ratio jinguo / peer = %.2fx\n", median(mineCpu) / median(theirsCpu));
        else
            std::printf("  cpu ratio peer / jinguo = %.1fx\n", median(theirsCpu) / median(mineCpu));
        if (peerIsFaster) std::printf("  ratio jinguo / peer = %.2fx  (target <= 1.5x)\n", m / t);
        else std::printf("  ratio peer / jinguo = %.1fx faster  (target >= 10x)\n", t / m);
    }
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    const fs::path self = fs::absolute(argv[0]);
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
        if (a == "--rows") o.rows = std::stoi(value());
        else if (a == "--xlsx-rows") o.xlsxRows = std::stoi(value());
        else if (a == "--runs") o.runs = std::max(1, std::stoi(value()));
        else if (a == "--dir") o.dir = value();
        else if (a == "--jinguo") o.jinguo = value();
        else if (a == "--gen") o.gen = value();
        else if (a == "--no-csv") o.csv = false;
        else if (a == "--no-xlsx") o.xlsx = false;
        else if (a == "--phases") o.phases = true;
        else if (a == "--no-peers") o.peers = false;
        else {
            std::fprintf(stderr,
                         "usage: import_bench [--rows N] [--xlsx-rows N] [--runs R] [--dir DIR] [--jinguo PATH]\n"
                         "                    [--gen PATH] [--no-csv] [--no-xlsx] [--phases] [--no-peers]\n");
            return 2;
        }
    }
    fs::create_directories(o.dir);
    if (o.csv) {
        const std::string csv = ensureFile(o, "csv", o.rows);
        if (o.phases) {
            std::printf("CSV %d rows, phases in this process:\n", o.rows);
            phases(o, csv);
        }
        compare(o, ("(a) CSV, " + std::to_string(o.rows) + " rows, " + std::to_string(fs::file_size(csv) >> 20)
                    + " MiB").c_str(),
                csv, sqliteImport, "sqlite3 shell .import", true);
    }
    if (o.xlsx) {
        const std::string xlsx = ensureFile(o, "xlsx", o.xlsxRows);
        if (o.phases) {
            std::printf("XLSX %d rows, phases in this process:\n", o.xlsxRows);
            phases(o, xlsx);
        }
        compare(o, ("(b) XLSX, " + std::to_string(o.xlsxRows) + " rows, "
                    + std::to_string(fs::file_size(xlsx) >> 20) + " MiB").c_str(),
                xlsx, openpyxlRead, "openpyxl read-only (read only)", false);
    }
    return 0;
}
