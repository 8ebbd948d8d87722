// ui_polish_test.cpp — what a district leader sees at once: counts with
// thousands separators on every screen, lists that move with the keyboard,
// undo/redo buttons, bar labels readable on their bar, text cut with "…".
#include "headless_ui.hpp"
#include "storage/activity_store.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "support/screen_text.hpp"
#include "temp_db.hpp"
#include "ui/charts.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/task_runner.hpp"
#include "ui/undo_shortcut.hpp"
#include "ui/widgets.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

// KeysDown indices for the list keys (1.86 maps ImGuiKey_* through KeyMap).
constexpr int kDown = 300, kUp = 301, kPageDown = 302, kPageUp = 303, kHome = 304, kEnd = 305;

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId community = 0;
    ui::InlineTaskExecutor tasks;   // the list's rows and counts arrive in the next frame
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};
    std::vector<RowId> people;   // in the list's order (by name)

    Fixture() {
        community = test::buildDistrict(storage, {2000, {}, {{"望江社区", 2000}}}).community(0);
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
    }
    RowId person(const std::string& name, double rosterHours = 0) {
        Person p;
        p.name = name;
        p.unitId = community;
        p.rosterHours = rosterHours;
        p.isVolunteer = true;
        return storage.insertPerson(p);
    }
    ui::VolunteersScreen& screen() { return ui::volunteersScreen(app); }
};

void mapListKeys() {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_PageDown] = kPageDown;
    io.KeyMap[ImGuiKey_PageUp] = kPageUp;
    io.KeyMap[ImGuiKey_Home] = kHome;
    io.KeyMap[ImGuiKey_End] = kEnd;
}

void press(test::HeadlessUi& ui, int key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    ui.frame();
    io.KeysDown[key] = false;
    ui.frame();
}

// The person id at position `i` of the volunteers list (read into its window).
RowId shownAt(ui::VolunteersScreen& s, int i) {
    const storage::VolunteerListRow* row = ui::shownVolunteerRow(s, i);
    REQUIRE(row != nullptr);
    return row->row.id;
}

} // namespace

TEST_CASE("rowAfterKey: moves, pages, clamps at both ends, starts from nothing") {
    using ui::RowKey;
    CHECK(ui::rowAfterKey(RowKey::Down, 0, 10, 4) == 1);
    CHECK(ui::rowAfterKey(RowKey::Down, 9, 10, 4) == 9);
    CHECK(ui::rowAfterKey(RowKey::Up, 0, 10, 4) == 0);
    CHECK(ui::rowAfterKey(RowKey::PageDown, 3, 10, 4) == 7);
    CHECK(ui::rowAfterKey(RowKey::PageDown, 8, 10, 4) == 9);
    CHECK(ui::rowAfterKey(RowKey::PageUp, 2, 10, 4) == 0);
    CHECK(ui::rowAfterKey(RowKey::Home, 5, 10, 4) == 0);
    CHECK(ui::rowAfterKey(RowKey::End, 5, 10, 4) == 9);
    CHECK(ui::rowAfterKey(RowKey::Enter, 5, 10, 4) == 5);
    CHECK(ui::rowAfterKey(RowKey::Down, -1, 10, 4) == 0);     // nothing selected yet
    CHECK(ui::rowAfterKey(RowKey::Up, -1, 10, 4) == 9);
    CHECK(ui::rowAfterKey(RowKey::Enter, -1, 10, 4) == -1);
    CHECK(ui::rowAfterKey(RowKey::Down, 0, 0, 4) == -1);       // empty list
    CHECK(ui::rowAfterKey(RowKey::PageDown, 0, 10, 0) == 1);   // a page is at least a row
}

TEST_CASE("the volunteer list moves with the keyboard: Down three times opens the 4th row") {
    Fixture f;
    for (const char* name : {"安娜", "白雪", "陈静", "邓丽", "方圆", "高洁"}) f.person(name);
    test::HeadlessUi ui(f.app);
    mapListKeys();
    ui::VolunteersScreen& s = f.screen();
    REQUIRE(s.shownCount == 6);
    const RowId first = shownAt(s, 0);
    ui.click("row." + std::to_string(first));                 // the list has focus now
    REQUIRE(s.selectedId == first);
    for (int i = 0; i < 3; ++i) press(ui, kDown);
    CHECK(s.selectedId == shownAt(s, 3));
    CHECK(s.form.personId == shownAt(s, 3));                   // shown in the detail
    CHECK(s.form.name == f.storage.person(shownAt(s, 3))->name);
    press(ui, kEnd);
    CHECK(s.form.personId == shownAt(s, 5));
    press(ui, kHome);
    CHECK(s.form.personId == shownAt(s, 0));
    press(ui, kPageDown);
    CHECK(s.form.personId == shownAt(s, 5));                   // the page is longer than the list
    press(ui, kUp);
    CHECK(s.form.personId == shownAt(s, 4));
    press(ui, kPageUp);
    CHECK(s.form.personId == shownAt(s, 0));
}

