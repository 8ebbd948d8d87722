// ui_creation_kinds_test.cpp — creation award kinds on the creation awards
// screen, driven headless: a 巾帼示范村 added under its kind and taken through
// 申报 → 创建 → 考核验收 → 命名 → 复核 from the window, kept out of the 巾帼文明岗
// list; and a kind the organizer adds (妇女之家) from the window, with a refused
// save that keeps what was typed.
#include "headless_ui.hpp"
#include "storage/post_store.hpp"
#include "storage/storage.hpp"
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
        street = storage.insertUnit({0, district, "桃源镇", UnitKind::Town, 3000, 0});
        app.today = "2026-11-29";
        app.section = ui::Section::Posts;
    }
    ui::PostsScreen& screen() { return ui::postsScreen(app); }
    RowId kindNamed(const std::string& name) {
        for (const posts::CreationKind& k : posts.kinds())
            if (k.name == name) return k.id;
        return 0;
    }
    std::string text(const char* sql, RowId id) {
        storage::Statement st = storage.db().prepare(sql);
        st.bind(1, id);
        REQUIRE(st.step());
        return st.columnText(0);
    }
};

void submit(test::HeadlessUi& ui) {
    ui.click("tr.submit");
    ui.frame();
}

} // namespace

TEST_CASE("a 巾帼示范村 goes 申报 → 创建 → 考核验收 → 命名 → 复核 from the window, under its own kind") {
    Fixture f;
    const RowId villageKind = f.kindNamed("巾帼示范村");
    REQUIRE(villageKind != 0);
    test::HeadlessUi ui(f.app);
    ui.frame();
    CHECK(f.screen().kindId == kPostKindId);   // the screen opens on 巾帼文明岗
    ui.click("posts.kind." + std::to_string(villageKind));
    ui.frame();
    REQUIRE(f.screen().kindId == villageKind);

    ui.click("posts.add");
    ui.type("post.work_unit", "桃源镇");
    ui.type("post.name", "桃花村");
    ui.click("post.save");
    REQUIRE(f.storage.count("post") == 1);
    const RowId village = f.screen().selectedId;
    CHECK(f.posts.post(village)->kindId == villageKind);
    ui.frame();
    // The village's conditions are the ladder only (no members' figures for a village).
    CHECK(f.screen().conditions.size() == 1);

    // 申报 at its lowest level (区), this year.
    ui.click("tr.level.0");
    ui.type("tr.date", "2026-03-05");
    submit(ui);
    REQUIRE(f.screen().transition.error.empty());
    const RowId award = f.screen().transition.awardId;
    REQUIRE(award != 0);
    CHECK(f.text("SELECT t.name || '/' || t.level FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.id = ?",
                 award) == "巾帼示范村/区");

    ui.type("tr.date", "2026-04-08");               // 创建 (the form moved on)
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    ui.type("tr.date", "2026-10-12");               // 考核验收
    ui.type("tr.score", "86");
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    ui.type("tr.date", "2026-11-16");               // 命名
    ui.type("tr.doc", "临妇字〔2026〕41号");
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    CHECK(f.text("SELECT status FROM award WHERE id = ?", award) == "命名");
    CHECK(f.screen().transition.status == 4);      // on to 复核
    ui.type("tr.date", "2026-11-20");               // 复核, passed
    ui.type("tr.score", "90");
    submit(ui);
    CHECK(f.screen().transition.error.empty());
    CHECK(f.text("SELECT status FROM award WHERE id = ?", award) == "复核");
    CHECK(f.text("SELECT doc_number FROM award WHERE id = ?", award) == "临妇字〔2026〕41号");
    CHECK(f.text("SELECT group_concat(status, ',') FROM (SELECT status FROM award_event WHERE award_id = ? ORDER BY id)",
                 award) == "申报,创建,考核验收,命名,复核");
    CHECK(f.screen().timeline.size() == 5);
    REQUIRE(f.screen().visible.size() == 1);

    // The 巾帼文明岗 list does not show the village.
    ui.click("posts.kind." + std::to_string(kPostKindId));
    ui.frame();
    CHECK(f.screen().kindId == kPostKindId);
    CHECK(f.screen().visible.empty());
    CHECK(f.screen().totalPosts == 0);
}

TEST_CASE("the organizer adds a kind from the window; a refused save keeps what was typed") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.frame();
    ui.click("posts.kind.add");
    ui.frame();
    ui.type("kind.name", "妇女之家");
    ui.type("kind.subject", "家");
    ui.click("kind.save");                          // no level ticked
    CHECK(f.screen().kindForm.error.find("级别") != std::string::npos);
    CHECK(f.screen().kindForm.name == "妇女之家");
    CHECK(f.posts.kinds().size() == 3);

    ui.click("kind.level." + std::to_string(rankOf(TitleLevel::District)));
    ui.click("kind.level." + std::to_string(rankOf(TitleLevel::County)));
    ui.click("kind.save");
    ui.frame();
    ui.frame();
    const RowId kind = f.kindNamed("妇女之家");
    REQUIRE(kind != 0);
    CHECK(f.posts.kind(kind)->levels == std::vector<std::string>{"区", "县(市)"});
    CHECK(f.screen().kindId == kind);               // the new kind is shown
    CHECK_FALSE(f.screen().kindForm.open);
}
