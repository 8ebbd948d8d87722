// pg_connection.cpp — PgDatabase, PgStatement and PgTransaction over libpq.
//
// Sections:
//   [SECTION] Placeholders and connection strings
//   [SECTION] Errors
//   [SECTION] PgStatement
//   [SECTION] PgDatabase
//   [SECTION] PgTransaction
#include "storage/pg_connection.hpp"

#include "core/pgpass.hpp"

#include <libpq-fe.h>

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <utility>

namespace jinguo::storage {

// ============================================================ [SECTION] Placeholders and connection strings

namespace {
bool isIdentifierChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// The length of a dollar-quote tag ($$ or $name$) starting at sql[i], or 0.
std::size_t dollarTagLength(std::string_view sql, std::size_t i) {
    if (sql[i] != '$' || (i > 0 && isIdentifierChar(sql[i - 1]))) return 0;
    std::size_t j = i + 1;
    if (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) return 0;   // $1 is a parameter
    while (j < sql.size() && isIdentifierChar(sql[j])) ++j;
    return j < sql.size() && sql[j] == '$' ? j - i + 1 : 0;
}
// The length of SQLite's index hint ` INDEXED BY name`
// (upper case, as storage writes it) starting at the space at sql[i], or 0.
std::size_t sqliteIndexHintLength(std::string_view sql, std::size_t i) {
    if (sql[i] != ' ') return 0;
    std::size_t j = i + 1;
    auto word = [&](std::string_view w) {
        if (sql.compare(j, w.size(), w) != 0) return false;
        const std::size_t end = j + w.size();
        if (end < sql.size() && isIdentifierChar(sql[end])) return false;
        j = end;
        while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
        return true;
    };
    if (!word("INDEXED") || !word("BY")) return 0;
    const std::size_t name = j;
    while (j < sql.size() && isIdentifierChar(sql[j])) ++j;
    return j > name ? j - i : 0;
}
// SQLite's join-order hint: ` CROSS JOIN table [alias] [INDEXED BY name] ON`
// (a CROSS JOIN with ON, which SQLite reads as an inner join whose left
// side drives; PostgreSQL refuses ON after CROSS JOIN). The length of the
// ` CROSS` to drop at the space at sql[i], or 0 for anything else (a true
// cross join has no ON and is kept).
std::size_t sqliteOrderedJoinLength(std::string_view sql, std::size_t i) {
    if (sql.compare(i, 12, " CROSS JOIN ") != 0) return 0;
    std::size_t j = i + 12;
    auto spaces = [&] {
        while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
    };
    auto identifier = [&] {
        const std::size_t start = j;
        while (j < sql.size() && isIdentifierChar(sql[j])) ++j;
        return sql.substr(start, j - start);
    };
    spaces();
    if (identifier().empty()) return 0;   // a derived table or a function: left alone
    spaces();
    std::string_view next = identifier();
    if (!next.empty() && next != "ON" && next != "INDEXED") {   // an alias
        spaces();
        next = identifier();
    }
    if (next == "INDEXED") {
        spaces();
        if (identifier() != "BY") return 0;
        spaces();
        if (identifier().empty()) return 0;
        spaces();
        next = identifier();
    }
    return next == "ON" ? 6 : 0;
}
} // namespace

std::string translatePlaceholders(std::string_view sql, int* parameterCount, std::vector<bool>* used) {
    std::string out;
    out.reserve(sql.size() + 16);
    int largest = 0;
    std::size_t i = 0;
    // Copies sql[i..end) unchanged and moves past it.
    auto copyThrough = [&](std::size_t end) {
        end = std::min(end, sql.size());
        out.append(sql.substr(i, end - i));
        i = end;
    };
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == '\'') {
            // A literal; E'…' (or e'…') also escapes with backslashes.
            const bool backslashes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e')
                                     && (i < 2 || !isIdentifierChar(sql[i - 2]));
            std::size_t j = i + 1;
            while (j < sql.size()) {
                if (backslashes && sql[j] == '\\') { j += 2; continue; }
                if (sql[j] == '\'') {
                    if (j + 1 < sql.size() && sql[j + 1] == '\'') { j += 2; continue; }
                    break;
                }
                ++j;
            }
            copyThrough(j + 1);
        } else if (c == '"') {
            std::size_t j = i + 1;
            while (j < sql.size()) {
                if (sql[j] == '"') {
                    if (j + 1 < sql.size() && sql[j + 1] == '"') { j += 2; continue; }
                    break;
                }
                ++j;
            }
            copyThrough(j + 1);
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const std::size_t end = sql.find('\n', i);
            copyThrough(end == std::string_view::npos ? sql.size() : end + 1);
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            // PostgreSQL nests block comments.
            std::size_t j = i + 2;
            int depth = 1;
            while (j < sql.size() && depth > 0) {
                if (sql.compare(j, 2, "/*") == 0) { ++depth; j += 2; }
                else if (sql.compare(j, 2, "*/") == 0) { --depth; j += 2; }
                else ++j;
            }
            copyThrough(j);
        } else if (const std::size_t tag = dollarTagLength(sql, i); tag > 0) {
            // $tag$ … $tag$: a function body or literal, copied whole.
            const std::string_view delimiter = sql.substr(i, tag);
            const std::size_t end = sql.find(delimiter, i + tag);
            copyThrough(end == std::string_view::npos ? sql.size() : end + tag);
        } else if (c == '?') {
            std::size_t j = i + 1;
            while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
            int number = largest + 1;
            if (j > i + 1) std::from_chars(sql.data() + i + 1, sql.data() + j, number);
            largest = std::max(largest, number);
            if (used) {
                if (used->size() < static_cast<std::size_t>(number)) used->resize(static_cast<std::size_t>(number), false);
                (*used)[static_cast<std::size_t>(number - 1)] = true;
            }
            out += '$';
            out += std::to_string(number);
            i = j;
        } else if (const std::size_t hint = sqliteIndexHintLength(sql, i); hint > 0) {
            i += hint;   // SQLite's planner hint; PostgreSQL plans for itself
        } else if (const std::size_t cross = sqliteOrderedJoinLength(sql, i); cross > 0) {
            i += cross;   // SQLite's join-order hint: a plain JOIN … ON here
        } else {
            out += c;
            ++i;
        }
    }
    if (parameterCount) *parameterCount = largest;
    return out;
}

