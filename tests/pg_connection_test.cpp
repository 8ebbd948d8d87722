// The PostgreSQL connection (issue 18's first brick) against a real server:
// a throw-away cluster (tests/support/pg_cluster) with a fresh database per
// test case. Nothing here is skipped when the server is missing: the suite
// fails, as CI must install it (scripts/install-deps.sh).
#include "storage/pg_connection.hpp"
#include "support/error_text.hpp"
#include "support/pg_cluster.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

using jinguo::storage::PgCopyIn;
using jinguo::storage::PgDatabase;
using jinguo::storage::PgTransaction;
using jinguo::storage::StorageError;
using jinguo::storage::describeConnection;
using jinguo::storage::translatePlaceholders;

using ::test::contains;
using ::test::errorOf;

namespace {
std::string freshDatabase() { return test::PgCluster::shared().createDatabase(); }

std::int64_t countRows(PgDatabase& db, const char* table) {
    auto st = db.prepare(std::string("SELECT count(*) FROM ") + table);
    REQUIRE(st.step());
    return st.columnInt(0);
}

} // namespace

TEST_SUITE("pg_connection") {

TEST_CASE("SQLite placeholders become $n, but not inside literals, quoted names, comments or dollar quotes") {
    int count = 0;
    CHECK(translatePlaceholders("SELECT ? , ?", &count) == "SELECT $1 , $2");
    CHECK(count == 2);
    // ?NNN keeps its number; a bare ? after it takes one past the largest, as in SQLite.
    CHECK(translatePlaceholders("x = ?3 AND y = ? AND z = ?1", &count) == "x = $3 AND y = $4 AND z = $1");
    CHECK(count == 4);
    CHECK(translatePlaceholders("SELECT '?', 'it''s ?', ? -- why?\n, \"a?b\", /* ? /* ? */ ? */ ?", &count)
          == "SELECT '?', 'it''s ?', $1 -- why?\n, \"a?b\", /* ? /* ? */ ? */ $2");
    CHECK(count == 2);
    CHECK(translatePlaceholders(R"(SELECT E'\'?', ?)", &count) == R"(SELECT E'\'?', $1)");
    CHECK(translatePlaceholders("CREATE FUNCTION f() RETURNS text AS $body$ SELECT '?' || ? $body$; SELECT $$?$$, ?", &count)
          == "CREATE FUNCTION f() RETURNS text AS $body$ SELECT '?' || ? $body$; SELECT $$?$$, $1");
    CHECK(count == 1);
    CHECK(translatePlaceholders("SELECT 1", &count) == "SELECT 1");
    CHECK(count == 0);
}

TEST_CASE("SQLite's INDEXED BY hint is dropped, but not inside literals or from other words") {
    int count = 0;
    CHECK(translatePlaceholders("SELECT a FROM t INDEXED BY t_a WHERE a = ?", &count) == "SELECT a FROM t WHERE a = $1");
    CHECK(count == 1);
    CHECK(translatePlaceholders("SELECT a FROM t x INDEXED BY t_a\n ORDER BY a", &count) == "SELECT a FROM t x\n ORDER BY a");
    CHECK(translatePlaceholders("SELECT ' INDEXED BY t_a', REINDEXED BY FROM t", &count)
          == "SELECT ' INDEXED BY t_a', REINDEXED BY FROM t");
}

TEST_CASE("SQLite's join-order hint CROSS JOIN … ON becomes JOIN … ON; a true cross join stays") {
    CHECK(translatePlaceholders("SELECT 1 FROM (SELECT 1 AS id) sc CROSS JOIN family f ON f.id = sc.id")
          == "SELECT 1 FROM (SELECT 1 AS id) sc JOIN family f ON f.id = sc.id");
    CHECK(translatePlaceholders("FROM p CROSS JOIN award a INDEXED BY award_family_once ON a.x = p.x")
          == "FROM p JOIN award a ON a.x = p.x");
    CHECK(translatePlaceholders("FROM g CROSS JOIN family ON family.id = g.id") == "FROM g JOIN family ON family.id = g.id");
    // No ON: SQL's own cross join, kept (with an alias, before ORDER BY, a derived table).
    CHECK(translatePlaceholders("FROM org_unit o CROSS JOIN me ORDER BY o.id") == "FROM org_unit o CROSS JOIN me ORDER BY o.id");
    CHECK(translatePlaceholders("FROM a CROSS JOIN b x WHERE x.k = ?") == "FROM a CROSS JOIN b x WHERE x.k = $1");
    CHECK(translatePlaceholders("FROM a CROSS JOIN (SELECT 1) s") == "FROM a CROSS JOIN (SELECT 1) s");
    CHECK(translatePlaceholders("SELECT ' CROSS JOIN t ON '") == "SELECT ' CROSS JOIN t ON '");
}

TEST_CASE("a connection string is described without its password") {
    const std::string uri = describeConnection("postgresql://chair:s3cret-pw@db.example:5433/district");
    CHECK(uri == "chair@db.example:5433/district");
    const std::string pairs = describeConnection("host=/tmp/x port=5432 dbname=jinguo user=admin password=s3cret-pw");
    CHECK(pairs == "admin@/tmp/x:5432/jinguo");
    CHECK_FALSE(contains(uri + pairs, "s3cret"));
}

TEST_CASE("connects by key=value and by URI on the cluster's socket, in UTF8") {
    const std::string conninfo = freshDatabase();
    PgDatabase byPairs(conninfo);
    const std::string dbname = conninfo.substr(conninfo.find("dbname=") + 7, conninfo.find(" user=") - conninfo.find("dbname=") - 7);
    PgDatabase byUri(test::PgCluster::shared().uri(dbname));
    auto st = byUri.prepare("SELECT current_database(), current_setting('client_encoding'), current_setting('server_encoding')");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == dbname);
    CHECK(st.columnText(1) == "UTF8");
    CHECK(st.columnText(2) == "UTF8");
    CHECK(byPairs.serverPid() != byUri.serverPid());
    // The socket folder as a URI query parameter works too.
    test::PgCluster& cluster = test::PgCluster::shared();
    PgDatabase byQuery("postgresql:///" + dbname + "?host=" + cluster.folder() + "&port=" + std::to_string(cluster.port())
                       + "&user=postgres");
    auto same = byQuery.prepare("SELECT current_database()");
    REQUIRE(same.step());
    CHECK(same.columnText(0) == dbname);
    CHECK(contains(byPairs.description(), dbname));
}

