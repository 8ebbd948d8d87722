// record_import.cpp — units, targets and indicators: files → core's checks
// (core/record_import.hpp) → the audited stores, one undo step per file.
#include "storage/record_import.hpp"

#include "core/file_hash.hpp"
#include "core/id_number.hpp"
#include "core/record_import.hpp"
#include "core/targets.hpp"
#include "core/text.hpp"
#include "core/unit_match.hpp"
#include "core/vocabulary.hpp"
#include "storage/activity_store.hpp"
#include "storage/backup_store.hpp"
#include "storage/import_store.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/post_store.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/target_store.hpp"
#include "storage/title_review.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <new>
#include <set>

namespace jinguo::storage {

namespace {

using roster::FileImportReport;
using roster::Problem;
using roster::RosterImportRequest;
using roster::RosterImportResult;
using roster::RosterKind;
using roster::SheetImportReport;

// Collects every sheet the request asks for, whole.
class Collector : public sheet::RowSink {
public:
    Collector(const RosterImportRequest& request, FileImportReport& report) : m_request(request), m_report(report) {}
    bool beginSheet(const sheet::SheetInfo& info) override {
        if (m_request.cancel && m_request.cancel->load()) return false;
        if (!m_request.sheets.empty()) {
            bool wanted = false;
            for (const std::string& s : m_request.sheets) wanted = wanted || s == info.name;
            if (!wanted) return true;   // skipped: rows not read
        } else if (info.hidden) {
            m_skip = true;
            return true;
        } else if (roster::isInstructionsSheet(info.name)) {
            m_report.notes.push_back("工作表“" + info.name + "”是模板的填写说明，"
                                   + std::string(m_request.dryRun ? "不会导入。" : "没有导入。"));
            m_skip = true;
            return true;
        }
        m_skip = false;
        sheets.push_back({info.name, {}});
        m_collecting = true;
        return true;
    }
    bool row(const sheet::Row& row) override {
        if (m_collecting && !m_skip) sheets.back().rows.push_back(row);
        return !(m_request.cancel && m_request.cancel->load());
    }
    void endSheet() override { m_collecting = false; }
    std::vector<roster::CollectedSheet> sheets;

private:
    const RosterImportRequest& m_request;
    FileImportReport& m_report;
    bool m_collecting = false, m_skip = false;
};

std::string chineseOf(const StorageError& e) { return e.what(); }

class Writer {
public:
    Writer(Storage& storage, RosterKind kind) : m_storage(storage), m_db(storage.db()), m_kind(kind) {}

    // Writes one checked sheet; fills the sheet's counts and problems.
    // `cells`: the sheet as read, for the problem list's rows (null: none kept).
    void write(roster::RecordSheet& sheet, SheetImportReport& report, const roster::CollectedSheet* cells) {
        m_cells = cells;
        switch (m_kind) {
        case RosterKind::Units: writeUnits(sheet, report); break;
        case RosterKind::Targets: writeTargets(sheet, report); break;
        case RosterKind::Indicators: writeIndicators(sheet, report); break;
        case RosterKind::Honours: writeHonours(sheet, report); break;
        case RosterKind::Posts: writePosts(sheet, report); break;
        case RosterKind::Activities: writeActivities(sheet, report); break;
        case RosterKind::Reviews: writeReviews(sheet, report); break;
        default: break;
        }
    }
    std::string today;   // the request's: activities in the future are refused
    bool beforeWriting = false;   // a check (dry run): a refused row 不会导入, not 未导入

private:
    std::vector<roster::StoredUnit> storedUnits() {
        std::vector<roster::StoredUnit> out;
        Statement st = m_db.prepare("SELECT id, coalesce(parent_id, 0), name, kind, households FROM org_unit ORDER BY id");
        while (st.step())
            out.push_back({st.columnInt(0), st.columnInt(1), st.columnText(2), storedUnitKind(st.columnText(3)), st.columnInt(4)});
        return out;
    }

    void refused(SheetImportReport& report, int row, const std::string& column, const std::string& message,
                 const char* code = roster::code::kNotWritten) {
        report.problems.push_back({row, column, code, message + (beforeWriting ? "（本行不会导入）" : "（本行未导入）")});
        ++report.rowsSkipped;
        keepRow(report, row);
    }

