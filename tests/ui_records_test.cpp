// ui_records_test.cpp — the 家庭, 荣誉 and 组织 screens driven headless as a
// person would (click, type, pick from combos); results checked in the
// database and in what the screens show.
#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "core/targets.hpp"
#include "ui/screen_families.hpp"
#include "ui/screen_honours.hpp"
#include "ui/screen_units.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    storage::RecordStore records{storage};
    RowId district = 0, street = 0, otherStreet = 0, community = 0, otherCommunity = 0;
    // The 家庭 list is loaded by a ui::Task: inline, it arrives in the frame
    // that asks for it, so a test can click and check at once.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    Fixture() {
        district = records.addUnit({0, 0, "临江区", UnitKind::District, 5000, 0});
        street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 3000, 0});
        otherStreet = records.addUnit({0, district, "文昌街道", UnitKind::Street, 2000, 0});
        community = records.addUnit({0, street, "望江社区", UnitKind::Community, 3000, 0});
        otherCommunity = records.addUnit({0, otherStreet, "书院社区", UnitKind::Community, 2000, 0});
        app.today = "2026-11-29";
        // The tests click and check at once; the background loading has its own test.
    }
};

std::string id(RowId value) { return std::to_string(value); }

// Opens a combo and picks one of its options.
void pick(test::HeadlessUi& ui, const std::string& combo, const std::string& option) {
    ui.click(combo);
    ui.click(combo + ".option." + option);
}

// Selects all of a text field and deletes it, as a person would.
void clearField(test::HeadlessUi& ui, const std::string& key) {
    ui.type(key, "");                                    // clicked, all selected
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = true;
    ui.frame();
    io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = false;
    ui.frame();
}

int indexOf(const std::vector<std::string>& words, const std::string& word) {
    const auto it = std::find(words.begin(), words.end(), word);
    REQUIRE(it != words.end());
    return static_cast<int>(it - words.begin());
}

} // namespace

TEST_CASE("adding a family with a title through the 家庭 screen") {
    Fixture f;
    f.app.section = ui::Section::Families;
    test::HeadlessUi ui(f.app);
    ui.click("family.add");
    ui.type("family.head", "张 三");
    ui.type("family.address", "望江路12号");
    ui.type("family.members", "４");                    // full-width digit, as IMEs type it
    pick(ui, "family.unit", id(f.community));
    ui.click("family.save");
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    CHECK(screen.form.error.empty());
    REQUIRE(f.storage.count("family") == 1);
    const RowId familyId = screen.form.familyId;
    const auto family = f.records.family(familyId);
    REQUIRE(family);
    CHECK(family->headName == "张三");
    CHECK(family->members == 4);
    CHECK(family->unitId == f.community);

    pick(ui, "award.title", std::to_string(indexOf(screen.meta.catalogueTitles, "平安家庭")));
    pick(ui, "award.level", "0");                        // 社区
    ui.type("award.year", "2025");
    ui.type("award.doc", "临妇〔2025〕7号");
    ui.click("award.add");
    CHECK(screen.awardForm.error.empty());
    // A second title, of the user's own, at 区 level in another year.
    ui.type("award.custom", "绿色家庭");
    pick(ui, "award.level", "2");                        // 区
    ui.type("award.year", "2026");
    ui.click("award.add");
    auto awards = f.records.familyAwards(familyId);
    REQUIRE(awards.size() == 2);
    CHECK(awards[0].title == "绿色家庭");
    CHECK(awards[0].level == "区");
    CHECK(awards[1].title == "平安家庭");
    CHECK(awards[1].level == "社区");
    CHECK(awards[1].year == 2025);
    CHECK(awards[1].docNumber == "临妇〔2025〕7号");
    // The list shows the new household with its titles.
    ui.frame();
    CHECK(ui.visible("family.row." + id(familyId)));
    REQUIRE(screen.rowCount() == 1);
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->titlesText.find("2025社区级平安家庭") != std::string::npos);

    // Removing a title asks first, naming the title; 取消 keeps it.
    ui.click("award.delete." + id(awards[1].awardId));
    CHECK(f.records.familyAwards(familyId).size() == 2);
    CHECK(screen.confirmDeleteAward.question.find("平安家庭") != std::string::npos);
    ui.click("award.delete_confirm.cancel");
    CHECK(f.records.familyAwards(familyId).size() == 2);
    ui.click("award.delete." + id(awards[1].awardId));
    ui.click("award.delete_confirm.ok");
    CHECK(f.records.familyAwards(familyId).size() == 1);
    // So does removing the household, naming its head.
    ui.click("family.delete");
    CHECK(f.storage.count("family") == 1);
    CHECK(screen.confirmDelete.question.find(screen.form.headName) != std::string::npos);
    ui.click("family.delete_confirm.ok");
    CHECK(f.storage.count("family") == 0);
    CHECK(f.storage.count("award") == 0);
}

