// storage_aggregates_test.cpp — boards and targets on real SQLite files.
//
// Small hand-made districts whose every figure is worked out in the comments,
// then the demo district checked against the test's own SQL (written
// independently of aggregates.cpp: it joins through family.unit_id rather
// than award.unit_id, counts with correlated subqueries, and so on).
#include <doctest/doctest.h>

#include "demo/demo.hpp"
#include "core/stars.hpp"
#include "storage/aggregates.hpp"
#include "storage/slide_data.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"
#include "support/demo_copy.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// 临江区 ── 江滨街道 ── 望月社区 (10 households), 金沙社区 (30)
//        └─ 文昌街道 ── 书院社区 (20)
struct World {
    test::TempDbPath path;
    Storage s{path.str()};
    RowId district = 0, s1 = 0, s2 = 0, c1 = 0, c2 = 0, c3 = 0;

    World() {
        const test::District built = test::buildTwoStreets(s, 10, 30, 20);
        district = built.district;
        s1 = built.street(0);
        s2 = built.street(1);
        c1 = built.community(0);
        c2 = built.community(1);
        c3 = built.community(2);
    }

    RowId volunteer(const std::string& name, RowId unit, double rosterHours = 0, const std::string& asOf = "") {
        Person p;
        p.name = name;
        p.unitId = unit;
        p.rosterHours = rosterHours;
        p.rosterHoursAsOf = asOf;
        return s.insertPerson(p);
    }
    // Hours a later roster added, dated (a first roster's total is history: volunteer()).
    void rosterCredit(RowId person, const std::string& on, double hours) { s.insertRosterCredit(person, on, hours); }
    void serve(RowId person, const std::string& on, double hours, bool verified = true, RowId activity = 0) {
        ServiceRecord r;
        r.personId = person;
        r.servedOn = on;
        r.hours = hours;
        r.verified = verified;
        r.activityId = activity;
        s.insertServiceRecord(r);
    }
    RowId activity(const std::string& name, const std::string& on, RowId unit) {
        Activity a;
        a.name = name;
        a.heldOn = on;
        a.unitId = unit;
        return s.insertActivity(a);
    }
    RowId title(const std::string& name, const std::string& kind, const std::string& level) {
        const RowId id = s.awardTitleId(name, kind, level);
        REQUIRE(id != 0);
        return id;
    }
    RowId family(RowId unit) {
        Family f;
        f.headName = "户主";
        f.address = "地址" + std::to_string(++m_families);
        f.unitId = unit;
        return s.insertFamily(f);
    }
    RowId award(RowId titleId, int year, RowId unit, const std::string& status, RowId familyId = 0, RowId personId = 0,
                RowId postId = 0) {
        Award a;
        a.titleId = titleId;
        a.year = year;
        a.unitId = unit;
        a.status = status;
        a.familyId = familyId;
        a.personId = personId;
        a.postId = postId;
        return s.insertAward(a);
    }
    // `titled` households of `unit` holding 平安家庭 (社区 level) from `year`.
    void safeFamilies(RowId unit, int titled, int year) {
        const RowId t = title("平安家庭", "family", "社区");
        for (int i = 0; i < titled; ++i) award(t, year, unit, "命名", family(unit));
    }
    void event(RowId awardId, const std::string& status, const std::string& on, std::optional<double> score = {}) {
        AwardEvent e;
        e.awardId = awardId;
        e.status = status;
        e.happenedOn = on;
        e.score = score;
        s.insertAwardEvent(e);
    }

private:
    int m_families = 0;
};

BoardResult board(Storage& s, Board b, BoardMetric m, const std::string& period, RowId scope = 0) {
    Aggregates agg(s);
    BoardQuery q;
    q.board = b;
    q.metric = m;
    q.period = *parsePeriod(period).period;
    q.scopeUnitId = scope;
    return agg.board(q);
}

const BoardRow& row(const BoardResult& r, const std::string& name) {
    for (const BoardRow& x : r.rows)
        if (x.name == name) return x;
    FAIL("no row " << name);
    throw std::logic_error("unreachable");
}

bool hasRow(const BoardResult& r, const std::string& name) {
    for (const BoardRow& x : r.rows)
        if (x.name == name) return true;
    return false;
}

// The volunteers of the first test, 2023–2024 (default rules: 1 point per
// verified hour, 2 per activity, 20 per 区 title).
//   王芳 (望月): 2023-12-31 7 h; 2024: 3 h + 2 h at activity A, 4 h at B,
//        5 h unverified; 三八红旗手 区 2024 named 2024-03-08.
//        2024: 9 h, 2 activities, 1 title → 9 + 4 + 20 = 33 points. 2023: 7.
//   李娜 (金沙): a later roster added 120 h as of 2024-06-30; 2024-07-01 6 h.
//        2024: 126 h = 126 points; cumulative 126 h → ★1. 2023: nothing.
//   张敏 (书院): a later roster added 30 h as of 2023-12-31; 2024-01-10 1 h.
//        2024: 1 point. 2023: 30 (the credit's period). All time: 31.
//   陈静 (书院): a first roster's total, 200 h as of 2024-06-30 — history:
//        all time only (★1), on no year's board.
//   赵丽 (书院): only an unverified record — on no board.
struct Volunteers : World {
    RowId wang = 0, li = 0, zhang = 0, zhao = 0, chen = 0, actA = 0, actB = 0;
    Volunteers() {
        actA = activity("反诈宣传", "2024-02-01", c1);
        actB = activity("巡逻", "2024-05-01", c1);
        wang = volunteer("王芳", c1);
        li = volunteer("李娜", c2);
        rosterCredit(li, "2024-06-30", 120);
        zhang = volunteer("张敏", c3);
        rosterCredit(zhang, "2023-12-31", 30);
        zhao = volunteer("赵丽", c3);
        chen = volunteer("陈静", c3, 200, "2024-06-30");
        serve(wang, "2023-12-31", 7);
        serve(wang, "2024-02-01", 3, true, actA);
        serve(wang, "2024-02-02", 2, true, actA);
        serve(wang, "2024-05-01", 4, true, actB);
        serve(wang, "2024-06-01", 5, false);
        serve(li, "2024-07-01", 6);
        serve(zhang, "2024-01-10", 1);
        serve(zhao, "2024-03-01", 8, false);
        const RowId t = award(title("三八红旗手", "person", "区"), 2024, c1, "命名", 0, wang);
        event(t, "申报", "2024-01-15");
        event(t, "命名", "2024-03-08");
    }
};

} // namespace

// ================================================================ volunteers

