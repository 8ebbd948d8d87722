// export_bench.cpp — 导出 at a city's size (issue 17). Before: drawExportMenu
// read the rows and wrote the file inside the frame that confirmed the
// picker, so that frame lasted the whole export. Now: the frame hands the
// export to a Task (ui/export_buttons.hpp runExport, its own connection) and
// each later frame only polls it. Both measured here in the same run on the
// same rows (the CSV files are compared byte for byte). Not run by CTest.
//
//   build/tests/export_bench COPY_OF_BIG_DB [--all-volunteers]
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
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace jinguo;

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}
std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// One list: the old frame (read + write on this thread) against the new
// frames (start the Task, then poll every 16 ms until it delivers).
void measure(storage::Storage& storage, const char* what, const ui::ExportReader& reader, const std::string& dir) {
    const std::string before = dir + "/before.csv", after = dir + "/after.csv";
    auto start = Clock::now();
    ui::ExportProgress none;
    const std::string error = writeExport(before, reader(storage, none));
    const double oldFrame = msSince(start);
    if (!error.empty()) std::printf("  (old export failed: %s)\n", error.c_str());

    ui::Task<ui::ExportOutcome> job;
    start = Clock::now();
    job.start({storage.revision(), "export"}, [&](ui::TaskControl& control) {
        return ui::runExport(storage.path(), reader, after, false, &control, 0);
    });
    const double startFrame = msSince(start);
    double longestPoll = 0;
    int frames = 0;
    for (;;) {
        const auto poll = Clock::now();
        const bool arrived = job.poll();
        longestPoll = std::max(longestPoll, msSince(poll));
        ++frames;
        if (arrived) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    const double taskMs = msSince(start);
    const ui::ExportOutcome& o = *job.result();
    std::printf("| %s | %lld | %.0f ms | %.2f ms | %.3f ms | %.0f ms (%d frames) | %s |\n", what,
                static_cast<long long>(o.rows), oldFrame, startFrame, longestPoll, taskMs, frames,
                o.error.empty() && bytesOf(before) == bytesOf(after) ? "same bytes" : "DIFFERS");
    std::fflush(stdout);
    std::filesystem::remove(before);
    std::filesystem::remove(after);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: export_bench COPY_OF_BIG_DB [--all-volunteers]\n");
        return 2;
    }
    const bool allVolunteers = argc > 2 && std::strcmp(argv[2], "--all-volunteers") == 0;
    const std::string dir = (std::filesystem::temp_directory_path() / ("export_bench_" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(dir);
    {
        storage::Storage storage(argv[1]);
        std::printf("| list | rows | old: the frame | new: the starting frame | new: longest poll | new: the Task | file |\n"
                    "|---|---|---|---|---|---|---|\n");
        measure(storage, "活动 (all)", [](storage::Storage& own, ui::ExportProgress& p) {
            return ui::activitiesShownTable(own, storage::ActivityQuery{}, &p);
        }, dir);
        storage::FamilyQuery families;
        families.today = "2026-11-29";
        families.search = "张";
        measure(storage, "家庭 search 张", [families](storage::Storage& own, ui::ExportProgress& p) {
            return ui::familiesShownTable(own, families, &p);
        }, dir);
        storage::VolunteerListQuery volunteers;
        volunteers.search = "王芳";
        measure(storage, "志愿者 search 王芳", [volunteers](storage::Storage& own, ui::ExportProgress& p) {
            return ui::volunteersShownTable(own, volunteers, false, &p);
        }, dir);
        if (allVolunteers)
            measure(storage, "志愿者 (all)", [](storage::Storage& own, ui::ExportProgress& p) {
                return ui::volunteersShownTable(own, storage::VolunteerListQuery{}, false, &p);
            }, dir);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak RSS %ld MiB\n", usage.ru_maxrss / 1024);
    std::filesystem::remove_all(dir);
    return 0;
}
