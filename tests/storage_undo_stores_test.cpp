// storage_undo_stores_test.cpp — every user action of the record, post and
// settings stores is one undo step with a Chinese label, and Ctrl+Z (undoLast)
// puts the database back byte for byte: units, families with their titles,
// honours, a post through its lifecycle, rules saved and restored, and the
// title catalogue. Badges the app writes itself are never an undo step.
#include "storage/badge_store.hpp"
#include "storage/post_store.hpp"
#include "storage/record_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// The tables the stores write, every row as the audit log keeps it.
constexpr const char* kTables[] = {"org_unit", "person", "family", "post", "award", "award_event", "award_title"};

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    RecordStore records{storage};
    PostStore posts{storage};
    SettingsStore settings{storage};
    UndoStore undo{storage};
    RowId district = 0, street = 0, community = 0, otherCommunity = 0;

    Fixture() {
        UndoStep setup(storage, "准备");
        district = records.addUnit({0, 0, "临江区", UnitKind::District, 3000, 0});
        street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 2000, 0});
        community = records.addUnit({0, street, "望江社区", UnitKind::Community, 800, 0});
        otherCommunity = records.addUnit({0, street, "观澜社区", UnitKind::Community, 600, 1});
    }

    // Every row of the tables above and every setting, in key order: two
    // equal snapshots are the same database content, byte for byte.
    std::string snapshot() {
        std::string out;
        for (const char* table : kTables) {
            Statement st = storage.db().prepare(std::string("SELECT id FROM ") + table + " ORDER BY id");
            while (st.step()) out += storage.rowJson(table, st.columnInt(0)) + "\n";
        }
        Statement keys = storage.db().prepare("SELECT key FROM setting ORDER BY key");
        while (keys.step()) out += storage.rowJsonByKey("setting", keys.columnText(0)) + "\n";
        return out;
    }

    std::string lastLabel() {
        const auto step = undo.lastStep();
        return step ? step->label : std::string();
    }

    // Undoes the newest step, which must carry `label`.
    void undoStep(const std::string& label) {
        REQUIRE(lastLabel() == label);
        const auto done = undo.undoLast();
        REQUIRE(done);
        CHECK(done->label == label);
    }

    std::int64_t scalar(const std::string& sql, RowId bind = 0) {
        Statement st = storage.db().prepare(sql);
        if (sql.find('?') != std::string::npos) st.bind(1, bind);
        return st.step() ? st.columnInt(0) : -1;
    }
};

posts::TransitionRequest request(const char* status, const char* date, std::optional<double> score = std::nullopt,
                                 const char* doc = "") {
    posts::TransitionRequest r;
    r.status = status;
    r.date = date;
    r.score = score;
    r.docNumber = doc;
    return r;
}

constexpr const char* kToday = "2026-11-29";

} // namespace

TEST_CASE("org units: add, rename, move and households are one step each, undone newest first") {
    Fixture f;
    const std::string start = f.snapshot();
    const RowId unit = f.records.addUnit({0, f.street, "临江社区", UnitKind::Community, 500, 2});
    CHECK(f.lastLabel() == "新增单位 临江社区");
    const std::string added = f.snapshot();
    f.records.renameUnit(unit, "新临江社区");
    CHECK(f.lastLabel() == "重命名单位 临江社区 → 新临江社区");
    const std::string renamed = f.snapshot();
    const RowId otherStreet = f.records.addUnit({0, f.district, "文昌街道", UnitKind::Street, 100, 1});
    const std::string streetAdded = f.snapshot();
    f.records.moveUnit(unit, otherStreet);
    CHECK(f.lastLabel() == "移动单位 新临江社区");
    const std::string moved = f.snapshot();
    f.records.setHouseholds(unit, 650);
    CHECK(f.records.unit(unit)->households == 650);

    f.undoStep("修改总户数 新临江社区");
    CHECK(f.snapshot() == moved);
    f.undoStep("移动单位 新临江社区");
    CHECK(f.snapshot() == streetAdded);
    CHECK(f.records.unit(unit)->parentId == f.street);
    f.undoStep("新增单位 文昌街道");
    CHECK(f.snapshot() == renamed);
    f.undoStep("重命名单位 临江社区 → 新临江社区");
    CHECK(f.snapshot() == added);
    CHECK(f.records.unit(unit)->name == "临江社区");
    f.undoStep("新增单位 临江社区");
    CHECK(f.snapshot() == start);
    CHECK_FALSE(f.records.unit(unit));
    CHECK(f.lastLabel() == "准备");
}

