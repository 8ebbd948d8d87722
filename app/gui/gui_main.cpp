// gui_main.cpp — the frame loop: AppWindow (platform) drives frames, ui::drawApp
// draws them, and the font atlas learns every character the data contains.
#include "gui/gui_main.hpp"

#include "core/frame_wake.hpp"
#include "core/pinyin.hpp"
#include "gui/presentation_host.hpp"
#include "platform/app_window.hpp"
#include "platform/imgui_sfml_binding.hpp"
#include "storage/audit_retention.hpp"
#include "storage/backup_store.hpp"
#include "storage/character_scan.hpp"
#include "storage/integrity_check.hpp"
#include "storage/open_progress.hpp"
#include "ui/leave_guard.hpp"
#include "ui/screen_import.hpp"
#include "ui/screen_first_run.hpp"
#include "ui/screen_opening.hpp"
#include "ui/screen_open_failed.hpp"
#include "ui/task_runner.hpp"
#include "ui/theme.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace jinguo::gui {

// ============================================================ [SECTION] --measure

namespace {
// The process's age when this static was initialised (before main): the
// kernel's start time (/proc/self/stat field 22, clock ticks since boot)
// against CLOCK_BOOTTIME, so dynamic loading counts too. 10 ms resolution;
// 0 when /proc is not there.
double ageAtStaticInitMs() {
    std::ifstream stat("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');   // the command name may hold spaces
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long startTicks = 0;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22) startTicks = std::strtoull(field.c_str(), nullptr, 10);
    timespec boot{};
    if (startTicks == 0 || clock_gettime(CLOCK_BOOTTIME, &boot) != 0) return 0;
    const double nowMs = static_cast<double>(boot.tv_sec) * 1000.0 + static_cast<double>(boot.tv_nsec) / 1e6;
    const double startMs = static_cast<double>(startTicks) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
    return nowMs > startMs ? nowMs - startMs : 0;
}
const auto kStaticInit = std::chrono::steady_clock::now();
const double kAgeAtStaticInitMs = ageAtStaticInitMs();
} // namespace

double msSinceProcessStart() {
    return kAgeAtStaticInitMs
         + std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kStaticInit).count();
}

double peakResidentMiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;   // kB
    return 0;
}

bool FrameMeter::open(const std::string& path, std::string& error) {
    close();
    m_file = std::fopen(path.c_str(), "w");
    if (!m_file) {
        error = "无法写入测量文件“" + path + "”（" + std::strerror(errno) + "）。请确认所在文件夹存在且可写，"
                "或换一个文件名，例如 --measure /tmp/测量.txt。";
        return false;
    }
    std::fprintf(m_file, "# frame ms_since_start frame_ms views_waiting\n");
    std::fflush(m_file);
    return true;
}

void FrameMeter::frame(int number, double startMs, double durationMs, int viewsWaiting) {
    if (!m_file) return;
    std::fprintf(m_file, "%d %.1f %.2f %d\n", number, startMs, durationMs, viewsWaiting);
    std::fflush(m_file);   // a run cut short by a time limit keeps its lines
}

void FrameMeter::close() {
    if (!m_file) return;
    std::fprintf(m_file, "peak_rss_mib %.1f\n", peakResidentMiB());
    std::fclose(m_file);
    m_file = nullptr;
}

namespace {
// A clean exit leaves everything in the .db itself (-wal emptied), so a copy
// of the bare file is complete. Workers may still read: a checkpoint that
// cannot finish is harmless.
void checkpointOnExit(storage::Storage& storage) {
    try {
        storage.db().checkpointWal();
    } catch (const std::exception&) {
    }
}
} // namespace

// Every window of the app in the theme's look and text sizes.
static platform::WindowOptions themedWindow(std::string title) {
    platform::WindowOptions options;
    options.title = std::move(title);
    options.bodyFontPixels = ui::kBodyFontPixels;
    options.largeFontPixels = ui::kLargeFontPixels;
    options.applyStyle = ui::applyTheme;
    return options;
}

static float textScaleOf(int percent) { return static_cast<float>(percent) / 100.0f; }

