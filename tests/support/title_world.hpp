// title_world.hpp — a generated district with random family title
// histories, shared by the tests that hold a summary of titles to its
// definition (storage_title_spans_test, storage_unit_counts_test).
#pragma once

#include <doctest/doctest.h>

#include "storage/storage.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"

#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace jinguo::test {

using storage::Statement;
using storage::Storage;

// A district (3 communities) with `families` households and random family
// titles: any catalogue family title, years 2021–2026, every status, a 命名
// event (or none: the title then counts from YYYY-12-31), 复核 events before
// and after it, some titles in several ranges. Half the family titles expire
// (1–3 years), the grace is 6 months.
struct TitleWorld {
    TempDbPath path;
    Storage s{path.str()};
    District d;
    std::vector<RowId> titles;
    std::mt19937 rng{20261206};
    std::set<std::tuple<RowId, int, RowId>> taken;

    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
    std::string day(int year) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, pick(1, 12), pick(1, 28) + (pick(0, 9) == 0 ? 3 : 0));
        return buf;   // some 29–31 days: the month-end clamping of the lapse
    }

    explicit TitleWorld(int families) {
        d = buildTwoStreets(s, 100, 300, 200);
        {
            Statement st = s.db().prepare("SELECT id FROM award_title WHERE subject_kind = 'family' ORDER BY id");
            while (st.step()) titles.push_back(st.columnInt(0));
        }
        REQUIRE(titles.size() >= 4);
        s.db().exec("UPDATE award_title SET valid_years = 1 + id % 3 WHERE subject_kind = 'family' AND id % 2 = 0");
        s.db().exec("UPDATE award_title SET valid_years = 2 WHERE subject_kind = 'family' AND name = '平安家庭' AND level = '社区'");
        s.db().exec("BEGIN");
        for (int f = 0; f < families; ++f) {
            Family fam;
            fam.headName = "户主" + std::to_string(f);
            fam.address = "地址" + std::to_string(f);
            fam.unitId = d.community(static_cast<std::size_t>(f % 3));
            const RowId family = s.insertFamily(fam);
            for (int k = pick(0, 3); k-- > 0;) addAward(family, fam.unitId);
        }
        s.db().exec("COMMIT");
    }

    RowId addAward(RowId family, RowId unit) {
        static const char* kStatuses[] = {"命名", "命名", "命名", "复核", "复核", "撤销", "申报", "考核验收"};
        Award a;
        do {   // one award per title, year and family (the schema's UNIQUE)
            a.titleId = titles[static_cast<std::size_t>(pick(0, static_cast<int>(titles.size()) - 1))];
            a.year = pick(2021, 2026);
        } while (!taken.insert({a.titleId, a.year, family}).second);
        a.familyId = family;
        a.unitId = pick(0, 15) == 0 ? 0 : unit;
        a.status = kStatuses[pick(0, 7)];
        const RowId id = s.insertAward(a);
        auto event = [&](const char* status, const std::string& on) {
            AwardEvent e;
            e.awardId = id;
            e.status = status;
            e.happenedOn = on;
            s.insertAwardEvent(e);
        };
        if (pick(0, 5) != 0) event("命名", day(a.year));
        if (pick(0, 6) == 0) event("命名", day(a.year));   // named twice: the latest counts
        for (int r = pick(0, 3); r-- > 0;) event("复核", day(a.year + pick(-1, 4)));
        return id;
    }
};

} // namespace jinguo::test
