// activity_store.cpp — see activity_store.hpp.
#include "storage/activity_store.hpp"

#include "core/service_rules.hpp"
#include "core/text.hpp"
#include "storage/audited_change.hpp"
#include "storage/stale_form.hpp"
#include "storage/undo_store.hpp"

#include <map>
#include <utility>

namespace jinguo::storage {

ActivityStore::ActivityStore(Storage& storage) : m_storage(storage), m_db(storage.db()) {}

ActivityRow readActivityColumns(const Statement& st) {
    ActivityRow r;
    r.activity.id = st.columnInt(0);
    r.activity.name = st.columnText(1);
    r.activity.heldOn = st.columnText(2);
    r.activity.unitId = st.columnInt(3);
    r.activity.kind = st.columnText(4);
    r.activity.participants = static_cast<int>(st.columnInt(5));
    r.activity.note = st.columnText(6);
    r.unitName = st.columnText(7);
    return r;
}

std::vector<ActivityRow> ActivityStore::list() {
    // One pass: record totals per activity from an aggregate subquery.
    Statement st = m_db.prepare(R"(
        SELECT a.id, a.name, a.held_on, coalesce(a.unit_id, 0), a.kind, a.participants, a.note,
               coalesce(u.name, ''), coalesce(s.people, 0), coalesce(s.hours, 0)
        FROM activity a
        LEFT JOIN org_unit u ON u.id = a.unit_id
        LEFT JOIN (SELECT activity_id, count(DISTINCT person_id) AS people, sum(hours) AS hours
                   FROM service_record WHERE activity_id IS NOT NULL GROUP BY activity_id) s
               ON s.activity_id = a.id
        ORDER BY a.held_on DESC, a.id DESC)");
    std::vector<ActivityRow> out;
    while (st.step()) {
        ActivityRow r = readActivityColumns(st);
        r.volunteers = static_cast<int>(st.columnInt(8));
        r.hours = st.columnDouble(9);
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<Activity> ActivityStore::activity(RowId id) {
    Statement st = m_db.prepare(
        "SELECT id, name, held_on, coalesce(unit_id, 0), kind, participants, note FROM activity WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    Activity a;
    a.id = st.columnInt(0);
    a.name = st.columnText(1);
    a.heldOn = st.columnText(2);
    a.unitId = st.columnInt(3);
    a.kind = st.columnText(4);
    a.participants = static_cast<int>(st.columnInt(5));
    a.note = st.columnText(6);
    return a;
}

std::string ActivityStore::activityProblem(const Activity& a, const std::string& today) {
    if (trim(a.name).empty()) return "请填写活动名称。";
    if (!isIsoDate(a.heldOn)) return "活动日期“" + a.heldOn + "”不是有效日期，请按 2026-03-08 的格式填写。";
    if (a.heldOn > today) return "活动日期" + a.heldOn + "晚于今天；请登记已经举办的活动。";
    if (a.participants < 0) return "参与人数不能是负数。";
    return {};
}

RowId ActivityStore::insert(const Activity& a, const std::string& today) {
    if (const std::string problem = activityProblem(a, today); !problem.empty()) throw StorageError(problem);
    AuditedChange change(m_storage);   // joins the caller's undo step
    auto st = m_db.cachedInsert(
        "INSERT INTO activity (name, held_on, unit_id, kind, participants, note) VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, trim(a.name)).bind(2, a.heldOn).bindIdOrNull(3, a.unitId).bind(4, trim(a.kind))
        .bind(5, a.participants).bind(6, a.note);
    const RowId id = change.insert("activity", st);
    change.commit();
    return id;
}

void ActivityStore::update(const Activity& a, const std::string& today, const Activity* asLoaded) {
    if (const std::string problem = activityProblem(a, today); !problem.empty()) throw StorageError(problem);
    AuditedChange change(m_storage);
    RowAudit row = change.row("activity", a.id);
    if (!row.existed()) throw StorageError("要修改的活动已不存在（可能已被删除）。");
    if (asLoaded) {
        if (const auto now = activity(a.id)) refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    auto st = m_db.cached(
        "UPDATE activity SET name = ?, held_on = ?, unit_id = ?, kind = ?, participants = ?, note = ? WHERE id = ?");
    st.bind(1, trim(a.name)).bind(2, a.heldOn).bindIdOrNull(3, a.unitId).bind(4, trim(a.kind))
        .bind(5, a.participants).bind(6, a.note).bind(7, a.id);
    st.run();
    row.done();
    change.commit();
}

bool ActivityStore::remove(RowId id) { return UndoStore(m_storage).deleteRow("activity", id); }

std::vector<ActivityServiceRow> ActivityStore::records(RowId activityId) {
    Statement st = m_db.prepare(R"(
        SELECT s.id, s.person_id, s.served_on, s.hours, s.description, s.verified, s.recorded_by, p.name
        FROM service_record s JOIN person p ON p.id = s.person_id
        WHERE s.activity_id = ? ORDER BY s.served_on DESC, s.id DESC)");
    st.bind(1, activityId);
    std::vector<ActivityServiceRow> out;
    while (st.step()) {
        ActivityServiceRow r;
        r.record.id = st.columnInt(0);
        r.record.personId = st.columnInt(1);
        r.record.activityId = activityId;
        r.record.servedOn = st.columnText(2);
        r.record.hours = st.columnDouble(3);
        r.record.description = st.columnText(4);
        r.record.verified = st.columnInt(5) != 0;
        r.record.recordedBy = st.columnText(6);
        r.personName = st.columnText(7);
        out.push_back(std::move(r));
    }
    return out;
}

std::string ActivityStore::personName(RowId id) {
    auto st = m_db.cached("SELECT name FROM person WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.columnText(0) : std::string();
}

std::vector<ActivityStore::Problem> ActivityStore::checkService(const std::string& date,
                                                                const std::vector<ServiceEntry>& entries,
                                                                const std::string& today) {
    std::vector<Problem> problems;
    std::map<RowId, double> pending;   // hours of earlier entries for the same person
    for (const ServiceEntry& e : entries) {
        const std::string name = personName(e.personId);
        if (name.empty()) {
            problems.push_back({e.personId, "所选志愿者已不存在（可能已被删除），请从名单中移除。"});
            continue;
        }
        const double already = m_storage.hoursOn(e.personId, date) + pending[e.personId];
        const std::string problem = serviceRecordProblem(date, e.hours, already, today);
        if (!problem.empty()) problems.push_back({e.personId, name + "：" + problem});
        else pending[e.personId] += e.hours;
    }
    return problems;
}

std::vector<RowId> ActivityStore::recordService(RowId activityId, const std::string& date,
                                                const std::vector<ServiceEntry>& entries,
                                                const std::string& description, bool verified,
                                                const std::string& recordedBy, const std::string& today) {
    if (entries.empty()) throw StorageError("请先选择至少一名志愿者并填写时长。");
    if (activityId != 0 && !activity(activityId)) throw StorageError("该活动已不存在（可能已被删除）。");
    AuditedChange change(m_storage);
    const std::vector<Problem> problems = checkService(date, entries, today);
    if (!problems.empty()) throw StorageError(problems.front().message);
    std::vector<RowId> ids;
    for (const ServiceEntry& e : entries) {
        auto st = m_db.cachedInsert(
            "INSERT INTO service_record (person_id, activity_id, served_on, hours, description, verified,"
            " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, e.personId).bindIdOrNull(2, activityId).bind(3, date).bind(4, e.hours)
            .bind(5, trim(description)).bind(6, verified ? 1 : 0).bind(7, trim(recordedBy));
        ids.push_back(change.insert("service_record", st));
    }
    change.commit();
    return ids;
}

std::optional<ServiceRecord> ActivityStore::serviceRecord(RowId id) {
    auto st = m_db.cached("SELECT " JINGUO_SQL_SERVICE_RECORD_COLUMNS " FROM service_record WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readServiceRecord(st);
}

void ActivityStore::updateServiceRecord(const ServiceRecord& r, const std::string& today,
                                        const ServiceRecord* asLoaded) {
    AuditedChange change(m_storage);
    RowAudit row = change.row("service_record", r.id);
    if (!row.existed()) throw StorageError("要修改的服务记录已不存在（可能已被删除）。");
    if (asLoaded) {
        if (const auto now = serviceRecord(r.id))
            refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    const std::string problem =
        serviceRecordProblem(r.servedOn, r.hours, m_storage.hoursOn(r.personId, r.servedOn, r.id), today);
    if (!problem.empty()) throw StorageError(problem);
    auto st = m_db.cached(
        "UPDATE service_record SET served_on = ?, hours = ?, description = ?, verified = ?, recorded_by = ?"
        " WHERE id = ?");
    st.bind(1, r.servedOn).bind(2, r.hours).bind(3, trim(r.description)).bind(4, r.verified ? 1 : 0)
        .bind(5, trim(r.recordedBy)).bind(6, r.id);
    st.run();
    row.done();
    change.commit();
}

} // namespace jinguo::storage
