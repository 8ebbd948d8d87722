// storage_new_people_bulk_test.cpp — issue 17: an import writes person's
// insert-trigger work (unit_person_tally, unit_period_hours, badge marks)
// set-based for many new people (storage/new_people_bulk.hpp). The same
// rosters imported into two real files, one in batches big enough for the
// set-based path and one ten people at a time (the per-row triggers), must
// leave the same summaries and marks, and both must equal the definitions —
// into a database that already holds people, with records and credits, and
// with updated and new people in one batch.
#include <doctest/doctest.h>

#include "storage/import_store.hpp"
#include "storage/new_people_bulk.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "support/board_summary_check.hpp"
#include "support/district.hpp"
#include "support/person_list_check.hpp"
#include "support/trigger_runs.hpp"
#include "support/unit_summary_check.hpp"
#include "temp_db.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// Valid ID numbers growing with n (n < 1000), so both files give the same
// person the same id whatever the batches.
std::string idNumber(int n) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "32010219800101%03d", n);
    std::string id(digits, 17);
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * weights[i];
    return id + "10X98765432"[sum % 11];
}

RosterPerson rosterPerson(int n, double hours) {
    static const char* const names[] = {"王芳", "李秀英", "张敏", "刘洋", "陈静", "欧阳娜", "吕强"};
    RosterPerson p;
    p.row = n + 2;
    p.name = names[n % 7];
    p.gender = n % 2 ? "女" : "男";
    p.idNumber = idNumber(n);
    if (n % 4) p.phone = "139" + std::to_string(10000000 + n);
    p.unitName = n % 3 ? "望江社区" : "临江社区";
    // 2019…2023; unknown for some of the first 300 (an unknown date counts for every year).
    if (n % 6 || n >= 300) p.joinedOn = "20" + std::to_string(19 + n % 5) + "-03-01";
    p.hours = hours;
    if (n % 2) p.hoursAsOf = "2026-06-30";
    return p;
}

struct Database2 {
    test::TempDbPath path;
    Storage storage{path.str()};
    ImportStore imports{storage};
    int batches = 0;

    Database2() {
        test::buildDistrict(storage, {100, {{"滨江街道", 100, 0, {{"望江社区", 60}, {"临江社区", 40}}}}});
        imports.setAcceptRenames(true);
        // Volunteers targets: 2018 (nobody new counts), 2021 (those who joined by then or on an unknown date).
        storage.db().exec("INSERT INTO target (unit_id, year, metric, goal) SELECT min(id), 2018, 'volunteers', 10 FROM org_unit;"
                          "INSERT INTO target (unit_id, year, metric, goal) SELECT min(id), 2021, 'volunteers', 10 FROM org_unit;");
    }

    // People first..first+count-1, committed, in batches of `perBatch`.
    void import(int first, int count, int perBatch, double hoursAdded) {
        Transaction tx(storage.db());
        for (int start = first; start < first + count; start += perBatch) {
            const RowId batch = imports.begin("volunteers", "r.csv", "sha" + std::to_string(++batches));
            const int end = std::min(first + count, start + perBatch);
            for (int n = start; n < end; ++n) imports.putPerson(batch, rosterPerson(n, n % 40 + hoursAdded));
            imports.finish(batch, end - start, end - start, 0, 0, "{}");
        }
        tx.commit();
    }

    // Every row of the person-insert summaries and the badge marks (no seq:
    // the order marks were written in differs by design).
    std::set<std::string> rows() {
        std::set<std::string> out;
        Statement st = storage.db().prepare(R"(
            SELECT 'tally|' || unit_id || '|' || is_volunteer || '|' || joined_key || '|' || people || '|'
                   || CAST(round(roster_hours * 1000000) AS bigint)
                FROM unit_person_tally
            UNION ALL SELECT 'hours|' || period || '|' || unit_id || '|' || CAST(round(hours * 1000000) AS bigint) || '|' || people
                   || '|' || volunteers
                FROM unit_period_hours
            UNION ALL SELECT 'mark|' || scope || '|' || id FROM badge_dirty)");
        while (st.step()) out.insert(st.columnText(0));
        return out;
    }

    std::int64_t count(const std::string& sql) {
        Statement st = storage.db().prepare(sql);
        REQUIRE(st.step());
        return st.columnInt(0);
    }
};

// Records and credits of the stored people: unit_period_hours has rows the
// new people's shares join.
void addRecords(Storage& s) {
    s.db().exec(R"(
        INSERT INTO service_record (person_id, served_on, hours, verified)
            SELECT id, (2024 + id % 3) || '-' || substr(CAST(101 + id % 12 AS text), 2) || '-' || substr(CAST(101 + id % 28 AS text), 2),
                   0.5 * (1 + id % 9), CAST(id % 5 <> 0 AS integer)
            FROM person WHERE id % 2 = 0;
        INSERT INTO roster_credit (person_id, credited_on, hours)
            SELECT id, (2024 + id % 3) || '-' || substr(CAST(101 + id % 12 AS text), 2) || '-28', 0.25 * (1 + id % 7)
            FROM person WHERE id % 7 = 0;)");
}

} // namespace

