// imgui_sfml_binding.cpp — SFML events → ImGui 1.86 input (see the header).
#include "platform/imgui_sfml_binding.hpp"

#include "platform/ime_fix.hpp"

#include <imgui.h>

#include <SFML/Window/Clipboard.hpp>
#include <SFML/Window/Window.hpp>

#include <X11/Xlib.h>
#include <X11/Xresource.h>
#include <X11/cursorfont.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace jinguo::platform {

namespace {

int buttonIndex(sf::Mouse::Button button) {
    switch (button) {
    case sf::Mouse::Left: return 0;
    case sf::Mouse::Right: return 1;
    case sf::Mouse::Middle: return 2;
    case sf::Mouse::XButton1: return 3;
    case sf::Mouse::XButton2: return 4;
    default: return -1;
    }
}

// Keys InputText acts on. ImGui 1.86 handles a frame's characters before its
// key presses, so text typed after one of these must wait for the next frame
// ("ab<Backspace>c" must not become "abc" minus the c).
bool isEditKey(sf::Keyboard::Key key) {
    switch (key) {
    case sf::Keyboard::Tab: case sf::Keyboard::Left: case sf::Keyboard::Right:
    case sf::Keyboard::Up: case sf::Keyboard::Down: case sf::Keyboard::PageUp:
    case sf::Keyboard::PageDown: case sf::Keyboard::Home: case sf::Keyboard::End:
    case sf::Keyboard::Insert: case sf::Keyboard::Delete: case sf::Keyboard::Backspace:
    case sf::Keyboard::Return: case sf::Keyboard::Escape:
        return true;
    default:
        return false;
    }
}

bool isTypedCharacter(char32_t c) {
    // Control characters come with Ctrl+letter, Backspace, Enter, Delete.
    if (c < 32 || c == 127) return false;
    return c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

float clampScale(float s) { return std::clamp(s, 0.5f, 4.0f); }

// JINGUO_DEBUG_INPUT=1: one stderr line per event handed to ImGui.
bool debugInput() {
    static const bool on = [] {
        const char* v = std::getenv("JINGUO_DEBUG_INPUT");
        return v && *v && std::string_view(v) != "0";
    }();
    return on;
}

template <typename Item>
void traceApplied(std::uint64_t frame, const Item& item) {
    const sf::Event& e = item.event;
    switch (e.type) {
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
        std::fprintf(stderr, "jinguo-input: frame %llu key %d %s\n", static_cast<unsigned long long>(frame),
                     static_cast<int>(e.key.code), e.type == sf::Event::KeyPressed ? "down" : "up");
        break;
    case sf::Event::TextEntered:
        std::fprintf(stderr, "jinguo-input: frame %llu text U+%04X \"%s\"\n", static_cast<unsigned long long>(frame),
                     static_cast<unsigned>(e.text.unicode), item.text.c_str());
        break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
        std::fprintf(stderr, "jinguo-input: frame %llu button %d %s at %d,%d\n", static_cast<unsigned long long>(frame),
                     static_cast<int>(e.mouseButton.button), e.type == sf::Event::MouseButtonPressed ? "down" : "up",
                     e.mouseButton.x, e.mouseButton.y);
        break;
    default:
        break;
    }
}

} // namespace

// What changed during the current newFrame(): a second change of the same
// button or key ends this frame's share of the queue.
struct ImGuiSfmlBinding::FrameChanges {
    std::bitset<kKeys> keys;
    std::array<bool, kButtons> buttons{};
    bool anyButton = false;
    bool moved = false;
    bool pressedSomething = false;  // a key or button went down
    bool editKeyPressed = false;
};

ImGuiSfmlBinding::ImGuiSfmlBinding(ClipboardMode clipboard) : m_clipboardMode(clipboard) {
    ImGuiIO& io = ImGui::GetIO();  // asserts when there is no context
    io.BackendPlatformName = "jinguo_imgui_sfml";

    // io.KeysDown is indexed by sf::Keyboard::Key.
    io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
    io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
    io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
    io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
    io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
    io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
    io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
    io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
    io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
    io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
    io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
    io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Return;
    io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Return;  // SFML 2.5 has no keypad Enter
    io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
    io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
    io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
    io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
    io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
    io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;

    io.GetClipboardTextFn = &ImGuiSfmlBinding::getClipboardCallback;
    io.SetClipboardTextFn = &ImGuiSfmlBinding::setClipboardCallback;
    io.ClipboardUserData = this;
    // ImGui reports the top of the caret's line while a text field is active;
    // the input method wants the baseline, where its candidate box opens.
    io.ImeSetInputScreenPosFn = [](int x, int y) {
        setInputMethodSpot(x, y + static_cast<int>(ImGui::GetFontSize() + 0.5f));
    };
}

ImGuiSfmlBinding::~ImGuiSfmlBinding() {
    if (!ImGui::GetCurrentContext()) return;
    ImGuiIO& io = ImGui::GetIO();
    if (io.ClipboardUserData != this) return;
    io.GetClipboardTextFn = nullptr;
    io.SetClipboardTextFn = nullptr;
    io.ClipboardUserData = nullptr;
    io.ImeSetInputScreenPosFn = nullptr;
    io.BackendPlatformName = nullptr;
}

// ------------------------------------------------------------------ events in

void ImGuiSfmlBinding::processEvent(const sf::Event& event) {
    switch (event.type) {
    case sf::Event::Closed:
        m_closeRequested = true;
        return;
    case sf::Event::KeyPressed: {
        // Always take the verdict, even for keys we drop, to stay in step with SFML.
        const bool consumed = ime::takeKeyConsumed();
        // Unknown: the synthetic KeyPress carrying a commit, or a key SFML cannot name.
        if (event.key.code < 0 || event.key.code >= kKeys) return;
        keyPressed(event.key.code, consumed);
        return;
    }
    case sf::Event::KeyReleased:
        if (event.key.code < 0 || event.key.code >= kKeys) return;
        keyReleased(event.key.code);
        return;
    case sf::Event::TextEntered: {
        Queued item{event, {}};
        // SFML reported only the first character; the interposer kept the rest.
        if (auto full = ime::takeLookup(event.text.unicode)) item.text = std::move(*full);
        m_queue.push_back(std::move(item));
        return;
    }
    case sf::Event::MouseMoved:
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
    case sf::Event::MouseWheelScrolled:  // not the deprecated MouseWheelMoved: it would count twice
    case sf::Event::MouseLeft:
    case sf::Event::GainedFocus:
        m_queue.push_back({event, {}});
        return;
    case sf::Event::LostFocus:
        forgetInputMethodKeys();
        m_queue.push_back({event, {}});
        return;
    default:
        return;  // Resized: newFrame() gets the size; the rest ImGui does not need
    }
}

void ImGuiSfmlBinding::keyPressed(sf::Keyboard::Key key, bool consumed) {
    if (consumed) {
        // With the input method now: composing (pinyin letters, the Space that
        // commits) or on its way back. Not input for widgets, for now.
        if (m_pendingSeq[key]) dropPending(key);  // pressed again: the earlier one was kept
        m_pendingSeq[key] = ++m_filterSeq;
        m_pendingSince[key] = m_frame;
        m_releaseDropped[key] = false;
        return;
    }
    if (const std::uint64_t seq = m_pendingSeq[key]) {
        // Handed back. Keys sent before it were kept by the input method.
        for (int k = 0; k < kKeys; ++k)
            if (m_pendingSeq[k] && m_pendingSeq[k] < seq) dropPending(k);
        flushHeldReleases(seq);  // releases that happened before this press
        m_pendingSeq[key] = 0;
        queueKey(key, true);
        flushHeldReleases(UINT64_MAX);
        return;
    }
    queueKey(key, true);
    if (m_releaseDropped[key]) {
        // Handed back after we had given up on it: its release is gone, so
        // make it a tap rather than a key stuck down.
        m_releaseDropped[key] = false;
        queueKey(key, false);
    }
}

void ImGuiSfmlBinding::keyReleased(sf::Keyboard::Key key) {
    m_releaseDropped[key] = false;
    if (m_pendingSeq[key] || !m_heldReleases.empty() || anyPendingUpTo(m_filterSeq)) {
        m_heldReleases.push_back({key, m_filterSeq});
        return;
    }
    queueKey(key, false);
}

void ImGuiSfmlBinding::queueKey(sf::Keyboard::Key key, bool pressed) {
    sf::Event e;
    e.type = pressed ? sf::Event::KeyPressed : sf::Event::KeyReleased;
    e.key = {key, false, false, false, false};  // modifiers come from the key table
    m_queue.push_back({e, {}});
}

bool ImGuiSfmlBinding::anyPendingUpTo(std::uint64_t seq) const {
    for (std::uint64_t s : m_pendingSeq)
        if (s && s <= seq) return true;
    return false;
}

// The input method kept this key: forget it, and its release with it (the key
// never went down in ImGui).
void ImGuiSfmlBinding::dropPending(int key) {
    m_pendingSeq[key] = 0;
    const auto before = m_heldReleases.size();
    std::erase_if(m_heldReleases, [&](const HeldRelease& h) { return h.key == key; });
    if (m_heldReleases.size() != before) m_releaseDropped[key] = true;
}

// Queues held releases, oldest first, while each one's key and every key
// pressed before it have settled (and it happened before press `beforeSeq`).
void ImGuiSfmlBinding::flushHeldReleases(std::uint64_t beforeSeq) {
    while (!m_heldReleases.empty()) {
        const HeldRelease& h = m_heldReleases.front();
        if (h.lastSeq >= beforeSeq || m_pendingSeq[h.key] || anyPendingUpTo(h.lastSeq)) break;
        queueKey(h.key, false);
        m_heldReleases.pop_front();
    }
}

void ImGuiSfmlBinding::forgetInputMethodKeys() {
    // Focus is gone: every key will be released anyway.
    m_pendingSeq.fill(0);
    m_heldReleases.clear();
    m_releaseDropped.reset();
}

// ------------------------------------------------------------------ frame

void ImGuiSfmlBinding::newFrame(sf::Vector2u windowSize, float dt) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(windowSize.x), static_cast<float>(windowSize.y));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);  // SFML 2.5 has no DPI API
    io.DeltaTime = dt > 0.0f ? dt : 1.0f / 60.0f;       // ImGui asserts on 0

    // Keys the input method kept without a word: give up waiting for them.
    ++m_frame;
    for (int k = 0; k < kKeys; ++k)
        if (m_pendingSeq[k] && m_frame - m_pendingSince[k] > kPendingFrames) dropPending(k);
    flushHeldReleases(UINT64_MAX);

    FrameChanges changes;
    while (!m_queue.empty() && apply(m_queue.front(), changes)) {
        if (debugInput()) traceApplied(m_frame, m_queue.front());
        m_queue.pop_front();
    }

    for (int k = 0; k < kKeys; ++k) io.KeysDown[k] = m_keysDown[k];
    for (int b = 0; b < kButtons; ++b) io.MouseDown[b] = m_buttonsDown[b];
    const auto down = [&](sf::Keyboard::Key a, sf::Keyboard::Key b) { return m_keysDown[a] || m_keysDown[b]; };
    io.KeyCtrl = down(sf::Keyboard::LControl, sf::Keyboard::RControl);
    io.KeyShift = down(sf::Keyboard::LShift, sf::Keyboard::RShift);
    io.KeyAlt = down(sf::Keyboard::LAlt, sf::Keyboard::RAlt);
    io.KeySuper = down(sf::Keyboard::LSystem, sf::Keyboard::RSystem);

    // Every KeyPressed/TextEntered of this frame's pollEvent() loop has taken
    // its entry by now; leftovers would only shift later matches.
    ime::clearPending();
}

