// storage_honour_list_test.cpp — the 荣誉 list read a page at a time
// (storage/honour_list.hpp, honour_list of migration 0025) gives what the
// old screen gave from RecordStore::honourRows() sorted and filtered in
// memory: the same counts and the same rows in the same order, for every
// sort in both directions, every filter and the search, page after page by
// keyset and by a far jump. The brute force below is the old rule in C++
// (screen_honours.cpp before issue 17; ties by id now follow the sort's
// direction, as in the 志愿者 and 家庭 lists). Also: honour_list equals its
// definition after every kind of write, the filter choices equal the old
// ones, and each sort's first page and a far jump read a page, not the table.
#include <doctest/doctest.h>

#include "core/org_tree.hpp"
#include "core/pinyin.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/honour_list.hpp"
#include "storage/record_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
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

    // `n` titles of people and collectives (and some family and post titles
    // the list must leave out), deterministic.
    void generate(int n) {
        std::mt19937 rng(20261206);
        auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
        const char* surnames[] = {"张", "王", "李", "赵", "单", "曾", "阿", "欧阳", "钱", "Anna"};
        const char* given[] = {"芳", "丽", "淼", "建国", "秀英", "娜", "三", "田芳", "堃", "红"};
        const char* personTitles[] = {"三八红旗手", "巾帼建功标兵", "十佳好邻居", "Star志愿者"};
        const char* collectiveTitles[] = {"三八红旗集体", "巾帼建功先进集体"};
        const char* collectives[] = {"望江社区妇联", "书院社区妇联", "城东小学", "ABC公司女工委"};
        const char* levels[] = {"社区", "街道", "区", "市", "省", "全国"};
        const char* docs[] = {"", "临妇〔2024〕3号", "临妇〔2025〕12号", "LF-2025-x7", "市妇〔2023〕8号"};
        s.setAuditEnabled(false);
        RecordStore records(s);
        Transaction tx(s.db());
        std::vector<RowId> people;
        for (int i = 0; i < n / 3; ++i) {
            Person p;
            p.name = std::string(surnames[pick(10)]) + given[pick(10)];
            if (pick(4) > 0) {
                p.idNumber = "1101051980" + std::to_string(1000000 + i).substr(1) + "00";
                p.idNumber = p.idNumber.substr(0, 17) + (pick(5) == 0 ? "X" : std::to_string(pick(10)));
            }
            if (pick(3) > 0) p.phone = "139" + std::to_string(10000000 + pick(89999999));
            p.unitId = communities[pick(4)];
            people.push_back(s.insertPerson(p));
        }
        std::set<std::tuple<RowId, int, RowId>> taken;
        for (int i = 0; i < n; ++i) {
            Award a;
            const bool collective = pick(3) == 0;
            a.titleId = collective ? records.titleFor(collectiveTitles[pick(2)], "collective", levels[pick(6)])
                                   : records.titleFor(personTitles[pick(4)], "person", levels[pick(6)]);
            a.year = 2018 + pick(9);
            if (collective) a.collectiveName = collectives[pick(4)];
            else a.personId = people[static_cast<std::size_t>(pick(static_cast<int>(people.size())))];
            if (!collective && !taken.insert({a.titleId, a.year, a.personId}).second) continue;
            const int where = pick(10);
            a.unitId = where < 6 ? communities[where % 4] : where < 8 ? streets[where % 2] : where == 8 ? district : 0;
            a.status = kAwardStatusWords[static_cast<std::size_t>(pick(6))];
            a.docNumber = docs[pick(5)];
            s.insertAward(a);
        }
        // Titles the 荣誉 list never shows: a household's and a post's.
        Family f;
        f.headName = "周淼";
        f.address = "江北路1号";
        f.unitId = communities[0];
        Award family;
        family.titleId = records.titleFor("平安家庭", "family", "社区");
        family.year = 2025;
        family.familyId = s.insertFamily(f);
        s.insertAward(family);
        tx.commit();
        s.setAuditEnabled(true);
    }
};