    // The row's cells for the problem list the community fixes.
    void keepRow(SheetImportReport& report, int row) {
        if (!m_cells) return;
        for (const sheet::Row& r : m_cells->rows) {
            if (r.number != row) continue;
            report.problemRows.push_back(roster::problemRowOf(r, m_cells->date1904));
            std::stable_sort(report.problemRows.begin(), report.problemRows.end(),
                             [](const roster::ProblemRow& a, const roster::ProblemRow& b) { return a.row < b.row; });
            return;
        }
    }

    void writeUnits(roster::RecordSheet& sheet, SheetImportReport& report) {
        const roster::Mapping& m = *sheet.mapping;
        roster::UnitPlan plan = roster::planUnits(sheet.units, storedUnits(), sheet.refusedUnits, m.headerOf(roster::Field::ParentUnit),
                                                  m.headerOf(roster::Field::UnitName), beforeWriting);
        for (Problem& p : plan.problems) report.problems.push_back(std::move(p));
        report.rowsSkipped += static_cast<int>(plan.rejectedRows.size());
        for (int row : plan.rejectedRows) keepRow(report, row);
        RecordStore records(m_storage);
        std::vector<RowId> written(plan.steps.size(), 0);
        std::vector<bool> failed(plan.steps.size(), false);
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const roster::UnitStep& s = plan.steps[i];
            if (s.parentStep >= 0 && failed[s.parentStep]) {
                failed[i] = true;
                refused(report, s.row, m.headerOf(roster::Field::ParentUnit),
                        "上级单位所在的第" + std::to_string(plan.steps[s.parentStep].row) + (beforeWriting ? "行不会写入，所以本行也不会写入" : "行没有写入，所以本行也没有写入"));
                continue;
            }
            OrgUnit u;
            u.id = s.existingId;
            u.name = s.name;
            u.kind = s.kind;
            u.households = s.households;
            u.parentId = s.parentStep >= 0 ? written[s.parentStep] : s.parentId;
            try {
                if (s.existingId) {
                    const std::optional<OrgUnit> now = records.unit(s.existingId);
                    u.sortOrder = now ? now->sortOrder : 0;
                    if (now && now->kind == u.kind && now->households == u.households && now->parentId == u.parentId &&
                        now->name == u.name) {
                        written[i] = s.existingId;   // unchanged
                        continue;
                    }
                    records.updateUnit(u);
                    written[i] = s.existingId;
                    ++report.rowsUpdated;
                } else {
                    written[i] = records.addUnit(u);
                    ++report.rowsImported;
                }
            } catch (const StorageError& e) {
                failed[i] = true;
                refused(report, s.row, m.headerOf(roster::Field::UnitName), chineseOf(e));
            }
        }
    }

    // The unit tree, read once per file: a few thousand units at most.
    struct TreeUnit {
        RowId id = 0;
        RowId parentId = 0;
        std::string name;
        UnitKind kind = UnitKind::District;
    };
    void loadTree() {
        if (m_treeLoaded) return;
        Statement st = m_db.prepare("SELECT id, coalesce(parent_id, 0), name, kind FROM org_unit ORDER BY id");
        while (st.step())
            m_tree.push_back({st.columnInt(0), st.columnInt(1), st.columnText(2), storedUnitKind(st.columnText(3))});
        for (std::size_t i = 0; i < m_tree.size(); ++i) {
            m_byId[m_tree[i].id] = i;
            m_byName[m_tree[i].name].push_back(i);
            if (isStreetKind(m_tree[i].kind)) {
                m_streetNames.insert(m_tree[i].name);
                m_streetNames.insert(roster::streetNameKey(m_tree[i].name));
            }
        }
        m_treeLoaded = true;
    }
    const std::vector<std::size_t>* unitsNamed(const std::string& name) const {
        const auto it = m_byName.find(name);
        return it == m_byName.end() ? nullptr : &it->second;
    }
    std::string parentName(const TreeUnit& u) const {
        const auto it = m_byId.find(u.parentId);
        return it == m_byId.end() ? std::string() : m_tree[it->second].name;
    }

