// server_fields.hpp — the fields that name a PostgreSQL server (host, port,
// database, user, password) as one small piece any dialog can draw: 另存到
// 服务器 (copy_dialog) today, the 打开 dialog's 服务器 tab when it is merged.
// Keys "KEY.host", "KEY.port", "KEY.database", "KEY.user", "KEY.password".
#pragma once

#include "ui/app_state.hpp"

#include <string>

namespace jinguo::ui {

struct ServerFields {
    std::string host = "localhost";
    std::string port = "5432";
    std::string database;
    std::string user;
    std::string password;   // kept in memory only; never shown, never in a message
};

// Draws the five fields (the password masked). True when one changed.
bool drawServerFields(AppState& app, ServerFields& fields, const std::string& key);

// What is missing or wrong, in Chinese; "" when the fields name a server.
std::string serverFieldsProblem(const ServerFields& fields);

// libpq's key=value form (values quoted), host first so that
// storage::isServerConnection recognises it; no host: the local socket.
std::string serverConninfo(const ServerFields& fields);

} // namespace jinguo::ui
