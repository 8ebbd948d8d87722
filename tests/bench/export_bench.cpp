// export_bench.cpp — 导出 at a city's size (issue 17). Before: an export read
// every row into an ExportTable and then wrote it (CSV, or .xlsx through
// libxlsxwriter's ordinary mode, which keeps every cell in memory too): the
// 1M volunteers peaked at 839 MiB. Now: the rows go to the file as they are
// read (ExportFileWriter; .xlsx in constant_memory mode). Each way runs in a
// child process of its own (peak RSS and CPU are the child's), on the same
// rows in the same run; CSV files are compared byte for byte, .xlsx files
// cell by cell with openpyxl (Debian's /usr/bin/python3) up to 300,000 rows.
// Not run by CTest.
//
//   build/tests/export_bench COPY_OF_BIG_DB [--all-volunteers] [--xlsx]
#include "core/table_export.hpp"
#include "storage/activity_list.hpp"
#include "storage/family_list.hpp"
#include "storage/storage.hpp"
#include "storage/volunteer_list.hpp"
#include "ui/export_buttons.hpp"
#include "ui/screen_activities.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_volunteers.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace jinguo;

namespace {

using Clock = std::chrono::steady_clock;

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Run {
    double wallMs = 0, cpuS = 0;
    long peakMiB = 0;
    bool ok = false;
};

// Runs `body` in a child process; its wall time, CPU and peak RSS.
template <class Body> Run inChild(Body body) {
    const auto start = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) _exit(body() ? 0 : 1);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    Run r;
    r.wallMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    r.cpuS = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
             static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.peakMiB = usage.ru_maxrss / 1024;
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return r;
}

std::string sameXlsx(const std::string& a, const std::string& b) {
    const std::string script =
        "import openpyxl,sys\n"
        "def rows(p):\n"
        "    return [tuple(c for c in r) for r in openpyxl.load_workbook(p, read_only=True).active.iter_rows(values_only=True)]\n"
        "sys.exit(0 if rows(sys.argv[1]) == rows(sys.argv[2]) else 1)\n";
    const std::string command = "/usr/bin/python3 -c '" + script + "' '" + a + "' '" + b + "'";
    return std::system(command.c_str()) == 0 ? "same cells (openpyxl)" : "CELLS DIFFER";
}

// One list: held (the whole table read, then written) against streamed (runExport).
void measure(const std::string& db, const char* what, const ui::ExportReader& reader, const std::string& dir,
             const std::string& extension) {
    const std::string before = dir + "/before" + extension, after = dir + "/after" + extension;
    std::int64_t rows = 0;
    const Run held = inChild([&] {
        storage::Storage storage(db);
        ExportTableCollector collector;
        ui::ExportProgress none;
        reader(storage, none, collector);
        // The old writers: CSV from the table; .xlsx in libxlsxwriter's ordinary mode.
        const std::string error = extension == ".csv" ? writeExport(before, collector.table)
                                                      : writeWorkbook(before, {collector.table});
        return error.empty();
    });
    const Run streamed = inChild([&] {
        const ui::ExportOutcome o = ui::runExport(db, reader, after, false, nullptr, 0);
        std::ofstream(dir + "/rows") << o.rows;
        return o.error.empty();
    });
    std::ifstream(dir + "/rows") >> rows;
    std::string same = "DIFFERS";
    if (held.ok && streamed.ok) {
        if (extension == ".csv") same = bytesOf(before) == bytesOf(after) ? "same bytes" : "DIFFERS";
        else same = rows <= 300000 ? sameXlsx(before, after) : "not compared (> 300,000 rows)";
    }
    std::printf("| %s %s | %lld | %.0f ms, %.1f s CPU, %ld MiB | %.0f ms, %.1f s CPU, %ld MiB | %s |\n", what,
                extension.c_str(), static_cast<long long>(rows), held.wallMs, held.cpuS, held.peakMiB,
                streamed.wallMs, streamed.cpuS, streamed.peakMiB, same.c_str());
    std::fflush(stdout);
    std::filesystem::remove(before);
    std::filesystem::remove(after);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: export_bench COPY_OF_BIG_DB [--all-volunteers] [--xlsx]\n");
        return 2;
    }
    bool allVolunteers = false, xlsx = false;
    for (int i = 2; i < argc; ++i) {
        allVolunteers = allVolunteers || std::strcmp(argv[i], "--all-volunteers") == 0;
        xlsx = xlsx || std::strcmp(argv[i], "--xlsx") == 0;
    }
    const std::string db = argv[1];
    const std::string dir = (std::filesystem::temp_directory_path() / ("export_bench_" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(dir);
    { storage::Storage migrate(db); }   // a migration (if any) before the children open it
    std::printf("| list | rows | held: wall, CPU, peak RSS | streamed: wall, CPU, peak RSS | file |\n"
                "|---|---|---|---|---|\n");
    for (const std::string& extension : {std::string(".csv"), std::string(".xlsx")}) {
        if (extension == ".xlsx" && !xlsx) continue;
        measure(db, "活动 (all)", [](storage::Storage& own, ui::ExportProgress& p, ExportRowSink& out) {
            ui::writeActivitiesShown(own, storage::ActivityQuery{}, &p, out);
        }, dir, extension);
        storage::FamilyQuery families;
        families.today = "2026-11-29";
        families.search = "张";
        measure(db, "家庭 search 张", [families](storage::Storage& own, ui::ExportProgress& p, ExportRowSink& out) {
            ui::writeFamiliesShown(own, families, &p, out);
        }, dir, extension);
        storage::VolunteerListQuery volunteers;
        volunteers.search = "王芳";
        measure(db, "志愿者 search 王芳", [volunteers](storage::Storage& own, ui::ExportProgress& p, ExportRowSink& out) {
            ui::writeVolunteersShown(own, volunteers, false, &p, out);
        }, dir, extension);
        if (allVolunteers)
            measure(db, "志愿者 (all)", [](storage::Storage& own, ui::ExportProgress& p, ExportRowSink& out) {
                ui::writeVolunteersShown(own, storage::VolunteerListQuery{}, false, &p, out);
            }, dir, extension);
    }
    std::printf("held = the table read whole, then written (before this change); streamed = runExport now.\n");
    std::filesystem::remove_all(dir);
    return 0;
}
