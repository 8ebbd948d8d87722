// screen_presentation.hpp — 演示: choose, order and scope the meeting slides,
// then show them full-screen, driven by a clicker or the keyboard.
//
// The choice (slides and order, scope, auto-advance) is saved in `setting`
// (presentation.*); name masking is the shared display.mask_names setting.
// While presenting, one ImGui window covers the whole viewport and the window
// host (null in headless tests) makes the OS window full-screen and provides
// fonts at slide sizes.
#pragma once

#include "storage/slide_data.hpp"
#include "ui/app_state.hpp"
#include "ui/slides.hpp"
#include "ui/task_runner.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::ui {

// What the window offers the presentation (app/gui implements it).
struct PresentationHost {
    virtual ~PresentationHost() = default;
    virtual void setFullscreen(bool on) = 0;
    // Fonts at the sizes of slideSizesFor(height), holding `text`. Built
    // between frames: until then the fields are null (slides scale the
    // default font for that frame).
    virtual SlideFonts slideFonts(float height, std::string_view text) = 0;
    // While presenting, every key goes to the slides, none to the input
    // method (pinyin would take B, the arrows, Home, Space and the first Esc).
    virtual void keysToSlides(bool on) {}
};

struct SlideChoice {
    SlideKind kind = SlideKind::Figures;
    bool enabled = true;
};

// The presenter's saved choice, as settings text and back.
struct PresentationConfig {
    std::vector<SlideChoice> slides;   // every kind once, in the presenter's order
    RowId scopeUnitId = 0;    // 0: the whole district
    int autoSeconds = 0;               // 0: no auto-advance
    bool maskNames = false;
};
PresentationConfig loadPresentationConfig(storage::Storage& storage);
void savePresentationConfig(storage::Storage& storage, const PresentationConfig& config);
// "figures,-volunteers,race…": '-' marks a slide left out; unknown codes are
// skipped and missing kinds appended (enabled), so an old setting still works.
std::vector<SlideChoice> parseSlideChoices(std::string_view text);
std::string formatSlideChoices(const std::vector<SlideChoice>& slides);

// One read of the slide data, as the worker hands it over.
struct SlideLoad {
    storage::SlideData data;
    std::string text;                  // slideText(data), made on the worker too
    std::string error;                 // why it could not be read (Chinese when the storage says so)
};

struct PresentationScreen {
    bool configLoaded = false;
    PresentationConfig config;
    std::vector<storage::SlideScopeOption> scopes;
    std::uint64_t scopesRevision = 0;

    // The live data, read on a worker per (revision, year, scope, today): a
    // frame never waits for it. Until the first read arrives the slide says
    // 正在读取…; after a change the old slides stay up until the new arrive.
    Task<SlideLoad> job;
    std::optional<storage::SlideData> data;
    std::uint64_t dataRevision = 0;    // the storage revision the read is keyed by
    std::uint64_t seenRevision = 0;    // the last revision looked at; saving the choice moves it along, not the read
    std::string slideText;             // every character the slides of `data` draw
    std::string error;

    // Presenting.
    bool running = false;
    double mouseMovedAt = 0.0;        // ImGui time of the last mouse movement (the pointer hides after 2 s)
    std::vector<SlideKind> playlist;   // the enabled slides, in order
    int current = 0;
    bool black = false;
    double shownAt = 0;                // ImGui time the current slide appeared
    double advancedAt = 0;             // … or the last auto-advance
};

void drawPresentationScreen(AppState& app, PresentationScreen& screen);
// The screen's state in `app` (tests).
PresentationScreen& presentationScreen(AppState& app);

// Called from the screen itself each frame while running; exposed for tests.
void startPresentation(AppState& app, PresentationScreen& screen);
void stopPresentation(AppState& app, PresentationScreen& screen);

// The data of `year` and `scope` for the slides (what `jinguo snapshot` uses).
storage::SlideData loadSlideData(storage::Storage& storage, int year, RowId scope, const std::string& today);

} // namespace jinguo::ui
