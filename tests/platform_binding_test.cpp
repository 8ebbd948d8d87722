// ImGuiSfmlBinding, headless: sf::Event structs need no display, ImGui runs
// without a renderer, and the input-method interposers are played by the
// ime::record* hooks. No sf::Window, sf::Clipboard or X display here.
#include <doctest/doctest.h>

#include "platform/ime_fix.hpp"
#include "platform/imgui_sfml_binding.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdlib>
#include <functional>
#include <string>

using namespace jinguo::platform;

namespace {

struct HeadlessContext {
    ImGuiContext* context;
    HeadlessContext() {
        context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.Fonts->Build();  // the default font; NewFrame() asserts without an atlas
        ime::clearPending();
    }
    ~HeadlessContext() { ImGui::DestroyContext(context); }
};

// One context and one binding (destroyed first) per test.
struct Fixture {
    HeadlessContext imgui;
    ImGuiSfmlBinding binding{ClipboardMode::Internal};

    ImGuiIO& io() { return ImGui::GetIO(); }

    void frame(const std::function<void()>& ui = {}) {
        binding.newFrame({800, 600}, 1.0f / 60.0f);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, 300));
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        if (ui) ui();
        ImGui::End();
        ImGui::Render();
    }

    void send(const sf::Event& e) { binding.processEvent(e); }
};

sf::Event mouseMove(int x, int y) {
    sf::Event e;
    e.type = sf::Event::MouseMoved;
    e.mouseMove = {x, y};
    return e;
}

sf::Event mouseButton(bool pressed, int x, int y, sf::Mouse::Button button = sf::Mouse::Left) {
    sf::Event e;
    e.type = pressed ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
    e.mouseButton = {button, x, y};
    return e;
}

// The modifier flags are what X11 reports: deliberately stale/wrong in some tests.
sf::Event key(bool pressed, sf::Keyboard::Key code, bool controlFlag = false) {
    sf::Event e;
    e.type = pressed ? sf::Event::KeyPressed : sf::Event::KeyReleased;
    e.key = {code, false, controlFlag, false, false};
    return e;
}

sf::Event text(char32_t c) {
    sf::Event e;
    e.type = sf::Event::TextEntered;
    e.text.unicode = c;
    return e;
}

sf::Event plain(sf::Event::EventType type) {
    sf::Event e;
    e.type = type;
    return e;
}

sf::Event wheel(sf::Mouse::Wheel w, float delta) {
    sf::Event e;
    e.type = sf::Event::MouseWheelScrolled;
    e.mouseWheelScroll = {w, delta, 10, 10};
    return e;
}

// A text field that keeps the keyboard focus, as a form's first field would.
struct Field {
    std::string value;
    void operator()() {
        if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
        ImGui::InputText("##field", &value);
    }
};

// Runs frames until the binding's queue is empty, plus one.
void drain(Fixture& f, const std::function<void()>& ui, int limit = 100) {
    for (int i = 0; i < limit && f.binding.pendingEvents() > 0; ++i) f.frame(ui);
    f.frame(ui);
}

} // namespace

TEST_CASE("a press and release in one frame: down this frame, up the next") {
    Fixture f;
    f.send(mouseMove(50, 20));
    f.send(mouseButton(true, 50, 20));
    f.send(mouseButton(false, 50, 20));
    f.binding.newFrame({800, 600}, 1.0f / 60.0f);
    CHECK(f.io().MouseDown[0]);
    CHECK(f.io().MousePos.x == 50.0f);
    CHECK(f.io().DisplaySize.x == 800.0f);
    CHECK(f.io().DisplaySize.y == 600.0f);
    CHECK(f.io().DisplayFramebufferScale.x == 1.0f);
    ImGui::NewFrame();
    ImGui::Render();
    f.binding.newFrame({800, 600}, 1.0f / 60.0f);
    CHECK_FALSE(f.io().MouseDown[0]);
    CHECK(f.binding.pendingEvents() == 0);
    ImGui::NewFrame();
    ImGui::Render();
}

TEST_CASE("a fast click activates a Button") {
    Fixture f;
    int clicks = 0;
    auto ui = [&] {
        if (ImGui::Button("OK", ImVec2(100, 40))) ++clicks;
    };
    f.send(mouseMove(50, 25));
    f.frame(ui);  // lay out: the window must exist before it can be hovered
    f.send(mouseButton(true, 50, 25));
    f.send(mouseButton(false, 50, 25));
    for (int i = 0; i < 4; ++i) f.frame(ui);
    CHECK(clicks == 1);
}

