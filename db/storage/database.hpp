// database.hpp — a thin RAII layer over one database connection: a sqlite3
// file (the default) or a PostgreSQL server (issue 18), chosen at open by the
// path's form (isServerConnection).
//
// Only db/storage includes <sqlite3.h> and <libpq-fe.h>; everything above sees
// Database, Statement and Transaction. Statements are always prepared with
// bound parameters: no SQL is ever built from user text. Errors become
// StorageError with a message in Chinese that the UI can show as it is.
//
// The dispatch: a Database holds either a sqlite3* or a PgDatabase, a
// Statement either a sqlite3_stmt* or a PgStatement (behind a unique_ptr that
// is null on SQLite). Every call tests that pointer once, marked unlikely, so
// the SQLite path pays one predicted branch and no virtual call or allocation.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace jinguo::storage {

class PgDatabase;
class PgStatement;
struct SqlDialect;

// True when `path` names a PostgreSQL server rather than a file:
// postgresql://… or postgres://… URIs and libpq's key=value strings (one that
// starts with host=, hostaddr=, port=, dbname=, user= or service=).
bool isServerConnection(const std::string& path);

// A database as the user may see it (window title, recent list, messages):
// the path of a file; for a server "服务器 user@host:port/dbname", never a
// password.
std::string databaseDisplayName(const std::string& path);

class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Why a database could not be opened, for a window that offers the way out
// that fits (a damaged file: restore a backup; a locked one: try again).
enum class OpenFailure {
    Damaged,    // malformed, failed quick_check, zero bytes, or not a database at all
    Busy,       // another program holds it
    NoAccess,   // read-only file or folder, no permission, disk error
    TooNew,     // written by a newer Jinguo
    NotJinguo,  // another program's SQLite database (or server database)
    // A server (issue 18): each says what to do in its message.
    ServerUnreachable,   // no answer: not started, wrong address or port, network, timeout
    ServerLogin,         // wrong user name or password, or not allowed from here (pg_hba.conf)
    ServerNoDatabase,    // the server has no database of that name
    ServerNoPermission,  // connected, but this user may not do what the open needs (upgrade the schema, CONNECT)
};

// Raised by openAndMigrate when the file is refused before anything was written.
class OpenError : public StorageError {
public:
    OpenError(OpenFailure failure, const std::string& message) : StorageError(message), m_failure(failure) {}
    OpenFailure failure() const { return m_failure; }

private:
    OpenFailure m_failure;
};

// Raised when the file was written by a newer Jinguo (schema too new).
class SchemaTooNewError : public OpenError {
public:
    explicit SchemaTooNewError(const std::string& message) : OpenError(OpenFailure::TooNew, message) {}
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    explicit Statement(std::unique_ptr<PgStatement> pg);   // a server's statement (Database::prepare)
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;

    // Binding is 1-based, as in SQLite. Empty strings bind as text, not NULL;
    // use bindNull or the *OrNull helpers for optional values.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);
    Statement& bindTextOrNull(int index, std::string_view value);   // "" -> NULL
    // Without a copy: `value` must stay alive and unchanged until the
    // statement has run (bulk writes bind thousands of values per statement).
    // On PostgreSQL the value is copied all the same (libpq sends text it owns).
    Statement& bindUncopied(int index, std::string_view value);
    Statement& bindUncopiedOrNull(int index, std::string_view value);   // "" -> NULL
    Statement& bindIdOrNull(int index, std::int64_t id);            // 0 -> NULL

    bool step();               // true while a row is available
    void run();                // step to completion (INSERT/UPDATE/DELETE)
    // Runs an INSERT and gives the new row's id: SQLite's last_insert_rowid;
    // on PostgreSQL the statement must come from Database::prepareInsert or
    // cachedInsert, which add RETURNING id (lastval() would give an id a
    // trigger drew). Then reset, like run().
    std::int64_t runInsert();
    void reset();              // ready to bind and run again

    std::int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const;   // NULL -> ""
    // The text without a copy, valid until the next step or reset (NULL -> "").
    std::string_view columnView(int col) const;
    bool columnIsNull(int col) const;
    int columnCount() const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    std::unique_ptr<PgStatement> m_pg;   // null on SQLite: the one branch every call takes
};

