// service_rules.cpp — see service_rules.hpp.
#include "core/service_rules.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace jinguo {

std::optional<double> parseHours(std::string_view text) {
    std::string t = trim(foldFullWidth(text));
    for (char& c : t)
        if (c == ',') c = '.';   // 2,5 as some keyboards type it
    if (t.empty()) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(t.c_str(), &end);
    if (*end != '\0' || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::string serviceRecordProblem(const std::string& date, double hours, double alreadyThatDay,
                                 const std::string& today) {
    if (!isIsoDate(date)) return "服务日期“" + date + "”不是有效日期，请按 2026-03-08 的格式填写。";
    if (date > today) return "服务日期" + date + "晚于今天，不能登记还没发生的服务。";
    if (!(hours > 0) || hours > kMaxHoursPerDay) return "服务时长须大于0且不超过24小时，请改正。";
    if (alreadyThatDay + hours > kMaxHoursPerDay + 1e-9)
        return "同一人同一天累计不能超过24小时：" + date + "已登记" + fmt::hours(alreadyThatDay) + "小时，最多还能登记"
             + fmt::hours(std::max(0.0, kMaxHoursPerDay - alreadyThatDay)) + "小时。";
    return {};
}

} // namespace jinguo
