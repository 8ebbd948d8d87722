// cli_measure_args_test.cpp — the GUI's --measure and --screenshot-at-ms
// (the sections benchmark, issue 17): what is accepted, and the Chinese
// sentence for what is not.
#include "cli/command_line.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace jinguo::cli;

TEST_CASE("--measure FILE and --screenshot-at-ms MS are parsed") {
    Command c = parseCommandLine({"--db", "big.db", "--section", "volunteers", "--measure", "m.txt"});
    CHECK(c.error.empty());
    CHECK(c.kind == CommandKind::Gui);
    CHECK(c.measurePath == "m.txt");
    CHECK_FALSE(c.framesGiven);       // --measure alone runs until the data has settled
    CHECK(c.screenshotAtMs == -1);

    c = parseCommandLine({"--db", "big.db", "--measure", "m.txt", "--frames", "600"});
    CHECK(c.error.empty());
    CHECK(c.framesGiven);
    CHECK(c.frames == 600);

    c = parseCommandLine({"--db", "big.db", "--measure", "m.txt", "--screenshot", "s.png", "--screenshot-at-ms", "1000"});
    CHECK(c.error.empty());
    CHECK(c.screenshotPath == "s.png");
    CHECK(c.screenshotAtMs == 1000);
    CHECK(parseCommandLine({"--screenshot", "s.png", "--screenshot-at-ms", "0"}).screenshotAtMs == 0);
}

TEST_CASE("--measure and --screenshot-at-ms: what is wrong is said in Chinese") {
    CHECK(parseCommandLine({"--measure"}).error.find("缺少取值") != std::string::npos);
    CHECK(parseCommandLine({"--measure", "--frames", "3"}).error.find("缺少取值") != std::string::npos);
    for (const char* bad : {"soon", "-5", "1.5", "3600001", "12ms"}) {
        const std::string error = parseCommandLine({"--screenshot", "s.png", "--screenshot-at-ms", bad}).error;
        CHECK_MESSAGE(error.find("--screenshot-at-ms 应为") != std::string::npos, bad);
    }
    // A time without a picture to take, or two ways to say when.
    CHECK(parseCommandLine({"--screenshot-at-ms", "500"}).error.find("--screenshot 图片.png") != std::string::npos);
    CHECK(parseCommandLine({"--screenshot", "s.png", "--frames", "5", "--screenshot-at-ms", "500"}).error.find("只能选一个")
          != std::string::npos);
    // GUI options only.
    CHECK(parseCommandLine({"targets", "--db", "a.db", "--measure", "m.txt"}).error.find("无法识别") != std::string::npos);
}

TEST_CASE("--help names --measure and --screenshot-at-ms") {
    const std::string usage = usageText();
    CHECK(usage.find("--measure") != std::string::npos);
    CHECK(usage.find("--screenshot-at-ms") != std::string::npos);
}
