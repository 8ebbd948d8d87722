// target_store.cpp — see target_store.hpp.
#include "storage/target_store.hpp"

#include "core/org_tree.hpp"
#include "core/targets.hpp"
#include "core/text.hpp"
#include "storage/audited_change.hpp"
#include "storage/stale_form.hpp"
#include "storage/undo_store.hpp"

#include <cmath>

namespace jinguo::storage {

namespace {

constexpr const char* kTargetColumns = "id, unit_id, year, metric, coalesce(title_id, 0), coalesce(indicator, ''), goal, note, at_level";

Target readTarget(const Statement& st) {
    Target t;
    t.id = st.columnInt(0);
    t.unitId = st.columnInt(1);
    t.year = static_cast<int>(st.columnInt(2));
    t.metric = st.columnText(3);
    t.titleId = st.columnInt(4);
    t.indicator = st.columnText(5);
    t.goal = st.columnDouble(6);
    t.note = st.columnText(7);
    t.atLevel = st.columnInt(8) != 0;
    return t;
}

constexpr const char* kIndicatorColumns = "id, unit_id, year, name, value, unit, note";

ManualIndicator readIndicator(const Statement& st) {
    ManualIndicator m;
    m.id = st.columnInt(0);
    m.unitId = st.columnInt(1);
    m.year = static_cast<int>(st.columnInt(2));
    m.name = st.columnText(3);
    m.value = st.columnDouble(4);
    m.unit = st.columnText(5);
    m.note = st.columnText(6);
    return m;
}

std::string unitName(Database& db, RowId id) {
    Statement st = db.prepare("SELECT name FROM org_unit WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.columnText(0) : std::string();
}

} // namespace

TargetStore::TargetStore(Storage& storage) : m_storage(storage) {}

std::vector<Target> TargetStore::targets(int year) {
    Statement st = m_storage.db().prepare(std::string("SELECT ") + kTargetColumns + " FROM target WHERE year = ? ORDER BY id");
    st.bind(1, year);
    std::vector<Target> out;
    while (st.step()) out.push_back(readTarget(st));
    return out;
}

std::optional<Target> TargetStore::target(RowId id) {
    Statement st = m_storage.db().prepare(std::string("SELECT ") + kTargetColumns + " FROM target WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readTarget(st);
}

std::optional<Target> TargetStore::sameAs(const Target& t) {
    // A rate at any level is about the title's name; everything else about
    // the title row itself (or none) and the indicator's name.
    const bool byName = t.metric == "title_rate" && !t.atLevel;
    Statement st = m_storage.db().prepare(std::string("SELECT ") + kTargetColumns + R"(
        FROM target tg
        WHERE unit_id = ?1 AND year = ?2 AND metric = ?3 AND at_level = ?4 AND coalesce(indicator, '') = ?5
          AND (CASE WHEN ?6 THEN (SELECT name FROM award_title WHERE id = tg.title_id)
                                 IS NOT DISTINCT FROM (SELECT name FROM award_title WHERE id = ?7)
                    ELSE coalesce(title_id, 0) = ?7 END)
        ORDER BY id LIMIT 1)");
    st.bind(1, t.unitId).bind(2, t.year).bind(3, t.metric).bind(4, t.atLevel ? 1 : 0)
        .bind(5, t.metric == "indicator" ? trim(t.indicator) : std::string())
        .bind(6, byName ? 1 : 0).bind(7, t.titleId);
    if (!st.step()) return std::nullopt;
    return readTarget(st);
}

void TargetStore::check(const Target& t) {
    if (const std::string problem = targetProblem(t); !problem.empty()) throw StorageError(problem);
    Database& db = m_storage.db();
    if (unitName(db, t.unitId).empty()) throw StorageError("目标所属的单位不存在（可能已被删除）。请重新选择单位。");
    if (t.titleId != 0) {
        Statement st = db.prepare("SELECT name, subject_kind FROM award_title WHERE id = ?");
        st.bind(1, t.titleId);
        if (!st.step()) throw StorageError("目标针对的称号不存在（可能已被删除）。请重新选择称号。");
        const std::string name = st.columnText(0), kind = st.columnText(1);
        if (t.metric == "title_rate" && kind != "family")
            throw StorageError("创建率只能针对家庭称号（如平安家庭），“" + name + "”不是家庭称号。");
        if (t.metric == "post_count" && kind != "post")
            throw StorageError("岗位命名数只能针对巾帼文明岗一类的岗位称号，“" + name + "”不是。");
    }
}

RowId TargetStore::write(const Target& t) {
    Database& db = m_storage.db();
    Target clean = t;
    clean.indicator = clean.metric == "indicator" ? trim(clean.indicator) : std::string();
    if (clean.metric != "title_rate") clean.atLevel = false;
    if (const std::optional<Target> existing = sameAs(clean)) {
        auto st = db.cached("UPDATE target SET goal = ?, note = ? WHERE id = ?");
        st.bind(1, clean.goal).bind(2, clean.note).bind(3, existing->id);
        if (existing->goal != clean.goal || existing->note != clean.note) {
            RowAudit row(m_storage, "target", existing->id);
            st.run();
            row.done();
        }
        return existing->id;
    }
    auto st = db.cachedInsert("INSERT INTO target (unit_id, year, metric, title_id, at_level, indicator, goal, note)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, clean.unitId).bind(2, clean.year).bind(3, clean.metric).bindIdOrNull(4, clean.titleId)
        .bind(5, clean.atLevel ? 1 : 0).bindTextOrNull(6, clean.indicator).bind(7, clean.goal).bind(8, clean.note);
    return st.runInsert();
}

RowId TargetStore::save(const Target& t, const Target* asLoaded) {
    check(t);
    const std::string label = "设定目标 " + unitName(m_storage.db(), t.unitId) + " " + std::to_string(t.year) + "年";
    AuditedChange change(m_storage, label);
    const std::optional<Target> same = sameAs(t);
    if (asLoaded && asLoaded->id != 0) {
        const std::optional<Target> now = target(asLoaded->id);
        if (!now) throw StaleFormError("要修改的目标已不存在（可能已被删除）。");
        refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
        // The form changed what the target is about (unit, metric, title …):
        // the row itself changes, unless that makes it another's twin.
        if (same && same->id != asLoaded->id)
            throw StorageError("这一年“" + unitName(m_storage.db(), t.unitId) + "”已有同样的目标，请直接修改那一条。");
        if (!same) {
            change.update("target", asLoaded->id, [&] {
                auto st = m_storage.db().cached("UPDATE target SET unit_id = ?, year = ?, metric = ?, title_id = ?,"
                                                " at_level = ?, indicator = ?, goal = ?, note = ? WHERE id = ?");
                st.bind(1, t.unitId).bind(2, t.year).bind(3, t.metric).bindIdOrNull(4, t.titleId)
                    .bind(5, t.atLevel && t.metric == "title_rate" ? 1 : 0)
                    .bindTextOrNull(6, t.metric == "indicator" ? trim(t.indicator) : std::string())
                    .bind(7, t.goal).bind(8, t.note).bind(9, asLoaded->id);
                st.run();
            });
            change.commit();
            return asLoaded->id;
        }
    }
    const RowId id = write(t);
    if (!same) change.inserted("target", id);
    change.commit();
    return id;
}

bool TargetStore::remove(RowId id) { return UndoStore(m_storage).deleteRow("target", id); }

int TargetStore::copyYear(int fromYear, int toYear) {
    if (toYear < 1949 || toYear > 2100) throw StorageError("年度应在1949到2100之间。");
    const std::vector<Target> from = targets(fromYear);
    AuditedChange change(m_storage, "复制" + std::to_string(fromYear) + "年的目标到" + std::to_string(toYear) + "年");
    int added = 0;
    for (Target t : from) {
        t.id = 0;
        t.year = toYear;
        if (sameAs(t)) continue;
        change.inserted("target", write(t));
        ++added;
    }
    if (added == 0) {
        change.commitUnchanged();
        return 0;
    }
    change.commit();
    return added;
}

int TargetStore::distribute(RowId id, const std::map<RowId, double>& overrides) {
    const std::optional<Target> source = target(id);
    if (!source) throw StorageError("要分解的目标已不存在（可能已被删除）。");
    const std::vector<OrgUnit> units = m_storage.units();
    const OrgTree tree(units);
    std::vector<RowId> below;
    for (const OrgUnit& u : units)
        if (u.id != source->unitId && tree.within(u.id, source->unitId)) below.push_back(u.id);
    if (below.empty()) throw StorageError("“" + unitName(m_storage.db(), source->unitId) + "”没有下级单位，无法分解目标。");
    for (const auto& [unit, goal] : overrides) {
        Target probe = *source;
        probe.goal = goal;
        if (const std::string problem = targetProblem(probe); !problem.empty())
            throw StorageError(unitName(m_storage.db(), unit) + "：" + problem);
    }
    AuditedChange change(m_storage, "分解目标 " + unitName(m_storage.db(), source->unitId) + " " +
                                        std::to_string(source->year) + "年");
    for (RowId unit : below) {
        Target t = *source;
        t.id = 0;
        t.unitId = unit;
        if (const auto it = overrides.find(unit); it != overrides.end()) t.goal = it->second;
        const bool existed = sameAs(t).has_value();
        const RowId written = write(t);
        if (!existed) change.inserted("target", written);
    }
    change.commit();
    return static_cast<int>(below.size());
}

std::vector<ManualIndicator> TargetStore::indicators(int year) {
    Statement st = m_storage.db().prepare(std::string("SELECT ") + kIndicatorColumns +
                                          " FROM manual_indicator WHERE year = ? ORDER BY unit_id, name");
    st.bind(1, year);
    std::vector<ManualIndicator> out;
    while (st.step()) out.push_back(readIndicator(st));
    return out;
}

std::optional<ManualIndicator> TargetStore::indicator(RowId id) {
    Statement st = m_storage.db().prepare(std::string("SELECT ") + kIndicatorColumns + " FROM manual_indicator WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readIndicator(st);
}

RowId TargetStore::saveIndicator(const ManualIndicator& in, const ManualIndicator* asLoaded) {
    ManualIndicator m = in;
    m.name = trim(m.name);
    m.unit = trim(m.unit);
    if (m.name.empty()) throw StorageError("请填写指标名称（如“来访件数”）。");
    if (m.year < 1949 || m.year > 2100) throw StorageError("年度应在1949到2100之间。");
    if (!std::isfinite(m.value)) throw StorageError("指标数值不是有效的数。");
    Database& db = m_storage.db();
    const std::string unit = unitName(db, m.unitId);
    if (unit.empty()) throw StorageError("指标所属的单位不存在（可能已被删除）。请重新选择单位。");
    AuditedChange change(m_storage, "填写指标 " + unit + " " + m.name);
    if (asLoaded && asLoaded->id != 0) {
        const std::optional<ManualIndicator> now = indicator(asLoaded->id);
        if (!now) throw StaleFormError("要修改的指标已不存在（可能已被删除）。");
        refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    Statement find = db.prepare("SELECT id FROM manual_indicator WHERE unit_id = ? AND year = ? AND name = ?");
    find.bind(1, m.unitId).bind(2, m.year).bind(3, m.name);
    // A renamed indicator (the form's row, under a new name) keeps its row.
    RowId id = find.step() ? find.columnInt(0) : (asLoaded ? asLoaded->id : 0);
    if (id != 0) {
        change.update("manual_indicator", id, [&] {
            auto st = db.cached("UPDATE manual_indicator SET unit_id = ?, year = ?, name = ?, value = ?, unit = ?, note = ?"
                                " WHERE id = ?");
            st.bind(1, m.unitId).bind(2, m.year).bind(3, m.name).bind(4, m.value).bind(5, m.unit).bind(6, m.note)
                .bind(7, id);
            st.run();
        });
    } else {
        auto st = db.cachedInsert("INSERT INTO manual_indicator (unit_id, year, name, value, unit, note) VALUES (?, ?, ?, ?, ?, ?)");
        st.bind(1, m.unitId).bind(2, m.year).bind(3, m.name).bind(4, m.value).bind(5, m.unit).bind(6, m.note);
        id = change.insert("manual_indicator", st);
    }
    change.commit();
    return id;
}

bool TargetStore::removeIndicator(RowId id) { return UndoStore(m_storage).deleteRow("manual_indicator", id); }

} // namespace jinguo::storage
