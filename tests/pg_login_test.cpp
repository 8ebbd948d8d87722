// pg_login_test.cpp — opening a server as the 打开 dialog's 服务器 tab does
// (issue 18): the connection string built from the fields as libpq reads
// it, the password from the session or from a ~/.pgpass the app wrote, each
// failure refused with its own OpenFailure and a Chinese message that says
// what to do, and 设置 → 用户's storage calls (rights, change, remove).
#include "cli/server_command.hpp"
#include "core/pgpass.hpp"
#include "core/server_address.hpp"
#include "storage/database.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "storage/pg_security.hpp"
#include "support/error_text.hpp"
#include "support/pg_cluster.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

using namespace jinguo;
using storage::OpenError;
using storage::OpenFailure;
using storage::PgDatabase;

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

// The address of database `dbname` on the test cluster's socket, as the tab's fields.
ServerAddress addressOf(const std::string& dbname, const std::string& user) {
    ServerAddress a;
    a.host = test::PgCluster::shared().folder();
    a.port = std::to_string(test::PgCluster::shared().port());
    a.database = dbname;
    a.user = user;
    return a;
}

// An initialized server database with 临江区 → 江滨街道 and three users of it.
struct Server {
    std::string conninfo = test::PgCluster::shared().createDatabase();
    std::string dbname = dbnameOf(conninfo);
    std::string suffix = std::to_string(::getpid()) + "_" + std::to_string(counter()++);
    std::int64_t district = 0, street = 0;
    Server() {
        REQUIRE(runServer({"init", conninfo}) == 0);
        PgDatabase owner(conninfo);
        auto unit = [&](const char* name, const char* kind, std::int64_t parent) {
            auto st = owner.prepare("INSERT INTO org_unit (parent_id, name, kind) VALUES (?, ?, ?) RETURNING id");
            st.bindIdOrNull(1, parent).bind(2, name).bind(3, kind);
            return st.runReturningId();
        };
        district = unit("临江区", "区", 0);
        street = unit("江滨街道", "街道", district);
    }
    std::string user(const std::string& stem) const { return stem + "_" + suffix; }
    std::string as(const std::string& name) const { return test::PgCluster::shared().conninfo(dbname, name); }
    static int& counter() { static int n = 0; return n; }
};

template <class Action> OpenFailure failureOf(Action&& action, std::string* message = nullptr) {
    try {
        action();
    } catch (const OpenError& e) {
        if (message) *message = e.what();
        return e.failure();
    }
    FAIL("no OpenError");
    return OpenFailure::Damaged;
}

} // namespace

TEST_CASE("the tab's fields make a string libpq reads back field for field, and it opens the server") {
    Server s;
    ServerAddress a = addressOf(s.dbname, "postgres");
    const std::string conninfo = conninfoOf(a);
    CHECK(storage::isServerConnection(conninfo));
    const auto back = storage::serverAddressOf(conninfo);
    REQUIRE(back);
    CHECK(back->host == a.host);
    CHECK(back->port == a.port);
    CHECK(back->database == a.database);
    CHECK(back->user == a.user);
    // Quotes and backslashes survive libpq's parser.
    ServerAddress odd = a;
    odd.database = "临江 o'k\\区";
    const auto oddBack = storage::serverAddressOf(conninfoOf(odd));
    REQUIRE(oddBack);
    CHECK(oddBack->database == odd.database);
    auto db = storage::openAndMigrate(conninfo);
    CHECK(db->isServer());
    CHECK(storage::databaseDisplayName(conninfo) == "服务器 postgres@" + a.host + ":" + a.port + "/" + s.dbname);
    CHECK_FALSE(contains(storage::databaseDisplayName(conninfo + " password=secret"), "secret"));
}

