// leaderboard_command.hpp — `jinguo leaderboard`: a board as a table or JSON.
//
//   jinguo leaderboard --db DB --board volunteers|communities|streets|posts
//                      [--metric points|hours|rate|titles|score]
//                      [--period 2024|2024Q1|2024-03|all] [--scope UNIT_NAME] [--json]
//
// Defaults: the period is the current year (of --today when given); the scope
// is the whole district; the metric is the board's first (points for
// volunteers and posts, rate — the 平安家庭 creation rate — for communities
// and streets). What each metric counts is set out in storage/aggregates.hpp.
//
// JSON (one line, UTF-8):
//   {"board","metric","period","scope","rows":[{"rank","name","unit","value","stars","movement"}]}
// `period` is the period's code ("2024Q1"), `scope` the scope unit's name (the
// district's for the whole district), `value` a number (a rate as a fraction,
// 0.9153 = 91.53 %), `stars` an integer (0 on unit and post boards),
// `movement` "↑3", "↓1", "–", "新", or "" on the all-time board.
//
// Exit codes: 0 shown; 1 the database is missing or unreadable (nothing is
// created); 2 bad arguments, an unknown or ambiguous scope — one Chinese line
// on stderr each time.
#pragma once

#include "cli/command_line.hpp"
#include "core/periods.hpp"
#include "storage/aggregates.hpp"

#include <iosfwd>
#include <string>

namespace jinguo::cli {

// The date commands measure against: --today, else the system's local date.
Date commandToday(const Command& command);

// Whether `path` names an existing, non-empty file a read-only command may
// open (opening a missing or empty file would create a database there). When
// not, writes one Chinese line to `err`; the command then exits with 1.
bool checkDatabaseFile(const std::string& path, std::ostream& err);

// The board a leaderboard-style command asks for (--board, --metric,
// --period, --today; then --scope, which needs the database): 0 with `query`
// filled, else the exit code (2) after one Chinese line on `err`. Shared by
// `leaderboard` and `report --board`.
int boardQueryOf(const Command& command, storage::BoardQuery& query, std::ostream& err);
int boardScopeOf(const Command& command, storage::Storage& storage, storage::BoardQuery& query, std::ostream& err);

std::string leaderboardJson(const storage::BoardResult& result);
void printLeaderboardText(const storage::BoardResult& result, std::ostream& out);

int runLeaderboardCommand(const Command& command, std::ostream& out, std::ostream& err);

} // namespace jinguo::cli
