// ui_theme_test.cpp — the look (issue 15 §3): the theme's colours keep text
// readable, the style can be applied again at another scale, every section
// has its own icon inside its square at every text size, the sidebar rows fit,
// and 设置 → 显示 changes the text size on the next frame and keeps it in the
// user's preferences (headless, on real database and preferences files).
#include <doctest/doctest.h>

#include <chrono>

#include "core/preferences.hpp"
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/database_session.hpp"
#include "ui/section_icons.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

bool sameColour(const ImVec4& a, const ImVec4& b) {
    return std::abs(a.x - b.x) < 1e-4f && std::abs(a.y - b.y) < 1e-4f && std::abs(a.z - b.z) < 1e-4f
        && std::abs(a.w - b.w) < 1e-4f;
}

struct PrefsFolder {
    fs::path root = fs::temp_directory_path() / ("jinguo_theme_" + std::to_string(::getpid()));
    PrefsFolder() { fs::remove_all(root); }
    ~PrefsFolder() { std::error_code ec; fs::remove_all(root, ec); }
    std::string prefs() const { return (root / "config/jinguo/preferences").string(); }
};

void makeDatabase(const std::string& path) {
    storage::Storage s(path);
    const RowId root = s.insertUnit({0, 0, "临江区", UnitKind::District, 1000, 0});
    s.insertUnit({0, root, "滨江街道", UnitKind::Street, 1000, 0});
}

const ui::Section kAllSections[] = {
    ui::Section::Overview, ui::Section::Volunteers, ui::Section::Families, ui::Section::Posts,
    ui::Section::Honours, ui::Section::Review, ui::Section::Units, ui::Section::Targets,
    ui::Section::Leaderboards, ui::Section::Import, ui::Section::Presentation, ui::Section::Settings,
    ui::Section::Help,
};
const char* const kSectionKeys[] = {"overview", "volunteers", "families", "posts", "honours", "review", "units",
                                    "targets", "leaderboards", "import", "presentation", "settings", "help"};

// The sidebar's rows in order, none overlapping, none below the window, each
// at least 1.3 lines tall (a comfortable target for the mouse).
void checkSidebarRowsFit() {
    const float height = ImGui::GetIO().DisplaySize.y;
    float lastBottom = 0.0f;
    for (const std::string key : kSectionKeys) {
        CAPTURE(key);
        const ui::ItemRect* row = ui::ItemLocator::instance().find("section." + key);
        REQUIRE(row != nullptr);
        CHECK(row->min.y >= lastBottom - 0.5f);
        CHECK(row->max.y <= height);
        CHECK(row->max.y - row->min.y >= ImGui::GetFontSize() * 1.3f - 0.5f);
        lastBottom = row->max.y;
    }
}

// ImGui's ScaleAllSizes rounds sizes down to whole pixels.
bool scaledFrom(float scaled, float base, float scale) { return std::abs(scaled - base * scale) < 1.0f; }

} // namespace

TEST_CASE("theme: text stays readable on every ground, tint and solid red the style uses") {
    ImGuiStyle style;
    ui::applyTheme(style, 1.0f);
    const ImVec4 text = style.Colors[ImGuiCol_Text];
    // Body text on everything it is drawn over: WCAG AAA (7:1).
    for (ImGuiCol ground : {ImGuiCol_WindowBg, ImGuiCol_PopupBg, ImGuiCol_FrameBg, ImGuiCol_FrameBgHovered,
                            ImGuiCol_FrameBgActive, ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive,
                            ImGuiCol_Header, ImGuiCol_HeaderHovered, ImGuiCol_HeaderActive, ImGuiCol_Tab,
                            ImGuiCol_TabHovered, ImGuiCol_TabActive, ImGuiCol_TableHeaderBg, ImGuiCol_TableRowBgAlt,
                            ImGuiCol_TitleBgActive}) {
        CAPTURE(ground);
        CHECK(ui::contrastRatio(text, style.Colors[ground]) >= 7.0f);
    }
    CHECK(ui::contrastRatio(text, ui::theme::kSidebarBackground) >= 7.0f);
    // Greyed text and the message colours still read (AA, 4.5:1) on the ground and the sidebar.
    for (const ImVec4& colour : {style.Colors[ImGuiCol_TextDisabled], ui::kErrorColor.vec4(), ui::kOkColor.vec4(),
                                 ui::theme::kWarningColor.vec4(), ui::theme::kGoldText.vec4(), ui::theme::kAccent.vec4(),
                                 ui::theme::kInfoColor.vec4()}) {
        CHECK(ui::contrastRatio(colour, style.Colors[ImGuiCol_WindowBg]) >= 4.5f);
        CHECK(ui::contrastRatio(colour, ui::theme::kSidebarBackground) >= 4.2f);
    }
    // Solid red carries white text, never the dark body text.
    for (const ui::theme::Colour& red : {ui::theme::kAccent, ui::theme::kAccentHovered, ui::theme::kAccentActive}) {
        CHECK(ui::contrastRatio(ui::theme::kOnAccent, red) >= 4.5f);
        CHECK(sameColour(ui::textColorOn(red), ui::theme::kOnAccent));
    }
    CHECK(sameColour(ui::textColorOn(ui::theme::kAccentTint), ui::theme::kText));
    CHECK(sameColour(ui::textColorOn(ui::theme::kGold), ui::theme::kText));
    // The identity: selected and active things are the red family, not ImGui's blue.
    CHECK(sameColour(style.Colors[ImGuiCol_CheckMark], ui::theme::kAccent));
    CHECK(sameColour(style.Colors[ImGuiCol_SliderGrab], ui::theme::kAccent));
    CHECK(sameColour(style.Colors[ImGuiCol_Header], ui::theme::kAccentTint));
    CHECK(sameColour(style.Colors[ImGuiCol_TabActive], ui::theme::kAccentTintActive));
    CHECK(sameColour(style.Colors[ImGuiCol_PlotHistogram], ui::theme::kAccent));
    CHECK(style.Colors[ImGuiCol_WindowBg].x > style.Colors[ImGuiCol_WindowBg].z);   // warm, not grey-blue
    CHECK(ui::contrastRatio(ui::theme::kText, ui::theme::Colour{0, 0, 0}) < 2.0f);                // near-black, warm
}

