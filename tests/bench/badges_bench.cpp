// badges_bench.cpp — what evaluating every badge costs on an existing database.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
// Run 0 on a database never evaluated stores every badge (one transaction,
// each row audited); later runs find everything stored and write nothing, the
// cost of the announcer's re-evaluation after a change.
// usage: badges_bench DB [RUNS] [TODAY YYYY-MM-DD]
// e.g. on the demo database (jinguo demo --db /tmp/demo.db) or on the one
// aggregates_bench leaves with "keep" (1,000,000 service records).
#include "core/periods.hpp"
#include "storage/badge_store.hpp"
#include "storage/storage.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: badges_bench DB [RUNS] [TODAY]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    const auto today = jinguo::parseDate(argc > 3 ? argv[3] : "2026-11-29");
    if (!today) {
        std::fprintf(stderr, "TODAY must be YYYY-MM-DD\n");
        return 2;
    }
    jinguo::storage::Storage storage(argv[1]);
    jinguo::storage::BadgeStore badges(storage);
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const jinguo::storage::BadgeEvaluation e = badges.evaluate(*today);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::printf("run %d: %8.1f ms  people %lld  units %lld  badges %lld  newly stored %lld\n", i, ms,
                    static_cast<long long>(e.peopleEvaluated), static_cast<long long>(e.unitsEvaluated),
                    static_cast<long long>(e.badgesFound), static_cast<long long>(e.newlyStored));
    }
    return 0;
}
