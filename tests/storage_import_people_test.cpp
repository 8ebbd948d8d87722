// storage_import_people_test.cpp — the fast paths of ImportStore::putPerson
// (new people kept and written at finish() in ID-number order) keeps every
// promise of the slow one: outcomes known at once, a person twice in one
// batch updated not duplicated, several batches through one store, nothing
// left behind by a batch that rolled back; and the roster-hours rule: a
// roster's 服务时长 is the person's total, so importing an export does not
// count the recorded hours twice.
#include <doctest/doctest.h>

#include "core/roster_hours.hpp"
#include "core/table_export.hpp"
#include "storage/import_store.hpp"
#include "storage/list_export.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <cstdio>
#include <filesystem>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    ImportStore imports{storage};
    RowId community = 0;

    Fixture() {
        community = test::buildDistrict(storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 2000}}}}}).community(0);
    }
};

RosterPerson rosterPerson(int row, const std::string& name, const std::string& id, double hours) {
    RosterPerson p;
    p.row = row;
    p.name = name;
    p.gender = "女";
    p.idNumber = id;
    p.phone = "13812345678";
    p.unitName = "望江社区";
    p.joinedOn = "2020-05-01";
    p.hours = hours;
    p.hoursAsOf = "2026-06-30";
    return p;
}

// Valid GB 11643 numbers (checked by core_id_number_test's rules).
const char* const kA = "11010519491231002X";
const char* const kB = "440524198001010013";
const char* const kC = "110105198001010016";

// All time, as stars count it: roster history + verified records + roster credits.
double recordedPlusRoster(Storage& s, const std::string& id) {
    const auto p = s.personByIdNumber(id);
    REQUIRE(p);
    Statement st = s.db().prepare(
        "SELECT (SELECT coalesce(sum(hours), 0.0) FROM service_record WHERE person_id = ?1 AND verified = 1)"
        " + (SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE person_id = ?1)");
    st.bind(1, p->id);
    REQUIRE(st.step());
    return p->rosterHours + st.columnDouble(0);
}

// The roster credits of a person: (credited_on, hours).
std::vector<std::pair<std::string, double>> credits(Storage& s, const std::string& id) {
    Statement st = s.db().prepare(
        "SELECT credited_on, hours FROM roster_credit WHERE person_id = (SELECT id FROM person WHERE id_number = ?)"
        " ORDER BY id");
    st.bind(1, id);
    std::vector<std::pair<std::string, double>> out;
    while (st.step()) out.emplace_back(st.columnText(0), st.columnDouble(1));
    return out;
}

} // namespace

TEST_CASE("new people are written at finish, in ID-number order, with every field") {
    Fixture f;
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "a.csv", "sha-a");
    CHECK(f.imports.putPerson(batch, rosterPerson(2, "王芳", kB, 12.5)).outcome == ImportStore::Outcome::Inserted);
    CHECK(f.imports.putPerson(batch, rosterPerson(3, "李淼", kA, 3)).outcome == ImportStore::Outcome::Inserted);
    RosterPerson noHours = rosterPerson(4, "张堃", kC, 0);
    noHours.hours.reset();
    noHours.phone.clear();
    noHours.gender = "男";
    noHours.unitName = "不存在社区";
    CHECK(f.imports.putPerson(batch, noHours).unitUnknown);
    f.imports.finish(batch, 3, 3, 0, 0, "{}");
    tx.commit();

    REQUIRE(f.storage.count("person") == 3);
    const auto a = f.storage.personByIdNumber(kA);
    const auto b = f.storage.personByIdNumber(kB);
    const auto c = f.storage.personByIdNumber(kC);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    CHECK(a->id < c->id);   // 110105194… < 110105198… < 440524…
    CHECK(c->id < b->id);
    CHECK(b->name == "王芳");
    CHECK(b->gender == "女");
    CHECK(b->phone == "13812345678");
    CHECK(b->unitId == f.community);
    CHECK(b->joinedOn == "2020-05-01");
    CHECK(b->rosterHours == doctest::Approx(12.5));
    CHECK(b->rosterHoursAsOf == "2026-06-30");
    CHECK(c->gender == "男");
    CHECK(c->phone.empty());
    CHECK(c->unitId == 0);
    CHECK(c->rosterHours == doctest::Approx(0));
    CHECK(c->rosterHoursAsOf.empty());
    Statement st = f.storage.db().prepare("SELECT count(*) FROM person WHERE import_batch_id = ?");
    st.bind(1, batch);
    REQUIRE(st.step());
    CHECK(st.columnInt(0) == 3);
}

