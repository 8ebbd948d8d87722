// storage_unit_counts_test.cpp — what 组织 reads per unit (migration 0028:
// unit_family_count, unit_title_award) against the old SQL over every
// family and every award (familiesPerUnitFromFamilies,
// overfullUnitsFromBaseTablesOn), after every kind of write on a generated
// district with random title histories (test::TitleWorld): families added,
// moved and deleted, titles granted, revoked, reviewed, expired (asked on
// days across their lapses), plain SQL, foreign-key cascades and undo.
#include <doctest/doctest.h>

#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_review.hpp"
#include "storage/undo_store.hpp"
#include "support/title_world.hpp"

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

// Days across the generated histories: year ends and mid-years, 2021–2030.
const std::vector<std::string> kDays = {"2021-06-30", "2022-12-31", "2023-12-31", "2024-06-30", "2024-12-31",
                                        "2025-07-15", "2025-12-31", "2026-12-31", "2028-03-01", "2030-12-31"};

// Compares the summary reads with the old SQL; returns how many units were
// overfull over all days (so a caller can insist the check was not empty).
std::size_t checkUnitCounts(Storage& s, const char* after) {
    INFO("after " << after);
    RecordStore records(s);
    CHECK(records.familiesPerUnit() == records.familiesPerUnitFromFamilies());
    // The summary rows themselves equal their definition (zeros allowed).
    CHECK(scalarInt(s, R"(
        SELECT count(*) FROM (
            SELECT unit_id, title_id, count(*) FROM award
            WHERE status IN ('命名', '复核') AND family_id IS NOT NULL AND unit_id IS NOT NULL GROUP BY unit_id, title_id
            EXCEPT SELECT unit_id, title_id, awards FROM unit_title_award WHERE awards <> 0))") == 0);
    CHECK(scalarInt(s, "SELECT count(*) FROM unit_title_award WHERE awards < 0") == 0);
    std::size_t overfull = 0;
    for (const std::string& day : kDays) {
        INFO("day " << day);
        const auto fast = records.overfullUnitsOn(day);
        const auto slow = records.overfullUnitsFromBaseTablesOn(day);
        REQUIRE(fast.size() == slow.size());
        for (const auto& [unit, title] : slow) {
            INFO("unit " << unit);
            REQUIRE(fast.count(unit) == 1);
            CHECK(fast.at(unit).title == title.title);
            CHECK(fast.at(unit).households == title.households);
        }
        overfull += slow.size();
    }
    return overfull;
}

} // namespace

