// cli_leaderboard_test.cpp — `jinguo leaderboard` and `jinguo targets`: arguments,
// exit codes and the JSON they print (read back with a strict JSON reader).
#include <doctest/doctest.h>

#include "cli/command_line.hpp"
#include "cli/leaderboard_command.hpp"
#include "cli/targets_command.hpp"
#include "cli/text_columns.hpp"
#include "json_check.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include "core/number_format.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace jinguo;
using namespace jinguo::cli;
using jinguo::test::JsonReader;
using jinguo::test::JsonValue;

namespace {

// A small district: two volunteers tied on hours, one ahead, a community
// whose name needs JSON escaping, 平安家庭 titles and two targets for 2024.
struct SmallDistrict {
    test::TempDbPath path;
    RowId district = 0, street = 0, c1 = 0, c2 = 0, c3 = 0;

    SmallDistrict() {
        storage::Storage s(path.str());
        district = s.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        street = s.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 1});
        c1 = s.insertUnit({0, street, "望月社区", UnitKind::Community, 10, 1});
        c2 = s.insertUnit({0, street, "“金沙”\\社区", UnitKind::Community, 30, 2});
        const RowId street2 = s.insertUnit({0, district, "文昌街道", UnitKind::Street, 0, 2});
        c3 = s.insertUnit({0, street2, "望月社区", UnitKind::Community, 20, 1});   // the same name in another street
        auto volunteer = [&](const std::string& name, RowId unit, double hours) {
            Person p;
            p.name = name;
            p.unitId = unit;
            const RowId id = s.insertPerson(p);
            ServiceRecord r;
            r.personId = id;
            r.servedOn = "2024-05-01";
            r.hours = hours;
            r.verified = true;
            s.insertServiceRecord(r);
            r.servedOn = "2023-05-01";
            r.hours = 24 - hours;   // the order reverses from 2023 to 2024
            s.insertServiceRecord(r);
        };
        volunteer("王芳", c1, 12);
        volunteer("李娜", c2, 8);
        volunteer("张敏", c3, 8);
        const RowId safe = s.awardTitleId("平安家庭", "family", "社区");
        auto safeFamilies = [&](RowId unit, int n, int year) {
            for (int i = 0; i < n; ++i) {
                Family f;
                f.headName = "户主";
                f.address = std::to_string(unit) + "-" + std::to_string(year) + "-" + std::to_string(i);
                f.unitId = unit;
                Award a;
                a.titleId = safe;
                a.year = year;
                a.familyId = s.insertFamily(f);
                a.unitId = unit;
                s.insertAward(a);
            }
        };
        safeFamilies(c1, 9, 2024);
        safeFamilies(c2, 20, 2023);
        safeFamilies(c2, 4, 2024);
        Target t;
        t.unitId = street;
        t.year = 2024;
        t.metric = "title_rate";
        t.titleId = safe;
        t.goal = 0.9;
        s.insertTarget(t);
        t.unitId = district;
        t.metric = "volunteer_hours";
        t.titleId = 0;
        t.goal = 100;
        s.insertTarget(t);
    }
};

struct Run {
    int code = 0;
    std::string out, err;
};

Run run(const std::vector<std::string>& args) {
    const Command c = parseCommandLine(args);
    Run r;
    if (!c.error.empty()) {
        r.code = 2;
        r.err = c.error + "\n";
        return r;
    }
    std::ostringstream out, err;
    if (c.kind == CommandKind::Leaderboard) r.code = runLeaderboardCommand(c, out, err);
    else if (c.kind == CommandKind::Targets) r.code = runTargetsCommand(c, out, err);
    else FAIL("not a board command");
    r.out = out.str();
    r.err = err.str();
    return r;
}

bool oneLine(const std::string& text) {
    return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

} // namespace

// ================================================================ parsing

TEST_CASE("leaderboard: options are parsed, defaults left for the command") {
    Command c = parseCommandLine({"leaderboard", "--db", "a.db", "--board", "volunteers"});
    CHECK(c.error.empty());
    CHECK(c.kind == CommandKind::Leaderboard);
    CHECK(c.board == "volunteers");
    CHECK(c.metric.empty());
    CHECK(c.period.empty());
    CHECK(c.scope.empty());
    CHECK_FALSE(c.json);

    c = parseCommandLine({"leaderboard", "--board", "communities", "--db", "a.db", "--metric", "rate", "--period",
                          "2024Q1", "--scope", "江滨街道", "--json", "--today", "2024-05-01"});
    CHECK(c.error.empty());
    CHECK(c.metric == "rate");
    CHECK(c.period == "2024Q1");
    CHECK(c.scope == "江滨街道");
    CHECK(c.json);
    CHECK(c.today == "2024-05-01");
    CHECK(parseCommandLine({"leaderboard", "--db", "a.db", "--board", "posts", "--period", "all"}).error.empty());
    CHECK(parseCommandLine({"leaderboard", "--db", "a.db", "--board", "streets", "--period", "2024-03"}).error.empty());
}

