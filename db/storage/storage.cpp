// storage.cpp — the shared connection, the seeding inserts, and the reads and
// exports no store owns, grouped by record kind.
//
// Writes bump the revision and append to the audit log (the whole row before
// and after, AuditLog::rowJson) inside the same transaction as the change, so
// the log never tells of a change that did not happen and undo can put every
// column back (audited_change.hpp).
//
// Sections:
//   [SECTION] Org units
//   [SECTION] People
//   [SECTION] Activities and service
//   [SECTION] Families, posts, awards
//   [SECTION] Targets, indicators, settings
//   [SECTION] Read models
#include "storage/storage.hpp"
#include "storage/sql_dialect.hpp"

#include "core/text.hpp"
#include "storage/audited_change.hpp"
#include "storage/character_scan.hpp"
#include "storage/family_list.hpp"
#include "storage/hours_sql.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/list_export.hpp"
#include "storage/stale_form.hpp"

#include <ctime>
#include <set>

namespace jinguo::storage {

namespace {

// A seeded row and its audit entry in one transaction — only while auditing
// is on. Bulk loads switch auditing off and run in their own transaction: a
// savepoint per row would cost them several seconds (demo data: 1.6 s -> 6 s).
class TransactionWhileAuditing {
public:
    // `always`: a transaction even with auditing off.
    explicit TransactionWhileAuditing(Storage& storage, bool always = false) {
        if (always || storage.auditEnabled()) m_tx.emplace(storage.db());
    }
    void commit() { if (m_tx) m_tx->commit(); }

private:
    std::optional<Transaction> m_tx;
};

// The row a seeding INSERT just wrote, audited as inserted while auditing is
// on (the whole row is not even read while it is off).
RowId seededRow(Storage& storage, const char* table, RowId id) {
    if (storage.auditEnabled()) storage.audit("insert", table, id, {}, storage.rowJson(table, id));
    return id;
}

enum class SeedTransaction { WhileAuditing, Always };

// One seeding INSERT: `sql` bound by `bind`, run, audited (seededRow) and
// the revision bumped; the new row's id.
template <class Bind>
RowId seedRow(Storage& storage, const char* table, SeedTransaction when, const char* sql, Bind&& bind) {
    TransactionWhileAuditing tx(storage, when == SeedTransaction::Always);
    auto st = storage.db().cachedInsert(sql);
    bind(*st);
    const RowId id = seededRow(storage, table, st->runInsert());
    tx.commit();
    storage.bump();
    return id;
}

Person readPerson(Statement& st) {
    Person p;
    p.id = st.columnInt(0);
    p.name = st.columnText(1);
    p.gender = st.columnText(2);
    p.idNumber = st.columnText(3);
    p.phone = st.columnText(4);
    p.unitId = st.columnInt(5);
    p.isVolunteer = st.columnInt(6) != 0;
    p.joinedOn = st.columnText(7);
    p.rosterHours = st.columnDouble(8);
    p.rosterHoursAsOf = st.columnText(9);
    p.note = st.columnText(10);
    return p;
}

// Now in UTC as SQLite's strftime('%Y-%m-%dT%H:%M:%SZ', 'now') writes it,
// taken here so that the statement is the same on a server.
std::string utcNowText() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

constexpr const char* kPersonColumns =
    "id, name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours, roster_hours_as_of, note";

} // namespace

Storage::Storage(const std::string& path, IntegrityCheck check)
    : m_db(openAndMigrate(path, check)), m_log(std::make_unique<AuditLog>(*m_db)) {
    m_dataVersion = m_db->dataVersion();
}

Storage::~Storage() = default;

bool Storage::noticeWritesElsewhere() {
    const std::int64_t version = m_db->dataVersion();
    if (version == m_dataVersion) return false;
    m_dataVersion = version;
    bump();
    return true;
}

void Storage::auditSummary(const std::string& action, const std::string& table, const std::string& note) {
    m_log->auditSummary(action, table, note);
    bump();
}

// ============================================================ [SECTION] Org units

RowId Storage::insertUnit(const OrgUnit& u) {
    return seedRow(*this, "org_unit", SeedTransaction::WhileAuditing,
                   "INSERT INTO org_unit (parent_id, name, kind, households, sort_order) VALUES (?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        st.bindIdOrNull(1, u.parentId).bind(2, u.name).bind(3, toWord(u.kind)).bind(4, u.households).bind(5, u.sortOrder);
    });
}

