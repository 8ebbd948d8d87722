// storage_unit_summary_test.cpp — the per-unit summaries of migration 0030
// (unit_period_hours, unit_person_tally) against their definition written
// here from the base tables, after every kind of write; and the figures read
// from them (targets, 年度数据, 概览, a street's slide figures) against the same
// figures read the old way (setFromBaseTables, or the old SQL written here).
#include <doctest/doctest.h>

#include "demo/demo.hpp"
#include "storage/aggregates.hpp"
#include "storage/import_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "storage/year_figures.hpp"
#include "support/district.hpp"
#include "support/unit_summary_check.hpp"
#include "temp_db.hpp"
#include "support/demo_copy.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

double scalar(Storage& s, const std::string& sql) {
    Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnDouble(0);
}

// Targets of every kind the summaries feed, from the summaries and from the
// base tables: every line's figures, the per-child figures too.
void checkSameTargets(Storage& s, int year, RowId childrenOf) {
    Aggregates fromSummary(s);
    Aggregates fromBase(s);
    fromBase.setFromBaseTables(true);
    const TargetsReport a = fromSummary.targets(year, Date{2026, 12, 5}, childrenOf);
    const TargetsReport b = fromBase.targets(year, Date{2026, 12, 5}, childrenOf);
    REQUIRE(a.lines.size() == b.lines.size());
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        INFO("year " << year << " line " << i << " " << b.lines[i].target.metric << " " << b.lines[i].unitName);
        CHECK(std::abs(a.lines[i].facts.numerator - b.lines[i].facts.numerator) < 1e-6);
        CHECK(a.lines[i].facts.baseNumerator == b.lines[i].facts.baseNumerator);
        CHECK(a.lines[i].progress.status == b.lines[i].progress.status);
        REQUIRE(a.lines[i].children.size() == b.lines[i].children.size());
        for (std::size_t c = 0; c < a.lines[i].children.size(); ++c)
            CHECK(std::abs(a.lines[i].children[c].actual - b.lines[i].children[c].actual) < 1e-6);
    }
}

void checkSameYearFigures(Storage& s, int year) {
    YearFiguresReader fromSummary(s);
    YearFiguresReader fromBase(s);
    fromBase.setFromBaseTables(true);
    const YearFigures a = fromSummary.figures(year);
    const YearFigures b = fromBase.figures(year);
    INFO("year " << year);
    CHECK(a.volunteersRegistered == b.volunteersRegistered);
    CHECK(a.volunteersNew == b.volunteersNew);
    CHECK(a.volunteersActive == b.volunteersActive);
    CHECK(std::abs(a.serviceHours - b.serviceHours) < 1e-6);
    for (std::size_t m = 0; m < 12; ++m) CHECK(std::abs(a.monthlyHours[m] - b.monthlyHours[m]) < 1e-6);
}

// 概览's person and hours figures as they were counted before 0030.
void checkOverview(Storage& s) {
    const OverviewFigures f = s.overview();
    CHECK(f.volunteers == static_cast<std::int64_t>(scalar(s, "SELECT count(*) FROM person WHERE is_volunteer = 1")));
    CHECK(std::abs(f.serviceHours - scalar(s, "SELECT total(hours) FROM dated_hours") -
                   scalar(s, "SELECT total(roster_hours) FROM person")) < 1e-6);
    CHECK(f.latestYear == static_cast<int>(scalar(s,
        "SELECT max(y) FROM (SELECT max(year) AS y FROM award UNION ALL"
        " SELECT CAST(substr(max(served_on), 1, 4) AS INTEGER) FROM service_record)")));
}

// Every figure the summaries feed, for each year and unit.
void checkAllFigures(Storage& s, const test::District& d) {
    for (int year : {2024, 2025, 2026}) {
        for (RowId unit : {RowId{0}, d.street(0), d.street(1)}) checkSameTargets(s, year, unit);
        checkSameYearFigures(s, year);
    }
    checkOverview(s);
}

// A deterministic district: `people` people (every 11th not a volunteer, every
// 7th without a unit) joined on dates of every shape (none, '', dates, a date
// with a time, a malformed one, a bare year, 01-01 boundaries), records over
// 2024–2026 (a third unverified), roster history and credits (some negative).
struct World {
    test::TempDbPath path;
    Storage s{path.str()};
    test::District d;