TEST_CASE("volunteer board: points from verified hours, roster hours, activities and titles") {
    Volunteers w;
    const BoardResult r = board(w.s, Board::Volunteers, BoardMetric::Points, "2024");
    CHECK(r.scopeName == "临江区");
    CHECK(r.hasPrevious);
    REQUIRE(r.rows.size() == 3);   // 赵丽 has nothing verified
    CHECK(r.rows[0].name == "李娜");
    CHECK(r.rows[0].value == 126);
    CHECK(r.rows[0].unit == "金沙社区");
    CHECK(r.rows[0].stars == 1);
    CHECK(r.rows[1].name == "王芳");
    CHECK(r.rows[1].value == 33);
    CHECK(r.rows[1].hours == 9);
    CHECK(r.rows[1].activities == 2);
    CHECK(r.rows[1].titles == 1);
    CHECK(r.rows[1].stars == 0);
    CHECK(r.rows[1].cumulativeHours == 16);
    CHECK(r.rows[2].name == "张敏");
    CHECK(r.rows[2].value == 1);
    CHECK(r.rows[2].cumulativeHours == 31);
    CHECK_FALSE(hasRow(r, "赵丽"));
    CHECK_FALSE(hasRow(r, "陈静"));   // a first roster's total is history: on no year's board
}

TEST_CASE("volunteer board: hours, all time, and movement against the previous year") {
    Volunteers w;
    const BoardResult hours = board(w.s, Board::Volunteers, BoardMetric::Hours, "2024");
    REQUIRE(hours.rows.size() == 3);
    CHECK(row(hours, "李娜").value == 126);
    CHECK(row(hours, "王芳").value == 9);
    CHECK(row(hours, "张敏").value == 1);

    // 2023: 张敏 30 (a roster credit of 2023-12-31) rank 1, 王芳 7 rank 2.
    const BoardResult y2023 = board(w.s, Board::Volunteers, BoardMetric::Points, "2023");
    REQUIRE(y2023.rows.size() == 2);
    CHECK(y2023.rows[0].name == "张敏");
    CHECK(y2023.rows[1].name == "王芳");
    const BoardResult y2024 = board(w.s, Board::Volunteers, BoardMetric::Points, "2024");
    CHECK(row(y2024, "李娜").movement == "新");
    CHECK(row(y2024, "李娜").isNew);
    CHECK(row(y2024, "王芳").movement == "–");
    CHECK(row(y2024, "张敏").movement == "↓2");
    CHECK(row(y2024, "张敏").movementDelta == -2);

    // All time: every roster counts; 王芳 16 h + 2 activities + 20 = 40.
    const BoardResult all = board(w.s, Board::Volunteers, BoardMetric::Points, "all");
    CHECK_FALSE(all.hasPrevious);
    CHECK(row(all, "王芳").value == 40);
    CHECK(row(all, "张敏").value == 31);
    CHECK(row(all, "李娜").value == 126);
    CHECK(row(all, "陈静").value == 200);   // history counts in all time
    CHECK(row(all, "陈静").stars == 1);
    CHECK(row(all, "王芳").movement.empty());
}

TEST_CASE("volunteer board: points follow the settings") {
    Volunteers w;
    w.s.setSetting("points.per_verified_hour", "2");
    w.s.setSetting("points.per_activity", "很多");   // unusable: the default 2, with a note
    const BoardResult r = board(w.s, Board::Volunteers, BoardMetric::Points, "2024");
    CHECK(row(r, "王芳").value == 9 * 2 + 2 * 2 + 20);
    CHECK(row(r, "李娜").value == 252);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].find("points.per_activity") != std::string::npos);

    w.s.setSetting("stars.thresholds", "10,100,120");
    const BoardResult stars = board(w.s, Board::Volunteers, BoardMetric::Hours, "2024");
    CHECK(row(stars, "李娜").stars == 3);
    CHECK(row(stars, "王芳").stars == 1);
}

// A title is worth its own points in the catalogue (设置 → 荣誉称号目录). Every
// title carries them (NOT NULL): the built-ins start at their level's default
// (migration 0002), titles added in 设置 at the value typed, titles created
// by a record or an import at the level's points.title.<level> of that day.
// So the level setting is the default for titles added later; repricing a
// title moves the boards.
TEST_CASE("volunteer board: a title counts its own catalogue points") {
    Volunteers w;
    SettingsStore settings(w.s);
    const RowId redFlag = w.title("三八红旗手", "person", "区");
    // 王芳 2024: 9 h + 2 activities × 2 + 三八红旗手 (区) repriced 20 → 35 = 48.
    settings.setTitlePoints(redFlag, 35);
    CHECK(row(board(w.s, Board::Volunteers, BoardMetric::Points, "2024"), "王芳").value == 9 + 4 + 35);
    // The level's setting does not override a title's own points.
    w.s.setSetting("points.title.区", "50");
    CHECK(row(board(w.s, Board::Volunteers, BoardMetric::Points, "2024"), "王芳").value == 48);

    // A title added in 设置 at 区 with 12 points, held by 张敏 (named 2024-05-04):
    // 1 h + 12 = 13.
    const RowId neighbour = settings.addTitle("最美志愿者", "person", "区", 12);
    const RowId a = w.award(neighbour, 2024, w.c3, "命名", 0, w.zhang);
    w.event(a, "命名", "2024-05-04");
    const BoardResult r = board(w.s, Board::Volunteers, BoardMetric::Points, "2024");
    CHECK(row(r, "张敏").value == 1 + 12);
    CHECK(row(r, "张敏").titles == 1);
    // The unit boards sum the same points: 江滨 = 王芳 48 + 李娜 126; 文昌 = 13.
    const BoardResult streets = board(w.s, Board::Streets, BoardMetric::Points, "2024");
    CHECK(row(streets, "江滨街道").value == 174);
    CHECK(row(streets, "文昌街道").value == 13);
    // A title worth 0 adds nothing (0 is a value, not "unset").
    settings.setTitlePoints(neighbour, 0);
    CHECK(row(board(w.s, Board::Volunteers, BoardMetric::Points, "2024"), "张敏").value == 1);
}

