// report_command.cpp — `jinguo report`: 年度数据 or a board as a PDF.
#include "cli/report_command.hpp"

#include "cli/leaderboard_command.hpp"
#include "report/pdf_report.hpp"
#include "report/reports.hpp"
#include "storage/storage.hpp"

#include <ostream>
#include <stdexcept>

namespace jinguo::cli {

int runReportCommand(const Command& command, std::ostream& out, std::ostream& err) {
    storage::BoardQuery query;
    const bool board = !command.board.empty();
    if (board)
        if (const int bad = boardQueryOf(command, query, err); bad != 0) return bad;
    // Before the database is opened: a wrong --out costs nothing.
    if (const std::string problem = report::pdfPathProblem(command.outPath); !problem.empty()) {
        err << problem << "\n";
        return 2;
    }
    if (!checkDatabaseFile(command.dbPath, err)) return 1;
    try {
        storage::Storage storage(command.dbPath);
        int pages = 0;
        std::string error;
        if (board) {
            if (const int bad = boardScopeOf(command, storage, query, err); bad != 0) return bad;
            error = report::writeBoardReport(storage, query, command.outPath, &pages);
        } else {
            error = report::writeYearReport(storage, command.year, commandToday(command), command.outPath, &pages);
        }
        if (!error.empty()) {
            err << error << "\n";
            return 1;
        }
        out << "已写入PDF：" << command.outPath << "（共" << pages << "页）\n";
        return 0;
    } catch (const std::invalid_argument& e) {
        err << e.what() << "\n";   // e.g. a streets board scoped to a community
        return 2;
    } catch (const storage::StorageError& e) {
        err << e.what() << "\n";
        return 1;
    }
}

} // namespace jinguo::cli