TEST_CASE("right and middle buttons, and a double click queued in one frame") {
    Fixture f;
    f.send(mouseButton(true, 5, 5, sf::Mouse::Right));
    f.send(mouseButton(true, 5, 5, sf::Mouse::Middle));
    f.frame();
    CHECK(f.io().MouseDown[1]);
    CHECK(f.io().MouseDown[2]);
    f.send(mouseButton(false, 5, 5, sf::Mouse::Right));
    f.send(mouseButton(false, 5, 5, sf::Mouse::Middle));
    f.frame();
    CHECK_FALSE(f.io().MouseDown[1]);
    CHECK_FALSE(f.io().MouseDown[2]);

    for (int i = 0; i < 2; ++i) {
        f.send(mouseButton(true, 60, 30));
        f.send(mouseButton(false, 60, 30));
    }
    bool doubleClicked = false;
    std::string pattern;
    for (int i = 0; i < 5; ++i) {
        f.frame([&] { doubleClicked |= ImGui::IsMouseDoubleClicked(0); });
        pattern += f.io().MouseDown[0] ? 'D' : 'u';
    }
    CHECK(pattern == "DuDuu");
    CHECK(doubleClicked);
}

TEST_CASE("a move after a press waits, so ImGui sees the press where it happened") {
    Fixture f;
    f.send(mouseMove(10, 10));
    f.send(mouseButton(true, 10, 10));
    f.send(mouseMove(200, 150));
    f.send(mouseButton(false, 200, 150));
    f.binding.newFrame({800, 600}, 0.016f);
    CHECK(f.io().MouseDown[0]);
    CHECK(f.io().MousePos.x == 10.0f);
    ImGui::NewFrame();
    ImGui::Render();
    f.binding.newFrame({800, 600}, 0.016f);
    CHECK(f.io().MouseDown[0]);  // dragged...
    CHECK(f.io().MousePos.x == 200.0f);
    ImGui::NewFrame();
    ImGui::Render();
    f.binding.newFrame({800, 600}, 0.016f);
    CHECK_FALSE(f.io().MouseDown[0]);  // ...and dropped
    ImGui::NewFrame();
    ImGui::Render();
}

TEST_CASE("wheels add up within a frame and reset after it") {
    Fixture f;
    f.send(wheel(sf::Mouse::VerticalWheel, 1.0f));
    f.send(wheel(sf::Mouse::VerticalWheel, 1.0f));
    f.send(wheel(sf::Mouse::HorizontalWheel, -1.0f));
    f.binding.newFrame({800, 600}, 0.016f);
    CHECK(f.io().MouseWheel == 2.0f);
    CHECK(f.io().MouseWheelH == -1.0f);
    ImGui::NewFrame();
    ImGui::Render();
    f.frame();
    CHECK(f.io().MouseWheel == 0.0f);
    CHECK(f.io().MouseWheelH == 0.0f);
}

TEST_CASE("modifiers come from the key-down table, not SFML's flags") {
    Fixture f;
    f.send(key(true, sf::Keyboard::LControl, true));
    f.frame();
    CHECK(f.io().KeyCtrl);
    // X11 reports control=true on the release of Ctrl itself.
    f.send(key(false, sf::Keyboard::LControl, true));
    f.frame();
    CHECK_FALSE(f.io().KeyCtrl);

    // And a flag without a key down is no modifier.
    f.send(key(true, sf::Keyboard::A, true));
    f.frame();
    CHECK_FALSE(f.io().KeyCtrl);
    f.send(key(false, sf::Keyboard::A));

    f.send(key(true, sf::Keyboard::LShift));
    f.send(key(true, sf::Keyboard::RShift));
    f.send(key(true, sf::Keyboard::RAlt));
    f.send(key(true, sf::Keyboard::LSystem));
    f.frame();
    CHECK(f.io().KeyShift);
    CHECK(f.io().KeyAlt);
    CHECK(f.io().KeySuper);
    f.send(key(false, sf::Keyboard::LShift));
    f.frame();
    CHECK(f.io().KeyShift);  // the right one is still held
    f.send(key(false, sf::Keyboard::RShift));
    f.send(key(false, sf::Keyboard::RAlt));
    f.send(key(false, sf::Keyboard::LSystem));
    f.frame();
    CHECK_FALSE(f.io().KeyShift);
    CHECK_FALSE(f.io().KeyAlt);
    CHECK_FALSE(f.io().KeySuper);
}

