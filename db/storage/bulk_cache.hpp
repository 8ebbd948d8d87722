// bulk_cache.hpp — one connection's page cache and statement journals sized
// for a big write in one transaction (an import, its undo, the demo), put
// back when the write ends.
//
// Why: with SQLite's default 2 MiB cache a big transaction's pages spill to
// the WAL and are read back again and again (most of a 1M-row import went to
// pread/pwrite). 192 MiB keeps them in memory and the process well under its
// 500 MiB budget. Statement journals go to memory too: each many-row INSERT
// inside a transaction keeps the pages it changes in one (so a failing list
// can be undone alone), which in a temporary file was ~175,000 page writes
// for 200,000 people and 5.2 million pwrite calls for the demo; a list's
// journal is a few hundred KiB. The connection must hold no temporary tables
// meanwhile: a change of temp_store drops them. A server has no such
// pragmas; there this does nothing.
#pragma once

#include "storage/database.hpp"
#include "storage/sql_dialect.hpp"

#include <cstdint>
#include <string>

namespace jinguo::storage {

class BulkWriteCache {
public:
    explicit BulkWriteCache(Database& db) : m_db(db) {
        if (!m_db.dialect().hasPageCachePragmas) return;
        Statement st = m_db.prepare("PRAGMA cache_size");
        if (st.step()) m_cacheSizeBefore = st.columnInt(0);
        st.reset();
        m_db.exec("PRAGMA cache_size = -196608");
        m_db.exec("PRAGMA temp_store = MEMORY");
    }
    ~BulkWriteCache() {
        if (!m_db.dialect().hasPageCachePragmas) return;
        try {
            m_db.exec("PRAGMA cache_size = " + std::to_string(m_cacheSizeBefore));
            m_db.exec("PRAGMA temp_store = DEFAULT");
        } catch (...) {}
    }
    BulkWriteCache(const BulkWriteCache&) = delete;
    BulkWriteCache& operator=(const BulkWriteCache&) = delete;

private:
    Database& m_db;
    std::int64_t m_cacheSizeBefore = -2000;
};

} // namespace jinguo::storage