TEST_CASE("theme: applied again at another scale, sizes follow the scale and never compound") {
    ImGuiStyle once;
    ui::applyTheme(once, 1.0f);
    ImGuiStyle style;
    ui::applyTheme(style, 1.5f);
    ui::applyTheme(style, 1.5f);   // twice: the same as once
    CHECK(scaledFrom(style.FramePadding.x, once.FramePadding.x, 1.5f));
    CHECK(scaledFrom(style.ItemSpacing.y, once.ItemSpacing.y, 1.5f));
    CHECK(scaledFrom(style.ScrollbarSize, once.ScrollbarSize, 1.5f));
    CHECK(scaledFrom(style.WindowRounding, once.WindowRounding, 1.5f));
    ui::applyTheme(style, 1.0f);   // and back
    CHECK(style.FramePadding.x == doctest::Approx(once.FramePadding.x));
    CHECK(sameColour(style.Colors[ImGuiCol_Text], ui::theme::kText));
}

TEST_CASE("theme: the headless window runs in the theme, as the real one does") {
    test::HeadlessUi ui([] {
        ImGui::Begin("probe");
        ImGui::End();
    });
    CHECK(sameColour(ImGui::GetStyle().Colors[ImGuiCol_WindowBg], ui::theme::kBackground));
    CHECK(sameColour(ImGui::GetStyle().Colors[ImGuiCol_Text], ui::theme::kText));
}

TEST_CASE("section icons: every section draws its own picture, inside its square, at every text size") {
    test::HeadlessUi ui([] {
        ImGui::Begin("icons");
        ImGui::End();
    });
    ImGui::NewFrame();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    for (float size : {13.0f, 16.0f, 24.0f, 34.5f}) {
        std::vector<int> counts;
        for (ui::Section section : kAllSections) {
            CAPTURE(static_cast<int>(section));
            CAPTURE(size);
            const int before = dl->VtxBuffer.Size;
            const ImVec2 at(100.0f, 200.0f);
            ui::drawSectionIcon(dl, section, at, size, IM_COL32(183, 28, 28, 255));
            const int added = dl->VtxBuffer.Size - before;
            CHECK(added > 0);
            counts.push_back(added);
            // Strokes and their anti-aliased fringe stay within a stroke of the square.
            const float slack = std::max(1.0f, size / 12.0f) + 1.5f;
            for (int i = before; i < dl->VtxBuffer.Size; ++i) {
                const ImVec2 p = dl->VtxBuffer[i].pos;
                CHECK(p.x >= at.x - slack);
                CHECK(p.x <= at.x + size + slack);
                CHECK(p.y >= at.y - slack);
                CHECK(p.y <= at.y + size + slack);
            }
        }
        // Pictures, not one shape repeated: at least ten different vertex counts among 13 icons.
        std::sort(counts.begin(), counts.end());
        CHECK(std::unique(counts.begin(), counts.end()) - counts.begin() >= 10);
    }
    ImGui::Render();
}

TEST_CASE("sidebar: every section's row is on screen, one is selected, a click moves there") {
    test::TempDbPath path;
    makeDatabase(path.str());
    storage::Storage storage(path.str());
    ui::AppState app(storage);
    test::HeadlessUi ui(app);
    checkSidebarRowsFit();
    ui.click("section.targets");
    CHECK(app.section == ui::Section::Targets);
    ui.click("section.help");
    CHECK(app.section == ui::Section::Help);
}