std::string describeConnection(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (!options) {
        if (error) PQfreemem(error);
        return "（无法解析的连接串）";
    }
    std::string user, host, port, dbname;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (!o->val) continue;
        const std::string_view key = o->keyword;
        if (key == "user") user = o->val;
        else if (key == "host" || (key == "hostaddr" && host.empty())) host = o->val;
        else if (key == "port") port = o->val;
        else if (key == "dbname") dbname = o->val;
    }
    PQconninfoFree(options);
    std::string text = user.empty() ? std::string() : user + "@";
    text += host.empty() ? "localhost" : host;
    if (!port.empty()) text += ":" + port;
    text += "/" + (dbname.empty() ? user : dbname);
    return text;
}

std::optional<ServerAddress> serverAddressOf(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (!options) {
        if (error) PQfreemem(error);
        return std::nullopt;
    }
    ServerAddress address;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (!o->val || !*o->val) continue;
        const std::string_view key = o->keyword;
        if (key == "host") address.host = o->val;
        else if (key == "port") address.port = o->val;
        else if (key == "dbname") address.database = o->val;
        else if (key == "user") address.user = o->val;
    }
    PQconninfoFree(options);
    return address;
}

// ============================================================ [SECTION] Errors

namespace {
std::string trimmed(const char* text) {
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// A failed statement as the user reads it: what happened in Chinese, what
// was being done, and the server's own words (with its detail) kept for
// whoever reports it.
[[noreturn]] void failResult(pg_conn* conn, pg_result* result, const std::string& what) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string server = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
    if (server.empty()) server = trimmed(PQerrorMessage(conn));
    const std::string sqlstate = state ? state : "";
    if (result) PQclear(result);
    const std::string words = "（" + what + "；PostgreSQL：" + server + "）";
    auto is = [&](const char* prefix) { return sqlstate.rfind(prefix, 0) == 0; };
    if (sqlstate == "23505") throw StorageError("数据重复，未保存：已有相同的记录" + words);
    if (sqlstate == "23503") throw StorageError("关联的数据不存在或仍被其他数据引用，未保存" + words);
    if (sqlstate == "23502") throw StorageError("缺少必填的内容，未保存" + words);
    if (is("23")) throw StorageError("数据不符合约束，未保存" + words);
    if (sqlstate == "42601") throw StorageError("数据库语句有语法错误" + words);
    if (sqlstate == "42P01") throw StorageError("数据库中没有这张表（数据库结构可能不是本版本的）" + words);
    if (sqlstate == "42703") throw StorageError("数据库表中没有这一列（数据库结构可能不是本版本的）" + words);
    if (sqlstate == "42501") throw StorageError("没有权限：当前数据库用户不能读取或修改这些数据" + words);
    if (sqlstate == "40001" || sqlstate == "40P01")
        throw StorageError("与其他用户同时进行的修改冲突，这次没有保存，请再试一次" + words);
    if (sqlstate == "25P02")
        throw StorageError("本事务中前面的语句已经失败，后面的语句都不再执行，整个事务将撤销" + words);
    if (is("53")) throw StorageError("数据库服务器资源不足（磁盘、内存或连接数），这次没有保存" + words);
    if (is("08") || is("57P") || PQstatus(conn) == CONNECTION_BAD)
        throw StorageError("与数据库服务器的连接已中断，这次没有保存。请检查网络和服务器后重新打开" + words);
    throw StorageError("数据库操作失败" + words);
}

// Why a connection could not be made, as an OpenError whose kind the 打开
// dialog and the startup window act on. libpq gives no SQLSTATE before the
// session exists, so its message is read; the password never appears in it.
[[noreturn]] void failConnection(pg_conn* conn, const std::string& description) {
    const std::string server = trimmed(conn ? PQerrorMessage(conn) : "内存不足");
    if (conn) PQfinish(conn);
    const std::string words = "（PostgreSQL：" + server + "）";
    auto says = [&](const char* text) { return server.find(text) != std::string::npos; };
    if (says("database \"") && says("does not exist"))
        throw OpenError(OpenFailure::ServerNoDatabase,
                        "数据库服务器“" + description + "”上没有这个数据库。请检查数据库名是否写对；"
                        "新的数据库要由服务器管理员先用 createdb 建立，再运行 jinguo server init" + words);
    if (says("permission denied for database") || says("not permitted to log in"))
        throw OpenError(OpenFailure::ServerNoPermission,
                        "已连上数据库服务器“" + description + "”，但这个用户没有使用这个数据库的权限。"
                        "请区里的管理员用 jinguo server add-user 添加您，或检查用户名" + words);
    if (says("authentication failed") || says("no password supplied") || says("password") || says("role \"")
        || says("no pg_hba.conf entry"))
        throw OpenError(OpenFailure::ServerLogin,
                        "无法登录数据库服务器“" + description + "”：用户名或密码不对，或此用户不允许从这台电脑登录。"
                        "请检查用户名和密码；仍不行请找服务器管理员（pg_hba.conf）" + words);
    if (says("Connection refused") || says("No such file or directory") || says("timeout") || says("could not translate host")
        || says("Network is unreachable") || says("No route to host") || says("could not connect"))
        throw OpenError(OpenFailure::ServerUnreachable,
                        "无法连接数据库服务器“" + description + "”：服务器没有响应。请确认服务器已启动，"
                        "地址和端口正确，网络畅通" + words);
    throw OpenError(OpenFailure::ServerUnreachable, "无法连接数据库服务器“" + description + "”" + words);
}

struct SessionPassword {
    std::string password;
    bool rememberOnceAccepted = false;
};
std::mutex sessionPasswordsLock;
std::map<std::string, SessionPassword>& sessionPasswords() {
    static std::map<std::string, SessionPassword> passwords;
    return passwords;
}
std::string& passwordFileMessage() {
    static std::string message;
    return message;
}
PasswordKeeper& passwordKeeper() {   // under sessionPasswordsLock
    static PasswordKeeper keeper = pgpassKeeper();
    return keeper;
}
std::set<std::string>& keeperAsked() {   // connection strings the keeper was asked for (under the lock)
    static std::set<std::string> asked;
    return asked;
}

// A password kept by 记住密码 in the keeper (the desktop's secret store),
// asked once per connection string a run and then held like a typed one.
std::optional<std::string> keptPassword(const std::string& conninfo) {
    std::function<std::optional<std::string>(const PgpassEntry&)> find;
    {
        const std::lock_guard lock(sessionPasswordsLock);
        if (!keeperAsked().insert(conninfo).second) return std::nullopt;
        find = passwordKeeper().find;
    }
    const std::optional<ServerAddress> address = serverAddressOf(conninfo);
    if (!find || !address) return std::nullopt;
    std::optional<std::string> found = find({address->host, address->port, address->database, address->user, ""});
    if (found) {
        const std::lock_guard lock(sessionPasswordsLock);
        sessionPasswords().emplace(conninfo, SessionPassword{*found, false});
    }
    return found;
}

// 记住密码, now that the server took the password: ~/.pgpass gets its line.
void rememberAcceptedPassword(const std::string& conninfo) {
    std::optional<std::string> password;
    {
        const std::lock_guard lock(sessionPasswordsLock);
        const auto at = sessionPasswords().find(conninfo);
        if (at == sessionPasswords().end() || !at->second.rememberOnceAccepted) return;
        at->second.rememberOnceAccepted = false;
        password = at->second.password;
    }
    const std::optional<ServerAddress> address = serverAddressOf(conninfo);
    if (!address) return;
    std::function<PgpassWritten(const PgpassEntry&)> keep;
    {
        const std::lock_guard lock(sessionPasswordsLock);
        keep = passwordKeeper().keep;
    }
    const PgpassWritten written = keep({address->host, address->port, address->database, address->user, *password});
    const std::lock_guard lock(sessionPasswordsLock);
    passwordFileMessage() = written.error.empty() ? written.note : "已连接服务器，但密码没有记住：" + written.error;
}
} // namespace