TEST_CASE("a refused save keeps what was typed and says why") {
    Fixture f;
    f.app.section = ui::Section::Families;
    test::HeadlessUi ui(f.app);
    ui.click("family.add");
    ui.type("family.head", "李淼");
    ui.type("family.address", "书院路3号");
    ui.type("family.members", "三口");
    ui.click("family.save");
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    CHECK(f.storage.count("family") == 0);
    CHECK(screen.form.error.find("家庭人口") != std::string::npos);
    CHECK(screen.form.headName == "李淼");
    CHECK(screen.form.address == "书院路3号");

    ui.type("family.members", "3");
    ui.click("family.save");                             // still no unit
    CHECK(f.storage.count("family") == 0);
    CHECK(screen.form.error.find("社区") != std::string::npos);
    CHECK(screen.form.headName == "李淼");
    CHECK(screen.form.members == "3");

    pick(ui, "family.unit", id(f.otherCommunity));
    ui.click("family.save");
    CHECK(f.storage.count("family") == 1);
    CHECK(screen.form.error.empty());

    // A title refused (no level, then a bad year) keeps the typed title.
    ui.type("award.custom", "书香家庭");
    ui.type("award.year", "2026");
    ui.click("award.add");
    CHECK(f.storage.count("award") == 0);
    CHECK(screen.awardForm.error.find("级别") != std::string::npos);
    CHECK(screen.awardForm.customTitle == "书香家庭");
    pick(ui, "award.level", "1");
    ui.type("award.year", "26");
    ui.click("award.add");
    CHECK(f.storage.count("award") == 0);
    CHECK(screen.awardForm.error.find("年份") != std::string::npos);
    CHECK(screen.awardForm.customTitle == "书香家庭");
    ui.type("award.year", "2026");
    ui.click("award.add");
    CHECK(f.storage.count("award") == 1);
}

TEST_CASE("filters by unit, title, level, year and status, with the counts of what they show") {
    Fixture f;
    auto family = [&](const char* head, RowId unit) { return f.records.addFamily({0, head, "", 3, unit, ""}); };
    const RowId a = family("阿芳", f.community);
    const RowId b = family("张三", f.community);
    const RowId c = family("赵丽", f.otherCommunity);
    family("钱多", f.otherCommunity);                    // no titles
    f.records.addFamilyAward(a, {0, "平安家庭", "社区", 2025, "命名", ""});
    f.records.addFamilyAward(a, {0, "平安家庭", "社区", 2026, "命名", ""});
    f.records.addFamilyAward(b, {0, "平安家庭", "街道", 2026, "申报", ""});
    f.records.addFamilyAward(c, {0, "最美家庭", "区", 2026, "命名", ""});
    f.app.section = ui::Section::Families;
    test::HeadlessUi ui(f.app);
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    ui.frame();
    CHECK(screen.counts.shown == 4);
    CHECK(screen.counts.shownTitles == 4);

    pick(ui, "filter.title", std::to_string(indexOf(screen.meta.choices.titles, "平安家庭")));
    CHECK(screen.counts.shown == 2);                   // 阿芳, 张三
    CHECK(screen.counts.shownTitles == 3);
    pick(ui, "filter.year", "2026");
    CHECK(screen.counts.shown == 2);
    CHECK(screen.counts.shownTitles == 2);
    pick(ui, "filter.status", "3");                      // 命名
    CHECK(screen.counts.shown == 1);
    CHECK(ui.visible("family.row." + id(a)));
    CHECK_FALSE(ui.visible("family.row." + id(b)));
    ui.click("filter.clear");
    CHECK(screen.counts.shown == 4);

    pick(ui, "filter.level", "2");                       // 区
    CHECK(screen.counts.shown == 1);
    CHECK(ui.visible("family.row." + id(c)));
    ui.click("filter.clear");
    // A street holds the families of its communities.
    pick(ui, "filter.unit", id(f.otherStreet));
    CHECK(screen.counts.shown == 2);
    CHECK(screen.counts.shownTitles == 1);
    pick(ui, "filter.unit", id(f.community));
    CHECK(screen.counts.shown == 2);
    CHECK(screen.counts.shownTitles == 3);
}

