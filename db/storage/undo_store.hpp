// undo_store.hpp — undo of the running session's changes, step by step, and
// deletes that record what they take with them.
//
// Every audited change (Storage::audit) belongs to an undo step: one user
// action. Wrap an action in an UndoStep so that everything it writes is taken
// back together:
//
//     UndoStep step(storage, "删除志愿者 " + name);
//     UndoStore(storage).deleteRow("person", id);   // + her service records, awards …
//
// Changes written outside an UndoStep are grouped per transaction. Undo reads
// the step's audit entries backwards and puts the rows back exactly from the
// whole-row JSON (Storage::rowJson): a deleted row is inserted again with the
// same id and every column, an inserted row is deleted, an updated row gets
// its columns back. It works for any table with an `id` column, and for a
// table keyed by one other column (setting: key) whose entries name the row
// by record_key (Storage::auditByKey): columns come from the schema, values
// from the JSON. A step is refused whole (StorageError
// with a Chinese message naming who changed what, and when; nothing changed)
// when one of its rows was changed after it — by another window, or on a
// server by another user. Undo offers only this session's steps of this
// database user (undo_step.db_user, 0047; on a server session_user, and the
// row policies hide others' steps).
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

// UndoStep and OutsideUndo are in audit_log.hpp (included through storage.hpp).

struct UndoStepInfo {
    RowId id = 0;
    std::string label;         // what the user did; a description built from the entries when unnamed
    std::string startedAt;     // ISO-8601 UTC
    int changes = 0;           // audit entries (rows inserted, changed, deleted)
};

class UndoStore {
public:
    explicit UndoStore(Storage& storage);

    // The steps this session can still undo, newest first.
    std::vector<UndoStepInfo> undoableSteps(int limit = 50);
    std::optional<UndoStepInfo> lastStep();

    // Undoes the newest undoable step of this session in one transaction,
    // writes an 'undo' audit entry per row and bumps the revision. Returns
    // what was undone; nullopt when there is nothing to undo. Throws
    // StorageError (Chinese, nothing changed) when a row changed since.
    std::optional<UndoStepInfo> undoLast();
    // Undoes step `step` (of any session: an import's batch keeps its step),
    // exactly like undoLast; nullopt when there is no such step or it was
    // undone already. StorageError (Chinese, nothing changed) when one of its
    // rows changed since.
    std::optional<UndoStepInfo> undoStep(RowId step);

    // Redo: puts back what the newest undo of this session took back, as a
    // new step (undoable again). Only while nothing else was changed since
    // that undo. nullopt when there is nothing to redo; StorageError
    // (Chinese, nothing changed) when a row changed since the undo.
    std::optional<UndoStepInfo> redoableStep();
    std::optional<UndoStepInfo> redoLast();

    // Deletes row `id` of `table` (a schema table with an `id` column, never
    // user text) in one transaction, auditing first every row the schema's
    // foreign keys delete with it (ON DELETE CASCADE, at any depth) and every
    // row whose reference they clear (ON DELETE SET NULL), so that undo brings
    // all of them back. Returns false when the row does not exist. A RESTRICT
    // reference makes SQLite refuse; that StorageError is passed on.
    bool deleteRow(const char* table, RowId id);

    // "删除 人员" for an unnamed step; the Chinese noun of a table.
    static std::string tableNoun(const std::string& table);

private:
    struct Reference {                 // a foreign key pointing at a table's id
        std::string table, column, onDelete;
    };
    struct Entry {
        RowId auditId = 0;
        std::string action, table;
        RowId recordId = 0;
        std::string before, after;
        std::string recordKey;     // the row's key in a table without id (record_id NULL)
        bool keyed = false;
    };
    const std::vector<Reference>& referencesTo(const std::string& table);
    const std::vector<std::string>& columnsOf(const std::string& table);
    std::vector<RowId> referencingRows(const Reference& ref, RowId id);
    std::vector<Entry> readEntries(RowId step, const char* actions);
    std::string currentRow(const Entry& e);
    void bindRow(Statement& st, int index, const Entry& e);
    bool rowMatches(const Entry& e, const std::string& json);
    // " lisi 于 2026-12-07 21:40 ": who changed the row of `e` after it, and
    // when (local time), for a refusal; "" when the log does not say.
    std::string laterChange(const Entry& e);
    void insertFromJson(const std::string& table, const std::string& json);
    void updateFromJson(const Entry& e, const std::string& json);
    void deleteAt(const Entry& e);
    void logEntry(const char* action, const Entry& e, const std::string& before, const std::string& after,
                  RowId step);
    std::string describe(RowId step);
    std::vector<UndoStepInfo> steps(int limit);
    UndoStepInfo undoEntries(const UndoStepInfo& step);

    Storage& m_storage;
    Database& m_db;
    std::map<std::string, std::vector<Reference>> m_references;   // schema caches, per table
    std::map<std::string, std::vector<std::string>> m_columns;
    std::map<std::string, std::string> m_matchSql;
};

} // namespace jinguo::storage