TEST_CASE("a person twice in one batch (two sheets) is updated, not inserted twice; undo removes it") {
    Fixture f;
    RowId batch = 0;
    {
        Transaction tx(f.storage.db());
        batch = f.imports.begin("volunteers", "two-sheets.xlsx", "sha-2");
        CHECK(f.imports.putPerson(batch, rosterPerson(2, "王芳", kA, 10)).outcome == ImportStore::Outcome::Inserted);
        CHECK(f.imports.putPerson(batch, rosterPerson(3, "李淼", kB, 5)).outcome == ImportStore::Outcome::Inserted);
        // The second sheet has 王芳 again with more hours, then unchanged.
        CHECK(f.imports.putPerson(batch, rosterPerson(2, "王芳", kA, 20)).outcome == ImportStore::Outcome::Updated);
        CHECK(f.imports.putPerson(batch, rosterPerson(3, "王芳", kA, 20)).outcome == ImportStore::Outcome::Unchanged);
        CHECK(f.imports.putPerson(batch, rosterPerson(4, "张堃", kC, 1)).outcome == ImportStore::Outcome::Inserted);
        f.imports.finish(batch, 5, 3, 1, 0, "{}");
        tx.commit();
    }
    CHECK(f.storage.count("person") == 3);
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(20));
    const auto summary = f.imports.undo(batch);
    CHECK(summary.personsRemoved == 3);
    CHECK(f.storage.count("person") == 0);
}

TEST_CASE("one store, several batches: the second file updates people the first one inserted") {
    Fixture f;
    Transaction tx(f.storage.db());
    const RowId first = f.imports.begin("volunteers", "a.csv", "sha-a");
    CHECK(f.imports.putPerson(first, rosterPerson(2, "王芳", kA, 10)).outcome == ImportStore::Outcome::Inserted);
    f.imports.finish(first, 1, 1, 0, 0, "{}");
    const RowId second = f.imports.begin("volunteers", "b.csv", "sha-b");
    CHECK(f.imports.putPerson(second, rosterPerson(2, "王芳", kA, 30)).outcome == ImportStore::Outcome::Updated);
    CHECK(f.imports.putPerson(second, rosterPerson(3, "李淼", kB, 1)).outcome == ImportStore::Outcome::Inserted);
    f.imports.finish(second, 2, 1, 1, 0, "{}");
    tx.commit();
    CHECK(f.storage.count("person") == 2);
    // The first total is history; the second adds its increase, dated at its as-of date.
    CHECK(f.storage.personByIdNumber(kA)->rosterHours == doctest::Approx(10));
    CHECK(credits(f.storage, kA) == std::vector<std::pair<std::string, double>>{{"2026-06-30", 20}});
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(30));
    // Undoing the second batch takes its credit back and removes 李淼.
    const auto summary = f.imports.undo(second);
    CHECK(summary.personsRemoved == 1);
    CHECK(credits(f.storage, kA).empty());
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(10));
}

TEST_CASE("people kept for a batch that rolled back are never written by the next one") {
    Fixture f;
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "failed.csv", "sha-x");
        f.imports.putPerson(batch, rosterPerson(2, "王芳", kA, 10));
        // no finish, no commit: the file failed half-way
    }
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "good.csv", "sha-y");   // may reuse the batch id
    CHECK(f.imports.putPerson(batch, rosterPerson(2, "李淼", kB, 1)).outcome == ImportStore::Outcome::Inserted);
    f.imports.finish(batch, 1, 1, 0, 0, "{}");
    tx.commit();
    CHECK(f.storage.count("person") == 1);
    CHECK_FALSE(f.storage.personByIdNumber(kA));
}

TEST_CASE("a person stored meanwhile by other code makes the import fail whole, not duplicate") {
    Fixture f;
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "a.csv", "sha-a");
    CHECK(f.imports.putPerson(batch, rosterPerson(2, "王芳", kA, 10)).outcome == ImportStore::Outcome::Inserted);
    Person other;
    other.name = "王芳";
    other.idNumber = kA;
    f.storage.insertPerson(other);   // through the same connection, inside the import's transaction
    CHECK_THROWS_AS(f.imports.finish(batch, 1, 1, 0, 0, "{}"), StorageError);
}

