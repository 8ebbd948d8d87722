// ui_unsaved_test.cpp — leaving a form with unsaved edits asks first
// (表单有未保存的修改: 保存 / 不保存 / 取消): another row, 新建, another section,
// the window's close button. Volunteers and units, on a real database file.
#include "headless_ui.hpp"
#include "storage/activity_store.hpp"
#include "storage/post_store.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/leave_guard.hpp"
#include "storage/settings_store.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_posts.hpp"
#include "ui/screen_settings.hpp"
#include "ui/screen_units.hpp"
#include "ui/screen_volunteers.hpp"
#include "support/district.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId street = 0, community = 0, otherCommunity = 0;
    RowId first = 0, second = 0;
    // The 志愿者 list reads through ui::Tasks: inline, its rows arrive in the
    // frame that asks for them.
    ui::InlineTaskExecutor listTasks;
    ui::ScopedTaskExecutor useListTasks{listTasks};
    ui::AppState app{storage};

    Fixture() {
        const test::District built = test::buildDistrict(
            storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 2000}, {"书院社区", 1500}}}}});
        street = built.street(0);
        community = built.community(0);
        otherCommunity = built.community(1);
        first = storage.insertPerson(person("李淼"));
        second = storage.insertPerson(person("王芳"));
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
    }
    Person person(const char* name) const {
        Person p;
        p.name = name;
        p.unitId = community;
        p.joinedOn = "2025-01-02";
        return p;
    }
    std::string storedName(RowId id) { return storage.person(id)->name; }
    RowId addActivity(storage::ActivityStore& store, const char* name, const char* heldOn) const {
        Activity act;
        act.name = name;
        act.heldOn = heldOn;
        act.unitId = community;
        return store.insert(act, "2026-11-29");
    }
    RowId addPost(storage::PostStore& posts, const char* workUnit) const {
        Post p;
        p.workUnit = workUnit;
        p.name = "服务窗口";
        p.unitId = street;
        p.members = 12;
        p.womenMembers = 9;
        p.womenLeaders = 1;
        return posts.insertPost(p);
    }
};

std::string row(RowId id) { return "row." + std::to_string(id); }
std::string unitRow(RowId id) { return "unit.row." + std::to_string(id); }

// An answer acts in the frame it is clicked; what it goes on to runs one frame later.
void answer(test::HeadlessUi& ui, const std::string& key) {
    ui.click(key);
    ui.frame();
}

ui::VolunteersScreen& vol(Fixture& f) { return ui::volunteersScreen(f.app); }

// The first volunteer open, with its name edited and not saved.
void editFirst(Fixture& f, test::HeadlessUi& ui) {
    ui.click(row(f.first));
    REQUIRE(vol(f).selectedId == f.first);
    ui.type("form.name", "李淼淼");
    REQUIRE(vol(f).form.name == "李淼淼");
}

} // namespace

TEST_CASE("volunteers: another row with an edited form asks; 取消 keeps the edit and the selection") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    editFirst(f, ui);
    ui.click(row(f.second));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    CHECK(ui.visible("leave.discard"));
    CHECK(vol(f).selectedId == f.first);          // nothing moved while asking
    answer(ui, "leave.cancel");
    CHECK_FALSE(ui.visible("leave.save"));
    CHECK(vol(f).selectedId == f.first);
    CHECK(vol(f).form.personId == f.first);
    CHECK(vol(f).form.name == "李淼淼");
    CHECK(f.storedName(f.first) == "李淼");
}

TEST_CASE("volunteers: 不保存 discards the edit and moves to the row clicked") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    editFirst(f, ui);
    ui.click(row(f.second));
    answer(ui, "leave.discard");
    CHECK(vol(f).selectedId == f.second);
    CHECK(vol(f).form.personId == f.second);
    CHECK(vol(f).form.name == "王芳");
    CHECK(f.storedName(f.first) == "李淼");
    // Back on the first: it shows what is stored, the edit is gone.
    ui.click(row(f.first));
    CHECK_FALSE(ui.visible("leave.save"));
    CHECK(vol(f).form.name == "李淼");
}