TEST_CASE("ties share a rank and the next rank skips: 1, 2, 2, 4") {
    World w;
    const RowId a = w.volunteer("甲", w.c1), b = w.volunteer("乙", w.c1), c = w.volunteer("丙", w.c2),
                d = w.volunteer("丁", w.c3);
    w.serve(a, "2024-05-01", 10);
    w.serve(b, "2024-05-01", 8);
    w.serve(c, "2024-06-01", 5);
    w.serve(c, "2024-06-02", 3);   // 8, summed in another order
    w.serve(d, "2024-05-01", 5);
    const BoardResult r = board(w.s, Board::Volunteers, BoardMetric::Hours, "2024");
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[0].rank == 1);
    CHECK(r.rows[1].rank == 2);
    CHECK(r.rows[2].rank == 2);
    CHECK(r.rows[3].rank == 4);
    CHECK(r.rows[3].name == "丁");
    // Equal values show in name order (code points: 丙 U+4E19 before 乙 U+4E59).
    CHECK(r.rows[1].name == "丙");
    CHECK(r.rows[2].name == "乙");
}

TEST_CASE("period boundaries: 31 March 23:59 is in Q1, 1 April in Q2") {
    World w;
    const RowId p = w.volunteer("周洁", w.c1);
    w.serve(p, "2024-03-31", 2);
    w.serve(p, "2024-03-31 23:59", 1);
    w.serve(p, "2024-04-01", 4);
    w.serve(p, "2023-12-31", 8);
    w.serve(p, "2024-01-01", 16);
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2024Q1").rows.at(0).value == 19);
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2024Q2").rows.at(0).value == 4);
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2024-03").rows.at(0).value == 3);
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2024-04").rows.at(0).value == 4);
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2023Q4").rows.at(0).value == 8);
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2024").rows.at(0).value == 23);
    // 2024Q1 is compared with 2023Q4.
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2024Q1").rows.at(0).movement == "–");
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Hours, "2024Q3").rows.empty());
}

TEST_CASE("scope: a street or a community board counts only its own") {
    Volunteers w;
    const BoardResult street = board(w.s, Board::Volunteers, BoardMetric::Points, "2024", w.s1);
    CHECK(street.scopeName == "江滨街道");
    REQUIRE(street.rows.size() == 2);
    CHECK(street.rows[0].name == "李娜");
    CHECK(street.rows[1].name == "王芳");
    CHECK(street.rows[1].value == 33);
    const BoardResult community = board(w.s, Board::Volunteers, BoardMetric::Points, "2024", w.c3);
    REQUIRE(community.rows.size() == 1);
    CHECK(community.rows[0].name == "张敏");
    CHECK(community.rows[0].rank == 1);
    // Movement within the scope: in 书院社区 张敏 was first in 2023 too.
    CHECK(community.rows[0].movement == "–");
    // The district itself is the whole board.
    CHECK(board(w.s, Board::Volunteers, BoardMetric::Points, "2024", w.district).rows.size() == 3);
}

TEST_CASE("scope names: unknown, ambiguous, and street/community paths") {
    World w;
    const RowId other = w.s.insertUnit({0, w.s2, "望月社区", UnitKind::Community, 5, 2});   // a second 望月社区
    Aggregates agg(w.s);
    CHECK(agg.resolveScope("江滨街道").unitId == w.s1);
    CHECK(agg.resolveScope(" 书院社区 ").unitId == w.c3);
    const ScopeResolution unknown = agg.resolveScope("不存在社区");
    CHECK_FALSE(unknown.ok());
    CHECK(unknown.error.find("没有名为“不存在社区”的单位") != std::string::npos);
    CHECK(unknown.error.find("江滨街道") != std::string::npos);   // lists what exists
    const ScopeResolution ambiguous = agg.resolveScope("望月社区");
    CHECK_FALSE(ambiguous.ok());
    CHECK(ambiguous.error.find("有2个单位都叫“望月社区”") != std::string::npos);
    CHECK(ambiguous.error.find("江滨街道/望月社区") != std::string::npos);
    CHECK(ambiguous.error.find("文昌街道/望月社区") != std::string::npos);
    CHECK(agg.resolveScope("江滨街道/望月社区").unitId == w.c1);
    CHECK(agg.resolveScope("文昌街道／望月社区").unitId == other);
    CHECK(agg.resolveScope("临江区/文昌街道/望月社区").unitId == other);
    CHECK_FALSE(agg.resolveScope("文昌街道/金沙社区").ok());
    CHECK_FALSE(agg.resolveScope("").ok());
}

TEST_CASE("a board refuses a metric it does not offer, and a streets board scoped to a community") {
    World w;
    CHECK_THROWS_AS(board(w.s, Board::Volunteers, BoardMetric::Rate, "2024"), std::invalid_argument);
    CHECK_THROWS_AS(board(w.s, Board::Posts, BoardMetric::Hours, "2024"), std::invalid_argument);
    CHECK_THROWS_AS(board(w.s, Board::Streets, BoardMetric::Rate, "2024", w.c1), std::invalid_argument);
    CHECK_NOTHROW(board(w.s, Board::Streets, BoardMetric::Rate, "2024", w.s1));
    CHECK(defaultMetric(Board::Volunteers) == BoardMetric::Points);
    CHECK(defaultMetric(Board::Communities) == BoardMetric::Rate);
    CHECK(defaultMetric(Board::Streets) == BoardMetric::Rate);
    CHECK(defaultMetric(Board::Posts) == BoardMetric::Points);
}

// ================================================================ units

// 平安家庭 holders (社区 level unless said):
//   望月社区 (10 households): 9 named in 2024                         2023: 0     2024: 9/10  = 90 %
//   金沙社区 (30): 20 named 2023, 4 named 2024; one of the 2024 ones
//        also holds the 街道-level title (counted once); one revoked,
//        one only applied for, one named for 2025                      2023: 20/30 2024: 24/30 = 80 %
//   书院社区 (20): 10 named 2023                                       2023: 10/20 2024: 10/20 = 50 %
// Streets: 江滨 (9 + 24) / (10 + 30) = 82.5 % — not the 85 % an average of
// rates would claim; 文昌 50 %. District (9 + 24 + 10) / 60 = 71.67 %.
struct Families : World {
    Families() {
        safeFamilies(c1, 9, 2024);
        safeFamilies(c2, 20, 2023);
        const RowId safe = title("平安家庭", "family", "社区");
        const RowId safeStreet = title("平安家庭", "family", "街道");
        for (int i = 0; i < 4; ++i) {
            const RowId f = family(c2);
            award(safe, 2024, c2, "命名", f);
            if (i == 0) award(safeStreet, 2024, c2, "复核", f);
        }
        award(safe, 2024, c2, "撤销", family(c2));
        award(safe, 2024, c2, "申报", family(c2));
        award(safe, 2025, c2, "命名", family(c2));
        safeFamilies(c3, 10, 2023);
        // Another title does not make a household 平安.
        award(title("五好文明家庭", "family", "社区"), 2024, c3, "命名", family(c3));
    }
};

