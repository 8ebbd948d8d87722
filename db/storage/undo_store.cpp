// undo_store.cpp — undo steps from the audit log; deletes that audit what they
// take with them.
//
// Table and column names in the SQL below come from the schema (sqlite_schema,
// pragma_table_info, pragma_foreign_key_list), never from user text; values
// are always bound. Values are read back from the audit JSON by SQLite itself
// (json_extract), so a row is restored with the types it was stored with.
#include "storage/undo_store.hpp"

#include "core/local_time.hpp"
#include "storage/audit_retention.hpp"
#include "storage/sql_dialect.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace jinguo::storage {

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

const char* actionWord(const std::string& action) {
    if (action == "insert") return "新增";
    if (action == "update") return "修改";
    if (action == "delete") return "删除";
    return "更改";
}

} // namespace

UndoStore::UndoStore(Storage& storage) : m_storage(storage), m_db(storage.db()) {}

std::string UndoStore::tableNoun(const std::string& table) {
    static const std::pair<const char*, const char*> nouns[] = {
        {"person", "人员"}, {"service_record", "服务记录"}, {"activity", "活动"}, {"family", "家庭"},
        {"post", "巾帼文明岗"}, {"award", "荣誉"}, {"award_event", "荣誉进程记录"}, {"award_title", "荣誉称号"},
        {"target", "创建目标"}, {"manual_indicator", "手工指标"}, {"org_unit", "组织单位"},
        {"badge_earned", "徽章"}, {"setting", "设置"}, {"import_batch", "导入批次"},
    };
    for (const auto& [name, noun] : nouns)
        if (table == name) return noun;
    return table;
}

// ------------------------------------------------------------ schema

const std::vector<std::string>& UndoStore::columnsOf(const std::string& table) {
    auto it = m_columns.find(table);
    if (it != m_columns.end()) return it->second;
    std::vector<std::string> columns;
    Statement st = m_db.prepare(m_db.dialect().tableColumns);
    st.bind(1, table);
    while (st.step()) columns.push_back(st.columnText(0));
    return m_columns.emplace(table, std::move(columns)).first->second;
}

const std::vector<UndoStore::Reference>& UndoStore::referencesTo(const std::string& table) {
    auto it = m_references.find(table);
    if (it != m_references.end()) return it->second;
    std::vector<Reference> refs;
    Statement st = m_db.prepare(m_db.dialect().foreignKeysToId);
    st.bind(1, table);
    while (st.step()) refs.push_back({st.columnText(0), st.columnText(1), st.columnText(2)});
    // Only rows with an id can be put back; the audit log itself never is.
    std::vector<Reference> kept;
    for (Reference& r : refs) {
        if (r.table == "audit_log" || r.table == "undo_step") continue;
        const auto& cols = columnsOf(r.table);
        if (std::find(cols.begin(), cols.end(), "id") == cols.end()) continue;
        kept.push_back(std::move(r));
    }
    return m_references.emplace(table, std::move(kept)).first->second;
}

std::vector<RowId> UndoStore::referencingRows(const Reference& ref, RowId id) {
    Statement st = m_db.prepare("SELECT id FROM " + quoted(ref.table) + " WHERE " + quoted(ref.column)
                                + " = ? ORDER BY id");
    st.bind(1, id);
    std::vector<RowId> out;
    while (st.step()) out.push_back(st.columnInt(0));
    return out;
}

// ------------------------------------------------------------ deletes

bool UndoStore::deleteRow(const char* table, RowId id) {
    Transaction tx(m_db);
    const std::string before = m_storage.rowJson(table, id);
    if (before.empty()) return false;

    struct Captured {
        std::string table;
        RowId id;
        std::string before;
    };
    std::vector<Captured> cascaded;    // deepest first: undo (backwards) re-inserts parents first
    std::vector<Captured> nulled;      // rows whose reference the delete clears
    const bool auditing = m_storage.auditEnabled();
    if (auditing) {
        std::set<std::pair<std::string, RowId>> seen{{table, id}};
        auto collect = [&](auto& self, const std::string& parent, RowId parentId) -> void {
            for (const Reference& ref : referencesTo(parent)) {
                const bool cascade = ref.onDelete == "CASCADE";
                if (!cascade && ref.onDelete != "SET NULL") continue;   // RESTRICT: SQLite refuses below
                for (RowId child : referencingRows(ref, parentId)) {
                    if (cascade) {
                        if (!seen.insert({ref.table, child}).second) continue;
                        self(self, ref.table, child);
                        cascaded.push_back({ref.table, child, m_storage.rowJson(ref.table.c_str(), child)});
                    } else {
                        nulled.push_back({ref.table, child, m_storage.rowJson(ref.table.c_str(), child)});
                    }
                }
            }
        };
        collect(collect, table, id);
    }

    Statement del = m_db.prepare("DELETE FROM " + quoted(table) + " WHERE id = ?");
    del.bind(1, id);
    del.run();

    for (const Captured& c : nulled) {
        const std::string after = m_storage.rowJson(c.table.c_str(), c.id);
        if (after.empty() || after == c.before) continue;   // deleted too, or not changed
        m_storage.audit("update", c.table.c_str(), c.id, c.before, after);
    }
    for (const Captured& c : cascaded) m_storage.audit("delete", c.table.c_str(), c.id, c.before, {});
    m_storage.audit("delete", table, id, before, {});
    tx.commit();
    m_storage.bump();
    return true;
}

