// `jinguo copy` / 另存为 (issue 18): a whole database file → server → file
// through storage::copyDatabase, against the throw-away cluster. The round
// trip must give back the same rows in every table and the same figures on
// every board, metric and period the CLI offers; a target that is not empty
// is refused untouched, and a row the server refuses midway leaves it empty.
#include "cli/backup_command.hpp"
#include "cli/command_line.hpp"
#include "cli/copy_command.hpp"
#include "cli/leaderboard_command.hpp"
#include "cli/targets_command.hpp"
#include "storage/database.hpp"
#include "storage/database_copy.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "storage/pg_security.hpp"
#include "support/demo_copy.hpp"
#include "support/error_text.hpp"
#include "support/pg_cluster.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using jinguo::storage::copyDatabase;
using jinguo::storage::CopyProgress;
using jinguo::storage::CopyReport;
using jinguo::storage::Database;
using jinguo::storage::Statement;
using jinguo::storage::StorageError;

using ::test::contains;
using ::test::errorOf;

namespace {

// Every table's row count, read through the engine's own catalogue.
std::map<std::string, std::int64_t> tableCounts(const std::string& place) {
    Database db(place, false);
    std::vector<std::string> names;
    {
        Statement st = db.prepare(db.isServer()
            ? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            : "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') "
              "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        while (st.step()) names.push_back(st.columnText(0));
    }
    std::map<std::string, std::int64_t> counts;
    for (const std::string& name : names) {
        Statement st = db.prepare("SELECT count(*) FROM \"" + name + "\"");
        st.step();
        counts[name] = st.columnInt(0);
    }
    return counts;
}

// What `jinguo ARGS… --json` prints (exit code checked).
std::string cliJson(std::vector<std::string> args) {
    args.push_back("--json");
    const jinguo::cli::Command command = jinguo::cli::parseCommandLine(args);
    REQUIRE_MESSAGE(command.error.empty(), command.error);
    std::ostringstream out, err;
    const int code = command.kind == jinguo::cli::CommandKind::Leaderboard
                         ? jinguo::cli::runLeaderboardCommand(command, out, err)
                         : jinguo::cli::runTargetsCommand(command, out, err);
    REQUIRE_MESSAGE(code == 0, err.str());
    return out.str();
}

// The years the database holds records or targets for.
std::vector<int> yearsOf(const std::string& path) {
    Database db(path, false);
    Statement st = db.prepare("SELECT CAST(substr(served_on, 1, 4) AS INTEGER) AS y FROM service_record GROUP BY y "
                              "UNION SELECT year FROM target ORDER BY 1");
    std::vector<int> years;
    while (st.step()) years.push_back(static_cast<int>(st.columnInt(0)));
    return years;
}

// Every board × metric × period (all, each year, its quarters and months)
// and every year's targets, as the CLI prints them.
std::vector<std::pair<std::string, std::string>> figuresOf(const std::string& path, const std::vector<int>& years) {
    const std::string today = "2026-12-07";
    std::vector<std::string> periods = {"all"};
    for (int y : years) {
        periods.push_back(std::to_string(y));
        for (int q = 1; q <= 4; ++q) periods.push_back(std::to_string(y) + "Q" + std::to_string(q));
        for (int m = 1; m <= 12; ++m) periods.push_back(std::to_string(y) + (m < 10 ? "-0" : "-") + std::to_string(m));
    }
    const std::map<std::string, std::vector<std::string>> boards = {
        {"volunteers", {"points", "hours"}},
        {"communities", {"rate", "points", "hours", "titles"}},
        {"streets", {"rate", "points", "hours", "titles"}},
        {"posts", {"points", "score"}},
    };
    std::vector<std::pair<std::string, std::string>> figures;
    for (const auto& [board, metrics] : boards)
        for (const std::string& metric : metrics)
            for (const std::string& period : periods)
                figures.emplace_back(board + " " + metric + " " + period,
                                     cliJson({"leaderboard", "--db", path, "--board", board, "--metric", metric,
                                              "--period", period, "--today", today}));
    for (int y : years)
        figures.emplace_back("targets " + std::to_string(y),
                             cliJson({"targets", "--db", path, "--year", std::to_string(y), "--today", today}));
    return figures;
}

// A small district (a street, two communities, a few people): the refusal
// cases need a database, not the demo's 2.6 million rows.
void makeSmallDistrict(const std::string& path) {
    jinguo::storage::Storage s(path);
    const jinguo::RowId root = s.insertUnit({0, 0, "临江区", jinguo::UnitKind::District, 1000, 0});
    const jinguo::RowId street = s.insertUnit({0, root, "江滨街道", jinguo::UnitKind::Street, 1000, 0});
    for (int c = 0; c < 2; ++c) {
        const jinguo::RowId community = s.insertUnit({0, street, "社区" + std::to_string(c), jinguo::UnitKind::Community, 500, 0});
        for (int i = 0; i < 3; ++i) {
            jinguo::Person p;
            p.name = "志愿者" + std::to_string(c) + std::to_string(i);
            p.unitId = community;
            s.insertPerson(p);
        }
    }
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Rows whose name keys differ from what the database's own definitions give
// for their names (the views on both engines, jinguo_sort_key): 0 when the
// keys are the engine's form, not the other engine's copied across.
std::int64_t keysOutOfForm(const std::string& path) {
    Database db(path, false);
    std::int64_t wrong = 0;
    for (const char* sql : {
             "SELECT count(*) FROM person_list l JOIN person_list_source s ON s.person_id = l.person_id "
             "WHERE l.name_key IS DISTINCT FROM s.name_key OR l.unit_key IS DISTINCT FROM s.unit_key",
             "SELECT count(*) FROM person_gram g JOIN person_list l ON l.person_id = g.person_id "
             "WHERE g.name_key IS DISTINCT FROM l.name_key",
             "SELECT count(*) FROM honour_list h JOIN honour_list_source s ON s.award_id = h.award_id "
             "WHERE h.title_key IS DISTINCT FROM s.title_key OR h.holder_key IS DISTINCT FROM s.holder_key "
             "OR h.unit_key IS DISTINCT FROM s.unit_key",
             "SELECT count(*) FROM review_title_order WHERE unit_key IS DISTINCT FROM jinguo_sort_key(unit_name) "
             "OR holder_key IS DISTINCT FROM jinguo_sort_key(holder)",
             "SELECT count(*) FROM family WHERE sort_key IS DISTINCT FROM jinguo_sort_key(head_name)",
             "SELECT count(*) FROM family_gram g JOIN family f ON f.id = g.family_id WHERE g.sort_key IS DISTINCT FROM f.sort_key",
         }) {
        Statement st = db.prepare(sql);
        if (st.step()) wrong += st.columnInt(0);
    }
    return wrong;
}

} // namespace

TEST_SUITE("pg_copy") {

TEST_CASE("the demo district file → server → file keeps every table's rows and every board's and target's figures") {
    jinguo::test::DemoDbPath demo;
    const std::string server = test::PgCluster::shared().createDatabase();
    jinguo::test::TempDbPath back;

    std::vector<CopyProgress> seen;
    const CopyReport there = copyDatabase(demo.str(), server, [&](const CopyProgress& p) { seen.push_back(p); });
    CHECK(there.rows > 10000);
    CHECK(there.numbersCompared > 100);
    REQUIRE(!seen.empty());
    CHECK(seen.back().verifying);
    CHECK(seen.back().rowsCopied == seen.back().rowsTotal);
    for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i].rowsCopied >= seen[i - 1].rowsCopied);

    const CopyReport home = copyDatabase(server, back.str());
    MESSAGE("demo copy: " << there.rows << " rows file→server " << there.seconds << " s, server→file " << home.seconds << " s");
    CHECK(home.rows == there.rows);

    // Every table both engines keep holds the same number of rows at each
    // step (the summaries too); the FTS5 tables came back filled.
    const auto original = tableCounts(demo.str());
    const auto onServer = tableCounts(server);
    const auto returned = tableCounts(back.str());
    CHECK(original == returned);
    for (const auto& [name, rows] : original)
        if (!returned.count(name) || returned.at(name) != rows)
            MESSAGE(name << ": " << rows << " then " << (returned.count(name) ? returned.at(name) : -1));
    std::size_t shared = 0;
    for (const auto& [name, rows] : original) {
        if (!onServer.count(name)) continue;
        ++shared;
        CHECK_MESSAGE(onServer.at(name) == rows, name);
    }
    CHECK(shared > 40);
    CHECK(returned.at("person_search") == returned.at("person_list"));
    // Each engine's name keys, not the other's copied across (both ways).
    CHECK(keysOutOfForm(demo.str()) == 0);
    CHECK(keysOutOfForm(server) == 0);
    CHECK(keysOutOfForm(back.str()) == 0);
    CHECK(returned.at("person") > 100);

    // New rows on the server draw ids past the copied ones.
    {
        Database db(server, false);
        Statement st = db.prepareInsert("INSERT INTO org_unit (name, kind, parent_id) VALUES ('新社区', '社区', "
                                        "(SELECT min(id) FROM org_unit WHERE kind = '街道'))");
        Statement max = db.prepare("SELECT max(id) FROM org_unit");
        REQUIRE(max.step());
        const std::int64_t before = max.columnInt(0);
        CHECK(st.runInsert() > before);
    }

    // The figures: every board, metric and period the CLI offers, every year's targets.
    const std::vector<int> years = yearsOf(demo.str());
    REQUIRE(years.size() >= 2);
    const auto figuresStart = std::chrono::steady_clock::now();
    const auto want = figuresOf(demo.str(), years);
    const auto got = figuresOf(back.str(), years);
    MESSAGE("figures: " << want.size() << " per side, "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - figuresStart).count() << " s");
    REQUIRE(want.size() == got.size());
    int differing = 0, withRows = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].second != got[i].second && ++differing <= 5) CHECK_MESSAGE(false, want[i].first);
        if (contains(want[i].second, "\"name\"") || contains(want[i].second, "\"unit\"")) ++withRows;
    }
    CHECK(differing == 0);
    CHECK(withRows > static_cast<int>(want.size()) / 2);   // the figures compared are not empty boards

    // The same server again is not empty now: refused, nothing written.
    const auto before = tableCounts(server);
    const std::string refused = errorOf([&] { copyDatabase(demo.str(), server); });
    CHECK(contains(refused, "已经有Jinguo数据"));
    CHECK(contains(refused, "createdb"));
    CHECK(tableCounts(server) == before);

    // A file target that exists is refused, its bytes untouched.
    const std::string bytes = fileBytes(back.str());
    CHECK(contains(errorOf([&] { copyDatabase(demo.str(), back.str()); }), "已经存在"));
    CHECK(fileBytes(back.str()) == bytes);
}

