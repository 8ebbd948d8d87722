// import_store.hpp — the SQL of roster imports: batches, upserts, undo.
//
// An import runs inside one Transaction held by the caller: begin() a batch,
// put*() every good row, finish() with the counts and the report — it lands
// whole or not at all. A person is matched by ID number only (two different
// people are called 王芳); an existing person is updated, never inserted twice,
// and a roster's 服务时长 replaces the cumulative hours instead of adding to
// them. A household is matched by head, address and unit; one household may
// carry several titles and years. undo() removes what a batch inserted and
// restores what it changed.
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

class ImportStore {
public:
    explicit ImportStore(Storage& storage);

    // The standing (not undone) batch that imported a file with this hash.
    std::optional<ImportBatch> batchForFile(const std::string& kind, const std::string& sha256);
    std::vector<ImportBatch> batches();

    RowId begin(const std::string& kind, const std::string& fileName, const std::string& sha256);

    enum class Outcome { Inserted, Updated, Unchanged };
    struct PutResult {
        Outcome outcome = Outcome::Unchanged;
        bool unitUnknown = false;      // 所属社区 named no 社区/村 of the tree: stored without a unit
    };
    PutResult putPerson(RowId batch, const RosterPerson& person);
    PutResult putFamily(RowId batch, const RosterFamily& family);

    void finish(RowId batch, int rowsRead, int rowsImported, int rowsUpdated, int rowsSkipped,
                const std::string& reportJson);

    struct UndoSummary {
        int personsRemoved = 0, personsRestored = 0;
        int familiesRemoved = 0, familiesRestored = 0, awardsRemoved = 0;
    };
    // Removes and restores in one transaction; refuses (StorageError) a batch
    // that does not exist or was already undone.
    UndoSummary undo(RowId batch);

private:
    RowId unitIdByName(const std::string& name);   // 社区/村 by exact name; 0 when unknown
    RowId familyTitleId(const std::string& title, const std::string& level);

    Storage& m_storage;
    Database& m_db;
    std::map<std::string, RowId> m_units;          // cache: community name -> id
    bool m_unitsLoaded = false;
    std::string m_now;                             // the batch's timestamp for created_at/updated_at
};

} // namespace jinguo::storage
