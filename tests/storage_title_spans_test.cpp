// storage_title_spans_test.cpp — award_held_span (migration 0023), the date
// ranges in which each held title counts, against the rule it stands for:
// sqlTitlesHeldOn (storage/title_standing_sql.hpp, itself held to the core
// rule by storage_title_standing_test.cpp). A generated district with random
// title histories (grants, 复核, revocations, validity, grace, events without
// dates) is checked on every range boundary and the day before it, after every
// kind of write: store saves, 复核 in bulk, plain SQL, unit and family
// deletes (foreign-key actions), undo. Then the rate targets and rate boards
// read from the ranges equal those read from the events (setFromBaseTables).
#include <doctest/doctest.h>

#include "storage/aggregates.hpp"
#include "storage/record_store.hpp"
#include "storage/migrations.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_review.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/undo_store.hpp"
#include "support/district.hpp"
#include "support/event_days.hpp"
#include "support/title_world.hpp"
#include "temp_db.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <tuple>
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

// Rows of the table that differ from its definition (the view), both ways.
std::int64_t tableMismatches(Storage& s) {
    return scalarInt(s, R"(
        SELECT (SELECT count(*) FROM (
                    SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_source
                    EXCEPT SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span) x)
             + (SELECT count(*) FROM (
                    SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span
                    EXCEPT SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_source) x))");
}

// The days worth asking: every range's first day and the day before it,
// every lapse day and the day before it, every event's day, and a few fixed
// days (year ends the boards and targets count on).
std::vector<std::string> boundaryDays(Storage& s, std::size_t atMost) {
    std::set<std::string> days = {"2019-12-31", "2023-12-31", "2024-06-30", "2024-12-31", "2025-12-31",
                                  "2026-03-31", "2026-12-31", "2027-12-31", "2030-12-31"};
    // The day before each range's ends in C++ (no common SQL for date arithmetic).
    Statement st = s.db().prepare(R"(
        SELECT held_from, 1 FROM award_held_span
        UNION SELECT held_until, 1 FROM award_held_span WHERE held_until IS NOT NULL
        UNION SELECT happened_on, 0 FROM award_event)");
    while (st.step()) {
        days.insert(st.columnText(0));
        const std::string before = test::shiftedDay(st.columnText(0), -1);
        if (st.columnInt(1) == 1 && !before.empty()) days.insert(before);
    }
    // At most ~atMost of them, spread evenly (each asks the rule once: ~ms).
    std::vector<std::string> all(days.begin(), days.end()), some;
    const std::size_t step = all.size() / atMost + 1;
    for (std::size_t i = 0; i < all.size(); i += step) some.push_back(all[i]);
    return some;
}

// Awards held on a day by the rule but not by the ranges, or the other way,
// summed over (at most about `atMost` of) the boundary days; `daysAsked` says
// how many days were asked.
std::int64_t ruleMismatches(Storage& s, std::size_t atMost, std::size_t* daysAsked = nullptr) {
    Statement st = s.db().prepare(
        "WITH rule(id) AS MATERIALIZED (SELECT id FROM award WHERE id IN " + sqlTitlesHeldOn(s.db().dialect(), "?1") + "),"
        "     ranges(id) AS MATERIALIZED (SELECT award_id FROM award_held_span WHERE " + sqlSpanHeldOn("?1") + ")"
        "SELECT (SELECT count(*) FROM (SELECT id FROM rule EXCEPT SELECT id FROM ranges) x)"
        "     + (SELECT count(*) FROM (SELECT id FROM ranges EXCEPT SELECT id FROM rule) x)");
    std::int64_t wrong = 0;
    const std::vector<std::string> days = boundaryDays(s, atMost);
    for (const std::string& day : days) {
        st.reset();
        st.bind(1, day);
        REQUIRE(st.step());
        if (st.columnInt(0) != 0) INFO("day " << day);
        wrong += st.columnInt(0);
    }
    if (daysAsked) *daysAsked = days.size();
    return wrong;
}

