// audit_prune_command.cpp — see audit_prune_command.hpp.
#include "cli/audit_prune_command.hpp"
#include "core/number_format.hpp"

#include "cli/leaderboard_command.hpp"
#include "storage/audit_retention.hpp"
#include "storage/storage.hpp"

#include <ostream>

namespace jinguo::cli {

int runAuditPruneCommand(const std::string& dbPath, int days, std::ostream& out, std::ostream& err) {
    if (!checkDatabaseFile(dbPath, err)) return 1;
    try {
        storage::Storage storage(dbPath);
        const int limit = days >= 0 ? days : storage::auditRetentionDays(storage);
        const storage::AuditPruneResult r = storage::pruneAuditLog(storage, limit);
        out << "操作日志保留期限：" << limit << "天。已为" << r.people << "名已删除人员的" << fmt::count(r.rows)
            << "条日志记录中的身份证号、手机号打码";
        out << (r.rows == 0 ? "（没有需要打码的记录）。\n" : "。\n");
        return 0;
    } catch (const std::exception& e) {
        err << e.what() << "\n";
        return 1;
    }
}

} // namespace jinguo::cli
