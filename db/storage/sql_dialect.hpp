// sql_dialect.hpp — the SQL that cannot be written once for both engines
// (issue 18), in ONE place per engine: SQLite's and PostgreSQL's text side by
// side in sql_dialect.cpp. A Database picks its dialect when it opens
// (Database::dialect()); storage code asks it for a fragment or a whole
// statement instead of testing isServer() itself.
//
// Everything else in db/storage is written once, in the SQL both accept
// (coalesce, ON CONFLICT, RETURNING, CAST(? AS bigint) where PostgreSQL needs
// a parameter's type). The SQLite text here is what the code used before, so
// SQLite runs exactly the statements it ran.
#pragma once

#include <string>
#include <string_view>

namespace jinguo::storage {

struct SqlDialect {
    // --- the schema, read at run time (audit and undo build their SQL from it)
    // One parameter, a table name; rows: its columns' names, in table order.
    const char* tableColumns;
    // One parameter, a table name; one row: 'id' when it has an id column,
    // else its single-column primary key, else ''.
    const char* singleKeyColumn;
    // One parameter, a table name; rows: (table, column, ON DELETE action in
    // upper case) of every foreign key that references its id.
    const char* foreignKeysToId;
    // Foreign keys checked at commit, not per statement (undo re-inserts
    // children before their parents).
    const char* deferForeignKeys;

    // --- JSON, kept as text in audit_log
    // A whole row of the table aliased `t` as compact JSON text, columns in
    // table order; nullptr where the engine has no such function, and the
    // object is made by jsonObjectFunction from 'column', value pairs.
    const char* wholeRowJson;
    const char* jsonObjectFunction;   // nullptr where wholeRowJson is set
    // One parameter, a JSON object; rows: its keys.
    const char* jsonKeys;
    // Text of the member `key` (a plain identifier) of the JSON text `json`
    // (an SQL expression); NULL when absent.
    std::string (*jsonText)(const std::string& json, const std::string& key);
    // The member `column` of the JSON text `json`, as the column's own type of
    // table `table` (undo writes it back into that column).
    std::string (*jsonColumnValue)(const std::string& table, const std::string& column, const std::string& json);
    // A WHERE condition: the row's column `column` of `table` equals the
    // member of the JSON text `json` (absent members match; numbers with a
    // tolerance of 1e-9, as the JSON keeps 15 digits).
    std::string (*columnMatchesJson)(const std::string& table, const std::string& column, const std::string& json);

    // Makes this connection refuse writes (a reader's own connection).
    const char* readOnlyConnection;
    // PRAGMA cache_size / temp_store tune this connection (SQLite); a server
    // sizes its own buffers, so bulk work leaves them alone.
    bool hasPageCachePragmas;
    // A column type: an integer key the engine numbers itself (SQLite's rowid alias).
    const char* autoIncrementKey;

    // --- time and text
    // The current UTC time as text: 2026-12-07T09:50:10Z and …:10.123Z.
    const char* nowUtcSeconds;
    const char* nowUtcMillis;
    // The integer expression `expr` as text, left-padded with zeros to `width`.
    std::string (*zeroPadded)(const std::string& expr, int width);
    // The UTC time `days` (an integer expression) before `now` (a text
    // expression in nowUtcMillis' form, NULL for the current time), in
    // nowUtcMillis' form, so it compares with audit_log.at as text.
    std::string (*utcDaysBefore)(const std::string& now, const std::string& days);

    // --- undo across users (issue 18)
    // Parameters: ?1 table, ?2 record_id (NULL for a row named by its key),
    // ?3 record_key, ?4 an audit entry's id; one row at most: (db_user, at) of
    // the newest change of that row after the entry. On a server through a
    // SECURITY DEFINER function (security/0002): a user may not read others'
    // entries, but undo's refusal names who changed her row.
    const char* lastChangeOfRow;

    // --- imports
    // A bulk write (the roster import) may drop person's unique ID-number
    // index and suspend the summaries' triggers inside its transaction, then
    // write their rows set-based (SQLite: the writer holds the file's lock
    // anyway). Not on a server: DROP takes an ACCESS EXCLUSIVE lock on the
    // table until commit, so every other user's read of person would wait for
    // the whole import; there the per-row triggers do the work.
    bool bulkWritesChangeSchema;
    // A condition: the text expression `expr` starts with a day written
    // NNNN-NN-NN (digits), as 0030's joining-year key reads joined_on.
    std::string (*startsWithIsoDay)(const std::string& expr);
    // --- held titles (title_standing_sql.hpp, title_review.cpp)
    // The text day `date` (YYYY-MM-DD) + `months` (an integer expression)
    // calendar months, the day cut to the month's last day (08-31 + 6 months =
    // 02-28/29), as YYYY-MM-DD text; NULL for a day the engine cannot read.
    std::string (*addMonthsClamped)(const std::string& date, const std::string& months);
    // The larger / smaller of two values of one type (SQLite's scalar max/min:
    // NULL when either is NULL; PostgreSQL's greatest/least skip a NULL).
    std::string (*greaterOf)(const std::string& a, const std::string& b);
    std::string (*lesserOf)(const std::string& a, const std::string& b);
    // A condition: the text `day` is not a real calendar day written YYYY-MM-DD.
    std::string (*isNotCalendarDay)(const std::string& day);
    // --- the list pages
    // A SELECT of the members of the JSON array bound to `parameter` (as
    // "?14"), one column: as integers (ids) or as text. A list's matching
    // units go to the statement as one bound array.
    std::string (*jsonArrayIds)(const std::string& parameter);
    std::string (*jsonArrayTexts)(const std::string& parameter);
    // Rows (id) of the people / households whose search row holds the
    // parameter `parameter` (bound to trigramParameter's text): FTS5 MATCH on
    // SQLite; ILIKE on the pg_trgm index on a server (a superset alike).
    std::string (*personTrigramMatches)(const std::string& parameter);
    std::string (*familyTrigramMatches)(const std::string& parameter);
    // The trigram search's parameter for a query of 3 characters or more.
    std::string (*trigramParameter)(std::string_view folded);
    // --- figures (boards, summaries, slides)
    // Written before a column in a WHERE term to keep the planner off that
    // column's index (SQLite's unary +, which PostgreSQL has no text form of;
    // its planner costs the choice itself): "+" / "".
    const char* notIndexed;
    // --- pgbadges: whether this session stores badges
    // One row: whether the session may write badge_earned (1/0): a file's
    // user always; on a server not a 只读 user. Whose badges it stores is
    // sessionScopeUnit's subtree (session_scope.hpp).
    const char* badgeMayStore;
    // --- sessionScope: the unit a session's rows are limited to
    // One row, one column: the unit whose subtree row security limits this
    // session to (a street's user), NULL when she reads every row (the
    // district's users, the owner); nullptr where every session reads
    // everything (a file has no users).
    const char* sessionScopeUnit;
    // --- activityTally: activities and their participants per unit and month, ?1 ≤ held_on < ?2
    // (unit_id, month 1–12, activities, participants) for every unit, whoever
    // reads: the district's 目标 and 年度数据 above a street's user count all
    // streets' activities (aggregates only). On a server a SECURITY DEFINER
    // function (security/0002), since she reads her subtree's rows only.
    // Units without one (unit_id NULL) are 0.
    const char* activityTally;
};

extern const SqlDialect kSqliteDialect;
extern const SqlDialect kPostgresqlDialect;

} // namespace jinguo::storage
