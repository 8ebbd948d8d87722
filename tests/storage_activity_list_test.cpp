// storage_activity_list_test.cpp — the 活动 list read a page at a time
// (storage/activity_list.hpp, migration 0031) gives what the old screen gave
// from ActivityStore::list() filtered in memory: the same counts and the same
// rows, with the same volunteers and hours, in the same order (newest first,
// ties by id), for every unit and year filter, page after page by keyset and
// by a far jump, before and after writes (new activities, edits that move a
// date or a unit, deletes, service batches, undo, a unit deleted under its
// activities). The brute force below is the old rule (screen_activities.cpp
// before issue 17). Also: the year choices equal the old ones, and a page and
// a count read index entries of the rows they need, not the table.
#include <doctest/doctest.h>

#include "core/model.hpp"
#include "storage/activity_list.hpp"
#include "storage/activity_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

constexpr const char* kToday = "2026-11-29";

// 临江区 → 2 streets → 20 communities each: a community holds ~1/50 of the
// activities (read unit by unit), a street ~1/2 (read on the dates' walk).
struct World {
    test::TempDbPath path;
    Storage s{path.str()};
    RowId district = 0, streets[2] = {};
    std::vector<RowId> communities;
    std::vector<RowId> people;

    World() {
        district = s.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        streets[0] = s.insertUnit({0, district, "滨江街道", UnitKind::Street, 0, 1});
        streets[1] = s.insertUnit({0, district, "文昌街道", UnitKind::Street, 0, 2});
        for (int i = 0; i < 40; ++i)
            communities.push_back(s.insertUnit(
                {0, streets[i / 20], "社区" + std::to_string(i), UnitKind::Community, 1000, i}));
    }

    // `n` activities over 2019–2026 (many on the same days: ties by id), in
    // communities, streets, the district or no unit; people and records.
    void generate(int n, unsigned seed) {
        std::mt19937 rng(seed);
        auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
        s.setAuditEnabled(false);
        Transaction tx(s.db());
        for (int i = 0; i < 60; ++i) {
            Person p;
            p.name = "志愿者" + std::to_string(i);
            p.unitId = communities[static_cast<std::size_t>(pick(40))];
            people.push_back(s.insertPerson(p));
        }
        ActivityStore store(s);
        for (int i = 0; i < n; ++i) {
            Activity a;
            a.name = "活动" + std::to_string(i);
            char date[11];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2019 + pick(8), 1 + pick(3), 1 + pick(3));
            a.heldOn = date;
            const int where = pick(20);
            a.unitId = where < 16 ? communities[static_cast<std::size_t>(pick(40))]
                     : where < 18 ? streets[where % 2] : where == 18 ? district : 0;
            a.kind = pick(2) ? "帮扶" : "宣传";
            a.participants = pick(50);
            const RowId id = store.insert(a, kToday);
            for (int r = pick(4); r > 0; --r) {
                ServiceRecord rec;
                rec.personId = people[static_cast<std::size_t>(pick(60))];
                rec.activityId = id;
                rec.servedOn = a.heldOn;
                rec.hours = 0.5 * (1 + pick(8));
                s.insertServiceRecord(rec);
            }
        }
        tx.commit();
        s.setAuditEnabled(true);
    }
};

// ------------------------------------------------------------ the old rule

std::vector<ActivityRow> oldShown(Storage& s, const ActivityQuery& q) {
    const std::vector<ActivityRow> rows = ActivityStore(s).list();
    std::set<RowId> allowed;
    if (q.unitId != 0) {
        allowed.insert(q.unitId);
        for (const OrgUnit& u : s.units())   // tree order: parents before children
            if (allowed.count(u.parentId)) allowed.insert(u.id);
    }
    const std::string year = q.year != 0 ? std::to_string(q.year) : std::string();
    std::vector<ActivityRow> out;
    for (const ActivityRow& r : rows) {
        if (q.unitId != 0 && !allowed.count(r.activity.unitId)) continue;
        if (!year.empty() && r.activity.heldOn.compare(0, 4, year) != 0) continue;
        out.push_back(r);
    }
    return out;
}

std::vector<int> oldYears(Storage& s) {
    std::set<int, std::greater<>> years;
    for (const ActivityRow& r : ActivityStore(s).list())
        if (r.activity.heldOn.size() >= 4) years.insert(std::atoi(r.activity.heldOn.substr(0, 4).c_str()));
    return {years.begin(), years.end()};
}

// ------------------------------------------------------------ comparing

