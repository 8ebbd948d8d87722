// storage_privacy_test.cpp — issue 14: the database and its -wal/-shm are the
// owner's only; a damaged, locked or read-only database each get their own
// message and are left untouched; a zero-byte file is refused by everyone;
// deleted people's ID numbers and phones leave the audit log after the
// retention limit, and undo refuses to write a masked number back.
#include "demo/demo.hpp"
#include "storage/audit_retention.hpp"
#include "storage/database.hpp"
#include "storage/sql_functions.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace jinguo;
using storage::Storage;
using storage::StorageError;
namespace fs = std::filesystem;

namespace {

unsigned modeOf(const std::string& p) {
    struct stat st {};
    REQUIRE_MESSAGE(::stat(p.c_str(), &st) == 0, p);
    return st.st_mode & 0777;
}

struct Umask022 {
    mode_t old = ::umask(022);
    ~Umask022() { ::umask(old); }
};

std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string openError(const std::string& path) {
    try {
        Storage s(path);
    } catch (const StorageError& e) {
        return e.what();
    }
    return {};
}

// A small Jinguo database with a few people, closed (no -wal left).
void makeDatabase(const std::string& path, int people = 30) {
    Storage s(path);
    const RowId district = test::buildDistrictOnly(s, 2000);
    for (int i = 0; i < people; ++i) {
        Person p;
        p.name = "志愿者" + std::to_string(i);
        p.gender = "女";
        p.phone = "138" + std::to_string(10000000 + i);
        p.unitId = district;
        p.note = std::string(200, 'x');   // a few pages
        s.insertPerson(p);
    }
}

// Runs `body` in a child process, as nobody when we are root (root ignores
// file permissions); the child's message comes back through a pipe.
std::string inChild(const std::function<std::string()>& body, bool asNobody = true) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        if (asNobody && ::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
        std::string message;
        try {
            message = body();
        } catch (const std::exception& e) {
            message = std::string("exception: ") + e.what();
        }
        (void)!::write(fds[1], message.data(), message.size());
        ::close(fds[1]);
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    return out;
}

struct TempFolder {
    fs::path path;
    TempFolder() {
        static int n = 0;
        path = fs::temp_directory_path() / ("jinguo_privacy_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() {
        std::error_code ec;
        ::chmod(path.c_str(), 0700);
        fs::remove_all(path, ec);
    }
};

} // namespace

TEST_CASE("a new database and its -wal and -shm are readable by their owner only (0600)" * doctest::test_suite("sqlite_file")) {
    Umask022 umask;
    test::TempDbPath path;
    Storage s(path.str());
    test::buildDistrictOnly(s, 2000);
    CHECK(modeOf(path.str()) == 0600);
    CHECK(modeOf(path.str() + "-wal") == 0600);
    CHECK(modeOf(path.str() + "-shm") == 0600);
    // A second connection (a worker) recreates nothing wider.
    Storage worker(path.str());
    CHECK(modeOf(path.str() + "-wal") == 0600);
}

TEST_CASE("a truncated database is refused as damaged and left exactly as it was" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    makeDatabase(path.str(), 200);
    const std::string whole = slurp(path.str());
    REQUIRE(whole.size() > 8 * 4096);
    fs::resize_file(path.path(), whole.size() / 2);
    const std::string before = slurp(path.str());
    const std::string message = openError(path.str());
    CHECK_MESSAGE(message.find("已损坏") != std::string::npos, message);
    CHECK(message.find("不要删除") != std::string::npos);
    CHECK(message.find("不是Jinguo数据库") == std::string::npos);
    CHECK(slurp(path.str()) == before);
    CHECK_FALSE(fs::exists(path.str() + "-wal"));
}

TEST_CASE("a database with flipped bytes inside is refused as damaged (quick_check) and left as it was" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    makeDatabase(path.str(), 200);
    std::int64_t root = 0;
    {
        // A plain connection: Storage runs quick_check only on a process's first open of a file.
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.str().c_str(), &raw) == SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw, "SELECT rootpage FROM sqlite_schema WHERE name = 'person'", -1, &st, nullptr)
                == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        root = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }
    REQUIRE(root > 1);
    std::string bytes = slurp(path.str());
    // The person table's root page: an impossible page type and cell count.
    const std::size_t at = static_cast<std::size_t>(root - 1) * 4096;
    for (std::size_t i = at; i < at + 8; ++i) bytes[i] = static_cast<char>(0xA5);
    { std::ofstream(path.str(), std::ios::binary | std::ios::trunc) << bytes; }
    const std::string message = openError(path.str());
    CHECK_MESSAGE(message.find("已损坏") != std::string::npos, message);
    CHECK(slurp(path.str()) == bytes);
}

TEST_CASE("a database another program holds is refused with its own message after the busy timeout" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    makeDatabase(path.str(), 3);
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.str().c_str(), &other) == SQLITE_OK);
    // The person triggers (0020) call Jinguo's SQL functions: another
    // program writing person needs them too.
    storage::registerSqlFunctions(other);
    REQUIRE(sqlite3_exec(other, "PRAGMA journal_mode=DELETE; PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;"
                                " UPDATE person SET note = 'x';", nullptr, nullptr, nullptr) == SQLITE_OK);
    const auto start = std::chrono::steady_clock::now();
    const std::string message = openError(path.str());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    CHECK_MESSAGE(message.find("正被另一个程序占用") != std::string::npos, message);
    CHECK(message.find("不是Jinguo数据库") == std::string::npos);
    CHECK(seconds > 4.0);
    CHECK(openError(path.str()).empty());   // once released it opens
}

