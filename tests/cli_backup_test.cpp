// cli_backup_test.cpp — `jinguo backup` and `jinguo restore`: parsing, a
// backup with --out and into the folder, a restore with its 恢复前 backup,
// and Chinese errors with a non-zero exit.
// Backups of a SQLite file (suite sqlite_file); a server's `backup --out` is
// in pg_copy_test.
#include <doctest/doctest.h>

#include "cli/backup_command.hpp"
#include "cli/command_line.hpp"
#include "storage/backup_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <filesystem>
#include <sstream>

using namespace jinguo;

TEST_CASE("backup and restore are parsed, with Chinese errors for what is missing") {
    auto c = cli::parseCommandLine({"backup", "--db", "a.db", "--out", "b.db"});
    CHECK(c.error.empty());
    CHECK(c.kind == cli::CommandKind::Backup);
    CHECK(c.dbPath == "a.db");
    CHECK(c.outPath == "b.db");
    c = cli::parseCommandLine({"restore", "--db", "a.db", "--from", "b.db"});
    CHECK(c.error.empty());
    CHECK(c.kind == cli::CommandKind::Restore);
    CHECK(c.fromPath == "b.db");
    CHECK(cli::parseCommandLine({"backup"}).error.find("--db") != std::string::npos);
    CHECK(cli::parseCommandLine({"restore", "--db", "a.db"}).error.find("--from") != std::string::npos);
    CHECK_FALSE(cli::parseCommandLine({"backup", "--db", "a.db", "--from", "x"}).error.empty());
    CHECK(std::string(cli::usageText()).find("jinguo restore") != std::string::npos);
}

TEST_CASE("jinguo backup writes a backup; jinguo restore brings it back and keeps what it replaced" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        storage::Storage storage(path.str());
        test::buildDistrictOnly(storage, 100);
        Person p;
        p.name = "王芳";
        storage.insertPerson(p);
    }
    std::ostringstream out, err;
    REQUIRE(cli::runBackupCommand(path.str(), "", out, err) == 0);
    CHECK(out.str().find("已备份到") != std::string::npos);
    CHECK(out.str().find("1 人") != std::string::npos);
    const auto listed = storage::BackupStore(path.str()).list();
    REQUIRE(listed.size() == 1);

    const std::string copy = path.str() + ".out.db";
    std::filesystem::remove(copy);
    out.str("");
    REQUIRE(cli::runBackupCommand(path.str(), copy, out, err) == 0);
    CHECK(std::filesystem::exists(copy));
    CHECK(cli::runBackupCommand(path.str(), copy, out, err) == 1);   // never overwrites
    CHECK(err.str().find("已存在") != std::string::npos);

    {
        storage::Storage storage(path.str());
        Person p;
        p.name = "李娜";
        storage.insertPerson(p);
    }
    out.str("");
    REQUIRE(cli::runRestoreCommand(path.str(), copy, out, err) == 0);
    CHECK(out.str().find("已从") != std::string::npos);
    CHECK(out.str().find("恢复前") != std::string::npos);
    {
        storage::Storage storage(path.str());
        CHECK(storage.count("person") == 1);
    }
    bool keptBefore = false;
    for (const auto& b : storage::BackupStore(path.str()).list())
        if (b.reason == "恢复前" && b.people == 2) keptBefore = true;
    CHECK(keptBefore);
    std::filesystem::remove(copy);
}

TEST_CASE("errors are Chinese sentences with exit 1" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    std::ostringstream out, err;
    CHECK(cli::runBackupCommand(path.str(), "", out, err) == 1);
    CHECK(err.str().find("找不到数据库文件") != std::string::npos);
    { storage::Storage storage(path.str()); }
    err.str("");
    CHECK(cli::runRestoreCommand(path.str(), path.str() + ".nope", out, err) == 1);
    CHECK(err.str().find("找不到备份文件") != std::string::npos);
}

TEST_CASE("jinguo restore puts a backup in place of a damaged database and keeps the damaged file" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    const std::string backup = path.str() + ".bak";
    {
        storage::Storage storage(path.str());
        Person p;
        p.name = "王芳";
        storage.insertPerson(p);
    }
    std::ostringstream out, err;
    REQUIRE(cli::runBackupCommand(path.str(), backup, out, err) == 0);
    std::filesystem::resize_file(path.str(), 0);   // a failed copy or sync
    out.str("");
    REQUIRE(cli::runRestoreCommand(path.str(), backup, out, err) == 0);
    CHECK(out.str().find("无法打开的原文件已保存为") != std::string::npos);
    storage::Storage restored(path.str());
    CHECK(restored.count("person") == 1);
    bool kept = false;
    for (const auto& entry : std::filesystem::directory_iterator(storage::backupFolderFor(path.str())))
        kept = kept || (entry.path().filename().string().find("-损坏-") != std::string::npos
                        && std::filesystem::file_size(entry.path()) == 0);
    CHECK(kept);
    std::filesystem::remove(backup);
}
