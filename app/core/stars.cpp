// stars.cpp — star thresholds as data.
#include "core/stars.hpp"

#include "core/text.hpp"

#include <cstdlib>

namespace jinguo {

std::vector<double> parseStarThresholds(std::string_view text) {
    std::vector<double> out;
    // 、 and ， (the full-width comma folds to ',') both separate values.
    std::string folded;
    for (char32_t cp : utf8ToCodepoints(foldFullWidth(text))) appendUtf8(folded, cp == U'、' ? U',' : cp);
    std::size_t start = 0;
    while (start <= folded.size()) {
        std::size_t end = folded.find(',', start);
        if (end == std::string::npos) end = folded.size();
        const std::string item = trim(std::string_view(folded).substr(start, end - start));
        char* stop = nullptr;
        const double value = std::strtod(item.c_str(), &stop);
        if (item.empty() || *stop != '\0' || value <= 0 || (!out.empty() && value <= out.back()))
            return parseStarThresholds(kDefaultStarThresholds);
        out.push_back(value);
        start = end + 1;
    }
    return out;
}

int starsForHours(double hours, const std::vector<double>& thresholds) {
    int stars = 0;
    for (double t : thresholds)
        if (hours >= t) ++stars;
    return stars;
}

std::string starGlyphs(int stars) {
    std::string out;
    for (int i = 0; i < stars; ++i) out += "★";
    return out;
}

} // namespace jinguo
