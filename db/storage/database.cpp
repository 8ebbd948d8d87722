// database.cpp — sqlite3 connection, statements, transactions, migrations.
//
// Sections:
//   [SECTION] Statement
//   [SECTION] Database
//   [SECTION] Transaction
//   [SECTION] Migrations
#include "storage/database.hpp"

#include "core/private_files.hpp"
#include "core/server_address.hpp"
#include "storage/backup_store.hpp"
#include "storage/family_list.hpp"
#include "storage/honour_list.hpp"
#include "storage/integrity_check.hpp"
#include "storage/migrations.hpp"
#include "storage/open_progress.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_readings.hpp"
#include "storage/pg_schema.hpp"
#include "storage/pg_security.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/sql_functions.hpp"
#include "storage/title_review.hpp"
#include "storage/volunteer_list.hpp"
#include "storage/work_meter.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <unistd.h>

namespace jinguo::storage {

namespace {
// SQLite's English, as users meet it, in Chinese with what to do; "" for
// errors that have no advice of their own.
std::string adviceFor(int rc) {
    switch (rc & 0xFF) {
    case SQLITE_CORRUPT:
        return "数据库文件已损坏（database disk image is malformed）。请不要删除它：先把它复制一份保存，"
               "再用备份恢复，或把副本交给技术人员修复。";
    case SQLITE_NOTADB: return "这个文件不是数据库文件（file is not a database）。请确认选择了正确的 .db 文件。";
    case SQLITE_FULL:
        return "磁盘已满（database or disk is full），这次没有保存。请删除不需要的文件腾出空间后再试。";
    case SQLITE_READONLY:
        return "数据库是只读的（attempt to write a readonly database），这次没有保存。请检查文件和所在文件夹"
               "是否有写入权限，文件是否在只读的U盘或光盘上。";
    case SQLITE_CANTOPEN:
        return "无法打开数据库文件（unable to open database file）。请检查路径是否存在，文件和所在文件夹是否有读写权限。";
    case SQLITE_IOERR:
        return "读写磁盘出错（disk I/O error）。请检查磁盘或U盘是否已拔出、是否损坏，然后再试。";
    default: return {};
    }
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    if (db) {
        const std::string advice = adviceFor(sqlite3_extended_errcode(db));
        if (!advice.empty()) throw StorageError(what + "：" + advice);
    }
    throw StorageError(what + "（SQLite：" + (db ? sqlite3_errmsg(db) : "无连接") + "）");
}

// A failed step or exec as the user reads it: what happened in Chinese, with
// SQLite's own words kept for whoever reports it.
[[noreturn]] void failed(int rc, const std::string& message) {
    if ((rc & 0xFF) == SQLITE_CONSTRAINT) throw StorageError("数据不符合约束，未保存（" + message + "）");
    if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
        throw StorageError("数据库正忙：另一个程序或本程序的后台任务（导入、徽章评定）正在写入，"
                           "等了5秒仍未结束。这次没有保存，请稍后再试（" + message + "）");
    if (const std::string advice = adviceFor(rc); !advice.empty()) throw StorageError(advice);
    throw StorageError("数据库操作失败（" + message + "）");
}

bool isPlainPath(const std::string& path) {
    return !path.empty() && path != ":memory:" && path.rfind("file:", 0) != 0;
}

std::string folderOf(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}
} // namespace

// ============================================================ [SECTION] Statement
//
// Every method: `if (m_pg) [[unlikely]]` → the PgStatement, else SQLite as
// before. The branch is the whole cost of the second engine on SQLite.

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK)
        fail(db, "数据库语句无法准备：" + std::string(sql.substr(0, 60)));
}

Statement::Statement(std::unique_ptr<PgStatement> pg) : m_pg(std::move(pg)) {}

Statement::~Statement() {
    if (m_pg) [[unlikely]] return;   // the unique_ptr frees it
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt), m_pg(std::move(other.m_pg)) {
    other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (m_pg) [[unlikely]] { m_pg->bind(index, value); return *this; }
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) fail(m_db, "参数绑定失败");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (m_pg) [[unlikely]] { m_pg->bind(index, value); return *this; }
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) fail(m_db, "参数绑定失败");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (m_pg) [[unlikely]] { m_pg->bind(index, value); return *this; }
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(m_db, "参数绑定失败");
    return *this;
}

Statement& Statement::bindUncopied(int index, std::string_view value) {
    if (m_pg) [[unlikely]] { m_pg->bind(index, value); return *this; }   // libpq sends text it owns: a copy
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC) != SQLITE_OK)
        fail(m_db, "参数绑定失败");
    return *this;
}

Statement& Statement::bindUncopiedOrNull(int index, std::string_view value) {
    return value.empty() ? bindNull(index) : bindUncopied(index, value);
}

Statement& Statement::bindNull(int index) {
    if (m_pg) [[unlikely]] { m_pg->bindNull(index); return *this; }
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) fail(m_db, "参数绑定失败");
    return *this;
}

