// storage_creation_kinds_test.cpp — creation awards as kinds (migration 0017):
// 巾帼文明岗 migrates without loss, the builtin kinds and their levels, a kind
// the organizer adds, a subject of another kind through its lifecycle, and
// counting places still meaning 巾帼文明岗. Real SQLite files.
#include <doctest/doctest.h>

#include "core/post_rules.hpp"
#include "storage/migrations.hpp"
#include "storage/post_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"

#include <sqlite3.h>

#include <algorithm>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

constexpr const char* kToday = "2026-11-29";

posts::TransitionRequest step(const char* status, const char* date, const char* doc = "",
                              std::optional<double> score = std::nullopt, bool veto = false, const char* fixBy = "") {
    posts::TransitionRequest r;
    r.status = status;
    r.date = date;
    r.docNumber = doc;
    r.score = score;
    r.veto = veto;
    r.fixBy = fixBy;
    return r;
}

std::string history(const posts::AwardHistory& a) {
    std::string out = a.level + " " + std::to_string(a.year) + " " + a.status + " [" + a.docNumber + "] fix_by=" +
                      a.fixBy + ":";
    for (const AwardEvent& e : a.events) {
        out += " " + e.status + "@" + e.happenedOn;
        if (!e.docNumber.empty()) out += "/" + e.docNumber;
        if (e.score) out += "/" + std::to_string(static_cast<int>(*e.score));
        if (e.veto) out += "/veto";
        if (!e.fixBy.empty()) out += "/fix " + e.fixBy;
        if (!e.note.empty()) out += "/" + e.note;
    }
    return out;
}

} // namespace