    World(int people, int records) {
        d = test::buildTwoStreets(s, 100, 300, 200);
        s.db().exec("BEGIN");
        Statement person = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO person (name, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of)
            SELECT '志愿者' || (i % 97), CASE i % 7 WHEN 0 THEN NULL WHEN 1 THEN ?2 WHEN 2 THEN ?3 ELSE ?4 END,
                   i % 11 <> 0,
                   CASE i % 9 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN '2026-01-01' WHEN 3 THEN '2025-12-31'
                              WHEN 4 THEN '2025-1-5' WHEN 5 THEN '2024' WHEN 6 THEN '2026-03-08 10:00'
                              ELSE printf('%04d-%02d-%02d', 2020 + i % 8, 1 + i % 12, 1 + i % 28) END,
                   CASE WHEN i % 5 = 0 THEN (i % 13) * 2.5 ELSE 0 END,
                   CASE WHEN i % 5 = 0 THEN '2025-06-30' END
            FROM n)");
        person.bind(1, people).bind(2, d.community(0)).bind(3, d.community(1)).bind(4, d.community(2));
        person.run();
        Statement record = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO service_record (person_id, served_on, hours, verified)
            SELECT 1 + (i * 7919) % ?2,
                   printf('%04d-%02d-%02d', 2024 + (i * 31) % 3, 1 + (i * 17) % 12, 1 + (i * 13) % 28)
                       || CASE WHEN i % 23 = 0 THEN ' 23:59' ELSE '' END,
                   0.5 * (1 + (i * 37) % 16), (i % 3) <> 0
            FROM n)");
        record.bind(1, records).bind(2, people);
        record.run();
        Statement credit = s.db().prepare(R"(
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO roster_credit (person_id, credited_on, hours)
            SELECT 1 + (i * 613) % ?2, printf('%04d-%02d-28', 2024 + i % 3, 1 + (i * 5) % 12),
                   CASE WHEN i % 6 = 0 THEN -1.5 ELSE 0.25 * (1 + i % 20) END
            FROM n)");
        credit.bind(1, people / 4).bind(2, people);
        credit.run();
        s.db().exec("COMMIT");
        // A target of each kind the summaries feed, on the district and a street.
        for (RowId unit : {d.district, d.street(0)})
            for (const char* metric : {"volunteer_hours", "volunteers", "activities"})
                for (int year : {2024, 2025, 2026}) {
                    Target t;
                    t.unitId = unit;
                    t.year = year;
                    t.metric = metric;
                    t.goal = 100;
                    s.insertTarget(t);
                }
    }
};

} // namespace

