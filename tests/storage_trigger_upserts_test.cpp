// storage_trigger_upserts_test.cpp — migration 0039: the triggers that kept
// derived tables with INSERT OR REPLACE / OR IGNORE are upserts, so a foreign
// key's action no longer turns them into an ABORT (README "triggers"). Raw SQL
// deletes a 社区 that still has people, households and titles (person.unit_id,
// family.unit_id and award.unit_id are SET NULL), then a person and a household
// with titles (their awards CASCADE); after each the derived tables equal their
// definitions: person_list, person_search and person_gram (the shared check),
// honour_list, family_title_count, award_held_span and family_gram.
#include <doctest/doctest.h>

#include "storage/storage.hpp"
#include "support/person_list_check.hpp"
#include "temp_db.hpp"

using namespace jinguo;
using storage::Statement;

namespace {

std::int64_t scalar(storage::Storage& s, const char* sql) {
    Statement st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnInt(0);
}

// Rows that differ from the definition, both ways, for every derived table the
// rewritten triggers keep (besides person_list, checked by checkPersonList).
void checkDerived(storage::Storage& s) {
    test::checkPersonList(s);
    CHECK(scalar(s, "SELECT (SELECT count(*) FROM (SELECT * FROM honour_list EXCEPT SELECT * FROM honour_list_source) x)"
                    " + (SELECT count(*) FROM (SELECT * FROM honour_list_source EXCEPT SELECT * FROM honour_list) x)")
          == 0);
    CHECK(scalar(s, "WITH wanted AS (SELECT f.id, (SELECT count(*) FROM award a WHERE a.family_id = f.id) AS n"
                    " FROM family f)"
                    " SELECT (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM family_title_count) x)"
                    " + (SELECT count(*) FROM (SELECT * FROM family_title_count EXCEPT SELECT * FROM wanted) x)")
          == 0);
    CHECK(scalar(s, "WITH wanted AS (SELECT award_id, held_from, held_until, title_id, unit_id, family_id"
                    " FROM award_held_span_named UNION SELECT award_id, held_from, held_until, title_id, unit_id,"
                    " family_id FROM award_held_span_reviewed)"
                    " SELECT (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM award_held_span) x)"
                    " + (SELECT count(*) FROM (SELECT * FROM award_held_span EXCEPT SELECT * FROM wanted) x)")
          == 0);
    // family_gram (0040: head_spell's letters too). The grams are a JSON
    // array in a file, a set on a server.
    const std::string grams = s.db().isServer() ? "jinguo_family_grams(f.head_name, f.address, f.head_spell) AS j(value)"
                                                : "json_each(jinguo_family_grams(f.head_name, f.address, f.head_spell)) j";
    CHECK(scalar(s, ("WITH wanted AS (SELECT j.value AS gram, f.sort_key, f.id FROM family f, " + grams + ")"
                     " SELECT (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM family_gram) x)"
                     " + (SELECT count(*) FROM (SELECT * FROM family_gram EXCEPT SELECT * FROM wanted) x)").c_str())
          == 0);
}

struct World {
    test::TempDbPath db;
    storage::Storage s{db.str()};
    RowId street = 0, xincun = 0, xingfu = 0, wang = 0, li = 0, chen = 0, familyA = 0, familyB = 0;

