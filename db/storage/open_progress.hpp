// open_progress.hpp — what a long open is doing, for a window to show.
//
// Opening an old big file runs its migrations and fills the lists' pinyin
// keys: minutes at a million people (178 s measured for 0020–0022 on the 1M/5M
// benchmark file), all before any section can show a row. The GUI therefore
// opens on a thread of its own and, when the open takes long, shows a window
// with the step under way (app/gui/open_window.cpp). openAndMigrate and
// the steps it calls report here; nothing reports when no one watches.
//
// The watcher is per thread (the thread that runs the open installs it with
// ScopedOpenProgress): the UI's workers open connections of their own at the
// same time and must not report into someone else's window.
#pragma once

#include <atomic>
#include <cstdint>

namespace jinguo::storage {

enum class OpenStage : int {
    Checking = 0,    // PRAGMA quick_check of the file before anything writes
    BackingUp,       // the 升级前 backup (done/total: pages)
    Migrating,       // migration step/steps (name: its file's name)
    FillingKeys,     // the pinyin keys of people and households (done/total: rows)
};

struct OpenProgress {
    std::atomic<int> stage{static_cast<int>(OpenStage::Checking)};
    std::atomic<int> step{0};                   // Migrating: 1-based index …
    std::atomic<int> steps{0};                  // … of this many pending
    std::atomic<const char*> name{""};          // Migrating: the migration's name (static text)
    std::atomic<std::int64_t> done{0};          // BackingUp / FillingKeys: units done …
    std::atomic<std::int64_t> total{0};         // … of this many (0: unknown)

    OpenStage currentStage() const { return static_cast<OpenStage>(stage.load(std::memory_order_relaxed)); }
};

// The progress the calling thread's open reports to (nullptr when none).
OpenProgress* openProgress();

// Installs `progress` for the calling thread until destroyed.
class ScopedOpenProgress {
public:
    explicit ScopedOpenProgress(OpenProgress& progress);
    ~ScopedOpenProgress();
    ScopedOpenProgress(const ScopedOpenProgress&) = delete;
    ScopedOpenProgress& operator=(const ScopedOpenProgress&) = delete;

private:
    OpenProgress* m_previous;
};

// Reporting helpers: no-ops when no one watches.
void reportOpenStage(OpenStage stage, std::int64_t total = 0);
void reportOpenMigration(int step, int steps, const char* name);
void reportOpenDone(std::int64_t done);
void reportOpenAdvance(std::int64_t by);

} // namespace jinguo::storage
