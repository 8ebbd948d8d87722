// storage_hours_agreement_test.cpp — "hours this year" is one fact: the
// volunteer, community and street boards, the hours target, 年度数据 (cards,
// chart and paragraph) and slides 1 and 6 all show the same figure, because
// they all count the dated_hours view (verified records + roster credits) and
// never a roster's history or an unverified record.
#include "core/year_summary.hpp"
#include "storage/aggregates.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <numeric>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

struct District {
    test::TempDbPath path;
    Storage s{path.str()};
    RowId district = 0, s1 = 0, s2 = 0, c1 = 0, c2 = 0, c3 = 0;

    District() {
        const test::District built = test::buildTwoStreets(s, 100, 200, 300);
        district = built.district;
        s1 = built.street(0);
        s2 = built.street(1);
        c1 = built.community(0);
        c2 = built.community(1);
        c3 = built.community(2);
        auto volunteer = [&](const char* name, RowId unit, double history = 0) {
            Person p;
            p.name = name;
            p.unitId = unit;
            p.joinedOn = "2020-01-01";
            p.rosterHours = history;
            if (history > 0) p.rosterHoursAsOf = "2026-03-31";
            return s.insertPerson(p);
        };
        auto serve = [&](RowId person, const char* on, double hours, bool verified = true) {
            ServiceRecord r;
            r.personId = person;
            r.servedOn = on;
            r.hours = hours;
            r.verified = verified;
            s.insertServiceRecord(r);
        };
        const RowId a = volunteer("王芳", c1, 850);   // a roster's first total: history only
        const RowId b = volunteer("李娜", c2);
        const RowId c = volunteer("张敏", c3, 120);
        serve(a, "2026-02-03", 4);
        serve(a, "2026-05-06", 2.5);
        serve(a, "2026-06-07", 6, false);          // unverified: counted nowhere
        serve(b, "2026-11-20", 8);
        serve(b, "2025-12-31", 7);                 // last year
        serve(c, "2026-01-01", 1.5);
        s.insertRosterCredit(a, "2026-09-30", 12);   // a later roster's increase
        s.insertRosterCredit(c, "2026-03-31", 30);   // period hours of 2026Q1
        s.insertRosterCredit(c, "2025-06-30", 40);   // last year's credit
        Target t;
        t.unitId = district;
        t.year = 2026;
        t.metric = "volunteer_hours";
        t.goal = 100;
        s.insertTarget(t);
    }
};

// 2026: verified 4 + 2.5 + 8 + 1.5 = 16, credits 12 + 30 = 42.
constexpr double kYearHours = 58;
constexpr double kJiangbin = 4 + 2.5 + 8 + 12;   // 26.5
constexpr double kWenchang = 1.5 + 30;           // 31.5

double sumHours(const BoardResult& r) {
    return std::accumulate(r.rows.begin(), r.rows.end(), 0.0,
                           [](double sum, const BoardRow& row) { return sum + row.hours; });
}

BoardResult board(Storage& s, Board which, BoardMetric metric, const char* period, RowId scope = 0) {
    BoardQuery q;
    q.board = which;
    q.metric = metric;
    q.period = *parsePeriod(period).period;
    q.scopeUnitId = scope;
    return Aggregates(s).board(q);
}

} // namespace

TEST_CASE("hours this year: boards, target, 年度数据 and slides agree, and leave history and unverified hours out") {
    District d;
    const BoardResult volunteers = board(d.s, Board::Volunteers, BoardMetric::Hours, "2026");
    CHECK(sumHours(volunteers) == doctest::Approx(kYearHours));
    CHECK(sumHours(board(d.s, Board::Communities, BoardMetric::Hours, "2026")) == doctest::Approx(kYearHours));
    const BoardResult streets = board(d.s, Board::Streets, BoardMetric::Hours, "2026");
    CHECK(sumHours(streets) == doctest::Approx(kYearHours));

    // The hours target of the district.
    const TargetsReport targets = Aggregates(d.s).targets(2026, *parseDate("2026-12-05"));
    REQUIRE(targets.lines.size() == 1);
    CHECK(targets.lines[0].progress.actual == doctest::Approx(kYearHours));

    // 年度数据: the card, the chart's months and the paragraph.
    const YearFigures figures = YearFiguresReader(d.s).figures(2026);
    CHECK(figures.serviceHours == doctest::Approx(kYearHours));
    CHECK(std::accumulate(figures.monthlyHours.begin(), figures.monthlyHours.end(), 0.0) == doctest::Approx(kYearHours));
    CHECK(figures.monthlyHours[8] == doctest::Approx(12));   // the September credit in September
    CHECK(figures.rosterHours == doctest::Approx(42));
    const std::string paragraph = yearSummaryText(figures, *parseDate("2026-12-05"));
    CHECK(paragraph.find(chineseQuantity(kYearHours) + "小时") != std::string::npos);

    // Slide 1 (the year in figures) and slide 6 (targets), for the district and a street.
    auto figure = [](const SlideData& data, const char* label) {
        for (const HeadlineFigure& f : data.figures)
            if (f.label == std::string(label)) return f.value;
        FAIL("no figure " << label);
        return -1.0;
    };
    const SlideData slides = SlideDataStore(d.s).load(2026, 0, "2026-12-05");
    CHECK(figure(slides, "年度志愿服务时长") == doctest::Approx(kYearHours));
    REQUIRE(slides.targets.size() == 1);
    CHECK(slides.targets[0].actual == doctest::Approx(kYearHours));
    double leaders = 0;
    for (const LeaderEntry& e : slides.leaders) leaders += e.hours;
    CHECK(leaders == doctest::Approx(kYearHours));
    const SlideData street = SlideDataStore(d.s).load(2026, d.s1, "2026-12-05");
    CHECK(figure(street, "年度志愿服务时长") == doctest::Approx(kJiangbin));
    for (const BoardRow& r : streets.rows)
        CHECK(r.hours == doctest::Approx(r.name == "江滨街道" ? kJiangbin : kWenchang));

    // All time: history + every dated hour (never the unverified 6).
    const BoardResult all = board(d.s, Board::Volunteers, BoardMetric::Hours, "all");
    CHECK(sumHours(all) == doctest::Approx(850 + 120 + kYearHours + 7 + 40));
    CHECK(d.s.overview().serviceHours == doctest::Approx(850 + 120 + kYearHours + 7 + 40));
}