TEST_CASE("values round-trip: integers, doubles, Chinese text, empty text and NULL") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE v (id bigserial PRIMARY KEY, n bigint, x double precision, s text, flag boolean)");
    struct Row { std::int64_t n; double x; std::string s; };
    const Row rows[] = {
        {std::numeric_limits<std::int64_t>::max(), 0.1, "巾帼荣誉榜·江滨街道"},
        {std::numeric_limits<std::int64_t>::min(), -1e300, "表情 🌸 and 'quotes' and \"double\" and \\ backslash"},
        {0, 2.5, ""},
    };
    auto insert = db.prepare("INSERT INTO v (n, x, s, flag) VALUES (?, ?, ?, ?) RETURNING id");
    std::int64_t lastId = 0;
    for (const Row& row : rows) {
        insert.bind(1, row.n).bind(2, row.x).bind(3, row.s).bind(4, row.n > 0 ? 1 : 0);
        const std::int64_t id = insert.runReturningId();
        CHECK(id > lastId);
        lastId = id;
    }
    CHECK(db.lastInsertId() == lastId);
    auto nulls = db.prepare("INSERT INTO v (n, x, s, flag) VALUES (?, ?, ?, ?)");
    nulls.bindNull(1).bindIdOrNull(2, 0).bindTextOrNull(3, "").bindNull(4);
    nulls.run();

    auto read = db.prepare("SELECT n, x, s, flag FROM v ORDER BY id");
    for (const Row& row : rows) {
        REQUIRE(read.step());
        CHECK(read.columnInt(0) == row.n);
        CHECK(read.columnDouble(1) == row.x);
        CHECK(read.columnText(2) == row.s);
        CHECK(read.columnView(2) == row.s);
        CHECK_FALSE(read.columnIsNull(2));   // "" stays text, not NULL
        CHECK(read.columnInt(3) == (row.n > 0 ? 1 : 0));
    }
    REQUIRE(read.step());
    for (int col = 0; col < 4; ++col) CHECK(read.columnIsNull(col));
    CHECK(read.columnText(2) == "");
    CHECK(read.columnInt(0) == 0);
    CHECK(read.columnDouble(1) == 0.0);
    CHECK_FALSE(read.step());
    REQUIRE(read.step());       // past the end it runs again, as sqlite3_step does (Database's dispatch)
    CHECK(read.columnCount() == 4);
}

