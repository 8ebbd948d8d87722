// Issue 18's fourth brick: the summaries' PL/pgSQL triggers
// (db/migrations_pg) keep the same rows as SQLite's triggers. The same
// base-table writes, in SQL both engines read, go to a fresh SQLite file
// (migrated to the PostgreSQL set's version, opened with the app's SQL
// functions) and to a fresh PostgreSQL database; after every batch each
// summary table is dumped on both, sorted, and compared cell by cell
// (numbers to 1e-9). Hand-written edge cases first, then a seeded random
// run of a few thousand writes; last, a dropped PostgreSQL trigger must
// show as a difference, so the comparison can fail.
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "storage/sql_functions.hpp"
#include "support/pg_cluster.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using jinguo::storage::Database;
using jinguo::storage::PgDatabase;
using jinguo::storage::StorageError;
using jinguo::test::TempDbPath;
namespace storage = jinguo::storage;

namespace {

// A summary table and the columns compared. Left out, on purpose:
// badge_dirty.seq (PostgreSQL's identity spends a number on an upsert that
// conflicts, SQLite's AUTOINCREMENT does not; the badge code reads scope and
// id only). The name keys (person_list's, honour_list's, review_title_order's,
// person_gram's, family_gram's) are SQLite's hex ICU keys and PostgreSQL's
// names under the collation jinguo_pinyin: not compared as values but by
// the order they give (kKeyOrders). The FTS5 tables person_search and
// family_search are PostgreSQL tables keyed by person_id/family_id (pgColumns).
struct Summary {
    const char* table;
    const char* columns;
    const char* where;
    const char* pgColumns = nullptr;   // when PostgreSQL's columns are named otherwise
};

const std::vector<Summary> kSummaries = {
    {"table_row_count", "table_name, row_count", "1 = 1"},
    {"person_list", "person_id, is_volunteer, unit_id, unit_text, name, gender_key, joined_key, pinyin, initials, id_tail, "
                    "phone_tail, dated_hours, counted_hours, records, unverified_hours", "1 = 1"},
    {"person_gram", "gram, person_id", "1 = 1"},
    {"person_gram_count", "*", "1 = 1"},
    {"person_search", "rowid, name, pinyin, initials", "1 = 1", "person_id, name, pinyin, initials"},
    {"honour_list", "award_id, collective, unit_id, year, title, level, level_rank, name, pinyin, initials, unit_name, "
                    "status, doc_number, id_tail, phone_tail", "1 = 1"},
    {"family_gram", "gram, family_id", "1 = 1"},
    {"family_search", "rowid, head_name, head_spell, address", "1 = 1", "family_id, head_name, head_spell, address"},
    {"board_person_period", "period, person_id, hours, activities, items", "1 = 1"},
    {"board_person_activity_month", "person_id, activity_id, month, records", "1 = 1"},
    {"board_roster_only", "*", "1 = 1"},
    {"board_unit_person_period", "unit_id, period, activities, hours, person_id", "1 = 1"},
    {"unit_period_hours", "*", "1 = 1"},
    {"unit_volunteer_period", "*", "1 = 1"},
    {"unit_person_tally", "*", "1 = 1"},
    {"unit_day_hours", "*", "1 = 1"},
    {"unit_family_count", "unit_id, families", "1 = 1"},
    {"family_title_count", "*", "1 = 1"},
    {"award_year_tally", "*", "1 = 1"},
    {"unit_title_award", "*", "1 = 1"},
    {"award_held_span", "award_id, held_from, held_until, title_id, unit_id, family_id", "1 = 1"},
    {"award_named_on", "*", "1 = 1"},
    {"unit_title_named", "*", "1 = 1"},
    {"family_title_held_step", "title_name, title_id, unit_id, day, families", "1 = 1"},
    {"review_title_order", "award_id, unit_id, unit_name, holder, title_name, year, title_id", "1 = 1"},
    {"family_title_first_held", "*", "1 = 1"},
    {"unit_title_first_held", "*", "1 = 1"},
    // Rows at 0 left out: these tables keep a row that falls to 0 (0044), so
    // whether one exists depends on the order of writes (here family_gram
    // reaches PostgreSQL after the awards), not on what is counted.
    {"family_title_gram_count", "*", "households <> 0 OR titles <> 0"},
    {"family_title_set_count", "*", "households <> 0 OR titles <> 0"},
    {"badge_dirty", "scope, id", "1 = 1"},
    {"family_gram_count", "gram, households, titles", "1 = 1"},
};

// A key order compared: the rows' ids (`id`) read ORDER BY `order` on
// both engines must come in the same sequence.
struct KeyOrder {
    const char* table;
    const char* id;
    const char* order;
};

const std::vector<KeyOrder> kKeyOrders = {
    {"person_list", "person_id", "name_key, person_id"},
    {"person_list", "person_id", "unit_key, person_id"},
    {"person_list", "person_id", "is_volunteer, name_key, person_id"},
    {"honour_list", "award_id", "title_key, award_id"},
    {"honour_list", "award_id", "holder_key, award_id"},
    {"honour_list", "award_id", "unit_key, award_id"},
    {"review_title_order", "award_id", "unit_key, holder_key, title_name, year, award_id"},
    {"person_gram", "gram || ':' || person_id", "gram, name_key, person_id"},
    {"family_gram", "gram || ':' || family_id", "gram, sort_key, family_id"},
};

template <typename Db>
std::vector<std::string> idsInOrder(Db& db, const KeyOrder& k) {
    std::vector<std::string> ids;
    auto st = db.prepare(std::string("SELECT ") + k.id + " FROM " + k.table + " ORDER BY " + k.order);
    while (st.step()) ids.push_back(st.columnText(0));
    return ids;
}

// A cell as compared: numbers rounded to 1e-9 (sums may add in another
// order), NULL apart from every text.
std::string normalized(bool isNull, const std::string& text) {
    if (isNull) return "<NULL>";
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(number)) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.9f", std::round(number * 1e9) / 1e9);
        return std::string("#") + buffer;
    }
    return text;
}

using Rows = std::vector<std::string>;   // one line per row, cells joined by " | "

