// storage_volunteer_list_test.cpp — issue 17 (people): person_list (0020)
// holds each person's pinyin sort key, search keys and all-time totals, kept
// by triggers on every write path (seeding, VolunteerStore, roster import,
// undo, redo), equal to its definition and to Storage::volunteerRows; and
// VolunteerList's count/page/seek/search give the same rows in the same
// order as a brute force over every volunteer.
#include "core/pinyin.hpp"
#include "core/text.hpp"
#include "storage/roster_import.hpp"
#include "storage/sql_functions.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "storage/volunteer_list.hpp"
#include "storage/volunteer_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"
#include "support/person_list_check.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <random>

using namespace jinguo;
using namespace jinguo::storage;
using test::checkPersonList;

namespace {

std::string names(const std::vector<VolunteerListRow>& rows) {
    std::string out;
    for (const VolunteerListRow& r : rows) out += r.row.name + " ";
    return out;
}

} // namespace

TEST_CASE("person_list: every write path leaves the right keys and totals (save, rename, records, import, undo, redo)") {
    test::TempDbPath path;
    Storage s(path.str());
    const test::District d = test::buildDistrict(s);
    VolunteerStore volunteers(s);
    UndoStore undo(s);

    Person p;
    p.name = "张三";
    p.unitId = d.community();
    p.joinedOn = "2024-01-01";
    p.rosterHours = 12.5;
    const RowId zhang = volunteers.save(p);
    Person seeded;
    seeded.name = "阿芳";
    seeded.unitId = d.community();
    seeded.idNumber = "11010519491231002X";
    seeded.phone = "13800001234";
    const RowId afang = s.insertPerson(seeded);
    checkPersonList(s);

    // Rename through the store: the key follows.
    Person renamed = *s.person(zhang);
    renamed.name = "曾小红";
    const Person asLoaded = *s.person(zhang);
    volunteers.save(renamed, &asLoaded);
    checkPersonList(s);
    CHECK(VolunteerList(s).page({}, nullptr, 10).front().row.name == "阿芳");   // a < z(eng)

    // Records: add, verify toggle, delete; credits by SQL.
    ServiceRecord r;
    r.personId = zhang;
    r.servedOn = "2026-03-08";
    r.hours = 4.5;
    r.verified = false;
    volunteers.addServiceRecord(r, "曾小红", "2026-12-05");
    checkPersonList(s);
    volunteers.toggleVerified(s.serviceRecordsOf(zhang).front(), "曾小红", "2026-12-05");
    checkPersonList(s);
    s.insertRosterCredit(afang, "2026-05-01", 30);
    s.db().exec("UPDATE service_record SET hours = 6");
    checkPersonList(s);
    volunteers.deleteServiceRecord(s.serviceRecordsOf(zhang).front().id, "曾小红");
    checkPersonList(s);

    // Undo and redo of the rename, the delete of a person with her records.
    undo.undoLast();   // the record comes back
    checkPersonList(s);
    volunteers.remove(zhang, "曾小红");
    CHECK(!s.person(zhang));
    checkPersonList(s);
    undo.undoLast();
    REQUIRE(s.person(zhang));
    checkPersonList(s);
    undo.redoLast();
    checkPersonList(s);
    undo.undoLast();
    checkPersonList(s);

    // A unit renamed: the unit sort key follows; an unlinked roster text.
    s.db().exec("UPDATE org_unit SET name = '阿里社区' WHERE kind = '社区'");
    checkPersonList(s);
    s.db().exec("UPDATE person SET unit_id = NULL, unit_text = '向阳社区' WHERE name = '阿芳'");
    checkPersonList(s);
    {
        Statement st = s.db().prepare("SELECT unit_key FROM person_list WHERE name = '阿芳'");
        REQUIRE(st.step());
        // The UI's str::kUnitUnlinked, keyed as the engine stores keys (a file: ICU's hex key).
        CHECK(st.columnText(0) == storedSortKey(s.db(), "向阳社区（未关联）"));
    }

    // A roster import (new people, an update, credits), then its undo.
    const std::string dir = (std::filesystem::temp_directory_path() / ("jinguo_vlist_" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    const std::string file = dir + "/roster.csv";
    std::ofstream(file, std::ios::binary) << "姓名,身份证号,所属社区,服务时长\n"
                                             "李娜,440524198001010013,阿里社区,20\n"
                                             "阿芳二,11010519491231002X,阿里社区,50\n"
                                             "单田芳,110105194912310045,阿里社区,7\n";
    RosterImportRequest request;
    request.kind = roster::RosterKind::Volunteers;
    request.files = {file};
    request.today = "2026-11-29";
    const RosterImportResult result = runRosterImport(s, request);
    REQUIRE_MESSAGE(result.status == RosterImportResult::Status::Committed, result.error);
    CHECK(s.count("person") >= 3);
    checkPersonList(s);
    undo.undoLast();
    checkPersonList(s);
    undo.redoLast();
    checkPersonList(s);
    std::filesystem::remove_all(dir);

    // An old file: the fill step rebuilds what the triggers keep.
    s.db().exec("DELETE FROM person_list; DELETE FROM person_search;");
    CHECK(fillPersonSortKeys(s, true) == s.count("person"));
    checkPersonList(s);
    CHECK(fillPersonSortKeys(s) == 0);   // the version is stored: nothing to do
    CHECK(s.setting("pinyin.collation_version", "") == collationVersion());
}

namespace {

// The list's rule (ui::volunteerMatches), spelled in the test from core.
bool matchesBrute(const VolunteerRow& r, const NameKeys& keys, const std::string& typed) {
    const std::string q = trim(foldFullWidth(typed));
    if (q.empty()) return true;
    if (q.find_first_not_of("0123456789Xx") == std::string::npos) {
        const std::string rev = reversedTail(q);
        return reversedTail(r.idNumber).rfind(rev, 0) == 0 || reversedTail(r.phone).rfind(rev, 0) == 0;
    }
    if (isPinyinQuery(q) && matchesPinyin(keys, q)) return true;
    const std::string unitShown = r.unitId == 0 && !r.unitText.empty() ? r.unitText + "（未关联）" : r.unitName;
    return containsFolded(r.name, q) || containsFolded(unitShown, q);
}

struct Generated {
    test::TempDbPath path;
    Storage s{path.str()};
    std::vector<RowId> units;

    explicit Generated(int people) {
        const test::District d = test::buildDistrict(
            s, {9000, {{"滨江街道", 3000, 0, {{"望江社区", 1000}, {"东城社区", 1000}}}, {"城北街道", 3000, 0, {{"欧阳村", 1000}}}}});
        units = d.communities;
        std::mt19937 rng(17);
        const char* surnames[] = {"张", "王", "李", "赵", "欧阳", "曾", "单", "阿", "犇", "吕"};
        const char* given[] = {"三", "芳", "娜", "小红", "敏", "淼", "丽", "军", "Anna", "强", "静"};
        Transaction tx(s.db());
        s.setAuditEnabled(false);
        for (int i = 0; i < people; ++i) {
            Person p;
            p.name = std::string(surnames[rng() % 10]) + given[rng() % 11] + (rng() % 3 == 0 ? given[rng() % 11] : "");
            p.unitId = rng() % 13 == 0 ? 0 : units[rng() % units.size()];
            p.gender = rng() % 4 == 0 ? "" : rng() % 2 ? "女" : "男";
            p.joinedOn = rng() % 5 == 0 ? "" : "2020-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10);
            // Not valid ID numbers (the schema only checks the length): unique tails to search.
            if (rng() % 4) p.idNumber = std::to_string(110000000000000000LL + static_cast<long long>(i) * 7919 % 1000003) + "";
            if (p.idNumber.size() != 18) p.idNumber.clear();
            if (rng() % 3) p.phone = "13" + std::to_string(100000000 + rng() % 900000000);
            p.rosterHours = rng() % 4 == 0 ? (rng() % 400) * 0.5 : 0;
            p.isVolunteer = rng() % 20 != 0;
            const RowId id = s.insertPerson(p);
            for (unsigned k = rng() % 4; k > 0; --k) {
                ServiceRecord r;
                r.personId = id;
                r.servedOn = "2026-01-0" + std::to_string(k);
                r.hours = (1 + rng() % 16) * 0.5;
                r.verified = rng() % 3 != 0;
                s.insertServiceRecord(r);
            }
        }
        s.setAuditEnabled(true);
        tx.commit();
        // unit_text is not in Person: set it by SQL for a few unlinked people.
        s.db().exec("UPDATE person SET unit_text = '向阳社区' WHERE unit_id IS NULL AND id % 2 = 0");
    }
};

// The brute force: every volunteer, filtered and sorted as the old screen did
// (sort column, then id; ties follow the direction).
std::vector<RowId> bruteOrder(Storage& s, const VolunteerListQuery& q) {
    PinyinIndex pinyin;
    std::vector<VolunteerRow> rows = s.volunteerRows();
    struct Item {
        VolunteerRow row;
        std::string nameKey, unitKey;
        double hours;
    };
    std::vector<Item> items;
    for (VolunteerRow& r : rows) {
        const NameKeys keys = pinyin.keysFor(r.name);
        if (q.unitId != 0 && r.unitId != q.unitId) continue;
        if (!matchesBrute(r, keys, q.search)) continue;
        const std::string unitShown = r.unitId == 0 && !r.unitText.empty() ? r.unitText + "（未关联）" : r.unitName;
        items.push_back({r, sortKeyText(keys), sortKeyText(pinyin, unitShown), r.recordedHours + r.rosterHours});
    }
    auto compare = [&](const Item& a, const Item& b) -> int {
        switch (q.sort) {
        case VolunteerSort::Name: return a.nameKey.compare(b.nameKey);
        case VolunteerSort::Gender: return a.row.gender.compare(b.row.gender);
        case VolunteerSort::Unit: return a.unitKey.compare(b.unitKey);
        case VolunteerSort::Hours: return a.hours < b.hours ? -1 : a.hours > b.hours ? 1 : 0;
        case VolunteerSort::Records: return a.row.records - b.row.records;
        case VolunteerSort::Joined: return a.row.joinedOn.compare(b.row.joinedOn);
        }
        return 0;
    };
    std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
        int c = compare(a, b);
        if (c == 0) c = a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
        return q.ascending ? c < 0 : c > 0;
    });
    std::vector<RowId> out;
    for (const Item& i : items) out.push_back(i.row.id);
    return out;
}

} // namespace