std::vector<OrgUnit> Storage::units() {
    // Depth-first tree order, siblings by sort_order then id.
    const SqlDialect& dialect = m_db->dialect();
    const auto key = [&](const std::string& u) {
        return dialect.zeroPadded(u + "sort_order", 8) + " || '.' || " + dialect.zeroPadded(u + "id", 8);
    };
    Statement st = m_db->prepare(R"(
        WITH RECURSIVE tree(id, path) AS (
            SELECT id, )" + key("") + R"( FROM org_unit WHERE parent_id IS NULL
            UNION ALL
            SELECT u.id, tree.path || '/' || )" + key("u.") + R"(
            FROM org_unit u JOIN tree ON u.parent_id = tree.id
        )
        SELECT u.id, coalesce(u.parent_id, 0), u.name, u.kind, u.households, u.sort_order
        FROM org_unit u JOIN tree ON tree.id = u.id ORDER BY tree.path)");
    std::vector<OrgUnit> out;
    while (st.step()) {
        OrgUnit u;
        u.id = st.columnInt(0);
        u.parentId = st.columnInt(1);
        u.name = st.columnText(2);
        u.kind = storedUnitKind(st.columnText(3));
        u.households = st.columnInt(4);
        u.sortOrder = static_cast<int>(st.columnInt(5));
        out.push_back(std::move(u));
    }
    return out;
}

// ============================================================ [SECTION] People