TEST_CASE("families: pinyin search and pinyin order") {
    Fixture f;
    const RowId zhang = f.records.addFamily({0, "张三", "望江路1号", 3, f.community, ""});
    const RowId a = f.records.addFamily({0, "阿芳", "望江路2号", 3, f.community, ""});
    const RowId zhao = f.records.addFamily({0, "赵丽", "望江路3号", 3, f.community, ""});
    const RowId shan = f.records.addFamily({0, "单田芳", "书院路8号", 3, f.otherCommunity, ""});
    f.app.section = ui::Section::Families;
    test::HeadlessUi ui(f.app);
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    ui.frame();
    // 阿 a < 单 shan (as a surname) < 张 zhang < 赵 zhao; by code point 单 (U+5355) would come first.
    std::vector<RowId> order;
    for (int i = 0; i < screen.rowCount(); ++i) {
        REQUIRE(screen.rowAt(i));
        order.push_back(screen.rowAt(i)->data.row.id);
    }
    CHECK(order == std::vector<RowId>{a, shan, zhang, zhao});

    ui.type("family.search", "zs");
    CHECK(screen.counts.shown == 1);
    CHECK(ui.visible("family.row." + id(zhang)));
    ui.type("family.search", "shantian");
    CHECK(screen.counts.shown == 1);
    CHECK(ui.visible("family.row." + id(shan)));
    ui.type("family.search", "3号");                     // part of an address
    CHECK(screen.counts.shown == 1);
    CHECK(ui.visible("family.row." + id(zhao)));
    ui.type("family.search", "田");
    CHECK(screen.counts.shown == 1);
}