    // The unit a record names (targets, indicators, honours, posts and
    // activities): by 单位 and its 所属街道, by the rosters' rule and words
    // (core/unit_match.hpp): a name held by one unit is that unit; 社区 of one
    // name in several streets need the street (the column, or "江滨街道/新村社区"
    // in the cell; the column wins) — without it, or with a street holding none
    // of them, the row is refused with the streets named; a unique name under
    // another street than written is placed there with a warning. A name that
    // also belongs to a 街道/镇 or the district is its own street: the column is
    // not read for it, and several of them are refused naming their parents.
    // 0: the row was refused (its problem written).
    RowId unitOfRow(const roster::Mapping& m, SheetImportReport& report, int row, const std::string& unit,
                    const std::string& street) {
        loadTree();
        const std::string unitColumn = m.headerOf(roster::Field::OwnerUnit).empty()
                                         ? std::string(roster::fieldLabel(roster::Field::OwnerUnit))
                                         : m.headerOf(roster::Field::OwnerUnit);
        const std::string streetColumn = m.headerOf(roster::Field::Street);
        std::string name = unit, streetText = street;
        bool streetInCell = false;
        const std::vector<std::size_t>* held = unitsNamed(name);
        if (!held) {
            std::string cellStreet, cellUnit;
            const bool split = roster::splitStreetAndCommunity(
                unit, [&](std::string_view s) { return m_streetNames.count(std::string(s)) > 0; },
                [&](std::string_view s) {
                    const auto* named = unitsNamed(std::string(s));
                    return named && isCommunityKind(m_tree[named->front()].kind);
                },
                cellStreet, cellUnit);
            if (split && (held = unitsNamed(cellUnit))) {
                name = cellUnit;
                if (streetText.empty()) {
                    streetText = cellStreet;
                    streetInCell = true;
                }
            }
        }
        if (!held) {
            refused(report, row, unitColumn,
                    "单位“" + unit + "”不在“组织”中；请先导入或新增这个单位（单位表可以先导入），或改正单位名称");
            return 0;
        }
        const bool communities = std::all_of(held->begin(), held->end(), [&](std::size_t i) {
            return isCommunityKind(m_tree[i].kind);
        });
        if (!communities && !streetInCell) {
            if (held->size() == 1) return m_tree[held->front()].id;
            std::string parents;
            for (std::size_t i : *held) {
                const std::string p = parentName(m_tree[i]);
                if (!p.empty() && parents.find(p) == std::string::npos) parents += (parents.empty() ? "" : "、") + p;
            }
            const std::string firstParent = parentName(m_tree[held->front()]);
            refused(report, row, unitColumn,
                    "“组织”中有多个名为“" + name + "”的单位" + (parents.empty() ? "" : "（在" + parents + "）")
                        + "，无法判断是哪一个；请写成“" + (firstParent.empty() ? std::string("上级单位") : firstParent)
                        + "/" + name + "”这样带上级单位的名称，或先在“组织”中改名区分");
            return 0;
        }
        std::vector<roster::CommunityCandidate> candidates;
        for (std::size_t i : *held) candidates.push_back({m_tree[i].id, m_tree[i].parentId, parentName(m_tree[i])});
        const roster::UnitMatch match = roster::matchCommunity(candidates, streetText);
        const roster::UnitMatchNote note = roster::unitMatchNote(match, name, streetText, beforeWriting, unitColumn,
                                                                 !streetColumn.empty());
        const std::string column = note.aboutStreet && !streetInCell ? streetColumn : unitColumn;
        if (note.refused) {
            report.problems.push_back({row, column, note.code, note.message});
            ++report.rowsSkipped;
            keepRow(report, row);
            return 0;
        }
        if (note.code && m_streetDiffersSaid.insert(streetText + "\x1f" + name).second)
            report.problems.push_back({row, column, note.code, note.message});   // a warning: the row goes on
        return match.id;
    }