TEST_CASE("sidebar: on a window too low for every row, the open section is scrolled into view") {
    test::TempDbPath path;
    makeDatabase(path.str());
    storage::Storage storage(path.str());
    ui::AppState app(storage);
    test::HeadlessUi ui(app);
    ImGui::GetIO().DisplaySize = ImVec2(1000, 260);
    ui.setTextScale(1.5f);
    ui.frame();
    app.section = ui::Section::Help;   // the last row, as F1 opens it
    ui.frame();
    ui.frame();
    const ui::ItemRect* help = ui::ItemLocator::instance().find("section.help");
    REQUIRE(help != nullptr);
    CHECK(help->max.y <= 260.0f);
    CHECK(help->min.y >= 0.0f);
    // The first row is then out of sight above: the sidebar really scrolled.
    const ui::ItemRect* overview = ui::ItemLocator::instance().find("section.overview");
    REQUIRE(overview != nullptr);
    CHECK(overview->max.y < 0.0f);
}

TEST_CASE("设置 → 显示: the text size changes on the next frame and is kept in the preferences") {
    PrefsFolder folder;
    test::TempDbPath first, second;
    makeDatabase(first.str());
    makeDatabase(second.str());
    auto session = std::make_unique<ui::DatabaseSession>(std::make_unique<storage::Storage>(first.str()),
                                                         ui::DatabasePlaces{}, Preferences{}, folder.prefs());
    session->setOpenPatience(std::chrono::minutes(1));   // the switch in the same call, however loaded the machine
    ui::AppState& app = session->app();
    CHECK(app.fontScalePercent == 100);
    app.section = ui::Section::Settings;
    test::HeadlessUi ui(app);
    // What gui_main does between frames.
    ui.betweenFrames = [&] {
        if (session->keepFontScale()) ui.setTextScale(static_cast<float>(session->app().fontScalePercent) / 100.0f);
    };
    ui.click("settings.tab.display");
    REQUIRE(ui.visible("display.font_scale.125"));
    const float normal = ImGui::GetFontSize();
    const float padding = ImGui::GetStyle().FramePadding.x;

    ui.click("display.font_scale.125");
    CHECK(app.fontScalePercent == 125);
    ui.frame();
    CHECK(ImGui::GetFontSize() == doctest::Approx(normal * 1.25f));
    CHECK(scaledFrom(ImGui::GetStyle().FramePadding.x, padding, 1.25f));
    CHECK(readPreferences(folder.prefs()).fontScalePercent == 125);
    // The rest of the preferences is still there.
    CHECK(readPreferences(folder.prefs()).lastDatabase == fs::absolute(first.str()).lexically_normal().string());

    ui.click("display.font_scale.150");
    ui.frame();
    CHECK(ImGui::GetFontSize() == doctest::Approx(normal * 1.5f));
    CHECK(readPreferences(folder.prefs()).fontScalePercent == 150);
    // Every row of the sidebar is still on the screen at the largest size.
    checkSidebarRowsFit();

    // A value no screen offers is not kept (and nothing is rebuilt).
    app.fontScalePercent = 400;
    ui.frame();
    CHECK(app.fontScalePercent == 150);
    CHECK(readPreferences(folder.prefs()).fontScalePercent == 150);

    // Another database opened: the text size is the window's, it stays.
    app.openRequest = second.str();
    REQUIRE(session->switchIfRequested());
    CHECK(session->app().fontScalePercent == 150);

    // The next start reads it back.
    const Preferences kept = readPreferences(folder.prefs());
    ui::DatabaseSession next(std::make_unique<storage::Storage>(first.str()), ui::DatabasePlaces{}, kept, "");
    CHECK(next.app().fontScalePercent == 150);
}

TEST_CASE("设置 → 显示: back to 100 % restores the sizes and leaves no text-size line in the file") {
    PrefsFolder folder;
    test::TempDbPath path;
    makeDatabase(path.str());
    Preferences start;
    start.fontScalePercent = 137;
    ui::DatabaseSession session(std::make_unique<storage::Storage>(path.str()), ui::DatabasePlaces{}, start,
                                folder.prefs());
    ui::AppState& app = session.app();
    CHECK(app.fontScalePercent == 137);
    app.section = ui::Section::Settings;
    test::HeadlessUi ui(app);
    ui.setTextScale(1.37f);   // as the window does at start
    ui.betweenFrames = [&] {
        if (session.keepFontScale()) ui.setTextScale(static_cast<float>(app.fontScalePercent) / 100.0f);
    };
    ui.frame();
    const float large = ImGui::GetFontSize();
    ui.click("settings.tab.display");
    ui.click("display.font_scale.100");
    ui.frame();
    CHECK(ImGui::GetFontSize() == doctest::Approx(large / 1.37f));
    std::ifstream in(folder.prefs());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("# jinguo preferences") == 0);
    CHECK(text.find("font_scale") == std::string::npos);
    CHECK(readPreferences(folder.prefs()).fontScalePercent == 100);
}
