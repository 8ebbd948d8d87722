// pg_ui_test.cpp — the window on a server (issue 18), headless against the
// throw-away cluster: 文件 → 打开 → 服务器 opens a server and 最近打开 keeps
// it without a password; a wrong password brings the tab back with the
// reason, the right one with 记住密码 writes PGPASSFILE 0600; 设置 → 用户
// adds, changes and removes users as the owner, is read-only for a
// 管理员 without CREATEROLE, and says so on a SQLite file.
#include "headless_ui.hpp"
#include "cli/server_command.hpp"
#include "core/password_keeper.hpp"
#include "core/pgpass.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_security.hpp"
#include "storage/storage.hpp"
#include "ui/item_locator.hpp"
#include "support/error_text.hpp"
#include "support/pg_cluster.hpp"
#include "ui/database_session.hpp"
#include "ui/file_menu.hpp"
#include "ui/screen_users.hpp"
#include "ui/ui_strings.hpp"

#include <doctest/doctest.h>

#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

using ::test::contains;

namespace {

std::string dbnameOf(const std::string& conninfo) {
    const std::size_t at = conninfo.find("dbname=") + 7;
    return conninfo.substr(at, conninfo.find(' ', at) - at);
}

int runServer(std::vector<std::string> args, const std::string& input = "") {
    std::istringstream in(input);
    std::ostringstream out, err;
    const int code = cli::runServerCommand(args, in, out, err);
    if (code != 0) MESSAGE(err.str());
    return code;
}

struct Folder {
    fs::path root = fs::temp_directory_path() / ("jinguo_pg_ui_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
    static int& counter() { static int n = 0; return n; }
    Folder() { fs::remove_all(root); fs::create_directories(root); }
    ~Folder() { std::error_code ec; fs::remove_all(root, ec); }
    std::string file(const std::string& name) const { return (root / name).string(); }
};

// An initialized server: 临江区 → 江滨街道, and its users.
struct Server {
    std::string conninfo = ::test::PgCluster::shared().createDatabase();
    std::string dbname = dbnameOf(conninfo);
    std::string suffix = std::to_string(::getpid()) + "_" + std::to_string(counter()++);
    std::int64_t district = 0, street = 0;
    Server() {
        REQUIRE(runServer({"init", conninfo}) == 0);
        storage::PgDatabase owner(conninfo);
        auto unit = [&](const char* name, const char* kind, std::int64_t parent) {
            auto st = owner.prepare("INSERT INTO org_unit (parent_id, name, kind) VALUES (?, ?, ?) RETURNING id");
            st.bindIdOrNull(1, parent).bind(2, name).bind(3, kind);
            return st.runReturningId();
        };
        district = unit("临江区", "区", 0);
        street = unit("江滨街道", "街道", district);
    }
    std::string user(const std::string& stem) const { return stem + "_" + suffix; }
    std::string as(const std::string& name) const { return ::test::PgCluster::shared().conninfo(dbname, name); }
    static int& counter() { static int n = 0; return n; }
};

// A window on a SQLite file, as gui_main runs it, its session switching between frames.
struct Window {
    Folder folder;
    std::string first = folder.file("本机.db");
    std::unique_ptr<ui::DatabaseSession> session;
    Window() {
        { storage::Storage make(first); }
        ui::DatabaseSession::Hooks hooks;
        hooks.prepare = [](ui::AppState& app) { app.today = "2026-11-29"; };
        session = std::make_unique<ui::DatabaseSession>(std::make_unique<storage::Storage>(first),
                                                        ui::DatabasePlaces{folder.file("own.db"), folder.file("demo.db")},
                                                        Preferences{}, folder.file("preferences"), hooks);
        session->setOpenPatience(std::chrono::minutes(1));
    }
    ui::AppState& app() { return session->app(); }
    // Only the 文件 menu: the screens' SQL is not all ported to PostgreSQL yet.
    std::function<void()> draw() {
        return [this] {
            ImGui::Begin("window");
            ui::drawFileMenu(app(), ui::fileMenu(app()));
            ImGui::End();
        };
    }
};

void fillServerTab(jinguo::test::HeadlessUi& ui, const std::string& dbname, const std::string& user, const std::string& password) {
    ui.click("file.picker.tab.server");
    ui.frame();
    ui.type("file.picker.server.host", ::test::PgCluster::shared().folder());
    ui.type("file.picker.server.port", std::to_string(::test::PgCluster::shared().port()));
    ui.type("file.picker.server.database", dbname);
    ui.type("file.picker.server.user", user);
    ui.type("file.picker.server.password", password);
}

// The page in a window as big as the screen (a new window would fit its
// first frame's content, and later rows would fall outside it, unclickable).
void fullWindow(const char* name) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin(name);
}

unsigned modeOf(const std::string& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return info.st_mode & 07777u;
}

} // namespace

