// ui_exports_test.cpp — 导出 on the list screens, driven headless: the file
// (read back with the project's own reader; CSV as bytes) holds exactly the
// rows the screen shows after its filter/search/sort, ID numbers and phones
// masked unless 显示完整证件号 is ticked, and the ID column written as text in
// .xlsx. Also: a list row takes a click anywhere on it, not only in its first
// column.
#include "demo/demo.hpp"
#include "core/masking.hpp"
#include "core/spreadsheet.hpp"
#include "core/stars.hpp"
#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_honours.hpp"
#include "ui/screen_leaderboards.hpp"
#include "ui/screen_posts.hpp"
#include "ui/screen_targets.hpp"
#include "ui/screen_units.hpp"
#include "ui/screen_volunteers.hpp"
#include "support/district.hpp"
#include "support/demo_copy.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

using namespace jinguo;

namespace {

struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path()
                               / ("jinguo_ui_exports_" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

// The first sheet's cells, as text and as the kind the file gave them.
struct Sheet : sheet::RowSink {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<sheet::Cell::Kind>> kinds;
    bool beginSheet(const sheet::SheetInfo&) override { return rows.empty(); }
    bool row(const sheet::Row& r) override {
        rows.emplace_back();
        kinds.emplace_back();
        for (const auto& c : r.cells) {
            rows.back().push_back(c.text);
            kinds.back().push_back(c.kind);
        }
        return true;
    }
};

Sheet readSheet(const std::string& path) {
    Sheet sink;
    REQUIRE(sheet::readSpreadsheet(path, sink).status == sheet::ReadStatus::Ok);
    return sink;
}

// Exports through the screen's 导出 popup: open it, optionally tick 显示完整证件号,
// pick the format, type the path into the save picker and confirm.
// The file is written on the export's Task: with the app's thread executor
// (no test executor installed) pass `menu` to wait for it.
void exportVia(test::HeadlessUi& ui, const std::string& key, const char* format, const std::string& path,
               bool tickUnmask = false, ui::ExportButtons* menu = nullptr) {
    ui.click(key);
    if (tickUnmask) ui.click(key + ".unmask");
    ui.click(key + "." + format);
    ui.type(key + ".picker.path", path);
    ui.click(key + ".picker.ok");
    if (menu) menu->job.wait();
    ui.frame();
}

std::vector<std::string> column(const std::vector<std::vector<std::string>>& rows, std::size_t c, bool skipHeader) {
    std::vector<std::string> out;
    for (std::size_t r = skipHeader ? 1 : 0; r < rows.size(); ++r) out.push_back(c < rows[r].size() ? rows[r][c] : "");
    return out;
}

// A CSV's records split on CRLF and commas (the tests' data has no quotes).
std::vector<std::vector<std::string>> csvRows(const std::string& bytes) {
    std::vector<std::vector<std::string>> rows;
    std::size_t start = 3;   // after the BOM
    while (start < bytes.size()) {
        const std::size_t end = bytes.find("\r\n", start);
        const std::string line = bytes.substr(start, end - start);
        std::vector<std::string> cells;
        std::size_t from = 0;
        for (;;) {
            const std::size_t comma = line.find(',', from);
            cells.push_back(line.substr(from, comma - from));
            if (comma == std::string::npos) break;
            from = comma + 1;
        }
        rows.push_back(cells);
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return rows;
}

struct VolunteerFixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    ui::InlineTaskExecutor tasks;   // the list's rows and counts arrive in the next frame
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};
    TempDir dir;
    RowId community = 0;

    VolunteerFixture() {
        community = test::buildDistrict(storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 1000}}}}}).community();
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
    }
    RowId volunteer(const char* name, const char* id, const char* phone, const char* joined) {
        Person p;
        p.name = name;
        p.idNumber = id;
        p.phone = phone;
        p.unitId = community;
        p.joinedOn = joined;
        p.isVolunteer = true;
        return storage.insertPerson(p);
    }
};

} // namespace

TEST_CASE("maskIdAndPhoneColumns masks only the named columns, and none when -1") {
    std::vector<std::vector<std::string>> rows = {{"王芳", "11010519491231002X", "13812345678"}, {"李娜", "", ""}};
    auto untouched = rows;
    maskIdAndPhoneColumns(untouched, -1, -1);
    CHECK(untouched == rows);
    maskIdAndPhoneColumns(rows, 1, 2);
    CHECK(rows[0] == std::vector<std::string>{"王芳", "110***********002X", "138****5678"});
    CHECK(rows[1] == std::vector<std::string>{"李娜", "", ""});
}

