// badge_announcer.cpp — the worker that evaluates badges and the card that
// announces them.
#include "ui/badge_announcer.hpp"

#include "core/periods.hpp"
#include "storage/storage.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <chrono>
#include <exception>

namespace jinguo::ui {

namespace {

constexpr int kShownBadges = 3;
constexpr int kFramesBeforeFirstEvaluation = 30;

// Runs on the worker (or, in Synchronous mode, the caller): its own
// connection, so the frame loop's connection is never shared across threads.
void runEvaluation(std::string path, Date today, BadgeAnnouncer* a) {
    const auto start = std::chrono::steady_clock::now();
    storage::BadgeEvaluation result;
    std::string error;
    try {
        storage::Storage own(path);
        result = storage::BadgeStore(own).evaluate(today);
    } catch (const std::exception& e) {
        error = e.what();
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    {
        std::lock_guard<std::mutex> lock(a->resultMutex);
        a->lastResult = result;
        a->lastMilliseconds = ms;
        a->lastError = error;
    }
    a->finished = true;
}

// On the frame thread, after an evaluation ended: the main connection's
// caches learn of the other connection's writes through a revision bump.
void collect(AppState& app, BadgeAnnouncer& a) {
    if (a.worker.joinable()) a.worker.join();
    a.finished = false;
    a.running = false;
    std::int64_t stored = 0;
    {
        std::lock_guard<std::mutex> lock(a.resultMutex);
        stored = a.lastResult.newlyStored;
    }
    if (stored > 0) {
        const bool unchanged = app.storage.revision() == a.evaluatedRevision;
        app.storage.bump();
        // Our own bump is no reason to evaluate again; a user's change meanwhile is.
        if (unchanged) a.evaluatedRevision = app.storage.revision();
        a.loaded = false;
    }
}

void start(AppState& app, BadgeAnnouncer& a) {
    const auto today = parseDate(app.today);
    if (!today) return;
    a.evaluatedRevision = app.storage.revision();
    a.running = true;
    a.finished = false;
    if (a.mode == BadgeAnnouncer::Mode::Synchronous) {
        runEvaluation(app.storage.path(), *today, &a);
        collect(app, a);
    } else {
        a.worker = std::thread(runEvaluation, app.storage.path(), *today, &a);
    }
}

void load(AppState& app, BadgeAnnouncer& a) {
    storage::BadgeStore store(app.storage);
    a.newestId = store.newestId();
    a.shown = store.unannounced(kShownBadges);
    a.waiting = store.unannouncedCount();
    a.loaded = true;
    if (app.noteText)
        for (const storage::EarnedBadgeRow& b : a.shown) app.noteText(b.name + b.subjectName);
}

void drawCard(AppState& app, BadgeAnnouncer& a) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - margin, viewport->Pos.y + viewport->Size.y - margin),
                            ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize
                                 | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing
                                 | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.72f, 0.09f, 0.12f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
    if (ImGui::Begin("##badge_announcer", nullptr, flags)) {
        ImGui::TextColored(ImVec4(0.72f, 0.09f, 0.12f, 1.0f), "%s", str::kBadgeNewHeading);
        locate("badges.card");
        ImGui::Text("%s%lld%s", str::kBadgeCountPrefix, static_cast<long long>(a.waiting), str::kBadgeCountSuffix);
        for (const storage::EarnedBadgeRow& b : a.shown) {
            ImGui::TextColored(ImVec4(0.85f, 0.55f, 0.05f, 1.0f), "%s", b.name.c_str());
            ImGui::SameLine();
            ImGui::Text("%s  %s", b.subjectName.c_str(), b.earnedOn.c_str());
        }
        if (a.waiting > static_cast<std::int64_t>(a.shown.size())) ImGui::TextDisabled("%s", str::kBadgeMore);
        std::string error;
        {
            std::lock_guard<std::mutex> lock(a.resultMutex);
            error = a.lastError;
        }
        if (!error.empty()) {
            if (app.noteText) app.noteText(error);
            ImGui::TextColored(ImVec4(0.85f, 0.16f, 0.12f, 1.0f), "%s%s", str::kBadgeEvalFailed, error.c_str());
        }
        if (ImGui::Button(str::kBadgeDismiss)) {
            try {
                const bool unchanged = app.storage.revision() == a.evaluatedRevision;
                storage::BadgeStore(app.storage).markAnnounced(a.newestId);
                if (unchanged) a.evaluatedRevision = app.storage.revision();
                std::lock_guard<std::mutex> lock(a.resultMutex);
                a.lastError.clear();
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(a.resultMutex);
                a.lastError = e.what();
            }
            a.loaded = false;
        }
        locate("badges.dismiss");
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

} // namespace

BadgeAnnouncer::~BadgeAnnouncer() {
    if (worker.joinable()) worker.join();
}

void waitForBadgeEvaluation(BadgeAnnouncer& a) {
    if (a.worker.joinable()) a.worker.join();
}

void drawBadgeAnnouncer(AppState& app, BadgeAnnouncer& a) {
    if (a.finished) collect(app, a);
    if (!a.running && a.mode != BadgeAnnouncer::Mode::Off && app.storage.revision() != a.evaluatedRevision) {
        // Without a renderer backend (headless tests of other screens) Auto
        // stays idle; with one it lets the first frames (fonts, the first
        // screen's data) have the CPU before it starts.
        const bool window = ImGui::GetIO().BackendRendererName != nullptr;
        if (a.mode == BadgeAnnouncer::Mode::Synchronous || (window && ImGui::GetFrameCount() > kFramesBeforeFirstEvaluation))
            start(app, a);
    }
    if (!a.loaded) load(app, a);
    bool failed = false;
    if (!a.running) {   // the worker writes lastError only while running
        std::lock_guard<std::mutex> lock(a.resultMutex);
        failed = !a.lastError.empty();
    }
    if (a.waiting > 0 || failed) drawCard(app, a);
}

} // namespace jinguo::ui