TEST_CASE("a key tapped within one frame is pressed, then released next frame") {
    Fixture f;
    f.send(key(true, sf::Keyboard::PageDown));
    f.send(key(false, sf::Keyboard::PageDown));
    bool pressedSeen = false;
    f.frame([&] { pressedSeen = ImGui::IsKeyPressed(sf::Keyboard::PageDown); });
    CHECK(f.io().KeysDown[sf::Keyboard::PageDown]);
    CHECK(pressedSeen);
    f.frame();
    CHECK_FALSE(f.io().KeysDown[sf::Keyboard::PageDown]);
    CHECK(f.io().KeyMap[ImGuiKey_PageDown] == sf::Keyboard::PageDown);
    CHECK(f.io().KeyMap[ImGuiKey_Enter] == sf::Keyboard::Return);
}

TEST_CASE("a chord released in the frame it was made is still seen whole") {
    Fixture f;
    // xdotool's ctrl+a: C↓ a↓ C↑ a↑, all before one frame.
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(true, sf::Keyboard::A, true));
    f.send(key(false, sf::Keyboard::LControl, true));
    f.send(key(false, sf::Keyboard::A));
    bool chord = false;
    for (int i = 0; i < 4; ++i) {
        f.frame([&] { chord |= f.io().KeyCtrl && ImGui::IsKeyPressed(sf::Keyboard::A); });
    }
    CHECK(chord);
    CHECK_FALSE(f.io().KeyCtrl);
    CHECK_FALSE(f.io().KeysDown[sf::Keyboard::A]);
}

TEST_CASE("TextEntered: control characters and DEL are dropped") {
    Fixture f;
    for (char32_t c : {U'a', U'\b', U'\r', U'\t', U'\x1f', U'\x7f', U'\x03', U'b', U'你'}) f.send(text(c));
    f.binding.newFrame({800, 600}, 0.016f);
    const auto& q = f.io().InputQueueCharacters;
    REQUIRE(q.Size == 3);
    CHECK(q[0] == 'a');
    CHECK(q[1] == 'b');
    CHECK(q[2] == 0x4F60);
    ImGui::NewFrame();
    ImGui::Render();
}

TEST_CASE("typing fast into a field keeps the order of keys and text") {
    Fixture f;
    Field field;
    f.frame(std::ref(field));
    f.frame(std::ref(field));
    // "ab", Backspace, "c" as one burst (automation, or one slow frame).
    for (auto [code, ch] : {std::pair{sf::Keyboard::A, U'a'}, {sf::Keyboard::B, U'b'}}) {
        f.send(key(true, code));
        f.send(text(ch));
        f.send(key(false, code));
    }
    f.send(key(true, sf::Keyboard::Backspace));
    f.send(text(U'\b'));
    f.send(key(false, sf::Keyboard::Backspace));
    f.send(key(true, sf::Keyboard::C));
    f.send(text(U'c'));
    f.send(key(false, sf::Keyboard::C));
    drain(f, std::ref(field));
    CHECK(field.value == "ac");
}

