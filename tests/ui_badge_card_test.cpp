// ui_badge_card_test.cpp — the badge card stays inside the window: two
// windows side by side on a 2400 px screen are 1195 px wide, and a server's
// refusal in the card's error line pushed it past the left edge.
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/badge_announcer.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>

using namespace jinguo;

TEST_CASE("the badge card with a long error stays inside the window at every width from 800 px") {
    test::TempDbPath path;
    storage::Storage s(path.str());
    ui::AppState app{s};
    app.today = "2026-11-29";
    app.section = ui::Section::Overview;
    test::HeadlessUi ui(app);
    ui::BadgeAnnouncer& announcer = ui::badgeAnnouncer(app);
    announcer.mode = ui::BadgeAnnouncer::Mode::Off;
    // What the window showed for 江滨街道's chair before her evaluation was scoped.
    announcer.lastError = "没有权限：new row violates row-level security policy for table \"badge_earned\" "
                          "(INSERT INTO badge_earned (badge_code, person_id, unit_id, period, earned_on, announced) "
                          "SELECT badge_code, person_id, unit_id, period, earned_on, $1 FROM found_badge ORDER BY seq "
                          "ON CONFLICT DO NOTHING)";
    for (const float width : {1195.0f, 800.0f, 1440.0f, 2400.0f}) {
        ImGui::GetIO().DisplaySize = ImVec2(width, 890);
        for (int i = 0; i < 3; ++i) ui.frame();   // an auto-sized window settles in a frame or two
        const ImGuiWindow* card = ImGui::FindWindowByName("##badge_announcer");
        REQUIRE(card != nullptr);
        REQUIRE(card->Active);
        INFO("width " << width << ": card at x " << card->Pos.x << ", " << card->Size.x << " wide");
        CHECK(card->Pos.x >= 0);
        CHECK(card->Pos.x + card->Size.x <= width);
        CHECK(card->Pos.y >= 0);
        CHECK(card->Pos.y + card->Size.y <= 890);
    }
    // On one line the error is wider than the narrow windows: the card wrapped it.
    CHECK(ImGui::CalcTextSize(announcer.lastError.c_str()).x > 1195);
}
