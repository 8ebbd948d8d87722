// storage_slide_posts_test.cpp — the 巾帼文明岗 slide's data on a real file:
// the year's namings are read by the date of their 命名 event (not the award's
// year), by level highest first, 巾帼文明岗 only, revoked ones left out; the
// totals (创建中, 在册, 本年复核通过) beside them; a street sees its own posts;
// 在册 is the same figure as the street's 在册巾帼文明岗 and the year figures'.
#include <doctest/doctest.h>

#include "demo/demo.hpp"
#include "storage/post_store.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"
#include "support/demo_copy.hpp"

#include <optional>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;
using namespace jinguo::posts;

namespace {

const char* kToday = "2026-11-29";

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

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    PostStore posts{storage};
    test::District district = test::buildDistrict(storage, {3000, {{"滨江街道", 2000, 0, {}}, {"文昌街道", 1000, 1, {}}}});

    RowId addPost(const char* unit, const char* name, RowId unitId, RowId kind = kPostKindId) {
        Post p;
        p.workUnit = unit;
        p.name = name;
        p.unitId = unitId;
        p.members = 20;
        p.womenMembers = 16;
        p.womenLeaders = 2;
        p.kindId = kind;
        return posts.insertPost(p);
    }

    // 申报 → 创建 → 考核验收 → 命名 at `level`, the award filed for `year`, named on `namedOn`.
    RowId name(RowId post, const char* level, int year, const char* namedOn) {
        const std::string y = std::to_string(year);
        const PostStore::Result applied = posts.apply(post, level, year, step(kApply, (y + "-01-02").c_str()), kToday);
        REQUIRE_MESSAGE(applied.ok, applied.reason);
        REQUIRE(posts.transition(applied.id, step(kCreate, (y + "-01-03").c_str()), kToday).ok);
        REQUIRE(posts.transition(applied.id, step(kAssess, (y + "-01-04").c_str(), 90.0), kToday).ok);
        const PostStore::Result named = posts.transition(applied.id, step(kName, namedOn, std::nullopt, "临妇字〔2026〕1号"), kToday);
        REQUIRE_MESSAGE(named.ok, named.reason);
        return applied.id;
    }

    std::vector<std::string> namingNames(const PostsOfYear& p) {
        std::vector<std::string> out;
        for (const PostNaming& n : p.namings) out.push_back(n.post + "@" + n.level + "@" + n.namedOn);
        return out;
    }
};

} // namespace

