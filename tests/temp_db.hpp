// temp_db.hpp — a real SQLite file in the temp folder, removed afterwards
// (with its -wal and -shm companions). Tests never use a mock database.
#pragma once

#include <atomic>
#include <filesystem>
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

} // namespace jinguo::test
