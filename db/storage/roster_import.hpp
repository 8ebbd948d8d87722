// roster_import.hpp — a whole roster import: files → sheets → mapping →
// validation (core/roster_import.hpp) → one transaction → report. Shared by
// `jinguo import` and the 导入 wizard, so both import exactly alike.
//
// One transaction for the whole run and one import batch per file: the import
// lands whole or not at all. A file imported before (same SHA-256, batch not
// undone) is recognized and skipped. The run reports progress and can be
// cancelled from another thread: a cancelled run rolls back, nothing written.
// It runs on whatever thread calls it, with that thread's own Storage (an
// SQLite connection is not shared between threads).
#pragma once

#include "core/roster_import.hpp"

namespace jinguo::storage {

class Storage;

// The request and the report are core's; named here too so that callers of
// runRosterImport need no second header.
using roster::FileImportReport;
using roster::ImportProgress;
using roster::kMaxProblemRows;
using roster::ProblemRow;
using roster::RosterImportRequest;
using roster::RosterImportResult;
using roster::SheetImportReport;
using roster::fileImportReportJson;
using roster::importReportJson;
using roster::problemListTable;

// Runs the import; never throws for bad input (a StorageError becomes Failed).
// On Committed it bumps the revision of `storage`.
RosterImportResult runRosterImport(Storage& storage, const RosterImportRequest& request);

} // namespace jinguo::storage
