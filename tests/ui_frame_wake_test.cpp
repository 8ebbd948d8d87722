// ui_frame_wake_test.cpp — what keeps an idle window drawing (core/frame_wake.hpp):
// a Task's run counts as busy work while it runs (not a background run), its
// end wakes the window and the woken frame's poll() delivers it; the
// presentation asks for every frame while a slide moves and for one when the
// next is due; the undo message asks for the frame that takes it away.
#include "core/frame_pacer.hpp"
#include "core/frame_wake.hpp"
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "support/demo_copy.hpp"
#include "temp_db.hpp"
#include "ui/slides.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <poll.h>

#include <string>

using namespace jinguo;

TEST_CASE("a Task's run is busy work while it runs; a background run is not; each end wakes the window") {
    ui::ManualTaskExecutor executor;
    ui::ScopedTaskExecutor scoped(executor);
    const int before = busyWorkCount();
    takeFrameWakes();

    ui::Task<int> view;
    int busyInside = -1;
    view.request({1, "view"}, [&](ui::TaskControl&) {
        busyInside = busyWorkCount();
        return 7;
    });
    CHECK(busyWorkCount() == before + 1);   // queued: the screen shows it as running
    CHECK_FALSE(takeFrameWakes());
    executor.runAll();
    CHECK(busyInside == before + 1);
    CHECK(busyWorkCount() == before);        // ended, even before a frame delivered it
    CHECK(takeFrameWakes());
    CHECK_FALSE(takeFrameWakes());           // read once
    CHECK(view.poll());

    ui::Task<int> backup;
    int busyAfterBackground = -1;
    backup.start({1, "backup"}, [&](ui::TaskControl& control) {
        control.runInBackground();
        busyAfterBackground = busyWorkCount();
        return 1;
    });
    executor.runAll();
    CHECK(busyAfterBackground == before);    // background work leaves the window idle …
    CHECK(takeFrameWakes());                 // … but its end wakes it
    CHECK(backup.poll());
    CHECK(busyWorkCount() == before);
}

TEST_CASE("on threads: the frame a run's wake starts always delivers its result") {
    takeFrameWakes();
    for (int i = 0; i < 50; ++i) {
        ui::Task<int> task;
        task.start({0, "n" + std::to_string(i)}, [i](ui::TaskControl&) { return i; });
        pollfd fd{frameWakeFd(), POLLIN, 0};
        REQUIRE(poll(&fd, 1, 10000) == 1);
        REQUIRE(takeFrameWakes());
        CHECK(task.poll());   // not "not ready yet": that frame would be the last before idling
        REQUIRE(task.result());
        CHECK(*task.result() == i);
    }
    CHECK_FALSE(takeFrameWakes());
}

namespace {
struct Show {
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    test::DemoDbPath path{true};
    storage::Storage storage{path.str()};
    ui::AppState app{storage};
    Show() {
        app.today = "2026-11-29";
        app.section = ui::Section::Presentation;
        storage.setSetting("presentation.slides", "figures,volunteers,-race,-posts,-wall,-targets");
    }
};
// The wish of the next frame alone.
double wishOf(test::HeadlessUi& ui) {
    takeRedrawWish();
    ui.frame();
    return takeRedrawWish();
}
} // namespace

TEST_CASE("the presentation animates at full rate, then asks only for the pointer's hiding and the next slide") {
    SUBCASE("no auto-advance: still after the slide settled and the pointer hid") {
        Show s;
        test::HeadlessUi ui(s.app);
        ui.click("presentation.start");
        ui.frame();
        CHECK(wishOf(ui) == 0.0);                      // the figures count up
        for (int i = 0; i < 100; ++i) ui.frame();      // 100 frames of 1/60 s: past kSlideSettleSeconds
        const double pointer = wishOf(ui);
        CHECK(pointer > 0.0);
        CHECK(pointer < 2.0);                          // the pointer hides 2 s after it rested
        for (int i = 0; i < 40; ++i) ui.frame();
        CHECK(wishOf(ui) == FramePacer::kNever);       // nothing moves: the window may idle
    }
    SUBCASE("auto-advance every 5 s: a frame when the next slide is due") {
        Show s;
        s.storage.setSetting("presentation.auto_seconds", "5");
        test::HeadlessUi ui(s.app);
        ui.click("presentation.start");
        for (int i = 0; i < 180; ++i) ui.frame();      // 3 s
        const double due = wishOf(ui);
        CHECK(due > 1.5);
        CHECK(due < 2.1);
    }
}
