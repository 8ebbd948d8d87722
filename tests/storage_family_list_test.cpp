// storage_family_list_test.cpp — the 家庭 list read a page at a time
// (storage/family_list.hpp) gives what the old in-memory list gave: the same
// count, the same rows in the same order for every sort, filter, standing
// and search, page after page by keyset and by a far OFFSET jump. The
// brute force below is the old rule in C++ over every row; the data is a
// few thousand generated households. Also: the stored sort keys are filled
// for old rows and kept on every write path, and family_title_count (a
// summary kept by triggers) equals its definition after every kind of write.
#include <doctest/doctest.h>

#include "core/org_tree.hpp"
#include "core/pinyin.hpp"
#include "core/text.hpp"
#include "storage/family_list.hpp"
#include "storage/import_store.hpp"
#include "storage/migrations.hpp"
#include "storage/record_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/sql_functions.hpp"
#include "storage/storage.hpp"
#include "storage/title_standings.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

constexpr const char* kToday = "2026-11-29";

struct World {
    test::TempDbPath path;
    Storage s{path.str()};
    RowId district = 0, streets[2] = {}, communities[4] = {};

    World() {
        district = s.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        streets[0] = s.insertUnit({0, district, "滨江街道", UnitKind::Street, 0, 1});
        streets[1] = s.insertUnit({0, district, "文昌街道", UnitKind::Street, 0, 2});
        const char* names[] = {"望江社区", "阿里社区", "书院社区", "新村社区"};
        for (int i = 0; i < 4; ++i)
            communities[i] = s.insertUnit({0, streets[i / 2], names[i], UnitKind::Community, 1000, 0});
    }

    // `n` households with titles, deterministic; a few without a unit (some
    // with the community text an import kept), a few inserted without sort
    // keys (as an older file holds them) and then filled.
    void generate(int n) {
        std::mt19937 rng(20261129);
        auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
        const char* surnames[] = {"张", "王", "李", "赵", "单", "曾", "阿", "欧阳", "钱", "孙", "周", "吴"};
        const char* given[] = {"芳", "丽", "淼", "建国", "秀英", "娜", "三", "田芳", "堃", "红"};
        const char* streetsText[] = {"望江路", "书院路", "滨江路", "幸福路"};
        const char* titles[] = {"平安家庭", "最美家庭", "文明家庭"};
        const char* levels[] = {"社区", "街道", "区"};
        const char* statuses[] = {"申报", "命名", "命名", "复核", "撤销"};
        std::set<std::string> identities;
        s.setAuditEnabled(false);
        Transaction tx(s.db());
        for (int i = 0; i < n; ++i) {
            Family f;
            f.headName = std::string(surnames[pick(12)]) + given[pick(10)];
            f.address = std::string(streetsText[pick(4)]) + std::to_string(1 + pick(60)) + "号";
            f.members = 1 + pick(6);
            const int where = pick(20);
            f.unitId = where < 18 ? communities[where % 4] : 0;
            // One household per head, address and unit (family_identity).
            if (!identities.insert(f.headName + "|" + f.address + "|" + std::to_string(f.unitId)).second)
                f.address += "-" + std::to_string(i);
            RowId id = 0;
            if (i % 97 == 5) {
                // As an older file (or an import without a unit) holds it.
                Statement st = s.db().prepareInsert("INSERT INTO family (head_name, address, members, unit_id, unit_text)"
                                                    " VALUES (?, ?, ?, ?, ?)");
                st.bind(1, f.headName).bind(2, f.address).bind(3, f.members).bindIdOrNull(4, f.unitId)
                    .bindTextOrNull(5, f.unitId == 0 ? "向阳社区" : "");
                id = st.runInsert();   // RETURNING id (a server's lastval() is whatever a trigger drew last)
            } else {
                id = s.insertFamily(f);
            }
            const int awards = pick(4);
            std::set<std::pair<RowId, int>> taken;
            for (int a = 0; a < awards; ++a) {
                Award award;
                award.titleId = s.awardTitleId(titles[pick(3)], "family", levels[pick(3)]);
                award.year = 2021 + pick(6);
                if (!taken.insert({award.titleId, award.year}).second) continue;
                award.familyId = id;
                award.unitId = f.unitId;
                award.status = statuses[pick(5)];
                const RowId awardId = s.insertAward(award);
                if (award.status != "申报") {
                    AwardEvent e;
                    e.awardId = awardId;
                    e.status = "命名";
                    e.happenedOn = std::to_string(award.year) + "-0" + std::to_string(1 + pick(9)) + "-15";
                    s.insertAwardEvent(e);
                    if (award.status != "命名") {
                        e.status = award.status;
                        e.happenedOn = std::to_string(award.year + 1 + pick(2)) + "-06-30";
                        if (e.happenedOn > kToday) e.happenedOn = kToday;
                        s.insertAwardEvent(e);
                    }
                }
            }
        }
        tx.commit();
        s.setAuditEnabled(true);
        // 平安家庭 lives 3 years (+ 6 months' grace): some are 待复核, some 已过期.
        SettingsStore settings(s);
        for (const char* level : levels) settings.setTitleValidity(s.awardTitleId("平安家庭", "family", level), 3);
    }
};

// ------------------------------------------------------------ the old rule, in C++

struct Brute {
    FamilyList list;
    std::unordered_map<RowId, TitleStandingDetail> standings;
    std::vector<NameKeys> keys;
    std::vector<std::string> unitKeys;   // sort key of the unit's name ("" none)
    std::map<RowId, int> unitRank;
    OrgTree tree;
    PinyinIndex pinyin;

