// screen_presentation.cpp — 演示: the slide chooser and the full-screen show.
#include "ui/screen_presentation.hpp"

#include "core/frame_wake.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <memory>

namespace jinguo::ui {

namespace {

constexpr const char* kSlidesKey = "presentation.slides";
constexpr const char* kScopeKey = "presentation.scope";
constexpr const char* kAutoKey = "presentation.auto_seconds";
constexpr const char* kMaskKey = "display.mask_names";
constexpr double kPointerRestSeconds = 2.0;   // the pointer hides after resting this long

int yearOf(const std::string& today) {
    const int year = std::atoi(today.substr(0, 4).c_str());
    return year >= 1949 && year <= 2100 ? year : 2026;
}

// Asks the worker for the slide data of the database, year and scope shown,
// and takes it when it arrives. The key carries `today`: the targets' pace.
void refreshData(AppState& app, PresentationScreen& s) {
    const int year = yearOf(app.today);
    const RowId scope = s.config.scopeUnitId;
    const std::string today = app.today;
    if (s.seenRevision != app.storage.revision()) s.dataRevision = s.seenRevision = app.storage.revision();
    const std::string what = "slides " + std::to_string(year) + " " + std::to_string(scope) + " " + today;
    s.job.request(TaskKey{s.dataRevision, what}, [path = app.storage.path(), year, scope, today](TaskControl&) {
        SlideLoad out;
        try {
            const std::unique_ptr<storage::Storage> own = detail::openReadOnly(path);
            out.data = loadSlideData(*own, year, scope, today);
        } catch (const std::exception& e) {
            out.data = storage::SlideData{};
            out.data.year = year;
            out.error = e.what();
        }
        out.text = slideText(out.data);
        return out;
    });
    if (s.slideText.empty()) s.slideText = slideText(storage::SlideData{});   // the fonts of 正在读取…
    if (!s.job.poll()) return;
    std::optional<SlideLoad> load = s.job.takeResult();
    if (!load) {   // the body threw something that is no std::exception
        s.error = s.job.error();
        return;
    }
    if (!s.data) s.shownAt = s.advancedAt = ImGui::GetTime();   // the first figures count up from here
    s.data = std::move(load->data);
    s.slideText = std::move(load->text);
    s.error = std::move(load->error);
    if (app.noteText) app.noteText(s.slideText);
}

// Saves the choice. The slide data does not depend on it (the scope is in
// the read's key), so the revision this write makes asks for no new read.
void save(AppState& app, PresentationScreen& s) {
    const bool dataCurrent = s.seenRevision == app.storage.revision();
    const bool scopesCurrent = s.scopesRevision == app.storage.revision();
    try {
        savePresentationConfig(app.storage, s.config);
    } catch (const std::exception& e) {
        s.error = e.what();
    }
    if (dataCurrent) s.seenRevision = app.storage.revision();
    if (scopesCurrent) s.scopesRevision = app.storage.revision();
}

void goTo(PresentationScreen& s, int index) {
    const int count = static_cast<int>(s.playlist.size());
    if (count == 0) return;
    s.current = std::clamp(index, 0, count - 1);
    s.shownAt = s.advancedAt = ImGui::GetTime();
    s.black = false;
}

bool keyPressed(ImGuiKey key) {
    const int index = ImGui::GetKeyIndex(key);
    return index >= 0 && ImGui::IsKeyPressed(index, true);
}

// An idle window waits for input (core/frame_pacer.hpp): the show asks for
// every frame while a slide moves, and for one when the next slide is due or
// the pointer is to hide.
void keepShowAwake(const PresentationScreen& s, int count) {
    const double now = ImGui::GetTime();
    if (!s.black && count > 0 && s.data && now - s.shownAt < kSlideSettleSeconds) redrawWithin(0);
    if (s.config.autoSeconds > 0 && !s.black) redrawWithin(s.config.autoSeconds - (now - s.advancedAt));
    if (now - s.mouseMovedAt <= kPointerRestSeconds) redrawWithin(kPointerRestSeconds - (now - s.mouseMovedAt) + 0.01);
}

void drawRunning(AppState& app, PresentationScreen& s) {
    refreshData(app, s);
    const ImGuiIO& io = ImGui::GetIO();
    const int count = static_cast<int>(s.playlist.size());

    // Keys first: what this frame shows follows them.
    bool blackKey = false;
    for (ImWchar c : io.InputQueueCharacters) blackKey = blackKey || c == 'b' || c == 'B' || c == '.';
    if (keyPressed(ImGuiKey_Escape)) {
        stopPresentation(app, s);
        return;
    }
    if (blackKey) s.black = !s.black;
    if (keyPressed(ImGuiKey_RightArrow) || keyPressed(ImGuiKey_DownArrow) || keyPressed(ImGuiKey_PageDown)
        || keyPressed(ImGuiKey_Space))
        goTo(s, s.current + 1);
    if (keyPressed(ImGuiKey_LeftArrow) || keyPressed(ImGuiKey_UpArrow) || keyPressed(ImGuiKey_PageUp))
        goTo(s, s.current - 1);
    if (keyPressed(ImGuiKey_Home)) goTo(s, 0);
    if (keyPressed(ImGuiKey_End)) goTo(s, count - 1);
    if (s.config.autoSeconds > 0 && !s.black && ImGui::GetTime() - s.advancedAt >= s.config.autoSeconds)
        goTo(s, s.current + 1 < count ? s.current + 1 : 0);   // a lobby loop starts over

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("##presentation", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
                     | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar(3);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 min = viewport->Pos;
    const ImVec2 max(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y);
    // The whole slide is a button for a clicker's mouse buttons: left next, right previous.
    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton("##slide", viewport->Size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    locate("presentation.slide");
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) goTo(s, s.current + 1);
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) goTo(s, s.current - 1);
    // The pointer hides once the mouse rests (2 s), so no arrow sits on the
    // projected slide; moving the mouse brings it back.
    if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || ImGui::IsAnyMouseDown()) s.mouseMovedAt = ImGui::GetTime();
    if (ImGui::GetTime() - s.mouseMovedAt > kPointerRestSeconds) ImGui::SetMouseCursor(ImGuiMouseCursor_None);
    keepShowAwake(s, count);
    if (s.black || count == 0) {
        dl->AddRectFilled(min, max, IM_COL32(0, 0, 0, 255));
        locate("presentation.black");
    } else if (!s.data) {
        SlideFonts fonts;
        if (app.presentationHost) fonts = app.presentationHost->slideFonts(viewport->Size.y, s.slideText);
        drawSlideLoading(dl, min, max, s.playlist[static_cast<std::size_t>(s.current)], fonts);
        locate("presentation.loading");
    } else {
        SlideFonts fonts;
        if (app.presentationHost) fonts = app.presentationHost->slideFonts(viewport->Size.y, s.slideText);
        SlideOptions options;
        options.maskNames = s.config.maskNames;
        options.number = s.current + 1;
        options.count = count;
        const SlideKind kind = s.playlist[static_cast<std::size_t>(s.current)];
        drawSlide(dl, min, max, kind, *s.data, fonts, options, static_cast<float>(ImGui::GetTime() - s.shownAt));
        locate((std::string("presentation.showing.") + slideCode(kind)).c_str());
        if (!slideHasData(kind, *s.data)) locate("presentation.nodata");
    }
    ImGui::End();
}

} // namespace

