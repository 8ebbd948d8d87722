// ui_copy_dialog_test.cpp — 文件 → 另存到服务器或新文件… (issue 18): the
// dialog's fields refused in Chinese before anything runs, the copy on a
// Task (the window keeps drawing, a progress bar, the file appears only when
// verified), 打开副本 switching to it, a target that exists refused. Headless,
// on real files; the server side of the same copy is pg_copy_test's.
#include <doctest/doctest.h>

#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "ui/database_session.hpp"
#include "ui/file_menu.hpp"
#include "ui/server_fields.hpp"
#include "ui/ui_strings.hpp"

#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

struct Folder {
    fs::path root = fs::temp_directory_path() / ("jinguo_copy_dialog_" + std::to_string(::getpid()));
    Folder() { fs::remove_all(root); fs::create_directories(root); }
    ~Folder() { std::error_code ec; fs::remove_all(root, ec); }
    std::string file(const std::string& name) const { return (root / name).string(); }
};

void makeDatabase(const std::string& path, int people) {
    storage::Storage s(path);
    const RowId root = s.insertUnit({0, 0, "甲区", UnitKind::District, 1000, 0});
    const RowId street = s.insertUnit({0, root, "滨江街道", UnitKind::Street, 1000, 0});
    const RowId community = s.insertUnit({0, street, "梅园社区", UnitKind::Community, 500, 0});
    for (int i = 0; i < people; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        p.unitId = community;
        s.insertPerson(p);
    }
}

} // namespace

TEST_CASE("文件 → 另存到服务器或新文件: refused fields, the copy on a task with progress, then 打开副本") {
    ui::ManualTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks(tasks);
    Folder place;
    const std::string original = place.file("甲区.db");
    makeDatabase(original, 7);
    ui::DatabaseSession::Hooks hooks;
    hooks.prepare = [](ui::AppState& app) { app.today = "2026-12-07"; };
    ui::DatabaseSession session(std::make_unique<storage::Storage>(original),
                                ui::DatabasePlaces{place.file("data/jinguo.db"), place.file("demo.db")}, Preferences{},
                                place.file("preferences"), hooks);
    session.setOpenPatience(std::chrono::minutes(1));
    test::HeadlessUi ui([&] {
        ui::drawApp(session.app());
        session.app().storage.db().checkIdle();
    });
    ui.frame();
    tasks.runAll();   // the open section's own view
    ui.frame();
    REQUIRE(tasks.queued() == 0);

    ui.click("file.menu");
    ui.click("file.copy_to");
    ui.frame();
    REQUIRE(ui.visible("copy.server.database"));
    ui::CopyDialog& dialog = ui::fileMenu(session.app()).copyDialog;
    CHECK(dialog.filePath == place.file("甲区-副本.db"));   // suggested beside the open file

    // A server without its database name: said in Chinese under the fields, nothing started.
    ui.click("copy.server.ok");
    CHECK(!dialog.server.error.empty());
    ui.frame();   // the refusal shows from the next frame
    CHECK(ui.visible("copy.server.error"));
    CHECK(tasks.queued() == 0);

    // A new file instead.
    ui.click("copy.to_file");
    REQUIRE(ui.visible("copy.path"));
    const std::string copy = place.file("副本/甲区-新.db");
    fs::create_directories(place.file("副本"));
    ui.type("copy.path", copy);
    ui.click("copy.start");
    CHECK(dialog.problem.empty());
    CHECK(tasks.queued() == 1);
    ui.frame();
    CHECK(ui.visible("copy.cancel"));   // running: the progress bar and 取消
    CHECK_FALSE(fs::exists(copy));      // nothing before it is verified
    tasks.runAll();
    ui.frame();
    ui.frame();
    REQUIRE(dialog.job.result() != nullptr);
    CHECK(dialog.job.result()->rows > 7);
    CHECK(fs::exists(copy));
    REQUIRE(ui.visible("copy.open"));
    ui.click("copy.open");
    REQUIRE(session.switchIfRequested());
    CHECK(session.storage().path() == copy);
    CHECK(session.app().storage.count("person") == 7);

    // The same file again: it exists now, the refusal shown, the file kept.
    ui.frame();
    const auto size = fs::file_size(copy);
    ui.click("file.menu");
    ui.click("file.copy_to");
    ui.frame();
    ui::CopyDialog& again = ui::fileMenu(session.app()).copyDialog;
    ui.click("copy.to_file");
    ui.type("copy.path", original);
    ui.click("copy.start");
    tasks.runAll();
    ui.frame();
    ui.frame();
    CHECK(again.job.result() == nullptr);
    CHECK(again.job.error().find("已经存在") != std::string::npos);
    CHECK(ui.visible("copy.start"));
    CHECK(fs::file_size(copy) == size);
}