void checkSpans(Storage& s, const char* after) {
    INFO("after " << after);
    CHECK(tableMismatches(s) == 0);
    CHECK(ruleMismatches(s, 40) == 0);
}

void checkSameRates(Storage& s, const std::vector<int>& years, const Date& today) {
    Aggregates fromSpans(s);
    Aggregates fromEvents(s);
    fromEvents.setFromBaseTables(true);
    for (int year : years) {
        const TargetsReport a = fromSpans.targets(year, today);
        const TargetsReport b = fromEvents.targets(year, today);
        REQUIRE(a.lines.size() == b.lines.size());
        for (std::size_t i = 0; i < a.lines.size(); ++i) {
            INFO("year " << year << " line " << i << " " << b.lines[i].subject << " " << b.lines[i].unitName);
            CHECK(a.lines[i].subject == b.lines[i].subject);
            CHECK(a.lines[i].facts.numerator == b.lines[i].facts.numerator);
            CHECK(a.lines[i].facts.denominator == b.lines[i].facts.denominator);
            CHECK(a.lines[i].facts.baseNumerator == b.lines[i].facts.baseNumerator);
            CHECK(a.lines[i].facts.overfullUnits == b.lines[i].facts.overfullUnits);
            CHECK(a.lines[i].progress.status == b.lines[i].progress.status);
        }
        for (Board board : {Board::Communities, Board::Streets})
            for (const char* period : {"all", "2024", "2025Q2", "2026", "2026-11"}) {
                BoardQuery q;
                q.board = board;
                q.metric = BoardMetric::Rate;
                q.period = *parsePeriod(period).period;
                q.today = today;
                const BoardResult x = fromSpans.board(q);
                const BoardResult y = fromEvents.board(q);
                REQUIRE(x.rows.size() == y.rows.size());
                for (std::size_t i = 0; i < x.rows.size(); ++i) {
                    INFO(boardCode(board) << " " << period << " row " << i);
                    CHECK(x.rows[i].id == y.rows[i].id);
                    CHECK(x.rows[i].numerator == y.rows[i].numerator);
                    CHECK(x.rows[i].value == y.rows[i].value);
                    CHECK(x.rows[i].rank == y.rows[i].rank);
                    CHECK(x.rows[i].movement == y.rows[i].movement);
                    CHECK(x.rows[i].dataError == y.rows[i].dataError);
                }
            }
    }
}

} // namespace

