// storage_settings_test.cpp — 设置: rules checked before they are written,
// restored to their defaults, and the title catalogue edited on a real file.
#include <doctest/doctest.h>

#include "core/badges.hpp"
#include "storage/aggregates.hpp"
#include "storage/settings_store.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <algorithm>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

struct Db {
    test::TempDbPath path;
    Storage s{path.str()};
    SettingsStore store{s};

    std::int64_t auditRows(const char* table) {
        Statement st = s.db().prepare("SELECT count(*) FROM audit_log WHERE table_name = ?");
        st.bind(1, table);
        st.step();
        return st.columnInt(0);
    }
};

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("the rules start at the defaults of the migration, and the badge keys at BadgeParams") {
    Db db;
    const auto rules = db.store.rules();
    CHECK(rules.at("points.per_verified_hour") == "1");
    CHECK(rules.at("points.per_activity") == "2");
    CHECK(rules.at("points.title.社区") == "5");
    CHECK(rules.at("points.title.全国") == "160");
    CHECK(rules.at("stars.thresholds") == "100,300,600,1000,1500");
    CHECK(rules.at("badge.occasions_few") == "10");
    CHECK(rules.at("badge.hours_few") == "100");
    CHECK(rules.at("badge.high_title_level") == "市");
    // Every default the migration writes is one of ours, with the same value.
    Statement st = db.s.db().prepare("SELECT key, value FROM setting WHERE key LIKE 'points.%' OR key LIKE 'stars.%'");
    int seen = 0;
    while (st.step()) {
        ++seen;
        CHECK(rules.at(st.columnText(0)) == st.columnText(1));
    }
    CHECK(seen == 11);   // 0017 added 县(市) and 行业/系统
}

TEST_CASE("a good change is written, normalized, audited, and read by the boards") {
    Db db;
    const auto revision = db.s.revision();
    const auto problems = db.store.saveRules({{"points.per_verified_hour", " ２ "},
                                              {"stars.thresholds", "100，200、500, 800,1000"}});
    REQUIRE(problems.empty());
    CHECK(db.s.setting("points.per_verified_hour", "") == "2");
    CHECK(db.s.setting("stars.thresholds", "") == "100,200,500,800,1000");   // the Beijing thresholds
    CHECK(db.s.revision() > revision);
    CHECK(db.auditRows("setting") == 2);
    const storage::SqlDialect& d = db.s.db().dialect();
    Statement last = db.s.db().prepare("SELECT " + d.jsonText("before_json", "value") + ", " + d.jsonText("after_json", "value")
                                       + " FROM audit_log WHERE table_name = 'setting' AND "
                                       + d.jsonText("after_json", "key") + " = 'points.per_verified_hour'");
    REQUIRE(last.step());
    CHECK(last.columnText(0) == "1");
    CHECK(last.columnText(1) == "2");
    Aggregates agg(db.s);
    CHECK(agg.pointsRules().perVerifiedHour == 2);
    CHECK(agg.starThresholds() == std::vector<double>{100, 200, 500, 800, 1000});
}

