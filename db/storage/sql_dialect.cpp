// sql_dialect.cpp — SQLite's and PostgreSQL's forms of the SQL that differs
// (see sql_dialect.hpp). Names in the built fragments come from the schema,
// never from user text.
#include "storage/sql_dialect.hpp"

namespace jinguo::storage {

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// ---------------------------------------------------------------- SQLite

std::string sqliteJsonPath(const std::string& key) { return "'$.\"" + key + "\"'"; }

std::string sqliteJsonText(const std::string& json, const std::string& key) {
    return "json_extract(" + json + ", " + sqliteJsonPath(key) + ")";
}

std::string sqliteJsonColumnValue(const std::string&, const std::string& column, const std::string& json) {
    return sqliteJsonText(json, column);
}

std::string sqliteColumnMatchesJson(const std::string&, const std::string& column, const std::string& json) {
    const std::string path = sqliteJsonPath(column);
    const std::string value = "json_extract(" + json + ", " + path + ")";
    const std::string c = quoted(column);
    return "(json_type(" + json + ", " + path + ") IS NULL OR " + c + " IS " + value + " OR (typeof(" + c
         + ") IN ('real', 'integer') AND json_type(" + json + ", " + path + ") IN ('real', 'integer') AND abs(" + c
         + " - " + value + ") < 1e-9))";
}

std::string sqliteZeroPadded(const std::string& expr, int width) {
    return "printf('%0" + std::to_string(width) + "d', " + expr + ")";
}

// ---------------------------------------------------------------- PostgreSQL

// The JSON text as the table's row type: every member converted to its
// column's type by the server, as SQLite's json_extract keeps stored types.
std::string pgJsonRow(const std::string& table, const std::string& json) {
    return "(jsonb_populate_record(NULL::" + quoted(table) + ", CAST(" + json + " AS jsonb)))";
}

std::string pgJsonText(const std::string& json, const std::string& key) {
    return "(CAST(" + json + " AS jsonb) ->> '" + key + "')";
}

std::string pgJsonColumnValue(const std::string& table, const std::string& column, const std::string& json) {
    return pgJsonRow(table, json) + "." + quoted(column);
}

// float8 and numeric print exactly on PostgreSQL 12+, so equality needs no tolerance.
std::string pgColumnMatchesJson(const std::string& table, const std::string& column, const std::string& json) {
    return "(NOT jsonb_exists(CAST(" + json + " AS jsonb), '" + column + "') OR " + quoted(column)
         + " IS NOT DISTINCT FROM " + pgJsonColumnValue(table, column, json) + ")";
}

std::string pgZeroPadded(const std::string& expr, int width) {
    return "lpad(CAST(" + expr + " AS text), " + std::to_string(width) + ", '0')";
}

std::string sqliteUtcDaysBefore(const std::string& now, const std::string& days) {
    return "strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(" + now + ", 'now'), '-' || " + days + " || ' days')";
}

std::string pgUtcDaysBefore(const std::string& now, const std::string& days) {
    return "to_char((coalesce(CAST(" + now + " AS timestamptz), statement_timestamp()) - CAST(" + days
           + " AS integer) * interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

} // namespace

const SqlDialect kSqliteDialect{
    /*tableColumns*/ "SELECT name FROM pragma_table_info(?)",
    /*singleKeyColumn*/
    "SELECT CASE WHEN sum(name = 'id') > 0 THEN 'id' WHEN sum(pk > 0) = 1 THEN max(CASE WHEN pk > 0 THEN name END)"
    " ELSE '' END FROM pragma_table_info(?)",
    /*foreignKeysToId*/
    "SELECT m.name, f.\"from\", upper(f.on_delete) FROM sqlite_schema m, pragma_foreign_key_list(m.name) f"
    " WHERE m.type = 'table' AND f.\"table\" = ? AND coalesce(f.\"to\", 'id') = 'id' ORDER BY m.name, f.id",
    /*deferForeignKeys*/ "PRAGMA defer_foreign_keys = ON",
    /*wholeRowJson*/ nullptr,
    /*jsonObjectFunction*/ "json_object",
    /*jsonKeys*/ "SELECT key FROM json_each(?)",
    sqliteJsonText,
    sqliteJsonColumnValue,
    sqliteColumnMatchesJson,
    /*readOnlyConnection*/ "PRAGMA query_only = ON",
    /*hasPageCachePragmas*/ true,
    /*autoIncrementKey*/ "INTEGER PRIMARY KEY",
    /*nowUtcSeconds*/ "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    /*nowUtcMillis*/ "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    sqliteZeroPadded,
    sqliteUtcDaysBefore,
    // --- figures
    /*notIndexed*/ "+",
};

// Tables are found through the search_path (pg_schema sets it), as SQLite's
// main schema; every foreign key is DEFERRABLE (0040_baseline).
const SqlDialect kPostgresqlDialect{
    /*tableColumns*/
    "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(CAST(? AS text)) AND attnum > 0"
    " AND NOT attisdropped ORDER BY attnum",
    /*singleKeyColumn*/
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(CAST(?1 AS text))"
    " AND attname = 'id' AND NOT attisdropped) THEN 'id'"
    " ELSE coalesce((SELECT min(CAST(a.attname AS text)) FROM pg_index i JOIN pg_attribute a"
    " ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
    " WHERE i.indrelid = to_regclass(CAST(?1 AS text)) AND i.indisprimary AND i.indnatts = 1), '') END",
    /*foreignKeysToId*/
    "SELECT CAST(CAST(c.conrelid AS regclass) AS text), a.attname,"
    " CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT'"
    " WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END"
    " FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
    " JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]"
    " WHERE c.contype = 'f' AND c.confrelid = to_regclass(CAST(? AS text)) AND r.attname = 'id'"
    " ORDER BY 1, c.conname",
    /*deferForeignKeys*/ "SET CONSTRAINTS ALL DEFERRED",
    /*wholeRowJson*/ "row_to_json(t)::text",
    /*jsonObjectFunction*/ nullptr,
    /*jsonKeys*/ "SELECT jsonb_object_keys(CAST(? AS jsonb))",
    pgJsonText,
    pgJsonColumnValue,
    pgColumnMatchesJson,
    /*readOnlyConnection*/ "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
    /*hasPageCachePragmas*/ false,
    /*autoIncrementKey*/ "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    /*nowUtcSeconds*/ "to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    /*nowUtcMillis*/ "to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
    pgZeroPadded,
    pgUtcDaysBefore,
    // --- figures
    /*notIndexed*/ "",
};

} // namespace jinguo::storage