RowId Storage::insertPerson(const Person& p) {
    Transaction tx(*m_db);
    auto st = m_db->cachedInsert(
        "INSERT INTO person (name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours,"
        " roster_hours_as_of, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, p.name).bindTextOrNull(2, p.gender).bindTextOrNull(3, p.idNumber).bindTextOrNull(4, p.phone)
        .bindIdOrNull(5, p.unitId).bind(6, p.isVolunteer ? 1 : 0).bindTextOrNull(7, p.joinedOn)
        .bind(8, p.rosterHours).bindTextOrNull(9, p.rosterHoursAsOf).bind(10, p.note);
    RowId inserted = 0;
    try {
        inserted = runInsertRecoverably(*m_db, st);   // the catch reads the holder of the ID number in this transaction
    } catch (const StorageError&) {
        const auto other = p.idNumber.empty() ? std::nullopt : personByIdNumber(p.idNumber);
        if (other)
            throw StorageError("身份证号" + p.idNumber + "已登记在" + other->name + "名下；同一个人只能登记一次。");
        throw;
    }
    const RowId id = seededRow(*this, "person", inserted);
    tx.commit();
    bump();
    return id;
}

void Storage::updatePerson(const Person& p, const Person* asLoaded) {
    AuditedChange change(*this);
    RowAudit row = change.row("person", p.id);
    if (!row.existed()) throw StorageError("要修改的人员已不存在（可能已被删除）。");
    if (asLoaded) {
        if (const auto now = person(p.id)) refuseIfChangedSince(*this, formFields(*asLoaded), formFields(*now));
    }
    Statement st = m_db->prepare(
        "UPDATE person SET name = ?, gender = ?, id_number = ?, phone = ?, unit_id = ?, is_volunteer = ?,"
        " joined_on = ?, roster_hours = ?, roster_hours_as_of = ?, note = ?,"
        " updated_at = ? WHERE id = ?");   // the time bound: one statement for both engines
    st.bind(1, p.name).bindTextOrNull(2, p.gender).bindTextOrNull(3, p.idNumber).bindTextOrNull(4, p.phone)
        .bindIdOrNull(5, p.unitId).bind(6, p.isVolunteer ? 1 : 0).bindTextOrNull(7, p.joinedOn)
        .bind(8, p.rosterHours).bindTextOrNull(9, p.rosterHoursAsOf).bind(10, p.note)
        .bind(11, utcNowText()).bind(12, p.id);
    try {
        runRecoverably(*m_db, st);   // the catch reads the holder of the ID number in this transaction
    } catch (const StorageError&) {
        const auto other = p.idNumber.empty() ? std::nullopt : personByIdNumber(p.idNumber);
        if (other && other->id != p.id)
            throw StorageError("身份证号" + p.idNumber + "已登记在" + other->name + "名下；同一个人只能登记一次。");
        throw;
    }
    row.done();
    change.commit();
}

std::optional<Person> Storage::person(RowId id) {
    Statement st = m_db->prepare(std::string("SELECT ") + kPersonColumns + " FROM person WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readPerson(st);
}

std::optional<Person> Storage::personByIdNumber(const std::string& idNumber) {
    Statement st = m_db->prepare(std::string("SELECT ") + kPersonColumns + " FROM person WHERE id_number = ?");
    st.bind(1, idNumber);
    if (!st.step()) return std::nullopt;
    return readPerson(st);
}

std::vector<VolunteerRow> Storage::volunteerRows() {
    // One pass: totals per person from an aggregate subquery, not per row.
    Statement st = m_db->prepare(R"(
        SELECT p.id, p.name, coalesce(p.gender, ''), coalesce(p.id_number, ''), coalesce(p.phone, ''),
               coalesce(p.unit_id, 0), coalesce(u.name, ''), coalesce(p.joined_on, ''),
               coalesce(s.hours, 0), p.roster_hours, coalesce(c.records, 0), coalesce(c.unverified, 0),
               coalesce(p.unit_text, '')
        FROM person p
        LEFT JOIN org_unit u ON u.id = p.unit_id
        LEFT JOIN )" JINGUO_SQL_DATED_HOURS_BY_PERSON R"( s
               ON s.person_id = p.id
        LEFT JOIN (SELECT person_id, count(*) AS records, coalesce(sum(CASE WHEN verified = 0 THEN hours END), 0.0) AS unverified
                   FROM service_record GROUP BY person_id) c
               ON c.person_id = p.id
        WHERE p.is_volunteer = 1
        ORDER BY p.id)");
    std::vector<VolunteerRow> out;
    while (st.step()) {
        VolunteerRow r;
        r.id = st.columnInt(0);
        r.name = st.columnText(1);
        r.gender = st.columnText(2);
        r.idNumber = st.columnText(3);
        r.phone = st.columnText(4);
        r.unitId = st.columnInt(5);
        r.unitName = st.columnText(6);
        r.joinedOn = st.columnText(7);
        r.recordedHours = st.columnDouble(8);
        r.rosterHours = st.columnDouble(9);
        r.records = static_cast<int>(st.columnInt(10));
        r.unverifiedHours = st.columnDouble(11);
        r.unitText = st.columnText(12);
        out.push_back(std::move(r));
    }
    return out;
}

// ============================================================ [SECTION] Activities and service

RowId Storage::insertActivity(const Activity& a) {
    return seedRow(*this, "activity", SeedTransaction::WhileAuditing,
                   "INSERT INTO activity (name, held_on, unit_id, kind, participants, note) VALUES (?, ?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        st.bind(1, a.name).bind(2, a.heldOn).bindIdOrNull(3, a.unitId).bind(4, a.kind).bind(5, a.participants)
            .bind(6, a.note);
    });
}

ServiceRecord readServiceRecord(const Statement& st) {
    ServiceRecord r;
    r.id = st.columnInt(0);
    r.personId = st.columnInt(1);
    r.activityId = st.columnInt(2);
    r.servedOn = st.columnText(3);
    r.hours = st.columnDouble(4);
    r.description = st.columnText(5);
    r.verified = st.columnInt(6) != 0;
    r.recordedBy = st.columnText(7);
    return r;
}

RowId Storage::insertRosterCredit(RowId person, const std::string& creditedOn, double hours) {
    return seedRow(*this, "roster_credit", SeedTransaction::Always,
                   "INSERT INTO roster_credit (person_id, credited_on, hours) VALUES (?, ?, ?)",
                   [&](Statement& st) {
        st.bind(1, person).bind(2, creditedOn).bind(3, hours);
    });
}

RowId Storage::insertServiceRecord(const ServiceRecord& r) {
    return seedRow(*this, "service_record", SeedTransaction::Always,
                   "INSERT INTO service_record (person_id, activity_id, served_on, hours, description, verified, recorded_by)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        st.bind(1, r.personId).bindIdOrNull(2, r.activityId).bind(3, r.servedOn).bind(4, r.hours)
            .bind(5, r.description).bind(6, r.verified ? 1 : 0).bind(7, r.recordedBy);
    });
}

