// badges_bench.cpp — what evaluating badges costs on an existing database.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
//
// badges_bench DB [RUNS] [TODAY]: run 0 on a database never evaluated stores
// every badge; later runs find nothing marked (badge_dirty) and judge nothing.
//
// badges_bench DB --after-save [ROUNDS] [TODAY] [MARKED…]: the announcer's
// case. A full run first (the day's), then each round saves one verified
// service record of TODAY's year through Storage (as the 志愿者 form does)
// and times, on the same data, the incremental run that follows it against
// a full run (a mark 'all', as before badge_dirty existed): wall and CPU ms;
// and a record of the year before (no hours target of that year: people only).
// Each MARKED count K then saves a record for K people and times the
// incremental run against the full one: where the full pass gets cheaper is
// BadgeStore::kIncrementalPeopleLimit. Runs above the limit are full by
// design, so K is judged here with the limit lifted (setIncrementalPeopleLimit).
// Never on the file in /work/bench: on a copy (it writes records).
#include "core/periods.hpp"
#include "storage/badge_store.hpp"
#include "storage/storage.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

using namespace jinguo;

namespace {

struct Timed {
    double wallMs = 0, cpuMs = 0;
    storage::BadgeEvaluation result;
};

template <typename F>
Timed timed(F&& f) {
    Timed t;
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    t.result = f();
    t.cpuMs = 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    t.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return t;
}

void print(const char* what, const Timed& t) {
    std::printf("%-34s %10.1f ms wall %10.1f ms cpu  people %8lld  units %5lld  found %8lld  stored %lld%s\n", what,
                t.wallMs, t.cpuMs, static_cast<long long>(t.result.peopleEvaluated),
                static_cast<long long>(t.result.unitsEvaluated), static_cast<long long>(t.result.badgesFound),
                static_cast<long long>(t.result.newlyStored), t.result.incremental ? "  (incremental)" : "");
    std::fflush(stdout);
}

// Saves one verified record of `day`'s year for each of `count` people, spread over the ids.
void saveRecords(storage::Storage& s, const Date& day, std::int64_t count, unsigned seed) {
    std::int64_t maxId = 0;
    {
        storage::Statement st = s.db().prepare("SELECT max(id) FROM person");
        if (st.step()) maxId = st.columnInt(0);
    }
    storage::Transaction tx(s.db());
    for (std::int64_t i = 0; i < count; ++i) {
        ServiceRecord r;
        r.personId = 1 + static_cast<RowId>((static_cast<std::uint64_t>(seed) * 2654435761u + static_cast<std::uint64_t>(i) * 7919u) % static_cast<std::uint64_t>(maxId));
        r.servedOn = formatDate(addDays(day, -static_cast<long>(i % 30)));
        r.hours = 2;
        r.verified = true;
        s.insertServiceRecord(r);
    }
    tx.commit();
}

void markAll(storage::Storage& s) { s.db().exec("INSERT OR REPLACE INTO badge_dirty (scope, id) VALUES ('all', 0)"); }

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: badges_bench DB [RUNS] [TODAY] | DB --after-save [ROUNDS] [TODAY] [MARKED…]\n");
        return 2;
    }
    const bool afterSave = argc > 2 && std::strcmp(argv[2], "--after-save") == 0;
    const int a = afterSave ? 3 : 2;
    const int runs = argc > a ? std::atoi(argv[a]) : (afterSave ? 2 : 3);
    const auto today = parseDate(argc > a + 1 ? argv[a + 1] : "2026-11-29");
    if (!today) {
        std::fprintf(stderr, "TODAY must be YYYY-MM-DD\n");
        return 2;
    }
    storage::Storage storage(argv[1]);
    storage::BadgeStore badges(storage);
    if (!afterSave) {
        for (int i = 0; i < runs; ++i)
            print(("run " + std::to_string(i)).c_str(), timed([&] { return badges.evaluate(*today); }));
        return 0;
    }
    print("full run of the day", timed([&] { return badges.evaluate(*today); }));
    for (int round = 0; round < runs; ++round) {
        // The same saved record judged both ways: incremental first, then the
        // same state again in full (its records are already stored then, so
        // the full run stores nothing; the incremental one stored them).
        saveRecords(storage, *today, 1, static_cast<unsigned>(round + 1));
        print("one record: incremental", timed([&] { return badges.evaluate(*today); }));
        // The same again with the units' hours read as before migration 0038
        // (the year's records joined to their people).
        saveRecords(storage, *today, 1, static_cast<unsigned>(round + 201));
        badges.setUnitFactsFromBaseTables(true);
        print("one record: incr., hours joined", timed([&] { return badges.evaluate(*today); }));
        badges.setUnitFactsFromBaseTables(false);
        // A record of a year no hours target counts (the year before, on a
        // database whose targets are this year's): the person alone.
        saveRecords(storage, addDays(*today, -365), 1, static_cast<unsigned>(round + 51));
        print("one record of last year: incr.", timed([&] { return badges.evaluate(*today); }));
        saveRecords(storage, *today, 1, static_cast<unsigned>(round + 101));
        markAll(storage);
        print("one record: full (before)", timed([&] { return badges.evaluate(*today); }));
    }
    // Saves of other kinds (each marks 'units': every year's unit part and
    // the team), with the hours from unit_day_hours and joined as before 0038.
    const std::vector<std::pair<const char*, const char*>> saves = {
        {"a target saved", "UPDATE target SET goal = goal WHERE id = (SELECT min(id) FROM target)"},
        {"a household saved", "UPDATE family SET note = note || '' WHERE id = (SELECT min(id) FROM family)"},
        {"a title saved", "UPDATE award SET doc_number = doc_number || '' WHERE id = (SELECT min(id) FROM award)"},
        {"a post saved", "UPDATE post SET name = name WHERE id = (SELECT min(id) FROM post)"},
        {"an activity saved", "UPDATE activity SET note = note || '' WHERE id = (SELECT min(id) FROM activity)"},
    };
    for (const auto& [what, sql] : saves) {
        for (const bool joined : {false, true}) {
            storage.db().exec(sql);
            badges.setUnitFactsFromBaseTables(joined);
            print((std::string(what) + (joined ? " (joined)" : "")).c_str(),
                  timed([&] { return badges.evaluate(*today); }));
        }
        badges.setUnitFactsFromBaseTables(false);
    }
    for (int i = a + 2; i < argc; ++i) {
        const std::int64_t count = std::atoll(argv[i]);
        saveRecords(storage, *today, count, static_cast<unsigned>(1000 + i));
        const std::string label = std::to_string(count) + " people: incremental";
        badges.setIncrementalPeopleLimit(count);
        print(label.c_str(), timed([&] { return badges.evaluate(*today); }));
    }
    return 0;
}
