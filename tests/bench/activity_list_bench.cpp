// activity_list_bench.cpp — the 活动 list at a city's size (issue 17): the
// old path (ActivityStore::list: every activity with its volunteers and hours
// summed over every service record, then filtered in memory, as the screen's
// Task did on every revision) beside the new one (storage/activity_list.hpp:
// counts, first page, next page by keyset, a far jump, the filters, the year
// choices, the export's full read), in the same run, at each size asked.
// Not run by CTest; no timed assertions anywhere.
//
//   build/tests/activity_list_bench COPY.db [N …]   a copy of /work/bench/big.db (migrated here:
//                                                   never pass the shared file itself); for each N
//                                                   (default 30000 100000) the activity table is
//                                                   topped up to N rows, dated 2024–2026 over every
//                                                   unit (the added ones have no service records)
#include "storage/activity_list.hpp"
#include "storage/activity_store.hpp"
#include "storage/storage.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
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

std::int64_t scalar(Storage& s, const std::string& sql) {
    Statement st = s.db().prepare(sql);
    return st.step() ? st.columnInt(0) : 0;
}

void topUp(Storage& s, std::int64_t target) {
    const std::int64_t have = scalar(s, "SELECT count(*) FROM activity");
    if (have >= target) return;
    Transaction tx(s.db());
    s.db().exec("CREATE TEMP TABLE IF NOT EXISTS bench_units AS"
                " SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM org_unit");
    Statement st = s.db().prepare(
        "WITH RECURSIVE x(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM x WHERE i < ?2)"
        " INSERT INTO activity (name, held_on, unit_id, kind, participants)"
        " SELECT '巾帼志愿服务' || x.i, date('2024-01-01', '+' || (x.i * 7919 % 1064) || ' days'),"
        "        (SELECT id FROM bench_units WHERE n = x.i * 31 % (SELECT count(*) FROM bench_units)), '帮扶', 20"
        " FROM x");
    st.bind(1, have + 1).bind(2, target);
    st.run();
    tx.commit();
}

// A street (a unit whose parent is the root) and a community (a unit two below it) with activities.
RowId unitAtDepth(Storage& s, int depth) {
    const std::string sql = depth == 1
        ? "SELECT u.id FROM org_unit u JOIN org_unit r ON r.id = u.parent_id AND r.parent_id IS NULL ORDER BY u.id LIMIT 1"
        : "SELECT c.id FROM org_unit c JOIN org_unit u ON u.id = c.parent_id JOIN org_unit r ON r.id = u.parent_id"
          " AND r.parent_id IS NULL ORDER BY c.id LIMIT 1";
    return scalar(s, sql);
}

void measure(Storage& s, std::int64_t size) {
    topUp(s, size);
    const RowId root = scalar(s, "SELECT id FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1");
    const RowId street = unitAtDepth(s, 1), community = unitAtDepth(s, 2);
    std::printf("\n=== %lld activities, %lld service records\n", static_cast<long long>(scalar(s, "SELECT count(*) FROM activity")),
                static_cast<long long>(scalar(s, "SELECT count(*) FROM service_record")));

    // ---- old: the whole list with every total, then the filter in memory
    std::vector<ActivityRow> all;
    const double oldList = ms([&] { all = ActivityStore(s).list(); });
    std::printf("old  ActivityStore::list (count + first page = all rows)  %9.1f ms  (%zu rows, peak %ld MiB)\n",
                oldList, all.size(), peakMiB());
    all.clear();
    all.shrink_to_fit();

    // ---- new: what the screen's Tasks ask for
    struct Case {
        const char* what;
        ActivityQuery query;
    };
    const Case cases[] = {{"no filter", {0, 0}},
                          {"年份 2025", {0, 2025}},
                          {"区 (the root's subtree)", {root, 0}},
                          {"a street", {street, 0}},
                          {"a community", {community, 0}},
                          {"a community, 2025", {community, 2025}}};
    std::printf("new  %-28s %9s %9s %9s %9s %9s\n", "", "count", "page 1", "page 2", "far end", "rows");
    for (const Case& c : cases) {
        ActivityCounts counts;
        std::vector<ActivityRow> page;
        const double count = ms([&] { counts = activityCounts(s, c.query); });
        const double first = ms([&] { page = activityPage(s, c.query, std::nullopt, 64); });
        const std::optional<ActivityListKey> after =
            page.empty() ? std::nullopt : std::optional<ActivityListKey>(activityListKeyOf(page.back()));
        const double next = ms([&] { page = activityPage(s, c.query, after, 64); });
        const double far = ms([&] {
            page = activityPageAt(s, c.query, std::max<std::int64_t>(0, counts.shown - 64), 64);
        });
        std::printf("     %-28s %9.1f %9.1f %9.1f %9.1f %9lld\n", c.what, count, first, next, far,
                    static_cast<long long>(counts.shown));
    }
    std::vector<int> years;
    const double yearsMs = ms([&] { years = activityYears(s); });
    std::printf("     year choices %28.1f ms  (%zu years)\n", yearsMs, years.size());
    std::size_t exported = 0;
    const double exportMs = ms([&] {
        std::optional<ActivityListKey> after;
        for (;;) {
            const std::vector<ActivityRow> page = activityPage(s, ActivityQuery{}, after, 1000);
            exported += page.size();
            if (page.size() < 1000) break;
            after = activityListKeyOf(page.back());
        }
    });
    std::printf("     export read, no filter (pages of 1000) %8.1f ms  (%zu rows)\n", exportMs, exported);
    std::printf("     peak memory so far: %ld MiB\n", peakMiB());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: activity_list_bench COPY_OF_BIG.db [ACTIVITIES …]\n");
        return 2;
    }
    std::unique_ptr<Storage> opened;
    const double openMs = ms([&] { opened = std::make_unique<Storage>(argv[1]); });   // migrates (0031)
    std::printf("open (+ migration when older): %.0f ms\n", openMs);
    std::vector<std::int64_t> sizes;
    for (int i = 2; i < argc; ++i) sizes.push_back(std::atoll(argv[i]));
    if (sizes.empty()) sizes = {30000, 100000};
    for (const std::int64_t size : sizes) measure(*opened, size);
    return 0;
}
