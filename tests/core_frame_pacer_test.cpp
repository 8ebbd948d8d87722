// core_frame_pacer_test.cpp — when the window draws (core/frame_pacer.hpp),
// driven by a fake clock: 60 Hz at most without an effective vsync, nothing
// added with one, idle after 1.5 s without input (a frame per heartbeat, or
// when a wish or a signal comes), input and animations at full rate.
#include <doctest/doctest.h>

#include "core/frame_pacer.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace jinguo;

namespace {

// A window on a fake clock: each frame takes `cost` seconds from its start to
// its swap returning; `wish` says what the frame asks for (kNever: nothing).
struct FakeWindow {
    FramePacer pacer;
    double now = 100.0;
    double cost = 0.002;
    std::vector<double> starts;
    std::vector<double> inputs;    // times of input events, ascending
    std::size_t nextInput = 0;
    std::vector<double> signals;   // times of wake signals, ascending
    std::size_t nextSignal = 0;

    explicit FakeWindow(FramePacing pacing = {}) : pacer(pacing) {}

    // One frame: the wait the pacer plans (cut short by an input when idle,
    // by a signal always), then the frame.
    void frame(double wish = FramePacer::kNever) {
        const FramePacer::Plan plan = pacer.plan(now);
        double at = plan.drawAt;
        bool signalled = false;
        if (nextSignal < signals.size() && signals[nextSignal] < at) {
            at = std::max(now, signals[nextSignal]);
            signalled = true;
        }
        if (plan.inputWakes && nextInput < inputs.size() && inputs[nextInput] < at) {
            at = std::max(now, inputs[nextInput]);
            signalled = false;
        }
        now = at;
        bool input = false;
        while (nextInput < inputs.size() && inputs[nextInput] <= now) { ++nextInput; input = true; }
        while (nextSignal < signals.size() && signals[nextSignal] <= now) ++nextSignal;
        pacer.frameStarted(now, input, signalled);
        starts.push_back(now);
        now += cost;
        pacer.frameEnded(now, wish);
    }
    // Frames until the clock passes `until`.
    void runUntil(double until, double wish = FramePacer::kNever) {
        while (now < until) frame(wish);
    }
    int framesBetween(double from, double to) const {
        return static_cast<int>(std::count_if(starts.begin(), starts.end(), [&](double t) { return t >= from && t < to; }));
    }
};

} // namespace

TEST_CASE("vsync refused: at most 60 frames a second, whatever a frame costs") {
    FakeWindow w;
    w.pacer.setIdleAllowed(false);
    w.pacer.setVsyncRefused(true);
    w.runUntil(110.0);
    CHECK(w.pacer.capping());
    const int frames = w.framesBetween(101.0, 109.0);
    CHECK(frames >= 8 * 60 - 2);
    CHECK(frames <= 8 * 60 + 1);
    for (std::size_t i = 1; i < w.starts.size(); ++i) CHECK(w.starts[i] - w.starts[i - 1] >= 1.0 / 60.0 - 1e-9);
}

TEST_CASE("vsync that holds the swap back: the pacer adds no wait; one that does not is judged and capped") {
    SUBCASE("effective vsync: each swap returns a refresh later, the next frame starts at once") {
        FakeWindow w;
        w.pacer.setIdleAllowed(false);
        w.cost = 1.0 / 60.0;
        w.runUntil(102.0);
        CHECK_FALSE(w.pacer.capping());
        CHECK(w.pacer.plan(w.now).drawAt == w.now);
    }
    SUBCASE("accepted but without effect (2 ms frames): uncapped for the first 31 frames, then 60 Hz") {
        FakeWindow w;
        w.pacer.setIdleAllowed(false);
        for (int i = 0; i < FramePacer::kJudgedFrames - 1; ++i) w.frame();
        CHECK_FALSE(w.pacer.capping());
        w.frame();
        CHECK(w.pacer.capping());
        const double from = w.now;
        w.runUntil(from + 5.0);
        CHECK(w.framesBetween(from, from + 5.0) <= 5 * 60 + 1);
    }
    SUBCASE("heavy frames (20 ms) need no cap: it would change nothing") {
        FakeWindow w;
        w.pacer.setIdleAllowed(false);
        w.cost = 0.020;
        w.runUntil(102.0);
        CHECK_FALSE(w.pacer.capping());
    }
}

