// core_targets_test.cpp — roll-up of rates, pace, forecast, red/amber/green, gap.
#include <doctest/doctest.h>

#include "core/targets.hpp"

#include <stdexcept>

using namespace jinguo;

namespace {
const RolledTally& find(const std::vector<RolledTally>& rows, RowId id) {
    for (const RolledTally& r : rows)
        if (r.id == id) return r;
    FAIL("no unit ", id);
    return rows.front();
}
} // namespace

TEST_CASE("roll-up: a street's rate is the sum of numerators over the sum of households") {
    // District 1 → street 10 (registered 4000) → communities 100 (1000 / 900) and 101 (3000 / 2400);
    //           → street 11 (registered 2500, mismatched) → community 110 (2000 / 1000).
    // Given children before parents to show the order does not matter.
    const std::vector<UnitTally> units = {
        {100, 10, 1000, 900, 850}, {101, 10, 3000, 2400, 2300}, {110, 11, 2000, 1000, 800},
        {10, 1, 4000, 0, 0},       {11, 1, 2500, 0, 0},         {1, 0, 0, 0, 0},
    };
    const auto rolled = rollUp(units);
    REQUIRE(rolled.size() == units.size());
    for (std::size_t i = 0; i < units.size(); ++i) CHECK(rolled[i].id == units[i].id);   // input order kept

    const RolledTally& street = find(rolled, 10);
    CHECK(street.households == 4000);      // 1000 + 3000
    CHECK(street.numerator == 3300);       // 900 + 2400
    CHECK(street.rate() == doctest::Approx(0.825));   // 3300 / 4000, not (0.9 + 0.8) / 2 = 0.85
    CHECK(street.rate() != doctest::Approx(0.85));
    CHECK(street.baseNumerator == 3150);   // 850 + 2300
    CHECK(street.baseRate() == doctest::Approx(0.7875));
    CHECK(street.children == 2);
    CHECK_FALSE(street.householdsMismatch);   // registered 4000 = 1000 + 3000

    const RolledTally& other = find(rolled, 11);
    CHECK(other.households == 2000);       // the children's sum, not the registered 2500
    CHECK(other.ownHouseholds == 2500);
    CHECK(other.householdsMismatch);

    // District: (3300 + 1000) / (4000 + 2000) = 4300 / 6000 = 0.71666…
    const RolledTally& district = find(rolled, 1);
    CHECK(district.households == 6000);
    CHECK(district.numerator == 4300);
    CHECK(district.rate() == doctest::Approx(4300.0 / 6000.0));
    CHECK_FALSE(district.householdsMismatch);   // nothing registered at the district itself

    const RolledTally& leaf = find(rolled, 100);
    CHECK(leaf.households == 1000);
    CHECK(leaf.rate() == doctest::Approx(0.9));
    CHECK(leaf.children == 0);
}

TEST_CASE("roll-up: titles registered at the parent itself are added; orphans and loops are roots") {
    // Street 10 has 12 titled households registered directly at it: 3300 + 12 = 3312.
    const auto withOwn = rollUp({{10, 0, 0, 12, 0}, {100, 10, 1000, 900, 0}, {101, 10, 3000, 2400, 0}});
    CHECK(find(withOwn, 10).numerator == 3312);
    CHECK(find(withOwn, 10).households == 4000);

    // A unit whose parent is unknown stands alone.
    const auto orphan = rollUp({{5, 999, 300, 30, 0}});
    CHECK(orphan[0].households == 300);
    CHECK(orphan[0].rate() == doctest::Approx(0.1));

    // A loop (1's parent is 2, 2's parent is 1): walking up from 1 reaches 2,
    // whose link back to 1 closes the loop and is dropped — 2 becomes the root.
    const auto loop = rollUp({{1, 2, 10, 1, 0}, {2, 1, 20, 2, 0}});
    CHECK(find(loop, 1).households == 10);
    CHECK(find(loop, 2).households == 10);   // its one child's households
    CHECK(find(loop, 2).numerator == 3);     // own 2 + child's 1

    CHECK(rollUp({}).empty());
    const RolledTally empty{};
    CHECK(empty.rate() == 0);   // no households: no rate, no division by zero
}

