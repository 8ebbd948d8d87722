// audit_log.cpp — audit entries, whole-row JSON and the undo-step bookkeeping.
#include "storage/audit_log.hpp"
#include "storage/sql_dialect.hpp"

#include <sqlite3.h>

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

namespace jinguo::storage {

namespace {

// Minimal JSON writing for summary entries: strings escaped, numbers as is.
class JsonObject {
public:
    JsonObject& add(const char* key, const std::string& value) {
        sep();
        m_out += '"'; m_out += key; m_out += "\":\"";
        for (char c : value) {
            switch (c) {
            case '"': m_out += "\\\""; break;
            case '\\': m_out += "\\\\"; break;
            case '\n': m_out += "\\n"; break;
            case '\r': m_out += "\\r"; break;
            case '\t': m_out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    m_out += buf;
                } else {
                    m_out += c;
                }
            }
        }
        m_out += '"';
        return *this;
    }
    std::string str() const { return "{" + m_out + "}"; }

private:
    void sep() { if (!m_out.empty()) m_out += ','; }
    std::string m_out;
};

// The end of the outermost transaction ends its implicit undo step.
int onCommit(void* log) {
    static_cast<AuditLog*>(log)->transactionEnded();
    return 0;   // 0: let the commit go on
}
void onRollback(void* log) { static_cast<AuditLog*>(log)->transactionEnded(); }

std::string newSessionId() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    std::random_device random;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%lld-%08x",
                  static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()),
                  static_cast<unsigned>(random()));
    return buf;
}

// The operating system's login name of this process (the account at the
// desk), "" when the system has none for our uid.
std::string loginName() {
    passwd entry{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name)
        return found->pw_name;
    return {};
}

} // namespace

AuditLog::AuditLog(Database& db) : m_db(db), m_sessionId(newSessionId()), m_dbUser(loginName()) {
    // A server has no commit hooks: its implicit step ends when the next
    // outermost Transaction begins (stepForEntry). Its entries record
    // session_user (0046's trigger), so that is who this connection is.
    if (m_db.isServer()) {
        Statement user = m_db.prepare("SELECT CAST(session_user AS text)");
        if (user.step()) m_dbUser = user.columnText(0);
        return;
    }
    sqlite3_commit_hook(m_db.handle(), onCommit, this);
    sqlite3_rollback_hook(m_db.handle(), onRollback, this);
}

AuditLog::~AuditLog() {
    if (m_db.isServer()) return;
    sqlite3_commit_hook(m_db.handle(), nullptr, nullptr);
    sqlite3_rollback_hook(m_db.handle(), nullptr, nullptr);
}

