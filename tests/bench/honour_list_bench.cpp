// honour_list_bench.cpp — the 荣誉 list on a copy of the big database (issue
// 17): the old path (RecordStore::honourRows(), pinyin keys of every row and
// an in-memory sort, as the screen's loader did on every revision) beside the
// new one (storage/honour_list.hpp: counts, first page, next page by keyset,
// far jumps, a filter, searches, the filter choices), in the same run. Not
// run by CTest; no timed assertions anywhere.
//
//   build/tests/honour_list_bench COPY.db   a copy of /work/bench/big.db (migrated here:
//                                           never pass the shared file itself)
#include "core/pinyin.hpp"
#include "storage/honour_list.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

double ms(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

long peakMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: honour_list_bench COPY_OF_BIG.db\n");
        return 2;
    }
    const std::string path = argv[1];
    double openMs = 0;
    std::unique_ptr<Storage> opened;
    openMs = ms([&] { opened = std::make_unique<Storage>(path); });   // migrates (0025 fills honour_list once)
    Storage& s = *opened;
    std::printf("open (+ migration when older): %.0f ms, peak %ld MiB\n", openMs, peakMiB());
    {
        Statement st = s.db().prepare("SELECT (SELECT count(*) FROM award), (SELECT count(*) FROM honour_list)");
        if (st.step()) std::printf("awards: %lld, of people and collectives: %lld\n",
                                   static_cast<long long>(st.columnInt(0)), static_cast<long long>(st.columnInt(1)));
    }

    // ---- new: what the screen asks for (each on the worker in the app)
    std::printf("\nnew (HonourList)                          ms\n");
    HonourQuery q;   // the screen's default: newest year first
    HonourCounts counts;
    std::vector<HonourListRow> page;
    auto row = [](const char* what, double value) { std::printf("  %-38s %8.1f\n", what, value); };
    row("counts", ms([&] { counts = honourCounts(s, q); }));
    row("first page (64)", ms([&] { page = honourPage(s, q, std::nullopt, 64); }));
    const HonourListKey after = page.empty() ? HonourListKey{} : page.back().key;
    row("next page by keyset", ms([&] { page = honourPage(s, q, after, 64); }));
    row("far jump to the middle", ms([&] { page = honourPageAt(s, q, counts.shown / 2, 64); }));
    row("far jump to the end", ms([&] { page = honourPageAt(s, q, std::max<std::int64_t>(0, counts.shown - 64), 64); }));
    for (int sort = 1; sort < kHonourSortCount; ++sort) {
        HonourQuery sorted = q;
        sorted.sort = static_cast<HonourSort>(sort);
        sorted.ascending = true;
        const std::string what = "first page, sort " + std::to_string(sort);
        row(what.c_str(), ms([&] { page = honourPage(s, sorted, std::nullopt, 64); }));
    }
    HonourQuery byYear = q;
    byYear.year = 2025;
    HonourCounts yearCounts;
    row("counts, 年度 2025", ms([&] { yearCounts = honourCounts(s, byYear); }));
    row("first page, 年度 2025", ms([&] { page = honourPage(s, byYear, std::nullopt, 64); }));
    for (const char* search : {"zhang", "王", "1234"}) {
        HonourQuery searched = q;
        searched.search = search;
        HonourCounts found;
        const double c = ms([&] { found = honourCounts(s, searched); });
        const double p = ms([&] { page = honourPage(s, searched, std::nullopt, 64); });
        std::printf("  search %-10s counts %6.1f  first page %6.1f  (%lld found)\n", search, c, p,
                    static_cast<long long>(found.shown));
    }
    HonourFilterChoices choices;
    row("filter choices", ms([&] { choices = honourFilterChoices(s); }));
    std::printf("  %lld titles (%lld people's, %lld collectives'), %zu years, %zu title choices\n",
                static_cast<long long>(counts.shown), static_cast<long long>(counts.people),
                static_cast<long long>(counts.collectives), choices.years.size(), choices.titles.size());
    std::printf("  peak memory after the new path: %ld MiB\n", peakMiB());

    // ---- old: every row, its pinyin keys, sorted (screen_honours.cpp before issue 17)
    std::printf("\nold (honourRows + keys + sort)            ms\n");
    std::vector<HonourRow> rows;
    row("honourRows()", ms([&] { rows = RecordStore(s).honourRows(); }));
    std::vector<std::string> keys(rows.size());
    PinyinIndex pinyin;
    row("pinyin keys of every row", ms([&] {
        for (std::size_t i = 0; i < rows.size(); ++i) keys[i] = pinyin.keysFor(rows[i].name).collation;
    }));
    std::vector<int> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    row("sort by year", ms([&] {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return rows[static_cast<std::size_t>(a)].year > rows[static_cast<std::size_t>(b)].year;
        });
    }));
    std::printf("  %zu rows; peak memory after the old path: %ld MiB\n", rows.size(), peakMiB());
    return 0;
}
