// test_files.hpp — reading a whole file in tests (reports, exports, databases).
#pragma once

#include <fstream>
#include <iterator>
#include <string>

namespace jinguo::test {

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace jinguo::test
