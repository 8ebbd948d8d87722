// ui_honours_scale_test.cpp — the 荣誉 list on 120,000 generated titles
// (issue 17): opening it, jumping to its end with the keyboard, sorting by
// holder, filtering by year and searching never scan the award table on the
// UI connection (Database::meterWork: a scan of 100,000 rows is ≥ ~300,000
// instructions, a page read a few thousand), memory holds a window of pages,
// and the rows shown are the right ones.
#include "headless_ui.hpp"
#include "core/pinyin.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_honours.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace jinguo;

namespace {

constexpr int kPeople = 40000;
constexpr int kPersonTitles = 80000;        // award ids 1…80,000
constexpr int kAwards = 120000;             // then 40,000 collectives' titles
constexpr int kNames = 80;
// Far below a scan of the award table, above a frame's own small reads.
constexpr std::uint64_t kFrameBudget = 30000;

const char* const kSurnames[] = {"张", "王", "李", "赵", "单", "曾", "欧阳", "钱"};
const char* const kGiven[] = {"芳", "丽", "淼", "建国", "秀英", "娜", "三", "田芳", "堃", "红"};

std::string nameOf(int n) { return std::string(kSurnames[n / 10 % 8]) + kGiven[n % 10]; }
int yearOf(int award) { return 2018 + award % 9; }
// Person x (1…40,000) is named x % 80; award i ≤ 80,000 is person 1 + i % 40,000's.
std::string holderOf(int award) { return award <= kPersonTitles ? nameOf((1 + award % kPeople) % kNames) : ""; }

// 临江区 → 2 streets → 4 communities; people and titles written with one
// INSERT … SELECT each (the honour_list triggers keep the list), in one transaction.
struct BigHonours {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId communities[4] = {};

    BigHonours() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        const RowId streets[2] = {storage.insertUnit({0, district, "滨江街道", UnitKind::Street, 0, 1}),
                                  storage.insertUnit({0, district, "文昌街道", UnitKind::Street, 0, 2})};
        const char* names[] = {"望江社区", "阿里社区", "书院社区", "新村社区"};
        for (int i = 0; i < 4; ++i)
            communities[i] = storage.insertUnit({0, streets[i / 2], names[i], UnitKind::Community, 50000, 0});
        storage::RecordStore records(storage);
        const RowId titles[2] = {records.titleFor("三八红旗手", "person", "区"),
                                 records.titleFor("巾帼建功标兵", "person", "市")};
        const RowId collective = records.titleFor("三八红旗集体", "collective", "区");
        storage::Database& db = storage.db();
        storage::Transaction tx(db);
        db.exec("CREATE TEMP TABLE names (n INTEGER PRIMARY KEY, name TEXT)");
        {
            storage::Statement st = db.prepare("INSERT INTO names VALUES (?, ?)");
            for (int n = 0; n < kNames; ++n) {
                st.bind(1, n).bind(2, nameOf(n));
                st.run();
                st.reset();
            }
        }
        const std::string units = "CASE x.i % 4 WHEN 0 THEN " + std::to_string(communities[0]) + " WHEN 1 THEN " +
                                  std::to_string(communities[1]) + " WHEN 2 THEN " + std::to_string(communities[2]) +
                                  " ELSE " + std::to_string(communities[3]) + " END";
        storage::Statement people = db.prepare(
            "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < ?1)"
            " INSERT INTO person (id, name, id_number, phone, unit_id)"
            " SELECT x.i, k.name, printf('110105198001%06d', x.i), printf('139%08d', x.i), " + units +
            " FROM x JOIN names k ON k.n = x.i % " + std::to_string(kNames));
        people.bind(1, kPeople);
        people.run();
        storage::Statement awards = db.prepare(
            "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < ?1)"
            " INSERT INTO award (id, title_id, year, person_id, collective_name, unit_id, status, doc_number)"
            " SELECT x.i, CASE WHEN x.i > ?2 THEN ?3 WHEN x.i % 2 = 0 THEN ?4 ELSE ?5 END, 2018 + x.i % 9,"
            "        CASE WHEN x.i <= ?2 THEN 1 + x.i % ?6 END, CASE WHEN x.i > ?2 THEN '社区妇联' || (x.i % 500) END,"
            "        " + units + ", '命名', '临妇〔' || (2018 + x.i % 9) || '〕' || x.i || '号' FROM x");
        awards.bind(1, kAwards).bind(2, kPersonTitles).bind(3, collective).bind(4, titles[0]).bind(5, titles[1])
            .bind(6, kPeople);
        awards.run();
        tx.commit();
    }
};

// The awards the brute force says pass: their count.
int awardsWhere(const std::function<bool(int)>& passes) {
    int count = 0;
    for (int i = 1; i <= kAwards; ++i) count += passes(i);
    return count;
}

} // namespace

