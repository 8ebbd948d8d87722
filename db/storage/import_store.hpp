// import_store.hpp — the SQL of roster imports: batches, upserts, undo.
//
// An import runs inside one Transaction held by the caller: begin() a batch,
// put*() every good row, finish() with the counts and the report — it lands
// whole or not at all. A person is matched by ID number only (two different
// people are called 王芳); an existing person is updated, never inserted twice,
// and a roster's 服务时长 replaces the cumulative hours instead of adding to
// them: it is the person's total, so what is stored as roster hours is that
// total less the hours already recorded here (never below 0) — importing an
// export, which writes roster + recorded, changes nothing. A household is matched by head, address and unit; one household may
// carry several titles and years. undo() removes what a batch inserted and
// restores what it changed.
//
// Speed: people new to the database are not written by putPerson() but kept
// (compactly) and written by finish() in ID-number order, so that the unique
// index on id_number grows at its end instead of at a random place per row
// (1,000,000 rows through the sqlite3 shell: 4.9 s random, 1.5 s sorted). Whether a
// person is new is decided at once from the ID numbers already stored,
// loaded once per batch, so putPerson's outcome is final. Rows inserted
// by a batch therefore get ids in ID-number order, not in file order, and
// are visible to queries only after finish() (or flushPeople()). The stored
// ID numbers are read in index order into a sorted array behind a bit
// filter (StoredIds), not into a hash map: at 1M people that load was most of
// what a batch cost beyond the same batch into an empty table.
//
// Bulk mode: once a batch has more new people than the table holds (and at
// least kBulkMinimumPeople), the unique index person_id_number is dropped
// inside the transaction, the people are appended in file order as they
// come (a few thousand at a time, so the writing overlaps the reading), and
// finish() builds the index again with SQLite's sorted build: for a large
// roster into a small table that is cheaper than any order of inserts into
// the index, and the memory stays small. A rollback restores the index.
//
// Set-based lists: whenever many new people are written at once (a flush of
// at least kSetBasedMinimumPeople, and all of bulk mode), the per-row trigger
// that writes person_list is suspended inside the transaction and the rows
// of person_list, person_search and the search grams are written afterwards
// with one statement each (person_list_bulk.hpp): through the triggers every
// person's ~20 grams went to random pages of person_gram, which in a 1M
// database made each new person several times dearer than in an empty one.
// person's own insert triggers (unit summaries, badge marks) are suspended
// with it and written set-based too (new_people_bulk.hpp).
#pragma once

#include "core/model.hpp"
#include "core/roster_hours.hpp"
#include "core/unit_match.hpp"
#include "storage/person_list_bulk.hpp"
#include "storage/storage.hpp"

#include <map>
#include <set>
#include <memory>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::storage {

