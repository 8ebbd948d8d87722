// unit_summary_bench.cpp — what 目标, 年度数据, 概览 and 演示 read on a big
// database, from the per-unit summaries of migrations 0030 and 0032
// ("after") and the old way (setFromBaseTables: a pass over person, a join of
// every person active in the year, the held-title rule over the events;
// "before"), in the same run; the creation-rate numerators over the held
// ranges (0023, what main read before 0032) and over the steps (0032); and
// the target facts by hand-written SQL through the sqlite3 shell, over the
// summaries (the best SQL for the same figures) and over the ranges.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
// Target (issue 17): Aggregates::targets within 1.5× of the hand-written SQL.
//
// usage: unit_summary_bench COPY.db [RUNS] [YEAR]   (the copy is migrated)
#include "storage/aggregates.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "storage/title_summaries.hpp"
#include "storage/year_figures.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace jinguo;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

double cpuMs(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

struct Timing { double wall = 0, cpu = 0; };

// Median wall and CPU ms of `work` (who: RUSAGE_SELF, or RUSAGE_CHILDREN for the shell).
Timing measure(int runs, int who, const std::function<void()>& work) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        const double c = cpuMs(who);
        work();
        cpu.push_back(cpuMs(who) - c);
        wall.push_back(msSince(start));
    }
    return {median(wall), median(cpu)};
}

void runShell(const std::string& db, const std::string& sql) {
    const std::string file = (std::filesystem::temp_directory_path() / "jinguo_unit_summary_bench.sql").string();
    std::ofstream(file) << sql;
    const std::string cmd = "sqlite3 '" + db + "' < '" + file + "' > /dev/null";
    if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "the sqlite3 shell failed (is it installed?)\n");
        std::exit(1);
    }
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// The facts behind the year's targets, as directly as SQL can read them: the
// rate numerators from the steps (0032; {rates} is replaced by the ranges
// version below for the second peer), hours and volunteers from the per-unit
// summaries (0030), activities from their index, named titles from the
// per-year tally (0032).
const char* const kPeerTargetFacts = R"SQL(
SELECT id, parent_id, households FROM org_unit;
{rates}
SELECT unit_id, hours FROM unit_period_hours WHERE period = '{year}' AND unit_id <> 0;
SELECT unit_id, count(*), total(participants) FROM activity
WHERE held_on >= '{year}-01-01' AND held_on < '{next}-01-01' AND unit_id IS NOT NULL GROUP BY unit_id;
SELECT unit_id, total(people), total(CASE WHEN joined_key < '{year}-01-01' THEN people END) FROM unit_person_tally
WHERE is_volunteer = 1 AND unit_id <> 0 AND joined_key < '{next}-01-01' GROUP BY unit_id;
SELECT c.unit_id, c.title_id, sum(c.awards) FROM award_year_tally c
WHERE c.title_id IN (SELECT title_id FROM target WHERE year = {year} AND metric IN ('title_count', 'post_count') AND title_id IS NOT NULL
                     UNION SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区')
  AND c.year = {year} AND c.status IN ('命名', '复核') AND c.unit_id <> 0 GROUP BY c.unit_id, c.title_id;
)SQL";

const char* const kPeerRatesFromSteps = R"SQL(
SELECT unit_id, total(CASE WHEN day <= '{year}-12-31' THEN families END), total(CASE WHEN day <= '{last}-12-31' THEN families END)
FROM family_title_held_step WHERE title_name = '平安家庭' AND title_id = 0 AND day <= '{year}-12-31' GROUP BY unit_id;)SQL";

const char* const kPeerRatesFromRanges = R"SQL(
SELECT unit_id,
       count(DISTINCT CASE WHEN held_from <= '{year}-12-31' AND (held_until IS NULL OR '{year}-12-31' < held_until) THEN family_id END),
       count(DISTINCT CASE WHEN held_from <= '{last}-12-31' AND (held_until IS NULL OR '{last}-12-31' < held_until) THEN family_id END)
FROM award_held_span
WHERE title_id IN (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = '平安家庭')
  AND family_id IS NOT NULL AND unit_id IS NOT NULL AND held_from <= '{year}-12-31'
GROUP BY unit_id;)SQL";

