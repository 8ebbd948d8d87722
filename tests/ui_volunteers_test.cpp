// ui_volunteers_test.cpp — the 志愿者 screen driven headless: add, refuse,
// edit, search, service records, delete; results checked in the database.
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/task_runner.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId community = 0;
    // The list's rows and counts come from ui::Tasks: inline, they arrive
    // in the frame after the one that asks.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    Fixture() {
        community = test::buildDistrict(storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 2000}}}}}).community(0);
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
    }

    std::string unitOption() const { return "form.unit.option." + std::to_string(community); }
};

void chooseUnit(test::HeadlessUi& ui, const std::string& option) {
    ui.click("form.unit");
    ui.click(option);
}

} // namespace

TEST_CASE("adding a volunteer through the screen stores the row, normalized") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("add_volunteer");
    ui.type("form.name", "李 淼");
    ui.type("form.id", "11010519491231002x");             // lower-case x, as people type it
    ui.type("form.phone", "138-1234-5678");
    chooseUnit(ui, f.unitOption());
    ui.click("form.save");
    CHECK(ui::volunteersScreen(f.app).form.error.empty());

    storage::Statement st = f.storage.db().prepare(
        "SELECT name, gender, id_number, phone, unit_id, joined_on FROM person");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == "李淼");
    CHECK(st.columnText(1) == "女");                       // derived from the 17th digit
    CHECK(st.columnText(2) == "11010519491231002X");
    CHECK(st.columnText(3) == "13812345678");
    CHECK(st.columnInt(4) == f.community);
    CHECK(st.columnText(5) == "2026-11-29");
    CHECK_FALSE(st.step());
    CHECK(f.app.screens != nullptr);
}

TEST_CASE("a list read that fails says so, instead of 加载中… for ever") {
    Fixture f;
    {
        test::HeadlessUi ui(f.app);
        ui.frame();
        CHECK_FALSE(ui.visible("volunteers.load_error"));   // a list that reads shows no error
    }
    // The summary the pages read is gone, as a statement a server refuses:
    // the read fails on the task's own connection.
    f.storage.db().exec("ALTER TABLE person_list RENAME TO person_list_gone");
    f.storage.bump();
    test::HeadlessUi ui(f.app);
    ui.frame();
    ui.frame();
    CHECK(ui.visible("volunteers.load_error"));
    CHECK(ui::volunteersScreen(f.app).window.empty());
}

TEST_CASE("a wrong ID number is explained as it is typed, and saving is refused with the text kept") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ui.click("add_volunteer");
    ui.type("form.name", "王芳");
    ui.type("form.id", "110105194912310021");             // wrong check character
    ui.type("form.phone", "1381234567");                   // 10 digits
    chooseUnit(ui, f.unitOption());
    ui.click("form.save");
    CHECK(f.storage.count("person") == 0);
    CHECK(ui::volunteersScreen(f.app).form.error.find("标红") != std::string::npos);
    CHECK(ui::volunteersScreen(f.app).form.name == "王芳");   // kept as typed

    // Correct the two fields; what was typed elsewhere is still there.
    ui.type("form.id", "11010519491231002X");
    ui.type("form.phone", "13812345678");
    ui.click("form.save");
    auto rows = f.storage.volunteerRows();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "王芳");
    CHECK(rows[0].phone == "13812345678");
}

TEST_CASE("the same ID number twice: the second save is refused and says whose it is") {
    Fixture f;
    Person existing;
    existing.name = "王芳";
    existing.idNumber = "11010519491231002X";
    existing.unitId = f.community;
    f.storage.insertPerson(existing);
    test::HeadlessUi ui(f.app);
    ui.click("add_volunteer");
    ui.type("form.name", "王芳");
    ui.type("form.id", "11010519491231002X");
    chooseUnit(ui, f.unitOption());
    ui.click("form.save");
    CHECK(f.storage.count("person") == 1);
    CHECK(ui::volunteersScreen(f.app).form.error.find("已登记在王芳名下") != std::string::npos);
}

