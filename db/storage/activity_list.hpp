// activity_list.hpp — the 活动 list read a page at a time (issue 17). The
// screen never holds every activity: it asks for the counts of what its
// filters let through, for pages newest first (held_on DESC, id DESC) by
// keyset after the last row read, or by OFFSET for a far jump, and for the
// years to filter by. It all runs on a worker's connection (ui::Task), never
// on the frame loop.
//
// What passes is the old in-memory rule in SQL: the activity's unit within
// the filter unit's subtree (the unit and everything below it; org_unit is
// small, so the subtree's ids are resolved first) and the first four
// characters of held_on equal to the year (a range on held_on). The pages read
// activity_held_on (held_on, id, unit_id), or activity_unit_held_on for a unit whose
// subtree holds few of the activities (both migration 0031), index-only; a row's volunteers and hours are summed
// from the 0024 index for the page's rows only — the same definition as
// ActivityStore::list, which stays as the tests' and the bench's reference.
#pragma once

#include "storage/activity_store.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

struct ActivityQuery {
    RowId unitId = 0;              // 0: all; else the unit and every unit below it
    int year = 0;                  // 0: all years
    bool operator==(const ActivityQuery&) const = default;
};

// A position in the list: the date and id of a row (the last one read).
struct ActivityListKey {
    std::string heldOn;
    RowId id = 0;
    bool operator==(const ActivityListKey&) const = default;
};
inline ActivityListKey activityListKeyOf(const ActivityRow& row) { return {row.activity.heldOn, row.activity.id}; }

struct ActivityCounts {
    std::int64_t all = 0;          // every activity
    std::int64_t shown = 0;        // passing the filters
};

ActivityCounts activityCounts(Storage& storage, const ActivityQuery& query);
// Up to `limit` rows after `after` (from the newest without), newest first.
std::vector<ActivityRow> activityPage(Storage& storage, const ActivityQuery& query,
                                      const std::optional<ActivityListKey>& after, int limit);
// Up to `limit` rows from position `offset` (a far jump).
std::vector<ActivityRow> activityPageAt(Storage& storage, const ActivityQuery& query, std::int64_t offset, int limit);
// The years activities were held in, newest first (the year filter's choices):
// one index seek per year, not a walk of every activity.
std::vector<int> activityYears(Storage& storage);

} // namespace jinguo::storage
