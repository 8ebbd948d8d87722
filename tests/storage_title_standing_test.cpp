// storage_title_standing_test.cpp — titles that live and expire (动态管理):
// the core rule (core/title_standing.hpp) and its one SQL twin
// (storage/title_standing_sql.hpp) agree on boundary days; validity and the
// region's grace move rates, boards and targets on the right day; no
// validity (the default) moves nothing; quarter and month rate boards count
// by the named date. Real SQLite files.
#include <doctest/doctest.h>

#include "core/title_standing.hpp"
#include "storage/aggregates.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/year_figures.hpp"
#include "temp_db.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// 临江区 ── 江滨街道 ── 望月社区 (10 households)
struct World {
    test::TempDbPath path;
    Storage s{path.str()};
    SettingsStore settings{s};
    RowId district = 0, street = 0, community = 0;
    int families = 0;

    World() {
        district = s.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        street = s.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 1});
        community = s.insertUnit({0, street, "望月社区", UnitKind::Community, 10, 1});
    }
    RowId title(const std::string& name = "平安家庭", const std::string& level = "社区") {
        const RowId id = s.awardTitleId(name, "family", level);
        REQUIRE(id != 0);
        return id;
    }
    // A family title of `year` with its history: (status, date) pairs in
    // order; the last leaves the award in its status.
    RowId award(int year, const std::vector<std::pair<AwardStatus, std::string>>& events,
                const std::string& titleName = "平安家庭", AwardStatus statusWithoutEvents = AwardStatus::Name) {
        Family f;
        f.headName = "户主";
        f.address = "地址" + std::to_string(++families);
        f.unitId = community;
        const RowId family = s.insertFamily(f);
        Award a;
        a.titleId = title(titleName);
        a.year = year;
        a.familyId = family;
        a.unitId = community;
        a.status = toWord(events.empty() ? statusWithoutEvents : events.front().first);
        const RowId id = s.insertAward(a);
        for (const auto& [status, date] : events) {
            AwardEvent e;
            e.awardId = id;
            e.status = toWord(status);
            e.happenedOn = date;
            s.insertAwardEvent(e);
        }
        return id;
    }
    void validity(std::optional<int> years, const std::string& titleName = "平安家庭") {
        settings.setTitleValidity(title(titleName), years);
    }
    void grace(int months) {
        const std::vector<std::string> problems = settings.saveRules({{kGraceMonthsKey, std::to_string(months)}});
        REQUIRE(problems.empty());
    }
    // What the SQL twin says of award `id` on `day`.
    bool sqlCounts(RowId id, const std::string& day) {
        Statement st = s.db().prepare("SELECT ?2 IN " + sqlTitlesHeldOn(s.db().dialect(), "?1"));
        st.bind(1, day).bind(2, id);
        REQUIRE(st.step());
        return st.columnInt(0) != 0;
    }
    // Whether the list filter's SQL (sqlTitlesInStandingOn) puts award `id` in `standing` on `day`.
    bool sqlInStanding(RowId id, const std::string& day, TitleStanding standing) {
        Statement st = s.db().prepare("SELECT ?2 IN " + sqlTitlesInStandingOn(s.db().dialect(), "?1", standing));
        st.bind(1, day).bind(2, id);
        REQUIRE(st.step());
        return st.columnInt(0) != 0;
    }
    // The same asked award by award (sqlAwardInStandingOn, correlated).
    bool sqlAwardInStanding(RowId id, const std::string& day, TitleStanding standing) {
        Statement st = s.db().prepare("SELECT " + sqlAwardInStandingOn(s.db().dialect(), "a.id", "?1", standing) + " FROM award a WHERE a.id = ?2");
        st.bind(1, day).bind(2, id);
        REQUIRE(st.step());
        return st.columnInt(0) != 0;
    }
    // What the core rule says, fed from the stored rows.
    TitleStanding coreStanding(RowId id, const std::string& day) {
        TitleLife life;
        Statement a = s.db().prepare(
            "SELECT a.status, a.year, t.valid_years FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.id = ?");
        a.bind(1, id);
        REQUIRE(a.step());
        life.status = *parseAwardStatus(a.columnText(0));
        life.year = static_cast<int>(a.columnInt(1));
        if (!a.columnIsNull(2)) life.validYears = static_cast<int>(a.columnInt(2));
        life.graceMonths = std::stoi(settings.rules().at(kGraceMonthsKey));
        Statement e = s.db().prepare("SELECT status, happened_on FROM award_event WHERE award_id = ?");
        e.bind(1, id);
        while (e.step()) life.events.push_back({*parseAwardStatus(e.columnText(0)), e.columnText(1)});
        return titleStandingOn(life, day);
    }
    double rate(const Period& period) {
        BoardQuery q;
        q.board = Board::Communities;
        q.metric = BoardMetric::Rate;
        q.period = period;
        q.today = {2026, 12, 5};
        const BoardResult r = aggregates().board(q);
        REQUIRE(r.rows.size() == 1);
        return r.rows.front().numerator;
    }
    TargetLine rateTarget(int year) {
        Target t;
        t.unitId = community;
        t.year = year;
        t.metric = "title_rate";
        t.titleId = title();
        t.goal = 0.5;
        if (!targetAdded.count(year)) {
            s.insertTarget(t);
            targetAdded.insert(year);
        }
        const TargetsReport report = aggregates().targets(year, Date{year, 6, 1});
        REQUIRE(report.lines.size() == 1);
        return report.lines.front();
    }
    Aggregates aggregates() { return Aggregates(s); }
    std::set<int> targetAdded;
};

} // namespace

