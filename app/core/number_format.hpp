// number_format.hpp — how numbers are written, once, for screens, slides, the
// command line, exports, the year summary and badges.
//
//   grouped(12345.67)        "12,345.7"   thousands separators, up to 1 decimal
//                                          (lists, cards, charts on screen)
//   grouped(v, 2)            "12,345.67"  the same with up to 2 decimals
//   fixedGrouped(v, 1)       "12,345.0"   exactly `decimals` decimals (slides)
//   plain(12.5)              "12.5"       no separators, up to 2 decimals, "—"
//                                          when not finite (text tables, JSON-free CLI)
//   percent(0.9, 2)          "90.00%"     a fraction as a percentage, exactly
//                                          `decimals` decimals, "—" when not finite
//   shortest(12.5)           "12.5"       %g: rules and settings messages
//   hours(2.345)             "2.35"       hours kept to 0.01, %g
//   score(86.5)              "86.5"       assessment scores: whole, or 1 decimal
//   oneDecimal(3.25)         "3.3"        1 decimal, ".0" dropped (year summary)
//   count(50379)             "50,379"     a count of people, rows, records …
//                                          Never for years, IDs, phones, dates
//                                          or ranks: those are written plainly.
//   hoursGrouped(40465.25)   "40,465.3"   hours in a list or message: grouped,
//                                          exactly one decimal (columns align)
//
// Board values are rounded (boardValue) before they are ranked, and shown
// with boardValueText at that same precision, so two rows with different
// ranks never read alike.
#pragma once

#include <string>

namespace jinguo::fmt {

std::string grouped(double value, int maxDecimals = 1);
std::string fixedGrouped(double value, int decimals);
std::string plain(double value, int maxDecimals = 2);
std::string percent(double fraction, int decimals = 2);
std::string shortest(double value);
std::string hours(double value);
std::string score(double value);
std::string oneDecimal(double value);
std::string count(long long value);
std::string hoursGrouped(double value);

} // namespace jinguo::fmt
