// ui_target_editor_test.cpp — the organizer's own targets and manual
// indicators, entered through the 目标 screen from an empty database:
// 设置目标 (add, change, remove, Ctrl+Z), 分解目标 with an override, 工作指标
// shown in 年度数据, statuses once the year is over, and units with more
// titled households than households flagged on 组织, 目标 and the boards.
#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "storage/target_store.hpp"
#include "temp_db.hpp"
#include "ui/screen_leaderboards.hpp"
#include "ui/screen_targets.hpp"
#include "ui/screen_units.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace jinguo;

namespace {

// An empty database; units() adds 临江区 ── 江滨街道 ── 望月社区 (100 households)
//                                                   └─ 金沙社区 (2001)
struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    storage::RecordStore records{storage};
    storage::TargetStore targets{storage};
    ui::AppState app{storage};
    RowId district = 0, street = 0, c1 = 0, c2 = 0;

    Fixture() {
        app.today = "2026-11-29";
        app.section = ui::Section::Targets;
    }
    void units() {
        district = records.addUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        street = records.addUnit({0, district, "江滨街道", UnitKind::Street, 0, 0});
        c1 = records.addUnit({0, street, "望月社区", UnitKind::Community, 100, 0});
        c2 = records.addUnit({0, street, "金沙社区", UnitKind::Community, 2001, 0});
    }
    RowId titleId(const std::string& name, const std::string& level) {
        for (const AwardTitle& t : storage.awardTitles())
            if (t.name == name && t.level == level) return t.id;
        FAIL("no title " << name << level);
        return 0;
    }
    // The title the 不限级别 picker lists for a name: the first active one.
    RowId firstTitleId(const std::string& name) {
        for (const AwardTitle& t : storage.awardTitles())
            if (t.name == name && t.active) return t.id;
        FAIL("no title " << name);
        return 0;
    }
    // `count` households of `unit` titled `title` (社区级) in `year`.
    void titled(RowId unit, int count, int year, const std::string& title = "平安家庭") {
        const RowId safe = titleId(title, "社区");
        for (int i = 0; i < count; ++i) {
            Family fam;
            fam.headName = "户主" + std::to_string(++m_families);
            fam.unitId = unit;
            Award a;
            a.titleId = safe;
            a.year = year;
            a.familyId = storage.insertFamily(fam);
            a.unitId = unit;
            storage.insertAward(a);
        }
    }
    ui::TargetsScreen& screen() { return ui::targetsScreen(app); }

private:
    int m_families = 0;
};

std::string id(RowId v) { return std::to_string(v); }

void pick(test::HeadlessUi& ui, const std::string& combo, const std::string& option) {
    ui.click(combo);
    ui.click(combo + ".option." + option);
}

// Selects all of a text field and deletes it, as a person would.
void clearField(test::HeadlessUi& ui, const std::string& key) {
    ui.type(key, "");
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = true;
    ui.frame();
    io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = false;
    ui.frame();
}

void pressCtrlZ(test::HeadlessUi& ui) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Z] = 'Z';
    io.KeyCtrl = true;
    io.KeysDown['Z'] = true;
    ui.frame();
    io.KeysDown['Z'] = false;
    io.KeyCtrl = false;
    ui.frame();
}

template <class Job>
void settle(test::HeadlessUi& ui, Job& job) {
    ui.frame();
    for (int i = 0; i < 20 && !job.current(); ++i) {
        job.wait();
        ui.frame();
    }
    REQUIRE(job.current());
}

} // namespace

