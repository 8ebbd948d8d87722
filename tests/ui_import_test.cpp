// ui_import_test.cpp — the 导入 screen driven headless: pick a file by path,
// correct the mapping, check (problems with Excel's row numbers), import on
// the worker, save the problem list, undo the batch; cancel; sheets of a real
// workbook; the export buttons (masked unless unmasked).
#include "core/spreadsheet.hpp"
#include "core/table_export.hpp"
#include "core/roster_rows.hpp"
#include "headless_ui.hpp"
#include "storage/import_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "ui/screen_import.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>


#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <zip.h>

using namespace jinguo;

namespace {

using jinguo::test::corpus;

// A folder of its own, removed afterwards.
struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path()
                               / ("jinguo_ui_import_" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

struct Fixture {
    // Runs wait until finishRun: a test can click 取消 before its run starts.
    ui::ManualTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    ui::AppState app{storage};
    TempDir dir;

    Fixture() {
        test::buildDistrict(storage, {2000,
                                      {{"滨江街道", 2000, 0,
                                        {{"望江社区", 1000}, {"幸福社区", 1000}, {"和平社区", 1000}, {"白鹭社区", 1000}}}}});
        app.today = "2026-11-29";
        app.section = ui::Section::Import;
    }
    ui::ImportScreen& screen() { return ui::importScreen(app); }
};

// Rows of a sheet as text, for checking what a written file holds.
struct CollectRows : sheet::RowSink {
    std::vector<std::vector<std::string>> rows;
    bool beginSheet(const sheet::SheetInfo&) override { return rows.empty(); }
    bool row(const sheet::Row& r) override {
        std::vector<std::string> cells;
        for (const auto& c : r.cells) cells.push_back(c.text);
        rows.push_back(cells);
        return true;
    }
};

std::vector<std::vector<std::string>> readRows(const std::string& path) {
    CollectRows sink;
    REQUIRE(sheet::readSpreadsheet(path, sink).status == sheet::ReadStatus::Ok);
    return sink.rows;
}

// A title row above the header; column B's header is one no alias knows.
const char* kRoster =
    "2024年望江社区志愿者花名册,,,\n"
    "姓名,证件,手机号,所属社区\n"
    "王芳,11010519491231002X,13812345678,望江社区\n"
    "朱然辉,420103197601197334,1381234567,望江社区\n";

void finishRun(test::HeadlessUi& ui, Fixture& f) {
    f.tasks.runAll();
    ui.frame();
    ui.frame();
}

} // namespace

TEST_CASE("the wizard: file by path, mapping corrected, check with Excel rows, import, problem list, undo") {
    Fixture f;
    const std::string roster = f.dir.file("望江社区.csv");
    {
        std::ofstream out(roster, std::ios::binary);
        out << kRoster;
    }
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    REQUIRE(s.step == ui::ImportScreen::Step::File);

    ui.type("import.picker.path", roster);
    ui.click("import.picker.ok");
    REQUIRE_MESSAGE(s.error.empty(), s.error);
    REQUIRE(s.step == ui::ImportScreen::Step::Preview);   // a CSV has one sheet: nothing to pick
    REQUIRE(s.previews.size() == 1);
    REQUIRE(s.previews[0].mapping.has_value());
    CHECK(s.previews[0].mapping->headerRowNumber == 2);    // the title row is skipped

    // 身份证号 is not recognized: the check is refused until column B is corrected.
    ui.click("import.check");
    CHECK_FALSE(ui::importJobRunning(s));
    ui.click("import.map.1");
    ui.click("import.map.1.id_number");
    CHECK(s.previews[0].mapping->columnOf(roster::Field::IdNumber) == 1);
    ui.click("import.check");
    REQUIRE(ui::importJobRunning(s));
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    CHECK(f.storage.count("person") == 0);                 // the check writes nothing
    bool row4 = false;
    for (std::size_t i = 0; i < s.problems.size(); ++i) {
        if (s.problems[i].row == 4 && s.problems[i].column == "手机号") {
            row4 = true;
            CHECK(ui.visible("import.problem." + std::to_string(i) + ".row"));   // shown in the table
        }
    }
    CHECK(row4);

    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("person") == 1);
    CHECK(f.storage.personByIdNumber("11010519491231002X").has_value());
    CHECK(f.app.rescanCharacters);                         // the fonts learn the new names
    CHECK(s.outcome.find("新增 1") != std::string::npos);