Statement& Statement::bindTextOrNull(int index, std::string_view value) {
    return value.empty() ? bindNull(index) : bind(index, value);
}

Statement& Statement::bindIdOrNull(int index, std::int64_t id) {
    return id == 0 ? bindNull(index) : bind(index, id);
}

bool Statement::step() {
    if (m_pg) [[unlikely]] return m_pg->step();
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string message = sqlite3_errmsg(m_db);
    sqlite3_reset(m_stmt);
    failed(rc, message);
}

void Statement::run() {
    if (m_pg) [[unlikely]] { m_pg->run(); return; }
    while (step()) {}
    sqlite3_reset(m_stmt);
}

std::int64_t Statement::runInsert() {
    if (m_pg) [[unlikely]] return m_pg->runReturningId();
    run();
    return sqlite3_last_insert_rowid(m_db);
}

void Statement::reset() {
    if (m_pg) [[unlikely]] { m_pg->reset(); return; }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::columnInt(int col) const {
    if (m_pg) [[unlikely]] return m_pg->columnInt(col);
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::columnDouble(int col) const {
    if (m_pg) [[unlikely]] return m_pg->columnDouble(col);
    return sqlite3_column_double(m_stmt, col);
}
int Statement::columnCount() const {
    if (m_pg) [[unlikely]] return m_pg->columnCount();
    return sqlite3_column_count(m_stmt);
}
bool Statement::columnIsNull(int col) const {
    if (m_pg) [[unlikely]] return m_pg->columnIsNull(col);
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::string Statement::columnText(int col) const {
    if (m_pg) [[unlikely]] return m_pg->columnText(col);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
}

std::string_view Statement::columnView(int col) const {
    if (m_pg) [[unlikely]] return m_pg->columnView(col);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string_view();
}

// ============================================================ [SECTION] Database

namespace {
std::atomic<std::atomic<std::uint64_t>*> newConnectionsSink{nullptr};
} // namespace

void meterNewConnections(std::atomic<std::uint64_t>* sink) { newConnectionsSink.store(sink); }

namespace {
// For developers: JINGUO_SLOW_SQL_MS=N prints every statement that ran N ms
// or longer, with the thread that ran it (the frame loop's are the ones that
// freeze the window), to stderr. perf cannot unwind through libsqlite3, so
// this is how to find which statement a slow frame was waiting on.
long slowStatementMs() {
    static const long ms = [] {
        const char* text = std::getenv("JINGUO_SLOW_SQL_MS");
        return text && *text ? std::strtol(text, nullptr, 10) : -1L;
    }();
    return ms;
}

int reportSlowStatement(unsigned, void*, void* statement, void* nanoseconds) {
    const auto ns = *static_cast<const sqlite3_int64*>(nanoseconds);
    if (ns < slowStatementMs() * 1000000LL) return 0;
    char* sql = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(statement));
    std::fprintf(stderr, "[slow sql] %.1f ms, thread %ld: %s\n", static_cast<double>(ns) / 1e6,
                 static_cast<long>(::gettid()), sql ? sql : "?");
    sqlite3_free(sql);
    return 0;
}
} // namespace

bool isServerConnection(const std::string& path) { return looksLikeServerConnection(path); }

Database::Database(const std::string& path, bool create) : m_dialect(&kSqliteDialect), m_path(path) {
    if (isServerConnection(path)) {
        m_dialect = &kPostgresqlDialect;
        // A server: libpq's connection, and none of the file's set-up below.
        // JINGUO_SLOW_SQL_MS has no server form: the server's
        // log_min_duration_statement does it.
        m_pg = std::make_unique<PgDatabase>(path);
        if (std::atomic<std::uint64_t>* sink = newConnectionsSink.load()) m_pg->meterPlans(sink);
        // Every connection hears of others' commits (0046's triggers): the
        // window's dataVersion, and a worker's, which drains them as it goes.
        // A streaming replica (a meeting screen's) refuses LISTEN and runs no
        // triggers: there dataVersion is the WAL position it has replayed.
        m_pgReplica = m_pg->isHotStandby();
        if (!m_pgReplica) m_pg->listen(kChangedChannel);
        return;
    }
    // SQLite's memory statistics take a global lock on every allocation; we
    // never read them. Only possible before SQLite initializes (else ignored).
    static const bool noMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)noMemoryStatistics;
    // A connection is only ever used by one thread at a time (each worker
    // opens its own), so SQLite's per-connection lock, taken on every bind
    // and step, is not needed.
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    // A new database is created 0600 before SQLite sees it (SQLite would make
    // it 0644 under the usual umask); its -wal and -shm take the same mode.
    if (create && isPlainPath(path)) {
        std::string error;
        m_createdFile = createPrivateFile(path, &error);
        if (!m_createdFile && !error.empty() && !std::filesystem::exists(path)) {
            if (::access(folderOf(path).c_str(), W_OK) != 0 && std::filesystem::is_directory(folderOf(path)))
                throw StorageError("无法在文件夹“" + folderOf(path) + "”中新建数据库：这个文件夹是只读的（没有写入权限）。"
                                   "请换一个有写入权限的文件夹，或用 --db 指定数据库文件。");
            if (!std::filesystem::is_directory(folderOf(path)))
                throw StorageError("无法打开数据库文件“" + path + "”：文件夹“" + folderOf(path)
                                   + "”不存在。请检查路径，或用 --db 指定数据库文件。");
            throw StorageError("无法打开数据库文件“" + path + "”：无法新建（" + error + "）。请检查路径是否存在、是否有写入权限。");
        }
    }
    if (const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr); rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "内存不足";
        sqlite3_close(m_db);
        m_db = nullptr;
        if ((rc & 0xFF) == SQLITE_CANTOPEN && !std::filesystem::exists(path))
            throw StorageError("无法打开数据库文件“" + path + "”：文件不存在（unable to open database file）。请检查路径。");
        const std::string advice = adviceFor(rc);
        throw StorageError("无法打开数据库文件“" + path + "”：" + (advice.empty() ? message + "。请检查路径是否存在、是否有读写权限。" : advice));
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another Jinguo (or a backup tool) may hold the file for a moment.
    sqlite3_busy_timeout(m_db, 5000);
    registerSqlFunctions(m_db);   // the person_list triggers call them (0020)
    if (slowStatementMs() >= 0) sqlite3_trace_v2(m_db, SQLITE_TRACE_PROFILE, reportSlowStatement, nullptr);
    if (std::atomic<std::uint64_t>* sink = newConnectionsSink.load())
        sqlite3_progress_handler(m_db, static_cast<int>(kWorkTick), [](void* ticks) {
            static_cast<std::atomic<std::uint64_t>*>(ticks)->fetch_add(kWorkTick, std::memory_order_relaxed);
            return 0;   // never interrupts
        }, sink);
}

Database::~Database() {
    m_cache.clear();   // finalize cached statements before the connection closes
    if (m_pg) return;  // the unique_ptr disconnects after the statements are gone
    sqlite3_close_v2(m_db);
}

std::string Database::displayName() const { return m_pg ? m_pg->description() : m_path; }

std::string databaseDisplayName(const std::string& path) {
    return isServerConnection(path) ? "服务器 " + describeConnection(path) : path;
}

namespace {
// PostgreSQL has no last_insert_rowid: the id comes back with the row.
std::string withReturningId(std::string_view sql) {
    std::string text(sql);
    while (!text.empty() && (text.back() == ' ' || text.back() == ';' || text.back() == '\n')) text.pop_back();
    return text + " RETURNING id";
}
} // namespace

Statement Database::prepareInsert(std::string_view sql) {
    if (m_pg) [[unlikely]] {
        ++m_prepared;
        return Statement(std::make_unique<PgStatement>(*m_pg, withReturningId(sql)));
    }
    return prepare(sql);
}

CachedStatement Database::cachedInsert(const char* sql) {
    if (!m_pg) [[likely]] return cached(sql);
    // Keyed by the caller's literal, as cached(); the server's text has RETURNING id.
    auto& slot = m_cache[sql];
    if (!slot.statement || slot.lent) {
        ++m_prepared;
        auto statement = std::make_unique<Statement>(std::make_unique<PgStatement>(*m_pg, withReturningId(sql)));
        if (slot.lent) return CachedStatement(std::move(statement));
        slot.statement = std::move(statement);
    } else {
        slot.statement->reset();
    }
    return CachedStatement(*slot.statement, slot.lent);
}

CachedStatement::~CachedStatement() {
    if (!m_st) return;
    m_st->reset();
    if (m_lent) *m_lent = false;
}

CachedStatement Database::cached(const char* sql) {
    auto& slot = m_cache[sql];
    if (!slot.statement) {
        ++m_prepared;
        slot.statement = m_pg ? std::make_unique<Statement>(std::make_unique<PgStatement>(*m_pg, sql))
                              : std::make_unique<Statement>(m_db, sql);
    } else if (slot.lent) {
        // The same SQL is in use further up the call stack (a recursive
        // walk): resetting it would pull its row away, so lend a copy.
        ++m_prepared;
        if (m_pg) [[unlikely]] return CachedStatement(std::make_unique<Statement>(std::make_unique<PgStatement>(*m_pg, sql)));
        return CachedStatement(std::make_unique<Statement>(m_db, sql));
    } else {
        slot.statement->reset();
    }
    return CachedStatement(*slot.statement, slot.lent);
}

std::vector<std::string> Database::unfinishedStatements() const {
    if (m_pg) return m_pg->busyStatements();
    std::vector<std::string> open;
    for (sqlite3_stmt* st = sqlite3_next_stmt(m_db, nullptr); st; st = sqlite3_next_stmt(m_db, st))
        if (sqlite3_stmt_busy(st)) open.emplace_back(sqlite3_sql(st) ? sqlite3_sql(st) : "?");
    return open;
}

void Database::checkIdle() const {
    std::string problem;
    if (inTransaction()) problem = "事务未结束";
    for (const std::string& sql : unfinishedStatements())
        problem += (problem.empty() ? "" : "；") + std::string("语句未复位：") + sql.substr(0, 120);
    if (!problem.empty())
        throw StorageError("内部错误：数据库连接在两次操作之间仍被占用（" + problem
                           + "）。它会让之后的保存失败，请报告这个问题。");
}

std::int64_t Database::dataVersion() {
    // The server's: the notifications of others' commits heard so far (no query).
    if (m_pg) [[unlikely]] {
        if (!m_pgReplica) return static_cast<std::int64_t>(m_pg->changesElsewhere());
        auto st = cached("SELECT (pg_last_wal_replay_lsn() - '0/0')::bigint");
        return st.step() ? st.columnInt(0) : 0;
    }
    auto st = cached("PRAGMA data_version");
    return st.step() ? st.columnInt(0) : 0;
}

int Database::changeSignalFd() const { return m_pg && !m_pgReplica ? m_pg->socket() : -1; }

Statement Database::prepare(std::string_view sql) {
    ++m_prepared;
    if (m_pg) [[unlikely]] return Statement(std::make_unique<PgStatement>(*m_pg, sql));
    return Statement(m_db, sql);
}

void Database::exec(std::string_view sql) {
    if (m_pg) [[unlikely]] { m_pg->exec(sql); return; }
    char* error = nullptr;
    const std::string text(sql);
    if (const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error); rc != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(m_db);
        sqlite3_free(error);
        failed(rc, message);
    }
}

