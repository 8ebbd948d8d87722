// ui_presentation_test.cpp — 演示 driven headless: the keys step through the
// slides, B blacks the screen, Esc leaves; the choice is saved; an empty
// database says 暂无数据 on every slide; names can be masked; the slide data
// never carries an ID number or a phone.
#include "demo/demo.hpp"
#include "headless_ui.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_presentation.hpp"
#include "ui/slides.hpp"
#include "ui/task_runner.hpp"
#include "support/district.hpp"
#include "support/demo_copy.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace jinguo;

namespace {

struct Fixture {
    // The slide data is read on a Task: here inside the frame that asks for it.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    test::DemoDbPath path;
    storage::Storage storage{path.str()};
    ui::AppState app{storage};

    explicit Fixture(bool demo) : path(demo) {
        app.today = "2026-11-29";
        app.section = ui::Section::Presentation;
    }
};

// Keys the binding maps (SFML's codes in the app; any free index here).
void mapKeys() {
    ImGuiIO& io = ImGui::GetIO();
    int next = 100;
    for (ImGuiKey key : {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_PageUp,
                         ImGuiKey_PageDown, ImGuiKey_Home, ImGuiKey_End, ImGuiKey_Space})
        io.KeyMap[key] = next++;
}

void press(test::HeadlessUi& ui, ImGuiKey key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[key]] = true;
    ui.frame();
    io.KeysDown[io.KeyMap[key]] = false;
    ui.frame();
}

void typeChar(test::HeadlessUi& ui, char c) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
    ui.frame();
    ui.frame();
}

// The show begins on the frame after the click.
void start(test::HeadlessUi& ui) {
    ui.click("presentation.start");
    ui.frame();
}

// The slide on screen, by its code; "" when none (black, or not presenting).
std::string showing(const test::HeadlessUi& ui) {
    for (ui::SlideKind kind : ui::allSlideKinds()) {
        const std::string key = std::string("presentation.showing.") + ui::slideCode(kind);
        if (ui.visible(key)) return ui::slideCode(kind);
    }
    return "";
}

} // namespace

TEST_CASE("the keys of a clicker step through the slides; B blacks the screen, Esc leaves") {
    Fixture f(true);
    test::HeadlessUi ui(f.app);
    mapKeys();
    start(ui);
    CHECK(showing(ui) == "figures");
    CHECK_FALSE(ui.visible("presentation.nodata"));   // the demo has data for every slide

    press(ui, ImGuiKey_RightArrow);
    CHECK(showing(ui) == "volunteers");
    press(ui, ImGuiKey_Space);
    CHECK(showing(ui) == "race");
    press(ui, ImGuiKey_PageDown);
    CHECK(showing(ui) == "posts");
    press(ui, ImGuiKey_DownArrow);
    CHECK(showing(ui) == "wall");
    press(ui, ImGuiKey_End);
    CHECK(showing(ui) == "targets");
    press(ui, ImGuiKey_RightArrow);                   // the last slide stays
    CHECK(showing(ui) == "targets");
    press(ui, ImGuiKey_LeftArrow);
    CHECK(showing(ui) == "wall");
    press(ui, ImGuiKey_PageUp);
    CHECK(showing(ui) == "posts");
    press(ui, ImGuiKey_UpArrow);
    CHECK(showing(ui) == "race");
    press(ui, ImGuiKey_Home);
    CHECK(showing(ui) == "figures");
    press(ui, ImGuiKey_LeftArrow);                    // the first slide stays
    CHECK(showing(ui) == "figures");

    typeChar(ui, 'b');
    CHECK(ui.visible("presentation.black"));
    CHECK(showing(ui).empty());
    typeChar(ui, 'B');
    CHECK_FALSE(ui.visible("presentation.black"));
    CHECK(showing(ui) == "figures");

    // A click is "next" too.
    ui.click("presentation.slide");
    CHECK(showing(ui) == "volunteers");

    press(ui, ImGuiKey_Escape);
    CHECK(showing(ui).empty());
    CHECK(ui.visible("presentation.start"));
}

