// target_store.hpp — the year's creation targets and manual indicators, as
// the organizer sets them (目标 screen, `jinguo targets set|remove|copy`,
// the targets and indicators imports).
//
// Progress is computed elsewhere (Aggregates::targets); this store only
// writes, each method one audited, undoable step (audited_change.hpp).
//
// A target is identified by its unit, year, metric and what it is about:
// the title (by name for a rate at any level — 平安家庭 named at 社区 or at
// 区 level is the same 平安家庭 — by the title itself at one level or for a
// count) or the indicator's name. Saving a target that exists changes its
// goal and note instead of adding a second one.
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

class TargetStore {
public:
    explicit TargetStore(Storage& storage);

    std::vector<Target> targets(int year);              // by id
    std::optional<Target> target(RowId id);
    // The stored target `t` is the same as (see above), if any.
    std::optional<Target> sameAs(const Target& t);

    // Adds `t`, or changes goal and note of the target it is the same as
    // (t.id is ignored when that exists). Refused (StorageError, Chinese,
    // nothing written): targetProblem, an unknown unit or title, a rate on a
    // title that is not a family's, a post count on a title that is not a
    // post's. `asLoaded`: the row as the form loaded it (StaleFormError when
    // it changed since). Returns the target's id.
    RowId save(const Target& t, const Target* asLoaded = nullptr);
    bool remove(RowId id);
    // Every target of `fromYear` that `toYear` does not have yet, copied with
    // its goal; one step. Returns how many were added (0: nothing to copy).
    int copyYear(int fromYear, int toYear);
    // 分解目标: target `id` set for every unit below its unit (streets and
    // communities alike), with the same goal unless `overrides` gives the
    // unit its own. Those units' existing targets of the same kind change.
    // One step. Returns how many units were written.
    int distribute(RowId id, const std::map<RowId, double>& overrides = {});

    std::vector<ManualIndicator> indicators(int year);  // by unit, then name
    std::optional<ManualIndicator> indicator(RowId id);
    // Adds, or changes the value, measure and note of the unit's indicator of
    // that name and year. Refused: an empty name, an unknown unit, a year
    // outside 1949–2100, a value that is not finite.
    RowId saveIndicator(const ManualIndicator& m, const ManualIndicator* asLoaded = nullptr);
    bool removeIndicator(RowId id);

private:
    void check(const Target& t);
    RowId write(const Target& t);       // inside a caller's AuditedChange
    Storage& m_storage;
};

} // namespace jinguo::storage