bool ImGuiSfmlBinding::apply(const Queued& item, FrameChanges& changes) {
    ImGuiIO& io = ImGui::GetIO();
    const sf::Event& e = item.event;
    switch (e.type) {
    case sf::Event::MouseMoved: {
        // Moving after a press would make ImGui see the press at the new place.
        if (changes.anyButton) return false;
        io.MousePos = ImVec2(static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y));
        changes.moved = true;
        return true;
    }
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
        const int b = buttonIndex(e.mouseButton.button);
        if (b < 0) return true;
        const bool pressed = e.type == sf::Event::MouseButtonPressed;
        const ImVec2 pos(static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y));
        const bool moves = pos.x != io.MousePos.x || pos.y != io.MousePos.y;
        if (m_buttonsDown[b] == pressed) {  // nothing changes (e.g. focus was lost while held)
            if (!changes.anyButton) io.MousePos = pos;
            return true;
        }
        if (changes.buttons[b]) return false;
        if (moves) {
            if (changes.anyButton) return false;
            io.MousePos = pos;
            changes.moved = true;
        }
        // A drag's end: ImGui must see the button held at the new place for a
        // frame, or sliders and window moves miss the last motion.
        if (!pressed && changes.moved) return false;
        m_buttonsDown[b] = pressed;
        changes.buttons[b] = true;
        changes.anyButton = true;
        if (pressed) changes.pressedSomething = true;
        return true;
    }
    case sf::Event::MouseWheelScrolled:
        if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
            io.MouseWheel += e.mouseWheelScroll.delta;
        else
            io.MouseWheelH += e.mouseWheelScroll.delta;
        return true;
    case sf::Event::MouseLeft:
        if (changes.anyButton) return false;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        return true;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
        const auto key = e.key.code;
        const bool pressed = e.type == sf::Event::KeyPressed;
        if (m_keysDown[key] == pressed) return true;  // auto-repeat, or a release after focus loss
        if (changes.keys[key]) return false;
        // A chord (Ctrl+A, Ctrl+click) released in the frame it was completed
        // would never be seen whole: releases wait for the next frame.
        if (!pressed && changes.pressedSomething) return false;
        m_keysDown[key] = pressed;
        changes.keys[key] = true;
        if (pressed) changes.pressedSomething = true;
        if (pressed && isEditKey(key)) changes.editKeyPressed = true;
        return true;
    }
    case sf::Event::TextEntered:
        if (changes.editKeyPressed) return false;
        addText(item);
        return true;
    case sf::Event::LostFocus:
        releaseEverything();
        io.AddFocusEvent(false);
        m_focused = false;
        return true;
    case sf::Event::GainedFocus:
        m_focused = true;
        io.AddFocusEvent(true);
        return true;
    default:
        return true;
    }
}

