// bulk_seed.hpp — seeding many rows at once (the demo generator): multi-row
// INSERTs, so the summaries' statement-level triggers on PostgreSQL run once
// per list instead of once per row (issue 18: the demo row by row took over
// 900 s on a server). Storage's insert* seed one row each.
#pragma once

#include "core/model.hpp"

#include <vector>

namespace jinguo::storage {

class Storage;

// The records in order (ids given in that order, as one insertServiceRecord
// each would), in lists of up to 200 rows while auditing is off; with
// auditing on, row by row through Storage::insertServiceRecord (each audited).
void insertServiceRecords(Storage& storage, const std::vector<ServiceRecord>& records);

} // namespace jinguo::storage
