// leaderboard_command.cpp — runs a board through Aggregates and prints it.
#include "cli/leaderboard_command.hpp"

#include "cli/text_columns.hpp"
#include "core/boards.hpp"
#include "core/json_writer.hpp"
#include "core/number_format.hpp"
#include "core/stars.hpp"
#include "core/vocabulary.hpp"
#include "storage/storage.hpp"

#include <cmath>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <stdexcept>

namespace jinguo::cli {

Date commandToday(const Command& command) {
    if (!command.today.empty())
        if (const auto date = parseDate(command.today)) return *date;
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

bool checkDatabaseFile(const std::string& path, std::ostream& err) {
    if (storage::isServerConnection(path)) return true;   // a server: its open says what is wrong
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
        err << "找不到数据库文件“" << path << "”。请检查路径；要先看演示数据，可运行：jinguo demo --db " << path << "\n";
        return false;
    }
    if (!fs::is_regular_file(status)) {
        err << "“" << path << "”不是文件，请用 --db 指定Jinguo数据库文件（.db）。\n";
        return false;
    }
    if (fs::file_size(path, ec) == 0 || ec) {
        // SQLite would take an empty file as an empty database and fill it.
        err << storage::zeroByteFileMessage(path) << "\n";
        return false;
    }
    return true;
}

namespace {

std::string valueText(const storage::BoardRow& row, BoardMetric metric) {
    switch (metric) {
    case BoardMetric::Rate: return fmt::percent(row.value);
    case BoardMetric::Titles: return fmt::grouped(row.value, 0);
    default: return fmt::grouped(row.value, 2);
    }
}

// "（与2025年相比）" — what the movement column compares with.
std::string comparedWith(const storage::BoardResult& r) {
    const auto previous = r.query.period.previous();
    return previous ? "（变化与" + previous->label() + "相比）" : "";
}

} // namespace

std::string leaderboardJson(const storage::BoardResult& r) {
    JsonWriter json;
    json.beginObject()
        .member("board", boardCode(r.query.board))
        .member("metric", metricCode(r.query.metric))
        .member("period", r.query.period.code())
        .member("scope", r.scopeName);
    json.key("rows").beginArray();
    for (const storage::BoardRow& row : r.rows) {
        json.beginObject()
            .member("rank", row.rank)
            .member("name", row.name)
            .member("unit", row.unit)
            .member("value", row.value)
            .member("stars", row.stars)
            .member("movement", row.movement);
        if (!row.dataError.empty()) json.member("data_error", row.dataError);   // only when there is one
        json.endObject();
    }
    json.endArray().endObject();
    return json.str();
}

void printLeaderboardText(const storage::BoardResult& r, std::ostream& out) {
    using Align = TextColumns::Align;
    const Board board = r.query.board;
    const BoardMetric metric = r.query.metric;
    out << boardLabel(board) << " · " << metricLabel(metric) << " · " << r.query.period.label()
        << " · " << r.scopeName << comparedWith(r) << "\n";
    if (r.rows.empty()) {
        out << "（这一时段没有可排名的记录）\n";
        return;
    }
    TextColumns table;
    table.addColumn("排名", Align::Right);
    switch (board) {
    case Board::Volunteers:
        table.addColumn("姓名");
        table.addColumn("单位");
        table.addColumn(metricLabel(metric), Align::Right);
        table.addColumn(metric == BoardMetric::Points ? "服务时长" : "积分", Align::Right);
        table.addColumn("活动", Align::Right);
        table.addColumn("荣誉", Align::Right);
        table.addColumn("星级");
        break;
    case Board::Communities:
    case Board::Streets:
        table.addColumn(tierKindsText(board == Board::Streets ? UnitTier::Street : UnitTier::Community));
        table.addColumn("上级");
        table.addColumn(metricLabel(metric), Align::Right);
        if (metric == BoardMetric::Rate) {
            table.addColumn("创建户数", Align::Right);
            table.addColumn("总户数", Align::Right);
        }
        break;
    case Board::Posts:
        table.addColumn("岗位");
        table.addColumn("所属");
        table.addColumn(metricLabel(metric), Align::Right);
        table.addColumn("级别");
        table.addColumn("最近考核", Align::Right);
        break;
    }
    if (r.hasPrevious) table.addColumn("变化");
    for (const storage::BoardRow& row : r.rows) {
        // An unranked row (a data error) shows "—" for its rank.
        std::vector<std::string> cells = {row.rank > 0 ? std::to_string(row.rank) : "—", row.name, row.unit,
                                          valueText(row, metric)};
        switch (board) {
        case Board::Volunteers:
            cells.push_back(fmt::grouped(metric == BoardMetric::Points ? row.hours : row.points, 2));
            cells.push_back(fmt::count(row.activities));
            cells.push_back(fmt::count(row.titles));
            cells.push_back(starGlyphs(row.stars));
            break;
        case Board::Communities:
        case Board::Streets:
            if (metric == BoardMetric::Rate) {
                cells.push_back(fmt::grouped(row.numerator, 0));
                cells.push_back(fmt::count(row.households));
            }
            break;
        case Board::Posts:
            cells.push_back(row.level.empty() ? "—" : row.level + "级");
            cells.push_back(row.score ? fmt::plain(*row.score, 1) : "—");
            break;
        }
        if (r.hasPrevious) cells.push_back(row.movement);
        table.addRow(std::move(cells));
    }
    table.print(out);
    out << "共" << fmt::count(static_cast<long long>(r.rows.size())) << (board == Board::Volunteers ? "人" : board == Board::Posts ? "个岗位" : "个单位")
        << "；同值同名次（如1、2、2、4）。\n";
    for (const std::string& problem : r.problems) out << "注意：" << problem << "\n";
    for (const storage::BoardRow& row : r.rows)
        if (!row.dataError.empty()) out << "数据有误：" << row.name << "，" << row.dataError << "。\n";
}

int boardQueryOf(const Command& command, storage::BoardQuery& query, std::ostream& err) {
    // The values were checked by parseCommandLine; a caller that skipped it
    // still gets a one-line answer rather than an exception.
    const auto board = boardFromCode(command.board);
    if (!board) {
        err << "没有名为“" << command.board << "”的榜单，--board 可选：volunteers、communities、streets、posts。\n";
        return 2;
    }
    query = {};
    query.board = *board;
    query.metric = defaultMetric(*board);
    if (!command.metric.empty()) {
        const auto metric = metricFromCode(command.metric);
        if (!metric || !boardOffers(*board, *metric)) {
            err << command.board << " 榜单不支持指标“" << command.metric << "”。\n";
            return 2;
        }
        query.metric = *metric;
    }
    const Date today = commandToday(command);
    query.today = today;
    query.period = Period::ofYear(today.year);
    if (!command.period.empty()) {
        const PeriodParse parsed = parsePeriod(command.period);
        if (!parsed.ok()) {
            err << "--period 的取值“" << command.period << "”无法识别：" << parsed.message << "\n";
            return 2;
        }
        query.period = *parsed.period;
    }
    return 0;
}

int boardScopeOf(const Command& command, storage::Storage& storage, storage::BoardQuery& query, std::ostream& err) {
    if (!command.scope.empty()) {
        const storage::ScopeResolution scope = storage::Aggregates(storage).resolveScope(command.scope);
        if (!scope.ok()) {
            err << scope.error << "\n";
            return 2;
        }
        query.scopeUnitId = scope.unitId;
    }
    return 0;
}

int runLeaderboardCommand(const Command& command, std::ostream& out, std::ostream& err) {
    storage::BoardQuery query;
    if (const int bad = boardQueryOf(command, query, err); bad != 0) return bad;
    if (!checkDatabaseFile(command.dbPath, err)) return 1;
    try {
        storage::Storage storage(command.dbPath);
        if (const int bad = boardScopeOf(command, storage, query, err); bad != 0) return bad;
        const storage::BoardResult result = storage::Aggregates(storage).board(query);
        if (command.json) out << leaderboardJson(result) << "\n";
        else printLeaderboardText(result, out);
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