TEST_CASE("families: add, edit, add titles, delete with titles and history; undo brings each state back") {
    Fixture f;
    const std::string start = f.snapshot();
    const RowId family = f.records.addFamily({0, "张三", "望江路1号", 4, f.community, "三代同堂"});
    CHECK(f.lastLabel() == "新增家庭 张三");
    const std::string added = f.snapshot();

    Family edited = *f.records.family(family);
    edited.members = 5;
    edited.unitId = f.otherCommunity;
    f.records.updateFamily(edited);
    CHECK(f.lastLabel() == "修改家庭 张三");
    const std::string edited1 = f.snapshot();

    FamilyAwardInput safe;
    safe.title = "平安家庭";
    safe.level = "社区";
    safe.year = 2025;
    safe.docNumber = "望字〔2025〕3号";
    const RowId award = f.records.addFamilyAward(family, safe);
    REQUIRE(award != 0);
    CHECK(f.lastLabel() == "添加家庭称号 张三 平安家庭");
    // A title the catalogue lacks is created in the same step as the award.
    FamilyAwardInput own;
    own.title = "书香门第";
    own.level = "街道";
    own.year = 2026;
    const std::int64_t titles = f.scalar("SELECT count(*) FROM award_title");
    const RowId ownAward = f.records.addFamilyAward(family, own);
    CHECK(f.scalar("SELECT count(*) FROM award_title") == titles + 1);
    CHECK(f.lastLabel() == "添加家庭称号 张三 书香门第");
    // History of the title (award_event), as the lifecycle writes it.
    AwardEvent event;
    event.awardId = award;
    event.status = "命名";
    event.happenedOn = "2025-12-01";
    event.docNumber = "望字〔2025〕3号";
    f.storage.insertAwardEvent(event);
    // Its 命名 written by the save (title_events.hpp), and this one.
    REQUIRE(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 2);
    const std::string withTitles = f.snapshot();

    f.records.deleteFamily(family);
    CHECK(f.lastLabel() == "删除家庭 张三");
    CHECK_FALSE(f.records.family(family));
    CHECK(f.scalar("SELECT count(*) FROM award WHERE family_id = ?", family) == 0);
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 0);

    // One Ctrl+Z: the family, both titles and the history, every column as it was.
    f.undoStep("删除家庭 张三");
    CHECK(f.snapshot() == withTitles);
    CHECK(f.records.familyAwards(family).size() == 2);

    f.undo.undoLast();   // the event (written outside a store step, its own step)
    f.undoStep("添加家庭称号 张三 书香门第");
    CHECK(f.scalar("SELECT count(*) FROM award WHERE id = ?", ownAward) == 0);
    CHECK(f.scalar("SELECT count(*) FROM award_title") == titles);
    f.undoStep("添加家庭称号 张三 平安家庭");
    CHECK(f.snapshot() == edited1);
    f.undoStep("修改家庭 张三");
    CHECK(f.snapshot() == added);
    CHECK(f.records.family(family)->unitId == f.community);
    f.undoStep("新增家庭 张三");
    CHECK(f.snapshot() == start);
}

