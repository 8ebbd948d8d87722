// ui_export_task_test.cpp — issue 17: 导出 runs on a Task, never on the frame
// loop. With a ManualTaskExecutor (bodies wait for runAll) the frames that
// start an export do no export work (Database::meterWork on the UI
// connection; no file yet), the file equals the old synchronous export byte
// for byte, 取消 leaves no file (nor its temporary), and a failure is a
// Chinese message with no file.
#include "core/table_export.hpp"
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "ui/export_buttons.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/task_runner.hpp"
#include "ui/ui_strings.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace jinguo;

namespace {

constexpr int kPeople = 20000;
// A read of the person table costs far more than this; a frame that reads a
// setting or a count a few thousand instructions.
constexpr std::uint64_t kFrameBudget = 60000;

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    ui::ManualTaskExecutor tasks;   // bodies wait for runAll(): a click on 取消 can come first
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("jinguo_ui_export_task_" + std::to_string(::getpid()));

    Fixture() {
        std::filesystem::create_directories(dir);
        const RowId community = test::buildDistrict(storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 2000}}}}}).community(0);
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
        storage.db().exec("BEGIN");
        storage.db().exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(kPeople) + ")"
            " INSERT INTO person (name, gender, id_number, phone, unit_id, joined_on, roster_hours)"
            " SELECT substr('王李张刘陈杨赵黄周吴', i % 10 + 1, 1)"
            "     || substr('芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚', (i / 10) % 20 + 1, 1),"
            "   CASE i % 2 WHEN 0 THEN '女' ELSE '男' END, '110105198' || substr(CAST(1000000000 + i AS text), 2), '138' || substr(CAST(100000000 + i AS text), 2), "
            + std::to_string(community) + ", '20' || (10 + i % 16) || '-' || substr(CAST(101 + i % 12 AS text), 2)"
            "     || '-' || substr(CAST(101 + i % 28 AS text), 2),"
            "   (i % 7) * 1.5 FROM n");
        storage.db().exec("COMMIT");
        storage.bump();
    }
    ~Fixture() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string file(const std::string& name) const { return (dir / name).string(); }
};

// Runs the views' bodies and draws until nothing waits.
void settle(test::HeadlessUi& ui, ui::ManualTaskExecutor& tasks) {
    for (int i = 0; i < 20; ++i) {
        ui.frame();
        if (tasks.runAll() == 0 && ui::viewsWaiting() == 0) break;
    }
    ui.frame();
}

// Opens the popup, picks CSV, types the path, confirms; CHECKs that none of
// those frames did more than a frame's work on the UI connection.
void startCsvExport(test::HeadlessUi& ui, storage::Storage& storage, const std::string& key, const std::string& path) {
    storage.db().meterWork();
    const std::uint64_t before = storage.db().workDone();
    ui.click(key);
    ui.click(key + ".csv");
    ui.type(key + ".picker.path", path);
    ui.click(key + ".picker.ok");
    ui.frame();
    const std::uint64_t work = storage.db().workDone() - before;
    CHECK_MESSAGE(work < kFrameBudget * 12, "the frames starting the export did " << work << " instructions");
}

} // namespace

