// frame_wake.cpp — the process-wide wake signal, busy count and redraw wish.
#include "core/frame_wake.hpp"

#include "core/frame_pacer.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace jinguo {

namespace {
int wakeFd() {
    static const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);   // never closed: threads may wake at exit
    return fd;
}
std::atomic<int> g_busy{0};
double g_redrawWish = FramePacer::kNever;
} // namespace

void wakeFrameLoop() {
    const int fd = wakeFd();
    if (fd < 0) return;
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = write(fd, &one, sizeof one);   // full counter: a wake is pending anyway
}

int frameWakeFd() { return wakeFd(); }

bool takeFrameWakes() {
    const int fd = wakeFd();
    std::uint64_t count = 0;
    return fd >= 0 && read(fd, &count, sizeof count) == static_cast<ssize_t>(sizeof count) && count > 0;
}

void waitForFrameWake(double seconds, std::initializer_list<int> readable) {
    pollfd fds[4];
    nfds_t count = 0;
    if (wakeFd() >= 0) fds[count++] = {wakeFd(), POLLIN, 0};
    for (const int fd : readable)
        if (fd >= 0 && count < 4) fds[count++] = {fd, POLLIN, 0};
    seconds = std::max(0.0, seconds);
    timespec timeout{};
    timeout.tv_sec = static_cast<time_t>(seconds);
    timeout.tv_nsec = static_cast<long>((seconds - static_cast<double>(timeout.tv_sec)) * 1e9);
    ppoll(fds, count, &timeout, nullptr);
}

int busyWorkCount() { return g_busy.load(std::memory_order_acquire); }

BusyWork::BusyWork() { g_busy.fetch_add(1, std::memory_order_acq_rel); }

void BusyWork::end(bool wake) {
    if (!m_alive.exchange(false, std::memory_order_acq_rel)) return;
    g_busy.fetch_sub(1, std::memory_order_acq_rel);
    if (wake) wakeFrameLoop();
}

void redrawWithin(double seconds) { g_redrawWish = std::min(g_redrawWish, std::max(0.0, seconds)); }

double takeRedrawWish() { return std::exchange(g_redrawWish, FramePacer::kNever); }

} // namespace jinguo
