// ui_views_waiting_test.cpp — ui::viewsWaiting(), the "a view waits for its
// data" signal of --measure (issue 17): a Task counts from request() until
// poll() delivers its latest request, or until it goes; start() (an action)
// never counts.
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>

using namespace jinguo;

TEST_CASE("viewsWaiting: counted from request() to the delivery of the latest request") {
    test::TempDbPath path;
    storage::Storage storage(path.str());
    ui::ManualTaskExecutor executor;
    ui::ScopedTaskExecutor scoped(executor);
    const int before = ui::viewsWaiting();
    auto units = [](storage::Storage& s) { return s.count("org_unit"); };

    ui::Task<std::int64_t> view;
    view.request(storage, "units", units);
    CHECK(ui::viewsWaiting() == before + 1);
    view.request(storage, "units", units);              // the same wish again: still one
    CHECK(ui::viewsWaiting() == before + 1);
    executor.runAll();
    CHECK(ui::viewsWaiting() == before + 1);            // ran, but not delivered: the frame has no data yet
    CHECK(view.poll());
    CHECK(ui::viewsWaiting() == before);

    // A second view, replaced while it waits: delivered only with its latest request.
    {
        ui::Task<std::int64_t> other;
        other.request(storage, "a", units);
        other.request(storage, "b", units);
        CHECK(ui::viewsWaiting() == before + 1);
        executor.runAll();
        other.poll();                                   // "a" is dropped; "b" starts
        CHECK(ui::viewsWaiting() == before + 1);
        executor.runAll();
        CHECK(other.poll());
        CHECK(ui::viewsWaiting() == before);

        other.request(storage, "c", units);
        CHECK(ui::viewsWaiting() == before + 1);
    }                                                   // a view that goes no longer waits
    CHECK(ui::viewsWaiting() == before);

    // An action is no view.
    ui::Task<int> action;
    action.start({0, "backup"}, [](ui::TaskControl&) { return 1; });
    CHECK(ui::viewsWaiting() == before);
    executor.runAll();
    CHECK(action.poll());
    CHECK(ui::viewsWaiting() == before);
}