    World() {
        const RowId district = s.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        street = s.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 0});
        xincun = s.insertUnit({0, street, "新村社区", UnitKind::Community, 800, 0});
        xingfu = s.insertUnit({0, street, "幸福社区", UnitKind::Community, 900, 0});
        auto person = [&](const char* name, const char* id, RowId unit) {
            Person p;
            p.name = name;
            p.gender = "女";
            p.idNumber = id;
            p.phone = "13800138000";
            p.unitId = unit;
            p.rosterHours = 12;
            return s.insertPerson(p);
        };
        wang = person("王芳", "110105199001010029", xincun);
        li = person("李娜", "11010519910202004X", xincun);
        chen = person("陈静", "110105199405050203", xingfu);
        auto family = [&](const char* head, const char* address, RowId unit) {
            Family f;
            f.headName = head;
            f.address = address;
            f.members = 3;
            f.unitId = unit;
            return s.insertFamily(f);
        };
        familyA = family("李建国", "新村12号", xincun);
        familyB = family("王大伟", "幸福3号", xingfu);
        const RowId familyTitle = s.awardTitleId("平安家庭", "family", "区");
        const RowId personTitle = s.awardTitleId("三八红旗手", "person", "区");
        REQUIRE(familyTitle != 0);
        REQUIRE(personTitle != 0);
        auto award = [&](RowId title, RowId familyId, RowId personId, const char* collective, RowId unit) {
            Award a;
            a.titleId = title;
            a.year = 2025;
            a.familyId = familyId;
            a.personId = personId;
            if (collective) a.collectiveName = collective;
            a.unitId = unit;
            const RowId id = s.insertAward(a);
            AwardEvent e;
            e.awardId = id;
            e.status = toWord(AwardStatus::Name);
            e.happenedOn = "2025-06-01";
            s.insertAwardEvent(e);
            return id;
        };
        award(familyTitle, familyA, 0, nullptr, xincun);
        award(familyTitle, familyB, 0, nullptr, xingfu);
        award(personTitle, 0, wang, nullptr, xincun);
        award(personTitle, 0, chen, nullptr, xingfu);
        const RowId collectiveTitle = s.awardTitleId("三八红旗集体", "collective", "区");
        if (collectiveTitle) award(collectiveTitle, 0, 0, "新村社区妇联", xincun);
        checkDerived(s);
    }
};

} // namespace

// SQLite only (both cases marked so): an outer statement's conflict clause
// overrides its triggers' OR REPLACE / OR IGNORE there. PostgreSQL has no
// conflict clause on a statement and no INSERT OR REPLACE; its triggers'
// upserts are compared with SQLite's by pg_triggers_test, and the FK action
// case below runs on both engines.
TEST_CASE("0039: no trigger of the schema keeps OR REPLACE / OR IGNORE" * doctest::test_suite("sqlite_file")) {
    World w;
    CHECK(scalar(w.s, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                      " AND (sql LIKE '%OR REPLACE%' OR sql LIKE '%OR IGNORE%')")
          == 0);
}

TEST_CASE("0039: DELETE FROM org_unit of a 社区 with people, households and titles; the derived tables follow") {
    World w;
    // Failed before 0039: "UNIQUE constraint failed: person_list.person_id".
    w.s.db().exec("DELETE FROM org_unit WHERE id = " + std::to_string(w.xincun));
    CHECK(scalar(w.s, "SELECT count(*) FROM person WHERE unit_id IS NULL") == 2);
    CHECK(scalar(w.s, "SELECT count(*) FROM family WHERE unit_id IS NULL") == 1);
    CHECK(scalar(w.s, "SELECT count(*) FROM person_list WHERE unit_id IS NULL") == 2);
    checkDerived(w.s);

    SUBCASE("then a person with a title and a household with a title (their awards cascade)") {
        w.s.db().exec("DELETE FROM person WHERE id = " + std::to_string(w.wang));
        w.s.db().exec("DELETE FROM family WHERE id = " + std::to_string(w.familyB));
        CHECK(scalar(w.s, "SELECT count(*) FROM award WHERE family_id IS NOT NULL") == 1);
        checkDerived(w.s);
    }
    SUBCASE("then the 街道 with its other 社区 (parent_id) and a rename") {
        w.s.db().exec("UPDATE org_unit SET name = '幸福村社区' WHERE id = " + std::to_string(w.xingfu));
        checkDerived(w.s);
        w.s.db().exec("DELETE FROM org_unit WHERE id = " + std::to_string(w.xingfu));
        CHECK(scalar(w.s, "SELECT count(*) FROM person WHERE unit_id IS NULL") == 3);
        checkDerived(w.s);
    }
}

TEST_CASE("0039: an outer INSERT OR REPLACE of a person (its conflict clause reaches the triggers) keeps the lists right"
          * doctest::test_suite("sqlite_file")) {
    World w;
    // REPLACE deletes the old row (cascading its award) and inserts the new one.
    w.s.db().exec("INSERT OR REPLACE INTO person (id, name, gender, id_number, unit_id, is_volunteer)"
                  " VALUES (" + std::to_string(w.li) + ", '李娜娜', '女', '11010519910202004X', "
                  + std::to_string(w.xingfu) + ", 1)");
    checkDerived(w.s);
    CHECK(scalar(w.s, ("SELECT count(*) FROM person_list WHERE name = '李娜娜' AND unit_id = "
                       + std::to_string(w.xingfu)).c_str())
          == 1);
}
