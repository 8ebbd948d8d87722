// Issue 18's second brick: PostgreSQL's migration set (db/migrations_pg)
// makes the same model as SQLite's migrations at the same version. Both are
// read from the engines' own catalogs into one normalized form and compared
// table by table; a difference prints as lines "sqlite: …" / "postgresql: …".
//
// Compared: tables and views by name; each table's columns in order (type
// class, NOT NULL, default present or not), primary key, UNIQUE
// constraints, foreign keys (columns, target, ON UPDATE/ON DELETE), indexes
// (name, unique, key columns with DESC, expression keys as <expr>, partial
// or not); how many CHECK constraints each table has; each view's column
// names. Not compared: what a CHECK, a default, an index expression or a
// partial index's predicate says (only that it is there), view bodies,
// triggers (tests/pg_triggers_test compares the rows they keep),
// deferrability (SQLite has none).
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "storage/pg_security.hpp"
#include "support/pg_cluster.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

using jinguo::storage::Database;
using jinguo::test::TempDbPath;
using jinguo::storage::PgDatabase;
using jinguo::storage::StorageError;
using jinguo::storage::Statement;
namespace storage = jinguo::storage;

namespace {

// One engine's schema, normalized: table or view name -> its describing lines.
struct Model {
    std::map<std::string, std::vector<std::string>> tables;
    std::map<std::string, std::vector<std::string>> views;
    int indexes = 0;
    int foreignKeys = 0;
};

std::string sqliteTypeClass(std::string declared) {
    for (char& c : declared) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (declared.find("INT") != std::string::npos) return "integer";
    if (declared.find("CHAR") != std::string::npos || declared.find("CLOB") != std::string::npos
        || declared.find("TEXT") != std::string::npos)
        return "text";
    if (declared.empty() || declared.find("BLOB") != std::string::npos) return "blob";
    if (declared.find("REAL") != std::string::npos || declared.find("FLOA") != std::string::npos
        || declared.find("DOUB") != std::string::npos)
        return "real";
    return "numeric:" + declared;
}

std::string pgTypeClass(const std::string& formatted) {
    if (formatted == "bigint" || formatted == "integer" || formatted == "smallint") return "integer";
    if (formatted == "text" || formatted.rfind("character", 0) == 0) return "text";
    if (formatted == "double precision" || formatted == "real") return "real";
    if (formatted == "bytea") return "blob";
    return "other:" + formatted;
}

// A PRIMARY KEY column is NOT NULL on both (SQLite's pragma says 0 for a
// rowid alias and lets a rowid table's other key columns hold NULL, a
// historical bug the app never relies on).
std::string columnLine(const std::string& name, const std::string& typeClass, bool notNull, bool hasDefault, bool inKey) {
    return "column " + name + " " + typeClass + ((notNull || inKey) ? " NOT NULL" : "") + (hasDefault ? " DEFAULT" : "");
}

std::string actionWord(const std::string& sqliteAction) { return sqliteAction; }   // NO ACTION, CASCADE, …

std::string pgAction(const std::string& code) {
    if (code == "a") return "NO ACTION";
    if (code == "r") return "RESTRICT";
    if (code == "c") return "CASCADE";
    if (code == "n") return "SET NULL";
    if (code == "d") return "SET DEFAULT";
    return "?" + code;
}

// SQLite's FTS5 tables and their shadow tables: PostgreSQL has person_search
// and family_search as plain tables with pg_trgm GIN indexes (0045's pair),
// not comparable column by column (FTS5's rowid is their key column).
const std::set<std::string> kSqliteOnlyTables = {
    "person_search", "person_search_data", "person_search_idx", "person_search_content",
    "person_search_docsize", "person_search_config",
    "family_search", "family_search_data", "family_search_idx", "family_search_content",
    "family_search_docsize", "family_search_config"};
// The version record: SQLite keeps it in PRAGMA user_version. The server's
// users (db/migrations_pg/security): a SQLite file has one user, its owner.
// The app's pinyin readings (pinyin_reading, _version: SQLite calls the app's
// functions instead). person_search/family_search: see kSqliteOnlyTables.
const std::set<std::string> kPgOnlyTables = {"schema_version", "jinguo_user", "pinyin_reading",
                                             "pinyin_reading_version", "person_search", "family_search"};
const std::set<std::string> kSqliteOnlyViews = {};

// The CHECK ( … ) clauses of a CREATE TABLE, outside -- comments and '…'.
int countChecks(const std::string& createSql) {
    int checks = 0;
    bool inString = false;
    for (std::size_t i = 0; i < createSql.size(); ++i) {
        const char c = createSql[i];
        if (inString) {
            inString = c != '\'';
        } else if (c == '\'') {
            inString = true;
        } else if (c == '-' && createSql.compare(i, 2, "--") == 0) {
            i = createSql.find('\n', i);
            if (i == std::string::npos) break;
        } else if ((c == 'C' || c == 'c') && i + 5 <= createSql.size() && (i == 0 || !std::isalnum(static_cast<unsigned char>(createSql[i - 1])))) {
            std::string word = createSql.substr(i, 5);
            for (char& w : word) w = static_cast<char>(std::toupper(static_cast<unsigned char>(w)));
            std::size_t next = i + 5;
            while (next < createSql.size() && std::isspace(static_cast<unsigned char>(createSql[next]))) ++next;
            if (word == "CHECK" && next < createSql.size() && createSql[next] == '(') ++checks;
        }
    }
    return checks;
}

std::int64_t pgCountIn(PgDatabase& db, const std::string& sql, const std::string& name) {
    auto st = db.prepare(sql);
    st.bind(1, name);
    return st.step() ? st.columnInt(0) : -1;
}

Model readSqlite(Database& db) {
    Model model;
    std::vector<std::pair<std::string, std::string>> objects;
    {
        Statement st = db.prepare("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') "
                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name");
        while (st.step()) objects.emplace_back(st.columnText(0), st.columnText(1));
    }
    for (const auto& [name, type] : objects) {
        std::vector<std::string> lines;
        std::map<int, std::string> key;
        Statement columns = db.prepare("SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info(?) ORDER BY cid");
        columns.bind(1, name);
        while (columns.step()) {
            if (type == "view") {
                lines.push_back("column " + columns.columnText(0));
                continue;
            }
            const int pk = static_cast<int>(columns.columnInt(4));
            if (pk > 0) key[pk] = columns.columnText(0);
            lines.push_back(columnLine(columns.columnText(0), sqliteTypeClass(columns.columnText(1)),
                                       columns.columnInt(2) == 1, columns.columnInt(3) == 1, pk > 0));
        }
        if (type == "view") {
            model.views[name] = lines;
            continue;
        }
        std::string pk;
        for (const auto& [position, column] : key) pk += (pk.empty() ? "" : ", ") + column;
        if (!pk.empty()) lines.push_back("primary key (" + pk + ")");

        Statement indexes = db.prepare("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)");
        indexes.bind(1, name);
        std::vector<std::tuple<std::string, bool, std::string, bool>> found;
        while (indexes.step())
            found.emplace_back(indexes.columnText(0), indexes.columnInt(1) == 1, indexes.columnText(2), indexes.columnInt(3) == 1);
        for (const auto& [indexName, unique, origin, partial] : found) {
            if (origin == "pk") continue;   // the primary key, above
            Statement keys = db.prepare("SELECT name, \"desc\", cid FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno");
            keys.bind(1, indexName);
            std::string columnsText;
            while (keys.step()) {
                const std::string column = keys.columnInt(2) == -2 ? "<expr>" : keys.columnText(0);
                columnsText += (columnsText.empty() ? "" : ", ") + column + (keys.columnInt(1) == 1 ? " DESC" : "");
            }
            if (origin == "u") {
                lines.push_back("unique (" + columnsText + ")");
            } else {
                lines.push_back("index " + indexName + (unique ? " UNIQUE" : "") + " (" + columnsText + ")"
                                + (partial ? " WHERE …" : ""));
                ++model.indexes;
            }
        }

        Statement keys = db.prepare("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                                    "FROM pragma_foreign_key_list(?) ORDER BY id, seq");
        keys.bind(1, name);
        std::map<std::int64_t, std::vector<std::string>> byId;   // id -> from, to, table, update, delete
        while (keys.step()) {
            auto& fk = byId[keys.columnInt(0)];
            std::string to = keys.columnText(3);
            if (to.empty()) {   // REFERENCES t without columns: t's primary key (single-column here)
                Statement parentKey = db.prepare("SELECT name FROM pragma_table_info(?) WHERE pk = 1");
                parentKey.bind(1, keys.columnText(1));
                if (parentKey.step()) to = parentKey.columnText(0);
            }
            if (fk.empty()) {
                fk = {keys.columnText(2), to, keys.columnText(1), actionWord(keys.columnText(4)), actionWord(keys.columnText(5))};
            } else {
                fk[0] += ", " + keys.columnText(2);
                fk[1] += ", " + to;
            }
        }
        for (const auto& [id, fk] : byId) {
            lines.push_back("foreign key (" + fk[0] + ") -> " + fk[2] + " (" + fk[1] + ") ON UPDATE " + fk[3] + " ON DELETE " + fk[4]);
            ++model.foreignKeys;
        }
        // CHECK constraints are counted, not compared: SQLite keeps them only
        // as text in the CREATE statement (no pragma lists them).
        Statement sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?");
        sql.bind(1, name);
        if (sql.step()) lines.push_back("checks " + std::to_string(countChecks(sql.columnText(0))));
        model.tables[name] = lines;
    }
    return model;
}

Model readPostgres(PgDatabase& db) {
    Model model;
    std::vector<std::pair<std::string, std::string>> objects;
    {
        auto st = db.prepare("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v') ORDER BY c.relname");
        while (st.step()) objects.emplace_back(st.columnText(0), st.columnText(1));
    }
    for (const auto& [name, kind] : objects) {
        if (kPgOnlyTables.count(name)) {   // listed by name only: no pair to compare, nothing to count
            model.tables[name] = {};
            continue;
        }
        std::vector<std::string> lines;
        std::set<std::string> keyColumns;
        std::string pk;
        {
            auto st = db.prepare("SELECT a.attname FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) "
                                 "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
                                 "WHERE c.conrelid = ?::regclass AND c.contype = 'p' ORDER BY k.ord");
            st.bind(1, name);
            while (st.step()) {
                keyColumns.insert(st.columnText(0));
                pk += (pk.empty() ? "" : ", ") + st.columnText(0);
            }
        }
        auto columns = db.prepare("SELECT attname, format_type(atttypid, atttypmod), attnotnull, atthasdef FROM pg_attribute "
                                  "WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
        columns.bind(1, name);
        while (columns.step()) {
            if (kind == "v") {
                lines.push_back("column " + columns.columnText(0));
                continue;
            }
            lines.push_back(columnLine(columns.columnText(0), pgTypeClass(columns.columnText(1)), columns.columnInt(2) == 1,
                                       columns.columnInt(3) == 1, keyColumns.count(columns.columnText(0)) > 0));
        }
        if (kind == "v") {
            model.views[name] = lines;
            continue;
        }
        if (!pk.empty()) lines.push_back("primary key (" + pk + ")");

        // Key columns as SQLite names them: the column, or <expr>; DESC from indoption.
        const char* keyList =
            "(SELECT string_agg(CASE WHEN x.indkey[k - 1] = 0 THEN '<expr>' ELSE pg_get_indexdef(x.indexrelid, k, true) END"
            " || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END, ', ' ORDER BY k)"
            " FROM generate_series(1, x.indnkeyatts) AS k)";
        auto uniques = db.prepare(std::string("SELECT ") + keyList + " FROM pg_constraint c JOIN pg_index x ON x.indexrelid = c.conindid "
                                  "WHERE c.conrelid = ?::regclass AND c.contype = 'u'");
        uniques.bind(1, name);
        while (uniques.step()) lines.push_back("unique (" + uniques.columnText(0) + ")");
        auto indexes = db.prepare(std::string("SELECT i.relname, x.indisunique, x.indpred IS NOT NULL, ") + keyList
                                  + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ?::regclass "
                                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))");
        indexes.bind(1, name);
        while (indexes.step()) {
            lines.push_back("index " + indexes.columnText(0) + (indexes.columnInt(1) == 1 ? " UNIQUE" : "") + " ("
                            + indexes.columnText(3) + ")" + (indexes.columnInt(2) == 1 ? " WHERE …" : ""));
            ++model.indexes;
        }
        auto keys = db.prepare(
            "SELECT (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)"
            "        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),"
            "       c.confrelid::regclass::text,"
            "       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)"
            "        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum),"
            "       c.confupdtype, c.confdeltype "
            "FROM pg_constraint c WHERE c.conrelid = ?::regclass AND c.contype = 'f'");
        keys.bind(1, name);
        while (keys.step()) {
            lines.push_back("foreign key (" + keys.columnText(0) + ") -> " + keys.columnText(1) + " (" + keys.columnText(2)
                            + ") ON UPDATE " + pgAction(keys.columnText(3)) + " ON DELETE " + pgAction(keys.columnText(4)));
            ++model.foreignKeys;
        }
        lines.push_back("checks " + std::to_string(pgCountIn(db, "SELECT count(*) FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'c'", name)));
        model.tables[name] = lines;
    }
    return model;
}

// Lines in one model's entry and not the other's, per name; "" when equal.
// Column lines keep their order (a moved column is a difference); the rest
// are compared as sets (SQLite and PostgreSQL list them in different orders).
std::string diffEntries(const char* what, const std::map<std::string, std::vector<std::string>>& sqlite,
                        const std::map<std::string, std::vector<std::string>>& postgres,
                        const std::set<std::string>& sqliteOnly, const std::set<std::string>& postgresOnly) {
    std::string diff;
    std::set<std::string> names;
    for (const auto& [name, lines] : sqlite) names.insert(name);
    for (const auto& [name, lines] : postgres) names.insert(name);
    for (const std::string& name : names) {
        const bool inSqlite = sqlite.count(name) > 0, inPostgres = postgres.count(name) > 0;
        if (sqliteOnly.count(name) && postgresOnly.count(name)) continue;   // in both, each engine's own form
        if (!inPostgres) {
            if (!sqliteOnly.count(name)) diff += std::string(what) + " " + name + ": only in sqlite\n";
            continue;
        }
        if (!inSqlite) {
            if (!postgresOnly.count(name)) diff += std::string(what) + " " + name + ": only in postgresql\n";
            continue;
        }
        const auto& a = sqlite.at(name);
        const auto& b = postgres.at(name);
        std::vector<std::string> columnsA, columnsB;
        std::multiset<std::string> restA, restB;
        for (const auto& line : a) (line.rfind("column ", 0) == 0 ? (void)columnsA.push_back(line) : (void)restA.insert(line));
        for (const auto& line : b) (line.rfind("column ", 0) == 0 ? (void)columnsB.push_back(line) : (void)restB.insert(line));
        std::string entry;
        if (columnsA != columnsB) {
            const std::set<std::string> setA(columnsA.begin(), columnsA.end()), setB(columnsB.begin(), columnsB.end());
            if (setA == setB) {   // the same columns in another order
                entry += "    column order differs:\n";
                for (const auto& line : columnsA) entry += "      sqlite:     " + line + "\n";
                for (const auto& line : columnsB) entry += "      postgresql: " + line + "\n";
            }
            for (const auto& line : columnsA)
                if (!setB.count(line)) entry += "    sqlite:     " + line + "\n";
            for (const auto& line : columnsB)
                if (!setA.count(line)) entry += "    postgresql: " + line + "\n";
        }
        for (const auto& line : restA)
            if (!restB.count(line)) entry += "    sqlite:     " + line + "\n";
        for (const auto& line : restB)
            if (!restA.count(line)) entry += "    postgresql: " + line + "\n";
        if (!entry.empty()) diff += std::string(what) + " " + name + ":\n" + entry;
    }
    // An allowed difference that is no longer one is stale: say so.
    for (const std::string& name : sqliteOnly)
        if (!sqlite.count(name) || (postgres.count(name) && !postgresOnly.count(name))) diff += std::string(what) + " " + name + ": listed as sqlite-only, but is not\n";
    for (const std::string& name : postgresOnly)
        if (!postgres.count(name) || (sqlite.count(name) && !sqliteOnly.count(name))) diff += std::string(what) + " " + name + ": listed as postgresql-only, but is not\n";
    return diff;
}

std::int64_t pgCount(PgDatabase& db, const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// A query's rows as "a|b|c" lines, read the same way from either engine.
template <class Db> std::vector<std::string> rowsOf(Db& db, const std::string& sql) {
    std::vector<std::string> rows;
    auto st = db.prepare(sql);
    while (st.step()) {
        std::string row;
        for (int col = 0; col < st.columnCount(); ++col)
            row += (col ? "|" : "") + (st.columnIsNull(col) ? std::string("NULL") : st.columnText(col));
        rows.push_back(row);
    }
    return rows;
}

// The same rows written to both engines: a district with households' titles
// that lapse (valid_years), are re-reviewed (复核), never lapse (NULL), have
// a malformed date and dates at month ends; a person's title; service records.
// Every row of `table`, sorted, its columns as `columns` lists them
// ("column NAME CLASS …" lines of a Model): REAL read as a number (SQLite
// writes 80.0 where PostgreSQL writes 80), the clock's columns (…_at) left out.
template <class Db> std::vector<std::string> tableRows(Db& db, const std::string& table, const std::vector<std::string>& columns) {
    std::string select;
    std::vector<bool> real;
    for (const std::string& line : columns) {
        if (line.rfind("column ", 0) != 0) continue;
        const std::size_t nameEnd = line.find(' ', 7);
        const std::string name = line.substr(7, nameEnd - 7);
        if (name == "at" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_at") == 0)) continue;
        select += (select.empty() ? "" : ", ") + ("\"" + name + "\"");
        real.push_back(line.compare(nameEnd + 1, 4, "real") == 0);
    }
    std::vector<std::string> rows;
    auto st = db.prepare("SELECT " + select + " FROM " + table);
    while (st.step()) {
        std::string row;
        for (int col = 0; col < st.columnCount(); ++col) {
            row += col ? "|" : "";
            if (st.columnIsNull(col)) row += "NULL";
            else if (real[col]) row += std::to_string(st.columnDouble(col));
            else row += st.columnText(col);
        }
        rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

const char* const kSharedRows[] = {
    "UPDATE setting SET value = '3' WHERE key = 'titles.grace_months'",
    "INSERT INTO org_unit (id, parent_id, name, kind) VALUES (1, NULL, '滨江区', '区')",
    "INSERT INTO org_unit (id, parent_id, name, kind) VALUES (2, 1, '江滨街道', '街道')",
    "INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (3, 2, '向阳社区', '社区', 120)",
    "INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (4, 2, '梅园社区', '社区', 80)",
    "INSERT INTO award_title (id, name, subject_kind, level, valid_years) VALUES (101, '和美家庭', 'family', '区', 3)",
    "INSERT INTO award_title (id, name, subject_kind, level, valid_years) VALUES (102, '书香家庭', 'family', '街道', NULL)",
    "INSERT INTO award_title (id, name, subject_kind, level, valid_years) VALUES (103, '和美家庭', 'family', '街道', 1)",
    "INSERT INTO award_title (id, name, subject_kind, level, valid_years) VALUES (104, '巾帼志愿之星', 'person', '区', 2)",
    "INSERT INTO person (id, name, unit_id) VALUES (1, '陈静', 3)",
    "INSERT INTO person (id, name, unit_id, is_volunteer) VALUES (2, '周兰', 4, 0)",
    "INSERT INTO family (id, head_name, unit_id) VALUES (1, '王芳', 3)",
    "INSERT INTO family (id, head_name, unit_id) VALUES (2, '李梅', 3)",
    "INSERT INTO family (id, head_name, unit_id) VALUES (3, '赵敏', 4)",
    "INSERT INTO family (id, head_name, unit_id) VALUES (4, '孙丽', NULL)",
    "INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (1, 101, 2021, 1, 3, '命名')",
    "INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (2, 101, 2022, 2, 3, '复核')",
    "INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (3, 102, 2023, 3, 4, '命名')",
    "INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (4, 103, 2023, 1, 3, '命名')",
    "INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (5, 103, 2024, 3, 4, '命名')",
    "INSERT INTO award (id, title_id, year, family_id, status) VALUES (6, 101, 2024, 4, '命名')",
    "INSERT INTO award (id, title_id, year, person_id, status) VALUES (7, 104, 2024, 1, '命名')",
    "INSERT INTO award (id, title_id, year, family_id, unit_id, status) VALUES (8, 101, 2020, 3, 4, '申报')",
    "INSERT INTO award_event (award_id, status, happened_on) VALUES (1, '命名', '2021-11-30')",
    "INSERT INTO award_event (award_id, status, happened_on) VALUES (2, '命名', '2022-01-31')",
    "INSERT INTO award_event (award_id, status, happened_on) VALUES (2, '复核', '2024-02-29')",
    "INSERT INTO award_event (award_id, status, happened_on) VALUES (2, '复核', '2025-06-15')",
    "INSERT INTO award_event (award_id, status, happened_on) VALUES (4, '命名', '2023-02-30')",   // malformed: no such day
    "INSERT INTO award_event (award_id, status, happened_on) VALUES (5, '命名', '2024-08-31')",
    "INSERT INTO award_event (award_id, status, happened_on) VALUES (5, '复核', '2024-12-31')",
    "INSERT INTO service_record (person_id, served_on, hours, verified) VALUES (1, '2024-03-01', 2.5, 1)",
    "INSERT INTO service_record (person_id, served_on, hours, verified) VALUES (1, '2024-03-01T09:30', 1.25, 1)",
    "INSERT INTO service_record (person_id, served_on, hours, verified) VALUES (1, '2024-03-02', 4, 0)",
    "INSERT INTO service_record (person_id, served_on, hours, verified) VALUES (2, '2024-03-01', 3, 1)",
    "INSERT INTO roster_credit (person_id, credited_on, hours) VALUES (1, '2024-03-31', 10)",
};

// One query per view both engines have, in an order and form both read alike
// (hours as hundredths: SQLite writes 5.0 where PostgreSQL writes 5).
const char* const kViewQueries[] = {
    "SELECT person_id, served_on, CAST(round(hours * 100) AS INTEGER), activity_id FROM dated_hours ORDER BY 1, 2, 3",
    "SELECT award_id, title_id, unit_id, family_id, valid_years, named_on, grace_months FROM award_held_life ORDER BY 1",
    "SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_named ORDER BY 1, 2",
    "SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_reviewed ORDER BY 1, 2",
    "SELECT award_id, held_from, held_until, title_id, unit_id, family_id FROM award_held_span_source ORDER BY 1, 2",
    "SELECT title_name, title_id, unit_id, family_id, day, d FROM family_title_held_step_events ORDER BY 1, 2, 3, 4, 5, 6",
    "SELECT title_name, title_id, unit_id, day, families FROM family_title_held_step_source ORDER BY 1, 2, 3, 4",
    "SELECT award_id, unit_id, unit_name, holder, title_name, year, title_id FROM review_title_order_source ORDER BY 1",
    "SELECT day, unit_id, CAST(round(hours * 100) AS INTEGER), records FROM unit_day_hours_source ORDER BY 1, 2",
};

} // namespace

TEST_SUITE("pg_schema") {

TEST_CASE("PostgreSQL's migration set makes the model SQLite's migrations make at the same version") {
    const int version = storage::latestPgSchemaVersion();
    REQUIRE(version >= 40);
    REQUIRE(version <= storage::latestSchemaVersion());

    // SQLite only up to the PostgreSQL set's version: a SQLite migration
    // whose PostgreSQL pair is not written yet fails here, not silently.
    TempDbPath path;
    Database sqlite(path.str());
    storage::migrateDatabaseTo(sqlite, version);
    REQUIRE(sqlite.userVersion() == version);

    PgDatabase postgres(test::PgCluster::shared().createDatabase());
    CHECK(storage::migratePgDatabase(postgres) > 0);
    REQUIRE(storage::pgSchemaVersion(postgres) == version);
    storage::applyPgSecurity(postgres);   // as `jinguo server init` leaves it

    const Model fromSqlite = readSqlite(sqlite);
    const Model fromPostgres = readPostgres(postgres);
    // Not an empty comparison: the schema at 40 has 45 shared tables, 91 indexes, 37 foreign keys.
    CHECK(fromPostgres.tables.size() >= 45);
    CHECK(fromPostgres.indexes >= 90);
    CHECK(fromPostgres.foreignKeys >= 35);
    CHECK(fromSqlite.indexes == fromPostgres.indexes);
    CHECK(fromSqlite.foreignKeys == fromPostgres.foreignKeys);

    const std::string tables = diffEntries("table", fromSqlite.tables, fromPostgres.tables, kSqliteOnlyTables, kPgOnlyTables);
    const std::string views = diffEntries("view", fromSqlite.views, fromPostgres.views, kSqliteOnlyViews, {});
    CHECK_MESSAGE(tables.empty(), "the engines' tables differ:\n" << tables);
    CHECK_MESSAGE(views.empty(), "the engines' views differ:\n" << views);

    // A new database holds the same rows on both (settings, the built-in
    // title catalogue and creation kinds, the summaries' starting rows).
    // Not the migrations' rows: the app's open writes them after the
    // migrations (fillPersonSortKeys records the ICU collator it keyed names
    // with, and the setting's trigger marks every badge for a full pass). The
    // app's open on PostgreSQL is a later brick.
    sqlite.exec("DELETE FROM setting WHERE key = 'pinyin.collation_version'");
    sqlite.exec("DELETE FROM badge_dirty WHERE scope = 'all'");
    int seeded = 0;
    for (const auto& [table, lines] : fromSqlite.tables) {
        if (!fromPostgres.tables.count(table)) continue;
        CAPTURE(table);
        const auto rows = tableRows(sqlite, table, lines);
        const auto pgRows = tableRows(postgres, table, lines);
        std::string shown;
        for (const auto& row : rows) shown += "\n  sqlite:     " + row;
        for (const auto& row : pgRows) shown += "\n  postgresql: " + row;
        CHECK_MESSAGE(rows == pgRows, shown);
        seeded += static_cast<int>(rows.size());
    }
    CHECK(seeded > 60);
    // …and the next id drawn follows the seeded ones (the identity's sequence was set).
    postgres.exec("INSERT INTO award_title (name, subject_kind, level) VALUES ('新称号', 'family', '区')");
    CHECK(pgCount(postgres, "SELECT count(*) FROM award_title WHERE name = '新称号' AND id = (SELECT max(id) FROM award_title)") == 1);

    // Every PostgreSQL view runs (SQLite's views are not checked when made,
    // PostgreSQL's are, but a view can still fail when read).
    for (const auto& [name, columns] : fromPostgres.views) {
        CAPTURE(name);
        CHECK(pgCount(postgres, "SELECT count(*) FROM " + name) == 0);
    }
}

TEST_CASE("the set applied to an empty database twice: the second time has nothing to do") {
    PgDatabase db(test::PgCluster::shared().createDatabase());
    CHECK(storage::pgSchemaVersion(db) == 0);
    CHECK(storage::migratePgDatabase(db) == static_cast<int>(storage::embeddedPgMigrations().size()));
    const int latest = storage::latestPgSchemaVersion();
    CHECK(storage::pgSchemaVersion(db) == latest);
    const std::string countObjects = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                     "WHERE n.nspname = current_schema()";
    const std::int64_t objects = pgCount(db, countObjects);
    CHECK(objects > 100);

    CHECK(storage::migratePgDatabase(db) == 0);
    CHECK(storage::pgSchemaVersion(db) == latest);
    CHECK(pgCount(db, countObjects) == objects);
    CHECK_FALSE(db.inTransaction());

    // The schema holds a row as SQLite's does: identity ids, defaults, a key.
    db.exec("INSERT INTO org_unit (name, kind) VALUES ('滨江区', '区')");
    db.exec("INSERT INTO person (name, unit_id) VALUES ('李梅', (SELECT id FROM org_unit))");
    CHECK(pgCount(db, "SELECT count(*) FROM person WHERE created_at ~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$' AND is_volunteer = 1") == 1);
}

TEST_CASE("a set whose last migration fails leaves the database as it was: one transaction") {
    PgDatabase db(test::PgCluster::shared().createDatabase());
    std::vector<storage::Migration> broken = storage::embeddedPgMigrations();
    const int next = broken.back().version + 1;
    broken.push_back({next, "broken", "CREATE TABLE jinguo_probe (id bigint); SELECT no_such_function();"});
    std::string message;
    try {
        storage::migratePgDatabase(db, broken);
    } catch (const StorageError& e) {
        message = e.what();
    }
    CHECK(message.find("broken") != std::string::npos);
    CHECK(message.find("已全部撤回") != std::string::npos);
    CHECK_FALSE(db.inTransaction());
    // Neither the baseline's tables, nor the probe, nor the version record.
    CHECK(pgCount(db, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                      "WHERE n.nspname = current_schema()") == 0);
    CHECK(storage::pgSchemaVersion(db) == 0);
    // The set without the broken one then applies whole.
    CHECK(storage::migratePgDatabase(db) > 0);
    CHECK(storage::pgSchemaVersion(db) == storage::latestPgSchemaVersion());
}

TEST_CASE("a database recording a newer schema, or someone else's tables, is refused in Chinese and left as it is") {
    PgDatabase db(test::PgCluster::shared().createDatabase());
    storage::migratePgDatabase(db);
    const int newer = storage::latestPgSchemaVersion() + 1;
    db.exec("UPDATE schema_version SET version = " + std::to_string(newer));
    std::string message;
    try {
        storage::migratePgDatabase(db);
    } catch (const StorageError& e) {
        message = e.what();
    }
    CHECK(message.find("更新版本的Jinguo") != std::string::npos);
    CHECK(message.find("结构版本" + std::to_string(newer)) != std::string::npos);
    CHECK(storage::pgSchemaVersion(db) == newer);
    CHECK_FALSE(db.inTransaction());

    PgDatabase other(test::PgCluster::shared().createDatabase());
    other.exec("CREATE TABLE ledger (id bigint PRIMARY KEY)");
    message.clear();
    try {
        storage::migratePgDatabase(other);
    } catch (const StorageError& e) {
        message = e.what();
    }
    CHECK(message.find("不是Jinguo数据库") != std::string::npos);
    CHECK(pgCount(other, "SELECT count(*) FROM pg_class WHERE relname IN ('schema_version', 'person')") == 0);
}

TEST_CASE("the views both engines have give the same rows on the same data") {
    // The translated date arithmetic (SQLite's date modifiers, a malformed
    // day, month ends, many-argument min) read back on one small district.
    const int version = storage::latestPgSchemaVersion();
    TempDbPath path;
    Database sqlite(path.str());
    storage::migrateDatabaseTo(sqlite, version);
    PgDatabase postgres(test::PgCluster::shared().createDatabase());
    storage::migratePgDatabase(postgres);
    for (const std::string sql : kSharedRows) {
        CAPTURE(sql);
        sqlite.exec(sql);
        postgres.exec(sql);
    }
    // award_held_span is kept by triggers on both engines (PL/pgSQL since
    // the fourth brick): each equals its source view.
    CHECK(rowsOf(sqlite, "SELECT * FROM award_held_span ORDER BY 1, 2")
          == rowsOf(sqlite, "SELECT * FROM award_held_span_source ORDER BY 1, 2"));
    CHECK(rowsOf(postgres, "SELECT * FROM award_held_span ORDER BY 1, 2")
          == rowsOf(postgres, "SELECT * FROM award_held_span_source ORDER BY 1, 2"));
    CHECK_FALSE(rowsOf(postgres, "SELECT * FROM award_held_span").empty());

    int compared = 0;
    for (const std::string sql : kViewQueries) {
        CAPTURE(sql);
        const auto fromSqlite = rowsOf(sqlite, sql);
        const auto fromPostgres = rowsOf(postgres, sql);
        std::string shown;
        for (const auto& row : fromSqlite) shown += "\n  sqlite:     " + row;
        for (const auto& row : fromPostgres) shown += "\n  postgresql: " + row;
        CHECK_MESSAGE(fromSqlite == fromPostgres, shown);
        compared += static_cast<int>(fromSqlite.size());
    }
    // The district makes rows in every view (a view with none proves nothing).
    for (const std::string sql : kViewQueries) {
        CAPTURE(sql);
        CHECK_FALSE(rowsOf(sqlite, sql).empty());
    }
    CHECK(compared > 30);
}

TEST_CASE("the baseline's day functions read dates as SQLite's date() does") {
    // jinguo_valid_day stands for `date(d, '+0 days') IS d` (an index
    // predicate and family_title_held_step_source); jinguo_months_after for
    // the validity end the award_held_span views compute with date modifiers.
    TempDbPath path;
    Database sqlite(path.str());
    PgDatabase postgres(test::PgCluster::shared().createDatabase());
    storage::migratePgDatabase(postgres);
    const char* const days[] = {"2024-02-29", "2023-02-29", "2023-02-30", "2024-01-31", "2024-12-31", "2024-04-31",
                                "2024-13-01", "2024-00-10", "2024-01-32", "2024-1-5", "2024-01-05 10:00",
                                "2024-01-05T10:00:00", "20240105", "", "abc", "2024年3月1日", "1949-10-01", "2100-12-31"};
    for (const std::string day : days) {
        CAPTURE(day);
        auto valid = sqlite.prepare("SELECT date(?1, '+0 days') IS ?1");
        valid.bind(1, day);
        REQUIRE(valid.step());
        auto pgValid = postgres.prepare("SELECT jinguo_valid_day(?)");
        pgValid.bind(1, day);
        REQUIRE(pgValid.step());
        CHECK(valid.columnInt(0) == pgValid.columnInt(0));
        for (const int months : {0, 1, 12, 15, 39, 606}) {
            CAPTURE(months);
            auto after = sqlite.prepare(
                "SELECT min(date(?1, 'start of month', '+' || ?2 || ' months', '+' || (CAST(strftime('%d', ?1) AS INTEGER) - 1) || ' days'),"
                "           date(?1, 'start of month', '+' || (?2 + 1) || ' months', '-1 day'))");
            after.bind(1, day).bind(2, months);
            REQUIRE(after.step());
            auto pgAfter = postgres.prepare("SELECT jinguo_months_after(?, ?)");
            pgAfter.bind(1, day).bind(2, months);
            REQUIRE(pgAfter.step());
            CHECK(after.columnIsNull(0) == pgAfter.columnIsNull(0));
            CHECK(after.columnText(0) == pgAfter.columnText(0));
        }
    }
}

} // TEST_SUITE
