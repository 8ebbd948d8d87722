// storage_kind_rules_test.cpp — the rules per creation award kind on a real
// file: national defaults after migration, a 50 % setting changing the list's
// condition check (one undo step), a veto at 复核 reaching 撤销 with no
// deadline, 命名 after 基本合格 by setting, 复核 due dates and 复核逾期 on the
// right day, the co-review in the timeline and the 岗长 flag.
#include <doctest/doctest.h>

#include "storage/post_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"

using namespace jinguo;
using namespace jinguo::storage;
using namespace jinguo::posts;

namespace {

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    PostStore posts{storage};
    RowId street = 0;

    Fixture() {
        const test::District built = test::buildDistrict(storage, {3000, {{"滨江街道", 2000, 0, {}}}});
        street = built.street(0);
    }

    RowId addPost(const char* name, int members, int women) {
        Post p;
        p.workUnit = "临江区人民医院";
        p.name = name;
        p.unitId = street;
        p.members = members;
        p.womenMembers = women;
        p.womenLeaders = 1;
        return posts.insertPost(p);
    }

    // By value: callers pass the temporary result of rows().
    PostListRow row(const std::vector<PostListRow>& rows, RowId id) {
        for (const PostListRow& r : rows)
            if (r.post.id == id) return r;
        FAIL("post not listed");
        return {};
    }

    // 申报 → 创建 → 考核验收 (score) at 区, 2023.
    RowId assessed(RowId post, double score) {
        const auto applied = posts.apply(post, "区", 2023, step(kApply, "2023-03-01"), "2023-12-31");
        REQUIRE(applied.ok);
        REQUIRE(posts.transition(applied.id, step(kCreate, "2023-04-01"), "2023-12-31").ok);
        REQUIRE(posts.transition(applied.id, step(kAssess, "2023-10-12", score), "2023-12-31").ok);
        return applied.id;
    }

    static TransitionRequest step(const char* status, const char* date, std::optional<double> score = std::nullopt,
                                  const char* doc = "", const char* fixBy = "") {
        TransitionRequest r;
        r.status = status;
        r.date = date;
        r.score = score;
        r.docNumber = doc;
        r.fixBy = fixBy;
        return r;
    }
};

} // namespace

TEST_CASE("every kind starts with the national practice; the 复核 interval is per level") {
    Fixture f;
    for (const CreationKind& k : f.posts.kinds()) {
        CAPTURE(k.name);
        CHECK(k.rules.womenPercent == 60);
        CHECK(k.rules.leaderRule == LeaderRule::WomanAmongLeaders);
        CHECK(k.rules.ladderYears == 2);
        CHECK(k.rules.passScore == 80);
        CHECK(k.rules.basicPassScore == 60);
        CHECK_FALSE(k.rules.nameAfterBasicPass);
        REQUIRE(k.rules.reviewYears.size() == k.levels.size());
        for (const auto& [level, years] : k.rules.reviewYears) CHECK(years == kDefaultReviewYears);
    }
    // A kind the organizer adds gets the same defaults.
    const RowId home = f.posts.addKind("妇女之家", "站", {"区", "市"});
    const CreationKind added = *f.posts.kind(home);
    CHECK(added.rules.womenPercent == 60);
    CHECK(reviewYearsFor(added.rules, "市") == kDefaultReviewYears);
}

TEST_CASE("a 50 % setting changes the list's condition check; saving is one undo step") {
    Fixture f;
    const RowId post = f.addPost("护理部", 20, 11);   // 55 %
    CHECK(f.row(f.posts.rows({}, "2026-11-29"), post).unmetConditions == 1);
    KindRules fujian = f.posts.kind(kPostKindId)->rules;
    fujian.womenPercent = 50;
    fujian.ladderYears = 2;
    f.posts.setKindRules(kPostKindId, fujian);
    CHECK(f.posts.kind(kPostKindId)->rules.womenPercent == 50);
    CHECK(f.row(f.posts.rows({}, "2026-11-29"), post).unmetConditions == 0);
    const auto undone = UndoStore(f.storage).undoLast();
    REQUIRE(undone);
    CHECK(undone->label == "修改巾帼文明岗的规则");
    CHECK(f.posts.kind(kPostKindId)->rules.womenPercent == 60);
    CHECK(f.row(f.posts.rows({}, "2026-11-29"), post).unmetConditions == 1);
    // Other kinds keep theirs.
    CHECK(f.posts.kind(2)->rules.womenPercent == 60);
}

TEST_CASE("rules that cannot hold are refused in Chinese and write nothing") {
    Fixture f;
    KindRules bad;
    bad.passScore = 50;   // below 基本合格
    const auto revision = f.storage.revision();
    CHECK_THROWS_WITH_AS(f.posts.setKindRules(kPostKindId, bad), doctest::Contains("基本合格分 < 合格分"), StorageError);
    CHECK_THROWS_WITH_AS(f.posts.setKindRules(999, KindRules{}), doctest::Contains("没有这个创建类别"), StorageError);
    CHECK(f.storage.revision() == revision);
    CHECK(f.posts.kind(kPostKindId)->rules.passScore == 80);
}

TEST_CASE("命名 after 基本合格 is refused by default and allowed by the kind's setting") {
    Fixture f;
    const RowId award = f.assessed(f.addPost("护理部", 20, 16), 72);
    const auto refused = f.posts.transition(award, Fixture::step(kName, "2023-12-18", std::nullopt, "临妇字〔2023〕9号"),
                                            "2023-12-31");
    CHECK_FALSE(refused.ok);
    CHECK(refused.reason.find("基本合格（72分）") != std::string::npos);
    KindRules rules = f.posts.kind(kPostKindId)->rules;
    rules.nameAfterBasicPass = true;
    f.posts.setKindRules(kPostKindId, rules);
    CHECK(f.posts.transition(award, Fixture::step(kName, "2023-12-18", std::nullopt, "临妇字〔2023〕9号"), "2023-12-31")
              .ok);
}

