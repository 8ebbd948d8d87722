// core_post_rules_test.cpp — the 巾帼文明岗 rules: which lifecycle step may
// follow which (and why not), the rubric, the public conditions with their
// figures, and the fix-by / due-for-revocation logic.
#include "core/post_rules.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using namespace jinguo::posts;

namespace {

AwardEvent event(const char* status, const char* date, std::optional<double> score = std::nullopt, bool veto = false,
                 const char* fixBy = "") {
    AwardEvent e;
    e.status = status;
    e.happenedOn = date;
    e.score = score;
    e.veto = veto;
    e.fixBy = fixBy;
    return e;
}

AwardHistory award(const char* level, int year, std::vector<AwardEvent> events, RowId id = 1) {
    AwardHistory a;
    a.awardId = id;
    a.level = level;
    a.year = year;
    a.events = std::move(events);
    a.status = a.events.empty() ? "" : a.events.back().status;
    for (const AwardEvent& e : a.events) {
        if (e.status == std::string(kName)) a.docNumber = e.docNumber.empty() ? "临妇字〔2024〕1号" : e.docNumber;
        a.fixBy = e.fixBy;
    }
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

const char* kToday = "2026-11-29";

} // namespace

TEST_CASE("the rubric: 80 and above 合格, 60 to under 80 基本合格, under 60 不合格, a veto fails") {
    CHECK(gradeFor(100, false) == Grade::Pass);
    CHECK(gradeFor(80, false) == Grade::Pass);
    CHECK(gradeFor(79.5, false) == Grade::BasicPass);
    CHECK(gradeFor(60, false) == Grade::BasicPass);
    CHECK(gradeFor(59.9, false) == Grade::Fail);
    CHECK(gradeFor(0, false) == Grade::Fail);
    CHECK(gradeFor(95, true) == Grade::Fail);
    CHECK(std::string(gradeLabel(Grade::BasicPass)) == "基本合格");
    CHECK(vetoNote({false, true, false, true}) == "一票否决：有效投诉查实且未整改、女职工比例低于60%");
    CHECK(vetoNote({}).empty());
}

TEST_CASE("the lifecycle moves 申报 → 创建 → 考核验收 → 命名 → 复核 → 撤销 step by step") {
    AwardHistory a = award("区", 2026, {event(kApply, "2026-03-05")});
    CHECK(checkTransition(a, step(kCreate, "2026-04-08"), kToday).allowed);
    a = award("区", 2026, {event(kApply, "2026-03-05"), event(kCreate, "2026-04-08")});
    const Decision assess = checkTransition(a, step(kAssess, "2026-10-12", 76), kToday);
    CHECK(assess.allowed);
    CHECK(assess.grade == Grade::BasicPass);
    a.events.push_back(event(kAssess, "2026-10-12", 76));
    a.status = kAssess;
    CHECK(checkTransition(a, step(kAssess, "2026-10-20", 85), kToday).allowed);   // a second assessment
    a.events.push_back(event(kAssess, "2026-10-20", 85));   // 命名 follows a 合格 one (the kind's default)
    CHECK(checkTransition(a, step(kName, "2026-11-16", std::nullopt, "临妇字〔2026〕30号"), kToday).allowed);
    a.events.push_back(event(kName, "2026-11-16"));
    a.status = kName;
    CHECK(checkTransition(a, step(kReview, "2026-11-20", 88), kToday).allowed);
    CHECK(checkTransition(a, step(kRevoke, "2026-11-20", std::nullopt, "临妇字〔2026〕40号"), kToday).allowed);
}

TEST_CASE("steps that make no sense are refused with a reason") {
    const AwardHistory applied = award("区", 2026, {event(kApply, "2026-03-05")});
    Decision d = checkTransition(applied, step(kName, "2026-11-16", std::nullopt, "文号"), kToday);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason.find("尚未考核验收，不能命名") != std::string::npos);
    d = checkTransition(applied, step(kAssess, "2026-10-12", 90), kToday);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason.find("请先登记“创建”") != std::string::npos);
    CHECK(checkTransition(applied, step(kReview, "2026-10-12", 90), kToday).reason.find("尚未命名") != std::string::npos);
    CHECK(checkTransition(applied, step(kRevoke, "2026-10-12", std::nullopt, "x"), kToday).reason
              .find("没有称号可撤销") != std::string::npos);
    CHECK(checkTransition(applied, step(kApply, "2026-10-12"), kToday).reason.find("新申报") != std::string::npos);

    // A failed assessment cannot be named.
    const AwardHistory failed = award("区", 2026, {event(kApply, "2026-03-05"), event(kCreate, "2026-04-08"),
                                                  event(kAssess, "2026-10-12", 55)});
    d = checkTransition(failed, step(kName, "2026-11-16", std::nullopt, "文号"), kToday);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason.find("不合格（55分）") != std::string::npos);
    const AwardHistory vetoed = award("区", 2026, {event(kApply, "2026-03-05"), event(kCreate, "2026-04-08"),
                                                  event(kAssess, "2026-10-12", 92, true)});
    CHECK_FALSE(checkTransition(vetoed, step(kName, "2026-11-16", std::nullopt, "文号"), kToday).allowed);

    // Named twice, assessed after naming, anything after revocation.
    const AwardHistory named = award("区", 2024, {event(kApply, "2024-03-05"), event(kCreate, "2024-04-08"),
                                                 event(kAssess, "2024-10-12", 88), event(kName, "2024-12-18")});
    CHECK(checkTransition(named, step(kName, "2025-01-01", std::nullopt, "文号"), kToday).reason
              .find("不能重复命名") != std::string::npos);
    CHECK(checkTransition(named, step(kAssess, "2025-01-01", 90), kToday).reason.find("复核") != std::string::npos);
    CHECK(checkTransition(named, step(kCreate, "2025-01-01"), kToday).reason.find("当前状态：命名") != std::string::npos);
    AwardHistory revoked = named;
    revoked.events.push_back(event(kRevoke, "2025-04-10"));
    revoked.status = kRevoke;
    d = checkTransition(revoked, step(kReview, "2025-09-01", 90), kToday);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason.find("已于2025-04-10撤销") != std::string::npos);
}

