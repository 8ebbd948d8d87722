// thread_priority.cpp — nice and ioprio of the calling thread (Linux).
#include "core/thread_priority.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace jinguo {

void lowerThisThreadPriority() {
    const auto thread = static_cast<id_t>(::syscall(SYS_gettid));
    // PRIO_PROCESS with a thread id sets that thread's nice value alone (NPTL).
    ::setpriority(PRIO_PROCESS, thread, 19);
    // ioprio_set has no glibc wrapper; the values are the kernel's ABI
    // (linux/ioprio.h): who = IOPRIO_WHO_PROCESS (1), class IDLE (3) << 13.
    constexpr int kWhoProcess = 1;
    constexpr int kIdleClass = 3 << 13;
    ::syscall(SYS_ioprio_set, kWhoProcess, static_cast<int>(thread), kIdleClass);
}

} // namespace jinguo
