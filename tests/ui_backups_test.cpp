// ui_backups_test.cpp — 设置 → 备份与恢复 driven headless: 立即备份 lists the
// backup with its figures, 恢复 asks first, then every screen shows the
// restored data and what was replaced is kept as a 恢复前 backup.
// Suite sqlite_file: backups are copies of the SQLite file; on a server the
// tab says the server's pg_dump keeps them (pg_settings_test checks that form).
#include "headless_ui.hpp"
#include "storage/backup_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_settings.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>


using namespace jinguo;

namespace {

struct Fixture {
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId community = 0;
    ui::AppState app{storage};

    Fixture() {
        community = test::buildDistrict(storage, {2000, {}, {{"望江社区", 2000}}}).community(0);
        for (const char* name : {"王芳", "李娜", "张堃"}) {
            Person p;
            p.name = name;
            p.unitId = community;
            storage.insertPerson(p);
        }
        app.today = "2026-11-29";
        app.section = ui::Section::Settings;
    }
    ui::BackupsScreen& screen() { return ui::settingsScreen(app).backups; }
};

} // namespace

TEST_CASE("备份与恢复: back up now, change the data, restore after confirming" * doctest::test_suite("sqlite_file")) {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("settings.tab.backups");
    CHECK(f.screen().backups.empty());
    ui.click("backups.now");
    // The backup runs as a task (here at once); the tab takes its outcome in the next frame.
    ui.frame();
    CHECK_FALSE(f.screen().backupTask.running());
    ui.frame();
    REQUIRE(f.screen().backups.size() == 1);
    CHECK(f.screen().backups[0].reason == "手动");
    CHECK(f.screen().backups[0].people == 3);
    CHECK(f.screen().message.find("已备份") != std::string::npos);

    Person extra;
    extra.name = "后来的人";
    extra.unitId = f.community;
    f.storage.insertPerson(extra);
    const std::uint64_t revision = f.storage.revision();
    ui.frame();

    // 恢复 asks first; 取消 changes nothing.
    ui.click("backups.restore.0");
    CHECK(f.screen().confirmRestore.question.find("手动") != std::string::npos);
    ui.click("backups.restore.cancel");
    CHECK(f.storage.count("person") == 4);

    ui.click("backups.restore.0");
    ui.click("backups.restore.ok");
    CHECK(f.storage.count("person") == 3);
    CHECK(f.storage.revision() > revision);   // every screen reloads
    CHECK(f.screen().error.empty());
    CHECK(f.screen().message.find("已恢复") != std::string::npos);
    ui.frame();
    // The list now holds the 恢复前 backup too, with the figures it replaced.
    REQUIRE(f.screen().backups.size() == 2);
    CHECK(f.screen().backups[0].reason == "恢复前");
    CHECK(f.screen().backups[0].people == 4);
}

TEST_CASE("备份与恢复: the rotation rule is checked, then saved as settings" * doctest::test_suite("sqlite_file")) {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("settings.tab.backups");
    CHECK(f.screen().keepRecent == 10);
    CHECK(f.screen().keepMonths == 12);
    f.screen().keepRecent = 0;
    ui.click("backups.save_rule");
    CHECK(f.screen().error.find("保留规则未保存") != std::string::npos);
    CHECK(f.storage.setting("backup.keep_recent", "") == "");
    f.screen().keepRecent = 3;
    f.screen().keepMonths = 6;
    ui.click("backups.save_rule");
    CHECK(f.screen().error.empty());
    CHECK(f.storage.setting("backup.keep_recent", "") == "3");
    CHECK(f.storage.setting("backup.keep_months", "") == "6");
    ui.frame();
    CHECK(f.screen().rotation.keepRecent == 3);
    CHECK(storage::BackupStore(f.path.str()).rotation().keepMonths == 6);
}
