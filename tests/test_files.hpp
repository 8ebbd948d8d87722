// test_files.hpp — the committed test files (CTest hands every suite
// JINGUO_TEST_DATA=tests/data; set it when running a suite binary by hand)
// and reading a whole file (reports, exports, databases).
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace jinguo::test {

// tests/data itself (JINGUO_TEST_DATA): the one place that reads the variable.
inline std::string testDataDir() {
    const char* dir = std::getenv("JINGUO_TEST_DATA");
    REQUIRE_MESSAGE(dir != nullptr, "JINGUO_TEST_DATA is not set (run through ctest)");
    return dir;
}

// tests/data/rosters/NAME: spreadsheets written by real programs.
inline std::string corpus(const std::string& name) { return testDataDir() + "/rosters/" + name; }

// tests/data/records/NAME: units, targets and the other record imports.
inline std::string records(const std::string& name) { return testDataDir() + "/records/" + name; }

// assets/templates/NAME: the committed import templates, two levels above tests/data.
inline std::string assetTemplate(const std::string& name) {
    return (std::filesystem::path(testDataDir()).parent_path().parent_path() / "assets" / "templates" / name).string();
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace jinguo::test
