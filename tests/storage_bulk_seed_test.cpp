// storage_bulk_seed_test.cpp — insertServiceRecords (the demo's records in
// multi-row INSERTs) writes what one insertServiceRecord per record writes:
// the same rows with the same ids and the same summaries, on either engine.
#include "storage/bulk_seed.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using jinguo::ServiceRecord;
using jinguo::storage::Storage;
using jinguo::test::TempDbPath;
namespace storage = jinguo::storage;

namespace {

// Two communities, four people, two activities.
void seedDistrict(Storage& s) {
    jinguo::OrgUnit district;
    district.name = "临江区";
    district.kind = jinguo::UnitKind::District;
    const auto root = s.insertUnit(district);
    jinguo::OrgUnit street;
    street.parentId = root;
    street.name = "江滨街道";
    street.kind = jinguo::UnitKind::Street;
    const auto streetId = s.insertUnit(street);
    std::vector<jinguo::RowId> communities;
    for (const char* name : {"望月社区", "春晖社区"}) {
        jinguo::OrgUnit c;
        c.parentId = streetId;
        c.name = name;
        c.kind = jinguo::UnitKind::Community;
        communities.push_back(s.insertUnit(c));
    }
    const char* const names[] = {"陈喆", "王芳", "刘犇", "高𠮷"};
    for (int i = 0; i < 4; ++i) {
        jinguo::Person p;
        p.name = names[i];
        p.unitId = communities[static_cast<std::size_t>(i % 2)];
        p.rosterHours = i;
        s.insertPerson(p);
    }
    for (int i = 0; i < 2; ++i) {
        jinguo::Activity a;
        a.name = i ? "助老" : "巡逻";
        a.heldOn = "2025-0" + std::to_string(3 + i) + "-01";
        a.unitId = communities[static_cast<std::size_t>(i)];
        s.insertActivity(a);
    }
}

// 450 records (three lists, the last short) over two years, with and without
// an activity, verified or not.
std::vector<ServiceRecord> records() {
    std::vector<ServiceRecord> out;
    for (int i = 0; i < 450; ++i) {
        ServiceRecord r;
        r.personId = 1 + i % 4;
        r.activityId = i % 3 == 0 ? 0 : 1 + i % 2;
        r.servedOn = std::to_string(2025 + i % 2) + "-" + (i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) + "-1"
                   + std::to_string(i % 10);
        r.hours = 0.5 * (1 + i % 7);
        r.description = i % 3 == 0 ? "入户走访" : "";
        r.verified = i % 5 != 0;
        r.recordedBy = "社区妇联";
        out.push_back(r);
    }
    return out;
}

// Every row of the tables the records write or drive, ids included, in a
// fixed order (created_at left out: the time of writing).
std::vector<std::string> rows(Storage& s) {
    std::vector<std::string> out;
    for (const char* sql : {
             "SELECT id || '|' || person_id || '|' || coalesce(CAST(activity_id AS text), '-') || '|' || served_on || '|' || hours"
             " || '|' || description || '|' || verified || '|' || recorded_by FROM service_record ORDER BY id",
             "SELECT period || '|' || person_id || '|' || hours || '|' || activities FROM board_person_period ORDER BY period, person_id",
             "SELECT period || '|' || unit_id || '|' || hours || '|' || people FROM unit_period_hours ORDER BY period, unit_id",
             "SELECT day || '|' || unit_id || '|' || hours || '|' || records FROM unit_day_hours ORDER BY day, unit_id",
             "SELECT person_id || '|' || dated_hours || '|' || counted_hours || '|' || records || '|' || unverified_hours"
             " FROM person_list ORDER BY person_id"}) {
        auto st = s.db().prepare(sql);
        while (st.step()) out.push_back(st.columnText(0));
    }
    return out;
}

} // namespace

TEST_CASE("insertServiceRecords writes the rows and summaries one insertServiceRecord each writes") {
    TempDbPath oneByOne, inLists;
    Storage a(oneByOne.str()), b(inLists.str());
    seedDistrict(a);
    seedDistrict(b);
    a.setAuditEnabled(false);
    b.setAuditEnabled(false);
    const std::vector<ServiceRecord> list = records();
    for (const ServiceRecord& r : list) a.insertServiceRecord(r);
    storage::insertServiceRecords(b, list);
    CHECK(b.count("service_record") == 450);
    const auto expected = rows(a);
    CHECK(expected.size() > 450);
    CHECK(rows(b) == expected);
}

TEST_CASE("insertServiceRecords with auditing on: each record audited, as one insertServiceRecord each") {
    TempDbPath path;
    Storage s(path.str());
    seedDistrict(s);
    const auto auditedBefore = s.count("audit_log");
    std::vector<ServiceRecord> list = records();
    list.resize(5);
    storage::insertServiceRecords(s, list);
    CHECK(s.count("service_record") == 5);
    CHECK(s.count("audit_log") == auditedBefore + 5);
}