TEST_CASE("the presenter's choice of slides, order and scope is saved and used") {
    Fixture f(true);
    {
        test::HeadlessUi ui(f.app);
        ui.click("presentation.down.figures");        // figures after volunteers
        ui.click("presentation.slide.race");          // race left out
        ui.click("presentation.scope");
        ui.click("presentation.scope.江滨街道");
        CHECK(f.storage.setting("presentation.slides", "") == "volunteers,figures,-race,posts,wall,targets");
        storage::Statement st = f.storage.db().prepare("SELECT id FROM org_unit WHERE name = '江滨街道'");
        REQUIRE(st.step());
        CHECK(f.storage.setting("presentation.scope", "") == std::to_string(st.columnInt(0)));
    }
    // A new session (a new AppState) starts from the saved choice.
    ui::AppState again(f.storage);
    again.today = "2026-11-29";
    again.section = ui::Section::Presentation;
    test::HeadlessUi ui(again);
    mapKeys();
    start(ui);
    CHECK(showing(ui) == "volunteers");
    press(ui, ImGuiKey_RightArrow);
    CHECK(showing(ui) == "figures");
    press(ui, ImGuiKey_RightArrow);
    CHECK(showing(ui) == "posts");                    // race was left out
    press(ui, ImGuiKey_End);
    CHECK(showing(ui) == "targets");

    // The street's data: its communities race, and only its units' targets.
    const storage::SlideData data = ui::loadSlideData(f.storage, 2026, std::atoll(f.storage.setting("presentation.scope", "0").c_str()), "2026-11-29");
    CHECK(data.scopeName == "江滨街道");
    CHECK(data.raceLeague == UnitKind::Community);
    CHECK_FALSE(data.race.empty());
    // Communities have no target of their own: they borrow the street's 90 %
    // and are judged by rate ÷ goal.
    for (const auto& r : data.race) {
        CHECK(r.hasTarget);
        CHECK(r.goal == doctest::Approx(0.9));
        const TargetStatus expected = r.rate >= 0.9 ? TargetStatus::Green
                                    : r.rate >= 0.81 ? TargetStatus::Amber : TargetStatus::Red;
        CHECK(r.status == expected);
    }
    for (const auto& t : data.targets) CHECK(t.unit != "临江区");
}

TEST_CASE("an empty database shows 暂无数据 on every slide instead of failing") {
    Fixture f(false);
    test::HeadlessUi ui(f.app);
    mapKeys();
    start(ui);
    for (ui::SlideKind kind : ui::allSlideKinds()) {
        CHECK(showing(ui) == ui::slideCode(kind));
        CHECK(ui.visible("presentation.nodata"));
        press(ui, ImGuiKey_RightArrow);
    }
    // And with units but no records: still 暂无数据, not an empty frame.
    test::buildDistrict(f.storage, {100, {{"江滨街道", 100, 0, {}}}});
    press(ui, ImGuiKey_Home);
    CHECK(showing(ui) == "figures");
    CHECK(ui.visible("presentation.nodata"));
}

TEST_CASE("nothing chosen: the show does not start and says why") {
    Fixture f(true);
    f.storage.setSetting("presentation.slides", "-figures,-volunteers,-race,-posts,-wall,-targets");
    test::HeadlessUi ui(f.app);
    start(ui);
    CHECK(showing(ui).empty());
    CHECK(ui.visible("presentation.start"));
}

TEST_CASE("auto-advance moves on after N seconds of (ImGui) time and loops") {
    Fixture f(true);
    f.storage.setSetting("presentation.auto_seconds", "1");
    f.storage.setSetting("presentation.slides", "figures,volunteers,-race,-posts,-wall,-targets");
    test::HeadlessUi ui(f.app);
    start(ui);
    CHECK(showing(ui) == "figures");
    for (int i = 0; i < 65; ++i) ui.frame();        // 65 frames of 1/60 s
    CHECK(showing(ui) == "volunteers");
    for (int i = 0; i < 65; ++i) ui.frame();
    CHECK(showing(ui) == "figures");
}

TEST_CASE("names can be masked on the big screen; IDs and phones never reach a slide") {
    Fixture f(true);
    {
        test::HeadlessUi ui(f.app);
        CHECK(f.storage.setting("display.mask_names", "") == "0");
        ui.click("presentation.mask");
        CHECK(f.storage.setting("display.mask_names", "") == "1");
    }
    CHECK(ui::loadPresentationConfig(f.storage).maskNames);
    CHECK(ui::slideName("张三丰", true) == "张*丰");
    CHECK(ui::slideName("张三丰", false) == "张三丰");

    // Every text a slide may draw, checked against every ID number and phone.
    const storage::SlideData data = ui::loadSlideData(f.storage, 2026, 0, "2026-11-29");
    REQUIRE(data.leaders.size() == 10);
    const std::string text = ui::slideText(data);
    storage::Statement st = f.storage.db().prepare(
        "SELECT id_number, phone FROM person WHERE id_number IS NOT NULL OR phone IS NOT NULL");
    int checked = 0;
    while (st.step()) {
        for (int c = 0; c < 2; ++c) {
            const std::string value = st.columnText(c);
            if (value.size() < 11) continue;
            CHECK_MESSAGE(text.find(value) == std::string::npos, value);
            ++checked;
        }
    }
    CHECK(checked > 100);
}

