// server_command.hpp — `jinguo server …`: a district's PostgreSQL server
// (issue 18). Not usable from the window yet.
//
//   jinguo server init URL
//   jinguo server add-user URL --name NAME --unit 单位名或编号 --role 管理员|录入|只读 [--password-stdin]
//   jinguo server users URL
//
// URL is a libpq connection string (postgresql://owner@host/dbname). A
// password is never taken from the command line (others see it in ps):
// ~/.pgpass or PGPASSWORD for the connection, --password-stdin for the new
// user's. All SQL is in storage/pg_security.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace jinguo::cli {

// `args`: what follows `server`. Exit status: 0 done, 1 refused or failed
// (the Chinese reason on `err`), 2 a usage error.
int runServerCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

// The usage lines of `jinguo server`, in Chinese.
const char* serverUsageText();

} // namespace jinguo::cli
