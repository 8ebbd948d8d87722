// import_store.cpp — batches, upserts by ID number, undo.
//
// Sections:
//   [SECTION] Batches
//   [SECTION] Units and aliases
//   [SECTION] ID number keys
//   [SECTION] Memory
//   [SECTION] IdMap
//   [SECTION] Existing IDs
//   [SECTION] Bulk mode
//   [SECTION] People
//   [SECTION] Unit text
//   [SECTION] Families
//   [SECTION] Finish and undo
#include "storage/import_store.hpp"
#include "storage/sql_dialect.hpp"

#include "core/id_number.hpp"
#include "core/roster_mapping.hpp"
#include "core/roster_rows.hpp"
#include "core/title_dates.hpp"
#include "core/vocabulary.hpp"
#include "storage/bulk_cache.hpp"
#include "storage/undo_store.hpp"
#include "storage/family_list.hpp"
#include "storage/backup_store.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/new_people_bulk.hpp"
#include "storage/person_list_bulk.hpp"
#include "storage/phase_clock.hpp"
#include "storage/title_events.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <new>
#include <optional>
#include <cmath>
#include <string_view>

namespace jinguo::storage {

// ============================================================ [SECTION] Batches

namespace {

ImportBatch readBatch(Statement& st) {
    ImportBatch b;
    b.id = st.columnInt(0);
    b.kind = st.columnText(1);
    b.fileName = st.columnText(2);
    b.fileSha256 = st.columnText(3);
    b.startedAt = st.columnText(4);
    b.finishedAt = st.columnText(5);
    b.rowsRead = static_cast<int>(st.columnInt(6));
    b.rowsImported = static_cast<int>(st.columnInt(7));
    b.rowsUpdated = static_cast<int>(st.columnInt(8));
    b.rowsSkipped = static_cast<int>(st.columnInt(9));
    b.undoneAt = st.columnText(10);
    return b;
}

constexpr const char* kBatchColumns =
    "id, kind, file_name, file_sha256, started_at, coalesce(finished_at, ''), rows_read, rows_imported,"
    " rows_updated, rows_skipped, coalesce(undone_at, '')";

} // namespace

ImportStore::ImportStore(Storage& storage) : m_storage(storage), m_db(storage.db()) {}

bool ImportStore::batchWroteThroughStores(RowId batch) {
    Statement st = m_db.prepare("SELECT kind FROM import_batch WHERE id = ?");
    st.bind(1, batch);
    if (!st.step()) return false;
    const auto kind = roster::kindFromKey(st.columnText(0));
    return kind && roster::isRecordKind(*kind);
}

std::optional<ImportBatch> ImportStore::batchForFile(const std::string& kind, const std::string& sha256) {
    Statement st = m_db.prepare(std::string("SELECT ") + kBatchColumns
                                + " FROM import_batch WHERE kind = ? AND file_sha256 = ? AND undone_at IS NULL"
                                  " AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1");
    st.bind(1, kind).bind(2, sha256);
    if (!st.step()) return std::nullopt;
    return readBatch(st);
}

std::vector<ImportBatch> ImportStore::batches() {
    Statement st = m_db.prepare(std::string("SELECT ") + kBatchColumns + " FROM import_batch ORDER BY id DESC");
    std::vector<ImportBatch> out;
    while (st.step()) out.push_back(readBatch(st));
    return out;
}

RowId ImportStore::begin(const std::string& kind, const std::string& fileName, const std::string& sha256) {
    flushPeople();   // an unfinished batch's people (dropped when its transaction rolled back)
    endBulk();
    finishPersonList();
    m_idsBatch = 0;  // the ID numbers are loaded again for the new batch
    m_now.clear();
    Statement st = m_db.prepareInsert("INSERT INTO import_batch (kind, file_name, file_sha256) VALUES (?, ?, ?)");
    st.bind(1, kind).bind(2, fileName).bind(3, sha256);
    return st.runInsert();
}

// ============================================================ [SECTION] Units and aliases

namespace {
std::uint64_t idNumberKey(std::string_view id);   // [SECTION] ID number keys
} // namespace

// Every 社区/村 by name with its parent, and the 街道/镇 names: a few
// thousand rows at most, read once per store.
void ImportStore::loadCommunities() {
    if (m_unitsLoaded) return;
    Statement st = m_db.prepare("SELECT c.name, c.id, coalesce(p.id, 0), coalesce(p.name, '') FROM org_unit c"
                                " LEFT JOIN org_unit p ON p.id = c.parent_id WHERE c.kind IN "
                                + sqlKindsOf(UnitTier::Community) + " ORDER BY c.id");
    while (st.step())
        m_communities[st.columnText(0)].push_back({st.columnInt(1), st.columnInt(2), st.columnText(3)});
    Statement streets = m_db.prepare("SELECT name FROM org_unit WHERE kind IN " + sqlKindsOf(UnitTier::Street));
    while (streets.step()) {
        const std::string name = streets.columnText(0);
        m_streetNames.insert(name);
        m_streetNames.insert(roster::streetNameKey(name));
    }
    m_unitsLoaded = true;
}

ImportStore::UnitChoice ImportStore::lookUpUnit(const std::string& street, const std::string& text) {
    loadCommunities();
    UnitChoice c;
    c.community = text;
    c.street = street;
    auto found = m_communities.find(text);
    if (found == m_communities.end()) {
        // "江滨街道/新村社区" or 江滨街道新村社区 in the 社区 cell (a street column wins).
        std::string cellStreet, cellCommunity;
        const bool split = roster::splitStreetAndCommunity(
            text, [&](std::string_view s) { return m_streetNames.count(std::string(s)) > 0; },
            [&](std::string_view s) { return m_communities.count(std::string(s)) > 0; }, cellStreet, cellCommunity);
        if (split && m_communities.count(cellCommunity)) {
            found = m_communities.find(cellCommunity);
            c.community = cellCommunity;
            if (c.street.empty()) c.street = cellStreet;
        }
    }
    if (found == m_communities.end()) {
        // Unknown: the name may have been mapped to a 社区/村 in the wizard.
        const auto alias = m_aliases.find(text);
        if (alias != m_aliases.end()) {
            c.match.verdict = roster::UnitVerdict::Found;
            c.match.id = alias->second;
        }
        return c;
    }
    c.match = roster::matchCommunity(found->second, c.street);
    return c;
}

bool ImportStore::settleUnit(const UnitChoice& choice, RowId kept, RowId& unit, PutResult& result) {
    using roster::UnitVerdict;
    unit = choice.match.id;
    if (kept != 0) {
        unit = kept;
        result.unitKept = true;
        result.unitCommunity = choice.community;
        result.unitStreets = choice.match.streets;
    } else if (choice.match.verdict == UnitVerdict::Ambiguous || choice.match.verdict == UnitVerdict::NotInStreet) {
        result.unitRefusal = choice.match.verdict == UnitVerdict::Ambiguous ? roster::code::kUnitAmbiguous
                                                                            : roster::code::kUnitNotInStreet;
        result.unitCommunity = choice.community;
        result.unitStreet = choice.street;
        result.unitStreets = choice.match.streets;
        result.outcome = Outcome::Unchanged;
        return true;
    }
    result.unitUnknown = choice.match.verdict == UnitVerdict::Unknown && unit == 0;
    if (choice.match.streetDiffers) {
        result.streetDiffers = true;
        result.unitCommunity = choice.community;
        result.unitStreet = choice.street;
        result.unitStreets = choice.match.streets;
    }
    return false;
}

RowId ImportStore::storedPersonId(RowId batch, const RosterPerson& p) {
    if (p.idNumber.empty()) return 0;
    const std::uint64_t key = idNumberKey(p.idNumber);
    if (key != 0) {
        if (!m_pending.empty() && m_pendingBatch != batch) flushPeople();   // as putPerson does
        if (m_idsBatch != batch) loadExistingIds(batch);
        if (RowId* known = m_ids.find(key)) {
            if (*known != IdMap::kPending) return *known;
        } else {
            return m_stored.find(key);
        }
    }
    // Not a key, or a person new to this batch and still kept: look it up.
    flushPeople();
    endBulk();
    auto find = m_db.cached("SELECT id FROM person WHERE id_number = ?");
    find.bind(1, p.idNumber);
    const RowId id = find.step() ? find.columnInt(0) : 0;
    find.reset();
    return id;
}

void ImportStore::setUnitAliases(const std::map<std::string, RowId>& aliases) {
    for (const auto& [name, id] : aliases) {
        auto st = m_db.cached("SELECT name, kind FROM org_unit WHERE id = ?");
        st.bind(1, id);
        const bool found = st.step();
        const std::string unitName = found ? st.columnText(0) : std::string();
        const std::string kind = found ? st.columnText(1) : std::string();
        st.reset();
        if (!found)
            throw StorageError("所属社区“" + name + "”要归入的单位已不存在（可能刚被删除），请重新选择要归入的社区/村。");
        if (!isCommunityKind(storedUnitKind(kind)))
            throw StorageError("所属社区“" + name + "”只能归入社区或村，“" + unitName + "”是" + kind
                               + "；请改选它下面的社区/村，或新建这个社区。");
    }
    m_aliases = aliases;
}

// ============================================================ [SECTION] ID number keys

namespace {

// An 18-character ID number (17 digits and 0-9 or X) as a non-zero number
// whose order is the text's order; 0 for anything else (never stored by an
// import: the validator normalizes, so such text takes the plain path).
std::uint64_t idNumberKey(std::string_view id) {
    if (id.size() != 18) return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < 17; ++i) {
        const char c = id[static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') return 0;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    const char last = id[17];
    std::uint64_t check = 0;
    if (last == 'X') check = 10;
    else if (last >= '0' && last <= '9') check = static_cast<std::uint64_t>(last - '0');
    else return 0;
    return v * 11 + check + 1;
}

std::uint64_t mixKey(std::uint64_t x) {   // splitmix64's finalizer
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

// New people are written in sorted chunks of at most this many rows, which
// bounds the memory they take (~80 bytes each) whatever the file's size.
constexpr std::size_t kMaxPendingPeople = 2'000'000;
constexpr int kRowsPerInsert = 64;
// Where the summaries' triggers cannot be suspended for a bulk write (a
// server: dialect().bulkWritesChangeSchema is false), they run once per
// statement (FOR EACH STATEMENT on person, person_list, person_gram), so a
// longer list shares their grouped work: 10,000 people in 512-row lists took
// 21.4 s against 31.7 s in 64-row ones (psql, the same rows, loaded machine).
constexpr int kServerRowsPerInsert = 512;
constexpr int kParamsPerRow = 9;   // of the many-row INSERT: 8 fields and unit_text
// Bulk mode (see import_store.hpp) starts once a batch holds this many new
// people and more than the table already has; from then on the new people
// are written in file order every kBulkFlushPeople rows.
constexpr std::size_t kBulkMinimumPeople = 20'000;
constexpr std::size_t kBulkFlushPeople = 4096;
// A flush of at least this many new people writes the volunteer list's rows
// set-based (see "Set-based lists" in import_store.hpp). Measured with
// `import_scale_bench --threshold` (N people, per-row vs set-based, ms, in
// one run, loaded machine): empty database N=30 11–14 vs 9–12, N=300 231–248
// vs 102–124, N=10,000 5,102–5,928 vs 2,088–2,204; 1M database N=30 86–115
// vs 35–88, N=300 969–1,116 vs 568–690, N=10,000 49,213–65,413 vs
// 22,392–23,408. Set-based was faster at every N measured; below 30 the
// difference is a few milliseconds either way, and a small import keeps the
// triggers (no schema change for the other connections to notice).
constexpr std::size_t kSetBasedMinimumPeople = 30;

const char* const kInsertPerson =
    "INSERT INTO person (name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours,"
    " roster_hours_as_of, import_batch_id, created_at, updated_at, unit_text)"
    " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)";
// Outside bulk mode the unique index catches what the loaded ID numbers
// cannot (a person written meanwhile through this connection).
const char* const kOnConflict = " ON CONFLICT (id_number) DO NOTHING";
const char* const kCreateIdNumberIndex = "CREATE UNIQUE INDEX IF NOT EXISTS person_id_number ON person(id_number)";

} // namespace

// ============================================================ [SECTION] Memory

namespace detail {

constexpr std::size_t kHugePage = 2u << 20;

void* allocateLarge(std::size_t bytes) {
    if (bytes < kHugePage) return ::operator new(bytes);
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (!p) throw std::bad_alloc();
    ::madvise(p, rounded, MADV_HUGEPAGE);   // advice only: ignored where huge pages are off
    return p;
}

void freeLarge(void* p, std::size_t bytes) noexcept {
    if (bytes < kHugePage) ::operator delete(p);
    else std::free(p);
}

} // namespace detail

// ============================================================ [SECTION] IdMap

RowId* ImportStore::IdMap::find(std::uint64_t key) {
    if (m_slots.empty()) return nullptr;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = mixKey(key) & mask;; i = (i + 1) & mask) {
        if (m_slots[i].key == key) return &m_slots[i].id;
        if (m_slots[i].key == 0) return nullptr;
    }
}

RowId* ImportStore::IdMap::findOrPut(std::uint64_t key, RowId id) {
    if ((m_size + 1) * 2 > m_slots.size()) grow();
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = mixKey(key) & mask;; i = (i + 1) & mask) {
        if (m_slots[i].key == key) return &m_slots[i].id;
        if (m_slots[i].key == 0) {
            m_slots[i] = Slot{key, id};
            ++m_size;
            return nullptr;
        }
    }
}

void ImportStore::IdMap::clear() {
    m_slots.clear();
    m_slots.shrink_to_fit();
    m_size = 0;
}

void ImportStore::IdMap::grow() {
    std::vector<Slot, detail::LargeAllocator<Slot>> slots(m_slots.empty() ? 4096 : m_slots.size() * 2, Slot{0, 0});
    const std::size_t mask = slots.size() - 1;
    for (const Slot& s : m_slots) {
        if (s.key == 0) continue;
        std::size_t i = mixKey(s.key) & mask;
        while (slots[i].key != 0) i = (i + 1) & mask;
        slots[i] = s;
    }
    m_slots.swap(slots);
}

// ============================================================ [SECTION] Existing IDs

void ImportStore::StoredIds::clear() {
    m_entries.clear();
    m_entries.shrink_to_fit();
    m_filter.clear();
    m_filter.shrink_to_fit();
    m_filterMask = 0;
}

void ImportStore::StoredIds::seal() {
    const auto byKey = [](const Entry& a, const Entry& b) { return a.key < b.key; };
    if (!std::is_sorted(m_entries.begin(), m_entries.end(), byKey))   // the index gives them sorted
        std::sort(m_entries.begin(), m_entries.end(), byKey);
    std::size_t bits = 4096;
    while (bits < m_entries.size() * 64) bits *= 2;
    m_filter.assign(bits / 64, 0);
    m_filterMask = bits - 1;
    for (const Entry& e : m_entries) {
        const std::uint64_t bit = mixKey(e.key) & m_filterMask;
        m_filter[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
}

RowId ImportStore::StoredIds::find(std::uint64_t key) const {
    if (m_entries.empty()) return 0;
    const std::uint64_t bit = mixKey(key) & m_filterMask;
    if (!(m_filter[bit / 64] >> (bit % 64) & 1)) return 0;
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), key,
                                     [](const Entry& e, std::uint64_t k) { return e.key < k; });
    return it != m_entries.end() && it->key == key ? it->id : 0;
}

void ImportStore::loadExistingIds(RowId batch) {
    m_ids.clear();
    m_stored.clear();
    // A covering scan of the id_number index, in its order, the text read in place.
    Statement st = m_db.prepare("SELECT id_number, id FROM person WHERE id_number IS NOT NULL ORDER BY id_number");
    while (st.step())
        if (const std::uint64_t key = idNumberKey(st.columnView(0))) m_stored.add(key, st.columnInt(1));
    m_stored.seal();
    m_idsBatch = batch;
    m_existingPeople = m_stored.size();
    m_bulkDone = false;
}

// ============================================================ [SECTION] Bulk mode

void ImportStore::beginBulk() {
    if (m_bulk || m_bulkDone || !m_db.dialect().bulkWritesChangeSchema) return;
    // The index is dropped inside the caller's transaction: a rollback (a
    // cancel, an error, a kill) brings it back with everything else. Lookups
    // by ID number meanwhile go through m_ids and m_stored, never through SQL.
    m_db.exec("DROP INDEX person_id_number");
    m_bulk = true;
}

void ImportStore::endBulk() {
    if (!m_bulk) return;
    m_bulk = false;
    m_bulkDone = true;   // not again in this batch: a second drop would rebuild the whole index again
    // Fails (and the import with it, rolled back) only if two people share an
    // ID number, which m_ids and m_stored rule out.
    m_db.exec(kCreateIdNumberIndex);
    finishPersonList();
}

bool ImportStore::batchOpen(RowId batch) {
    auto alive = m_db.cached("SELECT 1 FROM import_batch WHERE id = ? AND finished_at IS NULL");
    alive.bind(1, batch);
    const bool exists = alive.step();
    alive.reset();
    return exists;
}

void ImportStore::deferPersonList() {
    if (m_listDeferred || !m_db.inTransaction()) return;
    Statement st = m_db.prepare("SELECT coalesce(max(id), 0) FROM person");
    m_listDeferredAfter = st.step() ? st.columnInt(0) : 0;
    m_listDeferredBatch = m_pendingBatch;
    // person_list's row and person's summaries and badge marks: all set-based
    // at finishPersonList (new_people_bulk.hpp says what the per-row ones cost).
    std::vector<std::string> triggers{kPersonListInsertTrigger};
    triggers.insert(triggers.end(), kNewPersonSummaryTriggers.begin(), kNewPersonSummaryTriggers.end());
    m_listDeferred = std::make_unique<SuspendedTriggers>(m_db, triggers);
}

void ImportStore::finishPersonList() {
    if (!m_listDeferred) return;
    const std::unique_ptr<SuspendedTriggers> deferred = std::move(m_listDeferred);
    // A transaction that rolled back took the people and brought the trigger back.
    if (!batchOpen(m_listDeferredBatch)) return;
    Statement st = m_db.prepare("SELECT coalesce(max(id), 0) FROM person");
    const std::int64_t upTo = st.step() ? st.columnInt(0) : 0;
    st.reset();
    deferred->restore();
    fillNewPeople(m_db, m_listDeferredAfter, upTo);
    PhaseClock clock("summaries + badge marks");
    writeNewPeopleSummaries(m_db, m_listDeferredAfter, upTo);
}

// ============================================================ [SECTION] People

ImportStore::PutResult ImportStore::putPerson(RowId batch, const RosterPerson& p) {
    PutResult result;
    RowId unit = 0;
    if (!p.unitName.empty()) {
        const UnitChoice choice = lookUpUnit(p.streetName, p.unitName);
        RowId kept = 0;
        if (choice.match.verdict == roster::UnitVerdict::Ambiguous && choice.street.empty()) {
            // A person stored in one of the 社区/村 of that name keeps it: the
            // roster agrees with what is stored, and moving her would be a guess
            // (an old roster, or Jinguo's own export, has no street column).
            if (const RowId stored = storedPersonId(batch, p)) {
                auto current = m_db.cached("SELECT unit_id FROM person WHERE id = ?");
                current.bind(1, stored);
                const RowId now = current.step() ? current.columnInt(0) : 0;
                current.reset();
                const auto& ids = choice.match.candidates;
                if (std::find(ids.begin(), ids.end(), now) != ids.end()) kept = now;
            }
        }
        if (settleUnit(choice, kept, unit, result)) return result;
    }
    // Timestamps are bound once per batch rather than computed by strftime()
    // for every row.
    batchNow();
    if (!m_pending.empty() && m_pendingBatch != batch) flushPeople();
    if (m_idsBatch != batch) loadExistingIds(batch);

    const std::uint64_t key = idNumberKey(p.idNumber);
    if (key == 0) {   // no ID number, or one the validator would not give: written at once
        if (!p.idNumber.empty()) {
            flushPeople();
            endBulk();
            auto find = m_db.cached("SELECT id FROM person WHERE id_number = ?");
            find.bind(1, p.idNumber);
            if (find.step()) {
                const RowId existing = find.columnInt(0);
                find.reset();
                if (renameRefused(existing, p, result)) return result;
                result.outcome = updatePerson(batch, existing, p, unit).outcome;
                if (keepUnitText(batch, false, existing, p.unitName, unit) && result.outcome == Outcome::Unchanged)
                    result.outcome = Outcome::Updated;
                return result;
            }
        }
        insertPerson(batch, p, unit);
        result.outcome = Outcome::Inserted;
        return result;
    }

    RowId* known = m_ids.findOrPut(key, IdMap::kPending);
    if (!known)   // new to this batch: stored before it?
        if (const RowId stored = m_stored.find(key)) *(known = m_ids.find(key)) = stored;
    if (known) {
        if (*known == IdMap::kPending) {   // twice in one batch (two sheets): written, then updated
            flushPeople();
            endBulk();   // the lookup below needs the index
            auto find = m_db.cached("SELECT id FROM person WHERE id_number = ?");
            find.bind(1, p.idNumber);
            if (!find.step()) throw StorageError("无法保存第" + std::to_string(p.row) + "行的人员（找不到已写入的人员）。");
            *known = find.columnInt(0);
            find.reset();
        }
        if (renameRefused(*known, p, result)) return result;
        result.outcome = updatePerson(batch, *known, p, unit).outcome;
        if (keepUnitText(batch, false, *known, p.unitName, unit) && result.outcome == Outcome::Unchanged)
            result.outcome = Outcome::Updated;
        return result;
    }

    PendingPerson kept;
    kept.key = key;
    kept.unit = unit;
    kept.hasHours = p.hours.has_value();
    kept.hours = p.hours.value_or(0.0);
    kept.row = p.row;
    kept.gender = p.gender == "女" ? 1 : p.gender == "男" ? 2 : 0;
    const std::string_view name = std::string_view(p.name).substr(0, 0xFFFF);
    const std::string_view phone = std::string_view(p.phone).substr(0, 0xFF);
    const std::string_view joined = std::string_view(p.joinedOn).substr(0, 0xFF);
    const std::string_view asOf = p.hours ? std::string_view(p.hoursAsOf).substr(0, 0xFF) : std::string_view();
    const std::string_view unitText = unit == 0 ? std::string_view(p.unitName).substr(0, 0xFF) : std::string_view();
    if (name.size() != p.name.size() || (!p.gender.empty() && kept.gender == 0)
        || (unit == 0 && unitText.size() != p.unitName.size())) {
        *m_ids.find(key) = insertPerson(batch, p, unit);   // does not fit the compact form: written at once
        result.outcome = Outcome::Inserted;
        return result;
    }
    kept.text = static_cast<std::uint32_t>(m_pendingText.size());
    kept.nameLength = static_cast<std::uint16_t>(name.size());
    kept.phoneLength = static_cast<std::uint8_t>(phone.size());
    kept.joinedLength = static_cast<std::uint8_t>(joined.size());
    kept.asOfLength = static_cast<std::uint8_t>(asOf.size());
    kept.unitTextLength = static_cast<std::uint8_t>(unitText.size());
    for (const std::string_view part : {name, phone, joined, asOf, unitText})
        m_pendingText.insert(m_pendingText.end(), part.begin(), part.end());
    m_pending.push_back(kept);
    m_pendingBatch = batch;
    result.outcome = Outcome::Inserted;
    if (!m_bulk && m_pending.size() >= kBulkMinimumPeople && m_pending.size() > m_existingPeople) beginBulk();
    if (m_pending.size() >= (m_bulk ? kBulkFlushPeople : kMaxPendingPeople) || m_pendingText.size() > 0xF0000000u)
        flushPeople();
    return result;
}

RowId ImportStore::insertPerson(RowId batch, const RosterPerson& p, RowId unit) {
    // RETURNING id: no row when the ID number's conflict skipped it (both engines).
    static const std::string plain = std::string(kInsertPerson) + " RETURNING id";
    static const std::string withConflict = std::string(kInsertPerson) + kOnConflict + " RETURNING id";
    auto insert = m_db.cached(m_bulk ? plain.c_str() : withConflict.c_str());
    insert.bind(1, p.name).bindTextOrNull(2, p.gender).bindTextOrNull(3, p.idNumber).bindTextOrNull(4, p.phone)
        .bindIdOrNull(5, unit).bindTextOrNull(6, p.joinedOn).bind(7, p.hours.value_or(0.0))
        .bindTextOrNull(8, p.hours ? p.hoursAsOf : std::string()).bind(9, batch).bind(10, m_now).bind(11, m_now)
        .bindTextOrNull(12, unit == 0 ? p.unitName : std::string());
    RowId id = 0;
    try {
        if (insert.step()) id = insert.columnInt(0);
        insert.reset();
    } catch (const StorageError&) {
        throw StorageError("无法保存第" + std::to_string(p.row) + "行的人员（数据库约束）。");
    }
    if (id == 0) throw StorageError("无法保存第" + std::to_string(p.row) + "行的人员（身份证号已存在）。");
    return id;
}

void ImportStore::flushPeople() {
    if (m_pending.empty()) return;
    // Rows kept for a batch whose transaction rolled back are dropped: the
    // batch (and everything it wrote) is gone.
    if (!batchOpen(m_pendingBatch)) {
        m_pending.clear();
        m_pendingText.clear();
        m_idsBatch = 0;
        m_bulk = false;          // the index came back with the rollback
        m_listDeferred.reset();  // and the trigger
        return;
    }
    const bool setBased = m_db.dialect().bulkWritesChangeSchema && (m_bulk || m_pending.size() >= kSetBasedMinimumPeople);
    if (setBased) deferPersonList();
    // In bulk mode there is no index to keep in order: file order it is.
    if (!m_bulk)
        std::sort(m_pending.begin(), m_pending.end(),
                  [](const PendingPerson& a, const PendingPerson& b) { return a.key < b.key; });
    // Many rows per INSERT: a one-row statement opens the table's and every
    // index's cursor and checks the schema once per row; a VALUES list of
    // kRowsPerInsert rows does it once per list. The SQL is made of constants.
    const int rowsPerInsert = m_db.dialect().bulkWritesChangeSchema ? kRowsPerInsert : kServerRowsPerInsert;
    const auto manyRowsOf = [](int rows) {
        std::string sql =
            "INSERT INTO person (name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours,"
            " roster_hours_as_of, import_batch_id, created_at, updated_at, unit_text) VALUES ";
        for (int r = 0; r < rows; ++r) {
            const int p = 3 + r * kParamsPerRow;
            sql += (r ? ", (" : "(");
            for (int j = 0; j < 8; ++j) {
                sql += "?" + std::to_string(p + j) + ", ";
                if (j == 4) sql += "1, ";   // is_volunteer after unit_id
            }
            sql += "?1, ?2, ?2, ?" + std::to_string(p + 8) + ")";
        }
        return sql;
    };
    // One text per list length and form, kept: cached() keys statements by address.
    static const std::string sqliteRows = manyRowsOf(kRowsPerInsert), serverRows = manyRowsOf(kServerRowsPerInsert);
    static const std::string sqliteRowsWithConflict = sqliteRows + kOnConflict,
                             serverRowsWithConflict = serverRows + kOnConflict;
    const std::string& manyRows = rowsPerInsert == kRowsPerInsert ? sqliteRows : serverRows;
    const std::string& manyRowsWithConflict = rowsPerInsert == kRowsPerInsert ? sqliteRowsWithConflict : serverRowsWithConflict;
    static const std::string oneRowWithConflict = std::string(kInsertPerson) + kOnConflict;
    // The values are bound without a copy: the texts live in m_pendingText
    // and the ID numbers, rebuilt from their keys, in idTexts until the run.
    std::vector<char> idTexts(18 * static_cast<std::size_t>(rowsPerInsert));
    auto bindRow = [this, &idTexts](Statement& st, int first, const PendingPerson& k, int slot, int unitTextAt) {
        char* id = idTexts.data() + 18 * slot;
        std::uint64_t v = k.key - 1;
        const unsigned check = static_cast<unsigned>(v % 11);
        v /= 11;
        id[17] = check == 10 ? 'X' : static_cast<char>('0' + check);
        for (int i = 16; i >= 0; --i, v /= 10) id[i] = static_cast<char>('0' + v % 10);
        const char* text = m_pendingText.data() + k.text;
        const std::string_view name(text, k.nameLength);
        const std::string_view phone(text + k.nameLength, k.phoneLength);
        const std::string_view joined(phone.data() + phone.size(), k.joinedLength);
        const std::string_view asOf(joined.data() + joined.size(), k.asOfLength);
        const std::string_view unitText(asOf.data() + asOf.size(), k.unitTextLength);
        st.bindUncopiedOrNull(unitTextAt, unitText);
        st.bindUncopied(first, name);
        if (k.gender == 0) st.bindNull(first + 1);
        else st.bindUncopied(first + 1, k.gender == 1 ? "女" : "男");
        st.bindUncopied(first + 2, std::string_view(id, 18)).bindUncopiedOrNull(first + 3, phone)
            .bindIdOrNull(first + 4, k.unit).bindUncopiedOrNull(first + 5, joined).bind(first + 6, k.hours)
            .bindUncopiedOrNull(first + 7, k.hasHours ? asOf : std::string_view());
    };
    // One row at a time (the tail, and a list that failed: to name the row).
    auto insertOne = [&](const PendingPerson& k) {
        auto one = m_db.cached(m_bulk ? kInsertPerson : oneRowWithConflict.c_str());
        bindRow(*one, 1, k, 0, 12);
        one.bind(9, m_pendingBatch).bind(10, m_now).bind(11, m_now);
        try {
            one.run();
        } catch (const StorageError&) {
            throw StorageError("无法保存第" + std::to_string(k.row) + "行的人员（数据库约束）。");
        }
        // The ID numbers were loaded inside this transaction: a conflict means
        // someone wrote a person meanwhile through this connection.
        if (m_db.changes() == 0)
            throw StorageError("无法保存第" + std::to_string(k.row) + "行的人员（身份证号已存在）。");
    };
    {   // the insert phase, timed by its own clock (a block, not an optional: GCC
        // warned that an optional<PhaseClock> may be used uninitialised)
        PhaseClock insertClock("person rows (+ triggers)");
        std::size_t i = 0;
        for (; i + rowsPerInsert <= m_pending.size(); i += rowsPerInsert) {
            auto many = m_db.cached(m_bulk ? manyRows.c_str() : manyRowsWithConflict.c_str());
            many.bind(1, m_pendingBatch).bind(2, m_now);
            for (int r = 0; r < rowsPerInsert; ++r) {
                const int first = 3 + r * kParamsPerRow;
                bindRow(*many, first, m_pending[i + static_cast<std::size_t>(r)], r, first + 8);
            }
            bool failed = false;
            try {
                runRecoverably(m_db, many);   // the rows are tried again one by one in this transaction
            } catch (const StorageError&) {
                failed = true;   // the list is undone whole (statement rollback)
            }
            if (failed) {
                for (int r = 0; r < rowsPerInsert; ++r) insertOne(m_pending[i + static_cast<std::size_t>(r)]);
                continue;
            }
            if (m_db.changes() != rowsPerInsert)
                throw StorageError("无法保存第" + std::to_string(m_pending[i].row) + "行等的人员（身份证号已存在）。");
        }
        for (; i < m_pending.size(); ++i) insertOne(m_pending[i]);
    }
    // Map entries stay kPending (written, id not recorded): the id is looked
    // up if the person comes again, which is rare, instead of a random write
    // into a large table for every row.

    if (!m_bulk) finishPersonList();   // bulk mode: at its end
    m_pending.clear();
    m_pendingText.clear();
    if (!m_bulk) {   // a long-lived store (the GUI) gives the memory back
        m_pending.shrink_to_fit();
        m_pendingText.shrink_to_fit();
    }
}

const std::string& ImportStore::batchNow() {
    if (m_now.empty()) {
        Statement now = m_db.prepare(std::string("SELECT ") + m_db.dialect().nowUtcSeconds);
        now.step();
        m_now = now.columnText(0);
    }
    return m_now;
}

ImportStore::PutResult ImportStore::updatePerson(RowId batch, RowId existing, const RosterPerson& p, RowId unit) {
    PutResult result;
    // What the roster's figure adds (core/roster_hours.hpp): history the
    // first time a total is seen, the increase over what is held afterwards,
    // or the hours of the stated period. Jinguo's own export writes history +
    // dated hours, so importing it adds nothing.
    roster::HoursChange hours;
    if (p.hours) {
        roster::HoursHeld held;
        auto st = m_db.cached(R"(
            SELECT roster_hours_as_of IS NOT NULL, roster_hours,
                   (SELECT coalesce(sum(hours), 0.0) FROM dated_hours WHERE person_id = ?1),
                   (SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE person_id = ?1 AND period = ?2)
            FROM person WHERE id = ?1)");
        st.bind(1, existing).bindTextOrNull(2, m_hoursBasis.period ? m_hoursBasis.period->code() : std::string());
        if (st.step()) {
            held.totalSeenBefore = st.columnInt(0) != 0;
            held.history = st.columnDouble(1);
            held.dated = st.columnDouble(2);
            held.periodCredited = st.columnDouble(3);
        }
        st.reset();
        roster::HoursBasis basis = m_hoursBasis;
        if (!p.hoursAsOf.empty()) basis.asOf = p.hoursAsOf;   // the row's own as-of date
        hours = roster::applyRosterHours(basis, *p.hours, held);
    }
    const bool totalNow = p.hours && m_hoursBasis.meaning == roster::HoursMeaning::Total;
    // Update what the roster says, keep what it leaves out. ?7 is the history
    // added (0 for none); a total seen for the first time dates the history.
    // ?8 is the batch's time, as the new people's.
    auto update = m_db.cached(R"(
        UPDATE person SET
            name = ?2,
            gender = coalesce(?3, gender),
            phone = coalesce(?4, phone),
            unit_id = coalesce(?5, unit_id),
            is_volunteer = 1,
            joined_on = coalesce(joined_on, ?6),
            roster_hours = roster_hours + CAST(?7 AS double precision),
            updated_at = ?8
        WHERE id = ?1
          AND (name IS DISTINCT FROM ?2 OR gender IS DISTINCT FROM coalesce(?3, gender)
               OR phone IS DISTINCT FROM coalesce(?4, phone)
               OR unit_id IS DISTINCT FROM coalesce(?5, unit_id) OR is_volunteer <> 1
               OR joined_on IS DISTINCT FROM coalesce(joined_on, ?6)
               OR CAST(?7 AS double precision) <> 0))");
    // The previous values, once per batch, before the first change.
    auto keep = m_db.cached(R"(
        INSERT INTO import_person_before
            (batch_id, person_id, name, gender, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of)
        SELECT ?, id, name, gender, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of
        FROM person WHERE id = ? ON CONFLICT DO NOTHING)");
    keep.bind(1, batch).bind(2, existing);
    keep.run();
    const bool keptNow = m_db.changes() > 0;
    update.bind(1, existing).bind(2, p.name).bindTextOrNull(3, p.gender).bindTextOrNull(4, p.phone)
        .bindIdOrNull(5, unit).bindTextOrNull(6, p.joinedOn).bind(7, hours.historyAdded).bind(8, batchNow());
    update.run();
    bool changed = m_db.changes() > 0;
    // Bookkeeping, not a change the user sees: the first total seen for her
    // (so the next one adds only its increase, dated). Not counted as 更新.
    bool marked = false;
    if (totalNow) {
        auto mark = m_db.cached(
            "UPDATE person SET roster_hours_as_of = CAST(?2 AS text) WHERE id = ?1 AND roster_hours_as_of IS NULL"
            " AND CAST(?2 AS text) IS NOT NULL");
        mark.bind(1, existing).bindTextOrNull(2, p.hoursAsOf);
        mark.run();
        marked = m_db.changes() > 0;
    }
    if (!changed && !marked && keptNow) {   // nothing changed: nothing to restore
        auto drop = m_db.cached("DELETE FROM import_person_before WHERE batch_id = ? AND person_id = ?");
        drop.bind(1, batch).bind(2, existing);
        drop.run();
    }
    if (hours.credit != 0) {
        // Belongs to the batch: undoing it removes the credit.
        auto credit = m_db.cached(
            "INSERT INTO roster_credit (person_id, import_batch_id, credited_on, hours, period, reported)"
            " VALUES (?, ?, ?, ?, ?, ?)");
        credit.bind(1, existing).bind(2, batch).bind(3, hours.creditedOn).bind(4, hours.credit)
            .bindTextOrNull(5, hours.period).bind(6, *p.hours);
        credit.run();
        changed = true;
    }
    result.outcome = changed ? Outcome::Updated : Outcome::Unchanged;
    return result;
}

bool ImportStore::renameRefused(RowId existing, const RosterPerson& p, PutResult& result) {
    if (m_acceptRenames) return false;
    auto st = m_db.cached("SELECT name FROM person WHERE id = ?");
    st.bind(1, existing);
    std::string stored = st.step() ? st.columnText(0) : std::string();
    st.reset();
    if (stored.empty() || stored == p.name) return false;
    result.outcome = Outcome::Unchanged;
    result.nameDiffers = true;
    result.storedName = std::move(stored);
    return true;
}

// ============================================================ [SECTION] Unit text

bool ImportStore::keepUnitText(RowId batch, bool family, RowId id, const std::string& text, RowId unit) {
    if (unit == 0 && text.empty()) return false;   // the roster says nothing about the unit
    auto current = m_db.cached(family ? "SELECT unit_text, unit_id IS NULL FROM family WHERE id = ?"
                                      : "SELECT unit_text, unit_id IS NULL FROM person WHERE id = ?");
    current.bind(1, id);
    if (!current.step()) return false;
    const bool hadText = !current.columnIsNull(0);
    const std::string before = current.columnText(0);
    const bool noUnit = current.columnInt(1) != 0;
    current.reset();
    // Text only while there is no unit: a known unit wins, and a person with
    // a unit keeps it (updatePerson keeps the unit a roster cannot place).
    const bool wantText = unit == 0 && noUnit;
    if (wantText ? (hadText && before == text) : !hadText) return false;
    auto keep = m_db.cached(
        "INSERT INTO import_unit_text_before (batch_id, table_name, row_id, unit_text) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING");
    keep.bind(1, batch).bind(2, family ? "family" : "person").bind(3, id);
    if (hadText) keep.bind(4, before); else keep.bindNull(4);
    keep.run();
    auto update = m_db.cached(family ? "UPDATE family SET unit_text = ? WHERE id = ?"
                                     : "UPDATE person SET unit_text = ? WHERE id = ?");
    if (wantText) update.bind(1, text); else update.bindNull(1);
    update.bind(2, id);
    update.run();
    return true;
}

// ============================================================ [SECTION] Families

RowId ImportStore::familyTitleId(const std::string& title, const std::string& level) {
    if (const RowId id = m_storage.awardTitleId(title, "family", level)) return id;
    // A title the catalogue lacks (美丽庭院 …) joins it as the user's own, with
    // the level's default points; undo leaves the catalogue as it is.
    auto insert = m_db.cachedInsert(R"(
        INSERT INTO award_title (name, subject_kind, level, points, builtin)
        VALUES (?1, 'family', ?2, coalesce((SELECT CAST(value AS REAL) FROM setting
                                          WHERE key = 'points.title.' || ?2), 0), 0))");
    insert.bind(1, title).bind(2, level);
    return insert.runInsert();
}

ImportStore::PutResult ImportStore::putFamily(RowId batch, const RosterFamily& f) {
    PutResult result;
    RowId unit = 0;
    if (!f.unitName.empty()) {
        const UnitChoice choice = lookUpUnit(f.streetName, f.unitName);
        RowId kept = 0;
        if (choice.match.verdict == roster::UnitVerdict::Ambiguous && choice.street.empty()) {
            // A household (head and address) stored in exactly one of the 社区/村
            // of that name keeps it, as a person does (putPerson).
            auto stored = m_db.cached("SELECT 1 FROM family WHERE head_name = ? AND address = ? AND unit_id = ? LIMIT 1");
            RowId only = 0;
            int holders = 0;
            for (const RowId candidate : choice.match.candidates) {
                stored.bind(1, f.headName).bind(2, f.address).bind(3, candidate);
                if (stored.step()) {
                    only = candidate;
                    ++holders;
                }
                stored.reset();
            }
            if (holders == 1) kept = only;
        }
        if (settleUnit(choice, kept, unit, result)) return result;
    }

    RowId family = 0;
    int members = 0;
    // Without a unit, the household is also told apart by the community
    // text it was imported with (a family imported before that text was kept
    // has none, and takes it now).
    auto find = m_db.cached(
        "SELECT id, members FROM family WHERE head_name = ?1 AND address = ?2"
        " AND unit_id IS NOT DISTINCT FROM CAST(?3 AS bigint) AND (CAST(?3 AS bigint) IS NOT NULL"
        " OR unit_text IS NOT DISTINCT FROM CAST(?4 AS text) OR unit_text IS NULL)"
        " ORDER BY unit_text IS NOT DISTINCT FROM CAST(?4 AS text) DESC LIMIT 1");
    find.bind(1, f.headName).bind(2, f.address).bindIdOrNull(3, unit).bindTextOrNull(4, f.unitName);
    if (find.step()) {
        family = find.columnInt(0);
        members = static_cast<int>(find.columnInt(1));
    }
    find.reset();
    bool changed = false;
    if (family == 0) {
        const FamilySortFields keys = familySortFields(m_db, f.headName);
        auto insert = m_db.cachedInsert("INSERT INTO family (head_name, address, members, unit_id, import_batch_id,"
                                        " unit_text, sort_key, head_spell) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, f.headName).bind(2, f.address).bind(3, f.members).bindIdOrNull(4, unit).bind(5, batch)
            .bindTextOrNull(6, unit == 0 ? f.unitName : std::string()).bind(7, keys.sortKey).bind(8, keys.headSpell);
        family = insert.runInsert();
        result.outcome = Outcome::Inserted;
    } else if (members != f.members) {
        auto keep = m_db.cached(
            "INSERT INTO import_family_before (batch_id, family_id, members) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
        keep.bind(1, batch).bind(2, family).bind(3, members);
        keep.run();
        auto update = m_db.cached("UPDATE family SET members = ? WHERE id = ?");
        update.bind(1, f.members).bind(2, family);
        update.run();
        changed = true;
    }
    if (result.outcome != Outcome::Inserted && keepUnitText(batch, true, family, f.unitName, unit)) changed = true;
    if (!f.title.empty()) {
        static const std::string insertAward = withWords(   // static: cached() keys by address
            "INSERT INTO award (title_id, year, family_id, unit_id, status, import_batch_id)"
            " VALUES (?, ?, ?, ?, {named}, ?) ON CONFLICT DO NOTHING RETURNING id");
        auto award = m_db.cached(insertAward.c_str());
        award.bind(1, familyTitleId(f.title, f.level)).bind(2, f.year).bind(3, family).bindIdOrNull(4, unit)
            .bind(5, batch);
        const RowId awardId = award.step() ? award.columnInt(0) : 0;   // no row: the household held it already
        award.reset();
        if (awardId != 0) {
            // Its history starts with its 命名 (title_events.hpp); undoing the
            // batch deletes the award and, by cascade, the event.
            changed = true;
            writeTitleEvent(m_storage, nullptr, awardId,
                            {toWord(AwardStatus::Name), f.namedOn.empty() ? defaultTitleDate(f.year, m_today.empty() ? todayIso() : m_today) : f.namedOn,
                             "", "导入"});
        }
    }
    if (result.outcome != Outcome::Inserted) result.outcome = changed ? Outcome::Updated : Outcome::Unchanged;
    return result;
}

// ============================================================ [SECTION] Finish and undo

void ImportStore::finish(RowId batch, int rowsRead, int rowsImported, int rowsUpdated, int rowsSkipped,
                         const std::string& reportJson) {
    flushPeople();
    endBulk();
    if (m_hoursBasis.meaning == roster::HoursMeaning::Period && m_hoursBasis.period) {
        // New people were written with their hours as history (the fast
        // path knows no periods): the hours of a stated period are credits
        // of that period instead. Two set statements over the batch's people.
        Statement credit = m_db.prepare(R"(
            INSERT INTO roster_credit (person_id, import_batch_id, credited_on, hours, period, reported)
            SELECT id, CAST(?1 AS bigint), CAST(?2 AS text), roster_hours, CAST(?3 AS text), roster_hours FROM person
            WHERE import_batch_id = ?1 AND roster_hours > 0)");
        credit.bind(1, batch).bind(2, roster::creditDateFor(*m_hoursBasis.period, m_hoursBasis.asOf))
            .bind(3, m_hoursBasis.period->code());
        credit.run();
        Statement clear = m_db.prepare(
            "UPDATE person SET roster_hours = 0, roster_hours_as_of = NULL WHERE import_batch_id = ? AND roster_hours > 0");
        clear.bind(1, batch);
        clear.run();
    }
    Statement st = m_db.prepare(
        "UPDATE import_batch SET finished_at = " + std::string(m_db.dialect().nowUtcSeconds) + ", rows_read = ?, rows_imported = ?,"
        " rows_updated = ?, rows_skipped = ?, report_json = ? WHERE id = ?");
    st.bind(1, rowsRead).bind(2, rowsImported).bind(3, rowsUpdated).bind(4, rowsSkipped).bind(5, reportJson)
        .bind(6, batch);
    st.run();
    m_storage.auditSummary("import", "import_batch",
                           "导入批次" + std::to_string(batch) + "：新增" + std::to_string(rowsImported) + "行，更新"
                               + std::to_string(rowsUpdated) + "行，跳过" + std::to_string(rowsSkipped) + "行");
}

ImportStore::UndoSummary ImportStore::undo(RowId batch) {
    flushPeople();
    endBulk();
    m_idsBatch = 0;
    // A bulk change: back up what is committed first (no backup, no undo).
    try {
        backUpBeforeBulkChange(m_db.path(), kBackupBeforeUndoImport);
    } catch (const StorageError& e) {
        throw StorageError("撤销导入前的备份没有写成：" + std::string(e.what())
                           + "。没有撤销任何内容，请检查数据库所在文件夹是否可写、磁盘是否已满。");
    }
    BulkWriteCache cache(m_db);  // an undo deletes rows all over person's indexes
    Transaction tx(m_db);
    Statement check = m_db.prepare(
        "SELECT b.undone_at IS NOT NULL, coalesce(b.undo_step_id, 0), coalesce(b.undone_at, ''), b.file_name,"
        " coalesce(s.undone_at, '') FROM import_batch b LEFT JOIN undo_step s ON s.id = b.undo_step_id WHERE b.id = ?");
    check.bind(1, batch);
    if (!check.step()) throw StorageError("没有编号为" + std::to_string(batch) + "的导入批次。");
    if (check.columnInt(0) != 0 || !check.columnText(4).empty()) {
        // Undone here before, or its undo step taken back with 撤销 (Ctrl+Z):
        // nothing left to take back. (A step undone before the batch was
        // marked with it, by an older version, is marked now.)
        const std::string at = check.columnText(2).empty() ? check.columnText(4) : check.columnText(2);
        const bool viaStep = !check.columnText(4).empty();
        const std::string file = check.columnText(3);
        check.reset();
        Statement mark = m_db.prepare(
            "UPDATE import_batch SET undone_at = " + std::string(m_db.dialect().nowUtcSeconds) + " WHERE id = ? AND undone_at IS NULL");
        mark.bind(1, batch);
        mark.run();
        tx.commit();
        std::string message = "导入批次" + std::to_string(batch) + "（" + file + "）已经撤销过了（" + at.substr(0, 10)
                            + " " + (at.size() >= 19 ? at.substr(11, 8) : std::string()) + "），导入写入的内容已恢复到导入前，不需要再撤销。";
        if (viaStep)
            message += "若是在“撤销”中（Ctrl+Z）撤回的、又想要回这次导入，请在“撤销”中重做，或重新导入这个文件。";
        throw StorageError(message);
    }
    const RowId step = check.columnInt(1);
    check.reset();

    UndoSummary s;
    if (step != 0 || batchWroteThroughStores(batch)) {
        // Units, targets, indicators: written through the audited stores in
        // one undo step, taken back whole (refused when a row changed since).
        s.throughStep = true;
        if (step != 0)
            if (const auto undone = UndoStore(m_storage).undoStep(step)) s.rowsUndone = undone->changes;
        Statement done = m_db.prepare(
            "UPDATE import_batch SET undone_at = " + std::string(m_db.dialect().nowUtcSeconds) + " WHERE id = ?");
        done.bind(1, batch);
        done.run();
        m_storage.auditSummary("import_undo", "import_batch", "撤销导入批次" + std::to_string(batch));
        tx.commit();
        m_communities.clear();
        m_streetNames.clear();
        m_unitsLoaded = false;
        return s;
    }
    auto run = [&](const char* sql) {
        Statement st = m_db.prepare(sql);
        st.bind(1, batch);
        st.run();
        return m_db.changes();
    };
    s.awardsRemoved = run("DELETE FROM award WHERE import_batch_id = ?");
    run("DELETE FROM roster_credit WHERE import_batch_id = ?");
    s.familiesRestored = run(
        "UPDATE family SET members = (SELECT b.members FROM import_family_before b"
        " WHERE b.batch_id = ?1 AND b.family_id = family.id)"
        " WHERE id IN (SELECT family_id FROM import_family_before WHERE batch_id = ?1)");
    s.familiesRemoved = run("DELETE FROM family WHERE import_batch_id = ?");
    s.personsRestored = run(R"(
        UPDATE person SET (name, gender, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of) =
            (SELECT b.name, b.gender, b.phone, b.unit_id, b.is_volunteer, b.joined_on, b.roster_hours,
                    b.roster_hours_as_of
             FROM import_person_before b WHERE b.batch_id = ?1 AND b.person_id = person.id)
        WHERE id IN (SELECT person_id FROM import_person_before WHERE batch_id = ?1))");
    for (const char* sql : {
             "UPDATE person SET unit_text = (SELECT b.unit_text FROM import_unit_text_before b"
             " WHERE b.batch_id = ?1 AND b.table_name = 'person' AND b.row_id = person.id)"
             " WHERE id IN (SELECT row_id FROM import_unit_text_before WHERE batch_id = ?1 AND table_name = 'person')",
             "UPDATE family SET unit_text = (SELECT b.unit_text FROM import_unit_text_before b"
             " WHERE b.batch_id = ?1 AND b.table_name = 'family' AND b.row_id = family.id)"
             " WHERE id IN (SELECT row_id FROM import_unit_text_before WHERE batch_id = ?1 AND table_name = 'family')"})
        run(sql);
    {
        // Many people: their list rows and grams go set-based first (the
        // per-row triggers of the DELETE below then find nothing to do).
        Statement people = m_db.prepare("SELECT count(*) FROM person WHERE import_batch_id = ?");
        people.bind(1, batch);
        if (m_db.dialect().bulkWritesChangeSchema && people.step()
            && static_cast<std::size_t>(people.columnInt(0)) >= kSetBasedMinimumPeople) {
            people.reset();
            removeBatchPeopleFromList(m_db, batch);
        }
    }
    s.personsRemoved = run("DELETE FROM person WHERE import_batch_id = ?");
    run(("UPDATE import_batch SET undone_at = " + std::string(m_db.dialect().nowUtcSeconds) + " WHERE id = ?").c_str());
    m_storage.auditSummary("import_undo", "import_batch",
                           "撤销导入批次" + std::to_string(batch) + "：删除" + std::to_string(s.personsRemoved)
                               + "人、" + std::to_string(s.familiesRemoved) + "户、" + std::to_string(s.awardsRemoved)
                               + "项荣誉，恢复" + std::to_string(s.personsRestored + s.familiesRestored) + "条");
    tx.commit();
    m_communities.clear();
    m_streetNames.clear();
    m_unitsLoaded = false;
    return s;
}

} // namespace jinguo::storage
