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

TEST_CASE("leaderboard and targets are commands of their own") {
    Command board = parseCommandLine({"leaderboard", "--db", "a.db", "--board", "streets", "--metric", "points",
                                      "--period", "2024-03", "--scope", "江滨街道", "--json"});
    CHECK(board.error.empty());
    CHECK(board.kind == CommandKind::Leaderboard);
    CHECK(board.dbPath == "a.db");
    CHECK(board.board == "streets");
    CHECK(board.metric == "points");
    CHECK(board.period == "2024-03");
    CHECK(board.scope == "江滨街道");
    CHECK(board.json);
    Command targets = parseCommandLine({"targets", "--db", "a.db", "--year", "2026"});
    CHECK(targets.error.empty());
    CHECK(targets.kind == CommandKind::Targets);
    CHECK(targets.year == 2026);
    CHECK_FALSE(targets.json);
    // GUI options are not theirs, and theirs are not the GUI's.
    CHECK(parseCommandLine({"targets", "--db", "a.db", "--section", "targets"}).error.find("无法识别") != std::string::npos);
    CHECK(parseCommandLine({"--board", "volunteers"}).error.find("无法识别") != std::string::npos);
    CHECK(parseCommandLine({"--json"}).error.find("无法识别") != std::string::npos);
    CHECK(parseCommandLine({"leaderboard", "--help"}).kind == CommandKind::Help);
    CHECK(std::string(usageText()).find("jinguo leaderboard") != std::string::npos);
    CHECK(std::string(usageText()).find("jinguo targets") != std::string::npos);
}

TEST_CASE("import and export: options, repeated --sheet, files, and what is missing") {
    Command c = parseCommandLine({"import", "--db", "j.db", "--kind", "volunteers", "--sheet", "幸福社区", "--sheet",
                                  "和平社区", "--dry-run", "--report-json", "r.json", "a.xlsx", "b.csv"});
    CHECK(c.error.empty());
    CHECK(c.kind == CommandKind::Import);
    CHECK(c.sheets == std::vector<std::string>{"幸福社区", "和平社区"});
    CHECK(c.dryRun);
    CHECK(c.reportJson == "r.json");
    CHECK(c.files == std::vector<std::string>{"a.xlsx", "b.csv"});
    CHECK_FALSE(c.acceptRenames);
    CHECK(parseCommandLine({"import", "--db", "j.db", "--kind", "volunteers", "--accept-renames", "a.csv"}).acceptRenames);
    CHECK(std::string(usageText()).find("--accept-renames") != std::string::npos);
    CHECK(parseCommandLine({"import", "--db", "j.db", "--kind", "people", "a.xlsx"}).error.find("--kind")
          != std::string::npos);
    CHECK(parseCommandLine({"import", "--db", "j.db", "--kind", "families"}).error.find("文件") != std::string::npos);
    for (const char* kind : {"units", "targets", "indicators"}) {
        const Command k = parseCommandLine({"import", "--db", "j.db", "--kind", kind, "a.xlsx"});
        CHECK(k.error.empty());
        CHECK(k.importKind == kind);
    }

    Command e = parseCommandLine({"export", "--db", "j.db", "--table", "families", "--out", "f.csv", "--unmasked"});
    CHECK(e.error.empty());
    CHECK(e.kind == CommandKind::Export);
    CHECK(e.table == "families");
    CHECK(e.outPath == "f.csv");
    CHECK(e.unmasked);
    CHECK_FALSE(parseCommandLine({"export", "--db", "j.db", "--table", "families"}).error.empty());
    CHECK_FALSE(parseCommandLine({"export", "--db", "j.db", "--out", "x.csv"}).error.empty());
}
