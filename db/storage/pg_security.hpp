// pg_security.hpp — users, roles and row-level security on a district's
// PostgreSQL server (issue 18, "each one sees what is hers").
//
// db/migrations_pg/security/NNNN_name.sql are embedded like the migrations
// and applied, in order and in one transaction, by `jinguo server init` and
// after every PostgreSQL migration: they are idempotent, and they refuse a
// table that no class of 0002_row_policies.sql covers. A Jinguo user is a
// login role bound to one unit (jinguo_user) and member of one group:
// jinguo_admin (管理员), jinguo_editor (录入) or jinguo_reader (只读).
#pragma once

#include "storage/migrations.hpp"   // Migration

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::storage {

class PgDatabase;

// All embedded security scripts, sorted by number (generated source).
const std::vector<Migration>& embeddedPgSecurityScripts();

// Applies every security script in one transaction (idempotent).
void applyPgSecurity(PgDatabase& db);

// migratePgDatabase, then the security scripts again (a migration may add a
// table, which must get its grants and policy before anyone reads it).
// Returns the migrations applied.
int migratePgDatabaseSecured(PgDatabase& db);

// `jinguo server init`: an empty database gets the schema and the security
// model; one that holds anything (a Jinguo schema, someone else's tables) is
// refused with a Chinese StorageError saying what is there, and left as is.
// Returns the schema version made.
int initPgServer(PgDatabase& db);

// The group role of 管理员 / 录入 / 只读; nullopt for any other text.
std::optional<std::string> pgGroupForRole(std::string_view role);

struct PgNewUser {
    std::string name;       // the login role: lowercase letters, digits, _ (starting with a letter)
    std::string unit;       // a unit's name, "街道/社区", or its number
    std::string role;       // 管理员, 录入, 只读
    std::optional<std::string> password;   // none: the role logs in as pg_hba.conf allows (peer)
};

struct PgUser {
    std::string name;
    long long unitId = 0;
    std::string unitName;   // "文昌街道" or "文昌街道/梅园社区"
    std::string role;
    std::string createdAt;
    std::string createdBy;
};

// A new login role, its group and its row in jinguo_user, in one
// transaction, through the owner's SECURITY DEFINER function jinguo_add_user
// (security/0001): the caller needs no CREATEROLE, only to be the owner or a
// 管理员 — a street's 管理员 for units of her subtree only, and only for a
// role name that does not exist yet. The password is sent only as a
// SCRAM-SHA-256 verifier made on this side, so no server log ever holds it.
// Refuses with a Chinese StorageError that says the fix: a bad name, an
// unknown or ambiguous unit, a unit outside her subtree, a bad role, a name
// already a Jinguo user or an existing role, no right, a database not
// initialized.
PgUser addPgUser(PgDatabase& db, const PgNewUser& user);

// True when a connection string carries a password (password=… or
// user:secret@ in a URI): the command line refuses those, since arguments
// are visible to every local user (ps) and kept in shell histories.
bool conninfoHasPassword(const std::string& conninfo);

// Sets a user's password: one's own (any Jinguo user), or — for a 管理员 or
// the owner — that of a user bound to her subtree (the reset when someone
// forgot hers). Sent as a SCRAM-SHA-256 verifier made here, like addPgUser's;
// jinguo_set_user_password (security/0001) checks the right again. Refuses
// in Chinese: an empty password, no such user, a unit outside her subtree,
// the owner's own role (psql's \password is the administrator's step).
void setPgUserPassword(PgDatabase& db, const std::string& name, const std::string& password);

// Every Jinguo user this connection may see, by unit then name.
std::vector<PgUser> listPgUsers(PgDatabase& db);

// The units a user can be bound to, as 设置 → 用户 offers them: tree order
// (parent before children, siblings by sort_order then id), with depth.
// (Storage::units() is not ported to PostgreSQL yet: it sorts in SQL with
// SQLite's printf.)
struct PgUnit {
    long long id = 0;
    long long parentId = 0;
    std::string name;
    int depth = 0;
    bool manageable = false;   // this connection may bind users to it (jinguo_may_manage_users)
};
std::vector<PgUnit> listPgUnits(PgDatabase& db);

// Who this connection is, for 设置 → 用户: the login role, its Jinguo role
// (管理员/录入/只读, "" when it is no Jinguo user — the database's owner) and
// whether it may create, change and disable users (the owner, a superuser,
// or a 管理员 — for users of her subtree; the owner's functions in
// security/0001 write roles and jinguo_user for her).
struct PgSessionRights {
    std::string user;
    std::string role;
    bool canManageUsers = false;
};
PgSessionRights pgSessionRights(PgDatabase& db);

// A user's unit (a name, "街道/社区" or a number, as addPgUser) and role
// changed together, in one transaction: the group granted is the new role's
// only (jinguo_update_user; her old and new unit both the caller's to
// manage). Refuses in Chinese: no such user, a bad unit or role, no right.
PgUser updatePgUser(PgDatabase& db, const std::string& name, const std::string& unit, const std::string& role);

// The user can no longer log in nor read this database: her jinguo_user row
// deleted, her groups revoked, the role set NOLOGIN (kept, not dropped: a
// role is cluster-wide and may own objects or be bound in another of the
// server's databases — NOLOGIN closes those too; and audit_log names her:
// a dropped name could be given to someone else). jinguo_disable_user does
// it for a 管理员 of the user's unit. Refuses one's own role.
void removePgUser(PgDatabase& db, const std::string& name);

} // namespace jinguo::storage