// ============================================================ [SECTION] PgStatement

PgStatement::PgStatement(PgDatabase& db, std::string_view sql)
    : m_db(&db), m_connectionAlive(db.m_alive), m_name(db.nextStatementName()) {
    m_sqlStart = std::string(sql.substr(0, 60));
    std::vector<bool> used;
    const std::string translated = translatePlaceholders(sql, &m_parameterCount, &used);
    // A number the text skips (storage binds ?1..?N and leaves out the
    // fragments it does not need) is typed text: PostgreSQL cannot infer an
    // unused parameter's type and would refuse the statement.
    std::vector<Oid> types(static_cast<std::size_t>(m_parameterCount), 0u);
    bool skipped = false;
    for (std::size_t i = 0; i < types.size(); ++i)
        if (i >= used.size() || !used[i]) types[i] = 25u, skipped = true;   // text's OID
    pg_result* result = PQprepare(db.m_conn, m_name.c_str(), translated.c_str(), m_parameterCount,
                                  skipped ? types.data() : nullptr);
    if (!result || PQresultStatus(result) != PGRES_COMMAND_OK) {
        m_name.clear();   // nothing to deallocate
        failResult(db.m_conn, result, "准备语句：" + m_sqlStart);
    }
    PQclear(result);
    m_values.resize(static_cast<std::size_t>(m_parameterCount));
}

