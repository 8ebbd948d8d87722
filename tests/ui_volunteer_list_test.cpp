// ui_volunteer_list_test.cpp — issue 17 (people): the 志愿者 list on 100,000
// generated volunteers reads only the rows it shows. Opening, scrolling to the
// end, End from the first row, searching and sorting by hours each draw frames
// whose work on the UI connection stays far below a scan (Database::meterWork;
// the list's reads run on the tasks' own connections), and the rows shown are
// the right ones.
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "storage/volunteer_list.hpp"
#include "storage/work_meter.hpp"
#include "temp_db.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/task_runner.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

constexpr int kPeople = 100000;
// A scan of the person table costs ≥ ~300,000 instructions; a frame that
// reads a setting or a person's detail a few thousand.
constexpr std::uint64_t kFrameBudget = 60000;

struct BigFixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId community = 0;
    ui::InlineTaskExecutor tasks;   // workers' bodies run inside request(), on their own connections
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    BigFixture() {
        community = test::buildDistrict(storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 2000}}}}}).community(0);
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
        // Names of 2–3 common characters, a few service records each.
        storage.db().exec("BEGIN");
        storage.db().exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(kPeople) + ")"
            " INSERT INTO person (name, gender, unit_id, joined_on, roster_hours)"
            " SELECT substr('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗', i % 20 + 1, 1)"
            "     || substr('芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚', (i / 20) % 20 + 1, 1)"
            "     || CASE WHEN i % 3 = 0 THEN substr('华英玲红梅兰凤云', (i / 400) % 8 + 1, 1) ELSE '' END,"
            "   CASE i % 2 WHEN 0 THEN '女' ELSE '男' END, " + std::to_string(community) + ","
            "   '20' || (10 + i % 16) || '-' || substr(CAST(101 + i % 12 AS text), 2) || '-' || substr(CAST(101 + i % 28 AS text), 2),"
            "   (i % 7) * 1.5 FROM n");
        storage.db().exec(
            "INSERT INTO service_record (person_id, served_on, hours, verified)"
            " SELECT id, '2026-03-08', 1 + id % 9, CAST(id % 4 <> 0 AS integer) FROM person WHERE id % 3 = 0");
        // One person to find by her name and ID tail.
        storage.db().exec("INSERT INTO person (name, gender, id_number, unit_id) VALUES"
                          " ('欧阳娜仁', '女', '11010519491231002X', " + std::to_string(community) + ")");
        storage.db().exec("COMMIT");
        storage.bump();
    }

    // The first volunteers of an order, by SQL over the base tables.
    std::vector<RowId> firstIds(const std::string& orderBy, int n) {
        std::vector<RowId> ids;
        storage::Statement st = storage.db().prepare(
            "SELECT p.id FROM person p WHERE p.is_volunteer = 1 ORDER BY " + orderBy + " LIMIT " + std::to_string(n));
        while (st.step()) ids.push_back(st.columnInt(0));
        return ids;
    }
};

std::string rowKey(RowId id) { return "row." + std::to_string(id); }

// Draws `frames` frames; CHECKs each one's work on the UI connection.
void framesWithinBudget(test::HeadlessUi& ui, storage::Storage& storage, int frames, const char* what) {
    storage.db().meterWork();
    for (int i = 0; i < frames; ++i) {
        const std::uint64_t before = storage.db().workDone();
        ui.frame();
        const std::uint64_t work = storage.db().workDone() - before;
        CHECK_MESSAGE(work < kFrameBudget, what << ": frame " << i << " did " << work << " instructions on the UI connection");
    }
}

} // namespace