TEST_CASE("volunteers: 保存 writes the edit to the database and moves") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    editFirst(f, ui);
    ui.click(row(f.second));
    answer(ui, "leave.save");
    CHECK(f.storedName(f.first) == "李淼淼");
    CHECK(vol(f).selectedId == f.second);
    CHECK(vol(f).form.name == "王芳");
    CHECK_FALSE(ui.visible("leave.save"));
}

TEST_CASE("volunteers: a refused save stays on the form with the reason") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    editFirst(f, ui);
    ui.type("form.phone", "1381234567");           // 10 digits: refused
    ui.click(row(f.second));
    answer(ui, "leave.save");
    CHECK(vol(f).selectedId == f.first);
    CHECK(vol(f).form.name == "李淼淼");
    CHECK_FALSE(vol(f).form.error.empty());
    CHECK(f.storedName(f.first) == "李淼");

    // Saved meanwhile by someone else: StaleFormError, still on the form.
    ui.type("form.phone", "13812345678");
    Person changed = *f.storage.person(f.first);
    changed.note = "别处修改";
    f.storage.updatePerson(changed);
    ui.click(row(f.second));
    answer(ui, "leave.save");
    CHECK(vol(f).selectedId == f.first);
    CHECK(vol(f).form.error.find("保存失败") != std::string::npos);
    CHECK(f.storedName(f.first) == "李淼");
}

TEST_CASE("volunteers: clicking the open row again with an edit asks before reloading it") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    editFirst(f, ui);
    ui.click(row(f.first));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(vol(f).form.name == "李淼淼");
    ui.click(row(f.first));
    answer(ui, "leave.discard");
    CHECK(vol(f).selectedId == f.first);
    CHECK(vol(f).form.name == "李淼");
}

TEST_CASE("volunteers: an unchanged form moves without asking, an edited one asks") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click(row(f.first));
    ui.type("form.name", "李淼淼");
    ui.type("form.name", "李淼");                  // typed back: nothing differs
    ui.click(row(f.second));
    ui.frame();
    CHECK_FALSE(ui.visible("leave.save"));
    CHECK(vol(f).selectedId == f.second);
    // … while the same click after a real edit asks.
    ui.type("form.note", "社区骨干");
    ui.click(row(f.first));
    ui.frame();
    CHECK(ui.visible("leave.save"));
    CHECK(vol(f).selectedId == f.second);
}

TEST_CASE("volunteers: a new form with a name typed asks before 新建 or another row") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("add_volunteer");
    ui.click(row(f.first));                        // nothing typed: moves
    ui.frame();
    CHECK_FALSE(ui.visible("leave.save"));
    CHECK(vol(f).selectedId == f.first);

    ui.click("add_volunteer");
    ui.type("form.name", "赵敏");
    ui.click(row(f.first));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.discard");
    CHECK(vol(f).selectedId == f.first);
    CHECK(f.storage.volunteerRows().size() == 2);

    editFirst(f, ui);
    ui.click("add_volunteer");
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.save");
    CHECK(f.storedName(f.first) == "李淼淼");
    CHECK(vol(f).form.open);
    CHECK(vol(f).form.personId == 0);              // the new form it went on to
}

TEST_CASE("volunteers: switching section with an edited form asks") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    editFirst(f, ui);
    ui.click("section.families");
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    CHECK(f.app.section == ui::Section::Volunteers);
    answer(ui, "leave.cancel");
    CHECK(f.app.section == ui::Section::Volunteers);
    CHECK(vol(f).form.name == "李淼淼");

    ui.click("section.families");
    answer(ui, "leave.discard");
    CHECK(f.app.section == ui::Section::Families);
    CHECK(f.storedName(f.first) == "李淼");
    // Back again: the form shows what is stored and leaves without asking.
    ui.click("section.volunteers");
    CHECK(vol(f).form.name == "李淼");
    ui.click("section.units");
    ui.frame();
    CHECK_FALSE(ui.visible("leave.save"));
    CHECK(f.app.section == ui::Section::Units);
}

