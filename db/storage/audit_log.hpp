// audit_log.hpp — the audit log and the undo-step bookkeeping of one
// connection, beneath Storage (which owns one) and UndoStore (which reads
// and writes its entries back).
//
// Every audited change appends to audit_log the whole row before and after
// (rowJson) and joins an undo step: the explicit one an UndoStep opened (the
// outermost label wins), else the running transaction's unnamed one; writes
// inside an OutsideUndo join none. Steps are created with their first entry,
// so a step that changed nothing leaves nothing.
#pragma once

#include "core/model.hpp"
#include "storage/database.hpp"

#include <map>
#include <string>

namespace jinguo::storage {

class AuditLog {
public:
    // Sets SQLite's commit and rollback hooks on `db` (the end of the
    // outermost transaction ends its implicit step) until destroyed: don't
    // set others on the same connection.
    explicit AuditLog(Database& db);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    // Bulk loads (demo data, imports) switch per-record auditing off.
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool enabled() const { return m_enabled; }
    const std::string& sessionId() const { return m_sessionId; }   // this run of the app
    // Who saved, as every entry and undo step records it (db_user, 0046 and
    // 0047): the OS login name of this process on a file; on a server its
    // session_user, which the entry's trigger forces (the client cannot choose).
    const std::string& dbUser() const { return m_dbUser; }

    void audit(const char* action, const char* table, RowId id, const std::string& before, const std::string& after);
    // Audits as inserted every row of `table` whose id is above `afterId`:
    // the rows one set-based INSERT … SELECT has just written (one statement).
    void auditInsertedAfter(const char* table, RowId afterId);
    // Entries naming a row by a one-column key other than id (setting: key).
    void auditByKey(const char* action, const char* table, const std::string& key,
                    const std::string& before, const std::string& after);
    // One entry without a row (bulk loads: what was loaded).
    void auditSummary(const std::string& action, const std::string& table, const std::string& note);

    // The whole row `id` of `table` as a JSON object {column: value}, as the
    // log keeps it so that undo can put the row back; "" when there is no
    // such row. `table` is one of the schema's tables (never user text).
    std::string rowJson(const char* table, RowId id);
    std::string keyColumn(const char* table);   // "id", the single primary key, or ""
    std::string rowJsonByKey(const char* table, const std::string& key);

    // Undo steps: beginStep/endStep nest (prefer the RAII UndoStep).
    void beginStep(const std::string& label);
    void endStep();
    RowId stepForEntry();   // the step a new entry joins (0: none)
    void beginOutsideUndo() { ++m_outsideUndoDepth; }
    void endOutsideUndo() { if (m_outsideUndoDepth > 0) --m_outsideUndoDepth; }
    void transactionEnded() { m_implicitStep = 0; }   // from SQLite's commit/rollback hooks

private:
    RowId createStep(const std::string& label);
    bool stepExists(RowId step);
    std::string rowJsonSql(const char* table, const std::string& keyColumn);
    std::string rowJsonObject(const char* table);   // json_object('col', "col", …) of a row of `table`

    Database& m_db;
    bool m_enabled = true;
    std::string m_sessionId;
    std::string m_dbUser;
    std::string m_stepLabel;
    int m_stepDepth = 0;
    RowId m_stepId = 0;          // the explicit step, created with its first entry
    RowId m_implicitStep = 0;    // the running transaction's step
    std::uint64_t m_implicitStepTransaction = 0;   // on a server: the transaction it began in
    int m_outsideUndoDepth = 0;
    std::map<std::string, std::string> m_rowJsonSql;   // table -> SELECT json_object(...)
    std::map<std::string, std::string> m_keyColumns;   // table -> its key column
};

// Opens an undo step for its lifetime; nested steps join the outermost one.
// Takes the AuditLog or anything that has one (Storage: `UndoStep step(storage, "…")`).
class UndoStep {
public:
    UndoStep(AuditLog& log, const std::string& label) : m_log(log) { m_log.beginStep(label); }
    template <class Owner> UndoStep(Owner& owner, const std::string& label) : UndoStep(owner.auditLog(), label) {}
    ~UndoStep() { m_log.endStep(); }
    UndoStep(const UndoStep&) = delete;
    UndoStep& operator=(const UndoStep&) = delete;

private:
    AuditLog& m_log;
};

// Audited writes the app makes by itself, not the user (badges it awards,
// marking them announced): they join no undo step, so Ctrl+Z never takes
// them back instead of the user's last change.
class OutsideUndo {
public:
    explicit OutsideUndo(AuditLog& log) : m_log(log) { m_log.beginOutsideUndo(); }
    template <class Owner> explicit OutsideUndo(Owner& owner) : OutsideUndo(owner.auditLog()) {}
    ~OutsideUndo() { m_log.endOutsideUndo(); }
    OutsideUndo(const OutsideUndo&) = delete;
    OutsideUndo& operator=(const OutsideUndo&) = delete;

private:
    AuditLog& m_log;
};

} // namespace jinguo::storage