void ImGuiSfmlBinding::addText(const Queued& item) {
    ImGuiIO& io = ImGui::GetIO();
    // Beyond U+FFFF ImGui 1.86 (16-bit ImWchar) stores U+FFFD; it does not crash.
    const auto add = [&](char32_t c) {
        if (isTypedCharacter(c)) io.AddInputCharacter(static_cast<unsigned int>(c));
    };
    if (item.text.empty()) {
        add(item.event.text.unicode);
        return;
    }
    for (std::size_t pos = 0; pos < item.text.size();) add(decodeUtf8(item.text, pos));
}

void ImGuiSfmlBinding::releaseEverything() {
    m_keysDown.reset();
    m_buttonsDown.fill(false);
}

// ------------------------------------------------------------------ clipboard, cursor

std::string ImGuiSfmlBinding::clipboardText() {
    if (m_clipboardMode == ClipboardMode::Internal) return m_clipboard;
    const auto utf8 = sf::Clipboard::getString().toUtf8();
    return std::string(utf8.begin(), utf8.end());
}

void ImGuiSfmlBinding::setClipboardText(std::string_view utf8) {
    if (m_clipboardMode == ClipboardMode::Internal) {
        m_clipboard.assign(utf8);
        return;
    }
    sf::Clipboard::setString(sf::String::fromUtf8(utf8.begin(), utf8.end()));
}