TEST_CASE("志愿者: export holds exactly the searched rows, masked by default, in full when ticked; ID is text") {
    VolunteerFixture f;
    f.volunteer("王芳", "11010519491231002X", "13812345678", "2024-03-01");
    f.volunteer("李娜", "420103197601197334", "13912345678", "2025-01-01");
    f.volunteer("王丽", "110105198001010021", "13700001111", "2023-05-01");
    test::HeadlessUi ui(f.app);
    ui::VolunteersScreen& s = ui::volunteersScreen(f.app);
    ui.type("search", "王");
    REQUIRE(s.shownCount == 2);

    const std::string xlsx = f.dir.file("v.xlsx");
    ui.click("volunteers.export");
    ui.click("volunteers.export.xlsx");
    // The proposed name says what it is and when.
    CHECK(std::filesystem::path(s.exportMenu.picker.path).filename().string() == "志愿者名单-2026-11-29.xlsx");
    ui.type("volunteers.export.picker.path", xlsx);
    ui.click("volunteers.export.picker.ok");
    REQUIRE(std::filesystem::exists(xlsx));
    const Sheet sheet = readSheet(xlsx);
    REQUIRE(sheet.rows.size() == 3);   // header + the two shown
    CHECK(sheet.rows[0] == std::vector<std::string>{"姓名", "性别", "身份证号", "手机号", "所属社区",
                                                    "已核实服务时长(小时)", "未核实服务时长(小时)", "加入日期"});
    // The list's order (pinyin of the name: wang fang < wang li).
    CHECK(column(sheet.rows, 0, true) == std::vector<std::string>{"王芳", "王丽"});
    CHECK(sheet.rows[1][2] == "110***********002X");
    CHECK(sheet.rows[1][3] == "138****5678");
    CHECK(sheet.rows[2][2] == "110***********0021");
    CHECK(sheet.rows[1][4] == "望江社区");
    CHECK(sheet.rows[1][7] == "2024-03-01");
    CHECK(sheet.kinds[1][2] == sheet::Cell::Kind::Text);
    CHECK(sheet.kinds[1][3] == sheet::Cell::Kind::Text);
    CHECK(sheet.kinds[1][5] == sheet::Cell::Kind::Number);   // hours stay numbers

    // Ticked: in full; the ID number, written as text, keeps all 18 characters.
    const std::string unmasked = f.dir.file("v-full.xlsx");
    exportVia(ui, "volunteers.export", "xlsx", unmasked, true);
    CHECK(s.exportMenu.unmasked);
    const Sheet full = readSheet(unmasked);
    REQUIRE(full.rows.size() == 3);
    CHECK(full.rows[1][2] == "11010519491231002X");
    CHECK(full.rows[2][2] == "110105198001010021");
    CHECK(full.kinds[2][2] == sheet::Cell::Kind::Text);
    CHECK(full.rows[2][3] == "13700001111");

    const std::string csv = f.dir.file("v.csv");
    exportVia(ui, "volunteers.export", "csv", csv);
    const std::string bytes = test::readFile(csv);
    REQUIRE(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto rows = csvRows(bytes);
    REQUIRE(rows.size() == 3);
    CHECK(column(rows, 0, true) == std::vector<std::string>{"王芳", "王丽"});
    CHECK(rows[1][2] == "11010519491231002X");   // still ticked
    CHECK(bytes.find("李娜") == std::string::npos);
    CHECK(s.exportMenu.message.find("已导出2") == 0);
}

// Note: headless (and on Xvfb with xdotool) this build of ImGui 1.86 took the
// click in every column even before wholeRowClicked was added, so this case
// guards the behaviour rather than reproducing the reported first-column bug.
TEST_CASE("志愿者: a row takes a click in its last column, not only in its name") {
    VolunteerFixture f;
    const RowId wang = f.volunteer("王芳", "11010519491231002X", "13812345678", "2024-03-01");
    f.volunteer("李娜", "420103197601197334", "13912345678", "2025-01-01");
    test::HeadlessUi ui(f.app);
    ui::VolunteersScreen& s = ui::volunteersScreen(f.app);
    ui.frame();
    const ui::ItemRect* rect = ui::ItemLocator::instance().find("row." + std::to_string(wang));
    REQUIRE(rect != nullptr);
    REQUIRE(!s.form.open);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(rect->max.x - 12, rect->center().y);   // 加入日期, the last column
    ui.frame();
    io.MouseDown[0] = true;
    ui.frame();
    io.MouseDown[0] = false;
    ui.frame();
    CHECK(s.selectedId == wang);
    CHECK(s.form.open);
    CHECK(s.form.name == "王芳");
}

TEST_CASE("家庭: with a title filter the export holds one row per passing title of the shown households") {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    storage::RecordStore records{storage};
    ui::AppState app{storage};
    TempDir dir;
    const RowId district = records.addUnit({0, 0, "临江区", UnitKind::District, 5000, 0});
    const RowId street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 3000, 0});
    const RowId community = records.addUnit({0, street, "望江社区", UnitKind::Community, 3000, 0});
    const RowId a = records.addFamily({0, "阿芳", "望江路1号", 3, community, ""});
    const RowId b = records.addFamily({0, "张三", "望江路2号", 4, community, ""});
    const RowId c = records.addFamily({0, "赵丽", "望江路3号", 2, community, ""});
    records.addFamily({0, "钱多", "望江路4号", 5, community, ""});   // no titles
    records.addFamilyAward(a, {0, "平安家庭", "社区", 2025, "命名", ""});
    records.addFamilyAward(a, {0, "平安家庭", "社区", 2026, "命名", ""});
    records.addFamilyAward(a, {0, "最美家庭", "区", 2026, "命名", ""});   // filtered out
    records.addFamilyAward(b, {0, "平安家庭", "街道", 2026, "申报", ""});
    records.addFamilyAward(c, {0, "最美家庭", "区", 2026, "命名", ""});
    app.today = "2026-11-29";
    app.section = ui::Section::Families;
    test::HeadlessUi ui(app);
    ui::FamiliesScreen& s = ui::familiesScreen(app);
    // The list's reads run on worker threads: wait for them, then take them in a frame.
    auto settle = [&] {
        for (int i = 0; i < 20; ++i) {
            ui.frame();
            s.metaLoader.wait();
            s.counter.wait();
            s.list.wait();
            ui.frame();
            if (!s.metaLoader.busy() && !s.counter.busy() && !s.list.busy()) return;
        }
    };
    settle();

    // No filter: every household, one row per title, 钱多 once with no title.
    const ExportTable all = ui::familiesShownTable(storage, s, app.today);
    CHECK(all.rows.size() == 6);

    const auto& titles = s.meta.choices.titles;
    const auto it = std::find(titles.begin(), titles.end(), "平安家庭");
    REQUIRE(it != titles.end());
    ui.click("filter.title");
    ui.click("filter.title.option." + std::to_string(it - titles.begin()));
    settle();
    REQUIRE(s.counts.shown == 2);

    const std::string xlsx = dir.file("f.xlsx");
    ui.click("family.export");
    ui.click("family.export.xlsx");
    CHECK(std::filesystem::path(s.exportMenu.picker.path).filename().string() == "家庭名单-2026-11-29.xlsx");
    ui.type("family.export.picker.path", xlsx);
    ui.click("family.export.picker.ok");
    s.exportMenu.job.wait();   // written on a worker (the export's Task)
    ui.frame();
    REQUIRE(std::filesystem::exists(xlsx));
    const Sheet sheet = readSheet(xlsx);
    CHECK(sheet.rows[0] == std::vector<std::string>{"户主姓名", "家庭住址", "家庭人口", "所属社区", "荣誉称号", "获评年度",
                                                    "级别"});
    REQUIRE(sheet.rows.size() == 4);   // header + 阿芳 ×2 + 张三
    CHECK(column(sheet.rows, 0, true) == std::vector<std::string>{"阿芳", "阿芳", "张三"});
    CHECK(column(sheet.rows, 4, true) == std::vector<std::string>{"平安家庭", "平安家庭", "平安家庭"});
    // Newest title first, as the list's 荣誉称号 column shows them.
    CHECK(column(sheet.rows, 5, true) == std::vector<std::string>{"2026", "2025", "2026"});
    CHECK(column(sheet.rows, 6, true) == std::vector<std::string>{"社区", "社区", "街道"});
    CHECK(sheet.rows[1][1] == "望江路1号");
    CHECK(sheet.kinds[1][2] == sheet::Cell::Kind::Number);

    const std::string csv = dir.file("f.csv");
    exportVia(ui, "family.export", "csv", csv, false, &s.exportMenu);
    const std::string bytes = test::readFile(csv);
    REQUIRE(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csvRows(bytes).size() == 4);
    CHECK(bytes.find("赵丽") == std::string::npos);
    CHECK(bytes.find("最美家庭") == std::string::npos);
}