TEST_CASE("honours of people and collectives: add, edit, delete are one step each and undo exactly") {
    Fixture f;
    const std::string start = f.snapshot();
    HonourInput in;
    in.name = "李梅";
    in.idNumber = "";
    in.unitId = f.community;
    in.title = "三八红旗手";
    in.level = "区";
    in.year = 2026;
    in.docNumber = "临妇字〔2026〕8号";
    const RowId award = f.records.saveHonour(in);
    CHECK(f.lastLabel() == "新增荣誉 李梅 三八红旗手");
    // The person she is was created in the same step.
    CHECK(f.scalar("SELECT count(*) FROM person WHERE name = '李梅'") == 1);
    const std::string added = f.snapshot();

    in.awardId = award;
    in.status = "撤销";
    in.docNumber = "临妇字〔2026〕9号";
    f.records.saveHonour(in);
    CHECK(f.lastLabel() == "修改荣誉 李梅 三八红旗手");
    const std::string edited = f.snapshot();

    HonourInput team;
    team.collective = true;
    team.name = "望江社区巾帼志愿服务队";
    team.unitId = f.community;
    team.title = "巾帼建功先进集体";
    team.level = "市";
    team.year = 2025;
    const RowId teamAward = f.records.saveHonour(team);
    const std::string withTeam = f.snapshot();
    f.records.deleteAward(teamAward);
    CHECK(f.lastLabel() == "删除荣誉 望江社区巾帼志愿服务队 巾帼建功先进集体");
    CHECK(f.scalar("SELECT count(*) FROM award WHERE id = ?", teamAward) == 0);

    f.undoStep("删除荣誉 望江社区巾帼志愿服务队 巾帼建功先进集体");
    CHECK(f.snapshot() == withTeam);
    f.undoStep("新增荣誉 望江社区巾帼志愿服务队 巾帼建功先进集体");
    CHECK(f.snapshot() == edited);
    f.undoStep("修改荣誉 李梅 三八红旗手");
    CHECK(f.snapshot() == added);
    f.undoStep("新增荣誉 李梅 三八红旗手");
    CHECK(f.snapshot() == start);
    CHECK(f.scalar("SELECT count(*) FROM person") == 0);
}

TEST_CASE("a post through apply, 创建, 考核验收 and 命名 is undone step by step to before it existed") {
    Fixture f;
    const std::string start = f.snapshot();
    Post p;
    p.workUnit = "临江区人民医院";
    p.name = "护理部";
    p.unitId = f.street;
    p.members = 20;
    p.womenMembers = 16;
    p.womenLeaders = 2;
    const RowId post = f.posts.insertPost(p);
    CHECK(f.lastLabel() == "新增巾帼文明岗 护理部");
    std::vector<std::string> states{f.snapshot()};

    const auto applied = f.posts.apply(post, "区", 2026, request(posts::kApply, "2026-03-05"), kToday);
    REQUIRE(applied.ok);
    CHECK(f.lastLabel() == "巾帼文明岗 护理部 申报区级");
    states.push_back(f.snapshot());
    REQUIRE(f.posts.transition(applied.id, request(posts::kCreate, "2026-04-08"), kToday).ok);
    CHECK(f.lastLabel() == "巾帼文明岗 护理部 区级创建");
    states.push_back(f.snapshot());
    REQUIRE(f.posts.transition(applied.id, request(posts::kAssess, "2026-10-12", 88), kToday).ok);
    CHECK(f.lastLabel() == "巾帼文明岗 护理部 区级考核验收");
    states.push_back(f.snapshot());
    REQUIRE(f.posts.transition(applied.id, request(posts::kName, "2026-11-16", std::nullopt, "临妇字〔2026〕30号"),
                               kToday).ok);
    CHECK(f.posts.awardsOf(post).front().status == "命名");

    f.undoStep("巾帼文明岗 护理部 区级命名");
    CHECK(f.snapshot() == states[3]);
    CHECK(f.posts.awardsOf(post).front().status == "考核验收");
    CHECK(f.posts.awardsOf(post).front().docNumber.empty());
    f.undoStep("巾帼文明岗 护理部 区级考核验收");
    CHECK(f.snapshot() == states[2]);
    f.undoStep("巾帼文明岗 护理部 区级创建");
    CHECK(f.snapshot() == states[1]);
    f.undoStep("巾帼文明岗 护理部 申报区级");
    CHECK(f.snapshot() == states[0]);
    CHECK(f.posts.awardsOf(post).empty());
    f.undoStep("新增巾帼文明岗 护理部");
    CHECK(f.snapshot() == start);
    CHECK_FALSE(f.posts.post(post));
}

