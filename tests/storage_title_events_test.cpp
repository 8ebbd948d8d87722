// storage_title_events_test.cpp — every creation and status change of a
// family, person or collective title is an award_event (date, 文号, reason)
// in the same undo step; migration 0015 gives every title stored before a
// history; the imports write events too. Real SQLite files.
#include <doctest/doctest.h>

#include "core/title_dates.hpp"
#include "storage/import_store.hpp"
#include "storage/migrations.hpp"
#include "storage/record_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "storage/title_events.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

constexpr const char* kToday = "2026-11-29";

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    RecordStore records{storage};
    UndoStore undo{storage};
    RowId district = 0, street = 0, community = 0;

    Fixture() {
        UndoStep setup(storage, "准备");
        district = records.addUnit({0, 0, "临江区", UnitKind::District, 3000, 0});
        street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 2000, 0});
        community = records.addUnit({0, street, "望江社区", UnitKind::Community, 800, 0});
    }
    std::int64_t scalar(const std::string& sql, RowId bind = 0) {
        Statement st = storage.db().prepare(sql);
        if (sql.find('?') != std::string::npos) st.bind(1, bind);
        return st.step() ? st.columnInt(0) : -1;
    }
    std::string text(const std::string& sql, RowId bind = 0) {
        Statement st = storage.db().prepare(sql);
        if (sql.find('?') != std::string::npos) st.bind(1, bind);
        return st.step() ? st.columnText(0) : std::string("?");
    }
    std::string lastLabel() {
        const auto step = undo.lastStep();
        return step ? step->label : std::string();
    }
};

FamilyAwardInput familyTitle(const char* title, const char* level, int year, const char* status, const char* date,
                             const char* doc = "", const char* note = "") {
    FamilyAwardInput in;
    in.title = title;
    in.level = level;
    in.year = year;
    in.status = status;
    in.docNumber = doc;
    in.event.date = date;
    in.event.note = note;
    in.event.today = kToday;
    return in;
}

// The rows' one text column joined with ';' in the query's order, NULLs left
// out (SQLite's group_concat, which PostgreSQL lacks).
std::string joinedRows(Storage& storage, const std::string& sql) {
    Statement st = storage.db().prepare(sql);
    std::string out;
    while (st.step()) {
        if (st.columnIsNull(0)) continue;
        out += (out.empty() ? "" : ";") + st.columnText(0);
    }
    return out;
}

} // namespace

TEST_CASE("the default date of a title: today in this year, else the year's 12-31") {
    CHECK(defaultTitleDate(2026, "2026-11-29") == "2026-11-29");
    CHECK(defaultTitleDate(2024, "2026-11-29") == "2024-12-31");
    CHECK(defaultTitleDate(2027, "2026-11-29") == "2027-12-31");
}

TEST_CASE("a family title: naming, 复核 and 撤销 each write one event in the save's undo step; undo removes it") {
    Fixture f;
    const RowId family = f.records.addFamily({0, "张三", "望江路1号", 4, f.community, ""});
    const RowId award = f.records.addFamilyAward(
        family, familyTitle("平安家庭", "社区", 2025, "命名", "2025-03-08", "望妇〔2025〕3号", "社区评议通过"));
    REQUIRE(award != 0);
    CHECK(f.lastLabel() == "添加家庭称号 张三 平安家庭");
    REQUIRE(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 1);
    CHECK(f.text("SELECT status || ' ' || happened_on || ' ' || doc_number || ' ' || note FROM award_event"
                 " WHERE award_id = ?", award) == "命名 2025-03-08 望妇〔2025〕3号 社区评议通过");
    // Audited with the award, in the same step.
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'award_event' AND action = 'insert'") == 1);
    auto a = f.records.familyAward(award);
    REQUIRE(a);
    CHECK(a->namedOn == "2025-03-08");
    CHECK(a->statusOn == "2025-03-08");

    // 复核: one more event, dated today when no date is given.
    FamilyAwardInput review = familyTitle("平安家庭", "社区", 2025, "复核", "", "", "入户复核保留");
    review.awardId = award;
    f.records.updateFamilyAward(family, review, &*a);
    CHECK(f.lastLabel() == "修改家庭称号 张三 平安家庭");
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 2);
    CHECK(f.text("SELECT happened_on FROM award_event WHERE award_id = ? AND status = '复核'", award) == kToday);

    // 撤销 with its date, 文号 and reason.
    a = f.records.familyAward(award);
    FamilyAwardInput revoke = familyTitle("平安家庭", "社区", 2025, "撤销", "2026-12-01", "望妇〔2026〕9号", "家庭成员违法");
    revoke.awardId = award;
    f.records.updateFamilyAward(family, revoke, &*a);
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 3);
    CHECK(f.records.familyAward(award)->status == "撤销");
    {
        const auto timeline = familyTimeline(f.storage, family);
        REQUIRE(timeline.size() == 3);
        CHECK(timeline[0].event.status == "命名");
        CHECK(timeline[1].event.status == "复核");
        CHECK(timeline[2].event.status == "撤销");
        CHECK(timeline[2].event.docNumber == "望妇〔2026〕9号");
        CHECK(timeline[0].title == "平安家庭");
    }

    // Undo: the 撤销 and its event go together, then the 复核, then the title.
    REQUIRE(f.undo.undoLast());
    CHECK(f.records.familyAward(award)->status == "复核");
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 2);
    REQUIRE(f.undo.undoLast());
    CHECK(f.records.familyAward(award)->status == "命名");
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 1);
    REQUIRE(f.undo.undoLast());
    CHECK_FALSE(f.records.familyAward(award));
    CHECK(f.storage.count("award_event") == 0);
}

