// frame_pacer.hpp — when the window draws its next frame.
//
// The window used to rely on vertical sync alone: under Xvfb, remote
// desktops, virtual machines and basic drivers vsync is refused or has no
// effect and an idle window drew hundreds of frames a second (~65 % of a core
// left on 称号复核 for two hours); with vsync it still drew 60 a second doing
// nothing. The pacer decides, the window waits (platform/app_window.cpp):
//
//  * Full rate: at most one frame per `period` (60 Hz) when vsync was refused
//    or does not hold the swap back (the median time from a frame's start to
//    its swap returning, over the last frames at full rate, below
//    `vsyncJudgeBelow`); with an effective vsync the swap paces and the pacer
//    adds nothing.
//  * Idle: after `idleAfter` seconds with no input, no frame that animated
//    (redraw wish ≤ one period) and no wake signal, the window waits for an
//    event, a wake signal (a Task's run ended: core/frame_wake.hpp), the
//    soonest redraw wish (a message expiring, a caret blink) or the heartbeat.
//    Input wakes at once and gives `idleAfter` of full rate; a signal or a
//    timed redraw gives `settleFrames` more frames at full rate (ImGui lays a
//    changed screen out over two or three frames).
//
// Pure: times are seconds on any monotonic clock, given by the caller, so the
// tests drive it with a fake clock.
#pragma once

#include <array>
#include <limits>

namespace jinguo {

struct FramePacing {
    double period = 1.0 / 60.0;       // the cap at full rate without an effective vsync
    double idleAfter = 1.5;           // no input, animation or signal this long: idle
    int settleFrames = 2;             // frames at full rate after a wake signal or a timed redraw
    double heartbeat = 2.0;           // idle: a frame at least this often all the same
    // Median start→swap below this: vsync does not pace. Under a 144 Hz
    // screen's interval (6.9 ms), so a high-refresh desktop is not capped to
    // 60 (which its vsync would round down to 48 fps).
    double vsyncJudgeBelow = 0.005;
};

class FramePacer {
public:
    static constexpr double kNever = std::numeric_limits<double>::infinity();
    static constexpr int kJudgedFrames = 31;   // full-rate frames in the vsync judgement

    explicit FramePacer(FramePacing pacing = {}) : m_pacing(pacing) {}

    // Off: every frame at once, as before the pacer (JINGUO_FRAME_PACING=0).
    void setEnabled(bool on) { m_enabled = on; }
    // Scripted runs (--frames, --measure, a screenshot after N frames) count
    // frames: never idle there, but still capped.
    void setIdleAllowed(bool on) { m_idleAllowed = on; }
    // SFML said "Setting vertical sync not supported": cap from the first frame.
    void setVsyncRefused(bool refused) { m_vsyncRefused = refused; }

    struct Plan {
        double drawAt = 0;          // start the next frame then …
        bool inputWakes = false;    // … or at the first input event (idle); a wake signal always ends the wait
    };
    Plan plan(double now) const;

    // A frame starts at `now`: `input` — events arrived since the last frame
    // (or the binding still holds some, or a key or button is down);
    // `signalled` — a wake signal ended the wait.
    void frameStarted(double now, bool input, bool signalled);
    // The frame was shown at `now` (after the swap returned). `redrawWithin`:
    // seconds until what it shows changes by itself (0 animating, kNever none).
    void frameEnded(double now, double redrawWithin);

    bool capping() const { return m_enabled && (m_vsyncRefused || m_judgedNoVsync); }
    bool idle(double now) const;

private:
    FramePacing m_pacing;
    bool m_enabled = true;
    bool m_idleAllowed = true;
    bool m_vsyncRefused = false;
    bool m_judgedNoVsync = false;
    bool m_started = false;
    bool m_frameWasActive = true;   // the frame under way was planned at full rate
    double m_lastStart = 0;
    double m_activeUntil = 0;       // full rate until then (input, animation)
    int m_settleLeft = 0;           // full-rate frames still owed to a wake
    double m_redrawAt = kNever;     // the last frame's wish, as a time
    std::array<double, kJudgedFrames> m_busy{};   // start→swap of full-rate frames, a ring
    int m_busyCount = 0;
    int m_busyNext = 0;
};

} // namespace jinguo
