// badge_store.hpp — badges earned, evaluated from the data and kept in
// badge_earned (people and units; see core/badges.hpp for the rules).
//
// evaluate() reads the facts in a few set queries (verified service records
// streamed in person order, titles, targets with their dated changes, post
// re-reviews, 平安家庭 holders per quarter), runs the pure rules of the core
// and stores every badge not stored yet, dated the day its rule became true
// (the 10th occasion's date, the day a target was met …) — not the day of the
// evaluation, except where the data has no date (a manual indicator). It is
// idempotent: the unique index badge_once makes a second run store nothing.
// A badge once stored stays, even if the data later changes (a badge is not
// taken back).
//
// Its writes (and markAnnounced's) are audited but are no undo step
// (storage::OutsideUndo): Ctrl+Z undoes what the user did, never a badge.
//
// After the first run of a day it is incremental: triggers (migration 0036)
// mark in badge_dirty the people and unit years each write can have changed,
// and the run judges only those, draining the marks in the transaction that
// stores the badges. A new day adds to the marks only the unit years whose
// judgement reads the date (a quarter closed, a new year:
// core's unitYearsOpenedBetween); no person's badge depends on the day.
// Everything is judged again on the first run, after an import, after a
// setting or the title catalogue changed, and above kIncrementalPeopleLimit
// marked people.
//
// It may run on a worker thread with its own Storage on the same file (WAL):
// it writes in one transaction at the end.
//
// On a server each session stores only the badges it may write: a district
// user (or the owner) all of them, as in a file; a street's or community's
// 管理员/录入 those of her subtree's people and units, and she drains only
// her people's marks — the unit marks, the judged day, the first-run and
// backfill settings stay for a district user, whose run stores the rest (row
// security would refuse her the others; the unit figures she sees above her
// level are read-only for her). A 只读 user stores and drains nothing.
#pragma once

#include "core/badges.hpp"
#include "core/model.hpp"
#include "core/periods.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace jinguo::storage {

class Storage;

struct EarnedBadgeRow {
    RowId id = 0;
    std::string code;
    std::string name;             // from the catalogue with the thresholds in force
    std::string rule;
    RowId personId = 0;           // exactly one of personId, unitId
    RowId unitId = 0;
    std::string subjectName;      // the person's or the unit's name
    std::string period;           // "" once ever, "2026", "2026Q1"
    std::string earnedOn;         // YYYY-MM-DD
    bool announced = false;
};

struct BadgeEvaluation {
    std::int64_t peopleEvaluated = 0;
    std::int64_t unitsEvaluated = 0;
    std::int64_t badgesFound = 0;     // earned according to the rules (stored or not)
    std::int64_t newlyStored = 0;     // stored by this run
    bool storedAsAnnounced = false;   // this run's badges were stored quietly (backfill)
    bool incremental = false;         // judged only what the marks of badge_dirty named
    RowId marksReadUpTo = 0;          // the largest badge_dirty.seq this run read (BadgeStore::Judged)
};

// What evaluate() does with the badges it stores for the first time.
enum class NewBadges {
    // Announce them (announced = 0), except on the first evaluation of a
    // database, which backfills its history quietly (announced = 1).
    Announce,
    // Store them as announced whatever came before (the demo's history).
    StoreAsAnnounced,
};

// The setting that marks a database as evaluated once (its value the date).
inline constexpr const char* kBadgesFirstEvaluatedKey = "badge_state.first_evaluated_on";
// Set by an import in its own transaction: the next evaluation stores what it
// finds quietly (the imported history's badges are not news) and clears it.
inline constexpr const char* kBadgesBackfillPendingKey = "badge_state.backfill_pending";

class BadgeStore {
public:
    explicit BadgeStore(Storage& storage);

    BadgeParams params();             // thresholds in force (settings with defaults)