template <typename Db>
Rows dump(Db& db, const Summary& s, bool postgres) {
    Rows rows;
    auto st = db.prepare(std::string("SELECT ") + (postgres && s.pgColumns ? s.pgColumns : s.columns) + " FROM " + s.table
                         + " WHERE " + s.where);
    while (st.step()) {
        std::string line;
        for (int c = 0; c < st.columnCount(); ++c)
            line += (c ? " | " : "") + normalized(st.columnIsNull(c), st.columnText(c));
        rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// Both engines with the same history of writes.
class Twin {
public:
    Twin() : m_sqlite(m_path.str()), m_pg(test::PgCluster::shared().createDatabase()) {
        storage::migrateDatabaseTo(m_sqlite, storage::latestPgSchemaVersion());
        storage::migratePgDatabase(m_pg);
        m_pg.exec("SET track_functions = 'all'");   // which trigger functions ran (pg_stat_user_functions)
        // The app's open on SQLite records the collator it keyed names with,
        // and that setting's trigger marks every badge for a full pass; the
        // open on PostgreSQL is a later brick, so the row is written here.
        auto st = m_sqlite.prepare("SELECT value FROM setting WHERE key = 'pinyin.collation_version'");
        if (st.step()) {
            auto insert = m_pg.prepare("INSERT INTO setting (key, value) VALUES ('pinyin.collation_version', ?)");
            insert.bind(1, st.columnText(0));
            insert.run();
        }
    }

    // Runs `sql` on both; a statement one engine refuses must be refused by
    // the other too (a constraint, a foreign key). Returns whether it ran.
    bool write(const std::string& sql) {
        bool sqliteFailed = false, pgFailed = false;
        std::string sqliteError, pgError;
        try {
            m_sqlite.exec(sql);
        } catch (const StorageError& e) {
            sqliteFailed = true;
            sqliteError = e.what();
        }
        try {
            m_pg.exec(sql);
        } catch (const StorageError& e) {
            pgFailed = true;
            pgError = e.what();
        }
        CHECK_MESSAGE(sqliteFailed == pgFailed, sql, "\n  sqlite: ", sqliteError, "\n  postgresql: ", pgError);
        ++m_writes;
        if (sqliteFailed) ++m_refused;
        return !sqliteFailed && !pgFailed;
    }

    // Every summary's difference, as lines ("table: sqlite has/postgresql has row").
    std::vector<std::string> differences() {
        std::vector<std::string> lines;
        for (const KeyOrder& k : kKeyOrders) {
            const auto fromSqlite = idsInOrder(m_sqlite, k);
            const auto fromPg = idsInOrder(m_pg, k);
            if (fromSqlite != fromPg) lines.push_back(std::string(k.table) + ": the order by " + k.order + " differs");
        }
        for (const Summary& s : kSummaries) {
            const Rows fromSqlite = dump(m_sqlite, s, false);
            const Rows fromPg = dump(m_pg, s, true);
            if (fromSqlite == fromPg) continue;
            std::vector<std::string> onlySqlite, onlyPg;
            std::set_difference(fromSqlite.begin(), fromSqlite.end(), fromPg.begin(), fromPg.end(), std::back_inserter(onlySqlite));
            std::set_difference(fromPg.begin(), fromPg.end(), fromSqlite.begin(), fromSqlite.end(), std::back_inserter(onlyPg));
            for (const auto& r : onlySqlite) lines.push_back(std::string(s.table) + ": sqlite      " + r);
            for (const auto& r : onlyPg) lines.push_back(std::string(s.table) + ": postgresql  " + r);
        }
        return lines;
    }

    // Checks sameness and prints at most 20 differing rows.
    void checkSame(const std::string& when) {
        const auto lines = differences();
        std::string shown;
        for (std::size_t i = 0; i < lines.size() && i < 20; ++i) shown += "\n  " + lines[i];
        CHECK_MESSAGE(lines.empty(), "after ", when, " (", m_writes, " writes), ", lines.size(), " rows differ:", shown);
    }

    std::int64_t sqliteCount(const std::string& sql) {
        auto st = m_sqlite.prepare(sql);
        return st.step() ? st.columnInt(0) : -1;
    }
    std::vector<std::int64_t> sqliteIds(const std::string& sql) {
        std::vector<std::int64_t> ids;
        auto st = m_sqlite.prepare(sql);
        while (st.step()) ids.push_back(st.columnInt(0));
        return ids;
    }
    PgDatabase& pg() { return m_pg; }
    Database& sqlite() { return m_sqlite; }
    int writes() const { return m_writes; }
    int refused() const { return m_refused; }

    // The PL/pgSQL trigger functions this connection never ran.
    std::vector<std::string> triggerFunctionsNotRun() {
        m_pg.exec("SELECT pg_stat_force_next_flush()");   // this session's counts, flushed when it goes idle
        std::vector<std::string> names;
        auto st = m_pg.prepare("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                               "WHERE n.nspname = current_schema() AND p.prorettype = 'trigger'::regtype "
                               "AND NOT EXISTS (SELECT 1 FROM pg_stat_user_functions f WHERE f.funcid = p.oid AND f.calls > 0) "
                               "ORDER BY 1");
        while (st.step()) names.push_back(st.columnText(0));
        return names;
    }

private:
    TempDbPath m_path;
    Database m_sqlite;
    PgDatabase m_pg;
    int m_writes = 0;
    int m_refused = 0;   // by both engines (a foreign key to a row deleted earlier, …)
};

// Trigger functions on writes the random run does not make (a board row's
// key, family_title_count written directly): the last test case fires them.
const char* const kFiredOnlyByAppRows[] = {
    "board_roster_only_row_rekey", "unit_hours_row_rekey", "unit_volunteer_row_rekey",
    "family_gram_count_insert", "family_gram_count_delete",
    "family_gram_count_titles_insert",
    "volunteer_count_after_insert", "volunteer_count_after_update", "volunteer_count_after_delete"};
// 0046's audit entry's server user: no summary and no SQLite twin (the runs
// write no audit_log); tests/pg_notify_test.cpp holds it.
const char* const kNoSummary[] = {"audit_log_db_user"};

std::string q(const std::string& text) { return "'" + text + "'"; }

// Names that sort apart in pinyin order, not by code point: polyphonic
// surnames, the same name twice (the id breaks the tie), a compatibility
// ideograph (都 U+FA26, equal to 都 for ICU), Latin, digits, a 1-character name.
const char* const kNames[] = {"李梅", "王芳", "单田芳", "曾丽", "解放", "区英", "仇红", "欧阳娜娜", "Mary王", "张三",
                              "張三", "王芳", "都", "\uFA26", "阿芳", "2号", "〇", "王😀", "ＡＢ", "吕", "长孙无忌"};
std::string n(std::int64_t id) { return id > 0 ? std::to_string(id) : "NULL"; }

// A district (1), three streets (2–4) and eight communities (5–12).
void writeUnits(Twin& twin) {
    twin.write("INSERT INTO org_unit (id, parent_id, name, kind) VALUES (1, NULL, '滨江区', '区')");
    for (int street = 2; street <= 4; ++street)
        twin.write("INSERT INTO org_unit (id, parent_id, name, kind) VALUES (" + std::to_string(street) + ", 1, '街道"
                   + std::to_string(street) + "', '街道')");
    for (int community = 5; community <= 12; ++community)
        twin.write("INSERT INTO org_unit (id, parent_id, name, kind) VALUES (" + std::to_string(community) + ", "
                   + std::to_string(2 + community % 3) + ", '社区" + std::to_string(community) + "', '社区')");
}

std::int64_t titleOf(Twin& twin, const char* kind) {
    const auto ids = twin.sqliteIds(std::string("SELECT id FROM award_title WHERE subject_kind = '") + kind + "' ORDER BY id LIMIT 1");
    REQUIRE_FALSE(ids.empty());
    return ids.front();
}

} // namespace

TEST_CASE("a fresh database: the summaries PostgreSQL's set makes equal SQLite's") {
    Twin twin;
    twin.checkSame("the migrations");
}

TEST_CASE("hand-written edge cases keep the same summaries on both engines") {
    Twin twin;
    writeUnits(twin);
    const std::int64_t familyTitle = titleOf(twin, "family");
    const std::int64_t personTitle = titleOf(twin, "person");
    twin.write("INSERT INTO activity (id, name, held_on, unit_id) VALUES (1, '巡逻', '2024-12-31', 5), (2, '宣传', '2025-01-01', 6)");
    twin.write("INSERT INTO person (id, name, gender, unit_id, is_volunteer, joined_on, roster_hours) VALUES "
               "(1, '李梅', '女', 5, 1, '2020-03-01', 4.5), (2, '王芳', '女', 6, 1, NULL, 0), (3, '张伟', '男', 5, 0, NULL, 0)");
    twin.checkSame("three people");

    SUBCASE("a year boundary: records on 31 December and 1 January, then moved across it") {
        twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES "
                   "(1, 1, 1, '2024-12-31', 2.5, 1), (2, 1, 2, '2025-01-01', 3, 1), (3, 1, 1, '2024-12-31', 1, 1), "
                   "(4, 2, NULL, '2024-12-31', 8, 0)");
        twin.checkSame("records on both sides of the new year");
        twin.write("UPDATE service_record SET served_on = '2025-01-01' WHERE id = 1");
        twin.write("UPDATE service_record SET verified = 1 WHERE id = 4");
        twin.write("UPDATE service_record SET verified = 0, served_on = '2024-10-01' WHERE id = 3");
        twin.write("INSERT INTO roster_credit (id, person_id, credited_on, hours) VALUES (1, 1, '2024-12-31', 6), (2, 2, '2025-01-01', -1.5)");
        twin.checkSame("records moved across the year");
    }
    SUBCASE("days no CHECK keeps well-formed: SQLite's CAST reads their leading digits") {
        twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES "
                   "(1, 1, 1, '2024-5-2', 2, 1), (2, 1, 2, '2024/05/02', 3, 1), (3, 2, NULL, '', 1, 1), (4, 2, 1, '2024-11', 1, 0)");
        twin.write("INSERT INTO roster_credit (id, person_id, credited_on, hours) VALUES (1, 1, '2024-1', 6), (2, 2, 'x', 1.5)");
        twin.checkSame("malformed days");
        twin.write("UPDATE service_record SET verified = 1 WHERE id = 4");
        twin.write("DELETE FROM service_record WHERE id IN (1, 3)");
        twin.write("DELETE FROM roster_credit WHERE id = 2");
        twin.checkSame("malformed days changed");
    }
    SUBCASE("a person deleted with her records, credits and awards") {
        twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES "
                   "(1, 1, 1, '2024-05-02', 2, 1), (2, 1, 2, '2024-06-03', 3, 0), (3, 2, 1, '2024-05-02', 1.5, 1)");
        twin.write("INSERT INTO roster_credit (id, person_id, credited_on, hours) VALUES (1, 1, '2024-07-01', 10)");
        twin.write("INSERT INTO award (id, title_id, year, person_id, unit_id, status) VALUES (1, " + n(personTitle) + ", 2024, 1, 5, '命名')");
        twin.write("INSERT INTO award_event (id, award_id, status, happened_on) VALUES (1, 1, '命名', '2024-09-01')");
        twin.checkSame("her history");
        twin.write("DELETE FROM person WHERE id = 1");
        twin.checkSame("her deletion");
        CHECK(twin.sqliteCount("SELECT count(*) FROM service_record WHERE person_id = 1") == 0);
    }
    SUBCASE("a family title named and revoked within one month: its held span starts and ends on one month-end") {
        twin.write("INSERT INTO family (id, head_name, unit_id) VALUES (1, '陈家', 5), (2, '刘家', 5)");
        twin.write("INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (1, " + n(familyTitle)
                   + ", 2024, 1, 5, '撤销'), (2, " + n(familyTitle) + ", 2024, 2, 5, '命名')");
        twin.write("INSERT INTO award_event (id, award_id, status, happened_on) VALUES "
                   "(1, 1, '命名', '2024-03-05'), (2, 1, '撤销', '2024-03-20'), (3, 2, '命名', '2024-01-10')");
        twin.checkSame("named and revoked in March");
        twin.write("DELETE FROM award_event WHERE id = 2");
        twin.checkSame("the revocation taken back");
        twin.write("INSERT INTO award_event (id, award_id, status, happened_on) VALUES (4, 1, '撤销', '2024-03-31')");
        twin.checkSame("revoked again, on the month's last day");
        twin.write("DELETE FROM award WHERE id = 1");
        twin.checkSame("the title deleted");
        // The span itself, as its triggers see it: from and until in one month.
        twin.write("INSERT INTO award_held_span (award_id, held_from, held_until, title_id, unit_id, family_id) VALUES (99, "
                   "'2024-05-03', '2024-05-17', " + n(familyTitle) + ", 5, 1)");
        twin.checkSame("a span within May");
        twin.write("DELETE FROM award_held_span WHERE award_id = 99");
        twin.checkSame("the span gone");
    }
    SUBCASE("a community moved to another street, renamed, its people and households with it") {
        twin.write("INSERT INTO family (id, head_name, unit_id) VALUES (1, '陈家', 5), (2, '刘家', 5)");
        twin.write("INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (1, " + n(familyTitle)
                   + ", 2023, 1, 5, '命名'), (2, " + n(familyTitle) + ", 2024, 2, 5, '申报')");
        twin.write("INSERT INTO award_event (id, award_id, status, happened_on) VALUES (1, 1, '命名', '2023-11-30')");
        twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES (1, 1, 1, '2024-05-02', 2, 1)");
        twin.checkSame("a community's life");
        twin.write("UPDATE org_unit SET parent_id = 3 WHERE id = 5 AND parent_id <> 3");
        twin.write("UPDATE org_unit SET parent_id = 4 WHERE id = 5");
        twin.write("UPDATE org_unit SET name = '新社区' WHERE id = 5");
        twin.write("UPDATE person SET unit_id = 7 WHERE unit_id = 5");
        twin.write("UPDATE family SET unit_id = 7 WHERE id = 1");
        twin.write("UPDATE award SET status = '撤销' WHERE id = 1");
        twin.write("UPDATE award_title SET name = name || '（新）' WHERE id = " + n(familyTitle));
        twin.checkSame("the move");
        twin.write("DELETE FROM family WHERE id = 2");
        twin.write("UPDATE setting SET value = '6' WHERE key = 'titles.grace_months'");
        twin.checkSame("a household deleted and the grace changed");
    }
}