TEST_CASE("文件 → 打开 → 服务器 opens a server; 最近打开 keeps it without a password and reopens it") {
    Server s;
    Window w;
    jinguo::test::HeadlessUi ui(w.draw());
    ui.click("file.menu");
    ui.click("file.open");
    ui.frame();
    fillServerTab(ui, s.dbname, "postgres", "");
    ui.click("file.picker.server.ok");
    REQUIRE(storage::isServerConnection(w.app().openRequest));
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.session->storage().db().isServer());
    const std::string server = w.session->storage().path();
    CHECK(w.app().recentDatabases.front() == server);
    CHECK_FALSE(storage::conninfoHasPassword(server));
    CHECK(w.session->preferences().lastDatabase == server);

    // Back to the file, then the server again from 最近打开.
    w.app().openRequest = w.first;
    REQUIRE(w.session->switchIfRequested());
    CHECK_FALSE(w.session->storage().db().isServer());
    ui.click("file.menu");
    ui.click("file.recent.0");
    CHECK(w.app().openRequest == server);
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.session->storage().db().isServer());
    // On a server 文件 offers the cross-engine copy only: 另存为 is SQLite's file backup.
    ui::ItemLocator::instance().beginFrame();   // the file's menu was drawn before: only what the server's draws counts
    ui.click("file.menu");
    CHECK(ui.visible("file.copy_to"));
    CHECK_FALSE(ui.visible("file.saveas"));
}

TEST_CASE("a wrong password brings the 服务器 tab back with the reason; 记住密码 writes PGPASSFILE once the server took it") {
    Server s;
    const std::string name = ::test::PgCluster::kPasswordRole;
    {
        storage::PgDatabase owner(s.conninfo);
        owner.exec("DELETE FROM jinguo_user WHERE role_name = '" + name + "'");
    }
    REQUIRE(runServer({"add-user", s.conninfo, "--name", name, "--unit", "江滨街道", "--role", "录入", "--password-stdin"},
                      "right-pass\n") == 0);
    Window w;
    const std::string passfile = w.folder.file("pgpass");
    ::setenv("PGPASSFILE", passfile.c_str(), 1);
    jinguo::test::HeadlessUi ui(w.draw());
    ui.click("file.menu");
    ui.click("file.open");
    ui.frame();
    fillServerTab(ui, s.dbname, name, "wrong-pass");
    ui.click("file.picker.server.remember");
    ui.click("file.picker.server.ok");
    CHECK_FALSE(w.session->switchIfRequested());
    CHECK(w.session->storage().path() == w.first);   // the file stays open
    ui.frame();   // the refusal reopens the tab
    ui.frame();
    REQUIRE(ui.visible("file.picker.server.error"));
    CHECK(contains(ui::fileMenu(w.app()).openDialog.server.error, "用户名或密码不对"));
    CHECK(w.app().fileError.empty());   // shown in the tab, not twice
    CHECK_FALSE(fs::exists(passfile));   // a refused password is never remembered

    ui.type("file.picker.server.password", "right-pass");
    ui.click("file.picker.server.ok");
    REQUIRE(w.session->switchIfRequested());
    CHECK(w.session->storage().db().isServer());
    REQUIRE(fs::exists(passfile));
    CHECK(modeOf(passfile) == 0600u);
    std::ifstream in(passfile);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(contains(text, ":" + s.dbname + ":" + name + ":right-pass\n"));
    for (const std::string& recent : w.session->preferences().recentDatabases) CHECK_FALSE(contains(recent, "right-pass"));
    ::unsetenv("PGPASSFILE");
    storage::forgetSessionPassword(w.session->storage().path());
}