    void writeTargets(roster::RecordSheet& sheet, SheetImportReport& report) {
        const roster::Mapping& m = *sheet.mapping;
        TargetStore store(m_storage);
        const std::vector<AwardTitle> catalogue = m_storage.awardTitles();
        for (const roster::TargetRecord& r : sheet.targets) {
            Target t;
            t.year = r.year;
            t.metric = r.metric;
            t.goal = r.goal;
            t.note = r.note;
            t.atLevel = r.atLevel;
            if (!(t.unitId = unitOfRow(m, report, r.row, r.unit, r.street))) continue;
            const TargetMetricInfo* info = targetMetricInfo(r.metric);
            if (info && info->needsIndicator) t.indicator = r.title;
            else if (info && info->needsTitle) {
                // The same resolution as `jinguo targets set` (core/targets.hpp).
                const TargetTitle title = resolveTargetTitle(catalogue, *info, r.title, r.level);
                if (!title.ok()) {
                    refused(report, r.row, m.headerOf(roster::Field::Title), title.error);
                    continue;
                }
                t.titleId = title.titleId;
                t.atLevel = title.atLevel;
            }
            try {
                const std::optional<Target> before = store.sameAs(t);
                if (before && before->goal == t.goal && before->note == t.note) continue;   // unchanged
                store.save(t);
                ++(before ? report.rowsUpdated : report.rowsImported);
            } catch (const StorageError& e) {
                refused(report, r.row, m.headerOf(roster::Field::Goal), chineseOf(e));
            }
        }
    }

    void writeIndicators(roster::RecordSheet& sheet, SheetImportReport& report) {
        const roster::Mapping& m = *sheet.mapping;
        TargetStore store(m_storage);
        for (const roster::IndicatorRecord& r : sheet.indicators) {
            ManualIndicator mi;
            mi.year = r.year;
            mi.name = trim(r.name);
            mi.value = r.value;
            mi.unit = trim(r.measure);
            mi.note = r.note;
            if (!(mi.unitId = unitOfRow(m, report, r.row, r.unit, r.street))) continue;
            std::optional<ManualIndicator> before;
            {
                Statement st = m_db.prepare(
                    "SELECT value, unit, note FROM manual_indicator WHERE unit_id = ? AND year = ? AND name = ?");
                st.bind(1, mi.unitId).bind(2, mi.year).bind(3, mi.name);
                if (st.step()) {
                    before = mi;
                    before->value = st.columnDouble(0);
                    before->unit = st.columnText(1);
                    before->note = st.columnText(2);
                }
            }
            if (before && before->value == mi.value && before->unit == mi.unit && before->note == mi.note) continue;
            try {
                store.saveIndicator(mi);
                ++(before ? report.rowsUpdated : report.rowsImported);
            } catch (const StorageError& e) {
                refused(report, r.row, m.headerOf(roster::Field::Value), chineseOf(e));
            }
        }
    }

    // Honours: the holder as the honour form's save finds it (RecordStore::
    // personFor): a person by ID number, else the one of that name in the
    // unit; a collective by its name. The same holder, title, level and year
    // again is that award, updated in place.
    RowId sameHonour(const roster::HonourRecord& r, RowId unitId) {
        RowId personId = 0;
        if (!r.collective) {
            Statement st = r.idNumber.empty()
                ? m_db.prepare("SELECT id FROM person WHERE name = ? AND coalesce(unit_id, 0) = ? LIMIT 2")
                : m_db.prepare("SELECT id FROM person WHERE id_number = ?");
            if (r.idNumber.empty()) st.bind(1, normalizeName(r.name)).bind(2, unitId);
            else st.bind(1, r.idNumber);
            std::vector<RowId> ids;
            while (st.step()) ids.push_back(st.columnInt(0));
            if (ids.size() != 1) return 0;
            personId = ids[0];
        }
        Statement st = m_db.prepare(
            "SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id"
            " WHERE t.name = ?1 AND t.level = ?2 AND a.year = ?3 AND t.subject_kind = ?4"
            "   AND (?4 = 'person' AND a.person_id = ?5 OR ?4 = 'collective' AND a.collective_name = ?6"
            "        AND coalesce(a.unit_id, 0) = ?7) ORDER BY a.id LIMIT 1");
        st.bind(1, trim(r.title)).bind(2, r.level).bind(3, r.year).bind(4, r.collective ? "collective" : "person")
            .bind(5, personId).bind(6, trim(r.name)).bind(7, unitId);
        return st.step() ? st.columnInt(0) : 0;
    }

