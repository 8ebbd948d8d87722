// pg_password_keeper_test.cpp — 记住密码 goes to the installed keeper (the
// window's: the desktop's secret store, platform/secret_store), and a
// connection with no password typed this run finds it there (issue 18).
// The keeper here is a map in memory; platform_secret_store_test proves the
// real Secret Service and the ~/.pgpass fallback.
#include "cli/server_command.hpp"
#include "core/password_keeper.hpp"
#include "core/server_address.hpp"
#include "storage/pg_connection.hpp"
#include "support/error_text.hpp"
#include "support/pg_cluster.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace jinguo;
using storage::PgDatabase;

TEST_CASE("记住密码 keeps the accepted password in the installed keeper, and the next run's connection finds it there") {
    const std::string conninfoOwner = ::test::PgCluster::shared().createDatabase();
    const std::string dbname = conninfoOwner.substr(conninfoOwner.find("dbname=") + 7,
                                                    conninfoOwner.find(' ', conninfoOwner.find("dbname=")) - conninfoOwner.find("dbname=") - 7);
    {
        std::istringstream in;
        std::ostringstream out, err;
        REQUIRE(cli::runServerCommand({"init", conninfoOwner}, in, out, err) == 0);
        PgDatabase owner(conninfoOwner);
        owner.exec(std::string("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '")
                   + ::test::PgCluster::kPasswordRole + "') THEN CREATE ROLE " + ::test::PgCluster::kPasswordRole
                   + " LOGIN; END IF; END $$");
        owner.exec(std::string("ALTER ROLE ") + ::test::PgCluster::kPasswordRole + " LOGIN PASSWORD 'kept-pw'");
    }
    ServerAddress a;
    a.host = ::test::PgCluster::shared().folder();
    a.port = std::to_string(::test::PgCluster::shared().port());
    a.database = dbname;
    a.user = ::test::PgCluster::kPasswordRole;
    const std::string conninfo = conninfoOf(a);
    // No ~/.pgpass to fall back on: a file that does not exist.
    const std::string passfile = "/tmp/jinguo_keeper_test_" + std::to_string(::getpid());
    ::setenv("PGPASSFILE", passfile.c_str(), 1);

    std::map<std::string, std::string> kept;   // "host:port:db:user" -> password
    int finds = 0;
    auto key = [](const PgpassEntry& e) { return e.host + ":" + e.port + ":" + e.database + ":" + e.user; };
    PasswordKeeper keeper;
    keeper.place = [] { return std::string("测试密钥环"); };
    keeper.keep = [&](const PgpassEntry& e) {
        kept[key(e)] = e.password;
        return PgpassWritten{};
    };
    keeper.find = [&](const PgpassEntry& e) {
        ++finds;
        const auto at = kept.find(key(e));
        return at == kept.end() ? std::optional<std::string>() : std::optional<std::string>(at->second);
    };
    storage::setPasswordKeeper(keeper);
    CHECK(storage::passwordKeeperPlace() == "测试密钥环");

    // A wrong password is never kept; the right one is, once the server took it.
    storage::setSessionPassword(conninfo, "wrong", true);
    CHECK_FALSE(::test::errorOf([&] { PgDatabase db(conninfo); }).empty());
    CHECK(kept.empty());
    storage::setSessionPassword(conninfo, "kept-pw", true);
    { PgDatabase db(conninfo); }
    CHECK(kept[key({a.host, a.port, a.database, a.user, ""})] == "kept-pw");
    CHECK(storage::takePasswordFileMessage().empty());
    CHECK_FALSE(std::filesystem::exists(passfile));   // the keeper had it, not ~/.pgpass

    // The next run: nothing typed; the keeper is asked once, then the session holds it.
    storage::forgetSessionPassword(conninfo);
    finds = 0;
    { PgDatabase db(conninfo); }
    { PgDatabase worker(conninfo); }
    CHECK(finds == 1);
    // Nothing kept for that server: the connection fails as before (libpq's own ~/.pgpass next).
    kept.clear();
    storage::forgetSessionPassword(conninfo);
    CHECK(::test::contains(::test::errorOf([&] { PgDatabase db(conninfo); }), "密码"));

    storage::setPasswordKeeper(pgpassKeeper());
    CHECK(storage::passwordKeeperPlace() == "~/.pgpass");
    storage::forgetSessionPassword(conninfo);
    ::unsetenv("PGPASSFILE");
}
