// ui_settings_test.cpp — 设置 driven headless: rules refused and saved,
// restore with its confirmation, the title catalogue, the badge catalogue, and
// the announcement of new badges; results checked in the database.
#include "headless_ui.hpp"
#include "storage/badge_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/badge_announcer.hpp"
#include "ui/screen_settings.hpp"
#include "ui/ui_strings.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId community = 0;
    ui::AppState app{storage};

    Fixture() {
        community = test::buildDistrict(storage, {2000, {}, {{"望江社区", 2000}}}).community(0);
        app.today = "2026-11-29";
        app.section = ui::Section::Settings;
    }
    ui::SettingsScreen& screen() { return ui::settingsScreen(app); }
    double titlePoints(RowId id) {
        storage::Statement st = storage.db().prepare("SELECT points FROM award_title WHERE id = ?");
        st.bind(1, id);
        return st.step() ? st.columnDouble(0) : -1;
    }
    bool titleActive(RowId id) {
        storage::Statement st = storage.db().prepare("SELECT active FROM award_title WHERE id = ?");
        st.bind(1, id);
        return st.step() && st.columnInt(0) == 1;
    }
};

bool contains(const std::vector<std::string>& texts, const std::string& part) {
    for (const std::string& t : texts)
        if (t.find(part) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("a negative points value is refused with the form kept; corrected, it is saved") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.type("rule.points.per_verified_hour", "-1");
    CHECK(f.screen().form.at("points.per_verified_hour") == "-1");
    CHECK(ui::unsavedKeys(f.screen()) == std::vector<std::string>{"points.per_verified_hour"});
    ui.click("rules.save");
    CHECK(contains(f.screen().problems, "不能是负数"));
    CHECK(f.storage.setting("points.per_verified_hour", "") == "1");
    CHECK(f.screen().form.at("points.per_verified_hour") == "-1");   // kept as typed

    ui.type("rule.points.per_verified_hour", "1.5");
    ui.click("rules.save");
    CHECK(f.screen().problems.empty());
    CHECK(f.screen().message == ui::str::kSetSaved);
    CHECK(f.storage.setting("points.per_verified_hour", "") == "1.5");
    CHECK(ui::unsavedKeys(f.screen()).empty());
}

TEST_CASE("star thresholds that do not increase are refused; regional ones are saved") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.type("rule.stars.thresholds", "100,300,200");
    ui.click("rules.save");
    CHECK(contains(f.screen().problems, "逐级增加"));
    CHECK(f.storage.setting("stars.thresholds", "") == "100,300,600,1000,1500");
    ui.type("rule.stars.thresholds", "100，200，500，800，1000");
    ui.click("rules.save");
    CHECK(f.screen().problems.empty());
    CHECK(f.storage.setting("stars.thresholds", "") == "100,200,500,800,1000");
}

TEST_CASE("restore defaults asks first; cancel keeps the rules, confirm restores them") {
    Fixture f;
    f.storage.setSetting("points.per_activity", "9");
    f.storage.setSetting("badge.team_size", "30");
    test::HeadlessUi ui(f.app);
    CHECK(f.screen().form.at("points.per_activity") == "9");
    CHECK_FALSE(ui.visible("rules.confirm_restore"));
    ui.click("rules.restore");
    CHECK(ui.visible("rules.confirm_restore"));
    ui.click("rules.cancel_restore");
    CHECK(f.storage.setting("points.per_activity", "") == "9");

    ui.click("rules.restore");
    ui.click("rules.confirm_restore");
    CHECK(f.storage.setting("points.per_activity", "") == "2");
    CHECK(f.storage.setting("badge.team_size", "") == "100");
    CHECK(f.screen().form.at("points.per_activity") == "2");
    CHECK(f.screen().message == ui::str::kSetRestored);
}

TEST_CASE("the badge tab lists at least 12 badges with names and rules, and edits their thresholds") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("settings.tab.badges");
    CHECK(ui.visible("badge.first_service"));
    CHECK(f.screen().badges.size() >= 12);
    int people = 0, units = 0;
    for (const BadgeInfo& b : f.screen().badges) {
        CHECK_FALSE(b.name.empty());
        CHECK_FALSE(b.rule.empty());
        (b.subject == BadgeSubject::Person ? people : units) += 1;
    }
    CHECK(people >= 6);
    CHECK(units >= 6);
    ui.type("rule.badge.occasions_few", "20");
    ui.click("rules.save");
    CHECK(f.storage.setting("badge.occasions_few", "") == "20");
    ui.frame();
    bool renamed = false;
    for (const BadgeInfo& b : f.screen().badges) renamed = renamed || b.name == "二十次同行";
    CHECK(renamed);
}

TEST_CASE("the badge tab counts each badge on a Task, not on the frame loop") {
    Fixture f;
    const std::string unit = std::to_string(f.community);
    f.storage.db().exec("INSERT INTO badge_earned(badge_code, unit_id, period, earned_on, announced) VALUES "
                        "('first_service', " + unit + ", 'a', '2026-01-01', 1), ('first_service', " + unit + ", 'b', '2026-01-02', 1), "
                        "('occasions_few', " + unit + ", 'c', '2026-01-03', 1)");
    ui::ManualTaskExecutor tasks;   // the count waits until runAll(), as on a big file
    ui::ScopedTaskExecutor useTasks(tasks);
    test::HeadlessUi ui(f.app);
    ui.click("settings.tab.badges");
    f.storage.db().meterWork();
    ui.frame();
    CHECK(f.storage.db().workDone() < 1000);   // nothing counted on the UI connection
    CHECK(f.screen().badgeCounts.result() == nullptr);
    CHECK(ui::viewsWaiting() > 0);
    tasks.runAll();
    ui.frame();
    REQUIRE(f.screen().badgeCounts.result() != nullptr);
    CHECK(f.screen().badgeCounts.result()->at("first_service") == 2);
    CHECK(f.screen().badgeCounts.result()->at("occasions_few") == 1);
    CHECK(f.screen().badgeCounts.result()->count("months_streak") == 0);
}

