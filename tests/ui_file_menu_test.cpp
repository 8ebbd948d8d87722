// ui_file_menu_test.cpp — the 文件 menu of a running window (issue 12 §1):
// 新建, 打开, 最近打开, 另存为 (a consistent copy that becomes the open
// database), a refused file leaving the open one in use, unsaved edits asked
// about first, the 示例 badge, the preferences remembered, and the empty
// 所属社区 list that points to 组织. Headless, on real database files; the
// session switches between frames as the window does.
#include <doctest/doctest.h>

#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/open_progress.hpp"
#include "ui/database_session.hpp"
#include "ui/file_menu.hpp"
#include "ui/leave_guard.hpp"
#include "ui/screen_opening.hpp"
#include "ui/ui_strings.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

struct Folder {
    fs::path root = fs::temp_directory_path()
                  / ("jinguo_file_menu_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
    static int& counter() { static int n = 0; return n; }
    Folder() { fs::remove_all(root); fs::create_directories(root); }
    ~Folder() { std::error_code ec; fs::remove_all(root, ec); }
    std::string file(const std::string& name) const { return (root / name).string(); }
};

// A database with a district, a street and `communities` communities.
void makeDatabase(const std::string& path, const char* district, int communities, int people = 0) {
    storage::Storage s(path);
    const RowId root = s.insertUnit({0, 0, district, UnitKind::District, 1000, 0});
    const RowId street = s.insertUnit({0, root, "滨江街道", UnitKind::Street, 1000, 0});
    RowId community = 0;
    for (int i = 0; i < communities; ++i)
        community = s.insertUnit({0, street, "社区" + std::to_string(i), UnitKind::Community, 500, 0});
    for (int i = 0; i < people; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        p.unitId = community;
        s.insertPerson(p);
    }
}

struct Window {
    Folder folder;
    std::string prefsPath = folder.file("config/jinguo/preferences");
    std::unique_ptr<ui::DatabaseSession> session;
    int opened = 0;

    explicit Window(const std::string& first, const std::string& demoPath = "",
                    std::function<std::unique_ptr<storage::Storage>(const std::string&)> openFile = {}) {
        ui::DatabaseSession::Hooks hooks;
        hooks.prepare = [](ui::AppState& app) { app.today = "2026-11-29"; };
        hooks.opened = [this](ui::AppState&) { ++opened; };
        hooks.openFile = std::move(openFile);
        session = std::make_unique<ui::DatabaseSession>(
            std::make_unique<storage::Storage>(first),
            ui::DatabasePlaces{folder.file("data/jinguo/jinguo.db"), demoPath.empty() ? folder.file("demo.db") : demoPath},
            Preferences{}, prefsPath, hooks);
        // A loaded test machine may take more than the window's 300 ms to
        // open a small file: these tests expect the switch in the same call.
        session->setOpenPatience(std::chrono::minutes(1));
    }
    ui::AppState& app() { return session->app(); }
    // One frame of the whole window, as gui_main draws it.
    std::function<void()> draw() {
        return [this] {
            ui::drawApp(session->app());
            session->app().storage.db().checkIdle();
        };
    }
};

void openMenuItem(test::HeadlessUi& ui, const std::string& key) {
    ui.click("file.menu");
    ui.click(key);
    ui.frame();   // what the item opens appears on the next frame
}

} // namespace

TEST_CASE("文件 → 新建: a new database with its district, and the window switches to it") {
    Folder place;
    const std::string first = place.file("临江区.db");
    makeDatabase(first, "临江区", 2, 3);
    Window w(first);
    test::HeadlessUi ui(w.draw());
    CHECK(w.app().recentDatabases.size() == 1);

    openMenuItem(ui, "file.new");
    REQUIRE(ui.visible("file.form.district"));
    CHECK(ui::fileMenu(w.app()).form.path == w.folder.file("data/jinguo/jinguo.db"));   // the standard path
    const std::string created = w.folder.file("新区.db");
    ui.type("file.form.district", "新区");
    ui.type("file.form.path", created);
    ui.click("file.form.create");
    CHECK(w.app().openRequest == created);
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.opened == 1);
    CHECK(w.session->storage().path() == created);
    CHECK(w.app().storage.count("person") == 0);
    const std::vector<OrgUnit> units = w.app().storage.units();
    REQUIRE(units.size() == 1);
    CHECK(units[0].name == "新区");
    // Recent: the new one first, then the old; both in the preferences file.
    REQUIRE(w.app().recentDatabases.size() == 2);
    CHECK(w.app().recentDatabases[0] == created);
    CHECK(w.app().recentDatabases[1] == first);
    const Preferences saved = readPreferences(w.prefsPath);
    CHECK(saved.lastDatabase == created);
    CHECK(saved.recentDatabases.size() == 2);
    ui.frame();   // the new AppState draws
    CHECK(ui.visible("section.overview"));
}

