// ui_targets_test.cpp — the 目标 screen driven headless: targets and the
// children's 平安家庭 rates arrive from the worker, drilling down from the
// district to a street and back, sorting, the year picker, the 年度数据 tab
// and its 复制 button; and Task itself, keyed by revision and request.
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/task_runner.hpp"
#include "ui/screen_targets.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace jinguo;

namespace {

// 临江区 ── 江滨街道 ── 望月社区 (10 households: 6 titled, 2 of them before 2026)
//        │          └─ 金沙社区 (30: 6 titled in 2026)
//        └─ 文昌街道 ── 书院社区 (20: 5 titled in 2025)
// Targets 2026: district rate 50 %, 江滨街道 rate 60 %, district volunteers 10.
//   江滨: 12 / 40 = 30 %, goal 60 % (own), gap ceil(24 − 12) = 12 households
//   文昌:  5 / 20 = 25 %, goal 50 % (inherited), gap ceil(10 − 5) = 5
//   望月:  6 / 10 = 60 %, goal 60 % (inherited from 江滨), met
//   金沙:  6 / 30 = 20 %, goal 60 %, gap 12
struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ui::AppState app{storage};
    RowId district = 0, street1 = 0, street2 = 0, c1 = 0, c2 = 0, c3 = 0;

    Fixture() {
        const test::District built = test::buildTwoStreets(storage, 10, 30, 20);
        district = built.district;
        street1 = built.street(0);
        street2 = built.street(1);
        c1 = built.community(0);
        c2 = built.community(1);
        c3 = built.community(2);
        const RowId safe = storage.awardTitleId("平安家庭", "family", "社区");
        int n = 0;
        auto titled = [&](RowId unit, int count, int year) {
            for (int i = 0; i < count; ++i) {
                Family fam;
                fam.headName = "户主" + std::to_string(++n);
                fam.unitId = unit;
                Award a;
                a.titleId = safe;
                a.year = year;
                a.familyId = storage.insertFamily(fam);
                a.unitId = unit;
                storage.insertAward(a);
            }
        };
        titled(c1, 2, 2025);
        titled(c1, 4, 2026);
        titled(c2, 6, 2026);
        titled(c3, 5, 2025);
        target(district, "title_rate", safe, 0.5);
        target(street1, "title_rate", safe, 0.6);
        target(district, "volunteers", 0, 10);
        app.today = "2026-11-29";
        app.section = ui::Section::Targets;
    }
    void target(RowId unit, const char* metric, RowId title, double goal) {
        Target t;
        t.unitId = unit;
        t.year = 2026;
        t.metric = metric;
        t.titleId = title;
        t.goal = goal;
        storage.insertTarget(t);
    }
    ui::TargetsScreen& screen() { return ui::targetsScreen(app); }
    const ui::TargetsResult& result() {
        REQUIRE(screen().job.result() != nullptr);
        return *screen().job.result();
    }
    const ui::TargetChild& child(const std::string& name) {
        for (const auto& c : result().children)
            if (c.name == name) return c;
        FAIL("no child " << name);
        return result().children.front();
    }
};

// A frame first: a click inside the screen changes what is wanted after that
// frame made its request.
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

TEST_CASE("目标: the district's targets and its streets' rates, as worked out by hand") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen().job);
    const ui::TargetsResult& r = f.result();
    CHECK(r.year == 2026);
    CHECK(r.unitId == f.district);
    CHECK(r.unitName == "临江区");
    CHECK(r.ancestors.empty());
    REQUIRE(r.lines.size() == 2);   // the rate and the volunteers target of the district
    CHECK(r.lines[0].target.metric == "title_rate");
    CHECK(r.lines[0].progress.actual == doctest::Approx(17.0 / 60));
    REQUIRE(r.children.size() == 2);
    const ui::TargetChild& jiangbin = f.child("江滨街道");
    CHECK(jiangbin.hasChildren);
    CHECK(jiangbin.ownGoal);
    CHECK(jiangbin.goal == doctest::Approx(0.6));
    CHECK(jiangbin.numerator == 12);
    CHECK(jiangbin.households == 40);
    CHECK(jiangbin.progress.actual == doctest::Approx(0.3));
    CHECK(jiangbin.progress.base == doctest::Approx(2.0 / 40));   // titled before 2026
    CHECK(jiangbin.progress.gap == 12);
    const ui::TargetChild& wenchang = f.child("文昌街道");
    CHECK_FALSE(wenchang.ownGoal);
    CHECK(wenchang.hasGoal);
    CHECK(wenchang.goal == doctest::Approx(0.5));                 // the district's
    CHECK(wenchang.progress.gap == 5);
    CHECK_FALSE(ui.visible("targets.back"));
}

