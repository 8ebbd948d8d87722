// password_keeper.hpp — where 记住密码 keeps a server's password (issue 18:
// "the desktop's secret store or a ~/.pgpass"). UI-free and platform-free:
// the window installs the desktop's keeper (platform/secret_store.hpp:
// the Secret Service when one answers on the session bus, else ~/.pgpass,
// chosen at run time) with storage::setPasswordKeeper; without one,
// ~/.pgpass only (core/pgpass.hpp — libpq reads that file itself).
#pragma once

#include "core/pgpass.hpp"

#include <functional>
#include <optional>
#include <string>

namespace jinguo {

struct PasswordKeeper {
    // Where a password would be kept now, for the label beside 记住密码
    // ("系统密钥环" / "~/.pgpass"); asked when the 服务器 tab is drawn.
    std::function<std::string()> place;
    // Keeps entry.password; PgpassWritten.error: not kept (Chinese);
    // .note: where it went when that is not where `place` said (a fallback).
    std::function<PgpassWritten(const PgpassEntry&)> keep;
    // The kept password of entry's host:port:database:user (password field
    // unused); nullopt when none is kept there (libpq still reads ~/.pgpass).
    std::function<std::optional<std::string>(const PgpassEntry&)> find;
};

// ~/.pgpass alone: what the CLI and the tests use.
PasswordKeeper pgpassKeeper();

} // namespace jinguo
