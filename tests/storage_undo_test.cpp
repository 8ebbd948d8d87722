// storage_undo_test.cpp — the audit log keeps whole rows, and undo puts them
// back exactly, step by step, including a delete and everything it cascaded.
#include "storage/record_store.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "storage/volunteer_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <pwd.h>
#include <unistd.h>

using namespace jinguo;
using storage::Storage;
using storage::UndoStep;
using storage::UndoStore;

namespace {

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    RowId community = 0;

    Fixture() {
        community = test::buildDistrict(storage, {2000, {}, {{"望江社区", 2000}}}).community(0);
    }

    RowId addPerson(const std::string& name, const std::string& idNumber = "") {
        Person p;
        p.name = name;
        p.gender = "女";
        p.idNumber = idNumber;
        p.phone = "13812345678";
        p.unitId = community;
        p.joinedOn = "2024-03-08";
        p.rosterHours = 12.5;
        p.note = "备注";
        return storage.insertPerson(p);
    }

    std::int64_t scalar(const std::string& sql) {
        storage::Statement st = storage.db().prepare(sql);
        return st.step() ? st.columnInt(0) : -1;
    }

    // Rows whose foreign key names a row of `parent` that is not there, over
    // every reference the schema declares (both engines' catalogues).
    std::int64_t danglingReferencesTo(const std::string& parent) {
        std::vector<std::pair<std::string, std::string>> refs;
        storage::Statement st = storage.db().prepare(storage.db().dialect().foreignKeysToId);
        st.bind(1, parent);
        while (st.step()) refs.emplace_back(st.columnText(0), st.columnText(1));
        std::int64_t dangling = 0;
        for (const auto& [table, column] : refs)
            dangling += scalar("SELECT count(*) FROM \"" + table + "\" c WHERE c.\"" + column + "\" IS NOT NULL"
                               " AND NOT EXISTS (SELECT 1 FROM \"" + parent + "\" p WHERE p.id = c.\"" + column + "\")");
        return dangling;
    }
};

} // namespace

TEST_CASE("every write of the storage audits the whole row before and after") {
    Fixture f;
    const RowId id = f.addPerson("王芳");
    {
        storage::Statement st = f.storage.db().prepare(
            "SELECT before_json, after_json, session_id, step_id FROM audit_log WHERE table_name = 'person'");
        REQUIRE(st.step());
        CHECK(st.columnIsNull(0));
        CHECK(st.columnText(1) == f.storage.rowJson("person", id));
        CHECK(st.columnText(1).find("\"created_at\"") != std::string::npos);   // every column, not a summary
        CHECK(st.columnText(2) == f.storage.sessionId());
        CHECK_FALSE(st.columnIsNull(3));
    }
    const std::string before = f.storage.rowJson("person", id);
    Person p = *f.storage.person(id);
    p.phone = "13987654321";
    f.storage.updatePerson(p);
    storage::Statement st = f.storage.db().prepare(
        "SELECT before_json, after_json FROM audit_log WHERE action = 'update' AND table_name = 'person'");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == before);
    CHECK(st.columnText(1) == f.storage.rowJson("person", id));
    CHECK(st.columnText(1).find("13987654321") != std::string::npos);
}

TEST_CASE("every audit entry and undo step records who saved: the OS login name on a file, session_user on a server (0046, 0047)") {
    Fixture f;
    const std::string login = f.storage.auditLog().dbUser();
    REQUIRE_FALSE(login.empty());   // the test runs under an account with a name
    if (f.storage.db().isServer()) {   // a server's user: who logged in, as its trigger records it
        storage::Statement user = f.storage.db().prepare("SELECT CAST(session_user AS text)");
        REQUIRE(user.step());
        CHECK(login == user.columnText(0));
    } else {
        const passwd* account = getpwuid(geteuid());
        REQUIRE(account);
        CHECK(login == account->pw_name);
    }

    const RowId id = f.addPerson("王芳");
    Person p = *f.storage.person(id);
    p.phone = "13987654321";
    f.storage.updatePerson(p);
    f.storage.auditSummary("import", "person", "名册.xlsx");
    REQUIRE(UndoStore(f.storage).undoLast());   // the phone change, logged as 'undo'
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE action IN ('insert', 'update', 'undo', 'import')") >= 4);
    storage::Statement st = f.storage.db().prepare("SELECT DISTINCT db_user FROM audit_log");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == login);
    CHECK_FALSE(st.step());   // every entry, none left empty
    storage::Statement steps = f.storage.db().prepare("SELECT DISTINCT db_user FROM undo_step");
    REQUIRE(steps.step());
    CHECK(steps.columnText(0) == login);
    CHECK_FALSE(steps.step());   // every step

    // The unit history reads it back (the 组织 screen shows it).
    const auto history = storage::RecordStore(f.storage).history("person", id);
    REQUIRE(history.size() == 3);
    CHECK(history.back().action == "undo");
    CHECK(history.back().dbUser == login);
}