const char* ImGuiSfmlBinding::getClipboardCallback(void* self) {
    auto* binding = static_cast<ImGuiSfmlBinding*>(self);
    binding->m_clipboardLent = binding->clipboardText();
    return binding->m_clipboardLent.c_str();
}

void ImGuiSfmlBinding::setClipboardCallback(void* self, const char* utf8) {
    static_cast<ImGuiSfmlBinding*>(self)->setClipboardText(utf8 ? utf8 : "");
}

void ImGuiSfmlBinding::updateMouseCursor(sf::Window& window) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.ConfigFlags & ImGuiConfigFlags_NoMouseCursorChange) return;
    Display* display = sfmlDisplay();
    if (!display) return;
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    if (display != m_cursorDisplay) {  // a new connection: the old ids mean nothing
        m_cursorDisplay = display;
        m_cursors.fill(0);
        m_hiddenCursor = 0;
        m_lastCursor = -2;
    }
    // A screen asks for no pointer with ImGuiMouseCursor_None (the presentation
    // when the mouse rests): an invisible 1x1 cursor. When ImGui draws its own
    // cursor (MouseDrawCursor) the system one keeps an arrow.
    int cursor = io.MouseDrawCursor ? ImGuiMouseCursor_Arrow : ImGui::GetMouseCursor();
    if (cursor >= ImGuiMouseCursor_COUNT) cursor = ImGuiMouseCursor_Arrow;
    if (cursor == m_lastCursor) return;
    m_lastCursor = cursor;
    const ::Window xWindow = static_cast<::Window>(window.getSystemHandle());
    if (cursor < 0) {
        if (!m_hiddenCursor) {
            static const char kBlank[1] = {0};
            const Pixmap blank = XCreateBitmapFromData(display, xWindow, kBlank, 1, 1);
            XColor black{};
            m_hiddenCursor = XCreatePixmapCursor(display, blank, blank, &black, &black, 0, 0);
            XFreePixmap(display, blank);
        }
        XDefineCursor(display, xWindow, m_hiddenCursor);
        XFlush(display);
        return;
    }
    static constexpr unsigned kShapes[] = {
        XC_left_ptr, XC_xterm, XC_fleur, XC_sb_v_double_arrow, XC_sb_h_double_arrow,
        XC_bottom_left_corner, XC_bottom_right_corner, XC_hand2, XC_X_cursor,
    };
    static_assert(std::size(kShapes) == ImGuiMouseCursor_COUNT);
    auto& id = m_cursors[static_cast<std::size_t>(cursor)];
    // Created once per connection and never freed: the server frees them
    // when the connection closes, which may be before we are destroyed.
    if (!id) id = XCreateFontCursor(display, kShapes[cursor]);
    XDefineCursor(display, xWindow, id);
    XFlush(display);
}

