// phase_clock.hpp — for developers: JINGUO_IMPORT_PHASES=1 prints the CPU
// time of the calling thread spent in each named step of an import's
// set-based writes, to stderr. Thread CPU, not wall: the integrity check and
// the backup run on threads of their own beside the writes, and the machines
// we measure on are shared (wall time there says more about the neighbours).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace jinguo::storage {

class PhaseClock {
public:
    explicit PhaseClock(const char* name) : m_name(name) {
        if (enabled()) m_start = threadCpu();
    }
    ~PhaseClock() {
        if (enabled()) std::fprintf(stderr, "[import phase] %-28s %8.3f s cpu\n", m_name, threadCpu() - m_start);
    }
    PhaseClock(const PhaseClock&) = delete;
    PhaseClock& operator=(const PhaseClock&) = delete;

private:
    static bool enabled() {
        static const bool on = [] {
            const char* v = std::getenv("JINGUO_IMPORT_PHASES");
            return v && *v && *v != '0';
        }();
        return on;
    }
    static double threadCpu() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
    }
    const char* m_name;
    double m_start = 0;
};

} // namespace jinguo::storage
