// temp_db.hpp — a real SQLite file in the temp folder, removed afterwards
// (with its -wal and -shm companions). Tests never use a mock database.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace jinguo::test {

class TempDbPath {
public:
    TempDbPath() {
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path()
               / ("jinguo_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".db");
        removeFiles();
    }
    ~TempDbPath() { removeFiles(); }
    TempDbPath(const TempDbPath&) = delete;
    TempDbPath& operator=(const TempDbPath&) = delete;

    std::string str() const { return m_path.string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    void removeFiles() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(m_path.string() + suffix, ec);
        // The backups written beside it (storage/backup_store.hpp: <stem>-backups).
        std::filesystem::remove_all(m_path.parent_path() / (m_path.stem().string() + "-backups"), ec);
    }
    std::filesystem::path m_path;
};

// Overwrites the schema page of a database file after its 100-byte header,
// as a disk fault would: every open then fails on it. False when the file
// could not be written.
inline bool damageSchemaPage(const std::string& path) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    if (!f) return false;
    f.seekp(100);
    const std::string junk(3000, '\x5A');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    return static_cast<bool>(f);
}

} // namespace jinguo::test