    explicit Brute(Storage& s) {
        list = RecordStore(s).familyList();
        standings = familyTitleStandings(s, kToday);
        const auto units = s.units();
        tree = OrgTree(units);
        std::vector<std::pair<std::string, RowId>> ordered;
        for (const OrgUnit& u : units) ordered.push_back({sortKeyText(pinyin, u.name), u.id});
        std::sort(ordered.begin(), ordered.end());
        unitRank[0] = 0;
        for (std::size_t i = 0; i < ordered.size(); ++i) unitRank[ordered[i].second] = static_cast<int>(i) + 1;
        for (const FamilyRow& r : list.rows) keys.push_back(pinyin.keysFor(r.headName));
    }
    TitleStanding standing(RowId award) const {
        const auto it = standings.find(award);
        return it == standings.end() ? TitleStanding::NotNamed : it->second.standing;
    }
    bool awardPasses(const FamilyAward& a, const FamilyQuery& q) const {
        return (q.title.empty() || a.title == q.title) && (q.level.empty() || a.level == q.level) &&
               (q.year == 0 || a.year == q.year) && (q.status.empty() || a.status == q.status) &&
               (q.standing.empty() || q.standing == standingWord(standing(a.awardId)));
    }
    // The rows that pass, in the query's order, and the titles counted.
    std::vector<RowId> rows(const FamilyQuery& q, std::int64_t* titles = nullptr) const {
        const std::string folded = trim(foldFullWidth(q.search));
        const bool letters = isPinyinQuery(folded);
        std::vector<std::size_t> shown;
        std::int64_t counted = 0;
        for (std::size_t i = 0; i < list.rows.size(); ++i) {
            const FamilyRow& r = list.rows[i];
            if (q.unitId != 0 && (r.unitId == 0 || !tree.within(r.unitId, q.unitId))) continue;
            int passing = 0;
            bool titleMatch = false;
            for (int a = r.firstAward; a < r.firstAward + r.awardCount; ++a) {
                const FamilyAward& award = list.awards[static_cast<std::size_t>(a)];
                passing += awardPasses(award, q);
                titleMatch = titleMatch ||
                             containsFolded(std::to_string(award.year) + award.level + "级" + award.title, folded);
            }
            if (q.filtersAwards() && passing == 0) continue;
            const std::string unit = r.unitId != 0 ? r.unitName : r.unitText;
            if (!folded.empty() && !(letters && matchesPinyin(keys[i], folded)) &&
                !containsFolded(r.headName, folded) && !containsFolded(r.address, folded) &&
                !containsFolded(unit, folded) && !titleMatch)
                continue;
            shown.push_back(i);
            counted += passing + (q.filtersAwards() ? 0 : 0);
        }
        if (titles) *titles = counted;
        auto cmp = [&](std::size_t a, std::size_t b) -> int {
            const FamilyRow& x = list.rows[a];
            const FamilyRow& y = list.rows[b];
            switch (q.sort) {
            case FamilySort::Head: return keys[a].collation < keys[b].collation ? -1 : keys[b].collation < keys[a].collation;
            case FamilySort::Address: return x.address.compare(y.address) < 0 ? -1 : x.address.compare(y.address) > 0;
            case FamilySort::Members: return x.members - y.members;
            case FamilySort::Unit: return unitRank.at(x.unitId) - unitRank.at(y.unitId);
            case FamilySort::Titles: return x.awardCount - y.awardCount;
            }
            return 0;
        };
        std::sort(shown.begin(), shown.end(), [&](std::size_t a, std::size_t b) {
            const int c = cmp(a, b);
            if (c != 0) return q.ascending ? c < 0 : c > 0;
            return q.ascending ? list.rows[a].id < list.rows[b].id : list.rows[a].id > list.rows[b].id;
        });
        std::vector<RowId> out;
        for (std::size_t i : shown) out.push_back(list.rows[i].id);
        return out;
    }
};

std::vector<RowId> idsOf(const std::vector<FamilyListRow>& rows) {
    std::vector<RowId> out;
    for (const FamilyListRow& r : rows) out.push_back(r.row.id);
    return out;
}

// Every row of the query, a page of `limit` after another by keyset.
std::vector<RowId> walk(Storage& s, const FamilyQuery& q, int limit) {
    std::vector<RowId> out;
    std::optional<FamilyListKey> after;
    for (;;) {
        const auto page = familyPage(s, q, after, limit);
        for (const FamilyListRow& r : page) out.push_back(r.row.id);
        if (static_cast<int>(page.size()) < limit) return out;
        after = page.back().key;
    }
}

// A household's grams as a FROM item `alias` with column value: the JSON
// array jinguo_family_grams gives in a file, the set it returns on a server.
std::string familyGramsOf(Storage& s, const std::string& arguments, const std::string& alias) {
    return s.db().isServer() ? "jinguo_family_grams(" + arguments + ") AS " + alias + "(value)"
                             : "json_each(jinguo_family_grams(" + arguments + ")) " + alias;
}

std::int64_t titleCountsDiffer(Storage& s) {
    Statement st = s.db().prepare(
        "SELECT count(*) FROM family f LEFT JOIN family_title_count c ON c.family_id = f.id"
        " WHERE c.titles IS DISTINCT FROM (SELECT count(*) FROM award a WHERE a.family_id = f.id)");
    REQUIRE(st.step());
    Statement extra = s.db().prepare(
        "SELECT count(*) FROM family_title_count c WHERE NOT EXISTS (SELECT 1 FROM family f WHERE f.id = c.family_id)");
    REQUIRE(extra.step());
    return st.columnInt(0) + extra.columnInt(0);
}

