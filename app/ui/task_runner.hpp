// task_runner.hpp — the one way work leaves the frame loop.
//
// A frame must never wait for a board, a year's figures, a badge evaluation,
// an import, an import's undo or a backup: each runs as a Task. A task's body
// runs on the current TaskExecutor (a thread per run in the app), opens its
// own database connection where it needs one (an SQLite connection is never
// shared between threads; WAL lets the UI keep reading), reports progress and
// sees cancel through its TaskControl, and returns a value. The frame loop
// polls once per frame and applies the value itself, so nothing but the
// task's own state is touched off the UI thread.
//
// Each run has a key (a storage revision and what was asked). request() is
// for views: asking again for what is running or delivered costs nothing, a
// new key replaces a waiting request, and a result that no longer answers the
// latest request is dropped. start() is for actions: it always runs again.
// One run at a time per Task; the last delivered result stays meanwhile.
//
// Tests install an InlineTaskExecutor (bodies run inside start/request) or a
// ManualTaskExecutor (bodies wait until runAll(): a click on 取消 can come
// first) with ScopedTaskExecutor; the code under test does not change.
#pragma once

#include "core/frame_wake.hpp"
#include "storage/storage.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace jinguo::ui {

//-----------------------------------------------------------------------------
// Executors
//-----------------------------------------------------------------------------

class TaskExecutor {
public:
    virtual ~TaskExecutor() = default;
    // Runs `work` (which never throws) somewhere; the future is ready when it has run.
    virtual std::future<void> submit(std::function<void()> work) = 0;
    // A task is about to block on a future of this executor that is not ready.
    virtual void beforeWait() {}
    // Each run gets a thread of its own, dropped when the run ends.
    virtual bool threadPerRun() const { return false; }
};

// A thread per run (std::async): the app's executor.
class ThreadTaskExecutor : public TaskExecutor {
public:
    std::future<void> submit(std::function<void()> work) override;
    bool threadPerRun() const override { return true; }
};

// Runs the body at once, on the caller's thread.
class InlineTaskExecutor : public TaskExecutor {
public:
    std::future<void> submit(std::function<void()> work) override;
};

// Queues bodies until runAll() (or until a task waits, or the executor goes).
class ManualTaskExecutor : public TaskExecutor {
public:
    ~ManualTaskExecutor() override;
    std::future<void> submit(std::function<void()> work) override;
    void beforeWait() override { runAll(); }
    // Runs everything queued, including what those runs queue. Returns how many ran.
    int runAll();
    std::size_t queued() const { return m_queue.size(); }

private:
    std::deque<std::pair<std::function<void()>, std::promise<void>>> m_queue;
};

// The executor new runs are submitted to (the thread executor unless a test
// installed another).
TaskExecutor& taskExecutor();

class ScopedTaskExecutor {
public:
    explicit ScopedTaskExecutor(TaskExecutor& executor);
    ~ScopedTaskExecutor();
    ScopedTaskExecutor(const ScopedTaskExecutor&) = delete;
    ScopedTaskExecutor& operator=(const ScopedTaskExecutor&) = delete;

private:
    TaskExecutor* m_previous;
};

//-----------------------------------------------------------------------------
// What a body sees
//-----------------------------------------------------------------------------

class TaskControl {
public:
    bool cancelled() const { return m_cancel.load(std::memory_order_relaxed); }
    // For APIs that poll a flag themselves (storage::RosterImportRequest::cancel).
    const std::atomic<bool>& cancelFlag() const { return m_cancel; }
    void setProgress(double fraction, std::int64_t count = 0) {
        m_permille.store(static_cast<int>(fraction * 1000), std::memory_order_relaxed);
        m_count.store(count, std::memory_order_relaxed);
    }
    void cancel() { m_cancel.store(true, std::memory_order_relaxed); }
    float fraction() const { return static_cast<float>(m_permille.load(std::memory_order_relaxed)) / 1000.0f; }
    std::int64_t count() const { return m_count.load(std::memory_order_relaxed); }
    // Work for the app itself, not a view (the badge evaluation, the daily
    // backup, the damage check, the font scan): the rest of this run gets the
    // lowest CPU and I/O priority (core/thread_priority.hpp), so the views
    // have the cores. Only on a thread of the run's own: a lowered priority
    // cannot be raised again, and a test's executor runs bodies on its own thread.
    // Background work does not keep the window at full rate (frame_wake.hpp);
    // its end still wakes it.
    void runInBackground() const;

private:
    template <class> friend class Task;
    mutable BusyWork m_busy;   // a run is shown as running: the window keeps drawing
    bool m_ownThread = false;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_permille{0};
    std::atomic<std::int64_t> m_count{0};
};

struct TaskKey {
    std::uint64_t revision = 0;
    std::string what;
    bool operator==(const TaskKey&) const = default;
};

namespace detail {
// Tasks whose latest request() is not delivered yet, process-wide (UI thread only).
inline std::atomic<int> viewsWaitingCount{0};
// Opens a view's connection (query_only) to `path`.
std::unique_ptr<storage::Storage> openReadOnly(const std::string& path);
std::string describeException(std::exception_ptr error);
} // namespace detail

// How many views wait for their data now: a Task counts from a request()
// until poll() delivers the latest request (or the Task goes). Screens need
// nothing more; `--measure` writes it per frame ("time to data").
inline int viewsWaiting() { return detail::viewsWaitingCount.load(std::memory_order_relaxed); }

//-----------------------------------------------------------------------------
// Task
//-----------------------------------------------------------------------------