TEST_CASE("a server that holds someone else's tables is refused untouched; one `server init` made is accepted") {
    jinguo::test::TempDbPath demo;
    makeSmallDistrict(demo.str());
    const std::string other = test::PgCluster::shared().createDatabase();
    {
        Database db(other, false);
        db.exec("CREATE TABLE invoices (id bigint PRIMARY KEY)");
    }
    const std::string refused = errorOf([&] { copyDatabase(demo.str(), other); });
    CHECK(contains(refused, "其他数据表"));
    CHECK(tableCounts(other) == std::map<std::string, std::int64_t>{{"invoices", 0}});

    const std::string initialized = test::PgCluster::shared().createDatabase();
    {
        Database db(initialized, false);
        jinguo::storage::initPgServer(*db.server());
    }
    const CopyReport report = copyDatabase(demo.str(), initialized);
    CHECK(tableCounts(initialized).at("person") == tableCounts(demo.str()).at("person"));
    CHECK(report.rows > 50);
}

TEST_CASE("a row the server refuses midway leaves the target as it was") {
    jinguo::test::TempDbPath demo;
    makeSmallDistrict(demo.str());
    {
        // A REAL column holding text: SQLite keeps it (its CHECK compares text
        // above numbers), PostgreSQL's double precision refuses it.
        Database db(demo.str(), false);
        db.exec("INSERT INTO target (unit_id, year, metric, goal) "
                "VALUES ((SELECT min(id) FROM org_unit), 2099, 'volunteers', 'abc')");
    }
    const std::string empty = test::PgCluster::shared().createDatabase();
    const std::string failure = errorOf([&] { copyDatabase(demo.str(), empty); });
    CHECK(contains(failure, "复制表“target”"));
    CHECK(contains(failure, "未做任何修改"));
    CHECK(tableCounts(empty).empty());   // not even the schema

    const std::string initialized = test::PgCluster::shared().createDatabase();
    {
        Database db(initialized, false);
        jinguo::storage::initPgServer(*db.server());
    }
    const auto before = tableCounts(initialized);
    CHECK(!errorOf([&] { copyDatabase(demo.str(), initialized); }).empty());
    CHECK(tableCounts(initialized) == before);
    CHECK(before.at("person") == 0);
}

