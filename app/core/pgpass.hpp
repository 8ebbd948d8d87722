// pgpass.hpp — the password file libpq reads (~/.pgpass, or $PGPASSFILE),
// written by the app when the user ticks 记住密码 in the 服务器 tab.
//
// One line per server: host:port:database:user:password, ':' and '\' escaped
// by a backslash (libpq's rule; a field that is just '*' would be a wildcard,
// so it is escaped too). The app adds or replaces the ONE line whose first
// four fields are exactly this server's and leaves every other line as it
// was (comments, wildcards, other servers). The file is written whole to a
// 0600 temporary beside it and renamed over it: never half a file, never
// readable by others for a moment (libpq ignores a file others can read).
// UI-free; its tests are core_pgpass_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

struct PgpassEntry {
    std::string host, port, database, user, password;
};

// $PGPASSFILE when set, else $HOME/.pgpass (libpq's own choice).
std::string pgpassPath();

// One field escaped for the file.
std::string escapePgpassField(std::string_view field);

// The fields of one line, unescaped; nullopt for a comment, a blank line or a
// line with fewer than five fields (kept as they are, never matched).
std::optional<std::vector<std::string>> parsePgpassLine(std::string_view line);

// The file's text with `entry` added or its line replaced (the first line
// for the same host:port:database:user; later duplicates dropped, since libpq
// would read only the first anyway). Other lines untouched.
std::string pgpassWithEntry(const std::string& text, const PgpassEntry& entry);

// Whether the file at `path` has a line for entry's host:port:database:user
// (as pgpassWithEntry matches them); false when it cannot be read.
bool pgpassHoldsEntry(const std::string& path, const PgpassEntry& entry);

struct PgpassWritten {
    std::string error;   // "" when written; else why not (Chinese), file untouched
    std::string note;    // written, and something the user should know (the mode was fixed)
};

// Adds or replaces `entry` in the file at `path` (created 0600 when missing).
// Refused, file untouched: a symbolic link or not a regular file, a file of
// another user, a password or field with a line break, a folder that does
// not exist. A file others could read is rewritten 0600 and `note` says so.
PgpassWritten rememberPgPassword(const std::string& path, const PgpassEntry& entry);

} // namespace jinguo