TEST_CASE("deleting a post with its history is one step; undo brings post, awards and events back") {
    Fixture f;
    Post p;
    p.workUnit = "临江区税务局";
    p.name = "办税服务厅";
    p.unitId = f.street;
    p.members = 20;
    p.womenMembers = 16;
    p.womenLeaders = 2;
    const RowId post = f.posts.insertPost(p);
    const auto applied = f.posts.apply(post, "区", 2026, request(posts::kApply, "2026-03-05"), kToday);
    REQUIRE(applied.ok);
    REQUIRE(f.posts.transition(applied.id, request(posts::kCreate, "2026-04-08"), kToday).ok);
    const std::string before = f.snapshot();
    const std::int64_t events = f.scalar("SELECT count(*) FROM award_event");
    REQUIRE(events == 2);

    f.posts.deletePost(post);
    CHECK(f.lastLabel() == "删除巾帼文明岗 办税服务厅");
    CHECK(f.scalar("SELECT count(*) FROM award_event") == 0);
    CHECK(f.scalar("SELECT count(*) FROM award WHERE post_id = ?", post) == 0);
    f.undoStep("删除巾帼文明岗 办税服务厅");
    CHECK(f.snapshot() == before);
    CHECK(f.posts.timeline(post).size() == 2);
    // And redo deletes it again, as one step.
    REQUIRE(f.undo.redoLast());
    CHECK_FALSE(f.posts.post(post));
    CHECK(f.scalar("SELECT count(*) FROM award_event") == 0);
}

TEST_CASE("a save of several rules is one step; undo restores every key, and a new key disappears") {
    Fixture f;
    // badge.* keys are not in a new file until saved (their defaults come from the code).
    REQUIRE(f.scalar("SELECT count(*) FROM setting WHERE key = 'badge.team_size'") == 0);
    const std::string withoutKey = f.snapshot();
    REQUIRE(f.settings.saveRules({{"points.per_activity", "7"}, {"stars.thresholds", "50, 100"},
                                  {"badge.team_size", "20"}})
                .empty());
    CHECK(f.lastLabel() == "修改规则设置");
    CHECK(f.undo.lastStep()->changes == 3);
    CHECK(f.storage.setting("stars.thresholds", "") == "50,100");
    // The audit names each row by its key, with the whole row.
    const storage::SqlDialect& dialect = f.storage.db().dialect();
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'setting' AND record_id IS NULL"
                   " AND record_key = 'points.per_activity' AND " + dialect.jsonText("after_json", "value") + " = '7'"
                   " AND " + dialect.jsonText("before_json", "note") + " <> ''") == 1);

    f.undoStep("修改规则设置");
    CHECK(f.snapshot() == withoutKey);
    CHECK(f.storage.setting("points.per_activity", "") == "2");
    CHECK(f.scalar("SELECT count(*) FROM setting WHERE key = 'badge.team_size'") == 0);
    // Redo puts the save back whole (a badge announced meanwhile does not
    // block it: that is no user change), undo again takes it back whole.
    f.storage.db().exec("INSERT INTO badge_earned (badge_code, unit_id, period, earned_on) VALUES ('test', "
                        + std::to_string(f.community) + ", '', '2026-01-01')");
    BadgeStore(f.storage).markAnnounced(BadgeStore(f.storage).newestId());
    REQUIRE(f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'badge_earned'") == 1);
    REQUIRE(f.undo.redoLast());
    CHECK(f.storage.setting("badge.team_size", "") == "20");
    CHECK(f.storage.setting("points.per_activity", "") == "7");
    REQUIRE(f.undo.undoLast());
    CHECK(f.snapshot() == withoutKey);
}

