// thread_priority.hpp — background work yields the CPU and the disk to what
// the user is looking at.
//
// On a 2-core office PC with a million volunteers, the work the window does
// for itself (the badge evaluation: a minute and a half; the daily backup and
// the deferred damage check: tens of seconds each) competed with the section
// being opened and held its data back ~20 s. Those bodies call this first:
// the scheduler then runs them only on CPU time the views leave over.
#pragma once

namespace jinguo {

// Lowest CPU priority (nice 19) and the idle I/O class for the calling
// thread only (Linux keeps both per thread). Best effort: where the system
// refuses, nothing changes and the work simply runs as before.
void lowerThisThreadPriority();

} // namespace jinguo