TEST_CASE("months are added as a calendar does: the day is cut to the month's last day") {
    CHECK(addMonthsClamped("2024-08-31", 6) == "2025-02-28");
    CHECK(addMonthsClamped("2023-08-31", 6) == "2024-02-29");
    CHECK(addMonthsClamped("2024-02-29", 12) == "2025-02-28");
    CHECK(addMonthsClamped("2020-01-31", 1) == "2020-02-29");
    CHECK(addMonthsClamped("2020-12-15", 1) == "2021-01-15");
    CHECK(addMonthsClamped("2020-05-10", 0) == "2020-05-10");
    CHECK(addMonthsClamped("2020-13-10", 1).empty());
}

TEST_CASE("the day a board or a target counts titles on: the period's last day; all time: this year's end") {
    const Date today{2026, 12, 5};
    CHECK(titlesCountedOn(Period::ofYear(2025), today) == "2025-12-31");
    CHECK(titlesCountedOn(Period::ofQuarter(2026, 1), today) == "2026-03-31");
    CHECK(titlesCountedOn(Period::ofMonth(2024, 2), today) == "2024-02-29");
    CHECK(titlesCountedOn(Period::allTime(), today) == "2026-12-31");
}

TEST_CASE("the core rule's standings on the boundary days") {
    TitleLife life;
    life.status = AwardStatus::Name;
    life.year = 2020;
    life.events = {{AwardStatus::Name, "2020-08-31"}};
    CHECK(titleStandingOn(life, "2099-01-01") == TitleStanding::Valid);   // no validity: never expires
    life.validYears = 3;
    life.graceMonths = 6;
    CHECK(titleStandingOn(life, "2020-08-30") == TitleStanding::NotNamed);
    CHECK(titleStandingOn(life, "2020-08-31") == TitleStanding::Valid);
    CHECK(titleStandingOn(life, "2023-08-30") == TitleStanding::Valid);
    CHECK(titleStandingOn(life, "2023-08-31") == TitleStanding::DueForReview);   // validity ends
    CHECK(titleStandingOn(life, "2024-02-28") == TitleStanding::DueForReview);   // the last grace day
    CHECK(titleStandingOn(life, "2024-02-29") == TitleStanding::Expired);        // the day after
    const TitleStandingDetail d = titleStandingDetailOn(life, "2023-09-01");
    CHECK(d.namedOn == "2020-08-31");
    CHECK(d.dueOn == "2023-08-31");
    CHECK(d.expiresOn == "2024-02-29");
    // A 复核 confirms it again from its date; a 复核 after the day does not count yet.
    life.status = AwardStatus::Review;
    life.events.push_back({AwardStatus::Review, "2024-03-10"});
    CHECK(titleStandingOn(life, "2024-03-09") == TitleStanding::Expired);
    CHECK(titleStandingOn(life, "2024-03-10") == TitleStanding::Valid);
    CHECK(titleStandingOn(life, "2027-03-10") == TitleStanding::DueForReview);
    CHECK(titleStandingOn(life, "2027-09-10") == TitleStanding::Expired);
    // Grace 0: the day validity ends it stops counting.
    life.graceMonths = 0;
    CHECK(titleStandingOn(life, "2027-03-09") == TitleStanding::Valid);
    CHECK(titleStandingOn(life, "2027-03-10") == TitleStanding::Expired);
    // Not held: 撤销, or not named yet.
    life.status = AwardStatus::Revoke;
    CHECK(titleStandingOn(life, "2021-01-01") == TitleStanding::Revoked);
    life.status = AwardStatus::Assess;
    CHECK(titleStandingOn(life, "2021-01-01") == TitleStanding::NotNamed);
    // Without events: named on YYYY-12-31 of its year.
    TitleLife old;
    old.year = 2019;
    old.validYears = 1;
    old.graceMonths = 2;
    CHECK(titleStandingOn(old, "2019-12-30") == TitleStanding::NotNamed);
    CHECK(titleStandingOn(old, "2019-12-31") == TitleStanding::Valid);
    CHECK(titleStandingOn(old, "2020-12-31") == TitleStanding::DueForReview);
    CHECK(titleStandingOn(old, "2021-02-27") == TitleStanding::DueForReview);   // 12-31 + 2 months = 02-28
    CHECK(titleStandingOn(old, "2021-02-28") == TitleStanding::Expired);
    CHECK(standingWord(TitleStanding::DueForReview) == std::string("待复核"));
    CHECK(standingWord(TitleStanding::Expired) == std::string("已过期"));
}

