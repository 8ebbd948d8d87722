// storage_review_order_test.cpp — migration 0038's review_title_order (称号复核's
// 全部有效 a page at a time) against its definition after every kind of write,
// on a generated district with random family titles (test::TitleWorld) plus
// person titles: the table equals its view both ways, and the pages read by
// keyset and by OFFSET, put together, equal titlesForReview (the list judged
// whole, the reference) for filters by unit, title, level, year and kind. A
// page reads its rows, not the list: metered against the whole list's read.
#include <doctest/doctest.h>

#include "core/pinyin.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_review.hpp"
#include "storage/undo_store.hpp"
#include "support/title_world.hpp"
#include "support/event_days.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;
using jinguo::test::TitleWorld;

namespace {

std::int64_t scalarInt(Storage& s, const std::string& sql) {
    Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

constexpr const char* kDay = "2026-06-30";

// The pages by keyset (and, for `byOffset`, every page by OFFSET) put
// together, judged on kDay.
std::vector<ReviewableTitle> allPages(Storage& s, const TitleReviewFilter& f, bool byOffset, int per = 37) {
    std::vector<ReviewableTitle> out;
    std::optional<ReviewListKey> after;
    for (int page = 0;; ++page) {
        std::vector<ReviewableTitle> rows =
            byOffset ? heldTitlesForReviewPage(s, f, kDay, std::nullopt, static_cast<std::int64_t>(page) * per, per)
                     : heldTitlesForReviewPage(s, f, kDay, after, 0, per);
        for (ReviewableTitle& r : rows) out.push_back(std::move(r));
        if (static_cast<int>(rows.size()) < per) break;
        after = reviewListKeyOf(out.back());
    }
    return out;
}

// review_title_order_source plus 0045's keys, as the triggers compute them
// (a TEMP view: this connection's only).
void keyedSource(Storage& s) {
    s.db().exec("CREATE TEMP VIEW IF NOT EXISTS review_title_order_keyed AS"
                " SELECT *, jinguo_sort_key(unit_name) AS unit_key, jinguo_sort_key(holder) AS holder_key"
                " FROM review_title_order_source");
}

// Returns the rows listed with no filter (so a caller can insist the check
// was not empty).
std::size_t checkReviewOrder(Storage& s, const TitleWorld& w, const char* after) {
    INFO("after " << after);
    keyedSource(s);
    // The view's rows with 0045's keys (jinguo_sort_key of the unit's name and
    // the holder, the other lists' one definition) equal the kept table.
    CHECK(scalarInt(s, "SELECT count(*) FROM (SELECT * FROM review_title_order_keyed"
                       " EXCEPT SELECT * FROM review_title_order) x") == 0);
    CHECK(scalarInt(s, "SELECT count(*) FROM (SELECT * FROM review_title_order"
                       " EXCEPT SELECT * FROM review_title_order_keyed) x") == 0);
    std::vector<TitleReviewFilter> filters(1);
    filters[0].standings = {};
    auto with = [&](auto set) {
        TitleReviewFilter f;
        f.standings = {};
        set(f);
        filters.push_back(f);
    };
    with([&](TitleReviewFilter& f) { f.unitId = w.d.district; });
    with([&](TitleReviewFilter& f) { f.unitId = w.d.street(0); });
    with([&](TitleReviewFilter& f) { f.unitId = w.d.community(1); });
    with([&](TitleReviewFilter& f) { f.title = "平安家庭"; });
    with([&](TitleReviewFilter& f) { f.level = "社区"; f.year = 2025; });
    with([&](TitleReviewFilter& f) { f.subjectKind = "person"; });
    with([&](TitleReviewFilter& f) { f.unitId = w.d.street(1); f.subjectKind = "family"; f.title = "最美家庭"; });
    std::size_t listed = 0;
    for (std::size_t i = 0; i < filters.size(); ++i) {
        INFO("filter " << i);
        const TitleReviewFilter& f = filters[i];
        const std::vector<ReviewableTitle> whole = titlesForReview(s, f, kDay);
        if (i == 0) listed = whole.size();
        CHECK(countHeldTitlesForReview(s, f) == static_cast<std::int64_t>(whole.size()));
        for (bool byOffset : {false, true}) {
            const std::vector<ReviewableTitle> paged = allPages(s, f, byOffset);
            REQUIRE(paged.size() == whole.size());
            for (std::size_t k = 0; k < whole.size(); ++k) {
                INFO("row " << k);
                CHECK(paged[k].awardId == whole[k].awardId);
                CHECK(paged[k].holder == whole[k].holder);
                CHECK(paged[k].unitName == whole[k].unitName);
                CHECK(paged[k].standing.standing == whole[k].standing.standing);
                CHECK(paged[k].standing.dueOn == whole[k].standing.dueOn);
            }
        }
        std::vector<RowId> ids = heldTitleIdsForReview(s, f);
        REQUIRE(ids.size() == whole.size());
        for (std::size_t k = 0; k < whole.size(); ++k) CHECK(ids[k] == whole[k].awardId);
    }
    return listed;
}

} // namespace

TEST_CASE("migration 0038's review order equals its definition, and 全部有效's pages equal the list judged whole") {
    TitleWorld w(600);
    Storage& s = w.s;
    // Person titles too, with holders whose names sort before and after the households'.
    {
        Statement persons = s.db().prepare("SELECT id FROM award_title WHERE subject_kind = 'person' ORDER BY id");
        std::vector<RowId> personTitles;
        while (persons.step()) personTitles.push_back(persons.columnInt(0));
        REQUIRE(!personTitles.empty());
        for (int i = 0; i < 60; ++i) {
            Person p;
            p.name = (i % 2 ? "阿" : "赵") + std::to_string(i % 7);   // ties: the year and id decide
            p.unitId = w.d.community(static_cast<std::size_t>(i % 3));
            Award a;
            a.personId = s.insertPerson(p);
            a.titleId = personTitles[static_cast<std::size_t>(i) % personTitles.size()];
            a.year = 2022 + i % 5;
            a.status = i % 9 == 0 ? "撤销" : i % 4 == 0 ? "复核" : "命名";
            s.insertAward(a);
        }
    }
    const std::size_t first = checkReviewOrder(s, w, "the generated district");
    CHECK(first > 500);
    // Ties of holder, title and year exist (the id decides them).
    CHECK(scalarInt(s, "SELECT count(*) FROM (SELECT 1 FROM review_title_order"
                       " GROUP BY unit_name, holder, title_name HAVING count(*) > 1) x") > 0);

    // The migration's fill gives the triggers' rows.
    s.db().exec("DELETE FROM review_title_order");
    s.db().exec("INSERT INTO review_title_order SELECT * FROM review_title_order_keyed");
    checkReviewOrder(s, w, "refill");

    RecordStore records(s);
    UndoStore undo(s);
    // A household through the form, titles granted, revoked, undone.
    Family fam;
    fam.headName = "新户主";
    fam.address = "新地址1号";
    fam.members = 3;
    fam.unitId = w.d.community(0);
    const RowId added = records.addFamily(fam);
    FamilyAwardInput in;
    in.title = "平安家庭";
    in.level = "社区";
    in.year = 2025;
    in.event.date = "2025-05-20";
    in.status = "命名";
    in.awardId = records.addFamilyAward(added, in);
    checkReviewOrder(s, w, "a title granted");
    in.status = "撤销";
    in.event.date = "2026-02-01";
    records.updateFamilyAward(added, in);
    checkReviewOrder(s, w, "revoked");
    REQUIRE(undo.undoLast());
    checkReviewOrder(s, w, "the revocation undone");

    // 复核 in bulk.
    // Titles of 2025 (named by its end, before the decision's date).
    std::vector<RowId> ids = heldTitleIdsForReview(s, TitleReviewFilter{0, "", "", 2025, "", {}});
    REQUIRE(ids.size() > 40);
    reviewTitles(s, {ids.begin(), ids.begin() + 20}, {ReviewResult::Revoke, "2026-11-30", "文号", "不合格"},
                 "2026-12-05");
    checkReviewOrder(s, w, "复核 revoke");
    REQUIRE(undo.undoLast());
    checkReviewOrder(s, w, "its undo");

    // The holder's name and unit, through the forms and with SQL.
    auto family = records.family(added);
    REQUIRE(family);
    family->headName = "改名户主";
    family->unitId = w.d.community(2);
    records.updateFamily(*family);
    checkReviewOrder(s, w, "a household renamed and moved by its form");
    s.db().exec("UPDATE family SET head_name = head_name || '甲' WHERE id % 7 = 0");
    s.db().exec("UPDATE family SET unit_id = " + std::to_string(w.d.community(1)) + " WHERE id % 5 = 0");
    s.db().exec("UPDATE person SET name = '钱' || id WHERE id % 3 = 0");
    s.db().exec("UPDATE person SET unit_id = NULL WHERE id % 4 = 0");
    checkReviewOrder(s, w, "holders renamed and moved");
    // Every column of award the list reads.
    s.db().exec("UPDATE award SET status = CASE status WHEN '撤销' THEN '复核' ELSE '撤销' END WHERE id % 10 = 0");
    test::moveFamilyAwardsToFirstTitle(s, 8);
    test::moveAwardsYearBack(s, 9);
    s.db().exec("UPDATE award SET unit_id = " + std::to_string(w.d.community(0)) + " WHERE id % 6 = 0");
    s.db().exec("UPDATE award SET unit_id = NULL WHERE id % 11 = 0");
    test::moveFamilyAwardsToNextHousehold(s, 19);
    checkReviewOrder(s, w, "awards rewritten");
    // Units and titles renamed; a unit deleted (SET NULL on its rows).
    s.db().exec("UPDATE org_unit SET name = '改名社区' WHERE id = " + std::to_string(w.d.community(1)));
    s.db().exec("UPDATE award_title SET name = '新风家庭' WHERE subject_kind = 'family' AND name = '平安家庭' AND level = '社区'");
    checkReviewOrder(s, w, "a unit and a title renamed");
    const RowId spare = s.insertUnit({0, w.d.street(0), "临时社区", UnitKind::Community, 0, 9});
    s.db().exec("UPDATE family SET unit_id = " + std::to_string(spare) + " WHERE id % 13 = 0");
    s.db().exec("UPDATE award SET unit_id = " + std::to_string(spare) + " WHERE id % 14 = 0");
    checkReviewOrder(s, w, "moved into a new unit");
    s.db().exec("DELETE FROM org_unit WHERE id = " + std::to_string(spare));
    checkReviewOrder(s, w, "that unit deleted");
    // Deletes with cascades: awards, a household through undo's deleteRow and back, persons.
    s.db().exec("DELETE FROM award WHERE id % 17 = 0");
    const RowId someFamily = scalarInt(s, "SELECT family_id FROM award WHERE family_id IS NOT NULL ORDER BY id LIMIT 1");
    REQUIRE(undo.deleteRow("family", someFamily));
    checkReviewOrder(s, w, "a household deleted");
    REQUIRE(undo.undoLast());
    checkReviewOrder(s, w, "its delete undone");
    s.db().exec("DELETE FROM family WHERE id % 29 = 0");
    s.db().exec("DELETE FROM person WHERE id IN (SELECT person_id FROM award WHERE person_id IS NOT NULL AND id % 2 = 0)");
    CHECK(checkReviewOrder(s, w, "households and persons deleted with SQL") > 400);
}

TEST_CASE("a page of 全部有效 reads its rows, not the list") {
    TitleWorld w(3000);
    Storage& s = w.s;
    TitleReviewFilter all;
    all.standings = {};
    s.db().meterWork();
    const std::uint64_t start = s.db().workDone();
    const std::vector<ReviewableTitle> whole = titlesForReview(s, all, kDay);
    const std::uint64_t wholeWork = s.db().workDone() - start;
    REQUIRE(whole.size() > 3000);
    // A page far down by keyset, one by OFFSET near the start, the count.
    const std::size_t at = whole.size() * 3 / 4;
    const std::uint64_t before = s.db().workDone();
    const auto page = heldTitlesForReviewPage(s, all, kDay, reviewListKeyOf(whole[at - 1]), 0, 64);
    const std::uint64_t pageWork = s.db().workDone() - before;
    REQUIRE(page.size() == 64);
    CHECK(page.front().awardId == whole[at].awardId);
    CHECK(page.back().awardId == whole[at + 63].awardId);
    const std::uint64_t beforeCount = s.db().workDone();
    CHECK(countHeldTitlesForReview(s, all) == static_cast<std::int64_t>(whole.size()));
    const std::uint64_t countWork = s.db().workDone() - beforeCount;
    INFO("whole " << wholeWork << " page " << pageWork << " count " << countWork);
    CHECK(pageWork * 20 < wholeWork);
    CHECK(countWork * 20 < wholeWork);
    // A community's page (review_title_order_unit) also reads its rows only.
    TitleReviewFilter one = all;
    one.unitId = w.d.community(0);
    const std::uint64_t beforeUnit = s.db().workDone();
    const auto unitPage = heldTitlesForReviewPage(s, one, kDay, std::nullopt, 0, 64);
    const std::uint64_t unitWork = s.db().workDone() - beforeUnit;
    REQUIRE(unitPage.size() == 64);
    CHECK(unitWork * 5 < wholeWork);
}

namespace {

// The list's order computed here from the names themselves (PinyinIndex's ICU
// keys, not the stored ones): unit, holder in pinyin; title, year, id.
void checkPinyinOrder(const std::vector<ReviewableTitle>& rows) {
    PinyinIndex pinyin;
    using Key = std::tuple<std::string, std::string, std::string, int, RowId>;
    std::vector<Key> keys;
    for (const ReviewableTitle& r : rows)
        keys.emplace_back(pinyin.keysFor(r.unitName).collation, pinyin.keysFor(r.holder).collation, r.title, r.year,
                          r.awardId);
    for (std::size_t k = 1; k < keys.size(); ++k) {
        INFO("row " << k << ": " << rows[k - 1].unitName << " " << rows[k - 1].holder << " then " << rows[k].unitName
                    << " " << rows[k].holder);
        REQUIRE(keys[k - 1] < keys[k]);
    }
}

} // namespace

TEST_CASE("称号复核 lists units and holders in pinyin order (丁 江 毛 张), as the other lists") {
    test::TempDbPath path;
    Storage s(path.str());
    const RowId district = s.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
    const RowId street = s.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 0});
    // In character-code order: 万 (U+4E07) 和 (U+548C) 红 (U+7EA2); in pinyin: he, hong, wan.
    const RowId wan = s.insertUnit({0, street, "万松社区", UnitKind::Community, 0, 1});
    const RowId hong = s.insertUnit({0, street, "红星社区", UnitKind::Community, 0, 2});
    const RowId he = s.insertUnit({0, street, "和平社区", UnitKind::Community, 0, 3});
    RowId familyTitle = 0, personTitle = 0;
    {
        Statement st = s.db().prepare("SELECT id, subject_kind FROM award_title WHERE subject_kind IN ('family', 'person')"
                                      " ORDER BY id");
        while (st.step()) {
            RowId& id = st.columnText(1) == "family" ? familyTitle : personTitle;
            if (id == 0) id = st.columnInt(0);
        }
    }
    REQUIRE(familyTitle != 0);
    REQUIRE(personTitle != 0);
    // In code order 丁 (U+4E01) 张 (U+5F20) 毛 (U+6BDB) 江 (U+6C5F); in pinyin ding, jiang, mao, zhang.
    for (RowId unit : {wan, hong, he}) {
        for (const char* head : {"张秀英", "丁兰", "毛丽", "江梅"}) {
            Family f;
            f.headName = head;
            f.address = "一号";
            f.unitId = unit;
            Award a;
            a.familyId = s.insertFamily(f);
            a.titleId = familyTitle;
            a.year = 2025;
            a.unitId = unit;
            a.status = "命名";
            s.insertAward(a);
        }
    }
    Person p;
    p.name = "阿芳";   // a ... before ding: a person among the households
    p.unitId = hong;
    Award a;
    a.personId = s.insertPerson(p);
    a.titleId = personTitle;
    a.year = 2024;
    a.status = "复核";
    s.insertAward(a);

    TitleReviewFilter all;
    all.standings = {};
    auto shown = [](const std::vector<ReviewableTitle>& rows) {
        std::vector<std::string> out;
        for (const ReviewableTitle& r : rows) out.push_back(r.unitName + " " + r.holder);
        return out;
    };
    const std::vector<std::string> expected = {
        "和平社区 丁兰", "和平社区 江梅", "和平社区 毛丽", "和平社区 张秀英",
        "红星社区 阿芳", "红星社区 丁兰", "红星社区 江梅", "红星社区 毛丽", "红星社区 张秀英",
        "万松社区 丁兰", "万松社区 江梅", "万松社区 毛丽", "万松社区 张秀英"};
    // The whole list (待复核 … filters), the pages and 全选's ids: one order.
    CHECK(shown(titlesForReview(s, all, kDay)) == expected);
    CHECK(shown(heldTitlesForReviewPage(s, all, kDay, std::nullopt, 0, 100)) == expected);
    CHECK(shown(allPages(s, all, false, 3)) == expected);
    const std::vector<RowId> ids = heldTitleIdsForReview(s, all);
    const std::vector<ReviewableTitle> whole = titlesForReview(s, all, kDay);
    REQUIRE(ids.size() == whole.size());
    for (std::size_t k = 0; k < ids.size(); ++k) CHECK(ids[k] == whole[k].awardId);
    // A street's list (review_title_order_unit) and one community's.
    TitleReviewFilter oneStreet = all;
    oneStreet.unitId = street;
    CHECK(shown(allPages(s, oneStreet, false, 2)) == expected);
    TitleReviewFilter oneUnit = all;
    oneUnit.unitId = hong;
    CHECK(shown(allPages(s, oneUnit, false, 2)) ==
          std::vector<std::string>(expected.begin() + 4, expected.begin() + 9));

    // Renames move rows to their new place: the unit (万松 → 爱民, ai, first)
    // and a holder (张秀英 → 蔡秀英, cai, after 阿芳 and before 丁兰).
    s.db().exec("UPDATE org_unit SET name = '爱民社区' WHERE id = " + std::to_string(wan));
    s.db().exec("UPDATE family SET head_name = '蔡秀英' WHERE head_name = '张秀英' AND unit_id = " + std::to_string(hong));
    const std::vector<std::string> renamed = {
        "爱民社区 丁兰", "爱民社区 江梅", "爱民社区 毛丽", "爱民社区 张秀英",
        "和平社区 丁兰", "和平社区 江梅", "和平社区 毛丽", "和平社区 张秀英",
        "红星社区 阿芳", "红星社区 蔡秀英", "红星社区 丁兰", "红星社区 江梅", "红星社区 毛丽"};
    CHECK(shown(allPages(s, all, false, 4)) == renamed);
    CHECK(shown(titlesForReview(s, all, kDay)) == renamed);
}

