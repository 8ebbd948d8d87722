// screen_help.cpp — see screen_help.hpp.
#include "ui/screen_help.hpp"

#include "storage/backup_store.hpp"
#include "storage/database.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/widgets.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <filesystem>
#include <string>

#ifndef JINGUO_VERSION
#define JINGUO_VERSION "dev"
#endif

namespace jinguo::ui {

namespace {

constexpr theme::Colour kRed = theme::kAccent;

// A numbered red disc beside each step: the order is the point of the page.
void stepNumber(int n) {
    const float size = ImGui::GetTextLineHeight() * 1.6f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 centre(at.x + size * 0.5f, at.y + size * 0.5f);
    draw->AddCircleFilled(centre, size * 0.5f, ImGui::GetColorU32(kRed));
    const std::string digit = std::to_string(n);
    const ImVec2 text = ImGui::CalcTextSize(digit.c_str());
    draw->AddText(ImVec2(centre.x - text.x * 0.5f, centre.y - text.y * 0.5f), IM_COL32_WHITE, digit.c_str());
    ImGui::Dummy(ImVec2(size, size));
}

void step(int n, const char* title, const char* text) {
    stepNumber(n);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextColored(kRed, "%s", title);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::Spacing();
}

void pathLine(AppState& app, const char* label, const std::string& path) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(0, 0);
    userText(app, path, true);
}

// Where the data and its backups are. A server is named user@host:port/db
// (its connection string is no path, and has no folder beside it) and its
// backups are the server's pg_dump, not a folder here.
void databaseLines(AppState& app, bool withDataFolder) {
    const std::string& path = app.storage.path();
    pathLine(app, str::kHelpFileDatabase, storage::databaseDisplayName(path));
    if (app.storage.db().isServer()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", str::kBakServer);
        ImGui::PopTextWrapPos();
        locate("help.backups_server");
        return;
    }
    if (withDataFolder) pathLine(app, str::kAboutDataFolder, std::filesystem::path(path).parent_path().string());
    pathLine(app, str::kHelpFileBackups, storage::backupFolderFor(path));
    locate("help.backups_folder");
}

// A bullet line that wraps inside the window; its later lines line up
// under the first (BulletText never wraps).
void wrappedBullet(const char* text) {
    ImGui::Bullet();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

void drawGuide(AppState& app) {
    headingText(str::kHelpYearHeading);
    step(1, str::kHelpStep1Title, str::kHelpStep1);
    step(2, str::kHelpStep2Title, str::kHelpStep2);
    step(3, str::kHelpStep3Title, str::kHelpStep3);
    step(4, str::kHelpStep4Title, str::kHelpStep4);
    step(5, str::kHelpStep5Title, str::kHelpStep5);
    ImGui::Separator();
    headingText(str::kHelpKeysHeading);
    wrappedBullet(str::kHelpKeyUndo);
    wrappedBullet(str::kHelpKeyHelp);
    wrappedBullet(str::kHelpKeyPresent);
    ImGui::Separator();
    headingText(str::kHelpFilesHeading);
    databaseLines(app, false);
    if (!app.storage.db().isServer()) ImGui::TextDisabled("%s", str::kHelpFileBackupsNote);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(str::kHelpFileExports);
    ImGui::PopTextWrapPos();
}

void drawAbout(AppState& app) {
    headingText(str::kAboutName);
    ImGui::Text("%s%s", str::kAboutVersion, JINGUO_VERSION);
    locate("help.version");
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(str::kAboutPurpose);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    databaseLines(app, true);
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", str::kAboutLicence);
    ImGui::PopTextWrapPos();
}

} // namespace

void drawHelpScreen(AppState& app, HelpScreen& s) {
    if (!ImGui::BeginTabBar("help_tabs")) return;
    if (ImGui::BeginTabItem(str::kHelpTabGuide)) {
        s.tab = 0;
        ImGui::BeginChild("guide");
        drawGuide(app);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    locate("help.tab.guide");
    if (ImGui::BeginTabItem(str::kHelpTabAbout)) {
        s.tab = 1;
        drawAbout(app);
        ImGui::EndTabItem();
    }
    locate("help.tab.about");
    ImGui::EndTabBar();
}

} // namespace jinguo::ui