TEST_CASE("an input-method commit arrives whole, and composing keys never reach widgets") {
    Fixture f;
    Field field;
    f.frame(std::ref(field));
    f.frame(std::ref(field));

    // What SFML 2.5.1 does for "nihao" + Space under fcitx5: it converts the
    // whole X batch first (XFilterEvent, Xutf8LookupString), then the
    // application pops the sf::Events.
    const sf::Keyboard::Key letters[] = {sf::Keyboard::N, sf::Keyboard::I, sf::Keyboard::H, sf::Keyboard::A,
                                         sf::Keyboard::O};
    for (int i = 0; i < 6; ++i) ime::recordKeyFilter(true);  // n i h a o Space: consumed
    ime::recordKeyFilter(false);                             // the commit's synthetic KeyPress
    ime::recordLookup("你好");
    for (auto code : letters) {
        f.send(key(true, code));
        f.send(key(false, code));
    }
    f.send(key(true, sf::Keyboard::Space));
    f.send(key(true, sf::Keyboard::Unknown));  // one per commit
    f.send(text(U'你'));                        // SFML decodes only the first character
    f.send(key(false, sf::Keyboard::Space));

    bool anyKeyDown = false;
    for (int i = 0; i < 4; ++i) {
        f.frame(std::ref(field));
        for (auto code : letters) anyKeyDown |= f.io().KeysDown[code];
        anyKeyDown |= f.io().KeysDown[sf::Keyboard::Space];
    }
    CHECK_FALSE(anyKeyDown);
    CHECK(field.value == "你好");

    // Longer than SFML's 16-byte buffer.
    ime::recordKeyFilter(false);
    ime::recordLookup("中华人民共和国万岁");
    f.send(key(true, sf::Keyboard::Unknown));
    f.send(text(U'中'));
    drain(f, std::ref(field));
    CHECK(field.value == "你好中华人民共和国万岁");
}

TEST_CASE("a lookup whose TextEntered never came does not block later commits") {
    Fixture f;
    ime::recordLookup("x");  // orphan
    ime::recordLookup("中国");
    f.send(text(U'中'));
    f.binding.newFrame({800, 600}, 0.016f);
    const auto& q = f.io().InputQueueCharacters;
    REQUIRE(q.Size == 2);
    CHECK(q[0] == 0x4E2D);
    CHECK(q[1] == 0x56FD);
    ImGui::NewFrame();
    ImGui::Render();
}

TEST_CASE("characters beyond U+FFFF do not crash the 16-bit ImGui build") {
    Fixture f;
    Field field;
    f.frame(std::ref(field));
    f.frame(std::ref(field));
    f.send(text(U'\U00020BB7'));  // 𠮷
    ime::recordLookup("\xF0\xA0\xAE\xB7" "a");
    f.send(text(U'\U00020BB7'));
    drain(f, std::ref(field));
    CHECK(field.value.size() > 0);
    CHECK(field.value.back() == 'a');
}

TEST_CASE("KeyPressed Unknown is not input, and keeps the filter verdicts in step") {
    Fixture f;
    ime::recordKeyFilter(false);  // for the Unknown
    ime::recordKeyFilter(false);  // for B
    f.send(key(true, sf::Keyboard::Unknown));
    f.send(key(true, sf::Keyboard::B));
    f.frame();
    CHECK(f.io().KeysDown[sf::Keyboard::B]);
    for (int k = 0; k < sf::Keyboard::KeyCount; ++k)
        if (k != sf::Keyboard::B) CHECK_FALSE(f.io().KeysDown[k]);
    CHECK(f.io().InputQueueCharacters.Size == 0);
}

TEST_CASE("a key the input method hands back after its release is a tap, not stuck") {
    Fixture f;
    ime::recordKeyFilter(true);  // XIM took Ctrl to the server...
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(false, sf::Keyboard::LControl, true));
    f.send(mouseMove(30, 30));  // other events meanwhile change nothing
    f.send(wheel(sf::Mouse::VerticalWheel, 1.0f));
    f.frame();
    CHECK_FALSE(f.io().KeyCtrl);
    ime::recordKeyFilter(false);  // ...and forwarded it back a frame later
    f.send(key(true, sf::Keyboard::LControl));
    f.frame();
    CHECK(f.io().KeyCtrl);
    f.frame();
    CHECK_FALSE(f.io().KeyCtrl);

    // Handed back while still held: a normal press.
    ime::recordKeyFilter(true);
    f.send(key(true, sf::Keyboard::LShift));
    f.frame();
    ime::recordKeyFilter(false);
    f.send(key(true, sf::Keyboard::LShift));
    f.frame();
    f.frame();
    CHECK(f.io().KeyShift);
}

