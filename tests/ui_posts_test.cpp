// ui_posts_test.cpp — the 巾帼文明岗 screen driven headless: a post added
// (and a refused save that keeps the form), the list in pinyin order, one post
// taken from 申报 to 命名 and a failed 复核 with refused steps on the way, the
// timeline, and the 应撤销 filter once the fix-by date has passed.
#include "headless_ui.hpp"
#include "storage/post_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_posts.hpp"
#include "ui/ui_strings.hpp"
#include "support/district.hpp"

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
        const test::District built = test::buildDistrict(storage, {3000, {{"滨江街道", 3000, 0, {}}}});
        district = built.district;
        street = built.street(0);
        app.today = "2026-11-29";
        app.section = ui::Section::Posts;
    }

    RowId addPost(const char* unit, const char* name) {
        Post p;
        p.workUnit = unit;
        p.name = name;
        p.unitId = street;
        p.members = 12;
        p.womenMembers = 9;
        p.womenLeaders = 1;
        return posts.insertPost(p);
    }

    ui::PostsScreen& screen() { return ui::postsScreen(app); }

    std::int64_t scalar(const char* sql, RowId id) {
        storage::Statement st = storage.db().prepare(sql);
        st.bind(1, id);
        REQUIRE(st.step());
        return st.columnInt(0);
    }
    std::string text(const char* sql, RowId id) {
        storage::Statement st = storage.db().prepare(sql);
        st.bind(1, id);
        REQUIRE(st.step());
        return st.columnText(0);
    }
};

// Submits the step form and lets the next frame load what was written.
void submit(test::HeadlessUi& ui) {
    ui.click("tr.submit");
    ui.frame();
}

} // namespace

TEST_CASE("adding a post: a refused save keeps what was typed and says why; then it is stored") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("posts.add");
    ui.type("post.work_unit", "临江区图书馆");
    ui.type("post.name", "少儿借阅部");
    ui.type("post.members", "9");
    ui.type("post.women", "12");                       // more women than members
    ui.click("post.save");
    CHECK(f.storage.count("post") == 0);
    CHECK(f.screen().form.error == ui::str::kFixBeforeSave);
    CHECK(f.screen().form.workUnit == "临江区图书馆");    // kept as typed
    CHECK(f.screen().form.womenMembers == "12");

    ui.type("post.women", "8");
    ui.type("post.leaders", "1");
    ui.click("post.save");
    REQUIRE(f.storage.count("post") == 1);
    const RowId id = f.screen().selectedId;
    CHECK(f.text("SELECT work_unit || '/' || name FROM post WHERE id = ?", id) == "临江区图书馆/少儿借阅部");
    CHECK(f.scalar("SELECT women_members FROM post WHERE id = ?", id) == 8);
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'post' AND record_id = ?", id) == 1);

    // The same post again: refused by storage, the reason shown, the form kept.
    ui.click("posts.add");
    ui.type("post.work_unit", "临江区图书馆");
    ui.type("post.name", "少儿借阅部");
    ui.click("post.save");
    CHECK(f.storage.count("post") == 1);
    CHECK(f.screen().form.error.find("不能重复登记") != std::string::npos);
    CHECK(f.screen().form.open);
    CHECK(f.screen().form.name == "少儿借阅部");
}

TEST_CASE("the list sorts names in pinyin order, not by code point") {
    Fixture f;
    f.addPost("中国银行临江支行", "营业部");      // zhong
    f.addPost("阿拉善路社区卫生站", "全科");      // a
    f.addPost("北门小学", "教研组");              // bei
    test::HeadlessUi ui(f.app);
    ui.frame();
    const ui::PostsScreen& s = f.screen();
    REQUIRE(s.visible.size() == 3);
    auto unitAt = [&](std::size_t i) { return s.rows[static_cast<std::size_t>(s.visible[i])].post.workUnit; };
    CHECK(unitAt(0) == "阿拉善路社区卫生站");
    CHECK(unitAt(1) == "北门小学");
    CHECK(unitAt(2) == "中国银行临江支行");
}

