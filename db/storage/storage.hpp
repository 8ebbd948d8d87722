// storage.hpp — the one place that owns Jinguo's SQL.
//
// Storage wraps a migrated Database and speaks in the structs of
// core/model.hpp. Every write goes through here, bumps `revision()` (screens
// key their caches on it) and, unless auditing is switched off for a bulk
// load, appends to the audit log with the record before and after.
#pragma once

#include "core/model.hpp"
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
    explicit Storage(const std::string& path);
    ~Storage();

    Database& db() { return *m_db; }
    const std::string& path() const { return m_db->path(); }
    std::uint64_t revision() const { return m_revision; }
    // True when another connection committed to the file since the last call
    // (or since opening): another Jinguo window, `jinguo import`, this app's
    // own workers. Then the revision is bumped, as after a write of our own,
    // so every screen reloads. Cheap enough for every frame: one cached
    // PRAGMA data_version (prepared once), no table read.
    bool noticeWritesElsewhere();

    // Bulk loads (demo data, imports) switch per-record auditing off and
    // write one summary entry instead.
    void setAuditEnabled(bool enabled) { m_auditEnabled = enabled; }
    bool auditEnabled() const { return m_auditEnabled; }
    void auditSummary(const std::string& action, const std::string& table, const std::string& note);

    // ---- org units
    RowId insertUnit(const OrgUnit& unit);
    std::vector<OrgUnit> units();                       // all, tree order (parent before child)

    // ---- people and volunteers
    RowId insertPerson(const Person& person);
    // `asLoaded`: the person as the edit form loaded her; the save is refused
    // (StaleFormError, nothing written) when the stored row no longer is that
    // (stale_form.hpp). nullptr for callers that read and write at once.
    void updatePerson(const Person& person, const Person* asLoaded = nullptr);
    void deletePerson(RowId id);                        // cascades to service records
    std::optional<Person> person(RowId id);
    std::optional<Person> personByIdNumber(const std::string& idNumber);
    std::vector<VolunteerRow> volunteerRows();          // every volunteer, with hour totals

    // ---- activities and service records
    RowId insertActivity(const Activity& activity);
    std::vector<Activity> activities();
    RowId insertServiceRecord(const ServiceRecord& record);
    // Hours a later roster added to a person, dated (roster_credit; imports
    // write them through ImportStore, with their batch): for seeding and tests.
    RowId insertRosterCredit(RowId person, const std::string& creditedOn, double hours);
    void deleteServiceRecord(RowId id);
    std::vector<ServiceRecord> serviceRecordsOf(RowId personId);   // newest first
    double hoursOn(RowId personId, const std::string& date, RowId excludingRecord = 0);

    // ---- families, posts, titles, awards
    RowId insertFamily(const Family& family);
    RowId insertPost(const Post& post);
    std::vector<AwardTitle> awardTitles();
    RowId awardTitleId(const std::string& name, const std::string& subjectKind, const std::string& level);
    RowId insertAward(const Award& award);              // history: add AwardEvents
    RowId insertAwardEvent(const AwardEvent& event);    // and moves the award's status

    // ---- targets, indicators, settings
    RowId insertTarget(const Target& target);
    RowId insertIndicator(const ManualIndicator& indicator);
    std::string setting(const std::string& key, const std::string& fallback);
    void setSetting(const std::string& key, const std::string& value);

    // ---- read models
    OverviewFigures overview();
    // Every distinct code point in the text the UI may show (names, units,
    // addresses, titles …): the font loader adds glyphs for exactly these.
    std::u32string distinctCharacters();

    // Display lists for the sections that so far only show data. Columns:
    //   Families       户主, 住址, 人口, 社区, 荣誉 (年度+级别+称号, newest first)
    //   Posts          单位, 岗位, 所属, 人数, 女性, 女性负责人, 状态, 级别, 年度
    //   Honours        年度, 称号, 级别, 获得者, 状态, 文号
    //   Targets        单位, 年度, 指标代码, 称号, 目标值
    //   TopVolunteers  姓名, 社区, 累计时长 (top 200 by hours)
    //   Settings       键, 值, 说明
    //   ImportBatches  文件, 类型, 时间, 导入, 更新, 跳过, 撤销时间
    enum class ListKind { Families, Posts, Honours, Targets, TopVolunteers, Settings, ImportBatches };
    TextTable list(ListKind kind);

    // The rows of an export, in the standard column order (raw values; the
    // exporter masks):
    //   volunteers  姓名, 性别, 身份证号, 手机号, 所属社区, 服务时长(小时) (recorded + roster), 加入日期
    //   families    户主姓名, 家庭住址, 家庭人口, 所属社区, 荣誉称号, 获评年度, 级别 (a row per title)
    TextTable exportVolunteers();
    TextTable exportFamilies();

    std::int64_t count(const std::string& table);       // table must be a known name

    // For the other stores of this layer (posts, records, badges …), which
    // share this connection: every write bumps the revision and is audited.
    void bump() { ++m_revision; }
    void audit(const char* action, const char* table, RowId id,
               const std::string& before, const std::string& after);
    // Audits as inserted, whole rows as audit() with rowJson() would, every
    // row of `table` whose id is above `afterId`: the rows one set-based
    // INSERT … SELECT has just written (in one statement, not one per row).
    void auditInsertedAfter(const char* table, RowId afterId);
    // The whole row `id` of `table` as a JSON object {column: value}, as the
    // audit log keeps it so that undo can put the row back; "" when there is
    // no such row. `table` is one of the schema's tables (never user text).
    std::string rowJson(const char* table, RowId id);
    // Tables keyed by one column other than id (setting: key): the whole row
    // by that primary key, and audit entries naming the row by it (record_key,
    // record_id NULL), which undo puts back like rows with an id.
    std::string keyColumn(const char* table);                 // "id", the single primary key, or ""
    std::string rowJsonByKey(const char* table, const std::string& key);
    void auditByKey(const char* action, const char* table, const std::string& key,
                    const std::string& before, const std::string& after);

    // Undo steps (see undo_store.hpp): every audited change joins a step, one
    // user action that Ctrl+Z takes back whole. beginStep/endStep nest (the
    // outermost label wins; prefer the RAII UndoStep). Changes audited outside
    // an explicit step are grouped per outermost transaction.
    void beginStep(const std::string& label);
    void endStep();
    const std::string& sessionId() const { return m_sessionId; }   // this Storage's run of the app
    RowId stepForEntry();                                          // the step a new audit entry joins
    void transactionEnded() { m_implicitStep = 0; }                // from SQLite's commit/rollback hooks
    // Writes the app makes by itself (badges it awards, marking them
    // announced) are audited but join no step: Ctrl+Z never meets them.
    void beginOutsideUndo() { ++m_outsideUndoDepth; }
    void endOutsideUndo() { if (m_outsideUndoDepth > 0) --m_outsideUndoDepth; }