std::vector<ServiceRecord> Storage::serviceRecordsOf(RowId personId) {
    Statement st = m_db->prepare(
        "SELECT " JINGUO_SQL_SERVICE_RECORD_COLUMNS
        " FROM service_record WHERE person_id = ? ORDER BY served_on DESC, id DESC");
    st.bind(1, personId);
    std::vector<ServiceRecord> out;
    while (st.step()) out.push_back(readServiceRecord(st));
    return out;
}

PersonHours Storage::personHours(RowId personId) {
    // The parts of JINGUO_SQL_DATED_HOURS_BY_PERSON plus the roster history,
    // each on its own; a storage test holds their sum to volunteerRows().
    Statement st = m_db->prepare(R"(
        SELECT (SELECT coalesce(sum(hours), 0.0) FROM service_record WHERE person_id = ?1 AND verified = 1),
               (SELECT coalesce(sum(hours), 0.0) FROM roster_credit WHERE person_id = ?1),
               (SELECT coalesce(roster_hours, 0) FROM person WHERE id = ?1),
               (SELECT coalesce(sum(hours), 0.0) FROM service_record WHERE person_id = ?1 AND verified = 0))");
    st.bind(1, personId);
    PersonHours h;
    if (st.step()) {
        h.verifiedRecords = st.columnDouble(0);
        h.rosterCredits = st.columnDouble(1);
        h.rosterHistory = st.columnDouble(2);
        h.unverified = st.columnDouble(3);
    }
    return h;
}

double Storage::hoursOn(RowId personId, const std::string& date, RowId excludingRecord) {
    Statement st = m_db->prepare(
        "SELECT coalesce(sum(hours), 0) FROM service_record WHERE person_id = ? AND served_on = ? AND id <> ?");
    st.bind(1, personId).bind(2, date).bind(3, excludingRecord);
    return st.step() ? st.columnDouble(0) : 0.0;
}

// ============================================================ [SECTION] Families, posts, awards

RowId Storage::insertFamily(const Family& f) {
    return seedRow(*this, "family", SeedTransaction::WhileAuditing,
                   "INSERT INTO family (head_name, address, members, unit_id, note, sort_key, head_spell)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        const FamilySortFields keys = familySortFields(db(), f.headName);
        st.bind(1, f.headName).bind(2, f.address).bind(3, f.members).bindIdOrNull(4, f.unitId).bind(5, f.note)
            .bind(6, keys.sortKey).bind(7, keys.headSpell);
    });
}

RowId Storage::insertPost(const Post& p) {
    return seedRow(*this, "post", SeedTransaction::WhileAuditing,
                   "INSERT INTO post (work_unit, name, unit_id, members, women_members, women_leaders, contact_name,"
                   " contact_phone, note, kind_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        st.bind(1, p.workUnit).bind(2, p.name).bindIdOrNull(3, p.unitId).bind(4, p.members).bind(5, p.womenMembers)
            .bind(6, p.womenLeaders).bind(7, p.contactName).bindTextOrNull(8, p.contactPhone).bind(9, p.note)
            .bind(10, p.kindId);
    });
}

std::vector<AwardTitle> Storage::awardTitles() {
    Statement st = m_db->prepare(
        "SELECT id, name, subject_kind, level, points, cycle_years, builtin, active FROM award_title ORDER BY id");
    std::vector<AwardTitle> out;
    while (st.step()) {
        AwardTitle t;
        t.id = st.columnInt(0);
        t.name = st.columnText(1);
        t.subjectKind = st.columnText(2);
        t.level = st.columnText(3);
        t.points = st.columnDouble(4);
        t.cycleYears = static_cast<int>(st.columnInt(5));
        t.builtin = st.columnInt(6) != 0;
        t.active = st.columnInt(7) != 0;
        out.push_back(std::move(t));
    }
    return out;
}

RowId Storage::awardTitleId(const std::string& name, const std::string& subjectKind, const std::string& level) {
    auto st = m_db->cached("SELECT id FROM award_title WHERE name = ? AND subject_kind = ? AND level = ?");
    st.bind(1, name).bind(2, subjectKind).bind(3, level);
    return st.step() ? st.columnInt(0) : 0;
}

