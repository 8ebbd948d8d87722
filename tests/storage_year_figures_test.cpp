// storage_year_figures_test.cpp — the year in figures on real SQLite files.
//
// A small hand-made district whose figures are worked out in the comments,
// then the demo district checked against the test's own SQL (substr() on the
// dates instead of ranges, correlated subqueries instead of GROUP BY, holders
// found through family.unit_id and the communities' households).
#include <doctest/doctest.h>

#include "demo/demo.hpp"
#include "core/points.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"
#include "support/demo_copy.hpp"

#include <map>
#include <memory>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

const YearFigures::LevelCount* levelCount(const std::vector<YearFigures::LevelCount>& v, const std::string& level) {
    for (const auto& c : v)
        if (c.level == level) return &c;
    return nullptr;
}

std::int64_t postCount(const YearFigures& f, const std::string& level, const std::string& state) {
    for (const auto& c : f.postsByLevelAndState)
        if (c.level == level && c.state == state) return c.count;
    return 0;
}

const YearFigures::FamilyRate& familyRate(const YearFigures& f, const std::string& title) {
    for (const auto& r : f.familyRates)
        if (r.title == title) return r;
    FAIL("no rate for " << title);
    static YearFigures::FamilyRate none;
    return none;
}

} // namespace

// 临江区 ── 江滨街道 ── 望月社区 (10 households), 金沙社区 (30)
TEST_CASE("year figures: a small district, every figure worked out by hand") {
    test::TempDbPath path;
    Storage s(path.str());
    // The street's own 999 households are ignored: 40 roll up.
    const test::District built = test::buildDistrict(s, {0, {{"江滨街道", 999, 1, {{"望月社区", 10, 1}, {"金沙社区", 30, 2}}}}});
    const RowId district = built.district;
    const RowId c1 = built.community(0);
    const RowId c2 = built.community(1);

    auto volunteer = [&](const char* name, RowId unit, const char* joined, double rosterHours = 0,
                         const char* asOf = "") {
        Person p;
        p.name = name;
        p.unitId = unit;
        p.isVolunteer = true;
        p.joinedOn = joined;
        p.rosterHours = rosterHours;
        p.rosterHoursAsOf = asOf;
        return s.insertPerson(p);
    };
    const RowId a = volunteer("王芳", c1, "2023-05-01");
    const RowId b = volunteer("李娜", c2, "2024-03-15");
    volunteer("赵敏", c2, "2024-12-31");                          // registered, never served
    const RowId q = volunteer("钱红", c1, "");                    // no join date: registered
    s.insertRosterCredit(q, "2024-06-30", 40);                     // a later roster added 40 h in 2024
    volunteer("吴芳", c1, "2020-01-01", 300, "2024-06-30");       // a first roster's total: history, no year's
    volunteer("孙丽", c1, "2025-01-01");                          // joins the next year: not on the 2024 roll
    Person notVolunteer;
    notVolunteer.name = "周强";
    notVolunteer.unitId = c1;
    notVolunteer.isVolunteer = false;
    const RowId n = s.insertPerson(notVolunteer);

    auto serve = [&](RowId person, const char* date, double hours, bool verified) {
        ServiceRecord r;
        r.personId = person;
        r.servedOn = date;
        r.hours = hours;
        r.verified = verified;
        s.insertServiceRecord(r);
    };
    serve(a, "2024-01-05", 3, true);
    serve(a, "2024-03-10", 2.5, true);
    serve(b, "2024-03-31", 4, true);
    serve(b, "2024-04-01", 8, false);     // unverified: not counted
    serve(a, "2023-12-31", 6, true);      // the year before
    serve(a, "2025-01-01", 6, true);      // the year after
    serve(n, "2024-12-31", 1, true);      // not a volunteer: hours count, the person is not an active volunteer

    auto activity = [&](const char* date, RowId unit, int participants) {
        Activity act;
        act.name = "巾帼志愿服务";
        act.heldOn = date;
        act.unitId = unit;
        act.participants = participants;
        s.insertActivity(act);
    };
    activity("2024-03-08", c1, 30);
    activity("2024-03-20", c2, 12);
    activity("2024-12-31", 0, 100);
    activity("2025-01-01", c1, 7);

    // Families and titles: 平安家庭 for 3 households of 望月 and 1 of 金沙 (one
    // of them named twice, at two levels), one revoked, one of the next year.
    auto family = [&](const char* head, RowId unit) {
        Family fam;
        fam.headName = head;
        fam.address = std::string(head) + "家";
        fam.unitId = unit;
        return s.insertFamily(fam);
    };
    auto award = [&](RowId title, int year, RowId fam, RowId person, RowId post, RowId unit, const char* status) {
        Award aw;
        aw.titleId = title;
        aw.year = year;
        aw.familyId = fam;
        aw.personId = person;
        aw.postId = post;
        aw.unitId = unit;
        aw.status = status;
        return s.insertAward(aw);
    };
    const RowId safeCommunity = s.awardTitleId("平安家庭", "family", "社区");
    const RowId safeDistrict = s.awardTitleId("平安家庭", "family", "区");
    const RowId fiveGood = s.awardTitleId("五好文明家庭", "family", "市");
    const RowId f1 = family("甲", c1), f2 = family("乙", c1), f3 = family("丙", c1), f4 = family("丁", c2),
                f5 = family("戊", c2), f6 = family("己", c2);
    award(safeCommunity, 2023, f1, 0, 0, c1, "命名");
    award(safeDistrict, 2024, f1, 0, 0, c1, "命名");   // the same household again: counts once
    award(safeCommunity, 2024, f2, 0, 0, c1, "复核");
    award(safeCommunity, 2024, f3, 0, 0, c1, "命名");
    award(safeCommunity, 2024, f4, 0, 0, c2, "命名");
    award(safeCommunity, 2024, f5, 0, 0, c2, "撤销");
    award(safeCommunity, 2025, f6, 0, 0, c2, "命名");
    award(fiveGood, 2024, f4, 0, 0, c2, "命名");
    award(s.awardTitleId("三八红旗手", "person", "区"), 2024, 0, a, 0, c1, "命名");

    // Posts: P1 区 2022 and 市 2024; P2 区 2024 命名; P3 区 2024 考核验收; P4 区 2024 撤销.
    auto post = [&](const char* name) {
        Post p;
        p.workUnit = "临江区人民医院";
        p.name = name;
        p.unitId = c1;
        p.members = 5;
        p.womenMembers = 4;
        p.womenLeaders = 1;
        return s.insertPost(p);
    };
    const RowId postDistrict = s.awardTitleId("巾帼文明岗", "post", "区");
    const RowId postCity = s.awardTitleId("巾帼文明标兵岗", "post", "市");
    const RowId p1 = post("护理部"), p2 = post("急诊科"), p3 = post("药剂科"), p4 = post("收费处");
    award(postDistrict, 2022, 0, 0, p1, c1, "命名");
    award(postCity, 2024, 0, 0, p1, c1, "命名");
    award(postDistrict, 2024, 0, 0, p2, c1, "命名");
    award(postDistrict, 2024, 0, 0, p3, c1, "考核验收");
    award(postDistrict, 2024, 0, 0, p4, c1, "撤销");

    auto indicator = [&](RowId unit, int year, const char* name, double value, const char* unitWord) {
        ManualIndicator m;
        m.unitId = unit;
        m.year = year;
        m.name = name;
        m.value = value;
        m.unit = unitWord;
        s.insertIndicator(m);
    };
    indicator(c1, 2024, "投入经费", 2.5, "万元");
    indicator(c2, 2024, "投入经费", 1.5, "万元");      // no district figure: the sum, 4
    indicator(c1, 2024, "活动参与人次", 100, "人次");
    indicator(district, 2024, "活动参与人次", 500, "人次");   // the district's own figure wins

    YearFiguresReader reader(s);
    const YearFigures f = reader.figures(2024);
    CHECK(f.year == 2024);
    CHECK(f.districtName == "临江区");
    CHECK(f.volunteersRegistered == 5);    // 王芳, 李娜, 赵敏, 钱红, 吴芳 (孙丽 joins in 2025)
    CHECK(f.volunteersNew == 2);           // 李娜, 赵敏
    CHECK(f.volunteersActive == 3);        // 王芳, 李娜 by records; 钱红 by a roster credit (吴芳's history: not)
    CHECK(f.rosterHours == 40);
    CHECK(f.serviceHours == doctest::Approx(3 + 2.5 + 4 + 1 + 40));
    CHECK(f.monthlyHours[0] == 3);
    CHECK(f.monthlyHours[2] == 6.5);
    CHECK(f.monthlyHours[3] == 0);         // unverified
    CHECK(f.monthlyHours[5] == 40);        // 钱红's roster credit, in its month
    CHECK(f.monthlyHours[11] == 1);
    CHECK(f.activities == 3);
    CHECK(f.participantsRecorded == 142);
    REQUIRE(f.participantsReported);
    CHECK(*f.participantsReported == 500);
    CHECK(f.participants() == 500);
    CHECK(f.monthlyActivities[2] == 2);
    CHECK(f.monthlyActivities[11] == 1);
    REQUIRE(f.indicators.size() == 1);
    CHECK(f.indicators[0].name == "投入经费");
    CHECK(f.indicators[0].value == 4);
    CHECK(f.indicators[0].unit == "万元");

    // Titles of 2024 named: 平安家庭 区 1, 社区 3 (f2 复核, f3, f4); 五好 市 1; 红旗手 区 1; posts 市 1, 区 1.
    REQUIRE(f.titlesByLevel.size() == 3);
    CHECK(f.titlesByLevel[0].level == "社区");
    CHECK(f.titlesByLevel[0].count == 3);
    CHECK(f.titlesByLevel[1].level == "区");
    CHECK(f.titlesByLevel[1].count == 3);
    CHECK(f.titlesByLevel[2].level == "市");
    CHECK(f.titlesByLevel[2].count == 2);

    CHECK(postCount(f, "区", "命名") == 1);
    CHECK(postCount(f, "区", "考核验收") == 1);
    CHECK(postCount(f, "区", "撤销") == 1);
    CHECK(postCount(f, "市", "命名") == 1);
    CHECK(f.postsByLevelAndState.size() == 4);
    CHECK(f.postsByLevelAndState.front().state == "考核验收");   // 区 first, in lifecycle order
    REQUIRE(levelCount(f.postsHeldByLevel, "区"));
    CHECK(levelCount(f.postsHeldByLevel, "区")->count == 1);   // P2 (P1 counts at its highest, 市)
    REQUIRE(levelCount(f.postsHeldByLevel, "市"));
    CHECK(levelCount(f.postsHeldByLevel, "市")->count == 1);
    CHECK(f.postsHeld() == 2);

    // Households roll up from the communities: 40, not the street's 999.
    CHECK(f.households == 40);
    CHECK(familyRate(f, "平安家庭").households == 4);     // f1, f2, f3, f4
    CHECK(familyRate(f, "平安家庭").rate == doctest::Approx(0.1));
    CHECK(familyRate(f, "五好文明家庭").households == 1);
    CHECK(familyRate(f, "和谐家庭").households == 0);
    CHECK(f.familyRates.size() == 6);                    // every family title of the catalogue
    CHECK(f.familyRates.front().title == "五好文明家庭");

    // The year before: f1 alone, one post held at 区.
    const YearFigures before = reader.figures(2023);
    CHECK(familyRate(before, "平安家庭").households == 1);
    CHECK(before.volunteersRegistered == 3);   // 王芳, 钱红 (no date), 吴芳
    CHECK(before.volunteersActive == 1);
    CHECK(before.serviceHours == 6);
    CHECK(before.postsHeld() == 1);
    CHECK(before.indicators.empty());
    CHECK_FALSE(before.participantsReported);

    CHECK(reader.years() == std::vector<int>{2025, 2024, 2023, 2022});
}

