// temp_db.hpp — a real SQLite file in the temp folder, removed afterwards
// (with its -wal and -shm companions). Tests never use a mock database.
//
// With JINGUO_TEST_ENGINE=postgresql, str() is instead the connection string
// of a fresh database on the process's throw-away cluster (support/
// pg_cluster; a clone of one migrated per process, as the app's first open
// leaves it), dropped again afterwards, so the same tests run on
// PostgreSQL unchanged. path() stays a unique file name in the temp folder
// (tests build sibling files from it). Tests about the SQLite file itself
// carry doctest::test_suite("sqlite_file"); the PostgreSQL runs exclude it.
#pragma once

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace jinguo::test {

// The shared throw-away cluster's databases (support/pg_cluster.cpp, library
// jinguo_pg_cluster, which every suite that includes this header links).
std::string createServerDatabase();                        // its name
std::string createEmptyServerDatabase();                   // createdb only: a `jinguo copy` target
std::string serverConninfo(const std::string& dbname);
void dropServerDatabase(const std::string& dbname);

// The engine the storage-level tests run on: JINGUO_TEST_ENGINE=postgresql
// (ctest's *_pg entries) or SQLite files (the default).
inline bool onPostgresql() {
    const char* engine = std::getenv("JINGUO_TEST_ENGINE");
    return engine && std::string(engine) == "postgresql";
}

class TempDbPath {
public:
    TempDbPath() {
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path()
               / ("jinguo_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".db");
        removeFiles();
        if (onPostgresql()) {
            m_serverDatabase = createServerDatabase();
            m_conninfo = serverConninfo(m_serverDatabase);
        }
    }
    ~TempDbPath() {
        removeFiles();
        if (!m_serverDatabase.empty()) {
            try { dropServerDatabase(m_serverDatabase); } catch (...) {}   // the cluster goes at exit anyway
        }
    }
    TempDbPath(const TempDbPath&) = delete;
    TempDbPath& operator=(const TempDbPath&) = delete;

    std::string str() const { return m_conninfo.empty() ? m_path.string() : m_conninfo; }
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
    std::string m_serverDatabase;   // PostgreSQL runs: the database's name
    std::string m_conninfo;
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
