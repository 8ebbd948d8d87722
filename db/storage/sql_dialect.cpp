// sql_dialect.cpp — SQLite's and PostgreSQL's forms of the SQL that differs
// (see sql_dialect.hpp). Names in the built fragments come from the schema,
// never from user text.
#include "storage/sql_dialect.hpp"

#include "storage/sql_functions.hpp"

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

std::string sqliteStartsWithIsoDay(const std::string& expr) {
    return expr + " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'";
}

std::string pgStartsWithIsoDay(const std::string& expr) { return expr + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'"; }
// SQLite's own '+N months' would roll 08-31 + 6 months over to 03-03: the
// start of the month + N months + (day - 1) days, cut at that month's end.
std::string sqliteAddMonthsClamped(const std::string& date, const std::string& months) {
    const std::string& d = date;
    const std::string& m = months;
    return "min(date(" + d + ", 'start of month', '+' || (" + m + ") || ' months', '+' || (CAST(strftime('%d', " + d +
           ") AS INTEGER) - 1) || ' days'), date(" + d + ", 'start of month', '+' || ((" + m +
           ") + 1) || ' months', '-1 day'))";
}

std::string sqliteGreaterOf(const std::string& a, const std::string& b) { return "max(" + a + ", " + b + ")"; }
std::string sqliteLesserOf(const std::string& a, const std::string& b) { return "min(" + a + ", " + b + ")"; }

std::string sqliteIsNotCalendarDay(const std::string& day) {
    return "date(" + day + ", '+0 days') IS NOT " + day;
}

// jinguo_months_after (0040_baseline) reads a text day as SQLite's date()
// does (2023-02-30 included) and answers the same text, so figures and text
// comparisons equal the file's.
std::string pgAddMonthsClamped(const std::string& date, const std::string& months) {
    return "jinguo_months_after(" + date + ", " + months + ")";
}

std::string pgGreaterOf(const std::string& a, const std::string& b) { return "greatest(" + a + ", " + b + ")"; }
std::string pgLesserOf(const std::string& a, const std::string& b) { return "least(" + a + ", " + b + ")"; }

// jinguo_valid_day is the baseline's twin of SQLite's date(d, '+0 days') IS d.
std::string pgIsNotCalendarDay(const std::string& day) { return "NOT jinguo_valid_day(" + day + ")"; }
std::string sqliteJsonArrayValues(const std::string& parameter) { return "SELECT value FROM json_each(" + parameter + ")"; }
std::string pgJsonArrayIds(const std::string& parameter) {
    return "SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(" + parameter + " AS json)) AS j(value)";
}
std::string pgJsonArrayTexts(const std::string& parameter) {
    return "SELECT value FROM json_array_elements_text(CAST(" + parameter + " AS json)) AS j(value)";
}

std::string sqlitePersonTrigramMatches(const std::string& parameter) {
    return "SELECT rowid AS id FROM person_search WHERE person_search MATCH " + parameter;
}
std::string pgPersonTrigramMatches(const std::string& p) {
    return "SELECT person_id AS id FROM person_search WHERE name ILIKE " + p + " OR pinyin ILIKE " + p
         + " OR initials ILIKE " + p;
}
std::string sqliteFamilyTrigramMatches(const std::string& parameter) {
    return "SELECT rowid AS id FROM family_search WHERE family_search MATCH " + parameter;
}
std::string pgFamilyTrigramMatches(const std::string& p) {
    return "SELECT family_id AS id FROM family_search WHERE head_name ILIKE " + p + " OR head_spell ILIKE " + p
         + " OR address ILIKE " + p;
}
std::string sqliteTrigramParameter(std::string_view folded) { return trigramSearchParameter(false, folded); }
std::string pgTrigramParameter(std::string_view folded) { return trigramSearchParameter(true, folded); }

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
    // --- undo across users
    /*lastChangeOfRow*/
    "SELECT db_user, at FROM audit_log WHERE table_name = ?1 AND id > ?4"
    " AND action IN ('insert', 'update', 'delete', 'undo') AND (record_id = ?2 OR (?2 IS NULL AND record_key = ?3))"
    " ORDER BY id DESC LIMIT 1",
    // --- imports
    /*bulkWritesChangeSchema*/ true,
    sqliteStartsWithIsoDay,
    // --- held titles
    sqliteAddMonthsClamped,
    sqliteGreaterOf,
    sqliteLesserOf,
    sqliteIsNotCalendarDay,
    // --- the list pages
    sqliteJsonArrayValues,
    sqliteJsonArrayValues,
    sqlitePersonTrigramMatches,
    sqliteFamilyTrigramMatches,
    sqliteTrigramParameter,
    // --- figures
    /*notIndexed*/ "+",
    // --- pgbadges
    /*badgeMayStore*/ "SELECT 1",
    // --- sessionScope
    /*sessionScopeUnit*/ nullptr,
    // --- activityTally
    /*activityTally*/ "SELECT coalesce(unit_id, 0), CAST(substr(held_on, 6, 2) AS INTEGER), count(*),"
                      " coalesce(sum(participants), 0.0) FROM activity WHERE held_on >= ?1 AND held_on < ?2 GROUP BY 1, 2",
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
    // --- undo across users
    /*lastChangeOfRow*/
    "SELECT db_user, at FROM jinguo_row_last_change(CAST(?1 AS text), CAST(?2 AS bigint), CAST(?3 AS text),"
    " CAST(?4 AS bigint))",
    // --- imports
    /*bulkWritesChangeSchema*/ false,
    pgStartsWithIsoDay,
    // --- held titles
    pgAddMonthsClamped,
    pgGreaterOf,
    pgLesserOf,
    pgIsNotCalendarDay,
    // --- the list pages
    pgJsonArrayIds,
    pgJsonArrayTexts,
    pgPersonTrigramMatches,
    pgFamilyTrigramMatches,
    pgTrigramParameter,
    // --- figures
    /*notIndexed*/ "",
    // --- pgbadges
    /*badgeMayStore*/ "SELECT has_table_privilege('badge_earned', 'INSERT')",
    // --- sessionScope (security/0001's functions)
    /*sessionScopeUnit*/ "SELECT CASE WHEN jinguo_sees_all() THEN NULL ELSE jinguo_current_unit() END",
    // --- activityTally
    /*activityTally*/ "SELECT unit_id, month, activities, participants FROM jinguo_activity_tally(CAST(?1 AS text), CAST(?2 AS text))",
};

} // namespace jinguo::storage