TEST_CASE("an idle window draws a frame per heartbeat, not 60 a second") {
    FakeWindow w;
    w.pacer.setVsyncRefused(true);
    w.runUntil(130.0);   // 30 s, no input after the window appeared
    // The first 1.5 s at full rate (the window just appeared), then idle.
    CHECK(w.framesBetween(100.0, 101.4) >= 80);
    CHECK(w.framesBetween(102.0, 130.0) <= 15);
    CHECK(w.framesBetween(102.0, 130.0) >= 13);
    CHECK(w.pacer.idle(w.now));
    CHECK(w.pacer.plan(w.now).inputWakes);
}

TEST_CASE("input wakes an idle window at once and gives it 1.5 s of full rate") {
    FakeWindow w;
    w.pacer.setVsyncRefused(true);
    w.inputs = {110.3456};
    w.runUntil(109.0);
    REQUIRE(w.pacer.idle(w.now));
    w.runUntil(115.0);
    const auto first = std::find_if(w.starts.begin(), w.starts.end(), [](double t) { return t >= 110.3456; });
    REQUIRE(first != w.starts.end());
    CHECK(*first == doctest::Approx(110.3456));   // no wait for the heartbeat
    CHECK(w.framesBetween(110.3456, 111.8) >= 80);
    CHECK(w.framesBetween(112.0, 115.0) <= 2);
}

TEST_CASE("a wake signal (a Task's end) draws at once, plus two frames to settle, then idles again") {
    FakeWindow w;
    w.pacer.setVsyncRefused(true);
    w.runUntil(106.5);
    REQUIRE(w.pacer.idle(w.now));
    const double at = w.now + 0.75;   // before the next heartbeat
    w.signals = {at};
    w.runUntil(at + 1.5);
    CHECK(w.framesBetween(at, at + 1e-9) == 1);
    CHECK(w.framesBetween(at, at + 0.15) == 3);   // the signal's frame and two to settle
    CHECK(w.framesBetween(at + 0.15, at + 1.5) == 0);
}

TEST_CASE("a signal during the 60 Hz wait ends it: a Task's data is not held back by the cap") {
    FakeWindow w;
    w.pacer.setIdleAllowed(false);
    w.pacer.setVsyncRefused(true);
    w.frame();
    w.signals = {w.now + 0.001};
    w.frame();
    CHECK(w.starts.back() == doctest::Approx(w.signals.front()));
}

TEST_CASE("an animation keeps full rate while it asks; a timed wish draws when due") {
    FakeWindow w;
    w.pacer.setVsyncRefused(true);
    w.runUntil(105.0);
    REQUIRE(w.pacer.idle(w.now));
    SUBCASE("redrawWithin(0) every frame: 60 a second, however long it lasts") {
        const double from = w.now;
        w.frame(0.0);   // an idle frame (the heartbeat) starts the animation
        w.runUntil(from + 20.0, 0.0);
        CHECK(w.framesBetween(from + 3.0, from + 19.0) >= 16 * 60 - 2);
    }
    SUBCASE("a message that goes away in 0.8 s: a frame then, not before") {
        w.frame(0.8);
        const double asked = w.now;
        const FramePacer::Plan plan = w.pacer.plan(w.now);
        CHECK(plan.drawAt == doctest::Approx(asked + 0.8));
        CHECK(plan.inputWakes);
    }
    SUBCASE("a caret blinking (a wish each 0.4–0.8 s): a few frames a second") {
        const double from = w.now;
        while (w.now < from + 12.0) w.frame(0.6);
        const int frames = w.framesBetween(from + 1.0, from + 11.0);
        CHECK(frames <= 10 / 0.6 * 3 + 3);   // each due frame and two to settle
        CHECK(frames >= 10 / 0.6);
    }
}

TEST_CASE("scripted runs never idle; pacing off draws at once; the first frame counts as input") {
    SUBCASE("idle not allowed (--frames, --measure): full rate all along") {
        FakeWindow w;
        w.pacer.setIdleAllowed(false);
        w.pacer.setVsyncRefused(true);
        w.runUntil(110.0);
        CHECK_FALSE(w.pacer.idle(w.now));
        CHECK(w.framesBetween(105.0, 110.0) >= 5 * 60 - 2);
    }
    SUBCASE("JINGUO_FRAME_PACING=0: no wait at all") {
        FakeWindow w;
        w.pacer.setEnabled(false);
        w.pacer.setVsyncRefused(true);
        w.runUntil(101.0);
        CHECK(w.framesBetween(100.0, 101.0) >= 499);   // 2 ms frames back to back
        CHECK_FALSE(w.pacer.capping());
    }
    SUBCASE("the window's first 1.5 s are at full rate without any input") {
        FakeWindow w;
        w.pacer.setVsyncRefused(true);
        w.frame();
        CHECK_FALSE(w.pacer.idle(w.now));
        CHECK(w.pacer.idle(100.0 + 1.6));
    }
}
