// stale_form.cpp — see stale_form.hpp. The labels follow the forms' own.
#include "storage/stale_form.hpp"

#include "core/masking.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"

#include <cstdio>

namespace jinguo::storage {

namespace {

std::string number(double value) {
    // Exact enough to tell two stored values apart, short for the message.
    char text[64];
    std::snprintf(text, sizeof text, "%.15g", value);
    return text;
}

std::string number(std::int64_t value) { return std::to_string(value); }
std::string yesNo(bool value) { return value ? "1" : "0"; }
std::string unitId(RowId id) { return id == 0 ? std::string() : std::to_string(id); }

std::string shownValue(Storage& storage, const FormField& f) {
    if (!f.shown.empty()) return f.shown;
    if (f.value.empty()) return {};
    switch (f.show) {
    case FieldShow::Text: return f.value;
    case FieldShow::IdNumber: return maskIdNumber(f.value);
    case FieldShow::Phone: return maskPhone(f.value);
    case FieldShow::YesNo: return f.value == "1" ? "是" : "否";
    case FieldShow::Unit: {
        auto st = storage.db().cached("SELECT name FROM org_unit WHERE id = ?");
        st.bind(1, static_cast<std::int64_t>(std::stoll(f.value)));
        return st.step() ? st.columnText(0) : "（已删除的单位）";
    }
    }
    return f.value;
}

} // namespace

FormFields formFields(const Person& p) {
    return {
        {"姓名", p.name},
        {"性别", p.gender},
        {"身份证号", p.idNumber, FieldShow::IdNumber},
        {"手机号", p.phone, FieldShow::Phone},
        {"所属社区", unitId(p.unitId), FieldShow::Unit},
        {"加入日期", p.joinedOn},
        {"历史累计时长", number(p.rosterHours)},
        {"名册时长截至日期", p.rosterHoursAsOf},
        {"备注", p.note},
        {"志愿者", yesNo(p.isVolunteer), FieldShow::YesNo},
    };
}

FormFields formFields(const Family& f) {
    return {
        {"户主姓名", f.headName},
        {"家庭人口", number(static_cast<std::int64_t>(f.members))},
        {"家庭住址", f.address},
        {"所属社区/村", unitId(f.unitId), FieldShow::Unit},
        {"备注", f.note},
    };
}

FormFields formFields(const OrgUnit& u) {
    return {
        {"单位名称", u.name},
        {"类型", toWord(u.kind)},
        {"上级单位", unitId(u.parentId), FieldShow::Unit},
        {"总户数", number(u.households)},
        {"排列顺序", number(static_cast<std::int64_t>(u.sortOrder))},
    };
}

FormFields formFields(const Post& p) {
    return {
        {"所在单位", p.workUnit},
        {"岗位/集体名称", p.name},
        {"所属街道/社区", unitId(p.unitId), FieldShow::Unit},
        {"总人数", number(static_cast<std::int64_t>(p.members))},
        {"女职工人数", number(static_cast<std::int64_t>(p.womenMembers))},
        {"女性负责人数", number(static_cast<std::int64_t>(p.womenLeaders))},
        {"岗长为女性", yesNo(p.headIsWoman), FieldShow::YesNo},
        {"联系人", p.contactName},
        {"联系电话", p.contactPhone, FieldShow::Phone},
        {"备注", p.note},
    };
}

FormFields formFields(const Activity& a) {
    return {
        {"活动名称", a.name},
        {"活动日期", a.heldOn},
        {"举办单位", unitId(a.unitId), FieldShow::Unit},
        {"类型", a.kind},
        {"参与人数", number(static_cast<std::int64_t>(a.participants))},
        {"备注", a.note},
    };
}

FormFields formFields(const Target& t) {
    // What TargetStore::save writes over an existing target.
    return {{"目标值", number(t.goal)}, {"说明", t.note}};
}

FormFields formFields(const ManualIndicator& m) {
    return {{"数值", number(m.value)}, {"计量单位", m.unit}, {"备注", m.note}};
}

FormFields formFields(const ServiceRecord& r) {
    // What updateServiceRecord writes; the person and the activity link are
    // not the form's (deleting the activity clears the link: no conflict).
    return {
        {"日期", r.servedOn},
        {"服务时长", number(r.hours)},
        {"内容", r.description},
        {"已核实", yesNo(r.verified), FieldShow::YesNo},
        {"记录人", r.recordedBy},
    };
}

FormFields formFields(const FamilyAward& a) {
    return {
        {"称号", a.title},
        {"级别", a.level},
        {"年度", number(static_cast<std::int64_t>(a.year))},
        {"状态", a.status},
        {"文号", a.docNumber},
    };
}

FormFields formFields(const HonourRow& h) {
    return {
        {"类型", h.collective ? "集体" : "个人"},
        {h.collective ? "集体名称" : "获得者姓名", h.name},
        {"身份证号", h.idNumber, FieldShow::IdNumber},
        {"所属单位", unitId(h.unitId), FieldShow::Unit},
        {"称号", h.title},
        {"级别", h.level},
        {"年度", number(static_cast<std::int64_t>(h.year))},
        {"状态", h.status},
        {"文号", h.docNumber},
    };
}

FormFields formFields(const posts::AwardHistory& a) {
    // A step moves the award on from the state the form showed: another step
    // recorded meanwhile (even one ending in the same state) is a change.
    FormField last{"最近一步", "", FieldShow::Text, ""};
    if (!a.events.empty()) {
        const AwardEvent& e = a.events.back();
        last.value = std::to_string(e.id);
        last.shown = e.status + "（" + e.happenedOn + "）";
    }
    return {
        {"状态", a.status},
        {"文号", a.docNumber},
        {"整改期限", a.fixBy},
        std::move(last),
    };
}

std::string staleFormMessage(const std::vector<std::pair<std::string, std::string>>& changed) {
    std::string text = "保存失败：打开表单后，";
    bool first = true;
    for (const auto& [label, value] : changed) {
        if (!first) text += "，";
        text += "“" + label + "”";
        if (first) text += "已被其他人或其他窗口";
        text += value.empty() ? "清空" : "改为" + value;
        first = false;
    }
    return text + "。请核对后重新修改。";
}

void refuseIfChangedSince(Storage& storage, const FormFields& asLoaded, const FormFields& now) {
    std::vector<std::pair<std::string, std::string>> changed;
    for (std::size_t i = 0; i < asLoaded.size() && i < now.size(); ++i) {
        if (asLoaded[i].value == now[i].value) continue;
        changed.emplace_back(now[i].label, shownValue(storage, now[i]));
    }
    if (!changed.empty()) throw StaleFormError(staleFormMessage(changed));
}

} // namespace jinguo::storage
