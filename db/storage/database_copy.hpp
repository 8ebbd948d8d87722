// database_copy.hpp — a whole Jinguo database copied to a new place, either
// engine to either engine (issue 18: `jinguo copy`, 文件 → 另存为…).
//
// The copy is a clone: every table both engines keep (summaries included)
// gets the source's rows as they are, ids kept, with the target's own
// triggers off while it is written. The target then holds what the source
// held, whoever computed it: a summary the PostgreSQL side cannot compute
// yet (person_list, the grams, honour_list: the app's ICU/pinyin functions)
// arrives computed by SQLite, and once its server triggers exist the copy
// still needs no change. SQLite's FTS5 tables (no server twin) are filled on
// a file target from the rows their triggers read. PostgreSQL's identity
// sequences are set past the copied ids.
//
// The target must be empty: a file that does not exist yet, or a server
// database with no tables, or one `jinguo server init` made and nothing has
// written since. It is written in ONE transaction (a server) or into a
// temporary file beside it renamed at the end (a file), after the copy is
// verified: every copied table's row count and the sum of every number
// column equal on both sides. Any failure or mismatch leaves nothing.
#pragma once

#include "storage/database.hpp"   // StorageError

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace jinguo::storage {

struct CopyProgress {
    std::int64_t rowsCopied = 0;
    std::int64_t rowsTotal = 0;
    std::string table;          // the table being copied ("" while verifying)
    bool verifying = false;
};
// Called every few thousand rows, on the copying thread. It may throw
// CopyCancelled to stop: the target is then left as it was.
using CopyProgressFn = std::function<void(const CopyProgress&)>;

class CopyCancelled : public StorageError {
public:
    CopyCancelled() : StorageError("已取消复制，目标未做任何修改。") {}
};

struct CopiedTable {
    std::string name;
    std::int64_t rows = 0;
    double seconds = 0;         // reading the source's rows and writing them
};

struct CopyReport {
    std::string from;           // as shown to the user (no password)
    std::string to;
    std::vector<CopiedTable> tables;   // in copy order
    std::int64_t rows = 0;
    std::int64_t numbersCompared = 0;  // (table, number column) sums found equal
    double seconds = 0;
};

// Copies `from` (a Jinguo file or server) to `to` (a new file or an empty
// server database). Throws StorageError with a Chinese message that says
// what to do: a missing source, a target that is not empty, a row the target
// refuses, a verification mismatch (each listed) — the target untouched.
CopyReport copyDatabase(const std::string& from, const std::string& to, const CopyProgressFn& progress = {});

} // namespace jinguo::storage