TEST_CASE("VolunteerList: count, keyset pages, seek and search agree with a brute force over every volunteer") {
    Generated g(3000);
    checkPersonList(g.s);
    VolunteerList list(g.s);
    const std::vector<std::string> searches = {"", "张", "张三", "欧阳", "zs", "zhang", "ouyang", "san", "犇淼",
                                               "an", "ANNA", "1234", "34", "8", "0x", "东城", "dongcheng", "向阳",
                                               "（未关联）", "吕", "lv", "zzzq", "vq", "小红", "xiaohong", "13",
                                               "a", "z", "zh", "东", "社", "区", "0", "x", "ng", "阳", "N", " 王 "};
    const VolunteerSort sorts[] = {VolunteerSort::Name, VolunteerSort::Gender, VolunteerSort::Unit,
                                   VolunteerSort::Hours, VolunteerSort::Records, VolunteerSort::Joined};
    int compared = 0;
    for (const std::string& search : searches) {
        for (const VolunteerSort sort : sorts) {
            for (const bool ascending : {true, false}) {
                for (const RowId unit : {RowId(0), g.units[1]}) {
                    if (unit != 0 && sort != VolunteerSort::Name && sort != VolunteerSort::Hours) continue;
                    VolunteerListQuery q;
                    q.search = search;
                    q.sort = sort;
                    q.ascending = ascending;
                    q.unitId = unit;
                    const std::vector<RowId> expected = bruteOrder(g.s, q);
                    INFO("search '" << search << "' sort " << static_cast<int>(sort) << (ascending ? " asc" : " desc")
                                    << " unit " << unit << " plan " << list.planName(q));
                    CHECK(list.count(q) == static_cast<std::int64_t>(expected.size()));
                    // Keyset pages of 97 through the whole list.
                    std::vector<RowId> paged;
                    std::optional<VolunteerListKey> after;
                    for (int guard = 0; guard < 100; ++guard) {
                        const auto rows = list.page(q, after ? &*after : nullptr, 97);
                        for (const auto& r : rows) paged.push_back(r.row.id);
                        if (rows.size() < 97) break;
                        after = rows.back().key;
                    }
                    CHECK(paged == expected);
                    // Seeks at a few positions.
                    for (const std::size_t at : {std::size_t(0), expected.size() / 3, expected.size() / 2 + 1,
                                                 expected.size() > 0 ? expected.size() - 1 : 0}) {
                        const auto rows = list.seek(q, static_cast<std::int64_t>(at), 5);
                        std::vector<RowId> got;
                        for (const auto& r : rows) got.push_back(r.row.id);
                        const std::vector<RowId> want(expected.begin() + static_cast<std::ptrdiff_t>(std::min(at, expected.size())),
                                                      expected.begin() + static_cast<std::ptrdiff_t>(std::min(at + 5, expected.size())));
                        CHECK(got == want);
                    }
                    ++compared;
                }
            }
        }
    }
    CHECK(compared > 300);
    // The plans the searches take (so each way is exercised above).
    auto planOf = [&](const char* search) {
        VolunteerListQuery q;
        q.search = search;
        return list.planName(q);
    };
    CHECK(planOf("") == "all");
    CHECK(planOf("1234") == "tails");
    CHECK(planOf("34") == "gram");
    CHECK(planOf("xiaohong") == "fts");
    CHECK(planOf("张") == "gram");
    CHECK(planOf("vq") == "gram");
    {
        VolunteerListQuery q;
        q.search = "张";
        q.sort = VolunteerSort::Hours;
        CHECK(list.planName(q) == "gram-sorted");   // fewer than 5,000 matches: sorted
        q.unitId = g.units[1];
        CHECK(list.planName(q) == "scan");          // within a unit: its own rows
        q.search = "34";
        CHECK(list.planName(q) == "walk");
    }
    // Shown rows carry what the list shows.
    VolunteerListQuery first;
    const auto page = list.page(first, nullptr, 3);
    REQUIRE(page.size() == 3);
    CHECK(names(page).rfind("阿", 0) == 0);
}

