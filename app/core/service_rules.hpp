// service_rules.hpp — the rules a service record must keep, with the Chinese
// message that explains a refusal and says how to fix it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jinguo {

inline constexpr double kMaxHoursPerDay = 24.0;

// Hours as a person types them ("2", "2.5", full-width "２．５"); nullopt
// when the text is not a number.
std::optional<double> parseHours(std::string_view text);

// Why `hours` on `date` cannot be recorded for a person who already has
// `alreadyThatDay` hours that day; empty when it can. Dates are YYYY-MM-DD;
// a date after `today` is refused.
std::string serviceRecordProblem(const std::string& date, double hours, double alreadyThatDay,
                                 const std::string& today);

} // namespace jinguo