TEST_CASE("排行榜: the board as shown, with rank, movement and stars") {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    ui::AppState app{storage};
    TempDir dir;
    const RowId community = test::buildDistrict(storage, {0, {{"江滨街道", 0, 1, {{"望月社区", 100, 1}}}}}).community();
    auto volunteer = [&](const char* name) {
        Person p;
        p.name = name;
        p.unitId = community;
        p.joinedOn = "2024-01-01";
        p.isVolunteer = true;
        return storage.insertPerson(p);
    };
    auto serve = [&](RowId person, const char* date, double hours) {
        ServiceRecord r;
        r.personId = person;
        r.servedOn = date;
        r.hours = hours;
        r.verified = true;
        storage.insertServiceRecord(r);
    };
    const RowId wang = volunteer("王芳"), li = volunteer("李娜"), zhao = volunteer("赵敏");
    serve(wang, "2026-03-01", 10);
    serve(li, "2026-04-01", 10);
    serve(zhao, "2026-05-01", 4);
    serve(zhao, "2025-05-01", 8);
    serve(wang, "2025-06-01", 2);
    app.today = "2026-11-29";
    app.section = ui::Section::Leaderboards;
    test::HeadlessUi ui(app);
    ui::LeaderboardsScreen& s = ui::leaderboardsScreen(app);
    ui.frame();
    for (int i = 0; i < 20 && !s.job.current(); ++i) {
        s.job.wait();
        ui.frame();
    }
    REQUIRE(s.job.current());
    REQUIRE(s.job.result() != nullptr);
    const storage::BoardResult& board = s.job.result()->board;
    REQUIRE(board.rows.size() == 3);
    REQUIRE(board.hasPrevious);

    const std::string csv = dir.file("b.csv");
    exportVia(ui, "board.export", "csv", csv, false, &s.exportMenu);
    REQUIRE(std::filesystem::exists(csv));
    const std::string bytes = test::readFile(csv);
    REQUIRE(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto rows = csvRows(bytes);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][0] == "名次");
    CHECK(rows[0][1] == "变化");
    const auto stars = std::find(rows[0].begin(), rows[0].end(), "星级");
    REQUIRE(stars != rows[0].end());
    const auto starColumn = static_cast<std::size_t>(stars - rows[0].begin());
    // Row by row as the board shows it: rank, movement, name, stars.
    for (std::size_t i = 0; i < board.rows.size(); ++i) {
        const storage::BoardRow& row = board.rows[i];
        CHECK(rows[i + 1][0] == std::to_string(row.rank));
        CHECK(rows[i + 1][1] == row.movement);
        CHECK(rows[i + 1][2] == row.name);
        CHECK(rows[i + 1][starColumn] == (row.stars > 0 ? starGlyphs(row.stars) : std::string()));
    }
    CHECK(column(rows, 0, true) == std::vector<std::string>{"1", "1", "3"});   // competition ranks
    auto movementOf = [&](const std::string& name) {
        for (const auto& r : rows)
            if (r.size() > 2 && r[2] == name) return r[1];
        return std::string("(missing)");
    };
    CHECK(movementOf("王芳") == "↑1");   // as worked out in ui_leaderboards_test
    CHECK(movementOf("李娜") == "新");
    CHECK(movementOf("赵敏") == "↓2");

    const std::string xlsx = dir.file("b.xlsx");
    exportVia(ui, "board.export", "xlsx", xlsx, false, &s.exportMenu);
    const Sheet sheet = readSheet(xlsx);
    REQUIRE(sheet.rows.size() == 4);
    CHECK(sheet.kinds[1][0] == sheet::Cell::Kind::Number);
    CHECK(column(sheet.rows, 2, true) == column(rows, 2, true));
}

