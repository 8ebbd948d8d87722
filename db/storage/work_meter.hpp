// work_meter.hpp — tests: the work of connections a test cannot reach.
//
// Database::meterWork() counts one connection's work; a view's task opens
// its own connection inside the task runner. meterNewConnections(&sink) makes
// every connection opened afterwards (until it is called with nullptr) add
// its SQLite virtual-machine instructions (on a server, the work of its
// plans: Database::workDone) to `sink`, so a test can bound what
// a keystroke's task read (a page and a count) as well as the frame's.
#pragma once

#include <atomic>
#include <cstdint>

namespace jinguo::storage {

void meterNewConnections(std::atomic<std::uint64_t>* sink);

} // namespace jinguo::storage
