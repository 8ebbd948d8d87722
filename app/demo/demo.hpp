// demo.hpp — `jinguo demo --db FILE`: a deterministic demo district.
//
// The demo is modelled on a real district so that every screen has something
// true to show: 临江区 with 6 街道/镇 and 40 社区/村, ~400 volunteers with two
// years of service records (2025-01-01 .. 2026-11-28), tens of thousands of
// 平安家庭, model families, individuals and collectives at several levels,
// ~35 巾帼文明岗 in every lifecycle state with their dated history, the 2026
// targets and the manual indicators of two year-end summaries, and the badges
// all of it earned by 2026-11-29 (stored as already announced).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace jinguo::storage {
class Storage;
}

namespace jinguo::demo {

struct DemoSummary {
    int streets = 0;           // 街道 and 镇
    int communities = 0;       // 社区 and 村
    int volunteers = 0;
    int serviceRecords = 0;
    int activities = 0;
    int families = 0;
    int familyAwards = 0;      // every family award (平安家庭 and the model-family titles)
    int posts = 0;             // 巾帼文明岗
    double households = 0;     // the district's households (sum of its communities)
    int badges = 0;            // badges earned by 2026-11-29, stored as announced
    double badgeSeconds = 0;   // how long evaluating them took
};

// Fills an empty, migrated Storage with a deterministic demo district (same
// seed -> same data). Runs in one transaction with per-record auditing off
// and a single audit summary entry; auditing is switched back on afterwards.
// Throws std::runtime_error (message in Chinese) when the database already
// holds org units: demo data is never mixed into a user's database.
DemoSummary writeDemoData(storage::Storage& storage, std::uint32_t seed = 20261129);

// The command: opens (creating and migrating) `dbPath`, writes the demo and
// prints a summary in Chinese to `out`, or the reason it could not to `err`.
// Returns the process exit code (0 on success).
int runDemoCommand(const std::string& dbPath, std::ostream& out, std::ostream& err,
                   std::uint32_t seed = 20261129);

} // namespace jinguo::demo
