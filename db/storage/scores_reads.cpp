// scores_reads.cpp — the read-only worker connection and the earned badges.
#include "storage/scores_reads.hpp"

#include "storage/storage.hpp"

namespace jinguo::storage {

std::unique_ptr<Storage> openReadOnlyStorage(const std::string& path) {
    auto storage = std::make_unique<Storage>(path);
    // A server's sessions are made read-only its own way (PRAGMA is SQLite's).
    storage->db().exec(storage->db().isServer() ? "SET default_transaction_read_only = on" : "PRAGMA query_only = ON");
    return storage;
}

BadgeReader::BadgeReader(Storage& storage) : m_storage(storage) {}

std::unordered_map<RowId, std::vector<std::string>> BadgeReader::personBadges() {
    std::unordered_map<RowId, std::vector<std::string>> out;
    Statement st = m_storage.db().prepare(
        "SELECT person_id, badge_code FROM badge_earned WHERE person_id IS NOT NULL ORDER BY earned_on, id");
    while (st.step()) out[st.columnInt(0)].push_back(st.columnText(1));
    return out;
}

std::unordered_map<RowId, std::vector<std::string>> BadgeReader::personBadges(const std::vector<RowId>& people) {
    std::unordered_map<RowId, std::vector<std::string>> out;
    Statement st = m_storage.db().prepare(
        "SELECT badge_code FROM badge_earned WHERE person_id = ? ORDER BY earned_on, id");
    for (RowId person : people) {
        st.reset();
        st.bind(1, person);
        while (st.step()) out[person].push_back(st.columnText(0));
    }
    return out;
}

} // namespace jinguo::storage