private:
    RowId createStep(const std::string& label);
    std::string rowJsonSql(const char* table, const std::string& keyColumn);
    std::string rowJsonObject(const char* table);   // json_object('col', "col", …) of a row of `table`
    bool stepExists(RowId step);

    std::map<std::string, std::string> m_rowJsonSql;   // table -> SELECT json_object(...)
    std::string m_sessionId;
    std::string m_stepLabel;
    int m_stepDepth = 0;
    RowId m_stepId = 0;          // the explicit step, created with its first entry
    RowId m_implicitStep = 0;    // the running transaction's step
    int m_outsideUndoDepth = 0;
    std::map<std::string, std::string> m_keyColumns;   // table -> its key column

    std::unique_ptr<Database> m_db;
    std::uint64_t m_revision = 1;
    std::int64_t m_dataVersion = 0;   // PRAGMA data_version when last looked at
    bool m_auditEnabled = true;
};

// The columns of a service record as ServiceRecord holds them, and the reader
// of a row selected with them (Storage and ActivityStore read the same row).
#define JINGUO_SQL_SERVICE_RECORD_COLUMNS \
    "id, person_id, ifnull(activity_id, 0), served_on, hours, description, verified, recorded_by"
ServiceRecord readServiceRecord(const Statement& st);

} // namespace jinguo::storage
