// ui_background_priority_test.cpp — TaskControl::runInBackground: the app's
// own work (badges, the daily backup, the damage check, the font scan) runs
// at the lowest priority on the thread of its run, and never lowers the
// thread of a test's executor (a lowered priority cannot be raised again).
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

using namespace jinguo;

namespace {
int thisThreadNice() {
    errno = 0;
    return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
}
} // namespace

TEST_CASE("runInBackground lowers a run's own thread to nice 19, and leaves the caller's thread as it was") {
    const int callerNice = thisThreadNice();
    REQUIRE(callerNice < 19);   // otherwise nothing could be told apart

    ui::Task<int> background;
    background.start({0, "background"}, [](ui::TaskControl& control) {
        control.runInBackground();
        return thisThreadNice();
    });
    background.wait();
    background.poll();
    REQUIRE(background.result() != nullptr);
    CHECK(*background.result() == 19);

    ui::Task<int> view;   // a view's run does not ask: its thread keeps the caller's priority
    view.start({0, "view"}, [](ui::TaskControl&) { return thisThreadNice(); });
    view.wait();
    view.poll();
    REQUIRE(view.result() != nullptr);
    CHECK(*view.result() == callerNice);

    CHECK(thisThreadNice() == callerNice);
}

TEST_CASE("runInBackground under a test's inline executor changes nothing: the body runs on the test's thread") {
    const int callerNice = thisThreadNice();
    ui::InlineTaskExecutor executor;
    ui::ScopedTaskExecutor scoped(executor);
    ui::Task<int> background;
    background.start({0, "background"}, [](ui::TaskControl& control) {
        control.runInBackground();
        return thisThreadNice();
    });
    background.poll();
    REQUIRE(background.result() != nullptr);
    CHECK(*background.result() == callerNice);
    CHECK(thisThreadNice() == callerNice);
}