TEST_CASE("the close button with an edited form asks, and closes only after the answer") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::requestClose(f.app);                       // nothing edited: closes at once
    CHECK(f.app.closeNow);
    f.app.closeNow = false;

    editFirst(f, ui);
    ui::requestClose(f.app);
    ui.frame();
    ui.frame();
    CHECK_FALSE(f.app.closeNow);
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK_FALSE(f.app.closeNow);
    CHECK(vol(f).form.name == "李淼淼");

    ui::requestClose(f.app);
    ui.frame();
    answer(ui, "leave.save");
    CHECK(f.app.closeNow);
    CHECK(f.storedName(f.first) == "李淼淼");

    f.app.closeNow = false;
    ui.type("form.name", "李三");
    ui::requestClose(f.app);
    ui.frame();
    answer(ui, "leave.discard");
    CHECK(f.app.closeNow);
    CHECK(f.storedName(f.first) == "李淼淼");
}

TEST_CASE("units: another row with edited households asks; 取消, 不保存, 保存") {
    Fixture f;
    f.app.section = ui::Section::Units;
    test::HeadlessUi ui(f.app);
    ui::UnitsScreen& s = ui::unitsScreen(f.app);
    storage::RecordStore records(f.storage);

    ui.click(unitRow(f.community));
    ui.type("unit.households", "2100");
    ui.click(unitRow(f.otherCommunity));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(s.selectedId == f.community);
    CHECK(s.form.households == "2100");

    ui.click(unitRow(f.otherCommunity));
    answer(ui, "leave.discard");
    CHECK(s.selectedId == f.otherCommunity);
    CHECK(records.unit(f.community)->households == 2000);

    ui.type("unit.households", "1600");
    ui.click(unitRow(f.community));
    answer(ui, "leave.save");
    CHECK(records.unit(f.otherCommunity)->households == 1600);
    CHECK(s.selectedId == f.community);
    CHECK(s.form.households == "2000");

    // Unchanged: moves at once.
    ui.click(unitRow(f.street));
    ui.frame();
    CHECK_FALSE(ui.visible("leave.save"));
    CHECK(s.selectedId == f.street);

    // Switching section and closing ask too.
    ui.type("unit.name", "滨江新街道");
    ui.click("section.overview");
    answer(ui, "leave.discard");
    CHECK(f.app.section == ui::Section::Overview);
    CHECK(records.unit(f.street)->name == "滨江街道");
}

TEST_CASE("巾帼文明岗: an edited post form asks before another row; 保存 writes it") {
    Fixture f;
    f.app.section = ui::Section::Posts;
    storage::PostStore posts(f.storage);
    const RowId a = f.addPost(posts, "滨江医院");
    const RowId b = f.addPost(posts, "望江供电所");
    test::HeadlessUi ui(f.app);
    ui::PostsScreen& s = ui::postsScreen(f.app);
    ui.click("posts.row." + std::to_string(a));
    ui.click("post.edit");
    ui.type("post.contact", "张敏");
    ui.click("posts.row." + std::to_string(b));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(s.selectedId == a);
    CHECK(s.form.contactName == "张敏");
    ui.click("posts.row." + std::to_string(b));
    answer(ui, "leave.save");
    CHECK(posts.post(a)->contactName == "张敏");
    CHECK(s.selectedId == b);
    CHECK_FALSE(s.form.open);
}

TEST_CASE("设置: an unsaved rule asks before another section; 不保存 puts the stored value back") {
    Fixture f;
    f.app.section = ui::Section::Settings;
    test::HeadlessUi ui(f.app);
    ui::SettingsScreen& s = ui::settingsScreen(f.app);
    const std::string stored = s.form["points.per_verified_hour"];
    ui.type("rule.points.per_verified_hour", "1.5");
    ui.click("section.volunteers");
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(f.app.section == ui::Section::Settings);
    CHECK(s.form["points.per_verified_hour"] == "1.5");
    ui.click("section.volunteers");
    answer(ui, "leave.discard");
    CHECK(f.app.section == ui::Section::Volunteers);
    CHECK(s.form["points.per_verified_hour"] == stored);
    CHECK(ui::unsavedKeys(s).empty());
}

