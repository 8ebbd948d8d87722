// title_dates.cpp — see title_dates.hpp.
#include "core/title_dates.hpp"

namespace jinguo {

std::string defaultTitleDate(int year, std::string_view today) {
    const std::string y = std::to_string(year);
    if (today.size() >= 10 && today.substr(0, 4) == y) return std::string(today.substr(0, 10));
    return y + "-12-31";
}

} // namespace jinguo
