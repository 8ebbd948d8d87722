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
#include <vector>

struct sqlite3;

namespace jinguo::storage {

void registerSqlFunctions(sqlite3* db);

// The keys under which a 1–2 character search finds a volunteer (migration
// 0026's person_gram, function jinguo_grams): 'n' + every run of 1–2
// characters of the name lower-cased as SQLite's lower() does (ASCII), and of
// the pinyin and initials where both are a–z (only a pinyin-shaped query,
// lower-cased, is compared with them); 't' + the first 1 and 2 characters of
// the reversed ID number and phone when they are digits or X (a tail query).
// Distinct, sorted.
std::vector<std::string> searchGrams(std::string_view name, std::string_view pinyin, std::string_view initials,
                                     std::string_view idTail, std::string_view phoneTail);

// The keys under which a 1–2 character search of the 家庭 list finds a
// household (migration 0035's family_gram, function jinguo_family_grams):
// every run of 1–2 characters of the head's name and of the address made of
// non-ASCII characters only (汉字, full-width signs). ASCII queries (pinyin,
// digits) are answered otherwise (storage/family_list.cpp). Distinct, sorted.
std::vector<std::string> familySearchGrams(std::string_view headName, std::string_view address);

// What jinguo_reverse gives (tests and the search use the same rule).
std::string reversedTail(std::string_view text);

} // namespace jinguo::storage