// Households whose family_search row (0026) differs from the family row, plus
// index rows of households that no longer exist.
std::int64_t searchIndexDiffers(Storage& s) {
    const std::string key = s.db().isServer() ? "x.family_id" : "x.rowid";   // FTS5's rowid in a file
    Statement st = s.db().prepare(
        "SELECT (SELECT count(*) FROM family f LEFT JOIN family_search x ON " + key + " = f.id"
        "   WHERE x.head_name IS DISTINCT FROM f.head_name OR x.head_spell IS DISTINCT FROM f.head_spell"
        "   OR x.address IS DISTINCT FROM f.address)"
        " + (SELECT count(*) FROM family_search x WHERE NOT EXISTS (SELECT 1 FROM family f WHERE f.id = " + key + "))");
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Rows of family_gram (0035, grams of 0040) that differ from its definition, both ways.
std::int64_t gramIndexDiffers(Storage& s) {
    Statement st = s.db().prepare(
        "WITH wanted(gram, sort_key, family_id) AS ("
        "   SELECT j.value, f.sort_key, f.id FROM family f, " + familyGramsOf(s, "f.head_name, f.address, f.head_spell", "j") + ")"
        " SELECT (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM family_gram) AS d)"
        "      + (SELECT count(*) FROM (SELECT * FROM family_gram EXCEPT SELECT * FROM wanted) AS d)");
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Rows of family_gram_count (0042) that differ from its definition over the
// base tables (every household's grams of 0040; its titles counted on award;
// row '': every household), both ways. A kept row at 0 households and 0 titles equals no row.
std::int64_t gramCountsDiffer(Storage& s) {
    Statement st = s.db().prepare(
        "WITH wanted(gram, households, titles) AS ("
        "   SELECT j.value, count(*), sum((SELECT count(*) FROM award a WHERE a.family_id = f.id))"
        "   FROM family f, " + familyGramsOf(s, "f.head_name, f.address, f.head_spell", "j") + " GROUP BY j.value"
        "   UNION ALL SELECT '', count(*), (SELECT count(*) FROM award a JOIN family f ON f.id = a.family_id) FROM family),"
        " kept AS (SELECT gram, households, titles FROM family_gram_count WHERE households <> 0 OR titles <> 0)"
        " SELECT (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM kept) AS d)"
        "      + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM wanted) AS d)");
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Rows of family_title_gram_count (0044) that differ from its definition over
// the base tables, both ways: per gram of a title's text (year, level, 级,
// name), the households whose titles' texts hold it and whose own grams
// (head, address, pinyin) do not, with their titles counted on award. A
// kept row at 0 households and 0 titles equals no row.
std::int64_t titleGramCountsDiffer(Storage& s) {
    Statement st = s.db().prepare(
        "WITH held(family_id, gram) AS ("
        "   SELECT a.family_id, j.value FROM award a JOIN award_title t ON t.id = a.title_id,"
        "     " + familyGramsOf(s, "a.year || t.level || '级' || t.name, '', ''", "j") + " WHERE a.family_id IS NOT NULL"
        "   EXCEPT SELECT f.id, j.value FROM family f, " + familyGramsOf(s, "f.head_name, f.address, f.head_spell", "j") + "),"
        " wanted(gram, households, titles) AS ("
        "   SELECT gram, count(*), sum((SELECT count(*) FROM award a WHERE a.family_id = held.family_id)) FROM held GROUP BY gram),"
        " kept AS (SELECT gram, households, titles FROM family_title_gram_count WHERE households <> 0 OR titles <> 0)"
        " SELECT (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM kept) AS d)"
        "      + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM wanted) AS d)");
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Rows of family_title_set_count (0044) that differ from its definition,
// both ways: households grouped by their titles' distinct texts (sorted,
// joined by char(31)), with their titles counted on award.
std::int64_t titleSetCountsDiffer(Storage& s) {
    // The texts joined in order: SQLite's group_concat follows the sorted subquery.
    const std::string joined = s.db().isServer() ? "string_agg(x, chr(31) ORDER BY x)" : "group_concat(x, char(31))";
    Statement st = s.db().prepare(
        "WITH per(family_id, texts, n) AS ("
        "   SELECT family_id, coalesce(" + joined + ", ''), (SELECT count(*) FROM award n WHERE n.family_id = d.family_id)"
        "   FROM (SELECT DISTINCT a.family_id, lower(a.year || t.level || '级' || t.name) AS x FROM award a"
        "         JOIN award_title t ON t.id = a.title_id WHERE a.family_id IS NOT NULL ORDER BY 1, 2) d GROUP BY family_id),"
        " wanted(texts, households, titles) AS (SELECT texts, count(*), sum(n) FROM per GROUP BY texts),"
        " kept AS (SELECT texts, households, titles FROM family_title_set_count WHERE households <> 0 OR titles <> 0)"
        " SELECT (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM kept) AS d)"
        "      + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM wanted) AS d)");
    REQUIRE(st.step());
    return st.columnInt(0);
}

} // namespace

TEST_CASE("the 家庭 list by pages equals the old list in memory: every sort, filter, standing and search") {
    World w;
    w.generate(2000);
    // The opening fills what an older file left without keys.
    CHECK(familySortKeysMissing(w.s));
    CHECK(fillFamilySortKeys(w.s) > 0);
    CHECK_FALSE(familySortKeysMissing(w.s));
    const Brute brute(w.s);
    REQUIRE(brute.list.rows.size() == 2000);

    std::vector<FamilyQuery> queries;
    FamilyQuery base;
    base.today = kToday;
    for (int sort = 0; sort < 5; ++sort)
        for (bool ascending : {true, false}) {
            FamilyQuery q = base;
            q.sort = static_cast<FamilySort>(sort);
            q.ascending = ascending;
            queries.push_back(q);
        }
    auto with = [&](auto change, FamilySort sort = FamilySort::Head, bool ascending = true) {
        FamilyQuery q = base;
        q.sort = sort;
        q.ascending = ascending;
        change(q);
        queries.push_back(q);
    };
    with([&](FamilyQuery& q) { q.unitId = w.streets[0]; });
    with([&](FamilyQuery& q) { q.unitId = w.communities[2]; }, FamilySort::Unit, false);
    with([&](FamilyQuery& q) { q.unitId = w.district; }, FamilySort::Members);
    with([&](FamilyQuery& q) { q.title = "平安家庭"; });
    with([&](FamilyQuery& q) { q.title = "最美家庭"; q.level = "区"; }, FamilySort::Titles, false);
    with([&](FamilyQuery& q) { q.year = 2024; q.status = "命名"; }, FamilySort::Address);
    with([&](FamilyQuery& q) { q.status = "撤销"; }, FamilySort::Unit);
    with([&](FamilyQuery& q) { q.standing = "待复核"; });
    with([&](FamilyQuery& q) { q.standing = "已过期"; }, FamilySort::Unit);
    with([&](FamilyQuery& q) { q.standing = "已过期"; q.unitId = w.streets[1]; }, FamilySort::Members, false);
    with([&](FamilyQuery& q) { q.search = "zhang"; });
    with([&](FamilyQuery& q) { q.search = "ZF"; }, FamilySort::Titles);
    with([&](FamilyQuery& q) { q.search = "shantian"; });
    with([&](FamilyQuery& q) { q.search = "芳"; }, FamilySort::Address, false);
    with([&](FamilyQuery& q) { q.search = "３号"; });                  // full-width digit, part of an address
    with([&](FamilyQuery& q) { q.search = "书院社区"; }, FamilySort::Unit);
    with([&](FamilyQuery& q) { q.search = "向阳"; });                 // the community text of an unlinked household
    with([&](FamilyQuery& q) { q.search = "2025区级最美"; });          // a title as the list writes it
    with([&](FamilyQuery& q) { q.search = "li"; q.title = "平安家庭"; q.standing = "待复核"; });
    with([&](FamilyQuery& q) { q.search = "没有这个人"; });
    // Searches of 3+ characters answered from family_search (0026), every sort.
    with([&](FamilyQuery& q) { q.search = "ZHANG"; }, FamilySort::Members, false);
    with([&](FamilyQuery& q) { q.search = "ang"; }, FamilySort::Titles);
    with([&](FamilyQuery& q) { q.search = "ang"; q.unitId = w.streets[0]; }, FamilySort::Address);
    with([&](FamilyQuery& q) { q.search = "zhangsan zs"; });        // a space: not pinyin-shaped, head_spell not searched
    with([&](FamilyQuery& q) { q.search = "书院路"; }, FamilySort::Head, false);
    with([&](FamilyQuery& q) { q.search = "单元"; });

    int nonEmpty = 0;
    for (const FamilyQuery& q : queries) {
        CAPTURE(static_cast<int>(q.sort));
        CAPTURE(q.ascending);
        CAPTURE(q.search);
        CAPTURE(q.title);
        CAPTURE(q.standing);
        CAPTURE(q.unitId);
        std::int64_t titles = 0;
        const std::vector<RowId> expected = brute.rows(q, &titles);
        nonEmpty += !expected.empty();
        const FamilyCounts counts = familyCounts(w.s, q);
        CHECK(counts.households == 2000);
        CHECK(counts.shown == static_cast<std::int64_t>(expected.size()));
        CHECK(counts.shownTitles == titles);
        // Keyset pages of 64, then one page of everything.
        CHECK(walk(w.s, q, 64) == expected);
        // A far jump lands where the walk would have been.
        for (std::int64_t offset : {std::int64_t(1), std::int64_t(137), std::int64_t(expected.size() / 2),
                                    std::int64_t(expected.size()) - 3}) {
            if (offset < 0) continue;
            const auto page = familyPageAt(w.s, q, offset, 40);
            const auto from = expected.begin() + std::min<std::int64_t>(offset, std::int64_t(expected.size()));
            const std::vector<RowId> want(from, from + std::min<std::ptrdiff_t>(40, expected.end() - from));
            CHECK(idsOf(page) == want);
        }
    }
    // The nobody, spaced and 单元 searches are empty (no generated address has a 单元).
    CHECK(nonEmpty >= static_cast<int>(queries.size()) - 3);
    CHECK(searchIndexDiffers(w.s) == 0);

    // A page carries each household's titles with where they stand today.
    FamilyQuery due = base;
    due.standing = "待复核";
    const auto page = familyPage(w.s, due, std::nullopt, 20);
    REQUIRE_FALSE(page.empty());
    for (const FamilyListRow& r : page) {
        REQUIRE(r.awards.size() == r.standings.size());
        CHECK(std::count(r.standings.begin(), r.standings.end(), TitleStanding::DueForReview) >= 1);
        CHECK(r.row.awardCount == static_cast<int>(r.awards.size()));
    }
}

TEST_CASE("a short search many households match walks the sort's index: a page without a scan of every household") {
    World w;
    w.generate(20000);
    fillFamilySortKeys(w.s);
    FamilyQuery q;
    q.today = kToday;
    q.search = "张";   // one surname in twelve: dense, and spread in the order of addresses
    q.sort = FamilySort::Address;
    const Brute brute(w.s);
    const std::vector<RowId> expected = brute.rows(q, nullptr);
    REQUIRE(expected.size() > 1000);
    // What a first page costs without a search (its rows' titles and standings) …
    FamilyQuery plain;
    plain.today = kToday;
    plain.sort = FamilySort::Address;
    w.s.db().meterWork();
    familyPage(w.s, plain, std::nullopt, 64);
    const std::uint64_t plainWork = w.s.db().workDone();
    // … what the search adds to it, against one pass of the rule over every household.
    w.s.db().meterWork();
    const std::vector<FamilyListRow> page = familyPage(w.s, q, std::nullopt, 64);
    const std::uint64_t pageWork = w.s.db().workDone();
    FamilyQuery scanned = q;   // the reference: the rule over every household
    scanned.searchIndexed = false;
    w.s.db().meterWork();
    CHECK(familyCounts(w.s, scanned).shown == static_cast<std::int64_t>(expected.size()));
    const std::uint64_t scanWork = w.s.db().workDone();
    CHECK_MESSAGE(pageWork < plainWork + scanWork / 4,
                  "page " << pageWork << " (without search " << plainWork << "), scan " << scanWork);
    CHECK(idsOf(page) == std::vector<RowId>(expected.begin(), expected.begin() + 64));
    // Every page after it continues the walk, to the end.
    CHECK(walk(w.s, q, 64) == expected);
    // Two characters, still dense (a surname and a given name: 1 in 120).
    FamilyQuery pair = q;
    pair.search = "曾淼";
    CHECK(walk(w.s, pair, 64) == brute.rows(pair, nullptr));
    // What nothing matches scans once (a walk would read every household at random).
    FamilyQuery none = q;
    none.search = "犇";
    CHECK(brute.rows(none, nullptr).empty());
    CHECK(familyPage(w.s, none, std::nullopt, 64).empty());
}

TEST_CASE("1–2 characters come from family_gram (0035): the old list page by page, every sort; kept on every write") {
    World w;
    w.generate(3000);
    fillFamilySortKeys(w.s);
    CHECK(gramIndexDiffers(w.s) == 0);   // the keys filled after the insert moved the grams with them
    FamilyQuery base;
    base.today = kToday;
    // Surnames (together in the head's order), given names, addresses, both,
    // a unit's name (望江社区 holds 江, 望江), an unlinked household's unit
    // text (向阳), a title's text (平安: the scan), nothing (犇).
    // ASCII and mixed (0040): pinyin of heads (zh, Zh, z), digits of addresses
    // (1, 12, ３ full-width), a digit and a character (3号, 路1), letters no
    // head's pinyin holds (qx), a sign no text holds (#), 2026 is a title's year (the scan).
    const char* searches[] = {"张", "芳", "欧阳", "阳", "路", "号", "江", "望江", "向阳", "平安", "田芳", "堃", "单", "犇",
                              "zh", "Zh", "z", "ou", "1", "12", "３", "3号", "路1", "qx", "#", "20"};
    auto check = [&](const Brute& brute, const FamilyQuery& q) {
        CAPTURE(static_cast<int>(q.sort));
        CAPTURE(q.ascending);
        CAPTURE(q.search);
        CAPTURE(q.unitId);
        CAPTURE(q.title);
        std::int64_t titles = 0;
        const std::vector<RowId> expected = brute.rows(q, &titles);
        const FamilyCounts counts = familyCounts(w.s, q);
        CHECK(counts.shown == static_cast<std::int64_t>(expected.size()));
        CHECK(counts.shownTitles == titles);
        CHECK(walk(w.s, q, 37) == expected);
        for (std::int64_t offset : {std::int64_t(5), std::int64_t(expected.size() / 2)}) {
            const auto page = familyPageAt(w.s, q, offset, 30);
            const auto from = expected.begin() + std::min<std::int64_t>(offset, std::int64_t(expected.size()));
            CHECK(idsOf(page) == std::vector<RowId>(from, from + std::min<std::ptrdiff_t>(30, expected.end() - from)));
        }
        return expected.size();
    };
    {
        const Brute brute(w.s);
        std::size_t found = 0;
        for (const char* search : searches)
            for (int sort = 0; sort < 5; ++sort)
                for (bool ascending : {true, false}) {
                    FamilyQuery q = base;
                    q.search = search;
                    q.sort = static_cast<FamilySort>(sort);
                    q.ascending = ascending;
                    found += check(brute, q);
                }
        CHECK(found > 10000);
        // With a unit and a title filter.
        FamilyQuery q = base;
        q.search = "张";
        q.unitId = w.streets[0];
        check(brute, q);
        q.unitId = 0;
        q.title = "平安家庭";
        q.standing = "待复核";
        check(brute, q);
    }
    // Every write moves the grams: a rename, a new address, a deletion, an insertion, undo.
    RecordStore records(w.s);
    Family renamed = *records.family(1);
    renamed.headName = "犇犇";
    renamed.address = "幸福路堃园1号";
    records.updateFamily(renamed);
    records.addFamily({0, "欧阳犇", "望江路99号", 2, w.communities[1], ""});
    w.s.db().exec("DELETE FROM family WHERE id IN (2, 3, 4)");
    CHECK(gramIndexDiffers(w.s) == 0);
    {
        const Brute brute(w.s);
        for (const char* search : {"犇", "堃", "张", "欧阳", "99", "b", "9号"}) {
            FamilyQuery q = base;
            q.search = search;
            CHECK(check(brute, q) > 0);
        }
    }
    UndoStore(w.s).undoLast();   // the insertion
    UndoStore(w.s).undoLast();   // the rename
    CHECK(gramIndexDiffers(w.s) == 0);
}

TEST_CASE("张, zh and 3号 in the head's order read a range of family_gram: the page and the count without a scan") {
    World w;
    w.generate(20000);
    fillFamilySortKeys(w.s);
    // 张: one surname in twelve, together near the end of the head's order;
    // zh (0040): pinyin of several surnames; 3号: a digit and a character of
    // many addresses (a digit alone is in the titles' years: the scan answers it).
    const Brute brute(w.s);
    for (const char* search : {"张", "zh", "3号"}) {
        CAPTURE(search);
        FamilyQuery q;
        q.today = kToday;
        q.search = search;
        const std::vector<RowId> expected = brute.rows(q, nullptr);
        REQUIRE(expected.size() > 1000);
        FamilyQuery plain;
        plain.today = kToday;
        w.s.db().meterWork();
        familyPage(w.s, plain, std::nullopt, 64);
        const std::uint64_t plainWork = w.s.db().workDone();
        w.s.db().meterWork();
        const std::vector<FamilyListRow> page = familyPage(w.s, q, std::nullopt, 64);
        const std::uint64_t pageWork = w.s.db().workDone();
        w.s.db().meterWork();
        CHECK(familyCounts(w.s, q).shown == static_cast<std::int64_t>(expected.size()));
        const std::uint64_t countWork = w.s.db().workDone();
        // The old way, for scale: the rule over every household (the reference scan).
        FamilyQuery scanned = q;
        scanned.searchIndexed = false;
        w.s.db().meterWork();
        CHECK(familyCounts(w.s, scanned).shown == static_cast<std::int64_t>(expected.size()));
        const std::uint64_t scanWork = w.s.db().workDone();
        CHECK_MESSAGE(pageWork < plainWork + scanWork / 10,
                      "page " << pageWork << " (without search " << plainWork << "), scan " << scanWork);
        // The count reads the gram's range: bounded for a surname; common
        // pinyin (zh) or 3号 match a larger share, and their count costs in
        // proportion (not a bound, so not checked).
        if (std::string(search) == "张")
            CHECK_MESSAGE(countWork < scanWork / 4, "count " << countWork << ", scan " << scanWork);
        CHECK(idsOf(page) == std::vector<RowId>(expected.begin(), expected.begin() + 64));
    }
}

TEST_CASE("the 家庭 filter's choices come from SQL: titles used or in the catalogue, years used") {
    World w;
    w.generate(400);
    const FamilyFilterChoices choices = familyFilterChoices(w.s);
    const FamilyList list = RecordStore(w.s).familyList();
    std::set<int> years;
    for (const FamilyAward& a : list.awards) years.insert(a.year);
    CHECK(choices.years == std::vector<int>(years.rbegin(), years.rend()));
    for (const char* t : {"平安家庭", "最美家庭", "文明家庭"})
        CHECK(std::find(choices.titles.begin(), choices.titles.end(), t) != choices.titles.end());
    // Pinyin order: 平 ping < 文 wen < 最 zui.
    const auto at = [&](const char* t) { return std::find(choices.titles.begin(), choices.titles.end(), t); };
    CHECK(at("平安家庭") < at("文明家庭"));
    CHECK(at("文明家庭") < at("最美家庭"));
    CHECK(choices.catalogueTitles.size() <= choices.titles.size());
}

TEST_CASE("sort keys are written on every path: the form, the seeding API, an import, undo") {
    World w;
    RecordStore records(w.s);
    auto keyOf = [&](RowId id) {
        Statement st = w.s.db().prepare("SELECT sort_key, head_spell FROM family WHERE id = ?");
        st.bind(1, id);
        REQUIRE(st.step());
        return std::make_pair(st.columnText(0), st.columnText(1));
    };
    const RowId formed = records.addFamily({0, "单田芳", "书院路8号", 3, w.communities[0], ""});
    CHECK(keyOf(formed) == std::make_pair(familySortFields(w.s.db(), "单田芳").sortKey, std::string("shantianfang stf")));
    Family renamed = *records.family(formed);
    renamed.headName = "阿芳";
    records.updateFamily(renamed);
    CHECK(keyOf(formed).first == familySortFields(w.s.db(), "阿芳").sortKey);
    CHECK(keyOf(formed).second == "afang af");
    UndoStore(w.s).undoLast();
    CHECK(keyOf(formed).first == familySortFields(w.s.db(), "单田芳").sortKey);

    const RowId seeded = w.s.insertFamily({0, "张三", "", 2, w.communities[1], ""});
    CHECK(keyOf(seeded).second == "zhangsan zs");

    ImportStore imports(w.s);
    Transaction tx(w.s.db());
    const RowId batch = imports.begin("families", "家庭.xlsx", "sha-f");
    RosterFamily row{3, "曾淼", "滨江路12号", 4, "望江社区", "平安家庭", "社区", 2025, "", ""};
    REQUIRE(imports.putFamily(batch, row).outcome == ImportStore::Outcome::Inserted);
    imports.finish(batch, 1, 1, 0, 0, "{}");
    tx.commit();
    Statement st = w.s.db().prepare("SELECT id FROM family WHERE head_name = '曾淼'");
    REQUIRE(st.step());
    CHECK(keyOf(st.columnInt(0)).second == "zengmiao zm");
    CHECK_FALSE(familySortKeysMissing(w.s));
    CHECK(searchIndexDiffers(w.s) == 0);
    CHECK(gramIndexDiffers(w.s) == 0);
    // ICU's pinyin order (曾 céng < 单 dān < 张 zhāng), not code points (单 < 张 < 曾).
    FamilyQuery q;
    q.today = kToday;
    std::vector<std::string> names;
    for (const FamilyListRow& r : familyPage(w.s, q, std::nullopt, 10)) names.push_back(r.row.headName);
    CHECK(names == std::vector<std::string>{"曾淼", "单田芳", "张三"});
}

TEST_CASE("family_title_count equals its definition after inserts, moves, deletes, an import and undo") {
    World w;
    w.generate(300);
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);
    RecordStore records(w.s);
    const RowId fam = records.addFamily({0, "李梅", "幸福路1号", 3, w.communities[0], ""});
    records.addFamilyAward(fam, {0, "平安家庭", "社区", 2025, "命名", ""});
    records.addFamilyAward(fam, {0, "最美家庭", "区", 2026, "命名", ""});
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);
    // An award moved to another household by plain SQL.
    w.s.db().exec("UPDATE award SET family_id = (SELECT min(id) FROM family) WHERE id = (SELECT max(id) FROM award)");
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);
    records.deleteFamily(fam);
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);
    UndoStore undo(w.s);
    undo.undoLast();   // the household and its titles come back
    CHECK(w.s.count("family") == 301);
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);
    undo.redoLast();
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);

    ImportStore imports(w.s);
    RowId batch = 0;
    {
        Transaction tx(w.s.db());
        batch = imports.begin("families", "家庭.xlsx", "sha-f");
        RosterFamily row{3, "周淼", "江北路1号", 3, "望江社区", "平安家庭", "社区", 2026, "", ""};
        imports.putFamily(batch, row);
        row.title = "文明家庭";
        imports.putFamily(batch, row);
        imports.finish(batch, 2, 1, 1, 0, "{}");
        tx.commit();
    }
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);
    imports.undo(batch);
    CHECK(titleCountsDiffer(w.s) == 0);
    CHECK(searchIndexDiffers(w.s) == 0);
    Statement st = w.s.db().prepare("SELECT count(*), sum(titles) FROM family_title_count");
    REQUIRE(st.step());
    CHECK(st.columnInt(0) == w.s.count("family"));
    CHECK(st.columnInt(1) == w.s.count("award"));
}

