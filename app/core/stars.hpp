// stars.hpp — star-rated volunteers (星级志愿者).
//
// Thresholds are data (setting `stars.thresholds`, default the national
// practice 100/300/600/1000/1500 cumulative hours); regions differ, so nothing
// here assumes five stars or these numbers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

inline constexpr const char* kDefaultStarThresholds = "100,300,600,1000,1500";

// Parses "100,300,600" (spaces and full-width commas allowed). Returns the
// defaults when the text is not a strictly increasing list of positive numbers.
std::vector<double> parseStarThresholds(std::string_view text);

// Number of thresholds reached by `hours` (0 = no star yet).
int starsForHours(double hours, const std::vector<double>& thresholds);

// "★★★" for 3 stars; empty for 0.
std::string starGlyphs(int stars);

} // namespace jinguo
