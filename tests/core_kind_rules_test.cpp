// core_kind_rules_test.cpp — the rules a region sets per creation award kind
// (KindRules): the women's share, the leader rule, the ladder years, the
// rubric, 命名 after 基本合格, a veto at 复核 going straight to 撤销, and the
// periodic 复核 due date.
#include "core/post_rules.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using namespace jinguo::posts;

namespace {

AwardEvent event(const char* status, const char* date, std::optional<double> score = std::nullopt, bool veto = false) {
    AwardEvent e;
    e.status = status;
    e.happenedOn = date;
    e.score = score;
    e.veto = veto;
    return e;
}

AwardHistory award(const char* level, int year, std::vector<AwardEvent> events) {
    AwardHistory a;
    a.awardId = 1;
    a.level = level;
    a.year = year;
    a.events = std::move(events);
    a.status = a.events.back().status;
    if (a.status == std::string(kName) || a.status == std::string(kReview)) a.docNumber = "临妇字〔2023〕1号";
    return a;
}

TransitionRequest step(const char* status, const char* date, std::optional<double> score = std::nullopt,
                       const char* doc = "", const char* fixBy = "") {
    TransitionRequest r;
    r.status = status;
    r.date = date;
    r.score = score;
    r.docNumber = doc;
    r.fixBy = fixBy;
    return r;
}

CreationKind kindWith(KindRules rules) {
    CreationKind k = postKind();
    k.rules = std::move(rules);
    return k;
}

// By value: callers pass the temporary result of checkConditions.
Condition conditionNamed(const std::vector<Condition>& conditions, const std::string& start) {
    for (const Condition& c : conditions)
        if (c.label.rfind(start, 0) == 0) return c;
    FAIL("no condition starting with " << start);
    return {};
}

const char* kToday = "2026-11-29";

} // namespace

TEST_CASE("the women's share threshold: 11 of 20 women fail 60 % and pass 50 %, with the figures") {
    Post post;
    post.members = 20;
    post.womenMembers = 11;
    post.womenLeaders = 1;
    const Condition national = conditionNamed(checkConditions(post, {}), "女职工占比");
    CHECK(national.label == "女职工占比不低于60%");
    CHECK_FALSE(national.met);
    CHECK(national.figures == "11/20 = 55.0%");
    KindRules fujian;
    fujian.womenPercent = 50;
    const std::vector<Condition> conditions = checkConditions(post, {}, kindWith(fujian));
    const Condition half = conditionNamed(conditions, "女职工占比");
    CHECK(half.label == "女职工占比不低于50%");
    CHECK(half.met);
    CHECK(half.figures == "11/20 = 55.0%");
    post.womenMembers = 10;   // exactly half still passes
    CHECK(conditionNamed(checkConditions(post, {}, kindWith(fujian)), "女职工占比").met);
    post.womenMembers = 9;
    CHECK_FALSE(conditionNamed(checkConditions(post, {}, kindWith(fujian)), "女职工占比").met);
}

TEST_CASE("the leader rule: a woman among the leaders, or the head a woman (浙江)") {
    Post post;
    post.members = 10;
    post.womenMembers = 8;
    post.womenLeaders = 2;
    KindRules zhejiang;
    zhejiang.leaderRule = LeaderRule::HeadIsWoman;
    std::vector<Condition> conditions = checkConditions(post, {}, kindWith(zhejiang));
    for (const Condition& c : conditions) CHECK(c.label != "至少有1名女性负责人");
    CHECK_FALSE(conditionNamed(conditions, "岗长为女性").met);   // women leaders do not make the head a woman
    post.headIsWoman = true;
    CHECK(conditionNamed(checkConditions(post, {}, kindWith(zhejiang)), "岗长为女性").met);
    CHECK(conditionNamed(checkConditions(post, {}), "至少有1名女性负责人").met);
}

TEST_CASE("the years at the lower level: 2 by default, 0 in 浙江") {
    Post post;
    const AwardHistory district = award("区", 2025, {event(kApply, "2025-03-01"), event(kName, "2025-11-01")});
    AwardHistory city = award("市", 2026, {event(kApply, "2026-03-01")});
    city.awardId = 2;
    const std::vector<AwardHistory> awards{district, city};
    const Condition national = conditionNamed(checkConditions(post, awards), "申报市级");
    CHECK(national.label == "申报市级须持有区级称号满2年");
    CHECK_FALSE(national.met);
    CHECK(national.figures == "区级2025年命名，2026年申报市级（不足2年）");
    KindRules zhejiang;
    zhejiang.ladderYears = 0;
    const Condition none = conditionNamed(checkConditions(post, awards, kindWith(zhejiang)), "申报市级");
    CHECK(none.label == "申报市级须持有区级称号");
    CHECK(none.met);
    KindRules one;
    one.ladderYears = 1;
    CHECK(conditionNamed(checkConditions(post, awards, kindWith(one)), "申报市级").met);
}