std::int64_t Database::lastInsertId() const {
    if (m_pg) [[unlikely]] return m_pg->lastInsertId();
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const {
    if (m_pg) [[unlikely]] return m_pg->changes();
    return sqlite3_changes(m_db);
}

std::uint64_t Database::workDone() const {
    if (m_pg) [[unlikely]] {
        if (!m_pgMetering) return 0;
        if (m_pg->plansMetered()) return m_pg->planWork() - m_pgWorkAtMeter;
        return (m_pg->workTicks() - m_pgWorkAtMeter) * kWorkTick;
    }
    return m_workTicks * kWorkTick;
}

void Database::meterWork() {
    if (m_pg) [[unlikely]] {
        if (m_pgMetering) return;
        // On a server, see PgDatabase::meterPlans: the work of the plans the
        // server ran, in SQLite's units; the fallback counts statements and rows.
        m_pgMetering = true;
        m_pgWorkAtMeter = (m_pg->plansMetered() || m_pg->meterPlans()) ? m_pg->planWork() : m_pg->workTicks();
        return;
    }
    sqlite3_progress_handler(m_db, static_cast<int>(kWorkTick), [](void* ticks) {
        ++*static_cast<std::uint64_t*>(ticks);
        return 0;   // never interrupts
    }, &m_workTicks);
}

int Database::userVersion() {
    if (m_pg) [[unlikely]] return pgSchemaVersion(*m_pg);
    Statement st = prepare("PRAGMA user_version");
    return st.step() ? static_cast<int>(st.columnInt(0)) : 0;
}

void Database::checkpointWal() {
    if (m_pg) return;   // a server checkpoints its own WAL
    exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

bool Database::inTransaction() const {
    if (m_pg) [[unlikely]] return m_pg->inTransaction();
    return sqlite3_get_autocommit(m_db) == 0;
}

// ============================================================ [SECTION] Transaction

namespace {
std::atomic<std::uint64_t> serverSavepoints{0};
} // namespace

Transaction::Transaction(Database& db) : m_db(db) {
    if (db.isServer()) [[unlikely]] {
        // BEGIN takes no lock up front on a server (rows are locked as they
        // are written); SAVEPOINT names are per connection, the counter global.
        if (!db.inTransaction()) {
            db.exec("BEGIN");
            ++db.m_serverTransactions;
        } else {
            m_savepoint = "jinguo_sp_" + std::to_string(++serverSavepoints);
            db.exec("SAVEPOINT " + m_savepoint);
        }
        return;
    }
    if (!db.inTransaction()) {
        db.exec("BEGIN IMMEDIATE");
    } else {
        static int counter = 0;
        m_savepoint = "jinguo_sp_" + std::to_string(++counter);
        db.exec("SAVEPOINT " + m_savepoint);
    }
}

Transaction::~Transaction() {
    if (m_done) return;
    try {
        if (m_savepoint.empty()) {
            m_db.exec("ROLLBACK");
        } else {
            m_db.exec("ROLLBACK TO " + m_savepoint);
            m_db.exec("RELEASE " + m_savepoint);
        }
    } catch (...) {
        // A failed rollback leaves SQLite to roll back on close; nothing more to do here.
    }
}

void Transaction::commit() {
    // A failed statement aborted the server's transaction: COMMIT would
    // answer ROLLBACK without an error. Refuse instead; the destructor rolls back.
    if (m_db.isServer() && m_db.server()->transactionFailed()) [[unlikely]]
        throw StorageError("保存失败：本事务中有语句出错，全部修改都已撤销，没有保存任何内容");
    m_db.exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
    m_done = true;
}

void runRecoverably(Database& db, Statement& st) {
    if (!db.isServer()) [[likely]] {
        st.run();   // SQLite undoes the failed statement alone
        return;
    }
    Transaction savepoint(db);   // a SAVEPOINT inside the caller's transaction
    st.run();
    savepoint.commit();
}

std::int64_t runInsertRecoverably(Database& db, Statement& st) {
    if (!db.isServer()) [[likely]] return st.runInsert();
    Transaction savepoint(db);
    const std::int64_t id = st.runInsert();
    savepoint.commit();
    return id;
}

// ============================================================ [SECTION] Migrations

int latestSchemaVersion() {
    const auto& all = embeddedMigrations();
    return all.empty() ? 0 : all.back().version;
}

namespace {

// Why the first read of a database failed, in words that do not invite
// deleting a good file.
[[noreturn]] void refuseToOpen(const std::string& path, int rc, const std::string& sqliteMessage) {
    const std::string folder = folderOf(path);
    const std::string untouched = "文件本身没有被修改。";
    switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw OpenError(OpenFailure::Busy, "数据库“" + path + "”正被另一个程序占用，等了5秒仍未释放。" + untouched
                           + "请关闭正在使用它的程序（另一个Jinguo窗口、备份或同步软件）后再打开。");
    case SQLITE_CORRUPT:
        throw OpenError(OpenFailure::Damaged, "数据库“" + path + "”已损坏（database disk image is malformed），已停止打开，" + untouched
                           + "请不要删除它：可以从备份恢复（原文件会移到备份文件夹保留），或复制一份交给技术人员修复。");
    case SQLITE_NOTADB:
        throw OpenError(OpenFailure::Damaged, "“" + path + "”不是Jinguo数据库（也不是SQLite文件），已停止，未做任何修改。请选择正确的 .db 文件。");
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        if (::access(path.c_str(), W_OK) != 0 && ::access(path.c_str(), R_OK) == 0)
            throw OpenError(OpenFailure::NoAccess, "数据库文件“" + path + "”是只读的（没有写入权限），Jinguo无法在其中保存。" + untouched
                               + "请在文件属性中去掉“只读”（或运行 chmod u+w），或把它复制到有写入权限的文件夹再打开。");
        if (::access(path.c_str(), R_OK) != 0)
            throw OpenError(OpenFailure::NoAccess, "没有读取数据库文件“" + path + "”的权限。" + untouched + "请检查文件的权限或所有者。");
        if (::access(folder.c_str(), W_OK) != 0)
            throw OpenError(OpenFailure::NoAccess, "数据库所在的文件夹“" + folder + "”是只读的：Jinguo需要在数据库旁边写入 -wal 和 -shm 文件。"
                               + untouched + "请把数据库复制到有写入权限的文件夹（如“文档”）再打开。");
        if ((rc & 0xFF) == SQLITE_IOERR)
            throw OpenError(OpenFailure::NoAccess, "读取数据库“" + path + "”时磁盘出错（" + sqliteMessage + "）。" + untouched
                               + "请检查磁盘或U盘是否已拔出、是否损坏。");
        break;
    default: break;
    }
    throw OpenError(OpenFailure::Damaged, "无法读取数据库“" + path + "”（" + sqliteMessage + "），已停止，未做任何修改。");
}

std::string fileKey(const std::string& path) {
    std::error_code ec;
    std::string key = std::filesystem::weakly_canonical(path, ec).string();
    return ec || key.empty() ? path : key;
}

std::mutex checkedFilesMutex;
std::set<std::string> checkedFiles;    // quick_check done or deferred in this process
std::set<std::string> deferredFiles;   // … deferred (integrity_check.hpp)
std::atomic<std::uintmax_t> fullCheckDeferredAbove{0};

// PRAGMA quick_check once per file per process: the UI's workers and the
// badge announcer open their own connections again and again.
bool firstOpenInProcess(const std::string& path) {
    const std::string key = fileKey(path);
    const std::lock_guard<std::mutex> lock(checkedFilesMutex);
    return checkedFiles.insert(key).second;
}

void markDeferred(const std::string& path) {
    const std::string key = fileKey(path);
    const std::lock_guard<std::mutex> lock(checkedFilesMutex);
    deferredFiles.insert(key);
}

} // namespace

int Database::tryReadInt(const char* sql, std::int64_t& value, std::string& message) {
    if (m_pg) throw StorageError("内部错误：tryReadInt 只用于SQLite数据库文件，服务器数据库没有这一步。");
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            value = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        rc = sqlite3_extended_errcode(m_db);
        message = sqlite3_errmsg(m_db);
    }
    sqlite3_finalize(st);
    return rc;
}

