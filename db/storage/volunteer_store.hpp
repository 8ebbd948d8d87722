// volunteer_store.hpp — volunteers and their service records, as the 志愿者
// screen changes them: checked, one undo step per user action, audited.
//
// The people a roster import brings in go through ImportStore; seeding (the
// demo, tests) through Storage's insert* methods.
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <string>

namespace jinguo::storage {

class VolunteerStore {
public:
    explicit VolunteerStore(Storage& storage);

    // Adds (p.id == 0) or changes a volunteer as one undo step named
    // "新增志愿者 NAME" / "修改志愿者 NAME". `asLoaded`: the person as the edit
    // form loaded her (StaleFormError when she changed since). Refusals
    // (StorageError, Chinese, nothing written): no name, no unit, an ID
    // number registered to someone else. Returns her id.
    RowId save(const Person& p, const Person* asLoaded = nullptr);
    // Deletes a person with her service records, awards and badges (undo
    // brings them all back), one step "删除志愿者 SHOWNNAME" (the name as the
    // screen shows her).
    void remove(RowId personId, const std::string& shownName);

    // A service record of `volunteerName`, checked by the shared rule
    // (core/service_rules.hpp: a real date, not in the future, at most 24
    // hours a day with what she already has that day); step "添加服务记录 NAME".
    RowId addServiceRecord(const ServiceRecord& r, const std::string& volunteerName, const std::string& today);
    // Flips a record's 已核实 (step "修改核实状态 NAME"); `asShown` is the
    // record as the list showed it (StaleFormError when it changed since).
    void toggleVerified(const ServiceRecord& asShown, const std::string& volunteerName, const std::string& today);
    void deleteServiceRecord(RowId id, const std::string& volunteerName);   // step "删除服务记录 NAME"

private:
    Storage& m_storage;
};

} // namespace jinguo::storage