// ------------------------------------------------------------------ UI scale

std::optional<float> xftDpiFromResources(const char* resources) {
    if (!resources || !*resources) return std::nullopt;
    XrmInitialize();
    XrmDatabase db = XrmGetStringDatabase(resources);
    if (!db) return std::nullopt;
    std::optional<float> dpi;
    char* type = nullptr;
    XrmValue value{};
    if (XrmGetResource(db, "Xft.dpi", "Xft.Dpi", &type, &value) && value.addr) {
        char* end = nullptr;  // the value is NUL-terminated
        const float v = std::strtof(value.addr, &end);
        if (end != value.addr && std::isfinite(v) && v > 0.0f) dpi = v;
    }
    XrmDestroyDatabase(db);
    return dpi;
}

float detectUiScale() {
    if (const char* env = std::getenv("JINGUO_SCALE"); env && *env) {
        char* end = nullptr;
        const float v = std::strtof(env, &end);
        if (end != env && std::isfinite(v) && v > 0.0f) return clampScale(v);
    }
    // A short-lived connection of our own: only the root window's resources are read.
    Display* display = XOpenDisplay(nullptr);
    if (!display) return 1.0f;
    float scale = 1.0f;
    if (auto dpi = xftDpiFromResources(XResourceManagerString(display))) scale = *dpi / 96.0f;
    XCloseDisplay(display);
    return clampScale(scale);
}

int helpKeyIndex() { return sf::Keyboard::F1; }

} // namespace jinguo::platform