TEST_CASE("the SQL twin agrees with the core rule on a table of titles, settings and boundary days") {
    World w;
    std::vector<RowId> awards = {
        w.award(2020, {{AwardStatus::Name, "2020-08-31"}}),
        w.award(2020, {{AwardStatus::Name, "2020-08-31"}, {AwardStatus::Review, "2023-10-15"}}),
        w.award(2020, {{AwardStatus::Name, "2020-01-31"}, {AwardStatus::Review, "2025-02-28"}}),
        w.award(2019, {}),                                                 // no history: 2019-12-31
        w.award(2021, {{AwardStatus::Apply, "2021-03-01"}, {AwardStatus::Assess, "2021-05-01"}}),
        w.award(2021, {{AwardStatus::Name, "2021-02-28"}, {AwardStatus::Revoke, "2022-01-01"}}),
        w.award(2022, {{AwardStatus::Name, "2022-06-01"}, {AwardStatus::Review, "2022-06-01"},
                       {AwardStatus::Review, "2024-06-30"}}),
        w.award(2024, {{AwardStatus::Name, "2024-02-29"}}),
        w.award(2022, {{AwardStatus::Name, "2022-12-31"}, {AwardStatus::Name, "2023-03-31"}}),   // named again
    };
    // Every day at, just before and just after each boundary any setting below can make.
    std::vector<std::string> days;
    for (const char* base : {"2019-12-31", "2020-01-31", "2020-08-31", "2021-02-28", "2022-06-01", "2022-12-31",
                             "2023-03-31", "2023-10-15", "2024-02-29", "2024-06-30", "2025-02-28"})
        for (int months : {0, 12, 18, 24, 30, 36, 42, 48, 60, 66, 72})
            for (int shift : {-1, 0, 1}) {
                const std::optional<Date> d = parseDate(addMonthsClamped(base, months));
                REQUIRE(d);
                days.push_back(formatDate(addDays(*d, shift)));
            }
    int checked = 0, counted = 0, due = 0, expired = 0;
    for (std::optional<int> validity : {std::optional<int>(), std::optional<int>(1), std::optional<int>(3),
                                        std::optional<int>(5)}) {
        w.validity(validity);
        for (int grace : {0, 6, 12}) {
            w.grace(grace);
            for (RowId id : awards)
                for (const std::string& day : days) {
                    const TitleStanding standing = w.coreStanding(id, day);
                    CAPTURE(id);
                    CAPTURE(day);
                    CAPTURE(grace);
                    CAPTURE(validity.value_or(0));
                    CHECK(w.sqlCounts(id, day) == countsAsHeld(standing));
                    // The 家庭 list's 待复核 / 已过期 filter: the same rule.
                    CHECK(w.sqlInStanding(id, day, TitleStanding::DueForReview)
                          == (standing == TitleStanding::DueForReview));
                    CHECK(w.sqlInStanding(id, day, TitleStanding::Expired) == (standing == TitleStanding::Expired));
                    CHECK(w.sqlAwardInStanding(id, day, TitleStanding::Expired) == (standing == TitleStanding::Expired));
                    ++checked;
                    counted += countsAsHeld(standing);
                    due += standing == TitleStanding::DueForReview;
                    expired += standing == TitleStanding::Expired;
                }
        }
    }
    // The table reaches every standing, so the agreement means something.
    CHECK(checked > 10000);
    CHECK(counted > 0);
    CHECK(due > 0);
    CHECK(expired > 0);
}