    // Above this many marked people a run judges everyone instead. On the
    // 1M/5M database (badges_bench --after-save … 1000 10000 100000) marked
    // people cost ~30 µs of CPU each, everyone ~7 s: 100,000 marked still
    // ran at 2/3 of a full run's CPU, so the limit sits below the crossing
    // (~230,000). Benchmarks and tests may move it.
    static constexpr std::int64_t kIncrementalPeopleLimit = 100000;
    void setIncrementalPeopleLimit(std::int64_t limit) { m_incrementalPeopleLimit = limit; }
    // The units' facts read as before the summaries: a year's hours from
    // the verified records joined to their people (before 0038's
    // unit_day_hours), volunteers from every person row (before reading
    // 0030's unit_person_tally and the year's joiners), naming days by
    // grouping every 命名 event. The reference that tests and badges_bench
    // compare the kept reads with.
    void setUnitFactsFromBaseTables(bool on) { m_unitFactsFromBaseTables = on; }

    // Evaluates every rule against the data as of `today` and stores what is
    // new. Quarter badges only for quarters that ended before `today`. The
    // first evaluation of a database (no badge stored and none run before)
    // stores its finds as announced and remembers the date in the setting
    // kBadgesFirstEvaluatedKey; later runs announce what they add.
    BadgeEvaluation evaluate(const Date& today, NewBadges mode = NewBadges::Announce);
    // What the next evaluate() on `today` would do: nothing (nothing marked
    // and the day already judged), judge only the marked people and years
    // and a new day's years (badge_dirty; no 'units' mark, which means every
    // unit's targets), or everything. The announcer skips the first and needs no rest for the second.
    enum class NextRun { Nothing, Incremental, Full };
    // What a session's last successful evaluate() judged (the announcer keeps
    // it). A session that stores only her subtree's badges leaves the other
    // marks and the judged day to a district user: without this, each of
    // her runs would find them again and ask for another.
    struct Judged {
        RowId marksUpTo = 0;          // BadgeEvaluation::marksReadUpTo
        std::string day;              // the day it judged (YYYY-MM-DD)
    };
    NextRun nextRun(const Date& today, const Judged& judged);
    NextRun nextRun(const Date& today) { return nextRun(today, Judged()); }
    // Whether this session stores badges at all: a file's user and a
    // server's 管理员 and 录入 do; a 只读 user (no right to write
    // badge_earned) does not, and evaluate() then does nothing.
    bool storesBadges();
    // Whether a database has been evaluated before (or holds badges).
    bool evaluatedBefore();
    // The next evaluate() backfills quietly (see kBadgesBackfillPendingKey).
    // Cheap: one setting row, written in the caller's transaction.
    void markBackfillPending();

    std::vector<EarnedBadgeRow> earnedByPerson(RowId personId);   // oldest first
    std::vector<EarnedBadgeRow> earnedByUnit(RowId unitId);
    // Not yet announced in the app, newest first (at most `limit`), and how many in all.
    std::vector<EarnedBadgeRow> unannounced(int limit = 20);
    std::int64_t unannouncedCount();
    RowId newestId();                 // the highest badge_earned id (0 for none)
    // How many subjects hold each badge (code → count), for the catalogue.
    std::map<std::string, std::int64_t> countsByCode();
    // Marks the badges with id ≤ `upToId` as announced (one transaction,
    // audited): the announcer passes the newest id it has shown, so badges a
    // worker stored meanwhile are still announced later.
    void markAnnounced(RowId upToId);

private:
    // Which badges this session stores (dialect().badgeMayStore, sessionScopeUnit).
    struct WriteScope {
        bool stores = true;
        RowId root = 0;               // 0: all of them
        std::string unitsJson;        // root's subtree (unitSubtreeJson), when root != 0
    };
    WriteScope writeScope();
    std::vector<EarnedBadgeRow> rows(const char* sql, RowId bindId, int limit);
    Storage& m_storage;
    std::int64_t m_incrementalPeopleLimit = kIncrementalPeopleLimit;
    bool m_unitFactsFromBaseTables = false;
};

} // namespace jinguo::storage