TEST_CASE("a password typed for the session logs in, and so does the line the app wrote to PGPASSFILE") {
    Server s;
    const std::string name = test::PgCluster::kPasswordRole;   // pg_hba.conf asks this role for a password
    {
        PgDatabase owner(s.conninfo);
        owner.exec("DELETE FROM jinguo_user WHERE role_name = '" + name + "'");
    }
    REQUIRE(runServer({"add-user", s.conninfo, "--name", name, "--unit", "江滨街道", "--role", "录入", "--password-stdin"},
                      "pw:with\\odd:chars\n") == 0);
    const ServerAddress a = addressOf(s.dbname, name);
    const std::string conninfo = conninfoOf(a);
    const std::string passfile = "/tmp/jinguo_pgpass_test_" + std::to_string(::getpid());
    ::setenv("PGPASSFILE", passfile.c_str(), 1);
    std::filesystem::remove(passfile);

    std::string message;
    CHECK(failureOf([&] { storage::openAndMigrate(conninfo); }, &message) == OpenFailure::ServerLogin);
    CHECK(contains(message, "用户名或密码不对"));

    storage::setSessionPassword(conninfo, "wrong");
    CHECK(failureOf([&] { storage::openAndMigrate(conninfo); }) == OpenFailure::ServerLogin);
    storage::setSessionPassword(conninfo, "pw:with\\odd:chars");
    CHECK(storage::openAndMigrate(conninfo)->isServer());
    storage::forgetSessionPassword(conninfo);
    CHECK(failureOf([&] { storage::openAndMigrate(conninfo); }) == OpenFailure::ServerLogin);

    // 记住密码: the escaped line libpq reads.
    const PgpassWritten written = rememberPgPassword(passfile, {a.host, a.port, a.database, a.user, "pw:with\\odd:chars"});
    REQUIRE(written.error.empty());
    CHECK(storage::openAndMigrate(conninfo)->isServer());
    std::filesystem::remove(passfile);
    ::unsetenv("PGPASSFILE");
}

TEST_CASE("each way a server open fails has its own kind and says what to do") {
    Server s;
    std::string message;
    // Nobody listens on that port: unreachable.
    ServerAddress nowhere = addressOf(s.dbname, "postgres");
    nowhere.port = "1";
    CHECK(failureOf([&] { storage::openAndMigrate(conninfoOf(nowhere)); }, &message) == OpenFailure::ServerUnreachable);
    CHECK(contains(message, "服务器没有响应"));
    // No such database.
    CHECK(failureOf([&] { storage::openAndMigrate(conninfoOf(addressOf("no_such_db", "postgres"))); }, &message)
          == OpenFailure::ServerNoDatabase);
    CHECK(contains(message, "没有这个数据库"));
    // No such role.
    CHECK(failureOf([&] { storage::openAndMigrate(conninfoOf(addressOf(s.dbname, "nobody_here"))); }, &message)
          == OpenFailure::ServerLogin);
    // Someone else's tables.
    const std::string foreign = test::PgCluster::shared().createDatabase();
    PgDatabase(foreign).exec("CREATE TABLE invoices (id int)");
    CHECK(failureOf([&] { storage::openAndMigrate(foreign); }, &message) == OpenFailure::NotJinguo);
    CHECK(contains(message, "不是Jinguo数据库"));
    // A newer Jinguo's schema: refused, untouched.
    {
        PgDatabase owner(s.conninfo);
        owner.exec("UPDATE schema_version SET version = version + 1");
    }
    CHECK(failureOf([&] { storage::openAndMigrate(s.conninfo); }, &message) == OpenFailure::TooNew);
    CHECK(contains(message, "更新版本"));
    {
        PgDatabase owner(s.conninfo);
        owner.exec("UPDATE schema_version SET version = version - 1");
    }
}