TEST_CASE("honours: add a person's title, find it by ID tail and pinyin, delete after asking") {
    Fixture f;
    f.app.section = ui::Section::Honours;
    test::HeadlessUi ui(f.app);
    ui::HonoursScreen& screen = ui::honoursScreen(f.app);
    ui.click("honour.add");
    ui.type("honour.name", "王芳");
    ui.type("honour.id", "11010519491231002X");
    pick(ui, "honour.unit", id(f.community));
    ui.frame();
    pick(ui, "honour.title", std::to_string(indexOf(screen.personTitles, "三八红旗手")));
    pick(ui, "honour.level", std::to_string(titleLevelRank("市")));
    ui.type("honour.year", "2025");
    ui.click("honour.save");
    CHECK(screen.form.error.empty());
    auto rows = f.records.honourRows();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "王芳");
    CHECK(rows[0].title == "三八红旗手");
    CHECK(rows[0].level == "市");

    // A collective, then a refused save (no year) that keeps the name.
    ui.click("honour.add");
    pick(ui, "honour.title", std::to_string(indexOf(screen.personTitles, "三八红旗手")));
    CHECK(screen.form.title == "三八红旗手");
    ui.click("honour.kind.collective");
    CHECK(screen.form.title.empty());                    // not a collective's title: not carried over
    ui.type("honour.name", "书院社区妇联");
    pick(ui, "honour.unit", id(f.otherCommunity));
    ui.frame();
    pick(ui, "honour.title", std::to_string(indexOf(screen.collectiveTitles, "三八红旗集体")));
    pick(ui, "honour.level", "2");
    ui.click("honour.save");
    CHECK(f.records.honourRows().size() == 1);
    CHECK(screen.form.error.find("年度") != std::string::npos);
    CHECK(screen.form.name == "书院社区妇联");
    ui.type("honour.year", "2024");
    ui.click("honour.save");
    CHECK(f.records.honourRows().size() == 2);

    const RowId collectiveId = screen.form.awardId;
    ui.type("honour.search", "002x");
    CHECK(screen.counts.shown == 1);
    CHECK(ui.visible("honour.row." + id(rows[0].awardId)));
    CHECK_FALSE(ui.visible("honour.row." + id(collectiveId)));
    ui.type("honour.search", "wf");
    CHECK(screen.counts.shown == 1);
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->row.name == "王芳");
    clearField(ui, "honour.search");
    CHECK(screen.counts.shown == 2);
    CHECK(screen.counts.all == 2);
    pick(ui, "filter.unit", id(f.otherStreet));
    CHECK(screen.counts.shown == 1);
    CHECK(screen.counts.collectives == 1);
    CHECK(screen.counts.people == 0);
    CHECK(ui.visible("honour.row." + id(collectiveId)));
    CHECK_FALSE(ui.visible("honour.row." + id(rows[0].awardId)));
    ui.click("filter.clear");

    ui.click("honour.row." + id(rows[0].awardId));
    ui.click("honour.delete");
    CHECK(f.records.honourRows().size() == 2);
    CHECK_FALSE(screen.confirmDelete.question.empty());
    ui.click("honour.delete_confirm.ok");
    CHECK(f.records.honourRows().size() == 1);
}

TEST_CASE("units: add, rename, move and change households through the 组织 screen, with history") {
    Fixture f;
    f.app.section = ui::Section::Units;
    test::HeadlessUi ui(f.app);
    ui::UnitsScreen& screen = ui::unitsScreen(f.app);
    ui.click("section.units");
    CHECK(f.app.section == ui::Section::Units);

    ui.click("unit.row." + id(f.community));
    ui.type("unit.name", "望江新村社区");
    ui.type("unit.households", "3350");
    pick(ui, "unit.parent", id(f.otherStreet));
    ui.click("unit.save");
    CHECK(screen.form.error.empty());
    const auto u = f.records.unit(f.community);
    REQUIRE(u);
    CHECK(u->name == "望江新村社区");
    CHECK(u->households == 3350);
    CHECK(u->parentId == f.otherStreet);
    ui.frame();
    REQUIRE(screen.history.size() == 2);
    const std::string line = ui::describeUnitChange(screen.history[1], screen.tree);
    CHECK(line.find("望江社区 → 望江新村社区") != std::string::npos);
    CHECK(line.find("滨江街道 → 文昌街道") != std::string::npos);
    CHECK(line.find("3000 → 3350") != std::string::npos);
    CHECK(screen.history[1].dbUser == f.app.storage.auditLog().dbUser());   // shown as 操作人 (0046)
    CHECK_FALSE(screen.history[1].dbUser.empty());

    // Refused: households not a number, then a duplicate name; the form keeps the text.
    ui.type("unit.households", "三千");
    ui.click("unit.save");
    CHECK(screen.form.error.find("总户数") != std::string::npos);
    CHECK(screen.form.households == "三千");
    ui.type("unit.households", "3350");
    ui.type("unit.name", "书院社区");
    ui.click("unit.save");
    CHECK(screen.form.error.find("已有名为") != std::string::npos);
    CHECK(f.records.unit(f.community)->name == "望江新村社区");

    // A new community under a street (the refused edit is given up: 不保存).
    ui.click("unit.row." + id(f.street));
    ui.click("leave.discard");
    ui.frame();
    ui.click("unit.add_child");
    CHECK(screen.form.kind == UnitKind::Community);
    ui.type("unit.name", "滨江新社区");
    ui.type("unit.households", "800");
    ui.click("unit.save");
    CHECK(screen.form.error.empty());
    const RowId added = screen.form.unitId;
    const auto child = f.records.unit(added);
    REQUIRE(child);
    CHECK(child->parentId == f.street);
    CHECK(child->kind == UnitKind::Community);
    CHECK(child->households == 800);
    ui.frame();
    CHECK(ui.visible("unit.row." + id(added)));
    CHECK(screen.tree.units.size() == 6);
}