TEST_CASE("held title ranges equal the rule after every kind of write") {
    TitleWorld w(600);
    Storage& s = w.s;
    REQUIRE(scalarInt(s, "SELECT count(*) FROM award") > 600);
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span") > 300);
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span WHERE held_until IS NOT NULL") > 100);
    CHECK(scalarInt(s, "SELECT count(*) FROM (SELECT award_id FROM award_held_span GROUP BY award_id HAVING count(*) > 1) x") > 10);
    std::size_t days = 0;
    CHECK(ruleMismatches(s, 400, &days) == 0);
    CHECK(days > 300);
    CHECK(tableMismatches(s) == 0);

    // The migration's fill (the same view) gives the same rows as the triggers.
    s.db().exec("DELETE FROM award_held_span");
    s.db().exec("INSERT INTO award_held_span SELECT award_id, held_from, held_until, title_id, unit_id, family_id"
                " FROM award_held_span_source");
    checkSpans(s, "refill");

    // Store writes: a new title with its 命名 date, then revoked through the form.
    RecordStore records(s);
    FamilyAwardInput in;
    in.title = "平安家庭";
    in.level = "社区";
    in.year = 2025;
    in.event.date = "2025-05-20";
    const RowId granted = records.addFamilyAward(1, in);
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span WHERE award_id = " + std::to_string(granted)) == 1);
    checkSpans(s, "a grant");
    in.awardId = granted;
    in.status = "撤销";
    in.event.date = "2026-02-01";
    records.updateFamilyAward(1, in);
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span WHERE award_id = " + std::to_string(granted)) == 0);
    checkSpans(s, "a revocation");

    // 复核 in bulk: keep some expiring titles (new ranges), revoke others; undo both.
    std::vector<RowId> keep, revoke;
    {
        Statement st = s.db().prepare(
            "SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id"
            " WHERE a.status IN ('命名', '复核') AND a.family_id IS NOT NULL AND t.valid_years IS NOT NULL"
            "   AND NOT EXISTS (SELECT 1 FROM award_event e WHERE e.award_id = a.id AND e.happened_on > '2026-11-30')"
            "   AND coalesce((SELECT max(happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),"
            "                a.year || '-12-31') <= '2026-11-30'"
            " ORDER BY a.id LIMIT 40");
        while (st.step()) (keep.size() < 25 ? keep : revoke).push_back(st.columnInt(0));
    }
    REQUIRE(keep.size() == 25);
    REQUIRE(revoke.size() == 15);
    reviewTitles(s, keep, {ReviewResult::Keep, "2026-11-30", "临妇字〔2026〕9号", "复核合格"}, "2026-12-05");
    checkSpans(s, "复核 keep");
    reviewTitles(s, revoke, {ReviewResult::Revoke, "2026-11-30", "临妇字〔2026〕10号", "复核不合格"}, "2026-12-05");
    checkSpans(s, "复核 revoke");
    UndoStore undo(s);
    REQUIRE(undo.undoLast());
    checkSpans(s, "undo of the revocations");
    REQUIRE(undo.undoLast());
    checkSpans(s, "undo of the keeps");

    // Plain SQL on every column the ranges read.
    test::shiftEventDays(s, 7, 40);
    checkSpans(s, "moved events");
    s.db().exec("UPDATE award_event SET status = CASE status WHEN '命名' THEN '复核' ELSE '命名' END WHERE id % 11 = 0");
    checkSpans(s, "event statuses");
    s.db().exec("UPDATE award_event SET award_id = award_id + 1 WHERE id % 13 = 0 AND award_id < (SELECT max(id) FROM award)");
    checkSpans(s, "events moved between awards");
    s.db().exec("DELETE FROM award_event WHERE id % 9 = 0");
    checkSpans(s, "deleted events");
    s.db().exec("UPDATE award SET status = CASE status WHEN '撤销' THEN '复核' ELSE '撤销' END WHERE id % 10 = 0");
    test::moveAwardsYearBack(s, 6);
    test::moveFamilyAwardsToFirstTitle(s, 8);
    checkSpans(s, "award status, year, title");
    // Moves between units, and a unit deleted (award.unit_id SET NULL by the foreign key).
    s.db().exec("UPDATE award SET unit_id = " + std::to_string(w.d.community(2)) + " WHERE id % 5 = 0");
    checkSpans(s, "awards moved");
    s.db().exec("DELETE FROM org_unit WHERE id = " + std::to_string(w.d.community(1)));
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span WHERE unit_id = " + std::to_string(w.d.community(1))) == 0);
    checkSpans(s, "a unit deleted");

    // Validity and grace move every range they reach.
    SettingsStore settings(s);
    settings.setTitleValidity(w.titles[1], 1);
    settings.setTitleValidity(w.titles[2], std::nullopt);
    checkSpans(s, "validity changed");
    REQUIRE(settings.saveRules({{kGraceMonthsKey, "3"}}).empty());
    checkSpans(s, "grace 3 months");
    s.db().exec("DELETE FROM setting WHERE key = 'titles.grace_months'");
    checkSpans(s, "grace setting deleted (the default)");
    s.db().exec("INSERT INTO setting (key, value) VALUES ('titles.grace_months', '0')");
    checkSpans(s, "grace 0");

    // Deletes: an award, a family (its awards and events cascade), undone.
    s.db().exec("DELETE FROM award WHERE id % 17 = 0");
    checkSpans(s, "awards deleted");
    const RowId family = scalarInt(s, "SELECT family_id FROM award_held_span WHERE family_id IS NOT NULL ORDER BY award_id LIMIT 1");
    const std::int64_t ranges = scalarInt(s, "SELECT count(*) FROM award_held_span WHERE family_id = " + std::to_string(family));
    REQUIRE(undo.deleteRow("family", family));
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span WHERE family_id = " + std::to_string(family)) == 0);
    checkSpans(s, "a family deleted");
    REQUIRE(undo.undoLast());   // restores the family, its awards and events with plain SQL
    CHECK(scalarInt(s, "SELECT count(*) FROM award_held_span WHERE family_id = " + std::to_string(family)) == ranges);
    checkSpans(s, "the family's delete undone");
}