TEST_CASE("a rate target at one level counts only that level; any level counts every holder once") {
    Families w;
    const RowId safe = w.title("平安家庭", "family", "社区");
    const RowId safeStreet = w.title("平安家庭", "family", "街道");
    for (RowId title : {safe, safeStreet})
        for (bool atLevel : {false, true}) {
            Target t;
            t.unitId = w.s1;
            t.year = 2024;
            t.metric = "title_rate";
            t.titleId = title;
            t.goal = 0.25;
            t.atLevel = atLevel;
            if (title == safe && atLevel) continue;   // 社区-level below
            w.s.insertTarget(t);
        }
    Aggregates agg(w.s);
    const TargetsReport report = agg.targets(2024, *parseDate("2024-07-01"));
    REQUIRE(report.lines.size() == 3);
    // Any level (either title named): 33 of 江滨's 40 households, as the board says.
    CHECK(report.lines[0].subject == "平安家庭");
    CHECK(report.lines[0].facts.numerator == 33);
    CHECK(report.lines[1].subject == "平安家庭");
    CHECK(report.lines[1].facts.numerator == 33);
    // 街道级 only: the one household of 金沙 that also holds it.
    CHECK(report.lines[2].subject == "街道级平安家庭");
    CHECK(report.lines[2].target.atLevel);
    CHECK(report.lines[2].facts.numerator == 1);
    CHECK(report.lines[2].progress.actual == doctest::Approx(1.0 / 40));
    CHECK(targetMetricLabel("title_rate", report.lines[2].subject) == "街道级平安家庭创建率");
    // The same target twice is refused by the schema; at a level it is another target.
    Target again;
    again.unitId = w.s1;
    again.year = 2024;
    again.metric = "title_rate";
    again.titleId = safeStreet;
    again.goal = 0.3;
    CHECK_THROWS(w.s.insertTarget(again));
}

TEST_CASE("a unit with more titled households than households is a data error on boards and targets") {
    Families w;
    // 书院社区 has 20 households and 10 平安家庭; 15 more named there make 25.
    w.safeFamilies(w.c3, 15, 2024);
    const BoardResult communities = board(w.s, Board::Communities, BoardMetric::Rate, "2024");
    REQUIRE(communities.rows.size() == 3);
    // Ranked rows first; the wrong one last, unranked, with its error.
    CHECK(communities.rows[0].name == "望月社区");
    CHECK(communities.rows[0].rank == 1);
    CHECK(communities.rows[2].name == "书院社区");
    CHECK(communities.rows[2].rank == 0);
    CHECK(communities.rows[2].dataError.find("超过总户数（20）") != std::string::npos);
    // Its street counts it at its 20 households and says so.
    const BoardResult streets = board(w.s, Board::Streets, BoardMetric::Rate, "2024");
    CHECK(row(streets, "文昌街道").value == doctest::Approx(1.0));
    CHECK(row(streets, "文昌街道").dataError.find("下属1个单位") != std::string::npos);
    CHECK(row(streets, "江滨街道").dataError.empty());

    Target t;
    t.unitId = w.district;
    t.year = 2024;
    t.metric = "title_rate";
    t.titleId = w.title("平安家庭", "family", "社区");
    t.goal = 0.9;
    w.s.insertTarget(t);
    Aggregates agg(w.s);
    const TargetsReport report = agg.targets(2024, *parseDate("2024-07-01"));
    REQUIRE(report.lines.size() == 1);
    // (9 + 24 + 20 capped) / 60 = 88 %, short of 90 %; uncounted, (9 + 24 + 25)
    // / 60 = 96.7 % would have met the goal on the strength of an error.
    CHECK(report.lines[0].facts.numerator == 53);
    CHECK_FALSE(report.lines[0].progress.goalMet);
    CHECK(report.lines[0].progress.problem.find("下属1个单位") != std::string::npos);

    // The race slide of 文昌街道's communities leaves it out and says why; the
    // district's race of streets counts it at its households (文昌 100 %).
    const SlideData street = SlideDataStore(w.s).load(2024, w.s2, "2024-07-01");
    for (const RaceEntry& e : street.race) CHECK(e.name != "书院社区");
    CHECK(std::any_of(street.problems.begin(), street.problems.end(),
                      [](const std::string& p) { return p.find("书院社区：称号户数（25）超过总户数（20）") == 0; }));
    const SlideData district = SlideDataStore(w.s).load(2024, 0, "2024-07-01");
    for (const RaceEntry& e : district.race) CHECK(e.rate <= 1.0);
}

TEST_CASE("community and street rates roll up as sums, never averages") {
    Families w;
    const BoardResult communities = board(w.s, Board::Communities, BoardMetric::Rate, "2024");
    REQUIRE(communities.rows.size() == 3);
    CHECK(row(communities, "望月社区").value == doctest::Approx(0.9));
    CHECK(row(communities, "望月社区").numerator == 9);
    CHECK(row(communities, "望月社区").households == 10);
    CHECK(row(communities, "金沙社区").value == doctest::Approx(0.8));
    CHECK(row(communities, "金沙社区").numerator == 24);
    CHECK(row(communities, "书院社区").value == doctest::Approx(0.5));
    CHECK(row(communities, "望月社区").unit == "江滨街道");

    const BoardResult streets = board(w.s, Board::Streets, BoardMetric::Rate, "2024");
    REQUIRE(streets.rows.size() == 2);
    CHECK(streets.rows[0].name == "江滨街道");
    CHECK(streets.rows[0].value == doctest::Approx(0.825));
    CHECK(streets.rows[0].numerator == 33);
    CHECK(streets.rows[0].households == 40);
    CHECK(streets.rows[0].unit == "临江区");
    CHECK(streets.rows[1].value == doctest::Approx(0.5));

    // Movement: 2023 ranks 金沙 (66.67 %) 1, 书院 (50 %) 2, 望月 (0 %) 3.
    CHECK(row(communities, "望月社区").movement == "↑2");
    CHECK(row(communities, "金沙社区").movement == "↓1");
    CHECK(row(communities, "书院社区").movement == "↓1");
    // Quarters count by the named date (core/title_standing.hpp): these 2024
    // titles have no 命名 event, so they were named 2024-12-31 and 2024Q1
    // still reads as 2023 (20 of 30), while 2024Q4 counts them.
    CHECK(row(board(w.s, Board::Communities, BoardMetric::Rate, "2024Q1"), "金沙社区").value ==
          doctest::Approx(std::round(20.0 / 30 * 10000) / 10000));
    CHECK(row(board(w.s, Board::Communities, BoardMetric::Rate, "2024Q4"), "金沙社区").value == doctest::Approx(0.8));
    // 2025 adds the household named for 2025.
    CHECK(row(board(w.s, Board::Communities, BoardMetric::Rate, "2025"), "金沙社区").value ==
          doctest::Approx(std::round(25.0 / 30 * 10000) / 10000));
    // A league of one street's communities.
    const BoardResult league = board(w.s, Board::Communities, BoardMetric::Rate, "2024", w.s1);
    REQUIRE(league.rows.size() == 2);
    CHECK(league.rows[0].name == "望月社区");
}