std::vector<SlideChoice> parseSlideChoices(std::string_view text) {
    std::vector<SlideChoice> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string_view item = text.substr(start, comma - start);
        const bool enabled = item.empty() || item.front() != '-';
        if (!enabled) item.remove_prefix(1);
        if (const auto kind = slideFromCode(item)) {
            const bool seen = std::any_of(out.begin(), out.end(), [&](const SlideChoice& c) { return c.kind == *kind; });
            if (!seen) out.push_back({*kind, enabled});
        }
        start = comma + 1;
    }
    for (SlideKind kind : allSlideKinds())
        if (std::none_of(out.begin(), out.end(), [&](const SlideChoice& c) { return c.kind == kind; }))
            out.push_back({kind, true});
    return out;
}

std::string formatSlideChoices(const std::vector<SlideChoice>& slides) {
    std::string out;
    for (const SlideChoice& c : slides) {
        if (!out.empty()) out += ',';
        if (!c.enabled) out += '-';
        out += slideCode(c.kind);
    }
    return out;
}

PresentationConfig loadPresentationConfig(storage::Storage& storage) {
    PresentationConfig c;
    c.slides = parseSlideChoices(storage.setting(kSlidesKey, ""));
    c.scopeUnitId = std::atoll(storage.setting(kScopeKey, "0").c_str());
    c.autoSeconds = std::clamp(std::atoi(storage.setting(kAutoKey, "0").c_str()), 0, 3600);
    c.maskNames = storage.setting(kMaskKey, "0") == "1";
    return c;
}

