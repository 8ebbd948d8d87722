// reports.hpp — the two printed reports: 年度数据 of a year, and a board.
//
// Each reads its figures from the SAME readers the screens use and formats
// them with core/number_format as the screens do; nothing is recomputed here:
//   year  storage::YearFiguresReader (the cards and charts of 目标 → 年度数据),
//         yearSummaryText (the 年度工作总结 paragraph), storage::Aggregates::targets
//         (the district's own targets, as 目标进度 shows them)
//   board storage::Aggregates::board (what 排行榜 and `jinguo leaderboard` show)
// The *Document functions build the page content from those results (the
// tests read it back from the PDF); write*Report read and write in one call.
#pragma once

#include "core/periods.hpp"
#include "core/year_summary.hpp"
#include "report/pdf_report.hpp"
#include "storage/aggregates.hpp"

#include <string>
#include <vector>

namespace jinguo::storage {
class Storage;
}

namespace jinguo::report {

// `districtTargets`: the lines of the root unit for the year (others are ignored).
PdfDocument yearReportDocument(const YearFigures& figures, const std::string& summary,
                               const std::vector<storage::TargetLine>& districtTargets, const Date& today);

PdfDocument boardReportDocument(const storage::BoardResult& board, const Date& today);

// Read and write. `today` is the local date: the date printed in the header
// and the day targets and the summary measure against. Return "" or a Chinese
// message; `pages` (optional) receives the page count.
std::string writeYearReport(storage::Storage& storage, int year, const Date& today, const std::string& path,
                            int* pages = nullptr);
std::string writeBoardReport(storage::Storage& storage, const storage::BoardQuery& query, const std::string& path,
                             int* pages = nullptr);

} // namespace jinguo::report
