// scores_reads.hpp — small reads the 排行榜 and 目标 screens need besides
// aggregates.hpp and year_figures.hpp.
//
// openReadOnlyStorage: a second connection to the same file for a worker
// thread (WAL lets it read while the UI's connection writes), switched to
// query_only so that nothing computed off the frame loop can write.
// BadgeReader: the badges people earned, as stored in badge_earned by the
// badge engine (which writes them); the boards show their count and names.
#pragma once

#include "core/model.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace jinguo::storage {

class Storage;

// Opens `path` (already migrated by the UI's connection) for reading only.
// Throws StorageError with a Chinese message when it cannot.
std::unique_ptr<Storage> openReadOnlyStorage(const std::string& path);

class BadgeReader {
public:
    explicit BadgeReader(Storage& storage);
    // Badge codes per person, in the order earned (earned_on, then id).
    std::unordered_map<RowId, std::vector<std::string>> personBadges();
    // The same for these people only (a board's rows read so far), by index.
    std::unordered_map<RowId, std::vector<std::string>> personBadges(const std::vector<RowId>& people);

private:
    Storage& m_storage;
};

} // namespace jinguo::storage
