// targets_command.cpp — evaluates the year's targets through Aggregates and prints them.
#include "cli/targets_command.hpp"

#include "cli/leaderboard_command.hpp"
#include "cli/text_columns.hpp"
#include "core/json_writer.hpp"
#include "core/number_format.hpp"
#include "core/vocabulary.hpp"
#include "storage/storage.hpp"
#include "storage/target_store.hpp"

#include <cmath>
#include <map>
#include <optional>
#include <ostream>

namespace jinguo::cli {

namespace {

bool isRate(const storage::TargetLine& line) { return line.facts.kind == TargetKind::Rate; }

// Fractions to 6 decimals, counts to 2: enough for any check, free of
// binary noise such as 0.30000000000000004.
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

std::string figure(const storage::TargetLine& line, double value) {
    return isRate(line) ? fmt::percent(value) : fmt::grouped(value, 2);
}

} // namespace

std::string targetsJson(const storage::TargetsReport& report) {
    JsonWriter json;
    json.beginObject().member("year", report.year);
    json.key("targets").beginArray();
    for (const storage::TargetLine& line : report.lines) {
        const int d = isRate(line) ? 6 : 2;
        const TargetProgress& p = line.progress;
        json.beginObject()
            .member("unit", line.unitName)
            .member("metric", line.target.metric)
            .member("goal", rounded(p.goal, d))
            .member("actual", rounded(p.actual, d))
            .member("rate", rounded(p.progress, 6))
            .member("expected_by_today", rounded(p.expected, d))
            .member("forecast", rounded(p.forecast, d))
            .member("status", targetStatusCode(p.status))
            .endObject();
    }
    json.endArray().endObject();
    return json.str();
}

void printTargetsText(const storage::TargetsReport& report, std::ostream& out) {
    using Align = TextColumns::Align;
    const auto today = parseDate(report.today);
    const double elapsed = today ? yearElapsed(report.year, *today) : 0;
    out << report.year << "年创建目标（截至" << report.today << "，全年已过" << fmt::percent(elapsed, 1) << "）\n";
    if (report.lines.empty()) {
        out << "（" << report.year << "年还没有设定创建目标）\n";
        return;
    }
    TextColumns table;
    table.addColumn("单位");
    table.addColumn("指标");
    table.addColumn("目标", Align::Right);
    table.addColumn("实际", Align::Right);
    table.addColumn("完成率", Align::Right);
    table.addColumn("应达进度", Align::Right);
    table.addColumn("年末预测", Align::Right);
    table.addColumn("状态");
    table.addColumn("差距");
    std::map<std::string, int> counts;   // by status label, in the order first met
    for (const storage::TargetLine& line : report.lines) {
        const TargetProgress& p = line.progress;
        ++counts[targetStatusLabel(p.status)];
        const TargetMetricInfo* info = targetMetricInfo(line.target.metric);
        std::string gap = p.goalMet ? "已达成" : shortfallText(line.facts.kind, p, info ? info->measure : "");
        if (!p.problem.empty()) gap = p.problem;
        table.addRow({line.unitName, targetMetricLabel(line.target.metric, line.subject), figure(line, p.goal), figure(line, p.actual),
                      fmt::percent(p.progress, 1), figure(line, p.expected), figure(line, p.forecast),
                      targetStatusLabel(p.status), gap});
    }
    table.print(out);
    out << "共" << report.lines.size() << "项：";
    const bool yearOver = today && today->year > report.year;
    const std::vector<TargetStatus> shown = yearOver
        ? std::vector<TargetStatus>{TargetStatus::Completed, TargetStatus::Missed}
        : std::vector<TargetStatus>{TargetStatus::Green, TargetStatus::Amber, TargetStatus::Red};
    for (std::size_t i = 0; i < shown.size(); ++i)
        out << (i ? "，" : "") << targetStatusLabel(shown[i]) << counts[targetStatusLabel(shown[i])] << "项";
    out << (yearOver ? "。这一年已结束。\n" : "。应达进度按全年匀速计算；创建率和注册志愿者从年初水平起算。\n");
}

namespace {

// targets set|remove: the Target the arguments describe, or a Chinese error.
std::optional<Target> describedTarget(storage::Storage& storage, const Command& command, int year, std::ostream& err) {
    storage::Aggregates aggregates(storage);
    const storage::ScopeResolution unit = aggregates.resolveScope(command.unit);
    if (!unit.ok()) {
        err << unit.error << "\n";
        return std::nullopt;
    }
    const TargetMetricInfo* metric = targetMetricFromText(command.metric);   // checked when parsing
    const TargetTitle title = resolveTargetTitle(storage.awardTitles(), *metric, command.title, command.level);
    if (!title.ok()) {
        err << title.error << "\n";
        return std::nullopt;
    }
    Target t;
    t.unitId = unit.unitId;
    t.year = year;
    t.metric = metric->code;
    t.titleId = title.titleId;
    t.atLevel = title.atLevel;
    t.indicator = command.indicator;
    t.goal = command.goal.empty() ? 0 : parseTargetGoal(command.goal, metric->kind).value_or(0);
    t.note = command.note;
    return t;
}

std::string goalText(const Target& t) {
    const TargetMetricInfo* m = targetMetricInfo(t.metric);
    return m && m->kind == TargetKind::Rate ? fmt::percent(t.goal, 2) : fmt::grouped(t.goal, 2);
}

int writeTargets(storage::Storage& storage, const Command& command, int year, std::ostream& out, std::ostream& err) {
    storage::TargetStore targets(storage);
    if (command.targetAction == "copy") {
        if (command.fromYear == year) {
            err << "--from 与目标年度相同（" << year << "），无需复制。\n";
            return 2;
        }
        const int added = targets.copyYear(command.fromYear, year);
        out << "已把" << command.fromYear << "年的" << added << "项目标复制到" << year << "年"
            << (added == 0 ? "（没有需要复制的：那一年没有目标，或这些目标" + std::to_string(year) + "年已有）" : "")
            << "。\n";
        return 0;
    }
    const std::optional<Target> t = describedTarget(storage, command, year, err);
    if (!t) return 1;
    std::string subject = command.indicator;
    if (t->titleId != 0)
        for (const AwardTitle& title : storage.awardTitles())
            if (title.id == t->titleId) subject = t->atLevel ? levelWithSuffix(title.level) + title.name : title.name;
    const std::string what = std::to_string(year) + "年 " + command.unit + " " + targetMetricLabel(t->metric, subject);
    if (command.targetAction == "remove") {
        const std::optional<Target> existing = targets.sameAs(*t);
        if (!existing) {
            err << "没有这样的目标：" << what << "。用 jinguo targets --db 文件 --year " << year << " 查看已设定的目标。\n";
            return 1;
        }
        targets.remove(existing->id);
        out << "已删除目标：" << what << "（原目标 " << goalText(*existing) << "）。\n";
        return 0;
    }
    const bool existed = targets.sameAs(*t).has_value();
    targets.save(*t);
    out << (existed ? "已修改目标：" : "已设定目标：") << what << " " << goalText(*t) << "。\n";
    return 0;
}

} // namespace

int runTargetsCommand(const Command& command, std::ostream& out, std::ostream& err) {
    const Date today = commandToday(command);
    const int year = command.year != 0 ? command.year : today.year;
    if (!checkDatabaseFile(command.dbPath, err)) return 1;
    try {
        storage::Storage storage(command.dbPath);
        if (!command.targetAction.empty()) return writeTargets(storage, command, year, out, err);
        storage::Aggregates aggregates(storage);
        const storage::TargetsReport report = aggregates.targets(year, today);
        if (command.json) out << targetsJson(report) << "\n";
        else printTargetsText(report, out);
        return 0;
    } catch (const storage::StorageError& e) {
        err << e.what() << "\n";
        return 1;
    }
}

} // namespace jinguo::cli
