// stale_form.hpp — a form opened before its row changed elsewhere must not
// write its old values back over the new ones.
//
// An edit form keeps the record as it was loaded when the form opened (the
// store's own struct, read by the store's own reader). Its save passes that
// record to the store's update method, which — inside the write transaction,
// so nobody can write in between — reads the row again and compares the two
// field by field (formFields). The rule: every field the save writes back
// that differs from what the form started from refuses the save, whether or
// not the user touched that field in the form (an import may have changed
// the roster hours a volunteer form does not even show; saving would put the
// old figure back). A field the save does not write (a service record's
// activity link, a person's updated_at) is not compared. The refusal is a
// StaleFormError naming each changed field with its new value (ID numbers and
// phones masked), worded once here (staleFormMessage); nothing is written and
// the form keeps what the user typed. Undo refuses the same way when a row
// changed after the step (undo_store.cpp); both say "为免覆盖".
#pragma once

#include "core/model.hpp"
#include "core/post_rules.hpp"
#include "storage/database.hpp"

#include <string>
#include <utility>
#include <vector>

namespace jinguo::storage {

class Storage;
struct FamilyAward;
struct HonourRow;

// The row changed after the form opened: nothing was saved.
class StaleFormError : public StorageError {
public:
    using StorageError::StorageError;
};

// How the message shows a field's new value.
enum class FieldShow {
    Text,
    IdNumber,   // masked 110***********123X
    Phone,      // masked 138****5678
    Unit,       // the value is an org_unit id: show its name
    YesNo,      // "1"/"0": 是/否
};

struct FormField {
    FormField(const char* label_, std::string value_, FieldShow show_ = FieldShow::Text, std::string shown_ = {})
        : label(label_), value(std::move(value_)), show(show_), shown(std::move(shown_)) {}
    const char* label;         // as the form names the field: “手机号”
    std::string value;         // compared; what the message shows unless `shown` is set
    FieldShow show;
    std::string shown;         // for the message, when not the value itself
};
using FormFields = std::vector<FormField>;

// The fields each form's save writes back, in the form's order.
FormFields formFields(const Person& person);
FormFields formFields(const Family& family);
FormFields formFields(const OrgUnit& unit);
FormFields formFields(const Post& post);
FormFields formFields(const Activity& activity);
FormFields formFields(const ServiceRecord& record);
FormFields formFields(const Target& target);
FormFields formFields(const ManualIndicator& indicator);
FormFields formFields(const FamilyAward& award);
FormFields formFields(const HonourRow& honour);
FormFields formFields(const posts::AwardHistory& award);   // a 巾帼文明岗 step form

// Throws StaleFormError (staleFormMessage of every field that differs) when
// `now` is not `asLoaded`. Both come from formFields of the same struct.
void refuseIfChangedSince(Storage& storage, const FormFields& asLoaded, const FormFields& now);

// "保存失败：打开表单后，“手机号”已被其他人或其他窗口改为138****5678。请核对后重新修改。"
// `changed`: (label, new value as shown; "" when emptied).
std::string staleFormMessage(const std::vector<std::pair<std::string, std::string>>& changed);

} // namespace jinguo::storage
