// ui_medals_test.cpp — badge medals on screen, headless: drawMedal puts
// vertices in the draw list (grey when not earned); 排行榜's volunteers board
// has a podium of the top three and the best three medals of a person with
// "+N"; a volunteer's detail lists her badges with dates, the others greyed
// and the next one due; 设置 → 徽章 shows a medal beside every badge.
#include "headless_ui.hpp"
#include "ui/task_runner.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"
#include "ui/medal.hpp"
#include "ui/screen_leaderboards.hpp"
#include "ui/screen_settings.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/ui_strings.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

// 江滨街道 ── 望月社区, 金沙社区; 文昌街道 ── 书院社区.
// 2026: 王芳 130 h (13 days of 10 h), 李娜 20 h, 赵敏 4 h, 陈静 2 h (verified records).
struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ui::InlineTaskExecutor tasks;   // the 志愿者 list's rows arrive in the frame that asks for them
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};
    RowId wang = 0, li = 0, zhao = 0, chen = 0;

    Fixture() {
        const test::District built = test::buildTwoStreets(storage, 100, 50, 200);
        wang = volunteer("王芳", built.community(0));
        li = volunteer("李娜", built.community(1));
        zhao = volunteer("赵敏", built.community(2));
        chen = volunteer("陈静", built.community(2));
        for (int day = 1; day <= 13; ++day) serve(wang, "2026-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day), 10);
        serve(li, "2026-04-01", 10);
        serve(li, "2026-04-02", 10);
        serve(zhao, "2026-05-01", 4);
        serve(chen, "2026-05-02", 2);
        app.today = "2026-11-29";
    }
    RowId volunteer(const char* name, RowId unit) {
        Person p;
        p.name = name;
        p.unitId = unit;
        p.joinedOn = "2024-01-01";
        p.isVolunteer = true;
        return storage.insertPerson(p);
    }
    void serve(RowId person, const std::string& date, double hours) {
        ServiceRecord r;
        r.personId = person;
        r.servedOn = date;
        r.hours = hours;
        r.verified = true;
        storage.insertServiceRecord(r);
    }
    void earn(RowId person, const char* code, const char* on) {
        auto st = storage.db().prepare("INSERT INTO badge_earned (badge_code, person_id, earned_on) VALUES (?1, ?2, ?3)");
        st.bind(1, code);
        st.bind(2, person);
        st.bind(3, on);
        st.run();
        storage.bump();
    }
};

void settle(test::HeadlessUi& ui, ui::LeaderboardsScreen& s) {
    ui.frame();
    for (int i = 0; i < 20 && !s.job.current(); ++i) {
        s.job.wait();
        ui.frame();
    }
    REQUIRE(s.job.current());
}

} // namespace

TEST_CASE("drawMedal fills the draw list; an unearned medal is drawn in grey") {
    test::HeadlessUi ui([] {});
    const MedalDesign gold = medalDesign("hours_many");
    int earnedVertices = 0, unearnedVertices = 0;
    ImU32 earnedFace = 0, unearnedFace = 0;
    auto draw = [&](bool earned, int& vertices, ImU32& lastColour) {
        ImGui::NewFrame();
        ImGui::Begin("medal");
        ImDrawList* list = ImGui::GetWindowDrawList();
        const int before = list->VtxBuffer.Size;
        const long long drawn = ui::medalsDrawn();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ui::drawMedal(list, ImVec2(at.x + 60, at.y + 60), 40, gold, earned);
        CHECK(ui::medalsDrawn() == drawn + 1);
        vertices = list->VtxBuffer.Size - before;
        // The vertex at the centre of the face layers: compare colours of the same vertex.
        lastColour = list->VtxBuffer[before + vertices / 2].col;
        ImGui::End();
        ImGui::Render();
    };
    draw(true, earnedVertices, earnedFace);
    draw(false, unearnedVertices, unearnedFace);
    CHECK(earnedVertices > 500);   // ribbons, laurel, rim rings, face, glyph
    CHECK(earnedVertices == unearnedVertices);
    CHECK(earnedFace != unearnedFace);
    // Grey: red, green and blue alike.
    const ImVec4 grey = ImGui::ColorConvertU32ToFloat4(unearnedFace);
    CHECK(grey.x == doctest::Approx(grey.y));
    CHECK(grey.y == doctest::Approx(grey.z));
}

