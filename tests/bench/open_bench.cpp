// open_bench.cpp — what opening a database costs on the frame loop, before
// and after issue 17 step 4, measured in the same run on the same file.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
//   quick_check   openAndMigrate with the full PRAGMA quick_check at open (before)
//                 vs  with the check deferred (after: integrity_check.hpp),
//                 and the deferred check itself (runIntegrityCheck, off the frame loop)
//   characters    the old scan (one group_concat string per table, as
//                 Storage::distinctCharacters was) vs the batched sources
//                 (character_scan.hpp), each source timed
// usage: open_bench COPY.db   (a copy: the file is opened with this build, never
//                              /work/bench/big.db itself). A hard link
//                              COPY.db.link is made beside it (a second path, so
//                              the process checks the file again) and removed.
#include "storage/character_scan.hpp"
#include "storage/database.hpp"
#include "storage/integrity_check.hpp"
#include "storage/storage.hpp"

#include "core/text.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

using namespace jinguo;
using Clock = std::chrono::steady_clock;

namespace {
double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// The scan as it was before issue 17 (Storage::distinctCharacters at main
// 17886ba), kept here as the peer.
std::u32string oldDistinctCharacters(storage::Database& db, std::size_t& longestString) {
    static const char* const queries[] = {
        "SELECT group_concat(name || kind, '') FROM org_unit",
        "SELECT group_concat(name || ifnull(gender, '') || note, '') FROM person",
        "SELECT group_concat(name || kind || note, '') FROM activity",
        "SELECT group_concat(description || recorded_by, '') FROM service_record",
        "SELECT group_concat(head_name || address || note, '') FROM family",
        "SELECT group_concat(work_unit || name || contact_name || note, '') FROM post",
        "SELECT group_concat(name || level, '') FROM award_title",
        "SELECT group_concat(status || doc_number || ifnull(collective_name, ''), '') FROM award",
        "SELECT group_concat(status || doc_number || note, '') FROM award_event",
        "SELECT group_concat(ifnull(indicator, '') || note, '') FROM target",
        "SELECT group_concat(name || unit || note, '') FROM manual_indicator",
        "SELECT group_concat(value || note, '') FROM setting",
        "SELECT group_concat(file_name, '') FROM import_batch",
    };
    std::set<char32_t> seen;
    longestString = 0;
    for (const char* sql : queries) {
        storage::Statement st = db.prepare(sql);
        if (!st.step()) continue;
        const std::string text = st.columnText(0);
        longestString = std::max(longestString, text.size());
        for (char32_t cp : utf8ToCodepoints(text))
            if (cp >= 0x80) seen.insert(cp);
    }
    return std::u32string(seen.begin(), seen.end());
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: open_bench COPY.db (a copy of the big database)\n");
        return 2;
    }
    const std::string path = argv[1];
    const std::string link = path + ".link";
    std::error_code ec;
    std::filesystem::remove(link, ec);
    std::filesystem::create_hard_link(path, link, ec);
    if (ec) {
        std::fprintf(stderr, "cannot link %s: %s\n", link.c_str(), ec.message().c_str());
        return 1;
    }
    std::printf("%s: %.0f MiB\n", path.c_str(), static_cast<double>(std::filesystem::file_size(path)) / 1048576.0);

    // ---- quick_check at open
    auto start = Clock::now();
    {
        storage::setFullCheckDeferredAbove(0);
        storage::Storage full(path);
        std::printf("open, full quick_check at open (before): %.0f ms (quick_check %.0f ms)\n", msSince(start),
                    storage::lastQuickCheckSeconds * 1000.0);
    }
    start = Clock::now();
    {
        storage::setFullCheckDeferredAbove(storage::kGuiFullCheckLimitBytes);
        storage::Storage deferred(link);
        std::printf("open, check deferred (after):           %.0f ms (deferred: %s)\n", msSince(start),
                    storage::integrityCheckDeferred(link) ? "yes" : "no");
    }
    start = Clock::now();
    const auto problems = storage::runIntegrityCheck(link);
    std::printf("the deferred check, on its own connection: %.0f ms, %s\n", msSince(start),
                problems && problems->empty() ? "whole" : "PROBLEMS");
    std::filesystem::remove(link, ec);

    // ---- characters
    storage::Storage s(path);
    std::size_t longest = 0;
    start = Clock::now();
    const std::u32string before = oldDistinctCharacters(s.db(), longest);
    std::printf("characters, group_concat per table (before): %.0f ms, %zu characters, longest string %.1f MiB\n",
                msSince(start), before.size(), static_cast<double>(longest) / 1048576.0);
    start = Clock::now();
    std::set<char32_t> after;
    for (std::size_t i = 0; i < storage::characterSourceCount(); ++i) {
        const auto sourceStart = Clock::now();
        const std::u32string found = storage::distinctCharactersOf(s, i);
        after.insert(found.begin(), found.end());
        std::printf("  source %2zu %-16s %7.0f ms, %5zu characters (%.0f ms so far)\n", i,
                    storage::characterSourceTable(i), msSince(sourceStart), found.size(), msSince(start));
    }
    std::printf("characters, batched sources (after, on a Task): %.0f ms, %zu characters, %s\n", msSince(start),
                after.size(), std::u32string(after.begin(), after.end()) == before ? "the same set" : "DIFFERENT SETS");
    return 0;
}