TEST_CASE("no rows, many rows, and a statement run again with new bindings") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL);"
            "INSERT INTO person SELECT g, '志愿者' || g FROM generate_series(1, 20000) g;");
    auto none = db.prepare("SELECT id, name FROM person WHERE id < ?");
    none.bind(1, 0);
    CHECK(none.columnCount() == 2);   // known before the first step
    CHECK_FALSE(none.step());

    auto all = db.prepare("SELECT id, name FROM person WHERE id >= ? ORDER BY id");
    all.bind(1, 1);
    std::int64_t rows = 0, sum = 0;
    while (all.step()) {
        ++rows;
        sum += all.columnInt(0);
        if (all.columnInt(0) == 12345) CHECK(all.columnText(1) == "志愿者12345");
    }
    CHECK(rows == 20000);
    CHECK(sum == 20000LL * 20001 / 2);

    all.reset();
    all.bind(1, 19999);
    REQUIRE(all.step());
    CHECK(all.columnInt(0) == 19999);
    REQUIRE(all.step());
    CHECK_FALSE(all.step());
}

TEST_CASE("another statement can run while one is being stepped, as on SQLite") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE a (id int); CREATE TABLE b (id int); INSERT INTO a SELECT generate_series(1, 5);");
    auto outer = db.prepare("SELECT id FROM a ORDER BY id");
    auto copy = db.prepare("INSERT INTO b VALUES (? * 10)");
    while (outer.step()) {
        copy.reset();
        copy.bind(1, outer.columnInt(0)).run();
    }
    auto sum = db.prepare("SELECT sum(id) FROM b");
    REQUIRE(sum.step());
    CHECK(sum.columnInt(0) == 150);
}

TEST_CASE("placeholders inside literals and quoted names reach the server untouched") {
    PgDatabase db(freshDatabase());
    auto st = db.prepare("SELECT '?', 'a ?1 b', ?, \"?col\" FROM (SELECT 7 AS \"?col\") q -- ?");
    CHECK(st.parameterCount() == 1);
    st.bind(1, "值");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == "?");
    CHECK(st.columnText(1) == "a ?1 b");
    CHECK(st.columnText(2) == "值");
    CHECK(st.columnInt(3) == 7);
    CHECK_THROWS_AS(st.bind(2, 1), StorageError);   // no second parameter
}

TEST_CASE("changes() counts the rows an INSERT, UPDATE or DELETE touched, not a SELECT") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE t (id int PRIMARY KEY, v int)");
    db.exec("INSERT INTO t SELECT g, g % 3 FROM generate_series(1, 9) g");
    CHECK(db.changes() == 9);
    auto update = db.prepare("UPDATE t SET v = 10 WHERE v = ?");
    update.bind(1, 0).run();
    CHECK(db.changes() == 3);
    auto select = db.prepare("SELECT * FROM t");
    while (select.step()) {}
    CHECK(db.changes() == 3);
    auto remove = db.prepare("DELETE FROM t WHERE id > ?");
    remove.bind(1, 100).run();
    CHECK(db.changes() == 0);
    auto upsert = db.prepare("INSERT INTO t (id, v) VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
    upsert.bind(1, 1).bind(2, 5).run();
    CHECK(db.changes() == 0);
    upsert.reset();
    upsert.bind(1, 50).bind(2, 5).run();
    CHECK(db.changes() == 1);
}