    void writeHonours(roster::RecordSheet& sheet, SheetImportReport& report) {
        const roster::Mapping& m = *sheet.mapping;
        RecordStore store(m_storage);
        const roster::Field holder = m.has(roster::Field::Name) ? roster::Field::Name : roster::Field::CollectiveName;
        for (const roster::HonourRecord& r : sheet.honours) {
            HonourInput in;
            in.collective = r.collective;
            in.name = r.name;
            in.idNumber = r.idNumber;
            in.title = r.title;
            in.level = r.level;
            in.year = r.year;
            in.status = r.status;
            in.docNumber = r.docNumber;
            in.event.date = r.namedOn;   // the date of the row's status; empty: the default (title_events.hpp)
            in.event.note = "导入";
            if (!(in.unitId = unitOfRow(m, report, r.row, r.unit, r.street))) continue;
            in.awardId = sameHonour(r, in.unitId);
            if (in.awardId) {
                const std::optional<HonourRow> now = store.honour(in.awardId);
                if (now && now->status == in.status && now->docNumber == trim(in.docNumber) && now->unitId == in.unitId)
                    continue;   // unchanged
            }
            try {
                store.saveHonour(in);
                ++(in.awardId ? report.rowsUpdated : report.rowsImported);
            } catch (const StorageError& e) {
                refused(report, r.row, m.headerOf(r.collective ? roster::Field::CollectiveName : holder), chineseOf(e));
            }
        }
    }

    // 复核 results: the holder (a person by 身份证号, else the household by
    // 户主 and 住址), then the one held title of that name (level and year
    // narrow it), then storage::reviewTitles — the same checks and writes as
    // the 称号复核 screen, joining the import's undo step.
    void writeReviews(roster::RecordSheet& sheet, SheetImportReport& report) {
        const roster::Mapping& m = *sheet.mapping;
        const std::string titleColumn = m.headerOf(roster::Field::Title);
        for (const roster::ReviewRecord& r : sheet.reviews) {
            const bool person = !r.idNumber.empty();
            const std::string holderColumn = m.headerOf(person ? roster::Field::IdNumber : roster::Field::HeadName);
            std::vector<RowId> holders;
            {
                Statement st = person
                    ? m_db.prepare("SELECT id FROM person WHERE id_number = ?1")
                    : m_db.prepare("SELECT id FROM family WHERE head_name = ?1 AND (CAST(?2 AS text) = '' OR address = ?2) ORDER BY id LIMIT 2");
                if (person) st.bind(1, r.idNumber);
                else st.bind(1, normalizeName(r.headName)).bind(2, r.address);
                while (st.step()) holders.push_back(st.columnInt(0));
            }
            const std::string who = person ? "身份证号为" + r.idNumber + "的人" :
                "户主“" + r.headName + "”" + (r.address.empty() ? std::string() : "（" + r.address + "）");
            if (holders.empty()) {
                refused(report, r.row, holderColumn,
                        "找不到" + who + (person ? "；请核对身份证号，或先在“荣誉”中登记此人的称号"
                                                 : "的家庭；请核对户主姓名和住址是否与“家庭”中一致"),
                        roster::code::kHolderNotFound);
                continue;
            }
            if (holders.size() > 1) {
                refused(report, r.row, m.headerOf(roster::Field::Address),
                        "“家庭”中有多户户主叫“" + r.headName + "”；请填写住址，以便找到是哪一户",
                        roster::code::kHolderNotFound);
                continue;
            }
            std::vector<RowId> awards;
            {
                Statement st = m_db.prepare(withWords(
                    "SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id"
                    " WHERE (CASE WHEN ?1 THEN a.person_id ELSE a.family_id END) = ?2 AND t.name = ?3"
                    "   AND (CAST(?4 AS text) = '' OR t.level = ?4) AND (?5 = 0 OR a.year = ?5) AND a.status IN {held}"
                    " ORDER BY a.id"));
                st.bind(1, person ? 1 : 0).bind(2, holders[0]).bind(3, r.title).bind(4, r.level).bind(5, r.year);
                while (st.step()) awards.push_back(st.columnInt(0));
            }
            const std::string which = (r.year ? std::to_string(r.year) + "年" : std::string())
                + (r.level.empty() ? std::string() : r.level + "级") + "“" + r.title + "”";
            if (awards.empty()) {
                refused(report, r.row, titleColumn,
                        who + "没有在册的" + which + "称号（可能从未获得、已经撤销，或级别、年度不同）；请核对称号、级别和年度",
                        roster::code::kTitleNotHeld);
                continue;
            }
            if (awards.size() > 1) {
                refused(report, r.row, titleColumn,
                        who + "有" + std::to_string(awards.size()) + "个在册的" + which +
                            "称号；请填写级别和年度，指明复核的是哪一个",
                        roster::code::kTitleNotHeld);
                continue;
            }
            ReviewDecision decision;
            decision.result = r.result;
            decision.date = r.reviewedOn.empty() ? today : r.reviewedOn;
            decision.docNumber = r.docNumber;
            decision.reason = r.reason;
            try {
                reviewTitles(m_storage, awards, decision, today);
                ++report.rowsUpdated;
            } catch (const StorageError& e) {
                refused(report, r.row, r.reviewedOn.empty() ? titleColumn : m.headerOf(roster::Field::ReviewedOn),
                        chineseOf(e));
            }
        }
    }