TEST_CASE("rate targets and rate boards from the held ranges equal those from the events") {
    TitleWorld w(900);
    Storage& s = w.s;
    const RowId safe = s.awardTitleId("平安家庭", "family", "社区");
    const RowId safeStreet = s.awardTitleId("平安家庭", "family", "街道");
    REQUIRE(safe != 0);
    REQUIRE(safeStreet != 0);
    // Rates of every unit kind, any level and at a level; another family title.
    for (int year : {2024, 2025, 2026, 2027}) {
        for (RowId unit : {w.d.district, w.d.street(0), w.d.street(1), w.d.community(0), w.d.community(2)}) {
            Target t;
            t.unitId = unit;
            t.year = year;
            t.metric = "title_rate";
            t.titleId = safe;
            t.goal = 0.5;
            s.insertTarget(t);
        }
        Target atLevel;
        atLevel.unitId = w.d.street(0);
        atLevel.year = year;
        atLevel.metric = "title_rate";
        atLevel.titleId = safeStreet;
        atLevel.atLevel = true;
        atLevel.goal = 0.2;
        s.insertTarget(atLevel);
        Target other = atLevel;
        other.titleId = w.titles.back();
        other.atLevel = false;
        s.insertTarget(other);
    }
    checkSameRates(s, {2024, 2025, 2026, 2027}, Date{2026, 12, 5});
    checkSameRates(s, {2026}, Date{2026, 3, 1});
    // After a grace change and a validity change the two still agree.
    REQUIRE(SettingsStore(s).saveRules({{kGraceMonthsKey, "0"}}).empty());
    SettingsStore(s).setTitleValidity(safe, 1);
    checkSameRates(s, {2025, 2026}, Date{2026, 12, 5});
    // And the figures are not all zero: the comparison compares something.
    CHECK(scalarInt(s, "SELECT count(DISTINCT family_id) FROM award_held_span WHERE " + sqlSpanHeldOn("'2026-12-31'")) > 100);
}

TEST_CASE("migration 0023 fills the held ranges of an existing database" * doctest::test_suite("sqlite_file")) {
    TitleWorld w(300);
    const std::int64_t ranges = scalarInt(w.s, "SELECT count(*) FROM award_held_span");
    REQUIRE(ranges > 150);
    // Back to the schema before 0023, with the titles already written.
    {
        std::vector<std::pair<std::string, std::string>> objects;
        Statement st = w.s.db().prepare(
            "SELECT type, name FROM sqlite_master WHERE name LIKE 'award_held_%' AND type IN ('trigger', 'view')");
        while (st.step()) objects.emplace_back(st.columnText(0), st.columnText(1));
        for (const auto& [type, name] : objects) w.s.db().exec("DROP " + type + " " + name);
    }
    w.s.db().exec("DROP TABLE award_held_span");
    w.s.db().exec("DROP INDEX person_volunteer_joined");
    // 0023 itself, as the open runs it (setting user_version back to 22 would
    // run the later migrations again too, whose objects are still there).
    const auto& all = embeddedMigrations();
    const auto m0023 = std::find_if(all.begin(), all.end(), [](const Migration& m) { return m.version == 23; });
    REQUIRE(m0023 != all.end());
    {
        Transaction tx(w.s.db());
        w.s.db().exec(m0023->sql);
        tx.commit();
    }
    CHECK(scalarInt(w.s, "SELECT count(*) FROM award_held_span") == ranges);
    CHECK(tableMismatches(w.s) == 0);
    CHECK(ruleMismatches(w.s, 200) == 0);
}
