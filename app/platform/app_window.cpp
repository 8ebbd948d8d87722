// app_window.cpp — SFML window, OpenGL3 renderer, ImGui context and fonts.
//
// Order matters: the input-method fix is installed before the window exists
// (SFML opens its input method while creating it), and the font atlas is
// rebuilt only between frames (ImGui locks it inside NewFrame..Render).
#include "platform/app_window.hpp"

#include "core/asset_paths.hpp"
#include "core/frame_pacer.hpp"
#include "core/frame_wake.hpp"

#include "platform/fullscreen.hpp"
#include "platform/ime_fix.hpp"
#include "platform/imgui_sfml_binding.hpp"
#include "platform/xdnd.hpp"

#include <SFML/Graphics.hpp>
#include <SFML/OpenGL.hpp>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>   // the text caret's blink timer (ImGuiInputTextState::CursorAnim)

#include <X11/Xlib.h>
#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <vector>

// SFML abort()s the process when XOpenDisplay fails, and an X server under
// load refuses a connection now and then (seen with Xvfb: EAGAIN or
// "connection reset" on ~1 in 3 connects while the CPUs are busy). This
// interposer — exported from the executable, like the input-method fix — retries
// a refused connection for up to two seconds before giving up.
extern "C" __attribute__((visibility("default"))) Display* XOpenDisplay(const char* name) {
    using OpenFn = Display* (*)(const char*);
    static const auto real = reinterpret_cast<OpenFn>(dlsym(RTLD_NEXT, "XOpenDisplay"));
    if (!real) return nullptr;
    for (int attempt = 0;; ++attempt) {
        if (Display* display = real(name)) return display;
        const char* fromEnv = std::getenv("DISPLAY");
        if (attempt >= 40 || ((!name || !*name) && (!fromEnv || !*fromEnv))) return nullptr;
        usleep(50 * 1000);
    }
}

namespace jinguo::platform {

struct AppWindow::Impl {
    float scale = 1.0f;
    float textScale = 1.0f;          // the user's text size on top of `scale`
    float bodyPixels = 18.0f, largePixels = 34.0f;   // before either scale
    void (*applyStyle)(ImGuiStyle&, float) = nullptr;

    void styleFor(float factor) {
        ImGuiStyle& style = ImGui::GetStyle();
        if (applyStyle) {
            applyStyle(style, factor);
            return;
        }
        style = ImGuiStyle();
        ImGui::StyleColorsLight(&style);
        style.ScaleAllSizes(factor);
    }
    sf::RenderWindow window;
    std::unique_ptr<ImGuiSfmlBinding> binding;
    std::unique_ptr<FontManager> fonts;
    std::unique_ptr<XdndReceiver> drops;   // files dropped on the window; null without SFML's display
    sf::Clock clock;
    std::string screenshotPath;
    bool screenshotDone = false;
    bool rendererReady = false;
    bool askBeforeClose = false;
    FullscreenSwitch fullscreen;
    FramePacer pacer;
    std::vector<sf::Event> early;   // read while waiting for input; handled by the next beginFrame
    bool waited = false;            // waitForNextFrame() ran for the coming frame …
    bool signalled = false;         // … and a wake signal ended it
    std::function<bool()> idleWatch;   // setIdleWatch
    std::function<int()> idleWatchFd;  // setIdleWatch: a descriptor that announces a change, or -1