TEST_CASE("errors are Chinese and keep the server's words: unique violation, syntax, missing table") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE unit (id int PRIMARY KEY, name text CONSTRAINT unit_name_unique UNIQUE)");
    db.exec("INSERT INTO unit VALUES (1, '江滨街道')");
    auto insert = db.prepare("INSERT INTO unit VALUES (?, ?)");
    insert.bind(1, 2).bind(2, "江滨街道");
    const std::string duplicate = errorOf([&] { insert.run(); });
    CHECK(contains(duplicate, "数据重复"));
    CHECK(contains(duplicate, "unit_name_unique"));   // the server's message names the constraint
    CHECK(contains(duplicate, "INSERT INTO unit"));   // and what was being done

    const std::string syntax = errorOf([&] { db.prepare("SELEC 1"); });
    CHECK(contains(syntax, "语法错误"));
    CHECK(contains(syntax, "syntax error"));

    const std::string missing = errorOf([&] { db.exec("SELECT * FROM nowhere"); });
    CHECK(contains(missing, "没有这张表"));
    CHECK(contains(missing, "nowhere"));
    // The connection is still usable after each failure.
    CHECK(countRows(db, "unit") == 1);
}

TEST_CASE("a connection that cannot be made says why: no server, no database, wrong password") {
    const std::string conninfo = freshDatabase();
    test::PgCluster& cluster = test::PgCluster::shared();
    // Nobody listens on another port of the same socket folder.
    const std::string refused = errorOf([&] {
        PgDatabase db("host=" + cluster.folder() + " port=" + std::to_string(cluster.port() + 1) + " dbname=x user=postgres");
    });
    CHECK(contains(refused, "无法连接数据库服务器"));
    CHECK(contains(refused, "PostgreSQL："));

    const std::string noDatabase = errorOf([&] { PgDatabase db(cluster.conninfo("no_such_district")); });
    CHECK(contains(noDatabase, "没有这个数据库"));
    CHECK(contains(noDatabase, "no_such_district"));

    {
        PgDatabase admin(conninfo);
        admin.exec(std::string("DROP ROLE IF EXISTS ") + test::PgCluster::kPasswordRole + "; CREATE ROLE "
                   + test::PgCluster::kPasswordRole + " LOGIN PASSWORD 'right-pass-1'");
    }
    const std::string dbname = conninfo.substr(conninfo.find("dbname=") + 7, conninfo.find(" user=") - conninfo.find("dbname=") - 7);
    const std::string wrong = errorOf([&] {
        PgDatabase db(cluster.conninfo(dbname, test::PgCluster::kPasswordRole) + " password=wrong-pass-2");
    });
    CHECK(contains(wrong, "用户名或密码不对"));
    CHECK(contains(wrong, "password authentication failed"));
    CHECK_FALSE(contains(wrong, "wrong-pass-2"));
    PgDatabase right(cluster.conninfo(dbname, test::PgCluster::kPasswordRole) + " password=right-pass-1");
    auto who = right.prepare("SELECT current_user");
    REQUIRE(who.step());
    CHECK(who.columnText(0) == test::PgCluster::kPasswordRole);
}

TEST_CASE("a transaction not committed leaves nothing; a savepoint rolls back only its part") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE t (id int PRIMARY KEY)");
    {
        PgTransaction tx(db);
        db.exec("INSERT INTO t VALUES (1), (2)");
        CHECK(db.inTransaction());
        CHECK(countRows(db, "t") == 2);
    }
    CHECK_FALSE(db.inTransaction());
    CHECK(countRows(db, "t") == 0);
    CHECK_THROWS_AS(([&] {
        PgTransaction tx(db);
        db.exec("INSERT INTO t VALUES (3)");
        throw StorageError("中途出错");
    }()), StorageError);
    CHECK(countRows(db, "t") == 0);
    {
        PgTransaction outer(db);
        db.exec("INSERT INTO t VALUES (10)");
        {
            PgTransaction inner(db);
            db.exec("INSERT INTO t VALUES (11)");
        }
        {
            PgTransaction inner(db);
            db.exec("INSERT INTO t VALUES (12)");
            inner.commit();
        }
        outer.commit();
    }
    auto ids = db.prepare("SELECT string_agg(id::text, ',' ORDER BY id) FROM t");
    REQUIRE(ids.step());
    CHECK(ids.columnText(0) == "10,12");
}