TEST_CASE("opening a file whose keys another ICU collator wrote computes every household's and person's key again"
          * doctest::test_suite("sqlite_file")) {   // the file's keys (a server keys by its own collation)
    test::TempDbPath path;
    RowId family = 0, person = 0;
    {
        Storage s(path.str());
        family = s.insertFamily({0, "张三", "望江路1号", 3, 0, ""});
        Person p;
        p.name = "阿芳";
        person = s.insertPerson(p);
        // As a file last opened under another ICU: the version differs, the keys are that collator's.
        s.db().exec("UPDATE setting SET value = 'an older ICU' WHERE key = 'pinyin.collation_version'");
        s.db().exec("UPDATE family SET sort_key = 'ffff'");
        s.db().exec("UPDATE person_list SET name_key = 'ffff'");
    }
    Storage reopened(path.str());
    Statement f = reopened.db().prepare("SELECT sort_key FROM family WHERE id = ?");
    f.bind(1, family);
    REQUIRE(f.step());
    CHECK(f.columnText(0) == storedSortKey(reopened.db(), "张三"));
    Statement p = reopened.db().prepare("SELECT name_key FROM person_list WHERE person_id = ?");
    p.bind(1, person);
    REQUIRE(p.step());
    CHECK(p.columnText(0) == storedSortKey(reopened.db(), "阿芳"));
}