    // 保存问题清单: row 4 with its reason and its own values.
    const std::string problems = f.dir.file("问题清单.xlsx");
    ui.click("import.save_problems");
    ui.type("import.problems_picker.path", problems);
    ui.click("import.problems_picker.ok");
    REQUIRE(std::filesystem::exists(problems));
    const auto rows = readRows(problems);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][1] == "行号");
    CHECK(rows[0][2] == "类别");
    CHECK(rows[1][1] == "4");
    CHECK(rows[1][2] == "错误");
    CHECK(rows[1][3] == "手机号");
    CHECK(rows[1][5] == "朱然辉");
    CHECK(rows[1][6] == "420103197601197334");

    // Importing the same file again is recognized: the confirm button stays disabled.
    ui.click("import.another");
    ui.type("import.picker.path", roster);
    ui.click("import.picker.ok");
    ui.click("import.map.1");
    ui.click("import.map.1.id_number");
    ui.click("import.check");
    finishRun(ui, f);
    CHECK(s.outcome.find("不会重复导入") != std::string::npos);
    ui.click("import.confirm");
    CHECK_FALSE(ui::importJobRunning(s));
    CHECK(f.storage.count("import_batch") == 1);

    // 撤销 asks first, then removes what the batch brought in.
    const RowId batch = storage::ImportStore(f.storage).batches().at(0).id;
    const std::string key = "import.batch." + std::to_string(batch);
    ui.click("import.tab.batches");
    ui.click(key + ".undo");
    CHECK(f.storage.count("person") == 1);                 // not yet: a confirmation first
    ui.click(key + ".confirm");                            // a task, with its own connection
    CHECK(f.tasks.runAll() == 1);
    ui.frame();
    CHECK(f.storage.count("person") == 0);
    CHECK(s.batchMessage.find("已撤销批次") == 0);
    ui.frame();
    CHECK_FALSE(ui.visible(key + ".undo"));                // an undone batch cannot be undone again
}

TEST_CASE("cancel during the import writes nothing and stays on the check") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, corpus("gen_utf8.csv"));
    ui.frame();
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE(s.step == ui::ImportScreen::Step::Check);

    ui.click("import.confirm");   // queued: the click on 取消 comes before the run starts
    REQUIRE(ui::importJobRunning(s));
    ui.frame();
    CHECK(ui.visible("import.progress"));
    ui.click("import.cancel");
    finishRun(ui, f);
    CHECK_FALSE(ui::importJobRunning(s));
    CHECK(s.step == ui::ImportScreen::Step::Check);
    CHECK(s.error.find("已取消") != std::string::npos);
    CHECK(f.storage.count("person") == 0);
    CHECK(f.storage.count("import_batch") == 0);

    // Again, the same import goes through: the cancel above was what stopped it.
    ui.click("import.confirm");
    finishRun(ui, f);
    CHECK(s.step == ui::ImportScreen::Step::Result);
    CHECK(f.storage.count("person") > 0);
}

TEST_CASE("a workbook with several sheets: hidden ones unticked, the title rows above the header skipped") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, corpus("openpyxl_communities.xlsx"));
    ui.frame();
    REQUIRE(s.step == ui::ImportScreen::Step::Sheets);
    REQUIRE(s.sheets.size() >= 2);
    bool hiddenUnticked = true;
    int visibleSheets = 0;
    for (const auto& c : s.sheets) {
        if (c.hidden) hiddenUnticked &= !c.chosen;
        else ++visibleSheets;
        CHECK(ui.visible("import.sheet." + c.name));
    }
    CHECK(hiddenUnticked);
    ui.click("import.next");
    REQUIRE(s.step == ui::ImportScreen::Step::Preview);
    CHECK(static_cast<int>(s.previews.size()) == visibleSheets);
    bool titleRowsSkipped = false;
    for (const auto& p : s.previews) {
        REQUIRE_MESSAGE(p.mapping.has_value(), p.name << ": " << p.message);
        titleRowsSkipped |= p.mapping->headerRowNumber > 1;
    }
    CHECK(titleRowsSkipped);
    if (s.previews.size() > 1) {
        ui.click("import.preview." + s.previews[1].name);
        CHECK(s.previewIndex == 1);
    }
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE(s.step == ui::ImportScreen::Step::Check);
    // 赵敏's ID was stored as a number in 和平社区: reported on its Excel row.
    bool idAsNumber = false;
    for (const auto& p : s.problems) idAsNumber |= p.row > 2 && p.message.find("数字") != std::string::npos;
    CHECK(idAsNumber);
}