TEST_CASE("at a few thousand titles, pages forward by keyset and backward from the end give the whole pinyin list") {
    TitleWorld w(2500);
    Storage& s = w.s;
    // Holders with real surnames (the world names every household 户主N):
    // through the family trigger, so the keys are the triggers' own.
    s.db().exec("UPDATE family SET head_name = substr('张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘',"
                " 1 + id % 40, 1) || substr('秀英兰梅芳丽静敏燕霞', 1 + id % 10, 1) || (id % 7)");
    TitleReviewFilter all;
    all.standings = {};
    const std::vector<ReviewableTitle> whole = titlesForReview(s, all, kDay);
    REQUIRE(whole.size() > 2000);
    checkPinyinOrder(whole);

    const int per = 64;
    const std::vector<ReviewableTitle> forward = allPages(s, all, false, per);
    REQUIRE(forward.size() == whole.size());
    // Backward: End's page (the last rows, by OFFSET from the count), then
    // each page before it, as the window reads scrolling up from End.
    const std::int64_t count = countHeldTitlesForReview(s, all);
    REQUIRE(count == static_cast<std::int64_t>(whole.size()));
    std::vector<ReviewableTitle> backward;
    for (std::int64_t end = count; end > 0; end -= per) {
        const std::int64_t from = std::max<std::int64_t>(0, end - per);
        std::vector<ReviewableTitle> rows =
            heldTitlesForReviewPage(s, all, kDay, std::nullopt, from, static_cast<int>(end - from));
        REQUIRE(static_cast<std::int64_t>(rows.size()) == end - from);
        backward.insert(backward.begin(), rows.begin(), rows.end());
    }
    REQUIRE(backward.size() == whole.size());
    for (std::size_t k = 0; k < whole.size(); ++k) {
        INFO("row " << k);
        CHECK(forward[k].awardId == whole[k].awardId);
        CHECK(backward[k].awardId == whole[k].awardId);
    }
    // A street's list by the walk of the order, a community's by its index.
    for (RowId unit : {w.d.street(0), w.d.community(2)}) {
        TitleReviewFilter f = all;
        f.unitId = unit;
        const std::vector<ReviewableTitle> part = titlesForReview(s, f, kDay);
        REQUIRE(part.size() > 100);
        checkPinyinOrder(part);
        const std::vector<ReviewableTitle> pages = allPages(s, f, false, per);
        REQUIRE(pages.size() == part.size());
        for (std::size_t k = 0; k < part.size(); ++k) CHECK(pages[k].awardId == part[k].awardId);
    }
}
