// pg_undo_test.cpp — undo and the audit on a district's server, across users
// (issue 18: "undo covers the user's own steps and refuses when someone else
// changed the row since"). Users are real login roles (`jinguo server
// add-user`); each window is a Storage connected as one of them, and what a
// user may read of the audit is checked with plain SQL as that user, as psql
// would: the row policies (security/0002), not the app, are the boundary.
#include "cli/server_command.hpp"
#include "storage/pg_connection.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "support/error_text.hpp"
#include "support/pg_cluster.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

using namespace jinguo;
using storage::PgDatabase;
using storage::Storage;
using storage::UndoStore;
using ::test::contains;
using ::test::errorOf;

namespace {

std::int64_t count(PgDatabase& db, const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

std::string dbnameOf(const std::string& conninfo) {
    const std::size_t at = conninfo.find("dbname=") + 7;
    return conninfo.substr(at, conninfo.find(' ', at) - at);
}

void runServer(const std::vector<std::string>& args) {
    std::istringstream in;
    std::ostringstream out, err;
    REQUIRE_MESSAGE(cli::runServerCommand(args, in, out, err) == 0, err.str());
}

// Role names are the cluster's: each district gets its own suffix.
int g_districts = 0;

// 临江区 → 江滨街道, 文昌街道; two 录入 users of 江滨街道 (A, B), one of
// 文昌街道 (C), a 管理员 of 江滨街道 and one of the district; a person in
// each street, written by the owner.
struct District {
    std::string conninfo = ::test::PgCluster::shared().createDatabase();
    std::string dbname = dbnameOf(conninfo);
    std::string suffix = std::to_string(++g_districts);
    std::string userA = "jb_a_" + suffix, userB = "jb_b_" + suffix, userC = "wc_c_" + suffix;
    std::string streetAdmin = "jb_admin_" + suffix, districtAdmin = "lj_admin_" + suffix;
    RowId jiangbin = 0, wenchang = 0;
    RowId jiangbinPerson = 0, jiangbinOther = 0, wenchangPerson = 0;

    District() {
        runServer({"init", conninfo});
        PgDatabase owner(conninfo);
        auto unit = [&](const char* name, const char* kind, RowId parent) {
            auto st = owner.prepare("INSERT INTO org_unit (parent_id, name, kind) VALUES (?, ?, ?) RETURNING id");
            st.bindIdOrNull(1, parent).bind(2, name).bind(3, kind);
            return st.runReturningId();
        };
        const RowId district = unit("临江区", "区", 0);
        jiangbin = unit("江滨街道", "街道", district);
        wenchang = unit("文昌街道", "街道", district);
        auto person = [&](const char* name, RowId unitId) {
            auto st = owner.prepare("INSERT INTO person (name, gender, unit_id, note) VALUES (?, '女', ?, '') RETURNING id");
            st.bind(1, name).bind(2, unitId);
            return st.runReturningId();
        };
        jiangbinPerson = person("江丽", jiangbin);
        jiangbinOther = person("滨芳", jiangbin);
        wenchangPerson = person("文静", wenchang);
        for (const auto& [name, unitName, role] : std::vector<std::tuple<std::string, std::string, std::string>>{
                 {userA, "江滨街道", "录入"}, {userB, "江滨街道", "录入"}, {userC, "文昌街道", "录入"},
                 {streetAdmin, "江滨街道", "管理员"}, {districtAdmin, "临江区", "管理员"}})
            runServer({"add-user", conninfo, "--name", name, "--unit", unitName, "--role", role});
    }
    std::string as(const std::string& user) const { return ::test::PgCluster::shared().conninfo(dbname, user); }
};

// One user's note on a person, through the app's save (one undo step).
void editNote(Storage& window, RowId id, const std::string& note) {
    Person p = *window.person(id);
    p.note = note;
    window.updatePerson(p);
}

} // namespace

TEST_CASE("A's undo of a person B changed since is refused naming B and when; of an untouched row it works") {
    District d;
    Storage a(d.as(d.userA));
    Storage b(d.as(d.userB));
    CHECK(a.auditLog().dbUser() == d.userA);   // who the server says she is

    editNote(a, d.jiangbinPerson, "A 的备注");
    Person byB = *b.person(d.jiangbinPerson);
    byB.phone = "13900001111";
    b.updatePerson(byB);

    // Each is offered her own step only.
    UndoStore undoA(a), undoB(b);
    REQUIRE(undoA.undoableSteps().size() == 1);
    REQUIRE(undoB.undoableSteps().size() == 1);
    CHECK(undoA.lastStep()->id != undoB.lastStep()->id);

    const std::string refusal = errorOf([&] { undoA.undoLast(); });
    CHECK(contains(refusal, "无法撤销"));
    CHECK(contains(refusal, "人员（编号" + std::to_string(d.jiangbinPerson) + "）在这之后又被 " + d.userB + " 于 "));
    CHECK(contains(refusal, " 修改过"));
    CHECK(contains(refusal, "没有做任何改动"));
    CHECK(a.person(d.jiangbinPerson)->note == "A 的备注");        // nothing changed
    CHECK(a.person(d.jiangbinPerson)->phone == "13900001111");
    CHECK_FALSE(a.db().inTransaction());

    // B's own step is hers to undo; then A's goes through too.
    REQUIRE(undoB.undoLast());
    CHECK(b.person(d.jiangbinPerson)->phone.empty());
    editNote(a, d.jiangbinOther, "只有 A 改过");
    REQUIRE(undoA.undoLast());                                    // the untouched row
    CHECK(a.person(d.jiangbinOther)->note.empty());
    PgDatabase owner(d.conninfo);
    CHECK(count(owner, "SELECT count(*) FROM audit_log WHERE action = 'undo' AND record_id = "
                       + std::to_string(d.jiangbinOther) + " AND db_user = '" + d.userA + "'") == 1);
    CHECK(count(owner, "SELECT count(*) FROM undo_step WHERE undone_at IS NOT NULL AND db_user = '" + d.userA + "'")
          == 1);
}

TEST_CASE("a street user reads only her own audit rows and steps, and cannot undo another user's step") {
    District d;
    Storage a(d.as(d.userA));
    Storage b(d.as(d.userB));
    Storage c(d.as(d.userC));
    editNote(a, d.jiangbinPerson, "A 改");
    editNote(b, d.jiangbinOther, "B 改");
    editNote(c, d.wenchangPerson, "C 改");
    const RowId stepOfC = UndoStore(c).lastStep()->id;
    const RowId stepOfB = UndoStore(b).lastStep()->id;

    // psql-level SQL as each user.
    PgDatabase sqlA(d.as(d.userA));
    CHECK(count(sqlA, "SELECT count(*) FROM audit_log") > 0);
    CHECK(count(sqlA, "SELECT count(*) FROM audit_log WHERE db_user <> session_user") == 0);
    CHECK(count(sqlA, "SELECT count(*) FROM audit_log WHERE before_json LIKE '%文静%' OR after_json LIKE '%文静%'") == 0);
    CHECK(count(sqlA, "SELECT count(*) FROM undo_step WHERE db_user <> session_user") == 0);
    CHECK(count(sqlA, "SELECT count(*) FROM undo_step WHERE id = " + std::to_string(stepOfC)) == 0);
    // Nor can she mark another's step undone, nor write a step as someone else.
    sqlA.exec("UPDATE undo_step SET undone_at = 'x' WHERE id IN (" + std::to_string(stepOfC) + ", "
              + std::to_string(stepOfB) + ")");
    CHECK(sqlA.changes() == 0);
    sqlA.exec("INSERT INTO undo_step (session_id, label, db_user) VALUES ('s', '冒名', '" + d.userC + "')");
    PgDatabase owner(d.conninfo);
    CHECK(count(owner, "SELECT count(*) FROM undo_step WHERE label = '冒名' AND db_user = '" + d.userA + "'") == 1);
    // Who changed her row is told by the one function, only for a row she changed herself.
    CHECK(count(sqlA, "SELECT count(*) FROM jinguo_row_last_change('person', " + std::to_string(d.wenchangPerson)
                      + ", NULL, 0)") == 0);

    // The app's undo of another user's step: not hers to see, nothing changes.
    CHECK_FALSE(UndoStore(a).undoStep(stepOfC));
    CHECK_FALSE(UndoStore(a).undoStep(stepOfB));
    CHECK(c.person(d.wenchangPerson)->note == "C 改");
    CHECK(b.person(d.jiangbinOther)->note == "B 改");

    // Her street's 管理员 reads the steps and entries of her street's users,
    // not another street's; the district's 管理员 reads all.
    PgDatabase sqlStreetAdmin(d.as(d.streetAdmin));
    CHECK(count(sqlStreetAdmin, "SELECT count(DISTINCT db_user) FROM audit_log WHERE db_user IN ('" + d.userA + "', '"
                                    + d.userB + "')") == 2);
    CHECK(count(sqlStreetAdmin, "SELECT count(*) FROM audit_log WHERE db_user = '" + d.userC + "'") == 0);
    CHECK(count(sqlStreetAdmin, "SELECT count(*) FROM undo_step WHERE id = " + std::to_string(stepOfC)) == 0);
    PgDatabase sqlDistrict(d.as(d.districtAdmin));
    CHECK(count(sqlDistrict, "SELECT count(*) FROM audit_log WHERE db_user = '" + d.userC + "'") > 0);
    CHECK(count(sqlDistrict, "SELECT count(*) FROM undo_step WHERE id = " + std::to_string(stepOfC)) == 1);

    // C undoes her own.
    REQUIRE(UndoStore(c).undoLast());
    CHECK(c.person(d.wenchangPerson)->note.empty());
}