TEST_CASE("bad values are refused with a Chinese reason, and nothing of the save is written") {
    Db db;
    SUBCASE("negative points") {
        const auto p = db.store.saveRules({{"points.per_activity", "3"}, {"points.per_verified_hour", "-1"}});
        REQUIRE(p.size() == 1);
        CHECK(mentions(p, "不能是负数"));
        CHECK(mentions(p, "每小时已核实服务时长计分"));
        CHECK(db.s.setting("points.per_activity", "") == "2");   // the good value of the same save is not written
    }
    SUBCASE("not a number") {
        const auto p = db.store.saveRules({{"points.per_activity", "两分"}});
        CHECK(mentions(p, "不是数字"));
    }
    SUBCASE("thresholds not increasing") {
        const auto p = db.store.saveRules({{"stars.thresholds", "100,300,300,1000"}});
        REQUIRE(p.size() == 1);
        CHECK(mentions(p, "逐级增加"));
        CHECK(mentions(p, "第 3 星"));
    }
    SUBCASE("a threshold that is not a number, an empty item, zero") {
        CHECK(mentions(db.store.saveRules({{"stars.thresholds", "100,三百"}}), "第 2 项“三百”不是数字"));
        CHECK(mentions(db.store.saveRules({{"stars.thresholds", "100,,300"}}), "第 2 项是空的"));
        CHECK(mentions(db.store.saveRules({{"stars.thresholds", "0,300"}}), "必须大于 0"));
        CHECK(mentions(db.store.saveRules({{"stars.thresholds", ""}}), "不能为空"));
    }
    SUBCASE("a higher level worth less than the one below") {
        const auto p = db.store.saveRules({{"points.title.省", "30"}});   // 市 is 40
        REQUIRE(p.size() == 1);
        CHECK(mentions(p, "省级荣誉计分"));
        CHECK(mentions(p, "少于"));
    }
    SUBCASE("badge thresholds: whole numbers, 50次 above 10次, a known level, score up to 100") {
        CHECK(mentions(db.store.saveRules({{"badge.occasions_few", "2.5"}}), "整数"));
        CHECK(mentions(db.store.saveRules({{"badge.occasions_few", "60"}}), "必须大于"));
        CHECK(mentions(db.store.saveRules({{"badge.high_title_level", "县"}}), "社区、街道、区、市、省、全国"));
        CHECK(mentions(db.store.saveRules({{"badge.review_pass_score", "120"}}), "不能超过 100"));
    }
    SUBCASE("an unknown key") {
        CHECK(mentions(db.store.saveRules({{"points.bonus", "1"}}), "没有名为"));
    }
    CHECK(db.auditRows("setting") == 0);
    CHECK(db.s.setting("points.per_verified_hour", "") == "1");
    CHECK(db.s.setting("stars.thresholds", "") == "100,300,600,1000,1500");
}

TEST_CASE("restore defaults puts every rule back and leaves other settings alone") {
    Db db;
    // A value written behind the app's back, quotes and all, is audited as valid JSON when replaced.
    db.s.db().exec("UPDATE setting SET value = '1\"\\x' WHERE key = 'points.per_activity'");
    REQUIRE(db.store.saveRules({{"points.per_activity", "7"}, {"stars.thresholds", "50,100"},
                                {"badge.team_size", "20"}})
                .empty());
    db.s.setSetting("display.mask_names", "1");
    db.store.restoreDefaults();
    CHECK(db.s.setting("points.per_activity", "") == "2");
    CHECK(db.s.setting("stars.thresholds", "") == "100,300,600,1000,1500");
    CHECK(db.s.setting("badge.team_size", "") == "100");
    CHECK(db.s.setting("display.mask_names", "") == "1");
    // Every entry's JSON parses (the engine's own JSON reader refuses a bad
    // text; NULL: no row, an insert).
    Statement entries = db.s.db().prepare("SELECT coalesce(before_json, '{}'), coalesce(after_json, '{}') FROM audit_log"
                                          " WHERE table_name = 'setting'");
    int checked = 0;
    while (entries.step())
        for (int column = 0; column < 2; ++column) {
            Statement keys = db.s.db().prepare(db.s.db().dialect().jsonKeys);
            keys.bind(1, entries.columnText(column));
            CHECK_NOTHROW(while (keys.step()) {});
            ++checked;
        }
    CHECK(checked > 0);
    CHECK(db.store.rules() == [] {
        std::map<std::string, std::string> d;
        for (const SettingDefault& x : rulesDefaults()) d[x.key] = x.value;
        return d;
    }());
}

TEST_CASE("badge thresholds from 设置 change the badge names and rules") {
    Db db;
    REQUIRE(db.store.saveRules({{"badge.occasions_few", "20"}}).empty());
    std::map<std::string, std::string> settings = db.store.rules();
    const auto info = findBadge("occasions_few", badgeParamsFromSettings(lookupIn(settings)));
    REQUIRE(info);
    CHECK(info->name == "二十次同行");
    CHECK(info->rule.find("20 次") != std::string::npos);
}