TEST_CASE("a statement that failed inside a transaction makes its commit refuse, and nothing is saved") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE t (id int PRIMARY KEY)");
    db.exec("INSERT INTO t VALUES (1)");
    {
        PgTransaction tx(db);
        db.exec("INSERT INTO t VALUES (2)");
        CHECK_THROWS_AS(db.exec("INSERT INTO t VALUES (1)"), StorageError);
        // PostgreSQL has aborted the whole transaction (SQLite would go on).
        const std::string after = errorOf([&] { db.exec("INSERT INTO t VALUES (3)"); });
        CHECK(contains(after, "前面的语句已经失败"));
        const std::string commit = errorOf([&] { tx.commit(); });
        CHECK(contains(commit, "全部修改都已撤销"));
    }
    CHECK_FALSE(db.inTransaction());
    CHECK(countRows(db, "t") == 1);
}

TEST_CASE("two connections see each other's committed rows, and not the uncommitted ones") {
    const std::string conninfo = freshDatabase();
    PgDatabase first(conninfo);
    PgDatabase second(conninfo);
    first.exec("CREATE TABLE family (id int PRIMARY KEY, name text)");
    auto insert = first.prepare("INSERT INTO family VALUES (?, ?)");
    insert.bind(1, 1).bind(2, "王家").run();
    CHECK(countRows(second, "family") == 1);
    {
        PgTransaction tx(first);
        insert.reset();
        insert.bind(1, 2).bind(2, "李家").run();
        CHECK(countRows(first, "family") == 2);
        CHECK(countRows(second, "family") == 1);
        tx.commit();
    }
    CHECK(countRows(second, "family") == 2);
    auto fromSecond = second.prepare("INSERT INTO family VALUES (3, '赵家')");
    fromSecond.run();
    auto name = first.prepare("SELECT name FROM family WHERE id = ?");
    name.bind(1, 3);
    REQUIRE(name.step());
    CHECK(name.columnText(0) == "赵家");
}

TEST_CASE("LISTEN/NOTIFY reaches a second connection, and only once the sender commits") {
    const std::string conninfo = freshDatabase();
    PgDatabase sender(conninfo);
    PgDatabase listener(conninfo);
    listener.listen("jinguo_revision");
    CHECK(listener.poll().empty());

    sender.notify("jinguo_revision", "42");
    auto arrived = listener.waitForNotifications(10000);
    REQUIRE(arrived.size() == 1);
    CHECK(arrived[0].channel == "jinguo_revision");
    CHECK(arrived[0].payload == "42");
    CHECK(arrived[0].senderPid == sender.serverPid());

    {
        PgTransaction tx(sender);
        sender.notify("jinguo_revision", "江滨街道");
        CHECK(listener.waitForNotifications(200).empty());   // not before the commit
        tx.commit();
    }
    arrived = listener.waitForNotifications(10000);
    REQUIRE(arrived.size() == 1);
    CHECK(arrived[0].payload == "江滨街道");

    sender.notify("other_channel", "x");   // not listened to
    CHECK(listener.waitForNotifications(200).empty());
}

TEST_CASE("exec runs a script of several statements and stops at the first error") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE s (id int); INSERT INTO s VALUES (1); INSERT INTO s VALUES (2);");
    CHECK(countRows(db, "s") == 2);
    // A script is one implicit transaction on the server: an error undoes it all.
    CHECK_THROWS_AS(db.exec("INSERT INTO s VALUES (3); INSERT INTO nowhere VALUES (4);"), StorageError);
    CHECK(countRows(db, "s") == 2);
    CHECK_FALSE(db.inTransaction());
}