TEST_CASE("elapsed fraction of the year, leap years right") {
    // 2024-07-01: 31+29+31+30+31+30 = 182 days before it, so day 183 of 366 = exactly one half.
    CHECK(yearElapsed(2024, {2024, 7, 1}) == doctest::Approx(0.5));
    // 2023-07-02: 31+28+31+30+31+30 = 181, +2 = day 183 of 365.
    CHECK(yearElapsed(2023, {2023, 7, 2}) == doctest::Approx(183.0 / 365.0));
    CHECK(yearElapsed(2024, {2024, 2, 29}) == doctest::Approx(60.0 / 366.0));
    CHECK(yearElapsed(2024, {2024, 1, 1}) == doctest::Approx(1.0 / 366.0));
    CHECK(yearElapsed(2024, {2024, 12, 31}) == 1.0);
    CHECK(yearElapsed(2024, {2023, 12, 31}) == 0.0);   // before the year
    CHECK(yearElapsed(2024, {2025, 1, 1}) == 1.0);     // after it
}

TEST_CASE("count target: expected, forecast, status and gap on fixed dates") {
    TargetFacts f{TargetKind::Count, 2024, 1000, 500, 0, 0};   // 1000 activities; 500 held by 1 July
    const Date july1{2024, 7, 1};                              // elapsed 0.5 (see above)
    TargetProgress p = evaluateTarget(f, july1);
    CHECK(p.elapsed == doctest::Approx(0.5));
    CHECK(p.expected == doctest::Approx(500));    // 1000 × 0.5
    CHECK(p.forecast == doctest::Approx(1000));   // 500 / 0.5
    CHECK(p.progress == doctest::Approx(0.5));
    CHECK(p.gap == doctest::Approx(500));
    CHECK(p.status == TargetStatus::Green);       // 500 ≥ 500
    CHECK_FALSE(p.goalMet);

    f.numerator = 450;                            // 450 / 500 = 90 % of expected: amber
    p = evaluateTarget(f, july1);
    CHECK(p.status == TargetStatus::Amber);
    CHECK(p.forecast == doctest::Approx(900));    // 450 / 0.5

    f.numerator = 449;                            // 89.8 %: red
    CHECK(evaluateTarget(f, july1).status == TargetStatus::Red);

    f.numerator = 1020;                           // over the goal: green, nothing to close
    p = evaluateTarget(f, july1);
    CHECK(p.goalMet);
    CHECK(p.status == TargetStatus::Green);
    CHECK(p.gap == 0);
    CHECK(p.progress == doctest::Approx(1.02));

    // 2023-04-01 is day 31+28+31+1 = 91 of 365; goal 365 → expected exactly 91.
    TargetFacts g{TargetKind::Count, 2023, 365, 91, 0, 0};
    const Date april1{2023, 4, 1};
    CHECK(evaluateTarget(g, april1).expected == doctest::Approx(91));
    CHECK(evaluateTarget(g, april1).status == TargetStatus::Green);
    CHECK(evaluateTarget(g, april1).forecast == doctest::Approx(365));   // 91 / (91/365)
    g.numerator = 82;                             // 82 / 91 = 0.901: amber
    CHECK(evaluateTarget(g, april1).status == TargetStatus::Amber);
    g.numerator = 81;                             // 81 / 91 = 0.890: red
    CHECK(evaluateTarget(g, april1).status == TargetStatus::Red);
}

TEST_CASE("RAG thresholds are parameters") {
    TargetFacts f{TargetKind::Count, 2024, 1000, 420, 0, 0};   // 420 / 500 expected = 0.84
    const Date july1{2024, 7, 1};
    CHECK(evaluateTarget(f, july1).status == TargetStatus::Red);                       // default amber 0.9
    CHECK(evaluateTarget(f, july1, RagThresholds{1.0, 0.8}).status == TargetStatus::Amber);
    CHECK(evaluateTarget(f, july1, RagThresholds{0.8, 0.6}).status == TargetStatus::Green);
    CHECK(std::string(targetStatusCode(TargetStatus::Amber)) == "amber");
    CHECK(std::string(targetStatusCode(TargetStatus::Green)) == "green");
    CHECK(std::string(targetStatusCode(TargetStatus::Red)) == "red");
    CHECK(std::string(targetStatusLabel(TargetStatus::Red)) == "滞后");
}

