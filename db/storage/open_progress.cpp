// open_progress.cpp — the per-thread watcher of a long open.
#include "storage/open_progress.hpp"

namespace jinguo::storage {

namespace {
thread_local OpenProgress* watcher = nullptr;
} // namespace

OpenProgress* openProgress() { return watcher; }

ScopedOpenProgress::ScopedOpenProgress(OpenProgress& progress) : m_previous(watcher) { watcher = &progress; }

ScopedOpenProgress::~ScopedOpenProgress() { watcher = m_previous; }

void reportOpenStage(OpenStage stage, std::int64_t total) {
    if (!watcher) return;
    watcher->done.store(0, std::memory_order_relaxed);
    watcher->total.store(total, std::memory_order_relaxed);
    watcher->stage.store(static_cast<int>(stage), std::memory_order_relaxed);
}

void reportOpenMigration(int step, int steps, const char* name) {
    if (!watcher) return;
    watcher->name.store(name, std::memory_order_relaxed);
    watcher->steps.store(steps, std::memory_order_relaxed);
    watcher->step.store(step, std::memory_order_relaxed);
    watcher->stage.store(static_cast<int>(OpenStage::Migrating), std::memory_order_relaxed);
}

void reportOpenDone(std::int64_t done) {
    if (watcher) watcher->done.store(done, std::memory_order_relaxed);
}

void reportOpenAdvance(std::int64_t by) {
    if (watcher) watcher->done.fetch_add(by, std::memory_order_relaxed);
}

} // namespace jinguo::storage