TEST_CASE("COPY FROM STDIN stores every value as sent: separators, backslashes, Chinese, empty text and NULL") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE roster (id bigint PRIMARY KEY, name text, note text, hours double precision)");
    const std::string awkward[] = {"王\t芳", "tab\there", "line\nbreak\r\n", "back\\slash \\N", "", "\\.", "江滨街道·第1社区"};
    constexpr int kRows = 30000;   // several 64 KiB sends
    {
        PgCopyIn copy(db, "COPY roster (id, name, note, hours) FROM STDIN");
        for (int i = 1; i <= kRows; ++i) {
            copy.field(i).field(awkward[i % 7]);
            if (i % 5 == 0) copy.fieldNull();
            else copy.field("备注" + std::to_string(i));
            copy.field(i * 0.25).endRow();
        }
        CHECK(copy.finish() == kRows);
    }
    auto read = db.prepare("SELECT id, name, note, hours FROM roster ORDER BY id");
    int rows = 0;
    bool same = true;
    while (read.step()) {
        const int i = static_cast<int>(read.columnInt(0));
        ++rows;
        same = same && i == rows && read.columnText(1) == awkward[i % 7] && read.columnDouble(3) == i * 0.25
               && (i % 5 == 0 ? read.columnIsNull(2) : read.columnText(2) == "备注" + std::to_string(i));
        same = same && !read.columnIsNull(1);   // "" stays text
    }
    CHECK(rows == kRows);
    CHECK(same);
}

TEST_CASE("a COPY that fails or is abandoned keeps none of its rows, and the connection goes on") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE roster (id bigint PRIMARY KEY, name text)");
    db.exec("INSERT INTO roster VALUES (7, '已有')");
    {
        PgCopyIn copy(db, "COPY roster (id, name) FROM STDIN");
        for (int i = 1; i <= 10; ++i) copy.field(i).field("重复").endRow();   // 7 is there already
        const std::string duplicate = errorOf([&] { copy.finish(); });
        CHECK(contains(duplicate, "数据重复"));
        CHECK(contains(duplicate, "roster_pkey"));
    }
    CHECK(countRows(db, "roster") == 1);
    {
        PgCopyIn copy(db, "COPY roster (id, name) FROM STDIN");
        copy.field(100).field("放弃").endRow();
    }   // never finished
    CHECK(countRows(db, "roster") == 1);
    const std::string wrongTable = errorOf([&] { PgCopyIn copy(db, "COPY nowhere FROM STDIN"); });
    CHECK(contains(wrongTable, "没有这张表"));
    CHECK(countRows(db, "roster") == 1);
}

TEST_CASE("a statement dropped inside a failed transaction is freed on the server later") {
    PgDatabase db(freshDatabase());
    db.exec("CREATE TABLE t (id int PRIMARY KEY)");
    auto prepared = [&] {
        auto st = db.prepare("SELECT count(*) FROM pg_prepared_statements");
        REQUIRE(st.step());
        return st.columnInt(0);   // this statement included
    };
    CHECK(prepared() == 1);
    {
        PgTransaction tx(db);
        auto insert = db.prepare("INSERT INTO t VALUES (1), (1)");
        CHECK_THROWS_AS(insert.run(), StorageError);
    }   // `insert` dies while the transaction has failed, before its rollback
    CHECK(prepared() == 1);
}

TEST_CASE("a statement that outlives its connection is destroyed without touching it") {
    const std::string conninfo = freshDatabase();
    auto db = std::make_unique<PgDatabase>(conninfo);
    auto st = std::make_unique<jinguo::storage::PgStatement>(db->prepare("SELECT 1"));
    REQUIRE(st->step());
    CHECK(st->columnInt(0) == 1);
    db.reset();   // the connection goes first (a member order mistake)
    st.reset();   // must not use the freed connection (it crashed before)
}

} // TEST_SUITE
