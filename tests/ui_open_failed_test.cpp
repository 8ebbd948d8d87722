// The window shown when the database cannot be opened: a damaged file with
// backups beside it is restored from the window; the damaged file is kept.
#include <doctest/doctest.h>

#include "headless_ui.hpp"
#include "storage/backup_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_open_failed.hpp"

#include <filesystem>
#include <fstream>
#include <string>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

// Opens `path` as the GUI does and returns the refusal.
ui::OpenFailedScreen refusal(const std::string& path) {
    ui::OpenFailedScreen screen;
    screen.dbPath = path;
    try {
        storage::Storage s(path);
        FAIL("the file opened");
    } catch (const storage::OpenError& e) {
        screen.message = e.what();
        screen.failure = e.failure();
    }
    return screen;
}

void seedPeople(storage::Storage& s, int n) {
    for (int i = 0; i < n; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        s.insertPerson(p);
    }
}

} // namespace

// Suite sqlite_file: a damaged file and the backups beside it have no server
// form (a server keeps its pages whole; pg_dump backs it up).
TEST_CASE("a damaged database: the window lists its backups, asks, restores, and the caller opens it again" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        storage::Storage s(path.str());
        seedPeople(s, 4);
        storage::BackupStore(path.str()).create(storage::kBackupDaily);
        seedPeople(s, 2);   // after the backup: lost with the damage
    }
    REQUIRE(test::damageSchemaPage(path.str()));

    ui::OpenFailedScreen screen = refusal(path.str());
    REQUIRE(screen.failure == storage::OpenFailure::Damaged);
    ui::OpenFailedChoice last = ui::OpenFailedChoice::None;
    test::HeadlessUi ui([&] {
        const ui::OpenFailedChoice c = ui::drawOpenFailedScreen(screen, nullptr);
        if (c != ui::OpenFailedChoice::None) last = c;
    });
    REQUIRE(screen.backups.size() == 1);
    CHECK(screen.backups[0].people == 4);
    CHECK(ui.visible("open_failed.open_other"));
    CHECK(ui.visible("open_failed.quit"));
    CHECK_FALSE(ui.visible("open_failed.retry"));   // retrying a damaged file cannot help

    // 取消 in the question changes nothing.
    ui.click("open_failed.restore.0");
    ui.click("open_failed.confirm.cancel");
    CHECK(last == ui::OpenFailedChoice::None);
    CHECK_THROWS_AS(storage::Storage(path.str()), storage::OpenError);

    ui.click("open_failed.restore.0");
    ui.click("open_failed.confirm.ok");
    CHECK(last == ui::OpenFailedChoice::Retry);
    CHECK(screen.error.empty());
    REQUIRE_FALSE(screen.keptDamagedAs.empty());
    CHECK(fs::exists(screen.keptDamagedAs));
    storage::Storage reopened(path.str());
    CHECK(reopened.count("person") == 4);
}

TEST_CASE("a busy database offers 重试 and no backups; 退出 quits") {
    ui::OpenFailedScreen screen;
    screen.dbPath = "/tmp/jinguo-busy-test.db";
    screen.message = "数据库正被另一个程序占用";
    screen.failure = storage::OpenFailure::Busy;
    ui::OpenFailedChoice last = ui::OpenFailedChoice::None;
    test::HeadlessUi ui([&] {
        const ui::OpenFailedChoice c = ui::drawOpenFailedScreen(screen, nullptr);
        if (c != ui::OpenFailedChoice::None) last = c;
    });
    CHECK(screen.backups.empty());
    CHECK_FALSE(ui.visible("open_failed.restore.0"));
    ui.click("open_failed.retry");
    CHECK(last == ui::OpenFailedChoice::Retry);
    last = ui::OpenFailedChoice::None;
    ui.click("open_failed.quit");
    CHECK(last == ui::OpenFailedChoice::Quit);
}

TEST_CASE("打开其他数据库 hands back the file chosen in the picker") {
    // Files on either engine's run: the picker hands back a file (path(), not str()).
    test::TempDbPath damaged, other;
    const std::string otherFile = other.path().string();
    { storage::Storage s(otherFile); }
    { std::ofstream(damaged.path()) << "not a database at all, and long enough to be read as a header........"; }
    ui::OpenFailedScreen screen = refusal(damaged.path().string());
    ui::OpenFailedChoice last = ui::OpenFailedChoice::None;
    test::HeadlessUi ui([&] {
        const ui::OpenFailedChoice c = ui::drawOpenFailedScreen(screen, nullptr);
        if (c != ui::OpenFailedChoice::None) last = c;
    });
    ui.click("open_failed.open_other");
    ui.type("open_failed.picker.path", otherFile);
    ui.click("open_failed.picker.ok");
    CHECK(last == ui::OpenFailedChoice::OpenOther);
    CHECK(screen.chosenPath == otherFile);
}