void savePresentationConfig(storage::Storage& storage, const PresentationConfig& c) {
    // Only what changed is written (each write is audited), as one undo step.
    storage::UndoStep step(storage, "修改演示设置");
    auto put = [&](const char* key, const std::string& value, const char* fallback) {
        if (storage.setting(key, fallback) != value) storage.setSetting(key, value);
    };
    put(kSlidesKey, formatSlideChoices(c.slides), "");
    put(kScopeKey, std::to_string(c.scopeUnitId), "0");
    put(kAutoKey, std::to_string(c.autoSeconds), "0");
    put(kMaskKey, c.maskNames ? "1" : "0", "0");
}

storage::SlideData loadSlideData(storage::Storage& storage, int year, RowId scope, const std::string& today) {
    return storage::SlideDataStore(storage).load(year, scope, today);
}

void startPresentation(AppState& app, PresentationScreen& s) {
    s.playlist.clear();
    for (const SlideChoice& c : s.config.slides)
        if (c.enabled) s.playlist.push_back(c.kind);
    if (s.playlist.empty()) {
        s.error = str::kPresentNothingChosen;
        return;
    }
    s.error.clear();
    s.running = true;
    s.mouseMovedAt = ImGui::GetTime();
    goTo(s, 0);
    if (app.presentationHost) {
        app.presentationHost->setFullscreen(true);
        app.presentationHost->keysToSlides(true);
    }
}

void stopPresentation(AppState& app, PresentationScreen& s) {
    s.running = false;
    s.black = false;
    if (app.presentationHost) {
        app.presentationHost->keysToSlides(false);
        app.presentationHost->setFullscreen(false);
    }
}