// A cached statement lent for the length of one call. When the lease ends the
// statement is reset, so it cannot keep the connection's read snapshot open:
// a statement stepped to a row and left so pins WAL's snapshot, and the next
// write on the connection fails with SQLITE_BUSY_SNAPSHOT ("database is
// locked") for as long as the app runs, once any other connection has written.
// Hold it in a local (`auto st = db.cached("…");`), never past the call.
class CachedStatement {
public:
    CachedStatement(Statement& shared, bool& lent) : m_st(&shared), m_lent(&lent) { lent = true; }
    explicit CachedStatement(std::unique_ptr<Statement> own) : m_st(own.get()), m_own(std::move(own)) {}
    ~CachedStatement();
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    CachedStatement(CachedStatement&& other) noexcept
        : m_st(other.m_st), m_own(std::move(other.m_own)), m_lent(other.m_lent) {
        other.m_st = nullptr;
        other.m_lent = nullptr;
    }

    Statement& operator*() { return *m_st; }
    Statement* operator->() { return m_st; }
    operator Statement&() { return *m_st; }               // for helpers that read a row
    operator const Statement&() const { return *m_st; }

    template <class... Args> Statement& bind(Args&&... args) { return m_st->bind(std::forward<Args>(args)...); }
    Statement& bindNull(int index) { return m_st->bindNull(index); }
    Statement& bindTextOrNull(int index, std::string_view value) { return m_st->bindTextOrNull(index, value); }
    Statement& bindUncopied(int index, std::string_view value) { return m_st->bindUncopied(index, value); }
    Statement& bindUncopiedOrNull(int index, std::string_view value) { return m_st->bindUncopiedOrNull(index, value); }
    Statement& bindIdOrNull(int index, std::int64_t id) { return m_st->bindIdOrNull(index, id); }
    bool step() { return m_st->step(); }
    void run() { m_st->run(); }
    std::int64_t runInsert() { return m_st->runInsert(); }
    void reset() { m_st->reset(); }
    std::int64_t columnInt(int col) const { return m_st->columnInt(col); }
    double columnDouble(int col) const { return m_st->columnDouble(col); }
    std::string columnText(int col) const { return m_st->columnText(col); }
    bool columnIsNull(int col) const { return m_st->columnIsNull(col); }
    int columnCount() const { return m_st->columnCount(); }

private:
    Statement* m_st;
    std::unique_ptr<Statement> m_own;   // a one-off copy while the shared one is lent (nested use)
    bool* m_lent = nullptr;
};

class Database {
public:
    // Opens (creating when allowed) the file, or connects to the server when
    // `path` is a connection string (isServerConnection; `create` is then
    // ignored: a server's database is made by createdb). Does not migrate.
    explicit Database(const std::string& path, bool create = true);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // True on a PostgreSQL server. Functions marked [SQLite only] below have
    // no server form: they say so in Chinese (StorageError) or do nothing.
    bool isServer() const { return m_pg != nullptr; }
    // The server connection, for db/storage's PostgreSQL code (pg_schema); null on SQLite.
    PgDatabase* server() const { return m_pg.get(); }
    // The engine's forms of the SQL that differs (sql_dialect.hpp), chosen at open.
    const SqlDialect& dialect() const { return *m_dialect; }
    // What to show the user: the file's path, or user@host:port/db (never the password).
    std::string displayName() const;

