// preferences.hpp — the user's own preferences, kept apart from any database:
// the database opened last, the recently opened files, the window's size
// and position, and the text size (设置 → 显示). One small text file, $XDG_CONFIG_HOME/jinguo/preferences
// (default ~/.config/jinguo/preferences), written atomically (a temporary
// file renamed over it) with mode 0600. A missing, unreadable or corrupt file
// gives the defaults: preferences are a convenience, never a reason to fail.
#pragma once

#include <string>
#include <vector>

namespace jinguo {

struct WindowGeometry {
    int x = 0, y = 0;
    int width = 0, height = 0;      // 0: not known, the window picks its size
    bool known() const { return width > 0 && height > 0; }
};

// The text sizes 设置 → 显示 offers, in percent of the default (for older
// users and projectors); the window scales its fonts and style by it.
inline constexpr int kFontScaleSteps[] = {100, 112, 125, 137, 150};
inline constexpr int kFontScaleDefault = 100;

struct Preferences {
    std::string lastDatabase;                 // reopened at the next start; "" none
    std::vector<std::string> recentDatabases; // newest first, at most kRecentKept
    WindowGeometry window;
    int fontScalePercent = kFontScaleDefault; // one of kFontScaleSteps
};

inline constexpr std::size_t kRecentKept = 8;

// The step of kFontScaleSteps nearest to `percent` (a slider's value, a file
// edited by hand); 0 when it lies outside 100–150, which callers drop.
int snapFontScale(int percent);

// $XDG_CONFIG_HOME/jinguo/preferences, or ~/.config/jinguo/preferences.
std::string preferencesPath();

// The preferences in `path`; defaults when the file is missing or not a
// preferences file. Values that make no sense are dropped one by one.
Preferences readPreferences(const std::string& path);

// The text readPreferences reads (for tests and writePreferences).
std::string preferencesText(const Preferences& preferences);
Preferences parsePreferences(const std::string& text);

// Writes atomically, mode 0600, creating the folder (0700). Returns "" or a
// Chinese message (the caller may ignore it: nothing depends on it).
std::string writePreferences(const std::string& path, const Preferences& preferences);

// `path` opened: it becomes lastDatabase and the first recent file (moved
// there when listed already); the list keeps kRecentKept.
void rememberDatabase(Preferences& preferences, const std::string& path);

// The recent files that still exist (the 文件 menu greys the others).
bool databaseFileExists(const std::string& path);

} // namespace jinguo