RowId Storage::insertAward(const Award& a) {
    return seedRow(*this, "award", SeedTransaction::WhileAuditing,
                   "INSERT INTO award (title_id, year, family_id, person_id, post_id, collective_name, unit_id, status,"
                   " doc_number, fix_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        st.bind(1, a.titleId).bind(2, a.year).bindIdOrNull(3, a.familyId).bindIdOrNull(4, a.personId)
            .bindIdOrNull(5, a.postId).bindTextOrNull(6, a.collectiveName).bindIdOrNull(7, a.unitId)
            .bind(8, a.status).bind(9, a.docNumber).bindTextOrNull(10, a.fixBy);
    });
}

RowId Storage::insertAwardEvent(const AwardEvent& e) {
    TransactionWhileAuditing tx(*this);
    auto st = m_db->cachedInsert(
        "INSERT INTO award_event (award_id, status, happened_on, doc_number, score, veto, fix_by, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, e.awardId).bind(2, e.status).bind(3, e.happenedOn).bind(4, e.docNumber);
    if (e.score) st.bind(5, *e.score); else st.bindNull(5);
    st.bind(6, e.veto ? 1 : 0).bindTextOrNull(7, e.fixBy).bind(8, e.note);
    const RowId id = seededRow(*this, "award_event", st.runInsert());
    const std::string awardBefore = auditEnabled() ? rowJson("award", e.awardId) : std::string();
    auto move = m_db->cached("UPDATE award SET status = ?, fix_by = ? WHERE id = ?");
    move.bind(1, e.status).bindTextOrNull(2, e.fixBy).bind(3, e.awardId);
    move.run();
    if (auditEnabled()) audit("update", "award", e.awardId, awardBefore, rowJson("award", e.awardId));
    tx.commit();   // the event and the status it moves are one undo step
    bump();
    return id;
}

// ============================================================ [SECTION] Targets, indicators, settings

RowId Storage::insertTarget(const Target& t) {
    return seedRow(*this, "target", SeedTransaction::WhileAuditing,
                   "INSERT INTO target (unit_id, year, metric, title_id, indicator, goal, note, at_level)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        st.bind(1, t.unitId).bind(2, t.year).bind(3, t.metric).bindIdOrNull(4, t.titleId)
            .bindTextOrNull(5, t.indicator).bind(6, t.goal).bind(7, t.note).bind(8, t.atLevel ? 1 : 0);
    });
}

RowId Storage::insertIndicator(const ManualIndicator& m) {
    return seedRow(*this, "manual_indicator", SeedTransaction::WhileAuditing,
                   "INSERT INTO manual_indicator (unit_id, year, name, value, unit, note) VALUES (?, ?, ?, ?, ?, ?)",
                   [&](Statement& st) {
        st.bind(1, m.unitId).bind(2, m.year).bind(3, m.name).bind(4, m.value).bind(5, m.unit).bind(6, m.note);
    });
}

