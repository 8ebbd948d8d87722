// core_preferences_test.cpp — the user's preferences file (issue 12 §1): a
// round trip, the recent list, atomic 0600 writes, and a missing or corrupt
// file read as the defaults, never a failure.
#include <doctest/doctest.h>

#include "core/preferences.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

struct PrefsFolder {
    fs::path path = fs::temp_directory_path() / ("jinguo_prefs_" + std::to_string(::getpid()));
    PrefsFolder() { fs::remove_all(path); }
    ~PrefsFolder() { std::error_code ec; fs::remove_all(path, ec); }
    std::string file() const { return (path / "jinguo" / "preferences").string(); }
};

void writeRaw(const std::string& file, const std::string& text) {
    fs::create_directories(fs::path(file).parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

bool isDefault(const Preferences& p) {
    return p.lastDatabase.empty() && p.recentDatabases.empty() && !p.window.known();
}

} // namespace

TEST_CASE("preferences: a round trip keeps the last database, the recent files and the window") {
    PrefsFolder folder;
    Preferences p;
    rememberDatabase(p, "/home/li/妇联/临江区.db");
    rememberDatabase(p, "/home/li/.local/share/jinguo/demo.db");
    p.window = {120, -40, 1500, 880};
    const ::mode_t old = ::umask(022);
    CHECK(writePreferences(folder.file(), p).empty());
    ::umask(old);
    struct stat st {};
    REQUIRE(::stat(folder.file().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((folder.path / "jinguo").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    // No temporary file left beside it.
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder.path / "jinguo")) ++files;
    CHECK(files == 1);

    const Preferences back = readPreferences(folder.file());
    CHECK(back.lastDatabase == "/home/li/.local/share/jinguo/demo.db");
    REQUIRE(back.recentDatabases.size() == 2);
    CHECK(back.recentDatabases[0] == "/home/li/.local/share/jinguo/demo.db");
    CHECK(back.recentDatabases[1] == "/home/li/妇联/临江区.db");
    CHECK(back.window.x == 120);
    CHECK(back.window.y == -40);
    CHECK(back.window.width == 1500);
    CHECK(back.window.height == 880);

    // Written again over the first: replaced whole.
    Preferences q;
    rememberDatabase(q, "/tmp/other.db");
    CHECK(writePreferences(folder.file(), q).empty());
    const Preferences again = readPreferences(folder.file());
    CHECK(again.lastDatabase == "/tmp/other.db");
    CHECK(again.recentDatabases.size() == 1);
    CHECK(!again.window.known());
}

TEST_CASE("preferences: the recent list moves a reopened file to the front and keeps the newest few") {
    Preferences p;
    for (int i = 0; i < 12; ++i) rememberDatabase(p, "/data/" + std::to_string(i) + ".db");
    CHECK(p.recentDatabases.size() == kRecentKept);
    CHECK(p.recentDatabases.front() == "/data/11.db");
    rememberDatabase(p, "/data/7.db");
    CHECK(p.recentDatabases.front() == "/data/7.db");
    CHECK(p.recentDatabases.size() == kRecentKept);
    CHECK(std::count(p.recentDatabases.begin(), p.recentDatabases.end(), "/data/7.db") == 1);
    CHECK(p.lastDatabase == "/data/7.db");
    // A relative path or one with a line break is never kept (it would not reopen, or break the file).
    rememberDatabase(p, "relative.db");
    rememberDatabase(p, "/a\nlast=/evil.db");
    CHECK(p.lastDatabase == "/data/7.db");
}

TEST_CASE("preferences: a missing, empty, foreign or corrupt file gives the defaults") {
    PrefsFolder folder;
    CHECK(isDefault(readPreferences(folder.file())));   // missing
    writeRaw(folder.file(), "");
    CHECK(isDefault(readPreferences(folder.file())));
    writeRaw(folder.file(), "last=/home/li/a.db\n");   // no header: not ours
    CHECK(isDefault(readPreferences(folder.file())));
    writeRaw(folder.file(), std::string("\x00\xff\xfe garbage \x01", 13));
    CHECK(isDefault(readPreferences(folder.file())));
    writeRaw(folder.file(), std::string(200 * 1024, 'x'));   // far too large
    CHECK(isDefault(readPreferences(folder.file())));
    fs::remove(folder.file());
    fs::create_directories(folder.file());   // a folder where the file should be
    CHECK(isDefault(readPreferences(folder.file())));
}

TEST_CASE("preferences: values that make no sense are dropped one by one") {
    const Preferences p = parsePreferences("# jinguo preferences 1\n"
                                           "last=not/absolute.db\n"
                                           "recent=/ok.db\n"
                                           "recent=/ok.db\n"
                                           "recent=\n"
                                           "window=1,2,3\n"
                                           "window=10,20,99999999,800\n"
                                           "unknown=1\n"
                                           "no equals sign\n");
    CHECK(p.lastDatabase.empty());
    REQUIRE(p.recentDatabases.size() == 1);
    CHECK(p.recentDatabases[0] == "/ok.db");
    CHECK(!p.window.known());
    const Preferences w = parsePreferences("# jinguo preferences 1\nwindow=10,20,1200,700\nwindow=x,y,z,w\n");
    CHECK(w.window.known());
    CHECK(w.window.width == 1200);
}

TEST_CASE("preferences: the file lives under XDG_CONFIG_HOME, else ~/.config") {
    const char* oldConfig = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = oldConfig ? oldConfig : "";
    ::setenv("XDG_CONFIG_HOME", "/tmp/cfg", 1);
    CHECK(preferencesPath() == "/tmp/cfg/jinguo/preferences");
    ::unsetenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    if (home && home[0]) CHECK(preferencesPath() == std::string(home) + "/.config/jinguo/preferences");
    if (oldConfig) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}

TEST_CASE("preferences: a folder that cannot be written gives a message, not a throw") {
    PrefsFolder folder;
    writeRaw((folder.path / "jinguo").string(), "a file where the folder should be");
    const std::string error = writePreferences(folder.file(), Preferences{});
    CHECK(!error.empty());
}

TEST_CASE("preferences: the text size (设置 → 显示) is kept, snapped to its steps, and absurd values dropped") {
    CHECK(parsePreferences("# jinguo preferences 1\n").fontScalePercent == 100);   // no key: the default
    CHECK(parsePreferences("# jinguo preferences 1\nfont_scale=125\n").fontScalePercent == 125);
    CHECK(parsePreferences("# jinguo preferences 1\nfont_scale=150\n").fontScalePercent == 150);
    // A hand-edited value between steps goes to the nearest step.
    CHECK(parsePreferences("# jinguo preferences 1\nfont_scale=130\n").fontScalePercent == 125);
    CHECK(parsePreferences("# jinguo preferences 1\nfont_scale=110\n").fontScalePercent == 112);
    // Outside 100–150, not a number, empty: the default, and the rest of the file still read.
    for (const char* bad : {"99", "151", "300", "-125", "0", "abc", "", "125%", "1e2", "12500000000"}) {
        const Preferences p = parsePreferences(std::string("# jinguo preferences 1\nlast=/a.db\nfont_scale=") + bad + "\n");
        CHECK_MESSAGE(p.fontScalePercent == 100, bad);
        CHECK(p.lastDatabase == "/a.db");
    }
    // A later good line wins over an earlier bad one, as for the window.
    CHECK(parsePreferences("# jinguo preferences 1\nfont_scale=999\nfont_scale=137\n").fontScalePercent == 137);

    CHECK(snapFontScale(100) == 100);
    CHECK(snapFontScale(118) == 112);
    CHECK(snapFontScale(119) == 125);
    CHECK(snapFontScale(144) == 150);
    CHECK(snapFontScale(99) == 0);
    CHECK(snapFontScale(151) == 0);
    for (int step : kFontScaleSteps) CHECK(snapFontScale(step) == step);

    // Round trip through the file; the default is not written at all.
    PrefsFolder folder;
    Preferences p;
    p.fontScalePercent = 137;
    REQUIRE(writePreferences(folder.file(), p).empty());
    CHECK(readPreferences(folder.file()).fontScalePercent == 137);
    p.fontScalePercent = 100;
    CHECK(preferencesText(p).find("font_scale") == std::string::npos);
    p.fontScalePercent = 5000;   // never written as nonsense
    CHECK(preferencesText(p).find("font_scale") == std::string::npos);
}