TEST_CASE("many new people: unit summaries and badge marks written set-based equal the per-row triggers' and the definitions") {
    Database2 setBased, perRow;
    for (Database2* d : {&setBased, &perRow}) {
        d->import(0, 300, d == &setBased ? 300 : 10, 0);
        addRecords(d->storage);
        d->storage.db().exec("DELETE FROM badge_dirty");   // the second batch's marks alone
    }
    CHECK(setBased.rows() == perRow.rows());

    // 200 stored people again with 8 more hours, then 500 new people.
    {
        test::TriggerRuns runs(setBased.storage.db(), kNewPersonSummaryTriggers);
        setBased.import(100, 700, 700, 8);
        // The set-based path, not the triggers; a server never suspends
        // triggers in a bulk write (dialect bulkWritesChangeSchema): there
        // both databases go through them, one run a new person.
        const std::int64_t expected = setBased.storage.db().dialect().bulkWritesChangeSchema ? 0 : 500;
        for (const std::string& trigger : kNewPersonSummaryTriggers) {
            CAPTURE(trigger);
            CHECK(runs.of(trigger) == expected);
        }
    }
    {
        test::TriggerRuns marks(perRow.storage.db(), {"badge_dirty_person_insert"});
        perRow.import(100, 700, 10, 8);
        CHECK(marks.of("badge_dirty_person_insert") == 500);   // the reference: one run a new person
    }
    for (Database2* d : {&setBased, &perRow}) {
        CAPTURE(d == &setBased);
        CHECK(d->storage.count("person") == 800);
        CHECK(test::unitSummaryMismatches(d->storage) == 0);
        CHECK(test::summaryMismatches(d->storage) == 0);
        test::checkPersonList(d->storage);
        // A mark for every new person, the team's, and 2021's target (not 2018's).
        CHECK(d->count("SELECT count(*) FROM badge_dirty WHERE scope = 'person' AND id IN"
                       " (SELECT id FROM person WHERE id > 300)") == 500);
        CHECK(d->count("SELECT count(*) FROM badge_dirty WHERE scope = 'team' AND id = 0") == 1);
        CHECK(d->count("SELECT count(*) FROM badge_dirty WHERE scope = 'unit_year' AND id = 2021") == 1);
        CHECK(d->count("SELECT count(*) FROM badge_dirty WHERE scope = 'unit_year' AND id = 2018") == 0);
    }
    CHECK(setBased.rows() == perRow.rows());
    // The triggers are back for whoever writes next.
    CHECK(test::activeTriggers(setBased.storage.db(), kNewPersonSummaryTriggers) == 3);
}

// SQLite only: writeNewPeopleSummaries and SuspendedTriggers are the file's
// set-based path (dialect bulkWritesChangeSchema); a server never suspends its
// triggers, so the per-row triggers (the first case) are its only path.
TEST_CASE("writeNewPeopleSummaries: a new id's leftover board rows are counted as the trigger counts them; outside a transaction refused"
          * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    Storage storage{path.str()};
    test::buildDistrict(storage, {100, {{"滨江街道", 100, 0, {{"望江社区", 100}}}}});
    Database& db = storage.db();
    CHECK_THROWS_AS(writeNewPeopleSummaries(db, 0, 10), StorageError);

    // Reference: a person inserted through the triggers while a board row of
    // her id is already there (a row the triggers would count). Built with the
    // summaries' triggers first, then the same with them suspended + the bulk
    // write; both files must end alike.
    auto build = [](Storage& s, bool bulk) {
        Database& d = s.db();
        Transaction tx(d);
        d.exec("INSERT INTO board_person_period (period, person_id, hours, activities, items) VALUES"
               " ('all', 1, 4.5, 1, 1), ('2025', 1, 4.5, 1, 1), ('2025Q1', 1, 4.5, 1, 1)");
        std::optional<SuspendedTriggers> suspended;
        if (bulk) suspended.emplace(d, kNewPersonSummaryTriggers);
        d.exec("INSERT INTO person (id, name, unit_id, is_volunteer, joined_on, roster_hours)"
               " SELECT 1, '王芳', min(id), 1, '2020-05-01', 3 FROM org_unit WHERE kind LIKE '%社区'");
        if (bulk) {
            suspended->restore();
            writeNewPeopleSummaries(d, 0, 1);
        }
        tx.commit();
    };
    test::TempDbPath otherPath;
    Storage other{otherPath.str()};
    test::buildDistrict(other, {100, {{"滨江街道", 100, 0, {{"望江社区", 100}}}}});
    build(storage, true);
    build(other, false);
    auto rowsOf = [](Storage& s) {
        std::set<std::tuple<std::string, std::int64_t, double, std::int64_t, std::int64_t>> out;
        Statement st = s.db().prepare("SELECT period, unit_id, hours, people, volunteers FROM unit_period_hours");
        while (st.step()) out.emplace(st.columnText(0), st.columnInt(1), st.columnDouble(2), st.columnInt(3), st.columnInt(4));
        return out;
    };
    CHECK(rowsOf(storage).size() == 1);   // 'all' only: no record or credit of hers names 2025, quarters never
    CHECK(rowsOf(storage) == rowsOf(other));
}