    void writePosts(roster::RecordSheet& sheet, SheetImportReport& report) {
        const roster::Mapping& m = *sheet.mapping;
        PostStore store(m_storage);
        for (const roster::PostRecord& r : sheet.posts) {
            RowId unitId = 0;
            if (!r.unit.empty() && !(unitId = unitOfRow(m, report, r.row, r.unit, r.street))) continue;
            RowId id = 0;
            {
                Statement st = m_db.prepare("SELECT id FROM post WHERE work_unit = ? AND name = ?");
                st.bind(1, trim(r.workUnit)).bind(2, trim(r.name));
                if (st.step()) id = st.columnInt(0);
            }
            const std::optional<Post> before = id ? store.post(id) : std::nullopt;
            Post p = before.value_or(Post{});
            p.workUnit = trim(r.workUnit);
            p.name = trim(r.name);
            if (unitId) p.unitId = unitId;
            if (r.members) p.members = *r.members;
            if (r.womenMembers) p.womenMembers = *r.womenMembers;
            if (!r.contact.empty()) p.contactName = r.contact;
            if (!r.phone.empty()) p.contactPhone = r.phone;
            if (!r.note.empty()) p.note = r.note;
            const bool postChanged = !before || before->unitId != p.unitId || before->members != p.members
                || before->womenMembers != p.womenMembers || before->contactName != p.contactName
                || before->contactPhone != p.contactPhone || before->note != p.note;
            try {
                Transaction row(m_db);   // the post and its state land together, or neither
                if (!before) id = store.insertPost(p);
                else if (postChanged) store.updatePost(p);
                bool stateChanged = false;
                if (!r.level.empty()) {
                    PostStore::ImportedState s;
                    s.level = r.level;
                    s.year = r.year;
                    s.status = r.status;
                    s.appliedOn = r.appliedOn;
                    const bool named = r.status == toWord(AwardStatus::Name) || r.status == toWord(AwardStatus::Review);
                    s.date = named && !r.namedOn.empty() ? r.namedOn
                           : !r.namedOn.empty() && r.status != toWord(AwardStatus::Apply) ? r.namedOn
                           : !r.appliedOn.empty() ? r.appliedOn
                           : today;
                    s.docNumber = r.docNumber;
                    stateChanged = store.importState(id, s);
                }
                row.commit();
                if (!before) ++report.rowsImported;
                else if (postChanged || stateChanged) ++report.rowsUpdated;
            } catch (const StorageError& e) {
                refused(report, r.row, m.headerOf(roster::Field::PostName), chineseOf(e));
            }
        }
    }