TEST_CASE("a seeded random run of writes keeps every summary equal on both engines") {
    Twin twin;
    writeUnits(twin);
    std::mt19937 random(18);
    auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    auto chance = [&](int percent) { return pick(1, 100) <= percent; };
    auto day = [&]() {
        if (chance(10)) return std::string(chance(50) ? "2024-12-31" : "2025-01-01");
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", pick(2023, 2025), pick(1, 12), pick(1, 28));
        return std::string(buffer);
    };
    auto unit = [&]() { return chance(8) ? std::int64_t(0) : std::int64_t(pick(5, 12)); };
    auto hours = [&]() { return std::to_string(pick(1, 16) * 0.5); };

    std::map<std::string, std::vector<std::int64_t>> titles;
    for (const char* kind : {"family", "person", "collective", "post"})
        titles[kind] = twin.sqliteIds(std::string("SELECT id FROM award_title WHERE subject_kind = '") + kind + "' ORDER BY id");
    const char* statuses[] = {"申报", "创建", "考核验收", "命名", "复核", "撤销"};
    const char* metrics[] = {"title_rate", "title_count", "post_count", "volunteer_hours", "activities", "participants", "volunteers"};

    int people = 0, records = 0, credits = 0, families = 0, awards = 0, events = 0, posts = 0, activities = 0,
        indicators = 0, targets = 0, titlesMade = 0, unitsMade = 0;
    auto some = [&](int count) { return count > 0 ? pick(1, count) : 1; };

    for (int i = 1; i <= 40; ++i) {
        ++people;
        twin.write("INSERT INTO person (id, name, gender, unit_id, is_volunteer, joined_on, roster_hours) VALUES (" + std::to_string(people)
                   + ", " + q(kNames[pick(0, static_cast<int>(std::size(kNames)) - 1)]) + ", '女', " + n(unit()) + ", " + std::to_string(chance(85) ? 1 : 0) + ", "
                   + (chance(70) ? q(day()) : "NULL") + ", " + (chance(30) ? hours() : "0") + ")");
    }
    for (int i = 1; i <= 6; ++i) {
        ++activities;
        twin.write("INSERT INTO activity (id, name, held_on, unit_id, participants) VALUES (" + std::to_string(activities) + ", '活动"
                   + std::to_string(activities) + "', " + q(day()) + ", " + n(unit()) + ", " + std::to_string(pick(0, 50)) + ")");
    }
    twin.checkSame("the first people");

    const int kBatches = 30, kWritesPerBatch = 100;
    for (int batch = 1; batch <= kBatches; ++batch) {
        for (int w = 0; w < kWritesPerBatch; ++w) {
            const int what = pick(1, 100);
            if (what <= 22) {   // a service record
                twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES ("
                           + std::to_string(++records) + ", " + std::to_string(some(people)) + ", "
                           + (chance(60) ? std::to_string(some(activities)) : "NULL") + ", " + q(day()) + ", " + hours() + ", "
                           + std::to_string(chance(70) ? 1 : 0) + ")");
            } else if (what <= 30) {   // verified, unverified, moved to another person or day
                const std::string id = std::to_string(some(records));
                switch (pick(1, 5)) {
                case 1: twin.write("UPDATE service_record SET verified = 1 - verified WHERE id = " + id); break;
                case 2: twin.write("UPDATE service_record SET person_id = " + std::to_string(some(people)) + " WHERE id = " + id); break;
                case 3: twin.write("UPDATE service_record SET served_on = " + q(day()) + ", hours = " + hours() + " WHERE id = " + id); break;
                case 4: twin.write("UPDATE service_record SET activity_id = " + (chance(50) ? std::to_string(some(activities)) : std::string("NULL")) + " WHERE id = " + id); break;
                default: twin.write("UPDATE service_record SET verified = 1 WHERE person_id = " + std::to_string(some(people))); break;
                }
            } else if (what <= 33) {
                twin.write("DELETE FROM service_record WHERE id = " + std::to_string(some(records)));
            } else if (what <= 38) {   // roster credits
                if (chance(60))
                    twin.write("INSERT INTO roster_credit (id, person_id, credited_on, hours) VALUES (" + std::to_string(++credits) + ", "
                               + std::to_string(some(people)) + ", " + q(day()) + ", " + (chance(15) ? "-" : "") + hours() + ")");
                else if (chance(50))
                    twin.write("UPDATE roster_credit SET hours = " + hours() + ", credited_on = " + q(day()) + " WHERE id = " + std::to_string(some(credits)));
                else
                    twin.write("DELETE FROM roster_credit WHERE id = " + std::to_string(some(credits)));
            } else if (what <= 50) {   // people: new, moved, volunteer or not, roster hours, renamed, deleted
                const std::string id = std::to_string(some(people));
                switch (pick(1, 7)) {
                case 1:
                case 2:
                    ++people;
                    twin.write("INSERT INTO person (id, name, gender, unit_id, is_volunteer, joined_on, roster_hours) VALUES ("
                               + std::to_string(people) + ", " + q(kNames[pick(0, static_cast<int>(std::size(kNames)) - 1)]) + ", '女', " + n(unit()) + ", "
                               + std::to_string(chance(85) ? 1 : 0) + ", " + (chance(70) ? q(day()) : "NULL") + ", "
                               + (chance(30) ? hours() : "0") + ")");
                    break;
                case 3: twin.write("UPDATE person SET unit_id = " + n(unit()) + " WHERE id = " + id); break;
                case 4: twin.write("UPDATE person SET is_volunteer = 1 - is_volunteer WHERE id = " + id); break;
                case 5: twin.write("UPDATE person SET roster_hours = " + (chance(30) ? std::string("0") : hours()) + " WHERE id = " + id); break;
                case 6:   // renamed; or an ID number and phone given (the tails, the tail grams)
                    if (chance(40))
                        twin.write("UPDATE person SET name = name || '之' WHERE id = " + id);
                    else if (chance(50))
                        twin.write("UPDATE person SET name = " + q(kNames[pick(0, static_cast<int>(std::size(kNames)) - 1)]) + " WHERE id = " + id);
                    else
                        twin.write("UPDATE person SET id_number = " + (chance(20) ? std::string("NULL") : q("33010619" + std::to_string(pick(100000000, 999999999)) + (chance(30) ? "x" : "7")))
                                   + ", phone = " + (chance(20) ? std::string("NULL") : q("138" + std::to_string(pick(10000000, 99999999)))) + " WHERE id = " + id);
                    break;
                default: twin.write("DELETE FROM person WHERE id = " + id); break;
                }
            } else if (what <= 57) {   // households
                const std::string id = std::to_string(some(families));
                if (chance(50) && ++families > 0)
                    twin.write("INSERT INTO family (id, head_name, unit_id, members) VALUES (" + std::to_string(families) + ", '户主"
                               + std::to_string(families) + "', " + n(unit()) + ", " + std::to_string(pick(1, 6)) + ")");
                else if (chance(55))
                    twin.write("UPDATE family SET unit_id = " + n(unit()) + " WHERE id = " + id);
                else if (chance(25))   // an address and a spelling (the app writes head_spell): the grams and the search row
                    twin.write("UPDATE family SET address = " + q(std::vector<std::string>{"解放路1号", "幸福里 3幢", "Unit B", "长乐坊"}[pick(0, 3)])
                               + ", head_spell = " + q(chance(50) ? "hu zhu" : "") + " WHERE id = " + id);
                else if (chance(50))   // a head renamed: her grams change (family_gram), some a title's text holds
                    twin.write("UPDATE family SET head_name = " + q(std::vector<std::string>{"户主", "家庭", "平安", "202"}[pick(0, 3)]
                                                                   + std::to_string(pick(1, 9))) + " WHERE id = " + id);
                else
                    twin.write("DELETE FROM family WHERE id = " + id);
            } else if (what <= 72) {   // awards: added for a household, a person, a post or a collective
                const int holder = pick(1, 4);
                const char* kind = holder == 1 ? "family" : holder == 2 ? "person" : holder == 3 ? "post" : "collective";
                const auto& ofKind = titles[kind];
                if (ofKind.empty()) continue;
                const std::string title = std::to_string(ofKind[pick(0, static_cast<int>(ofKind.size()) - 1)]);
                const std::string subject = holder == 1 ? "family_id" : holder == 2 ? "person_id" : holder == 3 ? "post_id" : "collective_name";
                const std::string value = holder == 1 ? std::to_string(some(families)) : holder == 2 ? std::to_string(some(people))
                                          : holder == 3 ? std::to_string(some(posts)) : q("集体" + std::to_string(pick(1, 5)));
                twin.write("INSERT INTO award (id, title_id, year, " + subject + ", unit_id, status) VALUES (" + std::to_string(++awards)
                           + ", " + title + ", " + std::to_string(pick(2021, 2025)) + ", " + value + ", " + n(unit()) + ", "
                           + q(statuses[pick(0, 5)]) + ")");
            } else if (what <= 80) {   // confirmed, revoked, moved, re-titled, deleted
                const std::string id = std::to_string(some(awards));
                switch (pick(1, 7)) {
                case 1: twin.write("UPDATE award SET status = '命名' WHERE id = " + id); break;
                case 2: twin.write("UPDATE award SET status = '撤销' WHERE id = " + id); break;
                case 3: twin.write("UPDATE award SET unit_id = " + n(unit()) + " WHERE id = " + id); break;
                case 4: twin.write("UPDATE award SET year = " + std::to_string(pick(2021, 2025)) + " WHERE id = " + id); break;
                case 5: twin.write("UPDATE award SET family_id = " + std::to_string(some(families)) + " WHERE family_id IS NOT NULL AND id = " + id); break;
                case 6: {   // another family title (its texts, its first held)
                    const auto& ofFamily = titles["family"];
                    twin.write("UPDATE award SET title_id = " + std::to_string(ofFamily[pick(0, static_cast<int>(ofFamily.size()) - 1)])
                               + " WHERE family_id IS NOT NULL AND id = " + id);
                    break;
                }
                default: twin.write("DELETE FROM award WHERE id = " + id); break;
                }
            } else if (what <= 87) {   // the awards' events
                if (chance(60))
                    twin.write("INSERT INTO award_event (id, award_id, status, happened_on) VALUES (" + std::to_string(++events) + ", "
                               + std::to_string(some(awards)) + ", " + q(statuses[pick(0, 5)]) + ", " + q(day()) + ")");
                else if (chance(60))
                    twin.write("UPDATE award_event SET status = " + q(statuses[pick(0, 5)]) + ", happened_on = " + q(day())
                               + " WHERE id = " + std::to_string(some(events)));
                else
                    twin.write("DELETE FROM award_event WHERE id = " + std::to_string(some(events)));
            } else if (what <= 90) {   // titles renamed, their validity changed
                const auto& ofKind = titles[chance(50) ? "family" : "person"];
                const std::string id = std::to_string(ofKind[pick(0, static_cast<int>(ofKind.size()) - 1)]);
                if (chance(50))
                    twin.write("UPDATE award_title SET name = name || '·' WHERE id = " + id);
                else
                    twin.write("UPDATE award_title SET valid_years = " + (chance(30) ? std::string("NULL") : std::to_string(pick(1, 5))) + " WHERE id = " + id);
            } else if (what <= 93) {   // posts and activities
                if (chance(50) && ++posts > 0)
                    twin.write("INSERT INTO post (id, work_unit, name, unit_id, members) VALUES (" + std::to_string(posts) + ", '单位"
                               + std::to_string(posts) + "', '岗" + std::to_string(posts) + "', " + n(unit()) + ", " + std::to_string(pick(0, 9)) + ")");
                else if (chance(50) && ++activities > 0)
                    twin.write("INSERT INTO activity (id, name, held_on, unit_id) VALUES (" + std::to_string(activities) + ", '活动"
                               + std::to_string(activities) + "', " + q(day()) + ", " + n(unit()) + ")");
                else if (chance(50))
                    twin.write("UPDATE post SET unit_id = " + n(unit()) + " WHERE id = " + std::to_string(some(posts)));
                else if (chance(40))
                    twin.write("DELETE FROM activity WHERE id = " + std::to_string(some(activities)));
                else if (chance(50))
                    twin.write("UPDATE activity SET held_on = " + q(day()) + ", participants = " + std::to_string(pick(0, 50))
                               + " WHERE id = " + std::to_string(some(activities)));
                else
                    twin.write("DELETE FROM post WHERE id = " + std::to_string(some(posts)));
            } else if (what <= 96) {   // indicators, targets, settings, titles of one's own
                const int kind = pick(1, 10);
                if (kind == 1 && ++titlesMade > 0)
                    twin.write("INSERT INTO award_title (id, name, subject_kind, level, valid_years) VALUES (" + std::to_string(1000 + titlesMade)
                               + ", '自设称号" + std::to_string(titlesMade) + "', 'family', '街道', " + (chance(50) ? "3" : "NULL") + ")");
                else if (kind == 2)
                    twin.write("DELETE FROM award_title WHERE id = " + std::to_string(1000 + some(titlesMade)));
                else if (kind == 3 && ++indicators > 0) {   // an indicator entered, then corrected
                    twin.write("INSERT INTO manual_indicator (id, unit_id, year, name, value) VALUES (" + std::to_string(indicators)
                               + ", 5, 2024, '指标" + std::to_string(indicators) + "', 1)");
                    twin.write("UPDATE manual_indicator SET value = " + std::to_string(pick(0, 99)) + " WHERE id = " + std::to_string(indicators));
                }
                else if (kind == 4)
                    twin.write("DELETE FROM manual_indicator WHERE id = " + std::to_string(some(indicators)));
                else if (kind == 5)
                    twin.write("UPDATE target SET goal = " + std::to_string(pick(1, 100)) + " WHERE id = " + std::to_string(some(targets)));
                else if (kind == 6)
                    twin.write("DELETE FROM target WHERE id = " + std::to_string(some(targets)));
                else if (kind == 7) {   // the grace setting taken out and put back
                    twin.write("DELETE FROM setting WHERE key = 'titles.grace_months'");
                    twin.write("INSERT INTO setting (key, value) VALUES ('titles.grace_months', " + q(std::to_string(pick(0, 12))) + ")");
                } else if (kind == 8 && ++unitsMade > 0) {   // a community made and removed again
                    twin.write("INSERT INTO org_unit (id, parent_id, name, kind) VALUES (" + std::to_string(100 + unitsMade) + ", "
                               + std::to_string(pick(2, 4)) + ", '临时社区" + std::to_string(unitsMade) + "', '社区')");
                    twin.write("DELETE FROM org_unit WHERE id = " + std::to_string(100 + unitsMade));
                } else if (chance(35) && ++indicators > 0)
                    twin.write("INSERT INTO manual_indicator (id, unit_id, year, name, value) VALUES (" + std::to_string(indicators) + ", "
                               + std::to_string(pick(5, 12)) + ", " + std::to_string(pick(2023, 2025)) + ", '指标" + std::to_string(indicators)
                               + "', " + std::to_string(pick(0, 99)) + ")");
                else if (chance(50))
                    twin.write("INSERT INTO target (id, unit_id, year, metric, goal) VALUES (" + std::to_string(++targets) + ", "
                               + std::to_string(pick(1, 12)) + ", " + std::to_string(pick(2023, 2025)) + ", " + q(metrics[pick(0, 6)])
                               + ", " + std::to_string(pick(1, 100)) + ")");
                else
                    twin.write("UPDATE setting SET value = " + q(std::to_string(pick(0, 12))) + " WHERE key = 'titles.grace_months'");
            } else {   // units moved to another street or renamed
                const std::string community = std::to_string(pick(5, 12));
                if (chance(50))
                    twin.write("UPDATE org_unit SET parent_id = " + std::to_string(pick(2, 4)) + " WHERE id = " + community);
                else
                    twin.write("UPDATE org_unit SET name = name || '改' WHERE id = " + community);
            }
        }
        twin.checkSame("batch " + std::to_string(batch));
    }
    // Not an empty comparison: most writes ran, every ported trigger fired,
    // and the run left rows in the summaries.
    MESSAGE(twin.writes(), " writes, ", twin.refused(), " refused by both engines");
    CHECK(twin.refused() * 5 < twin.writes());
    std::string notRun;
    for (const auto& name : twin.triggerFunctionsNotRun())
        if (std::find(std::begin(kFiredOnlyByAppRows), std::end(kFiredOnlyByAppRows), name) == std::end(kFiredOnlyByAppRows)
            && std::find(std::begin(kNoSummary), std::end(kNoSummary), name) == std::end(kNoSummary))
            notRun += " " + name;
    CHECK_MESSAGE(notRun.empty(), "trigger functions the run never fired:", notRun);
    CHECK(twin.sqliteCount("SELECT count(*) FROM board_person_period") > 50);
    CHECK(twin.sqliteCount("SELECT count(*) FROM award_held_span") > 10);
    CHECK(twin.sqliteCount("SELECT count(*) FROM unit_day_hours") > 50);
    CHECK(twin.sqliteCount("SELECT count(*) FROM review_title_order") > 10);
    CHECK(twin.sqliteCount("SELECT count(*) FROM unit_title_first_held WHERE households > 0") > 5);
    CHECK(twin.sqliteCount("SELECT count(*) FROM family_title_set_count WHERE households > 0") > 5);
    CHECK(twin.sqliteCount("SELECT count(*) FROM family_title_gram_count WHERE households > 0") > 5);
    CHECK(twin.sqliteCount("SELECT count(*) FROM person_list WHERE is_volunteer = 1 AND id_tail IS NOT NULL") > 5);
    CHECK(twin.sqliteCount("SELECT count(DISTINCT name) FROM person_list") > 15);
    CHECK(twin.sqliteCount("SELECT count(*) FROM person_gram WHERE gram LIKE 't%'") > 5);
    CHECK(twin.sqliteCount("SELECT count(*) FROM person_search") > 50);
    CHECK(twin.sqliteCount("SELECT count(*) FROM honour_list WHERE collective = 0") > 10);
    CHECK(twin.sqliteCount("SELECT count(*) FROM honour_list WHERE collective = 1") > 5);
    CHECK(twin.sqliteCount("SELECT count(*) FROM family_search WHERE address <> ''") > 3);
    CHECK(twin.sqliteCount("SELECT count(*) FROM family_gram_count WHERE gram <> '' AND titles > 0") > 5);
    // Households whose own grams cover a gram of their titles' texts (what
    // family_title_gram_count leaves out): the sync of family_gram mattered.
    CHECK(twin.sqliteCount("SELECT count(*) FROM family_gram g JOIN award a ON a.family_id = g.family_id "
                           "JOIN award_title t ON t.id = a.title_id "
                           "WHERE instr(lower(a.year || t.level || '级' || t.name), g.gram) > 0") > 5);
}

