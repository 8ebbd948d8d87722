// pg_connection.hpp — one PostgreSQL connection over libpq, with the surface
// of Database/Statement (database.hpp), so that issue 18 can put a second
// engine under the same storage layer.
//
// Only db/storage/pg_*.cpp include <libpq-fe.h>. SQL is written as for
// SQLite: `?` and `?NNN` placeholders are translated to `$n` at prepare,
// binds are 1-based, NULL text reads as "". Errors become StorageError with a
// Chinese message that names what failed and keeps the server's own words.
//
// Rows: step() runs the statement and reads its whole result at once, then
// hands out the rows one by one. Unlike libpq's single-row mode this leaves
// the connection free between steps, so another statement can run while
// this one is being stepped (SQLite allows that and the storage code relies
// on it). A statement whose result is too big to hold belongs in a cursor.
#pragma once

#include "core/password_keeper.hpp"

#include "core/server_address.hpp"
#include "storage/database.hpp"   // StorageError

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace jinguo::storage {

// SQLite's placeholders as PostgreSQL's: `?` becomes `$n` (n = one past the
// largest number so far, as SQLite numbers them), `?NNN` becomes `$NNN`.
// Untouched inside '…' and E'…' literals, "…" identifiers, $tag$…$tag$
// bodies and -- and /* */ comments. `parameterCount` gets the largest n.
// SQLite's index hint ` INDEXED BY name` is dropped, and its join-order hint
// ` CROSS JOIN t [a] ON` becomes ` JOIN t [a] ON`: the SQLite-only clauses
// storage's common SQL keeps (plans, not meanings). `used`, when
// given, gets whether each of 1..n appears (index n-1).
std::string translatePlaceholders(std::string_view sql, int* parameterCount = nullptr, std::vector<bool>* used = nullptr);

// A connection string as it may be shown or logged: user@host:port/dbname,
// never the password (from a URI or key=value form alike).
std::string describeConnection(const std::string& conninfo);

// The 服务器 tab's fields read back from a connection string (URI or
// key=value, as libpq parses it): to fill the tab for a server of the
// recent list. nullopt when libpq cannot parse it. Unset fields keep the
// tab's defaults (localhost, 5432); a password in the string is dropped.
std::optional<ServerAddress> serverAddressOf(const std::string& conninfo);

// Passwords typed into the 服务器 tab for this run of the program, by
// connection string (which never holds one): every connection to that
// server — the window's and each worker's — sends it. Held in memory only.
// `rememberOnceAccepted` (记住密码): the first connection the server accepts
// with it writes its line to ~/.pgpass (core/pgpass.hpp, libpq reads it
// next time), so a mistyped password is never remembered — whichever way
// the window opens the server (文件 → 打开, the first-run or open-failed screen).
void setSessionPassword(const std::string& conninfo, const std::string& password, bool rememberOnceAccepted = false);
void forgetSessionPassword(const std::string& conninfo);
std::optional<std::string> sessionPassword(const std::string& conninfo);
// She changed her own password on the server (设置 → 用户): this run's later
// connections (each worker's) send the new one, and a password 记住密码 kept
// for this server is replaced, since it would now fail. Returns "" when
// nothing was kept, else what keeping said (Chinese: where, or why not).
std::string ownPasswordChanged(const std::string& conninfo, const std::string& password);
// What writing ~/.pgpass had to say, once ("" nothing): a refusal (the
// password was not remembered) or the file's mode fixed; the window shows it.
std::string takePasswordFileMessage();
// Where 记住密码 keeps passwords and where a connection with no password
// typed this run looks before libpq's ~/.pgpass (core/password_keeper.hpp;
// the window installs the desktop's secret store, platform/secret_store).
// Default: pgpassKeeper(). passwordKeeperPlace() names where, for the tab.
void setPasswordKeeper(PasswordKeeper keeper);
std::string passwordKeeperPlace();

class PgDatabase;

class PgStatement {
public:
    PgStatement(PgDatabase& db, std::string_view sql);
    ~PgStatement();
    PgStatement(const PgStatement&) = delete;
    PgStatement& operator=(const PgStatement&) = delete;
    PgStatement(PgStatement&& other) noexcept;

    // 1-based, as in SQLite; values go as text and the server gives them the
    // type the statement needs. Empty strings bind as text, not NULL.
    PgStatement& bind(int index, std::int64_t value);
    PgStatement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    PgStatement& bind(int index, double value);
    PgStatement& bind(int index, std::string_view value);
    PgStatement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    PgStatement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    PgStatement& bindNull(int index);
    PgStatement& bindTextOrNull(int index, std::string_view value);   // "" -> NULL
    PgStatement& bindIdOrNull(int index, std::int64_t id);            // 0 -> NULL

    bool step();               // true while a row is available (the first step runs it)
    void run();                // run to completion (INSERT/UPDATE/DELETE)
    // Runs an INSERT … RETURNING id and gives the id (PostgreSQL has no
    // last_insert_rowid; RETURNING is its one round trip for it).
    std::int64_t runReturningId();
    void reset();              // ready to bind and run again (bindings cleared)

    std::int64_t columnInt(int col) const;   // booleans read as 1/0; NULL -> 0
    double columnDouble(int col) const;
    std::string columnText(int col) const;   // NULL -> ""
    std::string_view columnView(int col) const;   // valid until the next step or reset
    bool columnIsNull(int col) const;
    int columnCount() const;
    int parameterCount() const { return m_parameterCount; }
    const std::string& sqlStart() const { return m_sqlStart; }

private:
    void execute();
    void setBusy(bool busy);   // stepped to a row and not yet finished or reset
    const char* cell(int col) const;

    PgDatabase* m_db;
    std::weak_ptr<void> m_connectionAlive;   // a statement left past its connection frees nothing
    std::string m_name;      // the server-side prepared statement
    std::string m_sqlStart;  // for messages
    int m_parameterCount = 0;
    std::vector<std::optional<std::string>> m_values;
    pg_result* m_result = nullptr;
    int m_row = -1;
    bool m_executed = false;
};

// COPY … FROM STDIN: the server's bulk load, rows streamed in its text
// format (the reference a bulk import is measured against, and the way a
// bulk write can send millions of values without a statement per row).
// Fields are added in order, then endRow(); finish() reports errors (a
// unique violation, a bad value) and the rows copied. Not finished: the COPY
// is abandoned and nothing it sent is kept.
class PgCopyIn {
public:
    // `copySql`: COPY table (columns …) FROM STDIN
    PgCopyIn(PgDatabase& db, std::string_view copySql);
    ~PgCopyIn();
    PgCopyIn(const PgCopyIn&) = delete;
    PgCopyIn& operator=(const PgCopyIn&) = delete;

    PgCopyIn& field(std::string_view value);
    PgCopyIn& field(const char* value) { return field(std::string_view(value)); }
    PgCopyIn& field(const std::string& value) { return field(std::string_view(value)); }
    PgCopyIn& field(std::int64_t value);
    PgCopyIn& field(int value) { return field(static_cast<std::int64_t>(value)); }
    PgCopyIn& field(double value);
    PgCopyIn& fieldNull();
    void endRow();
    std::int64_t finish();   // the rows the server stored

private:
    void separate();
    void flush(bool force);

    PgDatabase& m_db;
    std::string m_sqlStart;
    std::string m_buffer;
    bool m_rowStarted = false;
    bool m_open = false;
};

// The channel the schema's triggers notify after every statement that writes
// a table the app shows (db/migrations_pg/0046), payload the table's name.
inline constexpr const char* kChangedChannel = "jinguo_changed";

// A NOTIFY that reached this connection.
struct PgNotification {
    std::string channel;
    std::string payload;
    int senderPid = 0;
};

class PgDatabase {
public:
    // `conninfo`: postgresql://user@host:port/dbname, postgresql:///dbname?host=/socket/dir,
    // or key=value pairs (host=/socket/dir port=N dbname=… user=…). The client
    // encoding is always UTF8. Throws StorageError naming the server (no password).
    explicit PgDatabase(const std::string& conninfo);
    ~PgDatabase();
    PgDatabase(const PgDatabase&) = delete;
    PgDatabase& operator=(const PgDatabase&) = delete;

    PgStatement prepare(std::string_view sql);
    void exec(std::string_view sql);     // scripts: several statements, no parameters
    int changes() const { return m_changes; }   // rows the last INSERT/UPDATE/DELETE touched
    // The id the last INSERT into a serial/identity column drew on this
    // connection (SELECT lastval(): one more round trip; prefer RETURNING).
    std::int64_t lastInsertId();
    bool inTransaction() const;          // BEGIN was run (or a statement failed inside one)
    const std::string& description() const { return m_description; }
    int serverPid() const;
    // A streaming replica in recovery (read-only; no LISTEN): the server's
    // in_hot_standby, reported at connect (PostgreSQL 14+), no round trip.
    bool isHotStandby() const;

    // LISTEN/NOTIFY: listen() subscribes this connection; notify() sends (on
    // commit, when inside a transaction); poll() returns what has arrived
    // without blocking; waitForNotifications() blocks up to `timeoutMs`.
    // Notifications on kChangedChannel are not returned: they are counted
    // (changesElsewhere), as they arrive with any result, so that a connection
    // that never asks does not pile them up.
    void listen(const std::string& channel);
    void notify(const std::string& channel, std::string_view payload);
    std::vector<PgNotification> poll();
    std::vector<PgNotification> waitForNotifications(int timeoutMs);
    // kChangedChannel notifications sent by another backend (another window,
    // a worker's connection, psql) since this connection LISTENed: reads what
    // the socket holds without blocking, runs no query. Our own commits'
    // notifications come back to us too and are not counted.
    std::uint64_t changesElsewhere();
    // The connection's socket: readable when the server sent something (a
    // notification, while idle). For an idle window's wait (frame_wake.hpp).
    int socket() const;

    pg_conn* handle() const { return m_conn; }
    // A statement of this transaction failed: the server runs nothing more
    // in it until a ROLLBACK (or ROLLBACK TO a savepoint).
    bool transactionFailed() const;
    // Statements executed and rows they returned on this connection (the
    // work meter's fallback where plans cannot be metered, see meterPlans).
    std::uint64_t workTicks() const { return m_statementsRun + m_rowsReturned; }
    // The work meter of Database on a server (Database::workDone, whose
    // header speaks of SQLite): loads auto_explain for this
    // session (superusers only: false otherwise, nothing changed) with
    // ANALYZE row counts (no timing) sent back as NOTICEs, and from then on
    // adds to planWork() (and to `sink`, if any) kPlanWork per query the
    // server executed — statements inside triggers and functions included —
    // and kRowWork per row any node of its plan produced or filtered away.
    // Each query runs once, as without the meter; only the notice is extra.
    // Not a superuser: workDone counts kWorkTick per statement and per row it
    // returned (workTicks), which cannot see a scan behind a count(*).
    bool meterPlans(std::atomic<std::uint64_t>* sink = nullptr);
    std::uint64_t planWork() const { return m_planWork; }
    bool plansMetered() const { return m_plansMetered; }
    // SQLite's VM spends ~3 instructions a row of a filtered scan, and a
    // keyed look-up a few dozen: the same units keep tests' bounds meaningful.
    static constexpr std::uint64_t kPlanWork = 10, kRowWork = 3;
    // The SQL (its start) of statements stepped to a row and neither finished
    // nor reset, as SQLite's sqlite3_stmt_busy (Database::unfinishedStatements).
    std::vector<std::string> busyStatements() const;
    // The unit whose subtree row security limits this session to (0: every
    // row), once storage/session_scope.cpp has read it: kept for the
    // connection's life, as a session's role and unit are.
    std::optional<std::int64_t> sessionScopeUnit;

private:
    friend class PgStatement;
    friend class PgCopyIn;
    std::string nextStatementName();
    void freeStatement(std::string name);
    void noteCommandStatus(pg_result* result);
    // Takes what libpq has parsed: kChangedChannel counted, the rest kept for poll().
    void takeNotifications();

    pg_conn* m_conn = nullptr;
    std::shared_ptr<void> m_alive = std::make_shared<char>();
    std::string m_description;
    std::uint64_t m_statementCounter = 0;
    int m_changes = 0;
    // Statements dropped while the transaction had failed (the server runs
    // nothing then): freed at the next prepare.
    std::vector<std::string> m_unfreedStatements;
    std::uint64_t m_statementsRun = 0;
    std::uint64_t m_rowsReturned = 0;
    std::uint64_t m_planWork = 0;
    bool m_plansMetered = false;
    std::atomic<std::uint64_t>* m_planWorkSink = nullptr;
    std::vector<const PgStatement*> m_busy;   // few at once: a linear search is enough
    std::uint64_t m_changesElsewhere = 0;
    std::vector<PgNotification> m_arrived;   // other channels, until poll()
};

// BEGIN … COMMIT that rolls back unless commit() was called; nested use
// becomes a savepoint, as Transaction does for SQLite. Unlike SQLite, a
// failed statement aborts the whole PostgreSQL transaction: nothing more
// runs in it until it (or the savepoint) is rolled back.
class PgTransaction {
public:
    explicit PgTransaction(PgDatabase& db);
    ~PgTransaction();
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    void commit();

private:
    PgDatabase& m_db;
    std::string m_savepoint;
    bool m_done = false;
};

} // namespace jinguo::storage
