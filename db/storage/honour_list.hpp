// honour_list.hpp — the 荣誉 list read a page at a time (issue 17). The
// screen never holds every title: it asks for the counts of what its filter
// and search let through, and for pages by keyset on honour_list's index for
// the sort (migration 0025; ties by award id in the sort's direction, so one
// index serves both directions). A far jump seeks by OFFSET. It all runs on
// a worker's connection (ui::Task), never on the frame loop.
//
// What passes is the old in-memory rule in SQL: the award's unit within the
// filter unit's subtree; title, level, year and status equal; and the search
// of record_list.hpp (a query of digits/X: the end of the holder's ID number
// or phone; letters: the holder's pinyin or initials; any query: a part of
// the holder's name, the title, the unit's name or the 文号, ASCII case folded).
#pragma once

#include "core/model.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

// The list's columns, in the screen's order: 年度 称号 级别 获得者 类型 单位 状态 文号.
enum class HonourSort { Year = 0, Title = 1, Level = 2, Holder = 3, HolderKind = 4, Unit = 5, Status = 6, Doc = 7 };
inline constexpr int kHonourSortCount = 8;

struct HonourQuery {
    RowId unitId = 0;              // 0: all; else the unit and everything below it
    std::string title;             // "" = any
    std::string level;
    int year = 0;
    std::string status;
    std::string search;            // as typed
    HonourSort sort = HonourSort::Year;
    bool ascending = false;        // newest year first
    bool plain() const;            // no filter and no search: every title
    bool operator==(const HonourQuery&) const = default;
};

// A position in the list: the sort value and id of a row (the last one read).
struct HonourListKey {
    std::string text;              // the text sorts' key (pinyin key, status, 文号)
    std::int64_t number = 0;       // year, level rank, 0/1 collective
    RowId id = 0;
    bool operator==(const HonourListKey&) const = default;
};

struct HonourListRow {
    HonourRow row;
    HonourListKey key;
};

struct HonourCounts {
    std::int64_t all = 0;          // every person's and collective's title
    std::int64_t shown = 0;        // passing filter and search
    std::int64_t people = 0;       // of the shown: a person's …
    std::int64_t collectives = 0;  // … or a collective's
};

HonourCounts honourCounts(Storage& storage, const HonourQuery& query);
// Up to `limit` rows after `after` (from the first without), in the query's order.
std::vector<HonourListRow> honourPage(Storage& storage, const HonourQuery& query,
                                      const std::optional<HonourListKey>& after, int limit);
// Up to `limit` rows from position `offset` (a far jump).
std::vector<HonourListRow> honourPageAt(Storage& storage, const HonourQuery& query, std::int64_t offset, int limit);

// The filter's choices from SQL: names of the titles some person or
// collective holds plus the active person and collective titles of the
// catalogue, pinyin order; the catalogue's of each kind (the form's picker);
// the years of stored titles, newest first.
struct HonourFilterChoices {
    std::vector<std::string> titles;
    std::vector<std::string> personTitles;
    std::vector<std::string> collectiveTitles;
    std::vector<int> years;
};
HonourFilterChoices honourFilterChoices(Storage& storage);

// Rebuilds honour_list from its definition (the view honour_list_source), in
// batches: after an ICU upgrade (another collator may order differently).
// openAndMigrate calls it when the collator's version changed. Returns rows.
std::int64_t fillHonourList(Database& db);

} // namespace jinguo::storage
