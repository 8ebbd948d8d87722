// ui_units_review_scale_test.cpp — 组织 and 称号复核 on 120,000 generated
// households (issue 17, test::BigDistrict): no frame scans a big table on
// the UI connection, and the reads their Tasks make — metered here on the
// UI connection, where a Task body would not count — are summaries and
// index look-ups, not a pass over every family or title (Database::meterWork:
// a scan of 100,000 rows is ≥ ~300,000 instructions).
#include "headless_ui.hpp"
#include "storage/record_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/title_review.hpp"
#include "support/big_households.hpp"
#include "ui/screen_review.hpp"
#include "ui/screen_units.hpp"
#include "ui/task_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace jinguo;

namespace {

// Far below a scan of the family or award table, above a frame's small reads.
constexpr std::uint64_t kFrameBudget = 30000;

// The instructions `read` costs on the UI connection.
template <class Read>
std::uint64_t workOf(storage::Database& db, Read read) {
    const std::uint64_t before = db.workDone();
    read();
    return db.workDone() - before;
}

} // namespace

TEST_CASE("组织 at 120,000 households: households and overfull units from the unit summaries, no frame scans") {
    test::BigDistrict big;
    // 30,000 households per community hold 10,000 平安家庭 (3,333 held on
    // 12-31): 望江社区 declares 2,000 households (overfull), the others 50,000.
    big.storage.db().exec("UPDATE org_unit SET households = 2000 WHERE id = " + std::to_string(big.communities[0]));
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.section = ui::Section::Units;
    storage::Database& uiDb = big.storage.db();
    uiDb.meterWork();
    storage::RecordStore records(big.storage);

    // The old reads scan (the meter sees it); the new ones read summaries.
    std::unordered_map<RowId, std::int64_t> familiesOld, familiesNew;
    CHECK(workOf(uiDb, [&] { familiesOld = records.familiesPerUnitFromFamilies(); }) >= 300000);
    CHECK(workOf(uiDb, [&] { familiesNew = records.familiesPerUnit(); }) < kFrameBudget);
    CHECK(familiesNew == familiesOld);
    std::unordered_map<RowId, storage::RecordStore::OverfullTitle> overfull;
    const std::uint64_t overfullWork = workOf(uiDb, [&] { overfull = records.overfullUnitsOn("2026-12-31"); });
    std::unordered_map<RowId, storage::RecordStore::OverfullTitle> overfullOld;
    const std::uint64_t overfullOldWork =
        workOf(uiDb, [&] { overfullOld = records.overfullUnitsFromBaseTablesOn("2026-12-31"); });
    // One overfull pair counted exactly on the span index: the ~10,000
    // entries of one community, not the rule over the district's 40,000
    // awards and their events.
    CHECK(overfullWork < 300000);
    CHECK(overfullWork * 10 < overfullOldWork);
    REQUIRE(overfull.size() == 1);
    REQUIRE(overfullOld.size() == 1);
    CHECK(overfull.count(big.communities[0]) == 1);
    CHECK(overfull.at(big.communities[0]).households == overfullOld.at(big.communities[0]).households);
    CHECK(overfull.at(big.communities[0]).title == "平安家庭");

    test::HeadlessUi ui(app);
    std::uint64_t worstFrame = 0, lastSeen = uiDb.workDone();
    ui.betweenFrames = [&] {
        worstFrame = std::max(worstFrame, uiDb.workDone() - lastSeen);
        lastSeen = uiDb.workDone();
    };
    for (int i = 0; i < 4; ++i) ui.frame();
    ui::UnitsScreen& screen = ui::unitsScreen(app);
    CHECK(screen.families == familiesOld);
    CHECK(screen.overfull.size() == 1);
    CHECK(worstFrame < kFrameBudget);
}

TEST_CASE("称号复核 at 120,000 households: 待复核 and 已过期 read only the titles near or past their lapse, no frame scans") {
    test::BigDistrict big;   // 40,000 平安家庭 (validity 3 years): 13,334 已过期, 13,333 待复核 on 2026-11-29
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Review;
    storage::Database& uiDb = big.storage.db();
    uiDb.meterWork();
    test::HeadlessUi ui(app);
    std::uint64_t worstFrame = 0, lastSeen = uiDb.workDone();
    ui.betweenFrames = [&] {
        worstFrame = std::max(worstFrame, uiDb.workDone() - lastSeen);
        lastSeen = uiDb.workDone();
    };
    for (int i = 0; i < 4; ++i) ui.frame();
    ui::ReviewScreen& screen = ui::reviewScreen(app);
    CHECK(screen.rows.size() == 26667);
    CHECK(worstFrame < kFrameBudget);

    // With the validity: the list reads the titles whose held range ends by
    // the day + grace + 1 month (award_held_span_until), not every title —
    // on 2021-06-01 none is due, and nothing is read.
    std::vector<storage::ReviewableTitle> early;
    CHECK(workOf(uiDb, [&] { early = storage::titlesForReview(big.storage, {}, "2021-06-01"); }) < kFrameBudget);
    CHECK(early.empty());
    storage::TitleReviewFilter dueOnly;
    dueOnly.standings = {TitleStanding::DueForReview};
    CHECK(storage::titlesForReview(big.storage, dueOnly, "2026-11-29").size() == 13334);

    // No title with a validity (the default until 设置 sets one): the
    // default list reads no award at all, where every held title was judged.
    storage::SettingsStore(big.storage).setTitleValidity(big.storage.awardTitleId("平安家庭", "family", "社区"), std::nullopt);
    std::vector<storage::ReviewableTitle> rows;
    CHECK(workOf(uiDb, [&] { rows = storage::titlesForReview(big.storage, {}, "2026-11-29"); }) < kFrameBudget);
    CHECK(rows.empty());
    storage::TitleReviewFilter everyHeld;
    everyHeld.standings = {};
    CHECK(workOf(uiDb, [&] { rows = storage::titlesForReview(big.storage, everyHeld, "2026-11-29"); }) >= 300000);
    CHECK(rows.size() == 40000);
    lastSeen = uiDb.workDone();   // the reads above are not a frame's
    for (int i = 0; i < 4; ++i) ui.frame();
    CHECK(screen.rows.empty());
    CHECK(worstFrame < kFrameBudget);
}