TEST_CASE("input method: xdotool's ctrl+a, taken and handed back, is still Ctrl+A") {
    Fixture f;
    Field field{"abc"};
    f.frame(std::ref(field));
    f.frame(std::ref(field));
    // C↓ a↓ go to the input method, the releases pass, then both come back.
    ime::recordKeyFilter(true);
    ime::recordKeyFilter(true);
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(true, sf::Keyboard::A, true));
    f.send(text(U'\x01'));
    f.send(key(false, sf::Keyboard::A, true));
    f.send(key(false, sf::Keyboard::LControl, true));
    f.frame(std::ref(field));
    CHECK_FALSE(f.io().KeyCtrl);
    ime::recordKeyFilter(false);
    ime::recordKeyFilter(false);
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(true, sf::Keyboard::A, true));
    bool ctrlA = false;
    for (int i = 0; i < 4; ++i) {
        f.frame(std::ref(field));
        ctrlA |= f.io().KeyCtrl && f.io().KeysDown[sf::Keyboard::A];
    }
    CHECK(ctrlA);
    CHECK_FALSE(f.io().KeyCtrl);
    // Everything selected: a commit replaces it.
    ime::recordKeyFilter(false);
    ime::recordLookup("你");
    f.send(key(true, sf::Keyboard::Unknown));
    f.send(text(U'你'));
    drain(f, std::ref(field));
    CHECK(field.value == "你");
}

TEST_CASE("input method: Ctrl+Space toggles it, and Ctrl does not stay down") {
    Fixture f;
    Field field;
    f.frame(std::ref(field));
    f.frame(std::ref(field));
    // Ctrl comes back, Space (the toggle) is kept.
    ime::recordKeyFilter(true);
    ime::recordKeyFilter(true);
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(true, sf::Keyboard::Space, true));
    f.send(key(false, sf::Keyboard::Space, true));
    f.send(key(false, sf::Keyboard::LControl, true));
    f.frame(std::ref(field));
    ime::recordKeyFilter(false);
    f.send(key(true, sf::Keyboard::LControl));
    f.frame(std::ref(field));
    CHECK(f.io().KeyCtrl);  // its release waits: was Space kept, or is it coming back?
    // The next key handed back settles it: Ctrl is up before 'a' arrives.
    ime::recordKeyFilter(true);
    f.send(key(true, sf::Keyboard::A));
    f.send(key(false, sf::Keyboard::A));
    f.frame(std::ref(field));
    ime::recordKeyFilter(false);
    ime::recordLookup("a");
    f.send(key(true, sf::Keyboard::A));
    f.send(text(U'a'));
    drain(f, std::ref(field));
    CHECK_FALSE(f.io().KeyCtrl);
    CHECK_FALSE(f.io().KeysDown[sf::Keyboard::A]);
    CHECK(field.value == "a");

    // With nothing coming after it, the wait ends on its own.
    ime::recordKeyFilter(true);
    ime::recordKeyFilter(true);
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(true, sf::Keyboard::Space, true));
    f.send(key(false, sf::Keyboard::Space, true));
    f.send(key(false, sf::Keyboard::LControl, true));
    f.frame();
    ime::recordKeyFilter(false);
    f.send(key(true, sf::Keyboard::LControl));
    for (int i = 0; i < 15; ++i) f.frame();
    CHECK_FALSE(f.io().KeyCtrl);
}

TEST_CASE("input method: pinyin letters it keeps never hold back other keys for long") {
    Fixture f;
    for (int i = 0; i < 3; ++i) ime::recordKeyFilter(true);
    f.send(key(true, sf::Keyboard::N));
    f.send(key(false, sf::Keyboard::N));
    f.send(key(true, sf::Keyboard::I));
    f.send(key(false, sf::Keyboard::I));
    f.send(key(true, sf::Keyboard::Escape));  // cancels the composition: kept too
    f.send(key(false, sf::Keyboard::Escape));
    f.frame();
    // A later key handed back: everything before it was kept.
    ime::recordKeyFilter(true);
    f.send(key(true, sf::Keyboard::Down));
    f.frame();
    ime::recordKeyFilter(false);
    f.send(key(true, sf::Keyboard::Down));
    f.frame();
    CHECK(f.io().KeysDown[sf::Keyboard::Down]);
    f.send(key(false, sf::Keyboard::Down));  // nothing pending now: no wait
    f.frame();
    CHECK_FALSE(f.io().KeysDown[sf::Keyboard::Down]);
    CHECK_FALSE(f.io().KeysDown[sf::Keyboard::N]);
    CHECK_FALSE(f.io().KeysDown[sf::Keyboard::Escape]);
}

