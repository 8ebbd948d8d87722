// ui_activities_test.cpp — 志愿者 › 活动 driven headless: add an activity,
// record service for several volunteers picked by pinyin (refused whole when
// one breaks the 24-hour rule, the typed hours kept), filter by year and unit.
#include "headless_ui.hpp"
#include "ui/task_runner.hpp"
#include "storage/activity_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_volunteers.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId street = 0, wangjiang = 0, binhe = 0, fang = 0, kun = 0;
    // The 志愿者 list and the picker read through ui::Tasks: inline, a
    // result arrives in the frame that asks for it.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    Fixture() {
        const test::District built = test::buildDistrict(
            storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 1000}}}}, {{"滨河社区", 1000}}});
        street = built.street(0);
        wangjiang = built.community(0);
        binhe = built.community(1);
        fang = person("王芳");
        kun = person("张堃");
        person("王红");
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
    }
    RowId person(const std::string& name) {
        Person p;
        p.name = name;
        p.unitId = wangjiang;
        return storage.insertPerson(p);
    }
    RowId activity(const std::string& name, const std::string& date, RowId unit) {
        Activity a;
        a.name = name;
        a.heldOn = date;
        a.unitId = unit;
        return storage::ActivityStore(storage).insert(a, app.today);
    }
    ui::ActivitiesScreen& screen() { return ui::volunteersScreen(app).activities; }
};

} // namespace

TEST_CASE("add an activity in the 活动 tab; a refused save keeps what was typed and says why") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("tab.activities");
    ui.click("act.add");
    ui.type("act.form.name", "敬老院慰问");
    ui.type("act.form.date", "2026-12-25");                  // in the future
    ui.type("act.form.participants", "-3");
    ui.click("act.form.save");
    CHECK(f.storage.count("activity") == 0);
    CHECK(f.screen().form.error.find("标红") != std::string::npos);
    CHECK(f.screen().form.name == "敬老院慰问");

    ui.type("act.form.date", "2026-10-29");
    ui.type("act.form.participants", "１５");                 // full-width digits
    ui.type("act.form.kind", "帮扶");
    ui.click("act.form.unit");
    ui.click("act.form.unit.option." + std::to_string(f.wangjiang));
    ui.click("act.form.save");
    const auto rows = storage::ActivityStore(f.storage).list();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].activity.name == "敬老院慰问");
    CHECK(rows[0].activity.participants == 15);
    CHECK(rows[0].activity.unitId == f.wangjiang);
    CHECK(rows[0].activity.kind == "帮扶");
}

TEST_CASE("service for several volunteers picked by pinyin: refused whole over 24 h a day, then recorded") {
    Fixture f;
    const RowId act = f.activity("防汛巡逻", "2026-07-01", f.wangjiang);
    ServiceRecord earlier;
    earlier.personId = f.kun;
    earlier.servedOn = "2026-07-01";
    earlier.hours = 20;
    f.storage.insertServiceRecord(earlier);

    test::HeadlessUi ui(f.app);
    ui.click("tab.activities");
    ui.click("act.row." + std::to_string(act));
    CHECK(f.screen().batch.date == "2026-07-01");            // the activity's date by default
    ui.type("act.pick.search", "wf");                        // initials of 王芳
    CHECK(ui.visible("act.pick." + std::to_string(f.fang)));
    CHECK_FALSE(ui.visible("act.pick." + std::to_string(f.kun)));
    ui.click("act.pick." + std::to_string(f.fang));
    ui.type("act.pick.search", "zhangkun");
    ui.click("act.pick." + std::to_string(f.kun));
    ui.type("act.picked.hours." + std::to_string(f.fang), "3");
    ui.type("act.picked.hours." + std::to_string(f.kun), "5");   // 20 + 5 > 24
    ui.type("act.batch.recorded_by", "张主任");
    ui.click("act.batch.save");
    CHECK(f.storage.count("service_record") == 1);           // nothing of the batch
    REQUIRE(f.screen().batch.picked.size() == 2);
    CHECK(f.screen().batch.picked[1].problem.find("张堃") == 0);
    CHECK(f.screen().batch.picked[1].problem.find("最多还能登记4小时") != std::string::npos);
    CHECK(f.screen().batch.picked[0].hours == "3");          // typed hours kept

    ui.type("act.picked.hours." + std::to_string(f.kun), "4");
    ui.click("act.batch.save");
    const auto records = storage::ActivityStore(f.storage).records(act);
    REQUIRE(records.size() == 2);
    for (const auto& r : records) {
        CHECK(r.record.recordedBy == "张主任");
        CHECK(r.record.verified);
        CHECK(r.record.servedOn == "2026-07-01");
    }
    CHECK(f.screen().batch.picked.empty());
    CHECK(f.screen().message.find("2 名") != std::string::npos);
}