TEST_CASE("export buttons: .xlsx masked by default, CSV with BOM unmasked when ticked") {
    Fixture f;
    Person p;
    p.name = "李淼";
    p.idNumber = "11010519491231002X";
    p.phone = "13812345678";
    p.isVolunteer = true;
    f.storage.insertPerson(p);
    test::HeadlessUi ui(f.app);
    ui.click("import.tab.export");

    const std::string xlsx = f.dir.file("志愿者.xlsx");
    ui.click("export.volunteers.xlsx");
    ui.type("export.volunteers.picker.path", xlsx);
    ui.click("export.volunteers.picker.ok");
    f.screen().volunteersExport.job.wait();   // written on a worker (the export's Task)
    ui.frame();
    REQUIRE(std::filesystem::exists(xlsx));
    auto rows = readRows(xlsx);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][0] == "李淼");
    CHECK(rows[1][2] != "11010519491231002X");            // masked
    CHECK(rows[1][2].find('*') != std::string::npos);

    const std::string csv = f.dir.file("志愿者.csv");
    ui.click("export.volunteers.unmask");
    ui.click("export.volunteers.csv");
    ui.type("export.volunteers.picker.path", csv);
    ui.click("export.volunteers.picker.ok");
    f.screen().volunteersExport.job.wait();   // written on a worker (the export's Task)
    ui.frame();
    REQUIRE(std::filesystem::exists(csv));
    const std::string text = test::readFile(csv);
    CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0);             // the BOM Excel needs
    CHECK(text.find("11010519491231002X") != std::string::npos);
    CHECK(text.find("13812345678") != std::string::npos);
}

TEST_CASE("the file picker: folders and filtered files listed; a wrong path explained, never accepted") {
    Fixture f;
    {
        std::ofstream(f.dir.file("a.xlsx")) << "x";
        std::ofstream(f.dir.file("notes.docx")) << "x";
        std::filesystem::create_directories(f.dir.path / "子文件夹");
    }
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.type("import.picker.path", f.dir.path.string());   // a folder typed: go there
    ui.click("import.picker.ok");
    CHECK(s.picker.directory == f.dir.path.string());
    ui.frame();
    CHECK(ui.visible("import.picker.entry.a.xlsx"));
    CHECK(ui.visible("import.picker.entry.子文件夹"));
    CHECK_FALSE(ui.visible("import.picker.entry.notes.docx"));

    ui.type("import.picker.path", f.dir.file("missing.xlsx"));
    ui.click("import.picker.ok");
    CHECK(s.step == ui::ImportScreen::Step::File);
    CHECK(s.picker.error.find("找不到") != std::string::npos);

    ui.click("import.picker.entry.子文件夹");
    CHECK(s.picker.directory == (f.dir.path / "子文件夹").string());
    ui.click("import.picker.up");
    CHECK(s.picker.directory == f.dir.path.string());
}

TEST_CASE("a file dropped on the window opens in the wizard, from any section") {
    Fixture f;
    f.app.section = ui::Section::Volunteers;
    test::HeadlessUi ui(f.app);
    ui::openDroppedFiles(f.app, {corpus("gen_utf8.csv"), corpus("gen_gbk.csv")});
    ui.frame();
    CHECK(f.app.section == ui::Section::Import);
    ui::ImportScreen& s = f.screen();
    CHECK(s.step == ui::ImportScreen::Step::Preview);
    CHECK(s.file == corpus("gen_utf8.csv"));
    CHECK(s.error.find("第一个") != std::string::npos);   // the second file was not silently lost
    CHECK(ui.visible("import.check"));

    // Something that is not a roster: explained, the wizard stays on the first step.
    ui::openDroppedFiles(f.app, {corpus("word_document.docx")});
    ui.frame();
    CHECK(s.step == ui::ImportScreen::Step::File);
    CHECK_FALSE(s.error.empty());
}

