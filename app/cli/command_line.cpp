// command_line.cpp — argument parsing and the default database location.
#include "cli/command_line.hpp"

#include <cstdlib>
#include <filesystem>

namespace jinguo::cli {

const char* usageText() {
    return "用法：\n"
           "  jinguo [--db 文件] [--section 栏目]      打开图形界面（默认打开本人的数据库）\n"
           "  jinguo --demo-if-new                    还没有数据库时，打开演示数据库\n"
           "  jinguo demo --db 文件                   生成演示数据库（文件须为新文件或空库）\n"
           "  jinguo --help | --version\n"
           "栏目：overview volunteers families posts honours targets leaderboards import presentation settings\n"
           "开发用：--screenshot 图片.png [--frames N]（绘制N帧后截图并退出）；input-probe 输出文件\n";
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

Command parseCommandLine(const std::vector<std::string>& args) {
    Command c;
    std::size_t i = 0;
    if (!args.empty() && args[0] == "demo") { c.kind = CommandKind::Demo; i = 1; }
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
    for (; i < args.size() && c.error.empty(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") { c.kind = CommandKind::Help; return c; }
        if (a == "--version") { c.kind = CommandKind::Version; return c; }
        if (a == "--db") value(a, c.dbPath);
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
        } else {
            c.error = "无法识别的参数“" + a + "”。";
        }
    }
    if (c.error.empty() && c.kind == CommandKind::Demo && c.dbPath.empty())
        c.error = "demo 命令需要用 --db 指定要生成的数据库文件，例如：jinguo demo --db demo.db";
    if (c.error.empty() && c.demoIfNew && !c.dbPath.empty())
        c.error = "--demo-if-new 只用于默认数据库，不能与 --db 同时使用。";
    return c;
}

} // namespace jinguo::cli
