// pg_import_test.cpp — a roster import on a server (issue 18): the real
// path (storage::runRosterImport: ImportStore, one transaction, the per-row
// triggers) runs on A's connection while B, another user's window, reads.
// B's reads are not blocked by the open import (no schema change, no table
// lock: SqlDialect::bulkWritesChangeSchema is false on a server), B sees the
// figures as they were until A commits, and the imported ones after.
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "support/pg_cluster.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <unistd.h>
#include <vector>

using namespace jinguo;
using storage::Statement;
using storage::Storage;

namespace {

// A valid 18-character ID number for n < 1000 (the check digit computed).
std::string idNumber(int n) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "32010219800101%03d", n);
    std::string id(digits, 17);
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * weights[i];
    return id + "10X98765432"[sum % 11];
}

// What a list page shows: the newest 20 volunteers' names.
std::vector<std::string> newestNames(Storage& s) {
    Statement st = s.db().prepare("SELECT name FROM person WHERE is_volunteer = 1 ORDER BY id DESC LIMIT 20");
    std::vector<std::string> names;
    while (st.step()) names.push_back(st.columnText(0));
    return names;
}

struct Figures {
    std::int64_t people = 0;
    double rosterHours = 0;
    std::vector<std::string> page;
    bool operator==(const Figures&) const = default;
};

Figures figuresOf(Storage& s) {
    Figures f;
    f.people = s.count("person");
    Statement st = s.db().prepare("SELECT coalesce(sum(roster_hours), 0.0) FROM person");
    REQUIRE(st.step());
    f.rosterHours = st.columnDouble(0);
    f.page = newestNames(s);
    return f;
}

} // namespace

TEST_CASE("a roster import on A (the real path) does not block B's reads; B sees the old figures until A commits") {
    const std::string conninfo = ::test::PgCluster::shared().createDatabase();
    Storage a{conninfo};
    jinguo::test::buildDistrict(a);
    Storage b{conninfo};

    constexpr int kRows = 300;
    const std::string csv = (std::filesystem::temp_directory_path()
                             / ("jinguo_pg_import_" + std::to_string(::getpid()) + ".csv")).string();
    {
        std::ofstream out(csv, std::ios::binary);
        out << "姓名,性别,身份证号,手机号,所属社区,服务时长(小时)\n";
        for (int n = 0; n < kRows; ++n)
            out << "志愿者" << n << ',' << (n % 2 ? "男" : "女") << ',' << idNumber(n) << ",139" << 10000000 + n
                << ",望江社区," << n % 40 << ".5\n";
    }
    const Figures before = figuresOf(b);

    storage::RosterImportRequest request;
    request.kind = roster::RosterKind::Volunteers;
    request.files = {csv};
    request.today = "2026-11-29";
    bool readInside = false;
    // Called with A's transaction open and every row written into it.
    request.beforeCommit = [&](const std::vector<storage::FileImportReport>&) -> std::string {
        // B reads on its own thread: a read that waited for A's lock would
        // wait for ever here (A commits only after this returns).
        auto reading = std::async(std::launch::async, [&] { return figuresOf(b); });
        if (reading.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
            FAIL_CHECK("B's read waited for A's open import");
            return "B blocked";   // A rolls back, which lets B's read end
        }
        CHECK(reading.get() == before);   // nothing of the import yet
        Statement inA = a.db().prepare("SELECT count(*) FROM person");
        REQUIRE(inA.step());
        CHECK(inA.columnInt(0) == before.people + kRows);   // A's transaction holds them
        readInside = true;
        return "";
    };
    const storage::RosterImportResult result = storage::runRosterImport(a, request);
    std::filesystem::remove(csv);
    INFO(result.error);
    REQUIRE(result.status == storage::RosterImportResult::Status::Committed);
    CHECK(readInside);
    REQUIRE(result.files.size() == 1);
    CHECK(result.files[0].rowsImported() == kRows);

    const Figures after = figuresOf(b);
    CHECK(after.people == before.people + kRows);
    double hours = 0;
    for (int n = 0; n < kRows; ++n) hours += n % 40 + 0.5;
    CHECK(after.rosterHours == doctest::Approx(before.rosterHours + hours));
    REQUIRE(after.page.size() == 20);
    CHECK(after.page.front() == "志愿者" + std::to_string(kRows - 1));   // rows are written in ID-number order
    // The volunteer list's summary row count agrees with the base table.
    Statement listed = b.db().prepare("SELECT count(*) FROM person_list WHERE is_volunteer = 1");
    REQUIRE(listed.step());
    Statement people = b.db().prepare("SELECT count(*) FROM person WHERE is_volunteer = 1");
    REQUIRE(people.step());
    CHECK(listed.columnInt(0) == people.columnInt(0));
}
