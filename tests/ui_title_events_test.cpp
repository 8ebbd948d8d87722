// ui_title_events_test.cpp — the 家庭 form writes a title's history (date,
// 文号, reason) and shows it as the family's timeline; the 荣誉 form takes
// the date too. Headless, on a real SQLite file.
#include "headless_ui.hpp"
#include "support/records_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_events.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_honours.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace jinguo;

namespace {

struct Fixture : test::RecordsUi {
    std::int64_t events(RowId award) {
        storage::Statement st = storage.db().prepare("SELECT count(*) FROM award_event WHERE award_id = ?");
        st.bind(1, award);
        return st.step() ? st.columnInt(0) : -1;
    }
};

void pick(test::HeadlessUi& ui, const std::string& combo, const std::string& option) {
    ui.click(combo);
    ui.click(combo + ".option." + option);
}

int indexOf(const std::vector<std::string>& words, const std::string& word) {
    const auto it = std::find(words.begin(), words.end(), word);
    REQUIRE(it != words.end());
    return static_cast<int>(it - words.begin());
}

} // namespace

TEST_CASE("家庭: a title added and then revoked through the form writes two events, shown as the timeline") {
    Fixture f;
    const RowId family = f.records.addFamily({0, "张三", "望江路12号", 4, f.community, ""});
    f.app.section = ui::Section::Families;
    test::HeadlessUi ui(f.app);
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    ui.frame();
    ui.click("family.row." + std::to_string(family));
    REQUIRE(screen.form.familyId == family);
    CHECK_FALSE(ui.visible("family.timeline"));   // no titles, no history

    pick(ui, "award.title", std::to_string(indexOf(screen.meta.catalogueTitles, "平安家庭")));
    pick(ui, "award.level", "0");                        // 社区
    ui.type("award.year", "2025");
    ui.type("award.doc", "望妇〔2025〕3号");
    ui.type("award.date", "2025-03-08");
    ui.type("award.note", "社区评议通过");
    ui.click("award.add");
    CHECK(screen.awardForm.error.empty());
    const auto awards = f.records.familyAwards(family);
    REQUIRE(awards.size() == 1);
    const RowId award = awards[0].awardId;
    CHECK(awards[0].namedOn == "2025-03-08");
    CHECK(f.events(award) == 1);
    ui.frame();
    CHECK(ui.visible("family.timeline"));
    REQUIRE(screen.timeline.size() == 1);
    CHECK(screen.timeline[0].event.note == "社区评议通过");

    // Into the form, 撤销 with no date: today, with the reason typed.
    ui.click("award.row." + std::to_string(award));
    REQUIRE(screen.awardForm.awardId == award);
    CHECK(screen.awardForm.date == "2025-03-08");        // the status's date, shown
    pick(ui, "award.status", "5");                       // 撤销
    ui.type("award.note", "搬离本社区");
    ui.click("award.add");
    CHECK(screen.awardForm.error.empty());
    CHECK(f.records.familyAward(award)->status == "撤销");
    CHECK(f.events(award) == 2);
    ui.frame();
    REQUIRE(screen.timeline.size() == 2);
    CHECK(screen.timeline[1].event.status == "撤销");
    CHECK(screen.timeline[1].event.happenedOn == "2026-11-29");   // app.today
    CHECK(screen.timeline[1].event.note == "搬离本社区");

    // A bad date: refused in Chinese, the form keeps it, nothing written.
    ui.click("award.row." + std::to_string(award));
    pick(ui, "award.status", "4");                       // 复核
    ui.type("award.date", "2026/13/01");
    ui.click("award.add");
    CHECK(screen.awardForm.error.find("日期") != std::string::npos);
    CHECK(f.events(award) == 2);
    screen.awardForm = ui::FamilyAwardForm{};

    // Ctrl+Z takes back the 撤销 and its event together.
    REQUIRE(storage::UndoStore(f.storage).undoLast());
    CHECK(f.records.familyAward(award)->status == "命名");
    CHECK(f.events(award) == 1);
    ui.frame();
    CHECK(screen.timeline.size() == 1);
}

TEST_CASE("荣誉: the form's date and reason go into the title's event") {
    Fixture f;
    f.app.section = ui::Section::Honours;
    test::HeadlessUi ui(f.app);
    ui.frame();
    ui.click("honour.add");
    ui.type("honour.name", "李梅");
    pick(ui, "honour.unit", std::to_string(f.community));
    ui.type("honour.custom", "三八红旗手");
    pick(ui, "honour.level", "2");                       // 区
    ui.type("honour.year", "2024");
    ui.type("honour.note", "区妇联表彰");
    ui.click("honour.save");
    ui::HonoursScreen& screen = ui::honoursScreen(f.app);
    CHECK(screen.form.error.empty());
    REQUIRE(screen.form.awardId != 0);
    const auto events = storage::titleEvents(f.storage, screen.form.awardId);
    REQUIRE(events.size() == 1);
    CHECK(events[0].status == "命名");
    CHECK(events[0].happenedOn == "2024-12-31");         // an earlier year without a date: its 12-31
    CHECK(events[0].note == "区妇联表彰");
    CHECK(screen.form.date == "2024-12-31");
    CHECK(screen.form.note.empty());
}