PgStatement::~PgStatement() {
    setBusy(false);
    if (m_result) PQclear(m_result);
    if (!m_name.empty() && m_db && !m_connectionAlive.expired()) m_db->freeStatement(std::move(m_name));
}

PgStatement::PgStatement(PgStatement&& other) noexcept
    : m_db(other.m_db), m_connectionAlive(std::move(other.m_connectionAlive)), m_name(std::move(other.m_name)), m_sqlStart(std::move(other.m_sqlStart)),
      m_parameterCount(other.m_parameterCount), m_values(std::move(other.m_values)), m_result(other.m_result),
      m_row(other.m_row), m_executed(other.m_executed) {
    const bool busy = m_db && std::find(m_db->m_busy.begin(), m_db->m_busy.end(), &other) != m_db->m_busy.end();
    other.setBusy(false);
    other.m_name.clear();
    other.m_result = nullptr;
    other.m_db = nullptr;
    setBusy(busy);
}

void PgStatement::setBusy(bool busy) {
    if (!m_db || m_connectionAlive.expired()) return;
    auto& list = m_db->m_busy;
    const auto at = std::find(list.begin(), list.end(), this);
    if (busy && at == list.end()) list.push_back(this);
    if (!busy && at != list.end()) list.erase(at);
}

namespace {
void checkIndex(int index, int count, const std::string& sqlStart) {
    if (index < 1 || index > count)
        throw StorageError("参数绑定失败：第" + std::to_string(index) + "个参数不存在（语句只有" + std::to_string(count)
                           + "个参数：" + sqlStart + "）");
}
} // namespace

PgStatement& PgStatement::bind(int index, std::int64_t value) {
    checkIndex(index, m_parameterCount, m_sqlStart);
    m_values[static_cast<std::size_t>(index - 1)] = std::to_string(value);
    return *this;
}

PgStatement& PgStatement::bind(int index, double value) {
    checkIndex(index, m_parameterCount, m_sqlStart);
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;   // shortest exact, no locale
    m_values[static_cast<std::size_t>(index - 1)] = std::string(buffer, end);
    return *this;
}

PgStatement& PgStatement::bind(int index, std::string_view value) {
    checkIndex(index, m_parameterCount, m_sqlStart);
    m_values[static_cast<std::size_t>(index - 1)] = std::string(value);
    return *this;
}

PgStatement& PgStatement::bindNull(int index) {
    checkIndex(index, m_parameterCount, m_sqlStart);
    m_values[static_cast<std::size_t>(index - 1)].reset();
    return *this;
}

PgStatement& PgStatement::bindTextOrNull(int index, std::string_view value) {
    return value.empty() ? bindNull(index) : bind(index, value);
}

PgStatement& PgStatement::bindIdOrNull(int index, std::int64_t id) { return id == 0 ? bindNull(index) : bind(index, id); }

void PgStatement::execute() {
    std::vector<const char*> values(m_values.size());
    for (std::size_t i = 0; i < m_values.size(); ++i) values[i] = m_values[i] ? m_values[i]->c_str() : nullptr;
    pg_result* result = PQexecPrepared(m_db->m_conn, m_name.c_str(), m_parameterCount, values.data(), nullptr,
                                       nullptr, 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) failResult(m_db->m_conn, result, m_sqlStart);
    m_db->noteCommandStatus(result);
    m_db->takeNotifications();
    ++m_db->m_statementsRun;
    m_db->m_rowsReturned += static_cast<std::uint64_t>(PQntuples(result));
    m_result = result;
    m_row = -1;
    m_executed = true;
}