TEST_CASE("the demo's slide data: a top 10 in rank order, a race best first, posts and a wall") {
    Fixture f(true);
    const storage::SlideData data = ui::loadSlideData(f.storage, 2026, 0, "2026-11-29");
    CHECK(data.scopeName == "临江区");
    REQUIRE(data.leaders.size() == 10);
    for (std::size_t i = 1; i < data.leaders.size(); ++i) {
        CHECK(data.leaders[i - 1].rank <= data.leaders[i].rank);
        CHECK(data.leaders[i - 1].points >= data.leaders[i].points);
    }
    CHECK(data.raceLeague == UnitKind::Street);
    REQUIRE(data.race.size() == 6);
    for (std::size_t i = 1; i < data.race.size(); ++i) CHECK(data.race[i - 1].rate >= data.race[i].rate);
    for (const auto& r : data.race) CHECK(r.goal == doctest::Approx(0.9));
    CHECK_FALSE(data.posts.namings.empty());
    CHECK_FALSE(data.wall.empty());
    CHECK(data.wall.size() <= 24);
    CHECK(data.wallTotal >= static_cast<int>(data.wall.size()));
    CHECK(data.targets.size() == 12);
    for (ui::SlideKind kind : ui::allSlideKinds()) CHECK(ui::slideHasData(kind, data));
}

TEST_CASE("saved slide lists survive unknown, repeated and missing codes") {
    const auto slides = ui::parseSlideChoices("race,bogus,-figures,race");
    REQUIRE(slides.size() == static_cast<std::size_t>(ui::kSlideKindCount));
    CHECK(slides[0].kind == ui::SlideKind::Race);
    CHECK(slides[0].enabled);
    CHECK(slides[1].kind == ui::SlideKind::Figures);
    CHECK_FALSE(slides[1].enabled);
    CHECK(ui::formatSlideChoices(slides) == "race,-figures,volunteers,posts,wall,targets");
    CHECK(ui::formatSlideChoices(ui::parseSlideChoices("")) == "figures,volunteers,race,posts,wall,targets");
}

TEST_CASE("body text is at least 1/30 of the screen height at every size") {
    for (float h : {480.0f, 720.0f, 1080.0f, 2160.0f}) {
        const ui::SlideSizes s = ui::slideSizesFor(h);
        CHECK(s.body >= h / 30.0f);
        CHECK(s.figure >= 2.5f * s.body);
    }
}

TEST_CASE("badges earned show by name next to the leaders; stars and unknown codes do not") {
    Fixture f(true);
    f.storage.db().exec("DELETE FROM badge_earned");   // the demo's own badges: this test places its own
    const storage::SlideData before = ui::loadSlideData(f.storage, 2026, 0, "2026-11-29");
    REQUIRE_FALSE(before.leaders.empty());
    storage::Statement who = f.storage.db().prepare("SELECT id FROM person WHERE name = ? AND is_volunteer = 1");
    who.bind(1, before.leaders.front().name);
    REQUIRE(who.step());
    const RowId person = who.columnInt(0);
    for (const char* code : {"occasions_few", "star_3", "no_such_badge"}) {
        storage::Statement st = f.storage.db().prepare(
            "INSERT INTO badge_earned (badge_code, person_id, earned_on) VALUES (?, ?, '2026-06-01')");
        st.bind(1, code).bind(2, person);
        st.run();
    }
    const storage::SlideData data = ui::loadSlideData(f.storage, 2026, 0, "2026-11-29");
    REQUIRE(data.leaders.front().badges.size() == 1);
    CHECK(data.leaders.front().badges.front() == "十次同行");
    CHECK(data.leaders[1].badges.empty());
}

namespace {
// Stands in for the window: records what the presentation asked of it.
struct RecordingHost final : ui::PresentationHost {
    std::vector<bool> fullscreenCalls;
    float lastHeight = 0;
    std::string lastText;
    void setFullscreen(bool on) override { fullscreenCalls.push_back(on); }
    ui::SlideFonts slideFonts(float height, std::string_view text) override {
        lastHeight = height;
        lastText = text;
        return {};
    }
};
} // namespace

