// model.hpp — the domain records of Jinguo, as plain structs.
//
// These mirror the tables of db/migrations (see 0001_initial.sql for the
// meaning of each column). The storage layer fills and reads them; the UI and
// the command line only ever see these, never SQL. `id == 0` means "not yet
// stored". Optional foreign keys use 0 for "none".
#pragma once

#include "core/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jinguo {

using RowId = std::int64_t;

struct OrgUnit {
    RowId id = 0;
    RowId parentId = 0;        // 0 for the district (the root)
    std::string name;
    UnitKind kind = UnitKind::District;   // stored as its word (toWord) in org_unit.kind
    std::int64_t households = 0;
    int sortOrder = 0;
};

struct Person {
    RowId id = 0;
    std::string name;
    std::string gender;        // "女", "男" or empty when unknown
    std::string idNumber;      // 18 characters, or empty
    std::string phone;         // 11 digits, or empty
    RowId unitId = 0;
    bool isVolunteer = true;
    std::string joinedOn;      // YYYY-MM-DD or empty
    double rosterHours = 0;    // cumulative hours a roster reported
    std::string rosterHoursAsOf;
    std::string note;
};

struct Activity {
    RowId id = 0;
    std::string name;
    std::string heldOn;        // YYYY-MM-DD
    RowId unitId = 0;
    std::string kind;
    int participants = 0;
    std::string note;
};

struct ServiceRecord {
    RowId id = 0;
    RowId personId = 0;
    RowId activityId = 0;      // 0 when not tied to an activity
    std::string servedOn;      // YYYY-MM-DD
    double hours = 0;
    std::string description;
    bool verified = false;
    std::string recordedBy;
};

struct Family {
    RowId id = 0;
    std::string headName;
    std::string address;
    int members = 1;
    RowId unitId = 0;
    std::string note;
};

struct Post {                  // a creation subject: a 巾帼文明岗 post, a 巾帼示范村, a 家长学校 …
    RowId id = 0;
    std::string workUnit;
    std::string name;
    RowId unitId = 0;
    int members = 0;
    int womenMembers = 0;
    int womenLeaders = 0;
    bool headIsWoman = false;  // 岗长 a woman (浙江's rule; unknown counts as no)
    std::string contactName;
    std::string contactPhone;
    std::string note;
    RowId kindId = 1;          // creation_kind.id; 1 is 巾帼文明岗 (posts::kPostKindId)
};

struct AwardTitle {
    RowId id = 0;
    std::string name;
    std::string subjectKind;   // family, person, collective, post
    std::string level;         // 社区, 街道, 区, 市, 省, 全国
    double points = 0;
    int cycleYears = 1;
    bool builtin = false;
    bool active = true;
};

struct Award {
    RowId id = 0;
    RowId titleId = 0;
    int year = 0;
    RowId familyId = 0;        // exactly one of familyId, personId, postId,
    RowId personId = 0;        // collectiveName is set
    RowId postId = 0;
    std::string collectiveName;
    RowId unitId = 0;
    std::string status = toWord(AwardStatus::Name);   // a word of kAwardStatusWords
    std::string docNumber;
    std::string fixBy;
};

struct AwardEvent {
    RowId id = 0;
    RowId awardId = 0;
    std::string status;
    std::string happenedOn;
    std::string docNumber;
    std::optional<double> score;
    bool veto = false;
    std::string fixBy;
    std::string note;
};

struct Target {
    RowId id = 0;
    RowId unitId = 0;
    int year = 0;
    std::string metric;        // a code of targetMetrics() (core/targets.hpp)
    RowId titleId = 0;
    std::string indicator;
    double goal = 0;
    std::string note;
    bool atLevel = false;      // title_rate: only the title's own level counts, not any level
};

struct ManualIndicator {
    RowId id = 0;
    RowId unitId = 0;
    int year = 0;
    std::string name;
    double value = 0;
    std::string unit;
    std::string note;
};

// One row of the volunteers list: a person with the unit name and hour totals
// already joined, so the list draws without further queries.
struct VolunteerRow {
    RowId id = 0;
    std::string name;
    std::string gender;
    std::string idNumber;
    std::string phone;
    RowId unitId = 0;
    std::string unitName;
    std::string unitText;      // 所属社区 as a roster wrote it, while no unit is linked (unitId 0)
    std::string joinedOn;
    double recordedHours = 0;  // dated hours: verified service records + what later rosters added
    double rosterHours = 0;    // roster history: the total a roster gave the first time it named her
    double unverifiedHours = 0;   // service records not verified yet (counted nowhere)
    int records = 0;           // service records, verified or not
};

// One person's hours, split as her detail explains them. counted() is the
// figure the list's 服务时长, stars, badges and boards count (the same rule as
// VolunteerRow: recordedHours + rosterHours); unverified hours count nowhere
// until someone verifies them.
struct PersonHours {
    double verifiedRecords = 0;   // verified service records
    double rosterCredits = 0;     // what later rosters added, dated
    double rosterHistory = 0;     // the first roster's total (person.roster_hours)
    double unverified = 0;        // service records not verified yet
    double counted() const { return verifiedRecords + rosterCredits + rosterHistory; }
};

// The figures of the overview screen, all computed from the database.
struct OverviewFigures {
    std::int64_t streets = 0;
    std::int64_t communities = 0;
    std::int64_t households = 0;
    std::int64_t volunteers = 0;
    std::int64_t serviceRecords = 0;
    double serviceHours = 0;
    std::int64_t activities = 0;
    std::int64_t families = 0;
    std::int64_t familyAwards = 0;
    std::int64_t posts = 0;
    std::int64_t postsNamed = 0;
    std::int64_t targets = 0;
    int latestYear = 0;        // the most recent year that has records
    struct Count { std::string label; std::int64_t count = 0; };
    std::vector<Count> postsByStatus;   // 巾帼文明岗 by lifecycle state
    std::vector<Count> awardsByLevel;   // titles by level, latest year
};

// A roster row ready to store: validated and normalized by the importer.
struct RosterPerson {
    int row = 0;               // the row number the user sees in the file
    std::string name;
    std::string gender;        // 女/男 (derived from the ID number when absent)
    std::string idNumber;      // 18 characters, or empty
    std::string phone;
    std::string unitName;      // 所属社区 as written (matched to a 社区/村 by name)
    std::string joinedOn;
    std::optional<double> hours;   // cumulative service hours so far, when the roster has them
    std::string hoursAsOf;     // the date those hours were counted to (YYYY-MM-DD)
    std::string streetName;    // 所属街道 as written: tells apart 社区/村 of one name in several streets
};

struct RosterFamily {
    int row = 0;
    std::string headName;
    std::string address;
    int members = 1;
    std::string unitName;
    std::string title;         // 平安家庭 …; empty when the row names no title
    std::string level;         // 社区 … 全国
    int year = 0;
    std::string namedOn;       // 命名日期 YYYY-MM-DD, when the roster has that column
    std::string streetName;    // 所属街道, as RosterPerson's
};

struct ImportBatch {
    RowId id = 0;
    std::string kind;          // volunteers, families
    std::string fileName;
    std::string fileSha256;
    std::string startedAt;
    std::string finishedAt;
    int rowsRead = 0, rowsImported = 0, rowsUpdated = 0, rowsSkipped = 0;
    std::string undoneAt;      // empty while the batch stands
};

// A read-only list for screens that only show data so far: rows of display
// text, in the column order the screen knows for that list.
struct TextTable {
    std::vector<std::vector<std::string>> rows;
};

} // namespace jinguo