TEST_CASE("文件 → 打开 and 最近打开; a recent file that is gone is greyed and not opened") {
    Folder place;
    const std::string a = place.file("a.db");
    const std::string b = place.file("b.db");
    makeDatabase(a, "甲区", 1, 2);
    makeDatabase(b, "乙区", 1, 5);
    Window w(a);
    test::HeadlessUi ui(w.draw());

    openMenuItem(ui, "file.open");
    ui.type("file.picker.path", b);
    ui.click("file.picker.ok");
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.app().storage.count("person") == 5);

    // 最近打开 lists a (b is the open one).
    ui.click("file.menu");
    ui.click("file.recent.0");
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.session->storage().path() == a);
    CHECK(w.app().storage.count("person") == 2);

    // b removed: listed, greyed, a click opens nothing.
    fs::remove(b);
    ui.click("file.menu");
    ui.click("file.recent.0");
    CHECK(w.app().openRequest.empty());
    CHECK_FALSE(w.session->switchIfRequested());
    CHECK(w.session->storage().path() == a);
}

TEST_CASE("文件 → 另存为: a consistent copy becomes the open database; an existing file is never overwritten") {
    Folder place;
    const std::string a = place.file("a.db");
    makeDatabase(a, "甲区", 1, 4);
    Window w(a);
    test::HeadlessUi ui(w.draw());
    // A change made in this window, still in the -wal: the copy holds it.
    Person p;
    p.name = "新来的";
    w.app().storage.insertPerson(p);

    const std::string taken = place.file("taken.db");
    std::ofstream(taken) << "keep me";
    openMenuItem(ui, "file.saveas");
    ui.type("file.saveas_picker.path", taken);
    ui.click("file.saveas_picker.ok");
    ui.click("file.saveas_picker.ok");   // the picker asks before a file that exists; we still refuse
    CHECK(w.app().fileError == ui::str::kSaveAsExists);
    CHECK(fs::file_size(taken) == 7);
    CHECK_FALSE(w.session->switchIfRequested());
    ui.click("file.error.dismiss");
    CHECK(w.app().fileError.empty());

    const std::string copy = place.file("副本.db");
    const ::mode_t old = ::umask(022);
    openMenuItem(ui, "file.saveas");
    ui.type("file.saveas_picker.path", copy);
    ui.click("file.saveas_picker.ok");
    ::umask(old);
    CHECK(w.app().fileError.empty());
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.session->storage().path() == copy);
    CHECK(w.app().storage.count("person") == 5);
    struct stat st {};
    REQUIRE(::stat(copy.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // The copy is its own file: a change there leaves the original alone.
    w.app().storage.insertPerson(p);
    CHECK(w.app().storage.count("person") == 6);
    storage::Storage original(a);
    CHECK(original.count("person") == 5);
}

TEST_CASE("文件 → 打开 of a file whose open takes long: the window shows its steps meanwhile, then switches") {
    Folder place;
    const std::string a = place.file("a.db");
    const std::string b = place.file("b.db");
    const std::string c = place.file("c.db");
    makeDatabase(a, "甲区", 1, 2);
    makeDatabase(b, "乙区", 1, 5);
    makeDatabase(c, "丙区", 1, 1);
    // The open of b stands still in its third migration until released, as
    // an old big file's upgrade would for minutes.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    Window w(a, "", [released](const std::string& path) {
        storage::reportOpenStage(storage::OpenStage::Migrating);
        storage::reportOpenMigration(3, 7, "0023_title_held_spans");
        released.wait();
        return std::make_unique<storage::Storage>(path);
    });
    w.session->setOpenPatience(std::chrono::milliseconds(0));
    test::HeadlessUi ui(w.draw());
    openMenuItem(ui, "file.open");
    ui.type("file.picker.path", b);
    ui.click("file.picker.ok");
    CHECK_FALSE(w.session->switchIfRequested());   // not waited for
    REQUIRE(w.session->opening());
    CHECK(w.session->openingPath() == b);
    CHECK(w.session->storage().path() == a);       // the old file stays open meanwhile
    // The opening thread's steps reach the window's progress.
    for (int i = 0; i < 1000 && w.session->openingProgress().step.load() != 3; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(ui::openingStepText(w.session->openingProgress()).find("第 3 步，共 7 步") != std::string::npos);
    // Another 打开 meanwhile is not started: one open at a time.
    w.app().openRequest = c;
    CHECK_FALSE(w.session->switchIfRequested());
    CHECK(w.app().openRequest.empty());
    CHECK(w.opened == 0);
    release.set_value();
    bool switched = false;
    for (int i = 0; i < 2000 && !switched; ++i) {
        switched = w.session->switchIfRequested();
        if (!switched) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(switched);
    CHECK_FALSE(w.session->opening());
    CHECK(w.session->storage().path() == b);
    CHECK(w.app().storage.count("person") == 5);
    CHECK(w.opened == 1);
    ui.frame();   // the new database's screens draw
}

TEST_CASE("a file that is not a Jinguo database is refused in Chinese and the open one stays") {
    Folder place;
    const std::string a = place.file("a.db");
    makeDatabase(a, "甲区", 1, 1);
    const std::string text = place.file("notes.db");
    std::ofstream(text) << "这不是数据库，只是一段文字。这不是数据库，只是一段文字。";
    Window w(a);
    test::HeadlessUi ui(w.draw());
    openMenuItem(ui, "file.open");
    ui.type("file.picker.path", text);
    ui.click("file.picker.ok");
    CHECK_FALSE(w.session->switchIfRequested());
    CHECK(w.session->storage().path() == a);
    CHECK(w.app().fileError.find(ui::str::kOpenFailedPrefix) == 0);
    ui.frame();
    CHECK(ui.visible("file.error.dismiss"));
    CHECK(w.app().storage.count("person") == 1);
}

TEST_CASE("unsaved form edits are asked about before the database changes") {
    Folder place;
    const std::string a = place.file("a.db");
    const std::string b = place.file("b.db");
    makeDatabase(a, "甲区", 1, 0);
    makeDatabase(b, "乙区", 1, 0);
    Window w(a);
    w.app().section = ui::Section::Volunteers;
    test::HeadlessUi ui(w.draw());
    ui.click("add_volunteer");
    ui.type("form.name", "未保存的人");
    openMenuItem(ui, "file.open");
    CHECK(ui::leaveQuestionShown(w.app()));
    CHECK_FALSE(ui.visible("file.picker.path"));
    ui.click("leave.discard");
    ui.frame();
    ui.frame();
    REQUIRE(ui.visible("file.picker.path"));
    ui.type("file.picker.path", b);
    ui.click("file.picker.ok");
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.session->storage().path() == b);
}