TEST_CASE("a 录入 user on a server whose schema is behind is told to ask the district's 管理员; the owner upgrades it") {
    Server s;
    const std::string editor = s.user("behind_editor");
    REQUIRE(runServer({"add-user", s.conninfo, "--name", editor, "--unit", "江滨街道", "--role", "录入"}) == 0);
    const int latest = storage::latestPgSchemaVersion();
    {
        PgDatabase owner(s.conninfo);
        owner.exec("UPDATE schema_version SET version = " + std::to_string(latest - 1));
    }
    std::string message;
    CHECK(failureOf([&] { storage::openAndMigrate(s.as(editor)); }, &message) == OpenFailure::ServerNoPermission);
    CHECK(contains(message, "管理员"));
    CHECK(contains(message, "升级"));
    CHECK_FALSE(contains(message, "permission denied"));
    {
        PgDatabase owner(s.conninfo);
        CHECK(storage::pgSchemaVersion(owner) == latest - 1);   // nothing written
    }
    // An empty database: the user is told it needs server init.
    const std::string empty = test::PgCluster::shared().createDatabase();
    CHECK(failureOf([&] { storage::openAndMigrate(test::PgCluster::shared().conninfo(dbnameOf(empty), editor)); },
                    &message)
          == OpenFailure::ServerNoPermission);
    CHECK(contains(message, "server init"));
}

TEST_CASE("设置 → 用户's calls: who may manage users, a user's unit and role changed, a user removed") {
    Server s;
    const std::string admin = s.user("ui_admin"), editor = s.user("ui_editor");
    REQUIRE(runServer({"add-user", s.conninfo, "--name", admin, "--unit", "临江区", "--role", "管理员"}) == 0);
    REQUIRE(runServer({"add-user", s.conninfo, "--name", editor, "--unit", "江滨街道", "--role", "录入"}) == 0);

    PgDatabase owner(s.conninfo);
    const storage::PgSessionRights ownerRights = storage::pgSessionRights(owner);
    CHECK(ownerRights.canManageUsers);
    CHECK(ownerRights.role.empty());
    PgDatabase asAdmin(s.as(admin));
    const storage::PgSessionRights adminRights = storage::pgSessionRights(asAdmin);
    CHECK(adminRights.user == admin);
    CHECK(adminRights.role == "管理员");
    CHECK(adminRights.canManageUsers);   // no CREATEROLE: the owner's functions write for her (security/0001)
    CHECK(storage::listPgUsers(asAdmin).size() == 2);
    std::string refusal;
    {
        PgDatabase editorFirst(s.as(editor));
        CHECK_FALSE(storage::pgSessionRights(editorFirst).canManageUsers);
        try {
            storage::updatePgUser(editorFirst, editor, "临江区", "管理员");
        } catch (const storage::StorageError& e) {
            refusal = e.what();
        }
    }
    CHECK(contains(refusal, "管理员的账号"));

    const storage::PgUser changed = storage::updatePgUser(owner, editor, std::to_string(s.district), "只读");
    CHECK(changed.unitName == "临江区");
    CHECK(changed.role == "只读");
    {
        auto st = owner.prepare("SELECT pg_has_role(?, 'jinguo_reader', 'MEMBER'), pg_has_role(?, 'jinguo_editor', 'MEMBER')");
        st.bind(1, editor).bind(2, editor);
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == 1);
        CHECK(st.columnInt(1) == 0);
    }
    PgDatabase asEditor(s.as(editor));
    CHECK(storage::pgSessionRights(asEditor).role == "只读");

    storage::removePgUser(owner, editor);
    CHECK(storage::listPgUsers(owner).size() == 1);
    CHECK(failureOf([&] { PgDatabase gone(s.as(editor)); }) == OpenFailure::ServerNoPermission);   // NOLOGIN
    refusal.clear();
    try {
        storage::removePgUser(owner, editor);
    } catch (const storage::StorageError& e) {
        refusal = e.what();
    }
    CHECK(contains(refusal, "不是这个数据库的用户"));
}

