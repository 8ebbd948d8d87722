// app_shell.cpp — the window-filling frame: sidebar with every section of the
// product, the database path, and the current section's screen.
#include "core/id_number.hpp"
#include "storage/database.hpp"
#include "ui/app_state.hpp"
#include "ui/badge_announcer.hpp"
#include "ui/file_menu.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/leave_guard.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_help.hpp"
#include "ui/screen_honours.hpp"
#include "ui/screen_import.hpp"
#include "ui/screen_leaderboards.hpp"
#include "ui/screen_overview.hpp"
#include "ui/screen_posts.hpp"
#include "ui/screen_presentation.hpp"
#include "ui/screen_review.hpp"
#include "ui/screen_settings.hpp"
#include "ui/screen_targets.hpp"
#include "ui/screen_units.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/section_icons.hpp"
#include "ui/theme.hpp"
#include "ui/ui_strings.hpp"
#include "ui/undo_shortcut.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace jinguo::ui {

// Every screen's view state, owned by the app for its whole run.
struct Screens {
    OverviewScreen overview;
    VolunteersScreen volunteers;      // with the 活动 tab
    FamiliesScreen families;
    PostsScreen posts;
    HonoursScreen honours;
    ReviewScreen review;              // 称号复核
    UnitsScreen units;
    TargetsScreen targets;
    LeaderboardsScreen leaderboards;
    ImportScreen imports;
    PresentationScreen presentation;
    SettingsScreen settings;
    HelpScreen help;
    BadgeAnnouncer announcer;         // drawn over every screen
    LeaveGuard leave;                 // "表单有未保存的修改" (leave_guard.hpp)
    FileMenu file;                    // 文件: 新建, 打开, 最近打开, 另存为 (file_menu.hpp)
    int sidebarScrolledTo = -1;       // the section the sidebar last scrolled into view
    float sidebarFontSize = 0.0f;     // …at this text size (设置 → 显示 changes it)
};

namespace {

struct SectionInfo {
    Section section;
    const char* name;    // for --section
    const char* label;
};

constexpr std::array<SectionInfo, kSectionCount> kSections = {{
    {Section::Overview, "overview", str::kSectionOverview},
    {Section::Volunteers, "volunteers", str::kSectionVolunteers},
    {Section::Families, "families", str::kSectionFamilies},
    {Section::Posts, "posts", str::kSectionPosts},
    {Section::Honours, "honours", str::kSectionHonours},
    {Section::Review, "review", str::kSectionReview},
    {Section::Units, "units", str::kSectionUnits},
    {Section::Targets, "targets", str::kSectionTargets},
    {Section::Leaderboards, "leaderboards", str::kSectionLeaderboards},
    {Section::Import, "import", str::kSectionImport},
    {Section::Presentation, "presentation", str::kSectionPresentation},
    {Section::Settings, "settings", str::kSectionSettings},
    {Section::Help, "help", str::kSectionHelp},
}};

constexpr float kDatabaseLines = 4;   // the sidebar's foot: separator, 数据库, the path in up to 2 lines

void drawSidebar(AppState& app, float width) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kSidebarBackground);
    ImGui::BeginChild("sidebar", ImVec2(width, 0), true);
    ImGui::PopStyleColor();
    if (app.largeFont) ImGui::PushFont(app.largeFont);
    headingText(str::kAppTitle);
    if (app.largeFont) ImGui::PopFont();
    ImGui::TextDisabled("%s", str::kAppSubtitle);
    drawFileMenu(app, app.screens->file);
    ImGui::Separator();
    ImGui::Spacing();
    // Rows as tall as the window allows (1.8 lines), down to 1.2 lines on a
    // low screen or at a large text size before the sidebar has to scroll;
    // the database block below keeps its 4 lines. The rows touch but for a
    // hairline, so a tall text size still fits 13 of them.
    const float line = ImGui::GetTextLineHeight();
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    const float rowGap = std::max(1.0f, std::round(spacing.y * 0.3f));
    const float room = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * kDatabaseLines;
    const float rowHeight = std::clamp(room / kSectionCount - rowGap, line * 1.2f, line * 1.8f);
    if (app.screens->sidebarFontSize != ImGui::GetFontSize()) {   // another text size: into view again
        app.screens->sidebarFontSize = ImGui::GetFontSize();
        app.screens->sidebarScrolledTo = -1;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, rowGap));
    for (const SectionInfo& info : kSections) {
        const bool selected = app.section == info.section;
        // A dirty form on the section being left asks first.
        if (ImGui::Selectable((std::string("##section.") + info.name).c_str(), selected, 0, ImVec2(0, rowHeight))
            && !selected)
            leaveThen(app, [&app, to = info.section] { app.section = to; });
        locate((std::string("section.") + info.name).c_str());
        drawSectionRowContent(info.section, info.label, selected);
        // A large text size on a low screen makes the sidebar scroll: the
        // section just opened (F1, --section, a link) is scrolled into view
        // once, and again after the text size changed.
        if (selected && app.screens->sidebarScrolledTo != static_cast<int>(info.section)) {
            app.screens->sidebarScrolledTo = static_cast<int>(info.section);
            if (!ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
        }
    }
    ImGui::PopStyleVar();
    // The database at the bottom: label and a path that may wrap to 2 lines.
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + spacing.y,
                                  ImGui::GetWindowHeight() - ImGui::GetTextLineHeightWithSpacing() * kDatabaseLines));
    ImGui::Separator();
    ImGui::TextDisabled("%s", str::kDatabaseLabel);
    if (app.demoDatabase) {
        ImGui::SameLine();
        ImGui::TextColored(theme::kAccent, "%s", str::kDemoDatabase);
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", storage::databaseDisplayName(app.storage.path()).c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

// 撤销 / 重做 on the heading's line, at its right end, on every screen.
void drawUndoRedoAtRight(AppState& app) {
    if (app.section == Section::Presentation && app.screens->presentation.running) return;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - undoRedoButtonsWidth()));
    drawUndoRedoButtons(app);
}