TEST_CASE("the comparison can fail: a dropped PostgreSQL trigger shows as a difference") {
    Twin twin;
    writeUnits(twin);
    twin.write("INSERT INTO person (id, name, unit_id) VALUES (1, '李梅', 5)");
    twin.write("INSERT INTO service_record (id, person_id, served_on, hours, verified) VALUES (1, 1, '2024-05-02', 2, 1)");
    twin.checkSame("one record");
    std::string trigger;
    {
        auto st = twin.pg().prepare("SELECT tgname FROM pg_trigger WHERE tgname LIKE '%\\_unit\\_day\\_hours\\_record\\_insert'");
        REQUIRE(st.step());
        trigger = st.columnText(0);
    }
    twin.pg().exec("DROP TRIGGER " + trigger + " ON service_record");
    twin.write("INSERT INTO service_record (id, person_id, served_on, hours, verified) VALUES (2, 1, '2024-05-03', 3, 1)");
    const auto lines = twin.differences();
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front().rfind("unit_day_hours: ", 0) == 0);
}

TEST_CASE("the comparison can fail: a dropped trigger of the app-valued summaries, or a key out of order, shows") {
    struct Dropped {
        const char* trigger;   // function name (the trigger is oNNNN_<name>)
        const char* table;     // the table it is on
        const char* summary;   // where the difference must show
    };
    for (const Dropped d : {Dropped{"person_list_after_insert", "person", "person_list"},
                            Dropped{"person_list_record_insert", "service_record", "person_list"},
                            Dropped{"person_gram_after_insert", "person_list", "person_gram"},
                            Dropped{"honour_list_award_insert", "award", "honour_list"},
                            Dropped{"family_gram_insert", "family", "family_gram"},
                            Dropped{"family_search_insert", "family", "family_search"}}) {
        CAPTURE(d.trigger);
        Twin twin;
        writeUnits(twin);
        twin.write("INSERT INTO person (id, name, unit_id) VALUES (1, '单田芳', 5)");
        twin.checkSame("one person");
        std::string trigger;
        {
            auto st = twin.pg().prepare("SELECT tgname FROM pg_trigger WHERE tgname LIKE '%\\_" + std::string(d.trigger) + "'");
            REQUIRE(st.step());
            trigger = st.columnText(0);
        }
        twin.pg().exec("DROP TRIGGER " + trigger + " ON " + d.table);
        twin.write("INSERT INTO person (id, name, unit_id, id_number) VALUES (2, '曾丽', 6, '330106199001011234')");
        twin.write("INSERT INTO service_record (id, person_id, served_on, hours, verified) VALUES (1, 1, '2024-05-02', 2, 1)");
        twin.write("INSERT INTO award (id, title_id, year, person_id, unit_id) VALUES (1, " + std::to_string(titleOf(twin, "person")) + ", 2024, 2, 6)");
        twin.write("INSERT INTO family (id, head_name, unit_id, address) VALUES (1, '陈家', 5, '解放路1号')");
        const auto lines = twin.differences();
        REQUIRE_FALSE(lines.empty());
        bool inSummary = false;
        for (const auto& line : lines) inSummary = inSummary || line.rfind(std::string(d.summary) + ": ", 0) == 0;
        CHECK_MESSAGE(inSummary, lines.front());
    }
    {   // A name key that sorts elsewhere on PostgreSQL: only the order shows it.
        Twin twin;
        writeUnits(twin);
        twin.write("INSERT INTO person (id, name, unit_id) VALUES (1, '单田芳', 5), (2, '曾丽', 6), (3, '阿芳', 5)");
        twin.checkSame("three people");
        twin.pg().exec("UPDATE person_list SET name_key = '左' WHERE person_id = 3");
        const auto lines = twin.differences();
        REQUIRE_FALSE(lines.empty());
        CHECK(lines.front() == "person_list: the order by name_key, person_id differs");
    }
}