TEST_CASE("the demo is marked 示例 in the header while it is open") {
    Folder place;
    const std::string demo = place.file("demo.db");
    makeDatabase(demo, "临江区", 1, 1);
    Window w(demo, demo);
    test::HeadlessUi ui(w.draw());
    CHECK(w.app().demoDatabase);
    CHECK(ui.visible("demo.badge"));
    ui.click("file.menu");
    CHECK_FALSE(ui.visible("file.demo"));   // already open
}

TEST_CASE("an empty 所属社区 list says to add units in 组织 first, with a button that goes there") {
    Folder place;
    const std::string a = place.file("a.db");
    makeDatabase(a, "甲区", 0, 0);   // a district and a street, no community
    Window w(a);
    w.app().section = ui::Section::Volunteers;
    test::HeadlessUi ui(w.draw());
    CHECK_FALSE(ui.visible("demo.badge"));
    ui.click("add_volunteer");
    REQUIRE(ui.visible("form.no_units"));
    ui.click("form.no_units.go");   // the new form is untouched: no question
    ui.frame();
    CHECK(w.app().section == ui::Section::Units);

    w.app().section = ui::Section::Families;
    ui.frame();
    ui.click("family.add");
    REQUIRE(ui.visible("family.no_units"));
    ui.click("family.no_units.go");
    ui.frame();
    CHECK(w.app().section == ui::Section::Units);
}

