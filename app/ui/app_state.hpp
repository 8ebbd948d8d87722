// app_state.hpp — what every screen is handed: the storage, the current
// section, fonts, and a message line. Screens keep their own view state in
// their own structs (see screen_*.hpp); the database is the source of truth.
#pragma once

#include "storage/storage.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace jinguo::ui {

enum class Section {
    Overview, Volunteers, Families, Posts, Honours, Review, Units, Targets, Leaderboards, Import, Presentation, Settings,
    Help,
};
inline constexpr int kSectionCount = 13;

const char* sectionLabel(Section section);
// "overview", "volunteers" … as used by `jinguo --section NAME`; false if unknown.
bool sectionFromName(std::string_view name, Section& out);

struct Screens;   // every screen's view state; defined in app_shell.cpp

// What the end of a frame does when the UI connection is still busy (a read
// transaction or a statement stepped and not reset: either pins the WAL
// snapshot, and every later save fails with "database is locked").
enum class SqlCheck {
    Log,     // release builds: say it once on stderr, go on
    Throw,   // tests, debug builds, JINGUO_CHECK_SQL=1: StorageError out of finishFrame
};
// Throw in a debug build (NDEBUG undefined) or with JINGUO_CHECK_SQL=1;
// JINGUO_CHECK_SQL=0 forces Log.
SqlCheck sqlCheckFromEnvironment();
struct PresentationHost;   // full screen and slide fonts (screen_presentation.hpp)

struct AppState {
    explicit AppState(storage::Storage& storage);
    ~AppState();

    storage::Storage& storage;
    Section section = Section::Overview;
    std::string today;                    // YYYY-MM-DD, fixed at start (tests set it)
    ImFont* largeFont = nullptr;          // headline figures; null -> default font
    std::string fontWarning;              // shown when no CJK font was found
    // Shown at the top of the window: the database is on a network file
    // system (storage::networkFileSystemWarning), or today's automatic backup failed.
    std::string storageWarning;
    bool demoDatabase = false;            // the demo database is open: marked 示例 in the header and title
    // ---- the 文件 menu (database_session.hpp): the window switches between frames
    std::string openRequest;              // a database to open instead of this one
    std::string fileError;                // why the last 新建/打开/另存为 was refused (Chinese)
    std::vector<std::string> recentDatabases;   // newest first (the preferences file)
    std::string ownDatabasePath;          // where 新建 proposes to save
    std::string demoDatabasePath;         // where 打开示例数据 writes the demo
    // Called with text that is about to be shown or was typed, so the font
    // loader can add glyphs it lacks (rebuilt between frames).
    std::function<void(std::string_view)> noteText;
    // Set by a screen after a bulk change (an import) whose text nobody typed:
    // the loop then adds every character of the data to the fonts, once.
    bool rescanCharacters = false;
    // The window's side of the 演示 presentation; null in headless tests.
    PresentationHost* presentationHost = nullptr;
    std::unique_ptr<Screens> screens;
    // The window may close now: set by requestClose (leave_guard.hpp) once no
    // form holds unsaved edits or the user answered 保存/不保存.
    bool closeNow = false;
    // ---- between frames
    SqlCheck sqlCheck = sqlCheckFromEnvironment();
    bool sqlProblemLogged = false;        // Log mode says it once
    // JINGUO_DEBUG_REVISION=1: a line on stderr when a write made elsewhere
    // (another window, `jinguo import`) is noticed.
    bool debugRevision = false;
    std::uint64_t outsideChangesSeen = 0; // writes elsewhere noticed so far (tests read it)
    // ---- 设置 → 显示: the text size in percent (core/preferences.hpp's
    // kFontScaleSteps). A screen sets it; between frames the window rebuilds
    // its fonts and style at that size and DatabaseSession::keepFontScale
    // writes it to the user's preferences.
    int fontScalePercent = 100;
    // io.KeysDown index of F1, which opens 帮助 (the window sets it from its
    // key codes; -1: no such key, e.g. headless tests that do not press it).
    int helpKeyIndex = -1;
};

// Draws the whole interface for one frame: sidebar and the current section.
// First it asks the storage whether another connection wrote to the file
// (PRAGMA data_version); if so every screen reloads and the fonts rescan.
void drawApp(AppState& state);

// After the frame was rendered (the GUI loop and the headless runner call
// it): the UI connection must hold no transaction and no unfinished
// statement. With SqlCheck::Throw a leak is a StorageError naming the SQL.
void finishFrame(AppState& state);

} // namespace jinguo::ui
