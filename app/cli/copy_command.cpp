// copy_command.cpp — see copy_command.hpp.
#include "cli/copy_command.hpp"

#include "core/number_format.hpp"
#include "storage/database.hpp"
#include "storage/database_copy.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_security.hpp"

#include <ostream>

namespace jinguo::cli {

const char* copyUsageText() {
    return "用法：jinguo copy --from 源 --to 目标 [--quiet]\n"
           "  把整个数据库复制到新的位置：文件→服务器、服务器→文件或文件→文件，编号不变。\n"
           "  源和目标可以是数据库文件（如 区妇联.db），也可以是 PostgreSQL 服务器的连接地址\n"
           "  （如 postgresql://jinguo_owner@localhost/linjiang）。\n"
           "  目标必须是空的：一个还不存在的新文件，或用 createdb 新建（或只做过 jinguo server init）的数据库。\n"
           "  复制后逐表核对行数和各数值列的合计，一致才保留；否则撤回，目标不做任何修改。\n"
           "  --quiet  不显示进度\n"
           "连接所需的密码请写在 ~/.pgpass（权限 0600）或环境变量 PGPASSWORD，不要写在命令行上。\n";
}

namespace {

struct CopyArgs {
    std::string from, to;
    bool quiet = false;
    std::string error;
};

// What a user calls the place in messages: a file's path, a server without its password.
std::string shown(const std::string& place) {
    return storage::isServerConnection(place) ? storage::describeConnection(place) : place;
}

CopyArgs parse(const std::vector<std::string>& args) {
    CopyArgs a;
    for (std::size_t i = 0; i < args.size() && a.error.empty(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0)
                a.error = "参数 " + arg + " 后面缺少取值。";
            else if (!out.empty()) a.error = "参数 " + arg + " 只能给一次。";
            else out = args[++i];
        };
        if (arg == "--from") value(a.from);
        else if (arg == "--to") value(a.to);
        else if (arg == "--quiet") a.quiet = true;
        else a.error = "无法识别的参数“" + (storage::isServerConnection(arg) ? shown(arg) : arg) + "”。";
    }
    if (!a.error.empty()) return a;
    if (a.from.empty()) a.error = "copy 需要用 --from 指定要复制的数据库（文件或服务器连接地址）。";
    else if (a.to.empty()) a.error = "copy 需要用 --to 指定复制到哪里（一个新文件名或空的服务器数据库）。";
    else if ((storage::isServerConnection(a.from) && storage::conninfoHasPassword(a.from))
             || (storage::isServerConnection(a.to) && storage::conninfoHasPassword(a.to)))
        a.error = "连接地址里含有密码：命令行上的密码其他用户用 ps 就能看到。请去掉密码，把它写在 ~/.pgpass（权限 0600）或 PGPASSWORD。";
    else if (a.from == a.to) a.error = "--from 和 --to 是同一个数据库，请为复制选择另一个目标。";
    return a;
}

} // namespace

int runCopyCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        out << copyUsageText();
        return 0;
    }
    const CopyArgs a = parse(args);
    if (!a.error.empty()) {
        err << a.error << "\n\n" << copyUsageText();
        return 2;
    }
    int lastPercent = -1;
    storage::CopyProgressFn progress;
    if (!a.quiet)
        progress = [&](const storage::CopyProgress& p) {
            const int percent = p.rowsTotal > 0 ? static_cast<int>(p.rowsCopied * 100 / p.rowsTotal) : 100;
            if (p.verifying) {
                out << "正在核对……\n" << std::flush;
            } else if (percent / 10 != lastPercent / 10) {
                out << "已复制 " << fmt::grouped(p.rowsCopied) << " / " << fmt::grouped(p.rowsTotal) << " 行（" << percent
                    << "%）\n" << std::flush;
            }
            lastPercent = percent;
        };
    try {
        const storage::CopyReport report = storage::copyDatabase(a.from, a.to, progress);
        out << "已把“" << report.from << "”复制到“" << report.to << "”：" << report.tables.size() << "个表，共"
            << fmt::grouped(report.rows) << "行，用时" << fmt::fixedGrouped(report.seconds, 1) << "秒。核对一致：各表行数，"
            << report.numbersCompared << "项数值合计。\n";
        return 0;
    } catch (const storage::StorageError& e) {
        err << e.what() << "\n";
        return 1;
    }
}

} // namespace jinguo::cli