TEST_CASE("deleting a post asks first in a popup that names it; 取消 keeps it, 删除 removes it") {
    Fixture f;
    const RowId post = f.addPost("中国农业银行临江支行", "新塘分理处");
    test::HeadlessUi ui(f.app);
    ui.click("posts.row." + std::to_string(post));
    ui.click("post.delete");
    CHECK(f.screen().confirmDelete.question.find("新塘分理处") != std::string::npos);
    REQUIRE(ui.visible("post.delete_confirm.cancel"));
    ui.click("post.delete_confirm.cancel");
    CHECK(f.scalar("SELECT count(*) FROM post WHERE id = ?", post) == 1);
    ui.click("post.delete");
    ui.click("post.delete_confirm.ok");
    CHECK(f.scalar("SELECT count(*) FROM post WHERE id = ?", post) == 0);
    CHECK(f.screen().selectedId == 0);
    CHECK(f.screen().message == ui::str::kDeletedUndoable);
}

TEST_CASE("one post from 申报 to 命名 and a failed 复核, with senseless steps refused and input kept") {
    Fixture f;
    const RowId post = f.addPost("中国农业银行临江支行", "新塘分理处");
    test::HeadlessUi ui(f.app);
    ui.click("posts.row." + std::to_string(post));
    REQUIRE(f.screen().selectedId == post);
    CHECK(f.screen().transition.awardId == 0);          // no record yet: a new application
    // Steady frames run no SQL: the list and the detail are cached per revision.
    ui.frame();
    const auto prepared = f.storage.db().statementsPrepared();
    ui.frame();
    ui.frame();
    CHECK(f.storage.db().statementsPrepared() == prepared);

    // 申报 at 区 level (the default), this year.
    ui.click("tr.level.0");
    ui.type("tr.date", "2026-03-05");
    ui.type("tr.note", "提交申报表");
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    REQUIRE(f.storage.count("award") == 1);
    const RowId award = f.scalar("SELECT id FROM award WHERE post_id = ?", post);
    CHECK(f.text("SELECT status FROM award WHERE id = ?", award) == "申报");
    CHECK(f.screen().transition.awardId == award);
    CHECK(f.screen().transition.status == 1);           // the form moved on to 创建

    // Naming now makes no sense: refused with the reason, the typed text kept.
    ui.click("tr.status.3");
    ui.type("tr.date", "2026-04-01");
    ui.type("tr.doc", "临妇字〔2026〕30号");
    submit(ui);
    CHECK(f.screen().transition.error.find("尚未考核验收，不能命名") != std::string::npos);
    CHECK(f.screen().transition.docNumber == "临妇字〔2026〕30号");
    CHECK(f.screen().transition.date == "2026-04-01");
    CHECK(f.storage.count("award_event") == 1);

    ui.click("tr.status.1");                            // 创建
    ui.type("tr.date", "2026-04-08");
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    CHECK(f.screen().transition.status == 2);           // on to 考核验收

    ui.type("tr.date", "2026-10-12");
    ui.type("tr.score", "88");
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    CHECK(f.text("SELECT status FROM award WHERE id = ?", award) == "考核验收");
    CHECK(f.screen().transition.status == 3);           // on to 命名

    ui.type("tr.date", "2026-11-16");
    ui.type("tr.doc", "临妇字〔2026〕30号");
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    CHECK(f.text("SELECT status FROM award WHERE id = ?", award) == "命名");
    CHECK(f.text("SELECT doc_number FROM award WHERE id = ?", award) == "临妇字〔2026〕30号");
    CHECK(f.screen().transition.status == 4);           // on to 复核

    // A low-scoring re-review without a fix-by date is refused; the score stays.
    // (A veto takes no fix-by date: ui_kind_rules_test.)
    ui.type("tr.date", "2026-11-20");
    ui.type("tr.score", "55");
    ui.type("tr.note", "限期整改");
    submit(ui);
    CHECK(f.screen().transition.error.find("须填写整改期限") != std::string::npos);
    CHECK(f.screen().transition.score == "55");
    CHECK(f.storage.count("award_event") == 4);
    ui.type("tr.fix_by", "2027-03-31");
    submit(ui);
    CHECK(f.screen().transition.error.empty());

    CHECK(f.text("SELECT status FROM award WHERE id = ?", award) == "复核");
    CHECK(f.text("SELECT fix_by FROM award WHERE id = ?", award) == "2027-03-31");
    const RowId last = f.scalar("SELECT max(id) FROM award_event WHERE award_id = ?", award);
    CHECK(f.scalar("SELECT veto FROM award_event WHERE id = ?", last) == 0);
    CHECK(f.text("SELECT note FROM award_event WHERE id = ?", last) == "限期整改");
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 5);
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'award_event' AND action = 'insert' AND record_id IN (SELECT id FROM award_event WHERE award_id = ?)", award) == 5);

    // The timeline shows the five steps; the list shows it being fixed.
    ui.frame();
    CHECK(f.screen().timeline.size() == 5);
    CHECK(ui.visible("posts.timeline"));
    REQUIRE(f.screen().rows.size() == 1);
    CHECK(f.screen().rows[0].review == posts::ReviewState::Fixing);

    // Past the fix-by date it is due for revocation, and the 应撤销 filter finds it.
    f.app.today = "2027-04-01";
    ui.frame();
    CHECK(f.screen().rows[0].review == posts::ReviewState::DueForRevocation);
    f.addPost("临江区图书馆", "少儿借阅部");
    ui.frame();
    CHECK(f.screen().visible.size() == 2);
    ui.click("posts.filter.status");
    ui.click("posts.filter.status.option.7");
    CHECK(f.screen().visible.size() == 1);
    CHECK(f.screen().rows[static_cast<std::size_t>(f.screen().visible[0])].post.id == post);
}

