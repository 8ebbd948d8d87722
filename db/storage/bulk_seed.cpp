#include "storage/bulk_seed.hpp"

#include "storage/storage.hpp"

#include <algorithm>
#include <string>

namespace jinguo::storage {

void insertServiceRecords(Storage& storage, const std::vector<ServiceRecord>& records) {
    if (storage.auditEnabled()) {
        for (const ServiceRecord& r : records) storage.insertServiceRecord(r);
        return;
    }
    // 200 rows (1,400 values) a statement: within both engines' parameter limits.
    constexpr std::size_t kRowsPerInsert = 200;
    constexpr int kValuesPerRow = 7;
    Database& db = storage.db();
    Transaction tx(db);
    for (std::size_t first = 0; first < records.size(); first += kRowsPerInsert) {
        const std::size_t rows = std::min(kRowsPerInsert, records.size() - first);
        std::string sql = "INSERT INTO service_record (person_id, activity_id, served_on, hours, description, verified, recorded_by)"
                          " VALUES ";
        for (std::size_t i = 0; i < rows; ++i) sql += i ? ", (?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?)";
        Statement st = db.prepare(sql);
        for (std::size_t i = 0; i < rows; ++i) {
            const ServiceRecord& r = records[first + i];
            const int at = static_cast<int>(i) * kValuesPerRow;
            st.bind(at + 1, r.personId).bindIdOrNull(at + 2, r.activityId).bind(at + 3, r.servedOn).bind(at + 4, r.hours)
                .bind(at + 5, r.description).bind(at + 6, r.verified ? 1 : 0).bind(at + 7, r.recordedBy);
        }
        st.run();
    }
    tx.commit();
    storage.bump();
}

} // namespace jinguo::storage