void drawPresentationScreen(AppState& app, PresentationScreen& s) {
    if (!s.configLoaded) {
        s.config = loadPresentationConfig(app.storage);
        s.configLoaded = true;
    }
    if (s.scopesRevision != app.storage.revision()) {
        s.scopes = storage::SlideDataStore(app.storage).scopes();
        s.scopesRevision = app.storage.revision();
        for (const auto& scope : s.scopes)
            if (app.noteText) app.noteText(scope.name);
    }
    if (s.running) {
        drawRunning(app, s);
        if (s.running) return;
    }
    refreshData(app, s);

    bool changed = false;
    const float left = std::min(ImGui::GetContentRegionAvail().x * 0.42f, ImGui::GetFontSize() * 26.0f);
    ImGui::BeginChild("presentation.setup", ImVec2(left, 0), false);
    if (ImGui::Button(str::kPresentStart, ImVec2(-1, ImGui::GetFrameHeight() * 1.6f))) startPresentation(app, s);
    locate("presentation.start");
    if (!s.error.empty()) ImGui::TextColored(kErrorColor, "%s", s.error.c_str());
    ImGui::Spacing();
    headingText(str::kPresentSlides);
    for (std::size_t i = 0; i < s.config.slides.size(); ++i) {
        SlideChoice& c = s.config.slides[i];
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::ArrowButton("##up", ImGuiDir_Up) && i > 0) {
            std::swap(s.config.slides[i], s.config.slides[i - 1]);
            changed = true;
        }
        locate((std::string("presentation.up.") + slideCode(c.kind)).c_str());
        ImGui::SameLine();
        if (ImGui::ArrowButton("##down", ImGuiDir_Down) && i + 1 < s.config.slides.size()) {
            std::swap(s.config.slides[i], s.config.slides[i + 1]);
            changed = true;
        }
        locate((std::string("presentation.down.") + slideCode(s.config.slides[i].kind)).c_str());
        ImGui::SameLine();
        SlideChoice& shown = s.config.slides[i];
        if (ImGui::Checkbox(slideTitle(shown.kind), &shown.enabled)) changed = true;
        locate((std::string("presentation.slide.") + slideCode(shown.kind)).c_str());
        ImGui::PopID();
    }
    ImGui::Spacing();
    headingText(str::kPresentScope);
    std::string current = str::kPresentDistrict;
    for (const auto& scope : s.scopes)
        if (scope.unitId == s.config.scopeUnitId) current = scope.unitId == 0 ? scope.name : scope.name;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##scope", current.c_str())) {
        for (const auto& scope : s.scopes) {
            ImGui::PushID(static_cast<int>(scope.unitId));
            if (ImGui::Selectable(scope.name.c_str(), scope.unitId == s.config.scopeUnitId)) {
                s.config.scopeUnitId = scope.unitId;
                changed = true;
            }
            locate(("presentation.scope." + scope.name).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    locate("presentation.scope");
    ImGui::Spacing();
    if (ImGui::Checkbox(str::kPresentMaskNames, &s.config.maskNames)) changed = true;
    locate("presentation.mask");
    ImGui::TextUnformatted(str::kPresentAuto);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    int seconds = s.config.autoSeconds;
    if (ImGui::InputInt("##auto", &seconds, 5, 30)) {
        s.config.autoSeconds = std::clamp(seconds, 0, 3600);
        changed = true;
    }
    locate("presentation.auto");
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", str::kPresentKeysHelp);
    ImGui::TextDisabled("%s", str::kPresentExportHint);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    if (changed) save(app, s);

    // A still preview of the first chosen slide, 16:9, in the space left.
    ImGui::SameLine();
    ImGui::BeginChild("presentation.preview", ImVec2(0, 0), false);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::min(avail.x, avail.y * 16.0f / 9.0f);
    if (width > 50) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        int number = 0, count = 0;
        std::optional<SlideKind> first;
        for (const SlideChoice& c : s.config.slides) {
            if (!c.enabled) continue;
            ++count;
            if (!first) first = c.kind;
        }
        if (first) {
            SlideOptions options;
            options.maskNames = s.config.maskNames;
            options.number = number + 1;
            options.count = count;
            // Fonts for the preview's height, in steps so that resizing the
            // window does not rebuild the atlas on every pixel.
            const float height = width * 9.0f / 16.0f;
            SlideFonts fonts;
            if (app.presentationHost)
                fonts = app.presentationHost->slideFonts(std::max(180.0f, std::round(height / 60.0f) * 60.0f), s.slideText);
            const ImVec2 max(p.x + width, p.y + height);
            if (s.data) {
                drawSlide(ImGui::GetWindowDrawList(), p, max, *first, *s.data, fonts, options, kSlideSettleSeconds);
            } else {
                drawSlideLoading(ImGui::GetWindowDrawList(), p, max, *first, fonts);
                locate("presentation.loading");
            }
        }
        ImGui::Dummy(ImVec2(width, width * 9.0f / 16.0f));
    }
    ImGui::EndChild();
}

} // namespace jinguo::ui