std::vector<std::string> Database::quickCheck() {
    if (m_pg) return {};   // a server keeps its own pages whole (and has no file to read)
    std::vector<std::string> problems;
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(m_db, "PRAGMA quick_check(5)", -1, &st, nullptr);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        const std::string line = text ? text : "";
        if (line != "ok") problems.push_back(line);
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_OK) problems.push_back(sqlite3_errmsg(m_db));
    sqlite3_finalize(st);
    return problems;
}

double lastQuickCheckSeconds = 0;

void setFullCheckDeferredAbove(std::uintmax_t bytes) { fullCheckDeferredAbove.store(bytes); }

bool integrityCheckDeferred(const std::string& path) {
    const std::string key = fileKey(path);
    const std::lock_guard<std::mutex> lock(checkedFilesMutex);
    return deferredFiles.count(key) > 0;
}

std::optional<std::vector<std::string>> runIntegrityCheck(const std::string& path, const std::atomic<bool>* cancel) {
    if (isServerConnection(path)) return std::vector<std::string>{};   // no file to check
    Database db(path, false);
    db.exec("PRAGMA query_only = ON");
    // A cancel (the app closing) interrupts the check within a few thousand instructions.
    if (cancel)
        sqlite3_progress_handler(db.handle(), 1000, [](void* flag) -> int {
            return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
        }, const_cast<std::atomic<bool>*>(cancel));
    std::vector<std::string> problems = db.quickCheck();
    if (cancel && cancel->load()) return std::nullopt;
    return problems;
}

