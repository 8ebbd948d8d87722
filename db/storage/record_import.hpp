// record_import.hpp — importing units, targets and manual indicators: the
// same request and report as a roster import (runRosterImport hands these
// kinds here), one transaction for the run, one batch per file.
//
// A file's rows are written through the audited stores (RecordStore for
// units, so people and families waiting under the unit's name are linked;
// TargetStore for targets and indicators, which change a stored one in place)
// inside one undo step that the batch keeps (import_batch.undo_step_id):
// ImportStore::undo takes the whole step back. A row a store refuses becomes
// a problem row; the others are written.
#pragma once

#include "core/roster_import.hpp"

namespace jinguo::storage {

class Storage;

// Called by runRosterImport, which turns a StorageError or bad_alloc into a
// Failed result (nothing written); throws them.
roster::RosterImportResult runRecordImport(Storage& storage, const roster::RosterImportRequest& request);

} // namespace jinguo::storage