bool PgStatement::step() {
    // A step after the last row runs the statement again, bindings kept, as
    // sqlite3_step does after SQLITE_DONE.
    if (m_executed && m_row >= PQntuples(m_result)) {
        PQclear(m_result);
        m_result = nullptr;
        m_executed = false;
    }
    if (!m_executed) execute();
    if (m_row < PQntuples(m_result)) ++m_row;
    const bool row = m_row < PQntuples(m_result);
    setBusy(row);
    return row;
}

void PgStatement::run() {
    setBusy(false);
    if (m_result) PQclear(m_result);
    m_result = nullptr;
    m_executed = false;
    execute();
    PQclear(m_result);
    m_result = nullptr;
    m_executed = false;
}

std::int64_t PgStatement::runReturningId() {
    if (m_result) PQclear(m_result);
    m_result = nullptr;
    m_executed = false;
    if (!step())
        throw StorageError("插入后没有得到新记录的编号（语句需要 RETURNING id：" + m_sqlStart + "）");
    const std::int64_t id = columnInt(0);
    reset();
    return id;
}

void PgStatement::reset() {
    setBusy(false);
    if (m_result) PQclear(m_result);
    m_result = nullptr;
    m_executed = false;
    m_row = -1;
    for (auto& value : m_values) value.reset();
}

const char* PgStatement::cell(int col) const {
    if (!m_result || m_row < 0 || m_row >= PQntuples(m_result) || col < 0 || col >= PQnfields(m_result)) return nullptr;
    if (PQgetisnull(m_result, m_row, col)) return nullptr;
    return PQgetvalue(m_result, m_row, col);
}

std::int64_t PgStatement::columnInt(int col) const {
    const char* text = cell(col);
    if (!text) return 0;
    if (text[0] == 't' && text[1] == '\0') return 1;   // boolean
    if (text[0] == 'f' && text[1] == '\0') return 0;
    if (std::strpbrk(text, ".eE")) return static_cast<std::int64_t>(std::strtod(text, nullptr));   // numeric/float, as SQLite truncates
    return std::strtoll(text, nullptr, 10);
}

double PgStatement::columnDouble(int col) const {
    const char* text = cell(col);
    if (!text) return 0.0;
    double value = 0.0;
    std::from_chars(text, text + std::strlen(text), value);
    return value;
}

std::string PgStatement::columnText(int col) const { return std::string(columnView(col)); }

std::string_view PgStatement::columnView(int col) const {
    const char* text = cell(col);
    return text ? std::string_view(text, static_cast<std::size_t>(PQgetlength(m_result, m_row, col))) : std::string_view();
}

bool PgStatement::columnIsNull(int col) const { return cell(col) == nullptr; }

int PgStatement::columnCount() const {
    if (m_result) return PQnfields(m_result);
    // Before the first step, from the prepared statement's description.
    pg_result* described = PQdescribePrepared(m_db->m_conn, m_name.c_str());
    const int count = described ? PQnfields(described) : 0;
    if (described) PQclear(described);
    return count;
}

// ============================================================ [SECTION] PgDatabase

void setSessionPassword(const std::string& conninfo, const std::string& password, bool rememberOnceAccepted) {
    const std::lock_guard lock(sessionPasswordsLock);
    sessionPasswords()[conninfo] = {password, rememberOnceAccepted};
}

std::string ownPasswordChanged(const std::string& conninfo, const std::string& password) {
    PasswordKeeper keeper;
    {
        const std::lock_guard lock(sessionPasswordsLock);
        sessionPasswords()[conninfo] = {password, false};
        keeperAsked().insert(conninfo);   // the keeper's old one must not come back
        keeper = passwordKeeper();
    }
    const std::optional<ServerAddress> address = serverAddressOf(conninfo);
    if (!address || !keeper.find || !keeper.keep) return "";
    const PgpassEntry entry{address->host, address->port, address->database, address->user, password};
    // Where the old one may be: the keeper (the keyring) and the password
    // file libpq reads itself (the keeper's find does not answer for it).
    std::vector<PgpassWritten> writes;
    if (keeper.find(entry)) writes.push_back(keeper.keep(entry));
    const std::string file = pgpassPath();
    if (pgpassHoldsEntry(file, entry)) writes.push_back(rememberPgPassword(file, entry));
    if (writes.empty()) return "";
    for (const PgpassWritten& w : writes)
        if (!w.error.empty()) return "新密码没有记住（下次连接时请输入新密码）：" + w.error;
    return "记住的密码已换成新密码。";
}

