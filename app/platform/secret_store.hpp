// secret_store.hpp — 记住密码 in the desktop's secret store (issue 18).
//
// The Secret Service (GNOME Keyring, KWallet 5.97+, KeePassXC…) over the
// D-Bus session bus, through libsecret, when one answers; else ~/.pgpass
// (core/pgpass.hpp). Chosen at run time, per keep and per find: a desktop
// without a keyring (a kiosk, an SSH session, the tests) loses nothing.
// Items are stored under the schema "org.jinguo.ServerPassword" with the
// attributes host, port, database, user (secret-tool can list them).
#pragma once

#include "core/password_keeper.hpp"

#include <optional>
#include <string>

namespace jinguo::platform {

// True when a Secret Service answers on the session bus (one lookup; no
// bus address at all answers false without touching D-Bus).
bool secretServiceAvailable();

// Stores entry.password for entry's server and user: "" when stored, else
// why not (Chinese: no service, the keyring locked and not unlocked …).
std::string storeInSecretService(const PgpassEntry& entry);

// The stored password; nullopt when none or no service.
std::optional<std::string> findInSecretService(const PgpassEntry& entry);

// The window's keeper: the Secret Service when available, else ~/.pgpass;
// a keep the service refuses falls back to ~/.pgpass and says so.
PasswordKeeper desktopPasswordKeeper();

} // namespace jinguo::platform