TEST_CASE("restore defaults is one step; undo brings the user's rules back") {
    Fixture f;
    REQUIRE(f.settings.saveRules({{"points.per_activity", "7"}, {"badge.team_size", "20"}}).empty());
    REQUIRE(f.scalar("SELECT count(*) FROM setting WHERE key = 'presentation.test_option'") == 0);
    f.storage.setSetting("presentation.test_option", "1");
    CHECK(f.lastLabel() == "修改设置");
    const std::string custom = f.snapshot();
    f.settings.restoreDefaults();
    CHECK(f.lastLabel() == "恢复默认设置");
    CHECK(f.storage.setting("points.per_activity", "") == "2");
    CHECK(f.storage.setting("presentation.test_option", "") == "1");   // not a rule: left alone
    f.undoStep("恢复默认设置");
    CHECK(f.snapshot() == custom);
    f.undoStep("修改设置");
    CHECK(f.scalar("SELECT count(*) FROM setting WHERE key = 'presentation.test_option'") == 0);
    f.undoStep("修改规则设置");
    CHECK(f.storage.setting("points.per_activity", "") == "2");
}

TEST_CASE("a settings undo is refused whole when a key was changed after it") {
    Fixture f;
    REQUIRE(f.settings.saveRules({{"points.per_activity", "7"}}).empty());
    // Changed behind the steps' back (another program): the save's undo would overwrite it.
    f.storage.db().exec("UPDATE setting SET value = '9' WHERE key = 'points.per_activity'");
    const std::string before = f.snapshot();
    CHECK_THROWS_WITH_AS(f.undo.undoLast(), doctest::Contains("设置（points.per_activity）在这之后又被修改过"),
                         StorageError);
    CHECK(f.snapshot() == before);
}

TEST_CASE("the title catalogue: add, rename, retire and delete are steps; undo takes them back in order") {
    Fixture f;
    const std::string start = f.snapshot();
    const RowId title = f.settings.addTitle("睦邻友好家庭", "family", "社区", 6);
    CHECK(f.lastLabel() == "新增称号 睦邻友好家庭");
    const std::string added = f.snapshot();
    f.settings.renameTitle(title, "睦邻友好家庭户");
    CHECK(f.lastLabel() == "重命名称号 睦邻友好家庭 → 睦邻友好家庭户");
    const std::string renamed = f.snapshot();
    f.settings.setTitleActive(title, false);
    CHECK(f.lastLabel() == "停用称号 睦邻友好家庭户");
    const std::string retired = f.snapshot();
    f.settings.deleteTitle(title);
    CHECK(f.lastLabel() == "删除称号 睦邻友好家庭户");

    f.undoStep("删除称号 睦邻友好家庭户");
    CHECK(f.snapshot() == retired);
    f.undoStep("停用称号 睦邻友好家庭户");
    CHECK(f.snapshot() == renamed);
    f.undoStep("重命名称号 睦邻友好家庭 → 睦邻友好家庭户");
    CHECK(f.snapshot() == added);
    f.undoStep("新增称号 睦邻友好家庭");
    CHECK(f.snapshot() == start);
}

TEST_CASE("badges the app awards and announces are audited but never an undo step") {
    Fixture f;
    const RowId family = f.records.addFamily({0, "王五", "观澜路2号", 3, f.community, ""});
    // A badge the app stored for the community (as evaluate() does, on a worker's own connection).
    f.storage.db().exec("INSERT INTO badge_earned (badge_code, unit_id, period, earned_on) VALUES ('test', "
                        + std::to_string(f.community) + ", '', '2026-01-01')");
    const std::string label = f.lastLabel();
    const std::int64_t audited = f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'badge_earned'");
    BadgeStore(f.storage).markAnnounced(BadgeStore(f.storage).newestId());
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'badge_earned'") == audited + 1);
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'badge_earned' AND step_id IS NOT NULL") == 0);
    CHECK(f.lastLabel() == label);   // the user's last change is still the one Ctrl+Z meets
    f.undoStep("新增家庭 王五");
    CHECK_FALSE(f.records.family(family));
}
