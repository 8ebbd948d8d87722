// hand_off.hpp — a bounded first-in first-out queue between two threads.
//
// The import runs as a pipeline (file reading → validation → SQLite), one
// thread per stage; stages hand work to the next in blocks through a
// HandOff. push() waits while the queue is full, which bounds the memory
// whatever the file's size; pop() waits while it is empty. Either side may
// close() it: a closed queue refuses pushes at once (the producer learns to
// stop) and wakes every waiting thread; pop() still returns what was queued,
// then nothing.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace jinguo {

template <class T>
class HandOff {
public:
    explicit HandOff(std::size_t capacity) : m_capacity(capacity) {}

    // False (and `item` dropped) once the queue is closed.
    bool push(T item) {
        std::unique_lock guard(m_lock);
        m_changed.wait(guard, [&] { return m_closed || m_items.size() < m_capacity; });
        if (m_closed) return false;
        m_items.push_back(std::move(item));
        m_changed.notify_all();
        return true;
    }

    // The next item; nothing once the queue is closed and empty.
    std::optional<T> pop() {
        std::unique_lock guard(m_lock);
        m_changed.wait(guard, [&] { return m_closed || !m_items.empty(); });
        if (m_items.empty()) return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_changed.notify_all();
        return item;
    }

    // The next item if one is queued now, without waiting.
    std::optional<T> tryPop() {
        std::lock_guard guard(m_lock);
        if (m_items.empty()) return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_changed.notify_all();
        return item;
    }

    void close() {
        std::lock_guard guard(m_lock);
        m_closed = true;
        m_changed.notify_all();
    }

    bool closed() const {
        std::lock_guard guard(m_lock);
        return m_closed;
    }

private:
    const std::size_t m_capacity;
    mutable std::mutex m_lock;
    std::condition_variable m_changed;
    std::deque<T> m_items;
    bool m_closed = false;
};

// Stops and joins a pipeline stage's thread when the scope that started it
// is left, however it is left (an exception too): the thread holds references
// into that scope. `stop` closes the queues the thread may be waiting on.
class JoinOnExit {
public:
    JoinOnExit(std::thread& thread, std::function<void()> stop) : m_thread(thread), m_stop(std::move(stop)) {}
    JoinOnExit(const JoinOnExit&) = delete;
    JoinOnExit& operator=(const JoinOnExit&) = delete;
    ~JoinOnExit() {
        m_stop();
        if (m_thread.joinable()) m_thread.join();
    }

private:
    std::thread& m_thread;
    std::function<void()> m_stop;
};

} // namespace jinguo