TEST_CASE("设置目标: from an empty database, a rate target is added, changed, removed and brought back with Ctrl+Z") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("tab.edit");
    CHECK_FALSE(ui.visible("targets.new"));            // no units yet: the tab says to add them in 组织
    ui.click("targets.go_units");
    CHECK(f.app.section == ui::Section::Units);
    f.app.section = ui::Section::Targets;

    f.units();
    ui.frame();
    ui.click("targets.new");
    REQUIRE(f.screen().editor.form.open);
    CHECK(f.screen().editor.form.unitId == f.district);   // the district, first in the tree
    pick(ui, "target.unit", id(f.street));
    pick(ui, "target.metric", "title_rate");
    pick(ui, "target.title", id(f.firstTitleId("平安家庭")));

    // A goal that is not a number is refused, in Chinese, and nothing is written.
    ui.type("target.goal", "九成");
    ui.click("target.save");
    CHECK(f.targets.targets(2026).empty());
    clearField(ui, "target.goal");                      // an empty goal: the reason above the buttons
    ui.click("target.save");
    CHECK_FALSE(f.screen().editor.form.error.empty());
    CHECK(f.targets.targets(2026).empty());

    ui.type("target.goal", "90%");
    ui.type("target.note", "区妇联下达");
    ui.click("target.save");
    CHECK(f.screen().editor.form.error.empty());
    std::vector<Target> stored = f.targets.targets(2026);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].unitId == f.street);
    CHECK(stored[0].metric == "title_rate");
    CHECK(stored[0].goal == doctest::Approx(0.9));
    CHECK_FALSE(stored[0].atLevel);
    CHECK(stored[0].note == "区妇联下达");
    const RowId target = stored[0].id;
    ui.frame();
    CHECK(ui.visible("target.row." + id(target)));

    // Changed in place: 本级 and 85%.
    ui.click("target.level.own");
    ui.type("target.goal", "85%");
    ui.click("target.save");
    stored = f.targets.targets(2026);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].id == target);
    CHECK(stored[0].goal == doctest::Approx(0.85));
    CHECK(stored[0].atLevel);
    CHECK(f.screen().editor.form.goal == "85%");

    // Removed after asking, then undone.
    ui.click("target.delete");
    CHECK(f.targets.targets(2026).size() == 1);         // asked, not yet removed
    ui.click("target.confirm.ok");
    CHECK(f.targets.targets(2026).empty());
    CHECK_FALSE(f.screen().editor.form.open);
    pressCtrlZ(ui);
    stored = f.targets.targets(2026);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].goal == doctest::Approx(0.85));
    ui.frame();
    CHECK(ui.visible("target.row." + id(stored[0].id)));
}

TEST_CASE("设置目标: leaving a typed form asks first; 复制上一年目标 copies last year's") {
    Fixture f;
    f.units();
    Target last;
    last.unitId = f.district;
    last.year = 2025;
    last.metric = "activities";
    last.goal = 40;
    f.targets.save(last);
    test::HeadlessUi ui(f.app);
    ui.click("tab.edit");
    ui.click("targets.new");
    ui.type("target.goal", "12");
    ui.click("targets.copy_previous");                   // the form is dirty: asked first
    CHECK(f.targets.targets(2026).empty());
    ui.click("leave.discard");
    ui.frame();
    const std::vector<Target> copied = f.targets.targets(2026);
    REQUIRE(copied.size() == 1);
    CHECK(copied[0].metric == "activities");
    CHECK(copied[0].goal == 40);
    CHECK(f.screen().editor.message.find("2025") != std::string::npos);
}

TEST_CASE("分解目标: a district rate set for every unit below, one of them with its own goal, in one undo step") {
    Fixture f;
    f.units();
    Target t;
    t.unitId = f.district;
    t.year = 2026;
    t.metric = "title_rate";
    t.titleId = f.titleId("平安家庭", "社区");
    t.goal = 0.9;
    const RowId source = f.targets.save(t);
    test::HeadlessUi ui(f.app);
    ui.click("tab.edit");
    ui.click("target.row." + id(source));
    ui.click("target.distribute");
    REQUIRE(ui.visible("distribute.goal." + id(f.c1)));
    CHECK(ui.visible("distribute.goal." + id(f.street)));
    ui.type("distribute.goal." + id(f.c1), "95%");
    ui.click("distribute.apply");
    const std::vector<Target> all = f.targets.targets(2026);
    REQUIRE(all.size() == 4);
    auto goalOf = [&](RowId unit) {
        for (const Target& x : all)
            if (x.unitId == unit) return x.goal;
        return -1.0;
    };
    CHECK(goalOf(f.street) == doctest::Approx(0.9));
    CHECK(goalOf(f.c1) == doctest::Approx(0.95));
    CHECK(goalOf(f.c2) == doctest::Approx(0.9));
    CHECK(f.screen().editor.message.find("3") != std::string::npos);
    pressCtrlZ(ui);
    CHECK(f.targets.targets(2026).size() == 1);
}