TEST_CASE("unit boards: volunteers' points and hours, and titles won, summed over the subtree") {
    Volunteers w;
    // 王芳 33 (望月), 李娜 126 (金沙), 张敏 1 (书院).
    const BoardResult streets = board(w.s, Board::Streets, BoardMetric::Points, "2024");
    CHECK(row(streets, "江滨街道").value == 159);
    CHECK(row(streets, "文昌街道").value == 1);
    const BoardResult hours = board(w.s, Board::Communities, BoardMetric::Hours, "2024");
    CHECK(row(hours, "金沙社区").value == 126);
    CHECK(row(hours, "望月社区").value == 9);
    CHECK(row(hours, "书院社区").value == 1);
    CHECK(row(hours, "书院社区").rank == 3);

    // Titles won: 王芳's (named 2024-03-08, counts for 望月) and a collective
    // title for 书院社区 with no naming event (dated 31 December of its year).
    Award collective;
    collective.titleId = w.title("三八红旗集体", "collective", "区");
    collective.year = 2024;
    collective.collectiveName = "书院社区妇联";
    collective.unitId = w.c3;
    w.s.insertAward(collective);
    const BoardResult titles = board(w.s, Board::Streets, BoardMetric::Titles, "2024");
    CHECK(row(titles, "江滨街道").value == 1);
    CHECK(row(titles, "文昌街道").value == 1);
    CHECK(row(board(w.s, Board::Communities, BoardMetric::Titles, "2024Q1"), "望月社区").value == 1);
    CHECK(row(board(w.s, Board::Communities, BoardMetric::Titles, "2024Q1"), "书院社区").value == 0);
    CHECK(row(board(w.s, Board::Communities, BoardMetric::Titles, "2024Q4"), "书院社区").value == 1);
}

TEST_CASE("posts: the highest level held and the latest assessment score") {
    World w;
    auto addPost = [&](const std::string& name, RowId unit) {
        Post p;
        p.workUnit = "临江区某单位";
        p.name = name;
        p.unitId = unit;
        p.members = 10;
        p.womenMembers = 8;
        return w.s.insertPost(p);
    };
    const RowId district = w.title("巾帼文明岗", "post", "区");
    const RowId city = w.title("巾帼文明标兵岗", "post", "市");
    const RowId a = addPost("护理部", w.s1), b = addPost("产科", w.s1), c = addPost("窗口", w.s2),
                d = addPost("营业部", w.s2);
    // a: 区 2021, 市 2024 (scores 90 then 95); b: 区 2023 (score 88); c: 区
    // 2024 (score 91, a re-review in 2025 scored 70); d: only applied. Each
    // event moves the award's status, so the history ends in its state.
    auto named = [&](RowId title, int year, RowId unit, RowId postId, double score) {
        const RowId x = w.award(title, year, unit, "申报", 0, 0, postId);
        w.event(x, "考核验收", std::to_string(year) + "-10-10", score);
        w.event(x, "命名", std::to_string(year) + "-12-18");
        return x;
    };
    named(district, 2021, w.s1, a, 90);
    named(city, 2024, w.s1, a, 95);
    named(district, 2023, w.s1, b, 88);
    const RowId x = named(district, 2024, w.s2, c, 91);
    w.event(x, "复核", "2025-09-20", 70);
    w.award(district, 2024, w.s2, "申报", 0, 0, d);

    const BoardResult points = board(w.s, Board::Posts, BoardMetric::Points, "2024");
    REQUIRE(points.rows.size() == 3);
    CHECK(points.rows[0].name == "临江区某单位护理部");
    CHECK(points.rows[0].value == 40);
    CHECK(points.rows[0].level == "市");
    CHECK(points.rows[0].score == 95);
    CHECK(points.rows[0].unit == "江滨街道");
    CHECK(points.rows[1].rank == 2);
    CHECK(points.rows[2].rank == 2);
    // 2023: a and b held 区 (rank 1, 1); c was not named yet.
    CHECK(points.rows[0].movement == "–");
    CHECK(row(points, "临江区某单位产科").movement == "↓1");
    CHECK(row(points, "临江区某单位窗口").movement == "新");

    const BoardResult score = board(w.s, Board::Posts, BoardMetric::Score, "2024");
    CHECK(row(score, "临江区某单位窗口").value == 91);
    CHECK(row(board(w.s, Board::Posts, BoardMetric::Score, "2025"), "临江区某单位窗口").value == 70);
    CHECK(board(w.s, Board::Posts, BoardMetric::Points, "2024", w.s2).rows.size() == 1);
    CHECK(board(w.s, Board::Posts, BoardMetric::Points, "2020").rows.empty());

    // Points are the catalogue's for the title held: 巾帼文明标兵岗 (市)
    // repriced 40 → 55 and 巾帼文明岗 (区) 20 → 25 put 护理部 at 55, the others at 25.
    SettingsStore settings(w.s);
    settings.setTitlePoints(city, 55);
    settings.setTitlePoints(district, 25);
    const BoardResult repriced = board(w.s, Board::Posts, BoardMetric::Points, "2024");
    CHECK(row(repriced, "临江区某单位护理部").value == 55);
    CHECK(row(repriced, "临江区某单位护理部").points == 55);
    CHECK(row(repriced, "临江区某单位产科").value == 25);
    CHECK(row(repriced, "临江区某单位窗口").value == 25);
}

// ================================================================ targets