TEST_CASE("设置 → 用户 as the owner: add (passwords twice, unit, role), change, remove; refusals in Chinese") {
    Server s;
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    storage::Storage server(s.conninfo);
    ui::AppState app{server};
    ui::UsersScreen screen;
    jinguo::test::HeadlessUi ui([&] {
        fullWindow("settings");
        ui::drawUsersTab(app, screen);
        ImGui::End();
    });
    ui.frame();
    CHECK(ui.visible("users.add.ok"));
    CHECK_FALSE(ui.visible("users.read_only"));
    const std::string chair = s.user("chair");
    ui.type("users.add.name", chair);
    ui.type("users.add.password", "pw-1");
    ui.type("users.add.password_again", "pw-2");
    screen.add.unitId = s.street;   // the combo's pick, as a click would set it
    ui.click("users.add.ok");
    CHECK(contains(screen.error, "两次输入的密码不一样"));
    ui.type("users.add.password_again", "pw-1");
    ui.click("users.add.ok");
    CHECK(screen.error.empty());
    CHECK(contains(screen.message, chair));
    ui.frame();
    storage::PgDatabase owner(s.conninfo);
    std::vector<storage::PgUser> users = storage::listPgUsers(owner);
    REQUIRE(users.size() == 1);
    CHECK(users[0].name == chair);
    CHECK(users[0].unitName == "江滨街道");
    CHECK(users[0].role == "录入");
    CHECK(screen.view.result()->users.size() == 1);   // the list read again after the write

    ui.click("users.edit." + chair);
    ui.frame();
    screen.editUnit = s.district;
    screen.editRole = 2;   // 只读
    ui.click("users.edit.save");
    users = storage::listPgUsers(owner);
    REQUIRE(users.size() == 1);
    CHECK(users[0].unitName == "临江区");
    CHECK(users[0].role == "只读");

    ui.click("users.remove." + chair);
    ui.frame();
    ui.click("users.remove.confirm.ok");
    CHECK(storage::listPgUsers(owner).empty());
    CHECK(contains(screen.message, "已停用"));

    // A bad name: pg_security's refusal, in Chinese, under the form.
    ui.type("users.add.name", "Bad-Name");
    ui.type("users.add.password", "x");
    ui.type("users.add.password_again", "x");
    screen.add.unitId = s.street;
    ui.click("users.add.ok");
    CHECK(contains(screen.error, "不能用"));
}