TEST_CASE("志愿者 导出 runs on a Task: frames do no export work, the file equals the synchronous export, 取消 leaves none") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::VolunteersScreen& s = ui::volunteersScreen(f.app);
    settle(ui, f.tasks);
    ui.type("search", "王");
    settle(ui, f.tasks);
    REQUIRE(s.shownCount == kPeople / 10);
    REQUIRE(s.shownCount > 1000);   // enough rows for 取消 to be seen while reading

    // The old synchronous export of the same rows, on the UI's connection.
    const std::string reference = f.file("reference.csv");
    REQUIRE(writeExport(reference, ui::volunteersShownTable(f.storage, ui::volunteerListQuery(s), false)).empty());

    const std::string path = f.file("志愿者.csv");
    startCsvExport(ui, f.storage, "volunteers.export", path);
    CHECK(f.tasks.queued() > 0);                    // the export waits for a worker …
    CHECK(!std::filesystem::exists(path));          // … and nothing was written by a frame
    CHECK(s.exportMenu.job.running());
    CHECK(ui.visible("volunteers.export.progress"));
    CHECK(ui.visible("volunteers.export.cancel"));
    f.tasks.runAll();
    ui.frame();
    CHECK(!s.exportMenu.job.running());
    REQUIRE(std::filesystem::exists(path));
    CHECK(test::readFile(path) == test::readFile(reference));
    CHECK(!s.exportMenu.failed);
    CHECK(s.exportMenu.rowsWritten == kPeople / 10);
    CHECK(s.exportMenu.message.rfind(std::string(ui::str::kExpDone) + "2,000", 0) == 0);
    CHECK(!std::filesystem::exists(path + ".jinguo-tmp"));

    // 取消 before the worker reads: no file, no temporary, the message says so.
    const std::string cancelled = f.file("取消.csv");
    startCsvExport(ui, f.storage, "volunteers.export", cancelled);
    REQUIRE(ui.visible("volunteers.export.cancel"));
    ui.click("volunteers.export.cancel");
    CHECK(s.exportMenu.job.cancelling());
    f.tasks.runAll();
    ui.frame();
    REQUIRE(s.exportMenu.job.result() != nullptr);
    CHECK(s.exportMenu.job.result()->cancelled);
    CHECK(!std::filesystem::exists(cancelled));
    CHECK(!std::filesystem::exists(cancelled + ".jinguo-tmp"));
    CHECK(s.exportMenu.message == ui::str::kExpCancelled);
    CHECK(!s.exportMenu.failed);
}

TEST_CASE("家庭 导出 through the Task equals the synchronous export byte for byte") {
    Fixture f;
    f.app.section = ui::Section::Families;
    f.storage.db().exec("INSERT INTO family (head_name, address, members, unit_id)"
                        " SELECT name, '望江路' || id || '号', 1 + id % 5, unit_id FROM person WHERE id % 4 = 0");
    storage::fillFamilySortKeys(f.storage);
    f.storage.bump();
    test::HeadlessUi ui(f.app);
    ui::FamiliesScreen& s = ui::familiesScreen(f.app);
    settle(ui, f.tasks);
    REQUIRE(s.counts.shown == kPeople / 4);
    const std::string reference = f.file("reference.csv");
    REQUIRE(writeExport(reference, ui::familiesShownTable(f.storage, s, f.app.today)).empty());
    const std::string path = f.file("家庭.csv");
    startCsvExport(ui, f.storage, "family.export", path);
    CHECK(!std::filesystem::exists(path));
    f.tasks.runAll();
    ui.frame();
    REQUIRE(std::filesystem::exists(path));
    CHECK(test::readFile(path) == test::readFile(reference));
}

TEST_CASE("runExport: a read that fails or a folder that is missing is a Chinese message and no file") {
    Fixture f;
    const std::string path = f.file("坏.csv");
    const ui::ExportReader failing = [](storage::Storage&, ui::ExportProgress&, ExportRowSink&) {
        throw storage::StorageError("数据库被锁定");
    };
    const ui::ExportOutcome o = ui::runExport(f.storage.path(), failing, path, true, nullptr, 0);
    CHECK(o.error.find("导出失败") == 0);
    CHECK(o.error.find("数据库被锁定") != std::string::npos);
    CHECK(!o.cancelled);
    CHECK(!std::filesystem::exists(path));

    const ui::ExportReader one = [](storage::Storage&, ui::ExportProgress&, ExportRowSink& out) {
        ExportTable t;
        t.headers = {"姓名"};
        out.begin(t);
        out.row({"王芳"});
    };
    const std::string missing = f.file("没有这个文件夹/名单.csv");
    const ui::ExportOutcome m = ui::runExport(f.storage.path(), one, missing, false, nullptr, 0);
    CHECK(m.error.find("无法写入") == 0);
    CHECK(m.error.find("写入权限") != std::string::npos);
    CHECK(!std::filesystem::exists(missing));
    CHECK(!std::filesystem::exists(missing + ".jinguo-tmp"));
}