TEST_CASE("family_gram_count (0042) equals its definition after writes of every kind; 1–2 character counts and pages equal the old rule") {
    World w;
    w.generate(1500);
    fillFamilySortKeys(w.s);
    CHECK(gramCountsDiffer(w.s) == 0);
    FamilyQuery base;
    base.today = kToday;
    // Grams of names, addresses, pinyin, digits; a unit's name (江), an
    // unlinked unit text (向阳), a title's text (平安, 20: not from the grams).
    const char* searches[] = {"张", "芳", "欧阳", "路", "号", "江", "向阳", "平安", "堃", "犇", "zh", "z", "1", "12",
                              "3号", "9号", "b", "20"};
    // Titles' texts (kTitleCandidates): many households (2024, 平安家庭, 区级,
    // 5 of 2025), a few (示范 and 区级巾帼: one household's title, beside the
    // grams and the FTS5 candidates), in every sort and direction.
    const char* titleSearches[] = {"5", "202", "2024", "平安家庭", "区级", "示范", "区级巾帼", "2023街道"};
    RecordStore(w.s).addFamilyAward(7, {0, "巾帼示范家庭", "区", 2024, "命名", ""});
    auto checkTitleTexts = [&] {
        const Brute brute(w.s);
        for (const char* search : titleSearches)
            for (int sort = 0; sort < 5; ++sort)
                for (bool ascending : {true, false}) {
                    FamilyQuery q = base;
                    q.search = search;
                    q.sort = static_cast<FamilySort>(sort);
                    q.ascending = ascending;
                    CAPTURE(q.search);
                    CAPTURE(sort);
                    CAPTURE(ascending);
                    std::int64_t titles = 0;
                    const std::vector<RowId> expected = brute.rows(q, &titles);
                    const FamilyCounts counts = familyCounts(w.s, q);
                    CHECK(counts.shown == static_cast<std::int64_t>(expected.size()));
                    CHECK(counts.shownTitles == titles);
                    CHECK(walk(w.s, q, 53) == expected);
                    const std::int64_t offset = static_cast<std::int64_t>(expected.size() / 3);
                    const auto page = familyPageAt(w.s, q, offset, 20);
                    const auto from = expected.begin() + offset;
                    CHECK(idsOf(page) == std::vector<RowId>(from, from + std::min<std::ptrdiff_t>(20, expected.end() - from)));
                    CHECK(!expected.empty());
                }
    };
    checkTitleTexts();
    // 1–2 characters titles' texts hold (0044: family_gram_count + family_title_gram_count):
    // years (2, 20, 5 of 2025), a level (区级), names (平安, 家: also in heads' names and addresses).
    // 3+ characters (0044: family_title_set_count + other candidates): 202, 2024, 平安家庭 …
    const char* titleGrams[] = {"2", "20", "5", "区级", "平安", "家", "级", "02", "社区", "江",
                                "202", "2024", "平安家庭", "五好", "区级巾帼", "2023街道", "社区级", "家庭"};
    auto checkTitleGrams = [&] {
        CHECK(titleGramCountsDiffer(w.s) == 0);
        CHECK(titleSetCountsDiffer(w.s) == 0);
        const Brute brute(w.s);
        std::int64_t shown = 0;
        for (const char* search : titleGrams) {
            FamilyQuery q = base;
            q.search = search;
            CAPTURE(q.search);
            std::int64_t titles = 0;
            const std::vector<RowId> expected = brute.rows(q, &titles);
            const FamilyCounts kept = familyCounts(w.s, q);
            q.keptTitleGramCounts = false;
            const FamilyCounts scanned = familyCounts(w.s, q);
            CHECK(kept.shown == static_cast<std::int64_t>(expected.size()));
            CHECK(kept.shownTitles == titles);
            CHECK(scanned.shown == kept.shown);
            CHECK(scanned.shownTitles == kept.shownTitles);
            shown += kept.shown;
        }
        return shown;
    };
    auto checkAll = [&] {
        CHECK(gramCountsDiffer(w.s) == 0);
        CHECK(gramIndexDiffers(w.s) == 0);
        CHECK(checkTitleGrams() > 0);
        const Brute brute(w.s);
        std::int64_t shown = 0;
        for (const char* search : searches) {
            FamilyQuery q = base;
            q.search = search;
            CAPTURE(q.search);
            std::int64_t titles = 0;
            const std::vector<RowId> expected = brute.rows(q, &titles);
            const FamilyCounts kept = familyCounts(w.s, q);
            q.keptGramCounts = false;
            const FamilyCounts ranged = familyCounts(w.s, q);
            CHECK(kept.shown == static_cast<std::int64_t>(expected.size()));
            CHECK(kept.shownTitles == titles);
            CHECK(ranged.shown == kept.shown);
            CHECK(ranged.shownTitles == kept.shownTitles);
            CHECK(kept.households == w.s.count("family"));
            CHECK(ranged.households == kept.households);
            CHECK(walk(w.s, q, 41) == expected);
            shown += kept.shown;
        }
        return shown;
    };
    CHECK(checkAll() > 1000);

    RecordStore records(w.s);
    UndoStore undo(w.s);
    // A new household with titles; a second title; a rename of head and address.
    const RowId fam = records.addFamily({0, "欧阳犇", "望江路99号", 2, w.communities[1], ""});
    records.addFamilyAward(fam, {0, "平安家庭", "社区", 2025, "命名", ""});
    records.addFamilyAward(fam, {0, "最美家庭", "区", 2026, "命名", ""});
    Family renamed = *records.family(1);
    renamed.headName = "犇犇";
    renamed.address = "幸福路堃园19号";
    records.updateFamily(renamed);
    CHECK(checkAll() > 0);
    // A title revoked, another changed to a different title and year by the store.
    {
        const auto held = records.familyAwards(fam);
        REQUIRE(held.size() == 2);
        records.updateFamilyAward(fam, {held[0].awardId, held[0].title, held[0].level, held[0].year, "撤销", ""});
        records.updateFamilyAward(fam, {held[1].awardId, "文明家庭", "市", 2019, "命名", ""});
    }
    CHECK(checkAll() > 0);
    // A family title renamed (its every household's texts change) and back.
    {
        SettingsStore settings(w.s);
        const RowId safe = records.titleFor("平安家庭", "family", "社区");
        settings.renameTitle(safe, "平和家庭");
        CHECK(checkAll() > 0);
        settings.renameTitle(safe, "平安家庭");
        CHECK(checkAll() > 0);
    }
    // A title deleted, one moved to another household, a year changed (plain SQL).
    records.deleteAward(records.familyAwards(fam).front().awardId);
    w.s.db().exec("UPDATE award SET family_id = 1 WHERE id = (SELECT max(id) FROM award WHERE family_id = " +
                  std::to_string(fam) + ")");
    w.s.db().exec("UPDATE award SET year = 2021 WHERE id = (SELECT min(id) FROM award WHERE family_id = 1)");
    CHECK(checkAll() > 0);
    // Households with titles deleted: by the store (undoable) and by SQL (the foreign keys' cascade).
    Statement titled = w.s.db().prepare("SELECT family_id FROM award WHERE family_id > 10 GROUP BY family_id"
                                        " HAVING count(*) >= 2 LIMIT 2");
    std::vector<RowId> victims;
    while (titled.step()) victims.push_back(titled.columnInt(0));
    REQUIRE(victims.size() == 2);
    records.deleteFamily(victims[0]);
    w.s.db().exec("DELETE FROM family WHERE id = " + std::to_string(victims[1]));
    CHECK(checkAll() > 0);
    undo.undoLast();   // the store's deletion: the household and its titles come back
    CHECK(checkAll() > 0);
    undo.redoLast();
    undo.undoLast();
    // An import of households with titles (new and existing heads), then its undo.
    ImportStore imports(w.s);
    RowId batch = 0;
    {
        Transaction tx(w.s.db());
        batch = imports.begin("families", "家庭.xlsx", "sha-g");
        RosterFamily row{3, "周淼", "江北路12号", 3, "望江社区", "平安家庭", "社区", 2026, "", ""};
        imports.putFamily(batch, row);
        row.title = "文明家庭";
        imports.putFamily(batch, row);
        RosterFamily again{4, "犇犇", "幸福路堃园19号", 3, "阿里社区", "文明家庭", "区", 2024, "", ""};
        imports.putFamily(batch, again);
        imports.finish(batch, 3, 1, 2, 0, "{}");
        tx.commit();
    }
    CHECK(checkAll() > 0);
    imports.undo(batch);
    CHECK(checkAll() > 0);
    // Every sort key written again (another ICU): grams move with their key.
    fillFamilySortKeys(w.s, true);
    CHECK(checkAll() > 0);
    checkTitleTexts();
    // The comparison sees a kept row that is off by one title.
    w.s.db().exec("UPDATE family_gram_count SET titles = titles + 1 WHERE gram = '张'");
    CHECK(gramCountsDiffer(w.s) == 2);
    w.s.db().exec("UPDATE family_title_gram_count SET titles = titles + 1 WHERE gram = '2'");
    CHECK(titleGramCountsDiffer(w.s) == 2);
    w.s.db().exec("UPDATE family_title_set_count SET households = households + 1"
                  " WHERE texts = (SELECT max(texts) FROM family_title_set_count WHERE households > 0)");
    CHECK(titleSetCountsDiffer(w.s) == 2);
}