TEST_CASE("设置 → 用户 as a street's 管理员 (no CREATEROLE): she adds a 录入 user for a community of her street only") {
    Server s;
    std::int64_t community = 0, otherStreet = 0;
    {
        storage::PgDatabase owner(s.conninfo);
        auto unit = [&](const char* name, const char* kind, std::int64_t parent) {
            auto st = owner.prepare("INSERT INTO org_unit (parent_id, name, kind) VALUES (?, ?, ?) RETURNING id");
            st.bindIdOrNull(1, parent).bind(2, name).bind(3, kind);
            return st.runReturningId();
        };
        community = unit("滨江社区", "社区", s.street);
        otherStreet = unit("文昌街道", "街道", s.district);
    }
    const std::string chair = s.user("street_chair"), clerk = s.user("community_clerk");
    REQUIRE(runServer({"add-user", s.conninfo, "--name", chair, "--unit", "江滨街道", "--role", "管理员"}) == 0);
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    storage::Storage server(s.as(chair));
    ui::AppState app{server};
    ui::UsersScreen screen;
    jinguo::test::HeadlessUi ui([&] {
        fullWindow("settings");
        ui::drawUsersTab(app, screen);
        ImGui::End();
    });
    ui.frame();
    CHECK_FALSE(ui.visible("users.read_only"));
    CHECK(ui.visible("users.add.ok"));
    CHECK_FALSE(ui.visible("users.remove." + chair));   // not herself
    REQUIRE(screen.view.result());
    // The combo offers her street and its community, nothing above or beside it.
    std::vector<std::int64_t> offered;
    for (const ui::UsersView::Unit& u : screen.view.result()->units) offered.push_back(u.id);
    CHECK(offered == std::vector<std::int64_t>{s.street, community});
    (void)otherStreet;

    ui.type("users.add.name", clerk);
    ui.type("users.add.password", "pw-1");
    ui.type("users.add.password_again", "pw-1");
    ui.click("users.add.unit");
    ui.frame();
    ui.click("users.add.unit.滨江社区");
    ui.frame();
    CHECK(screen.add.unitId == community);
    ui.click("users.add.ok");
    CHECK_MESSAGE(screen.error.empty(), screen.error);
    CHECK(contains(screen.message, clerk));
    ui.frame();
    storage::PgDatabase owner(s.conninfo);
    bool found = false;
    for (const storage::PgUser& u : storage::listPgUsers(owner))
        if (u.name == clerk) {
            found = true;
            CHECK(u.unitId == community);
            CHECK(u.role == "录入");
            CHECK(u.createdBy == chair);
        }
    CHECK(found);
    CHECK(ui.visible("users.remove." + clerk));   // hers to disable
    // Bound to a unit outside her street (as a stale form could ask): refused in Chinese, nothing made.
    ui.type("users.add.name", s.user("outsider"));
    ui.type("users.add.password", "pw");
    ui.type("users.add.password_again", "pw");
    screen.add.unitId = otherStreet;
    ui.click("users.add.ok");
    CHECK(contains(screen.error, "不在你所属单位"));
    auto st = owner.prepare("SELECT count(*) FROM pg_roles WHERE rolname = ?");
    st.bind(1, s.user("outsider"));
    REQUIRE(st.step());
    CHECK(st.columnInt(0) == 0);
}

TEST_CASE("设置 → 用户 is read-only for a 录入 user, and explains itself on a SQLite file") {
    Server s;
    const std::string editor = s.user("street_editor");
    REQUIRE(runServer({"add-user", s.conninfo, "--name", editor, "--unit", "江滨街道", "--role", "录入"}) == 0);
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    {
        storage::Storage server(s.as(editor));
        ui::AppState app{server};
        ui::UsersScreen screen;
        jinguo::test::HeadlessUi ui([&] {
            fullWindow("settings");
            ui::drawUsersTab(app, screen);
            ImGui::End();
        });
        ui.frame();
        CHECK(ui.visible("users.read_only"));
        CHECK_FALSE(ui.visible("users.add.ok"));
        CHECK_FALSE(ui.visible("users.remove." + editor));
        REQUIRE(screen.view.result());
        CHECK(screen.view.result()->users.size() == 1);
        CHECK(screen.view.result()->rights.role == "录入");
    }
    Folder folder;
    storage::Storage file(folder.file("本机.db"));
    ui::AppState app{file};
    ui::UsersScreen screen;
    jinguo::test::HeadlessUi ui([&] {
        fullWindow("settings");
        ui::drawUsersTab(app, screen);
        ImGui::End();
    });
    ui.frame();
    CHECK(ui.visible("users.file_only"));
    CHECK_FALSE(ui.visible("users.add.ok"));
}

namespace {
// The SCRAM verifier the server holds for `name` (read as the superuser owner).
std::string verifierOf(storage::PgDatabase& owner, const std::string& name) {
    auto st = owner.prepare("SELECT coalesce(rolpassword, '') FROM pg_authid WHERE rolname = ?");
    st.bind(1, name);
    return st.step() ? st.columnText(0) : std::string();
}
} // namespace