TEST_CASE("工作指标: an indicator typed in the tab shows in 年度数据 and its paragraph, and takes a target") {
    Fixture f;
    f.units();
    test::HeadlessUi ui(f.app);
    ui.click("tab.indicators");
    ui.click("indicators.new");
    ui.type("indicator.name", "来访件数");
    ui.type("indicator.value", "12");
    ui.type("indicator.measure", "件");
    ui.click("indicator.save");
    CHECK(f.screen().indicators.form.error.empty());
    const std::vector<ManualIndicator> stored = f.targets.indicators(2026);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].unitId == f.district);
    CHECK(stored[0].value == 12);
    CHECK(stored[0].unit == "件");

    ui.click("tab.year");
    settle(ui, f.screen().yearJob);
    const ui::YearPanelResult* y = f.screen().yearJob.result();
    REQUIRE(y != nullptr);
    REQUIRE(y->figures.indicators.size() == 1);
    CHECK(y->figures.indicators[0].name == "来访件数");
    CHECK(y->summary.find("来访件数12件") != std::string::npos);
    ui.frame();
    CHECK(ui.visible("year.indicators"));
    // …and on the figures slide, after the computed figures.
    const storage::SlideData slide = storage::SlideDataStore(f.storage).load(2026, 0, "2026-11-29");
    REQUIRE_FALSE(slide.figures.empty());
    CHECK(slide.figures.back().label == "来访件数");
    CHECK(slide.figures.back().value == 12);
    CHECK(slide.figures.back().unit == "件");

    // A target on it: metric 工作指标, the name picked from the year's indicators.
    ui.click("tab.edit");
    ui.click("targets.new");
    pick(ui, "target.metric", "indicator");
    ui.click("target.indicator.pick.0");
    ui.type("target.goal", "20");
    ui.click("target.save");
    CHECK(f.screen().editor.form.error.empty());
    const std::vector<Target> all = f.targets.targets(2026);
    REQUIRE(all.size() == 1);
    CHECK(all[0].metric == "indicator");
    CHECK(all[0].indicator == "来访件数");
    const ui::TargetsResult r = ui::computeTargets(f.storage, 2026, 0, Date{2026, 11, 29});
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0].progress.actual == 12);
}

TEST_CASE("目标: once the year is over the statuses read 已完成 / 未完成, and a hair's shortfall says how far") {
    Fixture f;
    f.units();
    f.titled(f.c1, 60, 2025);
    f.titled(f.c2, 20, 2025);        // 20 of 2001 = 0.9995 %: prints as 1.0 %, one household short of 1 %
    auto rate = [&](RowId unit, double goal) {
        Target t;
        t.unitId = unit;
        t.year = 2026;
        t.metric = "title_rate";
        t.titleId = f.titleId("平安家庭", "社区");
        t.goal = goal;
        f.targets.save(t);
    };
    rate(f.c1, 0.5);
    rate(f.c2, 0.01);
    ui::TargetsScreen s;
    const ui::TargetsResult met = ui::computeTargets(f.storage, 2026, f.c1, Date{2027, 1, 10});
    REQUIRE(met.lines.size() == 1);
    CHECK(met.lines[0].progress.status == TargetStatus::Completed);
    CHECK(ui::targetsShownTable(s, met).rows[0][8] == "已完成");
    const ui::TargetsResult missed = ui::computeTargets(f.storage, 2026, f.c2, Date{2027, 1, 10});
    REQUIRE(missed.lines.size() == 1);
    CHECK(missed.lines[0].progress.status == TargetStatus::Missed);
    const ExportTable table = ui::targetsShownTable(s, missed);
    CHECK(table.rows[0][8] == "未完成");
    CHECK(table.rows[0][2] == "还差1户");             // not "1.0%" beside a goal of "1.0%"
}