TEST_CASE("the check shows both names of an ID stored under another name; 按花名册更新姓名 decides") {
    for (const bool accept : {false, true}) {
        CAPTURE(accept);
        Fixture f;
        Person ye;
        ye.name = "叶颖";
        ye.idNumber = "320106198511050021";
        ye.isVolunteer = true;
        f.storage.insertPerson(ye);
        const std::string roster = f.dir.file("名册.csv");
        {
            std::ofstream out(roster, std::ios::binary);
            out << "姓名,身份证号,手机号\n叶英,320106198511050021,13812345678\n王芳,11010519491231002X,13812345679\n";
        }
        test::HeadlessUi ui(f.app);
        ui::ImportScreen& s = f.screen();
        ui::openImportFile(f.app, s, roster);
        ui.frame();
        CHECK_FALSE(ui.visible("import.accept_renames"));
        ui.click("import.check");
        finishRun(ui, f);
        REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
        CHECK(s.nameDiffers == 1);
        bool bothNames = false;
        for (const auto& p : s.problems)
            bothNames |= p.code == "name_differs" && p.row == 2 && p.message.find("叶颖") != std::string::npos
                      && p.message.find("叶英") != std::string::npos && !p.warning;
        CHECK(bothNames);
        CHECK(ui.visible("import.accept_renames"));
        CHECK_FALSE(s.acceptRenames);                    // never on by default
        if (accept) {
            ui.click("import.accept_renames");
            CHECK(s.acceptRenames);
        }
        ui.click("import.confirm");
        finishRun(ui, f);
        REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
        CHECK(f.storage.personByIdNumber("320106198511050021")->name == (accept ? "叶英" : "叶颖"));
        CHECK(f.storage.personByIdNumber("11010519491231002X").has_value());
        bool listed = false;
        for (const auto& p : s.problems) listed |= p.code == "name_differs";
        CHECK(listed == !accept);
    }
}

TEST_CASE("the wizard asks what 服务时长 means: period hours land in their period, a bad period blocks the check") {
    Fixture f;
    const std::string roster = f.dir.file("一季度时长.csv");
    {
        std::ofstream out(roster, std::ios::binary);
        out << "姓名,身份证号,所属社区,服务时长\n王芳,11010519491231002X,望江社区,30\n";
    }
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, roster);
    ui.frame();
    REQUIRE(ui.visible("import.hours_total"));   // the default: a total to date
    ui.click("import.hours_period");
    CHECK(s.hoursMeaning == 1);
    ui.frame();
    // No period yet: the check cannot start, and the message says what to fill in.
    ui.click("import.check");
    CHECK(s.step == ui::ImportScreen::Step::Preview);
    ui.type("import.hours_period_text", "2026年第五季度");
    ui.frame();
    ui.click("import.check");
    CHECK(s.step == ui::ImportScreen::Step::Preview);
    ui.type("import.hours_period_text", "2026Q1");
    ui.type("import.hours_as_of", "2026-04-05");
    ui.frame();
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    storage::Statement st = f.storage.db().prepare("SELECT credited_on, hours, period FROM roster_credit");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == "2026-03-31");
    CHECK(st.columnDouble(1) == 30);
    CHECK(st.columnText(2) == "2026Q1");
    CHECK(f.storage.personByIdNumber("11010519491231002X")->rosterHours == 0);   // not history
}

TEST_CASE("a sheet whose content is missing from the file is shown as skipped, and the result says so") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui::openImportFile(f.app, s, corpus("partly_missing.xlsx"));
    ui.frame();
    REQUIRE(s.step == ui::ImportScreen::Step::Sheets);
    REQUIRE(s.sheets.size() == 1);   // only the readable sheet can be ticked
    CHECK(s.sheets[0].name == "幸福社区");
    CHECK(ui.visible("import.unreadable.和平社区"));
    ui.click("import.next");
    REQUIRE(s.step == ui::ImportScreen::Step::Preview);
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE(s.step == ui::ImportScreen::Step::Check);
    CHECK_MESSAGE(s.outcome.find("注意：工作表“和平社区”在文件中没有内容") != std::string::npos, s.outcome);
}