    Statement prepare(std::string_view sql);
    // An INSERT whose new id is wanted (Statement::runInsert): on PostgreSQL
    // ` RETURNING id` is appended, on SQLite the SQL is prepared as it is.
    Statement prepareInsert(std::string_view sql);
    // A statement prepared once per connection and reused: for the writes and
    // look-ups that bulk loads repeat thousands of times. `sql` must be a
    // string literal (the cache is keyed by its address). The statement comes
    // back reset, with no bindings, and is reset again when the lease ends.
    // While it is lent, the same SQL gets a one-off statement of its own.
    CachedStatement cached(const char* sql);
    CachedStatement cachedInsert(const char* sql);   // cached(), with prepareInsert's RETURNING id
    void exec(std::string_view sql);        // for schema scripts and pragmas only
    // SQLite's last_insert_rowid; on PostgreSQL SELECT lastval() (a round trip,
    // and an id a trigger drew if one inserted after the row): prefer runInsert.
    std::int64_t lastInsertId() const;
    int changes() const;
    int userVersion();   // PRAGMA user_version; on PostgreSQL schema_version's row
    const std::string& path() const { return m_path; }
    // Statements prepared so far: lets tests prove a steady frame runs no SQL.
    std::uint64_t statementsPrepared() const { return m_prepared; }
    // The work SQL did on this connection since meterWork(), in SQLite
    // virtual-machine instructions (counted in steps of 100 through the
    // progress handler; 0 until meterWork() is called). A scan of a table of
    // a million rows costs millions; a page of a list or an indexed look-up a
    // few thousand. Lets tests prove a frame never scans a big table.
    // On PostgreSQL, for a superuser, auto_explain reports what the server's
    // plans did (10 a query, triggers' included, plus 3 a row produced or
    // removed: SQLite-like units); for anyone else one tick (kWorkTick) per
    // statement and per row returned, which cannot see a scan behind count(*).
    void meterWork();
    std::uint64_t workDone() const;
    static constexpr std::uint64_t kWorkTick = 100;
    // [SQLite only] The sqlite3 connection; nullptr on a server.
    sqlite3* handle() const { return m_db; }
    bool inTransaction() const;   // a BEGIN (or SAVEPOINT) is open on this connection
    // Outermost Transactions begun on this server connection (0 on SQLite):
    // a server has no commit hook, so the audit's implicit undo step ends
    // when this moves (AuditLog::stepForEntry).
    std::uint64_t serverTransactionsBegun() const { return m_serverTransactions; }
    // The SQL of statements stepped but neither finished nor reset: each keeps
    // a read snapshot open. Empty between calls, always (see CachedStatement).
    std::vector<std::string> unfinishedStatements() const;
    // Throws StorageError naming what holds the connection when a transaction
    // or an unfinished statement is open: called after every UI frame in tests
    // and debug builds (JINGUO_CHECK_SQL=1), where nothing may stay open.
    void checkIdle() const;
    // PRAGMA data_version: changes when another connection commits to the file.
    // On PostgreSQL the count of NOTIFY jinguo_changed received from other
    // backends (db/migrations_pg/0046's triggers send one per table a commit
    // wrote): read from the socket without a query; our own commits don't move it.
    // On a streaming replica (no LISTEN there) the WAL position replayed: a query.
    std::int64_t dataVersion();
    // A descriptor that becomes readable when dataVersion() may have moved:
    // the server connection's socket; -1 on SQLite (nothing announces another
    // program's commit to a file: poll dataVersion()). For an idle window's wait.
    int changeSignalFd() const;
    // [SQLite only] Steps `sql` (one integer row) without throwing: SQLite's
    // extended code (SQLITE_OK on success) and, on failure, its message.
    int tryReadInt(const char* sql, std::int64_t& value, std::string& message);
    // [SQLite only] PRAGMA quick_check: the problems it names (empty when the
    // file is whole). Empty on a server: it keeps its own pages whole.
    std::vector<std::string> quickCheck();
    // True when this connection created the (empty, 0600) file.
    bool createdFile() const { return m_createdFile; }
    // The open left PRAGMA quick_check to its caller (IntegrityCheck::BeforeCommit):
    // the caller runs damagedFileProblem() before it commits anything.
    bool integrityCheckDeferred() const { return m_integrityCheckDeferred; }
    void integrityCheckDone() { m_integrityCheckDeferred = false; }
    // [SQLite only] PRAGMA wal_checkpoint(TRUNCATE): everything in -wal goes
    // into the .db and -wal is emptied, so the .db alone is complete (on a
    // clean exit). Nothing on a server (its WAL is its own).
    void checkpointWal();

private:
    sqlite3* m_db = nullptr;
    std::unique_ptr<PgDatabase> m_pg;   // set instead of m_db on a server
    const SqlDialect* m_dialect;        // kSqliteDialect or kPostgresqlDialect
    std::uint64_t m_pgWorkAtMeter = 0;  // the server's ticks when meterWork() was called
    bool m_pgMetering = false;
    bool m_pgReplica = false;           // a hot standby: no LISTEN, dataVersion by replayed WAL
    std::string m_path;
    bool m_createdFile = false;
    bool m_integrityCheckDeferred = false;
    friend std::unique_ptr<Database> openAndMigrateChecked(const std::string&, bool);
    std::uint64_t m_prepared = 0;
    std::uint64_t m_serverTransactions = 0;
    friend class Transaction;
    std::uint64_t m_workTicks = 0;
    struct CacheSlot {
        std::unique_ptr<Statement> statement;
        bool lent = false;
    };
    std::unordered_map<const char*, CacheSlot> m_cache;
};