TEST_CASE("roster hours are the person's total: re-importing an export does not double the recorded hours") {
    // Rule (core/roster_hours.hpp): a roster's 服务时长 is the total to date,
    // and an export writes history + verified + credited hours. A later total
    // adds max(0, total − what is held here), dated at its as-of date, so the
    // total shown afterwards is the roster's figure (or what is held here, if
    // more). A person's first total is undated history.
    Fixture f;
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "a.csv", "sha-a");
        f.imports.putPerson(batch, rosterPerson(2, "王芳", kA, 10));
        f.imports.finish(batch, 1, 1, 0, 0, "{}");
        tx.commit();
    }
    const RowId person = f.storage.personByIdNumber(kA)->id;
    ServiceRecord record;
    record.personId = person;
    record.servedOn = "2026-07-01";
    record.hours = 6;
    record.verified = true;
    f.storage.insertServiceRecord(record);
    record.servedOn = "2026-07-02";
    record.hours = 2.5;
    f.storage.insertServiceRecord(record);
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(18.5));

    // The export says 18.5; importing it again keeps 18.5 (not 27).
    const std::string exported =
        (std::filesystem::temp_directory_path() / ("jinguo_hours_" + std::to_string(::getpid()) + ".csv")).string();
    // What `jinguo export --unmasked` then `jinguo import` do, through the
    // same core and storage calls (storage tests do not link the CLI).
    REQUIRE(writeExport(exported, volunteersExportTable(f.storage, true)).empty());
    RosterImportRequest request;
    request.kind = roster::RosterKind::Volunteers;
    request.files = {exported};
    request.today = "2026-11-29";
    request.hours = *roster::parseHoursBasis("", "", "", request.today).basis;   // the CLI's default: totals as of today
    REQUIRE(runRosterImport(f.storage, request).status == RosterImportResult::Status::Committed);
    std::filesystem::remove(exported);
    CHECK(f.storage.count("person") == 1);
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(18.5));
    CHECK(f.storage.personByIdNumber(kA)->rosterHours == doctest::Approx(10));
    CHECK(credits(f.storage, kA).empty());

    // A newer roster with a higher total: a credit of the difference, dated.
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "b.csv", "sha-b");
        CHECK(f.imports.putPerson(batch, rosterPerson(2, "王芳", kA, 40)).outcome == ImportStore::Outcome::Updated);
        f.imports.finish(batch, 1, 0, 1, 0, "{}");
        tx.commit();
    }
    CHECK(f.storage.personByIdNumber(kA)->rosterHours == doctest::Approx(10));
    CHECK(credits(f.storage, kA) == std::vector<std::pair<std::string, double>>{{"2026-06-30", 21.5}});
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(40));

    // A roster total below what is held here: nothing is taken away.
    RowId low = 0;
    {
        Transaction tx(f.storage.db());
        low = f.imports.begin("volunteers", "c.csv", "sha-c");
        f.imports.putPerson(low, rosterPerson(2, "王芳", kA, 5));
        f.imports.finish(low, 1, 0, 1, 0, "{}");
        tx.commit();
    }
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(40));
    CHECK(credits(f.storage, kA).size() == 1);
    f.imports.undo(low);
    CHECK(recordedPlusRoster(f.storage, kA) == doctest::Approx(40));
}

namespace {
// The n-th valid ID number of a run: 110105 1980-01-01, sequence n, with its check character.
std::string idNumber(int n) {
    std::string id = "11010519800101" + std::to_string(1000 + n).substr(1);
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * weights[i];
    return id + "10X98765432"[sum % 11];
}
} // namespace