TEST_CASE("jinguo copy: bad arguments are refused in Chinese with exit 2, a password is never printed") {
    std::ostringstream out, err;
    CHECK(jinguo::cli::runCopyCommand({"--from", "a.db"}, out, err) == 2);
    CHECK(contains(err.str(), "--to"));
    err.str("");
    CHECK(jinguo::cli::runCopyCommand({"--from", "a.db", "--to", "postgresql://u:secret@h/db"}, out, err) == 2);
    CHECK(contains(err.str(), "密码"));
    CHECK(!contains(err.str(), "secret"));
    err.str("");
    CHECK(jinguo::cli::runCopyCommand({"--from", "a.db", "--to", "a.db"}, out, err) == 2);
    err.str("");
    CHECK(jinguo::cli::runCopyCommand({"--form", "a.db"}, out, err) == 2);
    CHECK(contains(err.str(), "无法识别"));
    err.str("");
    jinguo::test::TempDbPath missing, target;
    CHECK(jinguo::cli::runCopyCommand({"--from", missing.str(), "--to", target.str()}, out, err) == 1);
    CHECK(contains(err.str(), "找不到"));
    CHECK(!std::filesystem::exists(missing.str()));
    CHECK(!std::filesystem::exists(target.str()));
    out.str("");
    CHECK(jinguo::cli::runCopyCommand({"--help"}, out, err) == 0);
    CHECK(contains(out.str(), "jinguo copy --from"));
}

