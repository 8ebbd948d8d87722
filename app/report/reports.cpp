// reports.cpp — 年度数据 and a board as PdfDocuments (see reports.hpp).
#include "report/reports.hpp"

#include "core/boards.hpp"
#include "core/number_format.hpp"
#include "core/stars.hpp"
#include "core/targets.hpp"
#include "core/vocabulary.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "ui/ui_strings.hpp"   // the labels 目标 → 年度数据 shows (header-only constants)

#include <algorithm>
#include <cmath>

namespace jinguo::report {

namespace str = ui::str;

namespace {

std::string grouped(std::int64_t n) { return fmt::grouped(static_cast<double>(n)); }

// "统计期：2026年（截至2026-12-06）" while the year runs, else "统计期：2025年".
std::string yearPeriodText(int year, const Date& today) {
    std::string text = "统计期：" + std::to_string(year) + "年";
    if (today.year == year) text += "（截至" + formatDate(today) + "）";
    return text;
}

// 目标进度's columns, written as 目标 → 目标进度 writes them (screen_targets.cpp).
PdfTable targetsTable(const std::vector<storage::TargetLine>& lines) {
    PdfTable t;
    t.headers = {"指标", "完成 / 目标", "进度", "按时应达", "年末预计", "还差", "状态"};
    t.widths = {2.3, 1.9, 0.9, 1.0, 1.0, 1.0, 0.8};
    t.rightAligned = {false, true, true, true, true, true, false};
    t.emptyText = "（本年度没有设定全区的创建目标）";
    for (const storage::TargetLine& l : lines) {
        const TargetMetricInfo* info = targetMetricInfo(l.target.metric);
        const TargetKind kind = info != nullptr ? info->kind : TargetKind::Count;
        const char* measure = info != nullptr ? info->measure : "";
        const bool rate = kind == TargetKind::Rate;
        const TargetProgress& p = l.progress;
        auto figure = [rate](double v) { return rate ? fmt::percent(v, 1) : fmt::grouped(v); };
        std::string label = targetMetricLabel(l.target.metric, l.subject);
        if (!p.problem.empty()) label += "（" + p.problem + "）";
        t.rows.push_back({label, targetActualText(kind, p, 1, measure).actual + " / " + figure(p.goal),
                          fmt::percent(p.progress, 1), figure(p.expected), figure(p.forecast),
                          p.gap > 0 ? fmt::grouped(p.gap) + measure : std::string(),
                          p.goalMet && !p.yearOver ? "已完成" : targetStatusLabel(p.status)});
    }
    return t;
}

PdfChart chartOf(std::string title, PdfChart::Style style, Rgb color) {
    PdfChart c;
    c.title = std::move(title);
    c.style = style;
    c.color = color;
    return c;
}

void addPoint(PdfChart& c, std::string label, double value, std::string text) {
    c.labels.push_back(std::move(label));
    c.values.push_back(value);
    c.valueTexts.push_back(std::move(text));
}

} // namespace

PdfDocument yearReportDocument(const YearFigures& f, const std::string& summary,
                               const std::vector<storage::TargetLine>& districtTargets, const Date& today) {
    PdfDocument d;
    d.title = f.districtName + std::to_string(f.year) + "年度数据";
    d.unitName = f.districtName;
    d.periodText = yearPeriodText(f.year, today);
    d.printedOn = formatDate(today);

    // The cards of 目标 → 年度数据, with its labels and formats.
    d.blocks.push_back(PdfHeading{"主要数据"});
    PdfCards cards;
    cards.cards = {
        {str::kYfVolunteers, grouped(f.volunteersRegistered)},
        {str::kYfNew, grouped(f.volunteersNew)},
        {str::kYfActive, grouped(f.volunteersActive)},
        {str::kYfHours, fmt::grouped(f.serviceHours)},
        {str::kYfActivities, grouped(f.activities)},
        {f.participantsReported ? str::kYfParticipantsReported : str::kYfParticipants, fmt::grouped(f.participants())},
        {str::kYfPostsHeld, grouped(f.postsHeld())},
        {"全区总户数", grouped(f.households)},
    };
    d.blocks.push_back(cards);
    if (!f.indicators.empty()) {
        d.blocks.push_back(PdfHeading{str::kYfIndicators});
        PdfCards indicators;
        for (const YearFigures::Indicator& ind : f.indicators)
            indicators.cards.push_back({ind.name, chineseQuantity(ind.value) + ind.unit});
        d.blocks.push_back(indicators);
    }

    // The charts of the tab. The year in progress is charted up to this month,
    // as on screen: later months have no records yet.
    const int months = f.year == today.year ? std::clamp(today.month, 1, 12) : 12;
    PdfChart hours = chartOf(str::kYfMonthlyHours, PdfChart::Style::Line, kDeepRed);
    PdfChart activities = chartOf(str::kYfMonthlyActivities, PdfChart::Style::Columns, kDeepGold);
    for (int m = 0; m < months; ++m) {
        const std::string label = std::to_string(m + 1) + "月";
        const double h = f.monthlyHours[static_cast<std::size_t>(m)];
        const auto a = f.monthlyActivities[static_cast<std::size_t>(m)];
        addPoint(hours, label, h, fmt::grouped(h));
        addPoint(activities, label, static_cast<double>(a), grouped(a));
    }
    d.blocks.push_back(PdfHeading{"年度图表"});
    d.blocks.push_back(PdfChartRow{{hours}, 150});
    d.blocks.push_back(PdfChartRow{{activities}, 150});

    PdfChart titles = chartOf(str::kYfTitlesByLevel, PdfChart::Style::Columns, kDeepRed);
    for (const auto& c : f.titlesByLevel) addPoint(titles, levelWithSuffix(c.level), static_cast<double>(c.count), grouped(c.count));
    PdfChart rates = chartOf(str::kYfFamilyRates, PdfChart::Style::Bars, kDeepRed);
    rates.scaleMax = 100;   // a full bar is every household
    for (const auto& r : f.familyRates) {
        const double percent = std::round(r.rate * 1000) / 10;   // per cent, one decimal, as the tab charts it
        addPoint(rates, r.title, percent, fmt::grouped(percent) + "%");
    }
    d.blocks.push_back(PdfChartRow{{titles, rates}, std::max(160.0, 40.0 + 18.0 * static_cast<double>(f.familyRates.size()))});
    PdfChart posts = chartOf(str::kYfPostsByState, PdfChart::Style::Bars, kDeepGold);
    for (const auto& c : f.postsByLevelAndState)
        addPoint(posts, levelWithSuffix(c.level) + " " + c.state, static_cast<double>(c.count), grouped(c.count));
    d.blocks.push_back(PdfChartRow{{posts}, std::max(90.0, 30.0 + 18.0 * static_cast<double>(f.postsByLevelAndState.size()))});

    d.blocks.push_back(PdfHeading{"创建目标进度（" + f.districtName + "）"});
    d.blocks.push_back(targetsTable(districtTargets));

    d.blocks.push_back(PdfHeading{"年度工作总结"});
    d.blocks.push_back(PdfParagraph{summary});
    return d;
}

PdfDocument boardReportDocument(const storage::BoardResult& b, const Date& today) {
    const Board board = b.query.board;
    const BoardMetric metric = b.query.metric;
    PdfDocument d;
    d.title = b.scopeName + std::string(boardLabel(board)) + "（" + metricLabel(metric) + "）";
    d.unitName = b.scopeName;
    d.periodText = "统计期：" + b.query.period.label();
    d.printedOn = formatDate(today);

    for (const std::string& problem : b.problems) d.blocks.push_back(PdfNote{"注意：" + problem});
    std::string about = "同值同名次（如1、2、2、4）。";
    if (b.hasPrevious)
        if (const auto previous = b.query.period.previous())
            about += "变化与" + previous->label() + "相比：↑上升，↓下降，新：上期未上榜。";
    d.blocks.push_back(PdfNote{about});

    // Top ten, as 排行榜 charts them; unranked rows (a data error) are listed after the ranked ones.
    PdfChart top = chartOf("前十名", PdfChart::Style::Bars, kDeepRed);
    for (std::size_t i = 0; i < b.rows.size() && top.values.size() < 10; ++i) {
        const storage::BoardRow& row = b.rows[i];
        if (row.rank == 0) break;
        addPoint(top, std::to_string(row.rank) + ". " + row.name, row.value, boardValueText(metric, row.value));
    }
    top.emptyText = "（这一时段没有可排名的记录）";
    if (metric == BoardMetric::Rate) top.scaleMax = 1;   // a full bar is 100 %
    d.blocks.push_back(PdfChartRow{{top}, 34.0 + 20.0 * static_cast<double>(std::max<std::size_t>(3, top.values.size()))});

    PdfTable t;
    t.emptyText = "（这一时段没有可排名的记录）";
    auto column = [&t](const char* header, double width, bool right) {
        t.headers.push_back(header);
        t.widths.push_back(width);
        t.rightAligned.push_back(right);
    };
    column("名次", 0.55, true);
    if (b.hasPrevious) column("变化", 0.55, false);
    column(board == Board::Posts ? "岗位" : "名称", board == Board::Posts ? 2.4 : 1.3, false);
    column("所属", 1.3, false);
    column(metricLabel(metric), 1.0, true);
    if (board == Board::Volunteers) {
        column(metric == BoardMetric::Points ? "时长" : "积分", 0.9, true);
        column("活动", 0.6, true);
        column("星级", 0.9, false);
    } else if (board == Board::Posts) {
        column("级别", 0.6, false);
        if (metric != BoardMetric::Score) column("考核得分", 0.8, true);   // else it is the value column
    } else if (metric == BoardMetric::Rate) {
        column("创建户/总户数", 1.5, true);
    }
    for (const storage::BoardRow& row : b.rows) {
        const bool unranked = row.rank == 0 && !row.dataError.empty();
        std::vector<std::string> cells = {unranked ? "—" : std::to_string(row.rank)};
        if (b.hasPrevious) cells.push_back(row.movement);
        cells.push_back(row.name);
        cells.push_back(row.unit);
        cells.push_back(unranked ? "—" : boardValueText(metric, row.value));
        if (board == Board::Volunteers) {
            cells.push_back(fmt::grouped(metric == BoardMetric::Points ? row.hours : row.points));
            cells.push_back(fmt::grouped(row.activities));
            cells.push_back(row.stars > 0 ? starGlyphs(row.stars) : std::string());
        } else if (board == Board::Posts) {
            cells.push_back(row.level);
            if (metric != BoardMetric::Score) cells.push_back(row.score ? fmt::grouped(*row.score) : std::string());
        } else if (metric == BoardMetric::Rate) {
            cells.push_back(fmt::grouped(row.numerator) + " / " + grouped(row.households)
                            + (row.dataError.empty() ? std::string() : "（" + row.dataError + "）"));
        }
        t.rows.push_back(std::move(cells));
    }
    d.blocks.push_back(PdfHeading{"完整榜单（共" + std::to_string(b.rows.size())
                                  + (board == Board::Volunteers ? "人" : board == Board::Posts ? "个岗位" : "个单位") + "）"});
    d.blocks.push_back(std::move(t));
    return d;
}

std::string writeYearReport(storage::Storage& storage, int year, const Date& today, const std::string& path,
                            int* pages) {
    if (std::string problem = pdfPathProblem(path); !problem.empty()) return problem;
    const YearFigures figures = storage::YearFiguresReader(storage).figures(year);
    const std::string summary = yearSummaryText(figures, today);
    RowId root = 0;
    for (const OrgUnit& u : storage.units())
        if (u.parentId == 0) { root = u.id; break; }
    std::vector<storage::TargetLine> lines;
    if (root != 0) {
        storage::Aggregates aggregates(storage);
        for (storage::TargetLine& l : aggregates.targets(year, today).lines)
            if (l.target.unitId == root) lines.push_back(std::move(l));
    }
    return writePdf(yearReportDocument(figures, summary, lines, today), path, pages);
}

std::string writeBoardReport(storage::Storage& storage, const storage::BoardQuery& query, const std::string& path,
                             int* pages) {
    if (std::string problem = pdfPathProblem(path); !problem.empty()) return problem;
    storage::Aggregates aggregates(storage);
    return writePdf(boardReportDocument(aggregates.board(query), query.today), path, pages);
}

} // namespace jinguo::report