TEST_CASE("undo takes back an insert, then an update, newest first, and logs each undo") {
    Fixture f;
    UndoStore undo(f.storage);
    const RowId id = f.addPerson("王芳");
    const std::string asInserted = f.storage.rowJson("person", id);
    Person p = *f.storage.person(id);
    p.name = "王芳芳";
    p.rosterHours = 99;
    p.phone.clear();
    f.storage.updatePerson(p);

    const auto revision = f.storage.revision();
    auto undone = undo.undoLast();
    REQUIRE(undone);
    CHECK(undone->label == "修改人员 王芳芳");
    CHECK(f.storage.revision() > revision);
    CHECK(f.storage.rowJson("person", id) == asInserted);   // every column, phone back from NULL

    undone = undo.undoLast();
    REQUIRE(undone);
    CHECK(undone->label == "新增人员 王芳");
    CHECK_FALSE(f.storage.person(id));
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE action = 'undo'") == 2);
    CHECK(f.scalar("SELECT count(*) FROM undo_step WHERE undone_at IS NOT NULL") == 2);

    // The units inserted by the fixture are the remaining steps; then nothing.
    CHECK(undo.undoLast());
    CHECK(undo.undoLast());
    CHECK(f.storage.count("org_unit") == 0);
    CHECK_FALSE(undo.undoLast());
}

TEST_CASE("undo of a delete brings back the person with her service records, awards and family link") {
    Fixture f;
    const RowId id = f.addPerson("张堃", "11010519491231002X");
    const RowId other = f.addPerson("刘犇");
    ServiceRecord r;
    r.personId = id;
    r.servedOn = "2026-11-20";
    r.hours = 2.5;
    r.description = "敬老院";
    r.verified = true;
    r.recordedBy = "李主任";
    const RowId rec1 = f.storage.insertServiceRecord(r);
    r.servedOn = "2026-11-21";
    r.hours = 3;
    const RowId rec2 = f.storage.insertServiceRecord(r);
    r.personId = other;
    const RowId otherRec = f.storage.insertServiceRecord(r);
    Family fam;
    fam.headName = "张堃";
    fam.address = "望江路1号";
    fam.members = 3;
    fam.unitId = f.community;
    const RowId familyId = f.storage.insertFamily(fam);
    storage::Statement link = f.storage.db().prepare("UPDATE family SET head_person_id = ? WHERE id = ?");
    link.bind(1, id).bind(2, familyId);
    link.run();
    Award a;
    a.titleId = f.storage.awardTitles().front().id;
    a.year = 2025;
    a.personId = id;
    a.status = "申报";
    const RowId awardId = f.storage.insertAward(a);
    AwardEvent ev;
    ev.awardId = awardId;
    ev.status = "命名";
    ev.happenedOn = "2025-03-08";
    ev.docNumber = "临妇字〔2025〕8号";
    const RowId eventId = f.storage.insertAwardEvent(ev);

    const std::string person = f.storage.rowJson("person", id);
    const std::string s1 = f.storage.rowJson("service_record", rec1);
    const std::string s2 = f.storage.rowJson("service_record", rec2);
    const std::string award = f.storage.rowJson("award", awardId);
    const std::string event = f.storage.rowJson("award_event", eventId);
    const std::string family = f.storage.rowJson("family", familyId);
    const std::string otherRow = f.storage.rowJson("service_record", otherRec);

    storage::VolunteerStore(f.storage).remove(id, "张堃");
    CHECK(f.storage.rowJson("person", id).empty());
    CHECK(f.storage.rowJson("service_record", rec1).empty());
    CHECK(f.storage.rowJson("award_event", eventId).empty());
    CHECK(f.storage.rowJson("family", familyId).find("\"head_person_id\":null") != std::string::npos);
    // One step holds the person, what cascaded with her and the family link cleared.
    CHECK(f.scalar("SELECT count(DISTINCT step_id) FROM audit_log WHERE action = 'delete'") == 1);
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE action = 'delete'") == 5);

    UndoStore undo(f.storage);
    const auto undone = undo.undoLast();
    REQUIRE(undone);
    CHECK(undone->label == "删除志愿者 张堃");
    CHECK(f.storage.rowJson("person", id) == person);   // same id, every column
    CHECK(f.storage.rowJson("service_record", rec1) == s1);
    CHECK(f.storage.rowJson("service_record", rec2) == s2);
    CHECK(f.storage.rowJson("award", awardId) == award);
    CHECK(f.storage.rowJson("award_event", eventId) == event);
    CHECK(f.storage.rowJson("family", familyId) == family);
    CHECK(f.storage.rowJson("service_record", otherRec) == otherRow);
    for (const char* parent : {"person", "award", "family"})   // nothing dangling
        CHECK(f.danglingReferencesTo(parent) == 0);

    // The next step back is the award event with the status it moved.
    const auto eventStep = undo.undoLast();
    REQUIRE(eventStep);
    CHECK(f.storage.rowJson("award_event", eventId).empty());
    storage::Statement status = f.storage.db().prepare("SELECT status FROM award WHERE id = ?");
    status.bind(1, awardId);
    REQUIRE(status.step());
    CHECK(status.columnText(0) == "申报");
}

