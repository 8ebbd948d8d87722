// ui_kind_rules_test.cpp — 本类别规则 on the creation awards screen, driven
// headless: the women's share changed from the window changes the list's
// condition check (and undoes in one step), an impossible rubric is refused
// with the form kept, and a veto at 复核 recorded from the window needs no
// 整改期限 and moves the form on to 撤销.
#include "headless_ui.hpp"
#include "storage/post_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "ui/screen_posts.hpp"
#include "ui/ui_strings.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    storage::PostStore posts{storage};
    RowId district = 0, street = 0;
    ui::AppState app{storage};

    Fixture() {
        district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 3000, 0});
        street = storage.insertUnit({0, district, "滨江街道", UnitKind::Street, 3000, 0});
        app.today = "2026-11-29";
        app.section = ui::Section::Posts;
    }
    ui::PostsScreen& screen() { return ui::postsScreen(app); }
    RowId addPost(int members, int women) {
        Post p;
        p.workUnit = "临江区人民医院";
        p.name = "护理部";
        p.unitId = street;
        p.members = members;
        p.womenMembers = women;
        p.womenLeaders = 1;
        return posts.insertPost(p);
    }
    int shownUnmet() {
        REQUIRE(screen().visible.size() == 1);
        return screen().rows[static_cast<std::size_t>(screen().visible.front())].unmetConditions;
    }
};

posts::TransitionRequest step(const char* status, const char* date, std::optional<double> score = std::nullopt,
                              const char* doc = "") {
    posts::TransitionRequest r;
    r.status = status;
    r.date = date;
    r.score = score;
    r.docNumber = doc;
    return r;
}

} // namespace

TEST_CASE("the women's share set to 50 % from the window changes the list's condition check") {
    Fixture f;
    f.addPost(20, 11);   // 55 %
    test::HeadlessUi ui(f.app);
    ui.frame();
    CHECK(f.shownUnmet() == 1);
    ui.click("posts.rules");
    ui.frame();
    REQUIRE(f.screen().rulesForm.open);
    CHECK(f.screen().rulesForm.womenPercent == "60");
    CHECK(f.screen().rulesForm.passScore == "80");
    ui.type("rules.women", "50");
    ui.click("rules.save");
    ui.frame();
    ui.frame();
    CHECK(f.screen().rulesForm.error.empty());
    CHECK(f.screen().rulesForm.message == ui::str::kPostsRulesSaved);
    CHECK(f.posts.kind(kPostKindId)->rules.womenPercent == 50);
    CHECK(f.shownUnmet() == 0);

    // One undo step brings 60 % back, and the list follows.
    REQUIRE(storage::UndoStore(f.storage).undoLast());
    ui.frame();
    ui.frame();
    CHECK(f.shownUnmet() == 1);
}

TEST_CASE("an impossible rubric is refused in Chinese; the form keeps what was typed") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.frame();
    ui.click("posts.rules");
    ui.frame();
    ui.type("rules.pass", "55");
    ui.click("rules.save");
    ui.frame();
    CHECK(f.screen().rulesForm.error.find("基本合格分 < 合格分") != std::string::npos);
    CHECK(f.screen().rulesForm.passScore == "55");
    CHECK(f.posts.kind(kPostKindId)->rules.passScore == 80);
    ui.type("rules.ladder", "两年");
    ui.click("rules.save");
    ui.frame();
    CHECK(f.screen().rulesForm.error == ui::str::kPostsRulesNumberInvalid);
}

TEST_CASE("a veto at 复核 from the window needs no 整改期限 and leads on to 撤销") {
    Fixture f;
    const RowId post = f.addPost(20, 16);
    const auto applied = f.posts.apply(post, "区", 2023, step(posts::kApply, "2023-03-01"), "2023-12-31");
    REQUIRE(applied.ok);
    REQUIRE(f.posts.transition(applied.id, step(posts::kCreate, "2023-04-01"), "2023-12-31").ok);
    REQUIRE(f.posts.transition(applied.id, step(posts::kAssess, "2023-10-12", 88), "2023-12-31").ok);
    REQUIRE(f.posts.transition(applied.id, step(posts::kName, "2023-12-18", std::nullopt, "临妇字〔2023〕9号"),
                               "2023-12-31")
                .ok);
    test::HeadlessUi ui(f.app);
    ui.frame();
    ui.click("posts.row." + std::to_string(post));
    ui.frame();
    ui.frame();
    REQUIRE(f.screen().transition.status == 4);   // 复核
    ui.type("tr.date", "2026-10-15");
    ui.type("tr.score", "92");
    ui.click("tr.veto.1");
    ui.type("tr.co_reviewer", "区总工会");
    ui.type("tr.co_opinion", "同意撤销");
    ui.frame();
    ui.click("tr.submit");
    ui.frame();
    ui.frame();
    CHECK(f.screen().transition.error.empty());
    CHECK(f.posts.awardsOf(post).front().fixBy.empty());
    CHECK(f.posts.awardsOf(post).front().status == posts::kReview);
    CHECK(f.screen().transition.status == 5);   // on to 撤销
    bool coReviewShown = false;
    for (const storage::TimelineEntry& e : f.screen().timeline)
        coReviewShown = coReviewShown || (e.coReviewer == "区总工会" && e.coOpinion == "同意撤销");
    CHECK(coReviewShown);
    ui.type("tr.date", "2026-10-20");
    ui.type("tr.doc", "临妇字〔2026〕41号");
    ui.click("tr.submit");
    ui.frame();
    CHECK(f.screen().transition.error.empty());
    CHECK(f.posts.awardsOf(post).front().status == posts::kRevoke);
}
