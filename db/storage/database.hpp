// database.hpp — a thin RAII layer over one sqlite3 connection.
//
// Only db/storage includes <sqlite3.h>; everything above sees Database,
// Statement and Transaction. Statements are always prepared with bound
// parameters: no SQL is ever built from user text. Errors become StorageError
// with a message in Chinese that the UI can show as it is.
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
    NotJinguo,  // another program's SQLite database
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
    Statement& bindUncopied(int index, std::string_view value);
    Statement& bindUncopiedOrNull(int index, std::string_view value);   // "" -> NULL
    Statement& bindIdOrNull(int index, std::int64_t id);            // 0 -> NULL

    bool step();               // true while a row is available
    void run();                // step to completion (INSERT/UPDATE/DELETE)
    void reset();              // ready to bind and run again

    std::int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const;   // NULL -> ""
    // The text without a copy, valid until the next step or reset (NULL -> "").
    std::string_view columnView(int col) const;
    bool columnIsNull(int col) const;
    int columnCount() const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
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
    // Opens (creating when allowed) the file. Does not migrate.
    explicit Database(const std::string& path, bool create = true);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Statement prepare(std::string_view sql);
    // A statement prepared once per connection and reused: for the writes and
    // look-ups that bulk loads repeat thousands of times. `sql` must be a
    // string literal (the cache is keyed by its address). The statement comes
    // back reset, with no bindings, and is reset again when the lease ends.
    // While it is lent, the same SQL gets a one-off statement of its own.
    CachedStatement cached(const char* sql);
    void exec(std::string_view sql);        // for schema scripts and pragmas only
    std::int64_t lastInsertId() const;
    int changes() const;
    int userVersion();
    const std::string& path() const { return m_path; }
    // Statements prepared so far: lets tests prove a steady frame runs no SQL.
    std::uint64_t statementsPrepared() const { return m_prepared; }
    // The work SQL did on this connection since meterWork(), in SQLite
    // virtual-machine instructions (counted in steps of 100 through the
    // progress handler; 0 until meterWork() is called). A scan of a table of
    // a million rows costs millions; a page of a list or an indexed look-up a
    // few thousand. Lets tests prove a frame never scans a big table.
    void meterWork();
    std::uint64_t workDone() const { return m_workTicks * kWorkTick; }
    static constexpr std::uint64_t kWorkTick = 100;
    sqlite3* handle() const { return m_db; }
    bool inTransaction() const;   // a BEGIN (or SAVEPOINT) is open on this connection
    // The SQL of statements stepped but neither finished nor reset: each keeps
    // a read snapshot open. Empty between calls, always (see CachedStatement).
    std::vector<std::string> unfinishedStatements() const;
    // Throws StorageError naming what holds the connection when a transaction
    // or an unfinished statement is open: called after every UI frame in tests
    // and debug builds (JINGUO_CHECK_SQL=1), where nothing may stay open.
    void checkIdle() const;
    // PRAGMA data_version: changes when another connection commits to the file.
    std::int64_t dataVersion();
    // Steps `sql` (one integer row) without throwing: SQLite's extended code
    // (SQLITE_OK on success) and, on failure, its message.
    int tryReadInt(const char* sql, std::int64_t& value, std::string& message);
    // PRAGMA quick_check: the problems it names (empty when the file is whole).
    std::vector<std::string> quickCheck();
    // True when this connection created the (empty, 0600) file.
    bool createdFile() const { return m_createdFile; }
    // The open left PRAGMA quick_check to its caller (IntegrityCheck::BeforeCommit):
    // the caller runs damagedFileProblem() before it commits anything.
    bool integrityCheckDeferred() const { return m_integrityCheckDeferred; }
    void integrityCheckDone() { m_integrityCheckDeferred = false; }
    // PRAGMA wal_checkpoint(TRUNCATE): everything in -wal goes into the .db
    // and -wal is emptied, so the .db alone is complete (on a clean exit).
    void checkpointWal();

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
    bool m_createdFile = false;
    bool m_integrityCheckDeferred = false;
    friend std::unique_ptr<Database> openAndMigrateChecked(const std::string&, bool);
    std::uint64_t m_prepared = 0;
    std::uint64_t m_workTicks = 0;
    struct CacheSlot {
        std::unique_ptr<Statement> statement;
        bool lent = false;
    };
    std::unordered_map<const char*, CacheSlot> m_cache;
};

// A transaction that rolls back unless commit() was called. Nested use is
// allowed: the inner ones become savepoints.
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
