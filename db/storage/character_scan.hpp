// character_scan.hpp — the characters the data holds, for the font atlas.
//
// Storage::distinctCharacters() reads every text column the UI may show. At a
// million people and five million records that is a full scan of every big
// table (seconds), so the GUI never runs it on a frame: it reads the sources
// one at a time on a Task (app/gui/gui_main.cpp), the small and most visible
// tables first, and the fonts learn each source's characters as it arrives.
// Rows are read in batches by rowid, never concatenated into one string.
#pragma once

#include "storage/storage.hpp"

#include <atomic>
#include <cstddef>
#include <string>

namespace jinguo::storage {

// How many sources (one table's text columns each) there are.
std::size_t characterSourceCount();
// The first sources are the catalogue (units, titles, settings, targets,
// indicators, import batches): their size follows the organisation, not the
// people, so the GUI reads them at open and the first frame has their words.
std::size_t catalogueCharacterSourceCount();
// The table source `index` reads (for logs and benchmarks).
const char* characterSourceTable(std::size_t index);
// The distinct code points >= U+0080 of source `index`, sorted. `cancel` is
// polled between batches of rows; what was read so far comes back.
std::u32string distinctCharactersOf(Storage& storage, std::size_t index, const std::atomic<bool>* cancel = nullptr);

} // namespace jinguo::storage