    void writeActivities(roster::RecordSheet& sheet, SheetImportReport& report) {
        const roster::Mapping& m = *sheet.mapping;
        ActivityStore store(m_storage);
        for (const roster::ActivityRecord& r : sheet.activities) {
            RowId unitId = 0;
            if (!r.unit.empty() && !(unitId = unitOfRow(m, report, r.row, r.unit, r.street))) continue;
            std::optional<Activity> before;
            {
                Statement st = m_db.prepare(
                    "SELECT id FROM activity WHERE name = ? AND held_on = ? AND coalesce(unit_id, 0) = ? ORDER BY id LIMIT 1");
                st.bind(1, trim(r.name)).bind(2, r.heldOn).bind(3, unitId);
                if (st.step()) before = store.activity(st.columnInt(0));
            }
            Activity a = before.value_or(Activity{});
            a.name = trim(r.name);
            a.heldOn = r.heldOn;
            a.unitId = unitId;
            if (!r.kind.empty() || !before) a.kind = r.kind;
            if (r.participants) a.participants = *r.participants;
            if (!r.note.empty() || !before) a.note = r.note;
            if (before && before->kind == a.kind && before->participants == a.participants && before->note == a.note)
                continue;   // unchanged
            try {
                if (before) store.update(a, today);
                else store.insert(a, today);
                ++(before ? report.rowsUpdated : report.rowsImported);
            } catch (const StorageError& e) {
                refused(report, r.row, m.headerOf(roster::Field::HeldOn), chineseOf(e));
            }
        }
    }

