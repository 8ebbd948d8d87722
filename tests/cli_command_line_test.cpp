// cli_command_line_test.cpp — argument parsing and the default database path.
#include <doctest/doctest.h>

#include "cli/command_line.hpp"

#include <cstdlib>

using namespace jinguo::cli;

TEST_CASE("no arguments: the GUI on the user's database") {
    Command c = parseCommandLine({});
    CHECK(c.kind == CommandKind::Gui);
    CHECK(c.dbPath.empty());
    CHECK(c.error.empty());
}

TEST_CASE("--db, --section, --screenshot and --frames") {
    Command c = parseCommandLine({"--db", "a.db", "--section", "volunteers", "--screenshot", "s.png", "--frames", "5"});
    CHECK(c.error.empty());
    CHECK(c.dbPath == "a.db");
    CHECK(c.section == "volunteers");
    CHECK(c.screenshotPath == "s.png");
    CHECK(c.frames == 5);
}

TEST_CASE("demo needs --db") {
    Command ok = parseCommandLine({"demo", "--db", "demo.db"});
    CHECK(ok.kind == CommandKind::Demo);
    CHECK(ok.dbPath == "demo.db");
    Command missing = parseCommandLine({"demo"});
    CHECK(missing.error.find("--db") != std::string::npos);
}

TEST_CASE("bad arguments are explained in Chinese") {
    CHECK(parseCommandLine({"--db"}).error.find("缺少取值") != std::string::npos);
    CHECK(parseCommandLine({"--frobnicate"}).error.find("无法识别") != std::string::npos);
    CHECK(parseCommandLine({"--frames", "zero"}).error.find("--frames") != std::string::npos);
    CHECK(parseCommandLine({"--frames", "0"}).error.find("--frames") != std::string::npos);
    CHECK_FALSE(parseCommandLine({"--demo-if-new", "--db", "x.db"}).error.empty());
    CHECK_FALSE(parseCommandLine({"input-probe"}).error.empty());
    CHECK(parseCommandLine({"--help"}).kind == CommandKind::Help);
}

TEST_CASE("the default database lives under XDG_DATA_HOME, else ~/.local/share") {
    const char* savedXdg = std::getenv("XDG_DATA_HOME");
    const std::string saved = savedXdg ? savedXdg : "";
    setenv("XDG_DATA_HOME", "/tmp/xdg-test", 1);
    CHECK(defaultDatabasePath() == "/tmp/xdg-test/jinguo/jinguo.db");
    CHECK(defaultDemoDatabasePath() == "/tmp/xdg-test/jinguo/demo.db");
    unsetenv("XDG_DATA_HOME");
    const std::string home = std::getenv("HOME") ? std::getenv("HOME") : ".";
    CHECK(defaultDatabasePath() == home + "/.local/share/jinguo/jinguo.db");
    if (savedXdg) setenv("XDG_DATA_HOME", saved.c_str(), 1);
}