TEST_CASE("a veto at 复核 reaches 撤销 with no deadline, and the co-review shows in the timeline") {
    Fixture f;
    const RowId post = f.addPost("护理部", 20, 16);
    const RowId award = f.assessed(post, 88);
    REQUIRE(f.posts.transition(award, Fixture::step(kName, "2023-12-18", std::nullopt, "临妇字〔2023〕9号"), "2023-12-31")
                .ok);
    TransitionRequest review = Fixture::step(kReview, "2026-10-15", 91);
    review.veto = true;
    review.note = "一票否决：有效投诉查实且未整改";
    review.coReviewer = "区总工会";
    review.coOpinion = "同意撤销";
    const auto reviewed = f.posts.transition(award, review, "2026-11-29");
    REQUIRE(reviewed.ok);
    CHECK(reviewed.grade == Grade::Fail);
    const PostListRow row = f.row(f.posts.rows({}, "2026-10-15"), post);
    CHECK(row.review == ReviewState::DueForRevocation);
    CHECK(row.fixBy.empty());
    PostFilter due;
    due.status = kDueForRevocation;
    CHECK(f.posts.rows(due, "2026-10-15").size() == 1);
    REQUIRE(f.posts.transition(award, Fixture::step(kRevoke, "2026-10-20", std::nullopt, "临妇字〔2026〕41号"),
                               "2026-11-29")
                .ok);
    CHECK(f.posts.awardsOf(post).front().status == kRevoke);
    const std::vector<TimelineEntry> timeline = f.posts.timeline(post);
    int coReviewed = 0;
    for (const TimelineEntry& e : timeline) {
        if (e.event.status != kReview) continue;
        CHECK(e.coReviewer == "区总工会");
        CHECK(e.coOpinion == "同意撤销");
        ++coReviewed;
    }
    CHECK(coReviewed == 1);
    // An opinion without the body is refused.
    const RowId other = f.assessed(f.addPost("药剂科", 20, 16), 90);
    TransitionRequest named = Fixture::step(kName, "2023-12-18", std::nullopt, "临妇字〔2023〕10号");
    named.coOpinion = "同意";
    CHECK(f.posts.transition(other, named, "2023-12-31").reason.find("会同审核单位") != std::string::npos);
}

TEST_CASE("复核 due dates per kind and level; 复核逾期 on the day after, and the filter") {
    Fixture f;
    const RowId post = f.addPost("护理部", 20, 16);
    const RowId award = f.assessed(post, 88);
    REQUIRE(f.posts.transition(award, Fixture::step(kName, "2023-11-10", std::nullopt, "临妇字〔2023〕9号"), "2023-12-31")
                .ok);
    PostFilter overdue;
    overdue.status = kReviewOverdue;
    const PostListRow onDay = f.row(f.posts.rows({}, "2026-11-10"), post);
    CHECK(onDay.reviewDue == "2026-11-10");
    CHECK_FALSE(onDay.reviewOverdue);
    CHECK(f.posts.rows(overdue, "2026-11-10").empty());
    CHECK(f.row(f.posts.rows({}, "2026-11-11"), post).reviewOverdue);
    CHECK(f.posts.rows(overdue, "2026-11-11").size() == 1);
    // 区 every 5 years: no longer overdue; 0: no periodic 复核.
    KindRules rules = f.posts.kind(kPostKindId)->rules;
    for (auto& [level, years] : rules.reviewYears)
        if (level == "区") years = 5;
    f.posts.setKindRules(kPostKindId, rules);
    CHECK(f.row(f.posts.rows({}, "2026-11-11"), post).reviewDue == "2028-11-10");
    CHECK(f.posts.rows(overdue, "2026-11-11").empty());
    for (auto& [level, years] : rules.reviewYears) years = 0;
    f.posts.setKindRules(kPostKindId, rules);
    CHECK(f.row(f.posts.rows({}, "2030-01-01"), post).reviewDue.empty());
    // A passing 复核 moves the date on.
    for (auto& [level, years] : rules.reviewYears) years = 3;
    f.posts.setKindRules(kPostKindId, rules);
    CHECK(f.posts.rows(overdue, "2026-11-11").size() == 1);
    REQUIRE(f.posts.transition(award, Fixture::step(kReview, "2026-11-20", 86), "2026-11-29").ok);
    CHECK(f.row(f.posts.rows({}, "2026-11-29"), post).reviewDue == "2029-11-20");
    CHECK(f.posts.rows(overdue, "2026-11-29").empty());
}

TEST_CASE("the 岗长 flag is stored and the 浙江 leader rule reads it") {
    Fixture f;
    const RowId id = f.addPost("护理部", 20, 16);
    KindRules zhejiang = f.posts.kind(kPostKindId)->rules;
    zhejiang.leaderRule = LeaderRule::HeadIsWoman;
    f.posts.setKindRules(kPostKindId, zhejiang);
    CHECK(f.row(f.posts.rows({}, "2026-11-29"), id).unmetConditions == 1);
    Post p = *f.posts.post(id);
    CHECK_FALSE(p.headIsWoman);
    const Post loaded = p;
    p.headIsWoman = true;
    f.posts.updatePost(p, &loaded);
    CHECK(f.posts.post(id)->headIsWoman);
    CHECK(f.row(f.posts.rows({}, "2026-11-29"), id).unmetConditions == 0);
}
