// pg_badge_scope_test.cpp — badge evaluation by users who see only their
// subtree (issue 18): a street's 录入 stores her people's and units' badges
// and drains only her people's marks, a 只读 user stores and drains nothing,
// and the district's later run stores the rest — together exactly what one
// district evaluation stores. Real cluster, real row security.
#include "headless_ui.hpp"
#include "storage/badge_store.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_security.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "support/pg_cluster.hpp"
#include "ui/badge_announcer.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace jinguo;

namespace {

int g_servers = 0;   // role names are the cluster's: each database gets its own suffix

// 临江区 → 江滨街道 (望月社区, 金沙社区), 文昌街道 (书院社区), written by the
// owner, with users 江滨街道 录入, 文昌街道 只读 and the district's 管理员.
struct Server {
    std::string dbname = ::test::PgCluster::shared().createMigratedDatabaseNamed();
    std::string suffix = std::to_string(++g_servers);
    std::string street = "jb_editor_" + suffix, reader = "wc_reader_" + suffix, district = "district_admin_" + suffix;
    storage::Storage owner{::test::PgCluster::shared().conninfo(dbname)};
    jinguo::test::District units;

    Server() {
        units = jinguo::test::buildDistrict(owner, {0, {{"江滨街道", 0, 0, {{"望月社区", 10}, {"金沙社区", 10}}},
                                                {"文昌街道", 0, 0, {{"书院社区", 10}}}}});
        owner.setSetting("badge.team_size", "2");
        storage::PgDatabase pg(::test::PgCluster::shared().conninfo(dbname));
        storage::addPgUser(pg, {street, "江滨街道", "录入", std::nullopt});
        storage::addPgUser(pg, {reader, "文昌街道", "只读", std::nullopt});
        storage::addPgUser(pg, {district, "临江区", "管理员", std::nullopt});
    }
    std::string as(const std::string& user) const { return ::test::PgCluster::shared().conninfo(dbname, user); }