void row(const char* what, const Timing& before, const Timing& after) {
    std::printf("%-34s %10.1f %10.1f %10.1f %10.1f %7.1fx\n", what, before.wall, before.cpu, after.wall, after.cpu,
                after.cpu > 0 ? before.cpu / after.cpu : 0.0);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: unit_summary_bench COPY.db [RUNS] [YEAR]   (the copy is migrated)\n");
        return 2;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);   // each line as it is measured
    const std::string path = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const int year = argc > 3 ? std::atoi(argv[3]) : 2026;
    {
        const auto start = Clock::now();
        storage::Storage opened(path);
        std::printf("open (+ migrations): %.0f ms\n", msSince(start));
        opened.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    storage::Storage storage(path);
    const Date today{year, 12, 5};
    std::printf("year %d, median of %d runs; before = the pre-0030 SQL (setFromBaseTables), after = the summaries\n",
                year, runs);
    std::printf("%-34s %10s %10s %10s %10s %8s\n", "", "before ms", "before CPU", "after ms", "after CPU", "CPU x");

    storage::Aggregates targetsAfter(storage), targetsBefore(storage);
    targetsBefore.setFromBaseTables(true);
    // Warm the page cache once for both.
    targetsAfter.targets(year, today);
    targetsBefore.targets(year, today);
    const Timing tb = measure(runs, RUSAGE_SELF, [&] { targetsBefore.targets(year, today); });
    const Timing ta = measure(runs, RUSAGE_SELF, [&] { targetsAfter.targets(year, today); });
    row(("Aggregates::targets " + std::to_string(year)).c_str(), tb, ta);

    storage::YearFiguresReader yearAfter(storage), yearBefore(storage);
    yearBefore.setFromBaseTables(true);
    const Timing yb = measure(runs, RUSAGE_SELF, [&] { yearBefore.figures(year); });
    const Timing ya = measure(runs, RUSAGE_SELF, [&] { yearAfter.figures(year); });
    row(("YearFiguresReader::figures " + std::to_string(year)).c_str(), yb, ya);

    // 概览 and 演示 have no "before" switch: the before column is empty; the
    // sections bench compares the old and the new binary.
    const Timing oa = measure(runs, RUSAGE_SELF, [&] { storage.overview(); });
    row("Storage::overview", Timing{}, oa);
    const Timing sa = measure(runs, RUSAGE_SELF, [&] {
        storage::SlideDataStore(storage).load(year, 0, std::to_string(year) + "-12-05", 40);
    });
    row("SlideDataStore::load (district)", Timing{}, sa);

    // The creation-rate numerators alone: main's read over the held ranges
    // (0023) against the steps (0032), 平安家庭 at any level, both days.
    const std::string heldOn = std::to_string(year) + "-12-31", baseOn = std::to_string(year - 1) + "-12-31";
    const Timing rb = measure(runs, RUSAGE_SELF, [&] {
        storage::familiesHoldingPerUnitFromSpans(storage.db(), "平安家庭", 0, heldOn, baseOn);
    });
    const Timing ra = measure(runs, RUSAGE_SELF, [&] {
        storage::familiesHoldingPerUnit(storage.db(), "平安家庭", 0, heldOn, baseOn);
    });
    row("rate numerators (ranges / steps)", rb, ra);
    const Timing nb = measure(runs, RUSAGE_SELF, [&] {
        storage::Statement st = storage.db().prepare(
            "SELECT t.name, s.unit_id, count(DISTINCT s.family_id) FROM award_held_span s JOIN award_title t ON t.id = s.title_id"
            " WHERE t.subject_kind = 'family' AND s.family_id IS NOT NULL AND s.unit_id IS NOT NULL"
            " AND held_from <= ?1 AND (held_until IS NULL OR ?1 < held_until) GROUP BY t.name, s.unit_id");
        st.bind(1, heldOn);
        while (st.step()) {}
    });
    const Timing na = measure(runs, RUSAGE_SELF, [&] { storage::familiesHoldingPerNameAndUnit(storage.db(), heldOn); });
    row("年度数据 rates, every name", nb, na);

    auto peerSql = [&](const char* rates) {
        std::string facts = replaceAll(kPeerTargetFacts, "{rates}", rates);
        facts = replaceAll(facts, "{year}", std::to_string(year));
        facts = replaceAll(facts, "{next}", std::to_string(year + 1));
        return replaceAll(facts, "{last}", std::to_string(year - 1));
    };
    const Timing peer = measure(runs, RUSAGE_CHILDREN, [&] { runShell(path, peerSql(kPeerRatesFromSteps)); });
    const Timing peerRanges = measure(runs, RUSAGE_CHILDREN, [&] { runShell(path, peerSql(kPeerRatesFromRanges)); });
    std::printf("hand-written target facts (sqlite3 shell, incl. its start): over the summaries %.1f ms wall, %.1f ms CPU;"
                " rates over the ranges %.1f ms wall, %.1f ms CPU\n", peer.wall, peer.cpu, peerRanges.wall, peerRanges.cpu);
    std::printf("targets ours / hand-written over the summaries: %.2f wall, %.2f CPU\n", ta.wall / peer.wall,
                ta.cpu / peer.cpu);

    // What the summaries cost a write: 100,000 verified records and 20,000
    // people inserted with and without 0030's triggers (dropped inside the
    // transaction, which is rolled back), in the same run.
    const char* const kTriggers[] = {"unit_hours_row_insert", "unit_hours_row_update", "unit_hours_row_rekey",
                                     "unit_hours_row_delete", "unit_hours_person_insert", "unit_hours_person_move",
                                     "unit_hours_person_delete", "unit_tally_person_insert", "unit_tally_person_delete",
                                     "unit_tally_person_update"};
    auto writes = [&](bool withTriggers) {
        storage::Database& db = storage.db();
        db.exec("BEGIN");
        if (!withTriggers)
            for (const char* t : kTriggers) db.exec(std::string("DROP TRIGGER ") + t);
        const double start = cpuMs(RUSAGE_SELF);
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
            INSERT INTO service_record (person_id, served_on, hours, verified)
            SELECT p.id, printf('%04d-%02d-%02d', 2024 + i % 3, 1 + i % 12, 1 + i % 28), 1.5, 1
            FROM n JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS r FROM (SELECT id FROM person LIMIT 5000)) p
                 ON p.r = (i * 7919) % min(5000, (SELECT count(*) FROM person)))");
        const double records = cpuMs(RUSAGE_SELF) - start;
        const double startPeople = cpuMs(RUSAGE_SELF);
        db.exec(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
            INSERT INTO person (name, unit_id, joined_on) SELECT '测试' || i, (SELECT min(id) FROM org_unit), '2026-05-01' FROM n)");
        const double people = cpuMs(RUSAGE_SELF) - startPeople;
        db.exec("ROLLBACK");
        return std::make_pair(records, people);
    };
    const auto without = writes(false);
    const auto with = writes(true);
    std::printf("100,000 records inserted: %.0f ms CPU without 0030's triggers, %.0f with (%.2fx)\n", without.first,
                with.first, with.first / without.first);
    std::printf("20,000 people inserted:   %.0f ms CPU without 0030's triggers, %.0f with (%.2fx)\n", without.second,
                with.second, with.second / without.second);

    // What 0032's triggers cost a write: 20,000 households' titles granted
    // (one award each, named) with and without them, rolled back.
    const char* const kTitleTriggers[] = {"family_title_held_span_insert_only", "family_title_held_span_insert",
                                          "family_title_held_span_delete_only", "family_title_held_span_delete",
                                          "award_year_tally_insert"};
    auto titles = [&](bool withTriggers) {
        storage::Database& db = storage.db();
        db.exec("BEGIN");
        if (!withTriggers)
            for (const char* t : kTitleTriggers) db.exec(std::string("DROP TRIGGER ") + t);
        const double start = cpuMs(RUSAGE_SELF);
        db.exec(R"(
            INSERT OR IGNORE INTO award (title_id, year, family_id, unit_id, status)
            SELECT (SELECT id FROM award_title WHERE subject_kind = 'family' AND name = '文明家庭' AND level = '区'), 2020,
                   f.id, f.unit_id, '命名'
            FROM family f WHERE f.unit_id IS NOT NULL ORDER BY f.id LIMIT 20000)");
        const double spent = cpuMs(RUSAGE_SELF) - start;
        db.exec("ROLLBACK");
        return spent;
    };
    const double titlesWithout = titles(false);
    const double titlesWith = titles(true);
    std::printf("20,000 household titles granted: %.0f ms CPU without 0032's triggers, %.0f with (%.2fx)\n",
                titlesWithout, titlesWith, titlesWith / titlesWithout);
    return 0;
}