std::string takePasswordFileMessage() {
    const std::lock_guard lock(sessionPasswordsLock);
    return std::exchange(passwordFileMessage(), std::string());
}

std::optional<std::string> sessionPassword(const std::string& conninfo) {
    const std::lock_guard lock(sessionPasswordsLock);
    const auto at = sessionPasswords().find(conninfo);
    if (at == sessionPasswords().end()) return std::nullopt;
    return at->second.password;
}

void forgetSessionPassword(const std::string& conninfo) {
    const std::lock_guard lock(sessionPasswordsLock);
    sessionPasswords().erase(conninfo);
    keeperAsked().erase(conninfo);
}

void setPasswordKeeper(PasswordKeeper keeper) {
    const std::lock_guard lock(sessionPasswordsLock);
    passwordKeeper() = std::move(keeper);
    keeperAsked().clear();
}

std::string passwordKeeperPlace() {
    std::function<std::string()> place;
    {
        const std::lock_guard lock(sessionPasswordsLock);
        place = passwordKeeper().place;
    }
    return place ? place() : std::string("~/.pgpass");
}

PgDatabase::PgDatabase(const std::string& conninfo) : m_description(describeConnection(conninfo)) {
    // With expand_dbname the connection string's own settings override the
    // keywords before it, and those after it override the string: a
    // 10 s timeout unless it names one, always UTF8 text, and the password
    // typed in this session (if any) over ~/.pgpass.
    std::optional<std::string> password = sessionPassword(conninfo);
    if (!password) password = keptPassword(conninfo);
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                              password ? "password" : nullptr, nullptr};
    const char* values[] = {"10", "jinguo", conninfo.c_str(), "UTF8", password ? password->c_str() : nullptr, nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        pg_conn* conn = m_conn;
        m_conn = nullptr;
        failConnection(conn, m_description);
    }
    rememberAcceptedPassword(conninfo);
    // Server NOTICEs ("… does not exist, skipping") are not for the user;
    // libpq would print them to stderr.
    PQsetNoticeProcessor(m_conn, [](void*, const char*) {}, nullptr);
    // No JIT: the app's reads are short, and a plan costed above
    // jit_above_cost (a street user's policy subplans make whole-table reads
    // so) spent 350-400 ms compiling for a 50 ms read (pg_policy_bench).
    // A SET, not the options keyword: that would replace the connection
    // string's or PGOPTIONS' own options.
    exec("SET jit = off");
}

namespace {
// The work of one auto_explain plan in JSON (log_format json, ANALYZE without
// timing): every node's "Actual Rows" × "Actual Loops", plus the rows its
// filters removed ("Rows Removed by …", printed per loop, so × the loops of
// the node they follow: a node's own keys come before its children's). The
// query's text is a JSON string, so its quotes are escaped and never match.
std::uint64_t explainedRows(std::string_view plan) {
    double total = 0, pendingRows = 0, loops = 1;
    auto numberAfter = [&](std::size_t at) { return std::strtod(plan.data() + at, nullptr); };
    for (std::size_t at = plan.find('"'); at != std::string_view::npos; at = plan.find('"', at + 1)) {
        const std::string_view rest = plan.substr(at);
        if (rest.rfind("\"Actual Rows\": ", 0) == 0) {
            pendingRows = numberAfter(at + 15);
        } else if (rest.rfind("\"Actual Loops\": ", 0) == 0) {
            loops = numberAfter(at + 16);
            total += pendingRows * loops;
            pendingRows = 0;
        } else if (rest.rfind("\"Rows Removed by ", 0) == 0) {
            const std::size_t colon = plan.find("\": ", at + 1);
            if (colon != std::string_view::npos) total += numberAfter(colon + 3) * loops;
        }
    }
    return static_cast<std::uint64_t>(total + 0.5);
}
} // namespace

bool PgDatabase::meterPlans(std::atomic<std::uint64_t>* sink) {
    const char* superuser = PQparameterStatus(m_conn, "is_superuser");
    if (!superuser || std::string_view(superuser) != "on") return false;
    // NOTICE reaches the client (client_min_messages' default) and not the
    // server's log (log_min_messages' default is WARNING).
    exec("LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;"
         " SET auto_explain.log_timing = off; SET auto_explain.log_nested_statements = on;"
         " SET auto_explain.log_format = json; SET auto_explain.log_level = notice");
    m_planWorkSink = sink;
    m_plansMetered = true;
    PQsetNoticeReceiver(m_conn, [](void* self, const pg_result* notice) {
        auto* db = static_cast<PgDatabase*>(self);
        const char* text = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
        if (!text || !std::strstr(text, "\"Query Text\": ")) return;   // another notice: not for the user
        const std::uint64_t work = kPlanWork + kRowWork * explainedRows(text);
        db->m_planWork += work;
        if (db->m_planWorkSink) db->m_planWorkSink->fetch_add(work, std::memory_order_relaxed);
    }, this);
    return true;
}

