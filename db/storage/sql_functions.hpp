// sql_functions.hpp — the C++ functions SQL calls (the person_list triggers
// and view of migration 0020): jinguo_sort_key(name) (core/pinyin.hpp
// sortKeyText), jinguo_pinyin(name), jinguo_initials(name) and
// jinguo_reverse(text) (an ID number or phone backwards, x as X, so a tail
// is an index prefix); jinguo_level_rank(level) (titleLevelRank, for the
// honour_list of migration 0025). Registered on every connection Database opens: a
// program that writes person without them (the sqlite3 shell) is refused
// with "no such function" rather than leaving the list's keys stale.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace jinguo::storage {

void registerSqlFunctions(sqlite3* db);

// What jinguo_reverse gives (tests and the search use the same rule).
std::string reversedTail(std::string_view text);

} // namespace jinguo::storage