TEST_CASE("目标: drilling down from the district to a street and back") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen().job);
    ui.click("child." + std::to_string(f.street1));
    settle(ui, f.screen().job);
    const ui::TargetsResult& r = f.result();
    CHECK(r.unitId == f.street1);
    CHECK(r.ancestors == std::vector<RowId>{f.district});
    REQUIRE(r.lines.size() == 1);                                  // 江滨's own rate target
    REQUIRE(r.children.size() == 2);
    CHECK(f.child("望月社区").goal == doctest::Approx(0.6));        // inherited from 江滨
    CHECK(f.child("望月社区").progress.goalMet);
    CHECK(f.child("金沙社区").progress.actual == doctest::Approx(0.2));
    CHECK(f.child("金沙社区").progress.gap == 12);
    CHECK_FALSE(f.child("金沙社区").hasChildren);

    // Communities have no level below: clicking one changes nothing.
    ui.click("child." + std::to_string(f.c2));
    CHECK(f.screen().unitId == f.street1);

    ui.click("targets.back");
    settle(ui, f.screen().job);
    CHECK(f.result().unitId == f.district);
}

// Count targets have per-child actuals (no goals of their own). Added to the
// fixture: district volunteer_hours 100, 江滨街道 volunteer_hours 50, and
//   望月: 王一 (joined 2025-03-01) 5 h on 2026-03-01 + 3 h unverified,
//         王二 (no join date), 王三 (joins 2027-01-05: not on the 2026 roll)
//   金沙: 李一 (2026-05-01) 4 h on 2026-06-01
//   书院: 赵一 (2024-02-01) 2 h on 2025-12-31 (last year), 赵二 (2024-03-01) 1.5 h on 2026-01-01
// District: volunteers 江滨 3 (王一, 王二, 李一), 文昌 2 → 5; hours 江滨 9, 文昌 1.5 → 10.5.
// 江滨: its own hours target (50) and the district's volunteers target:
//   望月 hours 5, volunteers 2; 金沙 hours 4, volunteers 1.
TEST_CASE("目标: count targets show each child's actual, with no goal of its own") {
    Fixture f;
    auto person = [&](const char* name, RowId unit, const char* joined) {
        Person p;
        p.name = name;
        p.unitId = unit;
        p.joinedOn = joined;
        return f.storage.insertPerson(p);
    };
    auto serve = [&](RowId who, const char* on, double hours, bool verified) {
        ServiceRecord r;
        r.personId = who;
        r.servedOn = on;
        r.hours = hours;
        r.verified = verified;
        f.storage.insertServiceRecord(r);
    };
    const RowId wang1 = person("王一", f.c1, "2025-03-01");
    person("王二", f.c1, "");
    person("王三", f.c1, "2027-01-05");
    const RowId li1 = person("李一", f.c2, "2026-05-01");
    const RowId zhao1 = person("赵一", f.c3, "2024-02-01");
    const RowId zhao2 = person("赵二", f.c3, "2024-03-01");
    serve(wang1, "2026-03-01", 5, true);
    serve(wang1, "2026-04-01", 3, false);
    serve(li1, "2026-06-01", 4, true);
    serve(zhao1, "2025-12-31", 2, true);
    serve(zhao2, "2026-01-01", 1.5, true);
    f.target(f.district, "volunteer_hours", 0, 100);
    f.target(f.street1, "volunteer_hours", 0, 50);

    test::HeadlessUi ui(f.app);
    settle(ui, f.screen().job);
    {
        const ui::TargetsResult& r = f.result();
        REQUIRE(r.countLines.size() == 2);   // the district's volunteers and hours, in target order
        CHECK(r.countLines[0].target.metric == "volunteers");
        CHECK(r.countLines[0].facts.numerator == 5);
        CHECK(r.countLines[1].target.metric == "volunteer_hours");
        CHECK(r.countLines[1].facts.numerator == doctest::Approx(10.5));
        CHECK(f.child("江滨街道").counts == std::vector<double>{3, 9});
        CHECK(f.child("文昌街道").counts == std::vector<double>{2, 1.5});
        CHECK(ui.visible("child_counts"));
    }

    ui.click("child." + std::to_string(f.street1));
    settle(ui, f.screen().job);
    const ui::TargetsResult& r = f.result();
    REQUIRE(r.countLines.size() == 2);
    CHECK(r.countLines[0].target.metric == "volunteer_hours");   // 江滨's own comes first …
    CHECK(r.countLines[0].target.unitId == f.street1);
    CHECK(r.countLines[0].target.goal == 50);
    CHECK(r.countLines[1].target.metric == "volunteers");        // … then the district's
    CHECK(r.countLines[1].target.unitId == f.district);
    CHECK(f.child("望月社区").counts == std::vector<double>{5, 2});
    CHECK(f.child("金沙社区").counts == std::vector<double>{4, 1});
    CHECK(ui.visible("child_counts"));
}