// ------------------------------------------------------------ restoring rows

// A row named by an audit entry: by id, or by its key in a table keyed by
// another column.
std::string UndoStore::currentRow(const Entry& e) {
    return e.keyed ? m_storage.rowJsonByKey(e.table.c_str(), e.recordKey) : m_storage.rowJson(e.table.c_str(), e.recordId);
}

void UndoStore::bindRow(Statement& st, int index, const Entry& e) {
    if (e.keyed) st.bind(index, e.recordKey);
    else st.bind(index, e.recordId);
}

std::string UndoStore::laterChange(const Entry& e) {
    Statement st = m_db.prepare(m_db.dialect().lastChangeOfRow);
    st.bind(1, e.table).bindIdOrNull(2, e.keyed ? 0 : e.recordId).bind(3, e.recordKey).bind(4, e.auditId);
    if (!st.step()) return {};
    const std::string who = st.columnText(0);
    const std::string when = localTimeText(st.columnText(1));
    return " " + (who.empty() ? std::string() : who + " ") + "于 " + when + " ";
}

bool UndoStore::rowMatches(const Entry& e, const std::string& json) {
    auto it = m_matchSql.find(e.table);
    if (it == m_matchSql.end()) {
        // A column the JSON does not hold is not compared (older, partial
        // entries); reals are compared with a tolerance because the JSON keeps
        // 15 significant digits.
        const std::string key = m_storage.keyColumn(e.table.c_str());
        std::string sql = "SELECT count(*) FROM " + quoted(e.table) + " WHERE " + quoted(key) + " = ?1";
        for (const std::string& c : columnsOf(e.table)) {
            if (c == key) continue;
            sql += " AND " + m_db.dialect().columnMatchesJson(e.table, c, "?2");
        }
        it = m_matchSql.emplace(e.table, std::move(sql)).first;
    }
    Statement st = m_db.prepare(it->second);
    bindRow(st, 1, e);
    st.bind(2, json.empty() ? std::string("{}") : json);
    return st.step() && st.columnInt(0) == 1;
}

namespace {
// The schema columns that the JSON object holds, in schema order.
std::vector<std::string> presentColumns(Database& db, const std::vector<std::string>& columns,
                                        const std::string& json) {
    std::set<std::string> keys;
    Statement st = db.prepare(db.dialect().jsonKeys);
    st.bind(1, json);
    while (st.step()) keys.insert(st.columnText(0));
    std::vector<std::string> out;
    for (const std::string& c : columns)
        if (keys.count(c)) out.push_back(c);
    return out;
}
} // namespace

void UndoStore::insertFromJson(const std::string& table, const std::string& json) {
    const std::vector<std::string> cols = presentColumns(m_db, columnsOf(table), json);
    std::string names, values;
    for (const std::string& c : cols) {
        if (!names.empty()) { names += ", "; values += ", "; }
        names += quoted(c);
        values += m_db.dialect().jsonColumnValue(table, c, "?1");
    }
    Statement st = m_db.prepare("INSERT INTO " + quoted(table) + " (" + names + ") VALUES (" + values + ")");
    st.bind(1, json);
    st.run();
}

void UndoStore::updateFromJson(const Entry& e, const std::string& json) {
    const std::string key = m_storage.keyColumn(e.table.c_str());
    std::string sets;
    for (const std::string& c : presentColumns(m_db, columnsOf(e.table), json)) {
        if (c == key) continue;
        if (!sets.empty()) sets += ", ";
        sets += quoted(c) + " = " + m_db.dialect().jsonColumnValue(e.table, c, "?1");
    }
    if (sets.empty()) return;
    Statement st = m_db.prepare("UPDATE " + quoted(e.table) + " SET " + sets + " WHERE " + quoted(key) + " = ?2");
    st.bind(1, json);
    bindRow(st, 2, e);
    st.run();
}