TEST_CASE("the check says a row 将导入 (nothing written yet); the result says 已导入") {
    Fixture f;
    const std::string roster = f.dir.file("末尾000.csv");
    // A valid ID ending in 000: accepted with the id_ends_000 warning (a CSV keeps no cell types).
    std::ofstream(roster, std::ios::binary) << "姓名,身份证号,所属社区\n李娜,110105198506124000,望江社区\n";
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.type("import.picker.path", roster);
    ui.click("import.picker.ok");
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Preview, s.error);
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    CHECK(f.storage.count("person") == 0);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].warning);
    CHECK(s.problems[0].message.find("将导入") != std::string::npos);
    CHECK(s.problems[0].message.find("已导入") == std::string::npos);

    ui.click("import.confirm");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Result, s.error);
    CHECK(f.storage.count("person") == 1);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].message.find("已导入") != std::string::npos);
    CHECK(s.problems[0].message.find("将导入") == std::string::npos);
}

TEST_CASE("the file picker lists .xls/.et/.ods greyed 需另存为 .xlsx; choosing one says in red how to save it as .xlsx") {
    Fixture f;
    std::filesystem::copy_file(corpus("libreoffice_roster.xls"), f.dir.file("望江社区.xls"));
    std::filesystem::copy_file(corpus("libreoffice_roster.ods"), f.dir.file("幸福社区.ODS"));
    std::ofstream(f.dir.file("和平社区.et")) << "x";
    std::ofstream(f.dir.file("notes.docx")) << "x";
    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.type("import.picker.path", f.dir.path.string());
    ui.click("import.picker.ok");
    ui.frame();
    for (const char* name : {"望江社区.xls", "幸福社区.ODS", "和平社区.et"}) {
        CAPTURE(name);
        CHECK(ui.visible(std::string("import.picker.entry.") + name));
        CHECK(ui.visible(std::string("import.picker.entry.") + name + ".needs_xlsx"));
    }
    CHECK_FALSE(ui.visible("import.picker.entry.notes.docx"));

    // One click on the .xls: the reader's own advice, shown in the error colour; nothing opens.
    ui.click("import.picker.entry.望江社区.xls");
    ui.frame();
    const std::string advice = sheet::needsSaveAsXlsx(f.dir.file("望江社区.xls"));
    CHECK(s.picker.error == advice);
    CHECK(advice.find("Excel、WPS或LibreOffice") != std::string::npos);
    CHECK(advice.find("文件 → 另存为") != std::string::npos);
    CHECK(advice.find("Excel工作簿(*.xlsx)") != std::string::npos);
    CHECK(ui.visible("import.picker.error"));
    ui.click("import.picker.ok");   // 下一步 refuses it the same way
    CHECK(s.step == ui::ImportScreen::Step::File);
    CHECK(s.picker.error == advice);

    // The same words as the reader's refusal (a drop, or jinguo import x.xls).
    CollectRows sink;
    const sheet::ReadResult read = sheet::readSpreadsheet(f.dir.file("望江社区.xls"), sink);
    CHECK(read.status == sheet::ReadStatus::Failed);
    CHECK(read.message == advice);
    ui::openImportFile(f.app, s, f.dir.file("望江社区.xls"));
    CHECK(s.error == advice);
}

namespace {
// Each sheet's cells as the reader sees them (kind, number, date format).
struct CollectCells : sheet::RowSink {
    std::vector<std::vector<sheet::Cell>> rows;
    bool beginSheet(const sheet::SheetInfo&) override { return rows.empty(); }
    bool row(const sheet::Row& r) override {
        rows.push_back(r.cells);
        return true;
    }
};
} // namespace

