// targets_command.hpp — `jinguo targets`: the year's creation targets and progress.
//
//   jinguo targets --db DB [--year 2024] [--json] [--today YYYY-MM-DD]
//   jinguo targets set|remove|copy …   (command_line.hpp): writes through
//   TargetStore, one undo step each; a unit or title that cannot be found is
//   named in Chinese with what exists, exit 1.
//
// Every target row of the year (default: the current year, that of --today
// when given), its actual figure counted from the unit's whole subtree (see
// TargetLine in storage/aggregates.hpp), the progress expected by today at a
// linear pace, a year-end forecast at the current pace and a red/amber/green
// status (core/targets.hpp).
//
// JSON (one line, UTF-8):
//   {"year","targets":[{"unit","metric","goal","actual","rate","expected_by_today","forecast","status"}]}
// `metric` is the target's code (title_rate, title_count, post_count,
// volunteer_hours, activities, volunteers, indicator); rates (goal, actual,
// expected, forecast of a title_rate) are fractions (0.9 = 90 %); `rate` is
// the completion rate actual ÷ goal (1 when the goal is 0); `status` is
// green, amber or red while the year runs, completed or missed after it. Fractions are rounded to 6 decimals, counts to 2.
//
// Exit codes as for `jinguo leaderboard`: 0, 1 (database missing or
// unreadable), 2 (bad arguments).
#pragma once

#include "cli/command_line.hpp"
#include "storage/aggregates.hpp"

#include <iosfwd>
#include <string>

namespace jinguo::cli {

std::string targetsJson(const storage::TargetsReport& report);
void printTargetsText(const storage::TargetsReport& report, std::ostream& out);

int runTargetsCommand(const Command& command, std::ostream& out, std::ostream& err);

} // namespace jinguo::cli