TEST_CASE("before and after the year") {
    TargetFacts f{TargetKind::Count, 2024, 100, 0, 0, 0};
    TargetProgress before = evaluateTarget(f, Date{2023, 12, 31});
    CHECK(before.elapsed == 0);
    CHECK(before.expected == 0);
    CHECK(before.forecast == 0);                      // no pace yet: the actual
    CHECK(before.status == TargetStatus::Green);      // nothing was due

    f.numerator = 99;                                 // the year is over, 99 of 100
    TargetProgress after = evaluateTarget(f, Date{2025, 1, 15});
    CHECK(after.elapsed == 1);
    CHECK(after.expected == doctest::Approx(100));
    CHECK(after.forecast == doctest::Approx(99));
    CHECK(after.yearOver);
    CHECK(after.status == TargetStatus::Missed);      // no pace to judge once the year is over
    CHECK(std::string(targetStatusLabel(after.status)) == "未完成");
    CHECK(targetStatusTone(after.status) == TargetStatus::Red);
    CHECK(after.gap == doctest::Approx(1));

    f.numerator = 100;
    TargetProgress done = evaluateTarget(f, Date{2025, 1, 1});
    CHECK(done.status == TargetStatus::Completed);
    CHECK(std::string(targetStatusCode(done.status)) == "completed");
    CHECK(targetStatusTone(done.status) == TargetStatus::Green);
    // 31 December itself is still the year: the pace judges it.
    f.numerator = 99;
    TargetProgress lastDay = evaluateTarget(f, Date{2024, 12, 31});
    CHECK_FALSE(lastDay.yearOver);
    CHECK(lastDay.status == TargetStatus::Amber);
}

TEST_CASE("stock target (注册志愿者): paced from the total on 1 January, not from zero") {
    // 348 of 412 volunteers registered before 2026; goal 450; 5 December 2026
    // is day 339 of 365.
    TargetFacts f{TargetKind::Stock, 2026, 450, 412, 0, 348};
    TargetProgress p = evaluateTarget(f, Date{2026, 12, 5});
    const double e = 339.0 / 365.0;
    CHECK(p.base == doctest::Approx(348));
    CHECK(p.expected == doctest::Approx(348 + 102 * e));
    CHECK(p.forecast == doctest::Approx(348 + 64 / e));      // 416.9, not 412 ÷ e = 443.6
    CHECK(p.forecast == doctest::Approx(416.9).epsilon(0.001));
    CHECK(p.status == TargetStatus::Red);                    // 64 gained of 94.7 due
    CHECK(p.gap == doctest::Approx(38));
    CHECK(p.progressSinceBase == doctest::Approx(64.0 / 102.0));

    // On 1 February four new volunteers do not forecast thousands.
    f.numerator = 352;
    TargetProgress feb = evaluateTarget(f, Date{2026, 2, 1});
    CHECK(feb.forecast == doctest::Approx(348 + 4 / (32.0 / 365.0)));
    CHECK(feb.forecast < 450);
    // A stock already above its goal on 1 January only has to hold it.
    TargetFacts held{TargetKind::Stock, 2026, 300, 340, 0, 348};
    CHECK(evaluateTarget(held, Date{2026, 6, 1}).status == TargetStatus::Green);
}

TEST_CASE("roll-up: a unit with more titled households than households is flagged and capped") {
    // A town of two villages: one of 100 households says 698 are titled.
    std::vector<UnitTally> units{
        {1, 0, 0, 0, 0},
        {2, 1, 100, 698, 650},
        {3, 1, 900, 700, 600},
    };
    const std::vector<RolledTally> r = rollUp(units, Numerators::TitledHouseholds);
    CHECK(r[1].overfull);
    CHECK(r[1].numerator == doctest::Approx(698));           // its own figure is kept, and flagged
    CHECK_FALSE(r[2].overfull);
    CHECK(r[0].overfullUnits == 1);
    CHECK(r[0].numerator == doctest::Approx(100 + 700));     // counted at its 100 households
    CHECK(r[0].baseNumerator == doctest::Approx(100 + 600));
    CHECK(r[0].rate() == doctest::Approx(0.8));              // not (698 + 700) / 1000

    // The town's 90 % target is not met because of the village's error.
    TargetFacts town{TargetKind::Rate, 2024, 0.9, r[0].numerator, 1000, r[0].baseNumerator, r[0].overfullUnits};
    TargetProgress p = evaluateTarget(town, Date{2024, 7, 1});
    CHECK_FALSE(p.goalMet);
    CHECK(p.problem.find("下属1个单位") != std::string::npos);
    // The village's own target: capped at 100 %, with the error named.
    TargetFacts village{TargetKind::Rate, 2024, 0.9, 698, 100, 650};
    TargetProgress v = evaluateTarget(village, Date{2024, 7, 1});
    CHECK(v.actual == doctest::Approx(1.0));
    CHECK(v.problem.find("超过总户数（100）") != std::string::npos);
    // Amounts (hours, points) have no such bound.
    const std::vector<RolledTally> amounts = rollUp(units);
    CHECK_FALSE(amounts[1].overfull);
    CHECK(amounts[0].numerator == doctest::Approx(698 + 700));
}

