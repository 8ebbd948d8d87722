// database_session.hpp — the open database of a running window and how it is
// exchanged (文件 → 新建 / 打开 / 最近打开 / 另存为): the Storage, the AppState
// every screen draws from, and the user's preferences (the recent files, the
// database to reopen next time; core/preferences.hpp).
//
// The 文件 menu only leaves a request in AppState::openRequest (after any
// unsaved form was answered, leave_guard.hpp); between frames the window
// calls switchIfRequested(), which opens the new file first — a file that
// cannot be opened leaves the old one in use and says why (AppState::fileError)
// — then closes the old one cleanly. The open runs on a thread of its own: an
// old big file's upgrade takes minutes, and meanwhile the window shows its
// steps (opening(), screen_opening.hpp) instead of freezing. Then: the AppState with every screen is
// destroyed (each screen's ui::Task is cancelled and waited by its
// destructor), the -wal is emptied into the old .db, and a fresh AppState
// reads the new database on the next frame.
#pragma once

#include "core/preferences.hpp"
#include "storage/database.hpp"
#include "ui/app_state.hpp"
#include "ui/task_runner.hpp"

#include "storage/open_progress.hpp"

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

namespace jinguo::ui {

// Where databases go by default (cli::defaultDatabasePath and
// defaultDemoDatabasePath; tests use a temporary folder).
struct DatabasePlaces {
    std::string own;    // 新建's proposal
    std::string demo;   // 打开示例数据 writes and opens this one
};

// Why 文件 → 打开 refused `chosen` while `current` stays open (Chinese: what
// is wrong with the file, that the current database is untouched, what to do).
std::string chosenFileRefused(const std::string& chosen, const std::string& current, const storage::OpenError& e);

// The same file (both resolved), so opening it again is no switch.
bool sameFile(const std::string& a, const std::string& b);

// New database at `path` whose root 区 is `district`. Refuses an existing
// file, a missing or read-only folder (Chinese message); a file it could not
// finish is removed. Returns "" when created.
std::string createNewDatabase(const std::string& path, const std::string& district);
// The demo district written into `path` (jinguo_demo) unless it exists
// already. Returns "" or the Chinese reason.
std::string createDemoDatabase(const std::string& path);
// createDemoDatabase on `job` (a ui::Task: writing the demo takes seconds and
// the window keeps drawing meanwhile); its result is "" or the Chinese reason.
void startDemoDatabase(Task<std::string>& job, const std::string& path);
// A consistent copy of `storage` at `target` (SQLite's backup API; never
// over an existing file). Returns "" or the Chinese reason.
std::string saveDatabaseAs(storage::Storage& storage, const std::string& target);

class DatabaseSession {
public:
    // `prepare` runs for every AppState made (the window's fonts, presentation
    // host, key indices); `opened` after each switch (window title, daily backup).
    struct Hooks {
        std::function<void(AppState&)> prepare;
        std::function<void(AppState&)> opened;
        // Opens the chosen file (on the opening thread); empty: storage::Storage's
        // own open with its migrations. Tests hold an open back with it.
        std::function<std::unique_ptr<storage::Storage>(const std::string&)> openFile;
    };
    // `preferencesPath` empty: preferences are not written (they are still kept in memory).
    DatabaseSession(std::unique_ptr<storage::Storage> storage, DatabasePlaces places, Preferences preferences,
                    std::string preferencesPath, Hooks hooks = {});
    ~DatabaseSession();

    AppState& app() { return *m_app; }
    storage::Storage& storage() { return *m_storage; }
    const Preferences& preferences() const { return m_preferences; }
    // Writes the preferences (the window's geometry when it closes). "" or why not.
    std::string savePreferences();
    void setWindowGeometry(const WindowGeometry& geometry) { m_preferences.window = geometry; }

    // Between frames: a text size chosen in 设置 → 显示 (AppState::fontScalePercent)
    // that the preferences do not hold yet is kept and written (a failure is
    // said in AppState::fileError). True when it changed: the window then
    // rebuilds its fonts and style for it.
    bool keepFontScale();

    // Between frames: the database the 文件 menu asked for. True when the
    // window now shows another database (every screen starts afresh). The
    // open starts on its own thread; when it has not finished within
    // openPatience (most opens take milliseconds) it goes on while the window
    // draws opening(), and a later call makes the switch.
    bool switchIfRequested();
    void setOpenPatience(std::chrono::milliseconds patience) { m_openPatience = patience; }

    // An open still under way: the window shows its progress instead of the
    // screens (drawOpeningScreen) and does not close until it is over.
    bool opening() const { return m_opening.valid(); }
    const storage::OpenProgress& openingProgress() const { return *m_openingProgress; }
    const std::string& openingPath() const { return m_openingPath; }
    double openingSeconds() const;

private:
    // What the opening thread hands back: the new storage, or why not (Chinese).
    struct Opened {
        std::unique_ptr<storage::Storage> storage;
        std::string refusal;
    };
    void startOpening(const std::string& path);
    bool finishOpening();   // the opened file replaces the current one
    void remember();   // the open file: first of the recent list, reopened next time
    std::unique_ptr<storage::Storage> m_storage;
    std::unique_ptr<AppState> m_app;
    DatabasePlaces m_places;
    Preferences m_preferences;
    std::string m_preferencesPath;
    Hooks m_hooks;
    std::chrono::milliseconds m_openPatience{300};
    std::shared_ptr<storage::OpenProgress> m_openingProgress = std::make_shared<storage::OpenProgress>();
    std::string m_openingPath;
    std::chrono::steady_clock::time_point m_openingSince;
    std::future<Opened> m_opening;
    std::thread m_opener;
};

} // namespace jinguo::ui