TEST_CASE("the 巾帼文明岗 slide: the year's namings by their 命名 date, highest level first, only 巾帼文明岗") {
    Fixture f;
    const RowId binjiang = f.district.street(0), wenchang = f.district.street(1);

    f.name(f.addPost("临江区人民医院", "护理部", binjiang), "区", 2026, "2026-04-10");       // counts
    const RowId lastYear = f.addPost("临江区图书馆", "少儿借阅部", binjiang);
    const RowId lastYearAward = f.name(lastYear, "区", 2025, "2025-12-18");                 // 2025: not this year's
    REQUIRE(f.posts.transition(lastYearAward, step(kReview, "2026-06-01", 90.0), kToday).ok);   // a 复核 is no naming
    const RowId climber = f.addPost("临江区实验小学", "低段语文教研组", binjiang);
    f.name(climber, "区", 2023, "2023-12-18");
    f.name(climber, "市", 2026, "2026-09-01");                                              // its 市 naming counts
    f.name(f.addPost("临江区税务局", "第一税务所", binjiang), "区", 2025, "2026-01-20");    // filed 2025, named 2026
    const RowId revoked = f.addPost("临江区社保中心", "待遇核定窗口", binjiang);
    const RowId revokedAward = f.name(revoked, "区", 2026, "2026-03-01");
    REQUIRE(f.posts.transition(revokedAward, step(kReview, "2026-06-15", 55.0, "", "2026-09-30"), kToday).ok);
    REQUIRE(f.posts.transition(revokedAward, step(kRevoke, "2026-10-08", std::nullopt, "临妇字〔2026〕9号"), kToday).ok);
    const RowId villageKind = f.posts.kinds()[1].id;                                          // 巾帼示范村
    f.name(f.addPost("临江镇", "桃花村", binjiang, villageKind), "区", 2026, "2026-05-01");  // another kind
    f.name(f.addPost("文昌派出所", "户籍室", wenchang), "区", 2026, "2026-02-02");           // the other street
    REQUIRE(f.posts.apply(f.addPost("临江区档案馆", "查档窗口", binjiang), "区", 2026, step(kApply, "2026-09-01"), kToday).ok);

    SlideDataStore store(f.storage);
    const PostsOfYear district = store.load(2026, 0, kToday).posts;
    CHECK(f.namingNames(district) == std::vector<std::string>{"低段语文教研组@市@2026-09-01", "第一税务所@区@2026-01-20",
                                                              "户籍室@区@2026-02-02", "护理部@区@2026-04-10"});
    REQUIRE_FALSE(district.namings.empty());
    CHECK(district.namings[0].workUnit == "临江区实验小学");
    CHECK(district.namings[0].title == "巾帼文明标兵岗");
    CHECK(district.held == 5);            // 护理部, 少儿借阅部, 低段语文教研组, 第一税务所, 户籍室; not the revoked one
    CHECK(district.creating == 1);        // 查档窗口
    CHECK(district.reviewsPassed == 1);   // 少儿借阅部's 90; the revoked post's 55 failed

    // A street sees its own posts only; its 在册 is its 在册巾帼文明岗 figure.
    const SlideData street = store.load(2026, binjiang, kToday);
    CHECK(f.namingNames(street.posts) == std::vector<std::string>{"低段语文教研组@市@2026-09-01", "第一税务所@区@2026-01-20",
                                                                  "护理部@区@2026-04-10"});
    CHECK(street.posts.held == 4);
    bool figureSeen = false;
    for (const HeadlineFigure& figure : street.figures)
        if (figure.label == "在册巾帼文明岗") {
            figureSeen = true;
            CHECK(figure.value == doctest::Approx(street.posts.held));
        }
    CHECK(figureSeen);

    // 2025: the naming of that year; nothing reviewed then.
    const PostsOfYear before = store.load(2025, 0, kToday).posts;
    CHECK(f.namingNames(before) == std::vector<std::string>{"少儿借阅部@区@2025-12-18"});
    CHECK(before.reviewsPassed == 0);
    // 在册 counts awards by their year, as the year figures and the street's
    // figure do: 第一税务所's award of 2025 (named in January 2026) is in it.
    CHECK(before.held == 3);

    // The revoked post was named in 2026 but lost the title in 2026: no naming
    // to celebrate. Revoked only in 2027, it still counts for 2026.
    f.storage.db().exec("UPDATE award_event SET happened_on = '2027-01-10' WHERE status = '撤销'");
    const PostsOfYear later = store.load(2026, 0, kToday).posts;
    CHECK(later.namings.size() == 5);
    bool revokedSeen = false;
    for (const PostNaming& n : later.namings) revokedSeen = revokedSeen || n.post == "待遇核定窗口";
    CHECK(revokedSeen);
}

TEST_CASE("a year without namings still has its totals; an empty database has none") {
    Fixture f;
    SlideDataStore store(f.storage);
    CHECK(store.load(2026, 0, kToday).posts.empty());
    f.name(f.addPost("临江区人民医院", "护理部", f.district.street(0)), "区", 2024, "2024-12-18");
    const PostsOfYear posts = store.load(2026, 0, kToday).posts;
    CHECK(posts.namings.empty());
    CHECK(posts.held == 1);
    CHECK_FALSE(posts.empty());
}

TEST_CASE("the demo's 2026 namings on the slide; 在册 agrees with the year figures") {
    test::DemoDbPath path;
    Storage storage(path.str());
    const PostsOfYear posts = SlideDataStore(storage).load(2026, 0, kToday).posts;
    // The demo names 2 posts at 省 level, 1 at 市 and 4 at 区 in November 2026.
    REQUIRE(posts.namings.size() == 7);
    CHECK(posts.namings[0].level == "省");
    CHECK(posts.namings[1].level == "省");
    CHECK(posts.namings[2].level == "市");
    for (std::size_t i = 3; i < posts.namings.size(); ++i) CHECK(posts.namings[i].level == "区");
    for (const PostNaming& n : posts.namings) CHECK(n.namedOn.rfind("2026-11-", 0) == 0);
    std::int64_t heldByLevel = 0;
    for (const auto& level : YearFiguresReader(storage).figures(2026).postsHeldByLevel) heldByLevel += level.count;
    CHECK(posts.held == heldByLevel);
    CHECK(posts.held > 0);
    CHECK(posts.creating > 0);
}
