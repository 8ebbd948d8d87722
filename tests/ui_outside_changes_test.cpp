// ui_outside_changes_test.cpp — the window and writes made elsewhere, driven
// headless: a second connection (another window, `jinguo import`) writes and
// the next frame shows it; a form opened before its row changed elsewhere
// refuses to save, says which field changed, keeps what was typed and leaves
// the row alone; and every frame ends with the UI connection idle.
#include "core/frame_wake.hpp"
#include "headless_ui.hpp"
#include "support/records_ui.hpp"
#include "storage/activity_store.hpp"
#include "storage/post_store.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_honours.hpp"
#include "ui/screen_units.hpp"
#include "ui/screen_posts.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace jinguo;

namespace {

struct Fixture : test::RecordsUi {

    RowId addVolunteer(storage::Storage& s, const std::string& name, const std::string& phone = "") {
        Person p;
        p.name = name;
        p.phone = phone;
        p.unitId = community;
        return s.insertPerson(p);
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// On a server another connection's commit reaches the window as a
// notification on its socket, possibly after that COMMIT returned: wait for
// it as an idle window does (a file's data_version has moved already; its fd is -1).
void awaitWriteElsewhere(storage::Storage& s) {
    for (int i = 0; i < 50 && !s.writesElsewherePending(); ++i) waitForFrameWake(0.1, {s.writesElsewhereFd()});
}

} // namespace

TEST_CASE("people added by another connection are in the 志愿者 list one frame later") {
    Fixture f;
    f.addVolunteer(f.storage, "王芳");
    f.app.section = ui::Section::Volunteers;
    test::HeadlessUi ui(f.app);
    ui.frame();
    CHECK(ui::volunteersScreen(f.app).shownCount == 1);
    const auto seen = f.app.outsideChangesSeen;

    {   // `jinguo import` in a terminal: its own connection, its own transaction
        storage::Storage other(f.path.str());
        storage::Transaction tx(other.db());
        for (int i = 0; i < 200; ++i) f.addVolunteer(other, "李" + std::to_string(i));
        tx.commit();
    }
    awaitWriteElsewhere(f.storage);
    ui.frame();
    CHECK(f.app.outsideChangesSeen == seen + 1);
    CHECK(f.app.rescanCharacters);                       // the new names get glyphs (the loop rescans)
    CHECK(ui::volunteersScreen(f.app).shownCount == 201);

    // Steady again: frames notice nothing and prepare no statement.
    f.app.rescanCharacters = false;
    const auto prepared = f.storage.db().statementsPrepared();
    ui.frame();
    ui.frame();
    CHECK(f.app.outsideChangesSeen == seen + 1);
    CHECK_FALSE(f.app.rescanCharacters);
    CHECK(f.storage.db().statementsPrepared() == prepared);
}

TEST_CASE("a statement left stepped on the UI connection fails the frame; release builds say it once") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    storage::Statement leak = f.storage.db().prepare("SELECT id FROM org_unit");
    REQUIRE(leak.step());                                // a row, never reset: pins the WAL snapshot
    CHECK_THROWS_WITH_AS(ui.frame(), doctest::Contains("SELECT id FROM org_unit"), storage::StorageError);
    f.app.sqlCheck = ui::SqlCheck::Log;
    CHECK_NOTHROW(ui.frame());
    CHECK(f.app.sqlProblemLogged);
    leak.reset();
    f.app.sqlCheck = ui::SqlCheck::Throw;
    CHECK_NOTHROW(ui.frame());
}

TEST_CASE("志愿者: a form opened before another window changed the phone refuses to save and keeps the typing") {
    Fixture f;
    const RowId id = f.addVolunteer(f.storage, "王芳", "13800001111");
    f.app.section = ui::Section::Volunteers;
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(id));
    ui.type("form.note", "社区骨干");
    {
        storage::Storage other(f.path.str());
        Person p = *other.person(id);
        p.phone = "13812345678";
        other.updatePerson(p);
    }
    ui.frame();                                          // the list sees it; the typed form stays
    ui::VolunteersScreen& screen = ui::volunteersScreen(f.app);
    CHECK(screen.form.note == "社区骨干");
    ui.click("form.save");
    CHECK(screen.form.error
          == "保存失败：打开表单后，“手机号”已被其他人或其他窗口改为138****5678。请核对后重新修改。");
    CHECK(screen.form.note == "社区骨干");               // what the user typed is kept
    CHECK(screen.form.phone == "13800001111");
    CHECK(f.storage.person(id)->note.empty());           // the row is as the other window left it
    CHECK(f.storage.person(id)->phone == "13812345678");

