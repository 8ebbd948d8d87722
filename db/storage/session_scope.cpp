// session_scope.cpp — see session_scope.hpp.
#include "storage/session_scope.hpp"

#include "storage/pg_connection.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"

#include <unordered_set>

namespace jinguo::storage {

RowId sessionScopeUnit(Database& db) {
    const char* sql = db.dialect().sessionScopeUnit;
    if (!sql) return 0;   // a file: no users, every row
    std::optional<std::int64_t>& kept = db.server()->sessionScopeUnit;
    if (!kept) {
        Statement st = db.prepare(sql);
        kept = st.step() ? st.columnInt(0) : 0;   // NULL reads as 0: every row
    }
    return *kept;
}

std::vector<OrgUnit> writableUnits(Storage& storage) { return writableUnits(storage, storage.units()); }

std::vector<OrgUnit> writableUnits(Storage& storage, std::vector<OrgUnit> units) {
    const RowId scope = sessionScopeUnit(storage.db());
    if (scope == 0) return units;
    // Tree order puts a parent before its children: one pass keeps the subtree.
    std::unordered_set<RowId> kept{scope};
    std::vector<OrgUnit> out;
    for (OrgUnit& u : units)
        if (u.id == scope || kept.count(u.parentId)) {
            kept.insert(u.id);
            out.push_back(std::move(u));
        }
    return out;
}

} // namespace jinguo::storage