TEST_CASE("search, select, add service records within the per-day limit, delete") {
    Fixture f;
    Person p;
    p.name = "张堃";
    p.idNumber = "11010519491231002X";
    p.phone = "13912345678";
    p.unitId = f.community;
    const RowId id = f.storage.insertPerson(p);
    Person other;
    other.name = "刘犇";
    other.unitId = f.community;
    const RowId otherId = f.storage.insertPerson(other);
    test::HeadlessUi ui(f.app);
    const std::string row = "row." + std::to_string(id);
    const std::string otherRow = "row." + std::to_string(otherId);

    ui.type("search", "5678");                  // the tail of the phone number
    CHECK(ui.visible(row));
    CHECK_FALSE(ui.visible(otherRow));
    ui.type("search", "002x");                  // the tail of the ID number, lower-case
    CHECK(ui.visible(row));
    ui.type("search", "犇");
    CHECK_FALSE(ui.visible(row));
    CHECK(ui.visible(otherRow));
    ui.type("search", "zk");                    // pinyin initials of 张堃
    CHECK(ui.visible(row));
    CHECK_FALSE(ui.visible(otherRow));
    ui.type("search", "liuben");                // full pinyin of 刘犇
    CHECK(ui.visible(otherRow));
    CHECK_FALSE(ui.visible(row));
    ui.type("search", "张");
    ui.click(row);

    ui.type("record.date", "2026-11-20");
    ui.type("record.hours", "20");
    ui.click("record.add");
    CHECK(f.storage.serviceRecordsOf(id).size() == 1);
    ui.type("record.hours", "5");               // 20 + 5 > 24 on the same day: refused
    ui.click("record.add");
    CHECK(f.storage.serviceRecordsOf(id).size() == 1);
    CHECK(ui::volunteersScreen(f.app).recordForm.error.find("最多还能登记4小时") != std::string::npos);
    CHECK(ui::volunteersScreen(f.app).recordForm.hours == "5");   // kept as typed
    ui.type("record.date", "2026-12-01");       // after today: refused
    ui.click("record.add");
    CHECK(f.storage.serviceRecordsOf(id).size() == 1);
    ui.type("record.date", "2026-11-21");
    ui.click("record.add");
    REQUIRE(f.storage.serviceRecordsOf(id).size() == 2);
    CHECK(f.storage.serviceRecordsOf(id)[0].hours == doctest::Approx(5));

    ui.click("form.delete");
    ui.click("volunteer.delete.cancel");        // asks first: cancelling deletes nothing
    CHECK(f.storage.person(id));
    ui.click("form.delete");
    ui.click("volunteer.delete.ok");
    CHECK_FALSE(f.storage.person(id));
    CHECK(f.storage.count("service_record") == 0);
    CHECK(f.storage.person(otherId));
}

TEST_CASE("a name beyond U+FFFF is never rewritten by the form") {
    Fixture f;
    Person p;
    p.name = "高\xF0\xA0\xAE\xB7";             // 高𠮷: 𠮷 is U+20BB7
    p.unitId = f.community;
    const RowId id = f.storage.insertPerson(p);
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(id));
    CHECK_FALSE(ui.visible("form.name"));      // shown as text, not an editable field
    ui.type("form.phone", "13812345678");
    ui.click("form.save");
    auto stored = f.storage.person(id);
    REQUIRE(stored);
    CHECK(stored->name == p.name);
    CHECK(stored->phone == "13812345678");
}

TEST_CASE("every section of the sidebar draws on an empty and on a filled database") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    for (const char* name : {"overview", "volunteers", "families", "posts", "honours", "targets", "leaderboards",
                             "import", "presentation", "settings"}) {
        ui.click(std::string("section.") + name);
        ui::Section expected;
        REQUIRE(ui::sectionFromName(name, expected));
        CHECK(f.app.section == expected);
    }
}

TEST_CASE("the search rule") {
    PinyinIndex pinyin;
    VolunteerRow r;
    r.name = "迪丽娜尔·艾买提";
    r.unitName = "望江社区";
    r.idNumber = "11010519491231002X";
    r.phone = "13812345678";
    const NameKeys keys = pinyin.keysFor(r.name);
    auto matches = [&](const std::string& q) { return ui::volunteerMatches(r, keys, q); };
    CHECK(matches(""));
    CHECK(matches("娜尔"));
    CHECK(matches("望江"));
    CHECK(matches("002X"));
    CHECK(matches("５６７８"));        // full-width digits
    CHECK_FALSE(matches("1234"));   // inside, not the tail
    CHECK_FALSE(matches("王"));
    CHECK(matches("dilinaer"));                   // pinyin
    CHECK(matches("dlne"));                       // initials
    CHECK_FALSE(matches("wang"));
}

TEST_CASE("a steady frame runs no SQL, even with 20,000 volunteers scrolled through") {
    Fixture f;
    {
        storage::Transaction tx(f.storage.db());
        f.storage.setAuditEnabled(false);
        for (int i = 0; i < 20000; ++i) {
            Person p;
            p.name = "志愿者" + std::to_string(i);
            p.unitId = f.community;
            f.storage.insertPerson(p);
        }
        tx.commit();
        f.storage.setAuditEnabled(true);
    }
    test::HeadlessUi ui(f.app);
    ui.frame();
    const auto before = f.storage.db().statementsPrepared();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(600, 400);
    for (int i = 0; i < 30; ++i) {
        io.MouseWheel = -5.0f;        // scroll down the list
        ui.frame();
    }
    CHECK(f.storage.db().statementsPrepared() == before);
    CHECK(ui::volunteersScreen(f.app).shownCount == 20000);
    for (const std::string overview : {"section.overview", "section.volunteers"}) ui.click(overview);
    const auto afterSwitch = f.storage.db().statementsPrepared();
    for (int i = 0; i < 5; ++i) ui.frame();
    CHECK(f.storage.db().statementsPrepared() == afterSwitch);
}
