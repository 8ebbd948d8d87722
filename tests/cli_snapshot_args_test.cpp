// cli_snapshot_args_test.cpp — `jinguo snapshot` arguments: what is accepted,
// and the Chinese sentence for what is not.
#include "cli/command_line.hpp"

#include <doctest/doctest.h>

using namespace jinguo::cli;

TEST_CASE("snapshot: slide, output and size are parsed") {
    Command c = parseCommandLine({"snapshot", "--db", "a.db", "--slide", "all", "--out", "slides", "--size", "3840x2160"});
    CHECK(c.error.empty());
    CHECK(c.kind == CommandKind::Snapshot);
    CHECK(c.slide == "all");
    CHECK(c.outPath == "slides");
    CHECK(c.width == 3840);
    CHECK(c.height == 2160);

    c = parseCommandLine({"snapshot", "--db", "a.db", "--slide", "2", "--out", "p.PNG", "--today", "2026-03-08"});
    CHECK(c.error.empty());
    CHECK(c.width == 1920);
    CHECK(c.height == 1080);
    CHECK(c.today == "2026-03-08");
}

TEST_CASE("snapshot: sizes") {
    int w = 0, h = 0;
    CHECK(parseSnapshotSize("1920x1080", w, h));
    CHECK((w == 1920 && h == 1080));
    CHECK(parseSnapshotSize("1280X720", w, h));
    CHECK(parseSnapshotSize("3840×2160", w, h));
    CHECK((w == 3840 && h == 2160));
    for (const char* bad : {"", "1920", "x1080", "1920x", "100x100", "99999x1080", "1920x1080x2", "-1920x1080", "big"})
        CHECK_MESSAGE(!parseSnapshotSize(bad, w, h), bad);
}

TEST_CASE("snapshot: what is missing or wrong is said in Chinese") {
    CHECK(parseCommandLine({"snapshot", "--slide", "1", "--out", "a.png"}).error.find("--db") != std::string::npos);
    CHECK(parseCommandLine({"snapshot", "--db", "a.db", "--out", "a.png"}).error.find("--slide") != std::string::npos);
    CHECK(parseCommandLine({"snapshot", "--db", "a.db", "--slide", "1"}).error.find("--out") != std::string::npos);
    CHECK(parseCommandLine({"snapshot", "--db", "a.db", "--slide", "all"}).error.find("文件夹") != std::string::npos);
    CHECK(parseCommandLine({"snapshot", "--db", "a.db", "--slide", "1", "--out", "a.jpg"}).error.find(".png") != std::string::npos);
    CHECK(parseCommandLine({"snapshot", "--db", "a.db", "--slide", "1", "--out", "a.png", "--size", "big"}).error.find("--size 应写成")
          != std::string::npos);
    CHECK(parseCommandLine({"snapshot", "--db", "a.db", "--slide", "1", "--out", "a.png", "--today", "3月8日"}).error.find("--today")
          != std::string::npos);
    CHECK(parseCommandLine({"snapshot", "--db", "a.db", "--slide", "1", "--out", "a.png", "--board", "x"}).error.find("无法识别")
          != std::string::npos);
}