TEST_CASE("a steady 家庭 frame runs no SQL, even with 20,000 households scrolled through") {
    Fixture f;
    {
        storage::Transaction tx(f.storage.db());
        f.storage.setAuditEnabled(false);
        for (int i = 0; i < 20000; ++i) {
            const RowId family = f.records.addFamily({0, "户主" + std::to_string(i), "", 3, f.community, ""});
            if (i % 2 == 0) f.records.addFamilyAward(family, {0, "平安家庭", "社区", 2026, "命名", ""});
        }
        tx.commit();
        f.storage.setAuditEnabled(true);
    }
    f.app.section = ui::Section::Families;
    ui::FamiliesScreen& screen = ui::familiesScreen(f.app);
    ui::ThreadTaskExecutor threads;   // as in the app
    ui::ScopedTaskExecutor useThreads{threads};
    test::HeadlessUi ui(f.app);
    // The list's reads run on workers: wait for them, then take them in a frame.
    auto settle = [&] {
        for (int i = 0; i < 100; ++i) {
            screen.metaLoader.wait();
            screen.counter.wait();
            screen.list.wait();
            ui.frame();
            if (!screen.metaLoader.busy() && !screen.counter.busy() && !screen.list.busy()) return;
        }
        FAIL("the list never settled");
    };
    const auto atStart = f.storage.db().statementsPrepared();
    ui.frame();
    // The list is read on the workers' own connections, never in a frame.
    CHECK(f.storage.db().statementsPrepared() == atStart);
    settle();
    CHECK(screen.counts.shown == 20000);
    CHECK(f.storage.db().statementsPrepared() == atStart);
    const auto before = f.storage.db().statementsPrepared();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(500, 400);
    for (int i = 0; i < 30; ++i) {
        io.MouseWheel = -5.0f;
        ui.frame();
        settle();
    }
    CHECK(f.storage.db().statementsPrepared() == before);
    CHECK(screen.counts.shown == 20000);
    CHECK(screen.counts.shownTitles == 10000);
    // Scrolled down, the rows in view are read, and only a window of pages is kept.
    CHECK(screen.list.firstShown() > 100);
    CHECK(screen.rowAt(screen.list.firstShown()) != nullptr);
    CHECK(screen.list.keptPages() <= static_cast<std::size_t>(ui::FamiliesScreen::kKeptPages));

    // A change elsewhere: the frames keep the old rows (no reload in a frame)
    // until the workers deliver the new ones.
    f.records.addFamily({0, "新户主", "", 2, f.community, ""});
    const auto afterSave = f.storage.db().statementsPrepared();
    ui.frame();
    CHECK(screen.rowAt(screen.list.firstShown()) != nullptr);
    ui.frame();
    CHECK(f.storage.db().statementsPrepared() == afterSave);
    settle();
    CHECK(screen.counts.shown == 20001);
    CHECK(screen.counter.started() == 2);
}

TEST_CASE("the search rule of the record lists") {
    PinyinIndex pinyin;
    const NameKeys keys = pinyin.keysFor("迪丽娜尔·艾买提");
    auto matches = [&](const char* q) {
        return ui::recordMatches(ui::SearchQuery(q), keys, {"迪丽娜尔·艾买提", "望江路12号"},
                                 {"11010519491231002X", "13812345678"});
    };
    CHECK(matches(""));
    CHECK(matches(" 娜尔 "));
    CHECK(matches("dilinaer"));                  // pinyin
    CHECK(matches("DLNE"));                      // initials, any case
    CHECK(matches("002x"));                      // ID tail, lower-case x
    CHECK(matches("５６７８"));                    // phone tail in full-width digits
    CHECK(matches("12"));                        // a house number inside the address
    CHECK_FALSE(matches("1234"));                // inside the phone, not its tail
    CHECK_FALSE(matches("wang"));
    CHECK_FALSE(matches("王"));
}