TEST_CASE("leaderboard: bad arguments are one Chinese sentence") {
    auto error = [](std::vector<std::string> args) { return parseCommandLine(args).error; };
    CHECK(error({"leaderboard", "--board", "volunteers"}).find("--db") != std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db"}).find("--board") != std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board", "people"}).find("没有名为“people”的榜单") != std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board", "volunteers", "--metric", "rate"}).find("不支持") !=
          std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board", "posts", "--metric", "hours"}).find("不支持") != std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board", "volunteers", "--metric", "fame"}).find("没有名为“fame”的指标") !=
          std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board", "volunteers", "--period", "2024Q5"}).find("--period") !=
          std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board", "volunteers", "--today", "2024-02-30"}).find("--today") !=
          std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board", "volunteers", "--year", "2024"}).find("无法识别") !=
          std::string::npos);
    CHECK(error({"leaderboard", "--db", "a.db", "--board"}).find("缺少取值") != std::string::npos);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"leaderboard", "--db", "a.db", "--board", "people"}, {"leaderboard", "--db", "a.db"}}) {
        const std::string e = error(args);
        CHECK(e.find('\n') == std::string::npos);
    }
}

TEST_CASE("targets: --year and --json; bad years refused") {
    Command c = parseCommandLine({"targets", "--db", "a.db", "--year", "2024", "--json"});
    CHECK(c.error.empty());
    CHECK(c.kind == CommandKind::Targets);
    CHECK(c.year == 2024);
    CHECK(c.json);
    CHECK(parseCommandLine({"targets", "--db", "a.db"}).year == 0);
    CHECK(parseCommandLine({"targets", "--db", "a.db", "--year", "二〇二四"}).error.find("--year") != std::string::npos);
    CHECK(parseCommandLine({"targets", "--db", "a.db", "--year", "1800"}).error.find("--year") != std::string::npos);
    CHECK(parseCommandLine({"targets", "--db", "a.db", "--year", "2024x"}).error.find("--year") != std::string::npos);
    CHECK(parseCommandLine({"targets", "--year", "2024"}).error.find("--db") != std::string::npos);
    CHECK(parseCommandLine({"targets", "--db", "a.db", "--board", "volunteers"}).error.find("无法识别") !=
          std::string::npos);
}

// ================================================================ running

TEST_CASE("a missing database: exit 1, a Chinese line, and no file created") {
    // A file path on either engine: a connection string names no file.
    test::TempDbPath missing;
    const std::string missingFile = missing.path().string();
    const Run board = run({"leaderboard", "--db", missingFile, "--board", "volunteers"});
    CHECK(board.code == 1);
    CHECK(oneLine(board.err));
    CHECK(board.err.find("找不到数据库文件") != std::string::npos);
    CHECK(board.out.empty());
    const Run targets = run({"targets", "--db", missingFile});
    CHECK(targets.code == 1);
    CHECK(oneLine(targets.err));
    CHECK_FALSE(std::filesystem::exists(missing.path()));

    // An empty file is not taken for an empty database (SQLite would fill it).
    std::ofstream(missing.path()).close();
    const Run empty = run({"targets", "--db", missingFile});
    CHECK(empty.code == 1);
    CHECK(std::filesystem::file_size(missing.path()) == 0);
    // A file that is not a database at all.
    std::ofstream(missing.path()) << "姓名,电话\n王芳,13800000000\n";
    const Run text = run({"leaderboard", "--db", missingFile, "--board", "volunteers"});
    CHECK(text.code == 1);
    CHECK(oneLine(text.err));
}

