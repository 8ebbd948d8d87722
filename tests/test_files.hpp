// test_files.hpp — the committed test files (CTest hands every suite
// JINGUO_TEST_DATA=tests/data; set it when running a suite binary by hand)
// and reading a whole file (reports, exports, databases).
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

namespace jinguo::test {

// tests/data/rosters/NAME: spreadsheets written by real programs.
inline std::string corpus(const std::string& name) {
    const char* dir = std::getenv("JINGUO_TEST_DATA");
    REQUIRE_MESSAGE(dir != nullptr, "JINGUO_TEST_DATA is not set (run through ctest)");
    return std::string(dir) + "/rosters/" + name;
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace jinguo::test
