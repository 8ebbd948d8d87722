// gui_main.cpp — the frame loop: AppWindow (platform) drives frames, ui::drawApp
// draws them, and the font atlas learns every character the data contains.
#include "gui/gui_main.hpp"

#include "platform/app_window.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <cstdio>
#include <exception>

namespace jinguo::gui {

int runGui(storage::Storage& storage, const GuiOptions& options) {
    try {
        platform::WindowOptions windowOptions;
        windowOptions.title = std::string(ui::str::kAppTitle) + " — Jinguo";
        platform::AppWindow window(windowOptions);
        platform::FontManager& fonts = window.fonts();

        ui::AppState app(storage);
        app.section = options.section;
        app.demoDatabase = options.demo;
        fonts.addText(ui::str::allText());
        fonts.addCharacters(storage.distinctCharacters());
        std::uint64_t charactersRevision = storage.revision();
        // Text typed or about to be shown: glyphs are added between frames.
        app.noteText = [&fonts](std::string_view text) { fonts.addText(text); };
        if (fonts.missingFont()) app.fontWarning = platform::missingCjkFontMessage();

        int frames = 0;
        while (window.beginFrame()) {
            app.largeFont = fonts.large();
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
                return 0;
            }
            // Data changed (a save, later an import): pick up new characters.
            if (storage.revision() != charactersRevision) {
                fonts.addCharacters(storage.distinctCharacters());
                charactersRevision = storage.revision();
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}

} // namespace jinguo::gui