TEST_CASE("one UndoStep is one undo, whatever it wrote; a step that wrote nothing leaves nothing") {
    Fixture f;
    { UndoStep nothing(f.storage, "什么也没做"); }
    RowId a = 0, b = 0;
    {
        UndoStep step(f.storage, "批量登记");
        UndoStep inner(f.storage, "内层");             // joins the outer step
        a = f.addPerson("甲");
        b = f.addPerson("乙");
    }
    UndoStore undo(f.storage);
    const auto last = undo.lastStep();
    REQUIRE(last);
    CHECK(last->label == "批量登记");
    CHECK(last->changes == 2);
    undo.undoLast();
    CHECK_FALSE(f.storage.person(a));
    CHECK_FALSE(f.storage.person(b));
    CHECK(f.scalar("SELECT count(*) FROM undo_step WHERE label = '什么也没做'") == 0);
}

TEST_CASE("a refused save inside a step leaves no step and no audit entry") {
    Fixture f;
    f.addPerson("王芳", "11010519491231002X");
    const auto steps = f.scalar("SELECT count(*) FROM undo_step");
    {
        UndoStep step(f.storage, "新增志愿者");
        CHECK_THROWS_AS(f.addPerson("王芳", "11010519491231002X"), storage::StorageError);
    }
    CHECK(f.scalar("SELECT count(*) FROM undo_step") == steps);
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE step_id NOT IN (SELECT id FROM undo_step)") == 0);
}

TEST_CASE("undo refuses, changing nothing, when a row changed since or was referenced since") {
    Fixture f;
    const RowId id = f.addPerson("王芳");
    {
        // Another window (another session) on the same file edits her.
        Storage other(f.path.str());
        Person p = *other.person(id);
        p.note = "另一处修改";
        other.updatePerson(p);
        CHECK_FALSE(UndoStore(other).lastStep()->label.empty());   // its own step, not ours
    }
    UndoStore undo(f.storage);
    const auto before = f.storage.rowJson("person", id);
    try {
        undo.undoLast();
        FAIL("undo should have been refused");
    } catch (const storage::StorageError& e) {
        // Who changed her and when (the other window's entry; local time).
        const std::string changedBy = "又被 " + f.storage.auditLog().dbUser() + " 于 ";
        CHECK_MESSAGE(std::string(e.what()).find(changedBy) != std::string::npos, std::string(e.what()));
        CHECK(std::string(e.what()).find(" 修改过") != std::string::npos);
        CHECK(std::string(e.what()).find("王芳") != std::string::npos);
    }
    CHECK(f.storage.rowJson("person", id) == before);
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE action = 'undo'") == 0);

    // A service record added since (by us, then its step undone elsewhere is not possible):
    const RowId second = f.addPerson("李娜");
    {
        Storage other(f.path.str());
        ServiceRecord r;
        r.personId = second;
        r.servedOn = "2026-01-02";
        r.hours = 1;
        other.insertServiceRecord(r);
    }
    CHECK_THROWS_WITH_AS(undo.undoLast(), doctest::Contains("引用"), storage::StorageError);
    CHECK(f.storage.person(second));
}

