// volunteer_list.hpp — the 志愿者 list read a page at a time.
//
// The list never loads every volunteer: it asks how many rows a query has
// (count), a page after a row it has (page, keyset on an index matching the
// sort) or a page at a position (seek, for a jump down the scrollbar). All of
// it reads person_list (migration 0020), the per-person row of sort keys,
// search keys and all-time totals the triggers keep current.
//
// The search is the list's rule (ui::volunteerMatches): a query of digits
// (and X) matches the tail of an ID number or phone; letters match any part
// of the name's pinyin or its initials; anything matches any part of the name
// or of the unit's name as the list shows it. Which way it is answered:
//   - digits, 3 or more: the reversed tails' indexes (a tail is a prefix);
//   - 1–2 digits: the sort's index walked in order, each row tested until
//     the page is full (tails are spread evenly over any order);
//   - 3 characters or more: the FTS5 trigram index person_search (plus the
//     people of matching units), the candidates sorted;
//   - 1–2 characters or digits, the whole list, no unit's name holding the
//     query (migration 0026): the gram's range of person_gram, in name order
//     (a keyset page); the count from person_gram_count. Another
//     sort walks its own index testing rows when the gram has ≥ 5,000
//     people, else sorts the gram's people;
//   - 1–2 characters within one unit: that unit's rows of person_list_unit
//     tested (1–2 digits: the walk above); matching a unit's name (社区):
//     one scan of person_list_search, as before 0026.
#pragma once

#include "core/model.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

class Storage;
class Database;

// The list's columns that sort, as the screen numbers them.
enum class VolunteerSort { Name, Gender, Unit, Hours, Records, Joined };

struct VolunteerListQuery {
    RowId unitId = 0;              // 0: every community; else exactly this unit (as the screen filters)
    std::string search;            // as typed (trimmed and folded here)
    VolunteerSort sort = VolunteerSort::Name;
    bool ascending = true;         // ties by id, in the same direction
    bool operator==(const VolunteerListQuery&) const = default;
};

// A row's place in its sort: the sort column's value and the person's id.
struct VolunteerListKey {
    std::string text;              // name/unit/gender/joined sorts
    double number = 0;             // hours/records sorts
    RowId id = 0;
};

struct VolunteerListRow {
    VolunteerRow row;              // unitName as stored; the screen adds （未关联） for unit_text
    VolunteerListKey key;
    double countedHours() const { return row.recordedHours + row.rosterHours; }
};

class VolunteerList {
public:
    explicit VolunteerList(Storage& storage);
    ~VolunteerList();

    std::int64_t count(const VolunteerListQuery& query);
    // The `limit` rows after `after` (from the first when nullptr).
    std::vector<VolunteerListRow> page(const VolunteerListQuery& query, const VolunteerListKey* after, int limit);
    // The `limit` rows from position `offset` (0-based).
    std::vector<VolunteerListRow> seek(const VolunteerListQuery& query, std::int64_t offset, int limit);
    // Every row in order, a page at a time (memory independent of the count).
    void forEach(const VolunteerListQuery& query, const std::function<void(const VolunteerListRow&)>& visit);

    // How the search was answered (benchmarks, tests): "all", "tails",
    // "fts", "walk", "scan", "gram", "gram-sorted", "units-sorted".
    std::string planName(const VolunteerListQuery& query);

    // Off: 1–2 character searches scan as before migration 0026 (the
    // reference the tests and the benchmark compare the grams with).
    void setShortSearchIndexed(bool on) { m_shortSearchIndexed = on; }
    // From how many matches of a gram another sort than the name's walks its
    // index (default 5,000; tests lower it to exercise the walk).
    void setGramWalkFrom(std::int64_t matches) { m_gramWalkFrom = matches; }

private:
    struct Plan;
    Plan plan(const VolunteerListQuery& query);
    bool useGram(const VolunteerListQuery& query) const;
    void planGram(Plan& p, const VolunteerListQuery& query, std::string gram);
    Storage& m_storage;
    bool m_shortSearchIndexed = true;
    std::int64_t m_gramWalkFrom = 5000;
};

// Fills person_list and person_search for every person when the ICU
// collator's version differs from the setting pinyin.collation_version (a
// new database, a database from before 0020, an ICU upgrade), in batches of
// `batch` people, each its own transaction; then stores the version. Called
// after the migrations; the benchmark generator calls it after writing rows
// with plain SQL. Returns the number of people filled (0 when up to date).
std::int64_t fillPersonSortKeys(Database& db, bool force = false, int batch = 50000);
// True when the stored keys were computed by this ICU collator (the setting
// fillPersonSortKeys keeps); false after an ICU upgrade or before the first fill.
bool sortKeysCollationCurrent(Database& db);
std::int64_t fillPersonSortKeys(Storage& storage, bool force = false);

} // namespace jinguo::storage
