// pg_policy_bench.cpp — what row-level security costs a read on a district
// server (issue 18): the same queries as the owner (no policy) with the
// street's filter written by hand (the peer), as the district's 管理员
// (policy, sees all) and as a street's 录入 user (policy, a tenth of the
// people), in the same run, alternating.
//
// A benchmark, not a test: it prints figures and asserts nothing. The
// district: 1 top unit, 10 streets × 10 communities, PEOPLE people spread
// over the communities, 5 service records and a badge each. cpu = the server backend's
// utime+stime (/proc/PID/stat) over REPEAT executions, per execution; the
// median of RUNS rounds. The per-person reads (a volunteer's records, her
// hours, a board's seek by person, her badges: what the screens do per
// row) bind a different person of 街道1 at each execution; then EXPLAIN
// ANALYZE of each as the street user, to see how the policy is planned.
// FORMS (comma-separated, measured one after the other on the same data)
// replace the person-keyed tables' policies (and badge_earned's): built (as
// 0002_row_policies.sql has it; first only), in (`person_id IN (SELECT id
// FROM person)`, the first form), exists (a correlated EXISTS), function
// (a SECURITY DEFINER STABLE function; a call per row, so its whole-table
// reads run once, not RUNS × REPEAT times).
// usage: pg_policy_bench [PEOPLE=100000] [RUNS=5] [REPEAT=20] [FORMS=built]
#include "storage/pg_connection.hpp"
#include "storage/pg_security.hpp"
#include "support/pg_cluster.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace jinguo::storage;
using Clock = std::chrono::steady_clock;

namespace {

double backendCpuSeconds(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) return 0.0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i == 14 || i == 15) ticks += std::atof(field.c_str());
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Query {
    const char* name;
    std::string policySql;   // as a user: the policy filters
    std::string handSql;     // as the owner: the street's filter by hand
    bool perPerson = false;  // ?1 = a person of 街道1, another at each execution
};

// A person of 街道1 (ids 10, 20, …: see the people's units below), the nth.
// The person-keyed policies in `form`, made by the owner on the server as built.
void replacePersonPolicies(PgDatabase& owner, const std::string& form) {
    if (form == "built") return;
    std::string visible;   // %1$I: the table
    if (form == "in") {
        visible = "person_id IN (SELECT id FROM person)";
    } else if (form == "exists") {
        visible = "EXISTS (SELECT 1 FROM person k WHERE k.id = %1$I.person_id)";
    } else if (form == "function") {
        owner.exec("CREATE OR REPLACE FUNCTION jinguo_person_visible(bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER "
                   "SET search_path FROM CURRENT AS $$ SELECT EXISTS (SELECT 1 FROM person WHERE id = $1 "
                   "AND unit_id = ANY (jinguo_visible_units())) $$");
        visible = "jinguo_person_visible(person_id)";
    } else {
        std::fprintf(stderr, "FORM: built, in, exists or function, not %s\n", form.c_str());
        std::exit(2);
    }
    owner.exec("DO $do$ DECLARE t text; BEGIN "
               "FOR t IN SELECT tablename FROM pg_policies WHERE policyname = 'jinguo_subtree' AND qual LIKE '%person_id%' "
               "AND tablename <> 'badge_earned' LOOP "
               "  EXECUTE format('DROP POLICY jinguo_subtree ON %1$I', t); "
               "  EXECUTE format('CREATE POLICY jinguo_subtree ON %1$I USING ((SELECT jinguo_sees_all()) OR " + visible
               + ") WITH CHECK ((SELECT jinguo_sees_all()) OR " + visible + ")', t); "
               "END LOOP; "
               "DROP POLICY jinguo_subtree ON badge_earned; "
               "EXECUTE format('CREATE POLICY jinguo_subtree ON badge_earned USING (CASE WHEN person_id IS NOT NULL THEN " + visible
               + " ELSE (SELECT jinguo_sees_all()) OR unit_id = ANY ((SELECT jinguo_visible_units())::bigint[]) END)', 'badge_earned'); "
               "END $do$");
}

std::int64_t streetPerson(int n, int people) { return 10 * (1 + n % std::max(1, people / 10 - 1)); }

} // namespace

