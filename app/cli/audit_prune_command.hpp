// audit_prune_command.hpp — `jinguo audit-prune --db FILE [--days N]`: masks
// the ID numbers and phones that deleted people left in the audit log once
// they are older than the retention limit (storage/audit_retention.hpp).
#pragma once

#include <iosfwd>
#include <string>

namespace jinguo::cli {

// days < 0: the database's setting (default 180). Returns the exit code.
int runAuditPruneCommand(const std::string& dbPath, int days, std::ostream& out, std::ostream& err);

} // namespace jinguo::cli