// A transaction that rolls back unless commit() was called. Nested use is
// allowed: the inner ones become savepoints.
// On PostgreSQL: BEGIN / SAVEPOINT likewise; a statement that fails aborts
// the whole server transaction (nothing more runs in it until a rollback),
// so code that catches a failure and goes on runs that statement through
// runRecoverably. commit() of a transaction a failure aborted is refused
// (StorageError) instead of reporting a save that the server rolled back.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

private:
    Database& m_db;
    std::string m_savepoint;
    bool m_done = false;
};

// Runs `st` to completion so that when it fails (StorageError) the caller's
// transaction stays usable, as SQLite's statement rollback leaves it. On
// PostgreSQL it runs inside a savepoint of its own (one more round trip each
// side); on SQLite it is run() alone. For the paths that catch a failed write
// and go on inside a transaction (README, PostgreSQL dispatch).
void runRecoverably(Database& db, Statement& st);
// The same for an INSERT whose new id is wanted (Statement::runInsert; on
// PostgreSQL `st` comes from prepareInsert or cachedInsert).
std::int64_t runInsertRecoverably(Database& db, Statement& st);

// Opens the database at `path`, refuses a newer schema (SchemaTooNewError,
// file untouched), switches to WAL with foreign keys on and applies the
// pending migrations in one transaction each. A new file is created 0600. A
// file another program holds, a read-only file or folder, and a damaged file
// (PRAGMA quick_check, the first time a process opens it) are each refused
// with their own message, the file untouched.
// An existing Jinguo database at an older version is backed up first
// (BackupStore, reason 升级前); when that backup cannot be written nothing is
// migrated (StorageError).
//
// IntegrityCheck::BeforeCommit (the roster import, issue 17): a database
// already at the latest schema is opened without its quick_check, which
// reads the whole file (~0.5 s of CPU at 1M people); the import runs
// damagedFileProblem() on a thread of its own beside its work and refuses
// before its commit if the file is damaged. A file that needs a migration
// is still checked at once (the migration writes).
//
// A server (isServerConnection(path)): connects and applies the PostgreSQL
// migration set (migratePgDatabase: one transaction, under an advisory
// lock). No quick_check and no 升级前 copy: a server keeps its pages whole
// itself, and a server's database is backed up with pg_dump, by whoever runs
// the server, not by copying a file beside it.
enum class IntegrityCheck { AtOpen, BeforeCommit };
std::unique_ptr<Database> openAndMigrate(const std::string& path, IntegrityCheck check = IntegrityCheck::AtOpen);
// PRAGMA quick_check of `path` through a read-only connection of its own
// (safe on any thread): "" when the file is whole, else the same Chinese
// refusal the open gives a damaged file.
std::string damagedFileProblem(const std::string& path);
// Switches the open connection to WAL with foreign keys on and applies the
// migrations past its user_version (openAndMigrate's last step; a restore of
// an older backup uses it too). The caller has checked the version.
void migrateDatabase(Database& db);

// What every command and the GUI say about a zero-byte file they did not
// create: refused, left as it is.
std::string zeroByteFileMessage(const std::string& path);

// How long the last PRAGMA quick_check at open took (seconds).
extern double lastQuickCheckSeconds;

} // namespace jinguo::storage