// ------------------------------------------------------------ the old rule

bool endsWithFolded(std::string_view text, std::string_view tail) {
    if (tail.empty() || tail.size() > text.size()) return false;
    for (std::size_t i = 0; i < tail.size(); ++i) {
        char a = text[text.size() - tail.size() + i], b = tail[i];
        if (a == 'x') a = 'X';
        if (b == 'x') b = 'X';
        if (a != b) return false;
    }
    return true;
}

// screen_honours.cpp's reloadIfChanged + refreshView + sortVisible before issue 17.
struct OldList {
    std::vector<HonourRow> rows;
    std::vector<NameKeys> nameKeys;
    std::vector<std::string> titleKeys, unitKeys;
    OrgTree tree;

    explicit OldList(Storage& s) : rows(RecordStore(s).honourRows()), tree(s.units()) {
        PinyinIndex pinyin;
        for (const HonourRow& r : rows) {
            nameKeys.push_back(pinyin.keysFor(r.name));
            titleKeys.push_back(pinyin.keysFor(r.title).collation);
            unitKeys.push_back(pinyin.keysFor(r.unitName).collation);
        }
    }

    bool matches(std::size_t i, const HonourQuery& q) const {
        const HonourRow& r = rows[i];
        if (q.unitId != 0 && !tree.within(r.unitId, q.unitId)) return false;
        if (!q.title.empty() && r.title != q.title) return false;
        if (!q.level.empty() && r.level != q.level) return false;
        if (q.year != 0 && r.year != q.year) return false;
        if (!q.status.empty() && r.status != q.status) return false;
        // record_list.cpp's recordMatches(query, nameKeys, {name, title, unit, doc}, {id, phone}).
        const std::string folded = trim(foldFullWidth(q.search));
        if (folded.empty()) return true;
        const bool digits = folded.find_first_not_of("0123456789Xx") == std::string::npos;
        if (digits && (endsWithFolded(r.idNumber, folded) || endsWithFolded(r.phone, folded))) return true;
        if (isPinyinQuery(folded) && matchesPinyin(nameKeys[i], folded)) return true;
        for (const std::string* text : {&r.name, &r.title, &r.unitName, &r.docNumber})
            if (containsFolded(*text, folded)) return true;
        return false;
    }

    int compare(std::size_t a, std::size_t b, HonourSort sort) const {
        const HonourRow& x = rows[a];
        const HonourRow& y = rows[b];
        switch (sort) {
        case HonourSort::Year: return x.year - y.year;
        case HonourSort::Title: return titleKeys[a].compare(titleKeys[b]);
        case HonourSort::Level: return titleLevelRank(x.level) - titleLevelRank(y.level);
        case HonourSort::Holder: return nameKeys[a].collation.compare(nameKeys[b].collation);
        case HonourSort::HolderKind: return static_cast<int>(x.collective) - static_cast<int>(y.collective);
        case HonourSort::Unit: return unitKeys[a].compare(unitKeys[b]);
        case HonourSort::Status: return x.status.compare(y.status);
        case HonourSort::Doc: return x.docNumber.compare(y.docNumber);
        }
        return 0;
    }

    // The award ids shown, in order (ties by id in the sort's direction).
    std::vector<RowId> shown(const HonourQuery& q) const {
        std::vector<std::size_t> visible;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (matches(i, q)) visible.push_back(i);
        std::stable_sort(visible.begin(), visible.end(), [&](std::size_t a, std::size_t b) {
            const int c = compare(a, b, q.sort);
            if (c != 0) return q.ascending ? c < 0 : c > 0;
            return q.ascending ? rows[a].awardId < rows[b].awardId : rows[a].awardId > rows[b].awardId;
        });
        std::vector<RowId> out;
        for (const std::size_t i : visible) out.push_back(rows[i].awardId);
        return out;
    }
};

std::vector<RowId> ids(const std::vector<HonourListRow>& rows) {
    std::vector<RowId> out;
    for (const HonourListRow& r : rows) out.push_back(r.row.awardId);
    return out;
}

