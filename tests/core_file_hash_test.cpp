// core_file_hash_test.cpp — SHA-256 of files (the FIPS 180-2 "abc" example).
#include <doctest/doctest.h>

#include "core/file_hash.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

TEST_CASE("sha256 of a file, and of a file that is not there") {
    const auto path = std::filesystem::temp_directory_path() / "jinguo_hash_test.txt";
    { std::ofstream(path, std::ios::binary) << "abc"; }
    CHECK(jinguo::sha256OfFile(path.string())
          == std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    std::filesystem::remove(path);
    CHECK_FALSE(jinguo::sha256OfFile(path.string()));
}
