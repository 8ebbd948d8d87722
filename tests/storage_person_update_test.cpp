// storage_person_update_test.cpp — issue 17 (re-importing an edited roster
// into a big database), migration 0034: an update of a person rewrites only
// the derived rows that depend on what changed. Hours alone move
// person_list.counted_hours and nothing else; the unit, gender or joining
// date move the row's columns in place (no row replaced, no search gram
// rewritten); a change of what the list searches by refreshes the row as
// before. Every summary —
// person_list, person_search, person_gram(_count), honour_list,
// board_person_period, unit_period_hours, unit_person_tally — equals its
// definition after each kind of update, after a re-import into a database
// that holds people (updated and new people in one batch), and after its
// undo (set-based for many new people, storage/person_list_bulk.hpp).
#include <doctest/doctest.h>

#include "storage/import_store.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "support/board_summary_check.hpp"
#include "support/district.hpp"
#include "support/person_list_check.hpp"
#include "support/trigger_runs.hpp"
#include "support/unit_summary_check.hpp"
#include "temp_db.hpp"

#include <cstdio>
#include <map>
#include <random>
#include <string>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// Counts the writes of derived rows with row triggers of its own (SQLite:
// temporary ones of this connection; a server has no temporary triggers, so
// plain ones in the test's own database).
struct DerivedWrites {
    explicit DerivedWrites(Database& db) : m_db(db) {
        if (db.isServer()) {
            db.exec(R"(
                CREATE TABLE IF NOT EXISTS derived_write (what text);
                DELETE FROM derived_write;
                CREATE OR REPLACE FUNCTION derived_write_note() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO derived_write VALUES (TG_ARGV[0]); RETURN NULL; END $$;
                CREATE OR REPLACE TRIGGER w_list_insert AFTER INSERT ON person_list
                    FOR EACH ROW EXECUTE FUNCTION derived_write_note('list_insert');
                CREATE OR REPLACE TRIGGER w_list_update AFTER UPDATE ON person_list
                    FOR EACH ROW EXECUTE FUNCTION derived_write_note('list_update');
                CREATE OR REPLACE TRIGGER w_gram_insert AFTER INSERT ON person_gram
                    FOR EACH ROW EXECUTE FUNCTION derived_write_note('gram_insert');
                CREATE OR REPLACE TRIGGER w_gram_delete AFTER DELETE ON person_gram
                    FOR EACH ROW EXECUTE FUNCTION derived_write_note('gram_delete');
                CREATE OR REPLACE TRIGGER w_honour_insert AFTER INSERT ON honour_list
                    FOR EACH ROW EXECUTE FUNCTION derived_write_note('honour_insert');)");
            return;
        }
        db.exec(R"(
            CREATE TEMP TABLE IF NOT EXISTS derived_write (what TEXT);
            DELETE FROM derived_write;
            CREATE TEMP TRIGGER IF NOT EXISTS w_list_insert AFTER INSERT ON main.person_list
                BEGIN INSERT INTO derived_write VALUES ('list_insert'); END;
            CREATE TEMP TRIGGER IF NOT EXISTS w_list_update AFTER UPDATE ON main.person_list
                BEGIN INSERT INTO derived_write VALUES ('list_update'); END;
            CREATE TEMP TRIGGER IF NOT EXISTS w_gram_insert AFTER INSERT ON main.person_gram
                BEGIN INSERT INTO derived_write VALUES ('gram_insert'); END;
            CREATE TEMP TRIGGER IF NOT EXISTS w_gram_delete AFTER DELETE ON main.person_gram
                BEGIN INSERT INTO derived_write VALUES ('gram_delete'); END;
            CREATE TEMP TRIGGER IF NOT EXISTS w_honour_insert AFTER INSERT ON main.honour_list
                BEGIN INSERT INTO derived_write VALUES ('honour_insert'); END;)");
    }
    std::int64_t of(const std::string& what) {
        Statement st = m_db.prepare("SELECT count(*) FROM derived_write WHERE what = ?");
        st.bind(1, what);
        REQUIRE(st.step());
        return st.columnInt(0);
    }
    Database& m_db;
};