TEST_CASE("家庭: an edited household asks before another row and before 新建; 保存 writes it") {
    Fixture f;
    f.app.section = ui::Section::Families;
    ui::InlineTaskExecutor tasks;   // the 家庭 list arrives in the frame that asks for it
    ui::ScopedTaskExecutor useTasks{tasks};
    storage::RecordStore records(f.storage);
    const RowId a = records.addFamily({0, "陈静", "望江路1号", 3, f.community, ""});
    const RowId b = records.addFamily({0, "周敏", "望江路2号", 4, f.community, ""});
    test::HeadlessUi ui(f.app);
    ui::FamiliesScreen& s = ui::familiesScreen(f.app);
    ui.click("family.row." + std::to_string(a));
    ui.type("family.members", "5");
    ui.click("family.row." + std::to_string(b));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(s.selectedId == a);
    CHECK(s.form.members == "5");
    ui.click("family.add");
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.save");
    CHECK(records.family(a)->members == 5);
    CHECK(s.form.open);
    CHECK(s.form.familyId == 0);                   // the new form it went on to
}

TEST_CASE("活动: an edited activity asks on another row, and on leaving the section from the other tab") {
    Fixture f;
    storage::ActivityStore store(f.storage);
    const RowId a = f.addActivity(store, "四点半课堂", "2026-11-01");
    const RowId b = f.addActivity(store, "垃圾分类宣传", "2026-11-08");
    test::HeadlessUi ui(f.app);
    ui::ActivitiesScreen& s = ui::volunteersScreen(f.app).activities;
    ui.click("tab.activities");
    ui.click("act.row." + std::to_string(a));
    ui.type("act.form.participants", "30");
    ui.click("act.row." + std::to_string(b));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(s.selectedId == a);

    // The form is out of sight on the roster tab; leaving the section still asks.
    ui.click("tab.roster");
    ui.click("section.families");
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.save");
    CHECK(f.app.section == ui::Section::Families);
    CHECK(store.activity(a)->participants == 30);
}

TEST_CASE("家庭: a half-typed title on a household asks before another household; 保存 adds it, 不保存 drops it") {
    Fixture f;
    f.app.section = ui::Section::Families;
    ui::InlineTaskExecutor tasks;   // the 家庭 list arrives in the frame that asks for it
    ui::ScopedTaskExecutor useTasks{tasks};
    storage::RecordStore records(f.storage);
    const RowId a = records.addFamily({0, "陈静", "望江路1号", 3, f.community, ""});
    const RowId b = records.addFamily({0, "周敏", "望江路2号", 4, f.community, ""});
    test::HeadlessUi ui(f.app);
    ui::FamiliesScreen& s = ui::familiesScreen(f.app);
    ui.click("family.row." + std::to_string(a));
    ui.type("award.custom", "平安家庭");
    ui.type("award.year", "2026");
    s.awardForm.level = "区";   // the level combo, chosen
    ui.click("family.row." + std::to_string(b));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(s.selectedId == a);
    CHECK(s.awardForm.customTitle == "平安家庭");
    CHECK(records.familyAwards(a).empty());

    ui.click("family.row." + std::to_string(b));
    ui.frame();
    answer(ui, "leave.save");
    ui.frame();
    REQUIRE_MESSAGE(records.familyAwards(a).size() == 1, s.awardForm.error);
    CHECK(records.familyAwards(a)[0].title == "平安家庭");
    CHECK(s.selectedId == b);

    ui.type("award.custom", "五好文明家庭");
    ui.click("family.row." + std::to_string(a));
    ui.frame();
    answer(ui, "leave.discard");
    ui.frame();
    CHECK(s.selectedId == a);
    CHECK(records.familyAwards(b).empty());
    CHECK(s.awardForm.customTitle.empty());
}