// Each of 0044's triggers is needed: without it, a write of its kind leaves
// family_title_gram_count off its definition (and a count off the scan's).
TEST_CASE("family_title_gram_count and family_title_set_count (0044): every trigger is needed") {
    const char* triggers[] = {"family_title_gram_count_award_insert", "family_title_gram_count_award_delete",
                              "family_title_gram_count_award_update", "family_title_gram_count_gram_insert",
                              "family_title_gram_count_gram_delete", "family_title_gram_count_title_rename",
                              "family_title_set_count_award_insert", "family_title_set_count_award_delete",
                              "family_title_set_count_award_update", "family_title_set_count_title_rename"};
    for (const char* trigger : triggers) {
        CAPTURE(trigger);
        World w;
        w.generate(300);
        fillFamilySortKeys(w.s);
        REQUIRE(titleGramCountsDiffer(w.s) == 0);
        REQUIRE(titleSetCountsDiffer(w.s) == 0);
        w.s.db().exec(std::string("DROP TRIGGER ") + trigger);
        RecordStore records(w.s);
        // One write of each kind, each checked on its own.
        std::int64_t off = 0;
        const RowId fam = records.addFamily({0, "周平", "和平路2号", 2, w.communities[0], ""});
        const RowId award = records.addFamilyAward(fam, {0, "平安家庭", "区", 2025, "命名", ""});
        records.addFamilyAward(fam, {0, "最美家庭", "市", 2022, "命名", ""});
        off += titleGramCountsDiffer(w.s) + titleSetCountsDiffer(w.s);
        w.s.db().exec("UPDATE award SET year = 2019 WHERE id = " + std::to_string(award));
        off += titleGramCountsDiffer(w.s) + titleSetCountsDiffer(w.s);
        Family renamed = *records.family(fam);
        renamed.headName = "周级";
        renamed.address = "幸福路7号";
        records.updateFamily(renamed);
        off += titleGramCountsDiffer(w.s) + titleSetCountsDiffer(w.s);
        SettingsStore(w.s).renameTitle(records.titleFor("最美家庭", "family", "市"), "最美庭院");
        off += titleGramCountsDiffer(w.s) + titleSetCountsDiffer(w.s);
        records.deleteAward(award);
        off += titleGramCountsDiffer(w.s) + titleSetCountsDiffer(w.s);
        CHECK(off > 0);
    }
}

