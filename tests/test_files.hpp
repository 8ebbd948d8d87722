// test_files.hpp — the committed test files (CTest hands every suite
// JINGUO_TEST_DATA=tests/data; set it when running a suite binary by hand)
// and reading a whole file (reports, exports, databases).
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <zip.h>

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

// Every part of a zip file (an .xlsx) by name, uncompressed.
inline std::map<std::string, std::string> zipParts(const std::string& path) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    REQUIRE_MESSAGE(archive, "not a zip file: " << path);
    std::map<std::string, std::string> parts;
    const zip_int64_t entries = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < entries; ++i) {
        std::string& bytes = parts[zip_get_name(archive, static_cast<zip_uint64_t>(i), 0)];
        if (zip_file_t* part = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0)) {
            char buffer[65536];
            zip_int64_t n;
            while ((n = zip_fread(part, buffer, sizeof buffer)) > 0) bytes.append(buffer, static_cast<std::size_t>(n));
            zip_fclose(part);
        }
    }
    zip_discard(archive);
    return parts;
}

} // namespace jinguo::test