int main(int argc, char** argv) {
    const int people = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    const int repeat = argc > 3 ? std::atoi(argv[3]) : 20;
    std::vector<std::string> forms;
    {
        std::istringstream list(argc > 4 ? argv[4] : "built");
        for (std::string form; std::getline(list, form, ',');) forms.push_back(form);
    }
    if (std::find(forms.begin() + 1, forms.end(), "built") != forms.end()) {
        std::fprintf(stderr, "FORMS: built first or not at all (the others replace it)\n");
        return 2;
    }
    test::PgCluster cluster;
    const std::string conninfo = cluster.createDatabase();
    const std::string dbname = conninfo.substr(conninfo.find("dbname=") + 7, conninfo.find(' ', conninfo.find("dbname=")) - conninfo.find("dbname=") - 7);
    PgDatabase owner(conninfo);
    initPgServer(owner);
    owner.exec("INSERT INTO org_unit (id, name, kind) VALUES (1, '临江区', '区');"
               "INSERT INTO org_unit (id, parent_id, name, kind) SELECT 1 + s, 1, '街道' || s, '街道' FROM generate_series(1, 10) s;"
               "INSERT INTO org_unit (id, parent_id, name, kind) SELECT 100 + s * 10 + c, 1 + s, '社区' || s || '-' || c, '社区' "
               "  FROM generate_series(1, 10) s, generate_series(0, 9) c;"
               "SELECT setval(pg_get_serial_sequence('org_unit', 'id'), 1000)");
    owner.exec("INSERT INTO person (id, name, unit_id) SELECT i, '志愿者' || i, 110 + (i % 10) * 10 + (i / 10) % 10 "
               "FROM generate_series(1, " + std::to_string(people) + ") i;"
               "SELECT setval(pg_get_serial_sequence('person', 'id'), " + std::to_string(people) + ");"
               "INSERT INTO service_record (person_id, served_on, hours, verified) "
               "SELECT p.id, '2026-0' || r || '-01', r, 1 FROM person p, generate_series(1, 5) r;"
               "INSERT INTO badge_earned (badge_code, person_id, earned_on) SELECT 'first_service', id, '2026-01-01' FROM person;"
               "CREATE INDEX person_unit_bench ON person(unit_id);"
               "ANALYZE");
    addPgUser(owner, {"bench_admin", "临江区", "管理员", std::nullopt});
    addPgUser(owner, {"bench_street", "街道1", "录入", std::nullopt});
    // The street's units, as the owner's hand-written filter names them.
    const std::string streetUnits = "(SELECT id FROM org_unit WHERE id = 2 OR parent_id = 2)";
    const std::vector<Query> queries = {
        {"count people", "SELECT count(*) FROM person",
         "SELECT count(*) FROM person WHERE unit_id IN " + streetUnits},
        {"page of 50", "SELECT id, name FROM person ORDER BY id LIMIT 50 OFFSET 1000",
         "SELECT id, name FROM person WHERE unit_id IN " + streetUnits + " ORDER BY id LIMIT 50 OFFSET 1000"},
        {"one community", "SELECT count(*) FROM person WHERE unit_id = 110",
         "SELECT count(*) FROM person WHERE unit_id = 110 AND unit_id IN " + streetUnits},
        {"hours board 20", "SELECT person_id, sum(hours) FROM service_record GROUP BY person_id ORDER BY 2 DESC, 1 LIMIT 20",
         "SELECT person_id, sum(hours) FROM service_record WHERE person_id IN (SELECT id FROM person WHERE unit_id IN "
             + streetUnits + ") GROUP BY person_id ORDER BY 2 DESC, 1 LIMIT 20"},
        {"volunteer list 50",
         "SELECT person_id, name FROM person_list WHERE is_volunteer = 1 ORDER BY name_key, person_id LIMIT 50 OFFSET 1000",
         "SELECT person_id, name FROM person_list WHERE is_volunteer = 1 AND unit_id IN " + streetUnits
             + " ORDER BY name_key, person_id LIMIT 50 OFFSET 1000"},
        // Per person: the owner's peer checks by hand that she is the street's.
        {"her records",
         "SELECT id, served_on, hours FROM service_record WHERE person_id = ?1 ORDER BY served_on DESC, id DESC",
         "SELECT id, served_on, hours FROM service_record WHERE person_id = ?1 AND EXISTS (SELECT 1 FROM person "
         "WHERE id = ?1 AND unit_id IN " + streetUnits + ") ORDER BY served_on DESC, id DESC", true},
        {"her hours",
         "SELECT (SELECT coalesce(sum(hours), 0.0) FROM service_record WHERE person_id = ?1 AND verified = 1), "
         "(SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE person_id = ?1), "
         "(SELECT coalesce(roster_hours, 0) FROM person WHERE id = ?1)",
         "SELECT (SELECT coalesce(sum(hours), 0.0) FROM service_record WHERE person_id = ?1 AND verified = 1), "
         "(SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE person_id = ?1), "
         "(SELECT coalesce(roster_hours, 0) FROM person WHERE id = ?1 AND unit_id IN " + streetUnits + ")", true},
        {"board seek",
         "SELECT hours, activities FROM board_person_period WHERE period = 'all' AND person_id = ?1",
         "SELECT hours, activities FROM board_person_period WHERE period = 'all' AND person_id = ?1 AND EXISTS "
         "(SELECT 1 FROM person WHERE id = ?1 AND unit_id IN " + streetUnits + ")", true},
        {"her badges", "SELECT count(*) FROM badge_earned WHERE person_id = ?1",
         "SELECT count(*) FROM badge_earned WHERE person_id = ?1 AND EXISTS "
         "(SELECT 1 FROM person WHERE id = ?1 AND unit_id IN " + streetUnits + ")", true},
    };
    PgDatabase admin(cluster.conninfo(dbname, "bench_admin"));
    PgDatabase street(cluster.conninfo(dbname, "bench_street"));
    struct Who {
        const char* name;
        PgDatabase* db;
        bool hand;
    };
    const std::vector<Who> whos = {{"owner, no policy, all rows", &owner, false},
                                   {"owner, street filter by hand", &owner, true},
                                   {"district 管理员 (policy)", &admin, false},
                                   {"street 录入 (policy)", &street, false}};
    for (const std::string& form : forms) {
        replacePersonPolicies(owner, form);
        std::map<std::pair<int, int>, std::vector<double>> cpu, wall;
        std::map<std::pair<int, int>, std::string> firstRow;
        for (int run = 0; run < runs; ++run)
            for (std::size_t q = 0; q < queries.size(); ++q)
                for (std::size_t w = 0; w < whos.size(); ++w) {
                    const bool once = form == "function" && !queries[q].perPerson;
                    if (once && run > 0) continue;
                    PgDatabase& db = *whos[w].db;
                    auto st = db.prepare(whos[w].hand ? queries[q].handSql : queries[q].policySql);
                    const int pid = db.serverPid();
                    const double cpu0 = backendCpuSeconds(pid);
                    const auto t0 = Clock::now();
                    const int executions = once ? 1 : repeat;
                    for (int i = 0; i < executions; ++i) {
                        st.reset();
                        if (queries[q].perPerson) st.bind(1, streetPerson(run * repeat + i, people));
                        if (st.step() && run == 0 && i == 0) firstRow[{int(q), int(w)}] = st.columnText(0);
                    }
                    wall[{int(q), int(w)}].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / executions);
                    cpu[{int(q), int(w)}].push_back((backendCpuSeconds(pid) - cpu0) * 1000.0 / executions);
                }
        std::printf("%d people, %d service records, policy form %s; median of %d rounds, %d executions each (ms per execution)\n",
                    people, people * 5, form.c_str(), runs, repeat);
        std::printf("%-16s %-30s %8s %8s %10s  %s\n", "query", "as", "wall", "cpu", "cpu/peer", "first value");
        for (std::size_t q = 0; q < queries.size(); ++q)
            for (std::size_t w = 0; w < whos.size(); ++w) {
                // The street user's peer is the owner's hand-written filter; the admin's is the owner unfiltered.
                const int peer = w == 3 ? 1 : 0;
                const double c = median(cpu[{int(q), int(w)}]);
                std::printf("%-16s %-30s %8.2f %8.2f %10.2f  %s\n", queries[q].name, whos[w].name, median(wall[{int(q), int(w)}]), c,
                            c / std::max(0.001, median(cpu[{int(q), peer}])), firstRow[{int(q), int(w)}].c_str());
            }
        // How the street user's per-person reads and both users' whole-table
        // read are planned, after the executions above (a prepared
        // statement's generic plan is what runs).
        for (const Query& query : queries) {
            const bool wholeTable = std::string_view(query.name) == "hours board 20";   // the seeks' opposite
            if (!query.perPerson && !wholeTable) continue;
            for (PgDatabase* db : {&street, &admin}) {
                if (db == &admin && !wholeTable) continue;
                std::string sql = query.policySql;
                for (std::size_t at; (at = sql.find("?1")) != std::string::npos;) sql.replace(at, 2, "$1");
                db->exec("PREPARE policy_plan AS " + sql);
                auto args = [&](int n) { return query.perPerson ? "(" + std::to_string(streetPerson(n, people)) + ")" : std::string(); };
                for (int i = 0; i < 6; ++i) db->exec("EXECUTE policy_plan" + args(i));
                auto plan = db->prepare("EXPLAIN (ANALYZE) EXECUTE policy_plan" + args(7));
                std::printf("\n-- %s, as the %s user, policy form %s (the plan after 6 executions, as the app's prepared statement):\n",
                            query.name, db == &admin ? "district" : "street", form.c_str());
                while (plan.step()) std::printf("%s\n", plan.columnText(0).c_str());
                db->exec("DEALLOCATE policy_plan");
            }
        }
        std::printf("\n");
    }
    // The subtree walk itself, once per statement (the policies' InitPlan).
    auto walk = street.prepare("SELECT cardinality(jinguo_visible_units())");
    const auto t0 = Clock::now();
    for (int i = 0; i < 200; ++i) {
        walk.reset();
        walk.step();
    }
    std::printf("jinguo_visible_units() for a street (%lld units): %.3f ms a call (wall, with the round trip)\n",
                static_cast<long long>(walk.columnInt(0)), std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / 200);
    return 0;
}
