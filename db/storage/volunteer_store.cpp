// volunteer_store.cpp — the 志愿者 screen's writes: checks, undo steps, and
// the shared service-record rule.
#include "storage/volunteer_store.hpp"

#include "core/service_rules.hpp"
#include "core/text.hpp"
#include "storage/activity_store.hpp"
#include "storage/undo_store.hpp"

namespace jinguo::storage {

VolunteerStore::VolunteerStore(Storage& storage) : m_storage(storage) {}

RowId VolunteerStore::save(const Person& p, const Person* asLoaded) {
    if (trim(p.name).empty()) throw StorageError("请填写姓名。");
    if (p.unitId == 0) throw StorageError("请选择所属社区。");
    UndoStep step(m_storage, std::string(p.id == 0 ? "新增志愿者" : "修改志愿者") + " " + p.name);
    if (p.id == 0) return m_storage.insertPerson(p);
    m_storage.updatePerson(p, asLoaded);
    return p.id;
}

void VolunteerStore::remove(RowId personId, const std::string& shownName) {
    // Service records, awards and badges go with her (ON DELETE CASCADE):
    // deleteRow audits each of them so that undo brings them back.
    UndoStep step(m_storage, "删除志愿者 " + shownName);
    UndoStore(m_storage).deleteRow("person", personId);
}

RowId VolunteerStore::addServiceRecord(const ServiceRecord& r, const std::string& volunteerName,
                                       const std::string& today) {
    const double already = isIsoDate(r.servedOn) ? m_storage.hoursOn(r.personId, r.servedOn) : 0.0;
    const std::string problem = serviceRecordProblem(r.servedOn, r.hours, already, today);
    if (!problem.empty()) throw StorageError(problem);
    UndoStep step(m_storage, "添加服务记录 " + volunteerName);
    return m_storage.insertServiceRecord(r);
}

void VolunteerStore::toggleVerified(const ServiceRecord& asShown, const std::string& volunteerName,
                                    const std::string& today) {
    ServiceRecord changed = asShown;
    changed.verified = !changed.verified;
    UndoStep step(m_storage, "修改核实状态 " + volunteerName);
    ActivityStore(m_storage).updateServiceRecord(changed, today, &asShown);
}

void VolunteerStore::deleteServiceRecord(RowId id, const std::string& volunteerName) {
    UndoStep step(m_storage, "删除服务记录 " + volunteerName);
    UndoStore(m_storage).deleteRow("service_record", id);
}

} // namespace jinguo::storage
