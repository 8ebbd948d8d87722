// ui_records_scale_test.cpp — the 家庭 list on 120,000 generated households
// (issue 17): opening it, jumping to its end, filtering by standing and
// searching never scan the family table on the UI connection
// (Database::meterWork: a scan of 100,000 rows is ≥ ~300,000 instructions, a
// page read a few thousand), and the rows shown are the right ones.
#include "headless_ui.hpp"
#include "core/pinyin.hpp"
#include "storage/family_list.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_families.hpp"
#include "storage/work_meter.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace jinguo;

namespace {

constexpr int kHouseholds = 120000;
constexpr int kNames = 80;
// Far below a scan of the family table, above a frame's own small reads.
constexpr std::uint64_t kFrameBudget = 30000;

const char* const kSurnames[] = {"张", "王", "李", "赵", "单", "曾", "欧阳", "钱"};
const char* const kGiven[] = {"芳", "丽", "淼", "建国", "秀英", "娜", "三", "田芳", "堃", "红"};

std::string nameOf(int n) { return std::string(kSurnames[n / 10 % 8]) + kGiven[n % 10]; }

// 临江区 → 2 streets → 4 communities; household x (1…N) is headed by name
// x % 80, lives in community x % 4, and every third holds a 平安家庭 named
// in 2020 (x % 9 == 0: 已过期 on 2026-11-29 at 3 years + 6 months),
// 2023-06-15 (x % 9 == 3: 待复核) or 2025 (x % 9 == 6: 有效). Written with
// one INSERT … SELECT each, inside one transaction.
struct BigDistrict {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId communities[4] = {};

    BigDistrict() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        const RowId streets[2] = {storage.insertUnit({0, district, "滨江街道", UnitKind::Street, 0, 1}),
                                  storage.insertUnit({0, district, "文昌街道", UnitKind::Street, 0, 2})};
        const char* names[] = {"望江社区", "阿里社区", "书院社区", "新村社区"};
        for (int i = 0; i < 4; ++i)
            communities[i] = storage.insertUnit({0, streets[i / 2], names[i], UnitKind::Community, 50000, 0});
        const RowId title = storage.awardTitleId("平安家庭", "family", "社区");
        storage::Database& db = storage.db();
        storage::Transaction tx(db);
        db.exec("CREATE TEMP TABLE name_keys (n INTEGER PRIMARY KEY, name TEXT, sort_key TEXT, spell TEXT)");
        {
            storage::Statement st = db.prepare("INSERT INTO name_keys VALUES (?, ?, ?, ?)");
            for (int n = 0; n < kNames; ++n) {
                const storage::FamilySortFields keys = storage::familySortFields(nameOf(n));
                st.bind(1, n).bind(2, nameOf(n)).bind(3, keys.sortKey).bind(4, keys.headSpell);
                st.run();
                st.reset();
            }
        }
        storage::Statement families = db.prepare(
            "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < ?1)"
            " INSERT INTO family (id, head_name, address, members, unit_id, sort_key, head_spell)"
            " SELECT i, k.name, '幸福路' || i || '号', 1 + i % 5,"
            "        CASE i % 4 WHEN 0 THEN ?2 WHEN 1 THEN ?3 WHEN 2 THEN ?4 ELSE ?5 END, k.sort_key, k.spell"
            " FROM x JOIN name_keys k ON k.n = i % " + std::to_string(kNames));
        families.bind(1, kHouseholds).bind(2, communities[0]).bind(3, communities[1]).bind(4, communities[2])
            .bind(5, communities[3]);
        families.run();
        storage::Statement awards = db.prepare(
            "INSERT INTO award (id, title_id, year, family_id, unit_id, status)"
            " SELECT f.id, ?1, CASE f.id % 9 WHEN 0 THEN 2020 WHEN 3 THEN 2023 ELSE 2025 END, f.id, f.unit_id, '命名'"
            " FROM family f WHERE f.id % 3 = 0");
        awards.bind(1, title);
        awards.run();
        db.exec("INSERT INTO award_event (award_id, status, happened_on)"
                " SELECT a.id, '命名', CASE a.year WHEN 2023 THEN '2023-06-15' ELSE a.year || '-03-01' END FROM award a");
        tx.commit();
        storage::SettingsStore(storage).setTitleValidity(title, 3);
    }
};

// The households the brute force says a name pattern finds: their count.
int householdsNamed(const std::function<bool(const std::string&)>& matches) {
    int count = 0;
    for (int i = 1; i <= kHouseholds; ++i) count += matches(nameOf(i % kNames));
    return count;
}

} // namespace

