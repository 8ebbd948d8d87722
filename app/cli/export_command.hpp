// export_command.hpp — `jinguo export --db DB --table volunteers|families
// --out FILE.xlsx|FILE.csv [--unmasked]`.
#pragma once

#include <iosfwd>
#include <string>

namespace jinguo::storage {
class Storage;
}

namespace jinguo::cli {

struct ExportRequest {
    std::string table;        // volunteers, families
    std::string outPath;
    bool unmasked = false;    // ID numbers and phones in full
};

// Builds the table from storage (masked unless asked), writes it; returns the
// process exit code and prints a Chinese line to out or err.
int runExport(storage::Storage& storage, const ExportRequest& request, std::ostream& out, std::ostream& err);

} // namespace jinguo::cli