std::string damagedFileMessage(const std::string& path, const std::string& problem, bool foundAfterOpen) {
    const std::string what = "数据库“" + path + "”已损坏（完整性检查未通过：" + problem.substr(0, 120) + "）";
    if (foundAfterOpen)
        return what + "。这是打开后在后台检查时发现的：请不要继续录入，在“设置 → 备份与恢复”中用损坏前的备份恢复"
                      "（恢复前会先备份当前文件），或复制一份交给技术人员修复。";
    return what + "，已停止打开，文件未做任何修改。请不要删除它：可以从备份恢复"
                  "（原文件会移到备份文件夹保留），或复制一份交给技术人员修复。";
}

std::string zeroByteFileMessage(const std::string& path) {
    return "“" + path + "”是空文件（0字节），里面没有任何数据，不是Jinguo数据库，已停止，未做任何修改。"
           "如果它本应是您的数据库，说明复制或同步时内容丢失了，请从备份恢复；"
           "要新建数据库，请换一个新的文件名，或先删除这个空文件。";
}

std::unique_ptr<Database> openAndMigrateChecked(const std::string& path, bool deferCheck);

std::string damagedFileProblem(const std::string& path) {
    if (isServerConnection(path)) return {};   // no file to check
    try {
        Database db(path, false);
        const std::vector<std::string> problems = db.quickCheck();
        return problems.empty() ? std::string() : damagedFileMessage(path, problems.front(), false);
    } catch (const StorageError& e) {
        return damagedFileMessage(path, e.what(), false);
    }
}