TEST_CASE("家庭 at 120,000 households: open, jump to the end, filter by standing, search — no frame scans") {
    BigDistrict big;
    ui::InlineTaskExecutor tasks;   // worker bodies run on their own connections: not on the meter
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Families;
    storage::Database& uiDb = big.storage.db();
    test::HeadlessUi ui(app);
    ui::FamiliesScreen& screen = ui::familiesScreen(app);
    uiDb.meterWork();

    // A scan of the table on this connection would cost this much (the meter works).
    {
        storage::Statement st = uiDb.prepare("SELECT count(*) FROM family WHERE note = '无'");
        REQUIRE(st.step());
        CHECK(uiDb.workDone() >= 300000);
    }
    // Every frame from here on, clicks and typing included, is metered.
    std::uint64_t worstFrame = 0, lastSeen = uiDb.workDone();
    ui.betweenFrames = [&] {
        worstFrame = std::max(worstFrame, uiDb.workDone() - lastSeen);
        lastSeen = uiDb.workDone();
    };
    auto frame = [&] { ui.frame(); };

    // Open: the count and the first rows in pinyin order.
    for (int i = 0; i < 4; ++i) frame();
    CHECK(screen.counts.households == kHouseholds);
    CHECK(screen.counts.shown == kHouseholds);
    CHECK(screen.counts.shownTitles == kHouseholds / 3);
    PinyinIndex pinyin;
    std::vector<std::pair<std::string, int>> byKey;   // (collation, name index)
    for (int n = 0; n < kNames; ++n) byKey.push_back({pinyin.keysFor(nameOf(n)).collation, n});
    std::sort(byKey.begin(), byKey.end());
    const int firstName = byKey.front().second, lastName = byKey.back().second;
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->data.row.headName == nameOf(firstName));
    // Ties by id: the first is the smallest id with that name.
    CHECK(screen.rowAt(0)->data.row.id == (firstName == 0 ? kNames : firstName));
    CHECK(ui.visible("family.row." + std::to_string(screen.rowAt(0)->data.row.id)));

    // Focus the list with a click on its first row (opens it: indexed reads), then End.
    ui.click("family.row." + std::to_string(screen.rowAt(0)->data.row.id));
    CHECK(screen.form.familyId == screen.rowAt(0)->data.row.id);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_End] = 305;
    io.KeysDown[io.KeyMap[ImGuiKey_End]] = true;
    frame();
    io.KeysDown[io.KeyMap[ImGuiKey_End]] = false;
    for (int i = 0; i < 6; ++i) frame();
    // The last row: the last name in pinyin order, its largest id.
    const int lastId = kHouseholds - (kHouseholds % kNames + kNames - lastName) % kNames;
    REQUIRE(screen.rowAt(kHouseholds - 1));
    CHECK(screen.rowAt(kHouseholds - 1)->data.row.headName == nameOf(lastName));
    CHECK(screen.rowAt(kHouseholds - 1)->data.row.id == lastId);
    CHECK(screen.form.familyId == lastId);   // the keyboard opened it once its page arrived
    CHECK(ui.visible("family.row." + std::to_string(lastId)));
    CHECK(screen.list.keptPages() <= static_cast<std::size_t>(ui::FamiliesScreen::kKeptPages));

    // 已过期: the households of 2020 (x % 9 == 0).
    ui.click("filter.standing");
    ui.click("filter.standing.option.1");
    for (int i = 0; i < 3; ++i) frame();
    CHECK(screen.counts.shown == kHouseholds / 9);
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->data.row.id % 9 == 0);
    CHECK(screen.rowAt(0)->titlesText.find("（已过期）") != std::string::npos);
    ui.click("filter.clear");

    // Search by pinyin and by name.
    ui.type("family.search", "zhang");
    for (int i = 0; i < 3; ++i) frame();
    CHECK(screen.counts.shown ==
          householdsNamed([&](const std::string& name) { return matchesPinyin(pinyin.keysFor(name), "zhang"); }));
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->data.row.headName.rfind("张", 0) == 0);
    ui.type("family.search", "田芳");
    for (int i = 0; i < 3; ++i) frame();
    CHECK(screen.counts.shown ==
          householdsNamed([](const std::string& name) { return name.find("田芳") != std::string::npos; }));

    // No frame did a scan's work on the UI connection.
    CAPTURE(worstFrame);
    CHECK(worstFrame < kFrameBudget);
}

TEST_CASE("家庭 at 120,000 households: a search of 3+ characters reads family_search (0026), not every household") {
    BigDistrict big;
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Families;
    test::HeadlessUi ui(app);
    ui::FamiliesScreen& screen = ui::familiesScreen(app);
    for (int i = 0; i < 3; ++i) ui.frame();
    storage::Database& uiDb = big.storage.db();
    std::atomic<std::uint64_t> taskWork{0};
    storage::meterNewConnections(&taskWork);
    for (const char* text : {"zhangfang", "路1234", "欧阳田芳", "没有这个人"}) {
        CAPTURE(text);
        // The old way (every household tested) on the UI connection: its cost and count.
        storage::FamilyQuery reference;
        reference.today = app.today;
        reference.search = text;
        reference.searchIndexed = false;
        uiDb.meterWork();
        std::uint64_t scan = uiDb.workDone();
        const storage::FamilyCounts expected = storage::familyCounts(big.storage, reference);
        storage::familyPage(big.storage, reference, std::nullopt, 64);
        scan = uiDb.workDone() - scan;
        taskWork = 0;
        ui.type("family.search", text);
        for (int i = 0; i < 3; ++i) ui.frame();
        CAPTURE(taskWork.load());
        CAPTURE(scan);
        CHECK(screen.counts.shown == expected.shown);
        CHECK(scan > 1000000);
        CHECK(taskWork.load() < scan / 10);
    }
    storage::meterNewConnections(nullptr);
}
