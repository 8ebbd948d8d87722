// ui_title_review_test.cpp — 称号复核 in the window: filter a street's titles
// due, tick them all, 保留 with one date and 文号 — one undo step that Ctrl+Z
// takes back whole; refusals (nothing ticked, a future date) are Chinese
// messages and write nothing. Headless, on a real SQLite file.
#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "ui/screen_import.hpp"
#include "ui/screen_review.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    // The list is read by a Task: run its body inline, as soon as it is asked for.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    storage::RecordStore records{storage};
    RowId district = 0, street = 0, community = 0, otherStreet = 0, otherCommunity = 0;
    ui::AppState app{storage};

    Fixture() {
        district = records.addUnit({0, 0, "临江区", UnitKind::District, 5000, 0});
        street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 3000, 0});
        community = records.addUnit({0, street, "望江社区", UnitKind::Community, 3000, 0});
        otherStreet = records.addUnit({0, district, "城东街道", UnitKind::Street, 2000, 0});
        otherCommunity = records.addUnit({0, otherStreet, "东门社区", UnitKind::Community, 2000, 0});
        app.today = "2026-11-29";
        app.section = ui::Section::Review;
    }
    RowId named(RowId unit, const std::string& head, const std::string& namedOn) {
        const RowId family = records.addFamily({0, head, head + "家", 3, unit, ""});
        Award a;
        a.titleId = storage.awardTitleId("平安家庭", "family", "社区");
        a.year = std::stoi(namedOn.substr(0, 4));
        a.familyId = family;
        a.unitId = unit;
        const RowId id = storage.insertAward(a);
        AwardEvent e;
        e.awardId = id;
        e.status = toWord(AwardStatus::Name);
        e.happenedOn = namedOn;
        storage.insertAwardEvent(e);
        return id;
    }
    std::string status(RowId award) {
        storage::Statement st = storage.db().prepare("SELECT status FROM award WHERE id = ?");
        st.bind(1, award);
        REQUIRE(st.step());
        return st.columnText(0);
    }
};

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

} // namespace

TEST_CASE("称号复核: a street's titles due, 保留 in one action, one Ctrl+Z takes all back") {
    Fixture f;
    const RowId a = f.named(f.community, "王芳", "2022-06-30");
    const RowId b = f.named(f.community, "李娟", "2022-07-15");
    const RowId other = f.named(f.otherCommunity, "赵敏", "2022-06-30");
    storage::SettingsStore(f.storage).setTitleValidity(f.storage.awardTitleId("平安家庭", "family", "社区"), 3);

    test::HeadlessUi ui(f.app);
    ui::ReviewScreen& s = ui::reviewScreen(f.app);
    CHECK(s.rows.size() == 3);   // 已过期 everywhere
    ui.click("review.unit");
    ui.click("review.unit.option." + std::to_string(f.street));
    ui.frame();
    REQUIRE(s.rows.size() == 2);

    // Nothing ticked: refused, nothing written.
    ui.click("review.keep");
    CHECK(s.error.find("没有选中") != std::string::npos);
    CHECK(f.status(a) == "命名");

    ui.click("review.all");
    CHECK(s.ticked.size() == 2);
    ui.type("review.date", "2026-12-01");   // tomorrow
    ui.type("review.doc", "区妇字〔2026〕12号");
    ui.click("review.keep");
    CHECK(s.error.find("今天") != std::string::npos);
    CHECK(f.status(a) == "命名");

    ui.type("review.date", "2026-11-20");
    ui.click("review.keep");
    CHECK(s.error.empty());
    CHECK(s.done.find("2") != std::string::npos);
    CHECK(f.status(a) == "复核");
    CHECK(f.status(b) == "复核");
    CHECK(f.status(other) == "命名");
    ui.frame();
    CHECK(s.rows.empty());   // reviewed: 有效 again, no longer due
    const auto step = storage::UndoStore(f.storage).lastStep();
    REQUIRE(step);
    CHECK(step->label == "复核保留 2 个称号");

    pressCtrlZ(ui);
    CHECK(f.status(a) == "命名");
    CHECK(f.status(b) == "命名");
    ui.frame();
    CHECK(s.rows.size() == 2);
}

TEST_CASE("称号复核 is a sidebar section, and the import wizard offers 复核结果 sheets") {
    Fixture f;
    f.app.section = ui::Section::Overview;
    test::HeadlessUi ui(f.app);
    ui.click("section.review");
    CHECK(f.app.section == ui::Section::Review);
    ui::Section parsed = ui::Section::Overview;
    CHECK(ui::sectionFromName("review", parsed));
    CHECK(parsed == ui::Section::Review);

    ui.click("section.import");
    ui.click("import.kind.reviews");
    CHECK(ui::importScreen(f.app).kind == roster::RosterKind::Reviews);
}
