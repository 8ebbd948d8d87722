// storage_activities_test.cpp — activities and service for several volunteers
// at once: the 24-hours-a-day and no-future rules, all or nothing, audited.
#include "core/service_rules.hpp"
#include "storage/activity_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

using namespace jinguo;
using storage::ActivityStore;

namespace {

constexpr const char* kToday = "2026-11-29";

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ActivityStore activities{storage};
    RowId community = 0, fang = 0, na = 0;

    Fixture() {
        community = test::buildDistrict(storage, {2000, {}, {{"望江社区", 2000}}}).community(0);
        fang = person("王芳");
        na = person("李娜");
    }
    RowId person(const std::string& name) {
        Person p;
        p.name = name;
        p.unitId = community;
        return storage.insertPerson(p);
    }
    RowId activity(const std::string& name, const std::string& date) {
        Activity a;
        a.name = name;
        a.heldOn = date;
        a.unitId = community;
        a.kind = "帮扶";
        a.participants = 12;
        return activities.insert(a, kToday);
    }
};

} // namespace

TEST_CASE("service rules: hours in (0, 24], at most 24 a day, never in the future, Chinese messages") {
    CHECK(serviceRecordProblem("2026-11-20", 8, 0, kToday).empty());
    CHECK(serviceRecordProblem("2026-11-20", 24, 0, kToday).empty());
    CHECK(serviceRecordProblem("2026-11-20", 0, 0, kToday).find("大于0") != std::string::npos);
    CHECK(serviceRecordProblem("2026-11-20", -2, 0, kToday).find("大于0") != std::string::npos);
    CHECK(serviceRecordProblem("2026-11-20", 24.5, 0, kToday).find("不超过24") != std::string::npos);
    CHECK(serviceRecordProblem("2026-11-20", 5, 20, kToday).find("最多还能登记4小时") != std::string::npos);
    CHECK(serviceRecordProblem("2026-11-20", 4, 20, kToday).empty());
    CHECK(serviceRecordProblem("2026-11-30", 1, 0, kToday).find("晚于今天") != std::string::npos);
    CHECK(serviceRecordProblem("2026-02-30", 1, 0, kToday).find("不是有效日期") != std::string::npos);
    CHECK(parseHours("２．５") == doctest::Approx(2.5));
    CHECK(parseHours("2,5") == doctest::Approx(2.5));
    CHECK_FALSE(parseHours("两小时"));
    CHECK_FALSE(parseHours(""));
}

TEST_CASE("activities: newest first with their volunteers and hours; bad input refused in Chinese") {
    Fixture f;
    const RowId older = f.activity("重阳敬老", "2025-10-29");
    const RowId newer = f.activity("反诈宣传", "2026-03-08");
    f.activities.recordService(newer, "2026-03-08", {{f.fang, 2}, {f.na, 3.5}}, "发放传单", true, "张主任", kToday);
    const auto rows = f.activities.list();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].activity.id == newer);
    CHECK(rows[0].unitName == "望江社区");
    CHECK(rows[0].volunteers == 2);
    CHECK(rows[0].hours == doctest::Approx(5.5));
    CHECK(rows[1].activity.id == older);
    CHECK(rows[1].volunteers == 0);

    Activity bad;
    bad.name = "  ";
    bad.heldOn = "2026-01-01";
    CHECK_THROWS_WITH_AS(f.activities.insert(bad, kToday), doctest::Contains("活动名称"), storage::StorageError);
    bad.name = "培训";
    bad.heldOn = "2026/1/1";
    CHECK_THROWS_WITH_AS(f.activities.insert(bad, kToday), doctest::Contains("有效日期"), storage::StorageError);
    CHECK(f.storage.count("activity") == 2);

    Activity edit = *f.activities.activity(older);
    edit.participants = 30;
    edit.kind = "慰问";
    f.activities.update(edit, kToday);
    CHECK(f.activities.activity(older)->participants == 30);
}

TEST_CASE("service for several volunteers lands whole or not at all, counting what each has that day") {
    Fixture f;
    const RowId act = f.activity("防汛巡逻", "2026-07-01");
    ServiceRecord earlier;
    earlier.personId = f.na;
    earlier.servedOn = "2026-07-01";
    earlier.hours = 20;
    f.storage.insertServiceRecord(earlier);

    // 李娜 already has 20 h that day: 5 more is refused, and 王芳's 3 h are not written either.
    const auto problems = f.activities.checkService("2026-07-01", {{f.fang, 3}, {f.na, 5}}, kToday);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].personId == f.na);
    CHECK(problems[0].message.find("李娜") == 0);
    CHECK_THROWS_WITH_AS(f.activities.recordService(act, "2026-07-01", {{f.fang, 3}, {f.na, 5}}, "", true, "", kToday),
                         doctest::Contains("李娜"), storage::StorageError);
    CHECK(f.storage.count("service_record") == 1);

    // The same person twice in one batch counts both entries.
    CHECK(f.activities.checkService("2026-07-01", {{f.fang, 13}, {f.fang, 12}}, kToday).size() == 1);
    CHECK(f.activities.checkService("2026-12-01", {{f.fang, 1}}, kToday).size() == 1);   // future
    CHECK_THROWS_AS(f.activities.recordService(act, "2026-07-01", {}, "", true, "", kToday), storage::StorageError);

    const auto ids = f.activities.recordService(act, "2026-07-01", {{f.fang, 3}, {f.na, 4}}, "巡堤", false, "张主任", kToday);
    REQUIRE(ids.size() == 2);
    const auto records = f.activities.records(act);
    REQUIRE(records.size() == 2);
    CHECK(records[0].record.recordedBy == "张主任");
    CHECK_FALSE(records[0].record.verified);

    // One batch is one undo step.
    REQUIRE(storage::UndoStore(f.storage).undoLast());
    CHECK(f.activities.records(act).empty());
}

TEST_CASE("a record's verified flag and recorded-by can be changed, within the same rules") {
    Fixture f;
    const RowId act = f.activity("培训", "2026-05-01");
    const RowId id = f.activities.recordService(act, "2026-05-01", {{f.fang, 4}}, "", false, "", kToday).front();
    ServiceRecord r = f.activities.records(act).front().record;
    r.verified = true;
    r.recordedBy = "街道妇联";
    f.activities.updateServiceRecord(r, kToday);
    auto again = f.storage.serviceRecordsOf(f.fang);
    REQUIRE(again.size() == 1);
    CHECK(again[0].id == id);
    CHECK(again[0].verified);
    CHECK(again[0].recordedBy == "街道妇联");
    r.hours = 24;   // its own 4 hours are not counted twice
    CHECK_NOTHROW(f.activities.updateServiceRecord(r, kToday));
    r.hours = 25;
    CHECK_THROWS_AS(f.activities.updateServiceRecord(r, kToday), storage::StorageError);
}

TEST_CASE("removing an activity keeps the volunteers' hours; undo puts the link back") {
    Fixture f;
    const RowId act = f.activity("义诊", "2026-06-01");
    const RowId rec = f.activities.recordService(act, "2026-06-01", {{f.fang, 2}}, "", true, "", kToday).front();
    const std::string before = f.storage.rowJson("service_record", rec);
    CHECK(f.activities.remove(act));
    CHECK_FALSE(f.activities.activity(act));
    REQUIRE(f.storage.serviceRecordsOf(f.fang).size() == 1);
    CHECK(f.storage.serviceRecordsOf(f.fang)[0].activityId == 0);
    REQUIRE(storage::UndoStore(f.storage).undoLast());
    CHECK(f.activities.activity(act));
    CHECK(f.storage.rowJson("service_record", rec) == before);
}