TEST_CASE("the same status with another date corrects the event; an edit with no status change writes none") {
    Fixture f;
    const RowId family = f.records.addFamily({0, "李四", "望江路2号", 3, f.community, ""});
    const RowId award = f.records.addFamilyAward(family, familyTitle("五好文明家庭", "区", 2024, "命名", ""));
    // No date given, an earlier year: its 12-31.
    CHECK(f.records.familyAward(award)->namedOn == "2024-12-31");
    auto a = f.records.familyAward(award);
    FamilyAwardInput doc = familyTitle("五好文明家庭", "区", 2024, "命名", "", "临妇〔2024〕1号");
    doc.awardId = award;
    f.records.updateFamilyAward(family, doc, &*a);
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 1);
    a = f.records.familyAward(award);
    FamilyAwardInput fix = familyTitle("五好文明家庭", "区", 2024, "命名", "2024-05-15");
    fix.awardId = award;
    f.records.updateFamilyAward(family, fix, &*a);
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 1);
    CHECK(f.records.familyAward(award)->namedOn == "2024-05-15");
    REQUIRE(f.undo.undoLast());
    CHECK(f.records.familyAward(award)->namedOn == "2024-12-31");
}

TEST_CASE("a bad date is refused in Chinese and nothing is written") {
    Fixture f;
    const RowId family = f.records.addFamily({0, "王五", "望江路3号", 2, f.community, ""});
    const std::int64_t awards = f.storage.count("award");
    try {
        f.records.addFamilyAward(family, familyTitle("平安家庭", "社区", 2026, "命名", "2026-02-30"));
        FAIL("accepted 2026-02-30");
    } catch (const StorageError& e) {
        CHECK(std::string(e.what()).find("2026-02-30") != std::string::npos);
        CHECK(std::string(e.what()).find("日期") != std::string::npos);
    }
    CHECK(f.storage.count("award") == awards);
    CHECK(f.storage.count("award_event") == 0);
}

TEST_CASE("an honour: creation and a status change write events; undo removes them") {
    Fixture f;
    HonourInput in;
    in.name = "李梅";
    in.unitId = f.community;
    in.title = "三八红旗手";
    in.level = "区";
    in.year = 2026;
    in.docNumber = "临妇字〔2026〕8号";
    in.event.today = kToday;
    const RowId award = f.records.saveHonour(in);
    CHECK(f.text("SELECT status || ' ' || happened_on FROM award_event WHERE award_id = ?", award)
          == std::string("命名 ") + kToday);
    CHECK(f.records.honour(award)->namedOn == kToday);
    const auto before = f.records.honour(award);
    in.awardId = award;
    in.status = "撤销";
    in.event.date = "2026-11-30";
    in.event.note = "本人申请";
    f.records.saveHonour(in, &*before);
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 2);
    CHECK(f.text("SELECT note FROM award_event WHERE award_id = ? AND status = '撤销'", award) == "本人申请");
    REQUIRE(f.undo.undoLast());
    CHECK(f.scalar("SELECT count(*) FROM award_event WHERE award_id = ?", award) == 1);
    CHECK(f.records.honour(award)->status == "命名");
}

