// app_window.hpp — the application window: SFML window and OpenGL context,
// ImGui context with our SFML binding, the OpenGL3 renderer and the fonts.
//
// Everything SFML stays behind this class (pimpl), so app/gui drives frames
// without including an SFML header.
#pragma once

#include "platform/fonts.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace jinguo::platform {

struct WindowOptions {
    std::string title;             // UTF-8
    unsigned width = 1440;         // logical pixels; multiplied by the UI scale
    unsigned height = 900;
    float bodyFontPixels = 18.0f;  // before the UI scale (the GUI passes the theme's sizes)
    float largeFontPixels = 34.0f;
    // Sets ImGui's style for a scale (the UI scale times the text size); the
    // GUI passes the theme's (ui::applyTheme). Null: ImGui's light style.
    // The platform knows no screens, so the look comes in from outside.
    void (*applyStyle)(ImGuiStyle& style, float scale) = nullptr;
    // The close button only asks (takeCloseRequest); the caller ends the loop
    // when it is ready — after "表单有未保存的修改" was answered.
    bool askBeforeClose = false;
    // The size and position the window had last time (screen pixels, the
    // user's preferences); used instead of width/height when savedWidth > 0,
    // kept on the desktop.
    int savedX = 0, savedY = 0;
    unsigned savedWidth = 0, savedHeight = 0;
    // The user's text size (设置 → 显示), on top of the UI scale.
    float textScale = 1.0f;
    // The characters the first frames show (the UI's words, the catalogue's):
    // their atlas is built on a thread while the window opens.
    std::u32string firstCharacters;
};

class AppWindow {
public:
    // Opens the window and sets up ImGui. Throws std::runtime_error (Chinese
    // message) when no window can be opened, e.g. without a display.
    explicit AppWindow(const WindowOptions& options);
    ~AppWindow();
    AppWindow(const AppWindow&) = delete;
    AppWindow& operator=(const AppWindow&) = delete;

    FontManager& fonts();
    float uiScale() const;
    // The text size chosen by the user (1.0 = 100 %), on top of the UI scale:
    // the style is set again at once, the fonts are rebuilt at the start of
    // the next frame. Call between frames.
    void setTextScale(float factor);

    // Waits as the frame pacer says (core/frame_pacer.hpp: 60 Hz at most
    // without an effective vsync; idle, until input, a wake signal or a
    // redraw wish), polls events and starts an ImGui frame; false once the
    // window closed (never for the close button with askBeforeClose).
    bool beginFrame();
    // The wait of the next beginFrame(), done now: a caller that times its
    // frames (--measure) starts the clock after it. Optional.
    void waitForNextFrame();
    // Scripted runs count frames (--frames, --measure, a screenshot after N
    // frames): the window never idles there (the 60 Hz cap stays).
    void setIdleAllowed(bool allowed);
    // Asked every 0.25 s while the window idles (on this thread, between
    // frames), and whenever the descriptor `announcedOn` gives (asked before
    // each wait; -1: none) becomes readable; true wakes it as a signal does.
    // The GUI looks for another connection's commit: on a file PRAGMA
    // data_version, which no event announces; on a server the notification
    // that arrives on the connection's socket (Storage::writesElsewhereFd).
    void setIdleWatch(std::function<bool()> changed, std::function<int()> announcedOn = {});
    // askBeforeClose: the close button was pressed since the last call.
    bool takeCloseRequest();
    // Renders the frame, shows it, and tells the pacer when the next one is
    // needed: at once while busy work runs or something animates (core/frame_wake.hpp),
    // at the text caret's next blink, or when input comes.
    void endFrame();
    // Writes the frame just rendered (before it was shown) as PNG on the next
    // endFrame(); returns at once.
    void requestScreenshot(const std::string& path);
    // True when the last requested screenshot was written.
    bool screenshotWritten() const;
    // Paths of the files dropped on the window since the last call (XDND).
    std::vector<std::string> takeDroppedFiles();
    // The title bar's text (UTF-8): the open database, 示例 for the demo.
    void setTitle(const std::string& title);
    // Where the window is and how large (screen pixels), to remember it.
    void geometry(int& x, int& y, unsigned& width, unsigned& height) const;
    // Full screen without chrome on the window's monitor (see fullscreen.hpp).
    void setFullscreen(bool on);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace jinguo::platform
