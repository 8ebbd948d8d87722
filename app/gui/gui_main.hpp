// gui_main.hpp — runs the windowed app on an open database.
#pragma once

#include "storage/storage.hpp"
#include "core/preferences.hpp"
#include "ui/app_state.hpp"
#include "ui/database_session.hpp"

#include <cstdio>
#include <memory>

#include <string>

namespace jinguo::gui {

// --measure FILE: per frame "frame ms_since_start frame_ms views_waiting"
// (ms_since_start: when the frame began; frame_ms: from then to the end of
// its work, the buffer swap included; views_waiting: ui::viewsWaiting()
// after the frame), at exit
// "peak_rss_mib X" (VmHWM). "Since start" is since the process began (the
// kernel's start time), so the open and its migrations count.
class FrameMeter {
public:
    // Opens `path` for writing; false (and `error`, in Chinese) when it cannot.
    bool open(const std::string& path, std::string& error);
    bool active() const { return m_file != nullptr; }
    void frame(int number, double startMs, double durationMs, int viewsWaiting);
    void close();   // writes the peak memory
    ~FrameMeter() { close(); }

private:
    std::FILE* m_file = nullptr;
};
// --measure without a screenshot ends this many frames after the last one a view waited in.
inline constexpr int kSettleFrames = 30;
// Milliseconds since this process started.
double msSinceProcessStart();
// VmHWM of /proc/self/status in MiB (0 when unknown).
double peakResidentMiB();

struct GuiOptions {
    ui::Section section = ui::Section::Overview;   // --section
    std::string screenshotPath;                    // --screenshot: write a PNG …
    int screenshotAfterFrames = 0;                 // … after this many frames, then quit
    int screenshotAtMs = -1;                       // … or at the first frame starting this long after start
    std::shared_ptr<FrameMeter> meter;             // --measure: opened by main, a line per frame
    int maxFrames = 0;                             // --measure without a screenshot: quit after this many frames
                                                   // (0: no cap), or once no view waited for kSettleFrames
    bool demo = false;                             // the demo database, opened for lack of the user's
    std::string notice;                            // said at the top of the window (a restore just done)
    ui::DatabasePlaces places;                     // the standard database and demo paths
    Preferences preferences;                       // read at start (last database, recent, window)
    std::string preferencesPath;                   // where they are kept ("" : not written)
};

// Returns the process exit code.
// The window keeps the database open and may switch to another (文件 menu).
int runGui(std::unique_ptr<storage::Storage> storage, const GuiOptions& options);

// Opens (and migrates) `path` on a thread of its own; when that takes long
// (an old big file's upgrade: minutes at a million people), a window shows
// the step under way (ui/screen_opening.hpp). Throws what Storage throws.
std::unique_ptr<storage::Storage> openShowingProgress(const std::string& path);

// No database yet: the first-run window (ui/screen_first_run.hpp). Returns the
// database to open (new, existing or the demo; `demo` says which), or "" to quit.
std::string showFirstRun(const GuiOptions& options, bool& demo);

// A start-up error (the database cannot be opened) in a window of its own
// with a 关闭 button, so a user who started Jinguo from the menu sees it; the
// caller has already printed it on stderr. Without a display it does nothing
// more. --screenshot takes a picture after its frames. Returns 1.
int showStartupError(const std::string& message, const GuiOptions& options);

// What the user chose in the window shown when the database at `path` could
// not be opened (ui/screen_open_failed.hpp): a path to open now (the same
// one after a restore or 重试, or another database), or "" to quit. `notice`
// receives what the main window should say (where a damaged file was kept).
// Without a display: "" at once (the caller printed the error).
std::string showOpenFailed(const std::string& path, const storage::OpenError& error, const GuiOptions& options,
                           std::string& notice);

} // namespace jinguo::gui