TEST_CASE("the fields a step needs: dates in order, a score, a 文号, a fix-by date on a failed review") {
    const AwardHistory named = award("区", 2024, {event(kApply, "2024-03-05"), event(kCreate, "2024-04-08"),
                                                 event(kAssess, "2024-10-12", 88), event(kName, "2024-12-18")});
    CHECK(checkTransition(named, step(kReview, "2024-12-01", 90), kToday).reason.find("不能早于上一步") !=
          std::string::npos);
    CHECK(checkTransition(named, step(kReview, "2026-12-01", 90), kToday).reason.find("不能晚于今天") !=
          std::string::npos);
    CHECK(checkTransition(named, step(kReview, "2025-02-30", 90), kToday).reason.find("真实存在的日期") !=
          std::string::npos);
    CHECK(checkTransition(named, step(kReview, "2025-09-01"), kToday).reason.find("得分") != std::string::npos);
    CHECK(checkTransition(named, step(kReview, "2025-09-01", 101), kToday).reason.find("0到100") != std::string::npos);
    CHECK(checkTransition(named, step(kRevoke, "2025-09-01"), kToday).reason.find("文号") != std::string::npos);

    Decision d = checkTransition(named, step(kReview, "2025-09-01", 58), kToday);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason.find("须填写整改期限") != std::string::npos);
    d = checkTransition(named, step(kReview, "2025-09-01", 58, "", "2025-08-01"), kToday);
    CHECK(d.reason.find("应晚于复核日期") != std::string::npos);
    d = checkTransition(named, step(kReview, "2025-09-01", 58, "", "2026-03-31"), kToday);
    CHECK(d.allowed);
    CHECK(d.grade == Grade::Fail);
    CHECK(checkTransition(named, step(kReview, "2025-09-01", 90, "", "2026-03-31"), kToday).reason
              .find("无需整改期限") != std::string::npos);
    CHECK(checkTransition(named, step(kReview, "2025-09-01", 70, "", "2026-03-31"), kToday).allowed);
}

TEST_CASE("a new application: one open record per level, once per level and year") {
    const AwardHistory districtNamed = award("区", 2021, {event(kApply, "2021-03-05"), event(kName, "2021-12-18")}, 1);
    TransitionRequest apply = step(kApply, "2026-03-01");
    Decision d = checkApplication({districtNamed}, "区", 2026, apply, kToday);
    CHECK_FALSE(d.allowed);
    CHECK(d.reason.find("已有区级记录（2021年度，当前：命名）") != std::string::npos);
    CHECK(checkApplication({districtNamed}, "市", 2026, apply, kToday).allowed);
    CHECK(checkApplication({districtNamed}, "县", 2026, apply, kToday).reason.find("级别") != std::string::npos);

    AwardHistory revoked = districtNamed;
    revoked.events.push_back(event(kRevoke, "2024-04-10"));
    revoked.status = kRevoke;
    CHECK(checkApplication({revoked}, "区", 2026, apply, kToday).allowed);            // may start again
    CHECK(checkApplication({revoked}, "区", 2021, apply, kToday).reason.find("同一年度") != std::string::npos);
    CHECK(checkApplication({}, "区", 2026, step(kApply, "2026-13-01"), kToday).reason.find("日期") !=
          std::string::npos);
}