// Every row, page after page by keyset.
std::vector<RowId> readAll(Storage& s, const HonourQuery& q, int pageRows) {
    std::vector<RowId> out;
    std::optional<HonourListKey> after;
    for (;;) {
        const auto page = honourPage(s, q, after, pageRows);
        for (const auto& r : page) out.push_back(r.row.awardId);
        if (static_cast<int>(page.size()) < pageRows) return out;
        after = page.back().key;
    }
}

// Rows of honour_list that differ from its definition, both ways.
std::int64_t listDiffers(Storage& s) {
    Statement st = s.db().prepare(
        "SELECT (SELECT count(*) FROM (SELECT * FROM honour_list EXCEPT SELECT * FROM honour_list_source)),"
        "       (SELECT count(*) FROM (SELECT * FROM honour_list_source EXCEPT SELECT * FROM honour_list))");
    REQUIRE(st.step());
    return st.columnInt(0) + st.columnInt(1);
}

} // namespace

TEST_CASE("honour list: every sort, filter and search gives the old list's rows in its order, by keyset and by jump") {
    World w;
    w.generate(1500);
    const OldList old(w.s);
    REQUIRE(old.rows.size() > 1000);
    CHECK(listDiffers(w.s) == 0);

    std::vector<HonourQuery> queries;
    auto add = [&](auto change) {
        HonourQuery q;
        change(q);
        queries.push_back(q);
    };
    add([](HonourQuery&) {});
    add([&](HonourQuery& q) { q.unitId = w.streets[0]; });                 // a street takes its communities
    add([&](HonourQuery& q) { q.unitId = w.communities[2]; });
    add([](HonourQuery& q) { q.title = "三八红旗手"; });
    add([](HonourQuery& q) { q.level = "市"; });
    add([](HonourQuery& q) { q.year = 2025; });
    add([](HonourQuery& q) { q.status = "撤销"; });
    add([&](HonourQuery& q) { q.unitId = w.streets[1]; q.year = 2024; q.status = "命名"; });
    for (const char* search : {"2x", "3", "13", "wf", "Zhang", "ZS", "王", "社区", "〔2024〕", "abc", "star",
                               " 三八 ", "ｗｆ", "lf-2025", "x7", "无此人"})
        add([&](HonourQuery& q) { q.search = search; });
    add([&](HonourQuery& q) { q.search = "妇联"; q.unitId = w.streets[0]; });

    int compared = 0;
    for (const HonourQuery& base : queries) {
        const std::vector<RowId> expected = old.shown(base);
        const HonourCounts counts = honourCounts(w.s, base);
        CAPTURE(base.search);
        CAPTURE(base.unitId);
        CHECK(counts.all == static_cast<std::int64_t>(old.rows.size()));
        CHECK(counts.shown == static_cast<std::int64_t>(expected.size()));
        std::int64_t collectives = 0;
        for (const RowId id : expected)
            for (const HonourRow& r : old.rows)
                if (r.awardId == id) collectives += r.collective;
        CHECK(counts.collectives == collectives);
        CHECK(counts.people == counts.shown - collectives);
        for (int sort = 0; sort < kHonourSortCount; ++sort) {
            for (const bool ascending : {true, false}) {
                HonourQuery q = base;
                q.sort = static_cast<HonourSort>(sort);
                q.ascending = ascending;
                CAPTURE(sort);
                CAPTURE(ascending);
                const std::vector<RowId> want = old.shown(q);
                CHECK(readAll(w.s, q, 37) == want);
                // A far jump: the rows from an offset, as the brute force has them.
                for (const std::size_t offset : {std::size_t(1), want.size() / 2, want.size() > 5 ? want.size() - 5 : 0}) {
                    const std::vector<RowId> part(want.begin() + static_cast<std::ptrdiff_t>(std::min(offset, want.size())),
                                                  want.begin() + static_cast<std::ptrdiff_t>(std::min(offset + 20, want.size())));
                    CHECK(ids(honourPageAt(w.s, q, static_cast<std::int64_t>(offset), 20)) == part);
                }
                ++compared;
            }
        }
    }
    CHECK(compared == static_cast<int>(queries.size()) * kHonourSortCount * 2);
    // The rows carry what honourRows() carries.
    const auto first = honourPage(w.s, HonourQuery{}, std::nullopt, 5);
    REQUIRE(first.size() == 5);
    for (const HonourListRow& r : first) {
        const auto stored = RecordStore(w.s).honour(r.row.awardId);
        REQUIRE(stored);
        CHECK(stored->name == r.row.name);
        CHECK(stored->idNumber == r.row.idNumber);
        CHECK(stored->statusOn == r.row.statusOn);
        CHECK(r.key.number == r.row.year);
    }
}