TEST_CASE("VolunteerList: 1–2 character searches by person_gram (0026) give the rows and counts of the old scan") {
    Generated g(2500);
    // Writes after the fill: grams follow renames, deletions, volunteers leaving, undo.
    {
        Statement st = g.s.db().prepare("SELECT id FROM person ORDER BY id LIMIT 40");
        std::vector<RowId> ids;
        while (st.step()) ids.push_back(st.columnInt(0));
        Transaction tx(g.s.db());
        for (std::size_t i = 0; i < ids.size(); i += 4) {
            g.s.db().exec("UPDATE person SET name = '欧阳娜娜' WHERE id = " + std::to_string(ids[i]));
            g.s.db().exec("UPDATE person SET is_volunteer = 1 - is_volunteer WHERE id = " + std::to_string(ids[i + 1]));
            g.s.db().exec("UPDATE person SET phone = '13912345678', id_number = NULL WHERE id = " + std::to_string(ids[i + 2]));
            g.s.db().exec("DELETE FROM person WHERE id = " + std::to_string(ids[i + 3]));
        }
        tx.commit();
    }
    checkPersonList(g.s);
    VolunteerList indexed(g.s), walking(g.s), reference(g.s);
    reference.setShortSearchIndexed(false);
    walking.setGramWalkFrom(0);   // every other sort walks its index
    // Every 1–2 character gram the volunteers have, plus misses and units' names.
    std::set<std::string> queries = {"社", "区", "东城", "阳", "未关", "q", "vv", "00", "9x", "嘿", "欧", "a1"};
    {
        Statement st = g.s.db().prepare("SELECT DISTINCT substr(gram, 2) FROM person_gram");
        while (st.step()) queries.insert(st.columnText(0));
    }
    REQUIRE(queries.size() > 100);
    int compared = 0, gramPlans = 0, unitPlans = 0;
    for (const std::string& search : queries) {
        for (const VolunteerSort sort : {VolunteerSort::Name, VolunteerSort::Hours, VolunteerSort::Unit}) {
            for (const bool ascending : {true, false}) {
                VolunteerListQuery q;
                q.search = search;
                q.sort = sort;
                q.ascending = ascending;
                INFO("search '" << search << "' sort " << static_cast<int>(sort) << " plan " << indexed.planName(q));
                gramPlans += indexed.planName(q).rfind("gram", 0) == 0;
                CHECK(indexed.count(q) == reference.count(q));
                std::vector<RowId> a, b;
                std::optional<VolunteerListKey> after;
                for (int guard = 0; guard < 60; ++guard) {
                    const auto rows = indexed.page(q, after ? &*after : nullptr, 50);
                    for (const auto& r : rows) a.push_back(r.row.id);
                    if (rows.size() < 50) break;
                    after = rows.back().key;
                }
                reference.forEach(q, [&](const VolunteerListRow& r) { b.push_back(r.row.id); });
                CHECK(a == b);
                const std::int64_t middle = static_cast<std::int64_t>(b.size() / 2);
                std::vector<RowId> sa, sb;
                for (const auto& r : indexed.seek(q, middle, 7)) sa.push_back(r.row.id);
                for (const auto& r : reference.seek(q, middle, 7)) sb.push_back(r.row.id);
                CHECK(sa == sb);
                const std::string plan = indexed.planName(q);
                if (sort != VolunteerSort::Name || plan == "units-sorted") {   // a unit match walks the name's index too
                    CHECK(walking.planName(q) == (plan == "gram-sorted" || plan == "units-sorted" ? "walk" : plan));
                    std::vector<RowId> w;
                    walking.forEach(q, [&](const VolunteerListRow& r) { w.push_back(r.row.id); });
                    CHECK(w == b);
                    CHECK(walking.count(q) == reference.count(q));
                }
                unitPlans += plan == "units-sorted";
                ++compared;
            }
        }
    }
    CHECK(gramPlans > compared / 2);
    CHECK(unitPlans >= 4 * 6);   // 社, 区, 东城, 阳 at least: units' names take the candidates' way
}