TEST_CASE("list keys: not while typing in a field; a dirty form asks first, as a click does") {
    Fixture f;
    for (const char* name : {"安娜", "白雪", "陈静"}) f.person(name);
    test::HeadlessUi ui(f.app);
    mapListKeys();
    ui::VolunteersScreen& s = f.screen();
    const RowId first = shownAt(s, 0);
    ui.click("row." + std::to_string(first));
    ui.click("form.note");                                     // a text field is active
    press(ui, kDown);
    CHECK(s.selectedId == first);

    ui.type("form.note", "骨干");                              // the form is dirty now
    // Back to the list without opening a row: a click on its empty part.
    const ImVec2 lastRow = ui.where("row." + std::to_string(shownAt(s, 2)));
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(lastRow.x, lastRow.y + ImGui::GetTextLineHeightWithSpacing() * 4);
    ui.frame();
    io.MouseDown[0] = true;
    ui.frame();
    io.MouseDown[0] = false;
    ui.frame();
    REQUIRE_FALSE(ui::leaveQuestionShown(f.app));
    press(ui, kDown);
    CHECK(ui::leaveQuestionShown(f.app));                      // asks, as a click on a row would
    CHECK(s.selectedId == first);
    ui.click("leave.discard");
    ui.frame();
    CHECK(s.selectedId == shownAt(s, 1));                      // then moves
    CHECK(s.form.note.empty());
}

TEST_CASE("the 撤销 button undoes a save, 重做 puts it back; both disabled when there is nothing") {
    // Seeded by another session: this one starts with nothing to undo.
    test::TempDbPath path;
    RowId id = 0;
    {
        storage::Storage seed(path.str());
        Person p;
        p.name = "王芳";
        p.unitId = test::buildDistrict(seed, {2000, {}, {{"望江社区", 2000}}}).community(0);
        p.isVolunteer = true;
        id = seed.insertPerson(p);
    }
    storage::Storage storage(path.str());
    ui::InlineTaskExecutor tasks;   // the list's rows arrive in the frame that asks for them
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app(storage);
    app.today = "2026-11-29";
    app.section = ui::Section::Volunteers;
    test::HeadlessUi ui(app);
    ui.click("undo.button");                                   // nothing yet: disabled, no message
    CHECK(ui::undoMessage().empty());
    CHECK(storage.person(id));
    ui.click("row." + std::to_string(id));
    ui.type("form.phone", "13812345678");
    ui.click("form.save");
    REQUIRE(storage.person(id)->phone == "13812345678");

    ui.click("undo.button");
    CHECK(storage.person(id)->phone.empty());
    CHECK(ui::undoMessage().find("已撤销：修改志愿者") == 0);
    ui.click("redo.button");
    CHECK(storage.person(id)->phone == "13812345678");
    CHECK(ui::undoMessage().find("已重做：修改志愿者") == 0);
    ui.click("redo.button");                                   // nothing left to redo: disabled
    CHECK(ui::undoMessage().find("已重做：修改志愿者") == 0);
    CHECK(storage.person(id)->phone == "13812345678");
}

TEST_CASE("a large figure reads 50,379 on the 志愿者 and the 活动 screens") {
    Fixture f;
    const RowId id = f.person("王芳", 50379);
    Activity a;
    a.name = "全区巾帼健步走";
    a.heldOn = "2026-03-08";
    a.unitId = f.community;
    a.participants = 50379;
    storage::ActivityStore(f.storage).insert(a, f.app.today);
    test::HeadlessUi ui(f.app);
    ui.frame();
    CHECK(test::onScreen("50,379.0"));                         // the list's hours column
    ui.click("row." + std::to_string(id));
    bool totalLine = false;                                    // the detail's 记录 + 名册 = 累计 line
    for (const std::string& line : test::screenLines())
        totalLine = totalLine || (line.find('+') != std::string::npos && line.find("=") != std::string::npos
                                  && line.find("50,379.0") != std::string::npos);
    CHECK(totalLine);
    CHECK(f.screen().form.rosterHours == "50379");            // an edit field holds the plain number
    ui.type("form.note", "骨干");
    ui.click("form.save");
    CHECK(f.storage.person(id)->note == "骨干");
    CHECK(f.storage.person(id)->rosterHours == 50379);       // once read back as 50 from "50,379"
    ui.click("tab.activities");
    ui.frame();
    CHECK(test::onScreen("50,379"));                           // participants
    CHECK_FALSE(test::onScreen("50379"));
}

