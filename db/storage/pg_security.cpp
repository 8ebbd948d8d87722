// pg_security.cpp — applies db/migrations_pg/security and manages Jinguo's
// users on a PostgreSQL server (see pg_security.hpp).
#include "storage/pg_security.hpp"

#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <memory>

namespace jinguo::storage {

namespace {

// Role names Jinguo makes: plain SQL identifiers, so they need no quoting
// in pg_hba.conf, psql or a connection string.
bool validRoleName(const std::string& name) {
    if (name.empty() || name.size() > 63 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return name.rfind("pg_", 0) != 0 && name != "jinguo_admin" && name != "jinguo_editor" && name != "jinguo_reader"
           && name != "public";
}

bool jinguoUserTableExists(PgDatabase& db) {
    auto st = db.prepare("SELECT to_regclass('jinguo_user') IS NOT NULL");
    return st.step() && st.columnInt(0) == 1;
}

std::int64_t countOf(PgDatabase& db, const char* sql) {
    auto st = db.prepare(sql);
    return st.step() ? st.columnInt(0) : 0;
}

std::string notInitialized(PgDatabase& db) {
    return "服务器上的数据库“" + db.description() + "”还不是Jinguo数据库（或没有用户表）。请先运行：jinguo server init "
           "连接地址";
}

struct UnitMatch {
    long long id = 0;
    std::string shown;
};

// "文昌街道/梅园社区" below a top unit, the name alone for a top unit or a street.
const char* kUnitShownSql =
    "CASE WHEN p.id IS NOT NULL AND p.parent_id IS NOT NULL THEN p.name || '/' || o.name ELSE o.name END";

std::vector<UnitMatch> unitsMatching(PgDatabase& db, const std::string& unit) {
    std::vector<UnitMatch> found;
    const bool number = !unit.empty() && unit.find_first_not_of("0123456789") == std::string::npos && unit.size() < 18;
    const std::size_t slash = unit.find('/');
    std::string sql = std::string("SELECT o.id, ") + kUnitShownSql
                      + " FROM org_unit o LEFT JOIN org_unit p ON p.id = o.parent_id WHERE ";
    if (number) sql += "o.id = ?";
    else if (slash != std::string::npos) sql += "p.name = ? AND o.name = ?";
    else sql += "o.name = ?";
    sql += " ORDER BY o.id";
    auto st = db.prepare(sql);
    if (number) st.bind(1, static_cast<std::int64_t>(std::atoll(unit.c_str())));
    else if (slash != std::string::npos) st.bind(1, unit.substr(0, slash)).bind(2, unit.substr(slash + 1));
    else st.bind(1, unit);
    while (st.step()) found.push_back({st.columnInt(0), st.columnText(1)});
    return found;
}

// The units a fix can name: the top unit and the streets/towns under it.
std::string unitsToChooseFrom(PgDatabase& db) {
    auto st = db.prepare("SELECT o.name FROM org_unit o LEFT JOIN org_unit p ON p.id = o.parent_id "
                         "WHERE o.parent_id IS NULL OR p.parent_id IS NULL ORDER BY o.parent_id NULLS FIRST, o.sort_order, o.id LIMIT 12");
    std::string names;
    while (st.step()) names += (names.empty() ? "" : "、") + st.columnText(0);
    return names;
}

UnitMatch resolveUnit(PgDatabase& db, const std::string& unit) {
    if (unit.empty()) throw StorageError("请用 --unit 指定用户所属的单位（区、街道或社区的名称，或单位编号）。");
    const std::vector<UnitMatch> found = unitsMatching(db, unit);
    if (found.size() == 1) return found.front();
    if (found.empty()) {
        const std::string choices = unitsToChooseFrom(db);
        throw StorageError("没有名为（或编号为）“" + unit + "”的单位。"
                           + (choices.empty() ? std::string("数据库里还没有任何单位：请先导入或建立组织架构。")
                                              : "可用的单位有：" + choices + "等；社区请写作“街道/社区”。"));
    }
    std::string names;
    for (const UnitMatch& m : found) names += (names.empty() ? "" : "、") + m.shown + "（编号" + std::to_string(m.id) + "）";
    throw StorageError("有" + std::to_string(found.size()) + "个单位都叫“" + unit + "”：" + names
                       + "。请写成“街道/社区”或用单位编号。");
}

// The refusal the server's functions would give, said first and in full:
// only a 管理员 (or the owner) manages users, a street's 管理员 those of her
// subtree only.
void requireManagerOf(PgDatabase& db, const UnitMatch& unit) {
    auto st = db.prepare("SELECT jinguo_may_manage_users(NULL), jinguo_may_manage_users(CAST(? AS bigint)), "
                         "jinguo_current_role()");
    st.bind(1, static_cast<std::int64_t>(unit.id));
    if (!st.step() || st.columnInt(0) == 0)
        throw StorageError("当前登录的账号" + (st.columnText(2).empty() ? std::string() : "（" + st.columnText(2) + "）")
                           + "不能管理用户：添加、修改和停用用户需要管理员的账号（或数据库所有者的账号）。请管理员操作。");
    if (st.columnInt(1) == 0)
        throw StorageError("“" + unit.shown + "”不在你所属单位及其下属单位之内：街道的管理员只能管理本街道及其社区的用户。"
                           "请选本单位或下属单位，或请区管理员操作。");
}

} // namespace

void applyPgSecurity(PgDatabase& db) {
    PgTransaction tx(db);
    for (const Migration& script : embeddedPgSecurityScripts()) {
        try {
            db.exec(script.sql);
        } catch (const StorageError& e) {
            throw StorageError("服务器的用户与权限设置（" + std::string(script.name) + "）失败，已全部撤回："
                               + std::string(e.what()));
        }
    }
    tx.commit();
}

int migratePgDatabaseSecured(PgDatabase& db) {
    PgTransaction tx(db);
    const int applied = migratePgDatabase(db);
    applyPgSecurity(db);
    tx.commit();
    return applied;
}

int initPgServer(PgDatabase& db) {
    const int version = pgSchemaVersion(db);
    if (version > 0) {
        const std::int64_t people = countOf(db, "SELECT count(*) FROM person");
        const std::int64_t users = jinguoUserTableExists(db) ? countOf(db, "SELECT count(*) FROM jinguo_user") : 0;
        throw StorageError("服务器上的数据库“" + db.description() + "”已经是Jinguo数据库（结构版本"
                           + std::to_string(version) + "，" + std::to_string(people) + "名人员，"
                           + std::to_string(users) + "位用户），不需要初始化，未做任何修改。添加用户请用 "
                             "jinguo server add-user；要从头开始，请用 createdb 新建一个空数据库。");
    }
    auto st = db.prepare("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p', 'm', 'S', 'f') "
                         "ORDER BY c.relname");
    std::vector<std::string> present;
    while (st.step()) present.push_back(st.columnText(0));
    if (!present.empty()) {
        std::string names;
        for (std::size_t i = 0; i < present.size() && i < 5; ++i) names += (i ? "、" : "") + present[i];
        throw StorageError("服务器上的数据库“" + db.description() + "”不是空库：已有" + std::to_string(present.size())
                           + "个数据表或视图（" + names + (present.size() > 5 ? "等" : "")
                           + "）。为免混入别人的数据，未做任何修改。请用 createdb 新建一个空数据库，再运行 jinguo server init。");
    }
    PgTransaction tx(db);
    migratePgDatabase(db);
    applyPgSecurity(db);
    tx.commit();
    return pgSchemaVersion(db);
}

std::optional<std::string> pgGroupForRole(std::string_view role) {
    if (role == "管理员") return std::string("jinguo_admin");
    if (role == "录入") return std::string("jinguo_editor");
    if (role == "只读") return std::string("jinguo_reader");
    return std::nullopt;
}

namespace {
// The verifier, not the password: ALTER ROLE's text may reach the server's
// log (log_statement), a SCRAM verifier is safe there.
std::string scramVerifier(PgDatabase& db, const std::string& name, const std::string& password) {
    std::unique_ptr<char, decltype(&PQfreemem)> made(
        PQencryptPasswordConn(db.handle(), password.c_str(), name.c_str(), "scram-sha-256"), &PQfreemem);
    if (!made) throw StorageError("无法生成密码校验值：" + std::string(PQerrorMessage(db.handle())));
    return made.get();
}
} // namespace

PgUser addPgUser(PgDatabase& db, const PgNewUser& user) {
    if (!validRoleName(user.name))
        throw StorageError("用户名“" + user.name + "”不能用：请用小写英文字母开头，只含小写字母、数字和下划线，"
                           "最长63个字符（不能以 pg_ 开头），例如 --name jiangbin_chair。");
    const std::optional<std::string> group = pgGroupForRole(user.role);
    if (!group)
        throw StorageError("不认识的角色“" + user.role + "”，--role 可选：管理员（本单位及下属单位的全部数据，可改组织和称号）、"
                           "录入（本单位及下属单位的数据，可录入修改）、只读（本单位及下属单位的数据，只能查看）。");
    if (pgSchemaVersion(db) == 0 || !jinguoUserTableExists(db)) throw StorageError(notInitialized(db));
    if (user.password && user.password->empty())
        throw StorageError("密码为空：--password-stdin 从标准输入读一行作为密码，请输入非空的密码。");
    PgTransaction tx(db);
    const UnitMatch unit = resolveUnit(db, user.unit);
    requireManagerOf(db, unit);
    {
        auto st = db.prepare("SELECT u.role, " + std::string(kUnitShownSql)
                             + " FROM jinguo_user u JOIN org_unit o ON o.id = u.unit_id "
                               "LEFT JOIN org_unit p ON p.id = o.parent_id WHERE u.role_name = ?");
        st.bind(1, user.name);
        if (st.step())
            throw StorageError("“" + user.name + "”已经是这个数据库的用户（" + st.columnText(1) + "，" + st.columnText(0)
                               + "），未做修改。换一个用户名，或先删除这个用户。");
    }
    {
        auto st = db.prepare("SELECT rolsuper OR rolbypassrls, jinguo_is_schema_owner() FROM pg_roles WHERE rolname = ?");
        st.bind(1, user.name);
        if (st.step()) {
            if (st.columnInt(0) != 0)
                throw StorageError("数据库角色“" + user.name + "”是超级用户或可绕过行级安全，不受单位范围限制，"
                                   "不能作为Jinguo用户。请换一个用户名。");
            if (st.columnInt(1) == 0)
                throw StorageError("数据库角色“" + user.name + "”已经存在（可能是服务器上其他数据库的用户）："
                                   "请换一个用户名，或请数据库所有者操作。");
        }
    }
    std::optional<std::string> verifier;
    if (user.password) verifier = scramVerifier(db, user.name, *user.password);
    // The owner's function does the CREATE ROLE: a 管理员 has no CREATEROLE
    // (security/0001_users_and_roles.sql checks her subtree again).
    {
        auto st = db.prepare("SELECT jinguo_add_user(CAST(? AS text), CAST(? AS bigint), CAST(? AS text), CAST(? AS text))");
        st.bind(1, user.name).bind(2, static_cast<std::int64_t>(unit.id)).bind(3, user.role);
        if (verifier) st.bind(4, *verifier);
        else st.bindNull(4);
        st.step();
    }
    auto st = db.prepare("SELECT created_at, created_by FROM jinguo_user WHERE role_name = ?");
    st.bind(1, user.name);
    PgUser added{user.name, unit.id, unit.shown, user.role, "", ""};
    if (st.step()) {
        added.createdAt = st.columnText(0);
        added.createdBy = st.columnText(1);
    }
    st.reset();
    tx.commit();
    return added;
}

bool conninfoHasPassword(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (error) PQfreemem(error);
    if (!options) return false;   // unparsable: the connection says why
    bool found = false;
    for (PQconninfoOption* o = options; o->keyword; ++o)
        if (std::string_view(o->keyword) == "password" && o->val && *o->val) found = true;
    PQconninfoFree(options);
    return found;
}

std::vector<PgUnit> listPgUnits(PgDatabase& db) {
    std::map<long long, std::vector<PgUnit>> children;   // by parent (0: top), each in sort order
    // The subtree read once (not jinguo_may_manage_users per row: a walk each).
    auto st = db.prepare("WITH me AS (SELECT jinguo_is_schema_owner() AS owner, jinguo_current_role() = '管理员' AS admin, "
                         "jinguo_visible_units() AS units) "
                         "SELECT o.id, coalesce(o.parent_id, 0), o.name, me.owner OR (me.admin AND o.id = ANY (me.units)) "
                         "FROM org_unit o CROSS JOIN me ORDER BY o.sort_order, o.id");
    while (st.step())
        children[st.columnInt(1)].push_back({st.columnInt(0), st.columnInt(1), st.columnText(2), 0, st.columnInt(3) != 0});
    std::vector<PgUnit> ordered;
    std::set<long long> placed;   // a loop in the data cannot hang the walk
    std::function<void(long long, int)> walk = [&](long long parent, int depth) {
        const auto at = children.find(parent);
        if (at == children.end()) return;
        for (PgUnit unit : at->second) {
            if (!placed.insert(unit.id).second) continue;
            unit.depth = depth;
            ordered.push_back(unit);
            walk(unit.id, depth + 1);
        }
    };
    walk(0, 0);
    return ordered;
}

PgSessionRights pgSessionRights(PgDatabase& db) {
    PgSessionRights rights;
    // The owner, a superuser or a Jinguo 管理员 (security/0001's functions
    // do the writing for her).
    const bool initialized = jinguoUserTableExists(db);
    auto st = db.prepare(initialized ? "SELECT session_user::text, jinguo_may_manage_users(NULL)"
                                     : "SELECT session_user::text, rolsuper FROM pg_roles WHERE rolname = session_user");
    if (st.step()) {
        rights.user = st.columnText(0);
        rights.canManageUsers = st.columnInt(1) != 0;
    }
    st.reset();
    if (jinguoUserTableExists(db)) {
        auto role = db.prepare("SELECT role FROM jinguo_user WHERE role_name = session_user::text");
        if (role.step()) rights.role = role.columnText(0);
    }
    return rights;
}

namespace {
void requireUserManager(PgDatabase& db) {
    if (pgSchemaVersion(db) == 0 || !jinguoUserTableExists(db)) throw StorageError(notInitialized(db));
    if (!pgSessionRights(db).canManageUsers)
        throw StorageError("当前登录的账号不能管理用户：添加、修改和停用用户需要管理员的账号（或数据库所有者的账号）。"
                           "请管理员操作。");
}

// The user's unit, or a refusal naming her.
UnitMatch currentUnitOf(PgDatabase& db, const std::string& name) {
    auto st = db.prepare("SELECT o.id, " + std::string(kUnitShownSql)
                         + " FROM jinguo_user u JOIN org_unit o ON o.id = u.unit_id "
                           "LEFT JOIN org_unit p ON p.id = o.parent_id WHERE u.role_name = ?");
    st.bind(1, name);
    if (!st.step()) throw StorageError("“" + name + "”不是这个数据库的用户（可能刚被别人删除了），未做修改。");
    return {st.columnInt(0), st.columnText(1)};
}

// The user's current row, or a refusal naming her.
void requireJinguoUser(PgDatabase& db, const std::string& name) {
    auto st = db.prepare("SELECT 1 FROM jinguo_user WHERE role_name = ?");
    st.bind(1, name);
    if (!st.step()) throw StorageError("“" + name + "”不是这个数据库的用户（可能刚被别人删除了），未做修改。");
}
} // namespace

PgUser updatePgUser(PgDatabase& db, const std::string& name, const std::string& unitText, const std::string& role) {
    const std::optional<std::string> group = pgGroupForRole(role);
    if (!group) throw StorageError("不认识的角色“" + role + "”：可选管理员、录入、只读。");
    requireUserManager(db);
    PgTransaction tx(db);
    requireJinguoUser(db, name);
    const UnitMatch unit = resolveUnit(db, unitText);
    requireManagerOf(db, currentUnitOf(db, name));
    requireManagerOf(db, unit);
    {
        auto call = db.prepare("SELECT jinguo_update_user(CAST(? AS text), CAST(? AS bigint), CAST(? AS text))");
        call.bind(1, name).bind(2, static_cast<std::int64_t>(unit.id)).bind(3, role);
        call.step();
    }
    auto st = db.prepare("SELECT created_at, created_by FROM jinguo_user WHERE role_name = ?");
    st.bind(1, name);
    PgUser changed{name, unit.id, unit.shown, role, "", ""};
    if (st.step()) {
        changed.createdAt = st.columnText(0);
        changed.createdBy = st.columnText(1);
    }
    st.reset();
    tx.commit();
    return changed;
}

void removePgUser(PgDatabase& db, const std::string& name) {
    requireUserManager(db);
    if (name == pgSessionRights(db).user)
        throw StorageError("不能删除自己正在登录的账号“" + name + "”。请用另一个管理账号删除。");
    PgTransaction tx(db);
    requireJinguoUser(db, name);
    requireManagerOf(db, currentUnitOf(db, name));
    auto st = db.prepare("SELECT jinguo_disable_user(CAST(? AS text))");
    st.bind(1, name);
    st.step();
    st.reset();
    tx.commit();
}

void setPgUserPassword(PgDatabase& db, const std::string& name, const std::string& password) {
    if (pgSchemaVersion(db) == 0 || !jinguoUserTableExists(db)) throw StorageError(notInitialized(db));
    if (password.empty()) throw StorageError("新密码为空：请输入非空的密码。");
    const std::string verifier = scramVerifier(db, name, password);
    auto st = db.prepare("SELECT jinguo_set_user_password(CAST(? AS text), CAST(? AS text))");
    st.bind(1, name).bind(2, verifier);
    st.step();
}

std::vector<PgUser> listPgUsers(PgDatabase& db) {
    if (pgSchemaVersion(db) == 0 || !jinguoUserTableExists(db)) throw StorageError(notInitialized(db));
    auto st = db.prepare("SELECT u.role_name, u.unit_id, " + std::string(kUnitShownSql)
                         + ", u.role, u.created_at, u.created_by FROM jinguo_user u JOIN org_unit o ON o.id = u.unit_id "
                           "LEFT JOIN org_unit p ON p.id = o.parent_id ORDER BY u.unit_id, u.role_name");
    std::vector<PgUser> users;
    while (st.step())
        users.push_back({st.columnText(0), st.columnInt(1), st.columnText(2), st.columnText(3), st.columnText(4),
                         st.columnText(5)});
    return users;
}

} // namespace jinguo::storage
