// report_pdf_test.cpp — printed reports (`jinguo report`, report/reports.hpp):
// a district in a real SQLite file, both PDFs written through the command,
// then read back with pdftotext/pdfinfo: the unit, the year, the figures as
// the screens format them, the summary's first sentence, the page count, the
// table header on every page; and the refusals (exit 2, no file left).
#include <doctest/doctest.h>

#include "cli/command_line.hpp"
#include "cli/report_command.hpp"
#include "cli/targets_command.hpp"
#include "core/boards.hpp"
#include "core/number_format.hpp"
#include "report/pdf_report.hpp"
#include "report/reports.hpp"
#include "storage/aggregates.hpp"
#include "storage/database.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "support/district.hpp"
#include "support/pdf_text.hpp"
#include "temp_db.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace jinguo;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("jinguo_report_" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, ec);
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
    // Files other than `keep` (a temporary left behind would show here).
    std::vector<std::string> others(const std::string& keep) const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(path))
            if (e.path().filename() != keep) out.push_back(e.path().filename().string());
        return out;
    }
};

// 临江区 → 滨江街道 → 望江社区 (1500 households); 150 volunteers with 16 verified
// hours each in 2026 and 李娜 with 24: 2,424 hours in all; a 2026 target of
// 5,000 service hours for the district.
struct ReportDistrict {
    test::TempDbPath db;
    TempDir dir;

    ReportDistrict() {
        {
            storage::Storage s(db.str());
            const test::District d = test::buildDistrict(s, {0, {{"滨江街道", 0, 0, {{"望江社区", 1500}}}}});
            storage::Transaction tx(s.db());
            auto volunteer = [&](const std::string& name, int records) {
                Person p;
                p.name = name;
                p.unitId = d.community();
                p.joinedOn = "2025-01-01";
                const RowId id = s.insertPerson(p);
                for (int r = 0; r < records; ++r) {
                    ServiceRecord rec;
                    rec.personId = id;
                    rec.servedOn = "2026-0" + std::to_string(3 + r) + "-10";
                    rec.hours = 8;
                    rec.verified = true;
                    s.insertServiceRecord(rec);
                }
            };
            volunteer("李娜", 3);
            for (int i = 1; i <= 150; ++i) volunteer("王芳" + std::to_string(i), 2);
            tx.commit();
        }
        std::ostringstream out, err;
        const cli::Command set = cli::parseCommandLine({"targets", "set", "--db", db.str(), "--unit", "临江区", "--metric",
                                                        "志愿服务时长", "--goal", "5000", "--year", "2026"});
        REQUIRE(set.error.empty());
        REQUIRE(cli::runTargetsCommand(set, out, err) == 0);
    }

    // Runs `jinguo report ARGS --db DB --today 2026-11-29`.
    int report(std::vector<std::string> args, std::string* out = nullptr, std::string* err = nullptr) const {
        args.insert(args.begin(), {"report", "--db", db.str(), "--today", "2026-11-29"});
        const cli::Command c = cli::parseCommandLine(args);
        if (!c.error.empty()) {
            if (err) *err = c.error;
            return 2;
        }
        std::ostringstream o, e;
        const int code = cli::runReportCommand(c, o, e);
        if (out) *out = o.str();
        if (err) *err = e.str();
        return code;
    }
};

