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
#include "support/big_households.hpp"
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

// Far below a scan of the family table, above a frame's own small reads.
constexpr std::uint64_t kFrameBudget = 30000;

using test::BigDistrict;
using test::kHouseholds;
using test::kNames;
using test::nameOf;

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

TEST_CASE("家庭 at 120,000 households: typing 1–2 characters, digits and titles' texts runs no scan on a frame; the counts are the old rule's") {
    BigDistrict big;
    ui::InlineTaskExecutor tasks;   // worker bodies run on their own connections: metered apart
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Families;
    storage::Database& uiDb = big.storage.db();
    test::HeadlessUi ui(app);
    ui::FamiliesScreen& screen = ui::familiesScreen(app);
    for (int i = 0; i < 3; ++i) ui.frame();
    std::atomic<std::uint64_t> taskWork{0};
    storage::meterNewConnections(&taskWork);
    // 张, zh, 12 (addresses): a gram, its count one kept row (0042). 5, 2023,
    // 平安家庭: titles' texts (2025, 2023, the title's name) — candidates.
    struct Typed {
        const char* text;
        bool fromGram;
    };
    for (const Typed typed : {Typed{"张", true}, Typed{"zh", true}, Typed{"12", true}, Typed{"5", false},
                              Typed{"2023", false}, Typed{"平安家庭", false}}) {
        CAPTURE(typed.text);
        // The old way (every household tested), on another connection.
        storage::Storage reader(big.path.str());
        storage::FamilyQuery reference;
        reference.today = app.today;
        reference.search = typed.text;
        reference.searchIndexed = false;
        const storage::FamilyCounts expected = storage::familyCounts(reader, reference);
        const std::vector<storage::FamilyListRow> firstRows = storage::familyPage(reader, reference, std::nullopt, 5);
        const std::uint64_t scan = taskWork.load();   // the reader's connection is metered too
        taskWork = 0;
        uiDb.meterWork();
        std::uint64_t worstFrame = 0, lastSeen = uiDb.workDone();
        ui.betweenFrames = [&] {
            worstFrame = std::max(worstFrame, uiDb.workDone() - lastSeen);
            lastSeen = uiDb.workDone();
        };
        ui.type("family.search", typed.text);
        for (int i = 0; i < 3; ++i) ui.frame();
        ui.betweenFrames = nullptr;
        CAPTURE(worstFrame);
        CAPTURE(scan);
        CAPTURE(taskWork.load());
        CHECK(worstFrame < kFrameBudget);
        CHECK(screen.counts.shown == expected.shown);
        CHECK(screen.counts.shownTitles == expected.shownTitles);
        CHECK(expected.shown > 0);
        for (std::size_t i = 0; i < firstRows.size(); ++i) {
            REQUIRE(screen.rowAt(static_cast<int>(i)));
            CHECK(screen.rowAt(static_cast<int>(i))->data.row.id == firstRows[i].row.id);
        }
        CHECK(scan > 1000000);
        // A gram's count and page: far below the scan; a title's text: below it.
        if (typed.fromGram) CHECK(taskWork.load() < scan / 10);
        else CHECK(taskWork.load() < scan);
        taskWork = 0;
    }
    storage::meterNewConnections(nullptr);
}