TEST_CASE("排行榜: a podium of the top three above the chart; a person's best three medals and +N") {
    Fixture f;
    f.earn(f.wang, "first_service", "2026-03-01");
    f.earn(f.wang, "hours_few", "2026-03-01");
    f.earn(f.wang, "star_1", "2026-03-01");
    f.earn(f.wang, "first_title", "2026-03-08");
    f.earn(f.li, "first_service", "2026-04-01");
    f.app.section = ui::Section::Leaderboards;
    test::HeadlessUi ui(f.app);
    ui::LeaderboardsScreen& s = ui::leaderboardsScreen(f.app);
    settle(ui, s);
    const ui::LeaderboardResult& r = *s.job.result();
    REQUIRE(r.board.rows.size() == 4);

    // Codes best first: silver before bronze; among bronze the later one in the catalogue.
    CHECK(r.badgeCodes.at(f.wang) == std::vector<std::string>{"first_title", "hours_few", "star_1", "first_service"});
    CHECK(r.badges.at(f.wang).size() == 4);   // names, in the order earned (the export's)

    ui.frame();
    CHECK(ui.visible("board.podium"));
    for (const char* place : {"board.podium.1", "board.podium.2", "board.podium.3"}) CHECK(ui.visible(place));
    CHECK_FALSE(ui.visible("board.podium.4"));
    // First in the middle and highest, second on the left, third on the right.
    const ui::ItemRect* first = ui::ItemLocator::instance().find("board.podium.1");
    const ui::ItemRect* second = ui::ItemLocator::instance().find("board.podium.2");
    const ui::ItemRect* third = ui::ItemLocator::instance().find("board.podium.3");
    CHECK(second->max.x <= first->min.x);
    CHECK(first->max.x <= third->min.x);
    CHECK(first->min.y < second->min.y);
    CHECK(second->min.y < third->min.y);
    // The podium sits above the top-ten chart, beside the table.
    const ui::ItemRect* podium = ui::ItemLocator::instance().find("board.podium");
    CHECK(podium->max.y <= ImGui::GetIO().DisplaySize.y);

    const std::string medal = "board.medal." + std::to_string(f.wang) + ".";
    CHECK(ui.visible(medal + "first_title"));
    CHECK(ui.visible(medal + "hours_few"));
    CHECK(ui.visible(medal + "star_1"));
    CHECK_FALSE(ui.visible(medal + "first_service"));   // behind "+1"
    CHECK(ui.visible("board.medal." + std::to_string(f.li) + ".first_service"));

    // Every frame draws the four people's medals: 3 + 1 in the table, 3 on the podium.
    const long long before = ui::medalsDrawn();
    ui.frame();
    CHECK(ui::medalsDrawn() - before == 7);
}

TEST_CASE("a volunteer's detail shows her badges with dates, the others greyed, and the next one due") {
    Fixture f;
    f.earn(f.wang, "first_service", "2026-03-01");
    f.earn(f.wang, "hours_few", "2026-03-01");
    f.earn(f.wang, "star_1", "2026-03-01");
    f.app.section = ui::Section::Volunteers;
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(f.wang));
    ui.frame();
    const ui::VolunteersScreen& s = ui::volunteersScreen(f.app);
    REQUIRE(s.form.personId == f.wang);
    REQUIRE(s.badges.size() == 3);
    CHECK(s.badges[0].code == "first_service");
    CHECK(s.badges[0].earnedOn == "2026-03-01");
    for (const char* code : {"first_service", "hours_few", "star_1"}) {
        CAPTURE(code);
        CHECK(ui.visible(std::string("volunteer.badge.") + code));
        CHECK_FALSE(ui.visible(std::string("volunteer.unearned.") + code));
    }
    // The rest of the person badges, greyed; no unit badge among them.
    CHECK(ui.visible("volunteer.unearned.hours_many"));
    CHECK(ui.visible("volunteer.unearned.star_5"));
    CHECK_FALSE(ui.visible("volunteer.unearned.team_size"));
    // 130 h: ★2 at 300 h is the next hour badge.
    CHECK(ui.visible("volunteer.next_badge"));
    CHECK(s.nextBadge == "二星志愿者，还差 170 小时");

    // Another volunteer without badges: none earned, all greyed.
    ui.click("row." + std::to_string(f.chen));
    ui.frame();
    CHECK(s.badges.empty());
    CHECK_FALSE(ui.visible("volunteer.badge.first_service"));
    CHECK(ui.visible("volunteer.unearned.first_service"));
    CHECK(s.nextBadge == "100小时奉献，还差 98 小时");
}

TEST_CASE("设置 → 徽章: a medal beside every badge of the catalogue") {
    Fixture f;
    f.app.section = ui::Section::Settings;
    test::HeadlessUi ui(f.app);
    ui.click("settings.tab.badges");
    const ui::SettingsScreen& s = ui::settingsScreen(f.app);
    REQUIRE(s.badges.size() >= 20);
    for (const BadgeInfo& b : s.badges) {
        CAPTURE(b.code);
        CHECK(ui.visible("badge.medal." + b.code));
    }
    // Side by side: the medal left of the name.
    const ui::ItemRect* medal = ui::ItemLocator::instance().find("badge.medal.hours_many");
    const ui::ItemRect* name = ui::ItemLocator::instance().find("badge.hours_many");
    CHECK(medal->max.x <= name->min.x);
}

TEST_CASE("the font loader is given every medal glyph and tier name (a missing one shows '?')") {
    const std::string all(ui::str::allText());
    for (const BadgeInfo& b : badgeCatalogue()) {
        CAPTURE(b.code);
        CHECK(all.find(medalDesign(b.code).glyph) != std::string::npos);
    }
    for (MedalTier t : {MedalTier::Plain, MedalTier::Bronze, MedalTier::Silver, MedalTier::Gold, MedalTier::RedGold})
        CHECK(all.find(medalTierName(t)) != std::string::npos);
    CHECK(all.find(ui::str::kMedalTierSuffix) != std::string::npos);
}