TEST_CASE("targets: facts from the subtree, expected by today, forecast and status") {
    Families w;
    // The volunteers' world on the same units: reuse the records of Volunteers.
    const RowId wang = w.volunteer("王芳", w.c1);
    const RowId li = w.volunteer("李娜", w.c2);
    w.rosterCredit(li, "2024-06-30", 120);   // a later roster's increase, dated in 2024
    const RowId zhang = w.volunteer("张敏", w.c3);
    w.rosterCredit(zhang, "2023-12-31", 30);
    w.serve(wang, "2024-02-01", 3);
    w.serve(wang, "2024-06-01", 5, false);   // unverified: not counted
    w.serve(li, "2024-07-01", 6);
    w.serve(zhang, "2024-01-10", 1);
    w.serve(zhang, "2023-05-10", 20);        // another year
    w.activity("A", "2024-02-01", w.c1);
    w.activity("B", "2024-12-31", w.c2);
    w.activity("C", "2025-01-01", w.c2);
    Post post;
    post.workUnit = "临江区人民医院";
    post.name = "护理部";
    post.unitId = w.s1;
    const RowId postId = w.s.insertPost(post);
    const RowId districtPost = w.title("巾帼文明岗", "post", "区");
    w.award(districtPost, 2024, w.s1, "命名", 0, 0, postId);

    auto target = [&](RowId unit, const std::string& metric, double goal, RowId titleId = 0,
                      const std::string& indicator = "") {
        Target t;
        t.unitId = unit;
        t.year = 2024;
        t.metric = metric;
        t.goal = goal;
        t.titleId = titleId;
        t.indicator = indicator;
        w.s.insertTarget(t);
    };
    const RowId safe = w.title("平安家庭", "family", "社区");
    target(w.district, "volunteer_hours", 400);
    target(w.s1, "title_rate", 0.9, safe);
    target(w.c3, "title_rate", 0.6, safe);
    target(w.district, "activities", 4.2);
    target(w.district, "volunteers", 6);
    target(w.district, "post_count", 2, districtPost);
    target(w.s2, "post_count", 1, districtPost);
    target(w.district, "indicator", 1500, 0, "活动参与人次");
    ManualIndicator m;
    m.unitId = w.district;
    m.year = 2024;
    m.name = "活动参与人次";
    m.value = 1000;
    w.s.insertIndicator(m);
    target(w.district, "title_count", 30, safe);

    Aggregates agg(w.s);
    // 2024-07-01 is day 183 of 366: exactly half the year.
    const TargetsReport report = agg.targets(2024, *parseDate("2024-07-01"));
    CHECK(report.year == 2024);
    CHECK(report.today == "2024-07-01");
    REQUIRE(report.lines.size() == 9);
    // Tree order: the district's targets first (by id), then 江滨, 文昌, 书院.
    CHECK(report.lines[0].target.metric == "volunteer_hours");
    CHECK(report.lines[5].target.metric == "title_count");
    CHECK(report.lines[6].unitName == "江滨街道");
    CHECK(report.lines[7].unitName == "文昌街道");
    CHECK(report.lines[8].unitName == "书院社区");

    auto line = [&](const std::string& unit, const std::string& metric) -> const TargetLine& {
        for (const TargetLine& l : report.lines)
            if (l.unitName == unit && l.target.metric == metric) return l;
        FAIL("no target " << unit << " " << metric);
        throw std::logic_error("unreachable");
    };

    // Hours 2024: 3 + 6 + 120 (李娜's roster credit, dated in 2024) + 1 = 130.
    // Expected 200; 130/200 = 0.65 of the pace → red; forecast 260.
    const TargetLine& hours = line("临江区", "volunteer_hours");
    CHECK(hours.progress.actual == 130);
    CHECK(hours.progress.expected == doctest::Approx(200));
    CHECK(hours.progress.forecast == doctest::Approx(260));
    CHECK(hours.progress.status == TargetStatus::Red);

    // 江滨 rate: 33/40 = 82.5 %, base (titles before 2024) 20/40 = 50 %.
    // Expected 50 % + (90 % − 50 %) × ½ = 70 %; forecast 50 % + 32.5 % ÷ ½
    // = 115 % → capped at 100 %; the gain (32.5 %) beats the pace (20 %):
    // green; 3 households still to title.
    const TargetLine& rate = line("江滨街道", "title_rate");
    CHECK(rate.subject == "平安家庭");
    CHECK(rate.facts.numerator == 33);
    CHECK(rate.facts.denominator == 40);
    CHECK(rate.facts.baseNumerator == 20);
    CHECK(rate.progress.actual == doctest::Approx(0.825));
    CHECK(rate.progress.expected == doctest::Approx(0.7));
    CHECK(rate.progress.forecast == doctest::Approx(1.0));
    CHECK(rate.progress.progress == doctest::Approx(0.825 / 0.9));
    CHECK(rate.progress.gap == 3);
    CHECK(rate.progress.status == TargetStatus::Green);

    // 书院 rate: 50 % all from before the year, goal 60 %: expected 55 %,
    // no gain yet → red.
    const TargetLine& shuyuan = line("书院社区", "title_rate");
    CHECK(shuyuan.progress.actual == doctest::Approx(0.5));
    CHECK(shuyuan.progress.expected == doctest::Approx(0.55));
    CHECK(shuyuan.progress.status == TargetStatus::Red);

    // Activities held in 2024 by the district's units: A and B (31 December
    // counts, 1 January 2025 does not). Expected 2.1; 2/2.1 = 95 % → amber.
    const TargetLine& activities = line("临江区", "activities");
    CHECK(activities.progress.actual == 2);
    CHECK(activities.progress.status == TargetStatus::Amber);

    // Volunteers are a stock: 3 on the roll, all there on 1 January (no join
    // dates say otherwise), so nothing is gained toward 6 by mid-year: red.
    // (Paced from zero, as it used to be, 3 of an expected 3 read green.)
    CHECK(line("临江区", "volunteers").facts.kind == TargetKind::Stock);
    CHECK(line("临江区", "volunteers").progress.actual == 3);
    CHECK(line("临江区", "volunteers").progress.base == 3);
    CHECK(line("临江区", "volunteers").progress.expected == doctest::Approx(4.5));
    CHECK(line("临江区", "volunteers").progress.status == TargetStatus::Red);

    // 区级巾帼文明岗 named in 2024: one, in 江滨街道 — the district counts it, 文昌 does not.
    CHECK(line("临江区", "post_count").progress.actual == 1);
    CHECK(line("临江区", "post_count").progress.status == TargetStatus::Green);
    CHECK(line("文昌街道", "post_count").progress.actual == 0);
    CHECK(line("文昌街道", "post_count").progress.status == TargetStatus::Red);

    // The manual indicator: 1000 against an expected 750 → green.
    CHECK(line("临江区", "indicator").progress.actual == 1000);
    CHECK(line("临江区", "indicator").subject == "活动参与人次");
    CHECK(line("临江区", "indicator").progress.status == TargetStatus::Green);

    // title_count: 社区-level 平安家庭 awards of 2024 held: 9 + 4 = 13 (the
    // 街道-level one is another title; revoked and applied do not count).
    CHECK(line("临江区", "title_count").progress.actual == 13);

    // Another year has no targets; the same year at its end is measured in full.
    CHECK(agg.targets(2023, *parseDate("2024-07-01")).lines.empty());
    const TargetsReport yearEnd = agg.targets(2024, *parseDate("2024-12-31"));
    CHECK(yearEnd.lines[0].progress.expected == doctest::Approx(400));

    // Without childrenOf no line has children.
    for (const TargetLine& l : report.lines) CHECK(l.children.empty());
    // Per child of the district, for its count targets (rates and the manual
    // indicator have none): 江滨 = 望月 + 金沙, 文昌 = 书院.
    //   hours 3 + 126 | 1; activities A, B | 0; volunteers 2 | 1;
    //   post_count 1 (named in 江滨) | 0; title_count 9 + 4 | 0.
    const TargetsReport split = agg.targets(2024, *parseDate("2024-07-01"), w.district);
    auto children = [&](const TargetsReport& r, const std::string& unit, const std::string& metric) {
        for (const TargetLine& l : r.lines)
            if (l.unitName == unit && l.target.metric == metric) {
                std::vector<std::pair<std::string, double>> out;
                for (const ChildCount& c : l.children) out.emplace_back(c.unitName, c.actual);
                return out;
            }
        FAIL("no target " << unit << " " << metric);
        throw std::logic_error("unreachable");
    };
    using Split = std::vector<std::pair<std::string, double>>;
    CHECK(children(split, "临江区", "volunteer_hours") == Split{{"江滨街道", 129}, {"文昌街道", 1}});
    CHECK(children(split, "临江区", "activities") == Split{{"江滨街道", 2}, {"文昌街道", 0}});
    CHECK(children(split, "临江区", "volunteers") == Split{{"江滨街道", 2}, {"文昌街道", 1}});
    CHECK(children(split, "临江区", "post_count") == Split{{"江滨街道", 1}, {"文昌街道", 0}});
    CHECK(children(split, "临江区", "title_count") == Split{{"江滨街道", 13}, {"文昌街道", 0}});
    CHECK(children(split, "临江区", "indicator").empty());
    CHECK(children(split, "江滨街道", "title_rate").empty());
    // 文昌's own post target does not cover the district's children.
    CHECK(children(split, "文昌街道", "post_count").empty());
    // Children of 江滨: the district's targets cover them (an ancestor's), 文昌's does not.
    const TargetsReport street = agg.targets(2024, *parseDate("2024-07-01"), w.s1);
    CHECK(children(street, "临江区", "volunteer_hours") == Split{{"望月社区", 3}, {"金沙社区", 126}});
    CHECK(children(street, "文昌街道", "post_count").empty());
    // The figures are the same as without children.
    for (std::size_t i = 0; i < report.lines.size(); ++i)
        CHECK(split.lines[i].facts.numerator == report.lines[i].facts.numerator);
}