TEST_CASE("the trigram search's candidates: PostgreSQL's ILIKE on person_search and family_search finds SQLite's FTS5 matches") {
    // The two candidate statements of volunteer_list.cpp and family_list.cpp
    // (their trigram part), each engine's form with trigramSearchParameter.
    Twin twin;
    writeUnits(twin);
    int id = 0;
    for (const char* name : kNames) {
        ++id;
        twin.write("INSERT INTO person (id, name, unit_id) VALUES (" + std::to_string(id) + ", " + q(name) + ", 5)");
        twin.write("INSERT INTO family (id, head_name, head_spell, address, unit_id) VALUES (" + std::to_string(id) + ", " + q(name)
                   + ", 'Hu Zhu', " + q(id % 2 ? "解放路 10% 号" : "a_b\\c 幸福里") + ", 5)");
    }
    twin.checkSame("people and households");
    int found = 0;
    for (const char* query : {"单田芳", "tianfang", "TIANFANG", "欧阳娜", "ry王", "長三", "10%", "a_b", "_b\\", "hu zhu", "解放路",
                              "幸福里", "%%%", "abc"}) {
        CAPTURE(query);
        for (const bool families : {false, true}) {
            const char* sqliteSql = families ? "SELECT rowid FROM family_search WHERE family_search MATCH ?1 ORDER BY 1"
                                             : "SELECT rowid FROM person_search WHERE person_search MATCH ?1 ORDER BY 1";
            const char* pgSql = families ? "SELECT family_id FROM family_search WHERE head_name ILIKE ?1 OR head_spell ILIKE ?1"
                                           " OR address ILIKE ?1 ORDER BY 1"
                                         : "SELECT person_id FROM person_search WHERE name ILIKE ?1 OR pinyin ILIKE ?1"
                                           " OR initials ILIKE ?1 ORDER BY 1";
            std::vector<std::int64_t> fromSqlite, fromPg;
            auto a = twin.sqlite().prepare(sqliteSql);
            a.bind(1, storage::trigramSearchParameter(false, query));
            while (a.step()) fromSqlite.push_back(a.columnInt(0));
            auto b = twin.pg().prepare(pgSql);
            b.bind(1, storage::trigramSearchParameter(true, query));
            while (b.step()) fromPg.push_back(b.columnInt(0));
            CHECK(fromPg == fromSqlite);
            found += static_cast<int>(fromSqlite.size());
        }
    }
    CHECK(found > 10);
}