std::string idNumber(int n) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "320102%04d%02d%02d%03d", 1960 + n / 336000, 1 + n / 28000 % 12,
                  1 + n / 1000 % 28, n % 1000);
    std::string id(digits, 17);
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * weights[i];
    return id + "10X98765432"[sum % 11];
}

std::string nameOf(int n) {
    static const char* const surnames[] = {"王", "李", "张", "刘", "陈", "欧阳", "吕", "郑"};
    static const char* const given[] = {"芳", "秀英", "敏", "静", "丽娟", "强", "磊", "洋", "艳", "军", "娜"};
    std::mt19937 rng(static_cast<unsigned>(n) * 2654435761u);
    return std::string(surnames[rng() % 8]) + given[rng() % 11] + (rng() % 3 == 0 ? given[rng() % 11] : "");
}

RosterPerson rosterPerson(int n, double hours) {
    RosterPerson p;
    p.row = n + 2;
    p.name = nameOf(n);
    p.gender = n % 2 ? "女" : "男";
    p.idNumber = idNumber(n);
    if (n % 4) p.phone = "139" + std::to_string(10000000 + n);
    p.unitName = n % 3 ? "望江社区" : "临江社区";
    p.joinedOn = "202" + std::to_string(n % 5) + "-03-01";
    p.hours = hours;
    if (n % 2) p.hoursAsOf = "2026-06-30";   // else a total never seen: the next one is history again
    return p;
}

void checkHonourList(Storage& s) {
    Statement st = s.db().prepare(
        "SELECT (SELECT count(*) FROM (SELECT * FROM honour_list EXCEPT SELECT * FROM honour_list_source) x),"
        "       (SELECT count(*) FROM (SELECT * FROM honour_list_source EXCEPT SELECT * FROM honour_list) x)");
    REQUIRE(st.step());
    CHECK(st.columnInt(0) == 0);
    CHECK(st.columnInt(1) == 0);
}

void checkEverySummary(Storage& s) {
    test::checkPersonList(s);
    checkHonourList(s);
    CHECK(test::summaryMismatches(s) == 0);
    CHECK(test::unitSummaryMismatches(s) == 0);
}

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    ImportStore imports{storage};

    Fixture() {
        test::buildDistrict(storage, {100, {{"滨江街道", 100, 0, {{"望江社区", 60}, {"临江社区", 40}}}}});
        imports.setAcceptRenames(true);
    }

    // One committed batch: people first..first+count-1 with the hours given.
    RowId import(int first, int count, double (*hoursOf)(int), std::map<int, std::string> renamed = {}) {
        Transaction tx(storage.db());
        const RowId batch = imports.begin("volunteers", "roster" + std::to_string(first) + ".csv",
                                          "sha" + std::to_string(first) + "-" + std::to_string(count));
        for (int n = first; n < first + count; ++n) {
            RosterPerson p = rosterPerson(n, hoursOf(n));
            if (const auto it = renamed.find(n); it != renamed.end()) p.name = it->second;
            imports.putPerson(batch, p);
        }
        imports.finish(batch, count, count, 0, 0, "{}");
        tx.commit();
        return batch;
    }
};

double firstHours(int n) { return n % 40; }
double moreHours(int n) { return n % 40 + 8; }