TEST_CASE("志愿者 at 100,000 people: no frame scans on the UI connection; the rows shown are right") {
    BigFixture f;
    ui::VolunteersScreen& s = ui::volunteersScreen(f.app);
    f.storage.db().meterWork();
    test::HeadlessUi ui(f.app);   // draws its first frame
    CHECK(f.storage.db().workDone() < kFrameBudget);
    framesWithinBudget(ui, f.storage, 3, "open");
    CHECK(s.shownCount == kPeople + 1);
    CHECK(s.allCount == kPeople + 1);
    CHECK(s.window.size() <= 300);   // a window, not the table
    // The first rows in pinyin order: 陈… before 王… (chen < wang), the
    // stored key's order, checked against the core's keys in C++.
    {
        PinyinIndex pinyin;
        const std::vector<RowId> ids = f.firstIds("p.id", kPeople + 1);
        std::vector<std::pair<std::string, RowId>> keyed;
        for (const RowId id : ids) keyed.push_back({sortKeyText(pinyin, f.storage.person(id)->name), id});
        std::sort(keyed.begin(), keyed.end());
        CHECK(ui.visible(rowKey(keyed.front().second)));
        CHECK(f.storage.person(keyed.front().second)->name.rfind("陈", 0) == 0);
        // End from the first row: the list scrolls to the end, the last row
        // in pinyin order is read, shown and opened.
        ImGuiIO& io = ImGui::GetIO();
        ui.click(rowKey(keyed.front().second));
        CHECK(s.selectedId == keyed.front().second);
        io.KeyMap[ImGuiKey_End] = 35;
        io.KeyMap[ImGuiKey_Home] = 36;
        io.KeysDown[35] = true;
        framesWithinBudget(ui, f.storage, 1, "End");
        io.KeysDown[35] = false;
        framesWithinBudget(ui, f.storage, 3, "after End");
        CHECK(ui.visible(rowKey(keyed.back().second)));
        CHECK_FALSE(ui.visible(rowKey(keyed.front().second)));
        CHECK(s.windowStart > kPeople - 1000);
        CHECK(s.selectedId == keyed.back().second);
        CHECK(s.form.personId == keyed.back().second);
        // Home: back at the top.
        io.KeysDown[36] = true;
        framesWithinBudget(ui, f.storage, 1, "Home");
        io.KeysDown[36] = false;
        framesWithinBudget(ui, f.storage, 3, "after Home");
        CHECK(ui.visible(rowKey(keyed.front().second)));
        CHECK(s.form.personId == keyed.front().second);
    }

    // Search by name, by initials, by an ID tail: the counts and rows are right.
    ui.type("search", "欧阳");
    framesWithinBudget(ui, f.storage, 2, "search 欧阳");
    CHECK(s.shownCount == 1);
    RowId ouyang = 0;
    {
        storage::Statement st = f.storage.db().prepare("SELECT id FROM person WHERE name = '欧阳娜仁'");
        REQUIRE(st.step());
        ouyang = st.columnInt(0);
    }
    CHECK(ui.visible(rowKey(ouyang)));
    ui.type("search", "002x");
    framesWithinBudget(ui, f.storage, 2, "search 002x");
    CHECK(s.shownCount == 1);
    CHECK(ui.visible(rowKey(ouyang)));
    ui.type("search", "wangfang");
    framesWithinBudget(ui, f.storage, 2, "search wangfang");
    {
        storage::Statement st = f.storage.db().prepare("SELECT count(*) FROM person WHERE name LIKE '王芳%'");
        REQUIRE(st.step());
        CHECK(s.shownCount == st.columnInt(0));
    }
    // The field emptied (type() cannot type an empty text): a row click
    // takes the focus from the field first, or it would write its text back.
    REQUIRE(!s.window.empty());
    ui.click(rowKey(s.window.front().row.id));
    s.search.clear();
    framesWithinBudget(ui, f.storage, 2, "search cleared");
    CHECK(s.shownCount == kPeople + 1);

    // Sorted by hours, most first (the header's choice, set as a click on it
    // would): the first rows are the base tables' most hours.
    s.sortColumn = 5;
    s.sortAscending = false;
    framesWithinBudget(ui, f.storage, 3, "sort by hours");
    const std::vector<RowId> most = f.firstIds(
        "(coalesce((SELECT sum(hours) FROM service_record r WHERE r.person_id = p.id AND r.verified = 1), 0)"
        " + p.roster_hours) DESC, p.id DESC", 3);
    for (const RowId id : most) CHECK(ui.visible(rowKey(id)));
    REQUIRE(!s.window.empty());
    CHECK(s.window.front().row.id == most.front());
}

TEST_CASE("志愿者 at 100,000 people: a keystroke of 1–2 characters reads an index, not the table (0026), with the right count") {
    BigFixture f;
    ui::VolunteersScreen& s = ui::volunteersScreen(f.app);
    test::HeadlessUi ui(f.app);
    framesWithinBudget(ui, f.storage, 2, "open");
    // What the old scan cost for a query, and what it counted (the reference).
    auto scanned = [&](const std::string& text, std::int64_t& count) {
        storage::VolunteerList reference(f.storage);
        reference.setShortSearchIndexed(false);
        storage::VolunteerListQuery q;
        q.search = text;
        f.storage.db().meterWork();
        const std::uint64_t before = f.storage.db().workDone();
        count = reference.count(q);
        reference.page(q, nullptr, 240);
        return f.storage.db().workDone() - before;
    };
    // The tasks' own connections (opened per run) are metered too.
    std::atomic<std::uint64_t> taskWork{0};
    storage::meterNewConnections(&taskWork);
    for (const char* text : {"张", "zs", "w", "芳", "7", "欧阳"}) {
        CAPTURE(text);
        std::int64_t expected = 0;
        const std::uint64_t scan = scanned(text, expected);
        taskWork = 0;
        ui.type("search", text);
        framesWithinBudget(ui, f.storage, 3, text);
        CHECK(s.shownCount == expected);
        CHECK(scan > 1000000);              // the scan reads every volunteer
        CHECK(taskWork.load() < scan / 10);  // the keystroke's page and count did not
        CAPTURE(taskWork.load());
        CAPTURE(scan);
        if (expected > 0) REQUIRE(!s.window.empty());
    }
    storage::meterNewConnections(nullptr);
}