TEST_CASE("称号复核 全部有效 at 120,000 households: counted in SQL, read a page at a time, no frame scans") {
    test::BigDistrict big;   // 40,000 held 平安家庭
    ui::InlineTaskExecutor tasks;   // Task bodies run on their own connections: not on this meter
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{big.storage};
    app.today = "2026-11-29";
    app.section = ui::Section::Review;
    storage::Database& uiDb = big.storage.db();
    uiDb.meterWork();
    storage::TitleReviewFilter everyHeld;
    everyHeld.standings = {};
    // The list judged whole (the reference) scans; a page and the count do not.
    std::vector<storage::ReviewableTitle> whole;
    const std::uint64_t wholeWork =
        workOf(uiDb, [&] { whole = storage::titlesForReview(big.storage, everyHeld, app.today); });
    REQUIRE(whole.size() == 40000);
    CHECK(wholeWork >= 300000);
    std::int64_t counted = 0;
    CHECK(workOf(uiDb, [&] { counted = storage::countHeldTitlesForReview(big.storage, everyHeld); }) * 10 < wholeWork);
    CHECK(counted == 40000);
    CHECK(workOf(uiDb, [&] {
              storage::heldTitlesForReviewPage(big.storage, everyHeld, app.today, storage::reviewListKeyOf(whole[19999]),
                                               0, 64);
          }) < kFrameBudget);

    test::HeadlessUi ui(app);
    std::uint64_t worstFrame = 0, lastSeen = uiDb.workDone();
    ui.betweenFrames = [&] {
        worstFrame = std::max(worstFrame, uiDb.workDone() - lastSeen);
        lastSeen = uiDb.workDone();
    };
    for (int i = 0; i < 3; ++i) ui.frame();
    ui::ReviewScreen& screen = ui::reviewScreen(app);
    ui.click("review.standing");
    ui.click("review.standing.option.2");   // 全部有效
    for (int i = 0; i < 4; ++i) ui.frame();
    CHECK(screen.paged);
    CHECK(screen.rows.empty());   // nothing judged whole
    REQUIRE(screen.heldCount);
    CHECK(*screen.heldCount == 40000);
    REQUIRE(screen.held.rowAt(0));
    CHECK(screen.held.rowAt(0)->awardId == whole.front().awardId);
    CHECK(screen.held.rowAt(0)->standing.standing == whole.front().standing.standing);
    CHECK(ui.visible("review.row." + std::to_string(whole.front().awardId)));
    CHECK(screen.held.keptPages() <= 2);

    // Tick the first row.
    ui.click("review.row." + std::to_string(whole.front().awardId));
    CHECK(screen.ticked.size() == 1);
    CHECK(worstFrame < kFrameBudget);

    // End scrolls to the very last title (a row with a checkbox is taller
    // than a line of text: scrolled by a line's height it stopped at ~78%),
    // and Home back to the first; neither ticks anything.
    ImGuiIO& io = ImGui::GetIO();
    const auto press = [&](ImGuiKey key, int code) {
        io.KeyMap[key] = code;
        io.KeysDown[code] = true;
        ui.frame();
        io.KeysDown[code] = false;
        for (int i = 0; i < 6; ++i) ui.frame();
    };
    press(ImGuiKey_End, 305);
    CHECK(screen.heldCursorIndex == 39999);
    REQUIRE(screen.held.rowAt(39999));
    CHECK(screen.held.rowAt(39999)->awardId == whole.back().awardId);
    CHECK(ui.visible("review.row." + std::to_string(whole.back().awardId)));
    press(ImGuiKey_Home, 306);
    CHECK(ui.visible("review.row." + std::to_string(whole.front().awardId)));
    CHECK(screen.ticked.size() == 1);
    CHECK(worstFrame < kFrameBudget);

    // 保留 on the ticked title: one undo step; the list reads its pages again.
    ui.type("review.date", "2026-11-20");
    ui.click("review.keep");
    CHECK(screen.error.empty());
    for (int i = 0; i < 4; ++i) ui.frame();
    CHECK(*screen.heldCount == 40000);
    REQUIRE(screen.held.rowAt(0));
    CHECK(screen.held.rowAt(0)->standing.confirmedOn == "2026-11-20");
    CHECK(storage::titlesForReview(big.storage, everyHeld, app.today).front().standing.confirmedOn == "2026-11-20");

    // 全选 reads the 40,000 ids on a Task: no frame of the click reads them.
    lastSeen = uiDb.workDone();
    worstFrame = 0;
    ui.click("review.all");
    for (int i = 0; i < 3; ++i) ui.frame();
    CHECK(screen.ticked.size() == 40000);
    CHECK(worstFrame < kFrameBudget);
    CHECK(workOf(uiDb, [&] { storage::heldTitleIdsForReview(big.storage, everyHeld); }) > kFrameBudget);
    ui.click("review.none");
    CHECK(screen.ticked.empty());
}