TEST_CASE("without a validity (the default) a title named long ago still counts; grace alone moves nothing") {
    World w;
    w.award(2015, {{AwardStatus::Name, "2015-06-01"}});
    CHECK(w.rate(Period::ofYear(2026)) == 1);
    w.grace(0);
    CHECK(w.rate(Period::ofYear(2026)) == 1);
    CHECK(w.rate(Period::allTime()) == 1);
    CHECK(w.rateTarget(2026).facts.numerator == 1);
}

TEST_CASE("expiry and grace change the rate boards and the targets on the right day") {
    World w;
    // Named 2023-03-31; validity 3 years → 待复核 from 2026-03-31, grace 6 months → stops counting on 2026-09-30.
    w.award(2023, {{AwardStatus::Name, "2023-03-31"}});
    w.validity(3);
    w.grace(6);
    CHECK(w.rate(Period::ofMonth(2026, 3)) == 1);   // 03-31: 待复核, still counts
    CHECK(w.rate(Period::ofMonth(2026, 8)) == 1);   // 08-31: the grace runs
    CHECK(w.rate(Period::ofMonth(2026, 9)) == 0);   // 09-30: the grace has passed
    CHECK(w.rate(Period::ofQuarter(2026, 3)) == 0);
    CHECK(w.rate(Period::ofYear(2025)) == 1);
    CHECK(w.rate(Period::ofYear(2026)) == 0);
    CHECK(w.rate(Period::allTime()) == 0);
    // The target of 2026 counts on 2026-12-31: lost; its base (2025-12-31) still held it.
    TargetLine line = w.rateTarget(2026);
    CHECK(line.facts.numerator == 0);
    CHECK(line.facts.baseNumerator == 1);
    // A longer grace keeps it to 2027-03-31.
    w.grace(12);
    CHECK(w.rate(Period::ofYear(2026)) == 1);
    CHECK(w.rateTarget(2026).facts.numerator == 1);
    CHECK(w.rate(Period::ofMonth(2027, 2)) == 1);     // 02-28: the last grace month
    CHECK(w.rate(Period::ofQuarter(2027, 1)) == 0);   // 03-31: expired that very day
    // The year's figures (年度总结, the slides) count the same way.
    {
        YearFiguresReader reader(w.s);
        const YearFigures f2027 = reader.figures(2027);
        bool found = false;
        for (const auto& r : f2027.familyRates)
            if (r.title == "平安家庭") {
                found = true;
                CHECK(r.households == 0);
            }
        CHECK(found);
    }
    // A 复核 on 2027-05-10 confirms it again: counted from that day for 3 more years.
    Statement find = w.s.db().prepare("SELECT id FROM award LIMIT 1");
    REQUIRE(find.step());
    AwardEvent review;
    review.awardId = find.columnInt(0);
    review.status = toWord(AwardStatus::Review);
    review.happenedOn = "2027-05-10";
    find.reset();
    w.s.insertAwardEvent(review);
    CHECK(w.rate(Period::ofMonth(2027, 4)) == 0);
    CHECK(w.rate(Period::ofMonth(2027, 5)) == 1);
    CHECK(w.rate(Period::ofYear(2029)) == 1);
    CHECK(w.rate(Period::ofYear(2030)) == 1);     // 2030-05-10 + 12 months grace
    CHECK(w.rate(Period::ofYear(2031)) == 0);
    // Validity back to none: nothing expires.
    w.validity(std::nullopt);
    CHECK(w.rate(Period::ofYear(2040)) == 1);
}

