// ui_pdf_export_test.cpp — 导出PDF on 目标 → 年度数据 and on 排行榜, driven
// headless: the button is there, the save picker takes a path, the PDF is
// written on the worker and the screen says where; the text read back with
// pdftotext is the screen's.
#include "core/boards.hpp"
#include "core/number_format.hpp"
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "support/pdf_text.hpp"
#include "temp_db.hpp"
#include "ui/screen_leaderboards.hpp"
#include "ui/screen_targets.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    ui::AppState app{storage};
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("jinguo_ui_pdf_" + std::to_string(::getpid()));

    Fixture() {
        std::filesystem::create_directories(dir);
        const RowId community = test::buildDistrict(storage, {0, {{"滨江街道", 0, 0, {{"望江社区", 1000}}}}}).community();
        auto volunteer = [&](const char* name, int records) {
            Person p;
            p.name = name;
            p.unitId = community;
            p.joinedOn = "2025-01-01";
            const RowId id = storage.insertPerson(p);
            for (int r = 0; r < records; ++r) {
                ServiceRecord rec;
                rec.personId = id;
                rec.servedOn = "2026-0" + std::to_string(1 + r) + "-15";
                rec.hours = 20;
                rec.verified = true;
                storage.insertServiceRecord(rec);
            }
        };
        volunteer("王芳", 9);   // 180 h
        volunteer("李娜", 3);
        app.today = "2026-11-29";
    }
    ~Fixture() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

template <class Job>
void settle(test::HeadlessUi& ui, Job& job) {
    ui.frame();
    for (int i = 0; i < 20 && !job.current(); ++i) {
        job.wait();
        ui.frame();
    }
    REQUIRE(job.current());
}

// Clicks 导出PDF, types the path into the save picker, confirms, waits for the worker.
void exportPdf(test::HeadlessUi& ui, ui::PdfExportButton& button, const std::string& key, const std::string& path) {
    REQUIRE(ui.visible(key));
    ui.click(key);
    ui.type(key + ".picker.path", path);
    ui.click(key + ".picker.ok");
    button.job.wait();
    ui.frame();
    ui.frame();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("导出PDF on 目标 → 年度数据 writes the year's report and says where") {
    Fixture f;
    f.app.section = ui::Section::Targets;
    test::HeadlessUi ui(f.app);
    ui::TargetsScreen& s = ui::targetsScreen(f.app);
    ui.frame();
    CHECK(!ui.visible("year.pdf"));   // only on the 年度数据 tab
    ui.click("tab.year");
    settle(ui, s.yearJob);
    ui.frame();   // the button (drawn above the tabs) appears the frame after the figures arrive
    const std::string path = (f.dir / "年度数据.pdf").string();
    exportPdf(ui, s.yearPdf, "year.pdf", path);
    REQUIRE(std::filesystem::exists(path));
    CHECK(!s.yearPdf.failed);
    CHECK(contains(s.yearPdf.message, path));
    CHECK(ui.visible("year.pdf.message"));
    const std::string text = test::pdfText(path);
    CHECK(contains(text, "临江区2026年度数据"));
    CHECK(contains(text, fmt::grouped(s.yearJob.result()->figures.serviceHours)));   // 240
    CHECK(contains(test::withoutSpaces(text), "年度工作总结"));
    CHECK(test::pdfPageCount(path) >= 1);
}

TEST_CASE("导出PDF on 排行榜 writes the board shown, beside 导出") {
    Fixture f;
    f.app.section = ui::Section::Leaderboards;
    test::HeadlessUi ui(f.app);
    ui::LeaderboardsScreen& s = ui::leaderboardsScreen(f.app);
    settle(ui, s.job);
    REQUIRE(s.job.result() != nullptr);
    const storage::BoardResult& board = s.job.result()->board;
    REQUIRE(board.rows.size() == 2);
    CHECK(ui.visible("board.export"));
    const std::string path = (f.dir / "排行榜.pdf").string();
    exportPdf(ui, s.pdfExport, "board.pdf", path);
    REQUIRE(std::filesystem::exists(path));
    CHECK(contains(s.pdfExport.message, path));
    const std::string text = test::pdfText(path);
    CHECK(contains(text, std::string("临江区") + boardLabel(board.query.board)));
    CHECK(contains(text, "1. 王芳"));
    CHECK(contains(text, boardValueText(board.query.metric, board.rows[0].value)));
    CHECK(test::pdfPageCount(path) == 1);
}