TEST_CASE("文件 → 打开 a damaged file: the current database stays open, and the message says what is wrong and what to do") {
    Folder place;
    const std::string a = place.file("a.db");
    makeDatabase(a, "甲区", 2, 3);
    // A real database with many pages, closed (its -wal folded in), then copied and damaged.
    const std::string good = place.file("good.db");
    makeDatabase(good, "乙区", 5, 400);
    REQUIRE_FALSE(fs::exists(good + "-wal"));
    const auto size = fs::file_size(good);
    REQUIRE(size >= 8 * 4096);
    auto damagedCopy = [&](const std::string& name, std::uintmax_t from, std::uintmax_t to) {
        const std::string path = place.file(name);
        fs::copy_file(good, path);
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(from));
        for (std::uintmax_t i = from; i < to; ++i) f.put(static_cast<char>((i * 131 + 7) & 0xFF));
        return path;
    };
    const std::string garbage = place.file("乱码.db");
    {
        std::ofstream out(garbage, std::ios::binary);
        for (int i = 0; i < 20000; ++i) out.put(static_cast<char>((i * 37 + 11) & 0xFF));
    }
    const std::string header = damagedCopy("坏了第一页.db", 0, 4096);                 // page 1: the header
    const std::string pages = damagedCopy("坏了几页.db", 2 * 4096, 6 * 4096);          // pages 3..6: tables and index

    Window w(a);
    test::HeadlessUi ui(w.draw());
    for (const std::string& bad : {garbage, header, pages}) {
        CAPTURE(bad);
        openMenuItem(ui, "file.open");
        ui.type("file.picker.path", bad);
        ui.click("file.picker.ok");
        CHECK_FALSE(w.session->switchIfRequested());
        // Still the current database, untouched and usable.
        CHECK(w.session->storage().path() == a);
        CHECK(w.app().storage.count("person") == 3);
        const std::string& message = w.app().fileError;
        CHECK(message.find(ui::str::kOpenFailedPrefix) == 0);
        CHECK(message.find(bad) != std::string::npos);                       // which file
        CHECK(message.find(ui::str::kOpenChosenDamaged) != std::string::npos);   // what is wrong with it
        CHECK(message.find(std::string(ui::str::kOpenKeptA) + a + ui::str::kOpenKeptB) != std::string::npos);
        CHECK(message.find("怎么办") != std::string::npos);                   // what to do
        CHECK(message.find("-backups") != std::string::npos);
        CHECK(message.find("原文件会移到备份文件夹") == std::string::npos);   // not the startup window's restore
        ui.frame();
        CHECK(ui.visible("file.error.dismiss"));
        CHECK_FALSE(ui.visible("open_failed.restore"));
        ui.click("file.error.dismiss");
        CHECK(w.app().fileError.empty());
    }
    // The damaged files were only looked at: not one byte changed, nothing created beside them.
    CHECK(fs::file_size(pages) == size);
    CHECK_FALSE(fs::exists(pages + "-wal"));
    // Another program's SQLite file is named as such.
    const std::string other = place.file("other.db");
    {
        storage::Database db(other);
        db.exec("CREATE TABLE t(x)");
    }
    openMenuItem(ui, "file.open");
    ui.type("file.picker.path", other);
    ui.click("file.picker.ok");
    CHECK_FALSE(w.session->switchIfRequested());
    CHECK(w.app().fileError.find(ui::str::kOpenChosenNotJinguo) != std::string::npos);
    CHECK(w.session->storage().path() == a);
}

TEST_CASE("文件 → 打开示例数据 writes the demo on a task: the window keeps drawing and says so, then opens it") {
    ui::ManualTaskExecutor tasks;   // the body waits until runAll: the state before it completes is seen
    ui::ScopedTaskExecutor useTasks(tasks);
    Folder place;
    const std::string a = place.file("a.db");
    makeDatabase(a, "甲区", 1, 2);
    const std::string demo = place.file("示例/demo.db");
    Window w(a, demo);
    test::HeadlessUi ui(w.draw());
    // The open section's own view (概览's figures) is read first: only the demo's writer is left to count.
    ui.frame();
    tasks.runAll();
    ui.frame();
    REQUIRE(tasks.queued() == 0);
    openMenuItem(ui, "file.demo");
    CHECK(tasks.queued() == 1);
    CHECK(ui.visible("file.demo_progress"));               // 正在生成示例数据 beside 文件
    CHECK_FALSE(fs::exists(demo));
    // Responsive: the window keeps drawing and taking clicks on the open database.
    ui.click("section.help");                              // a section that asks for no Task of its own
    CHECK(w.app().section == ui::Section::Help);
    ui.frame();
    CHECK(ui.visible("file.demo_progress"));
    CHECK_FALSE(w.session->switchIfRequested());          // nothing to open yet
    CHECK(w.session->storage().path() == a);
    CHECK(w.app().storage.count("person") == 2);
    ui.click("file.menu");
    ui.click("file.demo");                                 // greyed while it runs: not a second run
    CHECK(tasks.queued() == 1);
    ui.frame();

    CHECK(tasks.runAll() == 1);
    ui.frame();                                            // delivered: the switch is asked for
    CHECK(w.app().fileError.empty());
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.session->storage().path() == demo);
    CHECK(w.app().demoDatabase);
    CHECK(w.app().storage.count("person") > 100);
    ui.frame();
    CHECK(ui.visible("demo.badge"));
    CHECK_FALSE(ui.visible("file.demo_progress"));
}
