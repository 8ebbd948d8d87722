// audit_retention.hpp — how long the audit log keeps a deleted person's full
// ID number and phone.
//
// Every change is audited with whole rows (before_json / after_json), so a
// deleted volunteer's ID number and phone would stay in audit_log for ever.
// The retention rule (setting `privacy.audit_retention_days`, default 180)
// masks `id_number` and `phone` inside every audit row of a person who no
// longer exists once the newest of those rows is older than the limit
// (110***********123X, 138****5678, as core/masking does). `jinguo
// audit-prune` applies it now; the GUI applies it at start. An undo or redo
// that would put such a masked value back into person is refused (undo_store).
#pragma once

#include <string>

namespace jinguo::storage {

class Storage;

constexpr int kDefaultAuditRetentionDays = 180;
inline constexpr const char* kAuditRetentionSetting = "privacy.audit_retention_days";

// The setting's value (kDefaultAuditRetentionDays when absent or not a
// whole number ≥ 0).
int auditRetentionDays(Storage& storage);

struct AuditPruneResult {
    int people = 0;   // deleted people whose audit rows were masked now
    int rows = 0;     // audit rows changed
};

// Masks the personal fields of deleted people's audit rows whose newest row
// is older than `days` days before `nowUtc` ("YYYY-MM-DDTHH:MM:SSZ"; empty:
// now). One transaction, outside undo. Rows already masked are left alone.
AuditPruneResult pruneAuditLog(Storage& storage, int days, const std::string& nowUtc = {});

// True when `json` (an audited person row) holds an ID number or phone the
// retention rule has masked.
bool holdsMaskedPersonalField(const std::string& table, const std::string& json);

} // namespace jinguo::storage
