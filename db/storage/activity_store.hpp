// activity_store.hpp — activities (name, date, unit, kind, participants) and
// the service records volunteers earn in them.
//
// Every write is one transaction, audited with whole rows and bumps the
// revision. Service for several volunteers at once lands whole or not at all:
// one refused entry (future date, hours out of range, more than 24 h for one
// person on one day) refuses the batch with a Chinese message naming the
// person, and nothing is written.
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

struct ActivityRow {
    Activity activity;
    std::string unitName;
    int volunteers = 0;        // distinct people with service records in it
    double hours = 0;          // their hours in it
};

// An activity's columns as the lists select them — a.id, a.name, a.held_on,
// coalesce(a.unit_id, 0), a.kind, a.participants, a.note, coalesce(u.name, '') —
// read from the current row of `st` (ActivityStore::list, activity_list.cpp).
ActivityRow readActivityColumns(const Statement& st);

struct ActivityServiceRow {    // a service record of an activity, with the person's name
    ServiceRecord record;
    std::string personName;
};

struct ServiceEntry {          // one volunteer's hours, for recordService
    RowId personId = 0;
    double hours = 0;
};

class ActivityStore {
public:
    explicit ActivityStore(Storage& storage);

    std::vector<ActivityRow> list();                       // newest first (date, then id)
    std::optional<Activity> activity(RowId id);
    // Refuse (StorageError, Chinese) an empty name, a bad or future date,
    // negative participants.
    RowId insert(const Activity& activity, const std::string& today);
    // `asLoaded`: the activity as the form loaded it; refused (StaleFormError)
    // when the row changed since (stale_form.hpp).
    void update(const Activity& activity, const std::string& today, const Activity* asLoaded = nullptr);
    // The activity goes; its service records stay (hours are the volunteers')
    // and lose the link. Undo restores both.
    bool remove(RowId id);

    std::vector<ActivityServiceRow> records(RowId activityId);   // newest first, with the names

    struct Problem {
        RowId personId = 0;
        std::string message;   // Chinese, names the person
    };
    // Every reason the entries cannot be recorded on `date` (hours already
    // stored that day and earlier entries for the same person count).
    std::vector<Problem> checkService(const std::string& date, const std::vector<ServiceEntry>& entries,
                                      const std::string& today);
    // Records them all in one transaction, or throws StorageError with the
    // first problem and writes nothing. Returns the new record ids.
    std::vector<RowId> recordService(RowId activityId, const std::string& date,
                                     const std::vector<ServiceEntry>& entries, const std::string& description,
                                     bool verified, const std::string& recordedBy, const std::string& today);

    // Changes a record's date, hours, description, verified and recorded-by
    // (the same rules as a new one, its own hours not counted twice).
    // `asLoaded`: the record as the list showed it; refused (StaleFormError)
    // when its date, hours, content, 已核实 or 记录人 changed since.
    void updateServiceRecord(const ServiceRecord& record, const std::string& today,
                             const ServiceRecord* asLoaded = nullptr);
    std::optional<ServiceRecord> serviceRecord(RowId id);

private:
    std::string activityProblem(const Activity& activity, const std::string& today);
    std::string personName(RowId id);

    Storage& m_storage;
    Database& m_db;
};

} // namespace jinguo::storage
