// title_dates.hpp — the date a family, person or collective title changed
// state, when the organizer did not give one.
#pragma once

#include <string>
#include <string_view>

namespace jinguo {

// A title of `year` recorded without a date: `today` (YYYY-MM-DD) when `year`
// is today's year — it is being entered as it happens — else the year's last
// day, YYYY-12-31: a title of an earlier year is known by its year only, and
// 12-31 keeps it inside that year, is what the boards already assume for a
// title without a 命名 event (coalesce(named_on, year || '-12-31') in
// db/storage/aggregates.cpp and badge_store.cpp), and is what migration 0015
// gave the titles stored before titles had a history.
std::string defaultTitleDate(int year, std::string_view today);

} // namespace jinguo