TEST_CASE("the public conditions are checked with their figures") {
    Post post;
    post.members = 12;
    post.womenMembers = 5;
    post.womenLeaders = 0;
    std::vector<Condition> c = checkConditions(post, {});
    REQUIRE(c.size() == 4);
    CHECK_FALSE(c[0].met);
    CHECK(c[0].figures == "5/12 = 41.7%");
    CHECK(c[1].met);
    CHECK(c[1].figures == "12人");
    CHECK_FALSE(c[2].met);
    CHECK_FALSE(c[3].applicable);
    CHECK(unmetConditions(c) == 2);

    post.members = 10;
    post.womenMembers = 6;   // exactly 60 %
    post.womenLeaders = 1;
    c = checkConditions(post, {});
    CHECK(c[0].met);
    CHECK(unmetConditions(c) == 0);
    post.members = 2;
    post.womenMembers = 2;
    CHECK_FALSE(checkConditions(post, {})[1].met);

    // The ladder: 区 named 2021, 市 applied 2023 → held 2 years; applied 2022 → not yet.
    post.members = 10;
    const AwardHistory district = award("区", 2021, {event(kApply, "2021-03-05"), event(kName, "2021-12-18")}, 1);
    const AwardHistory city = award("市", 2023, {event(kApply, "2023-03-10")}, 2);
    c = checkConditions(post, {district, city});
    CHECK(c[3].applicable);
    CHECK(c[3].met);
    CHECK(c[3].label == "申报市级须持有区级称号满2年");
    CHECK(c[3].figures == "区级2021年命名，2023年申报市级（已满2年）");
    const AwardHistory early = award("市", 2022, {event(kApply, "2022-03-10")}, 2);
    c = checkConditions(post, {district, early});
    CHECK_FALSE(c[3].met);
    CHECK(c[3].figures.find("不足2年") != std::string::npos);
    c = checkConditions(post, {city});
    CHECK_FALSE(c[3].met);
    CHECK(c[3].figures == "未持有区级称号");
    // Only 区 so far: not applicable, and says when 市 may be applied for.
    c = checkConditions(post, {district});
    CHECK_FALSE(c[3].applicable);
    CHECK(c[3].figures == "区级2021年命名，2023年起可申报市级");
}

TEST_CASE("a failed re-review is being fixed until its date, then due for revocation") {
    AwardHistory a = award("区", 2023, {event(kApply, "2023-03-05"), event(kCreate, "2023-04-08"),
                                        event(kAssess, "2023-10-12", 85), event(kName, "2023-12-18"),
                                        event(kReview, "2026-10-15", 58, false, "2027-03-31")});
    CHECK(a.fixBy == "2027-03-31");
    CHECK(reviewState(a, "2026-11-29") == ReviewState::Fixing);
    CHECK(reviewState(a, "2027-03-31") == ReviewState::Fixing);            // the last day still counts
    CHECK(reviewState(a, "2027-04-01") == ReviewState::DueForRevocation);
    // A passing re-review afterwards clears it.
    a.events.push_back(event(kReview, "2027-03-20", 84));
    a.fixBy.clear();
    CHECK(reviewState(a, "2027-04-01") == ReviewState::None);
    // A veto fails whatever the score.
    AwardHistory v = award("区", 2023, {event(kName, "2023-12-18"), event(kReview, "2026-10-15", 90, true, "2026-11-01")});
    CHECK(reviewState(v, "2026-11-29") == ReviewState::DueForRevocation);
}

TEST_CASE("the award a post is known by: the latest year, then the higher level") {
    const AwardHistory district = award("区", 2021, {event(kName, "2021-12-18")}, 1);
    const AwardHistory city = award("市", 2023, {event(kName, "2023-11-26")}, 2);
    CHECK(currentAward({district, city})->awardId == 2);
    CHECK(currentAward({}) == nullptr);
    CHECK(namingYear(city) == 2023);
    CHECK(applicationYear(city) == 2023);   // no 申报 event: its year
}
