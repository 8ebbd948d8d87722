// storage.hpp — the connection every store shares, its revision, and the SQL
// of the records no store owns yet.
//
// Storage wraps a migrated Database and its AuditLog (audit entries and undo
// steps, audit_log.hpp) and speaks in the structs of core/model.hpp. It holds
// the revision every write bumps (screens key their caches on it), the
// seeding API, the reads of units, people, service records, titles and
// settings, the overview figures and the volunteer/family exports. The checked, undoable writes of each
// record kind live in their stores beside it (RecordStore, PostStore,
// ActivityStore, VolunteerStore, SettingsStore, BadgeStore, ImportStore …),
// each written the one way audited_change.hpp spells; SQL lives only in this
// folder.
#pragma once

#include "core/model.hpp"
#include "storage/audit_log.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace jinguo::storage {

class Storage {
public:
    // Opens and migrates `path` (see openAndMigrate). Throws StorageError.
    explicit Storage(const std::string& path, IntegrityCheck check = IntegrityCheck::AtOpen);
    ~Storage();

    Database& db() { return *m_db; }
    const std::string& path() const { return m_db->path(); }
    std::uint64_t revision() const { return m_revision; }
    // True when another connection committed to the file since the last call
    // (or since opening): another Jinguo window, `jinguo import`, this app's
    // own workers. Then the revision is bumped, as after a write of our own,
    // so every screen reloads. Cheap enough for every frame: one cached
    // PRAGMA data_version (prepared once), no table read; on a server no
    // query at all (the count of NOTIFYs others' commits sent, Database::dataVersion).
    bool noticeWritesElsewhere();
    // The same question without noticing (no bump): an idle window asks it
    // to know whether a frame is due.
    bool writesElsewherePending() { return m_db->dataVersion() != m_dataVersion; }
    // Readable when writesElsewherePending() may have turned true (a server's
    // notification arrived); -1 on a file. An idle window waits on it.
    int writesElsewhereFd() const { return m_db->changeSignalFd(); }

    // Bulk loads (demo data, imports) switch per-record auditing off and
    // write one summary entry instead (it bumps the revision).
    void setAuditEnabled(bool enabled) { m_log->setEnabled(enabled); }
    bool auditEnabled() const { return m_log->enabled(); }
    void auditSummary(const std::string& action, const std::string& table, const std::string& note);

    // ---- seeding: the demo generator, tests, and the stores' own raw rows.
    // One INSERT each, audited as inserted while auditing is on, in a
    // transaction of its own only while auditing is on (a bulk load runs in
    // its own). No checks beyond the schema's, no undo label: user actions go
    // through the stores (VolunteerStore, RecordStore, PostStore …).
    RowId insertUnit(const OrgUnit& unit);
    RowId insertPerson(const Person& person);           // refuses an ID number already registered
    RowId insertActivity(const Activity& activity);
    RowId insertServiceRecord(const ServiceRecord& record);
    // Hours a later roster added to a person, dated (roster_credit; imports
    // write them through ImportStore, with their batch).
    RowId insertRosterCredit(RowId person, const std::string& creditedOn, double hours);
    RowId insertFamily(const Family& family);
    RowId insertPost(const Post& post);
    RowId insertAward(const Award& award);              // history: add AwardEvents
    RowId insertAwardEvent(const AwardEvent& event);    // and moves the award's status
    RowId insertTarget(const Target& target);
    RowId insertIndicator(const ManualIndicator& indicator);

    // ---- org units
    std::vector<OrgUnit> units();                       // all, tree order (parent before child)

    // ---- people and volunteers
    // `asLoaded`: the person as the edit form loaded her; the save is refused
    // (StaleFormError, nothing written) when the stored row no longer is that
    // (stale_form.hpp). nullptr for callers that read and write at once.
    // (VolunteerStore::save names the undo step; delete with VolunteerStore.)
    void updatePerson(const Person& person, const Person* asLoaded = nullptr);
    std::optional<Person> person(RowId id);
    std::optional<Person> personByIdNumber(const std::string& idNumber);
    std::vector<VolunteerRow> volunteerRows();          // every volunteer, with hour totals

    // ---- service records
    std::vector<ServiceRecord> serviceRecordsOf(RowId personId);   // newest first
    double hoursOn(RowId personId, const std::string& date, RowId excludingRecord = 0);
    PersonHours personHours(RowId personId);   // her hours split as the detail shows them

    // ---- titles, settings
    std::vector<AwardTitle> awardTitles();
    RowId awardTitleId(const std::string& name, const std::string& subjectKind, const std::string& level);
    std::string setting(const std::string& key, const std::string& fallback);
    void setSetting(const std::string& key, const std::string& value);

    // ---- read models
    OverviewFigures overview();
    // Every distinct code point in the text the UI may show (names, units,
    // addresses, titles …): the font loader adds glyphs for exactly these.
    std::u32string distinctCharacters();

    // The rows of an export, in the standard column order (raw values; the
    // exporter masks):
    //   volunteers  姓名, 性别, 身份证号, 手机号, 所属社区, 服务时长(小时) (recorded + roster), 加入日期
    //   families    户主姓名, 家庭住址, 家庭人口, 所属社区, 荣誉称号, 获评年度, 级别 (a row per title)
    TextTable exportVolunteers();
    TextTable exportFamilies();

    std::int64_t count(const std::string& table);       // table must be a known name

    // For the other stores of this layer (posts, records, badges …), which
    // share this connection: every write bumps the revision and is audited
    // (audited_change.hpp is the way a store method writes).
    void bump() { ++m_revision; }
    AuditLog& auditLog() { return *m_log; }
    // The AuditLog's own, for the stores' convenience (see audit_log.hpp).
    void audit(const char* action, const char* table, RowId id,
               const std::string& before, const std::string& after) { m_log->audit(action, table, id, before, after); }
    void auditInsertedAfter(const char* table, RowId afterId) { m_log->auditInsertedAfter(table, afterId); }
    std::string rowJson(const char* table, RowId id) { return m_log->rowJson(table, id); }
    std::string keyColumn(const char* table) { return m_log->keyColumn(table); }
    std::string rowJsonByKey(const char* table, const std::string& key) { return m_log->rowJsonByKey(table, key); }
    void auditByKey(const char* action, const char* table, const std::string& key,
                    const std::string& before, const std::string& after) {
        m_log->auditByKey(action, table, key, before, after);
    }
    const std::string& sessionId() const { return m_log->sessionId(); }   // this Storage's run of the app

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AuditLog> m_log;   // after m_db: destroyed first (it unhooks the connection)
    std::uint64_t m_revision = 1;
    std::int64_t m_dataVersion = 0;   // Database::dataVersion() when last looked at
};

// The columns of a service record as ServiceRecord holds them, and the reader
// of a row selected with them (Storage and ActivityStore read the same row).
#define JINGUO_SQL_SERVICE_RECORD_COLUMNS \
    "id, person_id, coalesce(activity_id, 0), served_on, hours, description, verified, recorded_by"
ServiceRecord readServiceRecord(const Statement& st);

} // namespace jinguo::storage