// "已写入PDF：…（共3页）" → 3.
int pagesSaid(const std::string& out) {
    const std::size_t at = out.find("（共");
    return at == std::string::npos ? -1 : std::stoi(out.substr(at + std::string("（共").size()));
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("report --year: 年度数据 as a PDF with the figures, the targets and the summary as the screens write them") {
    ReportDistrict d;
    const std::string pdf = d.dir.file("年度数据.pdf");
    std::string out, err;
    REQUIRE_MESSAGE(d.report({"--year", "2026", "--out", pdf}, &out, &err) == 0, err);
    CHECK(contains(out, "已写入PDF：" + pdf));
    REQUIRE(fs::exists(pdf));
    CHECK(d.dir.others("年度数据.pdf").empty());   // no temporary left beside it

    // The figures come from the reader the tab uses, formatted as the tab does.
    storage::Storage s(d.db.str());
    const YearFigures f = storage::YearFiguresReader(s).figures(2026);
    REQUIRE(fmt::grouped(f.serviceHours) == "2,424");
    const std::string summary = yearSummaryText(f, Date{2026, 11, 29});

    const std::string text = test::pdfText(pdf);
    CHECK(contains(text, "临江区2026年度数据"));
    CHECK(contains(text, "统计期：2026年（截至2026-11-29）"));
    CHECK(contains(text, "打印日期：2026-11-29"));
    CHECK(contains(text, "服务时长（小时）"));
    CHECK(contains(text, "2,424"));
    CHECK(contains(text, fmt::grouped(static_cast<double>(f.volunteersRegistered))));   // 151
    CHECK(contains(text, "每月服务时长"));
    // The district's target, as 目标进度 writes it: 2,424 of 5,000 hours.
    CHECK(contains(text, "志愿服务时长"));
    CHECK(contains(text, "5,000"));
    // The paragraph's first sentence, however the page wrapped it.
    const std::string firstSentence = summary.substr(0, summary.find("。") + std::string("。").size());
    REQUIRE(firstSentence.size() > 10);
    CHECK(contains(test::withoutSpaces(text), test::withoutSpaces(firstSentence)));

    const int pages = test::pdfPageCount(pdf);
    CHECK(pages >= 1);
    CHECK(pages == pagesSaid(out));
    // The footer, however pdftotext spaces it.
    const std::string flat = test::withoutSpaces(text);
    CHECK_MESSAGE(contains(flat, "第1页/共" + std::to_string(pages) + "页"), text);
    CHECK(contains(flat, "第" + std::to_string(pages) + "页/共" + std::to_string(pages) + "页"));
}

TEST_CASE("report --board: the board's rows over several pages, the header row on each, values as the board shows them") {
    ReportDistrict d;
    const std::string pdf = d.dir.file("board.pdf");
    std::string out, err;
    REQUIRE_MESSAGE(d.report({"--board", "volunteers", "--metric", "hours", "--period", "2026", "--out", pdf}, &out, &err) == 0,
                    err);
    const int pages = test::pdfPageCount(pdf);
    CHECK(pages >= 3);   // 151 rows
    CHECK(pages == pagesSaid(out));
    const std::string all = test::pdfText(pdf);
    CHECK(contains(all, "临江区志愿者榜（服务时长）"));
    CHECK(contains(all, "统计期：2026年"));
    CHECK(contains(all, "前十名"));
    CHECK(contains(all, "共151人"));
    // The first row as Aggregates ranks it.
    storage::Storage s(d.db.str());
    storage::BoardQuery q;
    q.board = Board::Volunteers;
    q.metric = BoardMetric::Hours;
    q.period = Period::ofYear(2026);
    q.today = Date{2026, 11, 29};
    const storage::BoardResult board = storage::Aggregates(s).board(q);
    REQUIRE(board.rows.size() == 151);
    CHECK(board.rows[0].name == "李娜");
    CHECK(contains(all, "1. 李娜"));   // the chart's label
    CHECK(contains(all, boardValueText(BoardMetric::Hours, board.rows[0].value)));
    CHECK(contains(all, board.rows.back().name));
    for (int page = 1; page <= pages; ++page) {
        const std::string text = test::pdfText(pdf, page, page);
        CHECK_MESSAGE(contains(text, "名次"), "page " << page);   // the header row repeated
        CHECK_MESSAGE(contains(text, "临江区"), "page " << page); // the header
        CHECK(contains(test::withoutSpaces(text), "第" + std::to_string(page) + "页/共" + std::to_string(pages) + "页"));
    }

    // A unit board: 望江社区's 2,424 hours, thousands-separated.
    const std::string units = d.dir.file("units.pdf");
    REQUIRE(d.report({"--board", "communities", "--metric", "hours", "--scope", "滨江街道", "--out", units}) == 0);
    const std::string unitsText = test::pdfText(units);
    CHECK(contains(unitsText, "滨江街道社区榜（服务时长）"));
    CHECK(contains(unitsText, "望江社区"));
    CHECK(contains(unitsText, "2,424"));
    CHECK(test::pdfPageCount(units) == 1);
}

TEST_CASE("report: bad input is refused in Chinese with exit 2, and no file is written") {
    ReportDistrict d;
    std::string err;
    SUBCASE("arguments") {
        CHECK(d.report({"--board", "teams", "--out", d.dir.file("a.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "没有名为“teams”的榜单"));
        CHECK(d.report({"--year", "20x6", "--out", d.dir.file("a.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "--year 应为 1949 到 2100 之间的年份"));
        CHECK(d.report({"--year", "2026", "--out", d.dir.file("a.png")}, nullptr, &err) == 2);
        CHECK(contains(err, "--out 应为 .pdf 文件"));
        CHECK(d.report({"--year", "2026"}, nullptr, &err) == 2);
        CHECK(contains(err, "--out"));
        CHECK(d.report({"--year", "2026", "--board", "volunteers", "--out", d.dir.file("a.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "二选一"));
        CHECK(d.report({"--out", d.dir.file("a.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "--year 2026（年度数据）或 --board"));
        CHECK(d.report({"--board", "volunteers", "--metric", "rate", "--out", d.dir.file("a.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "不支持指标"));
        CHECK(d.report({"--board", "volunteers", "--scope", "没有这个社区", "--out", d.dir.file("a.pdf")}, nullptr, &err) == 2);
        CHECK(!err.empty());
    }
    SUBCASE("where to write") {
        CHECK(d.report({"--year", "2026", "--out", d.dir.file("缺少的文件夹/a.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "不存在"));
        CHECK(!fs::exists(d.dir.file("缺少的文件夹")));
        // A folder named like a PDF.
        fs::create_directories(d.dir.file("folder.pdf"));
        CHECK(d.report({"--year", "2026", "--out", d.dir.file("folder.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "是一个文件夹"));
        // A path through a file.
        { std::ofstream(d.dir.file("plain.txt")) << "x"; }
        CHECK(d.report({"--year", "2026", "--out", d.dir.file("plain.txt/a.pdf")}, nullptr, &err) == 2);
        CHECK(contains(err, "不是文件夹"));
        if (::geteuid() != 0) {   // root writes anywhere
            fs::create_directories(d.dir.file("locked"));
            fs::permissions(d.dir.file("locked"), fs::perms::owner_read | fs::perms::owner_exec);
            CHECK(d.report({"--year", "2026", "--out", d.dir.file("locked/a.pdf")}, nullptr, &err) == 2);
            CHECK(contains(err, "没有在文件夹"));
            CHECK(fs::is_empty(d.dir.file("locked")));
        }
    }
    SUBCASE("a missing database: exit 1, nothing created") {
        const std::string missing = d.dir.file("none.db");
        const cli::Command c = cli::parseCommandLine({"report", "--db", missing, "--year", "2026", "--out", d.dir.file("a.pdf")});
        REQUIRE(c.error.empty());
        std::ostringstream o, e;
        CHECK(cli::runReportCommand(c, o, e) == 1);
        CHECK(contains(e.str(), "找不到数据库文件"));
        CHECK(!fs::exists(missing));
    }
    CHECK(!fs::exists(d.dir.file("a.pdf")));
}

TEST_CASE("report: writing again replaces the file whole; the file is private (0600)") {
    ReportDistrict d;
    const std::string pdf = d.dir.file("r.pdf");
    REQUIRE(d.report({"--year", "2025", "--out", pdf}) == 0);
    CHECK(contains(test::pdfText(pdf), "临江区2025年度数据"));
    REQUIRE(d.report({"--year", "2026", "--out", pdf}) == 0);
    const std::string text = test::pdfText(pdf);
    CHECK(contains(text, "临江区2026年度数据"));
    CHECK(!contains(text, "临江区2025年度数据"));
    CHECK(d.dir.others("r.pdf").empty());
    struct stat st{};
    REQUIRE(::stat(pdf.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("writePdf: a long table breaks across pages with its header repeated; the footer counts the pages") {
    TempDir dir;
    report::PdfDocument doc;
    doc.title = "测试表格";
    doc.unitName = "临江区";
    doc.periodText = "统计期：2026年";
    doc.printedOn = "2026-11-29";
    report::PdfTable table;
    table.headers = {"序号", "名称", "数值"};
    table.widths = {0.5, 2, 1};
    table.rightAligned = {true, false, true};
    for (int i = 1; i <= 200; ++i) table.rows.push_back({std::to_string(i), "第" + std::to_string(i) + "行", fmt::grouped(i * 1000.5)});
    doc.blocks.push_back(table);
    const std::string pdf = dir.file("t.pdf");
    int pages = 0;
    REQUIRE(report::writePdf(doc, pdf, &pages).empty());
    CHECK(pages == test::pdfPageCount(pdf));
    CHECK(pages >= 4);
    for (int page = 1; page <= pages; ++page) CHECK(contains(test::pdfText(pdf, page, page), "序号"));
    const std::string all = test::pdfText(pdf);
    CHECK(contains(all, "200,100"));   // 200 × 1000.5, thousands-separated as given
    CHECK(contains(all, "第200行"));
}

TEST_CASE("writePdf: a long paragraph continues on the next page, line by line") {
    TempDir dir;
    report::PdfDocument doc;
    doc.title = "长段落";
    doc.unitName = "临江区";
    doc.periodText = "统计期：2026年";
    doc.printedOn = "2026-11-29";
    std::string text;
    for (int i = 1; i <= 120; ++i) text += "第" + std::to_string(i) + "句，全区巾帼志愿者开展服务活动共计1,234.5小时。";
    text += "最后一句在此结束。";
    doc.blocks.push_back(report::PdfParagraph{text});
    const std::string pdf = dir.file("p.pdf");
    int pages = 0;
    REQUIRE(report::writePdf(doc, pdf, &pages).empty());
    CHECK(pages >= 2);
    CHECK(pages == test::pdfPageCount(pdf));
    const std::string flat = test::withoutSpaces(test::pdfText(pdf));
    CHECK(contains(flat, "第1句，全区巾帼志愿者开展服务活动共计1,234.5小时。"));
    CHECK(contains(flat, "最后一句在此结束。"));
    CHECK(contains(test::withoutSpaces(test::pdfText(pdf, pages, pages)), "最后一句在此结束。"));
}

TEST_CASE("report --year on a database without units or records: written, with the empty charts and targets said so") {
    test::TempDbPath db;
    { storage::Storage s(db.str()); }   // migrated, empty
    TempDir dir;
    const std::string pdf = dir.file("empty.pdf");
    const cli::Command c = cli::parseCommandLine({"report", "--db", db.str(), "--year", "2026", "--out", pdf, "--today", "2026-11-29"});
    REQUIRE(c.error.empty());
    std::ostringstream o, e;
    REQUIRE_MESSAGE(cli::runReportCommand(c, o, e) == 0, e.str());
    const std::string text = test::pdfText(pdf);
    CHECK(contains(text, "2026年度数据"));
    CHECK(contains(text, "（无数据）"));
    CHECK(contains(text, "本年度没有设定全区的创建目标"));
    CHECK(test::pdfPageCount(pdf) >= 1);
}

TEST_CASE("labelColorOn: white on the deep red and the deep gold, dark on gold and pale colours") {
    CHECK(report::labelColorOn(report::kDeepRed) == 0xFFFFFF);
    CHECK(report::labelColorOn(report::kDeepGold) == 0xFFFFFF);
    CHECK(report::labelColorOn(report::kGold) != 0xFFFFFF);
    CHECK(report::labelColorOn(0xFFF3C4) != 0xFFFFFF);
    CHECK(report::labelColorOn(0x000000) == 0xFFFFFF);
}
