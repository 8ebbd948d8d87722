// cli_audit_prune_test.cpp — `jinguo audit-prune --db FILE [--days N]`.
#include <doctest/doctest.h>

#include "cli/audit_prune_command.hpp"
#include "cli/command_line.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"

#include <chrono>
#include <sstream>
#include <thread>

using namespace jinguo;
using namespace jinguo::cli;

TEST_CASE("audit-prune: its arguments") {
    Command c = parseCommandLine({"audit-prune", "--db", "x.db"});
    CHECK(c.error.empty());
    CHECK(c.kind == CommandKind::AuditPrune);
    CHECK(c.days == -1);
    c = parseCommandLine({"audit-prune", "--db", "x.db", "--days", "30"});
    CHECK(c.error.empty());
    CHECK(c.days == 30);
    CHECK(parseCommandLine({"audit-prune", "--db", "x.db", "--days", "-1"}).error.find("--days") != std::string::npos);
    CHECK(parseCommandLine({"audit-prune", "--db", "x.db", "--days", "三十"}).error.find("--days") != std::string::npos);
    CHECK(parseCommandLine({"audit-prune"}).error.find("--db") != std::string::npos);
    CHECK(parseCommandLine({"audit-prune", "--db", "x.db", "--table", "v"}).error.find("--table") != std::string::npos);
    CHECK(std::string(usageText()).find("audit-prune") != std::string::npos);
}

TEST_CASE("audit-prune --days 0 masks a person deleted just now; a missing database is refused") {
    test::TempDbPath path;
    {
        storage::Storage s(path.str());
        Person p;
        p.name = "王芳";
        p.gender = "女";
        p.idNumber = "11010519491231002X";
        p.phone = "13812345678";
        RowId id = 0;
        {
            storage::UndoStep step(s, "添加");
            id = s.insertPerson(p);
        }
        storage::UndoStep step(s, "删除");
        storage::UndoStore(s).deleteRow("person", id);
    }
    std::ostringstream out, err;
    // 180 days (the default): deleted just now, kept.
    CHECK(runAuditPruneCommand(path.str(), -1, out, err) == 0);
    CHECK(out.str().find("保留期限：180天") != std::string::npos);
    CHECK(out.str().find("没有需要打码的记录") != std::string::npos);
    out.str("");
    // The clock moves on between the deletion and now: --days 0 masks it.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(runAuditPruneCommand(path.str(), 0, out, err) == 0);
    CHECK_MESSAGE(out.str().find("1名已删除人员的2条") != std::string::npos, out.str());
    {
        storage::Storage s(path.str());
        storage::Statement st = s.db().prepare(
            "SELECT count(*) FROM audit_log WHERE before_json LIKE '%13812345678%' OR after_json LIKE '%13812345678%'"
            " OR before_json LIKE '%11010519491231002X%' OR after_json LIKE '%11010519491231002X%'");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == 0);
    }
    test::TempDbPath missing;
    std::ostringstream out2, err2;
    CHECK(runAuditPruneCommand(missing.path().string(), 0, out2, err2) == 1);   // a file path on either engine
    CHECK(err2.str().find("找不到数据库文件") != std::string::npos);
}
