// record_store.hpp — the SQL of the 家庭, 荣誉 and 组织 screens.
//
// Org units (add, rename, move, households), families with their titles, and
// the titles of individuals and collectives. Every write checks its input
// first and refuses with a Chinese message (StorageError) that says what is
// wrong and how to fix it; a refused write changes nothing. Every write is
// audited with whole rows (Storage::rowJson before and after) in the same
// transaction, bumps the storage revision and is one undo step with a Chinese
// label ("删除家庭 张三"); deletes go through UndoStore::deleteRow, so undo
// brings back everything they cascade to.
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace jinguo::storage {

class AuditedChange;

// One title a family holds (or held: 撤销 is kept, the list shows it).
struct FamilyAward {
    RowId awardId = 0;
    RowId titleId = 0;
    std::string title;         // 平安家庭
    std::string level;         // 社区 … 全国
    int year = 0;
    std::string status;        // 申报 … 撤销
    std::string docNumber;
    std::string namedOn{};     // its latest 命名 event's date (title_events.hpp: the one source), "" for none
    std::string statusOn{};    // the date of its latest event of its current status, "" for none
};

struct FamilyRow {
    RowId id = 0;
    std::string headName;
    std::string address;
    int members = 1;
    RowId unitId = 0;
    std::string unitName;
    std::string unitText;      // 所属社区 as a roster wrote it, while no unit is linked (unitId 0)
    std::string note;
    int firstAward = 0;        // this family's titles: awards[firstAward, firstAward + awardCount)
    int awardCount = 0;        // newest year first
};

// Every family and all of their titles, read in two queries.
struct FamilyList {
    std::vector<FamilyRow> rows;
    std::vector<FamilyAward> awards;
};

// A title held by a person or a collective.
struct HonourRow {
    RowId awardId = 0;
    RowId titleId = 0;
    std::string title;
    std::string level;
    int year = 0;
    bool collective = false;
    RowId personId = 0;
    std::string name;          // the person's or the collective's name
    std::string idNumber;      // the person's, may be empty
    std::string phone;
    RowId unitId = 0;
    std::string unitName;
    std::string status;
    std::string docNumber;
    std::string namedOn{};     // as FamilyAward
    std::string statusOn{};
};

// What a title form saves besides the title: the date and reason of the
// event the save writes (title_events.hpp). A new title, or a changed status,
// writes one event of the (new) status: dated `date`, or when empty
// defaultTitleDate(year, today) for a new title and today for a change. The
// same status with a `date` that differs corrects that status's latest event
// instead (a mistyped 命名日期; `note`, if given, replaces its reason); an
// empty `date` then changes nothing in the history.
struct TitleEventFields {
    std::string date;          // YYYY-MM-DD or empty
    std::string note;          // reason
    std::string today;         // YYYY-MM-DD for the defaults; empty: todayIso()
};

// What the honour form saves: a new award (awardId 0) or a change to one.
struct HonourInput {
    RowId awardId = 0;
    bool collective = false;
    std::string name;          // person or collective
    std::string idNumber;      // person only; identifies a person already stored
    RowId unitId = 0;
    std::string title;
    std::string level;
    int year = 0;
    std::string status = toWord(AwardStatus::Name);
    std::string docNumber;
    TitleEventFields event{};
};

// What the 家庭 form adds: a title (built-in or the user's own) at a level in a year.
struct FamilyAwardInput {
    RowId awardId = 0;         // 0: a new award
    std::string title;
    std::string level;
    int year = 0;
    std::string status = toWord(AwardStatus::Name);
    std::string docNumber;
    TitleEventFields event{};
};

struct AuditEntry {
    std::string at;
    std::string action;        // insert, update, delete …
    std::string before;        // JSON of the row, "" for none
    std::string after;
    std::string dbUser;        // who saved: the OS login on a file, the server's user (0046); "" before 0046
};

class RecordStore {
public:
    explicit RecordStore(Storage& storage);

    // ---- org units
    // Kinds: 区 is the root; 街道/镇 sit under a 区; 社区/村 under a 街道/镇.
    RowId addUnit(const OrgUnit& unit);
    // Name, parent and households in one audited change; refuses a parent that
    // is the unit itself or lies below it (a cycle), or of the wrong kind.
    // `asLoaded` (every update below takes one): the record as the edit form
    // loaded it; the save is refused (StaleFormError, nothing written) when
    // the stored row no longer is that (stale_form.hpp). nullptr: unchecked.
    void updateUnit(const OrgUnit& unit, const OrgUnit* asLoaded = nullptr);
    void renameUnit(RowId id, const std::string& name);
    void moveUnit(RowId id, RowId newParent);
    void setHouseholds(RowId id, std::int64_t households);
    std::optional<OrgUnit> unit(RowId id);
    // Several 社区/村 under one 街道/镇 (a roster's unknown 所属社区 names) in
    // ONE undo step ("新建3个社区") and one transaction: each named as given
    // (so the rows kept under that name are linked), kind by its name
    // (core/unit_suggestions.hpp: 村 or 社区), 0 households. Refuses, nothing
    // written, a parent that is no 街道/镇, an empty list, or any name addUnit
    // would refuse (taken under that parent …). Returns the new ids in order.
    std::vector<RowId> addCommunities(RowId parentId, const std::vector<std::string>& names);
    // addUnit and updateUnit (rename, move) also link the people and families
    // an import could not place: unit_id NULL and unit_text equal to the name
    // of the 社区/村 — audited, in the same undo step.
    // Registered families per unit id (units with none are absent), read from
    // unit_family_count (migration 0028); FromFamilies is the old GROUP BY
    // over every family, the tests' reference.
    std::unordered_map<RowId, std::int64_t> familiesPerUnit();
    std::unordered_map<RowId, std::int64_t> familiesPerUnitFromFamilies();
    // Units with more households holding one family title (by name, any
    // level, 命名/复核, counted where the award is booked, as the rate boards
    // count) than their 总户数: a data error. Per unit its worst title.
    struct OverfullTitle {
        std::string title;
        std::int64_t households = 0;   // titled
    };
    // Titles held (core/title_standing.hpp) on 31 December of this year.
    std::unordered_map<RowId, OverfullTitle> overfullUnits();
    // Held on `day`: only the (unit, title) pairs whose held awards
    // (unit_title_award, 0028) exceed the unit's households are counted, on
    // award_held_span. FromBaseTables is the old rule-over-events SQL, the
    // tests' reference. Ties between a unit's titles go to the first name.
    std::unordered_map<RowId, OverfullTitle> overfullUnitsOn(std::string_view day);
    std::unordered_map<RowId, OverfullTitle> overfullUnitsFromBaseTablesOn(std::string_view day);
    // The audit entries of one record, oldest first.
    std::vector<AuditEntry> history(const char* table, RowId id);

    // ---- families
    std::optional<Family> family(RowId id);
    RowId addFamily(const Family& family);
    void updateFamily(const Family& family, const Family* asLoaded = nullptr);
    void deleteFamily(RowId id);                        // and its titles with their history
    std::vector<FamilyAward> familyAwards(RowId familyId);
    RowId addFamilyAward(RowId familyId, const FamilyAwardInput& award);
    void updateFamilyAward(RowId familyId, const FamilyAwardInput& award, const FamilyAward* asLoaded = nullptr);
    std::optional<FamilyAward> familyAward(RowId awardId);
    FamilyList familyList();

    // ---- titles of individuals and collectives
    RowId saveHonour(const HonourInput& input, const HonourRow* asLoaded = nullptr);   // returns the award id
    std::optional<HonourRow> honour(RowId awardId);
    void deleteAward(RowId awardId);
    std::vector<HonourRow> honourRows();
    // The titles of these award ids (person or collective), in the ids' order;
    // an id no longer stored is left out (the 荣誉 list's pages: one query a page).
    std::vector<HonourRow> honours(const std::vector<RowId>& awardIds);

    // The catalogue id of a title at a level for a subject kind; a name the
    // catalogue lacks becomes a user-defined title (builtin 0, audited).
    RowId titleFor(const std::string& name, const char* subjectKind, const std::string& level);

    static bool isLevel(const std::string& level);
    static bool isStatus(const std::string& status);

private:
    void checkUnit(const OrgUnit& unit, RowId selfId);
    void linkUnitText(RowId unitId, const std::string& name, UnitKind kind);
    void checkAward(const std::string& title, const std::string& level, int year, const std::string& status);
    RowId personFor(const HonourInput& input);
    // The history of a save (see TitleEventFields), in `change`.
    void recordTitleEvent(AuditedChange& change, RowId awardId, const std::string& statusBefore,
                          const std::string& status, int year, const std::string& docNumber,
                          const TitleEventFields& fields);

    Storage& m_storage;
};

} // namespace jinguo::storage
