// person_list_check.hpp — person_list (0020), person_search and the search
// grams (0026) against their definition: the view person_list_source, the
// keys core/pinyin computes, searchGrams, and Storage::volunteerRows. Shared
// by the tests of every path that writes them (triggers, set-based fills).
#pragma once

#include "core/pinyin.hpp"
#include "storage/sql_functions.hpp"
#include "storage/storage.hpp"
#include "storage/volunteer_list.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace jinguo::test {

using namespace jinguo::storage;

// Every person_list row equals its definition (the view) and the keys equal
// what core/pinyin computes in C++; the totals equal volunteerRows().
inline void checkPersonList(Storage& s) {
    Database& db = s.db();
    Statement count = db.prepare("SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM person_list),"
                                 " (SELECT count(*) FROM person_search)");
    REQUIRE(count.step());
    CHECK(count.columnInt(0) == count.columnInt(1));
    CHECK(count.columnInt(0) == count.columnInt(2));
    count.reset();
    // The volunteers' count kept by 0040's triggers against count(*).
    Statement volunteers = db.prepare(
        "SELECT (SELECT row_count FROM table_row_count WHERE table_name = 'person_list.volunteers'),"
        " (SELECT count(*) FROM person_list WHERE is_volunteer = 1)");
    REQUIRE(volunteers.step());
    CHECK(volunteers.columnInt(0) == volunteers.columnInt(1));
    volunteers.reset();
    // The stored rows against the view, column by column (REAL with a tolerance).
    Statement diff = db.prepare(R"(
        SELECT p.name FROM person_list_source v JOIN person_list l ON l.person_id = v.person_id
        JOIN person p ON p.id = v.person_id
        WHERE l.is_volunteer IS DISTINCT FROM v.is_volunteer OR l.unit_id IS DISTINCT FROM v.unit_id OR l.unit_text IS DISTINCT FROM v.unit_text
           OR l.name IS DISTINCT FROM v.name OR l.name_key IS DISTINCT FROM v.name_key OR l.unit_key IS DISTINCT FROM v.unit_key
           OR l.gender_key IS DISTINCT FROM v.gender_key OR l.joined_key IS DISTINCT FROM v.joined_key OR l.pinyin IS DISTINCT FROM v.pinyin
           OR l.initials IS DISTINCT FROM v.initials OR l.id_tail IS DISTINCT FROM v.id_tail OR l.phone_tail IS DISTINCT FROM v.phone_tail
           OR abs(l.dated_hours - v.dated_hours) > 1e-9 OR abs(l.counted_hours - v.counted_hours) > 1e-9
           OR l.records IS DISTINCT FROM v.records OR abs(l.unverified_hours - v.unverified_hours) > 1e-9)");
    while (diff.step()) FAIL_CHECK("person_list differs from its definition for " << diff.columnText(0));
    diff.reset();
    // Keys against C++, FTS against the row.
    PinyinIndex pinyin;
    // person_search's key: FTS5's rowid in a file, person_id on a server.
    Statement keys = db.prepare(std::string("SELECT l.person_id, l.name, l.name_key, l.pinyin, l.initials, s.name, s.pinyin,"
                                            " s.initials FROM person_list l LEFT JOIN person_search s ON s.")
                                + (db.isServer() ? "person_id" : "rowid") + " = l.person_id");
    while (keys.step()) {
        const std::string name = keys.columnText(1);
        const NameKeys k = pinyin.keysFor(name);
        CHECK(keys.columnText(2) == storedSortKey(db, name));
        CHECK(keys.columnText(3) == k.pinyin);
        CHECK(keys.columnText(4) == k.initials);
        CHECK(keys.columnText(5) == name);
        CHECK(keys.columnText(6) == k.pinyin);
        CHECK(keys.columnText(7) == k.initials);
    }
    keys.reset();
    // person_gram (0026) holds exactly each volunteer's grams, and
    // person_gram_count the number of volunteers under each.
    std::multiset<std::string> stored, expected;
    {
        Statement grams = db.prepare("SELECT gram || '|' || name_key || '|' || person_id FROM person_gram");
        while (grams.step()) stored.insert(grams.columnText(0));
        Statement rows = db.prepare("SELECT name, pinyin, initials, coalesce(id_tail, ''), coalesce(phone_tail, ''),"
                                    " name_key, person_id FROM person_list WHERE is_volunteer = 1");
        while (rows.step())
            for (const std::string& g : searchGrams(rows.columnText(0), rows.columnText(1), rows.columnText(2),
                                                    rows.columnText(3), rows.columnText(4)))
                expected.insert(g + "|" + rows.columnText(5) + "|" + std::to_string(rows.columnInt(6)));
    }
    CHECK(stored.size() == expected.size());
    CHECK(stored == expected);
    Statement counts = db.prepare(
        "SELECT count(*) FROM (SELECT gram, count(*) AS n FROM person_gram GROUP BY gram) g"
        " FULL JOIN (SELECT gram, volunteers FROM person_gram_count WHERE volunteers <> 0) c USING (gram)"
        " WHERE g.n IS DISTINCT FROM c.volunteers");
    REQUIRE(counts.step());
    CHECK(counts.columnInt(0) == 0);
    counts.reset();
    // The totals the list shows are volunteerRows' (the old path's) figures.
    VolunteerList list(s);
    std::map<RowId, VolunteerRow> shown;
    list.forEach({}, [&](const VolunteerListRow& r) { shown[r.row.id] = r.row; });
    const std::vector<VolunteerRow> all = s.volunteerRows();
    CHECK(shown.size() == all.size());
    for (const VolunteerRow& r : all) {
        const auto it = shown.find(r.id);
        REQUIRE(it != shown.end());
        CHECK(it->second.recordedHours == doctest::Approx(r.recordedHours));
        CHECK(it->second.rosterHours == doctest::Approx(r.rosterHours));
        CHECK(it->second.records == r.records);
        CHECK(it->second.unverifiedHours == doctest::Approx(r.unverifiedHours));
        CHECK(it->second.name == r.name);
        CHECK(it->second.unitName == r.unitName);
        CHECK(it->second.unitText == r.unitText);
        const PersonHours h = s.personHours(r.id);
        CHECK(it->second.recordedHours + it->second.rosterHours == doctest::Approx(h.counted()));
    }
}

} // namespace jinguo::test
