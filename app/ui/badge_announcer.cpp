// badge_announcer.cpp — the task that evaluates badges and the card that
// announces them.
#include "core/number_format.hpp"
#include "ui/badge_announcer.hpp"

#include "core/frame_wake.hpp"
#include "core/periods.hpp"
#include "storage/storage.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace jinguo::ui {

namespace {

constexpr int kShownBadges = 3;
constexpr int kFramesBeforeFirstEvaluation = 30;
constexpr double kRestPerEvaluationMs = 4.0;   // ms of rest per ms an evaluation took

// The task's body: its own connection, so the frame loop's connection is
// never shared across threads.
BadgeAnnouncer::Evaluation evaluate(const std::string& path, Date today) {
    const auto begin = std::chrono::steady_clock::now();
    BadgeAnnouncer::Evaluation out;
    try {
        out.day = formatDate(today);
        storage::Storage own(path);
        out.result = storage::BadgeStore(own).evaluate(today);
    } catch (const std::exception& e) {
        out.error = e.what();
    }
    out.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    return out;
}

// On the frame thread, after an evaluation ended: the main connection's
// caches learn of the other connection's writes through a revision bump.
void collect(AppState& app, BadgeAnnouncer& a) {
    if (!a.evaluation.poll()) return;
    BadgeAnnouncer::Evaluation done = a.evaluation.takeResult().value_or(BadgeAnnouncer::Evaluation{});
    if (done.error.empty()) done.error = a.evaluation.error();
    a.lastResult = done.result;
    a.lastMilliseconds = done.milliseconds;
    // Rest four times as long as it took before evaluating again: nothing on
    // the demo (0.3 s → 1.2 s), but at a million volunteers an evaluation
    // takes a core for a minute, and one after every save would keep it busy.
    a.nextStartAllowed = std::chrono::steady_clock::now()
                       + std::chrono::milliseconds(static_cast<long long>(kRestPerEvaluationMs * done.milliseconds));
    a.lastError = done.error;
    if (done.error.empty()) a.judged = {done.result.marksReadUpTo, done.day};
    if (a.lastResult.newlyStored > 0) {
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
    a.evaluation.start({a.evaluatedRevision, "badges"},
                       [path = app.storage.path(), day = *today](TaskControl& control) {
                           control.runInBackground();   // the sections' views come first
                           return evaluate(path, day);
                       });
}

storage::BadgeStore::NextRun nextRun(AppState& app, BadgeAnnouncer& a) {
    if (a.nextRunRevision == app.storage.revision() && a.nextRunDay == app.today) return a.nextRunKnown;
    a.nextRunKnown = storage::BadgeStore::NextRun::Full;   // when in doubt, as before: after the rest
    const auto today = parseDate(app.today);
    try {
        if (today) a.nextRunKnown = storage::BadgeStore(app.storage).nextRun(*today, a.judged);
    } catch (const std::exception&) {
    }
    a.nextRunRevision = app.storage.revision();
    a.nextRunDay = app.today;
    return a.nextRunKnown;
}

void load(AppState& app, BadgeAnnouncer& a) {
    storage::BadgeStore store(app.storage);
    a.loaded = true;
    if (!store.storesBadges()) return;
    a.newestId = store.newestId();
    a.shown = store.unannounced(kShownBadges);
    a.waiting = store.unannouncedCount();
    if (app.noteText)
        for (const storage::EarnedBadgeRow& b : a.shown) app.noteText(b.name + b.subjectName);
}

void drawCard(AppState& app, BadgeAnnouncer& a) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin = ImGui::GetFontSize();
    // Anchored at its lower right corner and sized to its text, a long line
    // (a server's refusal in the error) pushed the card past the window's
    // left edge: the card is at most the window less its margins, and its
    // lines wrap inside that.
    const float maxWidth = std::max(8 * margin, viewport->Size.x - 2 * margin);
    const float textWidth = std::min(32 * margin, maxWidth - 2 * ImGui::GetStyle().WindowPadding.x);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxWidth, std::max(4 * margin, viewport->Size.y - 2 * margin)));
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - margin, viewport->Pos.y + viewport->Size.y - margin),
                            ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize
                                 | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing
                                 | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    ImGui::PushStyleColor(ImGuiCol_Border, theme::kAccent);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
    if (ImGui::Begin("##badge_announcer", nullptr, flags)) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textWidth);
        ImGui::TextColored(theme::kAccent, "%s", str::kBadgeNewHeading);
        locate("badges.card");
        ImGui::Text("%s%s%s", str::kBadgeCountPrefix, fmt::count(static_cast<long long>(a.waiting)).c_str(), str::kBadgeCountSuffix);
        for (const storage::EarnedBadgeRow& b : a.shown) {
            ImGui::TextColored(theme::kStarColor, "%s", b.name.c_str());
            ImGui::SameLine();
            ImGui::Text("%s  %s", b.subjectName.c_str(), b.earnedOn.c_str());
        }
        if (a.waiting > static_cast<std::int64_t>(a.shown.size())) ImGui::TextDisabled("%s", str::kBadgeMore);
        const std::string& error = a.lastError;
        if (!error.empty()) {
            if (app.noteText) app.noteText(error);
            ImGui::TextColored(kErrorColor, "%s%s", str::kBadgeEvalFailed, error.c_str());
        }
        ImGui::PopTextWrapPos();
        if (ImGui::Button(str::kBadgeDismiss)) {
            try {
                const bool unchanged = app.storage.revision() == a.evaluatedRevision;
                storage::BadgeStore(app.storage).markAnnounced(a.newestId);
                if (unchanged) a.evaluatedRevision = app.storage.revision();
                a.lastError.clear();
            } catch (const std::exception& e) {
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

void drawBadgeAnnouncer(AppState& app, BadgeAnnouncer& a) {
    collect(app, a);
    if (!a.evaluation.running() && a.mode != BadgeAnnouncer::Mode::Off && app.storage.revision() != a.evaluatedRevision) {
        // Without a renderer backend (headless tests of other screens) Auto
        // stays idle; with one it lets the first frames (fonts) and the
        // screen's data go first: it starts when no view waits for a Task.
        const bool window = ImGui::GetIO().BackendRendererName != nullptr;
        // What a save marked decides (BadgeStore::nextRun): nothing to judge
        // (the revision moved by writes no badge depends on, or the last
        // run's own) starts nothing; a few marked people need no rest.
        using NextRun = storage::BadgeStore::NextRun;
        const bool ready = window && ImGui::GetFrameCount() > kFramesBeforeFirstEvaluation && viewsWaiting() == 0;
        const NextRun next = a.mode == BadgeAnnouncer::Mode::Always || ready ? nextRun(app, a) : NextRun::Full;
        const bool rested = std::chrono::steady_clock::now() >= a.nextStartAllowed || next == NextRun::Incremental;
        if (next == NextRun::Nothing) {
            a.evaluatedRevision = app.storage.revision();
        } else if (a.mode == BadgeAnnouncer::Mode::Always || (ready && rested)) {
            start(app, a);
            collect(app, a);   // an inline executor (tests) has finished already
        } else if (window && viewsWaiting() == 0) {
            // An idle window draws no frames (core/frame_pacer.hpp): ask for
            // the ones the start waits for (a view's end wakes it by itself).
            if (ImGui::GetFrameCount() <= kFramesBeforeFirstEvaluation) redrawWithin(0);
            else if (!rested)
                redrawWithin(std::chrono::duration<double>(a.nextStartAllowed - std::chrono::steady_clock::now()).count());
        }
    }
    if (!a.loaded) load(app, a);
    const bool failed = !a.evaluation.running() && !a.lastError.empty();
    if (a.waiting > 0 || failed) drawCard(app, a);
}

} // namespace jinguo::ui