TEST_CASE("the title catalogue: add, reprice, retire, delete an unused title; a title in use is not deleted") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("settings.tab.titles");
    ui.type("title.add.name", "一心向党家庭");   // sorts first among the family titles
    ui.type("title.add.points", "12");
    ui.click("title.add.submit");
    const RowId mine = f.storage.awardTitleId("一心向党家庭", "family", "区");
    REQUIRE(mine != 0);
    CHECK(f.titlePoints(mine) == 12);
    CHECK(f.screen().titleMessage == ui::str::kSetTitleAdded);

    ui.click("title.row." + std::to_string(mine));
    CHECK(f.screen().edit.id == mine);
    ui.type("title.edit.points", "15");
    ui.click("title.edit.save");
    CHECK(f.titlePoints(mine) == 15);
    ui.click("title.edit.retire");
    CHECK_FALSE(f.titleActive(mine));
    ui.click("title.edit.delete");
    CHECK(f.storage.awardTitleId("一心向党家庭", "family", "区") == 0);
    CHECK(f.screen().edit.id == 0);

    // A negative price is refused before it reaches the store.
    const RowId used = f.storage.awardTitleId("五好文明家庭", "family", "社区");
    Family fam;
    fam.headName = "张兰";
    fam.unitId = f.community;
    Award a;
    a.titleId = used;
    a.year = 2026;
    a.familyId = f.storage.insertFamily(fam);
    a.unitId = f.community;
    f.storage.insertAward(a);
    ui.frame();
    // The filter finds a title far down the list; other titles leave the table.
    const RowId safe = f.storage.awardTitleId("平安家庭", "family", "全国");
    ui.type("title.filter", "平安");
    CHECK(ui.visible("title.row." + std::to_string(safe)));
    CHECK_FALSE(ui.visible("title.row." + std::to_string(used)));
    ui.type("title.filter", "五好");
    ui.click("title.row." + std::to_string(used));
    ui.type("title.edit.points", "-5");
    ui.click("title.edit.save");
    CHECK(f.screen().titleError == ui::str::kSetPointsInvalid);
    CHECK(f.titlePoints(used) == 5);
    ui.click("title.edit.delete");
    CHECK(f.screen().titleError.find("正在使用") != std::string::npos);
    CHECK(f.storage.awardTitleId("五好文明家庭", "family", "社区") == used);
}

TEST_CASE("a steady settings screen runs no SQL on any tab") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    for (const char* tab : {"settings.tab.rules", "settings.tab.badges", "settings.tab.titles"}) {
        ui.click(tab);
        ui.frame();
        const auto before = f.storage.db().statementsPrepared();
        for (int i = 0; i < 5; ++i) ui.frame();
        CHECK(f.storage.db().statementsPrepared() == before);
    }
}

TEST_CASE("new badges are announced in a card; 知道了 marks them announced and the card goes") {
    Fixture f;
    // Evaluated once while empty: the badges below are news, not a backfill
    // (ui_badge_backfill_test covers the first evaluation of existing data).
    storage::BadgeStore(f.storage).evaluate({2026, 1, 1});
    Person p;
    p.name = "林小雨";
    p.unitId = f.community;
    p.joinedOn = "2026-01-01";
    const RowId who = f.storage.insertPerson(p);
    f.storage.insertServiceRecord({0, who, 0, "2026-03-08", 2, "", true, ""});
    f.app.section = ui::Section::Overview;
    test::HeadlessUi ui(f.app);

    // Headless (no renderer) the automatic mode stays idle: nothing evaluated.
    for (int i = 0; i < 3; ++i) ui.frame();
    CHECK(f.storage.count("badge_earned") == 0);
    CHECK_FALSE(ui.visible("badges.card"));

    ui::InlineTaskExecutor tasks;   // evaluated inside the frame
    ui::ScopedTaskExecutor useTasks(tasks);
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(f.app);
    announcer.mode = ui::BadgeAnnouncer::Mode::Always;
    ui.frame();
    ui.frame();
    CHECK(f.storage.count("badge_earned") == 1);   // 初心启航 for the first service
    CHECK(ui.visible("badges.card"));
    CHECK(announcer.waiting == 1);
    REQUIRE(announcer.shown.size() == 1);
    CHECK(announcer.shown[0].name == "初心启航");
    CHECK(announcer.shown[0].subjectName == "林小雨");
    CHECK(announcer.shown[0].earnedOn == "2026-03-08");

    // Steady: no evaluation and no SQL while the card waits.
    const auto before = f.storage.db().statementsPrepared();
    for (int i = 0; i < 5; ++i) ui.frame();
    CHECK(f.storage.db().statementsPrepared() == before);

    ui.click("badges.dismiss");
    ui.frame();
    CHECK_FALSE(ui.visible("badges.card"));
    CHECK(storage::BadgeStore(f.storage).unannouncedCount() == 0);

    // A new step is announced after the change that earned it.
    for (const char* d : {"2026-04-01", "2026-05-01"}) f.storage.insertServiceRecord({0, who, 0, d, 2, "", true, ""});
    ui.frame();
    ui.frame();
    CHECK(ui.visible("badges.card"));
    REQUIRE(announcer.shown.size() == 1);
    CHECK(announcer.shown[0].code == "months_streak");   // March, April, May
    CHECK(announcer.shown[0].earnedOn == "2026-05-01");
}