TEST_CASE("actual text: a shortfall that would print as the goal says how far instead") {
    // 181,912 of 202,126 households: 89.9993 %, which prints as 90.00 %.
    TargetFacts f{TargetKind::Rate, 2026, 0.9, 181912, 202126, 170000};
    TargetProgress p = evaluateTarget(f, Date{2026, 6, 1});
    CHECK_FALSE(p.goalMet);
    CHECK(p.gap == doctest::Approx(2));                      // ceil(181,913.4 − 181,912)
    ActualText t = targetActualText(TargetKind::Rate, p, 2);
    CHECK(t.shortfallOnly);
    CHECK(t.actual == "还差2户");
    // With enough decimals the percentages differ: no need for the shortfall.
    ActualText precise = targetActualText(TargetKind::Rate, p, 4);
    CHECK_FALSE(precise.shortfallOnly);
    CHECK(precise.actual == "89.9993%");
    // A count falling short by a fraction of an hour.
    TargetFacts hours{TargetKind::Count, 2026, 50000, 49999.99, 0, 0};
    TargetProgress h = evaluateTarget(hours, Date{2026, 6, 1});
    CHECK(shortfallText(TargetKind::Count, h, "小时") == "还差0.01小时");
    // A goal met says nothing.
    f.numerator = 181914;
    CHECK(shortfallText(TargetKind::Rate, evaluateTarget(f, Date{2026, 6, 1})).empty());
}

TEST_CASE("rate target: pace from the base at the start of the year, not from zero") {
    // The street of the roll-up test: 3300 / 4000 = 82.5 % now; 3150 / 4000 = 78.75 % held
    // before the year; goal 90 %; on 2024-07-01 (elapsed 0.5).
    TargetFacts f{TargetKind::Rate, 2024, 0.9, 3300, 4000, 3150};
    const Date july1{2024, 7, 1};
    const TargetProgress p = evaluateTarget(f, july1);
    CHECK(p.actual == doctest::Approx(0.825));
    CHECK(p.base == doctest::Approx(0.7875));
    // expected = 0.7875 + (0.9 − 0.7875) × 0.5 = 0.7875 + 0.05625 = 0.84375
    CHECK(p.expected == doctest::Approx(0.84375));
    // forecast = 0.7875 + (0.825 − 0.7875) / 0.5 = 0.7875 + 0.075 = 0.8625
    CHECK(p.forecast == doctest::Approx(0.8625));
    // gain 0.0375 of the 0.05625 due = 2/3 < 0.9: red. (goal × elapsed = 0.45 would have said green.)
    CHECK(p.status == TargetStatus::Red);
    CHECK(p.progress == doctest::Approx(0.825 / 0.9));             // 0.9167
    CHECK(p.progressSinceBase == doctest::Approx(0.0375 / 0.1125)); // one third of the way
    CHECK(p.gap == 300);                                           // 0.9 × 4000 − 3300
    CHECK(p.problem.empty());

    // 3353 / 4000 = 0.83825: gain 0.05075 / 0.05625 = 0.9022 → amber.
    f.numerator = 3353;
    CHECK(evaluateTarget(f, july1).status == TargetStatus::Amber);
    // 3352 / 4000 = 0.838: gain 0.0505 / 0.05625 = 0.8978 → red.
    f.numerator = 3352;
    CHECK(evaluateTarget(f, july1).status == TargetStatus::Red);
    // 3375 / 4000 = 0.84375 = expected → green; still 225 households to go.
    f.numerator = 3375;
    CHECK(evaluateTarget(f, july1).status == TargetStatus::Green);
    CHECK(evaluateTarget(f, july1).gap == 225);

    // 3900 / 4000 = 0.975: forecast 0.7875 + 0.1875 / 0.5 = 1.1625, capped at 100 %.
    f.numerator = 3900;
    const TargetProgress over = evaluateTarget(f, july1);
    CHECK(over.forecast == 1.0);
    CHECK(over.goalMet);
    CHECK(over.gap == 0);
    CHECK(over.status == TargetStatus::Green);
}