void drawSection(AppState& app) {
    Screens& s = *app.screens;
    if (app.largeFont) ImGui::PushFont(app.largeFont);
    headingText(sectionLabel(app.section));
    if (app.largeFont) ImGui::PopFont();
    drawUndoRedoAtRight(app);
    ImGui::Spacing();
    switch (app.section) {
    case Section::Overview: drawOverviewScreen(app, s.overview); break;
    case Section::Volunteers: drawVolunteersScreen(app, s.volunteers); break;
    case Section::Families: drawFamiliesScreen(app, s.families); break;
    case Section::Posts: drawPostsScreen(app, s.posts); break;
    case Section::Honours: drawHonoursScreen(app, s.honours); break;
    case Section::Review: drawReviewScreen(app, s.review); break;
    case Section::Units: drawUnitsScreen(app, s.units); break;
    case Section::Targets: drawTargetsScreen(app, s.targets); break;
    case Section::Leaderboards: drawLeaderboardsScreen(app, s.leaderboards); break;
    case Section::Import: drawImportScreen(app, s.imports); break;
    case Section::Presentation: drawPresentationScreen(app, s.presentation); break;
    case Section::Settings: drawSettingsScreen(app, s.settings); break;
    case Section::Help: drawHelpScreen(app, s.help); break;
    }
}

} // namespace

VolunteersScreen& volunteersScreen(AppState& app) { return app.screens->volunteers; }
PostsScreen& postsScreen(AppState& app) { return app.screens->posts; }
FamiliesScreen& familiesScreen(AppState& app) { return app.screens->families; }
HonoursScreen& honoursScreen(AppState& app) { return app.screens->honours; }
ReviewScreen& reviewScreen(AppState& app) { return app.screens->review; }
UnitsScreen& unitsScreen(AppState& app) { return app.screens->units; }
OverviewScreen& overviewScreen(AppState& app) { return app.screens->overview; }
PresentationScreen& presentationScreen(AppState& app) { return app.screens->presentation; }
TargetsScreen& targetsScreen(AppState& app) { return app.screens->targets; }
LeaderboardsScreen& leaderboardsScreen(AppState& app) { return app.screens->leaderboards; }
ImportScreen& importScreen(AppState& app) { return app.screens->imports; }
SettingsScreen& settingsScreen(AppState& app) { return app.screens->settings; }
BadgeAnnouncer& badgeAnnouncer(AppState& app) { return app.screens->announcer; }
LeaveGuard& leaveGuard(AppState& app) { return app.screens->leave; }
FileMenu& fileMenu(AppState& app) { return app.screens->file; }

