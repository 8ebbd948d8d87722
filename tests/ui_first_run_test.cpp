// ui_first_run_test.cpp — the window shown when there is no database yet
// (issue 12 §1): 新建数据库 (the district's name becomes the root 区, saved at
// the standard path by default), 打开已有数据库, 打开示例数据; bad input gets a
// Chinese message. Headless, clicked through as a person would.
#include <doctest/doctest.h>

#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "ui/screen_first_run.hpp"
#include "ui/task_runner.hpp"
#include "ui/ui_strings.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

struct Places {
    fs::path root = fs::temp_directory_path() / ("jinguo_first_run_" + std::to_string(::getpid()));
    Places() { fs::remove_all(root); fs::create_directories(root); }
    ~Places() { std::error_code ec; fs::remove_all(root, ec); }
    std::string own() const { return (root / "data" / "jinguo" / "jinguo.db").string(); }
    std::string demo() const { return (root / "data" / "jinguo" / "demo.db").string(); }
};

struct FirstRun {
    Places places;
    ui::FirstRunScreen screen;
    ui::FirstRunChoice last = ui::FirstRunChoice::None;
    FirstRun() {
        screen.ownPath = places.own();
        screen.demoPath = places.demo();
    }
    std::function<void()> draw() {
        return [this] {
            const ui::FirstRunChoice c = ui::drawFirstRunScreen(screen, nullptr);
            if (c != ui::FirstRunChoice::None) last = c;
        };
    }
};

unsigned modeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

} // namespace

TEST_CASE("first run: the three ways in; 新建 makes the district the root 区 at the standard path") {
    FirstRun f;
    test::HeadlessUi ui(f.draw());
    CHECK(ui.visible("first.new"));
    CHECK(ui.visible("first.open"));
    CHECK(ui.visible("first.demo"));
    CHECK(ui.visible("first.quit"));

    ui.click("first.new");
    ui.frame();
    REQUIRE(ui.visible("first.form.district"));
    CHECK(f.screen.form.path == f.places.own());   // proposed: the standard path

    // No name: refused in Chinese, nothing written.
    ui.click("first.form.create");
    CHECK(f.screen.form.error == ui::str::kNewNoDistrict);
    CHECK(f.last == ui::FirstRunChoice::None);
    CHECK_FALSE(fs::exists(f.places.own()));

    const ::mode_t old = ::umask(022);
    ui.type("first.form.district", "  临江区 ");
    ui.click("first.form.create");
    ::umask(old);
    CHECK(f.screen.form.error.empty());
    REQUIRE(f.last == ui::FirstRunChoice::Open);
    CHECK(f.screen.chosenPath == f.places.own());
    CHECK_FALSE(f.screen.chosenDemo);
    CHECK(modeOf(f.places.own()) == 0600);
    CHECK(modeOf(fs::path(f.places.own()).parent_path().string()) == 0700);
    storage::Storage db(f.places.own());
    const std::vector<OrgUnit> units = db.units();
    REQUIRE(units.size() == 1);
    CHECK(units[0].name == "临江区");
    CHECK(units[0].kind == UnitKind::District);
    CHECK(units[0].parentId == 0);
}

TEST_CASE("first run: 新建 refuses a file that exists and a place where no file can be made; 取消 goes back") {
    FirstRun f;
    const std::string taken = (f.places.root / "已有.db").string();
    std::ofstream(taken) << "x";
    test::HeadlessUi ui(f.draw());
    ui.click("first.new");
    ui.type("first.form.district", "临江区");
    ui.type("first.form.path", taken);
    ui.click("first.form.create");
    CHECK(f.screen.form.error == ui::str::kNewExists);
    CHECK(fs::file_size(taken) == 1);   // untouched

    // A "folder" that is a file: no folder can be made there.
    ui.type("first.form.path", taken + "/新.db");
    ui.click("first.form.create");
    INFO(f.screen.form.error);
    CHECK(f.screen.form.error.find(ui::str::kNewNoFolder) == 0);
    CHECK(f.last == ui::FirstRunChoice::None);

    // A name without .db gets it.
    const std::string bare = (f.places.root / "我的区").string();
    ui.type("first.form.path", bare);
    ui.click("first.form.create");
    REQUIRE(f.last == ui::FirstRunChoice::Open);
    CHECK(f.screen.chosenPath == bare + ".db");
    CHECK(fs::exists(bare + ".db"));

    f.last = ui::FirstRunChoice::None;
    f.screen.newPage = true;
    ui.click("first.form.cancel");
    ui.frame();
    CHECK_FALSE(f.screen.newPage);
    CHECK(ui.visible("first.new"));
}

TEST_CASE("first run: 打开已有数据库 chooses a .db file through the picker") {
    FirstRun f;
    const std::string existing = (f.places.root / "旧数据.db").string();
    { storage::Storage s(existing); }
    test::HeadlessUi ui(f.draw());
    ui.click("first.open");
    ui.type("first.picker.path", existing);
    ui.click("first.picker.ok");
    REQUIRE(f.last == ui::FirstRunChoice::Open);
    CHECK(f.screen.chosenPath == existing);
    CHECK_FALSE(f.screen.chosenDemo);
}

TEST_CASE("first run: 打开示例数据 writes the demo into the standard demo path and marks it 示例") {
    ui::ManualTaskExecutor tasks;   // the demo is written when the test says: the window first shows it is busy
    ui::ScopedTaskExecutor useTasks(tasks);
    FirstRun f;
    test::HeadlessUi ui(f.draw());
    ui.click("first.demo");
    ui.frame();
    ui.frame();
    CHECK(ui.visible("first.demo_progress"));   // 正在生成示例数据, frame after frame
    CHECK(f.last == ui::FirstRunChoice::None);
    CHECK_FALSE(fs::exists(f.places.demo()));
    CHECK(tasks.runAll() == 1);
    ui.frame();
    REQUIRE(f.last == ui::FirstRunChoice::Open);
    CHECK_FALSE(ui.visible("first.demo_progress"));
    CHECK(f.screen.error.empty());
    CHECK(f.screen.chosenPath == f.places.demo());
    CHECK(f.screen.chosenDemo);
    storage::Storage db(f.places.demo());
    CHECK(db.count("person") > 100);
    CHECK_FALSE(fs::exists(f.places.own()));   // the user's own database is not made
}

TEST_CASE("first run: 退出 quits") {
    FirstRun f;
    test::HeadlessUi ui(f.draw());
    ui.click("first.quit");
    CHECK(f.last == ui::FirstRunChoice::Quit);
}