TEST_CASE("bar labels: white inside a dark bar long enough, else outside in the text colour") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    const ImU32 darkRed = IM_COL32(184, 23, 31, 255);
    const ImU32 amber = IM_COL32(230, 170, 40, 255);
    CHECK(ui::isDarkColor(darkRed));
    CHECK(ui::isDarkColor(IM_COL32(40, 120, 60, 255)));       // a dark green
    CHECK_FALSE(ui::isDarkColor(amber));
    CHECK_FALSE(ui::isDarkColor(IM_COL32_WHITE));

    ImGui::NewFrame();
    ImGui::Begin("bars");
    ui::labelledProgressBar(0.9f, 400, "41,200 / 50,379", darkRed);
    ui::labelledProgressBar(0.05f, 400, "2,100 / 50,379", darkRed);   // too short to hold it
    ui::labelledProgressBar(0.9f, 400, "45,000 / 50,379", amber);     // light: outside colour
    const std::vector<ui::DrawnBarLabel> labels = ui::barLabelsDrawn();
    ImGui::End();
    ImGui::Render();
    REQUIRE(labels.size() == 3);
    CHECK(labels[0].placement.inside);
    CHECK(labels[0].placement.color == IM_COL32_WHITE);
    CHECK_FALSE(labels[1].placement.inside);
    CHECK(labels[1].placement.color == ImGui::GetColorU32(ImGuiCol_Text));
    CHECK_FALSE(labels[2].placement.inside);
    CHECK(labels[2].placement.color == ImGui::GetColorU32(ImGuiCol_Text));
}

TEST_CASE("ellipsized: text that does not fit ends with …, whole characters only") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    const std::string name = "临江区人民医院急诊科护理站巾帼文明岗";
    CHECK(ui::ellipsized(name, 10000) == name);
    const float half = ImGui::CalcTextSize(name.c_str()).x * 0.5f;
    const std::string cut = ui::ellipsized(name, half);
    CHECK(cut.size() < name.size());
    CHECK(cut.rfind("…") == cut.size() - std::string("…").size());
    CHECK(name.rfind(cut.substr(0, cut.size() - std::string("…").size()), 0) == 0);   // a prefix
    CHECK(ImGui::CalcTextSize(cut.c_str()).x <= half);
    CHECK(ui::ellipsized("abc", 0) == "…");
}

TEST_CASE("the volunteer's detail totals the hours the list shows; unverified hours are named apart") {
    Fixture f;
    const RowId id = f.person("王芳", 100);
    ServiceRecord r;
    r.personId = id;
    r.servedOn = "2026-07-01";
    r.hours = 6;
    r.verified = true;
    f.storage.insertServiceRecord(r);
    r.verified = false;   // the list does not count them; the detail must not either
    for (const char* day : {"2026-07-02", "2026-07-03", "2026-07-04", "2026-07-05"}) {
        r.servedOn = day;
        r.hours = 20;
        f.storage.insertServiceRecord(r);
    }
    test::HeadlessUi ui(f.app);
    ui.frame();
    CHECK(test::onScreen("106.0"));          // the list: 100 roster + 6 verified
    ui.click("row." + std::to_string(id));
    bool totalLine = false, unverifiedLine = false;
    for (const std::string& line : test::screenLines()) {
        if (line.find('=') != std::string::npos) totalLine = line.find("106.0") != std::string::npos;
        // The headless font has no 汉字: the 4 × 20 h unverified are the only "80.0" on screen.
        unverifiedLine = unverifiedLine || line.find("80.0") != std::string::npos;
    }
    CHECK(totalLine);
    CHECK(unverifiedLine);
    CHECK_FALSE(test::onScreen("186.0"));    // what the detail said before: every record summed
}
