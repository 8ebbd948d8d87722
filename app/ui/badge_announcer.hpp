// badge_announcer.hpp — announces newly earned badges without blocking.
//
// The evaluation (storage::BadgeStore::evaluate, ~0.3–0.6 s on the demo
// database) never runs inside a frame: when the data changed (the storage
// revision moved) a worker thread evaluates with its own Storage connection on
// the same file (WAL) and writes what is new in one transaction. Each frame
// the announcer only polls its task and, when badges wait to be
// announced, draws a small card in the lower right corner: 新获得徽章, how
// many, the latest few; 知道了 marks them announced. The card takes no focus
// and covers nothing but its corner. The first evaluation of a database
// (BadgeStore: none stored, none run before) backfills its history as
// already announced, so the card only ever shows badges earned since.
//
// Modes: Auto starts evaluating only when a renderer backend is present (the
// real window) and after the first frames, so headless tests of other screens
// are not disturbed; Always evaluates whenever the revision moved (tests, with
// an inline executor: evaluated and shown in the same frame); Off never
// evaluates (announces what is already stored). Auto also rests four times as
// long as the last evaluation took before the next (a minute's evaluation at a
// million volunteers must not follow every save), unless the next one is
// incremental (BadgeStore::nextRun: a save marked a few people, so it costs
// what the save touched); Always never waits. When nothing is marked since
// the day's full run (a write no badge depends on), no evaluation starts.
#pragma once

#include "storage/badge_store.hpp"
#include "ui/app_state.hpp"
#include "ui/task_runner.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

struct BadgeAnnouncer {
    enum class Mode { Auto, Always, Off };
    Mode mode = Mode::Auto;

    // ---- evaluation
    std::uint64_t evaluatedRevision = 0;   // the revision the last evaluation started from
    struct Evaluation {
        storage::BadgeEvaluation result;
        double milliseconds = 0;
        std::string error;
        std::string day;                   // the day it judged
    };
    Task<Evaluation> evaluation;           // its own read-write connection
    // What the last evaluation said (copied on the frame thread when it ends).
    storage::BadgeEvaluation lastResult;
    double lastMilliseconds = 0;           // how long the last evaluation took
    // Auto: no evaluation starts before this (four times the last one's
    // duration after it ended), so big databases are not evaluated after every save.
    std::chrono::steady_clock::time_point nextStartAllowed{};
    std::string lastError;
    // What the last successful evaluation judged: on a server a street
    // user's evaluation leaves the marks of others' units to a district user,
    // and must not start again for them (BadgeStore::nextRun).
    storage::BadgeStore::Judged judged;
    // BadgeStore::nextRun for (revision, day): asked once, not every frame of
    // a rest (it counts up to 100,001 marked people). Marks change only
    // through writes, and every write moves the revision.
    std::uint64_t nextRunRevision = 0;
    std::string nextRunDay;
    storage::BadgeStore::NextRun nextRunKnown = storage::BadgeStore::NextRun::Full;

    // ---- what is shown (loaded when an evaluation stored something, or once at start)
    bool loaded = false;
    // A session that stores no badges (a server's 只读 user) announces none:
    // 知道了 would be a write she may not make.
    std::vector<storage::EarnedBadgeRow> shown;   // newest first, a few
    std::int64_t waiting = 0;              // unannounced in all
    RowId newestId = 0;                    // the highest id shown: 知道了 marks up to it
};

// Once per frame, after the main window: cheap unless something finished.
void drawBadgeAnnouncer(AppState& app, BadgeAnnouncer& announcer);

// The app's announcer (tests switch its mode).
BadgeAnnouncer& badgeAnnouncer(AppState& app);

} // namespace jinguo::ui