    // Polls what SFML has for the window (after the input method's and the
    // drop proxy's messages) into `early`; true when anything came.
    bool collectEvents() {
        pumpInputMethodEvents();
        if (drops) drops->pump();   // just before SFML reads its window's events
        const std::size_t before = early.size();
        sf::Event event;
        while (window.pollEvent(event)) early.push_back(event);
        return early.size() > before || (drops && drops->dragging());
    }
    // Waits until the pacer's next frame: a wake signal (a Task's run ended)
    // always ends the wait, input only when idle. Returns whether a signal did.
    bool waitForNextFrame();
};

namespace {
constexpr double kIdleWatchSeconds = 0.25;   // how often an idle window asks setIdleWatch's check

double secondsNow() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// JINGUO_FRAME_PACING=0: every frame at once, as before the pacer (comparisons).
bool pacingWanted() {
    const char* value = std::getenv("JINGUO_FRAME_PACING");
    return !value || std::strcmp(value, "0") != 0;
}

// JINGUO_DEBUG_PACING=1: a line per frame on stderr (steady clock seconds, why it started).
bool debugPacing() {
    static const bool on = [] {
        const char* value = std::getenv("JINGUO_DEBUG_PACING");
        return value && std::strcmp(value, "1") == 0;
    }();
    return on;
}

// SFML refuses vsync by printing "Setting vertical sync not supported" to
// sf::err() (GLX without a swap-control extension: Xvfb, some remote
// desktops) — while the window's context is made, or when asked — and has no
// return value to ask. `make` runs with sf::err() caught; what it said is
// passed on to stderr. True when vsync was refused.
bool vsyncRefusedWhile(const std::function<void()>& make) {
    std::ostringstream said;
    std::streambuf* previous = sf::err().rdbuf(said.rdbuf());
    try {
        make();
    } catch (...) {
        sf::err().rdbuf(previous);
        throw;
    }
    sf::err().rdbuf(previous);
    const std::string text = said.str();
    if (!text.empty()) std::fputs(text.c_str(), stderr);
    return text.find("vertical sync") != std::string::npos;
}

// Seconds until the caret of the text field being edited blinks (ImGui 1.86:
// shown while CursorAnim <= 0 or fmod(CursorAnim, 1.2) <= 0.8); never when none.
double secondsToCaretBlink() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!g.IO.ConfigInputTextCursorBlink || g.ActiveId == 0 || g.ActiveId != g.InputTextState.ID)
        return FramePacer::kNever;
    const double anim = g.InputTextState.CursorAnim;
    if (anim <= 0.0) return 0.8 - anim;
    const double phase = std::fmod(anim, 1.2);
    return (phase <= 0.8 ? 0.8 - phase : 1.2 - phase) + 0.005;   // just past the switch
}
} // namespace

bool AppWindow::Impl::waitForNextFrame() {
    const FramePacer::Plan plan = pacer.plan(secondsNow());
    if (plan.inputWakes && !early.empty()) return false;
    const int wakeFd = frameWakeFd();
    ::_XDisplay* display = plan.inputWakes ? sfmlDisplay() : nullptr;
    for (;;) {
        if (plan.inputWakes && collectEvents()) return false;
        const double left = plan.drawAt - secondsNow();
        if (left <= 0) return false;
        // Without an eventfd a signal is looked for every 10 ms.
        const double slice = std::min({left, wakeFd < 0 ? 0.010 : 0.5, idleWatch && plan.inputWakes ? kIdleWatchSeconds : 0.5});
        // A server's socket wakes the idle window as soon as another
        // user's commit is announced; a file's commit only by the watch's poll.
        const int watchedFd = plan.inputWakes && idleWatchFd ? idleWatchFd() : -1;
        waitForFrameWake(slice, {display ? ConnectionNumber(reinterpret_cast<Display*>(display)) : -1, watchedFd});
        if (takeFrameWakes()) return true;
        if (plan.inputWakes && idleWatch && idleWatch()) return true;
    }
}

namespace {
// SFML abort()s when it cannot reach the X server; ask first and explain.
void requireDisplay() {
    Display* display = XOpenDisplay(nullptr);
    if (display) {
        XCloseDisplay(display);
        return;
    }
    const char* name = std::getenv("DISPLAY");
    throw std::runtime_error(std::string("无法连接图形显示（DISPLAY=") + (name && *name ? name : "未设置")
                             + "）：请在桌面环境中运行 jinguo，或设置 DISPLAY。不需要窗口的功能见 jinguo --help。");
}

// Software OpenGL (Mesa's llvmpipe: virtual machines, remote desktops, no
// driver) compiles a shader to machine code at its first draw: 50–130 ms
// measured under Xvfb, which the first frame paid. One draw of ImGui's
// program here, while the first atlas is still being built on another core,
// pays it now; the window shows the theme's ground instead of garbage.
// The context's own atlas gets ImGui's small default font for the texture the
// renderer needs; the first frame replaces it with ours and uploads that.
void warmUpRenderer(sf::RenderWindow& window) {
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    const sf::Vector2u size = window.getSize();
    ImDrawList list(ImGui::GetDrawListSharedData());
    list._ResetForNewFrame();
    list.PushClipRect(ImVec2(0, 0), ImVec2(static_cast<float>(size.x), static_cast<float>(size.y)));
    list.PushTextureID(ImGui::GetIO().Fonts->TexID);
    const ImVec4 ground = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    list.AddRectFilled(ImVec2(0, 0), ImVec2(4, 4), ImGui::ColorConvertFloat4ToU32(ground));
    ImDrawList* lists[] = {&list};
    ImDrawData data;
    data.Valid = true;
    data.CmdLists = lists;
    data.CmdListsCount = 1;
    data.TotalIdxCount = list.IdxBuffer.Size;
    data.TotalVtxCount = list.VtxBuffer.Size;
    data.DisplayPos = ImVec2(0, 0);
    data.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
    data.FramebufferScale = ImVec2(1, 1);
    glViewport(0, 0, static_cast<GLsizei>(size.x), static_cast<GLsizei>(size.y));
    glClearColor(ground.x, ground.y, ground.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&data);
    window.display();
}
} // namespace

