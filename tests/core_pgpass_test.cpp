// core_pgpass_test.cpp — the password file the 服务器 tab writes (~/.pgpass):
// libpq's escaping, one line added or replaced with the rest untouched, 0600
// whatever the umask or the old mode, and refusals that leave the file alone;
// and the connection string the tab builds (libpq's quoting, no password).
#include <doctest/doctest.h>

#include "core/pgpass.hpp"
#include "core/server_address.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path = fs::temp_directory_path() / ("jinguo_pgpass_" + std::to_string(::getpid()) + "_"
                                                 + std::to_string(counter()++));
    TempFolder() { fs::remove_all(path); fs::create_directories(path); }
    ~TempFolder() { std::error_code ec; fs::remove_all(path, ec); }
    static int& counter() { static int n = 0; return n; }
};

unsigned modeOf(const fs::path& p) {
    struct stat info {};
    ::stat(p.c_str(), &info);
    return info.st_mode & 07777u;
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeAll(const fs::path& p, const std::string& text, unsigned mode) {
    std::ofstream(p, std::ios::binary) << text;
    fs::permissions(p, static_cast<fs::perms>(mode));
}

} // namespace

TEST_CASE("pgpass fields escape ':' and '\\' as libpq reads them, and a lone '*' is not a wildcard") {
    CHECK(escapePgpassField("db:1") == "db\\:1");
    CHECK(escapePgpassField("a\\b") == "a\\\\b");
    CHECK(escapePgpassField("*") == "\\*");
    CHECK(escapePgpassField("a*") == "a*");
    const PgpassEntry odd{"/tmp/so:ck", "5432", "库:名", "us\\er", "p:w\\d:"};
    const std::string text = pgpassWithEntry("", odd);
    CHECK(text == "/tmp/so\\:ck:5432:库\\:名:us\\\\er:p\\:w\\\\d\\:\n");
    const auto fields = parsePgpassLine(text.substr(0, text.size() - 1));
    REQUIRE(fields);
    CHECK(*fields == std::vector<std::string>{"/tmp/so:ck", "5432", "库:名", "us\\er", "p:w\\d:"});
    CHECK_FALSE(parsePgpassLine("# host:port:db:user:pw"));
    CHECK_FALSE(parsePgpassLine("host:port:db"));
}

TEST_CASE("the server's one line is replaced; comments, wildcards and other servers are kept as they were") {
    const std::string before = "# 我的服务器\n"
                               "*:*:*:postgres:superpw\n"
                               "db.local:5432:linjiang:chair:old\n"
                               "db.local:5432:other:chair:keep\n"
                               "db.local:5432:linjiang:chair:stale-duplicate\n"
                               "last:1:d:u:no-newline";
    const std::string after = pgpassWithEntry(before, {"db.local", "5432", "linjiang", "chair", "new"});
    CHECK(after == "# 我的服务器\n"
                   "*:*:*:postgres:superpw\n"
                   "db.local:5432:linjiang:chair:new\n"
                   "db.local:5432:other:chair:keep\n"
                   "last:1:d:u:no-newline\n");
    // A new server goes at the end.
    CHECK(pgpassWithEntry("a:1:b:c:d\n", {"h", "5433", "x", "y", "z"}) == "a:1:b:c:d\nh:5433:x:y:z\n");
}

TEST_CASE("rememberPgPassword creates the file 0600 whatever the umask, and rewrites a readable one 0600") {
    TempFolder folder;
    const fs::path file = folder.path / ".pgpass";
    const mode_t old = ::umask(0);
    const PgpassWritten first = rememberPgPassword(file.string(), {"h", "5432", "d", "u", "pw1"});
    ::umask(old);
    CHECK(first.error.empty());
    CHECK(first.note.empty());
    CHECK(modeOf(file) == 0600u);
    CHECK(readAll(file) == "h:5432:d:u:pw1\n");

    writeAll(file, "other:1:2:3:4\nh:5432:d:u:pw1\n", 0644);
    const PgpassWritten second = rememberPgPassword(file.string(), {"h", "5432", "d", "u", "pw2"});
    CHECK(second.error.empty());
    CHECK(second.note.find("0644") != std::string::npos);
    CHECK(second.note.find("0600") != std::string::npos);
    CHECK(modeOf(file) == 0600u);
    CHECK(readAll(file) == "other:1:2:3:4\nh:5432:d:u:pw2\n");
    // No temporary left beside it.
    int entries = 0;
    for (const auto& e : fs::directory_iterator(folder.path)) entries += e.path().filename() == ".pgpass" ? 0 : 1;
    CHECK(entries == 0);
}

TEST_CASE("rememberPgPassword refuses a symbolic link, a line break and a missing folder, touching nothing") {
    TempFolder folder;
    const fs::path real = folder.path / "real";
    writeAll(real, "x:1:y:z:w\n", 0600);
    const fs::path link = folder.path / ".pgpass";
    fs::create_symlink(real, link);
    const PgpassWritten viaLink = rememberPgPassword(link.string(), {"h", "5432", "d", "u", "pw"});
    CHECK(viaLink.error.find("符号链接") != std::string::npos);
    CHECK(fs::is_symlink(link));
    CHECK(readAll(real) == "x:1:y:z:w\n");

    const PgpassWritten broken = rememberPgPassword(real.string(), {"h", "5432", "d", "u", "p\nw"});
    CHECK(broken.error.find("换行") != std::string::npos);
    CHECK(readAll(real) == "x:1:y:z:w\n");

    const PgpassWritten nowhere = rememberPgPassword((folder.path / "no" / ".pgpass").string(), {"h", "1", "d", "u", "p"});
    CHECK_FALSE(nowhere.error.empty());
}

TEST_CASE("pgpassPath is $PGPASSFILE when set, else ~/.pgpass") {
    const char* saved = std::getenv("PGPASSFILE");
    const std::string keep = saved ? saved : "";
    ::setenv("PGPASSFILE", "/tmp/elsewhere.pgpass", 1);
    CHECK(pgpassPath() == "/tmp/elsewhere.pgpass");
    ::unsetenv("PGPASSFILE");
    CHECK(pgpassPath() == std::string(std::getenv("HOME")) + "/.pgpass");
    if (saved) ::setenv("PGPASSFILE", keep.c_str(), 1);
}

TEST_CASE("the 服务器 fields make a quoted key=value string; bad fields are refused in Chinese") {
    ServerAddress a;
    a.database = "临江 区";
    a.user = "o'brien\\x";
    CHECK(checkServerAddress(a).empty());
    CHECK(conninfoOf(a) == "host='localhost' port='5432' dbname='临江 区' user='o\\'brien\\\\x'");
    CHECK(looksLikeServerConnection(conninfoOf(a)));
    CHECK(looksLikeServerConnection("postgresql://u@h/d"));
    CHECK_FALSE(looksLikeServerConnection("/home/u/host=1.db"));
    ServerAddress bad = a;
    bad.port = "70000";
    CHECK(checkServerAddress(bad).find("端口") != std::string::npos);
    bad = a;
    bad.host = " ";
    CHECK(checkServerAddress(bad).find("服务器地址") != std::string::npos);
    bad = a;
    bad.database.clear();
    CHECK(checkServerAddress(bad).find("数据库名") != std::string::npos);
    bad = a;
    bad.user.clear();
    CHECK(checkServerAddress(bad).find("用户名") != std::string::npos);
}
