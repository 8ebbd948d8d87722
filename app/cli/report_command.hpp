// report_command.hpp — `jinguo report`: a printable PDF (A4) of 年度数据 or a board.
//
//   jinguo report --db DB --year 2026 --out 年度数据.pdf [--today DATE]
//   jinguo report --db DB --board volunteers|communities|streets|posts [--metric M]
//                 [--period 2026|2026Q1|2026-03|all] [--scope UNIT] --out 排行榜.pdf [--today DATE]
//
// The content is report/reports.hpp's (the same readers as the screens). The
// PDF is written to a temporary file beside --out and renamed when complete.
//
// Exit codes: 0 written (one line says where and how many pages); 1 the
// database is missing or unreadable, or writing failed (no file is left);
// 2 bad arguments — an unknown board or metric, a bad year or period, an
// unknown scope, --out not a .pdf, its folder missing or not writable.
#pragma once

#include "cli/command_line.hpp"

#include <iosfwd>

namespace jinguo::cli {

int runReportCommand(const Command& command, std::ostream& out, std::ostream& err);

} // namespace jinguo::cli