void UndoStore::deleteAt(const Entry& e) {
    Statement del = m_db.prepare("DELETE FROM " + quoted(e.table) + " WHERE "
                                 + quoted(m_storage.keyColumn(e.table.c_str())) + " = ?");
    bindRow(del, 1, e);
    del.run();
}

std::vector<UndoStore::Entry> UndoStore::readEntries(RowId step, const char* actions) {
    // `actions` is one of the two literals below, never user text.
    const std::string sql =
        std::string("SELECT id, action, table_name, coalesce(record_id, 0), coalesce(before_json, ''),"
                    " coalesce(after_json, ''), coalesce(record_key, ''), record_id IS NULL AND record_key IS NOT NULL"
                    " FROM audit_log WHERE step_id = ? AND action IN ") + actions + " ORDER BY id DESC";
    Statement st = m_db.prepare(sql);
    st.bind(1, step);
    std::vector<Entry> entries;
    while (st.step()) {
        Entry e;
        e.auditId = st.columnInt(0);
        e.action = st.columnText(1);
        e.table = st.columnText(2);
        e.recordId = st.columnInt(3);
        e.before = st.columnText(4);
        e.after = st.columnText(5);
        e.recordKey = st.columnText(6);
        e.keyed = st.columnInt(7) != 0;
        entries.push_back(std::move(e));
    }
    return entries;
}