    // Opened again (the typed note is given up: 不保存), the form shows the new phone and saves.
    ui.click("row." + std::to_string(id));
    ui.click("leave.discard");
    ui.frame();
    CHECK(screen.form.phone == "13812345678");
    ui.type("form.note", "社区骨干");
    ui.click("form.save");
    CHECK(screen.form.error.empty());
    CHECK(f.storage.person(id)->note == "社区骨干");
    // And a second save of the same form compares with what it stored.
    ui.type("form.note", "社区骨干，党员");
    ui.click("form.save");
    CHECK(screen.form.error.empty());
    CHECK(f.storage.person(id)->note == "社区骨干，党员");
}

TEST_CASE("志愿者: an untouched form follows the other window's change and saves") {
    Fixture f;
    const RowId id = f.addVolunteer(f.storage, "王芳", "13800001111");
    f.app.section = ui::Section::Volunteers;
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(id));
    {
        storage::Storage other(f.path.str());
        Person p = *other.person(id);
        p.phone = "13812345678";
        other.updatePerson(p);
    }
    awaitWriteElsewhere(f.storage);
    ui.frame();
    ui::VolunteersScreen& screen = ui::volunteersScreen(f.app);
    CHECK(screen.form.phone == "13812345678");
    ui.type("form.note", "社区骨干");
    ui.click("form.save");
    CHECK(screen.form.error.empty());
    CHECK(f.storage.person(id)->note == "社区骨干");
    CHECK(f.storage.person(id)->phone == "13812345678");
}

TEST_CASE("家庭: a stale household form refuses, keeps the typing, leaves the row") {
    Fixture f;
    Family fam;
    fam.headName = "张三";
    fam.address = "望江路12号";
    fam.members = 3;
    fam.unitId = f.community;
    fam.id = f.records.addFamily(fam);
    f.app.section = ui::Section::Families;
    test::HeadlessUi ui(f.app);
    ui.click("family.row." + std::to_string(fam.id));
    ui.type("family.members", "4");
    {
        storage::Storage other(f.path.str());
        storage::RecordStore otherRecords(other);
        Family changed = *otherRecords.family(fam.id);
        changed.address = "望江路14号";
        otherRecords.updateFamily(changed);
    }
    ui.click("family.save");
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    CHECK(screen.form.error
          == "保存失败：打开表单后，“家庭住址”已被其他人或其他窗口改为望江路14号。请核对后重新修改。");
    CHECK(screen.form.members == "4");
    CHECK(screen.form.address == "望江路12号");
    CHECK(f.records.family(fam.id)->members == 3);
    CHECK(f.records.family(fam.id)->address == "望江路14号");
}