TEST_CASE("设置 → 用户: a street 管理员 resets a clerk's password; a 录入 user changes her own and 记住密码's line follows") {
    Server s;
    const std::string chair = s.user("pw_chair"), clerk = s.user("pw_clerk");
    REQUIRE(runServer({"add-user", s.conninfo, "--name", chair, "--unit", "江滨街道", "--role", "管理员"}) == 0);
    REQUIRE(runServer({"add-user", s.conninfo, "--name", clerk, "--unit", "江滨街道", "--role", "录入", "--password-stdin"},
                      "old-pw\n") == 0);
    storage::PgDatabase owner(s.conninfo);
    const std::string first = verifierOf(owner, clerk);
    REQUIRE(first.rfind("SCRAM-SHA-256$", 0) == 0);
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    {
        storage::Storage server(s.as(chair));
        ui::AppState app{server};
        ui::UsersScreen screen;
        jinguo::test::HeadlessUi ui([&] {
            fullWindow("settings");
            ui::drawUsersTab(app, screen);
            ImGui::End();
        });
        ui.frame();
        REQUIRE(ui.visible("users.password." + clerk));
        CHECK_FALSE(ui.visible("users.password." + chair));   // her own is 修改我的密码
        CHECK(ui.visible("users.password.mine"));
        ui.click("users.password." + clerk);
        ui.frame();
        ui.type("users.password.new", "new-pw");
        ui.type("users.password.again", "new-px");
        ui.click("users.password.save");
        CHECK(contains(screen.error, "两次输入的密码不一样"));
        CHECK(verifierOf(owner, clerk) == first);
        ui.type("users.password.again", "new-pw");
        ui.click("users.password.save");
        CHECK_MESSAGE(screen.error.empty(), screen.error);
        CHECK(contains(screen.message, "已重设用户 " + clerk));
        CHECK(screen.passwordFor.empty());
        CHECK(verifierOf(owner, clerk) != first);
        CHECK(verifierOf(owner, clerk).rfind("SCRAM-SHA-256$", 0) == 0);
    }
    // The clerk, whose password 记住密码 kept in the password file, sets her own.
    const std::string passfile = "/tmp/jinguo_pg_ui_pw_" + std::to_string(::getpid());
    fs::remove(passfile);
    ::setenv("PGPASSFILE", passfile.c_str(), 1);
    storage::setPasswordKeeper(pgpassKeeper());
    const std::string clerkConninfo = s.as(clerk);
    const std::optional<ServerAddress> address = storage::serverAddressOf(clerkConninfo);
    REQUIRE(address);
    REQUIRE(rememberPgPassword(passfile, {address->host, address->port, address->database, address->user, "new-pw"}).error.empty());
    {
        storage::Storage server(clerkConninfo);
        ui::AppState app{server};
        ui::UsersScreen screen;
        jinguo::test::HeadlessUi ui([&] {
            fullWindow("settings");
            ui::drawUsersTab(app, screen);
            ImGui::End();
        });
        ui.frame();
        CHECK(ui.visible("users.read_only"));
        const std::string before = verifierOf(owner, clerk);
        ui.click("users.password.mine");
        ui.frame();
        ui.type("users.password.new", "only-mine");
        ui.type("users.password.again", "only-mine");
        ui.click("users.password.save");
        CHECK_MESSAGE(screen.error.empty(), screen.error);
        CHECK(contains(screen.message, "已修改您的密码"));
        CHECK(contains(screen.message, "记住的密码已换成新密码"));
        CHECK(verifierOf(owner, clerk) != before);
        CHECK(storage::sessionPassword(clerkConninfo) == std::optional<std::string>("only-mine"));
        std::ifstream in(passfile);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(contains(text, ":" + clerk + ":only-mine\n"));
        CHECK_FALSE(contains(text, "new-pw"));
    }
    storage::forgetSessionPassword(clerkConninfo);
    ::unsetenv("PGPASSFILE");
    fs::remove(passfile);
}
