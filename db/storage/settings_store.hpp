// settings_store.hpp — the rules as data (设置): points, star thresholds,
// badge thresholds, and the award-title catalogue.
//
// Every value is checked before it is written; a refused save writes nothing
// and says in Chinese what is wrong and how to fix it. "Restore defaults" puts
// every rule key back to the values of rulesDefaults() (the same as migration
// 0001 and core/badges.hpp's BadgeParams). Titles of the catalogue can be
// added, renamed, repriced and retired; deleting is allowed only for a title
// no award or target uses (a title in use is retired instead, keeping history).
// Every change is one undo step (storage::UndoStep) with a Chinese label; a
// save of several rules is one step, and so is restoring the defaults.
#pragma once

#include "core/model.hpp"
#include "core/points.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

class Storage;

// A refused change; what() is a Chinese sentence for the user.
class SettingsError : public StorageError {
public:
    using StorageError::StorageError;
};

// Every rule key with its default and the label 设置 shows, in screen order:
// points.*, stars.thresholds, badge.*.
const std::vector<SettingDefault>& rulesDefaults();

// "" when `value` is acceptable for `key`, else why not (Chinese). Checks one
// value alone (a number, a list, a level); saveRules also checks values
// against each other.
std::string checkRuleValue(const std::string& key, const std::string& value);

struct TitleRow {
    AwardTitle title;
    std::int64_t awards = 0;       // awards of this title (any status)
    std::int64_t targets = 0;      // targets naming it
    std::optional<int> validYears; // validity in years (award_title.valid_years); none = never expires
    bool inUse() const { return awards > 0 || targets > 0; }
};

class SettingsStore {
public:
    explicit SettingsStore(Storage& storage);

    // Every rule key with its stored value (the default when absent).
    std::map<std::string, std::string> rules();

    // Checks every value (alone and together: thresholds increasing, higher
    // levels worth no less than lower ones, 50次 above 10次 …) and writes them
    // all in one transaction, or nothing. Returns the problems; empty = saved.
    // Keys not in rulesDefaults() are refused.
    std::vector<std::string> saveRules(const std::map<std::string, std::string>& values);

    // Every rule key back to its default (other settings untouched).
    void restoreDefaults();

    // ---- the title catalogue
    std::vector<TitleRow> titles();                      // by subject kind, level, name
    // Throws SettingsError: empty name, unknown kind or level, negative
    // points, or a title of that name, kind and level already there.
    RowId addTitle(const std::string& name, const std::string& subjectKind, const std::string& level,
                   double points);
    void renameTitle(RowId id, const std::string& name);
    void setTitlePoints(RowId id, double points);
    void setTitleActive(RowId id, bool active);          // retire (false) or bring back
    // The title's validity (动态管理, core/title_standing.hpp): years, or none
    // = never expires. Throws SettingsError outside 1…kMaxValidityYears.
    void setTitleValidity(RowId id, std::optional<int> years);
    void deleteTitle(RowId id);                          // refused while in use

private:
    void repriceTitlesAtLevel(const std::string& level, double oldPoints, double newPoints);

    void updateTitle(RowId id, const char* sql, const std::function<void(Statement&)>& bind);
    std::string titleName(RowId id);
    Storage& m_storage;
};

// A validity as typed in 设置: "" / 无 / 不限 / 长期 = none; else whole years
// 1…kMaxValidityYears (full-width digits folded). A bad value sets `problem`
// (Chinese, says how to fix it) and returns none.
std::optional<int> parseValidityYears(const std::string& text, std::string& problem);

// 家庭, 个人, 集体, 巾帼文明岗 for family, person, collective, post.
const char* subjectKindLabel(const std::string& kind);

} // namespace jinguo::storage
