// boards.hpp — the leaderboards' names, metrics and labels, and the precision
// a board value is ranked and shown at. storage/aggregates computes the
// boards; screens, slides and the command line take their words from here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

enum class Board { Volunteers, Communities, Streets, Posts };
enum class BoardMetric { Points, Hours, Rate, Titles, Score };

// "volunteers", "communities", "streets", "posts" and back.
const char* boardCode(Board board);
std::optional<Board> boardFromCode(std::string_view code);
// "points", "hours", "rate", "titles", "score" and back.
const char* metricCode(BoardMetric metric);
std::optional<BoardMetric> metricFromCode(std::string_view code);
// 志愿者榜, 社区榜, 街道榜, 巾帼文明岗榜 / 积分, 服务时长, 创建率, 获得荣誉, 考核得分
const char* boardLabel(Board board);
const char* metricLabel(BoardMetric metric);

// The metrics a board offers, the default first: volunteers points|hours;
// communities and streets rate|points|hours|titles; posts points|score.
const std::vector<BoardMetric>& metricsOf(Board board);
BoardMetric defaultMetric(Board board);
bool boardOffers(Board board, BoardMetric metric);

// The title whose holders make the creation rate of the unit boards.
inline constexpr const char* kRateTitleName = "平安家庭";

// A board value as it is ranked: hours, points, titles and scores to 0.01,
// rates (a fraction) to 0.0001 = 0.01 %. Two rows that read alike share a rank.
double boardValue(double value, BoardMetric metric);
// The value as a board shows it, at the precision it is ranked at:
// "12.34", "1,234.5", "90.12%". Rows of different ranks never read alike.
std::string boardValueText(BoardMetric metric, double value);

} // namespace jinguo