TEST_CASE("巾帼文明岗: a stale post form refuses; a lifecycle step after another window's step too") {
    Fixture f;
    storage::PostStore posts(f.storage);
    Post p;
    p.workUnit = "临江区税务局";
    p.name = "办税服务厅";
    p.unitId = f.street;
    p.members = 10;
    p.womenMembers = 8;
    p.womenLeaders = 1;
    p.id = posts.insertPost(p);
    posts::TransitionRequest apply;
    apply.date = "2026-03-01";
    const auto applied = posts.apply(p.id, "区", 2026, apply, f.app.today);
    REQUIRE(applied.ok);
    f.app.section = ui::Section::Posts;
    test::HeadlessUi ui(f.app);
    ui.click("posts.row." + std::to_string(p.id));
    ui::PostsScreen& screen = ui::postsScreen(f.app);
    REQUIRE(screen.selectedId == p.id);

    // The step form (创建 is next) typed into, then another window records 创建.
    ui.type("tr.note", "材料齐全");
    {
        storage::Storage other(f.path.str());
        posts::TransitionRequest create;
        create.status = "创建";
        create.date = "2026-04-01";
        REQUIRE(storage::PostStore(other).transition(applied.id, create, f.app.today).ok);
    }
    ui.frame();
    ui.click("tr.submit");
    CHECK(contains(screen.transition.error, "“状态”已被其他人或其他窗口改为创建"));
    CHECK(screen.transition.note == "材料齐全");
    CHECK(posts.awardsOf(p.id).front().events.size() == 2);   // 申报 and the other window's 创建

    // The post's own form.
    ui.click("post.edit");
    ui.type("post.members", "12");
    {
        storage::Storage other(f.path.str());
        storage::PostStore otherPosts(other);
        Post changed = *otherPosts.post(p.id);
        changed.womenMembers = 9;
        otherPosts.updatePost(changed);
    }
    ui.click("post.save");
    CHECK(screen.form.error
          == "保存失败：打开表单后，“女职工人数”已被其他人或其他窗口改为9。请核对后重新修改。");
    CHECK(screen.form.members == "12");
    CHECK(posts.post(p.id)->members == 10);
    CHECK(posts.post(p.id)->womenMembers == 9);
}

TEST_CASE("组织, 荣誉, 活动: stale forms refuse, keep the typing, leave the row") {
    Fixture f;
    storage::HonourInput honour;
    honour.name = "李梅";
    honour.unitId = f.community;
    honour.title = "三八红旗手";
    honour.level = "区";
    honour.year = 2025;
    const RowId awardId = f.records.saveHonour(honour);
    Activity a;
    a.name = "三八节义诊";
    a.heldOn = "2026-03-08";
    a.unitId = f.community;
    const RowId activityId = storage::ActivityStore(f.storage).insert(a, f.app.today);
    test::HeadlessUi ui(f.app);

    f.app.section = ui::Section::Units;
    ui.click("unit.row." + std::to_string(f.community));
    ui.type("unit.name", "望江新村社区");
    {
        storage::Storage other(f.path.str());
        storage::RecordStore(other).setHouseholds(f.community, 3200);
    }
    ui.click("unit.save");
    CHECK(ui::unitsScreen(f.app).form.error
          == "保存失败：打开表单后，“总户数”已被其他人或其他窗口改为3200。请核对后重新修改。");
    CHECK(ui::unitsScreen(f.app).form.name == "望江新村社区");
    CHECK(f.records.unit(f.community)->name == "望江社区");

    f.app.section = ui::Section::Honours;
    ui.click("honour.row." + std::to_string(awardId));
    ui.type("honour.doc", "临妇〔2025〕3号");
    {
        storage::Storage other(f.path.str());
        storage::HonourInput changed = honour;
        changed.awardId = awardId;
        changed.status = "撤销";
        storage::RecordStore(other).saveHonour(changed);
    }
    ui.click("honour.save");
    CHECK(ui::honoursScreen(f.app).form.error
          == "保存失败：打开表单后，“状态”已被其他人或其他窗口改为撤销。请核对后重新修改。");
    CHECK(ui::honoursScreen(f.app).form.docNumber == "临妇〔2025〕3号");
    CHECK(f.records.honour(awardId)->docNumber.empty());

    f.app.section = ui::Section::Volunteers;
    ui.frame();                                          // a tab bar lays its tabs out in its first frame
    ui.click("tab.activities");
    ui.click("act.row." + std::to_string(activityId));
    ui.type("act.form.participants", "40");
    {
        storage::Storage other(f.path.str());
        storage::ActivityStore otherStore(other);
        Activity changed = *otherStore.activity(activityId);
        changed.heldOn = "2026-03-07";
        otherStore.update(changed, f.app.today);
    }
    ui.click("act.form.save");
    CHECK(ui::volunteersScreen(f.app).activities.form.error
          == "保存失败：打开表单后，“活动日期”已被其他人或其他窗口改为2026-03-07。请核对后重新修改。");
    CHECK(ui::volunteersScreen(f.app).activities.form.participants == "40");
    CHECK(storage::ActivityStore(f.storage).activity(activityId)->participants == 0);
}