// 0044: a search that most households' titles hold (a year's digits, a
// level, a title's name) counts from kept rows: far less work than the rule
// over every household, whatever the file's size.
TEST_CASE("searches titles' texts hold count from kept rows (0044), not by testing every household") {
    World w;
    w.generate(3000);
    fillFamilySortKeys(w.s);
    const Brute brute(w.s);
    for (const char* search : {"2", "20", "5", "区级", "202", "2024", "平安家庭", "五好"}) {
        CAPTURE(search);
        FamilyQuery q;
        q.today = kToday;
        q.search = search;
        std::int64_t titles = 0;
        const std::vector<RowId> expected = brute.rows(q, &titles);
        // workDone() counts from the first meterWork(): each figure is a difference.
        w.s.db().meterWork();
        const std::uint64_t start = w.s.db().workDone();
        const FamilyCounts kept = familyCounts(w.s, q);
        const std::uint64_t keptWork = w.s.db().workDone() - start;
        FamilyQuery scanned = q;
        scanned.searchIndexed = false;
        const std::uint64_t middle = w.s.db().workDone();
        const FamilyCounts scan = familyCounts(w.s, scanned);
        const std::uint64_t scanWork = w.s.db().workDone() - middle;
        CHECK(kept.shown == static_cast<std::int64_t>(expected.size()));
        CHECK(kept.shownTitles == titles);
        CHECK(scan.shown == kept.shown);
        // 1–2 characters: two kept rows (~4,000 instructions against ~200,000 here);
        // 3+: the kept rows plus family_search's candidates (~20,000 here; the
        // scan grows with the households, these do not).
        CHECK(keptWork * (utf8ToCodepoints(search).size() <= 2 ? 20 : 5) < scanWork);
    }
}