namespace {
// A server: connect and apply the PostgreSQL set. No quick_check (the server
// keeps its pages whole) and no 升级前 copy (a server's database is backed
// up with pg_dump by whoever runs it; there is no file beside us to copy).
// A schema behind the app's is migrated and its security model applied again
// in the same transaction (a new table gets its grants and policy before
// anyone reads it); that takes the owner's rights, so a street user's
// window on an up-to-date server writes nothing here.
//
// Refused before anything is written, each with its OpenFailure: a newer
// schema (TooNew), another program's tables (NotJinguo), and a schema behind
// (or an empty database) that this user cannot bring up to date — only the
// database's owner can, so a 录入/只读 user is told to ask for it
// (ServerNoPermission) instead of reading "permission denied".
std::unique_ptr<Database> openAndMigrateServer(const std::string& conninfo) {
    auto db = std::make_unique<Database>(conninfo);
    PgDatabase& pg = *db->server();
    const int version = pgSchemaVersion(pg);
    const int latest = latestPgSchemaVersion();
    const std::string where = "服务器上的数据库“" + pg.description() + "”";
    if (version > latest)
        throw SchemaTooNewError(where + "由更新版本的Jinguo建立（结构版本" + std::to_string(version) + "，本程序只认识到"
                                + std::to_string(latest) + "）。为避免损坏数据，没有打开，也没有做任何修改。"
                                "请安装与服务器相同或更新版本的Jinguo后再连接。");
    if (version == latest) {
        if (pinyinReadingsStale(pg)) {
            // Written by another Jinguo's reading set (another ICU): this one's
            // replaces it when it may (the owner); a user's window reads the server's.
            auto mayWrite = pg.prepare("SELECT has_table_privilege('pinyin_reading', 'INSERT')");
            if (mayWrite.step() && mayWrite.columnInt(0) == 1) writePinyinReadings(pg);
        }
        return db;
    }
    if (version == 0) {
        auto st = pg.prepare("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p')");
        if (st.step() && st.columnInt(0) > 0)
            throw OpenError(OpenFailure::NotJinguo, where + "不是Jinguo数据库：里面已有其他程序的数据表。没有打开，也没有做任何修改。"
                                                    "请检查数据库名，或请服务器管理员为Jinguo新建一个数据库。");
    }
    // The owner (or a superuser) changes the schema; anyone else would fail half-way with "permission denied".
    auto owner = pg.prepare("SELECT r.rolsuper OR pg_has_role(current_user, d.datdba, 'MEMBER') FROM pg_database d, "
                            "pg_roles r WHERE d.datname = current_database() AND r.rolname = current_user");
    if (!owner.step() || owner.columnInt(0) == 0) {
        if (version == 0)
            throw OpenError(OpenFailure::ServerNoPermission,
                            where + "还是空的，没有初始化。请服务器管理员先运行 jinguo server init，再添加用户。");
        throw OpenError(OpenFailure::ServerNoPermission,
                        where + "的结构是第" + std::to_string(version) + "版，本程序需要第" + std::to_string(latest)
                            + "版，要先升级。升级只能由区里的管理员用建库的数据库账号（数据库所有者）以新版Jinguo打开一次；"
                              "升级完成后您再打开即可。服务器上的数据没有改动。");
    }
    migratePgDatabaseSecured(pg);
    return db;
}
} // namespace