TEST_CASE("0044's counts under multi-row award writes: a household deleted with its titles, titles given and moved together") {
    // PostgreSQL runs a statement's AFTER ROW triggers once all its rows are
    // written, SQLite after each row: 0044's triggers read the household's
    // other awards, so several rows of one household in one statement are
    // the case where the two could part.
    Twin twin;
    writeUnits(twin);
    const auto familyTitles = twin.sqliteIds("SELECT id FROM award_title WHERE subject_kind = 'family' ORDER BY id LIMIT 3");
    REQUIRE(familyTitles.size() == 3);
    const std::string t1 = std::to_string(familyTitles[0]), t2 = std::to_string(familyTitles[1]), t3 = std::to_string(familyTitles[2]);
    twin.write("INSERT INTO family (id, head_name, unit_id) VALUES (1, '陈家', 5), (2, '户主2', 6), (3, '刘庭', 7)");
    twin.write("INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES "
               "(1, " + t1 + ", 2024, 1, 5, '命名'), (2, " + t2 + ", 2024, 1, 5, '命名'), (3, " + t1 + ", 2022, 1, 5, '复核'), "
               "(4, " + t3 + ", 2023, 2, 6, '命名'), (5, " + t1 + ", 2024, 2, 6, '命名'), (6, " + t2 + ", 2021, 3, 7, '命名')");
    twin.checkSame("six titles given in one statement");
    twin.write("UPDATE award SET year = year + 1 WHERE family_id = 1");
    twin.checkSame("a household's titles moved a year together");
    twin.write("UPDATE award SET family_id = 3 WHERE family_id = 2");
    twin.checkSame("a household's titles moved to another together");
    twin.write("UPDATE award_title SET name = name || '·' WHERE id IN (" + t1 + ", " + t3 + ")");
    twin.checkSame("two titles of one household renamed together");
    twin.write("DELETE FROM family WHERE id = 1");
    twin.checkSame("a household deleted with its three titles (a cascade)");
    twin.write("DELETE FROM award WHERE family_id = 3");
    twin.checkSame("a household's titles deleted together");
}

TEST_CASE("service records in multi-row statements: the statement-level triggers equal SQLite's row triggers") {
    // On PostgreSQL the record insert/delete triggers run once per statement
    // (transition tables) and add one delta per summary row: many rows of one
    // person, activity and month in one statement, rows moved between units,
    // and many deleted at once (some periods emptied, some not) must leave
    // what SQLite's per-row triggers leave.
    Twin twin;
    writeUnits(twin);
    REQUIRE(twin.write("INSERT INTO activity (id, name, held_on, unit_id) VALUES (1, '巡逻', '2024-01-01', 5), (2, '宣传', '2024-02-01', 6), "
               "(3, '助老', '2024-03-01', 7)"));
    REQUIRE(twin.write("INSERT INTO person (id, name, gender, unit_id, is_volunteer, joined_on, roster_hours) VALUES "
               "(1, '李梅', '女', 5, 1, '2020-03-01', 0), (2, '王芳', '女', 5, 1, NULL, 0), (3, '张伟', '男', 6, 1, NULL, 0), "
               "(4, '曾丽', '女', 7, 1, '2021-01-01', 0), (5, '解放', '男', 8, 0, NULL, 0)"));
    REQUIRE(twin.write("INSERT INTO target (unit_id, year, metric, goal) VALUES (1, 2024, 'volunteer_hours', 100)"));
    // Records already there: the statement's activities are new in some periods only.
    REQUIRE(twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES "
               "(1, 1, 1, '2024-01-15', 2, 1), (2, 2, 2, '2023-12-31', 1, 1), (3, 3, NULL, '2024-05-05', 4, 1)"));
    twin.checkSame("three records");
    const std::string series = "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 120) ";
    REQUIRE(twin.write(series + "INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) "
               "SELECT 100 + i, 1 + i % 4, CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 3 END, "
               "'2024-0' || (1 + i % 6) || '-1' || (i % 10), 0.5 * (1 + i % 7), CASE WHEN i % 9 = 0 THEN 0 ELSE 1 END FROM s"));
    twin.checkSame("120 records of four people in one INSERT");
    REQUIRE(twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES "
               "(300, 5, 1, '2024-01-15', 1, 1), (301, 5, 1, '2024-01-15', 2, 1), (302, 5, 1, '2024-01-16', 3, 1), "
               "(303, 5, 2, '2024', 1, 1), (304, 5, NULL, '', 1, 1), (305, 5, 3, '2024-5', 2, 0)"));
    twin.checkSame("one person's records in one month, malformed days, in one VALUES");
    REQUIRE(twin.write("UPDATE service_record SET person_id = 4 WHERE person_id = 1 AND id % 2 = 0"));
    twin.checkSame("records moved to a person of another unit in one UPDATE");
    REQUIRE(twin.write("UPDATE person SET unit_id = 9 WHERE unit_id = 5"));
    twin.checkSame("two people moved to another unit in one UPDATE");
    REQUIRE(twin.write("DELETE FROM service_record WHERE id % 3 = 0"));
    twin.checkSame("every third record deleted in one DELETE");
    REQUIRE(twin.write("DELETE FROM service_record WHERE person_id = 2"));
    twin.checkSame("all of one person's records deleted in one DELETE");
    REQUIRE(twin.write("DELETE FROM service_record WHERE person_id = 5 AND served_on LIKE '2024-01%'"));
    twin.checkSame("one month of one activity emptied");
    REQUIRE(twin.write("DELETE FROM person WHERE id IN (3, 4)"));
    twin.checkSame("two people deleted with their records (a cascade)");
    REQUIRE(twin.write("DELETE FROM service_record"));
    twin.checkSame("every record deleted");
}

TEST_CASE("the comparison can fail: a dropped trigger of 0043's or 0044's pair shows in its summary") {
    struct Dropped {
        const char* trigger;   // function name (the trigger is oNNNN_<name>)
        const char* table;     // the table it is on
        const char* summary;   // where the difference must show
    };
    for (const Dropped d : {Dropped{"unit_title_first_held_insert", "family_title_first_held", "unit_title_first_held"},
                            Dropped{"family_title_first_held_award_insert", "award", "family_title_first_held"},
                            Dropped{"family_title_gram_count_award_insert", "award", "family_title_gram_count"},
                            Dropped{"family_title_set_count_award_insert", "award", "family_title_set_count"}}) {
        CAPTURE(d.trigger);
        Twin twin;
        writeUnits(twin);
        const std::string title = std::to_string(titleOf(twin, "family"));
        twin.write("INSERT INTO family (id, head_name, unit_id) VALUES (1, '陈家', 5)");
        twin.write("INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (1, " + title + ", 2024, 1, 5, '命名')");
        twin.checkSame("one titled household");
        std::string trigger;
        {
            auto st = twin.pg().prepare("SELECT tgname FROM pg_trigger WHERE tgname LIKE '%\\_" + std::string(d.trigger) + "'");
            REQUIRE(st.step());
            trigger = st.columnText(0);
        }
        twin.pg().exec("DROP TRIGGER " + trigger + " ON " + d.table);
        twin.write("INSERT INTO family (id, head_name, unit_id) VALUES (2, '刘家', 6)");
        twin.write("INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (2, " + title + ", 2023, 2, 6, '命名')");
        const auto lines = twin.differences();
        REQUIRE_FALSE(lines.empty());
        bool inSummary = false;
        for (const auto& line : lines) inSummary = inSummary || line.rfind(std::string(d.summary) + ": ", 0) == 0;
        CHECK_MESSAGE(inSummary, lines.front());
    }
}