// 0044's fills (run by the upgrade of a file that has households and titles)
// give what its triggers keep: the migration run again over a generated file.
TEST_CASE("0044's fills of family_title_gram_count and family_title_set_count equal their definitions"
          * doctest::test_suite("sqlite_file")) {   // SQLite's migration run again
    World w;
    w.generate(1500);
    fillFamilySortKeys(w.s);
    RecordStore(w.s).addFamilyAward(7, {0, "巾帼示范家庭", "区", 2024, "命名", ""});
    const Migration* counts = nullptr;
    for (const Migration& m : embeddedMigrations())
        if (std::string(m.name).find("family_title_gram_counts") != std::string::npos) counts = &m;
    REQUIRE(counts != nullptr);
    Statement objects = w.s.db().prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
                                         " AND (name LIKE 'family_title_gram_count%' OR name LIKE 'family_title_set_count%')");
    std::vector<std::pair<std::string, std::string>> dropped;
    while (objects.step()) dropped.emplace_back(objects.columnText(0), objects.columnText(1));
    objects.reset();
    CHECK(dropped.size() == 12);   // two tables, ten triggers
    for (const auto& [type, name] : dropped)
        if (type == "trigger") w.s.db().exec("DROP TRIGGER " + name);
    w.s.db().exec("DROP TABLE family_title_gram_count");
    w.s.db().exec("DROP TABLE family_title_set_count");
    w.s.db().exec(counts->sql);
    CHECK(titleGramCountsDiffer(w.s) == 0);
    CHECK(titleSetCountsDiffer(w.s) == 0);
    Statement rows = w.s.db().prepare("SELECT (SELECT count(*) FROM family_title_gram_count WHERE households > 0),"
                                      " (SELECT count(*) FROM family_title_set_count WHERE households > 0)");
    REQUIRE(rows.step());
    CHECK(rows.columnInt(0) > 10);
    CHECK(rows.columnInt(1) > 10);
}