TEST_CASE("目标: with only rate targets there is no count table") {
    Fixture f;
    f.storage.db().exec("DELETE FROM target WHERE metric = 'volunteers'");
    f.storage.bump();
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen().job);
    CHECK(f.result().countLines.empty());
    CHECK(f.result().children.size() == 2);
    CHECK_FALSE(ui.visible("child_counts"));
}

TEST_CASE("目标: the children sort by rate, highest first") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    settle(ui, f.screen().job);
    ui.click("child." + std::to_string(f.street1));
    settle(ui, f.screen().job);
    ui::TargetsScreen& s = f.screen();
    s.sortColumn = 1;
    s.sortAscending = true;
    s.sortDirty = true;
    ui.frame();
    REQUIRE(s.childOrder.size() == 2);
    CHECK(f.result().children[static_cast<std::size_t>(s.childOrder[0])].name == "金沙社区");   // 20 %
    s.sortAscending = false;
    s.sortDirty = true;
    ui.frame();
    CHECK(f.result().children[static_cast<std::size_t>(s.childOrder[0])].name == "望月社区");   // 60 %
}

TEST_CASE("目标: the year picker and the 年度数据 tab with its 复制 button") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("tab.year");
    settle(ui, f.screen().yearJob);
    const ui::YearPanelResult* y = f.screen().yearJob.result();
    REQUIRE(y != nullptr);
    CHECK(y->figures.year == 2026);
    CHECK(y->figures.households == 60);
    REQUIRE(y->summary.find("2026年以来（截至11月29日）") == 0);
    ui.click("year.copy");
    CHECK(std::string(ImGui::GetClipboardText()) == y->summary);
    CHECK_FALSE(f.screen().message.empty());

    ui.click("targets.year");
    ui.click("targets.year.2025");
    settle(ui, f.screen().yearJob);
    CHECK(f.screen().yearJob.result()->figures.year == 2025);
    CHECK(f.screen().yearJob.result()->summary.find("2025年，临江区") == 0);
    settle(ui, f.screen().job);
    CHECK(f.result().year == 2025);
    CHECK(f.result().lines.empty());                               // no targets set for 2025
}

TEST_CASE("Task: a result arrives, once per revision and request") {
    Fixture f;
    ui::Task<std::int64_t> job;
    auto families = [](storage::Storage& s) { return s.count("family"); };
    CHECK(job.result() == nullptr);
    job.request(f.storage, "families", families);
    CHECK(job.busy());
    job.wait();
    CHECK(job.poll());
    REQUIRE(job.result() != nullptr);
    CHECK(*job.result() == 17);
    CHECK(job.current());
    // Asking again for the same thing starts nothing.
    job.request(f.storage, "families", families);
    CHECK_FALSE(job.poll());
    CHECK(job.started() == 1);
    // A write moves the revision: the next request recomputes.
    Family fam;
    fam.headName = "新户主";
    f.storage.insertFamily(fam);
    job.request(f.storage, "families", families);
    CHECK_FALSE(job.current());
    CHECK(*job.result() == 17);                                    // the old figure stays on screen meanwhile
    job.wait();
    CHECK(job.poll());
    CHECK(*job.result() == 18);
    CHECK(job.started() == 2);

    // The worker cannot write: its connection is query_only.
    job.request(f.storage, "write", [](storage::Storage& s) {
        Family x;
        x.headName = "不该写入";
        return static_cast<std::int64_t>(s.insertFamily(x));
    });
    job.wait();
    CHECK(job.poll());
    CHECK(job.result() == nullptr);
    CHECK_FALSE(job.error().empty());
    CHECK(f.storage.count("family") == 18);
}

TEST_CASE("Task: a request made while another runs replaces it") {
    Fixture f;
    ui::Task<std::string> job;
    job.request(f.storage, "a", [](storage::Storage&) { return std::string("a"); });
    job.request(f.storage, "b", [](storage::Storage&) { return std::string("b"); });
    for (int i = 0; i < 5 && !job.current(); ++i) {
        job.wait();
        job.poll();
    }
    REQUIRE(job.result() != nullptr);
    CHECK(*job.result() == "b");                                   // "a", if it ran, was dropped
    CHECK(job.started() == 2);
}