TEST_CASE("the activities list: newest first, filtered by year and by unit (a street includes its communities)") {
    Fixture f;
    const RowId a2025 = f.activity("重阳敬老", "2025-10-29", f.wangjiang);
    const RowId a2026 = f.activity("反诈宣传", "2026-03-08", f.binhe);
    const RowId b2026 = f.activity("巾帼讲堂", "2026-05-01", f.street);
    test::HeadlessUi ui(f.app);
    ui.click("tab.activities");
    REQUIRE(f.screen().rowCount() == 3);
    CHECK(f.screen().counts.all == 3);
    CHECK(f.screen().years == std::vector<int>{2026, 2025});
    REQUIRE(f.screen().rowAt(0));
    CHECK(f.screen().rowAt(0)->activity.id == b2026);
    REQUIRE(f.screen().rowAt(2));
    CHECK(f.screen().rowAt(2)->activity.id == a2025);
    CHECK(f.screen().counts.shown == 3);

    ui.click("act.year_filter");
    ui.click("act.year.2026");
    ui.frame();
    CHECK(f.screen().rowCount() == 2);
    CHECK(f.screen().counts.shown == 2);
    CHECK_FALSE(ui.visible("act.row." + std::to_string(a2025)));
    ui.click("act.unit_filter");
    ui.click("act.unit_filter.option." + std::to_string(f.street));
    ui.frame();
    REQUIRE(f.screen().rowCount() == 1);                   // 滨江街道 itself; 滨河 is not under it
    CHECK(ui.visible("act.row." + std::to_string(b2026)));
    CHECK_FALSE(ui.visible("act.row." + std::to_string(a2026)));

    // A write shows at once: the new activity of the street's community joins the filtered list.
    const RowId c2026 = f.activity("邻里节", "2026-06-01", f.wangjiang);
    ui.frame();
    ui.frame();
    CHECK(f.screen().rowCount() == 2);
    CHECK(f.screen().counts.all == 4);
    REQUIRE(f.screen().rowAt(0));
    CHECK(f.screen().rowAt(0)->activity.id == c2026);
    CHECK(ui.visible("act.row." + std::to_string(c2026)));
}

TEST_CASE("deleting an activity asks first; the records stay with the volunteers") {
    Fixture f;
    const RowId act = f.activity("义诊", "2026-06-01", f.wangjiang);
    storage::ActivityStore(f.storage).recordService(act, "2026-06-01", {{f.fang, 2}}, "", true, "", f.app.today);
    test::HeadlessUi ui(f.app);
    ui.click("tab.activities");
    ui.click("act.row." + std::to_string(act));
    ui.click("act.form.delete");
    ui.click("activity.delete.cancel");
    CHECK(f.storage.count("activity") == 1);
    ui.click("act.form.delete");
    ui.click("activity.delete.ok");
    CHECK(f.storage.count("activity") == 0);
    CHECK(f.storage.serviceRecordsOf(f.fang).size() == 1);
}

TEST_CASE("a steady frame of the 活动 tab runs no SQL") {
    Fixture f;
    for (int i = 0; i < 50; ++i) f.activity("活动" + std::to_string(i), "2026-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1), f.wangjiang);
    test::HeadlessUi ui(f.app);
    ui.click("tab.activities");
    REQUIRE(f.screen().rowAt(0));
    ui.click("act.row." + std::to_string(f.screen().rowAt(0)->activity.id));
    ui.type("act.pick.search", "wang");
    ui.frame();
    const auto before = f.storage.db().statementsPrepared();
    for (int i = 0; i < 10; ++i) ui.frame();
    CHECK(f.storage.db().statementsPrepared() == before);
    CHECK_FALSE(f.screen().matches.empty());
}