namespace detail {
// Memory for the import's large tables (millions of rows): blocks of 2 MiB
// and more are asked to be backed by transparent huge pages, which cuts the
// page faults and TLB misses of random probes on this kind of VM.
void* allocateLarge(std::size_t bytes);
void freeLarge(void* p, std::size_t bytes) noexcept;
template <class T>
struct LargeAllocator {
    using value_type = T;
    LargeAllocator() = default;
    template <class U>
    LargeAllocator(const LargeAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(allocateLarge(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { freeLarge(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const LargeAllocator<U>&) const { return true; }
};
} // namespace detail

class ImportStore {
public:
    explicit ImportStore(Storage& storage);

    // The standing (not undone) batch that imported a file with this hash.
    std::optional<ImportBatch> batchForFile(const std::string& kind, const std::string& sha256);
    std::vector<ImportBatch> batches();

    RowId begin(const std::string& kind, const std::string& fileName, const std::string& sha256);
    // What the hours column of the batches that follow means (default: each
    // person's total as of today). Set before putPerson.
    void setHoursBasis(const roster::HoursBasis& basis) { m_hoursBasis = basis; }

    enum class Outcome { Inserted, Updated, Unchanged };
    struct PutResult {
        Outcome outcome = Outcome::Unchanged;
        bool unitUnknown = false;      // 所属社区 named no 社区/村 of the tree: stored without a unit
                                       // (the text kept in unit_text, linked when such a unit is added)
        bool nameDiffers = false;      // the ID number is stored under `storedName`: nothing written
        std::string storedName;        // (unless setAcceptRenames(true))
        // 所属社区 with 所属街道 (core/unit_match.hpp). unitRefusal: roster::code::kUnitAmbiguous or
        // kUnitNotInStreet, nothing written for the row; unitKept: an ambiguous name without a
        // street, and the person (household) stays in the one of its 社区/村 she was stored in.
        const char* unitRefusal = nullptr;
        bool unitKept = false;
        bool streetDiffers = false;              // placed in the only 社区/村 of the name, in another street
        std::string unitCommunity, unitStreet;   // the name and street looked up (a cell's 街道/社区 split)
        std::vector<std::string> unitStreets;    // refused or kept: the streets holding that name
    };
    // Whether a roster may rename a person its ID number finds (叶颖 stored,
    // 叶英 in the file). Off by default: such a row is not applied and comes
    // back with nameDiffers, for the user to decide.
    void setAcceptRenames(bool accept) { m_acceptRenames = accept; }
    // YYYY-MM-DD: the date a family title imported without a 命名日期 gets in
    // its own year (defaultTitleDate); empty: todayIso().
    void setToday(const std::string& today) { m_today = today; }
    // 所属社区 names placed in an existing 社区/村 (RosterImportRequest::unitAliases);
    // refuses (StorageError, Chinese) a target that is no 社区/村.
    void setUnitAliases(const std::map<std::string, RowId>& aliases);
    PutResult putPerson(RowId batch, const RosterPerson& person);
    PutResult putFamily(RowId batch, const RosterFamily& family);

    void finish(RowId batch, int rowsRead, int rowsImported, int rowsUpdated, int rowsSkipped,
                const std::string& reportJson);

    struct UndoSummary {
        int personsRemoved = 0, personsRestored = 0;
        int familiesRemoved = 0, familiesRestored = 0, awardsRemoved = 0;
        // A units/targets/indicators batch: the rows its undo step put back
        // (added ones removed, changed ones restored).
        bool throughStep = false;
        int rowsUndone = 0;
    };
    // Removes and restores in one transaction (a units/targets/indicators
    // batch: undoes the undo step it was written in); refuses (StorageError) a batch
    // that does not exist or was already undone.
    UndoSummary undo(RowId batch);

    // Writes the new people kept so far (finish() does it too).
    void flushPeople();

private:
    bool batchWroteThroughStores(RowId batch);
    // The 社区/村 a row names by 所属社区 (exact name) and 所属街道 (empty: none); an
    // unknown name may be one of the run's aliases, or "街道/社区" in one cell.
    struct UnitChoice {
        roster::UnitMatch match;
        std::string community, street;   // as looked up
    };
    UnitChoice lookUpUnit(const std::string& street, const std::string& text);
    void loadCommunities();
    // The unit a row goes to, for people and households alike: `kept` (the
    // stored one of an ambiguous name's candidates, 0: none) wins; else an
    // ambiguous or wrong-street choice refuses the row (true). Notes an unknown
    // name and a street that differs in `result`.
    bool settleUnit(const UnitChoice& choice, RowId kept, RowId& unit, PutResult& result);
    // The stored person with this row's ID number (0: none), without writing anything else.
    RowId storedPersonId(RowId batch, const RosterPerson& person);
    RowId familyTitleId(const std::string& title, const std::string& level);
    // nameDiffers (and true) when `existing` is stored under another name and renames are not accepted.
    bool renameRefused(RowId existing, const RosterPerson& person, PutResult& result);
    // unit_text of an existing person/family after a roster row: the file's
    // text while no unit is known, NULL once one is. The previous value is
    // kept for undo. Whether it changed.
    bool keepUnitText(RowId batch, bool family, RowId id, const std::string& text, RowId unit);
    bool m_acceptRenames = false;

    Storage& m_storage;
    Database& m_db;
    roster::HoursBasis m_hoursBasis;
    std::string m_today;
    std::map<std::string, std::vector<roster::CommunityCandidate>> m_communities;   // 社区/村 name -> all of that name
    std::set<std::string> m_streetNames;           // 街道/镇 names and their streetNameKey (for "街道社区" cells)
    std::map<std::string, RowId> m_aliases;        // the run's mapped names -> 社区/村 id
    bool m_unitsLoaded = false;
    std::string m_now;                             // the batch's timestamp for created_at/updated_at

    // ---- people of the batch (see "Speed" above)
    // ID number key -> person id, for the people this batch has met;
    // kPending for a person new to the database (kept, or written by
    // flushPeople() without recording its id).
    class IdMap {
    public:
        static constexpr RowId kPending = -1;
        // The slot's id, or null after recording `id` for a new key.
        RowId* findOrPut(std::uint64_t key, RowId id);
        RowId* find(std::uint64_t key);
        void clear();
        std::size_t size() const { return m_size; }

    private:
        struct Slot {
            std::uint64_t key;   // 0: free
            RowId id;
        };
        void grow();
        std::vector<Slot, detail::LargeAllocator<Slot>> m_slots;
        std::size_t m_size = 0;
    };
    struct PendingPerson {
        std::uint64_t key = 0;     // the ID number as a number (ordered like its text)
        RowId unit = 0;
        double hours = 0;
        std::uint32_t text = 0;    // offset in m_pendingText: name, phone, joinedOn, hoursAsOf, unit text
        std::int32_t row = 0;
        std::uint16_t nameLength = 0;
        std::uint8_t phoneLength = 0, joinedLength = 0, asOfLength = 0;
        std::uint8_t gender = 0;   // 0 none, 1 女, 2 男
        std::uint8_t unitTextLength = 0;   // 所属社区 kept as text (unit 0): after asOf in m_pendingText
        bool hasHours = false;
    };
    // The people stored when the batch began, by ID number: their keys in
    // ascending order with their ids (read in that order from the index, so
    // written one after the other) and a filter of one bit per hashed key,
    // 64 bits a person, which answers "not stored" for ~98% of new people
    // without a search. Filling a hash map of every stored person instead
    // put a cache miss per person on each batch: ~0.5 s at 1M people.
    class StoredIds {
    public:
        void clear();
        void add(std::uint64_t key, RowId id) { m_entries.push_back({key, id}); }
        void seal();                              // after the last add(): sorts if needed, builds the filter
        RowId find(std::uint64_t key) const;      // 0: not stored
        std::size_t size() const { return m_entries.size(); }

    private:
        struct Entry {
            std::uint64_t key;
            RowId id;
        };
        std::vector<Entry, detail::LargeAllocator<Entry>> m_entries;
        std::vector<std::uint64_t, detail::LargeAllocator<std::uint64_t>> m_filter;
        std::uint64_t m_filterMask = 0;   // bits - 1
    };
    void loadExistingIds(RowId batch);
    void beginBulk();   // drops person_id_number (see "Bulk mode" above)
    void endBulk();     // builds it again
    // person_list_after_insert suspended until finishPersonList() (see "Set-based lists").
    void deferPersonList();
    void finishPersonList();
    bool batchOpen(RowId batch);   // begun and not finished in the current transaction
    PutResult updatePerson(RowId batch, RowId existing, const RosterPerson& person, RowId unit);
    const std::string& batchNow();   // m_now, read from the engine once per batch
    RowId insertPerson(RowId batch, const RosterPerson& person, RowId unit);   // its id
    IdMap m_ids;                                   // the batch's people, valid for m_idsBatch
    StoredIds m_stored;                            // valid for m_idsBatch
    RowId m_idsBatch = 0;
    std::size_t m_existingPeople = 0;              // people with an ID number when the batch began
    bool m_bulk = false;                           // person_id_number dropped in this transaction
    bool m_bulkDone = false;                       // bulk mode has ended in this batch
    std::unique_ptr<SuspendedTriggers> m_listDeferred;   // person's insert triggers dropped in this transaction
    std::int64_t m_listDeferredAfter = 0;          // people with larger ids wait for finishPersonList()
    RowId m_listDeferredBatch = 0;
    std::vector<PendingPerson, detail::LargeAllocator<PendingPerson>> m_pending;
    std::vector<char, detail::LargeAllocator<char>> m_pendingText;
    RowId m_pendingBatch = 0;
};

} // namespace jinguo::storage
