// character_scan.cpp — see character_scan.hpp.
#include "storage/character_scan.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string_view>
#include <vector>

namespace jinguo::storage {

namespace {
// Every text column the UI may show, status and level words included
// (考核验收 reaches the screen from award.status, not from the UI strings).
// Read in batches by `id` (SQLite's rowid alias; a server's identity key);
// `setting` has a text key and a few dozen rows: read whole (id 0).
struct CharacterSource {
    const char* table;
    const char* text;   // one expression over the row
};
constexpr CharacterSource kCharacterSources[] = {
    {"org_unit", "name || kind"},
    {"award_title", "name || level"},
    {"setting", "value || note"},   // no id: read whole
    {"target", "coalesce(indicator, '') || note"},
    {"manual_indicator", "name || unit || note"},
    {"import_batch", "file_name"},
    {"post", "work_unit || name || contact_name || note"},
    {"activity", "name || kind || note"},
    {"person", "name || coalesce(gender, '') || note"},
    {"family", "head_name || address || note"},
    {"award", "status || doc_number || coalesce(collective_name, '')"},
    {"award_event", "status || doc_number || note"},
    {"service_record", "description || recorded_by"},
};
// Rows per statement: the read snapshot is let go between batches (a
// checkpoint can proceed) and a cancel is seen within one batch.
constexpr int kBatchRows = 20000;
} // namespace

std::size_t characterSourceCount() { return std::size(kCharacterSources); }
std::size_t catalogueCharacterSourceCount() { return 6; }   // org_unit … import_batch above

const char* characterSourceTable(std::size_t index) {
    return index < characterSourceCount() ? kCharacterSources[index].table : "";
}

std::u32string distinctCharactersOf(Storage& storage, std::size_t index, const std::atomic<bool>* cancel) {
    if (index >= characterSourceCount()) return {};
    const CharacterSource& from = kCharacterSources[index];
    std::vector<bool> seen(0x110000, false);
    std::u32string found;
    // Table and expression are the constants above, never user text.
    const bool keyed = std::string_view(from.table) != "setting";
    Statement st = storage.db().prepare(
        keyed ? std::string("SELECT id, ") + from.text + " FROM " + from.table + " WHERE id > ? ORDER BY id LIMIT "
                    + std::to_string(kBatchRows)
              : std::string("SELECT 0, ") + from.text + " FROM " + from.table + " WHERE CAST(? AS bigint) IS NOT NULL");
    std::int64_t after = std::numeric_limits<std::int64_t>::min();
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) break;
        st.reset();
        st.bind(1, after);
        int rows = 0;
        while (st.step()) {
            ++rows;
            after = st.columnInt(0);
            for (char32_t cp : utf8ToCodepoints(st.columnText(1)))
                if (cp >= 0x80 && cp < 0x110000 && !seen[cp]) {
                    seen[cp] = true;
                    found.push_back(cp);
                }
        }
        if (!keyed || rows < kBatchRows) break;
    }
    st.reset();
    std::sort(found.begin(), found.end());
    return found;
}

} // namespace jinguo::storage