TEST_CASE("the new indexes exist and the board statements use them") {
    World w;
    auto plan = [&](const char* sql) {
        auto st = w.s.db().prepare(std::string("EXPLAIN QUERY PLAN ") + sql);
        std::string text;
        while (st.step()) text += st.columnText(3) + "\n";
        return text;
    };
    CHECK(plan("SELECT person_id, total(hours) FROM service_record WHERE verified = 1 GROUP BY person_id")
              .find("COVERING INDEX service_record_board") != std::string::npos);
    CHECK(plan("SELECT a.unit_id, count(DISTINCT a.family_id) FROM award a WHERE +a.title_id IN (1, 2) "
               "AND a.status IN ('命名', '复核') AND a.unit_id IS NOT NULL GROUP BY a.unit_id")
              .find("COVERING INDEX award_unit_title") != std::string::npos);
}

// ================================================================ the demo district

namespace {

// One demo database for the checks below (writing it takes about a second).
struct Demo {
    test::DemoDbPath path;
    std::unique_ptr<Storage> s;
    Demo() {
        s = std::make_unique<Storage>(path.str());
    }
    static Demo& get() {
        static Demo demo;
        return demo;
    }
    double scalar(const std::string& sql) {
        auto st = s->db().prepare(sql);
        REQUIRE(st.step());
        return st.columnDouble(0);
    }
};

} // namespace

TEST_CASE("demo: community and street 平安家庭 rates match the test's own SQL") {
    Demo& demo = Demo::get();
    Storage& s = *demo.s;
    // Holders per community through family.unit_id (households live there),
    // with a correlated count instead of a grouped one.
    auto st = s.db().prepare(R"(
        SELECT u.name, u.households,
               (SELECT count(*) FROM family f WHERE f.unit_id = u.id AND EXISTS (
                    SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = f.id AND t.name = '平安家庭' AND a.status IN ('命名', '复核') AND a.year <= ?)),
               p.name
        FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE u.kind IN ('社区', '村'))");
    for (int year : {2025, 2026}) {
        st.reset();
        st.bind(1, year);
        const BoardResult communities = board(s, Board::Communities, BoardMetric::Rate, std::to_string(year));
        const BoardResult streets = board(s, Board::Streets, BoardMetric::Rate, std::to_string(year));
        std::map<std::string, std::pair<double, double>> byStreet;   // holders, households
        int n = 0;
        while (st.step()) {
            ++n;
            const std::string name = st.columnText(0);
            const double households = st.columnDouble(1), holders = st.columnDouble(2);
            CAPTURE(name);
            CHECK(row(communities, name).value == doctest::Approx(std::round(holders / households * 10000) / 10000));
            CHECK(row(communities, name).numerator == holders);
            byStreet[st.columnText(3)].first += holders;
            byStreet[st.columnText(3)].second += households;
        }
        CHECK(n == 40);
        CHECK(communities.rows.size() == 40);
        REQUIRE(streets.rows.size() == 6);
        for (const auto& [street, sums] : byStreet) {
            CAPTURE(street);
            CHECK(row(streets, street).value == doctest::Approx(std::round(sums.first / sums.second * 10000) / 10000));
        }
        // Ranks are competition ranks over the shown values.
        for (std::size_t i = 1; i < communities.rows.size(); ++i) {
            const BoardRow& a = communities.rows[i - 1];
            const BoardRow& b = communities.rows[i];
            CHECK(a.value >= b.value);
            CHECK(b.rank == (a.value == b.value ? a.rank : static_cast<int>(i) + 1));
        }
    }
}