namespace {

// One audit_log row naming its record by id or, in a table without one, by
// its key. Outside a transaction the step row and the entry land together.
void appendEntry(AuditLog& log, Database& db, const char* action, const char* table, RowId id,
                 const std::string* key, const std::string& before, const std::string& after) {
    Transaction tx(db);
    const RowId step = log.stepForEntry();
    auto st = db.cached(key ? "INSERT INTO audit_log (action, table_name, record_key, before_json, after_json,"
                                " session_id, step_id, db_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                              : "INSERT INTO audit_log (action, table_name, record_id, before_json, after_json,"
                                " session_id, step_id, db_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, action).bind(2, table);
    if (key) st.bind(3, *key); else st.bindIdOrNull(3, id);
    st.bindTextOrNull(4, before).bindTextOrNull(5, after).bind(6, log.sessionId()).bindIdOrNull(7, step);
    st.bind(8, log.dbUser());
    st.run();
    tx.commit();
}

} // namespace

void AuditLog::audit(const char* action, const char* table, RowId id,
                     const std::string& before, const std::string& after) {
    if (m_enabled) appendEntry(*this, m_db, action, table, id, nullptr, before, after);
}

void AuditLog::beginStep(const std::string& label) {
    if (m_stepDepth++ == 0) {
        m_stepLabel = label;
        m_stepId = 0;   // created with the step's first entry: a step that changed nothing leaves nothing
    }
}

void AuditLog::endStep() {
    if (m_stepDepth > 0 && --m_stepDepth == 0) {
        m_stepId = 0;
        m_stepLabel.clear();
    }
}

RowId AuditLog::createStep(const std::string& label) {
    auto st = m_db.cachedInsert("INSERT INTO undo_step (session_id, label, db_user) VALUES (?, ?, ?)");
    st.bind(1, m_sessionId).bind(2, label).bind(3, m_dbUser);
    return st.runInsert();
}

bool AuditLog::stepExists(RowId step) {
    // A step row written inside a savepoint that was rolled back is gone.
    auto st = m_db.cached("SELECT 1 FROM undo_step WHERE id = ?");
    st.bind(1, step);
    return st.step();
}

RowId AuditLog::stepForEntry() {
    if (m_outsideUndoDepth > 0) return 0;
    if (m_stepDepth > 0) {
        if (m_stepId == 0 || !stepExists(m_stepId)) m_stepId = createStep(m_stepLabel);
        return m_stepId;
    }
    if (m_db.isServer() && m_implicitStepTransaction != m_db.serverTransactionsBegun()) m_implicitStep = 0;
    if (m_implicitStep == 0 || !stepExists(m_implicitStep)) {
        m_implicitStep = createStep("");
        m_implicitStepTransaction = m_db.serverTransactionsBegun();
    }
    return m_implicitStep;
}

std::string AuditLog::rowJsonObject(const char* table) {
    // The engine's own whole-row JSON where it has one (`t` is the row's
    // alias in every statement built here); else from the column list, read
    // from the schema, so a migration adding a column is captured as well.
    const SqlDialect& dialect = m_db.dialect();
    if (dialect.wholeRowJson) return dialect.wholeRowJson;
    std::string sql = std::string(dialect.jsonObjectFunction) + "(";
    Statement info = m_db.prepare(dialect.tableColumns);
    info.bind(1, std::string(table));
    bool first = true;
    while (info.step()) {
        const std::string column = info.columnText(0);
        sql += (first ? "'" : ", '") + column + "', \"" + column + "\"";
        first = false;
    }
    if (first) throw StorageError(std::string("rowJson: unknown table ") + table);
    return sql + ")";
}

std::string AuditLog::rowJsonSql(const char* table, const std::string& keyColumn) {
    return "SELECT " + rowJsonObject(table) + " FROM \"" + table + "\" t WHERE \"" + keyColumn + "\" = ?";
}

void AuditLog::auditInsertedAfter(const char* table, RowId afterId) {
    if (!m_enabled) return;
    Transaction tx(m_db);
    const RowId step = stepForEntry();
    Statement st = m_db.prepare(
        "INSERT INTO audit_log (action, table_name, record_id, before_json, after_json, session_id, step_id, db_user)"
        " SELECT 'insert', ?, id, NULL, " + rowJsonObject(table) + ", ?, ?, ? FROM \"" + table
        + "\" t WHERE id > ? ORDER BY id");
    st.bind(1, table).bind(2, m_sessionId).bindIdOrNull(3, step).bind(4, m_dbUser).bind(5, afterId);
    st.run();
    tx.commit();
}

std::string AuditLog::rowJson(const char* table, RowId id) {
    auto it = m_rowJsonSql.find(table);
    if (it == m_rowJsonSql.end()) it = m_rowJsonSql.emplace(table, rowJsonSql(table, "id")).first;
    Statement st = m_db.prepare(it->second);
    st.bind(1, id);
    return st.step() ? st.columnText(0) : std::string();
}

std::string AuditLog::keyColumn(const char* table) {
    auto it = m_keyColumns.find(table);
    if (it != m_keyColumns.end()) return it->second;
    // A table with an id column is keyed by it; otherwise by its primary key
    // when that is one column (a composite key cannot be named by one text).
    Statement st = m_db.prepare(m_db.dialect().singleKeyColumn);
    st.bind(1, std::string(table));
    const std::string column = st.step() ? st.columnText(0) : std::string();
    return m_keyColumns.emplace(table, column).first->second;
}

std::string AuditLog::rowJsonByKey(const char* table, const std::string& key) {
    const std::string cacheKey = std::string(table) + "\n";
    auto it = m_rowJsonSql.find(cacheKey);
    if (it == m_rowJsonSql.end()) {
        const std::string column = keyColumn(table);
        if (column.empty() || column == "id")
            throw StorageError(std::string("rowJsonByKey: table without a single text key ") + table);
        it = m_rowJsonSql.emplace(cacheKey, rowJsonSql(table, column)).first;
    }
    Statement st = m_db.prepare(it->second);
    st.bind(1, key);
    return st.step() ? st.columnText(0) : std::string();
}

void AuditLog::auditByKey(const char* action, const char* table, const std::string& key,
                          const std::string& before, const std::string& after) {
    if (m_enabled) appendEntry(*this, m_db, action, table, 0, &key, before, after);
}

void AuditLog::auditSummary(const std::string& action, const std::string& table, const std::string& note) {
    auto st = m_db.cached("INSERT INTO audit_log (action, table_name, after_json, db_user) VALUES (?, ?, ?, ?)");
    st.bind(1, action).bind(2, table).bind(3, JsonObject().add("note", note).str()).bind(4, m_dbUser);
    st.run();
}

} // namespace jinguo::storage
