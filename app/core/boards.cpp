// boards.cpp — see boards.hpp.
#include "core/boards.hpp"

#include "core/number_format.hpp"

#include <algorithm>
#include <cmath>

namespace jinguo {

const char* boardCode(Board board) {
    switch (board) {
    case Board::Volunteers: return "volunteers";
    case Board::Communities: return "communities";
    case Board::Streets: return "streets";
    case Board::Posts: return "posts";
    }
    return "volunteers";
}

std::optional<Board> boardFromCode(std::string_view code) {
    for (Board b : {Board::Volunteers, Board::Communities, Board::Streets, Board::Posts})
        if (code == boardCode(b)) return b;
    return std::nullopt;
}

const char* metricCode(BoardMetric metric) {
    switch (metric) {
    case BoardMetric::Points: return "points";
    case BoardMetric::Hours: return "hours";
    case BoardMetric::Rate: return "rate";
    case BoardMetric::Titles: return "titles";
    case BoardMetric::Score: return "score";
    }
    return "points";
}

std::optional<BoardMetric> metricFromCode(std::string_view code) {
    for (BoardMetric m : {BoardMetric::Points, BoardMetric::Hours, BoardMetric::Rate, BoardMetric::Titles,
                          BoardMetric::Score})
        if (code == metricCode(m)) return m;
    return std::nullopt;
}

const char* boardLabel(Board board) {
    switch (board) {
    case Board::Volunteers: return "志愿者榜";
    case Board::Communities: return "社区榜";
    case Board::Streets: return "街道榜";
    case Board::Posts: return "巾帼文明岗榜";
    }
    return "";
}

const char* metricLabel(BoardMetric metric) {
    switch (metric) {
    case BoardMetric::Points: return "积分";
    case BoardMetric::Hours: return "服务时长";
    case BoardMetric::Rate: return "创建率";
    case BoardMetric::Titles: return "获得荣誉";
    case BoardMetric::Score: return "考核得分";
    }
    return "";
}

const std::vector<BoardMetric>& metricsOf(Board board) {
    static const std::vector<BoardMetric> volunteers = {BoardMetric::Points, BoardMetric::Hours};
    static const std::vector<BoardMetric> units = {BoardMetric::Rate, BoardMetric::Points, BoardMetric::Hours,
                                                   BoardMetric::Titles};
    static const std::vector<BoardMetric> posts = {BoardMetric::Points, BoardMetric::Score};
    switch (board) {
    case Board::Volunteers: return volunteers;
    case Board::Communities:
    case Board::Streets: return units;
    case Board::Posts: return posts;
    }
    return volunteers;
}

BoardMetric defaultMetric(Board board) { return metricsOf(board).front(); }

bool boardOffers(Board board, BoardMetric metric) {
    const auto& all = metricsOf(board);
    return std::find(all.begin(), all.end(), metric) != all.end();
}

double boardValue(double value, BoardMetric metric) {
    const double scale = metric == BoardMetric::Rate ? 10000.0 : 100.0;
    return std::round(value * scale) / scale;
}

std::string boardValueText(BoardMetric metric, double value) {
    if (metric == BoardMetric::Rate) return fmt::percent(value, 2);
    return fmt::grouped(value, 2);
}

} // namespace jinguo