TEST_CASE("deleteRow works for any table: a post takes its awards and their events with it") {
    Fixture f;
    Post post;
    post.workUnit = "临江区人民医院";
    post.name = "儿科护理组";
    post.unitId = f.community;
    post.members = 12;
    post.womenMembers = 11;
    post.womenLeaders = 2;
    const RowId postId = f.storage.insertPost(post);
    RowId postTitle = 0;
    for (const AwardTitle& t : f.storage.awardTitles())
        if (t.subjectKind == "post") { postTitle = t.id; break; }
    REQUIRE(postTitle != 0);
    Award a;
    a.titleId = postTitle;
    a.year = 2024;
    a.postId = postId;
    const RowId awardId = f.storage.insertAward(a);
    const std::string award = f.storage.rowJson("award", awardId);
    const std::string postRow = f.storage.rowJson("post", postId);

    UndoStore undo(f.storage);
    CHECK_FALSE(undo.deleteRow("post", 9999));
    CHECK(undo.deleteRow("post", postId));
    CHECK(f.storage.count("award") == 0);
    REQUIRE(undo.undoLast());
    CHECK(f.storage.rowJson("post", postId) == postRow);
    CHECK(f.storage.rowJson("award", awardId) == award);
}

TEST_CASE("redo puts back what undo took back, as a step that can be undone again; a new change ends redo") {
    Fixture f;
    UndoStore undo(f.storage);
    RowId id = 0;
    {
        UndoStep step(f.storage, "新增志愿者 王芳");
        id = f.addPerson("王芳");
    }
    const std::string added = f.storage.rowJson("person", id);
    ServiceRecord r;
    r.personId = id;
    r.servedOn = "2026-11-20";
    r.hours = 2;
    const RowId rec = f.storage.insertServiceRecord(r);
    const std::string record = f.storage.rowJson("service_record", rec);
    storage::VolunteerStore(f.storage).remove(id, "王芳");
    CHECK_FALSE(undo.redoableStep());                     // nothing undone yet

    REQUIRE(undo.undoLast());                             // the delete
    REQUIRE(undo.undoLast());                             // the record
    REQUIRE(undo.undoLast());                             // the add
    CHECK_FALSE(f.storage.person(id));

    auto redone = undo.redoLast();
    REQUIRE(redone);
    CHECK(redone->label == "新增志愿者 王芳");
    CHECK(f.storage.rowJson("person", id) == added);      // same id, every column
    REQUIRE(undo.redoLast());
    CHECK(f.storage.rowJson("service_record", rec) == record);
    redone = undo.redoLast();
    REQUIRE(redone);
    CHECK(redone->label == "删除志愿者 王芳");
    CHECK_FALSE(f.storage.person(id));
    CHECK(f.storage.count("service_record") == 0);
    CHECK_FALSE(undo.redoLast());

    // The redone delete is undone again like any step.
    REQUIRE(undo.undoLast());
    CHECK(f.storage.rowJson("person", id) == added);
    CHECK(f.storage.rowJson("service_record", rec) == record);
    CHECK(undo.redoableStep());
    f.addPerson("李娜");                                  // a new change: the redo is gone
    CHECK_FALSE(undo.redoableStep());
    CHECK_FALSE(undo.redoLast());
}

TEST_CASE("redo refuses, changing nothing, when the row changed after the undo") {
    Fixture f;
    UndoStore undo(f.storage);
    const RowId id = f.addPerson("王芳");
    Person p = *f.storage.person(id);
    p.note = "第一次修改";
    f.storage.updatePerson(p);
    REQUIRE(undo.undoLast());
    {
        Storage other(f.path.str());                      // another window edits her after the undo
        Person q = *other.person(id);
        q.phone = "13900001111";
        other.updatePerson(q);
    }
    const std::string before = f.storage.rowJson("person", id);
    CHECK_THROWS_WITH_AS(undo.redoLast(), doctest::Contains("无法重做"), storage::StorageError);
    CHECK(f.storage.rowJson("person", id) == before);
}