// Records, credits and person honours for the stored people, so every
// summary has rows the updates must keep right.
void addRecordsAndHonours(Storage& s) {
    s.db().exec(R"(
        INSERT INTO service_record (person_id, served_on, hours, verified)
            SELECT id, (2024 + id % 3) || '-' || substr(CAST(101 + id % 12 AS text), 2) || '-' || substr(CAST(101 + id % 28 AS text), 2),
                   0.5 * (1 + id % 9), CAST(id % 5 <> 0 AS integer)
            FROM person WHERE id % 2 = 0;
        INSERT INTO roster_credit (person_id, credited_on, hours)
            SELECT id, (2024 + id % 3) || '-' || substr(CAST(101 + id % 12 AS text), 2) || '-28', 0.25 * (1 + id % 7)
            FROM person WHERE id % 7 = 0;
        INSERT INTO award (title_id, year, person_id, unit_id, status)
            SELECT (SELECT id FROM award_title WHERE subject_kind = 'person' ORDER BY id LIMIT 1), 2025, id, unit_id, '命名'
            FROM person WHERE id % 11 = 0;)");
}

} // namespace

TEST_CASE("a person's hours alone move counted_hours only; any other change refreshes her rows as before") {
    Fixture f;
    f.import(0, 400, firstHours);
    addRecordsAndHonours(f.storage);
    checkEverySummary(f.storage);
    Database& db = f.storage.db();

    SUBCASE("hours only: no row replaced, no gram or honour rewritten, the figures right") {
        DerivedWrites writes(db);
        db.exec("UPDATE person SET roster_hours = roster_hours + 2.5, roster_hours_as_of = '2026-09-30' WHERE id % 3 = 0");
        CHECK(writes.of("list_update") == 133);   // counted_hours, in place
        CHECK(writes.of("list_insert") == 0);
        CHECK(writes.of("gram_insert") == 0);
        CHECK(writes.of("gram_delete") == 0);
        CHECK(writes.of("honour_insert") == 0);
        checkEverySummary(f.storage);
    }
    SUBCASE("columns nothing derived reads: nothing runs") {
        DerivedWrites writes(db);
        db.exec("UPDATE person SET note = 'x', updated_at = '2026-01-01T00:00:00Z', name = name, phone = phone");
        for (const char* what : {"list_update", "list_insert", "gram_insert", "gram_delete", "honour_insert"})
            CHECK(writes.of(what) == 0);
        checkEverySummary(f.storage);
    }
    SUBCASE("each column the list searches by, alone and with the hours: the row refreshed whole") {
        const char* const changes[] = {
            "name = name || '华'", "phone = CASE WHEN phone IS NULL THEN '13800000000' ELSE NULL END",
            "is_volunteer = 1 - is_volunteer", "id_number = NULL"};
        for (const char* change : changes) {
            CAPTURE(change);
            DerivedWrites writes(db);
            db.exec(std::string("UPDATE person SET ") + change + " WHERE id % 5 = 1");
            db.exec(std::string("UPDATE person SET ") + change + ", roster_hours = roster_hours + 1 WHERE id % 5 = 2");
            // The row refreshed whole, as before 0034: since 0039 the trigger's upsert
            // updates the row (it used to replace it).
            CHECK(writes.of("list_update") == 160);
            CHECK(writes.of("list_insert") == 0);
            checkEverySummary(f.storage);
        }
    }
    SUBCASE("the unit, gender or joining date, alone and with the hours: the row's columns in place, no gram rewritten") {
        const char* const changes[] = {
            "gender = CASE gender WHEN '女' THEN '男' ELSE '女' END", "joined_on = '2019-05-04'",
            "unit_id = NULL, unit_text = '新民社区'", "unit_text = '新村社区'",
            "unit_id = (SELECT min(id) FROM org_unit), unit_text = NULL"};
        for (const char* change : changes) {
            CAPTURE(change);
            DerivedWrites writes(db);
            db.exec(std::string("UPDATE person SET ") + change + " WHERE id % 5 = 1");
            db.exec(std::string("UPDATE person SET ") + change + ", roster_hours = roster_hours + 1 WHERE id % 5 = 2");
            CHECK(writes.of("list_update") == 160);
            CHECK(writes.of("list_insert") == 0);
            CHECK(writes.of("gram_insert") == 0);
            CHECK(writes.of("gram_delete") == 0);
            checkEverySummary(f.storage);
        }
    }
}

