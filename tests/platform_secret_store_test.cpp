// platform_secret_store_test.cpp — 记住密码's keeper chosen at run time:
// without a Secret Service (no session bus: headless, CI) it writes
// ~/.pgpass; inside a private D-Bus session with gnome-keyring (Debian's
// dbus and gnome-keyring, started by dbus-run-session) it keeps the
// password in the keyring and writes no file. The second runs
// secret_store_probe as a child: the keeper's choice is made once a run.
#include "core/pgpass.hpp"
#include "platform/secret_store.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace jinguo;

namespace {
std::string readAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct TempFolder {
    fs::path path;
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "jinguo-secret-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()));
        path = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};
} // namespace

TEST_CASE("no Secret Service: 记住密码 writes ~/.pgpass (0600) and says so") {
    TempFolder folder;
    ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
    ::setenv("XDG_RUNTIME_DIR", folder.path.c_str(), 1);   // no bus socket in it
    const std::string passfile = (folder.path / "pgpass").string();
    ::setenv("PGPASSFILE", passfile.c_str(), 1);
    CHECK_FALSE(platform::secretServiceAvailable());
    const PasswordKeeper keeper = platform::desktopPasswordKeeper();
    CHECK(keeper.place() == "~/.pgpass");
    const PgpassWritten written = keeper.keep({"db.local", "5432", "linjiang", "jb_chair", "pw:1"});
    CHECK(written.error.empty());
    CHECK(contains(readAll(passfile), "db.local:5432:linjiang:jb_chair:pw\\:1"));
    CHECK((fs::status(passfile).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK_FALSE(keeper.find({"db.local", "5432", "linjiang", "jb_chair", ""}));   // libpq reads the file itself
    CHECK(platform::storeInSecretService({"db.local", "5432", "linjiang", "jb_chair", "pw"}) != "");
    ::unsetenv("PGPASSFILE");
}

TEST_CASE("a Secret Service on the session bus (gnome-keyring): the password goes to the keyring, not to ~/.pgpass") {
    const fs::path probe = fs::read_symlink("/proc/self/exe").parent_path() / "secret_store_probe";
    REQUIRE(fs::exists(probe));
    REQUIRE_MESSAGE(std::system("command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null") == 0,
                    "needs Debian's dbus and gnome-keyring (scripts/install-deps.sh)");
    TempFolder folder;
    const std::string passfile = (folder.path / "pgpass").string();
    // A private session: its own bus, HOME and keyring folder; the login
    // keyring made and unlocked with a password on stdin.
    const std::string command =
        "cd " + folder.path.string() + " && env -i PATH=/usr/bin:/bin HOME=" + folder.path.string()
        + " XDG_DATA_HOME=" + folder.path.string() + "/data XDG_RUNTIME_DIR=" + folder.path.string()
        + " PGPASSFILE=" + passfile + " dbus-run-session -- sh -c "
        + "'printf unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec " + probe.string()
        + "' 2>" + folder.path.string() + "/stderr";
    std::string output;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        std::array<char, 512> buffer{};
        while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
        ::pclose(pipe);
    }
    CAPTURE(output);
    CAPTURE(readAll(folder.path.string() + "/stderr"));
    CHECK(contains(output, "available=1"));
    CHECK(contains(output, "place=系统密钥环"));
    CHECK(contains(output, "error=\n"));
    CHECK(contains(output, "note=\n"));
    CHECK(contains(output, "found=p:w\\d 密码\n"));
    CHECK(contains(output, "other=<none>"));
    CHECK_FALSE(fs::exists(passfile));   // nothing written to ~/.pgpass
}
