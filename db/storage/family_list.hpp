// family_list.hpp — the 家庭 list read a page at a time (issue 17: 500,000
// households). The screen never holds every household: it asks for the
// count of what its filter and search let through, and for pages of rows by
// keyset on an index that matches the sort (family.sort_key / address /
// members, family_title_count.titles; the unit column walks the units in
// pinyin order, each on family_unit). A far jump seeks by OFFSET. All of it
// runs on a worker's connection (ui::Task); none of it on the frame loop.
//
// What passes the filter is the old in-memory rule, in SQL: a household
// within the unit's subtree, with at least one title passing title, level,
// year, status and standing (待复核 / 已过期 on `today`, from
// title_standing_sql.hpp — the one SQL definition), and matching the search
// (record_list.hpp's rule: any part of the head's name, pinyin or initials,
// the address, the unit, or a title's "2025区级平安家庭").
#pragma once

#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "core/title_standing.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::storage {

// What family.sort_key and family.head_spell hold for a head's name
// (migration 0021): the pinyin order (sortKeyText) and "zhangsan zs".
struct FamilySortFields {
    std::string sortKey;
    std::string headSpell;
};
// Computed with this thread's own PinyinIndex (ICU collators are not shared
// across threads). Every write of family.head_name stores them.
FamilySortFields familySortFields(std::string_view headName);
// What `db` stores: on PostgreSQL the sort key is the name itself (the
// column's ICU collation orders it, storedSortKey); head_spell alike.
FamilySortFields familySortFields(const Database& db, std::string_view headName);

// Fills sort_key and head_spell where they are '' (rows of a file older than
// 0021, or restored from an older row JSON) — or of every row when `all`
// (the collator's version changed) — in batches of 2,000 rows, each its own
// transaction, outside undo (derived columns). Returns the rows filled.
// openAndMigrate calls it after the migrations (with fillPersonSortKeys).
std::int64_t fillFamilySortKeys(Database& db, bool all = false);
std::int64_t fillFamilySortKeys(Storage& storage, bool all = false);
// True when some household has no sort key yet (one indexed probe).
bool familySortKeysMissing(Database& db);
bool familySortKeysMissing(Storage& storage);

enum class FamilySort { Head = 0, Address = 1, Members = 2, Unit = 3, Titles = 4 };

struct FamilyQuery {
    RowId unitId = 0;              // 0: all; else the unit and everything below it
    std::string title;             // "" = any
    std::string level;
    int year = 0;
    std::string status;
    std::string standing;          // 待复核 / 已过期 (standingWord) on `today`; "" = any
    std::string today;             // YYYY-MM-DD
    std::string search;            // as typed
    FamilySort sort = FamilySort::Head;
    bool ascending = true;         // ties by id, in the same direction
    bool searchIndexed = true;     // false: the search tests every household (the reference benchmarks compare with)
    bool keptGramCounts = true;    // false: a gram's count is its range of family_gram (before 0042; tests and bench compare)
    bool keptTitleGramCounts = true;   // false: a search titles' texts hold counts by candidates or the scan (before 0044)
    bool filtersAwards() const {
        return !title.empty() || !level.empty() || year != 0 || !status.empty() || !standing.empty();
    }
    bool operator==(const FamilyQuery&) const = default;
};

// A position in the list: the sort value and id of a row (the last one read).
struct FamilyListKey {
    std::string text;              // Head: sort_key, Address: address
    std::int64_t number = 0;       // Members, Titles: the value; Unit: the unit's rank (0 = no unit)
    RowId id = 0;
    bool operator==(const FamilyListKey&) const = default;
};

struct FamilyListRow {
    FamilyRow row;                            // awardCount = awards.size(); unitName "" when unlinked
    std::vector<FamilyAward> awards;          // newest year first, as familyAwards
    std::vector<TitleStanding> standings;     // per award, on the query's day
    std::vector<bool> passes;                 // per award: passes the query's title filter (all without one)
    FamilyListKey key;
};

struct FamilyCounts {
    std::int64_t households = 0;   // all of them
    std::int64_t shown = 0;        // passing filter and search
    std::int64_t shownTitles = 0;  // titles of the shown households passing the filter (all of theirs without one)
};

FamilyCounts familyCounts(Storage& storage, const FamilyQuery& query);
// Up to `limit` rows after `after` (from the first without), in the query's order.
std::vector<FamilyListRow> familyPage(Storage& storage, const FamilyQuery& query,
                                      const std::optional<FamilyListKey>& after, int limit);
// Up to `limit` rows from position `offset` (a far jump: OFFSET on the sort's index).
std::vector<FamilyListRow> familyPageAt(Storage& storage, const FamilyQuery& query, std::int64_t offset, int limit);

// The filter's choices from SQL: titles of stored family awards plus the
// active family titles of the catalogue, pinyin order; the catalogue's alone
// (for the title picker); the years of stored family awards, newest first.
struct FamilyFilterChoices {
    std::vector<std::string> titles;
    std::vector<std::string> catalogueTitles;
    std::vector<int> years;
};
FamilyFilterChoices familyFilterChoices(Storage& storage);

} // namespace jinguo::storage