TEST_CASE("rate target already above its goal at the start of the year only has to hold it") {
    // Base 3700 / 4000 = 92.5 % ≥ 90 %: expected stays at the goal all year.
    TargetFacts f{TargetKind::Rate, 2024, 0.9, 3650, 4000, 3700};   // now 91.25 %
    const TargetProgress holding = evaluateTarget(f, Date{2024, 3, 1});
    CHECK(holding.expected == doctest::Approx(0.9));
    CHECK(holding.status == TargetStatus::Green);
    f.numerator = 3550;                                              // revocations: 88.75 %
    const TargetProgress slipped = evaluateTarget(f, Date{2024, 3, 1});
    CHECK(slipped.status == TargetStatus::Red);
    CHECK(slipped.gap == 50);                                        // 3600 − 3550
}

TEST_CASE("gap in households: whole households, not fooled by binary fractions") {
    CHECK(householdsToGoal(0.9, 4000, 3599) == 1);
    CHECK(householdsToGoal(0.9, 4000, 3600) == 0);
    CHECK(householdsToGoal(0.9, 4000, 3700) == 0);    // never negative
    // 0.07 × 100 = 7.000000000000001 in binary: 7 households, not 8.
    CHECK(householdsToGoal(0.07, 100, 0) == 7);
    // 0.825 × 1001 = 825.825 → 826 households for 82.5 %.
    CHECK(householdsToGoal(0.825, 1001, 0) == 826);
    TargetFacts f{TargetKind::Rate, 2024, 0.07, 7, 100, 0};
    CHECK(evaluateTarget(f, Date{2024, 6, 1}).goalMet);
}

TEST_CASE("a rate without households is flagged; a bad date is refused") {
    TargetFacts f{TargetKind::Rate, 2024, 0.9, 0, 0, 0};
    const TargetProgress p = evaluateTarget(f, "2024-06-01");
    CHECK(p.actual == 0);
    CHECK_FALSE(p.goalMet);
    CHECK(p.problem.find("户数") != std::string::npos);
    CHECK_THROWS_AS(evaluateTarget(f, "2024-02-30"), std::invalid_argument);
    // A timestamp counts by its date.
    TargetFacts c{TargetKind::Count, 2024, 1000, 500, 0, 0};
    CHECK(evaluateTarget(c, "2024-07-01 23:59").expected == doctest::Approx(500));
}

TEST_CASE("goals as organizers write them, and what makes a target wrong") {
    CHECK(*parseTargetGoal("90%", TargetKind::Rate) == doctest::Approx(0.9));
    CHECK(*parseTargetGoal(" 90 ％", TargetKind::Rate) == doctest::Approx(0.9));
    CHECK(*parseTargetGoal("90", TargetKind::Rate) == doctest::Approx(0.9));
    CHECK(*parseTargetGoal("0.9", TargetKind::Rate) == doctest::Approx(0.9));
    CHECK(*parseTargetGoal("1", TargetKind::Rate) == doctest::Approx(1.0));
    CHECK(*parseTargetGoal("1,200", TargetKind::Count) == doctest::Approx(1200));
    std::string error;
    CHECK_FALSE(parseTargetGoal("120%", TargetKind::Rate, &error));
    CHECK(error == "创建率目标不能超过100%（120%）。");
    CHECK_FALSE(parseTargetGoal("九成", TargetKind::Rate, &error));
    CHECK(error.find("不是数字") != std::string::npos);
    CHECK_FALSE(parseTargetGoal("-3", TargetKind::Count, &error));
    CHECK_FALSE(parseTargetGoal("50%", TargetKind::Count, &error));
    CHECK(error.find("百分号") != std::string::npos);

    Target t;
    t.unitId = 1;
    t.year = 2026;
    t.metric = "activities";
    t.goal = 10;
    CHECK(targetProblem(t).empty());
    t.metric = "nonsense";
    CHECK(targetProblem(t) == "不认识的指标“nonsense”。");
    t.metric = "indicator";
    CHECK(targetProblem(t) == "请填写手工指标的名称。");
    t.indicator = "宣讲场次";
    CHECK(targetProblem(t).empty());
    t.year = 1900;
    CHECK(targetProblem(t).find("1949") != std::string::npos);
}

