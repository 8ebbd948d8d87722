// command_line.cpp — argument parsing and the default database location.
#include "cli/command_line.hpp"

#include "core/roster_mapping.hpp"

#include "core/id_number.hpp"
#include "core/periods.hpp"
#include "core/roster_hours.hpp"
#include "core/targets.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace jinguo::cli {

const char* usageText() {
    return "用法：\n"
           "  jinguo [--db 文件] [--section 栏目]      打开图形界面（默认打开上次打开的数据库；没有数据库时可新建、打开或试用示例）\n"
           "  jinguo --demo-if-new                    还没有数据库时，打开演示数据库\n"
           "  jinguo demo --db 文件                   生成演示数据库（文件须为新文件或空库）\n"
           "  jinguo leaderboard --db 文件 --board volunteers|communities|streets|posts\n"
           "         [--metric points|hours|rate|titles|score] [--period 2024|2024Q1|2024-03|all]\n"
           "         [--scope 单位名称] [--json]      排行榜（默认本年度、全区；志愿者、巾帼文明岗按积分，\n"
           "                                          社区、街道按平安家庭创建率）\n"
           "  jinguo targets --db 文件 [--year 2024] [--json]\n"
           "                                          创建目标进度（默认本年度；JSON中 rate 为完成率=实际÷目标）\n"
           "  jinguo targets set --db 文件 --unit 单位 --metric 指标 --goal 目标值 [--title 称号]\n"
           "                [--level 区|不限] [--indicator 指标名称] [--year 2026] [--note 说明]\n"
           "                                          设定或修改目标（指标：创建率、命名数、岗位命名数、志愿服务时长、\n"
           "                                          开展活动、活动参与、注册志愿者、手工指标；创建率写 90% 或 0.9）\n"
           "  jinguo targets remove --db 文件 --unit 单位 --metric 指标 [--title 称号] [--level 区|不限] [--year 2026]\n"
           "  jinguo targets copy --db 文件 --from 2025 [--year 2026]\n"
           "                                          把上一年的目标复制到本年（已有的不覆盖）\n"
           "  jinguo import --db 文件 --kind volunteers|families|units|targets|indicators|honours|posts|activities|reviews\n"
           "                [--sheet 工作表]... [--dry-run]\n"
           "                [--accept-renames] [--report-json 报告.json] [--hours-mean total|period]\n"
           "                [--hours-period 2026Q1] [--as-of YYYY-MM-DD] [--create-units-under 街道或镇]\n"
           "                [--map-unit 名册中的名称=社区或村]... 名册文件...\n"
           "                                          导入名册或记录（.xlsx/.csv），整批成功或不写入；服务时长默认是截至\n"
           "                                          --as-of（默认今天）的累计总时长；身份证号已登记而姓名不同的行\n"
           "                                          默认不导入，加 --accept-renames 则按名册更新姓名；\n"
           "                                          所属社区不在“组织”中的，加 --create-units-under 则先在\n"
           "                                          该街道/镇下新建这些社区/村（一步，可撤销）；\n"
           "                                          --map-unit 梅园社区=梅园社区居委会（可重复）把所属社区写作\n"
           "                                          “梅园社区”的行归入已有的社区/村“梅园社区居委会”（不会新建）\n"
           "  jinguo export --db 文件 --table volunteers|families --out 文件.xlsx|文件.csv [--unmasked]\n"
           "                                          导出名单（默认身份证号、手机号打码）\n"
           "  jinguo backup --db 文件 [--out 备份.db]  立即备份（默认写入数据库旁的“库名-backups”文件夹）\n"
           "  jinguo restore --db 文件 --from 备份.db  用备份替换当前数据（替换前先备份当前数据）\n"
           "  jinguo snapshot --db 文件 --slide 序号|all --out 图片.png|文件夹 [--size 1920x1080|3840x2160]\n"
           "                                          把演示幻灯片导出为PNG（需要图形显示；all 时每页一张，写入文件夹）\n"
           "  jinguo audit-prune --db 文件 [--days N]  对已删除人员的操作日志中超过保留期限（默认180天）的\n"
           "                                          身份证号、手机号打码\n"
           "  jinguo report --db 文件 --year 2026 --out 年度数据.pdf\n"
           "                                          打印用的PDF（A4）：年度数据（数据卡片、图表、目标进度、年度工作总结）\n"
           "  jinguo report --db 文件 --board volunteers|communities|streets|posts [--metric 指标]\n"
           "                [--period 2026|2026Q1|2026-03|all] [--scope 单位名称] --out 排行榜.pdf\n"
           "                                          打印用的PDF（A4）：排行榜（前十名图表和完整榜单）\n"
           "  jinguo server init|add-user|users|set-password|update-user|remove-user 连接地址 …\n"
           "                                          区级服务器（PostgreSQL，试用）：初始化，添加、列出、修改和停用用户，设置密码，见 jinguo server --help\n"
           "  jinguo copy --from 源 --to 目标          把整个数据库复制到新文件或空的服务器数据库（文件⇄服务器），\n"
           "                                          复制后核对行数和合计，见 jinguo copy --help\n"
           "  jinguo --help | --version\n"
           "栏目：overview volunteers families posts honours review units targets leaderboards import presentation settings help\n"
           "开发用：--screenshot 图片.png [--frames N]（绘制N帧后截图并退出）；input-probe 输出文件；\n"
           "        --screenshot 图片.png --screenshot-at-ms 毫秒（在启动后该毫秒数之后开始的第一帧截图并退出）；\n"
           "        --measure 文件（每帧写一行：帧号、启动后毫秒数、本帧耗时毫秒、是否仍有视图在等数据；\n"
           "        退出时写峰值内存；不截图时在数据到齐并稳定30帧后或 --frames 帧后退出）；\n"
           "        leaderboard/targets/report 的 --today YYYY-MM-DD（按指定日期计算默认年度与进度）\n";
}