template <class Result>
class Task {
public:
    using Body = std::function<Result(TaskControl&)>;
    using Query = std::function<Result(storage::Storage&)>;

    Task() = default;
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;
    // Asks a running body to stop and waits for it: it may hold a connection
    // (an import rolls back; the -wal must be free before the app checkpoints).
    ~Task() {
        setWaiting(false);
        cancel();
        wait();
    }

    // A view's wish: the result of `body` for `key`. Cheap when that is
    // running, waiting or delivered; screens may call it every frame.
    void request(const TaskKey& key, Body body) {
        if (m_wanted && m_wanted->key == key) return;
        m_wanted = Wanted{key, ++m_generation, std::move(body)};
        setWaiting(true);
        startIfIdle();
    }
    // request() for a computation on its own read-only connection to
    // `storage`'s file, keyed by the storage's revision and `what`.
    void request(storage::Storage& storage, const std::string& what, Query query) {
        const TaskKey key{storage.revision(), what};
        if (m_wanted && m_wanted->key == key) return;
        request(key, [path = storage.path(), query = std::move(query)](TaskControl&) {
            std::unique_ptr<storage::Storage> own = detail::openReadOnly(path);
            return query(*own);
        });
    }
    // An action: runs `body` once more even under the same key (after the
    // running one, whose result is then dropped).
    void start(const TaskKey& key, Body body) {
        m_wanted = Wanted{key, ++m_generation, std::move(body)};
        startIfIdle();
    }

    // Takes a finished run, if any; call once per frame on the UI thread.
    // True when a new result (or error) arrived this call.
    bool poll() {
        bool arrived = false;
        // `finished` is set just before the future is: the frame the run's
        // wake signal starts must see it (get() then waits microseconds).
        if (m_future.valid() && (m_run->finished.load(std::memory_order_acquire)
                                 || m_future.wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
            m_future.get();
            std::shared_ptr<Run> run = std::move(m_run);
            if (m_wanted && run->generation == m_wanted->generation) {
                m_result = std::move(run->value);
                m_error = std::move(run->error);
                m_delivered = run->generation;
                arrived = true;
                setWaiting(false);
            }
        }
        startIfIdle();
        return arrived;
    }

    // Asks the running body to stop (it sees TaskControl::cancelled()).
    void cancel() {
        if (m_run) m_run->control.cancel();
    }
    // Blocks until nothing runs (shutdown; tests). Does not deliver: poll() does.
    void wait() {
        if (!m_future.valid()) return;
        if (m_future.wait_for(std::chrono::seconds(0)) != std::future_status::ready && m_executor)
            m_executor->beforeWait();
        m_future.wait();
    }

    // A run was asked for and its result not yet delivered.
    bool running() const { return m_future.valid() || (m_wanted && m_delivered != m_wanted->generation); }
    bool cancelling() const { return m_run && m_run->control.cancelled(); }
    float fraction() const { return m_run ? m_run->control.fraction() : 0.0f; }
    std::int64_t count() const { return m_run ? m_run->control.count() : 0; }

    // The last delivered result (possibly for an older request), or null.
    const Result* result() const { return m_result ? &*m_result : nullptr; }
    // Moves the delivered result out; result() is null afterwards.
    std::optional<Result> takeResult() { return std::exchange(m_result, std::nullopt); }
    // The last delivered run threw: why, in Chinese when the thrower wrote Chinese.
    const std::string& error() const { return m_error; }
    // Whether what is delivered answers the latest request.
    bool current() const { return m_wanted && m_delivered == m_wanted->generation; }
    bool busy() const { return m_future.valid() || !current(); }
    int started() const { return m_started; }

private:
    struct Wanted {
        TaskKey key;
        std::uint64_t generation = 0;
        Body body;
    };
    // Shared with the body while it runs; read by the UI thread once the future is ready.
    struct Run {
        std::uint64_t generation = 0;
        TaskControl control;
        std::optional<Result> value;
        std::string error;
        std::atomic<bool> finished{false};
    };

    void setWaiting(bool waiting) {
        if (waiting == m_waiting) return;
        m_waiting = waiting;
        detail::viewsWaitingCount.fetch_add(waiting ? 1 : -1, std::memory_order_relaxed);
    }

    void startIfIdle() {
        if (m_future.valid() || !m_wanted) return;
        if (m_delivered == m_wanted->generation || m_launched == m_wanted->generation) return;
        m_launched = m_wanted->generation;
        ++m_started;
        auto run = std::make_shared<Run>();
        run->generation = m_wanted->generation;
        m_run = run;
        m_executor = &taskExecutor();
        run->control.m_ownThread = m_executor->threadPerRun();
        m_future = m_executor->submit([run, body = m_wanted->body]() {
            try {
                run->value = body(run->control);
            } catch (...) {
                run->error = detail::describeException(std::current_exception());
            }
            run->finished.store(true, std::memory_order_release);
            run->control.m_busy.end(false);
            wakeFrameLoop();   // once, after `finished`; a background run's end too: its result waits for a frame
        });
    }

    std::optional<Wanted> m_wanted;
    std::uint64_t m_generation = 0;
    std::uint64_t m_launched = 0;
    std::uint64_t m_delivered = 0;
    std::shared_ptr<Run> m_run;
    std::future<void> m_future;
    TaskExecutor* m_executor = nullptr;
    std::optional<Result> m_result;
    std::string m_error;
    int m_started = 0;
    bool m_waiting = false;   // counted in viewsWaiting()
};

} // namespace jinguo::ui