TEST_CASE("triggers on summary rows written directly: person_list, family_gram, family_title_count, a re-keyed board row") {
    // Writes the random run does not make (no code writes these rows but
    // their triggers): the volunteers' count, the grams' household and title
    // counts, board_person_period's re-keys. Written here directly on both.
    Twin twin;
    writeUnits(twin);
    twin.write("INSERT INTO person (id, name, unit_id, roster_hours) VALUES (1, '李梅', 5, 3), (2, '王芳', 6, 0)");
    twin.write("INSERT INTO service_record (id, person_id, served_on, hours, verified) VALUES (1, 1, '2024-05-02', 2, 1), (2, 2, '2024-06-02', 1, 1)");
    twin.write("INSERT INTO family (id, head_name, unit_id) VALUES (1, '陈家', 5), (2, '刘家', 6)");
    twin.write("INSERT INTO award (id, title_id, year, family_id, unit_id) VALUES (1, " + std::to_string(titleOf(twin, "family")) + ", 2024, 1, 5)");
    twin.checkSame("a small district");

    {   // board_person_period re-keyed (its period, its person)
        twin.write("UPDATE board_person_period SET period = '2023' WHERE person_id = 1 AND period = '2024'");
        twin.write("UPDATE board_person_period SET period = '2000' WHERE person_id = 1 AND period = 'all'");
        twin.checkSame("an 'all' row re-keyed");
        twin.write("UPDATE board_person_period SET period = 'all' WHERE person_id = 1 AND period = '2000'");
        twin.write("UPDATE board_person_period SET person_id = 1 WHERE person_id = 2 AND period = '2024-06'");
        twin.checkSame("the re-keys");
    }
    {   // family_gram rows counted per gram, with the households' titles
        const std::string grams = "SELECT gram, households, titles FROM family_gram_count WHERE gram LIKE 'Ω%' ORDER BY gram";
        twin.write("INSERT INTO family_gram (gram, sort_key, family_id) VALUES ('Ω1', 'a', 1), ('Ω1', 'b', 2), ('Ω2', 'a', 1)");
        twin.write("DELETE FROM family_gram WHERE gram = 'Ω1' AND family_id = 2");
        twin.checkSame("grams written");
        auto st = twin.pg().prepare(grams);
        std::vector<std::string> fromPg;
        while (st.step()) fromPg.push_back(st.columnText(0) + "|" + st.columnText(1) + "|" + st.columnText(2));
        CHECK(fromPg == std::vector<std::string>{"Ω1|1|1", "Ω2|1|1"});
        CHECK(twin.sqliteCount("SELECT households * 100 + titles FROM family_gram_count WHERE gram = 'Ω1'") == 101);
    }
    {   // family_title_count written directly: a household's count on its grams, moved to another household
        twin.write("DELETE FROM family_title_count WHERE family_id = 2");
        twin.write("INSERT INTO family_title_count (family_id, titles) VALUES (2, 2)");
        twin.checkSame("a title count written");
        twin.write("UPDATE family_title_count SET family_id = 7 WHERE family_id = 2");
        twin.write("UPDATE family_title_count SET family_id = 2 WHERE family_id = 7");
        twin.checkSame("a title count moved away and back");
    }
    {   // person_list rows: the volunteers' count moves alike
        const std::string count = "SELECT row_count FROM table_row_count WHERE table_name = 'person_list.volunteers'";
        const std::int64_t sqliteBefore = twin.sqliteCount(count);
        std::int64_t pgBefore = 0;
        { auto st = twin.pg().prepare(count); REQUIRE(st.step()); pgBefore = st.columnInt(0); }
        const std::string row = "(9001, 1, NULL, NULL, '赵敏', 'k', '', '', '', 'zhaomin', 'zm', NULL, NULL, 0, 0, 0, 0), "
                                "(9002, 0, NULL, NULL, '钱红', 'k', '', '', '', 'qianhong', 'qh', NULL, NULL, 0, 0, 0, 0)";
        twin.write("INSERT INTO person_list (person_id, is_volunteer, unit_id, unit_text, name, name_key, unit_key, gender_key, "
                   "joined_key, pinyin, initials, id_tail, phone_tail, dated_hours, counted_hours, records, unverified_hours) VALUES " + row);
        twin.write("UPDATE person_list SET is_volunteer = 1 WHERE person_id = 9002");
        twin.write("UPDATE person_list SET is_volunteer = 0 WHERE person_id = 9001");
        twin.write("DELETE FROM person_list WHERE person_id IN (9001, 9002)");
        twin.write("INSERT INTO person_list (person_id, is_volunteer, unit_id, unit_text, name, name_key, unit_key, gender_key, "
                   "joined_key, pinyin, initials, id_tail, phone_tail, dated_hours, counted_hours, records, unverified_hours) VALUES " + row);
        std::int64_t pgAfter = 0;
        { auto st = twin.pg().prepare(count); REQUIRE(st.step()); pgAfter = st.columnInt(0); }
        CHECK(twin.sqliteCount(count) - sqliteBefore == 1);
        CHECK(pgAfter - pgBefore == 1);
    }
    // Every function the random run cannot reach ran here.
    const auto notRun = twin.triggerFunctionsNotRun();
    for (const std::string name : kFiredOnlyByAppRows) {
        CAPTURE(name);
        CHECK(std::find(notRun.begin(), notRun.end(), name) == notRun.end());
    }
}

namespace {

// `count` people from id `first` on in one INSERT: names sharing grams (the
// counters' hot rows), units, no unit, unit text, volunteers or not, join
// days (a year's keys, malformed, none), roster hours or none.
std::string insertPeople(int first, int count) {
    return "WITH RECURSIVE s(i) AS (SELECT " + std::to_string(first) + " UNION ALL SELECT i + 1 FROM s WHERE i < "
           + std::to_string(first + count - 1) + ") "
           "INSERT INTO person (id, name, gender, id_number, phone, unit_id, unit_text, is_volunteer, joined_on, roster_hours) "
           "SELECT i, CASE i % 6 WHEN 0 THEN '李梅' WHEN 1 THEN '王芳' WHEN 2 THEN '单田芳' WHEN 3 THEN '王小明' "
           "WHEN 4 THEN '欧阳娜娜' ELSE '李' END || CASE WHEN i % 4 = 0 THEN '' ELSE CAST(i % 3 AS text) END, "
           "CASE i % 3 WHEN 0 THEN '女' WHEN 1 THEN '男' ELSE NULL END, "
           "CASE WHEN i % 5 = 0 THEN NULL ELSE CAST(110101199001000000 + i AS text) END, "
           "CASE WHEN i % 2 = 0 THEN CAST(13800000000 + i AS text) ELSE NULL END, "
           "CASE WHEN i % 7 = 0 THEN NULL ELSE 5 + i % 8 END, CASE WHEN i % 7 = 0 THEN '外街社区' ELSE NULL END, "
           "CASE WHEN i % 9 = 0 THEN 0 ELSE 1 END, "
           "CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '2020-03-0' || (1 + i % 9) WHEN 2 THEN '2021-01-01' WHEN 3 THEN '2022' "
           "ELSE '2023-11-2' || (i % 10) END, "
           "CASE WHEN i % 3 = 0 THEN 0 ELSE 0.5 * (i % 11) END FROM s";
}

// Runs `sql` in one transaction with the foreign keys deferred on both
// engines (undo's order: a person's records before the person).
void writeDeferred(Twin& twin, const std::string& sql) {
    twin.sqlite().exec("BEGIN; PRAGMA defer_foreign_keys = ON; " + sql + "; COMMIT");
    twin.pg().exec("BEGIN; SET CONSTRAINTS ALL DEFERRED; " + sql + "; COMMIT");
}

} // namespace