TEST_CASE("losing focus releases keys and buttons") {
    Fixture f;
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(true, sf::Keyboard::Z));
    f.send(mouseButton(true, 5, 5));
    f.frame();
    CHECK(f.io().KeyCtrl);
    CHECK(f.io().MouseDown[0]);
    f.send(plain(sf::Event::LostFocus));
    f.frame();
    CHECK_FALSE(f.binding.hasFocus());
    CHECK_FALSE(f.io().KeyCtrl);
    CHECK_FALSE(f.io().KeysDown[sf::Keyboard::Z]);
    CHECK_FALSE(f.io().MouseDown[0]);
    f.send(plain(sf::Event::GainedFocus));
    f.frame();
    CHECK(f.binding.hasFocus());
}

TEST_CASE("Closed is reported; the mouse leaving hides the pointer from ImGui") {
    Fixture f;
    CHECK_FALSE(f.binding.wantsClose());
    f.send(plain(sf::Event::Closed));
    CHECK(f.binding.wantsClose());
    f.binding.clearCloseRequest();
    CHECK_FALSE(f.binding.wantsClose());
    f.send(mouseMove(3, 4));
    f.send(plain(sf::Event::MouseLeft));
    f.frame();
    CHECK_FALSE(ImGui::IsMousePosValid());
}

TEST_CASE("clipboard through ImGui: copy sets it, Ctrl+V pastes UTF-8") {
    Fixture f;
    CHECK(std::string(f.io().BackendPlatformName) == "jinguo_imgui_sfml");
    f.frame([] { ImGui::SetClipboardText("巾帼文明岗"); });
    CHECK(f.binding.clipboardText() == "巾帼文明岗");

    Field field;
    f.frame(std::ref(field));
    f.frame(std::ref(field));
    f.send(key(true, sf::Keyboard::LControl));
    f.send(key(true, sf::Keyboard::V, true));
    f.send(text(U'\x16'));  // SFML's TextEntered for Ctrl+V: dropped
    f.send(key(false, sf::Keyboard::V, true));
    f.send(key(false, sf::Keyboard::LControl, true));
    drain(f, std::ref(field));
    CHECK(field.value == "巾帼文明岗");
}

TEST_CASE("UTF-8 helpers: prefix cut on a boundary, decoding") {
    const std::string s = "中华人民共和国万岁";  // 27 bytes
    CHECK(utf8PrefixLength(s, 16) == 15);
    CHECK(utf8PrefixLength(s, 15) == 15);
    CHECK(utf8PrefixLength(s, 2) == 0);
    CHECK(utf8PrefixLength("ab", 16) == 2);
    CHECK(utf8PrefixLength("a\xF0\xA0\xAE\xB7", 4) == 1);

    std::size_t pos = 0;
    CHECK(decodeUtf8(s, pos) == U'中');
    CHECK(pos == 3);
    const std::string mixed = "a\xF0\xA0\xAE\xB7\xE4\xB8";  // a, 𠮷, truncated
    pos = 0;
    CHECK(decodeUtf8(mixed, pos) == U'a');
    CHECK(decodeUtf8(mixed, pos) == U'\U00020BB7');
    CHECK(decodeUtf8(mixed, pos) == 0xFFFD);
    CHECK(pos == 6);
    const std::string overlong = "\xC0\xAF";
    pos = 0;
    CHECK(decodeUtf8(overlong, pos) == 0xFFFD);
    CHECK(pos == 1);
}

TEST_CASE("UI scale: Xft.dpi from X resources, JINGUO_SCALE overrides") {
    CHECK(xftDpiFromResources("Xft.dpi:\t144\nXft.antialias:\t1\n").value() == doctest::Approx(144.0f));
    CHECK_FALSE(xftDpiFromResources("Xft.antialias: 1\n").has_value());
    CHECK_FALSE(xftDpiFromResources(nullptr).has_value());

    const char* old = std::getenv("JINGUO_SCALE");
    const std::string saved = old ? old : "";
    setenv("JINGUO_SCALE", "1.5", 1);
    CHECK(detectUiScale() == doctest::Approx(1.5f));
    setenv("JINGUO_SCALE", "10", 1);
    CHECK(detectUiScale() == doctest::Approx(4.0f));
    if (old) setenv("JINGUO_SCALE", saved.c_str(), 1);
    else unsetenv("JINGUO_SCALE");
}