TEST_CASE("the title catalogue: add, rename, points, retire, and no deleting a title in use") {
    Db db;
    const std::size_t builtins = db.store.titles().size();
    CHECK(builtins == 64);   // 6 family titles × 6 levels + 4 × 4 person/collective + 4 × 3 creation kinds' titles

    const RowId mine = db.store.addTitle(" 书香 家庭 ", "family", "街道", 12);
    CHECK(db.store.titles().size() == builtins + 1);
    CHECK(db.s.awardTitleId("书香家庭", "family", "街道") == mine);
    CHECK(db.auditRows("award_title") == 1);

    CHECK_THROWS_WITH_AS(db.store.addTitle("书香家庭", "family", "街道", 3), doctest::Contains("已在目录中"),
                         SettingsError);
    CHECK_THROWS_WITH_AS(db.store.addTitle("  ", "family", "街道", 3), doctest::Contains("不能为空"), SettingsError);
    CHECK_THROWS_WITH_AS(db.store.addTitle("好婆婆", "family", "县", 3), doctest::Contains("级别"), SettingsError);
    CHECK_THROWS_WITH_AS(db.store.addTitle("好婆婆", "family", "区", -3), doctest::Contains("负数"), SettingsError);

    db.store.renameTitle(mine, "书香之家");
    db.store.setTitlePoints(mine, 15);
    CHECK_THROWS_AS(db.store.setTitlePoints(mine, -1), SettingsError);
    CHECK_THROWS_WITH_AS(db.store.renameTitle(mine, "平安家庭"), doctest::Contains("已有称号"), SettingsError);
    db.store.setTitleActive(mine, false);
    for (const TitleRow& r : db.store.titles())
        if (r.title.id == mine) {
            CHECK(r.title.name == "书香之家");
            CHECK(r.title.points == 15);
            CHECK_FALSE(r.title.active);
            CHECK_FALSE(r.title.builtin);
        }
    // The audit keeps whole rows, before and after.
    Statement last = db.s.db().prepare(
        "SELECT before_json, after_json FROM audit_log WHERE table_name = 'award_title' ORDER BY id DESC LIMIT 1");
    REQUIRE(last.step());
    CHECK(last.columnText(0).find("\"active\":1") != std::string::npos);
    CHECK(last.columnText(1).find("\"active\":0") != std::string::npos);
    CHECK(last.columnText(1).find("书香之家") != std::string::npos);

    // In use by an award: refused, the row stays; unused: deleted.
    const RowId unit = test::buildDistrictOnly(db.s, 10);
    Family f;
    f.headName = "张兰";
    f.unitId = unit;
    Award a;
    a.titleId = mine;
    a.year = 2026;
    a.familyId = db.s.insertFamily(f);
    a.unitId = unit;
    db.s.insertAward(a);
    CHECK_THROWS_WITH_AS(db.store.deleteTitle(mine), doctest::Contains("正在使用（1 条荣誉记录"), SettingsError);
    CHECK(db.s.count("award_title") == static_cast<std::int64_t>(builtins + 1));

    const RowId spare = db.store.addTitle("好邻居", "person", "社区", 2);
    db.store.deleteTitle(spare);
    CHECK(db.s.awardTitleId("好邻居", "person", "社区") == 0);
    Statement del = db.s.db().prepare(
        "SELECT before_json FROM audit_log WHERE table_name = 'award_title' AND action = 'delete' AND record_id = ?");
    del.bind(1, spare);
    REQUIRE(del.step());
    CHECK(del.columnText(0).find("好邻居") != std::string::npos);
}

TEST_CASE("changing a level's points moves that level's titles still at the old default, not hand-priced ones") {
    Db db;
    const RowId redFlag = db.s.awardTitleId("三八红旗手", "person", "区");      // built in at the 区 default, 20
    const RowId cityRedFlag = db.s.awardTitleId("三八红旗手", "person", "市");  // 40, another level
    const RowId mine = db.store.addTitle("好邻居", "person", "区", 25);         // priced by hand
    REQUIRE(redFlag != 0);
    auto points = [&](RowId id) {
        for (const TitleRow& r : db.store.titles())
            if (r.title.id == id) return r.title.points;
        return -1.0;
    };
    REQUIRE(points(redFlag) == 20);

    CHECK(db.store.saveRules({{"points.title.区", "30"}}).empty());
    CHECK(points(redFlag) == 30);
    CHECK(points(cityRedFlag) == 40);
    CHECK(points(mine) == 25);

    // One save, one undo step: undo puts the title's price back too.
    UndoStore undo(db.s);
    undo.undoLast();
    CHECK(points(redFlag) == 20);
    CHECK(db.store.rules().at("points.title.区") == "20");
}
