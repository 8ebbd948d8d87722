// ui_title_standing_test.cpp — titles that live and expire on the screens:
// 设置 sets a title's validity (one undo step, bad input refused in Chinese)
// and the grace; 家庭 shows 待复核 / 已过期 on a family's titles and filters
// by them. Headless, on a real SQLite file.
#include "headless_ui.hpp"
#include "support/records_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_settings.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace jinguo;

namespace {

struct Fixture : test::RecordsUi {
    RowId safeTitle() { return storage.awardTitleId("平安家庭", "family", "社区"); }
    // A family with a 平安家庭 named on `namedOn`; returns the award.
    RowId namedFamily(const std::string& head, const std::string& namedOn) {
        const RowId family = records.addFamily({0, head, head + "家", 3, community, ""});
        Award a;
        a.titleId = safeTitle();
        a.year = std::stoi(namedOn.substr(0, 4));
        a.familyId = family;
        a.unitId = community;
        const RowId id = storage.insertAward(a);
        AwardEvent e;
        e.awardId = id;
        e.status = toWord(AwardStatus::Name);
        e.happenedOn = namedOn;
        storage.insertAwardEvent(e);
        return id;
    }
    RowId familyOf(RowId award) {
        storage::Statement st = storage.db().prepare("SELECT family_id FROM award WHERE id = ?");
        st.bind(1, award);
        REQUIRE(st.step());
        return st.columnInt(0);
    }
    std::string validYears(RowId title) {
        storage::Statement st = storage.db().prepare("SELECT coalesce(CAST(valid_years AS text), '长期') FROM award_title WHERE id = ?");
        st.bind(1, title);
        REQUIRE(st.step());
        return st.columnText(0);
    }
    std::vector<RowId> visibleFamilies() {
        ui::FamiliesScreen& s = ui::familiesScreen(app);
        std::vector<RowId> out;
        for (int i = 0; i < s.rowCount(); ++i) {
            REQUIRE(s.rowAt(i));
            out.push_back(s.rowAt(i)->data.row.id);
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

void pick(test::HeadlessUi& ui, const std::string& combo, const std::string& option) {
    ui.click(combo);
    ui.click(combo + ".option." + option);
}

} // namespace

TEST_CASE("设置: a title's validity is typed in the catalogue, checked, saved as one undo step") {
    Fixture f;
    f.app.section = ui::Section::Settings;
    test::HeadlessUi ui(f.app);
    ui::SettingsScreen& screen = ui::settingsScreen(f.app);
    ui.click("settings.tab.titles");
    ui.type("title.filter", "平安");
    const RowId safe = f.safeTitle();
    ui.click("title.row." + std::to_string(safe));
    REQUIRE(screen.edit.id == safe);
    CHECK(screen.edit.validity.empty());   // 长期 by default

    ui.type("title.edit.validity", "2.5");
    ui.click("title.edit.save");
    CHECK(screen.titleError.find("整数") != std::string::npos);
    CHECK(f.validYears(safe) == "长期");

    ui.type("title.edit.validity", "３");   // full-width, as an input method types it
    ui.click("title.edit.save");
    CHECK(screen.titleError.empty());
    CHECK(f.validYears(safe) == "3");
    ui.frame();
    CHECK(screen.edit.validity == "3");

    // The validity and a new price in one save: one step back.
    ui.type("title.edit.validity", "5");
    ui.type("title.edit.points", "7");
    ui.click("title.edit.save");
    CHECK(f.validYears(safe) == "5");
    REQUIRE(storage::UndoStore(f.storage).undoLast());
    CHECK(f.validYears(safe) == "3");
    REQUIRE(storage::UndoStore(f.storage).undoLast());
    CHECK(f.validYears(safe) == "长期");
}

TEST_CASE("设置: the grace is a rule of the 计分与星级 tab, refused unless whole months") {
    Fixture f;
    f.app.section = ui::Section::Settings;
    test::HeadlessUi ui(f.app);
    ui::SettingsScreen& screen = ui::settingsScreen(f.app);
    ui.click("settings.tab.rules");
    const std::string key = std::string("rule.") + storage::kGraceMonthsKey;
    CHECK(ui.visible(key));
    ui.type(key, "1.5");
    ui.click("rules.save");
    CHECK(!screen.problems.empty());
    CHECK(storage::SettingsStore(f.storage).rules().at(storage::kGraceMonthsKey) == "6");
    ui.type(key, "12");
    ui.click("rules.save");
    CHECK(screen.problems.empty());
    CHECK(storage::SettingsStore(f.storage).rules().at(storage::kGraceMonthsKey) == "12");
}

TEST_CASE("家庭: titles past their validity show 待复核 or 已过期 and the list filters by them") {
    Fixture f;
    // Today 2026-11-29; validity 3 years, grace 6 months.
    const RowId expired = f.namedFamily("李梅", "2022-03-01");   // due 2025-03-01, expired 2025-09-01
    const RowId due = f.namedFamily("王芳", "2023-09-01");       // due 2026-09-01, counts until 2027-03-01
    const RowId valid = f.namedFamily("赵兰", "2025-06-01");
    storage::SettingsStore(f.storage).setTitleValidity(f.safeTitle(), 3);
    f.app.section = ui::Section::Families;
    test::HeadlessUi ui(f.app);
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    ui.frame();
    REQUIRE(screen.counts.households == 3);
    auto textOf = [&](RowId award) {
        const RowId family = f.familyOf(award);
        for (int i = 0; i < screen.rowCount(); ++i)
            if (screen.rowAt(i) && screen.rowAt(i)->data.row.id == family) return screen.rowAt(i)->titlesText;
        return std::string("?");
    };
    CHECK(textOf(expired).find("（已过期）") != std::string::npos);
    CHECK(textOf(due).find("（待复核）") != std::string::npos);
    CHECK(textOf(valid).find("（") == std::string::npos);

    pick(ui, "filter.standing", "0");   // 待复核
    CHECK(f.visibleFamilies() == std::vector<RowId>{f.familyOf(due)});
    pick(ui, "filter.standing", "1");   // 已过期
    CHECK(f.visibleFamilies() == std::vector<RowId>{f.familyOf(expired)});

    // The family's own titles say the same, with the day it stops counting.
    ui.click("family.row." + std::to_string(f.familyOf(expired)));
    REQUIRE(screen.form.familyId == f.familyOf(expired));
    ui.frame();
    REQUIRE(screen.awardStandings.count(expired));
    CHECK(screen.awardStandings.at(expired).standing == TitleStanding::Expired);
    CHECK(screen.awardStandings.at(expired).expiresOn == "2025-09-01");

    // A 复核 through the form confirms it again: no longer 已过期, the filter empties.
    ui.click("award.row." + std::to_string(expired));
    pick(ui, "award.status", "4");   // 复核
    ui.type("award.date", "2026-11-20");
    ui.click("award.add");
    CHECK(screen.awardForm.error.empty());
    ui.frame();
    CHECK(screen.awardStandings.at(expired).standing == TitleStanding::Valid);
    CHECK(f.visibleFamilies().empty());
    pick(ui, "filter.standing", "0");
    CHECK(f.visibleFamilies() == std::vector<RowId>{f.familyOf(due)});
}
