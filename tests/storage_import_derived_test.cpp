// storage_import_derived_test.cpp — issue 17: a roster import into a database
// that already holds people, run the way `jinguo import` runs it (opened with
// the integrity check left to the import, the check and the 导入前 backup on
// threads of their own beside the writes), leaves every table derived from
// person equal to its definition: person_list, person_search, the grams and
// their counts, the boards' and the units' summaries, the badges' marks.
#include <doctest/doctest.h>

#include <unistd.h>

#include "storage/backup_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "support/board_summary_check.hpp"
#include "support/district.hpp"
#include "support/person_list_check.hpp"
#include "support/unit_summary_check.hpp"
#include "temp_db.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using namespace jinguo;
using namespace jinguo::storage;
namespace fs = std::filesystem;

namespace {

// A valid GB 11643 number for each n (distinct for n < 336,000).
std::string idNumber(int n) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "320102%04d%02d%02d%03d", 1950 + n / 336000, 1 + n / 28000 % 12,
                  1 + n / 1000 % 28, n % 1000);
    std::string id(digits, 17);
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * weights[i];
    return id + "10X98765432"[sum % 11];
}

// Names sharing surnames and characters, so old and new people's grams and
// sort keys interleave in every index (as in a real roster).
std::string nameOf(int n) {
    static const char* const surnames[] = {"王", "李", "张", "刘", "陈", "欧阳", "吕", "郑"};
    static const char* const given[] = {"芳", "秀英", "敏", "静", "丽娟", "强", "磊", "洋", "艳", "军", "娜"};
    std::mt19937 rng(static_cast<unsigned>(n) * 2654435761u);
    return std::string(surnames[rng() % 8]) + given[rng() % 11] + (rng() % 3 == 0 ? given[rng() % 11] : "");
}

// A roster CSV of people `first`..`first + count - 1`, each with `hours`
// more than her number says, spread over two communities and joining years
// (the gender is the ID number's 17th digit's).
std::string writeRoster(const std::string& path, int first, int count, double extraHours) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "序号,姓名,性别,身份证号,手机号,所属街道,所属社区,服务时长(小时),加入日期\n";
    for (int n = first; n < first + count; ++n) {
        out << n + 1 << ',' << nameOf(n) << ',' << (n % 2 ? "男" : "女") << ',' << idNumber(n) << ','
            << (n % 4 ? "138" + std::to_string(10000000 + n) : std::string()) << ",滨江街道,"
            << (n % 3 ? "望江社区" : "临江社区") << ',' << (n % 40) + extraHours << ",20" << 10 + n % 15
            << "-0" << 1 + n % 9 << "-15\n";
    }
    return path;
}

RosterImportResult importRoster(const std::string& db, const std::string& file) {
    Storage storage(db, IntegrityCheck::BeforeCommit);   // as `jinguo import` opens it
    RosterImportRequest request;
    request.kind = roster::RosterKind::Volunteers;
    request.files = {file};
    request.today = "2026-11-29";
    return runRosterImport(storage, request);
}

} // namespace

TEST_CASE("a roster into a database that holds people: every derived table equals its definition") {
    test::TempDbPath path;
    {
        Storage s(path.str());
        test::buildDistrict(s, {0, {{"滨江街道", 0, 0, {{"望江社区", 0}, {"临江社区", 0}}}}});
    }
    // In the temporary folder: on a server the database's "path" is a connection string.
    const std::string stem = (fs::temp_directory_path() / ("jinguo_derived_" + std::to_string(::getpid()))).string();
    const std::string first = writeRoster(stem + "-a.csv", 0, 2000, 0);
    const std::string second = writeRoster(stem + "-b.csv", 1500, 3000, 8);
    REQUIRE(importRoster(path.str(), first).status == RosterImportResult::Status::Committed);
    {   // Service records for some of the stored people, so the boards' rows of the updated ones move.
        Storage s(path.str());
        s.db().exec("INSERT INTO service_record (person_id, served_on, hours, verified) SELECT id, '2026-03-0'"
                    " || (id % 9 + 1), id % 7 + 1, CAST(id % 5 <> 0 AS integer) FROM person WHERE id % 3 = 0");
        s.db().exec("DELETE FROM badge_dirty");   // as after an evaluation: the marks below are the import's
    }
    // 500 stored people with 8 more hours, 2,500 new ones (set-based, not bulk: fewer than the table holds).
    const RosterImportResult result = importRoster(path.str(), second);
    REQUIRE(result.status == RosterImportResult::Status::Committed);
    REQUIRE(result.files.size() == 1);
    CHECK(result.files[0].rowsImported() == 2500);
    CHECK(result.files[0].rowsUpdated() == 500);

    Storage s(path.str());
    CHECK(s.count("person") == 4500);
    test::checkPersonList(s);
    CHECK(test::summaryMismatches(s) == 0);
    CHECK(test::unitSummaryMismatches(s) == 0);
    // 0036: every new or changed person is marked for the next evaluation.
    Statement unmarked = s.db().prepare(
        "SELECT count(*) FROM person p WHERE p.import_batch_id = (SELECT max(id) FROM import_batch)"
        " AND NOT EXISTS (SELECT 1 FROM badge_dirty d WHERE d.scope = 'person' AND d.id = p.id)");
    REQUIRE(unmarked.step());
    CHECK(unmarked.columnInt(0) == 0);
    // Both imports backed up what was there before them; on a server none
    // (pg_dump is its owner's), and the imports did not refuse for it.
    const auto backups = BackupStore(path.str()).list();
    CHECK(backups.size() == (test::onPostgresql() ? 0u : 2u));
    fs::remove_all(backupFolderFor(path.str()));
    fs::remove(first);
    fs::remove(second);
}
