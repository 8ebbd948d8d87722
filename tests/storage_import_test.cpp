// storage_import_test.cpp — import batches on a real SQLite file: upsert by
// ID number, cumulative hours replaced not added, households with several
// titles, re-import recognized, undo restoring exactly what was there.
#include <doctest/doctest.h>

#include "storage/import_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

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

RosterPerson rosterPerson(const std::string& name, const std::string& id, double hours) {
    RosterPerson p;
    p.name = name;
    p.gender = "女";
    p.idNumber = id;
    p.phone = "13812345678";
    p.unitName = "望江社区";
    p.hours = hours;
    p.hoursAsOf = "2026-06-30";
    return p;
}

// All time: roster history + verified records + roster credits (what stars count).
double rosterHours(Storage& s, const std::string& id) {
    const auto p = s.personByIdNumber(id);
    Statement st = s.db().prepare("SELECT coalesce(sum(hours), 0.0) FROM dated_hours WHERE person_id = ?");
    st.bind(1, p->id);
    st.step();
    return p->rosterHours + st.columnDouble(0);
}

} // namespace

TEST_CASE("a person is matched by ID number: updated, never inserted twice; a total counts once") {
    Fixture f;
    Person existing;
    existing.name = "王芳";
    existing.idNumber = "11010519491231002X";
    existing.phone = "13900000000";
    existing.unitId = f.community;
    existing.rosterHours = 10;
    f.storage.insertPerson(existing);

    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("volunteers", "望江社区.xlsx", "abc");
    CHECK(f.imports.putPerson(batch, rosterPerson("王芳", "11010519491231002X", 120)).outcome
          == ImportStore::Outcome::Updated);
    // Another 王芳 with another ID number is another person.
    CHECK(f.imports.putPerson(batch, rosterPerson("王芳", "440524198001010013", 8)).outcome
          == ImportStore::Outcome::Inserted);
    f.imports.finish(batch, 2, 1, 1, 0, "{}");
    tx.commit();

    CHECK(f.storage.count("person") == 2);
    CHECK(rosterHours(f.storage, "11010519491231002X") == doctest::Approx(120));   // the total, not 130
    CHECK(f.storage.personByIdNumber("11010519491231002X")->phone == "13812345678");

    // A newer roster updates the cumulative hours again; the same values change nothing.
    Transaction tx2(f.storage.db());
    const RowId later = f.imports.begin("volunteers", "望江社区-12月.xlsx", "def");
    CHECK(f.imports.putPerson(later, rosterPerson("王芳", "11010519491231002X", 150)).outcome
          == ImportStore::Outcome::Updated);
    CHECK(f.imports.putPerson(later, rosterPerson("王芳", "440524198001010013", 8)).outcome
          == ImportStore::Outcome::Unchanged);
    f.imports.finish(later, 2, 0, 1, 0, "{}");
    tx2.commit();
    CHECK(rosterHours(f.storage, "11010519491231002X") == doctest::Approx(150));
}

TEST_CASE("undo removes what a batch inserted and restores what it changed") {
    Fixture f;
    Person existing;
    existing.name = "王芳";
    existing.idNumber = "11010519491231002X";
    existing.phone = "13900000000";
    existing.unitId = f.community;
    existing.rosterHours = 10;
    existing.rosterHoursAsOf = "2025-12-31";
    const RowId keptId = f.storage.insertPerson(existing);

    RowId batch = 0;
    {
        Transaction tx(f.storage.db());
        batch = f.imports.begin("volunteers", "a.xlsx", "sha-a");
        f.imports.putPerson(batch, rosterPerson("王芳", "11010519491231002X", 120));
        f.imports.putPerson(batch, rosterPerson("李淼", "440524198001010013", 8));
        f.imports.finish(batch, 2, 1, 1, 0, "{}");
        tx.commit();
    }
    REQUIRE(f.imports.batchForFile("volunteers", "sha-a"));
    const auto summary = f.imports.undo(batch);
    CHECK(summary.personsRemoved == 1);
    CHECK(summary.personsRestored == 1);
    CHECK(f.storage.count("person") == 1);
    auto back = f.storage.person(keptId);
    REQUIRE(back);
    CHECK(back->phone == "13900000000");
    CHECK(back->rosterHours == doctest::Approx(10));
    CHECK(back->rosterHoursAsOf == "2025-12-31");
    CHECK_FALSE(f.imports.batchForFile("volunteers", "sha-a"));   // undone: a re-import is new again
    CHECK_THROWS_AS(f.imports.undo(batch), StorageError);         // not twice
    CHECK_THROWS_AS(f.imports.undo(9999), StorageError);
}

TEST_CASE("one household, several titles and years; the same title twice is one award") {
    Fixture f;
    Transaction tx(f.storage.db());
    const RowId batch = f.imports.begin("families", "家庭.xlsx", "sha-f");
    RosterFamily row{3, "张堃", "滨江路12号3栋402室", 4, "望江社区", "平安家庭", "社区", 2025, "", ""};
    CHECK(f.imports.putFamily(batch, row).outcome == ImportStore::Outcome::Inserted);
    row.row = 4;
    row.title = "五好文明家庭";
    row.level = "区";
    row.year = 2026;
    CHECK(f.imports.putFamily(batch, row).outcome == ImportStore::Outcome::Updated);
    CHECK(f.imports.putFamily(batch, row).outcome == ImportStore::Outcome::Unchanged);
    row.title = "美丽庭院";                       // not in the catalogue: joins it as the user's own
    CHECK(f.imports.putFamily(batch, row).outcome == ImportStore::Outcome::Updated);
    RosterFamily elsewhere{5, "周淼", "江北路1号", 3, "不存在社区", "平安家庭", "社区", 2026, "", ""};
    CHECK(f.imports.putFamily(batch, elsewhere).unitUnknown);
    f.imports.finish(batch, 5, 2, 2, 1, "{}");
    tx.commit();
    CHECK(f.storage.count("family") == 2);
    CHECK(f.storage.count("award") == 4);
    CHECK(f.storage.awardTitleId("美丽庭院", "family", "区") != 0);

    const auto summary = f.imports.undo(batch);
    CHECK(summary.familiesRemoved == 2);
    CHECK(f.storage.count("family") == 0);
    CHECK(f.storage.count("award") == 0);
}

TEST_CASE("an import that is not committed leaves no trace, not even its batch") {
    Fixture f;
    {
        Transaction tx(f.storage.db());
        const RowId batch = f.imports.begin("volunteers", "x.csv", "sha-x");
        f.imports.putPerson(batch, rosterPerson("李淼", "440524198001010013", 8));
        // no commit: a failure or a cancel
    }
    CHECK(f.storage.count("person") == 0);
    CHECK(f.storage.count("import_batch") == 0);
}