std::string Storage::setting(const std::string& key, const std::string& fallback) {
    Statement st = m_db->prepare("SELECT value FROM setting WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.columnText(0) : fallback;
}

void Storage::setSetting(const std::string& key, const std::string& value) {
    AuditedChange change(*this, "修改设置");
    change.upsertByKey("setting", key, [&] {
        auto st = m_db->cached(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind(1, key).bind(2, value);
        st.run();
    });
    change.commit();
}

// ============================================================ [SECTION] Read models

TextTable Storage::exportVolunteers() {
    TextTable table;
    eachVolunteerExportRow(*this, [&](std::vector<std::string>& cells) { table.rows.push_back(cells); });
    return table;
}

TextTable Storage::exportFamilies() {
    TextTable table;
    eachFamilyExportRow(*this, [&](std::vector<std::string>& cells) { table.rows.push_back(cells); });
    return table;
}

std::int64_t Storage::count(const std::string& table) {
    static const std::set<std::string> known = {
        "org_unit", "person", "activity", "service_record", "family", "post", "award_title", "award",
        "award_event", "target", "manual_indicator", "import_batch", "setting", "audit_log", "badge_earned"};
    if (!known.count(table)) throw StorageError("未知的数据表：" + table);
    Statement st = m_db->prepare("SELECT count(*) FROM " + table);   // name checked against the list above
    return st.step() ? st.columnInt(0) : 0;
}

OverviewFigures Storage::overview() {
    OverviewFigures f;
    auto scalar = [&](const std::string& sql) -> double {
        Statement st = m_db->prepare(sql);
        return st.step() ? st.columnDouble(0) : 0.0;
    };
    const std::string countOfKinds = "SELECT count(*) FROM org_unit WHERE kind IN ";
    f.streets = static_cast<std::int64_t>(scalar(countOfKinds + sqlKindsOf(UnitTier::Street)));
    f.communities = static_cast<std::int64_t>(scalar(countOfKinds + sqlKindsOf(UnitTier::Community)));
    f.households = static_cast<std::int64_t>(
        scalar("SELECT coalesce(sum(households), 0) FROM org_unit WHERE kind IN " + sqlKindsOf(UnitTier::Community)));
    // Both of person's figures from its per-unit tally (migration 0030): a
    // few rows per unit instead of a pass over a million people.
    double rosterHistory = 0;
    {
        Statement st = m_db->prepare(
            "SELECT coalesce(sum(CASE WHEN is_volunteer = 1 THEN people END), 0.0), coalesce(sum(roster_hours), 0.0) FROM unit_person_tally");
        if (st.step()) {
            f.volunteers = st.columnInt(0);
            rosterHistory = st.columnDouble(1);
        }
    }
    // Kept by triggers (migration 0032): count(*) reads every page of an index.
    f.serviceRecords = static_cast<std::int64_t>(
        scalar("SELECT row_count FROM table_row_count WHERE table_name = 'service_record'"));
    // All time, as stars and the all-time board count it: roster history + dated hours.
    // The dated hours from the all-time rows of the per-unit summary (0030):
    // one row per unit, not one per person.
    f.serviceHours = scalar("SELECT coalesce(sum(hours), 0.0) FROM unit_period_hours WHERE period = 'all'") + rosterHistory;
    f.activities = static_cast<std::int64_t>(scalar("SELECT count(*) FROM activity"));
    f.families = static_cast<std::int64_t>(scalar("SELECT count(*) FROM family"));
    // Titles counted from the per-year tally of migration 0032, not every award.
    f.familyAwards = static_cast<std::int64_t>(
        scalar(withWords("SELECT coalesce(sum(awards), 0.0) FROM award_year_tally WHERE family = 1 AND status <> {revoked}")));
    f.posts = static_cast<std::int64_t>(scalar(withWords("SELECT count(*) FROM post WHERE kind_id = {post_kind}")));
    f.postsNamed = static_cast<std::int64_t>(scalar(withWords(
        "SELECT count(DISTINCT a.post_id) FROM award a JOIN post p ON p.id = a.post_id"
        " WHERE p.kind_id = {post_kind} AND a.status IN {held}")));
    f.targets = static_cast<std::int64_t>(scalar("SELECT count(*) FROM target"));
    f.latestYear = static_cast<int>(scalar(
        // Every award has a title: a seek per title on award_title_year
        // instead of a pass over every award.
        "SELECT max(y) FROM (SELECT (SELECT max(a.year) FROM award a WHERE a.title_id = t.id) AS y FROM award_title t"
        " UNION ALL"
        " SELECT CAST(substr(max(served_on), 1, 4) AS INTEGER) FROM service_record) AS years"));

    // Each post counts once, in the state of its most recent award.
    Statement byStatus = m_db->prepare(withWords(R"(
        SELECT a.status, count(*) FROM award a
        WHERE a.post_id IN (SELECT id FROM post WHERE kind_id = {post_kind})
          AND a.id = (SELECT b.id FROM award b WHERE b.post_id = a.post_id ORDER BY b.year DESC, b.id DESC LIMIT 1)
        GROUP BY a.status
        ORDER BY {status_order})"));
    while (byStatus.step()) f.postsByStatus.push_back({byStatus.columnText(0), byStatus.columnInt(1)});

    Statement byLevel = m_db->prepare(withWords(R"(
        SELECT t.level, sum(c.awards) FROM award_year_tally c JOIN award_title t ON t.id = c.title_id
        WHERE c.year = ? AND c.status IN {held}
        GROUP BY t.level
        ORDER BY {level_order})"));
    byLevel.bind(1, f.latestYear);
    while (byLevel.step()) f.awardsByLevel.push_back({byLevel.columnText(0), byLevel.columnInt(1)});
    return f;
}

std::u32string Storage::distinctCharacters() {
    std::set<char32_t> all;
    for (std::size_t i = 0; i < characterSourceCount(); ++i)
        for (char32_t cp : distinctCharactersOf(*this, i)) all.insert(cp);
    return std::u32string(all.begin(), all.end());
}

} // namespace jinguo::storage
