// unit_subtree.hpp — a unit and every unit below it, as a JSON array of ids
// for `IN (SELECT value FROM json_each(?))`: the lists that filter by a
// street read the subtree once, then seek their own index per unit.
#pragma once

#include "core/model.hpp"
#include "storage/database.hpp"

#include <string>

namespace jinguo::storage {

inline std::string unitSubtreeJson(Database& db, RowId unitId) {
    Statement st = db.prepare(
        "WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS bigint) UNION SELECT c.id FROM org_unit c JOIN sub ON c.parent_id = sub.id)"
        " SELECT id FROM sub");
    st.bind(1, unitId);
    std::string json = "[";
    while (st.step()) {
        if (json.size() > 1) json += ',';
        json += std::to_string(st.columnInt(0));
    }
    return json + ']';
}

} // namespace jinguo::storage
