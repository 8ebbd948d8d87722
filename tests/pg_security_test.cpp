// Users, roles and row-level security on a district's PostgreSQL server
// (issue 18, "each one sees what is hers"): a small district written with
// SQL, users added by `jinguo server add-user`, then plain SQL connected AS
// each user. The policies are the boundary, so nothing here goes through
// the app's reads: what a psql session can do is what is tested.
#include "cli/server_command.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "storage/pg_security.hpp"
#include "support/error_text.hpp"
#include "support/pg_cluster.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using jinguo::storage::PgDatabase;
using jinguo::storage::StorageError;
namespace storage = jinguo::storage;

using ::test::contains;
using ::test::errorOf;

namespace {

std::string dbnameOf(const std::string& conninfo) {
    const std::size_t at = conninfo.find("dbname=") + 7;
    return conninfo.substr(at, conninfo.find(' ', at) - at);
}

std::int64_t count(PgDatabase& db, const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Runs `jinguo server ARGS` with `input` on stdin.
struct CliRun {
    int code = -1;
    std::string out, err;
};
CliRun server(std::vector<std::string> args, const std::string& input = "") {
    std::istringstream in(input);
    std::ostringstream out, err;
    CliRun r;
    r.code = jinguo::cli::runServerCommand(args, in, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

// Role names are the cluster's, shared by every database of the test
// process: each district gets its own suffix.
int g_districts = 0;

// 临江区 → 江滨街道 (滨江社区, 江心社区), 文昌街道 (梅园社区, and a 江心社区
// of its own: a name two streets share); people, households, titles and
// service records in each street, one person and one household unplaced.
struct District {
    std::string conninfo, dbname, suffix;
    std::string editor, reader, admin;   // 江滨街道 录入, 文昌街道 只读, 临江区 管理员
    std::int64_t district = 0, jiangbin = 0, binjiang = 0, jiangxin = 0, wenchang = 0, meiyuan = 0;
    std::int64_t jiangbinPerson = 0, wenchangPerson = 0, wenchangFamily = 0;

    District() {
        conninfo = test::PgCluster::shared().createDatabase();
        dbname = dbnameOf(conninfo);
        suffix = std::to_string(++g_districts);
        const CliRun init = server({"init", conninfo});
        REQUIRE_MESSAGE(init.code == 0, init.err);
        PgDatabase owner(conninfo);
        auto unit = [&](const char* name, const char* kind, std::int64_t parent) {
            auto st = owner.prepare("INSERT INTO org_unit (parent_id, name, kind) VALUES (?, ?, ?) RETURNING id");
            st.bindIdOrNull(1, parent).bind(2, name).bind(3, kind);
            return st.runReturningId();
        };
        district = unit("临江区", "区", 0);
        jiangbin = unit("江滨街道", "街道", district);
        binjiang = unit("滨江社区", "社区", jiangbin);
        jiangxin = unit("江心社区", "社区", jiangbin);
        wenchang = unit("文昌街道", "街道", district);
        meiyuan = unit("梅园社区", "社区", wenchang);
        unit("江心社区", "社区", wenchang);
        auto person = [&](const char* name, std::int64_t unitId) {
            auto st = owner.prepare("INSERT INTO person (name, gender, unit_id) VALUES (?, '女', ?) RETURNING id");
            st.bind(1, name).bindIdOrNull(2, unitId);
            const std::int64_t id = st.runReturningId();
            auto record = owner.prepare("INSERT INTO service_record (person_id, served_on, hours, verified) "
                                        "VALUES (?, '2026-03-01', 2, 1)");
            record.bind(1, id).run();
            return id;
        };
        jiangbinPerson = person("江丽", jiangbin);
        person("滨芳", binjiang);
        person("心怡", jiangxin);
        wenchangPerson = person("文静", wenchang);
        person("梅香", meiyuan);
        person("未分配", 0);
        auto family = [&](const char* head, std::int64_t unitId) {
            auto st = owner.prepare("INSERT INTO family (head_name, unit_id) VALUES (?, ?) RETURNING id");
            st.bind(1, head).bindIdOrNull(2, unitId);
            const std::int64_t id = st.runReturningId();
            auto award = owner.prepare("INSERT INTO award (title_id, year, family_id, unit_id) "
                                       "SELECT id, 2025, ?, ? FROM award_title WHERE subject_kind = 'family' "
                                       "ORDER BY id LIMIT 1 RETURNING id");
            award.bind(1, id).bindIdOrNull(2, unitId);
            const std::int64_t awardId = award.runReturningId();
            auto event = owner.prepare("INSERT INTO award_event (award_id, status, happened_on) VALUES (?, '命名', '2025-06-01')");
            event.bind(1, awardId).run();
            return id;
        };
        family("江家", binjiang);
        family("滨家", jiangxin);
        wenchangFamily = family("文家", meiyuan);
        family("无单位", 0);
        owner.exec("INSERT INTO audit_log (action, table_name, record_id, before_json) VALUES "
                   "('update', 'person', " + std::to_string(wenchangPerson) + ", '{\"name\":\"文静\"}')");

        editor = "jb_editor_" + suffix;
        reader = "wc_reader_" + suffix;
        admin = "district_admin_" + suffix;
        for (const auto& [name, unitName, role] : std::vector<std::tuple<std::string, std::string, std::string>>{
                 {editor, "江滨街道", "录入"}, {reader, "文昌街道", "只读"}, {admin, "临江区", "管理员"}}) {
            const CliRun added = server({"add-user", conninfo, "--name", name, "--unit", unitName, "--role", role});
            REQUIRE_MESSAGE(added.code == 0, added.err);
        }
    }
    std::string as(const std::string& user) const { return test::PgCluster::shared().conninfo(dbname, user); }
};

} // namespace

TEST_CASE("a street's 录入 user reads and writes only her street's subtree; the district's 管理员 sees all") {
    District d;
    PgDatabase owner(d.conninfo);
    PgDatabase editor(d.as(d.editor));

    // She is who the policies think she is.
    CHECK(count(editor, "SELECT jinguo_current_unit()") == d.jiangbin);

    // Her street, its communities, nothing else: 3 of 6 people, 2 of 4 households.
    CHECK(count(owner, "SELECT count(*) FROM person") == 6);
    CHECK(count(editor, "SELECT count(*) FROM person") == 3);
    CHECK(count(editor, "SELECT count(*) FROM person WHERE name IN ('文静', '梅香', '未分配')") == 0);
    CHECK(count(editor, "SELECT count(*) FROM family") == 2);
    // Rows reached through a person, a household or a title follow it.
    CHECK(count(editor, "SELECT count(*) FROM service_record") == 3);
    CHECK(count(editor, "SELECT count(*) FROM award") == 2);
    CHECK(count(editor, "SELECT count(*) FROM award_event") == 2);
    // A view reads as she does (security_invoker), not as its owner.
    CHECK(count(owner, "SELECT count(*) FROM dated_hours") == 6);
    CHECK(count(editor, "SELECT count(*) FROM dated_hours") == 3);
    // Aggregates per unit are for everyone (the district's boards); the
    // audit log's copies of other streets' rows are not.
    // (unit_family_count is kept by the PL/pgSQL triggers: the owner's four
    // households made its rows, those of other streets included.)
    CHECK(count(owner, "SELECT count(*) FROM unit_family_count") >= 3);
    CHECK(count(editor, "SELECT count(*) FROM unit_family_count") == count(owner, "SELECT count(*) FROM unit_family_count"));
    CHECK(count(editor, "SELECT count(*) FROM audit_log") == 0);
    CHECK(count(editor, "SELECT count(*) FROM jinguo_user") == 1);
    // The unit tree itself is shown whole (names of streets above her).
    CHECK(count(editor, "SELECT count(*) FROM org_unit") == 7);

    // Her own temporary tables do not change who the policies think she is
    // (the SECURITY DEFINER functions search their schema, then pg_temp).
    editor.exec("CREATE TEMP TABLE jinguo_user (role_name text, unit_id bigint, role text)");
    editor.exec("INSERT INTO jinguo_user VALUES ('" + d.editor + "', " + std::to_string(d.district) + ", '管理员')");
    editor.exec("CREATE TEMP TABLE org_unit (id bigint, parent_id bigint)");
    editor.exec("INSERT INTO org_unit VALUES (" + std::to_string(d.jiangbin) + ", NULL)");
    CHECK(count(editor, "SELECT jinguo_current_unit()") == d.jiangbin);
    CHECK(count(editor, "SELECT count(*) FROM public.person") == 3);
    editor.exec("DROP TABLE pg_temp.jinguo_user; DROP TABLE pg_temp.org_unit");

    // The planner's statistics (most common names…) are not shown for a table whose policy applies to her.
    owner.exec("ANALYZE person");
    CHECK(count(owner, "SELECT count(*) FROM pg_stats WHERE tablename = 'person'") > 0);
    CHECK(count(editor, "SELECT count(*) FROM pg_stats WHERE tablename = 'person'") == 0);

    // Another street's rows: UPDATE and DELETE reach none of them.
    const std::string other = std::to_string(d.wenchangPerson);
    editor.exec("UPDATE person SET note = '改' WHERE id = " + other);
    CHECK(editor.changes() == 0);
    editor.exec("DELETE FROM person WHERE id = " + other);
    CHECK(editor.changes() == 0);
    editor.exec("DELETE FROM service_record WHERE person_id = " + other);
    CHECK(editor.changes() == 0);
    editor.exec("UPDATE family SET note = '改' WHERE id = " + std::to_string(d.wenchangFamily));
    CHECK(editor.changes() == 0);
    CHECK(count(owner, "SELECT count(*) FROM person WHERE id = " + other + " AND note = ''") == 1);
    CHECK(count(owner, "SELECT count(*) FROM service_record WHERE person_id = " + other) == 1);

    // Writing into another street is refused by the policy's check.
    CHECK(contains(errorOf([&] {
                       editor.exec("INSERT INTO person (name, unit_id) VALUES ('越界', " + std::to_string(d.meiyuan) + ")");
                   }),
                   "row-level security"));
    CHECK(contains(errorOf([&] {
                       editor.exec("INSERT INTO service_record (person_id, served_on, hours) VALUES (" + other
                                   + ", '2026-04-01', 1)");
                   }),
                   "row-level security"));
    // Her own person cannot be moved into another street (nor unplaced).
    const std::string own = std::to_string(d.jiangbinPerson);
    CHECK(contains(errorOf([&] { editor.exec("UPDATE person SET unit_id = " + std::to_string(d.meiyuan) + " WHERE id = " + own); }),
                   "row-level security"));
    CHECK(contains(errorOf([&] { editor.exec("UPDATE person SET unit_id = NULL WHERE id = " + own); }),
                   "row-level security"));
    // The catalogue and the users are not hers to change.
    CHECK(contains(errorOf([&] { editor.exec("UPDATE org_unit SET name = '改名' WHERE id = " + std::to_string(d.wenchang)); }),
                   "permission denied"));
    CHECK(contains(errorOf([&] { editor.exec("DELETE FROM jinguo_user"); }), "permission denied"));

    // Inside her subtree she writes: a move between her communities, a new person, an edit.
    editor.exec("UPDATE person SET unit_id = " + std::to_string(d.jiangxin) + ", note = '已核' WHERE id = " + own);
    CHECK(editor.changes() == 1);
    editor.exec("INSERT INTO person (name, unit_id) VALUES ('新人', " + std::to_string(d.binjiang) + ")");
    CHECK(editor.changes() == 1);
    CHECK(count(editor, "SELECT count(*) FROM person") == 4);
    CHECK(count(owner, "SELECT count(*) FROM person WHERE unit_id = " + std::to_string(d.jiangxin)) == 2);

    // The district's 管理员 sees every street and the unplaced rows.
    PgDatabase admin(d.as(d.admin));
    CHECK(count(admin, "SELECT count(*) FROM person") == 7);
    CHECK(count(admin, "SELECT count(*) FROM family") == 4);
    CHECK(count(admin, "SELECT count(*) FROM service_record") == 6);
    CHECK(count(admin, "SELECT count(*) FROM audit_log") == 1);
    CHECK(count(admin, "SELECT count(*) FROM jinguo_user") == 3);
    admin.exec("UPDATE person SET note = '区里改' WHERE id = " + other);
    CHECK(admin.changes() == 1);
}

TEST_CASE("targets and 工作指标 figures are read by every user and written in her subtree only") {
    District d;
    PgDatabase owner(d.conninfo);
    for (const std::int64_t unit : {d.district, d.jiangbin, d.wenchang}) {
        owner.exec("INSERT INTO target (unit_id, year, metric, goal) VALUES (" + std::to_string(unit) + ", 2026, 'volunteers', 10)");
        owner.exec("INSERT INTO manual_indicator (unit_id, year, name, value) VALUES (" + std::to_string(unit)
                   + ", 2026, '培训人次', 5)");
    }
    PgDatabase editor(d.as(d.editor));
    PgDatabase reader(d.as(d.reader));
    // 目标 shows the goals above her: the district's and the other street's too.
    for (PgDatabase* db : {&editor, &reader}) {
        CHECK(count(*db, "SELECT count(*) FROM target") == 3);
        CHECK(count(*db, "SELECT count(*) FROM manual_indicator") == 3);
    }
    // Reading is all the extra policy gives: the district's and 文昌's rows
    // are out of reach of her UPDATE and DELETE, and she cannot add one there.
    const std::string outside = std::to_string(d.district) + ", " + std::to_string(d.wenchang);
    for (const char* table : {"target", "manual_indicator"}) {
        CAPTURE(table);
        const std::string column = std::string(table) == "target" ? "goal" : "value";
        editor.exec("UPDATE " + std::string(table) + " SET " + column + " = 99 WHERE unit_id IN (" + outside + ")");
        CHECK(editor.changes() == 0);
        editor.exec("DELETE FROM " + std::string(table) + " WHERE unit_id IN (" + outside + ")");
        CHECK(editor.changes() == 0);
        CHECK(count(owner, "SELECT count(*) FROM " + std::string(table) + " WHERE unit_id IN (" + outside + ") AND " + column
                               + " < 99") == 2);
        // Her own street's row she changes.
        editor.exec("UPDATE " + std::string(table) + " SET " + column + " = 12 WHERE unit_id = " + std::to_string(d.jiangbin));
        CHECK(editor.changes() == 1);
        // Nor can she move her row out of her subtree.
        CHECK(contains(errorOf([&] {
                           editor.exec("UPDATE " + std::string(table) + " SET unit_id = " + std::to_string(d.wenchang)
                                       + " WHERE unit_id = " + std::to_string(d.jiangbin));
                       }),
                       "row-level security"));
    }
    CHECK(contains(errorOf([&] {
                       editor.exec("INSERT INTO target (unit_id, year, metric, goal) VALUES (" + std::to_string(d.meiyuan)
                                   + ", 2026, 'volunteers', 3)");
                   }),
                   "row-level security"));
    CHECK(contains(errorOf([&] {
                       editor.exec("INSERT INTO manual_indicator (unit_id, year, name, value) VALUES ("
                                   + std::to_string(d.meiyuan) + ", 2026, '培训人次', 1)");
                   }),
                   "row-level security"));
    editor.exec("INSERT INTO target (unit_id, year, metric, goal) VALUES (" + std::to_string(d.binjiang) + ", 2026, 'volunteers', 3)");
    CHECK(editor.changes() == 1);
    // A 只读 user writes none, her own street's neither.
    CHECK(contains(errorOf([&] { reader.exec("UPDATE target SET goal = 1 WHERE unit_id = " + std::to_string(d.wenchang)); }),
                   "permission denied"));
}

TEST_CASE("every person-keyed table: a street's 录入 user neither reads, changes nor moves rows to another street's person") {
    District d;
    PgDatabase owner(d.conninfo);
    const std::string own = std::to_string(d.jiangbinPerson), other = std::to_string(d.wenchangPerson);
    // A row of each for her street's person and the other street's (those
    // the triggers did not make), so each check below has rows to miss.
    const std::int64_t batch = count(owner, "INSERT INTO import_batch (kind, file_name, file_sha256) "
                                            "VALUES ('volunteers', '名册.xlsx', '00') RETURNING id");
    const std::vector<std::pair<std::string, std::string>> seeds = {
        {"service_record", ""},
        {"roster_credit", "INSERT INTO roster_credit (person_id, credited_on, hours) VALUES ({p}, '2026-03-31', 1)"},
        {"person_gram", ""},
        {"person_search", ""},
        {"board_person_period", ""},
        {"board_person_activity_month",
         "INSERT INTO board_person_activity_month (person_id, activity_id, month, records) VALUES ({p}, 1, '2026-03', 1)"},
        {"import_person_before", "INSERT INTO import_person_before (batch_id, person_id, name, is_volunteer, roster_hours) "
                                 "VALUES (" + std::to_string(batch) + ", {p}, '旧名', 1, 0)"},
        {"badge_earned", "INSERT INTO badge_earned (badge_code, person_id, earned_on) VALUES ('测试', {p}, '2026-03-01')"},
    };
    // The list is the class's: a table added to it needs its line here.
    CHECK(count(owner, "SELECT count(*) FROM pg_policies WHERE policyname = 'jinguo_subtree' AND qual LIKE '%person_id%'")
          == static_cast<std::int64_t>(seeds.size()));
    for (const auto& [table, seed] : seeds)
        for (const std::string& person : {own, other})
            if (!seed.empty() && count(owner, "SELECT count(*) FROM " + table + " WHERE person_id = " + person) == 0) {
                std::string sql = seed;
                sql.replace(sql.find("{p}"), 3, person);
                owner.exec(sql);
            }
    PgDatabase editor(d.as(d.editor));
    PgDatabase admin(d.as(d.admin));
    for (const auto& [table, seed] : seeds) {
        CAPTURE(table);
        const std::string ofOther = "SELECT count(*) FROM " + table + " WHERE person_id = " + other;
        const std::int64_t otherRows = count(owner, ofOther);
        REQUIRE(otherRows > 0);
        REQUIRE(count(owner, "SELECT count(*) FROM " + table + " WHERE person_id = " + own) > 0);
        CHECK(count(editor, "SELECT count(*) FROM " + table + " WHERE person_id = " + own) > 0);
        CHECK(count(editor, ofOther) == 0);
        CHECK(count(admin, ofOther) == otherRows);
        editor.exec("UPDATE " + table + " SET person_id = person_id WHERE person_id = " + other);
        CHECK(editor.changes() == 0);
        editor.exec("DELETE FROM " + table + " WHERE person_id = " + other);
        CHECK(editor.changes() == 0);
        CHECK(count(owner, ofOther) == otherRows);
        // Her own row cannot be given to the other street's person.
        CHECK(contains(errorOf([&] { editor.exec("UPDATE " + table + " SET person_id = " + other + " WHERE person_id = " + own); }),
                       "row-level security"));
    }
}

TEST_CASE("a street's 管理员 changes units under her street only; titles and settings are the district's") {
    District d;
    const std::string name = "jb_admin_" + d.suffix;
    const CliRun added = server({"add-user", d.conninfo, "--name", name, "--unit", "江滨街道", "--role", "管理员"});
    REQUIRE_MESSAGE(added.code == 0, added.err);
    PgDatabase streetAdmin(d.as(name));
    CHECK(count(streetAdmin, "SELECT count(*) FROM person") == 3);
    // Under her street: add, rename.
    streetAdmin.exec("INSERT INTO org_unit (parent_id, name, kind) VALUES (" + std::to_string(d.jiangbin) + ", '新湾社区', '社区')");
    CHECK(streetAdmin.changes() == 1);
    streetAdmin.exec("UPDATE org_unit SET name = '滨江东社区' WHERE id = " + std::to_string(d.binjiang));
    CHECK(streetAdmin.changes() == 1);
    // Another street's units, her own street, the district: untouched.
    streetAdmin.exec("UPDATE org_unit SET name = '改名' WHERE id IN (" + std::to_string(d.meiyuan) + ", "
                     + std::to_string(d.wenchang) + ", " + std::to_string(d.jiangbin) + ", " + std::to_string(d.district) + ")");
    CHECK(streetAdmin.changes() == 0);
    // A community of hers cannot be handed to another street.
    CHECK(contains(errorOf([&] {
                       streetAdmin.exec("UPDATE org_unit SET parent_id = " + std::to_string(d.wenchang) + " WHERE id = "
                                        + std::to_string(d.jiangxin));
                   }),
                   "row-level security"));
    CHECK(contains(errorOf([&] {
                       streetAdmin.exec("INSERT INTO org_unit (parent_id, name, kind) VALUES (" + std::to_string(d.wenchang)
                                        + ", '越界社区', '社区')");
                   }),
                   "row-level security"));
    // The title catalogue and the settings: read, not changed.
    CHECK(count(streetAdmin, "SELECT count(*) FROM award_title") > 0);
    streetAdmin.exec("UPDATE award_title SET points = points + 1");
    CHECK(streetAdmin.changes() == 0);
    streetAdmin.exec("UPDATE setting SET value = value");
    CHECK(streetAdmin.changes() == 0);
    PgDatabase districtAdmin(d.as(d.admin));
    districtAdmin.exec("UPDATE award_title SET points = points WHERE id = (SELECT min(id) FROM award_title)");
    CHECK(districtAdmin.changes() == 1);
    districtAdmin.exec("UPDATE org_unit SET sort_order = 1 WHERE id = " + std::to_string(d.wenchang));
    CHECK(districtAdmin.changes() == 1);
    // A 录入 user writes no unit at all.
    PgDatabase editor(d.as(d.editor));
    CHECK(contains(errorOf([&] { editor.exec("UPDATE org_unit SET sort_order = 2 WHERE id = " + std::to_string(d.binjiang)); }),
                   "permission denied"));
}

TEST_CASE("a 只读 user reads her street and cannot write at all") {
    District d;
    PgDatabase reader(d.as(d.reader));
    CHECK(count(reader, "SELECT count(*) FROM person") == 2);
    CHECK(count(reader, "SELECT count(*) FROM family") == 1);
    CHECK(count(reader, "SELECT count(*) FROM service_record") == 2);
    const std::string own = std::to_string(d.wenchangPerson);
    CHECK(contains(errorOf([&] { reader.exec("UPDATE person SET note = '改' WHERE id = " + own); }), "permission denied"));
    CHECK(contains(errorOf([&] { reader.exec("DELETE FROM person WHERE id = " + own); }), "permission denied"));
    CHECK(contains(errorOf([&] { reader.exec("INSERT INTO person (name, unit_id) VALUES ('新人', " + std::to_string(d.wenchang) + ")"); }),
                   "permission denied"));
    CHECK(contains(errorOf([&] { reader.exec("SELECT count(*) FROM audit_log"); }), "permission denied"));
    PgDatabase owner(d.conninfo);
    CHECK(count(owner, "SELECT count(*) FROM person WHERE id = " + own + " AND note = ''") == 1);
}

TEST_CASE("server init makes an empty database a Jinguo server and refuses one that holds anything") {
    const std::string empty = test::PgCluster::shared().createDatabase();
    const CliRun made = server({"init", empty});
    CHECK_MESSAGE(made.code == 0, made.err);
    CHECK(contains(made.out, "已在"));
    PgDatabase db(empty);
    CHECK(storage::pgSchemaVersion(db) == storage::latestPgSchemaVersion());
    CHECK(count(db, "SELECT count(*) FROM pg_roles WHERE rolname IN ('jinguo_admin', 'jinguo_editor', 'jinguo_reader')") == 3);
    CHECK(count(db, "SELECT count(*) FROM pg_class WHERE relname = 'person' AND relrowsecurity") == 1);

    // A second init: said what is there, nothing changed.
    db.exec("INSERT INTO org_unit (name, kind) VALUES ('临江区', '区')");
    db.exec("INSERT INTO person (name, unit_id) SELECT '王芳', id FROM org_unit");
    const CliRun again = server({"init", empty});
    CHECK(again.code == 1);
    CHECK(contains(again.err, "已经是Jinguo数据库"));
    CHECK(contains(again.err, "1名人员"));
    CHECK(count(db, "SELECT count(*) FROM person") == 1);

    // Someone else's tables: named, and left alone.
    const std::string foreign = test::PgCluster::shared().createDatabase();
    {
        PgDatabase other(foreign);
        other.exec("CREATE TABLE invoices (id bigint)");
    }
    const CliRun refused = server({"init", foreign});
    CHECK(refused.code == 1);
    CHECK(contains(refused.err, "不是空库"));
    CHECK(contains(refused.err, "invoices"));
    PgDatabase other(foreign);
    CHECK(count(other, "SELECT count(*) FROM pg_class WHERE relname IN ('schema_version', 'person', 'jinguo_user')") == 0);
}

TEST_CASE("add-user refuses what it cannot do and says the fix") {
    District d;
    PgDatabase owner(d.conninfo);
    auto add = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"add-user", d.conninfo};
        args.insert(args.end(), extra.begin(), extra.end());
        return server(args);
    };
    const CliRun unknownUnit = add({"--name", "nobody_" + d.suffix, "--unit", "东湖街道", "--role", "录入"});
    CHECK(unknownUnit.code == 1);
    CHECK(contains(unknownUnit.err, "没有名为（或编号为）“东湖街道”的单位"));
    CHECK(contains(unknownUnit.err, "江滨街道"));   // the fix names what exists
    const CliRun unknownNumber = add({"--name", "nobody_" + d.suffix, "--unit", "999999", "--role", "录入"});
    CHECK(unknownNumber.code == 1);
    CHECK(contains(unknownNumber.err, "999999"));
    // Two streets each have a 江心社区: which one must be said.
    const CliRun ambiguous = add({"--name", "nobody_" + d.suffix, "--unit", "江心社区", "--role", "只读"});
    CHECK(ambiguous.code == 1);
    CHECK(contains(ambiguous.err, "江滨街道/江心社区"));
    CHECK(contains(ambiguous.err, "文昌街道/江心社区"));
    const CliRun badRole = add({"--name", "nobody_" + d.suffix, "--unit", "江滨街道", "--role", "主任"});
    CHECK(badRole.code == 2);
    CHECK(contains(badRole.err, "不认识的角色“主任”"));
    CHECK(contains(badRole.err, "管理员、录入、只读"));
    const CliRun badName = add({"--name", "江滨主任", "--unit", "江滨街道", "--role", "录入"});
    CHECK(badName.code == 1);
    CHECK(contains(badName.err, "小写英文字母"));
    const CliRun twice = add({"--name", d.editor, "--unit", "文昌街道", "--role", "管理员"});
    CHECK(twice.code == 1);
    CHECK(contains(twice.err, "已经是这个数据库的用户（江滨街道，录入）"));
    const CliRun passwordArg = add({"--name", "nobody_" + d.suffix, "--unit", "江滨街道", "--role", "录入", "--password", "x"});
    CHECK(passwordArg.code == 2);
    CHECK(contains(passwordArg.err, "--password-stdin"));
    const CliRun passwordInUrl = server({"users", d.conninfo + " password=secret"});
    CHECK(passwordInUrl.code == 2);
    CHECK(contains(passwordInUrl.err, "~/.pgpass"));
    CHECK_FALSE(contains(passwordInUrl.err, "secret"));
    // Nothing of the refused ones was made.
    CHECK(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname = 'nobody_" + d.suffix + "'") == 0);
    CHECK(count(owner, "SELECT count(*) FROM jinguo_user") == 3);

    // "街道/社区" picks one of the two; users lists all four.
    const CliRun path = add({"--name", "jx_reader_" + d.suffix, "--unit", "文昌街道/江心社区", "--role", "只读"});
    CHECK_MESSAGE(path.code == 0, path.err);
    CHECK(contains(path.out, "文昌街道/江心社区"));
    const CliRun list = server({"users", d.conninfo});
    CHECK(list.code == 0);
    CHECK(contains(list.out, d.editor));
    CHECK(contains(list.out, "文昌街道/江心社区"));
    CHECK(contains(list.out, "管理员"));

    // Not initialized: the fix is init.
    const CliRun bare = server({"users", test::PgCluster::shared().createDatabase()});
    CHECK(bare.code == 1);
    CHECK(contains(bare.err, "jinguo server init"));
}

TEST_CASE("--password-stdin stores a SCRAM verifier: the password logs in, the wrong one does not") {
    District d;
    // pg_hba.conf of the test cluster asks this one role for a password.
    const std::string name = test::PgCluster::kPasswordRole;
    {
        PgDatabase owner(d.conninfo);
        owner.exec("DELETE FROM jinguo_user WHERE role_name = '" + name + "'");
    }
    const CliRun added = server({"add-user", d.conninfo, "--name", name, "--unit", "江滨街道", "--role", "录入",
                                 "--password-stdin"},
                                "chair-pass-7\n");
    REQUIRE_MESSAGE(added.code == 0, added.err);
    CHECK(contains(added.out, "已设置密码"));
    PgDatabase owner(d.conninfo);
    auto st = owner.prepare("SELECT rolpassword FROM pg_authid WHERE rolname = ?");
    st.bind(1, name);
    REQUIRE(st.step());
    CHECK(st.columnText(0).rfind("SCRAM-SHA-256$", 0) == 0);
    CHECK_FALSE(contains(st.columnText(0), "chair-pass-7"));

    PgDatabase chair(d.as(name) + " password=chair-pass-7");
    CHECK(count(chair, "SELECT count(*) FROM person") == 3);
    CHECK(contains(errorOf([&] { PgDatabase wrong(d.as(name) + " password=chair-pass-8"); }), "password authentication failed"));
    // An empty line is no password.
    const CliRun empty = server({"add-user", d.conninfo, "--name", "empty_pw_" + d.suffix, "--unit", "江滨街道", "--role",
                                 "只读", "--password-stdin"},
                                "\n");
    CHECK(empty.code == 1);
    CHECK(contains(empty.err, "密码为空"));
}

TEST_CASE("the security scripts re-apply with nothing to change, and refuse a table no class covers") {
    District d;
    PgDatabase owner(d.conninfo);
    const std::int64_t policies = count(owner, "SELECT count(*) FROM pg_policies");
    CHECK(policies >= 25);
    storage::applyPgSecurity(owner);
    CHECK(count(owner, "SELECT count(*) FROM pg_policies") == policies);
    CHECK(storage::migratePgDatabaseSecured(owner) == 0);
    PgDatabase editor(d.as(d.editor));
    CHECK(count(editor, "SELECT count(*) FROM person") == 3);

    // Every table the migrations made has a class: none is left readable by chance.
    owner.exec("CREATE TABLE person_notes (person_id bigint, note text)");
    const std::string refused = errorOf([&] { storage::applyPgSecurity(owner); });
    CHECK(contains(refused, "person_notes"));
    CHECK(contains(refused, "0002_row_policies.sql"));
    // The failed run left the earlier policies in place.
    CHECK(count(owner, "SELECT count(*) FROM pg_policies") == policies);
}

TEST_CASE("a street's 管理员 without CREATEROLE adds a 录入 user for a community of her street; that user writes there only") {
    District d;
    PgDatabase owner(d.conninfo);
    const std::string chair = "jb_chair_" + d.suffix, clerk = "bj_clerk_" + d.suffix, stray = "stray_" + d.suffix;
    REQUIRE(server({"add-user", d.conninfo, "--name", chair, "--unit", "江滨街道", "--role", "管理员"}).code == 0);
    CHECK(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname = '" + chair + "' AND (rolcreaterole OR rolsuper)") == 0);

    // `jinguo server add-user` connected as her (no owner, no CREATEROLE).
    const CliRun added = server({"add-user", d.as(chair), "--name", clerk, "--unit", "江滨街道/滨江社区", "--role", "录入"});
    REQUIRE_MESSAGE(added.code == 0, added.err);
    CHECK(contains(added.out, "江滨街道/滨江社区"));
    PgDatabase asChair(d.as(chair));
    CHECK(storage::pgSessionRights(asChair).canManageUsers);
    {
        auto st = owner.prepare("SELECT created_by, role, unit_id FROM jinguo_user WHERE role_name = ?");
        st.bind(1, clerk);
        REQUIRE(st.step());
        CHECK(st.columnText(0) == chair);   // the audit of who added her names the chair, not the owner
        CHECK(st.columnText(1) == "录入");
        CHECK(st.columnInt(2) == d.binjiang);
    }

    // The new user logs in, sees her community only and writes there only.
    PgDatabase asClerk(d.as(clerk));
    CHECK(count(asClerk, "SELECT count(*) FROM person") == 1);   // 滨芳
    asClerk.exec("INSERT INTO person (name, gender, unit_id) VALUES ('新志愿者', '女', " + std::to_string(d.binjiang) + ")");
    CHECK(asClerk.changes() == 1);
    CHECK(contains(errorOf([&] {
                       asClerk.exec("INSERT INTO person (name, unit_id) VALUES ('越界', " + std::to_string(d.jiangxin) + ")");
                   }),
                   "row-level security"));
    asClerk.exec("UPDATE person SET note = '改' WHERE id = " + std::to_string(d.jiangbinPerson));
    CHECK(asClerk.changes() == 0);   // her street's own row is above her community

    // Outside her street: refused in Chinese, by the app's check and by the server's function alike.
    const std::string outside = errorOf([&] { storage::addPgUser(asChair, {"mc_clerk_" + d.suffix, "梅园社区", "录入", {}}); });
    CHECK(contains(outside, "不在你所属单位"));
    const std::string districtLevel =
        errorOf([&] { storage::addPgUser(asChair, {"top_admin_" + d.suffix, "临江区", "管理员", {}}); });
    CHECK(contains(districtLevel, "不在你所属单位"));
    const std::string direct = errorOf([&] {
        auto st = asChair.prepare("SELECT jinguo_add_user(CAST(? AS text), CAST(? AS bigint), '录入', NULL)");
        st.bind(1, "mc_clerk_" + d.suffix).bind(2, d.meiyuan);
        st.step();
    });
    CHECK(contains(direct, "不在管理员"));
    CHECK(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname IN ('mc_clerk_" + d.suffix + "', 'top_admin_" + d.suffix
                           + "')")
          == 0);

    // An existing role (a service account, another district's user) is not hers to take over.
    owner.exec("CREATE ROLE " + stray + " NOLOGIN");
    CHECK(contains(errorOf([&] { storage::addPgUser(asChair, {stray, "江滨街道", "录入", std::string("pw")}); }), "已经存在"));
    CHECK(contains(errorOf([&] {
                       auto st = asChair.prepare("SELECT jinguo_add_user(CAST(? AS text), CAST(? AS bigint), '录入', NULL)");
                       st.bind(1, stray).bind(2, d.jiangbin);
                       st.step();
                   }),
                   "已经存在"));
    CHECK(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname = '" + stray + "' AND NOT rolcanlogin") == 1);

    // Changed within her street, not moved out of it; another street's user is not hers to change.
    CHECK(storage::updatePgUser(asChair, clerk, "江滨街道/江心社区", "只读").unitId == d.jiangxin);
    CHECK(contains(errorOf([&] { storage::updatePgUser(asChair, clerk, "梅园社区", "录入"); }), "不在你所属单位"));
    CHECK(contains(errorOf([&] { storage::updatePgUser(asChair, d.reader, "江滨街道", "管理员"); }), "不是这个数据库的用户"));
    CHECK(contains(errorOf([&] {
                       auto st = asChair.prepare("SELECT jinguo_update_user(CAST(? AS text), CAST(? AS bigint), '管理员')");
                       st.bind(1, d.reader).bind(2, d.jiangbin);
                       st.step();
                   }),
                   "不在管理员"));
    CHECK(contains(errorOf([&] {
                       auto st = asChair.prepare("SELECT jinguo_disable_user(CAST(? AS text))");
                       st.bind(1, d.reader);
                       st.step();
                   }),
                   "不在管理员"));
    CHECK(count(owner, "SELECT count(*) FROM jinguo_user WHERE role_name = '" + d.reader + "' AND role = '只读'") == 1);

    // Disabled: NOLOGIN, the role and the audit's name for her kept.
    // The change holds from her next statement on: 只读 now.
    CHECK(contains(errorOf([&] { asClerk.exec("UPDATE person SET note = '由她改' WHERE name = '新志愿者'"); }),
                   "permission denied"));
    storage::removePgUser(asChair, clerk);
    CHECK(count(owner, "SELECT count(*) FROM jinguo_user WHERE role_name = '" + clerk + "'") == 0);
    CHECK(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname = '" + clerk + "' AND NOT rolcanlogin") == 1);
    CHECK_FALSE(errorOf([&] { PgDatabase gone(d.as(clerk)); }).empty());
    CHECK(contains(errorOf([&] { storage::removePgUser(asChair, chair); }), "自己"));
}

TEST_CASE("a 录入 user cannot add users; names that try to inject SQL fail safely") {
    District d;
    PgDatabase owner(d.conninfo);
    PgDatabase asEditor(d.as(d.editor));
    CHECK_FALSE(storage::pgSessionRights(asEditor).canManageUsers);
    CHECK(contains(errorOf([&] { storage::addPgUser(asEditor, {"helper_" + d.suffix, "江滨街道/滨江社区", "录入", {}}); }),
                   "管理员"));
    CHECK(contains(errorOf([&] { asEditor.exec("SELECT jinguo_add_user('helper_x', 1, '录入', NULL)"); }), "permission denied"));
    CHECK(contains(errorOf([&] { asEditor.exec("SELECT jinguo_disable_user('" + d.reader + "')"); }), "permission denied"));
    const CliRun viaCli = server({"add-user", d.as(d.editor), "--name", "helper_" + d.suffix, "--unit", "江滨街道", "--role", "录入"});
    CHECK(viaCli.code == 1);
    CHECK(contains(viaCli.err, "管理员"));
    CHECK(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'helper%'") == 0);

    // The district's 管理员 calls the server's function with hostile names:
    // each is refused with the Chinese rule, nothing runs, nothing is made.
    PgDatabase asAdmin(d.as(d.admin));
    const std::int64_t rolesBefore = count(owner, "SELECT count(*) FROM pg_roles");
    for (const std::string& name :
         {std::string("x\"; DROP TABLE person; --"), std::string("evil'); DROP ROLE jinguo_admin; --"),
          std::string("a b"), std::string("Upper"), std::string("pg_evil"), std::string("jinguo_admin"),
          std::string("public"), std::string(""), std::string("x") + std::string(63, 'y'), std::string("名字")}) {
        CAPTURE(name);
        const std::string refusal = errorOf([&] {
            auto st = asAdmin.prepare("SELECT jinguo_add_user(CAST(? AS text), CAST(? AS bigint), '录入', NULL)");
            st.bind(1, name).bind(2, d.binjiang);
            st.step();
        });
        CHECK(contains(refusal, "不能用"));
        CHECK(contains(errorOf([&] { storage::addPgUser(asAdmin, {name, "江滨街道", "录入", {}}); }), "不能用"));
    }
    // A hostile verifier is no password either.
    CHECK(contains(errorOf([&] { asAdmin.exec("SELECT jinguo_add_user('plain_pw', " + std::to_string(d.binjiang)
                                              + ", '录入', 'secret')"); }),
                   "SCRAM-SHA-256"));
    CHECK(contains(errorOf([&] { asAdmin.exec("SELECT jinguo_add_user('bad_role', " + std::to_string(d.binjiang)
                                              + ", 'superuser', NULL)"); }),
                   "不认识的角色"));
    CHECK(count(owner, "SELECT count(*) FROM pg_roles") == rolesBefore);
    CHECK(count(owner, "SELECT count(*) FROM person") == 6);
    CHECK(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname = 'jinguo_admin'") == 1);
    CHECK(count(owner, "SELECT count(*) FROM jinguo_user") == 3);
}
