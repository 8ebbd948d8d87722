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

class Database;

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
// Since 0040 (jinguo_family_grams with 3 arguments): every run of 1–2
// characters of the head's name and of the address as SQLite's lower() folds
// them (ASCII letters only), ASCII and mixed runs too (digits of an address,
// "3号"), except runs holding a space (a trimmed 1–2 character query has
// none); and every run of 1–2 letters a–z of head_spell ("zhangsan zs"),
// which the rule reads for pinyin-shaped queries only — such a run is one.
// So a 1–2 character query's households are exactly its gram's.
std::vector<std::string> familySearchGramsWithSpell(std::string_view headName, std::string_view address,
                                                    std::string_view headSpell);
// A query as those grams hold it: ASCII letters lowered as SQLite's lower().
std::string familyGramOfQuery(std::string_view folded);

// What jinguo_reverse gives (tests and the search use the same rule).
std::string reversedTail(std::string_view text);

// A name's sort key as `db` stores and compares it — the one engine switch
// for keys the app computes itself: SQLite's hex ICU key (`hexKey`, or
// computed here when empty), PostgreSQL's the name itself (its key columns
// are COLLATE jinguo_pinyin, ICU's order for zh; db/migrations_pg/0045).
std::string storedSortKey(const Database& db, std::string_view name, std::string hexKey = {});

// The parameter of the trigram search (person_search/family_search) for a
// query of 3 characters or more, chosen per engine with the statement that
// reads it: SQLite's FTS5 phrase ("…", quotes doubled) for MATCH, PostgreSQL's
// ILIKE pattern (%…%, \ % _ escaped) on the pg_trgm GIN index.
std::string trigramSearchParameter(bool onServer, std::string_view folded);

} // namespace jinguo::storage