TEST_CASE("demo: the 2026 volunteer boards match the test's own SQL") {
    Demo& demo = Demo::get();
    Storage& s = *demo.s;
    // Hours and points per volunteer, each part a correlated subquery.
    auto st = s.db().prepare(R"(
        SELECT p.id, p.name,
               (SELECT ifnull(sum(hours), 0) FROM service_record r
                WHERE r.person_id = p.id AND r.verified = 1 AND substr(r.served_on, 1, 4) = '2026')
               + (SELECT ifnull(sum(hours), 0) FROM roster_credit c
                  WHERE c.person_id = p.id AND substr(c.credited_on, 1, 4) = '2026') AS hours,
               (SELECT count(DISTINCT activity_id) FROM service_record r
                WHERE r.person_id = p.id AND r.verified = 1 AND substr(r.served_on, 1, 4) = '2026') AS acts,
               (SELECT ifnull(sum(t.points), 0)
                FROM award a JOIN award_title t ON t.id = a.title_id
                WHERE a.person_id = p.id AND a.status IN ('命名', '复核')
                  AND substr(ifnull((SELECT max(happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = '命名'),
                                    a.year || '-12-31'), 1, 4) = '2026') AS title_points,
               (SELECT ifnull(sum(hours), 0) FROM service_record r WHERE r.person_id = p.id AND r.verified = 1)
               + (SELECT ifnull(sum(hours), 0) FROM roster_credit c WHERE c.person_id = p.id)
               + p.roster_hours AS cumulative
        FROM person p WHERE p.is_volunteer = 1)");
    struct Expected { std::string name; double hours, points, cumulative; };
    std::map<RowId, Expected> expected;
    while (st.step()) {
        const double hours = st.columnDouble(2);
        expected[st.columnInt(0)] = {st.columnText(1), hours, hours + 2 * st.columnDouble(3) + st.columnDouble(4),
                                     st.columnDouble(5)};
    }
    REQUIRE(expected.size() > 400);
    const std::vector<double> thresholds = parseStarThresholds(kDefaultStarThresholds);

    const BoardResult points = board(s, Board::Volunteers, BoardMetric::Points, "2026");
    const BoardResult hours = board(s, Board::Volunteers, BoardMetric::Hours, "2026");
    std::size_t withPoints = 0, withHours = 0;
    for (const auto& [id, e] : expected) {
        withPoints += std::round(e.points * 100) > 0;
        withHours += std::round(e.hours * 100) > 0;
    }
    CHECK(points.rows.size() == withPoints);
    CHECK(hours.rows.size() == withHours);
    for (const BoardRow& r : points.rows) {
        const Expected& e = expected.at(r.id);
        CAPTURE(e.name);
        CHECK(r.name == e.name);
        CHECK(r.value == doctest::Approx(e.points));
        CHECK(r.stars == starsForHours(e.cumulative, thresholds));
    }
    for (const BoardRow& r : hours.rows) CHECK(r.value == doctest::Approx(expected.at(r.id).hours));
    // The super volunteer of the demo leads the hours board.
    CHECK(hours.rows.at(0).name == "陈喆");
    CHECK(hours.rows.at(0).rank == 1);
}

TEST_CASE("demo: the 2026 targets match the test's own SQL") {
    Demo& demo = Demo::get();
    Storage& s = *demo.s;
    Aggregates agg(s);
    const TargetsReport report = agg.targets(2026, *parseDate("2026-11-29"));
    REQUIRE(report.lines.size() == 12);   // the demo writes 12 targets for 2026
    for (const TargetLine& line : report.lines) {
        CAPTURE(line.unitName);
        CAPTURE(line.target.metric);
        const std::string& m = line.target.metric;
        const std::string unit = std::to_string(line.target.unitId);
        // The subtree of the target's unit (the demo's tree is three levels deep).
        const std::string subtree = "(SELECT id FROM org_unit WHERE id = " + unit + " OR parent_id = " + unit +
                                    " OR parent_id IN (SELECT id FROM org_unit WHERE parent_id = " + unit + "))";
        double expected = 0;
        if (m == "title_rate") {
            const double holders = demo.scalar(
                "SELECT count(DISTINCT f.id) FROM family f JOIN award a ON a.family_id = f.id JOIN award_title t"
                " ON t.id = a.title_id WHERE t.name = '平安家庭' AND a.status IN ('命名', '复核') AND a.year <= 2026"
                " AND f.unit_id IN " + subtree);
            const double households = demo.scalar(
                "SELECT sum(households) FROM org_unit WHERE kind IN ('社区', '村') AND id IN " + subtree);
            expected = holders / households;
        } else if (m == "post_count") {
            expected = demo.scalar("SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id"
                                   " WHERE t.subject_kind = 'post' AND t.level = '区' AND a.year = 2026"
                                   " AND a.status IN ('命名', '复核')");
        } else if (m == "volunteer_hours") {
            expected = demo.scalar("SELECT sum(hours) FROM service_record WHERE verified = 1 AND served_on LIKE '2026-%'") +
                       demo.scalar("SELECT ifnull(sum(hours), 0) FROM roster_credit WHERE credited_on LIKE '2026-%'");
        } else if (m == "activities") {
            expected = demo.scalar("SELECT count(*) FROM activity WHERE held_on LIKE '2026-%'");
        } else if (m == "volunteers") {
            expected = demo.scalar("SELECT count(*) FROM person WHERE is_volunteer = 1 AND joined_on < '2027'");
        } else if (m == "indicator") {
            expected = demo.scalar("SELECT value FROM manual_indicator WHERE year = 2026 AND name = '活动参与人次'");
        } else {
            FAIL("unexpected metric " << m);
        }
        CHECK(line.progress.actual == doctest::Approx(expected));
        // Pace: 2026-11-29 is day 333 of 365.
        const double e = 333.0 / 365;
        if (m == "volunteers") {
            // A stock: paced from those on the roll on 1 January.
            const double base = demo.scalar(
                "SELECT count(*) FROM person WHERE is_volunteer = 1 AND (joined_on IS NULL OR joined_on < '2026')");
            CHECK(line.progress.base == doctest::Approx(base));
            CHECK(line.progress.expected == doctest::Approx(base + (line.target.goal - base) * e));
            CHECK(line.progress.forecast == doctest::Approx(base + (expected - base) / e));
        } else if (m != "title_rate") {
            CHECK(line.progress.expected == doctest::Approx(line.target.goal * e));
            CHECK(line.progress.forecast == doctest::Approx(expected / e));
        }
    }
}