TEST_CASE("migration 17 keeps every 巾帼文明岗 in every state, with its events, scores, veto and fix-by" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.str().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) == SQLITE_OK);
        // The schema as it stood before creation kinds (0015 is the version released before 0016/0017).
        for (const Migration& m : embeddedMigrations())
            if (m.version <= 15) REQUIRE(sqlite3_exec(db, m.sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        const char* data = R"(
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (1, NULL, '临江区', '区', 0);
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (9, 1, '滨江街道', '街道', 0);
            INSERT INTO post (id, name, work_unit, unit_id, members, women_members, women_leaders, contact_name, note) VALUES
                (1, '申报岗', '临江收费站', 9, 10, 8, 1, '王芳', '备注一'),
                (2, '创建岗', '临江医院', 9, 12, 9, 2, '', ''),
                (3, '验收岗', '临江税务', 9, 5, 4, 1, '', ''),
                (4, '命名岗', '临江银行', 9, 20, 15, 3, '', ''),
                (5, '复核岗', '临江邮政', 9, 8, 6, 1, '', ''),
                (6, '撤销岗', '临江车站', 9, 6, 2, 0, '', '');
            INSERT INTO award (id, title_id, year, post_id, unit_id, status, doc_number, fix_by) VALUES
                (11, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区'), 2026, 1, 9, '申报', '', NULL),
                (12, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区'), 2026, 2, 9, '创建', '', NULL),
                (13, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区'), 2025, 3, 9, '考核验收', '', NULL),
                (14, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区'), 2022, 4, 9, '命名', '临妇〔2022〕3号', NULL),
                (15, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '市'), 2025, 4, 9, '命名', '市妇〔2025〕8号', NULL),
                (16, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区'), 2023, 5, 9, '复核', '临妇〔2023〕5号', '2027-03-31'),
                (17, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区'), 2021, 6, 9, '撤销', '临妇〔2021〕2号', NULL);
            INSERT INTO award_event (award_id, status, happened_on, doc_number, score, veto, fix_by, note) VALUES
                (11, '申报', '2026-03-01', '', NULL, 0, NULL, '首次申报'),
                (12, '申报', '2026-02-01', '', NULL, 0, NULL, ''),
                (12, '创建', '2026-04-01', '', NULL, 0, NULL, ''),
                (13, '申报', '2025-02-01', '', NULL, 0, NULL, ''),
                (13, '创建', '2025-03-01', '', NULL, 0, NULL, ''),
                (13, '考核验收', '2025-10-01', '', 72.5, 0, NULL, ''),
                (14, '申报', '2022-02-01', '', NULL, 0, NULL, ''),
                (14, '命名', '2022-12-01', '临妇〔2022〕3号', NULL, 0, NULL, ''),
                (15, '申报', '2025-01-10', '', NULL, 0, NULL, ''),
                (15, '考核验收', '2025-09-01', '', 91, 0, NULL, ''),
                (15, '命名', '2025-11-01', '市妇〔2025〕8号', NULL, 0, NULL, ''),
                (16, '申报', '2023-02-01', '', NULL, 0, NULL, ''),
                (16, '命名', '2023-12-01', '临妇〔2023〕5号', NULL, 0, NULL, ''),
                (16, '复核', '2026-10-01', '', 55, 1, '2027-03-31', '一票否决：有效投诉查实且未整改'),
                (17, '申报', '2021-02-01', '', NULL, 0, NULL, ''),
                (17, '命名', '2021-12-01', '临妇〔2021〕2号', NULL, 0, NULL, ''),
                (17, '复核', '2024-10-01', '', 40, 0, '2025-01-31', ''),
                (17, '撤销', '2025-03-01', '临妇〔2025〕1号', NULL, 0, NULL, '逾期未整改');
            PRAGMA user_version = 15;)";
        char* error = nullptr;
        const int rc = sqlite3_exec(db, data, nullptr, nullptr, &error);
        INFO((error ? error : ""));
        REQUIRE(rc == SQLITE_OK);
        sqlite3_close(db);
    }
    Storage storage(path.str());
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    PostStore store(storage);
    CHECK(storage.count("post") == 6);
    CHECK(storage.count("award") == 7);
    CHECK(storage.count("award_event") == 18);

    // Every post is a 巾帼文明岗 with every field it had.
    const std::optional<Post> first = store.post(1);
    REQUIRE(first);
    CHECK(first->kindId == kPostKindId);
    CHECK(first->workUnit == "临江收费站");
    CHECK(first->members == 10);
    CHECK(first->womenMembers == 8);
    CHECK(first->womenLeaders == 1);
    CHECK(first->contactName == "王芳");
    CHECK(first->note == "备注一");
    for (RowId id = 1; id <= 6; ++id) CHECK(store.post(id)->kindId == kPostKindId);

    auto only = [&](RowId postId) {
        const auto awards = store.awardsOf(postId);
        REQUIRE(awards.size() == 1);
        return history(awards.front());
    };
    CHECK(only(1) == "区 2026 申报 [] fix_by=: 申报@2026-03-01/首次申报");
    CHECK(only(2) == "区 2026 创建 [] fix_by=: 申报@2026-02-01 创建@2026-04-01");
    CHECK(only(3) == "区 2025 考核验收 [] fix_by=: 申报@2025-02-01 创建@2025-03-01 考核验收@2025-10-01/72");
    const auto named = store.awardsOf(4);
    REQUIRE(named.size() == 2);
    CHECK(history(named[0]) == "区 2022 命名 [临妇〔2022〕3号] fix_by=: 申报@2022-02-01 命名@2022-12-01/临妇〔2022〕3号");
    CHECK(history(named[1]) ==
          "市 2025 命名 [市妇〔2025〕8号] fix_by=: 申报@2025-01-10 考核验收@2025-09-01/91 命名@2025-11-01/市妇〔2025〕8号");
    CHECK(only(5) == "区 2023 复核 [临妇〔2023〕5号] fix_by=2027-03-31: 申报@2023-02-01 命名@2023-12-01/临妇〔2023〕5号"
                     " 复核@2026-10-01/55/veto/fix 2027-03-31/一票否决：有效投诉查实且未整改");
    CHECK(only(6) == "区 2021 撤销 [临妇〔2021〕2号] fix_by=: 申报@2021-02-01 命名@2021-12-01/临妇〔2021〕2号"
                     " 复核@2024-10-01/40/fix 2025-01-31 撤销@2025-03-01/临妇〔2025〕1号/逾期未整改");

    // The list reads them as before: states, scores, the ladder condition of the 市 award.
    const std::vector<PostListRow> rows = store.rows({}, kToday);
    REQUIRE(rows.size() == 6);
    CHECK(rows[3].level == "市");
    CHECK(rows[3].status == "命名");
    CHECK(rows[3].latestScore == doctest::Approx(91));
    CHECK(rows[4].review == posts::ReviewState::Fixing);
    CHECK(rows[4].grade == posts::Grade::Fail);
    CHECK(rows[5].status == "撤销");
    CHECK(rows[5].unmetConditions == 2);   // 2 of 6 women, no woman leader
    const auto conditions = posts::checkConditions(*store.post(4), store.awardsOf(4));
    REQUIRE(conditions.size() == 4);
    CHECK(conditions[3].met);            // 区 2022 → 市 2025: 满2年
    // Its steps go on as before.
    const auto r = store.transition(12, step("考核验收", "2026-10-01", "", 85.0), kToday);
    CHECK_MESSAGE(r.ok, r.reason);

    // The 巾帼文明岗 titles are kind 1's levels; the builtin kinds are there.
    const std::vector<posts::CreationKind> kinds = store.kinds();
    REQUIRE(kinds.size() == 3);
    CHECK(kinds[0].name == "巾帼文明岗");
    CHECK(kinds[0].id == kPostKindId);
    CHECK(kinds[0].memberConditions);
    CHECK(kinds[0].levels == std::vector<std::string>{"区", "市", "省", "全国"});
    CHECK(kinds[0].vetoItems.size() == 4);
    CHECK(kinds[1].name == "巾帼示范村");
    CHECK(kinds[1].subjectWord == "村");
    CHECK_FALSE(kinds[1].memberConditions);
    CHECK(kinds[2].name == "示范家长学校");
    CHECK(kinds[2].levels == std::vector<std::string>{"区", "市", "省", "全国"});
}

TEST_CASE("a kind the organizer adds gets its titles; refusals say why and write nothing") {
    test::TempDbPath path;
    Storage storage(path.str());
    PostStore store(storage);
    const std::int64_t titlesBefore = storage.count("award_title");
    CHECK_THROWS_WITH_AS(store.addKind(" ", "站", {"区"}), doctest::Contains("类别名称"), StorageError);
    CHECK_THROWS_WITH_AS(store.addKind("妇女之家", "", {"区"}), doctest::Contains("叫法"), StorageError);
    CHECK_THROWS_WITH_AS(store.addKind("妇女之家", "家", {}), doctest::Contains("级别"), StorageError);
    CHECK_THROWS_WITH_AS(store.addKind("妇女之家", "家", {"乡"}), doctest::Contains("级别"), StorageError);
    CHECK_THROWS_WITH_AS(store.addKind("巾帼示范村", "村", {"区"}), doctest::Contains("已有"), StorageError);
    CHECK(storage.count("award_title") == titlesBefore);
    CHECK(store.kinds().size() == 3);

    const RowId kind = store.addKind("妇女之家", "家", {"县(市)", "区", "行业/系统"});
    CHECK(storage.count("award_title") == titlesBefore + 3);
    const std::optional<posts::CreationKind> k = store.kind(kind);
    REQUIRE(k);
    CHECK(k->subjectWord == "家");
    CHECK(k->levels == std::vector<std::string>{"区", "县(市)", "行业/系统"});   // title-level order
    CHECK(k->vetoItems.size() == 3);
    // Points follow the level's setting.
    Statement points = storage.db().prepare("SELECT points FROM award_title WHERE kind_id = ? AND level = '县(市)'");
    points.bind(1, kind);
    REQUIRE(points.step());
    CHECK(points.columnDouble(0) == doctest::Approx(20));
    points.reset();
    // One undo step takes the kind and its titles away.
    REQUIRE(UndoStore(storage).undoLast());
    CHECK(store.kinds().size() == 3);
    CHECK(storage.count("award_title") == titlesBefore);
}

TEST_CASE("a 巾帼示范村 goes through its lifecycle, and counting places still means 巾帼文明岗") {
    test::TempDbPath path;
    Storage storage(path.str());
    PostStore store(storage);
    const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0});
    const std::vector<posts::CreationKind> kinds = store.kinds();
    const RowId villageKind = kinds[1].id;

    Post village;
    village.workUnit = "临江镇";
    village.name = "桃花村";
    village.unitId = district;
    village.kindId = villageKind;
    const RowId id = store.insertPost(village);
    CHECK(store.post(id)->kindId == villageKind);

    // A level the kind does not have is refused, naming the kind's levels.
    auto refused = store.apply(id, "县(市)", 2026, step("申报", "2026-02-01"), kToday);
    CHECK_FALSE(refused.ok);
    CHECK(refused.reason == "巾帼示范村的级别应为区、市、省或全国。");

    auto applied = store.apply(id, "区", 2026, step("申报", "2026-02-01"), kToday);
    REQUIRE_MESSAGE(applied.ok, applied.reason);
    CHECK(store.transition(applied.id, step("创建", "2026-03-01"), kToday).ok);
    CHECK(store.transition(applied.id, step("考核验收", "2026-06-01", "", 88.0), kToday).ok);
    CHECK(store.transition(applied.id, step("命名", "2026-07-01", "临妇〔2026〕9号"), kToday).ok);
    CHECK(store.transition(applied.id, step("复核", "2026-11-01", "", 90.0), kToday).ok);
    const auto awards = store.awardsOf(id);
    REQUIRE(awards.size() == 1);
    CHECK(awards[0].titleName == "巾帼示范村");
    CHECK(awards[0].status == "复核");
    CHECK(awards[0].docNumber == "临妇〔2026〕9号");
    // A village has no members' conditions, only the ladder.
    CHECK(posts::checkConditions(*store.post(id), awards, kinds[1]).size() == 1);

    // Lists are per kind; 巾帼文明岗's list and counts do not see the village.
    PostFilter villages;
    villages.kindId = villageKind;
    CHECK(store.rows(villages, kToday).size() == 1);
    CHECK(store.rows({}, kToday).empty());
    CHECK(store.years(villageKind) == std::vector<int>{2026});
    CHECK(store.years().empty());
    const OverviewFigures o = storage.overview();
    CHECK(o.posts == 0);
    CHECK(o.postsNamed == 0);
}
