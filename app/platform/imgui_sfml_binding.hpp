// imgui_sfml_binding.hpp — SFML 2.5 window events → Dear ImGui 1.86 input.
//
// ImGui 1.86 reads io.MouseDown/io.KeysDown once per frame, so a press and a
// release inside one frame (a fast click, automation, a clicker) would be
// lost. The binding therefore queues events and applies them in order in
// newFrame(), ending the frame's share early when an event would undo a change
// already made this frame; the rest waits for the next frame.
//
// Keys the input method consumed (pinyin letters, the Space that commits) and
// KeyPressed with an Unknown code (one per commit) never reach ImGui; a commit
// arrives whole even though SFML 2.5.1 only reports its first character (see
// ime_fix.hpp). Modifiers come from the key-down table: SFML's event flags are
// stale on X11 (a Ctrl release still reports control=true).
//
// JINGUO_DEBUG_INPUT=1 prints every key, button and text event as ImGui gets it.
//
// Usage, once per frame:
//     pumpInputMethodEvents();
//     while (window.pollEvent(e)) binding.processEvent(e);   // every event
//     binding.newFrame(window.getSize(), dt);
//     ImGui::NewFrame(); ... ImGui::Render(); binding.updateMouseCursor(window);
#pragma once

#include <SFML/System/Vector2.hpp>
#include <SFML/Window/Event.hpp>
#include <SFML/Window/Keyboard.hpp>
#include <SFML/Window/Mouse.hpp>

#include <array>
#include <bitset>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace sf {
class Window;
}

namespace jinguo::platform {

enum class ClipboardMode {
    System,    // sf::Clipboard (needs an X display)
    Internal,  // a string inside the binding: headless tests
};

class ImGuiSfmlBinding {
public:
    // Needs a current ImGui context; sets io.KeyMap, the clipboard callbacks
    // and io.BackendPlatformName.
    explicit ImGuiSfmlBinding(ClipboardMode clipboard = ClipboardMode::System);
    ~ImGuiSfmlBinding();
    ImGuiSfmlBinding(const ImGuiSfmlBinding&) = delete;  // io holds a pointer to us
    ImGuiSfmlBinding& operator=(const ImGuiSfmlBinding&) = delete;

    // Queues an event. Pass every event pollEvent() returns, in order: the
    // input-method bookkeeping counts KeyPressed and TextEntered events.
    void processEvent(const sf::Event& event);

    // Applies queued events to ImGuiIO for this frame (see the header comment),
    // sets io.DisplaySize from windowSize (pixels), io.DisplayFramebufferScale
    // to 1 and io.DeltaTime from dt (seconds). Call before ImGui::NewFrame().
    void newFrame(sf::Vector2u windowSize, float dt);

    bool wantsClose() const { return m_closeRequested; }
    void clearCloseRequest() { m_closeRequested = false; }  // e.g. after "unsaved changes?" says stay
    bool hasFocus() const { return m_focused; }
    std::size_t pendingEvents() const { return m_queue.size(); }

    // Sets the window's cursor to ImGui's wish (text beam, resize arrows...).
    // Call after ImGui::Render(); needs a display, so not in headless tests.
    // Uses Xlib on SFML's connection: sf::Cursor in SFML 2.5.1 fails with
    // BadCursor on X11 (checked under Xvfb) and the default X error handler exits.
    void updateMouseCursor(sf::Window& window);

    // The clipboard as ImGui sees it (Internal mode: the test's clipboard).
    std::string clipboardText();
    void setClipboardText(std::string_view utf8);

private:
    struct Queued {
        sf::Event event;
        std::string text;  // TextEntered: the whole input-method commit, UTF-8
    };
    struct FrameChanges;

    bool apply(const Queued& item, FrameChanges& changes);
    void addText(const Queued& item);
    void releaseEverything();
    void keyPressed(sf::Keyboard::Key key, bool consumed);
    void keyReleased(sf::Keyboard::Key key);
    void queueKey(sf::Keyboard::Key key, bool pressed);
    bool anyPendingUpTo(std::uint64_t seq) const;
    void dropPending(int key);
    void flushHeldReleases(std::uint64_t beforeSeq);
    void forgetInputMethodKeys();
    static const char* getClipboardCallback(void* self);
    static void setClipboardCallback(void* self, const char* utf8);

    static constexpr int kButtons = 5;
    static constexpr int kKeys = sf::Keyboard::KeyCount;

    ClipboardMode m_clipboardMode;
    std::string m_clipboard;  // Internal mode: the clipboard itself
    std::string m_clipboardLent;  // what the last get returned: ImGui borrows the pointer
    std::deque<Queued> m_queue;
    std::bitset<kKeys> m_keysDown;
    std::array<bool, kButtons> m_buttonsDown{};
    // Under XIM every KeyPress goes to the input method first (XFilterEvent
    // says "consumed") and, unless it wants it, comes back a frame later as a
    // second KeyPressed, after releases SFML already reported: `xdotool key
    // ctrl+a` arrives as C↓ a↓ (taken) a↑ C↑, then C↓ a↓ (handed back). To
    // give ImGui the real order, a release waits while a key pressed before it
    // is still with the input method. Replies come in order, so a key handed
    // back settles every key sent before it: those were kept (composing). A key
    // with no news for kPendingFrames frames counts as kept, too.
    struct HeldRelease {
        sf::Keyboard::Key key;
        std::uint64_t lastSeq;  // the newest press sent to the input method before this release
    };
    static constexpr std::uint64_t kPendingFrames = 10;
    std::array<std::uint64_t, kKeys> m_pendingSeq{};    // 0: not with the input method
    std::array<std::uint64_t, kKeys> m_pendingSince{};  // frame number
    std::bitset<kKeys> m_releaseDropped;  // kept by the input method after its release went by
    std::deque<HeldRelease> m_heldReleases;
    std::uint64_t m_filterSeq = 0;
    std::uint64_t m_frame = 0;
    bool m_closeRequested = false;
    bool m_focused = true;

    int m_lastCursor = -2;
    void* m_cursorDisplay = nullptr;        // the connection m_cursors belong to
    std::array<unsigned long, 9> m_cursors{};  // X Cursor ids, one per ImGuiMouseCursor
    unsigned long m_hiddenCursor = 0;       // an invisible X Cursor for ImGuiMouseCursor_None
};

// The scale factor for fonts and styles: Xft.dpi / 96 from the X resources
// when set, else 1.0; the environment variable JINGUO_SCALE overrides both.
// Result clamped to [0.5, 4].
float detectUiScale();

// The io.KeysDown index of F1 (io.KeysDown is indexed by sf::Keyboard::Key):
// the UI knows no SFML key codes, the window hands it this one (AppState::helpKeyIndex).
int helpKeyIndex();

// Xft.dpi from an X resource string (the RESOURCE_MANAGER text), if present.
std::optional<float> xftDpiFromResources(const char* resources);

} // namespace jinguo::platform
