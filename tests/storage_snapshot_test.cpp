// storage_snapshot_test.cpp — no call leaves a statement stepped and un-reset,
// so a connection never keeps an old WAL read snapshot after the call: the
// app's saves kept failing with "database is locked" until a restart once a
// labelled step (a post's lifecycle step, undo, redo) had run and any other
// connection had written to the file.
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using storage::Database;
using storage::RecordStore;
using storage::Storage;
using storage::UndoStep;

namespace {

struct TwoConnections {
    test::TempDbPath path;
    Storage ui{path.str()};
    RowId street = 0;

    TwoConnections() {
        street = test::buildDistrict(ui, {2000, {{"江滨街道", 2000, 0, {}}}}).street(0);
    }

    // What an import from a terminal does: another connection commits.
    void writeElsewhere(const std::string& name) {
        Storage other(path.str());
        RecordStore(other).addUnit({0, street, name, UnitKind::Community, 100, 0});
    }
};

} // namespace

TEST_CASE("a labelled step leaves the connection idle, so a save after another connection's write succeeds") {
    TwoConnections t;
    RecordStore records(t.ui);
    {
        UndoStep step(t.ui, "新增社区");   // the labelled step looks its row up (stepExists) on each entry
        records.addUnit({0, t.street, "望江社区", UnitKind::Community, 500, 0});
        records.addUnit({0, t.street, "临江社区", UnitKind::Community, 600, 0});
    }
    CHECK(t.ui.db().unfinishedStatements().empty());
    CHECK_NOTHROW(t.ui.db().checkIdle());

    t.writeElsewhere("向阳社区");
    // Before the fix this threw "数据库正忙…(database is locked)", and every
    // later save did too.
    CHECK_NOTHROW(records.addUnit({0, t.street, "滨河社区", UnitKind::Community, 700, 0}));
    // And the connection reads what the other one wrote.
    storage::Statement count = t.ui.db().prepare("SELECT count(*) FROM org_unit WHERE kind = '社区'");
    REQUIRE(count.step());
    CHECK(count.columnInt(0) == 4);
}

TEST_CASE("a cached statement is reset when its lease ends, and a nested use of the same SQL gets its own") {
    test::TempDbPath path;
    Database db(path.str());
    db.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
    {
        auto outer = db.cached("SELECT x FROM t ORDER BY x");
        REQUIRE(outer.step());
        CHECK(outer.columnInt(0) == 1);
        {
            auto inner = db.cached("SELECT x FROM t ORDER BY x");   // same SQL while the outer one is lent
            REQUIRE(inner.step());
            CHECK(inner.columnInt(0) == 1);
        }
        REQUIRE(outer.step());   // the outer one kept its place
        CHECK(outer.columnInt(0) == 2);
        CHECK(db.unfinishedStatements().size() == 1);
        CHECK_THROWS_AS(db.checkIdle(), storage::StorageError);
    }
    CHECK(db.unfinishedStatements().empty());
    CHECK_NOTHROW(db.checkIdle());
}

TEST_CASE("data_version tells a connection that another one committed") {
    TwoConnections t;
    const std::int64_t before = t.ui.db().dataVersion();
    CHECK(t.ui.db().dataVersion() == before);   // our own reads change nothing
    t.writeElsewhere("向阳社区");
    CHECK(t.ui.db().dataVersion() != before);
    CHECK(t.ui.db().unfinishedStatements().empty());
}