TEST_CASE("re-importing an edited roster into a database that holds people: every summary equals its definition, undo too") {
    Fixture f;
    f.import(0, 3000, firstHours);
    addRecordsAndHonours(f.storage);
    checkEverySummary(f.storage);

    // 2,000 stored people again with 8 more hours (50 of them renamed), then
    // 1,500 new people: one batch, as an edited roster is.
    std::map<int, std::string> renamed;
    for (int n = 1000; n < 3000; n += 40) renamed[n] = nameOf(n + 7) + "敏";
    DerivedWrites writes(f.storage.db());
    const RowId batch = f.import(1000, 3500, moreHours, renamed);
    CHECK(writes.of("list_insert") == 1500);         // the new people
    // The renamed refreshed whole (an upsert's update since 0039), the others'
    // hours (history or a credit) in place.
    CHECK(writes.of("list_update") >= 1950 + 50);
    // Only the renamed people's old grams go (before 0034 every updated
    // person's ~20 grams were deleted and written again).
    CHECK(writes.of("gram_delete") > 0);
    CHECK(writes.of("gram_delete") < 50 * 40);
    CHECK(f.storage.count("person") == 4500);
    checkEverySummary(f.storage);

    {
        // 1,500 people: their list rows and grams go set-based, not through
        // the per-row gram trigger of each deleted list row. Not on a server,
        // where a bulk write never suspends triggers (dialect
        // bulkWritesChangeSchema): there each row goes through them.
        test::TriggerRuns gramDeletes(f.storage.db(), {"person_gram_after_delete"});
        f.imports.undo(batch);
        CHECK(gramDeletes.of("person_gram_after_delete") == (f.storage.db().dialect().bulkWritesChangeSchema ? 0 : 1500));
    }
    CHECK(f.storage.count("person") == 3000);
    checkEverySummary(f.storage);
    {
        // A batch of a few people is undone through the triggers, as before.
        const RowId small = f.import(5000, 10, firstHours);
        test::TriggerRuns gramDeletes(f.storage.db(), {"person_gram_after_delete"});
        f.imports.undo(small);
        CHECK(gramDeletes.of("person_gram_after_delete") == 10);
        CHECK(f.storage.count("person") == 3000);
        checkEverySummary(f.storage);
    }
    Statement hours = f.storage.db().prepare("SELECT coalesce(sum(roster_hours), 0.0) FROM person");
    REQUIRE(hours.step());
    double expected = 0;
    for (int n = 0; n < 3000; ++n) expected += firstHours(n);
    CHECK(hours.columnDouble(0) == doctest::Approx(expected));
}

TEST_CASE("a moved or deleted person's emptied unit rows are found by index, never by scanning unit_period_hours") {
    Fixture f;
    Database& db = f.storage.db();
    // The statement of 0030's unit_hours_person_move / unit_hours_person_delete, as they run it.
    const std::string sql = "DELETE FROM unit_period_hours WHERE unit_id = coalesce(?1, 0) AND people = 0";
    std::string steps;
    CAPTURE(steps);
    if (db.isServer()) {
        // The planner costs a near-empty table's scan lower than any index:
        // with scans priced out it shows whether the index can serve the
        // statement at all (a scan is still chosen when none can).
        db.exec("SET enable_seqscan = off");
        Statement plan = db.prepare("EXPLAIN (FORMAT JSON) " + sql);
        plan.bindNull(1);
        REQUIRE(plan.step());
        steps = plan.columnText(0);
        db.exec("RESET enable_seqscan");
        CHECK(steps.find("\"Seq Scan\"") == std::string::npos);
    } else {
        Statement plan = db.prepare("EXPLAIN QUERY PLAN " + sql);
        while (plan.step()) steps += plan.columnText(3) + "\n";
        CHECK(steps.find("SCAN") == std::string::npos);
    }
    CHECK(steps.find("unit_period_hours_emptied") != std::string::npos);
}