TEST_CASE("a read-only database file and a read-only folder each get their own message, files untouched" * doctest::test_suite("sqlite_file")) {
    TempFolder folder;
    const std::string db = (folder.path / "jinguo.db").string();
    makeDatabase(db, 3);
    const std::string before = slurp(db);

    // The file is read-only, its folder writable.
    ::chmod(folder.path.c_str(), 0777);
    ::chmod(db.c_str(), 0444);
    std::string message = inChild([&] { return openError(db); });
    CHECK_MESSAGE(message.find("是只读的（没有写入权限）") != std::string::npos, message);
    CHECK(message.find("数据库文件") != std::string::npos);
    CHECK(message.find("不是Jinguo数据库") == std::string::npos);

    // The folder is read-only, the file writable (and no -wal/-shm left by
    // the read-only connection above, which would let SQLite read).
    fs::remove(db + "-wal");
    fs::remove(db + "-shm");
    ::chmod(db.c_str(), 0666);
    ::chmod(folder.path.c_str(), 0555);
    message = inChild([&] { return openError(db); });
    CHECK_MESSAGE(message.find("所在的文件夹") != std::string::npos, message);
    CHECK(message.find("只读") != std::string::npos);
    CHECK(message.find("不是Jinguo数据库") == std::string::npos);

    // A new database in a read-only folder.
    const std::string fresh = (folder.path / "new.db").string();
    message = inChild([&] { return openError(fresh); });
    CHECK_MESSAGE(message.find("文件夹") != std::string::npos, message);
    CHECK(message.find("只读") != std::string::npos);
    CHECK_FALSE(fs::exists(fresh));
    ::chmod(folder.path.c_str(), 0700);
    CHECK(slurp(db) == before);
}

TEST_CASE("SQLite's English errors that users meet are said in Chinese with what to do") {
    TempFolder folder;
    const std::string db = (folder.path / "full.db").string();
    makeDatabase(db, 1);
    // A file-size limit plays "disk full" for the writes of the child.
    const std::string message = inChild([&]() -> std::string {
        std::signal(SIGXFSZ, SIG_IGN);
        Storage s(db);
        const RowId unit = test::buildDistrictOnly(s, 2000);
        const rlimit limit{256 * 1024, 256 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            storage::Transaction tx(s.db());
            for (int i = 0; i < 5000; ++i) {
                Person p;
                p.name = "志愿者";
                p.unitId = unit;
                p.note = std::string(500, 'y');
                s.insertPerson(p);
            }
            tx.commit();
        } catch (const StorageError& e) {
            return e.what();
        }
        return "no error";
    }, false);
    CHECK_MESSAGE((message.find("磁盘已满") != std::string::npos || message.find("读写磁盘出错") != std::string::npos),
                  message);
    CHECK(message.find("请") != std::string::npos);
}

TEST_CASE("a zero-byte file someone left is refused, as by every command, and stays zero bytes" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    { std::ofstream touch(path.str()); }
    REQUIRE(fs::file_size(path.path()) == 0);
    const std::string message = openError(path.str());
    CHECK_MESSAGE(message.find("空文件（0字节）") != std::string::npos, message);
    CHECK(message.find("从备份恢复") != std::string::npos);
    CHECK(fs::file_size(path.path()) == 0);
    std::ostringstream out, err;
    CHECK(demo::runDemoCommand(path.str(), out, err) == 1);
    CHECK(err.str().find("空文件（0字节）") != std::string::npos);
    CHECK(fs::file_size(path.path()) == 0);
    // A file Jinguo creates itself is never seen empty: it is migrated at once.
    fs::remove(path.path());
    CHECK(openError(path.str()).empty());
    CHECK(fs::file_size(path.path()) > 0);
}

TEST_CASE("a failed demo leaves no empty database behind") {
    TempFolder folder;
    ::chmod(folder.path.c_str(), 0777);
    const std::string db = (folder.path / "demo.db").string();
    const std::string message = inChild([&]() -> std::string {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        std::ostringstream out, err;
        const int rc = demo::runDemoCommand(db, out, err);
        return std::to_string(rc) + " " + err.str();
    }, false);
    CHECK_MESSAGE(message.rfind("1 ", 0) == 0, message);
    CHECK(message.find("无法生成演示数据") != std::string::npos);
    CHECK_FALSE(fs::exists(db));
    CHECK_FALSE(fs::exists(db + "-wal"));
    CHECK_FALSE(fs::exists(db + "-shm"));
}

TEST_CASE("opening a file that is not there without creating it says so in Chinese" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    std::string message;
    try {
        storage::Database db(path.str(), /*create=*/false);
    } catch (const StorageError& e) {
        message = e.what();
    }
    CHECK_MESSAGE(message.find("文件不存在") != std::string::npos, message);
    CHECK_FALSE(fs::exists(path.path()));
}