bool sameRow(const ActivityRow& a, const ActivityRow& b) {
    return a.activity.id == b.activity.id && a.activity.name == b.activity.name &&
           a.activity.heldOn == b.activity.heldOn && a.activity.unitId == b.activity.unitId &&
           a.activity.kind == b.activity.kind && a.activity.participants == b.activity.participants &&
           a.activity.note == b.activity.note && a.unitName == b.unitName && a.volunteers == b.volunteers &&
           std::abs(a.hours - b.hours) < 1e-9;
}

// Every filter: each unit (and one that does not exist) × each year (and
// one without activities), the list walked by keyset in pages of `per`, and
// far jumps, against the old rule. Returns the number of queries compared.
int compareEveryFilter(World& w, int per) {
    std::vector<RowId> units = {0, w.district, w.streets[0], w.streets[1], 999999};
    units.insert(units.end(), w.communities.begin(), w.communities.end());
    std::vector<int> years = {0, 2018};
    for (int y = 2019; y <= 2026; ++y) years.push_back(y);
    int compared = 0;
    for (const RowId unit : units) {
        for (const int year : years) {
            const ActivityQuery q{unit, year};
            CAPTURE(unit);
            CAPTURE(year);
            const std::vector<ActivityRow> expected = oldShown(w.s, q);
            const ActivityCounts counts = activityCounts(w.s, q);
            CHECK(counts.all == w.s.count("activity"));
            REQUIRE(counts.shown == static_cast<std::int64_t>(expected.size()));
            std::vector<ActivityRow> walked;
            std::optional<ActivityListKey> after;
            for (;;) {
                const std::vector<ActivityRow> page = activityPage(w.s, q, after, per);
                walked.insert(walked.end(), page.begin(), page.end());
                if (static_cast<int>(page.size()) < per) break;
                after = activityListKeyOf(page.back());
            }
            REQUIRE(walked.size() == expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                CAPTURE(i);
                CHECK(sameRow(walked[i], expected[i]));
            }
            // Far jumps: the middle and the last page.
            for (const std::size_t offset : {expected.size() / 2, expected.size() > 3 ? expected.size() - 3 : 0}) {
                const std::vector<ActivityRow> jumped = activityPageAt(w.s, q, static_cast<std::int64_t>(offset), per);
                REQUIRE(jumped.size() == std::min<std::size_t>(static_cast<std::size_t>(per), expected.size() - offset));
                for (std::size_t i = 0; i < jumped.size(); ++i) CHECK(sameRow(jumped[i], expected[offset + i]));
            }
            ++compared;
        }
    }
    CHECK(activityYears(w.s) == oldYears(w.s));
    return compared;
}

} // namespace

TEST_CASE("活动 list: every unit and year filter, by keyset and by far jumps, equals the old in-memory list") {
    World w;
    w.generate(900, 20261206);
    CHECK(compareEveryFilter(w, 7) == 45 * 10);
    CHECK(activityYears(w.s).size() == 8);
}

TEST_CASE("活动 list: still equal to the old list after adds, edits, deletes, service batches, undo and a unit deleted") {
    World w;
    w.generate(400, 7);
    ActivityStore store(w.s);
    UndoStore undo(w.s);
    // A new activity on an existing day (a tie), one in a new year, one without a unit.
    Activity a;
    a.name = "新活动";
    a.heldOn = "2022-02-02";
    a.unitId = w.communities[3];
    RowId added = 0;
    {
        UndoStep step(w.s, "新增活动");
        added = store.insert(a, kToday);
    }
    Activity early = a;
    early.heldOn = "2015-05-05";
    early.unitId = 0;
    store.insert(early, kToday);
    // An edit that moves one to another unit and date.
    Activity moved = *store.activity(added);
    moved.heldOn = "2026-11-01";
    moved.unitId = w.streets[1];
    store.update(moved, kToday);
    // A service batch adds to its totals; one deleted (its records stay with the volunteers).
    store.recordService(added, "2026-11-01", {{w.people[0], 2}, {w.people[1], 3.5}, {w.people[0], 1}}, "", true, "",
                        kToday);
    const ActivityRow newest = activityPage(w.s, ActivityQuery{}, std::nullopt, 1).front();
    CHECK(newest.activity.id == added);
    CHECK(newest.volunteers == 2);
    CHECK(newest.hours == doctest::Approx(6.5));
    const RowId gone = activityPage(w.s, ActivityQuery{w.communities[5], 0}, std::nullopt, 1).front().activity.id;
    {
        UndoStep step(w.s, "删除活动");
        CHECK(store.remove(gone));
    }
    CHECK(compareEveryFilter(w, 5) > 0);
    undo.undoLast();   // the delete: it is back with its records
    CHECK(store.activity(gone));
    CHECK(compareEveryFilter(w, 5) > 0);
    // A community deleted under its activities (ON DELETE SET NULL): they leave every unit's list.
    const RowId doomed = w.s.insertUnit({0, w.streets[0], "拆并社区", UnitKind::Community, 10, 99});
    w.communities.push_back(doomed);
    for (const ActivityRow& r : activityPage(w.s, ActivityQuery{w.communities[7], 0}, std::nullopt, 5)) {
        Activity a = r.activity;
        a.unitId = doomed;
        store.update(a, kToday);
    }
    CHECK(activityCounts(w.s, ActivityQuery{doomed, 0}).shown == 5);
    CHECK(compareEveryFilter(w, 5) > 0);
    w.s.db().exec("DELETE FROM org_unit WHERE id = " + std::to_string(doomed));
    CHECK(activityCounts(w.s, ActivityQuery{doomed, 0}).shown == 0);
    CHECK(compareEveryFilter(w, 5) > 0);
    CHECK(activityYears(w.s).front() == 2026);
    CHECK(activityYears(w.s).back() == 2015);
}

