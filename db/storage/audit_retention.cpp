// audit_retention.cpp — see audit_retention.hpp.
#include "storage/audit_retention.hpp"

#include "core/masking.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"

#include <cstdlib>

namespace jinguo::storage {

int auditRetentionDays(Storage& storage) {
    auto st = storage.db().cached("SELECT value FROM setting WHERE key = ?");
    st.bind(1, kAuditRetentionSetting);
    if (!st.step()) return kDefaultAuditRetentionDays;
    const std::string text = st.columnText(0);
    char* end = nullptr;
    const long days = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || days < 0 || days > 36500) return kDefaultAuditRetentionDays;
    return static_cast<int>(days);
}

namespace {
std::string masked(const std::string& value, bool id) {
    if (value.empty() || value.find('*') != std::string::npos) return value;
    return id ? maskIdNumber(value) : maskPhone(value);
}
} // namespace

AuditPruneResult pruneAuditLog(Storage& storage, int days, const std::string& nowUtc) {
    Database& db = storage.db();
    OutsideUndo outside(storage);
    // The audit rows of people no longer in `person` whose newest audit row
    // (their deletion, normally) is older than the limit.
    const SqlDialect& sql = db.dialect();
    Statement st = db.prepare(
        "SELECT a.id, a.record_id,"
        "       a.before_json IS NOT NULL, coalesce(" + sql.jsonText("a.before_json", "id_number") + ", ''),"
        "       coalesce(" + sql.jsonText("a.before_json", "phone") + ", ''),"
        "       a.after_json IS NOT NULL, coalesce(" + sql.jsonText("a.after_json", "id_number") + ", ''),"
        "       coalesce(" + sql.jsonText("a.after_json", "phone") + ", '')"
        " FROM audit_log a"
        " WHERE a.table_name = 'person'"
        "   AND a.record_id IN ("
        "       SELECT record_id FROM audit_log"
        "       WHERE table_name = 'person' AND record_id IS NOT NULL"
        "         AND record_id NOT IN (SELECT id FROM person)"
        "       GROUP BY record_id"
        "       HAVING max(at) < " + sql.utcDaysBefore("CAST(?1 AS text)", "?2") + ")"
        " ORDER BY a.record_id, a.id");
    st.bindTextOrNull(1, nowUtc).bind(2, days);
    struct Change {
        std::int64_t id = 0;
        bool hasBefore = false, hasAfter = false;
        std::string beforeId, beforePhone, afterId, afterPhone;
    };
    std::vector<Change> changes;
    AuditPruneResult result;
    std::int64_t lastPerson = 0;
    while (st.step()) {
        Change c;
        c.id = st.columnInt(0);
        c.hasBefore = st.columnInt(2) != 0;
        c.hasAfter = st.columnInt(5) != 0;
        const std::string bId = st.columnText(3), bPhone = st.columnText(4);
        const std::string aId = st.columnText(6), aPhone = st.columnText(7);
        c.beforeId = masked(bId, true);
        c.beforePhone = masked(bPhone, false);
        c.afterId = masked(aId, true);
        c.afterPhone = masked(aPhone, false);
        if (c.beforeId == bId && c.beforePhone == bPhone && c.afterId == aId && c.afterPhone == aPhone) continue;
        if (st.columnInt(1) != lastPerson) {
            lastPerson = st.columnInt(1);
            ++result.people;
        }
        changes.push_back(std::move(c));
    }
    st.reset();
    if (changes.empty()) return result;   // no write lock taken at a start with nothing due
    // Audit rows are only ever appended, so what was read stays true.
    Transaction tx(db);
    // json_replace changes only fields the row has; a masked value keeps its length.
    Statement update = db.prepare(R"(
        UPDATE audit_log SET
            before_json = CASE WHEN ?2 THEN json_replace(before_json, '$.id_number', ?3, '$.phone', ?4)
                               ELSE before_json END,
            after_json  = CASE WHEN ?5 THEN json_replace(after_json, '$.id_number', ?6, '$.phone', ?7)
                               ELSE after_json END
        WHERE id = ?1)");
    for (const Change& c : changes) {
        update.bind(1, c.id).bind(2, c.hasBefore ? 1 : 0).bindTextOrNull(3, c.beforeId).bindTextOrNull(4, c.beforePhone);
        update.bind(5, c.hasAfter ? 1 : 0).bindTextOrNull(6, c.afterId).bindTextOrNull(7, c.afterPhone);
        update.run();
        update.reset();
        ++result.rows;
    }
    tx.commit();
    if (result.rows > 0) storage.bump();
    return result;
}

bool holdsMaskedPersonalField(const std::string& table, const std::string& json) {
    if (table != "person" || json.empty()) return false;
    for (const char* key : {"\"id_number\":\"", "\"phone\":\""}) {
        const std::size_t at = json.find(key);
        if (at == std::string::npos) continue;
        const std::size_t start = at + std::char_traits<char>::length(key);
        const std::size_t end = json.find('"', start);
        if (json.substr(start, end == std::string::npos ? std::string::npos : end - start).find('*') != std::string::npos)
            return true;
    }
    return false;
}

} // namespace jinguo::storage