const char* sectionLabel(Section section) {
    for (const SectionInfo& info : kSections)
        if (info.section == section) return info.label;
    return "";
}

bool sectionFromName(std::string_view name, Section& out) {
    for (const SectionInfo& info : kSections) {
        if (name == info.name) {
            out = info.section;
            return true;
        }
    }
    return false;
}

SqlCheck sqlCheckFromEnvironment() {
    if (const char* env = std::getenv("JINGUO_CHECK_SQL")) {
        if (std::strcmp(env, "1") == 0) return SqlCheck::Throw;
        if (std::strcmp(env, "0") == 0) return SqlCheck::Log;
    }
#ifdef NDEBUG
    return SqlCheck::Log;
#else
    return SqlCheck::Throw;
#endif
}

AppState::AppState(storage::Storage& s) : storage(s), today(todayIso()), screens(std::make_unique<Screens>()) {
    const char* debug = std::getenv("JINGUO_DEBUG_REVISION");
    debugRevision = debug && std::strcmp(debug, "0") != 0 && debug[0] != '\0';
}

namespace {
// Another connection committed (another window, `jinguo import`, one of our
// own workers): treat it as our own write — every screen keyed on the
// revision reloads in this very frame, and the fonts learn the new names.
void noticeWritesElsewhere(AppState& app) {
    const auto start = std::chrono::steady_clock::now();
    if (!app.storage.noticeWritesElsewhere()) return;
    app.rescanCharacters = true;
    ++app.outsideChangesSeen;
    if (app.debugRevision) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        const double wall = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        std::fprintf(stderr, "jinguo: 数据库已被其他连接修改，界面重新读取（revision %llu，检查用时 %.3f ms，时间 %.3f）\n",
                     static_cast<unsigned long long>(app.storage.revision()), ms, wall);
    }
}
} // namespace

void finishFrame(AppState& app) {
    if (app.sqlCheck == SqlCheck::Throw) {
        app.storage.db().checkIdle();
        return;
    }
    if (app.sqlProblemLogged) return;
    try {
        app.storage.db().checkIdle();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "jinguo: %s\n", e.what());
        app.sqlProblemLogged = true;
    }
}
AppState::~AppState() = default;

void drawApp(AppState& app) {
    noticeWritesElsewhere(app);
    ItemLocator::instance().beginFrame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove
                                 | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
    ImGui::Begin("##jinguo", nullptr, flags);
    if (!app.fontWarning.empty()) {
        ImGui::TextColored(kErrorColor, "%s", app.fontWarning.c_str());
    }
    if (!app.storageWarning.empty()) {
        errorText(app, app.storageWarning);
    }
    drawFileError(app);
    const float sidebarWidth = std::max(180.0f, ImGui::GetFontSize() * 10.0f);
    drawSidebar(app, sidebarWidth);
    ImGui::SameLine();
    ImGui::BeginChild("section", ImVec2(0, 0), false);
    beginLeaveFrame(app);   // the section says again whether its form is dirty
    drawSection(app);
    ImGui::EndChild();
    drawLeavePopup(app);
    ImGui::End();
    handleUndoShortcut(app);
    // F1 opens 帮助 (not while presenting: every key is the slides' then).
    if (app.helpKeyIndex >= 0 && ImGui::IsKeyPressed(app.helpKeyIndex, false) && app.section != Section::Help
        && !app.screens->presentation.running)
        leaveThen(app, [&app] { app.section = Section::Help; });
    drawBadgeAnnouncer(app, app.screens->announcer);
}

} // namespace jinguo::ui
