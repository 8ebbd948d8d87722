// audit_retention.cpp — see audit_retention.hpp.
#include "storage/audit_retention.hpp"

#include "core/masking.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"

#include <cstdio>
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

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// The audit row's JSON with the string value of top-level member `key`
// replaced by `value` (a member that is absent or not a string stays as it
// is). Both engines write the audit's JSON compact ("key":value, no spaces:
// SQLite's json_object, PostgreSQL's row_to_json), so the text is edited here
// once instead of through two engines' JSON functions; member order and
// everything else are kept byte for byte.
std::string withMemberText(const std::string& json, const char* key, const std::string& value) {
    const std::string tag = std::string("\"") + key + "\":\"";
    const std::size_t at = json.find(tag);
    if (at == std::string::npos) return json;
    const std::size_t start = at + tag.size() - 1;   // the value's opening quote
    std::size_t end = start + 1;
    while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
    if (end >= json.size()) return json;
    return json.substr(0, start) + jsonString(value) + json.substr(end + 1);
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
        "       coalesce(" + sql.jsonText("a.after_json", "phone") + ", ''),"
        "       a.before_json, a.after_json"
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
        std::string before, after;   // the JSON with the numbers masked; empty where NULL
    };
    std::vector<Change> changes;
    AuditPruneResult result;
    std::int64_t lastPerson = 0;
    while (st.step()) {
        Change c;
        c.id = st.columnInt(0);
        const std::string bId = st.columnText(3), bPhone = st.columnText(4);
        const std::string aId = st.columnText(6), aPhone = st.columnText(7);
        if (masked(bId, true) == bId && masked(bPhone, false) == bPhone && masked(aId, true) == aId
            && masked(aPhone, false) == aPhone)
            continue;
        if (st.columnInt(2) != 0)
            c.before = withMemberText(withMemberText(st.columnText(8), "id_number", masked(bId, true)), "phone",
                                      masked(bPhone, false));
        if (st.columnInt(5) != 0)
            c.after = withMemberText(withMemberText(st.columnText(9), "id_number", masked(aId, true)), "phone",
                                     masked(aPhone, false));
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
    // A masked value keeps its length; a NULL side stays NULL.
    Statement update = db.prepare("UPDATE audit_log SET before_json = ?2, after_json = ?3 WHERE id = ?1");
    for (const Change& c : changes) {
        update.bind(1, c.id).bindTextOrNull(2, c.before).bindTextOrNull(3, c.after);
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