TEST_CASE("活动 list: an empty database has no rows, no years, zero counts") {
    World w;
    CHECK(activityPage(w.s, ActivityQuery{}, std::nullopt, 64).empty());
    CHECK(activityPageAt(w.s, ActivityQuery{w.streets[0], 2026}, 128, 64).empty());
    CHECK(activityYears(w.s).empty());
    const ActivityCounts c = activityCounts(w.s, ActivityQuery{w.district, 2026});
    CHECK(c.all == 0);
    CHECK(c.shown == 0);
}

TEST_CASE("活动 list at 60,000 activities: a page and a count read index entries, not the table") {
    World w;
    Database& db = w.s.db();
    {   // 60,000 activities, one per unit in turn, dates spread over 2019–2026; a record each for every tenth
        Transaction tx(db);
        db.exec("CREATE TEMP TABLE units AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM org_unit");
        // The day x.i * 7 % 2900 days after 2019-01-01, in each engine's date arithmetic.
        const std::string day = db.isServer() ? "CAST(DATE '2019-01-01' + x.i * 7 % 2900 AS text)"
                                              : "date('2019-01-01', '+' || (x.i * 7 % 2900) || ' days')";
        db.exec("WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < 60000)"
                " INSERT INTO activity (id, name, held_on, unit_id)"
                " SELECT x.i, '活动' || x.i, " + day + ", (SELECT id FROM units WHERE n = x.i % 43) FROM x");
        Person p;
        p.name = "王芳";
        const RowId person = w.s.insertPerson(p);
        db.exec("INSERT INTO service_record (person_id, activity_id, served_on, hours)"
                " SELECT " + std::to_string(person) + ", id, held_on, 2 FROM activity WHERE id % 10 = 0");
        tx.commit();
    }
    db.meterWork();
    auto cost = [&db](const std::function<void()>& work) {
        const std::uint64_t before = db.workDone();
        work();
        return db.workDone() - before;
    };
    const std::uint64_t scan = cost([&] {
        Statement st = db.prepare("SELECT count(*) FROM activity WHERE note = 'x'");
        REQUIRE(st.step());
    });
    CHECK(scan >= 120000);   // the meter sees a scan
    const ActivityQuery queries[] = {{0, 0}, {0, 2024}, {w.communities[3], 0}, {w.communities[3], 2024},
                                     {w.streets[0], 0}, {w.streets[1], 2021}, {w.district, 2026}};
    for (const ActivityQuery& q : queries) {
        CAPTURE(q.unitId);
        CAPTURE(q.year);
        std::vector<ActivityRow> first;
        const std::uint64_t page = cost([&] { first = activityPage(w.s, q, std::nullopt, 64); });
        REQUIRE(first.size() == 64);
        const ActivityListKey key = activityListKeyOf(first.back());
        const std::uint64_t next = cost([&] { CHECK(activityPage(w.s, q, key, 64).size() == 64); });
        CHECK(page < scan / 4);
        CHECK(next < scan / 4);
        // Unit filters count the subtree's index entries; all and a year count on an index too.
        if (q.unitId != w.district && q.unitId != w.streets[0] && q.unitId != w.streets[1]) {
            const std::uint64_t counted = cost([&] { activityCounts(w.s, q); });
            CHECK(counted < scan / 4);
        }
    }
    const std::uint64_t years = cost([&] { CHECK(activityYears(w.s).size() == 8); });
    CHECK(years < scan / 20);
}
