// units_review_bench.cpp — what the 组织 and 称号复核 Tasks read on a big
// database: the old reads (GROUP BY over every family, the held-title rule
// over every award, every held title judged) beside the new ones (unit
// summaries of migration 0028, the 待复核/已过期 list over the held ranges
// that end by the day + grace + 1 month), in the same run on the same file.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
//   usage: units_review_bench COPY_OF_BIG.db [RUNS]
// (A copy: opening migrates it to the latest schema first.)
#include "core/periods.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_review.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

using namespace jinguo;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kToday = "2026-11-29";
const char* const kYearEnd = "2026-12-31";

// Median milliseconds of `runs` calls; `what` prints a size after the first.
double medianMs(int runs, const std::function<std::size_t()>& read, const char* label) {
    std::vector<double> times;
    std::size_t size = 0;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        size = read();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("  %-48s %9.1f ms  (%zu rows)\n", label, median, size);
    return median;
}

void pair(const char* what, double oldMs, double newMs) {
    std::printf("%-20s old %9.1f ms   new %8.1f ms   old/new %7.1f×\n\n", what, oldMs, newMs,
                newMs > 0 ? oldMs / newMs : 0.0);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: units_review_bench COPY_OF_BIG.db [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const auto openStart = Clock::now();
    storage::Storage big(argv[1]);
    std::printf("opened (and migrated) in %.1f s; median of %d runs\n",
                std::chrono::duration<double>(Clock::now() - openStart).count(), runs);
    storage::RecordStore records(big);

    double o = medianMs(runs, [&] { return records.familiesPerUnitFromFamilies().size(); },
                        "families per unit: GROUP BY family");
    double n = medianMs(runs, [&] { return records.familiesPerUnit().size(); }, "families per unit: unit_family_count");
    pair("households/unit", o, n);

    o = medianMs(runs, [&] { return records.overfullUnitsFromBaseTablesOn(kYearEnd).size(); },
                 "overfull units: rule over events");
    n = medianMs(runs, [&] { return records.overfullUnitsOn(kYearEnd).size(); },
                 "overfull units: unit_title_award + spans");
    pair("overfull units", o, n);

    storage::TitleReviewFilter everyHeld;
    everyHeld.standings = {};
    o = medianMs(runs, [&] { return storage::titlesForReview(big, everyHeld, kToday).size(); },
                 "复核: every held title judged (the old default)");
    n = medianMs(runs, [&] { return storage::titlesForReview(big, {}, kToday).size(); },
                 "复核: 待复核+已过期 (ranges near their lapse)");
    pair("复核 default list", o, n);

    // 全部有效 (migration 0038): what the screen waits for before it shows
    // data — the list judged whole, against the count and the first page
    // (review_title_order), then a page far down by OFFSET and a street's.
    o = medianMs(runs, [&] { return storage::titlesForReview(big, everyHeld, kToday).size(); },
                 "全部有效: every held title judged (before 0038)");
    n = medianMs(runs, [&] {
            const std::int64_t count = storage::countHeldTitlesForReview(big, everyHeld);
            return storage::heldTitlesForReviewPage(big, everyHeld, kToday, std::nullopt, 0, 64).size() +
                   static_cast<std::size_t>(count > 0 ? 0 : 1);
        }, "全部有效: count + first page (0038)");
    pair("全部有效 to data", o, n);
    medianMs(runs, [&] { return static_cast<std::size_t>(storage::countHeldTitlesForReview(big, everyHeld)); },
             "全部有效: count alone");
    medianMs(runs, [&] { return storage::heldTitlesForReviewPage(big, everyHeld, kToday, std::nullopt, 400000, 64).size(); },
             "全部有效: page at OFFSET 400,000");
    storage::TitleReviewFilter street = everyHeld;
    {
        storage::Statement st = big.db().prepare("SELECT min(id) FROM org_unit WHERE kind = '街道'");
        if (st.step()) street.unitId = st.columnInt(0);
    }
    o = medianMs(runs, [&] { return storage::titlesForReview(big, street, kToday).size(); },
                 "全部有效, a street: judged whole (before 0038)");
    n = medianMs(runs, [&] {
            storage::countHeldTitlesForReview(big, street);
            return storage::heldTitlesForReviewPage(big, street, kToday, std::nullopt, 0, 64).size();
        }, "全部有效, a street: count + first page (0038)");
    pair("全部有效 street", o, n);
    medianMs(runs, [&] { return storage::heldTitleIdsForReview(big, everyHeld).size(); },
             "全部有效: 全选's ids (in the frame of the click)");

    // The same once 平安家庭 (every level) expires after 3 years: set inside a
    // transaction that is rolled back, so the copy stays as it was.
    big.db().exec("BEGIN");
    const auto setStart = Clock::now();
    big.db().exec("UPDATE award_title SET valid_years = 3 WHERE name = '平安家庭' AND subject_kind = 'family'");
    std::printf("平安家庭 valid 3 years (held ranges rebuilt in %.1f s, rolled back at the end)\n",
                std::chrono::duration<double>(Clock::now() - setStart).count());
    o = medianMs(runs, [&] { return storage::titlesForReview(big, everyHeld, kToday).size(); },
                 "复核: every held title judged (the old default)");
    n = medianMs(runs, [&] { return storage::titlesForReview(big, {}, kToday).size(); },
                 "复核: 待复核+已过期 (ranges near their lapse)");
    pair("复核, with validity", o, n);
    o = medianMs(runs, [&] { return records.overfullUnitsFromBaseTablesOn(kYearEnd).size(); },
                 "overfull units: rule over events");
    n = medianMs(runs, [&] { return records.overfullUnitsOn(kYearEnd).size(); },
                 "overfull units: unit_title_award + spans");
    pair("overfull, validity", o, n);
    big.db().exec("ROLLBACK");
    return 0;
}