TEST_CASE("the metric table: one entry per metric, in the enum's order, found by code and by word") {
    const auto& metrics = targetMetrics();
    for (std::size_t i = 0; i < metrics.size(); ++i) CHECK(static_cast<std::size_t>(metrics[i].metric) == i);
    CHECK(targetMetricInfo("volunteers")->kind == TargetKind::Stock);
    CHECK(targetMetricInfo("title_rate")->kind == TargetKind::Rate);
    CHECK(targetMetricInfo("participants")->kind == TargetKind::Count);
    CHECK(targetMetricInfo("nope") == nullptr);
    CHECK(targetMetricFromText("创建率")->metric == TargetMetric::TitleRate);
    CHECK(targetMetricFromText("志愿服务时长")->metric == TargetMetric::VolunteerHours);
    CHECK(targetMetricFromText("注册志愿者（名）")->metric == TargetMetric::Volunteers);
    CHECK(targetMetricFromText("post_count")->metric == TargetMetric::PostCount);
    CHECK(targetMetricFromText("别的") == nullptr);
    CHECK(targetMetricLabel("title_rate", "区级平安家庭") == "区级平安家庭创建率");
    CHECK(targetMetricLabel("volunteers", "") == "注册志愿者（名）");
    CHECK(targetMetricLabel("indicator", "宣讲场次") == "宣讲场次");
}

TEST_CASE("a target's title written as text: name and level against the catalogue") {
    const std::vector<AwardTitle> catalogue = {
        {1, "平安家庭", "family", "区", 0, 1, true, true},
        {2, "平安家庭", "family", "社区", 0, 1, true, true},
        {3, "巾帼文明岗", "post", "区", 0, 1, true, true},
        {4, "巾帼文明岗", "post", "市", 0, 1, true, true},
        {5, "最美家庭", "family", "市", 0, 1, true, true},
    };
    const TargetMetricInfo& rate = *targetMetricInfo("title_rate");
    const TargetMetricInfo& count = *targetMetricInfo("title_count");
    const TargetMetricInfo& posts = *targetMetricInfo("post_count");
    // Any level: the lowest-level title stands for the name.
    TargetTitle t = resolveTargetTitle(catalogue, rate, "平安家庭", "");
    CHECK(t.ok());
    CHECK(t.titleId == 2);
    CHECK_FALSE(t.atLevel);
    CHECK(resolveTargetTitle(catalogue, rate, "平安家庭", "不限").titleId == 2);
    t = resolveTargetTitle(catalogue, rate, " 平安家庭 ", "区级");
    CHECK(t.titleId == 1);
    CHECK(t.atLevel);
    CHECK(resolveTargetTitle(catalogue, rate, "平安家庭", "省").error.find("已有的级别：社区、区") != std::string::npos);
    CHECK(resolveTargetTitle(catalogue, rate, "巾帼文明岗", "").error.find("家庭称号") != std::string::npos);
    // A count names one title: its level is needed when there are several.
    CHECK(resolveTargetTitle(catalogue, count, "平安家庭", "").error.find("请写明级别") != std::string::npos);
    t = resolveTargetTitle(catalogue, count, "平安家庭", "区");
    CHECK(t.titleId == 1);
    CHECK_FALSE(t.atLevel);
    CHECK(resolveTargetTitle(catalogue, count, "最美家庭", "").titleId == 5);
    // Posts: none given means 区级 posts.
    t = resolveTargetTitle(catalogue, posts, "", "");
    CHECK(t.ok());
    CHECK(t.titleId == 0);
    CHECK(resolveTargetTitle(catalogue, posts, "巾帼文明岗", "市").titleId == 4);
    CHECK(resolveTargetTitle(catalogue, *targetMetricInfo("activities"), "平安家庭", "").error.find("不针对称号") !=
          std::string::npos);
    CHECK(resolveTargetTitle(catalogue, rate, "平安家庭", "村级").error.find("无法识别") != std::string::npos);
}