TEST_CASE("a big batch is written in lists of rows; every row lands, a bad one is named by its row") {
    Fixture f;
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "many.csv", "sha-m");
        for (int n = 0; n < 150; ++n)   // two full lists of 64 and a tail of 22
            CHECK(f.imports.putPerson(batch, rosterPerson(n + 2, "志愿者" + std::to_string(n), idNumber(n), n)).outcome
                  == ImportStore::Outcome::Inserted);
        f.imports.finish(batch, 150, 150, 0, 0, "{}");
        tx.commit();
    }
    REQUIRE(f.storage.count("person") == 150);
    for (int n : {0, 63, 64, 127, 128, 149}) {
        const auto p = f.storage.personByIdNumber(idNumber(n));
        REQUIRE(p);
        CHECK(p->name == "志愿者" + std::to_string(n));
        CHECK(p->rosterHours == doctest::Approx(n));
    }

    // A row the schema refuses (a blank name) in the middle of a list: the
    // whole import fails and the message names that row.
    Fixture g;
    Transaction tx(g.storage.db());
    const RowId batch = g.imports.begin("volunteers", "bad.csv", "sha-b");
    for (int n = 0; n < 100; ++n)
        g.imports.putPerson(batch, rosterPerson(n + 2, n == 40 ? std::string(" ") : "志愿者", idNumber(n), 1));
    try {
        g.imports.finish(batch, 100, 100, 0, 0, "{}");
        FAIL("finish accepted a blank name");
    } catch (const StorageError& e) {
        CHECK(std::string(e.what()).find("第42行") != std::string::npos);
    }
}

// ------------------------------------------------------------------ bulk mode
// SQLite only (suite sqlite_file): bulk mode drops person_id_number inside the
// import's transaction, which a server never does (dialect.bulkWritesChangeSchema
// is false: DROP would lock person against every other user until commit), so
// there is no PostgreSQL form of "the index is dropped and built again"; the
// row-list path a server takes is the case above, and 20,000+ people through
// the server's per-row triggers would take minutes.

namespace {
// The n-th of many valid ID numbers: 110105, a birth date walking from
// 1960-01-01, a 3-digit sequence and the check character.
std::string manyIdNumber(int n) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "110105%04d%02d%02d%03d", 1960 + n / 336000, 1 + n / 28000 % 12,
                  1 + n / 1000 % 28, n % 1000);
    std::string id(digits, 17);
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * weights[i];
    return id + "10X98765432"[sum % 11];
}

bool idNumberIndexExists(Storage& s) {
    Statement st = s.db().prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'person_id_number'");
    return st.step() && st.columnInt(0) == 1;
}

void putMany(Fixture& f, RowId batch, int first, int count) {
    for (int n = first; n < first + count; ++n)
        REQUIRE(f.imports.putPerson(batch, rosterPerson(n + 2, "志愿者" + std::to_string(n), manyIdNumber(n), n % 50))
                    .outcome
                == ImportStore::Outcome::Inserted);
}
} // namespace

TEST_CASE("a large batch into a small table drops the ID-number index, appends, and builds it again" * doctest::test_suite("sqlite_file")) {
    Fixture f;
    constexpr int kPeople = 30000;
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "big.csv", "sha-big");
        putMany(f, batch, 0, kPeople);
        // Bulk mode: people are already in the table, in file order, and the
        // index is gone until finish().
        CHECK_FALSE(idNumberIndexExists(f.storage));
        CHECK(f.storage.count("person") > 20000);
        f.imports.finish(batch, kPeople, kPeople, 0, 0, "{}");
        CHECK(idNumberIndexExists(f.storage));
        tx.commit();
    }
    CHECK(f.storage.count("person") == kPeople);
    {   // file order: the first row has the smallest id
        Statement st = f.storage.db().prepare("SELECT name FROM person ORDER BY id LIMIT 1");
        REQUIRE(st.step());
        CHECK(st.columnText(0) == "志愿者0");
    }
    for (int n : {0, 4095, 4096, 19999, 20000, kPeople - 1}) {
        const auto p = f.storage.personByIdNumber(manyIdNumber(n));
        REQUIRE(p);
        CHECK(p->name == "志愿者" + std::to_string(n));
        CHECK(p->rosterHours == doctest::Approx(n % 50));
    }
    // The index is unique again: the schema refuses a second person with the same number.
    Person twin;
    twin.name = "重复";
    twin.idNumber = manyIdNumber(7);
    CHECK_THROWS_AS(f.storage.insertPerson(twin), StorageError);
    {
        Statement st = f.storage.db().prepare("PRAGMA integrity_check");
        REQUIRE(st.step());
        CHECK(st.columnText(0) == "ok");
    }

    // A second large batch into what is now a large table: the index stays.
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "more.csv", "sha-more");
    putMany(f, batch, kPeople, 25000);
    CHECK(idNumberIndexExists(f.storage));
    f.imports.finish(batch, 25000, 25000, 0, 0, "{}");
    tx.commit();
    CHECK(f.storage.count("person") == kPeople + 25000);
}

