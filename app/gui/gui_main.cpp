// gui_main.cpp — the frame loop: AppWindow (platform) drives frames, ui::drawApp
// draws them, and the font atlas learns every character the data contains.
#include "gui/gui_main.hpp"

#include "gui/presentation_host.hpp"
#include "platform/app_window.hpp"
#include "platform/imgui_sfml_binding.hpp"
#include "storage/backup_store.hpp"
#include "ui/leave_guard.hpp"
#include "ui/screen_import.hpp"
#include "ui/screen_open_failed.hpp"
#include "ui/task_runner.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <cstdio>
#include <exception>

namespace jinguo::gui {

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

int runGui(storage::Storage& storage, const GuiOptions& options) {
    try {
        platform::WindowOptions windowOptions;
        windowOptions.title = std::string(ui::str::kAppTitle) + " — Jinguo";
        windowOptions.askBeforeClose = true;   // a form with unsaved edits asks first (leave_guard.hpp)
        platform::AppWindow window(windowOptions);
        platform::FontManager& fonts = window.fonts();

        ui::AppState app(storage);
        app.section = options.section;
        app.demoDatabase = options.demo;
        app.helpKeyIndex = platform::helpKeyIndex();
        fonts.addText(ui::str::allText());
        fonts.addCharacters(storage.distinctCharacters());
        // Text typed or about to be shown: glyphs are added between frames.
        app.noteText = [&fonts](std::string_view text) { fonts.addText(text); };
        if (fonts.missingFont()) app.fontWarning = platform::missingCjkFontMessage();
        // A database on a network share is said at once; the day's first
        // start writes a backup (not of the demo database, which is made again).
        app.storageWarning = storage::networkFileSystemWarning(storage.path());
        // The daily backup runs as a task with its own connection (a
        // million people take ~1.5 s): the window opens at once.
        ui::Task<std::string> dailyBackup;
        if (!options.demo)
            dailyBackup.start({storage.revision(), "daily backup"}, [path = storage.path()](ui::TaskControl&) {
                return storage::BackupStore(path).createDailyIfDue("");
            });
        if (!options.notice.empty()) app.storageWarning += (app.storageWarning.empty() ? "" : "\n") + options.notice;
        if (!app.storageWarning.empty()) {
            std::fprintf(stderr, "%s\n", app.storageWarning.c_str());
            fonts.addText(app.storageWarning);
        }
        WindowPresentationHost presentationHost(window);
        app.presentationHost = &presentationHost;

        int frames = 0;
        while (window.beginFrame()) {
            app.largeFont = fonts.large();
            // A drop opens 导入: a form with unsaved edits asks first.
            if (auto dropped = window.takeDroppedFiles(); !dropped.empty())
                ui::leaveThen(app, [&app, files = std::move(dropped)] { ui::openDroppedFiles(app, files); });
            if (window.takeCloseRequest()) ui::requestClose(app);
            if (dailyBackup.poll()) {
                if (const std::string failed = dailyBackup.takeResult().value_or(dailyBackup.error()); !failed.empty()) {
                    std::fprintf(stderr, "%s\n", failed.c_str());
                    fonts.addText(failed);
                    app.storageWarning += (app.storageWarning.empty() ? "" : "\n") + failed;
                }
            }
            ui::drawApp(app);
            ++frames;
            const bool shoot = !options.screenshotPath.empty() && frames == options.screenshotAfterFrames;
            if (shoot) window.requestScreenshot(options.screenshotPath);
            window.endFrame();
            if (shoot) {
                if (!window.screenshotWritten()) {
                    std::fprintf(stderr, "无法写入截图文件：%s\n", options.screenshotPath.c_str());
                    return 1;
                }
                dailyBackup.wait();   // its reader would keep the -wal
                checkpointOnExit(storage);
                return 0;
            }
            // A bulk change (an import) asks for one rescan of the data; a
            // form's save needs none, its text was noted as it was typed.
            // (A rescan of the demo database costs ~170 ms: never per save.)
            if (app.rescanCharacters) {
                fonts.addCharacters(storage.distinctCharacters());
                app.rescanCharacters = false;
            }
            // Nothing may keep the UI connection's read snapshot open between
            // frames (tests and debug builds stop here; release says it once).
            ui::finishFrame(app);
            if (app.closeNow) break;   // closed with no unsaved form, or after the answer
        }
        dailyBackup.wait();   // its reader would keep the -wal
        checkpointOnExit(storage);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}

int showStartupError(const std::string& message, const GuiOptions& options) {
    try {
        platform::WindowOptions windowOptions;
        windowOptions.title = std::string(ui::str::kStartupErrorTitle) + " — Jinguo";
        windowOptions.width = 720;
        windowOptions.height = 360;
        platform::AppWindow window(windowOptions);
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
            ImGui::TextColored(ImVec4(0.85f, 0.25f, 0.2f, 1.0f), "%s", ui::str::kStartupErrorTitle);
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
        platform::WindowOptions windowOptions;
        windowOptions.title = std::string(ui::str::kStartupErrorTitle) + " — Jinguo";
        windowOptions.width = 1000;
        windowOptions.height = ui::offersBackups(screen.failure) ? 620 : 380;
        platform::AppWindow window(windowOptions);
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