TEST_CASE("migration 15 gives every title stored before a history and keeps every award and event" * doctest::test_suite("sqlite_file")) {
    test::TempDbPath path;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.str().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) == SQLITE_OK);
        for (const Migration& m : embeddedMigrations())
            if (m.version <= 14) REQUIRE(sqlite3_exec(db, m.sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        const char* data = R"(
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (1, NULL, '临江区', '区', 0);
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (5, 1, '滨江街道', '街道', 0);
            INSERT INTO org_unit (id, parent_id, name, kind, households) VALUES (9, 5, '幸福社区', '社区', 3200);
            INSERT INTO person (id, name, gender, unit_id) VALUES (42, '王芳', '女', 9);
            INSERT INTO family (id, head_name, address, members, unit_id) VALUES (7, '李建国', '幸福社区3栋', 4, 9);
            INSERT INTO post (id, name, work_unit, unit_id, members, women_members) VALUES (3, '收费一班', '临江收费站', 9, 10, 8);
            INSERT INTO award (id, title_id, year, family_id, unit_id, status, doc_number) VALUES
                (100, (SELECT id FROM award_title WHERE name = '平安家庭' AND level = '社区' AND subject_kind = 'family'), 2024, 7, 9, '命名', '幸妇〔2024〕1号'),
                (101, (SELECT id FROM award_title WHERE name = '平安家庭' AND level = '街道' AND subject_kind = 'family'), 2025, 7, 9, '复核', ''),
                (102, (SELECT id FROM award_title WHERE name = '平安家庭' AND level = '区' AND subject_kind = 'family'), 2023, 7, 9, '撤销', ''),
                (103, (SELECT id FROM award_title WHERE name = '平安家庭' AND level = '社区' AND subject_kind = 'family'), 2026, 7, 9, '申报', '');
            INSERT INTO award (id, title_id, year, person_id, unit_id, status) VALUES
                (110, (SELECT id FROM award_title WHERE name = '三八红旗手' AND level = '区' AND subject_kind = 'person'), 2025, 42, 9, '命名');
            INSERT INTO award (id, title_id, year, collective_name, unit_id, status) VALUES
                (120, (SELECT id FROM award_title WHERE name = '三八红旗集体' AND level = '区' AND subject_kind = 'collective'), 2022, '幸福社区妇联', 9, '命名');
            -- a title with its own history already, and a post's award with its steps
            INSERT INTO award (id, title_id, year, person_id, unit_id, status) VALUES
                (111, (SELECT id FROM award_title WHERE name = '三八红旗手' AND level = '市' AND subject_kind = 'person'), 2026, 42, 9, '命名');
            INSERT INTO award_event (award_id, status, happened_on) VALUES (111, '命名', '2026-03-08');
            INSERT INTO award (id, title_id, year, post_id, unit_id, status) VALUES
                (130, (SELECT id FROM award_title WHERE subject_kind = 'post' AND level = '区'), 2026, 3, 9, '创建');
            INSERT INTO award_event (award_id, status, happened_on) VALUES (130, '申报', '2026-02-01'), (130, '创建', '2026-04-01');
            PRAGMA user_version = 14;)";
        char* error = nullptr;
        const int rc = sqlite3_exec(db, data, nullptr, nullptr, &error);
        INFO((error ? error : ""));
        REQUIRE(rc == SQLITE_OK);
        sqlite3_close(db);
    }
    Storage storage(path.str());
    CHECK(storage.db().userVersion() == latestSchemaVersion());
    CHECK(storage.count("award") == 8);
    auto events = [&](RowId award) {
        std::string out;
        for (const AwardEvent& e : titleEvents(storage, award))
            out += e.status + "@" + e.happenedOn + (e.note.find("迁移") == 0 ? "(迁移)" : "") + ";";
        return out;
    };
    CHECK(events(100) == "命名@2024-12-31(迁移);");
    CHECK(events(101) == "命名@2025-12-31(迁移);复核@2025-12-31(迁移);");
    CHECK(events(102) == "撤销@2023-12-31(迁移);");
    CHECK(events(103) == "申报@2026-12-31(迁移);");
    CHECK(events(110) == "命名@2025-12-31(迁移);");
    CHECK(events(120) == "命名@2022-12-31(迁移);");
    CHECK(events(111) == "命名@2026-03-08;");                   // had its history: untouched
    CHECK(events(130) == "申报@2026-02-01;创建@2026-04-01;");   // a post's: untouched
    // The 文号 of the award is its 命名 event's.
    Statement doc = storage.db().prepare("SELECT doc_number FROM award_event WHERE award_id = 100");
    REQUIRE(doc.step());
    CHECK(doc.columnText(0) == "幸妇〔2024〕1号");
    doc.reset();
    // Every held title now has a 命名 event, and every title's latest event is its status.
    Statement held = storage.db().prepare(
        "SELECT count(*) FROM award a WHERE a.post_id IS NULL AND (a.status <> (SELECT e.status FROM award_event e"
        " WHERE e.award_id = a.id ORDER BY e.happened_on DESC, e.id DESC LIMIT 1)"
        " OR (a.status IN ('命名', '复核') AND NOT EXISTS (SELECT 1 FROM award_event e WHERE e.award_id = a.id AND e.status = '命名')))");
    REQUIRE(held.step());
    CHECK(held.columnInt(0) == 0);
    held.reset();
    // The family's timeline shows it, by date.
    const auto timeline = familyTimeline(storage, 7);
    REQUIRE(timeline.size() == 5);
    CHECK(timeline.front().event.happenedOn == "2023-12-31");
    CHECK(timeline.back().event.happenedOn == "2026-12-31");
}