// ================================================================ the demo district

namespace {

struct Demo {
    test::DemoDbPath path;
    std::unique_ptr<Storage> s;
    Demo() {
        s = std::make_unique<Storage>(path.str());
    }
    double scalar(const std::string& sql, const std::string& a = "", const std::string& b = "") {
        auto st = s->db().prepare(sql);
        if (!a.empty()) st.bind(1, a);
        if (!b.empty()) st.bind(2, b);
        REQUIRE(st.step());
        return st.columnDouble(0);
    }
};

} // namespace

TEST_CASE("year figures: the demo district's 2025 and 2026 match the test's own SQL") {
    Demo demo;
    YearFiguresReader reader(*demo.s);
    for (const std::string year : {"2025", "2026"}) {
        CAPTURE(year);
        const YearFigures f = reader.figures(std::stoi(year));
        CHECK(f.districtName == "临江区");
        CHECK(f.volunteersRegistered ==
              demo.scalar("SELECT count(*) FROM person WHERE is_volunteer = 1 AND coalesce(substr(joined_on, 1, 4), '0') <= ?",
                          year));
        CHECK(f.volunteersNew ==
              demo.scalar("SELECT count(*) FROM person WHERE is_volunteer = 1 AND substr(joined_on, 1, 4) = ?", year));
        CHECK(f.volunteersActive == demo.scalar(R"(
            SELECT count(*) FROM (
                SELECT DISTINCT r.person_id FROM service_record r JOIN person p ON p.id = r.person_id
                WHERE p.is_volunteer = 1 AND r.verified = 1 AND substr(r.served_on, 1, 4) = ?1
                UNION
                SELECT id FROM person WHERE is_volunteer = 1 AND roster_hours > 0 AND substr(roster_hours_as_of, 1, 4) = ?1) x)",
                                           year));
        CHECK(f.volunteersActive > 300);   // the demo has 412 volunteers, most of them serving
        CHECK(f.serviceHours == doctest::Approx(demo.scalar(R"(
            SELECT (SELECT coalesce(sum(hours), 0.0) FROM service_record WHERE verified = 1 AND substr(served_on, 1, 4) = ?1)
                 + (SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE substr(credited_on, 1, 4) = ?1))",
                                                            year)));
        double monthly = 0;
        for (int m = 1; m <= 12; ++m) {
            const std::string month = year + (m < 10 ? "-0" : "-") + std::to_string(m);
            CAPTURE(month);
            CHECK(f.monthlyHours[static_cast<std::size_t>(m - 1)] ==
                  doctest::Approx(demo.scalar(
                      "SELECT (SELECT coalesce(sum(hours), 0.0) FROM service_record WHERE verified = 1 AND substr(served_on, 1, 7) = ?1)"
                      " + (SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE substr(credited_on, 1, 7) = ?1)", month)));
            CHECK(f.monthlyActivities[static_cast<std::size_t>(m - 1)] ==
                  demo.scalar("SELECT count(*) FROM activity WHERE substr(held_on, 1, 7) = ?", month));
            monthly += f.monthlyHours[static_cast<std::size_t>(m - 1)];
        }
        CHECK(monthly == doctest::Approx(f.serviceHours));   // roster credits are in their months
        if (year == "2026") CHECK(f.monthlyHours[11] == 0);   // the demo ends on 28 November
        CHECK(f.activities == demo.scalar("SELECT count(*) FROM activity WHERE substr(held_on, 1, 4) = ?", year));
        CHECK(f.participantsRecorded ==
              demo.scalar("SELECT coalesce(sum(participants), 0.0) FROM activity WHERE substr(held_on, 1, 4) = ?", year));
        REQUIRE(f.participantsReported);
        CHECK(*f.participantsReported ==
              demo.scalar("SELECT value FROM manual_indicator WHERE name = '活动参与人次' AND year = ?", year));
        CHECK(*f.participantsReported > static_cast<double>(f.participantsRecorded));
        CHECK(f.indicators.size() == 2);   // 投入经费, 培训场次

        for (const char* level : kTitleLevels) {
            CAPTURE(level);
            const double expected = demo.scalar(R"(
                SELECT count(*) FROM award a WHERE a.year = ?1 AND a.status IN ('命名', '复核')
                  AND (SELECT level FROM award_title t WHERE t.id = a.title_id) = ?2)",
                                                year, level);
            const auto* c = levelCount(f.titlesByLevel, level);
            CHECK((c ? c->count : 0) == expected);
            for (const char* state : {"申报", "创建", "考核验收", "命名", "复核", "撤销"}) {
                CAPTURE(state);
                auto st = demo.s->db().prepare(R"(
                    SELECT count(*) FROM award a WHERE a.year = ?1 AND a.post_id IS NOT NULL AND a.status = ?3
                      AND (SELECT level FROM award_title t WHERE t.id = a.title_id) = ?2)");
                st.bind(1, std::stoi(year)).bind(2, level).bind(3, state);
                REQUIRE(st.step());
                CHECK(postCount(f, level, state) == st.columnInt(0));
            }
        }
        // Posts held at the year's end by the highest level: a post counts at a
        // level when it holds that level and nothing higher.
        for (const char* level : kTitleLevels) {
            CAPTURE(level);
            auto st = demo.s->db().prepare(R"(
                SELECT count(*) FROM post p WHERE
                  EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id
                          WHERE a.post_id = p.id AND a.status IN ('命名', '复核') AND a.year <= ?1 AND t.level = ?2)
                  AND NOT EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id
                          WHERE a.post_id = p.id AND a.status IN ('命名', '复核') AND a.year <= ?1
                            AND (CASE t.level WHEN '社区' THEN 0 WHEN '街道' THEN 1 WHEN '区' THEN 2 WHEN '县(市)' THEN 3
                                              WHEN '行业/系统' THEN 4 WHEN '市' THEN 5 WHEN '省' THEN 6 ELSE 7 END) > ?3))");
            st.bind(1, std::stoi(year)).bind(2, level).bind(3, titleLevelRank(level));
            REQUIRE(st.step());
            const auto* c = levelCount(f.postsHeldByLevel, level);
            CHECK((c ? c->count : 0) == st.columnInt(0));
        }
        CHECK(f.postsHeld() > 10);

        const double households = demo.scalar("SELECT coalesce(sum(households), 0.0) FROM org_unit WHERE kind IN ('社区', '村')");
        CHECK(f.households == households);
        for (const auto& r : f.familyRates) {
            CAPTURE(r.title);
            auto st = demo.s->db().prepare(R"(
                SELECT count(*) FROM family f WHERE EXISTS (
                    SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id
                    WHERE a.family_id = f.id AND t.name = ?1 AND a.status IN ('命名', '复核') AND a.year <= ?2))");
            st.bind(1, r.title).bind(2, std::stoi(year));
            REQUIRE(st.step());
            CHECK(r.households == st.columnInt(0));
            CHECK(r.rate == doctest::Approx(st.columnDouble(0) / households));
        }
        CHECK(familyRate(f, "平安家庭").rate > 0.1);

        // The paragraph quotes the same figures.
        const std::string text = yearSummaryText(f, Date{2026, 11, 29});
        CHECK(text.find("开展活动" + std::to_string(f.activities) + "场") != std::string::npos);
        CHECK(text.find("参与" + chineseQuantity(f.participants()) + "人次") != std::string::npos);
        CHECK(text.find("平安家庭创建率达到" + chinesePercent(familyRate(f, "平安家庭").rate)) != std::string::npos);
    }
}