std::unique_ptr<Database> openAndMigrate(const std::string& path, IntegrityCheck check) {
    if (isServerConnection(path)) return openAndMigrateServer(path);
    const bool existed = !isPlainPath(path) || std::filesystem::exists(path);
    try {
        return openAndMigrateChecked(path, check == IntegrityCheck::BeforeCommit);
    } catch (...) {
        // A database this call created and could not finish leaves nothing
        // behind (an empty file would be refused at the next start).
        if (!existed) {
            std::error_code ec;
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
        }
        throw;
    }
}

std::unique_ptr<Database> openAndMigrateChecked(const std::string& path, bool deferCheck) {
    auto db = std::make_unique<Database>(path);
    // A zero-byte file someone else left (a failed copy or sync, "新建空文件")
    // is refused by every command and the GUI alike: filling it would hide
    // the loss, and a sync tool would then spread the empty database.
    if (!db->createdFile() && isPlainPath(path)) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 && !ec)
            throw OpenError(OpenFailure::Damaged, zeroByteFileMessage(path));
    }
    // Read the version before anything writes to the file: a newer database,
    // or a file that is not a database at all, must be left exactly as it is.
    // The schema is read too: a truncated or damaged file fails there.
    int version = 0;
    {
        std::int64_t value = 0, tables = 0;
        std::string message;
        int rc = db->tryReadInt("PRAGMA user_version", value, message);
        if (rc == SQLITE_OK) rc = db->tryReadInt("SELECT count(*) FROM sqlite_schema", tables, message);
        if (rc != SQLITE_OK) refuseToOpen(path, rc, message);
        // SQLite quietly opens a file it may not write read-only.
        if (sqlite3_db_readonly(db->handle(), "main") == 1)
            refuseToOpen(path, SQLITE_READONLY, "attempt to write a readonly database");
        version = static_cast<int>(value);
    }
    // A database made before files were private (0644) is made so now,
    // with its -wal/-shm: it holds ID numbers and phones.
    if (!db->createdFile() && isPlainPath(path))
        for (const char* suffix : {"", "-wal", "-shm"}) makeFilePrivate(path + suffix);
    const int latest = latestSchemaVersion();
    if (deferCheck && version == latest) {
        // Not counted as this process's check: a later ordinary open checks.
        db->m_integrityCheckDeferred = true;
    } else if (version > 0 && firstOpenInProcess(path)) {
        const auto start = std::chrono::steady_clock::now();
        // A big file with no migration pending: the bounded check now, the
        // full one off the frame loop (integrity_check.hpp).
        const std::uintmax_t limit = fullCheckDeferredAbove.load();
        std::error_code ec;
        const bool big = limit > 0 && isPlainPath(path) && std::filesystem::file_size(path, ec) > limit && !ec;
        std::vector<std::string> problems;
        if (big && version == latest) {
            markDeferred(path);   // the schema was read above: SQLite refuses a truncated file there
        } else {
            problems = db->quickCheck();
        }
        lastQuickCheckSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!problems.empty()) throw OpenError(OpenFailure::Damaged, damagedFileMessage(path, problems.front(), false));
    }
    if (version > latest) {
        throw SchemaTooNewError("数据库“" + path + "”由更新版本的Jinguo创建（结构版本" + std::to_string(version)
                                + "，本程序只认识到" + std::to_string(latest)
                                + "）。为避免损坏数据，已停止打开，文件未做任何修改。请升级Jinguo后再打开。");
    }
    if (version == 0) {
        // A non-empty SQLite file with user_version 0 is someone else's database.
        Statement st = db->prepare("SELECT count(*) FROM sqlite_schema");
        if (st.step() && st.columnInt(0) > 0)
            throw OpenError(OpenFailure::NotJinguo, "“" + path + "”是其他程序的SQLite数据库，不是Jinguo数据库，已停止，未做任何修改。");
    }
    // An existing database about to be changed by a migration is backed up
    // first (what it holds, as it is, in a file of its own); without a
    // backup nothing is migrated.
    if (version > 0 && version < latest) {
        try {
            reportOpenStage(OpenStage::BackingUp);
            BackupStore(path).create(kBackupBeforeMigration);
        } catch (const StorageError& e) {
            throw StorageError("数据库需要升级，但升级前的备份没有写成：" + std::string(e.what())
                               + "。文件未做任何修改。请检查数据库所在文件夹是否可写、磁盘是否已满。");
        }
    }
    migrateDatabase(*db);
    return db;
}