TEST_CASE("jinguo backup on a server writes a verified Jinguo file with --out; restore is the server's own step") {
    const std::string server = test::PgCluster::shared().createDatabase();
    makeSmallDistrict(server);
    jinguo::test::TempDbPath file;
    std::ostringstream out, err;

    // Without --out there is no folder beside a server to write into.
    CHECK(jinguo::cli::runBackupCommand(server, "", out, err) == 1);
    CHECK(contains(err.str(), "--out"));
    CHECK(contains(err.str(), "pg_dump"));
    CHECK(out.str().empty());

    err.str("");
    REQUIRE(jinguo::cli::runBackupCommand(server, file.path().string(), out, err) == 0);
    CHECK(contains(out.str(), "已把服务器上的数据库"));
    CHECK(contains(out.str(), "逐表核对一致"));
    CHECK(err.str().empty());
    CHECK(tableCounts(file.path().string()).at("person") == 6);
    CHECK(tableCounts(file.path().string()).at("org_unit") == tableCounts(server).at("org_unit"));

    // A second backup onto the same file is refused: the file is not empty.
    out.str("");
    CHECK(jinguo::cli::runBackupCommand(server, file.path().string(), out, err) == 1);
    CHECK(out.str().empty());

    // Replacing the shared data under other users is not a desktop command.
    err.str("");
    CHECK(jinguo::cli::runRestoreCommand(server, file.path().string(), out, err) == 1);
    CHECK(contains(err.str(), "pg_restore"));
    CHECK(tableCounts(server).at("person") == 6);
}

}