PgDatabase::~PgDatabase() {
    if (m_conn) PQfinish(m_conn);
}

PgStatement PgDatabase::prepare(std::string_view sql) { return PgStatement(*this, sql); }

std::string PgDatabase::nextStatementName() {
    if (!m_unfreedStatements.empty() && PQtransactionStatus(m_conn) != PQTRANS_INERROR) {
        std::string sql;
        for (const std::string& name : m_unfreedStatements) sql += "DEALLOCATE " + name + ";";
        m_unfreedStatements.clear();
        if (pg_result* result = PQexec(m_conn, sql.c_str())) PQclear(result);
    }
    return "jg" + std::to_string(++m_statementCounter);
}

void PgDatabase::freeStatement(std::string name) {
    // The server keeps a named statement for the session. In a failed
    // transaction nothing runs, so it waits for the next prepare.
    if (PQtransactionStatus(m_conn) == PQTRANS_INERROR) {
        m_unfreedStatements.push_back(std::move(name));
        return;
    }
    const std::string sql = "DEALLOCATE " + name;
    if (pg_result* result = PQexec(m_conn, sql.c_str())) PQclear(result);
}

void PgDatabase::exec(std::string_view sql) {
    const std::string script(sql);
    pg_result* result = PQexec(m_conn, script.c_str());
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        failResult(m_conn, result, "执行：" + script.substr(0, 60));
    noteCommandStatus(result);
    takeNotifications();
    PQclear(result);
}

void PgDatabase::noteCommandStatus(pg_result* result) {
    // As SQLite's changes(): only INSERT, UPDATE, DELETE (and MERGE) count.
    const std::string_view command = PQcmdStatus(result);
    for (const char* verb : {"INSERT", "UPDATE", "DELETE", "MERGE"}) {
        if (command.rfind(verb, 0) == 0) {
            m_changes = std::atoi(PQcmdTuples(result));
            return;
        }
    }
}

std::int64_t PgDatabase::lastInsertId() {
    PgStatement st(*this, "SELECT lastval()");
    return st.step() ? st.columnInt(0) : 0;
}

bool PgDatabase::inTransaction() const {
    const PGTransactionStatusType status = PQtransactionStatus(m_conn);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

int PgDatabase::serverPid() const { return PQbackendPID(m_conn); }

bool PgDatabase::isHotStandby() const {
    const char* standby = PQparameterStatus(m_conn, "in_hot_standby");
    return standby && std::strcmp(standby, "on") == 0;
}

bool PgDatabase::transactionFailed() const { return PQtransactionStatus(m_conn) == PQTRANS_INERROR; }

std::vector<std::string> PgDatabase::busyStatements() const {
    std::vector<std::string> open;
    for (const PgStatement* st : m_busy) open.push_back(st->sqlStart());
    return open;
}

void PgDatabase::listen(const std::string& channel) {
    char* quoted = PQescapeIdentifier(m_conn, channel.data(), channel.size());
    if (!quoted) failResult(m_conn, nullptr, "订阅通知：" + channel);
    const std::string sql = std::string("LISTEN ") + quoted;
    PQfreemem(quoted);
    exec(sql);
}

void PgDatabase::notify(const std::string& channel, std::string_view payload) {
    PgStatement st(*this, "SELECT pg_notify(?, ?)");
    st.bind(1, channel).bind(2, payload).run();
}

void PgDatabase::takeNotifications() {
    const int ownPid = PQbackendPID(m_conn);
    while (PGnotify* n = PQnotifies(m_conn)) {
        if (std::strcmp(n->relname, kChangedChannel) == 0) {
            if (n->be_pid != ownPid) ++m_changesElsewhere;
        } else {
            m_arrived.push_back({n->relname, n->extra ? n->extra : "", n->be_pid});
        }
        PQfreemem(n);
    }
}

std::vector<PgNotification> PgDatabase::poll() {
    if (!PQconsumeInput(m_conn)) failResult(m_conn, nullptr, "接收通知");
    takeNotifications();
    return std::exchange(m_arrived, {});
}

std::uint64_t PgDatabase::changesElsewhere() {
    // A broken connection reads nothing here; the next statement reports it.
    if (PQconsumeInput(m_conn)) takeNotifications();
    return m_changesElsewhere;
}

// -1 once the connection is lost: a closed socket would stay readable and
// turn an idle window's wait into a busy loop.
int PgDatabase::socket() const { return PQstatus(m_conn) == CONNECTION_OK ? PQsocket(m_conn) : -1; }

std::vector<PgNotification> PgDatabase::waitForNotifications(int timeoutMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        std::vector<PgNotification> arrived = poll();
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (!arrived.empty() || left.count() <= 0) return arrived;
        pollfd socket{PQsocket(m_conn), POLLIN, 0};
        ::poll(&socket, 1, static_cast<int>(left.count()));
    }
}