TEST_CASE("unit summaries equal their definition after every kind of write; the figures equal the old ones") {
    World w(400, 5000);
    Storage& s = w.s;
    CHECK(scalar(s, "SELECT count(*) FROM unit_period_hours") > 50);
    CHECK(scalar(s, "SELECT count(*) FROM unit_person_tally") > 30);
    CHECK(test::unitSummaryMismatches(s) == 0);
    checkAllFigures(s, w.d);
    // The fill (migration 0030's own SQL run again on these rows) gives the same.
    s.db().exec("DELETE FROM unit_period_hours; DELETE FROM unit_person_tally;");
    CHECK(test::unitSummaryMismatches(s) > 0);   // the check sees an empty summary
    {
        Statement st = s.db().prepare(R"(
            INSERT INTO unit_period_hours (period, unit_id, hours, people, volunteers)
            SELECT b.period, ifnull(p.unit_id, 0), total(b.hours), count(*), total(p.is_volunteer)
            FROM board_person_period b JOIN person p ON p.id = b.person_id WHERE b.period NOT GLOB '*Q*' GROUP BY 1, 2)");
        st.run();
        Statement tally = s.db().prepare(R"(
            INSERT INTO unit_person_tally (unit_id, is_volunteer, joined_key, people, roster_hours)
            SELECT ifnull(unit_id, 0), is_volunteer,
                   CASE WHEN joined_on IS NULL THEN ''
                        WHEN joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(joined_on, 6, 5) >= '01-01'
                            THEN substr(joined_on, 1, 4) || '-01-01'
                        ELSE joined_on END,
                   count(*), total(roster_hours)
            FROM person GROUP BY 1, 2, 3)");
        tally.run();
    }
    CHECK(test::unitSummaryMismatches(s) == 0);

    SUBCASE("records added, edited and deleted") {
        s.db().exec("UPDATE service_record SET verified = 1 - verified WHERE id % 7 = 0");
        s.db().exec("UPDATE service_record SET served_on = '2025-12-31 23:59' WHERE id % 11 = 0");
        s.db().exec("UPDATE service_record SET person_id = 5, hours = hours + 0.5 WHERE id % 13 = 0 AND hours < 20");
        s.db().exec("DELETE FROM service_record WHERE id % 17 = 0");
        s.db().exec("UPDATE roster_credit SET credited_on = '2024-02-02', person_id = 9 WHERE id % 3 = 0");
        s.db().exec("DELETE FROM roster_credit WHERE id % 5 = 0");
        ServiceRecord r;
        r.personId = 3;
        r.servedOn = "2026-03-08";
        r.hours = 4;
        r.verified = true;
        s.insertServiceRecord(r);
        CHECK(test::unitSummaryMismatches(s) == 0);
        checkAllFigures(s, w.d);
    }
    SUBCASE("people moved between units, flags, joining dates and roster hours changed, people deleted") {
        s.db().exec("UPDATE person SET unit_id = " + std::to_string(w.d.community(0)) + " WHERE id % 4 = 0");
        s.db().exec("UPDATE person SET unit_id = NULL WHERE id % 10 = 3");
        s.db().exec("UPDATE person SET is_volunteer = 1 - is_volunteer WHERE id % 6 = 1");
        s.db().exec("UPDATE person SET joined_on = CASE WHEN id % 2 THEN '2026-07-01' ELSE NULL END WHERE id % 5 = 2");
        s.db().exec("UPDATE person SET roster_hours = roster_hours + 3 WHERE id % 8 = 5");
        s.db().exec("DELETE FROM person WHERE id % 19 = 0");   // cascades to her records and credits
        // Through the store as the 志愿者 form saves a move.
        Person p = *s.person(2);
        p.unitId = w.d.community(2);
        p.joinedOn = "2026-02-02";
        s.updatePerson(p);
        CHECK(test::unitSummaryMismatches(s) == 0);
        checkAllFigures(s, w.d);
    }
    SUBCASE("a person deleted and restored by undo") {
        const double before = scalar(s, "SELECT total(hours) FROM unit_period_hours WHERE period = 'all'");
        UndoStore undo(s);
        REQUIRE(undo.deleteRow("person", 2));
        CHECK(scalar(s, "SELECT total(hours) FROM unit_period_hours WHERE period = 'all'") < before);
        CHECK(test::unitSummaryMismatches(s) == 0);
        REQUIRE(undo.undoLast());   // restores her and her records with plain SQL
        CHECK(std::abs(scalar(s, "SELECT total(hours) FROM unit_period_hours WHERE period = 'all'") - before) < 1e-6);
        CHECK(test::unitSummaryMismatches(s) == 0);
        checkAllFigures(s, w.d);
    }
    SUBCASE("a roster import twice, the second undone") {
        const std::string dir =
            (std::filesystem::temp_directory_path() / ("jinguo_unit_summary_" + std::to_string(::getpid()))).string();
        std::filesystem::create_directories(dir);
        auto importRoster = [&](const std::string& name, const std::string& hours, const char* asOf) {
            const std::string file = dir + "/" + name;
            std::ofstream(file, std::ios::binary) << "姓名,身份证号,所属社区,服务时长\n"
                                                  << "王芳,11010519491231002X,望月社区," << hours << "\n"
                                                  << "李娜,110105199001010027,金沙社区," << hours << "\n";
            RosterImportRequest q;
            q.kind = roster::RosterKind::Volunteers;
            q.files = {file};
            q.today = "2026-11-29";
            q.hours = {roster::HoursMeaning::Total, std::nullopt, asOf};
            RosterImportResult result = runRosterImport(s, q);
            REQUIRE_MESSAGE(result.status == RosterImportResult::Status::Committed, result.error);
            return result.files.at(0).batch;
        };
        const double people = scalar(s, "SELECT total(people) FROM unit_person_tally");
        importRoster("a.csv", "120", "2026-03-31");
        CHECK(scalar(s, "SELECT total(people) FROM unit_person_tally") > people);   // the roster's new people
        const RowId second = importRoster("b.csv", "150.5", "2026-09-30");
        CHECK(test::unitSummaryMismatches(s) == 0);
        checkAllFigures(s, w.d);
        ImportStore(s).undo(second);
        CHECK(test::unitSummaryMismatches(s) == 0);
        checkAllFigures(s, w.d);
        std::filesystem::remove_all(dir);
    }
}

TEST_CASE("unit summaries on the demo: equal to the definition, figures equal the old ones") {
    test::DemoDbPath path;
    Storage s(path.str());
    CHECK(test::unitSummaryMismatches(s) == 0);
    for (int year : {2024, 2025, 2026}) {
        checkSameTargets(s, year, 0);
        checkSameYearFigures(s, year);
    }
    checkOverview(s);
    // A street's slide figures: its volunteers and its year's hours, as counted before.
    Statement st = s.db().prepare("SELECT id FROM org_unit WHERE kind = '街道' ORDER BY id LIMIT 1");
    REQUIRE(st.step());
    const RowId street = st.columnInt(0);
    const SlideData data = SlideDataStore(s).load(2026, street, "2026-12-05", 40);
    const std::string scope = "WITH RECURSIVE scope(id) AS (SELECT " + std::to_string(street) +
                              " UNION SELECT c.id FROM org_unit c JOIN scope s ON c.parent_id = s.id) ";
    double hours = -1, volunteers = -1;
    for (const HeadlineFigure& f : data.figures) {
        if (f.label == "年度志愿服务时长") hours = f.value;
        if (f.label == "注册志愿者") volunteers = f.value;
    }
    CHECK(hours > 0);
    CHECK(std::abs(hours - scalar(s, scope + "SELECT total(hours) FROM dated_hours d JOIN person p ON p.id = d.person_id"
                                          " WHERE d.served_on >= '2026-01-01' AND d.served_on < '2027-01-01'"
                                          " AND p.unit_id IN scope")) < 1e-6);
    CHECK(volunteers == scalar(s, scope + "SELECT count(*) FROM person WHERE is_volunteer = 1 AND unit_id IN scope"));
}