void migrateDatabase(Database& dbRef) { migrateDatabaseTo(dbRef, latestSchemaVersion()); }

void migrateDatabaseTo(Database& dbRef, int upTo) {
    Database* db = &dbRef;
    const int version = dbRef.userVersion();
    db->exec("PRAGMA journal_mode = WAL");
    // SQLite creates -wal and -shm with the main file's mode; make sure.
    if (isPlainPath(db->path())) {
        makeFilePrivate(db->path() + "-wal");
        makeFilePrivate(db->path() + "-shm");
    }
    db->exec("PRAGMA synchronous = NORMAL");
    db->exec("PRAGMA foreign_keys = ON");
    const int pending = static_cast<int>(std::count_if(embeddedMigrations().begin(), embeddedMigrations().end(),
                                                       [&](const Migration& m) { return m.version > version && m.version <= upTo; }));
    int step = 0;
    for (const Migration& m : embeddedMigrations()) {
        if (m.version <= version || m.version > upTo) continue;
        reportOpenMigration(++step, pending, m.name);
        // A migration that rebuilds a table (SQLite cannot alter a column's
        // constraints) says so on its first line: dropping the old table with
        // foreign keys on would cascade into every row that refers to it. The
        // pragma is a no-op inside a transaction, so it is set around it, and
        // the references are checked before the commit instead.
        const bool foreignKeysOff = std::string_view(m.sql).find("-- jinguo:foreign-keys-off") == 0;
        if (foreignKeysOff) db->exec("PRAGMA foreign_keys = OFF");
        try {
            Transaction tx(*db);
            db->exec(m.sql);
            if (foreignKeysOff) {
                Statement check = db->prepare("PRAGMA foreign_key_check");
                if (check.step())
                    throw StorageError("数据库升级（" + std::string(m.name) + "）后表“" + check.columnText(0)
                                       + "”有失效的引用，已撤回升级，文件未做修改。");
            }
            db->exec("PRAGMA user_version = " + std::to_string(m.version));
            tx.commit();
        } catch (...) {
            if (foreignKeysOff) db->exec("PRAGMA foreign_keys = ON");
            throw;
        }
        if (foreignKeysOff) db->exec("PRAGMA foreign_keys = ON");
    }
    if (upTo < latestSchemaVersion()) return;   // the fills below need the latest tables
    // The lists' pinyin keys (0020 people, 0021 households): computed in C++,
    // so after the migrations — the missing ones, or every one after an ICU
    // upgrade (another collator may order names differently).
    const bool newCollator = !sortKeysCollationCurrent(*db);
    const bool familyKeysDue = newCollator || familySortKeysMissing(*db);
    if (openProgress() && (newCollator || familyKeysDue)) {
        // A window shows how far the fill is: people by id range, households by row.
        std::int64_t total = 0;
        auto add = [&](const char* sql) {
            Statement st = db->prepare(sql);
            if (st.step()) total += st.columnInt(0);
        };
        if (newCollator) add("SELECT coalesce(max(id), 0) FROM person");
        if (familyKeysDue) add(newCollator ? "SELECT count(*) FROM family" : "SELECT count(*) FROM family WHERE sort_key = ''");
        reportOpenStage(OpenStage::FillingKeys, total);
    }
    fillPersonSortKeys(*db);   // refills everything itself when the collator changed
    if (familyKeysDue) fillFamilySortKeys(*db, newCollator);
    if (newCollator) fillHonourList(*db);   // 0025's pinyin keys, made by SQL functions on ICU
    if (newCollator) fillReviewTitleOrderKeys(*db);   // 0045's, likewise
}

} // namespace jinguo::storage