TEST_CASE("a family roster with titles: each new title gets its 命名 event; undoing the batch removes them") {
    test::TempDbPath path;
    Storage storage(path.str());
    test::buildDistrict(storage, {0, {{"滨江街道", 0, 0, {{"幸福社区", 1000}}}}});
    const std::string csv = (std::filesystem::temp_directory_path()
                             / ("jinguo_title_events_" + std::to_string(::getpid()) + ".csv")).string();
    std::ofstream(csv, std::ios::binary) << "户主姓名,家庭住址,家庭人口,所属社区,荣誉称号,获评年度,级别\n"
                                            "李建国,幸福社区3栋101,4,幸福社区,平安家庭,2026,社区\n"
                                            "王大明,幸福社区1栋2号,3,幸福社区,平安家庭、五好文明家庭,2024,街道\n"
                                            "赵小红,幸福社区2栋5号,2,幸福社区,,,\n";
    RosterImportRequest r;
    r.kind = roster::RosterKind::Families;
    r.files = {csv};
    r.today = kToday;
    const RosterImportResult result = runRosterImport(storage, r);
    std::filesystem::remove(csv);
    INFO(result.error);
    REQUIRE(result.status == RosterImportResult::Status::Committed);
    CHECK(storage.count("family") == 3);
    CHECK(storage.count("award") == 3);
    CHECK(storage.count("award_event") == 3);
    CHECK(joinedRows(storage, "SELECT e.status || '@' || e.happened_on || '/' || e.note"
                              " FROM award_event e JOIN award a ON a.id = e.award_id ORDER BY a.year, e.id")
          == "命名@2024-12-31/导入;命名@2024-12-31/导入;命名@2026-11-29/导入");
    ImportStore(storage).undo(result.files[0].batch);
    CHECK(storage.count("award") == 0);
    CHECK(storage.count("award_event") == 0);
}

TEST_CASE("an honours list: each new title gets an event of its status, dated by the default") {
    test::TempDbPath path;
    Storage storage(path.str());
    RecordStore records(storage);
    const RowId district = records.addUnit({0, 0, "临江区", UnitKind::District, 0, 0});
    const RowId street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 0, 0});
    records.addUnit({0, street, "幸福社区", UnitKind::Community, 1000, 0});
    const std::string csv = (std::filesystem::temp_directory_path()
                             / ("jinguo_honour_events_" + std::to_string(::getpid()) + ".csv")).string();
    std::ofstream(csv, std::ios::binary) << "姓名,所属单位,荣誉称号,级别,年度,状态,文号\n"
                                            "王芳,幸福社区,三八红旗手,区,2025,命名,临妇〔2025〕2号\n"
                                            "李梅,幸福社区,三八红旗手,区,2024,撤销,\n";
    RosterImportRequest r;
    r.kind = roster::RosterKind::Honours;
    r.files = {csv};
    r.today = kToday;
    const RosterImportResult result = runRosterImport(storage, r);
    std::filesystem::remove(csv);
    INFO(result.error);
    REQUIRE(result.status == RosterImportResult::Status::Committed);
    CHECK(storage.count("award") == 2);
    CHECK(joinedRows(storage, "SELECT p.name || ':' || e.status || '@' || e.happened_on || '/' || e.doc_number || '/' || e.note"
                              " FROM award_event e JOIN award a ON a.id = e.award_id JOIN person p ON p.id = a.person_id"
                              " ORDER BY e.id")
          == "王芳:命名@2025-12-31/临妇〔2025〕2号/导入;李梅:撤销@2024-12-31//导入");
}
