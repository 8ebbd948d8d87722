// record_store.cpp — org units, families and their titles, honours of people
// and collectives. Checks come before SQL so that a refusal names the field;
// the schema's constraints remain the last guard.
//
// Sections:
//   [SECTION] Org units
//   [SECTION] Families
//   [SECTION] Honours of people and collectives
#include "storage/record_store.hpp"

#include "core/id_number.hpp"
#include "core/text.hpp"
#include "core/title_dates.hpp"
#include "core/unit_suggestions.hpp"
#include "core/vocabulary.hpp"
#include "storage/audited_change.hpp"
#include "storage/family_list.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/stale_form.hpp"
#include "storage/title_events.hpp"
#include "storage/undo_store.hpp"

#include <algorithm>
#include <unordered_map>
#include <array>

namespace jinguo::storage {

RecordStore::RecordStore(Storage& storage) : m_storage(storage) {}

bool RecordStore::isLevel(const std::string& level) { return parseTitleLevel(level).has_value(); }

bool RecordStore::isStatus(const std::string& status) { return parseAwardStatus(status).has_value(); }

// ============================================================ [SECTION] Org units

std::optional<OrgUnit> RecordStore::unit(RowId id) {
    auto st = m_storage.db().cached(
        "SELECT id, coalesce(parent_id, 0), name, kind, households, sort_order FROM org_unit WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    OrgUnit u;
    u.id = st.columnInt(0);
    u.parentId = st.columnInt(1);
    u.name = st.columnText(2);
    u.kind = storedUnitKind(st.columnText(3));
    u.households = st.columnInt(4);
    u.sortOrder = static_cast<int>(st.columnInt(5));
    st.reset();
    return u;
}

void RecordStore::checkUnit(const OrgUnit& u, RowId selfId) {
    if (trim(u.name).empty()) throw StorageError("请填写单位名称。");
    const UnitTier tier = tierOf(u.kind);
    if (u.households < 0) throw StorageError("总户数不能是负数。");
    if (tier == UnitTier::District) {
        if (u.parentId != 0) throw StorageError("区是最上一级，不能放在其他单位之下。");
    } else {
        if (u.parentId == 0)
            throw StorageError("请选择上级单位：" + tierKindsText(UnitTier::Street) + "属于" +
                               tierKindsText(UnitTier::District) + "，" + tierKindsText(UnitTier::Community) + "属于" +
                               tierKindsText(UnitTier::Street) + "。");
        // A cycle first (its message is the clearer one): the new parent is
        // the unit itself or one of its descendants.
        for (RowId at = u.parentId; at != 0 && selfId != 0;) {
            if (at == selfId) throw StorageError("不能把单位移到它自己或它的下级单位之下。");
            const std::optional<OrgUnit> up = unit(at);
            at = up ? up->parentId : 0;
        }
        const std::optional<OrgUnit> parent = unit(u.parentId);
        if (!parent) throw StorageError("所选上级单位已不存在，请重新选择。");
        if (tierOf(parent->kind) != parentTier(tier))
            throw StorageError(tierKindsText(tier) + "的上级应是" + tierKindsText(*parentTier(tier), "或") + "，“" +
                               parent->name + "”是" + shownWord(parent->kind) + "。");
    }
    auto same = m_storage.db().cached(
        "SELECT count(*) FROM org_unit WHERE coalesce(parent_id, 0) = ? AND name = ? AND id <> ?");
    same.bind(1, u.parentId).bind(2, trim(u.name)).bind(3, selfId);
    same.step();
    const bool taken = same.columnInt(0) > 0;
    same.reset();
    if (taken) throw StorageError("同一上级下已有名为“" + trim(u.name) + "”的单位，请换一个名称。");
}

RowId RecordStore::addUnit(const OrgUnit& input) {
    OrgUnit u = input;
    u.name = trim(u.name);
    checkUnit(u, 0);
    AuditedChange change(m_storage, "新增单位 " + u.name);
    auto st = m_storage.db().cachedInsert(
        "INSERT INTO org_unit (parent_id, name, kind, households, sort_order) VALUES (?, ?, ?, ?, ?)");
    st.bindIdOrNull(1, u.parentId).bind(2, u.name).bind(3, toWord(u.kind)).bind(4, u.households).bind(5, u.sortOrder);
    const RowId id = change.insert("org_unit", st);
    linkUnitText(id, u.name, u.kind);
    change.commit();
    return id;
}

std::vector<RowId> RecordStore::addCommunities(RowId parentId, const std::vector<std::string>& names) {
    const std::optional<OrgUnit> parent = parentId ? unit(parentId) : std::nullopt;
    if (!parent) throw StorageError("请选择要在哪个" + tierKindsText(UnitTier::Street, "或") + "下新建这些社区/村。");
    if (!isStreetKind(parent->kind))
        throw StorageError("社区/村只能建在" + tierKindsText(UnitTier::Street, "或") + "下，“" + parent->name + "”是"
                           + shownWord(parent->kind) + "；请改选一个" + tierKindsText(UnitTier::Street, "或") + "。");
    std::vector<std::string> clean;
    for (const std::string& n : names) {
        std::string name = trim(n);
        if (name.empty()) continue;
        if (std::find(clean.begin(), clean.end(), name) == clean.end()) clean.push_back(std::move(name));
    }
    if (clean.empty()) throw StorageError("没有要新建的社区/村：请先把要新建的名称选为“新建”。");
    bool allVillages = true, allCommunities = true;
    for (const std::string& name : clean) {
        const bool village = roster::kindForNewCommunity(name) == UnitKind::Village;
        allVillages = allVillages && village;
        allCommunities = allCommunities && !village;
    }
    const std::string noun = allCommunities ? "社区" : allVillages ? "村" : "社区/村";
    UndoStep step(m_storage, "新建" + std::to_string(clean.size()) + "个" + noun);
    Transaction tx(m_storage.db());   // addUnit's changes join it: all of them, or none
    std::vector<RowId> ids;
    for (const std::string& name : clean) {
        OrgUnit u;
        u.parentId = parentId;
        u.name = name;
        u.kind = roster::kindForNewCommunity(name);
        ids.push_back(addUnit(u));
    }
    tx.commit();
    return ids;
}

void RecordStore::updateUnit(const OrgUnit& input, const OrgUnit* asLoaded) {
    const std::optional<OrgUnit> current = unit(input.id);
    if (!current) throw StorageError("要修改的单位已不存在（可能已被删除）。");
    OrgUnit u = input;
    u.name = trim(u.name);
    checkUnit(u, u.id);
    // A unit's kind says where it sits; changing it under its children would
    // break the tree.
    if (u.kind != current->kind) {
        auto children = m_storage.db().cached("SELECT count(*) FROM org_unit WHERE parent_id = ?");
        children.bind(1, u.id);
        children.step();
        const bool has = children.columnInt(0) > 0;
        children.reset();
        if (has) throw StorageError("该单位下还有下级单位，不能改变它的类型。");
    }
    AuditedChange change(m_storage, "修改单位 " + u.name);   // rename/move/households name it first
    if (asLoaded) {
        if (const auto now = unit(u.id)) refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    change.update("org_unit", u.id, [&] {
        auto st = m_storage.db().cached(
            "UPDATE org_unit SET parent_id = ?, name = ?, kind = ?, households = ?, sort_order = ? WHERE id = ?");
        st.bindIdOrNull(1, u.parentId).bind(2, u.name).bind(3, toWord(u.kind)).bind(4, u.households).bind(5, u.sortOrder)
            .bind(6, u.id);
        st.run();
    });
    linkUnitText(u.id, u.name, u.kind);
    change.commit();
}

void RecordStore::linkUnitText(RowId unitId, const std::string& name, UnitKind kind) {
    // Rosters place people and families in a 社区/村 by name (ImportStore).
    if (!isCommunityKind(kind) || name.empty()) return;
    Database& db = m_storage.db();
    for (const char* table : {"person", "family"}) {
        const bool family = std::string_view(table) == "family";
        std::vector<RowId> ids;
        {
            auto st = db.cached(family ? "SELECT id FROM family WHERE unit_id IS NULL AND unit_text = ? ORDER BY id"
                                       : "SELECT id FROM person WHERE unit_id IS NULL AND unit_text = ? ORDER BY id");
            st.bind(1, name);
            while (st.step()) ids.push_back(st.columnInt(0));
        }
        for (RowId id : ids) {
            RowAudit write(m_storage, table, id);
            {
                auto up = db.cached(family ? "UPDATE family SET unit_id = ?, unit_text = NULL WHERE id = ?"
                                           : "UPDATE person SET unit_id = ?, unit_text = NULL WHERE id = ?");
                up.bind(1, unitId).bind(2, id);
                up.run();
            }
            write.done();
            if (!family) continue;
            // A family's titles count for its unit (as updateFamily keeps them).
            std::vector<RowId> awards;
            {
                auto st = db.cached("SELECT id FROM award WHERE family_id = ? AND unit_id IS NULL");
                st.bind(1, id);
                while (st.step()) awards.push_back(st.columnInt(0));
            }
            for (RowId awardId : awards) {
                RowAudit awardWrite(m_storage, "award", awardId);
                {
                    auto up = db.cached("UPDATE award SET unit_id = ? WHERE id = ?");
                    up.bind(1, unitId).bind(2, awardId);
                    up.run();
                }
                awardWrite.done();
            }
        }
    }
}

void RecordStore::renameUnit(RowId id, const std::string& name) {
    std::optional<OrgUnit> u = unit(id);
    if (!u) throw StorageError("要修改的单位已不存在（可能已被删除）。");
    UndoStep step(m_storage, "重命名单位 " + u->name + " → " + trim(name));
    u->name = name;
    updateUnit(*u);
}

void RecordStore::moveUnit(RowId id, RowId newParent) {
    std::optional<OrgUnit> u = unit(id);
    if (!u) throw StorageError("要移动的单位已不存在（可能已被删除）。");
    UndoStep step(m_storage, "移动单位 " + u->name);
    u->parentId = newParent;
    updateUnit(*u);
}

void RecordStore::setHouseholds(RowId id, std::int64_t households) {
    std::optional<OrgUnit> u = unit(id);
    if (!u) throw StorageError("要修改的单位已不存在（可能已被删除）。");
    UndoStep step(m_storage, "修改总户数 " + u->name);
    u->households = households;
    updateUnit(*u);
}

std::unordered_map<RowId, std::int64_t> RecordStore::familiesPerUnit() {
    Statement st = m_storage.db().prepare("SELECT unit_id, families FROM unit_family_count WHERE families > 0");
    std::unordered_map<RowId, std::int64_t> out;
    while (st.step()) out[st.columnInt(0)] = st.columnInt(1);
    return out;
}

std::unordered_map<RowId, std::int64_t> RecordStore::familiesPerUnitFromFamilies() {
    Statement st = m_storage.db().prepare(
        "SELECT unit_id, count(*) FROM family WHERE unit_id IS NOT NULL GROUP BY unit_id");
    std::unordered_map<RowId, std::int64_t> out;
    while (st.step()) out[st.columnInt(0)] = st.columnInt(1);
    return out;
}

namespace {

// Rows (unit_id, title name, titled households), worst title first per unit.
std::unordered_map<RowId, RecordStore::OverfullTitle> readOverfull(Statement& st) {
    std::unordered_map<RowId, RecordStore::OverfullTitle> out;
    while (st.step()) out.try_emplace(st.columnInt(0), RecordStore::OverfullTitle{st.columnText(1), st.columnInt(2)});
    return out;
}

} // namespace

std::unordered_map<RowId, RecordStore::OverfullTitle> RecordStore::overfullUnits() {
    // Held by this year's end, as the all-time and this year's boards count
    // (titlesCountedOn): a title named today for this year is dated 12-31
    // when no date was given, and already counts.
    return overfullUnitsOn(titlesCountedOn(Period::allTime(), parseDate(todayIso()).value_or(Date{2026, 1, 1})));
}

std::unordered_map<RowId, RecordStore::OverfullTitle> RecordStore::overfullUnitsOn(std::string_view day) {
    // A pair can only be overfull when its held awards (any day) exceed the
    // households: those few are counted exactly, family by family, on the
    // span index (title_id, unit_id, family_id, …); MATERIALIZED, or SQLite
    // copies the count into the outer WHERE and counts twice.
    Statement st = m_storage.db().prepare(withWords(R"(
        WITH counted AS MATERIALIZED (
            SELECT x.unit_id AS unit_id, x.name AS name, x.households AS households,
                   (SELECT count(DISTINCT s.family_id) FROM award_held_span s
                    WHERE s.title_id IN (SELECT id FROM award_title WHERE name = x.name AND subject_kind = 'family')
                      AND s.unit_id = x.unit_id AND s.family_id IS NOT NULL AND )" + sqlSpanHeldOn("?1") + R"() AS n
            FROM (SELECT c.unit_id AS unit_id, t.name AS name, u.households AS households, sum(c.awards) AS awards
                  FROM unit_title_award c JOIN award_title t ON t.id = c.title_id JOIN org_unit u ON u.id = c.unit_id
                  WHERE t.subject_kind = 'family' AND u.households > 0
                  GROUP BY c.unit_id, t.name) x
            WHERE x.awards > x.households)
        SELECT unit_id, name, n FROM counted WHERE n > households
        ORDER BY unit_id, n DESC, name)"));
    st.bind(1, day);
    return readOverfull(st);
}

std::unordered_map<RowId, RecordStore::OverfullTitle> RecordStore::overfullUnitsFromBaseTablesOn(std::string_view day) {
    Statement st = m_storage.db().prepare(withWords(R"(
        SELECT x.unit_id, x.name, x.n FROM (
            SELECT a.unit_id AS unit_id, t.name AS name, count(DISTINCT a.family_id) AS n
            FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE t.subject_kind = 'family' AND a.status IN {held}
              AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL
              AND a.id IN )" + sqlTitlesHeldOn(m_storage.db().dialect(), "?1") + R"(
            GROUP BY a.unit_id, t.name) x
        JOIN org_unit u ON u.id = x.unit_id
        WHERE u.households > 0 AND x.n > u.households
        ORDER BY x.unit_id, x.n DESC, x.name)"));
    st.bind(1, day);
    return readOverfull(st);
}

std::vector<AuditEntry> RecordStore::history(const char* table, RowId id) {
    Statement st = m_storage.db().prepare(
        "SELECT at, action, coalesce(before_json, ''), coalesce(after_json, ''), db_user FROM audit_log"
        " WHERE table_name = ? AND record_id = ? ORDER BY id");
    st.bind(1, table).bind(2, id);
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4)});
    return out;
}

// ============================================================ [SECTION] Families

namespace {

Family normalized(const Family& input) {
    Family f = input;
    f.headName = normalizeName(f.headName);
    f.address = trim(f.address);
    f.note = trim(f.note);
    return f;
}

void checkFamily(Storage& storage, const Family& f) {
    if (f.headName.empty()) throw StorageError("请填写户主姓名。");
    if (f.members < 1) throw StorageError("家庭人口至少是1人。");
    if (f.members > 99) throw StorageError("家庭人口应在1到99人之间，请核对。");
    if (f.unitId == 0) throw StorageError("请选择家庭所属的社区/村。");
    auto kind = storage.db().cached("SELECT kind FROM org_unit WHERE id = ?");
    kind.bind(1, f.unitId);
    const std::optional<UnitKind> unitKind =
        kind.step() ? std::optional<UnitKind>(storedUnitKind(kind.columnText(0))) : std::nullopt;
    kind.reset();
    if (!unitKind) throw StorageError("所选社区/村已不存在，请重新选择。");
    if (!isCommunityKind(*unitKind)) throw StorageError("家庭应登记在社区或村，请选择所属的社区/村。");
    auto same = storage.db().cached(
        "SELECT count(*) FROM family WHERE head_name = ? AND address = ? AND unit_id = ? AND id <> ?");
    same.bind(1, f.headName).bind(2, f.address).bind(3, f.unitId).bind(4, f.id);
    same.step();
    const bool taken = same.columnInt(0) > 0;
    same.reset();
    if (taken)
        throw StorageError("本社区已登记户主为" + f.headName + "、住址相同的家庭；同一户只登记一次，"
                           "可在列表中找到它并添加称号。");
}

} // namespace

std::optional<Family> RecordStore::family(RowId id) {
    auto st = m_storage.db().cached(
        "SELECT id, head_name, address, members, coalesce(unit_id, 0), note FROM family WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    Family f;
    f.id = st.columnInt(0);
    f.headName = st.columnText(1);
    f.address = st.columnText(2);
    f.members = static_cast<int>(st.columnInt(3));
    f.unitId = st.columnInt(4);
    f.note = st.columnText(5);
    st.reset();
    return f;
}

RowId RecordStore::addFamily(const Family& input) {
    Family f = normalized(input);
    f.id = 0;
    checkFamily(m_storage, f);
    AuditedChange change(m_storage, "新增家庭 " + f.headName);
    const FamilySortFields keys = familySortFields(m_storage.db(), f.headName);
    auto st = m_storage.db().cachedInsert(
        "INSERT INTO family (head_name, address, members, unit_id, note, sort_key, head_spell)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, f.headName).bind(2, f.address).bind(3, f.members).bindIdOrNull(4, f.unitId).bind(5, f.note)
        .bind(6, keys.sortKey).bind(7, keys.headSpell);
    const RowId id = change.insert("family", st);
    change.commit();
    return id;
}

void RecordStore::updateFamily(const Family& input, const Family* asLoaded) {
    Family f = normalized(input);
    if (!family(f.id)) throw StorageError("要修改的家庭已不存在（可能已被删除）。");
    checkFamily(m_storage, f);
    AuditedChange change(m_storage, "修改家庭 " + f.headName);
    if (asLoaded) {
        const auto now = family(f.id);
        if (!now) throw StorageError("要修改的家庭已不存在（可能已被删除）。");
        refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    const FamilySortFields keys = familySortFields(m_storage.db(), f.headName);
    change.update("family", f.id, [&] {
        auto st = m_storage.db().cached(
            "UPDATE family SET head_name = ?, address = ?, members = ?, unit_id = ?, note = ?, sort_key = ?,"
            " head_spell = ? WHERE id = ?");
        st.bind(1, f.headName).bind(2, f.address).bind(3, f.members).bindIdOrNull(4, f.unitId).bind(5, f.note)
            .bind(6, keys.sortKey).bind(7, keys.headSpell).bind(8, f.id);
        st.run();
    });
    // A family's titles count for the unit the family belongs to.
    std::vector<RowId> moved;
    {
        auto awards = m_storage.db().cached(
            "SELECT id FROM award WHERE family_id = ? AND coalesce(unit_id, 0) <> ?");
        awards.bind(1, f.id).bind(2, f.unitId);
        while (awards.step()) moved.push_back(awards.columnInt(0));
    }
    for (RowId awardId : moved) {
        change.update("award", awardId, [&] {
            auto up = m_storage.db().cached("UPDATE award SET unit_id = ? WHERE id = ?");
            up.bindIdOrNull(1, f.unitId).bind(2, awardId);
            up.run();
        });
    }
    change.commit();
}

void RecordStore::deleteFamily(RowId id) {
    const std::optional<Family> f = family(id);
    if (!f) return;
    // Its titles and their history go with it (ON DELETE CASCADE): deleteRow
    // audits each of them, so one Ctrl+Z brings the whole family back.
    UndoStep step(m_storage, "删除家庭 " + f->headName);
    UndoStore(m_storage).deleteRow("family", id);
}

namespace {
// The dates of an award's history (title_events.hpp), as two columns after
// the others: its latest 命名, and its latest event of its current status.
const std::string& eventDateColumns() {
    static const std::string sql = withWords(
        ", coalesce((SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = {named}), ''),"
        " coalesce((SELECT e.happened_on FROM award_event e WHERE e.award_id = a.id AND e.status = a.status"
        "         ORDER BY e.happened_on DESC, e.id DESC LIMIT 1), '')");
    return sql;
}

FamilyAward readFamilyAward(const Statement& st) {
    return FamilyAward{st.columnInt(0), st.columnInt(1), st.columnText(2), st.columnText(3),
                       static_cast<int>(st.columnInt(4)), st.columnText(5), st.columnText(6),
                       st.columnText(7), st.columnText(8)};
}
} // namespace

std::vector<FamilyAward> RecordStore::familyAwards(RowId familyId) {
    static const std::string sql = "SELECT a.id, a.title_id, t.name, t.level, a.year, a.status, a.doc_number"
        + eventDateColumns() + " FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = ?"
        " ORDER BY a.year DESC, a.id DESC";
    auto st = m_storage.db().cached(sql.c_str());
    st.bind(1, familyId);
    std::vector<FamilyAward> out;
    while (st.step()) out.push_back(readFamilyAward(st));
    return out;
}

void RecordStore::recordTitleEvent(AuditedChange& change, RowId awardId, const std::string& statusBefore,
                                   const std::string& status, int year, const std::string& docNumber,
                                   const TitleEventFields& fields) {
    const std::string date = trim(fields.date);
    const std::string today = fields.today.empty() ? todayIso() : fields.today;
    if (statusBefore.empty() || statusBefore != status) {
        // A new title, or a new status: one event of it.
        TitleEvent e{status, date, docNumber, fields.note};
        if (e.date.empty()) e.date = statusBefore.empty() ? defaultTitleDate(year, today) : today;
        writeTitleEvent(m_storage, &change, awardId, e);
        return;
    }
    // The same status: a date given corrects its latest event (and its reason, if one is given).
    if (date.empty()) return;
    auto latest = m_storage.db().cached(
        "SELECT id, happened_on, note FROM award_event WHERE award_id = ? AND status = ?"
        " ORDER BY happened_on DESC, id DESC LIMIT 1");
    latest.bind(1, awardId).bind(2, status);
    const bool found = latest.step();
    const RowId eventId = found ? latest.columnInt(0) : 0;
    const std::string on = found ? latest.columnText(1) : std::string();
    const std::string note = found ? latest.columnText(2) : std::string();
    latest.reset();
    if (!found) {   // a title without history (should not remain after 0015): start it
        writeTitleEvent(m_storage, &change, awardId,
                        {status, date.empty() ? defaultTitleDate(year, today) : date, docNumber, fields.note});
        return;
    }
    const std::string newDate = date.empty() ? on : date;
    const std::string newNote = trim(fields.note).empty() ? note : trim(fields.note);
    if (newDate == on && newNote == note) return;
    checkTitleEvent({status, newDate, docNumber, newNote});
    change.update("award_event", eventId, [&] {
        auto up = m_storage.db().cached("UPDATE award_event SET happened_on = ?, note = ? WHERE id = ?");
        up.bind(1, newDate).bind(2, newNote).bind(3, eventId);
        up.run();
    });
}

void RecordStore::checkAward(const std::string& title, const std::string& level, int year,
                             const std::string& status) {
    if (title.empty()) throw StorageError("请选择或填写称号。");
    if (!isLevel(level)) throw StorageError("请选择级别：社区、街道、区、市、省或全国。");
    if (year < 1949 || year > 2100) throw StorageError("年度应是1949到2100之间的四位年份，例如2026。");
    if (!isStatus(status)) throw StorageError("请选择状态：申报、创建、考核验收、命名、复核或撤销。");
}

RowId RecordStore::titleFor(const std::string& rawName, const char* subjectKind, const std::string& level) {
    const std::string name = trim(rawName);
    if (RowId id = m_storage.awardTitleId(name, subjectKind, level)) return id;
    AuditedChange change(m_storage, "新增称号 " + name);   // joins the step of the title's award
    auto st = m_storage.db().cachedInsert(
        "INSERT INTO award_title (name, subject_kind, level, points, builtin)"
        " VALUES (?, ?, ?, coalesce((SELECT CAST(value AS REAL) FROM setting WHERE key = 'points.title.' || ?), 0), 0)");
    st.bind(1, name).bind(2, subjectKind).bind(3, level).bind(4, level);
    const RowId id = change.insert("award_title", st);
    change.commit();
    return id;
}

RowId RecordStore::addFamilyAward(RowId familyId, const FamilyAwardInput& input) {
    FamilyAwardInput in = input;
    in.awardId = 0;
    updateFamilyAward(familyId, in);
    auto st = m_storage.db().cached(
        "SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id"
        " WHERE a.family_id = ? AND t.name = ? AND t.level = ? AND a.year = ? AND t.subject_kind = 'family'");
    st.bind(1, familyId).bind(2, trim(input.title)).bind(3, input.level).bind(4, input.year);
    const RowId id = st.step() ? st.columnInt(0) : 0;
    st.reset();
    return id;
}

std::optional<FamilyAward> RecordStore::familyAward(RowId awardId) {
    static const std::string sql = "SELECT a.id, a.title_id, t.name, t.level, a.year, a.status, a.doc_number"
        + eventDateColumns() + " FROM award a JOIN award_title t ON t.id = a.title_id"
        " WHERE a.id = ? AND a.family_id IS NOT NULL";
    auto st = m_storage.db().cached(sql.c_str());
    st.bind(1, awardId);
    if (!st.step()) return std::nullopt;
    FamilyAward a = readFamilyAward(st);
    st.reset();
    return a;
}

void RecordStore::updateFamilyAward(RowId familyId, const FamilyAwardInput& input, const FamilyAward* asLoaded) {
    const std::string title = trim(input.title);
    checkAward(title, input.level, input.year, input.status);
    const std::optional<Family> f = family(familyId);
    if (!f) throw StorageError("这个家庭已不存在（可能已被删除）。");
    AuditedChange change(m_storage, std::string(input.awardId == 0 ? "添加家庭称号 " : "修改家庭称号 ")
                                        + f->headName + " " + title);
    if (asLoaded && input.awardId != 0) {
        const auto now = familyAward(input.awardId);
        if (!now) throw StorageError("要修改的称号记录已不存在（可能已被删除）。");
        refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    const RowId titleId = titleFor(title, "family", input.level);
    auto dup = m_storage.db().cached(
        "SELECT count(*) FROM award WHERE family_id = ? AND title_id = ? AND year = ? AND id <> ?");
    dup.bind(1, familyId).bind(2, titleId).bind(3, input.year).bind(4, input.awardId);
    dup.step();
    const bool taken = dup.columnInt(0) > 0;
    dup.reset();
    if (taken)
        throw StorageError("这个家庭已有" + std::to_string(input.year) + "年" + input.level + "级“" + title
                           + "”，同一称号同一年度只记一次。");
    if (input.awardId == 0) {
        auto st = m_storage.db().cachedInsert(
            "INSERT INTO award (title_id, year, family_id, unit_id, status, doc_number) VALUES (?, ?, ?, ?, ?, ?)");
        st.bind(1, titleId).bind(2, input.year).bind(3, familyId).bindIdOrNull(4, f->unitId).bind(5, input.status)
            .bind(6, trim(input.docNumber));
        const RowId awardId = change.insert("award", st);
        recordTitleEvent(change, awardId, "", input.status, input.year, input.docNumber, input.event);
    } else {
        const std::optional<FamilyAward> before = familyAward(input.awardId);
        RowAudit write = change.row("award", input.awardId);
        if (!write.existed() || !before) throw StorageError("要修改的称号记录已不存在（可能已被删除）。");
        auto st = m_storage.db().cached(
            "UPDATE award SET title_id = ?, year = ?, status = ?, doc_number = ? WHERE id = ? AND family_id = ?");
        st.bind(1, titleId).bind(2, input.year).bind(3, input.status).bind(4, trim(input.docNumber))
            .bind(5, input.awardId).bind(6, familyId);
        st.run();
        write.done();
        recordTitleEvent(change, input.awardId, before->status, input.status, input.year, input.docNumber,
                         input.event);
    }
    change.commit();
}

FamilyList RecordStore::familyList() {
    FamilyList out;
    Statement rows = m_storage.db().prepare(
        "SELECT f.id, f.head_name, f.address, f.members, coalesce(f.unit_id, 0), coalesce(u.name, ''), f.note,"
        " coalesce(f.unit_text, '') FROM family f LEFT JOIN org_unit u ON u.id = f.unit_id ORDER BY f.id");
    while (rows.step()) {
        FamilyRow r;
        r.id = rows.columnInt(0);
        r.headName = rows.columnText(1);
        r.address = rows.columnText(2);
        r.members = static_cast<int>(rows.columnInt(3));
        r.unitId = rows.columnInt(4);
        r.unitName = rows.columnText(5);
        r.note = rows.columnText(6);
        r.unitText = rows.columnText(7);
        out.rows.push_back(std::move(r));
    }
    // All titles in family order: one pass fills each row's range.
    Statement awards = m_storage.db().prepare(
        "SELECT a.family_id, a.id, a.title_id, t.name, t.level, a.year, a.status, a.doc_number"
        " FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id IS NOT NULL"
        " ORDER BY a.family_id, a.year DESC, a.id DESC");
    std::size_t row = 0;
    while (awards.step()) {
        const RowId familyId = awards.columnInt(0);
        while (row < out.rows.size() && out.rows[row].id < familyId) ++row;
        if (row == out.rows.size()) break;
        if (out.rows[row].id != familyId) continue;
        if (out.rows[row].awardCount == 0) out.rows[row].firstAward = static_cast<int>(out.awards.size());
        ++out.rows[row].awardCount;
        out.awards.push_back({awards.columnInt(1), awards.columnInt(2), awards.columnText(3), awards.columnText(4),
                              static_cast<int>(awards.columnInt(5)), awards.columnText(6), awards.columnText(7)});
    }
    return out;
}

// ============================================================ [SECTION] Honours of people and collectives

RowId RecordStore::personFor(const HonourInput& in) {
    const std::string name = normalizeName(in.name);
    if (!trim(in.idNumber).empty()) {
        const IdCheck id = checkIdNumber(in.idNumber, "2100-12-31", "");
        if (!id.ok()) throw StorageError("身份证号：" + id.message);
        if (auto p = m_storage.personByIdNumber(id.normalized)) {
            if (p->name != name)
                throw StorageError("身份证号" + id.normalized + "已登记在" + p->name + "名下，与填写的姓名" + name
                                   + "不符，请核对。");
            return p->id;
        }
        Person p;
        p.name = name;
        p.idNumber = id.normalized;
        p.gender = id.gender;
        p.unitId = in.unitId;
        p.isVolunteer = false;
        return m_storage.insertPerson(p);
    }
    // Without an ID number: the one person of that name in that unit, if any.
    auto st = m_storage.db().cached("SELECT id FROM person WHERE name = ? AND coalesce(unit_id, 0) = ? LIMIT 2");
    st.bind(1, name).bind(2, in.unitId);
    std::vector<RowId> found;
    while (st.step()) found.push_back(st.columnInt(0));
    if (found.size() == 1) return found[0];
    if (found.size() > 1)
        throw StorageError("本单位有不止一位名叫" + name + "的人员，请填写身份证号以区分。");
    Person p;
    p.name = name;
    p.unitId = in.unitId;
    p.isVolunteer = false;
    return m_storage.insertPerson(p);
}

RowId RecordStore::saveHonour(const HonourInput& input, const HonourRow* asLoaded) {
    const std::string title = trim(input.title);
    const std::string name = input.collective ? trim(input.name) : normalizeName(input.name);
    if (name.empty()) throw StorageError(input.collective ? "请填写集体名称。" : "请填写获得者姓名。");
    checkAward(title, input.level, input.year, input.status);
    if (input.unitId == 0) throw StorageError("请选择所属单位（称号计入哪个单位）。");
    const char* kind = input.collective ? "collective" : "person";
    AuditedChange change(m_storage, std::string(input.awardId == 0 ? "新增荣誉 " : "修改荣誉 ") + name + " " + title);
    if (asLoaded && input.awardId != 0) {
        const auto now = honour(input.awardId);
        if (!now) throw StorageError("要修改的称号记录已不存在（可能已被删除）。");
        refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    const RowId personId = input.collective ? 0 : personFor(input);
    const RowId titleId = titleFor(title, kind, input.level);
    if (!input.collective) {
        auto dup = m_storage.db().cached(
            "SELECT count(*) FROM award WHERE person_id = ? AND title_id = ? AND year = ? AND id <> ?");
        dup.bind(1, personId).bind(2, titleId).bind(3, input.year).bind(4, input.awardId);
        dup.step();
        const bool taken = dup.columnInt(0) > 0;
        dup.reset();
        if (taken)
            throw StorageError(name + "已有" + std::to_string(input.year) + "年" + input.level + "级“" + title
                               + "”，同一称号同一年度只记一次。");
    }
    RowId id = input.awardId;
    if (id == 0) {
        auto st = m_storage.db().cachedInsert(
            "INSERT INTO award (title_id, year, person_id, collective_name, unit_id, status, doc_number)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, titleId).bind(2, input.year).bindIdOrNull(3, personId)
            .bindTextOrNull(4, input.collective ? name : std::string()).bindIdOrNull(5, input.unitId)
            .bind(6, input.status).bind(7, trim(input.docNumber));
        id = change.insert("award", st);
        recordTitleEvent(change, id, "", input.status, input.year, input.docNumber, input.event);
    } else {
        const std::optional<HonourRow> before = honour(id);
        RowAudit write = change.row("award", id);
        if (!write.existed() || !before) throw StorageError("要修改的称号记录已不存在（可能已被删除）。");
        auto st = m_storage.db().cached(
            "UPDATE award SET title_id = ?, year = ?, person_id = ?, collective_name = ?, unit_id = ?, status = ?,"
            " doc_number = ? WHERE id = ? AND family_id IS NULL AND post_id IS NULL");
        st.bind(1, titleId).bind(2, input.year).bindIdOrNull(3, personId)
            .bindTextOrNull(4, input.collective ? name : std::string()).bindIdOrNull(5, input.unitId)
            .bind(6, input.status).bind(7, trim(input.docNumber)).bind(8, id);
        st.run();
        write.done();
        recordTitleEvent(change, id, before->status, input.status, input.year, input.docNumber, input.event);
    }
    change.commit();
    return id;
}

void RecordStore::deleteAward(RowId awardId) {
    // Named by its holder and title; its history (award_event) goes with it.
    auto st = m_storage.db().cached(
        "SELECT coalesce(p.name, a.collective_name, f.head_name, po.name, ''), t.name FROM award a"
        " JOIN award_title t ON t.id = a.title_id LEFT JOIN person p ON p.id = a.person_id"
        " LEFT JOIN family f ON f.id = a.family_id LEFT JOIN post po ON po.id = a.post_id WHERE a.id = ?");
    st.bind(1, awardId);
    if (!st.step()) return;
    const std::string label = "删除荣誉 " + st.columnText(0) + " " + st.columnText(1);
    st.reset();
    UndoStep step(m_storage, label);
    UndoStore(m_storage).deleteRow("award", awardId);
}

namespace {
const std::string kHonourSelect =
    "SELECT a.id, a.title_id, t.name, t.level, a.year, a.collective_name IS NOT NULL, coalesce(a.person_id, 0),"
    "       coalesce(p.name, a.collective_name, ''), coalesce(p.id_number, ''), coalesce(p.phone, ''),"
    "       coalesce(a.unit_id, 0), coalesce(u.name, ''), a.status, a.doc_number" + eventDateColumns() +
    " FROM award a JOIN award_title t ON t.id = a.title_id"
    " LEFT JOIN person p ON p.id = a.person_id"
    " LEFT JOIN org_unit u ON u.id = a.unit_id"
    " WHERE (a.person_id IS NOT NULL OR a.collective_name IS NOT NULL)";

HonourRow readHonour(const Statement& st) {
    HonourRow r;
    r.awardId = st.columnInt(0);
    r.titleId = st.columnInt(1);
    r.title = st.columnText(2);
    r.level = st.columnText(3);
    r.year = static_cast<int>(st.columnInt(4));
    r.collective = st.columnInt(5) != 0;
    r.personId = st.columnInt(6);
    r.name = st.columnText(7);
    r.idNumber = st.columnText(8);
    r.phone = st.columnText(9);
    r.unitId = st.columnInt(10);
    r.unitName = st.columnText(11);
    r.status = st.columnText(12);
    r.docNumber = st.columnText(13);
    r.namedOn = st.columnText(14);
    r.statusOn = st.columnText(15);
    return r;
}
} // namespace

std::vector<HonourRow> RecordStore::honourRows() {
    Statement st = m_storage.db().prepare(kHonourSelect + " ORDER BY a.id");
    std::vector<HonourRow> out;
    while (st.step()) out.push_back(readHonour(st));
    return out;
}

std::vector<HonourRow> RecordStore::honours(const std::vector<RowId>& awardIds) {
    if (awardIds.empty()) return {};
    std::string ids = "[";
    for (const RowId id : awardIds) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
    ids += "]";
    Statement st = m_storage.db().prepare(kHonourSelect + " AND a.id IN (" + m_storage.db().dialect().jsonArrayIds("?") + ")");
    st.bind(1, ids);
    std::unordered_map<RowId, HonourRow> byId;
    while (st.step()) {
        HonourRow r = readHonour(st);
        byId.emplace(r.awardId, std::move(r));
    }
    std::vector<HonourRow> out;
    out.reserve(awardIds.size());
    for (const RowId id : awardIds)
        if (auto it = byId.find(id); it != byId.end()) out.push_back(std::move(it->second));
    return out;
}

std::optional<HonourRow> RecordStore::honour(RowId awardId) {
    Statement st = m_storage.db().prepare(kHonourSelect + " AND a.id = ?");
    st.bind(1, awardId);
    if (!st.step()) return std::nullopt;
    return readHonour(st);
}

} // namespace jinguo::storage