TEST_CASE("组织's households and overfull units from the unit summaries equal the old SQL after every kind of write") {
    TitleWorld w(900);
    Storage& s = w.s;
    // 300 households per community hold ~75 awards of each title name: with
    // these 总户数 one community is overfull, one has more awards than
    // households but fewer titled families (the bound alone would be wrong),
    // one is never counted.
    s.db().exec("UPDATE org_unit SET households = 40 WHERE id = " + std::to_string(w.d.community(0)));
    s.db().exec("UPDATE org_unit SET households = 52 WHERE id = " + std::to_string(w.d.community(1)));
    s.db().exec("UPDATE org_unit SET households = 0 WHERE id = " + std::to_string(w.d.community(2)));
    CHECK(checkUnitCounts(s, "the generated district") > 0);
    // A (unit, title name) whose held awards exceed its households without
    // its titled families doing so on some day: the exact count decides.
    CHECK(scalarInt(s, R"(
        SELECT count(*) FROM (SELECT c.unit_id, t.name, sum(c.awards) AS awards FROM unit_title_award c
                              JOIN award_title t ON t.id = c.title_id GROUP BY c.unit_id, t.name) x
        JOIN org_unit u ON u.id = x.unit_id WHERE u.households > 0 AND x.awards > u.households)") > 0);

    // The migration's fill gives the triggers' rows.
    s.db().exec("DELETE FROM unit_family_count; DELETE FROM unit_title_award;");
    s.db().exec("INSERT INTO unit_family_count SELECT unit_id, count(*) FROM family WHERE unit_id IS NOT NULL GROUP BY unit_id");
    s.db().exec("INSERT INTO unit_title_award SELECT unit_id, title_id, count(*) FROM award WHERE status IN ('命名', '复核')"
                " AND family_id IS NOT NULL AND unit_id IS NOT NULL GROUP BY unit_id, title_id");
    checkUnitCounts(s, "refill");

    RecordStore records(s);
    UndoStore undo(s);
    // Families added through the form and moved between units.
    Family fam;
    fam.headName = "新户主";
    fam.address = "新地址1号";
    fam.members = 3;
    fam.unitId = w.d.community(0);
    const RowId added = records.addFamily(fam);
    checkUnitCounts(s, "a family added");
    Family moved = *records.family(added);
    moved.unitId = w.d.community(1);
    records.updateFamily(moved);
    checkUnitCounts(s, "a family moved");
    REQUIRE(undo.undoLast());
    checkUnitCounts(s, "the move undone");

    // Titles granted and revoked through the form; 复核 in bulk; undo.
    FamilyAwardInput in;
    in.title = "平安家庭";
    in.level = "社区";
    in.year = 2025;
    in.event.date = "2025-05-20";
    for (RowId family = 1; family <= 60; ++family) {
        if (scalarInt(s, "SELECT count(*) FROM family WHERE id = " + std::to_string(family)) == 0) continue;
        if (scalarInt(s, "SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = " +
                             std::to_string(family) + " AND a.year = 2025 AND t.name = '平安家庭' AND t.level = '社区'") != 0)
            continue;
        in.awardId = 0;
        in.status = "命名";
        in.awardId = records.addFamilyAward(family, in);
        if (family % 4 == 0) {
            in.status = "撤销";
            in.event.date = "2026-02-01";
            records.updateFamilyAward(family, in);
            in.event.date = "2025-05-20";
        }
    }
    checkUnitCounts(s, "titles granted and revoked");
    std::vector<RowId> keep, revoke;
    {
        Statement st = s.db().prepare(
            "SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id"
            " WHERE a.status IN ('命名', '复核') AND a.family_id IS NOT NULL AND t.valid_years IS NOT NULL"
            "   AND NOT EXISTS (SELECT 1 FROM award_event e WHERE e.award_id = a.id AND e.happened_on > '2026-11-30')"
            "   AND coalesce((SELECT max(happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),"
            "                a.year || '-12-31') <= '2026-11-30'"
            " ORDER BY a.id LIMIT 60");
        while (st.step()) (keep.size() < 30 ? keep : revoke).push_back(st.columnInt(0));
    }
    REQUIRE(revoke.size() == 30);
    reviewTitles(s, keep, {ReviewResult::Keep, "2026-11-30", "临妇字〔2026〕9号", "复核合格"}, "2026-12-05");
    checkUnitCounts(s, "复核 keep (expired titles count again)");
    reviewTitles(s, revoke, {ReviewResult::Revoke, "2026-11-30", "临妇字〔2026〕10号", "复核不合格"}, "2026-12-05");
    checkUnitCounts(s, "复核 revoke");
    REQUIRE(undo.undoLast());
    checkUnitCounts(s, "undo of the revocations");

    // Plain SQL on every column the summaries read: status, title, unit, family.
    s.db().exec("UPDATE award SET status = CASE status WHEN '撤销' THEN '复核' ELSE '撤销' END WHERE id % 10 = 0");
    s.db().exec("UPDATE OR IGNORE award SET title_id = (SELECT min(id) FROM award_title WHERE subject_kind = 'family') WHERE id % 8 = 0");
    checkUnitCounts(s, "award status and title");
    s.db().exec("UPDATE award SET unit_id = " + std::to_string(w.d.community(0)) + " WHERE id % 5 = 0");
    s.db().exec("UPDATE award SET unit_id = NULL WHERE id % 23 = 0");
    checkUnitCounts(s, "awards moved between units");
    s.db().exec("UPDATE OR IGNORE award SET family_id = family_id + 1 WHERE id % 19 = 0");
    checkUnitCounts(s, "awards moved between families");
    s.db().exec("UPDATE family SET unit_id = " + std::to_string(w.d.community(1)) + " WHERE id % 7 = 0");
    checkUnitCounts(s, "families moved");
    // Validity and dates: titles expire on other days.
    s.db().exec("UPDATE award_title SET valid_years = 1 WHERE subject_kind = 'family' AND valid_years IS NULL AND id % 3 = 0");
    s.db().exec("UPDATE award_event SET happened_on = date(happened_on, '-400 days') WHERE id % 6 = 0");
    checkUnitCounts(s, "validity and event dates");

    // Deletes: awards, a family through undo's deleteRow (cascades) and back,
    // a family through the form, families deleted with SQL.
    s.db().exec("DELETE FROM award WHERE id % 17 = 0");
    checkUnitCounts(s, "awards deleted");
    const RowId family = scalarInt(s, "SELECT family_id FROM award WHERE family_id IS NOT NULL AND status IN ('命名', '复核')"
                                      " AND unit_id IS NOT NULL ORDER BY id LIMIT 1");
    REQUIRE(undo.deleteRow("family", family));
    checkUnitCounts(s, "a family deleted");
    REQUIRE(undo.undoLast());
    checkUnitCounts(s, "the family's delete undone");
    records.deleteFamily(added);
    checkUnitCounts(s, "a family deleted through the form");
    REQUIRE(undo.undoLast());
    checkUnitCounts(s, "its delete undone");
    s.db().exec("DELETE FROM family WHERE id % 29 = 0");
    checkUnitCounts(s, "families deleted with SQL");
    CHECK(checkUnitCounts(s, "at the end") > 0);
}