TEST_CASE("honour list: the filter choices are the old ones, from SQL") {
    World w;
    w.generate(400);
    SettingsStore(w.s).renameTitle(RecordStore(w.s).titleFor("十佳好邻居", "person", "区"), "十佳好邻居（区）");
    const OldList old(w.s);
    const HonourFilterChoices choices = honourFilterChoices(w.s);
    // The old screen: titles of the rows plus the active catalogue of both kinds, pinyin order.
    PinyinIndex pinyin;
    std::set<std::string> titles, people, collectives;
    std::set<int> years;
    for (const HonourRow& r : old.rows) {
        titles.insert(r.title);
        years.insert(r.year);
    }
    for (const AwardTitle& t : w.s.awardTitles()) {
        if (!t.active) continue;
        if (t.subjectKind == "person") people.insert(t.name);
        if (t.subjectKind == "collective") collectives.insert(t.name);
    }
    titles.insert(people.begin(), people.end());
    titles.insert(collectives.begin(), collectives.end());
    auto sorted = [&](const std::set<std::string>& names) {
        std::vector<std::pair<std::string, std::string>> keyed;
        for (const std::string& n : names) keyed.push_back({pinyin.keysFor(n).collation, n});
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::string> out;
        for (auto& k : keyed) out.push_back(k.second);
        return out;
    };
    CHECK(choices.titles == sorted(titles));
    CHECK(choices.personTitles == sorted(people));
    CHECK(choices.collectiveTitles == sorted(collectives));
    CHECK(std::find(choices.titles.begin(), choices.titles.end(), "平安家庭") == choices.titles.end());
    CHECK(choices.years == std::vector<int>(years.rbegin(), years.rend()));
}