// ============================================================ [SECTION] PgCopyIn

PgCopyIn::PgCopyIn(PgDatabase& db, std::string_view copySql) : m_db(db), m_sqlStart(copySql.substr(0, 60)) {
    const std::string sql(copySql);
    pg_result* result = PQexec(db.m_conn, sql.c_str());
    if (!result || PQresultStatus(result) != PGRES_COPY_IN) failResult(db.m_conn, result, "批量写入：" + m_sqlStart);
    PQclear(result);
    m_open = true;
    m_buffer.reserve(1 << 16);
}

PgCopyIn::~PgCopyIn() {
    if (!m_open) return;
    // Abandoned: the server fails the COPY and keeps none of its rows.
    PQputCopyEnd(m_db.m_conn, "abandoned by the client");
    while (pg_result* result = PQgetResult(m_db.m_conn)) PQclear(result);
}

void PgCopyIn::separate() {
    if (m_rowStarted) m_buffer += '\t';
    m_rowStarted = true;
}

PgCopyIn& PgCopyIn::field(std::string_view value) {
    separate();
    // COPY's text format: backslash escapes for the separators and itself.
    for (const char c : value) {
        switch (c) {
        case '\\': m_buffer += "\\\\"; break;
        case '\t': m_buffer += "\\t"; break;
        case '\n': m_buffer += "\\n"; break;
        case '\r': m_buffer += "\\r"; break;
        default: m_buffer += c;
        }
    }
    return *this;
}

PgCopyIn& PgCopyIn::field(std::int64_t value) {
    separate();
    m_buffer += std::to_string(value);
    return *this;
}

PgCopyIn& PgCopyIn::field(double value) {
    separate();
    char text[32];
    m_buffer.append(text, std::to_chars(text, text + sizeof text, value).ptr);
    return *this;
}

PgCopyIn& PgCopyIn::fieldNull() {
    separate();
    m_buffer += "\\N";
    return *this;
}

void PgCopyIn::endRow() {
    m_buffer += '\n';
    m_rowStarted = false;
    flush(false);
}

void PgCopyIn::flush(bool force) {
    if (m_buffer.empty() || (!force && m_buffer.size() < (1 << 16))) return;
    if (PQputCopyData(m_db.m_conn, m_buffer.data(), static_cast<int>(m_buffer.size())) != 1)
        failResult(m_db.m_conn, nullptr, "批量写入：" + m_sqlStart);
    m_buffer.clear();
}

std::int64_t PgCopyIn::finish() {
    flush(true);
    m_open = false;
    if (PQputCopyEnd(m_db.m_conn, nullptr) != 1) failResult(m_db.m_conn, nullptr, "批量写入：" + m_sqlStart);
    pg_result* outcome = nullptr;
    while (pg_result* result = PQgetResult(m_db.m_conn)) {
        if (outcome) PQclear(outcome);
        outcome = result;
    }
    if (!outcome || PQresultStatus(outcome) != PGRES_COMMAND_OK) failResult(m_db.m_conn, outcome, "批量写入：" + m_sqlStart);
    const std::int64_t rows = std::atoll(PQcmdTuples(outcome));
    PQclear(outcome);
    return rows;
}

// ============================================================ [SECTION] PgTransaction

namespace {
std::atomic<std::uint64_t> savepointCounter{0};
} // namespace

PgTransaction::PgTransaction(PgDatabase& db) : m_db(db) {
    if (!db.inTransaction()) {
        db.exec("BEGIN");
    } else {
        m_savepoint = "jinguo_sp_" + std::to_string(++savepointCounter);
        db.exec("SAVEPOINT " + m_savepoint);
    }
}

PgTransaction::~PgTransaction() {
    if (m_done) return;
    try {
        if (m_savepoint.empty()) m_db.exec("ROLLBACK");
        else m_db.exec("ROLLBACK TO SAVEPOINT " + m_savepoint + "; RELEASE SAVEPOINT " + m_savepoint);
    } catch (...) {
        // A connection that is gone has rolled back on the server already.
    }
}

void PgTransaction::commit() {
    // COMMIT of a failed transaction "succeeds" as a ROLLBACK: refuse it
    // rather than report a save that did not happen.
    if (PQtransactionStatus(m_db.handle()) == PQTRANS_INERROR) {
        m_done = false;   // the destructor rolls back
        throw StorageError("保存失败：本事务中有语句出错，全部修改都已撤销，没有保存任何内容");
    }
    m_db.exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE SAVEPOINT " + m_savepoint);
    m_done = true;
}

} // namespace jinguo::storage
