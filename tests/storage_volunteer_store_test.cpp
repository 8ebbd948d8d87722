// storage_volunteer_store_test.cpp — VolunteerStore: the 志愿者 screen's
// writes, their refusals and the undo steps they name.
#include <doctest/doctest.h>

#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "storage/volunteer_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

using namespace jinguo;
using namespace jinguo::storage;

TEST_CASE("VolunteerStore: refusals write nothing; each action is one named undo step") {
    test::TempDbPath path;
    Storage s(path.str());
    const RowId community = test::buildDistrict(s, {3000, {{"滨江街道", 3000, 0, {{"望江社区", 3000}}}}}).community(0);
    VolunteerStore volunteers(s);
    UndoStore undo(s);

    Person p;
    p.name = "王芳";
    p.isVolunteer = true;
    CHECK_THROWS_WITH_AS(volunteers.save(p), "请选择所属社区。", StorageError);
    p.unitId = community;
    p.name = "  ";
    CHECK_THROWS_WITH_AS(volunteers.save(p), "请填写姓名。", StorageError);
    CHECK(s.count("person") == 0);

    p.name = "王芳";
    const RowId id = volunteers.save(p);
    CHECK(undo.lastStep()->label == "新增志愿者 王芳");

    ServiceRecord r;
    r.personId = id;
    r.servedOn = "2026-03-08";
    r.hours = 20;
    volunteers.addServiceRecord(r, "王芳", "2026-12-05");
    CHECK(undo.lastStep()->label == "添加服务记录 王芳");
    r.hours = 5;   // 25 hours that day: the shared rule refuses
    CHECK_THROWS_AS(volunteers.addServiceRecord(r, "王芳", "2026-12-05"), StorageError);
    r.servedOn = "2027-01-01";   // after today
    r.hours = 1;
    CHECK_THROWS_AS(volunteers.addServiceRecord(r, "王芳", "2026-12-05"), StorageError);
    REQUIRE(s.serviceRecordsOf(id).size() == 1);

    const ServiceRecord shown = s.serviceRecordsOf(id).front();
    volunteers.toggleVerified(shown, "王芳", "2026-12-05");
    CHECK(undo.lastStep()->label == "修改核实状态 王芳");
    CHECK(s.serviceRecordsOf(id).front().verified != shown.verified);

    volunteers.remove(id, "王芳");
    CHECK(undo.lastStep()->label == "删除志愿者 王芳");
    CHECK(s.count("service_record") == 0);
    undo.undoLast();   // the person and her record come back together
    CHECK(s.person(id));
    CHECK(s.serviceRecordsOf(id).size() == 1);
}
