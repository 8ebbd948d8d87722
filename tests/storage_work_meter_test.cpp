// storage_work_meter_test.cpp — Database::meterWork tells a scan of a big
// table from an indexed look-up, so UI tests can prove no frame scans one.
#include <doctest/doctest.h>

#include "storage/storage.hpp"
#include "temp_db.hpp"

using namespace jinguo::storage;

TEST_CASE("the work meter counts a table scan in the hundred thousands, a look-up in the tens") {
    jinguo::test::TempDbPath path;
    Database db(path.str());
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER);"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)"
            " INSERT INTO t SELECT i, i % 97 FROM n;");
    CHECK(db.workDone() == 0);   // not metered yet
    db.meterWork();

    const auto beforeLookup = db.workDone();
    {
        Statement st = db.prepare("SELECT v FROM t WHERE id = 4242");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == 4242 % 97);
    }
    const auto lookup = db.workDone() - beforeLookup;
    CHECK(lookup <= 100);

    const auto beforeScan = db.workDone();
    {
        Statement st = db.prepare("SELECT count(*) FROM t WHERE v = 3");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) > 500);
    }
    const auto scan = db.workDone() - beforeScan;
    CHECK(scan >= 100000);   // ~3 instructions a row for 50,000 rows
}
