// ui_undo_test.cpp — Ctrl+Z in the running interface: undoes the session's
// last change step by step (a delete included), never while typing, and says
// in Chinese what it undid or why it refused.
#include "headless_ui.hpp"
#include "ui/task_runner.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/undo_shortcut.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    RowId community = 0;
    // The 志愿者 list and the picker read through ui::Tasks: inline, a
    // result arrives in the frame that asks for it.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    Fixture() {
        community = test::buildDistrict(storage, {2000, {}, {{"望江社区", 2000}}}).community(0);
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
    }
    RowId person(const std::string& name) {
        Person p;
        p.name = name;
        p.unitId = community;
        return storage.insertPerson(p);
    }
};

void pressCtrl(test::HeadlessUi& ui, char key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Z] = 'Z';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyCtrl = true;
    io.KeysDown[static_cast<int>(key)] = true;
    ui.frame();
    io.KeysDown[static_cast<int>(key)] = false;
    io.KeyCtrl = false;
    ui.frame();
}
void pressCtrlZ(test::HeadlessUi& ui) { pressCtrl(ui, 'Z'); }

} // namespace

TEST_CASE("Ctrl+Z undoes a delete made through the screen, then the edit before it, step by step") {
    Fixture f;
    const RowId id = f.person("张堃");
    ServiceRecord r;
    r.personId = id;
    r.servedOn = "2026-11-20";
    r.hours = 3;
    r.recordedBy = "李主任";
    const RowId rec = f.storage.insertServiceRecord(r);
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(id));
    ui.type("form.phone", "13812345678");
    ui.click("form.save");
    const std::string edited = f.storage.rowJson("person", id);
    const std::string record = f.storage.rowJson("service_record", rec);

    ui.click("form.delete");
    ui.click("volunteer.delete.ok");
    REQUIRE_FALSE(f.storage.person(id));
    CHECK(f.storage.count("service_record") == 0);

    pressCtrlZ(ui);
    CHECK(f.storage.rowJson("person", id) == edited);          // same id, every column
    CHECK(f.storage.rowJson("service_record", rec) == record);
    CHECK(ui::undoMessage().find("已撤销：删除志愿者 张堃") == 0);
    CHECK(ui.visible("row." + std::to_string(id)));          // the list shows her again

    pressCtrlZ(ui);
    CHECK(f.storage.person(id)->phone.empty());               // the edit is undone too
    CHECK(ui::undoMessage().find("修改志愿者") != std::string::npos);

    pressCtrl(ui, 'Y');                                       // redo: the edit again
    CHECK(f.storage.rowJson("person", id) == edited);
    CHECK(ui::undoMessage().find("已重做：修改志愿者") == 0);
}

TEST_CASE("Ctrl+Z in a text field is the field's own undo, not a data undo") {
    Fixture f;
    const RowId id = f.person("王芳");
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(id));
    ui.click("form.note");                                   // typing in a field
    pressCtrlZ(ui);
    CHECK(f.storage.person(id));
    CHECK(ui::undoMessage().empty());
}

TEST_CASE("a refused undo says why in Chinese and changes nothing; an unedited form follows undo") {
    Fixture f;
    const RowId id = f.person("王芳");
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(id));
    ui.type("form.note", "社区骨干");
    ui.click("form.save");
    {
        storage::Storage other(f.path.str());               // another window changes her since
        Person p = *other.person(id);
        p.phone = "13912345678";
        other.updatePerson(p);
    }
    f.storage.bump();   // (another process: this one learns of it on its next own change)
    ui.frame();
    pressCtrlZ(ui);
    // The refusal names who changed her since and when (the other window's
    // audit entry): "…在这之后又被 <登录名> 于 <时间> 修改过。".
    INFO(ui::undoMessage());
    CHECK(ui::undoMessage().find("在这之后又被 ") != std::string::npos);
    CHECK(ui::undoMessage().find(" 修改过") != std::string::npos);
    CHECK(f.storage.person(id)->note == "社区骨干");
    CHECK(f.storage.person(id)->phone == "13912345678");

    // Undoing our own add of a second volunteer closes her (unedited) form.
    ui.click("add_volunteer");
    ui.type("form.name", "李娜");
    ui.click("form.unit");
    ui.click("form.unit.option." + std::to_string(f.community));
    ui.click("form.save");
    const RowId added = ui::volunteersScreen(f.app).form.personId;
    REQUIRE(added != 0);
    pressCtrlZ(ui);
    CHECK_FALSE(f.storage.person(added));
    CHECK_FALSE(ui::volunteersScreen(f.app).form.open);
    CHECK(ui::undoMessage().find("新增志愿者 李娜") != std::string::npos);
}

TEST_CASE("deleting a service record asks first and can be undone") {
    Fixture f;
    const RowId id = f.person("王芳");
    ServiceRecord r;
    r.personId = id;
    r.servedOn = "2026-11-20";
    r.hours = 2;
    const RowId rec = f.storage.insertServiceRecord(r);
    test::HeadlessUi ui(f.app);
    ui.click("row." + std::to_string(id));
    ui.click("record.verified." + std::to_string(rec));       // verified is editable in the list
    CHECK(f.storage.serviceRecordsOf(id).front().verified);
    ui.click("record.delete." + std::to_string(rec));
    CHECK(f.storage.serviceRecordsOf(id).size() == 1);        // not yet: it asks
    ui.click("record.delete.ok");
    CHECK(f.storage.serviceRecordsOf(id).empty());
    pressCtrlZ(ui);
    REQUIRE(f.storage.serviceRecordsOf(id).size() == 1);
    CHECK(f.storage.serviceRecordsOf(id).front().id == rec);
    CHECK(f.storage.serviceRecordsOf(id).front().verified);
    pressCtrlZ(ui);
    CHECK_FALSE(f.storage.serviceRecordsOf(id).front().verified);
}