AppWindow::AppWindow(const WindowOptions& options) {
    requireDisplay();   // before Impl: even sf::RenderWindow's constructor opens the display
    m_impl = std::make_unique<Impl>();
    Impl& d = *m_impl;
    installInputMethodFix();
    d.scale = detectUiScale();
    d.textScale = options.textScale > 0.0f ? options.textScale : 1.0f;
    d.bodyPixels = options.bodyFontPixels;
    d.largePixels = options.largeFontPixels;
    // The fonts first: the first atlas is rasterised on another core while
    // the window, the GL context and the renderer are made below.
    d.fonts = std::make_unique<FontManager>(d.bodyPixels * d.scale * d.textScale, d.largePixels * d.scale * d.textScale);
    d.fonts->addCharacters(options.firstCharacters);
    d.fonts->startFirstBuild();
    // The wished size, but never larger than the desktop (a laptop, a projector).
    const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
    const bool saved = options.savedWidth > 0 && options.savedHeight > 0;
    const auto width = std::min(saved ? options.savedWidth
                                      : static_cast<unsigned>(static_cast<float>(options.width) * d.scale),
                                desktop.width * 19 / 20);
    const auto height = std::min(saved ? options.savedHeight
                                       : static_cast<unsigned>(static_cast<float>(options.height) * d.scale),
                                 desktop.height * 9 / 10);
    // Keep SFML's default (compatibility) context: with a core profile SFML's
    // own drawing fails, and ImGui's OpenGL3 renderer works on either.
    const bool vsyncRefused = vsyncRefusedWhile([&] {
        d.window.create(sf::VideoMode(width, height), sf::String::fromUtf8(options.title.begin(), options.title.end()),
                        sf::Style::Default);
        if (d.window.isOpen()) d.window.setVerticalSyncEnabled(true);
    });
    if (!d.window.isOpen()) throw std::runtime_error("无法打开窗口：请确认桌面环境可用（或设置 DISPLAY）。");
    // The icon the taskbar and Alt+Tab show (the menu's comes from the desktop entry).
    if (const std::string icon = assetPath("icons/jinguo-64.png"); !icon.empty()) {
        sf::Image image;
        if (image.loadFromFile(icon)) d.window.setIcon(image.getSize().x, image.getSize().y, image.getPixelsPtr());
    }
    // The remembered place while the window's top-left stays on the desktop; else centred.
    const bool onDesktop = saved && options.savedX >= 0 && options.savedY >= 0
                        && options.savedX + 100 < static_cast<int>(desktop.width)
                        && options.savedY + 100 < static_cast<int>(desktop.height);
    if (onDesktop)
        d.window.setPosition(sf::Vector2i(options.savedX, options.savedY));
    else
        d.window.setPosition(sf::Vector2i(static_cast<int>(desktop.width - width) / 2,
                                          static_cast<int>(desktop.height - height) / 2));
    d.pacer.setVsyncRefused(vsyncRefused);
    if (debugPacing()) std::fprintf(stderr, "pacing: vsync %s\n", vsyncRefused ? "refused" : "accepted");
    d.pacer.setEnabled(pacingWanted());
    d.window.setActive(true);
    // XDND needs the connection that created the window (known once SFML opened its input method).
    if (::_XDisplay* display = sfmlDisplay())
        d.drops = std::make_unique<XdndReceiver>(display, static_cast<unsigned long>(d.window.getSystemHandle()));

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;   // layout is code, not a file beside the user's data
    d.applyStyle = options.applyStyle;
    d.styleFor(d.scale * d.textScale);

    d.binding = std::make_unique<ImGuiSfmlBinding>();
    d.askBeforeClose = options.askBeforeClose;
    if (!ImGui_ImplOpenGL3_Init(nullptr)) throw std::runtime_error("无法初始化OpenGL渲染：请检查显卡驱动。");
    d.rendererReady = true;
    warmUpRenderer(d.window);
}

AppWindow::~AppWindow() {
    if (m_impl->rendererReady) ImGui_ImplOpenGL3_Shutdown();
    m_impl->binding.reset();
    if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
    m_impl->fonts.reset();   // after the context: the atlas borrowed its data
}

FontManager& AppWindow::fonts() { return *m_impl->fonts; }

bool AppWindow::takeCloseRequest() {
    if (!m_impl->binding->wantsClose()) return false;
    m_impl->binding->clearCloseRequest();
    return true;
}
float AppWindow::uiScale() const { return m_impl->scale; }

