// frame_wake.hpp — what keeps the window's frame loop awake, process-wide.
//
// An idle window waits (core/frame_pacer.hpp) instead of drawing. Three
// things it cannot see in its own events end the wait or keep it from idling:
//  * wakeFrameLoop(): any thread, when something the screen shows is ready
//    (a ui::Task's run ended). Wakes a waiting window at once (an eventfd).
//  * BusyWork: while one is alive (a Task's run that is not background
//    work), the window draws at full rate — progress bars, spinners.
//  * redrawWithin(seconds): the frame being drawn shows something that
//    changes by itself (0: an animation, every frame; 8: a message that goes
//    away in 8 s). UI thread only; the frame loop takes the soonest wish
//    once per frame.
// None of them draws anything: without a window (tests, the CLI) they cost a
// counter or a write to an eventfd nobody reads.
#pragma once

#include <atomic>
#include <initializer_list>

namespace jinguo {

// Any thread. The waiting window draws its next frame at once.
void wakeFrameLoop();
// A file descriptor that is readable after wakeFrameLoop() (-1 when none
// could be made: then the window wakes every few milliseconds instead).
int frameWakeFd();
// Reads the wakes that arrived (the window, before its frame). True when any.
bool takeFrameWakes();
// Blocks until wakeFrameLoop() was called, one of `readable` can be read (the
// X display's connection; a database server's socket, where its
// notifications of others' commits arrive: Storage::writesElsewhereFd), or
// `seconds` passed. Negative descriptors are left out. Does not take the
// wakes (takeFrameWakes) nor read the descriptors: the caller does.
void waitForFrameWake(double seconds, std::initializer_list<int> readable);

// Work the screen shows as running: full rate while any is alive.
int busyWorkCount();
class BusyWork {
public:
    BusyWork();
    ~BusyWork() { end(); }
    BusyWork(const BusyWork&) = delete;
    BusyWork& operator=(const BusyWork&) = delete;
    // Ends (early: the work turned out to be background work); wakes the
    // window unless the caller sends its own wake afterwards.
    void end(bool wake = true);

private:
    std::atomic<bool> m_alive{true};
};

// UI thread: the frame being drawn changes by itself within `seconds`.
void redrawWithin(double seconds);
// The frame loop, once per frame: the soonest wish since the last call
// (FramePacer::kNever when none), forgotten afterwards.
double takeRedrawWish();

} // namespace jinguo