TEST_CASE("巾帼文明岗: a step typed and not 登记ed asks before another post; 保存 records it, 不保存 clears it") {
    Fixture f;
    f.app.section = ui::Section::Posts;
    storage::PostStore posts(f.storage);
    const RowId a = f.addPost(posts, "滨江医院");
    const RowId b = f.addPost(posts, "望江供电所");
    test::HeadlessUi ui(f.app);
    ui::PostsScreen& s = ui::postsScreen(f.app);
    ui.click("posts.row." + std::to_string(a));
    ui.frame();
    ui.type("tr.note", "街道推荐");   // a new application (申报) with a note
    ui.click("posts.row." + std::to_string(b));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(s.selectedId == a);
    CHECK(s.transition.note == "街道推荐");
    CHECK(posts.awardsOf(a).empty());

    ui.click("posts.row." + std::to_string(b));
    ui.frame();
    answer(ui, "leave.save");
    ui.frame();
    CHECK(s.selectedId == b);
    REQUIRE_MESSAGE(posts.awardsOf(a).size() == 1, s.transition.error);

    ui.type("tr.note", "再议");
    ui.click("posts.row." + std::to_string(a));
    ui.frame();
    answer(ui, "leave.discard");
    ui.frame();
    CHECK(s.selectedId == a);
    CHECK(posts.awardsOf(b).empty());
}

TEST_CASE("设置: a new title's name typed and not 添加ed asks before another section; 保存 adds it") {
    Fixture f;
    f.app.section = ui::Section::Settings;
    test::HeadlessUi ui(f.app);
    ui::SettingsScreen& s = ui::settingsScreen(f.app);
    ui.click("settings.tab.titles");
    const std::size_t before = s.titles.size();
    ui.type("title.add.name", "护河先锋家庭");
    ui.click("section.volunteers");
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(f.app.section == ui::Section::Settings);
    CHECK(s.add.name == "护河先锋家庭");
    ui.click("section.volunteers");
    answer(ui, "leave.save");
    CHECK_MESSAGE(f.app.section == ui::Section::Volunteers, s.titleError << " | " << s.titleMessage << " | " << ui.visible("leave.save"));
    bool added = false;
    for (const auto& row : storage::SettingsStore(f.storage).titles()) added = added || row.title.name == "护河先锋家庭";
    CHECK(added);
    CHECK(s.add.name.empty());
    CHECK(before > 0);
}

TEST_CASE("活动: volunteers picked for the service and not 记录ed ask before another activity; 保存 records them") {
    Fixture f;
    storage::ActivityStore store(f.storage);
    const RowId a = f.addActivity(store, "四点半课堂", "2026-11-01");
    const RowId b = f.addActivity(store, "垃圾分类宣传", "2026-11-08");
    test::HeadlessUi ui(f.app);
    ui::ActivitiesScreen& s = ui::volunteersScreen(f.app).activities;
    ui.click("tab.activities");
    ui.click("act.row." + std::to_string(a));
    ui.type("act.pick.search", "王芳");
    ui.click("act.pick." + std::to_string(f.second));
    REQUIRE(s.batch.picked.size() == 1);
    ui.click("act.row." + std::to_string(b));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(s.selectedId == a);
    CHECK(s.batch.picked.size() == 1);
    CHECK(store.records(a).empty());

    ui.click("act.row." + std::to_string(b));
    ui.frame();
    answer(ui, "leave.save");
    ui.frame();
    CHECK(s.selectedId == b);
    REQUIRE(store.records(a).size() == 1);
    CHECK(store.records(a)[0].personName == "王芳");
    CHECK(s.batch.picked.empty());
}

TEST_CASE("volunteers: service hours typed and not added ask before another volunteer; 保存 adds the record") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click(row(f.first));
    ui.type("record.hours", "2.5");
    ui.click(row(f.second));
    ui.frame();
    REQUIRE(ui.visible("leave.save"));
    answer(ui, "leave.cancel");
    CHECK(vol(f).selectedId == f.first);
    CHECK(f.storage.serviceRecordsOf(f.first).empty());
    ui.click(row(f.second));
    ui.frame();
    answer(ui, "leave.save");
    ui.frame();
    CHECK(vol(f).selectedId == f.second);
    const auto records = f.storage.serviceRecordsOf(f.first);
    REQUIRE(records.size() == 1);
    CHECK(records[0].hours == doctest::Approx(2.5));
    CHECK(vol(f).recordForm.hours.empty());
}