TEST_CASE("the window goes full screen for the show and back on Esc; slide fonts are asked for its height") {
    Fixture f(true);
    RecordingHost host;
    f.app.presentationHost = &host;
    test::HeadlessUi ui(f.app);
    CHECK(host.fullscreenCalls.empty());
    start(ui);
    REQUIRE(host.fullscreenCalls.size() == 1);
    CHECK(host.fullscreenCalls[0]);
    CHECK(host.lastHeight == doctest::Approx(900.0f));              // the headless viewport
    CHECK(host.lastText.find("陈喆") != std::string::npos);           // names on the board are in the font request
    press(ui, ImGuiKey_Escape);
    REQUIRE(host.fullscreenCalls.size() == 2);
    CHECK_FALSE(host.fullscreenCalls[1]);
    f.app.presentationHost = nullptr;
}

TEST_CASE("the pointer hides on a slide once the mouse rests, and comes back when it moves") {
    Fixture f(true);
    test::HeadlessUi ui(f.app);
    start(ui);
    ui.frame();
    CHECK(ImGui::GetMouseCursor() != ImGuiMouseCursor_None);    // just started: still there
    for (int i = 0; i < 130; ++i) ui.frame();                    // 130 frames of 1/60 s: over 2 s
    CHECK(ImGui::GetMouseCursor() == ImGuiMouseCursor_None);
    ImGui::GetIO().MousePos.x += 30.0f;
    ui.frame();
    CHECK(ImGui::GetMouseCursor() != ImGuiMouseCursor_None);
    press(ui, ImGuiKey_Escape);
    CHECK(showing(ui).empty());
    for (int i = 0; i < 130; ++i) ui.frame();
    CHECK(ImGui::GetMouseCursor() != ImGuiMouseCursor_None);    // the setup screen never hides it
}

TEST_CASE("while the slide data is read the slide says 正在读取…; after a change the old slides stay until the new arrive") {
    ui::ManualTaskExecutor tasks;   // the read waits until runAll: the frames before it are seen
    ui::ScopedTaskExecutor useTasks(tasks);
    test::DemoDbPath path;
    storage::Storage storage{path.str()};
    ui::AppState app{storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Presentation;
    std::string noted;
    app.noteText = [&](std::string_view text) { noted += text; };
    test::HeadlessUi ui(app);
    mapKeys();

    // The chooser: its preview says 正在读取… until the read is done.
    ui.frame();
    CHECK(ui.visible("presentation.loading"));
    CHECK(ui.visible("presentation.start"));
    CHECK(tasks.queued() == 1);
    CHECK(noted.find("陈喆") == std::string::npos);   // no board name before its data
    start(ui);
    CHECK(ui.visible("presentation.loading"));        // the show starts at once, calm, not black
    CHECK_FALSE(ui.visible("presentation.black"));
    CHECK(showing(ui).empty());
    CHECK(tasks.runAll() == 1);
    ui.frame();
    CHECK(showing(ui) == "figures");
    CHECK_FALSE(ui.visible("presentation.loading"));
    CHECK(noted.find("陈喆") != std::string::npos);   // the accessible text came with the data
    const ui::PresentationScreen& screen = ui::presentationScreen(app);
    REQUIRE(screen.data.has_value());
    const std::size_t leaders = screen.data->leaders.size();
    CHECK(leaders == 10);
    bool anyBadge = false;
    for (const auto& leader : screen.data->leaders) anyBadge = anyBadge || !leader.badges.empty();
    CHECK(anyBadge);   // the demo's leaders have badges: their going shows the new read

    // The database changes: a new read is asked for; the slides shown stay meanwhile.
    storage.db().exec("DELETE FROM badge_earned");
    storage.bump();   // as a store's write does
    press(ui, ImGuiKey_RightArrow);
    CHECK(tasks.queued() == 1);
    CHECK(showing(ui) == "volunteers");
    CHECK_FALSE(ui.visible("presentation.loading"));
    CHECK(screen.data->leaders.size() == leaders);
    CHECK(tasks.runAll() == 1);
    ui.frame();
    CHECK(showing(ui) == "volunteers");
    for (const auto& leader : screen.data->leaders) CHECK(leader.badges.empty());   // the new read's data
    press(ui, ImGuiKey_Escape);

    // Saving the presenter's choice asks for no new read (the data does not depend on it).
    ui.click("presentation.mask");
    ui.frame();
    CHECK(storage.setting("display.mask_names", "") == "1");
    CHECK(tasks.queued() == 0);
    CHECK_FALSE(ui.visible("presentation.loading"));
}
