// slide_data_bench.cpp — what the 演示 slide data (SlideDataStore::load) costs
// on a big database, beside the demo database in the same run.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
// The load runs on the presentation's worker (ui::Task), so no frame waits
// for it; what it costs is the time until the slides show their data.
//   usage: slide_data_bench BIG.db [RUNS]      (BIG.db: a COPY of /work/bench/big.db,
//          opened in place read-only, as the worker opens it)
// Prints, for the district and for the first street, the median load time on
// BIG.db and on a demo database written in a temporary folder, and the ratio.
#include "demo/demo.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace jinguo;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kYear = 2026;
const char* const kToday = "2026-11-29";

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Median milliseconds of `runs` loads of the district (scope 0) or of the first street.
double loadMs(storage::Storage& storage, bool street, int runs) {
    storage::SlideDataStore store(storage);
    RowId scope = 0;
    if (street) {
        const auto scopes = store.scopes();
        if (scopes.size() > 1) scope = scopes[1].unitId;
    }
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        const storage::SlideData data = store.load(kYear, scope, kToday);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (i == 0)
            std::printf("  %-8s %-10s leaders %zu, race %zu, wall %d, targets %zu\n", street ? "street" : "district",
                        data.scopeName.c_str(), data.leaders.size(), data.race.size(), data.wallTotal,
                        data.targets.size());
    }
    return median(times);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: slide_data_bench BIG.db [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "jinguo_slide_data_bench";
    std::filesystem::create_directories(dir);
    const std::string demoPath = (dir / "demo.db").string();
    std::filesystem::remove(demoPath);
    {
        storage::Storage demo(demoPath);
        demo::writeDemoData(demo);
    }
    storage::Storage big(argv[1]);
    storage::Storage demo(demoPath);
    std::printf("slide data of %d, median of %d runs\n", kYear, runs);
    for (const bool street : {false, true}) {
        const double onBig = loadMs(big, street, runs);
        const double onDemo = loadMs(demo, street, runs);
        std::printf("%-8s big %9.1f ms   demo %7.1f ms   ratio %6.1f×\n", street ? "street" : "district", onBig, onDemo,
                    onDemo > 0 ? onBig / onDemo : 0.0);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
