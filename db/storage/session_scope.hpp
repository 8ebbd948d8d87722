// session_scope.hpp — what one session reads and writes on a district's
// server (issue 18). A street's user reads only her unit's subtree (row
// security, security/0002), so where a list would answer 全部单位 from a
// kept counter of the whole district (family_gram_count, table_row_count,
// person_gram_count: class "aggregate", readable by all) it must count her
// rows instead, and a picker that chooses where to write offers her subtree
// only (the policies refuse a row anywhere else). On a file, and for the
// district's users and the owner, every row and every unit: nothing changes.
#pragma once

#include "core/model.hpp"

#include <vector>

namespace jinguo::storage {

class Database;
class Storage;

// The unit whose subtree this session's rows are limited to; 0 when it
// reads every row (always on a file). One query per server connection, then
// kept (SqlDialect::sessionScopeUnit).
RowId sessionScopeUnit(Database& db);

// The units this session may write rows into, in Storage::units()' tree
// order: every unit on a file and for the district's users; a street's user
// her unit and every unit below it. They are also the only units whose rows
// she reads, so a list's unit filter offers the same. (Whether her role may
// write at all — 只读 — is the grants' business: the save says so.)
std::vector<OrgUnit> writableUnits(Storage& storage);
// The same from the units the caller has read already (Storage::units()).
std::vector<OrgUnit> writableUnits(Storage& storage, std::vector<OrgUnit> units);

} // namespace jinguo::storage