TEST_CASE("问题清单.xlsx: dates as date cells, numbers as numbers, errors and warnings each said; saving with warnings only") {
    Fixture f;
    // A roster as Excel writes it: 服务时长 a number, 加入日期 a date cell.
    ExportTable source;
    source.sheetName = "花名册";
    source.headers = {"姓名", "身份证号", "手机号", "所属社区", "服务时长", "加入日期"};
    source.rows = {{"王芳", "11010519491231002X", "13812345678", "望江社区", "12.5", "2021-07-16"},
                   {"朱然辉", "420103197601197334", "1381234567", "望江社区", "30", "2021-07-16"},
                   {"李娜", "440524198001010013", "13812345670", "望湖社区", "8", "2022-03-08"}};
    const std::vector<ExportCell> kinds = {ExportCell::Text, ExportCell::Text,   ExportCell::Text,
                                           ExportCell::Text, ExportCell::Number, ExportCell::Date};
    source.cellKinds = {kinds, kinds, kinds};
    const std::string roster = f.dir.file("望江社区.xlsx");
    REQUIRE(writeExport(roster, source).empty());

    test::HeadlessUi ui(f.app);
    ui::ImportScreen& s = f.screen();
    ui.type("import.picker.path", roster);
    ui.click("import.picker.ok");
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Preview, s.error);
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    const std::string saved = f.dir.file("望江社区_问题清单.xlsx");
    ui.click("import.save_problems");
    ui.type("import.problems_picker.path", saved);
    ui.click("import.problems_picker.ok");
    REQUIRE_MESSAGE(std::filesystem::exists(saved), s.problemMessage);

    CollectCells cells;
    REQUIRE(sheet::readSpreadsheet(saved, cells).status == sheet::ReadStatus::Ok);
    REQUIRE(cells.rows.size() >= 3);
    const auto& header = cells.rows[0];
    auto col = [&](const std::string& name) {
        for (std::size_t c = 0; c < header.size(); ++c)
            if (header[c].text == name) return c;
        FAIL("no column " << name);
        return std::size_t(0);
    };
    const std::size_t kind = col("类别"), hours = col("服务时长"), joined = col("加入日期"), row = col("行号"),
                      phone = col("手机号");
    bool error = false, warning = false;
    for (std::size_t r = 1; r < cells.rows.size(); ++r) {
        auto line = cells.rows[r];
        line.resize(header.size());
        CAPTURE(r);
        CHECK(line[row].kind == sheet::Cell::Kind::Number);
        if (line[kind].text == "错误") {
            error = true;
            CHECK(line[row].number == 3);
            CHECK(line[phone].kind == sheet::Cell::Kind::Text);
            CHECK(line[phone].text == "1381234567");
            CHECK(line[hours].kind == sheet::Cell::Kind::Number);   // a number, not "30" as text
            CHECK(line[hours].number == 30);
            REQUIRE(line[joined].kind == sheet::Cell::Kind::Number);
            CHECK(line[joined].dateFormatted);                       // a date cell, shown as a date
            CHECK(line[joined].number == 44393);                     // 2021-07-16
            const auto date = roster::readDateCell(line[joined], false, 2026);
            REQUIRE(date.value);
            CHECK(*date.value == "2021-07-16");
        } else {
            CHECK(line[kind].text == "提醒");                      // 望湖社区 is not a unit: imported, worth a look
            warning = true;
        }
    }
    CHECK(error);
    CHECK(warning);
    // In the sheet's XML: no date or hours cell is a string.
    {
        int err = 0;
        zip_t* z = zip_open(saved.c_str(), ZIP_RDONLY, &err);
        REQUIRE(z);
        zip_stat_t st;
        REQUIRE(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st) == 0);
        std::string xml(st.size, '\0');
        zip_file_t* file = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
        REQUIRE(file);
        CHECK(zip_fread(file, xml.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(file);
        zip_close(z);
        CHECK(xml.find("<v>44393</v>") != std::string::npos);
        CHECK(xml.find("t=\"s\"><v>44393") == std::string::npos);
    }

    // A check with warnings only (an ID ending in 000 in a CSV): the list can still be saved.
    const std::string csv = f.dir.file("末尾000.csv");
    std::ofstream(csv, std::ios::binary) << "姓名,身份证号,所属社区,加入日期\n李娜,110105198506124000,望江社区,2021-07-16\n";
    ui.click("import.back");
    ui.click("import.back");
    ui::openImportFile(f.app, s, csv);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Preview, s.error);
    ui.click("import.check");
    finishRun(ui, f);
    REQUIRE_MESSAGE(s.step == ui::ImportScreen::Step::Check, s.error);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].warning);
    const std::string warned = f.dir.file("末尾000_问题清单.xlsx");
    ui.click("import.save_problems");
    ui.type("import.problems_picker.path", warned);
    ui.click("import.problems_picker.ok");
    REQUIRE_MESSAGE(std::filesystem::exists(warned), s.problemMessage);
    const auto rows = readRows(warned);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][2] == "提醒");
    CHECK(rows[1][4].find("将导入") != std::string::npos);
    CHECK(rows[1][5] == "李娜");
}