TEST_CASE("leaderboard --json: the exact shape, ranks with ties, movement, escaping") {
    SmallDistrict d;
    const Run r = run({"leaderboard", "--db", d.path.str(), "--board", "volunteers", "--metric", "hours", "--period",
                       "2024", "--json"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(oneLine(r.out));
    const JsonValue v = JsonReader::parse(r.out);
    CHECK(v.keys() == std::vector<std::string>{"board", "metric", "period", "scope", "rows"});
    CHECK(v["board"].text == "volunteers");
    CHECK(v["metric"].text == "hours");
    CHECK(v["period"].text == "2024");
    CHECK(v["scope"].text == "临江区");
    REQUIRE(v["rows"].items.size() == 3);
    for (const JsonValue& row : v["rows"].items) {
        CHECK(row.keys() == std::vector<std::string>{"rank", "name", "unit", "value", "stars", "movement"});
        CHECK(row["rank"].isNumber());
        CHECK(row["value"].isNumber());
        CHECK(row["stars"].isNumber());
        CHECK(row["movement"].isString());
    }
    // 王芳 12 h (2023: 12 h, rank 3), 张敏 and 李娜 8 h each (2023: 16 h, rank 1, 1).
    CHECK(v["rows"][0]["name"].text == "王芳");
    CHECK(v["rows"][0]["rank"].number == 1);
    CHECK(v["rows"][0]["value"].number == 12);
    CHECK(v["rows"][0]["movement"].text == "↑2");
    CHECK(v["rows"][1]["rank"].number == 2);
    CHECK(v["rows"][2]["rank"].number == 2);
    CHECK(v["rows"][1]["movement"].text == "↓1");
    // The unit name with quotes and a backslash survives the round trip.
    bool sawEscaped = false;
    for (const JsonValue& row : v["rows"].items) sawEscaped |= row["unit"].text == "“金沙”\\社区";
    CHECK(sawEscaped);
    CHECK(r.out.find("\\\\") != std::string::npos);
}

TEST_CASE("leaderboard: defaults, scopes and the all-time board") {
    SmallDistrict d;
    // Default metric for communities is the creation rate; default period the year of --today.
    Run r = run({"leaderboard", "--db", d.path.str(), "--board", "communities", "--json", "--today", "2024-08-01"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    JsonValue v = JsonReader::parse(r.out);
    CHECK(v["metric"].text == "rate");
    CHECK(v["period"].text == "2024");
    REQUIRE(v["rows"].items.size() == 3);
    CHECK(v["rows"][0]["name"].text == "望月社区");
    CHECK(v["rows"][0]["value"].number == doctest::Approx(0.9));
    CHECK(v["rows"][0]["stars"].number == 0);
    CHECK(v["rows"][1]["value"].number == doctest::Approx(0.8));

    // Streets: 江滨 (9 + 24) / (10 + 30) = 0.825.
    r = run({"leaderboard", "--db", d.path.str(), "--board", "streets", "--period", "2024", "--json"});
    v = JsonReader::parse(r.out);
    CHECK(v["rows"][0]["name"].text == "江滨街道");
    CHECK(v["rows"][0]["value"].number == doctest::Approx(0.825));
    CHECK(v["rows"][0]["unit"].text == "临江区");

    r = run({"leaderboard", "--db", d.path.str(), "--board", "volunteers", "--period", "all", "--scope", "江滨街道",
             "--json"});
    REQUIRE(r.code == 0);
    v = JsonReader::parse(r.out);
    CHECK(v["scope"].text == "江滨街道");
    CHECK(v["period"].text == "all");
    REQUIRE(v["rows"].items.size() == 2);
    CHECK(v["rows"][0]["value"].number == 24 + 2 * 0);   // 12 + 12 hours, no activities or titles
    CHECK(v["rows"][0]["movement"].text.empty());

    r = run({"leaderboard", "--db", d.path.str(), "--board", "volunteers", "--scope", "江滨街道/望月社区", "--period",
             "2024", "--json"});
    REQUIRE(r.code == 0);
    CHECK(JsonReader::parse(r.out)["rows"].items.size() == 1);
}

TEST_CASE("leaderboard: unknown or ambiguous scopes and impossible leagues exit 2 with one line") {
    SmallDistrict d;
    Run r = run({"leaderboard", "--db", d.path.str(), "--board", "volunteers", "--scope", "火星社区"});
    CHECK(r.code == 2);
    CHECK(oneLine(r.err));
    CHECK(r.err.find("没有名为“火星社区”的单位") != std::string::npos);
    CHECK(r.out.empty());
    r = run({"leaderboard", "--db", d.path.str(), "--board", "volunteers", "--scope", "望月社区"});
    CHECK(r.code == 2);
    CHECK(oneLine(r.err));
    CHECK(r.err.find("有2个单位都叫") != std::string::npos);
    r = run({"leaderboard", "--db", d.path.str(), "--board", "streets", "--scope", "江滨街道/望月社区"});
    CHECK(r.code == 2);
    CHECK(oneLine(r.err));
}

TEST_CASE("leaderboard without --json: a readable Chinese table") {
    SmallDistrict d;
    const Run r = run({"leaderboard", "--db", d.path.str(), "--board", "volunteers", "--period", "2024"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("志愿者榜 · 积分 · 2024年 · 临江区") != std::string::npos);
    CHECK(r.out.find("排名") != std::string::npos);
    CHECK(r.out.find("王芳") != std::string::npos);
    CHECK(r.out.find("↑2") != std::string::npos);
    CHECK(r.out.find("共3人") != std::string::npos);
    const Run rate = run({"leaderboard", "--db", d.path.str(), "--board", "streets", "--period", "2024"});
    CHECK(rate.out.find("82.50%") != std::string::npos);
}

TEST_CASE("leaderboard: titles count their own catalogue points, as 设置 → 荣誉称号目录 sets them") {
    SmallDistrict d;
    {
        storage::Storage s(d.path.str());
        storage::SettingsStore settings(s);
        RowId li = 0;
        auto find = s.db().prepare("SELECT id FROM person WHERE name = '李娜'");
        REQUIRE(find.step());
        li = find.columnInt(0);
        // 李娜: 三八红旗手 (区) of 2024, repriced from the level's 20 to 30.
        const RowId redFlag = s.awardTitleId("三八红旗手", "person", "区");
        settings.setTitlePoints(redFlag, 30);
        Award a;
        a.titleId = redFlag;
        a.year = 2024;
        a.personId = li;
        a.unitId = d.c2;
        s.insertAward(a);
        // A post holding 巾帼文明岗 (区), repriced to 25.
        Post p;
        p.workUnit = "临江区医院";
        p.name = "护理部";
        p.unitId = d.c1;
        p.members = 10;
        p.womenMembers = 8;
        Award named;
        named.titleId = s.awardTitleId("巾帼文明岗", "post", "区");
        named.year = 2024;
        named.postId = s.insertPost(p);
        named.unitId = d.c1;
        s.insertAward(named);
        settings.setTitlePoints(named.titleId, 25);
    }
    // 李娜 8 h + 30 = 38 leads 王芳 (12) and 张敏 (8); the level's 20 is not used.
    Run r = run({"leaderboard", "--db", d.path.str(), "--board", "volunteers", "--period", "2024", "--json"});
    REQUIRE(r.code == 0);
    JsonValue v = JsonReader::parse(r.out);
    REQUIRE(v["rows"].items.size() == 3);
    CHECK(v["rows"][0]["name"].text == "李娜");
    CHECK(v["rows"][0]["value"].number == 38);
    CHECK(v["rows"][1]["value"].number == 12);
    // The street sums its volunteers: 江滨 = 王芳 12 + 李娜 38.
    r = run({"leaderboard", "--db", d.path.str(), "--board", "streets", "--metric", "points", "--period", "2024",
             "--json"});
    v = JsonReader::parse(r.out);
    CHECK(v["rows"][0]["name"].text == "江滨街道");
    CHECK(v["rows"][0]["value"].number == 50);
    r = run({"leaderboard", "--db", d.path.str(), "--board", "posts", "--period", "2024", "--json"});
    REQUIRE(r.code == 0);
    v = JsonReader::parse(r.out);
    REQUIRE(v["rows"].items.size() == 1);
    CHECK(v["rows"][0]["value"].number == 25);
}

TEST_CASE("targets --json: the exact shape and the figures") {
    SmallDistrict d;
    const Run r = run({"targets", "--db", d.path.str(), "--year", "2024", "--json", "--today", "2024-07-01"});
    REQUIRE(r.code == 0);
    CHECK(oneLine(r.out));
    const JsonValue v = JsonReader::parse(r.out);
    CHECK(v.keys() == std::vector<std::string>{"year", "targets"});
    CHECK(v["year"].number == 2024);
    REQUIRE(v["targets"].items.size() == 2);
    for (const JsonValue& t : v["targets"].items)
        CHECK(t.keys() == std::vector<std::string>{"unit", "metric", "goal", "actual", "rate", "expected_by_today",
                                                   "forecast", "status"});
    // District first: hours 2024 = 12 + 8 + 8 = 28 of 100, expected 50 → red.
    const JsonValue& hours = v["targets"][0];
    CHECK(hours["unit"].text == "临江区");
    CHECK(hours["metric"].text == "volunteer_hours");
    CHECK(hours["actual"].number == 28);
    CHECK(hours["rate"].number == doctest::Approx(0.28));
    CHECK(hours["expected_by_today"].number == 50);
    CHECK(hours["forecast"].number == 56);
    CHECK(hours["status"].text == "red");
    // 江滨: 33/40 = 0.825 from a base of 20/40; expected 0.7 → green.
    const JsonValue& rate = v["targets"][1];
    CHECK(rate["unit"].text == "江滨街道");
    CHECK(rate["metric"].text == "title_rate");
    CHECK(rate["goal"].number == 0.9);
    CHECK(rate["actual"].number == 0.825);
    CHECK(rate["rate"].number == doctest::Approx(0.916667));
    CHECK(rate["expected_by_today"].number == doctest::Approx(0.7));
    CHECK(rate["forecast"].number == 1);
    CHECK(rate["status"].text == "green");

    // The default year is that of --today; a year without targets gives an empty list.
    const Run none = run({"targets", "--db", d.path.str(), "--json", "--today", "2025-03-01"});
    REQUIRE(none.code == 0);
    const JsonValue empty = JsonReader::parse(none.out);
    CHECK(empty["year"].number == 2025);
    CHECK(empty["targets"].items.empty());
}

TEST_CASE("targets without --json: a readable Chinese table") {
    SmallDistrict d;
    const Run r = run({"targets", "--db", d.path.str(), "--year", "2024", "--today", "2024-07-01"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("2024年创建目标（截至2024-07-01") != std::string::npos);
    CHECK(r.out.find("平安家庭创建率") != std::string::npos);
    CHECK(r.out.find("还差3户") != std::string::npos);
    CHECK(r.out.find("滞后") != std::string::npos);
    CHECK(r.out.find("正常") != std::string::npos);
}

TEST_CASE("text columns align Chinese by display width") {
    CHECK(displayWidth("abc") == 3);
    CHECK(displayWidth("王芳") == 4);
    CHECK(displayWidth("高𠮷") == 4);
    CHECK(displayWidth("★★") == 2);
    TextColumns t;
    t.addColumn("姓名");
    t.addColumn("时长", TextColumns::Align::Right);
    t.addRow({"王芳", "12"});
    t.addRow({"迪丽娜尔", "8.5"});
    std::ostringstream out;
    t.print(out);
    CHECK(out.str() == "姓名      时长\n王芳        12\n迪丽娜尔   8.5\n");
    CHECK(fmt::plain(126) == "126");
    CHECK(fmt::plain(8.5) == "8.5");
    CHECK(fmt::plain(0.126) == "0.13");
    CHECK(fmt::percent(0.825) == "82.50%");
}

TEST_CASE("targets set|remove|copy: arguments checked before any database is opened") {
    Command c = parseCommandLine({"targets", "set", "--db", "a.db", "--unit", "临江区", "--metric", "创建率", "--title",
                                  "平安家庭", "--level", "区", "--goal", "25%", "--year", "2026"});
    CHECK(c.error.empty());
    CHECK(c.kind == CommandKind::Targets);
    CHECK(c.targetAction == "set");
    CHECK(c.unit == "临江区");
    CHECK(c.level == "区");
    CHECK(c.goal == "25%");
    CHECK(parseCommandLine({"targets", "set", "--db", "a.db", "--metric", "创建率", "--goal", "90%"}).error.find("--unit") !=
          std::string::npos);
    CHECK(parseCommandLine({"targets", "set", "--db", "a.db", "--unit", "临江区", "--metric", "创建率", "--goal", "90%"})
              .error.find("--title") != std::string::npos);
    CHECK(parseCommandLine({"targets", "set", "--db", "a.db", "--unit", "临江区", "--metric", "面积", "--goal", "9"})
              .error.find("不认识的指标“面积”") != std::string::npos);
    CHECK(parseCommandLine({"targets", "set", "--db", "a.db", "--unit", "临江区", "--metric", "创建率", "--title",
                            "平安家庭", "--goal", "120%"})
              .error == "创建率目标不能超过100%（120%）。");
    CHECK(parseCommandLine({"targets", "set", "--db", "a.db", "--unit", "临江区", "--metric", "志愿服务时长"})
              .error.find("--goal") != std::string::npos);
    CHECK(parseCommandLine({"targets", "copy", "--db", "a.db"}).error.find("--from") != std::string::npos);
    CHECK(parseCommandLine({"targets", "copy", "--db", "a.db", "--from", "去年"}).error.find("--from") != std::string::npos);
    // --goal belongs to set only; the reading form has no --unit.
    CHECK_FALSE(parseCommandLine({"targets", "remove", "--db", "a.db", "--unit", "临江区", "--metric", "开展活动",
                                  "--goal", "3"}).error.empty());
    CHECK_FALSE(parseCommandLine({"targets", "--db", "a.db", "--unit", "临江区"}).error.empty());
}

TEST_CASE("targets set|remove|copy: the writing side, read back by --json") {
    SmallDistrict d;
    // Any level and 区 level: two targets on the same title.
    Run r = run({"targets", "set", "--db", d.path.str(), "--unit", "临江区", "--metric", "创建率", "--title", "平安家庭",
                 "--goal", "90%", "--year", "2024", "--today", "2024-07-01"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out == "已设定目标：2024年 临江区 平安家庭创建率 90.00%。\n");
    r = run({"targets", "set", "--db", d.path.str(), "--unit", "临江区", "--metric", "创建率", "--title", "平安家庭",
             "--level", "区级", "--goal", "0.25", "--year", "2024"});
    REQUIRE(r.code == 0);
    CHECK(r.out == "已设定目标：2024年 临江区 区级平安家庭创建率 25.00%。\n");
    // Again: changed in place.
    r = run({"targets", "set", "--db", d.path.str(), "--unit", "临江区", "--metric", "创建率", "--title", "平安家庭",
             "--goal", "85", "--year", "2024"});
    CHECK(r.out == "已修改目标：2024年 临江区 平安家庭创建率 85.00%。\n");

    r = run({"targets", "--db", d.path.str(), "--year", "2024", "--today", "2024-07-01", "--json"});
    JsonValue v = JsonReader::parse(r.out);
    REQUIRE(v["targets"].items.size() == 4);
    int rates = 0;
    for (const JsonValue& t : v["targets"].items)
        if (t["unit"].text == "临江区" && t["metric"].text == "title_rate") {
            ++rates;
            // 33 of 60 households hold 平安家庭 at 社区 level; none at 区 level.
            if (t["goal"].number == doctest::Approx(0.85)) CHECK(t["actual"].number == doctest::Approx(33.0 / 60));
            else CHECK(t["actual"].number == doctest::Approx(0.0));
        }
    CHECK(rates == 2);

    // Units and titles that cannot be found are named, with what exists.
    r = run({"targets", "set", "--db", d.path.str(), "--unit", "望月社区", "--metric", "开展活动", "--goal", "3"});
    CHECK(r.code == 1);
    CHECK(r.err.find("江滨街道/望月社区") != std::string::npos);
    r = run({"targets", "set", "--db", d.path.str(), "--unit", "临江区", "--metric", "创建率", "--title", "平安家庭",
             "--level", "村", "--goal", "90%"});
    CHECK(r.code == 1);
    CHECK(r.err.find("级别“村”无法识别") != std::string::npos);
    r = run({"targets", "set", "--db", d.path.str(), "--unit", "临江区", "--metric", "创建率", "--title", "平安之家",
             "--goal", "90%"});
    CHECK(r.code == 1);
    CHECK(r.err.find("称号目录中没有家庭称号“平安之家”") != std::string::npos);

    r = run({"targets", "remove", "--db", d.path.str(), "--unit", "临江区", "--metric", "创建率", "--title", "平安家庭",
             "--level", "区", "--year", "2024"});
    CHECK(r.code == 0);
    CHECK(r.out == "已删除目标：2024年 临江区 区级平安家庭创建率（原目标 25.00%）。\n");
    r = run({"targets", "remove", "--db", d.path.str(), "--unit", "临江区", "--metric", "创建率", "--title", "平安家庭",
             "--level", "区", "--year", "2024"});
    CHECK(r.code == 1);
    CHECK(r.err.find("没有这样的目标") != std::string::npos);

    r = run({"targets", "copy", "--db", d.path.str(), "--from", "2024", "--year", "2025"});
    CHECK(r.code == 0);
    CHECK(r.out == "已把2024年的3项目标复制到2025年。\n");
    r = run({"targets", "copy", "--db", d.path.str(), "--from", "2024", "--year", "2025"});
    CHECK(r.out.find("已把2024年的0项目标复制到2025年（没有需要复制的") == 0);
    // The year is over: statuses read 已完成 / 未完成.
    r = run({"targets", "--db", d.path.str(), "--year", "2024", "--today", "2025-02-01"});
    CHECK(r.out.find("未完成") != std::string::npos);
    CHECK(r.out.find("这一年已结束") != std::string::npos);
}