void UndoStore::logEntry(const char* action, const Entry& e, const std::string& before, const std::string& after,
                         RowId step) {
    auto log = m_db.cached(
        "INSERT INTO audit_log (action, table_name, record_id, record_key, before_json, after_json, session_id,"
        " step_id, db_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    log.bind(1, action).bind(2, e.table).bindIdOrNull(3, e.keyed ? 0 : e.recordId);
    if (e.keyed) log.bind(4, e.recordKey); else log.bindNull(4);
    log.bindTextOrNull(5, before).bindTextOrNull(6, after).bind(7, m_storage.sessionId()).bindIdOrNull(8, step);
    log.bind(9, m_storage.auditLog().dbUser());
    log.run();
}

// ------------------------------------------------------------ steps

std::string UndoStore::describe(RowId step) {
    // The step's last entry is the row the user acted on (a delete audits the
    // rows it takes with it first).
    const SqlDialect& dialect = m_db.dialect();
    Statement st = m_db.prepare(
        "SELECT action, table_name, coalesce(" + dialect.jsonText("coalesce(after_json, before_json)", "name") + ", "
        + dialect.jsonText("coalesce(after_json, before_json)", "head_name") + ", '')"
        " FROM audit_log WHERE step_id = ? AND action IN ('insert', 'update', 'delete') ORDER BY id DESC LIMIT 1");
    st.bind(1, step);
    if (!st.step()) return {};
    std::string text = std::string(actionWord(st.columnText(0))) + tableNoun(st.columnText(1));
    const std::string name = st.columnText(2);
    if (!name.empty()) text += " " + name;
    return text;
}

std::vector<UndoStepInfo> UndoStore::steps(int limit) {
    // A step with an entry that names no row (a summary, an entry older than
    // record_key) cannot be put back row by row and is left out.
    // Cached: the 撤销/重做 buttons ask after every change (undo_shortcut.cpp).
    auto st = m_db.cached(R"(
        SELECT s.id, s.label, s.started_at, count(a.id)
        FROM undo_step s JOIN audit_log a ON a.step_id = s.id AND a.action IN ('insert', 'update', 'delete')
        WHERE s.session_id = ? AND s.db_user = ? AND s.undone_at IS NULL
        GROUP BY s.id
        HAVING sum(CAST(a.record_id IS NULL AND a.record_key IS NULL AS integer)) = 0
        ORDER BY s.id DESC LIMIT ?)");
    st.bind(1, m_storage.sessionId()).bind(2, m_storage.auditLog().dbUser()).bind(3, limit);
    std::vector<UndoStepInfo> out;
    while (st.step()) {
        UndoStepInfo info;
        info.id = st.columnInt(0);
        info.label = st.columnText(1);
        info.startedAt = st.columnText(2);
        info.changes = static_cast<int>(st.columnInt(3));
        out.push_back(std::move(info));
    }
    for (UndoStepInfo& info : out)
        if (info.label.empty()) info.label = describe(info.id);
    return out;
}

std::vector<UndoStepInfo> UndoStore::undoableSteps(int limit) { return steps(limit); }

std::optional<UndoStepInfo> UndoStore::lastStep() {
    auto all = steps(1);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::optional<UndoStepInfo> UndoStore::undoLast() {
    const std::optional<UndoStepInfo> step = lastStep();
    if (!step) return std::nullopt;
    return undoEntries(*step);
}

std::optional<UndoStepInfo> UndoStore::undoStep(RowId id) {
    UndoStepInfo info;
    {
        Statement st = m_db.prepare(R"(
            SELECT s.id, s.label, s.started_at,
                   (SELECT count(*) FROM audit_log a WHERE a.step_id = s.id AND a.action IN ('insert', 'update', 'delete'))
            FROM undo_step s WHERE s.id = ? AND s.undone_at IS NULL)");
        st.bind(1, id);
        if (!st.step()) return std::nullopt;
        info.id = st.columnInt(0);
        info.label = st.columnText(1);
        info.startedAt = st.columnText(2);
        info.changes = static_cast<int>(st.columnInt(3));
    }
    if (info.label.empty()) info.label = describe(info.id);
    return undoEntries(info);
}

UndoStepInfo UndoStore::undoEntries(const UndoStepInfo& stepInfo) {
    const UndoStepInfo* step = &stepInfo;
    const std::vector<Entry> entries = readEntries(step->id, "('insert', 'update', 'delete')");

    const std::string refusal = "无法撤销“" + step->label + "”：";
    const std::string nothingChanged = "为免覆盖后来的修改，没有做任何改动。";
    auto rowName = [](const Entry& e) {
        return tableNoun(e.table) + (e.keyed ? "（" + e.recordKey + "）" : "（编号" + std::to_string(e.recordId) + "）");
    };

    Transaction tx(m_db);
    // Rows come back in the order the log needs, but a restored child may be
    // checked against a parent restored later in the same step.
    m_db.exec(m_db.dialect().deferForeignKeys);
    for (const Entry& e : entries) {
        const std::string key = m_storage.keyColumn(e.table.c_str());
        if (key.empty() || (key == "id") == e.keyed)
            throw StorageError(refusal + tableNoun(e.table) + "的修改不能逐行撤销。");
        const std::string current = currentRow(e);
        std::string restored;
        if (e.action != "insert" && holdsMaskedPersonalField(e.table, e.before))
            throw StorageError(refusal + "日志中" + rowName(e) + "的身份证号、手机号已超过保留期限，按规定打了码，"
                               "无法恢复原来的号码。" + nothingChanged);
        if (e.action == "delete") {
            if (!current.empty())
                throw StorageError(refusal + rowName(e) + "在这之后又被" + laterChange(e) + "重新登记了。"
                                   + nothingChanged);
            if (e.before.empty()) throw StorageError(refusal + "日志里没有" + rowName(e) + "删除前的内容。");
            insertFromJson(e.table, e.before);
            restored = currentRow(e);
        } else {
            if (current.empty())
                throw StorageError(refusal + rowName(e) + "在这之后已被" + laterChange(e) + "删除。" + nothingChanged);
            if (!rowMatches(e, e.after))
                throw StorageError(refusal + rowName(e) + "在这之后又被" + laterChange(e) + "修改过。"
                                   + nothingChanged);
            if (e.action == "insert") {
                if (!e.keyed) {
                    for (const Reference& ref : referencesTo(e.table)) {
                        if (!referencingRows(ref, e.recordId).empty())
                            throw StorageError(refusal + rowName(e) + "在这之后又被其他记录（" + tableNoun(ref.table)
                                               + "）引用了，请先撤销或删除那些记录。");
                    }
                }
                deleteAt(e);
            } else {
                if (e.before.empty()) throw StorageError(refusal + "日志里没有" + rowName(e) + "修改前的内容。");
                updateFromJson(e, e.before);
                restored = currentRow(e);
            }
        }
        logEntry("undo", e, current, restored, step->id);
    }
    Statement done = m_db.prepare(
        std::string("UPDATE undo_step SET undone_at = ") + m_db.dialect().nowUtcMillis + " WHERE id = ?");
    done.bind(1, step->id);
    done.run();
    // A record import (units … activities) is one undo step its batch keeps:
    // undone here (撤销, Ctrl+Z), the batch is undone too, in this transaction,
    // so the 导入 screen's batch list says so and does not offer it again.
    Statement batch = m_db.prepare(
        std::string("UPDATE import_batch SET undone_at = ") + m_db.dialect().nowUtcSeconds +
        " WHERE undo_step_id = ? AND undone_at IS NULL");
    batch.bind(1, step->id);
    batch.run();
    tx.commit();
    m_storage.bump();
    return *step;
}

std::optional<UndoStepInfo> UndoStore::redoableStep() {
    // The step whose undo is the newest one not yet redone …
    auto st = m_db.cached(R"(
        SELECT s.id, s.label, s.started_at,
               (SELECT max(a.id) FROM audit_log a WHERE a.step_id = s.id AND a.action = 'undo') AS undo_entry,
               (SELECT count(*) FROM audit_log a WHERE a.step_id = s.id AND a.action = 'undo')
        FROM undo_step s
        WHERE s.session_id = ? AND s.undone_at IS NOT NULL AND s.redone_at IS NULL
        ORDER BY undo_entry DESC LIMIT 1)");
    st.bind(1, m_storage.sessionId());
    if (!st.step()) return std::nullopt;
    UndoStepInfo info;
    info.id = st.columnInt(0);
    info.label = st.columnText(1);
    info.startedAt = st.columnText(2);
    const RowId undoEntry = st.columnInt(3);
    info.changes = static_cast<int>(st.columnInt(4));
    // … and only while no other change was made after it (redos and the
    // app's own writes outside undo aside).
    auto later = m_db.cached(R"(
        SELECT count(*) FROM audit_log a LEFT JOIN undo_step t ON t.id = a.step_id
        WHERE a.session_id = ? AND a.id > ? AND a.action IN ('insert', 'update', 'delete')
          AND a.step_id IS NOT NULL AND t.redo_of IS NULL)");
    later.bind(1, m_storage.sessionId()).bind(2, undoEntry);
    if (later.step() && later.columnInt(0) > 0) return std::nullopt;
    if (info.label.empty()) info.label = describe(info.id);
    return info;
}

std::optional<UndoStepInfo> UndoStore::redoLast() {
    const std::optional<UndoStepInfo> step = redoableStep();
    if (!step) return std::nullopt;
    // The undo's entries, newest first: the undo's own order backwards.
    const std::vector<Entry> entries = readEntries(step->id, "('undo')");
    const std::string refusal = "无法重做“" + step->label + "”：";
    const std::string nothingChanged = "为免覆盖后来的修改，没有做任何改动。";

    Transaction tx(m_db);
    m_db.exec(m_db.dialect().deferForeignKeys);
    UndoStep redo(m_storage, step->label);
    auto audit = [&](const char* action, const Entry& e, const std::string& before, const std::string& after) {
        if (e.keyed) m_storage.auditByKey(action, e.table.c_str(), e.recordKey, before, after);
        else m_storage.audit(action, e.table.c_str(), e.recordId, before, after);
    };
    for (const Entry& e : entries) {
        // An undo entry holds the row before the undo (what redo puts back)
        // and after it (what the row must still be).
        const std::string rowName = tableNoun(e.table)
                                  + (e.keyed ? "（" + e.recordKey + "）" : "（编号" + std::to_string(e.recordId) + "）");
        const std::string current = currentRow(e);
        const bool unchanged = e.after.empty() ? current.empty() : !current.empty() && rowMatches(e, e.after);
        if (!unchanged)
            throw StorageError(refusal + rowName + "在撤销之后又被" + laterChange(e) + "改动过。" + nothingChanged);
        if (holdsMaskedPersonalField(e.table, e.before))
            throw StorageError(refusal + "日志中" + rowName + "的身份证号、手机号已超过保留期限，按规定打了码，"
                               "无法恢复原来的号码。" + nothingChanged);
        if (e.before.empty()) {
            deleteAt(e);
            audit("delete", e, current, {});
        } else if (current.empty()) {
            insertFromJson(e.table, e.before);
            audit("insert", e, {}, currentRow(e));
        } else {
            updateFromJson(e, e.before);
            audit("update", e, current, currentRow(e));
        }
    }
    Statement mark = m_db.prepare("UPDATE undo_step SET redo_of = ? WHERE id = ?");
    mark.bind(1, step->id).bind(2, m_storage.auditLog().stepForEntry());
    mark.run();
    Statement done = m_db.prepare(
        std::string("UPDATE undo_step SET redone_at = ") + m_db.dialect().nowUtcMillis + " WHERE id = ?");
    done.bind(1, step->id);
    done.run();
    // An import batch undone with its step is back: it keeps the redo's step
    // (what a later undo takes back) and shows as not undone again.
    Statement batch = m_db.prepare(
        "UPDATE import_batch SET undone_at = NULL, undo_step_id = ? WHERE undo_step_id = ? AND undone_at IS NOT NULL");
    batch.bind(1, m_storage.auditLog().stepForEntry()).bind(2, step->id);
    batch.run();
    tx.commit();
    m_storage.bump();
    return *step;
}

} // namespace jinguo::storage