    Storage& m_storage;
    Database& m_db;
    RosterKind m_kind;
    const roster::CollectedSheet* m_cells = nullptr;
    bool m_treeLoaded = false;
    std::vector<TreeUnit> m_tree;
    std::map<RowId, std::size_t> m_byId;
    std::map<std::string, std::vector<std::size_t>> m_byName;
    std::set<std::string> m_streetNames;          // 街道/镇 names and their streetNameKey ("街道社区" cells)
    std::set<std::string> m_streetDiffersSaid;    // street + 社区 warned about once a file
};

RowId lastAuditId(Database& db) {
    Statement st = db.prepare("SELECT coalesce(max(id), 0) FROM audit_log");
    st.step();
    return st.columnInt(0);
}

RosterImportResult run(Storage& storage, const RosterImportRequest& request) {
    RosterImportResult result;
    auto fail = [&](std::string message, std::string code) {
        result.status = RosterImportResult::Status::Failed;
        result.error = std::move(message) + "（未写入任何数据）";
        result.errorCode = code.empty() ? "unsupported_format" : std::move(code);
        return result;
    };
    auto stop = [&] {
        result.status = RosterImportResult::Status::Cancelled;
        return result;
    };
    const char* kind = roster::kindKey(request.kind);
    ImportStore batches(storage);
    AuditLog& log = storage.auditLog();
    const bool auditWas = log.enabled();
    struct RestoreAudit {
        AuditLog& log;
        bool was;
        ~RestoreAudit() { log.setEnabled(was); }
    } restoreAudit{log, auditWas};
    log.setEnabled(true);   // the batch is undone through the audit log
    Transaction tx(storage.db());
    roster::ImportProgressState progress(request, static_cast<int>(request.files.size()));
    bool backedUp = false;
    for (std::size_t i = 0; i < request.files.size(); ++i) {
        const std::string& path = request.files[i];
        if (roster::cancelled(request)) return stop();
        progress.startFile(static_cast<int>(i));
        FileImportReport report;
        report.path = path;
        const auto sha = sha256OfFile(path);
        sheet::ReadResult listed = sheet::listSheets(path);
        if (!sha || listed.status != sheet::ReadStatus::Ok)
            return fail(listed.message.empty() ? "无法读取“" + path + "”。" : listed.message, listed.errorCode);
        report.format = listed.info.format;
        report.encoding = listed.info.encoding;
        if (auto earlier = batches.batchForFile(kind, *sha)) {
            report.alreadyImportedAs = earlier->id;
            report.alreadyImportedAt = earlier->finishedAt;
            result.files.push_back(std::move(report));
            continue;
        }
        if (!request.dryRun && !backedUp) {
            if (const std::string refused = backUpBeforeImport(storage.path()); !refused.empty())
                return fail(refused, "backup_failed");
            backedUp = true;
        }
        Collector collector(request, report);
        sheet::ReadOptions options;
        options.progress = &roster::ImportProgressState::onBytes;
        options.progressContext = &progress;
        const sheet::ReadResult read = sheet::readSpreadsheet(path, collector, options);
        if (read.status == sheet::ReadStatus::Cancelled || roster::cancelled(request)) return stop();
        if (read.status != sheet::ReadStatus::Ok) return fail(read.message, read.errorCode);
        for (const std::string& name : read.info.unreadableSheets)
            report.notes.push_back("工作表“" + name + "”在文件中没有内容（文件可能不完整），已跳过；其他工作表照常读取。");

        const std::string fileName = std::filesystem::path(path).filename().string();
        const RowId batch = batches.begin(kind, fileName, *sha);
        const RowId auditBefore = lastAuditId(storage.db());
        Writer writer(storage, request.kind);
        writer.today = request.today.empty() ? todayIso() : request.today;
        writer.beforeWriting = request.dryRun;
        for (roster::CollectedSheet& collected : collector.sheets) collected.date1904 = read.info.date1904;
        {
            UndoStep step(storage, std::string("导入") + roster::kindLabel(request.kind) + " " + fileName);
            for (const roster::CollectedSheet& collected : collector.sheets) {
                const auto userMapping = request.mappings.find(collected.name);
                roster::RecordSheet checked = roster::validateRecordSheet(
                    request.kind, collected, userMapping == request.mappings.end() ? nullptr : &userMapping->second,
                    request.keepProblemRows, request.dryRun);
                SheetImportReport s;
                s.name = collected.name;
                s.problems = checked.sheetProblems;
                if (checked.mapping) {
                    s.headerRow = checked.mapping->headerRowNumber;
                    s.mapping = roster::mappingEntries(*checked.mapping);
                    for (const roster::Column& c : checked.mapping->columns) {
                        if (static_cast<int>(s.headers.size()) <= c.index) s.headers.resize(c.index + 1);
                        s.headers[c.index] = c.header;
                    }
                }
                s.rowsRead = checked.rowsRead;
                s.rowsSkipped = checked.rowsRejected;
                for (Problem& p : checked.problems) s.problems.push_back(std::move(p));
                s.problemRows = std::move(checked.problemRows);
                for (int r = 0; r < checked.rowsRead; ++r) progress.rowRead();
                const bool importable = checked.mapping && std::none_of(
                    checked.sheetProblems.begin(), checked.sheetProblems.end(), [](const Problem& p) {
                        return p.code == roster::code::kHeaderNotFound || p.code == roster::code::kColumnMissing;
                    });
                if (importable) writer.write(checked, s, request.keepProblemRows ? &collected : nullptr);
                std::stable_sort(s.problems.begin(), s.problems.end(),
                                 [](const Problem& a, const Problem& b) { return a.row < b.row; });
                report.sheets.push_back(std::move(s));
            }
        }
        report.batch = request.dryRun ? 0 : batch;
        batches.finish(batch, report.rowsRead(), report.rowsImported(), report.rowsUpdated(), report.rowsSkipped(),
                       roster::fileImportReportJson(report));
        {
            Statement st = storage.db().prepare(
                "UPDATE import_batch SET undo_step_id = (SELECT max(step_id) FROM audit_log WHERE id > ?1)"
                " WHERE id = ?2");
            st.bind(1, auditBefore).bind(2, batch);
            st.run();
        }
        result.files.push_back(std::move(report));
    }
    if (request.beforeCommit) {
        const std::string error = request.beforeCommit(result.files);
        if (!error.empty()) {
            result.status = RosterImportResult::Status::Failed;
            result.error = error;
            result.errorCode = "report_not_written";
            return result;
        }
    }
    if (roster::cancelled(request)) return stop();
    if (request.dryRun) {
        result.status = RosterImportResult::Status::DryRun;
        return result;   // the transaction rolls back
    }
    tx.commit();
    storage.bump();
    result.status = RosterImportResult::Status::Committed;
    return result;
}

} // namespace

RosterImportResult runRecordImport(Storage& storage, const RosterImportRequest& request) {
    return run(storage, request);
}

} // namespace jinguo::storage
