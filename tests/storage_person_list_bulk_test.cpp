// storage_person_list_bulk_test.cpp — issue 17 (imports into a big
// database, the upgrade's refill): person_list, person_search and the search
// grams written set-based (storage/person_list_bulk.hpp) equal their
// definition exactly as the per-row triggers do, in a database that already
// holds people; the triggers are back after every commit and every rollback;
// the board summaries still equal theirs; and a refill cut short (a crash
// between its steps) is done again whole by the next open.
#include <doctest/doctest.h>

#include "storage/import_store.hpp"
#include "storage/person_list_bulk.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "storage/volunteer_list.hpp"
#include "support/board_summary_check.hpp"
#include "support/district.hpp"
#include "support/person_list_check.hpp"
#include "support/trigger_runs.hpp"
#include "temp_db.hpp"

#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// The per-row triggers of 0020/0026 that the set-based writers suspend.
std::int64_t triggersPresent(Storage& s) {
    return test::activeTriggers(s.db(), {"person_list_after_insert", "person_gram_before_insert", "person_gram_after_insert",
                                         "person_gram_after_delete", "person_gram_after_update", "person_gram_count_insert",
                                         "person_gram_count_delete"});
}

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

// Names that share surnames and characters, so the grams of old and new
// people interleave in person_gram (a random name's place, as in real rosters).
std::string nameOf(int n) {
    static const char* const surnames[] = {"王", "李", "张", "刘", "陈", "欧阳", "吕", "郑", "Anna"};
    static const char* const given[] = {"芳", "秀英", "敏", "静", "丽娟", "强", "磊", "洋", "艳", "军", "𠮷", "娜"};
    std::mt19937 rng(static_cast<unsigned>(n) * 2654435761u);
    return std::string(surnames[rng() % 9]) + given[rng() % 12] + (rng() % 3 == 0 ? given[rng() % 12] : "");
}

RosterPerson rosterPerson(int n, const std::string& unit) {
    RosterPerson p;
    p.row = n + 2;
    p.name = nameOf(n);
    p.gender = n % 2 ? "女" : "男";
    p.idNumber = idNumber(n);
    if (n % 4) p.phone = "138" + std::to_string(10000000 + n);
    p.unitName = unit;
    p.joinedOn = "2021-03-01";
    p.hours = n % 40;
    p.hoursAsOf = "2026-06-30";
    return p;
}

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    ImportStore imports{storage};

    Fixture() { test::buildDistrict(storage, {200, {{"滨江街道", 200, 0, {{"望江社区", 200}}}}}); }

    // One batch of people first..first+count-1 (updates for those stored), committed.
    void import(int first, int count, const std::string& unit = "望江社区", int nameShift = 0) {
        Transaction tx(storage.db());
        const RowId batch = imports.begin("volunteers", "roster" + std::to_string(first) + ".csv",
                                          "sha" + std::to_string(first) + "-" + std::to_string(count));
        for (int n = first; n < first + count; ++n) {
            RosterPerson p = rosterPerson(n, unit);
            if (nameShift) p.name = nameOf(n + nameShift);
            imports.putPerson(batch, p);
        }
        imports.finish(batch, count, count, 0, 0, "{}");
        tx.commit();
    }
};

} // namespace

TEST_CASE("many new people into a database that holds people: set-based, equal to the definition, triggers back") {
    Fixture f;
    // The existing people, written one by one through the triggers (batches
    // below the set-based minimum), a few with service records.
    for (int first = 0; first < 3000; first += 600) f.import(first, 600);
    f.storage.db().exec("INSERT INTO service_record (person_id, served_on, hours, verified) SELECT id, '2026-03-0'"
                        " || (id % 9 + 1), id % 7 + 1, id % 5 <> 0 FROM person WHERE id % 3 = 0");
    test::checkPersonList(f.storage);

    // person_list_after_insert: a person inserted one by one;
    // person_gram_after_insert: a person_list row's grams one by one.
    test::TriggerRuns runs(f.storage.db(), {"person_list_after_insert", "person_gram_after_insert"});
    // 4,000 new people (more than the minimum, fewer than the table holds:
    // no bulk mode) and 500 stored people again, renamed (their rows updated
    // by the update triggers, beside the new people's set-based rows).
    f.imports.setAcceptRenames(true);
    f.import(2500, 4500, "望江社区", 7);
    if (f.storage.db().dialect().bulkWritesChangeSchema) {
        CHECK(runs.of("person_list_after_insert") == 0);   // no new person went through the per-row trigger
        CHECK(runs.of("person_gram_after_insert") <= 500); // only the renamed ones (their update triggers), none of the 4,000 new
    } else {
        // A server never suspends triggers in a bulk write: each new person
        // goes through them (and only the new ones).
        CHECK(runs.of("person_list_after_insert") == 4000);
        CHECK(runs.of("person_gram_after_insert") == 4000);
    }
    CHECK(triggersPresent(f.storage) == 7);
    CHECK(f.storage.count("person") == 7000);
    test::checkPersonList(f.storage);
    CHECK(test::summaryMismatches(f.storage) == 0);

    // A small batch afterwards goes through the triggers again, as before.
    runs.restart();
    f.import(7000, 20);
    CHECK(runs.of("person_list_after_insert") == 20);
    test::checkPersonList(f.storage);
}

