// storage_audit_retention_test.cpp — deleted people's ID numbers and phones
// leave the audit log after the retention limit (masked as on the big
// screen); people still on file and recent deletions keep theirs; undo of a
// step whose row was masked refuses in Chinese and writes nothing.
#include "storage/audit_retention.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "support/district.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace jinguo;
using storage::Storage;
using storage::UndoStep;
using storage::UndoStore;

namespace {

struct Fixture {
    test::TempDbPath path;
    Storage storage{path.str()};
    RowId unit = 0;

    Fixture() { unit = test::buildDistrictOnly(storage, 2000); }

    RowId addPerson(const std::string& name, const std::string& id, const std::string& phone) {
        UndoStep step(storage, "添加 " + name);
        Person p;
        p.name = name;
        p.gender = "女";
        p.idNumber = id;
        p.phone = phone;
        p.unitId = unit;
        return storage.insertPerson(p);
    }

    void remove(RowId id) {
        UndoStep step(storage, "删除志愿者");
        UndoStore(storage).deleteRow("person", id);
    }

    // Every ID number and phone the audit log holds for `person`.
    std::string auditText(RowId person) {
        const storage::SqlDialect& sql = storage.db().dialect();
        storage::Statement st = storage.db().prepare(
            "SELECT coalesce(" + sql.jsonText("before_json", "id_number") + ", '') || '/'"
            " || coalesce(" + sql.jsonText("before_json", "phone") + ", '') || '/'"
            " || coalesce(" + sql.jsonText("after_json", "id_number") + ", '') || '/'"
            " || coalesce(" + sql.jsonText("after_json", "phone") + ", '')"
            " FROM audit_log WHERE table_name = 'person' AND record_id = ? ORDER BY id");
        st.bind(1, person);
        std::string text;
        while (st.step()) text += (text.empty() ? "" : ";") + st.columnText(0);
        return text;
    }

    std::int64_t scalar(const std::string& sql) {
        storage::Statement st = storage.db().prepare(sql);
        return st.step() ? st.columnInt(0) : -1;
    }
};

const char* kFuture = "2100-01-01T00:00:00Z";

} // namespace

TEST_CASE("the retention rule masks a deleted person's ID number and phone in every audit row, and only hers") {
    Fixture f;
    const RowId gone = f.addPerson("王芳", "11010519491231002X", "13812345678");
    const RowId kept = f.addPerson("李娜", "110105194912310029", "13912345678");
    f.remove(gone);
    REQUIRE(f.auditText(gone).find("11010519491231002X") != std::string::npos);

    CHECK(storage::auditRetentionDays(f.storage) == 180);
    // Deleted just now: within 180 days, nothing is masked.
    storage::AuditPruneResult r = storage::pruneAuditLog(f.storage, 180);
    CHECK(r.rows == 0);
    CHECK(f.auditText(gone).find("11010519491231002X") != std::string::npos);

    // Long after: masked as core/masking does, in the insert and the delete row.
    r = storage::pruneAuditLog(f.storage, 180, kFuture);
    CHECK(r.people == 1);
    CHECK(r.rows == 2);
    const std::string text = f.auditText(gone);
    CHECK_MESSAGE(text == "//110***********002X/138****5678;110***********002X/138****5678//", text);
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE before_json LIKE '%11010519491231002X%'"
                   " OR after_json LIKE '%11010519491231002X%' OR before_json LIKE '%13812345678%'"
                   " OR after_json LIKE '%13812345678%'") == 0);
    // The rest of the row is still there (who it was, for the record).
    CHECK(f.scalar("SELECT count(*) FROM audit_log WHERE " + f.storage.db().dialect().jsonText("before_json", "name")
                   + " = '王芳'") == 1);
    // A person still on file keeps her numbers.
    CHECK(f.auditText(kept).find("110105194912310029") != std::string::npos);
    CHECK(f.auditText(kept).find("13912345678") != std::string::npos);
    // Applying it again changes nothing.
    r = storage::pruneAuditLog(f.storage, 180, kFuture);
    CHECK(r.rows == 0);
}

TEST_CASE("the retention limit is a setting; a bad value falls back to 180 days") {
    Fixture f;
    storage::Statement set = f.storage.db().prepare(
        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    set.bind(1, storage::kAuditRetentionSetting).bind(2, "30");
    set.run();
    CHECK(storage::auditRetentionDays(f.storage) == 30);
    set.reset();
    set.bind(1, storage::kAuditRetentionSetting).bind(2, "三十");
    set.run();
    CHECK(storage::auditRetentionDays(f.storage) == 180);
}

TEST_CASE("undo of a deletion whose ID number was masked refuses in Chinese and writes nothing") {
    Fixture f;
    const RowId gone = f.addPerson("王芳", "11010519491231002X", "13812345678");
    f.remove(gone);
    storage::pruneAuditLog(f.storage, 0, kFuture);
    const std::int64_t auditRows = f.scalar("SELECT count(*) FROM audit_log");
    UndoStore undo(f.storage);
    std::string message;
    try {
        undo.undoLast();
    } catch (const storage::StorageError& e) {
        message = e.what();
    }
    CHECK_MESSAGE(message.find("无法撤销") != std::string::npos, message);
    CHECK(message.find("保留期限") != std::string::npos);
    CHECK(message.find("没有做任何改动") != std::string::npos);
    CHECK(f.scalar("SELECT count(*) FROM person") == 0);
    CHECK(f.scalar("SELECT count(*) FROM person WHERE id_number LIKE '%*%' OR phone LIKE '%*%'") == 0);
    CHECK(f.scalar("SELECT count(*) FROM audit_log") == auditRows);
}

TEST_CASE("undo of a deletion within the retention limit still brings the person back whole") {
    Fixture f;
    const RowId gone = f.addPerson("王芳", "11010519491231002X", "13812345678");
    f.remove(gone);
    storage::pruneAuditLog(f.storage, 180);
    UndoStore undo(f.storage);
    REQUIRE(undo.undoLast());
    CHECK(f.scalar("SELECT count(*) FROM person WHERE id_number = '11010519491231002X' AND phone = '13812345678'") == 1);
}