void AppWindow::setTextScale(float factor) {
    Impl& d = *m_impl;
    if (!(factor > 0.0f) || factor == d.textScale) return;
    d.textScale = factor;
    const float scale = d.scale * factor;
    d.fonts->setSizes(d.bodyPixels * scale, d.largePixels * scale);   // rebuilt in the next beginFrame
    d.styleFor(scale);
}

void AppWindow::setTitle(const std::string& title) {
    m_impl->window.setTitle(sf::String::fromUtf8(title.begin(), title.end()));
}

void AppWindow::geometry(int& x, int& y, unsigned& width, unsigned& height) const {
    const sf::Vector2i position = m_impl->window.getPosition();
    const sf::Vector2u size = m_impl->window.getSize();
    x = position.x;
    y = position.y;
    width = size.x;
    height = size.y;
}

void AppWindow::setIdleAllowed(bool allowed) { m_impl->pacer.setIdleAllowed(allowed); }

void AppWindow::setIdleWatch(std::function<bool()> changed, std::function<int()> announcedOn) {
    m_impl->idleWatch = std::move(changed);
    m_impl->idleWatchFd = std::move(announcedOn);
}

void AppWindow::waitForNextFrame() {
    Impl& d = *m_impl;
    if (d.waited) return;
    d.signalled = d.waitForNextFrame();
    d.waited = true;
}

bool AppWindow::beginFrame() {
    Impl& d = *m_impl;
    ImGuiIO& io = ImGui::GetIO();
    waitForNextFrame();
    const bool signalled = d.signalled;
    d.waited = false;
    // First frame, or new characters noted during the last frame.
    d.fonts->rebuildIfNeeded(io, d.rendererReady);
    d.collectEvents();
    // Queued input, or a key or button held down (ImGui repeats and drags by frames).
    bool input = !d.early.empty() || d.binding->pendingEvents() > 0 || (d.drops && d.drops->dragging());
    for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b) input = input || io.MouseDown[b];
    for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown); ++k) input = input || io.KeysDown[k];
    for (const sf::Event& event : d.early) {
        if (event.type == sf::Event::Resized) {
            d.window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                                    static_cast<float>(event.size.height))));
        }
        d.binding->processEvent(event);
    }
    d.early.clear();
    const double now = secondsNow();
    if (debugPacing())
        std::fprintf(stderr, "pacing: frame at %.4f input %d signal %d capping %d idle-before %d\n", now, input ? 1 : 0,
                     signalled ? 1 : 0, d.pacer.capping() ? 1 : 0, d.pacer.idle(now) ? 1 : 0);
    d.pacer.frameStarted(now, input, signalled);
    if (d.binding->wantsClose() && !d.askBeforeClose) {
        d.window.close();
        return false;
    }
    const float dt = d.clock.restart().asSeconds();
    d.binding->newFrame(d.window.getSize(), dt > 0 ? dt : 1.0f / 60.0f);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    return true;
}

void AppWindow::endFrame() {
    Impl& d = *m_impl;
    ImGui::Render();
    d.binding->updateMouseCursor(d.window);
    d.window.setActive(true);
    const sf::Vector2u size = d.window.getSize();
    glViewport(0, 0, static_cast<GLsizei>(size.x), static_cast<GLsizei>(size.y));
    const ImVec4 ground = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];   // the theme's, behind every window
    glClearColor(ground.x, ground.y, ground.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!d.screenshotPath.empty()) {
        sf::Texture texture;
        if (texture.create(size.x, size.y)) {
            texture.update(d.window);
            d.screenshotDone = texture.copyToImage().saveToFile(d.screenshotPath);
        }
        d.screenshotPath.clear();
    }
    d.window.display();
    // When the next frame is needed without input: at once while work runs
    // or something animates (or input still waits in the binding's queue, or
    // characters wait for their atlas), else at the caret's blink or a wish.
    double redraw = std::min(takeRedrawWish(), secondsToCaretBlink());
    if (busyWorkCount() > 0 || d.binding->pendingEvents() > 0) redraw = 0;
    if (d.fonts->hasPendingWork()) redraw = std::min(redraw, 0.05);
    d.pacer.frameEnded(secondsNow(), redraw);
}

void AppWindow::requestScreenshot(const std::string& path) {
    m_impl->screenshotPath = path;
    m_impl->screenshotDone = false;
}

bool AppWindow::screenshotWritten() const { return m_impl->screenshotDone; }

std::vector<std::string> AppWindow::takeDroppedFiles() {
    return m_impl->drops ? m_impl->drops->takeDropped() : std::vector<std::string>{};
}
void AppWindow::setFullscreen(bool on) { m_impl->fullscreen.set(m_impl->window.getSystemHandle(), on); }

} // namespace jinguo::platform