TEST_CASE("the unit tree: siblings in pinyin order, subtrees for the unit filter") {
    Fixture f;
    const RowId wang = f.community;                                           // 望江社区
    const RowId a = f.records.addUnit({0, f.street, "阿里社区", UnitKind::Community, 10, 0});
    const RowId shan = f.records.addUnit({0, f.street, "山前社区", UnitKind::Community, 10, 0});
    PinyinIndex pinyin;
    ui::UnitTree tree;
    tree.load(f.storage.units(), pinyin);
    std::vector<RowId> order;
    for (const OrgUnit& u : tree.units) order.push_back(u.id);
    // 临江区; 滨江街道 (bin) and its communities a < shan < wang; 文昌街道 (wen) and 书院社区.
    CHECK(order == std::vector<RowId>{f.district, f.street, a, shan, wang, f.otherStreet, f.otherCommunity});
    CHECK(tree.depth[0] == 0);
    CHECK(tree.depth[2] == 2);
    CHECK(tree.within(a, f.street));
    CHECK(tree.within(a, f.district));
    CHECK(tree.within(a, a));
    CHECK_FALSE(tree.within(a, f.otherStreet));
    CHECK_FALSE(tree.within(f.street, a));
}

TEST_CASE("units: a district's 下级户数合计 is the households of its streets' communities (rollUp)") {
    // The tree of tests/data/records/district_units.csv: streets register no
    // households of their own, their communities do.
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    storage::RecordStore records{storage};
    std::ifstream in(test::corpus("../records/district_units.csv"));
    REQUIRE(in);
    std::vector<std::array<std::string, 4>> rows;
    std::string line;
    std::getline(in, line);   // header
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::array<std::string, 4> cells;
        std::size_t start = 0;
        for (int c = 0; c < 4; ++c) {
            const std::size_t comma = line.find(',', start);
            cells[static_cast<std::size_t>(c)] = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            start = comma == std::string::npos ? line.size() : comma + 1;
        }
        rows.push_back(cells);
    }
    REQUIRE(rows.size() == 17);
    std::map<std::string, RowId> ids;
    // Parents first: 区, then 街道, then 社区 (the file lists them the other way round).
    for (const UnitKind kind : {UnitKind::District, UnitKind::Street, UnitKind::Community}) {
        for (const auto& r : rows) {
            if (r[2] != toWord(kind)) continue;
            const RowId parent = r[1].empty() ? 0 : ids.at(r[1]);
            ids[r[0]] = records.addUnit({0, parent, r[0], kind, r[3].empty() ? 0 : std::stoll(r[3]), 0});
        }
    }
    ui::AppState app{storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Units;
    test::HeadlessUi ui(app);
    ui.frame();
    ui::UnitsScreen& screen = ui::unitsScreen(app);
    auto childSum = [&](const std::string& name) {
        const auto at = screen.tree.indexOf.find(ids.at(name));
        REQUIRE(at != screen.tree.indexOf.end());
        return screen.childHouseholds[at->second];
    };
    CHECK(childSum("临江区") == 202126);
    CHECK(childSum("滨江街道") == 3 * 16844);
    CHECK(childSum("白沙街道") == 2 * 16844 + 16842);
    // The same figure the targets divide by.
    const std::vector<OrgUnit> units = storage.units();
    std::vector<UnitTally> tallies;
    for (const OrgUnit& u : units) tallies.push_back({u.id, u.parentId, u.households, 0, 0});
    const std::vector<RolledTally> rolled = rollUp(tallies);
    for (std::size_t i = 0; i < units.size(); ++i)
        if (units[i].id == ids.at("临江区")) CHECK(rolled[i].households == 202126);
}