TEST_CASE("quarter and month rate boards count by the named date: 2026Q1 is not 2026") {
    World w;
    w.award(2026, {{AwardStatus::Name, "2026-02-10"}});
    w.award(2026, {{AwardStatus::Name, "2026-05-20"}});
    w.award(2026, {{AwardStatus::Name, "2026-11-30"}});
    w.award(2025, {{AwardStatus::Name, "2025-12-31"}});
    CHECK(w.rate(Period::ofYear(2026)) == 4);
    CHECK(w.rate(Period::ofQuarter(2026, 1)) == 2);
    CHECK(w.rate(Period::ofMonth(2026, 1)) == 1);
    CHECK(w.rate(Period::ofMonth(2026, 5)) == 3);
    CHECK(w.rate(Period::ofQuarter(2026, 4)) == 4);
    // Movement compares with the period before, counted on its own last day.
    BoardQuery q;
    q.board = Board::Communities;
    q.metric = BoardMetric::Rate;
    q.period = Period::ofQuarter(2026, 2);
    const BoardResult r = w.aggregates().board(q);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows.front().numerator == 3);
    CHECK(r.rows.front().value == doctest::Approx(0.3));
}

TEST_CASE("设置: a title's validity and the grace are checked, saved as one undo step each, and read back") {
    World w;
    std::string problem;
    CHECK(!parseValidityYears("", problem));
    CHECK(problem.empty());
    CHECK(!parseValidityYears("无", problem));
    CHECK(problem.empty());
    CHECK(parseValidityYears("３", problem) == 3);
    CHECK(!parseValidityYears("2.5", problem));
    CHECK(problem.find("整数") != std::string::npos);
    CHECK(!parseValidityYears("0", problem));
    CHECK(!problem.empty());
    CHECK_THROWS_AS(w.settings.setTitleValidity(w.title(), 0), SettingsError);
    w.validity(4);
    bool seen = false;
    for (const TitleRow& row : w.settings.titles())
        if (row.title.id == w.title()) {
            seen = true;
            CHECK(row.validYears == 4);
        }
    CHECK(seen);
    CHECK(!checkRuleValue(kGraceMonthsKey, "1.5").empty());
    CHECK(!checkRuleValue(kGraceMonthsKey, "-1").empty());
    CHECK(!checkRuleValue(kGraceMonthsKey, "61").empty());
    CHECK(checkRuleValue(kGraceMonthsKey, "0").empty());
    CHECK(w.settings.rules().at(kGraceMonthsKey) == "6");
}