TEST_CASE("a forgotten password is reset by her 管理员, she then sets her own; nobody else may, and the CLI says so") {
    Server s;
    const std::string name = test::PgCluster::kPasswordRole;   // the role pg_hba.conf asks for a password
    {
        PgDatabase owner(s.conninfo);
        owner.exec("DELETE FROM jinguo_user WHERE role_name = '" + name + "'");
    }
    REQUIRE(runServer({"add-user", s.conninfo, "--name", name, "--unit", "江滨街道", "--role", "录入", "--password-stdin"},
                      "first\n") == 0);
    const std::string streetAdmin = s.user("pw_street_admin"), districtAdmin = s.user("pw_district_admin"),
                      colleague = s.user("pw_colleague");
    REQUIRE(runServer({"add-user", s.conninfo, "--name", streetAdmin, "--unit", "江滨街道", "--role", "管理员"}) == 0);
    REQUIRE(runServer({"add-user", s.conninfo, "--name", districtAdmin, "--unit", "临江区", "--role", "管理员"}) == 0);
    REQUIRE(runServer({"add-user", s.conninfo, "--name", colleague, "--unit", "江滨街道", "--role", "录入"}) == 0);
    const std::string herConninfo = conninfoOf(addressOf(s.dbname, name));
    auto logsInWith = [&](const std::string& password) {
        storage::setSessionPassword(herConninfo, password);
        bool in = false;
        try {
            in = storage::openAndMigrate(herConninfo)->isServer();
        } catch (const OpenError&) {
        }
        storage::forgetSessionPassword(herConninfo);
        return in;
    };
    auto refusalOf = [&](const std::string& conninfo, const std::string& who, const std::string& password) {
        try {
            PgDatabase db(conninfo);
            storage::setPgUserPassword(db, who, password);
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(logsInWith("first"));

    // Her street's 管理员 resets it from the command line, connected as herself.
    REQUIRE(runServer({"set-password", s.as(streetAdmin), "--name", name, "--password-stdin"}, "second\n") == 0);
    CHECK_FALSE(logsInWith("first"));
    storage::setSessionPassword(herConninfo, "second");
    {
        // She sets her own, logged in with the reset one.
        PgDatabase self(herConninfo);
        storage::setPgUserPassword(self, name, "third");
    }
    storage::forgetSessionPassword(herConninfo);
    CHECK_FALSE(logsInWith("second"));
    CHECK(logsInWith("third"));

    // A colleague (录入) may not set hers; a street 管理员 not a district user's;
    // nobody the owner's (that is psql's \password on the server).
    CHECK(contains(refusalOf(s.as(colleague), name, "stolen"), "管理员"));
    CHECK(contains(refusalOf(s.as(streetAdmin), districtAdmin, "stolen"), "不在管理员"));
    CHECK(contains(refusalOf(s.as(streetAdmin), "postgres", "stolen"), "不是这个数据库的用户"));
    CHECK(contains(refusalOf(s.conninfo, "postgres", "stolen"), "\\password"));
    CHECK(contains(refusalOf(s.as(streetAdmin), name, ""), "新密码为空"));
    CHECK(logsInWith("third"));   // none of the refused calls changed it

    // The CLI: set-password needs --password-stdin; remove-user and update-user act.
    {
        std::istringstream in;
        std::ostringstream out, err;
        CHECK(cli::runServerCommand({"set-password", s.conninfo, "--name", name}, in, out, err) == 2);
        CHECK(contains(err.str(), "--password-stdin"));
    }
    REQUIRE(runServer({"update-user", s.as(districtAdmin), "--name", colleague, "--unit", "临江区", "--role", "只读"}) == 0);
    {
        PgDatabase owner(s.conninfo);
        bool found = false;
        for (const storage::PgUser& u : storage::listPgUsers(owner))
            if (u.name == colleague) {
                found = true;
                CHECK(u.unitName == "临江区");
                CHECK(u.role == "只读");
            }
        CHECK(found);
    }
    REQUIRE(runServer({"remove-user", s.as(districtAdmin), "--name", name}) == 0);
    CHECK_FALSE(logsInWith("third"));   // NOLOGIN now
}