TEST_CASE("applying for the next level warns (without refusing) until the level below is held 2 years") {
    Fixture f;
    const RowId post = f.addPost("临江区实验小学", "低段语文教研组");
    using namespace jinguo::posts;
    auto step = [](const char* status, const char* date, std::optional<double> score = std::nullopt,
                   const char* doc = "") {
        TransitionRequest r;
        r.status = status;
        r.date = date;
        r.score = score;
        r.docNumber = doc;
        return r;
    };
    const RowId district = f.posts.apply(post, "区", 2025, step(kApply, "2025-03-05"), f.app.today).id;
    REQUIRE(f.posts.transition(district, step(kCreate, "2025-04-08"), f.app.today).ok);
    REQUIRE(f.posts.transition(district, step(kAssess, "2025-10-12", 91), f.app.today).ok);
    REQUIRE(f.posts.transition(district, step(kName, "2025-12-18", std::nullopt, "临妇字〔2025〕33号"), f.app.today).ok);

    test::HeadlessUi ui(f.app);
    ui.click("posts.row." + std::to_string(post));
    ui.click("tr.record.new");
    ui.click("tr.level.1");                              // 市, applied in 2026: only 1 year after
    ui.type("tr.date", "2026-11-20");
    CHECK(ui.visible("tr.conditions_warning"));
    ui.click("tr.level.0");                              // another 区 record is refused, not warned
    CHECK_FALSE(ui.visible("tr.conditions_warning"));

    f.app.today = "2027-05-01";
    ui.click("tr.level.1");
    ui.type("tr.date", "2027-05-01");
    ui.type("tr.year", "2027");
    CHECK_FALSE(ui.visible("tr.conditions_warning"));    // 2027 - 2025 = 2 years held
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    CHECK(f.scalar("SELECT count(*) FROM award WHERE post_id = ?", post) == 2);
}
