// server_command.cpp — see server_command.hpp.
#include "cli/server_command.hpp"

#include "cli/text_columns.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_security.hpp"

#include <iostream>
#include <optional>
#include <set>
#include <ostream>
#include <unistd.h>

namespace jinguo::cli {

const char* serverUsageText() {
    return "用法（区级服务器，PostgreSQL；图形界面：文件 → 打开数据库… → 服务器，设置 → 用户）：\n"
           "  jinguo server init 连接地址             在空数据库上建立Jinguo的数据结构和用户权限\n"
           "  jinguo server add-user 连接地址 --name 用户名 --unit 单位名或编号 --role 管理员|录入|只读\n"
           "                [--password-stdin]        添加用户：只能看到（录入、管理员还能修改）所属单位及下属单位的数据；\n"
           "                                          --password-stdin 从标准输入读一行作为该用户的密码；\n"
           "                                          数据库所有者可添加任何单位的用户，管理员只能添加本单位及下属单位的用户\n"
           "  jinguo server users 连接地址            列出用户\n"
           "  jinguo server set-password 连接地址 --name 用户名 --password-stdin\n"
           "                                          设置密码：自己的，或（管理员）本单位及下属单位用户的（忘记密码时重设）\n"
           "  jinguo server update-user 连接地址 --name 用户名 --unit 单位名或编号 --role 管理员|录入|只读\n"
           "                                          修改用户的所属单位和角色\n"
           "  jinguo server remove-user 连接地址 --name 用户名\n"
           "                                          停用用户：不能再登录；录入过的数据和操作记录里的用户名保留\n"
           "连接地址例如 postgresql://postgres@localhost/linjiang；连接所需的密码请写在 ~/.pgpass，不要写在命令行上。\n";
}

namespace {

struct ServerArgs {
    std::string action;
    std::string url;
    std::string name, unit, role;
    bool passwordFromStdin = false;
    std::string error;
};

ServerArgs parse(const std::vector<std::string>& args) {
    ServerArgs a;
    if (args.empty()) {
        a.error = "server 命令需要指明要做什么：init（初始化）、add-user（添加用户）、users（列出用户）、"
                  "set-password（设置密码）、update-user（修改用户）或 remove-user（停用用户）。";
        return a;
    }
    a.action = args[0];
    static const std::set<std::string> actions = {"init", "add-user", "users", "set-password", "update-user", "remove-user"};
    if (!actions.count(a.action)) {
        a.error = "无法识别的 server 子命令“" + a.action + "”，可选：init、add-user、users、set-password、update-user、remove-user。";
        return a;
    }
    const bool addUser = a.action == "add-user";
    const bool updateUser = a.action == "update-user";
    const bool setPassword = a.action == "set-password";
    const bool takesName = addUser || updateUser || setPassword || a.action == "remove-user";
    const bool takesUnitAndRole = addUser || updateUser;
    for (std::size_t i = 1; i < args.size() && a.error.empty(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0)
                a.error = "参数 " + arg + " 后面缺少取值。";
            else out = args[++i];
        };
        if (takesName && arg == "--name") value(a.name);
        else if (takesUnitAndRole && arg == "--unit") value(a.unit);
        else if (takesUnitAndRole && arg == "--role") value(a.role);
        else if ((addUser || setPassword) && arg == "--password-stdin") a.passwordFromStdin = true;
        else if (arg == "--password" || arg.rfind("--password=", 0) == 0)
            a.error = "密码不能写在命令行上（其他用户用 ps 就能看到）：请用 --password-stdin，从标准输入给出密码。";
        else if (arg.rfind("--", 0) != 0 && a.url.empty()) a.url = arg;
        else a.error = "无法识别的参数“" + arg + "”。";
    }
    if (!a.error.empty()) return a;
    if (a.url.empty())
        a.error = "server " + a.action + " 需要服务器的连接地址，例如：jinguo server " + a.action
                  + " postgresql://postgres@localhost/linjiang";
    else if (storage::conninfoHasPassword(a.url))
        a.error = "连接地址里含有密码：命令行上的密码其他用户用 ps 就能看到。请去掉密码，把它写在 ~/.pgpass（权限 0600）。";
    else if (takesName && a.name.empty()) a.error = a.action + " 需要用 --name 指定用户名，例如 --name jiangbin_chair。";
    else if (takesUnitAndRole && a.unit.empty()) a.error = a.action + " 需要用 --unit 指定所属单位，例如 --unit 江滨街道（或单位编号）。";
    else if (takesUnitAndRole && a.role.empty()) a.error = a.action + " 需要用 --role 指定角色：管理员、录入或只读。";
    else if (setPassword && !a.passwordFromStdin)
        a.error = "set-password 需要 --password-stdin：新密码从标准输入读一行（密码不能写在命令行上）。";
    else if (takesUnitAndRole && !storage::pgGroupForRole(a.role))
        a.error = "不认识的角色“" + a.role + "”，--role 可选：管理员、录入、只读。";
    return a;
}

} // namespace

int runServerCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        out << serverUsageText();
        return 0;
    }
    const ServerArgs a = parse(args);
    if (!a.error.empty()) {
        err << a.error << "\n\n" << serverUsageText();
        return 2;
    }
    try {
        std::optional<std::string> password;
        if (a.passwordFromStdin) {
            if (&in == &std::cin && ::isatty(STDIN_FILENO)) err << "请输入用户“" << a.name << "”的密码（一行）：";
            std::string line;
            if (!std::getline(in, line)) {
                err << "没有从标准输入读到密码：例如 printf '%s\\n' \"$PASS\" | jinguo server " << a.action << " …\n";
                return 1;
            }
            if (!line.empty() && line.back() == '\r') line.pop_back();
            password = line;
        }
        storage::PgDatabase db(a.url);
        if (a.action == "init") {
            const int version = storage::initPgServer(db);
            out << "已在“" << db.description() << "”建立Jinguo数据库（结构版本" << version
                << "）和用户权限。下一步：jinguo server add-user 添加区管理员和各街道的用户。\n";
        } else if (a.action == "add-user") {
            const storage::PgUser user = storage::addPgUser(db, {a.name, a.unit, a.role, password});
            out << "已添加用户“" << user.name << "”：" << user.unitName << "，" << user.role
                << (password ? "，已设置密码" : "，未设置密码（只能按 pg_hba.conf 的 peer 等方式登录）") << "。\n";
        } else if (a.action == "set-password") {
            storage::setPgUserPassword(db, a.name, *password);
            out << "已设置用户“" << a.name << "”的密码。记住了旧密码的电脑，下次连接时请输入新密码。\n";
        } else if (a.action == "update-user") {
            const storage::PgUser user = storage::updatePgUser(db, a.name, a.unit, a.role);
            out << "已修改用户“" << user.name << "”：" << user.unitName << "，" << user.role << "。\n";
        } else if (a.action == "remove-user") {
            storage::removePgUser(db, a.name);
            out << "已停用用户“" << a.name << "”：这个账号不能再登录；录入过的数据和操作记录都保留，"
                   "记录里仍写着这个用户名（用户名不会再分给别人）。\n";
        } else {
            const std::vector<storage::PgUser> users = storage::listPgUsers(db);
            if (users.empty()) {
                out << "还没有用户。添加：jinguo server add-user " << db.description() << " --name 用户名 --unit 单位 --role 角色\n";
                return 0;
            }
            TextColumns table;
            table.addColumn("用户名");
            table.addColumn("单位");
            table.addColumn("角色");
            table.addColumn("添加时间");
            table.addColumn("添加人");
            for (const storage::PgUser& u : users) table.addRow({u.name, u.unitName, u.role, u.createdAt, u.createdBy});
            table.print(out);
        }
        return 0;
    } catch (const std::exception& e) {
        err << e.what() << "\n";
        return 1;
    }
}

} // namespace jinguo::cli
