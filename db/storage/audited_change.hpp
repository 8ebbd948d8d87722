// audited_change.hpp — the write path of every store method, spelled once.
//
// A user's change is one undo step (its label is what Ctrl+Z names), one
// transaction, an audit entry with the whole row before and after for every
// row it writes, and a bump of the revision after the commit:
//
//     AuditedChange change(m_storage, "新增家庭 " + f.headName);
//     // checks that must read inside the transaction (stale forms) go here
//     auto st = m_storage.db().cachedInsert("INSERT INTO family (…) VALUES (…)");
//     st.bind(…);
//     const RowId id = change.insert("family", st);          // runs it, audits the new row
//     change.update("award", awardId, [&] { /* UPDATE award … */ });
//     change.commit();                                        // commit, then bump
//
// A throw before commit() rolls everything back and bumps nothing. Deletes go
// through UndoStore::deleteRow (it audits what the foreign keys cascade).
// Writes whose row must exist first take a RowAudit (`change.row(table, id)`),
// look at `existed()`, write, then call `done()`.
#pragma once

#include "storage/audit_log.hpp"
#include "storage/storage.hpp"

#include <optional>
#include <string>

namespace jinguo::storage {

// One row's audit entry: the row as it was when this was made, audited with
// the row as it is when done() is called.
class RowAudit {
public:
    RowAudit(Storage& storage, const char* table, RowId id)
        : m_storage(storage), m_table(table), m_id(id), m_before(storage.rowJson(table, id)) {}
    bool existed() const { return !m_before.empty(); }
    const std::string& before() const { return m_before; }
    void done(const char* action = "update") {
        m_storage.audit(action, m_table, m_id, m_before, m_storage.rowJson(m_table, m_id));
    }

private:
    Storage& m_storage;
    const char* m_table;
    RowId m_id;
    std::string m_before;
};

class AuditedChange {
public:
    // One undo step named `label` (nested in a caller's step, it joins that
    // one) and one transaction.
    AuditedChange(Storage& storage, const std::string& label)
        : m_storage(storage), m_step(std::in_place, storage, label), m_tx(storage.db()) {}
    // A transaction only: the change joins the caller's step, or else the
    // transaction's own unnamed step.
    explicit AuditedChange(Storage& storage) : m_storage(storage), m_tx(storage.db()) {}
    AuditedChange(const AuditedChange&) = delete;
    AuditedChange& operator=(const AuditedChange&) = delete;

    // Runs `insert` (an INSERT of one row into `table`), audits the row it
    // wrote and returns its id. `insert` comes from Database::prepareInsert or
    // cachedInsert (on PostgreSQL they add the RETURNING id this reads).
    RowId insert(const char* table, Statement& insert) {
        return inserted(table, insert.runInsert());
    }
    // Audits row `id` of `table` as just inserted.
    RowId inserted(const char* table, RowId id) {
        m_storage.audit("insert", table, id, {}, m_storage.rowJson(table, id));
        return id;
    }
    // The row before, `change()`, the row after.
    template <class Change> void update(const char* table, RowId id, Change&& change) {
        RowAudit row(m_storage, table, id);
        change();
        row.done("update");
    }
    RowAudit row(const char* table, RowId id) { return RowAudit(m_storage, table, id); }
    // A row keyed by one column other than id (setting: key), inserted or
    // updated by `change()`; audited (auditByKey) only when it changed.
    template <class Change> void upsertByKey(const char* table, const std::string& key, Change&& change) {
        const std::string before = m_storage.rowJsonByKey(table, key);
        change();
        const std::string after = m_storage.rowJsonByKey(table, key);
        if (after != before) m_storage.auditByKey(before.empty() ? "insert" : "update", table, key, before, after);
    }

    // Commits, then bumps the revision (screens reload).
    void commit() {
        m_tx.commit();
        m_storage.bump();
    }
    // Commits without bumping (nothing was written).
    void commitUnchanged() { m_tx.commit(); }

private:
    Storage& m_storage;
    std::optional<UndoStep> m_step;
    Transaction m_tx;
};

} // namespace jinguo::storage