TEST_CASE("the rubric follows the kind's thresholds") {
    KindRules strict;
    strict.passScore = 85;
    strict.basicPassScore = 70;
    CHECK(gradeFor(82, false, strict) == Grade::BasicPass);
    CHECK(gradeFor(85, false, strict) == Grade::Pass);
    CHECK(gradeFor(69.5, false, strict) == Grade::Fail);
    CHECK(gradeFor(82, false) == Grade::Pass);
    const AwardHistory a = award("区", 2026, {event(kApply, "2026-03-01"), event(kCreate, "2026-04-01")});
    CHECK(checkTransition(a, step(kAssess, "2026-10-12", 82), kToday, kindWith(strict)).grade == Grade::BasicPass);
    CHECK(checkTransition(a, step(kAssess, "2026-10-12", 82), kToday).grade == Grade::Pass);
}

TEST_CASE("命名 after a 基本合格 acceptance: refused by default, allowed when the kind says so") {
    const AwardHistory a = award("区", 2026, {event(kApply, "2026-03-01"), event(kCreate, "2026-04-01"),
                                             event(kAssess, "2026-10-12", 76)});
    const Decision refused = checkTransition(a, step(kName, "2026-11-16", std::nullopt, "临妇字〔2026〕30号"), kToday);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.reason.find("基本合格（76分）") != std::string::npos);
    CHECK(refused.reason.find("80分及以上") != std::string::npos);
    KindRules lenient;
    lenient.nameAfterBasicPass = true;
    CHECK(checkTransition(a, step(kName, "2026-11-16", std::nullopt, "临妇字〔2026〕30号"), kToday, kindWith(lenient))
              .allowed);
    // A failed acceptance is refused whatever the setting.
    const AwardHistory failed = award("区", 2026, {event(kApply, "2026-03-01"), event(kCreate, "2026-04-01"),
                                                  event(kAssess, "2026-10-12", 50)});
    CHECK_FALSE(checkTransition(failed, step(kName, "2026-11-16", std::nullopt, "文号"), kToday, kindWith(lenient))
                    .allowed);
}

TEST_CASE("a veto at 复核 leads straight to 撤销 with no deadline; a low score still needs one") {
    AwardHistory named = award("区", 2023, {event(kApply, "2023-03-01"), event(kName, "2023-12-18")});
    TransitionRequest veto = step(kReview, "2026-10-15", 90);
    veto.veto = true;
    const Decision d = checkTransition(named, veto, kToday);
    CHECK(d.allowed);
    CHECK(d.grade == Grade::Fail);
    veto.fixBy = "2027-03-31";
    CHECK(checkTransition(named, veto, kToday).reason.find("不设整改期限") != std::string::npos);
    // Recorded: due for revocation at once, and 撤销 may follow the same day.
    named.events.push_back(event(kReview, "2026-10-15", 90, true));
    named.status = kReview;
    CHECK(reviewState(named, "2026-10-15") == ReviewState::DueForRevocation);
    CHECK(checkTransition(named, step(kRevoke, "2026-10-15", std::nullopt, "临妇字〔2026〕41号"), kToday).allowed);
    // A low score without a veto: 限期整改 first.
    AwardHistory low = award("区", 2023, {event(kApply, "2023-03-01"), event(kName, "2023-12-18")});
    CHECK(checkTransition(low, step(kReview, "2026-10-15", 55), kToday).reason.find("须填写整改期限") !=
          std::string::npos);
}

TEST_CASE("periodic 复核: due N years after the latest 命名 or 复核, overdue the day after") {
    AwardHistory a = award("区", 2023, {event(kApply, "2023-03-01"), event(kName, "2023-05-10")});
    CHECK(nextReviewDue(a, 3) == "2026-05-10");
    CHECK_FALSE(reviewOverdue(a, 3, "2026-05-10"));
    CHECK(reviewOverdue(a, 3, "2026-05-11"));
    CHECK(nextReviewDue(a, 0).empty());
    CHECK_FALSE(reviewOverdue(a, 0, "2099-01-01"));
    a.events.push_back(event(kReview, "2026-04-20", 88));
    a.status = kReview;
    CHECK(nextReviewDue(a, 3) == "2029-04-20");
    CHECK_FALSE(reviewOverdue(a, 3, "2026-05-11"));
    const AwardHistory leap = award("区", 2024, {event(kName, "2024-02-29")});
    CHECK(nextReviewDue(leap, 1) == "2025-02-28");
    CHECK(nextReviewDue(leap, 4) == "2028-02-29");
    AwardHistory revoked = a;
    revoked.events.push_back(event(kRevoke, "2026-06-01"));
    revoked.status = kRevoke;
    CHECK(nextReviewDue(revoked, 3).empty());
    // The interval per level.
    KindRules rules;
    rules.reviewYears = {{"区", 3}, {"市", 5}};
    CHECK(reviewYearsFor(rules, "市") == 5);
    CHECK(reviewYearsFor(rules, "省") == 0);
    CHECK(reviewYearsFor(postKind().rules, "全国") == kDefaultReviewYears);
}

TEST_CASE("rules that cannot hold are refused in Chinese") {
    CHECK(rulesProblem(KindRules{}).empty());
    KindRules r;
    r.womenPercent = 0;
    CHECK(rulesProblem(r).find("女性占比") != std::string::npos);
    r = KindRules{};
    r.basicPassScore = 85;
    CHECK(rulesProblem(r).find("基本合格分 < 合格分") != std::string::npos);
    r = KindRules{};
    r.reviewYears = {{"市", 30}};
    CHECK(rulesProblem(r).find("市级复核周期") != std::string::npos);
}