TEST_CASE("people in multi-row statements: person's statement-level triggers equal SQLite's row triggers") {
    // On PostgreSQL person's INSERT and AFTER DELETE triggers, person_list's
    // and person_gram's run once per statement (transition tables): many
    // people in one INSERT (the roster import's VALUES lists), updated and
    // deleted together, must leave what SQLite's per-row triggers leave.
    Twin twin;
    writeUnits(twin);
    REQUIRE(twin.write("INSERT INTO activity (id, name, held_on, unit_id) VALUES (1, '巡逻', '2024-01-01', 5), (2, '宣传', '2024-02-01', 6)"));
    REQUIRE(twin.write("INSERT INTO target (unit_id, year, metric, goal) VALUES (1, 2021, 'volunteers', 10), (1, 2024, 'volunteers', 50)"));
    REQUIRE(twin.write("INSERT INTO person (id, name, unit_id, roster_hours) VALUES (1, '李梅', 5, 3), (2, '王芳', 6, 0)"));
    REQUIRE(twin.write("INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES "
                       "(1, 1, 1, '2024-01-15', 2, 1), (2, 2, 2, '2023-12-31', 1, 1)"));
    twin.checkSame("two people with records");
    REQUIRE(twin.write(insertPeople(100, 120)));
    twin.checkSame("120 people in one INSERT");
    REQUIRE(twin.write(insertPeople(300, 64)));
    twin.checkSame("64 more people in one INSERT (counters already there)");
    // People inserted after their records and roster credits (undo of a
    // delete): the insert triggers read their board rows and periods.
    writeDeferred(twin, "INSERT INTO service_record (id, person_id, activity_id, served_on, hours, verified) VALUES "
                        "(10, 500, 1, '2024-03-05', 3, 1), (11, 500, 2, '2024-04-06', 1.5, 1), (12, 501, NULL, '2023-07-07', 2, 1), "
                        "(13, 502, 1, '2024-03-09', 4, 0); "
                        "INSERT INTO roster_credit (person_id, credited_on, hours, period) VALUES (501, '2024-06-30', 5, '2024Q2'), "
                        "(503, '2024-01-31', 2, NULL); " + insertPeople(500, 6));
    twin.checkSame("six people inserted after their records and credits");
    REQUIRE(twin.write("UPDATE person SET unit_id = 5 + (id + 3) % 8 WHERE id % 4 = 1"));
    twin.checkSame("people moved between units in one UPDATE");
    REQUIRE(twin.write("UPDATE person SET name = name || '华' WHERE id % 5 = 2"));
    twin.checkSame("people renamed in one UPDATE");
    REQUIRE(twin.write("UPDATE person SET is_volunteer = 1 - is_volunteer, joined_on = '2024-02-02' WHERE id % 6 = 3"));
    twin.checkSame("volunteers in or out and joined again in one UPDATE");
    REQUIRE(twin.write("UPDATE person SET roster_hours = roster_hours + 1.25 WHERE id % 3 = 0"));
    REQUIRE(twin.write("UPDATE person SET roster_hours = 0 WHERE id % 8 = 1"));
    twin.checkSame("roster hours raised and cleared in one UPDATE each");
    REQUIRE(twin.write("UPDATE person SET phone = NULL, id_number = NULL WHERE id % 10 = 4"));
    twin.checkSame("phones and ID numbers dropped in one UPDATE");
    REQUIRE(twin.write("DELETE FROM person WHERE id % 3 = 1"));
    twin.checkSame("a third of the people deleted in one DELETE (some with records and credits)");
    REQUIRE(twin.write(insertPeople(1000, 30)));
    twin.checkSame("30 people in one INSERT after the delete");
    REQUIRE(twin.write("DELETE FROM person WHERE unit_id IS NULL OR is_volunteer = 0"));
    twin.checkSame("people without a unit or not volunteers deleted in one DELETE");
    REQUIRE(twin.write("DELETE FROM person"));
    twin.checkSame("everyone deleted");
    CHECK(twin.sqliteCount("SELECT count(*) FROM person_gram_count WHERE volunteers > 0") == 0);
}

namespace {

// `count` households from id `first` on in one INSERT (a families import's
// VALUES list): heads sharing grams, units, no unit (its text kept), an address each.
std::string insertFamilies(int first, int count) {
    return "WITH RECURSIVE s(i) AS (SELECT " + std::to_string(first) + " UNION ALL SELECT i + 1 FROM s WHERE i < "
           + std::to_string(first + count - 1) + ") "
           "INSERT INTO family (id, head_name, address, members, unit_id, unit_text) "
           "SELECT i, CASE i % 5 WHEN 0 THEN '陈家' WHEN 1 THEN '王芳' WHEN 2 THEN '单田芳' WHEN 3 THEN '欧阳娜娜' ELSE '李' END "
           "|| CAST(i % 3 AS text), '幸福路' || CAST(i AS text) || '号', 1 + i % 5, "
           "CASE WHEN i % 9 = 0 THEN NULL ELSE 5 + i % 8 END, CASE WHEN i % 9 = 0 THEN '外街社区' ELSE NULL END FROM s";
}

// One award of `title` for each household from `firstFamily` on, in one
// INSERT, ids from `firstAward`: years, statuses (named, reviewed, applied),
// the household's unit or none; every third household a second one of `other`.
std::string insertFamilyAwards(int firstAward, int firstFamily, int count, const std::string& title, const std::string& other) {
    return "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < " + std::to_string(count - 1) + ") "
           "INSERT INTO award (id, title_id, year, family_id, unit_id, status) "
           "SELECT " + std::to_string(firstAward) + " + 2 * i + k, CASE WHEN k = 0 THEN " + title + " ELSE " + other + " END, "
           "2020 + (i + k) % 5, " + std::to_string(firstFamily) + " + i, f.unit_id, "
           "CASE (i + k) % 7 WHEN 0 THEN '复核' WHEN 1 THEN '申报' ELSE '命名' END "
           "FROM s JOIN family f ON f.id = " + std::to_string(firstFamily) + " + i, (SELECT 0 AS k UNION ALL SELECT 1) AS two "
           "WHERE k = 0 OR i % 3 = 0";
}

} // namespace

TEST_CASE("households and their titles in multi-row statements: family's and award's statement-level triggers equal SQLite's row triggers") {
    // On PostgreSQL family's and award's INSERT and AFTER DELETE triggers and
    // family_gram's counts run once per statement (transition tables): the
    // families import's VALUES lists, its updates (members, unit text, a
    // household moved) and its undo (the batch's awards, then its households)
    // must leave what SQLite's per-row triggers leave.
    Twin twin;
    writeUnits(twin);
    const auto familyTitles = twin.sqliteIds("SELECT id FROM award_title WHERE subject_kind = 'family' ORDER BY id LIMIT 2");
    REQUIRE(familyTitles.size() == 2);
    const std::string t1 = std::to_string(familyTitles[0]), t2 = std::to_string(familyTitles[1]);
    REQUIRE(twin.write("INSERT INTO family (id, head_name, address, unit_id) VALUES (1, '陈家', '幸福路1号', 5), (2, '王芳1', '', 6)"));
    REQUIRE(twin.write("INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (1, " + t1 + ", 2022, 1, 5, '命名')"));
    twin.checkSame("two households, one title");
    REQUIRE(twin.write(insertFamilies(100, 90)));
    twin.checkSame("90 households in one INSERT");
    REQUIRE(twin.write(insertFamilyAwards(1000, 100, 90, t1, t2)));
    twin.checkSame("120 titles of 90 households in one INSERT");
    REQUIRE(twin.write("INSERT INTO award_event (award_id, status, happened_on) "
                       "SELECT id, '命名', year || '-0' || (1 + id % 9) || '-15' FROM award WHERE id >= 1000 AND status = '命名'"));
    twin.checkSame("their 命名 days in one INSERT");
    REQUIRE(twin.write(insertFamilies(300, 40)));
    REQUIRE(twin.write(insertFamilyAwards(2000, 300, 40, t2, t1)));
    twin.checkSame("40 more households and their titles (counters already there)");
    // A households' title inserted before the household (undo of a delete).
    writeDeferred(twin, "INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES "
                        "(3000, " + t1 + ", 2023, 500, 6, '命名'), (3001, " + t2 + ", 2024, 500, 6, '复核'), (3002, " + t1 + ", 2021, 501, NULL, '命名'); "
                        + insertFamilies(500, 3));
    twin.checkSame("three households inserted after their titles");
    REQUIRE(twin.write("UPDATE family SET members = members + 1 WHERE id % 4 = 0"));
    REQUIRE(twin.write("UPDATE family SET unit_text = NULL WHERE unit_text IS NOT NULL AND id % 2 = 0"));
    twin.checkSame("members and unit texts changed in one UPDATE each");
    REQUIRE(twin.write("UPDATE family SET unit_id = 5 + (id + 3) % 8 WHERE id % 5 = 1"));
    twin.checkSame("households moved between units in one UPDATE");
    REQUIRE(twin.write("DELETE FROM award WHERE id >= 2000 AND id < 3000"));
    twin.checkSame("a batch's titles deleted in one DELETE");
    REQUIRE(twin.write("DELETE FROM family WHERE id >= 300 AND id < 400"));
    twin.checkSame("its households deleted in one DELETE");
    REQUIRE(twin.write("DELETE FROM family WHERE id % 3 = 1"));
    twin.checkSame("a third of the households deleted with their titles (a cascade)");
    REQUIRE(twin.write("DELETE FROM award WHERE status = '复核' OR year = 2021"));
    twin.checkSame("reviewed titles and a year's titles deleted in one DELETE");
    REQUIRE(twin.write("DELETE FROM family"));
    twin.checkSame("every household deleted");
    CHECK(twin.sqliteCount("SELECT count(*) FROM unit_family_count WHERE families <> 0") == 0);
    CHECK(twin.sqliteCount("SELECT count(*) FROM award") == 0);
}
