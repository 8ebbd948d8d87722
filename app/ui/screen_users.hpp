// screen_users.hpp — 设置 → 用户 (issue 18): on a server, the Jinguo users
// (database roles bound to a unit and a role 管理员/录入/只读,
// storage/pg_security.hpp). Whoever may manage users (the database's owner,
// or a 管理员 — within her own subtree, through the owner's functions) adds
// one (name, password twice, unit from her part of the org tree, role),
// changes a user's unit and role, and disables one (NOLOGIN); anyone else
// sees the users of her subtree read-only and is told whom to ask. On a SQLite file the page says users exist only on a
// server. The list is read on a Task (the server may be across a network);
// the writes go through pg_security on the window's connection.
#pragma once

#include "core/model.hpp"
#include "storage/pg_security.hpp"
#include "ui/app_state.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/task_runner.hpp"

#include <string>
#include <vector>

namespace jinguo::ui {

// What the page shows, read together.
struct UsersView {
    std::vector<storage::PgUser> users;
    storage::PgSessionRights rights;
    struct Unit {
        RowId id = 0;
        std::string label;   // indented by depth, as in 组织
    };
    std::vector<Unit> units;   // tree order; only those she may bind users to (a street's 管理员: her subtree)
};

struct UserForm {
    std::string name, password, passwordAgain;
    RowId unitId = 0;
    int role = 1;   // index into 管理员/录入/只读
};

struct UsersScreen {
    Task<UsersView> view;
    int reloads = 0;            // bumped after each write: jinguo_user is not in Storage::revision()
    UserForm add;
    std::string editing;        // the user whose unit/role is being changed ("" none)
    RowId editUnit = 0;
    int editRole = 1;
    std::string passwordFor;    // whose password is being set ("" none): her own, or a 管理员's reset of a user's
    std::string newPassword, newPasswordAgain;
    ConfirmPopup confirmRemove;
    std::string removing;
    std::string error;          // the last refusal (Chinese)
    std::string message;        // the last outcome
};

// The roles in the order the page offers them.
const std::vector<std::string>& userRoles();

// The page's writes, for the page and tests alike: "" when done (message
// set), else the Chinese refusal (also in screen.error). Reload follows.
std::string addUserFromForm(AppState& app, UsersScreen& screen);
std::string saveUserEdit(AppState& app, UsersScreen& screen);
std::string removeUser(AppState& app, UsersScreen& screen, const std::string& name);
std::string savePassword(AppState& app, UsersScreen& screen);

void drawUsersTab(AppState& app, UsersScreen& screen);

} // namespace jinguo::ui
