// server_address.hpp — where a district's PostgreSQL server is (issue 18):
// the fields of the 打开 dialog's 服务器 tab and the libpq connection string
// made from them. UI-free; the password is never part of it (it goes to the
// session's memory or ~/.pgpass, core/pgpass.hpp), so the string can be
// shown, logged and kept in the recent list.
#pragma once

#include <string>
#include <string_view>

namespace jinguo {

struct ServerAddress {
    std::string host = "localhost";   // a name, an address, or a socket folder (/run/postgresql)
    std::string port = "5432";
    std::string database;
    std::string user;
};

// True when `path` names a PostgreSQL server rather than a file:
// postgresql://… or postgres://… URIs and libpq's key=value strings (one that
// starts with host=, hostaddr=, port=, dbname=, user= or service=).
// (storage::isServerConnection is this.)
bool looksLikeServerConnection(std::string_view path);

// "" when the fields can make a connection, else what to fix (Chinese).
std::string checkServerAddress(const ServerAddress& address);

// A value in libpq's key=value form: always single-quoted, with \ and '
// escaped by a backslash (libpq's rule), so spaces and quotes survive.
std::string quoteConninfoValue(std::string_view value);

// host='…' port='…' dbname='…' user='…' (checkServerAddress first). The same
// fields always give the same string: the recent list finds it again.
std::string conninfoOf(const ServerAddress& address);

} // namespace jinguo
