// task_runner.cpp — the executors and the non-template parts of Task.
#include "ui/task_runner.hpp"

#include "core/thread_priority.hpp"
#include "storage/scores_reads.hpp"
#include "ui/ui_strings.hpp"

#include <exception>

namespace jinguo::ui {

namespace {
ThreadTaskExecutor g_threads;
TaskExecutor* g_current = &g_threads;
} // namespace

std::future<void> ThreadTaskExecutor::submit(std::function<void()> work) {
    return std::async(std::launch::async, std::move(work));
}

std::future<void> InlineTaskExecutor::submit(std::function<void()> work) {
    work();
    std::promise<void> done;
    done.set_value();
    return done.get_future();
}

ManualTaskExecutor::~ManualTaskExecutor() { runAll(); }   // no task is left waiting for ever

std::future<void> ManualTaskExecutor::submit(std::function<void()> work) {
    m_queue.emplace_back(std::move(work), std::promise<void>());
    return m_queue.back().second.get_future();
}

int ManualTaskExecutor::runAll() {
    int ran = 0;
    while (!m_queue.empty()) {
        auto [work, done] = std::move(m_queue.front());
        m_queue.pop_front();
        work();
        done.set_value();
        ++ran;
    }
    return ran;
}

TaskExecutor& taskExecutor() { return *g_current; }

void TaskControl::runInBackground() const {
    m_busy.end();
    if (m_ownThread) lowerThisThreadPriority();
}

ScopedTaskExecutor::ScopedTaskExecutor(TaskExecutor& executor) : m_previous(g_current) { g_current = &executor; }
ScopedTaskExecutor::~ScopedTaskExecutor() { g_current = m_previous; }

namespace detail {

std::unique_ptr<storage::Storage> openReadOnly(const std::string& path) { return storage::openReadOnlyStorage(path); }

std::string describeException(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return str::kJobUnknownError;
    }
}

} // namespace detail

} // namespace jinguo::ui