namespace {
std::string dataHome() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return xdg;
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share";
}
} // namespace

std::string defaultDatabasePath() { return dataHome() + "/jinguo/jinguo.db"; }
std::string defaultDemoDatabasePath() { return dataHome() + "/jinguo/demo.db"; }

namespace {

// The metrics each board offers (mirrors storage/aggregates.hpp's metricsOf,
// which the command line cannot include: parsing needs no storage).
bool boardOffersMetric(const std::string& board, const std::string& metric) {
    if (board == "volunteers") return metric == "points" || metric == "hours";
    if (board == "communities" || board == "streets")
        return metric == "rate" || metric == "points" || metric == "hours" || metric == "titles";
    if (board == "posts") return metric == "points" || metric == "score";
    return false;
}

// targets set|remove|copy: what the command line alone can tell.
std::string checkTargetWriting(const Command& c) {
    if (c.targetAction.empty()) return {};
    if (c.targetAction == "copy")
        return c.fromYear == 0 ? "targets copy 需要用 --from 指定从哪一年复制（1949–2100），例如 --from 2025。" : "";
    if (c.unit.empty()) return "targets " + c.targetAction + " 需要用 --unit 指定单位，例如 --unit 临江区。";
    if (c.metric.empty())
        return "targets " + c.targetAction + " 需要用 --metric 指定指标：创建率、命名数、岗位命名数、志愿服务时长、开展活动、活动参与、注册志愿者或手工指标。";
    const TargetMetricInfo* metric = targetMetricFromText(c.metric);
    if (metric == nullptr)
        return "不认识的指标“" + c.metric + "”，--metric 可选：创建率、命名数、岗位命名数、志愿服务时长、开展活动、活动参与、注册志愿者、手工指标。";
    if ((metric->metric == TargetMetric::TitleRate || metric->metric == TargetMetric::TitleCount) && c.title.empty())
        return std::string(metric->metric == TargetMetric::TitleRate ? "创建率" : "命名数") +
               "目标需要用 --title 指定称号，例如 --title 平安家庭。";
    if (metric->needsIndicator && c.indicator.empty()) return "手工指标的目标需要用 --indicator 指定指标名称。";
    if (c.targetAction == "set") {
        if (c.goal.empty()) return "targets set 需要用 --goal 指定目标值，例如 --goal 90%（创建率）或 --goal 1200（数量）。";
        std::string error;
        if (!parseTargetGoal(c.goal, metric->kind, &error)) return error;
    }
    return {};
}

std::string checkBoardChoice(const Command& c);

// Checks the values of leaderboard and targets; the first problem, or "".
std::string checkBoardOptions(const Command& c, bool sawYear, const std::string& yearText) {
    if (c.dbPath.empty()) {
        return c.kind == CommandKind::Leaderboard
                   ? "leaderboard 命令需要用 --db 指定数据库文件，例如：jinguo leaderboard --db jinguo.db --board volunteers"
                   : "targets 命令需要用 --db 指定数据库文件，例如：jinguo targets --db jinguo.db --year 2026";
    }
    if (!c.today.empty() && !parseDate(c.today))
        return "--today 应为 YYYY-MM-DD 格式的日期，收到“" + c.today + "”。";
    if (c.kind == CommandKind::Targets) {
        if (sawYear && c.year == 0)
            return "--year 应为 1949 到 2100 之间的年份，例如 --year 2026，收到“" + yearText + "”。";
        return checkTargetWriting(c);
    }
    if (c.board.empty())
        return "leaderboard 命令需要用 --board 指定榜单：volunteers（志愿者）、communities（社区）、streets（街道）、posts（巾帼文明岗）。";
    return checkBoardChoice(c);
}

// --board, --metric and --period (leaderboard, report --board).
std::string checkBoardChoice(const Command& c) {
    static const std::set<std::string> boards = {"volunteers", "communities", "streets", "posts"};
    if (!boards.count(c.board))
        return "没有名为“" + c.board + "”的榜单，--board 可选：volunteers（志愿者）、communities（社区）、streets（街道）、posts（巾帼文明岗）。";
    static const std::set<std::string> metrics = {"points", "hours", "rate", "titles", "score"};
    if (!c.metric.empty() && !metrics.count(c.metric))
        return "没有名为“" + c.metric + "”的指标，--metric 可选：points（积分）、hours（服务时长）、rate（创建率）、titles（获得荣誉）、score（考核得分）。";
    if (!c.metric.empty() && !boardOffersMetric(c.board, c.metric)) {
        const char* offered = c.board == "volunteers" ? "points、hours"
                              : c.board == "posts"    ? "points、score"
                                                      : "rate、points、hours、titles";
        return c.board + " 榜单不支持指标“" + c.metric + "”，可选：" + offered + "。";
    }
    if (!c.period.empty()) {
        const PeriodParse parsed = parsePeriod(c.period);
        if (!parsed.ok()) return "--period 的取值“" + c.period + "”无法识别：" + parsed.message;
    }
    return {};
}

// report: a year or a board (not both), and a .pdf to write.
std::string checkReportOptions(const Command& c, bool sawYear, const std::string& yearText) {
    if (c.dbPath.empty())
        return "report 命令需要用 --db 指定数据库文件，例如：jinguo report --db jinguo.db --year 2026 --out 年度数据.pdf";
    if (!c.today.empty() && !parseDate(c.today))
        return "--today 应为 YYYY-MM-DD 格式的日期，收到“" + c.today + "”。";
    if (sawYear && c.year == 0)
        return "--year 应为 1949 到 2100 之间的年份，例如 --year 2026，收到“" + yearText + "”。";
    if (sawYear && !c.board.empty())
        return "report 命令一次写一份报告：--year（年度数据）和 --board（排行榜）只能二选一。";
    if (!sawYear && c.board.empty())
        return "report 命令需要 --year 2026（年度数据）或 --board volunteers|communities|streets|posts（排行榜）。";
    if (sawYear && (!c.metric.empty() || !c.period.empty() || !c.scope.empty()))
        return "--metric、--period、--scope 只用于排行榜（--board）；年度数据只需 --year。";
    if (!c.board.empty())
        if (std::string problem = checkBoardChoice(c); !problem.empty()) return problem;
    if (c.outPath.empty()) return "report 命令需要用 --out 指定要写入的PDF文件，例如 --out 年度数据.pdf";
    if (c.outPath.size() < 4 || [&] {
            std::string ext = c.outPath.substr(c.outPath.size() - 4);
            for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            return ext != ".pdf";
        }())
        return "--out 应为 .pdf 文件，例如 --out 年度数据.pdf，收到“" + c.outPath + "”。";
    return {};
}

bool endsWithPng(const std::string& path) {
    if (path.size() < 4) return false;
    std::string ext = path.substr(path.size() - 4);
    for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return ext == ".png";
}

} // namespace

