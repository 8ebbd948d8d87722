// storage_title_summary_test.cpp — migration 0032's summaries against their
// definitions after every kind of write, on a generated district with random
// title histories (test::TitleWorld: several titles per household, every
// status, 命名/复核 events, expiring titles, malformed days such as
// 2024-02-31): family_title_held_step (the creation rates' numerators)
// against the held ranges it summarises, read both ways on month ends and
// other days, at any level and per title; award_year_tally against a GROUP
// BY over award. Writes: the forms, 复核 in bulk, a family roster import and
// its undo, plain SQL on every column read, a title renamed, validity and
// grace changed, deletes with cascades, undo.
#include <doctest/doctest.h>

#include "storage/import_store.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_review.hpp"
#include "storage/title_summaries.hpp"
#include "storage/undo_store.hpp"
#include "support/title_world.hpp"
#include "storage/sql_dialect.hpp"
#include "support/event_days.hpp"

#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;
using jinguo::test::TitleWorld;

namespace {

std::int64_t scalarInt(Storage& s, const std::string& sql) {
    Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Month ends the summary answers, plus days it does not (the ranges answer).
const std::vector<std::string> kDays = {"2021-06-30", "2022-12-31", "2023-12-31", "2024-02-29", "2024-12-31",
                                        "2025-07-15", "2025-12-31", "2026-03-31", "2026-12-31", "2028-02-29",
                                        "2030-12-31", "0"};

// Compares every reading; returns the households counted over all of them
// (so a caller can insist the check was not empty).
double checkTitleSummaries(Storage& s, const char* after) {
    INFO("after " << after);
    // The rows themselves equal their definition, both ways.
    CHECK(scalarInt(s, R"(
        SELECT count(*) FROM (SELECT * FROM family_title_held_step_source
                              EXCEPT SELECT * FROM family_title_held_step) x)") == 0);
    CHECK(scalarInt(s, R"(
        SELECT count(*) FROM (SELECT * FROM family_title_held_step
                              EXCEPT SELECT * FROM family_title_held_step_source) x)") == 0);
    CHECK(scalarInt(s, R"(
        SELECT count(*) FROM (
            SELECT year, title_id, coalesce(unit_id, 0), status, CAST(family_id IS NOT NULL AS integer), count(*)
            FROM award GROUP BY 1, 2, 3, 4, 5
            EXCEPT SELECT * FROM award_year_tally) x)") == 0);
    CHECK(scalarInt(s, "SELECT count(*) FROM award_year_tally WHERE awards <= 0") == 0);

    // The numerators read through the summary equal those over the ranges.
    std::vector<std::pair<std::string, RowId>> keys;
    {
        Statement st = s.db().prepare("SELECT DISTINCT name FROM award_title WHERE subject_kind = 'family'");
        while (st.step()) keys.push_back({st.columnText(0), 0});
        Statement one = s.db().prepare("SELECT name, id FROM award_title WHERE subject_kind = 'family'");
        while (one.step()) keys.push_back({one.columnText(0), one.columnInt(1)});
    }
    double counted = 0;
    for (std::size_t i = 0; i + 1 < kDays.size(); ++i) {
        const std::string& a = kDays[i];
        const std::string& b = kDays[(i + 5) % kDays.size()];
        INFO("days " << a << " " << b);
        for (const auto& [name, title] : keys) {
            INFO("title " << name << " " << title);
            const auto fast = familiesHoldingPerUnit(s.db(), name, title, a, b);
            const auto slow = familiesHoldingPerUnitFromSpans(s.db(), name, title, a, b);
            REQUIRE(fast.size() == slow.size());
            for (const auto& [unit, held] : slow) {
                INFO("unit " << unit);
                REQUIRE(fast.count(unit) == 1);
                CHECK(fast.at(unit).onA == held.onA);
                CHECK(fast.at(unit).onB == held.onB);
                counted += held.onA;
            }
        }
        // Every name at once (年度数据) equals the per-name reading.
        const auto all = familiesHoldingPerNameAndUnit(s.db(), a);
        for (const auto& [name, title] : keys) {
            if (title != 0) continue;
            const auto one = familiesHoldingPerUnitFromSpans(s.db(), name, 0, a, a);
            const auto it = all.find(name);
            CHECK((it == all.end() ? 0 : it->second.size()) == one.size());
            for (const auto& [unit, held] : one) {
                REQUIRE(it != all.end());
                CHECK(it->second.count(unit) == 1);
                if (it->second.count(unit)) CHECK(it->second.at(unit) == held.onA);
            }
        }
    }
    return counted;
}

} // namespace

TEST_CASE("migration 0032's title summaries equal their definitions after every kind of write") {
    TitleWorld w(600);
    Storage& s = w.s;
    // The generated histories reach what the steps must get right: a
    // household holding two titles of one name at once, titles that lapse
    // and come back, days the summary keeps as written.
    CHECK(scalarInt(s, R"(
        SELECT count(*) FROM (SELECT s.unit_id, s.family_id, t.name FROM award_held_span s
                              JOIN award_title t ON t.id = s.title_id GROUP BY 1, 2, 3 HAVING count(DISTINCT s.award_id) > 1) x)") > 0);
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span WHERE held_until IS NOT NULL") > 0);
    CHECK(scalarInt(s, "SELECT count(*) FROM family_title_held_step WHERE " + s.db().dialect().isNotCalendarDay("day")) > 0);
    CHECK(stepSummaryAnswers(s.db(), "2026-12-31"));
    CHECK(stepSummaryAnswers(s.db(), "2024-02-29"));
    CHECK_FALSE(stepSummaryAnswers(s.db(), "2025-07-15"));
    CHECK_FALSE(stepSummaryAnswers(s.db(), "2023-02-29"));
    CHECK(checkTitleSummaries(s, "the generated district") > 0);

    // The migration's fill gives the triggers' rows.
    s.db().exec("DELETE FROM family_title_held_step; DELETE FROM award_year_tally;");
    s.db().exec("INSERT INTO family_title_held_step SELECT * FROM family_title_held_step_source");
    s.db().exec("INSERT INTO award_year_tally SELECT year, title_id, coalesce(unit_id, 0), status,"
                " CAST(family_id IS NOT NULL AS integer), count(*) FROM award GROUP BY 1, 2, 3, 4, 5");
    checkTitleSummaries(s, "refill");

    RecordStore records(s);
    UndoStore undo(s);
    // Families added through the form, titles granted and revoked.
    Family fam;
    fam.headName = "新户主";
    fam.address = "新地址1号";
    fam.members = 3;
    fam.unitId = w.d.community(0);
    const RowId added = records.addFamily(fam);
    FamilyAwardInput in;
    in.title = "平安家庭";
    in.level = "社区";
    in.year = 2025;
    in.event.date = "2025-05-20";
    in.status = "命名";
    in.awardId = records.addFamilyAward(added, in);
    in.awardId = 0;
    in.level = "区";   // a second 平安家庭 of the same household
    in.event.date = "2025-08-31";
    in.awardId = records.addFamilyAward(added, in);
    checkTitleSummaries(s, "two titles of one name granted");
    in.status = "撤销";
    in.event.date = "2026-02-01";
    records.updateFamilyAward(added, in);
    checkTitleSummaries(s, "one of them revoked");
    REQUIRE(undo.undoLast());
    checkTitleSummaries(s, "the revocation undone");

    // 复核 in bulk: expired titles count again; revoked ones stop.
    std::vector<RowId> keep, revoke;
    {
        Statement st = s.db().prepare(
            "SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id"
            " WHERE a.status IN ('命名', '复核') AND a.family_id IS NOT NULL AND t.valid_years IS NOT NULL"
            "   AND NOT EXISTS (SELECT 1 FROM award_event e WHERE e.award_id = a.id AND e.happened_on > '2026-11-30')"
            "   AND coalesce((SELECT max(happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),"
            "                a.year || '-12-31') <= '2026-11-30'"
            " ORDER BY a.id LIMIT 40");
        while (st.step()) (keep.size() < 20 ? keep : revoke).push_back(st.columnInt(0));
    }
    REQUIRE(revoke.size() == 20);
    reviewTitles(s, keep, {ReviewResult::Keep, "2026-11-30", "临妇字〔2026〕9号", "复核合格"}, "2026-12-05");
    checkTitleSummaries(s, "复核 keep");
    reviewTitles(s, revoke, {ReviewResult::Revoke, "2026-11-30", "临妇字〔2026〕10号", "复核不合格"}, "2026-12-05");
    checkTitleSummaries(s, "复核 revoke");
    REQUIRE(undo.undoLast());
    checkTitleSummaries(s, "undo of the revocations");

    // A family roster import with titles, then undone.
    ImportStore imports(s);
    RowId batch = 0;
    {
        Transaction tx(s.db());
        batch = imports.begin("families", "家庭.xlsx", "sha-t3");
        RosterFamily row{3, "周淼", "江北路1号", 3, "望月社区", "平安家庭", "社区", 2026, "2026-03-15", ""};
        imports.putFamily(batch, row);
        row.level = "街道";
        imports.putFamily(batch, row);
        row = {4, "户主7", "地址7", 2, "金沙社区", "平安家庭", "社区", 2024, "", ""};
        imports.putFamily(batch, row);
        imports.finish(batch, 3, 2, 1, 0, "{}");
        tx.commit();
    }
    checkTitleSummaries(s, "a family roster import");
    imports.undo(batch);
    checkTitleSummaries(s, "the import undone");

    // Plain SQL on every column the summaries read.
    s.db().exec("UPDATE award SET status = CASE status WHEN '撤销' THEN '复核' ELSE '撤销' END WHERE id % 10 = 0");
    test::moveFamilyAwardsToFirstTitle(s, 8);
    test::moveAwardsYearBack(s, 9);
    checkTitleSummaries(s, "award status, title and year");
    s.db().exec("UPDATE award SET unit_id = " + std::to_string(w.d.community(0)) + " WHERE id % 5 = 0");
    s.db().exec("UPDATE award SET unit_id = NULL WHERE id % 23 = 0");
    checkTitleSummaries(s, "awards moved between units");
    test::moveFamilyAwardsToNextHousehold(s, 19);
    checkTitleSummaries(s, "awards moved between households");
    s.db().exec("UPDATE family SET unit_id = " + std::to_string(w.d.community(1)) + " WHERE id % 7 = 0");
    checkTitleSummaries(s, "households moved");
    s.db().exec("UPDATE award_title SET valid_years = 1 WHERE subject_kind = 'family' AND valid_years IS NULL AND id % 3 = 0");
    s.db().exec("INSERT INTO setting (key, value) VALUES ('titles.grace_months', '2')"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    test::shiftEventDays(s, 6, -400);
    s.db().exec("UPDATE award_event SET happened_on = '2025-13-40' WHERE id % 31 = 0");
    checkTitleSummaries(s, "validity, grace and event dates");
    // A title renamed to a name of its own, then another joins that name.
    s.db().exec("UPDATE award_title SET name = '新风家庭' WHERE subject_kind = 'family' AND name = '平安家庭' AND level = '社区'");
    s.db().exec("UPDATE award_title SET name = '新风家庭' WHERE subject_kind = 'family' AND name = '最美家庭' AND level = '区'");
    checkTitleSummaries(s, "titles renamed");

    // Deletes: awards, a household through undo's deleteRow (cascades) and back, households with SQL.
    s.db().exec("DELETE FROM award WHERE id % 17 = 0");
    s.db().exec("DELETE FROM award_event WHERE id % 13 = 0");
    checkTitleSummaries(s, "awards and events deleted");
    const RowId family = scalarInt(s, "SELECT family_id FROM award WHERE family_id IS NOT NULL AND status IN ('命名', '复核')"
                                      " AND unit_id IS NOT NULL ORDER BY id LIMIT 1");
    REQUIRE(undo.deleteRow("family", family));
    checkTitleSummaries(s, "a household deleted");
    REQUIRE(undo.undoLast());
    checkTitleSummaries(s, "its delete undone");
    s.db().exec("DELETE FROM family WHERE id % 29 = 0");
    CHECK(checkTitleSummaries(s, "households deleted with SQL") > 0);
}

TEST_CASE("概览's service-record count kept by migration 0032 equals count(*) after inserts, deletes, cascades and undo") {
    TitleWorld w(10);
    Storage& s = w.s;
    auto agrees = [&](const char* after) {
        INFO("after " << after);
        CHECK(scalarInt(s, "SELECT row_count FROM table_row_count WHERE table_name = 'service_record'") ==
              scalarInt(s, "SELECT count(*) FROM service_record"));
        CHECK(s.overview().serviceRecords == scalarInt(s, "SELECT count(*) FROM service_record"));
    };
    agrees("the generated district");
    s.db().exec("INSERT INTO person (id, name, unit_id, is_volunteer) VALUES (900001, '甲', " +
                std::to_string(w.d.community(0)) + ", 1), (900002, '乙', NULL, 1)");
    s.db().exec(R"(
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
        INSERT INTO service_record (person_id, served_on, hours, verified)
        SELECT 900001 + i % 2, '2026-' || )" + s.db().dialect().zeroPadded("1 + i % 12", 2) + R"( || '-10', 2,
               CAST(i % 3 <> 0 AS integer) FROM n)");
    CHECK(scalarInt(s, "SELECT count(*) FROM service_record") == 300);
    agrees("300 records inserted");
    s.db().exec("DELETE FROM service_record WHERE id % 7 = 0");
    agrees("records deleted");
    UndoStore undo(s);
    REQUIRE(undo.deleteRow("person", 900001));   // her records go with her
    agrees("a person deleted (cascade)");
    REQUIRE(undo.undoLast());
    agrees("her delete undone");
    CHECK(scalarInt(s, "SELECT count(*) FROM service_record") > 200);
}