// The title bar: the program, the open file, and 【示例数据】 for the demo.
static std::string windowTitle(const ui::AppState& app) {
    std::string title = std::string(ui::str::kAppTitle) + " — ";
    if (app.demoDatabase) title += ui::str::kTitleDemo;
    else if (app.storage.db().isServer()) title += storage::databaseDisplayName(app.storage.path());
    else title += std::filesystem::path(app.storage.path()).filename().string();
    return title + " — Jinguo";
}

int runGui(std::unique_ptr<storage::Storage> firstStorage, const GuiOptions& options) {
    // ICU compiles Han-Latin's rules the first time a transliterator is made
    // (~70 ms), and 组织 and 称号复核 sort by pinyin in their first frame. Made
    // once beside the window's start, the rules are cached for the process and
    // every PinyinIndex after it is cheap. (Waited for when runGui returns.)
    const auto pinyinWarmUp = std::async(std::launch::async, [] { PinyinIndex index; index.keysFor("巾帼"); });
    try {
        platform::WindowOptions windowOptions = themedWindow(std::string(ui::str::kAppTitle) + " — Jinguo");
        windowOptions.askBeforeClose = true;   // a form with unsaved edits asks first (leave_guard.hpp)
        const WindowGeometry& saved = options.preferences.window;
        if (saved.known()) {
            windowOptions.savedX = saved.x;
            windowOptions.savedY = saved.y;
            windowOptions.savedWidth = static_cast<unsigned>(saved.width);
            windowOptions.savedHeight = static_cast<unsigned>(saved.height);
        }
        // What the first frames show, for the atlas built while the window opens.
        windowOptions.textScale = textScaleOf(options.preferences.fontScalePercent);   // 设置 → 显示
        windowOptions.firstCharacters = platform::codepointsOf(ui::str::allText());
        for (std::size_t i = 0; i < storage::catalogueCharacterSourceCount(); ++i)
            windowOptions.firstCharacters += storage::distinctCharactersOf(*firstStorage, i);
        platform::AppWindow window(windowOptions);
        platform::FontManager& fonts = window.fonts();
        fonts.addText(ui::str::allText());
        // A screenshot shows every character noted before it (the window
        // itself grows its atlas beside the frames, never waiting).
        fonts.setSynchronousGrowth(!options.screenshotPath.empty());
        WindowPresentationHost presentationHost(window);
        const bool missingFont = fonts.missingFont();
        // Runs that count frames or wait for a moment never idle (60 Hz at most still).
        window.setIdleAllowed(!(options.meter && options.meter->active()) && options.screenshotPath.empty()
                              && options.maxFrames == 0);

        // The daily backup runs as a task with its own connection: the window
        // opens at once. Not of the demo database, which is made again.
        // Started again for each database opened.
        // It and the full damage check of a big file start once the section
        // on screen has its data (no view waits), on threads of the lowest
        // priority: at a million people each reads the whole file, and on two
        // cores they held the first section's rows back ~20 s.
        auto dailyBackup = std::make_unique<ui::Task<std::string>>();
        bool dailyBackupDue = false;
        auto startDailyBackup = [&dailyBackup](ui::AppState& app) {
            if (!app.demoDatabase)
                dailyBackup->start({app.storage.revision(), "daily backup"}, [path = app.storage.path()](ui::TaskControl& control) {
                    control.runInBackground();
                    return storage::BackupStore(path).createDailyIfDue("");
                });
        };
        auto dailyBackupAfterViews = [&dailyBackup, &dailyBackupDue] {
            dailyBackup = std::make_unique<ui::Task<std::string>>();   // the old one waited for
            dailyBackupDue = true;
        };
        // The characters of the data, for the font atlas, read off the frame
        // loop one source at a time (storage/character_scan.hpp): at a million
        // people the whole scan takes seconds. The first frames show what the
        // atlas has (the UI strings and the catalogue; a missing glyph is drawn
        // as ImGui's fallback '?', never a crash); each source's characters
        // arrive between frames. Not a view
        // (start(), not request()): it does not hold back "time to data".
        struct CharacterScan {
            std::unique_ptr<ui::Task<std::u32string>> task;
            std::string path;
            std::size_t next = 0;
            void readNext() {
                task->start({0, "characters " + std::to_string(next)},
                            [path = path, source = next](ui::TaskControl& control) {
                    control.runInBackground();   // a glyph shown as '?' for a moment is cheaper than a late list
                    std::unique_ptr<storage::Storage> own = ui::detail::openReadOnly(path);
                    return storage::distinctCharactersOf(*own, source, &control.cancelFlag());
                });
            }
        } characterScan;
        auto startCharacterScan = [&characterScan, &fonts](ui::AppState& app) {
            characterScan.task = std::make_unique<ui::Task<std::u32string>>();   // the old one stopped and waited for
            characterScan.path = app.storage.path();
            // The catalogue's words (units, titles, states) for the first frame: small tables.
            for (std::size_t i = 0; i < storage::catalogueCharacterSourceCount(); ++i)
                fonts.addCharacters(storage::distinctCharactersOf(app.storage, i));
            characterScan.next = storage::catalogueCharacterSourceCount();
            characterScan.readNext();
        };
        auto pollCharacterScan = [&characterScan, &fonts] {
            if (!characterScan.task || !characterScan.task->poll()) return;
            if (const std::u32string* found = characterScan.task->result()) fonts.addCharacters(*found);
            else std::fprintf(stderr, "%s\n", characterScan.task->error().c_str());
            if (++characterScan.next < storage::characterSourceCount()) characterScan.readNext();
        };
        // The full damage check of a big file, deferred at open
        // (storage/integrity_check.hpp): on its own connection, said at the top when it finds damage.
        auto integrityCheck = std::make_unique<ui::Task<std::optional<std::vector<std::string>>>>();
        bool integrityCheckDue = false;
        auto integrityCheckAfterViews = [&integrityCheck, &integrityCheckDue](ui::AppState& app) {
            integrityCheck = std::make_unique<ui::Task<std::optional<std::vector<std::string>>>>();   // the old one stops
            integrityCheckDue = storage::integrityCheckDeferred(app.storage.path());
        };
        auto startIntegrityCheck = [&integrityCheck](ui::AppState& app) {
            integrityCheck->start({0, "integrity"}, [path = app.storage.path()](ui::TaskControl& control) {
                control.runInBackground();
                return storage::runIntegrityCheck(path, &control.cancelFlag());
            });
        };
        // Every AppState the window makes (at start and after 文件 → 打开 …).
        auto prepare = [&](ui::AppState& app) {
            app.helpKeyIndex = platform::helpKeyIndex();
            startCharacterScan(app);
            integrityCheckAfterViews(app);
            // Text typed or about to be shown: glyphs are added between frames.
            app.noteText = [&fonts](std::string_view text) { fonts.addText(text); };
            if (missingFont) app.fontWarning = platform::missingCjkFontMessage();
            // A database on a network share is said at once.
            app.storageWarning = storage::networkFileSystemWarning(app.storage.path());
            if (!app.storageWarning.empty()) {
                std::fprintf(stderr, "%s\n", app.storageWarning.c_str());
                fonts.addText(app.storageWarning);
            }
            app.presentationHost = &presentationHost;
            for (const std::string& recent : app.recentDatabases) fonts.addText(recent);
        };
        ui::DatabaseSession::Hooks hooks;
        hooks.prepare = prepare;
        hooks.opened = [&](ui::AppState& app) {
            // The audit log's retention rule, as at start (cheap when nothing is due).
            try {
                storage::pruneAuditLog(app.storage, storage::auditRetentionDays(app.storage));
            } catch (const storage::StorageError& e) {
                std::fprintf(stderr, "%s\n", e.what());
            }
            fonts.addText(app.storage.path());
            window.setTitle(windowTitle(app));
            dailyBackupAfterViews();
        };
        ui::DatabaseSession session(std::move(firstStorage), options.places, options.preferences,
                                    options.preferencesPath, hooks);
        {
            ui::AppState& app = session.app();
            app.section = options.section;
            window.setTitle(windowTitle(app));
            fonts.addText(app.storage.path());
            if (!options.notice.empty()) {
                app.storageWarning += (app.storageWarning.empty() ? "" : "\n") + options.notice;
                fonts.addText(options.notice);
            }
            dailyBackupAfterViews();
        }
        auto finish = [&] {
            // Readers would keep the -wal: the scans stop at their next batch.
            characterScan.task.reset();
            integrityCheck.reset();
            dailyBackup->wait();
            checkpointOnExit(session.storage());
            WindowGeometry geometry;
            unsigned width = 0, height = 0;
            window.geometry(geometry.x, geometry.y, width, height);
            geometry.width = static_cast<int>(width);
            geometry.height = static_cast<int>(height);
            session.setWindowGeometry(geometry);
            if (const std::string error = session.savePreferences(); !error.empty())
                std::fprintf(stderr, "%s\n", error.c_str());
        };

        // Another connection's commit (`jinguo import` in a terminal, our own
        // workers, another user of the server) is noticed in a frame
        // (noticeWritesElsewhere); an idle window asks for one when there is
        // such a commit for it to notice — on a server at once, woken by the
        // notification arriving on the connection's socket.
        window.setIdleWatch([&] { return !session.opening() && session.storage().writesElsewherePending(); },
                            [&] { return session.opening() ? -1 : session.storage().writesElsewhereFd(); });
        int frames = 0;
        FrameMeter* meter = options.meter && options.meter->active() ? options.meter.get() : nullptr;
        int lastWaitingFrame = 0;
        bool shot = false;
        bool closeAskedWhileOpening = false;
        for (;;) {
            window.waitForNextFrame();   // the pacer's wait is not the frame's time
            const double frameStartMs = msSinceProcessStart();
            if (!window.beginFrame()) break;
            // 文件 → 打开 of a file that takes long (an old big file's upgrade):
            // its steps instead of the screens until it is over; the window stays.
            if (session.opening()) {
                redrawWithin(0);   // its steps and seconds move by themselves
                closeAskedWhileOpening = window.takeCloseRequest() || closeAskedWhileOpening;
                fonts.addText(session.openingPath());
                ui::drawOpeningScreen(session.openingProgress(), session.openingPath(), session.openingSeconds(),
                                      closeAskedWhileOpening);
                window.endFrame();
                if (session.switchIfRequested() || !session.opening()) closeAskedWhileOpening = false;
                continue;
            }
            ui::AppState& app = session.app();
            app.largeFont = fonts.large();
            // A drop opens 导入: a form with unsaved edits asks first.
            if (auto dropped = window.takeDroppedFiles(); !dropped.empty())
                ui::leaveThen(app, [&app, files = std::move(dropped)] { ui::openDroppedFiles(app, files); });
            if (window.takeCloseRequest()) ui::requestClose(app);
            pollCharacterScan();
            if (integrityCheck->poll() && integrityCheck->result() && *integrityCheck->result() &&
                !(*integrityCheck->result())->empty()) {
                const std::string damaged =
                    storage::damagedFileMessage(app.storage.path(), (*integrityCheck->result())->front(), true);
                std::fprintf(stderr, "%s\n", damaged.c_str());
                fonts.addText(damaged);
                app.storageWarning += (app.storageWarning.empty() ? "" : "\n") + damaged;
            }
            if (dailyBackup->poll()) {
                if (const std::string failed = dailyBackup->takeResult().value_or(dailyBackup->error()); !failed.empty()) {
                    std::fprintf(stderr, "%s\n", failed.c_str());
                    fonts.addText(failed);
                    app.storageWarning += (app.storageWarning.empty() ? "" : "\n") + failed;
                }
            }
            ui::drawApp(app);
            if ((dailyBackupDue || integrityCheckDue) && ui::viewsWaiting() == 0) {
                if (integrityCheckDue) startIntegrityCheck(app);
                if (dailyBackupDue) startDailyBackup(app);
                integrityCheckDue = dailyBackupDue = false;
            }
            ++frames;
            const bool shoot = !options.screenshotPath.empty() && !shot &&
                               (options.screenshotAtMs >= 0 ? frameStartMs >= options.screenshotAtMs
                                                            : frames == options.screenshotAfterFrames);
            if (shoot) window.requestScreenshot(options.screenshotPath);
            window.endFrame();
            if (shoot && !window.screenshotWritten()) {
                std::fprintf(stderr, "无法写入截图文件：%s\n", options.screenshotPath.c_str());
                return 1;
            }
            shot = shot || shoot;
            // A bulk change (an import) asks for one rescan of the data; a
            // form's save needs none, its text was noted as it was typed.
            // (A rescan of the demo database costs ~170 ms: never per save.)
            if (app.rescanCharacters) {
                startCharacterScan(app);
                app.rescanCharacters = false;
            }
            // Nothing may keep the UI connection's read snapshot open between
            // frames (tests and debug builds stop here; release says it once).
            ui::finishFrame(app);
            if (meter) {
                const int waiting = ui::viewsWaiting();
                meter->frame(frames, frameStartMs, msSinceProcessStart() - frameStartMs, waiting);
                if (waiting > 0) lastWaitingFrame = frames;
            }
            if (shoot) {   // the frame is measured first
                finish();
                if (meter) meter->close();
                return 0;
            }
            // --measure alone: until the data has settled, or --frames.
            if (meter && options.screenshotPath.empty() &&
                ((options.maxFrames > 0 && frames >= options.maxFrames) || frames - lastWaitingFrame >= kSettleFrames))
                break;
            if (app.closeNow) break;   // closed with no unsaved form, or after the answer
            // 设置 → 显示 chose another text size: fonts and style follow, the preferences keep it.
            if (session.keepFontScale()) window.setTextScale(textScaleOf(session.app().fontScalePercent));
            // 文件 → 新建/打开/最近打开/另存为: the old database closed, every screen afresh.
            session.switchIfRequested();
        }
        finish();
        if (meter) meter->close();
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}

std::unique_ptr<storage::Storage> openShowingProgress(const std::string& path) {
    auto progress = std::make_shared<storage::OpenProgress>();
    std::packaged_task<std::unique_ptr<storage::Storage>()> open([path, progress] {
        const storage::ScopedOpenProgress watch(*progress);
        return std::make_unique<storage::Storage>(path);
    });
    std::future<std::unique_ptr<storage::Storage>> opened = open.get_future();
    std::thread worker(std::move(open));
    // Most opens take a fraction of a second: no window flashes for them.
    if (opened.wait_for(std::chrono::milliseconds(400)) != std::future_status::ready) {
        try {
            platform::WindowOptions windowOptions = themedWindow(std::string(ui::str::kOpeningTitle) + " — Jinguo");
            windowOptions.width = 820;
            windowOptions.height = 380;
            windowOptions.askBeforeClose = true;   // an upgrade cannot stop half-way: the screen says so
            platform::AppWindow window(windowOptions);
            window.fonts().addText(ui::str::allText());
            window.fonts().addText(path);
            const auto start = std::chrono::steady_clock::now();
            bool closeAsked = false;
            while (opened.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready && window.beginFrame()) {
                closeAsked = window.takeCloseRequest() || closeAsked;
                const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                redrawWithin(0);   // its steps and seconds move by themselves
                ui::drawOpeningScreen(*progress, path, elapsed, closeAsked);
                window.endFrame();
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());   // no window: the open goes on without one
        }
    }
    worker.join();
    return opened.get();   // the open's error, if any, is thrown here as if opened on this thread
}

std::string showFirstRun(const GuiOptions& options, bool& demo) {
    ui::FirstRunScreen screen;
    screen.ownPath = options.places.own;
    screen.demoPath = options.places.demo;
    try {
        platform::WindowOptions windowOptions = themedWindow(std::string(ui::str::kAppTitle) + " — Jinguo");
        windowOptions.width = 1100;
        windowOptions.height = 640;
        platform::AppWindow window(windowOptions);
        window.setIdleAllowed(options.screenshotPath.empty());
        platform::FontManager& fonts = window.fonts();
        fonts.addText(ui::str::allText());
        fonts.addText(screen.ownPath);
        const ui::NoteText noteText = [&fonts](std::string_view text) { fonts.addText(text); };
        int frames = 0;
        while (window.beginFrame()) {
            const ui::FirstRunChoice choice = ui::drawFirstRunScreen(screen, noteText);
            ++frames;
            const bool shoot = !options.screenshotPath.empty() && frames == options.screenshotAfterFrames;
            if (shoot) window.requestScreenshot(options.screenshotPath);
            window.endFrame();
            if (shoot) return "";
            if (choice == ui::FirstRunChoice::Quit) return "";
            if (choice == ui::FirstRunChoice::Open) {
                demo = screen.chosenDemo;
                return screen.chosenPath;
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
    }
    return "";
}

int showStartupError(const std::string& message, const GuiOptions& options) {
    try {
        platform::WindowOptions windowOptions = themedWindow(std::string(ui::str::kStartupErrorTitle) + " — Jinguo");
        windowOptions.width = 720;
        windowOptions.height = 360;
        platform::AppWindow window(windowOptions);
        window.setIdleAllowed(options.screenshotPath.empty());
        window.fonts().addText(ui::str::allText());
        window.fonts().addText(message);
        int frames = 0;
        bool closed = false;
        while (!closed && window.beginFrame()) {
            const ImGuiViewport* viewport = ImGui::GetMainViewport();
            ImGui::SetNextWindowPos(viewport->WorkPos);
            ImGui::SetNextWindowSize(viewport->WorkSize);
            ImGui::Begin("##startup_error", nullptr,
                         ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
            ImGui::TextColored(ui::kErrorColor, "%s", ui::str::kStartupErrorTitle);
            ImGui::Separator();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(message.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Spacing();
            if (ImGui::Button(ui::str::kStartupErrorClose, ImVec2(120, 0))) closed = true;
            ImGui::End();
            ++frames;
            const bool shoot = !options.screenshotPath.empty() && frames == options.screenshotAfterFrames;
            if (shoot) window.requestScreenshot(options.screenshotPath);
            window.endFrame();
            if (shoot) break;
        }
    } catch (const std::exception&) {
        // No display: the message is on stderr already.
    }
    return 1;
}

std::string showOpenFailed(const std::string& path, const storage::OpenError& error, const GuiOptions& options,
                           std::string& notice) {
    ui::OpenFailedScreen screen;
    screen.dbPath = path;
    screen.message = error.what();
    screen.failure = error.failure();
    try {
        platform::WindowOptions windowOptions = themedWindow(std::string(ui::str::kStartupErrorTitle) + " — Jinguo");
        windowOptions.width = 1000;
        windowOptions.height = ui::offersBackups(screen.failure) ? 620 : 380;
        platform::AppWindow window(windowOptions);
        window.setIdleAllowed(options.screenshotPath.empty());
        platform::FontManager& fonts = window.fonts();
        fonts.addText(ui::str::allText());
        fonts.addText(screen.message);
        const ui::NoteText noteText = [&fonts](std::string_view text) { fonts.addText(text); };
        int frames = 0;
        while (window.beginFrame()) {
            const ui::OpenFailedChoice choice = ui::drawOpenFailedScreen(screen, noteText);
            ++frames;
            const bool shoot = !options.screenshotPath.empty() && frames == options.screenshotAfterFrames;
            if (shoot) window.requestScreenshot(options.screenshotPath);
            window.endFrame();
            if (shoot) return "";
            switch (choice) {
            case ui::OpenFailedChoice::None: break;
            case ui::OpenFailedChoice::Quit: return "";
            case ui::OpenFailedChoice::Retry:
                if (!screen.keptDamagedAs.empty())
                    notice = std::string(ui::str::kOpenFailedRestoredA) + screen.restoredFrom
                           + ui::str::kOpenFailedRestoredB + screen.keptDamagedAs;
                return path;
            case ui::OpenFailedChoice::OpenOther: return screen.chosenPath;
            }
        }
    } catch (const std::exception&) {
        // No display: the message is on stderr already.
    }
    return "";
}

} // namespace jinguo::gui