TEST_CASE("bulk mode: a rolled-back batch brings the index back and leaves no one" * doctest::test_suite("sqlite_file")) {
    Fixture f;
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "big.csv", "sha-big");
        putMany(f, batch, 0, 25000);
        CHECK_FALSE(idNumberIndexExists(f.storage));
    }   // no commit: rolled back, as on a cancel or an error
    CHECK(idNumberIndexExists(f.storage));
    CHECK(f.storage.count("person") == 0);
    // The same store imports the next file normally.
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "small.csv", "sha-small");
    putMany(f, batch, 0, 10);
    f.imports.finish(batch, 10, 10, 0, 0, "{}");
    tx.commit();
    CHECK(f.storage.count("person") == 10);
    CHECK(idNumberIndexExists(f.storage));
}

TEST_CASE("bulk mode: the same person again (another sheet) is updated, with the index rebuilt for the lookup" * doctest::test_suite("sqlite_file")) {
    Fixture f;
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "two_sheets.xlsx", "sha-2");
    putMany(f, batch, 0, 25000);
    CHECK_FALSE(idNumberIndexExists(f.storage));
    RosterPerson again = rosterPerson(9, "志愿者123", manyIdNumber(123), 77);
    CHECK(f.imports.putPerson(batch, again).outcome == ImportStore::Outcome::Updated);
    CHECK(idNumberIndexExists(f.storage));
    putMany(f, batch, 25000, 25000);   // not dropped a second time in this batch
    CHECK(idNumberIndexExists(f.storage));
    f.imports.finish(batch, 50001, 50000, 1, 0, "{}");
    tx.commit();
    CHECK(f.storage.count("person") == 50000);
    CHECK(recordedPlusRoster(f.storage, manyIdNumber(123)) == doctest::Approx(77));
}

TEST_CASE("bulk mode: a person written meanwhile with a batch's ID number fails the import whole" * doctest::test_suite("sqlite_file")) {
    Fixture f;
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "big.csv", "sha-big");
    putMany(f, batch, 0, 25000);
    Person other;
    other.name = "王芳";
    other.idNumber = manyIdNumber(24999);
    f.storage.insertPerson(other);   // no index to refuse it now …
    CHECK_THROWS_AS(f.imports.finish(batch, 25000, 25000, 0, 0, "{}"), StorageError);   // … the rebuild does
}

TEST_CASE("a volunteer's detail splits the same hours the list counts (personHours = volunteerRows)") {
    Fixture f;
    {
        Transaction tx(f.storage.db());
        const RowId first = f.imports.begin("volunteers", "a.csv", "sha-a");
        f.imports.putPerson(first, rosterPerson(2, "王芳", kA, 10));
        f.imports.putPerson(first, rosterPerson(3, "李淼", kB, 4));
        f.imports.finish(first, 2, 2, 0, 0, "{}");
        const RowId second = f.imports.begin("volunteers", "b.csv", "sha-b");
        f.imports.putPerson(second, rosterPerson(2, "王芳", kA, 25));   // +15 credited
        f.imports.finish(second, 1, 0, 1, 0, "{}");
        tx.commit();
    }
    const RowId wang = f.storage.personByIdNumber(kA)->id;
    ServiceRecord record;
    record.personId = wang;
    record.servedOn = "2026-07-01";
    record.hours = 6;
    record.verified = true;
    f.storage.insertServiceRecord(record);
    record.servedOn = "2026-07-02";
    record.hours = 2.5;
    record.verified = false;   // not counted until verified
    f.storage.insertServiceRecord(record);

    const PersonHours h = f.storage.personHours(wang);
    CHECK(h.verifiedRecords == doctest::Approx(6));
    CHECK(h.rosterCredits == doctest::Approx(15));
    CHECK(h.rosterHistory == doctest::Approx(10));
    CHECK(h.unverified == doctest::Approx(2.5));
    int compared = 0;
    for (const VolunteerRow& row : f.storage.volunteerRows()) {
        const PersonHours each = f.storage.personHours(row.id);
        CHECK(each.counted() == doctest::Approx(row.recordedHours + row.rosterHours));
        CHECK(each.unverified == doctest::Approx(row.unverifiedHours));
        ++compared;
    }
    CHECK(compared == 2);
    CHECK(f.storage.personHours(wang).counted() == doctest::Approx(31));
}
