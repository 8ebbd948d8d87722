// import_command.hpp — `jinguo import --db DB --kind volunteers|families
// [--sheet NAME]... [--dry-run] [--accept-renames] [--report-json OUT]
// [--create-units-under 街道或镇] FILE...`
//
// One transaction for the whole command and one import batch per file: the
// import lands whole or not at all (a kill -9 leaves the database as it was).
// Every good row is imported, every bad row explained in the report; a file
// that cannot be read at all stops the command with nothing written. A file
// imported before (same SHA-256, batch not undone) is recognized and skipped.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace jinguo::storage {
class Storage;
}

namespace jinguo::cli {

struct ImportRequest {
    std::string kind;                   // volunteers, families
    std::vector<std::string> sheets;    // empty: every visible sheet
    bool dryRun = false;                // validate and report, write nothing
    bool acceptRenames = false;         // rows whose ID is stored under another name rename the person
    std::string reportJsonPath;         // empty: no report file
    std::vector<std::string> files;
    std::string today;                  // YYYY-MM-DD; empty: today
    // What 服务时长 means (core/roster_hours.hpp): --hours-mean total|period,
    // --hours-period 2026Q1, --as-of YYYY-MM-DD; empty: totals as of today.
    std::string hoursMean, hoursPeriod, asOf;
    // --create-units-under NAME: the 所属社区 names not in 组织 are created
    // as 社区/村 under this 街道/镇 (one undo step) before the rows are
    // written; taken back again when the import does not commit.
    std::string createUnitsUnder;
    // --map-unit 旧名=单位名 (repeatable): rows whose 所属社区 is 旧名 go to
    // the existing 社区/村 单位名 (RosterImportRequest::unitAliases); such
    // names are never created by --create-units-under.
    std::vector<std::string> mapUnits;
};

// Returns the exit code: 0 when the import ran (even with rejected rows),
// 1 when a file could not be read (one Chinese line on err), 2 for bad arguments
// (a malformed --map-unit, an unknown 街道/镇 or 社区/村 among them).
int runImport(storage::Storage& storage, const ImportRequest& request, std::ostream& out, std::ostream& err);

} // namespace jinguo::cli
