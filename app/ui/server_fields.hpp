// server_fields.hpp — the fields that name a district's PostgreSQL server
// (issue 18): 服务器地址, 端口, 数据库, 用户名, 密码 and 记住密码. A small
// piece of its own so that 打开 (open_dialog.hpp) and 另存为 can both use it.
//
// The password never becomes part of the connection string: acceptServerFields
// hands it to the session (storage::setSessionPassword, memory only) and the
// string it returns — host, port, database, user — is what the window may
// show, log and keep in 最近打开. 记住密码 writes ~/.pgpass, but only once
// the server accepted the password (setSessionPassword's rememberOnceAccepted).
#pragma once

#include "core/server_address.hpp"
#include "ui/note_text.hpp"

#include <string>

namespace jinguo::ui {

struct ServerFields {
    ServerAddress address;
    std::string password;
    bool rememberPassword = false;
    std::string error;   // why the last try failed (Chinese), under the fields
    std::string note;    // a remark in the neutral colour (the password file's mode fixed)
};

// The fields of the server named by `conninfo` (a recent or the open
// server); a file path or an unparsable string leaves the defaults. The
// password is left empty.
void fillServerFields(ServerFields& fields, const std::string& conninfo);

// Checks the fields (a Chinese error in fields.error when they cannot make a
// connection); when they can, registers the typed password for the session
// and returns the connection string to open, else "".
std::string acceptServerFields(ServerFields& fields);

// The fields, with `okLabel` under them. Keys: key.host, key.port,
// key.database, key.user, key.password, key.remember, key.ok, key.error.
// Returns the connection string on the frame the user pressed okLabel (or
// Enter) with fields that pass acceptServerFields, else "".
std::string drawServerFields(const NoteText& noteText, ServerFields& fields, const char* key, const char* okLabel);

} // namespace jinguo::ui