TEST_CASE("VolunteerList: every volunteer's count is 0040's kept row, equal to count(*) after every kind of write") {
    test::TempDbPath path;
    Storage s(path.str());
    const test::District d = test::buildDistrict(s);
    s.db().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                " INSERT INTO person (name, unit_id, is_volunteer) SELECT '王' || i, " + std::to_string(d.community()) +
                ", i % 5 <> 0 FROM n");
    checkPersonList(s);
    auto everyone = [&] {
        Statement st = s.db().prepare("SELECT count(*) FROM person_list WHERE is_volunteer = 1");
        REQUIRE(st.step());
        return st.columnInt(0);
    };
    CHECK(everyone() == 2400);
    // Counting everyone reads one row, not the list's index.
    s.db().meterWork();
    CHECK(VolunteerList(s).count({}) == 2400);
    const std::uint64_t keptWork = s.db().workDone();
    s.db().meterWork();
    CHECK(everyone() == 2400);
    const std::uint64_t countedWork = s.db().workDone();
    CHECK_MESSAGE(keptWork * 20 < countedWork, "kept " << keptWork << ", counted " << countedWork);
    // A unit filter or a search still counts its rows.
    VolunteerListQuery inUnit;
    inUnit.unitId = d.community();
    CHECK(VolunteerList(s).count(inUnit) == 2400);
    // Flags changed both ways, renames (person_list rows replaced), deletes, undo.
    s.db().exec("UPDATE person SET is_volunteer = 1 - is_volunteer WHERE id % 7 = 0");
    checkPersonList(s);
    s.db().exec("UPDATE person SET name = name || '芳' WHERE id % 11 = 0");
    checkPersonList(s);
    UndoStore undo(s);
    REQUIRE(undo.deleteRow("person", 12));
    s.db().exec("DELETE FROM person WHERE id % 13 = 0");
    checkPersonList(s);
    REQUIRE(undo.undoLast());
    checkPersonList(s);
    // The refill after an ICU upgrade empties person_list without its triggers.
    fillPersonSortKeys(s, true);
    checkPersonList(s);
    CHECK(VolunteerList(s).count({}) == everyone());
    CHECK(VolunteerList(s).count({}) > 1500);
}
