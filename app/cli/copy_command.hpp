// copy_command.hpp — `jinguo copy`: a whole database to a new place (issue 18).
//
//   jinguo copy --from 文件.db|连接地址 --to 新文件.db|连接地址 [--quiet]
//
// A file to a server, a server to a file, or a file to a file
// (storage/database_copy.hpp). The target must be empty: a file that does not
// exist yet, a database made by createdb (or only `jinguo server init`).
// After the copy its row counts and number sums are compared with the
// source's; the target is kept only when they agree. A connection string
// with a password is refused (ps shows arguments): ~/.pgpass or PGPASSWORD.
//
// Exit codes: 0 copied and verified; 1 refused or failed (one Chinese reason
// on stderr, the target untouched); 2 bad arguments.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace jinguo::cli {

// `args`: what follows `copy`.
int runCopyCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The usage lines of `jinguo copy`, in Chinese.
const char* copyUsageText();

} // namespace jinguo::cli