TEST_CASE("a unit with more titled households than households is flagged on 组织, 目标 and the boards") {
    Fixture f;
    f.units();
    f.titled(f.c1, 120, 2026);       // 120 of 100 households
    f.titled(f.c2, 10, 2026);
    Target t;
    t.unitId = f.street;
    t.year = 2026;
    t.metric = "title_rate";
    t.titleId = f.titleId("平安家庭", "社区");
    t.goal = 0.5;
    f.targets.save(t);

    const auto overfull = f.records.overfullUnits();
    REQUIRE(overfull.count(f.c1) == 1);
    CHECK(overfull.at(f.c1).title == "平安家庭");
    CHECK(overfull.at(f.c1).households == 120);
    CHECK(overfull.count(f.c2) == 0);

    test::HeadlessUi ui(f.app);
    // 目标: the street's line names the error; its community row carries it.
    const ui::TargetsResult r = ui::computeTargets(f.storage, 2026, f.street, Date{2026, 11, 29});
    REQUIRE(r.lines.size() == 1);
    CHECK_FALSE(r.lines[0].progress.problem.empty());
    bool flagged = false;
    for (const ui::TargetChild& c : r.children)
        if (c.id == f.c1) flagged = !c.progress.problem.empty();
    CHECK(flagged);

    // 组织: a mark beside its 总户数.
    f.app.section = ui::Section::Units;
    settle(ui, ui::unitsScreen(f.app).figuresLoader);   // counted on a Task
    ui.frame();
    CHECK(ui.visible("unit.overfull." + id(f.c1)));
    CHECK_FALSE(ui.visible("unit.overfull." + id(f.c2)));

    // The communities' rate board: unranked, "—", the error in the row.
    ui::LeaderboardsScreen& board = ui::leaderboardsScreen(f.app);
    board.board = Board::Communities;
    board.metric = BoardMetric::Rate;
    f.app.section = ui::Section::Leaderboards;
    settle(ui, board.job);
    ui.frame();
    CHECK(ui.visible("board.error." + id(f.c1)));
    const ExportTable shown = ui::leaderboardShownTable(*board.job.result());
    bool dash = false;
    for (const auto& row : shown.rows)
        if (std::find(row.begin(), row.end(), "望月社区") != row.end()) dash = row[0] == "—";
    CHECK(dash);
}

TEST_CASE("目标: the drill-down shows the rate of the title the unit's rate target is about") {
    Fixture f;
    f.units();
    f.titled(f.c1, 30, 2026, "五好文明家庭");
    f.titled(f.c2, 10, 2026);                          // 平安家庭
    auto rate = [&](const std::string& title, double goal) {
        Target t;
        t.unitId = f.district;
        t.year = 2026;
        t.metric = "title_rate";
        t.titleId = f.titleId(title, "社区");
        t.goal = goal;
        f.targets.save(t);
    };
    rate("五好文明家庭", 0.5);
    const Date today{2026, 11, 29};

    // Only a 五好文明家庭 target: the street's communities are ranked by it,
    // with the district's goal inherited.
    ui::TargetsResult street = ui::computeTargets(f.storage, 2026, f.street, today);
    CHECK(street.rateTitle == "五好文明家庭");
    REQUIRE(street.children.size() == 2);
    for (const ui::TargetChild& c : street.children) {
        CHECK(c.hasGoal);
        CHECK(c.goal == doctest::Approx(0.5));
        CHECK(c.numerator == (c.id == f.c1 ? 30 : 0));
    }

    // With a 平安家庭 target beside it, 平安家庭 leads, as on the boards.
    rate("平安家庭", 0.9);
    street = ui::computeTargets(f.storage, 2026, f.street, today);
    CHECK(street.rateTitle == "平安家庭");
    for (const ui::TargetChild& c : street.children) {
        CHECK(c.goal == doctest::Approx(0.9));
        CHECK(c.numerator == (c.id == f.c2 ? 10 : 0));
    }

    // No rate target at all: 平安家庭, without a goal.
    storage::Storage& st = f.storage;
    const ui::TargetsResult none = ui::computeTargets(st, 2025, f.street, today);
    CHECK(none.rateTitle == "平安家庭");
    for (const ui::TargetChild& c : none.children) CHECK_FALSE(c.hasGoal);
}