TEST_CASE("a set-based batch that rolls back leaves no one and every trigger in place; the store goes on") {
    Fixture f;
    f.import(0, 300);
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "big.csv", "sha-big");
        for (int n = 300; n < 2300; ++n) f.imports.putPerson(batch, rosterPerson(n, "望江社区"));
        f.imports.flushPeople();   // written set-based, inside the transaction
        CHECK(f.storage.count("person") == 2300);
        CHECK(triggersPresent(f.storage) == 7);
    }   // no commit: a cancel or an error
    CHECK(f.storage.count("person") == 300);
    CHECK(triggersPresent(f.storage) == 7);
    test::checkPersonList(f.storage);
    f.import(300, 1500);
    CHECK(f.storage.count("person") == 1800);
    test::checkPersonList(f.storage);
}

TEST_CASE("bulk mode (a big roster into a small table): the rows of a whole batch at its end, people updated meanwhile included") {
    Fixture f;
    f.import(0, 50);
    f.imports.setAcceptRenames(true);
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "big.csv", "sha-big");
    // A unit name too long for the compact form: this person is inserted at
    // once, while person_list waits, and comes again in the same batch
    // (another sheet) — its row is written by the update trigger, the rest
    // of the batch's by the set-based fill.
    const std::string longUnit(300, 'x');
    RosterPerson odd = rosterPerson(21000, longUnit);   // after bulk mode began (20,000 kept)
    for (int n = 50; n < 25050; ++n) f.imports.putPerson(batch, n == 21000 ? odd : rosterPerson(n, "望江社区"));
    odd.name = "吕秀英";
    CHECK(f.imports.putPerson(batch, odd).outcome == ImportStore::Outcome::Updated);
    f.imports.finish(batch, 25001, 25000, 1, 0, "{}");
    tx.commit();
    CHECK(triggersPresent(f.storage) == 7);
    CHECK(f.storage.count("person") == 25050);
    test::checkPersonList(f.storage);
}

// SQLite only: its sort keys are the app's ICU keys, refilled at the open when
// the collator changes. A server keeps no such keys (name_key is the name
// under the server's own ICU collation) and its open refills nothing; the
// readings' rewrite on a server is pg_readings_test's.
TEST_CASE("the refill of the pinyin keys is set-based and equal to the triggers' rows; cut short, the next open does it again"
          * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        Storage s(path.str());
        test::buildDistrict(s, {50, {{"滨江街道", 50, 0, {{"望江社区", 50}}}}});
        ImportStore imports(s);
        Transaction tx(s.db());
        const RowId batch = imports.begin("volunteers", "r.csv", "sha-r");
        for (int n = 0; n < 900; ++n) imports.putPerson(batch, rosterPerson(n, "望江社区"));
        imports.finish(batch, 900, 900, 0, 0, "{}");
        tx.commit();
        s.db().exec("DELETE FROM person WHERE id % 10 = 0");   // gaps in the ids
        CHECK(fillPersonSortKeys(s.db(), true, 64) == s.count("person"));
        CHECK(triggersPresent(s) == 7);
        test::checkPersonList(s);
        // The triggers work again afterwards.
        Person p;
        p.name = "欧阳娜";
        s.insertPerson(p);
        test::checkPersonList(s);

        // A refill cut short after its list rows (a crash before the grams):
        // committed steps, no collator version stored.
        s.db().exec("DELETE FROM setting WHERE key = 'pinyin.collation_version'");
        {
            Transaction step(s.db());
            clearPersonList(s.db());
            step.commit();
        }
        {
            Transaction step(s.db());
            fillPersonListRowsWithoutGrams(s.db(), 0, 500);
            step.commit();
        }
        Statement grams = s.db().prepare("SELECT count(*) FROM person_gram");
        REQUIRE(grams.step());
        CHECK(grams.columnInt(0) == 0);
    }
    Storage reopened(path.str());   // the open fills again, whole
    CHECK(sortKeysCollationCurrent(reopened.db()));
    CHECK(triggersPresent(reopened) == 7);
    test::checkPersonList(reopened);
}

TEST_CASE("set-based writers refuse to run outside a transaction") {
    test::TempDbPath path;
    Storage s(path.str());
    CHECK_THROWS_AS(fillNewPeople(s.db(), 0, 10), StorageError);
    CHECK_THROWS_AS(SuspendedTriggers(s.db(), {"person_list_after_insert"}), StorageError);
    CHECK(triggersPresent(s) == 7);
}