    // The same data in every Server: people serving in every community, an
    // activities target met in each, and a post re-reviewed in each street.
    void fill() {
        int n = 0;
        for (const RowId community : units.communities) {
            for (int i = 0; i < 3; ++i) {
                Person p;
                p.name = "志愿者" + std::to_string(++n);
                p.unitId = community;
                p.joinedOn = "2025-0" + std::to_string(1 + i) + "-01";
                const RowId id = owner.insertPerson(p);
                owner.insertServiceRecord({0, id, 0, "2026-03-0" + std::to_string(1 + i), 2, "", true, ""});
            }
            owner.insertTarget({0, community, 2026, "activities", 0, "", 1, ""});
            owner.insertActivity({0, "宣讲", "2026-05-20", community, "", 0, ""});
        }
        for (const RowId community : {units.community(0), units.community(2)}) {
            Post post;
            post.workUnit = "临江区人民医院";
            post.name = "护理部" + std::to_string(community);
            post.unitId = community;
            post.members = 10;
            post.womenMembers = 8;
            post.womenLeaders = 1;
            Award award;
            award.titleId = owner.awardTitleId("巾帼文明岗", "post", "区");
            REQUIRE(award.titleId != 0);
            award.year = 2024;
            award.postId = owner.insertPost(post);
            award.unitId = community;
            const RowId awardId = owner.insertAward(award);
            owner.insertAwardEvent({0, awardId, "命名", "2024-03-08", "", std::nullopt, false, "", ""});
            owner.insertAwardEvent({0, awardId, "复核", "2026-09-01", "", 88, false, "", ""});
        }
    }
};

std::int64_t scalar(storage::Storage& s, const std::string& sql) {
    storage::Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Every stored badge by subject and day (the owner reads all of them).
std::multiset<std::string> badgeRows(storage::Storage& s) {
    storage::Statement st = s.db().prepare(
        "SELECT badge_code || '|' || coalesce(person_id, 0) || '|' || coalesce(unit_id, 0) || '|' || period || '|'"
        " || earned_on || '|' || announced FROM badge_earned");
    std::multiset<std::string> out;
    while (st.step()) out.insert(st.columnText(0));
    return out;
}

const Date kToday{2026, 11, 29};

} // namespace

TEST_CASE("a street's 录入 stores her subtree's badges and leaves the rest and their marks to the district, "
          "whose later run makes it what one district evaluation stores") {
    Server split, single;
    for (Server* s : {&split, &single}) {
        storage::Storage district(s->as(s->district));
        CHECK(storage::BadgeStore(district).evaluate(kToday).newlyStored == 0);   // the first run: the district's
        s->fill();
    }
    const std::string jiangbin = std::to_string(split.units.street(0));
    const std::string herUnits = "(" + jiangbin + ", " + std::to_string(split.units.community(0)) + ", "
                               + std::to_string(split.units.community(1)) + ")";
    const std::string peopleOfHers = "(SELECT id FROM person WHERE unit_id IN " + herUnits + ")";
    const std::int64_t otherPersonMarks = scalar(split.owner,
        "SELECT count(*) FROM badge_dirty WHERE scope = 'person' AND id NOT IN " + peopleOfHers);
    const std::int64_t unitMarks = scalar(split.owner, "SELECT count(*) FROM badge_dirty WHERE scope <> 'person'");
    REQUIRE(otherPersonMarks == 3);
    REQUIRE(unitMarks > 0);
    REQUIRE(scalar(split.owner, "SELECT count(*) FROM badge_dirty WHERE scope = 'person' AND id IN " + peopleOfHers) == 6);

    // 江滨街道's 录入: no refusal, her people's and units' badges only.
    storage::BadgeStore::Judged judged;
    {
        storage::Storage street(split.as(split.street));
        storage::BadgeStore badges(street);
        CHECK(badges.storesBadges());
        CHECK(badges.nextRun(kToday) != storage::BadgeStore::NextRun::Nothing);
        storage::BadgeEvaluation e;
        CHECK_NOTHROW(e = badges.evaluate(kToday));
        CHECK(e.newlyStored > 0);
        CHECK(e.badgesFound == e.newlyStored);   // what she found outside her subtree is not counted
        judged = {e.marksReadUpTo, formatDate(kToday)};
        // Her run judged what was marked; the marks she left do not start another.
        CHECK(badges.nextRun(kToday, judged) == storage::BadgeStore::NextRun::Nothing);
    }
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_earned b LEFT JOIN person p ON p.id = b.person_id"
                              " WHERE b.person_id IS NOT NULL AND p.unit_id IN " + herUnits) > 0);
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_earned WHERE unit_id IN " + herUnits) > 0);
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_earned b LEFT JOIN person p ON p.id = b.person_id"
                              " WHERE coalesce(p.unit_id, b.unit_id) NOT IN " + herUnits) == 0);
    // Her people's marks drained; the others' and every unit mark left for the district.
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_dirty WHERE scope = 'person' AND id IN " + peopleOfHers) == 0);
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_dirty WHERE scope = 'person' AND id NOT IN " + peopleOfHers)
          == otherPersonMarks);
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_dirty WHERE scope <> 'person'") == unitMarks);

    // 文昌街道's 只读 user: no right to store, so no run, no error, nothing drained.
    const std::multiset<std::string> afterStreet = badgeRows(split.owner);
    {
        storage::Storage reader(split.as(split.reader));
        storage::BadgeStore badges(reader);
        CHECK_FALSE(badges.storesBadges());
        CHECK(badges.nextRun(kToday) == storage::BadgeStore::NextRun::Nothing);
        storage::BadgeEvaluation e;
        CHECK_NOTHROW(e = badges.evaluate(kToday));
        CHECK(e.newlyStored == 0);
    }
    CHECK(badgeRows(split.owner) == afterStreet);
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_dirty WHERE scope = 'person'") == otherPersonMarks);

    // The district's run stores the rest and drains every mark.
    {
        storage::Storage district(split.as(split.district));
        CHECK(storage::BadgeStore(district).nextRun(kToday) != storage::BadgeStore::NextRun::Nothing);
        const storage::BadgeEvaluation e = storage::BadgeStore(district).evaluate(kToday);
        CHECK(e.newlyStored > 0);
    }
    CHECK(scalar(split.owner, "SELECT count(*) FROM badge_dirty") == 0);
    {
        storage::Storage district(single.as(single.district));
        CHECK(storage::BadgeStore(district).evaluate(kToday).newlyStored > 0);
    }
    const std::multiset<std::string> one = badgeRows(single.owner);
    CHECK(badgeRows(split.owner) == one);
    // The comparison covers people's and units' badges of both streets and the district's.
    CHECK(scalar(single.owner, "SELECT count(DISTINCT unit_id) FROM badge_earned WHERE unit_id IS NOT NULL") == 6);
    CHECK(scalar(single.owner, "SELECT count(DISTINCT person_id) FROM badge_earned WHERE person_id IS NOT NULL") == 9);
}

TEST_CASE("in a street 录入's window the announcer stores her badges without an error card; a 只读 window starts none") {
    Server server;
    {
        storage::Storage district(server.as(server.district));
        storage::BadgeStore(district).evaluate(kToday);
    }
    server.fill();
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks(tasks);
    {
        storage::Storage street(server.as(server.street));
        ui::AppState app{street};
        app.today = formatDate(kToday);
        app.section = ui::Section::Overview;
        jinguo::test::HeadlessUi ui(app);
        ImGui::GetIO().BackendRendererName = "test";   // Auto, as in the window
        ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
        for (int i = 0; i < 40; ++i) ui.frame();
        CHECK(announcer.evaluation.started() == 1);
        CHECK_MESSAGE(announcer.lastError.empty(), announcer.lastError);
        CHECK(announcer.lastResult.newlyStored > 0);
        CHECK(ui.visible("badges.card"));
        // Another user's save moves her revision: the marks she left start no run.
        street.bump();
        for (int i = 0; i < 3; ++i) ui.frame();
        CHECK(announcer.evaluation.started() == 1);
        ImGui::GetIO().BackendRendererName = nullptr;
    }
    {
        storage::Storage reader(server.as(server.reader));
        ui::AppState app{reader};
        app.today = formatDate(kToday);
        app.section = ui::Section::Overview;
        jinguo::test::HeadlessUi ui(app);
        ImGui::GetIO().BackendRendererName = "test";
        ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
        for (int i = 0; i < 40; ++i) ui.frame();
        CHECK(announcer.evaluation.started() == 0);
        CHECK(announcer.lastError.empty());
        ui::ItemLocator::instance().beginFrame();
        ui.frame();
        CHECK_FALSE(ui.visible("badges.card"));
        ImGui::GetIO().BackendRendererName = nullptr;
    }
}