TEST_CASE("荣誉, 巾帼文明岗, 组织, 活动, 目标 on the demo district: the rows shown, one cell per header, IDs and phones masked") {
    ui::InlineTaskExecutor tasks;   // 荣誉's and 活动's lists are read on Tasks: here in the frame that asks
    ui::ScopedTaskExecutor useTasks{tasks};
    test::DemoDbPath db;
    storage::Storage storage{db.str()};
    ui::AppState app{storage};
    app.today = "2026-11-29";
    test::HeadlessUi ui(app);
    // One demo district for all five (it takes seconds to write); each block visits one screen.
    auto wellFormed = [](const ExportTable& t) {
        for (const auto& row : t.rows)
            if (row.size() != t.headers.size()) return false;
        return !t.headers.empty();
    };

    {   // 荣誉: ID number and phone columns masked unless asked
        app.section = ui::Section::Honours;
        ui.frame();
        ui::HonoursScreen& s = ui::honoursScreen(app);
        ui.type("honour.search", "2025");   // a narrower view than the whole list
        REQUIRE(s.counts.shown > 0);
        REQUIRE(s.counts.shown < s.counts.all);
        const ExportTable masked = ui::honoursShownTable(storage, s, false);
        const ExportTable full = ui::honoursShownTable(storage, s, true);
        CHECK(wellFormed(masked));
        REQUIRE(static_cast<std::int64_t>(masked.rows.size()) == s.counts.shown);
        int withId = 0;
        REQUIRE(s.rowAt(0));
        for (std::size_t i = 0; i < masked.rows.size(); ++i) {
            // The rows the screen holds (its window) are the export's rows in the same places.
            const storage::HonourListRow* shown = s.rowAt(static_cast<int>(i));
            if (!shown) continue;
            const storage::HonourRow& r = shown->row;
            CHECK(full.rows[i][3] == r.name);
            CHECK(full.rows[i][4] == r.idNumber);
            CHECK(masked.rows[i][4] == maskIdNumber(r.idNumber));
            CHECK(masked.rows[i][5] == maskPhone(r.phone));
            if (!r.idNumber.empty()) {
                ++withId;
                CHECK(masked.rows[i][4] != r.idNumber);
            }
        }
        CHECK(withId > 0);
    }
    {   // 巾帼文明岗: the contact phone masked unless asked
        app.section = ui::Section::Posts;
        ui.frame();
        ui.frame();
        ui::PostsScreen& s = ui::postsScreen(app);
        REQUIRE(!s.visible.empty());
        const ExportTable masked = ui::postsShownTable(s, false);
        const ExportTable full = ui::postsShownTable(s, true);
        CHECK(wellFormed(masked));
        REQUIRE(masked.rows.size() == s.visible.size());
        for (std::size_t i = 0; i < s.visible.size(); ++i) {
            const Post& p = s.rows[static_cast<std::size_t>(s.visible[i])].post;
            CHECK(full.rows[i][0] == p.workUnit);
            CHECK(full.rows[i][4] == p.contactPhone);
            CHECK(masked.rows[i][4] == maskPhone(p.contactPhone));
        }
    }
    {   // 组织: the searched units with their parents
        app.section = ui::Section::Units;
        ui.frame();
        ui::UnitsScreen& s = ui::unitsScreen(app);
        ui.type("unit.search", "街道");
        REQUIRE(!s.visible.empty());
        const ExportTable t = ui::unitsShownTable(s);
        CHECK(wellFormed(t));
        REQUIRE(t.rows.size() == s.visible.size());
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            CHECK(t.rows[i][0] == s.tree.units[static_cast<std::size_t>(s.visible[i])].name);
            CHECK(t.rows[i][0].find("街道") != std::string::npos);
            CHECK(!t.rows[i][1].empty());   // a street has its district above it
        }
    }
    {   // 活动: the filtered list
        app.section = ui::Section::Volunteers;
        ui.frame();
        ui.click("tab.activities");
        ui::ActivitiesScreen& s = ui::volunteersScreen(app).activities;
        REQUIRE(!s.years.empty());
        const int all = s.rowCount();
        s.yearFilter = s.years.front();
        ui.frame();
        ui.frame();
        REQUIRE(s.rowCount() > 0);
        REQUIRE(s.rowCount() < all);
        const ExportTable t = ui::activitiesShownTable(app.storage, s);
        CHECK(wellFormed(t));
        REQUIRE(t.rows.size() == static_cast<std::size_t>(s.rowCount()));
        for (int i = 0; i < s.rowCount() && s.rowAt(i); ++i)
            CHECK(t.rows[static_cast<std::size_t>(i)][1] == s.rowAt(i)->activity.name);
        for (const auto& row : t.rows) CHECK(row[0].rfind(std::to_string(s.years.front()), 0) == 0);
    }
    {   // 目标: the unit's own targets, then its children
        app.section = ui::Section::Targets;
        ui::TargetsScreen& s = ui::targetsScreen(app);
        ui.frame();
        for (int i = 0; i < 20 && !s.job.current(); ++i) {
            s.job.wait();
            ui.frame();
        }
        REQUIRE(s.job.result() != nullptr);
        const ui::TargetsResult& r = *s.job.result();
        const ExportTable t = ui::targetsShownTable(s, r);
        CHECK(wellFormed(t));
        REQUIRE(!r.lines.empty());
        CHECK(t.rows.size() == r.lines.size() + r.children.size());
        CHECK(t.rows.front()[0] == r.unitName);
        if (!r.children.empty()) CHECK(t.rows.back()[1] == "平安家庭创建率");
    }
}
