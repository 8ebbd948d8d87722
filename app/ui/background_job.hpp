// background_job.hpp — runs a screen's heavy computation off the frame loop.
//
// A board or a year's figures can take a second on a large district; a frame
// must not. A BackgroundJob computes on a worker thread with its own
// read-only connection to the same database file (WAL lets it read while the
// UI's connection writes) and hands the result to the UI thread, which only
// polls once per frame. Requests are keyed by the storage revision and a
// request key (the board, period, scope …): asking again for what is running
// or already delivered costs nothing, so screens may call request() every
// frame. While a newer request waits, the last result stays on screen.
//
// One computation runs at a time; a request made meanwhile replaces any
// waiting one and starts when the running one ends (whose result is dropped
// if it no longer answers the latest request). Exceptions thrown by the
// computation come back as error(), in Chinese when the thrower wrote Chinese.
#pragma once

#include "storage/storage.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace jinguo::ui {

namespace detail {
// Opens the worker's connection (query_only) to `path`.
std::unique_ptr<storage::Storage> openWorkerStorage(const std::string& path);
std::string describeException(std::exception_ptr error);
} // namespace detail

template <class Result>
class BackgroundJob {
public:
    using Compute = std::function<Result(storage::Storage&)>;

    BackgroundJob() = default;
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;
    ~BackgroundJob() { wait(); }

    // Wants the result of `compute` for (revision of `storage`, key). Cheap
    // when that is already running, waiting or delivered.
    void request(storage::Storage& storage, const std::string& key, Compute compute) {
        const Stamp stamp{storage.revision(), key};
        if (m_wanted && m_wanted->stamp == stamp) return;
        m_wanted = Wanted{stamp, storage.path(), std::move(compute)};
        if (m_delivered && *m_delivered == stamp) return;
        startIfIdle();
    }

    // Takes a finished result, if any: call once per frame on the UI thread.
    // True when a new result (or error) arrived this call.
    bool poll() {
        bool arrived = false;
        if (m_running.valid() && m_running.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            Outcome outcome = m_running.get();
            if (m_wanted && outcome.stamp == m_wanted->stamp) {
                m_result = std::move(outcome.value);
                m_error = std::move(outcome.error);
                m_delivered = outcome.stamp;
                arrived = true;
            }
        }
        startIfIdle();
        return arrived;
    }

    // Blocks until nothing runs (tests; shutdown). Does not deliver: poll() does.
    void wait() {
        if (m_running.valid()) m_running.wait();
    }

    // The last delivered result (possibly for an older request), or null.
    const Result* result() const { return m_result ? &*m_result : nullptr; }
    // Moves the delivered result out (a screen that keeps it itself, e.g.
    // to build its view on it); result() is null afterwards.
    std::optional<Result> takeResult() { return std::exchange(m_result, std::nullopt); }
    // The last delivered computation failed: why (then result() is null).
    const std::string& error() const { return m_error; }
    // Whether what is shown answers the latest request.
    bool current() const { return m_wanted && m_delivered && *m_delivered == m_wanted->stamp; }
    bool busy() const { return m_running.valid() || !current(); }
    int started() const { return m_started; }

private:
    struct Stamp {
        std::uint64_t revision = 0;
        std::string key;
        bool operator==(const Stamp&) const = default;
    };
    struct Wanted {
        Stamp stamp;
        std::string path;
        Compute compute;
    };
    struct Outcome {
        Stamp stamp;
        std::optional<Result> value;
        std::string error;
    };

    void startIfIdle() {
        if (m_running.valid() || !m_wanted) return;
        if (m_delivered && *m_delivered == m_wanted->stamp) return;
        if (m_launched && *m_launched == m_wanted->stamp) return;   // ran, and its answer was taken
        Wanted job = *m_wanted;
        m_launched = job.stamp;
        ++m_started;
        m_running = std::async(std::launch::async, [job = std::move(job)]() {
            Outcome outcome;
            outcome.stamp = job.stamp;
            try {
                std::unique_ptr<storage::Storage> storage = detail::openWorkerStorage(job.path);
                outcome.value = job.compute(*storage);
            } catch (...) {
                outcome.error = detail::describeException(std::current_exception());
            }
            return outcome;
        });
    }

    std::optional<Wanted> m_wanted;
    std::optional<Stamp> m_delivered;
    std::optional<Stamp> m_launched;
    std::future<Outcome> m_running;
    std::optional<Result> m_result;
    std::string m_error;
    int m_started = 0;
};

} // namespace jinguo::ui