TEST_CASE("荣誉 at 120,000 titles: open, jump to the end, sort, filter, search — no frame scans") {
    BigHonours big;
    ui::InlineTaskExecutor tasks;   // worker bodies run on their own connections: not on the meter
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Honours;
    storage::Database& uiDb = big.storage.db();
    test::HeadlessUi ui(app);
    ui::HonoursScreen& screen = ui::honoursScreen(app);
    uiDb.meterWork();

    // A scan of the award table on this connection would cost this much (the meter works).
    {
        storage::Statement st = uiDb.prepare("SELECT count(*) FROM award WHERE doc_number = '无'");
        REQUIRE(st.step());
        CHECK(uiDb.workDone() >= 300000);
    }
    // Every frame from here on, clicks and typing included, is metered.
    std::uint64_t worstFrame = 0, lastSeen = uiDb.workDone();
    ui.betweenFrames = [&] {
        worstFrame = std::max(worstFrame, uiDb.workDone() - lastSeen);
        lastSeen = uiDb.workDone();
    };
    auto frames = [&](int n) {
        for (int i = 0; i < n; ++i) ui.frame();
    };

    // Open: the counts and the newest year first, ties by id (descending).
    frames(4);
    CHECK(screen.counts.all == kAwards);
    CHECK(screen.counts.shown == kAwards);
    CHECK(screen.counts.collectives == kAwards - kPersonTitles);
    int newest = 0;
    for (int i = 1; i <= kAwards; ++i)
        if (yearOf(i) == 2026) newest = i;
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->row.awardId == newest);
    CHECK(screen.rowAt(0)->row.year == 2026);
    CHECK(ui.visible("honour.row." + std::to_string(newest)));
    CHECK(screen.choices.years.size() == 9);
    CHECK(screen.personTitles.size() >= 2);
    // A steady frame asks the UI connection for nothing at all.
    const auto prepared = uiDb.statementsPrepared();
    const int counted = screen.counter.started(), metas = screen.metaLoader.started();
    frames(5);
    CHECK(uiDb.statementsPrepared() == prepared);
    CHECK(screen.counter.started() == counted);   // and starts no read again
    CHECK(screen.metaLoader.started() == metas);

    // Focus the list with a click on its first row (opens it: an indexed read), then End.
    ui.click("honour.row." + std::to_string(newest));
    CHECK(screen.form.awardId == newest);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_End] = 305;
    io.KeysDown[io.KeyMap[ImGuiKey_End]] = true;
    ui.frame();
    io.KeysDown[io.KeyMap[ImGuiKey_End]] = false;
    frames(6);
    // The last row: the oldest year's smallest id.
    int oldest = 0;
    for (int i = kAwards; i >= 1; --i)
        if (yearOf(i) == 2018) oldest = i;
    REQUIRE(screen.rowAt(kAwards - 1));
    CHECK(screen.rowAt(kAwards - 1)->row.awardId == oldest);
    CHECK(screen.form.awardId == oldest);   // the keyboard opened it once its page arrived
    CHECK(ui.visible("honour.row." + std::to_string(oldest)));
    CHECK(screen.list.keptPages() <= static_cast<std::size_t>(decltype(screen.list)::kKeptPages));

    // Sort by holder (pinyin), ascending: the first row is the first name in pinyin order.
    screen.sortColumn = 3;
    screen.sortAscending = true;
    frames(3);
    PinyinIndex pinyin;
    std::vector<std::pair<std::string, std::string>> holders;   // (collation, name) of every holder name
    for (int n = 0; n < kNames; ++n) holders.push_back({pinyin.keysFor(nameOf(n)).collation, nameOf(n)});
    for (int c = 0; c < 500; ++c) {
        const std::string name = "社区妇联" + std::to_string(c);
        holders.push_back({pinyin.keysFor(name).collation, name});
    }
    std::sort(holders.begin(), holders.end());
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->row.name == holders.front().second);
    CHECK(screen.rowCount() == kAwards);

    // 年度 2024.
    ui.click("filter.year");
    ui.click("filter.year.option.2024");
    frames(3);
    CHECK(screen.counts.shown == awardsWhere([](int i) { return yearOf(i) == 2024; }));
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->row.year == 2024);
    ui.click("filter.clear");

    // Search by pinyin, by name and by a phone's tail.
    ui.type("honour.search", "zhang");
    frames(3);
    CHECK(screen.counts.shown == awardsWhere([&](int i) {
              const std::string h = holderOf(i);
              return !h.empty() && matchesPinyin(pinyin.keysFor(h), "zhang");
          }));
    REQUIRE(screen.rowAt(0));
    CHECK(screen.rowAt(0)->row.name.rfind("张", 0) == 0);
    ui.type("honour.search", "田芳");
    frames(3);
    CHECK(screen.counts.shown == awardsWhere([](int i) { return holderOf(i).find("田芳") != std::string::npos; }));
    ui.type("honour.search", "00012345");   // person 12,345's phone: her two titles
    frames(3);
    CHECK(screen.counts.shown == 2);

    // No frame did a scan's work on the UI connection.
    CAPTURE(worstFrame);
    CHECK(worstFrame < kFrameBudget);
}