TEST_CASE("honour_list equals its definition after saves, renames, deletes, undo and redo") {
    World w;
    w.generate(200);
    CHECK(listDiffers(w.s) == 0);
    RecordStore records(w.s);
    HonourInput in;
    in.name = "李梅";
    in.idNumber = "11010519491231002X";
    in.unitId = w.communities[1];
    in.title = "三八红旗手";
    in.level = "区";
    in.year = 2026;
    const RowId award = records.saveHonour(in);
    HonourInput group;
    group.collective = true;
    group.name = "新村社区妇联";
    group.unitId = w.communities[3];
    group.title = "三八红旗集体";
    group.level = "市";
    group.year = 2025;
    records.saveHonour(group);
    CHECK(listDiffers(w.s) == 0);
    HonourQuery byPinyin;
    byPinyin.search = "lm";
    CHECK(honourCounts(w.s, byPinyin).shown >= 1);

    // The holder renamed, her phone changed; the unit and the title renamed.
    const auto saved = records.honour(award);
    REQUIRE(saved);
    Person p = *w.s.person(saved->personId);
    p.name = "李美";
    p.phone = "13900001234";
    w.s.updatePerson(p);
    records.renameUnit(w.communities[1], "阿里巴巴社区");
    SettingsStore(w.s).renameTitle(saved->titleId, "三八红旗手标兵");
    CHECK(listDiffers(w.s) == 0);
    HonourQuery byTail;
    byTail.search = "1234";
    CHECK(ids(honourPage(w.s, byTail, std::nullopt, 10)) == std::vector<RowId>{award});

    // An edit through the form, a unit deleted under it (SET NULL), a delete, undo, redo.
    HonourInput edit = in;
    edit.awardId = award;
    edit.name = "李美";
    edit.title = "三八红旗手标兵";
    edit.status = "撤销";
    edit.docNumber = "临妇〔2026〕1号";
    const HonourRow asLoaded = *records.honour(award);
    records.saveHonour(edit, &asLoaded);
    CHECK(listDiffers(w.s) == 0);
    w.s.db().exec("UPDATE award SET unit_id = NULL WHERE id = " + std::to_string(award));
    CHECK(listDiffers(w.s) == 0);
    records.deleteAward(award);
    CHECK(listDiffers(w.s) == 0);
    UndoStore undo(w.s);
    undo.undoLast();
    CHECK(records.honour(award));
    CHECK(listDiffers(w.s) == 0);
    undo.redoLast();
    CHECK_FALSE(records.honour(award));
    CHECK(listDiffers(w.s) == 0);
    // A person deleted: her titles go (cascade) and so do their rows.
    w.s.db().exec("DELETE FROM person WHERE id = (SELECT person_id FROM award WHERE person_id IS NOT NULL LIMIT 1)");
    CHECK(listDiffers(w.s) == 0);
    // Refilled from the definition (an ICU upgrade): the same rows.
    const std::int64_t before = honourCounts(w.s, HonourQuery{}).all;
    CHECK(fillHonourList(w.s.db()) == before);
    CHECK(listDiffers(w.s) == 0);
}

TEST_CASE("honour list: each sort's first page and a far jump read a page on its index, not the table") {
    World w;
    w.generate(24000);
    Database& db = w.s.db();
    db.meterWork();
    std::uint64_t scan = 0;
    {
        const std::uint64_t start = db.workDone();
        Statement st = db.prepare("SELECT count(*) FROM honour_list WHERE doc_number LIKE '%无%'");
        REQUIRE(st.step());
        scan = db.workDone() - start;
    }
    CHECK(scan >= 20000);   // the meter works: a scan of the list costs this much
    for (int sort = 0; sort < kHonourSortCount; ++sort) {
        for (const bool ascending : {true, false}) {
            HonourQuery q;
            q.sort = static_cast<HonourSort>(sort);
            q.ascending = ascending;
            CAPTURE(sort);
            CAPTURE(ascending);
            std::uint64_t start = db.workDone();
            const auto first = honourPage(w.s, q, std::nullopt, 64);
            CHECK(first.size() == 64);
            CHECK(db.workDone() - start < scan / 4);
            start = db.workDone();
            CHECK(honourPage(w.s, q, first.back().key, 64).size() == 64);
            CHECK(db.workDone() - start < scan / 4);
            // A far jump walks the covering index once (no row reads, no sort).
            start = db.workDone();
            CHECK(honourPageAt(w.s, q, 3000, 64).size() == 64);
            CHECK(db.workDone() - start < scan);
        }
    }
    // The plan names the sort's index and sorts nothing.
    const std::string page = "SELECT h.award_id, h.title_key FROM honour_list h ORDER BY h.title_key DESC, h.award_id DESC LIMIT 64";
    std::string text;
    CAPTURE(text);
    if (db.isServer()) {
        Statement plan = db.prepare("EXPLAIN (FORMAT JSON) " + page);
        REQUIRE(plan.step());
        text = plan.columnText(0);
        CHECK(text.find("Sort\"") == std::string::npos);   // "Sort" or "Incremental Sort"
    } else {
        Statement plan = db.prepare("EXPLAIN QUERY PLAN " + page);
        while (plan.step()) text += plan.columnText(3) + "\n";
        CHECK(text.find("TEMP B-TREE") == std::string::npos);
    }
    CHECK(text.find("honour_list_title") != std::string::npos);
}