bool parseSnapshotSize(const std::string& text, int& width, int& height) {
    const std::size_t x = text.find_first_of("xX×");
    if (x == std::string::npos || x == 0) return false;
    const std::string w = text.substr(0, x);
    std::string h = text.substr(x + 1);
    if (!h.empty() && static_cast<unsigned char>(h[0]) == 0x97) h.erase(0, 1);   // the tail of a UTF-8 ×
    auto number = [](const std::string& s, int lo, int hi, int& out) {
        if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return false;
        const int v = std::stoi(s);
        if (v < lo || v > hi) return false;
        out = v;
        return true;
    };
    int wv = 0, hv = 0;
    if (!number(w, 320, 7680, wv) || !number(h, 180, 4320, hv)) return false;
    width = wv;
    height = hv;
    return true;
}

Command parseCommandLine(const std::vector<std::string>& args) {
    Command c;
    std::size_t i = 0;
    if (!args.empty() && args[0] == "demo") { c.kind = CommandKind::Demo; i = 1; }
    else if (!args.empty() && args[0] == "leaderboard") { c.kind = CommandKind::Leaderboard; i = 1; }
    else if (!args.empty() && args[0] == "targets") {
        c.kind = CommandKind::Targets;
        i = 1;
        if (args.size() > 1 && (args[1] == "set" || args[1] == "remove" || args[1] == "copy")) {
            c.targetAction = args[1];
            i = 2;
        }
    }
    else if (!args.empty() && args[0] == "import") { c.kind = CommandKind::Import; i = 1; }
    else if (!args.empty() && args[0] == "export") { c.kind = CommandKind::Export; i = 1; }
    else if (!args.empty() && args[0] == "snapshot") { c.kind = CommandKind::Snapshot; i = 1; }
    else if (!args.empty() && args[0] == "audit-prune") { c.kind = CommandKind::AuditPrune; i = 1; }
    else if (!args.empty() && args[0] == "backup") { c.kind = CommandKind::Backup; i = 1; }
    else if (!args.empty() && args[0] == "restore") { c.kind = CommandKind::Restore; i = 1; }
    else if (!args.empty() && args[0] == "report") { c.kind = CommandKind::Report; i = 1; }
    else if (!args.empty() && args[0] == "input-probe") {
        c.kind = CommandKind::InputProbe;
        if (args.size() != 2 || args[1].empty() || args[1][0] == '-') c.error = "input-probe 需要一个输出文件路径。";
        else c.outPath = args[1];
        return c;
    }
    auto value = [&](const std::string& flag, std::string& out) {
        if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0) {
            c.error = "参数 " + flag + " 后面缺少取值。";
            return;
        }
        out = args[++i];
    };
    const bool boards = c.kind == CommandKind::Leaderboard || c.kind == CommandKind::Targets;
    const bool report = c.kind == CommandKind::Report;
    bool sawYear = false;
    std::string yearText;
    for (; i < args.size() && c.error.empty(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") { c.kind = CommandKind::Help; return c; }
        if (a == "--version") { c.kind = CommandKind::Version; return c; }
        if (a == "--db") value(a, c.dbPath);
        else if (a == "--board" && (c.kind == CommandKind::Leaderboard || report)) value(a, c.board);
        else if (a == "--metric" && (c.kind == CommandKind::Leaderboard || report)) value(a, c.metric);
        else if (a == "--period" && (c.kind == CommandKind::Leaderboard || report)) value(a, c.period);
        else if (a == "--scope" && (c.kind == CommandKind::Leaderboard || report)) value(a, c.scope);
        else if (a == "--out" && report) value(a, c.outPath);
        else if (a == "--year" && (c.kind == CommandKind::Targets || report)) {
            value(a, yearText);
            sawYear = true;
            char* end = nullptr;
            const long year = std::strtol(yearText.c_str(), &end, 10);
            c.year = !yearText.empty() && *end == '\0' && year >= 1949 && year <= 2100 ? static_cast<int>(year) : 0;
        }
        else if (a == "--today" && (boards || report || c.kind == CommandKind::Snapshot)) value(a, c.today);
        else if (!c.targetAction.empty() && a == "--unit") value(a, c.unit);
        else if (!c.targetAction.empty() && a == "--metric") value(a, c.metric);
        else if (!c.targetAction.empty() && a == "--title") value(a, c.title);
        else if (!c.targetAction.empty() && a == "--level") value(a, c.level);
        else if (!c.targetAction.empty() && a == "--indicator") value(a, c.indicator);
        else if (c.targetAction == "set" && a == "--goal") value(a, c.goal);
        else if (c.targetAction == "set" && a == "--note") value(a, c.note);
        else if (c.targetAction == "copy" && a == "--from") {
            std::string from;
            value(a, from);
            char* end = nullptr;
            const long y = std::strtol(from.c_str(), &end, 10);
            c.fromYear = !from.empty() && *end == '\0' && y >= 1949 && y <= 2100 ? static_cast<int>(y) : 0;
            if (c.error.empty() && c.fromYear == 0)
                c.error = "--from 应为 1949 到 2100 之间的年份，例如 --from 2025，收到“" + from + "”。";
        }
        else if (a == "--slide" && c.kind == CommandKind::Snapshot) value(a, c.slide);
        else if (a == "--out" && c.kind == CommandKind::Snapshot) value(a, c.outPath);
        else if (a == "--size" && c.kind == CommandKind::Snapshot) {
            std::string size;
            value(a, size);
            if (c.error.empty() && !parseSnapshotSize(size, c.width, c.height))
                c.error = "--size 应写成 宽x高，例如 --size 1920x1080 或 --size 3840x2160（宽 320–7680，高 180–4320），收到“"
                          + size + "”。";
        }
        else if (a == "--json" && boards) c.json = true;
        else if (a == "--kind" && c.kind == CommandKind::Import) value(a, c.importKind);
        else if (a == "--sheet" && c.kind == CommandKind::Import) {
            std::string sheet;
            value(a, sheet);
            c.sheets.push_back(sheet);
        }
        else if (a == "--dry-run" && c.kind == CommandKind::Import) c.dryRun = true;
        else if (a == "--accept-renames" && c.kind == CommandKind::Import) c.acceptRenames = true;
        else if (a == "--create-units-under" && c.kind == CommandKind::Import) value(a, c.createUnitsUnder);
        else if (a == "--map-unit" && c.kind == CommandKind::Import) {
            std::string mapping;
            value(a, mapping);
            c.mapUnits.push_back(mapping);
        }
        else if (a == "--report-json" && c.kind == CommandKind::Import) value(a, c.reportJson);
        else if (a == "--hours-mean" && c.kind == CommandKind::Import) value(a, c.hoursMean);
        else if (a == "--hours-period" && c.kind == CommandKind::Import) value(a, c.hoursPeriod);
        else if (a == "--as-of" && c.kind == CommandKind::Import) value(a, c.asOf);
        else if (a == "--today" && c.kind == CommandKind::Import) value(a, c.today);
        else if (c.kind == CommandKind::Import && !a.empty() && a.rfind("--", 0) != 0) c.files.push_back(a);
        else if (a == "--table" && c.kind == CommandKind::Export) value(a, c.table);
        else if (a == "--out" && c.kind == CommandKind::Export) value(a, c.outPath);
        else if (a == "--unmasked" && c.kind == CommandKind::Export) c.unmasked = true;
        else if (a == "--days" && c.kind == CommandKind::AuditPrune) {
            std::string n;
            value(a, n);
            char* end = nullptr;
            const long days = std::strtol(n.c_str(), &end, 10);
            if (c.error.empty() && (n.empty() || *end != '\0' || days < 0 || days > 36500))
                c.error = "--days 应为 0 到 36500 之间的整数（天数），收到“" + n + "”。";
            else c.days = static_cast<int>(days);
        }
        else if (a == "--out" && c.kind == CommandKind::Backup) value(a, c.outPath);
        else if (a == "--from" && c.kind == CommandKind::Restore) value(a, c.fromPath);
        else if (a == "--section" && c.kind == CommandKind::Gui) value(a, c.section);
        else if (a == "--screenshot" && c.kind == CommandKind::Gui) value(a, c.screenshotPath);
        else if (a == "--demo-if-new" && c.kind == CommandKind::Gui) c.demoIfNew = true;
        else if (a == "--frames" && c.kind == CommandKind::Gui) {
            std::string n;
            value(a, n);
            char* end = nullptr;
            const long frames = std::strtol(n.c_str(), &end, 10);
            if (c.error.empty() && (*end != '\0' || frames < 1 || frames > 100000))
                c.error = "--frames 应为 1 到 100000 之间的整数，收到“" + n + "”。";
            else c.frames = static_cast<int>(frames);
            c.framesGiven = true;
        }
        else if (a == "--measure" && c.kind == CommandKind::Gui) {
            value(a, c.measurePath);
            if (c.error.empty() && c.measurePath.empty())
                c.error = "--measure 需要写入测量结果的文件名，例如 --measure 测量.txt。";
        }
        else if (a == "--screenshot-at-ms" && c.kind == CommandKind::Gui) {
            std::string n;
            value(a, n);
            char* end = nullptr;
            const long ms = std::strtol(n.c_str(), &end, 10);
            if (c.error.empty() && (n.empty() || *end != '\0' || ms < 0 || ms > 3600000))
                c.error = "--screenshot-at-ms 应为 0 到 3600000 之间的整数（启动后的毫秒数），收到“" + n + "”。";
            else c.screenshotAtMs = static_cast<int>(ms);
        } else {
            c.error = "无法识别的参数“" + a + "”。";
        }
    }
    if (c.error.empty() && c.kind == CommandKind::Demo && c.dbPath.empty())
        c.error = "demo 命令需要用 --db 指定要生成的数据库文件，例如：jinguo demo --db demo.db";
    if (c.error.empty() && boards) c.error = checkBoardOptions(c, sawYear, yearText);
    if (c.error.empty() && report) c.error = checkReportOptions(c, sawYear, yearText);
    if (c.error.empty() && c.kind == CommandKind::Import) {
        if (c.dbPath.empty()) c.error = "import 命令需要用 --db 指定数据库文件（不存在时会新建）。";
        else if (!roster::kindFromKey(c.importKind))
            c.error = "import 命令需要 --kind volunteers（志愿者花名册）、families（家庭名单）、units（单位）、"
                      "targets（创建目标）、indicators（手动指标）、honours（个人和集体荣誉）、posts（巾帼文明岗）"
                      "或 activities（活动）。";
        else if (c.files.empty())
            c.error = "请给出要导入的文件，例如：jinguo import --db jinguo.db --kind volunteers 名册.xlsx";
        else if (const auto hours = roster::parseHoursBasis(c.hoursMean, c.hoursPeriod, c.asOf,
                                                           c.today.empty() ? todayIso() : c.today);
                 !hours.ok())
            c.error = hours.message;
    }
    if (c.error.empty() && c.kind == CommandKind::Export) {
        if (c.dbPath.empty()) c.error = "export 命令需要用 --db 指定数据库文件。";
        else if (c.table != "volunteers" && c.table != "families")
            c.error = "export 命令需要 --table volunteers 或 --table families。";
        else if (c.outPath.empty()) c.error = "export 命令需要用 --out 指定输出文件（.xlsx 或 .csv）。";
    }
    if (c.error.empty() && c.kind == CommandKind::Snapshot) {
        if (c.dbPath.empty())
            c.error = "snapshot 命令需要用 --db 指定数据库文件，例如：jinguo snapshot --db jinguo.db --slide all --out 幻灯片";
        else if (c.slide.empty())
            c.error = "snapshot 命令需要用 --slide 指定幻灯片：序号（1 为第一页）、all（全部）或名称（figures、volunteers、race、posts、wall、targets）。";
        else if (c.outPath.empty())
            c.error = c.slide == "all" ? "snapshot 命令需要用 --out 指定输出文件夹（--slide all 时每页写一张PNG）。"
                                       : "snapshot 命令需要用 --out 指定输出的PNG文件，例如 --out 第1页.png";
        else if (c.slide != "all" && !endsWithPng(c.outPath))
            c.error = "--out 应为 .png 文件，收到“" + c.outPath + "”。导出全部幻灯片请用 --slide all 并给出文件夹。";
        else if (!c.today.empty() && !parseDate(c.today))
            c.error = "--today 应为 YYYY-MM-DD 格式的日期，收到“" + c.today + "”。";
    }
    if (c.error.empty() && c.kind == CommandKind::AuditPrune && c.dbPath.empty())
        c.error = "audit-prune 命令需要用 --db 指定数据库文件，例如：jinguo audit-prune --db jinguo.db --days 180";
    if (c.error.empty() && (c.kind == CommandKind::Backup || c.kind == CommandKind::Restore) && c.dbPath.empty())
        c.error = c.kind == CommandKind::Backup
                      ? "backup 命令需要用 --db 指定数据库文件，例如：jinguo backup --db jinguo.db"
                      : "restore 命令需要用 --db 指定数据库文件，例如：jinguo restore --db jinguo.db --from 备份.db";
    if (c.error.empty() && c.kind == CommandKind::Restore && c.fromPath.empty())
        c.error = "restore 命令需要用 --from 指定备份文件，例如：jinguo restore --db jinguo.db --from 备份.db";
    if (c.error.empty() && c.screenshotAtMs >= 0 && c.screenshotPath.empty())
        c.error = "--screenshot-at-ms 需要与 --screenshot 图片.png 一起使用（说明在什么时候截图）。";
    if (c.error.empty() && c.screenshotAtMs >= 0 && c.framesGiven)
        c.error = "--screenshot-at-ms 与 --frames 只能选一个：按时间截图，或在第N帧截图。";
    if (c.error.empty() && c.demoIfNew && !c.dbPath.empty())
        c.error = "--demo-if-new 只用于默认数据库，不能与 --db 同时使用。";
    return c;
}

} // namespace jinguo::cli
